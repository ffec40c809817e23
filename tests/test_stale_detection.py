"""A published page whose working copy or shared data changed is "changes awaiting review"."""

import reversion

from monographs.models import DoseAdjustment, DrugPage, Outcome, Section, Trial
from reviews.models import Publication
from reviews.status import PageStatus, annotate_status, page_status, pending_changes

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
