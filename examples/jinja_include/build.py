"""A host Jinja2 site that overrides one widget template and includes another.

    python examples/jinja_include/build.py page.html
    python examples/jinja_include/build.py page.html --now 2026-03-01T14:00:00+02:00

``templates/widgets/prayer_strip.html`` replaces ours: it extends the original
(reachable as ``widgets_default/widgets/prayer_strip.html``) and adds a link
under the times. ``templates/page.html`` calls the ``prayer_strip(...)``
global and includes ``widgets/related_news.html`` with a view model.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

import jinja2

import widgets

HERE = Path(__file__).resolve().parent


def environment(now: datetime | None = None) -> jinja2.Environment:
    """The host's environment, with the widgets installed behind its own templates."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return widgets.install(env, clock=(lambda: now) if now is not None else None)


def render_page(now: datetime | None = None) -> str:
    items = widgets.load_news(HERE.parent / "news.json")
    template = environment(now).get_template("page.html")
    return template.render(
        title="صفحة من موقع مضيف",
        body="قالب الموقع نفسه، وفيه شريط المواقيت وقائمة الأخبار.",
        city="cairo",
        items=items,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="the file to write (default: stdout)")
    parser.add_argument("--now", help="the instant, ISO 8601 with an offset (default: now)")
    args = parser.parse_args()
    now = datetime.fromisoformat(args.now) if args.now else datetime.now(timezone.utc)
    page = render_page(now)
    if args.out is None:
        sys.stdout.write(page)
    else:
        args.out.write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()
