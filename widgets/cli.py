"""The command line: build a static site of widgets; look up times, places and methods.

``python -m widgets`` and the ``prayer-news-widgets`` console script run
:func:`main`::

    prayer-news-widgets build                 # Cairo, Egyptian method, sample news -> site/
    prayer-news-widgets build --city riyadh --city jeddah --days 7 --out public/widgets
    prayer-news-widgets build --config site.toml
    prayer-news-widgets times --city alexandria --date 2026-03-01
    prayer-news-widgets timetable --month 2026-02 --city cairo
    prayer-news-widgets places --country EG
    prayer-news-widgets methods

Exit status: 0 when done, 2 for a usage error, 1 for a bad value or a file
that cannot be read or written, reported on one line of stderr. This is the
only module of the package that reads the clock; ``--now`` fixes the
instant, and a build with ``--now`` writes the same bytes every time. Every
file is written to a temporary file in its folder and renamed into place, so
an interrupted build never leaves half a fragment behind; a file whose bytes
are unchanged is not rewritten (its modification time stays).
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import importlib
import json
import logging
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any, Final, TextIO, cast, get_args

import jinja2

import widgets
from widgets import hijri, news, render, zones
from widgets.errors import InvalidInputError, UnknownNameError, WidgetsError
from widgets.l10n import Clock, Digits, Formatter
from widgets.methods import coerce, get_method

__all__ = ["PROG", "main"]

PROG: Final = "prayer-news-widgets"
"""The program name printed in usage lines and before every error."""
DEFAULT_CITY: Final = "cairo"
DEFAULT_OUT: Final = "site"
SAMPLE_NEWS: Final = "sample-news.json"
"""Package data file (``widgets/data/``) with the sample related-news items."""
MAX_DAYS: Final = 366
NEWS_LIMIT: Final = 6

_UTC: Final = timezone.utc
_DIGITS: Final[tuple[str, ...]] = get_args(Digits)
_CLOCKS: Final[tuple[str, ...]] = get_args(Clock)
_ASR: Final = tuple(member.value for member in widgets.Asr)
_MONTH: Final = re.compile(r"(\d{4})-(\d{2})")
_SLUG_CHARS: Final = re.compile(r"[^a-z0-9]+")
_FOLDER: Final = re.compile(r"[a-z0-9][a-z0-9_\-]*")
_FILE_MODE: Final = 0o644
_INTERRUPTED: Final = 130


class _UsageError(Exception):
    """Arguments that do not fit together (exit status 2, like argparse's own errors)."""


# --- reading values -----------------------------------------------------------------------------


def _parse_now(text: str | None) -> datetime:
    """The instant of ``--now`` (ISO 8601 with an offset), or the clock's when not given."""
    if text is None:
        return datetime.now(_UTC)
    allowed = "an ISO 8601 instant with an offset, such as 2026-03-01T14:00:00+02:00"
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        instant = datetime.fromisoformat(cleaned)
    except ValueError:
        raise InvalidInputError("now", text, allowed) from None
    if instant.utcoffset() is None:
        raise InvalidInputError("now", text, allowed)
    return instant


def _parse_date(field: str, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(
            field, text, "a date written YYYY-MM-DD, such as 2026-03-01"
        ) from None


def _parse_month(text: str) -> date:
    found = _MONTH.fullmatch(text.strip())
    allowed = "a month written YYYY-MM, such as 2026-02"
    if not found:
        raise InvalidInputError("month", text, allowed)
    try:
        return date(int(found.group(1)), int(found.group(2)), 1)
    except ValueError:
        raise InvalidInputError("month", text, allowed) from None


def _digits(value: object) -> Digits:
    for choice in _DIGITS:
        if value == choice:
            return cast(Digits, choice)
    raise InvalidInputError("digits", value, " or ".join(map(repr, _DIGITS)))


def _clock(value: object) -> Clock:
    for choice in _CLOCKS:
        if value == choice:
            return cast(Clock, choice)
    raise InvalidInputError("clock", value, " or ".join(map(repr, _CLOCKS)))


def _slug(location: widgets.Location) -> str:
    """A folder name for a place: its slug, else its English name, else its coordinates.

    >>> _slug(widgets.Location(latitude=30.5, longitude=-9.25, timezone="UTC"))
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


def _day_start(day: date, zone: tzinfo) -> datetime:
    """The first instant of a local day (the end of the gap when a DST change skips midnight)."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(_UTC).astimezone(zone)


def _month_days(month: date) -> list[date]:
    last = calendar.monthrange(month.year, month.month)[1]
    return [date(month.year, month.month, number) for number in range(1, last + 1)]


def _ramadan_days(month: date, offset: int) -> list[date]:
    """The days of the Ramadan that has days in ``month`` (empty when it has none)."""
    days = _month_days(month)
    span: list[date] = []
    current = days[0] - timedelta(days=30)
    while current <= days[-1] + timedelta(days=30):
        try:
            inside = hijri.is_ramadan(current, offset)
        except widgets.HijriRangeError:
            inside = False
        if inside:
            span.append(current)
        elif span and span[-1] >= days[0]:
            break
        else:
            span = []
        current += timedelta(days=1)
    return span if span and span[0] <= days[-1] and span[-1] >= days[0] else []


def _next_ramadan(today: date, offset: int) -> date:
    """A day of the Ramadan under way on ``today``, else the first day of the next one."""
    for ahead in range(400):
        day = today + timedelta(days=ahead)
        if hijri.is_ramadan(day, offset):
            return day
    raise widgets.HijriRangeError(
        "date", today.isoformat(), "a date before the last Hijri table year"
    )


# --- settings -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class City:
    """One place of a build, with the settings it overrides (``None``: the site's)."""

    location: widgets.Location
    method: str | None = None
    asr: str | None = None
    hijri_offset: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildSettings:
    """Everything ``build`` needs, from the command line and the ``--config`` file.

    ``news`` is a file path, ``None`` for the sample items shipped with the
    package, or ``False`` for no related-news list. ``days`` is ``None`` for
    no per-day pages. ``imsakiya`` is ``None`` to build the Ramadan table
    only when the month has days of Ramadan.
    """

    cities: tuple[City, ...]
    out: Path
    method: str | None = None
    asr: str = "standard"
    locale: str = "ar_EG"
    digits: Digits = "latn"
    clock: Clock = "12h"
    hijri_offset: int = 0
    days: int | None = None
    news: Path | bool | None = None
    news_limit: int = NEWS_LIMIT
    imsakiya: bool | None = None
    script: bool = True
    site_name: str | None = None


_CONFIG_TYPES: Final[Mapping[str, tuple[tuple[type, ...], str]]] = {
    "out": ((str,), "a folder path"),
    "cities": ((list,), "a list of place names or tables"),
    "method": ((str,), "a method slug"),
    "asr": ((str,), "'standard' or 'hanafi'"),
    "locale": ((str,), "a locale such as 'ar_EG'"),
    "digits": ((str,), "'latn' or 'arab'"),
    "clock": ((str,), "'12h' or '24h'"),
    "hijri_offset": ((int,), "a whole number of days from -2 to 2"),
    "days": ((int,), f"a whole number from 1 to {MAX_DAYS}"),
    "news": ((str, bool), "a file path, true (the sample items) or false (no list)"),
    "news_limit": ((int,), "a whole number of items"),
    "imsakiya": ((bool,), "true or false"),
    "script": ((bool,), "true or false"),
    "site_name": ((str,), "a string"),
}
_CITY_TYPES: Final[Mapping[str, tuple[tuple[type, ...], str]]] = {
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


def _checked(
    table: Mapping[str, object],
    types: Mapping[str, tuple[tuple[type, ...], str]],
    where: str,
) -> dict[str, object]:
    for key, value in table.items():
        if key not in types:
            raise UnknownNameError(
                f"key in {where}", key, "one of " + ", ".join(sorted(types)), _close(key, types)
            )
        kinds, allowed = types[key]
        wrong_bool = isinstance(value, bool) and bool not in kinds
        if wrong_bool or not isinstance(value, kinds):
            raise InvalidInputError(f"{key} in {where}", value, allowed)
    return dict(table)


def _close(key: str, known: Mapping[str, object]) -> list[str]:
    import difflib

    return difflib.get_close_matches(key, list(known), n=3)


def _toml() -> ModuleType:
    """``tomllib`` (Python 3.11+), else ``tomli`` when installed."""
    for name in ("tomllib", "tomli"):
        with contextlib.suppress(ImportError):
            return importlib.import_module(name)
    raise news.MissingExtraError(
        "reading --config needs Python 3.11 or later, or the tomli package (pip install tomli)"
    )


def read_config(path: Path) -> dict[str, object]:
    """Read and check a ``site.toml``; see ``prayer-news-widgets build --help``."""
    module = _toml()
    text = path.read_bytes().decode("utf-8-sig", errors="strict")
    try:
        data = cast(dict[str, object], module.loads(text))
    except ValueError as error:  # TOMLDecodeError is a ValueError
        raise InvalidInputError("config", str(path), f"a TOML file ({error})") from None
    return _checked(data, _CONFIG_TYPES, str(path))


def _city_from_table(entry: object, where: str) -> City:
    if isinstance(entry, str):
        return City(location=widgets.place(entry))
    if not isinstance(entry, dict):
        raise InvalidInputError(f"cities in {where}", entry, "a place name or a table")
    table = _checked(entry, _CITY_TYPES, f"a city of {where}")
    method = cast("str | None", table.get("method"))
    asr = cast("str | None", table.get("asr"))
    offset = cast("int | None", table.get("hijri_offset"))
    if "place" in table:
        clash = [key for key in (*_COORDINATE_KEYS, *_PLACE_ONLY) if key in table]
        if clash:
            raise InvalidInputError(
                f"{clash[0]} in a city of {where}", table[clash[0]], "left out when place is given"
            )
        location = widgets.place(cast(str, table["place"]))
        return City(location=location, method=method, asr=asr, hijri_offset=offset)
    missing = [key for key in _COORDINATE_KEYS if key not in table]
    if missing:
        raise InvalidInputError(
            f"a city of {where}", entry, "a table with place, or latitude, longitude and timezone"
        )
    location = widgets.Location(
        latitude=cast(float, table["latitude"]),
        longitude=cast(float, table["longitude"]),
        timezone=cast(str, table["timezone"]),
        elevation=cast(float, table.get("elevation", 0.0)),
        name=cast(str, table.get("name", "")),
        name_en=cast(str, table.get("name_en", "")),
        country=cast(str, table.get("country", "")),
        slug=cast(str, table.get("slug", "")),
    )
    return City(location=location, method=method, asr=asr, hijri_offset=offset)


def _city_from_options(args: argparse.Namespace) -> City | None:
    given = [args.lat is not None, args.lon is not None, args.tz is not None]
    named = (args.name, args.name_en, args.country)
    if not any(given) and all(value is None for value in named):
        return None
    if not all(given):
        raise _UsageError(
            "--lat, --lon and --tz go together (--name, --name-en, --country with them)"
        )
    location = widgets.Location(
        latitude=args.lat,
        longitude=args.lon,
        timezone=args.tz,
        elevation=args.elevation,
        name=args.name or "",
        name_en=args.name_en or "",
        country=args.country or "",
    )
    return City(location=location)


def _cities(args: argparse.Namespace, config: Mapping[str, object], where: str) -> list[City]:
    cities = [City(location=widgets.place(name)) for name in args.city or ()]
    custom = _city_from_options(args)
    if custom is not None:
        cities.append(custom)
    if not cities and "cities" in config:
        cities = [_city_from_table(entry, where) for entry in cast(list[object], config["cities"])]
    if not cities:
        cities = [City(location=widgets.place(DEFAULT_CITY))]
    seen: set[str] = set()
    for city in cities:
        slug = _slug(city.location)
        if not _FOLDER.fullmatch(slug):
            raise InvalidInputError("slug", slug, "a folder name of a-z, 0-9, _ and -")
        if slug in seen:
            raise InvalidInputError("city", slug, "each place once (one folder per place)")
        seen.add(slug)
    return cities


def build_settings(args: argparse.Namespace) -> BuildSettings:
    """Merge the command line over the ``--config`` file over the defaults."""
    config: dict[str, object] = {}
    base = Path.cwd()
    where = "the command line"
    if args.config is not None:
        path = Path(args.config)
        config = read_config(path)
        base = path.resolve().parent
        where = str(path)

    def pick(key: str, given: object, default: object) -> object:
        return given if given is not None else config.get(key, default)

    days = pick("days", args.days, None)
    if days is not None and (not isinstance(days, int) or not 1 <= days <= MAX_DAYS):
        raise InvalidInputError("days", days, f"a whole number from 1 to {MAX_DAYS}")
    limit = pick("news_limit", args.news_limit, NEWS_LIMIT)
    if not isinstance(limit, int) or limit < 1:
        raise InvalidInputError("news_limit", limit, "a whole number of items, 1 or more")

    source: Path | bool | None = None
    if args.no_news:
        source = False
    elif args.news is not None:
        source = Path(args.news)
    elif isinstance(config.get("news"), str):
        source = base / cast(str, config["news"])
    elif config.get("news") is False:
        source = False
    if args.out is not None:
        out = Path(args.out)
    elif "out" in config:
        out = base / cast(str, config["out"])
    else:
        out = Path(DEFAULT_OUT) if args.config is None else base / DEFAULT_OUT
    offset = pick("hijri_offset", args.hijri_offset, 0)
    settings = BuildSettings(
        cities=tuple(_cities(args, config, where)),
        out=out,
        method=cast("str | None", pick("method", args.method, None)),
        asr=cast(str, pick("asr", args.asr, "standard")),
        locale=cast(str, pick("locale", args.locale, "ar_EG")),
        digits=_digits(pick("digits", args.digits, "latn")),
        clock=_clock(pick("clock", args.clock, "12h")),
        hijri_offset=cast(int, offset),
        days=days,
        news=source,
        news_limit=limit,
        imsakiya=cast("bool | None", pick("imsakiya", args.imsakiya, None)),
        script=cast(bool, pick("script", args.script, True)),
        site_name=cast("str | None", pick("site_name", args.site_name, None)),
    )
    _validate(settings)
    return settings


def _validate(settings: BuildSettings) -> None:
    """Fail before writing anything on a bad method, madhab, offset or locale."""
    Formatter(settings.locale, "UTC", settings.digits, settings.clock)
    for city in settings.cities:
        method = city.method or settings.method
        if method is not None:
            get_method(method)
        coerce(widgets.Asr, city.asr or settings.asr, "asr")
        offset = settings.hijri_offset if city.hijri_offset is None else city.hijri_offset
        if not -hijri.MAX_OFFSET <= offset <= hijri.MAX_OFFSET:
            raise InvalidInputError(
                "hijri_offset",
                offset,
                f"a whole number of days from {-hijri.MAX_OFFSET} to {hijri.MAX_OFFSET}",
            )


# --- writing files ------------------------------------------------------------------------------


class _Writer:
    """Writes files atomically under one folder and counts what changed."""

    def __init__(self, root: Path) -> None:
        if root.exists() and not root.is_dir():
            raise InvalidInputError("out", str(root), "a folder (or a path where one can be made)")
        self.root = root
        self.written = 0
        self.unchanged = 0

    def write(self, relative: str, data: str | bytes) -> Path:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        path = self.root / relative
        if path.is_file() and path.read_bytes() == payload:
            self.unchanged += 1
            return path
        write_atomic(path, payload)
        self.written += 1
        return path


def write_atomic(path: Path, payload: bytes) -> None:
    """Write ``payload`` to a temporary file beside ``path``, then rename it over ``path``.

    Readers see the old file or the new one, never a part. The file gets the
    mode of the file it replaces, or ``rw-r--r--``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.is_file() else _FILE_MODE
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class _Progress:
    """A tqdm bar on stderr when it is a terminal and tqdm is installed; else nothing."""

    def __init__(self, total: int, enabled: bool) -> None:
        self._bar: Any = None
        if not enabled or total < 2 or not sys.stderr.isatty():
            return
        try:
            from tqdm import tqdm
        except ImportError:
            return
        self._bar = tqdm(total=total, unit="page", desc=PROG, file=sys.stderr, leave=False)

    def step(self) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


# --- the demo pages -----------------------------------------------------------------------------

_BASE_PAGE: Final = """\
<!DOCTYPE html>
<html lang="{{ page.lang }}" dir="{{ page.dir }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{{ page.generator }}">
<title>{{ page.title }}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{ page.assets }}widgets.css">
<link rel="stylesheet" href="{{ page.assets }}page.css">
{% if page.script %}
<script src="{{ page.assets }}widgets.js" defer></script>
{% endif %}
</head>
<body>
<header class="site-header">
<p class="site-name"><a href="{{ page.home }}">{{ text.site_name }}</a></p>
{% if strip %}
{{ strip }}
{% endif %}
</header>
<main class="site-main">
{% block main %}{% endblock %}
</main>
<footer class="site-footer">
{% block footer %}{% endblock %}
<p>{{ text.built }} <time datetime="{{ page.built }}"><bdi>{{ page.built }}</bdi></time>
· <bdi>{{ page.generator }}</bdi> · {{ text.tz_database }} <bdi>{{ page.tz_database }}</bdi></p>
</footer>
</body>
</html>
"""

_CITY_FOOTER: Final = """\
<p class="site-method">{{ text.method }}: {{ city.method_name }}.
<bdi class="site-source">{{ city.method_source }}</bdi></p>
<ul class="site-links">
{% for link in links %}
<li><a href="{{ link.href }}">{{ link.label }}</a></li>
{% endfor %}
</ul>
"""

_ARTICLE_PAGE: Final = (
    """\
{% extends "base.html" %}
{% block main %}
<article class="site-article">
<h1>{{ text.headline }}</h1>
<p class="site-byline"><time datetime="{{ page.date_iso }}">{{ page.date }}</time></p>
{% for paragraph in text.body %}
<p>{{ paragraph }}</p>
{% endfor %}
</article>
{% if news %}
<aside class="site-aside">
{{ news }}
</aside>
{% endif %}
{% endblock %}
{% block footer %}
"""
    + _CITY_FOOTER
    + "{% endblock %}\n"
)

_TABLE_PAGE: Final = (
    """\
{% extends "base.html" %}
{% block main %}
<section class="site-wide">
<h1>{{ heading }}</h1>
{{ table }}
</section>
{% endblock %}
{% block footer %}
"""
    + _CITY_FOOTER
    + "{% endblock %}\n"
)

_CITIES_PAGE: Final = """\
{% extends "base.html" %}
{% block main %}
<section class="site-wide">
<h1>{{ text.cities }}</h1>
{% for entry in cities %}
<h2 class="site-city"><a href="{{ entry.href }}">{{ entry.name }}</a></h2>
{{ entry.strip }}
{% endfor %}
</section>
{% endblock %}
"""

_PAGE_CSS: Final = """\
/* Layout of the demo pages only; the widgets are styled by widgets.css. */
*, *::before, *::after { box-sizing: border-box; }
body {
  margin: 0;
  font-family: system-ui, "Segoe UI", Tahoma, "Noto Naskh Arabic", "Noto Sans Arabic", sans-serif;
  line-height: 1.7;
  color: #1a1a1a;
  background: #fafafa;
  overflow-wrap: anywhere;
}
a { color: #0a6b4b; }
.site-header, .site-main, .site-footer {
  max-width: 72rem;
  margin-inline: auto;
  padding-inline: 1rem;
}
.site-name { margin-block: 0.75rem; font-size: 1.25rem; font-weight: 700; }
.site-name a { color: inherit; text-decoration: none; }
.site-main { display: grid; gap: 1.5rem; }
.site-main > * { min-width: 0; }
.site-article h1 { margin-block: 0.5rem; font-size: 1.6rem; line-height: 1.4; }
.site-byline { color: #595959; font-size: 0.9rem; }
.site-footer {
  margin-block-start: 2rem;
  padding-block: 1rem;
  border-block-start: 1px solid #d9d9d9;
  color: #595959;
  font-size: 0.875rem;
}
.site-source { display: block; }
.site-links { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; padding: 0; list-style: none; }
@media (min-width: 900px) {
  .site-main { grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); }
  .site-wide { grid-column: 1 / -1; }
}
@media (prefers-color-scheme: dark) {
  body { color: #ececec; background: #121212; }
  a { color: #7fd1ae; }
  .site-byline, .site-footer { color: #b3b3b3; }
  .site-footer { border-color: #3a3a3a; }
}
"""

_TEXT: Final[Mapping[str, Mapping[str, str]]] = {
    "ar": {
        "site_name": "صحيفة المثال",
        "headline": "صفحة تجريبية: مواقيت الصلاة والأخبار ذات الصلة",
        "body1": (
            "هذه صفحة مثال تعرض ما تضيفه الحزمة إلى موقع إخباري: شريط مواقيت الصلاة"
            " في رأس الصفحة، وقائمة الأخبار ذات الصلة بجوار نص المقال."
        ),
        "body2": (
            "تُحسب المواقيت الستة لمدينة {city} بطريقة «{method}»، ويظهر معها التاريخان"
            " الميلادي والهجري، وتُميَّز الصلاة القادمة. وإذا تعذّر حساب وقت ما ظهرت"
            " مكانه شَرطة «—» بدلًا من وقت خاطئ."
        ),
        "body3": (
            "كل جزء ملف HTML مستقل يمكن تضمينه في أي قالب أو تقديمه ملفًا ثابتًا،"
            " ويُعاد توليده عند كل تشغيل مجدول دون أن يبقى ملف نصف مكتوب."
        ),
        "method": "طريقة الحساب",
        "month": "مواقيت الشهر",
        "ramadan": "إمساكية رمضان",
        "json": "المواقيت بصيغة JSON",
        "days": "يوم {date}",
        "built": "أُنشئت",
        "tz_database": "قاعدة المناطق الزمنية",
        "cities": "المدن",
    },
    "en": {
        "site_name": "The Sample Daily",
        "headline": "A sample page: prayer times and related news",
        "body1": (
            "This page shows what the package adds to a news site: the prayer strip in"
            " the page header and the related-news list beside the article text."
        ),
        "body2": (
            "The six times for {city} are computed with the {method} method and shown"
            " with the Gregorian and Hijri dates, the next prayer marked. A time that"
            " cannot be computed is shown as «—», never as a wrong time."
        ),
        "body3": (
            "Each part is a standalone HTML file that any template can include or a"
            " server can send as it is; a scheduled run rewrites it without ever"
            " leaving half a file behind."
        ),
        "method": "Calculation method",
        "month": "This month's times",
        "ramadan": "Ramadan timetable",
        "json": "Times as JSON",
        "days": "{date}",
        "built": "Built",
        "tz_database": "tz database",
        "cities": "Cities",
    },
}


@lru_cache(maxsize=1)
def _pages() -> jinja2.Environment:
    templates = {
        "base.html": _BASE_PAGE,
        "article.html": _ARTICLE_PAGE,
        "table.html": _TABLE_PAGE,
        "cities.html": _CITIES_PAGE,
    }
    return jinja2.Environment(
        loader=jinja2.DictLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _page(name: str, **context: object) -> str:
    return _pages().get_template(name).render(**context)


def _texts(lang: str, site_name: str | None) -> dict[str, Any]:
    base = dict(_TEXT["ar" if lang.split("-")[0] == "ar" else "en"])
    if site_name:
        base["site_name"] = site_name
    return base


# --- building -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _Run:
    """One place of a build with every setting resolved."""

    settings: BuildSettings
    city: City
    now: datetime
    items: tuple[Mapping[str, object], ...]
    folder: str  # "" or "<slug>/"

    @property
    def location(self) -> widgets.Location:
        return self.city.location

    @property
    def method(self) -> str | None:
        return self.city.method or self.settings.method

    @property
    def asr(self) -> str:
        return self.city.asr or self.settings.asr

    @property
    def offset(self) -> int:
        given = self.city.hijri_offset
        return self.settings.hijri_offset if given is None else given

    @property
    def today(self) -> date:
        return self.now.astimezone(self.location.zone).date()

    def method_object(self) -> widgets.Method:
        if self.method is None:
            return widgets.method_for_country(self.location.country)
        return get_method(self.method)

    def _strip_options(self) -> dict[str, Any]:
        return {
            "locale": self.settings.locale,
            "digits": self.settings.digits,
            "clock": self.settings.clock,
            "method": self.method,
            "hijri_offset": self.offset,
            "asr": self.asr,
        }

    def strip(self, now: datetime) -> render.Fragment:
        return render.render_prayer_strip(self.location, now=now, **self._strip_options())

    def strip_view(self, now: datetime) -> render.StripView:
        return render.strip_view(self.location, now=now, **self._strip_options())

    def news(self) -> render.Fragment:
        if not self.items:
            return render.Fragment("")
        return render.render_related_news(
            self.items,
            now=self.now,
            locale=self.settings.locale,
            digits=self.settings.digits,
            clock=self.settings.clock,
            limit=self.settings.news_limit,
            timezone=self.location.timezone,
        )

    def timetable(self, month: date, imsakiya: bool) -> render.Fragment:
        return render.render_timetable(
            self.location,
            month=month,
            now=self.now,
            locale=self.settings.locale,
            digits=self.settings.digits,
            clock=self.settings.clock,
            method=self.method,
            hijri_offset=self.offset,
            imsakiya=imsakiya,
            asr=self.asr,
        )

    def ramadan_month(self) -> date | None:
        wanted = self.settings.imsakiya
        if wanted is False:
            return None
        if _ramadan_days(self.today, self.offset):
            return self.today
        return _next_ramadan(self.today, self.offset) if wanted else None

    def dates(self) -> list[date]:
        count = self.settings.days or 1
        return [self.today + timedelta(days=number) for number in range(count)]


def _method_json(method: widgets.Method) -> dict[str, object]:
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
    }


def _location_json(location: widgets.Location) -> dict[str, object]:
    return {
        "slug": _slug(location),
        "name": location.name,
        "name_en": location.name_en,
        "country": location.country,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "elevation": location.elevation,
        "timezone": str(location.timezone),
    }


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


def _day_json(
    location: widgets.Location, day: date, method: str | None, asr: str, offset: int
) -> dict[str, object]:
    entry: dict[str, object] = {"date": day.isoformat()}
    try:
        converted = hijri.to_hijri(day, offset)
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
        entry[name] = cast(datetime, getattr(computed, name)).isoformat()
    return entry


def times_json(
    location: widgets.Location,
    days: Sequence[date],
    *,
    method: str | None,
    asr: str,
    hijri_offset: int,
    now: datetime,
) -> dict[str, object]:
    """The document of ``prayer-times.json``: the place, the method, and one entry per day.

    Times are ISO 8601 instants with the place's UTC offset; a day whose
    times do not exist under the method has ``null`` times and an ``error``.
    """
    chosen = widgets.method_for_country(location.country) if method is None else method
    source, version = zones.tz_database()
    return {
        "generator": f"{PROG} {widgets.__version__}",
        "generated_at": now.isoformat(),
        "location": _location_json(location),
        "method": _method_json(get_method(chosen)),
        "asr": widgets.Asr(asr).value,
        "hijri_offset": hijri_offset,
        "tz_database": {"source": source, "version": version},
        "days": [_day_json(location, day, method, asr, hijri_offset) for day in days],
    }


def _dumps(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _links(run: _Run, text: Mapping[str, Any], up: str, ramadan: bool) -> list[dict[str, str]]:
    links = [{"href": f"{up}month.html", "label": text["month"]}]
    if ramadan:
        links.append({"href": f"{up}ramadan.html", "label": text["ramadan"]})
    links.append({"href": f"{up}prayer-times.json", "label": text["json"]})
    if run.settings.days:
        for day in run.dates():
            label = text["days"].format(date=day.isoformat())
            links.append({"href": f"{up}days/{day.isoformat()}.html", "label": label})
    return links


def _build_city(run: _Run, writer: _Writer, progress: _Progress, assets: str) -> None:
    """Write the fragments, pages and JSON of one place under ``run.folder``."""
    method = run.method_object()
    settings = run.settings
    folder = run.folder
    view = run.strip_view(run.now)
    text = _texts(view.lang, settings.site_name)
    city_name = view.city
    method_name = method.name_ar if view.lang.startswith("ar") and method.name_ar else method.name
    text["body"] = [
        text["body1"],
        text["body2"].format(city=city_name, method=method_name),
        text["body3"],
    ]
    city = {"method_name": method_name, "method_source": method.source}
    source, version = zones.tz_database()

    def page(assets_prefix: str, home: str, title: str, date_iso: str, day_text: str) -> Any:
        return {
            "lang": view.lang,
            "dir": view.dir,
            "title": title,
            "assets": assets_prefix,
            "home": home,
            "script": settings.script,
            "generator": f"{PROG} {widgets.__version__}",
            "built": run.now.isoformat(),
            "tz_database": f"{source} {version}",
            "date_iso": date_iso,
            "date": day_text,
        }

    strip = run.strip(run.now)
    news_fragment = run.news()
    month = run.timetable(run.today, imsakiya=False)
    ramadan_month = run.ramadan_month()
    imsakiya = run.timetable(ramadan_month, imsakiya=True) if ramadan_month else None

    writer.write(f"{folder}prayer-strip.html", strip)
    writer.write(f"{folder}related-news.html", news_fragment)
    writer.write(f"{folder}timetable.html", month)
    if imsakiya is not None:
        writer.write(f"{folder}imsakiya.html", imsakiya)

    links = _links(run, text, "", imsakiya is not None)
    title = f"{text['headline']} · {city_name}"
    shared = {"text": text, "city": city, "links": links}
    home = f"{assets}index.html"
    index = page(assets, home, title, view.gregorian_iso, view.gregorian)
    writer.write(
        f"{folder}index.html",
        _page("article.html", page=index, strip=strip, news=news_fragment, **shared),
    )
    month_page = page(assets, home, f"{text['month']} · {city_name}", "", "")
    writer.write(
        f"{folder}month.html",
        _page(
            "table.html", page=month_page, strip=strip, heading=text["month"], table=month, **shared
        ),
    )
    if imsakiya is not None:
        ramadan_page = page(assets, home, f"{text['ramadan']} · {city_name}", "", "")
        writer.write(
            f"{folder}ramadan.html",
            _page(
                "table.html",
                page=ramadan_page,
                strip=strip,
                heading=text["ramadan"],
                table=imsakiya,
                **shared,
            ),
        )
    progress.step()

    if settings.days:
        day_links = _links(run, text, "../", imsakiya is not None)
        for number, day in enumerate(run.dates()):
            moment = run.now if number == 0 else _day_start(day, run.location.zone)
            day_strip = run.strip(moment)
            day_view = run.strip_view(moment)
            writer.write(f"{folder}days/{day.isoformat()}.prayer-strip.html", day_strip)
            day_page = page(
                f"../{assets}",
                f"../{home}",
                f"{text['days'].format(date=day.isoformat())} · {city_name}",
                day_view.gregorian_iso,
                day_view.gregorian,
            )
            writer.write(
                f"{folder}days/{day.isoformat()}.html",
                _page(
                    "article.html",
                    page=day_page,
                    strip=day_strip,
                    news=news_fragment,
                    text=text,
                    city=city,
                    links=day_links,
                ),
            )
            progress.step()

    document = times_json(
        run.location,
        run.dates(),
        method=run.method,
        asr=run.asr,
        hijri_offset=run.offset,
        now=run.now,
    )
    writer.write(f"{folder}prayer-times.json", _dumps(document))


def _news_items(source: Path | bool | None) -> tuple[Mapping[str, object], ...]:
    if source is False:
        return ()
    if source is None or source is True:
        data = resources.files("widgets").joinpath("data").joinpath(SAMPLE_NEWS).read_bytes()
        return tuple(news.load_news(data))
    return tuple(news.load_news(Path(source)))


def build(settings: BuildSettings, now: datetime, *, show_progress: bool = True) -> _Writer:
    """Write the whole site of ``settings`` as of the instant ``now``; return the writer."""
    writer = _Writer(settings.out)
    items = _news_items(settings.news)
    multi = len(settings.cities) > 1
    pages_per_city = 1 + (settings.days or 0)
    progress = _Progress(len(settings.cities) * pages_per_city, show_progress)
    try:
        templates = render.templates_path() / "widgets"
        writer.write("widgets.css", (templates / "widgets.css").read_bytes())
        if settings.script and (templates / "widgets.js").is_file():
            writer.write("widgets.js", (templates / "widgets.js").read_bytes())
        writer.write("page.css", _PAGE_CSS)
        runs = [
            _Run(
                settings=settings,
                city=city,
                now=now,
                items=items,
                folder=f"{_slug(city.location)}/" if multi else "",
            )
            for city in settings.cities
        ]
        for run in runs:
            _build_city(run, writer, progress, "../" if multi else "")
        if multi:
            _write_cities_index(runs, writer)
    finally:
        progress.close()
    return writer


def _write_cities_index(runs: Sequence[_Run], writer: _Writer) -> None:
    first = runs[0]
    view = first.strip_view(first.now)
    text = _texts(view.lang, first.settings.site_name)
    source, version = zones.tz_database()
    entries = [
        {
            "href": f"{run.folder}index.html",
            "name": run.strip_view(run.now).city,
            "strip": run.strip(run.now),
        }
        for run in runs
    ]
    page = {
        "lang": view.lang,
        "dir": view.dir,
        "title": f"{text['site_name']} · {text['cities']}",
        "assets": "",
        "home": "index.html",
        "script": first.settings.script,
        "generator": f"{PROG} {widgets.__version__}",
        "built": first.now.isoformat(),
        "tz_database": f"{source} {version}",
    }
    writer.write("index.html", _page("cities.html", page=page, text=text, strip="", cities=entries))


# --- commands -----------------------------------------------------------------------------------


def _cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    settings = build_settings(args)
    now = _parse_now(args.now)
    writer = build(settings, now, show_progress=not args.quiet)
    if not args.quiet:
        total = writer.written + writer.unchanged
        print(
            f"{PROG}: wrote {writer.written} of {total} files to {settings.out}"
            f" ({writer.unchanged} unchanged)",
            file=out,
        )
    return 0


def _single_place(args: argparse.Namespace) -> widgets.Location:
    custom = _city_from_options(args)
    if custom is not None:
        return custom.location
    return widgets.place(args.city or DEFAULT_CITY)


def _formatter(args: argparse.Namespace, location: widgets.Location) -> Formatter:
    return Formatter(args.locale, location.timezone, _digits(args.digits), _clock(args.clock))


def _table(rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip(), file=out)


def _hijri_text(formatter: Formatter, day: date, offset: int) -> str:
    try:
        return formatter.hijri_date(hijri.to_hijri(day, offset))
    except widgets.HijriRangeError:
        return ""


def _method_label(method: widgets.Method) -> str:
    return f"{method.slug}: {method.name}"


def _cmd_times(args: argparse.Namespace, out: TextIO) -> int:
    location = _single_place(args)
    now = _parse_now(args.now)
    day = _parse_date("date", args.date) if args.date else now.astimezone(location.zone).date()
    formatter = _formatter(args, location)
    computed = widgets.prayer_times(location, day, method=args.method, asr=args.asr)
    if args.json:
        document = times_json(
            location,
            [day],
            method=args.method,
            asr=args.asr,
            hijri_offset=args.hijri_offset,
            now=now,
        )
        out.write(_dumps(document))
        return 0
    names = " · ".join(dict.fromkeys(filter(None, (location.name_en, location.name))))
    dates = " · ".join(
        filter(
            None, (formatter.gregorian_date(day), _hijri_text(formatter, day, args.hijri_offset))
        )
    )
    print(f"{names or location.display_name} · {dates}", file=out)
    print(f"{location.timezone} · {_method_label(computed.method)}", file=out)
    print(file=out)
    rows = [
        (formatter.prayer_name(entry.prayer), formatter.time(entry.time), entry.time.isoformat())
        for entry in computed
    ]
    _table(rows, out)
    return 0


def _cmd_timetable(args: argparse.Namespace, out: TextIO) -> int:
    location = _single_place(args)
    now = _parse_now(args.now)
    month = _parse_month(args.month) if args.month else now.astimezone(location.zone).date()
    formatter = _formatter(args, location)
    if args.format == "html":
        fragment = render.render_timetable(
            location,
            month=month,
            now=now,
            locale=args.locale,
            digits=_digits(args.digits),
            clock=_clock(args.clock),
            method=args.method,
            hijri_offset=args.hijri_offset,
            imsakiya=args.imsakiya,
            asr=args.asr,
        )
        out.write(fragment + "\n")
        return 0
    days = _ramadan_days(month, args.hijri_offset) if args.imsakiya else _month_days(month)
    if not days:
        raise InvalidInputError("month", month.strftime("%Y-%m"), "a month with days of Ramadan")
    if args.format == "json":
        document = times_json(
            location,
            days,
            method=args.method,
            asr=args.asr,
            hijri_offset=args.hijri_offset,
            now=now,
        )
        out.write(_dumps(document))
        return 0
    prayers = list(widgets.Prayer)
    method = (
        get_method(args.method) if args.method else widgets.method_for_country(location.country)
    )
    print(f"{location.name_en or location.display_name} · {location.timezone}", file=out)
    print(_method_label(method), file=out)
    print(file=out)
    header = ["date", *(["hijri", "imsak"] if args.imsakiya else []), *(p.value for p in prayers)]
    rows: list[list[str]] = [header]
    for day in days:
        row = [day.isoformat()]
        try:
            computed: widgets.PrayerDay | None = widgets.prayer_times(
                location, day, method=args.method, asr=args.asr
            )
        except widgets.TimeUnavailableError:
            computed = None
        if args.imsakiya:
            row.append(hijri.to_hijri(day, args.hijri_offset).isoformat())
            row.append(formatter.time(computed.imsak) if computed else "—")
        row.extend(formatter.time(computed.time(p)) if computed else "—" for p in prayers)
        rows.append(row)
    _table(rows, out)
    return 0


def _default_countries() -> dict[str, list[str]]:
    """Method slug -> the countries of built-in places that use it by default."""
    countries = sorted({location.country for location in widgets.all_places() if location.country})
    found: dict[str, list[str]] = {}
    for country in countries:
        found.setdefault(widgets.method_for_country(country).slug, []).append(country)
    return found


def _cmd_places(args: argparse.Namespace, out: TextIO) -> int:
    places = list(widgets.all_places())
    if args.country:
        wanted = args.country.strip().upper()
        known = sorted({location.country for location in places})
        places = [location for location in places if location.country == wanted]
        if not places:
            raise UnknownNameError(
                "country",
                args.country,
                "the ISO code of a country with built-in places: " + ", ".join(known),
                _close(wanted, dict.fromkeys(known)),
            )
    if args.json:
        out.write(_dumps([_location_json(location) for location in places]))
        return 0
    rows = [("slug", "country", "timezone", "latitude", "longitude", "name", "name_ar")]
    rows += [
        (
            location.slug,
            location.country,
            str(location.timezone),
            f"{location.latitude:.4f}",
            f"{location.longitude:.4f}",
            location.name_en,
            location.name,
        )
        for location in places
    ]
    _table(rows, out)
    return 0


def _isha_text(method: widgets.Method) -> str:
    if method.isha_angle is not None:
        return f"Isha {method.isha_angle:g}°"
    text = f"Isha {method.isha_minutes:g} min after Maghrib"
    if method.isha_minutes_ramadan is not None:
        text += f" ({method.isha_minutes_ramadan:g} in Ramadan)"
    return text


def _cmd_methods(args: argparse.Namespace, out: TextIO) -> int:
    defaults = _default_countries()
    methods = list(widgets.METHODS.values())
    if args.json:
        documents = []
        for method in methods:
            document = _method_json(method)
            document["default_for"] = defaults.get(method.slug, [])
            documents.append(document)
        out.write(_dumps(documents))
        return 0
    for method in methods:
        title = method.name + (f" ({method.name_ar})" if method.name_ar else "")
        print(f"{method.slug}  {title}", file=out)
        parts = [f"Fajr {method.fajr_angle:g}°", _isha_text(method)]
        if method.maghrib_angle is not None:
            parts.append(f"Maghrib {method.maghrib_angle:g}°")
        moved = [
            f"{prayer.value} {method.adjustments[prayer]:+g}"
            for prayer in widgets.Prayer
            if method.adjustments[prayer]
        ]
        if moved:
            parts.append("adjustments " + ", ".join(moved) + " min")
        if method.slug in defaults:
            parts.append("default in " + ", ".join(defaults[method.slug]))
        print("    " + "; ".join(parts), file=out)
        if method.source:
            print(f"    source: {method.source}", file=out)
    return 0


# --- the parser ---------------------------------------------------------------------------------

_BUILD_EPILOG: Final = """\
files (under --out; with several cities, under --out/<slug>/ and an index.html
listing them): index.html (a demo page: the strip in the header, an article,
the related-news list), month.html, ramadan.html, the bare fragments
prayer-strip.html, related-news.html, timetable.html and imsakiya.html (when
the month has days of Ramadan, or with --imsakiya), prayer-times.json, and
with --days N days/YYYY-MM-DD.html and days/YYYY-MM-DD.prayer-strip.html;
widgets.css, widgets.js and page.css at the top.

site.toml (--config): top-level keys out, cities, method, asr, locale,
digits, clock, hijri_offset, days, news (a path, or false), news_limit,
imsakiya, script, site_name. cities is a list of place names or tables with
place, or latitude, longitude, timezone (and elevation, name, name_en,
country, slug), each optionally with its own method, asr and hijri_offset.
Paths in the file, and the default out, are relative to the file. Options
given on the command line win.
"""


def _place_options(parser: argparse.ArgumentParser, repeat: bool) -> None:
    group = parser.add_argument_group("place")
    if repeat:
        group.add_argument(
            "--city",
            action="append",
            metavar="NAME",
            help="a built-in place, by slug, English or Arabic name (repeatable; default cairo)",
        )
    else:
        group.add_argument(
            "--city", metavar="NAME", help="a built-in place (slug, English or Arabic name)"
        )
    group.add_argument("--lat", type=float, metavar="DEG", help="latitude of a place of your own")
    group.add_argument("--lon", type=float, metavar="DEG", help="its longitude (east positive)")
    group.add_argument("--tz", metavar="ZONE", help="its IANA time zone, such as Africa/Cairo")
    group.add_argument("--elevation", type=float, default=0.0, metavar="M", help="its elevation")
    group.add_argument("--name", help="its Arabic (display) name")
    group.add_argument("--name-en", dest="name_en", help="its English name")
    group.add_argument(
        "--country", metavar="CC", help="its ISO country code (picks the default method)"
    )


def _time_options(
    parser: argparse.ArgumentParser, *, locale: str | None, clock: str | None
) -> None:
    group = parser.add_argument_group("computing and formatting")
    group.add_argument(
        "--method", help="a method slug (see the methods command); default: the country's"
    )
    group.add_argument("--asr", choices=_ASR, default=None if locale is None else "standard")
    group.add_argument("--locale", default=locale, help=f"a locale (default {locale or 'ar_EG'})")
    group.add_argument("--digits", choices=_DIGITS, default=None if locale is None else "latn")
    group.add_argument("--clock", choices=_CLOCKS, default=clock, help="12h or 24h")
    group.add_argument(
        "--hijri-offset",
        dest="hijri_offset",
        type=int,
        default=None if locale is None else 0,
        metavar="DAYS",
        help="shift the Hijri date by -2..2 days",
    )
    group.add_argument(
        "--now",
        metavar="INSTANT",
        help="the instant to build for, ISO 8601 with an offset (default: the clock)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Prayer-time strips and related-news lists for Arabic news sites.",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {widgets.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build_parser = commands.add_parser(
        "build",
        help="write the fragments, a demo page, CSS and JSON to a folder",
        description="Write the widgets of one or more places as static files.",
        epilog=_BUILD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    _place_options(build_parser, repeat=True)
    _time_options(build_parser, locale=None, clock=None)
    site = build_parser.add_argument_group("site")
    site.add_argument("--out", metavar="DIR", help=f"output folder (default {DEFAULT_OUT}/)")
    site.add_argument("--config", metavar="TOML", help="a site.toml with cities and settings")
    site.add_argument("--days", type=int, metavar="N", help="also write a page for each of N days")
    site.add_argument("--news", metavar="FILE", help="news items: a JSON list, or an RSS/Atom feed")
    site.add_argument("--no-news", dest="no_news", action="store_true", help="no related news")
    site.add_argument("--news-limit", dest="news_limit", type=int, metavar="N", help="default 6")
    site.add_argument(
        "--imsakiya",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="build the Ramadan imsakiya (default: when the month has days of Ramadan)",
    )
    site.add_argument(
        "--script",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="copy widgets.js and load it from the pages (default: yes)",
    )
    site.add_argument("--site-name", dest="site_name", help="the name in the demo page header")
    site.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    build_parser.set_defaults(run=_cmd_build)

    times_parser = commands.add_parser(
        "times", help="print a day's times for a place", allow_abbrev=False
    )
    _place_options(times_parser, repeat=False)
    _time_options(times_parser, locale="en", clock="24h")
    times_parser.add_argument("--date", help="the day, YYYY-MM-DD (default: today there)")
    times_parser.add_argument("--json", action="store_true", help="print JSON")
    times_parser.set_defaults(run=_cmd_times)

    table_parser = commands.add_parser(
        "timetable", help="print a month's times for a place", allow_abbrev=False
    )
    _place_options(table_parser, repeat=False)
    _time_options(table_parser, locale="en", clock="24h")
    table_parser.add_argument("--month", help="the month, YYYY-MM (default: this month there)")
    table_parser.add_argument(
        "--imsakiya", action="store_true", help="the days of the Ramadan in that month, with Imsak"
    )
    table_parser.add_argument("--format", choices=("text", "json", "html"), default="text")
    table_parser.set_defaults(run=_cmd_timetable)

    places_parser = commands.add_parser(
        "places", help="list the built-in places", allow_abbrev=False
    )
    places_parser.add_argument("--country", metavar="CC", help="only this ISO country code")
    places_parser.add_argument("--json", action="store_true", help="print JSON")
    places_parser.set_defaults(run=_cmd_places)

    methods_parser = commands.add_parser(
        "methods", help="list the calculation methods and their sources", allow_abbrev=False
    )
    methods_parser.add_argument("--json", action="store_true", help="print JSON")
    methods_parser.set_defaults(run=_cmd_methods)
    return parser


# --- main ---------------------------------------------------------------------------------------


def _message(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        text = f"{error.filename}: {error.strerror or error}"
        if error.filename2 is not None:
            text = f"{error.filename} -> {error.filename2}: {error.strerror or error}"
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.splitlines())


def _exit_status(stop: SystemExit) -> int:
    if stop.code is None:
        return 0
    return stop.code if isinstance(stop.code, int) else 2


@contextlib.contextmanager
def _warnings_to_stderr() -> Iterator[None]:
    """Show the package's warnings (a skipped news item...) as ``prog: warning: ...`` lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"{PROG}: warning: %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("widgets")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    0: done; 1: a bad value or an unreadable or unwritable file, reported on
    one line of stderr; 2: a usage error; 130: interrupted.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.error("choose a command: build, times, timetable, places or methods")
    except SystemExit as stop:
        return _exit_status(stop)
    run = cast(Callable[[argparse.Namespace, TextIO], int], args.run)
    with _warnings_to_stderr():
        try:
            return run(args, sys.stdout)
        except _UsageError as error:
            print(f"{PROG} {args.command}: error: {error}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print(f"{PROG}: interrupted", file=sys.stderr)
            return _INTERRUPTED
        except BrokenPipeError:
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            return 0
        except (WidgetsError, ValueError, OSError) as error:
            print(f"{PROG}: error: {_message(error)}", file=sys.stderr)
            return 1
