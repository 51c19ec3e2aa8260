"""The solar arithmetic in widgets.sun gives praytimes' own floats, bit for bit."""

import math
import random
from datetime import date, timedelta

from praytimes import PrayTimes

from widgets.sun import Sun, julian_day, sun_position


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def test_fast_sun_matches_praytimes() -> None:
    rng = random.Random(20250430)
    for _ in range(3000):
        latitude, longitude = rng.uniform(-89.9, 89.9), rng.uniform(-180, 180)
        day = date(1900, 1, 1) + timedelta(days=rng.randrange(73000))
        fast = Sun(latitude, longitude, day)
        plain = PrayTimes.__new__(PrayTimes)  # praytimes' methods, none of its shared state
        plain.lat, plain.lng, plain.elv, plain.jDate = latitude, longitude, 0, fast.jd
        hours = rng.uniform(-6, 30)
        angle = rng.choice([0.833, 4.0, 15.0, 17.5, 18.0, 19.5, rng.uniform(-5, 25)])
        assert fast.jd == plain.julian(day.year, day.month, day.day) - longitude / 360.0
        assert sun_position(fast.jd + hours / 24) == plain.sunPosition(fast.jd + hours / 24)
        assert _same(fast.event(angle, hours, True), plain.sunAngleTime(angle, hours / 24, "ccw"))
        assert _same(fast.event(angle, hours, False), plain.sunAngleTime(angle, hours / 24))
        assert _same(fast.transit(hours), plain.midDay(hours / 24))
        for factor in (1, 2):
            assert _same(fast.asr(factor, hours), plain.asrTime(factor, hours / 24))


def test_reused_positions_match_praytimes_in_any_order() -> None:
    """One engine object asked at changing and repeated hours, as a day's two passes ask it."""
    rng = random.Random(20261129)
    for _ in range(500):
        latitude, longitude = rng.uniform(-66, 66), rng.uniform(-180, 180)
        day = date(1990, 1, 1) + timedelta(days=rng.randrange(20000))
        fast = Sun(latitude, longitude, day)
        plain = PrayTimes.__new__(PrayTimes)
        plain.lat, plain.lng, plain.elv, plain.jDate = latitude, longitude, 0, fast.jd
        guesses = [rng.choice([5.0, 6.0, 12.0, 13.0, 18.0, rng.uniform(0, 24)]) for _ in range(8)]
        for hours in guesses:
            angle = rng.choice([0.833, 17.5, 18.0, 19.5])
            before = hours < 12
            direction = "ccw" if before else None
            expected = (
                plain.sunAngleTime(angle, hours / 24, direction)
                if direction
                else plain.sunAngleTime(angle, hours / 24)
            )
            assert _same(fast.event(angle, hours, before), expected)
            assert _same(fast.asr(1, hours), plain.asrTime(1, hours / 24))
            assert _same(fast.transit(hours), plain.midDay(hours / 24))


def test_julian_day_is_meeus() -> None:
    plain = PrayTimes.__new__(PrayTimes)
    rng = random.Random(7)
    for _ in range(2000):
        day = date(1, 1, 1) + timedelta(days=rng.randrange(3_650_000))
        assert julian_day(day) == plain.julian(day.year, day.month, day.day)
