"""Time zones from the newest tz database at hand.

``zoneinfo`` reads the operating system's database first. When the ``tzdata``
package carries a newer release (Casablanca left UTC+1 in September 2026, and
a 2025 system database still has it an hour ahead), zones are read from the
package instead. pytz zones are accepted and turned into their IANA name.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import tzinfo
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import InvalidInputError, UnknownNameError

__all__ = ["get_zone", "tz_database", "zone_key"]

_VERSION = re.compile(rb"#\s*version\s+(\d{4}[a-z]*)")


def _system_version() -> str | None:
    for root in zoneinfo.TZPATH:
        path = Path(root) / "tzdata.zi"
        try:
            with path.open("rb") as handle:
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
        if source == "tzdata":
            data = resources.files("tzdata.zoneinfo").joinpath(*key.split("/"))
            with data.open("rb") as handle:
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
