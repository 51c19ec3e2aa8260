"""A prayer strip's strings through Formatter, side by side with bare Babel calls.

The strip shows 8 strings: six prayer times and two date lines (Gregorian and
Hijri). The peer is six bare ``babel.dates.format_datetime`` calls with a cached
``Locale`` on datetimes already in the zone: the least a strip could cost.

Two cases for the Formatter:

- ``cold``: every round formats a different day, so the string cache misses
  (a new Formatter per round, as one per render);
- ``warm``: the same day again, as a site re-rendering between prayers.

Runs alternate (peer, cold, warm, peer, ...) so drift hits all three alike;
the medians and their ratios are printed. Goal: cold <= 2x the peer.

    python benchmarks/l10n.py [--rounds 2000] [--digits arab]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_datetime

from widgets.hijri import to_hijri
from widgets.l10n import TIME_12H, Formatter

ZONE = ZoneInfo("Africa/Cairo")
# A plausible Cairo day, in UTC: Fajr, Sunrise, Dhuhr, Asr, Maghrib, Isha.
OFFSETS = [
    timedelta(hours=h, minutes=m)
    for h, m in ((1, 57), (3, 27), (9, 52), (13, 28), (16, 17), (17, 40))
]
START = date(2025, 1, 1)


def day_times(index: int) -> tuple[date, list[datetime]]:
    day = START + timedelta(days=index)
    midnight = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return day, [(midnight + offset).astimezone(ZONE) for offset in OFFSETS]


def peer(locale: Locale, times: list[datetime]) -> list[str]:
    return [format_datetime(moment, TIME_12H, locale=locale) for moment in times]


def strip(day: date, times: list[datetime], digits: str) -> list[str]:
    fmt = Formatter("ar_EG", ZONE, digits)  # type: ignore[arg-type]
    out = [fmt.time(moment) for moment in times]
    out.append(fmt.gregorian_date(day))
    out.append(fmt.hijri_date(to_hijri(day)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--digits", choices=("latn", "arab"), default="latn")
    args = parser.parse_args(argv)
    locale = Locale.parse("ar_EG")
    warm_day, warm_times = day_times(0)
    strip(warm_day, warm_times, args.digits)  # fill the caches once for "warm"
    samples: dict[str, list[float]] = {"peer": [], "cold": [], "warm": []}
    clock = time.perf_counter
    for index in range(1, args.rounds + 1):
        day, times = day_times(index)  # a new day each round: no cache hits for "cold"
        started = clock()
        peer(locale, times)
        samples["peer"].append(clock() - started)
        started = clock()
        strip(day, times, args.digits)
        samples["cold"].append(clock() - started)
        started = clock()
        strip(warm_day, warm_times, args.digits)
        samples["warm"].append(clock() - started)
    medians = {name: statistics.median(values) for name, values in samples.items()}
    print(f"rounds: {args.rounds}, digits: {args.digits}")
    print(f"peer  6 x babel format_datetime : {medians['peer'] * 1e6:8.1f} us")
    for name in ("cold", "warm"):
        ratio = medians[name] / medians["peer"]
        print(f"{name:5} Formatter strip (8 strings): {medians[name] * 1e6:8.1f} us  {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
