"""Shared fixtures: the repository root, the seed corpus and the PolNeAR dev split."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

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


# Property tests are reproducible: the same examples on every run and machine, no example
# database written into the checkout, and no timing deadline on a shared, busy CPU.
settings.register_profile("burden-shift", derandomize=True, database=None, deadline=None, max_examples=200)
settings.load_profile("burden-shift")
