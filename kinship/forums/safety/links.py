"""Web addresses: removed from what is stored, and held as a concern. Pure Python; every
pattern is bounded and starts only where a word starts, so it is linear in the text."""

import re

from kinship.forums.safety.normalise import Forms

LINK_REMOVED = "[link removed]"

TLDS = r"com|co\.uk|org\.uk|ac\.uk|gov\.uk|sch\.uk|uk|org|net|io|gg|ly|xyz|info|tv|app|ru|cn"
URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"]{1,300}"
    rf"|(?<![\w.@-])[a-z0-9-]{{1,63}}(?:\.[a-z0-9-]{{1,63}}){{0,4}}\.(?:{TLDS})"
    r"(?:/[^\s<>\"]{0,300})?(?![\w-])",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")


def strip_links(text: str) -> str:
    """The text with every web address replaced by '[link removed]' (emails are left for
    the filter to see)."""
    without_emails = EMAIL.sub(lambda m: m.group().replace(".", "\0"), text)
    cleaned = URL.sub(LINK_REMOVED, without_emails)
    return cleaned.replace("\0", ".")


def links(forms: Forms) -> list[tuple[str, str]]:
    without_emails = EMAIL.sub(" ", forms.plain)
    return [("link", m.group()[:80]) for m in URL.finditer(without_emails)]
