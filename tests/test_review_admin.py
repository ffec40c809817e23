"""The reviewers' admin: queue, review screen, decisions, records, dashboard, withdrawal.

Each is also sent bad input (the wrong user, the wrong state, garbage in the forms): it
gets a clear answer and changes nothing.

Figures are from shared/content/facts.md (PROFILE 1014, ALEX, NCCN, the crizotinib label).
"""

import datetime
from decimal import Decimal

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone

from demo.facts import NCCN_NSCLC
from monographs.models import Article, Biomarker, Outcome, Section, Source
from reviews import workflow
from reviews.models import AuditEntry, Publication, SignOff, Submission

from .conftest import PASSWORD, add_crizotinib_dose_changes, make_user, messages_of, publish, review_state, text_of

# The seed page's template carry-over: a sentence written for an osimertinib page.
EGFR_AS_BASIS = "A confirmed EGFR mutation result is the starting point for crizotinib."


def review_url(submission):
    return reverse("admin:reviews_submission_review", args=[submission.pk])


def approve_url(submission):
    return reverse("admin:reviews_submission_approve", args=[submission.pk])


# What the confirmation page posts: the reviewer's password and the "Sign and approve" button.
SIGN = {"password": PASSWORD, "sign": "Sign and approve"}


def changes_url(submission):
    return reverse("admin:reviews_submission_request_changes", args=[submission.pk])


def withdraw_url(publication):
    return reverse("admin:reviews_publication_withdraw", args=[publication.pk])


def label_source_id():
    return Source.objects.get(kind=Source.Kind.LABEL).pk


@pytest.fixture
def submission(page, editor):
    return workflow.submit(page, editor, summary="First version")


@pytest.fixture
def flagged_submission(page, editor):
    """The page with EGFR given as the basis for treatment, submitted: the content checks find an error."""
    Biomarker.objects.create(name="EGFR", slug="egfr")
    Section.objects.create(page=page, order=2, heading="Before you start", body=EGFR_AS_BASIS)
    return workflow.submit(page, editor, summary="First version")


# The queue -----------------------------------------------------------------------------


def test_queue_lists_what_awaits_review_oldest_first(client, article, page, editor, reviewer):
    older = workflow.submit(article, editor, summary="New explainer")
    newer = workflow.submit(page, editor, summary="First version")
    Submission.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=3))
    decided = workflow.submit(Article.objects.create(title="Liver tests", slug="liver-tests", summary="Why."), editor)
    workflow.request_changes(decided, reviewer, "Cite the label.")
    client.force_login(reviewer)

    response = client.get(reverse("admin:reviews_submission_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("ROS1-positive NSCLC") < html.index("Crizotinib (Xalkori)")
    assert "Liver tests" not in html
    assert "New explainer" in html and "Explainer" in html and "not yet published" in html
    assert review_url(older) in html and review_url(newer) in html
    assert client.get(reverse("admin:reviews_submission_changelist"), {"status": "bogus"}).status_code == 200
    everything = client.get(reverse("admin:reviews_submission_changelist"), {"status": "all"})
    assert "Liver tests" in everything.content.decode()


def test_queue_shows_when_a_published_page_is_next_due(client, published_page, editor, reviewer):
    workflow.submit(published_page, editor, summary="Clearer dose section")
    client.force_login(reviewer)
    response = client.get(reverse("admin:reviews_submission_changelist"))
    due = Publication.objects.get().review_due
    assert f"{due:%b}" in response.content.decode() and str(due.year) in response.content.decode()


def test_submissions_cannot_be_added_changed_or_deleted_in_the_admin(client, submission, admin_user):
    client.force_login(admin_user)
    change = reverse("admin:reviews_submission_change", args=[submission.pk])
    assert client.get(reverse("admin:reviews_submission_add")).status_code == 403
    assert client.post(change, {"summary": "rewritten", "status": "approved"}).status_code == 403
    assert (
        client.post(reverse("admin:reviews_submission_delete", args=[submission.pk]), {"post": "yes"}).status_code
        == 403
    )
    submission.refresh_from_db()
    assert (submission.summary, submission.status) == ("First version", Submission.Status.PENDING)


# The review screen ---------------------------------------------------------------------


def test_review_screen_shows_diff_sources_and_findings(
    client, page, alex_primary_pfs, editor, reviewer, other_reviewer
):
    publish(page, editor, other_reviewer)
    section = page.sections.get()
    section.body = "Crizotinib blocks **ALK**, ROS1 and MET."
    section.save()
    Outcome.objects.filter(pk=alex_primary_pfs.pk).update(
        analysis=Outcome.Analysis.UPDATED,
        experimental_value=Decimal("34.8"),
        control_value=Decimal("10.9"),
        hazard_ratio=Decimal("0.43"),
        hr_ci_low=Decimal("0.32"),
        hr_ci_high=Decimal("0.58"),
    )
    # An error (a guideline version older than the newest in the sources) from a check
    # that runs after the one that warns (a kind of recorded dose change left out).
    Source.objects.create(kind=Source.Kind.GUIDELINE, title=NCCN_NSCLC, publisher="NCCN", version="v1.2026")
    Section.objects.create(page=page, order=2, heading="Guidelines", body="Doctors follow NCCN Guidelines v2.2024.")
    add_crizotinib_dose_changes(page.drug)
    submission = workflow.submit(page, editor, summary="ALEX updated analysis")
    client.force_login(reviewer)

    response = client.get(review_url(submission))

    html = response.content.decode()
    assert response.status_code == 200
    # The section's old and new words, escaped editor text, in <del>/<ins>.
    assert "<del>ROS1</del>" in html or "<del>ALK** and ROS1</del>" in html
    assert "MET" in html and "**ALK**" in html
    assert "ALEX Progression-free survival (investigator-assessed) — updated analysis" in html
    assert "<del>0.47</del> → <ins>0.43</ins>" in html
    assert "<ins>34.8 months</ins>" in html
    assert "XALKORI prescribing information" in html
    error = "NCCN v2.2024 is not the current version: the sources hold"
    warning = "Dose changes for hepatic impairment are not mentioned."
    assert html.index(error) < html.index(warning)
    assert 'name="override_reason"' in html
    # The label the page cites, and the papers its trial figures come from, listed with them.
    assert html.count('name="sources" value=') == len(submission.snapshot["sources"]) > 1 and "checked" in html
    assert reverse("admin:reviews_submission_preview", args=[submission.pk]) in html


def test_the_real_checks_findings_are_shown_and_block_a_plain_approval(client, flagged_submission, reviewer):
    client.force_login(reviewer)

    html = client.get(review_url(flagged_submission)).content.decode()
    refused = client.post(approve_url(flagged_submission), {"sources": [label_source_id()]})

    assert "EGFR is named as a basis for treatment" in html
    assert 'name="override_reason"' in html
    assert refused.status_code == 200
    assert not Publication.objects.exists()


def test_first_publication_is_shown_as_new(client, submission, reviewer):
    client.force_login(reviewer)
    html = client.get(review_url(submission)).content.decode()
    assert "First publication:" in html
    assert "<ins>Crizotinib blocks **ALK** and ROS1.</ins>" in html
    assert 'name="override_reason"' not in html


def test_editor_text_is_escaped_on_the_review_screen(client, page, editor, reviewer):
    section = page.sections.get()
    section.body = "<script>alert('x')</script>"
    section.save()
    submission = workflow.submit(page, editor)
    client.force_login(reviewer)
    html = client.get(review_url(submission)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_editor_sees_the_review_screen_without_decision_forms(client, submission, editor):
    client.force_login(editor)
    response = client.get(review_url(submission))
    assert response.status_code == 200
    assert "approve-form" not in response.content.decode()
    assert "Only a medical reviewer can approve" in response.content.decode()


def test_review_of_an_unknown_submission_is_not_found(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("admin:reviews_submission_review", args=[999])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, submission):
    response = client.get(review_url(submission))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_preview_renders_the_submitted_snapshot_for_the_review_screen_only(client, page, editor, reviewer):
    section = page.sections.get()
    section.body = "Crizotinib blocks **ALK** and ROS1. <script>alert('x')</script>"
    section.save()
    submission = workflow.submit(page, editor)
    section.body = "A later draft, not submitted."
    section.save()
    client.force_login(reviewer)

    response = client.get(reverse("admin:reviews_submission_preview", args=[submission.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "<strong>ALK</strong>" in html and "<script>alert" not in html
    assert "A later draft" not in html
    assert "not published" in html


def test_preview_needs_a_login(client, submission):
    response = client.get(reverse("admin:reviews_submission_preview", args=[submission.pk]))
    assert response.status_code == 302


# Approving -----------------------------------------------------------------------------


def test_approving_from_the_review_screen_publishes_the_submission(client, submission, reviewer):
    client.force_login(reviewer)

    response = client.post(
        approve_url(submission),
        {
            "comment": "Checked against the label.",
            "sources": [s["id"] for s in submission.snapshot["sources"]],
            **SIGN,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reviews_submission_changelist")
    publication = Publication.objects.get(page=submission.page)
    assert publication.snapshot == submission.snapshot
    signoff = SignOff.objects.get()
    assert signoff.comment == "Checked against the label."
    assert signoff.sources_reviewed == submission.snapshot["sources"]
    assert any("published" in m for m in messages_of(response))


def test_approve_needs_a_get_free_post(client, submission, reviewer):
    client.force_login(reviewer)
    assert client.get(approve_url(submission)).status_code == 405
    assert not Publication.objects.exists()


def test_approve_without_any_source_ticked_is_refused(client, submission, reviewer):
    client.force_login(reviewer)
    response = client.post(approve_url(submission), {"comment": "Looks fine"})
    assert response.status_code == 200
    assert "Tick the sources you checked the page against." in response.content.decode()
    assert not SignOff.objects.exists()


def test_approve_with_an_unknown_source_is_refused(client, submission, reviewer):
    client.force_login(reviewer)
    response = client.post(approve_url(submission), {"sources": ["99999"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SignOff.objects.exists()


def test_check_errors_need_a_reason_to_sign_off(client, flagged_submission, reviewer):
    client.force_login(reviewer)
    data = {"sources": [label_source_id()]}

    refused = client.post(approve_url(flagged_submission), data)

    assert refused.status_code == 200
    assert "give your reason for signing it off" in refused.content.decode()
    assert "Not approved: see the approval form below." in messages_of(refused)
    assert not Publication.objects.exists()

    client.post(
        approve_url(flagged_submission), {**data, "override_reason": "The EGFR line is quoted as an example.", **SIGN}
    )
    signoff = SignOff.objects.get()
    assert signoff.override_reason == "The EGFR line is quoted as an example."
    assert [f["code"] for f in signoff.findings] == ["unrelated-biomarker"]
    assert Publication.objects.exists()


def test_a_blank_override_reason_does_not_sign_off_over_check_errors(client, flagged_submission, reviewer):
    client.force_login(reviewer)
    response = client.post(
        approve_url(flagged_submission),
        {"sources": [label_source_id()], "override_reason": " \n\t "},
    )
    assert response.status_code == 200
    assert "give your reason for signing it off" in text_of(response)
    assert not SignOff.objects.exists()


def test_go_live_in_the_past_is_refused_and_in_the_future_scheduled(client, submission, reviewer):
    client.force_login(reviewer)
    data = {"sources": [label_source_id()]}
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    refused = client.post(approve_url(submission), {**data, "go_live_at": past})

    assert refused.status_code == 200
    assert "Choose a go-live time in the future" in refused.content.decode()
    assert not SignOff.objects.exists()

    future = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(approve_url(submission), {**data, "go_live_at": future, **SIGN})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SCHEDULED
    assert not Publication.objects.exists()


def test_a_malformed_go_live_time_is_refused(client, submission, reviewer):
    client.force_login(reviewer)
    response = client.post(approve_url(submission), {"sources": [label_source_id()], "go_live_at": "next tuesday"})
    assert response.status_code == 200
    assert "Enter a valid date/time." in response.content.decode()
    assert not SignOff.objects.exists()


def test_editor_cannot_approve(client, submission, editor):
    client.force_login(editor)
    response = client.post(approve_url(submission), {"sources": [label_source_id()]})
    assert response.status_code == 403
    assert "Only medical reviewers can approve a page." in messages_of(response)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING
    assert not Publication.objects.exists()


def test_reviewer_cannot_approve_their_own_edits(client, page, editor_reviewer):
    submission = workflow.submit(page, editor_reviewer, summary="My own rewrite")
    client.force_login(editor_reviewer)

    screen = client.get(review_url(submission)).content.decode()
    response = client.post(approve_url(submission), {"sources": [label_source_id()]})

    assert "another reviewer must approve it" in screen
    assert response.status_code == 403
    assert any("another reviewer must sign it off" in m for m in messages_of(response))
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING
    assert not SignOff.objects.exists()


def test_a_decided_submission_cannot_be_approved_again(client, submission, reviewer, other_reviewer):
    workflow.request_changes(submission, other_reviewer, "Add the hepatotoxicity warning.")
    client.force_login(reviewer)
    response = client.post(approve_url(submission), {"sources": [label_source_id()]})
    assert response.status_code == 200
    assert any("no longer awaiting review" in m for m in messages_of(response))
    assert not SignOff.objects.exists()


PEOPLE = {
    "editor": lambda: make_user("editor3", workflow.EDITORS, is_staff=True),
    "superuser without reviewer profile": lambda: make_user("root", is_staff=True, is_superuser=True),
    "staff without a role": lambda: make_user("staff", is_staff=True),
    "reviewer in the group without a profile": lambda: make_user("noprofile", workflow.REVIEWERS, is_staff=True),
    "inactive reviewer": lambda: make_user("inactive", workflow.REVIEWERS, is_staff=True, is_active=False),
}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("action", ["approve", "request_changes"])
def test_only_a_medical_reviewer_decides(client, submission, who, action):
    client.force_login(PEOPLE[who]())
    before = review_state()
    response = client.post(
        reverse(f"admin:reviews_submission_{action}", args=[submission.pk]),
        {"sources": [label_source_id()], "comment": "Looks fine to me."},
    )
    assert response.status_code in (302, 403)
    assert review_state() == before


def test_anonymous_visitors_cannot_decide_or_withdraw(client, submission, published_page):
    before = review_state()
    publication = Publication.objects.get()
    for url in (
        approve_url(submission),
        changes_url(submission),
        withdraw_url(publication),
        reverse("admin:monographs_drugpage_submit", args=[published_page.pk]),
    ):
        response = client.post(url, {"sources": [label_source_id()], "comment": "x", "reason": "x", "summary": "x"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    assert review_state() == before


@pytest.mark.parametrize("status", ["approved", "changes_requested", "superseded"])
@pytest.mark.parametrize("action", ["approve", "request_changes"])
def test_a_submission_no_longer_awaiting_review_cannot_be_decided(
    client, page, editor, reviewer, other_reviewer, status, action
):
    submission = workflow.submit(page, editor, summary="First version")
    if status == "approved":
        workflow.approve(submission, reviewer, password=PASSWORD)
    elif status == "changes_requested":
        workflow.request_changes(submission, reviewer, "Cite the label.")
    else:
        workflow.submit(page, editor, summary="Second version")
    client.force_login(other_reviewer)
    before = review_state()
    response = client.post(
        reverse(f"admin:reviews_submission_{action}", args=[submission.pk]),
        {"sources": [label_source_id()], "comment": "Fine."},
    )
    assert response.status_code == 200
    assert "no longer awaiting review" in text_of(response)
    assert review_state() == before


@pytest.mark.parametrize(
    "data, message",
    [
        ({"sources": []}, "Tick the sources you checked the page against."),
        ({"sources": ["abc"]}, "Select a valid choice."),
        ({"sources": ["999999"]}, "Select a valid choice."),
        ({"sources": ["99999999999999999999999"]}, "Select a valid choice."),
        ({"comment": "x" * 100_000, "sources": ["abc"]}, "Select a valid choice."),
        ({"go_live_at": "garbage"}, "Enter a valid date/time."),
        ({"go_live_at": "2030-02-30T10:00"}, "Enter a valid date/time."),
        ({"go_live_at": "99999-01-01T00:00"}, "Enter a valid date/time."),
        ({"go_live_at": "\x00"}, "Enter a valid date/time."),
        ({"comment": "Fine\x00", "sources": ["abc"]}, "Null characters are not allowed."),
        ({"go_live_at": "2000-01-01T00:00"}, "Choose a go-live time in the future"),
        ({"go_live_at": "0001-01-01T00:00"}, "Choose a go-live time in the future"),
        ({"go_live_at": "9999-12-31T23:59"}, "when this page&#x27;s next review would be due"),
    ],
)
@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/New_York"])
def test_garbage_in_the_approval_form_is_refused_with_a_message(
    client, settings, submission, reviewer, data, message, zone
):
    settings.TIME_ZONE = zone
    client.force_login(reviewer)
    data = {"sources": [label_source_id()], **data}
    before = review_state()
    response = client.post(approve_url(submission), data)
    assert response.status_code == 200
    assert message in text_of(response)
    assert review_state() == before


def test_go_live_after_the_next_review_would_be_due_is_refused(client, submission, reviewer):
    client.force_login(reviewer)
    too_late = timezone.localtime() + datetime.timedelta(days=400)
    response = client.post(
        approve_url(submission),
        {"sources": [label_source_id()], "go_live_at": too_late.strftime("%Y-%m-%dT%H:%M")},
    )
    assert "next review would be due" in text_of(response)
    assert not SignOff.objects.exists()

    in_a_month = timezone.localtime() + datetime.timedelta(days=30)
    client.post(
        approve_url(submission),
        {"sources": [label_source_id()], "go_live_at": in_a_month.strftime("%Y-%m-%dT%H:%M"), **SIGN},
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SCHEDULED


# Requesting changes --------------------------------------------------------------------


def test_request_changes_without_a_comment_is_refused(client, submission, reviewer):
    client.force_login(reviewer)
    response = client.post(changes_url(submission), {"comment": "   "})
    assert response.status_code == 200
    assert "Changes not requested: see the form below." in messages_of(response)
    assert "Say what needs to change" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CHANGES_REQUESTED).exists()


def test_request_changes_sends_the_submission_back(client, submission, reviewer):
    client.force_login(reviewer)
    response = client.post(changes_url(submission), {"comment": "Add the hepatotoxicity warning."})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.CHANGES_REQUESTED
    assert submission.decision_comment == "Add the hepatotoxicity warning."
    assert not Publication.objects.exists()


def test_editor_cannot_request_changes(client, submission, other_editor):
    client.force_login(other_editor)
    response = client.post(changes_url(submission), {"comment": "Please fix"})
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING


@pytest.mark.parametrize("comment", ["", "   \n ", "\x00"])
def test_request_changes_needs_a_real_comment(client, submission, reviewer, comment):
    client.force_login(reviewer)
    before = review_state()
    response = client.post(changes_url(submission), {"comment": comment})
    assert response.status_code == 200
    assert review_state() == before


# Permanent records ---------------------------------------------------------------------


@pytest.mark.parametrize("model", [SignOff, AuditEntry])
def test_permanent_records_cannot_be_changed_or_deleted_even_by_a_superuser(client, published_page, admin_user, model):
    record = model.objects.first()
    before = model.objects.filter(pk=record.pk).values().get()
    name = model._meta.model_name
    client.force_login(admin_user)

    assert client.get(reverse(f"admin:reviews_{name}_add")).status_code == 403
    assert client.post(reverse(f"admin:reviews_{name}_change", args=[record.pk]), {"comment": "x"}).status_code == 403
    delete = reverse(f"admin:reviews_{name}_delete", args=[record.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    bulk = client.post(
        reverse(f"admin:reviews_{name}_changelist"), {"action": "delete_selected", "_selected_action": [record.pk]}
    )
    assert bulk.status_code in (200, 302)
    assert model.objects.filter(pk=record.pk).values().get() == before


def test_signoff_detail_is_readable(client, published_page, reviewer):
    client.force_login(reviewer)
    signoff = SignOff.objects.get()
    html = client.get(reverse("admin:reviews_signoff_change", args=[signoff.pk])).content.decode()
    assert "Dr Test Reviewer" in html
    assert "XALKORI prescribing information" in html
    assert 'name="_save"' not in html


def test_signoff_shows_the_page_exactly_as_signed(client, published_page, editor, reviewer):
    section = published_page.sections.get()
    section.body = "A later draft, never signed."
    section.save()
    signoff = SignOff.objects.get()
    client.force_login(editor)

    response = client.get(reverse("admin:reviews_signoff_preview", args=[signoff.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>ALK</strong>" in html and "A later draft" not in html
    assert "Dr Test Reviewer signed it off" in html


def test_a_decided_submission_is_compared_with_the_sign_off_before_it(
    client, published_page, editor, reviewer, other_reviewer
):
    section = published_page.sections.get()
    section.body = "Crizotinib blocks ALK, ROS1 and MET."
    section.save()
    second = workflow.submit(published_page, editor, summary="Targets")
    workflow.approve(second, other_reviewer, password=PASSWORD)
    client.force_login(reviewer)

    html = client.get(review_url(second)).content.decode()

    assert "Changes from the sign-off before it" in html
    assert "MET" in html and "First publication" not in html
    assert "approve-form" not in html


@pytest.mark.parametrize(
    "query",
    ["signed_at__year=9999", "signed_at__year=9999&signed_at__month=12", "signed_at__year=2025&signed_at__month=13"],
)
def test_a_date_drill_down_past_what_a_date_holds_is_a_bad_filter(client, published_page, admin_user, query):
    client.force_login(admin_user)
    response = client.get(f"/admin/reviews/signoff/?{query}")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


# Publications and withdrawal -----------------------------------------------------------


def test_withdraw_requires_a_reason(client, published_page, reviewer):
    publication = Publication.objects.get()
    client.force_login(reviewer)

    refused = client.post(withdraw_url(publication), {"reason": "  "})

    assert refused.status_code == 200
    assert "Give the reason for withdrawing the page" in refused.content.decode()
    publication.refresh_from_db()
    assert publication.withdrawn_at is None

    done = client.post(withdraw_url(publication), {"reason": "The dose section is being corrected."})
    assert done.status_code == 302
    publication.refresh_from_db()
    assert publication.withdrawn_at is not None
    assert publication.withdrawal_reason == "The dose section is being corrected."


def test_editors_cannot_withdraw(client, published_page, editor):
    publication = Publication.objects.get()
    client.force_login(editor)
    assert client.get(withdraw_url(publication)).status_code == 403
    assert client.post(withdraw_url(publication), {"reason": "Outdated"}).status_code == 403
    publication.refresh_from_db()
    assert publication.withdrawn_at is None
    change = client.get(reverse("admin:reviews_publication_change", args=[publication.pk])).content.decode()
    assert withdraw_url(publication) not in change


def test_superuser_sees_the_withdraw_button(client, published_page, admin_user):
    publication = Publication.objects.get()
    client.force_login(admin_user)
    change = client.get(reverse("admin:reviews_publication_change", args=[publication.pk])).content.decode()
    assert withdraw_url(publication) in change


def test_publications_are_not_edited_in_the_admin(client, published_page, admin_user):
    publication = Publication.objects.get()
    client.force_login(admin_user)
    change = reverse("admin:reviews_publication_change", args=[publication.pk])
    assert client.post(change, {"title": "Something else"}).status_code == 403
    assert (
        client.post(reverse("admin:reviews_publication_delete", args=[publication.pk]), {"post": "yes"}).status_code
        == 403
    )
    publication.refresh_from_db()
    assert publication.title == "Crizotinib (Xalkori)"


@pytest.mark.parametrize("reason", [None, "", "   ", "\x00", ["  ", " "]])
@pytest.mark.parametrize("who", ["reviewer", "admin_user"])
def test_withdrawal_needs_a_real_reason(client, published_page, reason, who, request):
    client.force_login(request.getfixturevalue(who))
    publication = Publication.objects.get()
    response = client.post(
        withdraw_url(publication),
        {} if reason is None else {"reason": reason},
    )
    assert response.status_code == 200
    publication.refresh_from_db()
    assert publication.withdrawn_at is None
    assert client.get("/drugs/crizotinib/").status_code == 200


@pytest.mark.parametrize("who", ["editor", "other_editor"])
def test_editors_cannot_withdraw_by_posting_directly(client, published_page, who, request):
    client.force_login(request.getfixturevalue(who))
    publication = Publication.objects.get()
    response = client.post(withdraw_url(publication), {"reason": "Wrong."})
    assert response.status_code == 403
    publication.refresh_from_db()
    assert publication.withdrawn_at is None


# Dashboard and audit log ---------------------------------------------------------------


def test_dashboard_lists_overdue_pages_and_changes_awaiting_review(client, published_page, article, editor, reviewer):
    Publication.objects.update(review_due=timezone.localdate() - datetime.timedelta(days=3))
    publish(article, editor, reviewer)
    with reversion.create_revision():
        reversion.set_user(editor)
        article.sections.create(heading="Testing for ROS1", body="A biopsy sample is tested.")
    client.force_login(reviewer)

    response = client.get(reverse("admin:reviews_publication_due"))

    html = response.content.decode()
    assert response.status_code == 200
    overdue = html[html.index('id="overdue"') : html.index('id="due-soon"')]
    assert "Crizotinib (Xalkori)" in overdue
    awaiting = html[html.index('id="awaiting"') :]
    assert "ROS1-positive NSCLC" in awaiting and "Section added: Testing for ROS1" in awaiting


@pytest.mark.parametrize("who", ["anonymous", "staff without a role"])
def test_the_due_dashboard_is_for_staff_with_a_role(client, published_page, who):
    if who != "anonymous":
        client.force_login(make_user("staff", is_staff=True))
    response = client.get(reverse("admin:reviews_publication_due"))
    assert response.status_code in (302, 403)
    assert "Crizotinib" not in text_of(response)


def test_admin_index_links_to_the_queue_and_the_dashboard(client, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:reviews_submission_changelist") in html
    assert reverse("admin:reviews_publication_due") in html


def test_audit_log_can_be_read_page_by_page(client, published_page, article, editor, reviewer):
    workflow.submit(article, editor, summary="Explainer draft")
    client.force_login(reviewer)

    response = client.get(reverse("admin:reviews_auditentry_changelist"), {"page": published_page.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Explainer draft" not in html
    assert "Checked against the label." in html
    assert client.get(reverse("admin:reviews_auditentry_changelist"), {"page": "abc"}).status_code == 200


def test_reviewers_read_profiles_and_only_superusers_change_them(client, reviewer, admin_user):
    profile = reviewer.reviewer_profile
    change = reverse("admin:reviews_reviewerprofile_change", args=[profile.pk])
    client.force_login(reviewer)
    assert client.get(change).status_code == 200
    assert client.post(change, {"name": "Dr Someone Else"}).status_code == 403
    client.force_login(admin_user)
    assert client.get(reverse("admin:reviews_reviewerprofile_add")).status_code == 200
