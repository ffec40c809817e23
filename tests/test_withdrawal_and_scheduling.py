"""Withdrawing a published page, and approvals that go live later."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from public.views import public_history
from reviews import workflow
from reviews.models import AuditEntry, Publication, Submission
from reviews.status import PageStatus, page_status

from .conftest import PASSWORD, publish


def test_reviewer_withdraws_with_reason(published_page, reviewer):
    workflow.withdraw(published_page, reviewer, "Superseded by new label information.")
    publication = Publication.objects.get(page=published_page)
    assert publication.withdrawn_at is not None
    assert publication.withdrawal_reason == "Superseded by new label information."
    assert page_status(published_page) == PageStatus.WITHDRAWN
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.WITHDRAWN).get()
    assert entry.actor == reviewer and entry.detail == "Superseded by new label information."


def test_administrator_may_withdraw(published_page, admin_user):
    workflow.withdraw(published_page, admin_user, "Legal request.")
    assert Publication.objects.get(page=published_page).withdrawn_at


def test_editor_may_not_withdraw(published_page, editor):
    with pytest.raises(PermissionDenied):
        workflow.withdraw(published_page, editor, "I want it down.")
    assert Publication.objects.get(page=published_page).withdrawn_at is None


def test_withdrawal_needs_a_reason_and_a_publication(published_page, page, reviewer, crizotinib):
    with pytest.raises(ValidationError):
        workflow.withdraw(published_page, reviewer, "  ")
    assert Publication.objects.get(page=published_page).withdrawn_at is None
    workflow.withdraw(published_page, reviewer, "Outdated.")
    with pytest.raises(workflow.InvalidTransition):
        workflow.withdraw(published_page, reviewer, "Again.")


def test_new_sign_off_republishes_a_withdrawn_page(published_page, editor, reviewer, other_reviewer):
    workflow.withdraw(published_page, reviewer, "Outdated.")
    publish(published_page, editor, other_reviewer, summary="Brought up to date")
    publication = Publication.objects.get(page=published_page)
    assert publication.withdrawn_at is None and publication.withdrawal_reason == ""


def test_scheduled_approval_goes_live_when_due(page, editor, reviewer, capsys):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    submission = workflow.submit(page, editor, summary="Launch")
    signoff = workflow.approve(submission, reviewer, go_live_at=go_live, password=PASSWORD)
    assert signoff.go_live_at == go_live
    assert not Publication.objects.exists()
    assert page_status(page) == PageStatus.IN_REVIEW
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SCHEDULED).exists()

    assert workflow.publish_scheduled(now=timezone.now()) == []
    published = workflow.publish_scheduled(now=go_live + datetime.timedelta(seconds=1))
    assert [p.page_id for p in published] == [page.pk]
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED
    assert workflow.publish_scheduled(now=go_live + datetime.timedelta(hours=1)) == []
    call_command("publish_scheduled")
    assert "0 scheduled page(s) published" in capsys.readouterr().out


def test_go_live_in_the_past_is_refused(page, editor, reviewer):
    submission = workflow.submit(page, editor)
    with pytest.raises(ValidationError) as error:
        workflow.approve(
            submission, reviewer, go_live_at=timezone.now() - datetime.timedelta(minutes=1), password=PASSWORD
        )
    assert "go_live_at" in error.value.message_dict
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING


def test_later_immediate_approval_cancels_older_scheduled_one(page, editor, reviewer, other_reviewer):
    first = workflow.submit(page, editor, summary="Scheduled")
    workflow.approve(first, reviewer, go_live_at=timezone.now() + datetime.timedelta(days=1), password=PASSWORD)
    page.summary = "Newer text."
    page.save()
    second = workflow.submit(page, editor, summary="Urgent fix")
    workflow.approve(second, other_reviewer, password=PASSWORD)
    first.refresh_from_db()
    assert first.status == Submission.Status.SUPERSEDED
    assert workflow.publish_scheduled(now=timezone.now() + datetime.timedelta(days=2)) == []
    assert Publication.objects.get(page=page).summary == "Newer text."


def test_withdrawal_cancels_a_scheduled_go_live(published_page, editor, reviewer, other_reviewer):
    published_page.summary = "Changed."
    published_page.save()
    submission = workflow.submit(published_page, editor)
    workflow.approve(
        submission, other_reviewer, go_live_at=timezone.now() + datetime.timedelta(hours=1), password=PASSWORD
    )
    workflow.withdraw(published_page, reviewer, "Recalled.")
    assert workflow.publish_scheduled(now=timezone.now() + datetime.timedelta(hours=2)) == []
    assert Publication.objects.get(page=published_page).withdrawn_at is not None


def test_go_live_after_the_next_review_date_is_refused(page, editor, reviewer):
    submission = workflow.submit(page, editor)
    with pytest.raises(ValidationError) as error:
        workflow.approve(
            submission, reviewer, go_live_at=timezone.now() + datetime.timedelta(days=400), password=PASSWORD
        )
    assert "next review would be due" in error.value.message_dict["go_live_at"][0]
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING


def test_public_history_lists_only_sign_offs_that_went_live(client, published_page, editor, reviewer, other_reviewer):
    published_page.summary = "Scheduled text."
    published_page.save()
    scheduled = workflow.submit(published_page, editor, summary="Never went live")
    workflow.approve(
        scheduled, other_reviewer, go_live_at=timezone.now() + datetime.timedelta(days=1), password=PASSWORD
    )
    published_page.summary = "Corrected text."
    published_page.save()
    workflow.approve(workflow.submit(published_page, editor, summary="Went live at once"), reviewer, password=PASSWORD)

    history = list(public_history(Publication.objects.get(page=published_page)))
    assert "Never went live" not in [signoff.summary for signoff in history]
    assert history[0].summary == "Went live at once"
    html = client.get(Publication.objects.get(page=published_page).get_absolute_url()).content.decode()
    assert "Went live at once" in html and "Never went live" not in html


def test_a_scheduled_sign_off_that_went_live_stays_in_the_history(client, published_page, editor, reviewer):
    published_page.summary = "Scheduled text."
    published_page.save()
    go_live = timezone.now() + datetime.timedelta(hours=1)
    workflow.approve(
        workflow.submit(published_page, editor, summary="Went live on schedule"),
        reviewer,
        go_live_at=go_live,
        password=PASSWORD,
    )
    workflow.publish_scheduled(now=go_live + datetime.timedelta(seconds=1))
    history = list(public_history(Publication.objects.get(page=published_page)))
    assert history[0].summary == "Went live on schedule"
