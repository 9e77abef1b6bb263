"""What circles write to the audit log, which platform admins read (issue 15)."""

from kinship.accounts.services import user_create
from kinship.conftest import signed_in_client
from kinship.core.models import AuditEntry
from kinship.families.models import CircleMembership
from kinship.families.services import circle_member_add, circle_member_remove
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant


def test_audit_page_hides_who_joined_a_confidential_circle(people):
    joiner = user_create(email="quiet-joiner@a1.test", display_name="Quinn Quiet", password="x")
    school_role_grant(actor=None, user=joiner, school=people.school, role=SchoolRole.Role.STAFF)
    circle = people.confidential_circle
    since = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    circle_member_add(actor=people.head, circle=circle, user=joiner)
    circle_member_remove(
        actor=joiner, membership=CircleMembership.objects.get(circle=circle, user=joiner)
    )
    entries = AuditEntry.objects.filter(seq__gt=since)
    assert [e.action for e in entries.order_by("seq")] == [
        "circle.add_member", "circle.remove_member",
    ]  # fmt: skip
    for entry in entries:
        # That a confidential change happened, and nothing of who, by whom or which circle.
        assert entry.summary == "A confidential circle's membership changed"
        assert entry.actor_id is None and entry.actor_email == "" and entry.ip_address is None
        assert entry.object_type == "" and entry.object_id == "" and entry.detail == {}
    page = signed_in_client(people.admin).get("/audit/?action=circle").content.decode()
    assert "A confidential circle&#x27;s membership changed" in page
    for named in (joiner.email, joiner.display_name, people.head.email, circle.name):
        assert named not in page


def test_a_confidential_circle_s_creation_names_no_one(people):
    entries = AuditEntry.objects.filter(
        action__startswith="circle.", summary__contains="confidential"
    )
    assert entries.exists()  # the personas' "Heads' room", and adding the teacher to it
    assert not entries.exclude(actor_id=None).exists()
    assert not entries.exclude(object_id="").exists()


def test_open_circles_still_record_who_joined(people):
    circle_member_add(actor=people.coordinator, circle=people.open_circle, user=people.head)
    entry = AuditEntry.objects.get(action="circle.add_member", detail__user=people.head.pk)
    assert entry.actor_email == people.coordinator.email and people.head.email in entry.summary
