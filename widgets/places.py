"""Places: the :class:`Location` value and the built-in gazetteer.

>>> place("cairo").timezone
'Africa/Cairo'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import tzinfo

from .errors import InvalidInputError
from .zones import get_zone, zone_key

__all__ = ["Location", "as_location", "place", "places"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """A point on Earth with its civil time zone.

    ``latitude`` and ``longitude`` are decimal degrees (north and east
    positive), ``elevation`` metres above sea level, ``timezone`` an IANA name
    (a ``ZoneInfo`` or pytz zone is accepted and stored by its name),
    ``country`` an ISO 3166-1 alpha-2 code that picks the default method.

    >>> Location(latitude=30.0444, longitude=31.2357, timezone="Africa/Cairo", country="eg")
    Location(latitude=30.0444, longitude=31.2357, timezone='Africa/Cairo', elevation=0.0, name='', name_en='', country='EG', slug='')
    """

    latitude: float
    longitude: float
    timezone: str | tzinfo
    elevation: float = 0.0
    name: str = ""
    name_en: str = ""
    country: str = ""
    slug: str = ""

    def __post_init__(self) -> None:
        _check_number("latitude", self.latitude, -90.0, 90.0)
        _check_number("longitude", self.longitude, -180.0, 180.0)
        _check_number("elevation", self.elevation, -500.0, 9000.0)
        object.__setattr__(self, "latitude", float(self.latitude))
        object.__setattr__(self, "longitude", float(self.longitude))
        object.__setattr__(self, "elevation", float(self.elevation))
        object.__setattr__(self, "timezone", zone_key(self.timezone))
        get_zone(self.timezone)  # fail now on an unknown zone, not at the first computation
        country = self.country.strip().upper()
        if country and (len(country) != 2 or not country.isalpha() or not country.isascii()):
            raise InvalidInputError("country", self.country, "an ISO 3166-1 alpha-2 code such as 'EG'")
        object.__setattr__(self, "country", country)

    @property
    def zone(self) -> tzinfo:
        """The ``tzinfo`` of :attr:`timezone`, from the newest tz database at hand."""
        return get_zone(self.timezone)

    @property
    def display_name(self) -> str:
        """The Arabic name, else the English one, else the coordinates."""
        return self.name or self.name_en or f"{self.latitude:.4f}, {self.longitude:.4f}"


def _check_number(field: str, value: object, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInputError(field, value, f"a number from {low:g} to {high:g}")
    if not math.isfinite(value) or not low <= value <= high:
        raise InvalidInputError(field, value, f"a number from {low:g} to {high:g}")


def place(name: str | Location) -> Location:
    """Find a built-in place by slug, English or Arabic name."""
    raise NotImplementedError


def places() -> tuple[Location, ...]:
    """Every built-in place, in the order of the data file."""
    raise NotImplementedError


def as_location(value: str | Location) -> Location:
    """Return ``value`` if it is a :class:`Location`, else look it up with :func:`place`."""
    if isinstance(value, Location):
        return value
    return place(value)
