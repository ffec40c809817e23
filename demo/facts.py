"""The structured facts of the demo, exactly as shared/content/facts.md states them.

Everything here is looked up by its natural key and saved only when it differs, so
loading twice changes nothing and leaves no new revision behind (a new revision on a
trial would mark every page showing it as "changes awaiting review"). Where facts.md is
silent (PMIDs, DOIs, URLs, publication days, most approval types) the field stays blank
for an editor to fill from a checked source.
"""

import datetime
import re
from decimal import Decimal
from urllib.parse import urlencode

import reversion
from django.core.exceptions import ValidationError

from monographs.models import (
    Biomarker,
    Condition,
    Contraception,
    DoseAdjustment,
    Drug,
    GlossaryTerm,
    Indication,
    Outcome,
    SideEffect,
    Source,
    Trial,
)

from .rows import CREATED, UPDATED, set_related, upsert

D = Decimal
Kind = Source.Kind
Gen = Drug.Generation
Precision = Indication.DatePrecision
Endpoint, Measure, Analysis, Assessor, Unit = (
    Outcome.Endpoint,
    Outcome.Measure,
    Outcome.Analysis,
    Outcome.Assessor,
    Outcome.Unit,
)

CONDITIONS = [
    {"slug": "nsclc", "name": "Non-small cell lung cancer", "abbreviation": "NSCLC"},
    {"slug": "alcl", "name": "Anaplastic large cell lymphoma", "abbreviation": "ALCL"},
    {"slug": "imt", "name": "Inflammatory myofibroblastic tumor", "abbreviation": "IMT"},
    {"slug": "ntrk-fusion-solid-tumors", "name": "NTRK fusion-positive solid tumors", "abbreviation": ""},
]

# approvals_complete_on: facts.md vouches for the full list of approvals only up to these dates.
# ROS1: the seed's "only FDA-approved drug for ROS1" is "false since 2019 (entrectinib 2019 ...)", so
# until entrectinib's approval crizotinib's was the only one. ALK: facts.md flags the seed's "only"
# claim but not its "first FDA-approved ... therapy for ALK-positive" one, so no ALK approval came
# before crizotinib's. Later lists are not vouched for, so present-day "only" claims stay warnings
# unless the data contradicts them.
BIOMARKERS = [
    {"slug": "alk", "name": "ALK", "full_name": "", "aliases": "", "approvals_complete_on": datetime.date(2011, 8, 26)},
    {
        "slug": "ros1",
        "name": "ROS1",
        "full_name": "",
        "aliases": "",
        "approvals_complete_on": datetime.date(2019, 8, 15),
    },
    {"slug": "met", "name": "MET", "full_name": "hepatocyte growth factor receptor", "aliases": "c-Met, HGFR"},
    {"slug": "ron", "name": "RON", "full_name": "", "aliases": ""},
    {"slug": "ret", "name": "RET", "full_name": "", "aliases": ""},
    {"slug": "ntrk", "name": "NTRK", "full_name": "", "aliases": "TRK, TRK A/B/C"},
    {"slug": "egfr", "name": "EGFR", "full_name": "", "aliases": ""},
]

LABELS = {
    "crizotinib": "XALKORI (crizotinib) prescribing information",
    "alectinib": "ALECENSA (alectinib) prescribing information",
    "brigatinib": "ALUNBRIG (brigatinib) prescribing information",
    "lorlatinib": "LORBRENA (lorlatinib) prescribing information",
    "entrectinib": "ROZLYTREK (entrectinib) prescribing information",
    "repotrectinib": "AUGTYRO (repotrectinib) prescribing information",
    "taletrectinib": "IBTROZI (taletrectinib) prescribing information",
    "osimertinib": "TAGRISSO (osimertinib) prescribing information",
}

NCCN_NSCLC = "NCCN Clinical Practice Guidelines in Oncology: Non-Small Cell Lung Cancer"

# Keyed by a short name the rest of this module uses; the title is what readers see.
PUBLICATIONS = {
    "profile-1014-primary": ("PROFILE 1014: primary analysis", "N Engl J Med", "N Engl J Med 2014;371:2167"),
    "profile-1014-final-os": (
        "PROFILE 1014: final overall survival analysis",
        "J Clin Oncol",
        "J Clin Oncol 2018;36:2251",
    ),
    "profile-1001-ros1": ("PROFILE 1001, ROS1 cohort", "N Engl J Med", "N Engl J Med 2014;371:1963"),
    "profile-1001-ros1-final": ("PROFILE 1001, ROS1 cohort: final analysis", "Ann Oncol", "Ann Oncol 2019"),
    "alex-primary": ("ALEX: primary analysis", "N Engl J Med", "N Engl J Med 2017"),
    "alex-updated": ("Mok et al., ALEX: updated analysis", "Ann Oncol", "Ann Oncol 2020"),
    "alex-final-os": ("Peters et al., ALEX: final overall survival analysis", "Ann Oncol", "Ann Oncol 2025"),
    "alta-1l-final": ("ALTA-1L: final analysis", "J Thorac Oncol", "J Thorac Oncol 2021"),
    "crown-5-year": ("CROWN: 5-year analysis", "J Clin Oncol", "J Clin Oncol 2024;42:3400"),
    "flaura-primary": ("Soria et al., FLAURA: primary analysis", "N Engl J Med", "N Engl J Med 2018;378:113"),
    "flaura-final-os": (
        "Ramalingam et al., FLAURA: final overall survival analysis",
        "N Engl J Med",
        "N Engl J Med 2020;382:41",
    ),
    # facts.md names no publication for AURA3: journal and citation stay blank for an editor to fill.
    "aura3-primary": ("AURA3: primary analysis", "", ""),
}

DRUGS = [
    {
        "slug": "crizotinib",
        "name": "crizotinib",
        "brand_names": "Xalkori",
        "drug_class": "ALK/ROS1/MET tyrosine kinase inhibitor",
        "generation": Gen.FIRST,
        "targets": ["ALK", "ROS1", "MET", "RON"],
        "targets_detail": "ALK, ROS1, c-Met (HGFR), RON",
        "dose": "250 mg twice daily",
        "dose_verified": True,
    },
    {
        "slug": "alectinib",
        "name": "alectinib",
        "brand_names": "Alecensa",
        "drug_class": "ALK tyrosine kinase inhibitor",
        "generation": Gen.SECOND,
        "targets": ["ALK", "RET"],
        "targets_detail": "ALK, RET",
        "dose": "600 mg twice daily with food",
        "dose_verified": True,
        "food": Drug.Food.WITH,
    },
    {
        "slug": "brigatinib",
        "name": "brigatinib",
        "brand_names": "Alunbrig",
        "drug_class": "ALK tyrosine kinase inhibitor",
        "generation": Gen.SECOND,
        "targets": ["ALK"],
        "targets_detail": "ALK",
        "dose": "90 mg once daily for 7 days, then 180 mg once daily",
        "dose_verified": False,
    },
    {
        "slug": "lorlatinib",
        "name": "lorlatinib",
        "brand_names": "Lorbrena",
        "drug_class": "ALK tyrosine kinase inhibitor",
        "generation": Gen.THIRD,
        "targets": ["ALK", "ROS1"],
        "targets_detail": "ALK (also ROS1 activity)",
        "dose": "100 mg once daily",
        "dose_verified": False,
    },
    {
        "slug": "entrectinib",
        "name": "entrectinib",
        "brand_names": "Rozlytrek",
        "drug_class": "ROS1/NTRK tyrosine kinase inhibitor",
        "generation": None,
        "targets": ["ROS1", "NTRK"],
        "targets_detail": "ROS1, TRK A/B/C",
        "dose": "600 mg once daily",
        "dose_verified": False,
    },
    {
        "slug": "repotrectinib",
        "name": "repotrectinib",
        "brand_names": "Augtyro",
        "drug_class": "ROS1/NTRK tyrosine kinase inhibitor",
        "generation": None,
        "targets": ["ROS1", "NTRK"],
        "targets_detail": "ROS1, TRK",
        "dose": "160 mg once daily for 14 days, then twice daily",
        "dose_verified": True,
    },
    {
        "slug": "taletrectinib",
        "name": "taletrectinib",
        "brand_names": "Ibtrozi",
        "drug_class": "ROS1 tyrosine kinase inhibitor",
        "generation": None,
        "targets": ["ROS1"],
        "targets_detail": "ROS1",
        "dose": "600 mg once daily",
        "dose_verified": False,
    },
    {
        "slug": "osimertinib",
        "name": "osimertinib",
        "brand_names": "Tagrisso",
        "drug_class": "EGFR tyrosine kinase inhibitor",
        "generation": Gen.THIRD,
        "targets": ["EGFR"],
        "targets_detail": "EGFR (exon 19 del, L858R, T790M)",
        "dose": "80 mg once daily",
        "dose_verified": False,
    },
    # FLAURA's comparators: their doses as given in FLAURA, their approvals not recorded.
    {
        "slug": "gefitinib",
        "name": "gefitinib",
        "brand_names": "Iressa",
        "drug_class": "EGFR tyrosine kinase inhibitor",
        "generation": Gen.FIRST,
        "targets": ["EGFR"],
        "targets_detail": "EGFR",
        "dose": "250 mg once daily",
        "dose_verified": False,
    },
    {
        "slug": "erlotinib",
        "name": "erlotinib",
        "brand_names": "Tarceva",
        "drug_class": "EGFR tyrosine kinase inhibitor",
        "generation": Gen.FIRST,
        "targets": ["EGFR"],
        "targets_detail": "EGFR",
        "dose": "150 mg once daily",
        "dose_verified": False,
    },
]

Adjust = DoseAdjustment.Kind
# facts.md, crizotinib label: the changed doses, in the label's order.
DOSE_ADJUSTMENTS = [
    {
        "drug": "crizotinib",
        "kind": Adjust.RENAL,
        "order": 1,
        "dose": "250 mg once daily",
        "population": "Severe renal impairment (creatinine clearance below 30 mL/min), not on dialysis",
    },
    {
        "drug": "crizotinib",
        "kind": Adjust.HEPATIC,
        "order": 2,
        "dose": "200 mg twice daily",
        "population": "Moderate hepatic impairment",
    },
    {
        "drug": "crizotinib",
        "kind": Adjust.HEPATIC,
        "order": 3,
        "dose": "250 mg once daily",
        "population": "Severe hepatic impairment",
    },
]

Effect = SideEffect.Kind
# facts.md, crizotinib label warnings, with the rates it gives and nothing more: no rate,
# no "when to call" and no monitoring where the sheet gives none.
SIDE_EFFECTS = [
    {
        "drug": "crizotinib",
        "kind": Effect.SERIOUS,
        "order": 1,
        "name": "Hepatotoxicity",
        "plain_name": "Liver damage",
        "description": "The medicine can harm the liver.",
        "fatal_rate": Decimal("0.1"),
    },
    {
        "drug": "crizotinib",
        "kind": Effect.SERIOUS,
        "order": 2,
        "name": "Interstitial lung disease (pneumonitis)",
        "plain_name": "Lung inflammation",
        "description": "Inflammation of the lungs.",
        "rate": Decimal("2.9"),
        "rate_measure": "any grade",
        "fatal_rate": Decimal("0.5"),
    },
    {
        "drug": "crizotinib",
        "kind": Effect.SERIOUS,
        "order": 3,
        "name": "QT interval prolongation",
        "plain_name": "A change in the heart's electrical rhythm",
        "description": "A change seen on a heart tracing (ECG).",
        "rate": Decimal("2.1"),
        "rate_measure": "QTcF of 500 ms or more",
    },
    {
        "drug": "crizotinib",
        "kind": Effect.SERIOUS,
        "order": 4,
        "name": "Bradycardia",
        "plain_name": "Slow heartbeat",
    },
    {
        "drug": "crizotinib",
        "kind": Effect.SERIOUS,
        "order": 5,
        "name": "Severe visual loss",
        "plain_name": "Severe loss of sight",
    },
    {
        "drug": "crizotinib",
        "kind": Effect.SERIOUS,
        "order": 6,
        "name": "Embryo-fetal toxicity",
        "plain_name": "Harm to an unborn baby",
        "description": "The medicine can harm a baby in the womb; see contraception below.",
    },
    {
        "drug": "crizotinib",
        "kind": Effect.COMMON,
        "order": 7,
        "name": "Vision disorders",
        "plain_name": "Changes in eyesight",
        "rate": Decimal("60"),
        "rate_is_approximate": True,
    },
]

# facts.md, crizotinib label: contraception after the last dose.
CONTRACEPTION = [
    {"drug": "crizotinib", "who": Contraception.Who.FEMALE, "days_after_last_dose": 45},
    {"drug": "crizotinib", "who": Contraception.Who.MALE, "days_after_last_dose": 90},
]

ACCELERATED, REGULAR = Indication.ApprovalType.ACCELERATED, Indication.ApprovalType.REGULAR


def _approval(drug, condition, biomarker, date=None, approval_type="", precision=Precision.DAY, **extra):
    return {
        "drug": drug,
        "condition": condition,
        "biomarker": biomarker,
        "approval_date": date,
        "approval_type": approval_type,
        "date_precision": precision,
        "status": Indication.Status.APPROVED,
        **extra,
    }


# facts.md, osimertinib's first-line, adjuvant and chemotherapy approvals: "same mutations". The
# biomarker is EGFR; the population names the mutation, as the approval does.
EGFR_COMMON = "exon 19 deletion or exon 21 L858R mutation"

# facts.md names the approval type (accelerated or regular) only where it is given here;
# elsewhere it stays blank for an editor to complete from the label.
INDICATIONS = [
    _approval("crizotinib", "nsclc", "ALK", datetime.date(2011, 8, 26), ACCELERATED, setting="metastatic"),
    _approval("crizotinib", "nsclc", "ALK", datetime.date(2013, 11, 20), REGULAR, setting="metastatic"),
    _approval("crizotinib", "nsclc", "ROS1", datetime.date(2016, 3, 11), setting="metastatic"),
    _approval(
        "crizotinib",
        "alcl",
        "ALK",
        datetime.date(2021, 1, 14),
        population="children aged 1 year and older and young adults",
    ),
    _approval(
        "crizotinib",
        "imt",
        "ALK",
        datetime.date(2022, 7, 14),
        population="adults and children aged 1 year and older",
    ),
    _approval(
        "alectinib",
        "nsclc",
        "ALK",
        datetime.date(2015, 12, 11),
        ACCELERATED,
        setting="metastatic",
        line_of_therapy="after crizotinib",
    ),
    _approval(
        "alectinib",
        "nsclc",
        "ALK",
        datetime.date(2017, 11, 6),
        REGULAR,
        setting="metastatic",
        line_of_therapy="first line",
    ),
    _approval("alectinib", "nsclc", "ALK", datetime.date(2024, 4, 18), setting="adjuvant after resection, ALINA trial"),
    _approval("brigatinib", "nsclc", "ALK", setting="metastatic"),
    _approval(
        "lorlatinib", "nsclc", "ALK", datetime.date(2018, 11, 1), ACCELERATED, Precision.MONTH, setting="metastatic"
    ),
    _approval(
        "lorlatinib",
        "nsclc",
        "ALK",
        datetime.date(2021, 3, 1),
        precision=Precision.MONTH,
        setting="metastatic",
        line_of_therapy="first line",
    ),
    {
        "drug": "lorlatinib",
        "condition": "nsclc",
        "biomarker": "ROS1",
        "approval_date": None,
        "approval_type": "",
        "date_precision": Precision.DAY,
        "status": Indication.Status.NOT_APPROVED,
        "setting": "guideline-listed, off-label",
    },
    _approval("entrectinib", "nsclc", "ROS1", datetime.date(2019, 8, 15), setting="metastatic"),
    _approval("entrectinib", "ntrk-fusion-solid-tumors", "NTRK", datetime.date(2019, 8, 15)),
    _approval(
        "repotrectinib",
        "nsclc",
        "ROS1",
        datetime.date(2023, 11, 15),
        setting="locally advanced or metastatic",
        line_of_therapy="with or without a prior ROS1 TKI",
    ),
    _approval("taletrectinib", "nsclc", "ROS1", datetime.date(2025, 6, 11), setting="locally advanced or metastatic"),
    _approval(
        "osimertinib",
        "nsclc",
        "EGFR",
        datetime.date(2015, 11, 1),
        ACCELERATED,
        Precision.MONTH,
        setting="metastatic",
        line_of_therapy="after an EGFR TKI",
        population="T790M mutation",
    ),
    _approval(
        "osimertinib",
        "nsclc",
        "EGFR",
        datetime.date(2017, 3, 1),
        REGULAR,
        Precision.MONTH,
        setting="metastatic, AURA3 trial",
        line_of_therapy="after an EGFR TKI",
        population="T790M mutation",
    ),
    _approval(
        "osimertinib",
        "nsclc",
        "EGFR",
        datetime.date(2018, 4, 18),
        setting="metastatic, FLAURA trial",
        line_of_therapy="first line",
        population=EGFR_COMMON,
    ),
    _approval(
        "osimertinib",
        "nsclc",
        "EGFR",
        datetime.date(2020, 12, 18),
        setting="adjuvant after resection, ADAURA trial",
        population=EGFR_COMMON,
    ),
    _approval(
        "osimertinib",
        "nsclc",
        "EGFR",
        datetime.date(2024, 2, 1),
        precision=Precision.MONTH,
        setting="with platinum chemotherapy, FLAURA2 trial",
        line_of_therapy="first line",
        population=EGFR_COMMON,
    ),
]

# Rows an earlier version of the demo created that facts.md no longer supports: osimertinib's
# approvals were one undated row until facts.md dated each of them.
RETIRED_INDICATIONS = [
    {"drug": "osimertinib", "biomarker": "EGFR", "approval_date": None, "population": "EGFR-mutated NSCLC"},
]

TRIALS = [
    {
        "slug": "profile-1014",
        "name": "PROFILE 1014",
        "nct_id": "NCT01154140",
        "phase": Trial.Phase.PHASE_3,
        "design": "crizotinib versus platinum-pemetrexed chemotherapy",
        "population": "previously untreated ALK-positive NSCLC",
        "line_of_therapy": "first line",
        "experimental_drug": "crizotinib",
        "experimental_arm": "crizotinib",
        "control_drugs": [],
        "control_arm": "platinum-pemetrexed chemotherapy",
        "pivotal": True,
        "publications": ["profile-1014-primary", "profile-1014-final-os"],
    },
    {
        "slug": "profile-1001-ros1",
        "name": "PROFILE 1001 ROS1 cohort",
        "nct_id": "NCT00585195",
        "phase": Trial.Phase.PHASE_1,
        "design": "expansion cohort, single arm",
        "population": "ROS1-positive NSCLC",
        "line_of_therapy": "",
        "experimental_drug": "crizotinib",
        "experimental_arm": "crizotinib",
        "control_drugs": [],
        "control_arm": "",
        "pivotal": True,
        "publications": ["profile-1001-ros1", "profile-1001-ros1-final"],
    },
    {
        "slug": "alex",
        "name": "ALEX",
        "nct_id": "NCT02075840",
        "phase": Trial.Phase.PHASE_3,
        "design": "alectinib versus crizotinib, head to head",
        "population": "previously untreated ALK-positive NSCLC",
        "line_of_therapy": "first line",
        "experimental_drug": "alectinib",
        "experimental_arm": "alectinib",
        "experimental_patients": 152,
        "control_drugs": ["crizotinib"],
        "control_arm": "crizotinib",
        "control_patients": 151,
        "pivotal": True,
        "publications": ["alex-primary", "alex-updated", "alex-final-os"],
    },
    {
        "slug": "alta-1l",
        "name": "ALTA-1L",
        "nct_id": "NCT02737501",
        "phase": Trial.Phase.PHASE_3,
        "design": "brigatinib versus crizotinib, head to head",
        # facts.md names no line of therapy for this trial.
        "population": "ALK-positive NSCLC",
        "line_of_therapy": "",
        "experimental_drug": "brigatinib",
        "experimental_arm": "brigatinib",
        "control_drugs": ["crizotinib"],
        "control_arm": "crizotinib",
        "pivotal": False,
        "publications": ["alta-1l-final"],
    },
    {
        "slug": "crown",
        "name": "CROWN",
        "nct_id": "NCT03052608",
        "phase": Trial.Phase.PHASE_3,
        "design": "lorlatinib versus crizotinib, head to head",
        # facts.md names no line of therapy for this trial.
        "population": "ALK-positive NSCLC",
        "line_of_therapy": "",
        "experimental_drug": "lorlatinib",
        "experimental_arm": "lorlatinib",
        "control_drugs": ["crizotinib"],
        "control_arm": "crizotinib",
        "pivotal": False,
        "publications": ["crown-5-year"],
    },
    {
        "slug": "flaura",
        "name": "FLAURA",
        "nct_id": "NCT02296125",
        "phase": Trial.Phase.PHASE_3,
        "design": "double blind, osimertinib versus gefitinib or erlotinib",
        # facts.md gives the trial's size (n=556), not each arm's.
        "population": "556 people with previously untreated advanced NSCLC with an EGFR exon 19 deletion or L858R",
        "line_of_therapy": "first line",
        "experimental_drug": "osimertinib",
        "experimental_arm": "osimertinib 80 mg once daily",
        "control_drugs": ["gefitinib", "erlotinib"],
        "control_arm": "gefitinib 250 mg or erlotinib 150 mg once daily",
        "pivotal": True,
        "publications": ["flaura-primary", "flaura-final-os"],
    },
    {
        "slug": "aura3",
        "name": "AURA3",
        # facts.md gives no NCT id for AURA3.
        "nct_id": None,
        "phase": Trial.Phase.PHASE_3,
        "design": "osimertinib versus platinum-pemetrexed chemotherapy",
        "population": "EGFR T790M-positive NSCLC",
        "line_of_therapy": "after an EGFR TKI",
        "experimental_drug": "osimertinib",
        "experimental_arm": "osimertinib",
        "control_drugs": [],
        "control_arm": "platinum-pemetrexed chemotherapy",
        "pivotal": True,
        "publications": ["aura3-primary"],
    },
    {
        "slug": "adaura",
        "name": "ADAURA",
        # facts.md gives no NCT id for ADAURA.
        "nct_id": None,
        "phase": Trial.Phase.PHASE_3,
        "design": "osimertinib versus placebo after complete resection",
        "population": "682 people with completely resected NSCLC with an EGFR exon 19 deletion or L858R",
        "line_of_therapy": "adjuvant",
        "experimental_drug": "osimertinib",
        "experimental_arm": "osimertinib",
        "control_drugs": [],
        "control_arm": "placebo",
        "pivotal": True,
        "publications": [],
    },
]


def _outcome(trial, order, endpoint, measure, analysis, source, **values):
    return {
        "trial": trial,
        "order": order,
        "endpoint": endpoint,
        "measure": measure,
        "analysis": analysis,
        "source": source,
        "timepoint": values.pop("timepoint", ""),
        "assessor": values.pop("assessor", ""),
        "population": values.pop("population", ""),
        **values,
    }


MONTHS, PERCENT = Unit.MONTHS, Unit.PERCENT

# Every row of facts.md's Trials table. A source key is a PUBLICATIONS key or "label:<drug>".
# Significance is recorded only where facts.md states it: a 95% CI alone does not say
# whether an updated or 5-year analysis was formally tested.
OUTCOMES = [
    _outcome(
        "profile-1014",
        1,
        Endpoint.PFS,
        Measure.MEDIAN,
        Analysis.PRIMARY,
        "profile-1014-primary",
        unit=MONTHS,
        experimental_value=D("10.9"),
        control_value=D("7.0"),
        hazard_ratio=D("0.45"),
        hr_ci_low=D("0.35"),
        hr_ci_high=D("0.60"),
    ),
    _outcome(
        "profile-1014",
        2,
        Endpoint.ORR,
        Measure.RATE,
        Analysis.PRIMARY,
        "profile-1014-primary",
        unit=PERCENT,
        experimental_value=D("74"),
        control_value=D("45"),
    ),
    _outcome(
        "profile-1014",
        3,
        Endpoint.OS,
        Measure.STATED,
        Analysis.FINAL,
        "profile-1014-final-os",
        statistically_significant=False,
        note="not significantly different (84% crossover)",
    ),
    _outcome(
        "profile-1001-ros1",
        1,
        Endpoint.ORR,
        Measure.RATE,
        Analysis.PRIMARY,
        "profile-1001-ros1",
        unit=PERCENT,
        experimental_value=D("72"),
        experimental_ci_low=D("58"),
        experimental_ci_high=D("84"),
        patients=50,
    ),
    _outcome(
        "profile-1001-ros1",
        2,
        Endpoint.DOR,
        Measure.MEDIAN,
        Analysis.PRIMARY,
        "profile-1001-ros1",
        unit=MONTHS,
        experimental_value=D("17.6"),
        patients=50,
    ),
    _outcome(
        "profile-1001-ros1",
        3,
        Endpoint.PFS,
        Measure.MEDIAN,
        Analysis.PRIMARY,
        "profile-1001-ros1",
        unit=MONTHS,
        experimental_value=D("19.2"),
        patients=50,
    ),
    _outcome(
        "profile-1001-ros1",
        4,
        Endpoint.ORR,
        Measure.RATE,
        Analysis.FINAL,
        "profile-1001-ros1-final",
        unit=PERCENT,
        experimental_value=D("72"),
        patients=53,
    ),
    _outcome(
        "profile-1001-ros1",
        5,
        Endpoint.OS,
        Measure.MEDIAN,
        Analysis.FINAL,
        "profile-1001-ros1-final",
        unit=MONTHS,
        experimental_value=D("51.4"),
        patients=53,
    ),
    _outcome(
        "profile-1001-ros1",
        6,
        Endpoint.ORR,
        Measure.RATE,
        Analysis.LABEL,
        "label:crizotinib",
        assessor=Assessor.INDEPENDENT,
        unit=PERCENT,
        experimental_value=D("66"),
        patients=50,
    ),
    _outcome(
        "profile-1001-ros1",
        7,
        Endpoint.DOR,
        Measure.MEDIAN,
        Analysis.LABEL,
        "label:crizotinib",
        assessor=Assessor.INDEPENDENT,
        unit=MONTHS,
        experimental_value=D("18.3"),
        patients=50,
    ),
    _outcome(
        "alex",
        1,
        Endpoint.PFS,
        Measure.HAZARD_RATIO,
        Analysis.PRIMARY,
        "alex-primary",
        assessor=Assessor.INVESTIGATOR,
        hazard_ratio=D("0.47"),
        hr_ci_low=D("0.34"),
        hr_ci_high=D("0.65"),
    ),
    _outcome(
        "alex",
        2,
        Endpoint.EVENT_FREE,
        Measure.LANDMARK,
        Analysis.PRIMARY,
        "alex-primary",
        timepoint="12-month",
        assessor=Assessor.INVESTIGATOR,
        unit=PERCENT,
        experimental_value=D("68.4"),
        control_value=D("48.7"),
    ),
    _outcome(
        "alex",
        3,
        Endpoint.CNS_PROGRESSION,
        Measure.RATE,
        Analysis.PRIMARY,
        "alex-primary",
        unit=PERCENT,
        experimental_value=D("12"),
        control_value=D("45"),
        hazard_ratio=D("0.16"),
        hr_ci_low=D("0.10"),
        hr_ci_high=D("0.28"),
        hr_kind="cause-specific",
    ),
    _outcome(
        "alex",
        4,
        Endpoint.PFS,
        Measure.MEDIAN,
        Analysis.UPDATED,
        "alex-updated",
        assessor=Assessor.INVESTIGATOR,
        unit=MONTHS,
        experimental_value=D("34.8"),
        control_value=D("10.9"),
        hazard_ratio=D("0.43"),
        hr_ci_low=D("0.32"),
        hr_ci_high=D("0.58"),
    ),
    _outcome(
        "alex",
        5,
        Endpoint.PFS,
        Measure.MEDIAN,
        Analysis.LABEL,
        "label:alectinib",
        assessor=Assessor.INDEPENDENT,
        unit=MONTHS,
        experimental_value=D("25.7"),
        control_value=D("10.4"),
        hazard_ratio=D("0.53"),
    ),
    _outcome(
        "alex",
        6,
        Endpoint.OS,
        Measure.MEDIAN,
        Analysis.FINAL,
        "alex-final-os",
        unit=MONTHS,
        experimental_value=D("81.1"),
        control_value=D("54.2"),
        hazard_ratio=D("0.78"),
        hr_ci_low=D("0.56"),
        hr_ci_high=D("1.08"),
        statistically_significant=False,
        note="not statistically significant",
    ),
    _outcome(
        "alex",
        7,
        Endpoint.OS,
        Measure.LANDMARK,
        Analysis.FINAL,
        "alex-final-os",
        timepoint="7-year",
        unit=PERCENT,
        experimental_value=D("48.6"),
        control_value=D("38.2"),
    ),
    _outcome(
        "alta-1l",
        1,
        Endpoint.PFS,
        Measure.MEDIAN,
        Analysis.FINAL,
        "alta-1l-final",
        assessor=Assessor.INDEPENDENT,
        unit=MONTHS,
        experimental_value=D("24.0"),
        control_value=D("11.1"),
        hazard_ratio=D("0.48"),
        hr_ci_low=D("0.35"),
        hr_ci_high=D("0.66"),
    ),
    _outcome(
        "crown",
        1,
        Endpoint.PFS,
        Measure.LANDMARK,
        Analysis.UPDATED,
        "crown-5-year",
        timepoint="5-year",
        unit=PERCENT,
        experimental_value=D("60"),
        control_value=D("8"),
        hazard_ratio=D("0.19"),
        hr_ci_low=D("0.13"),
        hr_ci_high=D("0.27"),
    ),
    _outcome(
        "crown",
        2,
        Endpoint.CNS_PROGRESSION,
        Measure.HAZARD_RATIO,
        Analysis.UPDATED,
        "crown-5-year",
        hazard_ratio=D("0.06"),
        note="intracranial progression",
    ),
    # FLAURA reports one endpoint from several analyses, like ALEX: the publication's and the
    # FDA review's response and its duration, and survival at an interim and the final analysis.
    _outcome(
        "flaura",
        1,
        Endpoint.PFS,
        Measure.MEDIAN,
        Analysis.PRIMARY,
        "flaura-primary",
        assessor=Assessor.INVESTIGATOR,
        unit=MONTHS,
        experimental_value=D("18.9"),
        control_value=D("10.2"),
        hazard_ratio=D("0.46"),
        hr_ci_low=D("0.37"),
        hr_ci_high=D("0.57"),
        statistically_significant=True,
        note="P<0.001",
    ),
    _outcome(
        "flaura",
        2,
        Endpoint.ORR,
        Measure.RATE,
        Analysis.PRIMARY,
        "flaura-primary",
        unit=PERCENT,
        experimental_value=D("80"),
        control_value=D("76"),
        statistically_significant=False,
        note="not significant: odds ratio 1.27 (95% CI 0.85-1.90), P=0.24",
    ),
    _outcome(
        "flaura",
        3,
        Endpoint.ORR,
        Measure.RATE,
        Analysis.LABEL,
        "label:osimertinib",
        unit=PERCENT,
        experimental_value=D("77"),
        control_value=D("69"),
        note="confirmed responses",
    ),
    _outcome(
        "flaura",
        4,
        Endpoint.DOR,
        Measure.MEDIAN,
        Analysis.PRIMARY,
        "flaura-primary",
        unit=MONTHS,
        experimental_value=D("17.2"),
        control_value=D("8.5"),
    ),
    _outcome(
        "flaura",
        5,
        Endpoint.DOR,
        Measure.MEDIAN,
        Analysis.LABEL,
        "label:osimertinib",
        unit=MONTHS,
        experimental_value=D("17.6"),
        control_value=D("9.6"),
    ),
    # facts.md names no source for the interim figure; it belongs with the primary publication's rows.
    _outcome(
        "flaura",
        6,
        Endpoint.OS,
        Measure.LANDMARK,
        Analysis.INTERIM,
        "flaura-primary",
        timepoint="18-month",
        unit=PERCENT,
        experimental_value=D("83"),
        control_value=D("71"),
        hazard_ratio=D("0.63"),
        hr_ci_low=D("0.45"),
        hr_ci_high=D("0.88"),
        statistically_significant=False,
        note="not significant at the interim analysis",
    ),
    _outcome(
        "flaura",
        7,
        Endpoint.OS,
        Measure.MEDIAN,
        Analysis.FINAL,
        "flaura-final-os",
        unit=MONTHS,
        experimental_value=D("38.6"),
        control_value=D("31.8"),
        hazard_ratio=D("0.80"),
        hr_ci_low=D("0.64"),
        hr_ci_high=D("1.00"),
        statistically_significant=True,
        note="statistically significant, P=0.046; the interval is a 95.05% confidence interval, not 95%",
    ),
    _outcome(
        "aura3",
        1,
        Endpoint.PFS,
        Measure.MEDIAN,
        Analysis.PRIMARY,
        "aura3-primary",
        unit=MONTHS,
        experimental_value=D("10.1"),
        control_value=D("4.4"),
        hazard_ratio=D("0.30"),
    ),
    _outcome(
        "adaura",
        1,
        Endpoint.DFS,
        Measure.MEDIAN,
        Analysis.LABEL,
        "label:osimertinib",
        assessor=Assessor.INVESTIGATOR,
        population="stage II-IIIA",
        unit=MONTHS,
        control_value=D("19.6"),
        hazard_ratio=D("0.17"),
        hr_ci_low=D("0.12"),
        hr_ci_high=D("0.23"),
        note="median not reached with osimertinib",
    ),
    _outcome(
        "adaura",
        2,
        Endpoint.DFS,
        Measure.MEDIAN,
        Analysis.LABEL,
        "label:osimertinib",
        population="stage IB-IIIA",
        unit=MONTHS,
        control_value=D("27.5"),
        hazard_ratio=D("0.20"),
        hr_ci_low=D("0.15"),
        hr_ci_high=D("0.27"),
        note="median not reached with osimertinib",
    ),
]


# Words the demo pages use that a patient may not know: plain, general definitions with no
# figures and nothing about any one medicine, so they hold for every page that uses them.
GLOSSARY = [
    {
        "slug": "tyrosine-kinase-inhibitor",
        "term": "tyrosine kinase inhibitor",
        "aliases": "tyrosine kinase inhibitors, TKI, TKIs",
        "pronunciation": "TY-roh-seen KY-nays in-HIB-ih-ter",
        "definition": (
            "A type of targeted medicine that blocks signals some cancer cells use to grow. "
            "Most are taken by mouth as tablets or capsules."
        ),
    },
    {
        "slug": "hazard-ratio",
        "term": "hazard ratio",
        "aliases": "hazard ratios, HR",
        "pronunciation": "HAZ-erd RAY-shee-oh",
        "definition": (
            "A way trials compare how often something, such as the cancer growing, happens in one group "
            "against another over the same time. Below 1 means it happened less often in the first group."
        ),
    },
    {
        "slug": "progression-free-survival",
        "term": "progression-free survival",
        "aliases": "PFS",
        "pronunciation": "pro-GRESH-un free ser-VY-vul",
        "definition": "How long people in a trial lived without their cancer growing or spreading.",
    },
    {
        "slug": "overall-survival",
        "term": "overall survival",
        "aliases": "",
        "pronunciation": "OH-ver-all ser-VY-vul",
        "definition": "How long people in a trial lived, from the start of treatment, whatever the cause of death.",
    },
    {
        "slug": "ros1-fusion",
        "term": "ROS1 fusion",
        "aliases": "ROS1-positive, ROS1 fusions",
        "pronunciation": "ross-one FEW-zhun",
        "definition": (
            "A change in a cancer's genes where part of the ROS1 gene joins another gene. "
            "It tells the cancer to keep growing, and a test on the tumour can find it."
        ),
    },
    {
        "slug": "alk-positive",
        "term": "ALK-positive",
        "aliases": "",
        "pronunciation": "alk POZ-ih-tiv",
        "definition": (
            "A cancer whose cells carry a change in the ALK gene that helps the cancer grow. "
            "A test on the tumour shows whether the change is there."
        ),
    },
    {
        "slug": "metastatic",
        "term": "metastatic",
        "aliases": "",
        "pronunciation": "met-uh-STAT-ik",
        "definition": "Cancer that has spread from where it started to other parts of the body.",
    },
    {
        "slug": "biomarker",
        "term": "biomarker",
        "aliases": "biomarkers",
        "pronunciation": "BY-oh-mar-ker",
        "definition": (
            "Something that can be measured in the body or in a tumour, such as a gene change, "
            "that tells doctors more about a cancer and which treatments may suit it."
        ),
    },
]


def load_facts(user=None):
    """Create or update the demo's drugs, approvals, dose changes, trials, outcomes, sources and glossary.

    Returns {"created": n, "updated": n}. Rows already as facts.md states them are not
    saved again.
    """
    tally = {CREATED: 0, UPDATED: 0}
    with reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment("Demo facts from the checked fact sheet")
        sources = _load_sources(tally)
        conditions = {c["slug"]: _upsert(Condition, {"slug": c["slug"]}, c, tally) for c in CONDITIONS}
        biomarkers = {b["name"]: _upsert(Biomarker, {"slug": b["slug"]}, b, tally) for b in BIOMARKERS}
        drugs = {}
        for fields in DRUGS:
            fields = dict(fields)
            targets = [biomarkers[name] for name in fields.pop("targets")]
            drug = _upsert(Drug, {"slug": fields["slug"]}, fields, tally)
            set_related(drug, "targets", targets)
            drugs[drug.slug] = drug
        for fields in INDICATIONS:
            _load_indication(fields, drugs, conditions, biomarkers, sources, tally)
        _retire_indications(drugs, biomarkers, tally)
        for fields in DOSE_ADJUSTMENTS:
            fields = dict(fields, drug=drugs[fields["drug"]], source=sources[f"label:{fields['drug']}"])
            key = {k: fields[k] for k in ("drug", "kind", "population")}
            _upsert(DoseAdjustment, key, fields, tally)
        for fields in SIDE_EFFECTS:
            fields = dict(fields, drug=drugs[fields["drug"]], source=sources[f"label:{fields['drug']}"])
            _upsert(SideEffect, {k: fields[k] for k in ("drug", "name")}, fields, tally)
        for fields in CONTRACEPTION:
            fields = dict(fields, drug=drugs[fields["drug"]], source=sources[f"label:{fields['drug']}"])
            _upsert(Contraception, {k: fields[k] for k in ("drug", "who")}, fields, tally)
        trials = {}
        for fields in TRIALS:
            fields = dict(fields)
            publications = [sources[key] for key in fields.pop("publications")]
            control_drugs = [drugs[slug] for slug in fields.pop("control_drugs")]
            fields["experimental_drug"] = drugs[fields["experimental_drug"]]
            trial = _upsert(Trial, {"slug": fields["slug"]}, fields, tally)
            if errors := trial.control_drug_errors(control_drugs):
                raise ValidationError(errors)
            set_related(trial, "control_drugs", control_drugs)
            set_related(trial, "publications", publications)
            trials[trial.slug] = trial
        for fields in OUTCOMES:
            fields = dict(fields, trial=trials[fields["trial"]], source=sources[fields["source"]])
            # Not "measure": correcting how a result is recorded updates its row in place.
            key = {k: fields[k] for k in ("trial", "endpoint", "analysis", "assessor", "timepoint", "population")}
            _upsert(Outcome, key, fields, tally)
        for fields in GLOSSARY:
            _upsert(GlossaryTerm, {"slug": fields["slug"]}, fields, tally)
    return tally


def source(key):
    """The Source a key of this module names: a PUBLICATIONS key, "label:<drug>" or "nccn-nsclc"."""
    if key == "nccn-nsclc":
        return Source.objects.get(kind=Kind.GUIDELINE, title=NCCN_NSCLC, version="v1.2026")
    if key.startswith("label:"):
        return Source.objects.get(kind=Kind.LABEL, title=LABELS[key.removeprefix("label:")])
    return Source.objects.get(kind=Kind.PUBLICATION, title=PUBLICATIONS[key][0])


def _search_link(base, terms):
    """A link a reader can follow to the source: a search of DailyMed or PubMed.

    facts.md names the labels and papers but gives no PMID, DOI or address, and an
    identifier nobody checked must not reach a page; a search for the label's drug, or for
    the paper's own citation, finds the one meant without claiming which record it is.
    """
    return f"{base}{urlencode({'query' if 'dailymed' in base else 'term': terms})}"


def _load_sources(tally):
    sources = {}
    for drug, title in LABELS.items():
        url = _search_link("https://dailymed.nlm.nih.gov/dailymed/search.cfm?", drug)
        sources[f"label:{drug}"] = _upsert(
            Source,
            {"kind": Kind.LABEL, "title": title},
            {"kind": Kind.LABEL, "title": title, "publisher": "FDA", "url": url},
            tally,
        )
    for key, (title, publisher, citation) in PUBLICATIONS.items():
        fields = {"kind": Kind.PUBLICATION, "title": title, "publisher": publisher, "citation": citation}
        trial = re.sub(r"^[^,]+ et al\., ", "", title).split(":")[0].replace(",", "")
        fields["url"] = _search_link("https://pubmed.ncbi.nlm.nih.gov/?", f"{trial} {citation}".strip())
        sources[key] = _upsert(Source, {"kind": Kind.PUBLICATION, "title": title}, fields, tally)
    # facts.md: "v1.2026 was current from November 2025". Source.date would show a day no one
    # checked, so the month is written in the citation and the date stays blank.
    nccn = {
        "kind": Kind.GUIDELINE,
        "title": NCCN_NSCLC,
        "publisher": "NCCN",
        "citation": "November 2025",
        "version": "v1.2026",
        "date": None,
    }
    sources["nccn-nsclc"] = _upsert(
        Source, {"kind": Kind.GUIDELINE, "title": NCCN_NSCLC, "version": "v1.2026"}, nccn, tally
    )
    return sources


def _load_indication(fields, drugs, conditions, biomarkers, sources, tally):
    fields = dict(
        fields,
        drug=drugs[fields["drug"]],
        condition=conditions[fields["condition"]],
        biomarker=biomarkers[fields["biomarker"]],
        source=sources[f"label:{fields['drug']}"],
        regulator=Indication.Regulator.FDA,
    )
    key = {k: fields[k] for k in ("drug", "condition", "biomarker", "regulator", "status", "approval_date")}
    _upsert(Indication, key, fields, tally)


def _retire_indications(drugs, biomarkers, tally):
    for fields in RETIRED_INDICATIONS:
        drug = drugs[fields["drug"]]
        retired = Indication.objects.filter(
            drug=drug,
            biomarker=biomarkers[fields["biomarker"]],
            approval_date=fields["approval_date"],
            population=fields["population"],
        )
        if retired.exists():
            retired.delete()
            # The drug's revision follows its indications: it records the drug without the row.
            reversion.add_to_revision(drug)
            tally[UPDATED] += 1


def _upsert(model, key, fields, tally):
    row, change = upsert(model, key, fields)
    if change:
        tally[change] += 1
    return row
