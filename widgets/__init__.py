"""Prayer-time strips and related-news lists for Arabic news sites.

The public API: places, methods, computing, formatting and rendering.
"""

from ._version import __version__ as __version__
from .errors import HijriRangeError as HijriRangeError
from .errors import InvalidInputError as InvalidInputError
from .errors import TimeUnavailableError as TimeUnavailableError
from .errors import UnknownNameError as UnknownNameError
from .errors import WidgetsError as WidgetsError
from .hijri import HijriDate as HijriDate
from .hijri import hijri_today as hijri_today
from .hijri import is_ramadan as is_ramadan
from .hijri import to_hijri as to_hijri
from .l10n import Formatter as Formatter
from .methods import METHODS as METHODS
from .methods import Adjustments as Adjustments
from .methods import Asr as Asr
from .methods import HighLatitude as HighLatitude
from .methods import Method as Method
from .methods import PolarResolution as PolarResolution
from .methods import Prayer as Prayer
from .methods import Rounding as Rounding
from .methods import method_for_country as method_for_country
from .news import MissingExtraError as MissingExtraError
from .news import NewsItem as NewsItem
from .news import load_news as load_news
from .news import prepare_items as prepare_items
from .news import safe_url as safe_url
from .places import Location as Location
from .places import all_places as all_places
from .places import place as place
from .prayer import PrayerDay as PrayerDay
from .prayer import PrayerTime as PrayerTime
from .prayer import prayer_times as prayer_times
from .prayer import timetable as timetable
from .render import Fragment as Fragment
from .render import install as install
from .render import render_prayer_strip as render_prayer_strip
from .render import render_related_news as render_related_news
from .render import render_timetable as render_timetable
from .render import template_loader as template_loader
from .render import templates_path as templates_path

__all__ = [
    "METHODS",
    "Adjustments",
    "Asr",
    "Formatter",
    "Fragment",
    "HighLatitude",
    "HijriDate",
    "HijriRangeError",
    "InvalidInputError",
    "Location",
    "Method",
    "MissingExtraError",
    "NewsItem",
    "PolarResolution",
    "Prayer",
    "PrayerDay",
    "PrayerTime",
    "Rounding",
    "TimeUnavailableError",
    "UnknownNameError",
    "WidgetsError",
    "__version__",
    "all_places",
    "hijri_today",
    "install",
    "is_ramadan",
    "load_news",
    "method_for_country",
    "place",
    "prayer_times",
    "prepare_items",
    "render_prayer_strip",
    "render_related_news",
    "render_timetable",
    "safe_url",
    "template_loader",
    "templates_path",
    "timetable",
    "to_hijri",
]
