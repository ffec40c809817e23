"""Judging approval claims against the recorded approvals: exclusivity, "first", "latest", gaps between
approvals and single approvals. Each judge yields Findings for one Claim.
"""

import datetime
import re

from .. import language
from ..findings import ERROR, WARNING, Finding

# A present-tense claim needs a completeness mark no older than this.
PRESENT_WINDOW = datetime.timedelta(days=365)


def _approvals_for(catalogue, slug, biomarker, condition):
    drug = catalogue.drugs.get(slug)
    if not drug:
        return []
    return drug.approved_for(biomarker or None, condition or None)


def _topic(catalogue, claim):
    setting = f" ({claim.line} use)" if claim.line and claim.kind in ("exclusive", "count") else ""
    if claim.condition:
        label = catalogue.condition_label(claim.condition)
        return (f"{claim.biomarker}-positive {label}" if claim.biomarker else label) + setting
    if claim.biomarker:
        return f"{claim.biomarker}-positive disease{setting}"
    return setting.strip(" ()") or "this use"


def _complete_on(catalogue, claim):
    dates = []
    if claim.biomarker:
        dates.append(catalogue.complete_on.get(("biomarker", claim.biomarker)))
    if claim.condition:
        dates.append(catalogue.complete_on.get(("condition", claim.condition)))
    dates = [d for d in dates if d]
    return max(dates) if dates else None


def _names(catalogue, slugs):
    names = [catalogue.drugs[s].name if s in catalogue.drugs else s for s in slugs]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _when(approval):
    return approval.when()


def _earliest(approvals):
    dated = [a.date for a in approvals if a.date]
    return min(dated) if dated else None


def _first_per_drug(approvals):
    first = {}
    for approval in sorted(approvals, key=lambda a: (a.date is None, a.date)):
        first.setdefault(approval.drug, approval)
    return list(first.values())


def _listed(catalogue, approvals):
    return ", ".join(f"{catalogue.drugs[a.drug].name} ({a.when()})" for a in _first_per_drug(approvals))


def _confirmed(complete, point, today, present):
    if not complete:
        return False
    if present:
        return complete >= today - PRESENT_WINDOW
    return complete >= point


def _unconfirmed(catalogue, claim, described, point, present):
    complete = _complete_on(catalogue, claim)
    what = claim.biomarker or (catalogue.condition_label(claim.condition) if claim.condition else "")
    listed = f"the list of {what} approvals" if what else "the list of approvals"
    if complete:
        marked = f"{listed} is marked complete only as of {complete.isoformat()}"
    else:
        marked = f"{listed} is not marked complete"
    return Finding(
        "exclusivity-unconfirmed",
        WARNING,
        f"claim: {described}; data: no other approval is recorded for {_topic(catalogue, claim)}, but {marked}, "
        "so the data cannot confirm it. Check it, or mark the list complete.",
        claim.sentence.location,
        claim.sentence.text,
    )


def _describe_exclusive(catalogue, claim, point):
    topic = _topic(catalogue, claim)
    present = claim.time.relation in ("present", "since", "future")
    if claim.time.relation == "past":
        when = f"at the time ({point.isoformat()})"
    else:
        when = claim.time.describe()
    if claim.kind == "count":
        n = claim.count
        noun = f"{n} approved drug{'s' if n != 1 else ''} for {topic}"
        verb = "is" if n == 1 else "are"
        return f"there {verb} today {noun}" if present else f"there {'was' if n == 1 else 'were'} {noun} {when}"
    plural = len(claim.drugs) > 1
    noun = f"the only {len(claim.drugs)} approved drugs" if plural else "the only approved drug"
    if claim.also_first:
        noun = noun.replace("the only", "the first and only")
    names = _names(catalogue, claim.drugs)
    if present:
        return f"{names} {'are' if plural else 'is'} today {noun} for {topic}"
    return f"{names} {'were' if plural else 'was'} {noun} for {topic} {when}"


def judge_exclusive(catalogue, claim, today):
    present = claim.time.relation in ("present", "since", "future")
    universe = [catalogue.drugs[s] for s in claim.domain if s in catalogue.drugs] or list(catalogue.drugs.values())
    everyone = [a for drug in universe for a in drug.approved_for(claim.biomarker or None, claim.condition or None)]
    if claim.line:
        # "the only option once crizotinib has stopped working": the approvals for that setting.
        everyone = [a for a in everyone if _fits(a, claim)]
    if claim.both:
        # "only X is approved for both ALK and ROS1": the drugs approved for every one of them.
        holders = {d.slug for d in universe if all(d.approved_for(b) for b in claim.both)}
        everyone = [a for a in everyone if a.drug in holders]
    own = [a for a in everyone if a.drug in claim.drugs]
    own_start = _earliest(own)
    point = claim.time.point(own_start, today)
    if claim.kind == "count" and not claim.drugs:
        by_point = {a.drug for a in everyone if (a.date is None and present) or (a.date and a.date <= point)}
        described = _describe_exclusive(catalogue, claim, point)
        recorded = ", ".join(
            f"{catalogue.drugs[a.drug].name} ({a.when()})"
            for a in _first_per_drug([a for a in everyone if a.drug in by_point])
        )
        if claim.negated:
            return
        if len(by_point) > claim.count:
            yield Finding(
                "exclusivity-claim",
                ERROR,
                f"claim: {described}; data: {len(by_point)} are recorded: {recorded}.",
                claim.sentence.location,
                claim.sentence.text,
            )
        elif not _confirmed(_complete_on(catalogue, claim), point, today, present):
            yield _unconfirmed(catalogue, claim, described, point, present)
        return
    described = _describe_exclusive(catalogue, claim, point)
    missing = [
        slug for slug in claim.drugs if not [a for a in own if a.drug == slug and (a.date is None or a.date <= point)]
    ]
    others = [a for a in everyone if a.drug not in claim.drugs and a.date and a.date <= point]
    undated_others = [a for a in everyone if a.drug not in claim.drugs and a.date is None]
    if present:
        others += undated_others
    if claim.negated:
        if not others and not missing and _confirmed(_complete_on(catalogue, claim), point, today, present):
            yield Finding(
                "exclusivity-claim",
                ERROR,
                f"claim: {_names(catalogue, claim.drugs)} is not the only approved drug for "
                f"{_topic(catalogue, claim)}; data: no other approval is recorded, and the list is complete.",
                claim.sentence.location,
                claim.sentence.text,
            )
        return
    if claim.regulator:
        yield Finding(
            "exclusivity-unconfirmed",
            WARNING,
            f"claim: {described} ({claim.regulator}); data: only FDA approvals are recorded, so the data cannot "
            "confirm it.",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    problems = []
    if others:
        problems.append(f"also approved for {_topic(catalogue, claim)}: {_listed(catalogue, others)}")
    for slug in missing:
        drug = catalogue.drugs.get(slug)
        if not drug:
            continue
        if own and not present:
            problems.append(f"{drug.name} was approved for it only on {_earliest([a for a in own if a.drug == slug])}")
        else:
            problems.append(
                f"{drug.name} has no approval for {_topic(catalogue, claim)}; its approved uses: {_uses(drug)}"
            )
    if claim.also_first and own_start:
        earlier = [a for a in everyone if a.drug not in claim.drugs and a.date and a.date < own_start]
        if earlier:
            problems.append(f"approved before it: {_listed(catalogue, earlier)}")
    if problems:
        yield Finding(
            "exclusivity-claim",
            ERROR,
            f"claim: {described}; data: " + "; ".join(problems) + ".",
            claim.sentence.location,
            claim.sentence.text,
        )
    elif not _confirmed(_complete_on(catalogue, claim), point, today, present):
        yield _unconfirmed(catalogue, claim, described, point, present)


def judge_first(catalogue, claim, today):
    if claim.negated or not claim.drugs:
        return
    slug = claim.drugs[0]
    drug = catalogue.drugs.get(slug)
    if not drug:
        return
    if not claim.biomarker and not claim.condition:
        return
    own = drug.approved_for(claim.biomarker or None, claim.condition or None)
    topic = _topic(catalogue, claim)
    described = f"{drug.name} was the first approved drug for {topic}"
    if not own:
        yield Finding(
            "exclusivity-claim",
            ERROR,
            f"claim: {described}; data: {drug.name} has no approval for {topic}; its approved uses: {_uses(drug)}.",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    own_start = _earliest(own)
    complete = _complete_on(catalogue, claim)
    if not own_start:
        # An undated approval counts as later than the date the list was marked complete.
        before = [
            a
            for other in catalogue.drugs.values()
            if other.slug != slug
            for a in other.approved_for(claim.biomarker or None, claim.condition or None)
            if a.date and complete and a.date <= complete
        ]
        if before:
            yield Finding(
                "exclusivity-claim",
                ERROR,
                f"claim: {described}; data: {_listed(catalogue, before)} came before {drug.name}, whose approval "
                f"date is not recorded (the list is complete up to {complete.isoformat()} without it).",
                claim.sentence.location,
                claim.sentence.text,
            )
        return
    earlier = [
        a
        for other in catalogue.drugs.values()
        if other.slug != slug
        for a in other.approved_for(claim.biomarker or None, claim.condition or None)
        if a.date and a.date < own_start
    ]
    if earlier:
        yield Finding(
            "exclusivity-claim",
            ERROR,
            f"claim: {described}; data: {_listed(catalogue, earlier)} came before {drug.name} "
            f"({own_start.isoformat()}).",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    if not complete or complete < own_start:
        yield _unconfirmed(catalogue, claim, f"{described} ({own_start.isoformat()})", own_start, False)


def judge_latest(catalogue, claim, today):
    """The drug's first approval for the use must be the latest of any drug's, at the time the claim speaks of."""
    if claim.negated or not claim.drugs or not (claim.biomarker or claim.condition):
        return
    drug = catalogue.drugs.get(claim.drugs[0])
    if not drug:
        return
    own_start = _earliest(drug.approved_for(claim.biomarker or None, claim.condition or None))
    if not own_start:
        return
    point = claim.time.point(own_start, today)
    later = [
        a
        for other in catalogue.drugs.values()
        if other.slug != drug.slug
        for a in _first_per_drug(other.approved_for(claim.biomarker or None, claim.condition or None))
        if a.date and own_start < a.date <= point
    ]
    if later:
        topic = _topic(catalogue, claim)
        yield Finding(
            "exclusivity-claim",
            ERROR,
            f"claim: {drug.name} is {claim.time.describe()} the most recently approved drug for {topic} "
            f"({own_start.isoformat()}); data: {_listed(catalogue, later)} came later.",
            claim.sentence.location,
            claim.sentence.text,
        )


def _uses(drug):
    return ", ".join(dict.fromkeys(a.describe() for a in drug.approved_for())) or "none recorded"


def judge_relative(catalogue, claim):
    """The gap in years between the first approvals of two drugs (for the claim's biomarker, if named)."""
    later, earlier = (catalogue.drugs.get(slug) for slug in claim.drugs)
    if not later or not earlier:
        return
    first_later = _earliest(later.approved_for(claim.biomarker or None, claim.condition or None))
    first_earlier = _earliest(earlier.approved_for(claim.biomarker or None, claim.condition or None))
    if not first_later or not first_earlier:
        return
    gap = first_later.year - first_earlier.year
    exact = (first_later - first_earlier).days / 365.25
    if gap == claim.count or int(exact) == claim.count or (claim.regulator and abs(exact - claim.count) < 1):
        return
    topic = f" for {_topic(catalogue, claim)}" if claim.biomarker or claim.condition else ""
    yield Finding(
        "approval-claim",
        ERROR,
        f"claim: {later.name} was approved{topic} {claim.count} year{'s' if claim.count != 1 else ''} after "
        f"{earlier.name}; data: {later.name} {first_later.isoformat()}, {earlier.name} {first_earlier.isoformat()} "
        f"({gap} year{'s' if gap != 1 else ''} apart).",
        claim.sentence.location,
        claim.sentence.text,
    )


def _fits(approval, claim):
    if claim.approval_type and approval.approval_type and approval.approval_type != claim.approval_type:
        return False
    if claim.approval_type and not approval.approval_type:
        return False
    details = f"{approval.line} {approval.setting}".lower()
    if claim.line == "first line" and "first line" not in details:
        return False
    if claim.line == "later line" and (
        (approval.line and not _later_line(approval)) or (not approval.line and "adjuvant" in details)
    ):
        return False
    return not (claim.line == "adjuvant" and "adjuvant" not in details)


def _later_line(approval):
    return approval.line.lower().startswith(("after", "with or without", "previously", "second"))


def _either_line(approval):
    return approval.line.lower().startswith(("with or without", "regardless"))


def _which(claim):
    words = [w for w in (claim.approval_type, claim.line) if w]
    return " ".join(words) + " " if words else ""


def _details(approval):
    return ", ".join(w for w in (approval.approval_type, approval.line, approval.setting) if w) or "no details"


def judge_approval(page, claim, today):
    catalogue = page.catalogue
    drug = catalogue.drugs.get(claim.drugs[0]) if claim.drugs else None
    if not drug:
        return
    topic = _topic(catalogue, claim)
    if claim.biomarker or claim.condition:
        own = drug.approved_for(claim.biomarker or None, claim.condition or None)
    else:
        own = drug.approved_for()
    qualified = [a for a in own if _fits(a, claim)]
    which = _which(claim)
    if which and claim.kind == "not_approved" and qualified:
        first = sorted(qualified, key=lambda a: (a.date is None, a.date))[0]
        yield Finding(
            "approval-claim",
            ERROR,
            f"claim: {drug.name} has no {which}approval; data: {drug.name} has one: {first.describe()}, "
            f"{_details(first)} ({first.when()}).",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    if which and claim.kind == "approved" and own:
        if not qualified:
            listed = "; ".join(f"{a.describe()}, {_details(a)} {a.when()}" for a in own)
            # An approval recorded without its line (or type) neither confirms nor contradicts the claim.
            undecided = any(
                (claim.line and not a.line and (claim.line != "adjuvant" or not a.setting))
                or (claim.approval_type and not a.approval_type)
                for a in own
            )
            yield Finding(
                "approval-claim",
                WARNING if undecided else ERROR,
                f"claim: {drug.name} has a {which}approval{f' for {topic}' if claim.biomarker else ''}; data: none "
                f"is recorded"
                + (", and some approvals are recorded without that detail, so the data cannot decide" * undecided)
                + f". Its approvals: {listed}.",
                claim.sentence.location,
                claim.sentence.text,
            )
            return
        own = qualified
    if claim.kind == "not_approved":
        if not own or not (claim.biomarker or claim.condition):
            return
        lo = claim.time.lo
        if claim.time.relation in ("before", "until") and lo and all(a.date and a.date >= lo for a in own):
            return
        if claim.time.relation == "past":
            return
        first = sorted(own, key=lambda a: (a.date is None, a.date))[0]
        yield Finding(
            "approval-claim",
            ERROR,
            f"claim: {drug.name} is not approved for {topic}; data: {drug.name} is approved for "
            f"{first.describe()} ({first.when()}).",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    if (claim.biomarker or claim.condition) and not own:
        recorded = [
            a
            for a in drug.approvals
            if (not claim.biomarker or a.biomarker == claim.biomarker)
            and (not claim.condition or a.condition == claim.condition)
        ]
        status = f" It is recorded as {recorded[0].setting or 'not approved'} for that use." if recorded else ""
        what = f"{claim.biomarker}-positive disease" if claim.biomarker else catalogue.condition_label(claim.condition)
        yield Finding(
            "approval-claim",
            ERROR,
            f"claim: {drug.name} is approved for {topic}; data: {drug.name} is not approved for {what}. "
            f"Its approved uses: {_uses(drug)}.{status}",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    dated = [a for a in own if a.date]
    # "Back in 2017, when the FDA first approved X": the time of the clause dates the first approval.
    time_dated = claim.first_approved and not claim.dates and claim.time.relation == "in" and claim.time.lo
    if not (claim.dates or time_dated) or not dated:
        return
    what = f" {which.strip()}" if which else ""
    if claim.first_approved and claim.time.relation != "future":
        earliest = min(dated, key=lambda a: a.date)
        stated = [
            (lo, hi)
            for position, _, lo, hi in claim.dates
            if language.date_relation(claim.sentence.text, position) == "in"
        ] or ([(claim.time.lo, claim.time.hi)] if time_dated else [])
        if stated and not any(lo <= earliest.date <= hi for lo, hi in stated):
            lo, hi = stated[0]
            period = str(lo.year) if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) else lo.isoformat()
            yield Finding(
                "approval-claim",
                ERROR,
                f"claim: {drug.name} was first approved{f' for {topic}' if claim.biomarker or claim.condition else ''}"
                f" in {period}; data: its first{what} approval was {earliest.describe()}, {_details(earliest)} "
                f"({earliest.when()}).",
                claim.sentence.location,
                claim.sentence.text,
            )
            return
    for position, _, lo, hi in claim.dates:
        relation = language.date_relation(claim.sentence.text, position)
        if relation in ("before", "until"):
            ok = any(a.date < lo for a in dated)
        elif relation == "after":
            ok = any(a.date > hi for a in dated)
        elif relation == "since":
            ok = any(a.date <= hi for a in dated)
            # "approved for first-line use since November 2018" dates the approval: one must fall then.
            if ok and _dates_the_approval(claim, position):
                ok = any(lo <= a.date <= hi for a in dated)
        else:
            ok = any(lo <= a.date <= hi for a in dated)
        if not ok:
            period = (
                str(lo.year)
                if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31)
                else (f"{lo:%B %Y}" if lo != hi else lo.isoformat())
            )
            listed = "; ".join(f"{a.describe()} {a.when()}" for a in dated)
            yield Finding(
                "approval-claim",
                ERROR,
                f"claim: {drug.name} was approved{f' for {topic}' if claim.biomarker or claim.condition else ''} "
                f"{relation} {period}; "
                f"data: {drug.name} had no{what} approval in {period}. Its{what} approvals: {listed}.",
                claim.sentence.location,
                claim.sentence.text,
            )


# Between an approval and its "since" date: nothing that gives the date to another clause or drug.
SINCE_APART = re.compile(
    r"[;:—–()]|\s-\s|\b(?:when|which|while|whereas|but|after|before|until|not|never|no\s+longer)\b|n[’']t\b",
    re.IGNORECASE,
)


def _dates_the_approval(claim, position):
    """ "Approved ... since November 2018", "Since 2019, X has been approved": the date is the approval's own
    (not "it hasn't been the only one since August 2019, when Y was approved")."""
    text = claim.sentence.text
    lo, hi = sorted((claim.start, position))
    if SINCE_APART.search(text, lo, hi):
        return False
    return not any(lo < at < hi and slug not in claim.drugs for at, slug in claim.sentence.drugs)
