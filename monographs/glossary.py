"""Which glossary terms a page uses, and marking the first use of each in its rendered prose.

A term is used where its name or an alias appears as a whole word, in any case; a name
written all in capitals (an abbreviation such as "HR") matches only in capitals, so
"12 hr" is not a hazard ratio. The snapshot carries the terms a page uses
(monographs.snapshots); rendering (monographs.rendering) links the first use of each to
its entry in the page's "Words used on this page" section, working on the text of the
already sanitized HTML so a term or definition is never read as markup.
"""

import re
import xml.etree.ElementTree as ElementTree

from bleach._vendor import html5lib  # bleach parses with its own copy; so does this, the same way
from bleach._vendor.html5lib.serializer import HTMLSerializer

# Text inside these is never marked: a link is already a link, code is literal, a heading
# is not where a reader meets a word in a sentence.
_NOT_MARKED = frozenset({"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dfn", "abbr"})


def names(term):
    """Every way a page may write a term (a GlossaryTerm or a snapshot entry with "names")."""
    if isinstance(term, dict):
        return term["names"]
    return [term.term, *term.alias_list]


def _is_abbreviation(name):
    return name.upper() == name and sum(c.isalpha() for c in name) >= 2


def matcher(terms):
    """A regex whose named groups are the terms' indexes, or None when there is nothing to match."""
    alternatives = []
    for index, term in enumerate(terms):
        for name in names(term):
            body = re.escape(name).replace(r"\ ", r"\s+")
            if not _is_abbreviation(name):
                body = f"(?i:{body})"
            alternatives.append((len(name), f"(?P<t{index}_{len(alternatives)}>{body})"))
    if not alternatives:
        return None
    # Longest name first, so "tyrosine kinase inhibitors" wins over "tyrosine kinase inhibitor".
    alternatives.sort(key=lambda pair: pair[0], reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(pattern for _, pattern in alternatives) + r")(?!\w)")


def _term_index(match):
    return int(match.lastgroup[1:].split("_")[0])


def used(terms, texts):
    """The terms (in their given order) whose name or alias appears in any of the texts."""
    terms = list(terms)
    pattern = matcher(terms)
    if pattern is None:
        return []
    found = set()
    for text in texts:
        found |= {_term_index(match) for match in pattern.finditer(text or "")}
    return [term for index, term in enumerate(terms) if index in found]


def marked_prose(snapshot):
    """The page's Markdown prose, in the order the page templates show it: a comparison's
    verdict sits above the sections, question groups come last. Only this prose goes
    through Markdown, so only here can a use be marked."""
    blocks = [snapshot.get("verdict") or ""]
    blocks += [section["body"] for section in snapshot["sections"]]
    blocks += [group["intro"] for group in snapshot["question_groups"]]
    return [block for block in blocks if block]


def prose(snapshot):
    """All the words a reader meets on the page: the marked prose and the plain text around it."""
    texts = [snapshot["summary"], *marked_prose(snapshot)]
    texts += [section["heading"] for section in snapshot["sections"]]
    for group in snapshot["question_groups"]:
        texts += [group["heading"], *group["questions"]]
    return texts


def entry(term):
    """A term as the snapshot carries it; "names" lets rendering find it without the database."""
    return {
        "term": term.term,
        "slug": term.slug,
        "names": names(term),
        "pronunciation": term.pronunciation,
        "definition": term.definition,
    }


def _fragment(html):
    return html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)


def _serialize(fragment):
    walker = html5lib.getTreeWalker("etree")
    serializer = HTMLSerializer(
        quote_attr_values="always",
        quote_char='"',
        use_best_quote_char=False,
        escape_lt_in_attrs=True,
        omit_optional_tags=False,
        resolve_entities=False,
    )
    return serializer.render(walker(fragment))


def _text_slots(fragment):
    """(element, "text" or "tail", parent) for every text node that may be marked, in document order."""
    slots = []

    def walk(element, excluded):
        inside = excluded or element.tag in _NOT_MARKED
        if element.text and not inside:
            slots.append((element, "text", None))
        for child in element:
            walk(child, inside)
            if child.tail and not inside:
                slots.append((child, "tail", element))

    walk(fragment, False)
    return slots


def found_in(html, entries):
    """Slugs of the entries with a use in the HTML where it could be marked (outside links, code, headings)."""
    pattern = matcher(entries)
    if pattern is None or not html:
        return set()
    slugs = set()
    for element, attribute, _ in _text_slots(_fragment(html)):
        slugs |= {entries[_term_index(m)]["slug"] for m in pattern.finditer(getattr(element, attribute))}
    return slugs


def mark(html, entries):
    """The sanitized HTML with the first markable use of each entry linked to its definition.

    Works on parsed text nodes only: the words matched stay text, and the definition goes
    into an attribute the serializer escapes, so neither is ever read as markup.
    """
    pattern = matcher(entries)
    if pattern is None or not html:
        return html
    fragment = _fragment(html)
    pending = set(range(len(entries)))
    changed = False
    for element, attribute, parent in _text_slots(fragment):
        if not pending:
            break
        text = getattr(element, attribute)
        wanted = []
        for match in pattern.finditer(text):
            index = _term_index(match)
            if index in pending:
                pending.discard(index)
                wanted.append((match, entries[index]))
        if not wanted:
            continue
        changed = True
        lead, links = _split(text, wanted)
        setattr(element, attribute, lead)
        if attribute == "text":
            for offset, link in enumerate(links):
                element.insert(offset, link)
        else:
            position = list(parent).index(element) + 1
            for offset, link in enumerate(links):
                parent.insert(position + offset, link)
    return _serialize(fragment) if changed else html


def _split(text, wanted):
    """The text before the first match, and a link element (its tail the text after) for each match."""
    links = []
    lead = text[: wanted[0][0].start()]
    for number, (match, found) in enumerate(wanted):
        link = ElementTree.Element(
            "a", {"class": "term", "href": f"#term-{found['slug']}", "title": found["definition"]}
        )
        link.text = match.group(0)
        end = wanted[number + 1][0].start() if number + 1 < len(wanted) else len(text)
        link.tail = text[match.end() : end]
        links.append(link)
    return lead, links
