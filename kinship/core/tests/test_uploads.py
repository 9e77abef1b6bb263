"""The upload checker: hostile files are refused with a message, ordinary ones are cleaned."""

import io
import zipfile
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.datastructures import MultiValueDict
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from kinship.core.forms import CheckedFileField, CheckedFilesField
from kinship.core.tests import hostile_files as files
from kinship.core.uploads import (
    IMAGES,
    OFFICE,
    Kind,
    UploadPolicy,
    UploadRefused,
    accept_attribute,
    check_upload,
    describe_kinds,
    safe_filename,
    sniff,
)

EVERYTHING = UploadPolicy(kinds=frozenset(Kind))
SCRIPTS = UploadPolicy(kinds=frozenset({Kind.PDF, Kind.TEXT, *IMAGES}))


@pytest.mark.parametrize("sample", files.hostile_corpus(), ids=lambda s: s.label)
def test_every_hostile_file_is_refused_with_a_sentence(sample: files.Sample) -> None:
    with pytest.raises(UploadRefused) as refusal:
        check_upload(sample.content, filename=sample.filename, policy=EVERYTHING)
    message = str(refusal.value)
    assert message.endswith(".") and "\n" not in message and len(message) < 300


@pytest.mark.parametrize(
    ("filename", "sample", "wanted"),
    [
        ("x.svg", files.SVG_WITH_SCRIPT, "SVG images can carry hidden scripts"),
        ("x.pdf", files.pdf(javascript="app.alert(1)"), "This PDF contains JavaScript"),
        ("x.pdf", files.pdf(attachment=True), "an attached file"),
        ("x.pdf", files.pdf_with_launch_action(), "an action that starts a program"),
        ("x.pdf", files.encrypted_pdf(), "password-protected"),
        ("x.jpg", files.jpeg() + files.INNOCENT_ZIP, "a zip archive hidden inside it"),
        ("x.png", files.png_claiming_huge_size(), "more than 50,000,000 pixels"),
        ("x.png", files.png() + b"junk", "other data hidden after its end"),
    ],
    ids=["svg", "javascript", "attachment", "launch", "encrypted", "zip", "bomb", "trailing"],
)
def test_refusals_say_what_is_wrong(filename: str, sample: bytes, wanted: str) -> None:
    with pytest.raises(UploadRefused, match=wanted):
        check_upload(sample, filename=filename, policy=EVERYTHING)


def test_a_mismatched_extension_names_the_real_kind() -> None:
    with pytest.raises(UploadRefused, match=r"called 'scan\.jpg' but it is a PNG image"):
        check_upload(files.png(), filename="C:\\Users\\t\\scan.jpg", policy=EVERYTHING)


def test_a_kind_the_field_does_not_take_is_refused_with_what_it_does_take() -> None:
    with pytest.raises(UploadRefused, match="Word document, which is not accepted here"):
        check_upload(files.docx(), filename="pack.docx", policy=SCRIPTS)
    assert describe_kinds(SCRIPTS.kinds) == "GIF, JPG, PDF, PNG, TXT, WEBP or HEIC files"


def test_a_photo_is_turned_upright_and_loses_its_location() -> None:
    original = files.jpeg_with_location_and_rotation()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # it had a position

    checked = check_upload(original, filename="Amy's story p1.JPG", policy=SCRIPTS)

    image = Image.open(io.BytesIO(checked.content))
    assert checked.kind == Kind.JPEG and checked.content_type == "image/jpeg"
    assert (image.width, image.height) == (80, 120) == (checked.width, checked.height)
    assert not image.getexif() and "exif" not in image.info
    assert checked.filename == "amy-s-story-p1.jpg"
    assert checked.original_name == "Amy's story p1.JPG"


def test_png_text_chunks_are_removed() -> None:
    checked = check_upload(
        files.png(text={"Author": "Jane Smith"}), filename="scan.png", policy=SCRIPTS
    )
    assert b"Jane Smith" not in checked.content
    assert Image.open(io.BytesIO(checked.content)).info.get("Author") is None


def test_jpeg_comments_and_colour_profiles_are_removed() -> None:
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    scanned = io.BytesIO()
    Image.new("RGB", (40, 30)).save(
        scanned, format="JPEG", comment=b"Scanned at Alder Primary", icc_profile=profile
    )
    with_profile = io.BytesIO()
    Image.new("RGB", (40, 30)).save(with_profile, format="PNG", icc_profile=profile)

    jpeg = check_upload(scanned.getvalue(), filename="scan.jpg", policy=SCRIPTS)
    png = check_upload(with_profile.getvalue(), filename="scan.png", policy=SCRIPTS)

    assert (
        b"Alder" not in jpeg.content and "comment" not in Image.open(io.BytesIO(jpeg.content)).info
    )
    for checked in (jpeg, png):
        assert "icc_profile" not in Image.open(io.BytesIO(checked.content)).info


def test_an_heic_upload_converted_to_jpeg_downloads_as_jpg() -> None:
    checked = check_upload(files.heic(), filename="IMG_0042.HEIC", policy=SCRIPTS)
    assert checked.original_name == "IMG_0042.jpg"
    gif = check_upload(files.gif(), filename="Our garden.gif", policy=SCRIPTS)
    assert gif.original_name == "Our garden.png"
    jpeg = check_upload(files.jpeg(), filename="Scan 3.JPEG", policy=SCRIPTS)
    assert jpeg.original_name == "Scan 3.JPEG"


def test_heic_photos_become_jpeg() -> None:
    checked = check_upload(files.heic(), filename="IMG_0042.HEIC", policy=SCRIPTS)
    assert checked.detected == Kind.HEIC and checked.kind == Kind.JPEG
    assert checked.filename == "img-0042.jpg"
    assert Image.open(io.BytesIO(checked.content)).format == "JPEG"
    assert "converted from HEIC to JPEG" in checked.notes


def test_gif_becomes_png() -> None:
    checked = check_upload(files.gif(), filename="star.gif", policy=SCRIPTS)
    assert checked.kind == Kind.PNG and checked.content.startswith(b"\x89PNG")


def test_large_images_are_scaled_down_not_refused() -> None:
    policy = UploadPolicy(kinds=frozenset(IMAGES), max_image_side=100)
    checked = check_upload(files.png(400, 200), filename="scan.png", policy=policy)
    assert (checked.width, checked.height) == (100, 50)
    assert "scaled down to 100 pixels on its longest side" in checked.notes


def test_pdf_metadata_is_removed_and_pages_counted() -> None:
    checked = check_upload(
        files.pdf(pages=3, author="Jane Smith"), filename="scripts.pdf", policy=SCRIPTS
    )
    reader = PdfReader(io.BytesIO(checked.content))
    assert checked.pages == 3 == len(reader.pages)
    assert b"Jane Smith" not in checked.content
    assert reader.metadata is None or not reader.metadata.get("/Author")


def test_pdf_page_limit() -> None:
    policy = UploadPolicy(kinds=frozenset({Kind.PDF}), max_pdf_pages=2)
    with pytest.raises(UploadRefused, match="3 pages; files here can have at most 2"):
        check_upload(files.pdf(pages=3), filename="scripts.pdf", policy=policy)


def test_office_documents_are_kept_as_they_are() -> None:
    document = files.docx()
    checked = check_upload(document, filename="Pack.docx", policy=EVERYTHING)
    assert checked.kind == Kind.DOCX and checked.content == document
    assert checked.content_type.endswith("wordprocessingml.document")
    assert {Kind.DOCX, Kind.XLSX, Kind.PPTX} == OFFICE


def test_windows_text_is_stored_as_utf8() -> None:
    checked = check_upload(
        "Once upon a time… the end".encode("cp1252"), filename="story.txt", policy=SCRIPTS
    )
    assert checked.text == "Once upon a time… the end"
    assert checked.content == "Once upon a time… the end".encode()


def test_the_size_limit_is_applied_before_anything_is_parsed() -> None:
    policy = UploadPolicy(kinds=frozenset({Kind.PDF}), max_bytes=1024)
    with pytest.raises(UploadRefused, match="files here can be at most"):
        check_upload(files.pdf() + b" " * 2048, filename="a.pdf", policy=policy)


def test_sniffing_ignores_the_name() -> None:
    assert sniff(files.png()) == Kind.PNG
    assert sniff(files.jpeg()) == Kind.JPEG
    assert sniff(files.heic()) == Kind.HEIC
    assert sniff(files.docx()) == Kind.DOCX
    assert sniff(files.pdf()) == Kind.PDF
    assert sniff(b"Dear diary") == Kind.TEXT


def test_safe_filenames() -> None:
    assert safe_filename("../../etc/passwd", ".txt") == "passwd.txt"
    assert safe_filename("Éclair été.PDF", ".pdf") == "eclair-ete.pdf"
    assert safe_filename("???", ".png") == "file.png"
    assert accept_attribute({Kind.PDF, Kind.JPEG}) == ".jpg,.jpeg,.pdf"


class ScriptForm(forms.Form):
    page = CheckedFileField(policy=SCRIPTS)


class PagesForm(forms.Form):
    pages = CheckedFilesField(policy=SCRIPTS, max_files=3)


def _upload(name: str, content: bytes) -> UploadedFile[Any]:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _files(field: str, *uploads: UploadedFile[Any]) -> MultiValueDict[str, UploadedFile[Any]]:
    return MultiValueDict({field: list(uploads)})


def test_the_form_field_gives_a_checked_upload() -> None:
    form = ScriptForm(files=_files("page", _upload("p1.png", files.png())))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["page"].kind == Kind.PNG
    assert 'accept=".gif,.heic,.heif' in str(form["page"])


def test_the_form_field_turns_a_refusal_into_a_form_error() -> None:
    form = ScriptForm(files=_files("page", _upload("p1.png", files.SVG_WITH_SCRIPT)))
    assert not form.is_valid()
    assert "SVG images can carry hidden scripts" in form.errors["page"][0]


def test_the_form_field_refuses_an_oversized_file_by_its_declared_size() -> None:
    class TinyForm(forms.Form):
        page = CheckedFileField(policy=UploadPolicy(kinds=SCRIPTS.kinds, max_bytes=1024 * 1024))

    form = TinyForm(files=_files("page", _upload("p1.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024))))
    assert not form.is_valid()
    assert "files here can be at most 1 MB" in form.errors["page"][0]


def test_one_bad_page_refuses_them_all_and_names_it() -> None:
    uploads = _files("pages", _upload("p1.png", files.png()), _upload("p2.jpg", files.png()))
    form = PagesForm(files=uploads)
    assert not form.is_valid()
    assert form.errors["pages"] == [
        "p2.jpg: This file is called 'p2.jpg' but it is a PNG image; rename it to end in "
        ".png, or export it again in the right format."
    ]


def test_several_pages_are_all_checked() -> None:
    uploads = _files("pages", _upload("p1.png", files.png()), _upload("p2.pdf", files.pdf()))
    form = PagesForm(files=uploads)
    assert form.is_valid(), form.errors
    assert [page.kind for page in form.cleaned_data["pages"]] == [Kind.PNG, Kind.PDF]


def test_too_many_pages_at_once() -> None:
    uploads = _files("pages", *(_upload(f"p{n}.png", files.png()) for n in range(4)))
    form = PagesForm(files=uploads)
    assert not form.is_valid()
    assert "at most 3 files" in form.errors["pages"][0]


RELS = "word/_rels/document.xml.rels"
REL = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/{kind}" Target="{target}" TargetMode="External"/>'
    "</Relationships>"
)


def test_docx_with_an_ole_embedding_is_refused() -> None:
    hostile = files.docx({"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + b"x" * 64})
    with pytest.raises(UploadRefused, match="embedded"):
        check_upload(hostile, filename="pack.docx", policy=EVERYTHING)


def test_docx_with_an_external_template_is_refused() -> None:
    rels = REL.format(kind="attachedTemplate", target="http://evil.test/t.dotm").encode()
    with pytest.raises(UploadRefused, match="template"):
        check_upload(files.docx({RELS: rels}), filename="pack.docx", policy=EVERYTHING)


def test_docx_with_an_external_hyperlink_is_accepted() -> None:
    rels = REL.format(kind="hyperlink", target="https://www.gov.uk/").encode()
    checked = check_upload(files.docx({RELS: rels}), filename="pack.docx", policy=EVERYTHING)
    assert b"https://www.gov.uk/" in zipfile.ZipFile(io.BytesIO(checked.content)).read(RELS)


def test_docx_authors_are_removed() -> None:
    core = (
        b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dc="y">'
        b"<dc:creator>Jessica Thornton</dc:creator><cp:lastModifiedBy>J Thornton"
        b"</cp:lastModifiedBy><dc:title>Pack</dc:title></cp:coreProperties>"
    )
    comments = b'<w:comments><w:comment w:id="0" w:author="Jessica Thornton" w:initials="JT">'
    hostile = files.docx({"docProps/core.xml": core, "word/comments.xml": comments})
    checked = check_upload(hostile, filename="pack.docx", policy=EVERYTHING)
    archive = zipfile.ZipFile(io.BytesIO(checked.content))
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Thornton" not in everything and b"JT" not in everything
    assert b"<dc:title>Pack</dc:title>" in everything
    assert b"Spring moderation pack" in archive.read("word/document.xml")


def test_pdf_with_a_javascript_link_is_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/URI"),
                    NameObject("/URI"): TextStringObject("javascript:alert(1)"),
                }
            ),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    output = io.BytesIO()
    writer.write(output)
    with pytest.raises(UploadRefused, match="not a web or email address"):
        check_upload(output.getvalue(), filename="a.pdf", policy=EVERYTHING)
