"""User-written Markdown as safe HTML, rendered once per text and then remembered.

A thread page showed fifty posts and rendered each one again on every view, with
markdown-it and then nh3, though a post's words rarely change. The HTML is kept under a
hash of the words (so an edited post is simply a new key, and nothing needs clearing): in
this process for the commonest texts, and in the shared cache for every web process.
"""

import hashlib
import threading
from collections import OrderedDict

import nh3
from django.core.cache import cache
from markdown_it import MarkdownIt

# Part of every key: change it when the renderer's options or the allowed tags change, so
# no page shows HTML made under the old rules.
RENDERING = "md1"
LOCAL_TEXTS = 2000  # about a few MB of HTML per process at most
SHARED_SECONDS = 30 * 24 * 3600

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
_local: OrderedDict[str, str] = OrderedDict()
_local_lock = threading.Lock()


def render(text: str) -> str:
    """Render Markdown, then sanitise with nh3 so that no script or style survives."""
    return nh3.clean(
        _markdown.render(text),
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )


def rendered(text: str) -> str:
    """The safe HTML of `text`, from the process's memory, the shared cache, or rendered."""
    if not text:
        return ""
    key = f"{RENDERING}:{hashlib.sha256(text.encode()).hexdigest()}"
    with _local_lock:
        html = _local.get(key)
        if html is not None:
            _local.move_to_end(key)
            return html
    html = cache.get(key)
    if html is None:
        html = render(text)
        cache.set(key, html, SHARED_SECONDS)
    with _local_lock:
        _local[key] = html
        while len(_local) > LOCAL_TEXTS:
            _local.popitem(last=False)
    return html
