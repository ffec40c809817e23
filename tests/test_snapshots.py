"""The snapshot: exactly what a reviewer signs and the public reads."""

from decimal import Decimal

from monographs.models import Comparison, Drug, Outcome, Trial
from monographs.snapshots import build_snapshot, content_hash, trial_data


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
        trial=trial, endpoint=Outcome.Endpoint.ORR, measure=Outcome.Measure.RATE, analysis=Outcome.Analysis.PRIMARY,
        unit="%", experimental_value=Decimal("74"), control_value=Decimal("45.5"), source=trial.outcomes.get().source,
    )
    orr = [o for o in trial_data(trial)["outcomes"] if o["endpoint"] == "orr"][0]
    assert (orr["experimental_value"], orr["control_value"]) == ("74", "45.5")


def test_comparison_columns_follow_the_title(crizotinib):
    alectinib = Drug.objects.create(
        name="alectinib", brand_names="Alecensa", slug="alectinib", drug_class="ALK tyrosine kinase inhibitor"
    )
    comparison = Comparison.objects.create(title="Crizotinib vs alectinib", slug="c-vs-a", summary="s")
    comparison.drugs.set([alectinib, crizotinib])
    assert [d["name"] for d in build_snapshot(comparison)["drugs"]] == ["crizotinib", "alectinib"]
    comparison.title = "Alecensa or Xalkori?"
    comparison.save()
    assert [d["name"] for d in build_snapshot(comparison)["drugs"]] == ["alectinib", "crizotinib"]
