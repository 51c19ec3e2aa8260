"""The Django application config of the widgets."""

from __future__ import annotations

from django.apps import AppConfig


class PrayerWidgetsConfig(AppConfig):
    """``widgets.contrib.django``, labelled ``prayer_widgets``."""

    name = "widgets.contrib.django"
    label = "prayer_widgets"
    verbose_name = "Prayer-time and related-news widgets"

    def ready(self) -> None:
        """Register the system check of the ``PRAYER_WIDGETS`` setting."""
        from django.core import checks

        from .conf import check_setting

        checks.register(check_setting)
