"""Real files with words in them, made in code: a PDF with a text layer, Office documents."""

import io
import zipfile

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from kinship.core.tests.hostile_files import CONTENT_TYPES, docx


def pdf_with_text(*lines: str) -> bytes:
    """A one-page PDF whose text layer holds `lines` (Helvetica), as a word processor makes."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    })  # fmt: skip
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    })  # fmt: skip
    commands = ["BT", "/F1 12 Tf", "72 760 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        commands.append(f"({escaped}) Tj T*")
    commands.append("ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(commands).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def xlsx_with_strings(*strings: str) -> bytes:
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
        "xl/sharedStrings.xml": (
            '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main">{shared}</sst>'
        ).encode(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def pptx_with_text(*texts: str) -> bytes:
    slides = {
        f"ppt/slides/slide{n}.xml": (
            '<?xml version="1.0"?><p:sld xmlns:p="http://schemas.openxmlformats.org/'
            'presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/'
            f'2006/main"><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:sld>'
        ).encode()
        for n, text in enumerate(texts, start=1)
    }
    members = {"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": b"<p/>", **slides}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_with_text(text: str) -> bytes:
    return docx(text=text)
