"""The Django application config of the widgets."""

from __future__ import annotations

from django.apps import AppConfig


class PrayerWidgetsConfig(AppConfig):
    """``widgets.contrib.django``, labelled ``prayer_widgets``."""

    name = "widgets.contrib.django"
    label = "prayer_widgets"
    verbose_name = "Prayer-time and related-news widgets"
