"""benchmarks/gwsd.py on a tiny dev split and sentences written for this test (the real
dev split is read by path only by the benchmark itself)."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.codebook import load_codebook
from benchmarks.gwsd import CLASSES, METHODS, main

DEV = [
    ("Scientists warned that global warming is a grave threat to coastal cities.", "agree"),
    ("The report found that rising emissions are driving dangerous warming.", "agree"),
    ("Researchers said climate change makes heat waves far more deadly.", "agree"),
    ("The senator said global warming is a hoax invented by activists.", "disagree"),
    ("He argued that the warming scare is exaggerated and overblown.", "disagree"),
    ("Critics said claims about climate change are alarmist nonsense.", "disagree"),
    ("The committee will meet on Thursday to discuss the budget.", "neutral"),
    ("The company reported its quarterly earnings on Monday.", "neutral"),
    ("Officials said the conference on climate policy opens next week.", "neutral"),
    ("Experts agree that warming oceans threaten fisheries and coral reefs.", "agree"),
    ("A columnist wrote that fears of global warming are a myth.", "disagree"),
    ("The mayor said the new bridge will open in the spring.", "neutral"),
]


def write_dev(path: Path) -> Path:
    rows = []
    for i, (sentence, label) in enumerate(DEV):
        probabilities = {c: 0.8 if c == label else 0.1 for c in CLASSES}
        rows.append({"guid": f"dev_{i}", "sentence": sentence, "label": label, **probabilities})
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def climate_codebook(folder: Path) -> Path:
    """The packaged codebook with one climate target and the lexicon's general cues."""
    shutil.copytree(load_codebook().folder, folder)
    (folder / "targets.csv").write_text(
        "target_id,proposition,terms\nclimate_concern,Climate change / global warming is a serious concern.,"
        "climate change;global warming;warming;emissions\n", encoding="utf-8")
    with (folder / "stance_lexicon.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle) if row[0].startswith("#") or row[-1] in ("", "target")]
    rows.append(["threat\\w*|danger\\w*|deadly", "support", "0.6", ""])
    rows.append(["hoax|myth|exaggerated|alarmist", "oppose", "-0.7", ""])
    with (folder / "stance_lexicon.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder


def test_predict_writes_one_column_per_method(tmp_path: Path):
    dev = write_dev(tmp_path / "dev.csv")
    codebook = climate_codebook(tmp_path / "climate")
    sentences = pd.DataFrame({"guid": ["t_b", "t_a", "t_c"], "sentence": [
        "Activists said global warming is a deadly threat to farms.",
        "The minister said the warnings about climate change are a hoax.",
        "The museum will reopen after the holidays."]})
    sentences.to_csv(tmp_path / "sentences.csv", index=False)
    out = tmp_path / "pred.csv"
    assert main(["--dev", str(dev), "--codebook", str(codebook), "--predict", str(tmp_path / "sentences.csv"),
                 "--out", str(out)]) == 0
    predictions = pd.read_csv(out, dtype=str)
    assert list(predictions.columns) == ["guid", *METHODS] and "rules" in METHODS
    assert predictions["guid"].tolist() == ["t_b", "t_a", "t_c"]
    assert set(predictions[list(METHODS)].to_numpy().ravel()) <= set(CLASSES)
    # The rules read the codebook: threat -> agree, hoax -> disagree, no term -> neutral.
    assert predictions["rules"].tolist() == ["agree", "disagree", "neutral"]
    assert predictions["always_neutral"].tolist() == ["neutral"] * 3


def test_bad_input_names_the_file_and_columns(tmp_path: Path):
    dev = write_dev(tmp_path / "dev.csv")
    pd.DataFrame({"id": ["x"], "text": ["a sentence"]}).to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(SystemExit, match=r"bad\.csv: column\(s\) guid, sentence missing"):
        main(["--dev", str(dev), "--codebook", str(climate_codebook(tmp_path / "c")),
              "--predict", str(tmp_path / "bad.csv"), "--out", str(tmp_path / "p.csv")])
