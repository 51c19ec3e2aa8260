"""Regressions for the breakages found by a hostile user (issue 13, F1-F9).

The rule each test holds: a result, or an ``InvalidInputError`` naming the
field; the template globals never raise into a page. Facts come from outside
the code where there is one: PyEphem for the sun, Babel for CLDR strings, a
real Jinja2 page, a real Django ``SafeString``, a real child process.
"""

from __future__ import annotations

import itertools
import logging
import math
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import ephem
import html5lib
import jinja2
import pytest
from django.utils.safestring import mark_safe
from markupsafe import Markup

import widgets
from widgets import Location, Method, prayer_times, render_related_news, timetable
from widgets.errors import InvalidInputError
from widgets.prayer import FIRST_DATE, LAST_DATE

from .conftest import REPO

UTC = timezone.utc
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
FRESH = {"title": "خبر اليوم", "url": "/news/today", "published": "2026-03-01T10:00:00Z"}
ARCTIC = {
    "tromso": Location(latitude=69.6492, longitude=18.9553, timezone="Europe/Oslo"),
    "murmansk": Location(latitude=68.9707, longitude=33.0749, timezone="Europe/Moscow"),
    "longyearbyen": Location(latitude=78.2232, longitude=15.6267, timezone="Arctic/Longyearbyen"),
    "utqiagvik": Location(latitude=71.2906, longitude=-156.7886, timezone="America/Anchorage"),
}


def _items(html: str) -> list[str]:
    root = html5lib.parse(html, namespaceHTMLElements=False)
    return ["".join(a.itertext()) for a in root.iter("a")]


# --- F1: zero and far-future news dates, a huge relative_within ------------------------------


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"])
def test_news_dated_at_the_calendar_edges_is_skipped_not_fatal(
    stamp: str, caplog: pytest.LogCaptureFixture
) -> None:
    edge = {"title": "خبر بلا تاريخ", "url": "/news/zero", "published": stamp}
    env = jinja2.Environment(autoescape=True)
    widgets.install(env)
    page = env.from_string("{{ related_news(items, now=now, timezone=zone) }}")
    with caplog.at_level(logging.WARNING, logger="widgets"):
        # Riyadh (+3) and Honolulu (-10) push either edge past datetime's range.
        for zone in ("Asia/Riyadh", "Pacific/Honolulu"):
            shown = page.render(items=[edge, FRESH], now=NOW, zone=zone)
            assert _items(shown) == ["خبر اليوم"]
            api = render_related_news([edge, FRESH], now=NOW, timezone=zone)
            assert _items(str(api)) == ["خبر اليوم"]
    assert any("published" in record.getMessage() for record in caplog.records)
    with pytest.raises(InvalidInputError) as raised:
        widgets.NewsItem(title="x", url="/x", published=stamp)
    assert raised.value.field == "published"


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+03:00", "9999-12-31T23:59:59-05:00"])
def test_feed_dated_past_utcs_calendar_edges_is_skipped_not_fatal(
    stamp: str, caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("feedparser")
    atom = f"""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:t</id>
<entry><title>zero</title><link href="https://news.example/z"/><id>urn:z</id>
<updated>{stamp}</updated></entry>
<entry><title>kept</title><link href="https://news.example/k"/><id>urn:k</id>
<updated>2026-03-01T10:00:00+02:00</updated></entry></feed>"""
    with caplog.at_level(logging.WARNING, logger="widgets"):
        items = widgets.prepare_items(widgets.load_news(atom.encode()))
    assert [item.title for item in items] == ["kept"]
    assert any("published" in record.getMessage() for record in caplog.records)


def test_formatter_names_the_field_for_an_instant_no_zone_can_show() -> None:
    riyadh = widgets.Formatter("ar_SA", "Asia/Riyadh")
    with pytest.raises(InvalidInputError) as raised:
        riyadh.news_stamp(datetime(9999, 12, 31, 23, 59, tzinfo=UTC))
    assert raised.value.field == "published"


def test_a_huge_relative_within_still_reads_like_a_short_one() -> None:
    item = {"title": "t", "url": "/t", "published": "2026-03-01T10:00:00Z"}  # two hours old
    huge = render_related_news([item], now=NOW, relative_within=timedelta.max)
    year = render_related_news([item], now=NOW, relative_within=timedelta(days=365))
    assert str(huge) == str(year)
    assert "قبل ساعتين" in str(huge)  # CLDR ar: "hour" past, dual form


def test_build_with_zero_dated_news_warns_and_writes(tmp_path: Path) -> None:
    news = tmp_path / "news.json"
    news.write_text(
        '[{"title": "zero", "url": "/z", "published": "0001-01-01T00:00:00Z"},'
        ' {"title": "kept", "url": "/k", "published": "2026-03-01T10:00:00Z"}]',
        encoding="utf-8",
    )
    done = _cli("build", "--out", str(tmp_path / "site"), "--news", str(news))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "published" in done.stderr
    assert "kept" in (tmp_path / "site" / "related-news.html").read_text(encoding="utf-8")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "widgets", *args, "--now", "2026-03-01T14:00:00+02:00"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


# --- F2: Asr near polar night -----------------------------------------------------------------


def _noon_altitude(place: Location, day: date) -> float:
    """The sun's geometric altitude at its transit, in degrees, from PyEphem."""
    observer = ephem.Observer()
    observer.lat, observer.lon = str(place.latitude), str(place.longitude)
    observer.pressure = 0  # geometric: no refraction
    observer.date = ephem.Date(datetime(day.year, day.month, day.day))
    sun = ephem.Sun()
    observer.date = observer.next_transit(sun)
    sun.compute(observer)
    return math.degrees(float(sun.alt))


def test_tromso_asr_after_dhuhr_when_the_noon_sun_is_below_the_horizon() -> None:
    tromso, day = ARCTIC["tromso"], date(2025, 11, 23)
    assert _noon_altitude(tromso, day) <= 0.0  # the case the shadow rule cannot handle
    times = prayer_times(tromso, day, method="mwl")
    assert times.dhuhr < times.asr < times.maghrib


@pytest.mark.parametrize("name", sorted(ARCTIC))
def test_arctic_year_keeps_the_six_in_order(name: str) -> None:
    for madhab in ("standard", "hanafi"):
        for day in timetable(ARCTIC[name], date(2025, 1, 1), date(2025, 12, 31), asr=madhab):
            six = [entry.time for entry in day]
            assert six == sorted(six) and len(set(six)) == 6, (name, madhab, day.date)


def test_asr_fallback_joins_the_rule_without_a_jump() -> None:
    # From the last day the shadow rule works to the first day it does not, Asr's share
    # of the afternoon moves by less than a fifth.
    tromso = ARCTIC["tromso"]
    shares = []
    for day in timetable(tromso, date(2025, 11, 10), date(2025, 11, 26), method="mwl"):
        afternoon = (day.sunset - day.dhuhr).total_seconds()
        shares.append((day.asr - day.dhuhr).total_seconds() / afternoon)
    assert all(0 < share < 1 for share in shares)
    assert max(abs(a - b) for a, b in itertools.pairwise(shares)) < 0.2


# --- F3: the supported date range -------------------------------------------------------------


def test_the_supported_range_is_computed_up_to_its_edges() -> None:
    for day in (FIRST_DATE, LAST_DATE):
        assert prayer_times("cairo", day).date == day
    assert len(timetable("cairo", LAST_DATE - timedelta(days=2), LAST_DATE)) == 3


@pytest.mark.parametrize(
    "day", [date(1, 1, 1), FIRST_DATE - timedelta(days=1), LAST_DATE + timedelta(1), date.max]
)
def test_dates_outside_the_range_name_the_field_and_the_range(day: date) -> None:
    with pytest.raises(InvalidInputError, match="1800-01-01 to 2199-12-31") as raised:
        prayer_times("cairo", day)
    assert raised.value.field == "date"
    with pytest.raises(InvalidInputError) as raised:
        timetable("cairo", date(2199, 12, 1), day) if day > LAST_DATE else timetable(
            "cairo", day, date(2025, 1, 1)
        )
    assert raised.value.field in {"date", "end"}


def test_a_strip_in_year_9999_raises_from_the_api_and_degrades_in_a_page(
    caplog: pytest.LogCaptureFixture,
) -> None:
    late = datetime(9999, 12, 31, 23, 0, tzinfo=UTC)
    with pytest.raises(InvalidInputError) as raised:
        widgets.render_prayer_strip("cairo", now=late)
    assert raised.value.field == "now"
    with caplog.at_level(logging.WARNING, logger="widgets"):
        env = jinja2.Environment(autoescape=True)
        widgets.install(env)
        page = env.from_string("{{ prayer_strip('cairo', now=late) }}").render(late=late)
    assert page.count("—") == 6


def test_readme_limits_state_the_enforced_range() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    limits = readme.split("## Limits", 1)[1].split("\n## ", 1)[0]
    assert f"{FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}" in limits


# --- F4: numbers too large for a float --------------------------------------------------------


@pytest.mark.parametrize("field", ["latitude", "longitude", "elevation"])
def test_huge_integers_are_input_errors(field: str) -> None:
    values = {"latitude": 30.0, "longitude": 31.0, "elevation": 0, field: 10**400}
    with pytest.raises(InvalidInputError) as raised:
        Location(timezone="Africa/Cairo", **values)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert len(str(raised.value)) < 300  # the value is cut, not echoed whole


def test_an_integer_past_the_digit_limit_still_makes_a_message() -> None:
    with pytest.raises(InvalidInputError, match="latitude"):
        Location(latitude=10**5000, longitude=0, timezone="UTC")


# --- F5: zones a day away from the meridian ---------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "latitude", "longitude", "meridian_zone"),
    [
        ("Pacific/Apia", -13.8333, -171.7667, "Etc/GMT+11"),
        ("Pacific/Kiritimati", 1.8721, -157.4278, "Etc/GMT+10"),
    ],
)
def test_times_fall_on_the_local_date_where_the_zone_is_a_day_ahead(
    zone: str, latitude: float, longitude: float, meridian_zone: str
) -> None:
    place = Location(latitude=latitude, longitude=longitude, timezone=zone)
    meridian = Location(latitude=latitude, longitude=longitude, timezone=meridian_zone)
    plain = Method(slug="plain", name="Plain", fajr_angle=18.0, isha_angle=17.0, rounding="none")
    for day in (date(2011, 12, 29), date(2012, 1, 2), date(2025, 4, 30), date(2025, 12, 31)):
        times = prayer_times(place, day, method=plain)
        assert [entry.time.date() for entry in times] == [day] * 6
        # The sun does not read clocks: the same instants as the meridian's own zone,
        # on whichever date that zone calls them.
        shown = times.dhuhr.astimezone(meridian.zone).date()
        same = prayer_times(meridian, shown, method=plain)
        assert [entry.time for entry in times] == [entry.time for entry in same]
        observer = ephem.Observer()
        observer.lat, observer.lon, observer.pressure = str(latitude), str(longitude), 0
        observer.horizon = "-0:50"
        observer.date = ephem.Date(times.fajr.astimezone(UTC).replace(tzinfo=None))
        rising = observer.next_rising(ephem.Sun(), use_center=True)  # centre 50' down
        sunrise = rising.datetime().replace(tzinfo=UTC)
        assert abs(sunrise - times.sunrise) < timedelta(minutes=1)


def test_apia_skips_30_december_2011_and_the_times_follow() -> None:
    # Samoa moved from UTC-10 to UTC+14 (with DST) and skipped 30 December 2011: the local
    # clock reading of Dhuhr barely moves from the 29th to the 31st though a day is gone.
    apia = Location(latitude=-13.8333, longitude=-171.7667, timezone="Pacific/Apia")
    before = prayer_times(apia, date(2011, 12, 29)).dhuhr
    after = prayer_times(apia, date(2011, 12, 31)).dhuhr
    assert (after.utcoffset(), before.utcoffset()) == (timedelta(hours=14), timedelta(hours=-10))
    assert after.date() == date(2011, 12, 31)
    elapsed = timedelta(seconds=after.timestamp() - before.timestamp())  # instants, not walls
    assert abs(elapsed - timedelta(days=1)) < timedelta(minutes=2)


# --- F6: the template globals and their arguments ---------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        "related_news()",
        "related_news(items, 6, 7)",
        "related_news(items, bogus=1)",
        "prayer_strip()",
        "prayer_strip('cairo', 'x', 'y')",
        "prayer_strip('cairo', bogus=1)",
        "prayer_strip_view()",
        "related_news_view(items, now=1)",
    ],
)
def test_wrong_arguments_in_a_host_page_log_and_render(
    call: str, caplog: pytest.LogCaptureFixture
) -> None:
    env = jinja2.Environment(autoescape=True)
    widgets.install(env, clock=lambda: NOW)
    with caplog.at_level(logging.WARNING, logger="widgets"):
        page = env.from_string(f"<main>{{{{ {call} }}}}</main>").render(items=[FRESH])
    assert page.startswith("<main>") and page.endswith("</main>")
    assert [record.name for record in caplog.records] == ["widgets"]
    if call.startswith("prayer_strip("):
        assert page.count("—") == 6


# --- F7: deeply nested JSON -------------------------------------------------------------------


def test_deeply_nested_json_is_an_input_error(tmp_path: Path) -> None:
    deep = b"[" * 200_000 + b"]" * 200_000
    with pytest.raises(InvalidInputError) as raised:
        widgets.load_news(deep)
    assert raised.value.field == "source"
    path = tmp_path / "deep.json"
    path.write_bytes(deep)
    done = _cli("build", "--out", str(tmp_path / "site"), "--news", str(path))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "source must be" in done.stderr
    with pytest.raises(InvalidInputError) as raised:
        widgets.load_month_starts(path)
    assert raised.value.field == "month_starts"


# --- F9: markup titles are text ---------------------------------------------------------------


@pytest.mark.parametrize("title", [Markup("<b>عاجل</b>"), mark_safe("<b>عاجل</b>")])
def test_a_title_marked_safe_is_shown_as_text(title: str) -> None:
    item = {"title": title, "url": "/n", "published": "2026-03-01T10:00:00Z", "source": title}
    html = str(render_related_news([item], now=NOW))
    root = html5lib.parse(html, namespaceHTMLElements=False)
    assert not list(root.iter("b"))
    assert _items(html) == ["<b>عاجل</b>"]
    assert "&lt;b&gt;" in html
    assert type(widgets.NewsItem(**item).title) is str  # type: ignore[arg-type]
