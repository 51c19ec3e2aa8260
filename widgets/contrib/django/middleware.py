"""``CacheHeadersMiddleware``: a response is cached until the first widget on it changes.

Add ``"widgets.contrib.django.middleware.CacheHeadersMiddleware"`` to
``MIDDLEWARE``. While a view renders, every widget a tag renders reports its
``expires_at``; a successful ``GET`` or ``HEAD`` response that showed one
gets ``Cache-Control: max-age`` (the smaller, if the view set one) and, unless
the view set it, ``Expires``, both ending at the earliest of them: the next
prayer, or midnight. ``PRAYER_WIDGETS = {"cache_headers": False}`` turns it
off. Headers are not added to responses that say ``no-store`` or ``private``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control

import widgets

from .conf import cache_headers_enabled

__all__ = ["CacheHeadersMiddleware"]

_CACHEABLE_METHODS = frozenset({"GET", "HEAD"})
_CACHEABLE_STATUS = frozenset({200, 203, 300, 301, 404, 410})


class CacheHeadersMiddleware:
    """Sets ``Cache-Control`` and ``Expires`` from the widgets rendered into a response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with widgets.ResponseExpiry() as expiry:
            response = self.get_response(request)
        if (
            expiry.expires_at is None
            or request.method not in _CACHEABLE_METHODS
            or response.status_code not in _CACHEABLE_STATUS
            or not cache_headers_enabled()
        ):
            return response
        existing = response.get("Cache-Control", "").lower()
        if "no-store" in existing or "private" in existing or "no-cache" in existing:
            return response
        headers: dict[str, Any] = expiry.headers()
        patch_cache_control(response, max_age=expiry.max_age())
        if not response.has_header("Expires"):
            response["Expires"] = headers["Expires"]
        return response
