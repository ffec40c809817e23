"""The snapshot: exactly what a reviewer signs and the public reads."""

from decimal import Decimal

import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from monographs import snapshots
from monographs.kinds import build_snapshot
from monographs.models import DoseAdjustment, Outcome, Trial
from monographs.snapshots import content_hash

from .conftest import add_crizotinib_dose_changes, publish


def test_drug_page_snapshot_holds_everything_the_page_shows(page):
    snapshot = build_snapshot(page)
    assert snapshot["kind"] == "drug" and snapshot["drug"] == "crizotinib"
    assert [s["heading"] for s in snapshot["sections"]] == ["How it works"]
    assert snapshot["question_groups"][0]["questions"] == ["How often will my liver be checked?"]
    assert snapshot["sources"][0]["title"] == "XALKORI prescribing information"
    drug = snapshot["drugs"][0]
    assert drug["dose"] == "250 mg twice daily" and drug["pivotal_trials"] == ["PROFILE 1014"]
    assert [i["approval_date"] for i in drug["indications"]] == ["2013-11-20", "2016-03-11"]
    pfs = snapshot["trials"][0]["outcomes"][0]
    assert (pfs["experimental_value"], pfs["control_value"], pfs["hazard_ratio"]) == ("10.9", "7.0", "0.45")
    assert pfs["label"] == "Progression-free survival — primary analysis"


def test_hash_is_stable_and_follows_content(page):
    first = content_hash(build_snapshot(page))
    assert content_hash(build_snapshot(page)) == first
    page.summary += " Taken by mouth."
    page.save()
    assert content_hash(build_snapshot(page)) != first


def test_percentages_read_as_reported(crizotinib):
    trial = Trial.objects.get(name="PROFILE 1014")
    Outcome.objects.create(
        trial=trial,
        endpoint=Outcome.Endpoint.ORR,
        measure=Outcome.Measure.RATE,
        analysis=Outcome.Analysis.PRIMARY,
        unit="%",
        experimental_value=Decimal("74"),
        control_value=Decimal("45.5"),
        source=trial.outcomes.get().source,
    )
    orr = [o for o in snapshots.trial(trial, snapshots.References())["outcomes"] if o["endpoint"] == "orr"][0]
    assert (orr["experimental_value"], orr["control_value"]) == ("74", "45.5")


def test_comparison_columns_follow_the_title(comparison):
    assert [d["name"] for d in build_snapshot(comparison)["drugs"]] == ["crizotinib", "alectinib"]
    comparison.title = "Alecensa or Xalkori?"
    comparison.save()
    assert [d["name"] for d in build_snapshot(comparison)["drugs"]] == ["alectinib", "crizotinib"]


def test_snapshot_holds_dose_changes_in_order_with_one_query_for_all(page):
    with CaptureQueriesContext(connection) as without:
        build_snapshot(page)
    add_crizotinib_dose_changes(page.drug)
    with CaptureQueriesContext(connection) as with_changes:
        snapshot = build_snapshot(page)
    assert len(with_changes) == len(without)
    shown = [{k: v for k, v in a.items() if k != "id"} for a in snapshot["drugs"][0]["dose_adjustments"]]
    assert shown == [
        {
            "kind": "renal",
            "population": "Severe renal impairment (creatinine clearance below 30 mL/min), not on dialysis",
            "dose": "250 mg once daily",
        },
        {"kind": "hepatic", "population": "Moderate hepatic impairment", "dose": "200 mg twice daily"},
        {"kind": "hepatic", "population": "Severe hepatic impairment", "dose": "250 mg once daily"},
    ]


def test_dose_changes_reach_the_public_page_only_when_signed_off(client, page, editor, reviewer):
    publish(page, editor, reviewer)
    add_crizotinib_dose_changes(page.drug)
    html = client.get("/drugs/crizotinib/").content.decode()
    assert "Dose changes" not in html and "Moderate hepatic impairment" not in html
    publish(page, editor, reviewer, summary="Dose changes added")
    html = client.get("/drugs/crizotinib/").content.decode()
    assert "<dt>Dose changes</dt>" in html
    assert "<li>Moderate hepatic impairment: 200 mg twice daily</li>" in html
    assert "not on dialysis: 250 mg once daily</li>" in html


def test_saving_a_drug_records_its_dose_changes_in_the_same_revision(crizotinib):
    change = DoseAdjustment.objects.create(
        drug=crizotinib,
        kind=DoseAdjustment.Kind.HEPATIC,
        population="Moderate hepatic impairment",
        dose="200 mg twice daily",
    )
    with reversion.create_revision():
        crizotinib.save()
    (drug_version,) = Version.objects.get_for_object(crizotinib)
    (change_version,) = Version.objects.get_for_object(change)
    assert change_version.revision == drug_version.revision
