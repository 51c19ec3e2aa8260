"""Tests for widgets.hijri against hijridate's table and ICU's Umm al-Qura calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hijridate import Gregorian, Hijri
from hypothesis import given
from hypothesis import strategies as st

from widgets.errors import HijriRangeError, InvalidInputError
from widgets.hijri import (
    HIJRI_FIRST,
    HIJRI_LAST,
    HIJRI_MONTHS_AR,
    HIJRI_MONTHS_EN,
    HijriDate,
    hijri_today,
    is_ramadan,
    month_start,
    to_hijri,
)

# Facts from outside the code.
#
# CLDR's Arabic month names of the Islamic calendar, as ICU 78 prints them
# (Node: Intl.DateTimeFormat("ar-u-ca-islamic-umalqura", {month: "long"})).
CLDR_ISLAMIC_MONTHS_AR = (
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
# Gregorian -> Umm al-Qura (year, month, day), as ICU 78's islamic-umalqura calendar
# gives them: Ramadan 1447 runs from 2026-02-18 to 2026-03-19 (30 days).
ICU_UMM_AL_QURA = {
    date(2025, 4, 30): (1446, 11, 2),
    date(2025, 11, 24): (1447, 6, 3),
    date(2026, 2, 17): (1447, 8, 29),
    date(2026, 2, 18): (1447, 9, 1),
    date(2026, 3, 19): (1447, 9, 30),
    date(2026, 3, 20): (1447, 10, 1),
    date(2077, 11, 16): (1500, 12, 30),
}

RAMADAN_1447 = (date(2026, 2, 18), date(2026, 3, 19))


def triple(hijri: HijriDate) -> tuple[int, int, int]:
    return hijri.year, hijri.month, hijri.day


# -- range -------------------------------------------------------------------------------


def test_range_constants_are_hijridates_table_ends() -> None:
    first = Hijri(1343, 1, 1).to_gregorian()
    last = Hijri(1500, 12, Hijri(1500, 12, 1).month_length()).to_gregorian()
    assert (date(*first.datetuple()), date(*last.datetuple())) == (HIJRI_FIRST, HIJRI_LAST)


def test_first_and_last_supported_days() -> None:
    assert triple(to_hijri(HIJRI_FIRST)) == (1343, 1, 1)
    assert triple(to_hijri(HIJRI_LAST)) == ICU_UMM_AL_QURA[date(2077, 11, 16)]


@pytest.mark.parametrize("day", [HIJRI_LAST + timedelta(days=1), HIJRI_FIRST - timedelta(days=1)])
def test_one_day_past_the_table_is_a_value_error_not_overflow(day: date) -> None:
    with pytest.raises(OverflowError):  # the trap being fenced in
        Gregorian.fromdate(day).to_hijri()
    with pytest.raises(HijriRangeError) as caught:
        to_hijri(day)
    assert isinstance(caught.value, ValueError)
    assert not isinstance(caught.value, OverflowError)
    assert caught.value.field == "date"
    message = str(caught.value)
    assert message.startswith("date must be")
    assert "1924-08-01" in message and "2077-11-16" in message


def test_offset_past_the_table_names_the_offset() -> None:
    with pytest.raises(HijriRangeError, match=r"hijri_offset \+1"):
        to_hijri(HIJRI_LAST, offset=1)
    assert triple(to_hijri(HIJRI_LAST, offset=-1)) == (1500, 12, 29)


def test_is_ramadan_is_false_outside_the_table() -> None:
    assert is_ramadan(date(2100, 9, 1)) is False
    assert is_ramadan(date(1900, 1, 1)) is False


# -- conversion ------------------------------------------------------------------------


@pytest.mark.parametrize("day", sorted(ICU_UMM_AL_QURA), ids=str)
def test_agrees_with_icu_umm_al_qura(day: date) -> None:
    assert triple(to_hijri(day)) == ICU_UMM_AL_QURA[day]


@given(st.dates(min_value=HIJRI_FIRST, max_value=HIJRI_LAST))
def test_agrees_with_hijridate_everywhere(day: date) -> None:
    assert triple(to_hijri(day)) == Gregorian.fromdate(day).to_hijri().datetuple()


@given(
    st.dates(min_value=HIJRI_FIRST + timedelta(days=2), max_value=HIJRI_LAST - timedelta(days=2)),
    st.integers(-2, 2),
)
def test_offset_shifts_the_gregorian_date_before_converting(day: date, offset: int) -> None:
    shifted = Gregorian.fromdate(day + timedelta(days=offset)).to_hijri().datetuple()
    if shifted[2] > 30:  # see test_the_tables_31st_days_are_refused
        with pytest.raises(HijriRangeError):
            to_hijri(day, offset)
        return
    assert triple(to_hijri(day, offset)) == shifted


@pytest.mark.parametrize("day", [date(1926, 12, 6), date(1930, 4, 29), date(1931, 4, 18)], ids=str)
def test_the_tables_31st_days_are_refused(day: date) -> None:
    # hijridate's Umm al-Qura table gives these days as the 31st of a month; a Hijri month
    # has 29 or 30 days, so the date is refused as outside what the table dates.
    assert Gregorian.fromdate(day).to_hijri().day == 31
    with pytest.raises(HijriRangeError, match="31st"):
        to_hijri(day)
    assert to_hijri(day - timedelta(days=1)).day == 30


@pytest.mark.parametrize(
    ("day", "offset", "expected"),
    [
        # Ramadan 1447 starts 2026-02-18 in Umm al-Qura; a country a day behind starts it on the 19th.
        (date(2026, 2, 18), -1, (1447, 8, 29)),
        (date(2026, 2, 19), -1, (1447, 9, 1)),
        # A country a day ahead is already in Ramadan on the 17th ...
        (date(2026, 2, 17), 1, (1447, 9, 1)),
        (date(2026, 2, 16), 1, (1447, 8, 29)),
        # ... and in Shawwal on 2026-03-19, while a day behind still counts 30 Ramadan on the 20th.
        (date(2026, 3, 19), 1, (1447, 10, 1)),
        (date(2026, 3, 20), -1, (1447, 9, 30)),
        (date(2026, 3, 21), -1, (1447, 10, 1)),
    ],
)
def test_month_ends_with_offsets(day: date, offset: int, expected: tuple[int, int, int]) -> None:
    assert triple(to_hijri(day, offset)) == expected


def test_ramadan_1447() -> None:
    first, last = RAMADAN_1447
    assert month_start(1447, 9) == first
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    assert [to_hijri(day).day for day in days] == list(range(1, 31))
    assert all(is_ramadan(day) for day in days)
    assert not is_ramadan(first - timedelta(days=1))
    assert not is_ramadan(last + timedelta(days=1))
    assert not is_ramadan(first, offset=-1)
    assert is_ramadan(last + timedelta(days=1), offset=-1)
    assert to_hijri(first).month_name_ar == "رمضان"


@pytest.mark.parametrize("offset", [3, -3, 1.0, True, "1", None])
def test_bad_offset_names_the_field(offset: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        to_hijri(date(2026, 2, 18), offset)  # type: ignore[arg-type]
    assert caught.value.field == "hijri_offset"
    assert "-2 to 2" in str(caught.value)


@pytest.mark.parametrize(
    "value", [datetime(2026, 2, 18, 12, tzinfo=timezone.utc), "2026-02-18", 20260218, None]
)
def test_non_dates_are_refused(value: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        to_hijri(value)  # type: ignore[arg-type]
    assert caught.value.field == "date"


def test_a_datetime_is_refused_with_a_hint() -> None:
    with pytest.raises(InvalidInputError, match=r"not a datetime.*\.date\(\)"):
        to_hijri(datetime(2026, 2, 18, 12))


# -- overrides -------------------------------------------------------------------------


def test_announced_start_a_day_later() -> None:
    overrides = {(1447, 9): date(2026, 2, 19)}
    assert triple(to_hijri(date(2026, 2, 18), overrides=overrides)) == (1447, 8, 30)
    assert triple(to_hijri(date(2026, 2, 19), overrides=overrides)) == (1447, 9, 1)
    assert triple(to_hijri(date(2026, 3, 19), overrides=overrides)) == (1447, 9, 29)
    # Shawwal is not overridden: it starts on the Umm al-Qura day.
    assert triple(to_hijri(date(2026, 3, 20), overrides=overrides)) == (1447, 10, 1)
    assert not is_ramadan(date(2026, 2, 18), overrides=overrides)


def test_both_ends_announced() -> None:
    overrides = {(1447, 9): date(2026, 2, 19), (1447, 10): date(2026, 3, 21)}
    assert triple(to_hijri(date(2026, 3, 20), overrides=overrides)) == (1447, 9, 30)
    assert triple(to_hijri(date(2026, 3, 21), overrides=overrides)) == (1447, 10, 1)


def test_overrides_win_over_the_offset_for_their_months() -> None:
    # A site a day ahead of Umm al-Qura whose country announced Ramadan on the UQ day.
    overrides = {(1447, 9): date(2026, 2, 18), (1447, 10): date(2026, 3, 20)}
    assert triple(to_hijri(date(2026, 2, 18), 1, overrides)) == (1447, 9, 1)
    assert triple(to_hijri(date(2026, 3, 19), 1, overrides)) == (1447, 9, 30)
    # Far from the announced months, the offset rules.
    for day in (date(2025, 9, 1), date(2026, 7, 1)):
        assert to_hijri(day, 1, overrides) == to_hijri(day, 1)


def month_lengths(offset: int, overrides: dict[tuple[int, int], date]) -> dict[int, int]:
    """Length of each month of 1447 as counted day by day."""
    lengths: dict[int, int] = {}
    day = month_start(1446, 12)
    while day < month_start(1448, 2):
        hijri = to_hijri(day, offset, overrides)
        if hijri.year == 1447:
            lengths[hijri.month] = max(lengths.get(hijri.month, 0), hijri.day)
        day += timedelta(days=1)
    return lengths


@pytest.mark.parametrize(
    ("offset", "announced"),
    [
        (0, date(2026, 2, 19)),
        (1, date(2026, 2, 20)),
        (-1, date(2026, 2, 18)),
        (-2, date(2026, 2, 15)),
    ],
)
def test_months_next_to_an_announced_start_stay_29_or_30_days(offset: int, announced: date) -> None:
    lengths = month_lengths(offset, {(1447, 9): announced})
    assert sorted(lengths) == list(range(1, 13))
    assert set(lengths.values()) <= {29, 30}
    assert triple(to_hijri(announced, offset, {(1447, 9): announced})) == (1447, 9, 1)
    before = to_hijri(announced - timedelta(days=1), offset, {(1447, 9): announced})
    assert (before.month, before.day) in ((8, 29), (8, 30))


def test_override_equal_to_the_table_changes_nothing() -> None:
    table = {(1447, month): month_start(1447, month) for month in range(1, 13)}
    for day in (date(2025, 6, 26), date(2025, 11, 24), date(2026, 2, 18), date(2026, 6, 15)):
        assert to_hijri(day, overrides=table) == to_hijri(day)


def test_announced_starts_that_contradict_each_other_are_refused() -> None:
    # Ramadan and Shawwal announced 31 days apart.
    overrides = {(1447, 9): date(2026, 2, 18), (1447, 10): date(2026, 3, 21)}
    with pytest.raises(InvalidInputError) as caught:
        to_hijri(date(2026, 3, 1), overrides=overrides)
    assert caught.value.field == "hijri_overrides"
    assert "31 days apart" in str(caught.value)


@pytest.mark.parametrize(
    "overrides",
    [
        {(1447, 13): date(2026, 2, 18)},
        {(1447, 0): date(2026, 2, 18)},
        {(1600, 1): date(2026, 2, 18)},
        {(1447, "9"): date(2026, 2, 18)},
        {1447: date(2026, 2, 18)},
        {(1447, 9): datetime(2026, 2, 18)},
        {(1447, 9): "2026-02-18"},
        {(1447, 9): date(2026, 3, 18)},  # a month away from the Umm al-Qura start
        [((1447, 9), date(2026, 2, 18))],
    ],
    ids=["month-13", "month-0", "year", "str-month", "int-key", "datetime", "str", "far", "list"],
)
def test_bad_override_tables_are_refused(overrides: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        to_hijri(date(2026, 2, 18), overrides=overrides)  # type: ignore[arg-type]
    assert caught.value.field == "hijri_overrides"


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2070, 1, 1)),
    st.integers(-2, 2),
    st.lists(st.integers(-3, 3), min_size=3, max_size=3),
)
def test_days_follow_each_other_under_any_accepted_table(
    day: date, offset: int, moves: list[int]
) -> None:
    """Whatever the table and offset, consecutive days count 1, 2, ... 29|30, 1."""
    year, month, _ = Gregorian.fromdate(day).to_hijri().datetuple()
    overrides = {}
    for by, move in zip((-1, 0, 1), moves, strict=True):
        y, m0 = divmod(year * 12 + month - 1 + by, 12)
        overrides[(y, m0 + 1)] = month_start(y, m0 + 1) + timedelta(days=move)
    try:
        today = to_hijri(day, offset, overrides)
        tomorrow = to_hijri(day + timedelta(days=1), offset, overrides)
    except InvalidInputError as error:
        assert error.field == "hijri_overrides"
        return
    if tomorrow.day == 1:
        assert today.day in (29, 30)
        assert (tomorrow.year * 12 + tomorrow.month) - (today.year * 12 + today.month) == 1
    else:
        assert (tomorrow.year, tomorrow.month, tomorrow.day) == (
            today.year,
            today.month,
            today.day + 1,
        )


# -- names and value -------------------------------------------------------------------


def test_arabic_month_names_are_cldrs() -> None:
    assert HIJRI_MONTHS_AR == CLDR_ISLAMIC_MONTHS_AR


def test_names_agree_with_hijridate_except_rabi_ii() -> None:
    hijridate_ar = [Hijri(1447, m, 1).month_name("ar") for m in range(1, 13)]
    hijridate_en = [Hijri(1447, m, 1).month_name("en").replace("'", "") for m in range(1, 13)]
    differ_ar = [m for m in range(12) if hijridate_ar[m] != HIJRI_MONTHS_AR[m]]
    differ_en = [m for m in range(12) if hijridate_en[m] != HIJRI_MONTHS_EN[m]]
    assert differ_ar == differ_en == [3]  # hijridate: ربيع الثاني / Rabi al-Thani
    assert hijridate_ar[3] == "ربيع الثاني"


def test_hijri_date_value() -> None:
    value = HijriDate(year=1447, month=6, day=3)
    assert eval(repr(value)) == value
    assert value.month_name_ar == "جمادى الآخرة"
    assert value.month_name_en == "Jumada al-Akhirah"
    assert value.isoformat() == "1447-06-03"
    assert value < HijriDate(year=1447, month=9, day=1)
    with pytest.raises(AttributeError):
        value.day = 4  # type: ignore[misc]
    with pytest.raises(TypeError):
        HijriDate(1447, 6, 3)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("month", {"year": 1447, "month": 13, "day": 1}),
        ("day", {"year": 1447, "month": 1, "day": 31}),
        ("day", {"year": 1447, "month": 1, "day": 0}),
        ("year", {"year": 1342, "month": 1, "day": 1}),
        ("month", {"year": 1447, "month": True, "day": 1}),
    ],
)
def test_hijri_date_validates(field: str, kwargs: dict[str, int]) -> None:
    with pytest.raises(InvalidInputError) as caught:
        HijriDate(**kwargs)
    assert caught.value.field == field


# -- today -----------------------------------------------------------------------------


def test_today_is_taken_in_the_sites_zone_not_the_servers() -> None:
    # 22:30 UTC on 17 Feb 2026 is already 01:30 on the 18th (1 Ramadan) in Riyadh,
    # while a UTC server's own date is still 29 Sha'ban.
    now = datetime(2026, 2, 17, 22, 30, tzinfo=timezone.utc)
    assert triple(hijri_today(now, ZoneInfo("Asia/Riyadh"))) == (1447, 9, 1)
    assert triple(hijri_today(now, "UTC")) == (1447, 8, 29)
    # 03:00 UTC on the 18th is still the 17th in New York.
    later = datetime(2026, 2, 18, 3, 0, tzinfo=timezone.utc)
    assert triple(hijri_today(later, "America/New_York")) == (1447, 8, 29)


def test_today_with_a_pytz_zone() -> None:
    pytz = pytest.importorskip("pytz")
    now = datetime(2026, 2, 17, 22, 30, tzinfo=timezone.utc)
    riyadh = hijri_today(now, pytz.timezone("Asia/Riyadh"))
    assert riyadh == hijri_today(now, ZoneInfo("Asia/Riyadh"))


def test_today_turns_at_maghrib() -> None:
    cairo = ZoneInfo("Africa/Cairo")
    maghrib = datetime(2026, 2, 17, 17, 40, tzinfo=cairo)
    before = hijri_today(maghrib - timedelta(minutes=1), cairo, maghrib=maghrib)
    at = hijri_today(maghrib, cairo, maghrib=maghrib)
    after = hijri_today(datetime(2026, 2, 17, 23, 0, tzinfo=cairo), cairo, maghrib=maghrib)
    assert triple(before) == (1447, 8, 29)
    assert triple(at) == triple(after) == (1447, 9, 1)
    # Without the option the day turns at midnight.
    assert triple(hijri_today(maghrib, cairo)) == (1447, 8, 29)
    # Maghrib given in another zone is the same instant.
    assert hijri_today(maghrib, cairo, maghrib=maghrib.astimezone(timezone.utc)) == at


def test_today_with_offset_and_overrides() -> None:
    now = datetime(2026, 2, 18, 12, 0, tzinfo=ZoneInfo("Africa/Casablanca"))
    assert triple(hijri_today(now, "Africa/Casablanca", offset=-1)) == (1447, 8, 29)
    announced = {(1447, 9): date(2026, 2, 19)}
    assert triple(hijri_today(now, "Africa/Casablanca", overrides=announced)) == (1447, 8, 30)


def test_today_refuses_naive_datetimes() -> None:
    with pytest.raises(InvalidInputError) as caught:
        hijri_today(datetime(2026, 2, 18, 12), "Africa/Cairo")
    assert caught.value.field == "now"
    assert "timezone-aware" in str(caught.value)
    aware = datetime(2026, 2, 18, 12, tzinfo=timezone.utc)
    with pytest.raises(InvalidInputError) as caught:
        hijri_today(aware, "Africa/Cairo", maghrib=datetime(2026, 2, 18, 17, 40))
    assert caught.value.field == "maghrib"


def test_today_refuses_a_maghrib_of_another_day() -> None:
    cairo = ZoneInfo("Africa/Cairo")
    with pytest.raises(InvalidInputError, match="same local day") as caught:
        hijri_today(
            datetime(2026, 2, 18, 12, tzinfo=cairo),
            cairo,
            maghrib=datetime(2026, 2, 17, 17, 40, tzinfo=cairo),
        )
    assert caught.value.field == "maghrib"


def test_today_past_the_table() -> None:
    with pytest.raises(HijriRangeError):
        hijri_today(datetime(2077, 11, 17, 12, tzinfo=timezone.utc), "UTC")
