from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import (  # type: ignore[attr-defined]
    PermissionsMixin,
    _user_has_perm,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.schools.models import SchoolRole


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class Visibility(models.TextChoices):
    """Who may see a contact detail a person has given."""

    NOBODY = "nobody", _("Only me")
    FAMILIES = "families", _("People in families my school belongs to")


class AccountType(models.TextChoices):
    STAFF = "staff", _("School or family staff")
    PARTNER = "partner", _("Partner organisation")
    PUPIL = "pupil", _("Pupil")


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Signs in with an email address; acts for schools through school roles."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("name"), max_length=150)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    phone_visibility = models.CharField(
        _("who can see my phone number"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.NOBODY,
    )
    email_visibility = models.CharField(
        _("who can see my email address"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.FAMILIES,
    )
    account_type = models.CharField(
        max_length=16, choices=AccountType.choices, default=AccountType.STAFF
    )
    listed_in_directory = models.BooleanField(
        _("list me in the directory of who knows what"), default=True
    )
    ask_me_about = models.CharField(
        _("ask me about"),
        max_length=200,
        blank=True,
        help_text=_("One line, e.g. 'how we moved to whole-class reading in KS2'."),
    )
    expertise: models.ManyToManyField["ExpertiseTag", Any] = models.ManyToManyField(
        "ExpertiseTag", blank=True, related_name="people"
    )
    is_active = models.BooleanField(default=True)
    # Django admin access only; the platform admin role is is_superuser.
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Set when the person's data was erased (UK GDPR): the account is a "Former member".
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["display_name", "email"]

    def __str__(self) -> str:
        return self.display_name or self.email

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        # Unlike Django's default, a superuser is not waved through: object permissions
        # (confidential circles above all) are decided by the rules predicates alone.
        return self.is_active and _user_has_perm(self, perm, obj)

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name.split(" ")[0] if self.display_name else self.email


class ExpertiseTag(models.Model):
    """A topic people can be asked about: phonics, EYFS, SEND, Ofsted preparation…"""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class Invitation(models.Model):
    """An invitation by email to join a school in a role. The token is stored only as a hash."""

    email = models.EmailField()
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.school} ({self.role})"

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def status(self) -> InvitationStatus:
        """Accepted and revoked are final; otherwise pending until it expires."""
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.revoked_at is not None:
            return InvitationStatus.REVOKED
        if self.is_expired:
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def role_label(self) -> str:
        return (
            str(SchoolRole.Role(self.role).label)
            if self.role in SchoolRole.Role.values
            else self.role
        )


class SignInDelay(models.Model):
    """Failed password sign-ins on one account, from any address, for progressive delays.

    Keyed by a hash of the lower-cased address, so the table holds no address in clear and
    a guess at an account that does not exist costs the same as one that does.
    """

    account_key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.failures} failures"
