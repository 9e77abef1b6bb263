"""Finding a date: setting up a poll, answering it and closing it on the chosen slot."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kinship.core.feedback import apply_errors, report_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.meetings import selectors, services
from kinship.meetings.forms import PollCloseForm, PollForm, family_schools
from kinship.meetings.models import Audience, EventKind, PollAnswer
from kinship.meetings.views.access import fail, get_family_to_organise, get_poll_for_user


@require_http_methods(["GET", "POST"])
@login_required
def poll_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_to_organise(request.user, slug)
    form = PollForm(request.POST or None, family=family, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            poll = services.poll_create(
                actor=request.user,
                family=family,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                circle=form.cleaned_data["circle"],
                slots=form.cleaned_data["slots"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Poll ready: share its page with those asked."))
            return redirect(poll)
    return render(request, "meetings/poll_form.html", {"family": family, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def poll_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    poll = get_poll_for_user(request.user, pk)
    can_answer = request.user.has_perm("meetings.answer_poll", poll)
    if request.method == "POST":
        if not can_answer:
            raise fail(_("Only people asked in this poll can answer it."))
        answers: dict[int, str] = {}
        for key, value in request.POST.items():
            if key.startswith("slot-"):
                try:
                    answers[int(key.removeprefix("slot-"))] = str(value)
                except ValueError:
                    continue
        try:
            services.poll_answer(user=request.user, poll=poll, answers=answers)
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(request, _("Thank you: your answers are saved."))
        return redirect(poll)
    mine = dict(
        PollAnswer.objects.filter(slot__poll=poll, user=request.user).values_list(
            "slot_id", "answer"
        )
    )
    ranking = selectors.poll_ranking(poll)
    return render(
        request,
        "meetings/poll_detail.html",
        {
            "poll": poll,
            "ranking": ranking,
            "slots": [
                (r.slot, mine.get(r.slot.pk, ""))
                for r in sorted(ranking, key=lambda r: (r.slot.date, r.slot.start_time))
            ],
            "can_answer": can_answer and not poll.closed_at,
            "can_close": request.user.has_perm("meetings.close_poll", poll) and not poll.closed_at,
            "answers": PollAnswer.Answer.choices,
            "poll_schools": family_schools(poll.family),
            "answered": PollAnswer.objects.filter(slot__poll=poll)
            .values("user")
            .distinct()
            .count(),
        },
    )


@require_POST
@login_required
def poll_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    poll = get_poll_for_user(request.user, pk, perm="meetings.close_poll")
    form = PollCloseForm(request.POST, poll=poll)
    if not form.is_valid():
        messages.error(request, _("Choose one of the poll's dates, and a host school from it."))
        return redirect(poll)
    slot, data = form.cleaned_data["slot"], form.cleaned_data
    fields = services.SeriesFields(
        title=poll.title,
        kind=data["kind"] or EventKind.NETWORK_MEETING,
        description=poll.description,
        audience=Audience.CIRCLE if poll.circle_id else Audience.FAMILY,
        circle=poll.circle,
        host_school=data["host_school"],
        online_url=data["online_url"],
        start_time=slot.start_time,
        end_time=slot.end_time,
        first_date=slot.date,
    )
    try:
        series = services.poll_close(actor=request.user, poll=poll, slot=slot, fields=fields)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(poll)
    messages.success(request, _("Date chosen: the event is in the calendar and invitations sent."))
    return redirect(series)
