"""The snapshot: exactly what a reviewer signs and the public reads."""

from decimal import Decimal

import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from monographs import snapshots
from monographs.kinds import build_snapshot
from monographs.models import DoseAdjustment, Drug, DrugPage, Outcome, Trial
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


def test_a_trial_with_several_control_drugs_shows_once_and_on_each_comparators_page(alex_trial):
    brigatinib = Drug.objects.create(name="brigatinib", slug="brigatinib", drug_class="ALK tyrosine kinase inhibitor")
    alex_trial.control_drugs.add(brigatinib)
    for drug in (alex_trial.experimental_drug, brigatinib):
        page = DrugPage.objects.create(drug=drug, title=drug.name, slug=drug.slug, summary="A medicine.")
        snapshot = build_snapshot(page)
        (trial,) = snapshot["trials"]
        assert trial["control_drugs"] == ["brigatinib", "crizotinib"]
        assert {alex_trial.experimental_drug_id, brigatinib.pk} <= set(snapshot["refs"]["monographs.drug"])


def test_outcome_population_is_shown_with_its_label(alex_primary_pfs):
    alex_primary_pfs.population = "stage II-IIIA"
    alex_primary_pfs.save()
    outcome = snapshots.outcome(alex_primary_pfs, snapshots.References())
    assert outcome["population"] == "stage II-IIIA"
    assert outcome["label"] == "Progression-free survival, stage II-IIIA (investigator-assessed) — primary analysis"


def test_an_older_snapshot_reads_in_the_current_schema(page):
    """Schema 2 had one control drug per trial and no outcome populations."""
    older = build_snapshot(page)
    older["schema"] = 2
    for trial in older["trials"]:
        trial["control_drug"] = "alectinib"
        del trial["control_drugs"]
        for outcome in trial["outcomes"]:
            del outcome["population"]
    upgraded = snapshots.upgrade(older)
    assert upgraded["schema"] == snapshots.SCHEMA_VERSION
    (trial,) = upgraded["trials"]
    assert trial["control_drugs"] == ["alectinib"] and "control_drug" not in trial
    assert [o["population"] for o in trial["outcomes"]] == [""]
    assert older["schema"] == 2  # the stored record itself never changes


def test_an_older_snapshot_of_unchanged_content_is_the_same_content(comparison):
    comparison.head_to_head = Trial.objects.get(slug="alex")
    comparison.save()
    current = build_snapshot(comparison)
    assert ["crizotinib"] in [t["control_drugs"] for t in current["trials"]]
    older = {**current, "schema": 2, "trials": []}
    for trial in current["trials"]:
        row = {k: v for k, v in trial.items() if k != "control_drugs"}
        row["control_drug"] = trial["control_drugs"][0] if trial["control_drugs"] else ""
        row["outcomes"] = [{k: v for k, v in o.items() if k != "population"} for o in trial["outcomes"]]
        older["trials"].append(row)
    assert snapshots.same_content(older, current)


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
