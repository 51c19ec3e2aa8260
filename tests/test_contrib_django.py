"""The Django app through a real Django project: settings, template tags, middleware, test Client.

The project is configured here with ``widgets.contrib.django`` in
``INSTALLED_APPS`` and ``TIME_ZONE = "Africa/Cairo"``; its pages are
rendered by Django's template engine and fetched with ``django.test.Client``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .host_facts import ITEM, NOW, STAMP, UTC_STAMP, check_cache_headers, configure_django

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
