"""The Flask extension through a real Flask app and its test client."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import widgets

from .host_facts import ITEM, NOW, STAMP, UTC_STAMP, announce, check_cache_headers, clock

flask = pytest.importorskip("flask")

from widgets.contrib.flask import PrayerWidgets  # noqa: E402

PAGE = (
    "<header>{{ prayer_strip() }}</header>"
    "<article>{{ related_news(items, exclude_url=request.path) }}</article>"
)


def make_app(**config: Any) -> Any:
    app = flask.Flask(__name__)
    app.config.update({"PRAYER_WIDGETS_PLACE": "cairo", "PRAYER_WIDGETS_NOW": clock, **config})
    PrayerWidgets(app)

    @app.get("/")
    def page() -> str:
        return flask.render_template_string(PAGE, items=[ITEM])

    @app.get("/plain")
    def plain() -> str:
        return "no widgets"

    @app.get("/private")
    def private() -> Any:
        response = flask.make_response(flask.render_template_string(PAGE, items=[ITEM]))
        response.headers["Cache-Control"] = "private"
        return response

    return app


def test_the_page_shows_the_strip_and_the_site_zone() -> None:
    app = make_app(PRAYER_WIDGETS_TIMEZONE="Africa/Cairo")
    assert app.extensions["prayer_widgets"]
    html = app.test_client().get("/").get_data(as_text=True)
    assert html.count('class="pnw-strip"') == 1 and 'data-pnw-method="egypt"' in html
    assert STAMP in html and UTC_STAMP not in html  # «10:16 م»


def test_without_a_zone_the_item_keeps_its_offset() -> None:
    html = make_app().test_client().get("/").get_data(as_text=True)
    assert STAMP in html and UTC_STAMP not in html


def test_cache_headers_end_at_the_next_prayer() -> None:
    response = make_app(PRAYER_WIDGETS_TIMEZONE="Africa/Cairo").test_client().get("/")
    check_cache_headers(response.headers.get("Cache-Control"), response.headers.get("Expires"))


def test_no_headers_without_widgets_when_private_or_turned_off() -> None:
    client = make_app().test_client()
    assert "Cache-Control" not in client.get("/plain").headers
    assert client.get("/private").headers["Cache-Control"] == "private"
    off = make_app(PRAYER_WIDGETS_CACHE=False).test_client().get("/")
    assert "pnw-strip" in off.get_data(as_text=True) and "Cache-Control" not in off.headers


def test_config_keys_are_the_site_defaults() -> None:
    app = make_app(PRAYER_WIDGETS_PLACE="amman", PRAYER_WIDGETS_LOCALE="ar_JO")
    html = app.test_client().get("/").get_data(as_text=True)
    assert widgets.render_prayer_strip("amman", now=NOW, locale="ar_JO") in html


def test_init_app_later() -> None:
    extension = PrayerWidgets(clock=clock)
    app = flask.Flask(__name__)
    extension.init_app(app)
    with app.app_context():
        html = flask.render_template_string("{{ prayer_strip('cairo') }}")
    assert html == widgets.render_prayer_strip("cairo", now=NOW)


@pytest.mark.parametrize(("framework", "module"), [("flask", "flask"), ("django", "django")])
def test_without_the_framework_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, framework: str, module: str
) -> None:
    import importlib
    import sys

    monkeypatch.setitem(sys.modules, module, None)  # makes "import <module>" fail
    monkeypatch.delitem(sys.modules, f"widgets.contrib.{framework}", raising=False)
    with pytest.raises(widgets.MissingExtraError, match=rf"prayer-news-widgets\[{framework}\]"):
        importlib.import_module(f"widgets.contrib.{framework}")


def test_a_corrected_file_of_month_starts_shows_without_a_restart(tmp_path: Path) -> None:
    """The night Dhu al-Qadah 1446 is announced, the editor corrects the site's file: the
    next page shows the corrected Hijri date (30 April 2025 is its 1st if it began that day)."""
    starts = tmp_path / "starts.json"
    announce(starts, "EG", 1446, 11, "2025-04-29")
    client = make_app(PRAYER_WIDGETS_HIJRI_MONTH_STARTS=str(starts)).test_client()
    assert "2 ذو القعدة 1446" in client.get("/").get_data(as_text=True)
    announce(starts, "EG", 1446, 11, "2025-04-30")
    assert "1 ذو القعدة 1446" in client.get("/").get_data(as_text=True)
