"""Loading news items: a JSON file or an RSS/Atom feed, as raw mappings.

:func:`load_news` reads what a site has on disk (or in memory); nothing is
fetched from the network. The result goes to :func:`widgets.prepare_items`,
which validates each item. RSS and Atom are read with feedparser, from the
``feeds`` extra.
"""

from __future__ import annotations

import calendar
import io
import json
import os
from collections.abc import Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from .errors import InvalidInputError, MissingExtraError, logger
from .news import safe_url, url_scheme, whatwg_clean

__all__ = ["load_news"]


SOURCE_ALLOWED = (
    "a path to a JSON list of news items, a JSON object with an 'items' list, "
    "or an RSS/Atom feed (or that file's bytes)"
)
FEEDS_HINT = "install prayer-news-widgets[feeds] to read RSS/Atom feeds"
_UTF8_BOM = b"\xef\xbb\xbf"


def _check_base_url(base_url: str | None) -> str | None:
    if base_url is None:
        return None
    cleaned = safe_url(base_url)
    if cleaned is None or url_scheme(cleaned) is None:
        raise InvalidInputError("base_url", base_url, "an absolute http or https URL, or None")
    return cleaned


def _resolve(base_url: str | None, value: object) -> object:
    """Resolve a scheme-less string against ``base_url``; anything else is returned as it is."""
    if base_url is None or not isinstance(value, str) or not value.strip():
        return value
    cleaned = whatwg_clean(value)
    if url_scheme(cleaned) is not None:
        return value
    return urljoin(base_url, cleaned)


def load_news(
    source: str | os.PathLike[str] | bytes, *, base_url: str | None = None
) -> list[dict[str, object]]:
    """Read news items from a JSON file or an RSS/Atom feed, as raw mappings.

    ``source`` is a file path (``str`` or path-like) or the file's content as
    ``bytes``; nothing is fetched from the network. The format is told from
    the content: JSON (a list of items, or an object whose ``"items"`` is
    that list) or XML (an RSS or Atom feed, read with feedparser from the
    ``feeds`` extra; without it :class:`MissingExtraError` says what to
    install).

    Feed entries become mappings with ``title`` (as plain text), ``url`` (the
    entry link), ``published`` (the published time, else the updated time, as
    an aware datetime in the offset the feed wrote it with, in UTC when that
    offset cannot be read; an unreadable date is passed on as its text),
    ``image`` (``media:thumbnail``, else an image ``media:content``, else an
    image enclosure, with ``image_width``/``image_height`` when given) and
    ``source`` (the entry's source title, else the feed title).

    ``base_url`` (an absolute http(s) URL) resolves scheme-less ``url`` and
    ``image`` values, protocol-relative ones included. Nothing is validated
    here: pass the result to :func:`prepare_items`, which skips a bad entry
    with a warning. A JSON list element that is not an object is skipped here
    with a warning. A missing file raises ``OSError``.
    """
    base = _check_base_url(base_url)
    if isinstance(source, bytes):
        data, label = source, _describe(source)
    elif isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if url_scheme(whatwg_clean(path)) in {"http", "https", "ftp", "feed"}:
            raise InvalidInputError(
                "source", source, "a file path or the file's bytes (fetch URLs yourself)"
            )
        data, label = Path(path).read_bytes(), path
    else:
        raise InvalidInputError("source", source, SOURCE_ALLOWED)

    head = data.removeprefix(_UTF8_BOM).lstrip()[:1]
    if head in (b"[", b"{"):
        return _json_items(data, label, base)
    if head == b"<":
        return _feed_items(data, label, base)
    raise InvalidInputError("source", label, SOURCE_ALLOWED)


def _describe(data: bytes) -> str:
    return f"<{len(data)} bytes starting {data[:24]!r}>"


def _json_items(data: bytes, label: str, base_url: str | None) -> list[dict[str, object]]:
    try:
        document = json.loads(data)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError both are
        raise InvalidInputError("source", label, SOURCE_ALLOWED) from error
    except RecursionError:  # arrays or objects nested thousands deep
        raise InvalidInputError(
            "source", label, f"{SOURCE_ALLOWED}, nested no deeper than Python's JSON reader goes"
        ) from None
    entries = document.get("items") if isinstance(document, dict) else document
    if not isinstance(entries, list):
        raise InvalidInputError("source", label, SOURCE_ALLOWED)
    result: list[dict[str, object]] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            logger.warning("skipping news item %d of %s: not a JSON object", index, label)
            continue
        item: dict[str, object] = dict(entry)
        for key in ("url", "image"):
            if key in item:
                item[key] = _resolve(base_url, item[key])
        result.append(item)
    return result


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain_text(detail: object, fallback: object) -> str | None:
    """The text of a feedparser text construct (``title_detail``), whitespace collapsed."""
    value = fallback
    kind = ""
    if isinstance(detail, Mapping):
        value = detail.get("value", fallback)
        kind = str(detail.get("type", ""))
    if not isinstance(value, str):
        return None
    if kind in ("text/html", "application/xhtml+xml"):
        extractor = _TextExtractor()
        extractor.feed(value)
        extractor.close()
        value = "".join(extractor.parts)
    return " ".join(value.split())


def _pixels(value: object) -> int | None:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else None


def _is_image(media: Mapping[str, Any]) -> bool:
    return media.get("medium") == "image" or str(media.get("type", "")).startswith("image/")


def _feed_image(entry: Mapping[str, Any]) -> tuple[str, int | None, int | None] | None:
    candidates: list[Mapping[str, Any]] = list(entry.get("media_thumbnail") or [])
    candidates += [m for m in entry.get("media_content") or [] if _is_image(m)]
    candidates += [
        {"url": link.get("href"), "width": None, "height": None}
        for link in entry.get("links") or []
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/")
    ]
    for media in candidates:
        url = media.get("url")
        if isinstance(url, str) and url.strip():
            return url, _pixels(media.get("width")), _pixels(media.get("height"))
    return None


def _as_written(text: object) -> datetime | None:
    """A feed's date string, RFC 822 (RSS) or RFC 3339 (Atom), in the offset it names."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = text.strip()
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):  # not RFC 822 (Python 3.10 raises TypeError)
        if text.endswith(("Z", "z")):  # Python 3.10's fromisoformat does not read "Z"
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return None
    return moment if moment.utcoffset() is not None else None  # RFC 822 "-0000": no offset


def _feed_time(entry: Mapping[str, Any]) -> datetime | None:
    """The entry's published (else updated) instant, in the offset its feed wrote it with.

    feedparser reads more date formats than the standard library but gives UTC, so its instant
    is kept, shown in the original string's offset when that string, read again, names the
    same second (RFC 822 reads year 0001 as 2001); otherwise it stays in UTC.
    """
    for key in ("published", "updated"):
        stamp = entry.get(f"{key}_parsed")
        if not stamp:
            continue
        try:
            instant = datetime.fromtimestamp(calendar.timegm(stamp), timezone.utc)
        except (ValueError, OverflowError):  # year 0 or 10000 in UTC: passed on as text
            return None
        written = _as_written(entry.get(key))
        if written is None or written.replace(microsecond=0) != instant:
            return instant
        return instant.astimezone(written.tzinfo)
    return None


def _feed_items(data: bytes, label: str, base_url: str | None) -> list[dict[str, object]]:
    try:
        import feedparser
    except ImportError as error:
        raise MissingExtraError(FEEDS_HINT) from error
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries: list[Mapping[str, Any]] = list(parsed.get("entries") or [])
    if not parsed.get("version") and not entries:
        raise InvalidInputError("source", label, SOURCE_ALLOWED)
    feed: Mapping[str, Any] = parsed.get("feed") or {}
    feed_title = _plain_text(feed.get("title_detail"), feed.get("title")) or None

    result: list[dict[str, object]] = []
    for parsed_entry in entries:
        # a plain dict: feedparser's own lookup maps a missing "updated" to "published", with a
        # DeprecationWarning; read only the keys the entry really has
        entry: dict[str, Any] = dict(parsed_entry)
        item: dict[str, object] = {}
        title = _plain_text(entry.get("title_detail"), entry.get("title"))
        if title is not None:
            item["title"] = title
        lang = (entry.get("title_detail") or {}).get("language") or feed.get("language")
        if isinstance(lang, str) and lang.strip():
            item["lang"] = lang.strip()
        if entry.get("link"):
            item["url"] = _resolve(base_url, entry["link"])
        published = _feed_time(entry)
        if published is not None:
            item["published"] = published
        elif entry.get("published") or entry.get("updated"):
            item["published"] = entry.get("published") or entry.get("updated")
        image = _feed_image(entry)
        if image is not None:
            item["image"] = _resolve(base_url, image[0])
            item["image_width"], item["image_height"] = image[1], image[2]
        origin: Mapping[str, Any] = entry.get("source") or {}
        source = _plain_text(origin.get("title_detail"), origin.get("title")) or feed_title
        if source:
            item["source"] = source
        result.append(item)
    return result
