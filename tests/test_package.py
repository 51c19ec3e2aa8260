"""The package's shape: import direction, public surface, README and templates in step."""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from datetime import date, datetime, timezone
from importlib.metadata import version
from pathlib import Path

import pytest

import widgets
from widgets.methods import METHODS
from widgets.render import templates_path

from .conftest import PACKAGE, REPO

# The one-way flow: a module imports only modules before it (or its own subpackage).
LAYERS = (
    "errors",
    "zones",
    "methods",
    "places",
    "hijri_table",
    "hijri",
    "sun",
    "prayer",
    "news",
    "feeds",
    "labels",
    "l10n",
    "views",
    "headlines",
    "tables",
    "render",
    "host",
    "site",
    "contrib",
    "cli",
)
DOMAIN = LAYERS[: LAYERS.index("feeds") + 1]  # neither Babel nor Jinja2
# Rooms that face users: they may use only the public API (``widgets``) and their own room.
PUBLIC_ONLY = ("site", "contrib", "cli", "__main__")


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name below ``widgets`` ("site.build"...)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """What a module imports: third-party top-level names, ours as ``widgets.<module>``."""
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            if node.module.startswith("widgets"):
                found.update(_submodules(node.module, node.names))
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level > 1 else package
            anchor = ".".join(["widgets", *base])
            module = f"{anchor}.{node.module}" if node.module else anchor
            found.add(module)
            found.update(_submodules(module, node.names))
    return {entry.split(".")[0] if not entry.startswith("widgets") else entry for entry in found}


def _submodules(module: str, names: list[ast.alias]) -> set[str]:
    """The names of ``from module import names`` that are modules of ours."""
    known = {f"widgets.{name}" if name else "widgets" for name in _modules()}
    return {f"{module}.{alias.name}" for alias in names} & known


def _room(dotted: str) -> str:
    """The layer a ``widgets.x.y`` import belongs to ("" for the package itself)."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_import_rules_see_absolute_and_relative_imports() -> None:
    seen = _imports("site.build", PACKAGE / "site" / "build.py")
    assert "widgets" in seen and "widgets.site.export" in seen  # absolute and relative
    assert "widgets.render" in _imports("host", PACKAGE / "host.py")


@pytest.mark.parametrize("name", sorted(_modules()))
def test_imports_flow_one_way(name: str) -> None:
    path = _modules()[name]
    room = name.split(".")[0]
    ours = {entry for entry in _imports(name, path) if entry.startswith("widgets")}
    if room in ("", "_version"):
        return  # the public surface re-exports everything
    if room == "__main__":
        assert ours <= {"widgets", "widgets.cli"}
        return
    if room in PUBLIC_ONLY:
        for entry in ours:  # only the public API, and its own room
            assert entry in ("widgets", "widgets._version") or _room(entry) in (room, "site"), (
                f"{name} reaches into {entry}"
            )
            if room == "site":
                assert _room(entry) in ("", "site"), f"{name} reaches into {entry}"
        return
    rank = LAYERS.index(room)
    for entry in ours:
        other = _room(entry)
        assert other in LAYERS[:rank] or other == room, f"{name} imports {entry} against the flow"


def test_third_party_imports_stay_in_their_rooms() -> None:
    users: dict[str, set[str]] = {}
    for name, path in _modules().items():
        for entry in _imports(name, path):
            users.setdefault(entry, set()).add(name.split(".")[0])
    assert users.get("praytimes", set()) <= {"sun"}
    assert users.get("babel", set()) <= {"l10n"}
    assert users.get("jinja2", set()) <= {"render", "host", "site", "contrib"}
    assert users.get("markupsafe", set()) <= {"render", "host", "contrib"}
    for name in DOMAIN:
        assert not {"babel", "jinja2", "markupsafe"} & _imports(name, PACKAGE / f"{name}.py")


def test_no_module_over_700_lines() -> None:
    long = {
        name: n for name, p in _modules().items() if (n := len(p.read_text().splitlines())) > 700
    }
    assert long == {}


HTML_OR_CSS = re.compile(
    r"<!DOCTYPE|<(html|head|body|style|section|div|table|ul|ol|footer|header|main|article)\b"
    r"|^\s*(margin|padding|color|background|font|display|border)[a-z-]*\s*:\s*[^;]+;",
    re.IGNORECASE | re.MULTILINE,
)


def test_no_html_or_css_in_python_files() -> None:
    found = {name for name, path in _modules().items() if HTML_OR_CSS.search(path.read_text())}
    assert found == set()


def test_public_surface_is_explicit() -> None:
    assert sorted(widgets.__all__) == sorted(set(widgets.__all__))
    for name in widgets.__all__:
        assert hasattr(widgets, name), name
    for name in (
        "place",
        "Location",
        "prayer_times",
        "timetable",
        "METHODS",
        "Method",
        "render_prayer_strip",
        "render_related_news",
        "install",
        "Fragment",
        "NewsItem",
    ):
        assert name in widgets.__all__


def test_version_is_single_sourced() -> None:
    assert widgets.__version__ == version("prayer-news-widgets")


def test_readme_lists_every_method() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    readme = readme.split("## Methods", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([a-z_]+)` \|", readme, flags=re.M))
    assert listed == set(METHODS)


def test_design_slugs_are_all_there() -> None:
    required = [
        "egypt",
        "umm_al_qura",
        "dubai",
        "kuwait",
        "qatar",
        "bahrain",
        "oman",
        "jordan",
        "syria",
        "lebanon",
        "iraq",
        "palestine",
        "morocco",
        "algeria",
        "tunisia",
        "libya",
        "sudan",
        "yemen",
        "mwl",
        "isna",
        "karachi",
        "tehran",
        "jafari",
        "gulf",
        "singapore",
        "jakim",
        "kemenag",
        "turkey",
        "france",
        "russia",
        "moonsighting",
    ]
    assert set(required) <= set(METHODS)
    assert all(METHODS[slug].source and METHODS[slug].name_ar for slug in required)


def test_templates_mark_nothing_safe_and_use_no_filters_of_ours() -> None:
    for template in (templates_path() / "widgets").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", ""), template.name
        assert "autoescape false" not in text, template.name


def test_readme_python_example_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### 1. The Python API, in a backend", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert isinstance(namespace["strip"], widgets.Fragment)
    assert "القاهرة" in namespace["strip"]  # type: ignore[operator]


def test_readme_names_exactly_the_functions_that_take_tune() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"`tune=\{[^`]*\}` adds [^;]*", readme)
    assert found, "the README no longer says where tune= applies"
    named = set(re.findall(r"`(\w+)\(\)`", found.group(0)))
    takers: set[str] = set()
    for name in widgets.__all__:
        value = getattr(widgets, name)
        if inspect.isfunction(value) and "tune" in inspect.signature(value).parameters:
            takers.add(name)
    assert named and named == takers


def test_readme_static_site_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### 3. Static files, from Python or the command line", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    result = namespace["result"]
    assert isinstance(result, widgets.BuildResult)
    out = tmp_path / "public" / "widgets"
    assert {path.resolve().relative_to(out).as_posix() for path in result.written} >= {
        "widgets.css",
        "index.html",
        "riyadh/prayer-strip.html",
        "cairo/days/2026-03-07.html",
    }
    strip = (out / "cairo" / "prayer-strip.html").read_text(encoding="utf-8")
    assert "القاهرة" in strip
    # Noon UTC is 14:00 in Cairo: its strip is true until Asr, the earliest change of the three.
    asr = widgets.prayer_times("cairo", date(2026, 3, 1)).asr
    assert result.expires_at == min(
        asr,
        widgets.render_prayer_strip(
            "riyadh", now=datetime(2026, 3, 1, 12, tzinfo=timezone.utc), method="umm_al_qura"
        ).expires_at,  # type: ignore[type-var]
        widgets.render_prayer_strip(
            "alexandria", now=datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
        ).expires_at,  # type: ignore[type-var]
    )
    assert "run again at" in capsys.readouterr().out


def test_every_cache_has_a_bound() -> None:
    """An lru_cache without maxsize would grow with every new day, place or string."""
    import importlib
    import pkgutil

    caches = []
    for info in pkgutil.walk_packages(widgets.__path__, "widgets."):
        if info.name == "widgets.__main__":
            continue  # runs the command line when imported
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            ours = getattr(value, "__module__", "") == info.name  # not an imported function
            if ours and callable(getattr(value, "cache_info", None)):
                caches.append((f"{info.name}.{name}", value.cache_info().maxsize))
    assert caches, "no cache found: the walk is broken"
    assert [name for name, size in caches if size is None] == []


#: Modules a fresh process showing a strip must not load: the integrations, the
#: feeds and the site builder, and the standard modules only an error or another
#: widget needs.
OFF_THE_STRIP_PATH = (
    "django",
    "flask",
    "feedparser",
    "multiprocessing",
    "widgets.site",
    "widgets.feeds",
    "widgets.contrib",
    "widgets.cli",
    "widgets.__main__",
    "difflib",
    "logging",
    "html",
    "email",
)


def test_a_strip_loads_only_what_it_needs() -> None:
    code = (
        "import sys, widgets; from datetime import datetime, timezone; "
        "widgets.render_prayer_strip('cairo', now=datetime(2025, 4, 30, 8, tzinfo=timezone.utc)); "
        "print(' '.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    loaded = done.stdout.split()
    assert "widgets.render" in loaded
    off = [
        name
        for name in loaded
        if name.split(".")[0] in OFF_THE_STRIP_PATH or name.startswith(OFF_THE_STRIP_PATH)
    ]
    assert off == []
