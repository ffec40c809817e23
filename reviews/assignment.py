"""Who reviews a submission: assignment to a reviewer, suggested by the conditions they review.

A submission's due date is set when it is made (Submission.save, from ReviewTarget);
here it is only read. Who may decide stays reviews.workflow's question: a reviewer can be
assigned only if the workflow would let them approve the submission.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from . import reminders, workflow
from .models import AuditEntry, ReviewerProfile, Submission
from .tasks import send_email


def can_assign(user):
    """Editors and reviewers share out the queue."""
    return user.is_authenticated and (workflow.is_editor(user) or workflow.is_reviewer(user))


def page_conditions(snapshot):
    """The ids of the conditions a snapshot shows (through its drugs' indications and trials)."""
    return set(snapshot.get("refs", {}).get("monographs.condition", []))


def candidates(submission):
    """[(reviewer, reason)] who could review the submission, suggested first.

    Suggested: a reviewer whose profile lists a condition the page is about; then those
    with the fewest submissions waiting for them; then by name.
    """
    conditions = page_conditions(submission.snapshot)
    step = submission.steps[submission.current_step - 1] if submission.steps else {}
    group = step.get("group", workflow.REVIEWERS)
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=group)
        .annotate(
            waiting=Count(
                "assigned_submissions", filter=Q(assigned_submissions__status=Submission.Status.PENDING), distinct=True
            )
        )
        .order_by("pk")
    )
    profiles = {
        profile.user_id: profile
        for profile in ReviewerProfile.objects.filter(user__in=users).prefetch_related("conditions")
    }
    found = []
    for user in users:
        if not workflow.can_approve(user, submission):
            continue
        profile = profiles.get(user.pk)
        matching = [c for c in profile.conditions.all() if c.pk in conditions] if profile else []
        reason = f"reviews {', '.join(c.name for c in matching)}" if matching else ""
        found.append((user, reason, len(matching)))
    found.sort(key=lambda entry: (-entry[2], entry[0].waiting, display_name(entry[0]).lower()))
    return [(user, reason) for user, reason, _ in found]


def display_name(user):
    profile = getattr(user, "reviewer_profile", None)
    return profile.name if profile else (user.get_full_name() or user.get_username())


def assign(submission, reviewer, by):
    """Ask `reviewer` to review the submission; they are emailed, and the audit log says who asked."""
    if not can_assign(by):
        raise PermissionDenied("Only editors and reviewers can assign a submission.")
    with transaction.atomic():
        submission = Submission.objects.select_for_update().select_related("page").get(pk=submission.pk)
        if submission.status != Submission.Status.PENDING:
            raise workflow.InvalidTransition("Only a submission awaiting review can be assigned.")
        if reviewer.pk not in {user.pk for user, _ in candidates(submission)}:
            raise ValidationError(
                {
                    "reviewer": f"{display_name(reviewer)} cannot review this submission (not a reviewer of this step, "
                    "or they wrote part of it)."
                }
            )
        Submission.objects.filter(pk=submission.pk).update(assigned_to=reviewer)
        submission.assigned_to = reviewer
        AuditEntry.objects.create(
            page=submission.page,
            action=AuditEntry.Action.ASSIGNED,
            actor=by,
            submission=submission,
            revision=submission.revision,
            detail=f"Assigned to {display_name(reviewer)}",
        )
        if reviewer.email:
            title = submission.snapshot.get("title", "")
            due = timezone.localtime(submission.due_at)
            link = reminders.admin_link("admin:reviews_submission_review", submission.pk)
            transaction.on_commit(
                lambda: send_email.enqueue(
                    subject=f"Please review: {title}",
                    message=f'{by.get_username()} asked you to review "{title}", due {due:%d %B %Y %H:%M %Z}.\n\n'
                    f"Review it in the admin: {link}\n",
                    recipients=[reviewer.email],
                )
            )
    return submission
