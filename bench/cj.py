"""Comparative judgement at scale: the Bradley–Terry fit and the pair scheduler.

    python -m bench.cj [--small] [--seed 2026]

Simulates rounds with true θ ~ N(0, 1.5²) and 20 judgements per script (each script in 20
comparisons, chosen along random rings so the graph is connected), decided by the
Bradley–Terry model itself, and fits them with kinship.moderation.judgement. Each size runs
in a fresh process, so its peak memory (resident set) is its own.

| judgements | scripts | target |
|---|---|---|
| 10,000 | 1,000 | |
| 300,000 | 30,000 | |
| 1,000,000 | 100,000 | fit < 20 s and < 1 GB on 2 cores |

Each line also gives SSR and its expected value, the squared correlation of the fitted θ
with the true θ over the same scripts (target: within 0.03). Then `schedule_pairs` for
20,000 scripts in 100 schools and 2,000 judges, 20 comparisons per script (target < 10 s).
--small runs 2,000 judgements and a 500-script schedule, for the test suite. No database.
"""

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np

SIZES = ((10_000, 1_000), (300_000, 30_000), (1_000_000, 100_000))
SMALL = ((2_000, 200),)
PER_SCRIPT = 20
TRUE_SD = 1.5
FIT_TARGET_S, MEMORY_TARGET_MB, SSR_TOLERANCE, PAIRS_TARGET_S = 20.0, 1024, 0.03, 10.0


def fit_one(judgements: int, scripts: int, seed: int) -> dict[str, float]:
    """Simulate and fit one round (in this process); the figures as a dict."""
    from kinship.moderation.judgement import (
        Comparisons,
        fit_bradley_terry,
        judge_misfit,
        scale_separation_reliability,
        script_infit,
    )

    rng = np.random.default_rng(seed)
    true = rng.normal(0, TRUE_SD, scripts)
    rings = max(1, round(2 * judgements / scripts / 2))
    a = np.concatenate([rng.permutation(scripts) for _ in range(rings)])
    b = np.concatenate([np.roll(ring, 1) for ring in np.split(a, rings)])
    a, b = a[:judgements], b[:judgements]
    won = rng.random(len(a)) < 1 / (1 + np.exp(-(true[a] - true[b])))
    codes = [f"S{i:06d}" for i in range(scripts)]
    winners = [codes[i] for i in np.where(won, a, b)]
    losers = [codes[i] for i in np.where(won, b, a)]
    judges = [f"J{j:04d}" for j in rng.integers(0, max(10, scripts // 50), len(a))]
    del a, b, won
    start = time.perf_counter()
    comparisons = Comparisons.from_codes(winners, losers, judges)
    fit = fit_bradley_terry(comparisons)
    script_infit(fit, comparisons)
    judge_misfit(fit, comparisons)
    seconds = time.perf_counter() - start
    order = np.array([int(code[1:]) for code in comparisons.scripts])
    use = fit.bounded & ~fit.anchored
    expected = float(np.corrcoef(fit.theta[use], true[order][use])[0, 1] ** 2)
    return {
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "iterations": fit.iterations,
        "ssr": scale_separation_reliability(fit),
        "expected": expected,
        "unbounded": int((~fit.bounded).sum()),
        "exact_se": fit.exact_se,
    }


def pairs_one(scripts: int, judges: int, seed: int) -> float:
    from kinship.moderation.judgement import Judge, Script, schedule_pairs

    schools = 100 if scripts >= 10_000 else 10
    script_list = [Script(f"S{i:06d}", f"School {i % schools}") for i in range(scripts)]
    judge_list = [Judge(f"J{j:05d}", f"School {j % schools}") for j in range(judges)]
    start = time.perf_counter()
    schedule_pairs(script_list, judge_list, PER_SCRIPT, seed=seed)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--one", nargs=2, type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        print(json.dumps(fit_one(options.one[0], options.one[1], options.seed)))
        return
    ok = True
    for judgements, scripts in SMALL if options.small else SIZES:
        child = subprocess.run(  # noqa: S603 - this module, run again with fixed arguments
            [
                sys.executable,
                "-m",
                "bench.cj",
                "--one",
                str(judgements),
                str(scripts),
                "--seed",
                str(options.seed),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(child.stdout)
        gap = abs(figures["ssr"] - figures["expected"])
        line = (
            f"fit {judgements:>9,} judgements, {scripts:>7,} scripts: "
            f"{figures['seconds']:6.2f} s, peak {figures['peak_mb']:6.0f} MB, "
            f"{figures['iterations']} Newton steps, SSR {figures['ssr']:.3f} "
            f"(expected {figures['expected']:.3f}, off by {gap:.3f}), "
            f"{figures['unbounded']} unbounded, SE {'exact' if figures['exact_se'] else 'two-step'}"
        )
        if judgements == 1_000_000:
            met = figures["seconds"] < FIT_TARGET_S and figures["peak_mb"] < MEMORY_TARGET_MB
            line += f" [target < {FIT_TARGET_S:.0f} s, < 1 GB: {'met' if met else 'MISSED'}]"
            ok &= met
        met_ssr = gap < SSR_TOLERANCE
        ok &= met_ssr
        print(line + f" [SSR within {SSR_TOLERANCE}: {'met' if met_ssr else 'MISSED'}]")
    scripts, judges = (500, 50) if options.small else (20_000, 2_000)
    seconds = pairs_one(scripts, judges, options.seed)
    met = seconds < PAIRS_TARGET_S
    print(
        f"cj_pairs {scripts:,} scripts, {judges:,} judges, {PER_SCRIPT} per script: "
        f"{seconds:.2f} s [target < {PAIRS_TARGET_S:.0f} s: {'met' if met else 'MISSED'}]"
    )
    sys.exit(0 if ok and met else 1)


if __name__ == "__main__":
    main()
