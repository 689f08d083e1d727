"""Check extracted statements: against a hand-coded gold standard, and by eye.

:func:`highlight_statements` renders a text as HTML with every statement's speaker, cue
and content marked (deterministic output, for notebooks and reports).

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

import html

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


_STYLE = {"speaker": "background:#fde68a", "cue": "font-weight:bold;color:#1d4ed8",
          "content": "text-decoration:underline;text-decoration-color:#0f766e"}


def highlight_statements(text: str, statements: pd.DataFrame, start: int = 0, end: int | None = None) -> str:
    """HTML of ``text[start:end]`` with speakers highlighted and followed by the resolved
    actor [name · type · bloc] (the tooltip gives the evidence), cues in bold blue and
    contents underlined. Nested spans are all marked; the output depends on the inputs only."""
    end = len(text) if end is None else end
    marks: list[list[str]] = [[] for _ in range(end - start)]
    titles: dict[int, str] = {}
    labels: dict[int, str] = {}
    for _, row in statements.iterrows():
        for part in ("content", "cue", "speaker"):
            s, e = int(row.get(f"{part}_start", -1)), int(row.get(f"{part}_end", -1))
            for i in range(max(s, start), min(e, end)):
                marks[i - start].append(part)
        s, e = int(row.get("speaker_start", -1)), int(row.get("speaker_end", -1))
        if start <= s < e <= end:
            titles[s - start] = str(row.get("speaker_evidence", ""))
            labels[e - start] = f"{row.get('speaker', '')} · {row.get('actor_type', '')} · {row.get('bloc', '')}"
    out, i = [], 0
    while i < len(marks):
        j = i + 1
        while j < len(marks) and marks[j] == marks[i] and j not in titles and j not in labels:
            j += 1
        if i in labels:
            out.append(f'<sup style="color:#6b7280">[{html.escape(labels[i])}]</sup>')
        chunk = html.escape(text[start + i:start + j]).replace("\n", "<br>\n")
        parts = sorted(set(marks[i]))
        if parts:
            style = ";".join(_STYLE[p] for p in parts)
            title = f' title="{html.escape(titles[i])}"' if i in titles else ""
            chunk = f'<span class="{" ".join(parts)}" style="{style}"{title}>{chunk}</span>'
        out.append(chunk)
        i = j
    if len(marks) in labels:
        out.append(f'<sup style="color:#6b7280">[{html.escape(labels[len(marks)])}]</sup>')
    legend = " ".join(f'<span style="{_STYLE[p]}">{p}</span>' for p in ("speaker", "cue", "content"))
    return f'<div style="line-height:1.6"><p>{legend} [resolved actor · type · bloc]</p>{"".join(out)}</div>'
