"""All the benchmarks in one run: compute, render, static build, import, memory.

    python benchmarks/run.py [--quick]

Every comparison alternates its contenders (A, B, A, B, ...) so that drift of
the machine hits both alike, and reports medians and the ratio ours / peer:

- P1 compute: a city-year (Cairo, 2025, Egyptian method) through
  ``widgets.timetable()`` with every widgets cache cleared before each run,
  against raw praytimes' own loop, adhanpy, salat and islamic_times
  (see ``compute.py``). Goals: <= 1.2x praytimes, <= 0.8x adhanpy.
- P2 render (measured by ``render.py``): ``render_prayer_strip`` warm (the
  same inputs again) against a bare Jinja2 render of the same template with
  the same pre-built view; cold (a new day every call, every cache whose
  content depends on the day cleared before it) against that bare render
  plus a raw praytimes day. Goals: warm <= 1.5x, cold <= 2.5x.
- P3 static build: the 27 Egyptian governorate seats x the 30 days of
  Ramadan 1447 (a strip per day and the imsakiya per city), every cache of
  computed days, strings and fragments cleared and the per-process set-up
  kept (as in P2 cold), against raw praytimes' ``getTimes`` for the same 810
  place-days. Goal: <= 2x. The same build from a fresh state (set-up
  included) is reported beside it.
- P4 import: a fresh ``python -c "import widgets"`` against a fresh process
  importing every module that ``import widgets`` loads, widgets' own
  excepted (its dependencies alone). Goal: <= 1.3x.
- Memory: the peak RSS of a fresh process doing the P3 build, against the
  same process running the raw praytimes loop of P3 instead; and every
  ``lru_cache`` of the package with its bound: an unbounded one is a failure.
"""

from __future__ import annotations

import argparse
import atexit
import calendar
import contextlib
import dataclasses
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if __package__ in (None, ""):  # run as a script: make the checkout and this folder importable
    sys.path[:0] = [str(ROOT), str(HERE)]

import compute  # noqa: E402
from common import (  # noqa: E402
    SETUP_CACHES,
    Case,
    Row,
    alternate,
    cache_clearer,
    format_table,
    iter_caches,
    machine,
    medians,
    mutable_globals,
    spread,
)

import widgets  # noqa: E402

#: The strip is rendered at this local hour: Dhuhr is next.
STRIP_HOUR = 10
#: P3: a month holding the whole of Ramadan 1447 (18 February to 19 March 2026).
BUILD_MONTH = date(2026, 3, 1)
PARTS = ("p1", "p2", "site", "p3", "p4", "p5", "memory")
GOALS = {"import": 1.3, "cold start": 1.3}


def _render_module() -> Any:
    try:
        from widgets import render
    except ImportError:
        return None
    return render if hasattr(render, "render_prayer_strip") else None


# --- P2 render ----------------------------------------------------------------------------------


def render_rows(rounds: int) -> list[Row]:
    """P2: the strip warm and cold, as ``benchmarks/render.py`` measures it."""
    import render as render_benchmark  # benchmarks/render.py

    return [
        dataclasses.replace(row, name=f"P2 {row.name}")
        for row in render_benchmark.strip_rows(rounds)
    ]


# --- P3 static build ----------------------------------------------------------------------------


def _local(day: date, hour: int, zone: tzinfo) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=zone)


def governorate_seats() -> list[widgets.Location]:
    """The 27 Egyptian governorate seats, as marked in the package's place table."""
    from importlib import resources

    with (resources.files("widgets") / "data" / "places.json").open(encoding="utf-8") as handle:
        rows = json.load(handle)
    slugs = [row["slug"] for row in rows if row.get("country") == "EG" and row.get("seat")]
    return [widgets.place(slug) for slug in slugs]


def build_days(render: Any) -> list[date]:
    """The days of the imsakiya of ``BUILD_MONTH`` (Ramadan), else the whole month."""
    last = calendar.monthrange(BUILD_MONTH.year, BUILD_MONTH.month)[1]
    finder = getattr(render, "_ramadan_days", None)
    if finder is not None:
        days: list[date] = finder(BUILD_MONTH, BUILD_MONTH.replace(day=last), 0, None)
        if days:
            return days
    return [BUILD_MONTH + timedelta(days=n) for n in range(last)]


def build(render: Any, places: list[widgets.Location], days: list[date]) -> int:
    """The static build: for each place, a strip per day and the imsakiya; returns bytes."""
    size = 0
    strip, table = render.render_prayer_strip, render.render_timetable
    for location in places:
        zone = location.zone
        size += len(table(location, month=BUILD_MONTH, imsakiya=True))
        for day in days:
            size += len(strip(location, now=_local(day, STRIP_HOUR, zone)))
    return size


def raw_engine(places: list[widgets.Location], days: list[date]) -> Callable[[], object]:
    """praytimes' ``getTimes`` for every place and day (the engine cost of the build)."""
    from praytimes import PrayTimes

    engine = PrayTimes()
    calls = []
    for location in places:
        zone = location.zone
        for day in days:
            offset = _local(day, 12, zone).utcoffset()
            assert offset is not None
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


def build_rows(render: Any, rounds: int) -> list[Row]:
    """P3: the static build against the raw engine for the same days.

    Before each run every cache whose content depends on the build's input
    (days, strings, fragments) is cleared, and the per-process set-up (compiled
    templates, Babel locale data, zones: ``SETUP_CACHES``) is kept, as in P2
    cold: a build pays it once, whatever its size, and praytimes' own set-up is
    not timed either. Two more contenders show what is left out and what is
    in: the same build from a fresh state (every cache cleared: the first build
    of a process), and with every day computed beforehand (formatting and
    templates alone).
    """
    places = governorate_seats()
    days = build_days(render)
    count = len(places) * len(days)
    clear_inputs = cache_clearer("widgets", keep=SETUP_CACHES)
    clear_all = cache_clearer("widgets")
    run_build = functools.partial(build, render, places, days)

    def computed_days() -> None:
        clear_inputs()
        for location in places:
            for day in days:
                with contextlib.suppress(widgets.WidgetsError):
                    widgets.prayer_times(location, day)

    run_build()  # the set-up, once, as a build process does before its first page
    samples = alternate(
        [
            Case(name="ours", run=run_build, setup=clear_inputs, per=count),
            Case(name="praytimes", run=raw_engine(places, days), per=count),
            Case(name="fresh", run=run_build, setup=clear_all, per=count),
            Case(name="days computed", run=run_build, setup=computed_days, per=count),
        ],
        rounds,
    )
    middle = medians(samples)
    set_up_ms = (middle["fresh"] - middle["ours"]) * count * 1000

    def row(name: str, key: str, goal: float | None, note: str) -> Row:
        return Row(
            name=name,
            ours=middle[key],
            peer=middle["praytimes"],
            unit="s/day",
            goal=goal,
            noise=spread(samples[key]),
            note=note,
        )

    return [
        row(
            f"P3 in memory {len(places)} places x {len(days)} days",
            "ours",
            None,  # P3's goal is the real build's (benchmarks/build.py); this is its rendering alone
            f"{count} place-days: a strip per day, an imsakiya per place, no file",
        ),
        row(
            "P3 from a fresh state",
            "fresh",
            None,
            f"set-up included: {set_up_ms:.1f} ms once per process",
        ),
        row(
            "P3 of which formatting + templates",
            "days computed",
            None,
            "the same build with every day computed beforehand",
        ),
    ]


# --- P4 import ----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _pycache() -> str:
    """A temporary bytecode folder for the child processes, removed at exit."""
    folder = tempfile.mkdtemp(prefix="widgets-bench-pyc-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _child_env() -> dict[str, str]:
    """The environment of child processes: this checkout first, bytecode cached.

    The bytecode goes to a temporary folder (``PYTHONPYCACHEPREFIX``), for every
    module alike, so that a machine with ``PYTHONDONTWRITEBYTECODE`` set does not
    compile widgets on every start while its dependencies come precompiled from
    pip; the checkout is left untouched.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = _pycache()
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def imported_dependencies() -> list[str]:
    """Every module a fresh ``import widgets`` loads that is not part of widgets."""
    probe = (
        "import sys; before = set(sys.modules); import widgets; "
        "print('\\n'.join(sorted(set(sys.modules) - before)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=_child_env(), capture_output=True, text=True, check=True
    ).stdout.split()
    return [name for name in out if name != "widgets" and not name.startswith("widgets.")]


def import_rows(rounds: int) -> list[Row]:
    """P4: fresh processes importing widgets, and importing its dependencies alone."""
    modules = imported_dependencies()
    timed = "import time; s = time.perf_counter(); {}; print(time.perf_counter() - s)"
    imports = f"import importlib\nfor n in {modules!r}: importlib.import_module(n)"
    codes = {"ours": timed.format("import widgets"), "deps": timed.format(f"exec({imports!r})")}
    env = _child_env()
    inside: dict[str, list[float]] = {"ours": [], "deps": []}

    def spawn(key: str) -> Callable[[], object]:
        command = [sys.executable, "-c", codes[key]]

        def run() -> object:
            result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            inside[key].append(float(result.stdout))
            return result

        return run

    samples = alternate(
        [Case(name="ours", run=spawn("ours")), Case(name="deps", run=spawn("deps"))],
        rounds,
        warmup=2,
        quiet_gc=False,
    )
    middle = medians(samples)
    stdlib: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())
    third_party = sorted({n.split(".")[0] for n in modules if n.split(".")[0] not in stdlib})
    third_party = [n for n in third_party if not n.startswith("_")]
    return [
        Row(
            name="P4 import widgets (whole process)",
            ours=middle["ours"],
            peer=middle["deps"],
            unit="s",
            goal=GOALS["import"],
            noise=spread(samples["ours"]),
            note=f"deps alone: the {len(modules)} other modules it loads",
        ),
        Row(
            name="P4 of which the imports",
            ours=statistics.median(inside["ours"][2:]),
            peer=statistics.median(inside["deps"][2:]),
            unit="s",
            goal=None,
            note="third-party: " + ", ".join(third_party),
        ),
    ]


#: P4 cold start: what a fresh process of a site or a command does first.
COLD_START = (
    "import widgets; from datetime import datetime, timezone; "
    "widgets.render_prayer_strip('cairo', now=datetime(2025, 4, 30, 8, tzinfo=timezone.utc))"
)
#: ... and the same process importing the libraries the strip needs, alone.
DEPENDENCIES = "import jinja2, babel.dates, hijridate, praytimes"
#: ... and, beside it, the same with one Arabic date formatted by Babel: its locale data loaded.
WITH_LOCALE_DATA = (
    DEPENDENCIES + "; import datetime; babel.dates.format_date("
    "datetime.date(2025, 4, 30), 'EEEE d MMMM y', locale='ar_EG')"
)


def cold_start_rows(rounds: int) -> list[Row]:
    """P4 cold start: a fresh process importing widgets and rendering the first strip."""
    env = _child_env()
    # the first run after an install: bytecode as pip compiled it, no compiled templates kept
    # (an empty temporary folder, where Jinja2 keeps them, and nothing written)
    empty = tempfile.mkdtemp(prefix="widgets-bench-tmp-")
    atexit.register(shutil.rmtree, empty, ignore_errors=True)
    first_run = {**env, "TMPDIR": empty, "PYTHONDONTWRITEBYTECODE": "1"}

    def spawn(code: str, environment: dict[str, str] = env) -> Callable[[], object]:
        command = [sys.executable, "-c", code]
        return lambda: subprocess.run(command, env=environment, capture_output=True, check=True)

    samples = alternate(
        [
            Case(name="ours", run=spawn(COLD_START)),
            Case(name="deps", run=spawn(DEPENDENCIES)),
            Case(name="deps + locale", run=spawn(WITH_LOCALE_DATA)),
            Case(name="first run", run=spawn(COLD_START, first_run)),
        ],
        rounds,
        warmup=2,
        quiet_gc=False,
    )
    middle = medians(samples)
    return [
        Row(
            name="P4 cold start: import + first strip",
            ours=middle["ours"],
            peer=middle["deps"],
            unit="s",
            goal=GOALS["cold start"],
            noise=spread(samples["ours"]),
            note="whole processes; peer: " + DEPENDENCIES,
        ),
        Row(
            name="P4 cold start vs deps + Babel's ar_EG",
            ours=middle["ours"],
            peer=middle["deps + locale"],
            unit="s",
            goal=None,
            noise=spread(samples["ours"]),
            note="peer: the same imports and one Arabic date by babel.dates (its locale data)",
        ),
        Row(
            name="P4 cold start, first run after install",
            ours=middle["first run"],
            peer=middle["deps"],
            unit="s",
            goal=None,
            noise=spread(samples["first run"]),
            note="no compiled templates kept yet (they are kept in the temporary folder)",
        ),
    ]


# --- memory -------------------------------------------------------------------------------------


def _peak_rss_mib() -> float:
    """This process's peak resident memory, in MiB.

    Linux's ``VmHWM`` first: ``ru_maxrss`` of a child can report the parent's
    size at fork time, as the kernel carries it across ``exec``.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def child(kind: str) -> int:
    """Run one side of the memory comparison in this (fresh) process; print JSON."""
    render = _render_module()
    places = governorate_seats()
    days = build_days(render)
    if kind == "build":
        build(render, places, days)
    else:
        raw_engine(places, days)()
    print(json.dumps({"peak_rss_mib": _peak_rss_mib()}))
    return 0


def memory_rows(rounds: int) -> list[Row]:
    env = _child_env()
    script = str(Path(__file__).resolve())
    peaks: dict[str, list[float]] = {"build": [], "raw": []}
    for round_number in range(1 + rounds):  # the first round fills the bytecode cache
        for kind in peaks:
            out = subprocess.run(
                [sys.executable, script, "--child", kind],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            if round_number:
                peaks[kind].append(json.loads(out)["peak_rss_mib"])
    return [
        Row(
            name="Memory: peak RSS of the P3 build",
            ours=statistics.median(peaks["build"]),
            peer=statistics.median(peaks["raw"]),
            unit="MiB",
            goal=None,
            note="peer: same process, raw praytimes loop instead",
        )
    ]


def cache_report() -> tuple[list[str], bool]:
    """One line per lru_cache of the package; whether all are bounded."""
    lines = []
    bounded = True
    for cache in iter_caches("widgets"):
        mark = "" if cache.bounded else "   <-- UNBOUNDED"
        bounded &= cache.bounded
        lines.append(f"  {cache.qualname:<52} maxsize={cache.maxsize}{mark}")
    return lines, bounded


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples (a rough look)")
    parser.add_argument(
        "--only", metavar="PARTS", help=f"comma-separated parts to run ({','.join(PARTS)})"
    )
    parser.add_argument("--child", choices=("build", "raw"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)

    parts = set(args.only.split(",")) if args.only else set(PARTS)
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"--only: unknown part(s) {sorted(unknown)}; choose from {', '.join(PARTS)}")
    scale = 3 if args.quick else 1
    started = time.perf_counter()
    rows: list[Row] = []
    if "p1" in parts:
        rows += compute.measure(rounds=15 // scale, slow_rounds=max(5 // scale, 2))
    render = _render_module()
    if render is None:
        print("widgets.render.render_prayer_strip is missing: P2, P3 and memory are skipped")
    else:
        if "p2" in parts:
            rows += render_rows(rounds=30 // scale)
        if "site" in parts:
            import render as render_benchmark  # benchmarks/render.py

            rows += [
                dataclasses.replace(row, name=f"P2 {row.name}")
                for row in render_benchmark.site_rows(rounds=30 // scale)
            ]
        if "p3" in parts:
            import build as build_benchmark  # benchmarks/build.py

            rows += build_benchmark.build_rows(rounds=9 // scale)
            rows += build_rows(render, rounds=9 // scale)
    if "p4" in parts:
        rows += import_rows(rounds=40 // scale)
        rows += cold_start_rows(rounds=40 // scale)
    if "p5" in parts:
        import page  # benchmarks/page.py

        rows += page.page_rows(rounds=30 // scale, seconds=4.0 if scale == 1 else 2.0)
    if render is not None and "memory" in parts:
        rows += memory_rows(rounds=3 // scale or 1)
    caches, bounded = cache_report()
    shared = mutable_globals("widgets")

    print(f"prayer-news-widgets {widgets.__version__} benchmarks")
    print(machine())
    print("medians of alternating runs; ratio = ours / peer; +-N% = half the interquartile range\n")
    print(format_table(rows))
    print(f"\nlru caches in widgets ({len(caches)}; all bounded: {'yes' if bounded else 'NO'}):")
    print("\n".join(caches))
    if shared:
        print("\nmodule-level mutable containers (check they are never written):")
        print("\n".join(f"  {name}" for name in shared))
    print(f"\n({time.perf_counter() - started:.0f} s)")
    failed = any(row.ok == "NO" for row in rows) or not bounded
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
