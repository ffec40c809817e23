"""Misspelt names anywhere, and typos in headings and boilerplate.

- A drug, brand, biomarker or trial name misspelt anywhere ("crizotnib", "Alecenza") is an
  error: a word that is no known word and lies one letter (two for long names) from a
  name the data knows. Short names are judged where the words around them say what they
  are: a trial's before "trial" or "study" ("the ALXE study"; a trial's name followed by
  "trail" too), a biomarker's before "-positive", "fusion", "mutation" ("AKL-positive",
  "ROSl fusion": swapped letters or a look-alike digit only, so other genes pass).
- A real word used wrongly in a heading ("Side affects", "you're oncologist") is a warning.
- Other typos in headings and boilerplate ("Prescripttion", "Conatact") are flagged only
  when the word is in neither word list and lies one or two letters from an ordinary
  English word. One letter from it, in a lower-case word of six letters or more or any
  word of eight or more, is an error; the rest (a short capitalised word may be a name
  the lists do not know: a town, a trial) are warnings.
"""

import re
from functools import cache
from pathlib import Path

from .findings import ERROR, WARNING, Finding

HERE = Path(__file__).parent
WORD = re.compile(r"[A-Za-z][A-Za-z’']*[A-Za-z]|[A-Za-z]")


def _read(path):
    with open(path, encoding="utf-8") as lines:
        return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


class SortedWords:
    """A sorted, lower-case word list searched in place: loading it costs one read, not a set of 75,000."""

    def __init__(self, text):
        body = text[text.find("\n", text.rfind("\n#")) + 1 :] if text.startswith("#") else text
        self.text = body

    def __contains__(self, word):
        if not word or "\n" in word:
            return False
        text, lo, hi = self.text, 0, len(self.text)
        while lo < hi:
            mid = (lo + hi) // 2
            start = text.rfind("\n", 0, mid) + 1
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            line = text[start:end]
            if line == word:
                return True
            if line < word:
                lo = end + 1
            else:
                hi = start
        return False

    def __iter__(self):
        return (word for word in self.text.split("\n") if word)


@cache
def english_words():
    with open(HERE / "english_words.txt", encoding="utf-8") as words:
        return SortedWords(words.read())


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


@cache
def _corrections(word):
    """Every listed word one edit from this one."""
    return frozenset(c for c in _edits1(word) if _listed(c))


def _known(word, extra):
    lower = word.lower()
    forms = (lower, re.sub(r"[’']s$", "", lower), lower.rstrip("’'"))
    return any(form in extra or _listed(form) or _inflected(form, extra) for form in forms)


# Regular inflections and spelling variants of a listed word: "reassessed", "titrating", "haematology",
# "tumours", "oedemas", "unrecorded". (suffix, what replaces it), tried in turn; the stem must be listed.
SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ier", "y"),
    ("iest", "y"),
    ("ily", "y"),
    ("iness", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ers", ""),
    ("er", ""),
    ("er", "e"),
    ("est", ""),
    ("ly", ""),
    ("ally", ""),
    ("ness", ""),
    ("ments", ""),
    ("ment", ""),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("able", ""),
    ("able", "e"),
    ("ity", ""),
    ("al", ""),
)
PREFIXES = ("un", "non", "re", "pre", "anti", "over", "under", "co", "sub", "multi", "post", "inter", "intra", "mis")
# British and American spellings of one word: "haemoglobin", "oesophagus", "tumour", "centre".
VARIANTS = (("ae", "e"), ("oe", "e"), ("our", "or"), ("tre", "ter"), ("ogue", "og"), ("yse", "yze"), ("ence", "ense"))


def _inflected(word, extra, depth=0):
    """Whether the word is a regular inflection, prefixed form or spelling variant of a listed word."""
    if len(word) < 5 or depth > 1:
        return False

    def known(stem):
        return len(stem) >= 3 and (stem in extra or _listed(stem) or _inflected(stem, extra, depth + 1))

    for suffix, replacement in SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)] + replacement
            if known(stem):
                return True
            # "titrated", "stopping": a doubled final consonant.
            # Only short stems double ("stop", "admit"): "targetted" is a misspelling of "targeted".
            if not replacement and 4 <= len(stem) <= 6 and stem[-1] == stem[-2] and known(stem[:-1]):
                return True
    for prefix in PREFIXES:
        if word.startswith(prefix) and known(word[len(prefix) :]):
            return True
    for british, american in VARIANTS:
        if british in word:
            variant = word.replace(british, american)
            if variant in extra or _listed(variant):
                return True
    return False


def _listed(word):
    return word in english_words() or word in medical_words()


# Real words used wrongly, as they appear in headings.
CONFUSED = [
    (re.compile(r"\bside[- ]affects?\b", re.IGNORECASE), "side effects"),
    (re.compile(r"\b(?:adverse|long[- ]term|common|serious)\s+affects\b", re.IGNORECASE), "effects"),
    (re.compile(r"\b(?:a|the|any)\s+(?:missed\s+)?doze\b", re.IGNORECASE), "dose"),
    (re.compile(r"\bloose\s+(?:weight|your\s+appetite|hair)\b", re.IGNORECASE), "lose"),
    (re.compile(r"\bshortness\s+of\s+breathe\b", re.IGNORECASE), "breath"),
    (re.compile(r"\b(?:medical|expert)\s+advise\b", re.IGNORECASE), "advice"),
    (re.compile(r"\b(?:[A-Z][A-Z0-9-]{2,}|clinical|the)\s+trails?\b"), "trial"),
    (re.compile(r"\byou're\s+(?:oncologist|doctor|care|treatment|dose|medicines?|cancer|team)\b", re.I), "your"),
]
# Five letters or more, no digits: "FLAURA2" is another trial, not a misspelt "FLAURA".
NAME_WORD = re.compile(r"\b[A-Za-z][A-Za-z-]{4,}\b")


def _names(catalogue):
    """{(first letter): [(name word, what it is)]} of drug, brand, biomarker and trial names."""
    cached = getattr(catalogue, "_name_words", None)
    if cached is not None:
        return cached
    kinds = {}
    for name, slug in catalogue._drug_names.items():
        kinds.setdefault(name, f"the name of {catalogue.drugs[slug].name}" if name != slug else "a drug name")
    for name in catalogue._biomarker_names:
        kinds.setdefault(name.lower(), "a biomarker name")
    for name in catalogue._trial_names:
        kinds.setdefault(name, "a trial name")
        for word in name.split():
            kinds.setdefault(word, "part of a trial name")
    buckets = {}
    for name, what in kinds.items():
        if len(name) >= 5 and " " not in name:
            buckets.setdefault(name[0], []).append((name, what))
    buckets = {letter: tuple(names) for letter, names in buckets.items()}
    catalogue._name_words = buckets
    return buckets


@cache
def _close_name(word, candidates):
    letters = set(word)
    for name, what in candidates:
        limit = 2 if len(name) >= 8 else 1
        # Two edits change at most four distinct letters: a cheap test before the distance.
        if word == name or abs(len(word) - len(name)) > limit or len(letters ^ set(name)) > 2 * limit:
            continue
        if _distance(word, name, limit) <= limit:
            return name, what
    return None


def misspelt_names(page):
    """A drug, brand, biomarker or trial name misspelt anywhere on the page: an error."""
    catalogue = page.catalogue
    buckets = _names(catalogue)
    extra = catalogue.medical_words
    # Each distinct word is judged once; only the few close to a name are looked up in the word list.
    words = {w.lower() for s in page.sentences for w in NAME_WORD.findall(s.text)}
    suspects = {}
    for lower in words:
        candidates = buckets.get(lower[0])
        if not candidates or lower in extra:
            continue
        close = _close_name(lower, candidates)
        if close and not _known(lower, extra):
            suspects[lower] = close
    if not suspects:
        return
    for sentence in page.sentences:
        seen = set()
        for word in NAME_WORD.findall(sentence.text):
            close = suspects.get(word.lower())
            if not close or word.lower() in seen:
                continue
            seen.add(word.lower())
            name, what = close
            shown = next((n for n in _shown_names(catalogue) if n.lower() == name), name)
            if _quoted(sentence.text, word):
                # 'A common misspelling is "crizotanib"': a word quoted is mentioned, not used.
                yield Finding(
                    "misspelt-name",
                    WARNING,
                    f"“{word}”, in quotation marks, is close to “{shown}” ({what}): check that the spelling is "
                    "meant to be shown as written.",
                    sentence.location,
                    sentence.text,
                )
                continue
            yield Finding(
                "misspelt-name",
                ERROR,
                f"“{word}” looks like a misspelling of “{shown}” ({what}): a name must be written exactly.",
                sentence.location,
                sentence.text,
            )


QUOTES = ('"', "“", "”", "‘", "’", "'", "«", "»")


def _quoted(text, word):
    """Whether every occurrence of the word stands alone in quotation marks: "crizotanib", ‘Alecenza’."""
    found = False
    for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        if before not in QUOTES or after not in QUOTES:
            return False
        found = True
    return found


# "The ALEX trail", "the ALXE trial": a word written as a trial's name.
TRIAL_NAMED = re.compile(
    r"\b(?P<name>[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:\s+\d{3,4})?)\s+(?P<noun>trials?|trails?|study|studies)\b"
)
# "AKL-positive", "EGRF mutation": a word written as a biomarker's name.
BIOMARKER_NAMED = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][A-Za-z0-9]{1,4})(?=[\s-]*(?:positive|negative|fusions?|mutations?|mutated"
    r"|rearrange(?:d|ments?)|alterations?|testing)\b)"
)
LOOK_ALIKE_DIGITS = str.maketrans({"1": "i", "0": "o", "l": "i"})


def _letters(name):
    return re.sub(r"[^a-z]", "", name.lower())


def misnamed_trials(page):
    """A trial's name misspelt before "trial" ("the ALXE trial"), or "trial" written "trail" after it."""
    catalogue = page.catalogue
    names = {re.sub(r"\s+", " ", n): canonical for n, canonical in catalogue._trial_names.items()}
    for sentence in page.sentences:
        for match in TRIAL_NAMED.finditer(sentence.text):
            written = re.sub(r"\s+", " ", match.group("name"))
            lower = written.lower()
            trail = match.group("noun").lower().startswith("trail")
            if lower in names:
                if trail:
                    yield Finding(
                        "misspelt-name",
                        ERROR,
                        f"“{match.group(0)}”: the {names[lower]} trial is written “{match.group('noun')}”; "
                        "did you mean “trial”?",
                        sentence.location,
                        sentence.text,
                    )
                continue
            # Real trials the data does not hold ("the LAURA trial", "J-ALEX") are names, not misspellings.
            if lower in OTHER_TRIALS or len(_letters(lower)) < 4:
                continue
            # "the FLORA trial": a word in capitals before "trial" is meant as a trial's name even when it is an
            # English word; only a word no list knows can be an error.
            word = _known(lower, catalogue.medical_words)
            if word and not written.isupper():
                continue
            for name, canonical in names.items():
                limit = 2 if len(name) >= 8 else 1
                # "FLAURA2", "AURA", "PROFILE 1007" are other trials: only the letters count.
                if _letters(name) == _letters(lower) or name.startswith(lower) or lower.startswith(name):
                    continue
                distance = _distance(lower, name, 2)
                if distance <= limit and not word:
                    yield Finding(
                        "misspelt-name",
                        ERROR,
                        f"“{written}” looks like a misspelling of “{canonical}” (a trial name): a name must be "
                        "written exactly.",
                        sentence.location,
                        sentence.text,
                    )
                    break
                if distance <= 2 and len(name) >= 5:
                    yield Finding(
                        "misspelt-name",
                        WARNING,
                        f"“{written}” is written as a trial's name and is close to “{canonical}”: check the trial's "
                        "name.",
                        sentence.location,
                        sentence.text,
                    )
                    break


# Trials of these drugs that the data does not hold: their names are not misspellings of those it does.
OTHER_TRIALS = frozenset(
    {
        "laura",
        "aura",
        "aura2",
        "aura17",
        "alina",
        "j-alex",
        "alesia",
        "alur",
        "ascend",
        "ascend-4",
        "ascend-8",
        "exalt3",
        "bfast",
        "flaura2",
        "mariposa",
        "mariposa-2",
        "papillon",
        "trident-1",
        "trust-i",
        "trust-ii",
        "startrk-2",
        "startrk-1",
        "alka-372-001",
        "ipass",
        "neolaura",
        "adaura2",
        "sanovo",
        "tatton",
        "savannah",
        "orchard",
        "alta",
        "alta-3",
        "ensure",
        "optimal",
        "lux-lung",
    }
)


def misnamed_biomarkers(page):
    """A biomarker's name with two letters swapped or a look-alike digit ("AKL-positive", "ROSl fusion")."""
    known = page.catalogue._biomarker_names
    lowered = {name.lower() for name in known}
    shapes = {name.lower().translate(LOOK_ALIKE_DIGITS): name for name in known if len(name) >= 3}
    for sentence in page.sentences:
        for match in BIOMARKER_NAMED.finditer(sentence.text):
            written = match.group("name")
            if written.lower() in lowered or len(written) < 3:
                continue
            lower = written.lower()
            intended = shapes.get(lower.translate(LOOK_ALIKE_DIGITS))
            if not intended:
                intended = next(
                    (
                        name
                        for shape, name in shapes.items()
                        if len(shape) == len(lower)
                        and sorted(shape) == sorted(lower.translate(LOOK_ALIKE_DIGITS))
                        and _distance(lower.translate(LOOK_ALIKE_DIGITS), shape, 1) == 1
                    ),
                    "",
                )
            if intended:
                yield Finding(
                    "misspelt-name",
                    ERROR,
                    f"“{written}” looks like a misspelling of “{intended}” (a biomarker name): a name must be "
                    "written exactly.",
                    sentence.location,
                    sentence.text,
                )


def _shown_names(catalogue):
    for drug in catalogue.drugs.values():
        yield drug.name
        yield from drug.brands
    yield from catalogue._biomarker_names
    yield from catalogue.trials


def spelling(page):
    extra = page.catalogue.medical_words
    yield from misspelt_names(page)
    yield from misnamed_trials(page)
    yield from misnamed_biomarkers(page)
    for sentence in page.sentences:
        if not sentence.boilerplate:
            continue
        if sentence.heading:
            for pattern, right in CONFUSED:
                for match in pattern.finditer(sentence.text):
                    named = re.sub(r"\s+trails?$", "", match.group(0)).lower()
                    if right == "trial" and named in page.catalogue._trial_names:
                        continue  # an error already: misnamed_trials
                    yield Finding(
                        "spelling",
                        WARNING,
                        f"“{match.group(0)}” is probably a real word used wrongly: did you mean “{right}”?",
                        sentence.location,
                        sentence.text,
                    )
        for match in WORD.finditer(sentence.text):
            word = match.group(0)
            # Abbreviations (NSCLC, US, MD) and short words are names more often than typos.
            if len(word) < 4 or word.isupper() or _known(word, extra):
                continue
            fix = suggestion(word.lower())
            if not fix:
                continue
            # An error only when the fix is sure: one letter away, and the only word one letter away
            # ("efects" may be "effects", "defects" or "elects": a warning).
            clear = (
                (len(word) >= 8 or (word.islower() and len(word) >= 6))
                and _distance(word.lower(), fix, 1) <= 1
                and len(_corrections(word.lower())) == 1
            )
            fix = fix.capitalize() if word[0].isupper() else fix
            yield Finding(
                "spelling",
                ERROR if clear else WARNING,
                f"“{word}” looks misspelt: did you mean “{fix}”?",
                sentence.location,
                sentence.text,
            )
