"""The language layer: sentences, clauses, negation, time, hedges and numbers in prose.

Checks read prose through these functions instead of writing their own regular
expressions for "not", "before 2019" or "about 72%". Everything is rule-based and
offline (pysbd for hard sentence boundaries, text2num for numbers written in words);
nothing downloads a model. Positions are character offsets into the string passed in.

API
---
``normalize(text) -> str``
    The same text, same length, with look-alike characters unified: every hyphen
    (U+2010, non-breaking U+2011, U+2012, minus U+2212, an en dash between two letters or
    digits) becomes "-", non-breaking and thin spaces become " ", curly apostrophes "'".
    Offsets found in the result are valid in the input.
``strip_invisible(text) -> str``
    Removes soft hyphens and zero-width characters (changes length: use before anything else).
``split_sentences(paragraph) -> list[str]``
    Sentences of one paragraph. Plain boundaries ("word. Next") are cut at once; a
    paragraph with a possible abbreviation ("Aug. 2019", "U.S. FDA", "vs. 10.9") is
    handed to pysbd, whose rules know them. Results are cached.
``clauses(text) -> tuple[tuple[int, int], ...]``
    Spans of the clauses of a sentence: cut at ";", dashes, ":" and at ", but / while /
    whereas / although / though / which / and (before a new subject)".
``clause_at(text, position) -> tuple[int, int]``
    The clause span holding `position`.
``negation(text, position) -> str``
    The negation governing the word at `position`, or "": a negator before it in its clause
    ("not", "n't", "never", "no longer", "neither", "nor", "without", "rather than",
    "instead of"; its scope ends at a comma, and "with or without" is none), or a
    judgement on the whole clause after it ("calling it X would be out of date", "it is
    wrong to say X").
``Time`` and ``time_of(text, start=0, end=None, today=None) -> Time``
    The time a stretch of text speaks of. ``Time.relation`` is "present", "past" (past
    tense, no date), "before", "until", "since", "after", "in" (a year or month or day)
    or "future"; ``lo``/``hi`` bound the date or period named; ``phrase`` is the words.
    A date needs a word that says how it is meant ("in 2016", "until mid-2019", "Until X
    was approved in 2023, ..."); a bare year is a label ("approved 2016"), not a time. Of
    "from 2016 until 2019" the end counts. ``Time.point(own_start, today)`` gives the one
    date at which to judge a claim (for "in 2016" the day it could first hold).
``date_relation(text, position) -> str``
    How the date at `position` is used: "in", "before", "until", "since" or "after".
``tense(text, start=0, end=None) -> str``
    "present", "past", "future" or "" from the verbs of that stretch.
``hedge(text, position) -> str``
    An approximation or hedge word right before `position` ("about", "over", "up to",
    "may", "arguably"), or "".
``numbers(text) -> list[Number]``
    Every number with its span, in digits ("72", "0.43", "1,200") or words ("seventy-two",
    "three", "a single"); ``Number.value`` is a float, ``Number.words`` tells which.
``ordinal(word) -> int | None``
    "first" -> 1, "2nd" -> 2 ...
``dates(text) -> list[tuple[int, int, date, date]]``
    Every date or period named: "2019-08-15", "August 15, 2019", "15 August 2019",
    "Aug. 2019", "2019"; each with the first and last day it can mean.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

try:
    import pysbd
except ImportError:  # pragma: no cover - requirements.txt installs it
    pysbd = None
try:
    from text_to_num import text2num
except ImportError:  # pragma: no cover - requirements.txt installs it
    text2num = None

# -- characters ----------------------------------------------------------------------

INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
SAME_LENGTH = {
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2212": "-",
    "\u2043": "-",
    "\ufe63": "-",
    "\uff0d": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
}
LOOK_ALIKE = re.compile("[" + "".join(SAME_LENGTH) + "]")
EN_DASH_IN_WORD = re.compile(r"(?<=\w)\u2013(?=\w)")


def strip_invisible(text):
    return text if text.isascii() else INVISIBLE.sub("", text)


def normalize(text):
    if text.isascii():
        return text
    text = LOOK_ALIKE.sub(lambda m: SAME_LENGTH[m.group(0)], text)
    return EN_DASH_IN_WORD.sub("-", text)


# -- sentences -----------------------------------------------------------------------

BOUNDARY = re.compile(r"[.!?]+[\"”')\]]*\s+")
ABBREVIATIONS = {
    "vs",
    "v",
    "e.g",
    "i.e",
    "etc",
    "al",
    "approx",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "fig",
    "figs",
    "no",
    "nos",
    "vol",
    "pp",
    "p",
    "cf",
    "ca",
    "inc",
    "ltd",
    "co",
    "jr",
    "sr",
    "ref",
    "refs",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mo",
    "mos",
    "yr",
    "yrs",
    "wk",
    "wks",
    "u.s",
    "u.k",
    "e.u",
}
LAST_TOKEN = re.compile(r"([\w.]+)$")
_segmenter = None


def _pysbd(paragraph):
    global _segmenter
    if _segmenter is None:
        _segmenter = pysbd.Segmenter(language="en", clean=False)
    return [s.strip() for s in _segmenter.segment(paragraph)]


@lru_cache(maxsize=4096)
def _split(paragraph):
    pieces, start = [], 0
    for match in BOUNDARY.finditer(paragraph):
        token = LAST_TOKEN.search(paragraph, 0, match.start())
        word = token.group(1).lower() if token else ""
        following = paragraph[match.end() : match.end() + 1]
        ambiguous = (
            word in ABBREVIATIONS
            or (len(word) == 1 and word.isalpha())
            or ("." in word and not re.fullmatch(r"[\d.]+", word))
        )
        if ambiguous and paragraph[match.start()] == ".":
            if pysbd is not None:
                return tuple(p for p in _pysbd(paragraph) if p)
            continue
        if following and not (following.isupper() or following.isdigit() or following in "\"“'(["):
            continue
        pieces.append(paragraph[start : match.end()].strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return tuple(p for p in pieces if p)


def split_sentences(paragraph):
    return list(_split(paragraph))


# -- clauses -------------------------------------------------------------------------

CLAUSE_BREAK = re.compile(
    r"\s*[;:—–]\s*|\s+-\s+|,\s*(?=(?:but|while|whereas|although|though|yet|which|who|so)\b)"
    r"|\s+(?=(?:but|whereas|although)\b)",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def clauses(text):
    spans, start = [], 0
    for match in CLAUSE_BREAK.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans) or ((0, len(text)),)


def clause_at(text, position):
    for start, end in clauses(text):
        if start <= position < end:
            return start, end
    return 0, len(text)


# -- negation ------------------------------------------------------------------------

NEGATOR = re.compile(
    r"\b(?:not|never|no\s+longer|neither|nor|without|rather\s+than|instead\s+of|cannot|none)\b|n't\b"
    # "It has no place in ROS1-positive cancer", "of no use in", "no role for".
    r"|\b(?:has|have|had|is|are|plays?|with)\s+no\s+(?:\w+\s+)?(?:place|role|use|part|activity)\b|\bof\s+no\s+use\b",
    re.IGNORECASE,
)
# A judgement on the whole clause: "calling it the only option would be out of date".
DISOWNED = re.compile(
    r"\b(?:would|will|is|was|are|were|be|seems?|sounds?)\s+(?:\w+\s+){0,2}?"
    r"(?:out\s+of\s+date|outdated|wrong|incorrect|inaccurate|misleading|untrue|false|a\s+mistake|no\s+longer\s+true"
    r"|obsolete|a\s+myth|mistaken)\b"
    r"|\b(?:it\s+is|it's|it\s+was)\s+(?:\w+\s+)?(?:wrong|incorrect|inaccurate|misleading|untrue|false|outdated)\s+to\b"
    r"|\b(?:no\s+longer|not)\s+(?:true|accurate|correct|the\s+case)\b"
    r"|\b(?:myth|misconception)\s+that\b"
    # "... that was true before August 2019 but not today": true once, disowned now.
    r"|\bbut\s+not\s+(?:today|now|any\s*more|any\s+longer|since)\b"
    # "No one should assume, whatever older leaflets say, that X is the only ...": the claim is disowned.
    r"|\b(?:no\s+one|nobody|never|(?:do|does|did|should|must)\s+not|(?:do|does|did|should|must)n[’']t)\s+"
    r"(?:\w+\s+){0,2}?(?:assume|think|believe|suppose|imagine|conclude|be\s+told)\b"
    r"|\b(?:it\s+is|it's|it\s+was|it\s+would\s+be)\s+(?:\w+\s+)?(?:a\s+mistake|an\s+error|a\s+myth)\s+to\b",
    re.IGNORECASE,
)

CHANGED = re.compile(r"\bno\s+longer\b|\bany\s*more\b", re.IGNORECASE)


def negation(text, position):
    start, end = clause_at(text, position)
    before = text[start:position]
    found = ""
    for match in NEGATOR.finditer(before):
        # A negator's scope ends at a comma: "with or without an earlier medicine, approved in 2023".
        if "," in before[match.end() :] or re.search(r"with\s+or\s+$", before[: match.start()], re.IGNORECASE):
            continue
        found = match.group(0)
    if found:
        return found.lower()
    disowned = DISOWNED.search(text, start, end) or DISOWNED.search(text)
    # "Until 2019 X was the only one; that is no longer the case": a change since, not a denial of the past.
    if (
        disowned
        and not start <= disowned.start() < end
        and CHANGED.search(disowned.group(0))
        and time_of(text, start, end).relation in ("past", "until", "before", "in")
    ):
        return ""
    return disowned.group(0).lower() if disowned else ""


# -- reported speech -----------------------------------------------------------------

# "You may read online that ...", "some leaflets still claim ...", "people often assume X is ...": a claim
# reported from others (but not "As older leaflets say, X is ...", which endorses it).
REPORTED = re.compile(
    r"\b(?:read|hear|heard|see|seen|find|told|tell|tells|say|says|said|claim|claims|claimed|suggest|suggests"
    r"|suggested|believe|believes|believed|assume|assumes|assumed|think|thinks|thought|state|states|stated)"
    r"\s+(?:\w+\s+){0,3}?that\b"
    r"|\b(?:assume|assumes|assumed|believe|believes|believed|think|thinks|claim|claims|claimed|say|says|said"
    r"|suggest|suggests|suggested)\b(?!\s+(?:to|about|of|so|no|yes)\b)"
    r"|\b(?:it\s+is|it's|it\s+was)\s+(?:often|sometimes|widely|commonly)\s+(?:said|claimed|believed|assumed)\b",
    re.IGNORECASE,
)


def reported(text, position):
    """Whether the words at `position` are reported from others rather than stated ("Some headlines said X")."""
    frame = REPORTED.search(text, 0, position)
    return bool(frame) and not re.match(r"\s*as\b", text, re.IGNORECASE)


# -- numbers -------------------------------------------------------------------------

NUMBER_WORD = (
    r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|hundred|thousand|million"
)
WORDS_NUMBER = re.compile(
    rf"\b(?:{NUMBER_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{NUMBER_WORD}))*\b|\ba\s+single\b|\ba\s+dozen\b|\bhalf\b",
    re.IGNORECASE,
)
DIGITS_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])\d+(?:\.\d+)?")
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: float
    words: bool


def _word_value(words):
    lower = re.sub(r"\s+", " ", words.lower())
    special = {"a single": 1, "a dozen": 12, "half": 0.5}
    if lower in special:
        return special[lower]
    if text2num is None:  # pragma: no cover
        return None
    try:
        return text2num(lower.replace(" and ", " "), "en")
    except ValueError:
        return None


def numbers(text):
    found = []
    for match in DIGITS_NUMBER.finditer(text):
        found.append(Number(match.start(), match.end(), float(match.group(0).replace(",", "")), False))
    for match in WORDS_NUMBER.finditer(text):
        value = _word_value(match.group(0))
        if value is not None:
            found.append(Number(match.start(), match.end(), float(value), True))
    return sorted(found, key=lambda n: n.start)


def ordinal(word):
    lower = word.lower()
    if lower in ORDINALS:
        return ORDINALS[lower]
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", lower)
    return int(match.group(1)) if match else None


# -- hedges --------------------------------------------------------------------------

HEDGE = re.compile(
    r"(?:\b(?:around|about|approximately|approx\.?|roughly|nearly|almost|over|more\s+than|exceeding|under"
    r"|less\s+than|up\s+to|close\s+to|some|at\s+least|at\s+most|may|might|could|arguably|probably|possibly"
    r"|likely|perhaps|reportedly)|~|≈)\s*$",
    re.IGNORECASE,
)


def hedge(text, position):
    match = HEDGE.search(text[max(0, position - 30) : position])
    return match.group(0).strip().lower() if match else ""


# -- dates and time ------------------------------------------------------------------

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
DATE = re.compile(
    rf"(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)(?:-(?P<id>\d\d))?\b)"
    rf"|(?P<mdy>\b(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>(?:19|20)\d\d)\b)"
    rf"|(?P<dmy>\b(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH})\s+(?P<y2>(?:19|20)\d\d)\b)"
    rf"|(?P<my>\b(?P<m3>{MONTH})\s+(?:of\s+)?(?P<y3>(?:19|20)\d\d)\b)"
    rf"|(?P<y>(?<![\d.v/])(?<!\d-)(?P<y4>(?:19|20)\d\d)(?![\d]|\.\d))",
    re.IGNORECASE,
)


def _month(word):
    return MONTHS[word.lower().rstrip(".")]


YEAR_HINT = re.compile(r"(?:19|20)\d\d")


def dates(text):
    found = []
    if not YEAR_HINT.search(text):
        return found
    for match in DATE.finditer(text):
        g = match.groupdict()
        try:
            if g["iso"]:
                year, month = int(g["iy"]), int(g["im"])
                if g["id"]:
                    day = datetime.date(year, month, int(g["id"]))
                    found.append((match.start(), match.end(), day, day))
                    continue
            elif g["mdy"] or g["dmy"]:
                year = int(g["y1"] or g["y2"])
                month, day = _month(g["m1"] or g["m2"]), int(g["d1"] or g["d2"])
                value = datetime.date(year, month, day)
                found.append((match.start(), match.end(), value, value))
                continue
            elif g["my"]:
                year, month = int(g["y3"]), _month(g["m3"])
            else:
                year = int(g["y4"])
                found.append((match.start(), match.end(), datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
                continue
            last = calendar.monthrange(year, month)[1]
            found.append((match.start(), match.end(), datetime.date(year, month, 1), datetime.date(year, month, last)))
        except (ValueError, KeyError):
            continue
    return found


@dataclass(frozen=True)
class Time:
    relation: str
    lo: datetime.date | None = None
    hi: datetime.date | None = None
    phrase: str = ""

    @property
    def historical(self):
        return self.relation not in ("present", "since", "future")

    def point(self, own_start=None, today=None):
        """The date at which a claim with this time is judged; own_start is when the claim could first hold."""
        today = today or datetime.date.today()
        if self.relation in ("present", "since", "future"):
            return today
        if self.relation in ("before", "until"):
            return (self.lo - datetime.timedelta(days=1)) if self.lo else today
        if self.relation == "after":
            return max(self.hi, own_start) if own_start and self.hi else (self.hi or today)
        if self.relation == "in":
            if own_start and self.lo <= own_start <= self.hi:
                return own_start
            return self.hi if own_start and own_start > self.hi else self.lo
        # Past tense without a date: at the time the claim could first hold.
        return own_start or today

    def describe(self):
        if self.relation == "present":
            return "today"
        if self.relation == "past":
            return "at the time"
        return self.phrase or self.relation


RELATION = re.compile(
    r"\b(?P<rel>before|prior\s+to|until|till|up\s+to|up\s+until|through|since|from|after|following|in|during|by"
    r"|as\s+of|as\s+at|of|on)\s+(?:the\s+(?:start|end|middle)\s+of\s+|early\s+|late\s+|mid-?)?$",
    re.IGNORECASE,
)
RELATION_NAMES = {
    "before": "before",
    "prior to": "before",
    "until": "until",
    "till": "until",
    "up to": "until",
    "up until": "until",
    "through": "in",
    "since": "since",
    "from": "since",
    "after": "after",
    "following": "after",
}
LEAD = re.compile(r"\b(until|till|before|after|since|prior\s+to|up\s+until|up\s+to)\b", re.IGNORECASE)
PRESENT_WORDS = re.compile(
    r"\b(?:today|now|currently|at\s+present|presently|still|remains?|remaining|nowadays|to\s+date|as\s+things\s+stand"
    r"|these\s+days|any\s+longer|anymore|no\s+longer)\b",
    re.IGNORECASE,
)
PAST_WORDS = re.compile(
    r"\b(?:at\s+the\s+time|back\s+then|then|originally|initially|formerly|used\s+to|at\s+first|for\s+a\s+time"
    # "once" as an adverb ("was once the only"), not as "when" ("once X has stopped working").
    r"|once(?!\s+(?:[\w']+\s+){0,3}?(?:has|have|is|are|stops?|stopped|fails?|failed|progress\w*)\b)"
    r"|for\s+years|for\s+a\s+(?:while|few\s+years|short\s+time)|at\s+one\s+(?:point|time|stage)|previously"
    r"|in\s+the\s+past|historically|in\s+those\s+days)\b",
    re.IGNORECASE,
)
PRESENT_VERB = re.compile(
    r"\b(?:is|are|am|remains?|stands?|has|have|represents?|holds?|exists?|counts?|offers?|provides?|'s)\b",
    re.IGNORECASE,
)
PAST_VERB = re.compile(
    r"\b(?:was|were|became|remained|stood|had|represented|held|came|won|gained|received|got|earned|did|used\s+to)\b",
    re.IGNORECASE,
)
FUTURE_VERB = re.compile(r"\b(?:will|shall|is\s+going\s+to|is\s+expected\s+to)\b", re.IGNORECASE)


PERIOD_END = re.compile(
    r"\b(?:from|between)\s+(?:\w+\.?\s+)?(?:19|20)\d\d\s*(?:to|and|through|-|–)\s*(?:\w+\.?\s+)?$", re.IGNORECASE
)


def tense(text, start=0, end=None):
    part = text[start:end]
    if FUTURE_VERB.search(part):
        return "future"
    past, present = PAST_VERB.search(part), PRESENT_VERB.search(part)
    if past and (not present or past.start() < present.start()):
        # "has been" / "have been" is present perfect: it still holds.
        if re.search(r"\b(?:has|have)\s+been\b", part, re.IGNORECASE):
            return "present"
        return "past"
    if present:
        return "present"
    return ""


def date_relation(text, position):
    """How a date at `position` is used: "in", "before", "until", "since" or "after" ("approved before 2019")."""
    relation = RELATION.search(text[max(0, position - 40) : position])
    return RELATION_NAMES.get(re.sub(r"\s+", " ", relation.group("rel").lower()), "in") if relation else "in"


def time_of(text, start=0, end=None, today=None):
    """The time the stretch text[start:end] speaks of (see Time)."""
    end = len(text) if end is None else end
    part = text[start:end]
    found = []
    for date_start, date_end, lo, hi in dates(part):
        relation = RELATION.search(part[:date_start])
        # "Until repotrectinib was approved in 2023, ...": the clause's lead word governs its date.
        segment_start = part.rfind(",", 0, date_start) + 1
        lead = LEAD.search(part, max(segment_start, date_start - 50), date_start)
        if lead:
            name, phrase = RELATION_NAMES[re.sub(r"\s+", " ", lead.group(1).lower())], part[lead.start(1) : date_end]
        elif relation:
            name = RELATION_NAMES.get(re.sub(r"\s+", " ", relation.group("rel").lower()), "in")
            phrase = part[relation.start() : date_end]
        elif PERIOD_END.search(part[:date_start]):
            # "From 2016 to 2019 crizotinib had no rival": the end of a period.
            name, phrase = "until", part[PERIOD_END.search(part[:date_start]).start() : date_end]
        else:
            # A bare year is a label ("approved 2016", "(2016)"), not the time of the claim.
            continue
        found.append(Time(name, lo, hi, phrase.strip()))
    if found:
        # "From 2016 until 2019": the end of the period is what a claim must hold up to.
        bounded = [t for t in found if t.relation in ("until", "before")]
        return (bounded or found)[0]
    verb_tense = tense(text, start, end)
    if verb_tense == "future":
        return Time("future", phrase="in future")
    present = PRESENT_WORDS.search(part)
    past = PAST_WORDS.search(part)
    if past and not present:
        return Time("past", phrase=past.group(0))
    if verb_tense == "past" and not present:
        return Time("past", phrase="past tense")
    return Time("present", phrase=present.group(0) if present else "")
