"""Arabic (and English) formatting of times, dates and news timestamps, through Babel.

A :class:`Formatter` is bound once per render from ``(locale, zone, digits,
clock)`` and turns aware datetimes, dates, Hijri dates and prayers into the
strings a reader sees:

>>> from datetime import datetime, timedelta, timezone
>>> fmt = Formatter("ar-EG", "Africa/Cairo")
>>> published = datetime(2025, 4, 30, 22, 16, tzinfo=timezone(timedelta(hours=3)))
>>> fmt.news_stamp(published)
'30 أبريل 2025 10:16 م'
>>> Formatter("ar_EG", "Africa/Cairo", digits="arab").news_stamp(published)
'٣٠ أبريل ٢٠٢٥ ١٠:١٦ م'
>>> fmt.relative(published - timedelta(hours=2, minutes=24), published)
'قبل ساعتين'

Month and weekday names come from CLDR through Babel only (Cairo says أبريل,
Amman نيسان, Algiers أفريل, Casablanca ماي); Hijri month names only from
:data:`widgets.hijri.HIJRI_MONTHS_AR`. Patterns are explicit constants (CLDR's
``short``/``medium`` styles embed U+200F). Digits are a site setting,
converted in one place (:func:`to_digits`).

Relative timestamps (:meth:`Formatter.relative`), always floored: «الآن»
under a minute; «قبل دقيقة», «قبل دقيقتين», «قبل 3 دقائق», «قبل 11 دقيقة»
under an hour; «قبل ساعة», «قبل 3 ساعات» the same day in the zone; «أمس في
10:16 م» (CLDR's "yesterday" and date-at-time pattern) the day before;
«قبل يومين», «قبل 11 يومًا» older. Words and plural forms are CLDR's, picked
by Babel's plural rules; the singular drops CLDR's «واحدة» as news sites do,
and «قبل» can be replaced by «منذ».
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from types import MappingProxyType
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import match_skeleton, parse_pattern
from babel.localedata import locale_identifiers
from babel.numbers import UnsupportedNumberingSystemError, format_decimal

from .errors import InvalidInputError, UnknownNameError, close_matches
from .hijri import HijriDate
from .labels import LABELS_AR, LABELS_EN, PRAYER_NAMES_AR, PRAYER_NAMES_EN, Labels
from .methods import Prayer
from .zones import get_zone

__all__ = [
    "GREGORIAN_DATE",
    "GREGORIAN_DATE_EN",
    "HIJRI_ERA_AR",
    "HIJRI_ERA_EN",
    "LABELS_AR",
    "LABELS_EN",
    "NEWS_STAMP",
    "NEWS_STAMP_24H",
    "NEWS_STAMP_PADDED",
    "PRAYER_NAMES_AR",
    "PRAYER_NAMES_EN",
    "TABLE_DATE",
    "TABLE_DATE_SKELETON",
    "TABLE_MONTH",
    "TIME_12H",
    "TIME_24H",
    "Ago",
    "Clock",
    "Digits",
    "Formatter",
    "Labels",
    "cached_formatter",
    "get_locale",
    "preferred_clock",
    "to_digits",
]

NEWS_STAMP = "d MMMM y h:mm a"
"""Absolute news timestamp, 12-hour clock: ``30 أبريل 2025 10:16 م``."""
NEWS_STAMP_PADDED = "d MMMM y hh:mm a"
"""The seed page's own style, hours padded: ``30 أبريل 2025 09:52 م``."""
NEWS_STAMP_24H = "d MMMM y HH:mm"
"""Absolute news timestamp, 24-hour clock: ``30 أبريل 2025 22:16``."""
TIME_12H = "h:mm a"
"""A prayer time, 12-hour clock: ``4:57 ص``."""
TIME_24H = "HH:mm"
"""A prayer time, 24-hour clock: ``14:36``."""
GREGORIAN_DATE = "EEEE، d MMMM y"
"""The Gregorian date line in Arabic: ``الاثنين، 24 نوفمبر 2025``."""
GREGORIAN_DATE_EN = "EEEE, d MMMM y"
"""The Gregorian date line in English: ``Monday, 24 November 2025``."""
TABLE_DATE_SKELETON = "MMMMEEEEd"
"""The CLDR skeleton of a timetable's date column; the locale's pattern is used."""
TABLE_DATE = "EEEE، d MMMM"
"""The pattern CLDR's ``MMMMEEEEd`` gives Arabic locales: ``الأربعاء، 30 أبريل``."""
TABLE_MONTH = "MMMM y"
"""The month in a timetable caption: ``أبريل 2025``."""
HIJRI_ERA_AR = "هـ"
HIJRI_ERA_EN = "AH"

Digits = Literal["latn", "arab"]
Clock = Literal["12h", "24h"]
"""A clock style; ``None`` where a clock is taken means the locale's preferred hour cycle."""
Ago = Literal["قبل", "منذ"]

_LANGUAGES = ("ar", "en")
_DIGITS: tuple[str, ...] = get_args(Digits)
_CLOCKS: tuple[str, ...] = get_args(Clock)
_AGO: tuple[str, ...] = get_args(Ago)
_LOCALE_ALLOWED = "an Arabic or English locale known to Babel, such as 'ar_EG', 'ar-EG' or 'en'"
_ARABIC_INDIC: Mapping[int, int] = MappingProxyType(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
_JUST_NOW_EN = "just now"  # CLDR's "now" reads oddly under a headline
_UTC = timezone.utc
_MINUTE = timedelta(minutes=1)
_HOUR = timedelta(hours=1)


def to_digits(text: str, digits: Digits) -> str:
    """Return ``text`` with its ASCII digits written in the ``digits`` system.

    ``"latn"`` leaves the text as it is; ``"arab"`` gives Arabic-Indic digits.

    >>> to_digits("30 أبريل 2025 10:16 م", "arab")
    '٣٠ أبريل ٢٠٢٥ ١٠:١٦ م'
    >>> to_digits("10:16", "latn")
    '10:16'
    """
    if digits == "latn":
        return text
    if digits == "arab":
        return _arabic_indic(text)
    raise InvalidInputError("digits", digits, "'latn' or 'arab'")


@lru_cache(maxsize=4096)
def _arabic_indic(text: str) -> str:
    return text.translate(_ARABIC_INDIC)


def get_locale(tag: str) -> Locale:
    """Return the Babel ``Locale`` for ``tag``, written ``ar_EG`` or BCP 47 ``ar-EG`` (cached).

    >>> get_locale("ar-EG")
    Locale('ar', territory='EG')
    >>> get_locale("fr")
    Traceback (most recent call last):
    ...
    widgets.errors.UnknownNameError: unknown locale: 'fr'; locale must be an Arabic or English \
locale known to Babel, such as 'ar_EG', 'ar-EG' or 'en'
    """
    if not isinstance(tag, str):
        raise InvalidInputError("locale", tag, _LOCALE_ALLOWED)
    return _parse_locale(tag)


@lru_cache(maxsize=128)
def _parse_locale(tag: str) -> Locale:
    try:
        locale = Locale.parse(tag, sep="-" if "-" in tag else "_")
    except (UnknownLocaleError, ValueError, TypeError):
        locale = None
    if locale is None or locale.language not in _LANGUAGES:
        known = [name for name in locale_identifiers() if name.split("_")[0] in _LANGUAGES]
        close = close_matches(tag.replace("-", "_"), sorted(known), n=3)
        raise UnknownNameError("locale", tag, _LOCALE_ALLOWED, close)
    return locale


@lru_cache(maxsize=128)
def _locale_facts(locale: Locale) -> tuple[str, str]:
    """The BCP 47 tag (``ar-EG``) and text direction (``rtl``) of a locale."""
    parts = (locale.language, locale.script, locale.territory, locale.variant)
    return "-".join(part for part in parts if part), str(locale.text_direction)


@lru_cache(maxsize=128)
def preferred_clock(locale: Locale) -> Clock:
    """The hour cycle of the locale's CLDR short time pattern: ``"24h"`` for ``HH:mm``.

    >>> preferred_clock(get_locale("ar_MA")), preferred_clock(get_locale("ar_EG"))
    ('24h', '12h')
    """
    pattern = re.sub(r"'[^']*'", "", str(locale.time_formats["short"].pattern))
    return "24h" if "H" in pattern or "k" in pattern else "12h"


@lru_cache(maxsize=128)
def _skeleton_pattern(locale: Locale, skeleton: str) -> str:
    """The locale's CLDR pattern for a skeleton, matched as Babel's ``format_skeleton`` does."""
    skeletons = locale.datetime_skeletons
    key = skeleton if skeleton in skeletons else match_skeleton(skeleton, skeletons)
    return str(skeletons[key].pattern) if key else TABLE_DATE


@lru_cache(maxsize=64)
def _duration_forms(locale: Locale) -> tuple[dict[str, dict[str, str]], str]:
    """CLDR's long duration patterns by plural category and the list pattern for two items."""
    units = locale._data["unit_patterns"]
    forms = {
        unit: {key: str(text) for key, text in units[f"duration-{unit}"]["long"].items()}
        for unit in ("hour", "minute")
    }
    for texts in forms.values():
        texts.pop("per", None)  # "{0} per hour", not a plural form
    return forms, str(locale.list_patterns["standard"]["2"])


def _check_aware(field: str, value: object) -> datetime:
    # Years 2 to 9998 leave a day either side, so that no zone's offset overflows datetime.
    if type(value) is datetime and type(value.tzinfo) is ZoneInfo and 1 < value.year < 9999:
        return value  # a ZoneInfo always has an offset
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInputError(field, value, "a timezone-aware datetime")
    if not 1 < value.year < 9999:
        raise InvalidInputError(
            field, value.isoformat(), "a timezone-aware datetime in the years 2 to 9998"
        )
    return value


def _check_choice(field: str, value: object, allowed: tuple[str, ...]) -> None:
    if not isinstance(value, str) or value not in allowed:
        raise InvalidInputError(field, value, " or ".join(map(repr, allowed)))


def _prayer(field: str, value: object) -> Prayer:
    try:
        return Prayer(value)
    except ValueError:
        allowed = "one of " + ", ".join(p.value for p in Prayer)
        raise InvalidInputError(field, value, allowed) from None


# Cached Babel output, always with Latin digits: the digit system is applied on the
# way out, in Formatter._show. Keys are UTC instants plus the zone, so that two
# equal instants in different zones, or the two 01:30 of a DST fall-back, never collide.
@lru_cache(maxsize=8192)
def _instant_text(instant: datetime, zone: tzinfo, pattern: str, locale: Locale) -> str:
    try:
        return str(parse_pattern(pattern).apply(instant.astimezone(zone), locale))
    except (ValueError, KeyError, AttributeError):
        raise InvalidInputError(
            "pattern", pattern, "a CLDR date pattern such as 'd MMMM y h:mm a'"
        ) from None


@lru_cache(maxsize=2048)
def _day_text(day: date, pattern: str, tag: str) -> str:
    return str(parse_pattern(pattern).apply(day, get_locale(tag)))


# The clock patterns hold no date field: their output depends on the local hour and
# minute alone, so the key is the wall-clock time, not the instant.
_WALL_DAY = date(2000, 1, 1)
_MINUTE_SLOT = "\ue000"  # a private-use character, printed in place of the minutes


@lru_cache(maxsize=4096)
def _shown_clock(hour: int, minute: int, pattern: str, tag: str, digits: str) -> str:
    text = _clock_text(hour, minute, pattern, tag)
    return _arabic_indic(text) if digits == "arab" else text


def _clock_text(hour: int, minute: int, pattern: str, tag: str) -> str:
    before, after = _clock_around_minute(hour, pattern, tag)
    return f"{before}{minute:02d}{after}"


@lru_cache(maxsize=512)
def _clock_around_minute(hour: int, pattern: str, tag: str) -> tuple[str, str]:
    """What a clock pattern prints before and after its ``mm`` field at ``hour``.

    Babel prints a pattern field by field and ``mm`` as two Latin digits, so
    the text of ``hour:minute`` is these two pieces around the padded minute.
    """
    before, found, after = pattern.partition("mm")
    if not found or "mm" in after:  # pragma: no cover - TIME_12H and TIME_24H hold one mm
        raise InvalidInputError("pattern", pattern, "a clock pattern with one 'mm' field")
    wall = datetime(_WALL_DAY.year, _WALL_DAY.month, _WALL_DAY.day, hour)
    slotted = f"{before}'{_MINUTE_SLOT}'{after}"
    first, _, last = str(parse_pattern(slotted).apply(wall, get_locale(tag))).partition(
        _MINUTE_SLOT
    )
    return first, last


@lru_cache(maxsize=256)
def _past_pattern(locale: Locale, unit: str, category: str, ago: str) -> str:
    """CLDR's "{0} <units> ago" pattern for a plural category, with the chosen preposition."""
    patterns = locale._data["date_fields"][unit]["past"]
    pattern = str(patterns.get(category) or patterns["other"])
    if locale.language != "ar":
        return pattern
    other = str(patterns["other"])
    preposition = other.split("{0}")[0].strip() if other.find("{0}") > 0 else ""
    if not preposition:  # pragma: no cover - CLDR's Arabic patterns all lead with «قبل»
        return pattern
    if category == "one":
        noun = locale._data["unit_patterns"][f"duration-{unit}"]["long"].get("one")
        if noun and "{0}" not in noun:
            pattern = f"{preposition} {noun}"
    if pattern.startswith(preposition):
        pattern = ago + pattern[len(preposition) :]
    return pattern


@lru_cache(maxsize=256)
def _day_period_word(tag: str, afternoon: bool) -> str | None:
    """CLDR's stand-alone wide day period (Arabic «صباحًا»/«مساءً») of a locale."""
    wide = get_locale(tag).day_periods["stand-alone"]["wide"]
    word = wide.get("pm" if afternoon else "am")
    return None if word is None else str(word)


@lru_cache(maxsize=64)
def _yesterday_pattern(locale: Locale) -> tuple[str, str]:
    """CLDR's word for yesterday and its date-at-time pattern (``{1}`` date, ``{0}`` time)."""
    word = str(locale._data["date_fields"]["day"]["relative"][-1])
    joined = locale._data["datetime_formats_relative"].get("long") or locale._data[
        "datetime_formats"
    ].get("medium", "{1} {0}")
    return word, str(joined).replace("'", "")


@dataclass(frozen=True, slots=True, init=False, repr=False, eq=False)
class Formatter:
    """Turns instants, dates and prayers into display strings for one site and one render.

    ``locale`` is a Babel locale (``"ar_EG"``, BCP 47 ``"ar-EG"``, or ``"en"``);
    ``zone`` an IANA name, ``ZoneInfo`` or pytz zone, into which every instant is
    converted before formatting; ``digits`` ``"latn"`` or ``"arab"``; ``clock``
    ``"12h"``, ``"24h"`` or ``None`` for the locale's preferred hour cycle
    (CLDR's short time pattern: 24-hour for ar_MA, 12-hour for ar_EG); ``prayer_names`` overrides some or all names
    (keys are prayer slugs: ``{"fajr": "الفجْر"}``); ``ago`` is the preposition
    of relative times, «قبل» (CLDR) or «منذ», for Arabic locales.

    Immutable and safe to share between threads.

    >>> fmt = Formatter("ar_JO", "Asia/Amman", clock="24h")
    >>> fmt.lang, fmt.dir
    ('ar-JO', 'rtl')
    >>> fmt.gregorian_date(date(2025, 4, 30))
    'الأربعاء، 30 نيسان 2025'
    """

    locale: Locale
    lang: str
    dir: str
    zone: tzinfo
    digits: Digits
    clock: Clock
    ago: Ago
    prayer_names: Mapping[Prayer, str]
    labels: Labels
    time_pattern: str
    stamp_pattern: str
    date_pattern: str
    _key: tuple[object, ...]
    _tag: str
    _shown_names: Mapping[Prayer, str]

    def __init__(
        self,
        locale: str | Locale = "ar_EG",
        zone: str | tzinfo = "UTC",
        digits: Digits = "latn",
        clock: Clock | None = None,
        *,
        prayer_names: Mapping[str, str] | None = None,
        ago: Ago = "قبل",
    ) -> None:
        if isinstance(locale, Locale):
            if locale.language not in _LANGUAGES:
                raise UnknownNameError("locale", str(locale), _LOCALE_ALLOWED)
            bound = locale
        else:
            bound = get_locale(locale)
        _check_choice("digits", digits, _DIGITS)
        if clock is None:
            clock = preferred_clock(bound)
        _check_choice("clock", clock, _CLOCKS)
        _check_choice("ago", ago, _AGO)
        lang, direction = _locale_facts(bound)
        arabic = bound.language == "ar"
        names = PRAYER_NAMES_AR if arabic else PRAYER_NAMES_EN
        if prayer_names is not None:
            names = _merge_names(names, prayer_names)
        zone_info = get_zone(zone)
        twelve = clock == "12h"
        init = object.__setattr__
        init(self, "locale", bound)
        init(self, "lang", lang)
        init(self, "dir", direction)
        init(self, "zone", zone_info)
        init(self, "digits", digits)
        init(self, "clock", clock)
        init(self, "ago", ago)
        init(self, "prayer_names", names)
        init(self, "labels", LABELS_AR if arabic else LABELS_EN)
        init(self, "time_pattern", TIME_12H if twelve else TIME_24H)
        init(self, "stamp_pattern", NEWS_STAMP if twelve else NEWS_STAMP_24H)
        init(self, "date_pattern", GREGORIAN_DATE if arabic else GREGORIAN_DATE_EN)
        init(self, "_key", (bound, zone_info, digits, clock, ago, tuple(names.items())))
        init(self, "_tag", str(bound))
        init(
            self,
            "_shown_names",
            MappingProxyType({prayer: to_digits(name, digits) for prayer, name in names.items()}),
        )

    def __repr__(self) -> str:
        zone = getattr(self.zone, "key", None) or str(self.zone)
        return (
            f"Formatter(locale={str(self.locale)!r}, zone={zone!r}, digits={self.digits!r}, "
            f"clock={self.clock!r}, ago={self.ago!r})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Formatter):
            return NotImplemented
        return self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)

    # -- the one place where digits are converted -------------------------------------------

    def _show(self, text: str) -> str:
        return to_digits(text, self.digits)

    # -- Latin-digit building blocks ---------------------------------------------------------

    def _instant(self, field: str, moment: object, pattern: str) -> str:
        moment = _check_aware(field, moment)
        return _instant_text(moment.astimezone(_UTC), self.zone, pattern, self.locale)

    def _relative_text(self, published: datetime, now: datetime) -> str | None:
        """The relative form, or ``None`` when ``published`` is after ``now``."""
        published_utc, now_utc = published.astimezone(_UTC), now.astimezone(_UTC)
        age = now_utc - published_utc
        if age < timedelta(0):
            return None
        if age < _MINUTE:
            if self.locale.language == "en":
                return _JUST_NOW_EN
            return str(self.locale._data["date_fields"]["second"]["relative"][0])
        if age < _HOUR:
            return self._count("minute", age // _MINUTE)
        zone = self.zone
        days = (now_utc.astimezone(zone).date() - published_utc.astimezone(zone).date()).days
        if days <= 0:
            return self._count("hour", age // _HOUR)
        if days == 1:
            word, joined = _yesterday_pattern(self.locale)
            local = published_utc.astimezone(self.zone)
            at = _clock_text(local.hour, local.minute, self.time_pattern, self._tag)
            return joined.replace("{1}", word).replace("{0}", at)
        return self._count("day", days)

    def _count(self, unit: str, value: int) -> str:
        category = self.locale.plural_form(value)
        return _past_pattern(self.locale, unit, category, self.ago).replace("{0}", str(value))

    # -- displayed strings -------------------------------------------------------------------

    def time(self, moment: datetime) -> str:
        """Return the wall-clock time of the instant ``moment`` in the zone: ``4:57 ص``.

        >>> from datetime import timezone
        >>> cairo = Formatter("ar_EG", "Africa/Cairo")
        >>> cairo.time(datetime(2025, 4, 30, 2, 0, tzinfo=timezone.utc))
        '5:00 ص'
        """
        moment = _check_aware("moment", moment)
        local = moment.astimezone(self.zone)
        return _shown_clock(local.hour, local.minute, self.time_pattern, self._tag, self.digits)

    def gregorian_date(self, day: date) -> str:
        """Return the Gregorian date line for the calendar ``day``: ``الاثنين، 24 نوفمبر 2025``.

        ``day`` is a date, already taken in the site's zone; a datetime is refused.
        """
        if isinstance(day, datetime) or not isinstance(day, date):
            raise InvalidInputError(
                "day", day, "a date, not a datetime (take .date() in the site's zone)"
            )
        return self._show(_day_text(day, self.date_pattern, self._tag))

    def table_date(self, day: date) -> str:
        """Return the date column of a timetable row, CLDR's ``MMMMEEEEd``: ``الأربعاء، 30 أبريل``.

        >>> Formatter("ar_SY").table_date(date(2026, 2, 1))
        'الأحد، 1 شباط'
        """
        pattern = _skeleton_pattern(self.locale, TABLE_DATE_SKELETON)
        return self._show(_day_text(day, pattern, self._tag))

    def month_year(self, day: date) -> str:
        """Return the month and year of ``day``, as in a timetable caption: ``أبريل 2025``."""
        return self._show(_day_text(day, TABLE_MONTH, self._tag))

    def hijri_date(self, hijri: HijriDate) -> str:
        """Return the Hijri date line: ``3 جمادى الآخرة 1447 هـ`` (English: ``... 1447 AH``).

        >>> Formatter("ar_SA").hijri_date(HijriDate(year=1447, month=6, day=3))
        '3 جمادى الآخرة 1447 هـ'
        """
        if not isinstance(hijri, HijriDate):
            raise InvalidInputError("hijri", hijri, "a widgets.hijri.HijriDate")
        if self.locale.language == "ar":
            text = f"{hijri.day} {hijri.month_name_ar} {hijri.year} {HIJRI_ERA_AR}"
        else:
            text = f"{hijri.day} {hijri.month_name_en} {hijri.year} {HIJRI_ERA_EN}"
        return self._show(text)

    def prayer_name(self, prayer: Prayer | str) -> str:
        """Return the display name of a prayer (``"fajr"`` -> ``الفجر``).

        >>> Formatter("en").prayer_name("maghrib")
        'Maghrib'
        """
        shown = self._shown_names.get(prayer) if type(prayer) is Prayer else None
        if shown is not None:
            return shown
        return self._show(self.prayer_names[_prayer("prayer", prayer)])

    def number(self, value: int) -> str:
        """Return an integer with the locale's grouping and the site's digits.

        The grouping sign is the digit system's own in CLDR (U+066C with Arabic-Indic digits).
        >>> Formatter("ar_EG", digits="arab").number(1447)
        '١٬٤٤٧'
        >>> Formatter("ar_EG").number(1447)
        '1,447'
        """
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError("value", value, "an integer")
        try:
            text = format_decimal(value, locale=self.locale, numbering_system=self.digits)
        except UnsupportedNumberingSystemError:
            text = format_decimal(value, locale=self.locale, numbering_system="latn")
        return self._show(text)

    def spoken_time(self, moment: datetime) -> str:
        """Return the time as a speech engine should read it, the day period as a word.

        CLDR's stand-alone wide day period replaces «ص»/«م»; a 24-hour time is read as shown.

        >>> from datetime import timezone
        >>> Formatter("ar_EG", "Africa/Cairo").spoken_time(
        ...     datetime(2025, 4, 30, 2, 0, tzinfo=timezone.utc))
        '5:00 صباحًا'
        """
        moment = _check_aware("moment", moment)
        if self.clock == "24h":
            return self.time(moment)
        local = moment.astimezone(self.zone)
        word = _day_period_word(self._tag, local.hour >= 12)
        clock = _shown_clock(local.hour, local.minute, "h:mm", self._tag, self.digits)
        return f"{clock} {word}" if word else self.time(moment)

    def duration(self, remaining: timedelta) -> str:
        """Return a span in hours and minutes, in words: ``4 ساعات و36 دقيقة``.

        Minutes are rounded up; the unit words agree with the number by CLDR's
        plural rules (ساعة، ساعتان، 3 ساعات، 11 ساعة), joined by its list pattern.

        >>> Formatter("ar_EG", digits="arab").duration(timedelta(hours=4, minutes=35, seconds=45))
        '٤ ساعات و٣٦ دقيقة'
        """
        if not isinstance(remaining, timedelta):
            raise InvalidInputError("remaining", remaining, "a timedelta")
        total = max(0, math.ceil(remaining / _MINUTE))
        hours, minutes = divmod(total, 60)
        forms, join = _duration_forms(self.locale)
        parts = [self._unit(forms["hour"], hours)] if hours else []
        if minutes or not hours:
            parts.append(self._unit(forms["minute"], minutes))
        text = (
            parts[0] if len(parts) == 1 else join.replace("{0}", parts[0]).replace("{1}", parts[1])
        )
        return self._show(text)

    def _unit(self, forms: Mapping[str, str], value: int) -> str:
        pattern = forms.get(self.locale.plural_form(value)) or forms["other"]
        return pattern.replace("{0}", str(value))

    def countdown(self, name: str, remaining: timedelta) -> str:
        """Return the time left until a prayer, in words: ``باقٍ على الظهر 4 ساعات و36 دقيقة``.

        >>> Formatter("en").countdown("Dhuhr", timedelta(minutes=61))
        'Dhuhr in 1 hour and 1 minute'
        """
        return self.labels.countdown.replace("{name}", name).replace(
            "{time}", self.duration(remaining)
        )

    def countdown_forms(self) -> str:
        """Return :meth:`countdown`'s pattern, CLDR's unit and list patterns, as JSON for a script.

        The script picks the plural category with ``Intl.PluralRules`` (CLDR's rules too).
        """
        forms, join = _duration_forms(self.locale)
        data = {"pattern": self.labels.countdown, "join": join, **forms}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    def news_stamp(
        self,
        published: datetime,
        now: datetime | None = None,
        relative_within: timedelta | None = None,
        pattern: str | None = None,
    ) -> str:
        """Return a news item's timestamp: relative when young enough, else absolute.

        The relative form (:meth:`relative`) is used when ``now`` and
        ``relative_within`` are both given and ``0 <= now - published <
        relative_within``. Otherwise the absolute stamp, in the zone, with
        ``pattern`` (default :data:`NEWS_STAMP`, or :data:`NEWS_STAMP_24H` on a
        24-hour clock). An item dated after ``now`` gets the absolute stamp.
        """
        published = _check_aware("published", published)
        if now is not None:
            now = _check_aware("now", now)
        if pattern is not None and (not isinstance(pattern, str) or not pattern.strip()):
            raise InvalidInputError("pattern", pattern, "a CLDR date pattern such as 'd MMMM y'")
        if relative_within is not None and (
            not isinstance(relative_within, timedelta) or relative_within <= timedelta(0)
        ):
            raise InvalidInputError(
                "relative_within", relative_within, "a positive timedelta or None"
            )
        if now is not None and relative_within is not None:
            age = now.astimezone(_UTC) - published.astimezone(_UTC)
            if timedelta(0) <= age < relative_within:
                text = self._relative_text(published, now)
                if text is not None:
                    return self._show(self._stand_alone(text))
        return self._show(self._instant("published", published, pattern or self.stamp_pattern))

    def relative(self, published: datetime, now: datetime) -> str:
        """Return how long before ``now`` the item was ``published``, floored.

        See the module documentation for the forms. An item dated after
        ``now`` (a feed's clock ahead of ours) gets the absolute stamp.

        >>> from datetime import timezone
        >>> at = datetime(2025, 4, 30, 12, 0, tzinfo=timezone.utc)
        >>> Formatter("ar_EG", ago="منذ").relative(at, at + timedelta(minutes=11))
        'منذ 11 دقيقة'
        >>> Formatter("en").relative(at, at + timedelta(days=1))
        'Yesterday at 12:00 PM'
        """
        published = _check_aware("published", published)
        now = _check_aware("now", now)
        text = self._relative_text(published, now)
        if text is None:
            text = self._instant("published", published, self.stamp_pattern)
        return self._show(self._stand_alone(text))

    def _stand_alone(self, text: str) -> str:
        """A stamp shown on its own starts with a capital letter (English), as a sentence does."""
        return text[:1].upper() + text[1:] if self.locale.language == "en" else text


@lru_cache(maxsize=64)
def cached_formatter(
    locale: str,
    zone: str | tzinfo,
    digits: Digits = "latn",
    clock: Clock | None = None,
    prayer_names: tuple[tuple[str, str], ...] | None = None,
    ago: Ago = "قبل",
) -> Formatter:
    """Return a shared :class:`Formatter` for these plain values (``prayer_names`` as pairs).

    Renders ask for the same few formatters over and over; building one
    parses the locale and the zone, so they are kept, 64 at most.
    """
    names = None if prayer_names is None else dict(prayer_names)
    return Formatter(locale, zone, digits, clock, prayer_names=names, ago=ago)


def _merge_names(base: Mapping[Prayer, str], given: object) -> Mapping[Prayer, str]:
    if not isinstance(given, Mapping):
        raise InvalidInputError("prayer_names", given, "a mapping of prayer slug to name")
    names = dict(base)
    for key, name in given.items():
        prayer = _prayer("prayer_names", key)
        if not isinstance(name, str) or not name.strip():
            raise InvalidInputError("prayer_names", name, f"a non-empty name for {prayer.value}")
        names[prayer] = name
    return MappingProxyType(names)
