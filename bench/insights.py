"""python -m bench.insights: the exchange network of every school in England (issue 22).

24,000 schools, 500 families and 2 million exchanges over fourteen months, of which a year is
counted: each school's given, received, balance, partners, isolated, inward and betweenness,
and each family's density and isolated schools, in under 30 s and 2 GB. Most exchanges are
between schools of one family and the rest between near neighbours (schools are numbered as
if along a map), so the network has a few hundred thousand distinct pairs, as a country of
partnerships would; a quarter of the schools, in no family and far from the busy ones,
exchange with nobody.

Exact betweenness on that graph is one breadth-first search per school over every pair: the
bench times a few and prints what all of them would take (with kinship.insights.brandes and
with NetworkX's own loop), which is why the core estimates it from sampled sources above
`EXACT_LIMIT` schools. The estimate's error is measured against exact betweenness on a
mid-sized network made the same way and printed too.
"""

import argparse
import resource
import time
from dataclasses import dataclass
from datetime import date

import networkx as nx
import numpy as np

from kinship.insights import brandes
from kinship.insights.network import (
    EXACT_LIMIT,
    SAMPLES,
    Figures,
    Network,
    exchange_graph,
    figures,
    pair_counts,
)

WINDOW = (date(2026, 9, 1), date(2027, 8, 31))
FIRST_DAY = date(2026, 7, 1).toordinal()  # exchanges run from July to the end of August a year on
LAST_DAY = date(2027, 8, 31).toordinal()
IN_FAMILY = 0.75  # share of exchanges between schools of one family
NEIGHBOURS = 20  # other exchanges go to a school at most this many numbers away
QUIET = 0.25  # share of schools, in no family, that never exchange
INWARD = 0.1  # share of family places whose school exchanges only inside its families


@dataclass(frozen=True)
class Size:
    schools: int
    families: int
    exchanges: int


ENGLAND = Size(schools=24_000, families=500, exchanges=2_000_000)
MID = Size(schools=3_000, families=64, exchanges=250_000)
SMALL = Size(schools=300, families=8, exchanges=20_000)  # --small: for the test suite


def make_network(size: Size, seed: int) -> Network:
    """A network like England's at `size`, from numbers alone (no Python object per row)."""
    rng = np.random.default_rng(seed)
    busy = int(size.schools * (1 - QUIET))
    # Families of 5 to 40 schools among the busy ones; some schools are in two.
    family_sizes = rng.integers(5, 41, size.families)
    members = [rng.choice(busy, int(count), replace=False) for count in family_sizes]
    flat = np.concatenate(members)
    starts = np.concatenate([[0], np.cumsum(family_sizes)[:-1]])
    in_family = int(size.exchanges * IN_FAMILY)
    family = rng.integers(0, size.families, in_family)
    chosen_size = family_sizes[family]
    giver_in = flat[starts[family] + (rng.random(in_family) * chosen_size).astype(np.int64)]
    receiver_in = flat[starts[family] + (rng.random(in_family) * chosen_size).astype(np.int64)]
    outside = size.exchanges - in_family
    # Some family schools exchange only inside their families: drop their outside exchanges.
    inward = np.zeros(size.schools, dtype=np.bool_)
    inward[rng.choice(flat, int(len(flat) * INWARD), replace=False)] = True
    giver_out = rng.integers(0, busy, outside * 2)
    step = rng.integers(1, NEIGHBOURS + 1, outside * 2) * rng.choice([-1, 1], outside * 2)
    receiver_out = np.clip(giver_out + step, 0, busy - 1)
    kept = ~(inward[giver_out] | inward[receiver_out])
    giver_out, receiver_out = giver_out[kept][:outside], receiver_out[kept][:outside]
    return Network(
        school_ids=[f"URN{100000 + index}" for index in range(size.schools)],
        families={f"F{index}": group.tolist() for index, group in enumerate(members)},
        giver=np.concatenate([giver_in, giver_out]).astype(np.int64),
        receiver=np.concatenate([receiver_in, receiver_out]).astype(np.int64),
        day=rng.integers(FIRST_DAY, LAST_DAY + 1, size.exchanges).astype(np.int64),
        window=WINDOW,
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def exact_estimate_s(network: Network, sources: int) -> tuple[float, float]:
    """Seconds all of exact betweenness would take, with kinship.insights.brandes and with
    NetworkX: `sources` searches timed (a few for NetworkX), scaled up."""
    low, high, _ = pair_counts(network)
    graph = exchange_graph(low, high)
    nodes = list(graph.nodes())
    started = time.perf_counter()
    brandes.betweenness_centrality(nodes, low, high, len(network.school_ids), k=sources)
    ours = (time.perf_counter() - started) / sources * len(nodes)
    started = time.perf_counter()
    nx.betweenness_centrality(graph, k=4, seed=1)
    theirs = (time.perf_counter() - started) / 4 * len(nodes)
    return ours, theirs


def estimate_error(size: Size, samples: int) -> dict[str, float]:
    """The sampled estimate against exact betweenness on a mid-sized network."""
    network = make_network(size, seed=7)
    started = time.perf_counter()
    exact = figures(network, exact_limit=size.schools)
    exact_s = time.perf_counter() - started
    sampled = figures(network, exact_limit=0, samples=samples)
    truth = np.array([school.betweenness for school in exact.schools])
    guess = np.array([school.betweenness for school in sampled.schools])
    top = 20
    overlap = len(set(np.argsort(-truth)[:top]) & set(np.argsort(-guess)[:top])) / top
    ranks_truth = np.argsort(np.argsort(truth))
    ranks_guess = np.argsort(np.argsort(guess))
    return {
        "exact_s": exact_s,
        "max_abs": float(np.abs(truth - guess).max()),
        "mean_abs": float(np.abs(truth - guess).mean()),
        "mean_exact": float(truth[truth > 0].mean()),
        "top_overlap": overlap,
        "spearman": float(np.corrcoef(ranks_truth, ranks_guess)[0, 1]),
        "nodes": float(sum(not school.isolated for school in exact.schools)),
    }


def summary(result: Figures) -> str:
    isolated = sum(school.isolated for school in result.schools)
    inward = sum(school.inward for school in result.schools)
    bridges = sorted(result.schools, key=lambda school: -school.betweenness)[:3]
    return (
        f"{len(result.pairs):,} distinct pairs; {isolated:,} schools isolated, {inward:,} inward; "
        f"top bridges {', '.join(f'{school.id} {school.betweenness:.4f}' for school in bridges)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-error", action="store_true", help="leave out the error check")
    parser.add_argument("--small", action="store_true", help="a small network, for the tests")
    args = parser.parse_args()
    size, mid = (SMALL, SMALL) if args.small else (ENGLAND, MID)
    network = make_network(size, seed=22)
    before_mb = peak_rss_mb()
    started = time.perf_counter()
    result = figures(network)
    seconds = time.perf_counter() - started
    peak_mb = peak_rss_mb()
    print(
        f"{'Small' if args.small else 'England'}: {size.schools:,} schools, "
        f"{size.families} families, {size.exchanges:,} exchanges: every school's figures in "
        f"{seconds:.1f} s (limit 30 s); peak RSS {peak_mb:,.0f} MB "
        f"({before_mb:,.0f} MB after making the data; limit 2,048 MB)"
    )
    print(f"  {summary(result)}")
    isolated = sum(school.isolated for school in result.schools)
    how = (
        "exact"
        if result.betweenness_sources is None
        else f"estimated from {result.betweenness_sources} sampled sources"
    )
    ours, theirs = exact_estimate_s(network, 32)
    print(
        f"  betweenness {how} (exact up to {EXACT_LIMIT:,} schools that exchanged); exact "
        f"would take about {ours / 60:,.1f} min (NetworkX's own loop: {theirs / 60:,.0f} min)"
    )
    if not args.skip_error:
        error = estimate_error(mid, SAMPLES)
        print(
            f"Estimate against exact on {error['nodes']:,.0f} schools that exchanged "
            f"({mid.exchanges:,} exchanges; exact took {error['exact_s']:.1f} s), {SAMPLES} "
            f"sources ({SAMPLES / error['nodes']:.0%} of them; England's are "
            f"{SAMPLES / max(1, len(result.schools) - isolated):.1%}): max abs error "
            f"{error['max_abs']:.4f}, mean abs {error['mean_abs']:.5f} (mean exact value above "
            f"0: {error['mean_exact']:.5f}); top-20 bridges shared {error['top_overlap']:.0%}; "
            f"rank correlation {error['spearman']:.3f}"
        )
    assert seconds < 30, f"{seconds:.1f} s is over 30 s"
    assert peak_mb < 2048, f"{peak_mb:.0f} MB is over 2 GB"


if __name__ == "__main__":
    main()
