"""Host integration: our templates and helpers in a site's own Jinja2 environment.

:func:`install` adds our loader behind the host's and registers the template
globals of :func:`widget_globals`. Unlike the Python API, the globals never
raise into the host page: a bad argument logs a warning on
``logging.getLogger("widgets")`` and the page gets an honest fallback (a
strip with «—» for every time, or no news list).

Every fragment the globals render is reported to the :class:`ResponseExpiry`
active in the current context, so a host can set HTTP cache headers for the
whole response (:func:`cache_headers`); the Django and Flask integrations do.
"""

from __future__ import annotations

import inspect
import math
import os
import threading
from collections.abc import Callable, Mapping
from contextvars import ContextVar, Token
from datetime import date, datetime, timezone, tzinfo
from functools import lru_cache
from types import TracebackType
from typing import Any, Final, TypeVar

import jinja2

from .errors import InvalidInputError, WidgetsError, logger
from .headlines import PUBLISHED_OFFSET, NewsView, news_view
from .hijri import MonthStarts, load_month_starts
from .places import Location, as_location
from .prayer import FIRST_DATE, LAST_DATE
from .render import (
    NEWS_TEMPLATE,
    STRIP_TEMPLATE,
    TIMETABLE_TEMPLATE,
    Fragment,
    WidgetsLoader,
    environment,
    news_fragment,
    render_prayer_strip,
    render_related_news,
    render_template,
    render_timetable,
    template_loader,
)
from .views import StripView, fallback_strip_view, strip_view
from .zones import get_zone

__all__ = [
    "DEFAULT_PREFIX",
    "SITE_DEFAULTS",
    "ResponseExpiry",
    "cache_headers",
    "fallback_globals",
    "install",
    "widget_globals",
]


DEFAULT_PREFIX: Final = "widgets_default"
"""Prefix under which :func:`install` also serves our templates, so an override can extend them."""


SITE_DEFAULTS: Final = (
    "place",
    "locale",
    "digits",
    "clock",
    "method",
    "hijri_offset",
    "asr",
    "hijri_month_starts",
    "jumuah",
    "coming_days",
)
"""The keys of ``defaults=``: a site's place and settings, used when a template leaves them out.

``hijri_month_starts`` is a path to a newer file of announced Hijri month starts (see
:func:`~widgets.hijri.load_month_starts`), read again when it changes."""
_NEWS_DEFAULTS: Final = ("locale", "digits", "clock")


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


# --- the per-response expiry --------------------------------------------------------------------


class ResponseExpiry:
    """The earliest ``expires_at`` of the fragments rendered into one response.

    Use it as a context manager around the rendering of a response: while it
    is active (in this thread or task, and in those started from it), every
    fragment that the template globals render reports to it. ``expires_at``
    is then the first instant at which something on the page changes, and
    ``rendered_at`` the instant the fragments were rendered for (the
    globals' clock), both ``None`` when no fragment had an expiry.

    >>> from datetime import datetime, timezone
    >>> with ResponseExpiry() as expiry:
    ...     _ = widget_globals(clock=lambda: datetime(2025, 4, 30, 12, tzinfo=timezone.utc))[
    ...         "prayer_strip"]("cairo")
    >>> expiry.expires_at.isoformat(), expiry.max_age()
    ('2025-04-30T16:29:00+03:00', 5340)
    """

    expires_at: datetime | None
    rendered_at: datetime | None

    def __init__(self) -> None:
        self.expires_at = None
        self.rendered_at = None
        self._lock = threading.Lock()
        self._tokens: list[Token[ResponseExpiry | None]] = []

    def add(self, expires_at: datetime | None, now: datetime) -> None:
        """Take the expiry of a fragment rendered for the instant ``now`` into account."""
        if expires_at is None:
            return
        with self._lock:
            if self.expires_at is None or expires_at < self.expires_at:
                self.expires_at = expires_at
            if self.rendered_at is None or now < self.rendered_at:
                self.rendered_at = now

    def max_age(self) -> int | None:
        """Whole seconds from ``rendered_at`` to ``expires_at`` (at least 0), or ``None``."""
        if self.expires_at is None or self.rendered_at is None:
            return None
        return max(0, math.floor((self.expires_at - self.rendered_at).total_seconds()))

    def headers(self) -> dict[str, str]:
        """``Cache-Control`` and ``Expires`` for the response; see :func:`cache_headers`."""
        if self.expires_at is None or self.rendered_at is None:
            return {}
        return cache_headers(self.expires_at, self.rendered_at)

    def __enter__(self) -> ResponseExpiry:
        self._tokens.append(_CURRENT.set(self))
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        _CURRENT.reset(self._tokens.pop())

    def __repr__(self) -> str:
        return f"ResponseExpiry(expires_at={self.expires_at!r}, rendered_at={self.rendered_at!r})"


_CURRENT: ContextVar[ResponseExpiry | None] = ContextVar("widgets_response_expiry", default=None)
_Result = TypeVar("_Result")


def _report(fragment: Fragment, now: datetime) -> Fragment:
    current = _CURRENT.get()
    if current is not None:
        current.add(fragment.expires_at, now)
    return fragment


def _http_date(moment: datetime) -> str:
    """An instant as HTTP writes dates: ``Wed, 30 Apr 2025 02:00:00 GMT``."""
    from email.utils import format_datetime  # here: email is slow to import, and rarely needed

    return format_datetime(moment.astimezone(timezone.utc), usegmt=True)


def cache_headers(expires_at: datetime, now: datetime) -> dict[str, str]:
    """HTTP headers that let a response be cached from ``now`` until ``expires_at``.

    ``Cache-Control: max-age`` in whole seconds (never negative) and
    ``Expires`` as an HTTP date.

    >>> from datetime import datetime, timezone
    >>> at = datetime(2025, 4, 30, 12, tzinfo=timezone.utc)
    >>> cache_headers(at.replace(hour=13, minute=34), at)
    {'Cache-Control': 'max-age=5640', 'Expires': 'Wed, 30 Apr 2025 13:34:00 GMT'}
    """
    for field, value in (("expires_at", expires_at), ("now", now)):
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise InvalidInputError(field, value, "a timezone-aware datetime")
    seconds = max(0, math.floor((expires_at - now).total_seconds()))
    return {
        "Cache-Control": f"max-age={seconds}",
        "Expires": _http_date(expires_at),
    }


def _check_defaults(defaults: Mapping[str, Any] | None) -> dict[str, Any]:
    if defaults is None:
        return {}
    if not isinstance(defaults, Mapping):
        raise InvalidInputError("defaults", defaults, "a mapping of " + ", ".join(SITE_DEFAULTS))
    for key in defaults:
        if key not in SITE_DEFAULTS:
            raise InvalidInputError("defaults", key, "a key among " + ", ".join(SITE_DEFAULTS))
    checked = {key: value for key, value in defaults.items() if value is not None}
    starts = checked.get("hijri_month_starts")
    if isinstance(starts, (str, os.PathLike)):
        checked["hijri_month_starts"] = _StartsFile(starts)
    return checked


class _StartsFile:
    """A site's file of announced month starts, read again when it changes.

    It is read at install, so a bad file fails there; a change that cannot
    be read later is logged, and the file is used as it was last read.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path
        self.last = load_month_starts(path)

    def read(self) -> MonthStarts:
        try:
            self.last = load_month_starts(self.path)  # cached while the file is unchanged
        except WidgetsError as error:
            logger.warning("hijri_month_starts is used as it was last read: %s", error)
        return self.last


def widget_globals(
    env: jinja2.Environment | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
    timezone: str | tzinfo | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> dict[str, Callable[..., Any]]:
    """Return the template helpers that :func:`install` registers, bound to ``env``.

    - ``prayer_strip(location, **options)`` -> :class:`~widgets.render.Fragment`
    - ``related_news(items, **options)`` -> :class:`~widgets.render.Fragment`
    - ``prayer_timetable(location, **options)`` -> :class:`~widgets.render.Fragment`
      (``month`` defaults to the current month there)
    - ``prayer_strip_view(location, **options)`` -> :class:`~widgets.views.StripView`,
      and ``related_news_view(items, **options)`` -> :class:`~widgets.headlines.NewsView`,
      for ``{% include "widgets/prayer_strip.html" %}`` with ``strip`` set.

    Options are those of :func:`~widgets.render_prayer_strip` and
    :func:`~widgets.render_related_news`; ``now`` defaults to ``clock()``
    (UTC now when no clock is given). ``defaults`` holds the site's own
    settings (keys :data:`SITE_DEFAULTS`: ``place`` is the location when a
    template gives none), which a template's options override. News stamps
    are shown in ``timezone``, the site's zone, or, when it is ``None``, each
    in the offset its item was published with (never in the UTC of the clock).
    The helpers never raise into the page: a bad argument (a value refused,
    one of a type that does not fit, a variable the template does not have)
    logs a warning on ``logging.getLogger("widgets")`` and they return a strip
    with «—» for every time, or nothing for the news and the timetable.
    Fragments are rendered with ``env``'s templates (so a host's override is
    used), or ours when ``env`` is None.
    """
    read_clock = clock or _utc_now
    if timezone is not None:
        get_zone(timezone)  # an unknown zone fails at install, not in a page
    site = _check_defaults(defaults)
    place_default = site.pop("place", None)
    starts_file = site.get("hijri_month_starts")
    if not isinstance(starts_file, _StartsFile):
        starts_file = None
    news_defaults: dict[str, Any] = {key: site[key] for key in _NEWS_DEFAULTS if key in site}

    # With auto_reload off, Jinja2 never looks for changed templates, so whether the host
    # overrides ours is decided once per template name.
    decided: dict[str, bool] = {}

    def ours(name: str) -> bool:
        assert env is not None
        if env.auto_reload:
            return _renders_ours(env, name)
        if name not in decided:
            decided[name] = _renders_ours(env, name)
        return decided[name]

    def _now(options: dict[str, Any]) -> Any:
        """The template's ``now``, or the clock's (never tested for truth: it may be Undefined)."""
        now = options.get("now")
        return read_clock() if now is None else now

    def _strip_args(
        args: tuple[Any, ...], options: dict[str, Any]
    ) -> tuple[Any, tuple[Any, ...], dict[str, Any]]:
        """The place (the site's when left out), the other positional arguments, and the
        options over the site's defaults with ``now`` filled in from the clock."""
        location = args[0] if args else options.pop("location", None)
        if options.get("now") is None:
            options["now"] = read_clock()
        merged = {**site, **options}
        if starts_file is not None and "hijri_month_starts" not in options:
            merged["hijri_month_starts"] = starts_file.read()
        return (place_default if location is None else location), args[1:], merged

    def prayer_strip_view(*args: Any, **options: Any) -> StripView:
        location, extra, merged = _strip_args(args, options)
        refused = "prayer strip for %r shows no times"
        view = _call("prayer_strip", strip_view, (location, *extra), merged, refused, location)
        return _fallback_strip(location, merged) if view is None else view

    def prayer_strip(*args: Any, **options: Any) -> Fragment:
        if env is None or ours(STRIP_TEMPLATE):  # the cached fragments serve
            location, extra, merged = _strip_args(args, options)
            refused = "prayer strip for %r shows no times"
            call = (location, *extra)
            strip = _call("prayer_strip", render_prayer_strip, call, merged, refused, location)
            if strip is not None:
                return _report(strip, merged["now"])
            view = _fallback_strip(location, merged)
            return Fragment(render_template(environment(), STRIP_TEMPLATE, strip=view), None)
        now = _now(options)
        view = prayer_strip_view(*args, **{**options, "now": now})
        fragment = Fragment(render_template(env, STRIP_TEMPLATE, strip=view), view.expires_at)
        return _report(fragment, now)

    def _news_options(options: dict[str, Any]) -> dict[str, Any]:
        """The options over the site's defaults, with ``now`` and the news zone filled in."""
        merged = {**news_defaults, **options}
        if merged.get("now") is None:
            merged["now"] = read_clock()
        if merged.get("timezone") is None:
            merged["timezone"] = PUBLISHED_OFFSET if timezone is None else timezone
        return merged

    def related_news_view(*args: Any, **options: Any) -> NewsView:
        merged = _news_options(options)
        view = _call("related_news", news_view, args, merged, "related news not shown")
        return _no_news() if view is None else view

    def related_news(*args: Any, **options: Any) -> Fragment:
        merged = _news_options(options)
        if env is None or ours(NEWS_TEMPLATE):  # the cached fragments serve
            news = _call(
                "related_news", render_related_news, args, merged, "related news not shown"
            )
            return Fragment("", None) if news is None else _report(news, merged["now"])
        view = _call("related_news", news_view, args, merged, "related news not shown")
        return _report(news_fragment(env, _no_news() if view is None else view), merged["now"])

    def prayer_timetable(*args: Any, **options: Any) -> Fragment:
        location, extra, merged = _strip_args(args, options)
        merged.pop("hijri_at_maghrib", None)
        merged.pop("coming_days", None)
        refused = "timetable for %r not shown"
        if merged.get("month") is None:
            today = (location, merged["now"])
            month = _call("prayer_timetable", _local_today, today, {}, refused, location)
            if month is None:
                return Fragment("", None)
            merged["month"] = month
        call = (location, *extra)
        if env is None or ours(TIMETABLE_TEMPLATE):
            table = _call("prayer_timetable", render_timetable, call, merged, refused, location)
        else:
            from .tables import timetable_view  # here, as in render_timetable

            view = _call("prayer_timetable", timetable_view, call, merged, refused, location)
            table = None
            if view is not None:
                html = render_template(env, TIMETABLE_TEMPLATE, table=view)
                table = Fragment(html, view.expires_at)
        return Fragment("", None) if table is None else _report(table, merged["now"])

    return {
        "prayer_strip": prayer_strip,
        "prayer_strip_view": prayer_strip_view,
        "prayer_timetable": prayer_timetable,
        "related_news": related_news,
        "related_news_view": related_news_view,
    }


def fallback_globals() -> dict[str, Callable[..., Any]]:
    """The helpers of :func:`widget_globals` for a site whose settings were refused.

    Whatever they are given, they show the fallback: a strip with «—» for
    every time (naming the place when the template does), no news list and no
    timetable. The Django app uses them while its setting is refused.
    """

    def prayer_strip_view(location: object = None, *args: Any, **options: Any) -> StripView:
        return _fallback_strip(location, options)

    def prayer_strip(location: object = None, *args: Any, **options: Any) -> Fragment:
        view = _fallback_strip(location, options)
        return Fragment(render_template(environment(), STRIP_TEMPLATE, strip=view), None)

    def related_news_view(*args: Any, **options: Any) -> NewsView:
        return _no_news()

    def nothing(*args: Any, **options: Any) -> Fragment:
        return Fragment("", None)

    return {
        "prayer_strip": prayer_strip,
        "prayer_strip_view": prayer_strip_view,
        "prayer_timetable": nothing,
        "related_news": nothing,
        "related_news_view": related_news_view,
    }


def _no_news() -> NewsView:
    return NewsView(lang="ar", dir="rtl", heading="", entries=(), expires_at=None)


def _local_today(location: Any, now: datetime) -> date:
    if not isinstance(now, datetime) or now.utcoffset() is None:
        raise InvalidInputError("now", now, "a timezone-aware datetime")
    try:
        return now.astimezone(as_location(location).zone).date()
    except OverflowError:  # within a day of datetime's limits
        allowed = f"an instant whose local date is from {FIRST_DATE} to {LAST_DATE}"
        raise InvalidInputError("now", now.isoformat(), allowed) from None


# What a template's argument can raise below a global besides a refusal of ours: TypeError for a
# value of a type that does not fit (a list for a locale cannot even key a cache), ArithmeticError
# for a date past year 9999, UndefinedError for an Undefined inside a list or a dict.
_UNUSABLE: Final = (TypeError, ArithmeticError, jinja2.UndefinedError)


def _call(
    name: str,
    target: Callable[..., _Result],
    args: tuple[Any, ...],
    options: dict[str, Any],
    refused: str,
    *about: object,
) -> _Result | None:
    """``target(*args, **options)``, or ``None`` (a warning logged) for a slip in a template.

    A value ``target`` refuses, one it cannot use at all, a variable the template
    does not have (Jinja2's ``Undefined``), a wrong keyword or argument count: a
    host page author's slip, not a reason to answer 500. The warning starts
    with ``refused % about`` and names the global ``name`` and the problem.

    An undefined place or item list is caught before the call (it would show an
    empty widget without a word); an undefined option where a value is required
    is named when the call refuses it. One that is only tested for truth (``jumuah``)
    is false, as a missing variable is in the host's own ``{% if %}``, unless the
    host's ``Undefined`` is strict.
    """
    if any(map(_is_undefined, args)):
        _explain(name, target, args, options, refused, about, None)
        return None
    try:
        return target(*args, **options)
    except (WidgetsError, ValueError, *_UNUSABLE) as error:
        _explain(name, target, args, options, refused, about, error)
        return None


def _explain(
    name: str,
    target: Callable[..., Any],
    args: tuple[Any, ...],
    options: dict[str, Any],
    refused: str,
    about: tuple[object, ...],
    error: Exception | None,
) -> None:
    """Log why ``target`` refused a template's call (or would), in the words of the first cause."""
    undefined = _undefined(target, args, options)
    if undefined is not None:
        template = f"{refused}: %s is undefined in the template that called %s()"
        logger.warning(template, *about, undefined, name)
    elif isinstance(error, (WidgetsError, ValueError)):
        logger.warning(f"{refused}: %s", *about, error)
    else:
        try:  # Python's own words for what does not fit
            inspect.signature(target).bind(*args, **options)
        except TypeError as misfit:
            logger.warning("%s() called with arguments it does not take: %s", name, misfit)
        else:
            template = f"{refused}: %s() got an argument it cannot use (%s: %s)"
            logger.warning(template, *about, name, type(error).__name__, error)


_is_undefined: Final = jinja2.Undefined.__instancecheck__
"""``isinstance(value, jinja2.Undefined)`` as a function, for ``map``."""


def _undefined(
    target: Callable[..., Any], args: tuple[Any, ...], options: dict[str, Any]
) -> str | None:
    """The name of the first argument that is Jinja2's ``Undefined``, if any."""
    for position, value in enumerate(args):
        if _is_undefined(value):
            names = list(inspect.signature(target).parameters)
            return names[position] if position < len(names) else f"argument {position + 1}"
    return next((key for key, value in options.items() if _is_undefined(value)), None)


def _fallback_strip(location: object, options: dict[str, Any]) -> StripView:
    if not isinstance(location, (str, Location)):
        location = ""
    locale = options.get("locale", "ar_EG")
    return fallback_strip_view(location, locale if isinstance(locale, str) else "ar_EG")


def _renders_ours(env: jinja2.Environment, name: str) -> bool:
    """Whether ``env`` finds our own template ``name`` (the host has not overridden it).

    Then a helper returns the same fragment as the ``render_*`` function,
    from its cache, instead of rendering the same template again.
    """
    try:
        found = env.get_template(name).filename
    except jinja2.TemplateNotFound:
        return False
    return found is not None and found == _our_filename(name)


@lru_cache(maxsize=8)
def _our_filename(name: str) -> str | None:
    """The file our environment loads for the template ``name``."""
    return environment().get_template(name).filename


def _has_our_loader(loader: jinja2.BaseLoader | None) -> bool:
    if isinstance(loader, WidgetsLoader):
        return True
    if isinstance(loader, jinja2.ChoiceLoader):
        return any(_has_our_loader(inner) for inner in loader.loaders)
    return False


def install(
    env: jinja2.Environment,
    *,
    timezone: str | tzinfo | None = None,
    clock: Callable[[], datetime] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> jinja2.Environment:
    """Wire this package into a host's Jinja2 environment and return it.

    Our templates are added *behind* the host's loader, so a host template
    named ``widgets/prayer_strip.html`` overrides ours; ours stay reachable
    as ``widgets_default/widgets/...`` so an override can extend the
    original. The globals of :func:`widget_globals` are registered, reading
    ``now`` from ``clock`` (default: UTC now) unless ``now=`` is passed.
    ``timezone`` is the site's zone, in which news stamps are shown (an
    IANA name such as ``"Africa/Cairo"``); without it each item is shown in
    the offset it was published with. ``defaults`` holds the site's place
    and settings (see :data:`SITE_DEFAULTS`). Calling it again does not
    chain the loaders twice (the globals are replaced, with the new
    ``clock``, ``timezone`` and ``defaults``).
    """
    if not isinstance(env, jinja2.Environment):
        raise InvalidInputError("env", env, "a jinja2.Environment")
    if not _has_our_loader(env.loader):
        ours = template_loader()
        default = jinja2.PrefixLoader({DEFAULT_PREFIX: ours})
        chain: list[jinja2.BaseLoader] = [ours, default]
        if env.loader is not None:
            chain.insert(0, env.loader)
        env.loader = jinja2.ChoiceLoader(chain)
    env.globals.update(widget_globals(env, clock=clock, timezone=timezone, defaults=defaults))
    return env
