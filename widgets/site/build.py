"""Static generation: the widgets of one or more places as files in a folder.

:func:`build_site` is the whole static site from Python; the ``build``
command is a thin face over it. For each place it writes the bare fragments
(``prayer-strip.html``, ``related-news.html``, ``timetable.html``, and
``imsakiya.html`` when the month has days of Ramadan), demo pages around
them (``index.html``, ``month.html``, ``ramadan.html`` with the imsakiya),
``prayer-times.json`` and, with ``days``, a page and a strip for each
day; at the top ``widgets.css``, ``widgets.js`` and ``page.css``. With several places each
gets a folder named by its slug and ``index.html`` lists them.

The same arguments and ``now`` give the same bytes, whatever ``jobs`` is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Final

import widgets

from .export import GENERATOR, dumps, place_slug, times_json
from .files import FileWriter, locked_folder
from .pages import CityEntry, Link, PageFrame, PlaceFacts, Words, page_css, render_page, texts

__all__ = ["MAX_DAYS", "BuildResult", "Progress", "SitePlace", "build_site"]

MAX_DAYS: Final = 366
"""The most per-day pages a build writes for a place."""
MAX_JOBS: Final = 64
_FOLDER: Final = re.compile(r"[a-z0-9][a-z0-9_\-]*")
NEWS_LIMIT: Final = 6

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while a build writes its pages."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SitePlace:
    """A place of a build with the settings it overrides (``None``: the site's)."""

    location: widgets.Location
    method: str | None = None
    asr: str | None = None
    hijri_offset: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildResult:
    """What a build did.

    ``written`` and ``unchanged`` are the paths of the files it wrote and of
    those that already held the same bytes; ``expires_at`` is the earliest
    instant at which something it wrote stops being true (the next prayer,
    midnight): run the build again then. It is in the place's zone for a
    build of one place, else in UTC.
    """

    out: Path
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    expires_at: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Settings:
    """The site-wide settings of a build, checked."""

    method: str | None
    asr: str
    locale: str
    digits: widgets.Digits
    clock: widgets.Clock | None
    hijri_offset: int
    days: int
    jumuah: bool
    coming_days: int
    news_limit: int
    imsakiya: bool | None
    script: bool
    site_name: str | None
    templates: str | None
    durable: bool
    hijri_month_starts: widgets.MonthStarts | None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Job:
    """One place of a build, everything resolved: what a worker process needs."""

    settings: _Settings
    place: SitePlace
    now: datetime
    items: tuple[widgets.NewsItem, ...]
    root: Path
    folder: str  # "" or "<slug>/"
    assets: str  # the way from the place's folder to the shared files

    @property
    def location(self) -> widgets.Location:
        return self.place.location

    @property
    def method(self) -> str | None:
        return self.place.method or self.settings.method

    @property
    def asr(self) -> str:
        return self.place.asr or self.settings.asr

    @property
    def offset(self) -> int:
        given = self.place.hijri_offset
        return self.settings.hijri_offset if given is None else given

    @property
    def today(self) -> date:
        return self.now.astimezone(self.location.zone).date()

    def strip_options(self) -> dict[str, Any]:
        return {
            "locale": self.settings.locale,
            "digits": self.settings.digits,
            "clock": self.settings.clock,
            "method": self.method,
            "hijri_offset": self.offset,
            "asr": self.asr,
            "hijri_month_starts": self.settings.hijri_month_starts,
            "jumuah": self.settings.jumuah,
            "coming_days": self.settings.coming_days,
        }

    def dates(self) -> list[date]:
        return [self.today + timedelta(days=number) for number in range(self.settings.days or 1)]


@dataclass(slots=True)
class _Outcome:
    """What a worker did, in values that pickle fast: paths are strings."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    expiries: list[datetime] = field(default_factory=list)
    pages: int = 0
    # for the index of a build of several places: the place's name and strip, its language
    name: str = ""
    strip: widgets.Fragment = field(default_factory=widgets.Fragment)
    lang: str = ""
    dir: str = ""


def _place(value: object) -> SitePlace:
    if isinstance(value, SitePlace):
        return value
    if isinstance(value, (str, widgets.Location)):
        return SitePlace(location=widgets.place(value))
    raise widgets.InvalidInputError(
        "places", value, "place names, widgets.Location or widgets.site.SitePlace objects"
    )


def _check_places(places: object) -> tuple[SitePlace, ...]:
    if isinstance(places, (str, widgets.Location, SitePlace)):
        places = [places]
    if not isinstance(places, Iterable):
        raise widgets.InvalidInputError("places", places, "a list of places")
    chosen = tuple(_place(value) for value in places)
    if not chosen:
        raise widgets.InvalidInputError("places", places, "at least one place")
    seen: set[str] = set()
    for entry in chosen:
        slug = place_slug(entry.location)
        if not _FOLDER.fullmatch(slug):
            raise widgets.InvalidInputError("slug", slug, "a folder name of a-z, 0-9, _ and -")
        if slug in seen:
            raise widgets.InvalidInputError("places", slug, "each place once (one folder each)")
        seen.add(slug)
    return chosen


def _check_whole(field_name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise widgets.InvalidInputError(field_name, value, f"a whole number from {low} to {high}")
    return value


def _check_folder(field_name: str, value: object) -> str | None:
    """A folder that exists, as a string path; ``None`` stays ``None``."""
    if value is None:
        return None
    if isinstance(value, (str, os.PathLike)):
        folder = os.fspath(value)
        if isinstance(folder, str) and folder.strip() and Path(folder).is_dir():
            return folder
    raise widgets.InvalidInputError(field_name, value, "an existing folder")


def _check_settings(places: Sequence[SitePlace], settings: _Settings) -> None:
    """Fail before writing anything on a bad method, madhab, offset or locale."""
    widgets.Formatter(settings.locale, "UTC", settings.digits, settings.clock)
    for entry in places:
        method = entry.method or settings.method
        if method is not None:
            widgets.get_method(method)
        asr = entry.asr or settings.asr
        if asr not in {member.value for member in widgets.Asr}:
            raise widgets.InvalidInputError("asr", asr, "'standard' or 'hanafi'")
        offset = settings.hijri_offset if entry.hijri_offset is None else entry.hijri_offset
        _check_whole("hijri_offset", offset, -widgets.MAX_HIJRI_OFFSET, widgets.MAX_HIJRI_OFFSET)


def _news(news: object) -> tuple[widgets.NewsItem, ...]:
    if news is None:
        return ()
    if isinstance(news, (str, os.PathLike, bytes)):
        news = widgets.load_news(news)
    if not isinstance(news, Iterable) or isinstance(news, Mapping):
        raise widgets.InvalidInputError(
            "news", news, "news items, a path to a JSON file or an RSS/Atom feed, or None"
        )
    # every item, checked once here; the list of each page is cut to news_limit
    return tuple(widgets.prepare_items(news, limit=None))


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def build_site(
    out: str | os.PathLike[str],
    places: Iterable[str | widgets.Location | SitePlace] | str = ("cairo",),
    *,
    now: datetime | None = None,
    days: int = 0,
    news: Iterable[widgets.NewsItem | Mapping[str, object]] | str | os.PathLike[str] | None = None,
    method: str | None = None,
    asr: str = "standard",
    locale: str = "ar_EG",
    digits: widgets.Digits = "latn",
    clock: widgets.Clock | None = None,
    hijri_offset: int = 0,
    jumuah: bool = False,
    coming_days: int = 1,
    news_limit: int = NEWS_LIMIT,
    imsakiya: bool | None = None,
    script: bool = True,
    site_name: str | None = None,
    templates: str | os.PathLike[str] | None = None,
    hijri_month_starts: widgets.MonthStarts | str | os.PathLike[str] | None = None,
    durable: bool = True,
    jobs: int = 1,
    progress: Progress | None = None,
) -> BuildResult:
    """Write the static site of ``places`` into the folder ``out`` and return what it did.

    ``places`` are place names, :class:`~widgets.Location` objects or
    :class:`SitePlace` objects (a place with its own method, madhab or
    Hijri offset). ``now`` is the instant to build for (default: the
    clock's). ``days`` adds a page and a strip for each of the next
    ``days`` days (0 to :data:`MAX_DAYS`). ``news`` is a list of items, a
    path to a JSON file or an RSS/Atom feed, or ``None`` for no news list;
    each page shows ``news_limit`` of them. ``imsakiya`` builds the Ramadan
    table always (``True``), never (``False``) or when the month has days
    of Ramadan (``None``). ``script`` copies ``widgets.js`` and loads it.
    ``site_name`` is printed in the demo pages' header. ``templates`` is an
    existing folder searched before ours for the demo pages (``site/article.html``,
    ``site/page.css``...). ``hijri_month_starts`` is a newer file of
    announced Hijri month starts (a path, or
    :func:`~widgets.load_month_starts`'s result) layered over the shipped
    ones. ``durable`` makes each file reach the disk before
    it replaces the old one (see :class:`~widgets.site.files.FileWriter`).
    ``jumuah`` names Dhuhr «الجمعة» on Fridays in the strips and tables.
    ``coming_days`` (0 to 31) is how many days after the build each strip
    carries for ``widgets.js``: a build run once a month with 31 shows the
    right day, mark and countdown every day of that month in a browser.

    ``jobs`` builds that many places at once, in separate processes; the
    files are the same bytes. ``progress(done, total)`` is called as pages
    are written. Only one build writes to a folder at a time: another one
    gets :class:`~widgets.site.files.BuildLockedError`.

    The other options are those of :func:`~widgets.render_prayer_strip`.
    Raises :class:`~widgets.InvalidInputError` before writing anything when
    an option is wrong.
    """
    chosen = _check_places(places)
    settings = _Settings(
        method=method,
        asr=asr,
        locale=locale,
        digits=digits,
        clock=clock,
        hijri_offset=hijri_offset,
        days=_check_whole("days", days, 0, MAX_DAYS),
        jumuah=bool(jumuah),
        coming_days=_check_whole("coming_days", coming_days, 0, 31),
        news_limit=_check_whole("news_limit", news_limit, 1, 1000),
        imsakiya=imsakiya,
        script=bool(script),
        site_name=site_name,
        templates=_check_folder("templates", templates),
        durable=bool(durable),
        hijri_month_starts=(
            widgets.load_month_starts(hijri_month_starts)
            if isinstance(hijri_month_starts, (str, os.PathLike))
            else hijri_month_starts
        ),
    )
    _check_settings(chosen, settings)
    workers = _check_whole("jobs", jobs, 1, MAX_JOBS)
    if now is None:
        now = _utc_now()
    elif not isinstance(now, datetime) or now.utcoffset() is None:
        raise widgets.InvalidInputError("now", now, "a timezone-aware datetime or None")
    items = _news(news)
    root = Path(out)
    multi = len(chosen) > 1
    job_list = [
        _Job(
            settings=settings,
            place=entry,
            now=now,
            items=items,
            root=root,
            folder=f"{place_slug(entry.location)}/" if multi else "",
            assets="../" if multi else "",
        )
        for entry in chosen
    ]
    total = len(job_list) * (1 + settings.days)
    with locked_folder(root):
        writer = FileWriter(root, durable=settings.durable)
        shared = widgets.templates_path() / "widgets"
        writer.write("widgets.css", (shared / "widgets.css").read_bytes())
        if settings.script:
            writer.write("widgets.js", (shared / "widgets.js").read_bytes())
        writer.write("page.css", page_css(settings.templates))
        outcomes = _run(job_list, workers, total, progress)
        if multi:
            _write_index(job_list, outcomes, writer)
    written = [*writer.written, *(name for o in outcomes for name in o.written)]
    unchanged = [*writer.unchanged, *(name for o in outcomes for name in o.unchanged)]
    expiries = [moment for o in outcomes for moment in o.expiries]
    expires_at = min(expiries) if expiries else None
    if expires_at is not None and not multi:
        expires_at = expires_at.astimezone(chosen[0].location.zone)
    return BuildResult(
        out=root,
        written=tuple(map(Path, written)),
        unchanged=tuple(map(Path, unchanged)),
        expires_at=expires_at,
    )


def _run(jobs: list[_Job], workers: int, total: int, progress: Progress | None) -> list[_Outcome]:
    done = 0

    def step(pages: int) -> None:
        nonlocal done
        done += pages
        if progress is not None:
            progress(done, total)

    if workers == 1 or len(jobs) == 1:
        return [_build_place(job, step) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor  # here: multiprocessing is slow to import

    outcomes: list[_Outcome] = []
    # Places go to the workers a few at a time: fewer round trips, and the last ones still
    # spread over every worker (some 16 batches each).
    batch = max(1, len(jobs) // (workers * 16))
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        for outcome in pool.map(_build_place, jobs, chunksize=batch):
            outcomes.append(outcome)
            step(outcome.pages)
    return outcomes


def _day_start(day: date, zone: Any) -> datetime:
    """The first instant of a local day (the end of the gap when a DST change skips midnight)."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(timezone.utc).astimezone(zone)


def _ramadan_month(job: _Job) -> date | None:
    """A day of the month whose imsakiya is built, or ``None``."""
    wanted = job.settings.imsakiya
    if wanted is False:
        return None
    today = job.today
    month_end = today.replace(day=28) + timedelta(days=4)
    last = month_end - timedelta(days=month_end.day)
    calendar_of: dict[str, Any] = {
        "country": job.location.country or None,
        "month_starts": job.settings.hijri_month_starts,
    }
    if widgets.ramadan_between(today.replace(day=1), last, job.offset, **calendar_of):
        return today
    if not wanted:
        return None
    coming = widgets.ramadan_between(today, today + timedelta(days=400), job.offset, **calendar_of)
    if not coming:
        raise widgets.HijriRangeError(
            "date", today.isoformat(), "a date before the last Hijri table year"
        )
    return max(coming[0], today)


def _links(text: Words, up: str, ramadan: bool) -> list[Link]:
    links = [Link(f"{up}month.html", text.month)]
    if ramadan:
        links.append(Link(f"{up}ramadan.html", text.ramadan))
    links.append(Link(f"{up}prayer-times.json", text.json))
    return links


def _day_link(text: Words, up: str, day: date) -> Link:
    return Link(f"{up}days/{day.isoformat()}.html", text.days.format(date=day.isoformat()))


def _build_place(job: _Job, step: Callable[[int], None] | None = None) -> _Outcome:
    """Write the fragments, pages and JSON of one place under ``job.folder``."""
    settings = job.settings
    writer = FileWriter(job.root, durable=settings.durable)
    outcome = _Outcome()
    folder, assets = job.folder, job.assets
    method = (
        widgets.method_for_country(job.location.country)
        if job.method is None
        else widgets.get_method(job.method)
    )
    options = job.strip_options()
    view = widgets.strip_view(job.location, now=job.now, **options)
    text = texts(view.lang, settings.site_name)
    city_name = view.city
    method_name = method.name_ar if view.lang.startswith("ar") and method.name_ar else method.name
    text = text._replace(
        body=tuple(part.format(city=city_name, method=method_name) for part in text.body)
    )
    city = PlaceFacts(method_name=method_name, method_source=method.source)
    source, version = widgets.tz_database()
    built_text = _built_text(settings, job.location, job.now)

    def page(prefix: str, title: str, date_iso: str = "", day_text: str = "") -> PageFrame:
        return PageFrame(
            lang=view.lang,
            dir=view.dir,
            title=title,
            assets=f"{prefix}{assets}",
            home=f"{prefix}{assets}index.html",
            script=settings.script,
            generator=f"{GENERATOR} {widgets.__version__}",
            built=job.now.isoformat(),
            built_text=built_text,
            tz_database=f"{source} {version}",
            date_iso=date_iso,
            date=day_text,
        )

    def render(name: str, **context: object) -> str:
        return render_page(settings.templates, name, **context)

    strip = widgets.render_prayer_strip(job.location, now=job.now, **options)
    news = widgets.render_related_news(
        job.items,
        now=job.now,
        locale=settings.locale,
        digits=settings.digits,
        clock=settings.clock,
        limit=settings.news_limit,
        timezone=job.location.timezone,
    )
    table_options = {**options, "now": job.now}
    del table_options["coming_days"]  # the strip's alone
    month = widgets.render_timetable(job.location, month=job.today, **table_options)
    ramadan_month = _ramadan_month(job)
    imsakiya = (
        widgets.render_timetable(job.location, month=ramadan_month, imsakiya=True, **table_options)
        if ramadan_month
        else None
    )
    fragments = [strip, news, month, *([imsakiya] if imsakiya is not None else [])]
    writer.write(f"{folder}prayer-strip.html", strip)
    writer.write(f"{folder}related-news.html", news)
    writer.write(f"{folder}timetable.html", month)
    if imsakiya is not None:
        writer.write(f"{folder}imsakiya.html", imsakiya)

    links = _links(text, "", imsakiya is not None)
    if settings.days:
        links += [_day_link(text, "", day) for day in job.dates()]
    shared = {"text": text, "city": city, "links": links}
    title = f"{text.headline} · {city_name}"
    index = page("", title, view.gregorian_iso, view.gregorian)
    writer.write(
        f"{folder}index.html", render("article.html", page=index, strip=strip, news=news, **shared)
    )
    month_page = page("", f"{text.month} · {city_name}")
    writer.write(
        f"{folder}month.html",
        render(
            "table.html", page=month_page, strip=strip, heading=text.month, table=month, **shared
        ),
    )
    if imsakiya is not None:
        ramadan_page = page("", f"{text.ramadan} · {city_name}")
        writer.write(
            f"{folder}ramadan.html",
            render(
                "table.html",
                page=ramadan_page,
                strip=strip,
                heading=text.ramadan,
                table=imsakiya,
                **shared,
            ),
        )
    outcome.pages += 1
    if step is not None:
        step(1)

    if settings.days:
        dates = job.dates()
        base_links = _links(text, "../", imsakiya is not None)
        # the date line of each day page, as the strip prints it
        dates_in_words = widgets.Formatter(
            settings.locale, job.location.timezone, settings.digits, settings.clock
        )
        for number, day in enumerate(dates):
            moment = job.now if number == 0 else _day_start(day, job.location.zone)
            day_strip = widgets.render_prayer_strip(job.location, now=moment, **options)
            writer.write(f"{folder}days/{day.isoformat()}.prayer-strip.html", day_strip)
            neighbours = [
                _day_link(text, "", other)
                for other in (
                    dates[number - 1] if number else None,
                    dates[number + 1] if number + 1 < len(dates) else None,
                )
                if other is not None
            ]
            day_page = page(
                "../",
                f"{text.days.format(date=day.isoformat())} · {city_name}",
                day.isoformat(),
                dates_in_words.gregorian_date(day),
            )
            writer.write(
                f"{folder}days/{day.isoformat()}.html",
                render(
                    "article.html",
                    page=day_page,
                    strip=day_strip,
                    news=news,
                    text=text,
                    city=city,
                    links=[*base_links, *neighbours],
                ),
            )
            outcome.pages += 1
            if step is not None:
                step(1)

    document = times_json(
        job.location,
        job.dates(),
        method=job.method,
        asr=job.asr,
        hijri_offset=job.offset,
        now=job.now,
        hijri_month_starts=settings.hijri_month_starts,
    )
    writer.write(f"{folder}prayer-times.json", dumps(document))
    outcome.written += writer.written
    outcome.unchanged += writer.unchanged
    # in UTC: a worker process hands them back pickled, and zones read from tzdata don't pickle
    outcome.expiries += [f.expires_at.astimezone(timezone.utc) for f in fragments if f.expires_at]
    outcome.name, outcome.strip = city_name, widgets.Fragment(strip)  # its expiry is in expiries
    outcome.lang, outcome.dir = view.lang, view.dir
    return outcome


def _built_text(settings: _Settings, location: widgets.Location, now: datetime) -> str:
    """When the build ran, for the demo footer: «1 مارس 2026 2:00 م» in the place's zone."""
    formatter = widgets.Formatter(
        settings.locale, location.timezone, settings.digits, settings.clock
    )
    return formatter.news_stamp(now)


def _write_index(jobs: Sequence[_Job], outcomes: Sequence[_Outcome], writer: FileWriter) -> None:
    """The index of a build with several places: each place's name and strip."""
    first, built = jobs[0], outcomes[0]
    text = texts(built.lang, first.settings.site_name)
    source, version = widgets.tz_database()
    entries = [
        CityEntry(href=f"{job.folder}index.html", name=outcome.name, strip=outcome.strip)
        for job, outcome in zip(jobs, outcomes, strict=True)
    ]
    page = PageFrame(
        lang=built.lang,
        dir=built.dir,
        title=f"{text.site_name} · {text.cities}",
        assets="",
        home="index.html",
        script=first.settings.script,
        generator=f"{GENERATOR} {widgets.__version__}",
        built=first.now.isoformat(),
        built_text=_built_text(first.settings, first.location, first.now),
        tz_database=f"{source} {version}",
    )
    writer.write(
        "index.html",
        render_page(
            first.settings.templates, "cities.html", page=page, text=text, strip="", cities=entries
        ),
    )
