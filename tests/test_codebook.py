"""A broken codebook fails on load with a CodebookError naming the file, the line and the fix.

Each test copies the packaged codebook to a temporary folder and appends one broken row,
built from the file's own header and first row so that the tests follow the schema."""
from __future__ import annotations

import csv
import io
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


def first_data_row(path: Path) -> tuple[int, dict[str, str]]:
    """The line number and cells of the first row that is neither blank nor a # comment."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            cells = list(row.values())
            if any(c.strip() for c in cells) and not cells[0].lstrip().startswith("#"):
                return reader.line_num, row
    raise AssertionError(f"{path} has no data row")


def first_row(path: Path) -> dict[str, str]:
    return first_data_row(path)[1]


def append_cells(path: Path, cells: list[str]) -> int:
    """Append one CSV row to ``path``; returns its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    path.write_text(text + buffer.getvalue(), encoding="utf-8")
    return text.count("\n") + 1


def append_variant(path: Path, **changes: str) -> int:
    """Append a copy of the file's first row with ``changes``; returns its line number."""
    row = first_row(path) | changes
    return append_cells(path, list(row.values()))


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


@pytest.mark.parametrize("file, key", [("actors.csv", "actor_id"), ("blocs.csv", "bloc"), ("targets.csv", "target_id")])
def test_duplicate_id(codebook_copy: Path, file: str, key: str):
    path = codebook_copy / file
    first_line, row = first_data_row(path)
    line = append_variant(path)
    assert_error(codebook_copy, file, line, rf"duplicate {key} '{re.escape(row[key])}' \(first on line {first_line}\)",
                 f"give each row its own {key}")


def test_unknown_bloc(codebook_copy: Path):
    line = append_variant(codebook_copy / "actors.csv", actor_id="atlantis_pm", bloc="Atlantis")
    assert_error(codebook_copy, "actors.csv", line, "unknown bloc 'Atlantis' in column 'bloc'",
                 r"use one of .*US.*, or add 'Atlantis' to the bloc file")


def test_unknown_actor_type(codebook_copy: Path):
    line = append_variant(codebook_copy / "actors.csv", actor_id="robot", type="robot")
    assert_error(codebook_copy, "actors.csv", line, "column 'type': 'robot' is not one of person", "correct 'type'")


@pytest.mark.parametrize("file, changes", [
    ("cues.csv", {"cue": "warn(ed"}),
    ("targets.csv", {"target_id": "bad_target", "terms": "troops;[unclosed"}),
    ("stance_lexicon.csv", {"term": "(?P<x"}),
])
def test_malformed_pattern(codebook_copy: Path, file: str, changes: dict[str, str]):
    line = append_variant(codebook_copy / file, **changes)
    assert_error(codebook_copy, file, line, "is not a valid regular expression", "correct")


def test_lexicon_bad_role(codebook_copy: Path):
    line = append_variant(codebook_copy / "stance_lexicon.csv", role="applaud")
    assert_error(codebook_copy, "stance_lexicon.csv", line,
                 "column 'role': 'applaud' is not one of support, oppose, claim, negator, hedge, booster, referent",
                 "correct 'role'")


def test_cue_doubts_is_yes_or_empty(codebook_copy: Path):
    line = append_variant(codebook_copy / "cues.csv", cue="mulled", doubts="maybe")
    assert_error(codebook_copy, "cues.csv", line, "column 'doubts': 'maybe' is not one of yes", "correct 'doubts'")


def test_cues_without_doubts_column_load(codebook_copy: Path):
    path = codebook_copy / "cues.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row[:-1] for row in csv.reader(handle)]
    assert rows[0] == ["cue", "kind", "stance", "complement"]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert set(load_codebook(codebook_copy).cues["doubts"]) == {""}


@pytest.mark.parametrize("weight, problem", [("1.5", "1.5 is outside -1..1"), ("strong", "'strong' is not a number")])
def test_lexicon_weight_out_of_range(codebook_copy: Path, weight: str, problem: str):
    line = append_variant(codebook_copy / "stance_lexicon.csv", weight=weight)
    assert_error(codebook_copy, "stance_lexicon.csv", line, f"column 'weight': {problem}", "correct 'weight'")


@pytest.mark.parametrize("delta", [-1, 1])
def test_lexicon_wrong_cell_count(codebook_copy: Path, delta: int):
    path = codebook_copy / "stance_lexicon.csv"
    cells = list(first_row(path).values())
    cells = cells[:-1] if delta < 0 else [*cells, "extra"]
    line = append_cells(path, cells)
    assert_error(codebook_copy, "stance_lexicon.csv", line,
                 f"{len(cells)} cells where the header has {len(cells) - delta}", "quote cells that contain commas")


def test_lexicon_unknown_target(codebook_copy: Path):
    line = append_variant(codebook_copy / "stance_lexicon.csv", target="no_such_target")
    assert_error(codebook_copy, "stance_lexicon.csv", line, "unknown target 'no_such_target'",
                 "use one of .*burden_shift")


def test_missing_required_cell(codebook_copy: Path):
    line = append_variant(codebook_copy / "actors.csv", actor_id="nameless", name="")
    assert_error(codebook_copy, "actors.csv", line, "column 'name' is empty", "fill in 'name'")


def test_missing_file_names_the_file(codebook_copy: Path):
    (codebook_copy / "cues.csv").unlink()
    with pytest.raises(CodebookError, match=re.escape(f"{codebook_copy / 'cues.csv'}: file not found")):
        load_codebook(codebook_copy)


def test_target_id_may_not_end_like_a_column_beside_a_stance(codebook_copy: Path):
    line = append_variant(codebook_copy / "targets.csv", target_id="energy_source")
    assert_error(codebook_copy, "targets.csv", line, "column 'target_id': 'energy_source' ends like a column beside",
                 "correct 'target_id'")


@pytest.mark.parametrize("changes, problem, fix", [
    ({"actors": "Europe", "domain": "", "acts": ""}, "has actors or domain but no acts", "fill in 'acts'"),
    ({"actors": "", "domain": "", "acts": "take over"}, "has acts but neither actors nor domain", "fill in 'actors'"),
    ({"actors": "", "domain": "defen[cs", "acts": "lead"}, "column 'domain'.*not a valid regular expression",
     "correct 'domain'"),
])
def test_target_facets_are_validated(codebook_copy: Path, changes: dict[str, str], problem: str, fix: str):
    line = append_variant(codebook_copy / "targets.csv", target_id="facet_target", **changes)
    assert_error(codebook_copy, "targets.csv", line, problem, fix)


def test_targets_without_facet_columns_still_load(codebook_copy: Path):
    path = codebook_copy / "targets.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [{k: row[k] for k in ("target_id", "proposition", "terms")} for row in csv.DictReader(handle)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["target_id", "proposition", "terms"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    targets = load_codebook(codebook_copy).targets
    assert list(targets["target_id"]) == [r["target_id"] for r in rows]
    assert (targets[["actors", "domain", "acts"]] == "").all().all()
