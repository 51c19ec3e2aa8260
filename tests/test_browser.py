"""The built demo page in a real browser: headless Chromium driven by Playwright.

``python -m widgets build`` writes ``index.html``; this loads it from a local
HTTP server and checks what a reader sees: the six times, in one row from
right to left on a wide screen, nothing wider than a phone's screen, no
console errors. Screenshots go to ``test-artifacts/``.

Needs the test extra (Playwright, and axe-core through axe-playwright-python)
and Debian's ``chromium`` (``apt-get install chromium``); Playwright's own
browser download is not used. Without them the
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
from datetime import datetime, timedelta
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


# --- issue 11: the strip at any hour, headlines in their own direction, phones, forced colours ---

CAIRO_DAY = datetime.fromisoformat("2025-04-30T00:00:00+03:00").date()


def _axe_core() -> Path | None:
    """axe-core's ``axe.min.js``: ``AXE_CORE_JS`` if set, else the copy in axe-playwright-python.

    The test extra installs axe-playwright-python, a PyPI package that ships
    axe-core, so no npm is needed; ``AXE_CORE_JS`` tries a newer axe-core.
    """
    given = os.environ.get("AXE_CORE_JS")
    if given:
        return Path(given)
    try:
        from importlib.resources import files

        shipped = files("axe_playwright_python") / "axe.min.js"
    except ModuleNotFoundError:
        return None
    return Path(str(shipped))


def _widget_page(
    browser: Any, body: str, *, now: datetime | None, width: int = 1024, script: bool = True
) -> tuple[Any, Any]:
    """A page holding ``body`` with widgets.css (and widgets.js), its clock pinned at ``now``."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="ar-EG", java_script_enabled=script
    )
    page = context.new_page()
    if now is not None and script:
        page.clock.install(time=now)
    folder = widgets.templates_path() / "widgets"
    css = (folder / "widgets.css").read_text(encoding="utf-8")
    page.set_content(
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width"><title>t</title>'
        f"<style>{css}</style></head><body><main><h1>صفحة</h1>{body}</main></body></html>"
    )
    if script:
        page.add_script_tag(content=(folder / "widgets.js").read_text(encoding="utf-8"))
        page.wait_for_function("document.querySelector('.pnw-countdown') !== null")
    return context, page


def _marked(page: Any) -> list[str]:
    return [
        str(item)
        for item in page.eval_on_selector_all(
            ".pnw-strip .pnw-next", "(items) => items.map((item) => item.dataset.pnwPrayer)"
        )
    ]


def _arabic_span(hours: int, minutes: int) -> str:
    """Hours and minutes in Arabic words, from CLDR's unit and list patterns through Babel."""
    from babel.lists import format_list
    from babel.units import format_unit

    parts = [format_unit(hours, "duration-hour", length="long", locale="ar")] if hours else []
    if minutes:
        parts.append(format_unit(minutes, "duration-minute", length="long", locale="ar"))
    return format_list(parts, locale="ar")


@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
def test_at_0530_dhuhr_is_next_and_sunrise_is_no_prayer(browser: Any, script: bool) -> None:
    now = datetime.fromisoformat("2025-04-30T05:30:00+03:00")
    day = widgets.prayer_times("cairo", CAIRO_DAY)
    assert day.fajr < now < day.sunrise
    strip = widgets.render_prayer_strip("cairo", now=now)
    context, page = _widget_page(browser, str(strip), now=now, script=script)
    try:
        assert _marked(page) == ["dhuhr"]
        label = page.locator(".pnw-next-label")
        assert label.count() == 1
        assert page.locator(".pnw-sunrise .pnw-next-label").count() == 0
        if script:
            left = day.dhuhr - now
            hours, minutes = divmod(-(-left.seconds // 60), 60)
            expected = f"باقٍ على الظهر {_arabic_span(hours, minutes)}"
            assert page.locator(".pnw-countdown").inner_text() == expected
            assert "الشروق" not in page.locator(".pnw-countdown").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
def test_at_2230_tomorrows_fajr_is_marked(browser: Any, script: bool) -> None:
    now = datetime.fromisoformat("2025-04-30T22:30:00+03:00")
    tomorrow = widgets.prayer_times("cairo", CAIRO_DAY + timedelta(days=1))
    strip = widgets.render_prayer_strip("cairo", now=now)
    context, page = _widget_page(browser, str(strip), now=now, script=script)
    try:
        assert _marked(page) == ["fajr"]
        fajr = page.locator(".pnw-fajr time.pnw-at")
        assert fajr.get_attribute("datetime") == tomorrow.fajr.isoformat()
        assert fajr.inner_text() == f"{tomorrow.fajr:%-I:%M} ص"
        assert page.locator(".pnw-fajr .pnw-note").inner_text() == "غدًا"
        if script:
            left = tomorrow.fajr - now
            hours, minutes = divmod(-(-int(left.total_seconds()) // 60), 60)
            expected = f"باقٍ على الفجر {_arabic_span(hours, minutes)}"
            assert page.locator(".pnw-countdown").inner_text() == expected
    finally:
        context.close()


def test_rendered_on_day_one_opened_on_day_three(browser: Any) -> None:
    rendered = datetime.fromisoformat("2025-04-30T10:00:00+03:00")
    opened = datetime.fromisoformat("2025-05-02T15:00:00+03:00")
    third = widgets.prayer_times("cairo", opened.date())
    strip = widgets.render_prayer_strip("cairo", now=rendered, coming_days=3)
    context, page = _widget_page(browser, str(strip), now=opened)
    try:
        for name in SIX:
            stamp = page.locator(f".pnw-{name} time.pnw-at")
            assert stamp.get_attribute("datetime") == getattr(third, name).isoformat(), name
        assert page.locator(".pnw-date").get_attribute("datetime") == opened.date().isoformat()
        from babel.dates import format_date

        assert page.locator(".pnw-date").inner_text() == format_date(
            opened.date(), "EEEE، d MMMM y", locale="ar_EG"
        )
        expected = "asr" if third.dhuhr < opened < third.asr else None
        assert _marked(page) == [expected]
    finally:
        context.close()


def _countdown_to(page: Any, name: str, at: datetime) -> str:
    """The countdown the strip should show at the page's clock: whole minutes, rounded up."""
    now_ms = page.evaluate("Date.now()")
    left = -(-(int(at.timestamp() * 1000) - now_ms) // 60000)
    hours, minutes = divmod(left, 60)
    return f"باقٍ على {name} {_arabic_span(hours, minutes)}"


def test_countdown_pauses_and_resumes_from_the_keyboard(browser: Any) -> None:
    now = datetime.fromisoformat("2025-04-30T13:00:00+03:00")
    asr = widgets.prayer_times("cairo", CAIRO_DAY).asr
    strip = widgets.render_prayer_strip("cairo", now=now)
    context, page = _widget_page(browser, str(strip), now=now)
    try:
        countdown = page.locator(".pnw-countdown")
        button = page.locator(".pnw-strip button.pnw-pause")
        assert button.count() == 1 and button.is_visible()
        assert button.inner_text() == "إيقاف العدّ"  # the strip's language: Arabic
        assert countdown.inner_text() == _countdown_to(page, "العصر", asr)
        # The countdown changes once a minute, not every second (WCAG 2.2.2).
        page.evaluate(
            """() => { window.changes = 0; new MutationObserver(() => { window.changes += 1; })
              .observe(document.querySelector('.pnw-countdown'),
                       {childList: true, characterData: true, subtree: true}); }"""
        )
        page.clock.run_for(120_000)
        assert 1 <= page.evaluate("window.changes") <= 3
        assert countdown.inner_text() == _countdown_to(page, "العصر", asr)
        # Tab reaches the button; Enter pauses the countdown, and again resumes it.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "pnw-pause"
        page.keyboard.press("Enter")
        assert button.inner_text() == "متابعة العدّ"
        paused = countdown.inner_text()
        page.clock.run_for(5 * 60_000)
        assert countdown.inner_text() == paused != _countdown_to(page, "العصر", asr)
        page.keyboard.press("Enter")
        assert button.inner_text() == "إيقاف العدّ"
        assert countdown.inner_text() == _countdown_to(page, "العصر", asr)
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator(".pnw-strip").screenshot(path=str(ARTIFACTS / "strip-pause-button.png"))
    finally:
        context.close()
    english = widgets.render_prayer_strip("cairo", now=now, locale="en")
    context, page = _widget_page(browser, str(english), now=now)
    try:
        assert page.locator("button.pnw-pause").inner_text() == "Pause countdown"
    finally:
        context.close()


def _word_boxes(page: Any, selector: str, first: str, last: str) -> tuple[Any, Any]:
    """The boxes of the first and the last word of an element's text, from a DOM Range."""
    script = """([selector, first, last]) => {
      const node = document.querySelector(selector).firstChild;
      const box = (word) => {
        const start = node.data.indexOf(word);
        const range = document.createRange();
        range.setStart(node, start); range.setEnd(node, start + word.length);
        const r = range.getBoundingClientRect();
        return {x: r.x, width: r.width, y: r.y};
      };
      return [box(first), box(last)];
    }"""
    boxes = page.evaluate(script, [selector, first, last])
    return boxes[0], boxes[1]


def test_headlines_are_laid_out_in_their_own_direction(browser: Any) -> None:
    items = [
        {
            "title": "iPhone 17 يصل إلى الأسواق المصرية الأسبوع المقبل",
            "url": "/1",
            "published": "2025-04-30T10:00:00+03:00",
            "source": "BBC عربي",
        },
        {
            "title": "Apple unveils the iPhone 17 in Cupertino",
            "url": "/2",
            "published": "2025-04-30T09:00:00+03:00",
        },
    ]
    news = widgets.render_related_news(items, heading_level=3)
    context, page = _widget_page(browser, str(news), now=None, width=420, script=False)
    try:
        assert page.locator("h3.pnw-news-title").count() == 1
        first, last = _word_boxes(
            page, ".pnw-news-item:nth-child(1) .pnw-headline", "iPhone", "المقبل"
        )
        assert first["x"] > last["x"] or first["y"] < last["y"], "the brand is not on the right"
        if abs(first["y"] - last["y"]) < 2:
            assert first["x"] > last["x"]
        brand, word = _word_boxes(page, ".pnw-news-item:nth-child(1) .pnw-source", "BBC", "عربي")
        assert brand["x"] > word["x"], "«BBC عربي» shows as «عربي BBC»"
        first, last = _word_boxes(
            page, ".pnw-news-item:nth-child(2) .pnw-headline", "Apple", "Cupertino"
        )
        assert abs(first["y"] - last["y"]) < 2 and first["x"] < last["x"]
    finally:
        context.close()


@pytest.mark.parametrize(
    ("title", "brand", "verb"),
    [
        ("Microsoft Teams تتوقف عن العمل", "Microsoft Teams", "تتوقف"),
        ("Samsung Galaxy S25 Ultra يصل إلى مصر", "Samsung Galaxy S25 Ultra", "يصل"),
        ("OpenAI تطلق ChatGPT Enterprise في السعودية", "OpenAI", "تطلق"),
    ],
)
def test_arabic_headlines_opening_with_a_brand_read_from_the_right(
    browser: Any, title: str, brand: str, verb: str
) -> None:
    """More Latin letters than Arabic ones: still an Arabic sentence, its subject at the right."""
    item = {"title": title, "url": "/1", "published": "2025-04-30T10:00:00+03:00"}
    news = widgets.render_related_news([item])
    context, page = _widget_page(browser, str(news), now=None, width=360, script=False)
    try:
        headline = page.locator(".pnw-headline").bounding_box()
        subject, word = _word_boxes(page, ".pnw-headline", brand, verb)
        assert abs(subject["y"] - word["y"]) < 2, "the headline wraps at 360px: pick a shorter one"
        assert word["x"] + word["width"] <= subject["x"] + 1, f"«{verb}» is not left of {brand}"
        assert abs(subject["x"] + subject["width"] - headline["x"] - headline["width"]) < 2, (
            f"{brand} does not open the line at the right"
        )
        _screenshot(page, f"headline-{brand.split()[0].lower()}-360.png")
    finally:
        context.close()


def test_forced_colours_keep_the_next_prayer_marked(browser: Any) -> None:
    now = datetime.fromisoformat("2025-04-30T13:00:00+03:00")
    strip = widgets.render_prayer_strip("cairo", now=now)
    context, page = _widget_page(browser, str(strip), now=now, width=800)
    try:
        page.emulate_media(forced_colors="active")
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        style = page.eval_on_selector(
            ".pnw-next",
            "(el) => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }",
        )
        assert style[0] != "none" and float(style[1].rstrip("px")) >= 2
        symbol = page.eval_on_selector(
            ".pnw-next .pnw-name", "(el) => getComputedStyle(el, '::before').content"
        )
        assert "●" in symbol
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator(".pnw-strip").screenshot(path=str(ARTIFACTS / "strip-forced-colors.png"))
    finally:
        context.close()


def test_axe_core_finds_no_violation(browser: Any) -> None:
    axe = _axe_core()
    if axe is None or not axe.is_file():
        _unavailable(f"no axe-core at {axe} (pip install axe-playwright-python, or AXE_CORE_JS)")
        return
    now = datetime.fromisoformat("2025-04-30T22:30:00+03:00")
    body = "".join(
        str(fragment)
        for fragment in (
            widgets.render_prayer_strip("cairo", now=now),
            widgets.render_related_news(
                [{"title": "iPhone 17 يصل", "url": "/1", "published": "2025-04-30T10:00:00+03:00"}]
            ),
            widgets.render_timetable("cairo", month=now.date(), now=now),
        )
    )
    context, page = _widget_page(browser, body, now=now)
    try:
        page.add_script_tag(path=str(axe))
        assert int(page.evaluate("axe.version").split(".")[0]) >= 4
        result = page.evaluate("async () => (await axe.run(document)).violations.map((v) => v.id)")
        assert result == []
    finally:
        context.close()


@pytest.mark.parametrize("imsakiya", [False, True], ids=["month", "imsakiya"])
def test_timetables_fit_a_phone(browser: Any, imsakiya: bool) -> None:
    now = datetime.fromisoformat("2026-02-20T12:00:00+02:00")
    table = widgets.render_timetable("cairo", month=now.date(), now=now, imsakiya=imsakiya)
    context, page = _widget_page(browser, str(table), now=now, width=360, script=False)
    try:
        sizes = page.eval_on_selector(
            ".pnw-table-scroll", "(el) => [el.scrollWidth, el.clientWidth]"
        )
        assert sizes[0] <= sizes[1], f"the table scrolls sideways: {sizes}"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        for name in SIX:
            cell = page.locator(f"tbody tr:first-child td.pnw-{name}")
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, name
        name = "imsakiya" if imsakiya else "month"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-360.png"), full_page=True)
    finally:
        context.close()


# Every cell of the page's timetable, as [left, right] in CSS pixels.
_CELL_EDGES = """() => [...document.querySelectorAll('.pnw-table th, .pnw-table td')]
  .map((cell) => cell.getBoundingClientRect()).map((box) => [box.left, box.right])"""


@pytest.mark.parametrize("name", ["month.html", "ramadan.html"])
def test_demo_timetables_fit_a_phone(browser: Any, site: str, name: str) -> None:
    """The built pages at 360 px, inside the page's own 16 px margins: no sideways scrolling."""
    context = browser.new_context(viewport={"width": 360, "height": 900}, locale="ar-EG")
    page = context.new_page()
    page.clock.install(time=NOW_AT)
    try:
        page.goto(site + name, wait_until="load")
        width = page.evaluate("innerWidth")
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll <= width, f"{name} is {scroll}px wide on a {width}px screen"
        region = page.eval_on_selector(".pnw-table-scroll", "(e) => [e.scrollWidth, e.clientWidth]")
        assert region[0] <= region[1], f"the table scrolls sideways: {region}"
        edges = page.evaluate(_CELL_EDGES)
        assert len(edges) > 31 * 7
        outside = [edge for edge in edges if edge[0] < 0 or edge[1] > width]
        assert outside == [], f"{len(outside)} cells cut at the screen's edge"
        _screenshot(page, name.replace(".html", "-page-360.png"))
    finally:
        context.close()


def test_monthly_build_marks_the_readers_day_in_its_tables(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Built on 1 March with 31 coming days, read on 15 March: the tables mark 15 March.

    Read at 00:30 in Cairo, when the reader's own clock (New York) still says 14 March:
    the day is the table's, in Cairo.
    """
    out = tmp_path_factory.mktemp("monthly")
    built = "2026-03-01T10:00:00+02:00"
    argv = ["build", "--out", str(out), "--city", "cairo", "--coming-days", "31", "--now", built]
    assert cli.main([*argv, "--quiet"]) == 0
    opened = datetime.fromisoformat("2026-03-15T00:30:00+02:00")
    for name in ("month.html", "ramadan.html"):
        for script in (False, True):
            context = browser.new_context(
                viewport={"width": 1000, "height": 900},
                timezone_id="America/New_York",
                java_script_enabled=script,
            )
            page = context.new_page()
            if script:
                page.clock.install(time=opened)
            try:
                page.goto((out / name).as_uri(), wait_until="load")
                marked = page.eval_on_selector_all(
                    ".pnw-table tbody tr",
                    """(rows) => rows.filter((row) => row.getAttribute('aria-current') === 'date'
                      || row.classList.contains('pnw-today'))
                      .map((row) => [row.querySelector('time').getAttribute('datetime'),
                        row.getAttribute('aria-current'), row.className])""",
                )
                day = "2026-03-15" if script else "2026-03-01"  # without JS: as built
                assert marked == [[day, "date", "pnw-today"]], (name, script)
            finally:
                context.close()


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site-en")
    argv = ["build", "--out", str(out), "--now", NOW, "--locale", "en", "--quiet"]
    assert cli.main(argv) == 0
    return out


@pytest.mark.parametrize("locale", ["ar", "en"])
def test_a_table_wider_than_the_screen_scrolls_inside_its_box(
    browser: Any, site: str, english_site: Path, locale: str
) -> None:
    """At 280 and 320 px (a small phone, or 200 % zoom) a table may scroll in its own box;
    the page itself never scrolls sideways, also at 640 px, where the imsakiya is laid out wide."""
    base = site if locale == "ar" else english_site.as_uri() + "/"
    for name in ("month.html", "ramadan.html"):
        for width in (280, 320, 640):
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            page.clock.install(time=NOW_AT)
            try:
                page.goto(base + name, wait_until="load")
                scroll = page.evaluate("document.scrollingElement.scrollWidth")
                assert scroll <= width, f"{locale} {name} is {scroll}px wide on a {width}px screen"
                box = page.eval_on_selector(
                    ".pnw-table-scroll", "(e) => e.getBoundingClientRect().right"
                )
                assert box <= width, (locale, name, width, box)
            finally:
                context.close()
