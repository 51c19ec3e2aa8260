"""Rendering speed: the prayer strip against a bare Jinja2 render, warm and cold.

    python benchmarks/render.py [--rounds N]

- warm: ``render_prayer_strip`` with the same inputs again (same place, same
  minute state) against a bare Jinja2 render of the same template with an
  equivalent pre-built view (the same frozen view object). Goal: <= 1.5x.
- cold: a new day on every call (so no day, string or fragment is cached;
  per-process set-up such as compiled templates and Babel locales is kept)
  against raw praytimes' ``getTimes`` for that day plus the bare render.
  Goal: <= 2.5x.
- for information (no goal): the related-news list of the seed items and a
  month's timetable, against bare renders of their pre-built views.

Cases alternate (A, B, A, B, ...) and medians are reported, so that drift of
the machine hits both alike. Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))  # common.py
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's widgets

from common import (
    SETUP_CACHES,
    Case,
    Row,
    alternate,
    cache_clearer,
    format_table,
    machine,
    medians,
    spread,
)

import widgets
from widgets import headlines, render, views

HERE = Path(__file__).resolve().parent
GOALS = {"warm": 1.5, "cold": 2.5}
CITY = "cairo"
HOUR = 10  # local hour of the strip: Dhuhr is next
SEED = HERE.parent.parent / "shared" / "seed" / "related-news.json"


def bare_template(name: str) -> Any:
    """The same template in a plain Jinja2 environment of our own (same options, no caches)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(render.templates_path())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    return env.get_template(name)


def strip_rows(rounds: int) -> list[Row]:
    location = widgets.place(CITY)
    zone = ZoneInfo(location.timezone)
    now = datetime(2025, 4, 30, HOUR, tzinfo=zone)
    template = bare_template(render.STRIP_TEMPLATE)
    view = views.strip_view(location, now=now)
    same = template.render(strip=view) == render.render_prayer_strip(location, now=now)

    warm = alternate(
        [
            Case(name="ours", run=lambda: render.render_prayer_strip(location, now=now), inner=200),
            Case(name="bare", run=lambda: template.render(strip=view), inner=200),
        ],
        rounds,
    )

    from praytimes import PrayTimes

    engine = PrayTimes()
    where = (location.latitude, location.longitude)
    clear = cache_clearer("widgets", keep=SETUP_CACHES)
    days = {"ours": date(2030, 1, 1), "peer": date(2030, 1, 1)}
    pending: dict[str, datetime] = {}

    def advance(key: str) -> datetime:
        days[key] += timedelta(days=1)
        day = days[key]
        return datetime(day.year, day.month, day.day, HOUR, tzinfo=zone)

    def ours_setup() -> None:
        clear()
        pending["ours"] = advance("ours")

    def peer_setup() -> None:
        pending["peer"] = advance("peer")

    def peer_run() -> object:
        # The same place-days as the strip: today, the coming day it carries for the
        # script (coming_days=1, the default) and the Fajr after that one.
        for ahead in range(3):
            moment = pending["peer"] + timedelta(days=ahead)
            offset = moment.utcoffset()
            assert offset is not None
            engine.getTimes(
                (moment.year, moment.month, moment.day), where, offset.total_seconds() / 3600
            )
        return template.render(strip=view)

    cold = alternate(
        [
            Case(
                name="ours",
                run=lambda: render.render_prayer_strip(location, now=pending["ours"]),
                setup=ours_setup,
                inner=20,
            ),
            Case(name="peer", run=peer_run, setup=peer_setup, inner=20),
        ],
        rounds,
    )
    warm_m, cold_m = medians(warm), medians(cold)
    return [
        Row(
            name="strip warm vs bare jinja2",
            ours=warm_m["ours"],
            peer=warm_m["bare"],
            unit="s",
            goal=GOALS["warm"],
            noise=spread(warm["ours"]),
            note="" if same else "bare HTML differs!",
        ),
        Row(
            name="strip cold vs praytimes days + bare",
            ours=cold_m["ours"],
            peer=cold_m["peer"],
            unit="s",
            goal=GOALS["cold"],
            noise=spread(cold["ours"]),
            note="a new day each call; peer computes the 3 days the strip holds",
        ),
    ]


def _info_row(
    name: str, ours: Callable[[], object], peer: Callable[[], object], rounds: int
) -> Row:
    samples = alternate(
        [Case(name="ours", run=ours, inner=20), Case(name="bare", run=peer, inner=20)], rounds
    )
    middle = medians(samples)
    return Row(
        name=name,
        ours=middle["ours"],
        peer=middle["bare"],
        unit="s",
        goal=None,
        noise=spread(samples["ours"]),
    )


def other_rows(rounds: int) -> list[Row]:
    rows: list[Row] = []
    if SEED.exists():
        seed = json.loads(SEED.read_text(encoding="utf-8"))
        items, zone = seed["items"], seed["timezone"]
        news = bare_template(render.NEWS_TEMPLATE)
        news_view = headlines.news_view(items, timezone=zone)
        rows.append(
            _info_row(
                "news list (seed items) vs bare jinja2",
                lambda: render.render_related_news(items, timezone=zone),
                lambda: news.render(news=news_view),
                rounds,
            )
        )
    table = bare_template(render.TIMETABLE_TEMPLATE)
    month = date(2025, 4, 1)
    table_view = views.timetable_view(CITY, month=month)
    rows.append(
        _info_row(
            "month timetable vs bare jinja2",
            lambda: render.render_timetable(CITY, month=month),
            lambda: table.render(table=table_view),
            max(rounds // 3, 3),
        )
    )
    return rows


# --- how sites call it: the news list, the template path, many places ---------------------------

NEWS_GOAL = 1.5
TEMPLATE_GOAL = 1.3
PLACES_GOAL = 2.0
RELATIVE_WITHIN = timedelta(hours=12)


def seed_news() -> tuple[list[dict[str, Any]], datetime]:
    """Six related items as a site has them (mappings from JSON), and a ``now`` 2.5 h after the
    newest, so that the stamps are relative ("2 hours ago", "yesterday at ...")."""
    if SEED.exists():
        items = json.loads(SEED.read_text(encoding="utf-8"))["items"][:6]
    else:  # pragma: no cover - the seed folder is beside the checkout
        base = datetime(2025, 4, 30, 22, 16, tzinfo=ZoneInfo("Africa/Cairo"))
        items = [
            {
                "title": f"خبر {n}",
                "url": f"/news/{n}",
                "published": (base - n * timedelta(minutes=37)).isoformat(),
            }
            for n in range(6)
        ]
    newest = max(datetime.fromisoformat(item["published"]) for item in items)
    zone = ZoneInfo("Africa/Cairo")
    return items, (newest + timedelta(hours=2, minutes=30)).astimezone(zone)


def news_rows(rounds: int) -> list[Row]:
    """The related-news list warm (same items, same minute) against a bare Jinja2 render."""
    items, now = seed_news()
    template = bare_template(render.NEWS_TEMPLATE)
    view = headlines.news_view(items, now=now, relative_within=RELATIVE_WITHIN)
    ours = render.render_related_news(items, now=now, relative_within=RELATIVE_WITHIN)
    same = template.render(news=view) == ours
    samples = alternate(
        [
            Case(
                name="ours",
                run=lambda: render.render_related_news(
                    items, now=now, relative_within=RELATIVE_WITHIN
                ),
                inner=200,
            ),
            Case(name="bare", run=lambda: template.render(news=view), inner=200),
        ],
        rounds,
    )
    middle = medians(samples)
    return [
        Row(
            name="news list warm vs bare jinja2",
            ours=middle["ours"],
            peer=middle["bare"],
            unit="s",
            goal=NEWS_GOAL,
            noise=spread(samples["ours"]),
            note="6 items, relative stamps" + ("" if same else "; bare HTML differs!"),
        )
    ]


def template_path_rows(rounds: int) -> list[Row]:
    """Strip + news in a host page through ``install(env)`` against the direct ``render_*``.

    Both sides render a host template in a host environment: one calls our
    globals, the other prints fragments that Python got from ``render_*``
    just before, so what differs is the template path alone.
    """
    import jinja2

    items, now = seed_news()
    # as Flask configures it outside debug mode: templates are not checked for changes
    host = widgets.install(jinja2.Environment(autoescape=True, auto_reload=False))
    through = host.from_string(
        "<header>{{ prayer_strip(place, now=now) }}</header>"
        "<aside>{{ related_news(items, now=now, relative_within=within) }}</aside>"
    )
    direct = host.from_string("<header>{{ strip }}</header><aside>{{ news }}</aside>")
    context = {"place": CITY, "now": now, "items": items, "within": RELATIVE_WITHIN}

    def run_direct() -> str:
        strip = render.render_prayer_strip(CITY, now=now)
        news = render.render_related_news(items, now=now, relative_within=RELATIVE_WITHIN)
        return direct.render(strip=strip, news=news)

    same = through.render(**context) == run_direct()
    samples = alternate(
        [
            Case(name="install", run=lambda: through.render(**context), inner=200),
            Case(name="direct", run=run_direct, inner=200),
        ],
        rounds,
    )
    middle = medians(samples)
    return [
        Row(
            name="template path: install(env) vs render_*",
            ours=middle["install"],
            peer=middle["direct"],
            unit="s",
            goal=TEMPLATE_GOAL,
            noise=spread(samples["install"]),
            note="strip + news in a host page" + ("" if same else "; pages differ!"),
        )
    ]


def grid_places(count: int) -> list[widgets.Location]:
    """``count`` distinct places on a 0.01-degree grid around the Nile valley (Cairo's zone)."""
    side = 100
    return [
        widgets.Location(
            latitude=24.0 + (n // side) * 0.01,
            longitude=30.0 + (n % side) * 0.01,
            timezone="Africa/Cairo",
            name=f"موقع {n}",
            country="EG",
        )
        for n in range(count)
    ]


def many_places_rows(rounds: int, many: int = 5000, few: int = 100) -> list[Row]:
    """The strip at ``many`` distinct places round robin against ``few`` places (warm)."""
    places = grid_places(many)
    now = datetime(2025, 4, 30, HOUR, tzinfo=ZoneInfo("Africa/Cairo"))
    strip = render.render_prayer_strip

    def sweep(chosen: list[widgets.Location], calls: int) -> Callable[[], object]:
        def run() -> object:
            for n in range(calls):
                strip(chosen[n % len(chosen)], now=now)
            return None

        return run

    for location in places:  # every strip once: the round robin then runs warm, if it fits
        strip(location, now=now)
    samples = alternate(
        [
            Case(name="many", run=sweep(places, many), per=many),
            Case(name="few", run=sweep(places[:few], many), per=many),
        ],
        max(rounds // 3, 3),
    )
    middle = medians(samples)
    return [
        Row(
            name=f"strip at {many} places vs {few} (round robin)",
            ours=middle["many"],
            peer=middle["few"],
            unit="s",
            goal=PLACES_GOAL,
            noise=spread(samples["many"]),
            note="warm: every place rendered once before",
        )
    ]


def site_rows(rounds: int) -> list[Row]:
    """The rows of the way sites call the package (issue 15's goals)."""
    return news_rows(rounds) + template_path_rows(rounds) + many_places_rows(rounds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="samples per case (default 30)")
    args = parser.parse_args(argv)
    rows = strip_rows(args.rounds) + site_rows(args.rounds) + other_rows(args.rounds)
    print(f"prayer-news-widgets {widgets.__version__}: rendering")
    print(machine())
    print("medians of alternating runs; ratio = ours / peer; +-N% = half the interquartile range\n")
    print(format_table(rows))
    return 1 if any(row.ok == "NO" for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
