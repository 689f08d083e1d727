"""Stakeholder positions: each actor's and each bloc's mean stance toward each target.

``stakeholder_positions(scored)`` takes the scored statements frame (``speaker``,
``bloc``, ``polarity`` and one ``stance_<target_id>`` column per codebook target) and
returns one row per actor x target and per bloc x target with the columns

``level`` (``actor`` or ``bloc``), ``name`` (canonical actor, or the bloc id), ``bloc``,
``target``, ``mean_stance`` (mean of the statements' stance, NaN when none addresses
the target), ``ci_low``/``ci_high`` (percentile bootstrap 95% interval of that mean over
statements, fixed seed), ``n_statements`` (statements addressing the target),
``salience`` (the actor's, or bloc's, share of all statements in the frame, whatever
their target), ``mean_polarity`` (mean TextBlob polarity of the statements counted in
``n_statements``).

Only statements with a stance on a target (non-NaN ``stance_<target>``) count toward
that target. The interval needs spread to resample: with one statement it is NaN (a
single statement gives a position, not an uncertainty), and when every statement has the
same stance it is that value at both ends (the bootstrap distribution is a point, which
scipy would flag as degenerate). Statements without a resolved speaker count toward
their bloc and toward the salience denominator, not toward any actor row. Questions
from the press in transcripts (``actor_type`` ``press``) are left out unless
``include_press``.

``stance_long(scored)`` is the long form shared with :mod:`analysis.networks`: one row
per statement x addressed target. ``sides_by_target(positions)`` lists, per target, the
actors whose mean stance supports, is neutral on, or opposes it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from analysis.codebook import STANCE_SUFFIXES, Codebook
from analysis.transcripts import PRESS

STANCE_PREFIX = "stance_"
UNKNOWN_BLOC = "unknown"
COLUMNS = ["level", "name", "bloc", "target", "mean_stance", "ci_low", "ci_high",
           "n_statements", "salience", "mean_polarity"]
LONG_COLUMNS = ["statement_id", "actor", "bloc", "target", "stance", "polarity"]
SIDES = ("support", "oppose", "neutral")
DEFAULT_RESAMPLES = 9999
DEFAULT_SEED = 20251205
BOOTSTRAP_BATCH = 500
CONFIDENCE = 0.95


def stance_targets(scored: pd.DataFrame, codebook: Codebook | None = None) -> list[str]:
    """Target ids to summarise: the codebook's (each must have its ``stance_`` column), or
    else every ``stance_<id>`` column of ``scored`` in frame order."""
    if codebook is not None:
        missing = [t for t in codebook.target_ids if STANCE_PREFIX + t not in scored.columns]
        if missing:
            raise ValueError(f"scored statements lack stance column(s) for codebook target(s) "
                             f"{', '.join(missing)}: score them with the same codebook")
        return list(codebook.target_ids)
    return [c[len(STANCE_PREFIX):] for c in scored.columns
            if c.startswith(STANCE_PREFIX) and not c.endswith(STANCE_SUFFIXES)]


def side(stance: float) -> str:
    """``support`` (stance > 0), ``oppose`` (< 0) or ``neutral`` (= 0)."""
    return "support" if stance > 0 else "oppose" if stance < 0 else "neutral"


def _check_columns(scored: pd.DataFrame) -> None:
    missing = [c for c in ("speaker", "bloc", "polarity") if c not in scored.columns]
    if missing:
        raise ValueError(f"scored statements lack column(s) {', '.join(missing)}")


def _clean(scored: pd.DataFrame, include_press: bool = False) -> pd.DataFrame:
    """Speaker and bloc as text: a missing speaker is "", a missing bloc is ``unknown``;
    without ``include_press``, questions from the press (``actor_type`` ``press``, see
    :mod:`analysis.transcripts`) left out: they ask, they take no position."""
    frame = scored.copy()
    if not include_press and "actor_type" in frame.columns:
        frame = frame[frame["actor_type"] != PRESS]
    frame["speaker"] = frame["speaker"].fillna("").astype(str).str.strip()
    frame["bloc"] = frame["bloc"].fillna("").astype(str).str.strip().replace("", UNKNOWN_BLOC)
    if "statement_id" not in frame.columns:
        frame["statement_id"] = [f"row{i}" for i in range(len(frame))]
    return frame


def stance_long(scored: pd.DataFrame, codebook: Codebook | None = None, include_press: bool = False) -> pd.DataFrame:
    """One row per statement x target it addresses: ``statement_id, actor, bloc, target,
    stance, polarity`` (``actor`` is "" for an unresolved speaker; press questions only
    with ``include_press``)."""
    _check_columns(scored)
    frame = _clean(scored, include_press)
    parts = []
    for target in stance_targets(scored, codebook):
        stance = pd.to_numeric(frame[STANCE_PREFIX + target], errors="coerce")
        rows = frame[stance.notna()]
        parts.append(pd.DataFrame({
            "statement_id": rows["statement_id"].astype(str),
            "actor": rows["speaker"],
            "bloc": rows["bloc"],
            "target": target,
            "stance": stance[stance.notna()].astype(float),
            "polarity": pd.to_numeric(rows["polarity"], errors="coerce").astype(float),
        }))
    if not parts:
        return pd.DataFrame(columns=LONG_COLUMNS)
    return pd.concat(parts, ignore_index=True)[LONG_COLUMNS]


def bootstrap_interval(values: np.ndarray, n_resamples: int = DEFAULT_RESAMPLES,
                       seed: int = DEFAULT_SEED) -> tuple[float, float]:
    """Percentile bootstrap 95% interval of the mean of ``values`` (NaN for fewer than two
    values, the value itself when all are equal). Each call draws from a fresh generator
    seeded with ``seed``, so the interval does not depend on what was computed before."""
    values = np.asarray(values, dtype=float)
    if len(values) < 2:
        return float("nan"), float("nan")
    if np.all(values == values[0]):
        return float(values[0]), float(values[0])
    # Batches bound memory for large groups; they draw the same stream, so the same interval.
    result = stats.bootstrap((values,), np.mean, confidence_level=CONFIDENCE, n_resamples=n_resamples,
                             method="percentile", rng=np.random.default_rng(seed), batch=BOOTSTRAP_BATCH)
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def _rows(level: str, groups: pd.DataFrame, long: pd.DataFrame, key: str, total: int,
          targets: list[str], n_resamples: int, seed: int) -> list[dict]:
    addressed = {name: (group["stance"].to_numpy(dtype=float), group["polarity"].to_numpy(dtype=float))
                 for name, group in long.groupby([key, "target"], sort=False)}
    empty = (np.array([]), np.array([]))
    rows = []
    for name, bloc, count in groups[["name", "bloc", "count"]].itertuples(index=False):
        for target in targets:
            stances, polarities = addressed.get((name, target), empty)
            low, high = bootstrap_interval(stances, n_resamples, seed)
            rows.append({
                "level": level, "name": name, "bloc": bloc, "target": target,
                "mean_stance": float(stances.mean()) if len(stances) else float("nan"),
                "ci_low": low, "ci_high": high, "n_statements": len(stances),
                "salience": count / total,
                "mean_polarity": float(np.nanmean(polarities)) if len(stances) and not np.isnan(polarities).all()
                else float("nan"),
            })
    return rows


def _actor_groups(named: pd.DataFrame) -> pd.DataFrame:
    """``name, bloc, count`` of every named speaker, sorted by bloc then name: ``bloc`` is
    the one it is most often given (ties: alphabetical), so each actor has one."""
    pairs = named.groupby(["speaker", "bloc"]).size().rename("n").reset_index()
    main = (pairs.sort_values(["speaker", "n", "bloc"], ascending=[True, False, True])
            .drop_duplicates("speaker").set_index("speaker")["bloc"])
    counts = pairs.groupby("speaker")["n"].sum()
    return (pd.DataFrame({"name": counts.index, "bloc": main.reindex(counts.index).to_numpy(),
                          "count": counts.to_numpy()}).sort_values(["bloc", "name"]))


def stakeholder_positions(scored: pd.DataFrame, codebook: Codebook | None = None,
                          n_resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED,
                          include_press: bool = False) -> pd.DataFrame:
    """Positions frame (see module docstring) from the scored statements frame: actor rows
    first (sorted by bloc, then name), then bloc rows (sorted), targets in codebook order.
    Questions from the press count only with ``include_press``."""
    _check_columns(scored)
    targets = stance_targets(scored, codebook)
    frame = _clean(scored, include_press)
    total = len(frame)
    if total == 0 or not targets:
        return pd.DataFrame(columns=COLUMNS)
    long = stance_long(frame, codebook, include_press)
    named = frame[frame["speaker"] != ""]
    actors = _actor_groups(named)
    blocs = (frame.groupby("bloc").size().rename("count").rename_axis("name").reset_index()
             .assign(bloc=lambda f: f["name"]).sort_values("name"))
    rows = (_rows("actor", actors, long, "actor", total, targets, n_resamples, seed)
            + _rows("bloc", blocs, long, "bloc", total, targets, n_resamples, seed))
    positions = pd.DataFrame(rows, columns=COLUMNS)
    positions["n_statements"] = positions["n_statements"].astype(int)
    return positions


def sides_by_target(positions: pd.DataFrame, level: str = "actor") -> pd.DataFrame:
    """Who takes which side: one row per addressed target (in ``positions``' target order), columns
    ``support``, ``neutral``, ``oppose`` listing the actors (or blocs) whose mean stance is
    on that side, "; "-separated."""
    rows = positions[(positions["level"] == level) & (positions["n_statements"] > 0)]
    targets = [t for t in dict.fromkeys(positions["target"]) if t in set(rows["target"])]
    table = {target: {s: "; ".join(group.loc[group["mean_stance"].map(side) == s, "name"])
                      for s in ("support", "neutral", "oppose")}
             for target, group in ((t, rows[rows["target"] == t]) for t in targets)}
    return pd.DataFrame.from_dict(table, orient="index", columns=["support", "neutral", "oppose"]).rename_axis("target")
