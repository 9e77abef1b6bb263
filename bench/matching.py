"""Coach matching for a national programme: 2,000 new heads and 5,000 coach places.

    python -m bench.matching [--seed 2026] [--small]

Generates the heads and coaches: schools scattered over England (about 600 by 300 km),
of every phase, size and share of free school meals, a third of them in trusts; vision
statements of 25 to 60 words drawn from the words heads use; 1 to 4 priorities each, and
2 to 5 areas of expertise for each coach; coaches offering 1 to 3 places (5,000 in all);
a conflict declared for one head in twenty. Then it matches them with
kinship.mentoring.matching.solve, text scoring included, keeping trusts apart:

| figure | target |
|---|---|
| 2,000 heads, 5,000 coach places: scoring, solving and explaining | < 5 s |
| 4,000 heads, 10,000 coach places: peak memory of the whole run | <= 1 GB |

Each size runs in a fresh process, so its peak resident memory (ru_maxrss, generating the
problem included) is its own. --small matches 60 heads and 150 places instead, for the
test suite. No database is needed.
"""

import argparse
import json
import random
import resource
import subprocess
import sys
import time

from kinship.mentoring.matching import Coach, Mentee, Problem, Result, SchoolContext, solve

TARGET_S = 5.0
MEMORY_TARGET_MB = 1024
TIMED = (2000, 5000)  # the size the time target is for
SIZES = (TIMED, (4000, 10000))
SMALL = ((60, 150),)
# fmt: off
VISION_WORDS = (
    "reading", "writing", "maths", "curriculum", "inclusion", "community", "families",
    "wellbeing", "attendance", "behaviour", "outdoor", "learning", "phonics", "oracy",
    "belonging", "ambition", "every", "child", "succeeds", "relationships", "staff",
    "development", "coaching", "trust", "parents", "partnership", "creativity", "music",
    "sport", "science", "enquiry", "disadvantaged", "pupils", "gaps", "send", "provision",
    "early", "years", "nurture", "resilience", "kindness", "respect", "high",
    "expectations", "challenge", "joy", "curiosity", "local", "heritage", "environment",
    "sustainability", "digital", "skills", "leadership", "collaboration", "research",
    "evidence",
)
# fmt: on
TAGS = (
    "SEND",
    "School finance",
    "Budget deficit",
    "Ofsted preparation",
    "Special measures",
    "Curriculum design",
    "Phonics",
    "Early reading",
    "Maths mastery",
    "Attendance",
    "Behaviour",
    "Staff wellbeing",
    "Recruitment",
    "Governance",
    "Safeguarding",
    "EYFS",
    "Mixed-age classes",
    "Parental engagement",
    "Disadvantaged pupils",
    "Estates",
)
PHASES = ("Primary", "Primary", "Primary", "Secondary", "All-through", "Special")
PLACES = (
    "Urban city and town",
    "Urban major conurbation",
    "Rural town and fringe",
    "Rural village",
    "Rural hamlet and isolated dwellings",
)


def vision(rng: random.Random) -> str:
    return " ".join(rng.choices(VISION_WORDS, k=rng.randint(25, 60)))


def programme(heads: int, places: int, seed: int) -> Problem:
    rng = random.Random(seed)
    coach_capacities: list[int] = []
    while sum(coach_capacities) < places:
        coach_capacities.append(min(rng.randint(1, 3), places - sum(coach_capacities)))
    school_count = heads + len(coach_capacities)
    trusts = [f"Trust {n}" for n in range(school_count // 12)]
    schools = {}
    for number in range(school_count):
        urn = 100000 + number
        schools[urn] = SchoolContext(
            urn=urn,
            phase=rng.choice(PHASES),
            pupils=rng.randint(40, 1600),
            fsm_percent=round(rng.uniform(2, 60), 1),
            urban_rural=rng.choice(PLACES),
            trust=rng.choice(trusts) if rng.random() < 1 / 3 else "",
            latitude=rng.uniform(50.5, 55.5),
            longitude=rng.uniform(-4.5, 1.5),
        )
    urns = list(schools)
    mentees = tuple(
        Mentee(f"head-{n}", urns[n], vision(rng), tuple(rng.sample(TAGS, rng.randint(1, 4))))
        for n in range(heads)
    )
    coaches = tuple(
        Coach(
            f"coach-{n}",
            urns[heads + n],
            vision(rng),
            tuple(rng.sample(TAGS, rng.randint(2, 5))),
            capacity,
        )
        for n, capacity in enumerate(coach_capacities)
    )
    exclusions = frozenset(
        (mentee.id, rng.choice(coaches).id) for mentee in mentees if rng.random() < 0.05
    )
    return Problem(
        mentees=mentees,
        coaches=coaches,
        schools=schools,
        exclusions=exclusions,
        avoid_same_trust=True,
    )


def run(problem: Problem) -> tuple[Result, dict[str, float], float]:
    stages: dict[str, float] = {}
    began = time.perf_counter()

    def progress(stage: str, fraction: float) -> None:
        stages[stage] = time.perf_counter() - began

    result = solve(problem, progress=progress)
    return result, stages, time.perf_counter() - began


def measure(heads: int, places: int, seed: int) -> dict[str, float]:
    """One size, in this process: the figures main prints."""
    began = time.perf_counter()
    problem = programme(heads, places, seed)
    built = time.perf_counter() - began
    result, stages, seconds = run(problem)
    scoring = stages.get("solving", 0.0)
    return {
        "coaches": len(problem.coaches),
        "built": built,
        "matched": len(result.pairs),
        "unmatched": len(result.unmatched),
        "mean": result.total / max(len(result.pairs), 1),
        "scoring": scoring,
        "solving": stages.get("explaining", 0.0) - scoring,
        "explaining": seconds - stages.get("explaining", 0.0),
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--small", action="store_true", help="60 heads and 150 places")
    parser.add_argument("--one", nargs=2, type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        heads, places = arguments.one
        print(json.dumps(measure(heads, places, arguments.seed)))
        return
    for heads, places in SMALL if arguments.small else SIZES:
        child = subprocess.run(  # noqa: S603 - this module, run again with fixed arguments
            [
                sys.executable,
                "-m",
                "bench.matching",
                "--one",
                str(heads),
                str(places),
                "--seed",
                str(arguments.seed),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(child.stdout)
        seconds = figures["seconds"]
        print(
            f"{heads} heads, {places} coach places ({figures['coaches']} coaches), "
            f"generated in {figures['built']:.1f} s"
        )
        print(
            f"  matched {figures['matched']}, unmatched {figures['unmatched']}, "
            f"mean score {figures['mean']:.3f}"
        )
        print(
            f"  scoring {figures['scoring']:.2f} s, solving {figures['solving']:.2f} s, "
            f"explaining {figures['explaining']:.2f} s"
        )
        if heads <= TIMED[0]:
            verdict = "meets" if seconds < TARGET_S else "MISSES"
            print(f"  total {seconds:.2f} s (target < {TARGET_S:.0f} s: {verdict})")
        else:
            print(f"  total {seconds:.2f} s")
        verdict = "meets" if figures["peak_mb"] <= MEMORY_TARGET_MB else "MISSES"
        print(f"  peak memory {figures['peak_mb']:.0f} MB (target <= 1 GB: {verdict})")


if __name__ == "__main__":
    main()
