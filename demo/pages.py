"""Writes the demo pages (content.py) into the working copy, as an editor's revision.

A page and its parts are saved only where they differ from content.py, and the
revision is made only if something was saved, so a second run leaves the history and
the pages' review status as they were.
"""

import reversion

from monographs.models import (
    Article,
    Biomarker,
    Citation,
    Comparison,
    Drug,
    DrugPage,
    Question,
    QuestionGroup,
    Section,
    Series,
    Trial,
)

from . import content
from .facts import source
from .rows import set_related, upsert


def load_pages(editor):
    """Create or update the demo pages; returns them as [(page, changed)], in content.py's order."""
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment("Demo pages")
        series, _ = _update(Series, {"slug": content.SERIES["slug"]}, content.SERIES)
        egfr_series, _ = _update(Series, {"slug": content.EGFR_SERIES["slug"]}, content.EGFR_SERIES)
        results = [
            _load_drug_page(content.CRIZOTINIB, series),
            _load_comparison(content.CRIZOTINIB_VS_ALECTINIB, series),
            _load_article(content.ROS1_EXPLAINER, series),
            _load_drug_page(content.OSIMERTINIB, egfr_series),
        ]
        for page, changed in results:
            if changed:
                # The whole page (with its followed parts) goes into the revision, so it can be restored whole.
                reversion.add_to_revision(page)
    return results


def _page_fields(spec, series):
    return {"slug": spec["slug"], "title": spec["title"], "summary": spec["summary"], "series": series}


def _load_drug_page(spec, series):
    fields = _page_fields(spec, series) | {"drug": Drug.objects.get(slug=spec["drug"])}
    page, changed = _update(DrugPage, {"slug": spec["slug"]}, fields)
    return page, _load_parts(page, spec) or changed


def _load_comparison(spec, series):
    fields = _page_fields(spec, series) | {
        "head_to_head": Trial.objects.get(slug=spec["head_to_head"]),
        "verdict": spec["verdict"],
    }
    page, changed = _update(Comparison, {"slug": spec["slug"]}, fields)
    changed |= set_related(page, "drugs", Drug.objects.filter(slug__in=spec["drugs"]))
    return page, _load_parts(page, spec) or changed


def _load_article(spec, series):
    page, changed = _update(Article, {"slug": spec["slug"]}, _page_fields(spec, series))
    changed |= set_related(page, "drugs", Drug.objects.filter(slug__in=spec["drugs"]))
    changed |= set_related(page, "biomarkers", Biomarker.objects.filter(name__in=spec["biomarkers"]))
    return page, _load_parts(page, spec) or changed


def _load_parts(page, spec):
    """Sections, question groups and citations, matched by position; returns whether any changed."""
    changed = _sync(
        page.sections.all(),
        [{"page": page, "order": n, "heading": h, "body": b} for n, (h, b) in enumerate(spec["sections"], 1)],
        Section,
    )
    groups = [
        {"page": page, "order": n, "heading": h, "intro": i} for n, (h, i, _) in enumerate(spec["question_groups"], 1)
    ]
    changed |= _sync(page.question_groups.all(), groups, QuestionGroup)
    for group, (_, _, questions) in zip(page.question_groups.all(), spec["question_groups"], strict=True):
        rows = [{"group": group, "order": n, "text": text} for n, text in enumerate(questions, 1)]
        changed |= _sync(group.questions.all(), rows, Question)
    citations = [
        {"page": page, "order": n, "source": source(key), "note": note}
        for n, (key, note) in enumerate(spec["citations"], 1)
    ]
    changed |= _sync(page.citations.all(), citations, Citation, key="source")
    return changed


def _sync(existing, wanted, model, key="order"):
    """Make the rows of `existing` equal `wanted`, matched on `key`; returns whether anything was saved."""
    by_key = {getattr(row, key): row for row in existing}
    changed = False
    for fields in wanted:
        row = by_key.pop(fields[key], None)
        if row is None:
            row = model(**fields)
        elif all(getattr(row, name) == value for name, value in fields.items()):
            continue
        else:
            for name, value in fields.items():
                setattr(row, name, value)
        row.full_clean()
        row.save()
        changed = True
    for row in by_key.values():
        row.delete()
        changed = True
    return changed


def _update(model, key, fields):
    row, change = upsert(model, key, fields)
    return row, change is not None
