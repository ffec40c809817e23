"""Shared fixtures and helpers: the editorial roles, a small fact-checked drug page, the
ALEX trial and a comparison built on it, the demo content, and reading the admin's forms.

Figures used here are from shared/content/facts.md (crizotinib, alectinib, PROFILE 1014, ALEX).
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.forms import CheckboxInput, NullBooleanSelect
from django.test import Client, override_settings
from django.urls import reverse

from demo.loader import load_demo
from monographs.models import (
    Article,
    Biomarker,
    Citation,
    Comparison,
    Condition,
    DoseAdjustment,
    Drug,
    DrugPage,
    Indication,
    Outcome,
    Question,
    QuestionGroup,
    Section,
    Source,
    Trial,
)
from reviews import workflow
from reviews.models import AuditEntry, Publication, ReviewerProfile, SignOff, Submission


def _commits(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    marked = marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    return bool(marked) or "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that commit run last of all: the database is emptied after each of them, taking
    what the migrations made (the editorial roles) away. pytest-django puts them before the
    tests that ask for no database, among which are those using the module-wide demo."""
    items.sort(key=_commits)


# Real hashing is deliberately slow; tests create many users and prove nothing about it.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _second_factor_not_required(settings):
    """Tests run without DEBUG, where administrators and reviewers must use a second factor;
    only tests/test_staff_accounts.py is about that, and turns it back on."""
    settings.STAFF_2FA_REQUIRED = False


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


# Every test account's password: reviewers re-enter it to sign (workflow.approve(password=...)).
PASSWORD = "a-long-test-password"


def make_user(username, group=None, **extra):
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_reviewer(username, name="Dr Test Reviewer"):
    user = make_user(username, workflow.REVIEWERS, is_staff=True)
    ReviewerProfile.objects.create(
        user=user,
        name=name,
        slug=username,
        degree="MD",
        specialty="Medical oncology",
        board_certification="Medical Oncology",
        years_of_experience=12,
    )
    return user


@pytest.fixture
def editor(db):
    return make_user("editor", workflow.EDITORS, is_staff=True)


@pytest.fixture
def other_editor(db):
    return make_user("editor2", workflow.EDITORS, is_staff=True)


@pytest.fixture
def reviewer(db):
    return make_reviewer("reviewer")


@pytest.fixture
def other_reviewer(db):
    return make_reviewer("reviewer2", name="Dr Second Reviewer")


@pytest.fixture
def editor_reviewer(db):
    """An oncologist who also edits: the person four eyes is about."""
    user = make_reviewer("editor-reviewer", name="Dr Editing Reviewer")
    user.groups.add(Group.objects.get(name=workflow.EDITORS))
    return user


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("admin", "admin@example.org", PASSWORD)


@pytest.fixture
def crizotinib(db):
    nsclc = Condition.objects.create(name="Non-small cell lung cancer", abbreviation="NSCLC", slug="nsclc")
    alk = Biomarker.objects.create(name="ALK", slug="alk")
    ros1 = Biomarker.objects.create(name="ROS1", slug="ros1")
    label = Source.objects.create(kind=Source.Kind.LABEL, title="XALKORI prescribing information", publisher="FDA")
    drug = Drug.objects.create(
        name="crizotinib",
        brand_names="Xalkori",
        slug="crizotinib",
        drug_class="ALK/ROS1/MET tyrosine kinase inhibitor",
        generation=Drug.Generation.FIRST,
        dose="250 mg twice daily",
        dose_verified=True,
    )
    drug.targets.set([alk, ros1])
    Indication.objects.create(
        drug=drug,
        condition=nsclc,
        biomarker=alk,
        approval_type=Indication.ApprovalType.REGULAR,
        approval_date=datetime.date(2013, 11, 20),
        setting="metastatic",
        source=label,
    )
    Indication.objects.create(
        drug=drug,
        condition=nsclc,
        biomarker=ros1,
        approval_type=Indication.ApprovalType.REGULAR,
        approval_date=datetime.date(2016, 3, 11),
        setting="metastatic",
        source=label,
    )
    nejm = Source.objects.create(
        kind=Source.Kind.PUBLICATION, title="Solomon et al., PROFILE 1014", citation="N Engl J Med 2014;371:2167"
    )
    trial = Trial.objects.create(
        name="PROFILE 1014",
        slug="profile-1014",
        nct_id="NCT01154140",
        phase=Trial.Phase.PHASE_3,
        design="randomised, open-label",
        population="previously untreated ALK-positive advanced NSCLC",
        experimental_drug=drug,
        experimental_arm="crizotinib",
        control_arm="platinum-pemetrexed chemotherapy",
        pivotal=True,
    )
    Outcome.objects.create(
        trial=trial,
        endpoint=Outcome.Endpoint.PFS,
        measure=Outcome.Measure.MEDIAN,
        analysis=Outcome.Analysis.PRIMARY,
        unit=Outcome.Unit.MONTHS,
        experimental_value=Decimal("10.9"),
        control_value=Decimal("7.0"),
        hazard_ratio=Decimal("0.45"),
        hr_ci_low=Decimal("0.35"),
        hr_ci_high=Decimal("0.60"),
        source=nejm,
    )
    return drug


@pytest.fixture
def alectinib(crizotinib):
    """Alectinib, with its 2017 first-line approval for ALK-positive NSCLC; its dose marked as not yet checked."""
    alk = Biomarker.objects.get(slug="alk")
    alectinib = Drug.objects.create(
        name="alectinib",
        brand_names="Alecensa",
        slug="alectinib",
        drug_class="ALK tyrosine kinase inhibitor",
        generation=Drug.Generation.SECOND,
        dose="600 mg twice daily with food",
        dose_verified=False,
    )
    alectinib.targets.set([alk, Biomarker.objects.create(name="RET", slug="ret")])
    Indication.objects.create(
        drug=alectinib,
        condition=Condition.objects.get(slug="nsclc"),
        biomarker=alk,
        approval_type=Indication.ApprovalType.REGULAR,
        approval_date=datetime.date(2017, 11, 6),
        line_of_therapy="first line",
        setting="metastatic",
    )
    return alectinib


@pytest.fixture
def alex_trial(crizotinib, alectinib):
    """Alectinib (with its 2017 first-line ALK approval) and the ALEX trial against crizotinib, no outcomes yet."""
    trial = Trial.objects.create(
        name="ALEX",
        slug="alex",
        nct_id="NCT02075840",
        phase=Trial.Phase.PHASE_3,
        design="randomised, open-label, head-to-head",
        population="previously untreated ALK-positive advanced NSCLC",
        experimental_drug=alectinib,
        experimental_arm="alectinib",
        experimental_patients=152,
        control_arm="crizotinib",
        control_patients=151,
        pivotal=True,
    )
    trial.control_drugs.set([crizotinib])
    return trial


@pytest.fixture
def alex_primary_pfs(alex_trial):
    """ALEX's primary analysis of progression-free survival (investigator-assessed): HR 0.47 (0.34-0.65)."""
    nejm = Source.objects.create(
        kind=Source.Kind.PUBLICATION, title="Peters et al., ALEX", citation="N Engl J Med 2017"
    )
    return Outcome.objects.create(
        trial=alex_trial,
        endpoint=Outcome.Endpoint.PFS,
        measure=Outcome.Measure.MEDIAN,
        analysis=Outcome.Analysis.PRIMARY,
        assessor=Outcome.Assessor.INVESTIGATOR,
        unit=Outcome.Unit.MONTHS,
        hazard_ratio=Decimal("0.47"),
        hr_ci_low=Decimal("0.34"),
        hr_ci_high=Decimal("0.65"),
        source=nejm,
    )


@pytest.fixture
def comparison(alex_trial):
    """Crizotinib vs alectinib, one section, no head-to-head trial chosen yet, not yet published."""
    page = Comparison.objects.create(
        title="Crizotinib vs alectinib",
        slug="crizotinib-vs-alectinib",
        summary="Two ALK medicines compared.",
    )
    page.drugs.set([*alex_trial.control_drugs.all(), alex_trial.experimental_drug])
    Section.objects.create(page=page, order=1, heading="Who this is for", body="People with ALK-positive lung cancer.")
    return page


@pytest.fixture
def page(crizotinib):
    """A crizotinib drug page with one section and one question group, not yet published."""
    page = DrugPage.objects.create(
        drug=crizotinib,
        title="Crizotinib (Xalkori)",
        slug="crizotinib",
        summary="A targeted medicine for ALK-positive or ROS1-positive lung cancer.",
    )
    Section.objects.create(page=page, order=1, heading="How it works", body="Crizotinib blocks **ALK** and ROS1.")
    group = QuestionGroup.objects.create(page=page, order=1, heading="About liver monitoring")
    Question.objects.create(group=group, order=1, text="How often will my liver be checked?")
    Citation.objects.create(page=page, source=Source.objects.get(kind=Source.Kind.LABEL))
    return page


@pytest.fixture
def article(db):
    """An explainer with nothing in it yet, not yet published."""
    return Article.objects.create(title="ROS1-positive NSCLC", slug="ros1-positive-nsclc", summary="What ROS1 means.")


def add_crizotinib_dose_changes(drug):
    """facts.md, crizotinib label: the three changed doses, entered out of order."""
    label = Source.objects.get(kind=Source.Kind.LABEL)
    Kind = DoseAdjustment.Kind
    for order, kind, population, dose in [
        (3, Kind.HEPATIC, "Severe hepatic impairment", "250 mg once daily"),
        (
            1,
            Kind.RENAL,
            "Severe renal impairment (creatinine clearance below 30 mL/min), not on dialysis",
            "250 mg once daily",
        ),
        (2, Kind.HEPATIC, "Moderate hepatic impairment", "200 mg twice daily"),
    ]:
        DoseAdjustment.objects.create(drug=drug, kind=kind, population=population, dose=dose, order=order, source=label)


def publish(page, editor, reviewer, summary="First publication"):
    submission = workflow.submit(page, editor, summary=summary)
    return workflow.approve(submission, reviewer, comment="Checked against the label.", password=PASSWORD)


@pytest.fixture
def published_page(page, editor, reviewer):
    publish(page, editor, reviewer)
    page.refresh_from_db()
    return page


def review_state():
    """Everything a review decision could change: the review records and what the public sees."""
    return (
        list(Submission.objects.values_list("pk", "status", "decision_comment").order_by("pk")),
        list(SignOff.objects.values_list("pk", flat=True).order_by("pk")),
        list(Publication.objects.values_list("pk", "content_hash", "withdrawn_at").order_by("pk")),
        AuditEntry.objects.count(),
    )


# The demo content ------------------------------------------------------------------------


@pytest.fixture
def demo(db):
    """`load_demo()`: the fact sheet's data and the four demo pages, published through review."""
    return load_demo()


@pytest.fixture(scope="module")
def published_demo(django_db_setup, django_db_blocker):
    """One `load_demo()` shared by read-only tests, rolled back after the last test of the module.

    It stays loaded from the first test that asks for it to the end of its module, so
    those tests come last in their module.
    """
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


# Requests and responses --------------------------------------------------------------------


def logged_in(user):
    """A client of its own for `user`, for tests where two people work at once."""
    client = Client()
    client.force_login(user)
    return client


def text_of(response):
    return response.content.decode()


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def admin_url(model, action="changelist", *args):
    return reverse(f"admin:monographs_{model._meta.model_name}_{action}", args=args)


def form_data(response):
    """What a browser would post back for the admin form in `response`, unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(field.widget, NullBooleanSelect):
                data[key] = {True: "true", False: "false"}.get(value, "unknown")
            elif isinstance(field.widget, CheckboxInput):
                if value:
                    data[key] = "on"
            elif isinstance(value, (list, tuple)):
                data[key] = [str(v) for v in value]
            else:
                data[key] = "" if value is None else str(value)
    return data


def change_form_data(client, obj, **changes):
    response = client.get(admin_url(type(obj), "change", obj.pk))
    assert response.status_code == 200
    return {**form_data(response), **changes}
