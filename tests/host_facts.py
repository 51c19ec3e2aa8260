"""Facts shared by the tests of the host paths (Jinja2, Django, Flask, FastAPI).

The expected news stamp comes from Babel's CLDR data directly, and the next
prayer from :func:`widgets.prayer_times` (held to published timetables in
``test_official_times.py``), so that each host test checks the whole path.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

import widgets

CAIRO = ZoneInfo("Africa/Cairo")
# 15:00 in Cairo on Wednesday 30 April 2025 (UTC+3 since Egypt's DST began on 25 April).
NOW = datetime(2025, 4, 30, 12, 0, tzinfo=timezone.utc)
PUBLISHED = "2025-04-30T22:16:00+03:00"
ITEM = {"title": "عنوان الخبر", "url": "/news/1", "published": PUBLISHED}
# CLDR's Arabic (Egypt) stamp of the item, in Cairo: «30 أبريل 2025 10:16 م».
STAMP = format_datetime(
    datetime.fromisoformat(PUBLISHED), "d MMMM y h:mm a", tzinfo=CAIRO, locale="ar_EG"
)
UTC_STAMP = format_datetime(
    datetime.fromisoformat(PUBLISHED), "d MMMM y h:mm a", tzinfo=timezone.utc, locale="ar_EG"
)


def clock() -> datetime:
    """The fixed clock the hosts under test read."""
    return NOW


def next_prayer() -> datetime:
    """When Cairo's strip at :data:`NOW` changes: the next of the six times (Asr)."""
    day = widgets.prayer_times(widgets.place("cairo"), NOW.astimezone(CAIRO).date())
    return day.next_prayer(NOW).time


def check_cache_headers(cache_control: str | None, expires: str | None) -> None:
    """``max-age`` runs from :data:`NOW` to the next prayer; ``Expires`` is that instant."""
    assert cache_control is not None and expires is not None
    found = re.search(r"max-age=(\d+)", cache_control)
    assert found is not None, cache_control
    until = next_prayer()
    assert NOW + timedelta(seconds=int(found.group(1))) == until
    assert parsedate_to_datetime(expires) == until
