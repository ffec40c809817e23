"""Typos in headings and boilerplate ("Prescripttion", "Conatact").

A word is flagged only when it is in neither word list and lies one or two letters
from an ordinary English word, so names the lists do not know (a town, a trial) pass.
"""

import re
from functools import cache
from pathlib import Path

from .findings import WARNING, Finding

HERE = Path(__file__).parent
WORD = re.compile(r"[A-Za-z][A-Za-z’']*[A-Za-z]|[A-Za-z]")


def _read(path):
    with open(path, encoding="utf-8") as lines:
        return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


@cache
def english_words():
    return frozenset(_read(HERE / "english_words.txt"))


@cache
def medical_words():
    return frozenset(_read(HERE / "medical_words.txt"))


@cache
def _by_start_and_length():
    buckets = {}
    for word in english_words():
        buckets.setdefault((word[0], len(word)), []).append(word)
    return buckets


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edits1(word):
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    yield from (a + b[1:] for a, b in splits if b)
    yield from (a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    yield from (a + c + b[1:] for a, b in splits if b for c in LETTERS)
    yield from (a + c + b for a, b in splits for c in LETTERS)


def _distance(a, b, limit):
    """Edit distance with transpositions, or limit + 1 once it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@cache
def suggestion(word):
    """The English word this one is probably a misspelling of, or ""."""
    words = english_words()
    for candidate in _edits1(word):
        if candidate in words:
            return candidate
    if len(word) < 8:
        return ""
    buckets = _by_start_and_length()
    for length in range(len(word) - 2, len(word) + 3):
        for candidate in buckets.get((word[0], length), ()):
            if _distance(word, candidate, 2) <= 2:
                return candidate
    return ""


def _known(word, extra):
    lower = word.lower()
    for form in (lower, re.sub(r"[’']s$", "", lower), lower.rstrip("’'")):
        if form in english_words() or form in medical_words() or form in extra:
            return True
    return False


def spelling(page):
    extra = page.catalogue.medical_words
    for sentence in page.sentences:
        if not sentence.boilerplate:
            continue
        for match in WORD.finditer(sentence.text):
            word = match.group(0)
            # Abbreviations (NSCLC, US, MD) and short words are names more often than typos.
            if len(word) < 4 or word.isupper() or _known(word, extra):
                continue
            fix = suggestion(word.lower())
            if not fix:
                continue
            fix = fix.capitalize() if word[0].isupper() else fix
            yield Finding(
                "spelling",
                WARNING,
                f"“{word}” looks misspelt: did you mean “{fix}”?",
                sentence.location,
                sentence.text,
            )
