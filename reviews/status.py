"""Where each page stands in review, for editors' lists, notices and dashboards.

Read-only: nothing here changes state (that is reviews/workflow.py).
"""

import datetime
import json
from collections import defaultdict

from django.apps import apps
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, Func, JSONField, Min, OuterRef, Subquery, Value, When
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Cast
from django.db.models.lookups import Exact, In
from django.utils import timezone
from django.utils.text import capfirst
from reversion.models import Revision, Version

from monographs.kinds import build_snapshot
from monographs.models import Page
from monographs.snapshots import GATHERED, current_fingerprints, same_content, upgrade

from .models import Publication, Submission


class PageStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    CHANGES_MADE = "changes_made", "Changes requested, edited since"
    PUBLISHED = "published", "Published"
    CHANGES_AWAITING_REVIEW = "changes_awaiting_review", "Published, changes awaiting review"
    REVIEW_OVERDUE = "review_overdue", "Review overdue"
    WITHDRAWN = "withdrawn", "Withdrawn"


WAITING = (Submission.Status.PENDING, Submission.Status.SCHEDULED)


# A page with a submission in one of these may be in review or sent back; the others are
# decided by their publication. They are few, so the page's latest submission is looked up
# for them alone, and a list of thousands of pages costs one pass over the open ones.
OPEN = (*WAITING, Submission.Status.CHANGES_REQUESTED)


def with_status(queryset):
    """`queryset` annotated with `status`, a PageStatus worked out in SQL.

    A published page whose working copy or shared data changed since sign-off is
    PUBLISHED here: that needs django-reversion's records (changed_since_signoff), so
    annotate_status and filter_status finish the job.
    """
    latest = Subquery(
        Submission.objects.filter(page=OuterRef("pk"))
        .exclude(status=Submission.Status.SUPERSEDED)
        .order_by("-submitted_at", "-pk")
        .values("status")[:1]
    )
    published = Case(
        When(publication__isnull=True, then=Value(PageStatus.DRAFT)),
        When(publication__withdrawn_at__isnull=False, then=Value(PageStatus.WITHDRAWN)),
        When(publication__review_due__lt=timezone.localdate(), then=Value(PageStatus.REVIEW_OVERDUE)),
        default=Value(PageStatus.PUBLISHED),
    )
    opened = Submission.objects.filter(status__in=OPEN).values("page_id")
    # Saved in the admin after the reviewer sent it back: the editor is answering.
    decided_at = Subquery(
        Submission.objects.filter(page=OuterRef(OuterRef("pk")))
        .exclude(status=Submission.Status.SUPERSEDED)
        .order_by("-submitted_at", "-pk")
        .values("decided_at")[:1]
    )
    edited_since = Exists(
        Version.objects.filter(
            content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), models.CharField()),
            revision__date_created__gt=decided_at,
        )
    )
    return queryset.annotate(
        status=Case(
            When(
                pk__in=opened,
                then=Case(
                    When(In(latest, list(WAITING)), then=Value(PageStatus.IN_REVIEW)),
                    When(
                        Exact(latest, Submission.Status.CHANGES_REQUESTED) & edited_since,
                        then=Value(PageStatus.CHANGES_MADE),
                    ),
                    When(Exact(latest, Submission.Status.CHANGES_REQUESTED), then=Value(PageStatus.CHANGES_REQUESTED)),
                    default=published,
                ),
            ),
            default=published,
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
    """The publications of the pages whose status is "changes awaiting review", by title, as a queryset."""
    pages = filter_status(Page.objects.all(), PageStatus.CHANGES_AWAITING_REVIEW)
    return Publication.objects.filter(page__in=pages.values("pk")).select_related("page").order_by("title")


def changed_since_signoff(publications):
    """Page ids of `publications` (a queryset) whose working copy or shared data differ from what was signed.

    Found from the records of change, in a few queries and one pass over the pages'
    fingerprints whatever the number of pages: a row the page recorded that was saved or
    deleted since and no longer holds what it held (its fingerprint differs), a page saved
    since sign-off (a save outside the admin leaves no revision but moves updated_at), and
    a row saved since along a relation that gathers rows onto pages (a new trial of a drug
    it shows, a new section). The last two, and pages signed off before snapshots had
    fingerprints, are confirmed by a fresh snapshot, so an edit that was undone does not count.
    """
    return set(_changes(publications))


def _changes(publications):
    """{page id: the recorded rows that hold something else now or are gone, [] if a fresh snapshot found it}."""
    changed, candidates = _edited_since(publications)
    candidates |= set(
        publications.filter(page__updated_at__gt=F("signoff__signed_at")).values_list("page_id", flat=True)
    )
    candidates -= changed.keys()
    if candidates:
        found = Publication.objects.filter(page__in=candidates).select_related("page")
        changed.update({p.page_id: [] for p in found if not same_content(p.snapshot, build_snapshot(p.page))})
    return changed


def _edited_since(publications):
    """(pages of `publications` that changed, pages to confirm by a fresh snapshot), from the rows
    saved or deleted after the first of their sign-offs."""
    since = publications.aggregate(first=Min("signoff__revision__date_created"))["first"]
    if since is None:
        return {}, set()
    # A submission's revision records the page as it stood; it changes nothing. Revisions are
    # sifted first: a page's revision holds several versions (its sections, its questions).
    recorded = Submission.objects.filter(revision=OuterRef("pk"))
    revisions = Revision.objects.filter(date_created__gt=since).exclude(Exists(recorded))
    versions = Version.objects.filter(revision__in=revisions).values_list(
        "content_type_id", "object_id", "revision__date_created", "format", "serialized_data"
    )
    saved = {}  # {(label, id): when last saved or deleted}
    joining = defaultdict(lambda: defaultdict(list))  # {label: {id pointed at: [(row saved along it, when)]}}
    unreadable = None  # the latest time of a version this code cannot read: any page before it is confirmed
    for content_type_id, object_id, at, format, serialized_data in versions:
        label = _label(content_type_id)
        if label is None:
            continue
        row = (label, object_id)
        saved[row] = max(at, saved.get(row, at))
        if format != "json":
            unreadable = max(at, unreadable or at)
            continue
        for target_label, target_pk in _gathered_by(label, serialized_data):
            joining[target_label][target_pk].append((row, at))
    deletions = LogEntry.objects.filter(action_flag=DELETION, action_time__gt=since)
    for content_type_id, object_id, at in deletions.values_list("content_type_id", "object_id", "action_time"):
        label = _label(content_type_id)
        if label is not None:
            saved[(label, object_id)] = max(at, saved.get((label, object_id), at))
    if not saved:
        return {}, set()
    now = _current_fingerprints(saved)  # {label: {id: fingerprint now, None if deleted}}
    latest = max(saved.values())
    labels = {*now, *joining, *(row[0] for targets in joining.values() for rows in targets.values() for row, _ in rows)}
    shown = publications.filter(signoff__revision__date_created__lt=latest).values_list(
        "page_id", "signoff__revision__date_created", RecordedFingerprints(labels)
    )
    changed, candidates, without = {}, set(), []
    for page_id, signed_at, fingerprints in shown:
        if fingerprints is None:  # signed off before snapshots had fingerprints
            without.append(page_id)
            continue
        if rows := _differing(fingerprints, now):
            changed[page_id] = rows
        elif (unreadable and unreadable > signed_at) or _joined(fingerprints, joining, signed_at):
            candidates.add(page_id)
    for page_id, signed_at, refs in _refs_of(without):
        rows = {(label, str(pk)) for label, pks in refs.items() for pk in pks}
        if any(at > signed_at for row, at in saved.items() if row in rows) or _joined(
            {label: {str(pk): None for pk in pks} for label, pks in refs.items()}, joining, signed_at
        ):
            candidates.add(page_id)
    return changed, candidates


class RecordedFingerprints(Func):
    """A snapshot's fingerprints of the rows of `labels` only, or NULL if it has none.

    Read in one pass over each snapshot (PostgreSQL decompresses a stored snapshot for
    every reference to it) and without the rest of the fingerprints, which would cost
    more to send and decode than the comparison itself.
    """

    output_field = JSONField()

    def __init__(self, labels):
        super().__init__(F("snapshot"))
        everything = {model._meta.label_lower for model in apps.get_models()}
        self.others = sorted(everything - set(labels))

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql} -> 'fingerprints') - %s::text[])", (*params, self.others)

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        paths = [f"$.{json.dumps(label)}" for label in self.others]
        removed = "".join(", %s" for _ in paths)
        return f"json_remove(json_extract({sql}, '$.fingerprints'){removed})", (*params, *paths)

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(KeyTransform("fingerprints", self.source_expressions[0]))


def _differing(fingerprints, now):
    """[(label, id)] of the rows the page recorded that hold something else now, or are gone."""
    rows = []
    for label, recorded in fingerprints.items():
        current = now.get(label)
        if current:
            rows += [(label, pk) for pk in sorted(current.keys() & recorded.keys()) if recorded[pk] != current[pk]]
    return rows


def _joined(fingerprints, joining, signed_at):
    """Whether a row saved after sign-off along a gathering relation points at a row the page recorded."""
    for label, recorded in fingerprints.items():
        pointed_at = joining.get(label)
        if pointed_at:
            for pk in pointed_at.keys() & recorded.keys():
                for (row_label, row_pk), at in pointed_at[pk]:
                    if at > signed_at and row_pk not in fingerprints.get(row_label, ()):
                        return True
    return False


def _label(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._meta.label_lower if model is not None else None


def _gathered_by(label, serialized_data):
    """(label, id) of the rows a saved version points at along the relations that gather it onto pages."""
    names = GATHERED.get(label, ())
    if not names:
        return
    model = apps.get_model(label)
    fields = json.loads(serialized_data)[0]["fields"]
    for name in names:
        target = model._meta.get_field(name).related_model._meta.label_lower
        values = fields.get(name)
        for value in values if isinstance(values, list) else [values]:
            if value is not None:
                yield target, str(value)


def _current_fingerprints(rows):
    """{label: {id: fingerprint now, or None for a deleted row}} for `rows`, in a few queries per model."""
    now = defaultdict(dict)
    for label, pk in rows:
        now[label][pk] = None
    for label, pks in now.items():
        model = apps.get_model(label)
        for pk, found in current_fingerprints(model, [pk for pk in pks if _is_key(model, pk)]).items():
            pks[str(pk)] = found
    return now


def _is_key(model, pk):
    try:
        model._meta.pk.to_python(pk)
    except ValidationError:
        return False
    return True


def _refs_of(page_ids):
    """(page id, signed at, refs) of pages signed off before snapshots had fingerprints, in the current schema."""
    old = Publication.objects.filter(page__in=page_ids).values_list(
        "page_id", "signoff__revision__date_created", "snapshot__schema", KeyTransform("refs", "snapshot")
    )
    for page_id, signed_at, schema, refs in old if page_ids else ():
        if schema in (None, 1):  # named its references by role
            refs = upgrade(Publication.objects.get(page_id=page_id).snapshot)["refs"]
        yield page_id, signed_at, refs


def what_changed(publications):
    """{publication: short descriptions of what changed since sign-off} for a few publications.

    A page found by a row's fingerprint names that row without rebuilding the page (after
    an edit of a source every page cites, a list of pages costs a few queries); the others
    are described by pending_changes, from a fresh snapshot.
    """
    publications = list(publications)
    changes = _changes(Publication.objects.filter(pk__in=[p.pk for p in publications]))
    rows = {row for found in changes.values() for row in found}
    names = _names(rows)
    return {
        publication: [names[row] for row in changes[publication.page_id]]
        if changes.get(publication.page_id)
        else pending_changes(publication)
        for publication in publications
    }


def _names(rows):
    """{(label, id): "Source changed: <its name>"} in a query per model."""
    by_label = defaultdict(set)
    for label, pk in rows:
        by_label[label].add(pk)
    names = {}
    for label, pks in by_label.items():
        model = apps.get_model(label)
        found = model._base_manager.in_bulk([pk for pk in pks if _is_key(model, pk)])
        for pk in pks:
            row = found.get(model._meta.pk.to_python(pk)) if _is_key(model, pk) else None
            noun = capfirst(model._meta.verbose_name)
            names[(label, pk)] = f"{noun} changed: {row}" if row is not None else f"{noun} removed: #{pk}"
    return names


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
