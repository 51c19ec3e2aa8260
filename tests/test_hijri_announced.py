"""Announced month starts per country: the shipped history, site overrides, newer files."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

import widgets.hijri
from widgets.errors import InvalidInputError
from widgets.hijri import (
    HijriDate,
    MonthStart,
    MonthStarts,
    is_ramadan,
    load_month_starts,
    month_start,
    ramadan_days,
    shipped_month_starts,
    to_hijri,
)

SHIPPED = shipped_month_starts()
ANNOUNCED = [entry for entry in SHIPPED.entries if entry.announced]


def test_shipped_history_covers_the_countries_of_the_issue() -> None:
    wanted = {"SA", "AE", "QA", "KW", "PS", "LB", "SD", "YE", "MA", "OM", "JO", "EG", "TN"}
    wanted |= {"LY", "DZ", "IQ"}
    assert wanted <= SHIPPED.countries
    assert all(entry.source.startswith(("https://", "http://", "github:")) for entry in ANNOUNCED)


def test_each_shipped_file_is_a_month_starts_file_of_its_own_country() -> None:
    folder = Path(widgets.hijri.__file__).parent / "data" / "hijri_month_starts"
    files = sorted(folder.glob("*.json"))
    assert {path.stem for path in files} == SHIPPED.countries
    for path in files:
        alone = load_month_starts(path, over_shipped=False)
        assert alone.countries == {path.stem}, path.name
        assert alone.pins(path.stem) == SHIPPED.pins(path.stem)


@pytest.mark.parametrize(
    "entry", ANNOUNCED, ids=[f"{e.country}-{e.year}-{e.month:02}" for e in ANNOUNCED]
)
def test_every_announced_day_one_is_day_one(entry: MonthStart) -> None:
    """Each country shows day 1 of the announced month on the announced day, and the day
    before is the last day of the month before."""
    got = to_hijri(entry.start, country=entry.country)
    assert got == HijriDate(year=entry.year, month=entry.month, day=1)
    before = to_hijri(entry.start - timedelta(days=1), country=entry.country)
    assert (before.year * 12 + before.month) == entry.year * 12 + entry.month - 1
    assert before.day in (29, 30)
    assert month_start(entry.year, entry.month, country=entry.country) == entry.start


@pytest.mark.parametrize("country", sorted(SHIPPED.countries))
def test_a_country_read_alone_counts_as_the_whole_shipped_file(country: str) -> None:
    """The default (one country's shipped starts, read when first needed) dates every day
    of the shipped years as the whole file, parsed and checked at once, does."""
    years = [entry.start for entry in SHIPPED.entries if entry.country == country]
    day = min(years) - timedelta(days=60)
    last = min(max(years) + timedelta(days=60), date(2077, 11, 16))  # the table's last day
    while day <= last:
        assert to_hijri(day, country=country) == to_hijri(
            day, country=country, month_starts=SHIPPED
        ), day
        day += timedelta(days=3)


def test_cairo_on_18_february_2026_is_30_shaban() -> None:
    # Dar al-Ifta: Wednesday 18 February 2026 completes Sha'ban, Thursday is 1 Ramadan.
    assert to_hijri(date(2026, 2, 18)) == HijriDate(year=1447, month=9, day=1)
    assert to_hijri(date(2026, 2, 18), country="EG") == HijriDate(year=1447, month=8, day=30)
    assert to_hijri(date(2026, 2, 18), country="eg") == HijriDate(year=1447, month=8, day=30)
    assert not is_ramadan(date(2026, 2, 18), country="EG")
    assert is_ramadan(date(2026, 2, 19), country="EG")


def test_ramadan_days_follow_the_country() -> None:
    # Egypt: Ramadan 1446 from Saturday 1 March 2025, Eid on Monday 31 March (30 days).
    assert ramadan_days(1446, country="EG") == (date(2025, 3, 1), date(2025, 3, 30))
    # Saudi Arabia: Eid on Sunday 30 March 2025.
    assert ramadan_days(1446, country="SA") == (date(2025, 3, 1), date(2025, 3, 29))


def test_a_site_override_wins_over_the_shipped_start() -> None:
    overrides = {(1447, 9): date(2026, 2, 18)}
    assert to_hijri(date(2026, 2, 18), 0, overrides, country="EG").day == 1
    # The shipped 1 Shawwal (20 March) still holds: Ramadan now has 30 days.
    assert to_hijri(date(2026, 3, 20), 0, overrides, country="EG") == HijriDate(
        year=1447, month=10, day=1
    )


def test_a_country_without_data_follows_umm_al_qura() -> None:
    assert to_hijri(date(2026, 2, 18), country="FR") == to_hijri(date(2026, 2, 18))


def _write(tmp_path: Path, starts: list[dict[str, object]]) -> Path:
    path = tmp_path / "starts.json"
    path.write_text(json.dumps({"format": 1, "starts": starts}), encoding="utf-8")
    return path


def test_a_loaded_newer_file_wins_over_the_shipped_one(tmp_path: Path) -> None:
    # A site adds tonight's announcement in one line: Shawwal 1447 a day later in Morocco.
    last = SHIPPED.for_country("MA")
    assert (1447, 10) not in last or last[(1447, 10)] != date(2026, 3, 22)
    path = _write(
        tmp_path,
        [{"country": "MA", "year": 1447, "month": 10, "start": "2026-03-21", "source": "site"}],
    )
    newer = load_month_starts(path)
    assert newer.for_country("MA")[(1447, 9)] == SHIPPED.for_country("MA")[(1447, 9)]
    assert to_hijri(date(2026, 3, 21), country="MA", month_starts=newer).day == 1
    alone = load_month_starts(path, over_shipped=False)
    assert alone.countries == frozenset({"MA"})


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        (
            {"country": "Egypt", "year": 1447, "month": 9, "start": "2026-02-19", "source": "s"},
            "starts[0].country",
        ),
        (
            {"country": "EG", "year": 1447, "month": 13, "start": "2026-02-19", "source": "s"},
            "starts[0].month",
        ),
        (
            {"country": "EG", "year": 1447, "month": 9, "start": "19/2/2026", "source": "s"},
            "starts[0].start",
        ),
        (
            {"country": "EG", "year": 1447, "month": 9, "start": "2026-02-19", "source": ""},
            "starts[0].source",
        ),
        ({"country": "EG", "year": 1447, "month": 9, "start": "2026-02-19"}, "starts[0].source"),
        (
            {
                "country": "EG",
                "year": 1447,
                "month": 9,
                "start": "2026-02-19",
                "source": "s",
                "note": "x",
            },
            "starts[0].note",
        ),
    ],
)
def test_bad_files_name_the_entry_and_field(
    tmp_path: Path, entry: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        load_month_starts(_write(tmp_path, [entry]))
    assert caught.value.field == field


def test_inconsistent_starts_are_refused(tmp_path: Path) -> None:
    starts = [
        {"country": "EG", "year": 1447, "month": 9, "start": "2026-02-19", "source": "s"},
        {"country": "EG", "year": 1447, "month": 10, "start": "2026-03-22", "source": "s"},
    ]
    with pytest.raises(InvalidInputError, match="29 or 30 days apart"):
        load_month_starts(_write(tmp_path, starts), over_shipped=False)
    with pytest.raises(InvalidInputError, match="valid JSON"):
        (tmp_path / "bad.json").write_text("{", encoding="utf-8")
        load_month_starts(tmp_path / "bad.json")
    with pytest.raises(InvalidInputError, match="format"):
        (tmp_path / "old.json").write_text('{"starts": []}', encoding="utf-8")
        load_month_starts(tmp_path / "old.json")


def test_month_starts_need_a_country() -> None:
    with pytest.raises(InvalidInputError, match="country"):
        to_hijri(date(2026, 2, 18), month_starts=SHIPPED)
    with pytest.raises(InvalidInputError, match="MonthStarts"):
        to_hijri(date(2026, 2, 18), country="EG", month_starts={})  # type: ignore[arg-type]
    assert isinstance(SHIPPED, MonthStarts)
