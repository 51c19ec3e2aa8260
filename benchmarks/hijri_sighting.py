"""Does a crescent-visibility criterion predict each country's announced month starts?

For every country with enough announced starts in ``widgets/data/hijri_month_starts/``,
the months are split chronologically: the earliest 75% calibrate the criterion (its
visibility threshold) and choose the country's default rule, the latest 25% are held
out. The table counts the held-out starts predicted right by Umm al-Qura, by the
criterion and by the chosen default.

The criterion is Odeh's (Experimental Astronomy 18, 2004): at the best time (sunset
plus 4/9 of the lag to moonset) at the capital, V = ARCV - (-0.1018 W^3 + 0.7319 W^2
- 6.3226 W + 7.1651), with ARCV the airless topocentric moon-sun altitude difference
and W the topocentric crescent width in arc minutes. A month starts the day after the
first evening, from the day of the conjunction on, when V reaches the threshold.

    python benchmarks/hijri_sighting.py            # the table
    python benchmarks/hijri_sighting.py --write    # also ship predictions where it wins

``--write`` stores, for each country where the criterion wins on the calibration
months, its predicted starts for every month after the last announced one up to AH
1500, marked with the criterion, in the country's shipped file. Needs ``ephem`` (bench extra).
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import ephem

from widgets.hijri import HIJRI_YEAR_LAST, MonthStart, month_start, shipped_month_starts

DATA = Path(__file__).resolve().parents[1] / "widgets" / "data" / "hijri_month_starts"
"""The shipped month starts: one file per country (``EG.json``...), one start a line."""
THRESHOLDS = (5.65, 2.0, -0.96)
"""Odeh's zone limits: naked eye (A), eye possible (B), optical aid only (C)."""
MIN_MONTHS = 8
"""Countries with fewer announced starts are listed but not calibrated."""

CAPITALS: dict[str, tuple[str, float, float]] = {
    "SA": ("Riyadh", 24.7136, 46.6753),
    "MA": ("Rabat", 34.0209, -6.8416),
    "OM": ("Muscat", 23.5880, 58.3829),
    "JO": ("Amman", 31.9539, 35.9106),
    "MR": ("Nouakchott", 18.0735, -15.9582),
    "EG": ("Cairo", 30.0444, 31.2357),
    "TN": ("Tunis", 36.8065, 10.1815),
    "LY": ("Tripoli", 32.8872, 13.1913),
    "DZ": ("Algiers", 36.7538, 3.0588),
    "IQ": ("Baghdad", 33.3152, 44.3661),
    "AE": ("Abu Dhabi", 24.4539, 54.3773),
    "QA": ("Doha", 25.2854, 51.5310),
    "KW": ("Kuwait City", 29.3759, 47.9774),
    "BH": ("Manama", 26.2285, 50.5860),
    "PS": ("Jerusalem", 31.7683, 35.2137),
    "LB": ("Beirut", 33.8938, 35.5018),
    "SD": ("Khartoum", 15.5007, 32.5599),
    "YE": ("Sanaa", 15.3694, 44.1910),
    "SY": ("Damascus", 33.5138, 36.2765),
}


def _utc(value: ephem.Date) -> datetime:
    moment: datetime = ephem.Date(value).datetime()
    return moment.replace(tzinfo=timezone.utc)


def odeh_v(evening: date, latitude: float, longitude: float) -> float | None:
    """Odeh's V on the evening of a local date at a place; ``None`` if the moon sets first."""
    place = ephem.Observer()
    place.lat, place.lon = str(latitude), str(longitude)
    place.pressure = 0  # airless altitudes, as the criterion asks
    place.horizon = "-0:34"
    noon = datetime(evening.year, evening.month, evening.day, 12) - timedelta(hours=longitude / 15)
    place.date = ephem.Date(noon)
    sun, moon = ephem.Sun(), ephem.Moon()
    sunset = place.next_setting(sun)
    place.date = sunset
    try:
        moonset = place.next_setting(moon)
    except ephem.AlwaysUpError:  # pragma: no cover - not at these latitudes
        return None
    lag = moonset - sunset
    if lag <= 0 or lag > 0.25:  # moon sets before the sun (or the next moonset is a day on)
        return None
    place.date = ephem.Date(sunset + lag * 4 / 9)
    place.horizon = "0"
    sun.compute(place)
    moon.compute(place)
    arcv = math.degrees(moon.alt - sun.alt)
    arcl = ephem.separation(moon, sun)
    semi_diameter = moon.size / 2 / 60  # arc minutes
    width = semi_diameter * (1 - math.cos(arcl))
    visibility: float = arcv - (-0.1018 * width**3 + 0.7319 * width**2 - 6.3226 * width + 7.1651)
    return visibility


def predicted_start(year: int, month: int, country: str, threshold: float) -> date:
    """Day 1 of a month per the criterion at the country's capital."""
    _, latitude, longitude = CAPITALS[country]
    table = month_start(year, month)
    conjunction = _utc(ephem.next_new_moon(ephem.Date(table - timedelta(days=4))))
    local = (conjunction + timedelta(hours=longitude / 15)).date()
    for days in range(3):
        evening = local + timedelta(days=days)
        sunset_v = odeh_v(evening, latitude, longitude)
        if sunset_v is not None and sunset_v >= threshold:
            return evening + timedelta(days=1)
    return local + timedelta(days=3)


@dataclass(frozen=True)
class Row:
    country: str
    calibration: int
    held_out: int
    threshold: float | None
    default: str
    umm_al_qura: int
    criterion: int
    shipped: int


def evaluate(country: str, starts: Sequence[MonthStart]) -> Row:
    """Calibrate on the earliest 75% of a country's starts, count right on the rest."""
    split = math.ceil(len(starts) * 0.75)
    early, late = starts[:split], starts[split:]

    def right_uq(group: Sequence[MonthStart]) -> int:
        return sum(month_start(e.year, e.month) == e.start for e in group)

    def right_v(group: Sequence[MonthStart], threshold: float) -> int:
        return sum(predicted_start(e.year, e.month, country, threshold) == e.start for e in group)

    if len(starts) < MIN_MONTHS:
        return Row(country, 0, len(starts), None, "umm_al_qura", right_uq(starts), 0, 0)
    threshold = max(THRESHOLDS, key=lambda value: right_v(early, value))
    wins = right_v(early, threshold) > right_uq(early)
    uq, criterion = right_uq(late), right_v(late, threshold)
    return Row(
        country,
        len(early),
        len(late),
        threshold,
        "odeh" if wins else "umm_al_qura",
        uq,
        criterion,
        criterion if wins else uq,
    )


def predictions(country: str, threshold: float, after: MonthStart) -> list[dict[str, object]]:
    """The criterion's starts from the month after ``after`` to AH 1500, 29-30 days apart."""
    capital = CAPITALS[country][0]
    name = f"Odeh 2004, V >= {threshold} at {capital}"
    out: list[dict[str, object]] = []
    previous = after.start
    index = after.year * 12 + after.month
    while index < (HIJRI_YEAR_LAST + 1) * 12:
        year, month = divmod(index, 12)
        start = predicted_start(year, month + 1, country, threshold)
        start = min(max(start, previous + timedelta(days=29)), previous + timedelta(days=30))
        source = "benchmarks/hijri_sighting.py"
        out.append(
            {"country": country, "year": year, "month": month + 1, "start": start.isoformat(),
             "source": source, "criterion": name}
        )  # fmt: skip
        previous, index = start, index + 1
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="ship predictions where it wins")
    args = parser.parse_args(argv)
    shipped = shipped_month_starts()
    announced: dict[str, list[MonthStart]] = {}
    for entry in shipped.entries:
        if entry.announced:
            announced.setdefault(entry.country, []).append(entry)
    rows = []
    header = "country  months  calib  held-out  threshold  default       UQ  Odeh  default"
    print(header)
    for country in sorted(announced):
        starts = sorted(announced[country], key=lambda e: (e.year, e.month))
        row = evaluate(country, starts)
        rows.append((row, starts))
        threshold = "-" if row.threshold is None else f"{row.threshold:+.2f}"
        odeh = "-" if row.threshold is None else str(row.criterion)
        shipped_right = row.shipped if row.threshold is not None else row.umm_al_qura
        print(
            f"{country:<7}  {len(starts):>6}  {row.calibration:>5}  {row.held_out:>8}  "
            f"{threshold:>9}  {row.default:<11}  {row.umm_al_qura:>3}  {odeh:>4}  "
            f"{shipped_right:>7}"
        )
    if not args.write:
        return
    for row, starts in rows:
        path = DATA / f"{row.country}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        kept = [e for e in data["starts"] if "criterion" not in e]
        if row.default == "odeh" and row.threshold is not None:
            kept.extend(predictions(row.country, row.threshold, starts[-1]))
        kept.sort(key=lambda e: (e["year"], e["month"]))
        head = {key: value for key, value in data.items() if key != "starts"}
        text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
        lines = ",\n  ".join(json.dumps(e, ensure_ascii=False) for e in kept)
        path.write_text(f'{text},\n "starts": [\n  {lines}\n ]\n}}\n', encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
