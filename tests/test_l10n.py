"""Tests for widgets.l10n against CLDR data through Babel, the seed page and Unicode."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.dates import (
    format_datetime,
    format_timedelta,
    get_day_names,
    get_month_names,
    get_period_names,
)
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from widgets.errors import InvalidInputError, UnknownNameError
from widgets.hijri import to_hijri
from widgets.l10n import (
    NEWS_STAMP,
    NEWS_STAMP_24H,
    NEWS_STAMP_PADDED,
    PRAYER_NAMES_AR,
    PRAYER_NAMES_EN,
    TIME_12H,
    TIME_24H,
    Formatter,
    _instant_text,
    get_locale,
    to_digits,
)
from widgets.methods import Prayer

from .conftest import data_path

CAIRO = ZoneInfo("Africa/Cairo")
# The seed page's first related-news item: 22:16 Cairo summer time (UTC+3).
SEED = datetime(2025, 4, 30, 22, 16, tzinfo=timezone(timedelta(hours=3)))

# Month names per locale family, as CLDR 49 gives them.
MONTHS = {
    "ar_EG": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "ar_SA": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "ar_DZ": "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر",
    "ar_TN": "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر",
    "ar_JO": "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    "ar_LB": "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    "ar_SY": "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    "ar_IQ": "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    "ar_PS": "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    "ar_MA": "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر",
}


def month_names(tag: str) -> list[str]:
    return [name.replace("_", " ") for name in MONTHS[tag].split()]


# -- locales and names -----------------------------------------------------------------


@pytest.mark.parametrize("tag", sorted(MONTHS))
def test_month_names_per_family_are_babels(tag: str) -> None:
    babel_names = get_month_names("wide", locale=tag)
    assert [babel_names[m] for m in range(1, 13)] == month_names(tag)
    fmt = Formatter(tag, "Africa/Cairo")
    for month in range(1, 13):
        day = date(2025, month, 15)
        expected_month = month_names(tag)[month - 1]
        weekday = get_day_names("wide", locale=tag)[day.weekday()]
        assert fmt.gregorian_date(day) == f"{weekday}، 15 {expected_month} 2025"
        noon = datetime(2025, month, 15, 12, 0, tzinfo=CAIRO)
        assert fmt.news_stamp(noon).startswith(f"15 {expected_month} 2025 ")


@pytest.mark.parametrize(
    ("tag", "april"),
    [
        ("ar_EG", "أبريل"),
        ("ar_SA", "أبريل"),
        ("ar_JO", "نيسان"),
        ("ar_LB", "نيسان"),
        ("ar_SY", "نيسان"),
        ("ar_IQ", "نيسان"),
        ("ar_PS", "نيسان"),
        ("ar_DZ", "أفريل"),
        ("ar_TN", "أفريل"),
    ],
)
def test_seed_instant_per_family(tag: str, april: str) -> None:
    assert Formatter(tag, "Africa/Cairo").news_stamp(SEED) == f"30 {april} 2025 10:16 م"


def test_moroccan_may_july_august() -> None:
    fmt = Formatter("ar_MA", "Africa/Casablanca")
    stamps = [fmt.gregorian_date(date(2025, m, 1)) for m in (5, 7, 8)]
    assert [stamp.split()[2] for stamp in stamps] == ["ماي", "يوليوز", "غشت"]


def test_seed_stamp() -> None:
    assert Formatter("ar_EG", "Africa/Cairo").news_stamp(SEED) == "30 أبريل 2025 10:16 م"
    assert Formatter("ar-EG", CAIRO, "arab").news_stamp(SEED) == "٣٠ أبريل ٢٠٢٥ ١٠:١٦ م"
    assert Formatter("ar_EG", CAIRO, clock="24h").news_stamp(SEED) == "30 أبريل 2025 22:16"


def test_seed_pages_related_news_list() -> None:
    """Every stamp the seed page printed, from the items' ISO times, in its padded style."""
    data = json.loads(data_path("seed", "related-news.json").read_text(encoding="utf-8"))
    page = data_path("seed", "article-widgets.txt").read_text(encoding="utf-8").splitlines()
    fmt = Formatter("ar_EG", data["timezone"])
    for item in data["items"]:
        published = datetime.fromisoformat(item["published"])
        printed = page[page.index(item["title"]) + 1]
        assert fmt.news_stamp(published, pattern=NEWS_STAMP_PADDED) == printed
        # The default pattern is the same but for the hour's leading zero.
        assert fmt.news_stamp(published) == re.sub(r" 0(\d:)", r" \1", printed)


def test_gregorian_and_hijri_lines_from_the_issue() -> None:
    fmt = Formatter("ar_EG", "Africa/Cairo")
    day = date(2025, 11, 24)
    assert fmt.gregorian_date(day) == "الاثنين، 24 نوفمبر 2025"
    assert fmt.hijri_date(to_hijri(day)) == "3 جمادى الآخرة 1447 هـ"
    english = Formatter("en", "Africa/Cairo")
    assert english.gregorian_date(day) == "Monday, 24 November 2025"
    assert english.hijri_date(to_hijri(day)) == "3 Jumada al-Akhirah 1447 AH"
    arab = Formatter("ar_SA", "Asia/Riyadh", "arab")
    assert arab.hijri_date(to_hijri(day)) == "٣ جمادى الآخرة ١٤٤٧ هـ"
    assert arab.gregorian_date(day) == "الاثنين، ٢٤ نوفمبر ٢٠٢٥"


def test_weekday_names_are_babels_not_hijridates() -> None:
    # hijridate spells Monday «الإثنين»; CLDR (and so the date line) «الاثنين».
    monday = date(2025, 11, 24)
    assert get_day_names("wide", locale="ar_EG")[0] == "الاثنين"
    assert Formatter("ar_EG").gregorian_date(monday).startswith("الاثنين،")


def test_no_rlm_in_any_output() -> None:
    fmt = Formatter("ar_EG", "Africa/Cairo")
    outputs = [
        fmt.news_stamp(SEED),
        fmt.time(SEED),
        fmt.gregorian_date(SEED.date()),
        fmt.hijri_date(to_hijri(SEED.date())),
        fmt.relative(SEED, SEED + timedelta(days=1)),
    ]
    assert not any("\u200f" in text or "\u200e" in text for text in outputs)


def test_prayer_names() -> None:
    fmt = Formatter("ar_EG")
    assert [fmt.prayer_name(p) for p in Prayer] == [
        "الفجر",
        "الشروق",
        "الظهر",
        "العصر",
        "المغرب",
        "العشاء",
    ]
    assert [Formatter("en").prayer_name(p.value) for p in Prayer] == [
        "Fajr",
        "Sunrise",
        "Dhuhr",
        "Asr",
        "Maghrib",
        "Isha",
    ]
    assert set(PRAYER_NAMES_AR) == set(PRAYER_NAMES_EN) == set(Prayer)


def test_prayer_names_overridden_as_the_seed_page_prints_them() -> None:
    seed_names = {
        "fajr": "الفجْر",
        "dhuhr": "الظُّهْر",
        "asr": "العَصر",
        "maghrib": "المَغرب",
        "isha": "العِشاء",
    }
    fmt = Formatter("ar_EG", prayer_names=seed_names)
    assert fmt.prayer_name(Prayer.FAJR) == "الفجْر"
    assert fmt.prayer_name("sunrise") == "الشروق"  # not overridden
    assert PRAYER_NAMES_AR[Prayer.FAJR] == "الفجر"  # the defaults are untouched


@pytest.mark.parametrize("names", [{"duha": "الضحى"}, {"fajr": ""}, {"fajr": 1}, ["fajr"]])
def test_bad_prayer_names(names: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Formatter("ar_EG", prayer_names=names)  # type: ignore[arg-type]
    assert caught.value.field == "prayer_names"


def test_unknown_prayer() -> None:
    with pytest.raises(InvalidInputError, match="fajr, sunrise") as caught:
        Formatter("ar_EG").prayer_name("duha")
    assert caught.value.field == "prayer"


# -- locale parsing --------------------------------------------------------------------


def test_locale_tags() -> None:
    assert get_locale("ar-EG") is get_locale("ar-EG")  # cached
    assert get_locale("ar-EG") == get_locale("ar_EG") == Locale("ar", "EG")
    assert get_locale("en") == Locale("en")
    fmt = Formatter("ar-EG")
    assert (fmt.lang, fmt.dir) == ("ar-EG", "rtl")
    assert (Formatter("en").lang, Formatter("en").dir) == ("en", "ltr")
    assert Formatter(Locale("ar", "MA")).lang == "ar-MA"


@pytest.mark.parametrize("tag", ["xx", "ar_XX", "fr", "ar-EGG", "", 12, ["ar"]])
def test_unknown_locales(tag: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Formatter(tag)  # type: ignore[arg-type]
    assert caught.value.field == "locale"
    assert "ar-EG" in str(caught.value)


def test_unknown_locale_suggests() -> None:
    with pytest.raises(UnknownNameError) as caught:
        get_locale("ar_EGG")
    assert isinstance(caught.value, LookupError)
    assert "ar_EG" in caught.value.suggestions


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("digits", {"digits": "arabic"}),
        ("clock", {"clock": "12"}),
        ("ago", {"ago": "من"}),
        ("timezone", {"zone": "Africa/Cairoo"}),
    ],
)
def test_bad_settings(field: str, kwargs: dict[str, str]) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Formatter("ar_EG", **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_formatter_is_immutable_and_comparable() -> None:
    fmt = Formatter("ar_EG", "Africa/Cairo")
    with pytest.raises(AttributeError):
        fmt.digits = "arab"  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):  # TypeError: CPython 3.10/3.11 slots+frozen
        fmt.extra = 1  # type: ignore[attr-defined]
    assert fmt == Formatter("ar-EG", CAIRO)
    assert hash(fmt) == hash(Formatter("ar-EG", CAIRO))
    assert fmt != Formatter("ar_EG", "Africa/Cairo", "arab")
    assert "Africa/Cairo" in repr(fmt)


# -- digits and clocks -----------------------------------------------------------------


def test_to_digits_maps_each_digit_to_its_arabic_indic_value() -> None:
    converted = to_digits("0123456789", "arab")
    assert [unicodedata.name(c) for c in converted] == [
        f"ARABIC-INDIC DIGIT {unicodedata.name(d).split()[-1]}" for d in "0123456789"
    ]
    assert [unicodedata.digit(c) for c in converted] == list(range(10))
    assert to_digits("0123456789", "latn") == "0123456789"
    assert to_digits("ص م :،", "arab") == "ص م :،"
    with pytest.raises(InvalidInputError):
        to_digits("1", "hindi")  # type: ignore[arg-type]


def test_arab_digits_agree_with_icu() -> None:
    # ICU 78: new Intl.NumberFormat("ar-EG").format(1234567890) -> "١٬٢٣٤٬٥٦٧٬٨٩٠"
    assert to_digits("1234567890", "arab") == "١٬٢٣٤٬٥٦٧٬٨٩٠".replace("٬", "")


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2070, 1, 1)))
def test_arab_digits_reach_every_string(moment: datetime) -> None:
    aware = moment.replace(tzinfo=timezone.utc)
    fmt = Formatter("ar_EG", "Africa/Cairo", "arab")
    texts = [
        fmt.time(aware),
        fmt.news_stamp(aware),
        fmt.gregorian_date(aware.date()),
        fmt.hijri_date(to_hijri(aware.date())),
        fmt.number(aware.year),
        fmt.relative(aware, aware + timedelta(minutes=3 + aware.minute % 50)),
        fmt.news_stamp(aware, aware + timedelta(days=4), timedelta(days=7)),  # 3 or 4 days
    ]
    for text in texts:
        assert not any(c.isascii() and c.isdigit() for c in text), text
        assert any(unicodedata.name(c, "").startswith("ARABIC-INDIC DIGIT") for c in text)


@pytest.mark.parametrize(
    ("tag", "zone"),
    [
        ("ar_EG", "Africa/Cairo"),
        ("ar_MA", "Africa/Casablanca"),
        ("ar_JO", "Asia/Amman"),
        ("en", "Europe/London"),
    ],
)
@pytest.mark.parametrize("clock", ["12h", "24h"])
def test_times_are_babels_in_the_zone(tag: str, zone: str, clock: str) -> None:
    fmt = Formatter(tag, zone, clock=clock)  # type: ignore[arg-type]
    pattern = TIME_12H if clock == "12h" else TIME_24H
    stamp = NEWS_STAMP if clock == "12h" else NEWS_STAMP_24H
    for hour in range(0, 24, 5):
        moment = datetime(2025, 6, 1, hour, 7, tzinfo=timezone.utc)
        local = moment.astimezone(ZoneInfo(zone))
        assert fmt.time(moment) == format_datetime(local, pattern, locale=tag)
        assert fmt.news_stamp(moment) == format_datetime(local, stamp, locale=tag)


def test_clocks_golden() -> None:
    morning = datetime(2025, 4, 30, 4, 57, tzinfo=CAIRO)
    afternoon = datetime(2025, 4, 30, 14, 36, tzinfo=CAIRO)
    twelve = Formatter("ar_EG", CAIRO)
    assert (twelve.time(morning), twelve.time(afternoon)) == ("4:57 ص", "2:36 م")
    periods = get_period_names("abbreviated", "format", "ar_EG")  # pattern letter "a"
    assert (periods["am"], periods["pm"]) == ("ص", "م")
    assert Formatter("ar_EG", CAIRO, clock="24h").time(afternoon) == "14:36"
    assert Formatter("ar_EG", CAIRO, "arab", "24h").time(afternoon) == "١٤:٣٦"
    assert Formatter("ar_EG", CAIRO, "arab").time(morning) == "٤:٥٧ ص"
    # Without a clock setting, the locale's CLDR hour cycle decides: ar_MA is 24-hour.
    assert Formatter("ar_MA", CAIRO, clock="12h").time(afternoon) == "2:36 م"
    assert Formatter("ar_MA", CAIRO).time(afternoon) == "14:36"
    assert Formatter("en", CAIRO).time(afternoon) == "2:36 PM"


def test_instants_are_converted_to_the_zone() -> None:
    utc = SEED.astimezone(timezone.utc)  # 19:16 UTC
    assert Formatter("ar_EG", "Africa/Cairo").time(utc) == "10:16 م"
    assert Formatter("ar_EG", "UTC").time(SEED) == "7:16 م"
    assert Formatter("ar_AE", "Asia/Dubai").time(SEED) == "11:16 م"
    # Same instant, two zones: the string cache must not mix them up.
    assert Formatter("ar_EG", "Africa/Cairo").time(SEED) != Formatter("ar_EG", "UTC").time(SEED)


def test_dst_fall_back_keeps_both_instants_apart() -> None:
    zone = ZoneInfo("America/New_York")
    first = datetime(2025, 11, 2, 5, 30, tzinfo=timezone.utc).astimezone(zone)  # 01:30 EDT
    second = datetime(2025, 11, 2, 6, 30, tzinfo=timezone.utc).astimezone(zone)  # 01:30 EST
    assert first == second.replace(fold=0) and second.fold == 1  # equal wall times
    fmt = Formatter("en", zone)
    assert fmt.time(first) == fmt.time(second) == "1:30 AM"
    stamps = (
        fmt.news_stamp(first, pattern="HH:mm xxx"),
        fmt.news_stamp(second, pattern="HH:mm xxx"),
    )
    assert stamps == ("01:30 -04:00", "01:30 -05:00")


def test_pytz_and_zoneinfo_give_the_same_strings() -> None:
    pytz = pytest.importorskip("pytz")
    moments = [
        datetime(2025, m, d, h, 5, tzinfo=timezone.utc)
        for m, d in ((3, 30), (4, 24), (4, 25), (10, 30), (10, 31), (12, 31))
        for h in (0, 11, 21, 23)
    ]
    for name in ("Africa/Cairo", "Asia/Beirut", "Africa/Casablanca", "America/New_York"):
        from_pytz = Formatter("ar_EG", pytz.timezone(name))
        from_zoneinfo = Formatter("ar_EG", ZoneInfo(name))
        for moment in moments:
            localized = pytz.timezone(name).normalize(moment.astimezone(pytz.timezone(name)))
            expected = from_zoneinfo.news_stamp(moment)
            assert from_pytz.news_stamp(moment) == expected
            assert from_zoneinfo.news_stamp(localized) == expected
            assert from_pytz.relative(
                localized, moment + timedelta(hours=30)
            ) == from_zoneinfo.relative(moment, moment + timedelta(hours=30))


def test_number() -> None:
    assert Formatter("ar_EG").number(1500) == format_decimal(1500, locale="ar_EG")
    assert Formatter("ar_EG", digits="arab").number(7) == "٧"
    with pytest.raises(InvalidInputError):
        Formatter("ar_EG").number(1.5)  # type: ignore[arg-type]


# -- naive datetimes and other bad input -----------------------------------------------


def test_naive_datetimes_are_refused_with_the_field_named() -> None:
    fmt = Formatter("ar_EG", "Africa/Cairo")
    naive = datetime(2025, 4, 30, 22, 16)
    cases: list[tuple[str, Callable[[], str]]] = [
        ("moment", lambda: fmt.time(naive)),
        ("published", lambda: fmt.news_stamp(naive)),
        ("now", lambda: fmt.news_stamp(SEED, naive, timedelta(days=1))),
        ("published", lambda: fmt.relative(naive, SEED)),
        ("now", lambda: fmt.relative(SEED, naive)),
    ]
    for field, call in cases:
        with pytest.raises(InvalidInputError) as caught:
            call()
        assert caught.value.field == field
        assert str(caught.value).startswith(f"{field} must be a timezone-aware datetime")


def test_dates_and_hijri_input_checked() -> None:
    fmt = Formatter("ar_EG")
    with pytest.raises(InvalidInputError) as caught:
        fmt.gregorian_date(SEED)
    assert caught.value.field == "day"
    with pytest.raises(InvalidInputError) as caught:
        fmt.hijri_date((1447, 6, 3))  # type: ignore[arg-type]
    assert caught.value.field == "hijri"


@pytest.mark.parametrize("window", [timedelta(0), timedelta(hours=-1), 3600])
def test_bad_relative_window(window: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Formatter("ar_EG").news_stamp(SEED, SEED, window)  # type: ignore[arg-type]
    assert caught.value.field == "relative_within"


@pytest.mark.parametrize("pattern", ["", "qqqqqq"])
def test_bad_pattern(pattern: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Formatter("ar_EG").news_stamp(SEED, pattern=pattern)
    assert caught.value.field == "pattern"


# -- relative time ---------------------------------------------------------------------


def ago(minutes: float = 0, hours: float = 0, days: float = 0) -> timedelta:
    return timedelta(minutes=minutes, hours=hours, days=days)


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (ago(0), "الآن"),
        (timedelta(seconds=59), "الآن"),
        (ago(1), "قبل دقيقة"),
        (ago(2), "قبل دقيقتين"),
        (ago(3), "قبل 3 دقائق"),
        (ago(11), "قبل 11 دقيقة"),
        (ago(59, 0) + timedelta(seconds=59), "قبل 59 دقيقة"),
        (ago(100), "قبل ساعة"),
        (ago(hours=1), "قبل ساعة"),
        (ago(hours=2), "قبل ساعتين"),
        (ago(24, 2), "قبل ساعتين"),
        (ago(59, 2), "قبل ساعتين"),
        (ago(hours=3), "قبل 3 ساعات"),
        (ago(hours=11), "قبل 11 ساعة"),
    ],
    ids=lambda value: str(value),
)
def test_relative_golden_same_day(age: timedelta, expected: str) -> None:
    now = datetime(2025, 4, 30, 22, 16, tzinfo=CAIRO)
    assert Formatter("ar_EG", CAIRO).relative(now - age, now) == expected


@pytest.mark.parametrize(
    "age",
    [
        ago(2),
        ago(3),
        ago(11),
        ago(45),
        ago(hours=2),
        ago(hours=3),
        ago(hours=11),
        ago(days=2),
        ago(days=3),
    ],
    ids=str,
)
@pytest.mark.parametrize("tag", ["ar_EG", "ar_MA", "en"])
def test_relative_agrees_with_babels_format_timedelta(age: timedelta, tag: str) -> None:
    """Whole units: Babel's own CLDR plural forms, exactly."""
    now = datetime(2025, 4, 30, 23, 30, tzinfo=CAIRO)
    babel = format_timedelta(-age, locale=tag, add_direction=True)
    assert Formatter(tag, CAIRO).relative(now - age, now) == babel


@pytest.mark.parametrize("unit", ["minute", "hour"])
def test_singular_drops_cldrs_numeral(unit: str) -> None:
    now = datetime(2025, 4, 30, 23, 30, tzinfo=CAIRO)
    age = timedelta(**{f"{unit}s": 1})
    babel = format_timedelta(-age, locale="ar_EG", add_direction=True)  # «قبل ساعة واحدة»
    noun = Locale.parse("ar_EG")._data["unit_patterns"][f"duration-{unit}"]["long"]["one"]
    ours = Formatter("ar_EG", CAIRO).relative(now - age, now)
    assert ours == f"قبل {noun}"
    assert babel.startswith(ours + " ") and babel != ours
    assert Formatter("en", CAIRO).relative(now - age, now) == format_timedelta(
        -age, locale="en", add_direction=True
    )


def test_floor_not_bankers_rounding() -> None:
    now = datetime(2025, 4, 30, 23, 30, tzinfo=CAIRO)
    cases = ((ago(59, 2), "قبل ساعتين"), (ago(30, 3), "قبل 3 ساعات"), (ago(100), "قبل ساعة"))
    for age, floored in cases:
        rounded = format_timedelta(-age, locale="ar_EG", add_direction=True)
        assert Formatter("ar_EG", CAIRO).relative(now - age, now) == floored
        assert rounded != floored  # Babel rounds these up (or half to even)


@pytest.mark.parametrize(
    ("age", "arabic", "english"),
    [
        (ago(0), "الآن", "Just now"),
        (ago(2), "منذ دقيقتين", "2 minutes ago"),
        (ago(11), "منذ 11 دقيقة", "11 minutes ago"),
        (ago(hours=1), "منذ ساعة", "1 hour ago"),
        (ago(hours=2), "منذ ساعتين", "2 hours ago"),
        (ago(days=2), "منذ يومين", "2 days ago"),
        (ago(days=11), "منذ 11 يومًا", "11 days ago"),
    ],
    ids=str,
)
def test_mundhu_and_english(age: timedelta, arabic: str, english: str) -> None:
    now = datetime(2025, 4, 30, 23, 30, tzinfo=CAIRO)
    assert Formatter("ar_EG", CAIRO, ago="منذ").relative(now - age, now) == arabic
    # «منذ» replaces only the preposition of CLDR's «قبل» forms.
    cldr = Formatter("ar_EG", CAIRO).relative(now - age, now)
    assert cldr == arabic.replace("منذ", "قبل", 1)
    assert Formatter("en", CAIRO, ago="منذ").relative(now - age, now) == english


def test_yesterday_is_the_previous_calendar_day_in_the_zone() -> None:
    now = datetime(2025, 5, 1, 1, 0, tzinfo=CAIRO)
    fmt = Formatter("ar_EG", CAIRO)
    # 2 h 44 min ago, but on 30 April in Cairo.
    assert fmt.relative(SEED, now) == "أمس في 10:16 م"
    assert Formatter("ar_EG", CAIRO, "arab").relative(SEED, now) == "أمس في ١٠:١٦ م"
    assert Formatter("ar_EG", CAIRO, clock="24h").relative(SEED, now) == "أمس في 22:16"
    assert Formatter("en", CAIRO).relative(SEED, now) == "Yesterday at 10:16 PM"
    # Under an hour, minutes win even across midnight.
    assert fmt.relative(now - ago(20), now) == "قبل 20 دقيقة"
    # The same instants seen from UTC are the same day (19:16 and 22:00 UTC): hours.
    assert Formatter("ar_EG", "UTC").relative(SEED, now) == "قبل ساعتين"


def test_days_count_calendar_days() -> None:
    now = datetime(2025, 5, 3, 9, 0, tzinfo=CAIRO)
    fmt = Formatter("ar_EG", CAIRO)
    assert fmt.relative(SEED, now) == "قبل 3 أيام"  # 30 April 22:16 -> 3 May 09:00
    assert fmt.relative(SEED, SEED + ago(days=2)) == "قبل يومين"
    assert fmt.relative(SEED, SEED + ago(days=7)) == "قبل 7 أيام"


def test_dst_spring_forward_counts_real_hours() -> None:
    zone = ZoneInfo("America/New_York")
    published = datetime(2025, 3, 9, 1, 30, tzinfo=zone)  # EST
    now = datetime(2025, 3, 9, 4, 30, tzinfo=zone)  # EDT: 2 real hours later
    assert Formatter("ar_EG", zone).relative(published, now) == "قبل ساعتين"


def test_news_stamp_window() -> None:
    fmt = Formatter("ar_EG", CAIRO)
    week = timedelta(days=7)
    assert fmt.news_stamp(SEED - ago(hours=2), SEED, week) == "قبل ساعتين"
    assert fmt.news_stamp(SEED, SEED + ago(days=6), week) == "قبل 6 أيام"
    # A week ago is outside a one-week window: the absolute stamp.
    assert fmt.news_stamp(SEED, SEED + week, week) == "30 أبريل 2025 10:16 م"
    # Without a window, or without now, the stamp is absolute.
    assert fmt.news_stamp(SEED, SEED + ago(5)) == "30 أبريل 2025 10:16 م"
    assert fmt.news_stamp(SEED, relative_within=week) == "30 أبريل 2025 10:16 م"
    # An item dated after now (a feed clock ahead of ours) is never «خلال ...».
    assert fmt.news_stamp(SEED, SEED - ago(5), week) == "30 أبريل 2025 10:16 م"
    assert fmt.relative(SEED, SEED - ago(5)) == "30 أبريل 2025 10:16 م"
    # A custom pattern for the absolute stamp.
    assert fmt.news_stamp(SEED, pattern="d MMMM y") == "30 أبريل 2025"
    assert (
        Formatter("ar_EG", CAIRO, clock="24h").news_stamp(SEED, SEED + week, week)
        == "30 أبريل 2025 22:16"
    )


def test_string_cache_is_bounded() -> None:
    assert _instant_text.cache_info().maxsize is not None


@given(
    instant=st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2060, 1, 1), timezones=st.just(CAIRO)
    ),
    locale=st.sampled_from(["ar_EG", "ar_MA", "en", "ar_JO"]),
    clock=st.sampled_from(["12h", "24h"]),
    digits=st.sampled_from(["latn", "arab"]),
)
def test_time_cached_by_wall_clock_matches_babel(
    instant: datetime, locale: str, clock: str, digits: str
) -> None:
    """Times are cached by local hour and minute; Babel on the full instant must agree."""
    fmt = Formatter(locale, "Asia/Amman", digits, clock)  # type: ignore[arg-type]
    pattern = TIME_12H if clock == "12h" else TIME_24H
    expected = format_datetime(instant, pattern, tzinfo=ZoneInfo("Asia/Amman"), locale=locale)
    assert fmt.time(instant) == to_digits(expected, digits)  # type: ignore[arg-type]


def test_wall_clock_caches_are_bounded() -> None:
    from widgets.l10n import _clock_around_minute, _day_text, _shown_clock

    for cache in (_clock_around_minute, _shown_clock, _day_text):
        assert cache.cache_info().maxsize is not None


# --- issue 11: CLDR fixes, the countdown in words ----------------------------------------------


@pytest.mark.parametrize("tag", ["ar_EG", "ar_SY", "ar_JO", "ar_MA", "ar_SA", "en", "en_GB"])
def test_table_date_is_cldr_mmmmeeeed(tag: str) -> None:
    from babel.dates import format_skeleton

    for day in (date(2026, 2, 1), date(2025, 4, 30)):
        assert Formatter(tag).table_date(day) == format_skeleton("MMMMEEEEd", day, locale=tag)
    assert Formatter("ar_SY").table_date(date(2026, 2, 1)) == "الأحد، 1 شباط"


def test_number_grouping_is_the_digit_systems_own() -> None:
    cldr = format_decimal(1447, locale="ar_EG", numbering_system="arab")
    assert "\u066c" in cldr  # ARABIC THOUSANDS SEPARATOR
    assert Formatter("ar_EG", digits="arab").number(1447) == to_digits(cldr, "arab") == "١٬٤٤٧"
    assert Formatter("ar_EG").number(1447) == format_decimal(
        1447, locale="ar_EG", numbering_system="latn"
    )
    english = format_decimal(1447, locale="en", numbering_system="arab")
    assert Formatter("en", digits="arab").number(1447) == to_digits(english, "arab")


@pytest.mark.parametrize("tag", ["ar_EG", "ar_MA", "ar_TN", "ar_DZ", "ar_SA", "en", "en_GB"])
def test_default_clock_is_the_locales_hour_cycle(tag: str) -> None:
    afternoon = datetime(2025, 4, 30, 14, 36, tzinfo=CAIRO)
    cldr = format_datetime(afternoon, "short", tzinfo=CAIRO, locale=tag)  # CLDR's short style
    expected = "24h" if "14" in cldr else "12h"
    assert Formatter(tag, CAIRO).clock == expected
    assert ("14:36" in Formatter(tag, CAIRO).time(afternoon)) is (expected == "24h")
    assert Formatter("ar_MA", CAIRO).clock == "24h"
    assert Formatter("ar_EG", CAIRO).clock == "12h"


def test_spoken_time_says_the_day_period_in_words() -> None:
    wide = get_period_names("wide", "stand-alone", "ar_EG")
    morning = datetime(2025, 4, 30, 4, 57, tzinfo=CAIRO)
    evening = datetime(2025, 4, 30, 22, 16, tzinfo=CAIRO)
    fmt = Formatter("ar_EG", CAIRO)
    assert fmt.spoken_time(morning) == f"4:57 {wide['am']}" == "4:57 صباحًا"
    assert fmt.spoken_time(evening) == f"10:16 {wide['pm']}" == "10:16 مساءً"
    assert Formatter("ar_EG", CAIRO, clock="24h").spoken_time(evening) == "22:16"


# Arabic number agreement, from grammar (not from CLDR nor the package): one and two
# take the singular and dual noun alone, 3-10 a plural of paucity, 11-99 a singular
# tamyiz, round hundreds the singular after the construct.
_HOURS_AR = {1: "ساعة", 2: "ساعتان", 3: "3 ساعات", 10: "10 ساعات", 11: "11 ساعة", 23: "23 ساعة"}
_MINUTES_AR = {1: "دقيقة", 2: "دقيقتان", 5: "5 دقائق", 36: "36 دقيقة", 59: "59 دقيقة"}


@pytest.mark.parametrize("hours", sorted(_HOURS_AR))
@pytest.mark.parametrize("minutes", sorted(_MINUTES_AR))
def test_duration_agrees_with_the_number(hours: int, minutes: int) -> None:
    fmt = Formatter("ar_EG", CAIRO)
    span = timedelta(hours=hours, minutes=minutes)
    assert fmt.duration(span) == f"{_HOURS_AR[hours]} و{_MINUTES_AR[minutes]}"
    assert fmt.duration(timedelta(hours=hours)) == _HOURS_AR[hours]
    assert fmt.duration(timedelta(minutes=minutes)) == _MINUTES_AR[minutes]


def test_countdown_reads_as_words_not_a_clock() -> None:
    fmt = Formatter("ar_EG", CAIRO, digits="arab")
    left = timedelta(hours=4, minutes=35, seconds=45)  # rounded up to the minute
    assert fmt.countdown("الظهر", left) == "باقٍ على الظهر ٤ ساعات و٣٦ دقيقة"
    assert ":" not in fmt.countdown("الظهر", left)
    assert fmt.duration(timedelta(seconds=5)) == "دقيقة"
    english = Formatter("en", CAIRO).countdown("Dhuhr", timedelta(hours=2, minutes=1))
    assert english == "Dhuhr in 2 hours and 1 minute"
    forms = json.loads(fmt.countdown_forms())
    cldr = Locale.parse("ar")._data["unit_patterns"]["duration-hour"]["long"]
    assert forms["hour"]["few"] == cldr["few"] and forms["join"] == "{0} و{1}"
    with pytest.raises(InvalidInputError, match="remaining must be a timedelta"):
        fmt.duration(5)  # type: ignore[arg-type]
