"""The demo against the fact sheet, figure by figure.

The tables below are typed from shared/content/facts.md, not imported from the demo, so
a figure changed in monographs/demo (or a figure added that the fact sheet does not
give) fails here. A value of None means facts.md gives none: the row must hold none.
"""

import datetime
import json
import re
from decimal import Decimal

import pytest

from monographs.models import DoseAdjustment, Drug, Indication, Outcome, Trial
from monographs.presentation import readable_text
from monographs.references import MISSING
from reviews.models import Publication

pytestmark = pytest.mark.usefixtures("published_demo", "db")

D = Decimal
DAY, MONTH = Indication.DatePrecision.DAY, Indication.DatePrecision.MONTH
ACCELERATED, REGULAR = Indication.ApprovalType.ACCELERATED, Indication.ApprovalType.REGULAR


# facts.md, "Drugs": class / generation, targets, adult NSCLC dose, and whether the dose was
# re-checked (brigatinib, lorlatinib, entrectinib, taletrectinib and osimertinib were not).
DRUGS = {
    "crizotinib": ("Xalkori", "ALK/ROS1/MET", 1, "ALK, ROS1, c-Met (HGFR), RON", "250 mg twice daily", True),
    "alectinib": ("Alecensa", "ALK", 2, "ALK, RET", "600 mg twice daily with food", True),
    "brigatinib": ("Alunbrig", "ALK", 2, "ALK", "90 mg once daily for 7 days, then 180 mg once daily", False),
    "lorlatinib": ("Lorbrena", "ALK", 3, "ALK (also ROS1 activity)", "100 mg once daily", False),
    "entrectinib": ("Rozlytrek", "ROS1/NTRK", None, "ROS1, TRK A/B/C", "600 mg once daily", False),
    "repotrectinib": (
        "Augtyro",
        "ROS1/NTRK",
        None,
        "ROS1, TRK",
        "160 mg once daily for 14 days, then twice daily",
        True,
    ),
    "taletrectinib": ("Ibtrozi", "ROS1", None, "ROS1", "600 mg once daily", False),
    "osimertinib": ("Tagrisso", "EGFR", 3, "EGFR (exon 19 del, L858R, T790M)", "80 mg once daily", False),
    # facts.md, "A second family": FLAURA's comparators, their doses as given in FLAURA.
    "gefitinib": ("Iressa", "EGFR", 1, "EGFR", "250 mg once daily", False),
    "erlotinib": ("Tarceva", "EGFR", 1, "EGFR", "150 mg once daily", False),
}


@pytest.mark.parametrize("slug", DRUGS)
def test_drug(slug):
    brand, drug_class, generation, targets, dose, dose_checked = DRUGS[slug]
    drug = Drug.objects.get(slug=slug)
    assert drug.brand_names == brand
    assert drug.drug_class == f"{drug_class} tyrosine kinase inhibitor"
    assert drug.generation == generation
    assert drug.targets_detail == targets
    assert drug.dose == dose
    assert drug.dose_verified is dose_checked
    # Not in facts.md, so not on the page (the seed named a generic maker).
    assert (drug.manufacturers, drug.generic_available) == ("", None)


def test_the_demo_has_exactly_the_drugs_of_the_fact_sheet():
    assert set(Drug.objects.values_list("slug", flat=True)) == set(DRUGS)


# facts.md, crizotinib label warnings: "Severe renal impairment (creatinine clearance < 30 mL/min,
# not on dialysis): 250 mg once daily. Moderate hepatic impairment: 200 mg twice daily; severe:
# 250 mg once daily."
DOSE_CHANGES = [
    ("crizotinib", "renal", ("Severe", "30 mL/min", "not on dialysis"), "250 mg once daily"),
    ("crizotinib", "hepatic", ("Moderate",), "200 mg twice daily"),
    ("crizotinib", "hepatic", ("Severe",), "250 mg once daily"),
]


def test_the_demo_has_exactly_the_dose_changes_of_the_fact_sheet():
    rows = DoseAdjustment.objects.select_related("drug", "source").order_by("order")
    assert len(rows) == len(DOSE_CHANGES)
    for row, (drug, kind, words, dose) in zip(rows, DOSE_CHANGES, strict=True):
        assert (row.drug.slug, row.kind, row.dose) == (drug, kind, dose)
        assert all(word in row.population for word in words), row.population
        assert row.source.title == "XALKORI (crizotinib) prescribing information"


def _approval(drug, condition, biomarker, date, precision=DAY, approval_type="", words=()):
    return pytest.param(
        drug,
        condition,
        biomarker,
        date,
        precision,
        approval_type,
        words,
        id=f"{drug}-{biomarker}-{condition}-{date or 'undated'}",
    )


# facts.md, "FDA approvals". `words` must appear in the indication's setting, line of
# therapy or population; an approval type is given only where facts.md names it.
APPROVALS = [
    _approval("crizotinib", "NSCLC", "ALK", datetime.date(2011, 8, 26), DAY, ACCELERATED, ("metastatic",)),
    _approval("crizotinib", "NSCLC", "ALK", datetime.date(2013, 11, 20), DAY, REGULAR, ("metastatic",)),
    _approval("crizotinib", "NSCLC", "ROS1", datetime.date(2016, 3, 11), words=("metastatic",)),
    _approval("crizotinib", "ALCL", "ALK", datetime.date(2021, 1, 14), words=("1 year", "young adults")),
    _approval("crizotinib", "IMT", "ALK", datetime.date(2022, 7, 14), words=("adults", "1 year")),
    _approval(
        "alectinib", "NSCLC", "ALK", datetime.date(2015, 12, 11), DAY, ACCELERATED, ("metastatic", "after crizotinib")
    ),
    _approval("alectinib", "NSCLC", "ALK", datetime.date(2017, 11, 6), DAY, REGULAR, ("first line",)),
    _approval("alectinib", "NSCLC", "ALK", datetime.date(2024, 4, 18), words=("adjuvant after resection", "ALINA")),
    _approval("brigatinib", "NSCLC", "ALK", None, words=("metastatic",)),
    _approval("lorlatinib", "NSCLC", "ALK", datetime.date(2018, 11, 1), MONTH, ACCELERATED, ("metastatic",)),
    _approval("lorlatinib", "NSCLC", "ALK", datetime.date(2021, 3, 1), MONTH, words=("first line",)),
    _approval("entrectinib", "NSCLC", "ROS1", datetime.date(2019, 8, 15), words=("metastatic",)),
    _approval("entrectinib", "NTRK fusion-positive solid tumors", "NTRK", datetime.date(2019, 8, 15)),
    _approval(
        "repotrectinib",
        "NSCLC",
        "ROS1",
        datetime.date(2023, 11, 15),
        words=("locally advanced or metastatic", "with or without a prior ROS1 TKI"),
    ),
    _approval("taletrectinib", "NSCLC", "ROS1", datetime.date(2025, 6, 11), words=("locally advanced or metastatic",)),
    # facts.md, "A second family": where a day is not given, only the month is known.
    _approval(
        "osimertinib", "NSCLC", "EGFR", datetime.date(2015, 11, 1), MONTH, ACCELERATED, ("metastatic", "after", "T790M")
    ),
    _approval(
        "osimertinib", "NSCLC", "EGFR", datetime.date(2017, 3, 1), MONTH, REGULAR, ("metastatic", "T790M", "AURA3")
    ),
    _approval(
        "osimertinib",
        "NSCLC",
        "EGFR",
        datetime.date(2018, 4, 18),
        words=("first line", "metastatic", "exon 19 deletion", "L858R", "FLAURA"),
    ),
    _approval(
        "osimertinib",
        "NSCLC",
        "EGFR",
        datetime.date(2020, 12, 18),
        words=("adjuvant after resection", "exon 19 deletion", "L858R", "ADAURA"),
    ),
    _approval(
        "osimertinib",
        "NSCLC",
        "EGFR",
        datetime.date(2024, 2, 1),
        MONTH,
        words=("with platinum chemotherapy", "first line", "exon 19 deletion", "L858R", "FLAURA2"),
    ),
]


@pytest.mark.parametrize("drug, condition, biomarker, date, precision, approval_type, words", APPROVALS)
def test_approval(drug, condition, biomarker, date, precision, approval_type, words):
    rows = [
        i
        for i in Indication.objects.filter(drug__slug=drug, biomarker__name=biomarker, approval_date=date)
        if condition in (i.condition.abbreviation, i.condition.name)
    ]
    assert len(rows) == 1, rows
    (indication,) = rows
    assert indication.status == Indication.Status.APPROVED
    assert indication.regulator == Indication.Regulator.FDA
    assert indication.approval_type == approval_type
    if date:
        assert indication.date_precision == precision
    details = " ".join((indication.setting, indication.line_of_therapy, indication.population))
    for word in words:
        assert word in details


def test_the_demo_has_exactly_the_approvals_of_the_fact_sheet():
    approved = Indication.objects.filter(status=Indication.Status.APPROVED)
    assert approved.count() == len(APPROVALS)
    assert set(Indication.objects.values_list("regulator", flat=True)) == {Indication.Regulator.FDA}


def test_lorlatinib_is_recorded_as_not_approved_for_ros1():
    (ros1,) = Indication.objects.filter(drug__slug="lorlatinib", biomarker__name="ROS1")
    assert ros1.status == Indication.Status.NOT_APPROVED
    assert (ros1.approval_date, ros1.approval_type) == (None, "")
    assert Indication.objects.exclude(status=Indication.Status.APPROVED).count() == 1


@pytest.mark.parametrize(
    "drug, date, shown",
    [
        ("crizotinib", datetime.date(2011, 8, 26), "August 26, 2011"),
        ("alectinib", datetime.date(2024, 4, 18), "April 18, 2024"),
        ("lorlatinib", datetime.date(2018, 11, 1), "November 2018"),
        ("lorlatinib", datetime.date(2021, 3, 1), "March 2021"),
        ("osimertinib", datetime.date(2015, 11, 1), "November 2015"),
        ("osimertinib", datetime.date(2017, 3, 1), "March 2017"),
        ("osimertinib", datetime.date(2018, 4, 18), "April 18, 2018"),
        ("osimertinib", datetime.date(2024, 2, 1), "February 2024"),
    ],
)
def test_an_approval_date_reads_only_as_precisely_as_it_is_known(drug, date, shown):
    assert Indication.objects.get(drug__slug=drug, approval_date=date).approval_date_display == shown


# facts.md, "Trials": NCT id, phase, experimental drug, control (the arm's words; the drugs of
# the fact sheet among them are the trial's control drugs), and patients per arm where given.
TRIALS = {
    "PROFILE 1014": ("NCT01154140", "3", "crizotinib", "platinum-pemetrexed", None, None),
    "PROFILE 1001 ROS1 cohort": ("NCT00585195", "1", "crizotinib", "", None, None),
    "ALEX": ("NCT02075840", "3", "alectinib", "crizotinib", 152, 151),
    "ALTA-1L": ("NCT02737501", "3", "brigatinib", "crizotinib", None, None),
    "CROWN": ("NCT03052608", "3", "lorlatinib", "crizotinib", None, None),
    # facts.md gives FLAURA's and ADAURA's size (n=556, n=682), not each arm's; no NCT id for AURA3 or ADAURA.
    "FLAURA": ("NCT02296125", "3", "osimertinib", "gefitinib 250 mg or erlotinib 150 mg", None, None),
    "AURA3": (None, "3", "osimertinib", "platinum-pemetrexed", None, None),
    "ADAURA": (None, "3", "osimertinib", "placebo", None, None),
}


@pytest.mark.parametrize("name", TRIALS)
def test_trial(name):
    nct_id, phase, experimental, control, experimental_patients, control_patients = TRIALS[name]
    trial = Trial.objects.select_related("experimental_drug").get(name=name)
    assert (trial.nct_id, trial.phase) == (nct_id, phase)
    assert trial.experimental_drug.slug == experimental
    if control:
        assert control in trial.control_arm
    else:
        assert trial.single_arm
    assert {d.slug for d in trial.control_drugs.all()} == {word for word in control.split() if word in DRUGS}
    assert (trial.experimental_patients, trial.control_patients) == (experimental_patients, control_patients)


@pytest.mark.parametrize("name, size", [("FLAURA", "556"), ("ADAURA", "682")])
def test_a_trial_size_given_only_as_a_total_is_in_its_population(name, size):
    assert Trial.objects.get(name=name).population.startswith(f"{size} people")


def test_the_demo_has_exactly_the_trials_of_the_fact_sheet():
    assert set(Trial.objects.values_list("name", flat=True)) == set(TRIALS)


def _outcome(
    trial,
    endpoint,
    analysis,
    assessor="",
    timepoint="",
    *,
    population="",
    source,
    unit="",
    values=(None, None),
    ci=(None, None),
    patients=None,
    hr=None,
    hr_ci=(None, None),
    hr_kind="",
    significant=None,
    note="",
):
    expected = {
        "unit": unit,
        "experimental_value": values[0],
        "control_value": values[1],
        "experimental_ci_low": ci[0],
        "experimental_ci_high": ci[1],
        "patients": patients,
        "hazard_ratio": hr,
        "hr_ci_low": hr_ci[0],
        "hr_ci_high": hr_ci[1],
        "hr_kind": hr_kind,
        "statistically_significant": significant,
    }
    key = (trial, endpoint, analysis, assessor, timepoint, population)
    return pytest.param(key, expected, source, note, id="-".join(part for part in key if part))


M, P = "months", "%"
NEJM_2014_PROFILE_1014, NEJM_2014_PROFILE_1001 = "N Engl J Med 2014;371:2167", "N Engl J Med 2014;371:1963"
SORIA_NEJM_2018, RAMALINGAM_NEJM_2020 = "N Engl J Med 2018;378:113", "N Engl J Med 2020;382:41"

# Every figure of facts.md's Trials table, with the analysis and assessor it belongs to.
# Significance is set only where facts.md states it.
OUTCOMES = [
    _outcome(
        "profile-1014",
        "pfs",
        "primary",
        source=NEJM_2014_PROFILE_1014,
        unit=M,
        values=(D("10.9"), D("7.0")),
        hr=D("0.45"),
        hr_ci=(D("0.35"), D("0.60")),
    ),
    _outcome("profile-1014", "orr", "primary", source=NEJM_2014_PROFILE_1014, unit=P, values=(D("74"), D("45"))),
    _outcome(
        "profile-1014", "os", "final", source="J Clin Oncol 2018;36:2251", significant=False, note="84% crossover"
    ),
    _outcome(
        "profile-1001-ros1",
        "orr",
        "primary",
        source=NEJM_2014_PROFILE_1001,
        unit=P,
        values=(D("72"), None),
        ci=(D("58"), D("84")),
        patients=50,
    ),
    _outcome(
        "profile-1001-ros1",
        "dor",
        "primary",
        source=NEJM_2014_PROFILE_1001,
        unit=M,
        values=(D("17.6"), None),
        patients=50,
    ),
    _outcome(
        "profile-1001-ros1",
        "pfs",
        "primary",
        source=NEJM_2014_PROFILE_1001,
        unit=M,
        values=(D("19.2"), None),
        patients=50,
    ),
    _outcome("profile-1001-ros1", "orr", "final", source="Ann Oncol 2019", unit=P, values=(D("72"), None), patients=53),
    _outcome(
        "profile-1001-ros1", "os", "final", source="Ann Oncol 2019", unit=M, values=(D("51.4"), None), patients=53
    ),
    _outcome(
        "profile-1001-ros1",
        "orr",
        "label",
        "independent",
        source="XALKORI",
        unit=P,
        values=(D("66"), None),
        patients=50,
    ),
    _outcome(
        "profile-1001-ros1",
        "dor",
        "label",
        "independent",
        source="XALKORI",
        unit=M,
        values=(D("18.3"), None),
        patients=50,
    ),
    _outcome(
        "alex", "pfs", "primary", "investigator", source="N Engl J Med 2017", hr=D("0.47"), hr_ci=(D("0.34"), D("0.65"))
    ),
    _outcome(
        "alex",
        "event_free",
        "primary",
        "investigator",
        "12-month",
        source="N Engl J Med 2017",
        unit=P,
        values=(D("68.4"), D("48.7")),
    ),
    # The HR 0.16 is CNS progression's, never progression-free survival's.
    _outcome(
        "alex",
        "cns_progression",
        "primary",
        source="N Engl J Med 2017",
        unit=P,
        values=(D("12"), D("45")),
        hr=D("0.16"),
        hr_ci=(D("0.10"), D("0.28")),
        hr_kind="cause-specific",
    ),
    _outcome(
        "alex",
        "pfs",
        "updated",
        "investigator",
        source="Mok",
        unit=M,
        values=(D("34.8"), D("10.9")),
        hr=D("0.43"),
        hr_ci=(D("0.32"), D("0.58")),
    ),
    _outcome(
        "alex", "pfs", "label", "independent", source="ALECENSA", unit=M, values=(D("25.7"), D("10.4")), hr=D("0.53")
    ),
    _outcome(
        "alex",
        "os",
        "final",
        source="Peters",
        unit=M,
        values=(D("81.1"), D("54.2")),
        hr=D("0.78"),
        hr_ci=(D("0.56"), D("1.08")),
        significant=False,
    ),
    _outcome("alex", "os", "final", "", "7-year", source="Peters", unit=P, values=(D("48.6"), D("38.2"))),
    _outcome(
        "alta-1l",
        "pfs",
        "final",
        "independent",
        source="J Thorac Oncol 2021",
        unit=M,
        values=(D("24.0"), D("11.1")),
        hr=D("0.48"),
        hr_ci=(D("0.35"), D("0.66")),
    ),
    # facts.md calls CROWN's the 5-year analysis; "updated" is the model's word for it.
    _outcome(
        "crown",
        "pfs",
        "updated",
        "",
        "5-year",
        source="J Clin Oncol 2024;42:3400",
        unit=P,
        values=(D("60"), D("8")),
        hr=D("0.19"),
        hr_ci=(D("0.13"), D("0.27")),
    ),
    _outcome(
        "crown", "cns_progression", "updated", source="J Clin Oncol 2024;42:3400", hr=D("0.06"), note="intracranial"
    ),
    # facts.md, "A second family". FLAURA, like ALEX, reports one endpoint from several analyses.
    _outcome(
        "flaura",
        "pfs",
        "primary",
        "investigator",
        source=SORIA_NEJM_2018,
        unit=M,
        values=(D("18.9"), D("10.2")),
        hr=D("0.46"),
        hr_ci=(D("0.37"), D("0.57")),
        significant=True,
        note="P<0.001",
    ),
    _outcome(
        "flaura",
        "orr",
        "primary",
        source=SORIA_NEJM_2018,
        unit=P,
        values=(D("80"), D("76")),
        significant=False,
        note="odds ratio 1.27 (95% CI 0.85-1.90), P=0.24",
    ),
    _outcome("flaura", "orr", "label", source="TAGRISSO", unit=P, values=(D("77"), D("69")), note="confirmed"),
    _outcome("flaura", "dor", "primary", source=SORIA_NEJM_2018, unit=M, values=(D("17.2"), D("8.5"))),
    _outcome("flaura", "dor", "label", source="TAGRISSO", unit=M, values=(D("17.6"), D("9.6"))),
    # The interim 18-month survival was not significant; the final analysis was.
    _outcome(
        "flaura",
        "os",
        "interim",
        "",
        "18-month",
        source=SORIA_NEJM_2018,
        unit=P,
        values=(D("83"), D("71")),
        hr=D("0.63"),
        hr_ci=(D("0.45"), D("0.88")),
        significant=False,
        note="not significant at the interim analysis",
    ),
    _outcome(
        "flaura",
        "os",
        "final",
        source=RAMALINGAM_NEJM_2020,
        unit=M,
        values=(D("38.6"), D("31.8")),
        hr=D("0.80"),
        hr_ci=(D("0.64"), D("1.00")),
        significant=True,
        note="P=0.046; the interval is a 95.05% confidence interval",
    ),
    _outcome(
        "aura3", "pfs", "primary", source="AURA3: primary analysis", unit=M, values=(D("10.1"), D("4.4")), hr=D("0.30")
    ),
    # "Median not reached" has no figure: the osimertinib value stays empty and the note says so.
    _outcome(
        "adaura",
        "dfs",
        "label",
        "investigator",
        population="stage II-IIIA",
        source="TAGRISSO",
        unit=M,
        values=(None, D("19.6")),
        hr=D("0.17"),
        hr_ci=(D("0.12"), D("0.23")),
        note="median not reached",
    ),
    _outcome(
        "adaura",
        "dfs",
        "label",
        population="stage IB-IIIA",
        source="TAGRISSO",
        unit=M,
        values=(None, D("27.5")),
        hr=D("0.20"),
        hr_ci=(D("0.15"), D("0.27")),
        note="median not reached",
    ),
]


def _outcome_row(key):
    trial, endpoint, analysis, assessor, timepoint, population = key
    return Outcome.objects.select_related("source").get(
        trial__slug=trial,
        endpoint=endpoint,
        analysis=analysis,
        assessor=assessor,
        timepoint=timepoint,
        population=population,
    )


@pytest.mark.parametrize("key, expected, source, note", OUTCOMES)
def test_outcome(key, expected, source, note):
    outcome = _outcome_row(key)
    assert {field: getattr(outcome, field) for field in expected} == expected
    assert source in f"{outcome.source.title} {outcome.source.citation}"
    assert note in outcome.note


def test_the_demo_has_exactly_the_outcomes_of_the_fact_sheet():
    assert Outcome.objects.count() == len(OUTCOMES)


def test_label_figures_cite_the_label_and_journal_figures_a_publication():
    for param in OUTCOMES:
        key = param.values[0]
        kind = _outcome_row(key).source.kind
        assert kind == ("label" if key[2] == "label" else "publication"), key


# Every number facts.md gives, and the names that carry digits (trial names, years of
# approval, 95% CI, ages, exons); any other number in the pages' prose was invented.
FACT_NUMBERS = {
    "1",
    "2",
    "5",
    "7",
    "12",
    "30",
    "45",
    "50",
    "53",
    "60",
    "66",
    "72",
    "74",
    "84",
    "90",
    "95",
    "151",
    "152",
    "200",
    "250",
    "500",
    "600",
    "0.1",
    "0.5",
    "2.1",
    "2.9",
    "7.0",
    "8",
    "10.4",
    "10.9",
    "11.1",
    "17.6",
    "18.3",
    "19.2",
    "24.0",
    "25.7",
    "34.8",
    "38.2",
    "48.6",
    "48.7",
    "51.4",
    "54.2",
    "58",
    "68.4",
    "81.1",
    "0.10",
    "0.13",
    "0.16",
    "0.19",
    "0.27",
    "0.28",
    "0.32",
    "0.34",
    "0.35",
    "0.43",
    "0.45",
    "0.47",
    "0.48",
    "0.53",
    "0.56",
    "0.58",
    "0.60",
    "0.65",
    "0.66",
    "0.78",
    "1.08",
    "1001",
    "1014",
    "2011",
    "2013",
    "2015",
    "2016",
    "2017",
    "2019",
    "2021",
    "2022",
    "2023",
    "2024",
    "2025",
    # A second family: EGFR.
    "19",
    "21",
    "80",
    "150",
    "556",
    "682",
    "18",
    "18.9",
    "10.2",
    "0.46",
    "0.37",
    "0.57",
    "76",
    "77",
    "69",
    "17.2",
    "8.5",
    "9.6",
    "83",
    "71",
    "0.63",
    "0.88",
    "38.6",
    "31.8",
    "0.80",
    "95.05",
    "0.64",
    "1.00",
    "10.1",
    "4.4",
    "0.30",
    "19.6",
    "0.17",
    "0.12",
    "0.23",
    "27.5",
    "0.20",
    "0.15",
    "2018",
    "2020",
    # FLAURA's P values and the odds ratio of response, in its outcomes' notes.
    "0.001",
    "0.046",
    "1.27",
    "0.85",
    "1.90",
    "0.24",
}
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])")


# What figure references bring into the text besides their figures: the days of facts.md's
# approval dates and the volumes and pages of the citations it gives.
REFERENCE_NUMBERS = {"6", "11", "14", "15", "20", "26", "36", "42", "371", "1963", "2014", "2167", "2251", "3400"}
# FLAURA's citations: N Engl J Med 2018;378:113 and 2020;382:41.
REFERENCE_NUMBERS |= {"41", "113", "378", "382"}


def _prose(snapshot):
    """The prose as readers read it: rendered, each figure reference expanded from the snapshot."""
    yield from readable_text(snapshot)
    for source in snapshot["sources"]:
        yield source["note"]


@pytest.mark.parametrize("slug", ["crizotinib", "crizotinib-vs-alectinib", "ros1-positive-nsclc", "osimertinib"])
def test_every_number_in_a_pages_prose_is_one_the_fact_sheet_gives(slug):
    snapshot = Publication.objects.get(slug=slug).snapshot
    prose = list(_prose(snapshot))
    assert not [text for text in prose if MISSING in text]
    invented = {n for text in prose for n in NUMBER.findall(text)} - FACT_NUMBERS - REFERENCE_NUMBERS
    assert not invented, json.dumps(sorted(invented))
