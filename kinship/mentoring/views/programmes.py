"""Programme pages: the coaching home, setting up a programme, joining, profiles,
nominations, conflicts, the journal, feedback and the report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.accounts.models import User
from kinship.core.concurrency import edit_version, form_status, saved
from kinship.core.feedback import apply_errors, report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.families.views import get_family_for_user
from kinship.membership.visibility import family_staff_people
from kinship.mentoring import selectors, services
from kinship.mentoring.forms import (
    ConflictForm,
    FeedbackForm,
    JournalForm,
    NominateForm,
    ProfileForm,
    ProgrammeForm,
)
from kinship.mentoring.models import Conflict, Participant, Programme
from kinship.mentoring.views.access import (
    get_participant_for_user,
    get_programme_for_user,
    require_mentoring,
)


def _family_people(programme: Programme) -> QuerySet[User]:
    return family_staff_people(programme.family).order_by("display_name")


@require_GET
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_mentoring(request.user)
    user = request.user
    return render(
        request,
        "mentoring/home.html",
        {
            "places": selectors.places_of(user),
            "pairs": selectors.pairs_of(user),
            "open_programmes": selectors.programmes_open_to(user),
            "coordinated": selectors.programmes_coordinated_by(user),
            "families_run": selectors.families_coordinated_by(user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def programme_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug, perm="families.change_family")
    form = ProgrammeForm(request.POST or None)
    if form.is_valid():
        try:
            programme = services.programme_create(
                actor=request.user, family=family, fields=form.to_fields()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is open for applications.") % {"name": programme.name}
            )
            return redirect(programme)
    return render(request, "mentoring/programme_form.html", {"form": form, "family": family})


@require_GET
@login_required
def programme_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk)
    user = request.user
    can_manage = user.has_perm("mentoring.manage_programme", programme)
    mine = selectors.place_in(user, programme)
    return render(
        request,
        "mentoring/programme_detail.html",
        {
            "programme": programme,
            "mine": mine,
            "my_conflicts": mine.conflicts.select_related("other") if mine else [],
            "can_manage": can_manage,
            "can_join": user.has_perm("mentoring.join_programme", programme),
            "in_cohort": user.has_perm("mentoring.view_cohort", programme),
            "circles_to_adopt": selectors.circles_to_adopt(user, programme) if mine else [],
            "participants": selectors.participants_of(programme) if can_manage else [],
            "conflicts": Conflict.objects.filter(participant__programme=programme).select_related(
                "participant__user", "other"
            )
            if can_manage
            else [],
            "cohort_meetings": selectors.cohort_meetings_of(programme),
            "nominate_form": NominateForm(),
            "conflict_form": ConflictForm(people=_family_people(programme).exclude(pk=user.pk)),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def programme_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.manage_programme")
    form = ProgrammeForm(
        request.POST or None,
        initial=ProgrammeForm.initial_from(programme),
        version=edit_version(programme, services.PROGRAMME_EDIT_FIELDS),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: services.programme_update(
                actor=request.user,
                programme=programme,
                fields=form.to_fields(),
                version=form.version,
            ),
        )
    ):
        messages.success(request, _("Saved."))
        return redirect(programme)
    return render(
        request,
        "mentoring/programme_form.html",
        {"form": form, "family": programme.family, "programme": programme},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def programme_join(request: AuthenticatedHttpRequest, pk: int, role: str) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.join_programme")
    if role not in Participant.Role.values:
        raise Http404
    schools = selectors.school_choices_for(request.user, programme, role)
    form = ProfileForm(
        request.POST or None, role=role, schools=schools, initial={"school": schools.first()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_join(
                actor=request.user, programme=programme, role=role, profile=form.to_profile()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you: the coordinators will confirm your place."))
            return redirect(programme)
    return render(
        request,
        "mentoring/profile_form.html",
        {"form": form, "programme": programme, "role": role, "joining": True},
    )


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Your own profile in a programme; a nominee who saves it takes their place."""
    programme = get_programme_for_user(request.user, pk)
    participant = Participant.objects.filter(programme=programme, user=request.user).first()
    if participant is None:
        raise Http404
    schools = selectors.school_choices_for(request.user, programme, participant.role)
    form = ProfileForm(
        request.POST or None,
        role=participant.role,
        schools=schools,
        initial=ProfileForm.initial_from(participant),
        version=edit_version(participant, services.PROFILE_FIELDS),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: services.participant_profile_update(
                actor=request.user,
                participant=participant,
                profile=form.to_profile(),
                version=form.version,
            ),
        )
    ):
        messages.success(request, _("Your profile is saved."))
        return redirect(programme)
    return render(
        request,
        "mentoring/profile_form.html",
        {
            "form": form,
            "programme": programme,
            "role": participant.role,
            "participant": participant,
        },
        status=form_status(form),
    )


@require_POST
@login_required
def nominate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.manage_programme")
    form = NominateForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(programme)
    try:
        services.participant_nominate(
            actor=request.user,
            programme=programme,
            user=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Nominated: they have been asked to complete their profile."))
    return redirect(programme)


@require_POST
@login_required
def participant_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = get_participant_for_user(request.user, pk, perm="mentoring.manage_participant")
    try:
        services.participant_accept(actor=request.user, participant=participant)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("%(name)s takes part.") % {"name": participant.user})
    return redirect(participant.programme)


@require_POST
@login_required
def participant_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = get_participant_for_user(request.user, pk)
    try:
        services.participant_withdraw(actor=request.user, participant=participant)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.info(request, _("The place has been withdrawn."))
    return redirect(participant.programme)


@require_POST
@login_required
def cohort_adopt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk)
    circle = (
        selectors.circles_to_adopt(request.user, programme)
        .filter(pk=request.POST.get("circle") or 0)
        .first()
    )
    if circle is None:
        raise PermissionDenied(_("Choose a confidential circle you convene in this family."))
    try:
        services.programme_cohort_adopt(actor=request.user, programme=programme, circle=circle)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request, _("%(name)s is now the programme's cohort.") % {"name": circle.name}
        )
    return redirect(programme)


@require_POST
@login_required
def conflict_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk)
    participant = Participant.objects.filter(programme=programme, user=request.user).first()
    if participant is None:
        raise PermissionDenied(_("Join the programme before declaring a conflict."))
    form = ConflictForm(request.POST, people=_family_people(programme))
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(programme)
    try:
        services.conflict_declare(actor=request.user, participant=participant, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Noted: matching will not pair you with them."))
    return redirect(programme)


@require_POST
@login_required
def conflict_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conflict = get_object_or_404(
        Conflict.objects.select_related("participant__programme"),
        pk=pk,
        participant__user=request.user,
    )
    services.conflict_remove(actor=request.user, conflict=conflict)
    messages.info(request, _("Taken back."))
    return redirect(conflict.participant.programme)


def _journal_owner(request: AuthenticatedHttpRequest, pk: int) -> Participant:
    programme = get_programme_for_user(request.user, pk)
    participant = Participant.objects.filter(programme=programme, user=request.user).first()
    if participant is None or not request.user.has_perm("mentoring.keep_journal", participant):
        raise PermissionDenied(_("The journal is for the programme's new heads."))
    return participant


@require_http_methods(["GET", "POST"])
@login_required
def journal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = _journal_owner(request, pk)
    form = JournalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_add(actor=request.user, participant=participant, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved in your journal."))
            return redirect("mentoring:journal", pk)
    return render(
        request,
        "mentoring/journal.html",
        {
            "programme": participant.programme,
            "entries": participant.journal.all(),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def journal_edit(request: AuthenticatedHttpRequest, pk: int, entry_id: int) -> HttpResponse:
    participant = _journal_owner(request, pk)
    entry = get_object_or_404(participant.journal, pk=entry_id)
    form = JournalForm(
        request.POST or None,
        initial={"title": entry.title, "body": entry.body},
        version=edit_version(entry, services.JOURNAL_EDIT_FIELDS),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: services.journal_update(
                actor=request.user, entry=entry, version=form.version, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Entry saved."))
        return redirect("mentoring:journal", pk)
    back = reverse("mentoring:journal", args=[pk])
    return render(
        request,
        "mentoring/edit_form.html",
        {
            "form": form,
            "heading": _("Edit a journal entry"),
            "back": back,
            "back_label": _("Journal"),
        },
        status=form_status(form),
    )


@require_POST
@login_required
def journal_delete(request: AuthenticatedHttpRequest, pk: int, entry_id: int) -> HttpResponse:
    participant = _journal_owner(request, pk)
    entry = get_object_or_404(participant.journal, pk=entry_id)
    services.journal_delete(actor=request.user, entry=entry)
    messages.info(request, _("Entry deleted."))
    return redirect("mentoring:journal", pk)


@require_http_methods(["GET", "POST"])
@login_required
def feedback(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.give_feedback")
    participant = Participant.objects.get(programme=programme, user=request.user)
    current = getattr(participant, "feedback", None)
    initial = {"rating": current.rating, "comment": current.comment} if current else {}
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.feedback_save(actor=request.user, participant=participant, **form.cleaned_data)
        messages.success(request, _("Thank you for your feedback."))
        return redirect(programme)
    return render(request, "mentoring/feedback.html", {"programme": programme, "form": form})


@require_GET
@login_required
def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.manage_programme")
    data = selectors.programme_report(programme)
    chart = {
        "labels": [f"{row.mentee} / {row.coach}" for row in data.pairs],
        "held": [row.rhythm.held for row in data.pairs],
        "expected": [row.rhythm.expected for row in data.pairs],
    }
    return render(
        request, "mentoring/report.html", {"programme": programme, "report": data, "chart": chart}
    )
