"""The reviewers' admin: the review queue and screen, the due dashboard, and the records.

Every action here calls reviews.workflow; the standard admin forms never add, change
or delete a submission, sign-off, publication or audit entry.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from monographs.admin.data import DateDrillDownChangeList
from monographs.models import Page
from monographs.views import render_snapshot

from . import checks, status, workflow
from .diff import diff_snapshots
from .forms import ApproveForm, RequestChangesForm, WithdrawForm
from .models import AuditEntry, Publication, ReviewerProfile, SignOff, Submission

# The index gains links to the review queue and the due dashboard.
admin.site.index_template = "admin/reviews/index.html"


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


class SubmissionStatusFilter(admin.SimpleListFilter):
    """Opens on what awaits review; the other states are one click away."""

    title = "status"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Submission.Status.choices, (self.ALL, "All")]

    def value(self):
        return super().value() or Submission.Status.PENDING

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        # Unknown states are not looked up: PostgreSQL fails on a NUL byte in a compared string.
        if self.value() not in Submission.Status.values:
            return queryset.none()
        return queryset.filter(status=self.value())


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("review_link", "title", "kind", "submitted_by", "submitted_at", "summary", "review_due", "status")
    list_display_links = None
    list_filter = (SubmissionStatusFilter,)
    list_select_related = ("page__publication", "submitted_by")
    search_fields = ("page__title", "summary")
    # A queue: the submission waiting longest comes first.
    ordering = ("submitted_at", "pk")
    fields = readonly_fields = (
        "review_link", "page", "status", "submitted_by", "submitted_at", "summary", "editors",
        "content_hash", "revision", "decided_by", "decided_at", "decision_comment", "audit_log",
    )

    @admin.display(description="page", ordering="page__title")
    def title(self, submission):
        return submission.snapshot.get("title") or submission.page.title

    @admin.display(description="type", ordering="page__kind")
    def kind(self, submission):
        return submission.page.get_kind_display()

    @admin.display(description="next review due")
    def review_due(self, submission):
        publication = getattr(submission.page, "publication", None)
        return publication.review_due if publication else "not yet published"

    @admin.display(description="")
    def review_link(self, submission):
        label = "Review" if submission.status == Submission.Status.PENDING else "Open"
        return format_html('<a href="{}">{}</a>', reverse("admin:reviews_submission_review", args=[submission.pk]), label)

    @admin.display(description="audit log")
    def audit_log(self, submission):
        return format_html('<a href="{}">Everything that happened to this page</a>', audit_log_url(submission.page_id))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/review/", view(self.review_view), name="reviews_submission_review"),
            path("<int:pk>/review/approve/", view(require_POST(self.approve_view)), name="reviews_submission_approve"),
            path(
                "<int:pk>/review/request-changes/",
                view(require_POST(self.request_changes_view)),
                name="reviews_submission_request_changes",
            ),
            # The review screen shows the preview in an iframe; the public page itself stays unframeable.
            path(
                "<int:pk>/preview/", view(xframe_options_sameorigin(self.preview_view)), name="reviews_submission_preview"
            ),
            *super().get_urls(),
        ]

    def _submission(self, request, pk):
        submission = get_object_or_404(Submission.objects.select_related("page", "submitted_by"), pk=pk)
        if not self.has_view_permission(request, submission):
            raise PermissionDenied
        return submission

    def review_view(self, request, pk):
        return self._render_review(request, self._submission(request, pk))

    def preview_view(self, request, pk):
        submission = self._submission(request, pk)
        notice = f"Preview of the submission of {localtime(submission.submitted_at):%d %B %Y %H:%M}: not published."
        return render_snapshot(request, submission.snapshot, preview_notice=notice)

    def approve_view(self, request, pk):
        submission = self._submission(request, pk)
        if not workflow.is_reviewer(request.user):
            return self._refuse(request, submission, "Only medical reviewers can approve a page.")
        findings = run_checks(submission.snapshot)
        form = ApproveForm(request.POST, snapshot=submission.snapshot, has_errors=_has_errors(findings))
        if form.is_valid():
            try:
                signoff = workflow.approve(submission, request.user, **form.workflow_arguments())
            except PermissionDenied as refusal:
                return self._refuse(request, submission, refusal)
            except ValidationError as error:
                _form_error(request, form, error)
            else:
                if signoff.go_live_at:
                    when = f"{localtime(signoff.go_live_at):%d %B %Y %H:%M}"
                    messages.success(request, f"Approved: {submission.snapshot['title']}. It goes live {when}.")
                else:
                    messages.success(request, f"Approved and published: {submission.snapshot['title']}.")
                return redirect("admin:reviews_submission_changelist")
        messages.error(request, "Not approved: see the approval form below.")
        return self._render_review(request, submission, approve_form=form, findings=findings)

    def request_changes_view(self, request, pk):
        submission = self._submission(request, pk)
        if not workflow.is_reviewer(request.user):
            return self._refuse(request, submission, "Only medical reviewers can request changes.")
        form = RequestChangesForm(request.POST)
        if form.is_valid():
            try:
                workflow.request_changes(submission, request.user, form.cleaned_data["comment"])
            except PermissionDenied as refusal:
                return self._refuse(request, submission, refusal)
            except ValidationError as error:
                _form_error(request, form, error)
            else:
                messages.success(
                    request, f"Sent back to {submission.submitted_by} with your comments: {submission.snapshot['title']}."
                )
                return redirect("admin:reviews_submission_changelist")
        messages.error(request, "Changes not requested: see the form below.")
        return self._render_review(request, submission, changes_form=form)

    def _refuse(self, request, submission, reason):
        messages.error(request, str(reason))
        return self._render_review(request, submission, status=403)

    def _render_review(self, request, submission, approve_form=None, changes_form=None, findings=None, status=200):
        publication = Publication.objects.select_related("signoff").filter(page=submission.page_id).first()
        findings = run_checks(submission.snapshot) if findings is None else findings
        pending = submission.status == Submission.Status.PENDING
        can_decide = pending and workflow.is_reviewer(request.user)
        if can_decide and approve_form is None:
            approve_form = ApproveForm(snapshot=submission.snapshot, has_errors=_has_errors(findings))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Review: {submission.snapshot.get('title')}",
            "submission": submission,
            "publication": publication,
            "diff": diff_snapshots(baseline(submission, publication), submission.snapshot),
            "findings": findings,
            "pending": pending,
            "can_decide": can_decide,
            # Four eyes is enforced by the workflow; this only warns before the reviewer writes a comment.
            "edited_by_viewer": workflow.has_edited(submission, request.user),
            "approve_form": approve_form,
            "changes_form": changes_form or RequestChangesForm(),
            "audit_log_url": audit_log_url(submission.page_id),
            "editors": list(submission.editors.all()),
        }
        return TemplateResponse(request, "admin/reviews/submission/review.html", context, status=status)


def baseline(submission, publication):
    """The snapshot a submission is compared with: the live page while it waits, afterwards the sign-off before it."""
    if submission.status == Submission.Status.PENDING:
        return publication.snapshot if publication else None
    return (
        SignOff.objects.filter(page=submission.page_id, signed_at__lt=submission.submitted_at)
        .order_by("-signed_at", "-pk")
        .values_list("snapshot", flat=True)
        .first()
    )


def run_checks(snapshot):
    """The content checks' findings, errors first."""
    return sorted(checks.check_snapshot(snapshot), key=lambda finding: finding.severity != "error")


def _has_errors(findings):
    return any(finding.severity == "error" for finding in findings)


def _form_error(request, form, error):
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
        "title", "signed_content", "page", "submission", "reviewer_name", "reviewer_credentials", "signed_at", "summary", "comment",
        "sources", "findings_seen", "override_reason", "go_live_at", "changed_content", "content_hash", "revision",
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
        return _bullets(
            ", ".join(filter(None, [s.get("title"), s.get("version"), s.get("citation")]))
            for s in signoff.sources_reviewed
        ) or "none"

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


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "last_reviewed_at", "last_updated_at", "review_due", "withdrawn_at", "audit_log")
    list_filter = ("kind", WithdrawnFilter)
    search_fields = ("title", "slug")
    fields = readonly_fields = (
        "title", "kind", "slug", "summary", "signoff", "published_at", "last_reviewed_at", "last_updated_at",
        "review_due", "withdrawn_at", "withdrawn_by", "withdrawal_reason", "audit_log",
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
        extra_context = {**(extra_context or {}), "can_withdraw": can_withdraw(request.user)}
        return super().change_view(request, object_id, form_url, extra_context)

    def due_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        overdue, soon = status.due_publications()
        published = status.annotate_status(Page.objects.filter(publication__isnull=False))
        awaiting = [
            (page.publication, status.pending_changes(page.publication))
            for page in published
            if page.status == status.PageStatus.CHANGES_AWAITING_REVIEW
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Reviews due and changes awaiting review",
            "overdue": overdue,
            "soon": soon,
            "awaiting": awaiting,
            "pending_count": Submission.objects.filter(status=Submission.Status.PENDING).count(),
        }
        return TemplateResponse(request, "admin/reviews/publication/due.html", context)

    def withdraw_view(self, request, pk):
        publication = get_object_or_404(Publication.objects.select_related("page"), pk=pk)
        if not can_withdraw(request.user):
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
                _form_error(request, form, error)
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


def can_withdraw(user):
    return user.is_superuser or workflow.is_reviewer(user)


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
        return format_html('<a href="{}">Open</a>', reverse("admin:reviews_submission_review", args=[entry.submission_id]))


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    """Administrators vouch for reviewers' credentials; reviewers and editors can read them."""

    list_display = ("name", "degree", "specialty", "board_certification", "user")
    search_fields = ("name", "specialty")
    prepopulated_fields = {"slug": ["name"]}

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
