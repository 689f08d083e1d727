"""Write and read the tables that pass between notebooks and the command line.

Every stage writes its DataFrame with :func:`write_table`, so that the same inputs give
byte-identical files: fixed column order, ``\\n`` line ends, floats rounded to six
decimals (enough for stance and sentiment, stable across platforms), UTF-8.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

FLOAT_FORMAT = "%.6f"


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as CSV to ``path`` (folders created); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, float_format=FLOAT_FORMAT, lineterminator="\n", encoding="utf-8")
    return path


def csv_text(rows: Iterable[Sequence], header: Sequence[str] | None = None) -> str:
    """``rows`` of plain Python values (str, int, float, bool, None) as CSV text, formatted
    as :func:`write_table` formats a DataFrame holding them: missing values (None, NaN)
    empty, floats with :data:`FLOAT_FORMAT`, pandas' quoting and line ends. For streaming
    many small tables, where building a DataFrame for each costs more than the work that
    produced it.

    Cells are formatted one by one, while pandas formats a column by its type: the two agree
    when each column holds one kind of value (text with missing values, ints, bools, or
    floats with NaN), as every table of this package does. An int column with a missing
    value, or ints and floats in one column, would come out differently ("1" here,
    "1.000000" from pandas)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header is not None:
        writer.writerow(header)
    # Inline rather than a function per cell: this runs for every cell of a corpus.
    writer.writerows([("" if value != value else FLOAT_FORMAT % value) if isinstance(value, float)
                      else "" if value is None else value for value in row] for row in rows)
    return buffer.getvalue()


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a table written by :func:`write_table`; only empty cells are missing values
    (so that a name such as "NA" stays text)."""
    return pd.read_csv(path, keep_default_na=False, na_values=[""], encoding="utf-8")
