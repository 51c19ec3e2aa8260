"""The JSON export of a static build: a place, its method and its days' times.

Times are ISO 8601 instants with the place's UTC offset, so a front end
can use them without a zone database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Final

import widgets

__all__ = ["dumps", "location_json", "method_json", "place_slug", "times_json"]

GENERATOR: Final = "prayer-news-widgets"
_SLUG_CHARS: Final = re.compile(r"[^a-z0-9]+")
_DAY_FIELDS: Final = (
    "imsak",
    "fajr",
    "sunrise",
    "dhuhr",
    "asr",
    "sunset",
    "maghrib",
    "isha",
    "midnight",
    "last_third",
)


def place_slug(location: widgets.Location) -> str:
    """A folder name for a place: its slug, else its English name, else its coordinates.

    >>> place_slug(widgets.Location(latitude=30.5, longitude=-9.25, timezone="UTC"))
    '30_5000n_9_2500w'
    """
    if location.slug:
        return location.slug
    text = _SLUG_CHARS.sub("_", location.name_en.lower()).strip("_")
    if text:
        return text
    north = "n" if location.latitude >= 0 else "s"
    east = "e" if location.longitude >= 0 else "w"
    coordinates = f"{abs(location.latitude):.4f}{north}_{abs(location.longitude):.4f}{east}"
    return coordinates.replace(".", "_")


def method_json(method: widgets.Method) -> dict[str, object]:
    """A method as a JSON object: its angles, intervals, adjustments and source."""
    return {
        "slug": method.slug,
        "name": method.name,
        "name_ar": method.name_ar,
        "source": method.source,
        "fajr_angle": method.fajr_angle,
        "isha_angle": method.isha_angle,
        "isha_minutes": method.isha_minutes,
        "isha_minutes_ramadan": method.isha_minutes_ramadan,
        "maghrib_angle": method.maghrib_angle,
        "imsak_minutes": method.imsak_minutes,
        "adjustments": {prayer.value: method.adjustments[prayer] for prayer in widgets.Prayer},
        "rounding": method.rounding.value,
        "elevation": method.elevation,
    }


def location_json(location: widgets.Location) -> dict[str, object]:
    """A place as a JSON object."""
    return {
        "slug": place_slug(location),
        "name": location.name,
        "name_en": location.name_en,
        "country": location.country,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "elevation": location.elevation,
        "timezone": str(location.timezone),
    }


def _day_json(
    location: widgets.Location,
    day: date,
    method: str | None,
    asr: str,
    offset: int,
    month_starts: widgets.MonthStarts | None,
) -> dict[str, object]:
    entry: dict[str, object] = {"date": day.isoformat()}
    try:
        converted = widgets.to_hijri(
            day, offset, country=location.country or None, month_starts=month_starts
        )
        entry["hijri"] = converted.isoformat()
        entry["ramadan"] = converted.month == 9
    except widgets.HijriRangeError:
        entry["hijri"] = None
        entry["ramadan"] = None
    try:
        computed = widgets.prayer_times(location, day, method=method, asr=asr)
    except widgets.TimeUnavailableError as error:
        entry.update(dict.fromkeys(_DAY_FIELDS))
        entry["error"] = str(error)
        return entry
    for name in _DAY_FIELDS:
        entry[name] = getattr(computed, name).isoformat()
    return entry


def times_json(
    location: widgets.Location,
    days: Sequence[date],
    *,
    method: str | None,
    asr: str,
    hijri_offset: int,
    now: datetime,
    hijri_month_starts: widgets.MonthStarts | None = None,
) -> dict[str, object]:
    """The document of ``prayer-times.json``: the place, the method, and one entry per day.

    A day whose times do not exist under the method has ``null`` times and
    an ``error``. The Hijri dates follow the month starts announced in the
    place's country.
    """
    chosen = widgets.method_for_country(location.country) if method is None else method
    source, version = widgets.tz_database()
    return {
        "generator": f"{GENERATOR} {widgets.__version__}",
        "generated_at": now.isoformat(),
        "location": location_json(location),
        "method": method_json(widgets.get_method(chosen)),
        "asr": widgets.Asr(asr).value,
        "hijri_offset": hijri_offset,
        "tz_database": {"source": source, "version": version},
        "days": [
            _day_json(location, day, method, asr, hijri_offset, hijri_month_starts) for day in days
        ],
    }


def dumps(document: Mapping[str, object] | Sequence[object]) -> str:
    """JSON as the build and the command write it, ending with a newline.

    An object has a field per line and a list an item per line (a field's
    list too): readable, and a diff of a rebuilt site shows the days that
    changed. Each line goes through ``json``'s C encoder, which ``indent``
    would turn off.
    """
    if isinstance(document, Mapping):
        lines = [f"{_compact(key)}: {_listed(value, '  ')}" for key, value in document.items()]
        return "{\n  " + ",\n  ".join(lines) + "\n}\n" if lines else "{}\n"
    return _listed(list(document), "") + "\n"


def _listed(value: object, indent: str) -> str:
    """``value`` compact, or a non-empty list with an item per line."""
    if not isinstance(value, list) or not value:
        return _compact(value)
    inner = f",\n{indent}  "
    return f"[\n{indent}  " + inner.join(map(_compact, value)) + f"\n{indent}]"


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
