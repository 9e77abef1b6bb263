"""Word, Excel and PowerPoint files: zips checked for macros, bombs and fetches; names removed."""

import io
import re
import zipfile
from pathlib import PurePosixPath

from kinship.core.uploads.kinds import (
    LABELS,
    MB,
    OFFICE_MAIN_PART,
    Kind,
    UploadPolicy,
    UploadRefused,
)
from kinship.core.uploads.sniffing import polyglot

# Office documents

# Parts of an Office file that hold another program's file or code.
EMBEDDED_PARTS = re.compile(r"(?:^|/)(?:embeddings|activeX)/|oleObject\d*\.bin$", re.IGNORECASE)
# A relationship that makes Word fetch something when the file opens (a remote template, a
# linked object or frame); external hyperlinks are ordinary and stay.
EXTERNAL_FETCH = re.compile(
    rb'<Relationship\b[^>]*?Type="[^"]*/(?:attachedTemplate|oleObject|frame|subDocument'
    rb'|externalLinkPath|package|image)"[^>]*?TargetMode="External"'
    rb'|<Relationship\b[^>]*?TargetMode="External"[^>]*?Type="[^"]*/(?:attachedTemplate'
    rb'|oleObject|frame|subDocument|externalLinkPath|package|image)"',
)
# Who wrote and edited the file: the document's properties, and the names on comments and
# tracked changes. Emptied rather than refused, as almost every file carries them.
PEOPLE_IN_PROPERTIES = re.compile(
    rb"<(dc:creator|cp:lastModifiedBy|Company|Manager|author)>[^<]*</\1>"
)
PEOPLE_IN_PARTS = re.compile(rb'\b(w:author|w:initials)="[^"]*"')


def check_office(data: bytes, kind: Kind, policy: UploadPolicy) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadRefused(f"This file looks like {LABELS[kind]} but is damaged.") from None
    with archive:
        members = archive.infolist()
        if len(members) > policy.max_zip_members:
            raise UploadRefused(f"This file is not a real {LABELS[kind][2:].lstrip()}.")
        if members[0].header_offset != 0:
            raise polyglot("other data")
        unpacked = 0
        for member in members:
            name = member.filename
            if name.startswith(("/", "\\")) or ".." in PurePosixPath(name).parts:
                raise UploadRefused(f"This file has unsafe names inside it: {name[:60]}.")
            if member.flag_bits & 0x1:
                raise UploadRefused("This document is password-protected; save it without one.")
            if EMBEDDED_PARTS.search(name):
                raise UploadRefused(
                    "This document has another file or program embedded in it, which Kinship "
                    "does not accept; paste the content in as text or a picture instead."
                )
            if name.lower().endswith(".rels") and EXTERNAL_FETCH.search(archive.read(member)):
                raise UploadRefused(
                    "This document fetches a template or object from elsewhere when it opens, "
                    "which Kinship does not accept; save a copy that does not link to it."
                )
            if name.lower().endswith("vbaproject.bin"):
                raise UploadRefused(
                    "This document contains macros, which Kinship does not accept; save it as "
                    "an ordinary (macro-free) document."
                )
            unpacked += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if unpacked > policy.max_unpacked_bytes or (
                member.file_size > MB and ratio > policy.max_zip_ratio
            ):
                raise UploadRefused(
                    "This file unpacks to far more than a real document (a zip bomb), so it "
                    "cannot be accepted."
                )
        if not any(m.filename.startswith(OFFICE_MAIN_PART[kind]) for m in members):
            raise UploadRefused(f"This file looks like {LABELS[kind]} but is damaged.")


def office_without_people(data: bytes) -> bytes:
    """The same file, rebuilt part by part, with names of authors and editors emptied."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            content = source.read(member)
            if member.filename.lower().endswith((".xml", ".rels")):
                content = PEOPLE_IN_PROPERTIES.sub(rb"<\1></\1>", content)
                content = PEOPLE_IN_PARTS.sub(rb'\1=""', content)
            target.writestr(member.filename, content)
    return output.getvalue()


# Text
