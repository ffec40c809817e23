"""Prose credited to a source the page does not hold, on a topic one of its sources is noted for.

"As ASCO Post explains, crizotinib blocks ALK, ROS1 and c-Met" credits the mechanism to
ASCO Post; the page's sources record where the mechanism comes from (the label's note:
"Approvals, mechanism, warnings and dosing"). When the source named is none of the
page's sources and another of them is noted for the topic, the credit is an error.
With no page source noted for the topic, a label topic (approvals, mechanism, warnings,
dosing) is the drug's label's. A source the page holds, or the label, passes.
"""

import re

from .findings import ERROR, Finding

NAME = r"(?P<name>(?:the\s+)?[A-Z][\w.&'-]*(?:\s+(?:of\s+)?[A-Z][\w.&'-]*){0,3})"
CREDIT = [
    re.compile(rf"\(\s*(?:[Ss]ources?|[Vv]ia|[Aa]dapted\s+from|[Qq]uoted\s+from)\s*:?\s*{NAME}[^)]*\)"),
    re.compile(
        rf"\b(?:[Aa]ccording\s+to|[Tt]aken\s+from|[Qq]uoted\s+from|[Ss]ourced\s+from|[Aa]dapted\s+from"
        rf"|[Cc]redited\s+to|[Cc]opied\s+from|[Ss]ource\s*:)\s+{NAME}"
    ),
    re.compile(rf"\b[Aa]s\s+{NAME}\s+(?:explains|says|reports|notes|describes|puts\s+it|writes|states)\b"),
    re.compile(rf"\b{NAME}\s+(?:explains|reports|writes|states)\s+that\b"),
]
CREDIT_HINT = re.compile(
    r"ccording\s+to|(?:aken|uoted|ourced|dapted|opied)\s+from|redited\s+to|ource\s*:|\([Ss]ources?\b|\([Vv]ia\b"
    r"|\b[Aa]s\s+(?:the\s+)?[A-Z]|\s(?:explains|reports|writes|states)\s+that\b"
)
# What a sentence speaks of, and the word a source's note uses for it.
TOPICS = {
    "mechanism": re.compile(
        r"\b(?:block(?:s|ed|ing)?|inhibit\w*|phosphorylation|kinases?|mechanism|how\s+\w+\s+works)\b", re.I
    ),
    "warning": re.compile(r"\b(?:warns?|warnings?|hepatotoxicity|pneumonitis|QT\s+prolongation|bradycardia)\b", re.I),
    "dosing": re.compile(r"\b(?:dose|doses|dosing|mg)\b", re.I),
    "approv": re.compile(r"\b(?:approv\w*)\b", re.I),
}
# A name on its own after a sentence, with an acronym in it: "ASCO Post", "NEJM".
BARE_CREDIT = re.compile(r"\s*(?P<name>(?=[^.!?]*\b[A-Z]{2,}\b)[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3})\s*")
GENERIC = re.compile(r"^(?:the\s+)?(?:FDA|US|U\.S\.|label|prescribing|manufacturer)\b", re.IGNORECASE)


def _credited(text):
    for pattern in CREDIT:
        for match in pattern.finditer(text):
            name = re.sub(r"^the\s+", "", match.group("name"), flags=re.IGNORECASE).strip(" .")
            if name:
                yield name


def _holds(source, name):
    words = f"{source.get('title', '')} {source.get('publisher', '')} {source.get('citation', '')}".lower()
    return name.lower() in words


def _credits(page):
    """(sentence, name credited, the text credited) for each credit on the page."""
    previous = None
    for sentence in page.sentences:
        text = sentence.text
        if sentence.heading:
            previous = None
            continue
        bare = BARE_CREDIT.fullmatch(text) if len(text) < 60 else None
        # A name the data knows ("ALK-positive NSCLC", "ALEX") is a label of the text, not its source.
        known = sentence.drugs or sentence.biomarkers or sentence.conditions or sentence.trials
        if bare and not known and previous is not None and previous.block == sentence.block:
            # "... in cell-based assays. ASCO Post": a source's name left after the text it credits.
            yield sentence, bare.group("name"), previous.text
        elif CREDIT_HINT.search(text):
            for name in _credited(text):
                yield sentence, name, text
        previous = sentence


def _drug_of(page, sentence, text):
    named = [slug for _, slug in sentence.drugs] if sentence.text == text else []
    if not named:
        named = [slug for slug in page.drug_slugs if re.search(rf"\b{slug}\b", text, re.IGNORECASE)]
    return named[0] if named else page.main_drug


# What a topic is called in a finding.
TOPIC_NAMES = {"approv": "approvals"}


def attributions(page):
    sources = page.snapshot.get("sources", [])
    for sentence, name, text in _credits(page):
        if GENERIC.match(name) or any(_holds(source, name) for source in sources):
            continue
        noted = next(
            (
                (topic, held)
                for topic, words in TOPICS.items()
                if words.search(text)
                for held in sources
                if topic in (held.get("note") or "").lower()
            ),
            None,
        )
        if not noted:
            # No source of the page is noted for it: a label topic comes from the drug's label.
            label = page.catalogue.labels.get(_drug_of(page, sentence, text))
            topic = next((t for t, words in TOPICS.items() if words.search(text)), None)
            if not label or not topic or _holds(label, name):
                continue
            noted = (topic, label)
        topic, held = noted
        yield Finding(
            "misattributed-source",
            ERROR,
            f"claim: this comes from {name}; data: {name} is not among the page's sources, and the "
            f"{TOPIC_NAMES.get(topic, topic)} information comes from {held['title']}"
            + (f" ({held['publisher']})" if held.get("publisher") else "")
            + ".",
            sentence.location,
            sentence.text,
        )
