"""History, restore and recover (django-reversion), and no lost work, for every editorial model.

django-reversion's admin looks a version up by its id (and, to restore, the object's
id) alone; here a version must belong to the very record, and the model, whose admin
is used, and its revision may hold nothing beyond that record and the parts saved with
it. Anything else is "not found" and changes nothing.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import _get_options, is_registered

from monographs import versioning
from monographs.forms import EditVersionForm

EDIT_VERSION_FIELD = "loaded_edit_version"
MIXED_REVISION = (
    "This revision was saved together with other records (by an import, not in this form), "
    "so restoring it here would change them too. Edit the record by hand instead."
)


def saved_with(model):
    """The models whose rows django-reversion saves in the same revision as a row of `model`."""
    found, todo = set(), [model]
    while todo:
        current = todo.pop()
        if current in found or not is_registered(current):
            continue
        found.add(current)
        for name in _get_options(current).follow:
            todo.append(current._meta.get_field(name).related_model)
    return found


def _holds_only(revision, model, object_id):
    """Whether the revision holds the one record (under its model and its parents) and the parts saved with it.

    A part belongs when its saved relations point at the record or at another of its
    parts (a page's section, a question of one of its groups); anything else in the
    revision is another record, which a restore here must not touch.
    """
    record = {
        (ContentType.objects.get_for_model(m).pk, str(object_id)) for m in [model, *model._meta.get_parent_list()]
    }
    part_types = {ContentType.objects.get_for_model(m).pk for m in saved_with(model)}
    others = [v for v in revision.version_set.all() if (v.content_type_id, v.object_id) not in record]
    belonging = set(record)
    while True:
        joined = [
            v for v in others if v.content_type_id in part_types and (versioning.pointers(v) or set()) & belonging
        ]
        if not joined:
            return not others
        belonging |= {(v.content_type_id, v.object_id) for v in joined}
        others = [v for v in others if v not in joined]


class HistoryAdmin(VersionAdmin):
    """History and restore that only ever touch the record whose admin is used."""

    def has_restore_permission(self, request, obj=None):
        """Restoring rewrites the record; recovering creates it again."""
        return self.has_change_permission(request, obj)

    def _check_object_id(self, object_id):
        # PostgreSQL rejects a NUL byte in a text comparison: "not found", not a server error.
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404("There is no such record.") from None

    def _own_version(self, version_id, object_id=None):
        """The version, if it is one of this admin's model (and of this record); otherwise 404."""
        versions = Version.objects.filter(content_type=ContentType.objects.get_for_model(self.model))
        if object_id is not None:
            versions = versions.filter(object_id=unquote(object_id))
        try:
            version = versions.select_related("revision").get(pk=int(version_id))
        except (Version.DoesNotExist, ValueError, OverflowError):
            raise Http404("There is no such version of this record.") from None
        if not _holds_only(version.revision, self.model, version.object_id):
            return version, MIXED_REVISION
        return version, None

    def _url_name(self, view):
        return f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}"

    def history_view(self, request, object_id, extra_context=None):
        self._check_object_id(object_id)
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._check_object_id(object_id)
        _, refusal = self._own_version(version_id, object_id)
        if not self.has_restore_permission(request):
            raise PermissionDenied
        if refusal:
            messages.error(request, refusal)
            return redirect(reverse(self._url_name("history"), args=[quote(unquote(object_id))]))
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version, refusal = self._own_version(version_id)
        if not (self.has_restore_permission(request) and self.has_add_permission(request)):
            raise PermissionDenied
        if self.model._default_manager.filter(pk=version.object_id).exists():
            raise Http404("This record was not deleted; open its history to restore an earlier version.")
        if refusal:
            messages.error(request, refusal)
            return redirect(reverse(self._url_name("recoverlist")))
        return super().recover_view(request, version_id, extra_context)


class EditConflictMixin:
    """Puts the row's edit_version into the form, so a stale save is refused (monographs.forms).

    Any model that inherits monographs.models.EditVersioned gets this through its admin.
    """

    form = EditVersionForm

    def versioned_rows(self, object_id):
        """The row holding the edit_version that a save of `object_id` checks and raises."""
        return self.model._default_manager.filter(pk=object_id)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            name, options = fieldsets[0]
            fields = [f for f in options["fields"] if f != EDIT_VERSION_FIELD]
            fieldsets[0] = (name, {**options, "fields": [*fields, EDIT_VERSION_FIELD]})
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        live = getattr(request, "live_edit_version", None)
        if live is not None:
            form = type(form.__name__, (form,), {"live_edit_version": live})
        return form


class EditConflictAdmin(EditConflictMixin, HistoryAdmin):
    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restoring is an edit like any other: checked against, and raising, the live edit_version."""
        self._check_object_id(object_id)
        with transaction.atomic():
            request.live_edit_version = (
                self.versioned_rows(unquote(object_id))
                .select_for_update()
                .values_list("edit_version", flat=True)
                .first()
            )
            return super().revision_view(request, object_id, version_id, extra_context)
