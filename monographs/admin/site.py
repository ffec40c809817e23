"""The publisher's details: one row, edited in place."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from monographs.models import SiteSettings

from .history import EditConflictAdmin


@admin.register(SiteSettings)
class SiteSettingsAdmin(EditConflictAdmin):
    list_display = ("organisation", "email", "phone")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is nothing to list: open the one row, or the form to create it."""
        settings = SiteSettings.objects.first()
        if settings is not None:
            return redirect(reverse("admin:monographs_sitesettings_change", args=[settings.pk]))
        return super().changelist_view(request, extra_context)
