"""Shared resources: files, links and pages, their versions, comments, uses, ratings and
collections. Who may see a resource is its audience: a family, a circle, or everyone."""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")
    PAGE = "page", _("Page")


class Licence(models.TextChoices):
    OGL3 = "ogl3", _("Open Government Licence v3")
    CC_BY = "cc_by", _("CC BY 4.0")
    CC_BY_SA = "cc_by_sa", _("CC BY-SA 4.0")
    CC0 = "cc0", _("CC0 (public domain)")
    ALL_RIGHTS_RESERVED = "arr", _("All rights reserved: shared with the family only")


class Audience(models.TextChoices):
    FAMILY = "family", _("A family")
    CIRCLE = "circle", _("A circle")
    PLATFORM = "platform", _("Everyone on Kinship")


class Phase(models.TextChoices):
    EARLY_YEARS = "early_years", _("Early years")
    PRIMARY = "primary", _("Primary")
    SECONDARY = "secondary", _("Secondary")
    ALL = "all", _("All phases")


class KeyStage(models.TextChoices):
    EYFS = "eyfs", _("EYFS")
    KS1 = "ks1", _("KS1")
    KS2 = "ks2", _("KS2")
    KS3 = "ks3", _("KS3")
    KS4 = "ks4", _("KS4")
    NONE = "none", _("Not for one key stage")


class Subject(models.TextChoices):
    ENGLISH = "english", _("English")
    MATHS = "maths", _("Maths")
    SCIENCE = "science", _("Science")
    HISTORY = "history", _("History")
    GEOGRAPHY = "geography", _("Geography")
    ART = "art", _("Art and design")
    COMPUTING = "computing", _("Computing")
    MUSIC = "music", _("Music")
    PE = "pe", _("PE")
    RE = "re", _("RE")
    PSHE = "pshe", _("PSHE")
    LANGUAGES = "languages", _("Languages")
    SEND = "send", _("SEND")
    ASSESSMENT = "assessment", _("Assessment and moderation")
    LEADERSHIP = "leadership", _("Leadership")
    SAFEGUARDING = "safeguarding", _("Safeguarding")
    OTHER = "other", _("Other")


YEAR_GROUPS = ("R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")


class ExtractionStatus(models.TextChoices):
    NOT_NEEDED = "none", _("Nothing to read")
    PENDING = "pending", _("Reading the file for search")
    DONE = "done", _("Searchable")
    FAILED = "failed", _("Could not be read for search")


def private_storage():  # type: ignore[no-untyped-def]
    return storages["private"]


def version_path(instance: "ResourceVersion", filename: str) -> str:
    # A random folder: names never collide and are never guessed; downloads go through a view.
    return f"library/{uuid.uuid4().hex}/{filename}"


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    kind = models.CharField(max_length=8, choices=Kind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.PRIMARY)
    key_stage = models.CharField(max_length=8, choices=KeyStage.choices, default=KeyStage.NONE)
    # ",3,4," so one year is found with a plain contains on SQLite and PostgreSQL alike.
    year_groups = models.CharField(max_length=40, blank=True)
    subject = models.CharField(max_length=16, choices=Subject.choices, default=Subject.OTHER)
    tags = models.ManyToManyField(Tag, blank=True, related_name="resources")
    tag_names = models.CharField(max_length=400, blank=True, editable=False)  # for search
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="library_resources"
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    licence = models.CharField(max_length=10, choices=Licence.choices)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    circle = models.ForeignKey(
        "families.Circle", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    current_version = models.ForeignKey(
        "ResourceVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The current version's text (a page's Markdown, a file's words), for search.
    body_text = models.TextField(blank=True)
    extraction = models.CharField(
        max_length=8, choices=ExtractionStatus.choices, default=ExtractionStatus.NOT_NEEDED
    )
    # Weighted (title A, summary and tags B, text C), kept by the services on PostgreSQL.
    search_vector = SearchVectorField(null=True, editable=False)
    # Title and summary alone: ranking reads this small vector, not the whole text's.
    search_head = SearchVectorField(null=True, editable=False)
    used_count = models.PositiveIntegerField(default=0)
    rating_count = models.PositiveIntegerField(default=0)
    rating_total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["audience", "family"]),
            models.Index(fields=["audience", "circle"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(audience="platform", licence="arr"),
                name="all_rights_reserved_stays_in_the_family",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:resource_detail", args=[self.pk])

    @property
    def rating(self) -> float | None:
        return round(self.rating_total / self.rating_count, 1) if self.rating_count else None

    @property
    def year_group_list(self) -> list[str]:
        return [year for year in self.year_groups.split(",") if year]


class ResourceChange(models.Model):
    """What a resource said about itself before an edit replaced it, who replaced it and when:
    editing a resource's description keeps its history."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="changes")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)  # phase, subject, tags, audience...
    written_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"Earlier description of resource {self.resource_id}"


class ResourceVersion(models.Model):
    """One version of a resource: a file, a link or a page's text. The history is kept."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=version_path, storage=private_storage, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    url = models.URLField(max_length=500, blank=True)
    body = models.TextField(blank=True)
    extracted_text = models.TextField(blank=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.resource} v{self.number}"


class Comment(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment on {self.resource}"


class Use(models.Model):
    """'I used this', with an optional star rating: reciprocity made visible."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="uses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    used = models.BooleanField(default=False)
    stars = models.PositiveSmallIntegerField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "user"], name="one_use_per_person"),
            models.CheckConstraint(
                condition=models.Q(stars__isnull=True) | models.Q(stars__gte=1, stars__lte=5),
                name="stars_one_to_five",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.resource}"


class Collection(models.Model):
    """A named set of resources ("Spring moderation pack"), shared like a resource is."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_collections"
    )
    audience = models.CharField(max_length=10, choices=Audience.choices)
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    circle = models.ForeignKey(
        "families.Circle", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    resources = models.ManyToManyField(Resource, blank=True, related_name="collections")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:collection_detail", args=[self.pk])
