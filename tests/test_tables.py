"""``csv_text`` (the streaming run's formatter) against ``write_table`` (the notebooks'):
the same rows must give the same bytes, whatever the cells hold."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.tables import csv_text, read_table, write_table

COLUMNS = ["text", "count", "score", "flag"]
TEXT = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["", "NA", "a,b", 'say "no"', "x\ny", "x\r\ny"]))
COUNT = st.integers(-10**12, 10**12)
SCORE = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0, 1e-9, 0.5, 2.0]))
ROWS = st.lists(st.tuples(TEXT, COUNT, SCORE, st.booleans()), max_size=6)


def frame_bytes(rows: list[tuple], tmp_path: Path) -> bytes:
    return write_table(pd.DataFrame(rows, columns=COLUMNS), tmp_path / "table.csv").read_bytes()


@given(rows=ROWS)
def test_csv_text_writes_what_write_table_writes(rows, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("tables")
    assert csv_text(rows, header=COLUMNS).encode("utf-8") == frame_bytes(rows, tmp_path)


def test_missing_values_and_floats_on_a_known_row(tmp_path: Path):
    text = csv_text([("a,b", 3, math.nan, True), (None, -1, 0.1234567, False)], header=COLUMNS)
    assert text == 'text,count,score,flag\n"a,b",3,,True\n,-1,0.123457,False\n'
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    assert read_table(tmp_path / "t.csv")["score"].isna().tolist() == [True, False]


def test_no_rows_is_the_header_alone():
    assert csv_text([], header=COLUMNS) == "text,count,score,flag\n"
    assert csv_text([]) == ""
