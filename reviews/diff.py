"""What a reviewer is asked to sign, compared with what the public reads now.

`diff_snapshots(old, new)` compares two page snapshots (monographs/snapshots.py) and
returns plain data: text as lists of (operation, text) segments, values as old/new
strings. Templates escape every segment and wrap it in <ins>/<del>; nothing here
produces markup, so editor text never reaches the admin unescaped.
"""

import difflib
import re
from dataclasses import dataclass, field

from monographs.models import Indication
from monographs.snapshots import upgrade

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"

# Below this similarity, a section that took another's place is shown as removed and added.
SAME_SECTION_RATIO = 0.4

# A word keeps its inner punctuation: "10.9", "0.34-0.65", "ALK-positive" and "mg/m2" change
# as one word, so a changed figure reads as the figure replaced, never as digits shuffled.
_WORDS = re.compile(r"\s+|\w+(?:[.,'’/-]\w+)*|[^\s\w]")
# Between two changes, an unchanged run of only spaces and punctuation joins them.
_FILLER = re.compile(r"[\s\W]*")


@dataclass(frozen=True)
class Segment:
    op: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str
    # Word by word, for prose; None for values best read as "old -> new".
    segments: tuple | None = None


@dataclass
class BlockChange:
    """A section or question group: matched by heading and position."""

    status: str
    heading: str
    old_heading: str = ""
    moved: bool = False
    changes: list = field(default_factory=list)  # FieldChange, prose with segments


@dataclass
class RecordChange:
    """A drug, indication, trial, outcome or source, with the values that changed."""

    kind: str
    subject: str
    status: str
    changes: list = field(default_factory=list)  # FieldChange


@dataclass
class SnapshotDiff:
    first_publication: bool
    fields: list
    sections: list
    question_groups: list
    sources: list
    data: list

    @property
    def has_changes(self):
        return bool(
            self.fields
            or self.sources
            or self.data
            or any(b.status != UNCHANGED for b in self.sections + self.question_groups)
        )


def diff_snapshots(old, new):
    """Compare the published snapshot `old` (None for a first publication) with `new`."""
    first = old is None
    old, new = upgrade(old) or {}, upgrade(new)
    return SnapshotDiff(
        first_publication=first,
        fields=_page_fields(old, new),
        sections=_blocks(old.get("sections", []), new.get("sections", []), _section_changes),
        question_groups=_blocks(old.get("question_groups", []), new.get("question_groups", []), _group_changes),
        sources=_records("Source", old.get("sources", []), new.get("sources", []), _source_name, SOURCE_FIELDS),
        data=_data(old, new),
    )


def text_diff(old, new):
    """Segments turning `old` into `new`: line by line, then word by word inside changed lines."""
    old_lines = (old or "").splitlines(keepends=True)
    new_lines = (new or "").splitlines(keepends=True)
    segments = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if op == "equal":
            segments.append(Segment(EQUAL, after))
        elif op == "replace":
            segments += _word_diff(before, after)
        elif op == "delete":
            segments.append(Segment(DELETE, before))
        else:
            segments.append(Segment(INSERT, after))
    return tuple(_merge(segments))


def _word_diff(old, new):
    """Whole words deleted and inserted; "a b c" -> "x y z" reads as one phrase replaced, not three words."""
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    runs = [
        (op == "equal", "".join(old_words[i1:i2]), "".join(new_words[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    joined = []
    for index, (equal, before, after) in enumerate(runs):
        between_changes = 0 < index < len(runs) - 1 and _FILLER.fullmatch(after)
        if equal and between_changes:
            equal = False
        if joined and not equal and not joined[-1][0]:
            _, old_text, new_text = joined.pop()
            before, after = old_text + before, new_text + after
        joined.append((equal, before, after))
    segments = []
    for equal, before, after in joined:
        if equal:
            segments.append(Segment(EQUAL, after))
            continue
        segments += [Segment(DELETE, before), Segment(INSERT, after)]
    return segments


def _merge(segments):
    merged = []
    for segment in segments:
        if not segment.text:
            continue
        if merged and merged[-1].op == segment.op:
            merged[-1] = Segment(segment.op, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged


def _prose(label, old, new):
    """A FieldChange for text, or None if it did not change."""
    old, new = old or "", new or ""
    if old == new:
        return None
    return FieldChange(label, old, new, text_diff(old, new))


def _value(label, old, new):
    old, new = _show(old), _show(new)
    return None if old == new else FieldChange(label, old, new)


def _show(value):
    if value is None or value == "":
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(_show(v) for v in value)
    return str(value)


# Page fields -------------------------------------------------------------------------


def _page_fields(old, new):
    series = lambda s: (s or {}).get("name", "")  # noqa: E731
    biomarkers = lambda s: [b["name"] for b in s.get("biomarkers") or []]  # noqa: E731
    interval = lambda s: f"{s['review_interval_months']} months" if s.get("review_interval_months") else ""  # noqa: E731
    changes = [
        _value("Title", old.get("title"), new.get("title")),
        _value("Address", old.get("slug"), new.get("slug")),
        _prose("Summary", old.get("summary"), new.get("summary")),
        _value("Series", series(old.get("series")), series(new.get("series"))),
        _value("Review interval", interval(old), interval(new)),
        _value("Head-to-head trial", old.get("head_to_head"), new.get("head_to_head")),
        _prose("Verdict", old.get("verdict"), new.get("verdict")),
        _value("Biomarkers explained", biomarkers(old), biomarkers(new)),
    ]
    return [c for c in changes if c]


# Sections and question groups --------------------------------------------------------


def _section_changes(old, new):
    return [c for c in [_prose("Text", old.get("body"), new.get("body"))] if c]


def _group_changes(old, new):
    changes = [
        _prose("Introduction", old.get("intro"), new.get("intro")),
        # One question a line, so a reworded question reads as a word diff on its line.
        _prose("Questions", "\n".join(old.get("questions", [])), "\n".join(new.get("questions", []))),
    ]
    return [c for c in changes if c]


def _blocks(old, new, compare):
    """Match blocks by heading, then by position among the rest; list them in reading order."""
    matcher = difflib.SequenceMatcher(None, [b["heading"] for b in old], [b["heading"] for b in new], autojunk=False)
    result = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old[i1:i2], new[j1:j2]
        if op == "equal":
            result += [_block(o, n, compare) for o, n in zip(olds, news, strict=False)]
            continue
        # A renamed block keeps its place; pair it only if its content is still much the same.
        while olds and news and _similar(olds[0], news[0]):
            result.append(_block(olds.pop(0), news.pop(0), compare))
        result += [BlockChange(REMOVED, o["heading"], changes=compare(o, {})) for o in olds]
        result += [BlockChange(ADDED, n["heading"], changes=compare({}, n)) for n in news]
    return _pair_moved(result, old, new, compare)


def _block(old, new, compare):
    changes = compare(old, new)
    renamed = old["heading"] != new["heading"]
    status = CHANGED if changes or renamed else UNCHANGED
    return BlockChange(status, new["heading"], old_heading=old["heading"] if renamed else "", changes=changes)


def _similar(old, new):
    ratio = difflib.SequenceMatcher(None, _content(old), _content(new), autojunk=False).ratio()
    return ratio >= SAME_SECTION_RATIO


def _content(block):
    return "\n".join(v if isinstance(v, str) else "\n".join(v) for k, v in block.items() if k != "heading")


def _pair_moved(result, old, new, compare):
    """A block removed in one place and added with the same heading in another has moved."""
    removed = {b.heading for b in result if b.status == REMOVED}
    moved = removed & {b.heading for b in result if b.status == ADDED}
    old_by_heading = {b["heading"]: b for b in old}
    new_by_heading = {b["heading"]: b for b in new}
    paired = []
    for block in result:
        if block.heading in moved and block.status == REMOVED:
            continue
        if block.heading in moved and block.status == ADDED:
            block = _block(old_by_heading[block.heading], new_by_heading[block.heading], compare)
            block.status, block.moved = CHANGED, True
        paired.append(block)
    return paired


# Sources and structured data ---------------------------------------------------------


def _source_name(source):
    parts = [source.get("title", "")]
    parts += [source[k] for k in ("version", "citation") if source.get(k)]
    return ", ".join(parts)


SOURCE_FIELDS = [
    ("Title", "title"),
    ("Kind", "kind_label"),
    ("Publisher", "publisher"),
    ("Citation", "citation"),
    ("Version", "version"),
    ("Date", "date"),
    ("Address", "url"),
    ("PMID", "pmid"),
    ("DOI", "doi"),
    ("What the page takes from it", "note"),
]

DRUG_FIELDS = [
    ("Generic name", "name"),
    ("Brand names", "brand_names"),
    ("Class", "drug_class"),
    ("Generation", "generation"),
    ("Targets", "targets"),
    ("Targets as the label words them", "targets_detail"),
    ("Dose", "dose"),
    ("Dose checked against the label", "dose_verified"),
    ("Route", "route"),
    ("Prescription only", "prescription_only"),
    ("Manufacturers", "manufacturers"),
    ("Generic available", "generic_available"),
    ("Pivotal trials", "pivotal_trials"),
    ("Dose changes", lambda d: "; ".join(f"{a['population']}: {a['dose']}" for a in d["dose_adjustments"])),
]

INDICATION_FIELDS = [
    ("Condition", "condition"),
    ("Biomarker", "biomarker"),
    ("Regulator", "regulator"),
    ("Status", lambda i: _label(Indication.Status, i.get("status"))),
    ("Approval", "approval_type_label"),
    ("Approval date", "approval_date_display"),
    ("Line of therapy", "line_of_therapy"),
    ("Setting", "setting"),
    ("Population", "population"),
]

TRIAL_FIELDS = [
    ("Name", "name"),
    ("NCT ID", "nct_id"),
    ("Phase", "phase"),
    ("Design", "design"),
    ("Population", "population"),
    ("Line of therapy", "line_of_therapy"),
    ("Pivotal", "pivotal"),
    ("Experimental arm", "experimental_arm"),
    ("Patients, experimental arm", "experimental_patients"),
    ("Control arm", "control_arm"),
    ("Control drugs", lambda t: ", ".join(t.get("control_drugs", []))),
    ("Patients, control arm", "control_patients"),
]


def _with_unit(outcome, key):
    value = outcome.get(key)
    if value is None:
        return ""
    unit = outcome.get("unit") or ""
    return f"{value}%" if unit == "%" else f"{value} {unit}".strip()


def _interval(outcome, low, high, unit=True):
    if outcome.get(low) is None or outcome.get(high) is None:
        return ""
    text = f"{outcome[low]}-{outcome[high]}"
    if unit and outcome.get("unit") == "%":
        return f"{text}%"
    return f"{text} {outcome.get('unit', '')}".strip() if unit else text


OUTCOME_FIELDS = [
    ("Endpoint", "endpoint_label"),
    ("Analysis", "analysis_label"),
    ("Assessor", "assessor_label"),
    ("Time point", "timepoint"),
    ("Population", "population"),
    ("Experimental arm", lambda o: _with_unit(o, "experimental_value")),
    ("Experimental arm 95% CI", lambda o: _interval(o, "experimental_ci_low", "experimental_ci_high")),
    ("Control arm", lambda o: _with_unit(o, "control_value")),
    ("Patients analysed", "patients"),
    ("HR", "hazard_ratio"),
    ("HR 95% CI", lambda o: _interval(o, "hr_ci_low", "hr_ci_high", unit=False)),
    ("HR kind", "hr_kind"),
    ("Statistically significant", "statistically_significant"),
    ("Note", "note"),
    ("Source", "source"),
]


def _label(choices, value):
    return choices(value).label if value in choices.values else value


def _indication_name(indication):
    marker = f"{indication['biomarker']}-positive " if indication.get("biomarker") else ""
    return f"{marker}{indication.get('condition_short') or indication.get('condition')} ({indication.get('regulator')})"


def _outcome_name(trial):
    return lambda outcome: f"{trial['name']} {outcome['label']}"


def _data(old, new):
    changes = []
    old_drugs, new_drugs = _by_id(old.get("drugs", [])), _by_id(new.get("drugs", []))
    changes += _records("Drug", old.get("drugs", []), new.get("drugs", []), lambda d: d["name"], DRUG_FIELDS)
    for drug in new.get("drugs", []) + [d for d in old.get("drugs", []) if d["id"] not in new_drugs]:
        before, after = old_drugs.get(drug["id"], {}), new_drugs.get(drug["id"], {})
        changes += _records(
            f"{drug['name']} indication",
            before.get("indications", []),
            after.get("indications", []),
            _indication_name,
            INDICATION_FIELDS,
        )
    old_trials, new_trials = _by_id(old.get("trials", [])), _by_id(new.get("trials", []))
    changes += _records("Trial", old.get("trials", []), new.get("trials", []), lambda t: t["name"], TRIAL_FIELDS)
    for trial in new.get("trials", []) + [t for t in old.get("trials", []) if t["id"] not in new_trials]:
        before, after = old_trials.get(trial["id"], {}), new_trials.get(trial["id"], {})
        changes += _records(
            "Outcome", before.get("outcomes", []), after.get("outcomes", []), _outcome_name(trial), OUTCOME_FIELDS
        )
    return changes


def _by_id(items):
    return {item["id"]: item for item in items}


def _records(kind, old, new, name, fields):
    """Records matched by id: added, removed, or changed with the values that differ."""
    old_by_id, new_by_id = _by_id(old), _by_id(new)
    result = []
    for record in new:
        before = old_by_id.get(record["id"])
        if before is None:
            values = [_value(label, None, _get(record, key)) for label, key in fields]
            result.append(RecordChange(kind, name(record), ADDED, [v for v in values if v]))
            continue
        values = [_value(label, _get(before, key), _get(record, key)) for label, key in fields]
        values = [v for v in values if v]
        if values:
            result.append(RecordChange(kind, name(record), CHANGED, values))
    for record in old:
        if record["id"] not in new_by_id:
            result.append(RecordChange(kind, name(record), REMOVED))
    return result


def _get(record, key):
    return key(record) if callable(key) else record.get(key)
