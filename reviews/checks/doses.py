"""Doses stated for a drug, checked against the drug's recorded dose and dose changes."""

import re

from .findings import ERROR, WARNING, Finding

DOSE_PART = re.compile(
    r"(?P<mg>\d+(?:\.\d+)?)\s*mg\b(?!\s*/\s*m)"
    r"|(?P<times>once|twice|two\s+times|three\s+times)\s+(?:a\s+|per\s+)?(?:daily|day)\b"
    r"|\b(?P<code>QD|OD|BID|TID)\b",
    re.IGNORECASE,
)
PER_DAY = {"once": 1, "qd": 1, "od": 1, "twice": 2, "two times": 2, "bid": 2, "three times": 3, "tid": 3}
# Words that put a dose under one kind of DoseAdjustment, however a page words it.
KIND_WORDS = {
    "renal": re.compile(r"\b(?:renal|kidneys?|creatinine|dialysis)\b", re.IGNORECASE),
    "hepatic": re.compile(r"\b(?:hepatic|liver|bilirubin)\b", re.IGNORECASE),
}
# Other special situations have no recorded dose to compare with; the reviewer checks those.
OTHER_SITUATION = re.compile(
    r"impairment|reduc|lower\s+dose|adjust|child|paediatric|pediatric"
    r"|body\s+surface|missed|interrupt|capsule|tablet|strength",
    re.IGNORECASE,
)
SEVERITY = re.compile(r"\b(mild|moderate|severe)\b", re.IGNORECASE)
NOT_ON_DIALYSIS = re.compile(r"\b(?:not|no|without)\b(?:\s+\w+){0,2}\s+dialysis", re.IGNORECASE)


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
        if "mg" not in sentence.text.lower():
            continue
        kinds = _kinds(sentence.text)
        if not kinds and OTHER_SITUATION.search(sentence.text):
            continue
        for position, mg, times in dose_pairs(sentence.text):
            before = [slug for start, slug in sentence.drugs if start < position]
            slug = before[-1] if before else sentence.subject or page.main_drug
            drug = catalogue.drugs.get(slug)
            if not drug:
                continue
            if kinds:
                yield from _dose_change(sentence, drug, kinds, mg, times)
            elif drug.dose and not _matches(drug.dose, mg, times):
                unchecked = "" if drug.dose_verified else " (that dose is not yet checked against the label)"
                yield Finding(
                    "dose",
                    ERROR,
                    f"“{_stated(mg, times)}” for {drug.name} does not match its recorded dose: {drug.dose}{unchecked}.",
                    sentence.location,
                    sentence.text,
                )


def omitted_dose_changes(page):
    """A drug page whose drug has dose changes of a kind should say what they are."""
    drugs = page.snapshot.get("drugs", [])
    if page.snapshot.get("kind") != "drug" or len(drugs) != 1:
        return
    stated = {kind for s in page.sentences if not s.disclaimer and dose_pairs(s.text) for kind in _kinds(s.text)}
    anchor = next((s for s in page.sentences if not s.disclaimer and dose_pairs(s.text)), None)
    location, text = (anchor.location, anchor.text) if anchor else ("page", "")
    changes = drugs[0]["dose_adjustments"]
    for kind in KIND_WORDS:
        recorded = [f"{c['population']}: {c['dose']}" for c in changes if c["kind"] == kind]
        if recorded and kind not in stated:
            yield Finding(
                "dose-changes-omitted",
                WARNING,
                f"Dose changes for {kind} impairment are not mentioned. Recorded for {drugs[0]['name']}: "
                f"{'; '.join(recorded)}.",
                location,
                text,
            )


def _kinds(text):
    return [kind for kind, words in KIND_WORDS.items() if words.search(text)]


def _dose_change(sentence, drug, kinds, mg, times):
    changes = [c for c in drug.dose_changes if c.kind in kinds]
    if not changes:
        return
    # "Moderate liver problems: 250 mg once daily" is the severe dose, so compare with the moderate one.
    severity = {word.lower() for word in SEVERITY.findall(sentence.text)}
    named = [c for c in changes if severity & {w.lower() for w in SEVERITY.findall(c.population)}]
    candidates = named or changes
    matching = [c for c in candidates if _matches(c.dose, mg, times)]
    if not matching:
        recorded = "; ".join(c.describe() for c in candidates)
        yield Finding(
            "dose-change",
            ERROR,
            f"“{_stated(mg, times)}” for {drug.name} does not match its recorded dose changes: {recorded}.",
            sentence.location,
            sentence.text,
        )
        return
    limited = [c for c in matching if c.kind == "renal" and "not on dialysis" in c.population.lower()]
    if limited and not NOT_ON_DIALYSIS.search(sentence.text):
        yield Finding(
            "dose-change-qualifier",
            WARNING,
            f"The label limits this dose to patients not on dialysis: {limited[0].describe()}.",
            sentence.location,
            sentence.text,
        )


def _matches(dose, mg, times):
    known = {(m, t) for _, m, t in dose_pairs(dose)}
    return (mg, times) in known or (times is None and mg in {m for m, _ in known})


def _stated(mg, times):
    return f"{mg} mg" + (f" {_times(times)}" if times else "")


def _times(times):
    return {1: "once daily", 2: "twice daily", 3: "three times daily"}[times]
