"""What the command line reads: instants, dates, months, choices and places."""

from __future__ import annotations

import argparse
import calendar
import re
from collections.abc import Mapping
from datetime import date, datetime, timezone
from typing import Final, cast, get_args

import widgets
from widgets import site

PROG: Final = "prayer-news-widgets"
"""The program name printed in usage lines and before every error."""
DEFAULT_CITY: Final = "cairo"
DEFAULT_OUT: Final = "site"
DEFAULT_LOCALE: Final = "ar_EG"  # of every command
SAMPLE_NEWS: Final = "sample-news.json"
"""Package data file (``widgets/data/``) with the sample related-news items."""
NEWS_LIMIT: Final = 6

_UTC: Final = timezone.utc
DIGIT_CHOICES: Final[tuple[str, ...]] = get_args(widgets.Digits)
CLOCK_CHOICES: Final[tuple[str, ...]] = get_args(widgets.Clock)
ASR_CHOICES: Final = tuple(member.value for member in widgets.Asr)
_MONTH: Final = re.compile(r"(\d{4})-(\d{2})")
INTERRUPTED: Final = 130


class UsageError(Exception):
    """Arguments that do not fit together (exit status 2, like argparse's own errors)."""


# --- reading values -----------------------------------------------------------------------------


def parse_now(text: str | None) -> datetime:
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


def parse_date(field: str, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise widgets.InvalidInputError(
            field, text, "a date written YYYY-MM-DD, such as 2026-03-01"
        ) from None


def parse_month(text: str) -> date:
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


def digits_choice(value: object) -> widgets.Digits:
    return cast(widgets.Digits, _choice("digits", value, DIGIT_CHOICES))


def clock_choice(value: object) -> widgets.Clock | None:
    if value is None:  # the locale's own hour cycle
        return None
    return cast(widgets.Clock, _choice("clock", value, CLOCK_CHOICES))


def month_days(month: date) -> list[date]:
    last = calendar.monthrange(month.year, month.month)[1]
    return [date(month.year, month.month, number) for number in range(1, last + 1)]


def place_from_options(args: argparse.Namespace) -> site.SitePlace | None:
    given = [args.lat is not None, args.lon is not None, args.tz is not None]
    named = (args.name, args.name_en, args.country)
    if not any(given) and all(value is None for value in named):
        return None
    if not all(given):
        raise UsageError(
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


def build_places(args: argparse.Namespace, config: Mapping[str, object]) -> list[site.SitePlace]:
    places = [site.SitePlace(location=widgets.place(name)) for name in args.city or ()]
    custom = place_from_options(args)
    if custom is not None:
        places.append(custom)
    if not places and "cities" in config:
        places = list(cast(list[site.SitePlace], config["cities"]))
    return places or [site.SitePlace(location=widgets.place(DEFAULT_CITY))]
