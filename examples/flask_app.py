"""A Flask news site with the prayer strip in its layout and related news under each article.

    pip install flask
    flask --app examples/flask_app.py run

``PrayerWidgets(app)`` puts the widget templates behind the app's own (a
``widgets/prayer_strip.html`` of the app would win), adds the globals
``prayer_strip(...)`` and ``related_news(...)``, which
``flask_templates/layout.html`` and ``article.html`` call, with the site's
place and zone from the ``PRAYER_WIDGETS_*`` config keys, and sets
``Cache-Control``/``Expires`` until the next prayer. The stylesheet is served
from the package at ``/widgets/widgets.css``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from flask import Flask, abort, render_template, send_from_directory
from werkzeug.wrappers import Response

import widgets
from widgets.contrib.flask import PrayerWidgets

HERE = Path(__file__).resolve().parent


def create_app(clock: Callable[[], datetime] | None = None) -> Flask:
    """Build the app; ``clock`` fixes "now" for the widgets (default: the real clock)."""
    app = Flask(__name__, template_folder=str(HERE / "flask_templates"))
    app.config.update(PRAYER_WIDGETS_PLACE="cairo", PRAYER_WIDGETS_TIMEZONE="Africa/Cairo")
    PrayerWidgets(app, clock=clock)
    articles = widgets.load_news(HERE / "news.json")  # the sample items double as articles

    @app.get("/")
    def home() -> str:
        return render_template("article.html", article=articles[0], articles=articles)

    @app.get("/news/<int:number>")
    def article(number: int) -> str:
        if not 1 <= number <= len(articles):
            abort(404)
        return render_template("article.html", article=articles[number - 1], articles=articles)

    @app.get("/widgets/<path:filename>")
    def widget_assets(filename: str) -> Response:
        if filename not in {"widgets.css", "widgets.js"}:
            abort(404)
        return send_from_directory(widgets.templates_path() / "widgets", filename)

    return app


app = create_app()
