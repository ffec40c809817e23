"""The one path from editor text to HTML: Markdown (markdown-it-py), then bleach.

Nothing else an editor types reaches a page as markup; templates call this through
the `markdown` filter in monographs.templatetags.rendering. Figure references
(monographs.references) are expanded into Markdown text first, so they pass through
the same sanitizer as everything else.
"""

from functools import lru_cache
from urllib.parse import urlparse

import bleach
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

# html=False: raw HTML in the Markdown is shown as text, never passed through. Bare
# addresses ("www.example.org") become links in Markdown itself (linkify-it-py), which
# leaves code spans and blocks alone and escapes their text once; bleach's own linkifier
# escaped skipped code a second time.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False}).enable(
    ["table", "linkify"]
)


def is_external(href):
    """An address that leaves the site: any with a host, protocol-relative ("//host") included."""
    return bool(urlparse(href.strip()).netloc)


def _link_open(self, tokens, idx, options, env):
    token = tokens[idx]
    if is_external(token.attrGet("href") or ""):
        token.attrSet("rel", "nofollow noopener")
    return self.renderToken(tokens, idx, options, env)


_markdown.add_render_rule("link_open", _link_open)


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    filters=[],
)


@lru_cache(maxsize=4096)
def _render(text):
    html = _markdown.render(text)
    # Headings inside a section sit below the section's own h2.
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return _cleaner.clean(html)


def render_markdown(text, snapshot=None):
    """Editor Markdown as safe HTML, its figure references read from the page's snapshot."""
    if not text:
        return mark_safe("")
    return mark_safe(_render(expand(str(text), snapshot)))
