"""Who wrote what a page shows, and whether it changed since sign-off.

A snapshot records every row it was built from (monographs.snapshots, "refs"). Four
eyes and stale detection read those references and django-reversion's saved versions
of the rows, nothing else: there is no second list of what a page shows to drift.
"""

from collections import defaultdict

from django.apps import apps
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
    """Saved versions, up to `until`, of the rows the snapshot shows that no sign-off of this page covered.

    For each row, that is every version since the row was last part of a signed-off
    snapshot of this page, or all of its versions if it never was. Returns
    (content type id, object id, saved at, user id) tuples.
    """
    rows = referenced_rows(snapshot)
    covered = {}
    signoffs = SignOff.objects.filter(page_id=page_id, revision__date_created__lte=until)
    for signed, revised_at in signoffs.values_list("snapshot", "revision__date_created"):
        for content_type_id, object_ids in referenced_rows(signed).items():
            for object_id in object_ids & rows.get(content_type_id, set()):
                key = (content_type_id, object_id)
                covered[key] = max(covered.get(key, revised_at), revised_at)
    versions = _versions_of(rows).filter(revision__date_created__lte=until).exclude(revision__user=None)
    return [
        (content_type_id, object_id, saved_at, user_id)
        for content_type_id, object_id, saved_at, user_id in versions.values_list(
            "content_type_id", "object_id", "revision__date_created", "revision__user_id"
        )
        if (content_type_id, object_id) not in covered or saved_at > covered[(content_type_id, object_id)]
    ]


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


def _joinable(content_type_ids):
    """The content types shown, and those of models pointing at them: a row can join a page only so."""
    shown = {ContentType.objects.get_for_id(pk).model_class() for pk in content_type_ids}
    pointing = {
        model
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model in shown
    }
    return {ContentType.objects.get_for_model(model).pk for model in shown | pointing}


def edited_since(publications):
    """Ids of the publications' pages with a saved version, since their sign-off, of a model their snapshot
    shows or of one pointing at such a model.

    A candidate list for stale detection, which confirms each against a fresh snapshot.
    Any row of those models counts, not only the rows the page showed: a new trial of the
    page's drug, or a new section of the page, joins it without any shown row being saved.
    """
    if not publications:
        return set()
    signed_at = {p.page_id: p.signoff.revision.date_created for p in publications}
    models_of = {p.page_id: _joinable(referenced_rows(p.snapshot)) for p in publications}
    content_type_ids = set().union(*models_of.values())
    recent = Version.objects.filter(
        content_type_id__in=content_type_ids, revision__date_created__gt=min(signed_at.values())
    )
    latest = defaultdict(lambda: None)
    for content_type_id, saved_at in recent.values_list("content_type_id", "revision__date_created"):
        if latest[content_type_id] is None or saved_at > latest[content_type_id]:
            latest[content_type_id] = saved_at
    return {
        page_id
        for page_id, content_types in models_of.items()
        if any(latest[ct] is not None and latest[ct] > signed_at[page_id] for ct in content_types)
    }
