"""Readers' problem reports for editors and medical reviewers: a read-only list, and a
resolve screen where one of them says what was done (ProblemReport.resolve)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import truncatechars
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from monographs.admin.data import DateDrillDownChangeList

from .forms import ResolveForm
from .models import ProblemReport, can_resolve


class ResolvedFilter(admin.SimpleListFilter):
    title = "resolved"
    parameter_name = "resolved"

    def lookups(self, request, model_admin):
        return [("no", "Open"), ("yes", "Resolved")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(resolved_at__isnull=self.value() == "no")
        return queryset


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "page", "version", "short_message", "resolved", "resolve_link")
    list_display_links = ("created_at",)
    list_filter = (ResolvedFilter, "kind")
    list_select_related = ("publication", "resolved_by")
    search_fields = ("title", "slug", "message", "email")
    date_hierarchy = "created_at"
    change_form_template = "admin/feedback/problemreport/change_form.html"
    fields = readonly_fields = (
        "page",
        "kind",
        "version",
        "created_at",
        "message",
        "email",
        "resolved_at",
        "resolved_by",
        "resolution_note",
    )

    def get_changelist(self, request, **kwargs):
        return DateDrillDownChangeList

    # Reports come from readers and are kept: nobody adds, edits or deletes them here.
    # The change permission is what lets editors and reviewers resolve them (can_resolve).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="page", ordering="title")
    def page(self, report):
        return format_html('<a href="{}">{}</a>', report.publication.get_absolute_url(), report.title)

    @admin.display(description="version seen", ordering="content_hash")
    def version(self, report):
        current = report.content_hash == report.publication.content_hash
        return f"{report.content_hash[:12]} ({'current' if current else 'since updated'})"

    @admin.display(description="message")
    def short_message(self, report):
        return truncatechars(report.message, 120)

    @admin.display(description="resolved", boolean=True, ordering="resolved_at")
    def resolved(self, report):
        return report.resolved

    @admin.display(description="")
    def resolve_link(self, report):
        if report.resolved:
            return ""
        url = reverse("admin:feedback_problemreport_resolve", args=[report.pk])
        return format_html('<a href="{}">Mark resolved</a>', url)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/resolve/", view(self.resolve_view), name="feedback_problemreport_resolve"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_resolve": can_resolve(request.user)}
        return super().change_view(request, object_id, form_url, extra_context)

    def resolve_view(self, request, pk):
        report = get_object_or_404(ProblemReport.objects.select_related("publication"), pk=pk)
        if not can_resolve(request.user):
            raise PermissionDenied
        change_url = reverse("admin:feedback_problemreport_change", args=[report.pk])
        if report.resolved:
            messages.info(request, "This report is already resolved.")
            return redirect(change_url)
        form = ResolveForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                report.resolve(request.user, form.cleaned_data["note"])
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    form.add_error("note", error.message_dict.get("note", error.messages))
                else:
                    messages.error(request, " ".join(error.messages))
                    return redirect(change_url)
            else:
                messages.success(request, f"Resolved: the report on {report.title}.")
                return redirect(reverse("admin:feedback_problemreport_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Resolve a report on {report.title}",
            "report": report,
            "original": report,
            "form": form,
        }
        return TemplateResponse(request, "admin/feedback/problemreport/resolve.html", context)
