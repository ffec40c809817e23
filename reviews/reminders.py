"""Reminder emails: submissions waiting past their due date, pages whose review falls due,
and pages about to go live.

`send_due()` finds what is due and sends each reminder once. Before its email goes out a
Reminder row is written for (kind, page, recipient, occasion), in the same transaction,
and the database refuses a second row: so a waiting submission is reminded once a day
however often this runs, from the worker or from cron, and a failed email is retried on
the next run. It runs as the task reviews.tasks.send_reminders (`manage.py send_reminders`).
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from . import assignment, workflow
from .models import Publication, Reminder, Submission

logger = logging.getLogger(__name__)

# A page's review is announced this many days before it falls due, and again on the day.
REVIEW_DUE_NOTICES = (30, 7, 0)
# Go-lives are announced when they are this close.
GO_LIVE_NOTICE = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class Due:
    kind: str
    page_id: int
    recipient: object
    occasion: str
    subject: str
    message: str


def admin_link(name, *args):
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def send_due(now=None):
    """Send every reminder due at `now` that was not sent before; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for due in [*waiting(now), *reviews_falling_due(now), *go_lives(now)]:
        sent += _send_once(due)
    return sent


def _send_once(due):
    try:
        with transaction.atomic():
            Reminder.objects.create(kind=due.kind, page_id=due.page_id, recipient=due.recipient, occasion=due.occasion)
            send_mail(subject=due.subject, message=due.message, from_email=None, recipient_list=[due.recipient.email])
    except IntegrityError:
        return 0  # sent before for this occasion
    except OSError:
        # The mail server failed: nothing is recorded, so the next run tries again.
        logger.exception("Reminder %s to %s could not be sent", due.subject, due.recipient)
        return 0
    return 1


def _when(moment):
    return f"{timezone.localtime(moment):%d %B %Y %H:%M %Z}"


def waiting(now):
    """Pending submissions past their due date: their reviewer, or everyone who could review them, once a day."""
    today = timezone.localdate(now)
    overdue = Submission.objects.filter(status=Submission.Status.PENDING, due_at__lt=now).select_related(
        "page", "assigned_to", "submitted_by", "revision"
    )
    for submission in overdue.order_by("due_at", "pk"):
        assigned = submission.assigned_to
        if assigned and assigned.is_active and workflow.can_approve(assigned, submission):
            recipients = [assigned]
        else:
            recipients = [user for user, _ in assignment.candidates(submission)]
        title = submission.snapshot.get("title", "")
        submitted = f"submitted by {submission.submitted_by.get_username()} on {_when(submission.submitted_at)}"
        for recipient in recipients:
            if not recipient.email:
                continue
            yield Due(
                Reminder.Kind.WAITING,
                submission.page_id,
                recipient,
                f"submission {submission.pk} on {today:%Y-%m-%d}",
                f"Review overdue: {title}",
                f'"{title}", {submitted}, '
                f"was due for review on {_when(submission.due_at)} and is still waiting.\n\n"
                f"Review it in the admin: {admin_link('admin:reviews_submission_review', submission.pk)}\n",
            )


def reviews_falling_due(now):
    """Live pages whose review falls due: their editor and last reviewer, 30 and 7 days before and on the day."""
    today = timezone.localdate(now)
    horizon = today + datetime.timedelta(days=max(REVIEW_DUE_NOTICES))
    live = Publication.objects.filter(withdrawn_at__isnull=True, review_due__lte=horizon).select_related(
        "signoff__reviewer", "signoff__submission__submitted_by"
    )
    for publication in live.order_by("review_due", "pk"):
        days_left = (publication.review_due - today).days
        notice = min(n for n in REVIEW_DUE_NOTICES if days_left <= n) if days_left > 0 else 0
        occasion = f"due {publication.review_due:%Y-%m-%d}, {notice} days before"
        if days_left > 0:
            subject = f"Review due in {days_left} day{'s' if days_left != 1 else ''}: {publication.title}"
        elif days_left == 0:
            subject = f"Review due today: {publication.title}"
        else:
            subject = f"Review overdue: {publication.title}"
        message = (
            f'The medical review of "{publication.title}" falls due on {publication.review_due:%d %B %Y} '
            f"(last reviewed {_when(publication.last_reviewed_at)} by {publication.signoff.reviewer_name}). "
            "Submit the page for review to renew it; readers see the review date.\n\n"
            f"Pages due for review: {admin_link('admin:reviews_publication_due')}\n"
        )
        for recipient in _people(publication.signoff.submission.submitted_by, publication.signoff.reviewer):
            yield Due(Reminder.Kind.REVIEW_DUE, publication.page_id, recipient, occasion, subject, message)


def go_lives(now):
    """Approved pages going live within a day: their editor and reviewer, once per go-live time."""
    soon = Submission.objects.filter(
        status=Submission.Status.SCHEDULED,
        signoff__go_live_at__gt=now,
        signoff__go_live_at__lte=now + GO_LIVE_NOTICE,
    ).select_related("signoff__reviewer", "submitted_by")
    for submission in soon.order_by("signoff__go_live_at", "pk"):
        signoff = submission.signoff
        title = submission.snapshot.get("title", "")
        for recipient in _people(submission.submitted_by, signoff.reviewer):
            yield Due(
                Reminder.Kind.GO_LIVE,
                submission.page_id,
                recipient,
                f"go live {signoff.go_live_at.isoformat()}",
                f"Going live {_when(signoff.go_live_at)}: {title}",
                f'"{title}", signed off by {signoff.reviewer_name}, goes live on the public site at '
                f"{_when(signoff.go_live_at)}.\n\nThe submission: "
                f"{admin_link('admin:reviews_submission_review', submission.pk)}\n",
            )


def _people(*users):
    """The users who can be emailed, each once; if none can, the editors."""
    found = {user.pk: user for user in users if user and user.is_active and user.email}
    if not found:
        editors = get_user_model().objects.filter(groups__name=workflow.EDITORS, is_active=True).exclude(email="")
        found = {user.pk: user for user in editors}
    return list(found.values())
