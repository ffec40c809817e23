"""The demo content: facts exactly as the fact sheet states them, loaded once however often it runs."""

import datetime
from decimal import Decimal

import pytest

from monographs.demo.facts import load_facts
from monographs.models import Drug, Indication, Outcome, Source, Trial


@pytest.fixture
def facts(db):
    return load_facts()


def test_loading_facts_twice_changes_nothing(facts):
    counts = [model.objects.count() for model in (Drug, Indication, Trial, Outcome, Source)]
    assert load_facts() == {"created": 0, "updated": 0}
    assert [model.objects.count() for model in (Drug, Indication, Trial, Outcome, Source)] == counts


def test_crizotinib_approvals_include_lymphoma_and_imt(facts):
    dates = {
        i.condition.abbreviation: i.approval_date for i in Indication.objects.filter(drug__slug="crizotinib")
    }
    assert dates["ALCL"] == datetime.date(2021, 1, 14)
    assert dates["IMT"] == datetime.date(2022, 7, 14)


def test_lorlatinib_is_not_approved_for_ros1(facts):
    ros1 = Indication.objects.get(drug__slug="lorlatinib", biomarker__name="ROS1")
    assert ros1.status == Indication.Status.NOT_APPROVED
    assert ros1.approval_date is None


def test_alex_outcomes_keep_their_analyses_apart(facts):
    alex = Outcome.objects.filter(trial__slug="alex")
    cns = alex.get(endpoint=Outcome.Endpoint.CNS_PROGRESSION)
    assert (cns.hazard_ratio, cns.hr_kind, cns.analysis) == (Decimal("0.16"), "cause-specific", "primary")
    updated = alex.get(endpoint=Outcome.Endpoint.PFS, analysis=Outcome.Analysis.UPDATED)
    assert (updated.experimental_value, updated.control_value, updated.hazard_ratio) == (
        Decimal("34.8"), Decimal("10.9"), Decimal("0.43")
    )
    final_os = alex.get(endpoint=Outcome.Endpoint.OS, measure=Outcome.Measure.MEDIAN)
    assert final_os.statistically_significant is False
