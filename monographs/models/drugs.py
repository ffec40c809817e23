"""Drugs, the conditions they treat, biomarkers, and their regulatory approvals."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .fields import EditVersioned

COMPLETE_HELP = (
    "Set only when someone has checked that every approval of this {what} up to this date is "
    'entered. The content checks then treat "the only approved ..." and "the first ..." claims up to '
    "this date as confirmed by the data; without it they can only warn that the data cannot confirm them."
)


class Condition(EditVersioned):
    name = models.CharField(max_length=200, unique=True)
    abbreviation = models.CharField(max_length=40, blank=True, help_text="e.g. NSCLC")
    slug = models.SlugField(max_length=200, unique=True)
    approvals_complete_on = models.DateField(
        "approvals complete as of", null=True, blank=True, help_text=COMPLETE_HELP.format(what="condition")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    @property
    def short_name(self):
        return self.abbreviation or self.name


class Biomarker(EditVersioned):
    """A gene alteration or protein a test looks for, or a drug aims at (ALK, ROS1, EGFR)."""

    name = models.CharField(max_length=60, unique=True, help_text="As written on pages, e.g. ALK")
    full_name = models.CharField(max_length=200, blank=True)
    aliases = models.CharField(max_length=200, blank=True, help_text="Other names, comma-separated, e.g. c-Met, HGFR")
    slug = models.SlugField(max_length=60, unique=True)
    approvals_complete_on = models.DateField(
        "approvals complete as of", null=True, blank=True, help_text=COMPLETE_HELP.format(what="biomarker")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def alias_list(self):
        return [a.strip() for a in self.aliases.split(",") if a.strip()]


class Drug(EditVersioned):
    class Generation(models.IntegerChoices):
        FIRST = 1, "First generation"
        SECOND = 2, "Second generation"
        THIRD = 3, "Third generation"

    class Food(models.TextChoices):
        WITH = "with", "With food"
        EITHER = "either", "With or without food"
        WITHOUT = "without", "On an empty stomach"

    name = models.CharField("generic name", max_length=120, unique=True)
    brand_names = models.CharField(max_length=200, blank=True, help_text="Comma-separated")
    slug = models.SlugField(max_length=120, unique=True)
    drug_class = models.CharField(max_length=200, help_text="e.g. ALK/ROS1/MET tyrosine kinase inhibitor")
    generation = models.PositiveSmallIntegerField(choices=Generation.choices, null=True, blank=True)
    targets = models.ManyToManyField(Biomarker, related_name="targeted_by", blank=True)
    targets_detail = models.CharField(
        max_length=300, blank=True, help_text="Targets as the label words them, e.g. ALK, ROS1, c-Met (HGFR), RON"
    )
    dose = models.CharField("usual adult dose", max_length=300, blank=True)
    dose_verified = models.BooleanField(
        "dose checked against the current label",
        default=False,
        help_text="Leave unticked until someone has checked the dose against the label.",
    )
    route = models.CharField(max_length=60, blank=True, help_text="e.g. oral. Leave blank if not checked.")
    food = models.CharField(
        "with food?",
        max_length=10,
        choices=Food.choices,
        blank=True,
        help_text="As the label says. Leave blank if not checked.",
    )
    how_to_take = models.TextField(
        max_length=1000,
        blank=True,
        help_text="What the label says about taking it (swallowing whole, a missed dose), in plain language",
    )
    prescription_only = models.BooleanField(default=True)
    manufacturers = models.CharField(max_length=300, blank=True)
    generic_available = models.BooleanField(null=True, blank=True, help_text="Leave blank if not checked.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def brand_name_list(self):
        return [b.strip() for b in self.brand_names.split(",") if b.strip()]


class Indication(models.Model):
    """One use of a drug (condition x biomarker) and its standing with one regulator."""

    class Regulator(models.TextChoices):
        FDA = "FDA", "US FDA"
        EMA = "EMA", "European Medicines Agency"

    class ApprovalType(models.TextChoices):
        ACCELERATED = "accelerated", "Accelerated approval"
        REGULAR = "regular", "Regular approval"

    class Status(models.TextChoices):
        APPROVED = "approved", "Approved"
        NOT_APPROVED = "not_approved", "Not approved (guideline-listed or off-label use)"

    class DatePrecision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="indications")
    condition = models.ForeignKey(Condition, on_delete=models.PROTECT, related_name="indications")
    biomarker = models.ForeignKey(
        Biomarker, on_delete=models.PROTECT, related_name="indications", null=True, blank=True
    )
    regulator = models.CharField(max_length=10, choices=Regulator.choices, default=Regulator.FDA)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.APPROVED)
    approval_type = models.CharField(
        max_length=20, choices=ApprovalType.choices, blank=True, help_text="Leave blank if the source does not say."
    )
    approval_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date is known; 2018-11 is entered as 2018-11-01 with precision 'month'.",
    )
    line_of_therapy = models.CharField(max_length=200, blank=True, help_text="e.g. first line; after crizotinib")
    setting = models.CharField(max_length=200, blank=True, help_text="e.g. metastatic; adjuvant after resection")
    population = models.CharField(max_length=200, blank=True, help_text="e.g. adults; children aged 1 year and older")
    source = models.ForeignKey(
        "monographs.Source", on_delete=models.PROTECT, null=True, blank=True, related_name="indications"
    )

    class Meta:
        ordering = ["drug__name", "approval_date", "pk"]

    def __str__(self):
        marker = f"{self.biomarker.name}-positive " if self.biomarker_id else ""
        return f"{self.drug.name}: {marker}{self.condition.short_name} ({self.get_status_display()})"

    def clean(self):
        errors = {}
        if self.approval_date and self.approval_date > timezone.localdate():
            errors["approval_date"] = "An approval date cannot be in the future."
        if self.status != self.Status.APPROVED:
            if self.approval_type:
                errors["approval_type"] = "A use that is not approved has no approval type."
            if self.approval_date:
                errors["approval_date"] = "A use that is not approved has no approval date."
        if errors:
            raise ValidationError(errors)

    @property
    def approval_date_display(self):
        if not self.approval_date:
            return ""
        if self.date_precision == self.DatePrecision.YEAR:
            return f"{self.approval_date:%Y}"
        if self.date_precision == self.DatePrecision.MONTH:
            return f"{self.approval_date:%B %Y}"
        return f"{self.approval_date:%B} {self.approval_date.day}, {self.approval_date:%Y}"


class DoseAdjustment(models.Model):
    """A label's changed dose for one group of patients, e.g. severe renal impairment."""

    class Kind(models.TextChoices):
        RENAL = "renal", "Renal (kidney) impairment"
        HEPATIC = "hepatic", "Hepatic (liver) impairment"
        OTHER = "other", "Other"

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="dose_adjustments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    population = models.CharField(
        max_length=300,
        help_text="Who the dose is for, as the label words it, e.g. Severe renal impairment "
        "(creatinine clearance below 30 mL/min), not on dialysis",
    )
    dose = models.CharField(max_length=200, help_text="e.g. 250 mg once daily")
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(
        "monographs.Source", on_delete=models.PROTECT, null=True, blank=True, related_name="dose_adjustments"
    )

    class Meta:
        ordering = ["drug__name", "order", "pk"]

    def __str__(self):
        return f"{self.drug.name}: {self.population}: {self.dose}"
