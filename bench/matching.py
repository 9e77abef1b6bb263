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

--small matches 60 heads and 150 places instead, for the test suite. No database is needed.
"""

import argparse
import random
import time

from kinship.mentoring.matching import Coach, Mentee, Problem, Result, SchoolContext, solve

TARGET_S = 5.0
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--small", action="store_true", help="60 heads and 150 places")
    arguments = parser.parse_args()
    heads, places = (60, 150) if arguments.small else (2000, 5000)
    began = time.perf_counter()
    problem = programme(heads, places, arguments.seed)
    built = time.perf_counter() - began
    result, stages, seconds = run(problem)
    scoring = stages.get("solving", 0.0)
    solving = stages.get("explaining", 0.0) - scoring
    explaining = seconds - stages.get("explaining", 0.0)
    verdict = "meets" if seconds < TARGET_S else "MISSES"
    print(
        f"{heads} heads, {places} coach places ({len(problem.coaches)} coaches), "
        f"generated in {built:.1f} s"
    )
    print(
        f"  matched {len(result.pairs)}, unmatched {len(result.unmatched)}, "
        f"mean score {result.total / max(len(result.pairs), 1):.3f}"
    )
    print(f"  scoring {scoring:.2f} s, solving {solving:.2f} s, explaining {explaining:.2f} s")
    print(f"  total {seconds:.2f} s (target < {TARGET_S:.0f} s: {verdict})")


if __name__ == "__main__":
    main()
