"""Shared fixtures: the reference folder beside the repository, and a few cities."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from widgets import Location

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


def shared_path(*parts: str) -> Path:
    """A path under ``../shared``; skips the test when absent, except in CI where it fails."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing: CI must run beside the project's shared/ folder")
        pytest.skip(f"{path} is absent (a clone outside the project's workspace)")
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
