"""PDFs: refused when encrypted or active, rewritten without their metadata."""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

from kinship.core.uploads.kinds import (
    CheckedUpload,
    Kind,
    UploadPolicy,
    UploadRefused,
    checked_upload,
)

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


def clean_pdf(data: bytes, filename: str, policy: UploadPolicy) -> CheckedUpload:
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
    return checked_upload(
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


SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")
