"""The reviewers' admin: queue, review screen, decisions, records, dashboard, withdrawal.

Figures are from shared/content/facts.md (PROFILE 1014, ALEX).
"""

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal

import pytest
import reversion
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from monographs.models import Article, Biomarker, Outcome, Source
from reviews import workflow
from reviews.models import AuditEntry, Publication, SignOff, Submission

from .conftest import publish


@dataclass
class Finding:
    code: str
    severity: str
    message: str
    location: str = ""
    text: str = ""

    def as_dict(self):
        return asdict(self)


EGFR_ERROR = Finding(
    "wrong-biomarker",
    "error",
    "The page names EGFR, a biomarker crizotinib does not target.",
    location="How it works",
    text="A confirmed EGFR mutation result is the starting point",
)
GUIDELINE_WARNING = Finding("stale-guideline", "warning", "NCCN v2.2024 is not the current version.")


@pytest.fixture
def findings(monkeypatch):
    """Stands in for the content checks, which have tests of their own: finds what the test lists."""
    found = []

    def check_snapshot(snapshot):
        return list(found)

    monkeypatch.setattr("reviews.checks.check_snapshot", check_snapshot)
    # The workflow keeps its own reference to the checks (it signs what they found).
    monkeypatch.setattr(workflow, "check_snapshot", check_snapshot)
    return found


def review_url(submission):
    return reverse("admin:reviews_submission_review", args=[submission.pk])


def approve_url(submission):
    return reverse("admin:reviews_submission_approve", args=[submission.pk])


def changes_url(submission):
    return reverse("admin:reviews_submission_request_changes", args=[submission.pk])


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def label_source_id():
    return Source.objects.get(kind=Source.Kind.LABEL).pk


@pytest.fixture
def submission(page, editor):
    return workflow.submit(page, editor, summary="First version")


@pytest.fixture
def alex(alex_trial):
    """ALEX, as crizotinib's pages show it: alectinib against crizotinib, PFS primary analysis."""
    nejm = Source.objects.create(
        kind=Source.Kind.PUBLICATION, title="Peters et al., ALEX", citation="N Engl J Med 2017"
    )
    trial = alex_trial
    return Outcome.objects.create(
        trial=trial,
        endpoint=Outcome.Endpoint.PFS,
        measure=Outcome.Measure.MEDIAN,
        analysis=Outcome.Analysis.PRIMARY,
        assessor=Outcome.Assessor.INVESTIGATOR,
        unit=Outcome.Unit.MONTHS,
        hazard_ratio=Decimal("0.47"),
        hr_ci_low=Decimal("0.34"),
        hr_ci_high=Decimal("0.65"),
        source=nejm,
    )


# The queue -----------------------------------------------------------------------------


def test_queue_lists_what_awaits_review_oldest_first(client, findings, page, editor, reviewer):
    article = Article.objects.create(
        title="ROS1-positive NSCLC", slug="ros1-positive-nsclc", summary="What ROS1 means."
    )
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


def test_queue_shows_when_a_published_page_is_next_due(client, findings, published_page, editor, reviewer):
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


def test_review_screen_shows_diff_sources_and_findings(client, findings, page, alex, editor, reviewer, other_reviewer):
    publish(page, editor, other_reviewer)
    section = page.sections.get()
    section.body = "Crizotinib blocks **ALK**, ROS1 and MET."
    section.save()
    Outcome.objects.filter(pk=alex.pk).update(
        analysis=Outcome.Analysis.UPDATED,
        experimental_value=Decimal("34.8"),
        control_value=Decimal("10.9"),
        hazard_ratio=Decimal("0.43"),
        hr_ci_low=Decimal("0.32"),
        hr_ci_high=Decimal("0.58"),
    )
    submission = workflow.submit(page, editor, summary="ALEX updated analysis")
    findings += [GUIDELINE_WARNING, EGFR_ERROR]
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
    assert html.index(EGFR_ERROR.message) < html.index(GUIDELINE_WARNING.message)
    assert 'name="override_reason"' in html
    assert html.count('name="sources" value=') == 1 and "checked" in html
    assert reverse("admin:reviews_submission_preview", args=[submission.pk]) in html


def test_the_real_checks_findings_are_shown_and_block_a_plain_approval(client, page, editor, reviewer):
    # The seed page's template carry-over: an osimertinib sentence on the crizotinib page.
    Biomarker.objects.create(name="EGFR", slug="egfr")
    section = page.sections.get()
    section.body = "A confirmed EGFR mutation result is the starting point for crizotinib."
    section.save()
    submission = workflow.submit(page, editor)
    client.force_login(reviewer)

    html = client.get(review_url(submission)).content.decode()
    refused = client.post(approve_url(submission), {"sources": [label_source_id()]})

    assert "EGFR is named as a basis for treatment" in html
    assert 'name="override_reason"' in html
    assert refused.status_code == 200
    assert not Publication.objects.exists()


def test_first_publication_is_shown_as_new(client, submission, reviewer, findings):
    client.force_login(reviewer)
    html = client.get(review_url(submission)).content.decode()
    assert "First publication:" in html
    assert "<ins>Crizotinib blocks **ALK** and ROS1.</ins>" in html
    assert 'name="override_reason"' not in html


def test_editor_text_is_escaped_on_the_review_screen(client, page, editor, reviewer, findings):
    section = page.sections.get()
    section.body = "<script>alert('x')</script>"
    section.save()
    submission = workflow.submit(page, editor)
    client.force_login(reviewer)
    html = client.get(review_url(submission)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_editor_sees_the_review_screen_without_decision_forms(client, submission, editor, findings):
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


def test_approving_from_the_review_screen_publishes_the_submission(client, submission, reviewer, findings):
    client.force_login(reviewer)

    response = client.post(
        approve_url(submission), {"comment": "Checked against the label.", "sources": [label_source_id()]}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reviews_submission_changelist")
    publication = Publication.objects.get(page=submission.page)
    assert publication.snapshot == submission.snapshot
    signoff = SignOff.objects.get()
    assert signoff.comment == "Checked against the label."
    assert signoff.sources_reviewed == submission.snapshot["sources"]
    assert any("published" in m for m in messages_of(response))


def test_approve_needs_a_get_free_post(client, submission, reviewer, findings):
    client.force_login(reviewer)
    assert client.get(approve_url(submission)).status_code == 405
    assert not Publication.objects.exists()


def test_approve_without_any_source_ticked_is_refused(client, submission, reviewer, findings):
    client.force_login(reviewer)
    response = client.post(approve_url(submission), {"comment": "Looks fine"})
    assert response.status_code == 200
    assert "Tick the sources you checked the page against." in response.content.decode()
    assert not SignOff.objects.exists()


def test_approve_with_an_unknown_source_is_refused(client, submission, reviewer, findings):
    client.force_login(reviewer)
    response = client.post(approve_url(submission), {"sources": ["99999"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SignOff.objects.exists()


def test_check_errors_need_a_reason_to_sign_off(client, submission, reviewer, findings):
    findings.append(EGFR_ERROR)
    client.force_login(reviewer)
    data = {"sources": [label_source_id()]}

    refused = client.post(approve_url(submission), data)

    assert refused.status_code == 200
    assert "give your reason for signing it off" in refused.content.decode()
    assert "Not approved: see the approval form below." in messages_of(refused)
    assert not Publication.objects.exists()

    client.post(approve_url(submission), {**data, "override_reason": "The EGFR line is quoted as an example."})
    assert SignOff.objects.get().override_reason == "The EGFR line is quoted as an example."
    assert Publication.objects.exists()


def test_go_live_in_the_past_is_refused_and_in_the_future_scheduled(client, submission, reviewer, findings):
    client.force_login(reviewer)
    data = {"sources": [label_source_id()]}
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    refused = client.post(approve_url(submission), {**data, "go_live_at": past})

    assert refused.status_code == 200
    assert "Choose a go-live time in the future" in refused.content.decode()
    assert not SignOff.objects.exists()

    future = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(approve_url(submission), {**data, "go_live_at": future})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SCHEDULED
    assert not Publication.objects.exists()


def test_a_malformed_go_live_time_is_refused(client, submission, reviewer, findings):
    client.force_login(reviewer)
    response = client.post(approve_url(submission), {"sources": [label_source_id()], "go_live_at": "next tuesday"})
    assert response.status_code == 200
    assert "Enter a valid date/time." in response.content.decode()
    assert not SignOff.objects.exists()


def test_editor_cannot_approve(client, submission, editor, findings):
    client.force_login(editor)
    response = client.post(approve_url(submission), {"sources": [label_source_id()]})
    assert response.status_code == 403
    assert "Only medical reviewers can approve a page." in messages_of(response)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING
    assert not Publication.objects.exists()


def test_reviewer_cannot_approve_their_own_edits(client, page, reviewer, findings):
    reviewer.groups.add(Group.objects.get(name=workflow.EDITORS))
    submission = workflow.submit(page, reviewer, summary="My own rewrite")
    client.force_login(reviewer)

    screen = client.get(review_url(submission)).content.decode()
    response = client.post(approve_url(submission), {"sources": [label_source_id()]})

    assert "another reviewer must approve it" in screen
    assert response.status_code == 403
    assert any("another reviewer must sign it off" in m for m in messages_of(response))
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING
    assert not SignOff.objects.exists()


def test_a_decided_submission_cannot_be_approved_again(client, submission, reviewer, other_reviewer, findings):
    workflow.request_changes(submission, other_reviewer, "Add the hepatotoxicity warning.")
    client.force_login(reviewer)
    response = client.post(approve_url(submission), {"sources": [label_source_id()]})
    assert response.status_code == 200
    assert any("no longer awaiting review" in m for m in messages_of(response))
    assert not SignOff.objects.exists()


# Requesting changes --------------------------------------------------------------------


def test_request_changes_without_a_comment_is_refused(client, submission, reviewer, findings):
    client.force_login(reviewer)
    response = client.post(changes_url(submission), {"comment": "   "})
    assert response.status_code == 200
    assert "Changes not requested: see the form below." in messages_of(response)
    assert "Say what needs to change" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CHANGES_REQUESTED).exists()


def test_request_changes_sends_the_submission_back(client, submission, reviewer, findings):
    client.force_login(reviewer)
    response = client.post(changes_url(submission), {"comment": "Add the hepatotoxicity warning."})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.CHANGES_REQUESTED
    assert submission.decision_comment == "Add the hepatotoxicity warning."
    assert not Publication.objects.exists()


def test_editor_cannot_request_changes(client, submission, other_editor, findings):
    client.force_login(other_editor)
    response = client.post(changes_url(submission), {"comment": "Please fix"})
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING


# Permanent records ---------------------------------------------------------------------


@pytest.mark.parametrize("model", [SignOff, AuditEntry])
def test_permanent_records_cannot_be_changed_or_deleted_even_by_a_superuser(
    client, findings, published_page, admin_user, model
):
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


def test_signoff_detail_is_readable(client, findings, published_page, reviewer):
    client.force_login(reviewer)
    signoff = SignOff.objects.get()
    html = client.get(reverse("admin:reviews_signoff_change", args=[signoff.pk])).content.decode()
    assert "Dr Test Reviewer" in html
    assert "XALKORI prescribing information" in html
    assert 'name="_save"' not in html


def test_signoff_shows_the_page_exactly_as_signed(client, findings, published_page, editor, reviewer):
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
    client, findings, published_page, editor, reviewer, other_reviewer
):
    section = published_page.sections.get()
    section.body = "Crizotinib blocks ALK, ROS1 and MET."
    section.save()
    second = workflow.submit(published_page, editor, summary="Targets")
    workflow.approve(second, other_reviewer)
    client.force_login(reviewer)

    html = client.get(review_url(second)).content.decode()

    assert "Changes from the sign-off before it" in html
    assert "MET" in html and "First publication" not in html
    assert "approve-form" not in html


# Publications and withdrawal -----------------------------------------------------------


def withdraw_url(publication):
    return reverse("admin:reviews_publication_withdraw", args=[publication.pk])


def test_withdraw_requires_a_reason(client, findings, published_page, reviewer):
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


def test_editors_cannot_withdraw(client, findings, published_page, editor):
    publication = Publication.objects.get()
    client.force_login(editor)
    assert client.get(withdraw_url(publication)).status_code == 403
    assert client.post(withdraw_url(publication), {"reason": "Outdated"}).status_code == 403
    publication.refresh_from_db()
    assert publication.withdrawn_at is None
    change = client.get(reverse("admin:reviews_publication_change", args=[publication.pk])).content.decode()
    assert withdraw_url(publication) not in change


def test_superuser_sees_the_withdraw_button(client, findings, published_page, admin_user):
    publication = Publication.objects.get()
    client.force_login(admin_user)
    change = client.get(reverse("admin:reviews_publication_change", args=[publication.pk])).content.decode()
    assert withdraw_url(publication) in change


def test_publications_are_not_edited_in_the_admin(client, findings, published_page, admin_user):
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


# Dashboard and audit log ---------------------------------------------------------------


def test_dashboard_lists_overdue_pages_and_changes_awaiting_review(client, findings, published_page, editor, reviewer):
    Publication.objects.update(review_due=timezone.localdate() - datetime.timedelta(days=3))
    article = Article.objects.create(
        title="ROS1-positive NSCLC", slug="ros1-positive-nsclc", summary="What ROS1 means."
    )
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


def test_admin_index_links_to_the_queue_and_the_dashboard(client, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:reviews_submission_changelist") in html
    assert reverse("admin:reviews_publication_due") in html


def test_audit_log_can_be_read_page_by_page(client, findings, published_page, editor, reviewer):
    article = Article.objects.create(
        title="ROS1-positive NSCLC", slug="ros1-positive-nsclc", summary="What ROS1 means."
    )
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
