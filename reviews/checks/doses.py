"""Doses stated for a drug, checked against the drug's recorded dose and dose changes.

A dose is read however a page words it: "250 mg twice daily", "two 250 mg capsules twice
a day" (500 mg a dose), "500 mg a day" (a daily total), "every 12 hours", "BID", "two
hundred milligrams". Kidney and liver doses are compared with the drug's DoseAdjustment
rows, including the creatinine clearance threshold and whether the patient is on dialysis.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .findings import ERROR, WARNING, Finding
from .quantities import digits

STRENGTH = re.compile(
    r"(?:(?P<count>\d+)\s*(?:x|×)?\s+)?(?P<mg>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*mg\b(?!\s*/\s*(?:m|kg))"
    r"(?:\s+(?P<form>capsules?|tablets?|pills?))?",
    re.IGNORECASE,
)
FREQUENCY = re.compile(
    r"(?P<times>once|twice|two\s+times|three\s+times|four\s+times|[1-4]\s+times?)\s+(?:a\s+|per\s+|each\s+|every\s+)?"
    r"(?:daily|day)\b"
    r"|\bevery\s+(?P<hours>\d+)\s+hours?\b|\bq\s?(?P<q>\d+)\s?h\b"
    r"|(?<![\w.])(?P<code>QD|OD|BID|TID|QID|b\.i\.d\.?|t\.i\.d\.?|q\.d\.?)(?![\w])"
    r"|\b(?P<morning>(?:in\s+the\s+)?morning\s+and\s+(?:in\s+the\s+)?evening)\b",
    re.IGNORECASE,
)
PER_DAY = {
    "once": 1,
    "twice": 2,
    "two times": 2,
    "three times": 3,
    "four times": 4,
    "1 time": 1,
    "2 times": 2,
    "3 times": 3,
    "4 times": 4,
    "qd": 1,
    "od": 1,
    "q.d": 1,
    "bid": 2,
    "b.i.d": 2,
    "tid": 3,
    "t.i.d": 3,
    "qid": 4,
}
DAILY_TOTAL = re.compile(
    r"^\s*(?:of\s+[\w-]+\s+)?(?:in\s+total\s+)?(?:a|per|each|every)\s+day\b|^\s*/\s*day\b|^\s*daily\b(?!\s+(?:for|with))"
    r"|^\s*(?:total\s+)?(?:daily|a\s+day)\b",
    re.IGNORECASE,
)
TIMES_SIGN = re.compile(r"[x×X]")
STOP = re.compile(r";|\.\s")
# "Lowered from 250 mg twice daily to ...": the dose it changes from.
FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+usual\s+|the\s+standard\s+)?$", re.IGNORECASE)
# "Brigatinib starts at 180 mg": the first dose of a stepped regimen.
STARTING = re.compile(
    r"\b(?:start(?:s|ing|ed)?|begin(?:s|ning)?|first\s+(?:day|dose|week)"
    r"|from\s+(?:the\s+)?(?:first\s+day|start|outset|day\s+1|1st\s+day))\b",
    re.IGNORECASE,
)
SPACES = re.compile(r"\s+")
TOTAL_WORDS = re.compile(r"\b(?:total|in\s+all|altogether)\b", re.IGNORECASE)
# Words that put a dose under one kind of DoseAdjustment, however a page words it.
KIND_WORDS = {
    "renal": re.compile(r"\b(?:renal|kidneys?|creatinine|dialysis|CrCl|CLcr)\b", re.IGNORECASE),
    "hepatic": re.compile(r"\b(?:hepatic|liver|bilirubin)\b", re.IGNORECASE),
}
# Other special situations have no recorded dose to compare with; the reviewer checks those.
OTHER_SITUATION = re.compile(
    r"impairment|reduc|lower\s+dose|adjust|child|paediatric|pediatric|body\s+surface|missed|interrupt",
    re.IGNORECASE,
)
# "Your doctor may lower your dose to 200 mg twice daily if side effects are hard to manage": a reduction
# for a reason the dose-change rows do not record (unless a kidney or liver condition was named before).
REDUCED = re.compile(
    r"\b(?:lower|lowers|lowered|lowering|cut|cuts|decreas\w*|drops?|dropped|step(?:s|ped)?\s+down)\b"
    r"|side[\s-]effects?|\btolerat",
    re.IGNORECASE,
)
# "Available as 200 mg and 250 mg capsules" gives strengths, not a dose.
STRENGTHS_ONLY = re.compile(r"\bavailable\b|\bcomes?\s+(?:as|in)\b|\bstrengths?\b|\bsupplied\b", re.IGNORECASE)
SEVERITY = re.compile(r"\b(mild|moderate|severe)(?:ly)?\b", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r";|\s[—–]\s|\.\s")
NOT_ON_DIALYSIS = re.compile(
    r"\b(?:not|no|without|nor)\b(?:\s+\w+){0,2}\s+dialysis|\bpre-?dialysis\b"
    r"|\bdialysis\s+(?:is\s+|was\s+)?(?:not\s+(?:needed|required|used|given)|unnecessary)\b",
    re.IGNORECASE,
)
EITHER_DIALYSIS = re.compile(
    r"\b(?:with\s+or\s+without|whether\s+or\s+not\s+(?:\w+\s+){0,2}?on|regardless\s+of|even\s+on)\s+dialysis"
    r"|\bon\s+dialysis\s+or\s+not\b",
    re.IGNORECASE,
)
DIALYSIS = re.compile(r"\bdialysis\b|\bhaemodialysis\b|\bhemodialysis\b", re.IGNORECASE)
CLEARANCE_WORDS = r"\b(?:creatinine\s+clearance|CrCl|CLcr|Cl\s*cr|kidney\s+function|renal\s+function|eGFR|GFR)\b"
RELATION = (
    r"(?P<relation>below|under|less\s+than|lower\s+than|fewer\s+than|<\s*=?|≤|=<|at\s+most|up\s+to|no\s+more\s+than"
    r"|above|over|more\s+than|greater\s+than|higher\s+than|>\s*=?|≥|at\s+least)"
)
PER_MINUTE = r"(?:mL|ml|millilit(?:re|er)s?)\s*(?:/|per|a|an)\s*min(?:ute)?\b"
THRESHOLD = re.compile(
    rf"(?:{CLEARANCE_WORDS}[^.;\d]{{0,30}}?)?{RELATION}\s*(?P<n>\d+)\s*{PER_MINUTE}",
    re.IGNORECASE,
)
# "CrCl <30", "a creatinine clearance of less than 30": the unit left out after the clearance named.
BARE_THRESHOLD = re.compile(
    rf"{CLEARANCE_WORDS}(?:[^.;\d<>≤≥]{{0,30}}?\s|\s*)(?:(?:is|was|of|:)\s*)?{RELATION}\s*(?P<n>\d+)(?![\d.])"
    r"(?!\s*(?:%|mg|years?|months?|kg|mmol|µmol|umol|micromol))",
    re.IGNORECASE,
)
# "a creatinine clearance of 30 mL/min or less".
TRAILING_THRESHOLD = re.compile(
    rf"{CLEARANCE_WORDS}[^.;\d]{{0,30}}?(?P<n>\d+)\s*(?:{PER_MINUTE})?\s*or\s+"
    r"(?P<relation>less|lower|below|under|fewer|more|higher|above|greater|over)\b",
    re.IGNORECASE,
)
BELOW_WORDS = re.compile(r"below|under|less|lower|fewer|<|≤|=<|at\s+most|up\s+to|no\s+more", re.IGNORECASE)


@dataclass(frozen=True)
class Dose:
    position: int
    mg: Decimal  # one dose, or the day's total when `total`
    times: int | None
    total: bool = False
    count: int = 1
    strength: Decimal | None = None

    def per_day(self):
        if self.total:
            return self.mg
        return self.mg * self.times if self.times else None

    def stated(self):
        if self.total:
            return f"{_n(self.mg)} mg a day"
        head = (
            f"{self.count} × {_n(self.strength)} mg ({_n(self.mg)} mg a dose)"
            if self.count > 1
            else f"{_n(self.mg)} mg"
        )
        if not self.times:
            return head
        text = f"{head} {_times(self.times)}"
        return text + (f", {_n(self.per_day())} mg a day" if self.count > 1 else "")


def _n(value):
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


def _frequency(match):
    if match.group("hours"):
        hours = int(match.group("hours"))
        return 24 // hours if hours and 24 % hours == 0 else None
    if match.group("q"):
        hours = int(match.group("q"))
        return 24 // hours if hours and 24 % hours == 0 else None
    if match.group("morning"):
        return 2
    word = (match.group("times") or match.group("code")).lower().rstrip(".")
    return PER_DAY.get(SPACES.sub(" ", word))


@lru_cache(maxsize=2048)
def read_doses(text):
    """Doses in reading order, numbers in words read as digits (a tuple: cached)."""
    text = digits(text)
    if "mg" not in text.lower():
        return ()
    events = [(m.start(), "mg", m) for m in STRENGTH.finditer(text)]
    events += [(m.start(), "freq", m) for m in FREQUENCY.finditer(text)]
    events.sort(key=lambda e: e[0])
    doses, last, pending = [], None, None
    for position, kind, match in events:
        if last is not None and STOP.search(text, last.position, position):
            last = None  # a new clause: "once a day at 100 mg; alectinib twice a day at 600 mg"
            pending = None
        if kind == "mg":
            strength = Decimal(match.group("mg").replace(",", ""))
            multiplied = TIMES_SIGN.search(text, match.start(), match.start("mg"))
            count = int(match.group("count")) if match.group("count") and (match.group("form") or multiplied) else 1
            after = text[match.end() :]
            total = bool(DAILY_TOTAL.match(after)) or bool(TOTAL_WORDS.search(text[max(0, position - 20) : position]))
            following = [e for e in events if e[0] > position]
            own = following and following[0][1] == "freq" and not STOP.search(text, position, following[0][0])
            times = pending if pending and not own and not total else None
            last = Dose(position, strength * count, times, total, count, strength)
            doses.append(last)
            pending = None
            continue
        times = _frequency(match)
        if times is None:
            continue
        if last is None:
            pending = times  # "taken once a day at 100 mg"
            continue
        if last.total:
            continue
        if last.times is None:
            doses[-1] = last = Dose(last.position, last.mg, times, False, last.count, last.strength)
        else:
            last = Dose(position, last.mg, times, False, last.count, last.strength)
            doses.append(last)
    return tuple(doses)


def _fits(recorded_text, dose, starting=False):
    recorded = [d for d in read_doses(recorded_text) if not d.total]
    if starting and recorded:
        recorded = recorded[:1]
    if dose.total:
        return any(r.mg * (r.times or 1) == dose.mg for r in recorded)
    if dose.times:
        return any(r.mg == dose.mg and r.times == dose.times for r in recorded)
    return any(r.mg == dose.mg for r in recorded)


# "90 mg once daily for 7 days", "for the first fourteen days", "during the first week": a stepped regimen's
# first period (numbers in words already read as digits).
PERIOD = re.compile(
    r"\b(?:for|during|over|in)\s+(?:the\s+)?(?:first\s+|initial\s+|opening\s+)?(?P<n>\d+|a|one)\s+(?P<unit>days?|weeks?)\b"
    r"|\b(?:for|during|over|in)\s+the\s+first\s+(?P<unit2>week)\b",
    re.IGNORECASE,
)


def _period_days(match):
    if match.group("unit2"):
        return 7
    n = match.group("n").lower()
    count = 1 if n in ("a", "one") else int(n)
    return count * (7 if match.group("unit").lower().startswith("week") else 1)


def _lead_in(page, sentence, found, text):
    """ "Brigatinib starts at 90 mg once daily for the first fourteen days": the first step of a stepped dose
    lasts as long as recorded ("for 7 days")."""
    for dose in found:
        before = [slug for start, slug in sentence.drugs if start < dose.position]
        slug = before[-1] if before else sentence.subject or page.main_drug
        drug = page.catalogue.drugs.get(slug)
        recorded = PERIOD.search(drug.dose) if drug and drug.dose else None
        if not recorded:
            continue
        first = read_doses(drug.dose)
        if not first or first[0].mg != dose.mg:
            continue
        stated = PERIOD.search(text, dose.position, dose.position + 60)
        if stated and not STOP.search(text, dose.position, stated.start()):
            if _period_days(stated) != _period_days(recorded):
                yield Finding(
                    "dose",
                    ERROR,
                    f"“{_n(dose.mg)} mg … {SPACES.sub(' ', stated.group(0))}”: {drug.name}'s first dose is recorded as "
                    f"{drug.dose}.",
                    sentence.location,
                    sentence.text,
                )
            return


def doses(page):
    catalogue = page.catalogue
    for sentence in page.sentences:
        if "mg" not in sentence.text.lower() and "milligram" not in sentence.text.lower():
            continue
        text = sentence.text
        found = read_doses(text)
        yield from _lead_in(page, sentence, found, digits(text))
        if STRENGTHS_ONLY.search(text) and not any(d.times or d.total for d in found):
            continue
        starting = bool(STARTING.search(digits(text)))
        for number, dose in enumerate(found):
            # "250 mg twice daily; with severe kidney problems, 250 mg once daily": each clause its own.
            clause = _clause(text, dose.position)
            kinds = _kinds(clause)
            if not kinds and OTHER_SITUATION.search(clause):
                continue
            if not kinds and REDUCED.search(clause) and not _condition_before(page, sentence):
                continue
            before = [slug for start, slug in sentence.drugs if start < dose.position]
            slug = before[-1] if before else sentence.subject or page.main_drug
            drug = catalogue.drugs.get(slug)
            if not drug:
                continue
            if kinds:
                if FROM_BEFORE.search(digits(text)[: dose.position][-30:]) and drug.dose and _fits(drug.dose, dose):
                    continue  # "lowered from 250 mg twice daily to 250 mg once daily"
                yield from _dose_change(sentence, drug, kinds, dose)
            elif drug.dose and not _fits(drug.dose, dose, starting and number == 0):
                context = _condition_before(page, sentence)
                if context and any(c.kind in _kinds(context) for c in drug.dose_changes):
                    # "My CrCl is below 30 and I'm not on dialysis. Should it be 250 mg once daily?"
                    yield from _dose_change(sentence, drug, _kinds(context), dose, f"{context} {text}")
                    continue
                unchecked = "" if drug.dose_verified else " (that dose is not yet checked against the label)"
                yield Finding(
                    "dose",
                    ERROR,
                    f"“{dose.stated()}” for {drug.name} does not match its recorded dose: {drug.dose}{unchecked}.",
                    sentence.location,
                    sentence.text,
                )


def omitted_dose_changes(page):
    """A drug page whose drug has dose changes of a kind should say what they are."""
    drugs = page.snapshot.get("drugs", [])
    if page.snapshot.get("kind") != "drug" or len(drugs) != 1:
        return
    with_doses = [s for s in page.sentences if not s.disclaimer and "mg" in s.text.lower() and read_doses(s.text)]
    stated = {kind for s in with_doses for kind in _kinds(s.text)}
    anchor = with_doses[0] if with_doses else None
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


def _condition_before(page, sentence):
    """The sentence just before in the same paragraph or question, when it names a kidney or liver condition
    and gives no dose of its own: the condition a following dose is for."""
    earlier = page.block_before(sentence)[:1]
    if not earlier or earlier[0].heading or earlier[0].location != sentence.location:
        return ""
    text = earlier[0].text
    if not _kinds(text) or read_doses(text):
        return ""
    return text


def _clause(text, position):
    starts = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, position)]
    end = CLAUSE_BREAK.search(text, position)
    return text[starts[-1] if starts else 0 : end.start() if end else len(text)]


def _kinds(text):
    return [kind for kind, words in KIND_WORDS.items() if words.search(text)]


def _threshold(text):
    """("below" | "above", N) for the creatinine clearance a text names, however it writes it."""
    match = THRESHOLD.search(text) or BARE_THRESHOLD.search(text) or TRAILING_THRESHOLD.search(text)
    if not match:
        return None
    relation = SPACES.sub(" ", match.group("relation").lower())
    return ("below" if BELOW_WORDS.match(relation) else "above", int(match.group("n")))


INCLUSIVE = re.compile(
    r"≤|≥|<\s*=|>\s*=|=<|\bat\s+(?:most|least)\b|\bup\s+to\b|\bno\s+more\b"
    r"|\bor\s+(?:less|lower|more|higher|fewer|greater)\b"
)


def _same_threshold(text, stated, recorded):
    """ "CrCl ≤29", "29 or lower" say what "below 30" says: an inclusive bound may sit one off."""
    if stated == recorded:
        return True
    if stated[0] != recorded[0] or not INCLUSIVE.search(text):
        return False
    return stated[1] == recorded[1] + (-1 if stated[0] == "below" else 1)


def _dialysis(text):
    """ "any", "not on", "on" or "" for what a text says of dialysis."""
    if EITHER_DIALYSIS.search(text):
        return "any"
    if NOT_ON_DIALYSIS.search(text):
        return "not on"
    if DIALYSIS.search(text):
        return "on"
    return ""


def _dose_change(sentence, drug, kinds, dose, text=""):
    changes = [c for c in drug.dose_changes if c.kind in kinds]
    if not changes:
        return
    text = text or sentence.text
    # "Moderate liver problems: 250 mg once daily" is the severe dose, so compare with the moderate one.
    severity = {word.lower() for word in SEVERITY.findall(text)}
    named = [c for c in changes if severity & {w.lower() for w in SEVERITY.findall(c.population)}]
    if severity and not named:
        if drug.dose and _fits(drug.dose, dose):
            return  # "mild or moderate kidney problems: the usual 250 mg twice daily"
        recorded = "; ".join(c.describe() for c in changes)
        yield Finding(
            "dose-change",
            ERROR,
            f"“{dose.stated()}” for {drug.name} is given for {' or '.join(sorted(severity))} impairment, but the "
            f"label changes the dose only for: {recorded}.",
            sentence.location,
            sentence.text,
        )
        return
    candidates = named or changes
    matching = [c for c in candidates if _fits(c.dose, dose)]
    if not matching:
        recorded = "; ".join(c.describe() for c in candidates)
        yield Finding(
            "dose-change",
            ERROR,
            f"“{dose.stated()}” for {drug.name} does not match its recorded dose changes: {recorded}.",
            sentence.location,
            sentence.text,
        )
        return
    change = matching[0]
    stated_threshold, recorded_threshold = _threshold(text), _threshold(change.population)
    if stated_threshold and recorded_threshold and not _same_threshold(text, stated_threshold, recorded_threshold):
        relation, number = stated_threshold
        yield Finding(
            "dose-change",
            ERROR,
            f"“{dose.stated()}” for {drug.name} is given for creatinine clearance {relation} {number} mL/min; "
            f"the recorded dose change is for: {change.describe()}.",
            sentence.location,
            sentence.text,
        )
        return
    if change.kind != "renal" or "dialysis" not in change.population.lower():
        return
    recorded_dialysis, stated_dialysis = _dialysis(change.population), _dialysis(text)
    if stated_dialysis and stated_dialysis != recorded_dialysis:
        said = {"on": "on dialysis", "any": "with or without dialysis", "not on": "not on dialysis"}[stated_dialysis]
        yield Finding(
            "dose-change",
            ERROR,
            f"“{dose.stated()}” for {drug.name} is given for patients {said}; the recorded dose change is for: "
            f"{change.describe()}.",
            sentence.location,
            sentence.text,
        )
    elif not stated_dialysis and recorded_dialysis == "not on":
        yield Finding(
            "dose-change-qualifier",
            WARNING,
            f"The label limits this dose to patients not on dialysis: {change.describe()}.",
            sentence.location,
            sentence.text,
        )


def _times(times):
    return {1: "once daily", 2: "twice daily", 3: "three times daily", 4: "four times daily"}.get(
        times, f"{times} times daily"
    )
