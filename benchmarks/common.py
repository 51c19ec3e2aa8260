"""Shared helpers of the benchmarks: alternating timing, medians, the table, the machine.

Every comparison runs its cases in turn (A, B, C, A, B, C, ...) so that a
slow patch of the machine (another process, a frequency change) hits every
case alike; the median of each case's samples is reported, never the mean.

A :class:`Case` is a callable timed as a whole (``run``), optionally
preceded by untimed work (``setup``, such as clearing caches). ``inner``
repeats setup+run inside one sample and divides, for calls too short to
time one by one; ``per`` divides a sample into the unit reported (365 for
"per day" of a city-year).
"""

from __future__ import annotations

import datetime as _datetime
import gc
import importlib
import inspect
import os
import pkgutil
import platform
import statistics
import time
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CacheInfo",
    "Case",
    "Row",
    "alternate",
    "cache_clearer",
    "clear_caches",
    "format_table",
    "iter_caches",
    "machine",
    "medians",
    "mutable_globals",
    "spread",
]

_clock = time.perf_counter


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """One contender: ``run()`` is timed; ``setup()``, when given, runs untimed before it.

    ``inner`` calls make one sample (each timed on its own when there is a
    setup, as a batch otherwise); the sample is the time per call divided by
    ``per``.
    """

    name: str
    run: Callable[[], object]
    setup: Callable[[], object] | None = None
    inner: int = 1
    per: int = 1

    def sample(self) -> float:
        """Seconds per unit of one sample."""
        run, setup = self.run, self.setup
        if setup is None:
            started = _clock()
            for _ in range(self.inner):
                run()
            total = _clock() - started
        else:
            total = 0.0
            for _ in range(self.inner):
                setup()
                started = _clock()
                run()
                total += _clock() - started
        return total / self.inner / self.per


def alternate(
    cases: Iterable[Case], rounds: int, warmup: int = 1, quiet_gc: bool = True
) -> dict[str, list[float]]:
    """Sample every case ``rounds`` times, in turn; return the samples (seconds) by name.

    ``warmup`` rounds run first and are dropped (imports, first-call caches of
    the interpreter). With ``quiet_gc`` the cyclic collector is run between
    samples and paused inside them, so a collection never lands in one case
    only.
    """
    chosen = list(cases)
    names = [case.name for case in chosen]
    if len(set(names)) != len(names):
        raise ValueError(f"case names must differ: {names}")
    samples: dict[str, list[float]] = {case.name: [] for case in chosen}
    enabled = gc.isenabled()
    try:
        for round_number in range(warmup + rounds):
            for case in chosen:
                if quiet_gc:
                    gc.collect()
                    gc.disable()
                try:
                    value = case.sample()
                finally:
                    if quiet_gc and enabled:
                        gc.enable()
                if round_number >= warmup:
                    samples[case.name].append(value)
    finally:
        if enabled:
            gc.enable()
    return samples


def medians(samples: dict[str, list[float]]) -> dict[str, float]:
    """The median of each case's samples, in seconds."""
    return {name: statistics.median(values) for name, values in samples.items()}


def spread(values: list[float]) -> float:
    """Half the interquartile range relative to the median (a noise figure; 0.05 = +-5%)."""
    if len(values) < 4:
        return 0.0
    quartiles = statistics.quantiles(values, n=4)
    middle = statistics.median(values)
    return (quartiles[2] - quartiles[0]) / 2 / middle if middle else 0.0


# --- the report ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """One line of the table: our median, the peer's, their ratio against a goal."""

    name: str
    ours: float
    peer: float
    unit: str
    goal: float | None
    noise: float = 0.0
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours / self.peer if self.peer else float("inf")

    @property
    def ok(self) -> str:
        if self.goal is None:
            return "-"
        return "yes" if self.ratio <= self.goal else "NO"


def _amount(value: float, unit: str) -> str:
    if unit == "s":  # seconds, shown in the most readable unit
        if value >= 1.0:
            return f"{value:.3f} s"
        if value >= 1e-3:
            return f"{value * 1e3:.2f} ms"
        return f"{value * 1e6:.1f} us"
    if unit == "s/day":
        return f"{value * 1e6:.1f} us/day"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:g} {unit}"


def format_table(rows: Iterable[Row]) -> str:
    """A compact fixed-width table: name | ours | peer | ratio | goal | ok (| note)."""
    header = ("name", "ours", "peer", "ratio", "goal", "ok", "note")
    lines = [header]
    for row in rows:
        noise = f" +-{row.noise * 100:.0f}%" if row.noise else ""
        lines.append(
            (
                row.name,
                _amount(row.ours, row.unit) + noise,
                _amount(row.peer, row.unit) if row.peer else "-",
                f"{row.ratio:.2f}x" if row.peer else "-",
                f"<= {row.goal:g}x" if row.goal is not None else "-",
                row.ok,
                row.note,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        out.append(
            " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
        if number == 0:
            out.append("-+-".join("-" * width for width in widths))
    return "\n".join(out)


def machine() -> str:
    """Python, OS, CPU and the date (UTC), in one line."""
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    today = _datetime.datetime.now(_datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
        f"{' (' + cpu + ')' if cpu else ''}, {today}"
    )


# --- caches of a package -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CacheInfo:
    """A ``functools.lru_cache`` found in the package: where it is, its bound and use."""

    qualname: str
    maxsize: int | None
    currsize: int
    clear: Callable[[], None] = field(repr=False, compare=False)

    @property
    def bounded(self) -> bool:
        return self.maxsize is not None


def _modules(package: str) -> Iterator[types.ModuleType]:
    root = importlib.import_module(package)
    yield root
    for info in pkgutil.walk_packages(root.__path__, prefix=package + "."):
        if info.name.rsplit(".", 1)[-1] == "__main__" or ".contrib" in info.name:
            continue  # the command line's entry; framework integrations hold no cache
        yield importlib.import_module(info.name)


def _cached_members(owner: Any, prefix: str, seen: set[int]) -> Iterator[tuple[str, Any]]:
    for name, value in list(vars(owner).items()):
        target = value.__func__ if isinstance(value, (staticmethod, classmethod)) else value
        if isinstance(target, property):
            target = target.fget
        if hasattr(target, "cache_info") and hasattr(target, "cache_clear"):
            if id(target) not in seen:
                seen.add(id(target))
                yield f"{prefix}.{name}", target
        elif inspect.isclass(value) and value.__module__ == getattr(owner, "__name__", None):
            yield from _cached_members(value, f"{prefix}.{name}", seen)


def iter_caches(package: str = "widgets") -> list[CacheInfo]:
    """Every ``lru_cache`` (or ``functools.cache``) defined in the modules of ``package``.

    Module-level functions and functions in classes defined there are
    searched; a cache re-exported by another module is listed once, under
    the module that defines it.
    """
    found: list[CacheInfo] = []
    seen: set[int] = set()
    for module in _modules(package):
        owned: dict[str, Any] = {}
        for name, value in _cached_members(module, module.__name__, seen):
            owned[name] = value
        for name, value in owned.items():
            defined_in = getattr(value, "__module__", None) or module.__name__
            if defined_in != package and not defined_in.startswith(package + "."):
                continue  # imported from elsewhere (the standard library, Babel...)
            qualname = getattr(value, "__qualname__", name.rsplit(".", 1)[-1])
            info = value.cache_info()
            found.append(
                CacheInfo(
                    qualname=f"{defined_in}.{qualname}",
                    maxsize=info.maxsize,
                    currsize=info.currsize,
                    clear=value.cache_clear,
                )
            )
    return sorted(found, key=lambda cache: cache.qualname)


#: Per-process set-up, kept where a case is "cold" within a running process (P2 cold,
#: P3): compiled templates (the widgets' and the demo pages'), Babel locale data, the tz database and the place table,
#: and the formatter and place objects built from them.
SETUP_CACHES = (
    "environment",
    "_environment",  # the demo pages' (widgets.site.pages)
    "template_loader",
    "templates_path",
    "_parse_locale",
    "_locale_facts",
    "_formatter",
    "cached_formatter",
    "preferred_clock",
    "_skeleton_pattern",
    "_duration_forms",
    "_day_period_word",
    "_location",
    "_load",
    "_named_zone",
    "tz_database",
    "all_places",
    "_rows",
    "_slugs",
    "_entry_at",
    "_entries",
    "_index",
    "_past_pattern",
    "_yesterday_pattern",
    "shipped_month_starts",
    "_shipped_entries",
    "_shipped_pins",
    "_our_filename",
)


def _kept(cache: CacheInfo, keep: frozenset[str]) -> bool:
    return cache.qualname.rsplit(".", 1)[-1] in keep or cache.qualname in keep


def clear_caches(package: str = "widgets", keep: Iterable[str] = ()) -> int:
    """Clear every cache of ``package`` but those named in ``keep``; return how many.

    ``keep`` holds function names (``"environment"``) or qualified names
    (``"widgets.render.environment"``).
    """
    kept = frozenset(keep)
    cleared = 0
    for cache in iter_caches(package):
        if not _kept(cache, kept):
            cache.clear()
            cleared += 1
    return cleared


def cache_clearer(package: str = "widgets", keep: Iterable[str] = ()) -> Callable[[], None]:
    """A fast function clearing the same caches as :func:`clear_caches` (looked up once)."""
    kept = frozenset(keep)
    clears = [cache.clear for cache in iter_caches(package) if not _kept(cache, kept)]

    def clear() -> None:
        for function in clears:
            function()

    return clear


def mutable_globals(package: str = "widgets") -> list[str]:
    """Module-level names bound to a dict, list, set or bytearray (mutable shared state)."""
    flagged = []
    for module in _modules(package):
        for name, value in vars(module).items():
            if name.startswith("__") and name.endswith("__"):
                continue
            if isinstance(value, (dict, list, set, bytearray)):
                flagged.append(f"{module.__name__}.{name} ({type(value).__name__})")
    return flagged
