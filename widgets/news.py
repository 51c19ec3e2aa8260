"""News items for the related-news list: validation, URL safety, de-duplication, order.

A :class:`NewsItem` is a headline with a link and an aware publication time.
:func:`prepare_items` turns what a site has (items, mappings, the output of
:func:`widgets.feeds.load_news`) into the list the widget shows: bad items skipped with a
warning, duplicates and the current article removed, ordered and cut.

Links are kept only when a browser would open them as ``http``/``https`` or
as a path on the host site; see :func:`safe_url`.

>>> items = prepare_items(
...     [
...         {"title": "One", "url": "/news/1", "published": "2025-04-30T22:16:00+03:00"},
...         {"title": "Two", "url": "javascript:alert(1)", "published": "2025-04-30T21:52Z"},
...         {"title": "One again", "url": "/news/1/#top", "published": "2025-04-30T21:00Z"},
...     ]
... )
>>> [item.title for item in items]
['One']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from .errors import InvalidInputError, logger

__all__ = [
    "NewsItem",
    "NewsOrder",
    "coerce_item",
    "prepare_items",
    "safe_url",
]


NewsOrder = Literal["given", "newest"]

URL_ALLOWED = "an http or https URL with a host, or a site-relative path"
PUBLISHED_ALLOWED = "a timezone-aware datetime or an ISO 8601 string with an offset"
PUBLISHED_RANGE = "an instant in the years 2 to 9998 (any zone can show it)"

# URL Standard, "basic URL parser" (https://url.spec.whatwg.org/#concept-basic-url-parser):
# a browser first removes leading and trailing "C0 control or space" (U+0000-U+0020), then
# every "ASCII tab or newline" (U+0009, U+000A, U+000D) anywhere in the input. The scheme
# is then read by the "scheme start state" and "scheme state": an ASCII letter, then ASCII
# letters, digits, "+", "-" or ".", up to ":".
_C0_CONTROL_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FIRST_SEGMENT_END = re.compile(r"[/\\?#]")
_SAFE_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = MappingProxyType({"http": 80, "https": 443})
_SLASHES = "/\\"


def whatwg_clean(url: str) -> str:
    """Strip ``url`` the way a browser does before parsing it (URL Standard, basic URL parser).

    >>> whatwg_clean(" \\x01java\\tscript:\\nalert(1) ")
    'javascript:alert(1)'
    """
    return url.strip(_C0_CONTROL_OR_SPACE).translate(_TAB_OR_NEWLINE)


def url_scheme(cleaned: str) -> str | None:
    """The lower-case scheme a browser reads from an already cleaned URL, or None."""
    found = _SCHEME.match(cleaned)
    return found.group()[:-1].lower() if found else None


def safe_url(url: str) -> str | None:
    """Return ``url`` cleaned if a browser would open it as http(s) or on the host site, else None.

    The URL is first cleaned as a browser cleans it (leading and trailing
    control characters and spaces removed, tabs and newlines removed
    everywhere), so ``"java\\tscript:"`` is recognised as ``javascript:``.
    What is kept:

    - absolute ``http``/``https`` URLs with a host (``https://news.example/a?b=1#c``);
    - references without a scheme that stay on the host site: ``/news/1``,
      ``news/1``, ``../news/1``, ``?page=2``, ``#top``.

    Everything else is rejected: other schemes in any letter case
    (``javascript:``, ``data:``, ``vbscript:``, ``file:``), protocol-relative
    references (``//evil.example`` and its backslash forms such as
    ``/\\evil.example``, which browsers read as another host), control
    characters left inside the URL, an empty URL, and scheme-less references
    whose first segment holds a colon (RFC 3986 section 4.2 forbids them).

    Character references are not decoded (``&#x09;`` is five characters of
    text here, and autoescaping keeps it so in the page), but a URL is also
    rejected when decoding them would make it unsafe (``jav&#x09;ascript:``,
    ``javascript&colon;``, ``/&#47;evil.example``), so that a template that
    forgets to escape it cannot be turned against the page.

    >>> safe_url("  https://news.example/a?b=1#c ")
    'https://news.example/a?b=1#c'
    >>> safe_url("/news/1")
    '/news/1'
    >>> print(safe_url("JaVaScRiPt:alert(1)"), safe_url("java\\tscript:alert(1)"))
    None None
    >>> print(safe_url("//evil.example"), safe_url("data:text/html,<script>"))
    None None
    """
    if not isinstance(url, str):
        return None
    cleaned = whatwg_clean(url)
    if not _acceptable(cleaned):
        return None
    decoded = _unescape(cleaned) if "&" in cleaned else cleaned
    if decoded != cleaned and not _acceptable(whatwg_clean(decoded)):
        return None
    return cleaned


def _unescape(text: str) -> str:
    """``html.unescape``, imported on first use (a URL seldom holds ``&``)."""
    import html

    return html.unescape(text)


def _acceptable(cleaned: str) -> bool:
    """The rule of :func:`safe_url`, for a URL already cleaned as a browser cleans it."""
    if not cleaned or _CONTROL.search(cleaned):
        return False
    scheme = url_scheme(cleaned)
    if scheme is not None:
        if scheme not in _SAFE_SCHEMES or not cleaned[len(scheme) + 1 :].startswith("//"):
            return False
        try:
            parts = urlsplit(cleaned)
            parts.port  # noqa: B018 - raises ValueError on a malformed port
        except ValueError:
            return False
        return bool(parts.hostname)
    if len(cleaned) >= 2 and cleaned[0] in _SLASHES and cleaned[1] in _SLASHES:
        return False
    return ":" not in _FIRST_SEGMENT_END.split(cleaned, maxsplit=1)[0]


def _url_key(url: str) -> str:
    """The form of a (safe) URL under which duplicates are recognised.

    Scheme and host are lower-cased, a default port, the fragment and trailing
    slashes of the path are ignored; the query is kept.

    >>> _url_key("HTTPS://News.Example:443/a/b/#top") == _url_key("https://news.example/a/b")
    True
    >>> _url_key("/news/1/")
    '/news/1'
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    netloc = parts.netloc
    if netloc:
        userinfo, _, _ = netloc.rpartition("@")
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        port = parts.port
        netloc = (f"{userinfo}@" if userinfo else "") + host
        if port is not None and port != _DEFAULT_PORTS.get(scheme):
            netloc += f":{port}"
    return urlunsplit((scheme, netloc, parts.path.rstrip("/"), parts.query, ""))


def _same_page(item_url: str, exclude: str) -> bool:
    """True if ``item_url`` is the page ``exclude`` (both already safe).

    A root-relative item (``/news/3``) is on the host site, so it also matches
    an absolute ``exclude`` with the same path and query.
    """
    if _url_key(item_url) == _url_key(exclude):
        return True
    target = urlsplit(exclude)
    if target.scheme and item_url.startswith("/"):
        local = urlunsplit(("", "", target.path or "/", target.query, ""))
        return _url_key(item_url) == _url_key(local)
    return False


def _parse_published(value: object) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):  # Python 3.10's fromisoformat does not read "Z"
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise InvalidInputError("published", value, PUBLISHED_ALLOWED) from None
    else:
        raise InvalidInputError("published", value, PUBLISHED_ALLOWED)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidInputError("published", value, PUBLISHED_ALLOWED)
    if not 1 < moment.year < 9999:  # feeds' "zero" dates (0001-01-01) and 9999-12-31
        raise InvalidInputError("published", value, PUBLISHED_RANGE)
    return moment


LANG_ALLOWED = "a BCP 47 language tag such as 'en', 'fr' or 'ar-EG', or None"
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def _check_lang(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _LANGUAGE_TAG.fullmatch(value.strip().replace("_", "-")):
        raise InvalidInputError("lang", value, LANG_ALLOWED)
    return value.strip().replace("_", "-")


def _check_dimension(field: str, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidInputError(field, value, "a positive whole number of pixels or None")


@dataclass(frozen=True, slots=True, kw_only=True)
class NewsItem:
    """A linked headline with its publication time.

    ``title`` is stored stripped and must not be empty. ``url`` must pass
    :func:`safe_url` and is stored cleaned. ``published`` is an aware
    ``datetime`` (any zone; the widget converts it); an ISO 8601 string with
    an offset, ``Z`` included, is accepted and parsed. ``image`` (a thumbnail
    URL) is held to the same rule as ``url``: an unsafe one raises here, while
    :func:`prepare_items` drops it with a warning and keeps the headline.
    ``image_width`` and ``image_height`` are pixels; ``source`` names the
    outlet. Empty ``image`` or ``source`` strings mean None. ``lang`` is the
    headline's language when the source states it (a feed's ``xml:lang``);
    without it the list tells from the letters (:func:`widgets.views.text_language`).

    >>> item = NewsItem(title=" Headline ", url="/news/1", published="2025-04-30T19:16:00Z")
    >>> item.title, item.published.isoformat()
    ('Headline', '2025-04-30T19:16:00+00:00')
    >>> NewsItem(title="x", url="/news/1", published="2025-04-30T22:16:00")
    Traceback (most recent call last):
    ...
    widgets.errors.InvalidInputError: published must be a timezone-aware datetime or an ISO 8601 string with an offset, got '2025-04-30T22:16:00'
    """

    title: str
    url: str
    published: datetime
    image: str | None = None
    source: str | None = None
    image_width: int | None = None
    image_height: int | None = None
    lang: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.title, str) or not self.title.strip():
            raise InvalidInputError("title", self.title, "a non-empty string")
        # A headline is text: a str subclass that claims to be markup (MarkupSafe's Markup,
        # Django's SafeString) is stored as a plain str, so that it is escaped when shown.
        object.__setattr__(self, "title", str.__str__(self.title).strip())
        url = safe_url(self.url)
        if url is None:
            raise InvalidInputError("url", self.url, URL_ALLOWED)
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "published", _parse_published(self.published))
        if self.image is not None:
            if not isinstance(self.image, str):
                raise InvalidInputError("image", self.image, f"{URL_ALLOWED}, or None")
            image = safe_url(self.image) if self.image.strip() else None
            if image is None and self.image.strip():
                raise InvalidInputError("image", self.image, f"{URL_ALLOWED}, or None")
            object.__setattr__(self, "image", image)
        if self.source is not None:
            if not isinstance(self.source, str):
                raise InvalidInputError("source", self.source, "a string or None")
            object.__setattr__(self, "source", str.__str__(self.source).strip() or None)
        _check_dimension("image_width", self.image_width)
        _check_dimension("image_height", self.image_height)
        object.__setattr__(self, "lang", _check_lang(self.lang))


_ITEM_KEYS = ("title", "url", "published", "image", "source", "image_width", "image_height", "lang")


def coerce_item(value: NewsItem | Mapping[str, object]) -> NewsItem:
    """Return ``value`` as a :class:`NewsItem`; a mapping is read by its keys.

    The keys read are ``title``, ``url``, ``published`` (required) and
    ``image``, ``source``, ``image_width``, ``image_height``, ``lang`` (optional); other
    keys are ignored. Raises :class:`~widgets.errors.InvalidInputError` naming
    the first field that is wrong or missing.

    >>> coerce_item({"title": "T", "url": "http://x", "published": "2025-04-30T22:16+03:00"}).url
    'http://x'
    >>> coerce_item({"title": "T", "url": "/a"})
    Traceback (most recent call last):
    ...
    widgets.errors.InvalidInputError: published must be a timezone-aware datetime or an ISO 8601 string with an offset, got None
    """
    if isinstance(value, NewsItem):
        return value
    if not isinstance(value, Mapping):
        raise InvalidInputError(
            "item", value, "a NewsItem or a mapping with title, url and published"
        )
    fields: dict[str, Any] = {key: value.get(key) for key in _ITEM_KEYS}
    return NewsItem(**fields)


def _check_limit(limit: object) -> None:
    if limit is None:
        return
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise InvalidInputError("limit", limit, "a whole number >= 0, or None for all items")


def prepare_items(
    items: Iterable[NewsItem | Mapping[str, object]],
    *,
    limit: int | None = 6,
    exclude_url: str | None = None,
    order: NewsOrder = "given",
) -> list[NewsItem]:
    """Validate, de-duplicate, order and cut news items for the related-news list.

    Each item goes through :func:`coerce_item`. One that fails (no title, no
    date, an unparseable or naive date, an unsafe link, not an item at all)
    is skipped with a WARNING on ``logging.getLogger("widgets")`` giving its
    index (from 0) and the reason; the others are kept. An unsafe ``image``
    only loses the image, and a malformed ``lang`` the language (also with a
    warning).

    Items are de-duplicated by URL, the first occurrence winning: scheme and
    host letter case, a default port, the fragment and a trailing slash do
    not count. ``exclude_url`` (the current article) is removed under the
    same rule; a root-relative item such as ``/news/3`` also matches an
    absolute ``exclude_url`` with that path, since it points to the host site.

    ``order="given"`` keeps the input order; ``"newest"`` sorts by
    ``published``, newest first, keeping the input order among equal times.
    ``limit`` is then applied (``None`` keeps all).

    >>> raw = [{"title": f"N{i}", "url": f"/n/{i}", "published": f"2025-05-0{i}T00:00Z"}
    ...        for i in (1, 3, 2)]
    >>> [i.title for i in prepare_items(raw, order="newest", limit=2, exclude_url="/n/3")]
    ['N2', 'N1']
    """
    _check_limit(limit)
    if order not in ("given", "newest"):
        raise InvalidInputError("order", order, "'given' or 'newest'")
    exclude: str | None = None
    if exclude_url is not None:
        exclude = safe_url(exclude_url)
        if exclude is None:
            raise InvalidInputError("exclude_url", exclude_url, f"{URL_ALLOWED}, or None")
    if isinstance(items, (str, bytes, Mapping, NewsItem)):
        raise InvalidInputError(
            "items", items, "an iterable of NewsItem objects or mappings (a list, not one item)"
        )

    kept: list[NewsItem] = []
    seen: set[str] = set()
    for index, raw in enumerate(items):
        item = _coerce_or_warn(index, raw)
        if item is None:
            continue
        key = _url_key(item.url)
        if key in seen:
            logger.debug("news item %d is a duplicate of an earlier item: %s", index, item.url)
            continue
        seen.add(key)
        if exclude is not None and _same_page(item.url, exclude):
            continue
        kept.append(item)
    if order == "newest":
        kept.sort(key=lambda item: item.published, reverse=True)  # stable, also in reverse
    return kept if limit is None else kept[:limit]


# What a news item loses, rather than being skipped, when one of its optional fields is wrong.
_DROPPABLE = MappingProxyType(
    {"image": ("image", "image_width", "image_height"), "lang": ("lang",)}
)


def _coerce_or_warn(index: int, raw: object) -> NewsItem | None:
    dropped: dict[str, None] = {}
    while True:
        try:
            return coerce_item({**raw, **dropped} if dropped else raw)  # type: ignore[arg-type,dict-item]
        except InvalidInputError as error:
            if (
                error.field not in _DROPPABLE
                or error.field in dropped
                or not isinstance(raw, Mapping)
            ):
                logger.warning("skipping news item %d: %s", index, error)
                return None
            logger.warning("news item %d: %s dropped: %s", index, error.field, error)
            dropped.update(dict.fromkeys(_DROPPABLE[error.field]))
