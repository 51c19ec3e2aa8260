"""praytimes 2.3.2's API-layer bugs, pinned: an upgrade that changes any of them fails here.

widgets.sun writes the formulas out instead of using the class; these tests show
the bugs are still there, so that is still needed.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from importlib.metadata import version

import pytest
from praytimes import PrayTimes

from widgets.sun import Sun


def test_pinned_version() -> None:
    assert version("praytimes") == "2.3.2"


def test_constructor_ignores_its_method() -> None:
    # The loop in __init__ reuses the name `method`, so every instance ends up Jafari.
    assert PrayTimes("Egypt").getMethod() == "Jafari"
    assert PrayTimes("MWL").getMethod() == "Jafari"


def test_settings_and_offsets_are_shared_by_all_instances() -> None:
    first, second = PrayTimes(), PrayTimes()
    assert first.settings is second.settings is PrayTimes.settings
    assert first.offset is second.offset is PrayTimes.offset


def test_isha_interval_is_subtracted_from_maghrib() -> None:
    engine = PrayTimes()
    saved = dict(PrayTimes.settings)
    try:
        engine.adjust({"isha": "90 min", "maghrib": "0 min", "highLats": "None"})
        times = engine.getTimes((2025, 4, 30), (21.4225, 39.8262), 0, format="Float")
    finally:
        PrayTimes.settings.clear()
        PrayTimes.settings.update(saved)
    assert times["isha"] == pytest.approx(times["maghrib"] - 1.5)


def test_tune_and_set_method_raise() -> None:
    with pytest.raises(AttributeError):
        PrayTimes().tune({"fajr": 1})
    with pytest.raises(AttributeError):
        PrayTimes().setMethod("Egypt")


def test_get_times_rejects_a_datetime() -> None:
    with pytest.raises(TypeError):
        PrayTimes().getTimes(datetime(2025, 4, 30, 12), (30.0, 31.0), 2)
    assert PrayTimes().getTimes(date(2025, 4, 30), (30.0, 31.0), 2)["dhuhr"]


def test_negative_elevation_crashes() -> None:
    with pytest.raises(ValueError):
        PrayTimes().getTimes((2025, 4, 30), (31.8667, 35.45, -258), 2)


@pytest.mark.parametrize("latitude", [-47.5, -12.0, 0.0, 21.4, 30.0444, 47.9, 60.0])
@pytest.mark.parametrize("angle", [0.833, 4.5, 15.0, 18.0, 19.5])
def test_single_position_event_equals_sun_angle_time(latitude: float, angle: float) -> None:
    # Sun.event reuses one solar position for the declination and the equation of
    # time; praytimes computes the same position twice. The results must be identical.
    sun = Sun(latitude, 31.2357, date(2025, 4, 30))
    plain = PrayTimes.__new__(PrayTimes)
    plain.lat, plain.lng, plain.elv, plain.jDate = latitude, 31.2357, 0, sun.jd
    for hours, before_noon in ((5.0, True), (18.5, False)):
        ours = sun.event(angle, hours, before_noon)
        theirs = plain.sunAngleTime(angle, hours / 24.0, "ccw" if before_noon else None)
        assert (math.isnan(ours) and math.isnan(theirs)) or ours == theirs
