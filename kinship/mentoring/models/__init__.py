"""Coaching programmes, their participants and matching, the pair space and the cohort.

Everything in pair_space is read by the pair's head and coach alone, and a
journal entry by its head alone: not by coordinators, not by platform admins, not in the
Django admin. Programme reports count these rows; they never show them.

A package so no module passes the house limit: programmes (programmes to pairs),
pair_space and cohort. Every model is imported here, so Django and callers find them.
"""

from kinship.mentoring.models.cohort import (
    CoachingFeed,
    CohortMeeting,
    CohortTopic,
    CohortVote,
    new_feed_token,
)
from kinship.mentoring.models.pair_space import (
    Feedback,
    Goal,
    GoalNote,
    JournalEntry,
    MeetingPlace,
    PairAction,
    PairMeeting,
    Question,
    Reflection,
    Resource,
    private_files,
)
from kinship.mentoring.models.programmes import (
    Conflict,
    MatchingRun,
    Pair,
    Participant,
    Programme,
    Rhythm,
)

__all__ = [
    "CoachingFeed",
    "CohortMeeting",
    "CohortTopic",
    "CohortVote",
    "Conflict",
    "Feedback",
    "Goal",
    "GoalNote",
    "JournalEntry",
    "MatchingRun",
    "MeetingPlace",
    "Pair",
    "PairAction",
    "PairMeeting",
    "Participant",
    "Programme",
    "Question",
    "Reflection",
    "Resource",
    "Rhythm",
    "new_feed_token",
    "private_files",
]
