"""The one path from editor text to HTML: Markdown (markdown-it-py), then bleach.

Nothing else an editor types reaches a page as markup; templates call this through
the `markdown` filter in monographs.templatetags.rendering. Figure references
(monographs.references) are expanded into Markdown text first, so they pass through
the same sanitizer as everything else. Last, the first use on the page of each glossary
term the snapshot carries is linked to its definition (monographs.glossary), in the text
of the sanitized HTML.

A snapshot never changes, so what the page templates make of it alone is kept too, by
the snapshot's content hash (`{% snapshot_part %}`, monographs.templatetags.rendering):
template output, escaped as any template's, with the Markdown inside it made here.
"""

import hashlib
import json
import sys
import threading
from collections import OrderedDict
from urllib.parse import urlparse

import bleach
from django.conf import settings
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

from . import glossary
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


def _render(text):
    html = _markdown.render(text)
    # Headings inside a section sit below the section's own h2.
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return _cleaner.clean(html)


class RenderCache:
    """Rendered HTML by the SHA-256 of its Markdown, least recently used first out, held
    within settings.RENDER_CACHE_BYTES of memory (keys and HTML counted as Python holds them).

    Bounded by memory, not by a count of entries: a few thousand long texts would
    otherwise hold hundreds of megabytes in every server process. A text longer than
    MAX_TEXT_LENGTH is rendered every time and never kept.
    """

    MAX_TEXT_LENGTH = 100_000  # twice the longest section body (Section.BODY_MAX_LENGTH)

    def __init__(self):
        self._entries = OrderedDict()
        self._lock = threading.Lock()
        self.size = 0

    def render(self, text, terms=()):
        """`terms`: the glossary entries whose first use on the page is in this text, to mark."""
        if len(text) > self.MAX_TEXT_LENGTH:
            return glossary.mark(_render(text), terms)
        keyed = text + "\0" + json.dumps(terms, sort_keys=True) if terms else text
        key = hashlib.sha256(keyed.encode("utf-8", "surrogatepass")).hexdigest()
        with self._lock:
            html = self._entries.get(key)
            if html is not None:
                self._entries.move_to_end(key)
                return html
        html = glossary.mark(self.render(text), terms) if terms else _render(text)
        self._keep(key, html)
        return html

    def part(self, key, render):
        """The HTML `render()` makes, kept by `key`: a part of a page that `key` determines."""
        key = "part:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        with self._lock:
            html = self._entries.get(key)
            if html is not None:
                self._entries.move_to_end(key)
                return html
        html = str(render())
        self._keep(key, html)
        return html

    def _keep(self, key, html):
        cost = sys.getsizeof(key) + sys.getsizeof(html)
        budget = settings.RENDER_CACHE_BYTES
        if cost > budget:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = html
            self.size += cost
            while self.size > budget:
                old_key, old_html = self._entries.popitem(last=False)
                self.size -= sys.getsizeof(old_key) + sys.getsizeof(old_html)

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.size = 0


render_cache = RenderCache()


def render_markdown(text, snapshot=None):
    """Editor Markdown as safe HTML, its figure references read from the page's snapshot,
    the glossary terms whose first use on the page it holds linked to their definitions."""
    if not text:
        return mark_safe("")
    text = str(text)
    terms = first_uses(snapshot).get(text, []) if snapshot and snapshot.get("glossary") else []
    return mark_safe(render_cache.render(expand(text, snapshot), terms))


_first_uses = OrderedDict()
_first_uses_lock = threading.Lock()
FIRST_USES_KEPT = 256  # pages; each entry is a few term lists


def first_uses(snapshot):
    """{Markdown text of the page: [glossary entries first used in it]}, by the page's reading order.

    The templates render a page's prose one block at a time; this decides once per page
    which block defines each term: the first, in the order the page shows them, where the
    term appears outside links, code and headings once rendered.
    """
    key = hashlib.sha256(json.dumps(snapshot, sort_keys=True, default=str).encode("utf-8", "surrogatepass")).hexdigest()
    with _first_uses_lock:
        if key in _first_uses:
            _first_uses.move_to_end(key)
            return _first_uses[key]
    pending = list(snapshot["glossary"])
    uses = {}
    for text in glossary.marked_prose(snapshot):
        if not pending or text in uses:
            continue
        found = glossary.found_in(render_cache.render(expand(text, snapshot)), pending)
        uses[text] = [entry for entry in pending if entry["slug"] in found]
        pending = [entry for entry in pending if entry["slug"] not in found]
    with _first_uses_lock:
        _first_uses[key] = uses
        while len(_first_uses) > FIRST_USES_KEPT:
            _first_uses.popitem(last=False)
    return uses
