"""The one path from editor text to HTML: Markdown (markdown-it-py), then bleach.

Nothing else an editor types reaches a page as markup; templates call this through
the `markdown` filter in monographs.templatetags.rendering. Figure references
(monographs.references) are expanded into Markdown text first, so they pass through
the same sanitizer as everything else.
"""

from functools import lru_cache
from urllib.parse import urlparse

import bleach
from bleach.linkifier import Linker
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

from .references import expand

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "strong",
        "em",
        "b",
        "i",
        "sub",
        "sup",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "th": ["align", "scope"], "td": ["align"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# html=False: raw HTML in the Markdown is shown as text, never passed through.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _external_link_attrs(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if urlparse(href).scheme in ("http", "https"):
        attrs[(None, "rel")] = "nofollow noopener"
    return attrs


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    filters=[],
)
_linker = Linker(callbacks=[_external_link_attrs], parse_email=False, skip_tags={"pre", "code"})


@lru_cache(maxsize=4096)
def _render(text):
    html = _markdown.render(text)
    # Headings inside a section sit below the section's own h2.
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return _linker.linkify(_cleaner.clean(html))


def render_markdown(text, snapshot=None):
    """Editor Markdown as safe HTML, its figure references read from the page's snapshot."""
    if not text:
        return mark_safe("")
    return mark_safe(_render(expand(str(text), snapshot)))
