"""Discourse networks on a hand-made scored frame: structure, weights, GraphML round trip."""
from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from analysis.networks import (actor_target_matrix, conflict_network, congruence_network, edge_table,
                               two_mode_network, write_network, write_networks)
from analysis.tables import read_table

NAN = float("nan")


def scored_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "statement_id": [f"d:{i}-{i + 1}" for i in range(6)],
        "speaker": ["Pentagon officials", "Pentagon officials", "European officials", "NATO official",
                    "Christopher Landau", ""],
        "bloc": ["US", "US", "Europe", "NATO", "US", "Europe"],
        "polarity": [0.2, 0.4, -0.5, 0.3, 0.1, 0.0],
        "stance_burden_shift": [1.0, 0.5, NAN, 0.6, 0.8, -1.0],
        "stance_deadline_2027": [0.8, NAN, -1.0, 0.0, NAN, NAN],
    })


def test_two_mode_network():
    graph = two_mode_network(scored_frame())
    assert graph.number_of_nodes() == 4 + 2  # the unresolved speaker is no node
    edge = graph.edges["actor:Pentagon officials", "target:burden_shift"]
    assert edge["weight"] == 2 and edge["mean_stance"] == pytest.approx(0.75)
    assert edge["agreement"] == "support" and edge["n_support"] == 2 and edge["n_oppose"] == 0
    assert graph.edges["actor:European officials", "target:deadline_2027"]["agreement"] == "oppose"
    assert graph.edges["actor:NATO official", "target:deadline_2027"]["agreement"] == "neutral"
    assert graph.nodes["actor:Christopher Landau"] == {"label": "Christopher Landau", "type": "actor",
                                                       "bloc": "US", "n_statements": 1}
    assert graph.nodes["target:burden_shift"]["type"] == "target"
    assert graph.nodes["target:burden_shift"]["n_statements"] == 4


def test_matrix():
    matrix = actor_target_matrix(scored_frame())
    assert list(matrix.columns) == ["burden_shift", "deadline_2027"]
    assert matrix.loc["Pentagon officials", "burden_shift"] == pytest.approx(0.75)
    assert math.isnan(matrix.loc["European officials", "burden_shift"])


def test_congruence_and_conflict():
    congruence = congruence_network(scored_frame())
    # Pentagon, NATO official and Landau all support burden_shift; neutral links nobody
    assert congruence.edges["actor:Pentagon officials", "actor:NATO official"]["weight"] == 1
    assert congruence.edges["actor:Pentagon officials", "actor:Christopher Landau"]["targets"] == \
        "burden_shift (support)"
    assert not congruence.has_edge("actor:NATO official", "actor:European officials")
    assert congruence.number_of_edges() == 3
    conflict = conflict_network(scored_frame())
    assert list(conflict.edges(data=True)) == [
        ("actor:European officials", "actor:Pentagon officials", {"weight": 1, "targets": "deadline_2027"})]


def test_graphml_round_trip_keeps_every_attribute(tmp_path):
    written = write_networks(scored_frame(), tmp_path)
    assert sorted(p.name for p in written) == sorted(
        [f"network_{n}.{e}" for n in ("two_mode", "congruence", "conflict") for e in ("graphml", "csv")]
        + ["network_matrix.csv"])
    for build in (two_mode_network, congruence_network, conflict_network):
        graph = build(scored_frame())
        back = nx.read_graphml(write_network(graph, tmp_path / "g")[0])
        assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
        assert {frozenset((u, v)): d for u, v, d in back.edges(data=True)} == \
            {frozenset((u, v)): d for u, v, d in graph.edges(data=True)}
        for _, data in back.nodes(data=True):
            assert {"label", "type", "bloc"} <= set(data)


def test_edge_csv_and_determinism(tmp_path):
    first = [p.read_bytes() for p in write_networks(scored_frame(), tmp_path / "a")]
    second = [p.read_bytes() for p in write_networks(scored_frame(), tmp_path / "b")]
    assert first == second
    edges = read_table(tmp_path / "a" / "network_two_mode.csv")
    assert list(edges.columns[:3]) == ["source", "target", "weight"]
    assert len(edges) == len(edge_table(two_mode_network(scored_frame())))


def test_empty_frame_gives_empty_networks(tmp_path):
    empty = scored_frame().iloc[0:0]
    assert two_mode_network(empty).number_of_edges() == 0
    assert congruence_network(empty).number_of_nodes() == 0
    write_networks(empty, tmp_path)
    assert nx.read_graphml(tmp_path / "network_conflict.graphml").number_of_nodes() == 0
