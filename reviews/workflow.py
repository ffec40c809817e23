"""The only code that changes review state: submit, approve, request changes.

Each transition checks who may act and from which state, does its work in one
transaction, writes an audit entry and sends a signal. Admin views, management
commands and load_demo call these functions; nothing else writes Submission,
SignOff or Publication rows.
"""

import calendar

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from reversion.models import Version

from monographs import models as m
from monographs.models import Page
from monographs.snapshots import build_snapshot, content_hash

from .models import AuditEntry, Publication, ReviewerProfile, SignOff, Submission

EDITORS = "Editors"
REVIEWERS = "Medical reviewers"

submitted = Signal()
approved = Signal()
changes_requested = Signal()


class InvalidTransition(ValidationError):
    """The submission is not in a state that allows this action."""


def is_editor(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS).exists())


def is_reviewer(user):
    return user.is_active and user.groups.filter(name=REVIEWERS).exists() and _profile(user) is not None


def _profile(user):
    return ReviewerProfile.objects.filter(user=user).first()


def submit(page, user, summary=""):
    """Freeze the page as it stands now and put it in the review queue."""
    if not (user.is_authenticated and is_editor(user)):
        raise PermissionDenied("Only editors can submit a page for review.")
    summary = (summary or "").strip()
    if len(summary) > Submission._meta.get_field("summary").max_length:
        raise ValidationError({"summary": "Keep the change summary under 300 characters."})
    page = page.specific
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=page.pk).first()
        snapshot = build_snapshot(page)
        with reversion.create_revision(atomic=False):
            reversion.add_to_revision(page)
            reversion.set_user(user)
            reversion.set_comment(f"Submitted for review: {summary}" if summary else "Submitted for review")
        revision = Version.objects.get_for_object(page).select_related("revision").first().revision
        Submission.objects.filter(page=page, status=Submission.Status.PENDING).update(
            status=Submission.Status.SUPERSEDED
        )
        submission = Submission.objects.create(
            page=page,
            submitted_by=user,
            summary=summary,
            snapshot=snapshot,
            content_hash=content_hash(snapshot),
            revision=revision,
        )
        submission.editors.set(editors_since_publication(page, snapshot, until=revision.date_created) | {user.pk})
        _audit(page, AuditEntry.Action.SUBMITTED, user, submission, summary)
    submitted.send(sender=Submission, submission=submission)
    return submission


def editors_since_publication(page, snapshot, until):
    """Ids of users whose saved revisions since the page's last publication touch what it shows.

    That covers the page and its parts, and the shared rows (drugs, trials, outcomes,
    sources) the snapshot was built from: a reviewer who edited a trial the page shows
    has edited what they would sign.
    """
    since = Publication.objects.filter(page=page).values_list("signoff__revision__date_created", flat=True).first()
    refs = snapshot["refs"]
    wanted = [
        (m.Page, [page.pk]),
        (type(page), [page.pk]),
        (m.Drug, refs["drugs"]),
        (m.Indication, refs["indications"]),
        (m.Trial, refs["trials"]),
        (m.Outcome, refs["outcomes"]),
        (m.Source, refs["sources"]),
        (m.Section, list(page.sections.values_list("pk", flat=True))),
        (m.QuestionGroup, list(page.question_groups.values_list("pk", flat=True))),
        (m.Question, list(m.Question.objects.filter(group__page=page).values_list("pk", flat=True))),
        (m.Citation, list(page.citations.values_list("pk", flat=True))),
    ]
    touched = Q()
    for model, pks in wanted:
        if pks:
            ct = ContentType.objects.get_for_model(model)
            touched |= Q(content_type=ct, object_id__in=[str(pk) for pk in pks])
    versions = Version.objects.filter(touched, revision__date_created__lte=until)
    if since:
        versions = versions.filter(revision__date_created__gt=since)
    return set(versions.exclude(revision__user=None).values_list("revision__user_id", flat=True))


def approve(submission, reviewer, comment="", sources=None):
    """Sign off a submission: its snapshot becomes the page's publication."""
    profile = _check_reviewer(submission, reviewer)
    with transaction.atomic():
        submission = _lock_pending(submission)
        page = submission.page
        snapshot = submission.snapshot
        if sources is None:
            sources = snapshot["sources"]
        previous = Publication.objects.select_for_update().filter(page=page).first()
        clash = Publication.objects.filter(kind=snapshot["kind"], slug=snapshot["slug"]).exclude(page=page)
        if clash.exists():
            raise InvalidTransition(f"Another published page already uses the address '{snapshot['slug']}'.")
        changed = previous is None or previous.content_hash != submission.content_hash
        signoff = SignOff.objects.create(
            submission=submission,
            page=page,
            reviewer=reviewer,
            reviewer_profile=profile,
            reviewer_name=profile.name,
            reviewer_credentials=profile.credentials,
            comment=(comment or "").strip(),
            snapshot=snapshot,
            content_hash=submission.content_hash,
            revision=submission.revision,
            sources_reviewed=list(sources),
            summary=submission.summary,
            changed_content=changed,
        )
        now = signoff.signed_at
        Submission.objects.filter(pk=submission.pk).update(
            status=Submission.Status.APPROVED, decided_by=reviewer, decided_at=now, decision_comment=signoff.comment
        )
        Publication.objects.update_or_create(
            page=page,
            defaults={
                "kind": snapshot["kind"],
                "slug": snapshot["slug"],
                "title": snapshot["title"],
                "summary": snapshot["summary"],
                "snapshot": snapshot,
                "content_hash": submission.content_hash,
                "signoff": signoff,
                "published_at": previous.published_at if previous else now,
                "last_reviewed_at": now,
                "last_updated_at": now if changed else previous.last_updated_at,
                "review_due": review_due(now, snapshot["review_interval_months"]),
            },
        )
        _audit(page, AuditEntry.Action.APPROVED, reviewer, submission, signoff.comment)
        _audit(page, AuditEntry.Action.PUBLISHED, reviewer, submission, "")
    approved.send(sender=SignOff, signoff=signoff)
    return signoff


def request_changes(submission, reviewer, comment):
    """Send a submission back to its editor; nothing goes public."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Say what needs to change."})
    _check_reviewer(submission, reviewer, own_edits_allowed=True)
    with transaction.atomic():
        submission = _lock_pending(submission)
        Submission.objects.filter(pk=submission.pk).update(
            status=Submission.Status.CHANGES_REQUESTED,
            decided_by=reviewer,
            decided_at=timezone.now(),
            decision_comment=comment,
        )
        submission.refresh_from_db()
        _audit(submission.page, AuditEntry.Action.CHANGES_REQUESTED, reviewer, submission, comment)
    changes_requested.send(sender=Submission, submission=submission)
    return submission


def review_due(signed_at, months):
    """The date a sign-off stops being current: the same day `months` later (or the month's last day)."""
    date = timezone.localtime(signed_at).date()
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return date.replace(year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1]))


def _check_reviewer(submission, reviewer, own_edits_allowed=False):
    if not (reviewer.is_authenticated and is_reviewer(reviewer)):
        raise PermissionDenied("Only medical reviewers with a reviewer profile can decide on a submission.")
    if not own_edits_allowed:
        if submission.submitted_by_id == reviewer.pk or submission.editors.filter(pk=reviewer.pk).exists():
            raise PermissionDenied(
                "You edited this content since it was last published; another reviewer must sign it off."
            )
    return _profile(reviewer)


def _lock_pending(submission):
    submission = Submission.objects.select_for_update().select_related("page").get(pk=submission.pk)
    if submission.status != Submission.Status.PENDING:
        raise InvalidTransition(
            f"This submission is no longer awaiting review ({submission.get_status_display().lower()})."
        )
    return submission


def _audit(page, action, actor, submission, detail):
    AuditEntry.objects.create(
        page=page, action=action, actor=actor, submission=submission, revision=submission.revision, detail=detail
    )

