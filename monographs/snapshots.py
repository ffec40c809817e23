"""The snapshot: a page as plain JSON, everything its public rendering shows.

One function per page type builds it from the working copy. A submission freezes it,
a sign-off publishes it, and the public templates render nothing else, so what a
reviewer signs is exactly what the public reads. Values stay strings where precision
matters ("34.8", not 34.80000001).

While it builds, a snapshot records every row it reads in "refs" ({model label: ids}).
Stale detection, four eyes and the reviewer's list of changed rows read those
references and nothing else, so a row cannot reach a page without being tracked.
Beside them, "fingerprints" ({model label: {id: hash}}) holds a short hash of what each
of those rows held, so that stale detection compares one row's hash with the hashes
every page recorded instead of rebuilding every page that shows the row. Snapshots
built before fingerprints have none; their readers rebuild the page instead.
"""

import copy
import datetime
import decimal
import functools
import hashlib
import json
from collections import defaultdict

from django.db.models import Prefetch, Q

from . import glossary
from .models import (
    Contraception,
    DoseAdjustment,
    Drug,
    GlossaryTerm,
    Indication,
    Monitoring,
    Outcome,
    SideEffect,
    Trial,
)
from .references import expand
from .traceability import unlisted_sources

SCHEMA_VERSION = 5


class References:
    """The rows a snapshot was built from, by model label (a page also under its parent, Page)."""

    def __init__(self):
        self._rows = defaultdict(set)
        self._fingerprints = defaultdict(dict)
        self.figure_sources = {}  # {pk: Source} of the rows with figures, for the page's list

    def cite(self, source):
        """A source a figure row cites: recorded, and kept for the page's list of sources."""
        self.add(source)
        self.figure_sources[source.pk] = source

    def add(self, *instances):
        for instance in instances:
            if instance is None:
                continue
            for model in [type(instance), *instance._meta.get_parent_list()]:
                label = model._meta.label_lower
                self._rows[label].add(instance.pk)
                if instance.pk not in self._fingerprints[label]:
                    self._fingerprints[label][instance.pk] = fingerprint(model, _held(model, instance))

    def as_dict(self):
        return {label: sorted(pks) for label, pks in sorted(self._rows.items())}

    def fingerprints(self):
        return {
            label: {str(pk): fingerprints[pk] for pk in sorted(fingerprints)}
            for label, fingerprints in sorted(self._fingerprints.items())
        }


# Fingerprints ------------------------------------------------------------------------------

# The relations along which the builders below gather rows by what they point at (the
# sections of a page, the trials of a drug, the outcomes of a trial): a row saved along one
# of them may join a page that records the row it points at, though no row the page
# recorded changed. Other pointers (an outcome's source) never bring a row onto a page;
# following them would rebuild every page that cites a source. tests/test_stale_detection.py
# holds this list to the builders.
GATHERED = {
    "monographs.section": ("page",),
    "monographs.questiongroup": ("page",),
    "monographs.question": ("group",),
    "monographs.citation": ("page",),
    "monographs.indication": ("drug",),
    "monographs.doseadjustment": ("drug",),
    "monographs.sideeffect": ("drug",),
    "monographs.monitoring": ("drug",),
    "monographs.contraception": ("drug",),
    "monographs.trial": ("experimental_drug", "control_drugs"),
    "monographs.outcome": ("trial",),
}


@functools.cache
def fingerprinted_fields(model):
    """What a row's fingerprint covers: what an editor can change, not bookkeeping (times, edit versions)."""
    fields = [f for f in model._meta.concrete_fields if f.editable and not f.primary_key]
    # A many-to-many through a model of its own (a page's citations) is tracked as that model's rows.
    relations = [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
    return tuple(fields), tuple(relations)


def _held(model, instance):
    """{field name: value} of what the row holds, as `fingerprint` reads it."""
    fields, relations = fingerprinted_fields(model)
    held = {f.name: getattr(instance, f.attname) for f in fields}
    prefetched = getattr(instance, "_prefetched_objects_cache", {})
    for relation in relations:
        if relation.name in prefetched:
            held[relation.name] = [row.pk for row in prefetched[relation.name]]
        else:
            held[relation.name] = list(getattr(instance, relation.name).values_list("pk", flat=True))
    return held


def current_fingerprints(model, pks):
    """{pk: fingerprint} of the rows of `model` as they are now, in one query and one per many-to-many field."""
    fields, relations = fingerprinted_fields(model)
    held = {
        row.pop("pk"): row for row in model._base_manager.filter(pk__in=pks).values("pk", *(f.attname for f in fields))
    }
    for row in held.values():
        for f in fields:
            row[f.name] = row.pop(f.attname)
        for relation in relations:
            row[relation.name] = []
    for relation in relations:
        through = relation.remote_field.through
        source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        pairs = through._base_manager.filter(**{f"{source}__in": list(held)})
        for pk, related_pk in pairs.values_list(f"{source}_id", f"{target}_id"):
            held[pk][relation.name].append(related_pk)
    return {pk: fingerprint(model, row) for pk, row in held.items()}


def fingerprint(model, held):
    """A short hash of a row's values, the same whether they come from an instance or from the database."""
    fields, relations = fingerprinted_fields(model)
    values = [_plain(f.to_python(held[f.name])) for f in fields]
    values += [sorted(held[relation.name]) for relation in relations]
    canonical = json.dumps(values, separators=(",", ":"), ensure_ascii=False)
    return hashlib.blake2b(canonical.encode("utf-8"), digest_size=8).hexdigest()


def _plain(value):
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")  # 50, 50.0 and 50.00 are one value
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def content_hash(snapshot):
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# What a snapshot records about the rows it was built from, not what the page shows.
BOOKKEEPING = ("refs", "fingerprints")


def same_content(signed, current):
    """Whether two snapshots show the same page, whatever their schema: the references are bookkeeping."""
    signed, current = upgrade(signed), upgrade(current)
    return {k: v for k, v in signed.items() if k not in BOOKKEEPING} == {
        k: v for k, v in current.items() if k not in BOOKKEEPING
    }


def drug_page(page):
    refs = References()
    drugs = _drugs([page.drug_id], refs)
    trials = _trials(Q(experimental_drug_id=page.drug_id) | Q(control_drugs=page.drug_id), refs)
    return assemble(page, refs, drugs=drugs, trials=trials, extra={"drug": drugs[0]["slug"]})


def comparison(page):
    refs = References()
    drug_ids = list(page.drugs.values_list("pk", flat=True))
    drugs = sorted(_drugs(drug_ids, refs), key=lambda drug: named_at(page.title, drug))
    trials = _trials(Q(pk=page.head_to_head_id), refs) if page.head_to_head_id else []
    # Pivotal trials feed the comparison table's "pivotal trials" row.
    pivotal = _trials(Q(pivotal=True, experimental_drug_id__in=drug_ids), refs)
    seen = {t["slug"] for t in trials}
    trials += [t for t in pivotal if t["slug"] not in seen]
    extra = {
        "head_to_head": trials[0]["slug"] if page.head_to_head_id else None,
        "verdict": page.verdict,
    }
    return assemble(page, refs, drugs=drugs, trials=trials, extra=extra)


def named_at(title, drug):
    """Where the title names the drug, so columns read in the title's order ("crizotinib vs alectinib")."""
    title = title.lower()
    positions = [title.find(name.lower()) for name in [drug["name"], *drug["brand_names"]]]
    found = [p for p in positions if p >= 0]
    return (min(found) if found else len(title), drug["name"])


def article(page):
    refs = References()
    drug_ids = list(page.drugs.values_list("pk", flat=True))
    drugs = _drugs(drug_ids, refs)
    # An explainer shows no trial tables, but its prose may quote its drugs' pivotal trials by reference.
    trials = _trials(Q(pivotal=True, experimental_drug_id__in=drug_ids), refs)
    biomarkers = list(page.biomarkers.order_by("name"))
    refs.add(*biomarkers)
    extra = {"biomarkers": [{"name": b.name, "full_name": b.full_name} for b in biomarkers]}
    return assemble(page, refs, drugs=drugs, trials=trials, extra=extra)


def assemble(page, refs, drugs, trials, extra):
    groups = list(page.question_groups.prefetch_related("questions"))
    citations = list(page.citations.select_related("source"))
    sections = list(page.sections.all())
    refs.add(page, page.series, *sections, *groups, *citations)
    for group in groups:
        refs.add(*group.questions.all())
    snapshot = {
        "schema": SCHEMA_VERSION,
        "kind": page.kind,
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "review_interval_months": page.review_interval_months,
        "series": {"name": page.series.name, "slug": page.series.slug} if page.series_id else None,
        "sections": [{"heading": s.heading, "body": s.body} for s in sections],
        "question_groups": [
            {"heading": g.heading, "intro": g.intro, "questions": [q.text for q in g.questions.all()]} for g in groups
        ],
        "sources": [dict(source(c.source, refs), note=c.note) for c in citations],
        "drugs": drugs,
        "trials": trials,
    }
    snapshot.update(extra)
    _list_figure_sources(snapshot, refs)
    snapshot["glossary"] = _glossary(snapshot, refs)
    snapshot["refs"] = refs.as_dict()
    snapshot["fingerprints"] = refs.fingerprints()
    return snapshot


# Said beside a source the page lists because a figure on it comes from there.
FIGURE_SOURCE_NOTE = "Source of figures on this page"


def _list_figure_sources(snapshot, refs):
    """Every source a figure shown on the page comes from goes into its list, after the page's own citations.

    One home per fact: the figure's row names its source, and the page's list follows it,
    so an editor cannot leave a figure untraceable by forgetting to cite it twice.
    """
    for entry in unlisted_sources(snapshot):
        snapshot["sources"].append(dict(source(refs.figure_sources[entry["source_id"]], refs), note=FIGURE_SOURCE_NOTE))


def _glossary(snapshot, refs):
    """The glossary terms the page's words use, each recorded: a changed definition is a changed page."""
    texts = [expand(text, snapshot) for text in glossary.prose(snapshot)]
    terms = sorted(glossary.used(GlossaryTerm.objects.all(), texts), key=lambda term: term.term.casefold())
    refs.add(*terms)
    return [glossary.entry(term) for term in terms]


def _drugs(drug_ids, refs):
    by_id = {d.pk: drug(d, refs) for d in drug_rows(drug_ids)}
    return [by_id[pk] for pk in drug_ids if pk in by_id]


def drug_rows(drug_ids):
    """The drugs with every row drug() reads, in a few queries however many drugs."""
    return (
        Drug.objects.filter(pk__in=drug_ids)
        .prefetch_related(
            "targets",
            Prefetch(
                "indications",
                queryset=Indication.objects.select_related("condition", "biomarker").order_by("approval_date", "pk"),
            ),
            Prefetch("trials", queryset=Trial.objects.filter(pivotal=True).order_by("name"), to_attr="pivotal"),
            Prefetch("dose_adjustments", queryset=DoseAdjustment.objects.order_by("order", "pk")),
            Prefetch("side_effects", queryset=SideEffect.objects.select_related("source").order_by("order", "pk")),
            Prefetch("monitoring", queryset=Monitoring.objects.select_related("source").order_by("order", "pk")),
            Prefetch("contraception", queryset=Contraception.objects.select_related("source").order_by("who")),
        )
        .order_by("name")
    )


def drug(drug, refs):
    targets = list(drug.targets.all())
    adjustments = list(drug.dose_adjustments.all())
    side_effects, monitoring, contraception = (
        list(drug.side_effects.all()),
        list(drug.monitoring.all()),
        list(drug.contraception.all()),
    )
    refs.add(drug, *targets, *drug.pivotal, *adjustments, *side_effects, *monitoring, *contraception)
    for row in [*side_effects, *monitoring, *contraception]:
        refs.cite(row.source)
    return {
        "id": drug.pk,
        "name": drug.name,
        "slug": drug.slug,
        "brand_names": drug.brand_name_list,
        "drug_class": drug.drug_class,
        "generation": drug.get_generation_display() if drug.generation else "",
        "targets": [t.name for t in targets],
        "targets_detail": drug.targets_detail,
        "dose": drug.dose,
        "dose_verified": drug.dose_verified,
        "route": drug.route,
        "food": drug.food,
        "food_label": drug.get_food_display() if drug.food else "",
        "how_to_take": drug.how_to_take,
        "prescription_only": drug.prescription_only,
        "manufacturers": drug.manufacturers,
        "generic_available": drug.generic_available,
        "indications": [indication(i, refs) for i in drug.indications.all()],
        "pivotal_trials": [t.name for t in drug.pivotal],
        "dose_adjustments": [
            {"id": a.pk, "kind": a.kind, "population": a.population, "dose": a.dose} for a in adjustments
        ],
        "side_effects": [side_effect(row) for row in side_effects],
        "monitoring": [
            {"id": m.pk, "test": m.test, "schedule": m.schedule, "reason": m.reason, **_cited(m.source)}
            for m in monitoring
        ],
        "contraception": [
            {
                "id": c.pk,
                "who": c.who,
                "who_label": c.get_who_display(),
                "days": c.days_after_last_dose,
                **_cited(c.source),
            }
            for c in contraception
        ],
    }


def side_effect(row):
    return {
        "id": row.pk,
        "kind": row.kind,
        "name": row.name,
        "plain_name": row.plain_name,
        "description": row.description,
        "rate": _value(row.rate, "%"),
        "rate_measure": row.rate_measure,
        "rate_is_approximate": row.rate_is_approximate,
        "fatal_rate": _value(row.fatal_rate, "%"),
        "when_to_call": row.when_to_call,
        **_cited(row.source),
    }


def _cited(source):
    """The source a fact of the drug's safety rows cites, as an outcome cites its own."""
    return {"source": str(source), "source_id": source.pk}


def indication(indication, refs):
    refs.add(indication, indication.condition, indication.biomarker)
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


def _trials(condition, refs):
    return [trial(t, refs) for t in trial_rows(condition)]


def trial_rows(condition):
    """The trials matching `condition` with every row trial() reads, in a few queries however many trials."""
    return (
        Trial.objects.filter(condition)
        .distinct()  # a trial with several control drugs would otherwise come once for each
        .select_related("experimental_drug")
        .prefetch_related(
            Prefetch("control_drugs", queryset=Drug.objects.order_by("name")),
            "publications",  # not shown, but part of the trial's fingerprint
            Prefetch("outcomes", queryset=Outcome.objects.select_related("source").order_by("order", "pk")),
        )
        .order_by("name")
    )


def trial(trial, refs):
    control_drugs = list(trial.control_drugs.all())
    refs.add(trial, trial.experimental_drug, *control_drugs)
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
        "control_drugs": [d.slug for d in control_drugs],
        "control_arm": trial.control_arm,
        "control_patients": trial.control_patients,
        "outcomes": [outcome(o, refs) for o in trial.outcomes.all()],
    }


def _decimal(value):
    return None if value is None else str(value)


def _value(value, unit):
    """Percentages as trials report them (74%, 68.4%); months keep their decimal (7.0 months)."""
    if value is not None and unit == "%" and value == value.to_integral_value():
        return str(int(value))
    return _decimal(value)


def outcome(outcome, refs):
    refs.add(outcome)
    refs.cite(outcome.source)
    unit = outcome.unit
    return {
        "id": outcome.pk,
        "label": outcome.label,
        "endpoint": outcome.endpoint,
        "endpoint_label": outcome.get_endpoint_display(),
        "measure": outcome.measure,
        "timepoint": outcome.timepoint,
        "population": outcome.population,
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


def source(source, refs):
    refs.add(source)
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


# Schema 1 named its references by role and had no dose changes on its drugs.
_SCHEMA_1_REFS = {
    "drugs": "monographs.drug",
    "indications": "monographs.indication",
    "dose_adjustments": "monographs.doseadjustment",
    "trials": "monographs.trial",
    "outcomes": "monographs.outcome",
    "sources": "monographs.source",
}
_SCHEMA_1_PAGE_MODELS = {
    "drug": "monographs.drugpage",
    "comparison": "monographs.comparison",
    "article": "monographs.article",
}


def upgrade(snapshot):
    """A stored snapshot in the current schema, for readers; the stored record itself never changes."""
    if snapshot is None or snapshot.get("schema") == SCHEMA_VERSION:
        return snapshot
    snapshot = copy.deepcopy(snapshot)
    if snapshot.get("schema", 1) == 1:
        old = snapshot.get("refs", {})
        refs = {label: sorted(old.get(role, [])) for role, label in _SCHEMA_1_REFS.items()}
        if old.get("page") is not None:
            refs["monographs.page"] = [old["page"]]
            refs[_SCHEMA_1_PAGE_MODELS[snapshot["kind"]]] = [old["page"]]
        snapshot["refs"] = {label: pks for label, pks in sorted(refs.items()) if pks}
        for drug_row in snapshot.get("drugs", []):
            drug_row.setdefault("dose_adjustments", [])
        snapshot["schema"] = 2
    if snapshot["schema"] == 2:
        # Schema 2 had one control drug per trial and no outcome populations.
        for trial_row in snapshot.get("trials", []):
            control_drug = trial_row.pop("control_drug", "")
            trial_row.setdefault("control_drugs", [control_drug] if control_drug else [])
            for outcome_row in trial_row.get("outcomes", []):
                outcome_row.setdefault("population", "")
        snapshot["schema"] = 3
    if snapshot["schema"] == 3:
        # Schema 3 had no safety rows and no word on food.
        for drug_row in snapshot.get("drugs", []):
            for key in ("side_effects", "monitoring", "contraception"):
                drug_row.setdefault(key, [])
            for key in ("food", "food_label", "how_to_take"):
                drug_row.setdefault(key, "")
        snapshot["schema"] = 4
    if snapshot["schema"] == 4:
        # Schema 4 had no glossary.
        snapshot.setdefault("glossary", [])
        snapshot["schema"] = 5
    return snapshot
