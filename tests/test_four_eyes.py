"""Four eyes: no one approves a row state they wrote that no other reviewer signed off as part of this page.

What a page shows is what its snapshot records in "refs": shared rows (a condition, a
biomarker, a series, a source cited only by a trial outcome, a trial that became the
head-to-head) count like the page's own text. A sign-off by another reviewer covers a
row's earlier states for that page only, not for the other pages that show it.
"""

import pytest
import reversion
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from monographs.kinds import build_snapshot
from monographs.models import Biomarker, Condition, Drug, Series, Source, Trial
from reviews import workflow
from reviews.models import SignOff
from reviews.status import PageStatus, page_status

from .conftest import PASSWORD, publish


def edit(row, user, **changes):
    """Save a row as the admin does: in a django-reversion revision with the user."""
    with reversion.create_revision():
        reversion.set_user(user)
        for name, value in changes.items():
            setattr(row, name, value)
        row.save()
    return row


def assert_cannot_approve(submission, user):
    """Four eyes refuses the user, and the refusal writes no sign-off."""
    signoffs = SignOff.objects.count()
    assert not workflow.can_approve(user, submission)
    with pytest.raises(PermissionDenied):
        workflow.approve(submission, user, comment="Looks right to me.", password=PASSWORD)
    assert SignOff.objects.count() == signoffs


def approve(submission, reviewer):
    signoff = workflow.approve(submission, reviewer, comment="Checked.", password=PASSWORD)
    assert signoff.reviewer == reviewer
    return signoff


# a. Shared rows a drug page shows -------------------------------------------------------


def nsclc_condition(page):
    return Condition.objects.get(slug="nsclc")


def alk_target(page):
    return Biomarker.objects.get(slug="alk")


def page_series(page):
    return page.series


def outcome_source(page):
    source = Source.objects.get(outcomes__trial__name="PROFILE 1014")
    assert not page.citations.filter(source=source).exists()  # reaches the page only through the outcome
    return source


SHARED_ROWS = [
    pytest.param(nsclc_condition, "name", id="condition-of-an-indication"),
    pytest.param(alk_target, "name", id="biomarker-targeted-by-the-drug"),
    pytest.param(page_series, "name", id="series-of-the-page"),
    pytest.param(outcome_source, "title", id="source-cited-only-by-an-outcome"),
]


@pytest.mark.parametrize(("shown_row", "field"), SHARED_ROWS)
def test_renaming_a_shared_row_blocks_its_author_from_approving(
    shown_row, field, page, editor, reviewer, other_reviewer, editor_reviewer
):
    edit(page, editor, series=Series.objects.create(name="ALK inhibitors", slug="alk-inhibitors"))
    publish(page, editor, reviewer)
    assert page_status(page) == PageStatus.PUBLISHED

    row = shown_row(page)
    edit(row, editor_reviewer, **{field: f"{getattr(row, field)} (renamed)"})
    assert page_status(page) == PageStatus.CHANGES_AWAITING_REVIEW

    submission = workflow.submit(page, editor, summary="Shared data renamed")
    assert editor_reviewer in submission.editors.all()
    assert_cannot_approve(submission, editor_reviewer)
    approve(submission, other_reviewer)
    assert page_status(page) == PageStatus.PUBLISHED


# b. A row that joins the page after a sign-off that did not show it ----------------------


def test_trial_created_before_a_re_review_still_counts_when_it_later_joins_the_page(
    comparison, editor, reviewer, other_reviewer
):
    publish(comparison, editor, reviewer)
    j_alex = Trial(
        name="J-ALEX",
        slug="j-alex",
        phase=Trial.Phase.PHASE_3,
        design="randomised, open-label, head-to-head",
        population="ALK-positive advanced NSCLC, Japan",
        experimental_drug=Drug.objects.get(slug="alectinib"),
        experimental_arm="alectinib 300 mg twice daily",
        control_arm="crizotinib 250 mg twice daily",
    )
    edit(j_alex, reviewer)
    j_alex.control_drugs.set([Drug.objects.get(slug="crizotinib")])
    re_review = publish(comparison, editor, other_reviewer, summary="Annual re-review")
    assert not re_review.changed_content
    assert j_alex.pk not in re_review.snapshot["refs"]["monographs.trial"]  # not on the page yet: not covered

    edit(comparison, editor, head_to_head=j_alex)
    submission = workflow.submit(comparison, editor, summary="J-ALEX is the head-to-head trial")
    assert j_alex.pk in submission.snapshot["refs"]["monographs.trial"]
    assert_cannot_approve(submission, reviewer)
    approve(submission, other_reviewer)


# c. Another reviewer's sign-off covers earlier states of a row ---------------------------


def test_author_may_approve_once_another_reviewer_signed_off_their_edit(
    published_page, editor, reviewer, other_reviewer
):
    edit(Trial.objects.get(name="PROFILE 1014"), reviewer, design="randomised, open-label, phase 3")
    trial_edit = workflow.submit(published_page, editor, summary="Trial design wording")
    assert_cannot_approve(trial_edit, reviewer)
    approve(trial_edit, other_reviewer)

    edit(published_page.sections.get(), editor, body="Crizotinib blocks **ALK**, ROS1 and MET.")
    section_edit = workflow.submit(published_page, editor, summary="MET added")
    assert workflow.can_approve(reviewer, section_edit)
    approve(section_edit, reviewer)


# d. A sign-off counts for its own page only ----------------------------------------------


def test_sign_off_of_another_page_does_not_cover_an_edit(published_page, comparison, editor, reviewer, other_reviewer):
    publish(comparison, editor, reviewer)
    alex = Trial.objects.get(name="ALEX")
    for page in (published_page, comparison):
        assert alex.pk in build_snapshot(page)["refs"]["monographs.trial"]

    edit(alex, reviewer, design="randomised, open-label, head-to-head, phase 3")
    approve(workflow.submit(published_page, editor, summary="ALEX design wording"), other_reviewer)

    submission = workflow.submit(comparison, editor, summary="ALEX design wording")
    assert_cannot_approve(submission, reviewer)
    approve(submission, other_reviewer)


# e. The review screen says so, and names the row -----------------------------------------


def test_review_screen_tells_the_author_and_lists_the_edited_row(client, published_page, editor, reviewer):
    edit(Trial.objects.get(name="PROFILE 1014"), reviewer, design="randomised, open-label, phase 3")
    submission = workflow.submit(published_page, editor, summary="Trial design wording")

    client.force_login(reviewer)
    response = client.get(reverse("admin:reviews_submission_review", args=[submission.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "You wrote part of this content" in html
    assert 'id="edited-rows"' in html
    assert "Trial: PROFILE 1014 (NCT01154140) (edited by reviewer)" in html


# f. A change that takes a row off the page ---------------------------------------------


def test_edit_that_takes_a_row_off_the_page_still_counts(comparison, editor, reviewer, editor_reviewer):
    """Un-marking PROFILE 1014 as pivotal removes it from the comparison: its author wrote that change."""
    publish(comparison, editor, reviewer)
    profile_1014 = Trial.objects.get(name="PROFILE 1014")
    edit(profile_1014, editor_reviewer, pivotal=False)
    assert page_status(comparison) == PageStatus.CHANGES_AWAITING_REVIEW

    submission = workflow.submit(comparison, editor, summary="PROFILE 1014 is no longer listed")
    assert profile_1014.pk not in submission.snapshot["refs"]["monographs.trial"]
    with pytest.raises(PermissionDenied):
        workflow.approve(submission, editor_reviewer, comment="Looks right to me.", password=PASSWORD)


def test_deleting_a_row_the_page_showed_counts_as_writing_it(client, comparison, editor, reviewer, editor_reviewer):
    """django-reversion keeps no revision of a delete; the admin's log says who deleted PROFILE 1014."""
    publish(comparison, editor, reviewer)
    profile_1014 = Trial.objects.get(name="PROFILE 1014")
    client.force_login(editor_reviewer)

    response = client.post(reverse("admin:monographs_trial_delete", args=[profile_1014.pk]), {"post": "yes"})

    assert response.status_code == 302 and not Trial.objects.filter(pk=profile_1014.pk).exists()
    assert page_status(comparison) == PageStatus.CHANGES_AWAITING_REVIEW
    submission = workflow.submit(comparison, editor, summary="PROFILE 1014 removed")
    assert_cannot_approve(submission, editor_reviewer)
