"""What an upload may be: kinds, policies, the refusal and the checked result."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath

MB = 1024 * 1024


class Kind(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    HEIC = "heic"
    WEBP = "webp"
    GIF = "gif"
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    TEXT = "text"


IMAGES = frozenset({Kind.JPEG, Kind.PNG, Kind.HEIC, Kind.WEBP, Kind.GIF})
OFFICE = frozenset({Kind.DOCX, Kind.XLSX, Kind.PPTX})

LABELS = {
    Kind.PDF: "a PDF",
    Kind.JPEG: "a JPEG image",
    Kind.PNG: "a PNG image",
    Kind.HEIC: "an HEIC photo",
    Kind.WEBP: "a WebP image",
    Kind.GIF: "a GIF image",
    Kind.DOCX: "a Word document",
    Kind.XLSX: "an Excel workbook",
    Kind.PPTX: "a PowerPoint presentation",
    Kind.TEXT: "a text file",
}
EXTENSIONS = {
    Kind.PDF: (".pdf",),
    Kind.JPEG: (".jpg", ".jpeg"),
    Kind.PNG: (".png",),
    Kind.HEIC: (".heic", ".heif"),
    Kind.WEBP: (".webp",),
    Kind.GIF: (".gif",),
    Kind.DOCX: (".docx",),
    Kind.XLSX: (".xlsx",),
    Kind.PPTX: (".pptx",),
    Kind.TEXT: (".txt", ".md", ".text"),
}
# What a cleaned file is stored as: (kind, extension, MIME type).
STORED_AS = {
    Kind.PDF: (Kind.PDF, ".pdf", "application/pdf"),
    Kind.JPEG: (Kind.JPEG, ".jpg", "image/jpeg"),
    Kind.HEIC: (Kind.JPEG, ".jpg", "image/jpeg"),
    Kind.PNG: (Kind.PNG, ".png", "image/png"),
    Kind.GIF: (Kind.PNG, ".png", "image/png"),
    Kind.WEBP: (Kind.PNG, ".png", "image/png"),
    Kind.DOCX: (
        Kind.DOCX,
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    Kind.XLSX: (
        Kind.XLSX,
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    Kind.PPTX: (
        Kind.PPTX,
        ".pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    Kind.TEXT: (Kind.TEXT, ".txt", "text/plain; charset=utf-8"),
}
OFFICE_MAIN_PART = {Kind.DOCX: "word/", Kind.XLSX: "xl/", Kind.PPTX: "ppt/"}


class UploadRefused(ValueError):
    """The file cannot be taken; the message is one sentence for the person uploading it."""


@dataclass(frozen=True)
class UploadPolicy:
    """What one upload field accepts. Limits are generous for real school documents and
    far below what a hostile file needs."""

    kinds: frozenset[Kind]
    max_bytes: int = 20 * MB
    max_pixels: int = 50_000_000  # a 12-megapixel phone photo is 12,000,000
    max_image_side: int = 4000  # longer sides are scaled down, not refused
    max_pdf_pages: int = 200
    max_pdf_objects: int = 200_000
    max_unpacked_bytes: int = 200 * MB  # an Office file's members, unpacked
    max_zip_members: int = 5_000
    max_zip_ratio: int = 200  # unpacked / packed, for members over 1 MB unpacked
    max_text_chars: int = 200_000


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed: `content` is what to store, under `filename` (a safe name with
    the extension of `kind`). `original_name` is what the person's computer called it."""

    kind: Kind
    content: bytes
    filename: str
    content_type: str
    original_name: str
    detected: Kind  # what arrived; `kind` is what is stored (HEIC arrives, JPEG is stored)
    width: int | None = None
    height: int | None = None
    pages: int | None = None
    text: str | None = None  # the decoded text of a text file
    notes: tuple[str, ...] = field(default=())  # what was changed ("scaled down to 4000 px")

    @property
    def size(self) -> int:
        return len(self.content)


def describe_kinds(kinds: Iterable[Kind]) -> str:
    """'PDF, JPEG or PNG files' for a form's help text and refusals."""
    names = sorted({EXTENSIONS[k][0].lstrip(".").upper() for k in kinds if k != Kind.HEIC})
    if Kind.HEIC in kinds:
        names.append("HEIC")
    if len(names) == 1:
        return f"{names[0]} files"
    return f"{', '.join(names[:-1])} or {names[-1]} files"


def accept_attribute(kinds: Iterable[Kind]) -> str:
    """The file input's `accept` attribute: the extensions, so pickers offer the right files."""
    return ",".join(ext for kind in sorted(kinds) for ext in EXTENSIONS[kind])


# Recognising the kind


def checked_upload(
    kind: Kind, content: bytes, original_name: str, *, detected: Kind | None = None, **extra: object
) -> CheckedUpload:
    stored_kind, extension, content_type = STORED_AS[kind]
    return CheckedUpload(
        kind=stored_kind,
        content=content,
        filename=safe_filename(original_name, extension),
        content_type=content_type,
        original_name=_named_as_stored(original_name, stored_kind, extension)[:255],
        detected=detected or kind,
        **extra,  # type: ignore[arg-type]
    )


def _named_as_stored(original: str, kind: Kind, extension: str) -> str:
    """The person's name for the file, with the extension of what is stored: a photo that
    arrived as IMG_0412.HEIC and is kept as JPEG downloads as IMG_0412.jpg."""
    path = PurePosixPath(original.replace("\\", "/"))
    if path.suffix.lower() in EXTENSIONS.get(kind, ()):
        return original
    return f"{path.stem or 'file'}{extension}"


def safe_filename(original: str, extension: str) -> str:
    """An ASCII name for storage: `Y6 Writing (draft).PDF` becomes `y6-writing-draft.pdf`."""
    stem = PurePosixPath(original.replace("\\", "/")).stem
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")[:80] or "file"
    return f"{slug}{extension}"


def megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"
