"""The NumPy Brandes gives NetworkX's betweenness, exact and sampled alike."""

import networkx as nx
import numpy as np
import pytest

from kinship.insights.brandes import betweenness_centrality


def random_graph(seed, count=80, edges=200):
    rng = np.random.default_rng(seed)
    graph: nx.Graph[int] = nx.Graph()
    # Edges in a random order, nodes numbered with gaps (schools that never exchanged).
    for a, b in rng.integers(0, count, (edges, 2)).tolist():
        if a != b:
            graph.add_edge(a, b)
    pairs = np.array(sorted((min(a, b), max(a, b)) for a, b in graph.edges()), dtype=np.int64)
    return graph, pairs[:, 0], pairs[:, 1], count


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_matches_networkx_exactly(seed):
    graph, low, high, count = random_graph(seed)
    ours = betweenness_centrality(list(graph.nodes()), low, high, count)
    theirs = nx.betweenness_centrality(graph, normalized=True)
    assert ours.keys() == theirs.keys()
    for node, value in theirs.items():
        assert ours[node] == pytest.approx(value, abs=1e-12)


@pytest.mark.parametrize("k", [1, 2, 10, 40])
def test_it_samples_the_same_sources_as_networkx(k):
    graph, low, high, count = random_graph(7)
    ours = betweenness_centrality(list(graph.nodes()), low, high, count, k=k, seed=22)
    theirs = nx.betweenness_centrality(graph, k=k, normalized=True, seed=22)
    for node, value in theirs.items():
        if np.isnan(value):  # NetworkX leaves the one source's figure undefined when k = 1
            assert np.isnan(ours[node])
        else:
            assert ours[node] == pytest.approx(value, abs=1e-12)


def test_disconnected_pieces_and_tiny_graphs():
    # Two paths, 0-1-2 and 3-4: 1 lies between 0 and 2; normalised over 5 nodes by 1/(4·3),
    # counting both directions: 2/12.
    low, high = np.array([0, 1, 3]), np.array([1, 2, 4])
    ours = betweenness_centrality([0, 1, 2, 3, 4], low, high, 5)
    assert ours[1] == pytest.approx(2 / 12)
    assert ours[0] == ours[3] == 0.0
    assert betweenness_centrality([0, 1], np.array([0]), np.array([1]), 2) == {0: 0.0, 1: 0.0}
    assert (
        betweenness_centrality([], np.array([], dtype=np.int64), np.array([], dtype=np.int64), 3)
        == {}
    )
