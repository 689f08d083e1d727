"""A stance scorer learned from hand-coded statements, used beside the rules.

Fit on coded sheets (:mod:`analysis.coding`), one model per codebook target with enough
coded pairs (:func:`make_ensemble`): the soft vote of two linear models that both see the
rules' own decision and cues as tokens (:func:`rule_cues`: the discretised rule stance and
the roles named in its evidence, so the models learn where to trust the rules): a
class-weighted logistic regression on TF-IDF word 1-2-grams and character 2-5-grams, and an
NB-SVM (:class:`NBLogisticRegression`) on binary word 1-2-grams. The mean of their class
probabilities is the confidence. On the GWSD dev split it ties in cross-validated macro-F1
with the first member alone; no other variant tried did better beyond the noise of the
folds (``benchmarks/gwsd.py``; the README lists them).

``train_model(sheets, codebook)`` cross-validates each target (stratified k-fold, fixed
seed: accuracy, macro-F1 and Cohen's kappa with 95% bootstrap intervals over the pooled
out-of-fold predictions, and the confusion matrix; :func:`cross_validate`), then fits on
every coded pair. ``save_model`` writes the fitted models with joblib and a JSON sidecar
(``MODEL.json``: target ids and propositions, package and scikit-learn versions, the
cross-validated figures); ``load_model`` refuses a model trained for targets the codebook
does not have, or with other propositions, with a :class:`ModelError` saying so. Load
only model files you trust: joblib files are pickles.

``model_scores(model, contents, rows)`` replaces, for each target the model was trained
for, ``stance_<target>`` of scored rows by the model's: +p (support), -p (oppose), 0
(neutral) or NaN (not addressed), p the probability of the predicted class; it adds
``stance_<target>_source`` (``model``, or ``rules`` for the targets it was not trained for)
and ``stance_<target>_confidence`` (p; empty for rules). ``stance_<target>_evidence``
keeps the rules' evidence, so the rules' score stays readable beside the model's.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, cohen_kappa_score, confusion_matrix, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline

import analysis
from analysis.codebook import Codebook, load_codebook
from analysis.coding import LABELS
from analysis.scoring import discretise
from analysis.stance import compile_rules, target_stances

MIN_CODED = 20       # coded pairs a target needs before a model is fitted for it
DEFAULT_FOLDS = 5
DEFAULT_SEED = 20251205
DEFAULT_C = 1.0      # chosen on GWSD dev (benchmarks/gwsd.py)
BOOTSTRAP = 1000
_ROLE = re.compile(r"\b(term|anaphor|negator|support|oppose|hedge|booster|threat)\b")
_VERB = re.compile(r"verb '[^']*' \(([+-])")


class ModelError(ValueError):
    """A model that cannot be used with this codebook, or a model file that cannot be read."""


def rule_cues(stance: float, evidence: str) -> str:
    """The rules' decision as tokens: ``rules_<class>`` and one ``cue_<role>`` per role
    named in ``evidence`` (term, anaphor, negator, support, oppose, hedge, booster,
    threat), ``verb+``/``verb-`` for a reporting verb with stance."""
    tokens = ["rules_" + discretise(stance).replace(" ", "_")]
    tokens += [f"cue_{role}" for role in _ROLE.findall(evidence or "")]
    tokens += [f"verb{sign}" for sign in _VERB.findall(evidence or "")]
    return " ".join(tokens)


def make_estimator(C: float = DEFAULT_C, class_weight: str | None = "balanced",
                   rule_features: bool = True) -> Pipeline:
    """An unfitted pipeline over a frame with columns ``text`` and (with ``rule_features``)
    ``rule_cues``: word 1-2-gram and character 2-5-gram TF-IDF, binary rule-cue tokens,
    logistic regression."""
    parts = [("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), "text"),
             ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2), "text")]
    if rule_features:
        parts.append(("rules", _cue_vectorizer(), "rule_cues"))
    return Pipeline([("features", ColumnTransformer(parts)),
                     ("model", LogisticRegression(C=C, class_weight=class_weight, max_iter=3000))])


def _cue_vectorizer() -> CountVectorizer:
    return CountVectorizer(binary=True, lowercase=False, token_pattern=r"\S+")


class NBLogisticRegression(ClassifierMixin, BaseEstimator):
    """NB-SVM (Wang & Manning 2012) with logistic loss: per class, one-vs-rest logistic
    regression on the binary features scaled by their naive Bayes log-count ratio
    (smoothed by ``alpha``); probabilities are the per-class ones normalised to sum 1.
    ``sample_weight`` weighs each row in the ratios and in the regressions."""

    def __init__(self, C: float = 1.0, alpha: float = 1.0):
        self.C = C
        self.alpha = alpha

    def fit(self, X, y, sample_weight=None):
        X = (X > 0).astype(float).tocsr()
        y = np.asarray(y, dtype=object)
        weight = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        self.classes_ = np.array(sorted(set(y)), dtype=object)
        self.ratios_, self.models_ = [], []
        for label in self.classes_:
            inside = y == label
            present = self.alpha + X.T @ (weight * inside)
            absent = self.alpha + X.T @ (weight * ~inside)
            ratio = np.log(present / present.sum()) - np.log(absent / absent.sum())
            model = LogisticRegression(C=self.C, max_iter=3000)
            self.ratios_.append(ratio)
            self.models_.append(model.fit(X.multiply(ratio).tocsr(), inside, sample_weight=weight))
        return self

    def predict_proba(self, X) -> np.ndarray:
        X = (X > 0).astype(float).tocsr()
        scores = np.column_stack([model.predict_proba(X.multiply(ratio).tocsr())[:, 1]
                                  for ratio, model in zip(self.ratios_, self.models_)])
        return scores / scores.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class SoftVote(ClassifierMixin, BaseEstimator):
    """The mean of the class probabilities of ``members`` (pipelines fitted on the same
    rows and labels, so their classes agree); fit parameters such as
    ``model__sample_weight`` go to every member."""

    def __init__(self, members: list[Pipeline]):
        self.members = members

    def fit(self, X, y, **params):
        self.fitted_ = [clone(member).fit(X, y, **params) for member in self.members]
        self.classes_ = self.fitted_[0].classes_
        return self

    def predict_proba(self, X) -> np.ndarray:
        return np.mean([member.predict_proba(X) for member in self.fitted_], axis=0)

    def predict(self, X) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def make_ensemble() -> SoftVote:
    """The package's learned scorer: the soft vote of :func:`make_estimator` (TF-IDF words and
    characters plus rule cues) and an :class:`NBLogisticRegression` on binary word 1-2-grams
    plus rule cues, over a frame with columns ``text`` and ``rule_cues``."""
    words = ColumnTransformer([("words", CountVectorizer(ngram_range=(1, 2), binary=True), "text"),
                               ("rules", _cue_vectorizer(), "rule_cues")])
    return SoftVote([make_estimator(), Pipeline([("features", words), ("model", NBLogisticRegression())])])


def _interval(values: np.ndarray) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    return (float(np.percentile(finite, 2.5)), float(np.percentile(finite, 97.5))) if len(finite) else (math.nan,) * 2


def scores_with_intervals(gold: np.ndarray, predicted: np.ndarray, seed: int = DEFAULT_SEED,
                          resamples: int = BOOTSTRAP) -> dict[str, float]:
    """Accuracy, macro-F1 and Cohen's kappa of ``predicted`` against ``gold``, each with a
    95% percentile bootstrap interval over the items (``<measure>_low``/``_high``)."""
    measures = {"accuracy": accuracy_score,
                "macro_f1": lambda a, b: f1_score(a, b, average="macro", zero_division=0),
                "kappa": lambda a, b: cohen_kappa_score(a, b) if len(set(a) | set(b)) > 1 else math.nan}
    draws = np.random.default_rng(seed).integers(0, len(gold), size=(resamples, len(gold)))
    out: dict[str, float] = {"n": len(gold)}
    for name, measure in measures.items():
        out[name] = float(measure(gold, predicted))
        out[f"{name}_low"], out[f"{name}_high"] = _interval(np.array([measure(gold[i], predicted[i])
                                                                      for i in draws], dtype=float))
    return out


def out_of_fold(make, features: pd.DataFrame, labels: np.ndarray, folds: int = DEFAULT_FOLDS,
                seed: int = DEFAULT_SEED) -> np.ndarray:
    """Out-of-fold predictions of stratified cross-validation (fixed ``seed``) of the fresh
    estimators ``make()`` gives; fewer than ``folds`` folds when the rarest label has fewer
    pairs, at least two."""
    smallest = int(pd.Series(labels).value_counts().min())
    splitter = StratifiedKFold(max(2, min(folds, smallest)), shuffle=True, random_state=seed)
    predicted = np.empty(len(labels), dtype=object)
    for train, test in splitter.split(features, labels):
        predicted[test] = make().fit(features.iloc[train], labels[train]).predict(features.iloc[test])
    return predicted


def cross_validate(features: pd.DataFrame, labels, folds: int = DEFAULT_FOLDS, seed: int = DEFAULT_SEED,
                   make=make_ensemble) -> dict:
    """Stratified k-fold figures of ``make()`` on ``features``/``labels``: ``scores``
    (see :func:`scores_with_intervals`) and ``confusion`` (gold rows x predicted columns,
    as a nested dict over the labels that occur)."""
    labels = np.asarray(labels, dtype=object)
    predicted = out_of_fold(make, features, labels, folds, seed)
    classes = [c for c in LABELS if c in set(labels) | set(predicted)]
    matrix = confusion_matrix(labels, predicted, labels=classes)
    return {"scores": scores_with_intervals(labels, predicted, seed),
            "confusion": {g: {p: int(v) for p, v in zip(classes, row)} for g, row in zip(classes, matrix)}}


@dataclass
class StanceModel:
    """Fitted estimators per target id, the propositions they were trained for, the package
    version and the cross-validated figures per target."""

    estimators: dict[str, SoftVote]
    propositions: dict[str, str]
    version: str = analysis.__version__
    sklearn_version: str = sklearn.__version__
    report: dict[str, dict] = field(default_factory=dict)

    @property
    def target_ids(self) -> list[str]:
        return list(self.estimators)

    def metadata(self) -> dict:
        return {"targets": self.propositions, "package_version": self.version,
                "sklearn_version": self.sklearn_version, "labels": list(LABELS), "cross_validation": self.report}


def coded_features(sheet: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """For each row of a coded sheet (columns ``content``, ``target``; ``cue`` and
    ``previous_sentence`` when present), the model's input frame: ``text``, ``rule_cues``
    (the rules of ``codebook`` on the same content, sentence before and cue)."""
    rules = compile_rules(codebook)
    cues = []
    for record in sheet.to_dict("records"):
        stances = target_stances(record["content"], record.get("cue", ""), rules, record.get("previous_sentence", ""))
        cues.append(rule_cues(*stances[record["target"]]))
    return pd.DataFrame({"text": sheet["content"].tolist(), "rule_cues": cues}, index=sheet.index)


def train_model(sheets: list[pd.DataFrame], codebook: Codebook | None = None, folds: int = DEFAULT_FOLDS,
                seed: int = DEFAULT_SEED) -> StanceModel:
    """A :class:`StanceModel` fitted on the labelled rows of coded ``sheets`` (from
    :func:`analysis.coding.read_coded_sheet`; two coders' sheets of one sample both count,
    so a disputed pair weighs on both sides), one estimator per codebook target with at
    least :data:`MIN_CODED` labelled pairs of two or more labels, each cross-validated first
    (``report``). Raises ModelError when a sheet codes a target the codebook lacks or no
    target has enough pairs."""
    codebook = codebook if codebook is not None else load_codebook()
    coded = pd.concat(sheets, ignore_index=True)
    coded = coded[coded["label"] != ""]
    unknown = sorted(set(coded["target"]) - set(codebook.target_ids))
    if unknown:
        raise ModelError(f"the sheets code target(s) {', '.join(unknown)} that the codebook {codebook.folder} "
                         f"does not have ({', '.join(codebook.target_ids)}): train with the codebook they were "
                         "drawn from")
    features = coded_features(coded, codebook)
    propositions = dict(zip(codebook.targets["target_id"], codebook.targets["proposition"]))
    estimators, report = {}, {}
    for target in codebook.target_ids:
        rows = coded["target"] == target
        labels = coded.loc[rows, "label"].to_numpy(dtype=object)
        if len(labels) < MIN_CODED or len(set(labels)) < 2:
            continue
        report[target] = cross_validate(features[rows], labels, folds, seed)
        estimators[target] = make_ensemble().fit(features[rows], labels)
    if not estimators:
        raise ModelError(f"no target has {MIN_CODED} coded pairs with two or more labels: code a larger sample")
    return StanceModel(estimators, {t: propositions[t] for t in estimators}, report=report)


def sidecar(path: str | Path) -> Path:
    """The JSON metadata file written beside model file ``path``."""
    return Path(f"{path}.json")


def save_model(model: StanceModel, path: str | Path) -> Path:
    """Write ``model`` to ``path`` (joblib) and its metadata to :func:`sidecar`; returns ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"estimators": model.estimators, **model.metadata()}, path)
    sidecar(path).write_text(json.dumps(model.metadata(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def check_targets(propositions: dict[str, str], codebook: Codebook, where: str = "the model") -> None:
    """Raise :class:`ModelError` unless every target of ``propositions`` is in ``codebook``
    with the same proposition."""
    book = dict(zip(codebook.targets["target_id"], codebook.targets["proposition"]))
    other = [t for t, p in propositions.items() if book.get(t) != p]
    if other:
        raise ModelError(f"{where} was trained for target(s) {', '.join(other)} "
                         f"({'; '.join(repr(propositions[t]) for t in other)}), which the codebook "
                         f"{codebook.folder} does not have with the same proposition: train a model on sheets "
                         "coded for this codebook's targets, or score with the codebook it was trained for")


def load_model(path: str | Path, codebook: Codebook | None = None) -> StanceModel:
    """The model saved at ``path``, checked against ``codebook`` (default: the packaged
    one) and against this scikit-learn version; raises :class:`ModelError` otherwise."""
    path = Path(path)
    meta_path = sidecar(path)
    if not path.is_file() or not meta_path.is_file():
        raise ModelError(f"{path}: model file or its metadata {meta_path.name} not found: "
                         "give a model written by 'burden-shift train'")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["targets"], meta["sklearn_version"]
    except (ValueError, KeyError, TypeError) as exc:  # JSONDecodeError is a ValueError
        raise ModelError(f"{meta_path}: not the metadata of a model ({type(exc).__name__}: {exc}): "
                         "give a model written by 'burden-shift train'") from exc
    check_targets(meta["targets"], codebook if codebook is not None else load_codebook(), f"model {path}")
    if meta["sklearn_version"] != sklearn.__version__:
        raise ModelError(f"{path}: saved with scikit-learn {meta['sklearn_version']}, this is "
                         f"{sklearn.__version__}: re-train it with 'burden-shift train'")
    try:
        saved = joblib.load(path)
    except Exception as exc:  # a truncated or foreign file fails in many ways inside unpickling
        raise ModelError(f"{path}: not a model file ({type(exc).__name__}: {exc}): "
                         "give a model written by 'burden-shift train'") from exc
    return StanceModel(saved["estimators"], saved["targets"], saved["package_version"], saved["sklearn_version"],
                       saved["cross_validation"])


def model_scores(model: StanceModel, contents: list[str], rows: list[dict], target_ids: list[str]) -> list[dict]:
    """``rows`` (scored columns of the statements whose contents are ``contents``) with the
    model's stance for its targets and the source and confidence columns of the module
    docstring for every target in ``target_ids``, as new dicts."""
    out = [dict(row) for row in rows]
    for target in target_ids:
        if target not in model.estimators or not rows:
            for row in out:
                row[f"stance_{target}_source"], row[f"stance_{target}_confidence"] = "rules", math.nan
            continue
        estimator = model.estimators[target]
        features = pd.DataFrame({"text": contents, "rule_cues": [
            rule_cues(row[f"stance_{target}"], row[f"stance_{target}_evidence"]) for row in rows]})
        probabilities = estimator.predict_proba(features)
        classes = list(estimator.classes_)
        sign = {"support": 1.0, "oppose": -1.0, "neutral": 0.0}
        for row, p in zip(out, probabilities):
            best = int(np.argmax(p))
            label, confidence = classes[best], float(p[best])
            row[f"stance_{target}"] = sign[label] * confidence if label in sign else math.nan
            row[f"stance_{target}_source"], row[f"stance_{target}_confidence"] = "model", round(confidence, 6)
    return out
