"""Discourse networks in the sense of Leifeld's Discourse Network Analyzer, from scored statements.

A statement's *side* on a target is ``support`` (stance > 0), ``oppose`` (< 0) or
``neutral`` (= 0); statements without a resolved speaker are left out (they belong to no
actor node).

- ``two_mode_network(scored)``: actors and targets as nodes (node attributes ``label``,
  ``type`` = ``actor``/``target``, ``bloc`` ("" for targets), ``n_statements``: the
  statements that address any target, or this target); one edge
  per actor x addressed target with ``weight`` (statements), ``mean_stance``,
  ``agreement`` (the side of the mean stance), ``n_support``, ``n_oppose``, ``n_neutral``.
- ``actor_target_matrix(scored)``: actors x targets DataFrame of mean stance (NaN where
  the actor never addresses the target).
- ``congruence_network`` / ``conflict_network``: one-mode actor networks. Two actors are
  linked by congruence when both take the same (non-neutral) side on a target, with
  ``weight`` = number of shared target-sides; by conflict when one supports and the other
  opposes a target, with ``weight`` = number of such targets; edge attribute ``targets``
  lists them. A neutral statement takes no side, so it links nobody.

``write_network(graph, stem)`` writes ``<stem>.graphml`` (for Gephi; attribute values are
plain str/int/float/bool, never None or NaN) and ``<stem>.csv`` (edge list: ``source,
target`` and the edge attributes). Node ids are ``actor:<name>`` and ``target:<id>``.
"""
from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pandas as pd

from analysis.codebook import Codebook
from analysis.positions import SIDES, side, stance_long, stance_targets
from analysis.tables import write_table

def actor_id(name: str) -> str:
    return f"actor:{name}"


def target_id(target: str) -> str:
    return f"target:{target}"


def _sides(scored: pd.DataFrame, codebook: Codebook | None) -> pd.DataFrame:
    long = stance_long(scored, codebook)
    long = long[long["actor"] != ""].copy()
    long["side"] = [side(s) for s in long["stance"]]
    return long


def _actor_blocs(long: pd.DataFrame) -> dict[str, str]:
    """Each actor's most frequent bloc (ties: alphabetical)."""
    counts = long.groupby(["actor", "bloc"]).size().reset_index(name="n")
    counts = counts.sort_values(["actor", "n", "bloc"], ascending=[True, False, True])
    return dict(counts.drop_duplicates("actor")[["actor", "bloc"]].itertuples(index=False))


def _add_actor_nodes(graph: nx.Graph, long: pd.DataFrame) -> None:
    blocs = _actor_blocs(long)
    counts = long.drop_duplicates("statement_id").groupby("actor").size()
    for name in sorted(blocs, key=lambda a: (blocs[a], a)):
        graph.add_node(actor_id(name), label=name, type="actor", bloc=blocs[name],
                       n_statements=int(counts[name]))


def two_mode_network(scored: pd.DataFrame, codebook: Codebook | None = None) -> nx.Graph:
    """Actor x target network (see module docstring); targets in codebook order."""
    long = _sides(scored, codebook)
    graph = nx.Graph(name="actor x target")
    _add_actor_nodes(graph, long)
    for target in stance_targets(scored, codebook):
        graph.add_node(target_id(target), label=target, type="target", bloc="",
                       n_statements=int((long["target"] == target).sum()))
    for (actor, target), group in long.groupby(["actor", "target"], sort=True):
        mean = float(group["stance"].mean())
        counts = group["side"].value_counts()
        graph.add_edge(actor_id(actor), target_id(target), weight=len(group), mean_stance=mean,
                       agreement=side(mean), **{f"n_{s}": int(counts.get(s, 0)) for s in SIDES})
    return graph


def actor_target_matrix(scored: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Mean stance of each actor (rows, sorted) on each target (columns, codebook order)."""
    long = _sides(scored, codebook)
    targets = stance_targets(scored, codebook)
    matrix = long.pivot_table(index="actor", columns="target", values="stance", aggfunc="mean")
    return matrix.reindex(index=sorted(long["actor"].unique()), columns=targets).rename_axis(
        index="actor", columns="target")


def _one_mode(scored: pd.DataFrame, codebook: Codebook | None, congruent: bool) -> nx.Graph:
    long = _sides(scored, codebook)
    long = long[long["side"] != "neutral"]
    held = {actor: set(zip(group["target"], group["side"])) for actor, group in long.groupby("actor")}
    graph = nx.Graph(name="congruence" if congruent else "conflict")
    _add_actor_nodes(graph, _sides(scored, codebook))
    for a, b in itertools.combinations(sorted(held), 2):
        if congruent:
            shared = sorted(f"{t} ({s})" for t, s in held[a] & held[b])
        else:
            shared = sorted({t for t, s in held[a] for u, r in held[b] if t == u and s != r})
        if shared:
            graph.add_edge(actor_id(a), actor_id(b), weight=len(shared), targets="; ".join(shared))
    return graph


def congruence_network(scored: pd.DataFrame, codebook: Codebook | None = None) -> nx.Graph:
    """Actors linked by the target-sides they share (weight = how many)."""
    return _one_mode(scored, codebook, congruent=True)


def conflict_network(scored: pd.DataFrame, codebook: Codebook | None = None) -> nx.Graph:
    """Actors linked by the targets on which they take opposite sides (weight = how many)."""
    return _one_mode(scored, codebook, congruent=False)


def edge_table(graph: nx.Graph) -> pd.DataFrame:
    """The edge list of ``graph``: node labels as ``source``/``target``, then edge attributes."""
    rows = [{"source": graph.nodes[u]["label"], "target": graph.nodes[v]["label"], **data}
            for u, v, data in graph.edges(data=True)]
    keys = list(dict.fromkeys(k for r in rows for k in r)) or ["source", "target", "weight"]
    return pd.DataFrame(rows, columns=keys)


def write_network(graph: nx.Graph, stem: str | Path) -> list[Path]:
    """Write ``<stem>.graphml`` and ``<stem>.csv``; returns both paths."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    graphml = stem.with_suffix(".graphml")
    nx.write_graphml(graph, graphml, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return [graphml, write_table(edge_table(graph), stem.with_suffix(".csv"))]


def write_networks(scored: pd.DataFrame, folder: str | Path, codebook: Codebook | None = None) -> list[Path]:
    """Write the three networks (``network_two_mode``, ``network_congruence``,
    ``network_conflict``) and the matrix (``network_matrix.csv``) into ``folder``."""
    folder = Path(folder)
    written = []
    for name, build in (("two_mode", two_mode_network), ("congruence", congruence_network),
                        ("conflict", conflict_network)):
        written += write_network(build(scored, codebook), folder / f"network_{name}")
    matrix = actor_target_matrix(scored, codebook).reset_index()
    written.append(write_table(matrix, folder / "network_matrix.csv"))
    return written
