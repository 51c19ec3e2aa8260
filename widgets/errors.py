"""One error tree for the package.

Every input error is a :class:`ValueError` (unknown names are also
:class:`LookupError`) and names the field, the value and what is allowed:

>>> raise InvalidInputError("latitude", 91, "a number from -90 to 90")
Traceback (most recent call last):
...
widgets.errors.InvalidInputError: latitude must be a number from -90 to 90, got 91
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "HijriRangeError",
    "InvalidInputError",
    "MissingExtraError",
    "TimeUnavailableError",
    "UnknownNameError",
    "WidgetsError",
]


#: Longest shown form of a rejected value; a hostile input is cut, not echoed whole.
_SHOWN_LENGTH = 120


def shown(value: object) -> str:
    """The ``repr`` of a rejected value for a message, cut to a readable length.

    >>> shown("x" * 200)[-12:]
    '…(202 chars)'
    >>> shown(10**5000)
    'an object of type int'
    """
    try:
        text = repr(value)
    except Exception:  # an int past the digit limit, a hostile __repr__
        return f"an object of type {type(value).__name__}"
    if len(text) > _SHOWN_LENGTH:
        return f"{text[:_SHOWN_LENGTH]}…({len(text)} chars)"
    return text


class WidgetsError(Exception):
    """Root of every error this package raises on purpose."""


class InvalidInputError(WidgetsError, ValueError):
    """A value given to the API is outside what it accepts.

    ``field`` names the argument, ``value`` is what was given and ``allowed``
    says, in words, what would have been accepted.
    """

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field} must be {allowed}, got {shown(value)}")


class UnknownNameError(InvalidInputError, LookupError):
    """A name (place, method, zone, locale) that is not known.

    ``suggestions`` holds the closest known names, best first.
    """

    def __init__(
        self, field: str, value: object, allowed: str, suggestions: Iterable[str] = ()
    ) -> None:
        self.suggestions = tuple(suggestions)
        super().__init__(field, value, allowed)
        hint = (
            f" (did you mean {', '.join(map(repr, self.suggestions))}?)" if self.suggestions else ""
        )
        self.args = (f"unknown {field}: {shown(value)}{hint}; {field} must be {allowed}",)


class HijriRangeError(InvalidInputError):
    """A date outside the range of the Umm al-Qura table (1343-1500 AH)."""


class TimeUnavailableError(WidgetsError, ValueError):
    """A prayer time that does not exist for this place and day under the chosen rules.

    Raised, for instance, when the sun never reaches the Fajr angle and the
    high-latitude rule is ``"none"``, or in a polar day or night with
    ``polar_resolution="unresolved"``.
    """

    def __init__(self, prayer: str, message: str) -> None:
        self.prayer = prayer
        super().__init__(message)


class MissingExtraError(WidgetsError, ImportError):
    """An optional dependency (a pip extra) that this call needs is not installed."""


def close_matches(word: str, choices: Iterable[str], n: int) -> list[str]:
    """The ``n`` choices closest to a mistyped ``word``, for an error message.

    >>> close_matches("cairo", ["kairo", "giza"], 3)
    ['kairo']
    """
    import difflib  # here: only a mistake needs it

    return difflib.get_close_matches(word, list(choices), n=n)


class _Log:
    """``logging.getLogger("widgets")``, imported on the first message.

    A fresh process that renders without a problem never loads :mod:`logging`
    (a few milliseconds of a cold start). Records name the caller, as a direct
    call on the logger would.
    """

    __slots__ = ()

    def debug(self, message: str, *args: object) -> None:
        """Log ``message % args`` at DEBUG on the ``widgets`` logger."""
        import logging

        logging.getLogger("widgets").debug(message, *args, stacklevel=2)

    def warning(self, message: str, *args: object) -> None:
        """Log ``message % args`` at WARNING on the ``widgets`` logger."""
        import logging

        logging.getLogger("widgets").warning(message, *args, stacklevel=2)


#: The package's logger; hosts configure it as ``logging.getLogger("widgets")``.
logger = _Log()
