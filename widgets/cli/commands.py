"""The commands: build, times, timetable, places and methods."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import widgets
from widgets import site

from .values import (
    DEFAULT_CITY,
    DEFAULT_LOCALE,
    DEFAULT_OUT,
    NEWS_LIMIT,
    PROG,
    SAMPLE_NEWS,
    build_places,
    clock_choice,
    digits_choice,
    month_days,
    parse_date,
    parse_month,
    parse_now,
    place_from_options,
)


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
        "places": build_places(args, config),
        "method": pick("method", args.method, None),
        "asr": pick("asr", args.asr, "standard"),
        "locale": pick("locale", args.locale, DEFAULT_LOCALE),
        "digits": digits_choice(pick("digits", args.digits, "latn")),
        "clock": clock_choice(pick("clock", args.clock, None)),
        "jumuah": pick("jumuah", args.jumuah, False),
        "coming_days": pick("coming_days", args.coming_days, 1),
        "hijri_offset": pick("hijri_offset", args.hijri_offset, 0),
        "days": days or 0,
        "news": news,
        "news_limit": pick("news_limit", args.news_limit, NEWS_LIMIT),
        "imsakiya": pick("imsakiya", args.imsakiya, None),
        "script": pick("script", args.script, True),
        "site_name": pick("site_name", args.site_name, None),
        "hijri_month_starts": pick("hijri_month_starts", args.hijri_month_starts, None),
        "templates": pick("templates", args.templates, None),
        "durable": pick("durable", args.durable, True),
        "jobs": args.jobs,
    }


def _progress_line(stream: TextIO) -> Callable[[int, int], None]:
    """``built 120/900 pages`` on one updating line of ``stream`` (a terminal)."""

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        stream.write(f"\r{PROG}: built {done}/{total} pages{end}")
        stream.flush()

    return show


def run_build(args: argparse.Namespace, out: TextIO) -> int:
    arguments = build_arguments(args)
    now = parse_now(args.now)
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
    custom = place_from_options(args)
    if custom is not None:
        return custom.location
    return widgets.place(args.city or DEFAULT_CITY)


def _formatter(args: argparse.Namespace, location: widgets.Location) -> widgets.Formatter:
    return widgets.Formatter(
        args.locale, location.timezone, digits_choice(args.digits), clock_choice(args.clock)
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


_FRIDAY = 4  # date.weekday()


def _is_jumuah(args: argparse.Namespace, day: date, prayer: widgets.Prayer) -> bool:
    """Whether ``--jumuah`` names this time «الجمعة»: Dhuhr on a Friday."""
    return bool(args.jumuah) and prayer is widgets.Prayer.DHUHR and day.weekday() == _FRIDAY


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


def run_times(args: argparse.Namespace, out: TextIO) -> int:
    location = _single_place(args)
    now = parse_now(args.now)
    day = parse_date("date", args.date) if args.date else now.astimezone(location.zone).date()
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
        (
            formatter.labels.jumuah
            if _is_jumuah(args, day, entry.prayer)
            else formatter.prayer_name(entry.prayer),
            formatter.time(entry.time),
            entry.time.isoformat(),
        )
        for entry in computed
    ]
    _table(rows, out)
    return 0


def run_timetable(args: argparse.Namespace, out: TextIO) -> int:
    location = _single_place(args)
    now = parse_now(args.now)
    month = parse_month(args.month) if args.month else now.astimezone(location.zone).date()
    formatter = _formatter(args, location)
    if args.format == "html":
        fragment = widgets.render_timetable(
            location,
            month=month,
            now=now,
            locale=args.locale,
            digits=digits_choice(args.digits),
            clock=clock_choice(args.clock),
            method=args.method,
            hijri_offset=args.hijri_offset,
            imsakiya=args.imsakiya,
            asr=args.asr,
            hijri_month_starts=_month_starts(args),
            jumuah=bool(args.jumuah),
        )
        out.write(fragment + "\n")
        return 0
    days = month_days(month)
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
        for prayer in prayers:
            cell = formatter.time(computed.time(prayer)) if computed else "—"
            if _is_jumuah(args, day, prayer):
                cell += f" ({formatter.labels.jumuah})"
            row.append(cell)
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


def run_places(args: argparse.Namespace, out: TextIO) -> int:
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


def run_methods(args: argparse.Namespace, out: TextIO) -> int:
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
