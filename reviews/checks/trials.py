"""Figures quoted about a named trial, checked against that trial's recorded outcomes."""

import re
from decimal import Decimal, InvalidOperation

from monographs.models import Outcome

from .findings import ERROR, Finding

ENDPOINT_LABELS = dict(Outcome.Endpoint.choices)

ENDPOINTS = re.compile(
    r"(?P<cns_progression>\bCNS\s+progression|\bintracranial\b|\bbrain\s+progression|\bCNS\b)"
    r"|(?P<pfs>progression[- ]free(?:\s+survival)?"
    r"|\balive\s+(?:and\s+)?without\s+(?:\w+\s+){0,2}?(?:growing|progressing|progression|getting\s+worse)"
    r"|\bwithout\s+(?:\w+\s+){0,2}?(?:growing|progressing)|\bPFS\b|without\s+progression|risk\s+of\s+progression)"
    r"|(?P<event_free>event[- ]free(?:\s+survival)?)"
    r"|(?P<dor>duration\s+of\s+(?:the\s+)?response|\bDoR\b|response\s+duration|responses?\s+lasted)"
    r"|(?P<orr>response\s+rate|objective\s+response|\bORR\b|\bresponded\b|\bresponse\b)"
    r"|(?P<os>overall\s+survival|\bOS\b|\bsurvival\b|\balive\b)",
    re.IGNORECASE,
)
# "HR 0.43", "hazard ratio for overall survival was 0.19".
HAZARD_RATIO = re.compile(r"\b(?:HR|hazard\s+ratio)\b[^\d;()]{0,40}?(\d+\.\d+)", re.IGNORECASE)
VALUE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s*(%|percent\b|months?\b|mo\b)|(?=\s*(?:vs\.?|versus)\s*\d))")
APPROXIMATE = re.compile(
    r"(?:around|about|approximately|roughly|nearly|almost|over|more\s+than|exceeding|under|less\s+than"
    r"|up\s+to|close\s+to|some|~)\s*$",
    re.IGNORECASE,
)
# Months that say when, not how long: "at 12 months", "after 5 years of follow-up".
TIME_POINT = re.compile(r"(?:\b(?:at|after|within|every|by|beyond|past|follow-up\s+of)\s+|~)$", re.IGNORECASE)
CONFIDENCE = re.compile(r"^\s*CI\b", re.IGNORECASE)
OS_BENEFIT = re.compile(
    r"(?:overall\s+survival|\bOS\b)\s+(?:[\w-]+\s+){0,2}?(?:benefit|advantage|gain|improvement)"
    r"|(?:benefit|advantage|improvement|improved|prolonged|longer)\s+(?:[\w-]+\s+){0,3}?(?:overall\s+survival|\bOS\b)"
    r"|\b(?:living|live|lived)\s+longer\b",
    re.IGNORECASE,
)
NO_SIGNIFICANCE = re.compile(
    r"\bnot\s+(?:\w+\s+)?significant|\bno\s+(?:\w+\s+)?(?:significant|difference|benefit)|\bdid\s+not\b"
    r"|\bnot\s+(?:yet\s+)?(?:confirmed|shown|proven)|\bnon-?significant",
    re.IGNORECASE,
)
PIVOTAL = re.compile(r"\bpivotal\s+(?:\w+\s+)?trial\b", re.IGNORECASE)


def _context_trials(page, sentence):
    """The trials a sentence speaks of: named in it, or earlier in its section."""
    catalogue = page.catalogue
    named = [name for _, name in sentence.trials]
    if named:
        return list(dict.fromkeys(named))
    if PIVOTAL.search(sentence.text) and sentence.drugs:
        pivotal = [
            t.name for t in catalogue.trials.values() if t.pivotal and t.experimental_drug == sentence.drugs[0][1]
        ]
        if len(pivotal) == 1:
            return pivotal
    for earlier in page.block_before(sentence):
        if earlier.trials:
            return list(dict.fromkeys(name for _, name in earlier.trials))
    return []


def _decimal(text):
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


CLAUSE_BREAK = re.compile(r"[;—–]|\s-\s|\.\s")
# A landmark "alive without progression" rate is a progression-free result.
SAME_ENDPOINT = {"event_free": "pfs"}


def _endpoint_at(sentence_text, position, endpoints):
    """The endpoint named last before a figure, within the figure's clause."""
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(sentence_text, 0, position)]
    clause_start = breaks[-1] if breaks else 0
    before = [name for start, name in endpoints if clause_start <= start < position]
    return before[-1] if before else ""


def _same_endpoint(a, b):
    return SAME_ENDPOINT.get(a, a) == SAME_ENDPOINT.get(b, b)


def _figures(text):
    """(position, kind, value, approximate) for each hazard ratio, percentage and duration."""
    figures = []
    taken = []
    for match in HAZARD_RATIO.finditer(text):
        figures.append((match.start(1), "hr", _decimal(match.group(1)), False))
        taken.append(match.span(1))
    pending = []
    for match in VALUE.finditer(text):
        if any(start <= match.start(1) < end for start, end in taken):
            continue
        unit = (match.group(2) or "").lower()
        if not unit:
            pending.append(match)
            continue
        kind = "%" if unit in ("%", "percent") else "months"
        if kind == "%" and CONFIDENCE.match(text[match.end() :]):
            continue
        prefix = text[: match.start()]
        if kind == "months" and TIME_POINT.search(prefix):
            pending.clear()
            continue
        for earlier in pending + [match]:
            approximate = bool(APPROXIMATE.search(text[: earlier.start()]))
            figures.append((earlier.start(1), kind, _decimal(earlier.group(1)), approximate))
        pending.clear()
    return sorted(f for f in figures if f[2] is not None)


def _matches(outcome, kind, value, approximate):
    if kind == "hr":
        candidates = [outcome.hazard_ratio, *outcome.hr_ci]
    elif outcome.unit == kind:
        candidates = list(outcome.values.values())
    else:
        candidates = []
    if kind == "%":
        # "84% crossover" lives in the outcome's note.
        candidates += [_decimal(n) for n in re.findall(r"(\d+(?:\.\d+)?)\s*%", outcome.note)]
    for candidate in candidates:
        if candidate is None:
            continue
        if candidate == value or (approximate and abs(candidate - value) <= candidate * Decimal("0.1")):
            return True
    return False


def _show(kind, value):
    return f"HR {value}" if kind == "hr" else f"{value}%" if kind == "%" else f"{value} months"


def trial_figures(page):
    """A figure that matches no outcome of the trial, or one of another endpoint or analysis."""
    catalogue = page.catalogue
    for sentence in page.sentences:
        figures = _figures(sentence.text)
        if not figures:
            continue
        trials = [catalogue.trials[name] for name in _context_trials(page, sentence)]
        if not trials:
            continue
        outcomes = [o for t in trials for o in t.outcomes]
        trial_names = " and ".join(t.name for t in trials)
        endpoints = [(m.start(), m.lastgroup) for m in ENDPOINTS.finditer(sentence.text)]
        matched = []
        for position, kind, value, approximate in figures:
            hits = [o for o in outcomes if _matches(o, kind, value, approximate)]
            stated = _endpoint_at(sentence.text, position, endpoints)
            if not hits:
                relevant = [o for o in outcomes if not stated or _same_endpoint(o.endpoint, stated)] or outcomes
                yield Finding(
                    "trial-figure",
                    ERROR,
                    f"{_show(kind, value)} matches no recorded result of {trial_names}. Recorded: "
                    + "; ".join(o.describe() for o in relevant if o.figures())
                    + ".",
                    sentence.location,
                    sentence.text,
                )
                continue
            matched.append((kind, value, hits))
            if stated and not any(_same_endpoint(o.endpoint, stated) for o in hits):
                right = [o for o in outcomes if _same_endpoint(o.endpoint, stated) and o.figures()]
                correct = "; ".join(o.describe() for o in right) or "none"
                yield Finding(
                    "trial-figure",
                    ERROR,
                    f"{_show(kind, value)} is {trial_names}'s {hits[0].describe()}, not "
                    f"{_endpoint_name(stated)}. Recorded {_endpoint_name(stated)} results: {correct}.",
                    sentence.location,
                    sentence.text,
                )
        yield from _hazard_ratio_beside_other_results(sentence, matched, trial_names)


def _endpoint_name(endpoint):
    return ENDPOINT_LABELS.get(endpoint, endpoint).lower()


def _hazard_ratio_beside_other_results(sentence, matched, trial_names):
    """ "12% vs 45%, HR 0.16, with median PFS 34.8 vs 10.9 months" pins 0.16 on the PFS figures."""
    quoted_hrs = {value for kind, value, _ in matched if kind == "hr"}
    for kind, value, hr_hits in matched:
        if kind != "hr":
            continue
        for other_kind, other_value, hits in matched:
            if other_kind == "hr":
                continue
            own_hrs = {o.hazard_ratio for o in hits}
            if None in own_hrs or value in own_hrs or own_hrs & quoted_hrs:
                continue
            yield Finding(
                "trial-figure",
                ERROR,
                f"HR {value} is {trial_names}'s {hr_hits[0].describe()}, but it stands beside "
                f"{_show(other_kind, other_value)} from {hits[0].describe()}, whose HR is "
                f"{', '.join(str(h) for h in sorted(own_hrs))}.",
                sentence.location,
                sentence.text,
            )
            break


def survival_claims(page):
    """An overall survival benefit claimed where the trial's final analysis found none."""
    catalogue = page.catalogue
    for sentence in page.sentences:
        if not OS_BENEFIT.search(sentence.text) or NO_SIGNIFICANCE.search(sentence.text):
            continue
        names = _context_trials(page, sentence)
        if not names:
            slugs = {slug for _, slug in sentence.drugs}
            names = [
                t.name
                for t in catalogue.trials.values()
                if t.control_drug and {t.experimental_drug, t.control_drug} <= slugs
            ]
        for name in names:
            negative = [o for o in catalogue.trials[name].outcomes if o.endpoint == "os" and o.significant is False]
            if negative:
                details = "; ".join(o.describe() for o in negative)
                yield Finding(
                    "survival-claim",
                    ERROR,
                    f"{name} showed no statistically significant overall survival benefit: {details}.",
                    sentence.location,
                    sentence.text,
                )
