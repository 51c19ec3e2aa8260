"""Prayer times: the methods' rules on top of the solar engine in :mod:`widgets.sun`.

:mod:`widgets.sun` gives the hours of the day's solar events; here the method
rules are applied (intervals, high latitudes, polar days, the authority's
minutes, rounding) in the order adhan uses, and the hours become aware
datetimes in the location's zone. Days go through one bounded cache.

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
from .sun import HORIZON, SolarDay, dip, rises_and_sets, solar_day

__all__ = ["FIRST_DATE", "LAST_DATE", "PrayerDay", "PrayerTime", "prayer_times", "timetable"]

#: The supported dates: the two centuries either side of 2000 over which the US Naval
#: Observatory states its approximate solar coordinates hold (about one arc minute).
FIRST_DATE = Date(1800, 1, 1)
LAST_DATE = Date(2199, 12, 31)
DATES_ALLOWED = f"a date from {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}"

#: Latitude from which the recommended high-latitude rule is one seventh of the night.
SEVENTH_OF_NIGHT_FROM = 48.0
#: Moonsighting Committee: latitude from which one seventh of the night replaces the angles.
MOONSIGHTING_SEVENTH_FROM = 55.0
#: Polar-circle resolution by nearest place stops moving towards the equator below this latitude.
NEAREST_LATITUDE_LIMIT = 65.0
#: Longest span a timetable covers, in days (about ten years).
MAX_TIMETABLE_DAYS = 3660
_UNIX_EPOCH_ORDINAL = Date(1970, 1, 1).toordinal()
_MINUTE = timedelta(minutes=1)
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

    def __hash__(self) -> int:  # the day's identity: hashing every datetime is slow
        return hash((self.location, self.date, self.method.slug, self.madhab))

    def __iter__(self) -> Iterator[PrayerTime]:
        for prayer in Prayer:
            yield PrayerTime(prayer, getattr(self, prayer.value))

    def time(self, prayer: Prayer | str) -> datetime:
        """The time of one of the six, by name."""
        value: datetime = getattr(self, coerce(Prayer, prayer, "prayer").value)
        return value

    def prayers(self) -> Iterator[PrayerTime]:
        """The five prayers in order: the six times without sunrise, which is not a prayer."""
        for entry in self:
            if entry.prayer is not Prayer.SUNRISE:
                yield entry

    def next_prayer(self, at: datetime) -> PrayerTime:
        """The first of the five prayers strictly after ``at``; after Isha, the next day's Fajr.

        Sunrise is never the answer: between Fajr and Dhuhr the next prayer is
        Dhuhr. :meth:`next_time` includes sunrise. ``at`` must be
        timezone-aware and earlier than the next day's Fajr.
        """
        return self._next(at, self.prayers())

    def next_time(self, at: datetime) -> PrayerTime:
        """The first of the six times (sunrise included) strictly after ``at``.

        For a countdown such as «الشروق بعد ...»; after Isha, the next day's Fajr.
        ``at`` must be timezone-aware and earlier than the next day's Fajr.
        """
        return self._next(at, iter(self))

    def _next(self, at: datetime, entries: Iterator[PrayerTime]) -> PrayerTime:
        _require_aware("at", at)
        instant = at.timestamp()  # instants, not wall clocks: same-zone comparisons ignore fold
        for entry in entries:
            if entry.time.timestamp() > instant:
                return entry
        tomorrow = self.following_day()
        if tomorrow.fajr.timestamp() <= instant:
            raise InvalidInputError(
                "at", at.isoformat(), f"an instant before the Fajr after {self.date.isoformat()}"
            )
        return PrayerTime(Prayer.FAJR, tomorrow.fajr)

    def current_prayer(self, at: datetime) -> PrayerTime | None:
        """The prayer whose time ``at`` is in: the last of the five at or before ``at``.

        ``None`` before this day's Fajr and from sunrise to Dhuhr, when Fajr's
        time has ended and no prayer's has begun.
        """
        _require_aware("at", at)
        instant = at.timestamp()
        if self.sunrise.timestamp() <= instant < self.dhuhr.timestamp():
            return None
        current = None
        for entry in self.prayers():
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
    top of the authority's adjustments (the method's, plus the place's own
    :attr:`~widgets.places.Location.adjustments` under its authority's method).

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
    if not FIRST_DATE <= value <= LAST_DATE:
        raise InvalidInputError(field, value.isoformat(), DATES_ALLOWED)


def _require_aware(field: str, value: object) -> None:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise InvalidInputError(field, value, "a timezone-aware datetime")


# --- the engine --------------------------------------------------------------------------------


def _solar_hours(
    latitude: float, longitude: float, day: Date, method: Method, factor: int, horizon: float
) -> SolarDay:
    return solar_day(
        latitude,
        longitude,
        day,
        fajr_angle=method.fajr_angle,
        isha_angle=method.isha_angle,
        maghrib_angle=method.maghrib_angle,
        asr_factor=factor,
        horizon=horizon,
    )


def _horizon(place: Location, method: Method) -> float:
    return HORIZON + dip(place.elevation) if method.elevation else HORIZON


def _resolved_solar(
    place: Location, day: Date, method: Method, factor: int, polar: PolarResolution
) -> tuple[SolarDay, float, Date]:
    """The day's solar hours; in a polar day or night, those of the nearest day or place that has both.

    Returns the hours with the latitude and date they were computed for.
    ``nearest_day`` looks up to half a year either way and, where even that finds no
    day (within a degree or so of a pole), moves the latitude as ``nearest_latitude`` does.
    """
    latitude, longitude = place.latitude, place.longitude
    horizon = _horizon(place, method)
    solar = _solar_hours(latitude, longitude, day, method, factor, horizon)
    if solar.has_day_and_night:
        return solar, latitude, day
    if polar is PolarResolution.NEAREST_DAY:
        for distance in range(1, 184):
            for other in (day + timedelta(days=distance), day - timedelta(days=distance)):
                if rises_and_sets(latitude, longitude, other, horizon):
                    found = _solar_hours(latitude, longitude, other, method, factor, horizon)
                    if found.has_day_and_night:
                        return found, latitude, other
    if polar is not PolarResolution.UNRESOLVED:
        while abs(latitude) >= NEAREST_LATITUDE_LIMIT:
            latitude -= math.copysign(0.5, latitude)
            if rises_and_sets(latitude, longitude, day, horizon):
                found = _solar_hours(latitude, longitude, day, method, factor, horizon)
                if found.has_day_and_night:
                    return found, latitude, day
    raise TimeUnavailableError(
        "sunrise",
        f"the sun does not rise and set at latitude {place.latitude:g} on {day.isoformat()}; "
        "choose polar_resolution='nearest_day' or 'nearest_latitude'",
    )


def _has_afternoon_asr(solar: SolarDay) -> bool:
    return solar.transit < solar.asr < solar.sunset


def _asr_hours(
    solar: SolarDay,
    latitude: float,
    longitude: float,
    day: Date,
    method: Method,
    factor: int,
    horizon: float,
) -> float:
    """Asr by the shadow rule; where the noon sun is too low for it, by the nearest latitude's share.

    Near polar night the sun's noon altitude is at or just below the geometric horizon
    though it still rises (refraction lifts it), and the shadow rule gives no Asr between
    noon and sunset (Tromsø, 23 November: the formula's Asr falls before Dhuhr). Then Asr
    takes the share of the afternoon (noon to sunset) that it has at the nearest latitude
    towards the equator, on the same date and meridian, where the rule gives one: the
    fallback adhan's maintainers weighed for this case (batoulapps/adhan-kotlin#86).
    """
    if _has_afternoon_asr(solar):
        return solar.asr
    other = latitude
    while abs(other) > 0.0:
        other = math.copysign(max(abs(other) - 0.5, 0.0), other)
        found = _solar_hours(other, longitude, day, method, factor, horizon)
        if found.has_day_and_night and _has_afternoon_asr(found):
            share = (found.asr - found.transit) / (found.sunset - found.transit)
            return solar.transit + share * (solar.sunset - solar.transit)
    return (solar.transit + solar.sunset) / 2.0  # pragma: no cover - the equator always has one


def _solar_date(place: Location, day: Date) -> Date:
    """The date at the place's meridian whose hours fall on ``day`` in its zone.

    Usually ``day`` itself. Where the zone is about a day ahead of (or behind) the
    meridian's mean time (Pacific/Apia since 2012, Pacific/Kiritimati), it is the day
    before (or after), so that the times land on ``day`` on the local clock.
    """
    offset = place.zone.utcoffset(datetime(day.year, day.month, day.day, 12))
    hours = (offset.total_seconds() / 3600.0 if offset is not None else 0.0) - place.longitude / 15
    shift = round(hours / 24.0)
    if not shift:
        return day
    return day - timedelta(days=shift)


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


DAY_CACHE_SIZE = 8192
"""How many computed days are kept: a year for 22 places, or today for 8,192 places."""


@lru_cache(maxsize=DAY_CACHE_SIZE)
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
    solar_date = _solar_date(place, day)
    solar, latitude, used = _resolved_solar(place, solar_date, method, factor, polar)
    asr = _asr_hours(
        solar, latitude, place.longitude, used, method, factor, _horizon(place, method)
    )
    night = solar.next_sunrise + 24.0 - solar.sunset
    fajr, isha = solar.fajr, solar.isha

    interval = method.isha_interval(method.isha_minutes_ramadan is not None and _is_ramadan(day))
    if interval is not None:
        isha = solar.sunset + interval / 60.0
    if method.shafaq is not None:
        # From 55 degrees one seventh of the night replaces the angles; the seasonal
        # limits bound either, the tighter (later Fajr, earlier Isha) winning.
        seventh = abs(place.latitude) >= MOONSIGHTING_SEVENTH_FROM
        if seventh:
            fajr = solar.sunrise - night / 7.0
        earliest = solar.sunrise - _seasonal_minutes(place.latitude, day, _MORNING_LIMIT) / 60
        if math.isnan(fajr) or fajr < earliest:
            fajr = earliest
        if interval is None:
            if seventh:
                isha = solar.sunset + night / 7.0
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
    midnight_utc = (solar_date.toordinal() - _UNIX_EPOCH_ORDINAL) * 86400.0
    zone = place.zone
    adjust = method.adjustments + _place_minutes(place, method) + user
    rounding = method.rounding

    def moment(hours: float, minutes: float, mode: str) -> datetime:
        seconds = midnight_utc + (hours + to_utc) * 3600.0 + minutes * 60.0
        return datetime.fromtimestamp(_round(seconds, mode), zone)

    starts = _START_ROUNDING[rounding]
    sunrise_rounding = _SUNRISE_ROUNDING[rounding]
    sunrise_time = moment(solar.sunrise, adjust.sunrise, sunrise_rounding)
    # Fajr comes before sunrise even on the near-polar days whose night lasts minutes.
    fajr_time = min(moment(fajr, adjust.fajr, starts), sunrise_time - _MINUTE)
    dhuhr_time = moment(solar.transit, adjust.dhuhr, starts)
    # Asr comes after Dhuhr, and Isha after Maghrib, even where rounding or the authority's
    # minutes would merge them (the short afternoons and nights of the Arctic).
    asr_time = max(moment(asr, adjust.asr, starts), dhuhr_time + _MINUTE)
    maghrib_time = moment(maghrib, adjust.maghrib, starts)
    isha_time = max(moment(isha, adjust.isha, starts), maghrib_time + _MINUTE)
    return PrayerDay(
        location=place,
        date=day,
        method=method,
        madhab=madhab,
        high_latitude=rule,
        polar_resolution=polar,
        tune=user,
        imsak=min(
            moment(fajr, adjust.fajr - method.imsak_minutes, starts),
            fajr_time - timedelta(minutes=method.imsak_minutes),
        ),
        fajr=fajr_time,
        sunrise=sunrise_time,
        dhuhr=dhuhr_time,
        asr=asr_time,
        sunset=moment(solar.sunset, 0.0, "nearest"),
        maghrib=maghrib_time,
        isha=isha_time,
        midnight=moment(solar.sunset + span / 2.0, 0.0, "nearest"),
        last_third=moment(solar.sunset + span * 2.0 / 3.0, 0.0, "nearest"),
    )


def _place_minutes(place: Location, method: Method) -> Adjustments:
    """The place's own minutes, which belong to its authority: the default method of its country.

    They are kept apart from the method's and the user's and summed with them, so a
    city whose authority publishes it a minute later gets that minute under the
    authority's method and no other.
    """
    if not place.adjustments or method.slug != method_for_country(place.country).slug:
        return NO_ADJUSTMENTS
    return place.adjustments


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
