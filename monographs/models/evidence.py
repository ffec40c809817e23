"""The evidence pages cite: sources, clinical trials and their outcomes."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from .fields import EditVersioned

validate_nct_id = RegexValidator(
    r"^NCT\d{8}$", "Enter a ClinicalTrials.gov identifier: NCT followed by 8 digits, e.g. NCT02075840."
)
validate_pmid = RegexValidator(r"^\d{1,9}$", "A PubMed ID is a number of up to 9 digits.")
validate_doi = RegexValidator(r"^10\.\d{4,9}/\S+$", "A DOI starts with 10., e.g. 10.1056/NEJMoa1704795.")

GUIDELINE_VERSION = re.compile(r"^v?(\d+)\.(\d{4})$")


class Source(EditVersioned):
    class Kind(models.TextChoices):
        LABEL = "label", "Prescribing information (label)"
        GUIDELINE = "guideline", "Clinical practice guideline"
        PUBLICATION = "publication", "Journal publication"
        REGULATOR = "regulator", "Regulator record"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    publisher = models.CharField(
        max_length=200, blank=True, help_text="Journal, regulator or guideline body, e.g. NEJM, FDA, NCCN"
    )
    citation = models.CharField(max_length=200, blank=True, help_text="e.g. N Engl J Med 2014;371:2167")
    version = models.CharField(max_length=40, blank=True, help_text="Guideline version as published, e.g. v1.2026")
    date = models.DateField(null=True, blank=True, help_text="Publication or version date")
    url = models.URLField(blank=True)
    pmid = models.CharField("PMID", max_length=12, blank=True, validators=[validate_pmid])
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[validate_doi])

    class Meta:
        ordering = ["kind", "title", "-date"]

    def __str__(self):
        parts = [self.title]
        if self.version:
            parts.append(self.version)
        if self.citation:
            parts.append(self.citation)
        return ", ".join(parts)

    def clean(self):
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = "A source's date cannot be in the future."
        if self.kind == self.Kind.GUIDELINE and not self.version:
            errors["version"] = "A guideline needs its version, e.g. v1.2026, so stale citations can be found."
        if self.kind == self.Kind.GUIDELINE and self.version and not GUIDELINE_VERSION.match(self.version):
            errors["version"] = "Write a guideline version as v<number>.<year>, e.g. v1.2026."
        if errors:
            raise ValidationError(errors)

    @property
    def version_key(self):
        """Orders guideline versions: v1.2026 is newer than v2.2024."""
        match = GUIDELINE_VERSION.match(self.version or "")
        return (int(match.group(2)), int(match.group(1))) if match else None


class Trial(EditVersioned):
    class Phase(models.TextChoices):
        PHASE_1 = "1", "Phase 1"
        PHASE_1_2 = "1/2", "Phase 1/2"
        PHASE_2 = "2", "Phase 2"
        PHASE_3 = "3", "Phase 3"
        PHASE_4 = "4", "Phase 4"

    name = models.CharField(max_length=120, unique=True, help_text="e.g. ALEX, PROFILE 1014")
    slug = models.SlugField(max_length=120, unique=True)
    nct_id = models.CharField("NCT ID", max_length=11, unique=True, null=True, blank=True, validators=[validate_nct_id])
    phase = models.CharField(max_length=4, choices=Phase.choices)
    design = models.CharField(max_length=300, help_text="e.g. randomised, open-label, head-to-head")
    population = models.CharField(max_length=300, help_text="e.g. previously untreated ALK-positive advanced NSCLC")
    line_of_therapy = models.CharField(max_length=100, blank=True)
    experimental_drug = models.ForeignKey("monographs.Drug", on_delete=models.PROTECT, related_name="trials")
    experimental_arm = models.CharField(max_length=200, help_text="e.g. alectinib 600 mg twice daily")
    experimental_patients = models.PositiveIntegerField(null=True, blank=True)
    control_drugs = models.ManyToManyField(
        "monographs.Drug",
        related_name="trials_as_control",
        blank=True,
        help_text="The drugs of the control arm that are on this site (one or more, e.g. gefitinib or erlotinib). "
        "Leave empty if the control is not a drug on this site, or the trial has one arm.",
    )
    control_arm = models.CharField(max_length=200, blank=True, help_text="Blank for a single-arm trial")
    control_patients = models.PositiveIntegerField(null=True, blank=True)
    pivotal = models.BooleanField(default=False, help_text="A trial a drug's approval or standing rests on")
    publications = models.ManyToManyField(Source, blank=True, related_name="trials")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.nct_id})" if self.nct_id else self.name

    def clean(self):
        if self.nct_id:
            self.nct_id = self.nct_id.strip().upper()

    def control_drug_errors(self, control_drugs):
        """What is wrong with these control drugs for this trial; a many-to-many field is set after clean()."""
        control_drugs = list(control_drugs)
        if control_drugs and not self.control_arm:
            return {"control_arm": "Describe the control arm."}
        if self.experimental_drug_id and any(d.pk == self.experimental_drug_id for d in control_drugs):
            return {"control_drugs": "A control drug must differ from the experimental drug."}
        return {}

    @property
    def single_arm(self):
        return not self.control_arm


class Outcome(models.Model):
    """One result of a trial: an endpoint in one analysis, per arm, with its hazard ratio."""

    class Endpoint(models.TextChoices):
        PFS = "pfs", "Progression-free survival"
        OS = "os", "Overall survival"
        ORR = "orr", "Objective response rate"
        DOR = "dor", "Duration of response"
        CNS_PROGRESSION = "cns_progression", "CNS progression"
        EVENT_FREE = "event_free", "Event-free rate"
        # After surgery: alive without the cancer coming back. Neither progression-free nor event-free.
        DFS = "dfs", "Disease-free survival"

    class Measure(models.TextChoices):
        MEDIAN = "median", "Median"
        RATE = "rate", "Proportion of patients"
        LANDMARK = "landmark", "Proportion at a time point"
        HAZARD_RATIO = "hazard_ratio", "Hazard ratio only"
        STATED = "stated", "Stated in words, without figures"

    class Analysis(models.TextChoices):
        PRIMARY = "primary", "Primary analysis"
        INTERIM = "interim", "Interim analysis"
        UPDATED = "updated", "Updated analysis"
        FINAL = "final", "Final analysis"
        LABEL = "label", "FDA label / FDA review"

    class Assessor(models.TextChoices):
        INVESTIGATOR = "investigator", "Investigator-assessed"
        INDEPENDENT = "independent", "Independent review"

    class Unit(models.TextChoices):
        MONTHS = "months", "months"
        PERCENT = "%", "%"

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="outcomes")
    endpoint = models.CharField(max_length=20, choices=Endpoint.choices)
    measure = models.CharField(max_length=20, choices=Measure.choices)
    timepoint = models.CharField(max_length=40, blank=True, help_text="For a landmark, e.g. 5-year, 12-month")
    population = models.CharField(
        max_length=100,
        blank=True,
        help_text="The patients this result is for, if not the whole trial, e.g. stage II-IIIA",
    )
    analysis = models.CharField(max_length=10, choices=Analysis.choices)
    assessor = models.CharField(max_length=15, choices=Assessor.choices, blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices, blank=True)
    experimental_value = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    experimental_ci_low = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    experimental_ci_high = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    control_value = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    patients = models.PositiveIntegerField(null=True, blank=True, help_text="Patients analysed, if it differs")
    hazard_ratio = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    hr_ci_low = models.DecimalField("HR 95% CI low", max_digits=5, decimal_places=2, null=True, blank=True)
    hr_ci_high = models.DecimalField("HR 95% CI high", max_digits=5, decimal_places=2, null=True, blank=True)
    hr_kind = models.CharField(max_length=40, blank=True, help_text="e.g. cause-specific")
    statistically_significant = models.BooleanField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True, help_text="e.g. 84% of the control arm crossed over")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="outcomes")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["trial__name", "order", "pk"]

    def __str__(self):
        return f"{self.trial.name}: {self.label}"

    @property
    def label(self):
        endpoint = self.get_endpoint_display()
        if self.timepoint and not endpoint[:2].isupper():  # "5-year overall survival", but "CNS ..."
            endpoint = endpoint[0].lower() + endpoint[1:]
        parts = [f"{self.timepoint} {endpoint}" if self.timepoint else endpoint]
        if self.population:
            parts[0] += f", {self.population}"
        if self.assessor:
            parts.append(f"({self.get_assessor_display().lower()})")
        analysis = self.get_analysis_display()
        parts.append(f"— {analysis if analysis.startswith('FDA') else analysis.lower()}")
        return " ".join(parts)

    def clean(self):
        errors = {}
        values = {
            "experimental_value": self.experimental_value,
            "control_value": self.control_value,
            "experimental_ci_low": self.experimental_ci_low,
            "experimental_ci_high": self.experimental_ci_high,
        }
        has_value = any(v is not None for v in values.values())
        if has_value and not self.unit:
            errors["unit"] = "Give the unit of the values (months or %)."
        for field, value in values.items():
            if value is None:
                continue
            if value < 0:
                errors[field] = "A value cannot be negative."
            elif self.unit == self.Unit.PERCENT and value > 100:
                errors[field] = "A percentage must be between 0 and 100."
        if self.measure in (self.Measure.RATE, self.Measure.LANDMARK) and self.unit == self.Unit.MONTHS:
            errors["unit"] = "A proportion of patients is a percentage."
        if self.measure == self.Measure.HAZARD_RATIO and (has_value or self.hazard_ratio is None):
            errors["measure"] = "A 'hazard ratio only' outcome has a hazard ratio and no per-arm values."
        if self.measure == self.Measure.STATED and (has_value or self.hazard_ratio is not None or not self.note):
            errors["measure"] = "A result stated in words has no figures; write it in the note."
        if self.measure == self.Measure.LANDMARK and not self.timepoint:
            errors["timepoint"] = "Say at which time point, e.g. 5-year."
        low, high = self.experimental_ci_low, self.experimental_ci_high
        if (low is None) != (high is None):
            errors["experimental_ci_high"] = "Give both ends of the confidence interval, or neither."
        elif low is not None and not (low <= (self.experimental_value or low) <= high and low < high):
            errors["experimental_ci_low"] = "The value must lie inside its confidence interval."
        errors.update(self._hazard_ratio_errors())
        if self.trial_id and self.control_value is not None and self.trial.single_arm:
            errors["control_value"] = "This trial has a single arm; there is no control value."
        if errors:
            raise ValidationError(errors)

    def _hazard_ratio_errors(self):
        hr, low, high = self.hazard_ratio, self.hr_ci_low, self.hr_ci_high
        if hr is None:
            if low is not None or high is not None:
                return {"hazard_ratio": "A confidence interval needs its hazard ratio."}
            return {}
        if hr <= 0:
            return {"hazard_ratio": "A hazard ratio must be above 0."}
        if (low is None) != (high is None):
            return {"hr_ci_high": "Give both ends of the 95% confidence interval, or neither."}
        if low is not None:
            if low <= 0:
                return {"hr_ci_low": "The lower end of the interval must be above 0."}
            if not low <= hr <= high:
                return {"hazard_ratio": f"The hazard ratio {hr} must lie inside its 95% CI ({low}-{high})."}
        return {}
