"""Due dates, assignment and reminder emails, sent through Django's tasks framework (the
in-process backend here) into Django's test outbox (locmem).

A reminder goes out once per occasion: once a day for a submission waiting past its due
date, at 30 and 7 days before and on the day a page's review falls due, once before a
go-live.
"""

import datetime

import pytest
import reversion
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from monographs.models import Condition
from reviews import assignment, reminders, workflow
from reviews.models import AuditEntry, Publication, Reminder, ReviewTarget, Submission
from reviews.tasks import send_reminders

from .conftest import PASSWORD, make_reviewer, messages_of, publish

DAY = datetime.timedelta(days=1)


def submit(page, editor):
    submission = workflow.submit(page, editor, summary="Dose wording")
    mail.outbox.clear()  # the "review requested" email
    return submission


def sent(subject_start):
    return [m for m in mail.outbox if m.subject.startswith(subject_start)]


@pytest.mark.django_db
def test_a_submission_is_due_after_its_kinds_target(page, editor, article):
    ReviewTarget.objects.create(kind="drug", days=3)
    before = timezone.now()
    submission = submit(page, editor)
    assert before + 3 * DAY <= submission.due_at <= timezone.now() + 3 * DAY
    # A kind without a target of its own gets the default.
    other = workflow.submit(article, editor, summary="New")
    assert other.due_at - other.submitted_at == pytest.approx(ReviewTarget.DEFAULT_DAYS * DAY, abs=DAY / 24)


@pytest.mark.django_db
def test_a_waiting_submission_past_due_is_reminded_once_a_day(page, editor, reviewer):
    submission = submit(page, editor)
    assignment.assign(submission, reviewer, by=editor)
    mail.outbox.clear()
    past_due = submission.due_at + datetime.timedelta(hours=1)

    assert reminders.send_due(submission.due_at - datetime.timedelta(hours=1)) == 0
    assert reminders.send_due(past_due) == 1
    (email,) = mail.outbox
    assert email.to == [reviewer.email]
    assert email.subject == "Review overdue: Crizotinib (Xalkori)"
    assert f"/admin/reviews/submission/{submission.pk}/review/" in email.body

    # Again the same day: nothing more.
    assert reminders.send_due(past_due + datetime.timedelta(minutes=30)) == 0
    assert len(mail.outbox) == 1
    # The next day: once more.
    assert reminders.send_due(past_due + DAY) == 1
    assert len(sent("Review overdue")) == 2


@pytest.mark.django_db
def test_an_unassigned_submission_reminds_everyone_who_could_review_it_but_its_author(
    page, editor, reviewer, other_reviewer, editor_reviewer
):
    page.summary = "Edited by a reviewer."
    with reversion.create_revision():
        reversion.set_user(editor_reviewer)
        page.save()
    submission = submit(page, editor)
    reminders.send_due(submission.due_at + DAY)
    assert sorted(m.to[0] for m in sent("Review overdue")) == [other_reviewer.email, reviewer.email]


@pytest.mark.django_db
def test_a_decided_submission_is_not_reminded(page, editor, reviewer):
    submission = submit(page, editor)
    workflow.request_changes(submission, reviewer, "Cite the label for the dose.")
    mail.outbox.clear()
    assert reminders.send_due(submission.due_at + DAY) == 0
    assert not mail.outbox


@pytest.mark.django_db
def test_the_command_for_cron_runs_the_task_and_sends_once(page, editor, reviewer, capsys):
    submission = submit(page, editor)
    Submission.objects.filter(pk=submission.pk).update(due_at=timezone.now() - DAY)
    call_command("send_reminders")
    assert "1 reminder(s) sent." in capsys.readouterr().out
    call_command("send_reminders")
    assert "0 reminder(s) sent." in capsys.readouterr().out
    assert len(sent("Review overdue")) == 1
    # The task itself, as the worker runs it.
    assert send_reminders.enqueue().return_value == 0


@pytest.mark.django_db
def test_a_failed_email_is_not_recorded_and_is_tried_again(page, editor, reviewer, settings):
    submission = submit(page, editor)
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    assert reminders.send_due(submission.due_at + DAY) == 0
    assert not Reminder.objects.exists()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert reminders.send_due(submission.due_at + DAY) == 1


@pytest.mark.django_db
def test_a_pages_review_falling_due_is_announced_30_and_7_days_before_and_on_the_day(page, editor, reviewer):
    publish(page, editor, reviewer)
    mail.outbox.clear()
    due = Publication.objects.get(page=page).review_due
    noon = lambda day: timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))  # noqa: E731

    assert reminders.send_due(noon(due - 31 * DAY)) == 0
    assert reminders.send_due(noon(due - 20 * DAY)) == 2  # the editor and the reviewer
    assert reminders.send_due(noon(due - 19 * DAY)) == 0
    assert reminders.send_due(noon(due - 6 * DAY)) == 2
    assert reminders.send_due(noon(due)) == 2
    assert reminders.send_due(noon(due + DAY)) == 0
    subjects = [m.subject for m in mail.outbox]
    assert "Review due in 20 days: Crizotinib (Xalkori)" in subjects
    assert "Review due today: Crizotinib (Xalkori)" in subjects
    assert {m.to[0] for m in mail.outbox} == {editor.email, reviewer.email}


@pytest.mark.django_db
def test_a_go_live_is_announced_once_the_day_before(page, editor, reviewer):
    submission = submit(page, editor)
    go_live_at = timezone.now() + 3 * DAY
    workflow.approve(submission, reviewer, comment="Checked.", go_live_at=go_live_at, password=PASSWORD)
    mail.outbox.clear()
    assert reminders.send_due(go_live_at - 2 * DAY) == 0
    assert reminders.send_due(go_live_at - datetime.timedelta(hours=20)) == 2
    assert reminders.send_due(go_live_at - datetime.timedelta(hours=2)) == 0
    assert sent("Going live")[0].to[0] in {editor.email, reviewer.email}


@pytest.mark.django_db
def test_reviewers_who_review_the_pages_condition_are_suggested_first(page, editor, reviewer, other_reviewer):
    thoracic = make_reviewer("thoracic", name="Dr Thoracic Oncologist")
    thoracic.reviewer_profile.conditions.add(Condition.objects.get(slug="nsclc"))
    submission = submit(page, editor)
    suggested = assignment.candidates(submission)
    assert suggested[0] == (thoracic, "reviews Non-small cell lung cancer")
    assert {user for user, _ in suggested} == {thoracic, reviewer, other_reviewer}


@pytest.mark.django_db
def test_assigning_records_who_asked_and_emails_the_reviewer(
    page, editor, reviewer, django_capture_on_commit_callbacks
):
    submission = submit(page, editor)
    with django_capture_on_commit_callbacks(execute=True):
        assignment.assign(submission, reviewer, by=editor)
    assert Submission.objects.get(pk=submission.pk).assigned_to == reviewer
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ASSIGNED)
    assert (entry.actor, entry.detail) == (editor, "Assigned to Dr Test Reviewer")
    (email,) = mail.outbox
    assert email.to == [reviewer.email] and email.subject == "Please review: Crizotinib (Xalkori)"


@pytest.mark.django_db
def test_the_author_or_a_non_reviewer_cannot_be_assigned(page, editor, editor_reviewer, other_editor):
    with reversion.create_revision():
        reversion.set_user(editor_reviewer)
        page.save()
    submission = submit(page, editor)
    for person in (editor_reviewer, other_editor):
        with pytest.raises(ValidationError, match="cannot review this submission"):
            assignment.assign(submission, person, by=editor)
    assert Submission.objects.get(pk=submission.pk).assigned_to is None
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ASSIGNED).exists()


@pytest.mark.django_db
def test_the_queue_sorts_by_due_date_and_flags_what_is_overdue(client, page, article, editor, reviewer):
    ReviewTarget.objects.create(kind="article", days=1)
    ReviewTarget.objects.create(kind="drug", days=10)
    late = submit(page, editor)
    early = workflow.submit(article, editor, summary="New explainer")
    Submission.objects.filter(pk=early.pk).update(due_at=timezone.now() - DAY)
    client.force_login(reviewer)
    response = client.get(reverse("admin:reviews_submission_changelist"))
    assert [s.pk for s in response.context["cl"].result_list] == [early.pk, late.pk]
    html = response.content.decode()
    assert html.count('<span class="queue-flag overdue">overdue</span>') == 1
    assert "#result_list .field-summary { min-width: 16em; }" in html

    assignment.assign(late, reviewer, by=editor)
    mine = client.get(reverse("admin:reviews_submission_changelist"), {"assigned": "me"})
    assert [s.pk for s in mine.context["cl"].result_list] == [late.pk]


@pytest.mark.django_db
def test_assigning_from_the_review_screen(client, page, editor, reviewer, other_reviewer):
    other_reviewer.reviewer_profile.conditions.add(Condition.objects.get(slug="nsclc"))
    submission = submit(page, editor)
    client.force_login(editor)
    review = reverse("admin:reviews_submission_review", args=[submission.pk])
    html = client.get(review).content.decode()
    assert "Dr Second Reviewer (suggested: reviews Non-small cell lung cancer)" in html
    assert html.index("Dr Second Reviewer") < html.index("Dr Test Reviewer")

    assign = reverse("admin:reviews_submission_assign", args=[submission.pk])
    response = client.post(assign, {"reviewer": reviewer.pk}, follow=True)
    assert "Assigned to Dr Test Reviewer, who has been emailed." in messages_of(response)
    assert Submission.objects.get(pk=submission.pk).assigned_to == reviewer


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["", "999999", "<b>", "1" * 40])
def test_assigning_nobody_or_an_unknown_person_is_refused(client, page, editor, value):
    submission = submit(page, editor)
    client.force_login(editor)
    response = client.post(
        reverse("admin:reviews_submission_assign", args=[submission.pk]), {"reviewer": value}, follow=True
    )
    assert response.status_code == 200
    assert any(m.startswith("Not assigned:") for m in messages_of(response))
    assert Submission.objects.get(pk=submission.pk).assigned_to is None
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ASSIGNED).exists()


# The worker closes its database connection as a real one does: the test commits.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_production_the_worker_sends_what_cron_queued(page, editor, reviewer, settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    submission = workflow.submit(page, editor, summary="Dose wording")
    Submission.objects.filter(pk=submission.pk).update(due_at=timezone.now() - DAY)
    assert not mail.outbox  # the "review requested" email waits for the worker too

    call_command("send_reminders")
    assert "Queued for the worker" in capsys.readouterr().out
    assert not mail.outbox

    call_command("db_worker", "--batch", "--no-startup-delay")
    assert [m.subject for m in mail.outbox] == [
        "Review requested: Crizotinib (Xalkori)",
        "Review overdue: Crizotinib (Xalkori)",
    ]
