"""Every URL pattern against every role: each cell an explicit allow or deny.

"ok" means the request was served (200) or the action done (a redirect that is not to the
sign-in page); "login" means an anonymous visitor was sent to sign in; numbers are statuses.
A suite-level check fails when a named URL is missing from the matrix.
"""

from typing import Any

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.forms import BaseForm
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from kinship.accounts.services import invitation_create, user_create
from kinship.conftest import Personas, signed_in_client
from kinship.core.models import WorkerHeartbeat
from kinship.families.models import CircleMembership, FamilyRole
from kinship.families.services import family_role_grant, family_school_invite
from kinship.tests.matrix import (
    FAMILY_HIDDEN,
    LOGIN,
    NOT_FOR_PUPILS,
    OK,
    ROLES,
    STAFF_ONLY,
    Case,
    expect,
)
from kinship.tests.matrix_forums import FORUMS_CASES
from kinship.tests.matrix_insights import INSIGHTS_CASES
from kinship.tests.matrix_library import LIBRARY_CASES
from kinship.tests.matrix_meetings import MEETINGS_CASES
from kinship.tests.matrix_mentoring import MENTORING_CASES
from kinship.tests.matrix_moderation import MODERATION_CASES
from kinship.tests.matrix_term_calendars import TERM_CALENDAR_CASES
from kinship.tests.matrix_visits import VISITS_CASES


def _invitation(p: Personas) -> tuple[Any, str]:
    return invitation_create(actor=p.head, email="newcomer@a1.test", school=p.school, role="staff")


CASES: list[Case] = [
    # core
    Case("core:audit_log", expect(403, admin=OK)),
    Case(
        "core:healthz",
        expect(OK, anonymous=OK, pupil=OK),
        setup=lambda p: WorkerHeartbeat.objects.create(worker_id="matrix", seen_at=timezone.now()),
    ),
    # families
    Case("families:dashboard", expect(OK, pupil=OK)),  # a pupil is sent to the pupil forum
    Case("families:family_list", expect(OK, **STAFF_ONLY)),
    Case("families:family_create", expect(403, admin=OK, head=OK, outsider=OK)),
    Case(
        "families:family_detail",
        expect(OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    Case(
        "families:family_edit",
        expect(403, admin=OK, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    Case(
        "families:school_invite",
        expect(403, admin=OK, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
        method="post",
        data=lambda p: {"urn": p.other_school.urn},
    ),
    Case(
        "families:membership_respond",
        expect(404, head=OK),
        args=lambda p: [p.other_family.slug, p.school.urn],
        method="post",
        data=lambda p: {"decision": "accept"},
        setup=lambda p: family_school_invite(
            actor=p.outsider, family=p.other_family, school=p.school
        ),
    ),
    Case(
        "families:membership_leave",
        expect(403, admin=OK, coordinator=OK, head=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug, p.school.urn],
        method="post",
    ),
    Case(
        "families:coordinator_add",
        expect(403, admin=OK, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
        method="post",
        data=lambda p: {"email": p.head.email},
    ),
    Case(
        "families:coordinator_remove",
        expect(403, admin=OK, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [
            p.family.slug,
            family_role_grant(
                actor=p.admin,
                family=p.family,
                user=user_create(email="second@kinship.test", display_name="Second", password=None),
                role=FamilyRole.Role.COORDINATOR,
            ).pk,
        ],
        method="post",
    ),
    Case(
        "families:circle_create",
        expect(403, coordinator=OK, head=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    Case("families:circle_list", expect(OK, **STAFF_ONLY)),
    Case(
        "families:circle_detail",
        expect(404, head=OK, teacher=OK),
        args=lambda p: [p.confidential_circle.pk],
        label="confidential",
    ),
    Case(
        "families:circle_detail",
        expect(OK, **FAMILY_HIDDEN),
        args=lambda p: [p.open_circle.pk],
        label="open",
    ),
    Case(
        "families:circle_post",
        expect(404, head=OK, teacher=OK),
        args=lambda p: [p.confidential_circle.pk],
        method="post",
        data=lambda p: {"body": "Hello"},
    ),
    Case(
        "families:circle_join",
        expect(403, head=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.open_circle.pk],
        method="post",
    ),
    Case(
        "families:circle_leave",
        expect(403, teacher=OK, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.open_circle.pk],
        method="post",
        # Two conveners, so either may leave (the last convener may not).
        setup=lambda p: CircleMembership.objects.filter(
            circle=p.open_circle, user=p.teacher
        ).update(is_convener=True),
    ),
    Case(
        "families:circle_member_add",
        expect(403, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.open_circle.pk],
        method="post",
        data=lambda p: {"email": p.head.email},
    ),
    Case(
        "families:circle_member_remove",
        expect(403, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.open_circle.pk, p.teacher.pk],
        method="post",
    ),
    # accounts
    Case("accounts:login", expect(OK, anonymous=OK)),
    Case("accounts:logout", expect(302, anonymous=302, pupil=302), method="post"),
    Case("accounts:profile", expect(OK, pupil=OK)),  # a pupil is sent to "My account"
    Case("accounts:directory", expect(OK, **STAFF_ONLY)),
    # privacy: everyone but a pupil (whose requests go through the school) gets their data
    Case("privacy:your_data", expect(OK)),
    Case("privacy:your_data_download", expect(OK), method="post"),
    Case("accounts:password_change", expect(OK)),
    Case("accounts:password_change_done", expect(OK)),
    Case("accounts:password_reset", expect(OK, anonymous=OK)),
    Case("accounts:password_reset_done", expect(OK, anonymous=OK)),
    Case(
        "accounts:password_reset_confirm",
        expect(OK, anonymous=OK),
        args=lambda p: ["MQ", "set-password"],
    ),
    Case("accounts:password_reset_complete", expect(OK, anonymous=OK)),
    Case("accounts:two_factor", expect(OK)),
    Case("accounts:two_factor_verify", expect(OK)),
    Case("accounts:invitation_list", expect(403, coordinator=OK, head=OK, outsider=OK)),
    Case(
        "accounts:invitation_revoke",
        expect(404, head=OK),
        method="post",
        args=lambda p: [_invitation(p)[0].pk],
    ),
    Case(
        "accounts:invitation_accept",
        expect(OK, anonymous=OK),
        args=lambda p: [_invitation(p)[1]],
    ),
    # schools
    Case("schools:school_list", expect(OK, **STAFF_ONLY)),
    Case(
        "schools:school_detail",
        expect(OK),
        args=lambda p: [p.school.urn],
        label="in the family",
    ),
    Case(
        "schools:school_detail",
        expect(OK, partner=404),
        args=lambda p: [p.other_school.urn],
        label="other family",
    ),
    # The Django admin: platform admins only; everyone else is sent to the admin sign-in.
    Case("admin:index", expect(302, admin=OK, anonymous=302, pupil=NOT_FOR_PUPILS)),
    *TERM_CALENDAR_CASES,
    *MEETINGS_CASES,
    *MODERATION_CASES,
    *INSIGHTS_CASES,
    *VISITS_CASES,
    *MENTORING_CASES,
    *LIBRARY_CASES,
    *FORUMS_CASES,
]

CELLS = [(case, role) for case in CASES for role in ROLES]


@pytest.mark.parametrize(("case", "role"), CELLS, ids=[f"{c.id}-{r}" for c, r in CELLS])
def test_permission_matrix(people: Personas, case: Case, role: str) -> None:
    case.setup(people)
    url = reverse(case.url_name, args=case.args(people)) + case.query
    client = signed_in_client(people.by_role(role))
    response = getattr(client, case.method)(url, case.data_as(people, role))
    wanted = case.expected[role]
    location = response.get("Location", "")
    if wanted == OK:
        assert response.status_code in (200, 302), f"{role} got {response.status_code}"
        if response.status_code == 302:
            assert "/login/" not in location, f"{role} was sent to sign in"
        if case.method == "post":
            # A POST allowed must be done, not answered with the form's errors: a body the
            # form rejects would pass for "allowed" without the permission being exercised.
            assert _refusals(response) == [], f"{role}'s POST was refused"
    elif wanted == LOGIN:
        assert response.status_code == 302 and location.startswith(reverse("accounts:login"))
    else:
        assert response.status_code == wanted, f"{role} got {response.status_code}"


def _refusals(response: Any) -> list[str]:
    """Why a 200 or 302 answer to a POST did not do it: a bound form's errors in the page,
    or an error message for the next page."""
    found: list[str] = []
    for context in response.context or []:
        for value in context.flatten().values() if hasattr(context, "flatten") else []:
            if isinstance(value, BaseForm) and value.is_bound and value.errors:
                found.append(f"{type(value).__name__}: {value.errors.as_text()}")
    request = getattr(response, "wsgi_request", None)
    if request is not None:
        found += [str(m) for m in get_messages(request) if m.level >= messages.ERROR]
    return found


def _named_urls(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_named_url_is_in_the_matrix() -> None:
    named = {name for name in _named_urls(get_resolver().url_patterns)}
    # The admin's own pages sit behind admin:index's check, tested above.
    named = {name for name in named if not name.startswith("admin:")} | {"admin:index"}
    covered = {case.url_name for case in CASES}
    assert named - covered == set(), "URLs missing from the permission matrix"


def test_pupils_are_refused_every_page_not_made_for_them() -> None:
    """The matrix's pupil column agrees with the one list of pupil pages, so an adult page
    added later is checked against a signed-in pupil too."""
    from kinship.forums.middleware import PUPIL_INSTEAD, PUPIL_PAGES

    assert {case.url_name for case in CASES} >= PUPIL_PAGES
    for case in CASES:
        if case.url_name in PUPIL_INSTEAD:
            assert case.expected["pupil"] == OK, case.id  # sent on to the pupil page
        elif case.url_name not in PUPIL_PAGES:
            assert case.expected["pupil"] == NOT_FOR_PUPILS, case.id


def test_matrix_cells_are_all_explicit() -> None:
    for case in CASES:
        assert set(case.expected) == set(ROLES), case.id
