from kinship.privacy.registry import Erase, Relation

KEPT = "Part of a visit plan or visit record other schools rely on."

RELATIONS = [
    Relation("visits.VisitPlan", "created_by", Erase.FORMER_MEMBER, KEPT),
    Relation("visits.VisitPlan", "published_by", Erase.FORMER_MEMBER, KEPT),
    Relation("visits.PlanSchool", "updated_by", Erase.FORMER_MEMBER, KEPT),
    Relation(
        "visits.StaffPreference",
        "person",
        Erase.DELETE,
        "The person's own visiting preferences are deleted.",
    ),
    Relation("visits.PlanPin", "person", Erase.DELETE, "Pins of the person in a rota are removed."),
    Relation("visits.PlanPin", "created_by", Erase.FORMER_MEMBER, KEPT),
    Relation("visits.SolveRun", "requested_by", Erase.FORMER_MEMBER, KEPT),
    # A school's answer to a change of its term dates is the school's record, not the person's.
    Relation("visits.TermDateProposal", "proposed_by", Erase.FORMER_MEMBER, KEPT),
    Relation("visits.TermDateProposal", "decided_by", Erase.FORMER_MEMBER, KEPT),
    Relation("visits.OpenClassroom", "host", Erase.FORMER_MEMBER, KEPT),
    Relation("visits.Visit", "visitor", Erase.FORMER_MEMBER, KEPT),
    Relation("visits.Visit", "host", Erase.FORMER_MEMBER, KEPT),
    Relation("visits.Visit", "decided_by", Erase.FORMER_MEMBER, KEPT),
    Relation(
        "visits.ClearanceDeclaration",
        "person",
        Erase.RETAIN,
        "A school's record that a visitor was cleared to be with pupils: a safeguarding record "
        "kept under KCSIE, not erased.",
    ),
    # Another person's clearance: the school's record, not the declarer's data to take away.
    Relation(
        "visits.ClearanceDeclaration",
        "declared_by",
        Erase.RETAIN,
        "As above (KCSIE).",
        export=False,
    ),
    Relation(
        "visits.ClearanceDeclaration",
        "withdrawn_by",
        Erase.RETAIN,
        "As above (KCSIE).",
        export=False,
    ),
    Relation("visits.Reflection", "host_consent_by", Erase.FORMER_MEMBER, KEPT),
    Relation("visits.JointAction", "created_by", Erase.FORMER_MEMBER, KEPT),
    Relation("visits.JointAction", "updated_by", Erase.FORMER_MEMBER, KEPT),
    Relation("visits.JointActionNote", "author", Erase.FORMER_MEMBER, KEPT),
    # What the visitor took away from a visit, held through the visit.
    Relation("visits.Reflection", "visit__visitor", Erase.FORMER_MEMBER, KEPT),
]
