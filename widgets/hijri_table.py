"""The Umm al-Qura table and announced month starts, as the calendar rules of :mod:`widgets.hijri` use them.

hijridate holds the Umm al-Qura table (1343-1500 AH, 1924-08-01 to
2077-11-16). This module holds its limits and month names, the
:class:`HijriDate` value, the checks of Hijri arguments, and how a set of
announced month starts ("pins") decides when each month begins.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import pairwise

from hijridate import Gregorian, Hijri

from .errors import InvalidInputError

HIJRI_FIRST: date = date(1924, 8, 1)
"""First Gregorian day of the Umm al-Qura table: 1 Muharram 1343."""
HIJRI_LAST: date = date(2077, 11, 16)
"""Last Gregorian day of the Umm al-Qura table: 30 Dhu al-Hijjah 1500."""
HIJRI_YEAR_FIRST = 1343
HIJRI_YEAR_LAST = 1500

MAX_OFFSET = 2
"""Largest day offset, either way, a site may apply to the Umm al-Qura date."""
OVERRIDE_TOLERANCE = 3
"""Largest distance in days between an announced month start and the Umm al-Qura one."""

HIJRI_MONTHS_AR: tuple[str, ...] = (
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
)
"""Arabic month names, spelled as CLDR spells the Islamic calendar (``ربيع الآخر``)."""

HIJRI_MONTHS_EN: tuple[str, ...] = (
    "Muharram",
    "Safar",
    "Rabi al-Awwal",
    "Rabi al-Akhir",
    "Jumada al-Ula",
    "Jumada al-Akhirah",
    "Rajab",
    "Shaban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qadah",
    "Dhu al-Hijjah",
)
"""English transliterations of the month names, without diacritics or ayn marks."""

RAMADAN = 9

HijriOverrides = Mapping[tuple[int, int], date]
"""``(hijri year, month) -> Gregorian date of its day 1``, for announced local month starts."""

TABLE_RANGE = f"from {HIJRI_FIRST} to {HIJRI_LAST} (1343-1500 AH, the Umm al-Qura table)"


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class HijriDate:
    """A day of the Hijri calendar.

    >>> HijriDate(year=1447, month=6, day=3).month_name_ar
    'جمادى الآخرة'
    >>> HijriDate(year=1447, month=13, day=1)
    Traceback (most recent call last):
    ...
    widgets.errors.InvalidInputError: month must be an integer from 1 to 12, got 13
    """

    year: int
    month: int
    day: int

    def __post_init__(self) -> None:
        check_int("year", self.year, HIJRI_YEAR_FIRST, HIJRI_YEAR_LAST)
        check_int("month", self.month, 1, 12)
        check_int("day", self.day, 1, 30)

    @property
    def month_name_ar(self) -> str:
        """The Arabic month name, from :data:`HIJRI_MONTHS_AR`."""
        return HIJRI_MONTHS_AR[self.month - 1]

    @property
    def month_name_en(self) -> str:
        """The English month name, from :data:`HIJRI_MONTHS_EN`."""
        return HIJRI_MONTHS_EN[self.month - 1]

    def isoformat(self) -> str:
        """Return ``YYYY-MM-DD`` with the Hijri numbers.

        >>> HijriDate(year=1447, month=9, day=1).isoformat()
        '1447-09-01'
        """
        return f"{self.year:04}-{self.month:02}-{self.day:02}"


def check_int(field: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInputError(field, value, f"an integer from {low} to {high}")


def check_day(field: str, value: object) -> date:
    if isinstance(value, datetime):
        raise InvalidInputError(
            field,
            value,
            "a date, not a datetime (convert it to the site's zone and take .date())",
        )
    if not isinstance(value, date):
        raise InvalidInputError(field, value, "a datetime.date")
    return value


def check_offset(offset: object) -> int:
    if isinstance(offset, bool) or not isinstance(offset, int) or abs(offset) > MAX_OFFSET:
        raise InvalidInputError(
            "hijri_offset", offset, f"an integer from {-MAX_OFFSET} to {MAX_OFFSET} (days)"
        )
    return offset


def check_aware(field: str, value: object) -> datetime:
    if not isinstance(value, datetime):
        raise InvalidInputError(field, value, "a timezone-aware datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInputError(field, value, "a timezone-aware datetime")
    return value


@lru_cache(maxsize=8192)
def table_date(ordinal: int) -> tuple[int, int, int]:
    """Umm al-Qura ``(year, month, day)`` of a Gregorian day given as a proleptic ordinal."""
    return Gregorian.fromdate(date.fromordinal(ordinal)).to_hijri().datetuple()


@lru_cache(maxsize=2048)
def table_start(year: int, month: int) -> date | None:
    """Gregorian day 1 of a Hijri month per Umm al-Qura, or ``None`` outside the table."""
    if not HIJRI_YEAR_FIRST <= year <= HIJRI_YEAR_LAST:
        return None
    start = Hijri(year, month, 1).to_gregorian()
    return date(start.year, start.month, start.day)


Pins = tuple[tuple[int, date], ...]
"""Announced month starts as ``(month index, start)``, sorted; index = year * 12 + month - 1."""


def check_overrides(overrides: object, field: str = "hijri_overrides") -> Pins:
    """Validate an override table and return its entries sorted by month."""
    if not isinstance(overrides, Mapping):
        raise InvalidInputError(field, overrides, "a mapping of (hijri year, month) to a date")
    pins: list[tuple[int, date]] = []
    for key, start in overrides.items():
        if (
            not isinstance(key, tuple)
            or len(key) != 2
            or any(isinstance(part, bool) or not isinstance(part, int) for part in key)
        ):
            raise InvalidInputError(field, key, "keyed by (hijri year, month) tuples of integers")
        year, month = key
        if not HIJRI_YEAR_FIRST <= year <= HIJRI_YEAR_LAST or not 1 <= month <= 12:
            raise InvalidInputError(
                field,
                key,
                f"keyed by a year from {HIJRI_YEAR_FIRST} to {HIJRI_YEAR_LAST} "
                "and a month from 1 to 12",
            )
        if isinstance(start, datetime) or not isinstance(start, date):
            raise InvalidInputError(field, start, f"a datetime.date for month {year}-{month:02}")
        table = table_start(year, month)
        assert table is not None
        if abs((start - table).days) > OVERRIDE_TOLERANCE:
            raise InvalidInputError(
                field,
                start,
                f"within {OVERRIDE_TOLERANCE} days of the Umm al-Qura start of "
                f"{year}-{month:02} ({table})",
            )
        pins.append((year * 12 + month - 1, start))
    pins.sort()
    for (first, first_start), (second, second_start) in pairwise(pins):
        months, days = second - first, (second_start - first_start).days
        if not 29 * months <= days <= 30 * months:
            raise InvalidInputError(
                field,
                {month_key(first): first_start, month_key(second): second_start},
                f"month starts 29 or 30 days apart per month, but {month_key(first)} and "
                f"{month_key(second)} are {days} days apart over {months} month(s)",
            )
    return tuple(pins)


def month_key(index: int) -> tuple[int, int]:
    year, month0 = divmod(index, 12)
    return year, month0 + 1


def _pin_month(pin: tuple[int, date]) -> int:
    return pin[0]


def start_in_effect(index: int, offset: int, pins: Pins) -> date | None:
    """Day 1 of the Hijri month ``index`` as the site counts it, or ``None`` outside the table.

    The Umm al-Qura start moved by the offset, kept within 29-30 days a month of
    the nearest announced starts on either side: an announced month is pinned,
    and its neighbours stretch or shrink by as many days as needed, no more.
    """
    table = table_start(*month_key(index))
    if table is None:
        return None
    start = table - timedelta(days=offset)
    found = bisect_right(pins, index, key=_pin_month)  # the pins are sorted by month
    before = pins[found - 1] if found else None
    after = pins[found] if found < len(pins) else None
    if before is not None:
        months = index - before[0]
        start = min(
            max(start, before[1] + timedelta(days=29 * months)),
            before[1] + timedelta(days=30 * months),
        )
    if after is not None:
        months = after[0] - index
        start = min(
            max(start, after[1] - timedelta(days=30 * months)),
            after[1] - timedelta(days=29 * months),
        )
    return start
