"""The cohort: who is in it and how to reach them, its meetings with topics members
propose and vote on, and notes. Coordinators set the dates and see nothing more.
Also the coaching calendar feed."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.concurrency import EditConflict, edit_version, form_status, saved
from kinship.core.feedback import apply_errors, report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.meetings.forms import family_schools
from kinship.meetings.ics import Method, build_calendar
from kinship.mentoring import emails, selectors, services
from kinship.mentoring.forms import CohortMeetingForm, CohortNotesForm, TopicForm, VoteForm
from kinship.mentoring.models import CoachingFeed, CohortTopic
from kinship.mentoring.views.access import (
    get_cohort_meeting_for_user,
    get_programme_for_user,
    require_mentoring,
)

FEED_PAST_DAYS = 120


@require_GET
@login_required
def cohort(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.view_cohort")
    return render(
        request,
        "mentoring/cohort.html",
        {
            "programme": programme,
            "members": selectors.cohort_members(programme),
            "meetings": selectors.cohort_meetings_of(programme),
            "posts": programme.cohort.posts.select_related("author")[:5]
            if programme.cohort
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def cohort_meeting_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.manage_programme")
    form = CohortMeetingForm(request.POST or None, schools=family_schools(programme.family))
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_meeting_create(
                actor=request.user, programme=programme, **form.to_values()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Date set: the cohort has been invited."))
            return redirect(programme)
    return render(
        request, "mentoring/cohort_meeting_form.html", {"programme": programme, "form": form}
    )


@require_GET
@login_required
def cohort_meeting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_cohort_meeting_for_user(request.user, pk)
    return render(
        request,
        "mentoring/cohort_meeting.html",
        {
            "meeting": meeting,
            "programme": meeting.programme,
            "topics": selectors.cohort_topics(meeting, request.user),
            "topic_form": TopicForm(),
            "location": emails.cohort_meeting_location(meeting),
            "now": timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def cohort_meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_cohort_meeting_for_user(
        request.user, pk, perm="mentoring.schedule_cohort_meeting"
    )
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    initial = {
        "title": meeting.title,
        "day": start.date(),
        "start_time": start.time(),
        "end_time": end.time(),
        "host_school": meeting.host_school_id,
        "location": meeting.location,
        "online_url": meeting.online_url,
    }
    form = CohortMeetingForm(
        request.POST or None,
        initial=initial,
        schools=family_schools(meeting.programme.family),
        version=edit_version(meeting, services.COHORT_MEETING_EDIT_FIELDS),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: services.cohort_meeting_update(
                actor=request.user, meeting=meeting, version=form.version, **form.to_values()
            ),
        )
    ):
        messages.success(request, _("Saved: the cohort has been sent the change."))
        return redirect(meeting.programme)
    return render(
        request,
        "mentoring/cohort_meeting_form.html",
        {"programme": meeting.programme, "form": form, "meeting": meeting},
        status=form_status(form),
    )


@require_POST
@login_required
def cohort_meeting_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_cohort_meeting_for_user(
        request.user, pk, perm="mentoring.schedule_cohort_meeting"
    )
    services.cohort_meeting_cancel(actor=request.user, meeting=meeting)
    messages.info(request, _("Cancelled: the cohort has been told."))
    return redirect(meeting.programme)


@require_POST
@login_required
def cohort_topic_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_cohort_meeting_for_user(request.user, pk)
    form = TopicForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(meeting)
    try:
        services.cohort_topic_propose(actor=request.user, meeting=meeting, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Proposed, with your vote."))
    return redirect(f"{meeting.get_absolute_url()}#agenda")


@require_POST
@login_required
def cohort_vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(CohortTopic.objects.select_related("meeting"), pk=pk)
    meeting = get_cohort_meeting_for_user(request.user, topic.meeting_id)
    form = VoteForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(meeting)
    wanted = services.cohort_vote(
        actor=request.user, topic=topic, wanted=form.cleaned_data["wanted"]
    )
    messages.success(request, _("Vote counted.") if wanted else _("Vote taken back."))
    return redirect(f"{meeting.get_absolute_url()}#topic-{topic.pk}")


@require_http_methods(["GET", "POST"])
@login_required
def cohort_notes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_cohort_meeting_for_user(request.user, pk)
    form = CohortNotesForm(
        request.POST or None,
        initial={"notes": meeting.notes},
        version=edit_version(meeting, services.COHORT_NOTES_FIELDS),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_notes_save(
                actor=request.user, meeting=meeting, notes=form.cleaned_data["notes"],
                version=form.version,
            )  # fmt: skip
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Notes saved."))
            return redirect(f"{meeting.get_absolute_url()}#notes")
    return render(
        request, "mentoring/cohort_notes.html", {"meeting": meeting, "form": form}, status=status
    )


@require_GET
@login_required
def cohort_meeting_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_cohort_meeting_for_user(request.user, pk)
    calendar = build_calendar(
        [emails.cohort_meeting_event(meeting)],
        method=Method.PUBLISH,
        name=meeting.title,
        prodid=emails.PRODID,
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-meeting-{meeting.pk}.ics"'
    return response


@require_GET
@login_required
def feed_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_mentoring(request.user)
    feed = services.coaching_feed_of(request.user)
    url = request.build_absolute_uri(reverse("mentoring:feed", args=[feed.token]))
    return render(request, "mentoring/feed_settings.html", {"feed_url": url})


@require_POST
@login_required
def feed_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_mentoring(request.user)
    services.coaching_feed_reset(actor=request.user)
    messages.success(request, _("Your coaching calendar has a new address; the old one is off."))
    return redirect("mentoring:feed_settings")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret-address feed of a person's pair and cohort meetings: times, places and
    links only."""
    found = CoachingFeed.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    pair_meetings = selectors.coaching_meetings_of(found.user).filter(ends_at__gte=since)
    cohort_meetings = selectors.cohort_meetings_for(found.user).filter(ends_at__gte=since)
    events = [emails.pair_meeting_event(m) for m in pair_meetings.select_related("created_by")]
    events += [
        emails.cohort_meeting_event(m)
        for m in cohort_meetings.select_related("programme__created_by")
    ]
    response = HttpResponse(
        emails.feed_calendar(found.user, events), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    return response
