"""Files to upload in tests: ordinary ones, and a corpus of hostile ones, made in code.

Each app that takes uploads runs `HOSTILE` through its own upload view to show that every one
is refused with a message and nothing is stored. Made in code, not kept as binary fixtures,
so a reader can see exactly what each file is.
"""

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject


@dataclass(frozen=True)
class Sample:
    label: str
    filename: str
    content: bytes


def jpeg(width: int = 120, height: int = 80, *, exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.save(buffer, format="JPEG", **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def jpeg_with_location_and_rotation() -> bytes:
    """A phone photo turned on its side (EXIF orientation 6), with a GPS position."""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show it upright
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (54.0, 2.0, 30.0)
    gps[3], gps[4] = "W", (2.0, 48.0, 0.0)
    return jpeg(120, 80, exif=exif.tobytes())


def png(width: int = 60, height: int = 40, *, text: dict[str, str] | None = None) -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 30, 200)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def heic() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 160, 30)).save(buffer, format="HEIF")
    return buffer.getvalue()


def gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (20, 20), 1).save(buffer, format="GIF")
    return buffer.getvalue()


def pdf(
    *, pages: int = 1, author: str = "", javascript: str = "", attachment: bool = False
) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if author:
        writer.add_metadata({"/Author": author, "/Title": "Draft"})
    if javascript:
        _add_document_javascript(writer, javascript)
    if attachment:
        writer.add_attachment("payload.exe", b"MZ" + b"\0" * 100)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _add_document_javascript(writer: PdfWriter, code: str) -> None:
    """The document-level script a PDF viewer runs on opening (a /Names /JavaScript tree)."""
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(code)}
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("run"), writer._add_object(action)])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)}
    )


def pdf_with_launch_action() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes], *, compress: bool = True) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def docx(extra: dict[str, bytes] | None = None, *, text: str = "Spring moderation pack") -> bytes:
    body = (
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    return zip_bytes(
        {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": body, **(extra or {})}
    )


def png_claiming_huge_size(width: int = 50_000, height: int = 50_000) -> bytes:
    """A valid PNG header for a 2.5-gigapixel image with almost no data: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 1024, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_with_comment(comment: bytes) -> bytes:
    """A JPEG whose COM segment (right after the start marker) holds `comment`."""
    data = jpeg()
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return data[:2] + segment + data[2:]


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
INNOCENT_ZIP = zip_bytes({"readme.txt": b"hello"})


PHP = b"<?php system($_GET['c']); ?>"
PDF_STARTING_A_PAGE = b"%PDF-1.4\n<html><script>alert(1)</script>\n"
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def hostile_corpus() -> list[Sample]:
    """Every file here must be refused, with a message, by every upload field."""
    zeros = b"\0" * (3 * 1024 * 1024)
    script_comment = jpeg_with_comment(b"<script>alert(1)</script>")
    page_in_png = png(text={"Comment": "<html><script>alert(1)</script></html>"})
    return [
        Sample("empty file", "script.pdf", b""),
        Sample("JPEG with a zip appended (polyglot)", "photo.jpg", jpeg() + INNOCENT_ZIP),
        Sample("GIF with a zip appended (GIFAR)", "picture.gif", gif() + INNOCENT_ZIP),
        Sample("JPEG with a script in its comment (polyglot)", "photo.jpg", script_comment),
        Sample("JPEG with PHP in its comment", "photo.jpg", jpeg_with_comment(PHP)),
        Sample("PNG with an HTML page in a text chunk", "scan.png", page_in_png),
        Sample("PNG with data after its end", "scan.png", png() + b"<html>hidden</html>" * 3),
        Sample("PDF that starts a web page", "work.pdf", PDF_STARTING_A_PAGE + pdf()[9:]),
        Sample("PDF with a zip after its end", "work.pdf", pdf() + INNOCENT_ZIP),
        Sample("image with a PDF inside", "photo.jpg", jpeg_with_comment(b"%PDF-1.4 1 0 obj")),
        Sample("PDF running JavaScript", "work.pdf", pdf(javascript="app.alert('hi');")),
        Sample("PDF with an attached program", "work.pdf", pdf(attachment=True)),
        Sample("PDF that launches a program when opened", "work.pdf", pdf_with_launch_action()),
        Sample("password-protected PDF", "work.pdf", encrypted_pdf()),
        Sample("truncated PDF", "work.pdf", pdf()[:200]),
        Sample("HTML page named .pdf", "work.pdf", HTML_PAGE),
        Sample("SVG with a script", "drawing.svg", SVG_WITH_SCRIPT),
        Sample("SVG with a script named .png", "drawing.png", SVG_WITH_SCRIPT),
        Sample("Word zip bomb", "pack.docx", docx({"word/media/big.bin": zeros})),
        Sample("zip archive", "pages.zip", INNOCENT_ZIP),
        Sample("zip bomb named .docx", "pack.docx", zip_bytes({"a.bin": zeros})),
        Sample("Word document with macros", "pack.docx", docx({"word/vbaProject.bin": b"m"})),
        Sample("Word document with unsafe names", "pack.docx", docx({"../../x": b"x"})),
        Sample("decompression-bomb PNG (50,000 square)", "scan.png", png_claiming_huge_size()),
        Sample("oversized file (21 MB)", "work.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024)),
        Sample("PNG named .jpg (wrong extension)", "photo.jpg", png()),
        Sample("PDF named .docx (wrong extension)", "pack.docx", pdf()),
        Sample("JPEG with no extension", "photo", jpeg()),
        Sample("Windows program named .pdf", "work.pdf", b"MZ\x90\x00" + b"\0" * 200),
        Sample("old Word document (.doc)", "pack.doc", OLE_HEADER + b"\0" * 504),
        Sample("truncated JPEG", "photo.jpg", jpeg()[:300]),
        Sample("text with control characters", "story.txt", b"Once upon a time\x00\x01\x02"),
        Sample("web page named .txt", "story.txt", HTML_PAGE),
    ]
