"""Doses stated for a drug, checked against the drug's recorded dose."""

import re

from .findings import ERROR, Finding

DOSE_PART = re.compile(
    r"(?P<mg>\d+(?:\.\d+)?)\s*mg\b(?!\s*/\s*m)"
    r"|(?P<times>once|twice|two\s+times|three\s+times)\s+(?:a\s+|per\s+)?(?:daily|day)\b"
    r"|\b(?P<code>QD|OD|BID|TID)\b",
    re.IGNORECASE,
)
PER_DAY = {"once": 1, "qd": 1, "od": 1, "twice": 2, "two times": 2, "bid": 2, "three times": 3, "tid": 3}
# Doses for special situations are not in the Drug table; the reviewer checks those.
ADJUSTMENT = re.compile(
    r"renal|kidney|hepatic|liver|impairment|dialysis|reduc|lower\s+dose|adjust|child|paediatric|pediatric"
    r"|body\s+surface|missed|interrupt|capsule|tablet|strength",
    re.IGNORECASE,
)


def dose_pairs(text):
    """[(position, mg, times a day or None)] in reading order."""
    pairs = []
    last = None
    for match in DOSE_PART.finditer(text):
        if match.group("mg"):
            last = [match.start(), match.group("mg"), None]
            pairs.append(last)
            continue
        times = PER_DAY[re.sub(r"\s+", " ", (match.group("times") or match.group("code")).lower())]
        if last is None:
            continue
        if last[2] is None:
            last[2] = times
        else:
            last = [match.start(), last[1], times]
            pairs.append(last)
    return [tuple(p) for p in pairs]


def doses(page):
    catalogue = page.catalogue
    for sentence in page.sentences:
        if "mg" not in sentence.text.lower() or ADJUSTMENT.search(sentence.text):
            continue
        for position, mg, times in dose_pairs(sentence.text):
            before = [slug for start, slug in sentence.drugs if start < position]
            slug = before[-1] if before else sentence.subject or page.main_drug
            drug = catalogue.drugs.get(slug)
            if not drug or not drug.dose:
                continue
            known = {(m, t) for _, m, t in dose_pairs(drug.dose)}
            if (mg, times) in known or (times is None and mg in {m for m, _ in known}):
                continue
            stated = f"{mg} mg" + (f" {_times(times)}" if times else "")
            unchecked = "" if drug.dose_verified else " (that dose is not yet checked against the label)"
            yield Finding(
                "dose",
                ERROR,
                f"“{stated}” for {drug.name} does not match its recorded dose: {drug.dose}{unchecked}.",
                sentence.location,
                sentence.text,
            )


def _times(times):
    return {1: "once daily", 2: "twice daily", 3: "three times daily"}[times]
