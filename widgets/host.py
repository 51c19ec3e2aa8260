"""Host integration: our templates and helpers in a site's own Jinja2 environment.

:func:`install` adds our loader behind the host's and registers the template
globals of :func:`widget_globals`. Unlike the Python API, the globals never
raise into the host page: a bad argument logs a warning on
``logging.getLogger("widgets")`` and the page gets an honest fallback (a
strip with «—» for every time, or no news list).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, Final

import jinja2

from .errors import InvalidInputError, WidgetsError
from .render import (
    NEWS_TEMPLATE,
    STRIP_TEMPLATE,
    Fragment,
    WidgetsLoader,
    environment,
    news_fragment,
    render_prayer_strip,
    render_related_news,
    render_template,
    template_loader,
)
from .views import NewsView, StripView, fallback_strip_view, news_view, strip_view

__all__ = ["DEFAULT_PREFIX", "install", "widget_globals"]

logger = logging.getLogger("widgets")

DEFAULT_PREFIX: Final = "widgets_default"
"""Prefix under which :func:`install` also serves our templates, so an override can extend them."""


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def widget_globals(
    env: jinja2.Environment | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
) -> dict[str, Callable[..., Any]]:
    """Return the template helpers that :func:`install` registers, bound to ``env``.

    - ``prayer_strip(location, **options)`` -> :class:`~widgets.render.Fragment`
    - ``related_news(items, **options)`` -> :class:`~widgets.render.Fragment`
    - ``prayer_strip_view(location, **options)`` -> :class:`~widgets.views.StripView`,
      and ``related_news_view(items, **options)`` -> :class:`~widgets.views.NewsView`,
      for ``{% include "widgets/prayer_strip.html" %}`` with ``strip`` set.

    Options are those of :func:`~widgets.render_prayer_strip` and
    :func:`~widgets.render_related_news`; ``now`` defaults to ``clock()``
    (UTC now when no clock is given). The helpers never raise a
    :class:`ValueError` into the page: they log a warning on
    ``logging.getLogger("widgets")`` and return a strip with «—» for every
    time, or nothing for the news. Fragments are rendered with ``env``'s
    templates (so a host's override is used), or ours when ``env`` is None.
    """
    read_clock = clock or _utc_now
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

    def prayer_strip_view(location: Any, **options: Any) -> StripView:
        now = options.pop("now", None)
        try:
            return strip_view(location, now=read_clock() if now is None else now, **options)
        except (WidgetsError, ValueError) as error:
            logger.warning("prayer strip for %r shows no times: %s", location, error)
            return fallback_strip_view(location, options.get("locale", "ar_EG"))

    def prayer_strip(location: Any, **options: Any) -> Fragment:
        if env is None or ours(STRIP_TEMPLATE):  # the cached fragments serve
            now = options.pop("now", None)
            try:
                return render_prayer_strip(
                    location, now=read_clock() if now is None else now, **options
                )
            except (WidgetsError, ValueError) as error:
                logger.warning("prayer strip for %r shows no times: %s", location, error)
                view = fallback_strip_view(location, options.get("locale", "ar_EG"))
                return Fragment(render_template(environment(), STRIP_TEMPLATE, strip=view), None)
        view = prayer_strip_view(location, **options)
        return Fragment(render_template(env, STRIP_TEMPLATE, strip=view), view.expires_at)

    def related_news_view(items: Any, **options: Any) -> NewsView:
        if options.get("now") is None:
            options["now"] = read_clock()
        try:
            return news_view(items, **options)
        except (WidgetsError, ValueError) as error:
            logger.warning("related news not shown: %s", error)
            return NewsView(lang="ar", dir="rtl", heading="", entries=(), expires_at=None)

    def related_news(items: Any, **options: Any) -> Fragment:
        if env is None or ours(NEWS_TEMPLATE):  # the cached fragments serve
            if options.get("now") is None:
                options["now"] = read_clock()
            try:
                return render_related_news(items, **options)
            except (WidgetsError, ValueError) as error:
                logger.warning("related news not shown: %s", error)
                return Fragment("", None)
        return news_fragment(env, related_news_view(items, **options))

    return {
        "prayer_strip": prayer_strip,
        "prayer_strip_view": prayer_strip_view,
        "related_news": related_news,
        "related_news_view": related_news_view,
    }


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
    env: jinja2.Environment, *, clock: Callable[[], datetime] | None = None
) -> jinja2.Environment:
    """Wire this package into a host's Jinja2 environment and return it.

    Our templates are added *behind* the host's loader, so a host template
    named ``widgets/prayer_strip.html`` overrides ours; ours stay reachable
    as ``widgets_default/widgets/...`` so an override can extend the
    original. The globals of :func:`widget_globals` are registered, reading
    ``now`` from ``clock`` (default: UTC now) unless ``now=`` is passed.
    Calling it again does not chain the loaders twice (the globals are
    replaced, with the new ``clock``).
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
    env.globals.update(widget_globals(env, clock=clock))
    return env
