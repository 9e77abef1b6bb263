"""Plain text: UTF-8 or Windows-1252 without control characters, stored as UTF-8."""

import re
import unicodedata

from kinship.core.uploads.kinds import (
    CheckedUpload,
    Kind,
    UploadPolicy,
    UploadRefused,
    checked_upload,
)

CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not CONTROL.search(text):
            return text
    return None


def clean_text(data: bytes, filename: str, policy: UploadPolicy) -> CheckedUpload:
    text = decode_text(data)
    if text is None:
        raise UploadRefused("This text file contains characters that are not text.")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > policy.max_text_chars:
        raise UploadRefused(
            f"This text is {len(text):,} characters long; the limit is {policy.max_text_chars:,}."
        )
    if not text.strip():
        raise UploadRefused("The file has no text in it.")
    return checked_upload(Kind.TEXT, text.encode("utf-8"), filename, text=text)


# Shared
