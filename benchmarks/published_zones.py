"""Accuracy against authority tables not yet held to the test's goal, per table and prayer.

    python benchmarks/published_zones.py [FILE.json ...]

Reads tables in the format of ``tests/data/published`` (default: every file
under ``benchmarks/data/published``) and prints, per table and prayer, how
many printed minutes ours differ by (ours minus published), and per place how
many are within 1 minute. A place that names a built-in entry (``"place"``)
is computed there, with that entry's own minutes. These are zones and
cities the presets and the place table do not yet bring to 99% within 1
minute (JAKIM's KTN01, Algeria's Saharan wilayas); the report keeps the gap
measured.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import widgets

PRAYERS = ("fajr", "sunrise", "dhuhr", "asr", "maghrib", "isha")
DATA = Path(__file__).parent / "data" / "published"


def differences(table: dict[str, Any]) -> dict[str, Counter[int]]:
    """Count, per prayer, the whole minutes ours minus published over every printed time."""
    places = {
        key: widgets.place(value["place"])
        if "place" in value
        else widgets.Location(
            latitude=value["latitude"],
            longitude=value["longitude"],
            timezone=value["timezone"],
            elevation=value.get("elevation", 0),
            country=value.get("country", ""),
        )
        for key, value in table["places"].items()
    }
    found: dict[str, Counter[int]] = {name: Counter() for name in PRAYERS}
    for row in table["rows"]:
        day = date.fromisoformat(row["date"])
        computed = widgets.prayer_times(places[row["place"]], day, method=table["method"])
        for name in PRAYERS:
            if name in row:
                printed = datetime.combine(day, datetime.strptime(row[name], "%H:%M").time())
                ours = getattr(computed, name).replace(tzinfo=None)
                found[name][round((ours - printed).total_seconds() / 60)] += 1
    return found


def main(paths: list[str]) -> int:
    files = [Path(p) for p in paths] or sorted(DATA.glob("*.json"))
    for path in files:
        table = json.loads(path.read_text(encoding="utf-8"))
        found = differences(table)
        total = sum(sum(c.values()) for c in found.values())
        one = sum(n for c in found.values() for d, n in c.items() if abs(d) <= 1)
        two = sum(n for c in found.values() for d, n in c.items() if abs(d) <= 2)
        print(f"{path.name} ({table['authority']}, {', '.join(table['places'])}):")
        print(f"  {one}/{total} within 1 min, {two} within 2")
        for place in table["places"]:
            rows = [row for row in table["rows"] if row["place"] == place]
            mine = differences({**table, "rows": rows})
            near = sum(n for c in mine.values() for d, n in c.items() if abs(d) <= 1)
            print(f"  {place}: {near}/{sum(sum(c.values()) for c in mine.values())} within 1 min")
        for name, counts in found.items():
            if counts:
                print(f"  {name:8} " + "  ".join(f"{d:+d}: {n}" for d, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
