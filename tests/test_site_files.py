"""Builds that clean up after a killed build and refuse a second build into the same folder.

Both are tested with real second processes: one killed with SIGKILL while it
writes, one holding a build open while this process starts another. The demo
pages' environment is held to what stock Jinja2 prints.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

import widgets
from widgets.site import BuildLockedError

from .conftest import REPO

NOW = datetime.fromisoformat("2026-03-01T14:00:00+02:00")
ENV = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}

# A build whose first file write stops before the rename until stdin gives a line; it
# prints "paused" once its temporary file exists, so the test can kill it or race it.
PAUSED_BUILD = """
import os, sys
from datetime import datetime
import widgets
from widgets.site import files

real_replace = os.replace

def replace(source, target):
    if ".pnw-" in os.fspath(source):
        print("paused", flush=True)
        sys.stdin.readline()
        os.replace = real_replace
    real_replace(source, target)

os.replace = replace
widgets.build_site(
    sys.argv[1], ["cairo"], now=datetime.fromisoformat(sys.argv[2]), days=0, news=None
)
print("built", flush=True)
"""


@pytest.fixture
def paused_build(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    child = subprocess.Popen(
        [sys.executable, "-c", PAUSED_BUILD, str(tmp_path / "site"), NOW.isoformat()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        cwd=tmp_path,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    if line.strip() != "paused":
        child.kill()
        pytest.fail(f"the child build did not start: {line!r} {child.communicate()[1]}")
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)


def _temporaries(root: Path) -> list[Path]:
    return sorted(root.rglob(".*.pnw-*.tmp"))


def test_a_killed_build_leaves_temporaries_the_next_build_removes(
    tmp_path: Path, paused_build: subprocess.Popen[str]
) -> None:
    root = tmp_path / "site"
    left = _temporaries(root)
    assert left, "the paused build should have a temporary file open"
    os.kill(paused_build.pid, signal.SIGKILL)
    paused_build.wait(timeout=30)
    assert paused_build.returncode == -signal.SIGKILL
    assert _temporaries(root) == left  # kill -9 runs no clean-up of its own
    (root / ".htaccess").write_text("# the site's own dotfile\n", encoding="utf-8")

    result = widgets.build_site(root, ["cairo"], now=NOW, days=0, news=None)

    assert _temporaries(root) == []
    assert (root / ".htaccess").exists()  # only our own temporaries are touched
    assert (root / "index.html").stat().st_size > 0
    assert result.written


def test_a_second_build_into_the_same_folder_is_refused_clearly(
    tmp_path: Path, paused_build: subprocess.Popen[str]
) -> None:
    root = tmp_path / "site"
    with pytest.raises(BuildLockedError, match="another build is writing to"):
        widgets.build_site(root, ["cairo"], now=NOW, days=0, news=None)
    refused = subprocess.run(
        [sys.executable, "-m", "widgets", "build", "--out", str(root), "--now", NOW.isoformat()],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )
    assert refused.returncode == 1
    assert "another build is writing to" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _temporaries(root)  # the refused builds touched nothing of the running one

    out, err = paused_build.communicate("go\n", timeout=120)  # the first build finishes
    assert paused_build.returncode == 0, err
    assert out.strip().endswith("built")
    assert _temporaries(root) == []
    # and the folder is free again
    assert widgets.build_site(root, ["cairo"], now=NOW, days=0, news=None).unchanged


def test_builds_into_different_folders_do_not_block_each_other(
    tmp_path: Path, paused_build: subprocess.Popen[str]
) -> None:
    other = widgets.build_site(tmp_path / "other", ["cairo"], now=NOW, days=0, news=None)
    assert other.written
    paused_build.communicate("go\n", timeout=120)
    assert paused_build.returncode == 0


def test_demo_pages_print_what_stock_jinja2_prints() -> None:
    """The pages' environment escapes as a stock Jinja2 one does, hostile values included."""
    import jinja2
    from markupsafe import Markup

    from widgets.site import pages

    ours = pages._environment(None)
    stock = jinja2.Environment(
        loader=ours.loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    hostile = "<script>'x' & \"y\"</script>"
    text = pages.texts("ar", hostile)._replace(body=(hostile, "نص", Markup("<b>ok</b>")))
    page = pages.PageFrame(
        lang="ar-EG",
        dir="rtl",
        title=hostile,
        assets="../",
        home="../index.html?a=1&b=2",
        script=True,
        generator="gen 1",
        built="2026-02-19T10:00:00+02:00",
        built_text=hostile,
        tz_database="tzdata 2025b",
        date_iso="2026-02-19",
        date="الخميس",
    )
    context = {
        "page": page,
        "text": text,
        "city": pages.PlaceFacts(method_name=hostile, method_source="7 < 8"),
        "links": [pages.Link(href="a.html?x=1&y='2'", label=hostile)],
        "strip": Markup("<section>strip</section>"),
        "news": "<aside>not markup</aside>",
        "heading": hostile,
        "table": "",
        "cities": [pages.CityEntry(href="c/index.html", name=hostile, strip="")],
    }
    for name in ("article.html", "table.html", "cities.html"):
        template = ours.get_template(f"site/{name}")
        shortcut = template.root_render_func.__globals__["escape"]
        assert shortcut.__qualname__ == "_escape"  # the widgets environment's shortcut
        printed = template.render(context)
        assert printed == stock.get_template(f"site/{name}").render(context), name
        assert "<script>" not in printed and "<aside>" not in printed


def test_a_site_article_template_overrides_ours_whichever_way_it_reads_fields(
    tmp_path: Path,
) -> None:
    """A site's own ``site/article.html`` replaces ours in every place and day page.

    It reads fields as attributes or as keys, includes our footer, and gets
    the same strip file the build writes beside it.
    """
    mine = tmp_path / "mine" / "site"
    mine.mkdir(parents=True)
    (mine / "article.html").write_text(
        '<!doctype html><html lang="{{ page["lang"] }}" dir="{{ page.dir }}">'
        "<title>{{ page['title'] }}</title><header>{{ strip }}</header>"
        "<h1>{{ text['headline'] }}</h1><p>{{ text.body[1] }}</p>"
        "{% include 'site/place_footer.html' %}</html>\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    widgets.build_site(out, ["cairo"], now=NOW, days=2, templates=tmp_path / "mine", durable=False)
    for page, strip, up in (
        (out / "index.html", out / "prayer-strip.html", ""),
        (out / "days" / "2026-03-02.html", out / "days" / "2026-03-02.prayer-strip.html", "../"),
    ):
        html = page.read_text("utf-8")
        assert html.startswith('<!doctype html><html lang="ar-EG" dir="rtl"><title>')
        assert "<header>" + strip.read_text("utf-8") + "</header>" in html
        assert "<h1>صفحة تجريبية: مواقيت الصلاة والأخبار ذات الصلة</h1>" in html
        assert "لمدينة القاهرة بطريقة «الهيئة المصرية العامة للمساحة»" in html
        assert f'<li><a href="{up}month.html">مواقيت الشهر</a></li>' in html
    # the pages it does not override are still ours
    assert '<main class="site-main">' in (out / "month.html").read_text("utf-8")


@pytest.mark.parametrize("templates", ["missing", "file.html", ""])
def test_templates_must_be_an_existing_folder(tmp_path: Path, templates: str) -> None:
    (tmp_path / "file.html").write_text("<p>not a folder</p>", encoding="utf-8")
    out = tmp_path / "out"
    given = tmp_path / templates if templates else templates
    with pytest.raises(widgets.InvalidInputError) as caught:
        widgets.build_site(out, ["cairo"], now=NOW, templates=given)
    assert caught.value.field == "templates"
    assert str(caught.value).startswith("templates must be an existing folder, got ")
    assert not out.exists()  # refused before anything is written


def test_prayer_times_json_has_a_field_per_line_and_a_day_per_line(tmp_path: Path) -> None:
    """Readable, and a rebuilt site's diff shows the days that changed; the data is json's."""
    import json

    widgets.build_site(tmp_path, ["cairo"], now=NOW, days=3, durable=False)
    text = (tmp_path / "prayer-times.json").read_text("utf-8")
    document = json.loads(text)
    lines = text.splitlines()
    days = [line.rstrip(",") for line in lines if line.startswith('    {"date": ')]
    assert [json.loads(day) for day in days] == document["days"]
    assert [json.loads(day)["date"] for day in days] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert lines[0] == "{" and lines[-1] == "}" and text.endswith("}\n")
    names = [line.split('"')[1] for line in lines if line.startswith('  "')]
    assert names == list(document)  # each field on a line of its own
    assert "\\u" not in text  # Arabic as it is, not escaped
