"""The network's figures against examples worked by hand."""

from datetime import date

import networkx as nx
import numpy as np
import pytest

from kinship.insights.network import (
    Network,
    Term,
    english_terms,
    exchange_graph,
    figures,
    figures_by_term,
    figures_to_json,
)
from kinship.insights.network_input import NetworkError, parse_network

WINDOW = {"from": "2026-09-01", "to": "2027-08-31"}


def network(schools, exchanges, window=WINDOW):
    return parse_network(
        {
            "schools": [{"id": s, "families": f} for s, f in schools],
            "exchanges": [
                {"from": a, "to": b, "kind": "visit", "date": d} for a, b, d in exchanges
            ],
            "window": window,
        }
    )


def by_id(result):
    return {school.id: school for school in result.schools}


def test_a_path_gives_its_middle_school_all_the_betweenness():
    # A - B - C: the only pair not next to each other, (A, C), has its one shortest path
    # through B, so B's raw betweenness is 1; normalised for an undirected graph of 3 schools
    # it is 1 × 2 / ((3 − 1)(3 − 2)) = 1.0. A and C lie between no pair: 0.
    result = figures(
        network(
            [("A", ["F"]), ("B", ["F"]), ("C", ["F"])],
            [("A", "B", "2026-10-01"), ("C", "B", "2026-10-02"), ("B", "C", "2026-10-03")],
        )
    )
    schools = by_id(result)
    assert schools["B"].betweenness == pytest.approx(1.0)
    assert schools["A"].betweenness == 0.0
    assert schools["C"].betweenness == 0.0
    # B received twice (from A and from C) and gave once (to C).
    assert (schools["B"].given, schools["B"].received, schools["B"].balance) == (1, 2, -1)
    assert (schools["C"].given, schools["C"].received, schools["C"].balance) == (1, 1, 0)
    assert schools["B"].partners == 2
    assert schools["A"].partners == 1
    # Three schools, two of the three possible pairs exchanged: density 2/3.
    assert result.families[0].density == pytest.approx(2 / 3)
    assert result.betweenness_sources is None


def test_a_square_shares_betweenness_equally():
    # A - B - C - D - A: opposite corners (A, C) have two shortest paths, through B and
    # through D, so each of B and D gets 1/2 from that pair, and likewise A and C from (B, D).
    # Raw 0.5 each; normalised 0.5 × 2 / (3 × 2) = 1/6.
    result = figures(
        network(
            [(name, []) for name in "ABCD"],
            [
                ("A", "B", "2026-10-01"),
                ("B", "C", "2026-10-01"),
                ("C", "D", "2026-10-01"),
                ("D", "A", "2026-10-01"),
            ],
        )
    )
    for school in result.schools:
        assert school.betweenness == pytest.approx(1 / 6)
        assert school.partners == 2


def test_a_star_hub_bridges_two_families():
    # Family F1 = {H, A, B}, family F2 = {C, D}; H also exchanges with C (outside its family).
    # Edges: H-A, H-B, H-C, C-D. Graph of the five schools that exchanged:
    #   shortest paths through H: (A,B), (A,C), (A,D), (B,C), (B,D) = 5 pairs
    #   through C: (H,D), (A,D), (B,D) = 3 pairs
    # normalised by 2 / ((5 − 1)(5 − 2)) = 1/6: H 5/6, C 3/6, others 0.
    # E, in F2, exchanged with nobody: isolated.
    result = figures(
        network(
            [
                ("H", ["F1"]),
                ("A", ["F1"]),
                ("B", ["F1"]),
                ("C", ["F2"]),
                ("D", ["F2"]),
                ("E", ["F2"]),
            ],
            [
                ("H", "A", "2026-09-10"),
                ("H", "B", "2026-09-11"),
                ("H", "C", "2026-09-12"),
                ("D", "C", "2026-09-13"),
                ("D", "C", "2026-09-14"),
            ],
        )
    )
    schools = by_id(result)
    assert schools["H"].betweenness == pytest.approx(5 / 6)
    assert schools["C"].betweenness == pytest.approx(3 / 6)
    assert schools["A"].betweenness == 0.0
    assert schools["H"].inward is False  # C shares no family with H
    assert schools["C"].inward is False
    assert schools["A"].inward is True  # its one partner, H, is in F1 with it
    assert schools["D"].inward is True
    assert (schools["D"].given, schools["D"].partners) == (2, 1)
    assert schools["E"].isolated is True
    assert schools["E"].inward is False  # no exchange: isolated, not inward
    assert schools["E"].betweenness == 0.0
    f1, f2 = result.families
    # F1: 3 schools, pairs H-A and H-B of 3 possible: 2/3. F2: 3 schools, C-D of 3: 1/3.
    assert (f1.id, f1.schools, f1.isolated) == ("F1", 3, ())
    assert f1.density == pytest.approx(2 / 3)
    assert (f2.id, f2.schools, f2.isolated) == ("F2", 3, ("E",))
    assert f2.density == pytest.approx(1 / 3)
    assert result.pairs == ((0, 1, 1), (0, 2, 1), (0, 3, 1), (3, 4, 2))


def test_the_window_is_inclusive_and_self_exchanges_are_left_out():
    result = figures(
        network(
            [("A", []), ("B", []), ("C", [])],
            [
                ("A", "B", "2026-09-01"),
                ("B", "A", "2027-08-31"),  # the window's two ends count
                ("A", "C", "2026-08-31"),  # a day before it
                ("C", "A", "2027-09-01"),  # a day after it
                ("C", "C", "2026-10-01"),  # a school's own
            ],
        )
    )
    schools = by_id(result)
    assert (schools["A"].given, schools["A"].received) == (1, 1)
    assert schools["C"].isolated is True
    assert (schools["C"].given, schools["C"].received, schools["C"].partners) == (0, 0, 0)


def test_a_school_in_no_family_is_never_inward():
    schools = by_id(figures(network([("A", []), ("B", [])], [("A", "B", "2026-10-01")])))
    assert schools["A"].inward is False
    assert schools["A"].isolated is False


def test_small_networks_are_exact_and_large_ones_say_they_were_sampled():
    # A path of 40 schools: exact betweenness of the k-th (0-based) is
    # k(39 − k) × 2 / (39 × 38).
    count = 40
    path = Network(
        school_ids=[f"S{index}" for index in range(count)],
        families={},
        giver=np.arange(count - 1),
        receiver=np.arange(1, count),
        day=np.full(count - 1, date(2026, 10, 1).toordinal()),
        window=(date(2026, 9, 1), date(2027, 8, 31)),
    )
    exact = figures(path)
    assert exact.betweenness_sources is None
    for index, school in enumerate(exact.schools):
        assert school.betweenness == pytest.approx(index * (count - 1 - index) * 2 / (39 * 38))
    sampled = figures(path, exact_limit=10, samples=20)
    assert sampled.betweenness_sources == 20
    assert sampled.schools[20].betweenness > 0


def test_the_figures_match_networkx_on_a_random_network():
    rng = np.random.default_rng(5)
    count = 60
    giver = rng.integers(0, count, 300)
    receiver = rng.integers(0, count, 300)
    net = Network(
        school_ids=[str(index) for index in range(count)],
        families={"F": list(range(20))},
        giver=giver,
        receiver=receiver,
        day=np.full(300, date(2026, 10, 1).toordinal()),
        window=(date(2026, 9, 1), date(2027, 8, 31)),
    )
    result = figures(net)
    graph = nx.Graph((int(a), int(b)) for a, b in zip(giver, receiver, strict=True) if a != b)
    expected = nx.betweenness_centrality(graph)
    for index, school in enumerate(result.schools):
        assert school.betweenness == pytest.approx(expected.get(index, 0.0))
        own = (giver == index) & (receiver == index)
        assert school.given == int((giver == index).sum() - own.sum())
    assert result.families[0].density == pytest.approx(nx.density(graph.subgraph(range(20))))
    assert exchange_graph(np.array([0]), np.array([1])).number_of_edges() == 1


def test_term_by_term_each_term_stands_in_for_the_window():
    net = network(
        [("A", []), ("B", [])],
        [("A", "B", "2026-10-01"), ("A", "B", "2027-02-01"), ("B", "A", "2027-06-01")],
    )
    terms = figures_by_term(net, english_terms(2026))
    assert [name for name in terms] == ["Autumn", "Spring", "Summer"]
    assert [by_id(terms[name])["A"].given for name in terms] == [1, 1, 0]
    assert by_id(terms["Summer"])["A"].received == 1
    # A term reaching past the network's window is cut to it.
    late = figures_by_term(net, [Term("Late", date(2027, 6, 1), date(2027, 12, 31))])
    assert by_id(late["Late"])["B"].given == 1


def test_the_json_names_the_issues_fields():
    output = figures_to_json(figures(network([("A", ["F"]), ("B", ["F"])], [])))
    assert output == {
        "schools": [
            {"id": "A", "given": 0, "received": 0, "balance": 0, "partners": 0,
             "isolated": True, "inward": False, "betweenness": 0.0},
            {"id": "B", "given": 0, "received": 0, "balance": 0, "partners": 0,
             "isolated": True, "inward": False, "betweenness": 0.0},
        ],
        "families": [{"id": "F", "schools": 2, "density": 0.0, "isolated": ["A", "B"]}],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "input: must be a JSON object"),
        ({"schools": [], "exchanges": []}, "window: required but missing"),
        ({"schools": [], "exchanges": [], "window": WINDOW, "x": 1}, "x: unknown field"),
        ({"schools": [{"id": "A"}, {"id": "A"}], "exchanges": [], "window": WINDOW},
         "schools[1].id: 'A' is listed twice"),
        ({"schools": [{"id": ""}], "exchanges": [], "window": WINDOW},
         "schools[0].id: must be a non-empty string"),
        ({"schools": [{"id": "A", "families": "F"}], "exchanges": [], "window": WINDOW},
         "schools[0].families: must be a list"),
        ({"schools": [{"id": "A"}], "window": WINDOW,
          "exchanges": [{"from": "A", "to": "Z", "kind": "visit", "date": "2026-10-01"}]},
         "exchanges[0].to: unknown school 'Z'"),
        ({"schools": [{"id": "A"}], "window": WINDOW,
          "exchanges": [{"from": "A", "to": "A", "kind": "visit", "date": "1 Oct"}]},
         "exchanges[0].date: '1 Oct' is not a date (write 2026-10-01)"),
        ({"schools": [{"id": "A"}], "window": WINDOW,
          "exchanges": [{"from": "A", "to": "A", "date": "2026-10-01"}]},
         "exchanges[0].kind: required but missing"),
        ({"schools": [], "exchanges": [], "window": {"from": "2027-01-01", "to": "2026-01-01"}},
         "window: from is after to"),
    ],
)  # fmt: skip
def test_bad_input_is_named(data, message):
    with pytest.raises(NetworkError) as raised:
        parse_network(data)
    assert str(raised.value) == message
