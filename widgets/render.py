"""Rendering: the Jinja2 environment, view models, HTML fragments and host integration.

Data flows one way: a place, a method and an instant become a
:class:`~widgets.prayer.PrayerDay`; this module turns it (with
:mod:`widgets.l10n` and :mod:`widgets.hijri`) into a frozen view model of
ready strings and ISO values, and a template in ``templates/widgets/``
prints that view. The result is a :class:`Fragment`: a ``str`` that Jinja2,
MarkupSafe and Django insert without escaping it again, with
``expires_at``, the first instant its content changes.

The ``render_*`` functions raise :class:`ValueError` subclasses from
:mod:`widgets.errors` for bad arguments (an unknown place or locale, a naive
``now``) but never print a wrong time: a time that cannot be computed is
shown as «—» and a warning is logged on ``logging.getLogger("widgets")``.
The template globals that :func:`install` adds never raise into the host
page.

>>> from markupsafe import escape
>>> escape(Fragment("<b>1</b>"))
Markup('<b>1</b>')
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, NamedTuple

import jinja2
import jinja2.compiler
import jinja2.nodes
from babel.dates import format_date
from markupsafe import Markup, escape

from .errors import HijriRangeError, InvalidInputError, WidgetsError
from .hijri import HijriDate, HijriOverrides, to_hijri
from .l10n import Ago, Clock, Digits, Formatter, to_digits
from .methods import Asr, Method, Prayer
from .news import NewsItem, NewsOrder, prepare_items, safe_url
from .places import Location, as_location
from .prayer import PrayerDay, prayer_times, timetable
from .zones import get_zone

__all__ = [
    "DEFAULT_PREFIX",
    "NEWS_TEMPLATE",
    "STRIP_TEMPLATE",
    "THUMBNAIL_HEIGHT",
    "THUMBNAIL_WIDTH",
    "TIMETABLE_TEMPLATE",
    "Fragment",
    "NewsEntry",
    "NewsView",
    "PrayerSlot",
    "StripView",
    "TableColumn",
    "TableRow",
    "TimetableView",
    "environment",
    "install",
    "news_view",
    "render_prayer_strip",
    "render_related_news",
    "render_timetable",
    "strip_view",
    "template_loader",
    "templates_path",
    "timetable_view",
    "widget_globals",
]

logger = logging.getLogger("widgets")

STRIP_TEMPLATE: Final = "widgets/prayer_strip.html"
NEWS_TEMPLATE: Final = "widgets/related_news.html"
TIMETABLE_TEMPLATE: Final = "widgets/timetable.html"
DEFAULT_PREFIX: Final = "widgets_default"
"""Prefix under which :func:`install` also serves our templates, so an override can extend them."""
THUMBNAIL_WIDTH: Final = 120
"""``width`` of a news thumbnail whose size the item does not give (pixels)."""
THUMBNAIL_HEIGHT: Final = 80
"""``height`` of a news thumbnail whose size the item does not give (pixels)."""
TABLE_DATE: Final = "EEEE d MMMM"
"""CLDR pattern of the date column of a timetable: ``الأربعاء 30 أبريل``."""
TABLE_MONTH: Final = "MMMM y"
"""CLDR pattern of the month in a timetable caption: ``أبريل 2025``."""

_UTC: Final = timezone.utc
_MISSING: Final = "—"
_AFTER_ISHA: Final = 6
_UNAVAILABLE: Final = -1
_MAGHRIB_INDEX: Final = 4
_CACHE_SIZE: Final = 512
_PRAYERS: Final = tuple((prayer, prayer.value) for prayer in Prayer)
_SIX: Final = tuple(slug for _, slug in _PRAYERS)


# --- the fragment ------------------------------------------------------------------------------


class Fragment(str):
    """Finished HTML: a ``str`` that templates insert as markup, with its expiry.

    ``__html__`` makes Jinja2, MarkupSafe and Django treat it as safe markup
    (it is built by autoescaped templates only); ``__html__`` returns a
    :class:`~markupsafe.Markup`, so ``Markup.format`` keeps it as it is too.
    ``expires_at`` is the first
    instant at which the content would change (the next prayer, local
    midnight, a relative timestamp ticking over), an aware datetime, or
    ``None`` when it never changes by itself. A fragment is immutable.

    >>> from markupsafe import Markup, escape
    >>> piece = Fragment("<p>x</p>")
    >>> escape(piece) == Markup("<p>x</p>"), piece.expires_at
    (True, None)
    """

    expires_at: datetime | None

    def __new__(cls, html: str = "", expires_at: datetime | None = None) -> Fragment:
        if expires_at is not None and (
            not isinstance(expires_at, datetime) or expires_at.utcoffset() is None
        ):
            raise InvalidInputError("expires_at", expires_at, "a timezone-aware datetime or None")
        self = super().__new__(cls, html)
        object.__setattr__(self, "expires_at", expires_at)
        return self

    def __html__(self) -> Markup:
        return Markup(str(self))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Fragment is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Fragment is immutable: cannot delete {name!r}")

    def __reduce__(self) -> tuple[type[Fragment], tuple[str, datetime | None]]:
        return (Fragment, (str(self), self.expires_at))

    def __repr__(self) -> str:
        return f"Fragment({str.__repr__(self)}, expires_at={self.expires_at!r})"


# --- templates and the environment --------------------------------------------------------------


class _WidgetsLoader(jinja2.FileSystemLoader):
    """Our templates folder; a class of its own so :func:`install` can find it in a chain."""


@lru_cache(maxsize=1)
def templates_path() -> Path:
    """Return the folder holding ``widgets/prayer_strip.html`` and the other templates.

    In a wheel the templates ship inside the package (``widgets/templates``);
    in a checkout or an editable install they are the repository's top-level
    ``templates/`` folder, next to the package.
    """
    package = Path(__file__).resolve().parent
    candidates = (package / "templates", package.parent / "templates")
    for candidate in candidates:
        if (candidate / STRIP_TEMPLATE).is_file():
            return candidate
    raise FileNotFoundError(
        f"widget templates not found: looked for {STRIP_TEMPLATE} in "
        + " and ".join(str(candidate) for candidate in candidates)
    )


@lru_cache(maxsize=1)
def template_loader() -> jinja2.BaseLoader:
    """Return a loader for our templates (``widgets/*.html``, ``widgets/widgets.css``...).

    For hosts that wire their environment themselves; :func:`install` does it in one call.
    """
    return _WidgetsLoader(str(templates_path()))


_NEEDS_ESCAPE: Final = re.compile("[&<>\"']")


def _escape(value: object) -> str:
    """``markupsafe.escape`` for autoescaped output, without a ``Markup`` for plain text.

    A ``str`` with none of the five characters MarkupSafe replaces is printed
    as it is; everything else goes through MarkupSafe. Same text, but a small
    template spends most of its time building ``Markup`` objects otherwise.
    """
    if type(value) is str and _NEEDS_ESCAPE.search(value) is None:
        return value
    return escape(value)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles our templates to call :func:`_escape` where Jinja2 calls ``escape``.

    Jinja2's compiled module prints every autoescaped value through a global
    named ``escape``; the line added at the module's end rebinds it. Should a
    Jinja2 release call it something else, values would still be escaped by
    MarkupSafe, only without this shortcut (a test compares with stock Jinja2).
    """

    def visit_Template(
        self, node: jinja2.nodes.Template, frame: jinja2.compiler.Frame | None = None
    ) -> None:
        super().visit_Template(node, frame)
        self.writeline(f"from {__name__} import _escape as escape")


class _Environment(jinja2.Environment):
    code_generator_class = _CodeGenerator


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Return this package's own Jinja2 environment (shared, thread-safe).

    Autoescape is on for every template and undefined names raise
    (``StrictUndefined``). Our templates use no global, so the environment
    has none (not even Jinja2's ``range``): a render then skips merging them
    into its context, a good part of the cost of a small template. Output
    expressions are escaped by :func:`_escape`, which gives MarkupSafe's text.
    """
    env = _Environment(
        loader=template_loader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals.clear()
    return env


# --- view models --------------------------------------------------------------------------------
# Named tuples: immutable, so a cached view can be shared between threads, and cheap to
# build, which matters when a static build makes thousands of them.


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
    ``expires_at`` is not printed: it becomes :attr:`Fragment.expires_at`.
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


@dataclass(frozen=True, slots=True, kw_only=True)
class _Labels:
    strip: str
    next: str
    unavailable: str
    countdown: str
    month: str
    imsakiya: str
    date: str
    ramadan: str
    imsak: str
    news: str


_ARABIC_LABELS: Final = _Labels(
    strip="مواقيت الصلاة في {city}",
    next="الصلاة القادمة",
    unavailable="غير متاح",
    countdown="{name} بعد {time}",
    month="مواقيت الصلاة في {city}، {month}",
    imsakiya="إمساكية رمضان {year} هـ، {city}",
    date="التاريخ",
    ramadan="رمضان",
    imsak="الإمساك",
    news="أخبار ذات صلة",
)
_ENGLISH_LABELS: Final = _Labels(
    strip="Prayer times in {city}",
    next="next prayer",
    unavailable="not available",
    countdown="{name} in {time}",
    month="Prayer times in {city}, {month}",
    imsakiya="Ramadan {year} AH imsakiya, {city}",
    date="Date",
    ramadan="Ramadan",
    imsak="Imsak",
    news="Related news",
)


def _labels(formatter: Formatter) -> _Labels:
    return _ARABIC_LABELS if formatter.locale.language == "ar" else _ENGLISH_LABELS


# --- shared helpers -----------------------------------------------------------------------------


def _aware(field: str, value: object) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInputError(field, value, "a timezone-aware datetime")
    return value


def _frozen(field: str, value: Mapping[Any, Any] | None) -> tuple[tuple[Any, Any], ...] | None:
    """A mapping as a sorted tuple of pairs, so it can be part of a cache key."""
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


def _day_start(day: date, zone: tzinfo) -> datetime:
    """The first instant of the local ``day``: midnight, or the end of a DST gap at midnight."""
    wall = datetime.combine(day, time(0), tzinfo=zone)
    return wall.astimezone(_UTC).astimezone(zone)


@lru_cache(maxsize=_CACHE_SIZE)
def _location(value: str | Location) -> Location:
    return as_location(value)


@lru_cache(maxsize=64)
def _formatter(
    locale: str,
    zone: str | tzinfo,
    digits: Digits,
    clock: Clock,
    names: tuple[tuple[str, str], ...] | None,
    ago: Ago,
) -> Formatter:
    return Formatter(
        locale, zone, digits, clock, prayer_names=None if names is None else dict(names), ago=ago
    )


def _city(location: Location, formatter: Formatter) -> str:
    if formatter.locale.language != "ar" and location.name_en:
        return location.name_en
    return location.display_name


def _blank_slots(formatter: Formatter) -> list[PrayerSlot]:
    return [
        PrayerSlot(prayer=prayer.value, name=formatter.prayer_name(prayer), time="", iso="")
        for prayer in Prayer
    ]


def _render(env: jinja2.Environment, name: str, **context: object) -> str:
    return env.get_template(name).render(**context)


# --- the prayer strip ---------------------------------------------------------------------------


class _StripOptions(NamedTuple):
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


def _strip_options(
    location: str | Location,
    locale: str,
    digits: Digits,
    clock: Clock,
    method: Method | str | None,
    hijri_offset: int,
    asr: Asr | str,
    hijri_overrides: HijriOverrides | None,
    hijri_at_maghrib: bool,
    prayer_names: Mapping[str, str] | None,
) -> _StripOptions:
    options = _StripOptions(
        location=location,
        locale=locale,
        digits=digits,
        clock=clock,
        method=method,
        hijri_offset=hijri_offset,
        asr=asr,
        hijri_overrides=_frozen("hijri_overrides", hijri_overrides),
        hijri_at_maghrib=bool(hijri_at_maghrib),
        prayer_names=_frozen("prayer_names", prayer_names),
    )
    try:
        hash(options)
    except TypeError:
        raise InvalidInputError(
            "location", location, "a place name or a widgets.Location (hashable values)"
        ) from None
    return options


def _compute_day(options: _StripOptions, location: Location, day: date) -> PrayerDay:
    return prayer_times(location, day, method=options.method, asr=options.asr)


class _Computed:
    """The day computed for a strip's state, handed to the cached view without keying it.

    Every ``_Computed`` is equal to every other, so it rides along in an
    ``lru_cache`` call without changing which entry is hit; on a miss the view
    reuses the day instead of computing it a second time.
    """

    __slots__ = ("day",)

    def __init__(self, day: PrayerDay | None) -> None:
        self.day = day

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Computed)

    def __hash__(self) -> int:
        return 0


@lru_cache(maxsize=2048)
def _hijri_of(day: date, offset: int, overrides: tuple[tuple[Any, Any], ...] | None) -> HijriDate:
    """:func:`~widgets.hijri.to_hijri` with the overrides frozen, shared by places and days."""
    return to_hijri(day, offset, None if overrides is None else dict(overrides))


@lru_cache(maxsize=2048)
def _table_date(day: date, tag: str, digits: Digits) -> str:
    return to_digits(format_date(day, TABLE_DATE, locale=tag), digits)


def _strip_state(options: _StripOptions, now: datetime) -> tuple[date, int, _Computed]:
    """The local date at ``now``, the index of the next of the six (6: after Isha; -1: none)
    and the computed day.

    Logs a warning when the times cannot be computed.
    """
    location = _location(options.location)
    today = now.astimezone(location.zone).date()
    try:
        day = _compute_day(options, location, today)
    except (WidgetsError, ValueError) as error:
        logger.warning(
            "prayer times for %s on %s cannot be shown: %s", location.display_name, today, error
        )
        return today, _UNAVAILABLE, _Computed(None)
    for index, slug in enumerate(_SIX):
        if getattr(day, slug) > now:
            return today, index, _Computed(day)
    return today, _AFTER_ISHA, _Computed(day)


class _IdentityKey:
    """A formatter and a computed day as a cache key, compared by identity.

    Both are large frozen values that come from caches of their own, so the
    same objects recur; comparing fields instead would cost more than the
    work saved. The key holds both, so their ids stay theirs while it lives.
    """

    __slots__ = ("_hash", "day", "formatter")

    def __init__(self, formatter: Formatter, day: PrayerDay) -> None:
        self.formatter = formatter
        self.day = day
        self._hash = hash((id(formatter), id(day)))

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _IdentityKey)
            and other.formatter is self.formatter
            and other.day is self.day
        )

    def __hash__(self) -> int:
        return self._hash


@lru_cache(maxsize=_CACHE_SIZE * 4)
def _day_cells(key: _IdentityKey) -> tuple[PrayerSlot, ...]:
    """Imsak and the six times of a day as displayed, none marked next.

    Shared by the strip and the timetable, so a build that shows a day in
    both formats its times once.
    """
    formatter, day = key.formatter, key.day
    time_of, name_of = formatter.time, formatter.prayer_name
    cells = [
        PrayerSlot("imsak", _labels(formatter).imsak, time_of(day.imsak), day.imsak.isoformat())
    ]
    for prayer, slug in _PRAYERS:
        moment: datetime = getattr(day, slug)
        cells.append(PrayerSlot(slug, name_of(prayer), time_of(moment), moment.isoformat()))
    return tuple(cells)


@lru_cache(maxsize=_CACHE_SIZE)
def _date_lines(
    formatter: Formatter,
    day: date,
    hijri_day: date,
    offset: int,
    overrides: tuple[tuple[Any, Any], ...] | None,
) -> tuple[str, str, str]:
    """The strip's Gregorian line, Hijri line and Hijri ISO day, shared by every place of a zone.

    The Hijri line and its day are empty outside the Umm al-Qura table (a warning is logged).
    """
    try:
        hijri = formatter.hijri_date(_hijri_of(hijri_day, offset, overrides))
        hijri_iso = hijri_day.isoformat()
    except HijriRangeError as error:
        logger.warning("the Hijri date is left out: %s", error)
        hijri, hijri_iso = "", ""
    return formatter.gregorian_date(day), hijri, hijri_iso


def _build_strip_view(
    options: _StripOptions, today: date, state: int, computed: _Computed
) -> StripView:
    location = _location(options.location)
    zone = location.zone
    formatter = _formatter(
        options.locale,
        location.timezone,
        options.digits,
        options.clock,
        options.prayer_names,
        "قبل",
    )
    labels = _labels(formatter)
    day: PrayerDay | None = None
    if state != _UNAVAILABLE:
        day = computed.day
        if day is None:
            try:
                day = _compute_day(options, location, today)
            except (WidgetsError, ValueError):  # logged by _strip_state
                day = None

    slots: tuple[PrayerSlot, ...]
    expires_at: datetime | None = None
    next_iso = ""
    if day is None:
        slots = tuple(_blank_slots(formatter))
    else:
        slots = _day_cells(_IdentityKey(formatter, day))[1:]
        if 0 <= state < _AFTER_ISHA:
            marked = list(slots)
            marked[state] = PrayerSlot(*slots[state][:4], is_next=True)
            slots = tuple(marked)
            expires_at = getattr(day, _SIX[state])
        else:
            try:
                next_iso = day.following_day().fajr.isoformat()
            except (WidgetsError, ValueError):
                next_iso = ""
    if expires_at is None or expires_at.date() > today:  # else before the next midnight
        expires_at = _day_start(today + timedelta(days=1), zone)

    hijri_day = today
    if options.hijri_at_maghrib and day is not None and state > _MAGHRIB_INDEX:
        hijri_day = today + timedelta(days=1)
    gregorian, hijri, hijri_iso = _date_lines(
        formatter, today, hijri_day, options.hijri_offset, options.hijri_overrides
    )
    city = _city(location, formatter)
    return StripView(
        lang=formatter.lang,
        dir=formatter.dir,
        digits=formatter.digits,
        label=labels.strip.format(city=city),
        city=city,
        gregorian=gregorian,
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


#: Views asked for by :func:`strip_view` (the host-template path), on the same key as fragments.
_cached_strip_view = lru_cache(maxsize=_CACHE_SIZE)(_build_strip_view)


@lru_cache(maxsize=_CACHE_SIZE)
def _cached_strip_fragment(
    options: _StripOptions, today: date, state: int, computed: _Computed
) -> Fragment:
    view = _build_strip_view(options, today, state, computed)
    return Fragment(_render(environment(), STRIP_TEMPLATE, strip=view), view.expires_at)


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
) -> StripView:
    """Build the view model of the prayer strip; see :func:`render_prayer_strip`."""
    now = _aware("now", now)
    options = _strip_options(
        location,
        locale,
        digits,
        clock,
        method,
        hijri_offset,
        asr,
        hijri_overrides,
        hijri_at_maghrib,
        prayer_names,
    )
    return _cached_strip_view(options, *_strip_state(options, now))


def render_prayer_strip(
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
) -> Fragment:
    """Render the prayer strip of ``location`` at the instant ``now``.

    The strip shows the city, the Gregorian and Hijri dates of ``now``'s day
    in the location's zone, and the six times of that day, the next one
    marked (``aria-current="time"`` and the class ``pnw-next``); after Isha
    nothing is marked until the date changes at local midnight. A time
    that cannot be computed is printed «—» and a warning is logged; the
    Hijri line is left out outside the Umm al-Qura table.

    ``locale``, ``digits`` and ``clock`` are as in :class:`~widgets.l10n.Formatter`;
    ``method`` and ``asr`` as in :func:`~widgets.prayer.prayer_times`;
    ``hijri_offset`` (-2..+2 days) and ``hijri_overrides`` as in
    :func:`~widgets.hijri.to_hijri`; ``hijri_at_maghrib`` turns the Hijri day
    at Maghrib; ``prayer_names`` overrides display names by slug.

    The fragment's ``expires_at`` is the next prayer's time, or the next
    local midnight, whichever comes first. Same arguments and the same
    minute state (local date, next prayer), same bytes: finished fragments
    are kept in a bounded cache.

    Raises :class:`~widgets.errors.InvalidInputError` for a naive ``now``,
    an unknown place, locale, digits or clock.
    """
    now = _aware("now", now)
    options = _strip_options(
        location,
        locale,
        digits,
        clock,
        method,
        hijri_offset,
        asr,
        hijri_overrides,
        hijri_at_maghrib,
        prayer_names,
    )
    return _cached_strip_fragment(options, *_strip_state(options, now))


def _fallback_strip_view(location: object, locale: object) -> StripView:
    """A strip with «—» for every time, for a place or setting that cannot be used at all."""
    try:
        formatter = _formatter(str(locale), "UTC", "latn", "12h", None, "قبل")
    except (WidgetsError, ValueError):
        formatter = _formatter("ar_EG", "UTC", "latn", "12h", None, "قبل")
    labels = _labels(formatter)
    city = _city(location, formatter) if isinstance(location, Location) else str(location)
    slots = tuple(_blank_slots(formatter))
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
        slots=slots,
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
    candidates = {published + within, _day_start(now.astimezone(zone).date() + timedelta(1), zone)}
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
    """Build the view model of the related-news list; see :func:`render_related_news`."""
    if now is not None:
        now = _aware("now", now)
    if relative_within is not None and now is None:
        raise InvalidInputError("now", now, "a timezone-aware datetime when relative_within is set")
    zone = _news_zone(timezone, now)
    formatter = _formatter(locale, zone, digits, clock, None, ago)
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
                stamp=formatter.news_stamp(item.published, now, relative_within, pattern),
                iso=item.published.astimezone(zone).isoformat(),
                source=item.source or "",
                image=image,
                image_width=width,
                image_height=height,
            )
        )
        if now is not None and relative_within is not None:
            change = _next_change(formatter, item.published, now, relative_within, pattern)
            if change is not None:
                expiries.append(change.astimezone(zone))
    return NewsView(
        lang=formatter.lang,
        dir=formatter.dir,
        heading=_labels(formatter).news if heading is None else heading,
        entries=tuple(entries),
        expires_at=min(expiries) if expiries else None,
    )


def _thumbnail_size(width: int | None, height: int | None) -> tuple[int, int]:
    if width and height:
        return width, height
    if width:
        return width, max(1, round(width * THUMBNAIL_HEIGHT / THUMBNAIL_WIDTH))
    if height:
        return max(1, round(height * THUMBNAIL_WIDTH / THUMBNAIL_HEIGHT)), height
    return THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT


def render_related_news(
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
) -> Fragment:
    """Render the related-news list: linked headlines with their timestamps.

    ``items`` are :class:`~widgets.news.NewsItem` objects or mappings; they go
    through :func:`~widgets.news.prepare_items` (a bad item is skipped with a
    warning, duplicates and ``exclude_url`` removed, ``order`` applied, cut
    to ``limit``). Stamps are absolute (``30 أبريل 2025 10:16 م``, or
    ``pattern``) in ``timezone`` (default: ``now``'s zone, else UTC), or
    relative («قبل ساعتين», with ``ago``) for items younger than
    ``relative_within`` (which needs ``now``). ``heading`` defaults to
    «أخبار ذات صلة» (or "Related news" in English).

    With no item left the fragment is empty. ``expires_at`` is when the first
    relative stamp would change, or ``None`` when every stamp is absolute.
    """
    view = news_view(
        items,
        now=now,
        locale=locale,
        digits=digits,
        clock=clock,
        limit=limit,
        relative_within=relative_within,
        exclude_url=exclude_url,
        order=order,
        timezone=timezone,
        pattern=pattern,
        ago=ago,
        heading=heading,
    )
    return _news_fragment(environment(), view)


def _news_fragment(env: jinja2.Environment, view: NewsView) -> Fragment:
    if not view.entries:
        return Fragment("", None)
    return Fragment(_render(env, NEWS_TEMPLATE, news=view), view.expires_at)


# --- the timetable ------------------------------------------------------------------------------


def _ramadan_days(
    first: date, last: date, offset: int, overrides: HijriOverrides | None
) -> list[date]:
    """The days of the Ramadan that has days in ``first``..``last``, or an empty list."""
    days: list[date] = []
    current = first - timedelta(days=30)
    shared = type(offset) is int and overrides is None
    while current <= last + timedelta(days=30):
        try:
            if shared:
                month = _hijri_of(current, offset, None).month
            else:
                month = to_hijri(current, offset, overrides).month
        except HijriRangeError:
            month = 0
        if month == 9:
            days.append(current)
        elif days and days[-1] >= first:
            break
        elif days:
            days = []
        current += timedelta(days=1)
    return days if days and days[-1] >= first and days[0] <= last else []


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
) -> TimetableView:
    """Build the view model of a timetable; see :func:`render_timetable`."""
    if isinstance(month, datetime) or not isinstance(month, date):
        raise InvalidInputError("month", month, "a datetime.date in the month to show")
    if now is not None:
        now = _aware("now", now)
    place = _location(location)
    zone = place.zone
    formatter = _formatter(
        locale, place.timezone, digits, clock, _frozen("prayer_names", prayer_names), "قبل"
    )
    labels = _labels(formatter)
    city = _city(place, formatter)
    first = month.replace(day=1)
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    if imsakiya:
        days = _ramadan_days(first, last, hijri_offset, hijri_overrides)
        if not days:
            raise InvalidInputError(
                "month", month, "a month with days of Ramadan when imsakiya=True"
            )
        year = to_hijri(days[0], hijri_offset, hijri_overrides).year
        caption = labels.imsakiya.format(year=to_digits(str(year), formatter.digits), city=city)
    else:
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        month_text = to_digits(
            format_date(first, TABLE_MONTH, locale=formatter.locale), formatter.digits
        )
        caption = labels.month.format(city=city, month=month_text)

    columns = [
        TableColumn(prayer=prayer.value, name=formatter.prayer_name(prayer)) for prayer in Prayer
    ]
    if imsakiya:
        columns.insert(0, TableColumn(prayer="imsak", name=labels.imsak))
    today = now.astimezone(zone).date() if now is not None else None
    tag = str(formatter.locale)
    # Only an imsakiya reads the overrides, and to_hijri has accepted them by now.
    frozen_overrides = _frozen("hijri_overrides", hijri_overrides) if imsakiya else None
    first_cell = 0 if imsakiya else 1  # the imsak cell leads the day's cells
    blank = (
        PrayerSlot("imsak", labels.imsak, "", ""),
        *_blank_slots(formatter),
    )[first_cell:]
    try:  # the days at once; day by day when one of them cannot be computed
        computed_days: list[PrayerDay | None] = list(
            timetable(place, days[0], days[-1], method=method, asr=asr)
        )
    except (WidgetsError, ValueError):
        computed_days = [_day_or_none(place, day, method, asr, city) for day in days]
    rows: list[TableRow] = []
    for day, computed in zip(days, computed_days, strict=True):
        if computed is None:
            cells = blank
        else:
            cells = _day_cells(_IdentityKey(formatter, computed))[first_cell:]
        hijri = ""
        if imsakiya:
            hijri = to_digits(
                str(_hijri_of(day, hijri_offset, frozen_overrides).day), formatter.digits
            )
        rows.append(
            TableRow(
                date=_table_date(day, tag, formatter.digits),
                iso=day.isoformat(),
                hijri=hijri,
                cells=cells,
                is_today=day == today,
            )
        )
    expires_at: datetime | None = None
    if today is not None:
        if today < days[0]:
            expires_at = _day_start(days[0], zone)
        elif today <= days[-1]:
            expires_at = _day_start(today + timedelta(days=1), zone)
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


def render_timetable(
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
) -> Fragment:
    """Render a month of prayer times as a table, or the Ramadan imsakiya.

    ``month`` is any day of the month to show. With ``imsakiya=True`` the
    table holds the days of the Ramadan that falls in (or across) that month,
    with an Imsak column and the day of Ramadan; a month without Ramadan
    days raises :class:`~widgets.errors.InvalidInputError`. With ``now``,
    today's row is marked (``aria-current="date"``) and ``expires_at`` is
    the next local midnight while the table holds today.
    """
    view = timetable_view(
        location,
        month=month,
        now=now,
        locale=locale,
        digits=digits,
        clock=clock,
        method=method,
        hijri_offset=hijri_offset,
        imsakiya=imsakiya,
        asr=asr,
        hijri_overrides=hijri_overrides,
        prayer_names=prayer_names,
    )
    return Fragment(_render(environment(), TIMETABLE_TEMPLATE, table=view), view.expires_at)


# --- host integration ---------------------------------------------------------------------------


def _utc_now() -> datetime:
    return datetime.now(_UTC)


def widget_globals(
    env: jinja2.Environment | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
) -> dict[str, Callable[..., Any]]:
    """Return the template helpers that :func:`install` registers, bound to ``env``.

    - ``prayer_strip(location, **options)`` -> :class:`Fragment`
    - ``related_news(items, **options)`` -> :class:`Fragment`
    - ``prayer_strip_view(location, **options)`` -> :class:`StripView`, and
      ``related_news_view(items, **options)`` -> :class:`NewsView`, for
      ``{% include "widgets/prayer_strip.html" %}`` with ``strip`` set.

    Options are those of :func:`render_prayer_strip` and
    :func:`render_related_news`; ``now`` defaults to ``clock()`` (UTC now
    when no clock is given). The helpers never raise a
    :class:`ValueError` into the page: they log a warning on
    ``logging.getLogger("widgets")`` and return a strip with «—» for every
    time, or nothing for the news. Fragments are rendered with ``env``'s
    templates (so a host's override is used), or ours when ``env`` is None.
    """
    read_clock = clock or _utc_now

    def prayer_strip_view(location: Any, **options: Any) -> StripView:
        now = options.pop("now", None)
        try:
            return strip_view(location, now=read_clock() if now is None else now, **options)
        except (WidgetsError, ValueError) as error:
            logger.warning("prayer strip for %r shows no times: %s", location, error)
            return _fallback_strip_view(location, options.get("locale", "ar_EG"))

    def prayer_strip(location: Any, **options: Any) -> Fragment:
        if env is None:
            now = options.pop("now", None)
            try:
                return render_prayer_strip(
                    location, now=read_clock() if now is None else now, **options
                )
            except (WidgetsError, ValueError) as error:
                logger.warning("prayer strip for %r shows no times: %s", location, error)
                view = _fallback_strip_view(location, options.get("locale", "ar_EG"))
                return Fragment(_render(environment(), STRIP_TEMPLATE, strip=view), None)
        view = prayer_strip_view(location, **options)
        return Fragment(_render(env, STRIP_TEMPLATE, strip=view), view.expires_at)

    def related_news_view(items: Any, **options: Any) -> NewsView:
        if options.get("now") is None:
            options["now"] = read_clock()
        try:
            return news_view(items, **options)
        except (WidgetsError, ValueError) as error:
            logger.warning("related news not shown: %s", error)
            return NewsView(lang="ar", dir="rtl", heading="", entries=(), expires_at=None)

    def related_news(items: Any, **options: Any) -> Fragment:
        return _news_fragment(env or environment(), related_news_view(items, **options))

    return {
        "prayer_strip": prayer_strip,
        "prayer_strip_view": prayer_strip_view,
        "related_news": related_news,
        "related_news_view": related_news_view,
    }


def _has_our_loader(loader: jinja2.BaseLoader | None) -> bool:
    if isinstance(loader, _WidgetsLoader):
        return True
    if isinstance(loader, jinja2.ChoiceLoader):
        return any(_has_our_loader(inner) for inner in loader.loaders)
    return False


def install(
    env: jinja2.Environment, *, clock: Callable[[], datetime] | None = None
) -> jinja2.Environment:
    """Wire this package into a host's Jinja2 environment and return it.

    Our templates are added *behind* the host's loader, so a host template
    named ``widgets/prayer_strip.html`` overrides ours; ours stay reachable
    as ``widgets_default/widgets/...`` so an override can extend the
    original. The globals of :func:`widget_globals` are registered, reading
    ``now`` from ``clock`` (default: UTC now) unless ``now=`` is passed.
    Calling it again does not chain the loaders twice (the globals are
    replaced, with the new ``clock``).
    """
    if not isinstance(env, jinja2.Environment):
        raise InvalidInputError("env", env, "a jinja2.Environment")
    if not _has_our_loader(env.loader):
        ours = template_loader()
        default = jinja2.PrefixLoader({DEFAULT_PREFIX: ours})
        chain: list[jinja2.BaseLoader] = [ours, default]
        if env.loader is not None:
            chain.insert(0, env.loader)
        env.loader = jinja2.ChoiceLoader(chain)
    env.globals.update(widget_globals(env, clock=clock))
    return env
