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

import json
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any, Final, NamedTuple

from .errors import HijriRangeError, InvalidInputError, TimeUnavailableError, WidgetsError, logger
from .hijri import HijriOverrides, MonthStarts, to_hijri
from .l10n import Clock, Digits, Formatter, cached_formatter
from .methods import Asr, Method, Prayer, get_method, method_for_country
from .places import Location, as_location
from .prayer import DAY_CACHE_SIZE, FIRST_DATE, LAST_DATE, PrayerDay, prayer_times

__all__ = [
    "PrayerSlot",
    "StripOptions",
    "StripView",
    "fallback_strip_view",
    "hashable",
    "require_hashable",
    "strip_options",
    "strip_state",
    "strip_view",
    "strip_view_at",
    "text_direction",
    "text_language",
]


AFTER_ISHA: Final = 6
"""The strip state after Isha: the next prayer is tomorrow's Fajr."""
MAX_COMING_DAYS: Final = 31
"""The most days after today a strip can carry for its script."""
_SUNRISE_INDEX: Final = 1
_DHUHR_INDEX: Final = 2
_FRIDAY: Final = 4
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
    ``spoken`` is the time as a speech engine should read it («4:57 صباحًا»);
    ``note`` a word shown with the time («غدًا» on tomorrow's Fajr, «الجمعة»).
    """

    prayer: str
    name: str
    time: str
    iso: str
    is_next: bool = False
    spoken: str = ""
    note: str = ""


class StripView(NamedTuple):
    """Everything the prayer strip prints, as ready strings.

    ``gregorian_iso``/``hijri_iso`` are ``YYYY-MM-DD`` (empty to leave the
    line out); ``next_iso`` is the next prayer's instant when it is not in
    the list (tomorrow's Fajr, after Isha), for the optional script;
    ``countdown`` is its text pattern with ``{name}`` and ``{time}``.
    ``expires_at`` is not printed: it becomes the fragment's ``expires_at``.
    ``method`` is the slug of the calculation method the times follow.
    ``pause_label``/``resume_label`` name the script's countdown button.
    ``city_lang`` is the city name's ``lang`` when it is not the strip's
    (:func:`text_language`), else empty.
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
    method: str = ""
    countdown_forms: str = ""
    coming: str = ""
    tomorrow_label: str = ""
    pause_label: str = ""
    resume_label: str = ""
    city_lang: str = ""


# --- shared helpers -----------------------------------------------------------------------------


def require_aware(field: str, value: object) -> datetime:
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


def city_name(location: Location, formatter: Formatter) -> str:
    if formatter.locale.language != "ar" and location.name_en:
        return location.name_en
    return location.display_name


def blank_slots(formatter: Formatter) -> tuple[PrayerSlot, ...]:
    return tuple(
        PrayerSlot(prayer=prayer.value, name=formatter.prayer_name(prayer), time="", iso="")
        for prayer in Prayer
    )


def text_direction(text: str, default: str = "auto") -> str:
    """The direction of a text: ``"rtl"`` when it has any right-to-left letter.

    A headline with Arabic (or Hebrew) letters in it is a sentence in that
    language, however many Latin letters its brand names bring («Samsung
    Galaxy S25 Ultra يصل إلى مصر»): it is laid out right-to-left, so that the
    brand, its subject, sits at the right where the reader starts. UAX #9's
    first strong character (HTML's ``dir="auto"``), or a count of letters of
    each kind, would give such headlines ``ltr``. A text with left-to-right
    letters only (an English headline) is ``"ltr"``; one with no strong
    letter (bidi classes L, R and AL), digits or punctuation only, gives
    ``default``.

    >>> text_direction("Microsoft Teams تتوقف عن العمل"), text_direction("Apple unveils iPhone 17")
    ('rtl', 'ltr')
    """
    kinds = _letter_kinds(text)
    if "R" in kinds or "AL" in kinds:
        return "rtl"
    return "ltr" if "L" in kinds else default


def text_language(text: str, lang: str, stated: str | None = None) -> str:
    """The ``lang`` a text needs inside a widget in ``lang``, or ``""`` when it shares it.

    A screen reader speaks each part with the voice of its ``lang``
    (WCAG 3.1.2), so a part in another language says so. The letters decide
    the script: Arabic letters in a widget of another language are ``"ar"``,
    Hebrew ones ``"he"``, and left-to-right letters only inside a
    right-to-left widget are taken for English. ``stated``, the language its
    source gave (a feed's ``xml:lang`` or ``<language>``), names the language
    when it is written in that script; many Arabic feeds keep a CMS's
    default ``en-US``, which Arabic letters overrule. Digits and punctuation
    alone need nothing.

    >>> text_language("Apple unveils iPhone 17", "ar-EG"), text_language("القاهرة", "en")
    ('en', 'ar')
    >>> text_language("Samsung Galaxy S25 يصل إلى مصر", "ar-EG", "en-US")
    ''
    >>> text_language("Le Monde", "ar", "fr"), text_language("Le Monde", "en", "fr")
    ('fr', 'fr')
    """
    own = _primary(lang)
    kinds = _letter_kinds(text)
    if "AL" in kinds or "R" in kinds:
        guess, script = ("ar", _ARABIC_SCRIPT) if "AL" in kinds else ("he", _HEBREW_SCRIPT)
        language = stated if stated and _primary(stated) in script else guess
    elif "L" in kinds:
        right_to_left = _ARABIC_SCRIPT | _HEBREW_SCRIPT
        if stated and _primary(stated) not in right_to_left:
            language = stated
        else:
            language = "en" if own in right_to_left else lang
    else:
        return ""
    return "" if _primary(language) == own else language


def _letter_kinds(text: str) -> set[str]:
    """The bidi classes of ``text``'s characters: ``L``, ``R`` (Hebrew), ``AL`` (Arabic), ..."""
    return {unicodedata.bidirectional(char) for char in text}


def _primary(tag: str) -> str:
    return tag.replace("_", "-").partition("-")[0].lower()


_ARABIC_SCRIPT: Final = frozenset({"ar", "fa", "ur", "ps", "ckb", "sd", "ug"})
"""Languages written in Arabic letters."""
_HEBREW_SCRIPT: Final = frozenset({"he", "yi"})
"""Languages written in Hebrew letters."""


DAY_CELLS_CACHE_SIZE: Final = 2048
"""How many days' displayed cells are kept: a strip, the days it carries, a month's table
and an imsakiya show the same day, so a static build formats each day once."""


@lru_cache(maxsize=DAY_CELLS_CACHE_SIZE)
def day_cells(formatter: Formatter, day: PrayerDay, jumuah: bool = False) -> tuple[PrayerSlot, ...]:
    """Imsak and the six times of a day as displayed, none marked next.

    With ``jumuah`` on a Friday, Dhuhr is named «الجمعة» (and noted so in a table cell).
    Kept per formatter and day (both immutable values that compare by content).
    """
    time_of, name_of, spoken = formatter.time, formatter.prayer_name, formatter.spoken_time
    friday = jumuah and day.date.weekday() == _FRIDAY
    imsak = day.imsak
    cells = [
        PrayerSlot(
            "imsak", formatter.labels.imsak, time_of(imsak), imsak.isoformat(), spoken=spoken(imsak)
        )
    ]
    for prayer, slug in _PRAYERS:
        moment: datetime = getattr(day, slug)
        name, note = name_of(prayer), ""
        if friday and prayer is Prayer.DHUHR:
            name = note = formatter.labels.jumuah
        cells.append(
            PrayerSlot(
                slug, name, time_of(moment), moment.isoformat(), spoken=spoken(moment), note=note
            )
        )
    return tuple(cells)


# --- the prayer strip ---------------------------------------------------------------------------


class StripOptions(NamedTuple):
    """The arguments of a strip, checked and frozen into plain hashable values."""

    location: str | Location
    locale: str
    digits: Digits
    clock: Clock | None
    method: Method | str | None
    hijri_offset: int
    asr: Asr | str
    hijri_overrides: tuple[tuple[Any, Any], ...] | None
    hijri_at_maghrib: bool
    prayer_names: tuple[tuple[str, str], ...] | None
    hijri_month_starts: MonthStarts | None
    jumuah: bool = False
    coming_days: int = 1


def calendar_country(location: Location) -> str | None:
    """The country whose announced Hijri month starts apply, if the place has one."""
    return location.country or None


def strip_options(
    location: str | Location,
    *,
    locale: str = "ar_EG",
    digits: Digits = "latn",
    clock: Clock | None = None,
    method: Method | str | None = None,
    hijri_offset: int = 0,
    asr: Asr | str = "standard",
    hijri_overrides: HijriOverrides | None = None,
    hijri_at_maghrib: bool = False,
    prayer_names: Mapping[str, str] | None = None,
    hijri_month_starts: MonthStarts | None = None,
    jumuah: bool = False,
    coming_days: int = 1,
) -> StripOptions:
    """Freeze a strip's arguments into :class:`StripOptions` (a cache key)."""
    if (
        isinstance(coming_days, bool)
        or not isinstance(coming_days, int)
        or not 0 <= coming_days <= MAX_COMING_DAYS
    ):
        raise InvalidInputError(
            "coming_days", coming_days, f"a whole number of days from 0 to {MAX_COMING_DAYS}"
        )
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
        jumuah=bool(jumuah),
        coming_days=coming_days,
    )
    require_hashable(options)
    return options


def require_hashable(options: Any) -> None:
    """Raise naming the first field of the named tuple ``options`` that cannot key a cache."""
    try:
        hash(options)
    except TypeError:
        field, value = next(pair for pair in options._asdict().items() if not hashable(pair[1]))
        raise InvalidInputError(
            field, value, "a single value (a name, a number), not a list or a dict"
        ) from None


def hashable(value: object) -> bool:
    """Whether ``value`` can key a cache."""
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _strip_method(options: StripOptions, location: Location) -> str:
    """The slug of the method the strip's times follow (the country's when none is given)."""
    if options.method is None:
        return method_for_country(location.country).slug
    try:
        return get_method(options.method).slug
    except (WidgetsError, ValueError):
        return ""


def _strip_day(options: StripOptions, day: date) -> PrayerDay:
    return _day_of(options.location, options.method, options.asr, day)


@lru_cache(maxsize=DAY_CACHE_SIZE)
def _day_of(
    location: str | Location, method: Method | str | None, asr: Asr | str, day: date
) -> PrayerDay:
    """The day of a strip, keyed by its arguments as given: a page reads it on every request,
    and resolving the place, the method and the madhab costs more than finding the day."""
    return prayer_times(location, day, method=method, asr=asr)


def strip_state(options: StripOptions, now: datetime) -> tuple[date, int]:
    """The local date at ``now`` and the index (in the six times) of the next prayer.

    Sunrise is not a prayer: from Fajr to Dhuhr the index is Dhuhr's. The
    index is :data:`AFTER_ISHA` once Isha has passed and
    :data:`UNAVAILABLE` (with a warning logged) when the day's times cannot
    be computed. Two instants with the same state show the same strip.
    """
    now = require_aware("now", now)
    location = as_location(options.location)
    try:
        today = now.astimezone(location.zone).date()
    except OverflowError:  # within a day of datetime's limits
        today = date.max
    if not FIRST_DATE <= today <= LAST_DATE:
        raise InvalidInputError(
            "now",
            now.isoformat(),
            f"an instant whose local date is from {FIRST_DATE} to {LAST_DATE}",
        )
    try:
        day = _strip_day(options, today)
    except TimeUnavailableError as error:  # the API raises for bad arguments; this is no mistake
        logger.warning(
            "prayer times for %s on %s cannot be shown: %s", location.display_name, today, error
        )
        return today, UNAVAILABLE
    for index, slug in enumerate(_SIX):
        if index != _SUNRISE_INDEX and getattr(day, slug) > now:
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
    overrides = None if options.hijri_overrides is None else dict(options.hijri_overrides)
    day: PrayerDay | None = None
    if state != UNAVAILABLE:
        try:
            day = _strip_day(options, today)
        except (WidgetsError, ValueError):  # logged by strip_state
            day = None

    slots: tuple[PrayerSlot, ...]
    expires_at: datetime | None = None
    next_iso = ""
    coming = ""
    if day is None:
        slots = blank_slots(formatter)
    else:
        cells = day_cells(formatter, day, options.jumuah)[1:]
        marked = [cell._replace(note="") if cell.note else cell for cell in cells]
        if 0 <= state < AFTER_ISHA:
            marked[state] = marked[state]._replace(is_next=True)
            expires_at = getattr(day, _SIX[state])
        else:  # after Isha: tomorrow's Fajr, in its tile, with «غدًا»
            try:
                fajr = day_cells(formatter, day.following_day(), options.jumuah)[1]
            except (WidgetsError, ValueError):
                fajr = None
            if fajr is not None:
                marked[0] = fajr._replace(is_next=True, note=labels.tomorrow)
                next_iso = fajr.iso
        slots = tuple(marked)
        coming = _coming_days(options, formatter, day)
    if expires_at is None or expires_at.date() > today:  # else before the next midnight
        expires_at = day_start(today + timedelta(days=1), zone)

    hijri_day = today
    if options.hijri_at_maghrib and day is not None and state > _MAGHRIB_INDEX:
        hijri_day = today + timedelta(days=1)
    try:
        hijri = formatter.hijri_date(
            to_hijri(
                hijri_day,
                options.hijri_offset,
                overrides,
                country=calendar_country(location),
                month_starts=options.hijri_month_starts,
            )
        )
        hijri_iso = hijri_day.isoformat()
    except HijriRangeError as error:
        logger.warning("the Hijri date is left out: %s", error)
        hijri, hijri_iso = "", ""
    city = city_name(location, formatter)
    return StripView(
        lang=formatter.lang,
        dir=formatter.dir,
        digits=formatter.digits,
        label=labels.strip.format(city=city),
        city=city,
        city_lang=text_language(city, formatter.lang),
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
        method=day.method.slug if day is not None else _strip_method(options, location),
        countdown_forms=_countdown_forms(formatter),
        coming=coming,
        tomorrow_label=labels.tomorrow,
        pause_label=labels.pause,
        resume_label=labels.resume,
    )


def _hijri_text(
    options: StripOptions,
    location: Location,
    formatter: Formatter,
    day: date,
    overrides: HijriOverrides | None,
) -> str:
    try:
        hijri = to_hijri(
            day,
            options.hijri_offset,
            overrides,
            country=calendar_country(location),
            month_starts=options.hijri_month_starts,
        )
    except HijriRangeError:
        return ""
    return formatter.hijri_date(hijri)


@lru_cache(maxsize=DAY_CELLS_CACHE_SIZE)
def _coming_entry(options: StripOptions, formatter: Formatter, day: PrayerDay) -> str:
    """One day of :func:`_coming_days`, encoded: the strip of day N carries N and N + 1.

    Kept per day and per strip options with ``coming_days`` set to 0 (the
    entry does not depend on it), so each day is encoded once in a build.
    """
    location = as_location(options.location)
    overrides = None if options.hijri_overrides is None else dict(options.hijri_overrides)
    zone = location.zone
    local = day.date
    evening = ""
    if options.hijri_at_maghrib:
        evening = _hijri_text(options, location, formatter, local + timedelta(1), overrides)
    entry = {
        "date": local.isoformat(),
        "start": day_start(local, zone).isoformat(),
        "end": day_start(local + timedelta(days=1), zone).isoformat(),
        "gregorian": formatter.gregorian_date(local),
        "hijri": _hijri_text(options, location, formatter, local, overrides),
        "hijri_evening": evening,
        "times": [
            [cell.prayer, cell.name, cell.time, cell.spoken, cell.iso]
            for cell in day_cells(formatter, day, options.jumuah)[1:]
        ],
    }
    return _encode(entry)


@lru_cache(maxsize=64)
def _countdown_forms(formatter: Formatter) -> str:
    """The formatter's countdown patterns as JSON, encoded once per formatter."""
    return formatter.countdown_forms()


def _encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _coming_days(options: StripOptions, formatter: Formatter, first: PrayerDay) -> str:
    """The strip's day and the next ``coming_days`` days, as JSON for ``widgets.js``.

    Each day has its bounds (``start``, ``end``: local midnights), its date
    lines and its six times as ``[slug, name, time, spoken, iso]``, so that a
    cached strip can show the right day, mark and countdown when it is read.
    ``hijri_evening`` is the Hijri date from Maghrib, with ``hijri_at_maghrib``.
    Days that cannot be computed end the list.
    """
    key = options._replace(coming_days=0)
    entries: list[str] = []
    day: PrayerDay | None = first
    for _ in range(options.coming_days + 1):
        if day is None:
            break
        entries.append(_coming_entry(key, formatter, day))
        try:
            day = day.following_day()
        except (WidgetsError, ValueError):
            day = None
    # the day after the last one shown gives the Fajr that follows its Isha
    if day is not None:
        fajr = day_cells(formatter, day, options.jumuah)[1]
        entries.append(
            _encode({"date": day.date.isoformat(), "fajr": [fajr.time, fajr.spoken, fajr.iso]})
        )
    return f"[{','.join(entries)}]"


def strip_view(
    location: str | Location,
    *,
    now: datetime,
    locale: str = "ar_EG",
    digits: Digits = "latn",
    clock: Clock | None = None,
    method: Method | str | None = None,
    hijri_offset: int = 0,
    asr: Asr | str = "standard",
    hijri_overrides: HijriOverrides | None = None,
    hijri_at_maghrib: bool = False,
    prayer_names: Mapping[str, str] | None = None,
    hijri_month_starts: MonthStarts | None = None,
    jumuah: bool = False,
    coming_days: int = 1,
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
        jumuah=jumuah,
        coming_days=coming_days,
    )
    return strip_view_at(options, *strip_state(options, now))


def fallback_strip_view(location: object, locale: object) -> StripView:
    """A strip with «—» for every time, for a place or setting that cannot be used at all."""
    try:
        formatter = cached_formatter(str(locale), "UTC")
    except (WidgetsError, ValueError):
        formatter = cached_formatter("ar_EG", "UTC")
    labels = formatter.labels
    city = city_name(location, formatter) if isinstance(location, Location) else str(location)
    return StripView(
        lang=formatter.lang,
        dir=formatter.dir,
        digits=formatter.digits,
        label=labels.strip.format(city=city),
        city=city,
        city_lang=text_language(city, formatter.lang),
        gregorian="",
        gregorian_iso="",
        hijri="",
        hijri_iso="",
        slots=blank_slots(formatter),
        next_label=labels.next,
        unavailable_label=labels.unavailable,
        countdown=labels.countdown,
        next_iso="",
        expires_at=None,
        countdown_forms=formatter.countdown_forms(),
        tomorrow_label=labels.tomorrow,
        pause_label=labels.pause,
        resume_label=labels.resume,
    )
