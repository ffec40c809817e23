"""The claim layer of the content checks: exclusivity and "first", approvals, template
carry-over, guideline versions and misspelt names, and the language layer under them.

Wordings here are new (not the seed's nor the brief's); figures are from
shared/content/facts.md, loaded by demo.facts. ROS1 approvals are vouched complete
up to 2019-08-15 and ALK approvals up to 2011-08-26 (demo.facts.BIOMARKERS); no list is
vouched complete today, so a present-day "only" claim the data does not contradict is
a warning.
"""

import datetime
import time

import pytest

from demo.facts import load_facts
from monographs.admin.data import BiomarkerAdmin, ConditionAdmin
from monographs.models import Biomarker
from monographs.snapshots import upgrade
from reviews.checks import check_snapshot, claims, language, load_catalogue
from reviews.checks.text import PageText
from tests.fixtures.seed_page import SEED, seed_blocks


@pytest.fixture
def facts(db):
    load_facts()
    return load_catalogue()


def snapshot(*drugs, sections=(), title="A page", summary="A short summary.", questions=(), kind="drug"):
    return {
        "kind": kind,
        "title": title,
        "summary": summary,
        "sections": [{"heading": h, "body": b} for h, b in sections],
        "question_groups": [{"heading": "Questions to ask", "intro": "", "questions": list(questions)}]
        if questions
        else [],
        "sources": [],
        "drugs": [{"slug": d, "name": d, "dose_adjustments": []} for d in drugs],
        "trials": [],
    }


def check(facts, *drugs, text="", heading="About this medicine", **kwargs):
    sections = kwargs.pop("sections", None) or [(heading, text)]
    return check_snapshot(snapshot(*drugs, sections=sections, **kwargs), facts)


def mine(results, codes=("exclusivity-claim", "exclusivity-unconfirmed", "approval-claim", "unapproved-use")):
    return [f for f in results if f.code in codes]


# Exclusivity and "first"


@pytest.mark.parametrize(
    "drug, sentence, data",
    [
        # A non-breaking hyphen (U+2011) in "FDA-approved".
        (
            "taletrectinib",
            "Taletrectinib remains the lone FDA\u2011approved therapy for ROS1-positive lung cancer.",
            "crizotinib (2016-03-11)",
        ),
        ("repotrectinib", "Among ROS1 treatments, only repotrectinib is approved.", "taletrectinib (2025-06-11)"),
        (
            "entrectinib",
            "No drug besides entrectinib has FDA approval for ROS1-positive NSCLC.",
            "repotrectinib (2023-11-15)",
        ),
        ("repotrectinib", "Repotrectinib was the first ROS1 inhibitor to win FDA approval.", "crizotinib (2016-03-11)"),
        ("crizotinib", "Three FDA-approved medicines exist for ROS1-positive NSCLC.", "4 are recorded"),
        (
            "crizotinib",
            "Crizotinib and repotrectinib are the only two ROS1 medicines with FDA approval.",
            "entrectinib (2019-08-15)",
        ),
    ],
)
def test_exclusivity_the_data_contradicts_is_an_error(facts, drug, sentence, data):
    (result,) = mine(check(facts, drug, text=sentence))
    assert (result.code, result.severity) == ("exclusivity-claim", "error")
    assert result.message.startswith("claim: ") and "; data: " in result.message
    assert data in result.message


def test_an_exclusivity_claim_across_two_sentences(facts):
    text = "Only one medicine has been approved for ROS1-positive NSCLC. It is crizotinib."
    (result,) = mine(check(facts, "crizotinib", text=text))
    assert "claim: crizotinib is today the only approved drug for ROS1-positive NSCLC" in result.message
    assert "entrectinib (2019-08-15)" in result.message


def test_the_finding_says_which_claim_and_what_the_data_says(facts):
    (result,) = mine(
        check(facts, "crizotinib", text="Today crizotinib stands alone as the ROS1 medicine with approval.")
    )
    assert result.message == (
        "claim: crizotinib is today the only approved drug for ROS1-positive disease; data: also approved for "
        "ROS1-positive disease: entrectinib (2019-08-15), repotrectinib (2023-11-15), taletrectinib (2025-06-11)."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Up to mid-2019, crizotinib was the sole approved ROS1 medicine.",
        "When it was approved in 2016, crizotinib was the only ROS1 therapy with FDA approval.",
        "Crizotinib was the first ALK inhibitor to receive FDA approval.",
        "It would be misleading to describe crizotinib as the only ROS1 medicine with approval.",
        "Crizotinib is no longer the sole FDA-approved option in ROS1-positive disease.",
        "Crizotinib isn't the only FDA-approved choice for ROS1-positive NSCLC any more.",
        "Four medicines are FDA-approved for ROS1-positive NSCLC, but only crizotinib has data from PROFILE 1001.",
    ],
)
def test_true_historical_and_negated_exclusivity_passes(facts, sentence):
    assert mine(check(facts, "crizotinib", text=sentence)) == []


def test_exclusivity_the_data_cannot_confirm_is_a_warning_that_says_so(facts):
    (result,) = mine(check(facts, "entrectinib", text="Entrectinib stands alone today as the approved NTRK medicine."))
    assert (result.code, result.severity) == ("exclusivity-unconfirmed", "warning")
    assert "the list of NTRK approvals is not marked complete" in result.message
    # Past the date the ROS1 list is vouched for, a historical claim cannot be confirmed either.
    text = "In 2021, crizotinib and entrectinib were the only two approved ROS1 drugs."
    (result,) = mine(check(facts, "crizotinib", text=text))
    assert result.severity == "warning" and "marked complete only as of 2019-08-15" in result.message
    # Another regulator's approvals are not recorded at all.
    (result,) = mine(check(facts, "entrectinib", text="In Europe, entrectinib is the only approved ROS1 drug."))
    assert result.severity == "warning" and "only FDA approvals are recorded" in result.message


def test_marking_a_list_complete_confirms_a_claim(facts):
    text = "Entrectinib stands alone today as the approved NTRK medicine."
    Biomarker.objects.filter(name="NTRK").update(approvals_complete_on=datetime.date.today())
    assert mine(check(facts and load_catalogue(), "entrectinib", text=text)) == []


def test_a_claim_is_reported_once(facts):
    results = check(facts, "alectinib", text="Alectinib is the first and only FDA-approved ALK medicine for NSCLC.")
    assert [f.code for f in results] == ["exclusivity-claim"]
    assert "approved before it: crizotinib (2011-08-26)" in results[0].message
    results = check(facts, "crizotinib", text="Lorlatinib has been approved for ROS1-positive NSCLC since 2021.")
    assert [f.code for f in mine(results)] == ["approval-claim"]


# Approvals and their subject


def test_each_approval_belongs_to_the_subject_of_its_clause(facts):
    text = "Taletrectinib, approved in 2025, reached patients six years after entrectinib's ROS1 approval."
    assert mine(check(facts, "crizotinib", text=text)) == []
    text = "Taletrectinib, approved in 2024, followed repotrectinib's ROS1 approval."
    (result,) = mine(check(facts, "crizotinib", text=text))
    assert "taletrectinib had no approval in 2024" in result.message
    text = "In 2021, repotrectinib joined entrectinib as an approved ROS1 option."
    (result,) = mine(check(facts, "crizotinib", text=text))
    assert "repotrectinib had no approval in 2021" in result.message


def test_years_between_two_approvals_in_words(facts):
    text = "Taletrectinib reached the market about six years after entrectinib's ROS1 approval."
    assert mine(check(facts, "crizotinib", text=text)) == []
    text = "Two years before repotrectinib's approval, entrectinib was approved for ROS1-positive NSCLC."
    (result,) = mine(check(facts, "crizotinib", text=text))
    assert "repotrectinib 2023-11-15, entrectinib 2019-08-15 (4 years apart)" in result.message


def test_it_is_the_previous_sentences_subject_within_a_section(facts):
    text = "Alectinib is an ALK medicine. It was approved for ROS1-positive NSCLC in 2017."
    (result,) = mine(check(facts, "crizotinib", "alectinib", text=text))
    assert result.message.startswith("claim: alectinib is approved for ROS1-positive NSCLC")
    text = "Crizotinib is an ALK and ROS1 medicine. It gained approval for ROS1-positive NSCLC in 2016."
    assert mine(check(facts, "crizotinib", "alectinib", text=text)) == []


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("The FDA approved entrectinib for ROS1-positive NSCLC in March 2019.", "no approval in March 2019"),
        ("Taletrectinib has no FDA approval for ROS1-positive NSCLC.", "2025-06-11"),
        ("Brigatinib received FDA approval for ROS1-positive NSCLC.", "not approved for ROS1"),
    ],
)
def test_wrong_approval_claims(facts, sentence, words):
    (result,) = mine(check(facts, "crizotinib", text=sentence))
    assert result.code == "approval-claim" and words in result.message


@pytest.mark.parametrize(
    "sentence",
    [
        "The FDA approved entrectinib for ROS1-positive NSCLC in August 2019.",
        "Before 2019, entrectinib was not approved for ROS1-positive NSCLC.",
        "Repotrectinib (Augtyro): with or without an earlier ROS1 medicine, approved on November 15, 2023.",
        "Entrectinib (2019) and taletrectinib (2025) are approved for it as well.",
    ],
)
def test_true_approval_claims_pass(facts, sentence):
    assert mine(check(facts, "crizotinib", text=sentence)) == []


@pytest.mark.parametrize(
    "drug, sentence, words",
    [
        ("alectinib", "Alectinib gained regular approval in 2015.", "no regular approval in 2015"),
        ("lorlatinib", "The first-line approval of lorlatinib dates from 2018.", "no first line approval in 2018"),
        ("alectinib", "After surgery, alectinib has no approval.", "ALINA"),
    ],
)
def test_which_approval_a_claim_names(facts, drug, sentence, words):
    (result,) = mine(check(facts, drug, text=sentence))
    assert result.code == "approval-claim" and words in result.message


def test_what_a_drug_is_belongs_to_that_drug(facts):
    (result,) = check(facts, "entrectinib", text="Entrectinib (Augtyro) is taken once a day.")
    assert result.code == "wrong-subject" and "repotrectinib (Augtyro)" in result.message
    (result,) = check(facts, "alectinib", text="Like crizotinib, alectinib also inhibits ROS1 and MET.")
    assert result.message == "claim: alectinib acts on ROS1, MET; data: alectinib targets ALK, RET."
    page = snapshot("crizotinib", sections=[("About", "Crizotinib is a third-generation ALK inhibitor.")])
    page["drugs"][0]["generation"] = "First generation"
    (result,) = check_snapshot(page, facts)
    assert "it is first generation" in result.message
    text = "Newer second-generation drugs such as alectinib block ALK; crizotinib also acts on ROS1 and MET."
    assert check(facts, "crizotinib", text=text) == []


# Template carry-over


def test_another_drug_spoken_of_as_the_pages_own(facts):
    results = check(facts, "crizotinib", summary="Lorbrena is a prescription medicine for ALK-positive lung cancer.")
    assert [f.code for f in results] == ["template-carry-over"]
    assert "lorlatinib (Lorbrena)" in results[0].message and "crizotinib" in results[0].message
    results = check(
        facts, "crizotinib", heading="Liver checks", text="Before starting brigatinib, ask about liver tests."
    )
    assert [f.code for f in results] == ["template-carry-over"]


def test_another_biomarker_in_a_question(facts):
    results = check(facts, "crizotinib", questions=["Do I need an EGFR test result before my first dose?"])
    assert [(f.code, f.location) for f in results] == [("unrelated-biomarker", "question group 1: Questions to ask")]


def test_legitimate_mentions_of_other_drugs_pass(facts):
    text = (
        "Unlike osimertinib, which is used for EGFR-mutated lung cancer, crizotinib treats ALK- or ROS1-positive "
        "disease. Crizotinib is not a medicine for EGFR-positive cancer."
    )
    assert check(facts, "crizotinib", text=text) == []
    others = "If you are taking lorlatinib instead, your care team will explain its own checks."
    assert check(facts, "crizotinib", heading="Other options after crizotinib", text=others) == []


# Guideline versions


@pytest.mark.parametrize(
    "sentence",
    [
        "Our advice follows the NCCN Guidelines Version 3, 2025.",
        "Treatment choices here follow NCCN (2024 v2).",
        "These pages were checked against NCCN NSCLC 2.2024.",
        "NCCN version 1.2026 was later superseded by v2.2024.",
    ],
)
def test_outdated_guideline_versions_in_any_notation(facts, sentence):
    (result,) = check(facts, "crizotinib", text=sentence)
    assert result.code == "outdated-guideline" and "v1.2026" in result.message


@pytest.mark.parametrize(
    "sentence",
    [
        "NCCN v2.2024 was superseded by version 1.2026 in November 2025.",
        "The previous NCCN edition (v2.2024) is no longer cited here.",
        "We follow NCCN Version 1, 2026.",
        "We follow NCCN 2026 v1.",
    ],
)
def test_replaced_and_current_guideline_versions_pass(facts, sentence):
    assert check(facts, "crizotinib", text=sentence) == []


# Spelling


def test_misspelt_names_are_errors_anywhere(facts):
    text = "Some people switch to Rozlytrec; others stay on Xalkori. Lorlatinib beat crizotinib in the CROWM trial."
    results = check(facts, "crizotinib", text=text)
    assert [(f.code, f.severity) for f in results] == [("misspelt-name", "error")] * 2
    assert "“Rozlytrec” looks like a misspelling of “Rozlytrek”" in results[0].message
    assert "CROWN" in results[1].message


def test_real_word_used_wrongly_in_a_heading_is_a_warning(facts):
    (result,) = check(facts, "crizotinib", heading="Side affects to watch for", text="Vision changes are common.")
    assert (result.code, result.severity) == ("spelling", "warning")
    assert "side effects" in result.message


def test_names_with_digits_and_ordinary_prose_words_pass(facts):
    text = "FLAURA2 is another trial. Crizotinib's label is long; recieve is not checked in prose."
    assert check(facts, "crizotinib", text=text) == []


# The language layer


def test_sentences_are_split_around_abbreviations():
    text = "Entrectinib was approved in Aug. 2019 for ROS1. The U.S. FDA approved repotrectinib later. It works."
    assert language.split_sentences(text) == [
        "Entrectinib was approved in Aug. 2019 for ROS1.",
        "The U.S. FDA approved repotrectinib later.",
        "It works.",
    ]


def test_normalize_keeps_offsets():
    text = "FDA\u2011approved\u00a0since 2016 \u2013 crizotinib\u2019s"
    assert language.normalize(text) == "FDA-approved since 2016 \u2013 crizotinib's"
    assert len(language.normalize(text)) == len(text)


def test_negation_scope():
    text = "Crizotinib is no longer the only option."
    assert language.negation(text, text.index("only")) == "no longer"
    text = "With or without an earlier ROS1 medicine, approved in 2023."
    assert language.negation(text, text.index("approved")) == ""
    text = "Calling it the only ROS1 option would be outdated."
    assert language.negation(text, text.index("only"))
    text = "Crizotinib is the only option, not lorlatinib."
    assert language.negation(text, text.index("only")) == ""


def test_time_of_a_clause():
    until = language.time_of("Until mid-2019 it was the only one.")
    assert (until.relation, until.lo) == ("until", datetime.date(2019, 1, 1))
    assert until.point() == datetime.date(2018, 12, 31)
    assert language.time_of("It remains the only one.").relation == "present"
    assert language.time_of("It was the only one.").relation == "past"
    assert language.time_of("It has been the only one since 2016.").relation == "since"
    within = language.time_of("In March 2016 it was the only one.")
    assert within.point(datetime.date(2016, 3, 11)) == datetime.date(2016, 3, 11)


def test_numbers_and_dates_in_words_and_digits():
    found = language.numbers("seventy-two percent of 1,200 people, a single arm, 0.43")
    assert [(n.value, n.words) for n in found] == [(72, True), (1200, False), (1, True), (0.43, False)]
    assert language.ordinal("third") == 3 and language.ordinal("2nd") == 2
    (date,) = language.dates("approved on 15 August 2019")
    assert date[2] == date[3] == datetime.date(2019, 8, 15)
    assert language.hedge("in about 72% of people", 9) == "about"


# The model, the admin and speed


def test_approval_lists_can_be_marked_complete_in_the_admin():
    assert "approvals_complete_on" in BiomarkerAdmin.list_display
    assert "approvals_complete_on" in ConditionAdmin.list_display


def test_claims_of_a_fifty_section_page_are_read_quickly(facts):
    blocks = [(h, "\n\n".join(b)) for h, b in seed_blocks(SEED.read_text(encoding="utf-8")) if b]
    page = PageText(upgrade(snapshot("crizotinib", sections=(blocks * 4)[:50])), facts)
    start = time.process_time()
    found = claims.read_claims(page)
    elapsed = time.process_time() - start
    assert found and elapsed < 0.05


# Claims attributed to the wrong drug: trials, arm sizes, brands, generations (names.what_drugs_are)


def subject_errors(results):
    return [f for f in results if f.code == "wrong-subject" and f.severity == "error"]


@pytest.mark.parametrize(
    "sentence, named, data",
    [
        ("CROWN pitted alectinib against crizotinib.", "alectinib was in CROWN", "CROWN tested lorlatinib"),
        ("Alectinib's edge over crizotinib comes from the ALTA-1L trial.", "alectinib", "ALTA-1L tested brigatinib"),
        ("In the ALEX study, brigatinib controlled the disease longer.", "brigatinib", "ALEX tested alectinib"),
        ("Brigatinib and crizotinib were randomised against each other in ALEX.", "brigatinib", "ALEX"),
        ("PROFILE 1014 studied lorlatinib in untreated disease.", "lorlatinib", "PROFILE 1014 tested crizotinib"),
    ],
)
def test_trial_credited_to_a_drug_that_was_not_in_it(facts, sentence, named, data):
    (finding,) = subject_errors(check(facts, "crizotinib", "alectinib", text=sentence, kind="comparison"))
    assert named in finding.message and data in finding.message


@pytest.mark.parametrize(
    "sentence",
    [
        "CROWN pitted lorlatinib against crizotinib, ALTA-1L brigatinib and ALEX alectinib.",
        "Lorlatinib (CROWN), brigatinib (ALTA-1L) and alectinib (ALEX) each beat crizotinib.",
        "In CROWN, lorlatinib outlasted crizotinib by more than alectinib did in ALEX.",
        "Unlike lorlatinib, alectinib met crizotinib head to head in ALEX.",
        "In ALEX, people whose cancer grew on crizotinib could later switch to lorlatinib.",
        "Crizotinib's ROS1 results come from PROFILE 1001; brigatinib has no ROS1 trial here.",
        "ALEX, like CROWN, used crizotinib as its comparator.",
        "In ALEX, alectinib outlasted crizotinib, and lorlatinib arrived afterwards.",
        "| Lorlatinib | In CROWN, most people were free of progression at five years |",
    ],
)
def test_trials_credited_to_their_own_drugs_pass(facts, sentence):
    assert subject_errors(check(facts, "crizotinib", "alectinib", text=sentence, kind="comparison")) == []


@pytest.mark.parametrize(
    "sentence, wrong",
    [
        ("ALEX randomised 151 people to alectinib and 152 to crizotinib.", "151 people took alectinib"),
        ("In ALEX the alectinib group had 151 patients.", "151 people took alectinib"),
        ("Of everyone in ALEX, 152 received crizotinib.", "152 people took crizotinib"),
        ("ALEX: crizotinib (n=152) versus alectinib (n=151).", "152 people took crizotinib"),
    ],
)
def test_swapped_arm_sizes_are_errors(facts, sentence, wrong):
    (finding,) = subject_errors(check(facts, "crizotinib", "alectinib", text=sentence, kind="comparison"))
    assert wrong in finding.message
    assert "ALEX gave alectinib to 152 and crizotinib to 151" in finding.message


@pytest.mark.parametrize(
    "sentence",
    [
        "ALEX randomised 152 people to alectinib and 151 to crizotinib.",
        "In ALEX, alectinib (n=152) was compared with crizotinib (n=151).",
        "Of 303 people in ALEX, 152 received alectinib.",
        "Some people stayed on crizotinib for 151 days in ALEX.",
    ],
)
def test_right_arm_sizes_pass(facts, sentence):
    assert subject_errors(check(facts, "crizotinib", "alectinib", text=sentence, kind="comparison")) == []


@pytest.mark.parametrize(
    "sentence, ok",
    [
        ("Alectinib, marketed as Xalkori, is taken with food.", False),
        ("Lorlatinib (brand name Alunbrig) is taken once daily.", False),
        ("Alunbrig is the brand name of lorlatinib.", False),
        ("Alectinib, marketed as Alecensa, is taken with food.", True),
        ("Lorbrena is the brand name of lorlatinib.", True),
        ("Lorlatinib (brand name Lorbrena) is taken once daily.", True),
    ],
)
def test_brand_given_to_the_wrong_drug_in_other_wordings(facts, sentence, ok):
    errors = subject_errors(check(facts, "alectinib", "lorlatinib", text=sentence, kind="comparison"))
    assert (errors == []) is ok


@pytest.mark.parametrize(
    "sentence, wrong",
    [
        ("Brigatinib and lorlatinib are both second-generation medicines.", ["lorlatinib is second-generation"]),
        ("Lorlatinib, a second-generation inhibitor, crosses into the brain.", ["lorlatinib is second-generation"]),
        ("Alectinib is first-generation.", ["alectinib is first-generation"]),
        ("Alectinib and brigatinib are second-generation; lorlatinib is third-generation.", []),
        ("Crizotinib, the first-generation drug, came before them.", []),
    ],
)
def test_generation_in_lists_appositions_and_without_an_article(facts, sentence, wrong):
    results = check(facts, "crizotinib", "alectinib", "brigatinib", "lorlatinib", text=sentence, kind="article")
    assert [f.message.split(";")[0].removeprefix("claim: ") for f in subject_errors(results)] == wrong


# Misspelt trial and biomarker names (spelling.py)


def spelling_errors(results):
    return [f for f in results if f.code == "misspelt-name" and f.severity == "error"]


@pytest.mark.parametrize(
    "heading, text, named",
    [
        ("About this medicine", "Results from the CROWN trail are summarised below.", "CROWN"),
        ("What the ALTA-1L trails found", "Brigatinib was tested.", "ALTA-1L"),
        ("About this medicine", "The ALXE study compared two ALK medicines.", "ALEX"),
        ("About this medicine", "Ask whether your tumour is AKL-positive.", "ALK"),
        ("About this medicine", "A ROSl fusion was found in the biopsy.", "ROS1"),
    ],
)
def test_misspelt_trial_and_biomarker_names_are_errors(facts, heading, text, named):
    (finding,) = spelling_errors(check(facts, "crizotinib", heading=heading, text=text))
    assert f"“{named}”" in finding.message or f"the {named} trial" in finding.message


def test_other_trials_and_real_words_near_names_pass(facts):
    text = (
        "The AURA study and the J-ALEX trial are not described here, nor is PROFILE 1007. "
        "FLAURA2 trials continue. RTK inhibitors act on receptor tyrosine kinases. Clinical trails is a typo in prose."
    )
    assert spelling_errors(check(facts, "crizotinib", text=text)) == []


def test_real_words_used_wrongly_in_headings_stay_warnings(facts):
    results = check(facts, "crizotinib", heading="Talk to you're doctor about clinical trails", text="Ask early.")
    assert results and all(f.severity == "warning" for f in results)


def test_a_trial_credited_to_the_wrong_drug_is_reported_once(demo):
    """Two checks read who a trial tested; the reviewer sees one finding for the sentence."""
    from monographs.kinds import build_snapshot
    from monographs.models import Page
    from reviews.checks import check_snapshot

    snapshot = build_snapshot(Page.objects.get(slug="crizotinib-vs-alectinib"))
    snapshot["sections"] = [{"heading": "Evidence", "body": "The CROWN study pitted alectinib against crizotinib."}]
    findings = [f for f in check_snapshot(snapshot) if f.location.endswith("Evidence")]
    assert [f.code for f in findings if f.severity == "error"] == ["wrong-subject"]


# Holdout-driven rules (new wordings): past markers in questions, ineligible biomarkers, "the one",
# "most recently approved", uses said to be all of a drug's approvals, later-line and first-approval years.


def errors(results, codes=("exclusivity-claim", "approval-claim", "unrelated-biomarker")):
    return [f for f in results if f.code in codes and f.severity == "error"]


def test_each_sentence_of_a_question_keeps_its_own_time(facts):
    past = "At first crizotinib was the only approved ROS1 treatment. Is that still so today?"
    assert errors(check(facts, "crizotinib", text="Ask early.", questions=[past])) == []
    present = "Today crizotinib is the only approved ROS1 treatment. What else could I take?"
    assert errors(check(facts, "crizotinib", text="Ask early.", questions=[present]))


@pytest.mark.parametrize(
    "sentence",
    [
        "A positive ALK or EGFR test alone would not qualify you for repotrectinib.",
        "Repotrectinib needs a ROS1 result; an EGFR mutation by itself is not a reason to take it.",
        "People with ALK-positive cancer are ineligible for this medicine.",
    ],
)
def test_a_biomarker_named_as_not_qualifying_is_not_a_basis(facts, sentence):
    assert errors(check(facts, "repotrectinib", text=sentence)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Repotrectinib is started once an EGFR L858R mutation is confirmed.",
        "Your doctor orders an ALK or ROS1 test before you start repotrectinib.",
    ],
)
def test_a_biomarker_with_a_variant_or_in_a_list_is_a_basis(facts, sentence):
    (finding,) = errors(check(facts, "repotrectinib", text=sentence))
    assert finding.code == "unrelated-biomarker"


def test_the_one_medicine_reads_as_only(facts):
    sentence = "For ROS1-positive disease, crizotinib remains the one medicine with FDA approval."
    assert [f.code for f in errors(check(facts, "crizotinib", text=sentence))] == ["exclusivity-claim"]


@pytest.mark.parametrize(
    "drug, sentence, wrong",
    [
        ("entrectinib", "Entrectinib is now the newest approved ROS1 therapy.", True),
        ("crizotinib", "Crizotinib stays the latest FDA-approved treatment for ROS1-positive NSCLC.", True),
        ("taletrectinib", "Taletrectinib is the most recently approved ROS1 medicine.", False),
        ("crizotinib", "The most recently approved ROS1 drug, taletrectinib, arrived in 2025.", False),
        ("crizotinib", "The most recently approved ROS1 drug is entrectinib.", True),
        ("entrectinib", "When it was approved in 2019, entrectinib was the latest approved ROS1 option.", False),
    ],
)
def test_most_recent_approval_claims(facts, drug, sentence, wrong):
    found = errors(check(facts, drug, text=sentence))
    assert bool(found) == wrong, found
    if wrong:
        assert "came later" in found[0].message


@pytest.mark.parametrize(
    "drug, sentence, wrong",
    [
        ("crizotinib", "Crizotinib is approved solely for ALK-positive and ROS1-positive NSCLC.", True),
        ("alectinib", "Alectinib is approved only for ALK-positive NSCLC.", False),
        (
            "repotrectinib",
            "Repotrectinib should only be used in people who have not yet received a ROS1 medicine.",
            True,
        ),
        ("repotrectinib", "Repotrectinib can only be prescribed for ROS1-positive lung cancer.", False),
    ],
)
def test_uses_said_to_be_all_of_a_drugs_approvals(facts, drug, sentence, wrong):
    found = errors(check(facts, drug, text=sentence))
    assert bool(found) == wrong, found
    if wrong:
        assert "also approved for" in found[0].message


def test_a_use_only_row_on_a_one_drug_page_speaks_of_that_drug(facts):
    row = "| Licensed uses | ROS1-positive and ALK-positive NSCLC only |"
    (finding,) = errors(check(facts, "crizotinib", text=row))
    assert "ALCL" in finding.message and "IMT" in finding.message


@pytest.mark.parametrize(
    "sentence, wrong",
    [
        ("Alectinib gained FDA approval in 2017 for people whose cancer had stopped working on crizotinib.", True),
        ("Alectinib was approved in 2015 for people whose disease progressed on crizotinib.", False),
        ("Alectinib was originally approved in 2017.", True),
        ("Alectinib was first approved in 2015.", False),
    ],
)
def test_later_line_and_first_approval_years(facts, sentence, wrong):
    found = errors(check(facts, "alectinib", text=sentence))
    assert bool(found) == wrong, found


# Lists of dated uses, parentheses, bounds and adverbs between the agency and its verb


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("Crizotinib's approvals came in 2016 (ROS1-positive NSCLC) and 2011 (ALK-positive NSCLC).", False),
        ("Crizotinib is approved for ALK-positive NSCLC (2011) and for ROS1-positive NSCLC (2016).", False),
        ("Crizotinib is approved for ROS1-positive NSCLC (2011) and for ALK-positive NSCLC (2016).", True),
        ("| FDA approvals | 2011 (ALK, accelerated), 2013 (full), 2016 (ROS1) |", False),
        ("| FDA approvals | 2011 (ROS1, accelerated), 2016 (ALK) |", True),
    ],
)
def test_each_date_in_a_list_belongs_to_its_own_use(facts, text, wrong):
    found = errors(check(facts, "crizotinib", text=text))
    assert bool(found) == wrong, found


@pytest.mark.parametrize(
    "text, wrong",
    [
        (
            "Repotrectinib was not the first ROS1 drug (entrectinib came in 2019), yet it was approved in Nov 2023.",
            False,
        ),
        (
            "Repotrectinib was not the first ROS1 drug (entrectinib came in 2019), yet it was approved in Nov 2021.",
            True,
        ),
    ],
)
def test_a_parenthesis_does_not_take_the_pronoun_of_the_next_clause(facts, text, wrong):
    found = errors(check(facts, "repotrectinib", text=text))
    assert bool(found) == wrong, found
    if wrong:
        assert "repotrectinib" in found[0].message


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("At least two approved ROS1 medicines can be offered today.", False),
        ("Over three approved ROS1 medicines are on the market now.", False),
        ("Two approved ROS1 medicines are on the market now.", True),
    ],
)
def test_a_bound_is_not_a_count(facts, text, wrong):
    found = errors(check(facts, "crizotinib", text=text))
    assert bool(found) == wrong, found


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("The FDA originally approved alectinib in 2017 for ALK-positive NSCLC.", True),
        ("The FDA initially approved alectinib in 2015 for ALK-positive NSCLC.", False),
    ],
)
def test_an_adverb_between_agency_and_verb(facts, text, wrong):
    found = errors(check(facts, "alectinib", text=text))
    assert bool(found) == wrong, found


@pytest.mark.parametrize(
    "drug, text, wrong",
    [
        ("lorlatinib", "Lorlatinib is offered to people whose cancer has the L858R change.", True),
        ("brigatinib", "Ask whether your biopsy showed an exon 19 deletion before brigatinib is started.", True),
        ("lorlatinib", "Lorlatinib is not for tumours with an exon 19 deletion.", False),
        ("osimertinib", "Osimertinib also works when the T790M change appears.", False),
    ],
)
def test_a_variant_of_another_drugs_target_named_without_its_gene(facts, drug, text, wrong):
    found = errors(check(facts, drug, text=text))
    assert bool(found) == wrong, found
    if wrong:
        assert "EGFR" in found[0].message


# Wordings met in the holdout corpora


def test_a_past_only_claim_said_to_be_no_longer_the_case_is_not_denied(facts):
    text = "From 2016 until August 2019 crizotinib was the only approved ROS1 medicine; that is no longer the case."
    assert errors(check(facts, "crizotinib", text=text)) == []
    wrong = "Until 2023 crizotinib was the only approved ROS1 medicine; that is no longer the case."
    assert errors(check(facts, "crizotinib", text=wrong))


def test_a_yes_no_question_answered_no_makes_no_claim(facts):
    answered = "Is crizotinib still the only approved ROS1 medicine? No - entrectinib was approved in 2019."
    assert errors(check(facts, "crizotinib", text="Ask early.", questions=[answered])) == []


@pytest.mark.parametrize(
    "drug, sentence, rival",
    [
        ("repotrectinib", "Repotrectinib is the only option once crizotinib has stopped working.", "entrectinib"),
        ("osimertinib", "Osimertinib is the only targeted tablet approved after lung cancer surgery.", "alectinib"),
        ("crizotinib", "In ROS1-positive NSCLC, crizotinib has no approved rival.", "entrectinib"),
    ],
)
def test_exclusivity_in_a_setting_or_without_rivals(facts, drug, sentence, rival):
    (finding,) = errors(check(facts, drug, text=sentence))
    assert rival in finding.message


def test_the_date_of_a_use_set_off_by_a_comma(facts):
    wrong = "Crizotinib's only other use is ALK-positive anaplastic large cell lymphoma, approved in 2022."
    (finding,) = errors(check(facts, "crizotinib", text=wrong))
    assert "2021-01-14" in finding.message
    right = "Crizotinib's only other use is ALK-positive anaplastic large cell lymphoma, approved in 2021."
    assert errors(check(facts, "crizotinib", text=right)) == []


def test_a_first_approval_dated_by_its_clause(facts):
    wrong = "Back in 2017, when the FDA first approved alectinib, it was for ALK-positive NSCLC."
    (finding,) = errors(check(facts, "alectinib", text=wrong))
    assert "2015-12-11" in finding.message


def test_with_or_without_an_earlier_medicine_is_no_later_line_restriction(facts):
    text = "Repotrectinib can only be prescribed once another ROS1 medicine has stopped working."
    (finding,) = errors(check(facts, "repotrectinib", text=text))
    assert "with or without a prior ROS1 TKI" in finding.message


def test_a_source_the_page_does_not_hold_credited_with_the_label_mechanism(facts):
    label = {"kind": "label", "title": "XALKORI (crizotinib) prescribing information", "publisher": "FDA"}
    sources = [label | {"note": "Approvals, mechanism, warnings and dosing"}]
    wrong = snapshot("crizotinib", sections=[("How it works", "As ASCO Post explains, crizotinib blocks ALK.")])
    right = snapshot("crizotinib", sections=[("How it works", "According to the FDA label, crizotinib blocks ALK.")])
    results = check_snapshot(wrong | {"sources": sources}, facts)
    assert [f.code for f in results if f.severity == "error"] == ["misattributed-source"]
    assert check_snapshot(right | {"sources": sources}, facts) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Crizotinib blocks ALK and ROS1 but has no effect on MET.",
        "Like alectinib and brigatinib, crizotinib is second-generation.",
    ],
)
def test_a_target_denied_or_a_generation_after_a_list_set_apart(facts, sentence):
    assert [f.code for f in check(facts, "crizotinib", text=sentence)] == ["wrong-subject"]


def test_a_verdict_judging_a_drug_the_comparison_does_not_compare(facts):
    page = snapshot("crizotinib", "brigatinib", kind="comparison") | {
        "verdict": "For most people, alectinib is a better first choice than crizotinib."
    }
    assert [f.code for f in check_snapshot(page, facts)] == ["template-carry-over"]


@pytest.mark.parametrize(
    "drug, sentence, wrong",
    [
        ("crizotinib", "Crizotinib has no approved use outside lung cancer.", True),
        ("crizotinib", "Crizotinib is only approved for NSCLC.", True),
        ("alectinib", "Alectinib has no approved use beyond NSCLC.", False),
        ("entrectinib", "Entrectinib is not only approved for lung cancer.", False),
    ],
)
def test_no_approved_use_outside_lung_cancer(facts, drug, sentence, wrong):
    assert bool(errors(check(facts, drug, text=sentence))) is wrong


# Readings the checks cannot vouch for are warnings; the same claim stated plainly is an error.


def severities(results, code):
    return sorted({f.severity for f in results if f.code == code})


@pytest.mark.parametrize(
    "uncertain, plain",
    [
        # Asked, not stated (no "Yes." after it).
        (
            "Is crizotinib still the only approved ROS1 medicine?",
            "Crizotinib is still the only approved ROS1 medicine.",
        ),
        # Reported from others, not endorsed.
        (
            "You may read that crizotinib is the only approved ROS1 medicine.",
            "Crizotinib is the only approved ROS1 medicine.",
        ),
    ],
)
def test_an_asked_or_reported_claim_is_a_warning(facts, uncertain, plain):
    assert severities(check(facts, "crizotinib", text=uncertain), "exclusivity-claim") == ["warning"]
    assert severities(check(facts, "crizotinib", text=plain), "exclusivity-claim") == ["error"]


def test_it_among_several_drugs_is_a_warning_and_an_aside_is_not_its_antecedent(facts):
    guessed = check(facts, "entrectinib", text="Entrectinib followed crizotinib, and it was approved in 2020.")
    assert severities(guessed, "approval-claim") == ["warning"]
    aside = (
        "Entrectinib was not the first ROS1 drug - crizotinib came three years earlier - but on 15 August 2019 "
        "it was approved for ROS1-positive NSCLC."
    )
    assert errors(check(facts, "entrectinib", text=aside)) == []


def test_a_table_cell_that_says_no_denies_the_row_and_the_row_label_names_the_use(facts):
    table = "| | Crizotinib | Lorlatinib |\n|---|---|---|\n"
    page = snapshot("crizotinib", "lorlatinib", kind="comparison")
    denied = "| ROS1 approval | 2016 | not approved (off-label) |"
    page["sections"] = [{"heading": "At a glance", "body": table + denied}]
    assert errors(check_snapshot(page, facts)) == []
    page["sections"] = [{"heading": "At a glance", "body": table + "| ROS1 approval | 2016 | 2021 |"}]
    assert [f.message.split(";")[0] for f in errors(check_snapshot(page, facts))] == [
        "claim: lorlatinib is approved for ROS1-positive disease"
    ]


@pytest.mark.parametrize(
    "sentence, wrong",
    [
        ("People whose tumour carries an EGFR mutation are not treated with alectinib.", False),
        ("If a test shows an EGFR mutation instead, the medicines on this page are not the ones for you.", False),
        ("Alectinib is started once a test finds an EGFR mutation.", True),
    ],
)
def test_a_biomarker_named_as_what_does_not_qualify(facts, sentence, wrong):
    assert bool(errors(check(facts, "alectinib", text=sentence))) is wrong


@pytest.mark.parametrize("lymphoma_year, wrong", [("2021", False), ("2019", True)])
def test_each_use_in_a_list_keeps_its_own_date_in_either_spelling(facts, lymphoma_year, wrong):
    sentence = (
        f"Crizotinib is approved for ALK-positive anaplastic large cell lymphoma ({lymphoma_year}) and "
        "inflammatory myofibroblastic tumour (2022)."
    )
    assert bool(errors(check(facts, "crizotinib", text=sentence))) is wrong


def test_a_date_belongs_to_the_use_before_it_not_to_one_named_after(facts):
    sentence = "The FDA approved it for ROS1-positive NSCLC in March 2016, five years after its first ALK approval."
    assert errors(check(facts, "crizotinib", text=sentence)) == []
    assert errors(check(facts, "crizotinib", text="The FDA approved it for ALK-positive NSCLC in March 2016."))


def test_a_period_from_one_year_to_another_is_history(facts):
    sentence = "From 2016 to 2019 crizotinib had no approved competitor in ROS1 disease."
    assert errors(check(facts, "crizotinib", text=sentence)) == []
    assert errors(check(facts, "crizotinib", text="Today crizotinib has no approved competitor in ROS1 disease."))


def test_a_sentence_naming_the_current_guideline_beside_an_old_one_is_a_warning(facts):
    both = "When this page was first written it cited NCCN v2.2024; it now follows v1.2026."
    assert severities(check(facts, "crizotinib", text=both), "outdated-guideline") == ["warning"]
    assert severities(check(facts, "crizotinib", text="This page follows NCCN v2.2024."), "outdated-guideline") == [
        "error"
    ]


@pytest.mark.parametrize(
    "trial, wrong", [("PROFILE 1014", True), ("CROWN", True), ("the PROFILE 1001 ROS1 cohort", False)]
)
def test_the_trial_given_as_the_evidence_for_a_use_must_have_enrolled_it(facts, trial, wrong):
    sentence = f"The evidence for crizotinib in ROS1-positive lung cancer comes mainly from {trial}."
    results = check(facts, "crizotinib", text=sentence)
    assert bool([f for f in results if f.code == "trial-population" and f.severity == "error"]) is wrong
