"""``{% load prayer_widgets %}``: the prayer strip, the related news and the timetable.

::

    {% load prayer_widgets %}
    {% prayer_strip %}                              {# PRAYER_WIDGETS["place"] #}
    {% prayer_strip "amman" locale="ar_JO" digits="arab" %}
    {% related_news items exclude_url=request.path %}
    {% prayer_timetable "cairo" %}                  {# this month; month=, imsakiya=True #}

Options are those of :func:`widgets.render_prayer_strip`,
:func:`widgets.render_related_news` and :func:`widgets.render_timetable`;
what a tag leaves out comes from ``PRAYER_WIDGETS``. News stamps are shown in
Django's current time zone. Each tag returns a :class:`widgets.Fragment`,
which Django inserts as it is (it has ``__html__``; the HTML inside was
escaped by the package's templates). The tags never raise into the page: a
bad place or setting is logged on the ``widgets`` logger and the strip shows
«—» (the list and the timetable show nothing).
"""

from __future__ import annotations

from typing import Any

from django import template

import widgets

from ..conf import helpers

register = template.Library()


@register.simple_tag
def prayer_strip(location: Any = None, **options: Any) -> widgets.Fragment:
    """The prayer strip of a place: ``{% prayer_strip "cairo" %}``."""
    fragment: widgets.Fragment = helpers()["prayer_strip"](location, **options)
    return fragment


@register.simple_tag
def related_news(items: Any, **options: Any) -> widgets.Fragment:
    """The related-news list: ``{% related_news items limit=4 %}``."""
    fragment: widgets.Fragment = helpers()["related_news"](items, **options)
    return fragment


@register.simple_tag
def prayer_timetable(location: Any = None, **options: Any) -> widgets.Fragment:
    """A month's times, or the Ramadan imsakiya: ``{% prayer_timetable "cairo" imsakiya=True %}``."""
    fragment: widgets.Fragment = helpers()["prayer_timetable"](location, **options)
    return fragment
