"""Who wrote what a page shows, and whether it changed since sign-off.

A snapshot records every row it was built from (monographs.snapshots, "refs"). Four
eyes and stale detection read those references and django-reversion's saved versions
of the rows, nothing else: there is no second list of what a page shows to drift.
"""

from collections import defaultdict

from django.apps import apps
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from reversion.models import Version

from monographs.snapshots import upgrade

from .models import SignOff


def referenced_rows(snapshot):
    """{content type id: {object id as reversion stores it}} for every row the snapshot was built from."""
    rows = defaultdict(set)
    for label, pks in upgrade(snapshot)["refs"].items():
        try:
            model = apps.get_model(label)
        except LookupError:  # a model since removed: its rows can no longer change
            continue
        rows[ContentType.objects.get_for_model(model).pk].update(str(pk) for pk in pks)
    return rows


def _versions_of(rows):
    touched = Q()
    for content_type_id, object_ids in rows.items():
        if object_ids:
            touched |= Q(content_type_id=content_type_id, object_id__in=sorted(object_ids))
    return Version.objects.filter(touched) if touched else Version.objects.none()


def unsigned_edits(page_id, snapshot, until):
    """Edits, up to `until`, of what the snapshot shows that no sign-off of this page covered.

    The rows are those the snapshot was built from and those the page's latest sign-off
    showed: an edit that takes a row off the page changes what it shows as much as one
    that puts it there. For each row, that is every saved version since the row was last
    part of a signed-off snapshot of this page (all of them if it never was), and its
    deletion in the admin. Returns (content type id, object id, when, user id) tuples.
    """
    signoffs = list(
        SignOff.objects.filter(page_id=page_id, revision__date_created__lte=until)
        .order_by("revision__date_created", "pk")
        .values_list("snapshot", "revision__date_created")
    )
    rows = referenced_rows(snapshot)
    if signoffs:
        for content_type_id, object_ids in referenced_rows(signoffs[-1][0]).items():
            rows[content_type_id] |= object_ids
    covered = {}
    for signed, revised_at in signoffs:
        for content_type_id, object_ids in referenced_rows(signed).items():
            for object_id in object_ids & rows.get(content_type_id, set()):
                covered[(content_type_id, object_id)] = revised_at
    versions = _versions_of(rows).filter(revision__date_created__lte=until).exclude(revision__user=None)
    edits = list(versions.values_list("content_type_id", "object_id", "revision__date_created", "revision__user_id"))
    edits += _deletions(rows, until)
    return [
        (content_type_id, object_id, at, user_id)
        for content_type_id, object_id, at, user_id in edits
        if (content_type_id, object_id) not in covered or at > covered[(content_type_id, object_id)]
    ]


def _deletions(rows, until):
    """Deletions of the rows in the admin: django-reversion keeps no revision of a delete, the admin's log does."""
    deleted = Q()
    for content_type_id, object_ids in rows.items():
        deleted |= Q(content_type_id=content_type_id, object_id__in=sorted(object_ids))
    if not deleted:
        return []
    entries = LogEntry.objects.filter(deleted, action_flag=DELETION, action_time__lte=until)
    return list(entries.values_list("content_type_id", "object_id", "action_time", "user_id"))


def authors(page_id, snapshot, until):
    """Ids of users who wrote a state of a row the snapshot shows that no sign-off of this page covered."""
    return {user_id for _, _, _, user_id in unsigned_edits(page_id, snapshot, until)}


def edited_rows(page_id, snapshot, until):
    """What `unsigned_edits` found, for the reviewer: [{"kind", "name", "authors"}], one per row."""
    by_row = defaultdict(set)
    for content_type_id, object_id, _, user_id in unsigned_edits(page_id, snapshot, until):
        by_row[(content_type_id, object_id)].add(user_id)
    users = get_user_model().objects.in_bulk({user_id for user_ids in by_row.values() for user_id in user_ids})
    rows = []
    for (content_type_id, object_id), user_ids in sorted(by_row.items()):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        row = model._default_manager.filter(pk=object_id).first()
        rows.append(
            {
                "kind": model._meta.verbose_name,
                "name": str(row) if row is not None else f"#{object_id} (since deleted)",
                "authors": sorted(str(users[user_id]) for user_id in user_ids if user_id in users),
            }
        )
    return rows
