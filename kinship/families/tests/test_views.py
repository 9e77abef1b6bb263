from django.urls import reverse

from kinship.conftest import signed_in_client
from kinship.core.models import AuditEntry
from kinship.families.models import Family, FamilyMembership, FamilyRole
from kinship.families.services import family_create, family_school_add, family_school_invite


def test_dashboard_lists_my_families_and_circles(client_for, people):
    response = client_for("teacher").get(reverse("families:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kaizen Network" in body
    assert "Y6 teachers" in body
    assert "Heads&#x27; room" in body  # the teacher is a member
    assert "Fellside Heads" not in body


def test_dashboard_redirects_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("families:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_dashboard_refuses_post(client_for, people):
    assert client_for("head").post(reverse("families:dashboard")).status_code == 405


def test_dashboard_queries_do_not_grow_with_families(people, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        client = signed_in_client(people.head)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("families:dashboard")).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(5):
        family = family_create(actor=people.admin, name=f"Family {n}", kind=Family.Kind.OTHER)
        family_school_add(actor=people.admin, family=family, school=people.school)
    assert count() == before


def test_family_page_shows_members_in_a_table_and_map(client_for, people):
    response = client_for("teacher").get(people.family.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    for school in (people.school, people.second_school, people.shared_school):
        assert school.name in body
    assert "<svg" in body


def test_family_page_is_hidden_from_other_families(client_for, people):
    assert client_for("outsider").get(people.family.get_absolute_url()).status_code == 404


def test_coordinator_invites_a_school_and_its_lead_accepts(client_for, people):
    url = reverse("families:school_invite", args=[people.other_family.slug])
    response = client_for("outsider").post(url, {"urn": people.school.urn})
    assert response.status_code == 302
    membership = FamilyMembership.objects.get(family=people.other_family, school=people.school)
    assert membership.status == FamilyMembership.Status.INVITED

    head = client_for("head")
    assert "Fellside Heads" in head.get(reverse("families:dashboard")).content.decode()
    respond = reverse(
        "families:membership_respond", args=[people.other_family.slug, people.school.urn]
    )
    assert head.post(respond, {"decision": "accept"}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == FamilyMembership.Status.ACTIVE


def test_unknown_urn_gets_a_clear_message(client_for, people):
    client = client_for("coordinator")
    url = reverse("families:school_invite", args=[people.family.slug])
    response = client.post(url, {"urn": 999999}, follow=True)
    assert "No school has URN 999999" in response.content.decode()


def test_staff_cannot_invite_schools(client_for, people):
    url = reverse("families:school_invite", args=[people.family.slug])
    assert client_for("teacher").post(url, {"urn": people.other_school.urn}).status_code == 403


def test_only_the_invited_schools_lead_can_respond(client_for, people):
    family_school_invite(actor=people.outsider, family=people.other_family, school=people.school)
    respond = reverse(
        "families:membership_respond", args=[people.other_family.slug, people.school.urn]
    )
    assert client_for("teacher").post(respond, {"decision": "accept"}).status_code == 404


def test_a_lead_can_take_their_school_out_of_a_family(client_for, people):
    url = reverse("families:membership_leave", args=[people.family.slug, people.school.urn])
    assert client_for("head").post(url).status_code == 302
    assert (
        FamilyMembership.objects.get(family=people.family, school=people.school).status
        == FamilyMembership.Status.LEFT
    )
    url = reverse("families:membership_leave", args=[people.family.slug, people.second_school.urn])
    assert client_for("head").post(url).status_code == 404  # no longer in the family


def test_coordinators_can_add_coordinators_and_it_is_audited(client_for, people):
    url = reverse("families:coordinator_add", args=[people.family.slug])
    client_for("coordinator").post(url, {"email": people.head.email})
    assert FamilyRole.objects.filter(
        family=people.family, user=people.head, role=FamilyRole.Role.COORDINATOR
    ).exists()
    assert AuditEntry.objects.filter(action="role.grant", summary__contains=people.head.email)


def test_family_edit_validates_and_saves(client_for, people):
    url = reverse("families:family_edit", args=[people.family.slug])
    client = client_for("coordinator")
    response = client.post(url, {"name": "", "kind": "trust"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    client.post(url, {"name": "Kaizen Trust", "kind": "trust", "description": "Now a trust"})
    people.family.refresh_from_db()
    assert people.family.name == "Kaizen Trust"
    assert client_for("head").get(url).status_code == 403


def test_a_head_starts_a_family(client_for, people):
    response = client_for("head").post(
        reverse("families:family_create"), {"name": "Reading network", "kind": "subject_network"}
    )
    family = Family.objects.get(name="Reading network")
    assert response["Location"] == family.get_absolute_url()
    assert client_for("teacher").get(reverse("families:family_create")).status_code == 403


def test_confidential_circle_is_a_404_for_its_coordinator_and_admins(client_for, people):
    url = people.confidential_circle.get_absolute_url()
    assert client_for("head").get(url).status_code == 200
    assert client_for("coordinator").get(url).status_code == 404
    assert client_for("admin").get(url).status_code == 404


def test_members_post_in_a_circle_and_markdown_is_sanitised(client_for, people):
    url = reverse("families:circle_post", args=[people.confidential_circle.pk])
    client = client_for("teacher")
    client.post(url, {"body": "**Budget** <script>alert(1)</script>"})
    body = client.get(people.confidential_circle.get_absolute_url()).content.decode()
    assert "<strong>Budget</strong>" in body
    assert "<script>alert(1)" not in body


def test_family_staff_join_and_leave_open_circles(client_for, people):
    client = client_for("head")
    client.post(reverse("families:circle_join", args=[people.open_circle.pk]))
    assert people.open_circle.memberships.filter(user=people.head).exists()
    client.post(reverse("families:circle_leave", args=[people.open_circle.pk]))
    assert not people.open_circle.memberships.filter(user=people.head).exists()
    join = reverse("families:circle_join", args=[people.confidential_circle.pk])
    assert client_for("coordinator").post(join).status_code == 404


def test_head_creates_a_confidential_circle(client_for, people):
    url = reverse("families:circle_create", args=[people.family.slug])
    client = client_for("head")
    response = client.post(
        url, {"name": "Heads only", "confidential": "on", "members": [people.teacher.pk]}
    )
    assert response.status_code == 302
    circle = people.head.circles.get(name="Heads only")
    assert circle.confidential
    assert set(circle.members.all()) == {people.head, people.teacher}
    assert client_for("teacher").get(url).status_code == 403


def test_circle_member_counts_count_everyone_not_just_me(client_for, people):
    body = client_for("teacher").get(reverse("families:circle_list")).content.decode()
    # Heads' room has the head and the teacher; Y6 teachers the coordinator and the teacher.
    assert body.count('<td class="text-end">2</td>') == 2


def test_a_pupil_s_dashboard_shows_the_pupil_forum_not_the_adults_work(client_for):
    response = client_for("pupil").get(reverse("families:dashboard"), follow=True)
    body = response.content.decode()
    assert response.redirect_chain and "/forums/" in response.redirect_chain[-1][0]
    assert "My families" not in body and "My circles" not in body
    assert "What is new" not in body


def test_the_header_keeps_account_links_apart_from_the_sections(client_for):
    body = client_for("teacher").get(reverse("families:dashboard")).content.decode()
    account = body[body.index('aria-label="Your account"') : body.index('aria-label="Main"')]
    assert "Sign out" in account and "Notifications" in account and "Tom Teacher" in account
    sections = body[body.index('aria-label="Main"') : body.index('id="main"')]
    for name in ("Calendar", "Visits", "Coaching", "Moderation", "Library", "Forums", "Schools"):
        assert f">{name}</a>" in sections, name


def test_a_circles_older_messages_are_a_page_away(client_for, people, monkeypatch):
    from kinship.families import views
    from kinship.families.services import circle_post_create

    monkeypatch.setattr(views, "CIRCLE_POSTS_PER_PAGE", 2)
    for n in range(3):
        circle_post_create(actor=people.teacher, circle=people.open_circle, body=f"Message {n}")
    url = people.open_circle.get_absolute_url()
    first = client_for("teacher").get(url).content.decode()
    assert '<nav aria-label="Pages">' in first and 'href="?page=2"' in first
    both = first + client_for("teacher").get(f"{url}?page=2").content.decode()
    assert all(f"Message {n}" in both for n in range(3))


def test_a_school_is_invited_by_its_name_or_town_not_only_its_urn(client_for, people):
    """Issue 19: "Garstang" used to give "Enter a whole number"."""
    client = client_for("coordinator")
    url = reverse("families:school_invite", args=[people.family.slug])
    other = people.other_school
    response = client.post(url, {"school": other.name.upper()}, follow=True)
    assert f"Invited {other.name}" in response.content.decode()
    assert FamilyMembership.objects.filter(family=people.family, school=other).exists()


def test_several_matches_are_offered_to_choose_from_and_none_is_a_clear_message(client_for, people):
    from kinship.conftest import make_school

    make_school(300201, "Garstang St Thomas' CE Primary School", town="Garstang")
    make_school(300202, "Garstang Community Primary School", town="Garstang")
    closed = make_school(300203, "Garstang Old School", town="Garstang")
    type(closed).objects.filter(pk=closed.pk).update(is_open=False)
    client = client_for("coordinator")
    url = reverse("families:school_invite", args=[people.family.slug])
    page = client.post(url, {"school": "  garstang "}).content.decode()
    assert "2 open schools match “garstang”" in page
    assert "Garstang Community Primary School" in page and "Garstang Old School" not in page
    assert 'name="urn" value="300202"' in page
    assert not FamilyMembership.objects.filter(school__urn__in=[300201, 300202]).exists()
    chosen = client.post(url, {"urn": "300202"}, follow=True).content.decode()
    assert "Invited Garstang Community Primary School" in chosen
    none = client.post(url, {"school": "Atlantis"}, follow=True).content.decode()
    assert "No open school&#x27;s name, town or postcode matches “Atlantis”" in none
    blank = client.post(url, {"school": " "}, follow=True).content.decode()
    assert "Enter a school&#x27;s name, town, postcode or URN" in blank
    assert client.post(url, {"urn": "x" * 5}, follow=True).status_code == 200
