"""Who may open what: every admin and public address of the URL configuration, asked by
each kind of person, with the expected answer written once in EXPECTED.

The addresses come from the URL configuration itself, so a new one without an entry
fails the test until someone decides who may open it. Each address is requested with GET
and real arguments (a page, a submission, a sign-off of the demo content), so the answer
is the view's own, not a 404 for a missing row. Answers: 200; 302 (to the login page for
anonymous visitors, or on to another page); 403; 404; 405 (the address takes POST only).
"""

import pytest
import reversion
from axes.models import AccessFailureLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.plugins.otp_static.models import StaticDevice
from reversion.models import Version

from feedback.models import ProblemReport
from monographs.models import DrugPage, SiteSettings
from reviews import workflow
from reviews.models import Publication, ReviewTarget, SignOff, Submission, Workflow
from reviews.tasks import send_reminders

from .conftest import FAST_HASHERS

ROLES = ("anonymous", "staff", "editor", "reviewer_no_profile", "reviewer", "superuser")

# One line per address: the answer to each role, in the order of ROLES.
EXPECTED = {
    "admin/auth/group/<path:object_id>/": "login 302 302 302 302 302",
    "admin/auth/user/<path:object_id>/": "login 302 302 302 302 302",
    "admin/axes/accessattempt/<path:object_id>/": "login 302 302 302 302 302",
    "admin/axes/accessfailurelog/<path:object_id>/": "login 302 302 302 302 302",
    "admin/axes/accesslog/<path:object_id>/": "login 302 302 302 302 302",
    "admin/feedback/problemreport/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/article/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/biomarker/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/comparison/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/condition/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/drug/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/drugpage/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/glossaryterm/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/page/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/questiongroup/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/series/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/sitesettings/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/source/<path:object_id>/": "login 302 302 302 302 302",
    "admin/monographs/trial/<path:object_id>/": "login 302 302 302 302 302",
    "admin/otp_static/staticdevice/<path:object_id>/": "login 302 302 302 302 302",
    "admin/otp_totp/totpdevice/<path:object_id>/": "login 302 302 302 302 302",
    "admin/reviews/auditentry/<path:object_id>/": "login 302 302 302 302 302",
    "admin/reviews/publication/<path:object_id>/": "login 302 302 302 302 302",
    "admin/reviews/reviewerprofile/<path:object_id>/": "login 302 302 302 302 302",
    "admin/reviews/signoff/<path:object_id>/": "login 302 302 302 302 302",
    "admin/reviews/submission/<path:object_id>/": "login 302 302 302 302 302",
    "admin/reviews/workflow/<path:object_id>/": "login 302 302 302 302 302",
    "admin/django_tasks_database/dbtaskresult/<path:object_id>/": "login 302 302 302 302 302",
    "admin/reviews/reviewtarget/<path:object_id>/": "login 302 302 302 302 302",
    "admin:app_list": "login 404 200 200 200 200",
    "admin:auth_group_add": "login 403 403 403 403 200",
    "admin:auth_group_change": "login 403 403 403 403 200",
    "admin:auth_group_changelist": "login 403 403 403 403 200",
    "admin:auth_group_delete": "login 403 403 403 403 200",
    "admin:auth_group_history": "login 403 403 403 403 200",
    "admin:auth_user_add": "login 403 403 403 403 200",
    "admin:auth_user_change": "login 403 403 403 403 200",
    "admin:auth_user_changelist": "login 403 403 403 403 200",
    "admin:auth_user_delete": "login 403 403 403 403 200",
    "admin:auth_user_history": "login 403 403 403 403 200",
    "admin:auth_user_password_change": "login 403 403 403 403 200",
    "admin:autocomplete": "login 403 403 403 403 403",
    "admin:axes_accessattempt_add": "login 403 403 403 403 403",
    "admin:axes_accessattempt_change": "login 403 403 403 403 200",
    "admin:axes_accessattempt_changelist": "login 403 403 403 403 200",
    "admin:axes_accessattempt_delete": "login 403 403 403 403 200",
    "admin:axes_accessattempt_history": "login 403 403 403 403 200",
    "admin:axes_accessfailurelog_add": "login 403 403 403 403 403",
    "admin:axes_accessfailurelog_change": "login 403 403 403 403 200",
    "admin:axes_accessfailurelog_changelist": "login 403 403 403 403 200",
    "admin:axes_accessfailurelog_delete": "login 403 403 403 403 200",
    "admin:axes_accessfailurelog_history": "login 403 403 403 403 200",
    "admin:axes_accesslog_add": "login 403 403 403 403 403",
    "admin:axes_accesslog_change": "login 403 403 403 403 200",
    "admin:axes_accesslog_changelist": "login 403 403 403 403 200",
    "admin:axes_accesslog_delete": "login 403 403 403 403 200",
    "admin:axes_accesslog_history": "login 403 403 403 403 200",
    "admin:feedback_problemreport_add": "login 403 403 403 403 403",
    "admin:feedback_problemreport_change": "login 403 200 200 200 200",
    "admin:feedback_problemreport_changelist": "login 403 200 200 200 200",
    "admin:feedback_problemreport_delete": "login 403 403 403 403 403",
    "admin:feedback_problemreport_history": "login 403 200 200 200 200",
    "admin:feedback_problemreport_resolve": "login 403 200 200 200 200",
    "admin:index": "login 200 200 200 200 200",
    "admin:jsi18n": "login 200 200 200 200 200",
    "admin:login": "200 302 302 302 302 302",
    "admin:logout": "302 405 405 405 405 405",
    "admin:monographs_article_add": "login 403 200 403 403 200",
    "admin:monographs_article_change": "login 403 200 200 200 200",
    "admin:monographs_article_changelist": "login 403 200 200 200 200",
    "admin:monographs_article_delete": "login 403 200 403 403 200",
    "admin:monographs_article_history": "login 403 200 200 200 200",
    "admin:monographs_article_compare": "login 403 200 200 200 200",
    "admin:monographs_article_preview": "login 403 200 200 200 200",
    "admin:monographs_article_recover": "login 403 404 403 403 404",
    "admin:monographs_article_recoverlist": "login 403 200 403 403 200",
    "admin:monographs_article_revision": "login 302 302 302 302 302",
    "admin:monographs_article_submit": "login 403 200 302 302 200",
    "admin:monographs_biomarker_add": "login 403 200 403 403 200",
    "admin:monographs_biomarker_change": "login 403 200 200 200 200",
    "admin:monographs_biomarker_changelist": "login 403 200 200 200 200",
    "admin:monographs_biomarker_delete": "login 403 200 403 403 200",
    "admin:monographs_biomarker_history": "login 403 200 200 200 200",
    "admin:monographs_biomarker_recover": "login 403 404 403 403 404",
    "admin:monographs_biomarker_recoverlist": "login 403 200 403 403 200",
    "admin:monographs_biomarker_revision": "login 302 302 302 302 302",
    "admin:monographs_comparison_add": "login 403 200 403 403 200",
    "admin:monographs_comparison_change": "login 403 200 200 200 200",
    "admin:monographs_comparison_changelist": "login 403 200 200 200 200",
    "admin:monographs_comparison_delete": "login 403 200 403 403 200",
    "admin:monographs_comparison_history": "login 403 200 200 200 200",
    "admin:monographs_comparison_compare": "login 403 200 200 200 200",
    "admin:monographs_comparison_preview": "login 403 200 200 200 200",
    "admin:monographs_comparison_recover": "login 403 404 403 403 404",
    "admin:monographs_comparison_recoverlist": "login 403 200 403 403 200",
    "admin:monographs_comparison_revision": "login 302 302 302 302 302",
    "admin:monographs_comparison_submit": "login 403 200 302 302 200",
    "admin:monographs_condition_add": "login 403 200 403 403 200",
    "admin:monographs_condition_change": "login 403 200 200 200 200",
    "admin:monographs_condition_changelist": "login 403 200 200 200 200",
    "admin:monographs_condition_delete": "login 403 200 403 403 200",
    "admin:monographs_condition_history": "login 403 200 200 200 200",
    "admin:monographs_condition_recover": "login 403 404 403 403 404",
    "admin:monographs_condition_recoverlist": "login 403 200 403 403 200",
    "admin:monographs_condition_revision": "login 302 302 302 302 302",
    "admin:monographs_drug_add": "login 403 200 403 403 200",
    "admin:monographs_drug_change": "login 403 200 200 200 200",
    "admin:monographs_drug_changelist": "login 403 200 200 200 200",
    "admin:monographs_drug_delete": "login 403 200 403 403 200",
    "admin:monographs_drug_history": "login 403 200 200 200 200",
    "admin:monographs_drug_recover": "login 403 404 403 403 404",
    "admin:monographs_drug_recoverlist": "login 403 200 403 403 200",
    "admin:monographs_drug_revision": "login 302 302 302 302 302",
    "admin:monographs_drugpage_add": "login 403 200 403 403 200",
    "admin:monographs_drugpage_change": "login 403 200 200 200 200",
    "admin:monographs_drugpage_changelist": "login 403 200 200 200 200",
    "admin:monographs_drugpage_delete": "login 403 200 403 403 200",
    "admin:monographs_drugpage_history": "login 403 200 200 200 200",
    "admin:monographs_drugpage_compare": "login 403 200 200 200 200",
    "admin:monographs_drugpage_preview": "login 403 200 200 200 200",
    "admin:monographs_drugpage_recover": "login 403 404 403 403 404",
    "admin:monographs_drugpage_recoverlist": "login 403 200 403 403 200",
    "admin:monographs_drugpage_revision": "login 302 302 302 302 302",
    "admin:monographs_glossaryterm_add": "login 403 200 403 403 200",
    "admin:monographs_glossaryterm_change": "login 403 200 200 200 200",
    "admin:monographs_glossaryterm_changelist": "login 403 200 200 200 200",
    "admin:monographs_glossaryterm_delete": "login 403 200 403 403 200",
    "admin:monographs_glossaryterm_history": "login 403 200 200 200 200",
    "admin:monographs_glossaryterm_recover": "login 403 404 403 403 404",
    "admin:monographs_glossaryterm_recoverlist": "login 403 200 403 403 200",
    "admin:monographs_glossaryterm_revision": "login 302 302 302 302 302",
    "admin:monographs_drugpage_submit": "login 403 200 302 302 200",
    "admin:monographs_page_add": "login 403 403 403 403 403",
    "admin:monographs_page_change": "login 302 302 302 302 302",
    "admin:monographs_page_changelist": "login 403 200 200 200 200",
    "admin:monographs_page_delete": "login 403 403 403 403 403",
    "admin:monographs_page_history": "login 403 200 200 200 200",
    "admin:monographs_questiongroup_add": "login 403 200 403 403 200",
    "admin:monographs_questiongroup_change": "login 403 200 200 200 200",
    "admin:monographs_questiongroup_changelist": "login 403 200 200 200 200",
    "admin:monographs_questiongroup_delete": "login 403 200 403 403 200",
    "admin:monographs_questiongroup_history": "login 403 200 200 200 200",
    "admin:monographs_questiongroup_recover": "login 403 404 403 403 404",
    "admin:monographs_questiongroup_recoverlist": "login 403 200 403 403 200",
    "admin:monographs_questiongroup_revision": "login 302 302 302 302 302",
    "admin:monographs_series_add": "login 403 200 403 403 200",
    "admin:monographs_series_change": "login 403 200 200 200 200",
    "admin:monographs_series_changelist": "login 403 200 200 200 200",
    "admin:monographs_series_delete": "login 403 200 403 403 200",
    "admin:monographs_series_history": "login 403 200 200 200 200",
    "admin:monographs_series_recover": "login 403 404 403 403 404",
    "admin:monographs_series_recoverlist": "login 403 200 403 403 200",
    "admin:monographs_series_revision": "login 302 302 302 302 302",
    "admin:monographs_sitesettings_add": "login 403 403 403 403 403",
    "admin:monographs_sitesettings_change": "login 403 200 200 200 200",
    "admin:monographs_sitesettings_changelist": "login 302 302 302 302 302",
    "admin:monographs_sitesettings_delete": "login 403 403 403 403 403",
    "admin:monographs_sitesettings_history": "login 403 200 200 200 200",
    "admin:monographs_sitesettings_recover": "login 403 403 403 403 403",
    "admin:monographs_sitesettings_recoverlist": "login 403 403 403 403 403",
    "admin:monographs_sitesettings_revision": "login 302 302 302 302 302",
    "admin:monographs_source_add": "login 403 200 403 403 200",
    "admin:monographs_source_change": "login 403 200 200 200 200",
    "admin:monographs_source_changelist": "login 403 200 200 200 200",
    "admin:monographs_source_delete": "login 403 200 403 403 200",
    "admin:monographs_source_history": "login 403 200 200 200 200",
    "admin:monographs_source_recover": "login 403 404 403 403 404",
    "admin:monographs_source_recoverlist": "login 403 200 403 403 200",
    "admin:monographs_source_revision": "login 302 302 302 302 302",
    "admin:monographs_trial_add": "login 403 200 403 403 200",
    "admin:monographs_trial_change": "login 403 200 200 200 200",
    "admin:monographs_trial_changelist": "login 403 200 200 200 200",
    "admin:monographs_trial_delete": "login 403 200 403 403 200",
    "admin:monographs_trial_history": "login 403 200 200 200 200",
    "admin:monographs_trial_recover": "login 403 404 403 403 404",
    "admin:monographs_trial_recoverlist": "login 403 200 403 403 200",
    "admin:monographs_trial_revision": "login 302 302 302 302 302",
    "admin:otp_static_staticdevice_add": "login 403 403 403 403 403",
    "admin:otp_static_staticdevice_change": "login 403 403 403 403 200",
    "admin:otp_static_staticdevice_changelist": "login 403 403 403 403 200",
    "admin:otp_static_staticdevice_delete": "login 403 403 403 403 200",
    "admin:otp_static_staticdevice_history": "login 403 403 403 403 200",
    "admin:otp_totp_totpdevice_add": "login 403 403 403 403 403",
    "admin:otp_totp_totpdevice_change": "login 403 403 403 403 200",
    "admin:otp_totp_totpdevice_changelist": "login 403 403 403 403 200",
    "admin:otp_totp_totpdevice_config": "login 403 403 403 403 403",
    "admin:otp_totp_totpdevice_delete": "login 403 403 403 403 200",
    "admin:otp_totp_totpdevice_history": "login 403 403 403 403 200",
    "admin:otp_totp_totpdevice_qrcode": "login 403 403 403 403 403",
    "admin:password_change": "login 200 200 200 200 200",
    "admin:password_change_done": "login 200 200 200 200 200",
    "admin:reviews_auditentry_add": "login 403 403 403 403 403",
    "admin:reviews_auditentry_change": "login 403 200 200 200 200",
    "admin:reviews_auditentry_changelist": "login 403 200 200 200 200",
    "admin:reviews_auditentry_delete": "login 403 403 403 403 403",
    "admin:reviews_auditentry_history": "login 403 200 200 200 200",
    "admin:reviews_publication_add": "login 403 403 403 403 403",
    "admin:reviews_publication_change": "login 403 200 200 200 200",
    "admin:reviews_publication_changelist": "login 403 200 200 200 200",
    "admin:reviews_publication_delete": "login 403 403 403 403 403",
    "admin:reviews_publication_due": "login 403 200 200 200 200",
    "admin:reviews_publication_history": "login 403 200 200 200 200",
    "admin:reviews_publication_withdraw": "login 403 403 403 200 200",
    "admin:reviews_reviewerprofile_add": "login 403 403 403 403 200",
    "admin:reviews_reviewerprofile_change": "login 403 200 200 200 200",
    "admin:reviews_reviewerprofile_changelist": "login 403 200 200 200 200",
    "admin:reviews_reviewerprofile_delete": "login 403 403 403 403 200",
    "admin:reviews_reviewerprofile_history": "login 403 200 200 200 200",
    "admin:reviews_reviewerprofile_recover": "login 403 403 403 403 404",
    "admin:reviews_reviewerprofile_recoverlist": "login 403 403 403 403 200",
    "admin:reviews_reviewerprofile_revision": "login 302 302 302 302 302",
    "admin:reviews_signoff_add": "login 403 403 403 403 403",
    "admin:reviews_signoff_change": "login 403 200 200 200 200",
    "admin:reviews_signoff_changelist": "login 403 200 200 200 200",
    "admin:reviews_signoff_delete": "login 403 403 403 403 403",
    "admin:reviews_signoff_history": "login 403 200 200 200 200",
    "admin:reviews_signoff_preview": "login 403 200 200 200 200",
    "admin:reviews_submission_add": "login 403 403 403 403 403",
    "admin:reviews_submission_approve": "login 405 405 405 405 405",
    "admin:reviews_submission_assign": "login 405 405 405 405 405",
    "admin:reviews_reviewtarget_add": "login 403 403 403 403 200",
    "admin:reviews_reviewtarget_change": "login 403 403 403 403 200",
    "admin:reviews_reviewtarget_changelist": "login 403 403 403 403 200",
    "admin:reviews_reviewtarget_delete": "login 403 403 403 403 200",
    "admin:reviews_reviewtarget_history": "login 403 403 403 403 200",
    "admin:reviews_reviewtarget_recover": "login 403 403 403 403 404",
    "admin:reviews_reviewtarget_recoverlist": "login 403 403 403 403 200",
    "admin:reviews_reviewtarget_revision": "login 302 302 302 302 302",
    "admin:django_tasks_database_dbtaskresult_add": "login 403 403 403 403 403",
    "admin:django_tasks_database_dbtaskresult_change": "login 403 403 403 403 200",
    "admin:django_tasks_database_dbtaskresult_changelist": "login 403 403 403 403 200",
    "admin:django_tasks_database_dbtaskresult_delete": "login 403 403 403 403 403",
    "admin:django_tasks_database_dbtaskresult_history": "login 403 403 403 403 200",
    "admin:reviews_submission_change": "login 403 200 200 200 200",
    "admin:reviews_submission_changelist": "login 403 200 200 200 200",
    "admin:reviews_submission_delete": "login 403 403 403 403 403",
    "admin:reviews_submission_history": "login 403 200 200 200 200",
    "admin:reviews_submission_preview": "login 403 200 200 200 200",
    "admin:reviews_submission_request_changes": "login 405 405 405 405 405",
    "admin:reviews_submission_review": "login 403 200 200 200 200",
    "admin:reviews_submission_comment": "login 405 405 405 405 405",
    "admin:reviews_submission_answer_comment": "login 405 405 405 405 405",
    "admin:reviews_workflow_add": "login 403 403 403 403 200",
    "admin:reviews_workflow_change": "login 403 403 403 403 200",
    "admin:reviews_workflow_changelist": "login 403 403 403 403 200",
    "admin:reviews_workflow_delete": "login 403 403 403 403 200",
    "admin:reviews_workflow_history": "login 403 403 403 403 200",
    "admin:view_on_site": "login 302 302 302 302 302",
    "feedback:report": "200 200 200 200 200 200",
    "feedback:thanks": "200 200 200 200 200 200",
    "healthz": "200 200 200 200 200 200",
    "public:article": "200 200 200 200 200 200",
    "public:articles": "200 200 200 200 200 200",
    "public:biomarker": "200 200 200 200 200 200",
    "public:comparison": "200 200 200 200 200 200",
    "public:comparisons": "200 200 200 200 200 200",
    "public:condition": "200 200 200 200 200 200",
    "public:contact": "200 200 200 200 200 200",
    "public:drug": "200 200 200 200 200 200",
    "public:drug_feed": "200 200 200 200 200 200",
    "public:drug_questions": "200 200 200 200 200 200",
    "public:drugs": "200 200 200 200 200 200",
    "public:editorial_policy": "200 200 200 200 200 200",
    "public:feed": "200 200 200 200 200 200",
    "public:home": "200 200 200 200 200 200",
    "public:reviewer": "200 200 200 200 200 200",
    "public:reviewers": "200 200 200 200 200 200",
    "public:robots": "200 200 200 200 200 200",
    "public:search": "200 200 200 200 200 200",
    "public:sitemap": "200 200 200 200 200 200",
    "public:sitemap_section": "200 200 200 200 200 200",
    "public:version": "200 200 200 200 200 200",
    "second_factor": "login 200 200 200 200 200",
}

# Addresses that are not pages of their own: the admin's catch-all, which answers any
# unknown admin address, and the redirect from an object's bare address to its change form.
NOT_PAGES = {"admin/(?P<url>.*)$"}


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), (namespace + pattern.name) if pattern.name else None


def addresses():
    """(key, route) for every address of the URL configuration; the key is its name, or its route."""
    for route, name in walk(get_resolver().url_patterns):
        if route in NOT_PAGES:
            continue
        yield name or route, route


class Arguments:
    """Real values for an address's parameters, from the demo content."""

    def __init__(self):
        self.submission = Submission.objects.order_by("pk").first()
        self.signoff = SignOff.objects.order_by("pk").first()
        self.publication = Publication.objects.order_by("pk").first()
        self.models = {f"{model._meta.app_label}/{model._meta.model_name}": model for model in admin.site._registry}

    def fill(self, route):
        """The route as a path with each parameter filled in, or None if there is no row to fill it with."""
        path = route.replace("^", "").replace("$", "")
        model = next((m for key, m in self.models.items() if path.startswith(f"admin/{key}/")), None)
        instance = model._default_manager.order_by("pk").first() if model else None
        if "(?P<app_label>" in path:
            return "admin/monographs/"
        if "<path:content_type_id>" in path:
            page = DrugPage.objects.order_by("pk").first()
            return f"admin/r/{ContentType.objects.get_for_model(page).pk}/{page.pk}/"
        if "history/(\\d+)/" in path or "recover/(\\d+)/" in path:
            if instance is None:
                return None
            version = Version.objects.get_for_object(instance).order_by("pk").first()
            if version is None:
                return None
            path = path.replace("([^/]+)", str(instance.pk)).replace("(\\d+)", str(version.pk))
            return path
        chosen = {
            "admin/reviews/submission/": self.submission,
            "admin/reviews/signoff/": self.signoff,
            "admin/reviews/publication/": self.publication,
        }
        row = next((row for prefix, row in chosen.items() if path.startswith(prefix)), instance)
        for parameter in ("<path:object_id>", "<int:pk>", "<id>"):
            if parameter in path:
                if row is None:
                    return None
                path = path.replace(parameter, str(row.pk))
        path = path.replace("<str:kind>/<slug:slug>", "drug/crizotinib").replace("<section>", "pages")
        path = path.replace("<short_hash:short_hash>", self.publication.content_hash[:12])
        if "<slug:slug>" in path:
            slug = {
                "reviewers/": "demo-reviewer",
                "biomarkers/": "ros1",
                "conditions/": "non-small-cell-lung-cancer",
                "drugs/": "crizotinib",
                "compare/": Publication.objects.filter(kind="comparison").values_list("slug", flat=True).first(),
                "learn/": Publication.objects.filter(kind="article").values_list("slug", flat=True).first(),
            }
            prefix = next((p for p in slug if path.startswith(p)), None)
            assert prefix, f"no slug for {route}: teach Arguments.fill"
            path = path.replace("<slug:slug>", slug[prefix])
        assert "<" not in path and "(" not in path, f"no argument for {route}"
        return path


def every_kind_of_row(demo):
    """Rows (and saved versions) for the admin's object addresses that the demo leaves empty."""
    Client().post("/admin/login/", {"username": "editor", "password": "not-the-password"})  # axes' records
    AccessFailureLog.objects.create(username="editor", ip_address="127.0.0.1", path_info="/admin/login/")
    StaticDevice.objects.create(user=demo.accounts["reviewer"].user, name="Recovery codes")
    for row in (SiteSettings.load(), demo.accounts["reviewer"].user.reviewer_profile):
        with reversion.create_revision():
            row.save()
    ProblemReport.file(Publication.objects.order_by("pk").first(), message="A figure looks wrong.")
    with reversion.create_revision():
        ReviewTarget.objects.create(kind="drug", days=7)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        send_reminders.enqueue()  # a queued task, as the worker would find it
    Workflow.objects.create(kind="article")  # no steps of its own: the default single sign-off


def clients(demo):
    """A logged-in client per role (anonymous: none)."""
    people = {
        "staff": User.objects.create_user("staff-only", password="x-long-password-1", is_staff=True),
        "editor": demo.accounts["editor"].user,
        "reviewer_no_profile": User.objects.create_user("no-profile", password="x-long-password-2", is_staff=True),
        "reviewer": demo.accounts["reviewer"].user,
        "superuser": demo.accounts["admin"].user,
    }
    people["reviewer_no_profile"].groups.add(Group.objects.get(name=workflow.REVIEWERS))
    found = {"anonymous": Client()}
    for role, user in people.items():
        found[role] = Client()
        found[role].force_login(user)
    return found


def answer(client, path):
    response = client.get(f"/{path}")
    if response.status_code == 302 and "/login/" in response["Location"]:
        return "login"
    return str(response.status_code)


@pytest.mark.django_db
def test_every_address_answers_each_role_as_written_once(published_demo, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    every_kind_of_row(published_demo)
    arguments, by_role = Arguments(), clients(published_demo)
    # A pending submission, so the review screen has one to show.
    page = DrugPage.objects.get(slug="crizotinib")
    page.summary += " Updated."
    page.save()
    arguments.submission = workflow.submit(page, published_demo.accounts["editor"].user, summary="For the matrix")

    observed, missing = {}, []
    for key, route in addresses():
        path = arguments.fill(route)
        if path is None:
            missing.append(route)
            continue
        observed[key] = " ".join(answer(by_role[role], path) for role in ROLES)
    assert not missing, f"no row to fill these addresses with: {missing}"

    table = "\n".join(f"    {key!r}: {value!r}," for key, value in sorted(observed.items()))
    unknown = sorted(set(observed) - set(EXPECTED))
    assert not unknown, f"addresses with no expected answer (decide who may open them):\n{table}"
    wrong = {key: (EXPECTED[key], observed[key]) for key in observed if EXPECTED[key] != observed[key]}
    assert not wrong, f"answers differ from EXPECTED ({' '.join(ROLES)}): {wrong}"
    assert not set(EXPECTED) - set(observed), (
        f"EXPECTED lists addresses that no longer exist: {set(EXPECTED) - set(observed)}"
    )
