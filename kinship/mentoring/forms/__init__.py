"""Forms for programmes, profiles, matching review, the pair space and the cohort. They
check the shape of what was typed; the services enforce the rules.

A package so no module passes the house limit: programmes (a programme, profiles,
nominations, conflicts, matching review), pairs (the pair space) and cohort; the date and
time inputs they share are in dates. Callers import from here.
"""

from kinship.mentoring.forms.cohort import (
    CohortMeetingForm,
    CohortNotesForm,
    TopicForm,
    VoteForm,
)
from kinship.mentoring.forms.pairs import (
    RESOURCE_FILES,
    AnswerForm,
    DoneForm,
    FeedbackForm,
    GoalForm,
    GoalProgressForm,
    JournalForm,
    MeetingForm,
    MeetingNotesForm,
    MoveForm,
    PairActionForm,
    QuestionForm,
    ReflectionForm,
    ResourceForm,
)
from kinship.mentoring.forms.programmes import (
    ConflictForm,
    DeclineForm,
    NominateForm,
    ProfileForm,
    ProgrammeForm,
    ProposeForm,
    SwapForm,
)

__all__ = [
    "RESOURCE_FILES",
    "AnswerForm",
    "CohortMeetingForm",
    "CohortNotesForm",
    "ConflictForm",
    "DeclineForm",
    "DoneForm",
    "FeedbackForm",
    "GoalForm",
    "GoalProgressForm",
    "JournalForm",
    "MeetingForm",
    "MeetingNotesForm",
    "MoveForm",
    "NominateForm",
    "PairActionForm",
    "ProfileForm",
    "ProgrammeForm",
    "ProposeForm",
    "QuestionForm",
    "ReflectionForm",
    "ResourceForm",
    "SwapForm",
    "TopicForm",
    "VoteForm",
]
