"""Images: checked before decoding, turned upright, re-encoded without metadata."""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from kinship.core.uploads.kinds import (
    LABELS,
    STORED_AS,
    CheckedUpload,
    Kind,
    UploadPolicy,
    UploadRefused,
    checked_upload,
)
from kinship.core.uploads.sniffing import ACTIVE_MARKUP, MARKUP, polyglot

register_heif_opener()


def clean_image(data: bytes, kind: Kind, filename: str, policy: UploadPolicy) -> CheckedUpload:
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
    return checked_upload(
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
            raise polyglot("web page code")


# PDF


# Names whose presence anywhere in a PDF means it can run or carry something besides pages.
