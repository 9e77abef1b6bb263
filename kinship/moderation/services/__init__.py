"""Operations that change moderation rounds, one module per part: rounds and their people,
scripts, judging, and the meeting's outcomes. Each is one transaction; reading and changing
pupil work is written to the audit log (codes only, never a pupil's work or a note)."""

from kinship.moderation.services.judging import (
    comparison_decide,
    comparisons_schedule,
    comparisons_schedule_boundary,
    grade_record,
)
from kinship.moderation.services.outcomes import OUTCOME_FIELDS, outcome_record
from kinship.moderation.services.rounds import (
    ROUND_EDIT_FIELDS,
    RoundFields,
    round_create,
    round_person_add,
    round_person_remove,
    round_school_sample_set,
    round_status_set,
    round_update,
)
from kinship.moderation.services.scripts import (
    IMAGE_VIEW_WINDOW,
    MAX_PAGES,
    page_image_viewed,
    pupil_work_viewed,
    script_delete,
    script_upload,
)

__all__ = [
    "IMAGE_VIEW_WINDOW",
    "MAX_PAGES",
    "OUTCOME_FIELDS",
    "ROUND_EDIT_FIELDS",
    "RoundFields",
    "comparison_decide",
    "comparisons_schedule",
    "comparisons_schedule_boundary",
    "grade_record",
    "outcome_record",
    "page_image_viewed",
    "pupil_work_viewed",
    "round_create",
    "round_person_add",
    "round_person_remove",
    "round_school_sample_set",
    "round_status_set",
    "round_update",
    "script_delete",
    "script_upload",
]
