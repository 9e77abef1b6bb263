"""Checking an uploaded file by what it is, not what it is called, and cleaning it for storage.

Pure Python (no Django): `check_upload(data, filename=..., policy=...)` returns a
`CheckedUpload` whose `content` is safe to store, or raises `UploadRefused` with one sentence
a teacher can act on. Forms use `kinship.core.forms.CheckedFileField`, which calls this.

What it does, by kind:
- every file: refused when empty or over the size limit, when its bytes are not a kind the
  policy accepts, when its name's extension says another kind, and when it carries the marks
  of a second format (a polyglot: HTML or script, a PDF, a zip hidden inside or after it);
- images (JPEG, PNG, HEIC/HEIF, WebP, GIF): dimensions checked before decoding (a
  decompression bomb is refused, not decoded), turned upright by their EXIF orientation,
  re-encoded without EXIF, GPS, comments or colour profiles, and scaled down past the
  policy's longest side; HEIC and HEIF become JPEG, GIF and WebP become PNG;
- PDF: refused when encrypted, longer than the policy allows, or holding active content
  (JavaScript, launch or submit actions, embedded files, forms, rich media); rewritten page
  by page without its document information and XMP metadata;
- Word, Excel and PowerPoint files (OOXML zips): refused when macro-enabled, encrypted, with
  unsafe member names, too many members, or more unpacked bytes (or a higher compression
  ratio) than a real document has; stored unchanged;
- text: UTF-8 (or Windows-1252, which older Windows tools still write) without control
  characters, stored as UTF-8. SVG and HTML are refused: they can carry scripts.
"""

from kinship.core.uploads.images import clean_image
from kinship.core.uploads.kinds import (
    IMAGES,
    LABELS,
    MB,
    OFFICE,
    CheckedUpload,
    Kind,
    UploadPolicy,
    UploadRefused,
    accept_attribute,
    checked_upload,
    describe_kinds,
    megabytes,
    safe_filename,
)
from kinship.core.uploads.office import check_office, office_without_people
from kinship.core.uploads.pdfs import clean_pdf
from kinship.core.uploads.sniffing import check_extension, refuse_polyglot, sniff
from kinship.core.uploads.text import clean_text

__all__ = [
    "IMAGES",
    "MB",
    "OFFICE",
    "CheckedUpload",
    "Kind",
    "UploadPolicy",
    "UploadRefused",
    "accept_attribute",
    "check_upload",
    "describe_kinds",
    "safe_filename",
    "sniff",
]


def check_upload(data: bytes, *, filename: str, policy: UploadPolicy) -> CheckedUpload:
    """Check `data` (the whole file) uploaded as `filename` against `policy` and clean it."""
    if not data:
        raise UploadRefused("The file is empty.")
    if len(data) > policy.max_bytes:
        raise UploadRefused(
            f"The file is {megabytes(len(data))}; files here can be at most "
            f"{megabytes(policy.max_bytes)}."
        )
    kind = sniff(data)
    check_extension(filename, kind)
    if kind not in policy.kinds:
        raise UploadRefused(
            f"This is {LABELS[kind]}, which is not accepted here. You can upload "
            f"{describe_kinds(policy.kinds)}."
        )
    refuse_polyglot(data, kind)
    if kind in IMAGES:
        return clean_image(data, kind, filename, policy)
    if kind == Kind.PDF:
        return clean_pdf(data, filename, policy)
    if kind in OFFICE:
        check_office(data, kind, policy)
        return checked_upload(
            kind,
            office_without_people(data),
            filename,
            notes=("document details (author, editors' names) removed",),
        )
    return clean_text(data, filename, policy)
