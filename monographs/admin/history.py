"""History and restore (django-reversion) for every editorial model, whatever id the address holds."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from reversion.admin import VersionAdmin


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
