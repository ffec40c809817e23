"""Which saved revisions touch what a page shows.

A page shows its own parts (sections, question groups, questions, citations) and
shared rows (drugs, indications, dose changes, trials, outcomes, sources) recorded in its
snapshot's "refs". Four eyes asks who edited any of them; stale detection asks
whether any of them changed since sign-off. Both read django-reversion's versions.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from reversion.models import Version

from monographs import models as m

SHARED = {
    "drugs": m.Drug,
    "indications": m.Indication,
    "dose_adjustments": m.DoseAdjustment,
    "trials": m.Trial,
    "outcomes": m.Outcome,
    "sources": m.Source,
}


def tracked_rows(page, refs):
    """(model, primary keys) pairs for everything the page shows."""
    return tracked_rows_of_pages([(page, refs)])[page.pk]


def tracked_rows_of_pages(pages_and_refs):
    """{page id: [(model, pks), ...]} for several pages, in a constant number of queries."""
    page_ids = [page.pk for page, _ in pages_and_refs]
    parts = defaultdict(lambda: defaultdict(list))
    for model, page_field in (
        (m.Section, "page_id"),
        (m.QuestionGroup, "page_id"),
        (m.Question, "group__page_id"),
        (m.Citation, "page_id"),
    ):
        for pk, page_id in model.objects.filter(**{f"{page_field}__in": page_ids}).values_list("pk", page_field):
            parts[page_id][model].append(pk)
    result = {}
    for page, refs in pages_and_refs:
        rows = [(m.Page, [page.pk])] + [(page_type, [page.pk]) for page_type in m.PAGE_TYPES.values()]
        rows += [(model, refs.get(key, [])) for key, model in SHARED.items()]
        rows += list(parts[page.pk].items())
        result[page.pk] = rows
    return result


def versions_touching(rows):
    """The reversion Versions of the given (model, pks) pairs."""
    by_model = defaultdict(set)
    for model, pks in rows:
        by_model[model].update(str(pk) for pk in pks)
    touched = Q()
    for model, pks in by_model.items():
        if pks:
            touched |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=sorted(pks))
    if not touched:
        return Version.objects.none()
    return Version.objects.filter(touched)
