"""The demo content: facts exactly as the fact sheet states them, pages free of the seed's
errors, everything published through review, and nothing created twice however often it runs.
"""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from reversion.models import Revision

from demo import content
from demo.facts import load_facts
from demo.loader import load_demo
from monographs.models import Drug, Indication, Outcome, Page, Section, Source, Trial
from monographs.presentation import readable_text
from reviews.checks import load_catalogue, run_checks
from reviews.models import Publication, SignOff, Submission
from reviews.status import PageStatus, page_status

DEMO_SLUGS = {"crizotinib", "crizotinib-vs-alectinib", "ros1-positive-nsclc", "osimertinib"}
# The pages of the ALK/ROS1 family, where the seed page's osimertinib template text must not appear.
ALK_ROS1_SLUGS = DEMO_SLUGS - {"osimertinib"}
COUNTED = (Drug, Indication, Trial, Outcome, Source, Page, Section, Submission, SignOff, Publication, Revision)


def counts():
    return [model.objects.count() for model in COUNTED]


def published_text(slug):
    return json.dumps(Publication.objects.get(slug=slug).snapshot, ensure_ascii=False)


def read_text(slug):
    """The published page's prose as readers read it, its figure references expanded."""
    return " ".join(readable_text(Publication.objects.get(slug=slug).snapshot))


def texts(value):
    """Every string in a snapshot, so prose can be read sentence by sentence."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


def test_running_twice_creates_and_changes_nothing(demo):
    before = counts()
    again = load_demo()
    assert counts() == before
    assert again.facts == {"created": 0, "updated": 0}
    assert [outcome for _, outcome in again.pages] == ["unchanged"] * len(DEMO_SLUGS)
    assert all(account.password is None for account in again.accounts.values())
    assert {p.slug: page_status(p) for p in Page.objects.all()} == dict.fromkeys(DEMO_SLUGS, PageStatus.PUBLISHED)


def test_changed_content_is_submitted_and_signed_off_once(demo, monkeypatch):
    sections = [*content.CRIZOTINIB["sections"][:-1], ("After crizotinib", "Ask your oncologist what comes next.")]
    monkeypatch.setitem(content.CRIZOTINIB, "sections", sections)
    result = load_demo(reviewer_password=demo.accounts["reviewer"].password)
    assert {p.slug: outcome for p, outcome in result.pages}["crizotinib"] == "updated"
    assert SignOff.objects.filter(page__slug="crizotinib").count() == 2
    assert "Ask your oncologist what comes next." in published_text("crizotinib")
    load_demo()
    assert SignOff.objects.filter(page__slug="crizotinib").count() == 2


def test_passwords_are_kept_unless_reset(demo):
    users = get_user_model().objects
    first = demo.accounts["editor"].password
    assert users.get(username="editor").check_password(first)
    load_demo()
    assert users.get(username="editor").check_password(first)
    reset = load_demo(reset_passwords=True).accounts["editor"].password
    assert reset and reset != first
    assert users.get(username="editor").check_password(reset)
    assert users.get(username="admin").is_superuser


def test_loading_facts_alone_twice_changes_nothing(db):
    load_facts()
    before = counts()
    assert load_facts() == {"created": 0, "updated": 0}
    assert counts() == before


def test_the_undated_osimertinib_approval_of_earlier_demos_is_retired(db):
    load_facts()
    osimertinib = Drug.objects.get(slug="osimertinib")
    dated = Indication.objects.filter(drug=osimertinib).first()
    Indication.objects.create(
        drug=osimertinib, condition=dated.condition, biomarker=dated.biomarker, population="EGFR-mutated NSCLC"
    )
    assert load_facts() == {"created": 0, "updated": 1}
    assert not Indication.objects.filter(drug=osimertinib, approval_date=None).exists()
    assert Indication.objects.filter(drug=osimertinib).count() == 5


def test_command_prints_pages_and_passwords_then_keeps_them(db, capsys):
    call_command("load_demo")
    first = capsys.readouterr().out
    call_command("load_demo")
    second = capsys.readouterr().out
    assert "http://127.0.0.1:8000/drugs/crizotinib/" in first
    assert re.search(r"editor\s+\S{16}", first)
    assert "unchanged" in second
    assert re.search(r"editor\s+\(unchanged", second)


@pytest.mark.usefixtures("published_demo", "db")
class TestPublishedDemo:
    def test_every_page_is_published_from_the_editors_submission_and_the_reviewers_sign_off(self):
        publications = Publication.objects.select_related("signoff__submission")
        assert {p.slug for p in publications} == DEMO_SLUGS
        for publication in publications:
            assert publication.signoff.reviewer.username == "reviewer"
            assert publication.signoff.reviewer_name == "Dr Demo Reviewer"
            assert publication.signoff.submission.submitted_by.username == "editor"
            assert publication.signoff.submission.revision.user.username == "editor"
            assert publication.signoff.override_reason == ""
            assert not [f for f in publication.signoff.findings if f["severity"] == "error"]

    @pytest.mark.parametrize(
        "phrase",
        [
            "only FDA-approved",
            "the only approved",
            "EGFR mutation result",
            "osimertinib",
            "v2.2024",
            "Prescripttion",
            "Conatact",
            "confirmed overall survival",
            "ASCO Post",
        ],
    )
    def test_pages_repeat_none_of_the_seed_errors(self, phrase):
        for slug in ALK_ROS1_SLUGS:
            assert phrase.lower() not in published_text(slug).lower(), slug

    def test_hr_016_is_never_given_for_progression_free_survival(self):
        for publication in Publication.objects.all():
            for text in texts(publication.snapshot):
                for sentence in re.split(r"(?<=[.!?])\s+", text):
                    if "0.16" in sentence:
                        assert "progression-free" not in sentence.lower() and "PFS" not in sentence, sentence

    def test_comparison_gives_each_alex_figure_with_its_analysis(self):
        prose = read_text("crizotinib-vs-alectinib")
        updated = (
            "34.8 months with alectinib vs 10.9 months with crizotinib, HR 0.43, 95% CI 0.32–0.58 "
            "(median progression-free survival, investigator-assessed, updated analysis;"
        )
        assert f"Updated analysis: median progression-free survival was {updated}" in prose
        assert re.search(
            r"primary analysis of ALEX.*12% with alectinib vs 45% with crizotinib, cause-specific HR 0\.16", prose
        )
        assert (
            "81.1 months with alectinib vs 54.2 months with crizotinib, HR 0.78, 95% CI 0.56–1.08 "
            "(median overall survival, final analysis, not statistically significant;"
        ) in prose
        assert f"The cancer was kept under control for longer: median progression-free survival {updated}" in prose

    def test_the_comparison_carries_the_alex_outcome_rows(self):
        shown = {
            (o["endpoint"], o["analysis"], o["measure"]): o
            for t in Publication.objects.get(slug="crizotinib-vs-alectinib").snapshot["trials"]
            if t["slug"] == "alex"
            for o in t["outcomes"]
        }
        updated = shown[("pfs", "updated", "median")]
        assert (updated["experimental_value"], updated["control_value"], updated["hazard_ratio"]) == (
            "34.8",
            "10.9",
            "0.43",
        )
        assert (updated["hr_ci_low"], updated["hr_ci_high"], updated["assessor"]) == ("0.32", "0.58", "investigator")
        cns = shown[("cns_progression", "primary", "rate")]
        assert (cns["experimental_value"], cns["control_value"], cns["hazard_ratio"]) == ("12", "45", "0.16")
        assert (cns["hr_ci_low"], cns["hr_ci_high"], cns["hr_kind"]) == ("0.10", "0.28", "cause-specific")
        final_os = shown[("os", "final", "median")]
        assert (final_os["experimental_value"], final_os["control_value"]) == ("81.1", "54.2")
        assert (final_os["hazard_ratio"], final_os["hr_ci_low"], final_os["hr_ci_high"]) == ("0.78", "0.56", "1.08")
        assert final_os["statistically_significant"] is False
        label = shown[("pfs", "label", "median")]
        assert (label["experimental_value"], label["control_value"], label["assessor"]) == (
            "25.7",
            "10.4",
            "independent",
        )

    def test_profile_1014_final_survival_has_no_figures_only_its_note(self):
        final = Outcome.objects.get(trial__slug="profile-1014", endpoint=Outcome.Endpoint.OS)
        assert final.experimental_value is None and final.hazard_ratio is None
        assert final.note == "not significantly different (84% crossover)"
        assert final.statistically_significant is False

    def test_profile_1001_figures_on_the_pages_match_its_outcomes(self):
        rows = {(o.endpoint, o.analysis): o for o in Outcome.objects.filter(trial__slug="profile-1001-ros1")}
        primary_orr = rows[("orr", "primary")]
        assert (primary_orr.experimental_value, primary_orr.experimental_ci_low, primary_orr.experimental_ci_high) == (
            Decimal("72"),
            Decimal("58"),
            Decimal("84"),
        )
        assert rows[("dor", "primary")].experimental_value == Decimal("17.6")
        assert rows[("os", "final")].experimental_value == Decimal("51.4")
        assert rows[("orr", "label")].experimental_value == Decimal("66")
        for slug in ("crizotinib", "ros1-positive-nsclc"):
            text = read_text(slug)
            for figure in ("72%, 95% CI 58–84", "17.6 months", "19.2 months", "51.4 months", "66%", "18.3 months"):
                assert figure in text, (slug, figure)

    def test_crizotinib_approvals_include_lymphoma_and_imt(self):
        dates = {i.condition.abbreviation: i.approval_date for i in Indication.objects.filter(drug__slug="crizotinib")}
        assert dates["ALCL"] == datetime.date(2021, 1, 14)
        assert dates["IMT"] == datetime.date(2022, 7, 14)
        text = published_text("crizotinib")
        assert "2021-01-14" in text and "2022-07-14" in text

    def test_lorlatinib_is_not_approved_for_ros1_and_the_explainer_says_so(self):
        ros1 = Indication.objects.get(drug__slug="lorlatinib", biomarker__name="ROS1")
        assert ros1.status == Indication.Status.NOT_APPROVED
        assert ros1.approval_date is None
        assert "not FDA-approved for\\nROS1-positive lung cancer" in published_text("ros1-positive-nsclc")

    def test_alectinib_adjuvant_approval_and_month_precision_dates(self):
        adjuvant = Indication.objects.get(drug__slug="alectinib", approval_date=datetime.date(2024, 4, 18))
        assert "adjuvant" in adjuvant.setting
        lorlatinib = Indication.objects.filter(drug__slug="lorlatinib", status=Indication.Status.APPROVED)
        assert {i.approval_date_display for i in lorlatinib} == {"November 2018", "March 2021"}
        assert Indication.objects.get(drug__slug="brigatinib").approval_date is None

    def test_only_the_checked_doses_are_marked_verified(self):
        verified = Drug.objects.filter(dose_verified=True).values_list("slug", flat=True)
        # facts.md leaves brigatinib's, lorlatinib's, entrectinib's, taletrectinib's and osimertinib's unchecked;
        # gefitinib's and erlotinib's are only as given in FLAURA.
        assert set(verified) == {"crizotinib", "alectinib", "repotrectinib"}

    def test_renal_and_hepatic_dosing_are_on_the_drug_page(self):
        text = read_text("crizotinib")
        assert "Severe kidney problems, not on dialysis: 250 mg once daily" in text
        assert "Moderate liver problems: 200 mg twice daily" in text
        assert "Severe liver problems: 250 mg once daily" in text

    def test_every_page_cites_nccn_v1_2026_of_november_2025(self):
        for slug in DEMO_SLUGS:
            guidelines = [s for s in Publication.objects.get(slug=slug).snapshot["sources"] if s["kind"] == "guideline"]
            # The month is known, the day is not: no date that would show an unchecked day.
            assert [(g["version"], g["citation"], g["date"]) for g in guidelines] == [
                ("v1.2026", "November 2025", None)
            ]

    def test_drug_page_has_every_question_group_of_the_seed(self):
        groups = Publication.objects.get(slug="crizotinib").snapshot["question_groups"]
        assert [g["heading"] for g in groups][0] == "Before confirming crizotinib as your treatment"
        assert [g["heading"] for g in groups][-1] == "About the longer road"
        assert len(groups) == 12
        assert all(2 <= len(g["questions"]) <= 4 for g in groups)

    def test_every_demo_page_passes_the_content_checks_without_errors_or_warnings(self):
        catalogue = load_catalogue()
        for page in Page.objects.all():
            assert run_checks(page, catalogue) == [], page.slug

    def test_the_osimertinib_page_is_public_and_names_nothing_of_the_alk_ros1_family(self, client):
        response = client.get("/drugs/osimertinib/")
        assert response.status_code == 200
        assert "FLAURA" in response.content.decode()
        text = published_text("osimertinib")
        alk_ros1 = ["ALK", "ROS1", "crizotinib", "alectinib", "brigatinib", "lorlatinib", "entrectinib"]
        alk_ros1 += ["repotrectinib", "taletrectinib", "PROFILE", "ALEX", "CROWN", "ALTA-1L"]
        for name in alk_ros1:
            assert not re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE), name

    def test_flaura_survival_is_recorded_for_each_analysis(self):
        (flaura,) = [t for t in Publication.objects.get(slug="osimertinib").snapshot["trials"] if t["slug"] == "flaura"]
        assert flaura["control_drugs"] == ["erlotinib", "gefitinib"]
        survival = {o["analysis"]: o for o in flaura["outcomes"] if o["endpoint"] == "os"}
        assert set(survival) == {"interim", "final"}
        interim, final = survival["interim"], survival["final"]
        assert (interim["timepoint"], interim["experimental_value"], interim["control_value"]) == (
            "18-month",
            "83",
            "71",
        )
        assert (interim["hazard_ratio"], interim["statistically_significant"]) == ("0.63", False)
        assert (final["experimental_value"], final["control_value"], final["hazard_ratio"]) == ("38.6", "31.8", "0.80")
        assert (final["hr_ci_low"], final["hr_ci_high"], final["statistically_significant"]) == ("0.64", "1.00", True)
        assert "95.05%" in final["note"]

    def test_the_interim_survival_never_stands_for_the_final(self):
        prose = " ".join(readable_text(Publication.objects.get(slug="osimertinib").snapshot))
        assert "38.6" in prose and "83%" in prose
        for sentence in re.split(r"(?<=[.!?])\s+", prose):
            interim = any(figure in sentence for figure in ("83%", "71%", "0.63"))
            final = any(figure in sentence for figure in ("38.6", "31.8", "0.80"))
            assert not (interim and final), sentence
            if interim:
                assert "interim" in sentence and "final" not in sentence, sentence
            if final:
                assert "final" in sentence and "interim" not in sentence, sentence

    def test_adaura_results_carry_their_population_in_their_label(self):
        (adaura,) = [t for t in Publication.objects.get(slug="osimertinib").snapshot["trials"] if t["slug"] == "adaura"]
        assert [(o["endpoint"], o["population"]) for o in adaura["outcomes"]] == [
            ("dfs", "stage II-IIIA"),
            ("dfs", "stage IB-IIIA"),
        ]
        assert adaura["outcomes"][0]["label"].startswith("Disease-free survival, stage II-IIIA")
