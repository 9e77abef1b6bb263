"""Background work: drawing each page of an uploaded PDF as an image, so the judging screen
shows pages as plain images (the CSP allows no plugins or objects)."""

import io

import pypdfium2 as pdfium
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_tasks import task

from kinship.moderation.models import Page

PAGE_WIDTH_PX = 1400  # sharp on a tablet, about 200 KB a page as PNG


@task()
def render_pdf_pages(script_id: int) -> int:
    """Draw the script's PDF pages still waiting; returns how many were drawn."""
    pages = list(Page.objects.filter(script_id=script_id, status=Page.Status.RENDERING))
    drawn = 0
    documents: dict[str, pdfium.PdfDocument] = {}
    try:
        for page in pages:
            try:
                if page.source not in documents:
                    with default_storage.open(page.source, "rb") as handle:
                        documents[page.source] = pdfium.PdfDocument(handle.read())
                pdf_page = documents[page.source][page.source_page or 0]
                scale = PAGE_WIDTH_PX / max(pdf_page.get_width(), 1.0)
                image = pdf_page.render(scale=min(scale, 4.0)).to_pil()
                buffer = io.BytesIO()
                image.save(buffer, format="PNG", optimize=True)
                stem = page.source.rsplit(".", 1)[0]
                page.image = default_storage.save(
                    f"{stem}-p{page.number:02d}.png", ContentFile(buffer.getvalue())
                )
                page.content_type, page.status = "image/png", Page.Status.READY
                drawn += 1
            except (pdfium.PdfiumError, OSError, IndexError, ValueError):
                page.status = Page.Status.FAILED
            page.save(update_fields=["image", "content_type", "status"])
    finally:
        for document in documents.values():
            document.close()
    return drawn
