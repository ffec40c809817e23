"""The site's structured facts, loaded once per run, and the names that point at them.

A handful of queries load every drug with its approvals, every trial with its
outcomes, and the guidelines among the sources; checks then compare prose with these
plain objects and never query per sentence.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from monographs.models import Biomarker, Condition, Drug, Source, Trial

APPROVED = "approved"


@dataclass
class Approval:
    drug: str
    condition: str
    condition_name: str
    biomarker: str
    status: str
    date: object
    approval_type: str
    setting: str
    line: str = ""

    @property
    def approved(self):
        return self.status == APPROVED

    def describe(self):
        marker = f"{self.biomarker}-positive " if self.biomarker else ""
        return f"{marker}{self.condition_name}"

    def when(self):
        return self.date.isoformat() if self.date else "date not recorded"


@dataclass
class DoseChange:
    kind: str
    population: str
    dose: str

    def describe(self):
        return f"{self.population}: {self.dose}"


@dataclass(frozen=True)
class SideEffectFacts:
    name: str
    plain_name: str
    rate: Decimal | None
    fatal_rate: Decimal | None

    @property
    def names(self):
        return " / ".join(n for n in (self.plain_name, self.name) if n)


@dataclass
class DrugFacts:
    slug: str
    name: str
    brands: list
    targets: set
    dose: str
    dose_verified: bool
    approvals: list = field(default_factory=list)
    dose_changes: list = field(default_factory=list)
    generation: int | None = None
    # Variants of a target named in the drug's data: {"L858R": "EGFR", "exon 19 del": "EGFR"}.
    variants: dict = field(default_factory=dict)
    # The label's side effects with their rates, and days of contraception after the last dose by who.
    side_effects: list = field(default_factory=list)
    contraception: dict = field(default_factory=dict)

    @property
    def areas(self):
        """What the drug is about: its targets and the biomarkers or conditions of its uses."""
        areas = set(self.targets)
        for approval in self.approvals:
            areas.add(approval.biomarker or f"condition:{approval.condition}")
        return areas

    @property
    def label(self):
        return f"{self.name} ({', '.join(self.brands)})" if self.brands else self.name

    def approved_for(self, biomarker=None, condition=None):
        return [
            a
            for a in self.approvals
            if a.approved
            and (biomarker is None or a.biomarker == biomarker)
            and (condition is None or a.condition == condition)
        ]


@dataclass
class OutcomeFacts:
    endpoint: str
    endpoint_label: str
    label: str
    analysis: str
    unit: str
    values: dict
    hazard_ratio: Decimal | None
    hr_ci: tuple
    hr_kind: str
    significant: bool | None
    note: str = ""
    # "12-month", "5-year" for a landmark; "investigator" or "independent"; "stage II-IIIA".
    timepoint: str = ""
    assessor: str = ""
    population: str = ""

    @property
    def months(self):
        """The landmark's time point in months (12 for "1-year"), or None."""
        match = re.match(r"\s*(\d+)[\s-]*(month|year)", self.timepoint, re.IGNORECASE)
        if not match:
            return None
        return int(match.group(1)) * (12 if match.group(2).lower() == "year" else 1)

    def figures(self):
        """The outcome in a few words, e.g. "34.8 vs 10.9 months, HR 0.43"."""
        parts = []
        experimental, control = self.values.get("experimental"), self.values.get("control")
        unit = "%" if self.unit == "%" else f" {self.unit}" if self.unit else ""
        if experimental is not None and control is not None:
            parts.append(f"{experimental}{'%' if unit == '%' else ''} vs {control}{unit}")
        elif experimental is not None:
            parts.append(f"{experimental}{unit}")
        if self.hazard_ratio is not None:
            kind = f"{self.hr_kind} " if self.hr_kind else ""
            ci = f" ({self.hr_ci[0]}-{self.hr_ci[1]})" if self.hr_ci[0] is not None else ""
            parts.append(f"{kind}HR {self.hazard_ratio}{ci}")
        return ", ".join(parts)

    def describe(self):
        figures = self.figures()
        return f"{self.label}: {figures}" if figures else self.label


@dataclass
class TrialFacts:
    name: str
    experimental_drug: str
    control_drugs: set
    pivotal: bool
    outcomes: list
    # Patients randomised to each arm, where recorded.
    experimental_patients: int | None = None
    control_patients: int | None = None
    # The control arm as recorded ("platinum-pemetrexed chemotherapy"); "" for a single-arm trial.
    control_arm: str = ""
    # Who took part, as recorded ("previously untreated ALK-positive NSCLC").
    population: str = ""

    @property
    def arms(self):
        return {self.experimental_drug, *self.control_drugs}


@dataclass
class Guideline:
    publisher: str
    title: str
    version: str
    key: tuple
    date: object


def _alternation(names, flags=0):
    names = sorted({n for n in names if n}, key=len, reverse=True)
    if not names:
        return re.compile(r"(?!x)x")
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"\b({body})\b", flags)


class Catalogue:
    def __init__(self, drugs, biomarkers, conditions, trials, guidelines, complete_on=None):
        self.drugs = drugs
        self.biomarkers = biomarkers
        self.conditions = conditions
        self.trials = trials
        self.guidelines = guidelines
        # ("biomarker", "ROS1") or ("condition", slug) -> the date its approvals were marked complete.
        self.complete_on = complete_on or {}
        # {drug slug: {"title", "publisher"}} of each drug's label (load_catalogue fills it).
        self.labels = {}
        self._drug_names = {}
        for drug in drugs.values():
            for name in [drug.name, *drug.brands]:
                self._drug_names[name.lower()] = drug.slug
        self._drug_re = _alternation(self._drug_names, re.IGNORECASE)
        self._biomarker_names = {}
        for name, aliases in biomarkers.items():
            for alias in [name, *aliases]:
                self._biomarker_names[alias] = name
        # Biomarkers are matched as written: "MET" is a gene, "met" an English word.
        self._biomarker_re = (
            re.compile(
                r"(?<![A-Za-z0-9])("
                + "|".join(re.escape(n) for n in sorted(self._biomarker_names, key=len, reverse=True))
                + r")(?![A-Za-z0-9])"
            )
            if self._biomarker_names
            else re.compile(r"(?!x)x")
        )
        self._condition_names = {}
        for slug, (name, abbreviation) in conditions.items():
            self._condition_names[_one_spelling(name.lower())] = slug
            if abbreviation:
                self._condition_names[abbreviation] = slug
        self._condition_re = (
            re.compile(
                "|".join(
                    rf"\b{re.escape(n)}\b" if n.isupper() else rf"(?i:\b{_any_spelling(n)}\b)"
                    for n in sorted(self._condition_names, key=len, reverse=True)
                )
            )
            if self._condition_names
            else re.compile(r"(?!x)x")
        )
        self._trial_names = {}
        for trial in trials.values():
            for alias in _trial_aliases(trial.name):
                self._trial_names[alias.lower()] = trial.name
        self._trial_re = _alternation(
            {t.name for t in trials.values()} | {a for t in trials.values() for a in _trial_aliases(t.name)}
        )
        self.medical_words = {
            word
            for name in [*self._drug_names, *self._biomarker_names, *self._condition_names, *self._trial_names]
            for word in re.findall(r"[A-Za-z]+", name.lower())
        }

    def annotate(self, sentence):
        text = sentence.text
        sentence.drugs = [(m.start(), self._drug_names[m.group(1).lower()]) for m in self._drug_re.finditer(text)]
        sentence.biomarkers = [
            (m.start(), self._biomarker_names[m.group(1)], m.end()) for m in self._biomarker_re.finditer(text)
        ]
        names = self._condition_names
        sentence.conditions = [
            (m.start(), names.get(m.group(0)) or names[_one_spelling(m.group(0).lower())])
            for m in self._condition_re.finditer(text)
        ]
        sentence.trials = [
            (m.start(), self._trial_names[re.sub(r"\s+", " ", m.group(1)).lower()])
            for m in self._trial_re.finditer(text)
        ]

    def first_drug(self, text):
        match = self._drug_re.search(text)
        return self._drug_names[match.group(1).lower()] if match else ""

    def condition_label(self, slug):
        name, abbreviation = self.conditions[slug]
        return abbreviation or name


# A condition's name as written on either side of the Atlantic, singular or plural: "tumor", "tumours".
TUMOUR = re.compile(r"tumou?rs?\b")


def _one_spelling(name):
    return TUMOUR.sub("tumor", name)


def _any_spelling(name):
    return r"tumou?rs?\b".join(re.escape(part) for part in TUMOUR.split(_one_spelling(name)))


def _trial_aliases(name):
    """ "PROFILE 1001 ROS1 cohort" is also written "PROFILE 1001"."""
    aliases = [name]
    words = name.split()
    for i, word in enumerate(words[:-1]):
        if any(ch.isdigit() for ch in word) and i > 0:
            aliases.append(" ".join(words[: i + 1]))
            break
    return aliases


VARIANT_NAME = re.compile(r"\bexon\s+\d+\s+(?:del|ins)|\b[A-Z]\d{2,4}[A-Z]\b")


def variant_key(text):
    """ "exon 19 deletion" and "exon 19 del" alike."""
    return re.sub(r"\s+", " ", text).replace("deletion", "del").replace("insertion", "ins").lower()


def target_variants(detail):
    """{variant: target} from "EGFR (exon 19 del, L858R, T790M)"."""
    found = {}
    for target, inside in re.findall(r"([\w-]+)\s*\(([^()]*)\)", detail):
        for variant in VARIANT_NAME.findall(inside):
            found[variant_key(variant)] = target
    return found


def load_catalogue():
    drugs = {}
    for drug in Drug.objects.prefetch_related(
        "targets",
        "indications__condition",
        "indications__biomarker",
        "dose_adjustments",
        "side_effects",
        "contraception",
    ):
        facts = DrugFacts(
            slug=drug.slug,
            name=drug.name,
            brands=drug.brand_name_list,
            targets={t.name for t in drug.targets.all()},
            dose=drug.dose,
            dose_verified=drug.dose_verified,
            dose_changes=[DoseChange(a.kind, a.population, a.dose) for a in drug.dose_adjustments.all()],
            generation=drug.generation,
            variants=target_variants(getattr(drug, "targets_detail", "") or ""),
            side_effects=[SideEffectFacts(e.name, e.plain_name, e.rate, e.fatal_rate) for e in drug.side_effects.all()],
            contraception={c.who: c.days_after_last_dose for c in drug.contraception.all()},
        )
        for indication in drug.indications.all():
            facts.approvals.append(
                Approval(
                    drug=drug.slug,
                    condition=indication.condition.slug,
                    condition_name=indication.condition.short_name,
                    biomarker=indication.biomarker.name if indication.biomarker_id else "",
                    status=indication.status,
                    date=indication.approval_date,
                    approval_type=indication.approval_type,
                    setting=indication.setting,
                    line=indication.line_of_therapy,
                )
            )
        drugs[drug.slug] = facts
    biomarker_rows, condition_rows = list(Biomarker.objects.all()), list(Condition.objects.all())
    biomarkers = {b.name: b.alias_list for b in biomarker_rows}
    conditions = {c.slug: (c.name, c.abbreviation) for c in condition_rows}
    complete_on = {("biomarker", b.name): b.approvals_complete_on for b in biomarker_rows if b.approvals_complete_on}
    complete_on |= {("condition", c.slug): c.approvals_complete_on for c in condition_rows if c.approvals_complete_on}
    trials = {}
    for trial in Trial.objects.select_related("experimental_drug").prefetch_related("control_drugs", "outcomes"):
        trials[trial.name] = TrialFacts(
            name=trial.name,
            experimental_drug=trial.experimental_drug.slug,
            control_drugs={d.slug for d in trial.control_drugs.all()},
            pivotal=trial.pivotal,
            outcomes=[_outcome(o) for o in trial.outcomes.all()],
            experimental_patients=trial.experimental_patients,
            control_patients=trial.control_patients,
            control_arm=trial.control_arm,
            population=trial.population,
        )
    guidelines = [
        Guideline(publisher=s.publisher, title=s.title, version=s.version, key=s.version_key, date=s.date)
        for s in Source.objects.filter(kind=Source.Kind.GUIDELINE)
        if s.version_key
    ]
    catalogue = Catalogue(drugs, biomarkers, conditions, trials, guidelines, complete_on)
    # Each drug's label: where its approvals, mechanism, warnings and dosing come from.
    for source in Source.objects.filter(kind=Source.Kind.LABEL).order_by("-date", "pk"):
        for slug, facts in drugs.items():
            if re.search(rf"\b{re.escape(facts.name)}\b", source.title, re.IGNORECASE):
                catalogue.labels.setdefault(slug, {"title": source.title, "publisher": source.publisher})
    return catalogue


def _outcome(outcome):
    values = {
        "experimental": outcome.experimental_value,
        "control": outcome.control_value,
        "experimental_ci_low": outcome.experimental_ci_low,
        "experimental_ci_high": outcome.experimental_ci_high,
    }
    return OutcomeFacts(
        endpoint=outcome.endpoint,
        endpoint_label=outcome.get_endpoint_display(),
        label=outcome.label,
        analysis=outcome.analysis,
        unit=outcome.unit,
        values={k: v for k, v in values.items() if v is not None},
        hazard_ratio=outcome.hazard_ratio,
        hr_ci=(outcome.hr_ci_low, outcome.hr_ci_high),
        hr_kind=outcome.hr_kind,
        significant=outcome.statistically_significant,
        note=outcome.note,
        timepoint=outcome.timepoint,
        assessor=outcome.assessor,
        population=outcome.population,
    )
