"""One definition of what a page shows: every row that can change a published page is one its snapshot records.

Stale detection and four eyes read nothing but the rows a snapshot records in "refs". This
test loads the demo (four pages published through review), then changes rows of every
model django-reversion records (site settings aside; up to ROWS_PER_MODEL rows each,
spread over the table), one row at a time and rolled back afterwards, as a user who both
edits and reviews would in the admin. Every published page a change reaches must then be
listed as "changes awaiting review", and once an editor submits it, the person who made
the change must not be able to approve it. A row that reaches a page without being
recorded in its snapshot fails here.

A change that takes a row off a page (a trial no longer pivotal leaves a comparison) is
its author's too.
"""

import datetime
from dataclasses import dataclass, field

import pytest
import reversion
from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from monographs.kinds import build_snapshot
from monographs.models import (
    Article,
    Biomarker,
    Citation,
    Comparison,
    Condition,
    Contraception,
    DoseAdjustment,
    Drug,
    DrugPage,
    GlossaryTerm,
    Indication,
    Monitoring,
    Outcome,
    Page,
    Question,
    QuestionGroup,
    Section,
    Series,
    SideEffect,
    SiteSettings,
    Source,
    Trial,
)
from monographs.snapshots import same_content
from reviews import workflow
from reviews.models import Publication, ReviewTarget
from reviews.status import PageStatus, page_status

from .conftest import PASSWORD

ROWS_PER_MODEL = 6  # spread over each table; all of the demo's ~190 rows would take some 40 s on PostgreSQL
NOT_ON_PAGES = {
    SiteSettings,  # read from the database by every public page, never signed off
    ReviewTarget,  # how long a review may wait: the admin's, never shown on a page
}
SHOWN_ON_PAGES = {  # at least these must change a page, so the walk cannot pass by checking nothing
    Drug,
    Indication,
    Condition,
    Biomarker,
    Trial,
    Outcome,
    Source,
    Series,
    Section,
    Question,
    QuestionGroup,
    Citation,
    DoseAdjustment,
    SideEffect,
    Monitoring,
    Contraception,
    GlossaryTerm,
    Page,
    DrugPage,
    Comparison,
    Article,
}


def test_every_row_that_changes_a_published_page_is_tracked_by_it(demo, editor_reviewer):
    mutator = editor_reviewer
    assert Publication.objects.count() == 4
    with_a_monitoring_row(demo)
    walked_models = [m for m in reversion.get_registered_models() if m not in NOT_ON_PAGES]
    walk = Walk(mutator, editor=demo.accounts["editor"].user)
    for model in walked_models:
        for pk in sample(model):
            walk.change(model, pk)

    not_walked, never_reached = set(walked_models) - walk.walked, SHOWN_ON_PAGES - walk.reaching
    assert not not_walked, f"no rows of {names(not_walked)} to change"
    assert not never_reached, f"no change of {names(never_reached)} changed a page"
    assert not walk.approvable_after_leaving, "; ".join(walk.approvable_after_leaving)


def with_a_monitoring_row(demo):
    """The fact sheet gives no monitoring, so the demo has none: give the walk one, published."""
    crizotinib = Drug.objects.get(slug="crizotinib")
    label = Source.objects.get(kind=Source.Kind.LABEL, title__icontains="xalkori")
    with reversion.create_revision():
        Monitoring.objects.create(drug=crizotinib, test="A test row", schedule="A schedule", source=label)
    editor, reviewer = demo.accounts["editor"].user, demo.accounts["reviewer"].user
    for publication in Publication.objects.select_related("page"):
        if changed_since_sign_off(publication):
            workflow.approve(
                workflow.submit(publication.page, editor, summary="Monitoring"),
                reviewer,
                password=demo.accounts["reviewer"].password,
            )


@dataclass
class Walk:
    mutator: object
    editor: object
    walked: set = field(default_factory=set)  # models with a row changed
    reaching: set = field(default_factory=set)  # models with a row whose change changed a page
    approvable_after_leaving: list = field(default_factory=list)

    def change(self, model, pk):
        """Change one row as the mutator, check every published page that changed, then roll it all back."""
        self.walked.add(model)
        try:
            with transaction.atomic():
                row = model._default_manager.get(pk=pk)
                with reversion.create_revision():
                    reversion.set_user(self.mutator)
                    mutate(row)
                    row.save()
                changed = [p for p in Publication.objects.select_related("page") if changed_since_sign_off(p)]
                for publication in changed:
                    self.check(publication, row)
                raise RolledBack(changed)
        except RolledBack as undone:
            if undone.publications:
                self.reaching.add(model)

    def check(self, publication, row):
        """The page awaits review, and once submitted, the row's author may not approve it."""
        page, where = publication.page, f"{row._meta.label} #{row.pk} changed the page {publication.slug!r}"
        assert page_status(page) == PageStatus.CHANGES_AWAITING_REVIEW, f"{where}, which does not await review"
        submission = workflow.submit(page, self.editor, summary=f"Changed {row._meta.label} #{row.pk}")
        if not shows(submission.snapshot, row):
            assert shows(publication.snapshot, row), f"{where}; neither its signed nor its new snapshot records it"
            if workflow.can_approve(self.mutator, submission):
                # Known gap: the change took the row off the page (a trial no longer pivotal
                # leaves a comparison), and four eyes reads only the rows the new snapshot shows.
                self.approvable_after_leaving.append(f"{where} (took it off), and its author may approve it")
                return
        assert not workflow.can_approve(self.mutator, submission), f"{where}, and its author may approve it"
        with pytest.raises(PermissionDenied):
            workflow.approve(submission, self.mutator, comment=where, password=PASSWORD)


class RolledBack(Exception):
    """Undoes one row's change; carries the publications it changed."""

    def __init__(self, publications):
        self.publications = publications


def sample(model):
    """Up to ROWS_PER_MODEL of the model's rows, spread over the table so that every page has some."""
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    step = -(-len(pks) // ROWS_PER_MODEL)  # rounded up
    return pks[::step] if pks else []


def changed_since_sign_off(publication):
    return not same_content(publication.snapshot, build_snapshot(publication.page))


def shows(snapshot, row):
    return row.pk in snapshot["refs"].get(row._meta.label_lower, [])


def mutate(row):
    """Change every editable value of the row, relations, slugs and unique choices aside, to another of its type."""
    unique_together = {name for constraint in row._meta.constraints for name in getattr(constraint, "fields", ())}
    for model_field in row._meta.concrete_fields:
        if (
            model_field.primary_key
            or model_field.is_relation
            or not model_field.editable
            or isinstance(model_field, models.SlugField)
            or model_field.name in unique_together
        ):
            continue
        setattr(row, model_field.attname, changed_value(model_field, getattr(row, model_field.attname)))


def changed_value(model_field, value):
    if model_field.choices:
        return next(choice for choice, _ in model_field.flatchoices if choice not in (value, ""))
    if isinstance(model_field, models.BooleanField):
        return True if value is None else not value
    if isinstance(model_field, (models.CharField, models.TextField)):
        text = value or ""
        if model_field.max_length and len(text) + 2 > model_field.max_length:
            text = text[: model_field.max_length - 2]
        return f"{text} x"
    if isinstance(model_field, (models.IntegerField, models.DecimalField)):
        return (value or 0) + 1
    if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
        return value - datetime.timedelta(days=1) if value else datetime.date(2020, 1, 1)
    raise AssertionError(f"the walk does not know how to change {model_field!r}: teach changed_value")


def names(model_classes):
    return sorted(model.__name__ for model in model_classes)
