"""Shared fixtures: the repository root, the seed corpus, the PolNeAR dev split and a
researcher's own codebook for the test corpus tests/data/coverage_corpus."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
POLNEAR = ROOT / ".." / "shared" / "benchmarks" / "polnear-dev"
# What a researcher adds to ``codebook init``'s output for the test corpus's second debate
# (tests/data/coverage_corpus: U.S. troops in Europe), written for these tests.
OWN_TARGET = {"target_id": "troop_withdrawal", "proposition": "The U.S. should withdraw troops from Europe.",
              "terms": r"withdraw\w* (?:\w+ ){0,2}(?:troops|forces);troop (?:cuts|withdrawal|reductions);"
                       r"pull\w* (?:\w+ ){0,2}(?:troops|forces) out"}
OWN_ACTOR = {"actor_id": "ruth_calder", "name": "Ruth Calder", "type": "person", "bloc": "US",
             "aliases": "Senator Calder;Calder"}


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


def _append(path: Path, values: dict[str, str]) -> None:
    """Add a row of ``values`` under the file's own header (other columns empty)."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([values.get(c, "") for c in header])


@pytest.fixture
def own_codebook(tmp_path) -> Path:
    """``codebook init`` plus one target and one actor, as a researcher would add them."""
    from analysis.codebook_tools import init_codebook

    folder = tmp_path / "own_codebook"
    init_codebook(folder)
    _append(folder / "targets.csv", OWN_TARGET)
    _append(folder / "actors.csv", OWN_ACTOR)
    return folder


# Property tests are reproducible: the same examples on every run and machine, no example
# database written into the checkout, and no timing deadline on a shared, busy CPU.
settings.register_profile("burden-shift", derandomize=True, database=None, deadline=None, max_examples=200)
settings.load_profile("burden-shift")
