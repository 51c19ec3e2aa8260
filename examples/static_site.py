"""Regenerate a news site's widgets with the Python API, for cron or a CI job.

    python examples/static_site.py public/widgets
    python examples/static_site.py public/widgets --now 2026-03-01T14:00:00+02:00

:func:`widgets.build_site` writes, for each city, ``<out>/<slug>/prayer-strip.html``,
``related-news.html`` (from ``news.json`` beside this script), the month's
timetable, demo pages and ``prayer-times.json``, with ``widgets.css`` and
``widgets.js`` at the top. Every file is replaced atomically, and a file
whose bytes did not change is left alone. The build reports when the
earliest of its fragments stops being true (the next prayer, or midnight):
a scheduler runs the script again then.
"""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from pathlib import Path

import widgets

HERE = Path(__file__).resolve().parent
CITIES = ("cairo", "alexandria", "riyadh", "amman")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write")
    parser.add_argument("--now", help="the instant, ISO 8601 with an offset (default: now)")
    args = parser.parse_args()
    now = datetime.fromisoformat(args.now) if args.now else datetime.now(timezone.utc)
    result = widgets.build_site(
        args.out, CITIES, now=now, news=HERE / "news.json", news_limit=5, locale="ar_EG", jobs=2
    )
    soonest = result.expires_at.isoformat() if result.expires_at else "any time"
    print(
        f"wrote {len(result.written)} files to {args.out}"
        f" ({len(result.unchanged)} unchanged); run again at {soonest}"
    )


if __name__ == "__main__":
    main()
