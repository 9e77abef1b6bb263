"""A school's moderation summary as a PDF (reportlab): its scripts with the external grades,
scale position and outcomes, and its shift from the family at each boundary with intervals."""

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kinship.core.dates import uk_date
from kinship.moderation.analysis import RoundReport, theta_text
from kinship.schools.models import School

FOCUS_NOTE = " (with extra comparisons near the boundaries)"


def _interval(value: float, low: float, high: float, percent: bool = False) -> str:
    if value != value:
        return "–"

    def show(x: float) -> str:
        return f"{x:.0%}" if percent else f"{x:+.2f}"

    if low != low:
        return show(value)
    return f"{show(value)} ({show(low)} to {show(high)})"


def school_summary_pdf(report: RoundReport, school: School) -> bytes:
    round_ = report.round
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{round_.title}: {school.name}",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
    )
    story = [
        Paragraph(f"{round_.title}: {school.name}", styles["Title"]),
        Paragraph(
            f"{round_.family.name} · Year {round_.year_group} · {round_.task} · "
            f"judging closed {uk_date(round_.judging_deadline)}",
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
    ]
    shifts = [s for s in report.bias if s.school == school.name]
    if shifts:
        story.append(
            Paragraph("Your grades against the family's, at each boundary", styles["Heading2"])
        )
        story.append(
            Paragraph(
                "On the scale of the whole family's comparative judgements (logits): a "
                "positive shift means the school awards the higher grade to work that far "
                "below the family's boundary; negative, that it asks for work above it. The "
                "interval is 95%. This is a measure to discuss, not a pass or a fail.",
                styles["Normal"],
            )
        )
        rows = [["Boundary", "Shift (95% interval)", "Scripts"]]
        for s in shifts:
            rows.append(
                [
                    f"{round_.levels[s.lower]}/{round_.levels[s.lower + 1]}",
                    _interval(s.shift, s.low, s.high),
                    str(s.scripts),
                ]
            )
        story += [_table(rows), Spacer(1, 4 * mm)]
    if report.fit is not None:
        story.append(
            Paragraph(
                f"Scale separation reliability of the family's scale: "
                f"{report.fit.ssr:.2f} from {report.fit.decisions} decisions"
                f"{FOCUS_NOTE if round_.boundary_focus_used else ''}.",
                styles["Normal"],
            )
        )
    story.append(Paragraph("Your scripts", styles["Heading2"]))
    rows = [
        ["Script", "Your grade", "External grades", "Consensus", "Scale", "Chance wrong", "Outcome"]
    ]
    for row in report.rows_for_school(school.pk):
        outcome = row.outcome
        rows.append(
            [
                row.script.code,
                round_.level_name(row.script.school_grade),
                " ".join(round_.level_name(g) for g in row.external) or "–",
                round_.level_name(row.consensus) or "–",
                theta_text(row.theta) or "–",
                "–" if row.misgrade is None else f"{row.misgrade:.0%}",
                (
                    f"{outcome.get_decision_display()}{_changed_to(round_, outcome)}"
                    if outcome and outcome.decision
                    else "–"
                ),
            ]
        )
    story.append(_table(rows))
    document.build(story)
    return buffer.getvalue()


def _changed_to(round_: object, outcome: object) -> str:
    if getattr(outcome, "decision", "") != "changed":
        return ""
    return ": " + str(round_.level_name(outcome.agreed_grade))  # type: ignore[attr-defined]


def _table(rows: list[list[str]]) -> Table:
    table = Table(rows, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f0f7")),
            ]
        )
    )
    return table
