"""Permission matrix rows for insights (issue 22): a family's coordinators see its exchange
network; its heads and staff are refused (a school's leads see their own school's figures),
platform admins see only the totals; partners, pupils and outsiders are not told it exists."""

from kinship.tests.matrix import FAMILY_HIDDEN, OK, Case, expect

INSIGHTS_CASES: list[Case] = [
    Case(
        "insights:family",
        expect(403, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    # A school's own figures: its leads (the head leads Alder), no one else.
    Case(
        "insights:school",
        expect(403, head=OK),
        args=lambda p: [p.school.urn],
    ),
    # Everyone on the staff side may open the home; only admins are shown the totals there.
    Case("insights:home", expect(OK, partner=403)),
]
