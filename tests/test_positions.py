"""Stakeholder positions on a small hand-made scored frame, values worked out by hand."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis import stakeholder_positions
from analysis.codebook import load_codebook
from analysis.positions import COLUMNS, bootstrap_interval, sides_by_target, stance_long

NAN = float("nan")


def scored_frame() -> pd.DataFrame:
    """Five statements: Pentagon officials (US) x2, European officials (Europe) x2, one
    unresolved speaker (Europe)."""
    return pd.DataFrame({
        "statement_id": ["d:0-1", "d:2-3", "d:4-5", "d:6-7", "d:8-9"],
        "speaker": ["Pentagon officials", "Pentagon officials", "European officials", "European officials", ""],
        "bloc": ["US", "US", "Europe", "Europe", "Europe"],
        "polarity": [0.2, 0.4, -0.5, 0.1, 0.0],
        "stance_burden_shift": [1.0, 0.5, NAN, -0.5, NAN],
        "stance_burden_shift_evidence": ["a", "b", "", "c", ""],
        "stance_deadline_2027": [0.8, NAN, -1.0, -0.6, -0.2],
        "stance_deadline_2027_evidence": ["d", "", "e", "f", "g"],
    })


def row(positions: pd.DataFrame, level: str, name: str, target: str) -> pd.Series:
    match = positions[(positions["level"] == level) & (positions["name"] == name) & (positions["target"] == target)]
    assert len(match) == 1
    return match.iloc[0]


def test_columns_and_rows():
    positions = stakeholder_positions(scored_frame(), n_resamples=999)
    assert list(positions.columns) == COLUMNS
    # 2 actors x 2 targets, then 2 blocs x 2 targets; actors sorted by bloc then name
    assert list(positions["level"]) == ["actor"] * 4 + ["bloc"] * 4
    assert list(positions["name"])[::2] == ["European officials", "Pentagon officials", "Europe", "US"]


def test_actor_values():
    positions = stakeholder_positions(scored_frame(), n_resamples=999)
    pentagon = row(positions, "actor", "Pentagon officials", "burden_shift")
    assert pentagon["mean_stance"] == pytest.approx(0.75)
    assert pentagon["n_statements"] == 2
    assert pentagon["salience"] == pytest.approx(2 / 5)
    assert pentagon["mean_polarity"] == pytest.approx(0.3)
    assert pentagon["bloc"] == "US"
    assert 0.5 <= pentagon["ci_low"] <= 0.75 <= pentagon["ci_high"] <= 1.0
    # only the statement that addresses the target counts
    one = row(positions, "actor", "Pentagon officials", "deadline_2027")
    assert one["mean_stance"] == pytest.approx(0.8) and one["n_statements"] == 1
    assert one["mean_polarity"] == pytest.approx(0.2)
    assert math.isnan(one["ci_low"]) and math.isnan(one["ci_high"])
    europe = row(positions, "actor", "European officials", "deadline_2027")
    assert europe["mean_stance"] == pytest.approx(-0.8)
    assert europe["ci_low"] <= -0.8 <= europe["ci_high"]


def test_bloc_rows_include_unresolved_speakers():
    positions = stakeholder_positions(scored_frame(), n_resamples=999)
    europe = row(positions, "bloc", "Europe", "deadline_2027")
    assert europe["n_statements"] == 3
    assert europe["mean_stance"] == pytest.approx(-0.6)
    assert europe["salience"] == pytest.approx(3 / 5)
    assert europe["mean_polarity"] == pytest.approx((-0.5 + 0.1 + 0.0) / 3)


def test_target_nobody_addresses_has_no_stance():
    scored = scored_frame().assign(stance_spending_5pct=NAN)
    positions = stakeholder_positions(scored, n_resamples=999)
    spending = positions[positions["target"] == "spending_5pct"]
    assert len(spending) == 4
    assert (spending["n_statements"] == 0).all() and spending["mean_stance"].isna().all()


def test_fixed_seed_is_deterministic_and_seed_matters():
    first = stakeholder_positions(scored_frame(), n_resamples=999, seed=1)
    again = stakeholder_positions(scored_frame(), n_resamples=999, seed=1)
    pd.testing.assert_frame_equal(first, again)
    values = np.array([0.1, 0.9, -0.4, 0.6, 0.3])
    assert bootstrap_interval(values, 999, seed=1) != bootstrap_interval(values, 999, seed=2)


def test_constant_stance_gives_point_interval_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert bootstrap_interval(np.array([0.5, 0.5, 0.5])) == (0.5, 0.5)


def test_codebook_targets_are_used_and_checked():
    codebook = load_codebook()
    scored = scored_frame()
    for target in codebook.target_ids:
        if f"stance_{target}" not in scored.columns:
            scored[f"stance_{target}"] = NAN
    positions = stakeholder_positions(scored, codebook=codebook, n_resamples=99)
    assert list(dict.fromkeys(positions["target"])) == codebook.target_ids
    with pytest.raises(ValueError, match="stance column"):
        stakeholder_positions(scored.drop(columns=[f"stance_{codebook.target_ids[0]}"]), codebook=codebook)


def test_bad_and_empty_input():
    with pytest.raises(ValueError, match="speaker"):
        stakeholder_positions(scored_frame().drop(columns=["speaker"]))
    empty = stakeholder_positions(scored_frame().iloc[0:0])
    assert empty.empty and list(empty.columns) == COLUMNS


def test_stance_long_counts_addressed_pairs():
    long = stance_long(scored_frame())
    assert len(long) == 7
    assert sorted(long[long["target"] == "burden_shift"]["stance"]) == [-0.5, 0.5, 1.0]


def test_sides_by_target():
    sides = sides_by_target(stakeholder_positions(scored_frame(), n_resamples=99))
    assert list(sides.index) == ["burden_shift", "deadline_2027"]
    assert sides.loc["burden_shift", "support"] == "Pentagon officials"
    assert sides.loc["burden_shift", "oppose"] == "European officials"
    assert sides.loc["deadline_2027", "oppose"] == "European officials"
    assert sides.loc["deadline_2027", "neutral"] == ""
    blocs = sides_by_target(stakeholder_positions(scored_frame(), n_resamples=99), level="bloc")
    assert blocs.loc["deadline_2027", "oppose"] == "Europe" and blocs.loc["deadline_2027", "support"] == "US"


def test_sides_follow_target_order_not_actor_order():
    scored = scored_frame().assign(stance_burden_shift=NAN)
    scored.loc[4, "stance_burden_shift"] = 0.5  # only the unresolved speaker, sorted last, addresses it
    sides = sides_by_target(stakeholder_positions(scored, n_resamples=99), level="bloc")
    assert list(sides.index) == ["burden_shift", "deadline_2027"]
