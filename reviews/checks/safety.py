"""Label safety figures in prose: contraception after the last dose, and side-effect rates.

- "Women should use contraception for 90 days after the last dose, and men for 45 days":
  each period is paired with the people it is given for (in the order both are written)
  and compared with the drug's recorded periods; a period that is the other group's is
  said to be swapped.
- "Liver damage proved fatal in about 1 in 100 patients": a side effect named by the
  label's name or its plain name, with a share of people, is compared with the recorded
  rate (or, beside "fatal", "died" or "deaths", the fatal rate). The share given to a
  drug with no record of that effect, when it is another page drug's recorded rate, is
  that drug's figure given to the wrong one.
A rounding of the recorded figure ("3%" for 2.9%) passes, and so does a rate said of a
named trial (the label's rate pools its studies).
"""

import re
from decimal import Decimal

from . import language
from .findings import ERROR, Finding
from .quantities import digits

CONTRACEPTION = re.compile(r"contracept|birth\s+control|pregnan|condom|father\s+a\s+child", re.IGNORECASE)
WHO = re.compile(r"\b(?P<female>women|woman|females?|girls?)\b|\b(?P<male>men|man|males?|boys?)\b", re.IGNORECASE)
PERIOD = re.compile(r"\b(?P<n>\d+)\s*(?P<unit>days?|weeks?|months?)\b", re.IGNORECASE)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
WHO_NAMES = {"female": "women", "male": "men"}
SHARE = re.compile(
    r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*%"
    r"|(?<![\d.])(?P<part>\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<whole>\d{1,3}(?:,\d{3})*)\b"
)
MAYBE_SHARE = re.compile(r"%|\b(?:in|out\s+of)\s+(?:every\s+)?(?:\d|ten|five|four|three|two|a\s+hundred|a\s+thousand)")
FATAL = re.compile(r"\b(?:fatal\w*|died|deaths?|killed|lethal)\b", re.IGNORECASE)
# Words of a side effect's name too common to say which effect is meant.
COMMON_WORDS = {
    "severe",
    "serious",
    "change",
    "changes",
    "disease",
    "damage",
    "problems",
    "interval",
    "heart",
    "with",
    "from",
    "that",
    "electrical",
    "rhythm",
    # Words of the cancer itself: "1-2% of lung cancers" is no rate of lung inflammation.
    "lung",
    "lungs",
    "cancer",
    "cancers",
}
# Where a share's own stretch of text ends: "72% responded, and about 1-2% of lung cancers are ...".
STRETCH_BREAK = re.compile(r";|\.\s|,\s*(?:and|but|while|whereas|although)\b|\s[—–]\s", re.IGNORECASE)


def _days(match):
    unit = match.group("unit").lower().rstrip("s")
    return int(match.group("n")) * UNIT_DAYS[unit]


def _subject(page, sentence):
    """The drug a sentence speaks of: the first one it names, else the page's."""
    own = [slug for _, slug in sentence.drugs]
    return own[0] if own else page.main_drug


def contraception(page):
    catalogue = page.catalogue
    for sentence in page.sentences:
        text = sentence.text
        if not CONTRACEPTION.search(text) or not PERIOD.search(text):
            continue
        slug = _subject(page, sentence)
        drug = catalogue.drugs.get(slug)
        if not drug or not drug.contraception:
            continue
        whos = [("female" if m.group("female") else "male") for m in WHO.finditer(text)]
        periods = list(PERIOD.finditer(text))
        if not whos or len(whos) != len(periods):
            continue
        for who, period in zip(whos, periods, strict=True):
            recorded = drug.contraception.get(who)
            said = _days(period)
            if recorded is None or abs(said - recorded) <= (2 if period.group("unit").startswith("month") else 0):
                continue
            others = [w for w, days in drug.contraception.items() if w != who and days == said]
            swapped = f" ({said} days is the period for {WHO_NAMES[others[0]]})" if others else ""
            recorded_all = "; ".join(f"{WHO_NAMES[w]} {d} days" for w, d in sorted(drug.contraception.items()))
            yield Finding(
                "safety-figure",
                ERROR,
                f"claim: {WHO_NAMES[who]} need contraception for {period.group(0)} after the last dose of "
                f"{drug.name}; data: {recorded} days{swapped}. Recorded: {recorded_all}.",
                sentence.location,
                text,
            )
            break


def _share(match):
    """The percentage "2.9%" or "1 in 1,000" stands for."""
    if match.group("n"):
        return Decimal(match.group("n"))
    whole = Decimal(match.group("whole").replace(",", ""))
    part = Decimal(match.group("part"))
    return (part * 100 / whole).quantize(Decimal("0.01")).normalize() if whole and part < whole else None


def _keywords(effect):
    words = re.findall(r"[a-z]{4,}", effect.names.lower())
    return {w for w in words if w not in COMMON_WORDS}


def _matches(said, recorded):
    if recorded is None:
        return False
    recorded = Decimal(recorded)
    return abs(said - recorded) <= Decimal("0.05") or said == recorded.quantize(Decimal("1"))


def side_effect_rates(page):
    catalogue = page.catalogue
    drugs = [catalogue.drugs[s] for s in page.drug_slugs if s in catalogue.drugs]
    if not any(d.side_effects for d in drugs):
        return
    named = re.compile(
        r"\b(?:" + "|".join(sorted({w for d in drugs for e in d.side_effects for w in _keywords(e)})) + ")",
        re.IGNORECASE,
    )
    for sentence in page.sentences:
        text = sentence.text
        # A trial's own rate ("vision disorders in 71% in PROFILE 1014") is not the label's.
        if sentence.trials or not MAYBE_SHARE.search(text) or not named.search(text):
            continue
        read = digits(text)
        spans = [(m.start(), m.end()) for m in SHARE.finditer(read)]
        shares = [
            (_share(m), _fatal(text, m.start(), m.end(), spans), m.start(), m.end()) for m in SHARE.finditer(read)
        ]
        shares = [share for share in shares if share[0] is not None]
        if not shares:
            continue
        slug = _subject(page, sentence)
        subject = catalogue.drugs.get(slug)
        if not subject:
            continue
        for said, fatal, start, end in shares:
            # The effect a share is a rate of, and the drug it is a rate of, are named in the share's own
            # stretch of the sentence: "... more manageable than crizotinib's rate of vision disorders (over 60%)".
            lo, hi = _stretch(read, start, end)
            own = [slug for at, slug in sentence.drugs if lo <= at < end and slug in catalogue.drugs]
            share_subject = catalogue.drugs[own[-1]] if own else subject
            yield from _judge_share(sentence, read[lo:hi].lower(), share_subject, drugs, said, fatal)


def _stretch(text, start, end):
    breaks_before = [m.end() for m in STRETCH_BREAK.finditer(text, max(0, start - 100), start)]
    lo = breaks_before[-1] if breaks_before else max(0, start - 100)
    after = STRETCH_BREAK.search(text, end, end + 80)
    hi = after.start() if after else min(len(text), end + 80)
    return lo, hi


def _fatal(text, start, end, spans=()):
    """Whether the share at text[start:end] counts deaths: "fatal" in its own stretch between commas, and
    nearer to this share than to any other ("occurs in 2.9% and is fatal in 0.5%": only 0.5% counts deaths)."""
    lo = max(text.rfind(",", 0, start), text.rfind(";", 0, start)) + 1
    stops = [i for i in (text.find(",", end), text.find(";", end)) if i != -1]
    hi = min(stops) if stops else len(text)
    for found in FATAL.finditer(text, lo, hi):
        if language.negation(text, found.start()):
            continue

        def gap(span, found=found):
            return max(span[0] - found.end(), found.start() - span[1], 0)

        others = [span for span in spans if span != (start, end) and lo <= span[0] < hi]
        if all(gap((start, end)) <= gap(span) for span in others):
            return True
    return False


def _judge_share(sentence, lower, subject, drugs, said, fatal):
    text = sentence.text
    for drug in [subject] + [d for d in drugs if d is not subject]:
        named = [e for e in drug.side_effects if any(re.search(rf"\b{w}", lower) for w in _keywords(e))]
        if len(named) != 1:
            continue
        effect = named[0]
        recorded = effect.fatal_rate if fatal else effect.rate
        if recorded is None:
            continue
        what = "fatal in" if fatal else "seen in"
        if drug is subject and not _matches(said, recorded):
            yield Finding(
                "safety-figure",
                ERROR,
                f"claim: {effect.names} {what} {said}% of people taking {drug.name}; data: the label gives "
                f"{recorded}%.",
                sentence.location,
                text,
            )
        elif (
            drug is not subject
            and _matches(said, recorded)
            and not any(any(re.search(rf"\b{w}", lower) for w in _keywords(e)) for e in subject.side_effects)
        ):
            yield Finding(
                "safety-figure",
                ERROR,
                f"claim: {effect.names} {what} {said}% of people taking {subject.name}; data: {said}% is "
                f"{drug.name}'s figure ({effect.names}), and none is recorded for {subject.name}.",
                sentence.location,
                text,
            )
        break
