"""The built demo page in a real browser: headless Chromium driven by Playwright.

``python -m widgets build`` writes ``index.html``; this loads it from a local
HTTP server and checks what a reader sees: the six times, in one row from
right to left on a wide screen, nothing wider than a phone's screen, no
console errors. Screenshots go to ``test-artifacts/``.

Needs ``pip install playwright`` and Debian's ``chromium`` (``apt-get install
chromium``); Playwright's own browser download is not used. Without them the
tests are skipped, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import os
import shutil
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import widgets
from widgets import cli

from .conftest import REPO

pytestmark = pytest.mark.browser

NOW = "2026-03-01T14:00:00+02:00"
NOW_AT = datetime.fromisoformat(NOW)
SIX = ("fajr", "sunrise", "dhuhr", "asr", "maghrib", "isha")
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"browser test cannot run in CI: {reason}")
    pytest.skip(reason)


def _executable() -> str | None:
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
        return
    executable = _executable()
    if executable is None:
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
        return
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo site built by the command line, served on localhost; yields its base URL."""
    out = tmp_path_factory.mktemp("site")
    assert cli.main(["build", "--out", str(out), "--now", NOW, "--quiet"]) == 0
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _open(browser: Any, url: str, width: int) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ar-EG")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.clock.install(time=NOW_AT)  # the page's script sees the instant the site was built for
    page.goto(url + "index.html", wait_until="load")
    return context, page, problems


def _screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def _times(page: Any) -> list[Any]:
    return [
        page.locator(f"header .pnw-strip li[data-pnw-prayer='{name}'] time.pnw-at") for name in SIX
    ]


def test_six_times_visible_in_one_row_right_to_left(browser: Any, site: str) -> None:
    context, page, problems = _open(browser, site, 1280)
    try:
        expected = widgets.prayer_times(widgets.place("cairo"), NOW_AT.date(), method="egypt")
        boxes = []
        for name, locator in zip(SIX, _times(page), strict=True):
            assert locator.count() == 1
            assert locator.is_visible(), name
            assert locator.inner_text().strip()
            assert locator.get_attribute("datetime") == getattr(expected, name).isoformat()
            box = locator.bounding_box()
            assert box is not None and box["width"] > 0 and box["height"] > 0
            assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
            boxes.append(box)
        tops = [box["y"] for box in boxes]
        assert max(tops) - min(tops) < 4, f"not one row: {tops}"
        for right, left in itertools.pairwise(boxes):
            assert left["x"] + left["width"] <= right["x"] + 1, "not ordered right to left"
        assert page.evaluate("document.documentElement.dir") == "rtl"
        _screenshot(page, "index-1280.png")
        assert problems == []
    finally:
        context.close()


def test_nothing_overflows_on_a_phone(browser: Any, site: str) -> None:
    context, page, problems = _open(browser, site, 360)
    try:
        for locator in _times(page):
            assert locator.is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"page is {width}px wide on a 360px screen"
        _screenshot(page, "index-360.png")
        assert problems == []
    finally:
        context.close()


def test_month_page_renders_without_errors(browser: Any, site: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        page.goto(site + "month.html", wait_until="load")
        rows = page.locator(".pnw-timetable tbody tr")
        assert rows.count() == 31  # March has 31 days
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        _screenshot(page, "month-360.png")
        assert problems == []
    finally:
        context.close()
