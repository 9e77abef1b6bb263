"""Permission matrix rows for the forums.

The world (made once per test): Kaizen's staff board with a thread by the teacher (with a
PDF from the library attached) and a report on it by the head; the open circle's board; a
pupil board for Alder and Birch with the Alder pupil's post waiting for approval and a held
post whose alert goes to Alder's DSL (the head); Birch's pupil group, made by the teacher.

Readers of the staff board: Kaizen's staff and coordinator. Its moderator: the coordinator.
A pupil post waits for Alder's staff (the head); Birch's teacher does not even see it.
The safeguarding queue and alerts are for the school's DSLs (the head here) alone: not its
teachers, a coordinator, the platform admin, a partner, a pupil, nor another school's DSL.
"""

from dataclasses import dataclass
from typing import Any

from kinship.conftest import Personas
from kinship.forums.models import (
    Board,
    Flag,
    Post,
    PupilClass,
    SafeguardingLead,
    SafetyAlert,
    SignInWith,
    Thread,
)
from kinship.forums.services import (
    family_board_create,
    post_flag,
    pupil_board_create,
    pupil_class_create,
    pupil_create,
    safeguarding_action_record,
    safeguarding_lead_add,
    thread_create,
)
from kinship.notifications.models import Notification
from kinship.notifications.tokens import unsubscribe_token
from kinship.tests.matrix import FAMILY_HIDDEN, LOGIN, NOT_FOR_PUPILS, OK, Case, Expect, expect
from kinship.tests.matrix_library import resource

# Rows for pages pupils may open (kinship.forums.middleware.PUPIL_PAGES) say so; on every
# other page a pupil is refused before the page looks anything up.
NOBODY_ELSE: dict[str, Expect] = dict(
    anonymous=LOGIN,
    admin=404,
    coordinator=404,
    head=404,
    teacher=404,
    outsider=404,
    partner=404,
    pupil=404,
)
READERS: dict[str, Expect] = dict(
    anonymous=LOGIN,
    head=OK,
    teacher=OK,
    coordinator=OK,
    admin=404,
    outsider=404,
    partner=404,
    pupil=404,
)
STAFF_READERS: dict[str, Expect] = dict(READERS, pupil=NOT_FOR_PUPILS)
MODERATOR: dict[str, Expect] = dict(STAFF_READERS, head=403, teacher=403)
STAFF: dict[str, Expect] = dict(partner=403, pupil=NOT_FOR_PUPILS)
SCHOOL_STAFF_ONLY: dict[str, Expect] = dict(NOBODY_ELSE, pupil=NOT_FOR_PUPILS)
ALDER_LEAD: dict[str, Expect] = dict(
    admin=403, coordinator=403, teacher=403, outsider=403, partner=403, pupil=NOT_FOR_PUPILS
)


@dataclass
class World:
    board: Board
    thread: Thread
    post: Post
    flag: Flag
    pupil_post: Post
    alert: SafetyAlert
    group: PupilClass
    lead: SafeguardingLead


def world(p: Personas) -> World:
    cached = p.__dict__.get("_forum_world")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    board = family_board_create(actor=p.coordinator, family=p.family, title="Kaizen staffroom")
    thread = thread_create(
        actor=p.teacher,
        board=board,
        title="Moderation dates",
        body="Thursday?",
        attachments=[resource(p, with_file=True)],
    )
    post = thread.posts.get()
    flag = post_flag(actor=p.head, post=post, reason="Wrong date")
    pupil_board = pupil_board_create(
        actor=p.head,
        family=p.family,
        title="Playtimes",
        topic="Better playtimes",
        schools=[p.school, p.second_school],
    )
    lead = safeguarding_lead_add(actor=p.head, school=p.school, user=p.head)
    pupil_thread = thread_create(
        actor=p.pupil, board=pupil_board, title="Bench", body="A buddy bench"
    )
    held = thread_create(actor=p.pupil, board=pupil_board, title="Hi", body="text me 07700900123")
    group = pupil_class_create(actor=p.teacher, school=p.second_school, name="Council")
    pupil_create(
        actor=p.teacher,
        pupil_class=group,
        first_name="Leo",
        initial="B",
        login_name="leo",
        sign_in_with=SignInWith.PASSWORD,
        password="tiger",
    )
    made = World(
        board, thread, post, flag, pupil_thread.posts.get(), held.posts.get().alert, group, lead
    )
    p.__dict__["_forum_world"] = made
    return made


def _other_school_dsl(p: Personas) -> None:
    """Fellside's head becomes the DSL of their own school: still nothing of Alder's."""
    world(p)
    safeguarding_lead_add(actor=p.outsider, school=p.other_school, user=p.outsider)


def _alert_acted_on(p: Personas) -> None:
    safeguarding_action_record(
        actor=p.head, alert=world(p).alert, kind="no_concern", note="A friend's number."
    )


DSL_ONLY: dict[str, Expect] = expect(403, head=OK)


def _head_notification(p: Personas) -> list[Any]:
    world(p)
    return [Notification.objects.filter(recipient=p.head).first().pk]  # type: ignore[union-attr]


FORUMS_CASES: list[Case] = [
    Case("forums:home", expect(OK, partner=403, pupil=OK)),
    Case(
        "forums:family_board_create",
        expect(403, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    Case(
        "forums:pupil_board_create",
        expect(403, head=OK, teacher=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    Case(
        "forums:circle_board",
        expect(404, head=OK, teacher=OK),
        args=lambda p: [p.confidential_circle.pk],
        label="confidential",
    ),
    Case(
        "forums:circle_board", dict(STAFF_READERS), args=lambda p: [p.open_circle.pk], label="open"
    ),
    Case("forums:board_detail", dict(READERS), args=lambda p: [world(p).board.pk]),
    Case(
        "forums:board_subscribe",
        dict(STAFF_READERS),
        args=lambda p: [world(p).board.pk],
        method="post",
        data=lambda p: {"frequency": "weekly"},
    ),
    Case("forums:thread_create", dict(READERS), args=lambda p: [world(p).board.pk]),
    Case("forums:thread_detail", dict(READERS), args=lambda p: [world(p).thread.pk]),
    Case(
        "forums:thread_detail",
        expect(404, head=OK, pupil=OK),
        args=lambda p: [world(p).pupil_post.thread_id],
        label="pupil post waiting",
    ),
    Case(
        "forums:reply",
        dict(READERS),
        args=lambda p: [world(p).thread.pk],
        method="post",
        data=lambda p: {"body": "Thursday works"},
    ),
    Case(
        "forums:thread_state",
        dict(MODERATOR),
        args=lambda p: [world(p).thread.pk],
        method="post",
        data=lambda p: {"what": "pin", "pinned": "on"},
    ),
    Case(
        "forums:post_edit",
        dict(STAFF_READERS, head=403, coordinator=403),
        args=lambda p: [world(p).post.pk],
    ),
    Case("forums:post_detail", dict(READERS), args=lambda p: [world(p).post.pk]),
    Case("forums:post_history", dict(READERS), args=lambda p: [world(p).post.pk]),
    Case(
        "forums:attachment",
        dict(READERS),
        args=lambda p: [world(p).post.pk, resource(p, with_file=True).pk],
    ),
    Case(
        "forums:post_flag",
        dict(READERS, teacher=403),
        args=lambda p: [world(p).post.pk],
        method="post",
        data=lambda p: {"reason": "Off topic"},
    ),
    Case(
        "forums:post_hide",
        dict(MODERATOR),
        args=lambda p: [world(p).post.pk],
        method="post",
        data=lambda p: {"reason": "Breaks the code"},
    ),
    Case(
        "forums:post_approve",
        expect(404, head=OK),
        args=lambda p: [world(p).pupil_post.pk],
        method="post",
    ),
    Case(
        "forums:post_decline",
        expect(404, head=OK),
        args=lambda p: [world(p).pupil_post.pk],
        method="post",
        data=lambda p: {"reason": "Off topic"},
    ),
    Case("forums:review_queue", expect(OK, **STAFF)),
    Case("forums:flag_dismiss", dict(MODERATOR), args=lambda p: [world(p).flag.pk], method="post"),
    Case("forums:safeguarding_queue", dict(DSL_ONLY), setup=world),
    Case(
        "forums:safeguarding_queue",
        dict(DSL_ONLY, outsider=OK),
        setup=_other_school_dsl,
        label="another school's DSL",
    ),
    Case(
        "forums:alert_detail", dict(SCHOOL_STAFF_ONLY, head=OK), args=lambda p: [world(p).alert.pk]
    ),
    Case(
        "forums:alert_detail",
        dict(SCHOOL_STAFF_ONLY, head=OK),
        args=lambda p: [world(p).alert.pk],
        setup=_other_school_dsl,
        label="another school's DSL",
    ),
    Case(
        "forums:alert_detail",
        dict(SCHOOL_STAFF_ONLY, head=OK),
        args=lambda p: [world(p).alert.pk],
        method="post",
        data=lambda p: {"kind": "spoke_to_pupil", "note": "Spoke to them at break."},
        label="record an action",
    ),
    Case(
        "forums:alert_close",
        dict(SCHOOL_STAFF_ONLY, head=OK),
        args=lambda p: [world(p).alert.pk],
        method="post",
        data=lambda p: {"outcome": "kept_hidden"},
        setup=_alert_acted_on,
    ),
    Case("forums:school_pupil_posts", expect(OK, **ALDER_LEAD), args=lambda p: [p.school.urn]),
    Case("forums:safeguarding_leads", expect(OK, **ALDER_LEAD), args=lambda p: [p.school.urn]),
    Case(
        "forums:safeguarding_lead_remove",
        expect(OK, **ALDER_LEAD),
        method="post",
        args=lambda p: [p.school.urn, world(p).lead.pk],
    ),
    Case("forums:pupil_classes", expect(OK, **ALDER_LEAD), args=lambda p: [p.school.urn]),
    Case(
        "forums:pupil_class",
        dict(SCHOOL_STAFF_ONLY, teacher=OK),
        args=lambda p: [world(p).group.pk],
    ),
    Case(
        "forums:pupil_reset",
        dict(SCHOOL_STAFF_ONLY, teacher=OK),
        method="post",
        args=lambda p: [world(p).group.pk, world(p).group.pupils.get().user_id],
        data=lambda p: {
            f"pupil-{world(p).group.pupils.get().user_id}-sign_in_with": "password",
            f"pupil-{world(p).group.pupils.get().user_id}-password": "lion",
        },
    ),
    Case("forums:pupil_sign_in", expect(OK, anonymous=OK, pupil=OK)),
    Case("forums:pupil_account", expect(403, pupil=OK)),
    Case(
        "forums:pupil_rename",
        dict(SCHOOL_STAFF_ONLY, teacher=OK),
        method="post",
        args=lambda p: [world(p).group.pk, world(p).group.pupils.get().user_id],
        data=lambda p: {
            f"name-{world(p).group.pupils.get().user_id}-first_name": "Leo",
            f"name-{world(p).group.pupils.get().user_id}-surname_initial": "M",
        },
    ),
    Case(
        "forums:pupil_unlock",
        dict(SCHOOL_STAFF_ONLY, teacher=OK),
        method="post",
        args=lambda p: [world(p).group.pk, world(p).group.pupils.get().user_id],
    ),
    # notifications
    Case("notifications:list", expect(OK, pupil=OK)),
    Case("notifications:open", dict(NOBODY_ELSE, head=OK), args=_head_notification, method="post"),
    Case("notifications:read_all", expect(OK, pupil=OK), method="post"),
    Case("notifications:settings", expect(OK)),
    Case(
        "notifications:unsubscribe",
        expect(OK, anonymous=OK),
        args=lambda p: [unsubscribe_token(p.head)],
    ),
]
