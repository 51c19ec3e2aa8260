"""Time zones from the newest tz database at hand.

``zoneinfo`` reads the operating system's database first. When the ``tzdata``
package carries a newer release (Casablanca left UTC+1 in September 2026, and
a 2025 system database still has it an hour ahead), zones are read from the
package instead. pytz zones are accepted and turned into their IANA name.
"""

from __future__ import annotations

import os
import re
import zoneinfo
from collections.abc import Mapping
from datetime import tzinfo
from functools import lru_cache
from types import MappingProxyType

from .errors import InvalidInputError, UnknownNameError

__all__ = ["get_zone", "tz_database", "zone_country", "zone_key"]

_VERSION = re.compile(rb"#\s*version\s+(\d{4}[a-z]*)")


def _system_version() -> str | None:
    for root in zoneinfo.TZPATH:
        try:
            with open(os.path.join(root, "tzdata.zi"), "rb") as handle:
                found = _VERSION.match(handle.readline())
        except OSError:
            continue
        if found:
            return found.group(1).decode()
    return None


def _package_version() -> str | None:
    try:
        import tzdata
    except ImportError:  # pragma: no cover - tzdata is a dependency
        return None
    return str(getattr(tzdata, "IANA_VERSION", "")) or None  # such as "2026f"


def _package_folder() -> str | None:
    """The ``zoneinfo`` folder of the ``tzdata`` package, or ``None`` without the package."""
    try:
        import tzdata
    except ImportError:  # pragma: no cover - tzdata is a dependency
        return None
    return os.path.join(os.path.dirname(tzdata.__file__), "zoneinfo")


@lru_cache(maxsize=1)
def tz_database() -> tuple[str, str]:
    """Return ``(source, version)`` of the tz database in use: ``"system"`` or ``"tzdata"``."""
    system = _system_version()
    package = _package_version()
    if package and (system is None or package > system):
        return "tzdata", package
    return "system", system or "unknown"


@lru_cache(maxsize=512)
def _load(key: str) -> tzinfo:
    source, _ = tz_database()
    try:
        folder = _package_folder() if source == "tzdata" else None
        if folder is not None:
            with open(os.path.join(folder, *key.split("/")), "rb") as handle:
                return zoneinfo.ZoneInfo.from_file(handle, key=key)
        return zoneinfo.ZoneInfo(key)
    except (OSError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise UnknownNameError(
            "timezone", key, "an IANA zone name such as 'Africa/Cairo'", _close_zones(key)
        ) from None


def _close_zones(key: str) -> list[str]:
    import difflib

    return difflib.get_close_matches(key, sorted(zoneinfo.available_timezones()), n=3)


def zone_key(zone: str | tzinfo) -> str | tzinfo:
    """Return the IANA name of ``zone`` when it has one (``ZoneInfo`` or pytz), else ``zone``.

    >>> zone_key("Africa/Cairo")
    'Africa/Cairo'
    """
    if isinstance(zone, str):
        return zone
    key = getattr(zone, "key", None) or getattr(zone, "zone", None)  # zoneinfo / pytz
    if isinstance(key, str):
        return key
    if isinstance(zone, tzinfo):
        return zone
    raise InvalidInputError("timezone", zone, "an IANA zone name or a tzinfo object")


def get_zone(zone: str | tzinfo) -> tzinfo:
    """Return a ``tzinfo`` for an IANA name, a ``ZoneInfo`` or a pytz zone.

    >>> get_zone("Africa/Cairo").key
    'Africa/Cairo'
    """
    key = zone if type(zone) is str else zone_key(zone)
    if isinstance(key, str):
        if key is zone:
            return _named_zone(key)
        try:
            return _named_zone(key)
        except InvalidInputError:  # a zone object whose name our database lacks: 'posix/UTC'
            return zone  # type: ignore[return-value]
    return key


@lru_cache(maxsize=512)
def _named_zone(key: str) -> tzinfo:
    if not key or key != key.strip():
        raise InvalidInputError("timezone", key, "an IANA zone name such as 'Africa/Cairo'")
    if key.upper() == "UTC":
        return _load("UTC")
    return _load(key)


# --- the country of a zone ----------------------------------------------------------------------


def _zone_table(name: str) -> str:
    """The text of a table of the tz database in use (``zone.tab``...), or "" when absent."""
    source, _ = tz_database()
    roots = list(zoneinfo.TZPATH)
    package = _package_folder()
    if package is not None:
        roots.insert(0 if source == "tzdata" else len(roots), package)
    for root in roots:
        try:
            with open(os.path.join(root, name), encoding="utf-8") as handle:
                return handle.read()
        except OSError:
            continue
    return ""


@lru_cache(maxsize=1)
def _zone_countries() -> Mapping[str, str]:
    """Zone name -> ISO 3166 code, from ``zone1970.tab`` then ``zone.tab`` (which wins)."""
    found: dict[str, str] = {}
    for name in ("zone1970.tab", "zone.tab"):
        for line in _zone_table(name).splitlines():
            fields = line.split("\t")
            if line.startswith("#") or len(fields) < 3:
                continue
            found[fields[2]] = fields[0].split(",")[0].upper()
    return MappingProxyType(found)


def zone_country(zone: str | tzinfo) -> str:
    """Return the ISO 3166-1 code of the country a named zone is in, or "" when it has none.

    The tz database's ``zone.tab`` names one country per zone: the one the
    zone is named after, even where the zone's rules serve neighbours too
    (``Asia/Riyadh`` is Saudi Arabia, though Kuwait and Yemen keep the same
    clocks; ``Asia/Dubai`` is the UAE, though Oman does too). Zones only in
    ``zone1970.tab`` take its first, principal country. ``UTC``, ``Etc/*``,
    old link names (``Egypt``, ``Asia/Istanbul``) and fixed offsets have none.

    >>> zone_country("Africa/Cairo"), zone_country("Asia/Kuwait"), zone_country("UTC")
    ('EG', 'KW', '')
    """
    key = zone_key(zone)
    if not isinstance(key, str):
        return ""
    return _zone_countries().get(key, "")
