"""Open classrooms, visits (requested or from a plan), the visiting school's clearance
declaration, and what comes after: reflections and joint actions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinship.visits.models.vocabulary import (
    WEEKDAY_NAMES,
    YEAR_GROUP_SHORT,
    Session,
    Subject,
    YearGroup,
    subject_short,
)


def _weekdays_text(weekdays: list[int]) -> str:
    names = [WEEKDAY_NAMES[day] for day in sorted(set(weekdays)) if 0 <= day < 5]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


class OpenClassroom(models.Model):
    """A teacher's standing invitation to "come and see", e.g. "Y2 phonics, Tue and Thu
    mornings"."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="open_classrooms"
    )
    year_group = models.CharField(_("year group"), max_length=16, choices=YearGroup.choices)
    subject = models.CharField(_("subject"), max_length=32, choices=Subject.choices)
    focus = models.CharField(
        _("what you will see"),
        max_length=200,
        help_text=_("e.g. 'segmenting and blending with the whole class, then small groups'."),
    )
    weekdays = models.JSONField(default=list)  # 0 Monday to 4 Friday
    session = models.CharField(_("when in the day"), max_length=10, choices=Session.choices)
    room = models.CharField(_("room"), max_length=80, blank=True)
    places = models.PositiveSmallIntegerField(_("visitors at a time"), default=2)
    notes = models.TextField(_("anything visitors should know"), blank=True)
    active = models.BooleanField(_("open to requests"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["school__name", "year_group", "subject", "pk"]

    def __str__(self) -> str:
        return self.summary

    def get_absolute_url(self) -> str:
        return reverse("visits:offer_detail", args=[self.pk])

    @property
    def summary(self) -> str:
        """`Y2 phonics, Tue and Thu mornings`."""
        what = " ".join(
            part
            for part in (YEAR_GROUP_SHORT[YearGroup(self.year_group)], subject_short(self.subject))
            if part
        )
        when = _weekdays_text(self.weekdays)
        session = str(Session(self.session).label).lower()
        return f"{what}, {when} {session}" if when else f"{what}, {session}"


class Visit(models.Model):
    """A member of staff visiting another school: asked for through an open classroom, placed
    by a published plan, or arranged some other way and recorded afterwards (so that it counts
    in who visits whom, and can be reflected on). Its event in both calendars is a meetings
    series."""

    class Source(models.TextChoices):
        OPEN_CLASSROOM = "open_classroom", _("Open classroom")
        PLAN = "plan", _("Staggered INSET plan")
        RECORDED = "recorded", _("Arranged outside Kinship, recorded afterwards")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked for")
        ACCEPTED = "accepted", _("Agreed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=16, choices=Source.choices)
    offer = models.ForeignKey(
        OpenClassroom, on_delete=models.SET_NULL, null=True, blank=True, related_name="visits"
    )
    plan = models.ForeignKey(
        "visits.VisitPlan", on_delete=models.CASCADE, null=True, blank=True, related_name="visits"
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visits_made"
    )
    visitor_school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    host_school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    # The teacher they will see; for a plan's visit, the host school may name one.
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits_hosted",
    )
    date = models.DateField(db_index=True)
    start_time = models.TimeField()
    end_time = models.TimeField()
    room = models.CharField(_("room"), max_length=80, blank=True)
    focus_question = models.TextField(_("what I would like to find out"), blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)  # a plan's preference rank
    status = models.CharField(max_length=10, choices=Status.choices)
    response_note = models.CharField(_("note to the visitor"), max_length=300, blank=True)
    series = models.ForeignKey(
        "meetings.Series", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Publishing a re-solved plan took it off (rather than one side calling it off): a later
    # plan that puts it back on the same day puts it back in the calendars.
    cancelled_by_plan = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "visitor"],
                condition=models.Q(plan__isnull=False) & ~models.Q(status="cancelled"),
                name="one_plan_visit_a_person",
            )
        ]
        ordering = ["date", "start_time", "pk"]
        indexes = [models.Index(fields=["host_school", "date"])]

    def __str__(self) -> str:
        return f"{self.visitor} to {self.host_school.name} on {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("visits:visit_detail", args=[self.pk])


DECLARATION_WORDING = (
    "I confirm, as a lead of {school}, that {person} is a member of our staff and has been "
    "cleared by our safer-recruitment checks, including an enhanced DBS check, to visit other "
    "schools. The check's details stay on our single central record; they are not given here."
)


class ClearanceDeclaration(models.Model):
    """A school lead's recorded declaration that a person on its staff is cleared to visit
    other schools. Deliberately holds no certificate number or check detail: only who
    declared it, when, and the words they confirmed."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clearances"
    )
    wording = models.TextField()
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    declared_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "person"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_current_declaration",
            )
        ]
        ordering = ["-declared_at"]

    def __str__(self) -> str:
        return f"Clearance of {self.person} by {self.school}"


class Reflection(models.Model):
    """What the visitor saw, will try and can offer back; shared with the host, and with the
    family library only when both teachers agree."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="reflection")
    saw = models.TextField(_("What I saw"))
    will_try = models.TextField(_("What I will try"))
    offer_back = models.TextField(_("What I can offer back"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Sharing to the family library: both must agree; either may withdraw until it is out.
    visitor_consent_at = models.DateTimeField(null=True, blank=True)
    host_consent_at = models.DateTimeField(null=True, blank=True)
    host_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    library_published_at = models.DateTimeField(null=True, blank=True)
    library_reference = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"Reflection on {self.visit}"

    @property
    def both_agree(self) -> bool:
        return self.visitor_consent_at is not None and self.host_consent_at is not None


class JointAction(models.Model):
    """Something the visitor and the host agree to try together (joint practice
    development); either of them may update it."""

    class Status(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        TRYING = "trying", _("Trying it out")
        DONE = "done", _("Done")
        STOPPED = "stopped", _("Stopped")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="joint_actions")
    text = models.CharField(_("what we will do together"), max_length=300)
    due = models.DateField(_("by"), null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.AGREED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def latest_note(self) -> str:
        """The newest note's text: part of what the update form's version covers, so a note
        someone else added since the form was shown is a conflict, not lost. Reads the
        prefetched notes (oldest first) when the page has them."""
        notes = list(self.notes.all())
        return notes[-1].text if notes else ""


class JointActionNote(models.Model):
    """An update on a joint action: how it went, from either side."""

    action = models.ForeignKey(JointAction, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    status = models.CharField(max_length=8, choices=JointAction.Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note on {self.action}"
