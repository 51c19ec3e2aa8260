"""The timetable view: a month of prayer times, or the Ramadan imsakiya, as ready strings.

Built like the strip's view (:mod:`widgets.views`) and printed by
``templates/widgets/timetable.html``; nothing here knows Jinja2.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from .errors import InvalidInputError, WidgetsError, logger
from .hijri import HijriOverrides, MonthStarts, ramadan_between, to_hijri
from .l10n import Clock, Digits, cached_formatter, to_digits
from .methods import Asr, Method, Prayer
from .places import Location, as_location
from .prayer import PrayerDay, prayer_times, timetable
from .views import (
    PrayerSlot,
    blank_slots,
    calendar_country,
    city_name,
    day_cells,
    day_start,
    frozen,
    require_aware,
)

__all__ = ["TableColumn", "TableRow", "TimetableView", "timetable_view"]


class TableColumn(NamedTuple):
    """A time column of a timetable: the slug and the header text."""

    prayer: str
    name: str


class TableRow(NamedTuple):
    """A day of a timetable: the date, the Ramadan day (imsakiya) and the times.

    ``start`` and ``end`` are the day's bounds (local midnights, ISO instants),
    which ``widgets.js`` uses to mark the reader's day on a page read later.
    """

    date: str
    iso: str
    hijri: str
    cells: tuple[PrayerSlot, ...]
    is_today: bool
    start: str
    end: str


class TimetableView(NamedTuple):
    """Everything a month's timetable or a Ramadan imsakiya prints."""

    lang: str
    dir: str
    caption: str
    imsakiya: bool
    date_label: str
    hijri_label: str
    unavailable_label: str
    columns: tuple[TableColumn, ...]
    rows: tuple[TableRow, ...]
    expires_at: datetime | None


def _day_or_none(
    place: Location, day: date, method: Method | str | None, asr: Asr | str, city: str
) -> PrayerDay | None:
    """The day's times, or ``None`` with a warning when they cannot be computed."""
    try:
        return prayer_times(place, day, method=method, asr=asr)
    except (WidgetsError, ValueError) as error:
        logger.warning("prayer times for %s on %s cannot be shown: %s", city, day, error)
        return None


def timetable_view(
    location: str | Location,
    *,
    month: date,
    now: datetime | None = None,
    locale: str = "ar_EG",
    digits: Digits = "latn",
    clock: Clock | None = None,
    method: Method | str | None = None,
    hijri_offset: int = 0,
    imsakiya: bool = False,
    asr: Asr | str = "standard",
    hijri_overrides: HijriOverrides | None = None,
    prayer_names: Mapping[str, str] | None = None,
    hijri_month_starts: MonthStarts | None = None,
    jumuah: bool = False,
) -> TimetableView:
    """Build the view model of a timetable; see :func:`widgets.render_timetable`."""
    if isinstance(month, datetime) or not isinstance(month, date):
        raise InvalidInputError("month", month, "a datetime.date in the month to show")
    if now is not None:
        now = require_aware("now", now)
    place = as_location(location)
    zone = place.zone
    formatter = cached_formatter(
        locale, place.timezone, digits, clock, frozen("prayer_names", prayer_names)
    )
    labels = formatter.labels
    city = city_name(place, formatter)
    first = month.replace(day=1)
    last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    calendar_of: dict[str, Any] = {
        "country": calendar_country(place),
        "month_starts": hijri_month_starts,
    }
    if imsakiya:
        days = ramadan_between(first, last, hijri_offset, hijri_overrides, **calendar_of)
        if not days:
            raise InvalidInputError(
                "month", month, "a month with days of Ramadan when imsakiya=True"
            )
        year = to_hijri(days[0], hijri_offset, hijri_overrides, **calendar_of).year
        caption = labels.imsakiya.format(year=to_digits(str(year), formatter.digits), city=city)
    else:
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        caption = labels.month.format(city=city, month=formatter.month_year(first))

    columns = [
        TableColumn(prayer=prayer.value, name=formatter.prayer_name(prayer)) for prayer in Prayer
    ]
    if imsakiya:
        columns.insert(0, TableColumn(prayer="imsak", name=labels.imsak))
    today = now.astimezone(zone).date() if now is not None else None
    first_cell = 0 if imsakiya else 1  # the imsak cell leads the day's cells
    blank = (PrayerSlot("imsak", labels.imsak, "", ""), *blank_slots(formatter))[first_cell:]
    try:  # the days at once; day by day when one of them cannot be computed
        computed_days: list[PrayerDay | None] = list(
            timetable(place, days[0], days[-1], method=method, asr=asr)
        )
    except (WidgetsError, ValueError):
        computed_days = [_day_or_none(place, day, method, asr, city) for day in days]
    # each day's bounds: its local midnight, and the next day's (a day's end is the next's start)
    bounds = [day_start(day, zone).isoformat() for day in (*days, days[-1] + timedelta(days=1))]
    rows: list[TableRow] = []
    for number, (day, computed) in enumerate(zip(days, computed_days, strict=True)):
        cells = blank if computed is None else day_cells(formatter, computed, jumuah)[first_cell:]
        hijri = ""
        if imsakiya:
            hijri = to_digits(
                str(to_hijri(day, hijri_offset, hijri_overrides, **calendar_of).day),
                formatter.digits,
            )
        rows.append(
            TableRow(
                date=formatter.table_date(day),
                iso=day.isoformat(),
                hijri=hijri,
                cells=cells,
                is_today=day == today,
                start=bounds[number],
                end=bounds[number + 1],
            )
        )
    expires_at: datetime | None = None
    if today is not None:
        if today < days[0]:
            expires_at = day_start(days[0], zone)
        elif today <= days[-1]:
            expires_at = day_start(today + timedelta(days=1), zone)
    return TimetableView(
        lang=formatter.lang,
        dir=formatter.dir,
        caption=caption,
        imsakiya=bool(imsakiya),
        date_label=labels.date,
        hijri_label=labels.ramadan,
        unavailable_label=labels.unavailable,
        columns=tuple(columns),
        rows=tuple(rows),
        expires_at=expires_at,
    )
