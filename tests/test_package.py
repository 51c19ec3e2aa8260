"""The package's shape: import direction, public surface, README and templates in step."""

from __future__ import annotations

import ast
import re
from importlib.metadata import version
from pathlib import Path

import pytest

import widgets
from widgets.methods import METHODS
from widgets.render import templates_path

from .conftest import PACKAGE, REPO

DOMAIN = ("places", "methods", "prayer", "hijri", "news", "zones", "errors")


def _imports(module: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 1:
            found.add("." + (node.module or ""))
    return found


@pytest.mark.parametrize("name", DOMAIN)
def test_domain_modules_import_neither_babel_nor_jinja(name: str) -> None:
    imported = _imports(PACKAGE / f"{name}.py")
    assert not imported & {"babel", "jinja2", "markupsafe", ".l10n", ".render", ".cli"}


def test_only_prayer_talks_to_praytimes() -> None:
    users = {p.stem for p in PACKAGE.glob("*.py") if "praytimes" in _imports(p)}
    assert users == {"prayer"}


def test_cli_uses_the_public_api_not_the_engine() -> None:
    cli = PACKAGE / "cli.py"
    if cli.exists():
        assert not _imports(cli) & {"praytimes", "babel", ".prayer"}


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


def test_every_cache_has_a_bound() -> None:
    """An lru_cache without maxsize would grow with every new day, place or string."""
    import importlib
    import pkgutil

    caches = []
    for info in pkgutil.iter_modules(widgets.__path__, "widgets."):
        if info.name == "widgets.__main__":
            continue  # runs the command line when imported
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            ours = getattr(value, "__module__", "") == info.name  # not an imported function
            if ours and callable(getattr(value, "cache_info", None)):
                caches.append((f"{info.name}.{name}", value.cache_info().maxsize))
    assert len(caches) >= 20  # the caches of the prayer, l10n, hijri and render layers
    assert [name for name, size in caches if size is None] == []
