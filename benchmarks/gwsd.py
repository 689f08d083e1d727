"""GWSD benchmark: stance toward "climate change / global warming is a serious concern".

The Global Warming Stance Dataset (Luo, Card & Jurafsky, Findings of EMNLP 2020): news
sentences rated by 8 annotators as agree, disagree or neutral toward that proposition.
Its dev split is read by path (default ``../shared/benchmarks/gwsd-dev/gwsd_dev.csv``) and
never copied here; the dataset's test sentences are held out for an independent measurement.

Methods (each sentence is scored as the content of a statement with no reporting verb):

- ``rules``: the researcher's climate codebook (``--codebook``, default
  ``benchmarks/codebooks/climate``, one target) through ``score_statements``, no fitting:
  stance > +0.2 agree, < -0.2 disagree, else or not addressed neutral;
- ``learned``: :func:`analysis.learned.make_estimator` without rule features (word 1-2-gram
  and character 2-5-gram TF-IDF, class-weighted logistic regression), fitted on the
  annotators' soft labels (each sentence once per class, weighted by the dataset's
  probability of that class);
- ``learned_rules``: the same with the rules' decision and cues as features;
- ``ensemble``: :func:`analysis.learned.make_ensemble` (the package's learned scorer), the
  soft vote of ``learned_rules`` and an NB-SVM on binary word 1-2-grams plus the rule cues,
  fitted on the soft labels;
- baselines: ``always_neutral``, ``textblob_sign`` and ``vader_sign`` (sentiment sign,
  neutral within +-0.05), ``tfidf_lr`` (TF-IDF 1-2-grams + logistic regression with
  scikit-learn's defaults, the README's reference point).

``python -m benchmarks.gwsd`` prints stratified 5-fold cross-validated accuracy, macro-F1 and
Cohen's kappa on the dev split (95% bootstrap intervals over the pooled out-of-fold
predictions; fixed seed), the fit and predict speed of the fitted methods, and writes the
table to ``benchmarks/results/gwsd_dev_cv.csv``. These are dev figures: the codebook and
the model choices were made on this split.

``python -m benchmarks.gwsd --predict SENTENCES.csv --out PRED.csv`` (input columns
``guid,sentence``) fits on the whole dev split and writes ``guid`` and one column per method,
each cell agree, disagree or neutral.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline

from analysis.codebook import load_codebook
from analysis.learned import make_ensemble, make_estimator, rule_cues, scores_with_intervals
from analysis.scoring import SENTIMENT_THRESHOLD, discretise, score_statements
from analysis.tables import write_table

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEV = ROOT / ".." / "shared" / "benchmarks" / "gwsd-dev" / "gwsd_dev.csv"
DEFAULT_CODEBOOK = ROOT / "benchmarks" / "codebooks" / "climate"
RESULTS = ROOT / "benchmarks" / "results" / "gwsd_dev_cv.csv"
CLASSES = ("agree", "disagree", "neutral")
TO_GWSD = {"support": "agree", "oppose": "disagree", "neutral": "neutral", "not addressed": "neutral"}
FOLDS = 5
SEED = 20251205
RESULT_COLUMNS = ["method", "n", "accuracy", "accuracy_low", "accuracy_high", "macro_f1", "macro_f1_low",
                  "macro_f1_high", "kappa", "kappa_low", "kappa_high"]

Method = Callable[[pd.DataFrame, pd.DataFrame], np.ndarray]


def read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """The CSV at ``path``, which must have ``columns``; SystemExit naming file and columns otherwise."""
    if not path.is_file():
        raise SystemExit(f"{path}: file not found")
    frame = pd.read_csv(path, dtype={"guid": str, "sentence": str}, keep_default_na=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SystemExit(f"{path}: column(s) {', '.join(missing)} missing (the header needs {', '.join(columns)})")
    return frame


def features(sentences: list[str], codebook_dir: Path) -> pd.DataFrame:
    """Per sentence: ``text``, the ``rules`` label, the rules' ``rule_cues`` tokens,
    TextBlob ``polarity`` and ``vader_compound`` (the codebook must have one target)."""
    codebook = load_codebook(codebook_dir)
    if len(codebook.target_ids) != 1:
        raise SystemExit(f"{codebook_dir}: a codebook with one target (the climate proposition) is needed, "
                         f"not {', '.join(codebook.target_ids)}")
    target = codebook.target_ids[0]
    scored = score_statements(pd.DataFrame({"content": sentences, "cue": ""}), codebook)
    stance, evidence = scored[f"stance_{target}"], scored[f"stance_{target}_evidence"]
    return pd.DataFrame({"text": sentences,
                         "rules": [TO_GWSD[discretise(s)] for s in stance],
                         "rule_cues": [rule_cues(s, e) for s, e in zip(stance, evidence)],
                         "polarity": scored["polarity"], "vader_compound": scored["vader_compound"]})


def _sign(values: pd.Series) -> np.ndarray:
    return np.where(values > SENTIMENT_THRESHOLD, "agree", np.where(values < -SENTIMENT_THRESHOLD, "disagree",
                                                                    "neutral"))


def fit_soft(estimator, train: pd.DataFrame):
    """``estimator`` fitted on each training sentence once per class, weighted by the
    annotators' probability of that class (columns agree, disagree, neutral)."""
    repeated = pd.concat([train] * len(CLASSES), ignore_index=True)
    labels = np.repeat(CLASSES, len(train))
    weights = np.concatenate([train[c].to_numpy(dtype=float) for c in CLASSES])
    return estimator.fit(repeated, labels, model__sample_weight=weights)


def learned(train: pd.DataFrame, test: pd.DataFrame, rule_features: bool = False) -> np.ndarray:
    return fit_soft(make_estimator(rule_features=rule_features), train).predict(test)


def learned_rules(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    return learned(train, test, rule_features=True)


def ensemble(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    return fit_soft(make_ensemble(), train).predict(test)


def tfidf_lr(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(max_iter=3000))
    return model.fit(train["text"], train["label"]).predict(test["text"])


METHODS: dict[str, Method] = {
    "rules": lambda train, test: test["rules"].to_numpy(),
    "learned": learned,
    "learned_rules": learned_rules,
    "ensemble": ensemble,
    "tfidf_lr": tfidf_lr,
    "always_neutral": lambda train, test: np.full(len(test), "neutral", dtype=object),
    "textblob_sign": lambda train, test: _sign(test["polarity"]),
    "vader_sign": lambda train, test: _sign(test["vader_compound"]),
}


def cost(dev: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Sentences per second of fitting on all of ``dev`` and of predicting it, for the
    learned estimators (``ensemble`` is the package's learned scorer; the rules' own
    scoring, which feeds it, is timed in :func:`main`)."""
    out = {}
    for name, make in (("learned", lambda: make_estimator(rule_features=False)), ("learned_rules", make_estimator),
                       ("ensemble", make_ensemble)):
        started = time.perf_counter()
        model = fit_soft(make(), dev)
        fitted = time.perf_counter()
        model.predict(dev)
        out[name] = (len(dev) / (fitted - started), len(dev) / (time.perf_counter() - fitted))
    return out


def cross_validated(dev: pd.DataFrame, folds: int = FOLDS, seed: int = SEED) -> pd.DataFrame:
    """:data:`RESULT_COLUMNS` per method: out-of-fold figures of stratified k-fold on ``dev``
    (one split shared by every method). No timings: the table is committed, and reruns must
    write the same bytes; :func:`cost` is printed instead."""
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    predicted = {name: np.empty(len(dev), dtype=object) for name in METHODS}
    for train, test in splitter.split(dev, dev["label"]):
        for name, method in METHODS.items():
            predicted[name][test] = method(dev.iloc[train], dev.iloc[test])
    gold = dev["label"].to_numpy(dtype=object)
    rows = [{"method": name, **scores_with_intervals(gold, predicted[name], seed)} for name in METHODS]
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def predict(dev: pd.DataFrame, sentences: pd.DataFrame, codebook_dir: Path) -> pd.DataFrame:
    """``guid`` and one column per method: labels of ``sentences`` after fitting on all of ``dev``."""
    test = features(sentences["sentence"].tolist(), codebook_dir)
    out = pd.DataFrame({"guid": sentences["guid"]})
    for name, method in METHODS.items():
        out[name] = method(dev, test)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="gwsd_dev.csv")
    parser.add_argument("--codebook", type=Path, default=DEFAULT_CODEBOOK, help="the climate codebook folder")
    parser.add_argument("--predict", type=Path, metavar="SENTENCES.csv", help="guid,sentence rows to label")
    parser.add_argument("--out", type=Path, metavar="PRED.csv", help="where --predict writes its labels")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the cross-validated table goes")
    args = parser.parse_args(argv)
    if args.predict is not None and args.out is None:
        parser.error("--predict needs --out PRED.csv")
    raw = read_csv(args.dev, ("guid", "sentence", "label", *CLASSES))
    started = time.perf_counter()
    dev = pd.concat([features(raw["sentence"].tolist(), args.codebook), raw[["label", *CLASSES]]], axis=1)
    scoring_rate = len(dev) / (time.perf_counter() - started)
    if args.predict is not None:
        sentences = read_csv(args.predict, ("guid", "sentence"))
        write_table(predict(dev, sentences, args.codebook), args.out)
        print(f"{len(sentences)} sentences labelled by {len(METHODS)} methods fitted on {len(dev)} dev sentences: "
              f"{args.out}")
        return 0
    table = cross_validated(dev)
    write_table(table, args.results)
    print(f"GWSD dev split ({len(dev)} sentences), stratified {FOLDS}-fold cross-validation, seed {SEED}; "
          f"codebook {args.codebook}; in-sample for choices made on this split")
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"cost (one process, this machine): score_statements (sentiment + rules) {scoring_rate:.0f} sentences/s")
    for name, (fit_rate, predict_rate) in cost(dev).items():
        print(f"  {name}: fit {fit_rate:.0f} sentences/s, predict {predict_rate:.0f} sentences/s")
    print(f"table written to {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
