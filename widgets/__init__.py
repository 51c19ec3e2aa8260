"""Prayer-time strips and related-news lists for Arabic news sites.

The public API: places, methods, computing, formatting and rendering.

The names of the rooms a prayer strip does not use (related news, the
timetable, the host integration, the feeds and the static site) are imported
on first use, so that a process showing a strip never loads those modules.
"""

from typing import TYPE_CHECKING

from ._version import __version__ as __version__
from .errors import HijriRangeError as HijriRangeError
from .errors import InvalidInputError as InvalidInputError
from .errors import MissingExtraError as MissingExtraError
from .errors import TimeUnavailableError as TimeUnavailableError
from .errors import UnknownNameError as UnknownNameError
from .errors import WidgetsError as WidgetsError
from .hijri import MAX_OFFSET as MAX_HIJRI_OFFSET
from .hijri import HijriDate as HijriDate
from .hijri import MonthStart as MonthStart
from .hijri import MonthStarts as MonthStarts
from .hijri import hijri_today as hijri_today
from .hijri import is_ramadan as is_ramadan
from .hijri import load_month_starts as load_month_starts
from .hijri import month_start as month_start
from .hijri import ramadan_between as ramadan_between
from .hijri import ramadan_days as ramadan_days
from .hijri import to_hijri as to_hijri
from .l10n import Clock as Clock
from .l10n import Digits as Digits
from .l10n import Formatter as Formatter
from .methods import METHODS as METHODS
from .methods import Adjustments as Adjustments
from .methods import Asr as Asr
from .methods import HighLatitude as HighLatitude
from .methods import Method as Method
from .methods import PolarResolution as PolarResolution
from .methods import Prayer as Prayer
from .methods import Rounding as Rounding
from .methods import get_method as get_method
from .methods import method_for_country as method_for_country
from .places import Location as Location
from .places import all_places as all_places
from .places import place as place
from .prayer import PrayerDay as PrayerDay
from .prayer import PrayerTime as PrayerTime
from .prayer import prayer_times as prayer_times
from .prayer import timetable as timetable
from .render import Fragment as Fragment
from .render import render_prayer_strip as render_prayer_strip
from .render import render_related_news as render_related_news
from .render import render_timetable as render_timetable
from .render import template_environment as template_environment
from .render import template_loader as template_loader
from .render import templates_path as templates_path
from .views import PrayerSlot as PrayerSlot
from .views import StripView as StripView
from .views import strip_view as strip_view
from .zones import tz_database as tz_database

__all__ = [
    "MAX_HIJRI_OFFSET",
    "METHODS",
    "SITE_DEFAULTS",
    "Adjustments",
    "Asr",
    "BuildResult",
    "Clock",
    "Digits",
    "Formatter",
    "Fragment",
    "HighLatitude",
    "HijriDate",
    "HijriRangeError",
    "InvalidInputError",
    "Location",
    "Method",
    "MissingExtraError",
    "MonthStart",
    "MonthStarts",
    "NewsItem",
    "NewsView",
    "PolarResolution",
    "Prayer",
    "PrayerDay",
    "PrayerSlot",
    "PrayerTime",
    "ResponseExpiry",
    "Rounding",
    "StripView",
    "TimeUnavailableError",
    "TimetableView",
    "UnknownNameError",
    "WidgetsError",
    "__version__",
    "all_places",
    "build_site",
    "cache_headers",
    "fallback_globals",
    "get_method",
    "hijri_today",
    "install",
    "is_ramadan",
    "load_month_starts",
    "load_news",
    "method_for_country",
    "month_start",
    "news_view",
    "place",
    "prayer_times",
    "prepare_items",
    "ramadan_between",
    "ramadan_days",
    "render_prayer_strip",
    "render_related_news",
    "render_timetable",
    "safe_url",
    "strip_view",
    "template_environment",
    "template_loader",
    "templates_path",
    "timetable",
    "timetable_view",
    "to_hijri",
    "tz_database",
    "widget_globals",
]


if TYPE_CHECKING:
    from .feeds import load_news as load_news
    from .headlines import NewsView as NewsView
    from .headlines import news_view as news_view
    from .host import SITE_DEFAULTS as SITE_DEFAULTS
    from .host import ResponseExpiry as ResponseExpiry
    from .host import cache_headers as cache_headers
    from .host import fallback_globals as fallback_globals
    from .host import install as install
    from .host import widget_globals as widget_globals
    from .news import NewsItem as NewsItem
    from .news import prepare_items as prepare_items
    from .news import safe_url as safe_url
    from .site import BuildResult as BuildResult
    from .site import build_site as build_site
    from .tables import TimetableView as TimetableView
    from .tables import timetable_view as timetable_view

#: The names imported on first use, and the room each comes from.
_ON_FIRST_USE = (
    ("NewsView", ".headlines"),
    ("news_view", ".headlines"),
    ("SITE_DEFAULTS", ".host"),
    ("ResponseExpiry", ".host"),
    ("cache_headers", ".host"),
    ("fallback_globals", ".host"),
    ("install", ".host"),
    ("widget_globals", ".host"),
    ("NewsItem", ".news"),
    ("prepare_items", ".news"),
    ("safe_url", ".news"),
    ("TimetableView", ".tables"),
    ("timetable_view", ".tables"),
    ("load_news", ".feeds"),
    ("BuildResult", ".site"),
    ("build_site", ".site"),
)


def __getattr__(name: str) -> object:
    """Import a name of :data:`_ON_FIRST_USE` from its room when first asked for."""
    for public, room in _ON_FIRST_USE:
        if name == public:
            from importlib import import_module

            value = getattr(import_module(room, __name__), name)
            globals()[name] = value  # found directly from now on
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The module's names, those imported on first use included."""
    return sorted(set(globals()) | set(__all__))
