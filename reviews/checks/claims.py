"""Claims about approvals checked against the Indication table."""

import re

from .findings import ERROR, WARNING, Finding

APPROVED_WORD = r"(?:(?:FDA|EMA)[- ])?approved"
ONLY = re.compile(
    rf"\b(?:first\s+and\s+)?(?:only|sole)\s+(?:[\w’'-]+\s+){{0,3}}?{APPROVED_WORD}\b"
    rf"|\bonly\s+(?:[\w’'-]+\s+){{0,2}}?(?:drug|medicine|option|therapy|treatment)\s+approved\b",
    re.IGNORECASE,
)
FIRST = re.compile(
    rf"\bthe\s+first\s+(?:[\w’'-]+\s+){{0,2}}?{APPROVED_WORD}\s+(?:[\w’'-]+\s+){{0,2}}?"
    r"(?:drug|therapy|treatment|medicine|inhibitor|option|agent)",
    re.IGNORECASE,
)
NOT_BEFORE = re.compile(r"\b(?:not|never|no longer)\s+(?:\w+\s+)?$", re.IGNORECASE)
APPROVED_FOR = re.compile(
    rf"\b(?P<negation>not\s+(?:been\s+|yet\s+)?)?(?:{APPROVED_WORD}|indicated)\s+(?:[\w’'-]+\s+){{0,2}}?for\b",
    re.IGNORECASE,
)
INDICATED = re.compile(r"\bindicated\s+for\b", re.IGNORECASE)
NOT_APPROVED = re.compile(
    r"\bnot\s+(?:\w+\s+)?(?:(?:FDA|EMA)[- ])?approved\b|\boff[- ]label\b|\bunapproved\b|\bisn[’']t\s+approved\b",
    re.IGNORECASE,
)
APPROVAL = re.compile(r"\bapprov", re.IGNORECASE)
YEAR = re.compile(r"(?<![\d.v])((?:19|20)\d{2})(?![\d])")
CLAUSE_END = re.compile(r"[;—–]|\s-\s|,\s+(?:while|whereas|but)\b")


def _subject(page, sentence, position):
    """The drug a claim at `position` is about: the nearest named before it, else the page's."""
    before = [slug for start, slug in sentence.drugs if start < position]
    if before:
        return before[-1]
    return sentence.subject or page.main_drug


def _topic_biomarker(page, sentence, match):
    """The biomarker an exclusivity claim is about."""
    after_for = re.match(r"[^;,]{0,20}?\bfor\b(.{0,60})", sentence.text[match.end() :])
    if after_for:
        start = match.end() + after_for.start(1)
        for position, name, _ in sentence.biomarkers:
            if start <= position <= start + 60:
                return name
    before = [name for position, name, _ in sentence.biomarkers if position < match.start()]
    if before:
        return before[-1]
    for earlier in page.block_before(sentence):
        if earlier.biomarkers:
            return earlier.biomarkers[0][1]
    after = [name for position, name, _ in sentence.biomarkers if position >= match.end()]
    return after[0] if after else ""


def _condition(sentence):
    conditions = {slug for _, slug in sentence.conditions}
    return conditions.pop() if len(conditions) == 1 else None


def exclusivity(page):
    """ "The only approved ..." and "the first approved ..." against every drug's approvals."""
    catalogue = page.catalogue
    for sentence in page.sentences:
        for match in ONLY.finditer(sentence.text):
            if NOT_BEFORE.search(sentence.text[: match.start()]):
                continue
            slug, biomarker = _subject(page, sentence, match.start()), _topic_biomarker(page, sentence, match)
            if not slug or not biomarker or slug not in catalogue.drugs:
                continue
            condition = _condition(sentence)
            others = [
                approval
                for other in catalogue.drugs.values()
                if other.slug != slug
                for approval in other.approved_for(biomarker, condition)
            ]
            own = catalogue.drugs[slug].approved_for(biomarker, condition)
            if not others and own:
                continue
            if others:
                listed = ", ".join(f"{catalogue.drugs[a.drug].name} ({a.when()})" for a in _first_per_drug(others))
                message = f"Not the only approved drug: {listed} also approved for {others[0].describe()}."
            else:
                message = f"{catalogue.drugs[slug].name} has no approval for {biomarker}-positive disease."
            yield Finding(
                "exclusivity-claim", ERROR, f"“{match.group(0)}”: {message}", sentence.location, sentence.text
            )
        for match in FIRST.finditer(sentence.text):
            yield from _first_claim(page, sentence, match)


def _first_per_drug(approvals):
    first = {}
    for approval in sorted(approvals, key=lambda a: (a.date is None, a.date)):
        first.setdefault(approval.drug, approval)
    return list(first.values())


def _first_claim(page, sentence, match):
    catalogue = page.catalogue
    slug = _subject(page, sentence, match.start())
    if slug not in catalogue.drugs:
        return
    clause = CLAUSE_END.split(sentence.text[match.end() :])[0]
    names = [name for pos, name, _ in sentence.biomarkers if match.end() <= pos <= match.end() + len(clause)]
    for biomarker in dict.fromkeys(names):
        own = [a for a in catalogue.drugs[slug].approved_for(biomarker) if a.date]
        if not own:
            continue
        first_own = min(a.date for a in own)
        earlier = [
            a
            for other in catalogue.drugs.values()
            if other.slug != slug
            for a in other.approved_for(biomarker)
            if a.date and a.date < first_own
        ]
        if earlier:
            listed = ", ".join(f"{catalogue.drugs[a.drug].name} ({a.when()})" for a in _first_per_drug(earlier))
            yield Finding(
                "exclusivity-claim",
                ERROR,
                f"“{match.group(0)}”: for {biomarker}-positive disease, {listed} came before "
                f"{catalogue.drugs[slug].name} ({first_own.isoformat()}).",
                sentence.location,
                sentence.text,
            )


def approvals(page):
    """Uses written as approved that are not, and approval years that are not in the data."""
    yield from _unapproved_uses_offered(page)
    for sentence in page.sentences:
        yield from _approved_for_claims(page, sentence)
        if APPROVAL.search(sentence.text):
            yield from _year_claims(page, sentence)


def _unapproved_uses_offered(page):
    """A drug offered for a use the data records as not approved, without saying so."""
    catalogue = page.catalogue
    reported = set()
    for sentence in page.sentences:
        for _, slug in sentence.drugs:
            for approval in catalogue.drugs[slug].approvals:
                key = (sentence.block, slug, approval.biomarker)
                if approval.approved or not approval.biomarker or key in reported:
                    continue
                if approval.biomarker not in {name for _, name, _ in sentence.biomarkers}:
                    continue
                block = [sentence, *page.block_before(sentence)]
                block += [s for s in page.sentences if s.block == sentence.block and s.index > sentence.index]
                # "It is not FDA-approved for ROS1" may follow the sentence that names the drug.
                if any(NOT_APPROVED.search(s.text) and {d for _, d in s.drugs} <= {slug} for s in block):
                    continue
                reported.add(key)
                note = f" (the data records it as {approval.setting})" if approval.setting else ""
                yield Finding(
                    "unapproved-use",
                    ERROR,
                    f"{catalogue.drugs[slug].name} is offered for {approval.describe()} without saying that it is "
                    f"not FDA-approved for it{note}.",
                    sentence.location,
                    sentence.text,
                )


def _approved_for_claims(page, sentence):
    catalogue = page.catalogue
    for match in APPROVED_FOR.finditer(sentence.text):
        slug = _subject(page, sentence, match.start())
        if slug not in catalogue.drugs:
            continue
        drug = catalogue.drugs[slug]
        rest = sentence.text[match.end() :]
        later_drugs = [pos for pos, _ in sentence.drugs if pos > match.end()]
        end = min([match.end() + len(CLAUSE_END.split(rest)[0]), *later_drugs])
        named = [name for pos, name, _ in sentence.biomarkers if match.end() <= pos < end]
        conditions = [c for pos, c in sentence.conditions if match.end() <= pos < end]
        negated = bool(match.group("negation"))
        for biomarker in dict.fromkeys(named):
            own = drug.approved_for(biomarker)
            if negated and own:
                yield Finding(
                    "approval-claim",
                    ERROR,
                    f"{drug.name} is approved for {own[0].describe()} ({own[0].when()}).",
                    sentence.location,
                    sentence.text,
                )
            elif not negated and not own:
                recorded = [a for a in drug.approvals if a.biomarker == biomarker]
                status = f" The data records it as {recorded[0].setting or 'not approved'}." if recorded else ""
                yield Finding(
                    "approval-claim",
                    ERROR,
                    f"{drug.name} is not approved for {biomarker}-positive disease. Its approved uses: "
                    f"{_uses(drug)}.{status}",
                    sentence.location,
                    sentence.text,
                )
        for condition in dict.fromkeys(conditions):
            if not negated and not drug.approved_for(condition=condition):
                yield Finding(
                    "approval-claim",
                    ERROR,
                    f"{drug.name} is not approved for {catalogue.condition_label(condition)}. "
                    f"Its approved uses: {_uses(drug)}.",
                    sentence.location,
                    sentence.text,
                )
        if INDICATED.match(match.group(0)) and not negated and slug == page.main_drug:
            yield from _omitted_uses(page, sentence, drug, conditions)


def _uses(drug):
    return ", ".join(dict.fromkeys(a.describe() for a in drug.approved_for())) or "none recorded"


def _omitted_uses(page, sentence, drug, conditions):
    missing = [a for a in _first_per_condition(drug.approved_for()) if a.condition not in conditions]
    if conditions and missing:
        listed = ", ".join(f"{a.describe()} ({a.when()})" for a in missing)
        yield Finding(
            "indications-incomplete",
            WARNING,
            f"The indications of {drug.name} omit approved uses: {listed}.",
            sentence.location,
            sentence.text,
        )


def _first_per_condition(approvals):
    first = {}
    for approval in sorted(approvals, key=lambda a: (a.date is None, a.date)):
        first.setdefault(approval.condition, approval)
    return list(first.values())


def _year_claims(page, sentence):
    catalogue = page.catalogue
    years_by_drug = {}
    for match in YEAR.finditer(sentence.text):
        slug = _subject(page, sentence, match.start())
        if slug in catalogue.drugs:
            years_by_drug.setdefault(slug, []).append(int(match.group(1)))
    for slug, years in years_by_drug.items():
        drug = catalogue.drugs[slug]
        named = {name for _, name, _ in sentence.biomarkers}
        dated = [a for a in drug.approved_for() if a.date]
        specific = [a for a in dated if a.biomarker in named]
        if len(named) == 1 and specific:
            dated = specific
        if not dated:
            continue
        known = {a.date.year for a in dated}
        for year in dict.fromkeys(years):
            if year not in known:
                listed = "; ".join(f"{a.describe()} {a.when()}" for a in dated)
                yield Finding(
                    "approval-claim",
                    ERROR,
                    f"{drug.name} had no approval in {year}. Its approvals: {listed}.",
                    sentence.location,
                    sentence.text,
                )
        if sentence.subject and sentence.text.lower().startswith(("fda approval", "approval")):
            missing = sorted({a.date.year for a in drug.approved_for() if a.date} - set(years))
            if missing:
                listed = "; ".join(
                    f"{a.describe()} {a.when()}" for a in drug.approved_for() if a.date and a.date.year in missing
                )
                yield Finding(
                    "approval-history-incomplete",
                    WARNING,
                    f"The approval history of {drug.name} omits: {listed}.",
                    sentence.location,
                    sentence.text,
                )
