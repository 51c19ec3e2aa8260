"""The template path: a host's Jinja2 environment after ``widgets.install(env)``.

News stamps in the site's zone (or each item's own offset, never the UTC of
the clock), the earliest expiry of a response, the site's defaults, and the
country (so the method) of a location that gives only its zone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

import jinja2
import pytest
from babel.dates import format_datetime

import widgets
from widgets.host import ResponseExpiry, cache_headers, widget_globals

from .host_facts import (
    ITEM,
    NOW,
    PUBLISHED,
    STAMP,
    UTC_STAMP,
    announce,
    check_cache_headers,
    clock,
)

PAGE = "<header>{{ prayer_strip('cairo') }}</header><aside>{{ related_news(items) }}</aside>"


def host_env(**options: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": PAGE}), autoescape=True)
    return widgets.install(env, clock=clock, **options)  # type: ignore[arg-type]


def test_news_keep_their_own_offset_without_a_site_zone() -> None:
    html = host_env().get_template("page.html").render(items=[ITEM])
    assert STAMP in html and UTC_STAMP not in html  # «10:16 م», not the clock's UTC «7:16 م»


def _rss(stamp: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار</title><link>https://news.example/</link>
<item><title>عنوان الخبر</title><link>https://news.example/news/1</link>
<pubDate>{stamp}</pubDate></item></channel></rss>""".encode()


def _atom(stamp: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار</title><id>urn:x</id><updated>{stamp}</updated>
<entry><title>عنوان الخبر</title><link href="https://news.example/news/1"/><id>urn:x:1</id>
<published>{stamp}</published><updated>2025-05-01T08:00:00Z</updated></entry></feed>""".encode()


# Each feed writes 22:16 on 30 April 2025 in its own offset: the list shows that wall time.
@pytest.mark.parametrize(
    ("feed", "offset"),
    [
        (_rss("Wed, 30 Apr 2025 22:16:00 +0300"), "+03:00"),
        (_rss("Wed, 30 Apr 2025 22:16:00 +0200"), "+02:00"),
        (_rss("Wed, 30 Apr 2025 22:16:00 GMT"), "+00:00"),
        (_rss("Wed, 30 Apr 2025 22:16:00 -0500"), "-05:00"),
        (_atom("2025-04-30T22:16:00+03:00"), "+03:00"),
        (_atom("2025-04-30T22:16:00+02:00"), "+02:00"),
        (_atom("2025-04-30T22:16:00Z"), "+00:00"),
        (_atom("2025-04-30T22:16:00-05:00"), "-05:00"),
    ],
    ids=["rss+3", "rss+2", "rss-gmt", "rss-5", "atom+3", "atom+2", "atom-z", "atom-5"],
)
def test_feed_news_keep_the_feeds_offset_without_a_site_zone(feed: bytes, offset: str) -> None:
    pytest.importorskip("feedparser")
    html = host_env().get_template("page.html").render(items=widgets.load_news(feed))
    assert f'datetime="2025-04-30T22:16:00{offset}">{STAMP}</time>' in html  # «10:16 م»


@pytest.mark.parametrize("zone", ["Africa/Cairo", "Africa/Casablanca", "UTC"])
def test_news_in_the_site_zone(zone: str) -> None:
    html = host_env(timezone=zone).get_template("page.html").render(items=[ITEM])
    expected = format_datetime(
        datetime.fromisoformat(PUBLISHED), "d MMMM y h:mm a", tzinfo=zone, locale="ar_EG"
    )
    assert expected in html


def test_unknown_site_zone_fails_at_install() -> None:
    with pytest.raises(widgets.UnknownNameError, match="timezone"):
        host_env(timezone="Africa/Kairo")


def test_the_response_expiry_is_the_next_prayer() -> None:
    env = host_env(timezone="Africa/Cairo")
    with ResponseExpiry() as expiry:
        env.get_template("page.html").render(items=[ITEM])
    assert expiry.rendered_at == NOW
    headers = expiry.headers()
    check_cache_headers(headers["Cache-Control"], headers["Expires"])


def test_the_earliest_expiry_wins_and_nothing_is_reported_outside() -> None:
    env = host_env()
    page = env.from_string(
        "{{ prayer_strip('cairo') }}{{ prayer_strip('riyadh') }}{{ prayer_timetable('cairo') }}"
    )
    page.render()  # no collector: nothing to report to, no error
    with ResponseExpiry() as expiry:
        page.render()
    strips = [widgets.render_prayer_strip(name, now=NOW) for name in ("cairo", "riyadh")]
    assert expiry.expires_at == min(s.expires_at for s in strips if s.expires_at)


def test_collectors_of_concurrent_responses_stay_apart() -> None:
    env = host_env()
    found: dict[str, datetime | None] = {}

    def respond(name: str) -> None:
        with ResponseExpiry() as expiry:
            env.from_string("{{ prayer_strip(name) }}").render(name=name)
        found[name] = expiry.expires_at

    threads = [threading.Thread(target=respond, args=(name,)) for name in ("cairo", "riyadh")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name in ("cairo", "riyadh"):
        assert found[name] == widgets.render_prayer_strip(name, now=NOW).expires_at


HOST_OVERRIDES = {
    "widgets/prayer_strip.html": "<p class=host>{{ strip.city }}</p>",
    "widgets/related_news.html": "<p class=host>{% for e in news.entries %}{{ e.title }}{% endfor %}",
    "widgets/timetable.html": "<p class=host>{{ table.caption }}</p>",
}


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("{{ prayer_strip('cairo') }}", lambda: widgets.strip_view("cairo", now=NOW).city),
        ("{{ related_news(items) }}", lambda: ITEM["title"]),
        (
            "{{ prayer_timetable('cairo') }}",
            lambda: widgets.timetable_view("cairo", month=date(2025, 4, 1), now=NOW).caption,
        ),
    ],
)
def test_each_global_renders_the_hosts_own_template(page: str, shown: Callable[[], str]) -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader(HOST_OVERRIDES), autoescape=True)
    widgets.install(env, clock=clock)
    html = env.from_string(page).render(items=[ITEM])
    assert html.startswith("<p class=host>") and shown() in html


# Each global, called with a bad argument in its place, and the words its warning starts with.
GLOBAL_CALLS = {
    "prayer_strip": ("prayer_strip('cairo', {})", "prayer strip for 'cairo'"),
    "related_news": ("related_news(items, {})", "related news"),
    "prayer_timetable": ("prayer_timetable('cairo', {})", "timetable for 'cairo'"),
}


@pytest.mark.parametrize("name", list(GLOBAL_CALLS))
@pytest.mark.parametrize(
    ("argument", "problem"),
    [
        ("now=site.when", "now is undefined in the template"),  # site has no "when"
        ("locale=site.locales", "list"),  # a list where one locale goes
        ("digits=site", "dict"),
        ("now=year_9999", "9999"),  # past what a date can hold once moved to local time
    ],
)
def test_a_bad_argument_logs_once_and_the_fallback_renders(
    name: str, argument: str, problem: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A host page passes something a global cannot use: the page renders around the
    fallback, and one warning names the widget and what was wrong."""
    call, widget = GLOBAL_CALLS[name]
    env = host_env()  # Jinja2's default Undefined, as Flask and FastAPI use
    page = env.from_string("<p>before</p>{{ " + call.format(argument) + " }}<p>after</p>")
    context = {"site": {"locales": ["ar_EG", "en"]}, "items": [ITEM]}
    year_9999 = datetime(9999, 12, 31, 23, tzinfo=timezone.utc)
    with caplog.at_level("WARNING", logger="widgets"):
        html = page.render(context, year_9999=year_9999)
    assert html.startswith("<p>before</p>") and html.endswith("<p>after</p>")
    if name == "prayer_strip":
        assert html.count("—") == 6  # «—» for each of the six times
    else:
        assert html == "<p>before</p><p>after</p>"
    [warning] = [record.getMessage() for record in caplog.records if record.name == "widgets"]
    assert warning.startswith(widget) and problem in warning


@pytest.mark.parametrize(
    ("call", "words"),
    [
        ("prayer_strip(city)", "prayer strip for Undefined shows no times: location is undefined"),
        ("related_news(news_items)", "related news not shown: items is undefined"),
        ("prayer_timetable(city)", "timetable for Undefined not shown: location is undefined"),
    ],
)
def test_a_misspelt_variable_is_named_not_shown_empty(
    call: str, words: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A place or item list the template does not have would render an empty widget."""
    page = host_env().from_string("<p>before</p>{{ " + call + " }}<p>after</p>")
    with caplog.at_level("WARNING", logger="widgets"):
        html = page.render(items=[ITEM])
    assert html.startswith("<p>before</p>") and html.endswith("<p>after</p>")
    [warning] = [record.getMessage() for record in caplog.records if record.name == "widgets"]
    assert warning.startswith(words), warning


@pytest.mark.parametrize("strict", [False, True])
def test_an_undefined_flag_is_false_unless_the_host_is_strict(
    strict: bool, caplog: pytest.LogCaptureFixture
) -> None:
    """``jumuah=site.friday`` with no such variable: as the host's own ``{% if %}`` reads it."""
    undefined = jinja2.StrictUndefined if strict else jinja2.Undefined
    env = widgets.install(jinja2.Environment(autoescape=True, undefined=undefined), clock=clock)
    page = env.from_string("{{ prayer_strip('cairo', jumuah=site.friday) }}")
    with caplog.at_level("WARNING", logger="widgets"):
        html = page.render(site={})
    warnings = [record.getMessage() for record in caplog.records if record.name == "widgets"]
    if strict:
        assert html.count("—") == 6
        assert warnings == [
            "prayer strip for 'cairo' shows no times: jumuah is undefined in the template"
            " that called prayer_strip()"
        ]
    else:
        assert html == str(widgets.render_prayer_strip("cairo", now=clock())) and warnings == []


def test_an_undefined_site_zone_leaves_the_news_out(caplog: pytest.LogCaptureFixture) -> None:
    env = host_env(timezone="Africa/Cairo")
    page = env.from_string("<p>before</p>{{ related_news(items, timezone=site.tz) }}<p>after</p>")
    with caplog.at_level("WARNING", logger="widgets"):
        assert page.render(items=[ITEM], site={}) == "<p>before</p><p>after</p>"
    assert "timezone is undefined in the template that called related_news()" in caplog.text


def test_site_defaults_apply_and_templates_override_them() -> None:
    env = host_env(defaults={"place": "alexandria", "digits": "arab", "clock": "24h"})
    html = env.from_string("{{ prayer_strip() }}{{ prayer_strip('cairo', digits='latn') }}")
    rendered = html.render()
    alexandria = widgets.render_prayer_strip("alexandria", now=NOW, digits="arab", clock="24h")
    cairo = widgets.render_prayer_strip("cairo", now=NOW, digits="latn", clock="24h")
    assert rendered == alexandria + cairo
    with pytest.raises(widgets.InvalidInputError, match="defaults"):
        host_env(defaults={"city": "cairo"})


def test_timetable_global_defaults_to_this_month() -> None:
    html = str(widget_globals(clock=clock)["prayer_timetable"]("cairo"))
    assert html == widgets.render_timetable("cairo", month=date(2025, 4, 1), now=NOW)
    assert widget_globals(clock=clock)["prayer_timetable"]("atlantis") == ""


def test_cache_headers_never_negative() -> None:
    later = datetime(2025, 4, 30, 13, tzinfo=timezone.utc)
    assert cache_headers(NOW, later)["Cache-Control"] == "max-age=0"
    with pytest.raises(widgets.InvalidInputError, match="now"):
        cache_headers(NOW, datetime(2025, 4, 30))


def test_a_point_takes_the_country_of_its_zone() -> None:
    # 6th of October City: not in the gazetteer, given by its coordinates and zone only
    october = widgets.Location(latitude=29.97, longitude=30.94, timezone="Africa/Cairo")
    assert october.country == "EG"
    day = widgets.prayer_times(october, date(2025, 4, 30))
    assert day.method.slug == "egypt"
    strip = widgets.render_prayer_strip(october, now=NOW)
    assert 'data-pnw-method="egypt"' in strip
    assert widgets.Location(latitude=0, longitude=0, timezone="UTC").country == ""
    explicit = widgets.Location(
        latitude=29.97, longitude=30.94, timezone="Asia/Riyadh", country="KW"
    )
    assert explicit.country == "KW"


def test_a_newer_file_of_month_starts_is_read_again_when_it_changes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A site's own file of announced months, named once in the defaults, is read again by
    the template globals when the editor changes it, without a new install: the strip shows
    the announced day. A bad file fails at install; a later change that cannot be read keeps
    the file as it was last read, with a warning."""
    moment = datetime(2026, 2, 18, 10, tzinfo=timezone.utc)
    starts = tmp_path / "starts.json"
    page = jinja2.Environment(loader=jinja2.DictLoader({"p.html": "{{ prayer_strip('riyadh') }}"}))
    with pytest.raises(widgets.InvalidInputError, match="month_starts"):
        widgets.install(page, defaults={"hijri_month_starts": starts})  # no file yet
    # Umm al-Qura puts 1 Ramadan 1447 on 18 February; an announcement of the 19th moves it.
    announce(starts, "SA", 1447, 9, "2026-02-19")
    widgets.install(page, clock=lambda: moment, defaults={"hijri_month_starts": starts})
    strip = page.get_template("p.html")
    assert "30 شعبان 1447" in strip.render()
    announce(starts, "SA", 1447, 9, "2026-02-18")
    assert "1 رمضان 1447" in strip.render()
    starts.write_text('{"format": 1, "starts": [', encoding="utf-8")  # saved half-way
    assert "1 رمضان 1447" in strip.render()
    assert "hijri_month_starts" in caplog.text and "valid JSON" in caplog.text
