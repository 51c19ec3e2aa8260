"""Places: the :class:`Location` value and the built-in gazetteer.

>>> place("cairo").timezone
'Africa/Cairo'
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo
from functools import lru_cache
from types import MappingProxyType
from typing import Final, NamedTuple

from .errors import InvalidInputError, UnknownNameError
from .methods import NO_ADJUSTMENTS, Adjustments
from .zones import get_zone, zone_country, zone_key

__all__ = ["Location", "all_places", "as_location", "place"]


_COUNTRY_ALLOWED: Final = "an ISO 3166-1 alpha-2 code such as 'EG', or empty for the zone's country"


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)  # its own __repr__ below
class Location:
    """A point on Earth with its civil time zone.

    ``latitude`` and ``longitude`` are decimal degrees (north and east
    positive), ``elevation`` metres above sea level, ``timezone`` an IANA name
    (a ``ZoneInfo`` or pytz zone is accepted and stored by its name),
    ``country`` an ISO 3166-1 alpha-2 code that picks the default method;
    left empty, it is the country of the zone in the tz database's
    ``zone.tab`` (see :func:`~widgets.zones.zone_country`), so a point in
    ``Africa/Cairo`` uses Egypt's method.

    ``adjustments`` are the minutes the place's own authority adds here on top
    of its method (an :class:`~widgets.methods.Adjustments` or a mapping of
    prayer names to minutes): some authorities publish a city's table from a
    reference point of their own, a minute or two off the city's centre. They
    apply when the times are computed with that authority's method, the
    default method of ``country``; the ``repr`` shows them only when set.

    >>> Location(latitude=29.97, longitude=30.94, timezone="Africa/Cairo").country
    'EG'
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
    adjustments: Adjustments = NO_ADJUSTMENTS

    def __hash__(self) -> int:  # equal places share these; the rest need not be hashed
        return hash((self.latitude, self.longitude, self.slug))

    def __post_init__(self) -> None:
        _check_number("latitude", self.latitude, -90.0, 90.0)
        _check_number("longitude", self.longitude, -180.0, 180.0)
        _check_number("elevation", self.elevation, -500.0, 9000.0)
        object.__setattr__(self, "latitude", float(self.latitude))
        object.__setattr__(self, "longitude", float(self.longitude))
        object.__setattr__(self, "elevation", float(self.elevation))
        object.__setattr__(self, "timezone", zone_key(self.timezone))
        get_zone(self.timezone)  # fail now on an unknown zone, not at the first computation
        for field in ("name", "name_en", "slug"):
            if not isinstance(getattr(self, field), str):
                raise InvalidInputError(field, getattr(self, field), "a string")
        country = self.country.strip().upper() if isinstance(self.country, str) else None
        if country is None or (
            country and (len(country) != 2 or not country.isalpha() or not country.isascii())
        ):
            raise InvalidInputError("country", self.country, _COUNTRY_ALLOWED)
        if not country:
            country = zone_country(self.timezone)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "adjustments", Adjustments.of(self.adjustments, "adjustments"))

    def __repr__(self) -> str:
        shown = [
            f"latitude={self.latitude!r}",
            f"longitude={self.longitude!r}",
            f"timezone={self.timezone!r}",
            f"elevation={self.elevation!r}",
            f"name={self.name!r}",
            f"name_en={self.name_en!r}",
            f"country={self.country!r}",
            f"slug={self.slug!r}",
        ]
        if self.adjustments:
            shown.append(f"adjustments={self.adjustments!r}")
        return f"Location({', '.join(shown)})"

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
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an int too large for a float, such as 10**400
        finite = False
    if not finite or not low <= value <= high:
        raise InvalidInputError(field, value, f"a number from {low:g} to {high:g}")


def place(name: str | Location) -> Location:
    """Find a built-in place by slug, English or Arabic name, alias or Egyptian governorate.

    Matching ignores case, accents, spaces, hyphens, underscores and
    apostrophes; Arabic is compared without tashkeel or tatweel, with the
    hamza forms of alef, final ta marbuta and alef maqsura unified, and a
    leading article (``al-``, ``el-``, ``ال``) is optional. A name two places
    share finds the one whose slug is the bare name (``"tripoli"`` is Libya's
    capital, ``"tripoli_lb"`` the Lebanese city). The name of an Egyptian
    governorate finds its capital (``"الدقهلية"``: Mansoura). A
    :class:`Location` is returned as it is.

    >>> place("Port-Said").slug
    'port_said'
    >>> place("مكه").name_en, place("الْقَاهِرَة").slug
    ('Makkah', 'cairo')
    >>> place("Kairo")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    widgets.errors.UnknownNameError: unknown place: 'Kairo' (did you mean 'cairo', ...
    """
    if isinstance(name, Location):
        return name
    if not isinstance(name, str):
        raise InvalidInputError("place", name, "a place name or slug (str) or a Location")
    number = _slugs().get(name)
    if number is not None:  # a slug ("cairo"): found without matching every name
        return _entry_at(number).location
    index = _index()
    if name in index:  # already a key ("el-arish"): keys are their own keys (tested)
        return index[name]
    full, bare = _keys(name)
    for key in (full, bare):
        if key and key in index:
            return index[key]
    raise UnknownNameError("place", name, _ALLOWED, _suggestions(full or bare, index))


@lru_cache(maxsize=1)
def all_places() -> tuple[Location, ...]:
    """Every built-in place, in the order of the data file (read on first use, then kept).

    >>> len({loc.country for loc in all_places()}) >= 18
    True
    """
    return tuple(entry.location for entry in _entries())


_ALLOWED = "a built-in place name or slug (see widgets.all_places())"
MAX_PLACES: Final = 1024
"""The most rows the shipped place table may hold (each checked row is kept)."""
_DATA = "places.json"
_DATA_PATH = os.path.join(os.path.dirname(__file__), "data", _DATA)
_SLUG = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
#: Letters written more than one way: alef wasla, alef maqsura, final ta marbuta,
#: the Persian yeh and kaf of some keyboards, and a few Latin letters NFKD keeps whole.
_LETTERS = str.maketrans(
    {"ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك", "ø": "o", "æ": "ae", "ı": "i", "đ": "d"}
)
_TATWEEL = "\u0640"
#: Leading English articles that a name may carry or drop (sun letters assimilated).
_ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "at", "ad", "az"})
_ARABIC_ARTICLE = "ال"
# Kinds of key, best first: a shared key goes to the better kind, then the shorter slug.
_SLUG_KEY, _NAME_KEY, _ALIAS_KEY, _REGION_KEY, _BARE_KEY = range(5)


class _Entry(NamedTuple):
    """One row of the data file: the place and the extra names it is found by."""

    location: Location
    aliases: tuple[str, ...]
    governorates: tuple[str, ...]


def _keys(text: str) -> tuple[str, str]:
    """Return the matching key of ``text`` and the key without a leading article ("" if none).

    >>> _keys("Port-Said")
    ('portsaid', '')
    >>> _keys("el-Arish")
    ('elarish', 'arish')
    >>> _keys("الْقَاهِرَة") == _keys("القاهره") == ("القاهره", "قاهره")
    True
    >>> _keys("إسطنبول")[0] == _keys("اسطنبول")[0]
    True
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if ch != _TATWEEL and unicodedata.category(ch) != "Mn")
    words = [word for word in re.split(r"[\W_]+", kept.casefold().translate(_LETTERS)) if word]
    full = "".join(words)
    bare = ""
    if len(words) > 1 and words[0] in _ARTICLES:
        bare = "".join(words[1:])
    elif words and words[0].startswith(_ARABIC_ARTICLE) and len(words[0]) > 3:
        bare = full[len(_ARABIC_ARTICLE) :]
    return full, bare


@lru_cache(maxsize=1)
def _rows() -> tuple[object, ...]:
    """The rows of the data file, decoded but not yet checked."""
    with open(_DATA_PATH, encoding="utf-8") as handle:
        rows = json.load(handle)
    if not isinstance(rows, list):
        raise ValueError(f"{_DATA} must hold a JSON list of places")
    return tuple(rows)


@lru_cache(maxsize=1)
def _slugs() -> Mapping[str, int]:
    """The row number of each slug: a strip for one place checks that row alone."""
    found: dict[str, int] = {}
    for number, row in enumerate(_rows()):
        slug = row.get("slug") if isinstance(row, dict) else None
        if isinstance(slug, str):
            found.setdefault(slug, number)
    return MappingProxyType(found)


@lru_cache(maxsize=MAX_PLACES)
def _entry_at(number: int) -> _Entry:
    """The row ``number``, checked (its zone loaded), once: the same object for every caller."""
    return _entry(number, _rows()[number])


@lru_cache(maxsize=1)
def _entries() -> tuple[_Entry, ...]:
    rows = _rows()
    if len(rows) > MAX_PLACES:
        raise ValueError(f"{_DATA} holds more than {MAX_PLACES} places")
    entries = tuple(_entry_at(number) for number in range(len(rows)))
    slugs = [entry.location.slug for entry in entries]
    if len(set(slugs)) != len(slugs):
        raise ValueError(f"{_DATA} repeats a slug")
    return entries


def _entry(number: int, row: object) -> _Entry:
    if not isinstance(row, dict):
        raise ValueError(f"{_DATA} row {number} must be a JSON object")
    slug = row.get("slug")
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        raise ValueError(f"{_DATA} row {number}: slug must be lower-case ascii, got {slug!r}")
    aliases = row.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError(f"{_DATA} row {number} ({slug}): aliases must be a list of strings")
    location = Location(
        latitude=row["latitude"],
        longitude=row["longitude"],
        elevation=row["elevation"],
        timezone=str(row["timezone"]),
        name=str(row["name"]),
        name_en=str(row["name_en"]),
        country=str(row["country"]),
        slug=slug,
        adjustments=_adjustments(f"{_DATA} row {number} ({slug})", row),
    )
    governorates: tuple[str, ...] = ()
    if row.get("seat") is True:
        governorates = (str(row["governorate"]), str(row["governorate_en"]))
    return _Entry(location=location, aliases=tuple(aliases), governorates=governorates)


def _adjustments(where: str, row: dict[str, object]) -> Adjustments:
    """The row's ``adjustments`` (minutes per prayer), checked with the note on where they come from.

    A row whose minutes (``adjustments``) or point (``"fitted": true``) were fitted to an
    authority's table must name that table in ``source``.
    """
    given = row.get("adjustments")
    fitted = row.get("fitted", False)
    if not isinstance(fitted, bool):
        raise ValueError(f"{where}: fitted must be true or false, got {fitted!r}")
    source = row.get("source")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise ValueError(f"{where}: source must be a non-empty string, got {source!r}")
    if (given is not None or fitted) and source is None:
        raise ValueError(f"{where}: fitted points and adjustments need a source naming the table")
    if given is None:
        return NO_ADJUSTMENTS
    if not isinstance(given, dict) or not given:
        raise ValueError(f"{where}: adjustments must be an object of prayer names to minutes")
    try:
        found = Adjustments.of(given, "adjustments")
    except InvalidInputError as error:
        raise ValueError(f"{where}: {error}") from None
    if not found:
        raise ValueError(f"{where}: adjustments are all zero; leave them out")
    return found


@lru_cache(maxsize=1)
def _index() -> Mapping[str, Location]:
    """Every matching key, mapped to the place it finds."""
    best: dict[str, tuple[int, int, int]] = {}
    entries = _entries()
    for order, entry in enumerate(entries):
        loc = entry.location
        kinds = (
            (_SLUG_KEY, (loc.slug,)),
            (_NAME_KEY, (loc.name_en, loc.name)),
            (_ALIAS_KEY, entry.aliases),
            (_REGION_KEY, entry.governorates),
        )
        for kind, texts in kinds:
            for text in texts:
                full, bare = _keys(text)
                for key, rank in ((full, kind), (bare, _BARE_KEY + kind)):
                    claim = (rank, len(loc.slug), order)
                    if key and claim < best.get(key, (99, 0, 0)):
                        best[key] = claim
    located = all_places()
    return MappingProxyType({key: located[claim[2]] for key, claim in best.items()})


def _suggestions(key: str, index: Mapping[str, Location]) -> list[str]:
    import difflib  # here: only a mistyped name needs it

    found: list[str] = []
    for close in difflib.get_close_matches(key, list(index), n=12, cutoff=0.6):
        slug = index[close].slug
        if slug not in found:
            found.append(slug)
    return found[:3]


def as_location(value: str | Location) -> Location:
    """Return ``value`` if it is a :class:`Location`, else look it up with :func:`place`."""
    if isinstance(value, Location):
        return value
    return place(value)
