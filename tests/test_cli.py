"""The command line: every command through ``main([...])``, its files, its errors and exit codes."""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from html import unescape
from pathlib import Path

import html5lib
import pytest
from babel.dates import format_time, get_day_names
from hijridate import Gregorian

import widgets
from widgets import cli, render, zones
from widgets.feeds import load_news
from widgets.site.config import CONFIG_KEYS

from .conftest import DATA, REPO

NOW = "2026-03-01T14:00:00+02:00"
NOW_AT = datetime.fromisoformat(NOW)
EGYPT_RAMADAN_1447 = date(2026, 2, 19)
FEEDS = DATA / "feeds"
FIELDS = ("imsak", "fajr", "sunrise", "dhuhr", "asr", "sunset", "maghrib", "isha")
SIX = ("fajr", "sunrise", "dhuhr", "asr", "maghrib", "isha")
PREFIX = "prayer-news-widgets: error: "


def build(out: Path, *extra: str) -> int:
    """A quiet demo build (the sample headlines as related news) at :data:`NOW`."""
    return cli.main(["build", "--out", str(out), "--now", NOW, "--quiet", "--demo", *extra])


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def parse_html(text: str, fragment: bool = False) -> list[object]:
    parser = html5lib.HTMLParser(strict=False)
    if fragment:
        parser.parseFragment(text)
    else:
        parser.parse(text)
    return list(parser.errors)


def error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# --- build ------------------------------------------------------------------------------------


def test_build_writes_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(tmp_path) == 0
    assert capsys.readouterr().err == ""
    names = set(files(tmp_path))
    expected = {
        "index.html",
        "month.html",
        "prayer-strip.html",
        "related-news.html",
        "timetable.html",
        "widgets.css",
        "page.css",
        "prayer-times.json",
    }
    assert expected <= names
    templates = render.templates_path() / "widgets"
    assert (tmp_path / "widgets.css").read_bytes() == (templates / "widgets.css").read_bytes()
    if (templates / "widgets.js").is_file():
        assert (tmp_path / "widgets.js").read_bytes() == (templates / "widgets.js").read_bytes()
    assert not [name for name in names if name.endswith(".tmp")]


def test_index_is_a_valid_rtl_page_with_both_widgets(tmp_path: Path) -> None:
    assert build(tmp_path) == 0
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert parse_html(page) == []
    document = html5lib.parse(page, namespaceHTMLElements=False)
    root = document
    assert root.get("dir") == "rtl"
    assert root.get("lang", "").startswith("ar")
    links = [link.get("href") for link in document.iter("link")]
    assert "widgets.css" in links
    header = document.find(".//header")
    assert header is not None
    assert header.find(".//section[@class='pnw-strip']") is not None
    assert document.find(".//article") is not None
    assert document.find(".//aside//section[@class='pnw-news']") is not None
    strip = (tmp_path / "prayer-strip.html").read_text(encoding="utf-8")
    news = (tmp_path / "related-news.html").read_text(encoding="utf-8")
    assert strip in page and news in page


def test_fragments_are_what_the_api_renders(tmp_path: Path) -> None:
    options = ["--locale", "ar_SA", "--digits", "arab", "--clock", "24h", "--hijri-offset", "-1"]
    assert build(tmp_path, *options) == 0
    cairo = widgets.place("cairo")
    common = {"locale": "ar_SA", "digits": "arab", "clock": "24h", "hijri_offset": -1}
    strip = render.render_prayer_strip(cairo, now=NOW_AT, **common)  # type: ignore[arg-type]
    assert (tmp_path / "prayer-strip.html").read_text(encoding="utf-8") == strip
    month = render.render_timetable(cairo, month=NOW_AT.date(), now=NOW_AT, **common)  # type: ignore[arg-type]
    assert (tmp_path / "timetable.html").read_text(encoding="utf-8") == month
    for name in ("prayer-strip.html", "related-news.html", "timetable.html"):
        assert parse_html((tmp_path / name).read_text(encoding="utf-8"), fragment=True) == []


def test_imsakiya_follows_the_hijri_month(tmp_path: Path) -> None:
    # 1 March 2026 is 12 Ramadan 1447 in the Umm al-Qura calendar (hijridate, directly).
    assert Gregorian(2026, 3, 1).to_hijri().month == 9
    assert build(tmp_path / "ramadan") == 0
    assert (tmp_path / "ramadan" / "imsakiya.html").is_file()
    assert (tmp_path / "ramadan" / "ramadan.html").is_file()
    # 1 July 2026 is in Muharram or Safar 1448: no Ramadan day in July.
    months = [Gregorian(2026, 7, day).to_hijri().month for day in range(1, 32)]
    assert 9 not in months
    july = "2026-07-01T12:00:00+03:00"

    def summer(folder: str, *extra: str) -> int:
        return cli.main(["build", "--out", str(tmp_path / folder), "--now", july, "-q", *extra])

    assert summer("july") == 0
    assert not (tmp_path / "july" / "imsakiya.html").exists()
    assert summer("asked", "--imsakiya") == 0
    table = (tmp_path / "asked" / "imsakiya.html").read_text(encoding="utf-8")
    first = next(  # the next Ramadan after July 2026, from hijridate
        date(2026, 7, 1) + timedelta(days=n)
        for n in range(400)
        if Gregorian.fromdate(date(2026, 7, 1) + timedelta(days=n)).to_hijri().month == 9
    )
    assert f'datetime="{first.isoformat()}"' in table
    assert f'datetime="{(first - timedelta(days=1)).isoformat()}"' not in table
    assert summer("off", "--no-imsakiya") == 0
    assert not (tmp_path / "off" / "imsakiya.html").exists()


def test_build_with_now_is_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(tmp_path / "one", "--days", "2") == 0
    assert build(tmp_path / "two", "--days", "2") == 0
    first, second = files(tmp_path / "one"), files(tmp_path / "two")
    assert first == second
    before = {path: path.stat().st_mtime_ns for path in (tmp_path / "one").rglob("*")}
    again = ["build", "--out", str(tmp_path / "one"), "--now", NOW, "--days", "2", "--demo"]
    assert cli.main(again) == 0
    out = capsys.readouterr().out
    assert f"wrote 0 of {len(first)} files" in out
    assert before == {path: path.stat().st_mtime_ns for path in (tmp_path / "one").rglob("*")}


def test_build_is_byte_identical_across_processes(tmp_path: Path) -> None:
    # Separate interpreters with different hash seeds: no set or dict order leaks into files.
    args = ["-m", "widgets", "build", "--now", NOW, "-q", "--city", "cairo", "--city", "tunis"]
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, *args, "--out", str(tmp_path / seed)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=environment,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    assert files(tmp_path / "1") == files(tmp_path / "2")


def test_json_matches_prayer_times(tmp_path: Path) -> None:
    assert build(tmp_path, "--days", "3") == 0
    document = json.loads((tmp_path / "prayer-times.json").read_text(encoding="utf-8"))
    cairo = widgets.place("cairo")
    # Egypt's official method is the Egyptian General Authority of Survey's (19.5 / 17.5).
    assert document["method"]["slug"] == "egypt"
    assert (document["method"]["fajr_angle"], document["method"]["isha_angle"]) == (19.5, 17.5)
    assert document["method"]["source"] == widgets.METHODS["egypt"].source
    assert document["location"]["timezone"] == "Africa/Cairo"
    source, version = zones.tz_database()
    assert document["tz_database"] == {"source": source, "version": version}
    assert [day["date"] for day in document["days"]] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    for day in document["days"]:
        expected = widgets.prayer_times(cairo, date.fromisoformat(day["date"]), method="egypt")
        for name in (*FIELDS, "midnight", "last_third"):
            written = datetime.fromisoformat(day[name])
            assert written == getattr(expected, name)
            assert written.utcoffset() == timedelta(hours=2)
        # Egypt's Dar al-Ifta declared 1 Ramadan 1447 on Thursday 19 February 2026.
        number = (date.fromisoformat(day["date"]) - EGYPT_RAMADAN_1447).days + 1
        assert day["hijri"] == f"1447-09-{number:02}"


def test_days_write_one_page_per_day(tmp_path: Path) -> None:
    assert build(tmp_path, "--days", "3") == 0
    for number in range(3):
        day = (NOW_AT.date() + timedelta(days=number)).isoformat()
        page = (tmp_path / "days" / f"{day}.html").read_text(encoding="utf-8")
        strip = (tmp_path / "days" / f"{day}.prayer-strip.html").read_text(encoding="utf-8")
        assert strip in page
        assert f'<time class="pnw-date" datetime="{day}"' in strip
        assert 'href="../widgets.css"' in page
        assert parse_html(page) == []
    tomorrow = (tmp_path / "days" / "2026-03-02.prayer-strip.html").read_text(encoding="utf-8")
    # Seen from the start of the day, the next prayer is that day's Fajr.
    assert 'pnw-fajr pnw-next"' in tomorrow or "pnw-fajr pnw-next " in tomorrow


def test_custom_coordinates(tmp_path: Path) -> None:
    options = ["--lat", "31.95", "--lon", "35.93", "--tz", "Asia/Amman", "--country", "JO"]
    assert build(tmp_path, *options, "--name", "عمّان التجريبية") == 0
    document = json.loads((tmp_path / "prayer-times.json").read_text(encoding="utf-8"))
    assert document["location"]["latitude"] == 31.95
    assert document["method"]["slug"] == widgets.method_for_country("JO").slug
    assert "عمّان التجريبية" in (tmp_path / "prayer-strip.html").read_text(encoding="utf-8")


def test_several_cities_go_to_their_folders(tmp_path: Path) -> None:
    assert build(tmp_path, "--city", "cairo", "--city", "الرياض") == 0
    for slug in ("cairo", "riyadh"):
        page = (tmp_path / slug / "index.html").read_text(encoding="utf-8")
        assert 'href="../widgets.css"' in page
        assert (tmp_path / slug / "prayer-times.json").is_file()
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="cairo/index.html"' in index and 'href="riyadh/index.html"' in index
    assert parse_html(index) == []
    riyadh = json.loads((tmp_path / "riyadh" / "prayer-times.json").read_text(encoding="utf-8"))
    assert riyadh["method"]["slug"] == "umm_al_qura"  # Saudi Arabia's official calendar


def test_no_arguments_build_cairo_into_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build"]) == 0
    document = json.loads((tmp_path / "site" / "prayer-times.json").read_text(encoding="utf-8"))
    assert document["location"]["slug"] == "cairo"
    assert document["method"]["slug"] == "egypt"
    out = capsys.readouterr().out
    assert "site" in out and "sample" not in out
    seed = json.loads((REPO / "examples" / "news.json").read_text(encoding="utf-8"))
    titles = [item["title"] for item in seed["items"]]
    built = "".join(path.read_text(encoding="utf-8") for path in (tmp_path / "site").rglob("*"))
    assert not [title for title in titles if title in built]  # no sample headline, anywhere
    assert (tmp_path / "site" / "related-news.html").read_text(encoding="utf-8") == ""


def test_demo_build_uses_the_sample_news_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["build", "--city", "cairo", "--out", str(tmp_path), "--now", NOW, "--demo"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "demo" in out and "sample headlines" in out
    news = (tmp_path / "related-news.html").read_text(encoding="utf-8")
    seed = json.loads((REPO / "examples" / "news.json").read_text(encoding="utf-8"))
    assert seed["items"][0]["title"] in news


def test_footer_shows_the_method_and_a_readable_build_time(tmp_path: Path) -> None:
    from babel.dates import format_datetime

    assert build(tmp_path, "--lat", "29.97", "--lon", "30.94", "--tz", "Africa/Cairo") == 0
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    footer = page[page.index("<footer") :]
    assert widgets.METHODS["egypt"].name_ar in footer  # the zone's country: Egypt's method
    readable = format_datetime(NOW_AT, "d MMMM y h:mm a", tzinfo="Africa/Cairo", locale="ar_EG")
    assert readable in footer and ".000" not in footer  # «1 مارس 2026 2:00 م»


def test_times_and_timetable_speak_arabic_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["times", "--city", "cairo", "--date", "2026-03-01", "--now", NOW]) == 0
    assert "الفجر" in capsys.readouterr().out
    assert cli.main(["timetable", "--city", "cairo", "--month", "2026-03", "--now", NOW]) == 0
    assert " ص" in capsys.readouterr().out  # 12-hour Arabic times, as build writes them


def test_python_dash_m_help(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "widgets", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0
    for command in ("build", "times", "timetable", "places", "methods"):
        assert command in done.stdout


# --- news inputs --------------------------------------------------------------------------------


def test_json_news_file(tmp_path: Path) -> None:
    items = [
        {
            "title": "عنوان تجريبي",
            "url": "https://news.example/a",
            "published": "2026-02-28T10:00Z",
        },
        {"title": "رابط خطر", "url": "javascript:alert(1)", "published": "2026-02-28T09:00Z"},
    ]
    source = tmp_path / "items.json"
    source.write_text(json.dumps(items), encoding="utf-8")
    assert build(tmp_path / "out", "--news", str(source)) == 0
    news = (tmp_path / "out" / "related-news.html").read_text(encoding="utf-8")
    assert "عنوان تجريبي" in news and 'href="https://news.example/a"' in news
    assert "javascript" not in news


@pytest.mark.parametrize("feed", ["rss2.xml", "atom.xml"])
def test_feed_news_file(tmp_path: Path, feed: str) -> None:
    feedparser = pytest.importorskip("feedparser")
    parsed = feedparser.parse((FEEDS / feed).read_bytes())
    assert build(tmp_path, "--news", str(FEEDS / feed)) == 0
    news = (tmp_path / "related-news.html").read_text(encoding="utf-8")
    assert parse_html(news, fragment=True) == []
    shown = [entry for entry in parsed.entries if entry.get("published_parsed")]
    assert shown, "the sample feed has dated entries"
    link = shown[0].link
    assert link.startswith("/") or f'href="{link}"' in news
    assert "javascript:" not in news.lower()
    expected = render.render_related_news(
        load_news(FEEDS / feed), now=NOW_AT, timezone="Africa/Cairo", locale="ar_EG"
    )
    assert news == expected


def test_no_news(tmp_path: Path) -> None:
    assert build(tmp_path, "--no-news") == 0
    assert (tmp_path / "related-news.html").read_text(encoding="utf-8") == ""
    assert "pnw-news" not in (tmp_path / "index.html").read_text(encoding="utf-8")


# --- the config file ----------------------------------------------------------------------------


def test_config_with_two_cities(tmp_path: Path) -> None:
    (tmp_path / "news.json").write_text(
        json.dumps([{"title": "خبر الإعداد", "url": "/n/1", "published": "2026-02-28T10:00Z"}]),
        encoding="utf-8",
    )
    (tmp_path / "site.toml").write_text(
        """
out = "public"
digits = "arab"
news = "news.json"

[[cities]]
place = "alexandria"

[[cities]]
latitude = 24.7136
longitude = 46.6753
timezone = "Asia/Riyadh"
slug = "hq"
name = "المقر"
country = "SA"
method = "mwl"
""",
        encoding="utf-8",
    )
    assert cli.main(["build", "--config", str(tmp_path / "site.toml"), "--now", NOW, "-q"]) == 0
    public = tmp_path / "public"
    alexandria = json.loads((public / "alexandria" / "prayer-times.json").read_text("utf-8"))
    hq = json.loads((public / "hq" / "prayer-times.json").read_text("utf-8"))
    assert alexandria["method"]["slug"] == "egypt"
    assert hq["method"]["slug"] == "mwl"  # the city's own setting beats the country default
    strip = (public / "hq" / "prayer-strip.html").read_text("utf-8")
    assert "المقر" in strip
    assert any("\u0660" <= char <= "\u0669" for char in strip)  # Arabic-Indic digits
    assert "خبر الإعداد" in (public / "alexandria" / "related-news.html").read_text("utf-8")
    # The command line wins over the file.
    out = tmp_path / "override"
    args = ["build", "--config", str(tmp_path / "site.toml"), "--out", str(out), "--now", NOW]
    assert cli.main([*args, "--city", "aswan", "-q"]) == 0
    assert (out / "prayer-times.json").is_file()
    assert not (out / "hq").exists()
    # A plain list of names.
    (tmp_path / "names.toml").write_text('cities = ["aswan", "luxor"]\n', encoding="utf-8")
    names = ["build", "--config", str(tmp_path / "names.toml"), "--now", NOW, "-q"]
    assert cli.main(names) == 0
    assert (tmp_path / "site" / "aswan" / "index.html").is_file()
    assert (tmp_path / "site" / "luxor" / "index.html").is_file()


def test_config_and_options_reach_every_build_site_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every keyword of widgets.build_site is a site.toml key and a build option, except
    # those the command itself supplies (now, progress) or names otherwise (places: cities).
    supplied = {"out", "now", "progress"}
    parameters = set(inspect.signature(widgets.build_site).parameters) - supplied
    keys = set(CONFIG_KEYS)
    assert parameters - {"places", "jobs"} <= keys, parameters - keys
    assert "cities" in keys and "jobs" not in keys  # jobs is the machine's, not the site's
    assert cli.main(["build", "--help"]) == 0
    usage = capsys.readouterr().out
    for name in parameters - {"places"}:
        assert f"--{name.replace('_', '-')}" in usage, name
        if name in keys:
            assert name in usage.split("site.toml", 1)[1], name  # the epilog lists the key


FRIDAY = date(2026, 3, 6)
# CLDR's Arabic name of Friday, which Arab sites print in place of Dhuhr on Fridays.
JUMUAH = get_day_names("wide", locale="ar")[FRIDAY.weekday()]


def strip_days(strip: str) -> list[dict[str, object]]:
    """The days a built strip carries for ``widgets.js`` (its ``data-pnw-days``)."""
    found = re.search(r'data-pnw-days="([^"]*)"', strip)
    assert found, strip
    days: list[dict[str, object]] = json.loads(unescape(found.group(1)))
    return days


def dhuhr_name(strip: str) -> str:
    """The name printed in a built strip's Dhuhr tile."""
    found = re.search(r'data-pnw-prayer="dhuhr"><span class="pnw-name">([^<]*)<', strip)
    assert found, strip
    return found.group(1)


def test_config_jumuah_coming_days_templates_and_durable(tmp_path: Path) -> None:
    assert FRIDAY.weekday() == 4 and JUMUAH == "الجمعة"
    ours = render.templates_path() / "site" / "page.css"
    (tmp_path / "mine" / "site").mkdir(parents=True)
    (tmp_path / "mine" / "site" / "page.css").write_text("/* ours, not theirs */\n", "utf-8")
    (tmp_path / "site.toml").write_text(
        'cities = ["cairo"]\njumuah = true\ncoming_days = 3\ntemplates = "mine"\ndurable = false\n',
        encoding="utf-8",
    )
    friday = f"{FRIDAY.isoformat()}T09:00:00+02:00"
    config = ["build", "--config", str(tmp_path / "site.toml"), "--now", friday, "-q"]
    assert cli.main([*config, "--out", str(tmp_path / "a")]) == 0
    strip = (tmp_path / "a" / "prayer-strip.html").read_text("utf-8")
    assert dhuhr_name(strip) == JUMUAH
    carried = strip_days(strip)
    # the strip's day, 3 more, and the day whose Fajr follows the last Isha
    expected = [(FRIDAY + timedelta(days=n)).isoformat() for n in range(5)]
    assert [day["date"] for day in carried] == expected
    css = (tmp_path / "a" / "page.css").read_text("utf-8")
    assert css == "/* ours, not theirs */\n" != ours.read_text("utf-8")
    # The options win over the file.
    options = ["--no-jumuah", "--coming-days", "0", "--out", str(tmp_path / "b")]
    assert cli.main([*config, *options]) == 0
    strip = (tmp_path / "b" / "prayer-strip.html").read_text("utf-8")
    assert dhuhr_name(strip) == "الظهر"
    assert [day["date"] for day in strip_days(strip)] == expected[:2]


def test_a_newer_file_of_month_starts_from_the_config_and_the_option(tmp_path: Path) -> None:
    # Umm al-Qura puts 1 Ramadan 1447 on 18 February 2026; an announcement of the 19th for
    # Saudi Arabia (a file beside site.toml, named relative to it) makes the 18th 30 Sha'ban.
    assert Gregorian(2026, 2, 18).to_hijri().datetuple() == (1447, 9, 1)
    (tmp_path / "data").mkdir()
    entry = {"country": "SA", "year": 1447, "month": 9, "start": "2026-02-19", "source": "a test"}
    starts = tmp_path / "data" / "starts.json"
    starts.write_text(json.dumps({"format": 1, "starts": [entry]}), encoding="utf-8")
    (tmp_path / "site.toml").write_text(
        'cities = ["riyadh"]\nhijri_month_starts = "data/starts.json"\n', encoding="utf-8"
    )
    now = ["--now", "2026-02-18T10:00:00+03:00", "-q"]
    config = ["build", "--config", str(tmp_path / "site.toml"), *now]
    assert cli.main([*config, "--out", str(tmp_path / "a")]) == 0
    assert "30 شعبان 1447" in (tmp_path / "a" / "prayer-strip.html").read_text("utf-8")
    plain = ["build", "--city", "riyadh", *now, "--out", str(tmp_path / "b")]
    assert cli.main(plain) == 0
    assert "1 رمضان 1447" in (tmp_path / "b" / "prayer-strip.html").read_text("utf-8")
    option = [*plain[:-1], str(tmp_path / "c"), "--hijri-month-starts", str(starts)]
    assert cli.main(option) == 0
    assert "30 شعبان 1447" in (tmp_path / "c" / "prayer-strip.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('ciites = ["cairo"]\n', "'ciites'"),
        ('cities = "cairo"\n', "cities"),
        ("days = 0\n", "days"),
        ("coming_days = 32\n", "coming_days"),
        ('jumuah = "yes"\n', "jumuah"),
        ("cities = [\n", "toml"),
        ('cities = [{ place = "cairo", latitude = 1.0 }]\n', "latitude"),
        ('cities = [{ name = "x" }]\n', "latitude, longitude and timezone"),
        (
            'cities = [{ latitude = 1, longitude = 2, timezone = "UTC", slug = "../up" }]\n',
            "'../up'",
        ),
        ('cities = ["cairo", "القاهرة"]\n', "'cairo'"),
    ],
)
def test_bad_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, needle: str
) -> None:
    config = tmp_path / "site.toml"
    config.write_text(text, encoding="utf-8")
    assert cli.main(["build", "--config", str(config), "--out", str(tmp_path / "o")]) == 1
    line = error_line(capsys)
    assert line.startswith(PREFIX)
    assert needle.lower() in line.lower()
    assert not (tmp_path / "o").exists()


# --- the other commands -------------------------------------------------------------------------


def test_times(capsys: pytest.CaptureFixture[str]) -> None:
    english = ["--locale", "en", "--clock", "24h"]
    args = ["times", "--city", "alexandria", "--date", "2026-03-01", "--now", NOW, *english]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    day = widgets.prayer_times(widgets.place("alexandria"), date(2026, 3, 1))
    for name in SIX:
        moment = getattr(day, name)
        line = next(line for line in out.splitlines() if moment.isoformat() in line)
        assert moment.strftime("%H:%M") in line
        assert name.capitalize() in line
    assert "Alexandria" in out and "Ramadan 1447" in out


def test_times_and_timetable_name_jumuah_on_fridays(capsys: pytest.CaptureFixture[str]) -> None:
    thursday = FRIDAY - timedelta(days=1)
    for day, dhuhr in ((FRIDAY, JUMUAH), (thursday, "الظهر")):
        args = ["times", "--city", "cairo", "--date", day.isoformat(), "--now", NOW, "--jumuah"]
        assert cli.main(args) == 0
        noon = widgets.prayer_times(widgets.place("cairo"), day).dhuhr.isoformat()
        line = next(line for line in capsys.readouterr().out.splitlines() if noon in line)
        assert line.split()[0] == dhuhr
    assert cli.main(["times", "--city", "cairo", "--date", FRIDAY.isoformat(), "--now", NOW]) == 0
    assert JUMUAH not in capsys.readouterr().out.split("\n", 1)[1]  # the date line names Friday
    args = ["timetable", "--month", "2026-03", "--city", "cairo", "--now", NOW, "--jumuah"]
    assert cli.main(args) == 0
    rows = {row.split()[0]: row for row in capsys.readouterr().out.splitlines() if row}
    fridays = {
        day for day in rows if day.startswith("2026-03-") and date.fromisoformat(day).weekday() == 4
    }
    assert fridays == {"2026-03-06", "2026-03-13", "2026-03-20", "2026-03-27"}
    assert all((JUMUAH in row) == (day in fridays) for day, row in rows.items() if day[0] == "2")


def test_times_take_the_locales_hour_cycle(capsys: pytest.CaptureFixture[str]) -> None:
    # CLDR's short time of ar_MA is 24-hour and ar_EG's 12-hour; the command follows each.
    fajr = widgets.prayer_times(widgets.place("rabat"), date(2026, 3, 1)).fajr
    for locale in ("ar_MA", "ar_EG"):
        args = ["times", "--city", "rabat", "--date", "2026-03-01", "--locale", locale]
        assert cli.main([*args, "--now", NOW]) == 0
        line = next(
            line for line in capsys.readouterr().out.splitlines() if fajr.isoformat() in line
        )
        assert format_time(fajr, "short", locale=locale) in line


def test_times_json(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["times", "--city", "makkah", "--date", "2026-03-01", "--json", "--now", NOW]
    assert cli.main(args) == 0
    document = json.loads(capsys.readouterr().out)
    day = widgets.prayer_times(widgets.place("makkah"), date(2026, 3, 1))
    assert document["method"]["slug"] == "umm_al_qura"
    for name in FIELDS:
        assert datetime.fromisoformat(document["days"][0][name]) == getattr(day, name)


def test_times_defaults_to_today_there(capsys: pytest.CaptureFixture[str]) -> None:
    # 23:30 UTC on 28 February is already 1 March in Cairo (UTC+2).
    assert cli.main(["times", "--city", "cairo", "--now", "2026-02-28T23:30:00Z"]) == 0
    fajr = widgets.prayer_times(widgets.place("cairo"), date(2026, 3, 1)).fajr
    assert fajr.isoformat() in capsys.readouterr().out


def test_timetable_month(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["timetable", "--month", "2026-02", "--city", "cairo", "--now", NOW, "--clock", "24h"]
    assert cli.main(args) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    days = [row for row in rows if row and row[0].startswith("2026-02-")]
    assert len(days) == 28  # February 2026 is not a leap month
    cairo = widgets.place("cairo")
    for row in days:
        computed = widgets.prayer_times(cairo, date.fromisoformat(row[0]))
        assert row[1:] == [getattr(computed, name).strftime("%H:%M") for name in SIX]


def test_timetable_imsakiya(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["timetable", "--month", "2026-02", "--city", "cairo", "--imsakiya", "--now", NOW]
    assert cli.main(args) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    days = [row for row in rows if row and row[0].startswith("2026-")]
    # As Egypt's Dar al-Ifta declared: 1 Ramadan on 19 February, 1 Shawwal on 20 March 2026.
    ramadan = [(EGYPT_RAMADAN_1447 + timedelta(days=n)).isoformat() for n in range(29)]
    assert [row[0] for row in days] == ramadan
    assert days[0][1].endswith("-09-01")


def test_timetable_html_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["timetable", "--month", "2026-02", "--city", "cairo", "--now", NOW]
    assert cli.main([*args, "--format", "html", "--locale", "ar_EG", "--clock", "12h"]) == 0
    html = capsys.readouterr().out
    cairo = widgets.place("cairo")
    expected = render.render_timetable(cairo, month=date(2026, 2, 1), now=NOW_AT)
    assert html == expected + "\n"
    assert cli.main([*args, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert len(document["days"]) == 28


def test_places(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["places", "--country", "eg"]) == 0
    out = capsys.readouterr().out
    egypt = [location for location in widgets.all_places() if location.country == "EG"]
    assert len(out.splitlines()) == len(egypt) + 1
    assert all(location.slug in out for location in egypt)
    assert cli.main(["places", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [entry["slug"] for entry in listed] == [loc.slug for loc in widgets.all_places()]


def test_methods(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["methods"]) == 0
    out = capsys.readouterr().out
    for method in widgets.METHODS.values():
        assert method.slug in out
        if method.source:
            assert method.source in out
    lowered = [method for method in widgets.METHODS.values() if method.elevation]
    assert out.count("horizon lowered for the place's elevation") == len(lowered)
    assert out.count("horizon at sea level") == len(widgets.METHODS) - len(lowered)
    assert cli.main(["methods", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [entry["slug"] for entry in listed] == list(widgets.METHODS)
    egypt = next(entry for entry in listed if entry["slug"] == "egypt")
    assert "EG" in egypt["default_for"]


# --- errors and exit codes ----------------------------------------------------------------------


def test_bad_city(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(tmp_path / "o", "--city", "kairo") == 1
    line = error_line(capsys)
    assert line.startswith(PREFIX + "unknown place: 'kairo'")
    assert "did you mean 'cairo'" in line
    assert not (tmp_path / "o").exists()
    assert cli.main(["times", "--city", "atlantis"]) == 1
    assert "'atlantis'" in error_line(capsys)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["times", "--date", "2026-02-30"], "'2026-02-30'"),
        (["times", "--date", "01/03/2026"], "'01/03/2026'"),
        (["timetable", "--month", "2026-13"], "'2026-13'"),
        (["times", "--now", "yesterday"], "'yesterday'"),
        (["times", "--now", "2026-03-01T14:00"], "offset"),
        (["build", "--now", "2026-03-01"], "offset"),
        (["build", "--days", "0"], "days"),
        (["build", "--hijri-offset", "5"], "hijri_offset"),
        (["build", "--locale", "xx_YY"], "locale"),
        (["build", "--lat", "91", "--lon", "0", "--tz", "UTC"], "latitude"),
        (["build", "--lat", "30", "--lon", "31", "--tz", "Mars/Olympus"], "Mars/Olympus"),
        (["build", "--news", "no-such-file.json"], "no-such-file.json"),
        (
            ["build", "--templates", "./my-templats"],
            "templates must be an existing folder, got './my-templats'",
        ),
        (["places", "--country", "XX"], "'XX'"),
    ],
)
def test_bad_values_exit_1_with_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    needle: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(args) == 1
    line = error_line(capsys)
    assert line.startswith(PREFIX)
    assert needle in line


def test_bad_method(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(tmp_path / "o", "--method", "egpyt") == 1
    line = error_line(capsys)
    assert "unknown method: 'egpyt'" in line and "'egypt'" in line
    assert not (tmp_path / "o").exists()
    assert cli.main(["times", "--method", "egpyt"]) == 1
    assert "'egpyt'" in error_line(capsys)


def test_unwritable_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert build(blocker) == 1
    assert error_line(capsys).startswith(PREFIX + "out must be a folder")
    assert build(blocker / "below") == 1
    assert str(blocker / "below") in error_line(capsys)
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert build(locked) == 1
        assert error_line(capsys).startswith(PREFIX)


def test_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(tmp_path) == 0
    before = files(tmp_path)

    def failing_replace(source: str, target: str) -> None:
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(cli.os, "replace", failing_replace)
    assert build(tmp_path, "--clock", "24h") == 1
    assert "No space left on device" in error_line(capsys)
    assert files(tmp_path) == before  # no temporary file left, nothing half written


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["build", "--bogus"],
        ["frobnicate"],
        ["build", "--digits", "roman"],
        ["build", "--clock", "13h"],
        ["build", "--lat", "north"],
        ["build", "--lat", "30"],
        ["build", "--city", "cairo", "--country", "SA"],
        ["times", "--city", "cairo", "--city", "giza", "--asr", "maliki"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    assert "build" in capsys.readouterr().out
    assert cli.main(["build", "--help"]) == 0
    assert "--config" in capsys.readouterr().out
    assert cli.main(["--version"]) == 0
    assert widgets.__version__ in capsys.readouterr().out


def test_progress_is_quiet_without_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["build", "--out", str(tmp_path), "--now", NOW, "--days", "2"]
    assert cli.main([*args, "--city", "cairo", "--city", "tunis"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.count("\n") == 1  # the summary line only


def test_importing_the_cli_does_no_work() -> None:
    code = (
        "import sys, widgets.cli as c; "
        "print(bool(sys.modules['widgets.render'].templates_path.cache_info().currsize))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "False"
    assert done.stderr == ""


def test_unknown_names_point_to_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["times", "--city", "kairo"]) == 1
    line = error_line(capsys)
    assert "'prayer-news-widgets places' lists them" in line and "widgets.all_places" not in line
    assert cli.main(["times", "--city", "cairo", "--method", "egpyt"]) == 1
    line = error_line(capsys)
    assert "'prayer-news-widgets methods' lists them" in line and "'egypt'" in line


def test_readme_lists_the_files_build_writes(tmp_path: Path) -> None:
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("`build` writes")
    paragraph = readme[start : readme.index("\n\n", start)]
    listed = set(re.findall(r"`([\w/.-]+\.(?:html|css|js|json))`", paragraph))
    assert build(tmp_path, "--days", "1") == 0
    written = {re.sub(r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD", name) for name in files(tmp_path)}
    assert written == listed
