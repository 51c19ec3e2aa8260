"""Rendering: the Jinja2 environment, HTML fragments and the ``render_*`` functions.

A view model from :mod:`widgets.views` goes through a template in
``templates/widgets/``; the result is a :class:`Fragment`: a ``str`` that
Jinja2, MarkupSafe and Django insert without escaping it again, with
``expires_at``, the first instant its content changes.

The ``render_*`` functions raise :class:`ValueError` subclasses from
:mod:`widgets.errors` for bad arguments (an unknown place, method or locale,
a naive ``now``) but never print a wrong time: a time that cannot be
computed is shown as «—» and a warning is logged on
``logging.getLogger("widgets")``.

>>> from markupsafe import escape
>>> escape(Fragment("<b>1</b>"))
Markup('<b>1</b>')
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING, Final

import jinja2
import jinja2.bccache
import jinja2.compiler
import jinja2.nodes
from markupsafe import Markup, escape

from .errors import InvalidInputError
from .hijri import HijriOverrides, MonthStarts
from .l10n import Ago, Clock, Digits
from .methods import Asr, Method
from .places import Location
from .views import (
    StripOptions,
    hashable,
    require_hashable,
    strip_options,
    strip_state,
    strip_view_at,
)

if TYPE_CHECKING:  # the news and timetable rooms are imported by their render_* on first use
    from pathlib import Path

    from .headlines import NewsOptions, NewsView
    from .news import NewsItem, NewsOrder

    _ItemKey = NewsItem | tuple[tuple[tuple[str, object], ...], tuple[type, ...]]
    """An item as a cache key: a NewsItem as it is, a mapping as its pairs and value types."""

__all__ = [
    "FRAGMENT_CACHE_SIZE",
    "NEWS_CACHE_SIZE",
    "NEWS_TEMPLATE",
    "STRIP_TEMPLATE",
    "TIMETABLE_TEMPLATE",
    "CompiledTemplates",
    "Fragment",
    "WidgetsLoader",
    "environment",
    "news_fragment",
    "render_prayer_strip",
    "render_related_news",
    "render_template",
    "render_timetable",
    "template_environment",
    "template_loader",
    "templates_path",
]

STRIP_TEMPLATE: Final = "widgets/prayer_strip.html"
NEWS_TEMPLATE: Final = "widgets/related_news.html"
TIMETABLE_TEMPLATE: Final = "widgets/timetable.html"
FRAGMENT_CACHE_SIZE: Final = 8192
"""How many finished strips are kept (a strip changes at each prayer and at midnight).

Enough for a site that shows 5,000 places in turn; a strip is about 2 kB, so a full
cache holds some 20 MB.
"""
NEWS_CACHE_SIZE: Final = 1024
"""How many finished related-news lists are kept (a list changes with its items or a minute)."""


# --- the fragment ------------------------------------------------------------------------------


class Fragment(str):
    """Finished HTML: a ``str`` that templates insert as markup, with its expiry.

    ``__html__`` makes Jinja2, MarkupSafe and Django treat it as safe markup
    (it is built by autoescaped templates only); ``__html__`` returns a
    :class:`~markupsafe.Markup`, so ``Markup.format`` keeps it as it is too.
    ``expires_at`` is the first
    instant at which the content would change (the next prayer, local
    midnight, a relative timestamp ticking over), an aware datetime, or
    ``None`` when it never changes by itself. A fragment is immutable.

    >>> from markupsafe import Markup, escape
    >>> piece = Fragment("<p>x</p>")
    >>> escape(piece) == Markup("<p>x</p>"), piece.expires_at
    (True, None)
    """

    expires_at: datetime | None

    def __new__(cls, html: str = "", expires_at: datetime | None = None) -> Fragment:
        if expires_at is not None and (
            not isinstance(expires_at, datetime) or expires_at.utcoffset() is None
        ):
            raise InvalidInputError("expires_at", expires_at, "a timezone-aware datetime or None")
        self = super().__new__(cls, html)
        object.__setattr__(self, "expires_at", expires_at)
        return self

    def __html__(self) -> Markup:
        return Markup(str(self))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Fragment is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Fragment is immutable: cannot delete {name!r}")

    def __reduce__(self) -> tuple[type[Fragment], tuple[str, datetime | None]]:
        return (Fragment, (str(self), self.expires_at))

    def __repr__(self) -> str:
        return f"Fragment({str.__repr__(self)}, expires_at={self.expires_at!r})"


# --- templates and the environment --------------------------------------------------------------


class WidgetsLoader(jinja2.FileSystemLoader):
    """Our templates folder; a class of its own so that a loader chain can be searched for it."""


@lru_cache(maxsize=1)
def templates_path() -> Path:
    """Return the folder holding ``widgets/prayer_strip.html`` and the other templates.

    In a wheel the templates ship inside the package (``widgets/templates``);
    in a checkout or an editable install they are the repository's top-level
    ``templates/`` folder, next to the package.
    """
    from pathlib import Path  # here: a strip needs the folder's name only

    return Path(_templates_folder())


@lru_cache(maxsize=1)
def _templates_folder() -> str:
    """The folder of :func:`templates_path`, as a string."""
    package = os.path.dirname(os.path.realpath(__file__))
    candidates = (
        os.path.join(package, "templates"),
        os.path.join(os.path.dirname(package), "templates"),
    )
    for candidate in candidates:
        if os.path.isfile(os.path.join(candidate, STRIP_TEMPLATE)):
            return candidate
    raise FileNotFoundError(
        f"widget templates not found: looked for {STRIP_TEMPLATE} in " + " and ".join(candidates)
    )


@lru_cache(maxsize=1)
def template_loader() -> jinja2.BaseLoader:
    """Return a loader for our templates (``widgets/*.html``, ``widgets/widgets.css``...).

    For hosts that wire their environment themselves; :func:`install` does it in one call.
    """
    return WidgetsLoader(_templates_folder())


_NEEDS_ESCAPE: Final = re.compile("[&<>\"']")


def _escape(value: object) -> str:
    """``markupsafe.escape`` for autoescaped output, without a ``Markup`` for plain text.

    A ``str`` with none of the five characters MarkupSafe replaces is printed
    as it is, and so is a :class:`Fragment` (finished markup, which MarkupSafe
    would copy twice); everything else goes through MarkupSafe. Same text, but
    a small template spends most of its time building ``Markup`` objects otherwise.
    """
    if type(value) is str and _NEEDS_ESCAPE.search(value) is None:
        return value
    if type(value) is Fragment:
        return value
    return escape(value)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles our templates to call :func:`_escape` where Jinja2 calls ``escape``.

    Jinja2's compiled module prints every autoescaped value through a global
    named ``escape``; the line added at the module's end rebinds it. Should a
    Jinja2 release call it something else, values would still be escaped by
    MarkupSafe, only without this shortcut (a test compares with stock Jinja2).
    """

    def visit_Template(
        self, node: jinja2.nodes.Template, frame: jinja2.compiler.Frame | None = None
    ) -> None:
        super().visit_Template(node, frame)
        self.writeline(f"from {__name__} import _escape as escape")


class _Environment(jinja2.Environment):
    code_generator_class = _CodeGenerator


def template_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    """Return a Jinja2 environment set up as ours, over ``loader``.

    Autoescape is on for every template and undefined names raise
    (``StrictUndefined``). Our templates use no global, so the environment
    has none (not even Jinja2's ``range``): a render then skips merging them
    into its context, a good part of the cost of a small template. Output
    expressions are escaped by :func:`_escape`, which gives MarkupSafe's text.
    Templates are not reloaded when their files change.
    """
    env = _Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals.clear()
    return env


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Our templates as Jinja2 compiled them, kept from one process to the next.

    Jinja2 parses and compiles a template when a process first uses it, most
    of the cost of a fresh process's first strip. This is Jinja2's own
    bytecode cache: in ``folder``, by default its folder for the user in the
    temporary directory (``_jinja2-cache-<uid>``, private to the user), one
    file per template and Jinja2 release; nothing is written inside the
    installed package, so an install may be read-only and an uninstall
    leaves nothing behind. A file is used only for the same template source,
    Python, Jinja2 release and this module (its size and modification time:
    the code generator and the environment's settings live here); otherwise
    the template is compiled and the file replaced. As for Python's own
    bytecode, nothing is written when ``sys.dont_write_bytecode`` is set, and
    a file that cannot be read or written only means compiling again.
    """

    def __init__(self, folder: str | None = None) -> None:
        version = getattr(jinja2, "__version__", "")
        super().__init__(folder, f"widgets-jinja2-{version}-%s.cache")
        try:
            facts = os.stat(__file__)
            self.stamp = f"{facts.st_size}:{facts.st_mtime_ns}"
        except OSError:
            self.stamp = ""

    def get_source_checksum(self, source: str) -> str:
        return super().get_source_checksum(f"{self.stamp}\n{source}")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)  # a stale file leaves the bucket empty
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()  # unreadable or damaged: compiled again, and the file replaced

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if sys.dont_write_bytecode:
            return
        with contextlib.suppress(OSError):  # cannot write here: the next process compiles again
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            super().dump_bytecode(bucket)  # a temporary file, then renamed


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Return this package's own Jinja2 environment (shared, thread-safe).

    Its compiled templates are kept from one process to the next (:class:`CompiledTemplates`),
    unless Python writes no bytecode either (``PYTHONDONTWRITEBYTECODE``).
    """
    env = template_environment(template_loader())
    if not sys.dont_write_bytecode:
        # no private temporary folder (RuntimeError from Jinja2): compiled in each process
        with contextlib.suppress(OSError, RuntimeError):
            env.bytecode_cache = CompiledTemplates()
    return env


def render_template(env: jinja2.Environment, name: str, **context: object) -> str:
    """Render the template ``name`` of ``env`` with ``context``."""
    return env.get_template(name).render(**context)


# --- the prayer strip ---------------------------------------------------------------------------


@lru_cache(maxsize=FRAGMENT_CACHE_SIZE)
def _strip_fragment(options: StripOptions, today: date, state: int) -> Fragment:
    """The finished strip for a state; the one cache of finished fragments."""
    view = strip_view_at(options, today, state)
    return Fragment(render_template(environment(), STRIP_TEMPLATE, strip=view), view.expires_at)


def render_prayer_strip(
    location: str | Location,
    *,
    now: datetime,
    locale: str = "ar_EG",
    digits: Digits = "latn",
    clock: Clock | None = None,
    method: Method | str | None = None,
    hijri_offset: int = 0,
    asr: Asr | str = "standard",
    hijri_overrides: HijriOverrides | None = None,
    hijri_at_maghrib: bool = False,
    prayer_names: Mapping[str, str] | None = None,
    hijri_month_starts: MonthStarts | None = None,
    jumuah: bool = False,
    coming_days: int = 1,
) -> Fragment:
    """Render the prayer strip of ``location`` at the instant ``now``.

    The strip shows the city, the Gregorian and Hijri dates of ``now``'s day
    in the location's zone, and the six times of that day, the next of the
    five prayers marked (the class ``pnw-next``, an outline and a symbol that
    survive forced colours, and the label «الصلاة القادمة»); sunrise is shown
    but never marked. After Isha the Fajr tile shows tomorrow's Fajr, marked
    and noted «غدًا». With ``jumuah=True`` Dhuhr reads «الجمعة» on Fridays. A time
    that cannot be computed is printed «—» and a warning is logged; the
    Hijri line is left out outside the Umm al-Qura table.

    ``locale``, ``digits`` and ``clock`` are as in :class:`~widgets.l10n.Formatter`
    (``clock=None``: the locale's CLDR hour cycle);
    ``method`` and ``asr`` as in :func:`~widgets.prayer.prayer_times`;
    ``hijri_offset`` (-2..+2 days) and ``hijri_overrides`` as in
    :func:`~widgets.hijri.to_hijri`; ``hijri_at_maghrib`` turns the Hijri day
    at Maghrib; ``prayer_names`` overrides display names by slug. The Hijri
    date follows the month starts announced in the location's country
    (shipped with the package, or ``hijri_month_starts`` from
    :func:`~widgets.hijri.load_month_starts`).

    ``coming_days`` (0 to 31, default 1) is how many days after today the
    strip carries for ``widgets.js``, which then shows the right day, mark
    and countdown on a page read hours or days after it was rendered.

    The fragment's ``expires_at`` is the next prayer's time, or the next
    local midnight, whichever comes first. Same arguments and the same
    state (local date, next prayer), same bytes: finished fragments are
    kept in a bounded cache.

    Raises :class:`~widgets.errors.InvalidInputError` for a naive ``now``,
    an unknown place, locale, digits or clock.
    """
    options = strip_options(
        location,
        locale=locale,
        digits=digits,
        clock=clock,
        method=method,
        hijri_offset=hijri_offset,
        asr=asr,
        hijri_overrides=hijri_overrides,
        hijri_at_maghrib=hijri_at_maghrib,
        prayer_names=prayer_names,
        hijri_month_starts=hijri_month_starts,
        jumuah=jumuah,
        coming_days=coming_days,
    )
    return _strip_fragment(options, *strip_state(options, now))


# --- related news -------------------------------------------------------------------------------


def news_fragment(env: jinja2.Environment, view: NewsView) -> Fragment:
    """The related-news list of ``view`` through ``env``'s template; empty without entries."""
    if not view.entries:
        return Fragment("", None)
    return Fragment(render_template(env, NEWS_TEMPLATE, news=view), view.expires_at)


@lru_cache(maxsize=1)
def _news_rooms() -> tuple[type[NewsOptions], Callable[[datetime], datetime], type[NewsItem]]:
    """What a related-news list needs of the news rooms, imported by the first list.

    A process that shows strips only never loads :mod:`widgets.news` or
    :mod:`widgets.headlines`; a cached call costs less than an import statement.
    """
    from .headlines import NewsOptions, to_minute
    from .news import NewsItem

    return NewsOptions, to_minute, NewsItem


def _items_key(items: object) -> tuple[_ItemKey, ...] | None:
    """``items`` as a tuple of plain values, or ``None`` for what is not a list or tuple of items.

    A mapping is keyed by its pairs and its values' types, so ``1`` and
    ``True`` (equal in Python) never share a cached list.
    """
    if not isinstance(items, (list, tuple)):
        return None  # an iterator is read once, by the renderer itself
    _, _, NewsItem = _news_rooms()
    keyed: list[_ItemKey] = []
    for item in items:
        if isinstance(item, NewsItem):
            keyed.append(item)
        elif isinstance(item, Mapping):
            pairs = tuple(item.items())
            keyed.append((pairs, tuple([type(value) for _, value in pairs])))
        else:
            return None
    return tuple(keyed)  # hashed once, by the cache; one that cannot be is rendered uncached


def _items_of(key: tuple[_ItemKey, ...]) -> list[NewsItem | Mapping[str, object]]:
    return [dict(item[0]) if isinstance(item, tuple) else item for item in key]


@lru_cache(maxsize=NEWS_CACHE_SIZE)
def _news_fragment(
    items: tuple[_ItemKey, ...], options: NewsOptions, minute: datetime | None, zone: object
) -> Fragment:
    """The finished related-news list for its items, options and minute of ``now``.

    ``zone`` is ``minute``'s zone, in the key because two equal instants in
    different zones are equal datetimes but may show different stamps.
    """
    return news_fragment(environment(), options.view(_items_of(items), minute))


def render_related_news(
    items: Iterable[NewsItem | Mapping[str, object]],
    *,
    now: datetime | None = None,
    locale: str = "ar_EG",
    digits: Digits = "latn",
    clock: Clock | None = None,
    limit: int | None = 6,
    relative_within: timedelta | None = None,
    exclude_url: str | None = None,
    order: NewsOrder = "given",
    timezone: str | tzinfo | None = None,
    pattern: str | None = None,
    ago: Ago = "قبل",
    heading: str | None = None,
    heading_level: int = 2,
) -> Fragment:
    """Render the related-news list: linked headlines with their timestamps.

    ``items`` are :class:`~widgets.news.NewsItem` objects or mappings; they go
    through :func:`~widgets.news.prepare_items` (a bad item is skipped with a
    warning, duplicates and ``exclude_url`` removed, ``order`` applied, cut
    to ``limit``). Stamps are absolute (``30 أبريل 2025 10:16 م``, or
    ``pattern``) in ``timezone`` (default: ``now``'s zone; without ``now``,
    or with ``timezone="published"``, each item in its own published
    offset, never UTC by accident), or
    relative («قبل ساعتين», with ``ago``) for items younger than
    ``relative_within`` (which needs ``now``). ``heading`` defaults to
    «أخبار ذات صلة» (or "Related news" in English), an ``h2`` unless
    ``heading_level`` (1 to 6) fits the host page's outline better. Each
    headline and source is laid out in its own direction
    (:func:`~widgets.views.text_direction`).

    With no item left the fragment is empty. ``expires_at`` is when the first
    relative stamp would change, or ``None`` when every stamp is absolute.

    Stamps are read to the minute (:func:`~widgets.headlines.to_minute`), so a
    finished list is kept (a bounded cache) for its items, its options and the
    minute of ``now``; a list or tuple of items is keyed by value, other
    iterables are rendered every time. A bad item's warning is logged when
    the list is first rendered.
    """
    NewsOptions, to_minute, _ = _news_rooms()
    options = NewsOptions(
        locale=locale,
        digits=digits,
        clock=clock,
        limit=limit,
        relative_within=relative_within,
        exclude_url=exclude_url,
        order=order,
        timezone=timezone,
        pattern=pattern,
        ago=ago,
        heading=heading,
        heading_level=heading_level,
    )
    key = _items_key(items)
    if key is None or not (now is None or isinstance(now, datetime)):
        return news_fragment(environment(), options.view(items, now))
    if now is not None and now.utcoffset() is None:
        raise InvalidInputError("now", now, "a timezone-aware datetime")
    minute, zone = (None, None) if now is None else (to_minute(now), now.tzinfo)
    try:
        return _news_fragment(key, options, minute, zone)
    except TypeError:
        if hashable((key, options)):
            raise  # not the key's fault
        require_hashable(options)  # an option is one value: a list there is named
        # an item's value that cannot key the cache (a list of tags): rendered without it
        return news_fragment(environment(), options.view(items, now))


# --- the timetable ------------------------------------------------------------------------------


def render_timetable(
    location: str | Location,
    *,
    month: date,
    now: datetime | None = None,
    locale: str = "ar_EG",
    digits: Digits = "latn",
    clock: Clock | None = None,
    method: Method | str | None = None,
    hijri_offset: int = 0,
    imsakiya: bool = False,
    asr: Asr | str = "standard",
    hijri_overrides: HijriOverrides | None = None,
    prayer_names: Mapping[str, str] | None = None,
    hijri_month_starts: MonthStarts | None = None,
    jumuah: bool = False,
) -> Fragment:
    """Render a month of prayer times as a table, or the Ramadan imsakiya.

    ``month`` is any day of the month to show. With ``imsakiya=True`` the
    table holds the days of the Ramadan that falls in (or across) that month,
    with an Imsak column and the day of Ramadan; a month without Ramadan
    days raises :class:`~widgets.errors.InvalidInputError`. With ``now``,
    today's row is marked (``aria-current="date"``) and ``expires_at`` is
    the next local midnight while the table holds today; each row carries its
    day's bounds, from which ``widgets.js`` marks the reader's day. With
    ``jumuah=True`` the Dhuhr cell of each Friday is noted «الجمعة».
    """
    from .tables import timetable_view

    view = timetable_view(
        location,
        month=month,
        now=now,
        locale=locale,
        digits=digits,
        clock=clock,
        method=method,
        hijri_offset=hijri_offset,
        imsakiya=imsakiya,
        asr=asr,
        hijri_overrides=hijri_overrides,
        prayer_names=prayer_names,
        hijri_month_starts=hijri_month_starts,
        jumuah=jumuah,
    )
    return Fragment(render_template(environment(), TIMETABLE_TEMPLATE, table=view), view.expires_at)
