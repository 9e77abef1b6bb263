"""Boards, threads and posts for teachers (per family and per circle) and for pupils (pupil
voice boards across partner schools), with flags, edits, pupil sign-in and safeguarding."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.notifications.models import Frequency


class BoardKind(models.TextChoices):
    FAMILY = "family", _("Family board")
    CIRCLE = "circle", _("Circle board")
    PUPIL = "pupil", _("Pupil voice board")


class Board(models.Model):
    """Where threads live. A circle's board is as private as the circle; a pupil board is
    for the pupils and staff of the schools taking part."""

    kind = models.CharField(max_length=8, choices=BoardKind.choices)
    title = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    circle = models.OneToOneField(
        "families.Circle", on_delete=models.CASCADE, null=True, blank=True, related_name="board"
    )
    schools = models.ManyToManyField("schools.School", blank=True, related_name="pupil_boards")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:board_detail", args=[self.pk])


class Thread(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-pinned", "-last_activity_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:thread_detail", args=[self.pk])


class PostStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Waiting for a teacher's approval")
    HELD = "held", _("Held for the safeguarding lead")
    DECLINED = "declined", _("Not approved")
    HIDDEN = "hidden", _("Hidden by a moderator")


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="forum_posts"
    )
    # A pupil's school: its teachers approve the post, its safeguarding lead sees alerts.
    school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_opening = models.BooleanField(default=False)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=PostStatus.choices, db_index=True)
    quote_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attachments = models.ManyToManyField("library.Resource", blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "status"])]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.thread}"

    def get_absolute_url(self) -> str:
        # Its own address, which finds the page of the thread it is on when followed.
        return reverse("forums:post_detail", args=[self.pk])


class PostRevision(models.Model):
    """The words a post had before an edit: editing keeps its history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"Earlier version of post {self.post_id}"


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_mention_each")]

    def __str__(self) -> str:
        return f"{self.user} in post {self.post_id}"


class Flag(models.Model):
    class Outcome(models.TextChoices):
        HIDDEN = "hidden", _("Post hidden")
        KEPT = "kept", _("Post kept")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Flag on post {self.post_id}"


class BoardSubscription(models.Model):
    """How often a person wants emails about a board's new threads and replies."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=12, choices=Frequency.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "user"], name="one_subscription_a_board")
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.board}"


class ThreadFollow(models.Model):
    """People who wrote in a thread hear of its replies."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_follow_a_thread")
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.thread}"


def new_class_code() -> str:
    # Eight letters and digits without look-alikes (0/O, 1/I/L), easy for a child to type.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class PupilClass(models.Model):
    """A group of pupil accounts made by a school's staff (the school council, say), with the
    class code its pupils type to sign in."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=12, unique=True, default=new_class_code)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("pupil classes")

    def __str__(self) -> str:
        return f"{self.name} ({self.school.name})"

    def get_absolute_url(self) -> str:
        return reverse("forums:pupil_class", args=[self.pk])


class SignInWith(models.TextChoices):
    PICTURES = "pictures", _("Pictures")
    PASSWORD = "password", _("A short password")


class PupilProfile(models.Model):
    """How a pupil signs in. Pupil accounts have no real email: see docs/decisions.md."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pupil_profile"
    )
    pupil_class = models.ForeignKey(PupilClass, on_delete=models.CASCADE, related_name="pupils")
    login_name = models.CharField(max_length=40)
    sign_in_with = models.CharField(max_length=10, choices=SignInWith.choices)
    # Four for pictures given now; three for accounts made before (their teacher gives new).
    picture_count = models.PositiveSmallIntegerField(default=4)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pupil_class", "login_name"], name="one_login_name_a_class"
            )
        ]
        ordering = ["login_name"]

    def __str__(self) -> str:
        return f"{self.login_name} in {self.pupil_class}"

    @property
    def has_old_pictures(self) -> bool:
        return self.sign_in_with == SignInWith.PICTURES and self.picture_count < 4


class PupilSignInAttempt(models.Model):
    """A failed pupil sign-in: the class code and login name typed, the device (a random id
    from a signed cookie) and when. Never the pictures or password tried. Counted to pause a
    name's sign-in on one device (5 in 10 minutes) and everywhere (30 in an hour); removed
    when the pupil signs in or their teacher unlocks, and after a day."""

    class_code = models.CharField(max_length=12)
    login_name = models.CharField(max_length=40)
    device = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["class_code", "login_name", "created_at"]),
            models.Index(fields=["device", "created_at"]),
            models.Index(fields=["created_at"]),  # rows over a day old are removed
        ]

    def __str__(self) -> str:
        return f"Failed pupil sign-in {self.pk}"


class SafeguardingLead(models.Model):
    """A school's designated safeguarding lead (or deputy), named by the school's lead."""

    class Role(models.TextChoices):
        DESIGNATED = "designated", _("Designated safeguarding lead")
        DEPUTY = "deputy", _("Deputy safeguarding lead")

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Both see and act on alerts; deputies are also told when a high-severity one waits.
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.DESIGNATED)
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "user"], name="one_dsl_row")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.school}"


class EscalationLevel(models.IntegerChoices):
    NONE = 0, _("Not escalated")
    DEPUTIES = 1, _("Escalated to the deputy safeguarding leads")
    HEAD = 2, _("Escalated to the headteacher")


class SafetyAlert(models.Model):
    """A pupil post the word and pattern filter held, waiting for the school's DSL.

    `category` and `severity` are the filter's most severe finding (concerns.py), kept so
    the queue sorts in the database; `reasons` lists every finding as
    {"kind", "excerpt", "category"}. What the DSL did is in SafeguardingAction rows.
    """

    class Outcome(models.TextChoices):
        RELEASED = "released", _("Safe: published")
        KEPT_HIDDEN = "kept_hidden", _("Kept hidden")
        ESCALATED = "escalated", _("Kept hidden and followed up under our safeguarding policy")

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="alert")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    reasons = models.JSONField(default=list)
    category = models.CharField(max_length=40, blank=True)
    severity = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    # Raised only by a conditional UPDATE, so overlapping cron runs escalate each step once.
    escalation_level = models.PositiveSmallIntegerField(
        choices=EscalationLevel.choices, default=EscalationLevel.NONE
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    # Before SafeguardingAction existed the DSL's note lived here; kept for old rows.
    action_taken = models.TextField(blank=True)

    class Meta:
        ordering = ["resolved_at", "-severity", "created_at"]
        indexes = [models.Index(fields=["school", "resolved_at", "-severity", "created_at"])]

    def __str__(self) -> str:
        return f"Safety alert on post {self.post_id}"

    def get_absolute_url(self) -> str:
        return reverse("forums:alert_detail", args=[self.pk])


class SafeguardingAction(models.Model):
    """One thing the DSL did about an alert, with a note. Append-only: the database
    refuses to change or delete a row (migration 0003), like the audit log."""

    class Kind(models.TextChoices):
        SPOKE_TO_PUPIL = "spoke_to_pupil", _("Spoke to the pupil")
        LOGGED_ON_SCHOOL_SYSTEM = (
            "logged_on_school_system",
            _("Logged on the school's safeguarding system"),
        )
        REFERRED_SOCIAL_CARE = "referred_social_care", _("Referred to children's social care")
        REFERRED_POLICE = "referred_police", _("Referred to the police")
        NO_CONCERN = "no_concern", _("No safeguarding concern")
        OTHER = "other", _("Something else")

    alert = models.ForeignKey(SafetyAlert, on_delete=models.PROTECT, related_name="actions")
    # No cascade and no constraint: the row can never change, so an account that is later
    # erased leaves its id here (as in the audit log) and the name below tells who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    # The name as it was: the record must read the same after the account is renamed or gone.
    actor_name = models.CharField(max_length=150)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    note = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on alert {self.alert_id}"
