"""Safeguarding leads, pupil groups and pupil accounts."""

import re
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinship.accounts.models import AccountType, User
from kinship.core.audit import audit_log
from kinship.forums import safety
from kinship.forums.models import (
    PupilClass,
    PupilProfile,
    SafeguardingLead,
    SignInWith,
)
from kinship.forums.pupils import (
    FIRST_NAME_SHAPE,
    INITIAL_SHAPE,
    PICTURE_NAMES,
    PICTURES_NEEDED,
    picture_secret,
    pupil_email,
    shown_name,
)
from kinship.membership import visibility
from kinship.schools.models import School, SchoolRole
from kinship.schools.services import school_role_grant

# Safeguarding leads and pupil accounts


@transaction.atomic
def safeguarding_lead_add(
    *, actor: User, school: School, user: User, role: str = SafeguardingLead.Role.DESIGNATED
) -> SafeguardingLead:
    """Name a member of staff as the school's designated safeguarding lead or a deputy;
    naming someone already named changes their role."""
    if role not in SafeguardingLead.Role.values:
        raise ValidationError({"role": _("Choose designated lead or deputy.")})
    if not actor.has_perm("forums.name_safeguarding_leads", school):
        raise PermissionDenied(_("The school's lead names its safeguarding leads."))
    if not visibility.works_at_school(user, school):
        raise ValidationError(
            _("%(name)s does not work at %(school)s.") % {"name": user, "school": school.name}
        )
    lead, created = SafeguardingLead.objects.get_or_create(
        school=school, user=user, defaults={"designated_by": actor, "role": role}
    )
    if created or lead.role != role:
        lead.role = role
        lead.save(update_fields=["role"])
        audit_log(
            actor=actor,
            action="forums.dsl_add",
            target=lead,
            summary=f"{user.email} named {lead.get_role_display().lower()} of {school.name}",
        )
    return lead


@transaction.atomic
def safeguarding_lead_remove(*, actor: User, lead: SafeguardingLead) -> None:
    if not actor.has_perm("forums.name_safeguarding_leads", lead.school):
        raise PermissionDenied(_("The school's lead names its safeguarding leads."))
    audit_log(
        actor=actor,
        action="forums.dsl_remove",
        target=lead,
        summary=f"{lead.user.email} no longer safeguarding lead of {lead.school.name}",
    )
    lead.delete()


@transaction.atomic
def pupil_class_create(
    *, actor: User, school: School, name: str, code: str | None = None
) -> PupilClass:
    """A group of pupil accounts with its class code (random unless `code` is given, as the
    demo does so its logins can be printed)."""
    if not actor.has_perm("forums.manage_pupils", school):
        raise PermissionDenied(_("Staff of the school make its pupil accounts."))
    if not name.strip():
        raise ValidationError({"name": _("Give the group a name, e.g. School council.")})
    extra = {"code": code.strip().upper()} if code else {}
    pupil_class = PupilClass.objects.create(
        school=school, name=name.strip(), created_by=actor, **extra
    )
    audit_log(
        actor=actor,
        action="forums.pupil_class_create",
        target=pupil_class,
        summary=f"Made a pupil group at {school.name}",
    )
    return pupil_class


def _secret(sign_in_with: str, pictures: Sequence[str], password: str) -> str:
    if sign_in_with == SignInWith.PICTURES:
        if len(pictures) != PICTURES_NEEDED or any(p not in PICTURE_NAMES for p in pictures):
            raise ValidationError({"pictures": _("Choose four pictures.")})
        return picture_secret(list(pictures))
    if len(password) < 4 or len(password) > 30:
        raise ValidationError({"password": _("A pupil's password has 4 to 30 characters.")})
    return password


def _checked_name(school: School, first_name: str, initial: str) -> str:
    """A pupil's shown name, "Alfie J.", once its shape is right and the filter passes it:
    everything a pupil's name shows to other schools goes through the same filter as posts."""
    first_name, initial = first_name.strip(), initial.strip()
    errors: dict[str, str] = {}
    if not re.fullmatch(FIRST_NAME_SHAPE, first_name):
        errors["first_name"] = _("A first name only: letters, hyphens and apostrophes, up to 20.")
    if not re.fullmatch(INITIAL_SHAPE, initial):
        errors["surname_initial"] = _("One letter.")
    if errors:
        raise ValidationError(errors)
    name = shown_name(first_name, initial)
    others = (
        User.objects.filter(school_roles__school=school)
        .exclude(display_name="")
        .values_list("display_name", flat=True)
        .distinct()
    )
    if safety.check_message(name, known_names=others).held:
        raise ValidationError(
            {"first_name": _("This name cannot be used: pupils at other schools would see it.")}
        )
    return name


@transaction.atomic
def pupil_create(
    *,
    actor: User,
    pupil_class: PupilClass,
    first_name: str,
    initial: str,
    login_name: str,
    sign_in_with: str,
    pictures: Sequence[str] = (),
    password: str = "",
) -> PupilProfile:
    """A pupil account: a first name, an initial and the school, nothing more (no email)."""
    if not actor.has_perm("forums.manage_pupil_class", pupil_class):
        raise PermissionDenied(_("Staff of the school make its pupil accounts."))
    login_name = login_name.strip().lower()
    errors: dict[str, list[str]] = {}
    try:
        name = _checked_name(pupil_class.school, first_name, initial)
    except ValidationError as error:
        errors.update(error.message_dict)
    if not re.fullmatch(r"[a-z0-9._-]{2,40}", login_name):
        errors["login_name"] = [_("2 to 40 letters, digits, dots or dashes, e.g. amelia.b")]
    elif PupilProfile.objects.filter(pupil_class=pupil_class, login_name=login_name).exists():
        errors["login_name"] = [_("That login name is taken in this group.")]
    if errors:
        raise ValidationError(errors)
    secret = _secret(sign_in_with, pictures, password)
    user = User.objects.create_user(
        email=pupil_email(),
        password=secret,
        display_name=name,
        account_type=AccountType.PUPIL,
        listed_in_directory=False,
    )
    school_role_grant(actor=actor, user=user, school=pupil_class.school, role=SchoolRole.Role.PUPIL)
    profile = PupilProfile.objects.create(
        user=user,
        pupil_class=pupil_class,
        login_name=login_name,
        sign_in_with=sign_in_with,
        picture_count=len(pictures) if sign_in_with == SignInWith.PICTURES else 0,
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="forums.pupil_create",
        target=user,
        summary=f"Made a pupil account at {pupil_class.school.name}",
        detail={"shown_name": name},
    )
    return profile


@transaction.atomic
def pupil_name_set(
    *, actor: User, profile: PupilProfile, first_name: str, initial: str
) -> PupilProfile:
    """Change how a pupil is shown to others. Only staff who look after the pupil's group
    do this (pupils never name themselves); every change is audited."""
    if not actor.has_perm("forums.manage_pupil_class", profile.pupil_class):
        raise PermissionDenied(_("Staff of the school look after its pupil accounts."))
    name = _checked_name(profile.pupil_class.school, first_name, initial)
    user = profile.user
    if name != user.display_name:
        before = user.display_name
        user.display_name = name
        user.save(update_fields=["display_name"])
        audit_log(
            actor=actor,
            action="forums.pupil_rename",
            target=user,
            summary="Changed the name a pupil is shown by",
            detail={"from": before, "to": name},
        )
    return profile


@transaction.atomic
def pupil_secret_reset(
    *,
    actor: User,
    profile: PupilProfile,
    sign_in_with: str,
    pictures: Sequence[str] = (),
    password: str = "",
) -> PupilProfile:
    if not actor.has_perm("forums.manage_pupil_class", profile.pupil_class):
        raise PermissionDenied(_("Staff of the school look after its pupil accounts."))
    secret = _secret(sign_in_with, pictures, password)
    profile.user.set_password(secret)
    profile.user.save(update_fields=["password"])
    profile.sign_in_with = sign_in_with
    profile.picture_count = len(pictures) if sign_in_with == SignInWith.PICTURES else 0
    profile.save(update_fields=["sign_in_with", "picture_count"])
    audit_log(
        actor=actor,
        action="forums.pupil_reset",
        target=profile.user,
        summary="Gave a pupil a new way to sign in",
    )
    return profile
