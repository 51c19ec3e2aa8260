"""The Flask extension: ``PrayerWidgets(app)`` or ``PrayerWidgets().init_app(app)``.

It installs the widgets into ``app.jinja_env`` (the globals ``prayer_strip``,
``related_news`` and ``prayer_timetable``, our templates behind the app's)
and sets ``Cache-Control: max-age`` and ``Expires`` on a response from the
earliest ``expires_at`` of the widgets rendered into it. Configuration, read
at ``init_app``:

============================  ===================================================
``PRAYER_WIDGETS_PLACE``      the place when a template gives none
``PRAYER_WIDGETS_LOCALE``     ``"ar_EG"``...; also ``_DIGITS``, ``_CLOCK``
                              (``"12h"``/``"24h"``), ``_METHOD``,
                              ``_HIJRI_OFFSET``, ``_ASR``, ``_HIJRI_MONTH_STARTS``
                              (a path to a newer file of announced Hijri months)
``PRAYER_WIDGETS_TIMEZONE``   the site's zone for news stamps (default: each
                              item's own offset)
``PRAYER_WIDGETS_CACHE``      ``False`` leaves cache headers alone
``PRAYER_WIDGETS_NOW``        a callable returning an aware datetime (tests)
============================  ===================================================
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import Final

import widgets

try:
    from flask import Flask, Response, g, request
except ImportError as error:
    raise widgets.MissingExtraError(
        'widgets.contrib.flask needs Flask: pip install "prayer-news-widgets[flask]"'
    ) from error

__all__ = ["CONFIG_PREFIX", "PrayerWidgets"]

CONFIG_PREFIX: Final = "PRAYER_WIDGETS_"
_DEFAULT_KEYS: Final = widgets.SITE_DEFAULTS
_EXPIRY: Final = "_prayer_widgets_expiry"
_CACHEABLE_METHODS: Final = frozenset({"GET", "HEAD"})
_CACHEABLE_STATUS: Final = frozenset({200, 203, 300, 301, 404, 410})


class PrayerWidgets:
    """The widgets in a Flask app; the app is kept in ``app.extensions["prayer_widgets"]``."""

    def __init__(
        self, app: Flask | None = None, *, clock: Callable[[], datetime] | None = None
    ) -> None:
        self.clock = clock
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Install the widgets into ``app``'s templates and hook the cache headers."""
        config = app.config
        defaults = {key: config.get(CONFIG_PREFIX + key.upper()) for key in _DEFAULT_KEYS}
        clock = self.clock or config.get(CONFIG_PREFIX + "NOW")
        widgets.install(
            app.jinja_env,
            timezone=config.get(CONFIG_PREFIX + "TIMEZONE"),
            clock=clock,
            defaults=defaults,
        )
        app.extensions["prayer_widgets"] = self
        if config.get(CONFIG_PREFIX + "CACHE", True) is False:
            return
        app.before_request(_start)
        app.after_request(_cache_headers)
        app.teardown_request(_stop)


def _start() -> None:
    expiry = widgets.ResponseExpiry()
    expiry.__enter__()
    setattr(g, _EXPIRY, expiry)


def _cache_headers(response: Response) -> Response:
    expiry: widgets.ResponseExpiry | None = g.get(_EXPIRY)
    if (
        expiry is None
        or expiry.expires_at is None
        or request.method not in _CACHEABLE_METHODS
        or response.status_code not in _CACHEABLE_STATUS
    ):
        return response
    control = response.cache_control
    if control.no_store or control.private or control.no_cache:
        return response
    max_age = expiry.max_age()
    if max_age is not None:
        control.max_age = max_age if control.max_age is None else min(control.max_age, max_age)
    if response.expires is None:
        response.headers["Expires"] = expiry.headers()["Expires"]
    return response


def _stop(error: BaseException | None) -> None:
    expiry: widgets.ResponseExpiry | None = g.pop(_EXPIRY, None)
    if expiry is not None:
        with contextlib.suppress(ValueError, IndexError):  # a context the request left
            expiry.__exit__(None, None, None)
