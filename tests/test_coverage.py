"""Coverage over time and by outlet, on six dated articles from two outlets written for
these tests (tests/data/coverage_corpus: January to March 2026, "Harbor Ledger" and
"Valley Courier" in the sidecars): positions per period, sourcing per outlet, their
figures, and findings that speak of this corpus only."""
from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.coverage import period_labels, positions_by_period, sourcing_by_outlet
from analysis.figures import FIGURES, fig_sources_by_outlet, fig_stance_over_time, save_figure
from analysis.findings import is_seed_corpus, positions_findings, raw_text_findings, seed_notes, statements_findings
from analysis.ingest import blocks_frame, dates_frame, documents_frame, read_corpus, sentences_frame
from analysis.networks import conflict_network, congruence_network, edge_table
from analysis.pipeline import run_corpus
from analysis.positions import stakeholder_positions
from analysis.tables import read_table

CORPUS = Path(__file__).resolve().parent / "data" / "coverage_corpus"
SEED_WORDS = ("Reuters", "Landau", "Slattery", "5 Dec", "srnnews", "seed")


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("coverage")
    run_corpus(CORPUS, out, jobs=1, progress=False)
    return out


def test_period_labels_month_and_week():
    dates = pd.Series(["2026-01-14", "2026-03-01", "", None, "14 Jan 2026"])
    month = period_labels(dates)
    assert month["period"].tolist() == ["2026-01", "2026-03", "", "", ""]
    assert month["period_start"].tolist() == ["2026-01-01", "2026-03-01", "", "", ""]
    week = period_labels(dates, "week")
    # 14 Jan 2026 is a Wednesday of ISO week 3; 1 Mar 2026 a Sunday, the end of week 9
    assert week["period"].tolist()[:2] == ["2026-W03", "2026-W09"]
    assert week["period_start"].tolist()[:2] == ["2026-01-12", "2026-02-23"]
    with pytest.raises(ValueError, match="not one of month, week"):
        period_labels(dates, "year")


def test_documents_carry_date_and_outlet(run):
    documents = read_table(run / "documents.csv")
    assert documents.set_index("doc_id")["outlet"].to_dict() == {
        "a1_ledger_jan": "Harbor Ledger", "a2_courier_jan": "Valley Courier", "a3_ledger_feb": "Harbor Ledger",
        "a4_courier_feb": "Valley Courier", "a5_ledger_mar": "Harbor Ledger", "a6_courier_mar": "Valley Courier"}
    assert documents["date"].str[:7].tolist() == ["2026-01", "2026-01", "2026-02", "2026-02", "2026-03", "2026-03"]


def test_positions_by_period_are_the_positions_of_each_period(run):
    scored = read_table(run / "scored_statements.csv")
    by_period = read_table(run / "positions_by_period.csv")
    assert by_period.drop_duplicates("period")[["period", "period_start"]].values.tolist() == [
        ["2026-01", "2026-01-01"], ["2026-02", "2026-02-01"], ["2026-03", "2026-03-01"]]
    march = scored[scored["doc_id"].str.endswith("_mar")]
    expected = stakeholder_positions(march)
    got = by_period[by_period["period"] == "2026-03"].drop(columns=["period", "period_start"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected.round(6), check_dtype=False)  # as read back from CSV
    europe = got[(got["level"] == "bloc") & (got["name"] == "Europe") & (got["target"] == "deadline_2027")]
    # Italian officials: "the 2027 deadline remained unrealistic", the one European statement on it in March
    assert europe[["n_statements", "mean_stance"]].values.tolist() == [[1, pytest.approx(-0.9)]]


def test_undated_documents_are_left_out(run):
    scored = read_table(run / "scored_statements.csv")
    documents = read_table(run / "documents.csv")
    documents.loc[documents["doc_id"] == "a1_ledger_jan", "date"] = float("nan")
    january = positions_by_period(scored, documents).query("period == '2026-01' and level == 'bloc'")
    stances = [c for c in scored.columns if c.startswith("stance_") and not c.endswith("_evidence")]
    left = scored.loc[scored["doc_id"] == "a2_courier_jan", stances].notna().sum().sum()
    assert january["n_statements"].sum() == left > 0
    assert positions_by_period(scored.iloc[:0], documents).empty


def test_sourcing_by_outlet(run):
    sourcing = read_table(run / "sourcing_by_outlet.csv").set_index("outlet")
    statements = read_table(run / "statements.csv")
    assert list(sourcing.index) == ["Harbor Ledger", "Valley Courier"]
    assert sourcing["documents"].tolist() == [3, 3]
    assert sourcing["statements"].sum() == len(statements)
    shares = sourcing[[c for c in sourcing.columns if c.startswith("share_")]]
    assert shares.sum(axis=1).round(6).tolist() == [1.0, 1.0]
    ledger = statements[statements["doc_id"].str.contains("ledger")]
    assert sourcing.loc["Harbor Ledger", "anonymous_share"] == pytest.approx(
        ledger["actor_type"].isin(["anonymous_person", "anonymous_group"]).mean(), abs=1e-6)
    assert sourcing.loc["Harbor Ledger", "share_NATO"] == pytest.approx((ledger["bloc"] == "NATO").mean(), abs=1e-6)


def test_sourcing_without_outlets_groups_everything(run):
    documents = read_table(run / "documents.csv").assign(outlet=float("nan"))
    sourcing = sourcing_by_outlet(read_table(run / "statements.csv"), documents)
    assert sourcing["outlet"].tolist() == ["(no outlet)"] and sourcing["documents"].tolist() == [6]


def test_figures_over_time_and_by_outlet(run, tmp_path):
    fig, data = fig_stance_over_time(read_table(run / "positions_by_period.csv"))
    assert sorted(data["period"].unique()) == ["2026-01", "2026-02", "2026-03"]
    assert (data["n_statements"] > 0).all()
    panels = [ax.get_title(loc="left") for ax in fig.axes]
    assert panels[:3] == ["burden_shift", "deadline_2027", "defense_spending"]
    empty = [ax for ax in fig.axes if ax.get_title(loc="left") == "us_russia_talks"][0]
    assert "no dated statement addresses this target" in [t.get_text() for t in empty.texts]
    fig2, sourcing = fig_sources_by_outlet(read_table(run / "sourcing_by_outlet.csv"))
    assert sorted(sourcing["outlet"]) == ["Harbor Ledger", "Valley Courier"]
    for fig_id in ("fig_stance_over_time", "fig_sources_by_outlet"):
        assert fig_id in FIGURES
    first = save_figure(fig, data, "fig_stance_over_time", tmp_path / "a")
    again, again_data = fig_stance_over_time(read_table(run / "positions_by_period.csv"))
    second = save_figure(again, again_data, "fig_stance_over_time", tmp_path / "b")
    assert all(filecmp.cmp(x, y, shallow=False) for x, y in zip(first, second))


def test_one_period_says_so(run):
    by_period = read_table(run / "positions_by_period.csv")
    fig, data = fig_stance_over_time(by_period[by_period["period"] == "2026-02"])
    assert fig.axes[len(fig.axes) - 1].get_xlabel().startswith("Period (one period only")
    assert set(data["period"]) == {"2026-02"}


def test_findings_speak_of_this_corpus_only(run):
    items = list(read_corpus(CORPUS))
    documents = documents_frame(items, CORPUS)
    text = raw_text_findings(documents, blocks_frame(items), sentences_frame(items), dates_frame(items))
    assert "6 article(s) read" in text and "from 2026-01-14 to 2026-03-27" in text
    assert "Harbor Ledger (3), Valley Courier (3)" in text
    statements = read_table(run / "statements.csv")
    sourcing = read_table(run / "sourcing_by_outlet.csv")
    text += statements_findings(statements, len(items), None, sourcing)
    assert f"**{len(statements)} statements** in 6 document(s)" in text
    scored = read_table(run / "scored_statements.csv")
    positions = read_table(run / "positions.csv")
    text += positions_findings(positions, edge_table(congruence_network(scored)), edge_table(conflict_network(scored)),
                               read_table(run / "positions_by_period.csv"))
    assert "3 periods from 2026-01 to 2026-03" in text
    assert "`deadline_2027`, Europe: -0.80 in 2026-01 (n = 1) → -0.90 in 2026-03 (n = 1)" in text
    assert not [word for word in SEED_WORDS if word in text]
    assert seed_notes("04_stakeholder_positions", CORPUS) == ""


def test_seed_notes_only_for_the_seed(seeds_dir, tmp_path):
    assert is_seed_corpus(list(read_corpus(seeds_dir)))
    assert "Landau" in seed_notes("04_stakeholder_positions", seeds_dir)
    renamed = tmp_path / "my corpus"
    shutil.copytree(seeds_dir, renamed)
    assert seed_notes("04_stakeholder_positions", renamed)  # decided by content, not by folder name
    article = next(renamed.glob("*.txt"))
    article.write_text(article.read_text(encoding="utf-8").replace("Pentagon", "Ministry"), encoding="utf-8")
    assert seed_notes("04_stakeholder_positions", renamed) == ""
    shutil.copy(CORPUS / "a1_ledger_jan.txt", renamed / "a1_ledger_jan.txt")
    assert not is_seed_corpus(list(read_corpus(renamed)))


def test_findings_name_the_files_that_failed():
    hostile = Path(__file__).resolve().parent / "hostile"
    items = list(read_corpus(hostile))
    text = raw_text_findings(documents_frame(items, hostile), blocks_frame(items), sentences_frame(items),
                             dates_frame(items))
    failed = sorted(item.path.stem for item in items if isinstance(item, Exception))
    assert f"{len(failed)} file(s) could not be read: {', '.join(failed)}" in text
    assert "No sidecar names an outlet." in text
