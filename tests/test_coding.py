"""Coding sheets: stratified sample of a run, validation of coded sheets, agreement of two coders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.cli import main
from analysis.coding import (LABELS, SHEET_COLUMNS, CodingSheetError, allocate, agreement, draw_sample,
                             read_coded_sheet)
from analysis.pipeline import run_corpus
from analysis.scoring import previous_sentences
from analysis.tables import read_table, write_table

ARTICLE = """BRUSSELS, March 3 (Wire) - Allies met again on Monday.

The German defence minister said that Europe must take over responsibility for its own conventional defense. He added that the timeline was too short.

A U.S. official said the 2027 deadline was not realistic. The official also said that Washington wanted allies to spend more on defense.

Polish officials said they were ready to buy more U.S.-made weapons. They said the weather in Warsaw was cold.
"""


@pytest.fixture(scope="module")
def run_out(tmp_path_factory, seeds_dir: Path) -> tuple[Path, Path]:
    """A run over the seed article and one article written for these tests."""
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(next(seeds_dir.glob("*.txt")), corpus)
    (corpus / "written_article.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    run_corpus(corpus, out, jobs=1, progress=False, sentence_sentiment=True)
    return corpus, out


def test_sample_is_stratified_reproducible_and_weighted(run_out):
    corpus, out = run_out
    sheet = draw_sample(out, 30, seed=7)
    assert list(sheet.columns) == SHEET_COLUMNS and len(sheet) == 30
    assert (sheet["label"] == "").all() and (sheet["coder"] == "").all()
    scored = read_table(out / "scored_statements.csv")
    targets = [c[len("stance_"):] for c in scored.columns if c.startswith("stance_") and not c.endswith("_evidence")]
    population = {}
    for target in targets:
        for bloc, addressed in zip(scored["bloc"].fillna("unknown"), scored[f"stance_{target}"].notna()):
            key = f"{bloc}|{'addressed' if addressed else 'not addressed'}"
            population[key] = population.get(key, 0) + 1
    counts = sheet["stratum"].value_counts()
    # Equal shares: a stratum gets fewer than the largest share only when it has no more pairs.
    for stratum, k in counts.items():
        assert k <= population[stratum]
        assert k >= counts.max() - 1 or k == population[stratum]
    assert set(counts.index) == set(population)  # 30 pairs are enough to reach every stratum here
    weighted = sheet.groupby("stratum")["weight"].sum()
    for stratum, total in weighted.items():
        assert total == pytest.approx(population[stratum])
    assert sheet["doc_id"].nunique() == 2
    assert draw_sample(out, 30, seed=7).equals(sheet)
    assert not draw_sample(out, 30, seed=8)["pair_id"].equals(sheet["pair_id"])


def test_previous_sentence_from_table_or_corpus(run_out, tmp_path: Path):
    corpus, out = run_out
    sheet = draw_sample(out, 40, seed=1)
    statements = read_table(out / "statements.csv").set_index("statement_id")
    text = (corpus / "written_article.txt").read_text(encoding="utf-8")
    mine = sheet[sheet["doc_id"] == "written_article"]
    assert len(mine)
    records = [{"content_start": statements.loc[s, "content_start"]} for s in mine["statement_id"]]
    assert mine["previous_sentence"].fillna("").tolist() == previous_sentences(records, text)
    # Without sentence_sentiment.csv the sentences come from the corpus folder.
    bare = tmp_path / "out"
    shutil.copytree(out, bare)
    (bare / "sentence_sentiment.csv").unlink()
    with pytest.raises(FileNotFoundError, match="--corpus"):
        draw_sample(bare, 40, seed=1)
    assert draw_sample(bare, 40, seed=1, corpus=corpus).equals(sheet)


def test_cli_sample_writes_the_sheet(run_out, tmp_path: Path):
    _, out = run_out
    assert main(["sample", str(out), "--n", "12", "--seed", "3", "--out", str(tmp_path / "sheet.csv")]) == 0
    written = pd.read_csv(tmp_path / "sheet.csv", dtype=str, keep_default_na=False)
    assert len(written) == 12 and list(written.columns) == SHEET_COLUMNS
    assert main(["sample", str(tmp_path), "--n", "12", "--seed", "3", "--out", str(tmp_path / "x.csv")]) == 2


def test_sample_of_a_run_without_statements_says_so(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notice.txt").write_text("The library opens at nine on weekdays.\n", encoding="utf-8")
    run_corpus(corpus, tmp_path / "out", jobs=1, progress=False)
    with pytest.raises(ValueError, match=r"scored_statements\.csv: no statement x target pair to draw \(0 statements"):
        draw_sample(tmp_path / "out", 5, 1)


def _sheet(path: Path, labels: list[str], coder: str = "AB") -> Path:
    frame = pd.DataFrame({"pair_id": [f"doc:{i}-{i + 5}|burden_shift" for i in range(len(labels))],
                          "statement_id": [f"doc:{i}-{i + 5}" for i in range(len(labels))],
                          "content": [f"statement number {i}" for i in range(len(labels))],
                          "target": "burden_shift", "label": labels, "coder": coder})
    return write_table(frame, path)


def test_read_coded_sheet_names_row_and_column(tmp_path: Path):
    good = read_coded_sheet(_sheet(tmp_path / "good.csv", ["support", " Oppose", "not addressed"]))
    assert good["label"].tolist() == ["support", "oppose", "not addressed"]
    with pytest.raises(CodingSheetError, match=r"bad\.csv, row 2 \(line 3\), column 'label': 'suport'"):
        read_coded_sheet(_sheet(tmp_path / "bad.csv", ["support", "suport", "neutral"]))
    with pytest.raises(CodingSheetError, match=r"row 3 \(line 4\), column 'label': no label"):
        read_coded_sheet(_sheet(tmp_path / "empty.csv", ["support", "oppose", ""]))
    assert len(read_coded_sheet(tmp_path / "empty.csv", require_labels=False)) == 3
    with pytest.raises(CodingSheetError, match="row 1 .*column 'coder'"):
        read_coded_sheet(_sheet(tmp_path / "nocoder.csv", ["support"], coder=""))
    frame = pd.read_csv(tmp_path / "good.csv", dtype=str, keep_default_na=False)
    write_table(frame.drop(columns=["target"]), tmp_path / "nocolumn.csv")
    with pytest.raises(CodingSheetError, match="column 'target'"):
        read_coded_sheet(tmp_path / "nocolumn.csv")
    write_table(pd.concat([frame, frame.iloc[[0]]]), tmp_path / "twice.csv")
    with pytest.raises(CodingSheetError, match="row 4 .*'pair_id'.*repeats row 1"):
        read_coded_sheet(tmp_path / "twice.csv")


def test_agreement_known_values(tmp_path: Path, capsys):
    a = _sheet(tmp_path / "a.csv", ["support"] * 5 + ["oppose"] * 5, "A")
    b = _sheet(tmp_path / "b.csv", ["support"] * 4 + ["oppose"] * 5 + ["support"], "B")
    table = agreement(a, b).set_index("measure")
    assert table.loc["percent agreement", "value"] == pytest.approx(0.8)
    # Observed 0.8, chance 0.5: kappa 0.6. Alpha: 1 - (20 - 1) * 4 / (2 * 10 * 10) = 0.62.
    assert table.loc["cohen kappa", "value"] == pytest.approx(0.6)
    assert table.loc["krippendorff alpha", "value"] == pytest.approx(0.62)
    assert (table["n_pairs"] == 10).all()
    for measure in table.index:
        assert table.loc[measure, "ci_low"] <= table.loc[measure, "value"] <= table.loc[measure, "ci_high"]
    assert agreement(a, b).equals(agreement(a, b))
    assert main(["agreement", str(a), str(b)]) == 0
    assert "cohen kappa" in capsys.readouterr().out
    identical = agreement(a, a).set_index("measure")["value"]
    assert identical["cohen kappa"] == pytest.approx(1.0) and identical["krippendorff alpha"] == pytest.approx(1.0)
    assert set(LABELS) == {"support", "oppose", "neutral", "not addressed"}
    other = pd.read_csv(a, dtype=str, keep_default_na=False).assign(pair_id=lambda f: "other" + f["pair_id"])
    with pytest.raises(ValueError, match="no labelled pair_id in common"):
        agreement(a, other)


@given(st.dictionaries(st.sampled_from([f"{b}|{a}" for b in "ABCDE" for a in ("addressed", "not addressed")]),
                       st.integers(1, 40), min_size=1), st.integers(1, 150))
def test_allocation_is_equal_up_to_stratum_size(sizes, n):
    take = allocate(sizes, n)
    assert sum(take.values()) == min(n, sum(sizes.values()))
    assert all(0 <= take[k] <= sizes[k] for k in sizes)
    open_shares = [take[k] for k in sizes if take[k] < sizes[k]]
    # A stratum left below its size never gets fewer than another stratum's share minus one.
    if open_shares:
        assert max(take.values()) - min(open_shares) <= 1
