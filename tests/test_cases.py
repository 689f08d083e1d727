"""The stance rules on hand-written sentences of the NATO burden-shift debate
(``tests/data/stance_cases.csv``, scored by :func:`analysis.cases.evaluate_cases`).

The ``heldout`` cases were written before the rules were tuned and never tuned on; the
``tuning`` cases are in-sample. The floors sit a little under the measured figures
(held out: 31 of 35 right, 1 wrong sign; tuning: 47 of 54 right, 1 wrong sign)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.cases import CASE_COLUMNS, evaluate_cases, read_cases

CASES = Path(__file__).parent / "data" / "stance_cases.csv"


@pytest.fixture(scope="module")
def evaluated():
    return evaluate_cases(CASES)


def _overall(summary: pd.DataFrame, part: str) -> pd.Series:
    return summary[(summary["part"] == part) & (summary["construction"] == "all")].iloc[0]


def test_case_file_is_large_and_covers_the_debate(evaluated):
    table, _ = evaluated
    assert table["sentence"].nunique() >= 60
    assert (table["part"] == "heldout").sum() >= 25
    for construction in ("demand_own_run_bear", "commander_confidence", "verb_adjective_dismissal",
                         "timeline_too_short", "threat_step_back", "pressure_do_more", "negative_control",
                         "report_no_side"):
        assert construction in set(table["construction"]), construction


@pytest.mark.parametrize("part, right, wrong", [("heldout", 0.75, 0.10), ("tuning", 0.75, 0.05)])
def test_right_and_wrong_sign_floors(evaluated, part, right, wrong):
    row = _overall(evaluated[1], part)
    assert row["right_share"] >= right and row["wrong_share"] <= wrong, row.to_dict()


def test_negative_controls_address_nothing(evaluated):
    table, _ = evaluated
    controls = table[table["construction"] == "negative_control"]
    assert len(controls) >= 9 and (controls["predicted"] == "not addressed").all()


def test_evidence_names_the_cues(evaluated):
    table, _ = evaluated
    addressed = table[table["predicted"] != "not addressed"]
    assert (addressed["evidence"].str.contains("stance [+-]")).all()
    row = table[table["case_id"] == "t02"].iloc[0]
    assert "about: act" in row["evidence"] and "'Europeans'" in row["evidence"] and "support '" in row["evidence"]


def test_bad_case_file_names_line_and_fix(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(",".join(CASE_COLUMNS) + "\nx1,heldout,Some sentence.,,burden_shift,maybe,c\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cases.csv, line 2: expected 'maybe'.*Fix"):
        read_cases(path)
    path.write_text(",".join(CASE_COLUMNS) + "\nx1,heldout,Some sentence.,,no_such_target,support,c\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="target 'no_such_target' is not in the codebook"):
        evaluate_cases(path)
