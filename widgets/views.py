"""View models: everything a widget prints, as ready strings and ISO values.

Data flows one way: a place, a method and an instant become a
:class:`~widgets.prayer.PrayerDay`; the builders here turn it (with
:mod:`widgets.l10n` and :mod:`widgets.hijri`) into an immutable view that a
template only prints. Nothing here knows Jinja2.

Views are named tuples: immutable, so a view can be shared between threads,
and cheap to build, which matters when a static build makes thousands of
them. Templates read their fields by name, so a field added later does not
break a host's override.

The builders raise :class:`ValueError` subclasses from :mod:`widgets.errors`
for bad arguments (an unknown place or locale, a naive ``now``) but never
show a wrong time: a time that cannot be computed is shown empty (the
template prints «—») and a warning is logged on ``logging.getLogger("widgets")``.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Final, NamedTuple

from .errors import HijriRangeError, InvalidInputError, WidgetsError
from .hijri import HijriOverrides, MonthStarts, ramadan_between, to_hijri
from .l10n import Ago, Clock, Digits, Formatter, cached_formatter, to_digits
from .methods import Asr, Method, Prayer
from .news import NewsItem, NewsOrder, prepare_items, safe_url
from .places import Location, as_location
from .prayer import PrayerDay, prayer_times, timetable
from .zones import get_zone

__all__ = [
    "THUMBNAIL_HEIGHT",
    "THUMBNAIL_WIDTH",
    "NewsEntry",
    "NewsView",
    "PrayerSlot",
    "StripOptions",
    "StripView",
    "TableColumn",
    "TableRow",
    "TimetableView",
    "fallback_strip_view",
    "news_view",
    "strip_options",
    "strip_state",
    "strip_view",
    "strip_view_at",
    "timetable_view",
    "to_minute",
]

logger = logging.getLogger("widgets")

THUMBNAIL_WIDTH: Final = 120
"""``width`` of a news thumbnail whose size the item does not give (pixels)."""
THUMBNAIL_HEIGHT: Final = 80
"""``height`` of a news thumbnail whose size the item does not give (pixels)."""

AFTER_ISHA: Final = 6
"""The strip state after Isha: every time of the day has passed."""
UNAVAILABLE: Final = -1
"""The strip state when the day's times cannot be computed."""
_MAGHRIB_INDEX: Final = 4
_UTC: Final = timezone.utc
_PRAYERS: Final = tuple((prayer, prayer.value) for prayer in Prayer)
_SIX: Final = tuple(slug for _, slug in _PRAYERS)


class PrayerSlot(NamedTuple):
    """One time of the strip or one cell of a timetable row.

    ``prayer`` is the slug (``"fajr"``, ``"imsak"``...), ``name`` the display
    name, ``time`` the displayed time and ``iso`` the ISO 8601 instant, both
    empty when the time could not be computed; ``is_next`` marks the next prayer.
    """

    prayer: str
    name: str
    time: str
    iso: str
    is_next: bool = False


class StripView(NamedTuple):
    """Everything the prayer strip prints, as ready strings.

    ``gregorian_iso``/``hijri_iso`` are ``YYYY-MM-DD`` (empty to leave the
    line out); ``next_iso`` is the next prayer's instant when it is not in
    the list (tomorrow's Fajr, after Isha), for the optional script;
    ``countdown`` is its text pattern with ``{name}`` and ``{time}``.
    ``expires_at`` is not printed: it becomes the fragment's ``expires_at``.
    """

    lang: str
    dir: str
    digits: str
    label: str
    city: str
    gregorian: str
    gregorian_iso: str
    hijri: str
    hijri_iso: str
    slots: tuple[PrayerSlot, ...]
    next_label: str
    unavailable_label: str
    countdown: str
    next_iso: str
    expires_at: datetime | None


class NewsEntry(NamedTuple):
    """One headline of the related-news list.

    ``href`` is empty when the item has no link to show (the title is then
    plain text); ``image`` is empty without a thumbnail.
    """

    title: str
    href: str
    rel: str
    stamp: str
    iso: str
    source: str
    image: str
    image_width: int
    image_height: int


class NewsView(NamedTuple):
    """Everything the related-news list prints."""

    lang: str
    dir: str
    heading: str
    entries: tuple[NewsEntry, ...]
    expires_at: datetime | None


class TableColumn(NamedTuple):
    """A time column of a timetable: the slug and the header text."""

    prayer: str
    name: str


class TableRow(NamedTuple):
    """A day of a timetable: the date, the Ramadan day (imsakiya) and the times."""

    date: str
    iso: str
    hijri: str
    cells: tuple[PrayerSlot, ...]
    is_today: bool


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


# --- shared helpers -----------------------------------------------------------------------------


def _aware(field: str, value: object) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInputError(field, value, "a timezone-aware datetime")
    return value


def frozen(field: str, value: Mapping[Any, Any] | None) -> tuple[tuple[Any, Any], ...] | None:
    """A mapping as a sorted tuple of pairs, so that it can be part of a cache key."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidInputError(field, value, "a mapping")
    try:
        pairs = tuple(sorted(value.items()))
        hash(pairs)
    except TypeError:
        raise InvalidInputError(field, value, "a mapping with sortable, hashable keys") from None
    return pairs


def day_start(day: date, zone: tzinfo) -> datetime:
    """The first instant of the local ``day``: midnight, or the end of a DST gap at midnight."""
    wall = datetime.combine(day, time(0), tzinfo=zone)
    return wall.astimezone(_UTC).astimezone(zone)


def _city(location: Location, formatter: Formatter) -> str:
    if formatter.locale.language != "ar" and location.name_en:
        return location.name_en
    return location.display_name


def _blank_slots(formatter: Formatter) -> tuple[PrayerSlot, ...]:
    return tuple(
        PrayerSlot(prayer=prayer.value, name=formatter.prayer_name(prayer), time="", iso="")
        for prayer in Prayer
    )


def _day_cells(formatter: Formatter, day: PrayerDay) -> tuple[PrayerSlot, ...]:
    """Imsak and the six times of a day as displayed, none marked next."""
    time_of, name_of = formatter.time, formatter.prayer_name
    cells = [PrayerSlot("imsak", formatter.labels.imsak, time_of(day.imsak), day.imsak.isoformat())]
    for prayer, slug in _PRAYERS:
        moment: datetime = getattr(day, slug)
        cells.append(PrayerSlot(slug, name_of(prayer), time_of(moment), moment.isoformat()))
    return tuple(cells)


# --- the prayer strip ---------------------------------------------------------------------------


class StripOptions(NamedTuple):
    """The arguments of a strip, checked and frozen into plain hashable values."""

    location: str | Location
    locale: str
    digits: Digits
    clock: Clock
    method: Method | str | None
    hijri_offset: int
    asr: Asr | str
    hijri_overrides: tuple[tuple[Any, Any], ...] | None
    hijri_at_maghrib: bool
    prayer_names: tuple[tuple[str, str], ...] | None
    hijri_month_starts: MonthStarts | None


def _country(location: Location) -> str | None:
    """The country whose announced Hijri month starts apply, if the place has one."""
    return location.country or None


def strip_options(
    location: str | Location,
    *,
    locale: str = "ar_EG",
    digits: Digits = "latn",
    clock: Clock = "12h",
    method: Method | str | None = None,
    hijri_offset: int = 0,
    asr: Asr | str = "standard",
    hijri_overrides: HijriOverrides | None = None,
    hijri_at_maghrib: bool = False,
    prayer_names: Mapping[str, str] | None = None,
    hijri_month_starts: MonthStarts | None = None,
) -> StripOptions:
    """Freeze a strip's arguments into :class:`StripOptions` (a cache key)."""
    options = StripOptions(
        location=location,
        locale=locale,
        digits=digits,
        clock=clock,
        method=method,
        hijri_offset=hijri_offset,
        asr=asr,
        hijri_overrides=frozen("hijri_overrides", hijri_overrides),
        hijri_at_maghrib=bool(hijri_at_maghrib),
        prayer_names=frozen("prayer_names", prayer_names),
        hijri_month_starts=hijri_month_starts,
    )
    try:
        hash(options)
    except TypeError:
        raise InvalidInputError(
            "location", location, "a place name or a widgets.Location (hashable values)"
        ) from None
    return options


def _strip_day(options: StripOptions, location: Location, day: date) -> PrayerDay:
    return prayer_times(location, day, method=options.method, asr=options.asr)


def strip_state(options: StripOptions, now: datetime) -> tuple[date, int]:
    """The local date at ``now`` and the index of the next of the six times.

    The index is :data:`AFTER_ISHA` once Isha has passed and
    :data:`UNAVAILABLE` (with a warning logged) when the day's times cannot
    be computed. Two instants with the same state show the same strip.
    """
    now = _aware("now", now)
    location = as_location(options.location)
    today = now.astimezone(location.zone).date()
    try:
        day = _strip_day(options, location, today)
    except (WidgetsError, ValueError) as error:
        logger.warning(
            "prayer times for %s on %s cannot be shown: %s", location.display_name, today, error
        )
        return today, UNAVAILABLE
    for index, slug in enumerate(_SIX):
        if getattr(day, slug) > now:
            return today, index
    return today, AFTER_ISHA


def strip_view_at(options: StripOptions, today: date, state: int) -> StripView:
    """Build the strip of ``options`` for a state given by :func:`strip_state`."""
    location = as_location(options.location)
    zone = location.zone
    formatter = cached_formatter(
        options.locale,
        location.timezone,
        options.digits,
        options.clock,
        options.prayer_names,
    )
    labels = formatter.labels
    day: PrayerDay | None = None
    if state != UNAVAILABLE:
        try:
            day = _strip_day(options, location, today)
        except (WidgetsError, ValueError):  # logged by strip_state
            day = None

    slots: tuple[PrayerSlot, ...]
    expires_at: datetime | None = None
    next_iso = ""
    if day is None:
        slots = _blank_slots(formatter)
    else:
        slots = _day_cells(formatter, day)[1:]
        if 0 <= state < AFTER_ISHA:
            marked = list(slots)
            marked[state] = slots[state]._replace(is_next=True)
            slots = tuple(marked)
            expires_at = getattr(day, _SIX[state])
        else:
            try:
                next_iso = day.following_day().fajr.isoformat()
            except (WidgetsError, ValueError):
                next_iso = ""
    if expires_at is None or expires_at.date() > today:  # else before the next midnight
        expires_at = day_start(today + timedelta(days=1), zone)

    hijri_day = today
    if options.hijri_at_maghrib and day is not None and state > _MAGHRIB_INDEX:
        hijri_day = today + timedelta(days=1)
    overrides = None if options.hijri_overrides is None else dict(options.hijri_overrides)
    try:
        hijri = formatter.hijri_date(
            to_hijri(
                hijri_day,
                options.hijri_offset,
                overrides,
                country=_country(location),
                month_starts=options.hijri_month_starts,
            )
        )
        hijri_iso = hijri_day.isoformat()
    except HijriRangeError as error:
        logger.warning("the Hijri date is left out: %s", error)
        hijri, hijri_iso = "", ""
    city = _city(location, formatter)
    return StripView(
        lang=formatter.lang,
        dir=formatter.dir,
        digits=formatter.digits,
        label=labels.strip.format(city=city),
        city=city,
        gregorian=formatter.gregorian_date(today),
        gregorian_iso=today.isoformat(),
        hijri=hijri,
        hijri_iso=hijri_iso,
        slots=slots,
        next_label=labels.next,
        unavailable_label=labels.unavailable,
        countdown=labels.countdown,
        next_iso=next_iso,
        expires_at=expires_at,
    )


def strip_view(
    location: str | Location,
    *,
    now: datetime,
    locale: str = "ar_EG",
    digits: Digits = "latn",
    clock: Clock = "12h",
    method: Method | str | None = None,
    hijri_offset: int = 0,
    asr: Asr | str = "standard",
    hijri_overrides: HijriOverrides | None = None,
    hijri_at_maghrib: bool = False,
    prayer_names: Mapping[str, str] | None = None,
    hijri_month_starts: MonthStarts | None = None,
) -> StripView:
    """Build the view model of the prayer strip; see :func:`widgets.render_prayer_strip`."""
    options = strip_options(
        location,
        locale=locale,
        digits=digits,
        clock=clock,
        method=method,
        hijri_offset=hijri_offset,
        asr=asr,
        hijri_overrides=hijri_overrides,
        hijri_at_maghrib=hijri_at_maghrib,
        prayer_names=prayer_names,
        hijri_month_starts=hijri_month_starts,
    )
    return strip_view_at(options, *strip_state(options, now))


def fallback_strip_view(location: object, locale: object) -> StripView:
    """A strip with «—» for every time, for a place or setting that cannot be used at all."""
    try:
        formatter = cached_formatter(str(locale), "UTC")
    except (WidgetsError, ValueError):
        formatter = cached_formatter("ar_EG", "UTC")
    labels = formatter.labels
    city = _city(location, formatter) if isinstance(location, Location) else str(location)
    return StripView(
        lang=formatter.lang,
        dir=formatter.dir,
        digits=formatter.digits,
        label=labels.strip.format(city=city),
        city=city,
        gregorian="",
        gregorian_iso="",
        hijri="",
        hijri_iso="",
        slots=_blank_slots(formatter),
        next_label=labels.next,
        unavailable_label=labels.unavailable,
        countdown=labels.countdown,
        next_iso="",
        expires_at=None,
    )


# --- related news -------------------------------------------------------------------------------


def _news_zone(zone: str | tzinfo | None, now: datetime | None) -> tzinfo:
    if zone is not None:
        return get_zone(zone)
    if now is not None and now.tzinfo is not None:
        return get_zone(now.tzinfo)
    return _UTC


def _next_change(
    formatter: Formatter,
    published: datetime,
    now: datetime,
    within: timedelta,
    pattern: str | None,
) -> datetime | None:
    """The first instant after ``now`` at which the stamp of an item would read differently."""
    age = now - published
    if age >= within:
        return None  # absolute for good
    minute, hour = timedelta(minutes=1), timedelta(hours=1)
    zone = formatter.zone
    candidates = {published + within, day_start(now.astimezone(zone).date() + timedelta(1), zone)}
    if age < timedelta(0):
        candidates.add(published)
    else:
        candidates.add(published + (age // minute + 1) * minute)
        candidates.add(published + (age // hour + 1) * hour)
    current = formatter.news_stamp(published, now, within, pattern)
    for candidate in sorted(candidates):
        if (
            candidate > now
            and formatter.news_stamp(published, candidate, within, pattern) != current
        ):
            return candidate
    return min(candidate for candidate in candidates if candidate > now)


def to_minute(moment: datetime) -> datetime:
    """``moment`` with its seconds dropped: news stamps are read to the minute.

    A relative stamp counts whole minutes between the minute of publication and
    the minute of ``now`` (the minutes a reader sees on the absolute stamp and
    on a clock), so it changes only when a minute starts and a list can be
    kept for the rest of that minute.

    >>> to_minute(datetime(2025, 4, 30, 22, 16, 59, 5, tzinfo=timezone.utc)).isoformat()
    '2025-04-30T22:16:00+00:00'
    """
    return moment.replace(second=0, microsecond=0)


def _thumbnail_size(width: int | None, height: int | None) -> tuple[int, int]:
    if width and height:
        return width, height
    if width:
        return width, max(1, round(width * THUMBNAIL_HEIGHT / THUMBNAIL_WIDTH))
    if height:
        return max(1, round(height * THUMBNAIL_WIDTH / THUMBNAIL_HEIGHT)), height
    return THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT


def news_view(
    items: Iterable[NewsItem | Mapping[str, object]],
    *,
    now: datetime | None = None,
    locale: str = "ar_EG",
    digits: Digits = "latn",
    clock: Clock = "12h",
    limit: int | None = 6,
    relative_within: timedelta | None = None,
    exclude_url: str | None = None,
    order: NewsOrder = "given",
    timezone: str | tzinfo | None = None,
    pattern: str | None = None,
    ago: Ago = "قبل",
    heading: str | None = None,
) -> NewsView:
    """Build the view model of the related-news list; see :func:`widgets.render_related_news`."""
    if now is not None:
        now = to_minute(_aware("now", now))
    if relative_within is not None and now is None:
        raise InvalidInputError("now", now, "a timezone-aware datetime when relative_within is set")
    zone = _news_zone(timezone, now)
    formatter = cached_formatter(locale, zone, digits, clock, None, ago)
    if heading is not None and not isinstance(heading, str):
        raise InvalidInputError("heading", heading, "a string or None")
    if not isinstance(items, Iterable):
        raise InvalidInputError("items", items, "an iterable of NewsItem objects or mappings")
    prepared = prepare_items(items, limit=limit, exclude_url=exclude_url, order=order)
    entries: list[NewsEntry] = []
    expiries: list[datetime] = []
    for item in prepared:
        href = safe_url(item.url) or ""
        image = (safe_url(item.image) or "") if item.image else ""
        width, height = _thumbnail_size(item.image_width, item.image_height)
        entries.append(
            NewsEntry(
                title=item.title,
                href=href,
                rel="noopener" if href.lower().startswith(("http:", "https:")) else "",
                stamp=formatter.news_stamp(
                    to_minute(item.published), now, relative_within, pattern
                ),
                iso=item.published.astimezone(zone).isoformat(),
                source=item.source or "",
                image=image,
                image_width=width,
                image_height=height,
            )
        )
        if now is not None and relative_within is not None:
            published = to_minute(item.published)
            change = _next_change(formatter, published, now, relative_within, pattern)
            if change is not None:
                expiries.append(change.astimezone(zone))
    return NewsView(
        lang=formatter.lang,
        dir=formatter.dir,
        heading=formatter.labels.news if heading is None else heading,
        entries=tuple(entries),
        expires_at=min(expiries) if expiries else None,
    )


# --- the timetable ------------------------------------------------------------------------------


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
    clock: Clock = "12h",
    method: Method | str | None = None,
    hijri_offset: int = 0,
    imsakiya: bool = False,
    asr: Asr | str = "standard",
    hijri_overrides: HijriOverrides | None = None,
    prayer_names: Mapping[str, str] | None = None,
    hijri_month_starts: MonthStarts | None = None,
) -> TimetableView:
    """Build the view model of a timetable; see :func:`widgets.render_timetable`."""
    if isinstance(month, datetime) or not isinstance(month, date):
        raise InvalidInputError("month", month, "a datetime.date in the month to show")
    if now is not None:
        now = _aware("now", now)
    place = as_location(location)
    zone = place.zone
    formatter = cached_formatter(
        locale, place.timezone, digits, clock, frozen("prayer_names", prayer_names)
    )
    labels = formatter.labels
    city = _city(place, formatter)
    first = month.replace(day=1)
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    calendar_of: dict[str, Any] = {
        "country": _country(place),
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
    blank = (PrayerSlot("imsak", labels.imsak, "", ""), *_blank_slots(formatter))[first_cell:]
    try:  # the days at once; day by day when one of them cannot be computed
        computed_days: list[PrayerDay | None] = list(
            timetable(place, days[0], days[-1], method=method, asr=asr)
        )
    except (WidgetsError, ValueError):
        computed_days = [_day_or_none(place, day, method, asr, city) for day in days]
    rows: list[TableRow] = []
    for day, computed in zip(days, computed_days, strict=True):
        cells = blank if computed is None else _day_cells(formatter, computed)[first_cell:]
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
