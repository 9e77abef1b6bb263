"""The pupil sign-in throttle's writes: a failure recorded (with no secret in it), cleared
when the pupil signs in, and unlocked by their teacher. The reads are in selectors
(`pupil_sign_in_pause`, `pupil_sign_in_locks`)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.forums.models import PupilProfile, PupilSignInAttempt
from kinship.forums.pupils import normal_class_code, normal_login_name

KEEP_FAILURES = timedelta(days=1)


@transaction.atomic
def pupil_sign_in_failure_record(*, class_code: str, login_name: str, device: str) -> None:
    """A wrong try for this class code and login name (known or not) from this device."""
    now = timezone.now()
    PupilSignInAttempt.objects.filter(created_at__lt=now - KEEP_FAILURES).delete()
    PupilSignInAttempt.objects.create(
        class_code=normal_class_code(class_code)[:12],
        login_name=normal_login_name(login_name)[:40],
        device=device[:40],
        created_at=now,
    )


@transaction.atomic
def pupil_sign_in_success(*, profile: PupilProfile, device: str) -> None:
    """The pupil is in: wrong tries for them on this device no longer count. Those on other
    devices still do (a classmate's tries elsewhere are not forgiven by the pupil's own
    success); their teacher can clear them."""
    _failures_of(profile).filter(device=device).delete()


@transaction.atomic
def pupil_sign_in_unlock(*, actor: User, profile: PupilProfile) -> None:
    """The pupil's teacher lets them try again now, on every device."""
    if not actor.has_perm("forums.manage_pupil_class", profile.pupil_class):
        raise PermissionDenied(_("Staff of the school look after its pupil accounts."))
    cleared, _by_model = _failures_of(profile).delete()
    audit_log(
        actor=actor,
        action="forums.pupil_unlock",
        target=profile.user,
        summary=f"Unlocked a pupil's sign-in ({cleared} wrong tries cleared)",
    )


def _failures_of(profile: PupilProfile) -> QuerySet[PupilSignInAttempt]:
    return PupilSignInAttempt.objects.filter(
        class_code=profile.pupil_class.code, login_name=profile.login_name
    )
