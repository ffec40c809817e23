"""The claim layer for trial figures: each number of a sentence read with what it is about.

`read_figures(sentence, catalogue)` turns "median PFS was 34.8 months with alectinib versus
10.9 with crizotinib (HR 0.43, 95% CI 0.32-0.58) in the updated analysis" into Figure
objects that know their kind (months, %, hazard ratio, ratio), how the number was hedged
("about", "more than"), the arm or drug it belongs to, the endpoint, analysis, assessor
and time point the sentence gives it, its partner in an "A vs B" pair and, for a hazard
ratio, its interval. trials.py judges them against the recorded outcomes.

Numbers in words are read through quantities.digits(), which keeps every position, so
the drug and trial positions found by the catalogue stay valid.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .quantities import digits

EXPERIMENTAL, CONTROL = "experimental", "control"


def _at_words(pattern, flags=re.IGNORECASE):
    """A pattern tried only where a word starts: several times faster for long alternations."""
    return re.compile(rf"\b(?=[a-z])(?:{pattern})", flags)


ENDPOINTS = _at_words(
    r"(?P<cns_progression>\bCNS\s+progression|\bintracranial\b|\bbrain\s+progression|\bCNS\b"
    r"|\b(?:(?:cancer|disease|tumou?rs?)\s+(?:\w+\s+){0,2}?)?(?:grow\w*|grew|spread\w*|progress\w*|worsen\w*)"
    r"\s+(?:\w+\s+)?(?:in|to|into|within|inside)\s+the\s+(?:brain|CNS|central\s+nervous\s+system)"
    r"|\bbrain\s+metastas[ie]s\b)"
    r"|(?P<pfs>progression[- ]free(?:\s+survival)?"
    # "the hazard ratio for progression or death": a progression-free result, not survival.
    r"|\b(?:(?:disease|cancer)\s+)?progression\s+or\s+death|\bdeath\s+or\s+(?:(?:disease|cancer)\s+)?progression"
    r"|\balive\s+(?:and\s+)?without\s+(?:\w+\s+){0,2}?(?:growing|progressing|progression|getting\s+worse)"
    r"|\balive\s+and\s+(?:progression[- ]free|free\s+of\s+progression)"
    r"|\bwithout\s+(?:\w+\s+){0,2}?(?:growing|progressing|getting\s+worse)|\bPFS\b|without\s+progression"
    r"|risk\s+of\s+(?:disease\s+)?progression(?:\s+or\s+death)?|\bhad\s+not\s+(?:yet\s+)?(?:progressed|worsened)"
    r"|\bfree\s+of\s+progression|\bkept\s+(?:the\s+)?(?:cancer|disease)\s+(?:\w+\s+){0,2}?under\s+control"
    r"|\b(?:kept|keeps?|keeping|held|holds?|holding)\s+(?:the\s+|their\s+|people's\s+)?(?:cancer|disease|tumou?rs?)\s+"
    r"(?:from\s+(?:growing|progressing|worsening|spreading|getting\s+worse)|in\s+check|at\s+bay|back\b|controlled)"
    r"|\b(?:cancer|disease|tumou?rs?)\s+(?:had\s+)?(?:not\s+)?(?:grown|grew|progressed|worsened)\b)"
    r"|(?P<event_free>event[- ]free(?:\s+survival)?"
    # "alive without an event", "free of any event": a landmark event-free rate, not survival.
    r"|\b(?:alive\s+(?:and\s+)?)?(?:without|free\s+of)\s+(?:an?\s+|any\s+)?(?:\w+\s+)?events?\b)"
    r"|(?P<dfs>disease[- ]free(?:\s+survival)?|\bDFS\b|free\s+of\s+(?:cancer|disease)|cancer\s+(?:came|coming)\s+back"
    r"|\brecurrence)"
    r"|(?P<dor>duration\s+of\s+(?:the\s+)?response|\bDoR\b|response\s+duration|responses?\s+lasted)"
    r"|(?P<orr>response\s+rate|objective\s+response|\bORR\b|\bresponded\b|\bresponse\b|\bshr[ae]nk|\bshrunk"
    r"|\btumou?r\s+shrinkage)"
    r"|(?P<os>overall\s+survival|\bOS\b|\bsurvival\b|\balive\b|\bdeaths?\b|\bdied\b|\bsurvived\b"
    # "people lived a median of 51.4 months"; not "lived without the cancer growing".
    r"|\blived\b(?![^,;]{0,45}?\b(?:without|free|before|until|with\s+(?:the\s+)?(?:cancer|disease))\b))",
    re.IGNORECASE,
)
# A landmark "alive without progression" rate is a progression-free result.
SAME_ENDPOINT = {"event_free": "pfs"}

ANALYSES = _at_words(
    r"(?P<primary>\bprimary\s+(?:analys[ie]s|report|results?|publication|data)"
    r"|\b(?:initial|first|original|earlier)\s+(?:[\w’']+\s+){0,2}?(?:analys[ie]s|report|results?|publication|data))"
    r"|(?P<interim>\binterim\b)"
    r"|(?P<final>\bfinal\b)"
    r"|(?P<updated>\bupdated?\b|\blater\s+(?:[\w’']+\s+)?(?:analys[ie]s|data|results?|report)"
    r"|\blonger[- ](?:term\s+)?follow[- ]?up"
    r"|\blonger[- ]term\b|\bextended\s+follow[- ]?up|\bmore\s+mature|\bsubsequent\s+analys[ie]s)"
    r"|(?P<label>\bFDA\s*(?:’s|'s)?\s+(?:\w+\s+)?(?:label|review|prescribing)|\bprescribing\s+information|\blabel\b)"
    # "The FLAURA publication in the NEJM", "the published paper": a journal's analysis, not the label's.
    r"|(?P<published>\bpublication\b|\bpublished\b|\bjournal\b|\bNEJM\b|\bN\s*Engl\s*J\s*Med\b"
    r"|\bNew\s+England\s+Journal|\bLancet\b|\bJCO\b|\bJ\s*Clin\s*Oncol\b|\bAnn(?:als\s+of)?\s+Oncol(?:ogy)?\b)",
    re.IGNORECASE,
)
# "Later data" may be the updated or the final analysis.
ANALYSIS_SETS = {
    "primary": {"primary"},
    "interim": {"interim"},
    "final": {"final"},
    "updated": {"updated", "final"},
    "label": {"label"},
    # A journal's report: any analysis but the label's.
    "published": {"primary", "interim", "updated", "final"},
}
ASSESSORS = _at_words(
    r"(?P<investigator>\binvestigators?(?:[- ]assessed|\s+assessment)?\b)"
    r"|(?P<independent>\bindependent(?:ly)?\b|\bblinded\b|\bcentral(?:ly)?\s+(?:review|assess)|\bBICR\b|\bIRC\b)",
    re.IGNORECASE,
)
TIMEPOINT = re.compile(
    r"\b(?:at|after|by|within|beyond)\s+(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>months?|years?)\b"
    r"|\b(?P<n2>\d+)[\s-](?P<unit2>month|year)(?![\w-]*s\b)(?!\s+(?:follow|of\s+follow))"
    # "Five years into CROWN", "three years in,": a point in the trial, not a duration.
    r"|\b(?P<n3>\d+(?:\.\d+)?)\s*(?P<unit3>months?|years?)\s+(?:into\b|in\s*,)",
    re.IGNORECASE,
)
HAZARD_RATIO = re.compile(
    r"\b(?:(?:cause[- ]specific\s+)?HRs?|hazard\s+ratios?)\b[^\d;()]{0,80}?(?P<v>\d*\.\d+)", re.IGNORECASE
)
INTERVAL = re.compile(
    r"\s*[,;(\[]?\s*(?:(?:95(?:\.\d+)?\s*%|95\s*(?:per\s*cent|percent))\s*)?(?:CI|confidence\s+interval)\b"
    r"[\s,:]*(?:of\s+|was\s+|from\s+)?(?P<low>\d*\.?\d+)\s*(?:-|–|—|to)\s*(?P<high>\d*\.?\d+)",
    re.IGNORECASE,
)
RISK_CUT = re.compile(
    r"\b(?:reduc|lower|cut|decreas)\w*\s+(?:the\s+)?(?:risk|chance|likelihood|hazard)\s+of\s+(?:[\w-]+\s+){0,4}?"
    r"by\s+(?P<bound>about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?"
    r"(?P<v>\d+(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b)",
    re.IGNORECASE,
)
_CUT_BY = (
    r"by\s+(?P<bound>about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?"
    r"(?P<v>\d+(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b)"
)
# "the risk of the cancer coming back was cut by about 83%", "an 83% lower risk of progression".
RISK_CUT_OTHER_WORDING = [
    re.compile(
        r"\b(?:risk|chance|likelihood|hazard)\s+of\s+(?:[\w-]+\s+){0,5}?(?:was|is|were|being)\s+(?:\w+\s+)?"
        rf"(?:reduc|lower|cut|decreas)\w*\s+{_CUT_BY}",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?P<bound>about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?(?:an?\s+)?"
        r"(?P<v>\d+(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b)\s+(?:lower|smaller|reduced|reduction\s+in(?:\s+the)?)\s+"
        r"(?:risk|chance|likelihood|hazard)\b",
        re.IGNORECASE,
    ),
]
HALVED_RISK = re.compile(
    r"\bhalved\s+(?:the\s+)?(?:risk|chance|hazard)\b|\b(?:risk|hazard)\s+(?:\w+\s+){0,4}?(?:was\s+)?halved\b",
    re.IGNORECASE,
)
RATIO = re.compile(
    r"(?P<n>\d+(?:\.\d+)?)[\s-]*(?:fold\b|times\s+(?=as\b|longer|more|greater|higher|the\b|that\b|over\b))"
    r"|\b(?P<verb>doubled|tripled|trebled|quadrupled|halved)\b"
    r"|\b(?P<twice>twice|half)\s+as\s+(?:long|many|likely|much|often|high)\b",
    re.IGNORECASE,
)
VERB_RATIOS = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4, "halved": Decimal("0.5")}
NUMBER = re.compile(r"(?<![\w.,/;:-])(\d+(?:\.\d+)?)(?![\w.]*\d)(?![-:;]\d)")
UNIT = re.compile(
    r"\s*(?P<unit>percentage[- ]points?\b|%|per\s*cent\b|percent\b|months?\b|mo\b|years?\b|weeks?\b|days?\b"
    r"|mg\b|mL\b|ms\b|people\b|patients\b|participants\b|hours?\b)",
    re.IGNORECASE,
)
NOT_A_FIGURE_BEFORE = re.compile(
    r"(?:\bphase|\bgrade|\bstage|\bversion|\bv|\bn\s*=|\bNCT|\bage[sd]?|\bpage|\bcycle|\bday|\bweek|\bfigure"
    r"|\btable|\bline|\bclass|\bcohort|\bstudy|\btrial|\bexon)\s*$",
    re.IGNORECASE,
)
TIME_POINT_BEFORE = re.compile(
    r"(?:\b(?:at|after|within|every|by|beyond|past|follow-up\s+of)\s+|~)$|\b(?:at|after|by)\s+\d+\s+(?:and|or)\s+$",
    re.IGNORECASE,
)
PAIR_LINK = re.compile(r"\b(?:vs\.?|versus|compared\s+(?:with|to)|against|and|to|while|whereas|but)(?=\W|$)")
BOUND = re.compile(
    r"(?:(?P<above>more\s+than|over|exceeding|at\s+least|upwards\s+of|above|greater\s+than)"
    r"|(?P<below>less\s+than|under|fewer\s+than|below|at\s+most|no\s+more\s+than)"
    r"|(?P<nearly>nearly|almost|just\s+under|close\s+to|approaching)"
    r"|(?P<about>around|about|approximately|roughly|some|circa|~|an\s+estimated|≈))\s*$",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"[;—–]|\s-\s|\.\s|:\s")
# A new clause joined to the one before: ", and the risk ...", ", while ...", ", where ...".
CLAUSE_JOIN = re.compile(
    r"[;—–]|\s-\s|\.\s|:\s|,\s+(?:and|but|while|whereas|where|although|though|yet)\s", re.IGNORECASE
)
ARM_WORDS = _at_words(
    r"(?P<control>\b(?:chemotherapy|placebo|control\s+(?:arm|group)|comparator(?:\s+(?:arm|group))?"
    r"|standard\s+(?:treatment|therapy|care)\s+(?:arm|group))\b)"
    r"|(?P<experimental>\bexperimental\s+(?:arm|group)\b)",
    re.IGNORECASE,
)
# "34.8 months with alectinib", "45% of people having chemotherapy", "10.9 in the crizotinib group".
BOUND_AFTER = re.compile(
    r"^\s*(?:months?|%|per\s*cent|percent|mo)?\s*\(?\s*(?:of\s+(?:the\s+)?(?:people|patients|participants|those)\s+)?"
    r"(?:with|for|on|in|among|taking|having|given|receiving|treated\s+with|who\s+(?:took|received|had|were\s+given)"
    r"|in\s+the|on\s+the|for\s+the)\s+(?:the\s+)?"
    r"(?:(?:those|people|patients|participants)\s+(?:who\s+(?:took|received)|on|taking|given|receiving|treated\s+with)\s+)?$",
    re.IGNORECASE,
)
# "crizotinib 10.9", "alectinib: 34.8", "with alectinib, median PFS was 34.8".
BOUND_BEFORE = re.compile(r"^(?:[’']s)?(?:\s*[:(,]\s*|\s+)(?:[\w-]+\s+){0,5}?(?:(?:was|were|of|at|reached)\s+)?$")
DRUG_PAIR_BEFORE = re.compile(r"(?:vs\.?|versus|compared\s+(?:with|to)|against|and|or|over)\s+$", re.IGNORECASE)
COMPARATOR_BEFORE = re.compile(
    r"(?:vs\.?|versus|compared\s+(?:with|to)|than|over|against|relative\s+to)\s+$", re.IGNORECASE
)
NO_BINDING = re.compile(r"\d|\b(?:vs|versus|compared|than|and|but|while|whereas|against|over)\b", re.IGNORECASE)


SPACES = re.compile(r"\s+")
DIFF_AFTER = re.compile(r"\s*(?:longer|shorter|more|extra|additional|fewer)\b", re.IGNORECASE)
DIFF_BEFORE = re.compile(
    r"\b(?:extra|additional|gain\s+of|difference\s+of|improvement\s+of|benefit\s+of|increase\s+of)\s+"
    r"(?:(?:about|around|nearly|almost|roughly|more\s+than|over|some)\s+)?$",
    re.IGNORECASE,
)
STAGE = re.compile(r"\bstages?\s+(?P<stage>[IV]+[A-C]?(?:\s*(?:-|–|to|through)\s*[IV]+[A-C]?)?)")
YEARS_NOT_A_RESULT_BEFORE = re.compile(
    r"\b(?:aged?|ages|over\s+the|in\s+the\s+(?:last|past|next)|last|past|next|every|per|since|during|the\s+first)"
    r"\s+(?:\w+\s+){0,2}$|\b(?:treated|treatment|therapy|taking|took|taken|on\s+treatment)\s+for\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
YEARS_NOT_A_RESULT_AFTER = re.compile(
    r"[\s-]*(?:old\b|of\s+age|ago\b|later\b|earlier\b|after\b|on\b|since\b|of\s+(?:follow|treatment|therapy|data)"
    r"|and\s+older|or\s+older|follow|apart|into\b|in\s*,|mark\b)",
    re.IGNORECASE,
)
FOLLOW_UP_WORDS = re.compile(r"\bfollow(?:ed|-up|\s+up|ing)\b|\bobserved\b|\btracked\b", re.IGNORECASE)
CI_AFTER = re.compile(r"\s*(?:CI|confidence)\b", re.IGNORECASE)
FOLLOW_UP_AFTER = re.compile(r"[\s-]*(?:follow|of\s+follow|into\b|in\s*,|mark\b)")
TIME_UNIT_AFTER = re.compile(r"[\s-]*(?:month|year)|-")
STOP = re.compile(r";|\.\s")
WORD = re.compile(r"[\w-]+")
RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
DIGIT = re.compile(r"\d")
SAME_CLAUSE = re.compile(r"[^,;:.]{0,45}")
LIST_JOIN = re.compile(r"\s*(?:,|/|or|and|,\s*or|,\s*and)\s*", re.IGNORECASE)


@dataclass
class Figure:
    start: int
    end: int
    kind: str  # "months", "%", "hr" or "ratio"
    value: Decimal
    written: str
    bound: str = ""  # "", "about", "above", "below" or "nearly"
    places: int = 0
    ci: tuple = ()
    risk_cut: bool = False
    drug: str = ""
    arm: str = ""
    endpoint: str = ""
    analyses: frozenset = frozenset()
    assessor: str = ""
    timepoint: int | None = None
    population: str = ""
    partner: int | None = None
    group: int = 0
    # Months per unit as written: 12 for "nearly three years", read as 36 months.
    scale: int = 1
    trial: str = ""
    notes: list = field(default_factory=list)

    def show(self):
        hedge = {"about": "about ", "above": "more than ", "below": "less than ", "nearly": "nearly "}.get(
            self.bound, ""
        )
        if self.kind == "hr":
            ci = f" (95% CI {self.ci[0]}-{self.ci[1]})" if self.ci else ""
            return f"HR {hedge}{self.value}{ci}"
        if self.kind == "ratio":
            return f"{hedge}{self.value:g}-fold"
        if self.kind.startswith("diff_"):
            unit = " percentage points" if self.kind == "diff_%" else " months"
            return f"a difference of {hedge}{self.value}{unit}"
        if self.scale == 12 and self.kind == "months":
            return f"{hedge}{self.written} years ({self.value.normalize():f} months)"
        unit = "%" if self.kind == "%" else " months"
        return f"{hedge}{self.value}{unit}"


def decimal(text):
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _years_of_a_result(text, before, start, end):
    """ "Median survival was almost seven years", not "at 5 years", "for 5 years of follow-up", "10 years ago"."""
    if TIME_POINT_BEFORE.search(before[-30:]) or YEARS_NOT_A_RESULT_BEFORE.search(before[-40:]):
        return False
    if YEARS_NOT_A_RESULT_AFTER.match(text, end):
        return False
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)]
    following = CLAUSE_BREAK.search(text, end)
    clause = text[breaks[-1] if breaks else 0 : following.start() if following else len(text)]
    return bool(ENDPOINTS.search(clause)) and not FOLLOW_UP_WORDS.search(clause)


def _places(text):
    return len(text.split(".")[1]) if "." in text else 0


def _bound(before):
    match = BOUND.search(before[-24:])
    return match.lastgroup if match else ""


def same_endpoint(a, b):
    return SAME_ENDPOINT.get(a, a) == SAME_ENDPOINT.get(b, b)


def timepoint_months(text):
    """12 for "12-month", "one year", "at 1 year"; None if no time point."""
    match = TIMEPOINT.search(text)
    if not match:
        return None
    n = decimal(match.group("n") or match.group("n2") or match.group("n3"))
    unit = (match.group("unit") or match.group("unit2") or match.group("unit3")).lower()
    return int(n * 12) if unit.startswith("year") else int(n)


def _taken(spans, start):
    return any(s <= start < e for s, e in spans)


def _hazard_ratios(text, figures, taken):
    for match in HAZARD_RATIO.finditer(text):
        value = decimal(match.group("v"))
        if value is None or value > 20:
            continue
        end = match.end("v")
        ci = ()
        interval = INTERVAL.match(text, end)
        if interval:
            ci = (decimal(interval.group("low")), decimal(interval.group("high")))
            end = interval.end()
        bound = _bound(text[: match.start("v")])
        figures.append(
            Figure(match.start("v"), end, "hr", value, match.group("v"), bound, _places(match.group("v")), ci)
        )
        taken.append((match.start(), end))
    cuts = [m for pattern in (RISK_CUT, *RISK_CUT_OTHER_WORDING) for m in pattern.finditer(text)]
    for match in sorted(cuts, key=lambda m: m.start()):
        if _taken(taken, match.start("v")):
            continue
        cut = decimal(match.group("v"))
        bound = {"more than": "below", "over": "below", "": ""}.get((match.group("bound") or "").strip(), "about")
        figures.append(
            Figure(match.start("v"), match.end(), "hr", (100 - cut) / 100, match.group(0), bound, 2, risk_cut=True)
        )
        taken.append((match.start(), match.end()))
    for match in HALVED_RISK.finditer(text):
        if not _taken(taken, match.start()):
            figures.append(
                Figure(match.start(), match.end(), "hr", Decimal("0.5"), match.group(0), "about", 1, risk_cut=True)
            )
            taken.append((match.start(), match.end()))


def _ratios(text, figures, taken):
    for match in RATIO.finditer(text):
        if _taken(taken, match.start()):
            continue
        if match.group("n"):
            value = decimal(match.group("n"))
        elif match.group("verb"):
            value = Decimal(VERB_RATIOS[match.group("verb").lower()])
        else:
            value = Decimal(2) if match.group("twice").lower() == "twice" else Decimal("0.5")
        bound = _bound(text[: match.start()])
        figures.append(Figure(match.start(), match.end(), "ratio", value, match.group(0), bound, 0))
        taken.append((match.start(), match.end()))


def _values(text, figures, taken, skip):
    found = []
    for match in NUMBER.finditer(text):
        start = match.start(1)
        if _taken(taken, start) or _taken(skip, start):
            continue
        number = match.group(1)
        if len(number) == 4 and number.startswith(("19", "20")) and "." not in number:
            continue  # a year
        before = text[:start]
        if NOT_A_FIGURE_BEFORE.search(before[-12:]):
            continue
        unit_match = UNIT.match(text, match.end())
        unit = SPACES.sub("", unit_match.group("unit").lower()) if unit_match else ""
        end = unit_match.end() if unit_match else match.end()
        if unit.startswith("percentagepoint"):
            kind = "diff_%"
        elif unit in ("%", "percent", "percent"):
            kind = "%"
            if CI_AFTER.match(text, end):
                continue
        elif unit.startswith(("month", "mo")):
            kind = "months"
            if TIME_POINT_BEFORE.search(before[-30:]) or FOLLOW_UP_AFTER.match(text, end):
                continue
        elif unit.startswith("year"):
            if DIFF_AFTER.match(text, end) or DIFF_BEFORE.search(before[-40:]):
                kind = "diff_months"
            elif _years_of_a_result(text, before, start, end):
                kind = "months"  # "kept the cancer in check for nearly three years"
            else:
                continue  # "at 5 years", "7-year", "followed for 5 years": time points, read by TIMEPOINT
        elif unit:
            continue  # doses, days, counts of people
        else:
            kind = ""
            if TIME_UNIT_AFTER.match(text, end):
                continue
        value = decimal(number)
        scale = 12 if unit.startswith("year") else 1
        if scale == 12:
            value = value * 12
        elif kind in ("months", "%") and (DIFF_AFTER.match(text, end) or DIFF_BEFORE.search(before[-40:])):
            kind = "diff_" + kind  # "3.9 months longer", "an extra 24 months"
        figure = Figure(start, end, kind, value, number, _bound(before), _places(number), scale=scale)
        interval = INTERVAL.match(text, end) if kind == "%" else None
        if interval:
            figure.ci = (decimal(interval.group("low")), decimal(interval.group("high")))
            taken.append((interval.start(), interval.end()))
        found.append(figure)
    # A bare number takes the unit of the number it is paired with: "10.9 vs 7.0 months".
    for i, figure in enumerate(found):
        if figure.kind:
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < len(found) and found[j].kind:
                a, b = sorted((figure, found[j]), key=lambda f: f.start)
                between = text[a.end : b.start]
                if len(between) < 60 and PAIR_LINK.search(between) and not STOP.search(between):
                    figure.kind = found[j].kind
                    break
    figures.extend(f for f in found if f.kind)


def _pairs(text, values, endpoints):
    """Link "A vs B" partners among value figures, never across a newly named endpoint."""
    for a, b in zip(values, values[1:], strict=False):
        if a.kind != b.kind or a.partner is not None:
            continue
        own = _endpoint_before(text, a, endpoints)
        if own and any(a.end <= start < b.start and not same_endpoint(name, own) for start, name in endpoints):
            continue  # "responses lasted 17.6 months, and median PFS was 19.2 months"
        between = text[a.end : b.start]
        if len(between) < 70 and PAIR_LINK.search(between) and not STOP.search(between):
            a.partner, b.partner = id(b), id(a)


def _mentions(text, sentence, arms):
    """(start, end, drug slug or "", arm or "") for each drug or arm named in the sentence."""
    mentions = []
    for start, slug in sentence.drugs:
        word = WORD.match(text, start)
        mentions.append((start, word.end() if word else start + 1, slug, arms.get(slug, "")))
    for match in ARM_WORDS.finditer(text):
        mentions.append((match.start(), match.end(), "", match.lastgroup))
    return sorted(mentions)


def _run_start(text, mentions, mention):
    """The first of "gefitinib or erlotinib", "alectinib and brigatinib" that `mention` ends."""
    index = mentions.index(mention)
    while index > 0 and LIST_JOIN.fullmatch(text, mentions[index - 1][1], mentions[index][0]):
        index -= 1
    return mentions[index]


def _bind(text, values, mentions):
    """The drug or arm each value figure belongs to."""
    by_id = {id(f): f for f in values}
    if RESPECTIVELY.search(text):
        for figure in values:
            partner = by_id.get(figure.partner)
            if partner is None or partner.start < figure.start:
                continue
            respectively = RESPECTIVELY.search(text, partner.end)
            if not respectively:
                continue
            named = [m for m in mentions if partner.end <= m[0] < respectively.start()]
            if len(named) >= 2:
                figure.drug, figure.arm = named[0][2], named[0][3]
                partner.drug, partner.arm = named[1][2], named[1][3]
    for figure in values:
        if figure.drug or figure.arm:
            continue
        after = [m for m in mentions if figure.end <= m[0] <= figure.end + 60]
        if after and BOUND_AFTER.match(text[figure.end : after[0][0]]):
            figure.drug, figure.arm = after[0][2], after[0][3]
            continue
        before = [m for m in mentions if m[1] <= figure.start and figure.start - m[1] <= 50]
        if not before:
            continue
        mention = before[-1]
        first = _run_start(text, mentions, mention)
        if COMPARATOR_BEFORE.search(text[max(0, first[0] - 20) : first[0]]):
            continue
        between = text[mention[1] : figure.start]
        if NO_BINDING.search(between) or not BOUND_BEFORE.match(between):
            continue
        pair_before = DRUG_PAIR_BEFORE.search(text[max(0, mention[0] - 25) : mention[0]])
        earlier = [m for m in mentions if m[1] <= mention[0] and mention[0] - m[1] <= 25]
        partner = by_id.get(figure.partner)
        if pair_before and earlier and partner is not None and partner.start > figure.start:
            # "alectinib versus crizotinib: 34.8 vs 10.9": the pairs are in the same order.
            figure.drug, figure.arm = earlier[-1][2], earlier[-1][3]
            partner.drug, partner.arm = mention[2], mention[3]
            continue
        if pair_before and earlier:
            continue
        figure.drug, figure.arm = mention[2], mention[3]
    for figure in values:
        partner = by_id.get(figure.partner)
        if partner is None or partner.start < figure.start:
            continue
        if partner.drug or partner.arm or figure.drug or figure.arm:
            continue
        # "alectinib ... compared to crizotinib (12% vs 45%)": the pair follows the order of the names.
        named = {}
        for m in mentions:
            if m[1] <= figure.start:
                named.setdefault(m[3] or m[2], (m[2], m[3]))
        if len(named) == 2:
            (figure.drug, figure.arm), (partner.drug, partner.arm) = named.values()
    for figure in values:
        partner = by_id.get(figure.partner)
        if partner is not None and (partner.drug or partner.arm) and not (figure.drug or figure.arm):
            figure.arm = "other:" + (partner.drug or partner.arm)


def _endpoint(text, figure, endpoints):
    # "60% vs 8% were free of progression (HR 0.19), and the risk of growth in the brain was lower
    # (HR 0.06)", "responses lasted 18.3 months, where 72% responded": a figure takes the endpoint of its own
    # coordinated clause first.
    joins = [m.end() for m in CLAUSE_JOIN.finditer(text, 0, figure.start)]
    if joins:
        own = [name for start, name in endpoints if joins[-1] <= start < figure.start]
        if own:
            return own[-1]
        following = CLAUSE_JOIN.search(text, figure.end)
        own_end = following.start() if following else len(text)
        own = [name for start, name in endpoints if figure.end <= start < own_end]
        if own:
            return own[0]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, figure.start)]
    clause_start = breaks[-1] if breaks else 0
    before = [name for start, name in endpoints if clause_start <= start < figure.start]
    if before:
        return before[-1]
    following = CLAUSE_BREAK.search(text, figure.end)
    clause_end = following.start() if following else len(text)
    after = [name for start, name in endpoints if figure.end <= start < clause_end]
    return after[0] if after else ""


IN_THE_BRAIN = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:in|to|into|within|inside)\s+the\s+(?:brain|CNS|central\s+nervous\s+system)\b"
    r"|\s+(?:intracranially|in\s+the\s+head)\b",
    re.IGNORECASE,
)


def _in_the_brain(text, match):
    """ "risk of progression in the brain", "kept the cancer from growing in the brain": CNS, not PFS."""
    if match.lastgroup == "pfs" and IN_THE_BRAIN.match(text, match.end()):
        return "cns_progression"
    return match.lastgroup


def _endpoint_before(text, figure, endpoints):
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, figure.start)]
    clause_start = breaks[-1] if breaks else 0
    before = [name for start, name in endpoints if clause_start <= start < figure.start]
    return before[-1] if before else ""


def _clause(text, figure):
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, figure.start)]
    following = CLAUSE_BREAK.search(text, figure.end)
    return text[breaks[-1] if breaks else 0 : following.start() if following else len(text)]


def _groups(text, figures):
    """Number the claims: a pair and the hazard ratio or ratio that follows it form one."""
    by_id = {id(f): f for f in figures}
    group = 0
    previous = None
    for figure in figures:
        partner = by_id.get(figure.partner)
        joined = previous is not None and (
            (partner is not None and partner is previous)
            or (
                figure.kind in ("hr", "ratio")
                and previous.kind not in ("hr", "ratio")
                and len(text[previous.end : figure.start]) < 40
                and not STOP.search(text, previous.end, figure.start)
            )
        )
        if not joined:
            group += 1
        figure.group = group
        previous = figure


def read_figures(sentence, skip=(), arms=None):
    """Figures of one sentence, in reading order. `skip`: spans that hold no figures (names)."""
    text = digits(sentence.text)
    if not DIGIT.search(text) and not RATIO.search(text):
        return text, []
    figures, taken = [], []
    _hazard_ratios(text, figures, taken)
    _ratios(text, figures, taken)
    _values(text, figures, taken, list(skip))
    if not figures:
        return text, []
    figures.sort(key=lambda f: f.start)
    values = [f for f in figures if f.kind in ("%", "months")]
    endpoints = [(m.start(), _in_the_brain(text, m)) for m in ENDPOINTS.finditer(text)]
    _pairs(text, values, endpoints)
    _bind(text, values, _mentions(text, sentence, arms or {}))
    if sentence.subject:
        # A table cell: its column's drug.
        for figure in values:
            if not (figure.drug or figure.arm) and figure.partner is None:
                figure.drug = sentence.subject
    stage = STAGE.search(text)
    population = _stage(stage.group("stage")) if stage else ""
    analyses = [(m.start(), m.lastgroup) for m in ANALYSES.finditer(text)]
    assessors = [(m.start(), m.lastgroup) for m in ASSESSORS.finditer(text)]
    by_id = {id(f): f for f in figures}
    _groups(text, figures)
    analysis_of = _attach(text, figures, analyses)
    assessor_of = _attach(text, figures, assessors)
    for figure in figures:
        figure.endpoint = _endpoint(text, figure, endpoints)
        analysis = analysis_of.get(figure.group, "")
        figure.analyses = frozenset(ANALYSIS_SETS[analysis]) if analysis else frozenset()
        figure.assessor = assessor_of.get(figure.group, "")
        figure.population = population
        if figure.kind == "%":
            figure.timepoint = timepoint_months(_clause(text, figure))
    for figure in figures:
        partner = by_id.get(figure.partner)
        if partner is not None:
            figure.endpoint = figure.endpoint or partner.endpoint
            figure.timepoint = figure.timepoint or partner.timepoint
    for figure in figures:
        if figure.kind in ("hr", "ratio") and not figure.endpoint:
            own = [f for f in figures if f.group == figure.group and f.endpoint]
            if own:
                figure.endpoint = own[0].endpoint
    return text, figures


def _attach(text, figures, mentions):
    """{group: mention name}: "34.8 vs 10.9 months in the updated analysis" goes back to its figures,
    "In the primary analysis, ..." forward to the next ones."""
    attached = {}
    for start, name in mentions:
        previous = [f for f in figures if f.end <= start]
        following = [f for f in figures if f.start >= start]
        backward = previous and SAME_CLAUSE.fullmatch(text, previous[-1].end, start)
        if backward or not following:
            if previous:
                attached.setdefault(previous[-1].group, name)
        else:
            attached[following[0].group] = name
    return attached


def _stage(words):
    """ "II-IIIA", "II to IIIA" -> "II-IIIA"."""
    return re.sub(r"\s*(?:-|–|to|through)\s*", "-", words.strip()).upper()


def stage_of(label):
    match = STAGE.search(label) or re.search(r",\s*(?:stage\s+)?(?P<stage>[IV]+[A-C]?-[IV]+[A-C]?)\b", label)
    return _stage(match.group("stage")) if match else ""
