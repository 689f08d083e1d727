"""Score a file of hand-signed test sentences and count right, wrong and missed signs.

The case file (e.g. ``tests/data/stance_cases.csv``) has one row per sentence x target:
``case_id``, ``part`` (``heldout``: written before the rules were tuned and never tuned
on; ``tuning``: in-sample), ``sentence`` (as it would stand in an article), ``previous``
(the sentence before it, or empty), ``target`` (a codebook target id), ``expected``
(support | oppose | neutral | not addressed) and ``construction`` (a free label that
groups the cases in the summary).

Each case goes through the pipeline as an article would: the statements are extracted
from ``previous`` + ``sentence`` and the stance of the statement(s) in ``sentence`` is
read; a sentence without an attributed statement (the author's own words, "X called the
deadline unrealistic") is scored as one statement with no reporting verb. Where a
sentence holds several statements the one with the strongest stance counts.

:func:`evaluate_cases` returns ``(table, summary)``: the table has the case columns plus
``score``, ``predicted``, ``outcome`` and ``evidence``; ``outcome`` is ``right`` (the
predicted class is the expected one), ``wrong sign`` (support for oppose or the reverse,
or a stance where none was expected), or ``missed`` (expected a side, got neutral or not
addressed). The summary counts the outcomes per part and construction.
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from analysis.codebook import Codebook
from analysis.scoring import CLASSES, discretise, score_records
from analysis.statements import statement_records

CASE_COLUMNS = ["case_id", "part", "sentence", "previous", "target", "expected", "construction"]
OUTCOMES = ("right", "wrong sign", "missed")


def read_cases(path: str | Path) -> pd.DataFrame:
    """The case file as a frame of strings; ValueError naming the file, line and fix for a
    missing column, an empty sentence or target, or an unknown expected class."""
    path = Path(path)
    cases = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in CASE_COLUMNS if c not in cases.columns]
    if missing:
        raise ValueError(f"{path}: header lacks column(s) {', '.join(missing)}. Fix: the header must name "
                         f"{','.join(CASE_COLUMNS)}")
    for line, row in enumerate(cases.itertuples(), start=2):
        if not row.sentence.strip() or not row.target.strip():
            raise ValueError(f"{path}, line {line}: empty sentence or target. Fix: fill both in")
        if row.expected not in CLASSES:
            raise ValueError(f"{path}, line {line}: expected '{row.expected}' is not one of {', '.join(CLASSES)}. "
                             "Fix: correct 'expected'")
    return cases


def _sentence_stances(sentence: str, previous: str, codebook: Codebook | None) -> dict[str, tuple[float, str]]:
    """For each target: the stance and evidence of the sentence's strongest statement."""
    text = f"{previous} {sentence}" if previous else sentence
    offset = len(text) - len(sentence)
    records = [r for r in statement_records(text, "case", codebook) if r["content_start"] >= offset]
    if not records:
        records = [{"content": sentence, "cue": "", "content_start": offset}]
    scored = score_records(records, text, codebook)
    out: dict[str, tuple[float, str]] = {}
    for row in scored:
        for column in row:
            if not column.startswith("stance_") or column.endswith("_evidence"):
                continue
            target, score = column[len("stance_"):], row[column]
            held = out.get(target, (math.nan, ""))
            if math.isnan(held[0]) or (not math.isnan(score) and abs(score) > abs(held[0])):
                out[target] = (score, row[f"{column}_evidence"])
    return out


def _outcome(expected: str, predicted: str) -> str:
    if expected == predicted:
        return "right"
    if predicted in ("support", "oppose"):
        return "wrong sign"
    return "missed"


def evaluate_cases(path: str | Path, codebook: Codebook | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score every case of ``path`` with ``codebook`` (default: the packaged one).

    Returns (table, summary); summary columns: part, construction, n, right, wrong sign,
    missed, right_share, wrong_share, with a row per part over all constructions
    (construction 'all')."""
    cases = read_cases(path)
    cache: dict[tuple[str, str], dict[str, tuple[float, str]]] = {}
    rows = []
    for case in cases.itertuples():
        key = (case.sentence, case.previous)
        if key not in cache:
            cache[key] = _sentence_stances(case.sentence, case.previous, codebook)
        if case.target not in cache[key]:
            raise ValueError(f"{path}: case {case.case_id}: target '{case.target}' is not in the codebook. "
                             "Fix: use one of " + ", ".join(sorted(cache[key])))
        score, evidence = cache[key][case.target]
        predicted = discretise(score)
        rows.append({**case._asdict(), "score": score, "predicted": predicted,
                     "outcome": _outcome(case.expected, predicted), "evidence": evidence})
    table = pd.DataFrame(rows).drop(columns="Index")
    return table, summarise(table)


def summarise(table: pd.DataFrame) -> pd.DataFrame:
    """Outcome counts and shares per part and construction, and per part overall."""
    groups = [(part, construction, frame) for (part, construction), frame in table.groupby(["part", "construction"])]
    groups += [(part, "all", frame) for part, frame in table.groupby("part")]
    rows = []
    for part, construction, frame in groups:
        counts = frame["outcome"].value_counts()
        n = len(frame)
        rows.append({"part": part, "construction": construction, "n": n,
                     **{o: int(counts.get(o, 0)) for o in OUTCOMES},
                     "right_share": counts.get("right", 0) / n, "wrong_share": counts.get("wrong sign", 0) / n})
    return pd.DataFrame(rows).sort_values(["part", "construction"], ignore_index=True)
