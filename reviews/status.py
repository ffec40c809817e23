"""Where each page stands in review, for editors' lists, notices and dashboards.

Read-only: nothing here changes state (that is reviews/workflow.py).
"""

import datetime

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from monographs.kinds import build_snapshot
from monographs.models import Page
from monographs.snapshots import same_content, upgrade

from . import authorship
from .models import Publication, Submission


class PageStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    CHANGES_AWAITING_REVIEW = "changes_awaiting_review", "Published, changes awaiting review"
    REVIEW_OVERDUE = "review_overdue", "Review overdue"
    WITHDRAWN = "withdrawn", "Withdrawn"


WAITING = (Submission.Status.PENDING, Submission.Status.SCHEDULED)


def annotate_status(queryset):
    """The pages of `queryset` as a list, each with `.status` (a PageStatus), in a constant number of queries."""
    latest = Submission.objects.filter(page=OuterRef("pk")).exclude(status=Submission.Status.SUPERSEDED)
    pages = list(
        queryset.select_related("publication__signoff__revision").annotate(
            latest_submission_status=Subquery(latest.order_by("-submitted_at", "-pk").values("status")[:1])
        )
    )
    changed = _changed_since_signoff([p for p in pages if _publication(p) is not None])
    today = timezone.localdate()
    for page in pages:
        page.status = _status(page, page.latest_submission_status, page.pk in changed, today)
    return pages


def page_status(page):
    return annotate_status(Page.objects.filter(pk=page.pk))[0].status


def _status(page, latest_submission, changed, today):
    if latest_submission in WAITING:
        return PageStatus.IN_REVIEW
    if latest_submission == Submission.Status.CHANGES_REQUESTED:
        return PageStatus.CHANGES_REQUESTED
    publication = _publication(page)
    if publication is None:
        return PageStatus.DRAFT
    if publication.withdrawn_at:
        return PageStatus.WITHDRAWN
    if publication.review_due < today:
        return PageStatus.REVIEW_OVERDUE
    if changed:
        return PageStatus.CHANGES_AWAITING_REVIEW
    return PageStatus.PUBLISHED


def _publication(page):
    try:
        return page.publication
    except Publication.DoesNotExist:
        return None


def _changed_since_signoff(pages):
    """Ids of published pages whose working copy or shared data differ from what was signed.

    Revision dates of the models each snapshot references find the candidates in a few
    queries; a fresh snapshot confirms each, so an edit that was undone again does not count.
    """
    publications = [p.publication for p in pages]
    candidates = authorship.edited_since(publications)
    # A save made outside the admin (a shell) leaves no revision but still moves updated_at.
    candidates |= {p.pk for p in pages if p.updated_at > p.publication.signoff.signed_at}
    return {p.pk for p in pages if p.pk in candidates and not same_content(p.publication.snapshot, build_snapshot(p))}


def pending_changes(publication):
    """Short descriptions of what differs between the working copy and the publication."""
    current = build_snapshot(publication.page)
    signed = upgrade(publication.snapshot)
    if same_content(signed, current):
        return []
    changes = []
    for field in ("title", "slug", "summary", "series", "review_interval_months", "verdict", "head_to_head"):
        if signed.get(field) != current.get(field):
            changes.append(f"Page {field.replace('_', ' ')} changed")
    changes += _list_changes("Section", signed["sections"], current["sections"], key="heading")
    changes += _list_changes("Question group", signed["question_groups"], current["question_groups"], key="heading")
    changes += _list_changes("Source", signed["sources"], current["sources"], key="title")
    changes += _list_changes("Drug", signed["drugs"], current["drugs"], key="name")
    changes += _list_changes("Trial", signed["trials"], current["trials"], key="name")
    return changes or ["Data shown on the page changed"]


def _list_changes(noun, old, new, key):
    old_by_key = {item[key]: item for item in old}
    new_by_key = {item[key]: item for item in new}
    changes = [f"{noun} added: {k}" for k in new_by_key if k not in old_by_key]
    changes += [f"{noun} removed: {k}" for k in old_by_key if k not in new_by_key]
    changes += [f"{noun} changed: {k}" for k in new_by_key if k in old_by_key and new_by_key[k] != old_by_key[k]]
    if not changes and [i[key] for i in old] != [i[key] for i in new]:
        changes.append(f"{noun}s reordered")
    return changes


def due_publications(within_days=30, today=None):
    """(overdue, due soon) lists of live publications, soonest first."""
    today = today or timezone.localdate()
    live = Publication.objects.filter(withdrawn_at__isnull=True).select_related("signoff").order_by("review_due")
    overdue = list(live.filter(review_due__lt=today))
    soon = list(live.filter(review_due__gte=today, review_due__lte=today + datetime.timedelta(days=within_days)))
    return overdue, soon
