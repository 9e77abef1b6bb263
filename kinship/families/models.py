from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Family(models.Model):
    """A family of schools: a cluster, a trust, a county network, a subject network."""

    class Kind(models.TextChoices):
        LOCAL_CLUSTER = "local_cluster", _("Local cluster")
        TRUST = "trust", _("Trust")
        COUNTY_NETWORK = "county_network", _("County network")
        SUBJECT_NETWORK = "subject_network", _("Subject network")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.LOCAL_CLUSTER)
    created_at = models.DateTimeField(default=timezone.now)
    schools = models.ManyToManyField(
        "schools.School", through="FamilyMembership", related_name="families"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("families")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("families:family_detail", kwargs={"slug": self.slug})


class FamilyMembership(models.Model):
    """A school's place in a family. The school is the member; people act for it."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Member")
        LEFT = "left", _("Left")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="family_memberships"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["family", "school"], name="unique_family_school")
        ]
        ordering = ["school__name"]

    def __str__(self) -> str:
        return f"{self.school.name} in {self.family.name} ({self.status})"


class FamilyRole(models.Model):
    """A person's role in a family as a whole (not through a school)."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Family coordinator")
        PARTNER = "partner", _("Partner")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_roles"
    )
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=16, choices=Role.choices)
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "family", "role"], name="unique_family_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.family}"


class Circle(models.Model):
    """A named group of people across the schools of one or more families.

    A confidential circle is readable by its members only: not by coordinators, not by
    platform admins, not in the Django admin.
    """

    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    confidential = models.BooleanField(default=False)
    families = models.ManyToManyField(Family, related_name="circles")
    created_at = models.DateTimeField(default=timezone.now)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="CircleMembership", related_name="circles"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("families:circle_detail", kwargs={"pk": self.pk})


class CircleMembership(models.Model):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_memberships"
    )
    is_convener = models.BooleanField(default=False)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["circle", "user"], name="unique_circle_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.circle}"


class CirclePost(models.Model):
    """A message on a circle's noticeboard, written in Markdown."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Post in {self.circle} at {self.created_at:%Y-%m-%d %H:%M}"
