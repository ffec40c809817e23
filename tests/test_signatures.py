"""Electronic signatures on sign-offs: nothing ticked for the reviewer, a confirmation of what
will be published, the password re-entered at the moment of signing, and a record of what
the signature means, who signed, when and how they proved it.
"""

import re

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.urls import reverse

from demo import content
from demo.loader import load_demo
from reviews import workflow
from reviews.models import SignOff, Submission

from .conftest import PASSWORD, logged_in, messages_of, review_state, text_of

MEANING = "Approved for publication as medically accurate"


@pytest.fixture
def submission(page, editor):
    return workflow.submit(page, editor, summary="First version")


def approve_url(submission):
    return reverse("admin:reviews_submission_approve", args=[submission.pk])


def all_sources(submission):
    return {"sources": [s["id"] for s in submission.snapshot["sources"]], "comment": "Checked against the label."}


def test_the_review_screen_ticks_no_source_for_the_reviewer(client, submission, reviewer):
    client.force_login(reviewer)
    html = text_of(client.get(reverse("admin:reviews_submission_review", args=[submission.pk])))
    boxes = re.findall(r'<input type="checkbox" name="sources"[^>]*>', html)
    assert boxes, "the review screen lists the sources to tick"
    assert not [box for box in boxes if "checked" in box]
    assert 'name="password"' not in html, "the password is asked on the confirmation, with what is signed"


@pytest.mark.parametrize("password", [None, "", "not-the-password"])
def test_approving_without_the_right_password_is_refused_and_records_nothing(submission, reviewer, password):
    before = review_state()
    with pytest.raises(ValidationError) as refused:
        workflow.approve(submission, reviewer, comment="Checked.", password=password)
    assert "password" in refused.value.message_dict
    assert review_state() == before
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.PENDING


def test_the_sign_off_records_meaning_name_credentials_time_and_method(submission, reviewer):
    signoff = workflow.approve(submission, reviewer, comment="Checked.", password=PASSWORD)
    signoff.refresh_from_db()
    assert signoff.signature_meaning == MEANING
    assert signoff.reviewer_name == "Dr Test Reviewer"
    assert signoff.reviewer_credentials == reviewer.reviewer_profile.credentials
    assert signoff.signed_at is not None
    assert signoff.authentication_method == "Password re-entered at signing"


def test_approving_shows_what_will_be_signed_before_asking_for_the_password(client, submission, reviewer):
    client.force_login(reviewer)
    before = review_state()
    response = client.post(approve_url(submission), all_sources(submission))
    html = text_of(response)
    assert response.status_code == 200
    assert "You are about to sign" in html
    assert submission.snapshot["title"] in html
    assert submission.content_hash in html
    assert MEANING in html
    assert 'name="password"' in html
    assert review_state() == before, "showing the confirmation signs nothing"


def test_a_wrong_password_on_the_confirmation_signs_nothing_and_counts_as_a_failed_sign_in(
    client, submission, reviewer
):
    client.force_login(reviewer)
    before = review_state()
    response = client.post(approve_url(submission), {**all_sources(submission), "password": "guess", "sign": "Sign"})
    assert response.status_code == 200
    assert "That password is wrong. Nothing was signed." in text_of(response)
    assert "You are about to sign" in text_of(response)
    assert review_state() == before
    attempt = AccessAttempt.objects.get(username="reviewer")
    assert attempt.failures_since_start == 1


def test_a_locked_account_cannot_sign(client, settings, submission, reviewer):
    settings.AXES_FAILURE_LIMIT = 2
    client.force_login(reviewer)
    for _ in range(2):
        client.post(approve_url(submission), {**all_sources(submission), "password": "guess", "sign": "Sign"})
    before = review_state()
    response = client.post(approve_url(submission), {**all_sources(submission), "password": PASSWORD, "sign": "Sign"})
    assert response.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert review_state() == before


def test_signing_with_the_password_publishes_and_records_the_signature(client, submission, reviewer):
    client.force_login(reviewer)
    response = client.post(approve_url(submission), {**all_sources(submission), "password": PASSWORD, "sign": "Sign"})
    assert response.status_code == 302
    assert any("published" in message for message in messages_of(response))
    signoff = SignOff.objects.get()
    assert signoff.signature_meaning == MEANING
    assert signoff.authentication_method.startswith("Password re-entered at signing")
    record = text_of(logged_in(reviewer).get(reverse("admin:reviews_signoff_change", args=[signoff.pk])))
    assert MEANING in record


def test_requesting_changes_needs_no_signature(client, submission, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:reviews_submission_request_changes", args=[submission.pk]), {"comment": "Cite the label."}
    )
    assert response.status_code == 302
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.CHANGES_REQUESTED


def test_load_demo_signs_with_the_password_it_knows_and_otherwise_leaves_the_page_for_the_reviewer(demo, monkeypatch):
    assert SignOff.objects.filter(authentication_method="Password re-entered at signing").count() == len(demo.pages)
    sections = [*content.CRIZOTINIB["sections"][:-1], ("After crizotinib", "Ask your oncologist what comes next.")]
    monkeypatch.setitem(content.CRIZOTINIB, "sections", sections)
    before = SignOff.objects.count()

    unsigned = load_demo()

    assert {p.slug: outcome for p, outcome in unsigned.pages}["crizotinib"] == "submitted"
    assert SignOff.objects.count() == before
    assert Submission.objects.filter(page__slug="crizotinib", status=Submission.Status.PENDING).count() == 1
    assert {p.slug: outcome for p, outcome in load_demo().pages}["crizotinib"] == "submitted"
    assert Submission.objects.filter(page__slug="crizotinib").count() == 2, "an unchanged page is not submitted twice"

    signed = load_demo(reviewer_password=demo.accounts["reviewer"].password)
    assert {p.slug: outcome for p, outcome in signed.pages}["crizotinib"] == "updated"
    assert SignOff.objects.count() == before + 1
