"""A site's ``site.toml``: the build's places and settings, checked.

:func:`read_config` turns the file into keyword arguments of
:func:`~widgets.site.build_site`, with paths relative to the file. Every
key and value is checked, and a wrong one is named with the file.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import widgets

from .build import MAX_DAYS, SitePlace

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["CONFIG_KEYS", "read_config"]

_Types = Mapping[str, tuple[tuple[type, ...], str]]

CONFIG_KEYS: Final[_Types] = {
    "out": ((str,), "a folder path"),
    "cities": ((list,), "a list of place names or tables"),
    "method": ((str,), "a method slug"),
    "asr": ((str,), "'standard' or 'hanafi'"),
    "locale": ((str,), "a locale such as 'ar_EG'"),
    "digits": ((str,), "'latn' or 'arab'"),
    "clock": ((str,), "'12h' or '24h'"),
    "hijri_offset": ((int,), "a whole number of days from -2 to 2"),
    "hijri_month_starts": ((str,), "a path to a JSON file of announced Hijri month starts"),
    "jumuah": ((bool,), "true or false"),
    "days": ((int,), f"a whole number from 1 to {MAX_DAYS}"),
    "coming_days": ((int,), "a whole number of days from 0 to 31"),
    "news": ((str, bool), "a file path, true (the sample items) or false (no list)"),
    "news_limit": ((int,), "a whole number of items"),
    "imsakiya": ((bool,), "true or false"),
    "script": ((bool,), "true or false"),
    "site_name": ((str,), "a string"),
    "templates": ((str,), "a folder path of templates searched before ours"),
    "durable": ((bool,), "true or false"),
}
"""The keys of ``site.toml``, each with its types and what is allowed."""
_CITY_KEYS: Final[_Types] = {
    "place": ((str,), "a built-in place name"),
    "latitude": ((int, float), "a number of degrees"),
    "longitude": ((int, float), "a number of degrees"),
    "timezone": ((str,), "an IANA zone name"),
    "elevation": ((int, float), "metres"),
    "name": ((str,), "a string"),
    "name_en": ((str,), "a string"),
    "country": ((str,), "an ISO 3166-1 alpha-2 code"),
    "slug": ((str,), "a folder name of a-z, 0-9 and _"),
    "method": ((str,), "a method slug"),
    "asr": ((str,), "'standard' or 'hanafi'"),
    "hijri_offset": ((int,), "a whole number of days from -2 to 2"),
}
_COORDINATE_KEYS: Final = ("latitude", "longitude", "timezone")
_PLACE_ONLY: Final = ("elevation", "name", "name_en", "country", "slug")


def checked(table: Mapping[str, object], types: _Types, where: str) -> dict[str, object]:
    """``table`` when every key is known and every value of its type, else a clear error."""
    for key, value in table.items():
        if key not in types:
            raise widgets.UnknownNameError(
                f"key in {where}",
                key,
                "one of " + ", ".join(sorted(types)),
                difflib.get_close_matches(key, list(types), n=3),
            )
        kinds, allowed = types[key]
        wrong_bool = isinstance(value, bool) and bool not in kinds
        if wrong_bool or not isinstance(value, kinds):
            raise widgets.InvalidInputError(f"{key} in {where}", value, allowed)
    return dict(table)


def place_from_table(entry: object, where: str) -> SitePlace:
    """A place of ``cities``: a place name, or a table with a place or coordinates."""
    if isinstance(entry, str):
        return SitePlace(location=widgets.place(entry))
    if not isinstance(entry, dict):
        raise widgets.InvalidInputError(f"cities in {where}", entry, "a place name or a table")
    table: dict[str, Any] = checked(entry, _CITY_KEYS, f"a city of {where}")
    settings = {
        "method": table.get("method"),
        "asr": table.get("asr"),
        "hijri_offset": table.get("hijri_offset"),
    }
    if "place" in table:
        clash = [key for key in (*_COORDINATE_KEYS, *_PLACE_ONLY) if key in table]
        if clash:
            raise widgets.InvalidInputError(
                f"{clash[0]} in a city of {where}", table[clash[0]], "left out when place is given"
            )
        return SitePlace(location=widgets.place(table["place"]), **settings)
    if any(key not in table for key in _COORDINATE_KEYS):
        raise widgets.InvalidInputError(
            f"a city of {where}", entry, "a table with place, or latitude, longitude and timezone"
        )
    location = widgets.Location(
        latitude=table["latitude"],
        longitude=table["longitude"],
        timezone=table["timezone"],
        elevation=table.get("elevation", 0.0),
        name=table.get("name", ""),
        name_en=table.get("name_en", ""),
        country=table.get("country", ""),
        slug=table.get("slug", ""),
    )
    return SitePlace(location=location, **settings)


def read_config(path: str | Path) -> dict[str, object]:
    """Read and check a ``site.toml``; return its settings as raw checked values.

    ``cities`` becomes a list of :class:`~widgets.site.SitePlace`; ``out``,
    ``news``, ``hijri_month_starts`` and ``templates`` paths are made
    relative to the file's folder. Other keys
    keep their values; see ``prayer-news-widgets build --help``.
    """
    path = Path(path)
    text = path.read_bytes().decode("utf-8-sig", errors="strict")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise widgets.InvalidInputError("config", str(path), f"a TOML file ({error})") from None
    config = checked(data, CONFIG_KEYS, str(path))
    base = path.resolve().parent
    if "cities" in config:
        entries = config["cities"]
        assert isinstance(entries, list)
        config["cities"] = [place_from_table(entry, str(path)) for entry in entries]
    if isinstance(config.get("out"), str):
        config["out"] = base / str(config["out"])
    for key in ("news", "hijri_month_starts", "templates"):
        if isinstance(config.get(key), str):
            config[key] = base / str(config[key])
    return config
