"""The Django app: add ``"widgets.contrib.django"`` to ``INSTALLED_APPS``.

Then ``{% load prayer_widgets %}`` gives the tags ``prayer_strip``,
``related_news`` and ``prayer_timetable``; the site's defaults live in the
``PRAYER_WIDGETS`` setting (see :mod:`widgets.contrib.django.conf`), and
``widgets.contrib.django.middleware.CacheHeadersMiddleware`` sets
``Cache-Control`` and ``Expires`` from the widgets a response shows.
"""

import widgets

try:
    import django  # noqa: F401
except ImportError as error:
    raise widgets.MissingExtraError(
        'widgets.contrib.django needs Django: pip install "prayer-news-widgets[django]"'
    ) from error
