"""Claims about approvals, read from prose and judged against the Indication table.

Each sentence is read into Claim objects with the language layer (language.py): its
clauses, negation scope and time ("before August 2019", "today", past tense). Kinds:

- exclusive: "X is the only approved drug for B" (sole, lone, single, "first and only",
  "stands alone", "only X is approved", "no medicine other than X", "one approved
  option. That option is X.", "X and Y are the only two ...");
- count: "there are three approved ROS1 medicines";
- first: "X was the first approved drug for B", "the first ALK inhibitor";
- approved / not_approved: "X is (not) approved for B", "X, approved in 2019, ...",
  "crizotinib's ROS1 approval", "the FDA approved X for B in 2016".

A claim belongs to the drug that is the grammatical subject of its clause (or owns the
approval: "crizotinib's ROS1 approval", "X, approved in 2019,"), not the nearest name;
"it" is the previous sentence's subject within a section, else the page's drug.

The closed world is explicit: a claim the data contradicts is an error; an exclusivity
or "first" claim the data cannot confirm is a warning saying so, unless the biomarker's
(or condition's) approvals were marked complete as of a date that covers the claim
(Biomarker/Condition.approvals_complete_on; undated approvals count as later than it).
A present-tense claim needs a completeness mark no older than PRESENT_WINDOW.

reading.py finds the claims (Reader, Claim and the wordings it knows), judging.py judges
one claim against the data, and this module holds the checks that run them on a page.
A claim read with doubt (Claim.doubt: asked, reported, a pronoun among several drugs)
is judged, but its errors are reported as warnings.
"""

import datetime
import re
from dataclasses import replace

from .. import language
from ..findings import ERROR, WARNING, Finding
from .judging import (
    _details,
    _either_line,
    _fits,
    _later_line,
    _topic,
    _which,
    judge_approval,
    judge_exclusive,
    judge_first,
    judge_latest,
    judge_relative,
)
from .reading import INDICATED, NO_USE_BEYOND, NOT_APPROVED, SET_APART, USE_AFTER_BIOMARKER, Reader


def read_claims(page):
    """Every claim of the page, in reading order (cached on the page)."""
    cached = getattr(page, "_claims", None)
    if cached is not None:
        return cached
    reader = Reader(page)
    claims = []
    sentences = page.sentences
    for i, sentence in enumerate(sentences):
        following = sentences[i + 1] if i + 1 < len(sentences) and sentences[i + 1].block == sentence.block else None
        for claim in reader.claims(sentence, following):
            if claim.doubt:
                pass
            elif claim.drugs and (sentence.index, claim.drugs[0]) in reader.guessed:
                claim.doubt = "the sentence names several drugs before the pronoun: check whom it is about"
            elif language.reported(sentence.text, claim.start):
                claim.doubt = "the sentence reports what others say or think: check whether it endorses it"
            claims.append(claim)
    page._claims = claims
    return claims


def _today(page):
    return getattr(page, "today", None) or datetime.date.today()


def _as_read(findings, claim):
    """A claim read with doubt (see Claim.doubt) is judged, but not as an error."""
    for finding in findings:
        if claim.doubt and finding.severity == ERROR:
            finding = replace(finding, severity=WARNING, message=f"{finding.message} (Not an error: {claim.doubt}.)")
        yield finding


def exclusivity(page):
    """ "The only approved ...", "the first ...", counts of approved drugs, against every drug's approvals."""
    catalogue, today = page.catalogue, _today(page)
    for claim in read_claims(page):
        if claim.kind in ("exclusive", "count"):
            if not claim.biomarker and not claim.condition and not claim.line:
                continue
            yield from _as_read(judge_exclusive(catalogue, claim, today), claim)
        elif claim.kind == "first":
            yield from _as_read(judge_first(catalogue, claim, today), claim)
        elif claim.kind == "latest":
            yield from _as_read(judge_latest(catalogue, claim, today), claim)


def approvals(page):
    """Uses written as approved that are not, and approval years that are not in the data."""
    today = _today(page)
    judged = set()
    for claim in read_claims(page):
        if claim.kind == "relative":
            yield from judge_relative(page.catalogue, claim)
        if claim.kind in ("approved", "not_approved"):
            for finding in _as_read(judge_approval(page, claim, today), claim):
                judged.add((claim.sentence.index, claim.drugs[0], claim.biomarker))
                yield finding
    yield from _restricted_uses(page, today)
    yield from _no_uses_beyond(page)
    yield from _unapproved_uses_offered(page, judged)
    for sentence in page.sentences:
        for match in INDICATED.finditer(sentence.text):
            yield from _indicated(page, sentence, match)
        if sentence.subject and sentence.text.lower().startswith(("fda approval", "approval")):
            yield from _history(page, sentence)


def _restricted_uses(page, today):
    """ "X is approved only for A and B": an approval of X for any other use, recorded by the time the
    claim speaks of, contradicts it."""
    groups = {}
    for claim in read_claims(page):
        if (
            claim.kind in ("approved", "restricted")
            and claim.restricted
            and claim.drugs
            and (claim.biomarker or claim.condition or claim.line)
        ):
            groups.setdefault((claim.sentence.index, claim.drugs[0]), []).append(claim)
    for (_, slug), group in groups.items():
        drug = page.catalogue.drugs.get(slug)
        if not drug:
            continue
        claim = group[0]
        point = claim.time.point(today=today)

        def named(approval, group=group):
            # A restriction to a line is met only by approvals limited to that line.
            return any(
                (not c.biomarker or c.biomarker == approval.biomarker)
                and (not c.condition or c.condition == approval.condition)
                and (
                    not c.line
                    # "with or without a prior TKI" allows a later line but is not limited to it.
                    or (
                        _later_line(approval) and not _either_line(approval)
                        if c.line == "later line"
                        else _fits(approval, c)
                    )
                )
                for c in group
            )

        others = [a for a in drug.approved_for() if a.date and a.date <= point and not named(a)]
        if not others:
            continue
        said = ", ".join(dict.fromkeys(_which(c) + _topic(page.catalogue, c) for c in group)).replace("this use", "use")
        listed = "; ".join(f"{a.describe()}, {_details(a)} ({a.when()})" for a in others)
        yield Finding(
            "approval-claim",
            ERROR,
            f"claim: {drug.name} is approved only for {said}; data: {drug.name} is also approved for {listed}.",
            claim.sentence.location,
            claim.sentence.text,
        )


def _no_uses_beyond(page):
    """ "Approved uses outside lung cancer | None", "it has no approved use beyond NSCLC": every approval of
    the drug is for lung cancer."""
    catalogue = page.catalogue
    for sentence in page.sentences:
        text = sentence.text
        lower = text.lower()
        if "lung" not in lower and "nsclc" not in lower:
            continue
        match = NO_USE_BEYOND.search(text)
        if not match or language.negation(text, match.start()) and not match.group("none"):
            continue
        slug = sentence.subject or next((s for p, s in sentence.drugs if p < match.start()), "") or page.main_drug
        drug = catalogue.drugs.get(slug)
        if not drug:
            continue
        beyond = [a for a in drug.approved_for() if a.condition != "nsclc"]
        if beyond:
            listed = "; ".join(f"{a.describe()} ({a.when()})" for a in _first_per_condition(beyond))
            yield Finding(
                "approval-claim",
                ERROR,
                f"claim: {drug.name} has no approved use outside lung cancer; data: it is also approved for {listed}.",
                sentence.location,
                text,
            )


def _unapproved_uses_offered(page, judged):
    """A drug offered for a use the data records as not approved, without saying so."""
    catalogue = page.catalogue
    reported = set()
    for sentence in page.sentences:
        for position, slug in sentence.drugs:
            for approval in catalogue.drugs[slug].approvals:
                key = (sentence.block, slug, approval.biomarker)
                if approval.approved or not approval.biomarker or key in reported:
                    continue
                # "ROS1-positive disease" offers the drug for a use; "activity against ROS1" is its mechanism.
                if not any(
                    name == approval.biomarker and USE_AFTER_BIOMARKER.match(sentence.text, end)
                    for _, name, end in sentence.biomarkers
                ):
                    continue
                if (sentence.index, slug, approval.biomarker) in judged:
                    continue
                # "Taletrectinib, unlike lorlatinib, has an approval": set apart, not offered.
                if SET_APART.search(sentence.text[max(0, position - 30) : position]):
                    continue
                # "lorlatinib is not, and using it there is off-label"
                after = sentence.text[position : position + 90]
                if NOT_APPROVED.search(after) or re.match(r"[\w()\s]*?\s(?:is|are)\s+not\b", after):
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


def _indicated(page, sentence, match):
    """ "Indicated for ..." on a drug's own page should list every approved use."""
    slug = sentence.subject or page.main_drug
    before = [s for pos, s in sentence.drugs if pos < match.start()]
    if before:
        slug = before[-1]
    if slug != page.main_drug or language.negation(sentence.text, match.start()):
        return
    drug = page.catalogue.drugs.get(slug)
    if not drug:
        return
    conditions = [c for pos, c in sentence.conditions if pos > match.end()]
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


def _history(page, sentence):
    """A table row "FDA approval: 2015, 2017" that leaves approvals out."""
    drug = page.catalogue.drugs.get(sentence.subject)
    if not drug:
        return
    # "FDA approval for ROS1+ NSCLC | 2016": a row about one use lists that use's approvals only.
    label_end = sentence.text.find(": ")
    named = {name for pos, name, _ in sentence.biomarkers if pos < label_end}
    approvals = [a for a in drug.approved_for() if a.date and (not named or a.biomarker in named)]
    years = {lo.year for _, _, lo, _ in language.dates(sentence.text)}
    missing = sorted({a.date.year for a in approvals} - years)
    if missing:
        listed = "; ".join(f"{a.describe()} {a.when()}" for a in approvals if a.date.year in missing)
        yield Finding(
            "approval-history-incomplete",
            WARNING,
            f"The approval history of {drug.name} omits: {listed}.",
            sentence.location,
            sentence.text,
        )
