"""A round's figures, read from the database and worked out by the pure cores: the fitted
scale, its reliability, boundaries, each script's chance of a wrong school grade, school
bias, agreement of the blind grades, and the order of the meeting's agenda."""

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kinship.moderation import agreement, judgement
from kinship.moderation.models import Comparison, Grade, Outcome, Round, Script


@dataclass
class FitState:
    """The Bradley–Terry fit of a round's decided comparisons."""

    codes: list[str]
    theta_by_code: dict[str, float]
    se_by_code: dict[str, float]
    infit_by_code: dict[str, float]
    ssr: float
    split_half: judgement.SplitHalf | None
    judges: list[judgement.JudgeFit]
    boundaries: list[judgement.Boundary | None]
    boundary_source: str  # "anchor scripts", "external consensus" or "schools' own grades"
    decisions: int
    unbounded: list[str]


@dataclass
class ScriptRow:
    script: Script
    external: list[int]  # blind grades
    consensus: int | None
    theta: float | None
    se: float | None
    infit: float | None
    misgrade: float | None  # chance the school grade is wrong, from the scale
    disagreement: float
    outcome: Outcome | None = None


@dataclass
class RoundReport:
    round: Round
    rows: list[ScriptRow]
    fit: FitState | None
    agreement: agreement.AgreementReport | None
    bias: list[judgement.SchoolShift] = field(default_factory=list)
    school_names: dict[int, str] = field(default_factory=dict)
    judge_names: dict[str, str] = field(default_factory=dict)

    def rows_for_school(self, school_id: int) -> list[ScriptRow]:
        return [row for row in self.rows if row.script.school_id == school_id]


def _decided(round_: Round) -> list[Comparison]:
    return list(
        round_.comparisons.filter(winner__isnull=False).select_related("left", "right", "winner")
    )


def current_fit(
    round_: Round, scripts: list[Script] | None = None, consensus: dict[str, int] | None = None
) -> FitState | None:
    """The scale from the decided comparisons; None before the graph is connected."""
    decided = _decided(round_)
    if not decided:
        return None
    scripts = scripts if scripts is not None else list(round_.scripts.all())
    winners = [c.winner.code for c in decided if c.winner]
    losers = [(c.right if c.winner_id == c.left_id else c.left).code for c in decided]
    comparisons = judgement.Comparisons.from_codes(
        winners, losers, [str(c.judge_id) for c in decided]
    )
    try:
        fit = judgement.fit_bradley_terry(comparisons)
    except judgement.FitError:
        return None
    index = {code: i for i, code in enumerate(comparisons.scripts)}
    theta = {c: float(fit.theta[i]) for c, i in index.items()}
    se = {c: float(fit.se[i]) for c, i in index.items()}
    infit = judgement.script_infit(fit, comparisons)
    seconds = np.array([c.seconds if c.seconds is not None else np.nan for c in decided])
    chose_left = np.array([c.winner_id == c.left_id for c in decided])
    placed = [s for s in scripts if s.code in index and np.isfinite(theta[s.code])]
    values = np.array([theta[s.code] for s in placed])
    anchors = [s for s in placed if s.anchor]
    if len({s.school_grade for s in anchors}) >= 2:
        grades, source = (
            np.array([s.school_grade if s.anchor else -1 for s in placed]),
            "anchor scripts",
        )
    elif consensus and len(set(consensus.values())) >= 2:
        grades = np.array([consensus.get(s.code, -1) for s in placed])
        source = "external consensus"
    else:
        grades, source = np.array([s.school_grade for s in placed]), "schools' own grades"
    boundaries = judgement.grade_boundaries(values, grades, len(round_.levels)) if placed else []
    return FitState(
        codes=list(comparisons.scripts),
        theta_by_code=theta,
        se_by_code=se,
        infit_by_code={c: float(infit[i]) for c, i in index.items()},
        ssr=judgement.scale_separation_reliability(fit),
        split_half=judgement.split_half_reliability(comparisons, splits=10),
        judges=judgement.judge_misfit(fit, comparisons, seconds=seconds, chose_left=chose_left),
        boundaries=boundaries,
        boundary_source=source,
        decisions=len(decided),
        unbounded=[comparisons.scripts[i] for i in fit.unbounded],
    )


def round_report(round_: Round, *, samples: int = agreement.BOOTSTRAP_SAMPLES) -> RoundReport:
    """Every figure of the round, in a fixed number of queries."""
    scripts = list(round_.scripts.select_related("school").prefetch_related("pages"))
    outcomes = {o.script_id: o for o in Outcome.objects.filter(script__round=round_)}
    grades = list(Grade.objects.filter(script__round=round_).select_related("judge"))
    external: dict[int, list[int]] = {s.pk: [] for s in scripts}
    for grade in grades:
        external[grade.script_id].append(grade.grade)
    report_agreement = None
    if grades:
        grade_rows = [
            agreement.Grade(s.code, str(s.school_id), agreement.OWN, s.school_grade)
            for s in scripts
        ]
        code_of = {s.pk: s for s in scripts}
        grade_rows += [
            agreement.Grade(
                code_of[g.script_id].code,
                str(code_of[g.script_id].school_id),
                str(g.judge_id),
                g.grade,
            )
            for g in grades
        ]
        report_agreement = agreement.analyse_grades(grade_rows, round_.levels, samples=samples)
    consensus = report_agreement.consensus if report_agreement else {}
    fit = current_fit(round_, scripts, consensus) if round_.uses_judgement else None
    misgrade: dict[str, float] = {}
    bias: list[judgement.SchoolShift] = []
    school_names = {s.school_id: s.school.name for s in scripts}
    if fit is not None and any(fit.boundaries):
        placed = [s for s in scripts if np.isfinite(fit.theta_by_code.get(s.code, np.nan))]
        theta = np.array([fit.theta_by_code[s.code] for s in placed])
        se = np.array([fit.se_by_code[s.code] for s in placed])
        own = np.array([s.school_grade for s in placed])
        chance = judgement.misgrade_probability(theta, se, fit.boundaries, own)
        misgrade = {s.code: float(p) for s, p in zip(placed, chance, strict=True)}
        ids = sorted(school_names)
        school_index = np.array([ids.index(s.school_id) for s in placed])
        bias = judgement.school_bias(
            theta, school_index, [school_names[i] for i in ids], own, fit.boundaries
        )
    rows = []
    for script in scripts:
        given = external[script.pk]
        agreed = consensus.get(script.code)
        theta_value = fit.theta_by_code.get(script.code) if fit else None
        wrong = misgrade.get(script.code)
        spread = (max(given) - min(given)) if given else 0
        score = float(abs(script.school_grade - agreed) if agreed is not None else 0) + spread
        score += wrong or 0.0
        rows.append(
            ScriptRow(
                script=script,
                external=sorted(given),
                consensus=agreed,
                theta=theta_value,
                se=fit.se_by_code.get(script.code) if fit else None,
                infit=fit.infit_by_code.get(script.code) if fit else None,
                misgrade=wrong,
                disagreement=float(score),
                outcome=outcomes.get(script.pk),
            )
        )
    rows.sort(key=lambda row: (-row.disagreement, row.script.code))
    names = {str(g.judge_id): g.judge.display_name for g in grades}
    names |= {str(p.user_id): p.user.display_name for p in round_.people.select_related("user")}
    return RoundReport(round_, rows, fit, report_agreement, bias, school_names, names)


def theta_text(value: float | None) -> str:
    if value is None or np.isnan(value):
        return ""
    if np.isinf(value):
        return "above the scale" if value > 0 else "below the scale"
    return f"{value:+.2f}"


def json_ready(value: Any) -> Any:
    """Numbers for json_script: NaN and infinities become null."""
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    return value
