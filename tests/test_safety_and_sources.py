"""The drug's safety as data (side effects, contraception, how to take it) and every
figure traceable: a page lists the source of each figure it shows, with a link, and a
snapshot that leaves one out cannot be approved."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from monographs.kinds import build_snapshot
from monographs.models import Contraception, Drug, SideEffect, Source
from monographs.snapshots import FIGURE_SOURCE_NOTE, upgrade
from monographs.traceability import figure_sources, unlisted_sources
from reviews import workflow
from reviews.models import Publication, Submission

from .conftest import PASSWORD, admin_url, change_form_data, logged_in, review_state, text_of


@pytest.fixture
def crizotinib_safety(crizotinib):
    label = Source.objects.get(kind=Source.Kind.LABEL)
    SideEffect.objects.create(
        drug=crizotinib,
        kind=SideEffect.Kind.SERIOUS,
        name="Interstitial lung disease (pneumonitis)",
        plain_name="Lung inflammation",
        rate=Decimal("2.9"),
        rate_measure="any grade",
        fatal_rate=Decimal("0.5"),
        source=label,
    )
    Contraception.objects.create(drug=crizotinib, who=Contraception.Who.FEMALE, days_after_last_dose=45, source=label)
    return crizotinib


def test_safety_rows_reach_the_drug_page_only_through_a_sign_off(client, page, crizotinib_safety, editor, reviewer):
    snapshot = build_snapshot(page)
    drug = snapshot["drugs"][0]
    assert drug["side_effects"][0]["rate"] == "2.9" and drug["side_effects"][0]["fatal_rate"] == "0.5"
    assert drug["contraception"][0]["days"] == 45
    assert "side_effect" not in text_of(client.get("/drugs/crizotinib/"))  # not published yet: 404
    workflow.approve(workflow.submit(page, editor), reviewer, password=PASSWORD)
    html = text_of(client.get("/drugs/crizotinib/"))
    assert "Lung inflammation" in html and "2.9% of patients (any grade); fatal in 0.5%" in html
    assert "45 days after the last dose" in html

    SideEffect.objects.update(rate=Decimal("3.5"))
    assert "2.9% of patients" in text_of(client.get("/drugs/crizotinib/")), "a working-copy change is not public"


def test_a_schema_3_snapshot_reads_as_having_no_safety_rows():
    drug = {"slug": "x", "name": "x", "dose_adjustments": []}
    upgraded = upgrade({"schema": 3, "drugs": [drug], "trials": []})
    assert upgraded["drugs"][0]["side_effects"] == [] and upgraded["drugs"][0]["food"] == ""


def test_the_page_lists_the_source_of_every_figure_it_shows(page, alex_primary_pfs):
    snapshot = build_snapshot(page)
    listed = {source["id"]: source for source in snapshot["sources"]}
    assert alex_primary_pfs.source_id in figure_sources(snapshot)
    assert listed[alex_primary_pfs.source_id]["note"] == FIGURE_SOURCE_NOTE
    assert unlisted_sources(snapshot) == []


def test_a_snapshot_that_leaves_a_figure_source_out_cannot_be_approved(page, alex_primary_pfs, editor, reviewer):
    submission = workflow.submit(page, editor)
    # A snapshot made before sources followed their figures: the ALEX paper is not in its list.
    snapshot = dict(submission.snapshot)
    snapshot["sources"] = [s for s in snapshot["sources"] if s["id"] != alex_primary_pfs.source_id]
    Submission.objects.filter(pk=submission.pk).update(snapshot=snapshot)
    submission.refresh_from_db()
    before = review_state()
    with pytest.raises(ValidationError) as refused:
        workflow.approve(submission, reviewer, password=PASSWORD)
    assert "N Engl J Med 2017" in str(refused.value) and "ALEX" in str(refused.value)
    assert review_state() == before and not Publication.objects.exists()

    response = logged_in(reviewer).post(
        reverse("admin:reviews_submission_approve", args=[submission.pk]),
        {"comment": "Checked.", "sources": [source["id"] for source in snapshot["sources"]]},
        follow=True,
    )
    assert response.status_code == 200 and "leaves out" in text_of(response)
    assert review_state() == before


def _new_row(prefix, **fields):
    return {f"{prefix}-TOTAL_FORMS": "1", **{f"{prefix}-0-{k}": v for k, v in fields.items()}}


def test_editor_records_a_label_warning_and_a_contraception_period_on_the_drug_form(client, editor, crizotinib):
    client.force_login(editor)
    label = Source.objects.get(kind=Source.Kind.LABEL)
    data = change_form_data(
        client,
        crizotinib,
        **_new_row(
            "side_effects",
            kind="serious",
            name="QT interval prolongation",
            rate="2.1",
            rate_measure="QTcF of 500 ms or more",
            order="1",
            source=str(label.pk),
        ),
        **_new_row("contraception", who="male", days_after_last_dose="90", source=str(label.pk)),
    )
    assert client.post(admin_url(Drug, "change", crizotinib.pk), data).status_code == 302
    (effect,) = SideEffect.objects.all()
    assert (effect.rate, effect.rate_measure) == (Decimal("2.1"), "QTcF of 500 ms or more")
    assert Contraception.objects.get().days_after_last_dose == 90


@pytest.mark.parametrize(
    "prefix, fields, message",
    [
        ("side_effects", {"kind": "serious", "name": "Bradycardia", "rate": "150"}, "less than or equal to 100"),
        ("side_effects", {"kind": "serious", "name": "Bradycardia", "rate_measure": "any grade"}, "Give the rate"),
        ("contraception", {"who": "female", "days_after_last_dose": "0"}, "greater than or equal to 1"),
    ],
)
def test_bad_safety_rows_are_refused_with_the_text_kept(client, editor, crizotinib, prefix, fields, message):
    client.force_login(editor)
    label = Source.objects.get(kind=Source.Kind.LABEL)
    data = change_form_data(client, crizotinib, **_new_row(prefix, source=str(label.pk), order="1", **fields))
    response = client.post(admin_url(Drug, "change", crizotinib.pk), data)
    assert response.status_code == 200 and message in text_of(response)
    assert not SideEffect.objects.exists() and not Contraception.objects.exists()


# Last: published_demo stays loaded to the end of the module.
def test_every_figure_source_on_every_demo_page_is_listed_with_a_link(client, published_demo):
    for publication in Publication.objects.all():
        snapshot = upgrade(publication.snapshot)
        used = figure_sources(snapshot)
        assert unlisted_sources(snapshot) == [], publication.title
        html = text_of(client.get(publication.get_absolute_url()))
        for source in snapshot["sources"]:
            if source["id"] in used:
                assert source["url"] or source["pmid"] or source["doi"], f"{source['title']} has no link"
                assert source["title"] in html


def test_the_demo_crizotinib_page_shows_the_label_warnings_and_contraception(client, published_demo):
    html = text_of(client.get("/drugs/crizotinib/"))
    for text in (
        "Side effects and warnings",
        "Lung inflammation",
        "2.9% of patients (any grade); fatal in 0.5%",
        "QTcF of 500 ms or more",
        "about 60% of patients",
        "45 days after the last dose",
        "90 days after the last dose",
    ):
        assert text in html, text
