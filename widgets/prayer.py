"""Computing prayer times: the only module that talks to praytimes.

praytimes 2.3.2 supplies the astronomy (the sun's declination and equation of
time, the hour angle of a depression). Its API layer is not used: its
constructor ignores the method, its settings are shared by all instances, it
subtracts an Isha interval instead of adding it, and it rejects ``datetime``
dates and negative elevations. Here every computation gets its own engine
object and the method rules (intervals, adjustments, high latitudes, polar
days, rounding) are applied on top, in the order adhan uses.

>>> from datetime import date
>>> day = prayer_times("cairo", date(2025, 4, 30))
>>> [t.time.strftime("%H:%M") for t in day]
['04:38', '06:13', '12:52', '16:29', '19:32', '20:56']
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from praytimes import PrayTimes

from .errors import InvalidInputError, TimeUnavailableError
from .methods import (
    NO_ADJUSTMENTS,
    Adjustments,
    Asr,
    HighLatitude,
    Method,
    Midnight,
    PolarResolution,
    Prayer,
    Rounding,
    Shafaq,
    coerce,
    get_method,
    method_for_country,
)
from .places import Location, as_location

__all__ = ["PrayerDay", "PrayerTime", "prayer_times", "timetable"]

#: Depression of the sun's centre at sunrise and sunset: 50 arc minutes (refraction and semi-diameter).
HORIZON = 0.833
#: Latitude from which the recommended high-latitude rule is one seventh of the night.
SEVENTH_OF_NIGHT_FROM = 48.0
#: Moonsighting Committee: latitude from which Fajr and Isha are one seventh of the night.
MOONSIGHTING_SEVENTH_FROM = 55.0
#: Polar-circle resolution by nearest place stops moving towards the equator below this latitude.
NEAREST_LATITUDE_LIMIT = 65.0
#: Longest span a timetable covers, in days (about ten years).
MAX_TIMETABLE_DAYS = 3660
_ITERATIONS = 1  # refinements after the first pass from generic guesses
_UNIX_EPOCH_ORDINAL = Date(1970, 1, 1).toordinal()
_SHAFAQ_LIMITS: Mapping[Shafaq, tuple[float, tuple[float, float, float, float]]] = {
    Shafaq.GENERAL: (75.0, (25.60, 2.05, -9.21, 6.14)),
    Shafaq.AHMER: (62.0, (17.40, -7.16, 5.12, 19.44)),
    Shafaq.ABYAD: (75.0, (25.60, 7.16, 36.84, 81.84)),
}
_MORNING_LIMIT = (75.0, (28.65, 19.44, 32.74, 48.10))


class PrayerTime(NamedTuple):
    """One of the six times of a day."""

    prayer: Prayer
    time: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class PrayerDay:
    """The times of one local day, as aware datetimes in the location's zone.

    The six times (``fajr`` to ``isha``) are rounded per the method; ``imsak``
    (Fajr less the method's imsak minutes), ``sunset`` (never adjusted),
    ``midnight`` and ``last_third`` (of the night from sunset) come with them.
    Iterating yields the six as :class:`PrayerTime` in canonical order.
    """

    location: Location
    date: Date
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
        for prayer in Prayer:
            yield PrayerTime(prayer, getattr(self, prayer.value))

    def time(self, prayer: Prayer | str) -> datetime:
        """The time of one of the six, by name."""
        value: datetime = getattr(self, coerce(Prayer, prayer, "prayer").value)
        return value

    def next_prayer(self, at: datetime) -> PrayerTime:
        """The first of the six strictly after ``at``; after Isha, the next day's Fajr.

        ``at`` must be timezone-aware and earlier than the next day's Fajr.
        """
        _require_aware("at", at)
        instant = at.timestamp()  # instants, not wall clocks: same-zone comparisons ignore fold
        for entry in self:
            if entry.time.timestamp() > instant:
                return entry
        tomorrow = self.following_day()
        if tomorrow.fajr.timestamp() <= instant:
            raise InvalidInputError(
                "at", at.isoformat(), f"an instant before the Fajr after {self.date.isoformat()}"
            )
        return PrayerTime(Prayer.FAJR, tomorrow.fajr)

    def current_prayer(self, at: datetime) -> PrayerTime | None:
        """The last of the six at or before ``at``, or ``None`` before this day's Fajr."""
        _require_aware("at", at)
        instant = at.timestamp()
        current = None
        for entry in self:
            if entry.time.timestamp() <= instant:
                current = entry
        return current

    def following_day(self) -> PrayerDay:
        """The next local day's times, computed with the same settings."""
        return _cached_day(
            self.location,
            self.date + timedelta(days=1),
            self.method,
            self.madhab,
            self.high_latitude,
            self.polar_resolution,
            self.tune,
        )


def prayer_times(
    location: Location | str,
    date: Date,
    method: Method | str | None = None,
    asr: Asr | str = Asr.STANDARD,
    high_latitude: HighLatitude | str | None = None,
    tune: Adjustments | Mapping[str, float] | None = None,
    polar_resolution: PolarResolution | str = PolarResolution.NEAREST_DAY,
) -> PrayerDay:
    """Compute the times of one local day at ``location``.

    ``method`` defaults to the official method of ``location.country``;
    ``asr`` is ``"standard"`` or ``"hanafi"``; ``high_latitude`` defaults to
    the method's rule, else one seventh of the night above 48 degrees and the
    middle of the night below; ``tune`` adds the user's minutes per prayer on
    top of the authority's adjustments.

    Raises :class:`~widgets.errors.InvalidInputError` for bad arguments and
    :class:`~widgets.errors.TimeUnavailableError` when a time does not exist
    under the chosen rules.
    """
    return _cached_day(
        *_settings(location, date, method, asr, high_latitude, tune, polar_resolution)
    )


def timetable(
    location: Location | str,
    start: Date,
    end: Date,
    method: Method | str | None = None,
    asr: Asr | str = Asr.STANDARD,
    high_latitude: HighLatitude | str | None = None,
    tune: Adjustments | Mapping[str, float] | None = None,
    polar_resolution: PolarResolution | str = PolarResolution.NEAREST_DAY,
) -> list[PrayerDay]:
    """Compute every local day from ``start`` to ``end``, both included.

    The days go through the same bounded cache as :func:`prayer_times`, so a
    timetable and the strips of its days compute each day once.
    """
    settings = _settings(location, start, method, asr, high_latitude, tune, polar_resolution)
    _require_date("end", end)
    days = (end - start).days + 1
    if not 1 <= days <= MAX_TIMETABLE_DAYS:
        raise InvalidInputError(
            "end",
            end.isoformat(),
            f"a date from {start.isoformat()} up to {MAX_TIMETABLE_DAYS} days after it",
        )
    place, _, chosen, madhab, rule, polar, user = settings
    return [
        _cached_day(place, start + timedelta(days=offset), chosen, madhab, rule, polar, user)
        for offset in range(days)
    ]


# --- arguments ---------------------------------------------------------------------------------


def _settings(
    location: Location | str,
    day: Date,
    method: Method | str | None,
    asr: Asr | str,
    high_latitude: HighLatitude | str | None,
    tune: Adjustments | Mapping[str, float] | None,
    polar_resolution: PolarResolution | str,
) -> tuple[Location, Date, Method, Asr, HighLatitude, PolarResolution, Adjustments]:
    place = as_location(location)
    _require_date("date", day)
    chosen = method_for_country(place.country) if method is None else get_method(method)
    madhab = coerce(Asr, asr, "asr")
    if high_latitude is not None:
        rule = coerce(HighLatitude, high_latitude, "high_latitude")
    elif chosen.high_latitude is not None:
        rule = chosen.high_latitude
    elif abs(place.latitude) > SEVENTH_OF_NIGHT_FROM:
        rule = HighLatitude.SEVENTH_OF_NIGHT
    else:
        rule = HighLatitude.MIDDLE_OF_NIGHT
    polar = coerce(PolarResolution, polar_resolution, "polar_resolution")
    return place, day, chosen, madhab, rule, polar, Adjustments.of(tune)


def _require_date(field: str, value: object) -> None:
    if isinstance(value, datetime) or not isinstance(value, Date):
        raise InvalidInputError(
            field,
            value,
            "a datetime.date (for an instant, pass its .date() in the location's zone)",
        )


def _require_aware(field: str, value: object) -> None:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise InvalidInputError(field, value, "a timezone-aware datetime")


# --- the engine --------------------------------------------------------------------------------


class _Sun(PrayTimes):  # type: ignore[misc]
    """praytimes' solar geometry for one place and one date, with state of its own.

    ``PrayTimes.__init__`` is not called: it writes to class-level dictionaries.
    Times are hours of local mean time, as in praytimes. ``sunPosition`` and the
    event times repeat praytimes' arithmetic operation for operation with the
    ``math`` functions its degree helpers wrap, so the floats are the same (a
    test compares them) without a method call per sine.
    """

    def __init__(self, latitude: float, longitude: float, day: Date) -> None:
        self.lat = latitude
        self.lng = longitude
        self.elv = 0.0
        self.jDate = self.julian(day.year, day.month, day.day) - longitude / 360.0
        self._sin_lat = _sin(latitude * _RADIANS)
        self._cos_lat = _cos(latitude * _RADIANS)
        self._last_hours = math.nan
        self._last = (math.nan, math.nan, math.nan, math.nan)

    def sunPosition(self, jd: float) -> tuple[float, float]:
        """The sun's declination (degrees) and the equation of time (hours) at ``jd``."""
        return _sun_position(jd)

    def _position(self, hours: float) -> tuple[float, float, float, float]:
        """At ``hours`` after the day's start: the declination, its sine and cosine, and
        the hour of solar noon. A guess repeated (several events start at 18:00) reuses them.
        """
        if hours == self._last_hours:
            return self._last
        declination, equation = _sun_position(self.jDate + hours / 24.0)
        noon = 12 - equation  # fix(12 - equation, 24) written out; equation is never NaN
        noon = noon - 24.0 * _floor(noon / 24.0)
        if noon < 0:
            noon += 24.0
        position = (
            declination,
            _sin(declination * _RADIANS),
            _cos(declination * _RADIANS),
            noon,
        )
        self._last_hours, self._last = hours, position
        return position

    def event(self, angle: float, hours: float, before_noon: bool) -> float:
        """Hour when the sun's centre is ``angle`` degrees below the horizon, near ``hours``.

        The same arithmetic as ``PrayTimes.sunAngleTime``, with one solar position
        for both the declination and the equation of time.
        """
        _, sin_declination, cos_declination, noon = self._position(hours)
        cosine = (-_sin(angle * _RADIANS) - sin_declination * self._sin_lat) / (
            cos_declination * self._cos_lat
        )
        if not -1.0 <= cosine <= 1.0:
            return math.nan
        span = 1 / 15.0 * (_acos(cosine) * _DEGREES)
        return noon - span if before_noon else noon + span

    def transit(self, hours: float) -> float:
        """Hour of solar noon, near ``hours`` (``PrayTimes.midDay``)."""
        return self._position(hours)[3]

    def asr(self, factor: int, hours: float) -> float:
        """Hour of Asr for a shadow ``factor`` (1 standard, 2 Hanafi), near ``hours``."""
        declination, sin_declination, cos_declination, noon = self._position(hours)
        angle = -(_atan(1.0 / (factor + _tan(abs(self.lat - declination) * _RADIANS))) * _DEGREES)
        cosine = (-_sin(angle * _RADIANS) - sin_declination * self._sin_lat) / (
            cos_declination * self._cos_lat
        )
        if not -1.0 <= cosine <= 1.0:
            return math.nan
        return noon + 1 / 15.0 * (_acos(cosine) * _DEGREES)


_sin, _cos, _tan = math.sin, math.cos, math.tan
_acos, _asin, _atan, _atan2 = math.acos, math.asin, math.atan, math.atan2
_floor = math.floor
#: The factors ``math.radians`` and ``math.degrees`` multiply by.
_RADIANS, _DEGREES = math.pi / 180.0, 180.0 / math.pi


def _sun_position(jd: float) -> tuple[float, float]:
    """``PrayTimes.sunPosition``, operation for operation: declination and equation of time.

    ``fix`` is written out in line (its ``NaN`` test aside: ``jd`` is finite), and
    ``x * _RADIANS`` is the multiplication ``math.radians`` does, so the floats agree.
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


class _Solar(NamedTuple):
    """Hours of local mean time of one day's events (NaN where the sun never gets there)."""

    fajr: float
    sunrise: float
    transit: float
    asr: float
    sunset: float
    maghrib: float
    isha: float
    next_sunrise: float


def _solar_hours(
    latitude: float, longitude: float, day: Date, method: Method, factor: int
) -> _Solar:
    sun = _Sun(latitude, longitude, day)
    fajr, sunrise, transit, asr, sunset, maghrib, isha = 5.0, 6.0, 12.0, 13.0, 18.0, 18.0, 18.0
    isha_angle = method.isha_angle
    maghrib_angle = method.maghrib_angle
    for _ in range(_ITERATIONS):
        fajr = _or(sun.event(method.fajr_angle, fajr, True), fajr)
        sunrise = _or(sun.event(HORIZON, sunrise, True), sunrise)
        transit = sun.transit(transit)
        asr = _or(sun.asr(factor, asr), asr)
        sunset = _or(sun.event(HORIZON, sunset, False), sunset)
        if maghrib_angle is not None:
            maghrib = _or(sun.event(maghrib_angle, maghrib, False), maghrib)
        if isha_angle is not None:
            isha = _or(sun.event(isha_angle, isha, False), isha)
    final = (
        sun.event(method.fajr_angle, fajr, True),
        sun.event(HORIZON, sunrise, True),
        transit,
        sun.asr(factor, asr),
        sun.event(HORIZON, sunset, False),
        sun.event(maghrib_angle, maghrib, False) if maghrib_angle is not None else math.nan,
        sun.event(isha_angle, isha, False) if isha_angle is not None else math.nan,
    )
    tomorrow = _Sun(latitude, longitude, day + timedelta(days=1))
    next_sunrise = tomorrow.event(HORIZON, _or(final[1], 6.0), True)
    return _Solar(*final, next_sunrise=next_sunrise)


def _or(value: float, fallback: float) -> float:
    return fallback if math.isnan(value) else value


def _has_day_and_night(solar: _Solar) -> bool:
    return not (
        math.isnan(solar.sunrise) or math.isnan(solar.sunset) or math.isnan(solar.next_sunrise)
    )


def _sun_rises_and_sets(latitude: float, longitude: float, day: Date) -> bool:
    """Whether sunrise and sunset exist on ``day`` and sunrise on the day after (a cheap test)."""
    today = _Sun(latitude, longitude, day)
    tomorrow = _Sun(latitude, longitude, day + timedelta(days=1))
    return not (
        math.isnan(today.event(HORIZON, 6.0, True))
        or math.isnan(today.event(HORIZON, 18.0, False))
        or math.isnan(tomorrow.event(HORIZON, 6.0, True))
    )


def _resolved_solar(
    place: Location, day: Date, method: Method, factor: int, polar: PolarResolution
) -> _Solar:
    """The day's solar hours; in a polar day or night, those of the nearest day or place that has both.

    ``nearest_day`` looks up to half a year either way and, where even that finds no
    day (within a degree or so of a pole), moves the latitude as ``nearest_latitude`` does.
    """
    latitude, longitude = place.latitude, place.longitude
    solar = _solar_hours(latitude, longitude, day, method, factor)
    if _has_day_and_night(solar):
        return solar
    if polar is PolarResolution.NEAREST_DAY:
        for distance in range(1, 184):
            for other in (day + timedelta(days=distance), day - timedelta(days=distance)):
                if _sun_rises_and_sets(latitude, longitude, other):
                    found = _solar_hours(latitude, longitude, other, method, factor)
                    if _has_day_and_night(found):
                        return found
    if polar is not PolarResolution.UNRESOLVED:
        while abs(latitude) >= NEAREST_LATITUDE_LIMIT:
            latitude -= math.copysign(0.5, latitude)
            if _sun_rises_and_sets(latitude, longitude, day):
                found = _solar_hours(latitude, longitude, day, method, factor)
                if _has_day_and_night(found):
                    return found
    raise TimeUnavailableError(
        "sunrise",
        f"the sun does not rise and set at latitude {place.latitude:g} on {day.isoformat()}; "
        "choose polar_resolution='nearest_day' or 'nearest_latitude'",
    )


def _seasonal_minutes(
    latitude: float, day: Date, limits: tuple[float, tuple[float, float, float, float]]
) -> float:
    """Moonsighting Committee's seasonal Fajr or Isha limit, in minutes from sunrise or sunset."""
    base, (ka, kb, kc, kd) = limits
    a, b, c, d = (base + k / 55.0 * abs(latitude) for k in (ka, kb, kc, kd))
    year_length = 366 if _is_leap(day.year) else 365
    day_of_year = day.timetuple().tm_yday
    if latitude >= 0:
        since_solstice = day_of_year + 10
        if since_solstice >= year_length:
            since_solstice -= year_length
    else:
        since_solstice = day_of_year - (173 if year_length == 366 else 172)
        if since_solstice < 0:
            since_solstice += year_length
    x = float(since_solstice)
    if x < 91:
        return a + (b - a) / 91.0 * x
    if x < 137:
        return b + (c - b) / 46.0 * (x - 91)
    if x < 183:
        return c + (d - c) / 46.0 * (x - 137)
    if x < 229:
        return d + (c - d) / 46.0 * (x - 183)
    if x < 275:
        return c + (b - c) / 46.0 * (x - 229)
    return b + (a - b) / (year_length - 275) * (x - 275)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _night_portion(rule: HighLatitude, angle: float) -> float:
    if rule is HighLatitude.SEVENTH_OF_NIGHT:
        return 1.0 / 7.0
    if rule is HighLatitude.TWILIGHT_ANGLE:
        return angle / 60.0
    return 0.5


def _is_ramadan(day: Date) -> bool:
    from .hijri import is_ramadan

    return is_ramadan(day)


# --- a day -------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _cached_day(
    place: Location,
    day: Date,
    method: Method,
    madhab: Asr,
    rule: HighLatitude,
    polar: PolarResolution,
    user: Adjustments,
) -> PrayerDay:
    return _compute_day(place, day, method, madhab, rule, polar, user)


def _compute_day(
    place: Location,
    day: Date,
    method: Method,
    madhab: Asr,
    rule: HighLatitude,
    polar: PolarResolution,
    user: Adjustments,
) -> PrayerDay:
    factor = 2 if madhab is Asr.HANAFI else 1
    solar = _resolved_solar(place, day, method, factor, polar)
    night = solar.next_sunrise + 24.0 - solar.sunset
    fajr, isha = solar.fajr, solar.isha

    interval = method.isha_interval(method.isha_minutes_ramadan is not None and _is_ramadan(day))
    if interval is not None:
        isha = solar.sunset + interval / 60.0
    if method.shafaq is not None:
        if abs(place.latitude) >= MOONSIGHTING_SEVENTH_FROM:
            fajr = solar.sunrise - night / 7.0
            if interval is None:
                isha = solar.sunset + night / 7.0
        else:
            earliest = solar.sunrise - _seasonal_minutes(place.latitude, day, _MORNING_LIMIT) / 60
            if math.isnan(fajr) or fajr < earliest:
                fajr = earliest
            if interval is None:
                limit = _seasonal_minutes(place.latitude, day, _SHAFAQ_LIMITS[method.shafaq])
                latest = solar.sunset + limit / 60.0
                if math.isnan(isha) or isha > latest:
                    isha = latest
    elif rule is not HighLatitude.NONE:
        earliest = solar.sunrise - _night_portion(rule, method.fajr_angle) * night
        if math.isnan(fajr) or fajr < earliest:
            fajr = earliest
        if interval is None and method.isha_angle is not None:
            latest = solar.sunset + _night_portion(rule, method.isha_angle) * night
            if math.isnan(isha) or isha > latest:
                isha = latest
    for name, value, angle in (
        ("fajr", fajr, method.fajr_angle),
        ("isha", isha, method.isha_angle),
    ):
        if math.isnan(value):
            raise TimeUnavailableError(
                name,
                f"{name} cannot be computed at latitude {place.latitude:g} on {day.isoformat()}: "
                f"the sun does not reach {angle:g} degrees below the horizon; "
                "choose a high_latitude rule other than 'none'",
            )

    maghrib = solar.sunset
    if method.maghrib_angle is not None and solar.sunset < solar.maghrib < isha:
        maghrib = solar.maghrib

    night_end = fajr + 24.0 if method.midnight is Midnight.JAFARI else solar.next_sunrise + 24.0
    span = night_end - solar.sunset

    to_utc = -place.longitude / 15.0
    midnight_utc = (day.toordinal() - _UNIX_EPOCH_ORDINAL) * 86400.0
    zone = place.zone
    adjust = method.adjustments if user is NO_ADJUSTMENTS else method.adjustments + user
    rounding = method.rounding

    def moment(hours: float, minutes: float, mode: str) -> datetime:
        seconds = midnight_utc + (hours + to_utc) * 3600.0 + minutes * 60.0
        return datetime.fromtimestamp(_round(seconds, mode), zone)

    starts = _START_ROUNDING[rounding]
    sunrise_rounding = _SUNRISE_ROUNDING[rounding]
    fajr_time = moment(fajr, adjust.fajr, starts)
    return PrayerDay(
        location=place,
        date=day,
        method=method,
        madhab=madhab,
        high_latitude=rule,
        polar_resolution=polar,
        tune=user,
        imsak=moment(fajr, adjust.fajr - method.imsak_minutes, starts),
        fajr=fajr_time,
        sunrise=moment(solar.sunrise, adjust.sunrise, sunrise_rounding),
        dhuhr=moment(solar.transit, adjust.dhuhr, starts),
        asr=moment(solar.asr, adjust.asr, starts),
        sunset=moment(solar.sunset, 0.0, "nearest"),
        maghrib=moment(maghrib, adjust.maghrib, starts),
        isha=moment(isha, adjust.isha, starts),
        midnight=moment(solar.sunset + span / 2.0, 0.0, "nearest"),
        last_third=moment(solar.sunset + span * 2.0 / 3.0, 0.0, "nearest"),
    )


_START_ROUNDING: Mapping[Rounding, str] = {
    Rounding.NEAREST: "nearest",
    Rounding.UP: "up",
    Rounding.SAFE: "up",
    Rounding.NONE: "second",
}
_SUNRISE_ROUNDING: Mapping[Rounding, str] = {
    Rounding.NEAREST: "nearest",
    Rounding.UP: "up",
    Rounding.SAFE: "down",
    Rounding.NONE: "second",
}


def _round(seconds: float, mode: str) -> float:
    """Round a Unix time to a whole minute (``nearest``, ``up``, ``down``) or ``second``."""
    if mode == "nearest":
        return math.floor(seconds / 60.0 + 0.5) * 60.0
    if mode == "up":
        return math.ceil(seconds / 60.0) * 60.0
    if mode == "down":
        return math.floor(seconds / 60.0) * 60.0
    return float(round(seconds))
