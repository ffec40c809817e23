"""Comments on parts of a page: a reviewer points at a section, a question group or a row of
data the page shows; the editor answers on the page's form and marks each resolved; the next
submission keeps and shows which are resolved and which are open.
"""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reviews import workflow
from reviews.models import ReviewComment

from .conftest import admin_url, messages_of, text_of

SECTION = "section:How it works"
QUESTIONS = "questions:About liver monitoring"


@pytest.fixture
def submission(page, editor):
    return workflow.submit(page, editor, summary="First version")


def review_url(submission):
    return reverse("admin:reviews_submission_review", args=[submission.pk])


def answer_url(comment):
    return reverse("admin:reviews_submission_answer_comment", args=[comment.pk])


def test_a_reviewer_can_point_at_sections_question_groups_and_rows_shown(submission):
    targets = dict(workflow.comment_targets(submission.snapshot))
    assert targets[SECTION] == "Section: How it works"
    assert targets[QUESTIONS] == "Questions: About liver monitoring"
    assert targets["row:Drug:crizotinib"] == "Drug: crizotinib"
    assert any(target.startswith("row:Trial:") for target in targets)
    assert any(target.startswith("row:Source:") for target in targets)


def test_a_comment_on_a_section_survives_resubmission_and_shows_as_resolved_or_open(
    client, submission, reviewer, editor
):
    on_section = workflow.add_comment(submission, reviewer, SECTION, "Say which ALK test is meant.")
    on_questions = workflow.add_comment(submission, reviewer, QUESTIONS, "Add a question about eyesight.")
    mail.outbox.clear()
    workflow.request_changes(submission, reviewer, "See my comments on the sections.")
    assert "- Section: How it works: Say which ALK test is meant." in mail.outbox[0].body

    workflow.answer_comment(on_section, editor, "Named the test.", resolved=True)
    workflow.answer_comment(on_questions, editor, "", resolved=False)
    second = workflow.submit(submission.page, editor, summary="Answered the comments")

    assert [(c["target"], c["resolved"], c["answer"]) for c in second.earlier_comments] == [
        (SECTION, True, "Named the test."),
        (QUESTIONS, False, ""),
    ]
    assert set(submission.comments.values_list("target", flat=True)) == {SECTION, QUESTIONS}
    client.force_login(reviewer)
    screen = text_of(client.get(review_url(second)))
    assert "1 resolved, 1 open" in screen
    assert "Say which ALK test is meant." in screen and "Named the test." in screen

    # What the second submission shows stays as the editor left it when submitting.
    workflow.answer_comment(on_section, editor, "Named the test.", resolved=False)
    second.refresh_from_db()
    assert second.earlier_comments[0]["resolved"] is True

    # A third submission shows again what is open, not what was resolved before the second.
    workflow.answer_comment(on_section, editor, "Named the test.", resolved=True)
    workflow.request_changes(second, reviewer, "Still the eyesight question.")
    third = workflow.submit(submission.page, editor, summary="Again")
    assert [(c["target"], c["resolved"]) for c in third.earlier_comments] == [(SECTION, True), (QUESTIONS, False)]
    fourth = workflow.submit(submission.page, editor, summary="Once more")
    assert [c["target"] for c in fourth.earlier_comments] == [QUESTIONS]


def test_only_the_reviewers_of_the_step_comment_and_only_on_what_the_page_shows(
    submission, reviewer, editor, other_editor
):
    for user in (editor, other_editor):
        with pytest.raises(PermissionDenied):
            workflow.add_comment(submission, user, SECTION, "Looks fine.")
    with pytest.raises(ValidationError) as refused:
        workflow.add_comment(submission, reviewer, "section:No such section", "Where is it?")
    assert "target" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        workflow.add_comment(submission, reviewer, SECTION, "   ")
    assert "body" in refused.value.message_dict
    with pytest.raises(ValidationError):
        workflow.add_comment(submission, reviewer, SECTION, "x" * 5_001)
    assert not ReviewComment.objects.exists()


def test_the_reviewer_comments_from_the_review_screen(client, submission, reviewer):
    client.force_login(reviewer)
    assert 'id="comment-form"' in text_of(client.get(review_url(submission)))
    url = reverse("admin:reviews_submission_comment", args=[submission.pk])
    refused = client.post(url, {"target": "section:<script>", "body": "Hm."})
    assert refused.status_code == 200
    assert "Choose a part of the page that this submission shows." in text_of(refused)
    assert not ReviewComment.objects.exists()

    response = client.post(url, {"target": SECTION, "body": "Say which ALK test is meant."})
    assert response.status_code == 302
    assert "Comment added on Section: How it works." in messages_of(response)
    assert "Say which ALK test is meant." in text_of(client.get(review_url(submission)))
    assert client.get(url).status_code == 405


def test_the_editor_answers_and_resolves_on_the_pages_form(client, submission, reviewer, editor, other_reviewer):
    comment = workflow.add_comment(submission, reviewer, SECTION, "Say which ALK test is meant.")
    client.force_login(editor)
    form = text_of(client.get(admin_url(type(submission.page.specific), "change", submission.page_id)))
    assert "Reviewers&#x27; comments (1)" in form or "Reviewers' comments (1)" in form
    assert "Say which ALK test is meant." in form

    response = client.post(answer_url(comment), {"answer": "Named the FDA-approved test.", "resolved": "on"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.answer, comment.answered_by, comment.resolved) == ("Named the FDA-approved test.", editor, True)

    client.force_login(other_reviewer)
    assert client.post(answer_url(comment), {"answer": "Overwritten", "resolved": ""}).status_code == 403
    comment.refresh_from_db()
    assert (comment.answer, comment.resolved) == ("Named the FDA-approved test.", True)

    client.force_login(editor)
    refused = client.post(answer_url(comment), {"answer": "x" * 5_001})
    assert any("Answer not saved" in message for message in messages_of(refused))
    comment.refresh_from_db()
    assert comment.answer == "Named the FDA-approved test."
