"""The only code that changes review state, and the one place that says who may.

Transitions: submit, approve (at each step of the page kind's workflow; the last step's
approval is the signed sign-off), request changes (at any step), publish scheduled
approvals, withdraw. Each checks who may act and from which state, does its work in one
transaction, writes an audit entry and sends a signal. Comments on parts of a page (add,
answer and resolve) are notes kept with the submission, not transitions: they check who
may write them, and change no state. Admin views, management commands and load_demo call
these functions; nothing else writes Submission, StepDecision, SignOff or Publication rows.

Permission questions (can_edit, can_submit, can_decide, can_approve, can_comment,
can_withdraw, can_restore, can_vouch_for_reviewers, can_configure_workflows) live here
too: the admin asks them to show or hide a button and the transitions ask them again, so
the rule is written once.
"""

import calendar
import logging

import reversion
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from reversion.models import Version

from monographs import traceability
from monographs.kinds import build_snapshot
from monographs.models import Page
from monographs.snapshots import content_hash, same_content, upgrade

from . import authorship
from .checks import check_snapshot
from .diff import diff_snapshots
from .models import (
    REVIEWERS,
    AuditEntry,
    ChangeKind,
    Publication,
    ReviewComment,
    ReviewerProfile,
    SignOff,
    StepDecision,
    Submission,
    WorkflowStep,
    single_step,
)

logger = logging.getLogger(__name__)

EDITORS = "Editors"

submitted = Signal()
step_approved = Signal()
approved = Signal()
changes_requested = Signal()
withdrawn = Signal()


class InvalidTransition(ValidationError):
    """The submission is not in a state that allows this action."""


def is_editor(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS).exists())


def is_reviewer(user):
    return user.is_active and user.groups.filter(name=REVIEWERS).exists() and reviewer_profile(user) is not None


def reviewer_profile(user):
    """The reviewer's public profile, or None: the name and credentials a sign-off records."""
    return ReviewerProfile.objects.filter(user=user).first() if user.is_authenticated else None


def can_edit(user):
    """Whether the user may change pages (and restore their earlier revisions)."""
    return user.is_authenticated and is_editor(user)


def can_submit(user):
    return can_edit(user)


def can_restore(user):
    """Restoring a page's earlier revision is an edit like any other, which then needs review."""
    return can_edit(user)


def workflow_steps(kind):
    """The steps a page of this kind goes through, as a submission keeps them: [{"name", "group"}], in order.

    A kind without a workflow of its own has today's single step, the medical sign-off.
    """
    steps = WorkflowStep.objects.filter(workflow__kind=kind).order_by("order", "pk")
    return [{"name": name, "group": group} for name, group in steps.values_list("name", "group__name")] or single_step()


def may_do_step(user, submission):
    """Whether the user belongs to those who do the submission's current step.

    The last step's approval is the public sign-off, so it also needs a reviewer profile.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if not user.groups.filter(name=submission.step["group"]).exists():
        return False
    return not submission.at_last_step or reviewer_profile(user) is not None


def deciders(submission):
    """Who may approve the submission's current step: its group's active members, not its authors,
    nor those who approved an earlier step (the last step's also with a reviewer profile)."""
    users = get_user_model().objects.filter(groups__name=submission.step["group"], is_active=True)
    if submission.at_last_step:
        users = users.filter(reviewer_profile__isnull=False)
    earlier = submission.decisions.filter(outcome=StepDecision.Outcome.APPROVED).values("decided_by")
    return users.exclude(pk__in=submission.editors.values("pk")).exclude(pk__in=earlier).distinct()


def can_decide(user, submission=None):
    """Whether the user may approve or send back submissions (this one, if given: it must await
    review, at a step the user's group does)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if submission is None:
        return is_reviewer(user) or WorkflowStep.objects.filter(group__user=user).exists()
    return submission.status == Submission.Status.PENDING and may_do_step(user, submission)


def can_approve(user, submission):
    """Four eyes, at every step: no one approves content they wrote and no other reviewer signed
    off, nor approves two steps of one submission."""
    return (
        can_decide(user, submission)
        and not has_authored(submission, user)
        and not approved_earlier_step(submission, user)
    )


def approved_earlier_step(submission, user):
    return StepDecision.objects.filter(
        submission=submission, decided_by=user, outcome=StepDecision.Outcome.APPROVED
    ).exists()


def can_vouch_for_reviewers(user):
    """Only administrators create or change reviewer profiles: readers trust the credentials shown."""
    return user.is_authenticated and user.is_active and user.is_superuser


def can_configure_workflows(user):
    """Only administrators set the steps of review: who checks a page before the public reads it."""
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
        earlier = [comment.as_dict() for comment in comments_to_answer(page)]
        submission = Submission.objects.create(
            page=page,
            submitted_by=user,
            summary=summary,
            change_kind=change_kind,
            snapshot=snapshot,
            content_hash=content_hash(snapshot),
            revision=revision,
            findings=_check(snapshot),
            steps=workflow_steps(page.kind),
            earlier_comments=earlier,
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


# What a reviewer's signature on a sign-off means; they see it before signing, readers with the sign-off.
SIGNATURE_MEANING = "Approved for publication as medically accurate"
PASSWORD_SIGNATURE = "Password re-entered at signing"
COMMENT_LIMIT = 5_000


def approve(
    submission,
    reviewer,
    comment="",
    sources=None,
    override_reason="",
    go_live_at=None,
    *,
    password=None,
    request=None,
):
    """Sign off a submission: its snapshot becomes the page's publication, now or at go_live_at.

    An electronic signature: the reviewer re-enters their password at the moment of
    signing (`password`), and the sign-off records what the signature means, their
    printed name and credentials, the time and how they authenticated. Given the
    `request`, a wrong password counts against the account like a failed sign-in.
    The content checks run on the snapshot being signed; their errors block the
    sign-off unless the reviewer gives a reason, which the sign-off records.
    """
    submission = _current(submission)
    override_reason = (override_reason or "").strip()
    profile, seen = check_approval(submission, reviewer, override_reason, go_live_at)
    errors = [f for f in seen if f["severity"] == "error"]
    override_reason = override_reason if errors else ""
    sources = list(submission.snapshot["sources"] if sources is None else sources)
    method = authenticate_signer(reviewer, password, request)
    with transaction.atomic():
        submission = _lock_pending(submission, at_step=submission.current_step)
        decision = _decide(
            submission,
            reviewer,
            StepDecision.Outcome.APPROVED,
            comment,
            signature_meaning=signature_meaning(submission),
            authentication_method=method,
            sources_reviewed=sources,
            override_reason=override_reason,
        )
        if not submission.at_last_step:
            Submission.objects.filter(pk=submission.pk).update(current_step=submission.current_step + 1)
            _audit(submission.page, AuditEntry.Action.STEP_APPROVED, reviewer, submission, str(decision))
        else:
            signoff = _sign_off(submission, reviewer, profile, decision, seen, go_live_at)
    if not submission.at_last_step:
        _notify(step_approved, sender=StepDecision, decision=decision)
        return decision
    _notify(approved, sender=SignOff, signoff=signoff)
    return signoff


def _sign_off(submission, reviewer, profile, decision, seen, go_live_at):
    """The last step's approval: the permanent sign-off, and the publication now or at go_live_at."""
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
        comment=decision.comment,
        snapshot=snapshot,
        content_hash=submission.content_hash,
        revision=submission.revision,
        sources_reviewed=decision.sources_reviewed,
        summary=submission.summary,
        change_kind=submission.change_kind,
        changed_content=previous is None or not same_content(previous.snapshot, snapshot),
        findings=seen,
        override_reason=decision.override_reason,
        go_live_at=go_live_at,
        signature_meaning=decision.signature_meaning,
        authentication_method=decision.authentication_method,
    )
    # An earlier approval still waiting to go live would bring back older content.
    Submission.objects.filter(page=page, status=Submission.Status.SCHEDULED).update(status=Submission.Status.SUPERSEDED)
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
    return signoff


def signature_meaning(submission):
    """What approving the submission's current step means, as the approver signs it."""
    if submission.at_last_step:
        return SIGNATURE_MEANING
    following = submission.steps[submission.current_step]["name"]
    return f"{submission.step['name']}: checked and passed on to {following}"


def _decide(submission, user, outcome, comment, **signature):
    """The decision at the submission's current step, against its exact snapshot (in the caller's transaction)."""
    return StepDecision.objects.create(
        submission=submission,
        step=submission.current_step,
        step_name=submission.step["name"],
        group_name=submission.step["group"],
        outcome=outcome,
        decided_by=user,
        content_hash=submission.content_hash,
        comment=(comment or "").strip(),
        **signature,
    )


def _current(submission):
    """The submission as it stands now: a caller's copy may predate the last step's decision."""
    return Submission.objects.select_related("page", "revision", "submitted_by").get(pk=submission.pk)


def check_approval(submission, reviewer, override_reason="", go_live_at=None):
    """What approve() asks before the signature; the review screen asks it before showing what will be signed.

    Returns the reviewer's profile and the findings they saw; else PermissionDenied or ValidationError.
    """
    profile = _check_reviewer(submission, reviewer)
    if submission.status != Submission.Status.PENDING:
        raise InvalidTransition(
            f"This submission is no longer awaiting review ({submission.get_status_display().lower()})."
        )
    _check_sources_listed(submission.snapshot)
    if go_live_at is not None and not submission.at_last_step:
        raise ValidationError(
            {"go_live_at": f"The go-live time is chosen at the last step ({submission.steps[-1]['name']})."}
        )
    if go_live_at is not None:
        _check_go_live(go_live_at, submission.snapshot["review_interval_months"])
    seen = findings(submission)
    errors = [f for f in seen if f["severity"] == "error"]
    if errors and not (override_reason or "").strip():
        raise ValidationError(
            {
                "override_reason": f"The content checks found {len(errors)} error(s). Correct the page, "
                "or give your reason for signing it off as it is."
            }
        )
    return profile, seen


def authenticate_signer(user, password, request=None):
    """Electronic signature: the signer proves who they are at the moment of signing.

    Returns how they did, for the record; else ValidationError, with nothing recorded.
    Through a request, the password goes through the same backends as a sign-in, so
    django-axes counts a wrong one against the account and refuses a locked account;
    code running without a request (load_demo, a shell) checks the password alone.
    """
    if not password:
        raise ValidationError({"password": "Enter your password to sign: a signature is confirmed with it each time."})
    if request is None:
        signed = user.check_password(password)
    else:
        signer = authenticate(request, username=user.get_username(), password=password)
        if getattr(request, "axes_locked_out", False):
            raise ValidationError(
                {"password": "Too many wrong passwords: this account is locked for now. Nothing was signed."}
            )
        signed = signer is not None and signer.pk == user.pk
    if not signed:
        raise ValidationError({"password": "That password is wrong. Nothing was signed."})
    verified = request is not None and getattr(request.user, "is_verified", lambda: False)()
    return f"{PASSWORD_SIGNATURE}, in a session signed in with a second factor" if verified else PASSWORD_SIGNATURE


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
    submission = _current(submission)
    _check_reviewer(submission, reviewer, own_edits_allowed=True)
    with transaction.atomic():
        submission = _lock_pending(submission, at_step=submission.current_step)
        _decide(submission, reviewer, StepDecision.Outcome.CHANGES_REQUESTED, comment)
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


def comment_targets(snapshot):
    """What a reviewer may attach a comment to: [(target, label)] for the page as a whole, each
    section, each question group, and each source and row of data (drug, approval, trial,
    outcome) the snapshot shows, named as the review screen's changes name them."""
    shown = diff_snapshots(None, snapshot)
    targets = [("page", "The page as a whole")]
    targets += [(f"section:{s['heading']}", f"Section: {s['heading']}") for s in snapshot.get("sections", [])]
    targets += [
        (f"questions:{g['heading']}", f"Questions: {g['heading']}") for g in snapshot.get("question_groups", [])
    ]
    targets += [(f"row:{row.kind}:{row.subject}", f"{row.kind}: {row.subject}") for row in shown.sources + shown.data]
    limit = ReviewComment._meta.get_field("target").max_length
    return list({target[:limit]: label for target, label in targets}.items())


def can_comment(user, submission):
    """Those who may decide a submission's current step may point at its parts."""
    return can_decide(user, submission)


def add_comment(submission, user, target, body):
    """A reviewer's comment on one part of the submitted page, kept with the submission."""
    if not can_comment(user, submission):
        raise PermissionDenied("Only the reviewers of this submission's current step can comment on it.")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write your comment."})
    if len(body) > COMMENT_LIMIT:
        raise ValidationError({"body": f"Keep a comment under {COMMENT_LIMIT:,} characters."})
    labels = dict(comment_targets(submission.snapshot))
    if target not in labels:
        raise ValidationError({"target": "Choose a part of the page that this submission shows."})
    return ReviewComment.objects.create(
        page=submission.page,
        submission=submission,
        target=target,
        target_label=labels[target][: ReviewComment._meta.get_field("target_label").max_length],
        body=body,
        author=user,
    )


def answer_comment(comment, user, answer, resolved):
    """The editor answers a reviewer's comment and marks it resolved (or open again)."""
    if not can_edit(user):
        raise PermissionDenied("Only editors answer reviewers' comments.")
    answer = (answer or "").strip()
    if len(answer) > COMMENT_LIMIT:
        raise ValidationError({"answer": f"Keep an answer under {COMMENT_LIMIT:,} characters."})
    with transaction.atomic():
        comment = ReviewComment.objects.select_for_update().get(pk=comment.pk)
        if answer != comment.answer:
            comment.answer, comment.answered_by, comment.answered_at = answer, user, timezone.now()
        if not resolved:
            comment.resolved_at = None
        elif comment.resolved_at is None:
            comment.resolved_at = timezone.now()
        comment.save()
    return comment


def comments_to_answer(page):
    """The page's comments the editor still has before them: every open one, and those resolved
    since the page was last submitted (the next submission shows them as resolved)."""
    comments = ReviewComment.objects.filter(page=page).select_related("author", "answered_by")
    latest = Submission.objects.filter(page=page).order_by("-submitted_at", "-pk").first()
    if latest is None:
        return comments.filter(resolved_at__isnull=True)
    return comments.filter(models.Q(resolved_at__isnull=True) | models.Q(resolved_at__gt=latest.submitted_at))


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
    """Who may decide the submission's current step; PermissionDenied says why not."""
    pending = submission.status == Submission.Status.PENDING
    if pending and may_do_step(reviewer, submission):
        pass
    elif not can_decide(reviewer):
        raise PermissionDenied("Only medical reviewers with a reviewer profile can decide on a submission.")
    elif pending:
        step = submission.step
        profile = " with a reviewer profile" if submission.at_last_step else ""
        raise PermissionDenied(
            f"This submission awaits the step “{step['name']}”, done by the group {step['group']}{profile}."
        )
    if not own_edits_allowed and has_authored(submission, reviewer):
        raise PermissionDenied(
            "You wrote part of this content (the page, or data it shows) and no other reviewer has "
            "signed it off; another reviewer must sign it off."
        )
    if not own_edits_allowed and approved_earlier_step(submission, reviewer):
        raise PermissionDenied("You approved an earlier step of this submission; another person must do this step.")
    return reviewer_profile(reviewer)


def _lock_pending(submission, at_step=None):
    """The submission, locked; InvalidTransition unless it still awaits review (at `at_step`, if given)."""
    current = Submission.objects.select_for_update().select_related("page").get(pk=submission.pk)
    if current.status != Submission.Status.PENDING:
        raise InvalidTransition(
            f"This submission is no longer awaiting review ({current.get_status_display().lower()})."
        )
    if at_step is not None and current.current_step != at_step:
        raise InvalidTransition("Someone decided this step in the meantime: open the submission again.")
    return current


def _audit(page, action, actor, submission, detail):
    AuditEntry.objects.create(
        page=page, action=action, actor=actor, submission=submission, revision=submission.revision, detail=detail
    )


def _notify(signal, **kwargs):
    """Tell receivers (emails) after the transition committed; their failure must not undo or hide it."""
    for receiver, result in signal.send_robust(**kwargs):
        if isinstance(result, Exception):
            logger.error("Notification %s failed after a review transition", receiver, exc_info=result)
