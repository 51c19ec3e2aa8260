"""Property-based tests over the public API: no input breaks it.

Hypothesis draws places and raw coordinates at every latitude (the poles
included), every method and option, dates across the supported range and
beyond it, aware datetimes in every zone, hostile strings and URLs. The
invariants: only the package's own input errors (or ``TimeUnavailableError``
where a time truly does not exist) come out; when the six times exist they
are in order and on the requested local date; a fragment's ``expires_at`` is
after ``now``; the template globals never raise.
"""

from __future__ import annotations

import itertools
import logging
import os
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import html5lib
import jinja2
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import widgets
from widgets import (
    METHODS,
    HighLatitude,
    InvalidInputError,
    Location,
    PolarResolution,
    TimeUnavailableError,
    all_places,
    prayer_times,
    render_prayer_strip,
    render_related_news,
)
from widgets.prayer import FIRST_DATE, LAST_DATE

# PNW_EXAMPLES=5000 for a long hunt; the suite's default keeps it to a few seconds.
FAST = settings(
    max_examples=int(os.environ.get("PNW_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# Inside the range mostly, and beyond it on both sides up to datetime's own limits.
DATES = st.one_of(
    st.dates(min_value=FIRST_DATE, max_value=LAST_DATE),
    st.dates(min_value=FIRST_DATE - timedelta(days=3), max_value=FIRST_DATE + timedelta(days=3)),
    st.dates(min_value=LAST_DATE - timedelta(days=3), max_value=LAST_DATE + timedelta(days=3)),
    st.dates(),
)
LATITUDES = st.one_of(
    st.sampled_from([-90.0, -89.99, -66.56, 0.0, 66.56, 89.99, 90.0]),
    st.floats(min_value=-90, max_value=90, allow_nan=False),
)
LONGITUDES = st.floats(min_value=-180, max_value=180, allow_nan=False)
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "//evil.example/x",
            "http://[::1",
            "https://x.example:99999/",
            "\x00http://x",
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "{{ 7*7 }}",
            "\u202e\u0627\u0644\u0642\u0627\u0647\u0631\u0629",
            "x" * 5000,
        ]
    ),
)


def _meridian_zone(longitude: float) -> str:
    """The Etc zone of the longitude's mean time, so that a day's times share its date."""
    hours = max(-12, min(12, round(longitude / 15)))
    return "Etc/GMT" if hours == 0 else f"Etc/GMT{-hours:+d}"  # Etc signs are inverted


@st.composite
def locations(draw: st.DrawFn) -> Location:
    if draw(st.booleans()):
        found: Location = draw(st.sampled_from(all_places()))
        return found
    longitude = draw(LONGITUDES)
    return Location(
        latitude=draw(LATITUDES), longitude=longitude, timezone=_meridian_zone(longitude)
    )


OPTIONS = st.fixed_dictionaries(
    {
        "method": st.sampled_from([None, *sorted(METHODS)]),
        "asr": st.sampled_from(["standard", "hanafi"]),
        "high_latitude": st.sampled_from([None, *HighLatitude]),
        "polar_resolution": st.sampled_from(list(PolarResolution)),
    }
)


@FAST
@given(place=locations(), day=DATES, options=OPTIONS)
def test_prayer_times_are_ordered_on_the_day_or_a_named_error(
    place: Location, day: date, options: dict[str, Any]
) -> None:
    try:
        times = prayer_times(place, day, **options)
    except TimeUnavailableError:
        assert FIRST_DATE <= day <= LAST_DATE
        unresolvable = (
            options["high_latitude"] is HighLatitude.NONE
            or options["polar_resolution"] is PolarResolution.UNRESOLVED
        )
        assert unresolvable
        return
    except InvalidInputError as error:
        assert error.field == "date" and not FIRST_DATE <= day <= LAST_DATE
        return
    assert FIRST_DATE <= day <= LAST_DATE
    six = [entry.time for entry in times]
    assert all(earlier < later for earlier, later in itertools.pairwise(six)), six
    assert times.dhuhr.date() == day
    # Within 45 degrees the sun goes 21 degrees down every night, so no rule moves Isha to
    # the middle of the night (which may pass the zone's midnight); further out Isha can
    # follow midnight, and in the Arctic summer sunset itself does.
    if abs(place.latitude) <= 45:
        assert {moment.date() for moment in six} == {day}, six


AWARE = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.timezones()
)
NEAR = st.datetimes(
    min_value=datetime(1799, 12, 25), max_value=datetime(2200, 1, 5), timezones=st.timezones()
)


@FAST
@given(
    place=st.sampled_from(all_places()),
    now=st.one_of(NEAR, AWARE),
    locale=st.sampled_from(["ar_EG", "ar_SA", "ar-MA", "en"]),
    digits=st.sampled_from(["latn", "arab"]),
    clock=st.sampled_from(["12h", "24h"]),
)
def test_a_strip_expires_after_now_or_names_now(
    place: Location, now: datetime, locale: str, digits: str, clock: str
) -> None:
    try:
        fragment = render_prayer_strip(place, now=now, locale=locale, digits=digits, clock=clock)
    except InvalidInputError as error:
        assert error.field == "now"
        return
    assert fragment.expires_at is not None and fragment.expires_at > now
    assert fragment.count("<time") >= 6


NEWS_ITEM = st.fixed_dictionaries(
    {
        "title": HOSTILE,
        "url": HOSTILE,
        "published": st.one_of(AWARE, st.datetimes(), HOSTILE, st.just("0001-01-01T00:00:00Z")),
    },
    optional={"image": HOSTILE, "source": HOSTILE, "image_width": st.integers()},
)


@FAST
@given(
    items=st.lists(NEWS_ITEM, max_size=4),
    now=AWARE,
    within=st.one_of(
        st.none(), st.timedeltas(min_value=timedelta(seconds=1)), st.just(timedelta.max)
    ),
    zone=st.one_of(st.none(), st.timezones()),
)
@example(  # a relative_within under a minute, now a second into the minute it ends in
    items=[
        {"title": "0", "url": "0", "published": datetime(2000, 1, 1, 1, 1, tzinfo=timezone.utc)}
    ],
    now=datetime(2000, 1, 1, 1, 1, 1, tzinfo=timezone.utc),
    within=timedelta(seconds=1),
    zone=None,
)
def test_hostile_news_renders_safely(
    items: list[dict[str, Any]], now: datetime, within: timedelta | None, zone: Any
) -> None:
    logging.getLogger("widgets").setLevel(logging.ERROR)  # a skipped item warns; quiet here
    try:
        fragment = render_related_news(items, now=now, relative_within=within, timezone=zone)
    except InvalidInputError as error:  # a `now` in year 1 or 9999, which no zone can show
        assert error.field == "now" and now.year in {1, 9999}
        return
    finally:
        logging.getLogger("widgets").setLevel(logging.NOTSET)
    root = html5lib.parse(str(fragment), namespaceHTMLElements=False)
    for element in root.iter():
        assert element.tag not in {"script", "iframe", "object", "embed", "style"}
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), attribute
            if attribute in {"href", "src"}:
                scheme = urlsplit(value).scheme.lower()
                assert scheme in {"http", "https", ""} and not value.startswith("//"), value
    if fragment.expires_at is not None:
        assert fragment.expires_at > now


NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.just(10**400),
    st.booleans(),
    st.text(max_size=5),
    st.none(),
)


@FAST
@given(latitude=NUMBERS, longitude=NUMBERS, elevation=NUMBERS, zone=HOSTILE)
def test_raw_locations_are_built_or_named_errors(
    latitude: Any, longitude: Any, elevation: Any, zone: str
) -> None:
    try:
        place = Location(latitude=latitude, longitude=longitude, elevation=elevation, timezone=zone)
    except InvalidInputError as error:
        assert error.field in {"latitude", "longitude", "elevation", "timezone"}
        return
    assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180


ARGUMENT = st.one_of(
    st.none(), st.integers(), st.floats(), HOSTILE, st.sampled_from(["cairo", "riyadh"])
)
KEYWORDS = st.dictionaries(
    st.one_of(
        st.sampled_from(
            ["now", "locale", "digits", "clock", "method", "asr", "limit", "hijri_offset", "items"]
        ),
        st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
    ),
    ARGUMENT,
    max_size=3,
)


@pytest.fixture(scope="module")
def host() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True)
    widgets.install(env, clock=lambda: datetime(2026, 3, 1, 12, tzinfo=timezone.utc))
    return env


@FAST
@given(
    name=st.sampled_from(
        ["prayer_strip", "related_news", "prayer_strip_view", "related_news_view"]
    ),
    args=st.lists(ARGUMENT, max_size=3),
    keywords=KEYWORDS,
)
def test_template_globals_never_raise(
    host: jinja2.Environment, name: str, args: list[Any], keywords: dict[str, Any]
) -> None:
    logging.getLogger("widgets").setLevel(logging.ERROR)
    try:
        host.globals[name](*args, **keywords)
    finally:
        logging.getLogger("widgets").setLevel(logging.NOTSET)
