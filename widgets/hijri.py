"""Gregorian to Hijri (Umm al-Qura) with a per-site day offset and announced month starts.

hijridate holds the Umm al-Qura table (1343-1500 AH, 1924-08-01 to 2077-11-16).
On top of it this module adds what a news site needs:

- a day ``offset`` (-2..+2) for countries whose months usually start a day
  before or after Saudi Arabia's; the Gregorian date is shifted before
  converting;
- an override table of announced local month starts, which wins over the
  offset for the months it lists;
- "today" taken in the site's zone (not the server's), optionally turning at
  Maghrib, when the Hijri day begins;
- a :class:`~widgets.errors.HijriRangeError` (a ``ValueError``) outside the
  table instead of hijridate's ``OverflowError``.

>>> to_hijri(date(2026, 2, 18))
HijriDate(year=1447, month=9, day=1)
>>> to_hijri(date(2026, 2, 18), offset=-1)
HijriDate(year=1447, month=8, day=29)
>>> to_hijri(date(2026, 2, 18), overrides={(1447, 9): date(2026, 2, 19)})
HijriDate(year=1447, month=8, day=30)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from itertools import pairwise

from hijridate import Gregorian, Hijri

from .errors import HijriRangeError, InvalidInputError
from .zones import get_zone

__all__ = [
    "HIJRI_FIRST",
    "HIJRI_LAST",
    "HIJRI_MONTHS_AR",
    "HIJRI_MONTHS_EN",
    "HIJRI_YEAR_FIRST",
    "HIJRI_YEAR_LAST",
    "MAX_OFFSET",
    "OVERRIDE_TOLERANCE",
    "HijriDate",
    "HijriOverrides",
    "hijri_today",
    "is_ramadan",
    "month_start",
    "ramadan_days",
    "to_hijri",
]

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

_RANGE = f"from {HIJRI_FIRST} to {HIJRI_LAST} (1343-1500 AH, the Umm al-Qura table)"


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
        _check_int("year", self.year, HIJRI_YEAR_FIRST, HIJRI_YEAR_LAST)
        _check_int("month", self.month, 1, 12)
        _check_int("day", self.day, 1, 30)

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


def _check_int(field: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInputError(field, value, f"an integer from {low} to {high}")


def _check_day(field: str, value: object) -> date:
    if isinstance(value, datetime):
        raise InvalidInputError(
            field,
            value,
            "a date, not a datetime (convert it to the site's zone and take .date())",
        )
    if not isinstance(value, date):
        raise InvalidInputError(field, value, "a datetime.date")
    return value


def _check_offset(offset: object) -> int:
    if isinstance(offset, bool) or not isinstance(offset, int) or abs(offset) > MAX_OFFSET:
        raise InvalidInputError(
            "hijri_offset", offset, f"an integer from {-MAX_OFFSET} to {MAX_OFFSET} (days)"
        )
    return offset


def _check_aware(field: str, value: object) -> datetime:
    if not isinstance(value, datetime):
        raise InvalidInputError(field, value, "a timezone-aware datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInputError(field, value, "a timezone-aware datetime")
    return value


@lru_cache(maxsize=8192)
def _table(ordinal: int) -> tuple[int, int, int]:
    """Umm al-Qura ``(year, month, day)`` of a Gregorian day given as a proleptic ordinal."""
    return Gregorian.fromdate(date.fromordinal(ordinal)).to_hijri().datetuple()


@lru_cache(maxsize=2048)
def _table_start(year: int, month: int) -> date | None:
    """Gregorian day 1 of a Hijri month per Umm al-Qura, or ``None`` outside the table."""
    if not HIJRI_YEAR_FIRST <= year <= HIJRI_YEAR_LAST:
        return None
    start = Hijri(year, month, 1).to_gregorian()
    return date(start.year, start.month, start.day)


def month_start(year: int, month: int) -> date:
    """Return the Gregorian date of day 1 of a Hijri month, per Umm al-Qura.

    >>> month_start(1447, 9)
    datetime.date(2026, 2, 18)
    """
    _check_int("year", year, HIJRI_YEAR_FIRST, HIJRI_YEAR_LAST)
    _check_int("month", month, 1, 12)
    start = _table_start(year, month)
    assert start is not None
    return start


_Pins = tuple[tuple[int, date], ...]
"""Announced month starts as ``(month index, start)``, sorted; index = year * 12 + month - 1."""


def _check_overrides(overrides: object) -> _Pins:
    """Validate an override table and return its entries sorted by month."""
    if not isinstance(overrides, Mapping):
        raise InvalidInputError(
            "hijri_overrides", overrides, "a mapping of (hijri year, month) to a date"
        )
    pins: list[tuple[int, date]] = []
    for key, start in overrides.items():
        if (
            not isinstance(key, tuple)
            or len(key) != 2
            or any(isinstance(part, bool) or not isinstance(part, int) for part in key)
        ):
            raise InvalidInputError(
                "hijri_overrides", key, "keyed by (hijri year, month) tuples of integers"
            )
        year, month = key
        if not HIJRI_YEAR_FIRST <= year <= HIJRI_YEAR_LAST or not 1 <= month <= 12:
            raise InvalidInputError(
                "hijri_overrides",
                key,
                f"keyed by a year from {HIJRI_YEAR_FIRST} to {HIJRI_YEAR_LAST} "
                "and a month from 1 to 12",
            )
        if isinstance(start, datetime) or not isinstance(start, date):
            raise InvalidInputError(
                "hijri_overrides", start, f"a datetime.date for month {year}-{month:02}"
            )
        table = _table_start(year, month)
        assert table is not None
        if abs((start - table).days) > OVERRIDE_TOLERANCE:
            raise InvalidInputError(
                "hijri_overrides",
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
                "hijri_overrides",
                {_month_key(first): first_start, _month_key(second): second_start},
                f"month starts 29 or 30 days apart per month, but {_month_key(first)} and "
                f"{_month_key(second)} are {days} days apart over {months} month(s)",
            )
    return tuple(pins)


def _month_key(index: int) -> tuple[int, int]:
    year, month0 = divmod(index, 12)
    return year, month0 + 1


def _start_in_effect(index: int, offset: int, pins: _Pins) -> date | None:
    """Day 1 of the Hijri month ``index`` as the site counts it, or ``None`` outside the table.

    The Umm al-Qura start moved by the offset, kept within 29-30 days a month of
    the nearest announced starts on either side: an announced month is pinned,
    and its neighbours stretch or shrink by as many days as needed, no more.
    """
    table = _table_start(*_month_key(index))
    if table is None:
        return None
    start = table - timedelta(days=offset)
    before = after = None
    for pin in pins:
        if pin[0] <= index:
            before = pin
        else:
            after = pin
            break
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


def to_hijri(day: date, offset: int = 0, overrides: HijriOverrides | None = None) -> HijriDate:
    """Return the Hijri date of a Gregorian ``day``.

    ``offset`` (-2..+2) shifts the Gregorian date before converting: ``-1``
    for a country whose months start a day after Umm al-Qura's.

    ``overrides`` maps ``(hijri year, month)`` to the Gregorian date of its
    day 1, as announced locally; it wins over the offset for the months it
    lists, and the month before an announced month ends the day before it.
    Every month lasts 29 or 30 days: where an announced start disagrees with
    the offset, the months next to it run a day longer or shorter until the
    difference is absorbed, then the offset rules again. Entries must lie
    within 3 days of the Umm al-Qura start and 29-30 days a month apart.

    Raises :class:`~widgets.errors.HijriRangeError` outside the Umm al-Qura
    table (after the offset is applied).

    >>> to_hijri(date(2025, 11, 24))
    HijriDate(year=1447, month=6, day=3)
    >>> to_hijri(date(2077, 11, 17))
    Traceback (most recent call last):
    ...
    widgets.errors.HijriRangeError: date must be from 1924-08-01 to 2077-11-16 (1343-1500 AH, \
the Umm al-Qura table), got datetime.date(2077, 11, 17)
    """
    day = _check_day("date", day)
    offset = _check_offset(offset)
    pins = _check_overrides(overrides) if overrides is not None else ()
    shifted = day.toordinal() + offset
    if not HIJRI_FIRST.toordinal() <= shifted <= HIJRI_LAST.toordinal():
        allowed = _RANGE if not offset else f"{_RANGE} once shifted by hijri_offset {offset:+d}"
        raise HijriRangeError("date", day, allowed)
    year, month, number = _table(shifted)
    if not pins:
        return HijriDate(year=year, month=month, day=number)
    # A start in effect is at most OVERRIDE_TOLERANCE + MAX_OFFSET (5) days from the
    # table's, and months last 29 or 30 days, so the month holding ``day`` is the
    # table's month for the shifted date or one of its neighbours.
    index = year * 12 + month - 1
    for candidate in (index + 1, index, index - 1):
        start = _start_in_effect(candidate, offset, pins)
        if start is not None and start <= day:
            year, month = _month_key(candidate)
            return HijriDate(year=year, month=month, day=(day - start).days + 1)
    return HijriDate(year=year, month=month, day=number)  # pragma: no cover


def is_ramadan(day: date, offset: int = 0, overrides: HijriOverrides | None = None) -> bool:
    """Tell whether ``day`` falls in Ramadan; ``False`` outside the Umm al-Qura table.

    >>> is_ramadan(date(2026, 2, 18)), is_ramadan(date(2026, 2, 18), offset=-1)
    (True, False)
    """
    try:
        return to_hijri(day, offset, overrides).month == RAMADAN
    except HijriRangeError:
        return False


def hijri_today(
    now: datetime,
    zone: str | tzinfo,
    offset: int = 0,
    overrides: HijriOverrides | None = None,
    maghrib: datetime | None = None,
) -> HijriDate:
    """Return the Hijri date at the instant ``now``, as seen in ``zone``.

    The Gregorian day is ``now``'s date in ``zone`` (not the server's). When
    ``maghrib`` (that day's sunset prayer, an aware datetime) is given and
    ``now`` is at or after it, the Hijri day has already turned and the next
    Gregorian day's Hijri date is returned.

    >>> from datetime import timezone
    >>> at = datetime(2026, 2, 17, 22, 30, tzinfo=timezone.utc)
    >>> hijri_today(at, "Asia/Riyadh")
    HijriDate(year=1447, month=9, day=1)
    """
    now = _check_aware("now", now)
    zone = get_zone(zone)
    today = now.astimezone(zone).date()
    if maghrib is not None:
        maghrib = _check_aware("maghrib", maghrib)
        if maghrib.astimezone(zone).date() != today:
            raise InvalidInputError(
                "maghrib", maghrib, f"a Maghrib time on the same local day as now ({today})"
            )
        if now.astimezone(timezone.utc) >= maghrib.astimezone(timezone.utc):
            today += timedelta(days=1)
    return to_hijri(today, offset, overrides)


def ramadan_days(
    first: date, last: date, offset: int = 0, overrides: HijriOverrides | None = None
) -> list[date]:
    """Return the days of the first Ramadan that has days from ``first`` to ``last``.

    The whole month is returned, also its days outside the span; an empty
    list when no day of Ramadan falls in it. ``offset`` and ``overrides`` are
    as in :func:`to_hijri`.

    >>> days = ramadan_days(date(2026, 3, 1), date(2026, 3, 31))
    >>> days[0], days[-1], len(days)
    (datetime.date(2026, 2, 18), datetime.date(2026, 3, 19), 30)
    """
    first = _check_day("first", first)
    last = _check_day("last", last)
    days: list[date] = []
    current = first - timedelta(days=30)
    while current <= last + timedelta(days=30):
        if is_ramadan(current, offset, overrides):
            days.append(current)
        elif days and days[-1] >= first:
            break
        elif days:
            days = []
        current += timedelta(days=1)
    return days if days and days[-1] >= first and days[0] <= last else []
