import pytest
from django.db import DatabaseError, transaction

from kinship.core.audit import audit_log
from kinship.core.models import AuditEntry


@pytest.mark.django_db
def test_audit_entries_cannot_be_changed():
    entry = audit_log(actor=None, action="test.write", summary="original")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(summary="rewritten")
    entry.refresh_from_db()
    assert entry.summary == "original"


@pytest.mark.django_db
def test_audit_entries_cannot_be_deleted():
    entry = audit_log(actor=None, action="test.write")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_audit_log_page_is_for_admins_only(client_for, people):
    audit_log(actor=people.head, action="test.visible", summary="something sensitive")
    response = client_for("admin").get("/audit/")
    assert response.status_code == 200
    assert "something sensitive" in response.content.decode()
    assert client_for("coordinator").get("/audit/").status_code == 403
