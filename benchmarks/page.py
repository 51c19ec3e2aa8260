"""P5: what a page pays. A Flask article page with the strip and six related items.

    python benchmarks/page.py [--quick] [--server gunicorn|waitress] [--seconds N]

The same Flask page twice: with the widgets (``{{ prayer_strip(...) }}`` and
``{{ related_news(...) }}`` through ``widgets.install(app.jinja_env)``) and
without them (the same template, the two slots empty). ``now`` comes from a
clock that moves one minute every ``REQUESTS_PER_MINUTE`` requests, so the
news list's relative stamps turn over as on a busy site (the worst case:
every minute a new list).

- in process: ``app.test_client().get("/")``, the whole Flask request,
  alternated. Goal: with widgets <= 1.5x without.
- served: gunicorn (2 sync workers, else waitress with 4 threads) on
  127.0.0.1, loaded by ``wrk`` (2 threads, 8 connections, ``--seconds`` each)
  or, without wrk, by a bounded Python client; the two apps alternate, each
  run bounded in time, and the servers are stopped at the end. Goal: with
  widgets >= 0.8x the requests per second without.

    gunicorn 'page:create_app("widgets")'   # the app alone, from benchmarks/
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))  # common.py
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's widgets

from common import Case, Row, alternate, format_table, machine, medians, spread

HERE = Path(__file__).resolve().parent
GOALS = {"in process": 1.5, "served": 1 / 0.8}
REQUESTS_PER_MINUTE = 50
START = datetime(2025, 5, 1, 0, 0, tzinfo=ZoneInfo("Africa/Cairo"))

PAGE = """<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>{{ article.title }}</title></head>
<body>
<header><a href="/">{{ site }}</a>{% if widgets %}{{ prayer_strip("cairo") }}{% endif %}</header>
<main>
<article><h1>{{ article.title }}</h1>
{% for paragraph in article.body %}<p>{{ paragraph }}</p>
{% endfor %}</article>
<aside>{% if widgets %}{{ related_news(items, relative_within=within) }}{% endif %}</aside>
</main>
<footer>{% for link in links %}<a href="{{ link.href }}">{{ link.label }}</a> {% endfor %}</footer>
</body>
</html>
"""


def seed_items() -> list[dict[str, str]]:
    """Six related items as a site has them (mappings), published in the hours before START."""
    return [
        {
            "title": f"عنوان الخبر رقم {n} عن تطورات اليوم",
            "url": f"/news/{1000 + n}",
            "published": (START - timedelta(minutes=17 + 41 * n)).isoformat(),
        }
        for n in range(6)
    ]


def create_app(kind: str = "widgets") -> object:
    """The article page, with (``"widgets"``) or without (``"plain"``) the two widgets."""
    import flask
    import jinja2

    import widgets

    counter = itertools.count()
    current = [START]

    def clock() -> datetime:  # read by each widget: the request's time
        return current[0]

    app = flask.Flask(__name__)

    @app.before_request
    def tick() -> None:  # the clock moves with requests, however often a page reads it
        current[0] = START + timedelta(minutes=next(counter) // REQUESTS_PER_MINUTE)

    app.jinja_loader = jinja2.DictLoader({"article.html": PAGE})  # type: ignore[assignment]
    if kind == "widgets":
        widgets.install(app.jinja_env, clock=clock)
    items = seed_items()
    article = {
        "title": "وزير الخارجية يستقبل نظيره في القاهرة لبحث العلاقات الثنائية",
        "body": ["فقرة من نص المقال تتناول تفاصيل اللقاء وما دار فيه من مباحثات." * 3] * 6,
    }
    links = [{"href": f"/section/{n}", "label": f"القسم {n}"} for n in range(8)]

    @app.route("/")
    def page() -> str:
        return flask.render_template(
            "article.html",
            widgets=kind == "widgets",
            site="صحيفة المثال",
            article=article,
            items=items,
            within=timedelta(hours=12),
            links=links,
        )

    return app


# --- in process ---------------------------------------------------------------------------------


def in_process_rows(rounds: int) -> list[Row]:
    clients = {kind: create_app(kind).test_client() for kind in ("widgets", "plain")}  # type: ignore[attr-defined]
    page = clients["widgets"].get("/").get_data(as_text=True)
    assert "pnw-strip" in page or "pnw-" in page, "the widgets are missing from the page"

    def get(kind: str) -> Callable[[], object]:
        client = clients[kind]
        return lambda: client.get("/")

    samples = alternate(
        [
            Case(name="widgets", run=get("widgets"), inner=100),
            Case(name="plain", run=get("plain"), inner=100),
        ],
        rounds,
    )
    middle = medians(samples)
    return [
        Row(
            name="P5 Flask page in process",
            ours=middle["widgets"],
            peer=middle["plain"],
            unit="s",
            goal=GOALS["in process"],
            noise=spread(samples["widgets"]),
            note=f"strip + 6 news items; now moves a minute every {REQUESTS_PER_MINUTE} requests",
        )
    ]


# --- served -------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_command(server: str, kind: str, port: int) -> list[str]:
    app = f'page:create_app("{kind}")'
    if server == "gunicorn":
        return [
            sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
            "--log-level", "warning", "--chdir", str(HERE), app,
        ]  # fmt: skip
    code = (
        "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; import page, waitress; "
        "waitress.serve(page.create_app(sys.argv[3]), host='127.0.0.1', port=int(sys.argv[4]), "
        "threads=4, _quiet=True)"
    )
    return [sys.executable, "-c", code, str(HERE), str(HERE.parent), kind, str(port)]


@contextlib.contextmanager
def serving(server: str, kind: str) -> Iterator[int]:
    """Start a server for one app on a free loopback port; stop it (by its pid) at the end."""
    port = _free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent), env.get("PYTHONPATH", "")])
    process = subprocess.Popen(server_command(server, kind, port), env=env)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{server} did not start for {kind}") from None
                time.sleep(0.05)
        with contextlib.suppress(OSError):  # one request each way warms the workers
            for _ in range(4):
                _get(port)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _get(port: int) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def load_wrk(port: int, seconds: float) -> float:
    """Requests per second by wrk (2 threads, 8 connections) for ``seconds``."""
    wrk = shutil.which("wrk")
    assert wrk is not None
    out = subprocess.run(
        [wrk, "-t2", "-c8", f"-d{max(1, round(seconds))}s", "--timeout", "5s",
         f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True, check=True, timeout=seconds + 30,
    ).stdout  # fmt: skip
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"wrk saw errors:\n{out}")
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if found is None:
        raise RuntimeError(f"wrk printed no rate:\n{out}")
    return float(found.group(1))


def load_python(port: int, seconds: float, connections: int = 4) -> float:
    """Requests per second by ``connections`` Python threads for ``seconds`` (no wrk at hand)."""
    done = [0] * connections
    stop = time.monotonic() + seconds

    def worker(slot: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        while time.monotonic() < stop:
            connection.request("GET", "/")
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"status {response.status}")
            done[slot] += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 10)
    return sum(done) / (time.monotonic() - started)


def served_rows(rounds: int, seconds: float, server: str) -> list[Row]:
    load = load_wrk if shutil.which("wrk") else load_python
    rates: dict[str, list[float]] = {"widgets": [], "plain": []}
    for _ in range(rounds):
        for kind in rates:
            with serving(server, kind) as port:
                rates[kind].append(load(port, seconds))
    ours, peer = statistics.median(rates["widgets"]), statistics.median(rates["plain"])
    tool = "wrk -t2 -c8" if load is load_wrk else "Python client, 4 connections"
    return [
        Row(
            name=f"P5 Flask page under {server}",
            # as time per request, so that "ours / peer <= 1.25" reads "rate >= 0.8x"
            ours=1 / ours,
            peer=1 / peer,
            unit="s",
            goal=GOALS["served"],
            noise=spread([1 / rate for rate in rates["widgets"]]),
            note=f"{ours:.0f} vs {peer:.0f} req/s = {ours / peer:.2f}x (goal >= 0.8x); "
            f"{tool}, {seconds:g} s x {rounds} runs each; 127.0.0.1",
        )
    ]


def page_rows(rounds: int, seconds: float = 4.0, server: str | None = None) -> list[Row]:
    rows = in_process_rows(rounds)
    chosen = server or next((s for s in ("gunicorn", "waitress") if _importable(s)), None)
    if chosen is None:
        print("neither gunicorn nor waitress is installed: P5 served is skipped")
        return rows
    return rows + served_rows(max(rounds // 10, 3), seconds, chosen)


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples (a rough look)")
    parser.add_argument("--server", choices=("gunicorn", "waitress"))
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each load run")
    args = parser.parse_args(argv)
    rows = page_rows(10 if args.quick else 30, args.seconds, args.server)
    print("prayer-news-widgets: a Flask page")
    print(machine())
    print("medians of alternating runs; ratio = ours / peer; +-N% = half the interquartile range\n")
    print(format_table(rows))
    return 1 if any(row.ok == "NO" for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
