"""Regenerate docs/demo.png and docs/demo-phone.png: the demo site as a reader sees it.

Builds the demo site for a fixed instant, serves it on localhost and takes
Chromium's screenshots with the page's clock pinned to that instant (so the
script shows the mark and the countdown of the build)::

    python docs/screenshot.py            # needs the test extra and /usr/bin/chromium
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from widgets import cli

NOW = "2026-03-01T14:00:00+02:00"
DOCS = Path(__file__).resolve().parent
SHOTS = (("demo.png", 1280, 900, 1, True), ("demo-phone.png", 390, 844, 2, False))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def main() -> int:
    """Build the demo site and write the screenshots next to this file."""
    with tempfile.TemporaryDirectory() as site:
        if cli.main(["build", "--demo", "--now", NOW, "--out", site, "--quiet"]) != 0:
            return 1
        handler = functools.partial(_Quiet, directory=site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--headless", "--no-sandbox", "--disable-gpu"],
                )
                for name, width, height, scale, full in SHOTS:
                    context = browser.new_context(
                        viewport={"width": width, "height": height},
                        device_scale_factor=scale,
                        locale="ar-EG",
                    )
                    page = context.new_page()
                    page.clock.install(time=datetime.fromisoformat(NOW))
                    page.goto(url, wait_until="load")
                    page.screenshot(path=str(DOCS / name), full_page=full)
                    context.close()
                    print(f"wrote docs/{name}")
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
