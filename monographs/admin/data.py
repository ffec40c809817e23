"""Shared data that pages show: drugs and their approvals, trials and outcomes, sources, series."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

from monographs.forms import TrialForm
from monographs.models import (
    Biomarker,
    Condition,
    Contraception,
    DoseAdjustment,
    Drug,
    GlossaryTerm,
    Indication,
    Monitoring,
    Outcome,
    Series,
    SideEffect,
    Source,
    Trial,
)

from .history import EditConflictAdmin


class DateDrillDownChangeList(ChangeList):
    """Django's date drill-down fails on a date it cannot hold (year 9999 and past): such a link is a bad filter."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


@admin.register(Series)
class SeriesAdmin(EditConflictAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Condition)
class ConditionAdmin(EditConflictAdmin):
    list_display = ("name", "abbreviation", "slug", "approvals_complete_on")
    search_fields = ("name", "abbreviation")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Biomarker)
class BiomarkerAdmin(EditConflictAdmin):
    list_display = ("name", "full_name", "aliases", "approvals_complete_on")
    search_fields = ("name", "full_name", "aliases")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Source)
class SourceAdmin(EditConflictAdmin):
    list_display = ("title", "kind", "publisher", "version", "date")
    list_filter = ("kind", "publisher")
    search_fields = ("title", "publisher", "citation", "pmid", "doi")
    date_hierarchy = "date"

    def get_changelist(self, request, **kwargs):
        return DateDrillDownChangeList


@admin.register(GlossaryTerm)
class GlossaryAdmin(EditConflictAdmin):
    """Terms shown with their definitions on the pages that use them; a change waits for each page's sign-off."""

    list_display = ("term", "aliases", "pronunciation")
    search_fields = ("term", "aliases", "definition")
    prepopulated_fields = {"slug": ("term",)}
    fields = ("term", "slug", "aliases", "pronunciation", "definition")


class IndicationInline(admin.StackedInline):
    model = Indication
    extra = 0
    autocomplete_fields = ("condition", "biomarker", "source")
    fields = (
        ("condition", "biomarker"),
        ("regulator", "status", "approval_type"),
        ("approval_date", "date_precision"),
        ("line_of_therapy", "setting", "population"),
        "source",
    )


class DoseAdjustmentInline(admin.TabularInline):
    model = DoseAdjustment
    extra = 0
    autocomplete_fields = ("source",)
    fields = ("kind", "population", "dose", "order", "source")


class SideEffectInline(admin.StackedInline):
    model = SideEffect
    extra = 0
    autocomplete_fields = ("source",)
    fields = (
        ("kind", "order"),
        ("name", "plain_name"),
        "description",
        ("rate", "rate_is_approximate", "rate_measure"),
        "fatal_rate",
        "when_to_call",
        "source",
    )


class MonitoringInline(admin.TabularInline):
    model = Monitoring
    extra = 0
    autocomplete_fields = ("source",)
    fields = ("test", "schedule", "reason", "order", "source")


class ContraceptionInline(admin.TabularInline):
    model = Contraception
    extra = 0
    max_num = len(Contraception.Who)
    autocomplete_fields = ("source",)
    fields = ("who", "days_after_last_dose", "source")


@admin.register(Drug)
class DrugAdmin(EditConflictAdmin):
    list_display = ("name", "brand_names", "drug_class", "generation", "dose_verified")
    list_filter = ("generation", "dose_verified", "targets")
    search_fields = ("name", "brand_names", "drug_class")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("targets",)
    inlines = (IndicationInline, DoseAdjustmentInline, SideEffectInline, MonitoringInline, ContraceptionInline)
    fieldsets = (
        (None, {"fields": ("name", "brand_names", "slug")}),
        ("What it is", {"fields": ("drug_class", "generation", "targets", "targets_detail")}),
        (
            "How it is given",
            {"fields": ("dose", "dose_verified", "route", "food", "how_to_take", "prescription_only")},
        ),
        ("Supply", {"fields": ("manufacturers", "generic_available")}),
    )


class OutcomeInline(admin.StackedInline):
    model = Outcome
    extra = 0
    autocomplete_fields = ("source",)
    fields = (
        ("endpoint", "measure", "timepoint"),
        ("analysis", "assessor", "population"),
        "unit",
        ("experimental_value", "experimental_ci_low", "experimental_ci_high"),
        ("control_value", "patients"),
        ("hazard_ratio", "hr_ci_low", "hr_ci_high", "hr_kind"),
        ("statistically_significant", "order"),
        "note",
        "source",
    )


@admin.register(Trial)
class TrialAdmin(EditConflictAdmin):
    list_display = ("name", "nct_id", "phase", "experimental_drug", "control_arm", "pivotal")
    list_filter = ("phase", "pivotal", "experimental_drug")
    list_select_related = ("experimental_drug",)
    search_fields = ("name", "nct_id", "experimental_arm", "control_arm", "population")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("experimental_drug", "control_drugs", "publications")
    form = TrialForm
    inlines = (OutcomeInline,)
    fieldsets = (
        (None, {"fields": ("name", "slug", "nct_id", "phase", "pivotal")}),
        ("Design", {"fields": ("design", "population", "line_of_therapy")}),
        (
            "Arms",
            {
                "fields": (
                    ("experimental_drug", "experimental_arm", "experimental_patients"),
                    ("control_drugs", "control_arm", "control_patients"),
                )
            },
        ),
        ("Publications", {"fields": ("publications",)}),
    )
