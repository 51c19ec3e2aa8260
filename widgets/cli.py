"""The command line: build a static site of widgets; look up times, places and methods.

``python -m widgets`` and the ``prayer-news-widgets`` console script run
:func:`main`::

    prayer-news-widgets build --demo          # Cairo, Egyptian method, sample news -> site/
    prayer-news-widgets build --city riyadh --city jeddah --days 7 --out public/widgets
    prayer-news-widgets build --config site.toml
    prayer-news-widgets times --city alexandria --date 2026-03-01
    prayer-news-widgets timetable --month 2026-02 --city cairo
    prayer-news-widgets places --country EG
    prayer-news-widgets methods

Exit status: 0 when done, 2 for a usage error, 1 for a bad value or a file
that cannot be read or written, reported on one line of stderr. This is the
only module of the package that reads the clock; ``--now`` fixes the
instant, and a build with ``--now`` writes the same bytes every time. The
``build`` command is :func:`widgets.build_site`; this module only reads its
arguments and prints. It uses the package's public names only.
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import difflib
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Final, TextIO, cast, get_args

import widgets
from widgets import site

__all__ = ["PROG", "main"]

PROG: Final = "prayer-news-widgets"
"""The program name printed in usage lines and before every error."""
DEFAULT_CITY: Final = "cairo"
DEFAULT_OUT: Final = "site"
DEFAULT_LOCALE: Final = "ar_EG"  # of every command
SAMPLE_NEWS: Final = "sample-news.json"
"""Package data file (``widgets/data/``) with the sample related-news items."""
NEWS_LIMIT: Final = 6

_UTC: Final = timezone.utc
_DIGITS: Final[tuple[str, ...]] = get_args(widgets.Digits)
_CLOCKS: Final[tuple[str, ...]] = get_args(widgets.Clock)
_ASR: Final = tuple(member.value for member in widgets.Asr)
_MONTH: Final = re.compile(r"(\d{4})-(\d{2})")
_INTERRUPTED: Final = 130


class _UsageError(Exception):
    """Arguments that do not fit together (exit status 2, like argparse's own errors)."""


# --- reading values -----------------------------------------------------------------------------


def _parse_now(text: str | None) -> datetime:
    """The instant of ``--now`` (ISO 8601 with an offset), or the clock's when not given."""
    if text is None:
        return datetime.now(_UTC)
    allowed = "an ISO 8601 instant with an offset, such as 2026-03-01T14:00:00+02:00"
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        instant = datetime.fromisoformat(cleaned)
    except ValueError:
        raise widgets.InvalidInputError("now", text, allowed) from None
    if instant.utcoffset() is None:
        raise widgets.InvalidInputError("now", text, allowed)
    return instant


def _parse_date(field: str, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise widgets.InvalidInputError(
            field, text, "a date written YYYY-MM-DD, such as 2026-03-01"
        ) from None


def _parse_month(text: str) -> date:
    found = _MONTH.fullmatch(text.strip())
    allowed = "a month written YYYY-MM, such as 2026-02"
    if not found:
        raise widgets.InvalidInputError("month", text, allowed)
    try:
        return date(int(found.group(1)), int(found.group(2)), 1)
    except ValueError:
        raise widgets.InvalidInputError("month", text, allowed) from None


def _choice(field: str, value: object, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise widgets.InvalidInputError(field, value, " or ".join(map(repr, choices)))
    return str(value)


def _digits(value: object) -> widgets.Digits:
    return cast(widgets.Digits, _choice("digits", value, _DIGITS))


def _clock(value: object) -> widgets.Clock | None:
    if value is None:  # the locale's own hour cycle
        return None
    return cast(widgets.Clock, _choice("clock", value, _CLOCKS))


def _month_days(month: date) -> list[date]:
    last = calendar.monthrange(month.year, month.month)[1]
    return [date(month.year, month.month, number) for number in range(1, last + 1)]


def _place_from_options(args: argparse.Namespace) -> site.SitePlace | None:
    given = [args.lat is not None, args.lon is not None, args.tz is not None]
    named = (args.name, args.name_en, args.country)
    if not any(given) and all(value is None for value in named):
        return None
    if not all(given):
        raise _UsageError(
            "--lat, --lon and --tz go together (--name, --name-en, --country with them)"
        )
    location = widgets.Location(
        latitude=args.lat,
        longitude=args.lon,
        timezone=args.tz,
        elevation=args.elevation,
        name=args.name or "",
        name_en=args.name_en or "",
        country=args.country or "",
    )
    return site.SitePlace(location=location)


def _places(args: argparse.Namespace, config: Mapping[str, object]) -> list[site.SitePlace]:
    places = [site.SitePlace(location=widgets.place(name)) for name in args.city or ()]
    custom = _place_from_options(args)
    if custom is not None:
        places.append(custom)
    if not places and "cities" in config:
        places = list(cast(list[site.SitePlace], config["cities"]))
    return places or [site.SitePlace(location=widgets.place(DEFAULT_CITY))]


def build_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`widgets.build_site`: the command line over ``--config``."""
    config: dict[str, object] = {}
    if args.config is not None:
        config = site.read_config(args.config)

    def pick(key: str, given: object, default: object) -> object:
        return given if given is not None else config.get(key, default)

    news: object = None
    if args.no_news or (config.get("news") is False and args.news is None):
        news = None
    elif args.news is not None:
        news = Path(args.news)
    elif isinstance(config.get("news"), Path):
        news = config["news"]
    elif args.demo or config.get("news") is True:
        news = resources.files("widgets").joinpath(f"data/{SAMPLE_NEWS}").read_bytes()
    if args.out is not None:
        out: object = Path(args.out)
    elif args.config is None:
        out = Path(DEFAULT_OUT)
    else:
        out = config.get("out", Path(args.config).resolve().parent / DEFAULT_OUT)
    days = pick("days", args.days, None)
    if days is not None and (not isinstance(days, int) or not 1 <= days <= site.MAX_DAYS):
        raise widgets.InvalidInputError("days", days, f"a whole number from 1 to {site.MAX_DAYS}")
    return {
        "out": out,
        "places": _places(args, config),
        "method": pick("method", args.method, None),
        "asr": pick("asr", args.asr, "standard"),
        "locale": pick("locale", args.locale, DEFAULT_LOCALE),
        "digits": _digits(pick("digits", args.digits, "latn")),
        "clock": _clock(pick("clock", args.clock, None)),
        "jumuah": args.jumuah,
        "coming_days": args.coming_days,
        "hijri_offset": pick("hijri_offset", args.hijri_offset, 0),
        "days": days or 0,
        "news": news,
        "news_limit": pick("news_limit", args.news_limit, NEWS_LIMIT),
        "imsakiya": pick("imsakiya", args.imsakiya, None),
        "script": pick("script", args.script, True),
        "site_name": pick("site_name", args.site_name, None),
        "hijri_month_starts": pick("hijri_month_starts", args.hijri_month_starts, None),
        "jobs": args.jobs,
    }


def _progress_line(stream: TextIO) -> Callable[[int, int], None]:
    """``built 120/900 pages`` on one updating line of ``stream`` (a terminal)."""

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        stream.write(f"\r{PROG}: built {done}/{total} pages{end}")
        stream.flush()

    return show


def _cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    arguments = build_arguments(args)
    now = _parse_now(args.now)
    if isinstance(arguments["news"], bytes) and not args.quiet:
        print(f"{PROG}: demo: the related news are the package's sample headlines", file=out)
    show = not args.quiet and sys.stderr.isatty()
    result = widgets.build_site(
        now=now, progress=_progress_line(sys.stderr) if show else None, **arguments
    )
    if not args.quiet:
        written, unchanged = len(result.written), len(result.unchanged)
        print(
            f"{PROG}: wrote {written} of {written + unchanged} files to {result.out}"
            f" ({unchanged} unchanged)",
            file=out,
        )
    return 0


# --- the other commands ----------------------------------------------------------------------


def _single_place(args: argparse.Namespace) -> widgets.Location:
    custom = _place_from_options(args)
    if custom is not None:
        return custom.location
    return widgets.place(args.city or DEFAULT_CITY)


def _formatter(args: argparse.Namespace, location: widgets.Location) -> widgets.Formatter:
    return widgets.Formatter(
        args.locale, location.timezone, _digits(args.digits), _clock(args.clock)
    )


def _table(rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip(), file=out)


def _month_starts(args: argparse.Namespace) -> widgets.MonthStarts | None:
    path = getattr(args, "hijri_month_starts", None)
    return None if path is None else widgets.load_month_starts(path)


def _calendar(args: argparse.Namespace, location: widgets.Location) -> dict[str, Any]:
    """The Hijri calendar of a place: its country's announced months, and a newer file."""
    return {"country": location.country or None, "month_starts": _month_starts(args)}


def _hijri_text(
    formatter: widgets.Formatter, day: date, offset: int, calendar_of: Mapping[str, Any]
) -> str:
    try:
        return formatter.hijri_date(widgets.to_hijri(day, offset, **calendar_of))
    except widgets.HijriRangeError:
        return ""


def _method_label(method: widgets.Method) -> str:
    return f"{method.slug}: {method.name}"


def _times_document(
    args: argparse.Namespace, location: widgets.Location, days: list[date], now: datetime
) -> str:
    """The JSON of ``times --json`` and ``timetable --format json``."""
    document = site.times_json(
        location,
        days,
        method=args.method,
        asr=args.asr,
        hijri_offset=args.hijri_offset,
        now=now,
        hijri_month_starts=_month_starts(args),
    )
    return site.dumps(document)


def _cmd_times(args: argparse.Namespace, out: TextIO) -> int:
    location = _single_place(args)
    now = _parse_now(args.now)
    day = _parse_date("date", args.date) if args.date else now.astimezone(location.zone).date()
    formatter = _formatter(args, location)
    computed = widgets.prayer_times(location, day, method=args.method, asr=args.asr)
    if args.json:
        out.write(_times_document(args, location, [day], now))
        return 0
    names = " · ".join(dict.fromkeys(filter(None, (location.name_en, location.name))))
    dates = " · ".join(
        filter(
            None,
            (
                formatter.gregorian_date(day),
                _hijri_text(formatter, day, args.hijri_offset, _calendar(args, location)),
            ),
        )
    )
    print(f"{names or location.display_name} · {dates}", file=out)
    print(f"{location.timezone} · {_method_label(computed.method)}", file=out)
    print(file=out)
    rows = [
        (formatter.prayer_name(entry.prayer), formatter.time(entry.time), entry.time.isoformat())
        for entry in computed
    ]
    _table(rows, out)
    return 0


def _cmd_timetable(args: argparse.Namespace, out: TextIO) -> int:
    location = _single_place(args)
    now = _parse_now(args.now)
    month = _parse_month(args.month) if args.month else now.astimezone(location.zone).date()
    formatter = _formatter(args, location)
    if args.format == "html":
        fragment = widgets.render_timetable(
            location,
            month=month,
            now=now,
            locale=args.locale,
            digits=_digits(args.digits),
            clock=_clock(args.clock),
            method=args.method,
            hijri_offset=args.hijri_offset,
            imsakiya=args.imsakiya,
            asr=args.asr,
            hijri_month_starts=_month_starts(args),
            jumuah=args.jumuah,
        )
        out.write(fragment + "\n")
        return 0
    days = _month_days(month)
    if args.imsakiya:
        days = widgets.ramadan_between(
            days[0], days[-1], args.hijri_offset, **_calendar(args, location)
        )
    if not days:
        raise widgets.InvalidInputError(
            "month", month.strftime("%Y-%m"), "a month with days of Ramadan"
        )
    if args.format == "json":
        out.write(_times_document(args, location, days, now))
        return 0
    prayers = list(widgets.Prayer)
    method = (
        widgets.get_method(args.method)
        if args.method
        else widgets.method_for_country(location.country)
    )
    print(f"{location.name_en or location.display_name} · {location.timezone}", file=out)
    print(_method_label(method), file=out)
    print(file=out)
    header = ["date", *(["hijri", "imsak"] if args.imsakiya else []), *(p.value for p in prayers)]
    rows: list[list[str]] = [header]
    for day in days:
        row = [day.isoformat()]
        try:
            computed: widgets.PrayerDay | None = widgets.prayer_times(
                location, day, method=args.method, asr=args.asr
            )
        except widgets.TimeUnavailableError:
            computed = None
        if args.imsakiya:
            hijri_day = widgets.to_hijri(day, args.hijri_offset, **_calendar(args, location))
            row.append(hijri_day.isoformat())
            row.append(formatter.time(computed.imsak) if computed else "—")
        row.extend(formatter.time(computed.time(p)) if computed else "—" for p in prayers)
        rows.append(row)
    _table(rows, out)
    return 0


def _default_countries() -> dict[str, list[str]]:
    """Method slug -> the countries of built-in places that use it by default."""
    countries = sorted({location.country for location in widgets.all_places() if location.country})
    found: dict[str, list[str]] = {}
    for country in countries:
        found.setdefault(widgets.method_for_country(country).slug, []).append(country)
    return found


def _cmd_places(args: argparse.Namespace, out: TextIO) -> int:
    places = list(widgets.all_places())
    if args.country:
        wanted = args.country.strip().upper()
        known = sorted({location.country for location in places})
        places = [location for location in places if location.country == wanted]
        if not places:
            raise widgets.UnknownNameError(
                "country",
                args.country,
                "the ISO code of a country with built-in places: " + ", ".join(known),
                difflib.get_close_matches(wanted, known, n=3),
            )
    if args.json:
        out.write(site.dumps([site.location_json(location) for location in places]))
        return 0
    rows = [("slug", "country", "timezone", "latitude", "longitude", "name", "name_ar")]
    rows += [
        (
            location.slug,
            location.country,
            str(location.timezone),
            f"{location.latitude:.4f}",
            f"{location.longitude:.4f}",
            location.name_en,
            location.name,
        )
        for location in places
    ]
    _table(rows, out)
    return 0


def _isha_text(method: widgets.Method) -> str:
    if method.isha_angle is not None:
        return f"Isha {method.isha_angle:g}°"
    text = f"Isha {method.isha_minutes:g} min after Maghrib"
    if method.isha_minutes_ramadan is not None:
        text += f" ({method.isha_minutes_ramadan:g} in Ramadan)"
    return text


def _cmd_methods(args: argparse.Namespace, out: TextIO) -> int:
    defaults = _default_countries()
    methods = list(widgets.METHODS.values())
    if args.json:
        documents = []
        for method in methods:
            document = site.method_json(method)
            document["default_for"] = defaults.get(method.slug, [])
            documents.append(document)
        out.write(site.dumps(documents))
        return 0
    for method in methods:
        title = method.name + (f" ({method.name_ar})" if method.name_ar else "")
        print(f"{method.slug}  {title}", file=out)
        parts = [f"Fajr {method.fajr_angle:g}°", _isha_text(method)]
        if method.maghrib_angle is not None:
            parts.append(f"Maghrib {method.maghrib_angle:g}°")
        moved = [
            f"{prayer.value} {method.adjustments[prayer]:+g}"
            for prayer in widgets.Prayer
            if method.adjustments[prayer]
        ]
        if moved:
            parts.append("adjustments " + ", ".join(moved) + " min")
        if method.rounding is not widgets.Rounding.NEAREST:
            parts.append(f"rounding {method.rounding.value}")
        parts.append(
            "horizon lowered for the place's elevation"
            if method.elevation
            else "horizon at sea level"
        )
        if method.slug in defaults:
            parts.append("default in " + ", ".join(defaults[method.slug]))
        print("    " + "; ".join(parts), file=out)
        if method.source:
            print(f"    source: {method.source}", file=out)
    return 0


_BUILD_EPILOG: Final = """\
files (under --out; with several cities, under --out/<slug>/ and an index.html
listing them): index.html (a demo page: the strip in the header, an article,
the related-news list), month.html, ramadan.html, the bare fragments
prayer-strip.html, related-news.html, timetable.html and imsakiya.html (when
the month has days of Ramadan, or with --imsakiya), prayer-times.json, and
with --days N days/YYYY-MM-DD.html and days/YYYY-MM-DD.prayer-strip.html;
widgets.css, widgets.js and page.css at the top.

Related news: --news FILE, or the package's sample headlines with --demo;
none otherwise. site.toml (--config): keys out, cities, method, asr, locale,
digits, clock, hijri_offset, hijri_month_starts (a path), days, news (a path,
true for the samples, or false), news_limit, imsakiya, script, site_name.
cities: place names, or tables with place, or latitude, longitude, timezone
(and elevation, name, name_en, country, slug), each with its own method, asr
and hijri_offset if wanted. Paths are relative to the file; options win.
"""


def _place_options(parser: argparse.ArgumentParser, repeat: bool) -> None:
    group = parser.add_argument_group("place")
    if repeat:
        group.add_argument(
            "--city",
            action="append",
            metavar="NAME",
            help="a built-in place, by slug, English or Arabic name (repeatable; default cairo)",
        )
    else:
        group.add_argument(
            "--city", metavar="NAME", help="a built-in place (slug, English or Arabic name)"
        )
    group.add_argument("--lat", type=float, metavar="DEG", help="latitude of a place of your own")
    group.add_argument("--lon", type=float, metavar="DEG", help="its longitude (east positive)")
    group.add_argument("--tz", metavar="ZONE", help="its IANA time zone, such as Africa/Cairo")
    group.add_argument("--elevation", type=float, default=0.0, metavar="M", help="its elevation")
    group.add_argument("--name", help="its Arabic (display) name")
    group.add_argument("--name-en", dest="name_en", help="its English name")
    group.add_argument(
        "--country", metavar="CC", help="its ISO country code (picks the default method)"
    )


def _time_options(
    parser: argparse.ArgumentParser, *, locale: str | None, clock: str | None
) -> None:
    group = parser.add_argument_group("computing and formatting")
    group.add_argument(
        "--method", help="a method slug (see the methods command); default: the country's"
    )
    group.add_argument("--asr", choices=_ASR, default=None if locale is None else "standard")
    group.add_argument("--locale", default=locale, help=f"default {locale or DEFAULT_LOCALE}")
    group.add_argument("--digits", choices=_DIGITS, default=None if locale is None else "latn")
    group.add_argument("--clock", choices=_CLOCKS, default=clock, help="12h or 24h")
    group.add_argument("--jumuah", action="store_true", help="Dhuhr reads «الجمعة» on Fridays")
    group.add_argument(
        "--hijri-offset",
        dest="hijri_offset",
        type=int,
        default=None if locale is None else 0,
        metavar="DAYS",
        help="shift the Hijri date by -2..2 days",
    )
    group.add_argument(
        "--hijri-month-starts",
        dest="hijri_month_starts",
        metavar="JSON",
        help="a newer file of announced Hijri month starts, over the shipped ones",
    )
    group.add_argument(
        "--now",
        metavar="INSTANT",
        help="the instant to build for, ISO 8601 with an offset (default: the clock)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Prayer-time strips and related-news lists for Arabic news sites.",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {widgets.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build_parser = commands.add_parser(
        "build",
        help="write the fragments, a demo page, CSS and JSON to a folder",
        description="Write the widgets of one or more places as static files.",
        epilog=_BUILD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    _place_options(build_parser, repeat=True)
    _time_options(build_parser, locale=None, clock=None)
    group = build_parser.add_argument_group("site")
    group.add_argument("--out", metavar="DIR", help=f"output folder (default {DEFAULT_OUT}/)")
    group.add_argument("--config", metavar="TOML", help="a site.toml with cities and settings")
    group.add_argument("--days", type=int, metavar="N", help="also write a page for each of N days")
    group.add_argument("--coming-days", type=int, default=1, help="days each strip carries (0-31)")
    group.add_argument(
        "--news", metavar="FILE", help="news items: a JSON list, or an RSS/Atom feed"
    )
    group.add_argument("--no-news", dest="no_news", action="store_true", help="no related news")
    group.add_argument("--demo", action="store_true", help="sample headlines as related news")
    group.add_argument("--news-limit", dest="news_limit", type=int, metavar="N", help="default 6")
    group.add_argument(
        "--imsakiya",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="build the Ramadan imsakiya (default: when the month has days of Ramadan)",
    )
    group.add_argument(
        "--script",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="copy widgets.js and load it from the pages (default: yes)",
    )
    group.add_argument("--site-name", dest="site_name", help="the name in the demo page header")
    group.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="build N places at once (default 1)"
    )
    group.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    build_parser.set_defaults(run=_cmd_build)

    times_parser = commands.add_parser(
        "times", help="print a day's times for a place", allow_abbrev=False
    )
    _place_options(times_parser, repeat=False)
    _time_options(times_parser, locale=DEFAULT_LOCALE, clock="12h")
    times_parser.add_argument("--date", help="the day, YYYY-MM-DD (default: today there)")
    times_parser.add_argument("--json", action="store_true", help="print JSON")
    times_parser.set_defaults(run=_cmd_times)

    table_parser = commands.add_parser(
        "timetable", help="print a month's times for a place", allow_abbrev=False
    )
    _place_options(table_parser, repeat=False)
    _time_options(table_parser, locale=DEFAULT_LOCALE, clock="12h")
    table_parser.add_argument("--month", help="the month, YYYY-MM (default: this month there)")
    table_parser.add_argument(
        "--imsakiya", action="store_true", help="the days of the Ramadan in that month, with Imsak"
    )
    table_parser.add_argument("--format", choices=("text", "json", "html"), default="text")
    table_parser.set_defaults(run=_cmd_timetable)

    places_parser = commands.add_parser(
        "places", help="list the built-in places", allow_abbrev=False
    )
    places_parser.add_argument("--country", metavar="CC", help="only this ISO country code")
    places_parser.add_argument("--json", action="store_true", help="print JSON")
    places_parser.set_defaults(run=_cmd_places)

    methods_parser = commands.add_parser(
        "methods", help="list the calculation methods and their sources", allow_abbrev=False
    )
    methods_parser.add_argument("--json", action="store_true", help="print JSON")
    methods_parser.set_defaults(run=_cmd_methods)
    return parser


# --- main ---------------------------------------------------------------------------------------


_LISTED_BY: Final = {"place": "places", "method": "methods"}  # field -> the command listing it


def _message(error: BaseException) -> str:
    if isinstance(error, widgets.UnknownNameError) and error.field in _LISTED_BY:
        known = str(error).split("; ")[0]  # "unknown place: 'kairo' (did you mean ...?)"
        listed = f"{known}; '{PROG} {_LISTED_BY[error.field]}' lists them"
        return listed + (", or give --lat, --lon and --tz" if error.field == "place" else "")
    if isinstance(error, OSError) and error.filename is not None:
        text = f"{error.filename}: {error.strerror or error}"
        if error.filename2 is not None:
            text = f"{error.filename} -> {error.filename2}: {error.strerror or error}"
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.splitlines())


def _exit_status(stop: SystemExit) -> int:
    if stop.code is None:
        return 0
    return stop.code if isinstance(stop.code, int) else 2


@contextlib.contextmanager
def _warnings_to_stderr() -> Iterator[None]:
    """Show the package's warnings (a skipped news item...) as ``prog: warning: ...`` lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"{PROG}: warning: %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("widgets")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    0: done; 1: a bad value or an unreadable or unwritable file, reported on
    one line of stderr; 2: a usage error; 130: interrupted.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.error("choose a command: build, times, timetable, places or methods")
    except SystemExit as stop:
        return _exit_status(stop)
    run = cast(Callable[[argparse.Namespace, TextIO], int], args.run)
    with _warnings_to_stderr():
        try:
            return run(args, sys.stdout)
        except _UsageError as error:
            print(f"{PROG} {args.command}: error: {error}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print(f"{PROG}: interrupted", file=sys.stderr)
            return _INTERRUPTED
        except BrokenPipeError:
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            return 0
        except (widgets.WidgetsError, ValueError, OSError) as error:
            print(f"{PROG}: error: {_message(error)}", file=sys.stderr)
            return 1
