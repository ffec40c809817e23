"""A published page whose working copy or shared data changed is "changes awaiting review"."""

import reversion
from django.apps import apps
from django.db import IntegrityError, transaction

from monographs.kinds import build_snapshot
from monographs.models import DoseAdjustment, DrugPage, Outcome, Section, Trial
from monographs.snapshots import GATHERED, same_content
from reviews.models import Publication
from reviews.status import PageStatus, annotate_status, changed_since_signoff, page_status, pending_changes

from .conftest import publish


def test_fresh_publication_is_published(published_page):
    assert page_status(published_page) == PageStatus.PUBLISHED
    assert pending_changes(Publication.objects.get(page=published_page)) == []


def test_shared_trial_change_marks_page_and_keeps_public_copy(published_page, editor):
    outcome = Outcome.objects.get(trial__name="PROFILE 1014")
    signed = Publication.objects.get(page=published_page).snapshot
    with reversion.create_revision():
        reversion.set_user(editor)
        outcome.note = "Primary analysis"
        outcome.save()
    assert page_status(published_page) == PageStatus.CHANGES_AWAITING_REVIEW
    changes = pending_changes(Publication.objects.get(page=published_page))
    assert "Trial changed: PROFILE 1014" in changes
    assert Publication.objects.get(page=published_page).snapshot == signed


def test_section_edit_is_listed(published_page, editor):
    with reversion.create_revision():
        reversion.set_user(editor)
        section = Section.objects.get(page=published_page)
        section.body = "Crizotinib blocks ALK, ROS1 and MET."
        section.save()
    assert "Section changed: How it works" in pending_changes(Publication.objects.get(page=published_page))


def test_undone_edit_is_not_a_change(published_page, editor):
    trial = Trial.objects.get(name="PROFILE 1014")
    original = trial.design
    for design in ("something else", original):
        with reversion.create_revision():
            reversion.set_user(editor)
            trial.design = design
            trial.save()
    assert page_status(published_page) == PageStatus.PUBLISHED


def test_new_sign_off_clears_the_flag(published_page, editor, other_reviewer):
    trial = Trial.objects.get(name="PROFILE 1014")
    with reversion.create_revision():
        reversion.set_user(editor)
        trial.design = "randomised, open-label, phase 3"
        trial.save()
    publish(published_page, editor, other_reviewer, summary="Trial design wording")
    assert page_status(published_page) == PageStatus.PUBLISHED


def test_status_of_many_pages_costs_constant_queries(published_page, django_assert_max_num_queries, crizotinib):
    for n in range(5):
        DrugPage.objects.create(drug=crizotinib, title=f"Draft {n}", slug=f"draft-{n}", summary="s")
    with django_assert_max_num_queries(10):
        pages = annotate_status(DrugPage.objects.all())
    assert {p.slug: p.status for p in pages}["crizotinib"] == PageStatus.PUBLISHED
    assert {p.status for p in pages if p.slug.startswith("draft")} == {PageStatus.DRAFT}


def test_dose_change_edited_on_its_own_marks_the_page(page, editor, reviewer):
    """A dose change saved without its drug (a shell, a script) still makes the page stale."""
    adjustment = DoseAdjustment.objects.create(
        drug=page.drug,
        kind=DoseAdjustment.Kind.HEPATIC,
        population="Moderate hepatic impairment",
        dose="200 mg twice daily",
    )
    publish(page, editor, reviewer)
    assert page_status(page) == PageStatus.PUBLISHED
    with reversion.create_revision():
        reversion.set_user(editor)
        adjustment.dose = "250 mg once daily"
        adjustment.save()
    assert page_status(page) == PageStatus.CHANGES_AWAITING_REVIEW


# Fingerprints: a row's hash compared with the one each page recorded, not every page rebuilt --


def test_a_save_that_changes_nothing_does_not_mark_the_page(published_page, editor):
    source = Outcome.objects.get(trial__name="PROFILE 1014").source
    with reversion.create_revision():
        reversion.set_user(editor)
        source.save()
    assert page_status(published_page) == PageStatus.PUBLISHED


def test_a_shared_row_edited_marks_the_page_without_rebuilding_it(
    published_page, editor, django_assert_max_num_queries
):
    source = Outcome.objects.get(trial__name="PROFILE 1014").source
    with reversion.create_revision():
        reversion.set_user(editor)
        source.title = f"{source.title} (renamed)"
        source.save()
    # Rebuilding the page's snapshot alone would take some twenty queries.
    with django_assert_max_num_queries(8):
        changed = changed_since_signoff(Publication.objects.all())
    assert changed == {published_page.pk}


def test_a_deleted_row_marks_the_page(published_page, editor):
    Section.objects.filter(page=published_page).delete()  # as a script would: no revision, no admin log
    published_page.save()  # the page itself saved after sign-off
    assert page_status(published_page) == PageStatus.CHANGES_AWAITING_REVIEW


def test_a_page_signed_off_before_fingerprints_is_still_checked(published_page, editor):
    publication = Publication.objects.get(page=published_page)
    snapshot = {key: value for key, value in publication.snapshot.items() if key != "fingerprints"}
    Publication.objects.filter(pk=publication.pk).update(snapshot=snapshot)
    assert page_status(published_page) == PageStatus.PUBLISHED
    outcome = Outcome.objects.get(trial__name="PROFILE 1014")
    with reversion.create_revision():
        reversion.set_user(editor)
        outcome.note = "Primary analysis, older snapshot"
        outcome.save()
    assert page_status(published_page) == PageStatus.CHANGES_AWAITING_REVIEW


def test_a_snapshot_records_a_fingerprint_for_every_row_it_records(published_page):
    snapshot = Publication.objects.get(page=published_page).snapshot
    assert {label: sorted(int(pk) for pk in rows) for label, rows in snapshot["fingerprints"].items()} == snapshot[
        "refs"
    ]


# A new row joins a page along the relations snapshots.GATHERED lists ------------------------


NEW_ROWS = sorted({*GATHERED, "monographs.glossaryterm", "monographs.source", "monographs.drug"})


def test_new_rows_are_found_exactly_as_a_rebuild_finds_them(demo):
    """A copy of a row the demo pages show, saved as new: the pages stale detection finds are
    those whose rebuilt snapshot differs, no more, no fewer. A relation missing from GATHERED
    (or listed there for nothing) fails here."""
    tried = set()
    for label in NEW_ROWS:
        model = apps.get_model(label)
        for row in model._default_manager.order_by("pk")[:2]:
            with transaction.atomic():
                copy = model._default_manager.get(pk=row.pk)
                copy.pk = copy.id = None
                copy._state.adding = True
                for field in model._meta.concrete_fields:
                    if field.unique and not field.primary_key:
                        value = None if field.null else f"{getattr(copy, field.attname)}"[: field.max_length - 5]
                        setattr(copy, field.attname, value and f"{value}-copy")
                with reversion.create_revision():
                    if not save_copy(copy, label):
                        continue
                    for relation in model._meta.many_to_many:
                        if relation.remote_field.through._meta.auto_created:
                            getattr(copy, relation.name).set(getattr(row, relation.name).all())
                            copy.save()
                tried.add(label)
                publications = Publication.objects.select_related("page")
                rebuilt = {p.page_id for p in publications if not same_content(p.snapshot, build_snapshot(p.page))}
                assert changed_since_signoff(Publication.objects.all()) == rebuilt, f"a new copy of {label} #{row.pk}"
                transaction.set_rollback(True)
    # The demo has no monitoring row, and its drug has a contraception row for everyone already.
    assert set(NEW_ROWS) - tried <= {"monographs.contraception", "monographs.monitoring"}


def save_copy(copy, label):
    """Saves the copy, or returns False; where it would repeat a unique combination (a page citing a source twice),
    points its other relations (not those it is gathered by) at another row until it does not."""
    others = [
        field
        for field in copy._meta.concrete_fields
        if field.many_to_one and field.name not in GATHERED.get(label, ()) and not field.null
    ]
    candidates = [(None, None)]
    candidates += [(f, pk) for f in others for pk in f.related_model._default_manager.values_list("pk", flat=True)]
    candidates += [
        (f, choice) for f in copy._meta.concrete_fields if f.choices for choice, _ in f.flatchoices if choice
    ]
    for field, pk in candidates:
        if field is not None:
            setattr(copy, field.attname, pk)
        try:
            with transaction.atomic():
                copy.save()
            return True
        except IntegrityError:
            copy.pk = copy.id = None
    return False
