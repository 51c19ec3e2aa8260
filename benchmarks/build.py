"""Build speed: the real ``build`` (``widgets.build_site``, files written) against raw praytimes.

    python benchmarks/build.py [--quick] [--disk FOLDER]

- P3 build: the 27 Egyptian governorate capitals, ``days=30``, written into a
  RAM-backed folder (``/dev/shm`` when there is one), against praytimes'
  ``getTimes`` for the same 810 place-days, alternated in one run. Each build
  is a fresh folder, so every file is written. Goal: <= 4x.
- days: the cost per place-day of ``days=365`` against ``days=30`` (the same
  27 places). Goal: <= 1.25x.
- jobs: ``jobs=2`` against ``jobs=1`` for every place of the table (141) x 30
  days; the two folders must hold the same bytes (checked, else the run
  fails). Goal: ``jobs=2`` takes <= 1/1.6 of the time.
- floor: what the build cannot skip, as a multiple of the same peer:
  widgets' own engine (``timetable``, cold) for every place-day the build computes (its month
  tables and imsakiyas reach outside the 30 days: some 1,300 place-days, not
  810), plus the build's own files written again, the same bytes, with bare
  ``os`` calls (temporary file, write, rename). A second row adds every
  template render of the build replayed with the contexts it was given (the
  views already built: no computing, formatting or JSON). For information:
  the build's ratio less these is what building views and pages costs.
- disk: the P3 build on a real disk (``--disk``, default: a temporary folder
  under the working directory), ``durable=True`` (fsync before each rename)
  against ``durable=False``. For information.

Builds run through ``widgets.build_site``, the function the ``build`` command
calls with its parsed flags. Each sample is a whole build; caches are cleared
before it except the per-process set-up (``SETUP_CACHES``), as a build process
pays that once.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))  # common.py
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's widgets

from common import (
    SETUP_CACHES,
    Case,
    Row,
    alternate,
    cache_clearer,
    format_table,
    machine,
    medians,
    spread,
)

import widgets

GOALS = {"build": 4.0, "days": 1.25, "jobs": 1 / 1.6}
DAYS = 30
LONG_DAYS = 365
#: The instant the builds are made for: the first day of Ramadan 1447 in Cairo, 10:00.
NOW = datetime(2026, 2, 19, 10, tzinfo=ZoneInfo("Africa/Cairo"))


def capitals() -> list[widgets.Location]:
    """The 27 Egyptian governorate capitals of the place table (``seat`` marks them)."""
    import json
    from importlib import resources

    with (resources.files("widgets") / "data" / "places.json").open(encoding="utf-8") as handle:
        rows = json.load(handle)
    return [
        widgets.place(row["slug"]) for row in rows if row.get("country") == "EG" and row.get("seat")
    ]


def ram_folder() -> Path:
    """A folder in RAM (``/dev/shm``) when the machine has one, else the temporary folder."""
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())


@contextlib.contextmanager
def scratch(parent: Path) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="widgets-bench-build-", dir=parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Builder:
    """One whole build into a new folder under ``parent`` per call; ``tidy()`` removes it.

    ``tidy`` runs in the untimed set-up of the next sample (and at the end of
    the run), so that removing some 1,800 files is not counted as building.
    """

    def __init__(self, parent: Path, places: list[widgets.Location], days: int, **options: object):
        self.parent, self.places, self.days, self.options = parent, places, days, options
        self.counter = iter(range(10**9))
        self.last: Path | None = None

    def __call__(self) -> object:
        self.tidy()  # already done by setup() when timed
        self.last = self.parent / f"site-{next(self.counter)}"
        return widgets.build_site(self.last, self.places, now=NOW, days=self.days, **self.options)  # type: ignore[arg-type]

    def setup(self, clear: Callable[[], None]) -> Callable[[], None]:
        """The untimed set-up of a sample: the last build removed, the caches cleared."""

        def prepare() -> None:
            self.tidy()
            clear()

        return prepare

    def tidy(self) -> None:
        if self.last is not None:
            shutil.rmtree(self.last, ignore_errors=True)
            self.last = None


def builder(parent: Path, places: list[widgets.Location], days: int, **options: object) -> Builder:
    """A :class:`Builder` of ``places`` x ``days`` with ``options``."""
    return Builder(parent, places, days, **options)


def raw_engine(places: list[widgets.Location], days: int) -> Callable[[], object]:
    """praytimes' ``getTimes`` for every place-day of the build (its engine cost)."""
    from praytimes import PrayTimes

    engine = PrayTimes()
    calls = []
    for location in places:
        for number in range(days):
            moment = (NOW + timedelta(days=number)).astimezone(location.zone)
            offset = moment.utcoffset()
            assert offset is not None
            day = moment.date()
            calls.append(
                (
                    (day.year, day.month, day.day),
                    (location.latitude, location.longitude),
                    offset.total_seconds() / 3600,
                )
            )

    def run() -> object:
        get = engine.getTimes
        return [get(ymd, where, tz) for ymd, where, tz in calls]

    return run


def computed_days(places: list[widgets.Location], days: int) -> int:
    """How many place-days a cold build of ``places`` x ``days`` computes (its day cache's size)."""
    from widgets import prayer

    prayer._cached_day.cache_clear()
    with scratch(ram_folder()) as folder:
        widgets.build_site(folder / "count", places, now=NOW, days=days, durable=False)
    return prayer._cached_day.cache_info().currsize


def computed_spans(places: list[widgets.Location], per_place: int) -> Callable[[], object]:
    """widgets' own engine for ``per_place`` days a place from the first of NOW's month."""
    first = NOW.date().replace(day=1)
    last = first + timedelta(days=per_place - 1)

    def run() -> object:
        return [widgets.timetable(location, first, last) for location in places]

    return run


def recorded_renders(build: Callable[[], object]) -> list[tuple[Any, dict[str, Any]]]:
    """Every template render of one run of ``build``: the template and its context."""
    import jinja2

    renders: list[tuple[Any, dict[str, Any]]] = []
    original = jinja2.Template.render

    def recording(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        renders.append((self, dict(*args, **kwargs)))
        return original(self, *args, **kwargs)

    jinja2.Template.render = recording  # type: ignore[method-assign]
    try:
        build()
    finally:
        jinja2.Template.render = original  # type: ignore[method-assign]
    return renders


def replay(renders: list[tuple[Any, dict[str, Any]]]) -> Callable[[], object]:
    """The recorded renders again, contexts as given: the templates' own cost."""

    def run() -> object:
        return [template.render(context) for template, context in renders]

    return run


class RawWriter:
    """The files of a finished build written again into a new folder with bare ``os`` calls."""

    def __init__(self, source: Path, parent: Path) -> None:
        self.files = [
            (path.relative_to(source).as_posix(), path.read_bytes())
            for path in sorted(source.rglob("*"))
            if path.is_file()
        ]
        self.parent = parent
        self.counter = iter(range(10**9))
        self.last: Path | None = None

    def __call__(self) -> object:
        self.tidy()
        self.last = self.parent / f"raw-{next(self.counter)}"
        made: set[str] = set()
        for relative, payload in self.files:
            name = os.path.join(self.last, relative)
            folder = os.path.dirname(name)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            temporary = f"{name}.tmp"
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            os.write(handle, payload)
            os.close(handle)
            os.replace(temporary, name)
        return len(self.files)

    def tidy(self) -> None:
        if self.last is not None:
            shutil.rmtree(self.last, ignore_errors=True)
            self.last = None


def same_trees(left: Path, right: Path) -> bool:
    """Whether two folders hold the same files with the same bytes."""
    compared = filecmp.dircmp(left, right)
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_trees(left / name, right / name) for name in compared.common_dirs)


def build_rows(rounds: int, disk: Path | None = None) -> list[Row]:
    places = capitals()
    everywhere = list(widgets.all_places())
    count = len(places) * DAYS
    clear = cache_clearer("widgets", keep=SETUP_CACHES)
    ram = ram_folder()
    rows: list[Row] = []
    with scratch(ram) as folder:
        ours = builder(folder, places, DAYS, durable=False)
        ours()  # the per-process set-up, once
        samples = alternate(
            [
                Case(name="ours", run=ours, setup=ours.setup(clear), per=count),
                Case(name="praytimes", run=raw_engine(places, DAYS), per=count),
            ],
            rounds,
        )
        middle = medians(samples)
        rows.append(
            Row(
                name=f"P3 build {len(places)} places x {DAYS} days",
                ours=middle["ours"],
                peer=middle["praytimes"],
                unit="s/day",
                goal=GOALS["build"],
                noise=spread(samples["ours"]),
                note=f"widgets.build_site into {ram}, files written; peer: praytimes getTimes",
            )
        )

        ours()  # a finished build, for its files
        assert ours.last is not None
        raw = RawWriter(ours.last, folder)
        shown = computed_days(places, DAYS)
        engine = computed_spans(places, shown // len(places))
        ours.tidy()
        clear()  # every strip rendered, none from the cache
        renders = recorded_renders(ours)
        floor = alternate(
            [
                Case(name="engine", run=engine, setup=clear, per=count),
                Case(name="writes", run=raw, setup=raw.tidy, per=count),
                Case(name="templates", run=replay(renders), per=count),
                Case(name="praytimes", run=raw_engine(places, DAYS), per=count),
            ],
            rounds,
        )
        raw.tidy()
        middle = medians(floor)
        rows.append(
            Row(
                name="P3 floor: engine + bare writes",
                ours=middle["engine"] + middle["writes"],
                peer=middle["praytimes"],
                unit="s/day",
                goal=None,
                noise=spread(floor["writes"]),
                note=f"our engine for the {shown} place-days the build computes + its "
                f"{len(raw.files)} files by os calls; no rendering",
            )
        )
        rows.append(
            Row(
                name="P3 floor + the build's template renders",
                ours=middle["engine"] + middle["writes"] + middle["templates"],
                peer=middle["praytimes"],
                unit="s/day",
                goal=None,
                noise=spread(floor["templates"]),
                note=f"the {len(renders)} renders replayed with their contexts "
                "(views built already)",
            )
        )

        long = builder(folder, places, LONG_DAYS, durable=False)
        days = alternate(
            [
                Case(name="365", run=long, setup=long.setup(clear), per=len(places) * LONG_DAYS),
                Case(name="30", run=ours, setup=ours.setup(clear), per=count),
            ],
            max(rounds // 3, 2),
        )
        long.tidy()
        middle = medians(days)
        rows.append(
            Row(
                name=f"P3 per place-day: {LONG_DAYS} vs {DAYS} days",
                ours=middle["365"],
                peer=middle["30"],
                unit="s/day",
                goal=GOALS["days"],
                noise=spread(days["365"]),
                note=f"{len(places)} places",
            )
        )

        jobs: dict[int, Builder] = {
            n: builder(folder, everywhere, DAYS, durable=False, jobs=n) for n in (1, 2)
        }
        timing = alternate(
            [
                Case(name="jobs 2", run=jobs[2], setup=jobs[2].setup(clear)),
                Case(name="jobs 1", run=jobs[1], setup=jobs[1].setup(clear)),
            ],
            max(rounds // 3, 2),
        )
        for build in jobs.values():
            build.tidy()
        middle = medians(timing)
        one, two = folder / "jobs-1", folder / "jobs-2"
        for n, out in ((1, one), (2, two)):
            widgets.build_site(out, everywhere, now=NOW, days=DAYS, durable=False, jobs=n)
        identical = same_trees(one, two)
        if not identical:
            raise SystemExit(f"jobs=2 wrote other bytes than jobs=1: compare {one} and {two}")
        rows.append(
            Row(
                name=f"P3 jobs=2 vs jobs=1, {len(everywhere)} places x {DAYS} days",
                ours=middle["jobs 2"],
                peer=middle["jobs 1"],
                unit="s",
                goal=GOALS["jobs"],
                noise=spread(timing["jobs 2"]),
                note=f"goal: >= 1.6x faster; byte-identical output: {'yes' if identical else 'NO'}; "
                f"{os.cpu_count()} CPUs",
            )
        )

    disk_parent = disk if disk is not None else Path.cwd()
    with scratch(disk_parent) as folder:
        durable = builder(folder, places, DAYS, durable=True)
        fast = builder(folder, places, DAYS, durable=False)
        durable()
        writes = alternate(
            [
                Case(name="durable", run=durable, setup=durable.setup(clear), per=count),
                Case(name="not durable", run=fast, setup=fast.setup(clear), per=count),
            ],
            max(rounds // 3, 2),
        )
        middle = medians(writes)
        rows.append(
            Row(
                name="P3 on disk: durable=True vs False",
                ours=middle["durable"],
                peer=middle["not durable"],
                unit="s/day",
                goal=None,
                noise=spread(writes["durable"]),
                note=f"fsync of each file before its rename; {folder.parent}",
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples (a rough look)")
    parser.add_argument("--disk", type=Path, help="a folder on a real disk (default: here)")
    args = parser.parse_args(argv)
    rows = build_rows(3 if args.quick else 9, args.disk)
    print(f"prayer-news-widgets {widgets.__version__}: static build")
    print(machine())
    print("medians of alternating runs; ratio = ours / peer; +-N% = half the interquartile range\n")
    print(format_table(rows))
    return 1 if any(row.ok == "NO" for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
