"""After a visit: the visitor's reflection (shared with the host, who is thanked), joint
actions both sides keep up to date, and sharing the reflection with the family library,
which takes both teachers' agreement.

Sharing goes in two steps. Each side agrees (or withdraws) with `reflection_share_consent`;
once both agree, `reflection_library_publish` puts the reflection in the family library, as
one page: publishing it again (after the visitor changed it and the host agreed again) adds a
version to that page. Either side may withdraw at any time, which takes it out of the library.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_or_empty, lock_unchanged
from kinship.core.dates import uk_date
from kinship.core.queue import enqueue_with_change
from kinship.families.models import Family
from kinship.library.models import Audience as LibraryAudience
from kinship.library.models import Licence, Resource
from kinship.library.services import (
    ResourceFields,
    resource_create,
    resource_delete,
    resource_update,
    resource_version_add,
)
from kinship.visits.models import JointAction, JointActionNote, Reflection, Visit
from kinship.visits.rules import is_on_the_host_side, is_the_visitor


def _email(kind: str, visit: Visit) -> None:
    from kinship.visits.tasks import send_visit_email

    enqueue_with_change(send_visit_email, kind, visit.pk)


def _check_has_happened(visit: Visit) -> None:
    if visit.status != Visit.Status.ACCEPTED:
        raise ValidationError("Only a visit that went ahead can be written up.")
    if visit.date > timezone.localdate():
        raise ValidationError(
            "You can write up the visit from the day itself: come back after you have been."
        )


REFLECTION_FIELDS = ("saw", "will_try", "offer_back")


@transaction.atomic
def reflection_save(
    *,
    actor: User,
    visit: Visit,
    saw: str,
    will_try: str,
    offer_back: str = "",
    version: str | None = None,
) -> Reflection:
    """The visitor writes (or changes) their reflection. The first time, the host is thanked
    and shown what was taken away. Changing it after the host agreed to share it asks the
    host again: they agreed to the words as they were. A page already in the library keeps
    the words both agreed until the host agrees to the new ones.

    `version` is the reflection's edit version as the form showed it (none written yet
    counts as empty): a change saved since raises EditConflict."""
    if actor.pk != visit.visitor_id:
        raise PermissionDenied("Only the visitor writes the reflection.")
    lock_or_empty(Reflection, {"visit": visit}, REFLECTION_FIELDS, version)
    _check_has_happened(visit)
    errors = {}
    if not saw.strip():
        errors["saw"] = "Say what you saw."
    if not will_try.strip():
        errors["will_try"] = "Say what you will try."
    if errors:
        raise ValidationError(errors)
    reflection = Reflection.objects.select_for_update().filter(visit=visit).first()
    first_time = reflection is None
    if reflection is None:
        reflection = Reflection(visit=visit)
    changed = (reflection.saw, reflection.will_try, reflection.offer_back) != (
        saw.strip(),
        will_try.strip(),
        offer_back.strip(),
    )
    reflection.saw, reflection.will_try = saw.strip(), will_try.strip()
    reflection.offer_back = offer_back.strip()
    if changed and not first_time:
        reflection.host_consent_at, reflection.host_consent_by = None, None
    reflection.save()
    if first_time:
        _email("thanks", visit)
    return reflection


def _side(actor: User, visit: Visit) -> str:
    if is_the_visitor(actor, visit):
        return "visitor"
    if is_on_the_host_side(actor, visit):
        return "host"
    raise PermissionDenied("Only the visitor and the host decide on sharing.")


@transaction.atomic
def reflection_share_consent(*, actor: User, reflection: Reflection, agree: bool) -> Reflection:
    """One side agrees to share the reflection with the family library, or withdraws. When
    both have agreed, it is published (or its library page brought up to date); when either
    withdraws, a published reflection is taken out of the library."""
    reflection = (
        Reflection.objects.select_for_update().select_related("visit").get(pk=reflection.pk)
    )
    side = _side(actor, reflection.visit)
    moment = timezone.now() if agree else None
    if side == "visitor":
        reflection.visitor_consent_at = moment
    else:
        reflection.host_consent_at = moment
        reflection.host_consent_by = actor if agree else None
    reflection.save()
    audit_log(
        actor=actor,
        action="visits.share_agree" if agree else "visits.share_withdraw",
        target=reflection,
        summary=f"The {side} {'agreed to share' if agree else 'withdrew'} a reflection",
    )
    if reflection.both_agree:
        reflection_library_publish(reflection=reflection)
    elif not agree and reflection.library_published_at is not None:
        reflection_library_withdraw(actor=actor, reflection=reflection)
    return reflection


@dataclass(frozen=True)
class LibraryEntry:
    """What goes into the family library: a resource by both teachers."""

    family: Family
    title: str
    body: str  # Markdown
    authors: tuple[User, ...]
    subject: str
    year_group: str
    visited_on: date


# The visits app's finer subjects and year groups, in the library's words.
LIBRARY_SUBJECT = {
    "early_reading": "english",
    "reading": "english",
    "writing": "english",
    "design_technology": "other",
    "early_years": "other",
    "behaviour": "other",
}
LIBRARY_YEAR = {"reception": "R", **{f"y{n}": str(n) for n in range(1, 12)}}
KEY_STAGE_OF_YEAR = {"R": "eyfs", "1": "ks1", "2": "ks1", **{str(n): "ks2" for n in range(3, 7)}}


def reflection_library_entry(reflection: Reflection) -> LibraryEntry:
    visit = reflection.visit
    offer = visit.offer
    title = f"What {visit.visitor.display_name} took from {visit.host_school.name}"
    if offer is not None:
        title = f"{offer.summary.split(',')[0]} at {visit.host_school.name}: a visit reflection"
    parts = [
        f"**What I saw.** {reflection.saw}",
        f"**What I will try.** {reflection.will_try}",
    ]
    if reflection.offer_back:
        parts.append(f"**What I can offer back.** {reflection.offer_back}")
    authors = [visit.visitor]
    host = visit.host or reflection.host_consent_by
    if host is not None:
        authors.append(host)
    return LibraryEntry(
        family=visit.family,
        title=title[:200],
        body="\n\n".join(parts),
        authors=tuple(authors),
        subject=offer.subject if offer else "",
        year_group=offer.year_group if offer else "",
        visited_on=visit.date,
    )


def _library_page(reflection: Reflection) -> Resource | None:
    """The page publishing put in the library, if it is still there (its author may have
    withdrawn it from the library's own pages)."""
    reference = reflection.library_reference
    if not reference.isdigit():
        return None
    return Resource.objects.filter(pk=int(reference)).select_related("current_version").first()


@transaction.atomic
def reflection_library_publish(*, reflection: Reflection) -> Resource:
    """Publish a reflection both teachers agreed to share into its family's library, as a
    page by the visitor that names the host, shared with the family only (all rights
    reserved: they agreed to share it with the family, not to license it to the world).
    Publishing again updates the same page: a new version when the words changed, nothing
    when they did not."""
    # One publish at a time, each seeing the page the one before made (never a second page).
    locked = Reflection.objects.select_for_update().get(pk=reflection.pk)
    reflection.library_reference = locked.library_reference
    reflection.library_published_at = locked.library_published_at
    if not reflection.both_agree:
        raise ValidationError("Both teachers must agree before a reflection is shared.")
    entry = reflection_library_entry(reflection)
    visit = reflection.visit
    year = LIBRARY_YEAR.get(entry.year_group, "")
    hosts = " and ".join(author.display_name for author in entry.authors[1:])
    credit = f"After a visit to {visit.host_school.name} on {uk_date(entry.visited_on)}"
    credit += f", hosted by {hosts}." if hosts else "."
    body = f"{entry.body}\n\n*{credit}*"
    fields = ResourceFields(
        title=entry.title,
        summary=credit,
        key_stage=KEY_STAGE_OF_YEAR.get(year, "none"),
        year_groups=[year] if year else [],
        subject=LIBRARY_SUBJECT.get(entry.subject, entry.subject or "other"),
        tags=["visit reflection"],
        licence=Licence.ALL_RIGHTS_RESERVED,
        audience=LibraryAudience.FAMILY,
        family=entry.family,
        school=visit.visitor_school,
    )
    resource = _library_page(reflection)
    if resource is None:
        resource = resource_create(actor=visit.visitor, kind="page", body=body, fields=fields)
        reflection.library_published_at = timezone.now()
        reflection.library_reference = str(resource.pk)
        reflection.save(update_fields=["library_published_at", "library_reference"])
        action, summary = "visits.share_publish", "shared with the family library"
    else:
        if (resource.title, resource.summary) != (fields.title, fields.summary):
            resource_update(actor=visit.visitor, resource=resource, fields=fields)
        current = resource.current_version
        if current is not None and current.body == body:
            return resource  # published as it stands already: nothing to do
        resource_version_add(
            actor=visit.visitor,
            resource=resource,
            body=body,
            note="The visitor changed the reflection and both teachers agreed to share it.",
        )
        action, summary = "visits.share_update", "brought up to date in the family library"
    audit_log(
        actor=visit.visitor,
        action=action,
        target=reflection,
        summary=f"A visit reflection was {summary}",
    )
    return resource


@transaction.atomic
def reflection_library_withdraw(*, actor: User, reflection: Reflection) -> None:
    """Take a published reflection out of the family library: one side no longer agrees."""
    resource = _library_page(reflection)
    if resource is not None:
        # The page is the visitor's in the library, whichever side withdraws.
        resource_delete(actor=reflection.visit.visitor, resource=resource)
    reflection.library_published_at, reflection.library_reference = None, ""
    reflection.save(update_fields=["library_published_at", "library_reference"])
    audit_log(
        actor=actor,
        action="visits.share_unpublish",
        target=reflection,
        summary="A visit reflection was taken out of the family library",
    )


# Joint actions


@transaction.atomic
def joint_action_add(
    *, actor: User, visit: Visit, text: str, due: date | None = None
) -> JointAction:
    """Something the visitor and the host will do together; either may add one."""
    _side(actor, visit)
    if visit.status != Visit.Status.ACCEPTED:
        raise ValidationError("Only a visit that is going ahead can have joint actions.")
    if not text.strip():
        raise ValidationError({"text": "Say what you will do together."})
    if due is not None and due < visit.date:
        raise ValidationError({"due": "A joint action cannot be due before the visit."})
    return JointAction.objects.create(
        visit=visit, text=text.strip()[:300], due=due, created_by=actor, updated_by=actor
    )


# What the joint action's update form shows, and so what its version covers.
JOINT_ACTION_UPDATE_FIELDS = ("status", "latest_note")


@transaction.atomic
def joint_action_update(
    *, actor: User, action: JointAction, status: str, note: str = "", version: str | None = None
) -> JointAction:
    """Either side moves the action on and says how it is going. `version` is what the
    update form showed (JOINT_ACTION_UPDATE_FIELDS): a stale one raises EditConflict."""
    _side(actor, action.visit)
    action = lock_unchanged(action, JOINT_ACTION_UPDATE_FIELDS, version)
    if status not in JointAction.Status.values:
        raise ValidationError({"status": "Choose how the action stands."})
    if status == action.status and not note.strip():
        raise ValidationError({"note": "Say how it is going, or change where it stands."})
    action.status, action.updated_by = status, actor
    action.save(update_fields=["status", "updated_by", "updated_at"])
    JointActionNote.objects.create(action=action, author=actor, text=note.strip(), status=status)
    return action
