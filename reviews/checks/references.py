"""Figure references (monographs.references): each must name a figure the page shows, and a
figure typed by hand that the page's own data records should be a reference instead.

This check judges the prose as the editor wrote it, references unexpanded (the expanded
snapshot's "written" copy); every other check reads it as readers do, expanded.
"""

import difflib
import re
from decimal import Decimal, InvalidOperation

from monographs.references import MISSING, REFERENCE, figures, normalise, references, resolver

from .findings import ERROR, WARNING, Finding
from .text import PageText

REFERENCE_FIELDS = "section text, question-group introductions and the verdict"

HAZARD_RATIO = re.compile(r"\b(?:HR|hazard\s+ratio)\b[^\d;()]{0,40}?(\d+\.\d+)", re.IGNORECASE)
VALUE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s*(%|percent\b|months?\b)|(?=\s*(?:vs\.?|versus|and)\s+\d))")
# "at 12 months" says when, not how long; "95% CI" is a confidence level.
TIME_POINT = re.compile(r"\b(?:at|after|within|every|by|beyond|past)\s+$", re.IGNORECASE)
CONFIDENCE = re.compile(r"^\s*CI\b", re.IGNORECASE)
DOSE = re.compile(r"\d+(?:\.\d+)?\s*mg\b[^.;:]*?\b(?:daily|a\s+day)\b", re.IGNORECASE)
YEAR = re.compile(r"(?<![\d.v])((?:19|20)\d{2})(?!\d)")
APPROVAL = re.compile(r"\bapprov", re.IGNORECASE)
ANALYSES = {
    "primary": re.compile(r"\bprimary\b|\bfirst\s+analysis\b", re.IGNORECASE),
    "updated": re.compile(r"\bupdated\b|\b\d+-year\s+analysis\b", re.IGNORECASE),
    "final": re.compile(r"\bfinal\b", re.IGNORECASE),
    "label": re.compile(r"\bFDA\b|\blabel\b|\bindependent\s+review\b", re.IGNORECASE),
}
DOSE_CHANGE_WORDS = {
    "renal": re.compile(r"\b(?:renal|kidneys?|creatinine|dialysis)\b", re.IGNORECASE),
    "hepatic": re.compile(r"\b(?:hepatic|liver|bilirubin)\b", re.IGNORECASE),
}
SEVERITY = re.compile(r"\b(mild|moderate|severe)\b", re.IGNORECASE)


def figure_references(page):
    """References that name no figure of the page, and recorded figures typed by hand."""
    written = _written(page)
    # Without references the prose as written is the prose as read: no second pass over it.
    sentences = PageText(written, page.catalogue) if _has_references(written) else page
    yield from _missing_references(written, sentences)
    yield from _bare_figures(written, sentences)


def _missing_references(written, sentences):
    """A reference that names no figure of this page, or more than one; or one where it cannot work."""
    codes = resolver(written)
    for field, text in _plain_fields(written):
        for code in references(text):
            yield Finding(
                "reference-misplaced",
                ERROR,
                f"[[{code}]] is in the {field}, which is not Markdown: readers would see the code itself. "
                f"Figure references work in {REFERENCE_FIELDS}.",
                field,
                text,
            )
    for sentence in sentences.sentences:
        for code in references(sentence.text):
            found = codes.get(normalise(code), [])
            if len(found) == 1:
                continue
            if found:
                choices = " or ".join(f"[[{figure.id_code}]] ({figure.title})" for figure in found)
                message = f"[[{code}]] names {len(found)} figures of this page; write {choices}."
            else:
                close = difflib.get_close_matches(normalise(code), [f.code for f in figures(written)], n=1)
                hint = f" Did you mean [[{close[0]}]]?" if close else ""
                message = (
                    f"[[{code}]] names no figure this page shows, so readers see “{MISSING}” in its place.{hint} "
                    "The figures the page can refer to are listed on its form in the admin."
                )
            yield Finding("missing-reference", ERROR, message, sentence.location, sentence.text)


def _bare_figures(written, text_page):
    """A trial figure, dose or approval date typed by hand that the page's data records: offer its reference."""
    by_kind = {}
    for figure in figures(written):
        by_kind.setdefault(figure.kind, []).append(figure)
    trials = {trial["name"]: trial for trial in written.get("trials", [])}
    drugs = {drug["slug"]: drug for drug in written.get("drugs", [])}
    for sentence in text_page.sentences:
        if sentence.disclaimer:
            continue
        text = references_removed(sentence.text)
        offers = []
        offers += _trial_figures(text_page, sentence, text, trials, by_kind.get("outcome", []))
        offers += _doses(text_page, sentence, text, drugs, by_kind)
        offers += _approvals(text_page, sentence, text, drugs, written, by_kind.get("approval", []))
        for typed, candidates in _merge(offers):
            codes = " or ".join(f.reference for f in candidates)
            what = "; ".join(f"{f.group}: {f.title}" for f in candidates)
            yield Finding(
                "bare-figure",
                WARNING,
                f"{', '.join(f'“{t}”' for t in typed)} {'repeat' if len(typed) > 1 else 'repeats'} a recorded "
                f"figure ({what}): write {codes} instead, "
                "so the page takes it from the data, with its label and source.",
                sentence.location,
                sentence.text,
            )


def references_removed(text):
    """The text with its references blanked out, every other character where it was."""
    return REFERENCE.sub(lambda match: " " * len(match.group(0)), text)


def _written(page):
    return page.snapshot.get("written", page.snapshot)


def _has_references(snapshot):
    prose = [s.get("body", "") for s in snapshot.get("sections", [])]
    prose += [g.get("intro", "") for g in snapshot.get("question_groups", [])]
    prose.append(snapshot.get("verdict") or "")
    return any("[[" in text for text in prose)


def _plain_fields(snapshot):
    yield "title", snapshot.get("title", "")
    yield "summary", snapshot.get("summary", "")
    for number, group in enumerate(snapshot.get("question_groups", []), start=1):
        for question in group.get("questions", []):
            yield f"questions of question group {number}: {group.get('heading', '')}", question


def _merge(offers):
    """One finding per set of offered figures, listing every typed figure that led to it."""
    merged = {}
    for typed, candidates in offers:
        key = tuple(f.code for f in candidates)
        entry = merged.setdefault(key, ([], candidates))
        if typed not in entry[0]:
            entry[0].append(typed)
    return list(merged.values())


def _decimal(text):
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return None


def _typed_trial_figures(text):
    """(shown, kind, value) for each hazard ratio, percentage and duration in the text."""
    found, taken = [], []
    for match in HAZARD_RATIO.finditer(text):
        found.append((match.group(0).strip(), "hr", _decimal(match.group(1))))
        taken.append(match.span(1))
    pending = []
    for match in VALUE.finditer(text):
        if any(start <= match.start(1) < end for start, end in taken):
            continue
        unit = (match.group(2) or "").lower()
        if not unit:
            pending.append(match.group(1))
            continue
        kind = "%" if unit in ("%", "percent") else "months"
        if (kind == "%" and CONFIDENCE.match(text[match.end() :])) or TIME_POINT.search(text[: match.start()]):
            pending.clear()
            continue
        for number in [*pending, match.group(1)]:
            shown = f"{number}%" if kind == "%" else f"{number} months"
            found.append((shown, kind, _decimal(number)))
        pending.clear()
    return [f for f in found if f[2] is not None]


def _context_trials(page, sentence, trials):
    named = [name for _, name in sentence.trials if name in trials]
    if not named:
        for earlier in page.block_before(sentence):
            named = [name for _, name in earlier.trials if name in trials]
            if named:
                break
    return list(dict.fromkeys(named))


def _trial_figures(page, sentence, text, trials, outcomes):
    names = _context_trials(page, sentence, trials)
    if not names:
        return []
    groups = {f"{name} trial" for name in names}
    candidates = [f for f in outcomes if f.group in groups]
    analyses = [name for name, words in ANALYSES.items() if words.search(text)]
    offers = []
    for shown, kind, value in _typed_trial_figures(text):
        hits = [f for f in candidates if any(k == kind and _decimal(v) == value for k, v in f.values)]
        narrowed = [f for f in hits if any(f"/{analysis}" in f.code for analysis in analyses)]
        if narrowed or hits:
            offers.append((shown, narrowed or hits))
    return offers


def _doses(page, sentence, text, drugs, by_kind):
    offers = []
    kinds = [kind for kind, words in DOSE_CHANGE_WORDS.items() if words.search(text)]
    severity = {word.lower() for word in SEVERITY.findall(text)}
    for match in DOSE.finditer(text):
        shown = " ".join(match.group(0).split())
        slug = _subject(page, sentence, match.start(), drugs)
        if not slug:
            continue
        name = drugs[slug].get("name") or slug
        if kinds:
            changes = [
                f
                for f in by_kind.get("dose-change", [])
                if f.group == name and f.code.split("/")[1] in kinds and _same_dose(f, shown)
            ]
            named = [f for f in changes if severity & {w.lower() for w in SEVERITY.findall(f.title)}]
            if named or changes:
                offers.append((shown, named or changes))
        else:
            doses = [f for f in by_kind.get("dose", []) if f.group == name and _same_dose(f, shown)]
            if doses:
                offers.append((shown, doses))
    return offers


def _same_dose(figure, shown):
    recorded = " ".join(figure.values[0][1].lower().split())
    return recorded.startswith(shown.lower()) or shown.lower() in recorded


def _approvals(page, sentence, text, drugs, snapshot, approvals):
    if not APPROVAL.search(text):
        return []
    offers = []
    page_biomarkers = {b["name"] for b in snapshot.get("biomarkers", [])}
    for match in YEAR.finditer(text):
        slug = _subject(page, sentence, match.start(), drugs)
        if not slug:
            continue
        name = drugs[slug].get("name") or slug
        hits = [f for f in approvals if f.group == name and ("year", match.group(1)) in f.values]
        before = {b for position, b, _ in sentence.biomarkers if position < match.start()} or page_biomarkers
        narrowed = [f for f in hits if any(f"/{b.lower()}-" in f.code for b in before)]
        if narrowed or hits:
            offers.append((match.group(1), narrowed or hits))
    return offers


def _subject(page, sentence, position, drugs):
    """The page's drug a figure at `position` is about: the nearest named before it, else the page's own."""
    before = [slug for start, slug in sentence.drugs if start < position]
    slug = before[-1] if before else page.main_drug
    return slug if slug in drugs else ""
