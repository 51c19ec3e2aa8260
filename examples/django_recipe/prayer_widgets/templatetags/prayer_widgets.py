"""Template tags: ``{% prayer_strip %}``, ``{% related_news %}`` and ``{% prayer_timetable %}``.

Usage in a Django template::

    {% load prayer_widgets %}
    {% prayer_strip "cairo" %}
    {% prayer_strip "amman" locale="ar_JO" digits="arab" %}
    {% related_news items exclude_url=request.path %}
    {% prayer_timetable "cairo" month=first_of_month imsakiya=True %}

Every tag returns a ``widgets.render.Fragment``, which Django inserts as it
is (it has ``__html__``); the HTML inside was escaped by the package's own
Jinja2 templates. The strip and the news list never raise into the page: a
bad place or setting is logged on the "widgets" logger and the strip shows
«—» (the news list shows nothing). ``now`` defaults to the current time in
UTC; pass ``now=...`` (an aware datetime) to pin it.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timezone
from typing import Any

from django import template

from widgets.errors import WidgetsError
from widgets.host import widget_globals
from widgets.render import Fragment, render_timetable

register = template.Library()
logger = logging.getLogger("widgets")


def _now() -> datetime:
    return datetime.now(timezone.utc)


_helpers = widget_globals(clock=_now)


@register.simple_tag
def prayer_strip(location: Any, **options: Any) -> Fragment:
    """The prayer strip of a place: ``{% prayer_strip "cairo" %}``."""
    result: Fragment = _helpers["prayer_strip"](location, **options)
    return result


@register.simple_tag
def related_news(items: Any, **options: Any) -> Fragment:
    """The related-news list: ``{% related_news items limit=4 %}``."""
    result: Fragment = _helpers["related_news"](items, **options)
    return result


@register.simple_tag
def prayer_timetable(location: Any, month: date, **options: Any) -> Fragment:
    """A month's timetable, or the Ramadan imsakiya with ``imsakiya=True``; empty on bad input."""
    try:
        return render_timetable(location, month=month, **options)
    except (WidgetsError, ValueError) as error:
        logger.warning("timetable for %r not shown: %s", location, error)
        return Fragment("")
