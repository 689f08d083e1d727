"""Compare extracted statements with a hand-coded gold standard (``gold/seed_statements.csv``).

:func:`compare_with_gold` pairs each gold statement, in text order, with the unused
predicted statement that covers the largest share of the gold content's characters, if
that share exceeds ``threshold`` (default: more than half). Its frame has one row per gold
statement and one per unmatched prediction:
``gold_id, statement_id, overlap, gold_content, content, gold_speaker, speaker,
gold_actor_type, actor_type, gold_bloc, bloc, speaker_match, actor_type_match, bloc_match``
(``*_match`` empty for unmatched rows; speakers compare case-insensitively).
:func:`gold_scores` turns it into recall, precision and speaker/type/bloc accuracy.
"""
from __future__ import annotations

import pandas as pd

COLUMNS = ["gold_id", "statement_id", "overlap", "gold_content", "content", "gold_speaker", "speaker",
           "gold_actor_type", "actor_type", "gold_bloc", "bloc", "speaker_match", "actor_type_match", "bloc_match"]


def _covered(gold_start: int, gold_end: int, start: int, end: int) -> float:
    length = gold_end - gold_start
    return max(0, min(gold_end, end) - max(gold_start, start)) / length if length > 0 else 0.0


def compare_with_gold(predicted: pd.DataFrame, gold: pd.DataFrame, threshold: float = 0.5) -> pd.DataFrame:
    """One row per gold statement (matched or not) and per unmatched prediction; see the
    module docstring. Both frames need ``content_start``, ``content_end``, ``speaker``,
    ``actor_type``, ``bloc``; gold also ``gold_id``."""
    rows = []
    used: set[int] = set()
    predicted = predicted.reset_index(drop=True)
    for _, g in gold.sort_values("content_start", kind="stable").iterrows():
        best, best_share = None, threshold
        for index, p in predicted.iterrows():
            if index in used:
                continue
            share = _covered(int(g["content_start"]), int(g["content_end"]), int(p["content_start"]), int(p["content_end"]))
            if share > best_share:
                best, best_share = index, share
        row = {"gold_id": g["gold_id"], "gold_content": g["content"], "gold_speaker": g["speaker"],
               "gold_actor_type": g["actor_type"], "gold_bloc": g["bloc"]}
        if best is not None:
            used.add(best)
            p = predicted.loc[best]
            row.update(_predicted(p), overlap=round(best_share, 3),
                       speaker_match=str(p["speaker"]).casefold() == str(g["speaker"]).casefold(),
                       actor_type_match=p["actor_type"] == g["actor_type"], bloc_match=p["bloc"] == g["bloc"])
        rows.append(row)
    for index, p in predicted.iterrows():
        if index not in used:
            rows.append(_predicted(p))
    return pd.DataFrame(rows, columns=COLUMNS)


def _predicted(p: pd.Series) -> dict:
    return {"statement_id": p.get("statement_id", ""), "content": p.get("content", ""),
            "speaker": p["speaker"], "actor_type": p["actor_type"], "bloc": p["bloc"]}


def gold_scores(comparison: pd.DataFrame) -> dict[str, float]:
    """Counts and rates of a :func:`compare_with_gold` frame: n_gold, n_predicted,
    n_matched, recall, precision, and speaker/actor_type/bloc accuracy on matched rows."""
    gold = comparison["gold_id"].notna() & (comparison["gold_id"] != "")
    predicted = comparison["statement_id"].notna() & comparison["content"].notna()
    matched = comparison[gold & predicted]
    n_gold, n_predicted, n_matched = int(gold.sum()), int(predicted.sum()), len(matched)
    scores = {"n_gold": n_gold, "n_predicted": n_predicted, "n_matched": n_matched,
              "recall": n_matched / n_gold if n_gold else float("nan"),
              "precision": n_matched / n_predicted if n_predicted else float("nan")}
    for column in ("speaker_match", "actor_type_match", "bloc_match"):
        scores[column.replace("_match", "_accuracy")] = (
            float(matched[column].astype(bool).mean()) if n_matched else float("nan"))
    return scores
