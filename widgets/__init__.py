"""Prayer-time strips and related-news lists for Arabic news sites.

The public API: places, methods, computing, formatting and rendering.
"""

from ._version import __version__ as __version__
from .errors import HijriRangeError as HijriRangeError
from .errors import InvalidInputError as InvalidInputError
from .errors import TimeUnavailableError as TimeUnavailableError
from .errors import UnknownNameError as UnknownNameError
from .errors import WidgetsError as WidgetsError
from .methods import METHODS as METHODS
from .methods import Adjustments as Adjustments
from .methods import Asr as Asr
from .methods import HighLatitude as HighLatitude
from .methods import Method as Method
from .methods import PolarResolution as PolarResolution
from .methods import Prayer as Prayer
from .methods import Rounding as Rounding
from .methods import method_for_country as method_for_country
from .places import Location as Location
from .places import all_places as all_places
from .places import place as place
from .prayer import PrayerDay as PrayerDay
from .prayer import PrayerTime as PrayerTime
from .prayer import prayer_times as prayer_times
from .prayer import timetable as timetable

__all__ = [
    "METHODS",
    "Adjustments",
    "Asr",
    "HighLatitude",
    "HijriRangeError",
    "InvalidInputError",
    "Location",
    "Method",
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
    "method_for_country",
    "place",
    "prayer_times",
    "timetable",
]
