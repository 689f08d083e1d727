"""Findings written from the tables: the "Findings" paragraphs of the notebooks, as Markdown.

Each function takes the tables a notebook has just made and returns Markdown bullets that
hold for whatever corpus they came from (counts, the largest blocs and actors, the sides
per target, where sentiment and stance disagree, validation figures where gold exists):

- :func:`raw_text_findings` (notebook 01), :func:`statements_findings` (02),
  :func:`stance_findings` (03), :func:`positions_findings` (04), :func:`figures_findings` (05).

Prose that holds only for the seed article is kept in ``notebooks/seed_notes/<notebook>.md``
and returned by :func:`seed_notes` only when the corpus is the seed: exactly one readable
article, with the seed's doc id and the checksum of its text (:func:`is_seed_corpus`),
so that a renamed copy of the folder still counts and a different article never does.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.actors import ANONYMOUS_TYPES
from analysis.coverage import text_column
from analysis.ingest import Document, read_corpus
from analysis.positions import SIDES, sides_by_target, stance_targets
from analysis.scoring import GOLD_DOC_ID, STANCE_THRESHOLD

ROOT = Path(__file__).resolve().parent.parent
SEED_NOTES = ROOT / "notebooks" / "seed_notes"
SEED_SHA256 = "0ffc79da639b4c71298a295bc5deb164b690812f818e09d3277df9b1603907a9"  # of the seed's decoded text
TOP = 5  # blocs, actors, outlets named in a sentence


def is_seed_corpus(documents: list[Document]) -> bool:
    """True when the readable ``documents`` are the seed article alone, unchanged."""
    readable = [d for d in documents if isinstance(d, Document)]
    return (len(readable) == 1 and readable[0].doc_id == GOLD_DOC_ID
            and hashlib.sha256(readable[0].text.encode("utf-8")).hexdigest() == SEED_SHA256)


def seed_notes(notebook: str, seeds: str | Path) -> str:
    """The hand-written notes on the seed for ``notebook`` (its file stem), or "" when the
    corpus in ``seeds`` is not the seed."""
    path = SEED_NOTES / f"{notebook}.md"
    if not path.is_file() or not is_seed_corpus(list(read_corpus(seeds))):
        return ""
    return path.read_text(encoding="utf-8")


def _pct(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "n/a"


def _counted(counts: pd.Series, limit: int = TOP) -> str:
    """"A (3), B (2) and 4 more" from a count series, largest first, ties by name."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    named = [f"{name} ({int(n)})" for name, n in ordered[:limit]]
    rest = len(ordered) - limit
    return ", ".join(named) + (f" and {rest} more" if rest > 0 else "")


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines if line)


def _nonempty(values: pd.Series) -> pd.Series:
    text = text_column(values)
    return text[text != ""]


def raw_text_findings(documents: pd.DataFrame, blocks: pd.DataFrame, sentences: pd.DataFrame,
                      dates: pd.DataFrame) -> str:
    """Files read and failed, what the later stages read, the articles' dates and outlets,
    the date expressions of the body."""
    errors = text_column(documents["error"])
    failed, read = documents[errors != ""], documents[errors == ""]
    files = f"**Files.** {len(read)} article(s) read, " + (
        f"{len(failed)} file(s) could not be read: " + ", ".join(failed["doc_id"].head(TOP))
        + (f" and {len(failed) - TOP} more" if len(failed) > TOP else "") + " (reasons in `documents.csv`)"
        if len(failed) else "none failed") + "."
    body = int((blocks["label"] == "body").sum())
    others = blocks.loc[blocks["label"] != "body", "label"].value_counts()
    paragraphs = sentences.groupby("doc_id")["paragraph"].nunique().sum() if len(sentences) else 0
    words = int(sentences["text"].str.split().str.len().sum()) if len(sentences) else 0
    read_text = (f"**What the later stages read.** {body} of {len(blocks)} blocks ({_pct(body, len(blocks))}) are "
                 f"body text: {paragraphs} paragraphs, {len(sentences)} sentences, about {words:,} words. Set aside: "
                 + (_counted(others, limit=10) if len(others) else "nothing") + ".")
    dated = _nonempty(read["date"])
    span = "" if dated.empty else f", {dated.iloc[0]}" if dated.nunique() == 1 else f", from {dated.min()} to {dated.max()}"
    outlets = _nonempty(read["outlet"]) if "outlet" in read else pd.Series(dtype=str)
    dating = (f"**Dates of the articles.** {len(dated)} of {len(read)} article(s) carry a date{span}. "
              + (f"Outlets (sidecars): {_counted(outlets.value_counts())}." if len(outlets) else "No sidecar names an outlet."))
    resolved = _nonempty(dates["date_start"]) if len(dates) else pd.Series(dtype=str)
    years = resolved.str[:4].value_counts()
    mentions = (f"**Dates in the body.** {len(dates)} date expression(s), {len(resolved)} resolved against their "
                "article's date" + (f"; the most mentioned years: {_counted(years, 3)}" if len(years) else "") + ".")
    return _bullets([files, read_text, dating, mentions])


def statements_findings(statements: pd.DataFrame, n_documents: int, gold: dict | None = None,
                        sourcing: pd.DataFrame | None = None) -> str:
    """Statements, the largest blocs and actors, anonymous sources, how speakers were
    resolved, the gold comparison (``gold``: :func:`analysis.evaluation.gold_scores`) and
    the outlets (``sourcing``: :func:`analysis.coverage.sourcing_by_outlet`)."""
    n = len(statements)
    if n == 0:
        return _bullets([f"**No attributed statement** was found in {n_documents} document(s)."])
    blocs = statements["bloc"].fillna("unknown").value_counts()
    named = statements["speaker"].fillna("").astype(str)
    anonymous = int(statements["actor_type"].isin(ANONYMOUS_TYPES).sum())
    evidence = statements["speaker_evidence"].fillna("").astype(str)
    how = {"a codebook alias": evidence.str.startswith("alias ").sum(),
           "a pronoun": evidence.str.startswith("pronoun").sum(),
           "a definite description": evidence.str.startswith("definite description").sum(),
           "the grammar of the phrase (not in the codebook)": evidence.str.startswith("not in codebook").sum()}
    lines = [
        f"**{n} statements** in {n_documents} document(s) ({n / max(n_documents, 1):.1f} per document): "
        + ", ".join(f"{k} {v}" for k, v in statements["kind"].value_counts().sort_index().items()) + ".",
        f"**Who speaks, by bloc:** {_counted(blocs, limit=10)}; the largest, {blocs.index[0]}, gives "
        f"{_pct(blocs.iloc[0], n)} of the statements.",
        f"**Most quoted actors:** {_counted(named[named != ''].value_counts())}.",
        f"**Anonymous sources:** {anonymous} of {n} statements ({_pct(anonymous, n)}) come from an unnamed "
        "person or group.",
        "**Speakers resolved by** " + ", ".join(f"{k}: {int(v)}" for k, v in how.items()) + ".",
    ]
    if gold:
        lines.append(f"**Against the seed gold** (in-sample: the rules were developed on it): "
                     f"{gold['n_matched']} of {gold['n_gold']} gold statements found "
                     f"(recall {gold['recall']:.2f}, precision {gold['precision']:.2f}); speaker accuracy "
                     f"{gold['speaker_accuracy']:.2f}, type {gold['actor_type_accuracy']:.2f}, "
                     f"bloc {gold['bloc_accuracy']:.2f} on matched statements.")
    if sourcing is not None and len(sourcing) > 1:
        most = sourcing.sort_values(["anonymous_share", "outlet"], ascending=[False, True]).iloc[0]
        lines.append(f"**By outlet:** {len(sourcing)} outlets; "
                     + ", ".join(f"{o} {int(s)} statements in {int(d)} articles" for o, s, d in
                                 zip(sourcing["outlet"], sourcing["statements"], sourcing["documents"]))
                     + f". {most['outlet']} relies most on anonymous sources ({most['anonymous_share']:.0%}).")
    return _bullets(lines)


def target_counts(scored: pd.DataFrame, targets: list[str]) -> pd.DataFrame:
    """Per target: statements addressing it and how many support, are neutral, oppose
    (the discretised classes of notebook 03, threshold :data:`STANCE_THRESHOLD`)."""
    rows = []
    for target in targets:
        stance = pd.to_numeric(scored[f"stance_{target}"], errors="coerce").dropna()
        rows.append({"target": target, "addressed": len(stance),
                     "support": int((stance > STANCE_THRESHOLD).sum()),
                     "neutral": int((stance.abs() <= STANCE_THRESHOLD).sum()),
                     "oppose": int((stance < -STANCE_THRESHOLD).sum())})
    return pd.DataFrame(rows, columns=["target", "addressed", "support", "neutral", "oppose"])


def stance_findings(scored: pd.DataFrame, agreement: pd.DataFrame, evaluations: dict | None = None) -> str:
    """Statements addressing targets, the classes per target, sentiment against stance
    (``agreement``: :func:`analysis.scoring.sentiment_stance_agreement`) and the gold
    validation (``evaluations``: :func:`analysis.scoring.evaluate_on_gold`)."""
    targets = stance_targets(scored)
    counts = target_counts(scored, targets)
    stances = scored[[f"stance_{t}" for t in targets]].apply(pd.to_numeric, errors="coerce") if targets else scored
    addressing = int(stances.notna().any(axis=1).sum()) if targets else 0
    silent = counts.loc[counts["addressed"] == 0, "target"].tolist()
    lines = [f"**{addressing} of {len(scored)} statements address at least one target** "
             f"({int(counts['addressed'].sum())} statement x target pairs)."
             + (f" Never addressed: {', '.join(f'`{t}`' for t in silent)}." if silent else "")]
    lines += [f"`{r.target}`: {r.addressed} statement(s): {r.support} support, {r.neutral} neutral, {r.oppose} oppose."
              for r in counts.itertuples() if r.addressed]
    for row in agreement.itertuples():
        lines.append(f"**Sentiment against stance ({row.analyzer}):** of {row.n_pairs} pairs with a support or "
                     f"oppose stance, the sentiment has the same sign in {row.same_sign}, the opposite sign in "
                     f"{row.opposite_sign} and is neutral in {row.sentiment_neutral}.")
    for name, result in (evaluations or {}).items():
        summary = result["summary"].set_index("scheme")
        lines.append(f"**Against the seed gold, {name}** (in-sample: the rules were developed on the seed): "
                     + "; ".join(f"{scheme} accuracy {r.accuracy:.3f}, kappa {r.kappa:.3f} over {int(r.n_pairs)} pairs"
                                 for scheme, r in summary.iterrows()) + ".")
    return _bullets(lines)


def _side_text(row: pd.Series, weight: dict[str, int]) -> str:
    """"support A, B; oppose C" from a :func:`sides_by_target` row, each side's names by
    ``weight`` (statements on the target, most first) and cut at :data:`TOP`."""
    parts = []
    for label in SIDES:
        names = row.get(label) and row[label].split("; ")
        if names:
            parts.append(f"{label} " + _counted(pd.Series({n: weight.get(n, 0) for n in names})))
    return "; ".join(parts) if parts else "no side"


def _trend(by_period: pd.DataFrame) -> list[str]:
    """Per target and bloc with statements in two or more periods: first and last mean."""
    blocs = by_period[(by_period["level"] == "bloc") & (by_period["n_statements"] > 0)]
    lines = []
    for (target, bloc), group in blocs.groupby(["target", "name"], sort=False):
        if group["period"].nunique() >= 2:
            first, last = group.sort_values("period_start").iloc[[0, -1]].itertuples()
            lines.append(f"`{target}`, {bloc}: {first.mean_stance:+.2f} in {first.period} (n = {first.n_statements})"
                         f" → {last.mean_stance:+.2f} in {last.period} (n = {last.n_statements})")
    return lines


def positions_findings(positions: pd.DataFrame, congruence_edges: pd.DataFrame, conflict_edges: pd.DataFrame,
                       by_period: pd.DataFrame | None = None) -> str:
    """Sides per target (blocs, then actors), the networks and, with dated articles, the
    change of bloc positions between the first and last period."""
    if positions.empty or (positions["n_statements"] == 0).all():
        return _bullets(["**No statement addresses any target**, so there are no positions to compare."])
    blocs, actors = sides_by_target(positions, "bloc"), sides_by_target(positions, "actor")
    lines = []
    for target in blocs.index:
        own = positions[positions["target"] == target]
        weight = {level: dict(zip(rows["name"], rows["n_statements"])) for level, rows in own.groupby("level")}
        line = (f"**`{target}`** (statements in brackets) blocs: "
                f"{_side_text(blocs.loc[target], weight['bloc'])}.")
        lines.append(line + (f" Actors: {_side_text(actors.loc[target], weight['actor'])}."
                             if target in actors.index else ""))
    cells = positions[(positions["level"] == "actor") & (positions["n_statements"] > 0)]
    single = int((cells["n_statements"] == 1).sum())
    lines.append(f"**Evidence per position:** {single} of {len(cells)} addressed actor x target cells rest on a "
                 "single statement (no interval).")
    lines.append(f"**Networks:** the conflict network has {len(conflict_edges)} edge(s)"
                 + (f", on {_counted(conflict_edges['targets'].str.split('; ').explode().value_counts())}"
                    if len(conflict_edges) and "targets" in conflict_edges else "")
                 + f"; the congruence network {len(congruence_edges)} edge(s).")
    if by_period is not None and len(by_period):
        periods = by_period.drop_duplicates("period")
        if len(periods) < 2:
            lines.append(f"**Over time:** every dated statement falls in one period ({periods['period'].iloc[0]}), "
                         "so the corpus shows no change over time.")
        else:
            trend = _trend(by_period)
            if len(trend) > 3 * TOP:
                trend = trend[:3 * TOP] + [f"and {len(trend) - 3 * TOP} more in `positions_by_period.csv`"]
            lines.append(f"**Over time:** {len(periods)} periods from {periods['period'].min()} to "
                         f"{periods['period'].max()}. " + ("First and last period of each bloc that speaks in "
                                                           "two or more: " + "; ".join(trend) + "."
                                                           if trend else "No bloc addresses a target in two periods."))
    return _bullets(lines)


def _strength(rho: float) -> str:
    """Conventional words for the size of a correlation."""
    size = abs(rho)
    word = "weak" if size < 0.3 else "moderate" if size < 0.6 else "strong"
    return word + (", negative" if rho < 0 else "")


def figures_findings(points: pd.DataFrame, by_period: pd.DataFrame, sourcing: pd.DataFrame, rho: dict[str, float]) -> str:
    """What the figures rest on: pairs behind the sentiment check and its correlations
    (``rho``: analyzer -> Spearman's rho), periods behind the stance over time, outlets."""
    text = {k: ("undefined" if np.isnan(v) else f"{v:.2f} ({_strength(v)})") for k, v in rho.items()}
    periods = by_period["period"].nunique() if len(by_period) else 0
    lines = [f"`fig_sentiment_vs_stance` rests on {len(points)} statement x target pairs; Spearman's rho between "
             "stance and " + ", ".join(f"{k} {v}" for k, v in text.items()) + ". Where it is weak or negative, "
             "sentiment is no proxy for stance on this corpus.",
             f"`fig_stance_over_time` has {periods} period(s)"
             + (": one period shows positions, not change." if periods == 1 else "."),
             f"`fig_sources_by_outlet` compares {len(sourcing)} outlet(s)"
             + (": " + ", ".join(f"{o} {s:.0%} anonymous" for o, s in zip(sourcing["outlet"], sourcing["anonymous_share"])
                                 if pd.notna(s)) if len(sourcing) else "") + "."]
    return _bullets(lines)
