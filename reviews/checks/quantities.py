"""Numbers written in words, rewritten as digits without moving anything else in the text.

`digits(text)` returns a string of the same length in which "three out of four" reads
"75%", "two hundred milligrams" reads "200 mg" and "sixfold" reads "6-fold", each padded
with spaces to the length of the words it replaces. Positions found in the original
sentence (its drugs, trials and biomarkers) therefore stay valid in the rewritten one, and
the figure and dose parsers only ever deal with digits.
"""

import re
from functools import lru_cache

SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Denominators of "three out of four", "two-thirds", "one in five".
PARTS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
MULTIPLIERS = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4, "halved": 0.5}

_SMALL = "|".join(sorted(SMALL, key=len, reverse=True))
_TENS = "|".join(TENS)
# "two hundred and fifty", "twenty-four", "seven": a whole number up to 999 in words.
NUMBER_WORDS = (
    rf"(?:(?:{_SMALL})\s+hundred(?:\s+(?:and\s+)?(?:(?:{_TENS})(?:[\s-](?:{_SMALL}))?|{_SMALL}))?"
    rf"|(?:{_TENS})(?:[\s-](?:{_SMALL}))?|{_SMALL})"
)
NUMBER = rf"(?:\d+(?:\.\d+)?|{NUMBER_WORDS})"
# "a third-generation inhibitor", "a fourth line of treatment": an ordinal, not a fraction.
ORDINAL_USE = (
    r"-[a-z]|\s+(?:generation|line|dose|cycle|time|drug|medicine|option|treatment|therapy|inhibitor|TKI|approval"
    r"|trial|study|analysis|year|month|week|day|place)s?\b"
)
FRACTION = re.compile(
    rf"\b(?P<count>a|an|one|{NUMBER_WORDS}|\d+)[\s-]+(?P<part>{'|'.join(PARTS)})\b(?!{ORDINAL_USE})"
    rf"|\b(?P<n>{NUMBER})\s+(?:out\s+of|in)\s+(?:every\s+)?(?P<d>{NUMBER})\b"
    r"(?!\s*(?:%|per\s*cent|percent|months?|years?|weeks?|days?|mg|patients\s+(?:had|were)\s+\d))",
    re.IGNORECASE,
)
MAYBE_FRACTION = re.compile(r"half|halves|third|quarter|fourth|fifth|tenth|\sout\s+of\s|\sin\s+(?:every\s+)?[\dotfsen]")
FOLD = re.compile(rf"\b(?P<n>{NUMBER_WORDS})[\s-]?fold\b", re.IGNORECASE)
WORDS = re.compile(rf"\b{NUMBER_WORDS}\b", re.IGNORECASE)
MILLIGRAMS = re.compile(r"\bmilligrams?\b", re.IGNORECASE)
# "four and a half years", "2 and a half months", "a year and a half".
AND_A_HALF = re.compile(rf"\b(?P<n>{NUMBER_WORDS}|\d+)\s+and\s+a\s+half\b", re.IGNORECASE)
YEAR_AND_A_HALF = re.compile(r"\b(?:a|one)\s+(?P<unit>year|month)\s+and\s+a\s+half\b", re.IGNORECASE)
ANY_WORD_NUMBER = re.compile(
    rf"\b(?:{_SMALL}|{_TENS}|hundred|half|halves|thirds?|quarters?|fifths?|tenths?|milligrams?|\w+fold)\b",
    re.IGNORECASE,
)
# "one" that is a pronoun or part of a name, not a count: "one of several", "no one".
NOT_A_COUNT = re.compile(r"\b(?:no|any|every|some|each|the|this|that|which)\s+$", re.IGNORECASE)


def value(words):
    """The number "twenty-four" or "2.5" stands for, or None."""
    words = words.lower().strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words)
    if words in ("a", "an"):
        return 1
    total = 0
    for part in re.split(r"[\s-]+", words.replace(" and ", " ")):
        if part in SMALL:
            total += SMALL[part]
        elif part in TENS:
            total += TENS[part]
        elif part == "hundred":
            total = (total or 1) * 100
        elif part:
            return None
    return total


def _number(n):
    return f"{n:g}" if float(n) != int(n) else str(int(n))


def _percent(fraction):
    percent = round(fraction * 100, 1)
    return _number(percent) + "%"


def _fit(replacement, length):
    return replacement.ljust(length) if len(replacement) <= length else None


GLOSSED = re.compile(r"[^()\d.;]{0,40}\(\s*\d+(?:\.\d+)?\s*(?:%|per\s*cent)")


@lru_cache(maxsize=4096)
def digits(text):
    """`text` with numbers in words as digits, the same length as `text`."""
    if not ANY_WORD_NUMBER.search(text):
        return text
    chars = list(text)
    taken = []

    def put(start, end, replacement):
        fitted = _fit(replacement, end - start)
        if fitted is None or any(s < end and start < e for s, e in taken):
            return
        chars[start:end] = fitted
        taken.append((start, end))

    lower = text.lower()
    if "and a half" in lower:
        for match in YEAR_AND_A_HALF.finditer(text):
            put(match.start(), match.end(), f"1.5 {match.group('unit').lower()}s")
        for match in AND_A_HALF.finditer(text):
            n = value(match.group("n"))
            if n is not None:
                put(match.start(), match.end(), f"{_number(n)}.5")
    fractions = FRACTION.finditer(text) if MAYBE_FRACTION.search(lower) else ()
    # "About half of people on chemotherapy (45%)": the share in brackets is the figure, the words its gloss.
    fractions = [m for m in fractions if not GLOSSED.match(text, m.end())]
    for match in fractions:
        if match.group("part"):
            count = value(match.group("count"))
            part = match.group("part").lower()
            if count is None or (part.startswith("half") and count != 1):
                continue
            put(match.start(), match.end(), _percent(count / PARTS[part]))
        else:
            n, d = value(match.group("n")), value(match.group("d"))
            if n is None or not d or n >= d or d > 100:
                continue
            put(match.start(), match.end(), _percent(n / d))
    for match in re.finditer(
        r"\bhalf\b(?=\s+(?:of\s+)?(?:the\s+|all\s+)?(?:people|patients|participants|those))", text
    ):
        if not GLOSSED.match(text, match.end()):
            put(match.start(), match.end(), "50%")
    for match in FOLD.finditer(text):
        n = value(match.group("n"))
        if n is not None:
            put(match.start(), match.end(), f"{_number(n)}-fold")
    for match in WORDS.finditer(text):
        if match.group(0).lower() == "one" and NOT_A_COUNT.search(text[: match.start()]):
            continue
        n = value(match.group(0))
        if n is not None:
            put(match.start(), match.end(), _number(n))
    for match in MILLIGRAMS.finditer(text):
        put(match.start(), match.end(), "mg")
    return "".join(chars)
