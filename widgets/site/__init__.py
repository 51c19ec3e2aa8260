"""Static generation: the widgets, demo pages, CSS and JSON of places, written to a folder.

:func:`build_site` is the whole static site from Python, for a cron job or
a CMS hook; the ``build`` command is a thin face over it.
"""

from .build import MAX_DAYS as MAX_DAYS
from .build import BuildResult as BuildResult
from .build import Progress as Progress
from .build import SitePlace as SitePlace
from .build import build_site as build_site
from .config import read_config as read_config
from .export import dumps as dumps
from .export import location_json as location_json
from .export import method_json as method_json
from .export import place_slug as place_slug
from .export import times_json as times_json
from .files import BuildLockedError as BuildLockedError

__all__ = [
    "MAX_DAYS",
    "BuildLockedError",
    "BuildResult",
    "Progress",
    "SitePlace",
    "build_site",
    "dumps",
    "location_json",
    "method_json",
    "place_slug",
    "read_config",
    "times_json",
]
