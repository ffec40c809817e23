"""Where each page stands in review, for editors' lists, notices and dashboards.

Read-only: nothing here changes state (that is reviews/workflow.py).
"""

import datetime

from django.apps import apps
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, Exists, F, Min, OuterRef, Subquery, Value, When
from django.db.models.fields.json import KeyTransform
from django.utils import timezone
from reversion.models import Version

from monographs import versioning
from monographs.kinds import build_snapshot
from monographs.models import Page
from monographs.snapshots import same_content, upgrade

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


def with_status(queryset):
    """`queryset` annotated with `status`, a PageStatus worked out in SQL.

    A published page whose working copy or shared data changed since sign-off is
    PUBLISHED here: that needs django-reversion's records (changed_since_signoff), so
    annotate_status and filter_status finish the job.
    """
    latest = (
        Submission.objects.filter(page=OuterRef("pk"))
        .exclude(status=Submission.Status.SUPERSEDED)
        .order_by("-submitted_at", "-pk")
        .values("status")[:1]
    )
    return queryset.annotate(
        latest_submission_status=Subquery(latest),
        status=Case(
            When(latest_submission_status__in=WAITING, then=Value(PageStatus.IN_REVIEW)),
            When(
                latest_submission_status=Submission.Status.CHANGES_REQUESTED,
                then=Value(PageStatus.CHANGES_REQUESTED),
            ),
            When(publication__isnull=True, then=Value(PageStatus.DRAFT)),
            When(publication__withdrawn_at__isnull=False, then=Value(PageStatus.WITHDRAWN)),
            When(publication__review_due__lt=timezone.localdate(), then=Value(PageStatus.REVIEW_OVERDUE)),
            default=Value(PageStatus.PUBLISHED),
            output_field=models.CharField(),
        ),
    )


def annotate_status(queryset):
    """The pages of `queryset` as a list, each with `.status` (a PageStatus), in a constant number of queries."""
    pages = list(with_status(queryset))
    published = [page.pk for page in pages if page.status == PageStatus.PUBLISHED]
    changed = changed_since_signoff(Publication.objects.filter(page__in=published)) if published else set()
    for page in pages:
        if page.pk in changed:
            page.status = PageStatus.CHANGES_AWAITING_REVIEW
    return pages


def filter_status(queryset, status):
    """The pages of `queryset` whose status is `status`, as a queryset."""
    annotated = with_status(queryset)
    if status not in (PageStatus.PUBLISHED, PageStatus.CHANGES_AWAITING_REVIEW):
        return annotated.filter(status=status)
    published = annotated.filter(status=PageStatus.PUBLISHED)
    # Over every live publication: cheaper to ask than of `published`, whose status is a subquery per page.
    changed = changed_since_signoff(Publication.objects.live())
    if status == PageStatus.CHANGES_AWAITING_REVIEW:
        return published.filter(pk__in=changed)
    return published.exclude(pk__in=changed)


def page_status(page):
    return annotate_status(Page.objects.filter(pk=page.pk))[0].status


def changes_awaiting_review():
    """The publications of the pages whose status is "changes awaiting review"."""
    pages = filter_status(Page.objects.all(), PageStatus.CHANGES_AWAITING_REVIEW)
    return list(Publication.objects.filter(page__in=pages.values("pk")).select_related("page").order_by("title"))


def changed_since_signoff(publications):
    """Page ids of `publications` (a queryset) whose working copy or shared data differ from what was signed.

    Candidates come from the records of change, in a few queries whatever the number of
    pages: a page saved since sign-off (a save outside the admin leaves no revision but
    moves updated_at), and the rows saved or deleted since then that the page showed or
    that point at a row it showed (a new trial of its drug, a new section). A fresh
    snapshot confirms each candidate, so an edit that was undone again does not count.
    """
    candidates = set(
        publications.filter(page__updated_at__gt=F("signoff__signed_at")).values_list("page_id", flat=True)
    )
    candidates |= _edited_since(publications)
    if not candidates:
        return set()
    found = Publication.objects.filter(page__in=candidates).select_related("page")
    return {p.page_id for p in found if not same_content(p.snapshot, build_snapshot(p.page))}


def _edited_since(publications):
    """Pages of `publications` with a row saved or deleted after their sign-off that the page showed,
    or a row saved that points at a row the page showed."""
    since = publications.aggregate(first=Min("signoff__revision__date_created"))["first"]
    if since is None:
        return set()
    # A submission's revision records the page as it stood; it changes nothing.
    recorded = Submission.objects.filter(revision=OuterRef("revision_id"))
    versions = (
        Version.objects.filter(revision__date_created__gt=since)
        .exclude(Exists(recorded))
        .values_list("content_type_id", "object_id", "revision__date_created", "format", "serialized_data")
    )
    changes = []
    for content_type_id, object_id, at, format, serialized_data in versions:
        version = Version(content_type_id=content_type_id, format=format, serialized_data=serialized_data)
        changes.append(((content_type_id, object_id), at, versioning.pointers(version)))
    deletions = LogEntry.objects.filter(action_flag=DELETION, action_time__gt=since)
    for content_type_id, object_id, at in deletions.values_list("content_type_id", "object_id", "action_time"):
        changes.append(((content_type_id, object_id), at, set()))
    if not changes:
        return set()
    watched = {row for row, _, _ in changes} | {row for _, _, rows in changes for row in rows or ()}
    latest = max(at for _, at, _ in changes)
    shown = publications.filter(signoff__revision__date_created__lt=latest).values_list(
        "page_id", "signoff__revision__date_created", "snapshot__schema", KeyTransform("refs", "snapshot")
    )
    changed = set()
    for page_id, signed_at, schema, refs in shown:
        if schema in (None, 1):  # named its references by role
            refs = upgrade(Publication.objects.get(page_id=page_id).snapshot)["refs"]
        rows = {row for row in _rows(refs) if row in watched}
        for row, at, pointers in changes:
            if at > signed_at and (row in rows or pointers is None or pointers & rows):
                changed.add(page_id)
                break
    return changed


def _rows(refs):
    for label, pks in refs.items():
        try:
            model = apps.get_model(label)
        except LookupError:  # a model since removed: its rows can no longer change
            continue
        content_type_id = ContentType.objects.get_for_model(model).pk
        for pk in pks:
            yield content_type_id, str(pk)


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
