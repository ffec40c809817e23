"""Emails about review decisions: reviewers hear of submissions, editors of decisions.

Each is sent by the background task reviews.tasks.send_email.
"""

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse

from . import workflow
from .models import Submission
from .tasks import send_email


def _admin_link(name, *args):
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


@receiver(workflow.submitted)
def tell_reviewers(sender, submission, **kwargs):
    title = submission.snapshot["title"]
    _tell_deciders(
        submission,
        f'{submission.submitted_by.get_username()} submitted "{title}" for medical review.',
    )


@receiver(workflow.step_approved)
def tell_next_step(sender, decision, **kwargs):
    submission = Submission.objects.get(pk=decision.submission_id)
    title = submission.snapshot["title"]
    _tell_deciders(
        submission,
        f'{decision.decided_by.get_username()} approved "{title}" at {decision.step_name}; it is your step now.',
    )


def _tell_deciders(submission, opening):
    """Those who may approve the submission's current step hear of it."""
    recipients = sorted(set(workflow.deciders(submission).exclude(email="").values_list("email", flat=True)))
    if not recipients:
        return
    title = submission.snapshot["title"]
    summary = submission.summary or "(no summary given)"
    step = f" ({submission.step_label()})" if len(submission.steps) > 1 else ""
    send_email.enqueue(
        subject=f"Review requested{step}: {title}",
        message=(
            f"{opening}\n\n"
            f"Change summary: {summary}\n\n"
            f"Review it in the admin: {_admin_link('admin:reviews_submission_changelist')}\n"
        ),
        recipients=recipients,
    )


@receiver(workflow.approved)
def tell_editor_approved(sender, signoff, **kwargs):
    submission = signoff.submission
    when = f"It goes live at {signoff.go_live_at:%Y-%m-%d %H:%M %Z}." if signoff.go_live_at else "It is now public."
    _tell_editor(
        submission,
        subject=f"Approved: {submission.snapshot['title']}",
        body=f'{signoff.reviewer_name} signed off "{submission.snapshot["title"]}". {when}\n\n'
        f"Reviewer's comment: {signoff.comment or '(none)'}\n",
    )


@receiver(workflow.changes_requested)
def tell_editor_changes_requested(sender, submission, **kwargs):
    comments = "".join(f"- {c.target_label}: {c.body}\n" for c in submission.comments.order_by("created_at", "pk"))
    if comments:
        comments = f"\nComments on parts of the page (answer them on the page's form):\n{comments}"
    _tell_editor(
        submission,
        subject=f"Changes requested: {submission.snapshot['title']}",
        body=f'The medical reviewer asked for changes to "{submission.snapshot["title"]}" before sign-off:\n\n'
        f"{submission.decision_comment}\n{comments}\nNothing was published.\n",
    )


def _tell_editor(submission, subject, body):
    email = submission.submitted_by.email
    if email:
        send_email.enqueue(subject=subject, message=body, recipients=[email])
