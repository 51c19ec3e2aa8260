"""Facts shared by the tests of the host paths (Jinja2, Django, Flask, FastAPI).

The expected news stamp comes from Babel's CLDR data directly, and the next
prayer from :func:`widgets.prayer_times` (held to published timetables in
``test_official_times.py``), so that each host test checks the whole path.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
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


_EDITS = itertools.count(1)


def announce(path: Path, country: str, year: int, month: int, start: str) -> None:
    """Write a site's file of announced month starts holding one month, as an editor saves it.

    Each save is dated a second after the last, as the next night's edit would be.
    """
    entry = {"country": country, "year": year, "month": month, "start": start, "source": "a test"}
    path.write_text(json.dumps({"format": 1, "starts": [entry]}), encoding="utf-8")
    saved = (1_750_000_000 + next(_EDITS)) * 10**9
    os.utime(path, ns=(saved, saved))


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


PAGE = """{% load prayer_widgets %}<html><body>
<header>{% prayer_strip %}</header>
<article>{% related_news items exclude_url=request.path %}</article>
<section>{% prayer_timetable %}</section>
</body></html>"""
STRIP_ONLY = "{% load prayer_widgets %}{% prayer_strip 'riyadh' %}"
BROKEN = "{% load prayer_widgets %}[{% prayer_strip 'atlantis' %}][{% related_news 5 %}]"


def configure_django() -> None:
    """Settings of the Django project of ``test_contrib_django`` (once per process)."""
    import django
    from django.conf import settings

    if settings.configured:
        return
    settings.configure(
        DEBUG=False,
        SECRET_KEY="test",
        ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF="tests.test_contrib_django",
        USE_TZ=True,
        TIME_ZONE="Africa/Cairo",
        INSTALLED_APPS=["django.contrib.contenttypes", "widgets.contrib.django"],
        MIDDLEWARE=["widgets.contrib.django.middleware.CacheHeadersMiddleware"],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {
                    "loaders": [
                        (
                            "django.template.loaders.locmem.Loader",
                            {"page.html": PAGE, "strip.html": STRIP_ONLY, "broken.html": BROKEN},
                        )
                    ],
                    "context_processors": ["django.template.context_processors.request"],
                },
            }
        ],
        PRAYER_WIDGETS={"place": "cairo", "now": "tests.host_facts.clock"},
    )
    django.setup()
