"""The snapshot: a page as plain JSON, everything its public rendering shows.

One function per page type builds it from the working copy. A submission freezes it,
a sign-off publishes it, and the public templates render nothing else, so what a
reviewer signs is exactly what the public reads. Values stay strings where precision
matters ("34.8", not 34.80000001).
"""

import hashlib
import json

from django.db.models import Prefetch, Q

from .models import (
    Article,
    Comparison,
    DoseAdjustment,
    Drug,
    DrugPage,
    Indication,
    Outcome,
    Page,
    Source,
    Trial,
)

SCHEMA_VERSION = 1


def build_snapshot(page):
    page = page.specific
    builder = {
        Page.Kind.DRUG: drug_page_snapshot,
        Page.Kind.COMPARISON: comparison_snapshot,
        Page.Kind.ARTICLE: article_snapshot,
    }[page.kind]
    return builder(page)


def content_hash(snapshot):
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def drug_page_snapshot(page: DrugPage):
    drugs = _drugs([page.drug_id])
    trials = _trials(Q(experimental_drug_id=page.drug_id) | Q(control_drug_id=page.drug_id))
    return _page(page, drugs=drugs, trials=trials, extra={"drug": drugs[0]["slug"]})


def comparison_snapshot(page: Comparison):
    drug_ids = list(page.drugs.values_list("pk", flat=True))
    drugs = sorted(_drugs(drug_ids), key=lambda drug: _named_at(page.title, drug))
    trials = _trials(Q(pk=page.head_to_head_id)) if page.head_to_head_id else []
    # Pivotal trials feed the comparison table's "pivotal trials" row.
    pivotal = _trials(Q(pivotal=True, experimental_drug_id__in=drug_ids))
    seen = {t["slug"] for t in trials}
    trials += [t for t in pivotal if t["slug"] not in seen]
    extra = {
        "head_to_head": trials[0]["slug"] if page.head_to_head_id else None,
        "verdict": page.verdict,
    }
    return _page(page, drugs=drugs, trials=trials, extra=extra)


def _named_at(title, drug):
    """Where the title names the drug, so columns read in the title's order ("crizotinib vs alectinib")."""
    title = title.lower()
    positions = [title.find(name.lower()) for name in [drug["name"], *drug["brand_names"]]]
    found = [p for p in positions if p >= 0]
    return (min(found) if found else len(title), drug["name"])


def article_snapshot(page: Article):
    drugs = _drugs(list(page.drugs.values_list("pk", flat=True)))
    biomarkers = [
        {"name": b.name, "full_name": b.full_name} for b in page.biomarkers.order_by("name")
    ]
    return _page(page, drugs=drugs, trials=[], extra={"biomarkers": biomarkers})


def _page(page, drugs, trials, extra):
    groups = page.question_groups.prefetch_related("questions")
    citations = page.citations.select_related("source")
    snapshot = {
        "schema": SCHEMA_VERSION,
        "kind": page.kind,
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "review_interval_months": page.review_interval_months,
        "series": {"name": page.series.name, "slug": page.series.slug} if page.series_id else None,
        "sections": [{"heading": s.heading, "body": s.body} for s in page.sections.all()],
        "question_groups": [
            {"heading": g.heading, "intro": g.intro, "questions": [q.text for q in g.questions.all()]}
            for g in groups
        ],
        "sources": [dict(source_data(c.source), note=c.note) for c in citations],
        "drugs": drugs,
        "trials": trials,
    }
    snapshot.update(extra)
    snapshot["refs"] = _references(page, drugs, trials, citations)
    return snapshot


def _references(page, drugs, trials, citations):
    """Every row the snapshot was built from, so later edits to them can be traced."""
    return {
        "page": page.pk,
        "drugs": sorted(d["id"] for d in drugs),
        "indications": sorted(i["id"] for d in drugs for i in d["indications"]),
        "dose_adjustments": sorted(a["id"] for d in drugs for a in d["dose_adjustments"]),
        "trials": sorted(t["id"] for t in trials),
        "outcomes": sorted(o["id"] for t in trials for o in t["outcomes"]),
        "sources": sorted({c.source_id for c in citations}),
    }


def _drugs(drug_ids):
    drugs = (
        Drug.objects.filter(pk__in=drug_ids)
        .prefetch_related(
            "targets",
            Prefetch(
                "indications",
                queryset=Indication.objects.select_related("condition", "biomarker").order_by(
                    "approval_date", "pk"
                ),
            ),
            Prefetch("trials", queryset=Trial.objects.filter(pivotal=True).order_by("name"), to_attr="pivotal"),
            Prefetch("dose_adjustments", queryset=DoseAdjustment.objects.order_by("order", "pk")),
        )
        .order_by("name")
    )
    by_id = {d.pk: drug_data(d) for d in drugs}
    return [by_id[pk] for pk in drug_ids if pk in by_id]


def drug_data(drug):
    return {
        "id": drug.pk,
        "name": drug.name,
        "slug": drug.slug,
        "brand_names": drug.brand_name_list,
        "drug_class": drug.drug_class,
        "generation": drug.get_generation_display() if drug.generation else "",
        "targets": [t.name for t in drug.targets.all()],
        "targets_detail": drug.targets_detail,
        "dose": drug.dose,
        "dose_verified": drug.dose_verified,
        "route": drug.route,
        "prescription_only": drug.prescription_only,
        "manufacturers": drug.manufacturers,
        "generic_available": drug.generic_available,
        "indications": [indication_data(i) for i in drug.indications.all()],
        "pivotal_trials": [t.name for t in drug.pivotal],
        "dose_adjustments": [
            {"id": a.pk, "kind": a.kind, "population": a.population, "dose": a.dose}
            for a in drug.dose_adjustments.all()
        ],
    }


def indication_data(indication):
    return {
        "id": indication.pk,
        "condition": indication.condition.name,
        "condition_short": indication.condition.short_name,
        "biomarker": indication.biomarker.name if indication.biomarker_id else "",
        "regulator": indication.regulator,
        "status": indication.status,
        "approval_type": indication.approval_type,
        "approval_type_label": indication.get_approval_type_display() if indication.approval_type else "",
        "approval_date": indication.approval_date.isoformat() if indication.approval_date else None,
        "approval_date_display": indication.approval_date_display,
        "line_of_therapy": indication.line_of_therapy,
        "setting": indication.setting,
        "population": indication.population,
    }


def _trials(condition):
    trials = (
        Trial.objects.filter(condition)
        .select_related("experimental_drug", "control_drug")
        .prefetch_related(
            Prefetch("outcomes", queryset=Outcome.objects.select_related("source").order_by("order", "pk")),
        )
        .order_by("name")
    )
    return [trial_data(t) for t in trials]


def trial_data(trial):
    return {
        "id": trial.pk,
        "name": trial.name,
        "slug": trial.slug,
        "nct_id": trial.nct_id or "",
        "phase": trial.get_phase_display(),
        "design": trial.design,
        "population": trial.population,
        "line_of_therapy": trial.line_of_therapy,
        "pivotal": trial.pivotal,
        "experimental_drug": trial.experimental_drug.slug,
        "experimental_arm": trial.experimental_arm,
        "experimental_patients": trial.experimental_patients,
        "control_drug": trial.control_drug.slug if trial.control_drug_id else "",
        "control_arm": trial.control_arm,
        "control_patients": trial.control_patients,
        "outcomes": [outcome_data(o) for o in trial.outcomes.all()],
    }


def _decimal(value):
    return None if value is None else str(value)


def _value(value, unit):
    """Percentages as trials report them (74%, 68.4%); months keep their decimal (7.0 months)."""
    if value is not None and unit == "%" and value == value.to_integral_value():
        return str(int(value))
    return _decimal(value)


def outcome_data(outcome):
    unit = outcome.unit
    return {
        "id": outcome.pk,
        "label": outcome.label,
        "endpoint": outcome.endpoint,
        "endpoint_label": outcome.get_endpoint_display(),
        "measure": outcome.measure,
        "timepoint": outcome.timepoint,
        "analysis": outcome.analysis,
        "analysis_label": outcome.get_analysis_display(),
        "assessor": outcome.assessor,
        "assessor_label": outcome.get_assessor_display() if outcome.assessor else "",
        "unit": outcome.unit,
        "experimental_value": _value(outcome.experimental_value, unit),
        "experimental_ci_low": _value(outcome.experimental_ci_low, unit),
        "experimental_ci_high": _value(outcome.experimental_ci_high, unit),
        "control_value": _value(outcome.control_value, unit),
        "patients": outcome.patients,
        "hazard_ratio": _decimal(outcome.hazard_ratio),
        "hr_ci_low": _decimal(outcome.hr_ci_low),
        "hr_ci_high": _decimal(outcome.hr_ci_high),
        "hr_kind": outcome.hr_kind,
        "statistically_significant": outcome.statistically_significant,
        "note": outcome.note,
        "source": str(outcome.source),
        "source_id": outcome.source_id,
    }


def source_data(source: Source):
    return {
        "id": source.pk,
        "kind": source.kind,
        "kind_label": source.get_kind_display(),
        "title": source.title,
        "publisher": source.publisher,
        "citation": source.citation,
        "version": source.version,
        "date": source.date.isoformat() if source.date else None,
        "url": source.url,
        "pmid": source.pmid,
        "doi": source.doi,
    }
