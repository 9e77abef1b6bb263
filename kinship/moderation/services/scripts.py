"""Pupils' scripts: uploading their pages, deleting them, and logging who viewed pupil work."""

import secrets
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.queue import enqueue_with_change
from kinship.core.uploads import CheckedUpload, Kind
from kinship.moderation import selectors
from kinship.moderation.models import Page, Round, Script, new_script_code
from kinship.schools.models import School

MAX_PAGES = 30


def _store(round_: Round, code: str, number: int, content: bytes, extension: str) -> str:
    # A random part too: a stored name says nothing and cannot be guessed.
    name = f"moderation/{round_.pk}/{code}/{number:02d}-{secrets.token_hex(8)}{extension}"
    return default_storage.save(name, ContentFile(content))


def _unique_code(round_: Round) -> str:
    for _ in range(20):
        code = new_script_code()
        if not round_.scripts.filter(code=code).exists():
            return code
    raise IntegrityError("could not find a free script code")  # 10¹² codes: never happens


def script_upload(
    *,
    actor: User,
    round_: Round,
    school: School,
    grade: int,
    files: Sequence[CheckedUpload] = (),
    text: str = "",
    anchor: bool = False,
) -> Script:
    """Store one pupil's script: checked files (images as pages, each PDF page drawn into an
    image by a background task) and/or typed text. The script gets a random code; nothing
    about the pupil is kept. One transaction, and no stored file outlives a failure."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            script = _script_save(actor, round_, school, grade, files, text, anchor, stored)
    except Exception:
        for name in stored:
            default_storage.delete(name)
        raise
    if script.pages.filter(status=Page.Status.RENDERING).exists():
        from kinship.moderation.tasks import render_pdf_pages

        enqueue_with_change(render_pdf_pages, script.pk)
    return script


def _script_save(
    actor: User,
    round_: Round,
    school: School,
    grade: int,
    files: Sequence[CheckedUpload],
    text: str,
    anchor: bool,
    stored: list[str],
) -> Script:
    if round_.status == Round.Status.CLOSED:
        raise ValidationError("This round is closed.")
    if not round_.schools.filter(school=school).exists():
        raise ValidationError({"school": f"{school.name} is not in this round."})
    if not 0 <= grade < len(round_.levels):
        raise ValidationError({"grade": "Choose one of the round's levels."})
    text = text.strip()
    if not files and not text:
        raise ValidationError("Upload the pages or type the text of the script.")
    pages = sum((f.pages or 1) if f.kind == Kind.PDF else 1 for f in files)
    if pages > MAX_PAGES:
        raise ValidationError(f"A script can have at most {MAX_PAGES} pages; this has {pages}.")
    script = Script.objects.create(
        round=round_,
        school=school,
        code=_unique_code(round_),
        school_grade=grade,
        text=text,
        anchor=anchor,
        uploaded_by=actor,
    )
    number = 0
    for upload in files:
        extension = "." + upload.filename.rsplit(".", 1)[-1].lower()
        name = _store(round_, script.code, number + 1, upload.content, extension)
        stored.append(name)
        if upload.kind == Kind.PDF:
            for page in range(upload.pages or 1):
                number += 1
                Page.objects.create(
                    script=script,
                    number=number,
                    source=name,
                    source_page=page,
                    status=Page.Status.RENDERING,
                )
        else:
            number += 1
            Page.objects.create(
                script=script,
                number=number,
                source=name,
                image=name,
                content_type=upload.content_type,
            )
    audit_log(
        actor=actor,
        action="moderation.script_upload",
        target=script,
        summary=f"Uploaded script {script.code} ({number} pages)",
        detail={"round": round_.pk, "school": school.pk},
    )
    return script


def script_delete(*, actor: User, script: Script) -> None:
    if script.round.status != Round.Status.UPLOADING:
        raise ValidationError("Scripts can be withdrawn only while samples are being collected.")
    names = {p.source for p in script.pages.all()} | {
        p.image for p in script.pages.all() if p.image
    }
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="moderation.script_delete",
            target=script,
            summary=f"Withdrew script {script.code}",
        )
        script.delete()
    for name in names:
        default_storage.delete(name)


def pupil_work_viewed(*, actor: User, scripts: Sequence[Script], where: str, request: Any) -> None:
    """Every view of pupil work goes in the audit log: who, which scripts (codes), where."""
    if not scripts:
        return
    codes = [s.code for s in scripts]
    audit_log(
        actor=actor,
        action=selectors.VIEW_PUPIL_WORK,
        target=scripts[0].round,
        summary=f"Viewed {len(codes)} script(s) on {where}: {', '.join(codes[:8])}"[:255],
        detail={"scripts": codes, "where": where},
        request=request,
    )


# A page's images come in a request each, just after the page that shows them has logged
# the view: within this time of a logged view of the same script they are that view.
IMAGE_VIEW_WINDOW = timedelta(minutes=30)


def page_image_viewed(*, actor: User, script: Script, request: Any) -> bool:
    """A page image of `script` was sent to `actor`: logged, unless the view of the script it
    belongs to already is (one row a script, not one an image). True when logged here."""
    since = timezone.now() - IMAGE_VIEW_WINDOW
    if selectors.pupil_work_view_logged(actor.pk, script, since=since):
        return False
    pupil_work_viewed(actor=actor, scripts=[script], where="page image", request=request)
    return True
