"""Operations that change boards, threads and posts, pupils and safeguarding. Each is one
transaction. A package: posting (boards, threads, replies, mentions), moderation (approvals,
reports), safeguarding (the DSL's record, escalation) and people (safeguarding leads, pupil
accounts)."""

from kinship.forums.services.moderation import (
    flag_dismiss,
    post_approve,
    post_decline,
    post_flag,
    post_hide,
    thread_set_state,
)
from kinship.forums.services.people import (
    pupil_class_create,
    pupil_create,
    pupil_name_set,
    pupil_secret_reset,
    safeguarding_lead_add,
    safeguarding_lead_remove,
)
from kinship.forums.services.posting import (
    POST_EDIT_FIELDS,
    board_subscribe,
    board_unsubscribe,
    circle_board_ensure,
    family_board_create,
    post_edit,
    post_reply,
    pupil_board_create,
    thread_create,
)
from kinship.forums.services.safeguarding import (
    alert_close,
    alerts_escalate,
    safeguarding_action_record,
)
from kinship.forums.services.signin import (
    pupil_sign_in_failure_record,
    pupil_sign_in_success,
    pupil_sign_in_unlock,
)

__all__ = [
    "POST_EDIT_FIELDS",
    "alert_close",
    "alerts_escalate",
    "board_subscribe",
    "board_unsubscribe",
    "circle_board_ensure",
    "family_board_create",
    "flag_dismiss",
    "post_approve",
    "post_decline",
    "post_edit",
    "post_flag",
    "post_hide",
    "post_reply",
    "pupil_board_create",
    "pupil_class_create",
    "pupil_create",
    "pupil_name_set",
    "pupil_secret_reset",
    "pupil_sign_in_failure_record",
    "pupil_sign_in_success",
    "pupil_sign_in_unlock",
    "safeguarding_action_record",
    "safeguarding_lead_add",
    "safeguarding_lead_remove",
    "thread_create",
    "thread_set_state",
]
