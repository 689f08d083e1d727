"""Coverage over time and by outlet: positions per period, sourcing per outlet.

Both join the statements to their documents (``documents.csv``: ``doc_id``, ``date``,
``outlet``, ``error``); a document's date comes from its dateline or its sidecar, its
outlet from the sidecar's ``outlet`` field.

``positions_by_period(scored, documents, period="month")`` returns the columns of
:func:`analysis.positions.stakeholder_positions` preceded by ``period`` (``2025-12`` for a
month, ``2025-W49`` for an ISO week) and ``period_start`` (its first day, ISO): the
positions computed from the statements of the documents dated in that period alone
(``salience`` is then a share of that period's statements). Statements of undated
documents are left out. Periods are in date order; a corpus of one period gives one.

``sourcing_by_outlet(statements, documents)`` returns one row per outlet (sorted, documents
without one under :data:`NO_OUTLET`): ``outlet``, ``documents`` (read without error),
``statements``, ``statements_per_document``, ``anonymous_share`` (statements whose actor is
anonymous_person or anonymous_group) and ``share_<bloc>`` for every codebook bloc, then
``unknown``, then any other bloc the statements carry: the bloc's share of the outlet's
statements.
"""
from __future__ import annotations

import pandas as pd

from analysis.actors import ANONYMOUS_TYPES
from analysis.codebook import Codebook, load_codebook
from analysis.positions import COLUMNS as POSITION_COLUMNS
from analysis.positions import UNKNOWN_BLOC, stakeholder_positions

PERIODS = {"month": "M", "week": "W-SUN"}
DEFAULT_PERIOD = "month"
PERIOD_COLUMNS = ["period", "period_start", *POSITION_COLUMNS]
NO_OUTLET = "(no outlet)"
OUTLET_COLUMNS = ["outlet", "documents", "statements", "statements_per_document", "anonymous_share"]


def text_column(values: pd.Series) -> pd.Series:
    """A table column as stripped text, "" for a missing cell (a column read from CSV with
    only empty cells comes back as float NaN)."""
    return values.astype(object).where(values.notna(), "").astype(str).str.strip()


def period_labels(dates: pd.Series, period: str = DEFAULT_PERIOD) -> pd.DataFrame:
    """``period`` label and ``period_start`` (ISO) of each ISO date in ``dates`` (empty
    strings for a missing or malformed date); ``period`` is ``month`` or ``week``."""
    if period not in PERIODS:
        raise ValueError(f"period '{period}' is not one of {', '.join(PERIODS)}")
    parsed = pd.to_datetime(text_column(dates), format="%Y-%m-%d", errors="coerce")
    spans = parsed.dt.to_period(PERIODS[period])
    start = spans.dt.start_time
    if period == "month":
        label = spans.dt.strftime("%Y-%m")
    else:
        iso = start.dt.isocalendar()
        label = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    return pd.DataFrame({"period": label.fillna("").astype(str),
                         "period_start": start.dt.strftime("%Y-%m-%d").fillna("").astype(str)}, index=dates.index)


def _read_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents read without error, ``doc_id`` as text."""
    read = documents[text_column(documents["error"]) == ""] if "error" in documents else documents
    return read.assign(doc_id=read["doc_id"].astype(str))


def positions_by_period(scored: pd.DataFrame, documents: pd.DataFrame, codebook: Codebook | None = None,
                        period: str = DEFAULT_PERIOD) -> pd.DataFrame:
    """Positions per period of the documents' dates (see the module docstring)."""
    documents = _read_documents(documents)
    labels = period_labels(documents["date"], period).set_index(documents["doc_id"])
    doc_ids = scored["doc_id"].astype(str)
    dated = scored.assign(period=doc_ids.map(labels["period"]).fillna(""),
                          period_start=doc_ids.map(labels["period_start"]).fillna(""))
    dated = dated[dated["period"] != ""]
    parts = []
    for (start, label), group in dated.groupby(["period_start", "period"], sort=True):
        positions = stakeholder_positions(group.drop(columns=["period", "period_start"]), codebook)
        parts.append(positions.assign(period=label, period_start=start)[PERIOD_COLUMNS])
    if not parts:
        return pd.DataFrame(columns=PERIOD_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def _bloc_order(statements: pd.DataFrame, codebook: Codebook | None) -> list[str]:
    codebook = codebook if codebook is not None else load_codebook()
    listed = [*codebook.blocs["bloc"], UNKNOWN_BLOC]
    return listed + sorted(set(statements["bloc"]) - set(listed))


def sourcing_by_outlet(statements: pd.DataFrame, documents: pd.DataFrame,
                       codebook: Codebook | None = None) -> pd.DataFrame:
    """Statements, anonymous share and share by bloc per outlet (see the module docstring)."""
    documents = _read_documents(documents)
    outlets = text_column(documents["outlet"]).replace("", NO_OUTLET)
    outlet_of = dict(zip(documents["doc_id"], outlets))
    said = statements.assign(outlet=statements["doc_id"].astype(str).map(outlet_of).fillna(NO_OUTLET),
                             bloc=text_column(statements["bloc"]).replace("", UNKNOWN_BLOC))
    blocs = _bloc_order(said, codebook)
    rows = []
    for outlet in sorted(set(outlets)):
        own = said[said["outlet"] == outlet]
        n_documents = int((outlets == outlet).sum())
        shares = own["bloc"].value_counts(normalize=True) if len(own) else pd.Series(dtype=float)
        rows.append({"outlet": outlet, "documents": n_documents, "statements": len(own),
                     "statements_per_document": len(own) / n_documents,
                     "anonymous_share": float(own["actor_type"].isin(ANONYMOUS_TYPES).mean()) if len(own)
                     else float("nan"),
                     **{f"share_{bloc}": float(shares.get(bloc, 0.0)) if len(own) else float("nan")
                        for bloc in blocs}})
    return pd.DataFrame(rows, columns=[*OUTLET_COLUMNS, *(f"share_{bloc}" for bloc in blocs)])
