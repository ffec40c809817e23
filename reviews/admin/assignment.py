"""The queue's assignment and due dates: who reviews a submission and by when.

SubmissionAdmin (queue) takes these columns and the assign view from AssignmentMixin;
the rule of who may be assigned is reviews.assignment's.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from monographs.admin.history import EditConflictAdmin

from .. import assignment
from ..models import ReviewTarget, Submission

# A submission due within this time is flagged "due soon" in the queue.
DUE_SOON = timezone.timedelta(days=1)


def due_flag(submission, now=None):
    """("overdue" | "due soon" | "", text) for a submission's due date; only waiting ones are flagged."""
    if submission.due_at is None:
        return "", "no due date"
    text = f"{timezone.localtime(submission.due_at):%d %b %Y %H:%M %Z}"
    if submission.status != Submission.Status.PENDING:
        return "", text
    now = now or timezone.now()
    if submission.due_at < now:
        return "overdue", text
    if submission.due_at < now + DUE_SOON:
        return "due soon", text
    return "", text


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned to"
    parameter_name = "assigned"
    ME, NOBODY = "me", "nobody"

    def lookups(self, request, model_admin):
        return [(self.ME, "Me"), (self.NOBODY, "Nobody yet")]

    def queryset(self, request, queryset):
        if self.value() == self.ME:
            return queryset.filter(assigned_to=request.user)
        if self.value() == self.NOBODY:
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class AssignForm(forms.Form):
    reviewer = forms.TypedChoiceField(label="Reviewer", coerce=int, empty_value=None)

    def __init__(self, data=None, *, candidates, current=None):
        super().__init__(data, initial={"reviewer": current.pk if current else None})
        self.candidates = {user.pk: user for user, _ in candidates}
        self.fields["reviewer"].choices = [("", "Choose a reviewer")] + [
            (user.pk, f"{assignment.display_name(user)}{' (suggested: ' + reason + ')' if reason else ''}")
            for user, reason in candidates
        ]
        self.fields["reviewer"].error_messages["invalid_choice"] = (
            "Choose one of the reviewers listed: others cannot review this submission."
        )


class AssignmentMixin:
    """Assigned reviewer and due date columns, sorted by due date, and assigning from the review screen."""

    @admin.display(description="assigned to", ordering="assigned_to__username")
    def assigned(self, submission):
        return assignment.display_name(submission.assigned_to) if submission.assigned_to else "—"

    @admin.display(description="due", ordering="due_at")
    def due(self, submission):
        flag, text = due_flag(submission)
        if not flag:
            return text
        return format_html('<span class="queue-flag {}">{}</span> {}', flag.replace(" ", "-"), flag, text)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/review/assign/", view(require_POST(self.assign_view)), name="reviews_submission_assign"),
            *super().get_urls(),
        ]

    def assignment_context(self, request, submission):
        if submission.status != Submission.Status.PENDING or not assignment.can_assign(request.user):
            return {"due": due_flag(submission), "assign_form": None}
        form = AssignForm(candidates=assignment.candidates(submission), current=submission.assigned_to)
        return {"due": due_flag(submission), "assign_form": form}

    def assign_view(self, request, pk):
        submission = self._submission(request, pk)
        review_url = reverse("admin:reviews_submission_review", args=[submission.pk])
        if not assignment.can_assign(request.user):
            messages.error(request, "Only editors and reviewers can assign a submission.")
            return redirect(review_url)
        form = AssignForm(request.POST, candidates=assignment.candidates(submission), current=submission.assigned_to)
        if form.is_valid() and form.cleaned_data["reviewer"]:
            reviewer = form.candidates[form.cleaned_data["reviewer"]]
            try:
                assignment.assign(submission, reviewer, by=request.user)
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, f"Not assigned: {_reason(error)}")
            else:
                messages.success(request, f"Assigned to {assignment.display_name(reviewer)}, who has been emailed.")
            return redirect(review_url)
        errors = form.errors.get("reviewer") or ["Choose a reviewer."]
        messages.error(request, f"Not assigned: {errors[0]}")
        return redirect(review_url)


def _reason(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


@admin.register(ReviewTarget)
class ReviewTargetAdmin(EditConflictAdmin):
    """How long each kind of page may wait for review; kinds not listed get the default. Administrators set them."""

    list_display = ("kind", "days", "note")
    fields = ("kind", "days", "note")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)
