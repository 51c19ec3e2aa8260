"""The fast solar arithmetic in widgets.prayer gives praytimes' own floats, bit for bit."""

import math
import random
from datetime import date, timedelta

from praytimes import PrayTimes

from widgets.prayer import _Sun


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def test_fast_sun_matches_praytimes() -> None:
    rng = random.Random(20250430)
    for _ in range(3000):
        latitude, longitude = rng.uniform(-89.9, 89.9), rng.uniform(-180, 180)
        day = date(1900, 1, 1) + timedelta(days=rng.randrange(73000))
        fast = _Sun(latitude, longitude, day)
        plain = PrayTimes.__new__(PrayTimes)  # praytimes' methods, none of its shared state
        plain.lat, plain.lng, plain.elv, plain.jDate = latitude, longitude, 0, fast.jDate
        hours = rng.uniform(-6, 30)
        angle = rng.choice([0.833, 4.0, 15.0, 17.5, 18.0, 19.5, rng.uniform(-5, 25)])
        assert fast.sunPosition(fast.jDate + hours / 24) == plain.sunPosition(
            fast.jDate + hours / 24
        )
        assert _same(fast.event(angle, hours, True), plain.sunAngleTime(angle, hours / 24, "ccw"))
        assert _same(fast.event(angle, hours, False), plain.sunAngleTime(angle, hours / 24))
        assert _same(fast.transit(hours), plain.midDay(hours / 24))
        for factor in (1, 2):
            assert _same(fast.asr(factor, hours), plain.asrTime(factor, hours / 24))
