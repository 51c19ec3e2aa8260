"""Shared fixtures: where the test data, the examples and the code under test are; a few cities."""

from __future__ import annotations

from pathlib import Path

import pytest

import widgets
from widgets import Location

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
# The folder holding tests/, examples/ and README.md: a checkout, an unpacked sdist, or the copy
# that CI makes to run the suite against an installed wheel.
REPO = TESTS.parent
# The package under test, wherever it is imported from (a checkout or site-packages).
PACKAGE = Path(widgets.__file__).resolve().parent


def data_path(*parts: str) -> Path:
    """A path under ``tests/data``; a missing file fails the test, it never skips it."""
    path = DATA.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: the test data ship in tests/data")
    return path


@pytest.fixture
def cairo() -> Location:
    return Location(
        latitude=30.0444,
        longitude=31.2357,
        timezone="Africa/Cairo",
        elevation=23,
        name="القاهرة",
        name_en="Cairo",
        country="EG",
        slug="cairo",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register our marker here, not in pyproject.toml, so a copy of tests/ knows it too."""
    config.addinivalue_line("markers", "browser: needs headless Chromium")
