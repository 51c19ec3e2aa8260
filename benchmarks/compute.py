"""P1: one city-year of prayer times through ``widgets.timetable()`` and through the peers.

Cairo, the 365 days of 2025, Egyptian General Authority of Survey method
(Fajr 19.5, Isha 17.5), each library called the way its documentation shows:

- ``widgets``: ``timetable(cairo, 2025-01-01, 2025-12-31, method="egypt")``,
  every widgets cache cleared before each run, so nothing computed in an
  earlier run is reused;
- ``praytimes`` 2.3.2 (the engine underneath, without our fixes): one
  ``PrayTimes()`` and ``getTimes((y, m, d), (lat, lon), tz)`` per day;
- ``adhanpy``: ``PrayerTimes(coordinates, date, CalculationMethod.EGYPTIAN,
  time_zone=zone)`` per day;
- ``salat`` (when installed): ``PrayerTimes(CalculationMethod.EGYPT)`` once and
  ``calc_times(date, zone, longitude, latitude)`` per day;
- ``islamic_times`` (when installed): one ``ITLocation(..., method="EGYPT")``
  and, per day, ``update_time(noon of the day)`` and ``prayer_times()``.

Runs alternate (widgets, praytimes, adhanpy, ...) so drift hits all alike;
medians per day and the ratios are printed. Goal: at most 0.8x adhanpy and
at most 1.2x raw praytimes.

    python benchmarks/compute.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout and this folder importable
    sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).parent)]

from common import Case, Row, alternate, cache_clearer, format_table, machine, medians, spread

import widgets

CITY = "cairo"
METHOD = "egypt"
YEAR = 2025
#: Goals: widgets / peer, per day.
GOALS = {"praytimes": 1.2, "adhanpy": 0.8}


def year_days(year: int = YEAR) -> list[date]:
    """Every day of ``year``."""
    first = date(year, 1, 1)
    count = (date(year + 1, 1, 1) - first).days
    return [first + timedelta(days=n) for n in range(count)]


def ours(location: widgets.Location, days: list[date]) -> Case:
    """``widgets.timetable`` over ``days``, every widgets cache cleared first (untimed)."""
    start, end = days[0], days[-1]

    def run() -> object:
        return widgets.timetable(location, start, end, method=METHOD)

    return Case(name="widgets", run=run, setup=cache_clearer("widgets"), per=len(days))


def praytimes_case(location: widgets.Location, days: list[date]) -> Case:
    """Raw praytimes: one instance, ``getTimes`` per day with the day's UTC offset."""
    from praytimes import PrayTimes

    zone = location.zone
    engine = PrayTimes()
    coordinates = (location.latitude, location.longitude)
    calls = [
        ((d.year, d.month, d.day), _hours(zone.utcoffset(datetime.combine(d, time(12)))))
        for d in days
    ]

    def run() -> object:
        get = engine.getTimes
        return [get(ymd, coordinates, offset) for ymd, offset in calls]

    return Case(name="praytimes", run=run, per=len(days))


def adhanpy_case(location: widgets.Location, days: list[date]) -> Case | None:
    """adhanpy: a ``PrayerTimes`` per day, Egyptian method, times in the zone."""
    if importlib.util.find_spec("adhanpy") is None:
        return None
    from adhanpy.calculation.CalculationMethod import CalculationMethod
    from adhanpy.PrayerTimes import PrayerTimes

    zone = location.zone
    coordinates = (location.latitude, location.longitude)
    moments = [datetime(d.year, d.month, d.day) for d in days]
    method = CalculationMethod.EGYPTIAN

    def run() -> object:
        return [
            PrayerTimes(coordinates, moment, calculation_method=method, time_zone=zone)
            for moment in moments
        ]

    return Case(name="adhanpy", run=run, per=len(days))


def salat_case(location: widgets.Location, days: list[date]) -> Case | None:
    """salat: one Egyptian-method calculator, ``calc_times`` per day."""
    if importlib.util.find_spec("salat") is None:
        return None
    import salat

    zone = location.zone
    calculator = salat.PrayerTimes(salat.CalculationMethod.EGYPT, salat.AsrMethod.STANDARD)
    latitude, longitude = location.latitude, location.longitude

    def run() -> object:
        return [calculator.calc_times(d, zone, longitude, latitude) for d in days]

    return Case(name="salat", run=run, per=len(days))


def islamic_times_case(location: widgets.Location, days: list[date]) -> Case | None:
    """islamic_times: one ``ITLocation``; per day ``update_time`` and ``prayer_times()``."""
    if importlib.util.find_spec("islamic_times") is None:
        return None
    from islamic_times.islamic_times import ITLocation

    zone = location.zone
    moments = [datetime.combine(d, time(12), zone) for d in days]
    site = ITLocation(
        latitude=location.latitude,
        longitude=location.longitude,
        elevation=location.elevation,
        date=moments[0],
        method="EGYPT",
    )

    def run() -> object:
        out = []
        for moment in moments:
            site.update_time(moment)
            out.append(site.prayer_times())
        return out

    return Case(name="islamic_times", run=run, per=len(days))


PEERS: tuple[Callable[[widgets.Location, list[date]], Case | None], ...] = (
    praytimes_case,
    adhanpy_case,
    salat_case,
    islamic_times_case,
)


def measure(rounds: int = 15, slow_rounds: int = 5) -> list[Row]:
    """P1 rows: widgets against each installed peer, per day.

    The slow peers (salat, islamic_times) get ``slow_rounds`` samples (a
    city-year of islamic_times takes a fifth of a second or more); the
    alternation is kept by running them in their own alternating series with
    widgets.
    """
    location = widgets.place(CITY)
    days = year_days()
    contender = ours(location, days)
    fast = [c for c in (praytimes_case(location, days), adhanpy_case(location, days)) if c]
    slow = [c for c in (salat_case(location, days), islamic_times_case(location, days)) if c]
    samples = alternate([contender, *fast], rounds)
    rows = _rows(samples, fast)
    if slow:
        slow_samples = alternate([contender, *slow], slow_rounds)
        rows += _rows(slow_samples, slow)
    return rows


def _rows(samples: dict[str, list[float]], peers: list[Case]) -> list[Row]:
    middle = medians(samples)
    return [
        Row(
            name=f"P1 compute: city-year vs {peer.name}",
            ours=middle["widgets"],
            peer=middle[peer.name],
            unit="s/day",
            goal=GOALS.get(peer.name),
            noise=spread(samples["widgets"]),
        )
        for peer in peers
    ]


def _hours(offset: timedelta | None) -> float:
    return 0.0 if offset is None else offset.total_seconds() / 3600.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="samples per case (default 15)")
    parser.add_argument(
        "--slow-rounds", type=int, default=5, help="samples of salat/islamic_times (default 5)"
    )
    args = parser.parse_args(argv)
    rows = measure(args.rounds, args.slow_rounds)
    print(machine())
    print(f"{CITY}, {YEAR}, method {METHOD!r}; medians of alternating runs\n")
    print(format_table(rows))
    return 0 if all(row.ok != "NO" for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
