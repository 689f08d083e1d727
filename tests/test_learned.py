"""The learned stance scorer: training on coded sheets, save/load, refusal, use in scoring and the run."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.codebook import load_codebook
from sklearn.feature_extraction.text import CountVectorizer

from analysis.learned import (ModelError, NBLogisticRegression, load_model, make_ensemble, rule_cues, save_model,
                              sidecar, train_model)
from analysis.scoring import score_statements
from analysis.tables import read_table, write_table

SUBJECTS = ["Europe", "the European allies", "Germany", "France", "Poland", "the continent's governments"]
TEMPLATES = {
    "support": "{} must take over responsibility for the continent's conventional defense",
    "oppose": "it is unrealistic to expect {} to take over the conventional defense of the continent",
    "neutral": "{} discussed the conventional defense of the continent at the meeting",
    "not addressed": "{} plans to open a new railway station next spring",
}


def coded_sheet() -> pd.DataFrame:
    """24 pairs for burden_shift written for these tests, 6 per label."""
    rows = [(label, template.format(subject)) for label, template in TEMPLATES.items() for subject in SUBJECTS]
    return pd.DataFrame({"pair_id": [f"d:{i}|burden_shift" for i in range(len(rows))],
                         "statement_id": [f"d:{i}" for i in range(len(rows))],
                         "cue": "said", "previous_sentence": "", "content": [c for _, c in rows],
                         "target": "burden_shift", "label": [label for label, _ in rows], "coder": "T"})


@pytest.fixture(scope="module")
def model():
    return train_model([coded_sheet()], folds=3)


def codebook_copy(tmp_path: Path, proposition: str | None = None, keep: tuple[str, ...] | None = None) -> Path:
    folder = tmp_path / "codebook"
    shutil.copytree(load_codebook().folder, folder)
    targets = pd.read_csv(folder / "targets.csv", dtype=str, keep_default_na=False)
    if proposition is not None:
        targets.loc[targets["target_id"] == "burden_shift", "proposition"] = proposition
    if keep is not None:
        targets = targets[targets["target_id"].isin(keep)]
        with (folder / "stance_lexicon.csv").open(encoding="utf-8", newline="") as handle:
            rows = [row for row in csv.reader(handle) if row[0].startswith("#") or row[-1] in ("", "target", *keep)]
        with (folder / "stance_lexicon.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    write_table(targets, folder / "targets.csv")
    return folder


def test_training_reports_cross_validated_figures(model):
    assert model.target_ids == ["burden_shift"]
    report = model.report["burden_shift"]
    scores = report["scores"]
    assert scores["n"] == 24
    for measure in ("accuracy", "macro_f1", "kappa"):
        assert scores[f"{measure}_low"] <= scores[measure] <= scores[f"{measure}_high"]
    assert sum(sum(row.values()) for row in report["confusion"].values()) == 24
    # Four templates with the subject as the only change: the held-out folds are easy.
    assert scores["accuracy"] >= 0.9


def test_save_load_and_refuse_other_targets(model, tmp_path: Path):
    path = save_model(model, tmp_path / "stance.joblib")
    meta = sidecar(path).read_text(encoding="utf-8")
    assert '"burden_shift"' in meta and '"package_version"' in meta and '"sklearn_version"' in meta
    loaded = load_model(path)
    frame = pd.DataFrame({"text": ["Italy must take over responsibility for the continent's conventional defense"],
                          "rule_cues": ["rules_support"]})
    assert loaded.estimators["burden_shift"].predict(frame).tolist() == \
        model.estimators["burden_shift"].predict(frame).tolist()
    changed = load_codebook(codebook_copy(tmp_path / "a", proposition="Europe should pay for everything."))
    with pytest.raises(ModelError, match="trained for target\\(s\\) burden_shift"):
        load_model(path, changed)
    without = load_codebook(codebook_copy(tmp_path / "b", keep=("deadline_2027",)))
    with pytest.raises(ModelError, match="burden_shift"):
        load_model(path, without)
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "missing.joblib")
    broken = tmp_path / "broken.joblib"
    broken.write_bytes(path.read_bytes()[:100])
    shutil.copy(sidecar(path), sidecar(broken))
    with pytest.raises(ModelError, match="broken.joblib: not a model file"):
        load_model(broken)


def test_score_statements_with_a_model(model):
    statements = pd.DataFrame({
        "content": ["Italy must take over responsibility for the continent's conventional defense",
                    "that the 2027 deadline was not realistic",
                    "Spain plans to open a new railway station next spring"],
        "cue": ["said", "said", "said"]})
    plain = score_statements(statements)
    assert not [c for c in plain.columns if c.endswith(("_source", "_confidence"))]
    scored = score_statements(statements, model=model)
    targets = load_codebook().target_ids
    for target in targets:
        position = list(scored.columns).index(f"stance_{target}")
        assert list(scored.columns)[position:position + 4] == [
            f"stance_{target}", f"stance_{target}_evidence", f"stance_{target}_source", f"stance_{target}_confidence"]
        expected = "model" if target == "burden_shift" else "rules"
        assert (scored[f"stance_{target}_source"] == expected).all()
        pd.testing.assert_series_equal(scored[f"stance_{target}_evidence"], plain[f"stance_{target}_evidence"])
        if target != "burden_shift":
            pd.testing.assert_series_equal(scored[f"stance_{target}"], plain[f"stance_{target}"])
            assert scored[f"stance_{target}_confidence"].isna().all()
    confidence = scored["stance_burden_shift_confidence"]
    assert ((confidence > 0.25) & (confidence <= 1)).all()
    stance = scored["stance_burden_shift"]
    assert stance[0] == pytest.approx(confidence[0])  # support with the model's probability
    assert np.isnan(stance[2])  # not addressed


def test_train_and_run_from_the_command_line(tmp_path: Path, seeds_dir: Path, capsys):
    sheet = write_table(coded_sheet(), tmp_path / "coded.csv")
    assert main(["train", str(sheet), "--out", str(tmp_path / "m.joblib"), "--folds", "3"]) == 0
    assert "burden_shift: 24 coded pairs" in capsys.readouterr().out
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(seeds_dir.glob("*.txt")), corpus)
    assert main(["run", str(corpus), "--out", str(tmp_path / "out"), "--jobs", "1",
                 "--stance-model", str(tmp_path / "m.joblib")]) == 0
    scored = read_table(tmp_path / "out" / "scored_statements.csv")
    assert set(scored["stance_burden_shift_source"]) == {"model"}
    assert set(scored["stance_deadline_2027_source"]) == {"rules"}
    assert (tmp_path / "out" / "positions.csv").is_file()
    # A model trained under another proposition for burden_shift is refused before any article is read.
    other = codebook_copy(tmp_path, proposition="Europe should pay for everything.")
    assert main(["train", str(sheet), "--out", str(tmp_path / "o.joblib"), "--folds", "3",
                 "--codebook", str(other)]) == 0
    capsys.readouterr()
    assert main(["run", str(corpus), "--out", str(tmp_path / "out2"), "--jobs", "1",
                 "--stance-model", str(tmp_path / "o.joblib")]) == 2
    assert "trained for target(s) burden_shift" in capsys.readouterr().err
    assert not (tmp_path / "out2" / "scored_statements.csv").exists()


NB_TEXTS = ["the floods prove the danger", "a real danger to farms", "danger grows each year",
            "the scare is a hoax", "a hoax pushed by lobbyists", "pure hoax and nonsense",
            "the meeting is on friday", "the report comes on friday", "friday brings the vote"]
NB_LABELS = ["agree"] * 3 + ["disagree"] * 3 + ["neutral"] * 3


def test_nb_logistic_regression_reads_log_count_ratios():
    vectorizer = CountVectorizer().fit(NB_TEXTS)
    features = vectorizer.transform(NB_TEXTS)
    model = NBLogisticRegression().fit(features, NB_LABELS)
    assert model.classes_.tolist() == ["agree", "disagree", "neutral"]
    danger = vectorizer.vocabulary_["danger"]
    # 'danger' occurs only in agree rows: it argues for agree and against the other classes.
    assert model.ratios_[0][danger] > 0 > model.ratios_[1][danger]
    unseen = vectorizer.transform(["lobbyists call it a hoax", "danger to the coast", "on friday again"])
    assert model.predict(unseen).tolist() == ["disagree", "agree", "neutral"]
    assert np.allclose(model.predict_proba(unseen).sum(axis=1), 1)
    # A row of weight 0 changes nothing: the ratios are weighted counts.
    extra = vectorizer.transform(NB_TEXTS + ["danger danger danger"])
    weighted = NBLogisticRegression().fit(extra, NB_LABELS + ["neutral"], sample_weight=[1.0] * 9 + [0.0])
    assert np.allclose(weighted.ratios_[2], model.ratios_[2])


def test_ensemble_is_the_mean_of_its_members():
    frame = pd.DataFrame({"text": NB_TEXTS, "rule_cues": [rule_cues(0.0, "")] * len(NB_TEXTS)})
    ensemble = make_ensemble().fit(frame, np.array(NB_LABELS, dtype=object))
    assert len(ensemble.fitted_) == 2
    expected = np.mean([member.predict_proba(frame) for member in ensemble.fitted_], axis=0)
    assert np.allclose(ensemble.predict_proba(frame), expected)
    assert ensemble.predict(frame).tolist() == NB_LABELS


def test_a_model_whose_metadata_is_not_json_is_refused_naming_the_file(tmp_path):
    model, meta = tmp_path / "stance.joblib", tmp_path / "stance.joblib.json"
    model.write_bytes(b"not a model")
    meta.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match=r"stance\.joblib\.json: not the metadata of a model"):
        load_model(model)
