"""Workflows of review steps: a kind of page may go through ordered steps, each done by a group
(a fact check by Medical editors, then the medical sign-off). Each decision is recorded
against the exact snapshot; four eyes holds at every step; changes requested at any step
send the page back to its editor; only the last step's approval publishes. A kind without
a workflow of its own keeps the single sign-off.
"""

import pytest
import reversion
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from demo.loader import load_demo
from monographs.models import Page
from reviews import workflow
from reviews.models import AuditEntry, Publication, SignOff, StepDecision, Submission, Workflow, WorkflowStep
from reviews.status import PageStatus, page_status

from .conftest import PASSWORD, make_reviewer, make_user, messages_of, review_state, text_of

FACT_CHECKERS = "Medical editors"


@pytest.fixture
def fact_checkers(db):
    group = Group.objects.create(name=FACT_CHECKERS)
    group.permissions.set(Permission.objects.filter(content_type__app_label="reviews", codename__startswith="view_"))
    return group


@pytest.fixture
def two_steps(fact_checkers):
    """Drug pages go through a fact check, then the medical sign-off."""
    flow = Workflow.objects.create(kind=Page.Kind.DRUG)
    WorkflowStep.objects.create(workflow=flow, order=1, name="Fact check", group=fact_checkers)
    WorkflowStep.objects.create(
        workflow=flow, order=2, name="Medical sign-off", group=Group.objects.get(name=workflow.REVIEWERS)
    )
    return flow


@pytest.fixture
def fact_checker(fact_checkers):
    return make_user("fact-checker", FACT_CHECKERS, is_staff=True)


@pytest.fixture
def submission(two_steps, page, editor):
    return workflow.submit(page, editor, summary="First version")


def approve(submission, user, **extra):
    return workflow.approve(submission, user, comment="Checked.", password=PASSWORD, **extra)


def test_without_a_workflow_a_page_has_the_single_sign_off(page, editor, reviewer):
    submission = workflow.submit(page, editor)
    assert submission.steps == [{"name": "Medical sign-off", "group": workflow.REVIEWERS}]
    signoff = approve(submission, reviewer)
    assert isinstance(signoff, SignOff)
    assert Publication.objects.filter(page=page).exists()
    assert StepDecision.objects.get().content_hash == submission.content_hash


def test_the_fact_checkers_approval_does_not_publish_the_reviewers_does(submission, fact_checker, reviewer):
    assert submission.steps == [
        {"name": "Fact check", "group": FACT_CHECKERS},
        {"name": "Medical sign-off", "group": workflow.REVIEWERS},
    ]
    assert not workflow.can_decide(reviewer, submission), "the sign-off waits for the fact check"

    checked = approve(submission, fact_checker)

    assert isinstance(checked, StepDecision)
    assert (checked.step, checked.step_name, checked.outcome) == (1, "Fact check", "approved")
    assert checked.content_hash == submission.content_hash
    assert checked.signature_meaning == "Fact check: checked and passed on to Medical sign-off"
    assert not Publication.objects.exists()
    assert not SignOff.objects.exists()
    submission.refresh_from_db()
    assert (submission.status, submission.current_step) == (Submission.Status.PENDING, 2)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.STEP_APPROVED, actor=fact_checker).exists()
    assert page_status(submission.page) == PageStatus.IN_REVIEW

    signoff = approve(submission, reviewer)

    assert isinstance(signoff, SignOff)
    assert signoff.signature_meaning == "Approved for publication as medically accurate"
    assert Publication.objects.get(page=submission.page).signoff == signoff
    assert list(submission.decisions.values_list("step", "decided_by__username", "content_hash")) == [
        (1, "fact-checker", submission.content_hash),
        (2, "reviewer", submission.content_hash),
    ]


def test_each_step_is_done_only_by_its_group(submission, fact_checker, reviewer):
    before = review_state()
    with pytest.raises(PermissionDenied, match="awaits the step “Fact check”"):
        approve(submission, reviewer)
    assert review_state() == before
    approve(submission, fact_checker)
    with pytest.raises(PermissionDenied):
        approve(submission, fact_checker)
    assert not SignOff.objects.exists()


def test_the_fact_checker_cannot_sign_the_last_step_for_content_they_edited(
    two_steps, fact_checkers, page, editor, other_reviewer
):
    """An oncologist who also fact-checks: they corrected the page during the fact check."""
    checker = make_reviewer("checking-oncologist", name="Dr Checking Oncologist")
    checker.groups.add(fact_checkers)
    with reversion.create_revision():
        reversion.set_user(checker)
        page.summary = "A targeted medicine for ALK-positive or ROS1-positive lung cancer, taken by mouth."
        page.save()
    submission = workflow.submit(page, editor, summary="Say how it is taken")
    other_checker = make_user("fact-checker-2", FACT_CHECKERS, is_staff=True)

    assert not workflow.can_approve(checker, submission)
    with pytest.raises(PermissionDenied, match="You wrote part of this content"):
        approve(submission, checker)
    approve(submission, other_checker)

    before = review_state()
    submission.refresh_from_db()
    assert workflow.can_decide(checker, submission), "they are a medical reviewer..."
    assert not workflow.can_approve(checker, submission), "...but not of what they wrote"
    with pytest.raises(PermissionDenied, match="You wrote part of this content"):
        approve(submission, checker)
    assert review_state() == before
    assert not SignOff.objects.exists()

    approve(submission, other_reviewer)
    assert Publication.objects.filter(page=page).exists()


def test_no_one_approves_two_steps_of_one_submission(two_steps, fact_checkers, submission, reviewer, other_reviewer):
    reviewer.groups.add(fact_checkers)
    approve(submission, reviewer)
    submission.refresh_from_db()
    assert not workflow.can_approve(reviewer, submission)
    with pytest.raises(PermissionDenied, match="approved an earlier step"):
        approve(submission, reviewer)
    approve(submission, other_reviewer)
    assert SignOff.objects.get().reviewer == other_reviewer


def test_changes_requested_at_the_first_step_return_the_page_to_the_editor(submission, fact_checker, editor):
    workflow.request_changes(submission, fact_checker, "The PFS figure does not match the label.")

    submission.refresh_from_db()
    assert submission.status == Submission.Status.CHANGES_REQUESTED
    assert page_status(submission.page) == PageStatus.CHANGES_REQUESTED
    decision = StepDecision.objects.get()
    assert (decision.step, decision.outcome, decision.decided_by) == (1, "changes_requested", fact_checker)
    assert decision.content_hash == submission.content_hash
    assert not Publication.objects.exists()
    resubmitted = workflow.submit(submission.page, editor, summary="PFS corrected")
    assert resubmitted.current_step == 1, "a new submission starts again at the first step"


def test_changes_requested_at_the_last_step_return_the_page_too(submission, fact_checker, reviewer):
    approve(submission, fact_checker)
    workflow.request_changes(submission, reviewer, "Say who should not take it.")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.CHANGES_REQUESTED
    assert list(submission.decisions.values_list("step", "outcome")) == [(1, "approved"), (2, "changes_requested")]


def test_a_submission_keeps_the_steps_it_was_made_with(submission, two_steps, fact_checker, reviewer):
    two_steps.steps.filter(order=1).delete()
    submission.refresh_from_db()
    assert len(submission.steps) == 2
    approve(submission, fact_checker)
    assert not Publication.objects.exists()


def test_only_the_last_step_chooses_a_go_live_time(submission, fact_checker):
    before = review_state()
    with pytest.raises(ValidationError) as refused:
        approve(submission, fact_checker, go_live_at=timezone.now() + timezone.timedelta(days=1))
    assert "go_live_at" in refused.value.message_dict
    assert review_state() == before


def test_the_next_steps_group_hears_of_the_fact_checkers_approval(submission, fact_checker, reviewer, editor):
    mail.outbox.clear()
    approve(submission, fact_checker)
    assert [message.to for message in mail.outbox] == [[reviewer.email]]
    assert "Step 2 of 2: Medical sign-off" in mail.outbox[0].subject


def test_step_decisions_are_permanent(submission, fact_checker):
    decision = approve(submission, fact_checker)
    with pytest.raises(ValidationError):
        decision.save()
    with pytest.raises(ValidationError):
        StepDecision.objects.filter(pk=decision.pk).delete()


# In the admin ------------------------------------------------------------------------------


def test_the_review_screen_shows_the_steps_and_the_fact_checker_approves_there(client, submission, fact_checker):
    client.force_login(fact_checker)
    review = reverse("admin:reviews_submission_review", args=[submission.pk])
    html = text_of(client.get(review))
    assert "Step 1 of 2: Fact check" in html
    assert 'name="go_live_at"' not in html, "only the last step chooses when the page goes live"

    approve_url = reverse("admin:reviews_submission_approve", args=[submission.pk])
    sources = [s["id"] for s in submission.snapshot["sources"]]
    confirmation = text_of(client.post(approve_url, {"sources": sources}))
    assert "Fact check: checked and passed on to Medical sign-off" in confirmation
    assert "it does not publish it" in confirmation
    response = client.post(approve_url, {"sources": sources, "password": PASSWORD, "sign": "Sign"})
    assert response.status_code == 302
    assert any("now awaits Medical sign-off" in message for message in messages_of(response))
    assert not Publication.objects.exists()
    html = text_of(client.get(review))
    assert "approved by fact-checker" in html


def test_the_queue_shows_which_step_a_submission_awaits(client, submission, fact_checker):
    client.force_login(fact_checker)
    queue = text_of(client.get(reverse("admin:reviews_submission_changelist")))
    assert "Awaiting review (Step 1 of 2: Fact check)" in queue


def test_load_demo_leaves_a_page_with_steps_of_its_own_to_the_publishers_people(db, fact_checkers):
    flow = Workflow.objects.create(kind=Page.Kind.ARTICLE)
    WorkflowStep.objects.create(workflow=flow, order=1, name="Fact check", group=fact_checkers)
    reviewers = Group.objects.get(name=workflow.REVIEWERS)
    WorkflowStep.objects.create(workflow=flow, order=2, name="Medical sign-off", group=reviewers)
    result = load_demo()
    outcomes = {page.kind: outcome for page, outcome in result.pages}
    assert outcomes[Page.Kind.ARTICLE] == "submitted"
    assert outcomes[Page.Kind.DRUG] == "published"
    assert not Publication.objects.filter(kind=Page.Kind.ARTICLE).exists()
    assert {p.kind: o for p, o in load_demo().pages}[Page.Kind.ARTICLE] == "submitted"
    assert Submission.objects.filter(page__kind=Page.Kind.ARTICLE).count() == 1, "not submitted again"


def test_only_administrators_configure_workflows(client, fact_checkers, editor, reviewer, admin_user):
    add = reverse("admin:reviews_workflow_add")
    data = {
        "kind": Page.Kind.ARTICLE,
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-0-order": "1",
        "steps-0-name": "Fact check",
        "steps-0-group": str(fact_checkers.pk),
        "steps-1-order": "2",
        "steps-1-name": "Medical sign-off",
        "steps-1-group": str(Group.objects.get(name=workflow.REVIEWERS).pk),
    }
    for user in (editor, reviewer):
        client.force_login(user)
        assert client.post(add, data).status_code == 403
    assert not Workflow.objects.exists()

    client.force_login(admin_user)
    assert client.post(add, data).status_code == 302
    assert workflow.workflow_steps(Page.Kind.ARTICLE) == [
        {"name": "Fact check", "group": FACT_CHECKERS},
        {"name": "Medical sign-off", "group": workflow.REVIEWERS},
    ]


def test_two_steps_in_the_same_place_are_refused(client, fact_checkers, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:reviews_workflow_add"),
        {
            "kind": Page.Kind.ARTICLE,
            "steps-TOTAL_FORMS": "2",
            "steps-INITIAL_FORMS": "0",
            "steps-0-order": "1",
            "steps-0-name": "Fact check",
            "steps-0-group": str(fact_checkers.pk),
            "steps-1-order": "1",
            "steps-1-name": "Medical sign-off",
            "steps-1-group": str(fact_checkers.pk),
        },
    )
    assert response.status_code == 200
    assert not Workflow.objects.exists()
