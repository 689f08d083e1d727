"""A researcher's own codebook: ``codebook init`` writes a valid one, ``codebook check``
validates and counts, and ``run``/``statements`` use it through ``--codebook``."""
from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.codebook import DEFAULT_DIR, SCHEMAS, CodebookError, load_codebook
from analysis.codebook_tools import check_codebook, init_codebook
from analysis.notebooks import ROOT, corpus_parameters
from analysis.tables import read_table

CORPUS = Path(__file__).resolve().parent / "data" / "coverage_corpus"
def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_init_writes_a_codebook_that_loads(tmp_path):
    written = init_codebook(tmp_path / "cb")
    assert sorted(p.name for p in written) == sorted([*SCHEMAS, "README.md"])
    codebook = load_codebook(tmp_path / "cb")
    assert codebook.target_ids == ["example_target"]
    assert codebook.actors.empty  # the example actor is a comment
    for name, columns in SCHEMAS.items():
        assert _rows(tmp_path / "cb" / name)[0][:len(columns)] == [c.name for c in columns], name
    readme = (tmp_path / "cb" / "README.md").read_text(encoding="utf-8")
    for name in SCHEMAS:
        assert f"## {name}" in readme


def test_example_target_fills_every_column_the_packaged_file_fills(tmp_path):
    init_codebook(tmp_path / "cb")
    header, example = _rows(tmp_path / "cb" / "targets.csv")
    packaged = _rows(DEFAULT_DIR / "targets.csv")
    filled = {c for i, c in enumerate(packaged[0]) if any(len(r) > i and r[i] for r in packaged[1:])}
    assert {"target_id", "proposition", "terms"} <= filled
    assert all(value for column, value in zip(header, example) if column in filled)


def test_commented_example_actor_is_valid_once_uncommented(tmp_path):
    init_codebook(tmp_path / "cb")
    path = tmp_path / "cb" / "actors.csv"
    header, example = _rows(path)
    assert example[0].startswith("#")
    example[0] = example[0].split(":", 1)[1].strip()
    path.write_text(",".join(header) + "\n" + ",".join(example) + "\n", encoding="utf-8")
    assert list(load_codebook(tmp_path / "cb").actors["name"]) == ["Jane Example"]


def test_lexicon_keeps_the_general_rows_only(tmp_path):
    init_codebook(tmp_path / "cb")
    packaged = load_codebook().stance_lexicon
    copied = load_codebook(tmp_path / "cb").stance_lexicon
    assert len(copied) == (packaged["target"] == "").sum() > 0
    assert (copied["target"] == "").all()
    assert list(load_codebook(tmp_path / "cb").cues["cue"]) == list(load_codebook().cues["cue"])


def test_init_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "cb").mkdir()
    (tmp_path / "cb" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="already holds files"):
        init_codebook(tmp_path / "cb")
    assert main(["codebook", "init", str(tmp_path / "cb")]) == 2


def test_check_names_file_line_and_fix(own_codebook, capsys):
    folder = own_codebook
    with (folder / "actors.csv").open("a", encoding="utf-8") as handle:
        handle.write("bad,Bad Actor,ghost,US,\n")
    with pytest.raises(CodebookError, match=r"actors\.csv, line 4: column 'type': 'ghost' is not one of .* Fix"):
        check_codebook(folder)
    assert main(["codebook", "check", str(folder)]) == 2
    assert "actors.csv, line 4" in capsys.readouterr().err


def test_check_counts_targets_and_actors_on_a_corpus(own_codebook, capsys):
    folder = own_codebook
    assert main(["codebook", "check", str(folder), "--corpus", str(CORPUS), "--jobs", "1"]) == 0
    report = capsys.readouterr().out
    lines = {line.split()[0]: line.split() for line in report.splitlines() if line.strip()}
    assert lines["example_target"][1] == "0"  # the example target never fires
    assert int(lines["troop_withdrawal"][1]) >= 6
    assert lines["ruth_calder"][1:] == ["Ruth", "Calder", "4"]
    assert "6 article(s)" in report


def test_run_and_statements_use_the_codebook(own_codebook, tmp_path, capsys):
    folder = own_codebook
    out = tmp_path / "out"
    assert main(["run", str(CORPUS), "--out", str(out), "--codebook", str(folder), "--jobs", "1"]) == 0
    scored = read_table(out / "scored_statements.csv")
    stance = [c for c in scored.columns if c.startswith("stance_") and not c.endswith("_evidence")]
    assert stance == ["stance_example_target", "stance_troop_withdrawal"]
    addressed = scored.dropna(subset=["stance_troop_withdrawal"])
    assert set(addressed["doc_id"]) == {"a3_ledger_feb", "a4_courier_feb", "a6_courier_mar"}
    rejected = addressed[addressed["content"].str.contains("rejected any troop withdrawal")]
    assert (rejected["stance_troop_withdrawal"] < 0).all() and len(rejected) == 1
    assert set(read_table(out / "positions.csv")["target"]) == {"example_target", "troop_withdrawal"}
    assert (scored.loc[scored["speaker"] == "Ruth Calder", "bloc"] == "US").all()
    capsys.readouterr()
    assert main(["statements", str(CORPUS / "a4_courier_feb.txt"), "--codebook", str(folder)]) == 0
    assert "Ruth Calder,person,US," in capsys.readouterr().out


def test_a_broken_codebook_stops_run_before_any_article(own_codebook, tmp_path, capsys):
    folder = own_codebook
    (folder / "targets.csv").write_text("target_id,proposition\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(CORPUS), "--out", str(out), "--codebook", str(folder), "--jobs", "1"]) == 2
    assert "targets.csv, line 1: header lacks column(s) terms" in capsys.readouterr().err
    assert not (out / "statements.csv").exists()


def test_render_parameters_and_make_pass_the_codebook(own_codebook, seeds_dir):
    assert corpus_parameters(seeds_dir) == (None, ROOT / "notebooks")
    assert corpus_parameters(seeds_dir, DEFAULT_DIR) == (None, ROOT / "notebooks")
    parameters, notebooks = corpus_parameters(seeds_dir, own_codebook)  # never over the committed study
    assert parameters["CODEBOOK"] == str(own_codebook.resolve()) and notebooks == ROOT / "out" / "seeds" / "notebooks"
    parameters, _ = corpus_parameters(CORPUS)
    assert "CODEBOOK" not in parameters and parameters["SEEDS"] == str(CORPUS)
    dry = subprocess.run(["make", "-n", "all", f"SEEDS={CORPUS}", f"CODEBOOK={own_codebook}"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert f"-m analysis render --seeds {CORPUS} --codebook {own_codebook}" in dry
    assert f"-m analysis html --seeds {CORPUS} --codebook {own_codebook}" in dry
    assert "--codebook" not in subprocess.run(["make", "-n", "all"], cwd=ROOT, capture_output=True, text=True,
                                              check=True).stdout
