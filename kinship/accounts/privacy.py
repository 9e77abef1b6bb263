"""Personal data held by accounts: the account itself (see kinship.privacy.services),
invitations and second-factor devices."""

from kinship.accounts.models import User
from kinship.privacy.registry import Erase, Relation

SECRET = ("key", "token_hash")

RELATIONS = [
    Relation(
        "accounts.Invitation", "invited_by", Erase.FORMER_MEMBER,
        "A school's record of who was invited, and by whom.", exclude=SECRET,
    ),
    Relation(
        "accounts.Invitation", "accepted_by", Erase.FORMER_MEMBER,
        "A school's record of who joined; the address is replaced on erasure.", exclude=SECRET,
    ),
    Relation(
        "otp_totp.TOTPDevice", "user", Erase.DELETE,
        "Second-factor devices are deleted; their secret is never exported.", exclude=SECRET,
    ),
]  # fmt: skip


def forget_sign_in_records(user: User, *, name: str, email: str) -> None:
    """Invitations sent to the old address and axes' failed sign-ins under it."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from kinship.accounts.models import Invitation

    Invitation.objects.filter(email__iexact=email).update(email=user.email)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()
