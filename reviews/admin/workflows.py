"""Workflows of review steps, one per kind of page: which steps, in which order, done by which group.

Only administrators configure them. A submission keeps the steps as they stood when it
was made, so a change here applies to the next submissions, never to one under review.
"""

from django.contrib import admin

from monographs.admin.history import EditConflictMixin

from .. import workflow
from ..models import SIGN_OFF_STEP, Workflow, WorkflowStep


class WorkflowStepInline(admin.TabularInline):
    model = WorkflowStep
    extra = 0
    fields = ("order", "name", "group")
    ordering = ("order", "pk")


@admin.register(Workflow)
class WorkflowAdmin(EditConflictMixin, admin.ModelAdmin):
    """Two administrators editing one workflow: the second to save is told, their changes kept on screen."""

    list_display = ("kind", "steps_in_order", "note")
    inlines = (WorkflowStepInline,)
    fields = ("kind", "note")

    @admin.display(description="steps")
    def steps_in_order(self, flow):
        steps = [f"{step.name} ({step.group})" for step in flow.steps.select_related("group").order_by("order")]
        return " → ".join(steps) or f"{SIGN_OFF_STEP} (the default single step)"

    def get_readonly_fields(self, request, obj=None):
        # The kind names what the steps apply to; moving them to another kind is a new workflow.
        return ("kind",) if obj is not None else ()

    def has_module_permission(self, request):
        return workflow.can_configure_workflows(request.user)

    def has_view_permission(self, request, obj=None):
        return workflow.can_configure_workflows(request.user)

    def has_add_permission(self, request):
        return workflow.can_configure_workflows(request.user)

    def has_change_permission(self, request, obj=None):
        return workflow.can_configure_workflows(request.user)

    def has_delete_permission(self, request, obj=None):
        return workflow.can_configure_workflows(request.user)
