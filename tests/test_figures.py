"""Figures: reproducible bytes, manifest, 300-dpi one-column PNGs, plotted data, CITATION.cff."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import matplotlib.text
import pandas as pd
import pytest
import yaml
from PIL import Image

from analysis.codebook import load_codebook
from analysis.figures import (BLOC_COLOURS, FIGURES, RESULTS_NEEDED, bloc_palette, build_figures, fig_stakeholder_map,
                              make_figures, save_figure, write_manifest)
from analysis.coverage import positions_by_period, sourcing_by_outlet
from analysis.positions import stakeholder_positions
from analysis.tables import read_table, write_table

ROOT = Path(__file__).resolve().parents[1]
NAN = float("nan")


def write_results(folder: Path) -> Path:
    """Hand-made results tables in the documented formats (one article, five actors)."""
    scored = pd.DataFrame({
        "doc_id": ["d"] * 7,
        "statement_id": [f"d:{i * 100}-{i * 100 + 50}" for i in range(7)],
        "content_start": [i * 100 for i in range(7)],
        "content_end": [i * 100 + 50 for i in range(7)],
        "speaker": ["Pentagon officials", "Pentagon officials", "European officials", "NATO official",
                    "Christopher Landau", "Donald Trump", ""],
        "bloc": ["US", "US", "Europe", "NATO", "US", "US", "Europe"],
        "actor_type": ["anonymous_group", "anonymous_group", "anonymous_group", "anonymous_person", "person",
                       "person", "unknown"],
        "polarity": [0.2, 0.4, -0.5, 0.3, 0.1, 0.6, 0.0],
        "vader_compound": [0.3, 0.5, -0.4, 0.6, 0.2, 0.8, -0.1],
        "stance_burden_shift": [1.0, 0.5, NAN, 0.6, 0.8, NAN, -1.0],
        "stance_deadline_2027": [0.8, NAN, -1.0, 0.0, NAN, NAN, NAN],
        "stance_spending_5pct": [NAN, NAN, NAN, NAN, NAN, 1.0, NAN],
    })
    sentences = pd.DataFrame({"doc_id": "d", "sentence": range(10), "start": [i * 70 for i in range(10)],
                              "end": [i * 70 + 60 for i in range(10)],
                              "polarity": [0.1, -0.2, 0.0, 0.3, 0.5, -0.4, 0.2, 0.0, 0.1, -0.1]})
    timeline = pd.DataFrame({
        "doc_id": "d", "date_start": ["2022-01-01", "2025-06-01", "2027-01-01"],
        "date_end": ["2022-12-31", "2025-06-30", "2027-12-31"], "granularity": ["year", "month", "year"],
        "expression": ["in 2022", "in June", "by 2027"],
        "event": ["invasion of Ukraine", "leaders' summit", "take over conventional defense"],
        "sentence": ["a", "b", "c"], "start": [10, 20, 30], "end": [17, 27, 37]})
    write_table(scored, folder / "scored_statements.csv")
    write_table(sentences, folder / "sentence_sentiment.csv")
    write_table(timeline, folder / "timeline.csv")
    write_table(stakeholder_positions(scored, n_resamples=999), folder / "positions.csv")
    documents = pd.DataFrame({"doc_id": ["d"], "date": ["2025-12-05"], "outlet": ["Test Wire"], "error": [""]})
    write_table(positions_by_period(scored, documents), folder / "positions_by_period.csv")
    write_table(sourcing_by_outlet(scored, documents), folder / "sourcing_by_outlet.csv")
    return folder


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, Path]:
    results = write_results(tmp_path_factory.mktemp("results"))
    figures = tmp_path_factory.mktemp("figures")
    make_figures(results, figures)
    return results, figures


def test_same_inputs_give_identical_files(made, tmp_path):
    results, figures = made
    make_figures(results, tmp_path)
    names = sorted(p.name for p in figures.iterdir())
    assert names == sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 3 * len(FIGURES) + 1
    for name in names:
        assert (figures / name).read_bytes() == (tmp_path / name).read_bytes(), name


def check_figure_folder(folder: Path) -> None:
    manifest = (folder / "README.md").read_text(encoding="utf-8")
    for fig_id, caption in FIGURES.items():
        assert f"## {fig_id}" in manifest and caption in manifest
        assert f"Cite as: burden-shift contributors (2026). *burden-shift* (version 0.1.0), figure `{fig_id}`" in manifest
        for ext in ("pdf", "png", "csv"):
            assert (folder / f"{fig_id}.{ext}").stat().st_size > 0, f"{fig_id}.{ext}"
        with Image.open(folder / f"{fig_id}.png") as png:
            assert [round(d) for d in png.info["dpi"]] == [300, 300]
            assert png.width == 3.5 * 300  # one paper column
        assert b"CreationDate" not in (folder / f"{fig_id}.pdf").read_bytes()


def test_manifest_lists_every_figure_with_its_files(made):
    check_figure_folder(made[1])


def test_text_is_at_least_7_points(made):
    for fig_id, (fig, _) in build_figures(made[0]).items():
        sizes = [t.get_fontsize() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]
        assert sizes and min(sizes) >= 7, fig_id


def test_plotted_data_files(made):
    figures = made[1]
    mapped = read_table(figures / "fig_stakeholder_map.csv").set_index("name")
    # Trump addresses neither map target; Landau only burden_shift -> placed in the y strip
    assert "Donald Trump" not in mapped.index
    assert mapped.loc["Christopher Landau", "x"] == pytest.approx(0.8)
    assert not mapped.loc["Christopher Landau", "y_addressed"]
    assert mapped.loc["Christopher Landau", "y_plotted"] < -1
    assert mapped.loc["Pentagon officials", "salience"] == pytest.approx(2 / 7)
    heat = read_table(figures / "fig_stance_heatmap.csv")
    assert set(heat["name"]) == {"Pentagon officials", "European officials", "NATO official",
                                 "Christopher Landau", "Donald Trump"}
    network = read_table(figures / "fig_discourse_network.csv")
    assert (network["element"] == "edge").sum() == 7  # Pentagon x2, NATO x2, Europe, Landau, Trump
    assert (network["element"] == "node").sum() == 5 + 3
    arc = read_table(figures / "fig_sentiment_arc.csv")
    marks = arc[arc["element"] == "statement"]
    # statement starting at offset 300 lies in the sentence [280, 340) -> position 4
    assert marks.set_index("start").loc[300, "position"] == 4
    assert len(read_table(figures / "fig_sentiment_vs_stance.csv")) == 5 + 3 + 1  # statement x target pairs


def test_bloc_colours_are_okabe_ito_and_distinct():
    assert len(set(BLOC_COLOURS.values())) == len(BLOC_COLOURS)
    assert BLOC_COLOURS["US"] == "#0072B2" and BLOC_COLOURS["Europe"] == "#E69F00"


def test_another_codebooks_blocs_get_distinct_colours_kept_across_figures():
    palette = bloc_palette(["Government", "Opposition", "US", "unknown"])
    assert palette["US"] == BLOC_COLOURS["US"] and palette["unknown"] == "#999999"
    assert len(set(palette.values())) == 4 and set(palette.values()) - {"#999999"} <= set(BLOC_COLOURS.values())
    assert bloc_palette(["Government", "Opposition"]) == {"Government": "#0072B2", "Opposition": "#E69F00"}


def test_map_without_the_named_targets_is_empty_not_a_crash(made, tmp_path):
    positions = read_table(made[0] / "positions.csv")
    fig, data = fig_stakeholder_map(positions, x_target="absent_a", y_target="absent_b")
    assert data.empty
    save_figure(fig, data, "fig_stakeholder_map", tmp_path)
    with pytest.raises(ValueError, match="unknown figure id"):
        save_figure(fig, data, "fig_nope", tmp_path)


def test_committed_figures_regenerate_byte_identical(tmp_path):
    results, figures = ROOT / "results", ROOT / "figures"
    if not all((results / name).is_file() for name in RESULTS_NEEDED) or not (figures / "README.md").is_file():
        pytest.skip("results/ or figures/ not rendered yet (notebooks 04 and 05)")
    check_figure_folder(figures)
    make_figures(results, tmp_path, codebook=load_codebook())  # as notebook 05 does
    for path in sorted(tmp_path.iterdir()):
        assert path.read_bytes() == (figures / path.name).read_bytes(), path.name


def test_committed_manifest_matches_figures_table(tmp_path):
    committed = ROOT / "figures" / "README.md"
    if not committed.is_file():
        pytest.skip("figures/ not rendered yet (notebook 05)")
    assert committed.read_text(encoding="utf-8") == write_manifest(tmp_path).read_text(encoding="utf-8")


def test_citation_cff_validates_against_the_official_schema():
    schema = json.loads((ROOT / "tests" / "data" / "cff-schema-1.2.0.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.validate(cff, schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert cff["cff-version"] == "1.2.0" and cff["title"] == "burden-shift"
    assert cff["authors"] == [{"name": "burden-shift contributors"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**cff, "authors": []}, schema)


def test_map_labels_do_not_overlap():
    # three actors at the very same point: their labels must be moved apart
    positions = pd.DataFrame([
        {"level": "actor", "name": name, "bloc": "US", "target": target, "mean_stance": 0.7, "ci_low": NAN,
         "ci_high": NAN, "n_statements": 1, "salience": 0.2, "mean_polarity": 0.1}
        for name in ("Alpha officials", "Beta officials", "Gamma officials")
        for target in ("burden_shift", "deadline_2027")])
    fig, data = fig_stakeholder_map(positions)
    renderer = fig.canvas.get_renderer()
    fig.draw_without_rendering()
    boxes = [matplotlib.text.Text.get_window_extent(t, renderer) for t in fig.axes[0].texts]
    assert len(boxes) == len(data) == 3
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_a_corpus_without_statements_still_gets_every_figure(tmp_path):
    results = write_results(tmp_path / "results")
    for name in ("positions.csv", "scored_statements.csv", "timeline.csv", "positions_by_period.csv",
                 "sourcing_by_outlet.csv"):
        write_table(read_table(results / name).iloc[0:0], results / name)
    written = make_figures(results, tmp_path / "figures")
    assert len(written) == 3 * len(FIGURES) + 1
    assert read_table(tmp_path / "figures" / "fig_stakeholder_map.csv").empty


def test_a_missing_table_is_named_with_what_writes_it(tmp_path):
    results = write_results(tmp_path / "results")
    (results / "sentence_sentiment.csv").unlink()
    with pytest.raises(FileNotFoundError, match=r"sentence_sentiment\.csv \(written by notebook 03 or "
                                                r"burden-shift run --sentence-sentiment\)"):
        make_figures(results, tmp_path / "figures")
    assert not (tmp_path / "figures").exists()
