"""A broken codebook fails on load with a CodebookError naming the file, the line and the fix."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from analysis.codebook import DEFAULT_DIR, CodebookError, load_codebook


@pytest.fixture()
def codebook_copy(tmp_path: Path) -> Path:
    """A private copy of the packaged codebook that a test may break."""
    folder = tmp_path / "codebook"
    shutil.copytree(DEFAULT_DIR, folder)
    return folder


def append_row(path: Path, row: str) -> int:
    """Append one CSV line to ``path``; returns its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + row + "\n", encoding="utf-8")
    return text.count("\n") + 1


def first_row(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[1].split(",")


def assert_error(folder: Path, file: str, line: int, problem: str, fix: str) -> None:
    with pytest.raises(CodebookError) as caught:
        load_codebook(folder)
    message = str(caught.value)
    assert f"{folder / file}, line {line}:" in message
    assert re.search(problem, message), message
    assert re.search(r"Fix: " + fix, message), message


def test_packaged_codebook_loads():
    codebook = load_codebook()
    assert len(codebook.actors) > 0 and len(codebook.targets) > 0


def test_duplicate_actor_id(codebook_copy: Path):
    actor = first_row(codebook_copy / "actors.csv")
    line = append_row(codebook_copy / "actors.csv", f"{actor[0]},Someone Else,person,US,Someone Else")
    assert_error(codebook_copy, "actors.csv", line, rf"duplicate actor_id '{actor[0]}' \(first on line 2\)",
                 "give each row its own actor_id")


def test_unknown_bloc(codebook_copy: Path):
    line = append_row(codebook_copy / "actors.csv", "atlantis_pm,Atlantis PM,person,Atlantis,Atlantis PM")
    assert_error(codebook_copy, "actors.csv", line, "unknown bloc 'Atlantis' in column 'bloc'",
                 r"use one of .*US.*, or add 'Atlantis' to the bloc file")


@pytest.mark.parametrize("file, row", [
    ("cues.csv", "warn(ed,speech,-0.5"),
    ("targets.csv", "bad_target,A proposition.,troops|[unclosed"),
    ("stance_lexicon.csv", "(?P<x,support,0.5,"),
])
def test_malformed_pattern(codebook_copy: Path, file: str, row: str):
    line = append_row(codebook_copy / file, row)
    assert_error(codebook_copy, file, line, "is not a valid regular expression", "correct")


def test_lexicon_bad_role(codebook_copy: Path):
    line = append_row(codebook_copy / "stance_lexicon.csv", "welcome,applaud,0.5,")
    assert_error(codebook_copy, "stance_lexicon.csv", line,
                 "column 'role': 'applaud' is not one of support, oppose, negator, hedge, booster", "correct 'role'")


@pytest.mark.parametrize("weight, problem", [("1.5", "1.5 is outside -1..1"), ("strong", "'strong' is not a number")])
def test_lexicon_weight_out_of_range(codebook_copy: Path, weight: str, problem: str):
    line = append_row(codebook_copy / "stance_lexicon.csv", f"welcome,support,{weight},")
    assert_error(codebook_copy, "stance_lexicon.csv", line, f"column 'weight': {problem}", "correct 'weight'")


@pytest.mark.parametrize("row, cells", [("welcome,support,0.5", 3), ("welcome,support,0.5,,extra", 5)])
def test_lexicon_wrong_cell_count(codebook_copy: Path, row: str, cells: int):
    line = append_row(codebook_copy / "stance_lexicon.csv", row)
    assert_error(codebook_copy, "stance_lexicon.csv", line, f"{cells} cells where the header has 4",
                 "quote cells that contain commas")


def test_lexicon_unknown_target(codebook_copy: Path):
    line = append_row(codebook_copy / "stance_lexicon.csv", "welcome,support,0.5,no_such_target")
    assert_error(codebook_copy, "stance_lexicon.csv", line, "unknown target 'no_such_target'",
                 "use one of .*burden_shift")


def test_missing_required_cell(codebook_copy: Path):
    line = append_row(codebook_copy / "actors.csv", "nameless,,person,US,")
    assert_error(codebook_copy, "actors.csv", line, "column 'name' is empty", "fill in 'name'")


def test_missing_file_names_the_file(codebook_copy: Path):
    (codebook_copy / "cues.csv").unlink()
    with pytest.raises(CodebookError, match=re.escape(f"{codebook_copy / 'cues.csv'}: file not found")):
        load_codebook(codebook_copy)
