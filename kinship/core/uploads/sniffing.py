"""What a file is by its bytes, whatever its name says, and the marks of a second format."""

import io
import re
import zipfile
from pathlib import PurePosixPath

from kinship.core.uploads.kinds import EXTENSIONS, LABELS, OFFICE, Kind, UploadRefused
from kinship.core.uploads.text import decode_text

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
    if decode_text(data) is not None:
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


def check_extension(filename: str, kind: Kind) -> None:
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if suffix in EXTENSIONS[kind]:
        return
    shown = filename.replace("\\", "/").rsplit("/", 1)[-1][:80]
    raise UploadRefused(
        f"This file is called '{shown}' but it is {LABELS[kind]}; rename it to end in "
        f"{EXTENSIONS[kind][0]}, or export it again in the right format."
    )


def refuse_polyglot(data: bytes, kind: Kind) -> None:
    """A file that is also another format is refused: programs disagree on which one it is.

    Looked for where the other format's readers look: web page code in the first kilobyte
    (where browsers sniff), a PDF header anywhere (PDF readers search for it), a zip
    directory at the end (zip readers start there), and data after the file's own end.
    """
    if kind == Kind.TEXT:
        return  # text was already searched for markup when it was recognised
    if ACTIVE_MARKUP.search(data[:1024]):
        raise polyglot("web page code")
    if kind != Kind.PDF and b"%PDF-" in data:
        raise polyglot("a PDF")
    if kind not in OFFICE and data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557)) != -1:
        raise polyglot("a zip archive")
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


def polyglot(what: str) -> UploadRefused:
    return UploadRefused(
        f"This file has {what} hidden inside it, so it cannot be accepted; export it again "
        "from the program that made it."
    )


# Images
