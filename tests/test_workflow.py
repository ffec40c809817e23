"""Submit, approve, request changes: who may do what, and four eyes."""

import pytest
import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from monographs.models import Section, Trial
from reviews import workflow
from reviews.models import AuditEntry, Publication, SignOff, Submission

from .conftest import PASSWORD, make_user


def test_submit_freezes_snapshot_hash_and_revision(page, editor):
    submission = workflow.submit(page, editor, summary="First draft")
    assert submission.status == Submission.Status.PENDING
    assert submission.snapshot["title"] == "Crizotinib (Xalkori)"
    assert submission.snapshot["sections"] == [
        {"heading": "How it works", "body": "Crizotinib blocks **ALK** and ROS1."}
    ]
    assert len(submission.content_hash) == 64
    assert submission.revision.user == editor
    assert set(submission.editors.all()) == {editor}
    assert AuditEntry.objects.filter(page=page, action=AuditEntry.Action.SUBMITTED).count() == 1


def test_approve_publishes_the_snapshot(page, editor, reviewer):
    submission = workflow.submit(page, editor)
    signoff = workflow.approve(submission, reviewer, comment="Accurate.", password=PASSWORD)
    publication = Publication.objects.get(page=page)
    assert publication.snapshot == submission.snapshot
    assert publication.signoff == signoff
    assert signoff.reviewer_name == "Dr Test Reviewer"
    assert "MD" in signoff.reviewer_credentials
    assert signoff.revision == submission.revision
    assert signoff.sources_reviewed[0]["title"] == "XALKORI prescribing information"
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED


def test_only_editors_submit(page, reviewer):
    anonymous_like = make_user("visitor")
    with pytest.raises(PermissionDenied):
        workflow.submit(page, anonymous_like)
    with pytest.raises(PermissionDenied):
        workflow.submit(page, reviewer)
    assert not Submission.objects.exists()


def test_only_reviewers_with_a_profile_approve(page, editor, other_editor, admin_user):
    submission = workflow.submit(page, editor)
    no_profile = make_user("nameless", workflow.REVIEWERS)
    for user in (other_editor, admin_user, no_profile):
        with pytest.raises(PermissionDenied):
            workflow.approve(submission, user, password=PASSWORD)
    assert not Publication.objects.exists()
    assert not SignOff.objects.exists()


def test_reviewer_cannot_approve_their_own_edits(page, editor, editor_reviewer, reviewer):
    section = page.sections.get()
    with reversion.create_revision():
        section.body = "Crizotinib blocks ALK, ROS1 and MET."
        section.save()
        reversion.set_user(editor_reviewer)
    submission = workflow.submit(page, editor)
    assert editor_reviewer in submission.editors.all()
    with pytest.raises(PermissionDenied):
        workflow.approve(submission, editor_reviewer, password=PASSWORD)
    workflow.approve(submission, reviewer, password=PASSWORD)


def test_submitter_cannot_approve(page, editor_reviewer):
    submission = workflow.submit(page, editor_reviewer)
    with pytest.raises(PermissionDenied):
        workflow.approve(submission, editor_reviewer, password=PASSWORD)


def test_four_eyes_hold_across_resubmissions(page, editor, editor_reviewer, reviewer):
    """Edits made before an earlier, rejected submission still count as the reviewer's own."""
    with reversion.create_revision():
        page.summary = "Edited by the reviewer."
        page.save()
        reversion.set_user(editor_reviewer)
    first = workflow.submit(page, editor)
    workflow.request_changes(first, reviewer, "Please cite the label.")
    second = workflow.submit(page, editor, summary="Cited the label")
    with pytest.raises(PermissionDenied):
        workflow.approve(second, editor_reviewer, password=PASSWORD)


def test_editing_shared_trial_counts_as_an_edit(page, editor, reviewer):
    trial = Trial.objects.get(name="PROFILE 1014")
    with reversion.create_revision():
        trial.design = "randomised, open-label, phase 3"
        trial.save()
        reversion.set_user(reviewer)
    submission = workflow.submit(page, editor)
    with pytest.raises(PermissionDenied):
        workflow.approve(submission, reviewer, password=PASSWORD)


def test_request_changes_needs_a_comment(page, editor, reviewer):
    submission = workflow.submit(page, editor)
    with pytest.raises(ValidationError):
        workflow.request_changes(submission, reviewer, "   ")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING
    workflow.request_changes(submission, reviewer, "The dose for renal impairment is missing.")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.CHANGES_REQUESTED
    assert submission.decision_comment == "The dose for renal impairment is missing."
    assert not Publication.objects.exists()


def test_decided_submission_cannot_be_decided_again(page, editor, reviewer, other_reviewer):
    submission = workflow.submit(page, editor)
    workflow.approve(submission, reviewer, password=PASSWORD)
    with pytest.raises(workflow.InvalidTransition):
        workflow.approve(submission, other_reviewer, password=PASSWORD)
    with pytest.raises(workflow.InvalidTransition):
        workflow.request_changes(submission, other_reviewer, "Too late")
    assert SignOff.objects.count() == 1


def test_new_submission_supersedes_pending_one(page, editor):
    first = workflow.submit(page, editor)
    workflow.submit(page, editor)
    first.refresh_from_db()
    assert first.status == Submission.Status.SUPERSEDED
    assert Submission.objects.filter(status=Submission.Status.PENDING).count() == 1


def test_signoff_is_permanent(published_page):
    signoff = SignOff.objects.get()
    signoff.comment = "rewritten"
    with pytest.raises(ValidationError):
        signoff.save()
    with pytest.raises(ValidationError):
        signoff.delete()
    with pytest.raises(ValidationError):
        SignOff.objects.update(comment="rewritten")
    with pytest.raises(ValidationError):
        SignOff.objects.all().delete()
    assert SignOff.objects.get().comment == "Checked against the label."


def test_audit_entries_are_permanent(published_page):
    entry = AuditEntry.objects.first()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        AuditEntry.objects.update(detail="x")


def test_section_deleted_after_submission_stays_in_what_is_signed(page, editor, reviewer):
    submission = workflow.submit(page, editor)
    Section.objects.filter(page=page).delete()
    workflow.approve(submission, reviewer, password=PASSWORD)
    assert Publication.objects.get(page=page).snapshot["sections"][0]["heading"] == "How it works"


def test_database_refuses_to_change_a_signoff(published_page):
    if connection.vendor != "postgresql":
        pytest.skip("the refusing triggers are PostgreSQL's")
    signoff = SignOff.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE reviews_signoff SET comment = 'x' WHERE id = %s", [signoff.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM reviews_auditentry")
    assert SignOff.objects.get().comment == "Checked against the label."
