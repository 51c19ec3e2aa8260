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

import dataclasses
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from os import PathLike
from types import MappingProxyType
from typing import Final

from .errors import HijriRangeError, InvalidInputError
from .hijri_table import (
    HIJRI_FIRST,
    HIJRI_LAST,
    HIJRI_MONTHS_AR,
    HIJRI_MONTHS_EN,
    HIJRI_YEAR_FIRST,
    HIJRI_YEAR_LAST,
    MAX_OFFSET,
    OVERRIDE_TOLERANCE,
    RAMADAN,
    TABLE_RANGE,
    HijriDate,
    HijriOverrides,
    Pins,
    check_aware,
    check_day,
    check_int,
    check_offset,
    check_overrides,
    month_key,
    start_in_effect,
    table_date,
    table_start,
)
from .zones import get_zone

__all__ = [
    "HIJRI_FIRST",
    "HIJRI_LAST",
    "HIJRI_MONTHS_AR",
    "HIJRI_MONTHS_EN",
    "HIJRI_YEAR_FIRST",
    "HIJRI_YEAR_LAST",
    "MAX_OFFSET",
    "MONTH_STARTS_FORMAT",
    "OVERRIDE_TOLERANCE",
    "HijriDate",
    "HijriOverrides",
    "MonthStart",
    "MonthStarts",
    "hijri_today",
    "is_ramadan",
    "load_month_starts",
    "month_start",
    "parse_month_starts",
    "ramadan_between",
    "ramadan_days",
    "shipped_month_starts",
    "to_hijri",
]

MONTH_STARTS_FORMAT = 1
"""Version of the month-starts file format that :func:`load_month_starts` reads."""
_SHIPPED = "hijri_month_starts"
_SHIPPED_FOLDER = os.path.join(os.path.dirname(__file__), "data", _SHIPPED)
"""One month-starts file per country, ``EG.json``...: a strip reads its own country's only."""
_COUNTRY = "an ISO 3166 alpha-2 country code such as 'EG'"


def _check_country(country: object, field: str = "country") -> str:
    if not isinstance(country, str) or len(country) != 2 or not country.isascii():
        raise InvalidInputError(field, country, _COUNTRY)
    if not country.isalpha():
        raise InvalidInputError(field, country, _COUNTRY)
    return country.upper()


@dataclass(frozen=True, slots=True, kw_only=True)
class MonthStart:
    """Day 1 of one Hijri month in one country, with where that fact comes from.

    ``criterion`` is ``None`` for a start the country's authority announced, and
    names the crescent-visibility rule for a start predicted ahead of time.

    >>> MonthStart(country="EG", year=1447, month=9, start=date(2026, 2, 19),
    ...            source="https://www.emaratalyoum.com/politics/news/2026-02-17-1.2016759")
    ... # doctest: +ELLIPSIS
    MonthStart(country='EG', year=1447, month=9, start=datetime.date(2026, 2, 19), ...)
    """

    country: str
    year: int
    month: int
    start: date
    source: str
    criterion: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "country", _check_country(self.country))
        check_int("year", self.year, HIJRI_YEAR_FIRST, HIJRI_YEAR_LAST)
        check_int("month", self.month, 1, 12)
        if isinstance(self.start, datetime) or not isinstance(self.start, date):
            raise InvalidInputError("start", self.start, "a datetime.date")
        table = table_start(self.year, self.month)
        assert table is not None
        if abs((self.start - table).days) > OVERRIDE_TOLERANCE:
            raise InvalidInputError(
                "start",
                self.start,
                f"within {OVERRIDE_TOLERANCE} days of the Umm al-Qura start of "
                f"{self.year}-{self.month:02} ({table})",
            )
        if not isinstance(self.source, str) or not self.source.strip():
            raise InvalidInputError("source", self.source, "a non-empty URL or repository path")
        if self.criterion is not None and (
            not isinstance(self.criterion, str) or not self.criterion.strip()
        ):
            raise InvalidInputError("criterion", self.criterion, "None or a criterion name")

    @property
    def announced(self) -> bool:
        """``True`` for an authority's announcement, ``False`` for a prediction."""
        return self.criterion is None


@dataclass(frozen=True, slots=True, eq=False)
class MonthStarts:
    """A validated set of month starts per country, at most one per (country, year, month).

    Within a country, starts must lie 29 or 30 days a month apart. Build one
    with :func:`load_month_starts` or take the shipped set from
    :func:`shipped_month_starts`.
    """

    entries: tuple[MonthStart, ...]
    _pins: Mapping[str, Pins] = dataclasses.field(init=False, repr=False, compare=False, hash=False)
    _key: tuple[tuple[str, Pins], ...] = dataclasses.field(
        init=False, repr=False, compare=False, hash=False
    )
    _hash: int = dataclasses.field(init=False, repr=False, compare=False, hash=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MonthStarts):
            return NotImplemented
        return self is other or (self._hash == other._hash and self._key == other._key)

    def __hash__(self) -> int:  # computed once: a set of starts keys the render caches
        return self._hash

    def __post_init__(self) -> None:
        tables: dict[str, dict[tuple[int, int], date]] = {}
        for entry in self.entries:
            if not isinstance(entry, MonthStart):
                raise InvalidInputError("entries", entry, "MonthStart values")
            table = tables.setdefault(entry.country, {})
            key = (entry.year, entry.month)
            if key in table:
                raise InvalidInputError(
                    "entries", entry, f"one start per country and month ({entry.country} {key})"
                )
            table[key] = entry.start
        pins = {
            country: check_overrides(table, f"month starts of {country}")
            for country, table in tables.items()
        }
        object.__setattr__(self, "_pins", MappingProxyType(pins))
        every = tuple(sorted(pins.items()))
        object.__setattr__(self, "_key", every)
        object.__setattr__(self, "_hash", hash(every))

    @property
    def countries(self) -> frozenset[str]:
        """The countries with at least one start."""
        return frozenset(self._pins)

    def for_country(self, country: str) -> dict[tuple[int, int], date]:
        """Return ``(year, month) -> start`` for ``country``; empty when it has none.

        >>> shipped_month_starts().for_country("EG")[(1447, 9)]
        datetime.date(2026, 2, 19)
        """
        return {month_key(index): start for index, start in self.pins(country)}

    def pins(self, country: str) -> Pins:
        """The country's starts as sorted ``(month index, start)`` pairs (index = year*12+month-1)."""
        return self._pins.get(_check_country(country), ())

    def updated(self, newer: MonthStarts) -> MonthStarts:
        """Return this set with ``newer``'s entries added, ``newer`` winning where both have one."""
        keys = {(entry.country, entry.year, entry.month) for entry in newer.entries}
        kept = tuple(e for e in self.entries if (e.country, e.year, e.month) not in keys)
        return MonthStarts(kept + newer.entries)


def _parse_entry(position: int, raw: object) -> MonthStart:
    where = f"starts[{position}]"
    if not isinstance(raw, Mapping):
        raise InvalidInputError(where, raw, "an object with country, year, month, start, source")
    unknown = set(raw) - {"country", "year", "month", "start", "source", "criterion"}
    if unknown:
        raise InvalidInputError(
            f"{where}.{sorted(unknown)[0]}",
            raw,
            "one of the fields country, year, month, start, source, criterion",
        )
    for name in ("country", "year", "month", "start", "source"):
        if name not in raw:
            raise InvalidInputError(f"{where}.{name}", raw, f"a {name} (the field is missing)")
    text = raw["start"]
    try:
        start = date.fromisoformat(text) if isinstance(text, str) and len(text) == 10 else None
    except ValueError:
        start = None
    if start is None:
        raise InvalidInputError(f"{where}.start", text, "a Gregorian date written YYYY-MM-DD")
    try:
        return MonthStart(
            country=raw["country"],
            year=raw["year"],
            month=raw["month"],
            start=start,
            source=raw["source"],
            criterion=raw.get("criterion"),
        )
    except InvalidInputError as error:
        raise InvalidInputError(f"{where}.{error.field}", error.value, error.allowed) from None


def parse_month_starts(data: object, origin: str = "month starts") -> MonthStarts:
    """Validate the decoded JSON of a month-starts file; errors name the entry and field.

    >>> parse_month_starts({"format": 1, "starts": [{"country": "MA", "year": 1447,
    ...     "month": 9, "start": "2026-02-24", "source": "x"}]}).for_country("MA")
    Traceback (most recent call last):
    ...
    widgets.errors.InvalidInputError: starts[0].start must be within 3 days of the Umm al-Qura \
start of 1447-09 (2026-02-18), got datetime.date(2026, 2, 24)
    """
    if not isinstance(data, Mapping) or data.get("format") != MONTH_STARTS_FORMAT:
        raise InvalidInputError(
            origin, data, f'a JSON object with "format": {MONTH_STARTS_FORMAT} and "starts"'
        )
    starts = data.get("starts")
    if not isinstance(starts, list):
        raise InvalidInputError(f"{origin}: starts", starts, "a list of month starts")
    entries = tuple(_parse_entry(position, raw) for position, raw in enumerate(starts))
    try:
        return MonthStarts(entries)
    except InvalidInputError as error:
        raise InvalidInputError(f"{origin}: {error.field}", error.value, error.allowed) from None


def load_month_starts(path: str | PathLike[str], *, over_shipped: bool = True) -> MonthStarts:
    """Read a month-starts JSON file, by default layered over the shipped starts.

    The file has the shipped file's format: ``{"format": 1, "starts": [...]}``,
    one object per month, for instance
    ``{"country": "MA", "year": 1447, "month": 10, "start": "2026-03-21",
    "source": "https://..."}``. Its entries win over the shipped ones for the same
    country and month; with ``over_shipped=False`` only the file's entries are used.
    Raises :class:`~widgets.errors.InvalidInputError` naming the file, the entry and
    the field when something is wrong.

    A file is read again only when it changes (its size or modification time),
    so a site can call this on every request and add tonight's announcement
    to the file without a restart.
    """
    origin = os.fspath(path)
    try:
        facts = os.stat(origin)
    except OSError as error:
        raise InvalidInputError("month_starts", origin, f"a readable file ({error})") from None
    return _read_month_starts(origin, facts.st_mtime_ns, facts.st_size, over_shipped)


@lru_cache(maxsize=16)
def _read_month_starts(path: str, mtime_ns: int, size: int, over_shipped: bool) -> MonthStarts:
    """The parsed file at ``path`` as it was at ``mtime_ns``: loaded files, kept while unchanged."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise InvalidInputError("month_starts", path, f"a readable file ({error})") from None
    except (ValueError, RecursionError) as error:  # bad JSON or UTF-8, or nested too deep
        raise InvalidInputError("month_starts", path, f"valid JSON ({error!r})") from None
    loaded = parse_month_starts(data, path)
    return shipped_month_starts().updated(loaded) if over_shipped else loaded


@lru_cache(maxsize=1)
def shipped_month_starts() -> MonthStarts:
    """The month starts shipped with the package (``widgets/data/hijri_month_starts/*.json``).

    Parsed once and cached; the value is immutable.
    """
    countries = sorted(name[:-5] for name in os.listdir(_SHIPPED_FOLDER) if name.endswith(".json"))
    starts = [entry for country in countries for entry in _shipped_entries(country)]
    return parse_month_starts({"format": MONTH_STARTS_FORMAT, "starts": starts}, _SHIPPED)


def _check_month_starts(month_starts: object) -> MonthStarts:
    if month_starts is None:
        return shipped_month_starts()
    if not isinstance(month_starts, MonthStarts):
        raise InvalidInputError(
            "month_starts", month_starts, "a MonthStarts (see load_month_starts) or None"
        )
    return month_starts


def _merge(base: Pins, site: Pins) -> Pins:
    """Site pins over a country's pins: a country pin is dropped if it clashes with a site pin."""
    if not site:
        return base
    taken = {index for index, _ in site}

    def agrees(pin: tuple[int, date]) -> bool:
        for index, start in site:
            months, days = pin[0] - index, (pin[1] - start).days
            if not 29 * abs(months) <= abs(days) <= 30 * abs(months) or (months * days < 0):
                return False
        return True

    kept = [pin for pin in base if pin[0] not in taken and agrees(pin)]
    return tuple(sorted(kept + list(site)))


def _resolve_pins(
    overrides: HijriOverrides | None, country: str | None, month_starts: MonthStarts | None
) -> Pins:
    site = check_overrides(overrides) if overrides is not None else ()
    if country is None:
        if month_starts is not None:
            raise InvalidInputError("country", None, f"{_COUNTRY} when month_starts is given")
        return site
    if month_starts is None:
        return _merge(_shipped_pins(_check_country(country)), site)
    return _merge(_check_month_starts(month_starts).pins(country), site)


@lru_cache(maxsize=64)
def _shipped_entries(country: str) -> tuple[Mapping[str, object], ...]:
    """The entries of a country's shipped month-starts file, decoded but not yet checked."""
    try:
        with open(os.path.join(_SHIPPED_FOLDER, f"{country}.json"), encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:  # no start shipped for the country
        return ()
    if not isinstance(data, Mapping) or data.get("format") != MONTH_STARTS_FORMAT:
        raise ValueError(f"{_SHIPPED}/{country}.json is not a month-starts file")
    return tuple(data["starts"])


@lru_cache(maxsize=64)
def _shipped_pins(country: str) -> Pins:
    """One country's shipped starts, checked when first needed (a strip needs one country).

    The same pins as ``shipped_month_starts().pins(country)``, without reading
    some 2,000 entries of other countries in a process that shows one place.
    """
    own = _shipped_entries(country)
    return parse_month_starts({"format": MONTH_STARTS_FORMAT, "starts": list(own)}, _SHIPPED).pins(
        country
    )


def to_hijri(
    day: date,
    offset: int = 0,
    overrides: HijriOverrides | None = None,
    *,
    country: str | None = None,
    month_starts: MonthStarts | None = None,
) -> HijriDate:
    """Return the Hijri date of a Gregorian ``day``, as ``country`` counts it when given.

    ``offset`` (-2..+2) shifts the Gregorian date before converting: ``-1``
    for a country whose months start a day after Umm al-Qura's.

    ``overrides`` maps ``(hijri year, month)`` to the Gregorian date of its
    day 1, as announced locally; it wins over the offset for the months it
    lists, and the month before an announced month ends the day before it.
    Every month lasts 29 or 30 days: where an announced start disagrees with
    the offset, the months next to it run a day longer or shorter until the
    difference is absorbed, then the offset rules again. Entries must lie
    within 3 days of the Umm al-Qura start and 29-30 days a month apart.

    ``country`` (ISO 3166 code) adds the month starts its authority announced,
    from ``month_starts`` (default: :func:`shipped_month_starts`), pinned the
    same way; the site's ``overrides`` win over them, and an announced start that
    clashes with an override is set aside. Months nobody pinned follow Umm
    al-Qura moved by ``offset`` (or the shipped prediction, where one is shipped).

    >>> to_hijri(date(2026, 2, 18), country="EG")
    HijriDate(year=1447, month=8, day=30)

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
    day = check_day("date", day)
    offset = check_offset(offset)
    plain_country = country is None or type(country) is str
    plain_starts = month_starts is None or type(month_starts) is MonthStarts
    if overrides is None and plain_country and plain_starts:  # hashable: kept
        return _counted(day, offset, country, month_starts)
    return _convert(day, offset, _resolve_pins(overrides, country, month_starts))


HIJRI_CACHE_SIZE: Final = 4096
"""How many converted days are kept: a build converts the same dates for every place."""


@lru_cache(maxsize=HIJRI_CACHE_SIZE)
def _counted(
    day: date, offset: int, country: str | None, month_starts: MonthStarts | None
) -> HijriDate:
    """:func:`to_hijri` without site overrides, kept by its plain, hashable arguments."""
    return _convert(day, offset, _resolve_pins(None, country, month_starts))


def _convert(day: date, offset: int, pins: Pins) -> HijriDate:
    """The Hijri date of ``day`` (checked) moved by ``offset`` (checked) and held to ``pins``."""
    shifted = day.toordinal() + offset
    if not HIJRI_FIRST.toordinal() <= shifted <= HIJRI_LAST.toordinal():
        allowed = (
            TABLE_RANGE if not offset else f"{TABLE_RANGE} once shifted by hijri_offset {offset:+d}"
        )
        raise HijriRangeError("date", day, allowed)
    year, month, number = table_date(shifted)
    if number > 30:  # hijridate's table lists three 31-day months (1345, 1348, 1349 AH)
        raise HijriRangeError("date", day, "a day the Umm al-Qura table dates (no 31st day)")
    if not pins:
        return HijriDate(year=year, month=month, day=number)
    # A start in effect is at most OVERRIDE_TOLERANCE + MAX_OFFSET (5) days from the
    # table's, and months last 29 or 30 days, so the month holding ``day`` is the
    # table's month for the shifted date or one of its neighbours.
    index = year * 12 + month - 1
    for candidate in (index + 1, index, index - 1):
        start = start_in_effect(candidate, offset, pins)
        if start is not None and start <= day:
            year, month = month_key(candidate)
            return HijriDate(year=year, month=month, day=(day - start).days + 1)
    return HijriDate(year=year, month=month, day=number)  # pragma: no cover


def is_ramadan(
    day: date,
    offset: int = 0,
    overrides: HijriOverrides | None = None,
    *,
    country: str | None = None,
    month_starts: MonthStarts | None = None,
) -> bool:
    """Tell whether ``day`` falls in Ramadan; ``False`` outside the Umm al-Qura table.

    The arguments are :func:`to_hijri`'s.

    >>> is_ramadan(date(2026, 2, 18)), is_ramadan(date(2026, 2, 18), country="EG")
    (True, False)
    """
    try:
        hijri = to_hijri(day, offset, overrides, country=country, month_starts=month_starts)
        return hijri.month == RAMADAN
    except HijriRangeError:
        return False


def hijri_today(
    now: datetime,
    zone: str | tzinfo,
    offset: int = 0,
    overrides: HijriOverrides | None = None,
    maghrib: datetime | None = None,
    *,
    country: str | None = None,
    month_starts: MonthStarts | None = None,
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
    now = check_aware("now", now)
    zone = get_zone(zone)
    today = now.astimezone(zone).date()
    if maghrib is not None:
        maghrib = check_aware("maghrib", maghrib)
        if maghrib.astimezone(zone).date() != today:
            raise InvalidInputError(
                "maghrib", maghrib, f"a Maghrib time on the same local day as now ({today})"
            )
        if now.astimezone(timezone.utc) >= maghrib.astimezone(timezone.utc):
            today += timedelta(days=1)
    return to_hijri(today, offset, overrides, country=country, month_starts=month_starts)


def month_start(
    year: int,
    month: int,
    offset: int = 0,
    overrides: HijriOverrides | None = None,
    *,
    country: str | None = None,
    month_starts: MonthStarts | None = None,
) -> date:
    """Return the Gregorian date of day 1 of a Hijri month: Umm al-Qura, or as :func:`to_hijri` counts.

    >>> month_start(1447, 9), month_start(1447, 9, country="EG")
    (datetime.date(2026, 2, 18), datetime.date(2026, 2, 19))
    """
    check_int("year", year, HIJRI_YEAR_FIRST, HIJRI_YEAR_LAST)
    check_int("month", month, 1, 12)
    offset = check_offset(offset)
    pins = _resolve_pins(overrides, country, month_starts)
    start = start_in_effect(year * 12 + month - 1, offset, pins)
    assert start is not None
    return start


def ramadan_days(
    year: int,
    offset: int = 0,
    overrides: HijriOverrides | None = None,
    *,
    country: str | None = None,
    month_starts: MonthStarts | None = None,
) -> tuple[date, date]:
    """Return the first and last Gregorian day of Ramadan of a Hijri ``year``.

    The last day is the day before 1 Shawwal; the arguments are :func:`to_hijri`'s.

    >>> ramadan_days(1447, country="EG")
    (datetime.date(2026, 2, 19), datetime.date(2026, 3, 19))
    """
    first = month_start(
        year, RAMADAN, offset, overrides, country=country, month_starts=month_starts
    )
    after = month_start(
        year, RAMADAN + 1, offset, overrides, country=country, month_starts=month_starts
    )
    return first, after - timedelta(days=1)


def ramadan_between(
    first: date,
    last: date,
    offset: int = 0,
    overrides: HijriOverrides | None = None,
    *,
    country: str | None = None,
    month_starts: MonthStarts | None = None,
) -> list[date]:
    """Return every day of the first Ramadan with a day from ``first`` to ``last``.

    The whole month, also its days outside the span; an empty list when no
    day of Ramadan falls in it or it is outside the table. The other
    arguments are :func:`to_hijri`'s.

    >>> days = ramadan_between(date(2026, 3, 1), date(2026, 3, 31), country="EG")
    >>> days[0], days[-1], len(days)
    (datetime.date(2026, 2, 19), datetime.date(2026, 3, 19), 29)
    """
    first = check_day("first", first)
    last = check_day("last", last)
    try:
        year = to_hijri(first, offset, overrides, country=country, month_starts=month_starts).year
    except HijriRangeError:
        return []
    for candidate in (year, year + 1):
        if candidate > HIJRI_YEAR_LAST:
            break
        try:
            start, end = ramadan_days(
                candidate, offset, overrides, country=country, month_starts=month_starts
            )
        except HijriRangeError:
            break
        if end >= first and start <= last:
            return [start + timedelta(days=n) for n in range((end - start).days + 1)]
        if start > last:
            break
    return []
