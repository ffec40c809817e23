"""The data's own rules, enforced by the models whatever the entry point."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from monographs.kinds import build_snapshot
from monographs.models import (
    Condition,
    DrugPage,
    Indication,
    Outcome,
    Question,
    QuestionGroup,
    Section,
    Source,
    Trial,
)
from monographs.snapshots import content_hash


def errors_of(instance):
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


@pytest.mark.parametrize("nct_id", ["NCT0207584", "NCT020758400", "nct-02075840", "02075840", "NCTABCDEFGH"])
def test_malformed_nct_ids_are_refused(crizotinib, nct_id):
    trial = Trial(
        name="X",
        slug="x",
        nct_id=nct_id,
        phase="3",
        design="d",
        population="p",
        experimental_drug=crizotinib,
        experimental_arm="crizotinib",
    )
    assert "nct_id" in errors_of(trial)


def test_well_formed_nct_id_passes(crizotinib):
    trial = Trial(
        name="ALEX",
        slug="alex",
        nct_id="NCT02075840",
        phase="3",
        design="d",
        population="p",
        experimental_drug=crizotinib,
        experimental_arm="alectinib",
    )
    trial.full_clean()


def outcome(trial, source, **values):
    fields = {
        "trial": trial,
        "endpoint": Outcome.Endpoint.PFS,
        "measure": Outcome.Measure.MEDIAN,
        "analysis": Outcome.Analysis.PRIMARY,
        "unit": Outcome.Unit.MONTHS,
        "source": source,
    }
    fields.update(values)
    return Outcome(**fields)


@pytest.fixture
def trial_and_source(crizotinib):
    return Trial.objects.get(name="PROFILE 1014"), Source.objects.first()


def test_percentages_stay_within_0_and_100(trial_and_source):
    trial, source = trial_and_source
    bad = outcome(trial, source, measure=Outcome.Measure.RATE, unit="%", experimental_value=Decimal("112"))
    assert errors_of(bad)["experimental_value"] == ["A percentage must be between 0 and 100."]
    outcome(
        trial,
        source,
        measure=Outcome.Measure.RATE,
        unit="%",
        experimental_value=Decimal("74"),
        control_value=Decimal("45"),
    ).full_clean()


def test_hazard_ratio_above_zero_and_inside_its_interval(trial_and_source):
    trial, source = trial_and_source
    assert "hazard_ratio" in errors_of(outcome(trial, source, hazard_ratio=Decimal("0")))
    outside = outcome(
        trial, source, hazard_ratio=Decimal("0.16"), hr_ci_low=Decimal("0.32"), hr_ci_high=Decimal("0.58")
    )
    assert "must lie inside its 95% CI" in errors_of(outside)["hazard_ratio"][0]
    half = outcome(trial, source, hazard_ratio=Decimal("0.43"), hr_ci_low=Decimal("0.32"))
    assert "hr_ci_high" in errors_of(half)
    outcome(
        trial,
        source,
        experimental_value=Decimal("10.9"),
        control_value=Decimal("7.0"),
        hazard_ratio=Decimal("0.45"),
        hr_ci_low=Decimal("0.35"),
        hr_ci_high=Decimal("0.60"),
    ).full_clean()


def test_single_arm_trial_has_no_control_value(crizotinib):
    single = Trial.objects.create(
        name="PROFILE 1001",
        slug="profile-1001",
        phase="1",
        design="expansion cohort",
        population="ROS1",
        experimental_drug=crizotinib,
        experimental_arm="crizotinib",
    )
    bad = outcome(
        single,
        Source.objects.first(),
        endpoint=Outcome.Endpoint.ORR,
        measure=Outcome.Measure.RATE,
        unit="%",
        experimental_value=Decimal("72"),
        control_value=Decimal("10"),
    )
    assert "control_value" in errors_of(bad)


def test_approval_date_cannot_be_in_the_future(crizotinib):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    indication = Indication(
        drug=crizotinib, condition=Condition.objects.get(), approval_type="regular", approval_date=tomorrow
    )
    assert errors_of(indication)["approval_date"] == ["An approval date cannot be in the future."]


def test_not_approved_use_carries_no_approval(crizotinib):
    indication = Indication(
        drug=crizotinib,
        condition=Condition.objects.get(),
        status=Indication.Status.NOT_APPROVED,
        approval_type="regular",
        approval_date=datetime.date(2020, 1, 1),
    )
    assert {"approval_type", "approval_date"} <= set(errors_of(indication))


def test_guideline_needs_a_comparable_version(db):
    assert "version" in errors_of(Source(kind=Source.Kind.GUIDELINE, title="NCCN NSCLC"))
    assert "version" in errors_of(Source(kind=Source.Kind.GUIDELINE, title="NCCN NSCLC", version="latest"))
    newer = Source(kind=Source.Kind.GUIDELINE, title="NCCN NSCLC", version="v1.2026")
    older = Source(kind=Source.Kind.GUIDELINE, title="NCCN NSCLC", version="v2.2024")
    newer.full_clean()
    assert newer.version_key > older.version_key


def test_page_slugs_are_unique_across_page_types(page, crizotinib):
    duplicate = DrugPage(drug=crizotinib, title="Another", slug="crizotinib", summary="s")
    assert "slug" in errors_of(duplicate)


def test_a_question_is_a_question(page):
    group = QuestionGroup.objects.get()
    assert "text" in errors_of(Question(group=group, text="Liver tests are monthly."))


def test_editor_text_is_stored_with_unix_line_endings(page):
    """A browser's CRLF must not make an unchanged page look changed to reviewers."""
    section = Section.objects.get(page=page)
    section.body = "Crizotinib blocks ALK.\n\nIt also blocks ROS1."
    section.save()
    before = content_hash(build_snapshot(page))

    section.body = "Crizotinib blocks ALK.\r\n\r\nIt also blocks ROS1."
    section.full_clean()
    assert section.body == "Crizotinib blocks ALK.\n\nIt also blocks ROS1."
    section.body = "Crizotinib blocks ALK.\r\n\r\nIt also blocks ROS1."
    section.save()
    assert Section.objects.get(pk=section.pk).body == "Crizotinib blocks ALK.\n\nIt also blocks ROS1."
    assert content_hash(build_snapshot(page)) == before
