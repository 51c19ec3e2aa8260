"""The ``PRAYER_WIDGETS`` setting: the site's defaults for the tags and the middleware.

::

    PRAYER_WIDGETS = {
        "place": "cairo",          # the strip's and timetable's place when a tag gives none
        "locale": "ar_EG", "digits": "latn", "clock": "12h",
        "method": None,            # default: the place's country's authority
        "hijri_offset": 0, "asr": "standard",
        "hijri_month_starts": None,  # a newer file of announced Hijri months (a path)
        "timezone": None,          # news stamps: default Django's current time zone
        "cache_headers": True,     # the middleware sets Cache-Control and Expires
        "now": None,               # a callable returning an aware datetime (tests)
    }

Every key is optional. News stamps are shown in ``timezone`` when it is set,
else in Django's current time zone (``TIME_ZONE``, or the one a view or
middleware chose with ``django.utils.timezone.activate``); with
``USE_TZ = False`` each item keeps the offset it was published with.

The setting is checked once for each value it takes (so ``override_settings``
works), and the file of month starts is read again when it changes. A
mistake in the setting (an unknown key, an unknown zone, a file that cannot be
read) is reported by ``manage.py check`` (``prayer_widgets.E001``) and logged
once as an error on the ``widgets`` logger; until it is fixed the tags show
their fallback (a strip with «—», no news, no timetable) instead of failing
the page.
"""

from __future__ import annotations

import difflib
import logging
import threading
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import Any, Final, NamedTuple

from django.conf import settings
from django.core import checks
from django.utils import timezone as django_timezone
from django.utils.module_loading import import_string

import widgets

__all__ = [
    "KEYS",
    "OWN_KEYS",
    "cache_headers_enabled",
    "check_setting",
    "helpers",
    "site_settings",
]

OWN_KEYS: Final = ("timezone", "cache_headers", "now")
"""The keys of ``PRAYER_WIDGETS`` beyond the site defaults of :func:`widgets.install`."""
KEYS: Final = (*widgets.SITE_DEFAULTS, *OWN_KEYS)
"""Every key of ``PRAYER_WIDGETS``."""


def site_settings() -> dict[str, Any]:
    """``PRAYER_WIDGETS`` as a dict (empty when the setting is absent)."""
    value = _setting()
    if not isinstance(value, Mapping):
        raise widgets.InvalidInputError("PRAYER_WIDGETS", value, "a dict of settings")
    return dict(value)


def _setting() -> object:
    return getattr(settings, "PRAYER_WIDGETS", None) or {}


class _Refused(Exception):
    """A mistake in ``PRAYER_WIDGETS``, in words naming the key and what is allowed."""


class _Site(NamedTuple):
    """``PRAYER_WIDGETS`` checked: what the tags need, or why the setting is refused."""

    value: object  # a copy of the setting as it was checked, to see it change
    problem: str | None
    clock: Callable[[], datetime] | None
    zone: str | tzinfo | None  # the setting's own zone for news stamps
    defaults: dict[str, Any]
    cache_headers: bool
    helpers: dict[object, dict[str, Callable[..., Any]]]  # one set per news zone


def _clock(value: object) -> Callable[[], datetime] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = import_string(value)
    if not callable(value):
        raise widgets.InvalidInputError(
            "now", value, "a callable returning an aware datetime, or its path"
        )
    clock: Callable[[], datetime] = value
    return clock


def _refused(key: str, error: Exception) -> _Refused:
    return _Refused(f"PRAYER_WIDGETS[{key!r}] is refused: {error}")


def _check(value: object) -> _Site:
    """Check the setting ``value`` (the file of month starts is read)."""
    copy = dict(value) if isinstance(value, Mapping) else value
    cache_headers = not isinstance(value, Mapping) or value.get("cache_headers") is not False
    try:
        clock, zone, defaults = _parse(value)
    except _Refused as refusal:
        return _Site(copy, str(refusal), None, None, {}, cache_headers, {})
    return _Site(copy, None, clock, zone, defaults, cache_headers, {})


def _parse(
    value: object,
) -> tuple[Callable[[], datetime] | None, str | tzinfo | None, dict[str, Any]]:
    if not isinstance(value, Mapping):
        raise _Refused(widgets.InvalidInputError("PRAYER_WIDGETS", value, "a dict of settings"))
    for key in value:
        if key not in KEYS:
            close = [known for known in KEYS if key and known.startswith(str(key))]
            close = close or difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise _Refused(
                f"PRAYER_WIDGETS has no key {key!r}{hint}; its keys are {', '.join(KEYS)}"
            )
    defaults = dict(value)
    own = {key: defaults.pop(key, None) for key in OWN_KEYS}
    if own["cache_headers"] not in (None, True, False):
        error = widgets.InvalidInputError("cache_headers", own["cache_headers"], "True or False")
        raise _refused("cache_headers", error)
    try:
        clock = _clock(own["now"])
    except (widgets.WidgetsError, ImportError) as error:
        raise _refused("now", error) from None
    try:
        widgets.widget_globals(timezone=own["timezone"])  # an unknown zone is refused here
    except widgets.WidgetsError as error:
        raise _refused("timezone", error) from None
    try:
        widgets.widget_globals(defaults=defaults)  # the file of month starts is read here
    except widgets.WidgetsError as error:
        raise _refused("hijri_month_starts", error) from None
    return clock, own["timezone"], defaults


_last: _Site | None = None
_checking = threading.Lock()


def _site() -> _Site:
    """The setting as checked, checked again (and a mistake logged) only when it changes."""
    global _last
    value = _setting()
    site = _last
    if site is not None and site.value == value:
        return site
    with _checking:
        if _last is None or _last.value != value:
            _last = _check(value)
            if _last.problem is not None:
                logging.getLogger("widgets").error(
                    "%s; the prayer widgets show their fallback until it is fixed", _last.problem
                )
        return _last


def _news_zone() -> str | tzinfo | None:
    if getattr(settings, "USE_TZ", True):
        current: tzinfo = django_timezone.get_current_timezone()
        return current
    return None


def helpers() -> dict[str, Callable[..., Any]]:
    """The template helpers of :func:`widgets.widget_globals` with this site's settings.

    While the setting is refused, those of :func:`widgets.fallback_globals`.
    """
    site = _site()
    if site.problem is not None:
        return widgets.fallback_globals()
    zone = site.zone if site.zone is not None else _news_zone()
    found = site.helpers.get(zone)
    if found is None:
        try:
            found = widgets.widget_globals(clock=site.clock, timezone=zone, defaults=site.defaults)
        except widgets.WidgetsError as error:  # a file of month starts deleted since
            logging.getLogger("widgets").warning("prayer widgets show their fallback: %s", error)
            return widgets.fallback_globals()
        site.helpers[zone] = found
    return found


def cache_headers_enabled() -> bool:
    """Whether the middleware sets cache headers (``PRAYER_WIDGETS['cache_headers']``)."""
    return _site().cache_headers


def check_setting(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    """Django's system check of ``PRAYER_WIDGETS``: a mistake in it is an error."""
    problem = _check(_setting()).problem
    if problem is None:
        return []
    hint = "Until it is fixed, the prayer widget tags show their fallback."
    return [checks.Error(problem, hint=hint, id="prayer_widgets.E001")]
