"""The review queue and the review screen: what awaits a reviewer, and approving or sending back.

Every decision here calls reviews.workflow, which also says who may make it; the
screen only shows what the workflow would allow.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.csp import CSP
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST

from monographs.kinds import render_snapshot
from monographs.models import SiteSettings
from monographs.readability import measure

from .. import authorship, workflow
from ..diff import diff_snapshots
from ..forms import AnswerForm, ApproveForm, CommentForm, RequestChangesForm
from ..models import Publication, ReviewComment, SignOff, StepDecision, Submission
from .assignment import AssignedFilter, AssignmentMixin
from .pages import admin_change_url
from .records import ReadOnlyAdmin, audit_log_url, form_error

# The review screen frames the submission's preview; every other page stays unframeable.
PREVIEW_CSP = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}


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
class SubmissionAdmin(AssignmentMixin, ReadOnlyAdmin):
    list_display = (
        "review_link",
        "title",
        "kind",
        "submitted_by",
        "submitted_at",
        "due",
        "assigned",
        "summary",
        "review_due",
        "state",
    )
    list_display_links = None
    list_filter = (SubmissionStatusFilter, AssignedFilter)
    list_select_related = ("page__publication", "submitted_by", "assigned_to__reviewer_profile")
    search_fields = ("page__title", "summary")
    # A queue: the submission due soonest comes first.
    ordering = ("due_at", "submitted_at", "pk")
    fields = readonly_fields = (
        "review_link",
        "page",
        "status",
        "submitted_by",
        "submitted_at",
        "summary",
        "editors",
        "content_hash",
        "revision",
        "decided_by",
        "decided_at",
        "decision_comment",
        "audit_log",
    )

    @admin.display(description="page", ordering="page__title")
    def title(self, submission):
        return submission.snapshot.get("title") or submission.page.title

    @admin.display(description="type", ordering="page__kind")
    def kind(self, submission):
        return submission.page.get_kind_display()

    @admin.display(description="status", ordering="status")
    def state(self, submission):
        """With the step awaiting a decision, where the page's kind has several."""
        if submission.status == Submission.Status.PENDING and len(submission.steps) > 1:
            return f"{submission.get_status_display()} ({submission.step_label()})"
        return submission.get_status_display()

    @admin.display(description="next review due")
    def review_due(self, submission):
        publication = getattr(submission.page, "publication", None)
        return publication.review_due if publication else "not yet published"

    @admin.display(description="")
    def review_link(self, submission):
        label = "Review" if submission.status == Submission.Status.PENDING else "Open"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:reviews_submission_review", args=[submission.pk]), label
        )

    @admin.display(description="audit log")
    def audit_log(self, submission):
        return format_html('<a href="{}">Everything that happened to this page</a>', audit_log_url(submission.page_id))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/review/", view(self.review_view), name="reviews_submission_review"),
            path("<int:pk>/review/approve/", view(require_POST(self.approve_view)), name="reviews_submission_approve"),
            path("<int:pk>/review/comment/", view(require_POST(self.comment_view)), name="reviews_submission_comment"),
            path(
                "comments/<int:pk>/answer/",
                view(require_POST(self.answer_comment_view)),
                name="reviews_submission_answer_comment",
            ),
            path(
                "<int:pk>/review/request-changes/",
                view(require_POST(self.request_changes_view)),
                name="reviews_submission_request_changes",
            ),
            # The review screen shows the preview in an iframe; the public page itself stays unframeable.
            path(
                "<int:pk>/preview/",
                view(csp_override(PREVIEW_CSP)(xframe_options_sameorigin(self.preview_view))),
                name="reviews_submission_preview",
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
        if not workflow.can_decide(request.user):
            return self._refuse(request, submission, "Only medical reviewers can approve a page.")
        form = _approve_form(submission, request.POST)
        if form.is_valid():
            arguments = form.workflow_arguments()
            try:
                # From the review screen: first show what will be signed, and ask for the password there.
                if "sign" not in request.POST:
                    workflow.check_approval(
                        submission, request.user, arguments["override_reason"], arguments["go_live_at"]
                    )
                    return self._render_confirmation(request, submission, form)
                signoff = workflow.approve(submission, request.user, **arguments, request=request)
            except PermissionDenied as refusal:
                return self._refuse(request, submission, refusal)
            except ValidationError as error:
                form_error(request, form, error)
                if set(form.errors) == {"password"}:
                    return self._render_confirmation(request, submission, form)
            else:
                if isinstance(signoff, StepDecision):
                    following = submission.steps[signoff.step]["name"]
                    messages.success(
                        request,
                        f"Approved at “{signoff.step_name}”: {submission.snapshot['title']} now awaits {following}.",
                    )
                elif signoff.go_live_at:
                    when = f"{localtime(signoff.go_live_at):%d %B %Y %H:%M}"
                    messages.success(request, f"Approved: {submission.snapshot['title']}. It goes live {when}.")
                else:
                    messages.success(request, f"Approved and published: {submission.snapshot['title']}.")
                return redirect("admin:reviews_submission_changelist")
        messages.error(request, "Not approved: see the approval form below.")
        return self._render_review(request, submission, approve_form=form)

    def request_changes_view(self, request, pk):
        submission = self._submission(request, pk)
        if not workflow.can_decide(request.user):
            return self._refuse(request, submission, "Only medical reviewers can request changes.")
        form = RequestChangesForm(request.POST)
        if form.is_valid():
            try:
                workflow.request_changes(submission, request.user, form.cleaned_data["comment"])
            except PermissionDenied as refusal:
                return self._refuse(request, submission, refusal)
            except ValidationError as error:
                form_error(request, form, error)
            else:
                messages.success(
                    request,
                    f"Sent back to {submission.submitted_by} with your comments: {submission.snapshot['title']}.",
                )
                return redirect("admin:reviews_submission_changelist")
        messages.error(request, "Changes not requested: see the form below.")
        return self._render_review(request, submission, changes_form=form)

    def comment_view(self, request, pk):
        submission = self._submission(request, pk)
        form = CommentForm(request.POST, targets=workflow.comment_targets(submission.snapshot))
        if form.is_valid():
            try:
                comment = workflow.add_comment(submission, request.user, **form.cleaned_data)
            except PermissionDenied as refusal:
                return self._refuse(request, submission, refusal)
            except ValidationError as error:
                form_error(request, form, error)
            else:
                messages.success(request, f"Comment added on {comment.target_label}.")
                return redirect(reverse("admin:reviews_submission_review", args=[submission.pk]) + "#comments")
        messages.error(request, "Comment not added: see the form below.")
        return self._render_review(request, submission, comment_form=form)

    def answer_comment_view(self, request, pk):
        """The editor's answer, from the page's change form: back there with a message."""
        comment = get_object_or_404(ReviewComment.objects.select_related("page"), pk=pk)
        form = AnswerForm(request.POST)
        back = admin_change_url(comment.page) + "#review-comments"
        if not form.is_valid():
            messages.error(
                request, "Answer not saved: " + " ".join(e for errors in form.errors.values() for e in errors)
            )
            return redirect(back)
        try:
            workflow.answer_comment(comment, request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "Answer not saved: " + " ".join(error.messages))
        else:
            state = "resolved" if form.cleaned_data["resolved"] else "open"
            messages.success(request, f"Answer saved; the comment on {comment.target_label} is {state}.")
        return redirect(back)

    def _render_confirmation(self, request, submission, form):
        """What the reviewer is about to sign, and the password that confirms it is them."""
        profile = workflow.reviewer_profile(request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Sign off: {submission.snapshot.get('title')}",
            "submission": submission,
            "form": form,
            "sources": form.ticked_sources(),
            "meaning": workflow.signature_meaning(submission),
            "profile": profile,
        }
        return TemplateResponse(request, "admin/reviews/submission/confirm_approval.html", context)

    def _refuse(self, request, submission, reason):
        messages.error(request, str(reason))
        return self._render_review(request, submission, status=403)

    def _render_review(self, request, submission, approve_form=None, changes_form=None, comment_form=None, status=200):
        publication = Publication.objects.select_related("signoff").filter(page=submission.page_id).first()
        can_decide = workflow.can_decide(request.user, submission)
        if can_decide and approve_form is None:
            approve_form = _approve_form(submission)
        target = SiteSettings.load().reading_grade_target
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Review: {submission.snapshot.get('title')}",
            "submission": submission,
            "publication": publication,
            "diff": diff_snapshots(baseline(submission, publication), submission.snapshot),
            "findings": workflow.findings(submission),
            "readability": measure(submission.snapshot, target),
            "reading_grade_target": target,
            "pending": submission.status == Submission.Status.PENDING,
            "side_by_side": request.GET.get("layout") == "side-by-side",
            **self.assignment_context(request, submission),
            "can_decide": can_decide,
            # Four eyes is enforced by the workflow; this only warns before the reviewer writes a comment.
            "edited_by_viewer": can_decide and not workflow.can_approve(request.user, submission),
            "edited_rows": authorship.edited_rows(
                submission.page_id, submission.snapshot, submission.revision.date_created
            ),
            "approve_form": approve_form,
            "decisions": list(submission.decisions.select_related("decided_by")),
            "comments": list(submission.comments.select_related("author")),
            "earlier_resolved": sum(1 for comment in submission.earlier_comments if comment["resolved"]),
            "earlier_open": sum(1 for comment in submission.earlier_comments if not comment["resolved"]),
            "comment_form": comment_form
            or (CommentForm(targets=workflow.comment_targets(submission.snapshot)) if can_decide else None),
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


def _approve_form(submission, data=None):
    return ApproveForm(
        data,
        snapshot=submission.snapshot,
        has_errors=_has_errors(submission),
        last_step=submission.at_last_step,
    )


def _has_errors(submission):
    return any(finding["severity"] == "error" for finding in workflow.findings(submission))
