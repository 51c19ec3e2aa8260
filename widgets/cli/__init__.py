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
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Final, TextIO, cast

import widgets

from .commands import (
    run_build,
    run_methods,
    run_places,
    run_times,
    run_timetable,
)
from .values import (
    ASR_CHOICES,
    CLOCK_CHOICES,
    DEFAULT_LOCALE,
    DEFAULT_OUT,
    DIGIT_CHOICES,
    INTERRUPTED,
    PROG,
    UsageError,
)

__all__ = ["PROG", "main"]


_BUILD_EPILOG: Final = """\
files (under --out; with several cities, under --out/<slug>/ and an index.html
listing them): index.html (a demo page: the strip in the header, an article,
the related-news list), month.html, the bare fragments prayer-strip.html,
related-news.html, timetable.html, and imsakiya.html with its page
ramadan.html (when the month has days of Ramadan, or with --imsakiya),
prayer-times.json, and
with --days N days/YYYY-MM-DD.html and days/YYYY-MM-DD.prayer-strip.html;
widgets.css, widgets.js and page.css at the top.

Related news: --news FILE, or the package's sample headlines with --demo;
none otherwise. site.toml (--config): keys out, cities, method, asr, locale,
digits, clock, hijri_offset, hijri_month_starts (a path), jumuah, days,
coming_days, news (a path, true for the samples, or false), news_limit,
imsakiya, script, site_name, templates (a folder) and durable; --jobs and
--quiet are options only. cities: place names, or tables with place, or
latitude, longitude, timezone (and elevation, name, name_en, country, slug),
each with its own method, asr and hijri_offset if wanted. Paths are relative
to the file; options win.
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


def _time_options(parser: argparse.ArgumentParser, *, locale: str | None) -> None:
    group = parser.add_argument_group("computing and formatting")
    group.add_argument(
        "--method", help="a method slug (see the methods command); default: the country's"
    )
    group.add_argument("--asr", choices=ASR_CHOICES, default=None if locale is None else "standard")
    group.add_argument("--locale", default=locale, help=f"default {locale or DEFAULT_LOCALE}")
    group.add_argument(
        "--digits", choices=DIGIT_CHOICES, default=None if locale is None else "latn"
    )
    group.add_argument(
        "--clock", choices=CLOCK_CHOICES, help="default: the locale's own hour cycle"
    )
    group.add_argument(
        "--jumuah",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="name Dhuhr «الجمعة» on Fridays (default: no)",
    )
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
    _time_options(build_parser, locale=None)
    group = build_parser.add_argument_group("site")
    group.add_argument("--out", metavar="DIR", help=f"output folder (default {DEFAULT_OUT}/)")
    group.add_argument("--config", metavar="TOML", help="a site.toml with cities and settings")
    group.add_argument("--days", type=int, metavar="N", help="also write a page for each of N days")
    group.add_argument(
        "--coming-days",
        dest="coming_days",
        type=int,
        metavar="N",
        help="days after the build each strip carries for widgets.js (0-31, default 1)",
    )
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
        "--templates", metavar="DIR", help="a folder of templates searched before ours"
    )
    group.add_argument(
        "--durable",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="flush each file to the disk before it replaces the old one (default: yes)",
    )
    group.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="build N places at once (default 1)"
    )
    group.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    build_parser.set_defaults(run=run_build)

    times_parser = commands.add_parser(
        "times", help="print a day's times for a place", allow_abbrev=False
    )
    _place_options(times_parser, repeat=False)
    _time_options(times_parser, locale=DEFAULT_LOCALE)
    times_parser.add_argument("--date", help="the day, YYYY-MM-DD (default: today there)")
    times_parser.add_argument("--json", action="store_true", help="print JSON")
    times_parser.set_defaults(run=run_times)

    table_parser = commands.add_parser(
        "timetable", help="print a month's times for a place", allow_abbrev=False
    )
    _place_options(table_parser, repeat=False)
    _time_options(table_parser, locale=DEFAULT_LOCALE)
    table_parser.add_argument("--month", help="the month, YYYY-MM (default: this month there)")
    table_parser.add_argument(
        "--imsakiya", action="store_true", help="the days of the Ramadan in that month, with Imsak"
    )
    table_parser.add_argument("--format", choices=("text", "json", "html"), default="text")
    table_parser.set_defaults(run=run_timetable)

    places_parser = commands.add_parser(
        "places", help="list the built-in places", allow_abbrev=False
    )
    places_parser.add_argument("--country", metavar="CC", help="only this ISO country code")
    places_parser.add_argument("--json", action="store_true", help="print JSON")
    places_parser.set_defaults(run=run_places)

    methods_parser = commands.add_parser(
        "methods", help="list the calculation methods and their sources", allow_abbrev=False
    )
    methods_parser.add_argument("--json", action="store_true", help="print JSON")
    methods_parser.set_defaults(run=run_methods)
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
        except UsageError as error:
            print(f"{PROG} {args.command}: error: {error}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print(f"{PROG}: interrupted", file=sys.stderr)
            return INTERRUPTED
        except BrokenPipeError:
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            return 0
        except (widgets.WidgetsError, ValueError, OSError) as error:
            print(f"{PROG}: error: {_message(error)}", file=sys.stderr)
            return 1
