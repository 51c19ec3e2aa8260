"""Computing prayer times: the only module that talks to praytimes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from .methods import Adjustments, Asr, HighLatitude, Method, PolarResolution, Prayer
from .places import Location

__all__ = ["PrayerDay", "PrayerTime", "prayer_times", "timetable"]


class PrayerTime(NamedTuple):
    """One of the six times of a day."""

    prayer: Prayer
    time: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class PrayerDay:
    """The times of one local day, as aware datetimes in the location's zone."""

    location: Location
    date: date
    method: Method
    madhab: Asr
    high_latitude: HighLatitude
    polar_resolution: PolarResolution
    tune: Adjustments
    imsak: datetime
    fajr: datetime
    sunrise: datetime
    dhuhr: datetime
    asr: datetime
    sunset: datetime
    maghrib: datetime
    isha: datetime
    midnight: datetime
    last_third: datetime

    def __iter__(self) -> Iterator[PrayerTime]:
        raise NotImplementedError

    def next_prayer(self, at: datetime) -> PrayerTime:
        raise NotImplementedError

    def current_prayer(self, at: datetime) -> PrayerTime | None:
        raise NotImplementedError


def prayer_times(
    location: Location | str,
    date: date,
    method: Method | str | None = None,
    asr: Asr | str = Asr.STANDARD,
    high_latitude: HighLatitude | str | None = None,
    tune: Adjustments | Mapping[str, float] | None = None,
    polar_resolution: PolarResolution | str = PolarResolution.NEAREST_DAY,
) -> PrayerDay:
    raise NotImplementedError


def timetable(
    location: Location | str,
    start: date,
    end: date,
    method: Method | str | None = None,
    asr: Asr | str = Asr.STANDARD,
    high_latitude: HighLatitude | str | None = None,
    tune: Adjustments | Mapping[str, float] | None = None,
    polar_resolution: PolarResolution | str = PolarResolution.NEAREST_DAY,
) -> list[PrayerDay]:
    raise NotImplementedError
