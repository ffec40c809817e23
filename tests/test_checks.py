"""Content checks: prose compared with the site's own data before a reviewer signs.

Every figure here comes from shared/content/facts.md, loaded by demo.facts.
"""

import re
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from demo.facts import NCCN_NSCLC, load_facts
from demo.loader import load_demo
from monographs.models import Drug, DrugPage, Page, Section
from reviews.checks import Finding, check_snapshot, load_catalogue, run_checks, spelling
from tests.fixtures.seed_page import SEED, import_seed, seed_blocks


@pytest.fixture
def facts(db):
    load_facts()
    return load_catalogue()


def snapshot(*drugs, sections=(), title="A page", summary="A short summary.", groups=(), sources=()):
    return {
        "kind": "drug",
        "title": title,
        "summary": summary,
        "sections": [{"heading": h, "body": b} for h, b in sections],
        "question_groups": [{"heading": h, "intro": "", "questions": []} for h in groups],
        "sources": list(sources),
        "drugs": [{"slug": d} for d in drugs],
        "trials": [],
    }


def findings(facts, *drugs, text="", **kwargs):
    sections = kwargs.pop("sections", None) or [("About this medicine", text)]
    return check_snapshot(snapshot(*drugs, sections=sections, **kwargs), facts)


def codes(results):
    return [f.code for f in results]


# The seed page and the demo


@pytest.fixture
def seed_findings(facts):
    page = import_seed(Drug.objects.get(slug="crizotinib"))
    return run_checks(page, facts)


def find(results, code, words):
    return [f for f in results if f.code == code and words in f.text]


def test_seed_page_error_1_every_only_approved_claim_is_an_error(seed_findings):
    claims = [f for f in seed_findings if f.code == "exclusivity-claim"]
    assert len(claims) == 4
    assert all(f.severity == "error" for f in claims)
    assert "entrectinib (2019-08-15), repotrectinib (2023-11-15), taletrectinib (2025-06-11)" in claims[0].message
    assert find(seed_findings, "exclusivity-claim", "the only FDA-approved drug specifically for ROS1-positive NSCLC")


def test_seed_page_error_2_egfr_as_the_basis_of_treatment(seed_findings):
    (finding,) = find(seed_findings, "unrelated-biomarker", "A confirmed EGFR mutation result")
    assert "EGFR" in finding.message and "ROS1-positive NSCLC" in finding.message


def test_seed_page_error_3_osimertinib_in_the_disclaimer(seed_findings):
    (finding,) = find(seed_findings, "other-drug-in-disclaimer", "Osimertinib is a prescription medication")
    assert "osimertinib" in finding.message and "crizotinib" in finding.message


def test_seed_page_error_4_cns_hazard_ratio_beside_pfs_figures(seed_findings):
    (finding,) = find(seed_findings, "trial-figure", "HR 0.16")
    assert "CNS progression" in finding.message and "HR is 0.43" in finding.message


def test_seed_page_error_5_overall_survival_benefit_not_shown(seed_findings):
    claims = [f for f in seed_findings if f.code == "survival-claim"]
    assert len(claims) == 2
    assert all("HR 0.78 (0.56-1.08)" in f.message for f in claims)


def test_seed_page_error_6_lorlatinib_for_ros1_without_saying_it_is_off_label(seed_findings):
    (finding,) = find(seed_findings, "unapproved-use", "Lorlatinib, the third-generation agent")
    assert "not FDA-approved" in finding.message


def test_seed_page_error_7_outdated_nccn_version(seed_findings):
    (finding,) = find(seed_findings, "outdated-guideline", "NCCN Guidelines v2.2024")
    assert "v1.2026" in finding.message


def test_seed_page_error_8_omitted_approvals_are_warnings(seed_findings):
    (indications,) = [f for f in seed_findings if f.code == "indications-incomplete"]
    assert "ALCL (2021-01-14)" in indications.message and "IMT (2022-07-14)" in indications.message
    history = [f.message for f in seed_findings if f.code == "approval-history-incomplete"]
    assert any("alectinib omits: ALK-positive NSCLC 2024-04-18" in m for m in history)
    assert indications.severity == "warning"


def test_seed_page_error_9_dose_changes_are_missing(seed_findings):
    omitted = {f.message for f in seed_findings if f.code == "dose-changes-omitted"}
    assert omitted == {
        (
            "Dose changes for renal impairment are not mentioned. Recorded for crizotinib: Severe renal impairment "
            "(creatinine clearance below 30 mL/min), not on dialysis: 250 mg once daily."
        ),
        (
            "Dose changes for hepatic impairment are not mentioned. Recorded for crizotinib: Moderate hepatic "
            "impairment: 200 mg twice daily; Severe hepatic impairment: 250 mg once daily."
        ),
    }
    assert {f.severity for f in seed_findings if f.code == "dose-changes-omitted"} == {"warning"}


def test_seed_page_error_10_the_labels_mechanism_credited_to_asco_post(seed_findings):
    (credit,) = [f for f in seed_findings if f.code == "misattributed-source"]
    assert credit.text == "ASCO Post" and credit.severity == "error"
    assert "XALKORI (crizotinib) prescribing information" in credit.message


def test_seed_page_error_11_typos(seed_findings):
    messages = [f.message for f in seed_findings if f.code == "spelling"]
    assert messages == [
        "“Prescripttion” looks misspelt: did you mean “Prescription”?",
        "“Conatact” looks misspelt: did you mean “Contact”?",
    ]
    assert {f.severity for f in seed_findings if f.code == "spelling"} == {"error"}


def test_seed_page_figures_typed_by_hand_offer_their_references(seed_findings):
    offered = [re.findall(r"\[\[([^\]]+)\]\]", f.message) for f in seed_findings if f.code == "bare-figure"]
    assert offered == [
        ["approval:crizotinib/alk-nsclc/2011-08-26"],
        ["outcome:alex/cns_progression/primary"],
        ["outcome:alex/pfs/updated/investigator"],
        ["approval:crizotinib/ros1-nsclc/2016-03-11"],
        ["outcome:profile-1001-ros1/orr/primary", "outcome:profile-1001-ros1/orr/final"],
    ]
    assert {f.severity for f in seed_findings if f.code == "bare-figure"} == {"warning"}


def test_seed_page_has_no_other_findings(seed_findings):
    assert len([f for f in seed_findings if f.severity == "error"]) == 14
    assert len(seed_findings) == 24


def test_demo_pages_have_no_findings(db):
    load_demo()
    catalogue = load_catalogue()
    pages = Page.objects.order_by("slug")
    assert pages.count() == 4
    for page in pages:
        assert run_checks(page, catalogue) == [], page.slug


def test_small_fact_checked_page_passes(page):
    assert run_checks(page) == []


def test_findings_are_stored_as_plain_dicts(seed_findings):
    stored = seed_findings[0].as_dict()
    assert set(stored) == {"code", "severity", "message", "location", "text"}
    assert Finding(**stored) == seed_findings[0]
    assert [f.severity for f in seed_findings] == sorted(
        (f.severity for f in seed_findings), key=lambda s: s != "error"
    )


# 1. Drug names


def test_unrelated_drug_named_in_prose(facts):
    results = findings(facts, "alectinib", text="Some people ask whether Tagrisso would work instead.")
    assert codes(results) == ["unrelated-drug"]
    assert "osimertinib (Tagrisso)" in results[0].message and "EGFR" in results[0].message


def test_related_drug_in_an_editor_written_disclaimer(facts):
    results = findings(
        facts,
        "crizotinib",
        sections=[("Important information", "Disclaimer: lorlatinib must only be used under medical supervision.")],
    )
    assert codes(results) == ["other-drug-in-disclaimer"]
    results = findings(facts, "crizotinib", sections=[("Contact us", "Questions about Alecensa? Write to us.")])
    assert codes(results) == ["other-drug-in-disclaimer"]


def test_related_drugs_and_own_brand_pass(facts):
    text = "Xalkori was compared with alectinib (Alecensa) and with brigatinib. Entrectinib also treats ROS1."
    assert findings(facts, "crizotinib", text=text) == []


# 2. Biomarkers


def test_biomarker_none_of_the_drugs_treats(facts):
    results = findings(facts, "entrectinib", text="Before starting, you need an ALK-positive test result.")
    assert codes(results) == ["unrelated-biomarker"]
    assert "NTRK" in results[0].message


def test_biomarkers_of_the_drugs_or_negated_pass(facts):
    text = (
        "Entrectinib treats ROS1-positive lung cancer and NTRK fusion-positive tumours. "
        "It is not a treatment for EGFR-mutated lung cancer."
    )
    assert findings(facts, "entrectinib", text=text) == []


# 3. Exclusivity


@pytest.mark.parametrize(
    "drug, sentence",
    [
        ("repotrectinib", "Repotrectinib is the sole FDA-approved option for ROS1-positive NSCLC."),
        ("alectinib", "For ALK-positive NSCLC, alectinib is the first and only approved drug."),
        ("alectinib", "Alectinib was the first FDA-approved medicine for ALK-positive NSCLC."),
    ],
)
def test_false_exclusivity_claims(facts, drug, sentence):
    assert codes(findings(facts, drug, text=sentence)) == ["exclusivity-claim"]


def test_true_exclusivity_claims_pass(facts):
    text = (
        "Crizotinib was the first FDA-approved drug for ALK-positive NSCLC. "
        "Crizotinib is not the only approved drug for ROS1-positive NSCLC."
    )
    assert findings(facts, "crizotinib", "entrectinib", text=text) == []


def test_exclusivity_the_data_cannot_confirm_is_a_warning(facts):
    # No other NTRK approval is recorded, but nobody marked the NTRK list complete.
    text = "Entrectinib is the only approved drug for NTRK fusion-positive solid tumors."
    (result,) = findings(facts, "crizotinib", "entrectinib", text=text)
    assert (result.code, result.severity) == ("exclusivity-unconfirmed", "warning")
    assert "cannot confirm" in result.message


# 4. Approval claims


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("Lorlatinib is approved for ROS1-positive NSCLC.", "not approved for ROS1"),
        ("Entrectinib was FDA-approved in 2018.", "no approval in 2018"),
        ("Alectinib is not approved for ALK-positive NSCLC.", "2015-12-11"),
        ("Crizotinib is approved for EGFR-positive lung cancer.", "not approved for EGFR"),
        ("Brigatinib may be offered, as lorlatinib may for ROS1-positive disease.", "not FDA-approved for it"),
    ],
)
def test_wrong_approval_claims(facts, sentence, words):
    results = [f for f in findings(facts, "crizotinib", text=sentence) if f.code != "unrelated-biomarker"]
    assert results and {f.code for f in results} <= {"approval-claim", "unapproved-use"}
    assert any(words in f.message for f in results)


def test_true_approval_claims_pass(facts):
    text = (
        "Lorlatinib is not FDA-approved for ROS1-positive NSCLC; doctors may still use it off-label. "
        "Repotrectinib was approved in 2023 for ROS1-positive NSCLC. "
        "Crizotinib was approved for ROS1-positive NSCLC in 2016."
    )
    assert findings(facts, "crizotinib", text=text) == []


# 5. Trial figures


def test_correct_trial_figures_pass(facts):
    text = (
        "In ALTA-1L, median PFS was 24.0 versus 11.1 months (HR 0.48). "
        "In PROFILE 1014, 74% vs 45% of people responded. "
        "In the updated ALEX analysis, median progression-free survival was 34.8 vs 10.9 months (HR 0.43)."
    )
    assert findings(facts, "crizotinib", text=text) == []


def test_figure_matching_no_outcome_names_the_right_one(facts):
    (result,) = findings(facts, "brigatinib", text="In ALTA-1L, median PFS was 25.0 versus 11.1 months.")
    assert result.code == "trial-figure"
    assert "25.0 months matches no recorded result of ALTA-1L" in result.message
    assert "24.0 vs 11.1 months" in result.message


def test_hazard_ratio_of_another_endpoint(facts):
    (result,) = findings(facts, "lorlatinib", text="In CROWN, the hazard ratio for overall survival was 0.19.")
    assert "not overall survival" in result.message


def test_hazard_ratio_of_another_analysis(facts):
    (result,) = findings(facts, "alectinib", text="ALEX: median PFS 34.8 vs 10.9 months (HR 0.47).")
    assert "primary analysis" in result.message and "HR is 0.43" in result.message


def test_trial_named_in_the_heading_gives_the_context(facts):
    results = findings(facts, "crizotinib", sections=[("PROFILE 1001", "Responses lasted 19.2 months.")])
    assert codes(results) == ["trial-figure"]


def test_survival_benefit_the_trial_did_not_show(facts):
    results = findings(facts, "crizotinib", text="PROFILE 1014 showed that crizotinib improved overall survival.")
    assert codes(results) == ["survival-claim"]
    text = "ALEX did not show a statistically significant overall survival benefit (HR 0.78)."
    assert findings(facts, "alectinib", text=text) == []


# 6. Doses


def test_wrong_doses(facts):
    (result,) = findings(facts, "alectinib", text="The usual dose is 300 mg twice daily.")
    assert "600 mg twice daily with food" in result.message
    (result,) = findings(facts, "crizotinib", "alectinib", text="Crizotinib is taken as 250 mg once daily.")
    assert result.code == "dose" and "250 mg twice daily" in result.message
    (result,) = findings(facts, "osimertinib", text="Osimertinib: 40 mg once daily.")
    assert "not yet checked against the label" in result.message


def test_right_doses_and_adjustments_pass(facts):
    text = (
        "Alectinib is taken as 600 mg twice daily with food, crizotinib as 250 mg twice daily. "
        "Brigatinib starts at 90 mg once daily for 7 days, then 180 mg once daily. "
        "With severe kidney problems, not on dialysis: 250 mg once daily."
    )
    table = "| | Crizotinib | Alectinib |\n|---|---|---|\n| Dose | 250mg twice daily | 600mg twice daily |"
    assert findings(facts, "crizotinib", "alectinib", "brigatinib", text=f"{text}\n\n{table}") == []


CRIZOTINIB_DOSE_CHANGES = """Your oncologist may change the dose:

- **Severe kidney problems** (creatinine clearance below 30 mL/min) **and not on dialysis**: 250 mg once daily.
- **Moderate liver problems**: 200 mg twice daily.
- **Severe liver problems**: 250 mg once daily."""


def test_dose_changes_as_the_label_gives_them_pass(facts):
    assert findings(facts, "crizotinib", text=CRIZOTINIB_DOSE_CHANGES) == []
    text = "In severe renal impairment without dialysis, crizotinib is given at 250 mg once daily."
    assert findings(facts, "crizotinib", text=text) == []


def test_wrong_renal_dose_names_the_recorded_one(facts):
    text = "With severe kidney problems and not on dialysis, crizotinib is taken as 200 mg once daily."
    (result,) = findings(facts, "crizotinib", text=text)
    assert (result.code, result.severity) == ("dose-change", "error")
    assert result.message == (
        "“200 mg once daily” for crizotinib does not match its recorded dose changes: Severe renal impairment "
        "(creatinine clearance below 30 mL/min), not on dialysis: 250 mg once daily."
    )


def test_a_paraphrased_kidney_dose_is_checked_too(facts):
    text = "If your kidneys work poorly, the dose is 250 mg twice daily."
    (result,) = findings(facts, "crizotinib", text=text)
    assert result.code == "dose-change" and "not on dialysis: 250 mg once daily" in result.message


def test_the_severe_liver_dose_given_for_moderate_problems_is_an_error(facts):
    (result,) = findings(facts, "crizotinib", text="Moderate liver problems: 250 mg once daily.")
    assert result.code == "dose-change"
    assert result.message.endswith("recorded dose changes: Moderate hepatic impairment: 200 mg twice daily.")


def test_renal_dose_without_the_dialysis_limit_is_a_warning(facts):
    (result,) = findings(facts, "crizotinib", text="With severe renal impairment the dose is 250 mg once daily.")
    assert (result.code, result.severity) == ("dose-change-qualifier", "warning")
    assert result.message.startswith("The label limits this dose to patients not on dialysis")


def test_kidney_or_liver_doses_of_a_drug_without_recorded_changes_are_left_to_the_reviewer(facts):
    assert (
        findings(facts, "alectinib", text="With liver problems, alectinib may be lowered to 300 mg twice daily.") == []
    )


def test_drug_page_omitting_a_kind_of_dose_change_gets_a_warning(facts):
    page = DrugPage.objects.create(
        drug=Drug.objects.get(slug="crizotinib"), title="Crizotinib (Xalkori)", slug="c", summary="A medicine."
    )
    renal_only = "Severe kidney problems, not on dialysis: 250 mg once daily."
    Section.objects.create(
        page=page, order=1, heading="Dosing", body=f"The usual dose is 250 mg twice daily.\n\n{renal_only}"
    )
    # Doses typed by hand also get "bare-figure" warnings (tests/test_references.py); not the subject here.
    (result,) = [f for f in run_checks(page, facts) if f.code != "bare-figure"]
    assert (result.code, result.severity, result.location) == ("dose-changes-omitted", "warning", "section 1: Dosing")
    assert result.message.startswith("Dose changes for hepatic impairment are not mentioned.")
    Section.objects.create(page=page, order=2, heading="Liver", body=CRIZOTINIB_DOSE_CHANGES)
    assert [f for f in run_checks(page, facts) if f.code != "bare-figure"] == []


def test_dose_in_a_table_column(facts):
    table = "| | Crizotinib | Alectinib |\n|---|---|---|\n| Dose | 250 mg twice daily | 250 mg twice daily |"
    (result,) = findings(facts, "crizotinib", "alectinib", text=table)
    assert "alectinib" in result.message


# 7. Guidelines


def test_outdated_guideline_in_prose(facts):
    (result,) = findings(facts, "crizotinib", text="Doctors follow the NCCN NSCLC guidelines (version 3.2025).")
    assert result.code == "outdated-guideline" and "v1.2026" in result.message
    assert findings(facts, "crizotinib", text="Doctors follow NCCN Guidelines v1.2026 for NSCLC.") == []


def test_outdated_guideline_among_the_cited_sources(facts):
    old = {"kind": "guideline", "title": NCCN_NSCLC, "version": "v2.2024"}
    results = check_snapshot(snapshot("crizotinib", sources=[old]), facts)
    assert [(f.code, f.location) for f in results] == [("outdated-guideline", "sources")]


# 8. Spelling


def test_typos_in_headings_and_boilerplate(facts):
    results = findings(
        facts,
        "crizotinib",
        title="Crizotinib and your treatmnet",
        sections=[("Side efects", "Text."), ("Contact", "Wirte to us at the adress below.")],
        groups=["Questoins about the liver"],
    )
    found = {f.message.split("”")[0].lstrip("“"): f.severity for f in results}
    # One letter off exactly one word, and long enough not to be a name the lists miss: an error. "Wirte"
    # could be a name; "efects" (effects, defects, elects) and "adress" (address, dress) have more than one fix.
    assert found == {
        "treatmnet": "error",
        "efects": "warning",
        "Wirte": "warning",
        "adress": "warning",
        "Questoins": "error",
    }


def test_regular_inflections_and_variants_of_listed_words_are_known():
    from reviews.checks.spelling import _known

    for word in ("reassessed", "tumours", "haematology", "stopping", "unrecorded", "rechallenged"):
        assert _known(word, set()), word
    for word in ("targetted", "monitering", "perscription", "efects", "crizotnib"):
        assert not _known(word, set()), word


def test_a_quoted_misspelling_of_a_name_is_a_mention_not_an_error(facts):
    results = findings(
        facts, "crizotinib", text='People often write "crizotanib"; the right spelling is crizotinib (Xalkori).'
    )
    assert [(f.code, f.severity) for f in results] == [("misspelt-name", "warning")]
    results = findings(facts, "crizotinib", text="Take crizotanib (Xalkori) twice a day.")
    assert [(f.code, f.severity) for f in results] == [("misspelt-name", "error")]


def test_medical_words_names_and_prose_pass(facts):
    results = findings(
        facts,
        "crizotinib",
        title="Xalkori: pneumonitis, bradycardia and PROFILE 1014",
        sections=[("Living with ALK-positive NSCLC in Dhaka", "Prose is not spell-checked: recieve.")],
    )
    assert results == []


# Speed


def test_fifty_sections_are_checked_in_under_200_ms(facts, capsys):
    blocks = [(h, "\n\n".join(b)) for h, b in seed_blocks(SEED.read_text(encoding="utf-8")) if b]
    sections = (blocks * 4)[:50]
    page = snapshot("crizotinib", sections=sections)
    # The best of three cold runs, in processor time: on a busy machine the wall clock measures the
    # other processes too.
    timings = []
    for _ in range(3):
        spelling.english_words.cache_clear()
        spelling.suggestion.cache_clear()
        start, wall = time.process_time(), time.perf_counter()
        results = check_snapshot(page, facts)
        timings.append((time.process_time() - start, time.perf_counter() - wall))
    elapsed, wall = min(timings)
    with capsys.disabled():
        print(
            f"\ncheck_snapshot: 50 sections, {len(results)} findings in {elapsed * 1000:.0f} ms of processor time "
            f"({wall * 1000:.0f} ms wall clock), best of 3"
        )
    assert results and elapsed < 0.2


# The command


def test_command_reports_errors_and_fails(facts, capsys):
    import_seed(Drug.objects.get(slug="crizotinib"), slug="crizotinib-seed")
    with pytest.raises(CommandError) as failure:
        call_command("check_content", "crizotinib-seed")
    assert failure.value.returncode == 1
    out = capsys.readouterr().out
    assert "crizotinib-seed: 14 error(s), 10 warning(s)" in out
    assert "ERROR [other-drug-in-disclaimer] section 17: The bigger picture" in out


def test_command_passes_clean_pages(page, capsys):
    call_command("check_content")
    assert "crizotinib: 0 error(s), 0 warning(s)" in capsys.readouterr().out


def test_command_refuses_unknown_pages(page, capsys):
    with pytest.raises(CommandError) as failure:
        call_command("check_content", "crizotinib", "no-such-page")
    assert failure.value.returncode == 2
    assert "no-such-page" in str(failure.value)
    assert capsys.readouterr().out == ""


# Readings that went wrong on text the checks were not written for (holdout4), in other wordings


def test_progression_or_death_and_alive_without_an_event_are_not_overall_survival(facts):
    sentences = [
        "In ALEX's primary analysis, the hazard ratio for disease progression or death was 0.47 (95% CI 0.34-0.65).",
        "After 12 months of ALEX, 68.4% on alectinib were alive without an event, against 48.7% on crizotinib.",
    ]
    for sentence in sentences:
        assert findings(facts, "alectinib", "crizotinib", text=sentence) == [], sentence
    wrong = "In ALEX, the hazard ratio for death or progression was 0.16 with alectinib against crizotinib."
    assert "trial-figure" in codes(findings(facts, "alectinib", "crizotinib", text=wrong))


def test_a_biomarker_denied_a_place_is_no_basis_and_a_suspended_hyphen_lists_both(facts):
    denied = "Lorlatinib has no place in EGFR- or ROS1-positive cancer."
    assert findings(facts, "brigatinib", text=denied.replace("Lorlatinib", "Brigatinib")) == []
    named = findings(facts, "brigatinib", text="Brigatinib treats EGFR- or ROS1-positive cancer.")
    assert {f.message.split()[0] for f in named if f.code == "unrelated-biomarker"} == {"EGFR", "ROS1"}


def test_an_exclusivity_claim_nobody_should_believe_is_disowned(facts):
    drugs = ("crizotinib", "entrectinib")
    said = "No one should assume, whatever old leaflets say, that crizotinib is the only approved ROS1 drug today."
    assert "exclusivity-claim" not in codes(findings(facts, *drugs, text=said))
    assert "exclusivity-claim" in codes(
        findings(facts, *drugs, text="Crizotinib is the only approved ROS1 drug today.")
    )


def test_approved_since_a_date_dates_the_approval(facts):
    wrong = findings(facts, "crizotinib", text="Crizotinib has been approved for ROS1-positive NSCLC since 2018.")
    assert codes(wrong) == ["approval-claim"] and wrong[0].severity == "error"
    assert (
        findings(facts, "crizotinib", text="Since March 2016, crizotinib has been approved for ROS1-positive NSCLC.")
        == []
    )


def test_a_trial_said_to_enrol_another_biomarker(facts):
    wrong = findings(
        facts, "crizotinib", text="PROFILE 1014 compared crizotinib with chemotherapy in ROS1-positive NSCLC."
    )
    assert codes(wrong) == ["trial-population"] and "ALK-positive" in wrong[0].message
    right = "PROFILE 1014 enrolled ALK-positive NSCLC, not ROS1-positive NSCLC."
    assert findings(facts, "crizotinib", text=right) == []


def test_the_first_step_of_a_stepped_dose_lasts_as_recorded(facts):
    wrong = findings(
        facts, "brigatinib", text="Brigatinib is 90 mg once daily for the first two weeks, then 180 mg once daily."
    )
    assert codes(wrong) == ["dose"] and "7 days" in wrong[0].message
    right = "Brigatinib is 90 mg once daily for the first seven days, then 180 mg once daily."
    assert findings(facts, "brigatinib", text=right) == []


def test_a_capitalised_english_word_before_trial_close_to_a_trial_name_is_a_warning(facts):
    results = findings(facts, "alectinib", text="The ALAX trial compared alectinib with crizotinib.")
    assert [(f.code, f.severity) for f in results] == [("misspelt-name", "error")]
    results = findings(facts, "lorlatinib", text="The CROWD trial compared lorlatinib with crizotinib.")
    assert [(f.code, f.severity) for f in results] == [("misspelt-name", "warning")]


def test_a_lone_percentage_of_another_subject_beside_a_trial_is_only_a_warning(facts):
    said = "Crizotinib, the comparator in ALEX, causes vision disorders in about 60% of patients."
    results = [f for f in findings(facts, "alectinib", "crizotinib", text=said) if f.code == "trial-figure"]
    assert [f.severity for f in results] == ["warning"]
    wrong = "In ALEX, median progression-free survival was 25.7 months with crizotinib in the updated analysis."
    assert "error" in {f.severity for f in findings(facts, "alectinib", "crizotinib", text=wrong)}


def test_a_share_is_judged_against_the_side_effect_named_in_its_own_stretch(facts):
    other = "Crizotinib's response rate in the ROS1 cohort was 72%, and about 1-2% of lung cancers are ROS1-positive."
    assert findings(facts, "crizotinib", text=other) == []
    both = "Pneumonitis occurs in 2.9% of people on crizotinib and is fatal in 0.5%."
    assert findings(facts, "crizotinib", text=both) == []
    swapped = "Pneumonitis occurs in 0.5% of people on crizotinib and is fatal in 2.9%."
    assert codes(findings(facts, "crizotinib", text=swapped)) == ["safety-figure", "safety-figure"]


def test_a_share_belongs_to_the_drug_named_in_its_own_stretch(facts):
    said = (
        "Alectinib's side effects are milder than crizotinib's vision disorders, which occur in about 60% of patients."
    )
    assert findings(facts, "alectinib", "crizotinib", text=said) == []
    wrong = "Alectinib causes vision disorders in about 60% of patients."
    assert codes(findings(facts, "alectinib", "crizotinib", text=wrong)) == ["safety-figure"]
