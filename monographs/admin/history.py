"""History and restore (django-reversion) for every editorial model, whatever id the address holds."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from reversion.admin import VersionAdmin

from monographs.forms import EditVersionForm

EDIT_VERSION_FIELD = "loaded_edit_version"


class HistoryAdmin(VersionAdmin):
    """Refuses an id that cannot be a primary key before reversion looks it up as text.

    PostgreSQL rejects a NUL byte in a text comparison, so without this an address such
    as .../%00/history/ is a server error instead of "not found".
    """

    def _check_object_id(self, object_id):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404("There is no such record.") from None

    def history_view(self, request, object_id, extra_context=None):
        self._check_object_id(object_id)
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._check_object_id(object_id)
        return super().revision_view(request, object_id, version_id, extra_context)


class EditConflictAdmin(HistoryAdmin):
    """Puts the row's edit_version into the form, so a stale save is refused (monographs.forms)."""

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

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restoring is an edit like any other: checked against, and raising, the live edit_version."""
        self._check_object_id(object_id)
        with transaction.atomic():
            request.live_edit_version = (
                self.versioned_rows(unquote(object_id)).select_for_update().values_list("edit_version", flat=True).first()
            )
            return super().revision_view(request, object_id, version_id, extra_context)
