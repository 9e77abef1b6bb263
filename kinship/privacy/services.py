"""Export and erasure of a person's data (UK GDPR articles 15, 17 and 20), and retention.

Every app declares its relations to a person in its `privacy.py` (see `registry`); this module
reads those declarations and never imports the apps. docs/retention.md is the written policy.
"""

from __future__ import annotations

import io
import json
import secrets
import zipfile
from datetime import datetime, timedelta
from importlib import import_module
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from kinship.core.audit import ERASE_ACTION, address_digest, audit_log
from kinship.core.models import AuditEntry
from kinship.membership import visibility
from kinship.privacy.registry import Erase, Relation, erase_steps, relations

if TYPE_CHECKING:  # privacy knows no feature app at run time
    from kinship.accounts.models import User

FORMER_MEMBER = "Former member"
ERASED_DOMAIN = "erased.invalid"  # RFC 2606: never deliverable
NEVER_EXPORTED = frozenset({"password", "key", "token", "token_hash", "feed_token", "secret"})
ACCOUNT_FIELDS = (
    "email", "display_name", "job_title", "phone", "phone_visibility", "email_visibility",
    "account_type", "listed_in_directory", "ask_me_about", "date_joined", "last_login",
)  # fmt: skip


class PersonNotFound(Exception):
    pass


def one_line(text: str) -> str:
    """`text` for a one-line message on standard error, whatever it holds."""
    return text.encode("unicode_escape").decode("ascii")


def person_by_email(email: str) -> Any:
    """The account with this address (any case), or PersonNotFound."""
    person = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise PersonNotFound(email)
    return person


def _rows(relation: Relation, user: User) -> models.QuerySet[Any]:
    model = relation.model_class()
    return model._default_manager.filter(**{relation.field: user}).distinct()


def _is_pupil(user: User) -> bool:
    return visibility.is_pupil_record(user)  # erased people are inactive: a record check


def _row_data(row: models.Model, relation: Relation) -> dict[str, Any]:
    hidden = NEVER_EXPORTED | set(relation.exclude)
    data: dict[str, Any] = {}
    for field in row._meta.concrete_fields:
        if field.name in hidden:
            continue
        value = field.value_from_object(row)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        data[field.name] = value
    return data


def _row_files(row: models.Model) -> list[tuple[str, models.FileField, str]]:
    files = []
    for field in row._meta.concrete_fields:
        if isinstance(field, models.FileField):
            value = getattr(row, field.name)
            if value:
                files.append((field.name, field, value.name))
    return files


def export_document(*, user: User) -> tuple[dict[str, dict[str, Any]], list[tuple[str, bytes]]]:
    """The person's data as {app label: {"Model.field": [rows]}} and their uploaded files as
    (path in the archive, content). Only rows that point at the person are included."""
    by_app: dict[str, dict[str, Any]] = {}
    files: list[tuple[str, bytes]] = []
    for relation in relations():
        if not relation.export:
            continue
        model = relation.model_class()
        rows = list(_rows(relation, user).order_by("pk"))
        if not rows:
            continue
        app = by_app.setdefault(model._meta.app_label, {})
        app[f"{model.__name__}.{relation.field}"] = [_row_data(row, relation) for row in rows]
        for row in rows:
            for field_name, field, name in _row_files(row):
                path = f"files/{model._meta.label_lower}/{row.pk}/{field_name}/"
                path += PurePosixPath(name).name
                try:
                    with field.storage.open(name, "rb") as handle:
                        files.append((path, handle.read()))
                except OSError:
                    continue  # a file the storage has lost is listed in the JSON, not the archive
    return by_app, files


def _account_data(user: User) -> dict[str, Any]:
    data = {name: getattr(user, name) for name in ACCOUNT_FIELDS}
    data["expertise"] = sorted(user.expertise.values_list("name", flat=True))
    return data


def _audit_data(user: User) -> list[dict[str, Any]]:
    entries = AuditEntry.objects.filter(actor_id=user.pk).order_by("seq", "pk")
    fields = ("at", "action", "object_type", "object_id", "summary")
    return [dict(row) for row in entries.values(*fields)]


def privacy_export(*, actor: User | None, user: User, request: HttpRequest | None = None) -> bytes:
    """A ZIP of everything Kinship holds about `user`: `account.json`, one JSON file per app,
    `audit.json` (what they did that was logged) and their uploaded files. Audited."""
    by_app, files = export_document(user=user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(user))
        archive.writestr("account.json", _json(_account_data(user)))
        for app_label, data in sorted(by_app.items()):
            archive.writestr(f"{app_label}.json", _json(data))
        archive.writestr("audit.json", _json(_audit_data(user)))
        for path, content in files:
            archive.writestr(path, content)
    audit_log(
        actor=actor, action="privacy.export", target=user,
        summary="Personal data exported", request=request,
    )  # fmt: skip
    return buffer.getvalue()


def _json(data: Any) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _readme(user: User) -> str:
    return (
        "Everything Kinship holds about you, as of "
        f"{timezone.localtime():%a %-d %b %Y %H:%M}.\n\n"
        "account.json   your account and profile\n"
        "<app>.json     one file per part of Kinship: each list holds the records that point "
        "at you (ids stand for other records)\n"
        "audit.json     the actions of yours that Kinship logged\n"
        "files/         the files you uploaded\n\n"
        "docs/retention.md in Kinship says what is kept how long and why.\n"
    )


def _delete_rows(relation: Relation, user: User) -> None:
    model = relation.model_class()
    field = None if "__" in relation.field else model._meta.get_field(relation.field)
    if isinstance(field, models.ManyToManyField):
        through: Any = field.remote_field.through
        through._default_manager.filter(**{field.m2m_reverse_field_name(): user}).delete()
        return
    rows = model._default_manager.filter(**{relation.field: user})
    if relation.retention_exempt is not None:
        rows = rows.exclude(pk__in=relation.retention_exempt(rows).values("pk"))
    rows.delete()


def _sessions_delete(user: User) -> None:
    if "db" not in settings.SESSION_ENGINE:
        return  # the account is inactive with an unusable password: no session holds
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store(session_key=session.session_key).delete()


@transaction.atomic
def privacy_erase(*, actor: User | None, user: User, request: HttpRequest | None = None) -> None:
    """Erase `user` as docs/retention.md says: each app's rows are deleted, kept as a former
    member's, or retained; the account becomes an inactive "Former member" with an address
    that can never receive email. Repeating it does nothing. Audited (by id, never by name)."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if user.erased_at is not None:
        return
    name, email, is_pupil = user.display_name, user.email, _is_pupil(user)
    for relation in relations():
        if relation.erase_for(is_pupil=is_pupil) is Erase.DELETE:
            _delete_rows(relation, user)
    user.email = f"former-member-{user.pk}-{secrets.token_hex(4)}@{ERASED_DOMAIN}"
    user.display_name = FORMER_MEMBER
    user.job_title = user.phone = user.ask_me_about = ""
    user.listed_in_directory = False
    user.phone_visibility = user.email_visibility = "nobody"
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.erased_at = timezone.now()
    user.save()
    user.expertise.clear()
    user.groups.clear()
    user.user_permissions.clear()
    for step in erase_steps():
        step(user, name=name, email=email)
    _sessions_delete(user)
    # By id and a digest of the address, never the address: older entries that name the
    # person are then shown as a former member's (kinship.core.audit.erased_people).
    audit_log(
        actor=actor, action=ERASE_ACTION, target=user, summary="Personal data erased",
        detail={"person": user.pk, "address": address_digest(email)}, request=request,
    )  # fmt: skip


def retention_apply(*, now: datetime | None = None) -> int:
    """Delete what was kept after an erasure once its time is up (a pupil's posts after
    PUPIL_POST_RETENTION_DAYS). Returns how many rows went. Safe to repeat and to overlap:
    each run deletes only what is due and still there."""
    now = now or timezone.now()
    people = get_user_model().objects.filter(erased_at__isnull=False)
    deleted = 0
    for relation in relations():
        for is_pupil in (True, False):
            if relation.erase_for(is_pupil=is_pupil) is not Erase.RETAIN_THEN_DELETE:
                continue
            assert relation.retain_days is not None  # the registry checks it
            due = people.filter(erased_at__lte=now - timedelta(days=relation.retain_days()))
            pupils = visibility.pupil_records_among(due).values("pk")
            due = due.filter(pk__in=pupils) if is_pupil else due.exclude(pk__in=pupils)
            rows = relation.model_class()._default_manager.filter(**{f"{relation.field}__in": due})
            if relation.retention_exempt is not None:
                rows = rows.exclude(pk__in=relation.retention_exempt(rows).values("pk"))
            with transaction.atomic():
                pks = list(rows.select_for_update().values_list("pk", flat=True))
                if pks:
                    model = relation.model_class()
                    deleted += (
                        model._default_manager.filter(pk__in=pks)
                        .delete()[1]
                        .get(model._meta.label, 0)
                    )
    return deleted
