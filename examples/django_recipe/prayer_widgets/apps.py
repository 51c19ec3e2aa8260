"""Django app configuration for the prayer-news-widgets template tags."""

from django.apps import AppConfig


class PrayerWidgetsConfig(AppConfig):
    name = "prayer_widgets"
    verbose_name = "Prayer and news widgets"
