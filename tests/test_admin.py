"""The editors' admin: every model editable, bad input refused with a message, roles,
page status, submit for review and preview; and, across the whole admin, addresses and
queries that fit no record get a plain answer and change nothing.

Figures are from shared/content/facts.md (crizotinib, alectinib, PROFILE 1014, ALEX);
the invalid values below are invalid on purpose.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monographs.models import (
    Comparison,
    DoseAdjustment,
    Drug,
    DrugPage,
    Indication,
    Outcome,
    Page,
    Question,
    QuestionGroup,
    Section,
    Series,
    SiteSettings,
    Source,
    Trial,
)
from reviews import workflow
from reviews.models import Publication, Submission

from .conftest import admin_url, change_form_data, make_user, messages_of, publish, review_state


def error_text(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def everything(page, comparison, article):
    """One row of every model the editors' admin edits."""
    series = Series.objects.create(name="ALK-positive lung cancer", slug="alk-positive")
    comparison.series = series
    comparison.save()
    SiteSettings.objects.create(organisation="Oncology Drug Information")
    return {
        "page": page,
        "comparison": comparison,
        "article": article,
        "series": series,
        "trial": Trial.objects.get(slug="profile-1014"),
        "drug": page.drug,
        "group": QuestionGroup.objects.get(),
        "source": Source.objects.first(),
        "settings": SiteSettings.objects.get(),
        "condition": Indication.objects.first().condition,
        "biomarker": page.drug.targets.first(),
    }


def test_every_list_and_form_opens_for_an_editor(client, editor, everything):
    client.force_login(editor)
    for obj in everything.values():
        model = type(obj)
        assert client.get(admin_url(model), follow=True).status_code == 200, model
        assert client.get(admin_url(model, "change", obj.pk)).status_code == 200, model
        assert client.get(admin_url(model, "history", obj.pk)).status_code == 200, model
        if model is not SiteSettings:
            assert client.get(admin_url(model, "add")).status_code == 200, model
    assert client.get(admin_url(Page)).status_code == 200


def test_all_pages_list_opens_each_page_in_its_own_form(client, editor, everything):
    client.force_login(editor)
    response = client.get(admin_url(Page, "change", everything["comparison"].pk))
    assert response.url == admin_url(Comparison, "change", everything["comparison"].pk)


def test_editor_can_change_a_section_and_the_save_is_a_revision(client, editor, page):
    client.force_login(editor)
    data = change_form_data(client, page, **{"sections-0-body": "Crizotinib blocks ALK, ROS1 and MET."})
    response = client.post(admin_url(DrugPage, "change", page.pk), data)
    assert response.status_code == 302
    assert Section.objects.get().body == "Crizotinib blocks ALK, ROS1 and MET."
    history = client.get(admin_url(DrugPage, "history", page.pk)).content.decode()
    assert "Changed" in history


def test_reviewer_can_view_content_but_not_change_it(client, reviewer, page):
    client.force_login(reviewer)
    assert client.get(admin_url(DrugPage)).status_code == 200
    response = client.get(admin_url(DrugPage, "change", page.pk))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    refused = client.post(admin_url(DrugPage, "change", page.pk), {"title": "Rewritten", "slug": "rewritten"})
    assert refused.status_code == 403
    assert client.post(admin_url(Drug, "add"), {"name": "x", "slug": "x", "drug_class": "x"}).status_code == 403
    page.refresh_from_db()
    assert page.title == "Crizotinib (Xalkori)"
    assert not Drug.objects.filter(slug="x").exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, page):
    for url in (
        admin_url(DrugPage),
        admin_url(DrugPage, "change", page.pk),
        admin_url(DrugPage, "preview", page.pk),
        admin_url(DrugPage, "submit", page.pk),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def trial_form(drug, **changes):
    data = {
        "name": "ALEX",
        "slug": "alex",
        "nct_id": "NCT02075840",
        "phase": "3",
        "design": "randomised, open-label, head-to-head",
        "population": "previously untreated ALK-positive advanced NSCLC",
        "experimental_drug": drug.pk,
        "experimental_arm": "alectinib 600 mg twice daily",
        "control_arm": "crizotinib 250 mg twice daily",
        "outcomes-TOTAL_FORMS": "0",
        "outcomes-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_trial_with_a_malformed_nct_id_is_refused(client, editor, alectinib):
    client.force_login(editor)
    response = client.post(admin_url(Trial, "add"), trial_form(alectinib, nct_id="NCT123"))
    assert "NCT followed by 8 digits" in error_text(response)
    assert not Trial.objects.filter(slug="alex").exists()


def test_trial_form_accepts_a_well_formed_nct_id(client, editor, alectinib):
    client.force_login(editor)
    assert client.post(admin_url(Trial, "add"), trial_form(alectinib)).status_code == 302
    assert Trial.objects.get(slug="alex").nct_id == "NCT02075840"


def test_trial_form_takes_several_control_drugs(client, editor, alex_trial):
    client.force_login(editor)
    alectinib, crizotinib = alex_trial.experimental_drug, Drug.objects.get(slug="crizotinib")
    other = Drug.objects.create(name="brigatinib", slug="brigatinib", drug_class="ALK tyrosine kinase inhibitor")
    data = change_form_data(client, alex_trial, control_drugs=[str(crizotinib.pk), str(other.pk)])
    assert client.post(admin_url(Trial, "change", alex_trial.pk), data).status_code == 302
    assert set(alex_trial.control_drugs.all()) == {crizotinib, other}
    assert alectinib not in alex_trial.control_drugs.all()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"control_arm": ""}, "Describe the control arm."),
        ({"control_drugs": "experimental"}, "A control drug must differ from the experimental drug."),
    ],
)
def test_trial_form_refuses_control_drugs_without_an_arm_or_equal_to_the_experimental_drug(
    client, editor, alex_trial, changes, message
):
    client.force_login(editor)
    if changes.get("control_drugs") == "experimental":
        changes = {"control_drugs": [str(alex_trial.experimental_drug.pk)]}
    data = change_form_data(client, alex_trial, **changes)
    response = client.post(admin_url(Trial, "change", alex_trial.pk), data)
    assert message in error_text(response)
    alex_trial.refresh_from_db()
    assert [d.slug for d in alex_trial.control_drugs.all()] == ["crizotinib"]
    assert alex_trial.control_arm == "crizotinib"


def test_hazard_ratio_outside_its_interval_is_refused_on_the_trial_form(client, editor, crizotinib):
    client.force_login(editor)
    trial = Trial.objects.get()
    data = change_form_data(client, trial, **{"outcomes-0-hazard_ratio": "0.70"})
    response = client.post(admin_url(Trial, "change", trial.pk), data)
    assert "must lie inside its 95% CI" in error_text(response)
    assert str(Outcome.objects.get().hazard_ratio) == "0.45"


def test_percentage_above_100_is_refused(client, editor, crizotinib):
    client.force_login(editor)
    trial = Trial.objects.get()
    data = change_form_data(
        client,
        trial,
        **{
            "outcomes-0-unit": "%",
            "outcomes-0-measure": "rate",
            "outcomes-0-experimental_value": "174",
            "outcomes-0-control_value": "45",
            "outcomes-0-hazard_ratio": "",
            "outcomes-0-hr_ci_low": "",
            "outcomes-0-hr_ci_high": "",
        },
    )
    response = client.post(admin_url(Trial, "change", trial.pk), data)
    assert "A percentage must be between 0 and 100." in error_text(response)
    assert Outcome.objects.get().unit == Outcome.Unit.MONTHS


def test_approval_date_in_the_future_is_refused(client, editor, crizotinib):
    client.force_login(editor)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = change_form_data(client, crizotinib, **{"indications-0-approval_date": tomorrow.isoformat()})
    response = client.post(admin_url(Drug, "change", crizotinib.pk), data)
    assert "An approval date cannot be in the future." in error_text(response)
    assert sorted(Indication.objects.values_list("approval_date", flat=True)) == [
        datetime.date(2013, 11, 20),
        datetime.date(2016, 3, 11),
    ]


def _new_dose_change(**fields):
    """A dose change typed into the drug form's empty inline row (facts.md, crizotinib label)."""
    row = {"kind": "hepatic", "population": "Moderate hepatic impairment", "dose": "200 mg twice daily", "order": "1"}
    row.update(fields)
    return {"dose_adjustments-TOTAL_FORMS": "1", **{f"dose_adjustments-0-{k}": v for k, v in row.items()}}


def test_editor_records_a_dose_change_on_the_drug_form(client, editor, crizotinib):
    client.force_login(editor)
    data = change_form_data(client, crizotinib, **_new_dose_change())
    assert client.post(admin_url(Drug, "change", crizotinib.pk), data).status_code == 302
    (change,) = DoseAdjustment.objects.all()
    assert (change.drug, change.kind, change.dose) == (crizotinib, "hepatic", "200 mg twice daily")


@pytest.mark.parametrize(
    "fields, message",
    [({"dose": ""}, "This field is required."), ({"kind": "lungs"}, "Select a valid choice.")],
)
def test_dose_change_without_a_dose_or_with_an_unknown_kind_is_refused(client, editor, crizotinib, fields, message):
    client.force_login(editor)
    data = change_form_data(client, crizotinib, **_new_dose_change(**fields))
    response = client.post(admin_url(Drug, "change", crizotinib.pk), data)
    assert message in error_text(response)
    assert not DoseAdjustment.objects.exists()


def test_page_address_already_taken_is_refused(client, editor, page, alectinib):
    client.force_login(editor)
    data = {
        "title": "Alectinib (Alecensa)",
        "slug": "crizotinib",
        "drug": alectinib.pk,
        "summary": "An ALK medicine.",
        "review_interval_months": "12",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "question_groups-TOTAL_FORMS": "0",
        "question_groups-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    response = client.post(admin_url(DrugPage, "add"), data)
    assert "Page with this Slug already exists." in error_text(response)
    assert DrugPage.objects.count() == 1


def test_comparison_needs_two_different_drugs(client, editor, everything):
    client.force_login(editor)
    comparison = everything["comparison"]
    data = change_form_data(client, comparison, drugs=[str(everything["drug"].pk)])
    response = client.post(admin_url(Comparison, "change", comparison.pk), data)
    assert "A comparison needs at least two different drugs." in error_text(response)
    assert comparison.drugs.count() == 2


def test_question_must_be_a_question(client, editor, page):
    client.force_login(editor)
    group = QuestionGroup.objects.get()
    data = change_form_data(client, group, **{"questions-0-text": "Liver tests are monthly."})
    response = client.post(admin_url(QuestionGroup, "change", group.pk), data)
    assert "ending with a question mark" in error_text(response)
    assert Question.objects.get().text == "How often will my liver be checked?"


def test_guideline_without_version_is_refused(client, editor, db):
    client.force_login(editor)
    response = client.post(admin_url(Source, "add"), {"kind": "guideline", "title": "NCCN Guidelines: NSCLC"})
    assert "A guideline needs its version" in error_text(response)
    assert not Source.objects.exists()


def test_site_settings_is_one_row_that_cannot_be_deleted(client, admin_user, everything):
    client.force_login(admin_user)
    settings = everything["settings"]
    assert client.get(admin_url(SiteSettings)).url == admin_url(SiteSettings, "change", settings.pk)
    assert client.get(admin_url(SiteSettings, "add")).status_code == 403
    assert client.post(admin_url(SiteSettings, "delete", settings.pk), {"post": "yes"}).status_code == 403
    data = change_form_data(client, settings, phone="+1 555 0100")
    assert client.post(admin_url(SiteSettings, "change", settings.pk), data).status_code == 302
    assert SiteSettings.load().phone == "+1 555 0100"


def test_site_settings_can_be_created_when_missing(client, admin_user, db):
    client.force_login(admin_user)
    assert client.get(admin_url(SiteSettings)).status_code == 200
    assert client.get(admin_url(SiteSettings, "add")).status_code == 200


def test_editors_see_site_settings_but_cannot_change_them(client, editor, everything):
    client.force_login(editor)
    settings = everything["settings"]
    assert client.get(admin_url(SiteSettings, "change", settings.pk)).status_code == 200
    refused = client.post(admin_url(SiteSettings, "change", settings.pk), {"organisation": "Someone else"})
    assert refused.status_code == 403
    assert SiteSettings.load().organisation == "Oncology Drug Information"


def listed_statuses(client, model, **params):
    response = client.get(admin_url(model), params)
    assert response.status_code == 200
    return {page.title: page.status for page in response.context["cl"].result_list}


def test_page_lists_show_each_page_status_and_filter_by_it(client, editor, reviewer, everything):
    client.force_login(editor)
    assert listed_statuses(client, DrugPage) == {"Crizotinib (Xalkori)": "draft"}
    publish(everything["comparison"], editor, reviewer)
    assert "Published" in client.get(admin_url(Comparison)).content.decode()
    assert listed_statuses(client, Page, status="published") == {"Crizotinib vs alectinib": "published"}
    assert listed_statuses(client, Page, status="draft") == {
        "Crizotinib (Xalkori)": "draft",
        "ROS1-positive NSCLC": "draft",
    }


def test_submit_for_review_from_the_change_form(client, editor, page):
    client.force_login(editor)
    change = client.get(admin_url(DrugPage, "change", page.pk)).content.decode()
    submit_url = admin_url(DrugPage, "submit", page.pk)
    assert submit_url in change
    confirmation = client.get(submit_url)
    assert confirmation.status_code == 200
    assert 'name="summary"' in confirmation.content.decode()
    assert not Submission.objects.exists()

    response = client.post(submit_url, {"summary": "First version of the crizotinib page."})
    assert response.status_code == 302
    assert "is in the review queue" in messages_of(response)[0]
    submission = Submission.objects.get()
    assert submission.summary == "First version of the crizotinib page."
    assert submission.submitted_by == editor
    assert listed_statuses(client, DrugPage) == {"Crizotinib (Xalkori)": "in_review"}
    assert "In review" in client.get(admin_url(DrugPage)).content.decode()
    assert (
        "In review: a submitted version awaits" in client.get(admin_url(DrugPage, "change", page.pk)).content.decode()
    )


@pytest.mark.parametrize(
    "summary, message",
    [("", "Say in a sentence what changed"), ("x" * 301, "at most 300 characters")],
)
def test_submit_needs_a_short_summary(client, editor, page, summary, message):
    client.force_login(editor)
    response = client.post(admin_url(DrugPage, "submit", page.pk), {"summary": summary})
    assert message in error_text(response)
    assert not Submission.objects.exists()


def test_reviewer_cannot_submit(client, reviewer, page):
    client.force_login(reviewer)
    response = client.post(admin_url(DrugPage, "submit", page.pk), {"summary": "Looks fine."})
    assert response.url == admin_url(DrugPage, "change", page.pk)
    assert "Only editors" in messages_of(response)[0]
    assert not Submission.objects.exists()


@pytest.mark.parametrize("summary", [None, "", "    ", "x" * 301, "Fixed\x00"])
def test_submitting_needs_a_real_summary(client, page, editor, summary):
    client.force_login(editor)
    response = client.post(
        reverse("admin:monographs_drugpage_submit", args=[page.pk]), {} if summary is None else {"summary": summary}
    )
    assert response.status_code == 200
    assert not Submission.objects.exists()


@pytest.mark.parametrize("who", ["reviewer", "staff"])
def test_only_editors_submit(client, page, reviewer, who):
    user = reviewer if who == "reviewer" else make_user("staff", is_staff=True)
    client.force_login(user)
    response = client.post(reverse("admin:monographs_drugpage_submit", args=[page.pk]), {"summary": "Ready."})
    assert response.status_code in (302, 403)
    assert not Submission.objects.exists()


def test_submit_is_protected_against_cross_site_requests(editor, page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(admin_url(DrugPage, "submit", page.pk), {"summary": "Forged."})
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_submit_for_a_missing_page_is_not_found(client, editor, db):
    client.force_login(editor)
    assert client.get(admin_url(DrugPage, "submit", 999)).status_code == 404


def test_preview_shows_the_working_copy_with_a_notice(client, editor, reviewer, published_page):
    client.force_login(editor)
    data = change_form_data(client, published_page, **{"sections-0-body": "Crizotinib blocks ALK, ROS1 and MET."})
    assert client.post(admin_url(DrugPage, "change", published_page.pk), data).status_code == 302

    preview = client.get(admin_url(DrugPage, "preview", published_page.pk))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Crizotinib blocks ALK, ROS1 and MET." in html
    assert "Preview of the working copy — not published" in html
    public = Client().get(published_page.get_absolute_url()).content.decode()
    assert "ROS1 and MET" not in public
    assert Publication.objects.get().snapshot["sections"][0]["body"] == "Crizotinib blocks **ALK** and ROS1."


def test_change_form_says_when_saved_changes_are_not_published(client, editor, reviewer, published_page):
    client.force_login(editor)
    html = client.get(admin_url(DrugPage, "change", published_page.pk)).content.decode()
    assert "Changes awaiting review" not in html
    data = change_form_data(client, published_page, **{"sections-0-body": "Crizotinib blocks ALK, ROS1 and MET."})
    client.post(admin_url(DrugPage, "change", published_page.pk), data)
    html = client.get(admin_url(DrugPage, "change", published_page.pk)).content.decode()
    signed = Publication.objects.get().last_reviewed_at
    assert "Changes awaiting review" in html
    assert f"signed off on {signed:%d %B %Y}" in html


def test_change_form_of_a_draft_says_it_was_never_published(client, editor, page):
    client.force_login(editor)
    assert "never been published" in client.get(admin_url(DrugPage, "change", page.pk)).content.decode()


def test_view_on_site_appears_only_once_the_page_is_public(client, editor, reviewer, page):
    client.force_login(editor)
    assert "viewsitelink" not in client.get(admin_url(DrugPage, "change", page.pk)).content.decode()
    publish(page, editor, reviewer)
    html = client.get(admin_url(DrugPage, "change", page.pk)).content.decode()
    assert f'href="{page.get_absolute_url()}" class="viewsitelink"' in html


def test_change_form_shows_the_reviewers_request_for_changes(client, editor, reviewer, page):
    submission = workflow.submit(page, editor, summary="First version.")
    workflow.request_changes(submission, reviewer, "Cite the label for the dose.")
    client.force_login(editor)
    html = client.get(admin_url(DrugPage, "change", page.pk)).content.decode()
    assert "Changes requested" in html
    assert "Cite the label for the dose." in html


# Addresses that fit no record, and queries no record could match --------------------

BAD_IDS = ["999999", "abc", "²", "-1", "1.5", "%00", "99999999999999999999999", "x" * 300]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reviews/submission/{}/review/",
        "/admin/reviews/submission/{}/preview/",
        "/admin/reviews/submission/{}/review/approve/",
        "/admin/reviews/submission/{}/review/request-changes/",
        "/admin/reviews/submission/{}/change/",
        "/admin/reviews/signoff/{}/preview/",
        "/admin/reviews/signoff/{}/change/",
        "/admin/reviews/publication/{}/withdraw/",
        "/admin/reviews/publication/{}/change/",
        "/admin/reviews/auditentry/{}/change/",
        "/admin/monographs/drugpage/{}/change/",
        "/admin/monographs/drugpage/{}/submit/",
        "/admin/monographs/drugpage/{}/preview/",
        "/admin/monographs/drugpage/{}/history/",
        "/admin/monographs/drugpage/{}/history/1/",
        "/admin/monographs/drugpage/1/history/{}/",
        "/admin/monographs/comparison/{}/submit/",
        "/admin/monographs/article/{}/preview/",
        "/admin/monographs/page/{}/change/",
        "/admin/monographs/questiongroup/{}/change/",
        "/admin/monographs/questiongroup/{}/history/1/",
        "/admin/monographs/drug/{}/history/",
        "/admin/monographs/drug/{}/history/1/",
        "/admin/monographs/sitesettings/{}/history/",
        "/admin/reviews/auditentry/?page={}",
        "/admin/reviews/submission/?status={}",
        "/admin/reviews/signoff/?signed_at__year={}",
        "/admin/reviews/auditentry/?at__year={}",
        "/admin/monographs/source/?date__year={}",
    ],
)
def test_ids_that_fit_no_record_are_refused_plainly(client, published_page, admin_user, url):
    client.force_login(admin_user)
    before = review_state()
    answers = {
        (method, bad): getattr(client, method)(url.format(bad)).status_code
        for method in ("get", "post")
        for bad in BAD_IDS
    }
    assert all(status in (200, 302, 400, 403, 404, 405) for status in answers.values()), answers
    assert review_state() == before


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reviews/signoff/?reviewer_name=%00",
        "/admin/monographs/source/?publisher=%00",
        "/admin/reviews/auditentry/?action=%00",
        "/admin/monographs/page/?kind=%00",
        "/admin/autocomplete/?app_label=monographs&model_name=drugpage&field_name=drug&term=%00",
    ],
)
def test_nul_byte_in_an_admin_query_is_a_bad_request(client, admin_user, url):
    client.force_login(admin_user)
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 400
    assert b"NUL character is not allowed" in response.content


def submit_via_form(client, page, **extra):
    return client.post(admin_url(DrugPage, "submit", page.pk), {"summary": "Dose wording.", **extra})


def test_resubmitting_unchanged_content_that_awaits_review_is_refused(client, editor, page):
    client.force_login(editor)
    assert submit_via_form(client, page).status_code == 302
    shown = client.get(admin_url(DrugPage, "submit", page.pk)).content.decode()
    assert "Nothing has changed since the submission of" in shown
    assert 'value="Submit for review"' not in shown

    before = review_state()
    response = submit_via_form(client, page, confirm="yes")
    assert response.status_code == 200
    assert "Nothing has changed since the submission of" in response.content.decode()
    assert review_state() == before


def test_replacing_a_waiting_submission_is_confirmed_first(client, editor, page):
    client.force_login(editor)
    submit_via_form(client, page)
    first = Submission.objects.get()
    section = page.sections.get()
    section.body += " It is taken by mouth."
    section.save()
    assert "Submitting again replaces it" in client.get(admin_url(DrugPage, "submit", page.pk)).content.decode()

    before = review_state()
    unconfirmed = submit_via_form(client, page)
    assert "Tick the box below to confirm" in unconfirmed.content.decode()
    assert review_state() == before

    assert submit_via_form(client, page, confirm="yes").status_code == 302
    assert Submission.objects.get(pk=first.pk).status == Submission.Status.SUPERSEDED
    assert Submission.objects.filter(status=Submission.Status.PENDING).exclude(pk=first.pk).exists()


def test_after_changes_are_requested_the_page_says_what_the_editor_did(client, editor, reviewer, page):
    client.force_login(editor)
    submit_via_form(client, page)
    workflow.request_changes(Submission.objects.get(), reviewer, "Give the dose for liver impairment.")
    change_url = admin_url(DrugPage, "change", page.pk)
    assert "Changes requested: a reviewer sent this page back." in client.get(change_url).content.decode()
    # Unchanged, it goes back only when the editor confirms.
    assert (
        "has not changed since the reviewer asked"
        in client.get(admin_url(DrugPage, "submit", page.pk)).content.decode()
    )

    section = page.sections.get()
    section.body += " With moderate liver impairment the dose is 200 mg twice daily."
    section.save()
    html = client.get(change_url).content.decode()
    assert "Changes requested, and changed since" in html
    assert "Give the dose for liver impairment." in html
    assert "has not changed since" not in client.get(admin_url(DrugPage, "submit", page.pk)).content.decode()
    assert submit_via_form(client, page).status_code == 302


def test_review_screen_dates_carry_their_time_zone(client, editor, reviewer, page, settings):
    submission = workflow.submit(page, editor, summary="First version.")
    client.force_login(reviewer)
    html = client.get(reverse("admin:reviews_submission_review", args=[submission.pk])).content.decode()
    zone = timezone.localtime(submission.submitted_at).strftime("%Z")
    assert f"{timezone.localtime(submission.submitted_at):%H:%M} {zone}" in html
    assert f"Review due by <strong>{timezone.localtime(submission.due_at):%d %b %Y %H:%M} {zone}" in html


def test_the_go_live_time_says_its_time_zone(client, editor, reviewer, page, settings):
    settings.TIME_ZONE = "Europe/London"
    submission = workflow.submit(page, editor, summary="First version.")
    client.force_login(reviewer)
    html = client.get(reverse("admin:reviews_submission_review", args=[submission.pk])).content.decode()
    zone = timezone.localtime().strftime("%Z")
    assert f"The go-live time is in Europe/London time ({zone})." in html


def test_a_reviewer_reads_the_questions_on_the_page_form(client, reviewer, page):
    client.force_login(reviewer)
    response = client.get(admin_url(DrugPage, "change", page.pk))
    assert response.status_code == 200
    assert "How often will my liver be checked?" in response.content.decode()
