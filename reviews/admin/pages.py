"""Pages in the admin: editing, where each page stands in review, submit, preview.

One admin per page kind, made from monographs.kinds. Sections, question groups and
citations are edited inline on the page form, so one save (one revision, one
edit_version check) covers the page and its parts. Who may submit or restore is
asked of reviews.workflow.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.timezone import localtime

from monographs.admin.history import EditConflictAdmin
from monographs.admin.questions import QuestionGroupInlineForm
from monographs.forms import PageEditForm, QuestionGroupForm
from monographs.kinds import KINDS, build_snapshot, render_snapshot
from monographs.models import Citation, Page, Question, QuestionGroup, Section, SiteSettings, public_url
from monographs.readability import measure
from monographs.references import figures
from monographs.snapshots import same_content

from .. import workflow
from ..forms import SubmitForm
from ..models import Publication, Submission
from ..status import PageStatus, annotate_status, filter_status, page_status
from .compare import compare_view
from .findings import summary, working_copy_findings

PREVIEW_NOTICE = "Preview of the working copy — not published"


def admin_change_url(page):
    page = page.specific
    return reverse(f"admin:monographs_{page._meta.model_name}_change", args=[page.pk])


class PageStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return PageStatus.choices

    def queryset(self, request, queryset):
        if self.value() not in PageStatus.values:
            return queryset
        return filter_status(queryset, self.value())


class StatusChangeList(ChangeList):
    """Gives each listed page its review status, in a constant number of queries."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        filtered = request.GET.get(PageStatusFilter.parameter_name)
        if filtered in PageStatus.values:  # the filter worked it out already: every listed page has it
            statuses = dict.fromkeys((page.pk for page in self.result_list), filtered)
        else:
            listed = Page.objects.filter(pk__in=[page.pk for page in self.result_list])
            statuses = {page.pk: page.status for page in annotate_status(listed)}
        for page in self.result_list:
            page.status = statuses[page.pk]


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = (("order", "heading"), "body")


class QuestionGroupInline(admin.StackedInline):
    model = QuestionGroup
    form = QuestionGroupInlineForm
    extra = 0
    fields = (("order", "heading"), "intro", "questions")

    @admin.display(description="questions")
    def questions(self, group):
        """For those who may only read the page: its questions, one a line."""
        return "\n".join(group.questions.values_list("text", flat=True))


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = ("order", "source", "note")
    autocomplete_fields = ("source",)


def page_fieldsets(*own_fields):
    return (
        (None, {"fields": ("title", "slug", *own_fields, "summary")}),
        ("Publishing", {"fields": ("series", "review_interval_months")}),
    )


class PageAdmin(EditConflictAdmin):
    """The form of one page kind; `page_admin` makes one per kind."""

    form = PageEditForm
    inlines = (SectionInline, QuestionGroupInline, CitationInline)
    list_display = ("title", "slug", "series", "status", "updated_at")
    list_filter = (PageStatusFilter, "series")
    list_select_related = ("series",)
    search_fields = ("title", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("series",)
    change_form_template = "admin/monographs/page/change_form.html"
    object_history_template = "admin/monographs/page/history_with_compare.html"

    def versioned_rows(self, object_id):
        return Page.objects.filter(pk=object_id)

    def get_changelist(self, request, **kwargs):
        return StatusChangeList

    @admin.display(description="status")
    def status(self, page):
        return PageStatus(page.status).label

    def has_restore_permission(self, request, obj=None):
        return workflow.can_restore(request.user) and super().has_restore_permission(request, obj)

    def view_on_site(self, page):
        # The public address shows the published version; before publication it is a 404.
        publication = Publication.objects.filter(page=page, withdrawn_at__isnull=True).first()
        return public_url(publication.kind, publication.slug) if publication else None

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/submit/", view(self.submit_view), name="{}_{}_submit".format(*info)),
            path("<path:object_id>/preview/", view(self.preview_view), name="{}_{}_preview".format(*info)),
            path("<path:object_id>/compare/", view(self.compare_view), name="{}_{}_compare".format(*info)),
            *super().get_urls(),
        ]

    def get_object(self, request, object_id, from_field=None):
        if from_field is not None:
            return super().get_object(request, object_id, from_field)
        queryset = self.get_queryset(request)
        # Through Page's own id, which Django range-checks; the link to it is not checked, so
        # an id too large for the database would be a server error instead of "no such page".
        try:
            return queryset.get(page_ptr__pk=object_id)
        except (queryset.model.DoesNotExist, ValidationError, ValueError):
            return None

    def _page(self, request, object_id):
        page = self.get_object(request, unquote(object_id))
        if page is None:
            raise Http404("There is no such page.")
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        return page

    def change_view(self, request, object_id, form_url="", extra_context=None):
        page = self.get_object(request, unquote(object_id))
        context = {}
        if page is not None:
            # The figure picker, the readability table and the checks read the page as last saved.
            snapshot = build_snapshot(page)
            context = {
                "status_notice": status_notice(page, snapshot),
                "preview_url": reverse(f"admin:monographs_{self.opts.model_name}_preview", args=[page.pk]),
                "submit_url": reverse(f"admin:monographs_{self.opts.model_name}_submit", args=[page.pk]),
                "can_submit": workflow.can_submit(request.user),
                "review_comments": list(workflow.comments_to_answer(page)),
            }
            target = SiteSettings.load().reading_grade_target
            context.update(
                figures=figures(snapshot), readability=measure(snapshot, target), reading_grade_target=target
            )
            if request.method == "GET":
                context["findings"] = working_copy_findings(snapshot)
                context["findings_summary"] = summary(context["findings"])
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})

    def response_add(self, request, obj, post_url_continue=None):
        self._report_findings(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._report_findings(request, obj)
        return super().response_change(request, obj)

    def _report_findings(self, request, page):
        """An editor leaving the form after a save hears what the checks found; staying, the form lists it."""
        if "_continue" in request.POST:
            return
        found = summary(working_copy_findings(build_snapshot(page)))
        if found:
            messages.warning(
                request,
                format_html(
                    'The content checks found {} in “{}” as saved: <a href="{}#content-checks">see them</a>.',
                    found,
                    page.title,
                    admin_change_url(page),
                ),
            )

    def preview_view(self, request, object_id):
        page = self._page(request, object_id)
        return render_snapshot(request, build_snapshot(page), preview_notice=PREVIEW_NOTICE)

    def compare_view(self, request, object_id):
        page = self._page(request, object_id)
        return compare_view(self, request, page, admin_change_url(page))

    def submit_view(self, request, object_id):
        page = self._page(request, object_id)
        change_url = reverse(f"admin:monographs_{self.opts.model_name}_change", args=[page.pk])
        if not workflow.can_submit(request.user):
            messages.error(request, "Only editors can submit a page for review.")
            return redirect(change_url)
        snapshot = build_snapshot(page)
        refusal, confirmation = resubmission(page, snapshot)
        form = SubmitForm(request.POST if request.method == "POST" else None)
        if form.is_bound and refusal:
            form.add_error(None, refusal)
        elif form.is_bound and confirmation and request.POST.get("confirm") != "yes":
            form.add_error(None, "Tick the box below to confirm that you want to submit again.")
        if form.is_valid():
            try:
                workflow.submit(
                    page,
                    request.user,
                    summary=form.cleaned_data["summary"],
                    change_kind=form.cleaned_data["change_kind"],
                )
            except PermissionDenied as refusal:
                messages.error(request, str(refusal) or "You may not submit this page for review.")
                return redirect(change_url)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"“{page.title}” is in the review queue. A medical reviewer will look at it.")
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": page,
            "title": f"Submit “{page.title}” for review",
            "form": form,
            "change_url": change_url,
            "preview_url": reverse(f"admin:monographs_{self.opts.model_name}_preview", args=[page.pk]),
            "status": PageStatus(page_status(page)).label,
        }
        context["findings"] = working_copy_findings(snapshot)
        context["findings_summary"] = summary(context["findings"])
        context.update(refusal=refusal, confirmation=confirmation)
        return TemplateResponse(request, "admin/monographs/page/submit.html", context)


def resubmission(page, snapshot):
    """What submitting the working copy would do to the page's latest submission: (refusal, confirmation).

    Content already waiting is not submitted twice. Replacing a waiting submission, or
    sending back unchanged what a reviewer asked to change, is confirmed first.
    """
    latest = Submission.objects.filter(page=page).order_by("-submitted_at", "-pk").first()
    if latest is None:
        return "", ""
    unchanged = same_content(latest.snapshot, snapshot)
    when = f"{localtime(latest.submitted_at):%d %B %Y %H:%M %Z}"
    if latest.status == Submission.Status.PENDING and unchanged:
        return f"Nothing has changed since the submission of {when}, which still awaits review.", ""
    if latest.status == Submission.Status.PENDING:
        return "", (
            f"The submission of {when} still awaits review. Submitting again replaces it: "
            "the reviewer will see this version instead."
        )
    if latest.status == Submission.Status.CHANGES_REQUESTED and unchanged:
        return "", (
            f"The page has not changed since the reviewer asked for changes to the submission of {when}. "
            "Submit it unchanged only if you answered them without changing it."
        )
    return "", ""


def status_notice(page, snapshot=None):
    """What an editor must know about the page's working copy (its `snapshot`) versus what readers see."""
    status = page_status(page)
    publication = Publication.objects.filter(page=page).first()
    published = (
        f" Readers see the version signed off on {publication.last_reviewed_at:%d %B %Y}."
        if publication and not publication.withdrawn_at
        else ""
    )
    if status == PageStatus.DRAFT:
        return "Draft: this page has never been published. Submit it for review when it is ready."
    if status == PageStatus.IN_REVIEW:
        return (
            "In review: a submitted version awaits a medical reviewer. Changes saved now are not part of "
            f"that submission; submit again to include them.{published}"
        )
    if status in (PageStatus.CHANGES_REQUESTED, PageStatus.CHANGES_MADE):
        latest = Submission.objects.filter(page=page).order_by("-submitted_at", "-pk").first()
        comment = f" The reviewer wrote: “{latest.decision_comment}”." if latest and latest.decision_comment else ""
        if latest and snapshot is not None and not same_content(latest.snapshot, snapshot):
            return (
                f"Changes requested, and changed since: you saved changes after the reviewer sent this page back."
                f"{comment} Submit it again when they answer the reviewer.{published}"
            )
        return (
            f"Changes requested: a reviewer sent this page back.{comment} Make the changes and submit again.{published}"
        )
    if status == PageStatus.CHANGES_AWAITING_REVIEW:
        return (
            f"Changes awaiting review: this page has saved changes that are not published.{published} "
            "Submit it for review to publish them."
        )
    if status == PageStatus.REVIEW_OVERDUE:
        return f"Review overdue: the last sign-off is no longer current.{published} Submit the page for review."
    if status == PageStatus.WITHDRAWN:
        return "Withdrawn: readers see a notice instead of this page. Submit it for review to publish it again."
    return None


def page_admin(kind):
    """The admin of one page kind: its own fields first, relations looked up as you type."""
    relations = tuple(name for name in kind.editor_fields if kind.model._meta.get_field(name).is_relation)
    attributes = {
        "form": kind.form,
        "fieldsets": page_fieldsets(*kind.editor_fields),
        "autocomplete_fields": ("series", *relations),
    }
    if "drug" in kind.editor_fields:
        attributes["list_display"] = ("title", "drug", "slug", "series", "status", "updated_at")
        attributes["list_select_related"] = ("series", "drug")
    return type(f"{kind.model.__name__}Admin", (PageAdmin,), attributes)


for kind in KINDS.values():
    admin.site.register(kind.model, page_admin(kind))


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1
    fields = ("order", "text")


@admin.register(QuestionGroup)
class QuestionGroupAdmin(EditConflictAdmin):
    form = QuestionGroupForm
    inlines = (QuestionInline,)
    list_display = ("heading", "page", "order")
    list_select_related = ("page",)
    search_fields = ("heading", "page__title", "questions__text")
    autocomplete_fields = ("page",)
    fieldsets = ((None, {"fields": ("page", "order", "heading", "intro")}),)

    def get_readonly_fields(self, request, obj=None):
        # A group moved to another page would change two pages under one page's edit check.
        return ("page",) if obj is not None else ()

    def versioned_rows(self, object_id):
        # A question group's edits count as edits of its page.
        return Page.objects.filter(pk=QuestionGroup.objects.filter(pk=object_id).values("page_id")[:1])


@admin.register(Page)
class AllPagesAdmin(admin.ModelAdmin):
    """Every page of every type in one list, with its status; each opens in its own form."""

    list_display = ("title", "kind", "slug", "status", "updated_at")
    list_filter = (PageStatusFilter, "kind", "series")
    search_fields = ("title", "slug", "summary")

    def get_changelist(self, request, **kwargs):
        return StatusChangeList

    @admin.display(description="status")
    def status(self, page):
        return PageStatus(page.status).label

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        page = self.get_object(request, unquote(object_id))
        if page is None:
            return super().change_view(request, object_id, form_url, extra_context)
        return redirect(admin_change_url(page))
