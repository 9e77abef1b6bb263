"""Read-only queries for programmes, pairs, the cohort and reports.

Reports and the coordinator's pages read counts and dates of the pair spaces, never their
text: the report's rows are built from aggregates only.

A package so no module passes the house limit: programmes (programmes, places and
pairs), matcher (the matcher's problem), pairs (the pair space), reports and cohort
(the cohort and the calendars). Callers import from here.
"""

from kinship.mentoring.selectors.cohort import (
    CohortMember,
    coaching_meetings_of,
    cohort_meetings_for,
    cohort_meetings_of,
    cohort_members,
    cohort_topics,
    next_meeting_dates,
)
from kinship.mentoring.selectors.matcher import (
    MatchingInput,
    matching_input,
    school_context,
)
from kinship.mentoring.selectors.pairs import (
    PairSpace,
    meeting_agenda,
    pair_members,
    pair_profiles,
    pair_space,
)
from kinship.mentoring.selectors.programmes import (
    ACTIVE,
    LIVE,
    circles_to_adopt,
    declined_pairs,
    families_coordinated_by,
    latest_run,
    pair_for_mentee,
    pairs_for_review,
    pairs_of,
    participants_of,
    place_in,
    places_of,
    programmes_coordinated_by,
    programmes_open_to,
    school_choices_for,
)
from kinship.mentoring.selectors.reports import (
    MIN_FEEDBACK_FOR_COMMENTS,
    FeedbackSummary,
    PairReport,
    ProgrammeReport,
    feedback_summaries,
    programme_report,
)

__all__ = [
    "ACTIVE",
    "LIVE",
    "MIN_FEEDBACK_FOR_COMMENTS",
    "CohortMember",
    "FeedbackSummary",
    "MatchingInput",
    "PairReport",
    "PairSpace",
    "ProgrammeReport",
    "circles_to_adopt",
    "coaching_meetings_of",
    "cohort_meetings_for",
    "cohort_meetings_of",
    "cohort_members",
    "cohort_topics",
    "declined_pairs",
    "families_coordinated_by",
    "feedback_summaries",
    "latest_run",
    "matching_input",
    "meeting_agenda",
    "next_meeting_dates",
    "pair_for_mentee",
    "pair_members",
    "pair_profiles",
    "pair_space",
    "pairs_for_review",
    "pairs_of",
    "participants_of",
    "place_in",
    "places_of",
    "programme_report",
    "programmes_coordinated_by",
    "programmes_open_to",
    "school_choices_for",
    "school_context",
]
