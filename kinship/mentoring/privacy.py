from kinship.privacy.registry import Erase, Relation

KEPT = "Part of a programme's or pair's record; readable only by those who could read it before."

RELATIONS = [
    Relation("mentoring.Programme", "created_by", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.Participant", "user", Erase.FORMER_MEMBER, KEPT),
    # The nominee's place (their availability, their school) is theirs, not the nominator's.
    Relation("mentoring.Participant", "nominated_by", Erase.FORMER_MEMBER, KEPT, export=False),
    Relation(
        "mentoring.Conflict", "other", Erase.DELETE,
        "Another participant's confidential declaration: never exported to the person named; "
        "deleted on erasure as the match it prevents can no longer happen.",
        export=False,
    ),
    Relation("mentoring.MatchingRun", "requested_by", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.Pair", "declined_by", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.PairMeeting", "created_by", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.PairAction", "owner", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.PairAction", "created_by", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.GoalNote", "author", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.Resource", "shared_by", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.Reflection", "author", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.CohortMeeting", "notes_by", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.CohortTopic", "proposer", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.CohortVote", "user", Erase.DELETE, "Votes on cohort topics are deleted."),
    Relation(
        "mentoring.CoachingFeed", "user", Erase.DELETE,
        "The private coaching calendar feed is deleted, so it stops.", exclude=("token",),
    ),
    # Held through the person's place in a programme, not a field of their own.
    Relation(
        "mentoring.JournalEntry", "participant__user", Erase.DELETE,
        "The head's private journal, which nobody else reads, is deleted.",
    ),
    Relation(
        "mentoring.Conflict", "participant__user", Erase.DELETE,
        "The person's own declared conflicts of interest are deleted.",
    ),
    Relation(
        "mentoring.Feedback", "participant__user", Erase.FORMER_MEMBER,
        "Feedback to the programme, shown in reports without names.",
    ),
    Relation("mentoring.Question", "pair__mentee__user", Erase.FORMER_MEMBER, KEPT),
    Relation("mentoring.Goal", "pair__mentee__user", Erase.FORMER_MEMBER, KEPT),
]  # fmt: skip
