"""Permission matrix rows for insights (issue 22): a family's coordinators see its exchange
network; its heads and staff are refused (they see their own school's figures elsewhere),
platform admins see only the totals; partners, pupils and outsiders are not told it exists."""

from kinship.tests.matrix import FAMILY_HIDDEN, OK, Case, expect

INSIGHTS_CASES: list[Case] = [
    Case(
        "insights:family",
        expect(403, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    Case("insights:totals", expect(403, admin=OK)),
]
