"""A snapshot's prose cut into sentences, each knowing where it is and what it names.

Checks never parse Markdown or walk the snapshot themselves: they read Sentence
objects, whose names of drugs, biomarkers, conditions and trials were found once.
"""

import re
from dataclasses import dataclass, field

from . import language

LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
LINE_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")
TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")
# A heading or paragraph that is site furniture rather than medical prose.
DISCLAIMER_HEADING = re.compile(
    r"disclaimer|contact|emergenc|address|legal|terms of use|privacy|prescription only", re.IGNORECASE
)
DISCLAIMER_PARAGRAPH = re.compile(r"^\s*(?:medical\s+)?disclaimer\b", re.IGNORECASE)


@dataclass
class Sentence:
    text: str
    location: str
    # The words as written; `text` is the same with hyphens, spaces and apostrophes unified.
    original: str = ""
    boilerplate: bool = False
    disclaimer: bool = False
    heading: bool = False
    # For a table cell: the drug its column is about.
    subject: str = ""
    # Sentences of one section share a block; checks look back within it for context.
    block: int = 0
    index: int = 0
    drugs: list = field(default_factory=list)
    biomarkers: list = field(default_factory=list)
    conditions: list = field(default_factory=list)
    trials: list = field(default_factory=list)


def clean(markdown):
    text = LINK.sub(r"\1", language.strip_invisible(markdown))
    return EMPHASIS.sub("", text)


split_sentences = language.split_sentences


def table_cells(line):
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _paragraphs(markdown):
    """(text, is_table_row) for each paragraph, list item and table row of Markdown."""
    paragraphs, current = [], []

    def close():
        if current:
            paragraphs.append((" ".join(current), False))
            current.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            close()
        elif line.startswith("|"):
            close()
            paragraphs.append((line, True))
        elif LINE_PREFIX.match(raw):
            close()
            current.append(LINE_PREFIX.sub("", raw).strip())
        else:
            current.append(line)
    close()
    return paragraphs


class PageText:
    """Every sentence of a snapshot, in reading order."""

    def __init__(self, snapshot, catalogue):
        self.snapshot = snapshot
        self.catalogue = catalogue
        self.sentences = []
        self._block = 0
        self.drug_slugs = [d["slug"] for d in snapshot.get("drugs", [])]
        self.biomarkers = [b["name"] for b in snapshot.get("biomarkers", [])]
        self._add_field("title", snapshot.get("title", ""), boilerplate=True, heading=True)
        self._add_field("summary", snapshot.get("summary", ""), boilerplate=True)
        for number, section in enumerate(snapshot.get("sections", []), start=1):
            heading = section.get("heading", "")
            location = f"section {number}: {heading}"
            self._block += 1
            self._add(heading, location, boilerplate=True, heading=True)
            furniture = bool(DISCLAIMER_HEADING.search(heading))
            self._add_markdown(section.get("body", ""), location, disclaimer=furniture)
        for number, group in enumerate(snapshot.get("question_groups", []), start=1):
            location = f"question group {number}: {group.get('heading', '')}"
            self._block += 1
            self._add(group.get("heading", ""), location, boilerplate=True, heading=True)
            self._add_markdown(group.get("intro", ""), location)
            for question in group.get("questions", []):
                # "X used to be the only option. Is it still the best?": each sentence has its own time.
                for piece in split_sentences(clean(question)):
                    self._add(piece, location)
        if snapshot.get("verdict"):
            self._block += 1
            self._add_markdown(snapshot["verdict"], "verdict")

    @property
    def main_drug(self):
        """The drug a sentence without a named drug is about, if the page has one."""
        return self.drug_slugs[0] if len(self.drug_slugs) == 1 else ""

    def block_before(self, sentence):
        """The sentences of the same section before this one, nearest first."""
        earlier = []
        for other in reversed(self.sentences[: sentence.index]):
            if other.block != sentence.block:
                break
            earlier.append(other)
        return earlier

    def _add_field(self, location, text, **flags):
        self._block += 1
        for paragraph in clean(text).splitlines():
            for piece in split_sentences(paragraph):
                self._add(piece, location, **flags)

    def _add_markdown(self, body, location, disclaimer=False):
        header_drugs = []
        for line, is_row in _paragraphs(clean(body)):
            if is_row:
                if TABLE_RULE.match(line):
                    continue
                cells = table_cells(line)
                if not header_drugs:
                    header_drugs = [d for d in (self.catalogue.first_drug(cell) for cell in cells) if d]
                    self._add(line, location, boilerplate=disclaimer, disclaimer=disclaimer)
                    continue
                self._add_row(line, cells, header_drugs, location, disclaimer)
                continue
            header_drugs = []
            furniture = disclaimer or bool(DISCLAIMER_PARAGRAPH.match(line))
            for piece in split_sentences(line):
                self._add(piece, location, boilerplate=furniture, disclaimer=furniture)

    def _add_row(self, line, cells, header_drugs, location, disclaimer):
        label, values = cells[0], list(cells[1:])
        if not header_drugs:
            self._add(line, location, boilerplate=disclaimer, disclaimer=disclaimer)
            return
        # A row reads "label | first drug's value | second drug's value", whether or
        # not the header row left its first cell empty.
        for drug, value in zip(header_drugs, values, strict=False):
            if value:
                self._add(f"{label}: {value}", location, subject=drug, boilerplate=disclaimer, disclaimer=disclaimer)

    def _add(self, text, location, **flags):
        text = text.strip()
        if not text:
            return
        sentence = Sentence(
            text=language.normalize(text),
            location=location,
            original=text,
            block=self._block,
            index=len(self.sentences),
            **flags,
        )
        self.catalogue.annotate(sentence)
        self.sentences.append(sentence)
