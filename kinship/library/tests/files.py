"""Real files with words in them, made in code: a PDF with a text layer, Office documents."""

import io
import zipfile

from kinship.library.sample_files import CONTENT_TYPES, docx_with_text, pdf_with_text

__all__ = ["docx_with_text", "pdf_with_text", "pptx_with_text", "xlsx_with_strings"]


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
