"""Regenerate a news site's widget fragments with the Python API, for cron or a CI job.

    python examples/static_site.py public/widgets
    python examples/static_site.py public/widgets --now 2026-03-01T14:00:00+02:00

For each city it writes ``<out>/<slug>/prayer-strip.html`` and
``<out>/<slug>/related-news.html`` (from ``news.json`` beside this script),
copies ``widgets.css`` and ``widgets.js``, and writes ``<out>/expires.json``:
when each fragment stops being true (the next prayer, or midnight). A web
server includes the fragments (SSI, ESI, or a template include) and can send
``expires.json``'s instants as ``Expires`` headers; a scheduler can run this
script again at the earliest of them.

Each file is written to a temporary file in the same folder and renamed over
the old one, so a visitor never gets half a fragment.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import widgets

HERE = Path(__file__).resolve().parent
CITIES = ("cairo", "alexandria", "riyadh", "amman")


def write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def generate(out: Path, now: datetime) -> dict[str, str | None]:
    """Write every fragment for the instant ``now``; return each file's expiry (ISO 8601)."""
    items = widgets.load_news(HERE / "news.json")
    expiries: dict[str, str | None] = {}
    for name in CITIES:
        city = widgets.place(name)
        strip = widgets.render_prayer_strip(city, now=now, locale="ar_EG", clock="12h")
        news = widgets.render_related_news(
            items, now=now, locale="ar_EG", timezone=city.timezone, limit=5
        )
        for filename, fragment in (("prayer-strip.html", strip), ("related-news.html", news)):
            write(out / city.slug / filename, fragment)
            expires = fragment.expires_at.isoformat() if fragment.expires_at else None
            expiries[f"{city.slug}/{filename}"] = expires
    assets = widgets.templates_path() / "widgets"
    for asset in ("widgets.css", "widgets.js"):
        if (assets / asset).is_file():
            out.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(assets / asset, out / asset)
    write(out / "expires.json", json.dumps(expiries, indent=2) + "\n")
    return expiries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write")
    parser.add_argument("--now", help="the instant, ISO 8601 with an offset (default: now)")
    args = parser.parse_args()
    now = datetime.fromisoformat(args.now) if args.now else datetime.now(timezone.utc)
    expiries = generate(args.out, now)
    soonest = min(filter(None, expiries.values()), default=None)
    print(f"wrote {len(expiries)} fragments to {args.out}; run again at {soonest}")


if __name__ == "__main__":
    main()
