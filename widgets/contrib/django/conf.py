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
``USE_TZ = False`` each item keeps the offset it was published with. The
setting is read at each render, so ``override_settings`` works.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import Any, Final

from django.conf import settings
from django.utils import timezone as django_timezone
from django.utils.module_loading import import_string

import widgets

__all__ = ["OWN_KEYS", "cache_headers_enabled", "helpers", "site_settings"]

OWN_KEYS: Final = ("timezone", "cache_headers", "now")
"""The keys of ``PRAYER_WIDGETS`` beyond the site defaults of :func:`widgets.install`."""


def site_settings() -> dict[str, Any]:
    """``PRAYER_WIDGETS`` as a dict (empty when the setting is absent)."""
    value = getattr(settings, "PRAYER_WIDGETS", None) or {}
    if not isinstance(value, Mapping):
        raise widgets.InvalidInputError("PRAYER_WIDGETS", value, "a dict of settings")
    return dict(value)


def _clock(value: object) -> Callable[[], datetime] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = import_string(value)
    if not callable(value):
        raise widgets.InvalidInputError(
            "PRAYER_WIDGETS['now']", value, "a callable returning an aware datetime, or its path"
        )
    clock: Callable[[], datetime] = value
    return clock


def _zone(value: object) -> str | tzinfo | None:
    if value is not None:
        if not isinstance(value, (str, tzinfo)):
            raise widgets.InvalidInputError(
                "PRAYER_WIDGETS['timezone']", value, "an IANA zone name such as 'Africa/Cairo'"
            )
        return value
    if getattr(settings, "USE_TZ", True):
        current: tzinfo = django_timezone.get_current_timezone()
        return current
    return None


def helpers() -> dict[str, Callable[..., Any]]:
    """The template helpers of :func:`widgets.widget_globals` with this site's settings."""
    config = site_settings()
    own = {key: config.pop(key, None) for key in OWN_KEYS}
    return widgets.widget_globals(
        clock=_clock(own["now"]), timezone=_zone(own["timezone"]), defaults=config
    )


def cache_headers_enabled() -> bool:
    """Whether the middleware sets cache headers (``PRAYER_WIDGETS['cache_headers']``)."""
    return site_settings().get("cache_headers", True) is not False
