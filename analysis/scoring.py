"""Sentiment and stance of attributed statements, and their validation against the gold.

``score_statements(statements)`` adds to the statements frame (``score_records`` to
statement records, the frame's rows as dicts, without pandas):

- ``polarity``, ``subjectivity``: TextBlob's default (pattern) analyzer on the content;
- ``vader_compound``: VADER's compound score on the content (a robustness check);
- for every codebook target, ``stance_<target_id>`` in [-1, 1] (NaN when the statement
  does not address the target) and ``stance_<target_id>_evidence`` (the cues that decided
  it; '' when NaN). The rules are in :mod:`analysis.stance`;
- with a learned model (``model=``, :mod:`analysis.learned`), for every target also
  ``stance_<target_id>_source`` (``model`` for the targets it was trained for, else
  ``rules``) and ``stance_<target_id>_confidence``; the model's stance replaces the rules'
  while their evidence stays. Without a model these two columns are not written.

Anaphors ("that deadline", "this") resolve to targets of the previous sentence only when
the raw text of each document is given (``text_by_doc``, or ``text`` for records); without
it only the content is read and such statements count as not addressing the target.

``sentence_sentiment(text, doc_id)`` scores every body sentence with TextBlob: doc_id,
paragraph, sentence, start, end, text, polarity, subjectivity (``sentence_records``: the
same rows as dicts). VADER is left out here: it is kept where it is compared with stance
(the statements), while at sentence level no figure reads it and it would be the largest
single cost of a corpus run.

Validation: ``gold_statements_frame`` loads ``gold/seed_statements.csv`` as a statements
frame; ``validate_stance`` compares scored statements with ``gold/seed_stance.csv``
(accuracy, Cohen's kappa, confusion matrices), ``evaluate_on_gold`` does so for the gold
and the extracted statements, ``validation_table`` makes one long table of the results,
``rule_ablation`` compares the scorer with itself minus one rule family and with sentiment
used as stance (``sentiment_as_stance``).
``stance_evidence_table`` lists every addressed statement x target with its evidence;
``sentiment_stance_agreement`` counts and ``sentiment_stance_disagreements`` lists where
sentiment and stance point in opposite directions.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from textblob.en import sentiment as pattern_sentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.codebook import Codebook, load_codebook, per_codebook
from analysis.ingest import Block, body_sentences
from analysis.positions import stance_targets
from analysis.stance import Rules, compile_rules, target_stances

STANCE_THRESHOLD = 0.2      # |stance| <= this is neutral when discretised
SENTIMENT_THRESHOLD = 0.05  # VADER's conventional neutral band, used for both analyzers
CLASSES = ("support", "neutral", "oppose", "not addressed")
SENTENCE_COLUMNS = ["doc_id", "paragraph", "sentence", "start", "end", "text", "polarity", "subjectivity"]
SENTIMENT_COLUMNS = ["polarity", "subjectivity", "vader_compound"]
ROOT = Path(__file__).resolve().parent.parent
GOLD_STATEMENTS = ROOT / "gold" / "seed_statements.csv"
GOLD_STANCE = ROOT / "gold" / "seed_stance.csv"
GOLD_DOC_ID = "000_d1a2afb279564811"  # the seed file the gold offsets point into


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def textblob_sentiment(text: str) -> tuple[float, float]:
    """(polarity, subjectivity) of ``text`` by TextBlob's default analyzer.

    That analyzer, ``PatternAnalyzer``, calls the pattern lexicon used here and wraps its
    (polarity, subjectivity) in a namedtuple class built anew on every call; calling the
    lexicon directly gives the same numbers at a third less cost."""
    polarity, subjectivity = pattern_sentiment(text or "")
    return float(polarity), float(subjectivity)


def sentiment(text: str) -> tuple[float, float, float]:
    """(TextBlob polarity, TextBlob subjectivity, VADER compound) of ``text``."""
    return *textblob_sentiment(text), float(_vader().polarity_scores(text or "")["compound"])


@lru_cache(maxsize=1)
def _default_rules() -> Rules:
    return compile_rules(load_codebook())


_rules_of = per_codebook(compile_rules)


@lru_cache(maxsize=1)
def _default_codebook() -> Codebook:
    return load_codebook()


@lru_cache(maxsize=4)
def _loaded_model(path: str, folder: str | None):
    from analysis.learned import load_model

    return load_model(path, load_codebook(folder))


def stance_model(model, codebook: Codebook | None = None):
    """``model`` (a :class:`analysis.learned.StanceModel`, the path of a saved one, or
    None) as a model checked against ``codebook`` (default: the packaged one); None for None.
    A path is loaded once per process."""
    if model is None:
        return None
    from analysis import learned  # scikit-learn is imported only when a model is used

    if isinstance(model, learned.StanceModel):
        learned.check_targets(model.propositions, codebook if codebook is not None else _default_codebook())
        return model
    return _loaded_model(str(model), None if codebook is None else str(codebook.folder))


def previous_sentences(records: list[dict], text: str, blocks: list[Block] | None = None,
                       sentences: list[tuple[int, int, int, int]] | None = None) -> list[str]:
    """For each record, the body sentence of ``text`` before the one holding its
    ``content_start`` ('' for the first). ``blocks`` (``segment(text)``) or ``sentences``
    (``body_sentences(text, blocks)``) when the caller has them."""
    if records and "content_start" not in records[0]:
        raise ValueError("statements lack column 'content_start', needed to find the previous sentence")
    sentences = body_sentences(text, blocks) if sentences is None else sentences
    starts = [start for _, _, start, _ in sentences]
    out = []
    for record in records:
        # The sentence holding the position, or the last one before it when it lies between sentences.
        index = bisect_right(starts, int(record["content_start"])) - 1
        out.append(text[sentences[index - 1][2]:sentences[index - 1][3]] if index > 0 else "")
    return out


def _as_text(value) -> str:
    """A cell as text, '' for a missing one."""
    return value if isinstance(value, str) else "" if pd.isna(value) else str(value)


def _scores(records: list[dict], text: str | None, rules: Rules, blocks: list[Block] | None = None,
            sentences: list[tuple[int, int, int, int]] | None = None, model=None) -> list[dict]:
    """The scored columns (sentiment, then stance and evidence per target, and with a
    checked ``model`` its columns) of each record."""
    previous = previous_sentences(records, text, blocks, sentences) if text is not None else [""] * len(records)
    columns = [(target, f"stance_{target}", f"stance_{target}_evidence") for target in rules.target_ids]
    out = []
    for record, before in zip(records, previous):
        content = _as_text(record["content"])
        row = dict(zip(SENTIMENT_COLUMNS, sentiment(content)))
        stances = target_stances(content, _as_text(record["cue"]), rules, before)
        for target, score_column, evidence_column in columns:
            row[score_column], row[evidence_column] = stances[target]
        out.append(row)
    if model is None:
        return out
    from analysis.learned import model_scores

    return model_scores(model, [_as_text(r["content"]) for r in records], out, rules.target_ids)


def score_records(records: list[dict], text: str | None = None, codebook: Codebook | None = None,
                  blocks: list[Block] | None = None,
                  sentences: list[tuple[int, int, int, int]] | None = None, model=None) -> list[dict]:
    """Statement records (dicts with ``content`` and ``cue``; with ``text``, the raw text of
    their document, also ``content_start``) with the scored columns of the module docstring
    added, as new dicts in the same order. ``blocks`` (``segment(text)``) or ``sentences``
    (``body_sentences(text, blocks)``) when the caller has them; ``model``: a learned model
    or its path (see :func:`stance_model`)."""
    rules = _rules_of(codebook) if codebook is not None else _default_rules()
    scores = _scores(records, text, rules, blocks, sentences, stance_model(model, codebook))
    return [{**record, **row} for record, row in zip(records, scores)]


def score_statements(statements: pd.DataFrame, codebook: Codebook | None = None,
                     text_by_doc: dict[str, str] | None = None, model=None) -> pd.DataFrame:
    """The statements frame with sentiment and per-target stance columns added (see the
    module docstring). Needs ``content`` and ``cue``; with ``text_by_doc`` also
    ``doc_id`` and ``content_start``. ``model``: a learned model or its path (see
    :func:`stance_model`)."""
    missing = [c for c in ("content", "cue") if c not in statements.columns]
    if missing:
        raise ValueError(f"statements lack column(s) {', '.join(missing)}: pass a statements frame "
                         "from analysis.extract_statements or gold_statements_frame")
    needed = ["content", "cue"]
    if text_by_doc:
        for column in ("doc_id", "content_start"):
            if column not in statements.columns:
                raise ValueError(f"statements lack column '{column}', needed to find the previous sentence")
        needed += ["doc_id", "content_start"]
    rules = _rules_of(codebook) if codebook is not None else _default_rules()
    model = stance_model(model, codebook)
    records = [dict(zip(needed, values)) for values in zip(*(statements[c].tolist() for c in needed))]
    by_document: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        by_document[record["doc_id"] if text_by_doc else ""].append(i)
    scores: list[dict | None] = [None] * len(records)
    for doc_id, rows in by_document.items():
        text = text_by_doc.get(doc_id) if text_by_doc else None
        for i, row in zip(rows, _scores([records[i] for i in rows], text, rules, model=model)):
            scores[i] = row
    suffixes = ("", "_evidence") + (("_source", "_confidence") if model is not None else ())
    columns = SENTIMENT_COLUMNS + [f"stance_{t}{suffix}" for t in rules.target_ids for suffix in suffixes]
    added = pd.DataFrame({c: [row[c] for row in scores] for c in columns}, index=statements.index)
    replaced = [c for c in columns if c in statements.columns]
    # One concat, not a column at a time: pandas inserts columns slowly.
    return pd.concat([statements.drop(columns=replaced) if replaced else statements, added], axis=1)


def sentence_records(text: str, doc_id: str, blocks: list[Block] | None = None,
                     sentences: list[tuple[int, int, int, int]] | None = None) -> list[dict]:
    """TextBlob sentiment of every body sentence of ``text``: rows as dicts keyed by
    :data:`SENTENCE_COLUMNS`. ``blocks`` (``segment(text)``) or ``sentences``
    (``body_sentences(text, blocks)``) when the caller has them."""
    sentences = body_sentences(text, blocks) if sentences is None else sentences
    rows = []
    for paragraph, sentence, start, end in sentences:
        chunk = text[start:end]
        polarity, subjectivity = textblob_sentiment(chunk)
        rows.append({"doc_id": doc_id, "paragraph": paragraph, "sentence": sentence, "start": start, "end": end,
                     "text": chunk, "polarity": polarity, "subjectivity": subjectivity})
    return rows


def sentence_sentiment(text: str, doc_id: str) -> pd.DataFrame:
    """TextBlob sentiment of every body sentence of ``text`` (columns:
    :data:`SENTENCE_COLUMNS`)."""
    return pd.DataFrame(sentence_records(text, doc_id), columns=SENTENCE_COLUMNS)


def gold_statements_frame(text: str, doc_id: str, path: str | Path = GOLD_STATEMENTS) -> pd.DataFrame:
    """The hand-coded gold statements as a statements frame (``gold_id`` kept) for the
    document ``text``; raises ValueError naming the file and row if an offset does not
    reproduce its span."""
    gold = pd.read_csv(path, keep_default_na=False, dtype=str)
    for column in ("content_start", "content_end", "cue_start", "cue_end", "speaker_start", "speaker_end"):
        gold[column] = gold[column].astype(int)
    for row in gold.itertuples():
        for part in ("content", "cue", "speaker_text"):
            base = "speaker" if part == "speaker_text" else part
            a, b = getattr(row, f"{base}_start"), getattr(row, f"{base}_end")
            if a >= 0 and text[a:b] != getattr(row, part):
                raise ValueError(f"{path}: {row.gold_id}: {part} offsets {a}-{b} give {text[a:b]!r}, "
                                 f"not {getattr(row, part)!r}; is this the document the gold was coded on?")
    sentences = body_sentences(text)
    located = [next(((p, s) for p, s, a, b in sentences if a <= start < b), (-1, -1))
               for start in gold["content_start"]]
    gold.insert(0, "doc_id", doc_id)
    gold.insert(1, "statement_id", [f"{doc_id}:{a}-{b}" for a, b in zip(gold["content_start"], gold["content_end"])])
    gold["paragraph"] = [p for p, _ in located]
    gold["sentence"] = [s for _, s in located]
    return gold


def discretise(score: float, threshold: float = STANCE_THRESHOLD) -> str:
    """'support' above ``threshold``, 'oppose' below -``threshold``, 'neutral' between,
    'not addressed' for NaN."""
    if score is None or pd.isna(score):
        return "not addressed"
    score = round(float(score), 6)
    return "support" if score > threshold else "oppose" if score < -threshold else "neutral"


def match_gold(statements: pd.DataFrame, gold: pd.DataFrame, min_overlap: float = 0.5) -> pd.Series:
    """For each statement, the ``gold_id`` of the gold statement in the same document whose
    content span overlaps it most (overlap / union of the two spans >= ``min_overlap``),
    else ''."""
    out = []
    for row in statements.itertuples():
        best, best_id = 0.0, ""
        for g in gold[gold["doc_id"] == row.doc_id].itertuples():
            inter = min(row.content_end, g.content_end) - max(row.content_start, g.content_start)
            union = max(row.content_end, g.content_end) - min(row.content_start, g.content_start)
            if inter > 0 and inter / union > best:
                best, best_id = inter / union, g.gold_id
        out.append(best_id if best >= min_overlap else "")
    return pd.Series(out, index=statements.index, name="gold_id")


def stance_pairs(scored: pd.DataFrame, gold_stance: pd.DataFrame, threshold: float = STANCE_THRESHOLD) -> pd.DataFrame:
    """One row per gold statement x target: gold_id, target, gold, score, predicted,
    agree, evidence. ``scored`` needs a ``gold_id`` column; a gold statement no scored row
    carries is 'not addressed' for every target (a missed extraction)."""
    if "gold_id" not in scored.columns:
        raise ValueError("scored statements lack 'gold_id': score gold_statements_frame(...), or add "
                         "match_gold(statements, gold) as a column")
    rows = []
    by_id = {g: frame.iloc[0] for g, frame in scored[scored["gold_id"] != ""].groupby("gold_id", sort=False)}
    for g in gold_stance.itertuples():
        row = by_id.get(g.gold_id)
        column = f"stance_{g.target}"
        if row is not None and column not in row.index:
            raise ValueError(f"scored statements lack '{column}': score them with the codebook the gold was coded on")
        score = np.nan if row is None else row[column]
        gold = "not addressed" if pd.isna(g.stance) else {1: "support", 0: "neutral", -1: "oppose"}[int(g.stance)]
        predicted = discretise(score, threshold)
        rows.append((g.gold_id, g.target, gold, score, predicted, gold == predicted,
                     "" if row is None else row[f"{column}_evidence"]))
    return pd.DataFrame(rows, columns=["gold_id", "target", "gold", "score", "predicted", "agree", "evidence"])


def cohen_kappa(gold: list[str], predicted: list[str]) -> float:
    """Cohen's kappa of two label sequences (NaN when chance agreement is 1)."""
    labels = sorted(set(gold) | set(predicted))
    n = len(gold)
    if n == 0:
        return float("nan")
    observed = sum(a == b for a, b in zip(gold, predicted)) / n
    chance = sum((gold.count(k) / n) * (predicted.count(k) / n) for k in labels)
    return float("nan") if chance == 1 else (observed - chance) / (1 - chance)


def confusion(pairs: pd.DataFrame, classes: tuple[str, ...]) -> pd.DataFrame:
    """Counts with gold classes as rows and predicted classes as columns."""
    table = pd.crosstab(pd.Categorical(pairs["gold"], classes), pd.Categorical(pairs["predicted"], classes),
                        dropna=False)
    table.index.name, table.columns.name = "gold", "predicted"
    return table


def validate_stance(scored: pd.DataFrame, gold_stance: pd.DataFrame,
                    threshold: float = STANCE_THRESHOLD) -> dict[str, pd.DataFrame]:
    """Agreement of discretised stance with the gold.

    Two schemes: ``4-class`` (support/neutral/oppose/not addressed) over every statement x
    target pair; ``3-class`` over the pairs the gold codes as addressed, where a pair the
    scorer leaves unaddressed counts as neutral (it takes no side). Returns ``summary``
    (scheme, n_pairs, accuracy, kappa, threshold), ``confusion_4``, ``confusion_3`` and
    ``pairs`` (see :func:`stance_pairs`)."""
    pairs = stance_pairs(scored, gold_stance, threshold)
    addressed = pairs[pairs["gold"] != "not addressed"].copy()
    addressed["predicted"] = addressed["predicted"].replace("not addressed", "neutral")
    summary = []
    for scheme, frame in (("4-class", pairs), ("3-class", addressed)):
        gold, predicted = list(frame["gold"]), list(frame["predicted"])
        accuracy = float(np.mean([a == b for a, b in zip(gold, predicted)])) if gold else float("nan")
        summary.append((scheme, len(frame), accuracy, cohen_kappa(gold, predicted), threshold))
    return {
        "summary": pd.DataFrame(summary, columns=["scheme", "n_pairs", "accuracy", "kappa", "threshold"]),
        "confusion_4": confusion(pairs, CLASSES),
        "confusion_3": confusion(addressed, CLASSES[:3]),
        "pairs": pairs,
    }


def validation_table(results: dict[str, dict[str, pd.DataFrame]]) -> pd.DataFrame:
    """One long table of several :func:`validate_stance` results keyed by evaluation name:
    evaluation, scheme, measure (accuracy|kappa|n_pairs|count), gold, predicted, value."""
    rows = []
    for evaluation, result in results.items():
        for s in result["summary"].itertuples():
            rows.extend((evaluation, s.scheme, measure, "", "", float(getattr(s, measure)))
                        for measure in ("n_pairs", "accuracy", "kappa"))
        for scheme, key in (("4-class", "confusion_4"), ("3-class", "confusion_3")):
            table = result[key]
            rows.extend((evaluation, scheme, "count", g, p, float(table.loc[g, p]))
                        for g in table.index for p in table.columns)
    return pd.DataFrame(rows, columns=["evaluation", "scheme", "measure", "gold", "predicted", "value"])


def evaluate_on_gold(statements: pd.DataFrame, text_by_doc: dict[str, str], codebook: Codebook | None = None,
                     threshold: float = STANCE_THRESHOLD) -> dict[str, dict[str, pd.DataFrame]]:
    """Validate stance twice when the gold document is in ``text_by_doc``: on the gold
    statements (content from the gold, so extraction errors stay out) and end to end on
    ``statements`` (scored here; each matched to a gold statement by :func:`match_gold`).
    Returns {} when the corpus does not hold the gold document."""
    if GOLD_DOC_ID not in text_by_doc:
        return {}
    gold = gold_statements_frame(text_by_doc[GOLD_DOC_ID], GOLD_DOC_ID)
    gold_stance = pd.read_csv(GOLD_STANCE)
    extracted = statements[statements["doc_id"] == GOLD_DOC_ID].copy()
    extracted["gold_id"] = match_gold(extracted, gold)
    return {
        "gold statements": validate_stance(score_statements(gold, codebook, text_by_doc), gold_stance, threshold),
        "extracted statements": validate_stance(score_statements(extracted, codebook, text_by_doc), gold_stance,
                                                threshold),
    }


def sentiment_as_stance(scored: pd.DataFrame, column: str) -> pd.DataFrame:
    """A copy of ``scored`` whose stance on every addressed target is the sentiment in
    ``column`` (``polarity`` or ``vader_compound``): the baseline that treats sentiment as
    stance, with the same addressed pairs as the scorer."""
    baseline = scored.copy()
    for target in stance_targets(scored):
        baseline[f"stance_{target}"] = scored[column].where(scored[f"stance_{target}"].notna())
        baseline[f"stance_{target}_evidence"] = [f"{column} {v:+.2f}" if not pd.isna(v) else ""
                                                 for v in baseline[f"stance_{target}"]]
    return baseline


def rule_ablation(text_by_doc: dict[str, str], codebook: Codebook | None = None) -> pd.DataFrame:
    """Agreement with the gold (on the gold statements) of the full scorer, of the scorer
    with one rule family switched off (by removing its codebook rows, or the previous
    sentence), and of sentiment used as stance (neutral band +-0.05). Columns: variant,
    scheme, n_pairs, accuracy, kappa. Empty when the gold document is not in the corpus."""
    columns = ["variant", "scheme", "n_pairs", "accuracy", "kappa"]
    if GOLD_DOC_ID not in text_by_doc:
        return pd.DataFrame(columns=columns)
    codebook = codebook if codebook is not None else load_codebook()
    gold = gold_statements_frame(text_by_doc[GOLD_DOC_ID], GOLD_DOC_ID)
    gold_stance = pd.read_csv(GOLD_STANCE)
    lexicon = codebook.stance_lexicon

    def without(*roles: str) -> Codebook:
        return replace(codebook, stance_lexicon=lexicon[~lexicon["role"].isin(roles)])

    full = score_statements(gold, codebook, text_by_doc)
    variants = [
        ("full scorer", full, STANCE_THRESHOLD),
        ("without negators", score_statements(gold, without("negator"), text_by_doc), STANCE_THRESHOLD),
        ("without hedges and boosters", score_statements(gold, without("hedge", "booster"), text_by_doc),
         STANCE_THRESHOLD),
        ("without reporting-verb stance",
         score_statements(gold, replace(codebook, cues=codebook.cues.assign(stance="0")), text_by_doc),
         STANCE_THRESHOLD),
        ("without the previous sentence (no anaphora)", score_statements(gold, codebook), STANCE_THRESHOLD),
        ("TextBlob polarity as stance", sentiment_as_stance(full, "polarity"), SENTIMENT_THRESHOLD),
        ("VADER compound as stance", sentiment_as_stance(full, "vader_compound"), SENTIMENT_THRESHOLD),
    ]
    rows = []
    for name, scored, threshold in variants:
        summary = validate_stance(scored, gold_stance, threshold)["summary"]
        rows.extend((name, r.scheme, r.n_pairs, r.accuracy, r.kappa) for r in summary.itertuples())
    return pd.DataFrame(rows, columns=columns)


def stance_evidence_table(scored: pd.DataFrame, threshold: float = STANCE_THRESHOLD) -> pd.DataFrame:
    """One row per statement x addressed target: statement_id, speaker, cue, target, stance,
    stance_class, polarity, vader_compound, evidence."""
    targets = stance_targets(scored)
    rows = [(r.get("statement_id", ""), r.get("speaker", ""), r["cue"], t, r[f"stance_{t}"],
             discretise(r[f"stance_{t}"], threshold), r["polarity"], r["vader_compound"], r[f"stance_{t}_evidence"])
            for r in scored.to_dict("records") for t in targets if not pd.isna(r[f"stance_{t}"])]
    return pd.DataFrame(rows, columns=["statement_id", "speaker", "cue", "target", "stance", "stance_class",
                                       "polarity", "vader_compound", "evidence"])


def sentiment_stance_agreement(scored: pd.DataFrame, threshold: float = STANCE_THRESHOLD,
                               sentiment_threshold: float = SENTIMENT_THRESHOLD) -> pd.DataFrame:
    """For each analyzer (textblob, vader), over the statement x target pairs with a
    support or oppose stance: how often sentiment has the same sign, the opposite sign, or
    is neutral (within +-``sentiment_threshold``)."""
    pairs = stance_evidence_table(scored, threshold)
    pairs = pairs[pairs["stance_class"].isin(["support", "oppose"])]
    rows = []
    for analyzer, column in (("textblob", "polarity"), ("vader", "vader_compound")):
        products = [_sign(v, sentiment_threshold) * _sign(s, threshold) for v, s in zip(pairs[column], pairs["stance"])]
        rows.append((analyzer, len(products), products.count(1), products.count(-1), products.count(0)))
    return pd.DataFrame(rows, columns=["analyzer", "n_pairs", "same_sign", "opposite_sign", "sentiment_neutral"])


def _sign(value: float, threshold: float) -> int:
    return 0 if pd.isna(value) or abs(value) <= threshold else (1 if value > 0 else -1)


def sentiment_stance_disagreements(scored: pd.DataFrame, threshold: float = STANCE_THRESHOLD,
                                   sentiment_threshold: float = SENTIMENT_THRESHOLD) -> pd.DataFrame:
    """Every statement x target where stance and sentiment point in opposite directions:
    the discretised stance is support (oppose) while TextBlob polarity or VADER compound is
    below -``sentiment_threshold`` (above +``sentiment_threshold``). Columns: statement_id,
    target, stance, polarity, vader_compound, disagrees (textblob|vader|both), content,
    evidence."""
    targets = stance_targets(scored)
    rows = []
    for record in scored.to_dict("records"):
        for target in targets:
            stance = _sign(record[f"stance_{target}"], threshold)
            if stance == 0:
                continue
            which = [name for name, column in (("textblob", "polarity"), ("vader", "vader_compound"))
                     if _sign(record[column], sentiment_threshold) == -stance]
            if which:
                rows.append((record.get("statement_id", ""), target, record[f"stance_{target}"], record["polarity"],
                             record["vader_compound"], "both" if len(which) == 2 else which[0], record["content"],
                             record[f"stance_{target}_evidence"]))
    return pd.DataFrame(rows, columns=["statement_id", "target", "stance", "polarity", "vader_compound",
                                       "disagrees", "content", "evidence"])
