"""Tests for widgets.news: items, URL safety, de-duplication, ordering, JSON and feeds."""

from __future__ import annotations

import ast
import dataclasses
import html
import json
import logging
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from widgets.errors import InvalidInputError, MissingExtraError, WidgetsError
from widgets.feeds import load_news
from widgets.news import NewsItem, coerce_item, prepare_items, safe_url

from .conftest import DATA

SEED = DATA / "seed" / "related-news.json"
FEEDS = DATA / "feeds"
BASE = "https://news.example/world/article-9"  # the page the list is shown on
UTC = timezone.utc


def _item(n: int, **extra: object) -> dict[str, object]:
    return {"title": f"T{n}", "url": f"/news/{n}", "published": "2025-04-30T12:00:00Z", **extra}


# --- An independent model of how a browser reads a URL's scheme ----------------------------------
# URL Standard, section 4.4 "URL parsing", basic URL parser
# (https://url.spec.whatwg.org/#concept-basic-url-parser):
#   1. "Remove any leading and trailing C0 control or space from input" (U+0000-U+0020).
#   2. "Remove all ASCII tab or newline from input" (U+0009, U+000A, U+000D).
#   3. "scheme start state": an ASCII alpha starts a scheme; "scheme state": ASCII alphanumeric,
#      "+", "-", "." continue it and ":" ends it; anything else means there is no scheme.
# And 4.4 "special authority ignore slashes state": for http(s), "\" counts as "/", so a
# relative "/\host" or "\\host" names another host, like "//host".


def browser_clean(url: str) -> str:
    stripped = url.lstrip("".join(map(chr, range(0x21)))).rstrip("".join(map(chr, range(0x21))))
    return "".join(c for c in stripped if c not in "\t\n\r")


def browser_scheme(url: str) -> str | None:
    cleaned = browser_clean(url)
    if not cleaned or not ("a" <= cleaned[0].lower() <= "z"):
        return None
    for position, char in enumerate(cleaned):
        if char == ":":
            return cleaned[:position].lower()
        if not (char.isascii() and (char.isalnum() or char in "+-.")):
            return None
    return None


def ada_resolve(url: str) -> dict[str, object] | None:
    """Resolve ``url`` on BASE with ada (a WHATWG URL parser); None if a browser cannot."""
    ada_url = pytest.importorskip("ada_url", reason="ada-url (a WHATWG URL parser) not installed")
    try:
        return dict(ada_url.parse_url(ada_url.join_url(BASE, url)))
    except ValueError:
        return None


# (input, what a browser does with it on BASE)
DANGEROUS = [
    ("javascript:alert(1)", "javascript"),
    ("JAVASCRIPT:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    (" javascript:alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"),
    ("java\nscript:alert(1)", "javascript"),
    ("java\rscript:alert(1)", "javascript"),
    ("\x01javascript:alert(1)", "javascript"),
    ("\x00 \x1fjavascript:alert(1)", "javascript"),
    ("javascript\t:alert(1)", "javascript"),
    ("data:text/html,<script>alert(1)</script>", "data"),
    ("DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("file:///etc/passwd", "file"),
    ("C:\\Windows\\win.ini", "c"),
]
OTHER_HOST = [
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    " //evil.example/x",
    "/\t/evil.example",
]
# Harmless in a browser (ada resolves them to a path on BASE) but rejected on purpose: a NUL or
# other control character, a colon in the first segment of a scheme-less reference (RFC 3986
# section 4.2), or a character reference that decodes to a hostile URL if anything ever
# unescapes the attribute.
STRICT = [
    "java\x00script:alert(1)",
    "/news/\x07bell",
    "\u00a0javascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "/&#47;evil.example",
    "https:evil.example",
    "",
    " \t\n",
]
KEPT = [
    ("https://ok.example/a?b=1#c", "https://ok.example/a?b=1#c"),
    ("/news/1", "/news/1"),
    ("http://x", "http://x"),
    ("HTTPS://News.Example/Path", "HTTPS://News.Example/Path"),
    ("news/1", "news/1"),
    ("../news/1", "../news/1"),
    ("?page=2", "?page=2"),
    ("#comments", "#comments"),
    ("  /news/1\n", "/news/1"),
    ("/ne\tws/1", "/news/1"),
    ("/search?q=a&b=c", "/search?q=a&b=c"),
    ("https://news.example/ar/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1", None),
    ("https://news.example/ar/أخبار", None),
]


@pytest.mark.parametrize(("url", "scheme"), DANGEROUS, ids=repr)
def test_other_schemes_are_rejected(url: str, scheme: str) -> None:
    assert browser_scheme(url) == scheme
    # urllib.parse agrees on the scheme once the URL is cleaned as a browser cleans it
    assert urlsplit(browser_clean(url)).scheme == scheme
    assert safe_url(url) is None


@pytest.mark.parametrize(("url", "scheme"), DANGEROUS, ids=repr)
def test_browser_reads_the_rejected_scheme_too(url: str, scheme: str) -> None:
    resolved = ada_resolve(url)
    assert resolved is not None
    assert resolved["protocol"] == f"{scheme}:"


@pytest.mark.parametrize("url", OTHER_HOST, ids=repr)
def test_protocol_relative_references_are_rejected(url: str) -> None:
    assert browser_scheme(url) is None
    assert safe_url(url) is None
    resolved = ada_resolve(url)
    assert resolved is not None
    assert resolved["hostname"] == "evil.example"


@pytest.mark.parametrize("url", STRICT, ids=repr)
def test_strict_rejections(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(("url", "expected"), KEPT, ids=repr)
def test_http_and_site_relative_urls_are_kept(url: str, expected: str | None) -> None:
    result = safe_url(url)
    assert result == (expected or url)
    assert browser_scheme(url) in {None, "http", "https"}
    resolved = ada_resolve(url)
    assert resolved is not None
    assert resolved["protocol"] in {"http:", "https:"}
    if browser_scheme(url) is None:
        assert resolved["hostname"] == "news.example"


def test_safe_url_is_none_for_a_non_string() -> None:
    assert safe_url(None) is None  # type: ignore[arg-type]
    assert safe_url(b"/news/1") is None  # type: ignore[arg-type]


HOSTILE_PIECES = st.sampled_from(
    [
        "javascript:",
        "JaVaScRiPt:",
        "java",
        "script",
        ":",
        "data:",
        "vbscript:",
        "http:",
        "https:",
        "//",
        "/",
        "\\",
        "?",
        "#",
        "&#x09;",
        "&colon;",
        "&#47;",
        "&Tab;",
        "evil.example",
        "a",
        "1",
        "\t",
        "\n",
        "\r",
        "\x00",
        "\x01",
        "\x1f",
        " ",
        "\u00a0",
        "%09",
        "@",
        ".",
        "+",
        "-",
    ]
)
URLISH = st.lists(HOSTILE_PIECES | st.text(max_size=3), max_size=8).map("".join)


@given(URLISH)
@example("java\tscript:alert(1)")
@example("/\\evil.example")
@example(" \x00https://ok.example")
def test_safe_url_never_yields_another_scheme_or_host(url: str) -> None:
    result = safe_url(url)
    if result is None:
        return
    assert safe_url(result) == result  # cleaning is idempotent
    for candidate in (result, html.unescape(result)):
        scheme = browser_scheme(candidate)
        assert scheme in {None, "http", "https"}
        cleaned = browser_clean(candidate)
        assert not re.search(r"[\x00-\x1f\x7f]", cleaned)
        if scheme is None:
            assert not re.match(r"[/\\]{2}", cleaned)
    resolved = ada_resolve(result)
    if resolved is not None:  # a URL a browser cannot parse is not followed at all
        assert resolved["protocol"] in {"http:", "https:"}
        if browser_scheme(result) is None:
            assert resolved["hostname"] == "news.example"


# --- NewsItem and coerce_item --------------------------------------------------------------------


def test_news_item_parses_iso_strings_with_offsets_and_z() -> None:
    # the annotation says datetime; a string is accepted at run time (feeds, JSON, templates)
    stamp: object = "2025-04-30T22:16:00+03:00"
    item = NewsItem(title=" عنوان ", url="/news/1", published=stamp)  # type: ignore[arg-type]
    assert item.title == "عنوان"
    assert item.published == datetime(2025, 4, 30, 19, 16, tzinfo=UTC)
    assert item.published.utcoffset() == timedelta(hours=3)
    zulu = coerce_item({"title": "t", "url": "/n", "published": "2025-04-30T19:16:00Z"})
    assert zulu.published == datetime(2025, 4, 30, 19, 16, tzinfo=UTC)
    assert zulu.published.utcoffset() == timedelta(0)


def test_news_item_is_a_frozen_value() -> None:
    item = NewsItem(title="t", url="/n", published=datetime(2025, 4, 30, tzinfo=UTC))
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.title = "other"  # type: ignore[misc]
    assert not hasattr(item, "__dict__")
    with pytest.raises(TypeError):
        NewsItem("t", "/n", datetime(2025, 4, 30, tzinfo=UTC))  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": " \n "}, "title"),
        ({"title": None}, "title"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": None}, "url"),
        ({"published": datetime(2025, 4, 30, 22, 16)}, "published"),
        ({"published": "2025-04-30T22:16:00"}, "published"),
        ({"published": "30 أبريل 2025 10:16 م"}, "published"),
        ({"published": 1746040560}, "published"),
        ({"published": None}, "published"),
        ({"image": "data:image/png;base64,AAAA"}, "image"),
        ({"image": 7}, "image"),
        ({"source": 7}, "source"),
        ({"image_width": 0}, "image_width"),
        ({"image_height": True}, "image_height"),
        ({"image_height": "80"}, "image_height"),
    ],
    ids=repr,
)
def test_news_item_rejects_bad_fields(changes: dict[str, object], field: str) -> None:
    fields: dict[str, object] = {"title": "t", "url": "/n", "published": "2025-04-30T12:00Z"}
    fields.update(changes)
    with pytest.raises(InvalidInputError) as caught:
        NewsItem(**fields)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field} must be ")


def test_naive_published_message_says_what_is_allowed() -> None:
    with pytest.raises(InvalidInputError, match="timezone-aware datetime or an ISO 8601 string"):
        NewsItem(title="t", url="/n", published=datetime(2025, 4, 30, 22, 16))


def test_empty_image_and_source_mean_none() -> None:
    item = coerce_item(
        {"title": "t", "url": "/n", "published": "2025-04-30T12:00Z", "image": " ", "source": ""}
    )
    assert item.image is None
    assert item.source is None


def test_coerce_item_reads_mappings_and_passes_items_through() -> None:
    item = NewsItem(title="t", url="/n", published="2025-04-30T12:00Z")  # type: ignore[arg-type]
    assert coerce_item(item) is item
    made = coerce_item(
        {
            **_item(1),
            "image": "/img/1.jpg",
            "extra": "ignored",
            "image_width": 320,
            "image_height": 180,
            "source": "Wire",
        }
    )
    assert (made.image, made.image_width, made.image_height, made.source) == (
        "/img/1.jpg",
        320,
        180,
        "Wire",
    )
    with pytest.raises(InvalidInputError) as caught:
        coerce_item(["t", "/n"])  # type: ignore[arg-type]
    assert caught.value.field == "item"


# --- prepare_items -------------------------------------------------------------------------------


def test_duplicates_are_removed_first_occurrence_wins() -> None:
    items = [
        {"title": "first", "url": "https://News.Example/a/1", "published": "2025-04-30T10:00Z"},
        {"title": "slash", "url": "https://news.example/a/1/", "published": "2025-04-30T11:00Z"},
        {
            "title": "frag",
            "url": "HTTPS://news.example:443/a/1#top",
            "published": "2025-04-30T12:00Z",
        },
        {"title": "query", "url": "https://news.example/a/1?p=2", "published": "2025-04-30T13:00Z"},
        {"title": "http", "url": "http://news.example/a/1", "published": "2025-04-30T14:00Z"},
        {"title": "port", "url": "https://news.example:8443/a/1", "published": "2025-04-30T15:00Z"},
        {"title": "rel", "url": "/a/1", "published": "2025-04-30T16:00Z"},
        {"title": "rel again", "url": "/a/1/#x", "published": "2025-04-30T17:00Z"},
    ]
    titles = [item.title for item in prepare_items(items, limit=None)]
    assert titles == ["first", "query", "http", "port", "rel"]


def test_duplicate_of_a_skipped_item_is_kept() -> None:
    items = [_item(1, published="not a date"), _item(1, title="good")]
    assert [item.title for item in prepare_items(items)] == ["good"]


@pytest.mark.parametrize(
    "exclude",
    [
        "/news/2",
        "/news/2/",
        "/news/2#comments",
        "https://site.example/news/2",
        "HTTPS://SITE.EXAMPLE/news/2/#x",
    ],
)
def test_exclude_url_removes_the_current_article(exclude: str) -> None:
    items = [_item(1), _item(2), _item(3)]
    assert [i.url for i in prepare_items(items, exclude_url=exclude)] == ["/news/1", "/news/3"]


def test_exclude_url_is_not_too_eager() -> None:
    items = [_item(1), {**_item(2), "url": "https://other.example/news/2"}, _item(3)]
    kept = prepare_items(items, exclude_url="/news/2?page=2")
    assert [i.url for i in kept] == ["/news/1", "https://other.example/news/2", "/news/3"]
    kept = prepare_items(items, exclude_url="https://site.example/news/2")
    assert [i.url for i in kept] == ["/news/1", "https://other.example/news/2", "/news/3"]


def test_exclude_url_must_be_safe() -> None:
    with pytest.raises(InvalidInputError) as caught:
        prepare_items([_item(1)], exclude_url="javascript:alert(1)")
    assert caught.value.field == "exclude_url"


def test_limit() -> None:
    items = [_item(n) for n in range(10)]
    assert len(prepare_items(items)) == 6  # the default
    assert [i.title for i in prepare_items(items, limit=2)] == ["T0", "T1"]
    assert prepare_items(items, limit=0) == []
    assert len(prepare_items(items, limit=None)) == 10
    assert len(prepare_items(items, limit=50)) == 10


@pytest.mark.parametrize("limit", [-1, True, 1.5, "3"])
def test_bad_limit(limit: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        prepare_items([_item(1)], limit=limit)  # type: ignore[arg-type]
    assert caught.value.field == "limit"


def test_bad_order_and_items() -> None:
    with pytest.raises(InvalidInputError) as caught:
        prepare_items([_item(1)], order="oldest")  # type: ignore[arg-type]
    assert caught.value.field == "order"
    with pytest.raises(InvalidInputError) as caught:
        prepare_items(_item(1))  # type: ignore[arg-type]
    assert caught.value.field == "items"


def test_newest_order_compares_instants_and_is_stable() -> None:
    items = [
        {"title": "cairo 22:00 (19:00 UTC)", "url": "/a", "published": "2025-04-30T22:00+03:00"},
        {"title": "utc 20:00", "url": "/b", "published": "2025-04-30T20:00Z"},
        {"title": "tie first", "url": "/c", "published": "2025-04-30T18:00Z"},
        {"title": "tie second", "url": "/d", "published": "2025-04-30T21:00+03:00"},
        {"title": "tokyo 09:00 next day", "url": "/e", "published": "2025-05-01T09:00+09:00"},
    ]
    given_order = [i.title for i in prepare_items(items)]
    assert given_order == [str(item["title"]) for item in items]
    newest = [i.title for i in prepare_items(items, order="newest")]
    assert newest == [
        "tokyo 09:00 next day",
        "utc 20:00",
        "cairo 22:00 (19:00 UTC)",
        "tie first",
        "tie second",
    ]


def test_bad_items_are_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    items: list[object] = [
        _item(0),
        {"url": "/news/1", "published": "2025-04-30T12:00Z"},
        _item(2, published=None),
        _item(3, published="yesterday"),
        _item(4, published="2025-04-30T12:00:00"),
        _item(5, url="vbscript:msgbox(1)"),
        42,
        None,
        _item(8, image="javascript:alert(1)", image_width=10, image_height=10),
        _item(9),
    ]
    with caplog.at_level(logging.WARNING, logger="widgets"):
        kept = prepare_items(items, limit=None)  # type: ignore[arg-type]
    assert [i.title for i in kept] == ["T0", "T8", "T9"]
    assert kept[1].image is None and kept[1].image_width is None
    records = [r for r in caplog.records if r.name == "widgets" and r.levelno == logging.WARNING]
    reasons = {
        1: "title",
        2: "published",
        3: "published",
        4: "published",
        5: "url",
        6: "item",
        7: "item",
        8: "image",
    }
    assert len(records) == len(reasons)
    for record, (index, field) in zip(records, reasons.items(), strict=True):
        message = record.getMessage()
        assert re.search(rf"\bitem {index}\b", message), message
        assert f"{field} must be" in message, message


# --- the seed items ------------------------------------------------------------------------------


def test_seed_items_all_parse() -> None:
    path = SEED
    raw = json.loads(path.read_text(encoding="utf-8"))["items"]
    loaded = load_news(path)
    assert loaded == raw
    items = prepare_items(loaded, limit=None)
    assert [i.title for i in items] == [entry["title"] for entry in raw]
    assert [i.url for i in items] == [f"/news/{n}" for n in range(1, 9)]
    cairo = ZoneInfo("Africa/Cairo")
    # the page printed the first one as "30 أبريل 2025 10:16 م", Cairo time (UTC+3 that summer)
    first = items[0].published.astimezone(cairo)
    assert (first.year, first.month, first.day, first.hour, first.minute) == (2025, 4, 30, 22, 16)
    assert first.utcoffset() == timedelta(hours=3)
    assert [i.url for i in prepare_items(loaded)] == [f"/news/{n}" for n in range(1, 7)]


def test_seed_items_newest_first() -> None:
    items = prepare_items(load_news(SEED), limit=None, order="newest")
    # times from the seed file: 22:16, 21:52, 21:25, 18:36, 18:31, 19:47, 17:50, 19:06
    assert [i.url for i in items] == [f"/news/{n}" for n in (1, 2, 3, 6, 8, 4, 5, 7)]


# --- load_news: JSON -----------------------------------------------------------------------------


def test_load_news_json_list_and_object(tmp_path: Path) -> None:
    items = [_item(1), _item(2)]
    as_list = tmp_path / "list.json"
    as_list.write_text(json.dumps(items), encoding="utf-8")
    assert load_news(as_list) == items
    assert load_news(str(as_list)) == items
    as_object = json.dumps({"about": "x", "items": items}).encode("utf-8-sig")
    assert load_news(as_object) == items


def test_load_news_skips_non_objects(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="widgets"):
        loaded = load_news(json.dumps([_item(1), "junk", _item(2)]).encode())
    assert loaded == [_item(1), _item(2)]
    assert any("item 1" in r.getMessage() for r in caplog.records)


def test_load_news_resolves_against_base_url() -> None:
    data = json.dumps(
        [
            _item(1, image="//cdn.example/1.jpg"),
            _item(2, url="https://other.example/2", image="img/2.jpg"),
            _item(3, url="javascript:alert(1)"),
        ]
    ).encode()
    loaded = load_news(data, base_url="https://news.example/world/")
    assert [(i["url"], i.get("image")) for i in loaded] == [
        ("https://news.example/news/1", "https://cdn.example/1.jpg"),
        ("https://other.example/2", "https://news.example/world/img/2.jpg"),
        ("javascript:alert(1)", None),
    ]
    assert [i.url for i in prepare_items(loaded)] == [
        "https://news.example/news/1",
        "https://other.example/2",
    ]


@pytest.mark.parametrize(
    ("source", "field"),
    [
        (b"not json", "source"),
        (b"[1, 2", "source"),
        (b'{"entries": []}', "source"),
        (b'"a string"', "source"),
        ("https://news.example/feed.xml", "source"),
        (42, "source"),
    ],
    ids=repr,
)
def test_load_news_bad_sources(source: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        load_news(source)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_load_news_bad_base_url_and_missing_file(tmp_path: Path) -> None:
    for base in ("/relative/", "javascript:alert(1)//"):
        with pytest.raises(InvalidInputError) as caught:
            load_news(b"[]", base_url=base)
        assert caught.value.field == "base_url"
    with pytest.raises(FileNotFoundError):
        load_news(tmp_path / "absent.json")


# --- load_news: feeds ----------------------------------------------------------------------------


def test_rss2_feed() -> None:
    pytest.importorskip("feedparser")
    loaded = load_news(FEEDS / "rss2.xml")
    assert len(loaded) == 6
    first = loaded[0]
    assert first["title"] == "رئيس وزراء باكستان: الهند تسعى لتصعيد التوتر"
    assert first["url"] == "/news/1"
    # pubDate "Wed, 30 Apr 2025 22:16:00 +0300" is 19:16 UTC, kept in the feed's offset
    assert first["published"] == datetime(2025, 4, 30, 19, 16, tzinfo=UTC)
    assert first["published"].isoformat() == "2025-04-30T22:16:00+03:00"  # type: ignore[attr-defined]
    assert (first["image"], first["image_width"], first["image_height"]) == ("/img/1.jpg", 320, 180)
    assert first["source"] == "أخبار المثال"
    second = loaded[1]
    assert second["title"] == "Markets & energy: oil steady"  # escaped markup in a title is text
    assert second["image"] == "https://img.example/2.jpg"  # an image enclosure
    assert second["source"] == "Wire Service"  # the item's <source>
    assert loaded[2]["published"] == "sometime last week"
    assert loaded[3]["image"] == "https://img.example/4.png"  # media:content medium="image"
    assert "published" not in loaded[5]


def test_rss2_feed_prepared(caplog: pytest.LogCaptureFixture) -> None:
    pytest.importorskip("feedparser")
    with caplog.at_level(logging.WARNING, logger="widgets"):
        items = prepare_items(load_news(FEEDS / "rss2.xml"), limit=None)
    assert [i.url for i in items] == [
        "/news/1",
        "https://news.example/news/2",
        "https://news.example/news/5",
    ]
    assert items[2].image is None  # the javascript: thumbnail was dropped, the headline kept
    messages = " | ".join(r.getMessage() for r in caplog.records)
    for index in (2, 3, 4, 5):
        assert f"item {index}" in messages


def test_rss2_feed_with_base_url() -> None:
    pytest.importorskip("feedparser")
    loaded = load_news((FEEDS / "rss2.xml").read_bytes(), base_url="https://news.example/world/")
    assert loaded[0]["url"] == "https://news.example/news/1"
    assert loaded[0]["image"] == "https://news.example/img/1.jpg"
    assert loaded[3]["url"] == "javascript:alert(document.cookie)"  # left for prepare_items


def test_atom_feed() -> None:
    pytest.importorskip("feedparser")
    loaded = load_news(FEEDS / "atom.xml", base_url="https://news.example/world/x")
    assert loaded[0]["title"] == "Talks resume & continue"  # type="html" read as text
    # <published>2025-04-30T22:16:00+03:00</published> wins over <updated>
    assert loaded[0]["published"] == datetime(2025, 4, 30, 19, 16, tzinfo=UTC)
    assert loaded[0]["published"].isoformat() == "2025-04-30T22:16:00+03:00"  # type: ignore[attr-defined]
    assert loaded[0]["image"] == "https://img.example/a1.png"
    assert loaded[0]["source"] == "Atom Sample"
    assert loaded[1]["published"] == datetime(2025, 4, 30, 18, 5, tzinfo=UTC)
    assert loaded[1]["url"] == "https://news.example/world/a/2"
    items = prepare_items(loaded, order="newest")
    assert [i.title for i in items] == ["Talks resume & continue", "Only an updated time"]


def test_feeds_state_the_language_of_their_headlines() -> None:
    """RSS's <language> and Atom's xml:lang (an entry's own first) become the item's lang."""
    pytest.importorskip("feedparser")
    rss = b"""<rss version="2.0"><channel><title>t</title><language>fr-FR</language>
<item><title>Le Maroc accueille la CAN</title><link>https://news.example/1</link></item>
</channel></rss>"""
    atom = """<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar"><title>t</title>
<entry xml:lang="en"><title>Talks resume</title><link href="https://news.example/2"/>
<updated>2025-04-30T22:16:00+03:00</updated></entry>
<entry><title>مباحثات</title><link href="https://news.example/3"/>
<updated>2025-04-30T21:05:00+03:00</updated></entry></feed>""".encode()
    assert [item.get("lang") for item in load_news(rss)] == ["fr-FR"]
    assert [item.get("lang") for item in load_news(atom)] == ["en", "ar"]
    assert [item.lang for item in prepare_items(load_news(atom))] == ["en", "ar"]


@pytest.mark.parametrize(
    ("pub_date", "expected"),
    [
        ("Wed, 30 Apr 2025 22:16:00 -0000", "2025-04-30T22:16:00+00:00"),  # RFC 822: offset unknown
        ("Wed, 30 Apr 2025 22:16:00 EDT", "2025-04-30T22:16:00-04:00"),  # RFC 822 zone name
        ("2025-04-30T22:16:00+03:00", "2025-04-30T22:16:00+03:00"),  # RFC 3339 in an RSS feed
        ("Mon, 01 Jan 0001 00:00:00 GMT", "0001-01-01T00:00:00+00:00"),  # not read as 2001
    ],
)
def test_rss_dates_keep_the_offset_they_were_written_with(pub_date: str, expected: str) -> None:
    pytest.importorskip("feedparser")
    rss = f"""<rss version="2.0"><channel><title>t</title><item><title>t</title>
<link>https://news.example/1</link><pubDate>{pub_date}</pubDate></item></channel></rss>"""
    published = load_news(rss.encode())[0]["published"]
    assert isinstance(published, datetime) and published.isoformat() == expected


def test_feed_detection_ignores_the_file_name(tmp_path: Path) -> None:
    pytest.importorskip("feedparser")
    disguised = tmp_path / "news.json"
    disguised.write_bytes(b"\n  " + (FEEDS / "atom.xml").read_bytes())
    assert len(load_news(disguised)) == 3


def test_broken_xml_is_an_input_error() -> None:
    pytest.importorskip("feedparser")
    with pytest.raises(InvalidInputError) as caught:
        load_news(b"<html><body>not a feed")
    assert caught.value.field == "source"


def test_feeds_need_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "feedparser", None)  # makes "import feedparser" fail
    with pytest.raises(MissingExtraError, match=re.escape("prayer-news-widgets[feeds]")) as caught:
        load_news(FEEDS / "rss2.xml")
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, WidgetsError)
    assert load_news(b"[]") == []  # JSON needs no extra


# --- module rules --------------------------------------------------------------------------------


def test_news_imports_neither_babel_nor_jinja2() -> None:
    import widgets.news

    tree = ast.parse(Path(widgets.news.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imported.add(node.module.split(".")[0])
    assert imported, "the walk found no imports at all"
    assert not imported & {"babel", "jinja2", "markupsafe"}
