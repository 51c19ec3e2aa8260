"""Each example runs and shows the widgets: the sample news, static generation, Flask, Jinja2."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from types import ModuleType

import html5lib
import pytest

import widgets

from .conftest import PACKAGE, REPO, data_path

EXAMPLES = REPO / "examples"
NOW = "2026-03-01T14:00:00+02:00"
NOW_AT = datetime.fromisoformat(NOW)
SIX = ("fajr", "sunrise", "dhuhr", "asr", "maghrib", "isha")


def load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def valid_html(text: str) -> bool:
    parser = html5lib.HTMLParser()
    parser.parse(text)
    return not parser.errors


def shows_the_six_times(html: str, city: str, day: date) -> bool:
    times = widgets.prayer_times(widgets.place(city), day)
    return all(f'datetime="{getattr(times, name).isoformat()}"' in html for name in SIX)


# --- the sample news ----------------------------------------------------------------------------


def test_sample_news_is_shipped_in_the_package_too() -> None:
    packaged = PACKAGE / "data" / "sample-news.json"
    assert (EXAMPLES / "news.json").read_bytes() == packaged.read_bytes()


def test_sample_news_are_the_seed_items() -> None:
    seed = json.loads(data_path("seed", "related-news.json").read_text(encoding="utf-8"))
    sample = json.loads((EXAMPLES / "news.json").read_text(encoding="utf-8"))
    assert sample["items"] == seed["items"]
    assert len(widgets.prepare_items(widgets.load_news(EXAMPLES / "news.json"), limit=None)) == 8


# --- static generation --------------------------------------------------------------------------


def test_static_site_script(tmp_path: Path) -> None:
    done = run(str(EXAMPLES / "static_site.py"), str(tmp_path / "out"), "--now", NOW, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    strip = (out / "cairo" / "prayer-strip.html").read_text(encoding="utf-8")
    assert shows_the_six_times(strip, "cairo", NOW_AT.date())
    assert "pnw-news" in (out / "riyadh" / "related-news.html").read_text(encoding="utf-8")
    assert (out / "widgets.css").is_file()
    # At 14:00 in Cairo the next prayer is Asr, the earliest change of any city's strip
    # (Riyadh and Amman are past Asr by then, their next change later).
    soonest = min(strip_expiry(name) for name in ("cairo", "alexandria", "riyadh", "amman"))
    asr = widgets.prayer_times(widgets.place("cairo"), NOW_AT.date()).asr
    assert asr > NOW_AT and soonest <= asr
    again = done.stdout.rsplit("run again at ", 1)[1].strip()
    assert datetime.fromisoformat(again) == soonest
    assert not list(out.rglob(".*"))  # no temporary file left behind


def strip_expiry(name: str) -> datetime:
    fragment = widgets.render_prayer_strip(widgets.place(name), now=NOW_AT)
    assert fragment.expires_at is not None
    return fragment.expires_at


# --- Flask --------------------------------------------------------------------------------------


@pytest.fixture
def flask_app() -> object:
    pytest.importorskip("flask")
    module = load(EXAMPLES / "flask_app.py", "example_flask_app")
    return module.create_app(clock=lambda: NOW_AT)


def test_flask_layout_shows_the_strip_and_the_list(flask_app: object) -> None:
    client = flask_app.test_client()  # type: ignore[attr-defined]
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert valid_html(html)
    assert shows_the_six_times(html, "cairo", NOW_AT.date())
    assert 'class="pnw-news"' in html
    assert 'href="/widgets/widgets.css"' in html


def test_flask_article_leaves_itself_out_of_the_list(flask_app: object) -> None:
    client = flask_app.test_client()  # type: ignore[attr-defined]
    html = client.get("/news/2").get_data(as_text=True)
    assert 'href="/news/2"' not in html
    assert 'href="/news/1"' in html
    assert client.get("/news/99").status_code == 404


def test_flask_serves_the_stylesheet(flask_app: object) -> None:
    client = flask_app.test_client()  # type: ignore[attr-defined]
    response = client.get("/widgets/widgets.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    css = (widgets.templates_path() / "widgets" / "widgets.css").read_bytes()
    assert response.get_data() == css
    assert client.get("/widgets/../../pyproject.toml").status_code == 404


# --- a host Jinja2 site ---------------------------------------------------------------------------


def test_jinja_include_overrides_the_strip(tmp_path: Path) -> None:
    page_file = tmp_path / "page.html"
    script = EXAMPLES / "jinja_include" / "build.py"
    done = run(str(script), str(page_file), "--now", NOW, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    html = page_file.read_text(encoding="utf-8")
    assert valid_html(html)
    assert 'class="host-more"' in html  # the host's template won
    assert 'class="pnw-strip"' in html  # and it extends ours
    assert shows_the_six_times(html, "cairo", NOW_AT.date())
    assert html.count('class="pnw-news-item"') == 4
    assert html.index('class="host-more"') < html.index("</section>")


def test_jinja_include_in_process() -> None:
    module = load(EXAMPLES / "jinja_include" / "build.py", "example_jinja_include")
    first = module.render_page(NOW_AT)
    assert first == module.render_page(NOW_AT)
    assert "host-more" in first
