"""Guideline citations older than the newest version of the same guideline among the sources."""

import re

from monographs.models.evidence import GUIDELINE_VERSION

from .findings import ERROR, Finding

CITATION = re.compile(
    r"\b(?P<body>NCCN|ESMO|ASCO)\b[^.\n]{0,80}?(?P<version>\bv(?:ersion\s*)?\d+\.\d{4})\b", re.IGNORECASE
)


def _key(version):
    match = GUIDELINE_VERSION.match(re.sub(r"^version\s*", "v", version, flags=re.IGNORECASE).lower())
    return (int(match.group(2)), int(match.group(1))) if match else None


def _newest(catalogue, body, context):
    same = [g for g in catalogue.guidelines if body.lower() in f"{g.publisher} {g.title}".lower()]
    topical = [g for g in same if any(word in g.title.lower() for word in context)]
    candidates = topical or same
    return max(candidates, key=lambda g: g.key) if candidates else None


def guidelines(page):
    catalogue = page.catalogue
    for sentence in page.sentences:
        for match in CITATION.finditer(sentence.text):
            cited = _key(match.group("version"))
            context = [catalogue.conditions[slug][0].lower() for _, slug in sentence.conditions]
            newest = _newest(catalogue, match.group("body"), context)
            if cited and newest and newest.key > cited:
                yield Finding(
                    "outdated-guideline",
                    ERROR,
                    f"{match.group('body')} {match.group('version')} is not the current version: the sources hold "
                    f"{newest.title} {newest.version}" + (f" ({newest.date.isoformat()})" if newest.date else "") + ".",
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
