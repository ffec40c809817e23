"""Emails: reviewers hear of a submission, the editor of the decision."""

import reversion
from django.core import mail

from reviews import workflow

from .conftest import PASSWORD


def test_reviewers_are_told_of_a_submission(page, editor, reviewer, other_reviewer):
    workflow.submit(page, editor, summary="New page")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Review requested: Crizotinib (Xalkori)"
    assert sorted(message.to) == ["reviewer2@example.org", "reviewer@example.org"]
    assert "New page" in message.body


def test_a_reviewer_who_edited_is_not_asked(page, editor, editor_reviewer, reviewer):
    with reversion.create_revision():
        reversion.set_user(editor_reviewer)
        page.summary = "Edited by a reviewer."
        page.save()
    workflow.submit(page, editor)
    assert mail.outbox[0].to == ["reviewer@example.org"]


def test_editor_hears_of_approval_and_of_requested_changes(page, editor, reviewer):
    submission = workflow.submit(page, editor)
    mail.outbox.clear()
    workflow.request_changes(submission, reviewer, "Add the hepatic dose changes.")
    assert mail.outbox[0].to == ["editor@example.org"]
    assert mail.outbox[0].subject == "Changes requested: Crizotinib (Xalkori)"
    assert "Add the hepatic dose changes." in mail.outbox[0].body

    mail.outbox.clear()
    workflow.approve(workflow.submit(page, editor), reviewer, comment="Good.", password=PASSWORD)
    approval = [m for m in mail.outbox if m.subject.startswith("Approved")]
    assert approval[0].to == ["editor@example.org"] and "It is now public." in approval[0].body
