"""FastAPI (Starlette) with ``Jinja2Templates``: ``widgets.install(templates.env)``, as the README shows.

Cache headers come from a small HTTP middleware around :class:`widgets.ResponseExpiry`,
the README's snippet.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import jinja2
import pytest

import widgets

from .host_facts import ITEM, STAMP, UTC_STAMP, check_cache_headers, clock

fastapi = pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi import FastAPI, Request  # noqa: E402
from fastapi.responses import HTMLResponse  # noqa: E402
from fastapi.templating import Jinja2Templates  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

PAGE = (
    "<header>{{ prayer_strip('cairo') }}</header>"
    "<article>{{ related_news(items, exclude_url=request.url.path) }}</article>"
)


def make_app() -> FastAPI:
    templates = Jinja2Templates(
        env=jinja2.Environment(loader=jinja2.DictLoader({"page.html": PAGE}), autoescape=True)
    )
    widgets.install(templates.env, timezone="Africa/Cairo", clock=clock)
    app = FastAPI()

    @app.middleware("http")
    async def widget_cache_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Any]]
    ) -> Any:
        with widgets.ResponseExpiry() as expiry:
            response = await call_next(request)
        if request.method == "GET" and "cache-control" not in response.headers:
            response.headers.update(expiry.headers())
        return response

    @app.get("/", response_class=HTMLResponse)
    def page(request: Request) -> Any:  # a sync endpoint: run in a worker thread
        return templates.TemplateResponse(request, "page.html", {"items": [ITEM]})

    @app.get("/async", response_class=HTMLResponse)
    async def page_async(request: Request) -> Any:
        return templates.TemplateResponse(request, "page.html", {"items": [ITEM]})

    return app


@pytest.mark.parametrize("path", ["/", "/async"])
def test_fastapi_page_with_cache_headers(path: str) -> None:
    with TestClient(make_app()) as client:
        response = client.get(path)
    assert response.status_code == 200
    html = response.text
    assert html.count('class="pnw-strip"') == 1 and 'data-pnw-method="egypt"' in html
    assert STAMP in html and UTC_STAMP not in html  # «10:16 م»
    check_cache_headers(response.headers.get("cache-control"), response.headers.get("expires"))
