"""Shared fixtures: the editorial roles and a small, fact-checked drug page.

Figures used here are from shared/content/facts.md (crizotinib, PROFILE 1014).
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from monographs.models import (
    Biomarker,
    Citation,
    Condition,
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
from reviews.models import ReviewerProfile


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing is deliberately slow; tests create many users and prove nothing about it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def make_user(username, group=None, **extra):
    user = User.objects.create_user(username, f"{username}@example.org", "a-long-test-password", **extra)
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
def admin_user(db):
    return User.objects.create_superuser("admin", "admin@example.org", "a-long-test-password")


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
def alex_trial(crizotinib):
    """Alectinib (with its 2017 first-line ALK approval) and the ALEX trial against crizotinib, no outcomes yet."""
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
    return Trial.objects.create(
        name="ALEX",
        slug="alex",
        nct_id="NCT02075840",
        phase=Trial.Phase.PHASE_3,
        design="randomised, open-label, head-to-head",
        population="previously untreated ALK-positive advanced NSCLC",
        experimental_drug=alectinib,
        experimental_arm="alectinib",
        experimental_patients=152,
        control_drug=crizotinib,
        control_arm="crizotinib",
        control_patients=151,
        pivotal=True,
    )


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


def publish(page, editor, reviewer, summary="First publication"):
    submission = workflow.submit(page, editor, summary=summary)
    return workflow.approve(submission, reviewer, comment="Checked against the label.")


@pytest.fixture
def published_page(page, editor, reviewer):
    publish(page, editor, reviewer)
    page.refresh_from_db()
    return page
