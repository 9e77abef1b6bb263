"""Operations that change accounts, invitations and second factors. Each runs in one transaction."""

from datetime import timedelta

from axes.utils import reset as axes_reset
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from kinship.accounts import emails, sign_in_delay
from kinship.accounts.models import AccountType, ExpertiseTag, Invitation, InvitationStatus, User
from kinship.accounts.selectors import schools_user_may_invite_to
from kinship.accounts.tokens import invitation_token_hash, invitation_token_new
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_or_empty
from kinship.membership import visibility
from kinship.schools.models import School, SchoolRole
from kinship.schools.services import school_role_grant

INVITATION_LIFETIME = timedelta(days=7)
INVITABLE_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)
TOTP_DEVICE_NAME = "Authenticator app"


@transaction.atomic
def user_create(
    *,
    email: str,
    display_name: str,
    password: str | None,
    job_title: str = "",
    account_type: str = AccountType.STAFF,
    is_platform_admin: bool = False,
    password_hash: str = "",
) -> User:
    """Create a person. A platform admin also gets Django admin access.

    `password_hash` (from `make_password`) stands in for `password` when many people are
    made with one password, as in the demo: hashing costs a third of a second each time.
    """
    user = User.objects.create_user(
        email=email,
        password=password,
        display_name=display_name,
        job_title=job_title,
        account_type=account_type,
        is_staff=is_platform_admin,
        is_superuser=is_platform_admin,
    )
    if password_hash:
        identify_hasher(password_hash)  # ValueError (and no user) for anything else
        user.password = password_hash
        user.save(update_fields=["password"])
    return user


def expertise_tags_for(names: list[str]) -> list[ExpertiseTag]:
    """The tags for `names` (free text), creating those not seen before; keyed by slug."""
    tags: dict[str, ExpertiseTag] = {}
    for name in names:
        name = " ".join(name.split())[:60]
        slug = slugify(name)[:60]
        if slug and slug not in tags:
            tags[slug] = ExpertiseTag.objects.get_or_create(slug=slug, defaults={"name": name})[0]
    return list(tags.values())


PROFILE_FIELDS = (
    "display_name", "job_title", "phone", "phone_visibility", "email_visibility",
    "listed_in_directory", "ask_me_about", "expertise",
)  # fmt: skip


@transaction.atomic
def user_profile_update(
    *,
    user: User,
    display_name: str,
    job_title: str | None = None,
    phone: str | None = None,
    phone_visibility: str | None = None,
    email_visibility: str | None = None,
    listed_in_directory: bool | None = None,
    ask_me_about: str | None = None,
    expertise: list[str] | None = None,
    version: str | None = None,
) -> User:
    """Change what a person says about themselves. A field left as None is not changed.
    Pupils do not name themselves: the staff who look after them do (forums.pupil_name_set),
    with the filter and an audit entry, as pupils at other schools see the name."""
    if visibility.is_pupil_record(user) and display_name != user.display_name:
        raise PermissionDenied(_("A teacher at your school changes the name others see."))
    # `version` is the profile as the form showed it: a change saved since (say from another
    # tab) raises EditConflict. Only the fields changed below are written to the locked row.
    # Looked up by the model, as `user` may be request.user, a lazy wrapper round the row.
    lock_or_empty(User, {"pk": user.pk}, PROFILE_FIELDS, version)
    changes = {
        "display_name": display_name,
        "job_title": job_title,
        "phone": phone,
        "phone_visibility": phone_visibility,
        "email_visibility": email_visibility,
        "listed_in_directory": listed_in_directory,
        "ask_me_about": ask_me_about,
    }
    changed = [field for field, value in changes.items() if value is not None]
    for field in changed:
        setattr(user, field, changes[field])
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=changed)
    if expertise is not None:
        user.expertise.set(expertise_tags_for(expertise))
    return user


def _invitation_problem(invitation: Invitation) -> ValidationError:
    messages = {
        InvitationStatus.ACCEPTED: _("This invitation has already been used."),
        InvitationStatus.REVOKED: _("This invitation has been withdrawn."),
        InvitationStatus.EXPIRED: _("This invitation has expired."),
    }
    status = invitation.status
    return ValidationError(messages.get(status, _("This invitation is still open.")), code=status)


@transaction.atomic
def invitation_create(
    *, actor: User, email: str, school: School, role: str
) -> tuple[Invitation, str]:
    """Invite `email` to act for `school` in `role` (lead or staff) and email them the link.

    Returns the invitation and its token; only the token's sha256 is stored, so the link in
    the email is the one way in. The email goes once the transaction has committed.
    """
    if not actor.has_perm("accounts.invite") or not (
        schools_user_may_invite_to(actor).filter(pk=school.pk).exists()
    ):
        raise PermissionDenied(
            _(
                "Only the school's lead invites its staff. A family coordinator can invite a "
                "member school's first lead, when it has none on Kinship yet."
            )
        )
    if role not in INVITABLE_ROLES:
        raise ValidationError(_("Invite people as a school lead or a member of staff."))
    email = email.strip().lower()
    # Roles are granted by those who hold them: a coordinator brings in a school's first
    # lead, and from then on the school's own lead decides who acts for it.
    leads_it = visibility.school_roles_of(actor, roles=(SchoolRole.Role.LEAD,)).filter(
        school=school
    )
    if not leads_it.exists() and role != SchoolRole.Role.LEAD:
        raise ValidationError(
            _("Only %(school)s's lead can invite its staff: invite its headteacher as lead.")
            % {"school": school.name}
        )
    if email == actor.email.lower():
        raise ValidationError(_("You cannot invite yourself: ask the school's lead."))
    now = timezone.now()
    if SchoolRole.objects.filter(user__email__iexact=email, school=school, role=role).exists():
        raise ValidationError(_("%(email)s already has that role here."), params={"email": email})
    pending = Invitation.objects.filter(
        email=email,
        school=school,
        role=role,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    )
    if pending.exists():
        raise ValidationError(
            _("%(email)s already has an open invitation for this role here."),
            params={"email": email},
        )
    token = invitation_token_new()
    invitation = Invitation.objects.create(
        email=email,
        school=school,
        role=role,
        token_hash=invitation_token_hash(token),
        invited_by=actor,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    audit_log(
        actor=actor,
        action="invitation.create",
        target=invitation,
        summary=f"Invited {email} as {invitation.role_label} at {school.name}",
        detail={"email": email, "school": school.urn, "role": role},
    )
    transaction.on_commit(lambda: emails.invitation_email(invitation, token).send())
    return invitation, token


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> SchoolRole:
    """Use the invitation once: `user` (whose email it was sent to) gets the school role."""
    if invitation.email.lower() != user.email.lower():
        raise PermissionDenied(_("This invitation was sent to a different email address."))
    now = timezone.now()
    # One conditional UPDATE makes the invitation single-use even under concurrent requests.
    taken = Invitation.objects.filter(
        pk=invitation.pk,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    ).update(accepted_at=now, accepted_by=user)
    invitation.refresh_from_db()
    if not taken:
        raise _invitation_problem(invitation)
    school_role = school_role_grant(
        actor=user, user=user, school=invitation.school, role=invitation.role
    )
    audit_log(
        actor=user,
        action="invitation.accept",
        target=invitation,
        summary=f"{user.email} accepted {invitation.role_label} at {invitation.school.name}",
        detail={"invited_by": invitation.invited_by_id, "school": invitation.school.urn},
    )
    return school_role


@transaction.atomic
def invitation_sign_up(*, invitation: Invitation, display_name: str, password: str) -> User:
    """Create the account an invitation was sent to, and accept the invitation with it."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("There is already an account for this email address. Sign in."))
    if invitation.status != InvitationStatus.PENDING:
        raise _invitation_problem(invitation)
    user = user_create(email=invitation.email, display_name=display_name, password=password)
    invitation_accept(invitation=invitation, user=user)
    return user


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation so its link no longer works."""
    if not actor.has_perm("accounts.revoke_invitation", invitation):
        raise PermissionDenied(_("Only the person who sent it or the school's lead can do that."))
    withdrawn = Invitation.objects.filter(
        pk=invitation.pk,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).update(revoked_at=timezone.now())
    invitation.refresh_from_db()
    if not withdrawn:
        raise _invitation_problem(invitation)
    audit_log(
        actor=actor,
        action="invitation.revoke",
        target=invitation,
        summary=f"Withdrew the invitation of {invitation.email} to {invitation.school.name}",
        detail={"email": invitation.email, "school": invitation.school.urn},
    )
    return invitation


@transaction.atomic
def two_factor_enrolment_device(*, user: User) -> TOTPDevice:
    """The unconfirmed device `user` is enrolling: the same one (and secret) on each visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def two_factor_enrol(
    *, user: User, device: TOTPDevice, token: str, request: HttpRequest | None = None
) -> bool:
    """Confirm `device` if `token` is its current code; False (and throttled) when it is not."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    audit_log(actor=user, action="auth.2fa_enrol", target=user, request=request)
    transaction.on_commit(lambda: emails.two_factor_on_email(user).send())
    return True


def two_factor_verify(*, user: User, token: str) -> TOTPDevice | None:
    """The confirmed device `token` is a current code of, or None (each failure is throttled)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        return device if device.verify_token(token) else None


@transaction.atomic
def two_factor_remove(*, user: User, request: HttpRequest | None = None) -> None:
    """Turn off two-factor sign-in; refused for people who must use it."""
    if not user.has_perm("accounts.remove_two_factor"):
        raise PermissionDenied(_("Your role needs two-factor sign-in, so it cannot be removed."))
    TOTPDevice.objects.filter(user=user).delete()
    audit_log(actor=user, action="auth.2fa_remove", target=user, request=request)


def two_factor_failures_record(
    *, user: User, failures: int, request: HttpRequest | None = None
) -> None:
    """Note that someone with this password got the second factor wrong too often."""
    audit_log(
        actor=user,
        action="auth.2fa_failed",
        target=user,
        summary=f"Signed out after {failures} wrong two-factor codes",
        detail={"failures": failures},
        request=request,
    )


@transaction.atomic
def password_reset_record(*, user: User, request: HttpRequest | None = None) -> None:
    """After a reset by email link, lift any lockout on the address and log the reset."""
    axes_reset(username=user.get_username())
    sign_in_delay.clear(user.email)
    audit_log(actor=user, action="auth.password_reset", target=user, request=request)


@transaction.atomic
def password_reset_link_send(*, actor: User, user: User, request: HttpRequest | None = None) -> int:
    """Email `user` the ordinary one-use reset link and tell the leads of their schools.

    Account recovery from the Django admin: a platform admin never sets, sees or chooses
    anyone's password; the person chooses it. Returns how many school leads were told."""
    from kinship.notifications.services import notify

    if visibility.is_pupil_record(user):
        raise ValidationError(_("Pupils have no email address: their teacher resets them."))
    emails.password_reset_link_send(user)
    leads = User.objects.filter(
        school_roles__role=SchoolRole.Role.LEAD,
        school_roles__school__in=visibility.school_ids_of_user(user),
    ).exclude(pk=user.pk)
    told = notify(
        recipients=leads.distinct(),
        kind="account.password_reset_sent",
        title=_("A platform admin sent %(name)s a link to reset their password")
        % {"name": user.display_name or user.email},
        url=reverse("accounts:directory"),
        target=user,
    )
    audit_log(
        actor=actor, action="admin.password_reset_link", target=user, request=request,
        summary=f"Sent {user.email} a password reset link; {len(told)} school lead(s) told",
        detail={"leads_told": len(told)},
    )  # fmt: skip
    return len(told)
