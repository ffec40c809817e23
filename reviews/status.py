"""Where each page stands in review, for editors' lists, notices and dashboards.

Read-only: nothing here changes state (that is reviews/workflow.py).
"""

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from monographs.models import Page
from monographs.snapshots import build_snapshot, content_hash

from .models import Publication, Submission
from .tracking import tracked_rows_of_pages, versions_touching


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

    Revision dates find the candidates in a few queries; a fresh snapshot confirms each,
    so an edit that was undone again does not count as a change.
    """
    if not pages:
        return set()
    rows_by_page = tracked_rows_of_pages([(p, p.publication.snapshot.get("refs", {})) for p in pages])
    signed_at = {p.pk: p.publication.signoff.revision.date_created for p in pages}
    all_rows = [row for rows in rows_by_page.values() for row in rows]
    recent = versions_touching(all_rows).filter(revision__date_created__gt=min(signed_at.values()))
    edits = defaultdict(list)
    for content_type_id, object_id, saved_at in recent.values_list(
        "content_type_id", "object_id", "revision__date_created"
    ):
        edits[(content_type_id, object_id)].append(saved_at)
    candidates = []
    for page in pages:
        if page.updated_at > page.publication.signoff.signed_at or any(
            saved_at > signed_at[page.pk]
            for model, pks in rows_by_page[page.pk]
            for pk in pks
            for saved_at in edits.get((ContentType.objects.get_for_model(model).pk, str(pk)), ())
        ):
            candidates.append(page)
    return {p.pk for p in candidates if content_hash(build_snapshot(p)) != p.publication.content_hash}


def pending_changes(publication):
    """Short descriptions of what differs between the working copy and the publication."""
    current = build_snapshot(publication.page)
    if content_hash(current) == publication.content_hash:
        return []
    signed = publication.snapshot
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
