"""Fragments: golden HTML, the next-prayer mark and expiry, hostile input, host integration.

Golden files live in tests/golden/ and are rewritten only when the suite runs
with ``UPDATE_GOLDEN=1``; review the diff before committing them.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import ephem
import html5lib
import jinja2
import pytest
from babel.dates import format_skeleton, get_period_names
from babel.lists import format_list
from babel.units import format_unit
from hijridate import Hijri
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

import widgets
from widgets import Location, Method, headlines, prayer_times, tables, views
from widgets.errors import TimeUnavailableError, UnknownNameError
from widgets.host import install, widget_globals
from widgets.l10n import Formatter
from widgets.render import (
    STRIP_TEMPLATE,
    CompiledTemplates,
    Fragment,
    environment,
    render_prayer_strip,
    render_related_news,
    render_timetable,
    template_environment,
    template_loader,
    templates_path,
)
from widgets.views import strip_view

from .conftest import PACKAGE, data_path

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
CAIRO = ZoneInfo("Africa/Cairo")
UTC = timezone.utc
# Wednesday 30 April 2025, 15:00 in Cairo (UTC+3 since Egypt's DST began on 25 April).
NOON = datetime(2025, 4, 30, 12, 0, tzinfo=UTC)
SIX = ("fajr", "sunrise", "dhuhr", "asr", "maghrib", "isha")
DASH = "—"


# --- helpers -----------------------------------------------------------------------------------


def parse(html: str) -> ElementTree.Element:
    """Parse a fragment with html5lib's strict parser: any parse error fails the test."""
    parser = html5lib.HTMLParser(
        strict=True, tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False
    )
    root: ElementTree.Element = parser.parseFragment(html)
    return root


def elements(root: ElementTree.Element) -> Iterator[ElementTree.Element]:
    yield from root.iter()


def by_class(root: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    return [el for el in root.iter() if name in (el.get("class") or "").split()]


def text(element: ElementTree.Element) -> str:
    return "".join(element.itertext())


def check_golden(name: str, html: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    elif not path.exists():
        pytest.fail(f"{path} is missing: run the tests with UPDATE_GOLDEN=1 and review it")
    assert html == path.read_text(encoding="utf-8")


def seed_items() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        data_path("seed", "related-news.json").read_text(encoding="utf-8")
    )
    return data


def seed_list() -> list[tuple[str, str]]:
    """(headline, stamp) pairs of the related-news block of the seed article, in page order."""
    lines = data_path("seed", "article-widgets.txt").read_text(encoding="utf-8").splitlines()
    start = lines.index("أخبار ذات صلة") + 1
    block = [line.strip() for line in lines[start:] if line.strip()]
    block = block[: next(i for i, line in enumerate(block) if line.startswith("أكثر الكلمات"))]
    return list(zip(block[::2], block[1::2], strict=True))


def strip_slots(html: str) -> dict[str, ElementTree.Element]:
    root = parse(html)
    return {li.get("data-pnw-prayer", ""): li for li in by_class(root, "pnw-time")}


def marked_in(root: ElementTree.Element) -> list[str]:
    return [
        li.get("data-pnw-prayer", "")
        for li in by_class(root, "pnw-time")
        if li.get("aria-current") == "time" or "pnw-next" in (li.get("class") or "").split()
    ]


def marked(html: str) -> list[str]:
    return marked_in(parse(html))


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Each test starts with empty render caches (monkeypatching must not leak)."""
    from widgets import render

    render._strip_fragment.cache_clear()
    yield
    render._strip_fragment.cache_clear()


# --- golden HTML -------------------------------------------------------------------------------


def _golden_strip() -> str:
    return render_prayer_strip("cairo", now=NOON, locale="ar_EG")


def _golden_news() -> str:
    seed = seed_items()
    return render_related_news(seed["items"], timezone=seed["timezone"], limit=None)


GOLDEN_CASES = {
    "strip-cairo-2025-04-30-ar_EG.html": _golden_strip,
    "news-seed-ar_EG.html": _golden_news,
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str) -> None:
    html = GOLDEN_CASES[name]()
    parse(html)
    check_golden(name, html)


def test_strip_dates_are_the_calendar_facts() -> None:
    root = parse(_golden_strip())
    (strip,) = by_class(root, "pnw-strip")
    assert strip.get("dir") == "rtl" and strip.get("lang") == "ar-EG"
    assert "القاهرة" in (strip.get("aria-label") or "")
    (gregorian,) = by_class(root, "pnw-date")
    (hijri,) = by_class(root, "pnw-hijri")
    # 30 April 2025 was a Wednesday; Umm al-Qura put 1 Dhu al-Qa'dah 1446 on 29 April 2025.
    assert text(gregorian) == "الأربعاء، 30 أبريل 2025"
    assert gregorian.get("datetime") == "2025-04-30"
    assert Hijri(1446, 11, 2).to_gregorian().isoformat() == "2025-04-30"
    assert text(hijri) == "2 ذو القعدة 1446 هـ"
    assert hijri.get("datetime") == "2025-04-30"


def _ephem_times(day: date) -> dict[str, datetime]:
    """Cairo times from PyEphem, with the Egyptian angles (Fajr 19.5°, Isha 17.5°)."""
    observer = ephem.Observer()
    observer.lat, observer.lon, observer.elevation = "30.0444", "31.2357", 23
    observer.pressure = 0
    observer.date = ephem.Date(datetime(day.year, day.month, day.day) - timedelta(hours=2))
    sun = ephem.Sun()

    def at(horizon: str, rising: bool) -> datetime:
        observer.horizon = horizon
        event = observer.next_rising if rising else observer.next_setting
        found: datetime = event(sun, use_center=horizon != "-0:50").datetime()
        return found.replace(tzinfo=UTC)

    observer.horizon = "0"
    transit = observer.next_transit(sun).datetime().replace(tzinfo=UTC)
    return {
        "fajr": at("-19.5", True),
        "sunrise": at("-0:50", True),
        "dhuhr": transit,
        "maghrib": at("-0:50", False),
        "isha": at("-17.5", False),
    }


def test_strip_times_agree_with_an_independent_ephemeris() -> None:
    """The seed page printed 12:00 AM six times: these must be the sun's real times."""
    slots = strip_slots(_golden_strip())
    for prayer, expected in _ephem_times(date(2025, 4, 30)).items():
        stamp = slots[prayer].find("time")
        assert stamp is not None
        shown = datetime.fromisoformat(stamp.get("datetime", ""))
        assert abs(shown - expected) <= timedelta(minutes=2), prayer
        local = shown.astimezone(CAIRO)
        hour = local.hour % 12 or 12
        assert text(stamp) == f"{hour}:{local.minute:02} {'ص' if local.hour < 12 else 'م'}"


def test_news_matches_the_seed_page() -> None:
    """Headlines and stamps as the seed page printed them (it zero-pads the hour)."""
    seed = seed_items()
    html = render_related_news(
        seed["items"], timezone=seed["timezone"], limit=None, pattern="d MMMM y hh:mm a"
    )
    root = parse(html)
    shown = [
        (text(by_class(item, "pnw-headline")[0]), text(by_class(item, "pnw-stamp")[0]))
        for item in by_class(root, "pnw-news-item")
    ]
    assert shown == seed_list()
    links = [a.get("href") for a in root.iter("a")]
    assert links == [item["url"] for item in seed["items"]]


def test_news_default_limit_and_heading() -> None:
    seed = seed_items()
    root = parse(render_related_news(seed["items"], timezone=seed["timezone"]))
    assert len(by_class(root, "pnw-news-item")) == 6
    (heading,) = root.iter("h2")
    assert text(heading) == "أخبار ذات صلة"
    (section,) = root.iter("section")
    assert section.get("dir") == "rtl" and section.get("lang") == "ar-EG"


# --- the next prayer and expires_at --------------------------------------------------------------


def test_before_fajr_marks_fajr() -> None:
    at = datetime(2025, 4, 30, 1, 0, tzinfo=CAIRO)
    day = prayer_times("cairo", date(2025, 4, 30))
    fragment = render_prayer_strip("cairo", now=at)
    assert marked(fragment) == ["fajr"]
    assert fragment.expires_at == day.fajr


def test_between_prayers_marks_the_next_one() -> None:
    day = prayer_times("cairo", date(2025, 4, 30))
    at = day.dhuhr + timedelta(minutes=1)
    fragment = render_prayer_strip("cairo", now=at)
    assert marked(fragment) == ["asr"]
    assert fragment.expires_at == day.asr
    li = strip_slots(fragment)["asr"]
    assert [text(el).strip() for el in by_class(li, "pnw-next-label")] == ["الصلاة القادمة"]
    assert li.get("aria-current") is None  # "the current time" to a screen reader
    # The spoken time says the day period as CLDR's stand-alone wide word.
    wide = get_period_names("wide", "stand-alone", "ar_EG")
    (spoken,) = by_class(li, "pnw-spoken")
    assert text(spoken) == f"{day.asr:%-I:%M} {wide['pm']}"


def test_sunrise_is_never_the_next_prayer() -> None:
    day = prayer_times("cairo", date(2025, 4, 30))
    between = day.fajr + timedelta(minutes=10)  # after Fajr, before sunrise
    fragment = render_prayer_strip("cairo", now=between)
    assert marked(fragment) == ["dhuhr"]
    assert fragment.expires_at == day.dhuhr
    assert "الشروق" not in text(by_class(parse(fragment), "pnw-next")[0])


def test_at_the_exact_time_the_mark_moves_on() -> None:
    day = prayer_times("cairo", date(2025, 4, 30))
    fragment = render_prayer_strip("cairo", now=day.asr)
    assert marked(fragment) == ["maghrib"]
    assert fragment.expires_at == day.maghrib


def test_after_isha_tomorrows_fajr_is_marked() -> None:
    day = prayer_times("cairo", date(2025, 4, 30))
    fragment = render_prayer_strip("cairo", now=day.isha + timedelta(minutes=5))
    assert marked(fragment) == ["fajr"]
    assert fragment.expires_at == datetime(2025, 5, 1, 0, 0, tzinfo=CAIRO)
    (strip,) = by_class(parse(fragment), "pnw-strip")
    tomorrow = prayer_times("cairo", date(2025, 5, 1))
    assert strip.get("data-pnw-next") == tomorrow.fajr.isoformat()
    fajr = strip_slots(fragment)["fajr"]
    (stamp,) = fajr.iter("time")
    assert stamp.get("datetime") == tomorrow.fajr.isoformat()
    assert text(stamp) == f"{tomorrow.fajr:%-I:%M} ص"
    assert [text(el) for el in by_class(fajr, "pnw-note")] == ["غدًا"]


def test_midnight_inside_a_dst_gap() -> None:
    """Egypt moved its clocks from 00:00 to 01:00 on 25 April 2025: the day began at 22:00 UTC."""
    day = prayer_times("cairo", date(2025, 4, 24))
    fragment = render_prayer_strip("cairo", now=day.isha + timedelta(minutes=1))
    assert fragment.expires_at == datetime(2025, 4, 24, 22, 0, tzinfo=UTC)


def test_hijri_day_turns_at_maghrib_when_asked() -> None:
    day = prayer_times("cairo", date(2025, 4, 30))
    evening = day.maghrib + timedelta(minutes=10)
    plain = parse(render_prayer_strip("cairo", now=evening))
    turned = parse(render_prayer_strip("cairo", now=evening, hijri_at_maghrib=True))
    assert text(by_class(plain, "pnw-hijri")[0]) == "2 ذو القعدة 1446 هـ"
    assert text(by_class(turned, "pnw-hijri")[0]) == "3 ذو القعدة 1446 هـ"
    assert by_class(turned, "pnw-hijri")[0].get("datetime") == "2025-05-01"
    assert text(by_class(turned, "pnw-date")[0]) == "الأربعاء، 30 أبريل 2025"
    before = render_prayer_strip("cairo", now=day.asr, hijri_at_maghrib=True)
    assert before.expires_at == day.maghrib


def test_same_state_same_object_and_bytes() -> None:
    day = prayer_times("cairo", date(2025, 4, 30))
    first = render_prayer_strip("cairo", now=day.dhuhr + timedelta(minutes=1))
    second = render_prayer_strip("cairo", now=day.asr - timedelta(minutes=1))
    assert first is second  # cached on the minute state, not on now
    from widgets import render

    render._strip_fragment.cache_clear()
    third = render_prayer_strip("cairo", now=day.dhuhr + timedelta(minutes=30))
    assert third == first and third is not first
    assert render._strip_fragment.cache_info().maxsize is not None


def test_arabic_indic_digits_only_in_displayed_text() -> None:
    html = render_prayer_strip("cairo", now=NOON, digits="arab", clock="24h")
    root = parse(html)
    for stamp in root.iter("time"):
        assert re.fullmatch(r"[0-9T:+\-]+", stamp.get("datetime", ""))
        assert not re.search(r"[0-9]", text(stamp)), text(stamp)
    fajr = strip_slots(html)["fajr"].find("time")
    assert fajr is not None and re.fullmatch(r"[٠-٩]{2}:[٠-٩]{2}", text(fajr))


def test_english_strip_is_ltr() -> None:
    root = parse(render_prayer_strip("cairo", now=NOON, locale="en"))
    (strip,) = by_class(root, "pnw-strip")
    assert strip.get("dir") == "ltr" and strip.get("lang") == "en"
    assert strip.get("aria-label") == "Prayer times in Cairo"
    assert [text(el) for el in by_class(root, "pnw-name")] == [
        "Fajr",
        "Sunrise",
        "Dhuhr",
        "Asr",
        "Maghrib",
        "Isha",
    ]


# --- honest fallbacks ----------------------------------------------------------------------------


def _dashes(html: str) -> None:
    slots = strip_slots(html)
    assert list(slots) == list(SIX)
    for li in slots.values():
        assert li.find(".//time") is None
        assert DASH in text(li)
        assert not re.search(r"\d", text(li))
    assert "12:00" not in html


def test_times_that_cannot_be_computed_print_dashes(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from widgets import views

    def unavailable(*args: object, **kwargs: object) -> None:
        raise TimeUnavailableError("fajr", "the sun never reaches 19.5° below the horizon")

    monkeypatch.setattr(views, "_day_of", unavailable)  # the strip's day, however it is found
    with caplog.at_level(logging.WARNING, logger="widgets"):
        fragment = render_prayer_strip("cairo", now=NOON)
    _dashes(fragment)
    assert marked(fragment) == []
    assert fragment.expires_at == datetime(2025, 5, 1, 0, 0, tzinfo=CAIRO)
    assert any("never reaches" in record.getMessage() for record in caplog.records)
    assert by_class(parse(fragment), "pnw-date")  # the date line stays


def test_unknown_method_raises_every_time_and_is_never_cached() -> None:
    # A typo is a programmer's mistake: the Python API raises (README), each call,
    # rather than caching six dashes until midnight.
    for _ in range(2):
        with pytest.raises(UnknownNameError, match="egypt"):
            render_prayer_strip("cairo", now=NOON, method="egpyt")
    assert "—" not in str(render_prayer_strip("cairo", now=NOON, method="egypt"))


def test_a_time_that_cannot_be_computed_prints_dashes(caplog: pytest.LogCaptureFixture) -> None:
    # Isha at 18 degrees never comes in Tromsø's midsummer under the rule "none".
    tromso = Location(latitude=69.6492, longitude=18.9553, timezone="Europe/Oslo")
    strict = Method(
        slug="strict", name="Strict", fajr_angle=18.0, isha_angle=18.0, high_latitude="none"
    )
    with caplog.at_level(logging.WARNING, logger="widgets"):
        fragment = render_prayer_strip(
            tromso, now=datetime(2025, 6, 1, 12, tzinfo=UTC), method=strict
        )
    _dashes(fragment)
    assert any(record.name == "widgets" for record in caplog.records)


def test_hijri_line_left_out_beyond_the_table(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="widgets"):
        root = parse(render_prayer_strip("cairo", now=datetime(2078, 1, 5, 12, tzinfo=UTC)))
    assert by_class(root, "pnw-hijri") == []
    assert text(by_class(root, "pnw-date")[0]) == "الأربعاء، 5 يناير 2078"
    assert len(list(root.iter("time"))) == 7  # the Gregorian date and the six times


def test_bad_arguments_raise_from_the_python_api() -> None:
    with pytest.raises(ValueError, match="now"):
        render_prayer_strip("cairo", now=datetime(2025, 4, 30, 12))
    with pytest.raises(LookupError):
        render_prayer_strip("atlantis", now=NOON)
    with pytest.raises(ValueError, match="locale"):
        render_prayer_strip("cairo", now=NOON, locale="xx_YY")
    with pytest.raises(ValueError, match="now"):
        render_related_news([], relative_within=timedelta(hours=1))


# --- hostile input -------------------------------------------------------------------------------

HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "</bdi></a></li></ul></section><script>alert(1)</script>",
    "{{7*7}} {% if true %}x{% endif %} {#c#} ${7*7}",
    "\u202egpj.exe\u202c عاجل",
    "&lt;b&gt; &amp; &#x3C;script&#x3E;",
]
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    " \x01javascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DaTa:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example\\x",
]
_STRIPPED = "".join(map(chr, range(0x21)))


def assert_inert(html: str) -> ElementTree.Element:
    """Nothing executable: no script element, no on* or style attribute, only safe URLs."""
    root = parse(html)
    for element in elements(root):
        assert element.tag not in {"script", "iframe", "object", "embed", "svg", "math", "style"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (name, value)
            assert name.lower() != "style"
            if name.lower() in {"href", "src", "action", "formaction", "srcset", "poster"}:
                cleaned = re.sub(r"[\t\n\r]", "", value.strip(_STRIPPED))
                assert urlsplit(cleaned).scheme in {"", "http", "https"}, value
                assert not cleaned.startswith(("//", "/\\", "\\")), value
    return root


def test_hostile_news_items(caplog: pytest.LogCaptureFixture) -> None:
    items: list[dict[str, object]] = [
        {
            "title": title,
            "url": f"/safe/{n}",
            "published": "2025-04-30T18:00:00+03:00",
            "source": title,
            "image": f"/img/{n}.jpg",
        }
        for n, title in enumerate(HOSTILE_TEXT)
    ]
    items += [
        {
            "title": f"bad link {n}",
            "url": url,
            "published": "2025-04-30T18:00:00+03:00",
            "image": url,
        }
        for n, url in enumerate(HOSTILE_URLS)
    ]
    with caplog.at_level(logging.WARNING, logger="widgets"):
        html = render_related_news(
            items, timezone="Africa/Cairo", limit=None, heading="<script>alert(1)</script>"
        )
    root = assert_inert(html)
    headlines = [text(el) for el in by_class(root, "pnw-headline")]
    assert headlines == HOSTILE_TEXT  # every hostile title shown as text, in order
    assert "{{7*7}}" in html and "49" not in html
    assert html.count("\u202e") == sum(text(el).count("\u202e") for el in root.iter("bdi")), (
        "bidi overrides must stay isolated inside <bdi>"
    )
    for link in root.iter("a"):
        assert (link.get("href") or "").startswith("/safe/")
        assert link.get("target") is None
    for image in root.iter("img"):
        assert image.get("loading") == "lazy" and image.get("decoding") == "async"
        assert image.get("alt") == "" and image.get("width") and image.get("height")
    skipped = [r for r in caplog.records if r.name == "widgets" and "skipping" in r.getMessage()]
    kept_links = [a.get("href") for a in root.iter("a")]
    assert len(skipped) + sum(1 for h in kept_links if not h.startswith("/safe/")) == len(
        HOSTILE_URLS
    )


def test_hostile_strip_settings() -> None:
    evil = Location(
        latitude=30.0444,
        longitude=31.2357,
        timezone="Africa/Cairo",
        country="EG",
        name='<script>alert(1)</script>" onload="x {{7*7}} \u202e',
    )
    html = render_prayer_strip(
        evil, now=NOON, prayer_names={"fajr": "<b onmouseover=alert(1)>ف</b>", "isha": "{{7*7}}"}
    )
    root = assert_inert(html)
    assert "{{7*7}}" in text(root) and "49" not in html
    assert text(by_class(root, "pnw-city")[0]) == evil.name
    assert (
        text(by_class(strip_slots(html)["fajr"], "pnw-name")[0]) == "<b onmouseover=alert(1)>ف</b>"
    )


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_our_escape_gives_markupsafe_text(value: str) -> None:
    from widgets import render

    assert render._escape(value) == str(escape(value))
    assert render._escape(value + "<&>\"'") == str(escape(value + "<&>\"'"))


def test_our_escape_leaves_markup_and_other_types_to_markupsafe() -> None:
    from widgets import render

    class Shown:
        def __html__(self) -> str:
            return "<i>kept</i>"

    class Text(str):
        pass

    for value in (Markup("<b>x</b>"), Shown(), 7, 2.5, None, Text("<s>"), "<s>", "plain"):
        assert render._escape(value) == str(escape(value))


def test_our_environment_prints_what_stock_jinja2_prints() -> None:
    """Our compiled templates escape as a stock Jinja2 environment does, hostile values included."""
    from widgets import render

    stock = jinja2.Environment(
        loader=render.template_loader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    evil = Location(
        latitude=30.0444,
        longitude=31.2357,
        timezone="Africa/Cairo",
        country="EG",
        name="<script>'x' & \"y\"</script>",
    )
    names = {"fajr": "<b>ف</b>", "isha": "'&amp;'", "dhuhr": Markup("<i>ظ</i>")}
    seed = seed_items()
    items = [
        *seed["items"],
        {
            "title": "<img src=x onerror=alert(1)> & 'q'",
            "url": '/a?b=1&c="2"',
            "published": "2025-04-30T18:00:00+03:00",
            "source": "<b>src</b>",
        },
    ]
    built = {
        render.STRIP_TEMPLATE: ("strip", views.strip_view(evil, now=NOON, prayer_names=names)),
        render.TIMETABLE_TEMPLATE: (
            "table",
            tables.timetable_view(evil, month=date(2026, 3, 1), imsakiya=True),
        ),
        render.NEWS_TEMPLATE: (
            "news",
            headlines.news_view(items, timezone="Asia/Riyadh", limit=None),
        ),
    }
    for name, (key, view) in built.items():
        template = render.environment().get_template(name)
        assert template.root_render_func.__globals__["escape"] is render._escape  # the shortcut
        ours = template.render({key: view})
        assert ours == stock.get_template(name).render({key: view}), name
        assert_inert(ours)
        assert "<script>" not in ours and "<b>" not in ours and "<img" not in ours


def test_a_day_shows_the_same_in_strip_and_timetable_whatever_comes_first() -> None:
    from widgets import render

    now = datetime(2026, 3, 5, 10, tzinfo=CAIRO)

    def build(strip_first: bool) -> list[str]:
        render._strip_fragment.cache_clear()
        if strip_first:
            strip = render_prayer_strip("alexandria", now=now)
            table = render_timetable("alexandria", month=now.date(), now=now, imsakiya=True)
        else:
            table = render_timetable("alexandria", month=now.date(), now=now, imsakiya=True)
            strip = render_prayer_strip("alexandria", now=now)
        return [strip, table]

    assert build(True) == build(False)
    strip, table = build(True)
    today = by_class(parse(table), "pnw-today")[0]
    for prayer, slot in strip_slots(strip).items():
        cell = by_class(today, f"pnw-{prayer}")[0]
        assert text(next(cell.iter("time"))) == text(by_class(slot, "pnw-at")[0])


def test_host_environment_without_autoescape_still_escapes() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({"p.html": "{{ related_news(items) }}"}))
    install(env)
    html = env.get_template("p.html").render(
        items=[
            {
                "title": "<script>alert(1)</script>",
                "url": "/a",
                "published": "2025-04-30T18:00:00+03:00",
            }
        ]
    )
    assert_inert(html)
    assert "&lt;script&gt;" in html


def test_bad_items_are_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    items: list[object] = [
        {"title": "", "url": "/1", "published": "2025-04-30T18:00:00+03:00"},
        {"url": "/2", "published": "2025-04-30T18:00:00+03:00"},
        {"title": "no date", "url": "/3"},
        {"title": "bad date", "url": "/4", "published": "yesterday"},
        {"title": "naive date", "url": "/5", "published": "2025-04-30T18:00:00"},
        "not an item",
        {"title": "good", "url": "/6", "published": "2025-04-30T18:00:00+03:00"},
    ]
    with caplog.at_level(logging.WARNING, logger="widgets"):
        root = parse(render_related_news(items, timezone="Africa/Cairo"))
    assert [text(el) for el in by_class(root, "pnw-headline")] == ["good"]
    warnings = [r for r in caplog.records if r.name == "widgets" and r.levelno == logging.WARNING]
    assert len(warnings) == 6


def test_empty_news_renders_nothing() -> None:
    fragment = render_related_news([])
    assert fragment == "" and fragment.expires_at is None


def test_news_thumbnail_and_source() -> None:
    html = render_related_news(
        [
            {
                "title": "t",
                "url": "https://news.example/a",
                "published": "2025-04-30T18:00:00Z",
                "image": "https://img.example/a.jpg",
                "image_width": 300,
                "image_height": 200,
                "source": "سكاي نيوز",
            }
        ]
    )
    root = assert_inert(html)
    (image,) = root.iter("img")
    assert (image.get("width"), image.get("height")) == ("300", "200")
    (link,) = root.iter("a")
    assert link.get("rel") == "noopener" and link.get("target") is None
    assert text(by_class(root, "pnw-source")[0]) == "سكاي نيوز"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("iPhone 17 يصل إلى الأسواق المصرية", "rtl"),
        ("Microsoft Teams تتوقف عن العمل", "rtl"),  # more Latin letters than Arabic ones
        ("Samsung Galaxy S25 Ultra يصل إلى مصر", "rtl"),
        ("OpenAI تطلق ChatGPT Enterprise في السعودية", "rtl"),
        ("BBC عربي", "rtl"),
        ("Apple unveils the iPhone 17 in Cupertino", "ltr"),  # no Arabic letter at all
        ("2025 - 17", "list"),  # no letter: the list's own direction
    ],
)
@pytest.mark.parametrize("locale", ["ar_EG", "en"])
def test_headline_direction_follows_its_script(title: str, expected: str, locale: str) -> None:
    item = {"title": title, "url": "/a", "published": "2025-04-30T18:00:00Z", "source": title}
    root = assert_inert(render_related_news([item], locale=locale))
    list_dir = "rtl" if locale == "ar_EG" else "ltr"
    want = list_dir if expected == "list" else expected
    assert by_class(root, "pnw-headline")[0].get("dir") == want
    assert by_class(root, "pnw-source")[0].get("dir") == want


@pytest.mark.parametrize(
    ("title", "locale", "stated", "expected"),
    [
        ("Apple unveils the iPhone 17 in Cupertino", "ar_EG", None, "en"),
        ("Samsung Galaxy S25 Ultra يصل إلى مصر", "ar_EG", None, None),  # an Arabic sentence
        ("رئيس وزراء باكستان يزور الهند", "en", None, "ar"),
        ("Apple unveils the iPhone 17", "en", None, None),
        ("Le Maroc accueille la CAN", "ar_MA", "fr-MA", "fr-MA"),  # the feed said so
        ("مباحثات بين باكستان والهند", "ar_EG", "en-US", None),  # a CMS default, overruled
        ("2025 - 17", "ar_EG", None, None),  # no letter
    ],
)
def test_a_headline_in_another_language_says_which(
    title: str, locale: str, stated: str | None, expected: str | None
) -> None:
    """WCAG 3.1.2: a screen reader switches voice on the headline's lang."""
    item = {"title": title, "url": "/a", "published": "2025-04-30T18:00:00Z", "lang": stated}
    root = assert_inert(render_related_news([item], locale=locale))
    section = by_class(root, "pnw-news")[0]
    assert section.get("lang", "").startswith(locale[:2])
    assert by_class(root, "pnw-headline")[0].get("lang") == expected


@pytest.mark.parametrize(("source", "expected"), [("BBC News", "en"), ("سكاي نيوز عربية", None)])
def test_a_source_in_another_language_says_which(source: str, expected: str | None) -> None:
    item = {"title": "عنوان", "url": "/a", "published": "2025-04-30T18:00:00Z", "source": source}
    root = assert_inert(render_related_news([item], locale="ar_EG"))
    assert by_class(root, "pnw-source")[0].get("lang") == expected


def test_a_malformed_lang_loses_the_language_not_the_headline(
    caplog: pytest.LogCaptureFixture,
) -> None:
    item = {"title": "Hello", "url": "/a", "published": "2025-04-30T18:00:00Z", "lang": "<x>"}
    with caplog.at_level(logging.WARNING, logger="widgets"):
        root = assert_inert(render_related_news([item], locale="ar_EG"))
    assert [text(el) for el in by_class(root, "pnw-headline")] == ["Hello"]
    assert by_class(root, "pnw-headline")[0].get("lang") == "en"  # told by its letters
    assert "news item 0: lang dropped: lang must be a BCP 47 language tag" in caplog.text


@pytest.mark.parametrize(("locale", "expected"), [("en", "ar"), ("ar_EG", None)])
def test_a_city_named_in_another_language_says_which(locale: str, expected: str | None) -> None:
    """A place the table does not know, named in Arabic only, on an English strip."""
    place = Location(latitude=24.47, longitude=54.37, timezone="Asia/Dubai", name="الشارقة الجديدة")
    html = render_prayer_strip(
        place, locale=locale, now=datetime(2026, 3, 1, 9, tzinfo=timezone.utc)
    )
    city = by_class(parse(str(html)), "pnw-city")[0]
    assert text(city) == "الشارقة الجديدة" and city.get("lang") == expected


@pytest.mark.parametrize("render", ["strip", "news"])
@pytest.mark.parametrize("field", ["locale", "digits"])
def test_a_list_where_one_value_goes_is_named(render: str, field: str) -> None:
    with pytest.raises(widgets.InvalidInputError, match=f"^{field} must be a single value"):
        if render == "strip":
            render_prayer_strip("cairo", now=NOON, **{field: ["ar_EG"]})
        else:
            item = {"title": "t", "url": "/a", "published": "2025-04-30T10:00:00Z"}
            render_related_news([item], now=NOON, **{field: ["ar_EG"]})


def test_an_item_value_that_cannot_key_the_cache_still_renders() -> None:
    """A feed's mapping may carry lists (tags): the list renders, without the cache."""
    item = {"title": "عنوان", "url": "/a", "published": "2025-04-30T10:00:00Z", "tags": ["x"]}
    assert [
        text(el) for el in by_class(parse(render_related_news([item], now=NOON)), "pnw-headline")
    ] == ["عنوان"]


# --- relative stamps and their expiry ------------------------------------------------------------


def test_relative_stamps_expire_when_they_would_change() -> None:
    within = timedelta(hours=6)

    def render(published: datetime, now: datetime) -> Fragment:
        items = [{"title": "t", "url": "/a", "published": published.isoformat()}]
        return render_related_news(items, now=now, relative_within=within)

    # stamps are read to the minute: published 12:00:30 counts from 12:00
    noon = datetime(2025, 4, 30, 12, 0, 30, tzinfo=CAIRO)
    minutes = render(noon, noon + timedelta(minutes=14, seconds=10))
    assert "قبل 14 دقيقة" in minutes
    assert minutes.expires_at == datetime(2025, 4, 30, 12, 15, tzinfo=CAIRO)
    assert "قبل 15 دقيقة" in render(noon, minutes.expires_at)
    hours = render(noon, noon + timedelta(hours=2, minutes=24))
    assert "قبل ساعتين" in hours  # floored, not rounded
    assert hours.expires_at == datetime(2025, 4, 30, 15, 0, tzinfo=CAIRO)
    # Late in the evening the stamp turns into "yesterday" at local midnight...
    evening = datetime(2025, 4, 30, 21, 0, 30, tzinfo=CAIRO)
    late = render(evening, evening + timedelta(hours=2, minutes=24))
    assert late.expires_at == datetime(2025, 5, 1, 0, 0, tzinfo=CAIRO)
    assert "أمس" in render(evening, late.expires_at)
    # ...and then stays until relative_within runs out and the stamp becomes absolute.
    yesterday = render(evening, datetime(2025, 5, 1, 0, 30, tzinfo=CAIRO))
    assert yesterday.expires_at == datetime(2025, 5, 1, 3, 0, tzinfo=CAIRO)  # 21:00 + 6 h
    absolute = render(evening, evening + within)
    assert "30 أبريل 2025 9:00 م" in absolute and absolute.expires_at is None
    assert render_related_news([{"title": "t", "url": "/a", "published": noon}]).expires_at is None


def test_cached_news_lists_keep_equal_values_of_other_types_apart() -> None:
    """``1 == True`` in Python, but a width of ``True`` is refused: the cache must not mix them."""
    now = datetime(2026, 3, 1, 14, tzinfo=CAIRO)
    item = {"title": "خبر", "url": "/a", "published": "2026-03-01T10:00:00+02:00"}
    sized = {**item, "image": "/i.jpg", "image_width": 1, "image_height": 1}
    flagged = {**sized, "image_width": True, "image_height": True}
    for first, second in ((sized, flagged), (flagged, sized)):
        kept = render_related_news([first], now=now)
        other = render_related_news([second], now=now)
        assert ("<img" in kept) == (first is sized)
        assert ("<img" in other) == (second is sized)


def test_cached_news_lists_turn_over_at_each_minute() -> None:
    """With the list cache on, every stamp is right for the minute of ``now``.

    The expected words are counted here from the clock minutes (published
    12:00:59 reads 12:00), independently of the renderer.
    """
    published = datetime(2025, 4, 30, 12, 0, 59, tzinfo=CAIRO)
    items = [{"title": "t", "url": "/a", "published": published.isoformat()}]
    within = timedelta(hours=6)
    expected = {0: "الآن", 1: "قبل دقيقة", 2: "قبل دقيقتين", 3: "قبل 3 دقائق", 11: "قبل 11 دقيقة"}
    seen = {}
    for minutes, words in expected.items():
        start = datetime(2025, 4, 30, 12, minutes, tzinfo=CAIRO)
        for seconds in (0, 1, 30, 59):
            now = start + timedelta(seconds=seconds, microseconds=999 * (seconds == 59))
            if now < published.replace(second=0):
                continue
            first = render_related_news(items, now=now, relative_within=within)
            again = render_related_news(items, now=now, relative_within=within)
            assert first is again  # the second one came from the cache
            assert words in first, (now, str(first))
            assert first.expires_at == start + timedelta(minutes=1)
            seen[now] = first
    # the last instant of a minute and the first of the next one differ, cached or not
    last = render_related_news(
        items, now=datetime(2025, 4, 30, 12, 2, 59, 999999, tzinfo=CAIRO), relative_within=within
    )
    nxt = render_related_news(
        items, now=datetime(2025, 4, 30, 12, 3, tzinfo=CAIRO), relative_within=within
    )
    assert "قبل دقيقتين" in last and "قبل 3 دقائق" in nxt
    # the same instant in another zone is another list: its stamps are in that zone
    utc_now = datetime(2025, 4, 30, 9, 3, tzinfo=timezone.utc)
    in_utc = render_related_news(items, now=utc_now, relative_within=within)
    assert "قبل 3 دقائق" in in_utc and in_utc != nxt  # same words, different ISO offset


# --- the timetable -------------------------------------------------------------------------------


def test_month_timetable() -> None:
    html = render_timetable("cairo", month=date(2025, 4, 17), now=NOON)
    root = parse(html)
    (table,) = root.iter("table")
    caption = table.find("caption")
    assert caption is not None and text(caption) == "مواقيت الصلاة في القاهرة، أبريل 2025"
    header = [text(th) for th in table.iter("th") if th.get("scope") == "col"]
    assert header == ["التاريخ", "الفجر", "الشروق", "الظهر", "العصر", "المغرب", "العشاء"]
    rows = table.findall("./tbody/tr")
    assert len(rows) == 30
    assert [r.get("aria-current") for r in rows].index("date") == 29
    assert html.count('aria-current="date"') == 1
    assert html  # expires at the next midnight while the month holds today
    fragment = render_timetable("cairo", month=date(2025, 4, 1), now=NOON)
    assert fragment.expires_at == datetime(2025, 5, 1, 0, 0, tzinfo=CAIRO)


def test_timetable_rows_carry_their_local_days_bounds() -> None:
    """widgets.js marks the reader's day from these; they follow the place's clock changes."""
    rows = parse(render_timetable("cairo", month=date(2026, 4, 1))).findall(".//tbody/tr")
    bounds = {}
    for row in rows:
        day = row.find("./th/time")
        assert day is not None
        bounds[day.get("datetime")] = (row.get("data-pnw-start"), row.get("data-pnw-end"))
    assert len(bounds) == 30
    assert bounds["2026-04-01"] == ("2026-04-01T00:00:00+02:00", "2026-04-02T00:00:00+02:00")
    # Egypt's summer time began on Friday 24 April 2026: midnight became 01:00.
    assert bounds["2026-04-23"] == ("2026-04-23T00:00:00+02:00", "2026-04-24T01:00:00+03:00")
    assert bounds["2026-04-24"] == ("2026-04-24T01:00:00+03:00", "2026-04-25T00:00:00+03:00")
    ends = [end for _, end in bounds.values()][:-1]
    assert ends == [start for start, _ in bounds.values()][1:]  # no gap, no overlap


def test_imsakiya_holds_the_days_of_ramadan() -> None:
    # Saudi Arabia follows Umm al-Qura (hijridate's table); Egypt declared its own start.
    root = parse(render_timetable("riyadh", month=date(2026, 2, 1), imsakiya=True))
    rows = root.findall(".//tbody/tr")
    days = [row.find("./th/time").get("datetime") for row in rows]  # type: ignore[union-attr]
    start = Hijri(1447, 9, 1).to_gregorian()
    end = Hijri(1447, 10, 1).to_gregorian()
    expected = [(start + timedelta(days=n)).isoformat() for n in range((end - start).days)]
    assert days == expected
    header = [text(th) for th in root.iter("th") if th.get("scope") == "col"]
    assert header[:3] == ["التاريخ", "رمضان", "الإمساك"]
    first = rows[0].findall("td")
    assert text(first[0]) == "1"
    imsak = datetime.fromisoformat(first[1].find("time").get("datetime"))  # type: ignore[union-attr]
    fajr = datetime.fromisoformat(first[2].find("time").get("datetime"))  # type: ignore[union-attr]
    assert timedelta(0) < fajr - imsak <= timedelta(minutes=20)
    cairo = parse(render_timetable("cairo", month=date(2026, 2, 1), imsakiya=True))
    first_day = cairo.find(".//tbody/tr/th/time")
    assert first_day is not None and first_day.get("datetime") == "2026-02-19"  # Dar al-Ifta
    with pytest.raises(ValueError, match="Ramadan"):
        render_timetable("cairo", month=date(2025, 8, 1), imsakiya=True)


# --- Fragment --------------------------------------------------------------------------------------


def test_fragment_is_markup_once() -> None:
    fragment = Fragment("<b>x</b>", datetime(2025, 1, 1, tzinfo=UTC))
    assert fragment.__html__() == "<b>x</b>"
    assert escape(fragment) == Markup("<b>x</b>")
    assert Markup("<i>{}</i>").format(fragment) == "<i><b>x</b></i>"
    env = jinja2.Environment(autoescape=True)
    assert env.from_string("{{ f }}|{{ f|e }}").render(f=fragment) == "<b>x</b>|<b>x</b>"
    with pytest.raises(AttributeError):
        fragment.expires_at = None  # type: ignore[misc]
    for clone in (
        pickle.loads(pickle.dumps(fragment)),
        copy.copy(fragment),
        copy.deepcopy(fragment),
    ):
        assert type(clone) is Fragment and clone == fragment
        assert clone.expires_at == fragment.expires_at
    with pytest.raises(ValueError, match="expires_at"):
        Fragment("x", datetime(2025, 1, 1))


# --- host integration ------------------------------------------------------------------------------


HOST_TEMPLATES = {
    # The host overrides our news template by extending the original...
    "widgets/related_news.html": (
        "{% extends 'widgets_default/widgets/related_news.html' %}"
        '{% block heading %}<h3 class="host-heading">{{ news.heading }}</h3>{% endblock %}'
    ),
    # ...and includes our strip, with a view built by a global.
    "page.html": (
        "<main>{% set strip = prayer_strip_view('cairo') %}"
        "{% include 'widgets/prayer_strip.html' %}"
        "{{ prayer_strip('cairo', locale='en') }}"
        "{{ related_news(items) }}</main>"
    ),
}


def test_install_into_a_host_environment() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader(HOST_TEMPLATES), autoescape=True)
    assert install(env, clock=lambda: NOON) is env
    chain = env.loader
    install(env, clock=lambda: NOON)
    assert env.loader is chain
    assert isinstance(chain, jinja2.ChoiceLoader) and len(chain.loaders) == 3
    seed = seed_items()
    html = env.get_template("page.html").render(items=seed["items"])
    root = assert_inert(html)
    strips = by_class(root, "pnw-strip")
    assert [s.get("lang") for s in strips] == ["ar-EG", "en"]
    assert [text(h) for h in by_class(root, "host-heading")] == ["أخبار ذات صلة"]
    assert list(root.iter("h2")) == []
    assert len(by_class(root, "pnw-news-item")) == 6
    assert marked_in(strips[0]) == ["asr"] and marked_in(strips[1]) == ["asr"]


@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize("trim", [True, False])
@pytest.mark.parametrize("lstrip", [True, False])
def test_host_settings_do_not_change_the_output(autoescape: bool, trim: bool, lstrip: bool) -> None:
    env = jinja2.Environment(autoescape=autoescape, trim_blocks=trim, lstrip_blocks=lstrip)
    install(env, clock=lambda: NOON)
    items = [
        {
            "title": "<i>t</i>",
            "url": "/a",
            "published": "2025-04-30T18:00:00+03:00",
            "image": "/i.jpg",
            "source": "s",
        }
    ]
    page = env.from_string("{{ prayer_strip('cairo') }}{{ related_news(items) }}")
    assert page.render(items=items) == render_prayer_strip("cairo", now=NOON) + (
        render_related_news(items)
    )


def test_install_without_a_host_loader() -> None:
    env = install(jinja2.Environment(autoescape=True), clock=lambda: NOON)
    html = env.from_string("{{ prayer_strip('cairo') }}").render()
    assert html == render_prayer_strip("cairo", now=NOON)


def test_globals_never_raise(caplog: pytest.LogCaptureFixture) -> None:
    helpers = widget_globals(clock=lambda: NOON)
    with caplog.at_level(logging.WARNING, logger="widgets"):
        fallback = helpers["prayer_strip"]("atlantis")
        naive = widget_globals(clock=lambda: datetime(2025, 4, 30))["prayer_strip"]("cairo")
        news = helpers["related_news"](None)
        bad_locale = helpers["related_news"]([], locale="xx")
    assert isinstance(fallback, Fragment)
    _dashes(fallback)
    _dashes(naive)
    assert text(by_class(parse(fallback), "pnw-city")[0]) == "atlantis"
    assert news == "" and bad_locale == ""
    messages = " ".join(r.getMessage() for r in caplog.records if r.name == "widgets")
    assert "atlantis" in messages and "now" in messages and "items" in messages
    assert helpers["prayer_strip"]("cairo", now=NOON) == render_prayer_strip("cairo", now=NOON)


def test_templates_are_found_and_loaded_by_our_loader() -> None:
    folder = templates_path()
    names = {
        "prayer_strip.html",
        "related_news.html",
        "timetable.html",
        "widgets.css",
        "widgets.js",
    }
    assert names <= {p.name for p in (folder / "widgets").iterdir()}
    assert folder in (PACKAGE.parent / "templates", PACKAGE / "templates")
    env = environment()
    assert env.autoescape is True and env.undefined is jinja2.StrictUndefined
    assert env.loader is template_loader()
    assert env.filters == jinja2.Environment().filters  # no custom filters


def _cached_environment(
    folder: Path, loader: jinja2.BaseLoader | None = None
) -> jinja2.Environment:
    env = template_environment(loader or template_loader())
    env.bytecode_cache = CompiledTemplates(str(folder))
    return env


def _never_compiled(*args: object, **kwargs: object) -> None:
    raise AssertionError("compiled again instead of read from the cache")


def test_compiled_templates_are_kept_and_read_by_the_next_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    view = strip_view("cairo", now=NOON)
    first = _cached_environment(tmp_path).get_template(STRIP_TEMPLATE).render(strip=view)
    kept = [path.name for path in tmp_path.iterdir()]
    assert len(kept) == 1 and kept[0].startswith(f"widgets-jinja2-{jinja2.__version__}-"), kept
    later = _cached_environment(tmp_path)
    monkeypatch.setattr(later, "compile", _never_compiled)
    again = later.get_template(STRIP_TEMPLATE).render(strip=view)
    assert again == first == environment().get_template(STRIP_TEMPLATE).render(strip=view)


def test_a_changed_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    (tmp_path / "page.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    loader = jinja2.FileSystemLoader(str(tmp_path))
    cache = tmp_path / "cache"
    assert _cached_environment(cache, loader).get_template("page.html").render(x=1) == "<p>1</p>"
    (tmp_path / "page.html").write_text("<b>{{ x }}</b>", encoding="utf-8")
    assert _cached_environment(cache, loader).get_template("page.html").render(x=1) == "<b>1</b>"
    assert len(list(cache.iterdir())) == 1  # the file was replaced


def test_compiled_templates_never_break_a_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = strip_view("cairo", now=NOON)
    expected = environment().get_template(STRIP_TEMPLATE).render(strip=view)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE: read only
    assert _cached_environment(tmp_path).get_template(STRIP_TEMPLATE).render(strip=view) == expected
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    (tmp_path / "file").write_text("", encoding="utf-8")
    unwritable = tmp_path / "file" / "cache"  # under a file: no folder can be made
    assert (
        _cached_environment(unwritable).get_template(STRIP_TEMPLATE).render(strip=view) == expected
    )
    cache = tmp_path / "cache"
    _cached_environment(cache).get_template(STRIP_TEMPLATE)
    (kept,) = cache.iterdir()
    kept.write_bytes(kept.read_bytes()[:40])  # cut short
    assert _cached_environment(cache).get_template(STRIP_TEMPLATE).render(strip=view) == expected
    kept.write_bytes(b"not a cache file")
    assert _cached_environment(cache).get_template(STRIP_TEMPLATE).render(strip=view) == expected


def test_the_shared_environment_keeps_compiled_templates_outside_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In Jinja2's private folder for the user, so an install may be read-only and uninstalls
    clean; with ``PYTHONDONTWRITEBYTECODE`` nothing is kept at all."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    environment.cache_clear()
    try:
        cache = environment().bytecode_cache
        assert isinstance(cache, CompiledTemplates)
        folder = Path(cache.directory).resolve()
        assert folder.parent == Path(tempfile.gettempdir()).resolve()
        assert folder.stat().st_mode & 0o777 == 0o700
        assert PACKAGE not in folder.parents and PACKAGE.parent not in folder.parents
        monkeypatch.setattr(sys, "dont_write_bytecode", True)
        environment.cache_clear()
        assert environment().bytecode_cache is None
    finally:
        environment.cache_clear()


def test_templates_only_print() -> None:
    for path in (templates_path() / "widgets").glob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", "") and "Markup" not in source, path.name
        assert re.search(r"^{% autoescape true -%}$", source, re.M), path.name
        # Blocks are compiled on their own: each switches escaping on again.
        blocks = re.findall(r"{% block [a-z]+( scoped)? -%}({% autoescape true -%})?", source)
        assert all(escaped for _, escaped in blocks), path.name
        for expression in re.findall(r"{{(.*?)}}", source):
            assert re.fullmatch(r"\s*[a-z_]+(\.[a-z_]+)*\s*", expression), (path.name, expression)


# --- CSS and JS ------------------------------------------------------------------------------------


def test_stylesheet_rules() -> None:
    css = (templates_path() / "widgets" / "widgets.css").read_text(encoding="utf-8")
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    classes = set(re.findall(r"\.([A-Za-z_][\w-]*)", re.sub(r"\d+\.\d+|\.\d+", "", body)))
    assert classes and all(name.startswith("pnw-") for name in classes), classes
    variables = set(re.findall(r"--([\w-]+)", body))
    assert all(name.startswith("pnw-") for name in variables)
    assert {"pnw-bg", "pnw-fg", "pnw-accent"} <= variables
    # Dark only when the host opts in (a class or color-scheme), never from the OS alone.
    assert "prefers-color-scheme" not in body
    assert "light-dark(" in body and re.search(r"\.pnw-dark \.pnw-strip", body)
    assert re.search(r"@media \(forced-colors: active\)", body)
    assert re.search(r"@media \(min-width: 600px\)\s*{\s*\.pnw-times\s*{[^}]*repeat\(6", body)
    assert re.search(r"\.pnw-times\s*{[^}]*repeat\(3, minmax\(0, 1fr\)\)", body)
    for banned in ("@import", "url(", "@font-face", "http:", "https:"):
        assert banned not in body
    physical = r"(margin|padding|border)-(left|right)|(?<![-\w])(left|right)\s*:|text-align:\s*(left|right)"
    assert not re.search(physical, body)
    # Every class our templates print is styled under the same prefix.
    used: set[str] = set()
    for path in (templates_path() / "widgets").glob("*.html"):
        for value in re.findall(r'class="([^"]*)"', path.read_text(encoding="utf-8")):
            used |= {c for c in re.sub(r"{[%{].*?[%}]}", " ", value).split()}
    assert used and all(name.startswith("pnw-") for name in used), used


def test_script_is_csp_friendly() -> None:
    js = (templates_path() / "widgets" / "widgets.js").read_text(encoding="utf-8")
    for banned in (
        "eval(",
        "new Function",
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "fetch(",
        "XMLHttpRequest",
        "WebSocket",
        "import(",
        "sendBeacon",
        'setAttribute("style"',
        ".style.",
    ):
        assert banned not in js, banned
    assert "setInterval" not in js and re.search(r"setTimeout\(schedule, MINUTE_MS", js)


SCRIPT_HARNESS = r"""
// A minimal DOM, enough for widgets.js: elements with classes, attributes and children.
class El {
  constructor(tag, attrs, kids) {
    this.tagName = tag; this.attrs = Object.assign({}, attrs || {}); this.children = [];
    this.parentNode = null; this.text = ""; this.hidden = "hidden" in this.attrs;
    (kids || []).forEach((k) => typeof k === "string" ? (this.text += k) : this.appendChild(k));
    const self = this;
    this.classList = {
      add(c) { const s = self.cls(); if (!s.includes(c)) { s.push(c); self.attrs.class = s.join(" "); } },
      remove(c) { self.attrs.class = self.cls().filter((x) => x !== c).join(" "); },
      contains(c) { return self.cls().includes(c); },
      toggle(c, on) { if (on) this.add(c); else this.remove(c); },
    };
  }
  cls() { return (this.attrs.class || "").split(/\s+/).filter(Boolean); }
  set className(v) { this.attrs.class = v; }
  getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; }
  setAttribute(n, v) { this.attrs[n] = String(v); }
  removeAttribute(n) { delete this.attrs[n]; }
  appendChild(k) { if (k.parentNode) k.parentNode.removeChild(k); k.parentNode = this; this.children.push(k); return k; }
  removeChild(k) { this.children = this.children.filter((x) => x !== k); k.parentNode = null; return k; }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(""); }
  set textContent(v) { this.text = v; this.children = []; }
  all() { return this.children.flatMap((c) => [c, ...c.all()]); }
  matches(sel) {
    const m = sel.match(/^([a-z]*)(?:\.([\w-]+))?(?:\[([\w-]+)\])?$/);
    return (!m[1] || this.tagName === m[1]) && (!m[2] || this.cls().includes(m[2])) && (!m[3] || m[3] in this.attrs);
  }
  querySelectorAll(sel) { return this.all().filter((e) => e.matches(sel)); }
  querySelector(sel) { return this.querySelectorAll(sel)[0] || null; }
}
const data = JSON.parse(process.argv[2]);
const li = (name, iso, next) => new El("li", next ? {class: "pnw-time pnw-next", "data-pnw-prayer": name.toLowerCase()} : {class: "pnw-time", "data-pnw-prayer": name.toLowerCase()}, [
  new El("span", {class: "pnw-name"}, [name]),
  new El("time", {class: "pnw-at", datetime: iso}, ["x"]),
  ...(next ? [new El("span", {class: "pnw-sr pnw-next-label"}, ["next"])] : []),
]);
const items = data.times.map(([name, iso], i) => li(name, iso, i === 0));
const strip = new El("section", {class: "pnw-strip", lang: "en", "data-pnw-digits": "latn",
  "data-pnw-countdown": data.forms, "data-pnw-next-label": "next"}, [
  new El("ol", {class: "pnw-times"}, items),
  new El("p", {class: "pnw-countdown", hidden: ""}),
]);
const body = new El("body", {}, [strip]);
let ticker = null;
global.document = {
  readyState: "complete", hidden: false,
  querySelectorAll: (s) => body.querySelectorAll(s),
  createElement: (t) => new El(t),
  addEventListener: () => {},
};
global.window = {setTimeout: (f, ms) => { ticker = f; }};
Date.now = () => Date.parse(data.now);
require(data.script);
const out = {
  next: items.filter((e) => e.classList.contains("pnw-next")).map((e) => e.querySelector(".pnw-name").textContent),
  current: items.filter((e) => e.getAttribute("aria-current") === "time").length,
  label: items.filter((e) => e.querySelector(".pnw-next-label")).length,
  countdown: strip.querySelector(".pnw-countdown").textContent,
  hidden: strip.querySelector(".pnw-countdown").hidden,
  ticking: typeof ticker === "function",
};
console.log(JSON.stringify(out));
"""


def _cldr_span(hours: int, minutes: int) -> str:
    """Hours and minutes in English words, from CLDR's unit and list patterns."""
    parts = [format_unit(hours, "duration-hour", length="long", locale="en")] if hours else []
    parts += [format_unit(minutes, "duration-minute", length="long", locale="en")]
    return format_list(parts, locale="en")


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2025-04-30T04:00:00+03:00", ("Fajr", "Fajr in " + _cldr_span(0, 37))),
        ("2025-04-30T13:00:00+03:00", ("Asr", "Asr in " + _cldr_span(3, 29))),
        ("2025-04-30T05:00:00+03:00", ("Dhuhr", "Dhuhr in " + _cldr_span(7, 52))),
        ("2025-04-30T23:00:00+03:00", (None, "")),
    ],
)
def test_script_moves_the_mark_and_counts_down(
    tmp_path: Path, now: str, expected: tuple[str | None, str]
) -> None:
    times = [
        ["Fajr", "2025-04-30T04:37:00+03:00"],
        ["Sunrise", "2025-04-30T06:13:00+03:00"],
        ["Dhuhr", "2025-04-30T12:52:00+03:00"],
        ["Asr", "2025-04-30T16:29:00+03:00"],
        ["Maghrib", "2025-04-30T19:32:00+03:00"],
        ["Isha", "2025-04-30T20:56:00+03:00"],
    ]
    harness = tmp_path / "harness.js"
    harness.write_text(SCRIPT_HARNESS, encoding="utf-8")
    script = str(templates_path() / "widgets" / "widgets.js")
    forms = Formatter("en").countdown_forms()
    argument = json.dumps({"times": times, "now": now, "script": script, "forms": forms})
    result = subprocess.run(
        ["node", str(harness), argument], capture_output=True, text=True, check=True, timeout=60
    )
    out = json.loads(result.stdout)
    name, countdown = expected
    assert out["next"] == ([name] if name else [])
    assert out["current"] == 0 and out["label"] == (1 if name else 0)
    assert out["countdown"] == countdown and out["hidden"] is (not countdown)
    assert out["ticking"]


# --- Django's template engine ------------------------------------------------------------------


def test_django_tags_insert_fragments_once() -> None:
    pytest.importorskip("django")
    from .host_facts import configure_django

    configure_django()
    from django.template import Context, Engine
    from django.utils.html import conditional_escape

    library = "widgets.contrib.django.templatetags.prayer_widgets"
    engine = Engine(libraries={"prayer_widgets": library})
    template = engine.from_string(
        "{% load prayer_widgets %}<main>{% prayer_strip 'cairo' now=now %}"
        "{% prayer_strip 'atlantis' %}{% related_news items %}"
        "{% prayer_timetable 'cairo' month=month %}</main>"
    )
    html = template.render(
        Context(
            {
                "now": NOON,
                "month": date(2025, 4, 1),
                "items": [
                    {
                        "title": "<script>x</script>",
                        "url": "/a",
                        "published": "2025-04-30T18:00:00+03:00",
                    },
                ],
            }
        )
    )
    root = assert_inert(html)
    assert str(render_prayer_strip("cairo", now=NOON)) in html  # inserted once, not escaped
    assert len(by_class(root, "pnw-strip")) == 2 and len(list(root.iter("table"))) == 1
    assert "&lt;script&gt;x" in html and "&amp;lt;" not in html
    fragment = render_prayer_strip("cairo", now=NOON)
    assert conditional_escape(fragment) == fragment


# --- every output parses strictly --------------------------------------------------------------------


@pytest.mark.parametrize(
    "render",
    [
        lambda: render_prayer_strip("cairo", now=NOON, digits="arab", clock="24h"),
        lambda: render_prayer_strip("makkah", now=NOON, locale="ar_SA", hijri_offset=-1),
        lambda: render_prayer_strip("casablanca", now=NOON, locale="ar_MA"),
        lambda: str(widget_globals()["prayer_strip"]("atlantis")),
        lambda: render_timetable("cairo", month=date(2026, 3, 1), imsakiya=True, locale="en"),
        lambda: render_related_news(
            [{"title": "t", "url": "/a", "published": "2025-04-30T18:00:00Z", "image": "/i.jpg"}],
            now=NOON,
            relative_within=timedelta(days=1),
            locale="ar_JO",
            digits="arab",
        ),
    ],
    ids=["strip-arab-24h", "strip-makkah", "strip-casablanca", "fallback", "imsakiya-en", "news"],
)
def test_output_parses_strictly(render: Any) -> None:
    html = render()
    assert_inert(html)
    assert html == render()  # deterministic


def test_strip_view_is_frozen_data() -> None:
    view = strip_view("cairo", now=NOON)
    with pytest.raises(AttributeError):
        view.city = "x"  # type: ignore[misc]
    assert all(isinstance(slot.time, str) for slot in view.slots)


# --- in a real browser (headless Chromium through Playwright) ----------------------------------------

ORIGIN = "https://widgets.test"
CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'"
GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch()
        except Exception:
            executable = next(
                filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))),
                None,
            )
            if executable is None:
                pytest.skip("no headless Chromium for Playwright")
            chromium = playwright.chromium.launch(executable_path=executable)
        yield chromium
        chromium.close()


def _page_html() -> str:
    items = [
        {
            "title": "عنوان طويل جدا " * 6,
            "url": f"/news/{n}",
            "published": "2025-04-30T18:00:00Z",
            "image": "/thumb.gif",
            "source": "المصدر",
        }
        for n in range(3)
    ]
    body = (
        render_prayer_strip("cairo", now=NOON)
        + render_related_news(items)
        + render_timetable("cairo", month=date(2025, 4, 1), now=NOON)
    )
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>page</title>'
        '<link rel="stylesheet" href="/widgets.css"><script src="/widgets.js" defer></script>'
        f"</head><body>{body}</body></html>"
    )


def _open(browser: Any, width: int, scheme: str = "light", at: datetime | None = None) -> Any:
    """A page served from a fake origin with a strict Content-Security-Policy header."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    assets = templates_path() / "widgets"
    html = _page_html()

    def serve(route: Any) -> None:
        path = urlsplit(route.request.url).path
        headers = {"content-security-policy": CSP}
        if path == "/":
            route.fulfill(body=html, content_type="text/html; charset=utf-8", headers=headers)
        elif path in ("/widgets.css", "/widgets.js"):
            kind = "text/css" if path.endswith(".css") else "text/javascript"
            route.fulfill(body=(assets / path[1:]).read_bytes(), content_type=kind, headers=headers)
        elif path == "/thumb.gif":
            route.fulfill(body=GIF, content_type="image/gif", headers=headers)
        else:
            route.fulfill(status=404, body="", headers=headers)

    page.route(f"{ORIGIN}/**", serve)
    if at is not None:
        page.clock.set_fixed_time(at)
    page.goto(f"{ORIGIN}/")
    return page


_LAYOUT = """() => {
  const items = [...document.querySelectorAll('.pnw-strip .pnw-time')];
  const columns = getComputedStyle(document.querySelector('.pnw-times'))
    .gridTemplateColumns.split(' ').length;
  return {
    width: document.documentElement.scrollWidth,
    columns,
    rows: new Set(items.map((li) => Math.round(li.getBoundingClientRect().top))).size,
    background: getComputedStyle(document.querySelector('.pnw-strip')).backgroundColor,
  };
}"""


@pytest.mark.browser
def test_phone_layout_is_three_by_two_without_overflow(browser: Any) -> None:
    page = _open(browser, 360)
    layout = page.evaluate(_LAYOUT)
    assert layout["width"] <= 360
    assert (layout["columns"], layout["rows"]) == (3, 2)
    assert page.errors == []
    page.context.close()


@pytest.mark.browser
def test_wide_layout_is_one_row_of_six(browser: Any) -> None:
    page = _open(browser, 1024)
    layout = page.evaluate(_LAYOUT)
    assert (layout["columns"], layout["rows"]) == (6, 1)
    assert layout["width"] <= 1024
    page.context.close()


@pytest.mark.browser
def test_dark_only_when_the_page_opts_in(browser: Any) -> None:
    light = _open(browser, 1024, "light")
    dark = _open(browser, 1024, "dark")
    assert light.evaluate(_LAYOUT)["background"] == "rgb(255, 255, 255)"
    # A light-only page read on a dark-mode phone keeps light widgets.
    assert dark.evaluate(_LAYOUT)["background"] == "rgb(255, 255, 255)"
    dark.evaluate("() => { document.documentElement.style.colorScheme = 'light dark'; }")
    assert dark.evaluate(_LAYOUT)["background"] == "rgb(20, 24, 22)"
    light.evaluate("() => document.body.classList.add('pnw-dark')")
    assert light.evaluate(_LAYOUT)["background"] == "rgb(20, 24, 22)"
    light.context.close()
    dark.context.close()


@pytest.mark.browser
def test_script_runs_under_a_strict_csp_and_moves_the_mark(browser: Any) -> None:
    # Served at 15:00 Cairo (Asr next); the reader's clock says 17:00: Maghrib (19:32) is next.
    page = _open(browser, 1024, at=datetime(2025, 4, 30, 14, 0, tzinfo=UTC))
    page.wait_for_selector(".pnw-countdown:not([hidden])")
    state = page.evaluate("""() => ({
      next: [...document.querySelectorAll('.pnw-time.pnw-next')].map((li) => li.dataset.pnwPrayer),
      current: [...document.querySelectorAll('[aria-current="time"]')].map((li) => li.dataset.pnwPrayer),
      label: document.querySelector('.pnw-next-label').parentElement.dataset.pnwPrayer,
      countdown: document.querySelector('.pnw-countdown').textContent,
    })""")
    hours = format_unit(2, "duration-hour", length="long", locale="ar")  # «ساعتان»
    minutes = format_unit(32, "duration-minute", length="long", locale="ar")
    assert state == {
        "next": ["maghrib"],
        "current": [],  # aria-current="time" would say "the current time"
        "label": "maghrib",
        "countdown": "باقٍ على المغرب " + format_list([hours, minutes], locale="ar"),
    }
    assert page.errors == []
    page.context.close()


def test_timetable_dates_agree_with_babel_and_hijri() -> None:
    """The date column and the Ramadan day come from Babel's CLDR data and to_hijri."""

    from widgets.hijri import to_hijri
    from widgets.l10n import to_digits

    day = date(2026, 2, 20)
    pins = {(1447, 9): date(2026, 2, 19)}
    for tag in ("ar_EG", "ar_MA", "en"):
        for digits in ("latn", "arab"):
            view = tables.timetable_view(
                "cairo", month=day, locale=tag, digits=digits, imsakiya=True, hijri_overrides=pins
            )
            row = next(row for row in view.rows if row.iso == day.isoformat())
            cldr = format_skeleton("MMMMEEEEd", day, locale=tag)  # «الجمعة، 20 فبراير»
            assert row.date == to_digits(cldr, digits)
            assert row.hijri == to_digits(str(to_hijri(day, 0, pins).day), digits)


def test_templates_read_fields_by_name_when_a_field_is_added() -> None:
    """Our templates and a host's override written against today's fields keep working
    when the views gain a field, even one placed first (positional unpacking would break)."""
    from typing import NamedTuple

    view = strip_view("cairo", now=NOON)

    class WiderSlot(NamedTuple):
        added: str
        prayer: str
        name: str
        time: str
        iso: str
        is_next: bool = False
        spoken: str = ""
        note: str = ""

    wider_fields = {name: getattr(view, name) for name in view._fields}
    wider_fields["slots"] = tuple(WiderSlot("new", *slot) for slot in view.slots)
    wider = NamedTuple("WiderStrip", [("added", str), *((n, object) for n in view._fields)])(
        added="new", **wider_fields
    )
    override = (
        "{% for slot in strip.slots %}{{ slot.prayer }}={{ slot.time }}"
        "{% if slot.is_next %}*{% endif %};{% endfor %}"
    )
    env = install(jinja2.Environment(loader=jinja2.DictLoader({"host.html": override})))
    host = env.get_template("host.html")
    assert host.render(strip=wider) == host.render(strip=view)
    assert "dhuhr=" in host.render(strip=view)
    ours = environment().get_template("widgets/prayer_strip.html")
    assert ours.render(strip=wider) == ours.render(strip=view)
