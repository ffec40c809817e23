"""Emails about review decisions: reviewers hear of submissions, editors of decisions."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.dispatch import receiver
from django.urls import reverse

from . import workflow


def _admin_link(name, *args):
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


@receiver(workflow.submitted)
def tell_reviewers(sender, submission, **kwargs):
    editors = set(submission.editors.values_list("pk", flat=True))
    reviewers = (
        get_user_model()
        .objects.filter(groups__name=workflow.REVIEWERS, is_active=True, reviewer_profile__isnull=False)
        .exclude(pk__in=editors)
        .exclude(email="")
    )
    recipients = sorted(set(reviewers.values_list("email", flat=True)))
    if not recipients:
        return
    title = submission.snapshot["title"]
    summary = submission.summary or "(no summary given)"
    send_mail(
        subject=f"Review requested: {title}",
        message=(
            f'{submission.submitted_by.get_username()} submitted "{title}" for medical review.\n\n'
            f"Change summary: {summary}\n\n"
            f"Review it in the admin: {_admin_link('admin:reviews_submission_changelist')}\n"
        ),
        from_email=None,
        recipient_list=recipients,
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
    _tell_editor(
        submission,
        subject=f"Changes requested: {submission.snapshot['title']}",
        body=f'The medical reviewer asked for changes to "{submission.snapshot["title"]}" before sign-off:\n\n'
        f"{submission.decision_comment}\n\nNothing was published.\n",
    )


def _tell_editor(submission, subject, body):
    email = submission.submitted_by.email
    if email:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[email])
