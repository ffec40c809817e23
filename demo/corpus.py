"""The content checks measured on a labelled corpus: recall and false alarms per kind.

tests/corpus/passages.jsonl holds short passages, each placed on a page of the demo
data (a drug page, a comparison, an explainer) in one place (a section body, a
heading, a question, the summary, the verdict, a table row) and labelled `error`
(with its kind and why) or `correct`. Each passage is checked alone: the snapshot of a
real page of its kind and drugs is built with monographs.kinds.build_snapshot, its
prose is replaced by the passage, and reviews.checks.check_snapshot runs on it.

- An error passage is caught when an error finding falls on the passage itself; a
  warning there only is counted apart ("caught only as warning").
- A correct passage is a false alarm when any error finding falls on it.

Passages about the EGFR family (osimertinib, FLAURA, AURA3, ADAURA) carry
"family": "egfr". They are reported apart, and skipped (with a count) while the
demo data holds no FLAURA trial. The thresholds (BASELINE and the command's options)
gate the other passages; the EGFR numbers are printed beside them.

`python manage.py check_corpus` prints the numbers; tests/test_corpus.py guards them.
"""

import copy
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from monographs.kinds import build_snapshot
from monographs.models import Article, Biomarker, Comparison, Drug, DrugPage, Page, Trial
from reviews.checks import ERROR, WARNING, check_snapshot, load_catalogue

CORPUS_PATH = Path(settings.BASE_DIR) / "tests" / "corpus" / "passages.jsonl"

KINDS = (
    "exclusivity",
    "approval",
    "figure",
    "subject",
    "survival",
    "carryover",
    "dose",
    "guideline",
    "spelling",
)
LABELS = ("error", "correct")
PAGE_KINDS = ("drug", "comparison", "article")
PLACES = ("section", "heading", "question", "summary", "verdict", "table")
FAMILIES = ("alk-ros1", "egfr")
# The trial whose presence in the data means the EGFR family has been loaded.
EGFR_MARKER_TRIAL = "FLAURA"

# The targets (issue 8), printed beside the numbers the checks reach today.
TARGET_RECALL = 0.90
TARGET_FALSE_ALARMS = 0.02

# Regression floors: what the checks reached when the corpus was written, less a small
# margin (overall) or one passage's worth (per kind). Raise them as the checks improve.
# (python manage.py check_corpus --suggest-floors prints them for today's checks.)
# Measured 2026-12-01 21:50 UTC: recall 77.6% (114/147), false alarms 4.0% (9/223); at 22:30 UTC,
# after work on the checks: 92.1% (140/152), 0% (0/230). On 2026-12-02 01:16 UTC, after work on
# wordings from the holdouts and the label's safety figures (and 45 passages added for them):
# 97.7% (170/174), 0% (0/250). Floors set at 01:37. At 02:05 UTC, after work on the readings behind
# holdout4's false alarms and misses (and 33 passages added for them): 97.9% (184/188), 0% (0/266).
# On 2026-12-02 05:20 UTC, after work on uncertain readings (asides, questions, reported claims, table
# cells that say no, biomarkers named as what does not qualify; 251 passages added for them):
# 98.3% (237/241), 0% (0/426). Floors set then.
# The overall floor also gates the holdouts,
# so it stays at the target rather than today's main-corpus figure.
MIN_RECALL = 0.90
MAX_FALSE_ALARMS = 0.02
BASELINE = {
    "exclusivity": (0.96, 0.02),
    "approval": (0.96, 0.02),
    "figure": (0.97, 0.02),
    "subject": (0.96, 0.03),
    "survival": (0.85, 0.03),
    "carryover": (0.95, 0.03),
    "dose": (0.96, 0.03),
    "guideline": (0.94, 0.04),
    "spelling": (0.88, 0.03),
}

# Findings that say nothing about whether the passage is right, so they are not counted:
# - dose-changes-omitted is about the page as a whole, anchored to its first dose sentence;
# - bare-figure is advice to take a figure from the data, raised on right and wrong figures alike.
NOT_ABOUT_CORRECTNESS = {"dose-changes-omitted", "bare-figure"}

# The scaffolding a passage is placed in; findings on it are not the passage's.
SECTION_HEADING = "Details"
TABLE_HEADING = "At a glance"
QUESTION_HEADING = "Questions to ask"


class CorpusError(ValueError):
    """The corpus file is malformed."""


@dataclass
class Result:
    passage: dict
    errors: list = field(default_factory=list)  # error findings on the passage
    warnings: list = field(default_factory=list)  # warning findings on the passage
    elsewhere: list = field(default_factory=list)  # error findings on the scaffolding (should be none)

    @property
    def is_error(self):
        return self.passage["label"] == "error"

    @property
    def caught(self):
        return self.is_error and bool(self.errors)

    @property
    def warned_only(self):
        return self.is_error and not self.errors and bool(self.warnings)

    @property
    def missed(self):
        return self.is_error and not self.errors

    @property
    def false_alarm(self):
        return not self.is_error and bool(self.errors)


@dataclass
class Tally:
    errors: int = 0
    caught: int = 0
    warned_only: int = 0
    correct: int = 0
    false_alarms: int = 0

    def add(self, result):
        if result.is_error:
            self.errors += 1
            self.caught += result.caught
            self.warned_only += result.warned_only
        else:
            self.correct += 1
            self.false_alarms += result.false_alarm

    @property
    def passages(self):
        return self.errors + self.correct

    @property
    def recall(self):
        return self.caught / self.errors if self.errors else None

    @property
    def false_alarm_rate(self):
        return self.false_alarms / self.correct if self.correct else None


@dataclass
class Score:
    results: list
    skipped: list  # passages not run (EGFR family without its data)

    def tally(self, kind=None, family=None):
        tally = Tally()
        for result in self.results:
            if kind and result.passage["kind"] != kind:
                continue
            if family and result.passage["family"] != family:
                continue
            tally.add(result)
        return tally

    def gated(self):
        """The results the thresholds apply to: everything but the EGFR family."""
        return Score([r for r in self.results if r.passage["family"] != "egfr"], [])

    def failures(self, min_recall=None, max_false_alarms=None, baseline=None, name="all kinds"):
        """Why the gated results fall short of the thresholds: a list of sentences, empty if they pass."""
        min_recall = MIN_RECALL if min_recall is None else min_recall
        max_false_alarms = MAX_FALSE_ALARMS if max_false_alarms is None else max_false_alarms
        baseline = BASELINE if baseline is None else baseline
        gated = self.gated()
        problems = _shortfalls(name, gated.tally(), min_recall, max_false_alarms)
        kinds_present = {r.passage["kind"] for r in gated.results}
        for kind, (kind_recall, kind_false) in baseline.items():
            if kind in kinds_present:
                problems += _shortfalls(kind, gated.tally(kind), kind_recall, kind_false)
        return problems


def _shortfalls(name, tally, min_recall, max_false_alarms):
    problems = []
    if tally.recall is not None and tally.recall < min_recall - 1e-9:
        problems.append(f"{name}: recall {tally.recall:.1%} is below {min_recall:.1%}")
    if tally.false_alarm_rate is not None and tally.false_alarm_rate > max_false_alarms + 1e-9:
        problems.append(f"{name}: false-alarm rate {tally.false_alarm_rate:.1%} is above {max_false_alarms:.1%}")
    return problems


# The corpus


def load_passages(path=None):
    """Every passage of the corpus, checked for shape; raises CorpusError on a bad record."""
    path = Path(path or CORPUS_PATH)
    passages, seen = [], set()
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusError(f"{path.name}:{number}: not JSON ({error})") from error
            problem = _invalid(record)
            if problem:
                raise CorpusError(f"{path.name}:{number}: {problem}")
            if record["id"] in seen:
                raise CorpusError(f"{path.name}:{number}: duplicate id {record['id']}")
            seen.add(record["id"])
            record.setdefault("family", "alk-ros1")
            passages.append(record)
    return passages


def _invalid(record):
    for key in ("id", "kind", "label", "page", "where", "text"):
        if not record.get(key):
            return f"missing {key}"
    if record["kind"] not in KINDS:
        return f"unknown kind {record['kind']!r}"
    if record["label"] not in LABELS:
        return f"unknown label {record['label']!r}"
    if record["label"] == "error" and not record.get("why"):
        return "an error needs a why"
    if record["where"] not in PLACES:
        return f"unknown place {record['where']!r}"
    page = record["page"]
    if page.get("kind") not in PAGE_KINDS or not page.get("drugs"):
        return "page needs a kind and drugs"
    if record["where"] == "verdict" and page["kind"] != "comparison":
        return "only a comparison has a verdict"
    if record.get("family", "alk-ros1") not in FAMILIES:
        return f"unknown family {record['family']!r}"
    return ""


# Pages


class Pages:
    """The snapshot of a page of each kind and drugs: a demo page where one exists, else a new page.

    New pages are saved, so call this inside a transaction that is rolled back (the
    command does; a test's database is rolled back anyway).
    """

    def __init__(self):
        self._snapshots = {}

    def snapshot(self, spec):
        drugs = tuple(spec["drugs"])
        biomarkers = tuple(spec.get("biomarkers", ()))
        key = (spec["kind"], drugs, biomarkers, spec.get("title", ""))
        if key not in self._snapshots:
            page = self._existing(spec["kind"], drugs, biomarkers) or self._create(spec, drugs, biomarkers)
            snapshot = build_snapshot(page)
            if spec.get("title"):
                snapshot["title"] = spec["title"]
            self._snapshots[key] = snapshot
        return self._snapshots[key]

    def _existing(self, kind, drugs, biomarkers):
        if kind == "drug":
            return DrugPage.objects.filter(drug__slug=drugs[0]).order_by("pk").first()
        model = Comparison if kind == "comparison" else Article
        for page in model.objects.prefetch_related("drugs").order_by("pk"):
            if {d.slug for d in page.drugs.all()} != set(drugs):
                continue
            if kind == "article" and set(page.biomarkers.values_list("name", flat=True)) != set(biomarkers):
                continue
            return page
        return None

    def _create(self, spec, drugs, biomarkers):
        slug = f"corpus-{spec['kind']}-{'-'.join(drugs)}-{'-'.join(biomarkers)}".lower().strip("-")[:200]
        title = spec.get("title") or " vs ".join(drugs)
        found = {d.slug: d for d in Drug.objects.filter(slug__in=drugs)}
        missing = [slug for slug in drugs if slug not in found]
        if missing:
            raise CorpusError(f"no drug {', '.join(missing)} in the data")
        if spec["kind"] == "drug":
            return DrugPage.objects.create(slug=slug, title=title, summary="", drug=found[drugs[0]])
        if spec["kind"] == "comparison":
            head_to_head = _head_to_head(drugs)
            page = Comparison.objects.create(slug=slug, title=title, summary="", head_to_head=head_to_head)
        else:
            page = Article.objects.create(slug=slug, title=title, summary="")
            page.biomarkers.set(Biomarker.objects.filter(name__in=biomarkers))
        page.drugs.set(found[s] for s in drugs)
        return Page.objects.get(pk=page.pk).specific


def _head_to_head(drugs):
    """A trial of one of the drugs against another (Trial.control_drugs, or control_drug in older schemas)."""
    names = {f.name for f in Trial._meta.get_fields()}
    control = "control_drugs" if "control_drugs" in names else "control_drug"
    trials = Trial.objects.filter(experimental_drug__slug__in=drugs, **{f"{control}__slug__in": drugs})
    return trials.distinct().order_by("pk").first()


def place(snapshot, passage):
    """A copy of the page's snapshot holding only the passage; returns (snapshot, location, scaffolding texts)."""
    snapshot = copy.deepcopy(snapshot)
    text, where = passage["text"], passage["where"]
    snapshot["summary"] = ""
    snapshot["sections"] = []
    snapshot["question_groups"] = []
    if snapshot.get("kind") == "comparison":
        snapshot["verdict"] = ""
    scaffolding = {snapshot.get("title", "")}
    if where == "section":
        heading = passage.get("heading") or SECTION_HEADING
        snapshot["sections"] = [{"heading": heading, "body": text}]
        location = f"section 1: {heading}"
        scaffolding.add(heading)
    elif where == "heading":
        snapshot["sections"] = [{"heading": text, "body": ""}]
        location = f"section 1: {text}"
    elif where == "question":
        heading = passage.get("heading") or QUESTION_HEADING
        snapshot["question_groups"] = [{"heading": heading, "intro": "", "questions": [text]}]
        location = f"question group 1: {heading}"
        scaffolding.add(heading)
    elif where == "summary":
        snapshot["summary"] = text
        location = "summary"
    elif where == "verdict":
        snapshot["verdict"] = text
        location = "verdict"
    else:  # a table row, under a header naming the columns' drugs
        heading = passage.get("heading") or TABLE_HEADING
        names = {d["slug"]: _drug_label(d) for d in snapshot.get("drugs", [])}
        # The header names the drugs in the order the passage lists them (a comparison in its
        # title's order), not in the order the page happens to store them.
        columns = passage.get("columns") or passage["page"]["drugs"]
        header = "| | " + " | ".join(names.get(slug, slug) for slug in columns) + " |"
        rule = "|---|" + "---|" * len(columns)
        snapshot["sections"] = [{"heading": heading, "body": f"{header}\n{rule}\n{text}"}]
        location = f"section 1: {heading}"
        scaffolding |= {heading, header}
    return snapshot, location, scaffolding


def _drug_label(drug):
    brands = drug.get("brand_names") or []
    name = drug["name"][:1].upper() + drug["name"][1:]
    return f"{name} ({', '.join(brands)})" if brands else name


def check_passage(passage, pages, catalogue):
    snapshot, location, scaffolding = place(pages.snapshot(passage["page"]), passage)
    result = Result(passage)
    for finding in check_snapshot(snapshot, catalogue):
        if finding.code in NOT_ABOUT_CORRECTNESS:
            continue
        on_passage = finding.location == location and finding.text.strip() not in scaffolding
        if on_passage:
            (result.errors if finding.severity == ERROR else result.warnings).append(finding)
        elif finding.severity == ERROR:
            result.elsewhere.append(finding)
    return result


def egfr_data_present(catalogue):
    return any(name.lower() == EGFR_MARKER_TRIAL.lower() for name in catalogue.trials)


def score(passages=None, catalogue=None, kinds=None):
    """Check every passage (of the given kinds); the demo data must be loaded."""

    passages = load_passages() if passages is None else passages
    catalogue = catalogue or load_catalogue()
    if kinds:
        passages = [p for p in passages if p["kind"] in kinds]
    egfr = egfr_data_present(catalogue)
    pages = Pages()
    results, skipped = [], []
    for passage in passages:
        if passage["family"] == "egfr" and not egfr:
            skipped.append(passage)
            continue
        results.append(check_passage(passage, pages, catalogue))
    return Score(results, skipped)


def percent(value):
    return "  n/a" if value is None else f"{value:6.1%}"


def suggest_floors(score):
    """Floors today's numbers pass with a margin: (min recall, max false alarms) overall and BASELINE per kind.

    Overall: 3 points of recall and 2 points of false alarms. Per kind, where one passage
    weighs several points: one caught error and one false alarm.
    """
    gated = score.gated()
    total = gated.tally()
    overall = (_down(max((total.recall or 0) - 0.03, 0)), _up(min((total.false_alarm_rate or 0) + 0.02, 1)))
    per_kind = {}
    for kind in KINDS:
        tally = gated.tally(kind)
        if not tally.passages:
            continue
        recall = max(tally.caught - 1, 0) / tally.errors if tally.errors else 0
        false = min(tally.false_alarms + 1, tally.correct) / tally.correct if tally.correct else 1
        per_kind[kind] = (_down(recall), _up(false))
    return overall, per_kind


def _down(rate):
    return math.floor(rate * 100 + 1e-9) / 100


def _up(rate):
    return math.ceil(rate * 100 - 1e-9) / 100


__all__ = [
    "BASELINE",
    "CORPUS_PATH",
    "KINDS",
    "MAX_FALSE_ALARMS",
    "MIN_RECALL",
    "TARGET_FALSE_ALARMS",
    "TARGET_RECALL",
    "WARNING",
    "CorpusError",
    "Pages",
    "Result",
    "Score",
    "load_passages",
    "place",
    "score",
]
