"""The permanent records: sign-offs, publications (with withdrawal and the due dashboard),
the audit log and reviewer profiles.

Sign-offs, publications and audit entries change only through reviews.workflow: here
they are viewable, never edited, by anyone.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime

from monographs.admin.data import DateDrillDownChangeList
from monographs.admin.history import EditConflictAdmin
from monographs.kinds import render_snapshot
from monographs.models import Page

from .. import status, workflow
from ..forms import WithdrawForm
from ..models import AuditEntry, Publication, ReviewerProfile, SignOff, Submission


def audit_log_url(page_id):
    return f"{reverse('admin:reviews_auditentry_changelist')}?page={page_id}"


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that change only through reviews.workflow: viewable, never edited here, by anyone."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def form_error(request, form, error):
    """Put a workflow ValidationError on the form field it names, or show it as a message."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            if field in form.fields:
                form.add_error(field, field_messages)
            else:
                messages.error(request, " ".join(field_messages))
    else:
        for message in error.messages:
            messages.error(request, message)


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    list_display = ("title", "reviewer_name", "signed_at", "changed_content", "go_live_at", "overridden")
    list_filter = ("changed_content", "reviewer_name")
    list_select_related = ("page",)
    search_fields = ("page__title", "reviewer_name", "comment", "summary")
    date_hierarchy = "signed_at"
    fields = readonly_fields = (
        "title",
        "signed_content",
        "page",
        "submission",
        "reviewer_name",
        "reviewer_credentials",
        "signed_at",
        "signature_meaning",
        "authentication_method",
        "summary",
        "comment",
        "sources",
        "findings_seen",
        "override_reason",
        "go_live_at",
        "changed_content",
        "content_hash",
        "revision",
        "audit_log",
    )

    def get_changelist(self, request, **kwargs):
        return DateDrillDownChangeList

    @admin.display(description="page", ordering="page__title")
    def title(self, signoff):
        return signoff.snapshot.get("title")

    @admin.display(description="content signed")
    def signed_content(self, signoff):
        url = reverse("admin:reviews_signoff_preview", args=[signoff.pk])
        return format_html('<a href="{}">The page exactly as signed off</a>', url)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [path("<int:pk>/preview/", view(self.preview_view), name="reviews_signoff_preview"), *super().get_urls()]

    def preview_view(self, request, pk):
        signoff = get_object_or_404(SignOff, pk=pk)
        if not self.has_view_permission(request, signoff):
            raise PermissionDenied
        notice = f"The page as {signoff.reviewer_name} signed it off on {localtime(signoff.signed_at):%d %B %Y}."
        return render_snapshot(request, signoff.snapshot, preview_notice=notice)

    @admin.display(description="signed off despite errors", boolean=True)
    def overridden(self, signoff):
        return bool(signoff.override_reason)

    @admin.display(description="sources checked")
    def sources(self, signoff):
        return (
            _bullets(
                ", ".join(filter(None, [s.get("title"), s.get("version"), s.get("citation")]))
                for s in signoff.sources_reviewed
            )
            or "none"
        )

    @admin.display(description="check findings the reviewer saw")
    def findings_seen(self, signoff):
        return _bullets(f"{f['severity']}: {f['message']}" for f in signoff.findings) or "none"

    @admin.display(description="audit log")
    def audit_log(self, signoff):
        return format_html('<a href="{}">Everything that happened to this page</a>', audit_log_url(signoff.page_id))


def _bullets(lines):
    items = format_html_join("", "<li>{}</li>", ((line,) for line in lines))
    return format_html("<ul>{}</ul>", items) if items else ""


class WithdrawnFilter(admin.SimpleListFilter):
    title = "withdrawn"
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("no", "Live"), ("yes", "Withdrawn")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(withdrawn_at__isnull=self.value() == "no")
        return queryset


AWAITING_LISTED = 50  # pages with changes awaiting review listed on the dashboard, with how many there are


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "last_reviewed_at", "last_updated_at", "review_due", "withdrawn_at", "audit_log")
    list_filter = ("kind", WithdrawnFilter)
    search_fields = ("title", "slug")
    fields = readonly_fields = (
        "title",
        "kind",
        "slug",
        "summary",
        "signoff",
        "published_at",
        "last_reviewed_at",
        "last_updated_at",
        "review_due",
        "withdrawn_at",
        "withdrawn_by",
        "withdrawal_reason",
        "audit_log",
    )

    @admin.display(description="audit log")
    def audit_log(self, publication):
        return format_html('<a href="{}">Audit log</a>', audit_log_url(publication.page_id))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("due/", view(self.due_view), name="reviews_publication_due"),
            path("<int:pk>/withdraw/", view(self.withdraw_view), name="reviews_publication_withdraw"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_withdraw": workflow.can_withdraw(request.user)}
        return super().change_view(request, object_id, form_url, extra_context)

    def due_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        overdue, soon = status.due_publications()
        awaiting = status.changes_awaiting_review()
        # What changed is worked out for the pages listed, the first by title.
        listed = list(status.what_changed(awaiting[:AWAITING_LISTED]).items())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Reviews due and changes awaiting review",
            "overdue": overdue,
            "soon": soon,
            "awaiting": listed,
            "awaiting_count": awaiting.count(),
            "pending_count": Submission.objects.filter(status=Submission.Status.PENDING).count(),
        }
        return TemplateResponse(request, "admin/reviews/publication/due.html", context)

    def withdraw_view(self, request, pk):
        publication = get_object_or_404(Publication.objects.select_related("page"), pk=pk)
        if not workflow.can_withdraw(request.user):
            raise PermissionDenied
        change_url = reverse("admin:reviews_publication_change", args=[publication.pk])
        if publication.withdrawn_at:
            messages.info(request, "This page is already withdrawn.")
            return redirect(change_url)
        form = WithdrawForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                workflow.withdraw(publication.page, request.user, form.cleaned_data["reason"])
            except ValidationError as error:
                form_error(request, form, error)
            else:
                messages.success(request, f"Withdrawn: {publication.title}. Readers now see your reason instead.")
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Withdraw {publication.title}",
            "publication": publication,
            "original": publication,
            "form": form,
        }
        return TemplateResponse(request, "admin/reviews/publication/withdraw.html", context)


class AuditPageFilter(admin.SimpleListFilter):
    title = "page"
    parameter_name = "page"

    def lookups(self, request, model_admin):
        return Page.objects.filter(audit_entries__isnull=False).distinct().values_list("pk", "title")

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if not self.value().isdecimal():
            return queryset.none()
        # Through Page's own id, which Django range-checks: a number too large for the database finds nothing.
        return queryset.filter(page__pk=int(self.value()))


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "page", "action", "actor", "submission_link", "detail")
    list_filter = ("action", AuditPageFilter)
    list_select_related = ("page", "actor", "submission")
    search_fields = ("page__title", "detail", "actor__username")
    date_hierarchy = "at"

    def get_changelist(self, request, **kwargs):
        return DateDrillDownChangeList

    @admin.display(description="submission")
    def submission_link(self, entry):
        if not entry.submission_id:
            return ""
        return format_html(
            '<a href="{}">Open</a>', reverse("admin:reviews_submission_review", args=[entry.submission_id])
        )


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(EditConflictAdmin):
    """Administrators vouch for reviewers' credentials; reviewers and editors can read them."""

    list_display = ("name", "degree", "specialty", "board_certification", "user")
    search_fields = ("name", "specialty")
    prepopulated_fields = {"slug": ["name"]}

    def has_add_permission(self, request):
        return workflow.can_vouch_for_reviewers(request.user)

    def has_change_permission(self, request, obj=None):
        return workflow.can_vouch_for_reviewers(request.user)

    def has_delete_permission(self, request, obj=None):
        return workflow.can_vouch_for_reviewers(request.user)
