"""The only code that changes review state, and the one place that says who may.

Transitions: submit, approve, request changes, publish scheduled approvals, withdraw.
Each checks who may act and from which state, does its work in one transaction, writes
an audit entry and sends a signal. Admin views, management commands and load_demo call
these functions; nothing else writes Submission, SignOff or Publication rows.

Permission questions (can_edit, can_submit, can_decide, can_approve, can_withdraw,
can_restore, can_vouch_for_reviewers) live here too: the admin asks them to show or hide a button and the
transitions ask them again, so the rule is written once.
"""

import calendar
import logging

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from reversion.models import Version

from monographs import traceability
from monographs.kinds import build_snapshot
from monographs.models import Page
from monographs.snapshots import content_hash, same_content, upgrade

from . import authorship
from .checks import check_snapshot
from .models import AuditEntry, ChangeKind, Publication, ReviewerProfile, SignOff, Submission

logger = logging.getLogger(__name__)

EDITORS = "Editors"
REVIEWERS = "Medical reviewers"

submitted = Signal()
approved = Signal()
changes_requested = Signal()
withdrawn = Signal()


class InvalidTransition(ValidationError):
    """The submission is not in a state that allows this action."""


def is_editor(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS).exists())


def is_reviewer(user):
    return user.is_active and user.groups.filter(name=REVIEWERS).exists() and _profile(user) is not None


def _profile(user):
    return ReviewerProfile.objects.filter(user=user).first()


def can_edit(user):
    """Whether the user may change pages (and restore their earlier revisions)."""
    return user.is_authenticated and is_editor(user)


def can_submit(user):
    return can_edit(user)


def can_restore(user):
    """Restoring a page's earlier revision is an edit like any other, which then needs review."""
    return can_edit(user)


def can_decide(user, submission=None):
    """Whether the user may approve or send back submissions (this one, if given: it must await review)."""
    if not (user.is_authenticated and is_reviewer(user)):
        return False
    return submission is None or submission.status == Submission.Status.PENDING


def can_approve(user, submission):
    """Four eyes: a reviewer may not sign off content they wrote and no other reviewer signed off."""
    return can_decide(user, submission) and not has_authored(submission, user)


def can_vouch_for_reviewers(user):
    """Only administrators create or change reviewer profiles: readers trust the credentials shown."""
    return user.is_authenticated and user.is_active and user.is_superuser


def can_withdraw(user):
    return user.is_authenticated and user.is_active and (user.is_superuser or is_reviewer(user))


def submit(page, user, summary="", change_kind=ChangeKind.EDITORIAL):
    """Freeze the page as it stands now, run the content checks on it, and put it in the review queue."""
    if not can_submit(user):
        raise PermissionDenied("Only editors can submit a page for review.")
    summary = (summary or "").strip()
    if len(summary) > Submission._meta.get_field("summary").max_length:
        raise ValidationError({"summary": "Keep the change summary under 300 characters."})
    if change_kind not in ChangeKind.values:
        raise ValidationError({"change_kind": "Choose what kind of change this is."})
    if reversion.is_active():
        # Inside another revision block ours would only be saved when that block ends,
        # too late for the submission to point at it.
        raise RuntimeError("Call workflow.submit() outside a django-reversion revision block.")
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
            change_kind=change_kind,
            snapshot=snapshot,
            content_hash=content_hash(snapshot),
            revision=revision,
            findings=_check(snapshot),
        )
        submission.editors.set(authorship.authors(page.pk, snapshot, until=revision.date_created) | {user.pk})
        _audit(page, AuditEntry.Action.SUBMITTED, user, submission, summary)
    _notify(submitted, sender=Submission, submission=submission)
    return submission


def _check(snapshot):
    """The content checks' findings as stored with a submission and its sign-off, errors first."""
    findings = [finding.as_dict() for finding in check_snapshot(snapshot)]
    return sorted(findings, key=lambda finding: finding["severity"] != "error")


def findings(submission):
    """The findings computed when the page was submitted (once: the reviewer and the sign-off see the same)."""
    if submission.findings is None:
        # Submitted before findings were stored with the submission.
        submission.findings = _check(submission.snapshot)
        Submission.objects.filter(pk=submission.pk, findings__isnull=True).update(findings=submission.findings)
    return submission.findings


def approve(submission, reviewer, comment="", sources=None, override_reason="", go_live_at=None):
    """Sign off a submission: its snapshot becomes the page's publication, now or at go_live_at.

    The content checks run on the snapshot being signed; their errors block the
    sign-off unless the reviewer gives a reason, which the sign-off records.
    """
    profile = _check_reviewer(submission, reviewer)
    _check_sources_listed(submission.snapshot)
    if go_live_at is not None:
        _check_go_live(go_live_at, submission.snapshot["review_interval_months"])
    seen = findings(submission)
    errors = [f for f in seen if f["severity"] == "error"]
    override_reason = (override_reason or "").strip()
    if errors and not override_reason:
        raise ValidationError(
            {
                "override_reason": f"The content checks found {len(errors)} error(s). Correct the page, "
                "or give your reason for signing it off as it is."
            }
        )
    with transaction.atomic():
        submission = _lock_pending(submission)
        page = submission.page
        snapshot = submission.snapshot
        previous = Publication.objects.select_for_update().filter(page=page).first()
        _check_address_free(page, snapshot)
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
            sources_reviewed=list(snapshot["sources"] if sources is None else sources),
            summary=submission.summary,
            change_kind=submission.change_kind,
            changed_content=previous is None or not same_content(previous.snapshot, snapshot),
            findings=seen,
            override_reason=override_reason if errors else "",
            go_live_at=go_live_at,
        )
        # An earlier approval still waiting to go live would bring back older content.
        Submission.objects.filter(page=page, status=Submission.Status.SCHEDULED).update(
            status=Submission.Status.SUPERSEDED
        )
        Submission.objects.filter(pk=submission.pk).update(
            status=Submission.Status.SCHEDULED if go_live_at else Submission.Status.APPROVED,
            decided_by=reviewer,
            decided_at=signoff.signed_at,
            decision_comment=signoff.comment,
        )
        _audit(page, AuditEntry.Action.APPROVED, reviewer, submission, signoff.comment)
        if go_live_at:
            _audit(page, AuditEntry.Action.SCHEDULED, reviewer, submission, f"Goes live {go_live_at.isoformat()}")
        else:
            _publish(signoff, previous)
    _notify(approved, sender=SignOff, signoff=signoff)
    return signoff


def _check_sources_listed(snapshot):
    """A reader checks each figure against the page's sources: none may come from one it leaves out."""
    unlisted = traceability.unlisted_sources(upgrade(snapshot))
    if unlisted:
        named = "; ".join(f"{entry['source']} (used by {', '.join(entry['figures'])})" for entry in unlisted)
        raise ValidationError(
            f"This page's figures use sources its list of sources leaves out: {named}. "
            "Ask the editor to cite them on the page, then approve the new submission."
        )


def _check_go_live(go_live_at, review_interval_months):
    if go_live_at <= timezone.now():
        raise ValidationError({"go_live_at": "Choose a go-live time in the future, or leave it empty to publish now."})
    due = review_due(timezone.now(), review_interval_months)
    # Any later, the page would go live with its review already due (and a year such as
    # 9999 could not even be stored in a time zone west of UTC).
    if timezone.localtime(go_live_at).date() >= due:
        raise ValidationError(
            {"go_live_at": f"Choose a go-live time before {due:%d %B %Y}, when this page's next review would be due."}
        )


def publish_scheduled(now=None):
    """Publish every approval whose go-live time has come. Returns the publications made."""
    now = now or timezone.now()
    published = []
    due = Submission.objects.filter(status=Submission.Status.SCHEDULED, signoff__go_live_at__lte=now)
    for submission_id in due.order_by("signoff__go_live_at").values_list("pk", flat=True):
        with transaction.atomic():
            submission = Submission.objects.select_for_update().get(pk=submission_id)
            if submission.status != Submission.Status.SCHEDULED:
                continue
            signoff = SignOff.objects.get(submission=submission)
            previous = Publication.objects.select_for_update().filter(page=submission.page_id).first()
            _check_address_free(submission.page, submission.snapshot)
            publication = _publish(signoff, previous)
            Submission.objects.filter(pk=submission.pk).update(status=Submission.Status.APPROVED)
        published.append(publication)
    return published


def withdraw(page, user, reason):
    """Take a published page down: the public gets a notice (410) and it leaves search and the sitemap."""
    if not can_withdraw(user):
        raise PermissionDenied("Only medical reviewers and administrators can withdraw a page.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for withdrawing the page; readers will see it."})
    with transaction.atomic():
        publication = Publication.objects.select_for_update().select_related("signoff").filter(page=page).first()
        if publication is None:
            raise InvalidTransition("This page is not published.")
        if publication.withdrawn_at:
            raise InvalidTransition("This page is already withdrawn.")
        publication.withdrawn_at = timezone.now()
        publication.withdrawn_by = user
        publication.withdrawal_reason = reason
        publication.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        # A scheduled go-live must not quietly put the page back up.
        Submission.objects.filter(page=page, status=Submission.Status.SCHEDULED).update(
            status=Submission.Status.SUPERSEDED
        )
        _audit(publication.page, AuditEntry.Action.WITHDRAWN, user, publication.signoff.submission, reason)
    _notify(withdrawn, sender=Publication, publication=publication)
    return publication


def _publish(signoff, previous):
    """Make a sign-off's snapshot the page's publication (inside the caller's transaction)."""
    snapshot = signoff.snapshot
    now = timezone.now()
    changed = previous is None or not same_content(previous.snapshot, snapshot)
    publication, _ = Publication.objects.update_or_create(
        page=signoff.page,
        defaults={
            "kind": snapshot["kind"],
            "slug": snapshot["slug"],
            "title": snapshot["title"],
            "summary": snapshot["summary"],
            "snapshot": snapshot,
            "content_hash": signoff.content_hash,
            "signoff": signoff,
            "published_at": previous.published_at if previous else now,
            "last_reviewed_at": signoff.signed_at,
            "last_updated_at": signoff.signed_at if changed else previous.last_updated_at,
            "review_due": review_due(signoff.signed_at, snapshot["review_interval_months"]),
            "withdrawn_at": None,
            "withdrawn_by": None,
            "withdrawal_reason": "",
        },
    )
    _audit(signoff.page, AuditEntry.Action.PUBLISHED, signoff.reviewer, signoff.submission, "")
    return publication


def _check_address_free(page, snapshot):
    clash = Publication.objects.filter(kind=snapshot["kind"], slug=snapshot["slug"]).exclude(page=page)
    if clash.exists():
        raise InvalidTransition(f"Another published page already uses the address '{snapshot['slug']}'.")


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
    _notify(changes_requested, sender=Submission, submission=submission)
    return submission


def review_due(signed_at, months):
    """The date a sign-off stops being current: the same day `months` later (or the month's last day)."""
    date = timezone.localtime(signed_at).date()
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return date.replace(year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1]))


def has_authored(submission, user):
    """Four eyes: did `user` submit the page, or write a state of any row its snapshot shows
    that no other reviewer signed off as part of this page?

    Asked afresh from the snapshot's references and the rows' saved versions, so it
    holds for submissions made before the rule was this wide.
    """
    if submission.submitted_by_id == user.pk:
        return True
    until = submission.revision.date_created
    return user.pk in authorship.authors(submission.page_id, submission.snapshot, until)


def _check_reviewer(submission, reviewer, own_edits_allowed=False):
    if not can_decide(reviewer):
        raise PermissionDenied("Only medical reviewers with a reviewer profile can decide on a submission.")
    if not own_edits_allowed and has_authored(submission, reviewer):
        raise PermissionDenied(
            "You wrote part of this content (the page, or data it shows) and no other reviewer has "
            "signed it off; another reviewer must sign it off."
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


def _notify(signal, **kwargs):
    """Tell receivers (emails) after the transition committed; their failure must not undo or hide it."""
    for receiver, result in signal.send_robust(**kwargs):
        if isinstance(result, Exception):
            logger.error("Notification %s failed after a review transition", receiver, exc_info=result)
