"""The solar engine: the sun's declination, the equation of time and the hours of a day's events.

The formulas are the US Naval Observatory's approximate solar coordinates
(declination to about 1 arc minute, the equation of time to a few seconds,
1800 to 2200) in the arrangement PrayTimes.org (Hamid Zarrabi-Zadeh,
praytimes 2.3.2) uses. They are written out here rather than called through
praytimes' ``PrayTimes`` class, whose API layer is unusable (see
tests/test_praytimes_pins.py); tests/test_engine_identity.py holds every float
of this module to praytimes' own, bit for bit.

Hours are hours of local mean time of the date (the clock of the meridian
``longitude``); ``NaN`` marks an event the sun does not reach that day.

>>> from datetime import date
>>> day = solar_day(30.0444, 31.2357, date(2025, 4, 30), fajr_angle=19.5, isha_angle=17.5)
>>> round(day.transit, 4)
11.9535
"""

from __future__ import annotations

import math
from datetime import date as Date
from datetime import timedelta
from typing import NamedTuple

__all__ = ["HORIZON", "SolarDay", "Sun", "dip", "julian_day", "solar_day", "sun_position"]

#: Depression of the sun's centre at sunrise and sunset at sea level: 50 arc minutes
#: (34' of refraction and a 16' semi-diameter).
HORIZON = 0.833

_sin, _cos, _tan = math.sin, math.cos, math.tan
_acos, _asin, _atan, _atan2 = math.acos, math.asin, math.atan, math.atan2
_floor = math.floor
#: The factors ``math.radians`` and ``math.degrees`` multiply by.
_RADIANS, _DEGREES = math.pi / 180.0, 180.0 / math.pi
#: Julian day at 0h UT of 0001-01-01 (proleptic Gregorian), less its ordinal 1.
_JD_OF_ORDINAL_ZERO = 1721424.5


def julian_day(day: Date) -> float:
    """Julian day at 0h UT of ``day`` (Meeus' formula, proleptic Gregorian calendar).

    >>> julian_day(Date(2000, 1, 1))
    2451544.5
    """
    return day.toordinal() + _JD_OF_ORDINAL_ZERO


def dip(elevation: float) -> float:
    """Degrees the sea-level horizon sinks for an observer ``elevation`` metres up.

    The approximation PrayTimes.org uses (0.0347 times the square root of the
    height in metres); ``0`` at or below sea level.
    """
    return 0.0347 * math.sqrt(elevation) if elevation > 0 else 0.0


def sun_position(jd: float) -> tuple[float, float]:
    """The sun's declination (degrees) and the equation of time (hours) at Julian day ``jd``.

    USNO's approximate solar coordinates, operation for operation as praytimes
    computes them (its ``fix`` written out, ``x * _RADIANS`` being what
    ``math.radians`` multiplies), so the floats are the same.
    """
    d = jd - 2451545.0
    g = 357.529 + 0.98560028 * d
    g = g - 360.0 * _floor(g / 360.0)
    if g < 0:
        g += 360.0
    q = 280.459 + 0.98564736 * d
    q = q - 360.0 * _floor(q / 360.0)
    if q < 0:
        q += 360.0
    ecliptic = q + 1.915 * _sin(g * _RADIANS) + 0.020 * _sin(2 * g * _RADIANS)
    ecliptic = ecliptic - 360.0 * _floor(ecliptic / 360.0)
    if ecliptic < 0:
        ecliptic += 360.0
    obliquity = (23.439 - 0.00000036 * d) * _RADIANS
    sin_ecliptic = _sin(ecliptic * _RADIANS)
    ascension = _atan2(_cos(obliquity) * sin_ecliptic, _cos(ecliptic * _RADIANS)) * _DEGREES / 15.0
    ascension = ascension - 24.0 * _floor(ascension / 24.0)
    if ascension < 0:
        ascension += 24.0
    equation = q / 15.0 - ascension
    declination = _asin(_sin(obliquity) * sin_ecliptic) * _DEGREES
    return declination, equation


class Sun:
    """The sun's geometry seen from one place on one date.

    Each method takes a guess ``hours`` (local mean time) at which the sun's
    position is evaluated and returns the event's hour; feeding the answer back
    in refines it. A guess repeated (several events start at 18:00) reuses the
    position already computed.
    """

    __slots__ = ("_cos_lat", "_last", "_last_hours", "_sin_lat", "jd", "latitude")

    def __init__(self, latitude: float, longitude: float, day: Date) -> None:
        self.latitude = latitude
        #: Julian day of local mean midnight starting ``day`` at ``longitude``.
        self.jd = julian_day(day) - longitude / 360.0
        self._sin_lat = _sin(latitude * _RADIANS)
        self._cos_lat = _cos(latitude * _RADIANS)
        self._last_hours = math.nan
        self._last = (math.nan, math.nan, math.nan, math.nan)

    def _position(self, hours: float) -> tuple[float, float, float, float]:
        """At ``hours``: the declination, its sine and cosine, and the hour of solar noon."""
        if hours == self._last_hours:
            return self._last
        declination, equation = sun_position(self.jd + hours / 24.0)
        noon = 12 - equation  # reduced to [0, 24) as praytimes' fixhour does
        noon = noon - 24.0 * _floor(noon / 24.0)
        if noon < 0:
            noon += 24.0
        position = (declination, _sin(declination * _RADIANS), _cos(declination * _RADIANS), noon)
        self._last_hours, self._last = hours, position
        return position

    def event(self, angle: float, hours: float, before_noon: bool) -> float:
        """Hour when the sun's centre is ``angle`` degrees below the horizon, near ``hours``."""
        _, sin_declination, cos_declination, noon = self._position(hours)
        cosine = (-_sin(angle * _RADIANS) - sin_declination * self._sin_lat) / (
            cos_declination * self._cos_lat
        )
        if not -1.0 <= cosine <= 1.0:
            return math.nan
        span = 1 / 15.0 * (_acos(cosine) * _DEGREES)
        return noon - span if before_noon else noon + span

    def transit(self, hours: float) -> float:
        """Hour of solar noon, near ``hours``."""
        return self._position(hours)[3]

    def asr(self, factor: int, hours: float) -> float:
        """Hour of Asr for a shadow ``factor`` (1 standard, 2 Hanafi), near ``hours``.

        Asr is when an object's shadow is ``factor`` times its length plus its
        shadow at noon; the noon shadow uses the declination at ``hours``.
        """
        declination, sin_declination, cos_declination, noon = self._position(hours)
        angle = -(
            _atan(1.0 / (factor + _tan(abs(self.latitude - declination) * _RADIANS))) * _DEGREES
        )
        cosine = (-_sin(angle * _RADIANS) - sin_declination * self._sin_lat) / (
            cos_declination * self._cos_lat
        )
        if not -1.0 <= cosine <= 1.0:
            return math.nan
        return noon + 1 / 15.0 * (_acos(cosine) * _DEGREES)


class SolarDay(NamedTuple):
    """Hours of local mean time of one day's events (``NaN`` where the sun never gets there).

    ``maghrib`` and ``isha`` are ``NaN`` when no angle was asked for them;
    ``next_sunrise`` is the next day's sunrise, on that day's clock.
    """

    fajr: float
    sunrise: float
    transit: float
    asr: float
    sunset: float
    maghrib: float
    isha: float
    next_sunrise: float

    @property
    def has_day_and_night(self) -> bool:
        """Whether the sun rises and sets today and rises tomorrow."""
        return not (
            math.isnan(self.sunrise) or math.isnan(self.sunset) or math.isnan(self.next_sunrise)
        )


_ITERATIONS = 1  # refinements after the first pass from generic guesses


def solar_day(
    latitude: float,
    longitude: float,
    day: Date,
    *,
    fajr_angle: float,
    isha_angle: float | None = None,
    maghrib_angle: float | None = None,
    asr_factor: int = 1,
    horizon: float = HORIZON,
) -> SolarDay:
    """The hours of ``day``'s events at a place: a pass from generic guesses, then refinements.

    ``horizon`` is the depression of the sun's centre at sunrise and sunset
    (:data:`HORIZON`, plus :func:`dip` for an elevated observer).
    """
    sun = Sun(latitude, longitude, day)
    fajr, sunrise, transit, asr, sunset, maghrib, isha = 5.0, 6.0, 12.0, 13.0, 18.0, 18.0, 18.0
    for _ in range(_ITERATIONS):
        fajr = _or(sun.event(fajr_angle, fajr, True), fajr)
        sunrise = _or(sun.event(horizon, sunrise, True), sunrise)
        transit = sun.transit(transit)
        asr = _or(sun.asr(asr_factor, asr), asr)
        sunset = _or(sun.event(horizon, sunset, False), sunset)
        if maghrib_angle is not None:
            maghrib = _or(sun.event(maghrib_angle, maghrib, False), maghrib)
        if isha_angle is not None:
            isha = _or(sun.event(isha_angle, isha, False), isha)
    first_sunrise = sun.event(horizon, sunrise, True)
    tomorrow = Sun(latitude, longitude, day + timedelta(days=1))
    return SolarDay(
        fajr=sun.event(fajr_angle, fajr, True),
        sunrise=first_sunrise,
        transit=transit,
        asr=sun.asr(asr_factor, asr),
        sunset=sun.event(horizon, sunset, False),
        maghrib=sun.event(maghrib_angle, maghrib, False) if maghrib_angle is not None else math.nan,
        isha=sun.event(isha_angle, isha, False) if isha_angle is not None else math.nan,
        next_sunrise=tomorrow.event(horizon, _or(first_sunrise, 6.0), True),
    )


def rises_and_sets(latitude: float, longitude: float, day: Date, horizon: float = HORIZON) -> bool:
    """Whether sunrise and sunset exist on ``day`` and sunrise on the day after (a cheap test)."""
    today = Sun(latitude, longitude, day)
    tomorrow = Sun(latitude, longitude, day + timedelta(days=1))
    return not (
        math.isnan(today.event(horizon, 6.0, True))
        or math.isnan(today.event(horizon, 18.0, False))
        or math.isnan(tomorrow.event(horizon, 6.0, True))
    )


def _or(value: float, fallback: float) -> float:
    return fallback if math.isnan(value) else value
