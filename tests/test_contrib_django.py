"""The Django app through a real Django project: settings, template tags, middleware, test Client.

The project is configured here with ``widgets.contrib.django`` in
``INSTALLED_APPS`` and ``TIME_ZONE = "Africa/Cairo"``; its pages are
rendered by Django's template engine and fetched with ``django.test.Client``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .host_facts import (
    ITEM,
    NOW,
    STAMP,
    UTC_STAMP,
    announce,
    check_cache_headers,
    configure_django,
)

django = pytest.importorskip("django")


def page(request: Any) -> Any:
    from django.shortcuts import render

    return render(request, "page.html", {"items": [ITEM]})


def strip(request: Any) -> Any:
    from django.shortcuts import render

    return render(request, "strip.html")


def broken(request: Any) -> Any:
    from django.shortcuts import render

    return render(request, "broken.html")


def plain(request: Any) -> Any:
    from django.http import HttpResponse

    return HttpResponse("no widgets")


def private(request: Any) -> Any:
    from django.shortcuts import render

    response = render(request, "page.html", {"items": [ITEM]})
    response["Cache-Control"] = "private"
    return response


configure_django()

from django.urls import path  # noqa: E402

urlpatterns = [
    path("", page),
    path("riyadh", strip),
    path("broken", broken),
    path("plain", plain),
    path("private", private),
]


@pytest.fixture
def client() -> Iterator[Any]:
    from django.test import Client

    yield Client()


def test_the_app_is_installed_and_the_page_renders(client: Any) -> None:
    from django.apps import apps

    assert apps.is_installed("widgets.contrib.django")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="pnw-strip"') == 1 and 'data-pnw-method="egypt"' in html
    assert "pnw-timetable" in html or "<table" in html


def test_news_in_djangos_time_zone(client: Any) -> None:
    html = client.get("/").content.decode()
    assert STAMP in html and UTC_STAMP not in html  # «10:16 م» for TIME_ZONE = "Africa/Cairo"


def test_an_activated_time_zone_wins(client: Any) -> None:
    from babel.dates import format_datetime
    from django.template import engines
    from django.utils import timezone

    from .host_facts import PUBLISHED

    template = engines["django"].from_string("{% load prayer_widgets %}{% related_news items %}")
    with timezone.override("Asia/Dubai"):
        html = template.render({"items": [ITEM]})
    from datetime import datetime

    dubai = format_datetime(
        datetime.fromisoformat(PUBLISHED), "d MMMM y h:mm a", tzinfo="Asia/Dubai", locale="ar_EG"
    )
    assert dubai in html and STAMP not in html


def test_cache_headers_end_at_the_next_prayer(client: Any) -> None:
    response = client.get("/")
    check_cache_headers(response.get("Cache-Control"), response.get("Expires"))


def test_no_cache_headers_without_widgets_or_when_turned_off(client: Any) -> None:
    from django.test import override_settings

    response = client.get("/plain")
    assert not response.has_header("Cache-Control") and not response.has_header("Expires")
    with override_settings(
        PRAYER_WIDGETS={"now": "tests.host_facts.clock", "cache_headers": False}
    ):
        response = client.get("/riyadh")
    assert "pnw-strip" in response.content.decode()
    assert not response.has_header("Cache-Control")
    assert client.get("/private")["Cache-Control"] == "private"


def test_settings_are_the_site_defaults(client: Any) -> None:
    from django.test import override_settings

    import widgets

    with override_settings(
        PRAYER_WIDGETS={"place": "alexandria", "digits": "arab", "now": "tests.host_facts.clock"}
    ):
        html = client.get("/").content.decode()
    assert widgets.render_prayer_strip("alexandria", now=NOW, digits="arab") in html


def test_tags_never_raise_into_the_page(client: Any, caplog: pytest.LogCaptureFixture) -> None:
    response = client.get("/broken")
    assert response.status_code == 200
    html = response.content.decode()
    assert "atlantis" in html and "—" in html and html.endswith("[]")
    assert any("atlantis" in record.getMessage() for record in caplog.records)


BAD_SETTINGS = {  # a mistake in PRAYER_WIDGETS, and the words that report it
    "palce": ({"palce": "cairo"}, "PRAYER_WIDGETS has no key 'palce' (did you mean 'place'?)"),
    "cache": ({"place": "cairo", "cache": False}, "no key 'cache' (did you mean 'cache_headers'?)"),
    "zone": (
        {"place": "cairo", "timezone": "Africa/Kairo"},
        "PRAYER_WIDGETS['timezone'] is refused: unknown timezone: 'Africa/Kairo'",
    ),
    "no file": (
        {"place": "cairo", "hijri_month_starts": "{tmp}/missing.json"},
        "PRAYER_WIDGETS['hijri_month_starts'] is refused: month_starts must be a readable file",
    ),
    "bad file": (
        {"place": "cairo", "hijri_month_starts": "{tmp}/broken.json"},
        "PRAYER_WIDGETS['hijri_month_starts'] is refused: month_starts must be valid JSON",
    ),
    "clock": (
        {"place": "cairo", "now": "tests.host_facts.no_such_clock"},
        "PRAYER_WIDGETS['now'] is refused",
    ),
    "not a dict": (["place", "cairo"], "PRAYER_WIDGETS must be a dict of settings"),
}


def test_manage_py_check_passes_the_projects_setting() -> None:
    from django.core.management import call_command

    call_command("check")


@pytest.mark.parametrize("mistake", list(BAD_SETTINGS))
def test_a_mistake_in_the_setting_is_reported_and_the_tags_fall_back(
    mistake: str, client: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A typo in PRAYER_WIDGETS: ``manage.py check`` names it, the pages still answer 200 with
    the tags' fallback, and the error is logged once, not on every page."""
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError
    from django.test import override_settings

    setting, words = BAD_SETTINGS[mistake]
    if isinstance(setting, dict):
        setting = {key: str(value).format(tmp=tmp_path) for key, value in setting.items()}
    (tmp_path / "broken.json").write_text('{"format": 1, "starts": [', encoding="utf-8")
    with override_settings(PRAYER_WIDGETS=setting):
        with pytest.raises(SystemCheckError, match=r"prayer_widgets\.E001") as report:
            call_command("check")
        assert words in str(report.value)
        with caplog.at_level(logging.ERROR, logger="widgets"):
            pages = [client.get("/"), client.get("/")]
    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count("—") == 6 and "<article></article>" in html
        assert "<section></section>" in html and not response.has_header("Expires")
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1 and words in errors[0].getMessage()


def test_a_corrected_file_of_month_starts_shows_without_a_restart(
    client: Any, tmp_path: Path
) -> None:
    """The night Dhu al-Qadah 1446 is announced, the editor corrects the site's file: the
    next page shows the corrected Hijri date (30 April 2025 is its 1st if it began that day)."""
    from django.test import override_settings

    starts = tmp_path / "starts.json"
    announce(starts, "EG", 1446, 11, "2025-04-29")
    setting = {"place": "cairo", "now": "tests.host_facts.clock", "hijri_month_starts": starts}
    with override_settings(PRAYER_WIDGETS=setting):
        assert "2 ذو القعدة 1446" in client.get("/").content.decode()
        announce(starts, "EG", 1446, 11, "2025-04-30")
        assert "1 ذو القعدة 1446" in client.get("/").content.decode()
