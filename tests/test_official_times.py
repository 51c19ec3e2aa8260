"""Published timetables (adhan-js's acceptance data in ../shared/reference/official-times)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from widgets import Location, prayer_times

from .conftest import SHARED, shared_path

FOLDER = ("reference", "official-times")
FILES = sorted(p.name for p in (SHARED.joinpath(*FOLDER)).glob("*.json")) or ["(absent)"]
# adhan-js method names -> our presets.
METHOD = {
    "Turkey": "turkey",
    "Qatar": "qatar",
    "Dubai": "dubai",
    "Kuwait": "kuwait",
    "MoonsightingCommittee": "moonsighting",
    "UmmAlQura": "umm_al_qura",
    "Singapore": "singapore",
    "Tehran": "tehran",
}
SIX = ("fajr", "sunrise", "dhuhr", "asr", "maghrib", "isha")


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(shared_path(*FOLDER, name).read_text(encoding="utf-8"))
    return data


def _differences(data: dict[str, Any]) -> Iterator[tuple[str, str, float]]:
    """(date, prayer, computed minus published in minutes) for every published time."""
    params = data["params"]
    zone = ZoneInfo(params["timezone"])
    location = Location(
        latitude=params["latitude"], longitude=params["longitude"], timezone=params["timezone"]
    )
    for row in data["times"]:
        day = prayer_times(
            location,
            date.fromisoformat(row["date"]),
            method=METHOD[params["method"]],
            asr="hanafi" if params["madhab"] == "Hanafi" else "standard",
            high_latitude="middle_of_night",
        )
        for prayer in SIX:
            published = datetime.strptime(f"{row['date']} {row[prayer]}", "%Y-%m-%d %I:%M %p")
            delta = getattr(day, prayer) - published.replace(tzinfo=zone)
            yield row["date"], prayer, delta.total_seconds() / 60.0


@pytest.mark.parametrize("name", FILES)
def test_each_time_within_the_files_variance(name: str) -> None:
    data = _load(name)
    variance = data.get("variance") or 1
    misses = [(d, p, m) for d, p, m in _differences(data) if abs(m) > variance]
    assert not misses, f"{name}: beyond {variance} min: {misses}"


def test_all_files_together_within_one_minute() -> None:
    shared_path(*FOLDER)
    deltas = [m for name in FILES for _, _, m in _differences(_load(name))]
    assert len(deltas) == 2772  # 462 published days x 6 times (README of the folder)
    within_one = sum(abs(m) <= 1 for m in deltas)
    assert within_one / len(deltas) >= 0.997, f"{within_one}/{len(deltas)} within 1 minute"
    assert max(abs(m) for m in deltas) <= 2


def test_data_files_are_read_from_shared_not_copied() -> None:
    copies = [p for p in Path(__file__).resolve().parents[1].rglob("Makkah-UmmAlQura.json")]
    assert copies == []
