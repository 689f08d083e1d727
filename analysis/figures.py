"""Publication figures: one builder per figure, one save function, one manifest.

Every figure has a stable id (the keys of :data:`FIGURES`, which also hold the captions)
and is written by :func:`save_figure` as ``<id>.pdf``, ``<id>.png`` (300 dpi) and
``<id>.csv`` (exactly the values plotted). Files are byte-identical from run to run: fixed
rcParams (:data:`STYLE`, bundled DejaVu Sans), no dates or software versions in PDF/PNG
metadata, fixed layouts. Colours are the Okabe-Ito palette with a fixed bloc -> colour
mapping (:data:`BLOC_COLOURS`; another codebook's blocs take the colours its blocs leave
free, :func:`bloc_palette`; ``unknown`` is grey); figures are 3.5 in wide
(one paper column) with 7-pt text.

Builders take DataFrames and return ``(Figure, plotted data)``:
``fig_stakeholder_map(positions)``, ``fig_stance_heatmap(positions)``,
``fig_discourse_network(graph)``, ``fig_sentiment_arc(sentences, scored)``,
``fig_timeline(timeline)``, ``fig_sentiment_vs_stance(scored)``,
``fig_stance_over_time(by_period)`` (:func:`analysis.coverage.positions_by_period`),
``fig_sources_by_outlet(sourcing)`` (:func:`analysis.coverage.sourcing_by_outlet`).
:func:`make_figures` reads the results tables and writes every figure and the manifest
``figures/README.md`` (:func:`write_manifest`, generated from :data:`FIGURES` and
``CITATION.cff``).
"""
from __future__ import annotations

import functools
import textwrap
from pathlib import Path
from typing import Callable

import matplotlib
import matplotlib.dates as mdates
import networkx as nx
import numpy as np
import pandas as pd
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from scipy import stats

from analysis.codebook import Codebook
from analysis.networks import two_mode_network
from analysis.positions import stance_long
from analysis.tables import read_table, write_table

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "notebooks/05_figures.ipynb"
WIDTH = 3.5  # inches: one column of a two-column paper
DPI = 300
PDF_METADATA = {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": "burden-shift"}
PNG_METADATA = {"Software": None}
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 7,
    "axes.titlesize": 8,
    "axes.labelsize": 7,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.title_fontsize": 7,
    "axes.linewidth": 0.6,
    "lines.linewidth": 1.0,
    "pdf.fonttype": 42,
    "svg.fonttype": "none",
    "svg.hashsalt": "burden-shift",
    "savefig.dpi": DPI,
    "figure.dpi": 100,
    "image.interpolation": "nearest",
}

OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
BLOC_COLOURS = {
    "US": OKABE_ITO["blue"], "Europe": OKABE_ITO["orange"], "NATO": OKABE_ITO["bluish_green"],
    "Russia": OKABE_ITO["reddish_purple"], "Ukraine": OKABE_ITO["yellow"], "China": OKABE_ITO["black"],
}
OTHER_COLOUR = OKABE_ITO["grey"]
# Sides are told apart by line style as well as colour, and their colours are not blocs'.
SIDE_STYLES = {
    "support": {"color": OKABE_ITO["sky_blue"], "linestyle": "-"},
    "oppose": {"color": OKABE_ITO["vermillion"], "linestyle": "--"},
    "neutral": {"color": OKABE_ITO["grey"], "linestyle": ":"},
}
STANCE_CMAP = "RdBu"  # ColorBrewer diverging, colour-blind safe: red = oppose, blue = support
MISSING = -1.35  # where an actor that does not address a map axis's target is placed

FIGURES: dict[str, str] = {
    "fig_stakeholder_map": (
        "Stakeholder map. Each actor is placed by its mean stance (-1 oppose, +1 support) on "
        "the codebook's first two targets (x and y, named on the axes), with bootstrap 95% intervals over "
        "its statements as bars (none for a single statement); marker area is the actor's "
        "salience (share of all statements), colour its bloc. Actors that do not address one "
        "of the two targets sit in the hatched strip marked n/a (not addressed) on that axis; "
        "actors that address neither are not shown, and actors with equal positions overlap."),
    "fig_stance_heatmap": (
        "Actor x target stance. Cell colour is the actor's mean stance toward the target "
        "(red oppose, blue support), the number is how many of its statements address it; "
        "hatched cells: the actor never addresses the target."),
    "fig_discourse_network": (
        "Two-mode discourse network (actors left as circles, coloured by bloc; targets right as "
        "squares; node size grows with the number of statements). Edges join an actor to each "
        "target it addresses: solid blue support, "
        "dashed vermillion oppose, dotted grey neutral (side of the actor's mean stance); "
        "width is the number of statements."),
    "fig_sentiment_arc": (
        "Sentiment arc of the article with the most statements: TextBlob polarity of each "
        "sentence in reading order; markers show sentences holding an attributed statement, "
        "coloured by the speaker's bloc."),
    "fig_timeline": (
        "Timeline of the debate: each dated event the articles mention, placed at the period "
        "its date expression refers to (resolved against the article's dateline), labelled "
        "with words from its sentence and the expression in brackets; each mention is a row, "
        "so an event mentioned several times appears several times."),
    "fig_sentiment_vs_stance": (
        "Sentiment is not stance: for each statement x target it addresses, the statement's "
        "sentiment (left: TextBlob polarity, right: VADER compound) against its stance toward "
        "the target, coloured by the speaker's bloc; rho is Spearman's rank correlation. "
        "Pairs with equal values overlap."),
    "fig_stance_over_time": (
        "Stance over time: one panel per target, the mean stance of each bloc's statements "
        "addressing it in each period of the articles' dates, with bootstrap 95% intervals "
        "(none for a single statement) and the number of statements beside each point; "
        "statements of undated articles are left out. A panel without points says that no "
        "dated statement addresses its target; a corpus of one period is marked as such."),
    "fig_sources_by_outlet": (
        "Sourcing by outlet: for each outlet (from the articles' metadata sidecars), the "
        "share of its attributed statements by the speaker's bloc (left) and the share from "
        "anonymous sources (right); n is the number of statements."),
}


def bloc_palette(blocs) -> dict[str, str]:
    """A colour per bloc of ``blocs`` (a codebook's, in its order): the fixed one of
    :data:`BLOC_COLOURS`; a bloc it does not list (another debate's) takes the first of those
    colours no listed bloc of ``blocs`` uses; grey for ``unknown`` and when they run out."""
    blocs = list(blocs)
    taken = {BLOC_COLOURS[b] for b in blocs if b in BLOC_COLOURS}
    spare = [c for c in BLOC_COLOURS.values() if c not in taken]
    return {b: BLOC_COLOURS.get(b) or (spare.pop(0) if spare and b != "unknown" else OTHER_COLOUR) for b in blocs}


def _colours(blocs, given: dict[str, str] | None) -> dict[str, str]:
    """Bloc -> colour for the blocs a figure shows, in their order: from ``given`` (the
    codebook's palette, so that a bloc keeps its colour across figures) or else from
    :func:`bloc_palette` of these blocs alone."""
    blocs = list(blocs)
    palette = given or bloc_palette(blocs)
    return {b: palette.get(b, OTHER_COLOUR) for b in blocs}


def styled(build: Callable) -> Callable:
    """Run a figure builder under :data:`STYLE`, so its text gets the fixed fonts."""
    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            return build(*args, **kwargs)
    return wrapper


def new_figure(height: float, ncols: int = 1, nrows: int = 1, **kwargs) -> tuple[Figure, object]:
    """A one-column figure (not registered with pyplot, so nothing leaks between figures)."""
    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    FigureCanvasAgg(fig)  # a renderer, to measure labels before saving
    return fig, fig.subplots(nrows, ncols, **kwargs)


def save_figure(fig: Figure, data: pd.DataFrame, fig_id: str, folder: str | Path) -> list[Path]:
    """Write ``fig`` as ``<fig_id>.pdf`` and 300-dpi ``.png`` and ``data`` as ``.csv`` into
    ``folder``; returns the three paths. The id must be one of :data:`FIGURES`."""
    if fig_id not in FIGURES:
        raise ValueError(f"unknown figure id '{fig_id}': add it with its caption to FIGURES")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pdf, png = folder / f"{fig_id}.pdf", folder / f"{fig_id}.png"
    with matplotlib.rc_context(STYLE):
        fig.savefig(pdf, format="pdf", metadata=PDF_METADATA)
        fig.savefig(png, format="png", dpi=DPI, metadata=PNG_METADATA)
    return [pdf, png, write_table(data, folder / f"{fig_id}.csv")]


def _legend(fig: Figure, palette: dict[str, str], extra: list | None = None) -> None:
    """One legend below the plot: ``extra`` handles, then a marker per bloc of ``palette``
    (bloc -> colour, in its order)."""
    handles = [*(extra or []), *(Line2D([], [], marker="o", linestyle="", markersize=5,
                                        markerfacecolor=colour, markeredgecolor="black",
                                        markeredgewidth=0.4, label=b) for b, colour in palette.items())]
    if handles:
        fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 4), frameon=False,
                   handletextpad=0.3, columnspacing=1.0)


def _declutter(fig: Figure, labels: list) -> None:
    """Move overlapping point labels up, bottom-most first, until none overlaps another
    (deterministic; labels keep a leader line to their point)."""
    for label in labels:
        label.set_in_layout(False)  # else the layout engine shrinks the axes to make room
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    placed = []
    for label in sorted(labels, key=lambda a: (a.xy[1], a.xy[0], a.get_text())):
        for _ in range(40):
            box = Text.get_window_extent(label, renderer)  # the text alone, not its leader line
            if not any(box.overlaps(other) for other in placed):
                break
            label.xyann = (label.xyann[0], label.xyann[1] + 3)
        placed.append(box)


def _minus(text: str) -> str:
    return text.replace("-", "\u2212")


POSITION_NUMBERS = ["mean_stance", "ci_low", "ci_high", "n_statements", "salience", "mean_polarity"]


def _actor_rows(positions: pd.DataFrame) -> pd.DataFrame:
    """Actor rows with numeric columns as floats (an empty table read from CSV has none)."""
    actors = positions[positions["level"] == "actor"].copy()
    actors[POSITION_NUMBERS] = actors[POSITION_NUMBERS].astype(float)
    return actors


def _no_data(ax, message: str = "no data") -> None:
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color="#555555")


def _axis_values(actors: pd.DataFrame, target: str, axis: str) -> pd.DataFrame:
    rows = actors[actors["target"] == target].set_index("name")
    values = pd.DataFrame(index=pd.Index(actors["name"].unique(), name="name"))
    values[f"{axis}_target"] = target
    values[axis] = rows["mean_stance"].reindex(values.index).where(rows["n_statements"].reindex(values.index) > 0)
    values[f"{axis}_low"] = rows["ci_low"].reindex(values.index)
    values[f"{axis}_high"] = rows["ci_high"].reindex(values.index)
    values[f"{axis}_addressed"] = values[axis].notna()
    values[f"{axis}_plotted"] = values[axis].fillna(MISSING)
    return values


@styled
def fig_stakeholder_map(positions: pd.DataFrame, x_target: str | None = None, y_target: str | None = None,
                        colours: dict[str, str] | None = None) -> tuple[Figure, pd.DataFrame]:
    """Actors by mean stance on ``x_target`` and ``y_target`` (default: the first two
    targets of ``positions``, i.e. of the codebook); those addressing neither are left out,
    those addressing one sit in the other axis's 'not addressed' strip."""
    actors = _actor_rows(positions)
    targets = [*dict.fromkeys(positions["target"]), "", ""]
    x_target, y_target = x_target or targets[0], y_target or targets[1]
    info = actors.drop_duplicates("name").set_index("name")[["bloc", "salience"]]
    data = info.join(_axis_values(actors, x_target, "x")).join(_axis_values(actors, y_target, "y"))
    data = data[data["x_addressed"] | data["y_addressed"]].reset_index()
    colours = _colours(sorted(data["bloc"].unique()), colours)
    fig, ax = new_figure(3.3)
    edge = MISSING - 0.15
    top = 1.3
    for spans in ((edge, -1.15, -1.15, top), (-1.15, top, edge, -1.15)):
        ax.add_patch(Rectangle((spans[0], spans[2]), spans[1] - spans[0], spans[3] - spans[2],
                               fill=False, hatch="////", edgecolor="#DDDDDD", linewidth=0))
    ax.axhline(0, color="#BBBBBB", linewidth=0.5, zorder=0)
    ax.axvline(0, color="#BBBBBB", linewidth=0.5, zorder=0)
    for _, row in data.iterrows():
        for axis, other in (("x", "y"), ("y", "x")):
            if row[f"{axis}_addressed"] and pd.notna(row[f"{axis}_low"]):
                span = [row[f"{axis}_low"], row[f"{axis}_high"]]
                point = [row[f"{other}_plotted"]] * 2
                ax.plot(*((span, point) if axis == "x" else (point, span)), color="#555555",
                        linewidth=0.7, zorder=1)
    ax.scatter(data["x_plotted"], data["y_plotted"], s=15 + 250 * data["salience"],
               c=[colours[b] for b in data["bloc"]], edgecolors="black", linewidths=0.4, zorder=2)
    # labels of points on the right half go to their left, so they stay inside the axes
    labels = [ax.annotate(row["name"], (row["x_plotted"], row["y_plotted"]), zorder=3,
                          xytext=(-4, 3) if row["x_plotted"] > 0.3 else (4, 3), textcoords="offset points",
                          ha="right" if row["x_plotted"] > 0.3 else "left",
                          arrowprops={"arrowstyle": "-", "color": "#888888", "linewidth": 0.4,
                                      "shrinkA": 0, "shrinkB": 0})
              for _, row in data.iterrows()]
    ticks = [MISSING, -1, -0.5, 0, 0.5, 1]
    tick_labels = ["n/a", "\u22121", "\u22120.5", "0", "0.5", "1"]
    ax.set_xticks(ticks, tick_labels)
    ax.set_yticks(ticks, tick_labels)
    ax.set_xlim(edge, top)
    ax.set_ylim(edge, top)
    ax.set_xlabel(f"Stance on {x_target}")
    ax.set_ylabel(f"Stance on {y_target}")
    _legend(fig, colours)
    _declutter(fig, labels)
    return fig, data


@styled
def fig_stance_heatmap(positions: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """Actors (rows, by bloc then name) x targets (columns) coloured by mean stance, with n."""
    actors = _actor_rows(positions)
    addressed = actors.groupby("name", sort=False)["n_statements"].transform("sum") > 0
    data = actors[addressed][["name", "bloc", "target", "mean_stance", "n_statements"]].reset_index(drop=True)
    names = list(dict.fromkeys(data["name"]))
    targets = list(dict.fromkeys(data["target"]))
    stance = data.pivot(index="name", columns="target", values="mean_stance").reindex(index=names, columns=targets)
    counts = data.pivot(index="name", columns="target", values="n_statements").reindex(index=names, columns=targets)
    fig, ax = new_figure(1.2 + 0.2 * len(names))
    if data.empty:
        _no_data(ax)
        return fig, data
    shape = (len(names), len(targets))
    ax.add_patch(Rectangle((-0.5, -0.5), shape[1], shape[0], fill=False, hatch="////",
                           edgecolor="#CCCCCC", linewidth=0, zorder=0))
    cmap = matplotlib.colormaps[STANCE_CMAP].with_extremes(bad=(1, 1, 1, 0))
    image = ax.imshow(np.ma.masked_invalid(stance.to_numpy(dtype=float).reshape(shape)), cmap=cmap,
                      vmin=-1, vmax=1, aspect="auto", zorder=1)
    for (i, j), n in np.ndenumerate(counts.to_numpy(dtype=float).reshape(shape)):
        if n > 0:
            dark = abs(stance.iat[i, j]) > 0.6
            ax.text(j, i, f"{int(n)}", ha="center", va="center", fontsize=7,
                    color="white" if dark else "black")
    blocs = data.drop_duplicates("name").set_index("name")["bloc"]
    ax.set_yticks(range(len(names)), [f"{n} ({blocs[n]})" for n in names])
    ax.set_xticks(range(len(targets)), targets, rotation=45, ha="right", rotation_mode="anchor")
    ax.tick_params(length=0)
    fig.colorbar(image, ax=ax, label="Mean stance", shrink=0.8, ticks=[-1, -0.5, 0, 0.5, 1])
    return fig, data


def _bipartite_positions(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Actors in a column at x=0 and targets at x=1, each evenly spread top to bottom in
    node order (deterministic, no random layout)."""
    positions = {}
    for x, kind in ((0.0, "actor"), (1.0, "target")):
        nodes = [n for n, d in graph.nodes(data=True) if d["type"] == kind]
        for i, node in enumerate(nodes):
            positions[node] = (x, 1.0 - (i + 0.5) / len(nodes))
    return positions


@styled
def fig_discourse_network(graph: nx.Graph, colours: dict[str, str] | None = None) -> tuple[Figure, pd.DataFrame]:
    """Draw a two-mode network from :func:`analysis.networks.two_mode_network`."""
    where = _bipartite_positions(graph)
    nodes = pd.DataFrame([{"element": "node", "id": n, "label": d["label"], "type": d["type"], "bloc": d["bloc"],
                           "weight": d["n_statements"], "x": where[n][0], "y": where[n][1]}
                          for n, d in graph.nodes(data=True)])
    edges = pd.DataFrame([{"element": "edge", "id": f"{u} -- {v}", "source": u, "target": v,
                           "agreement": d["agreement"], "weight": d["weight"], "mean_stance": d["mean_stance"],
                           "x": where[u][0], "y": where[u][1], "x_end": where[v][0], "y_end": where[v][1]}
                          for u, v, d in graph.edges(data=True)])
    n_rows = max([1, *nodes.groupby("type").size()]) if len(nodes) else 1
    colours = _colours(sorted(nodes.loc[nodes["type"] == "actor", "bloc"].unique()) if len(nodes) else [], colours)
    fig, ax = new_figure(0.8 + 0.25 * n_rows)
    for _, edge in edges.iterrows():
        ax.plot([edge["x"], edge["x_end"]], [edge["y"], edge["y_end"]], linewidth=0.6 + 0.6 * edge["weight"],
                zorder=1, **SIDE_STYLES[edge["agreement"]])
    for kind, marker in (("actor", "o"), ("target", "s")):
        part = nodes[nodes["type"] == kind] if len(nodes) else nodes
        if len(part):
            ax.scatter(part["x"], part["y"], marker=marker, s=20 + 12 * part["weight"], zorder=2,
                       c=[colours[b] if kind == "actor" else "white" for b in part["bloc"]],
                       edgecolors="black", linewidths=0.5)
            for _, node in part.iterrows():
                gap = (3 + np.sqrt(20 + 12 * node["weight"]) / 2) * (1 if kind == "target" else -1)
                ax.annotate(node["label"], (node["x"], node["y"]), xytext=(gap, 0), textcoords="offset points",
                            ha="left" if gap > 0 else "right", va="center")
    ax.set_xlim(-1.1, 2.1)
    ax.set_ylim(-0.05, 1.05)
    ax.axis("off")
    sides = [Line2D([], [], label=side, linewidth=1.2, **style) for side, style in SIDE_STYLES.items()]
    _legend(fig, colours, sides)
    return fig, pd.concat([nodes, edges], ignore_index=True)


def _busiest_document(sentences: pd.DataFrame, scored: pd.DataFrame) -> str:
    """The document with the most statements (ties: first doc_id), else the first one."""
    counts = scored.groupby("doc_id").size() if len(scored) else pd.Series(dtype=int)
    if len(counts):
        return sorted(counts[counts == counts.max()].index)[0]
    return min(sentences["doc_id"], default="")


@styled
def fig_sentiment_arc(sentences: pd.DataFrame, scored: pd.DataFrame, doc_id: str | None = None,
                      colours: dict[str, str] | None = None) -> tuple[Figure, pd.DataFrame]:
    """Sentence polarity through one document (default: the one with most statements), with
    each statement marked on the sentence holding its content start, coloured by bloc."""
    doc_id = doc_id or _busiest_document(sentences, scored)
    arc = sentences[sentences["doc_id"] == doc_id].sort_values("start").reset_index(drop=True)
    arc = pd.DataFrame({"element": "sentence", "doc_id": doc_id, "position": arc.index, "start": arc["start"],
                        "end": arc["end"], "polarity": arc["polarity"]})
    said = scored[scored["doc_id"] == doc_id].sort_values("content_start") if len(scored) else scored
    index = np.searchsorted(arc["start"].to_numpy(), said["content_start"].to_numpy(), side="right") - 1
    marks = pd.DataFrame({"element": "statement", "doc_id": doc_id, "position": index,
                          "start": said["content_start"].to_numpy(), "end": said["content_end"].to_numpy(),
                          "polarity": arc["polarity"].to_numpy()[index] if len(arc) else [],
                          "statement_id": said["statement_id"].to_numpy(), "speaker": said["speaker"].to_numpy(),
                          "bloc": said["bloc"].fillna("unknown").to_numpy()})
    fig, ax = new_figure(2.0)
    ax.axhline(0, color="#BBBBBB", linewidth=0.5, zorder=0)
    ax.plot(arc["position"], arc["polarity"], color="#555555", linewidth=0.8, marker="o", markersize=2, zorder=1)
    colours = _colours(sorted(marks["bloc"].unique()), colours)
    ax.scatter(marks["position"], marks["polarity"], s=28, c=[colours[b] for b in marks["bloc"]],
               edgecolors="black", linewidths=0.4, zorder=2)
    ax.set_xlabel(f"Sentence in reading order ({doc_id})")
    ax.set_ylabel("Polarity (TextBlob)")
    ax.set_ylim(-1.05, 1.05)
    _legend(fig, colours)
    return fig, pd.concat([arc, marks], ignore_index=True)


@styled
def fig_timeline(timeline: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """Events as bars spanning their resolved period, oldest at the top."""
    data = timeline.sort_values(["date_start", "date_end", "start"]).reset_index(drop=True)
    data = data[["doc_id", "date_start", "date_end", "granularity", "expression", "event"]]
    begin, end = pd.to_datetime(data["date_start"]), pd.to_datetime(data["date_end"])
    fig, ax = new_figure(0.6 + 0.3 * max(len(data), 1))
    rows = np.arange(len(data))
    ax.barh(rows, mdates.date2num(end) - mdates.date2num(begin) + 1, left=mdates.date2num(begin), height=0.5,
            color=OKABE_ITO["blue"], edgecolor=OKABE_ITO["blue"], linewidth=1.5)
    labels = [textwrap.fill(textwrap.shorten(f"{e} ({x})", width=64, placeholder="…"), 34)
              for e, x in zip(data["event"], data["expression"])]
    ax.set_yticks(rows, labels)
    ax.invert_yaxis()
    years = (end.max().year - begin.min().year) if len(data) else 0
    ax.xaxis.set_major_locator(mdates.YearLocator(base=max(1, -(-years // 4))))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.5)
    ax.set_axisbelow(True)
    return fig, data


def stance_correlation(points: pd.DataFrame, column: str) -> float:
    """Spearman's rho between sentiment ``column`` and ``stance`` over the rows that have
    both; NaN for fewer than three rows or a constant side."""
    both = points[[column, "stance"]].dropna()
    if len(both) < 3 or both[column].nunique() < 2 or both["stance"].nunique() < 2:
        return float("nan")
    return float(stats.spearmanr(both[column], both["stance"]).statistic)


@styled
def fig_sentiment_vs_stance(scored: pd.DataFrame, codebook: Codebook | None = None,
                            colours: dict[str, str] | None = None) -> tuple[Figure, pd.DataFrame]:
    """Statement x target points: polarity (and VADER compound) against stance."""
    long = stance_long(scored, codebook)
    vader = scored.set_index(scored["statement_id"].astype(str))["vader_compound"] if len(scored) else pd.Series()
    data = long.assign(vader_compound=long["statement_id"].map(vader).astype(float))
    colours = _colours(sorted(data["bloc"].unique()), colours)
    fig, axes = new_figure(2.0, ncols=2, sharey=True)
    for ax, column, name in zip(axes, ("polarity", "vader_compound"), ("TextBlob polarity", "VADER compound")):
        ax.axhline(0, color="#BBBBBB", linewidth=0.5, zorder=0)
        ax.axvline(0, color="#BBBBBB", linewidth=0.5, zorder=0)
        ax.scatter(data[column], data["stance"], s=14, c=[colours[b] for b in data["bloc"]],
                   edgecolors="black", linewidths=0.3, zorder=1)
        rho = stance_correlation(data, column)
        ax.set_title("rho undefined" if np.isnan(rho) else _minus(f"rho = {rho:.2f}"), fontsize=7)
        ax.set_xlabel(name)
        ax.set_xlim(-1.05, 1.05)
        ax.set_ylim(-1.1, 1.1)
    axes[0].set_ylabel("Stance toward target")
    _legend(fig, colours)
    return fig, data


def _periods(data: pd.DataFrame) -> list[str]:
    return list(data.sort_values("period_start")["period"].drop_duplicates())


@styled
def fig_stance_over_time(by_period: pd.DataFrame, colours: dict[str, str] | None = None
                         ) -> tuple[Figure, pd.DataFrame]:
    """Mean stance per bloc per period, one panel per target (targets in table order)."""
    rows = by_period[by_period["level"] == "bloc"] if len(by_period) else by_period
    targets = list(dict.fromkeys(rows["target"])) if len(rows) else []
    data = rows[rows["n_statements"].astype(float) > 0] if len(rows) else rows
    data = data[["period", "period_start", "target", "name", "mean_stance", "ci_low", "ci_high",
                 "n_statements"]].rename(columns={"name": "bloc"}).reset_index(drop=True)
    periods = _periods(rows) if len(rows) else []
    fig, axes = new_figure(0.5 + 0.95 * max(len(targets), 1), nrows=max(len(targets), 1), sharex=True, squeeze=False)
    axes = axes[:, 0]
    blocs = sorted(data["bloc"].unique())
    colours = _colours(blocs, colours)
    offsets = {bloc: (i - (len(blocs) - 1) / 2) * min(0.12, 0.6 / max(len(blocs), 1)) for i, bloc in enumerate(blocs)}
    where = {period: i for i, period in enumerate(periods)}
    for ax, target in zip(axes, targets or [""]):
        ax.axhline(0, color="#BBBBBB", linewidth=0.5, zorder=0)
        ax.set_ylim(-1.25, 1.25)
        ax.set_yticks([-1, 0, 1], ["\u22121", "0", "1"])
        ax.set_title(target or "no dated statements", fontsize=7, loc="left")
        own = data[data["target"] == target]
        if own.empty:
            _no_data(ax, "no dated statement addresses this target" if target else "no dated statements")
        for bloc, group in own.groupby("bloc", sort=True):
            x = group["period"].map(where).to_numpy(dtype=float) + offsets[bloc]
            y = group["mean_stance"].to_numpy(dtype=float)
            low, high = group["ci_low"].to_numpy(dtype=float), group["ci_high"].to_numpy(dtype=float)
            spread = ~np.isnan(low)
            ax.errorbar(x[spread], y[spread], yerr=[y[spread] - low[spread], high[spread] - y[spread]], fmt="none",
                        ecolor=colours[bloc], elinewidth=0.7, capsize=1.5, zorder=1)
            ax.plot(x, y, color=colours[bloc], marker="o", markersize=3, markeredgecolor="black",
                    markeredgewidth=0.3, linewidth=0.8, zorder=2)
            for xi, yi, n in zip(x, y, group["n_statements"].astype(int)):
                ax.annotate(str(n), (xi, yi), xytext=(2.5, 1.5), textcoords="offset points", fontsize=7,
                            color="#333333")
    step = max(1, -(-len(periods) // 8))
    axes[-1].set_xticks(range(0, len(periods), step), periods[::step])
    axes[-1].set_xlim(-0.6, max(len(periods), 1) - 0.4)
    axes[-1].set_xlabel("Period (one period only: nothing to compare over time)" if len(periods) == 1 else "Period")
    fig.supylabel("Mean stance", fontsize=7)
    _legend(fig, colours)
    return fig, data


@styled
def fig_sources_by_outlet(sourcing: pd.DataFrame, colours: dict[str, str] | None = None
                          ) -> tuple[Figure, pd.DataFrame]:
    """Stacked bloc shares and the anonymous share of each outlet's statements."""
    shares = [c for c in sourcing.columns if c.startswith("share_")]
    blocs = [c[len("share_"):] for c in shares if (sourcing[c].astype(float) > 0).any()]
    data = sourcing.sort_values("outlet", ascending=False).reset_index(drop=True)
    colours = _colours(blocs, colours)
    fig, axes = new_figure(0.9 + 0.25 * max(len(data), 1), ncols=2, sharey=True, width_ratios=[3, 1])
    rows = np.arange(len(data))
    left = np.zeros(len(data))
    for bloc in blocs:
        values = data[f"share_{bloc}"].astype(float).fillna(0).to_numpy()
        axes[0].barh(rows, values, left=left, height=0.6, color=colours[bloc], edgecolor="white", linewidth=0.4,
                     label=bloc)
        left += values
    axes[1].barh(rows, data["anonymous_share"].astype(float).fillna(0), height=0.6, color=OTHER_COLOUR)
    labels = [f"{o} (n = {int(n)})" for o, n in zip(data["outlet"], data["statements"])]
    axes[0].set_yticks(rows, labels)
    axes[0].set_xlim(0, 1)
    axes[1].set_xlim(0, 1)
    axes[0].set_xlabel("Share of statements by bloc")
    axes[1].set_xlabel("Anonymous")
    if data.empty:
        _no_data(axes[0])
    _legend(fig, colours)
    return fig, data


def citation(path: Path = ROOT / "CITATION.cff") -> dict:
    """Title, authors, version and year from ``CITATION.cff``."""
    cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {"title": cff["title"], "authors": ", ".join(a.get("name") or f"{a['given-names']} {a['family-names']}"
                                                       for a in cff["authors"]),
            "version": cff["version"], "year": str(cff["date-released"])[:4]}


def write_manifest(folder: str | Path) -> Path:
    """Write ``README.md`` in ``folder``: every figure of :data:`FIGURES` with its caption,
    files, the notebook that makes it and how to cite it."""
    cite = citation()
    lines = ["# Figures", "",
             f"Written by `{NOTEBOOK}` (`analysis.figures.make_figures`) from the tables in `results/`; "
             "generated from `analysis.figures.FIGURES`, do not edit by hand. Each figure is a PDF, a "
             "300-dpi PNG and a CSV of exactly the values it plots.", ""]
    for fig_id, caption in FIGURES.items():
        lines += [f"## {fig_id}", "", f"![{fig_id}]({fig_id}.png)", "", caption, "",
                  f"- Files: `{fig_id}.pdf`, `{fig_id}.png` (300 dpi); data: `{fig_id}.csv`",
                  f"- Made by: `{NOTEBOOK}`",
                  f"- Cite as: {cite['authors']} ({cite['year']}). *{cite['title']}* (version "
                  f"{cite['version']}), figure `{fig_id}`.", ""]
    path = Path(folder) / "README.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# Tables the figures read, and what writes each (the notebooks or ``burden-shift run``).
RESULTS_NEEDED = {
    "positions.csv": "notebook 04 or burden-shift run",
    "scored_statements.csv": "notebook 03 or burden-shift run",
    "sentence_sentiment.csv": "notebook 03 or burden-shift run --sentence-sentiment",
    "timeline.csv": "notebook 04 or burden-shift run",
    "positions_by_period.csv": "notebook 04 or burden-shift run",
    "sourcing_by_outlet.csv": "notebook 02 or burden-shift run",
}


def build_figures(results: str | Path, codebook: Codebook | None = None) -> dict[str, tuple[Figure, pd.DataFrame]]:
    """Every figure of :data:`FIGURES`, built from the tables in ``results``; raises
    FileNotFoundError naming any table that is missing and what writes it."""
    results = Path(results)
    missing = [f"{results / name} (written by {source})" for name, source in RESULTS_NEEDED.items()
               if not (results / name).is_file()]
    if missing:
        raise FileNotFoundError("figures need tables that are missing: " + "; ".join(missing))
    positions = read_table(results / "positions.csv")
    scored = read_table(results / "scored_statements.csv")
    colours = bloc_palette([*codebook.blocs["bloc"], "unknown"]) if codebook is not None else None
    return {
        "fig_stakeholder_map": fig_stakeholder_map(positions, colours=colours),
        "fig_stance_heatmap": fig_stance_heatmap(positions),
        "fig_discourse_network": fig_discourse_network(two_mode_network(scored, codebook), colours),
        "fig_sentiment_arc": fig_sentiment_arc(read_table(results / "sentence_sentiment.csv"), scored, colours=colours),
        "fig_timeline": fig_timeline(read_table(results / "timeline.csv")),
        "fig_sentiment_vs_stance": fig_sentiment_vs_stance(scored, codebook, colours),
        "fig_stance_over_time": fig_stance_over_time(read_table(results / "positions_by_period.csv"), colours),
        "fig_sources_by_outlet": fig_sources_by_outlet(read_table(results / "sourcing_by_outlet.csv"), colours),
    }


def make_figures(results: str | Path, folder: str | Path, codebook: Codebook | None = None) -> list[Path]:
    """Build every figure from ``results``, save each into ``folder`` and write the manifest."""
    written = []
    for fig_id, (fig, data) in build_figures(results, codebook).items():
        written += save_figure(fig, data, fig_id, folder)
    return [*written, write_manifest(folder)]
