"""What a patient needs to take a drug safely, as data: the label's warnings and side
effects with their rates, the tests the care team does, how long contraception is needed,
and how to take the medicine.

Like doses, these are facts with one home: the drug page shows them from the snapshot,
and the content checks compare prose with them (a contraception period or a rate that
differs from the row is an error).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class SideEffect(models.Model):
    """A label warning (serious) or a common side effect, with how often it happens."""

    class Kind(models.TextChoices):
        SERIOUS = "serious", "Serious: a warning of the label"
        COMMON = "common", "Common side effect"

    drug = models.ForeignKey("monographs.Drug", on_delete=models.CASCADE, related_name="side_effects")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(
        max_length=120, help_text="As the label names it, e.g. Interstitial lung disease (pneumonitis)"
    )
    plain_name = models.CharField(
        max_length=120, blank=True, help_text="What a patient would call it, e.g. Lung inflammation"
    )
    description = models.TextField(
        max_length=1000, blank=True, help_text="In plain language: what it is and what it may feel like"
    )
    rate = models.DecimalField(
        "how often (%)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text="Share of patients in the label's studies; leave blank if the label gives none",
    )
    rate_measure = models.CharField(
        max_length=120, blank=True, help_text="What the rate counts, e.g. any grade; QTcF of 500 ms or more"
    )
    rate_is_approximate = models.BooleanField(default=False, help_text='Tick when the label says "about"')
    fatal_rate = models.DecimalField(
        "fatal in (%)", max_digits=5, decimal_places=1, null=True, blank=True, validators=PERCENT
    )
    when_to_call = models.TextField(
        "when to call the care team",
        max_length=1000,
        blank=True,
        help_text="The signs that mean a patient should call at once, as the label or the care team words them",
    )
    source = models.ForeignKey("monographs.Source", on_delete=models.PROTECT, related_name="side_effects")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["drug__name", "order", "pk"]

    def __str__(self):
        return f"{self.drug.name}: {self.name}"

    def clean(self):
        if self.rate is None and self.rate_measure:
            raise ValidationError({"rate_measure": "Give the rate this describes, or leave both blank."})
        if self.rate is None and self.rate_is_approximate:
            raise ValidationError({"rate_is_approximate": "There is no rate to call approximate."})


class Monitoring(models.Model):
    """A test the care team does while a patient takes the drug, and when."""

    drug = models.ForeignKey("monographs.Drug", on_delete=models.CASCADE, related_name="monitoring")
    test = models.CharField(max_length=200, help_text="e.g. Liver blood tests")
    schedule = models.CharField(max_length=300, help_text="When, as the label says it")
    reason = models.CharField(max_length=300, blank=True, help_text="What it looks for, in plain language")
    source = models.ForeignKey("monographs.Source", on_delete=models.PROTECT, related_name="monitoring")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["drug__name", "order", "pk"]
        verbose_name_plural = "monitoring"

    def __str__(self):
        return f"{self.drug.name}: {self.test}"


class Contraception(models.Model):
    """How long after the last dose pregnancy must be avoided, for whom."""

    class Who(models.TextChoices):
        FEMALE = "female", "Women who could become pregnant"
        MALE = "male", "Men with a partner who could become pregnant"

    drug = models.ForeignKey("monographs.Drug", on_delete=models.CASCADE, related_name="contraception")
    who = models.CharField(max_length=10, choices=Who.choices)
    days_after_last_dose = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="As the label gives it, in days",
    )
    source = models.ForeignKey("monographs.Source", on_delete=models.PROTECT, related_name="contraception")

    class Meta:
        ordering = ["drug__name", "who"]
        constraints = [models.UniqueConstraint(fields=["drug", "who"], name="one_contraception_period_per_person")]

    def __str__(self):
        return f"{self.drug.name}: {self.get_who_display()}: {self.days_after_last_dose} days"
