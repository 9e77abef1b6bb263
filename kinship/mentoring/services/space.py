"""The pair space: questions, actions, goals, resources and reflections, kept by the head
and the coach; the head's private journal; feedback to the programme. Meetings are in
meetings.py.

Nothing here writes pair-space text to the audit log or to an email.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.concurrency import lock_or_empty, lock_unchanged
from kinship.core.uploads import CheckedUpload
from kinship.mentoring.models import (
    Feedback,
    Goal,
    GoalNote,
    JournalEntry,
    Pair,
    PairAction,
    PairMeeting,
    Participant,
    Question,
    Reflection,
    Resource,
)

# What each edit form changes, and so what its version covers (kinship.core.concurrency).
GOAL_EDIT_FIELDS = ("title", "detail")
GOAL_PROGRESS_FIELDS = ("status", "latest_note")
ACTION_EDIT_FIELDS = ("text", "owner", "due")
QUESTION_EDIT_FIELDS = ("text", "tags")
QUESTION_ANSWER_FIELDS = ("answer", "answered_in", "answered_at")
REFLECTION_FIELDS = ("text",)
JOURNAL_EDIT_FIELDS = ("title", "body")


def _members(pair: Pair) -> tuple[int, int]:
    return pair.mentee.user_id, pair.coach.user_id


def _check_live(pair: Pair) -> None:
    if pair.status != Pair.Status.PUBLISHED:
        raise ValidationError("This pair has ended: its space can be read, not added to.")


def _tags(text: str) -> str:
    tags = [" ".join(tag.split()) for tag in text.split(",")]
    return ", ".join(dict.fromkeys(tag for tag in tags if tag))[:200]


@transaction.atomic
def question_add(*, actor: User, pair: Pair, text: str, tags: str = "") -> Question:
    """A question for the next visit, at the bottom of the list."""
    _check_live(pair)
    if not text.strip():
        raise ValidationError({"text": "Write the question."})
    last = pair.questions.aggregate(last=Max("position"))["last"] or 0
    return Question.objects.create(
        pair=pair, text=text.strip(), tags=_tags(tags), position=last + 1
    )


@transaction.atomic
def question_update(
    *, actor: User, question: Question, text: str, tags: str, version: str | None = None
) -> Question:
    """Reword a question; `version` is what the edit form showed (QUESTION_EDIT_FIELDS):
    a stale one raises EditConflict."""
    question = lock_unchanged(question, QUESTION_EDIT_FIELDS, version)
    _check_live(question.pair)
    if not text.strip():
        raise ValidationError({"text": "Write the question."})
    question.text, question.tags = text.strip(), _tags(tags)
    question.save(update_fields=["text", "tags"])
    return question


@transaction.atomic
def question_move(*, actor: User, question: Question, direction: str) -> Question:
    """Move an open question one place up or down the list."""
    _check_live(question.pair)
    open_questions = list(question.pair.questions.filter(answered_at__isnull=True))
    index = next(i for i, q in enumerate(open_questions) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(open_questions):
        return question
    open_questions[index], open_questions[other] = open_questions[other], open_questions[index]
    for position, item in enumerate(open_questions, start=1):
        item.position = position
    Question.objects.bulk_update(open_questions, ["position"])
    return question


@transaction.atomic
def question_answer(
    *,
    actor: User,
    question: Question,
    answer: str,
    meeting: PairMeeting | None = None,
    version: str | None = None,
) -> Question:
    """Tick a question off, with the answer noted (at a meeting, or between meetings).
    `version` is what the answer form showed (QUESTION_ANSWER_FIELDS): a stale one, such as
    a question the other person ticked off meanwhile, raises EditConflict."""
    question = lock_unchanged(question, QUESTION_ANSWER_FIELDS, version)
    _check_live(question.pair)
    if meeting is not None and meeting.pair_id != question.pair_id:
        raise ValidationError("That meeting belongs to another pair.")
    question.answer = answer.strip()
    question.answered_at = timezone.now()
    question.answered_in = meeting
    question.save(update_fields=["answer", "answered_at", "answered_in"])
    return question


@transaction.atomic
def question_reopen(*, actor: User, question: Question) -> Question:
    _check_live(question.pair)
    question.answered_at, question.answered_in = None, None
    question.save(update_fields=["answered_at", "answered_in"])
    return question


@transaction.atomic
def question_delete(*, actor: User, question: Question) -> None:
    _check_live(question.pair)
    question.delete()


@transaction.atomic
def action_add(
    *,
    actor: User,
    pair: Pair,
    text: str,
    owner: User,
    due: date | None = None,
    meeting: PairMeeting | None = None,
) -> PairAction:
    _check_live(pair)
    _check_action(pair, text, owner)
    if meeting is not None and meeting.pair_id != pair.pk:
        raise ValidationError("That meeting belongs to another pair.")
    return PairAction.objects.create(
        pair=pair, meeting=meeting, text=text.strip(), owner=owner, due=due, created_by=actor
    )


def _check_action(pair: Pair, text: str, owner: User) -> None:
    if not text.strip():
        raise ValidationError({"text": "Say what is to be done."})
    if owner.pk not in _members(pair):
        raise ValidationError({"owner": "An action belongs to the head or the coach."})


@transaction.atomic
def action_update(
    *,
    actor: User,
    action: PairAction,
    text: str,
    owner: User,
    due: date | None = None,
    version: str | None = None,
) -> PairAction:
    """Correct an action: what is to be done, by whom, by when. Its meeting stays.
    `version` is what the edit form showed (ACTION_EDIT_FIELDS): a stale one raises
    EditConflict."""
    action = lock_unchanged(action, ACTION_EDIT_FIELDS, version)
    _check_live(action.pair)
    _check_action(action.pair, text, owner)
    action.text, action.owner, action.due = text.strip(), owner, due
    action.save(update_fields=["text", "owner", "due"])
    return action


@transaction.atomic
def action_delete(*, actor: User, action: PairAction) -> None:
    _check_live(action.pair)
    action.delete()


@transaction.atomic
def action_set_done(*, actor: User, action: PairAction, done: bool) -> PairAction:
    _check_live(action.pair)
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done_at"])
    return action


@transaction.atomic
def goal_add(*, actor: User, pair: Pair, title: str, detail: str = "") -> Goal:
    _check_live(pair)
    if not title.strip():
        raise ValidationError({"title": "Name the goal."})
    return Goal.objects.create(pair=pair, title=title.strip(), detail=detail.strip())


@transaction.atomic
def goal_update(
    *, actor: User, goal: Goal, title: str, detail: str = "", version: str | None = None
) -> Goal:
    """Reword a goal; its progress notes and where it stands stay. `version` is what the
    edit form showed (GOAL_EDIT_FIELDS): a stale one raises EditConflict."""
    goal = lock_unchanged(goal, GOAL_EDIT_FIELDS, version)
    _check_live(goal.pair)
    if not title.strip():
        raise ValidationError({"title": "Name the goal."})
    goal.title, goal.detail = title.strip(), detail.strip()
    goal.save(update_fields=["title", "detail"])
    return goal


@transaction.atomic
def goal_delete(*, actor: User, goal: Goal) -> None:
    """Remove a goal and its progress notes (one set aside keeps them: see goal_progress)."""
    _check_live(goal.pair)
    goal.delete()


@transaction.atomic
def goal_progress(
    *, actor: User, goal: Goal, text: str, status: str, version: str | None = None
) -> Goal:
    """A progress note on a goal, and where it stands now. `version` is what the progress
    form showed (GOAL_PROGRESS_FIELDS): a stale one raises EditConflict."""
    goal = lock_unchanged(goal, GOAL_PROGRESS_FIELDS, version)
    _check_live(goal.pair)
    if status not in Goal.Status.values:
        raise ValidationError({"status": "Choose where the goal stands."})
    if text.strip():
        GoalNote.objects.create(goal=goal, author=actor, text=text.strip())
    elif status == goal.status:
        raise ValidationError({"text": "Write a progress note, or change where it stands."})
    goal.status = status
    goal.save(update_fields=["status"])
    return goal


@transaction.atomic
def resource_share(
    *,
    actor: User,
    pair: Pair,
    title: str,
    url: str = "",
    note: str = "",
    file: CheckedUpload | None = None,
) -> Resource:
    """The coach hands over a link or a file; `file` has passed the shared upload checker
    and is stored cleaned, where only the pair can download it."""
    _check_live(pair)
    if actor.pk != pair.coach.user_id:
        raise PermissionDenied("The coach shares resources here.")
    if not title.strip():
        raise ValidationError({"title": "Give the resource a title."})
    if not url and not note.strip() and file is None:
        raise ValidationError({"url": "Give a link or a file, or say what it is in a note."})
    resource = Resource(pair=pair, shared_by=actor, title=title.strip(), url=url, note=note.strip())
    if file is not None:
        resource.file = ContentFile(file.content, name=file.filename)
        resource.file_name = file.original_name[:200]
        resource.content_type = file.content_type
    resource.save()
    return resource


@transaction.atomic
def resource_remove(*, actor: User, resource: Resource) -> None:
    """The coach takes back something they shared; its stored file goes once this commits."""
    _check_live(resource.pair)
    if actor.pk != resource.pair.coach.user_id:
        raise PermissionDenied("The coach shares resources here.")
    stored = resource.file
    resource.delete()
    if stored:
        transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def reflection_save(
    *, actor: User, pair: Pair, text: str, version: str | None = None
) -> Reflection:
    """The member's end-of-year reflection, read by the pair alone. `version` is what the
    form showed (REFLECTION_FIELDS; no reflection yet compares as an empty one): a stale one,
    from another tab of the same member, raises EditConflict."""
    if actor.pk not in _members(pair):
        raise PermissionDenied("Only the head and the coach write reflections here.")
    lock_or_empty(Reflection, {"pair": pair, "author": actor}, REFLECTION_FIELDS, version)
    if not text.strip():
        raise ValidationError({"text": "Write your reflection."})
    reflection, _ = Reflection.objects.update_or_create(
        pair=pair, author=actor, defaults={"text": text.strip()}
    )
    return reflection


@transaction.atomic
def journal_add(*, actor: User, participant: Participant, title: str, body: str) -> JournalEntry:
    """An entry in the head's private journal: nobody else can read it."""
    if participant.user_id != actor.pk or participant.role != Participant.Role.MENTEE:
        raise PermissionDenied("A journal is its head's alone.")
    if not body.strip():
        raise ValidationError({"body": "Write something first."})
    return JournalEntry.objects.create(
        participant=participant, title=title.strip(), body=body.strip()
    )


@transaction.atomic
def journal_update(
    *, actor: User, entry: JournalEntry, title: str, body: str, version: str | None = None
) -> JournalEntry:
    """Correct a journal entry; `version` is what the form showed (JOURNAL_EDIT_FIELDS):
    a stale one, from another of the head's tabs, raises EditConflict."""
    if entry.participant.user_id != actor.pk:  # before the lock: nobody else sees the text
        raise PermissionDenied("A journal is its head's alone.")
    entry = lock_unchanged(entry, JOURNAL_EDIT_FIELDS, version)
    if not body.strip():
        raise ValidationError({"body": "Write something first."})
    entry.title, entry.body = title.strip(), body.strip()
    entry.save(update_fields=["title", "body"])
    return entry


@transaction.atomic
def journal_delete(*, actor: User, entry: JournalEntry) -> None:
    if entry.participant.user_id != actor.pk:
        raise PermissionDenied("A journal is its head's alone.")
    entry.delete()


@transaction.atomic
def feedback_save(*, actor: User, participant: Participant, rating: int, comment: str) -> Feedback:
    """Feedback to the programme: reports show it in summary, without names."""
    if participant.user_id != actor.pk or participant.status != Participant.Status.ACCEPTED:
        raise PermissionDenied("Only people taking part give feedback.")
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": "Choose from 1 to 5."})
    feedback, _ = Feedback.objects.update_or_create(
        participant=participant, defaults={"rating": rating, "comment": comment.strip()}
    )
    return feedback
