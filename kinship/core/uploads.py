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

import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

register_heif_opener()

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


def check_upload(data: bytes, *, filename: str, policy: UploadPolicy) -> CheckedUpload:
    """Check `data` (the whole file) uploaded as `filename` against `policy` and clean it."""
    if not data:
        raise UploadRefused("The file is empty.")
    if len(data) > policy.max_bytes:
        raise UploadRefused(
            f"The file is {_megabytes(len(data))}; files here can be at most "
            f"{_megabytes(policy.max_bytes)}."
        )
    kind = sniff(data)
    _check_extension(filename, kind)
    if kind not in policy.kinds:
        raise UploadRefused(
            f"This is {LABELS[kind]}, which is not accepted here. You can upload "
            f"{describe_kinds(policy.kinds)}."
        )
    _refuse_polyglot(data, kind)
    if kind in IMAGES:
        return _clean_image(data, kind, filename, policy)
    if kind == Kind.PDF:
        return _clean_pdf(data, filename, policy)
    if kind in OFFICE:
        _check_office(data, kind, policy)
        return _checked(
            kind,
            _office_without_people(data),
            filename,
            notes=("document details (author, editors' names) removed",),
        )
    return _clean_text(data, filename, policy)


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


REFUSED_SIGNATURES = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an older Office file (.doc, .xls or .ppt)"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
    (b"{\\rtf", "a Rich Text file"),
)
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
# Markup that makes a browser or viewer treat bytes as a web page. The short "<svg" is only
# looked for where text is expected: in compressed image data it would turn up by chance.
MARKUP = re.compile(rb"<\s*(?:svg|html|script|!doctype\s+html|iframe|object|embed)\b", re.I)
ACTIVE_MARKUP = re.compile(rb"<(?:html|script|!doctype\s+html|iframe|object|embed)\b|<\?php", re.I)


def sniff(data: bytes) -> Kind:
    """The kind of file the bytes are, whatever its name; UploadRefused when not one we take."""
    if data.startswith(b"%PDF-"):
        return Kind.PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return Kind.JPEG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return Kind.GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return Kind.WEBP
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return Kind.HEIC
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    for signature, label in REFUSED_SIGNATURES:
        if data.startswith(signature):
            raise UploadRefused(f"This is {label}, which Kinship does not accept.")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if re.match(rb"<\?xml|<svg|<!--", head, re.I) and re.search(rb"<svg\b", data[:65536], re.I):
        raise UploadRefused(
            "SVG images can carry hidden scripts, so they are not accepted: "
            "save the picture as PNG or JPEG instead."
        )
    if MARKUP.search(data[:65536]):
        raise UploadRefused("This is a web page (HTML), which Kinship does not accept.")
    if _decode_text(data) is not None:
        return Kind.TEXT
    raise UploadRefused(
        "Kinship could not recognise this file; upload a PDF, an image, an Office document "
        "or plain text."
    )


def _office_kind(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadRefused("This file looks like a zip archive but is damaged.") from None
    if "[Content_Types].xml" in names:
        for kind, part in (
            (Kind.DOCX, "word/document.xml"),
            (Kind.XLSX, "xl/workbook.xml"),
            (Kind.PPTX, "ppt/presentation.xml"),
        ):
            if part in names:
                return kind
    if "mimetype" in names:
        raise UploadRefused(
            "This is an OpenDocument file; save it as a Word, Excel or PowerPoint file or PDF."
        )
    raise UploadRefused("This is a zip archive, which Kinship does not accept; upload its files.")


def _check_extension(filename: str, kind: Kind) -> None:
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if suffix in EXTENSIONS[kind]:
        return
    shown = filename.replace("\\", "/").rsplit("/", 1)[-1][:80]
    raise UploadRefused(
        f"This file is called '{shown}' but it is {LABELS[kind]}; rename it to end in "
        f"{EXTENSIONS[kind][0]}, or export it again in the right format."
    )


def _refuse_polyglot(data: bytes, kind: Kind) -> None:
    """A file that is also another format is refused: programs disagree on which one it is.

    Looked for where the other format's readers look: web page code in the first kilobyte
    (where browsers sniff), a PDF header anywhere (PDF readers search for it), a zip
    directory at the end (zip readers start there), and data after the file's own end.
    """
    if kind == Kind.TEXT:
        return  # text was already searched for markup when it was recognised
    if ACTIVE_MARKUP.search(data[:1024]):
        raise _polyglot("web page code")
    if kind != Kind.PDF and b"%PDF-" in data:
        raise _polyglot("a PDF")
    if kind not in OFFICE and data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557)) != -1:
        raise _polyglot("a zip archive")
    if _has_trailing_data(data, kind):
        raise UploadRefused(
            f"This {LABELS[kind].split(' ', 1)[1]} has other data hidden after its end, so it "
            "cannot be accepted; save it again from the program that made it."
        )


def _has_trailing_data(data: bytes, kind: Kind) -> bool:
    if kind in (Kind.PNG, Kind.JPEG, Kind.PDF):
        marker = {Kind.PNG: b"IEND\xae\x42\x60\x82", Kind.JPEG: b"\xff\xd9", Kind.PDF: b"%%EOF"}[
            kind
        ]
        end = data.rfind(marker)
        if end == -1:
            raise UploadRefused(f"This file looks like {LABELS[kind]} but is cut short or damaged.")
        return bool(data[end + len(marker) :].strip(b"\x00\r\n\t "))
    if kind == Kind.WEBP:
        riff_end = 8 + int.from_bytes(data[4:8], "little")
        return len(data) > riff_end + 1
    if kind in OFFICE:
        directory_end = data.rfind(b"PK\x05\x06")
        if directory_end == -1 or len(data) < directory_end + 22:
            raise UploadRefused(f"This file looks like {LABELS[kind]} but is damaged.")
        comment = int.from_bytes(data[directory_end + 20 : directory_end + 22], "little")
        return len(data) > directory_end + 22 + comment
    return False


def _polyglot(what: str) -> UploadRefused:
    return UploadRefused(
        f"This file has {what} hidden inside it, so it cannot be accepted; export it again "
        "from the program that made it."
    )


# Images


def _clean_image(data: bytes, kind: Kind, filename: str, policy: UploadPolicy) -> CheckedUpload:
    too_big = UploadRefused(
        f"This image has more than {policy.max_pixels:,} pixels, far more than a photo or scan; "
        "resize it and upload it again."
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, past its own limit: a bomb is refused before decoding.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            _refuse_markup_in_metadata(image)
            width, height = image.size
            if width * height > policy.max_pixels:
                raise too_big
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_big from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadRefused(f"This file looks like {LABELS[kind]} but is damaged.") from None
    stored_kind = STORED_AS[kind][0]
    notes = []
    upright = ImageOps.exif_transpose(image) or image
    if max(upright.size) > policy.max_image_side:
        upright.thumbnail((policy.max_image_side, policy.max_image_side))
        notes.append(f"scaled down to {policy.max_image_side} pixels on its longest side")
    output = io.BytesIO()
    if stored_kind == Kind.JPEG:
        clean = upright.convert("RGB")
        clean.info = {}  # Pillow writes a JPEG comment (a scanner's "Scanned at …") from info
        clean.save(output, format="JPEG", quality=88, optimize=True)
    else:
        has_alpha = upright.mode in ("RGBA", "LA") or "transparency" in upright.info
        clean = upright.convert("RGBA" if has_alpha else "RGB")
        clean.info = {}  # and a PNG's colour profile, whose description is free text
        clean.save(output, format="PNG", optimize=True)
    if kind == Kind.HEIC:
        notes.append("converted from HEIC to JPEG")
    notes.append("photo details (EXIF, location) removed")
    return _checked(
        stored_kind,
        output.getvalue(),
        filename,
        detected=kind,
        width=upright.width,
        height=upright.height,
        notes=tuple(notes),
    )


def _refuse_markup_in_metadata(image: Image.Image) -> None:
    """Comments and text chunks are where an image/HTML polyglot keeps its page."""
    values: list[object] = list(image.info.values())
    values += [content for _, content in getattr(image, "applist", [])]
    for value in values:
        raw = value.encode("utf-8", "ignore") if isinstance(value, str) else value
        if isinstance(raw, bytes) and (MARKUP.search(raw) or ACTIVE_MARKUP.search(raw)):
            raise _polyglot("web page code")


# PDF


# Names whose presence anywhere in a PDF means it can run or carry something besides pages.
ACTIVE_PDF_KEYS = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/EmbeddedFile": "an attached file",
    "/EmbeddedFiles": "an attached file",
    "/EF": "an attached file",
    "/RichMedia": "embedded media",
    "/XFA": "an interactive (XFA) form",
}
# Action types (/S) that run code, start programs or send data; other actions (go to a page,
# open a web link) are what ordinary documents use.
ACTIVE_PDF_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "an action that starts a program",
    "/SubmitForm": "a form that sends data",
    "/ImportData": "an action that imports data",
    "/Rendition": "embedded media",
    "/RichMediaExecute": "embedded media",
    "/GoToE": "an attached file",
}


def _clean_pdf(data: bytes, filename: str, policy: UploadPolicy) -> CheckedUpload:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UploadRefused(
                "This PDF is password-protected, so it cannot be checked; save a copy without "
                "a password."
            )
        pages = len(reader.pages)
        if pages == 0:
            raise UploadRefused("This PDF has no pages.")
        if pages > policy.max_pdf_pages:
            raise UploadRefused(
                f"This PDF has {pages} pages; files here can have at most {policy.max_pdf_pages}."
            )
        _refuse_active_content(reader, policy)
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        # No document information, no XMP: author names and editing history stay behind.
        writer.metadata = None
        if "/Metadata" in writer._root_object:
            del writer._root_object["/Metadata"]
        for page in writer.pages:
            if "/Metadata" in page:
                del page["/Metadata"]
        output = io.BytesIO()
        writer.write(output)
    except UploadRefused:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, RecursionError):
        raise UploadRefused("This PDF is damaged and cannot be read.") from None
    return _checked(
        Kind.PDF,
        output.getvalue(),
        filename,
        pages=pages,
        notes=("document details (author, editing history) removed",),
    )


def _refuse_active_content(reader: PdfReader, policy: UploadPolicy) -> None:
    """Walk every object reachable from the trailer, object streams included."""
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject | None] = [reader.trailer]
    count = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        count += 1
        if count > policy.max_pdf_objects:
            raise UploadRefused("This PDF is far more complex than a document needs to be.")
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                found = ACTIVE_PDF_KEYS.get(name)
                if name == "/S" and isinstance(value, str):
                    found = ACTIVE_PDF_ACTIONS.get(value)
                if name == "/URI" and not _plain_link(value):
                    found = "a link that is not a web or email address"
                if found:
                    raise UploadRefused(
                        f"This PDF contains {found}, which Kinship does not accept; print it "
                        "to a new PDF and upload that."
                    )
                if name != "/Parent":  # pages point back up the tree: no need to walk it twice
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _plain_link(value: object) -> bool:
    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return text.strip().lower().startswith(SAFE_LINK_SCHEMES)


# Office documents

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")
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


def _check_office(data: bytes, kind: Kind, policy: UploadPolicy) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadRefused(f"This file looks like {LABELS[kind]} but is damaged.") from None
    with archive:
        members = archive.infolist()
        if len(members) > policy.max_zip_members:
            raise UploadRefused(f"This file is not a real {LABELS[kind][2:].lstrip()}.")
        if members[0].header_offset != 0:
            raise _polyglot("other data")
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


def _office_without_people(data: bytes) -> bytes:
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


CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode_text(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not CONTROL.search(text):
            return text
    return None


def _clean_text(data: bytes, filename: str, policy: UploadPolicy) -> CheckedUpload:
    text = _decode_text(data)
    if text is None:
        raise UploadRefused("This text file contains characters that are not text.")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > policy.max_text_chars:
        raise UploadRefused(
            f"This text is {len(text):,} characters long; the limit is {policy.max_text_chars:,}."
        )
    if not text.strip():
        raise UploadRefused("The file has no text in it.")
    return _checked(Kind.TEXT, text.encode("utf-8"), filename, text=text)


# Shared


def _checked(
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


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"
