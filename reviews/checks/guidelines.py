"""Guideline citations older than the newest version of the same guideline among the sources.

A version is read in any common notation ("v1.2026", "version 1.2026", "1.2026",
"Version 1, 2026", "2026 v1"). A sentence that names an old version as replaced
("v2.2024 was superseded by v1.2026", "the previous version, 2.2024") is not an error.
"""

import re

from monographs.models.evidence import GUIDELINE_VERSION

from . import language
from .findings import ERROR, WARNING, Finding

BODY = re.compile(r"\b(?P<body>NCCN|ESMO|ASCO|National\s+Comprehensive\s+Cancer\s+Network)\b", re.IGNORECASE)
BODY_ABBREVIATION = {"NATIONAL COMPREHENSIVE CANCER NETWORK": "NCCN"}
# "National Comprehensive Cancer Network. Non-Small Cell Lung Cancer Guidelines, Version 2.2024": a reference
# whose publisher stands in the sentence before its title.
GUIDELINE_WORD = re.compile(r"\bguidelines?\b", re.IGNORECASE)
VERSION = re.compile(
    r"\bv(?:ersion)?\.?\s*(?P<a>\d{1,2})\s*(?:[.,/]\s*|\s+of\s+|\s+)(?P<ay>(?:19|20)\d\d)\b"
    r"|(?<![\w.])(?P<b>\d{1,2})\.(?P<by>(?:19|20)\d\d)\b"
    r"|\b(?P<cy>(?:19|20)\d\d),?\s*v(?:ersion)?\.?\s*(?P<c>\d{1,2})\b(?!\.\d)",
    re.IGNORECASE,
)
REPLACED = re.compile(
    r"\b(?:replac(?:ed|es|ing)|supersed(?:ed|es|ing)|earlier|previous(?:ly)?|prior|older|former(?:ly)?|outdated"
    r"|out\s+of\s+date|updated\s+from|no\s+longer\s+current|withdrawn|obsolete|was\s+current)\b",
    re.IGNORECASE,
)


# "v1.2026 has been replaced by v2.2024": the version after "replaced by" is the one said to be current.
REPLACED_BY = re.compile(r"\b(?:replaced|superseded|updated)\s+(?:by|with|to)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)


def _key(version):
    match = GUIDELINE_VERSION.match(re.sub(r"^version\s*", "v", version, flags=re.IGNORECASE).lower())
    return (int(match.group(2)), int(match.group(1))) if match else None


def versions(text):
    """(start, end, (year, number)) for each guideline version written in text."""
    found = []
    for match in VERSION.finditer(text):
        number = match.group("a") or match.group("b") or match.group("c")
        year = match.group("ay") or match.group("by") or match.group("cy")
        found.append((match.start(), match.end(), (int(year), int(number))))
    return found


def _newest(catalogue, body, context):
    same = [g for g in catalogue.guidelines if body.lower() in f"{g.publisher} {g.title}".lower()]
    topical = [g for g in same if any(word in g.title.lower() for word in context)]
    candidates = topical or same
    return max(candidates, key=lambda g: g.key) if candidates else None


def _show(key):
    return f"v{key[1]}.{key[0]}"


def guidelines(page):
    catalogue = page.catalogue
    for sentence in page.sentences:
        text = sentence.text
        bodies = [(b.start(), b.end(), b.group("body")) for b in BODY.finditer(text)]
        if not bodies and GUIDELINE_WORD.search(text):
            earlier = next((s for s in page.block_before(sentence)[:1] if BODY.search(s.text)), None)
            if earlier:
                bodies = [(0, 0, BODY.findall(earlier.text)[-1])]
        if not bodies:
            continue
        context = [catalogue.conditions[slug][0].lower() for _, slug in sentence.conditions]
        found = versions(text)
        for start, _end, cited in found:
            before = [b for b in bodies if b[0] <= start and start - b[1] <= 80]
            if not before:
                continue
            body = re.sub(r"\s+", " ", before[-1][2]).upper()
            body = BODY_ABBREVIATION.get(body, body)
            newest = _newest(catalogue, body, context)
            if not newest or newest.key <= cited:
                continue
            clause_start, clause_end = language.clause_at(text, start)
            named_newer = any(key >= newest.key for _, _, key in found)
            replacement = REPLACED_BY.search(text[max(0, start - 40) : start])
            if not replacement and (
                REPLACED.search(text, clause_start, clause_end) or (named_newer and REPLACED.search(text))
            ):
                continue
            # Naming the current version beside it, the sentence may only be telling the old one's history.
            yield Finding(
                "outdated-guideline",
                WARNING if named_newer and not replacement else ERROR,
                f"claim: the current {body} guideline is {_show(cited)}; data: {body} {_show(cited)} is not the "
                f"current version: the sources hold {newest.title} {newest.version}"
                + (f" ({newest.date.isoformat()})" if newest.date else "")
                + ".",
                sentence.location,
                sentence.text,
            )
    for source in page.snapshot.get("sources", []):
        key = _key(source.get("version") or "")
        if source.get("kind") != "guideline" or not key:
            continue
        newer = [g for g in catalogue.guidelines if g.title == source["title"] and g.key > key]
        if newer:
            newest = max(newer, key=lambda g: g.key)
            yield Finding(
                "outdated-guideline",
                ERROR,
                f"The page cites {source['title']} {source['version']}; the sources hold the newer {newest.version}.",
                "sources",
                f"{source['title']} {source['version']}",
            )
