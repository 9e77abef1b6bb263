"""Words from PDFs and Office files, read safely and within limits."""

import io
import zipfile

import pytest

from kinship.core.tests.hostile_files import CONTENT_TYPES
from kinship.library.extraction import (
    MAX_PART,
    ExtractionError,
    extract_text,
    kind_of,
)
from kinship.library.tests.files import (
    docx_with_text,
    pdf_with_text,
    pptx_with_text,
    xlsx_with_strings,
)


def test_a_pdf_gives_up_its_words():
    text = extract_text(pdf_with_text("Fractions on a number line", "Year 4"), "plan.pdf").text
    assert "Fractions on a number line" in text and "Year 4" in text


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (docx_with_text("Greater depth writing"), "a.docx", "Greater depth writing"),
        (xlsx_with_strings("Phonics phase 5", "Spelling"), "a.xlsx", "Phonics phase 5"),
        (pptx_with_text("Volcanoes erupt", "Second slide"), "a.pptx", "Volcanoes erupt"),
    ],
)
def test_office_files_give_up_their_words(data, name, words):
    assert words in extract_text(data, name).text


def test_images_have_no_words_to_read():
    assert kind_of("photo.jpg") == ""
    assert extract_text(b"\xff\xd8\xff", "photo.jpg").text == ""


def test_an_xml_bomb_is_refused_not_expanded():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="x"><w:t>&b;</w:t>'
        b"</w:document>"
    )
    data = _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": bomb})
    with pytest.raises(ExtractionError, match="unsafe or broken"):
        extract_text(data, "bomb.docx")


def test_a_part_that_unpacks_too_large_is_refused():
    data = _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b" " * (MAX_PART + 10)})
    with pytest.raises(ExtractionError, match="too large"):
        extract_text(data, "huge.docx")


def test_a_broken_pdf_is_an_extraction_error_not_a_crash():
    with pytest.raises(ExtractionError):
        extract_text(b"%PDF-1.4 nonsense", "broken.pdf")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()
