"""The words inside a PDF or an Office file, for search. Pure Python with no Django import.

PDFs are read with pypdf. Word, Excel and PowerPoint files (docx, xlsx, pptx) are zips of
XML: only the parts that hold text are read, each size-limited and parsed with defusedxml
(no entities, no external references), so a zip bomb or an XML bomb fails safely.
"""

import io
import re
import zipfile
from dataclasses import dataclass

import defusedxml.ElementTree as SafeXml
from defusedxml import DefusedXmlException

MAX_TEXT = 200_000  # characters kept for search; enough for a long scheme of work
MAX_PART = 20 * 1024 * 1024  # uncompressed bytes of one XML part
MAX_TOTAL = 60 * 1024 * 1024  # uncompressed bytes read from one Office file
MAX_PAGES = 500

OFFICE_PARTS = {
    "docx": re.compile(r"^word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$"),
    "pptx": re.compile(r"^ppt/(slides/slide\d+|notesSlides/notesSlide\d+)\.xml$"),
    "xlsx": re.compile(r"^xl/(sharedStrings|worksheets/sheet\d+)\.xml$"),
}
# The elements holding text: w:t (Word), a:t (DrawingML), t and v (Excel cells).
TEXT_TAGS = {"t", "v"}
PARAGRAPH_TAGS = {"p", "row", "si"}


class ExtractionError(Exception):
    """The file could not be read for search (it stays downloadable)."""


@dataclass(frozen=True)
class Extracted:
    text: str
    pages: int = 0


def kind_of(filename: str) -> str:
    """'pdf', 'docx', 'xlsx', 'pptx', or '' when no text is read from this kind of file."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return suffix if suffix in ("pdf", *OFFICE_PARTS) else ""


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    return text.strip()[:MAX_TEXT]


def extract_pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionError("the PDF is password-protected")
        parts: list[str] = []
        size = 0
        for number, page in enumerate(reader.pages):
            if number >= MAX_PAGES or size >= MAX_TEXT:
                break
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
        return Extracted(_tidy("\n\n".join(parts)), pages=len(reader.pages))
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ExtractionError(f"the PDF could not be read ({error.__class__.__name__})") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_text(xml: bytes) -> str:
    try:
        root = SafeXml.fromstring(xml)
    except (SafeXml.ParseError, DefusedXmlException) as error:
        raise ExtractionError(
            f"an XML part is unsafe or broken ({error.__class__.__name__})"
        ) from None
    pieces: list[str] = []
    for element in root.iter():
        name = _local(element.tag)
        if name in TEXT_TAGS and element.text:
            pieces.append(element.text)
        elif name in PARAGRAPH_TAGS:
            pieces.append("\n")
        elif name == "tab":
            pieces.append(" ")
    return "".join(piece if piece == "\n" else piece + " " for piece in pieces)


def extract_office(data: bytes, kind: str) -> Extracted:
    pattern = OFFICE_PARTS[kind]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        raise ExtractionError("the file is not a valid Office document") from None
    with archive:
        parts = sorted(
            (info for info in archive.infolist() if pattern.match(info.filename)),
            key=lambda info: [
                int(n) if n.isdigit() else n for n in re.split(r"(\d+)", info.filename)
            ],
        )
        total, texts = 0, []
        for info in parts:
            if info.file_size > MAX_PART or total + info.file_size > MAX_TOTAL:
                raise ExtractionError("the document is too large to read for search")
            with archive.open(info) as handle:
                xml = handle.read(MAX_PART + 1)  # the declared size may lie: read no more
            if len(xml) > MAX_PART:
                raise ExtractionError("the document is too large to read for search")
            total += len(xml)
            texts.append(_xml_text(xml))
            if sum(len(text) for text in texts) >= MAX_TEXT:
                break
    return Extracted(_tidy("\n".join(texts)))


def extract_text(data: bytes, filename: str) -> Extracted:
    """The searchable text of a file; empty for kinds that hold no text (images)."""
    kind = kind_of(filename)
    if kind == "pdf":
        return extract_pdf(data)
    if kind:
        return extract_office(data, kind)
    return Extracted("")
