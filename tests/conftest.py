"""Shared fixtures: the repository root, the seed corpus and the PolNeAR dev split."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
POLNEAR = ROOT / ".." / "shared" / "benchmarks" / "polnear-dev"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository checkout."""
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The committed seed corpus (read only: tests never write into it)."""
    return SEEDS


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    """The PolNeAR dev split, read by path; tests using it skip when it is absent."""
    if not (POLNEAR / "text").is_dir():
        pytest.skip(f"PolNeAR dev split not found at {POLNEAR}")
    return POLNEAR
