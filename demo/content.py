"""The demo pages' words: the seed crizotinib page rewritten for patients, its errors corrected,
and a page about osimertinib, of the EGFR family the seed's template errors came from.

Every figure here is one of shared/content/facts.md, worded with its analysis as the
structured Outcome rows hold it. Tables of figures are not typed here: the templates
build them from the data.
"""

SERIES = {
    "slug": "alk-ros1-lung-cancer",
    "name": "ALK and ROS1 lung cancer medicines",
    "description": "Targeted medicines for lung cancer that tests ALK-positive or ROS1-positive.",
}

CRIZOTINIB = {
    "slug": "crizotinib",
    "title": "Crizotinib (Xalkori)",
    "drug": "crizotinib",
    "summary": (
        "Crizotinib (Xalkori) is a targeted medicine. It is FDA-approved for metastatic non-small cell lung "
        "cancer that tests ALK-positive or ROS1-positive, and for two other ALK-positive cancers."
    ),
    "sections": [
        (
            "What crizotinib is",
            """Crizotinib (brand name Xalkori) is a **tyrosine kinase inhibitor**: a targeted medicine that
blocks proteins some cancers depend on to grow. It was the first medicine of its kind for ALK-positive
lung cancer, so it is called a *first-generation* ALK inhibitor.""",
        ),
        (
            "Who it is for",
            """Crizotinib works only against cancers with particular changes in their genes, so **a test of
your tumour showing ALK-positive or ROS1-positive cancer is the starting point** for any decision
about it.

The US Food and Drug Administration (FDA) has approved crizotinib for:

- **ALK-positive metastatic non-small cell lung cancer (NSCLC)**: accelerated approval on
  [[approval:crizotinib/alk-nsclc/2011-08-26]], then regular approval on
  [[approval:crizotinib/alk-nsclc/2013-11-20]].
- **ROS1-positive metastatic NSCLC**: approved on [[approval:crizotinib/ros1-nsclc/2016-03-11]].
- **ALK-positive anaplastic large cell lymphoma** in children aged 1 year and older and young
  adults: approved on [[approval:crizotinib/alk-alcl/2021-01-14]].
- **ALK-positive inflammatory myofibroblastic tumor** in adults and children aged 1 year and older:
  approved on [[approval:crizotinib/alk-imt/2022-07-14]].

Crizotinib is one of several FDA-approved medicines for ROS1-positive NSCLC: entrectinib (2019),
repotrectinib (2023) and taletrectinib (2025) are approved for it too.

For ALK-positive NSCLC, newer ALK medicines (alectinib, brigatinib and lorlatinib) each kept the
cancer under control for longer than crizotinib in trials that compared them directly. Ask your
oncologist why crizotinib is, or is not, the right choice for you.""",
        ),
        (
            "How it works",
            """The FDA-approved prescribing information (the label) describes it this way:

> Crizotinib is an inhibitor of receptor tyrosine kinases including ALK, Hepatocyte Growth Factor
> Receptor (HGFR, c-Met), ROS1, and RON.
>
> — XALKORI prescribing information (FDA label)

In ALK-positive and ROS1-positive cancers, a change in the genes joins ALK or ROS1 to another gene.
The resulting *fusion protein* is switched on all the time and keeps telling the cancer cells to
grow. Crizotinib blocks that signal, which can make the cancer shrink or stop growing.""",
        ),
        (
            "How well it works",
            """**ALK-positive lung cancer, first treatment (PROFILE 1014).** Crizotinib was compared with
platinum-pemetrexed chemotherapy. In the primary analysis, the cancer was kept under control
(progression-free survival) for longer with crizotinib: [[outcome:profile-1014/pfs/primary]]. The
cancer shrank in more people taking crizotinib: [[outcome:profile-1014/orr/primary]]. In the final
analysis, overall survival was [[outcome:profile-1014/os/final]]: most people in the chemotherapy
group later switched to crizotinib (crossover), which makes a difference in survival hard to see.

**ROS1-positive lung cancer (PROFILE 1001, ROS1 cohort).** Everyone in this trial took crizotinib.
In the first analysis, the cancer shrank in [[outcome:profile-1001-ros1/orr/primary]]. The median
duration of response was [[outcome:profile-1001-ros1/dor/primary]], and median progression-free
survival was [[outcome:profile-1001-ros1/pfs/primary]]. In the final analysis, the cancer shrank in
[[outcome:profile-1001-ros1/orr/final]], and median overall survival was
[[outcome:profile-1001-ros1/os/final]]. The FDA's independent review found a response rate of
[[outcome:profile-1001-ros1/orr/label/independent]] and a median duration of response of
[[outcome:profile-1001-ros1/dor/label/independent]].

**Compared with newer ALK medicines.** In head-to-head trials in ALK-positive NSCLC:

- ALEX (alectinib): median progression-free survival was
  [[outcome:alex/pfs/updated/investigator]].
- ALTA-1L (brigatinib): median progression-free survival was
  [[outcome:alta-1l/pfs/final/independent]].
- CROWN (lorlatinib): people alive without their cancer growing at 5 years:
  [[outcome:crown/pfs/updated/5-year]].""",
        ),
        (
            "Side effects and monitoring",
            """**Vision changes** are common: about 60% of people notice them. Severe
loss of vision has also been reported; tell your care team at once about any new loss of vision.

The label warns about serious side effects that your care team will watch for:

- **Liver damage (hepatotoxicity)**: fatal in 0.1% of people. Ask how often your liver will be
  checked with blood tests.
- **Lung inflammation (interstitial lung disease or pneumonitis)**: in 2.9% of people, fatal in
  0.5%. Report any new or worse breathing problems.
- **Heart rhythm changes**: QT prolongation (a QTcF of 500 ms or more in 2.1% of people) and a slow
  heart rate (bradycardia). You may need heart tracings (ECGs) and pulse checks.
- **Harm to an unborn baby**: women should use effective contraception during treatment and for 45
  days after the last dose, and men for 90 days after the last dose.""",
        ),
        (
            "Dosing",
            """The usual adult dose for NSCLC is **[[dose:crizotinib]]**. Your oncologist may change it:

- **Severe kidney problems, not on dialysis**:
  [[dose-change:crizotinib/renal/severe-renal-impairment]].
- **Moderate liver problems**: [[dose-change:crizotinib/hepatic/moderate-hepatic-impairment]].
- **Severe liver problems**: [[dose-change:crizotinib/hepatic/severe-hepatic-impairment]].

Ask what happens to your dose if you have side effects. Do not change your dose yourself.""",
        ),
        (
            "After crizotinib",
            """If ALK-positive lung cancer grows during crizotinib, newer ALK medicines can still work:
alectinib was first approved (accelerated approval, 2015) for people who had already taken
crizotinib.

If ROS1-positive lung cancer grows during crizotinib, repotrectinib is FDA-approved with or without
an earlier ROS1 medicine. Lorlatinib also acts on ROS1, but it is **not FDA-approved for
ROS1-positive lung cancer**: guidelines list it, and using it for ROS1 is off-label. Ask your
oncologist what that means for you, including cost and insurance cover.""",
        ),
    ],
    "question_groups": [
        (
            "Before confirming crizotinib as your treatment",
            """These questions help you have an informed conversation. A test showing ALK-positive or
ROS1-positive cancer is the starting point for any decision about crizotinib.

**A practical tip:** if your cancer is ALK-positive, newer ALK medicines did better than crizotinib
in head-to-head trials, so ask your oncologist to explain why crizotinib is recommended for you
rather than accepting it as the default. If your cancer is ROS1-positive, crizotinib is one of
several approved medicines: ask how they differ for you.""",
            [
                "Is my cancer ALK-positive or ROS1-positive, and which test showed it?",
                "Why do you recommend crizotinib for me rather than another targeted medicine?",
                "What other treatments could I have, and how do they compare with crizotinib?",
                "Is crizotinib covered by my insurance, and what will it cost me?",
            ],
        ),
        (
            "About vision disorders — a common side effect and one to plan for specifically",
            "",
            [
                "What vision changes should I expect, and when do they usually start?",
                "Is it safe for me to drive while I take crizotinib?",
                "Which vision changes should I report to you at once?",
                "Should I see an eye specialist before or during treatment?",
            ],
        ),
        (
            "About liver monitoring",
            "",
            [
                "How often will my liver be checked with blood tests?",
                "What signs of liver problems should I look out for at home?",
                "What happens to my treatment if my liver tests change?",
            ],
        ),
        (
            "About lung monitoring — interstitial lung disease/pneumonitis",
            "",
            [
                "Which breathing symptoms should make me call you straight away?",
                "How will you tell lung inflammation apart from my cancer or an infection?",
                "Would I need to stop crizotinib if my lungs become inflamed?",
            ],
        ),
        (
            "About cardiac monitoring",
            "",
            [
                "Will I need ECGs, and how often?",
                "Do any of my heart conditions or heart medicines matter with crizotinib?",
                "What should I do if I feel dizzy, faint or notice a slow pulse?",
            ],
        ),
        (
            "About kidney function and dosing",
            "",
            [
                "How well are my kidneys working, and does that change my dose?",
                "If I am on dialysis, or start it, does my dose change?",
            ],
        ),
        (
            "About dosing and administration",
            "",
            [
                "What dose will I take, and at what times of day?",
                "What should I do if I miss a dose or vomit after taking it?",
                "Can I take crizotinib with or without food?",
            ],
        ),
        (
            "About managing common side effects",
            "",
            [
                "Which side effects are most likely for me, and how can I prevent or ease them?",
                "Which side effects can I manage at home, and which need a call to you?",
                "Who should I contact out of hours?",
            ],
        ),
        (
            "About drug interactions",
            "",
            [
                "Do any of my current medicines interact with crizotinib?",
                "Are there foods, drinks or supplements I should avoid?",
                "Should I check with you or my pharmacist before starting any new medicine?",
            ],
        ),
        (
            "About contraception",
            "",
            [
                "Which methods of contraception are suitable for me during treatment?",
                "How long after my last dose do I need to keep using contraception?",
                "Could treatment affect my ability to have children later?",
            ],
        ),
        (
            "About monitoring response",
            "",
            [
                "How and when will we know whether crizotinib is working?",
                "How often will I have scans, including scans of my brain?",
                "What happens if the cancer grows while I am taking crizotinib?",
            ],
        ),
        (
            "About the longer road",
            "",
            [
                "How long might I stay on crizotinib?",
                "Which treatments could come next if crizotinib stops working?",
                "Are there clinical trials I could join now or later?",
                "What support is available for me and my family during treatment?",
            ],
        ),
    ],
    "citations": [
        ("label:crizotinib", "Approvals, mechanism, warnings and dosing"),
        ("profile-1014-primary", "PROFILE 1014: progression-free survival and response"),
        ("profile-1014-final-os", "PROFILE 1014: final overall survival"),
        ("profile-1001-ros1", "PROFILE 1001: ROS1 cohort"),
        ("profile-1001-ros1-final", "PROFILE 1001: ROS1 cohort, final analysis"),
        ("alex-updated", "ALEX: updated progression-free survival"),
        ("alta-1l-final", "ALTA-1L: final progression-free survival"),
        ("crown-5-year", "CROWN: 5-year progression-free survival"),
        ("label:alectinib", "Alectinib after crizotinib"),
        ("label:repotrectinib", "Repotrectinib for ROS1-positive NSCLC"),
        ("label:lorlatinib", "Lorlatinib's approved uses"),
        ("nccn-nsclc", "Treatment guideline"),
    ],
}

CRIZOTINIB_VS_ALECTINIB = {
    "slug": "crizotinib-vs-alectinib",
    "title": "Crizotinib vs alectinib",
    "drugs": ["crizotinib", "alectinib"],
    "head_to_head": "alex",
    "summary": (
        "In the ALEX trial, alectinib kept ALK-positive lung cancer under control for longer than "
        "crizotinib and protected the brain better. The final analysis did not show a statistically "
        "significant difference in overall survival."
    ),
    "sections": [
        (
            "Two generations of ALK medicine",
            """Both medicines block ALK. **Crizotinib** (Xalkori) was the first ALK inhibitor; it also acts
on ROS1, c-Met and RON. **Alectinib** (Alecensa) is a second-generation ALK inhibitor that also acts on
RET. The table compares their approvals, targets, doses and pivotal trials.""",
        ),
        (
            "The ALEX trial: a head-to-head comparison",
            """ALEX compared alectinib (152 people) with crizotinib (151 people) as the first treatment
for ALK-positive NSCLC. Its results come from several analyses, and each figure belongs to one of them:

- **Primary analysis**, as assessed by the trial investigators: progression-free survival was longer
  with alectinib: [[outcome:alex/pfs/primary/investigator]]. People alive without their cancer
  growing at 12 months: [[outcome:alex/event_free/primary/investigator/12-month]].
- **Updated analysis**: median progression-free survival was [[outcome:alex/pfs/updated/investigator]].
- **Independent review** reported in the FDA label: median progression-free survival was
  [[outcome:alex/pfs/label/independent]].""",
        ),
        (
            "Why the brain result matters",
            """Keeping the cancer out of the brain and spinal cord (the central nervous system, CNS) is an
important goal of treatment.

In the primary analysis of ALEX, the cancer grew in the CNS in fewer people taking alectinib:
[[outcome:alex/cns_progression/primary]]. That hazard ratio measures CNS progression only. It is a
different measure from the one for the cancer growing anywhere in the body, given above.""",
        ),
        (
            "Overall survival: the final analysis",
            """In the final analysis, median overall survival was [[outcome:alex/os/final]]. **This difference
was not statistically significant**: the trial did not prove that alectinib helps people live longer
than crizotinib. People alive at 7 years: [[outcome:alex/os/final/7-year]].""",
        ),
        (
            "Side effects",
            """The two medicines have different side effects. Crizotinib causes vision changes in about 60%
of people, and its label warns of heart rhythm changes (QT prolongation and a slow heart rate),
liver damage and lung inflammation. Alectinib is taken as [[dose:alectinib]]; its label
lists its own warnings. Ask your oncologist which side effects matter most for you.""",
        ),
        (
            "Where crizotinib still fits",
            """- **ROS1-positive NSCLC**: crizotinib is FDA-approved for it; alectinib is not.
- **Where newer ALK medicines cannot be obtained**: crizotinib still did better than chemotherapy
  in PROFILE 1014, with median progression-free survival [[outcome:profile-1014/pfs/primary]].
- **After crizotinib**: alectinib was first approved for people whose ALK-positive cancer had grown
  on crizotinib, so taking crizotinib first does not rule alectinib out.""",
        ),
    ],
    "verdict": """For the **first treatment of ALK-positive metastatic NSCLC**, alectinib did better than
crizotinib in the ALEX trial. The cancer was kept under control for longer: median progression-free
survival [[outcome:alex/pfs/updated/investigator]]. It also grew in the brain less often:
[[outcome:alex/cns_progression/primary]]. The final analysis did not show a statistically significant
difference in overall survival: [[outcome:alex/os/final]].

Crizotinib remains an approved choice for **ROS1-positive NSCLC**, where alectinib is not approved, and
where newer ALK medicines cannot be obtained.""",
    "question_groups": [],
    "citations": [
        ("alex-primary", "ALEX: primary analysis"),
        ("alex-updated", "ALEX: updated progression-free survival"),
        ("alex-final-os", "ALEX: final overall survival"),
        ("label:alectinib", "Alectinib approvals, dose and independent review"),
        ("label:crizotinib", "Crizotinib approvals, dose and warnings"),
        ("profile-1014-primary", "PROFILE 1014"),
        ("nccn-nsclc", "Treatment guideline"),
    ],
}

ROS1_EXPLAINER = {
    "slug": "ros1-positive-nsclc",
    "title": "ROS1-positive lung cancer explained",
    "drugs": ["crizotinib", "entrectinib", "repotrectinib", "taletrectinib", "lorlatinib"],
    "biomarkers": ["ROS1"],
    "summary": (
        "ROS1-positive lung cancer is a distinct type of non-small cell lung cancer driven by a ROS1 gene "
        "fusion. Several targeted medicines are FDA-approved for it."
    ),
    "sections": [
        (
            "A distinct kind of lung cancer",
            """ROS1-positive non-small cell lung cancer (NSCLC) is not simply another version of
ALK-positive disease. The two look alike in some ways, but they arise from different genes and have
their own medicines.""",
        ),
        (
            "What ROS1 is",
            """ROS1 is a **receptor tyrosine kinase**: a protein on the surface of cells that, when switched
on, tells the cell to grow and survive.""",
        ),
        (
            "What makes a tumour ROS1-positive",
            """In about 1-2% of NSCLC, a break in the chromosomes joins the ROS1 gene to another gene, making
a **fusion protein**. The most common partner gene is CD74. The fusion protein is switched on all the
time and keeps driving the cancer's growth.

Because the cancer depends so much on this one faulty protein, it is called *oncogene-addicted*, and
medicines that block ROS1 can work well against it.""",
        ),
        (
            "How ROS1 differs from ALK",
            """The part of the ROS1 protein that medicines block is very like the same part of ALK. That is
why crizotinib, first approved for ALK-positive NSCLC, also works in ROS1-positive disease; the FDA
approved it for ROS1-positive metastatic NSCLC on [[approval:crizotinib/ros1-nsclc/2016-03-11]].

The two cancers still differ, and the medicines approved for them are not all the same.""",
        ),
        (
            "How crizotinib works against ROS1",
            """The FDA-approved prescribing information describes it this way:

> Crizotinib is an inhibitor of receptor tyrosine kinases including ALK, Hepatocyte Growth Factor
> Receptor (HGFR, c-Met), ROS1, and RON.
>
> — XALKORI prescribing information (FDA label)

By blocking the ROS1 fusion protein, crizotinib switches off the signal the cancer depends on, which
can make the cancer cells stop growing or die.""",
        ),
        (
            "How well crizotinib works in ROS1-positive disease",
            """The evidence comes from the ROS1 cohort of the PROFILE 1001 trial, in which everyone took
crizotinib:

- **First analysis**: the cancer shrank in [[outcome:profile-1001-ros1/orr/primary]]. The median
  duration of response was [[outcome:profile-1001-ros1/dor/primary]], and median progression-free
  survival [[outcome:profile-1001-ros1/pfs/primary]].
- **Final analysis**: the cancer shrank in [[outcome:profile-1001-ros1/orr/final]], and median
  overall survival was [[outcome:profile-1001-ros1/os/final]].
- **FDA's independent review**: a response rate of [[outcome:profile-1001-ros1/orr/label/independent]]
  and a median duration of response of [[outcome:profile-1001-ros1/dor/label/independent]].

This was a single-group trial, so it shows how often the cancer responded, not a comparison with
another treatment.""",
        ),
        (
            "The medicines approved for ROS1-positive lung cancer",
            """Several medicines are FDA-approved for ROS1-positive NSCLC:

- **Crizotinib** (Xalkori): metastatic disease, approved on
  [[approval:crizotinib/ros1-nsclc/2016-03-11]].
- **Entrectinib** (Rozlytrek): metastatic disease, approved on
  [[approval:entrectinib/ros1-nsclc/2019-08-15]]; it is also approved for solid tumours with an NTRK
  gene fusion.
- **Repotrectinib** (Augtyro): locally advanced or metastatic disease, with or without an earlier
  ROS1 medicine, approved on [[approval:repotrectinib/ros1-nsclc/2023-11-15]].
- **Taletrectinib** (Ibtrozi): locally advanced or metastatic disease, approved on
  [[approval:taletrectinib/ros1-nsclc/2025-06-11]].

**Lorlatinib** (Lorbrena) is an ALK medicine that also acts on ROS1. It is **not FDA-approved for
ROS1-positive lung cancer**: guidelines list it, and using it for ROS1 is off-label. If it is offered
to you, ask why, and what it means for cost and insurance cover.""",
        ),
        (
            "Cancer in the brain",
            """Ask your oncologist how each option would act on any cancer in your brain, and how often your
brain will be scanned.""",
        ),
        (
            "The bigger picture",
            """ROS1-positive lung cancer shows why a medicine is matched to the gene change driving a
cancer. Testing the tumour for ROS1 (and other changes such as ALK) is the first step. Crizotinib was
the first targeted medicine approved for this cancer; today it is one of several.""",
        ),
    ],
    "question_groups": [],
    "citations": [
        ("label:crizotinib", "Mechanism and ROS1 approval"),
        ("profile-1001-ros1", "PROFILE 1001: ROS1 cohort"),
        ("profile-1001-ros1-final", "PROFILE 1001: ROS1 cohort, final analysis"),
        ("label:entrectinib", "Entrectinib approvals"),
        ("label:repotrectinib", "Repotrectinib approval"),
        ("label:taletrectinib", "Taletrectinib approval"),
        ("label:lorlatinib", "Lorlatinib's approved uses"),
        ("nccn-nsclc", "Treatment guideline"),
    ],
}

EGFR_SERIES = {
    "slug": "egfr-lung-cancer",
    "name": "EGFR lung cancer medicines",
    "description": "Targeted medicines for lung cancer with an EGFR mutation.",
}

# FLAURA reports one endpoint from several analyses, as ALEX does: each figure is a reference to
# its outcome row, so it reads with its own analysis and source, and the interim survival figure
# never stands for the final one. ADAURA's placebo medians are typed: a reference to an outcome
# with no osimertinib figure ("median not reached") shows only its hazard ratio.
OSIMERTINIB = {
    "slug": "osimertinib",
    "title": "Osimertinib (Tagrisso)",
    "drug": "osimertinib",
    "summary": (
        "Osimertinib (Tagrisso) is a targeted medicine for non-small cell lung cancer with certain changes in "
        "the EGFR gene. It is FDA-approved for metastatic disease and for treatment after surgery to remove "
        "the cancer."
    ),
    "sections": [
        (
            "What osimertinib is",
            """Osimertinib (brand name Tagrisso) is a **tyrosine kinase inhibitor**: a targeted medicine that
blocks a protein some cancers depend on to grow. The protein it blocks is EGFR. Osimertinib is a
*third-generation* EGFR inhibitor; gefitinib and erlotinib are first-generation EGFR inhibitors.""",
        ),
        (
            "Who it is for",
            """Osimertinib works only against lung cancers with particular changes (mutations) in the EGFR
gene, so **a test of your tumour showing an EGFR mutation is the starting point** for any decision
about it.

The US Food and Drug Administration (FDA) has approved osimertinib for non-small cell lung cancer
(NSCLC) with these mutations:

- **EGFR T790M-positive metastatic NSCLC**, after treatment with an earlier EGFR medicine (an EGFR
  tyrosine kinase inhibitor): accelerated approval in [[approval:osimertinib/egfr-nsclc/2015-11-01]],
  then regular approval in [[approval:osimertinib/egfr-nsclc/2017-03-01]].
- **First treatment of metastatic NSCLC** with an EGFR exon 19 deletion or exon 21 L858R mutation:
  approved on [[approval:osimertinib/egfr-nsclc/2018-04-18]].
- **After surgery** that removed the cancer (adjuvant treatment), for the same mutations: approved on
  [[approval:osimertinib/egfr-nsclc/2020-12-18]].
- **With platinum chemotherapy** as the first treatment, for the same mutations: approved in
  [[approval:osimertinib/egfr-nsclc/2024-02-01]].

Ask your oncologist which of these uses fits your cancer.""",
        ),
        (
            "How it works",
            """EGFR is a **receptor tyrosine kinase**: a protein on the surface of cells that, when switched
on, tells the cell to grow. In some lung cancers a change in the EGFR gene keeps the protein switched
on all the time, and the cancer depends on its signal.

Osimertinib blocks EGFR carrying an exon 19 deletion or the L858R change, and EGFR carrying the T790M
change. Blocking that signal can make the cancer shrink or stop growing.""",
        ),
        (
            "How well it works",
            """**First treatment (FLAURA).** FLAURA compared osimertinib with an older EGFR medicine,
gefitinib or erlotinib, in 556 people whose advanced lung cancer had not been treated. Neither the
people taking part nor their doctors knew which medicine each person took (a double-blind trial).
Its results come from several analyses, and each figure belongs to one of them:

- **Primary analysis**: the cancer was kept under control (progression-free survival) for longer
  with osimertinib: [[outcome:flaura/pfs/primary/investigator]].
- **Response**: the cancer shrank (objective response) about as often with either treatment in the
  trial's publication: [[outcome:flaura/orr/primary]].
- **Response in the FDA's review**, counting only confirmed responses:
  [[outcome:flaura/orr/label]].
- **Duration of response** in the trial's publication: [[outcome:flaura/dor/primary]].
- **Duration of response in the FDA's review**: [[outcome:flaura/dor/label]].
- **Survival at an interim analysis**: people alive at 18 months:
  [[outcome:flaura/os/interim/18-month]]. At that interim analysis, the difference was not
  statistically significant.
- **Survival at the final analysis**: median overall survival was [[outcome:flaura/os/final]]. This
  difference was statistically significant. The final analysis, not the interim one, is the
  survival result to go by.

**After an earlier EGFR medicine (AURA3).** In AURA3, people whose cancer had the T790M change after
an earlier EGFR medicine took osimertinib or platinum-pemetrexed chemotherapy. Median
progression-free survival was [[outcome:aura3/pfs/primary]].

**After surgery (ADAURA).** In ADAURA, 682 people whose cancer had been completely removed by surgery
took osimertinib or a placebo (a dummy treatment). The FDA's review measured disease-free survival:
how long people lived without the cancer coming back. With osimertinib, the median was not reached:
too few people's cancer had come back to measure it.

- **Stage II-IIIA cancer**: the median was 19.6 months with placebo;
  [[outcome:adaura/dfs/label/investigator]].
- **Stage IB-IIIA cancer**: the median was 27.5 months with placebo; [[outcome:adaura/dfs/label]].""",
        ),
        (
            "Side effects",
            """This page does not yet describe the side effects of osimertinib: they are being checked
against the FDA label before they appear here. Until then, ask your care team which side effects to
expect, which to report at once, and how you will be monitored.""",
        ),
        (
            "Dosing",
            """The usual adult dose for NSCLC is **[[dose:osimertinib]]**. Confirm it with your
oncologist or pharmacist.

Ask what happens to your dose if you have side effects. Do not change your dose yourself.""",
        ),
    ],
    "question_groups": [
        (
            "Before confirming osimertinib as your treatment",
            """These questions help you have an informed conversation. A test showing an EGFR mutation
is the starting point for any decision about osimertinib.""",
            [
                "Which EGFR mutation does my cancer have, and which test showed it?",
                "Which of the approved uses of osimertinib fits my cancer?",
                "Do you recommend osimertinib on its own or with chemotherapy for me, and why?",
                "Is osimertinib covered by my insurance, and what will it cost me?",
            ],
        ),
        (
            "About side effects and monitoring",
            "",
            [
                "Which side effects are most likely for me, and how can I prevent or ease them?",
                "Which side effects should I report to you at once?",
                "Which tests will I need during treatment, and how often?",
            ],
        ),
        (
            "About dosing and administration",
            "",
            [
                "What dose will I take, and at what time of day?",
                "What should I do if I miss a dose or vomit after taking it?",
                "Do any of my current medicines, foods or supplements interact with osimertinib?",
            ],
        ),
        (
            "About treatment after surgery",
            "",
            [
                "Could osimertinib after surgery suit me?",
                "How long would I take it, and how will you check that the cancer has not come back?",
            ],
        ),
        (
            "About the longer road",
            "",
            [
                "How and when will we know whether osimertinib is working?",
                "Which treatments could come next if osimertinib stops working?",
                "Are there clinical trials I could join now or later?",
                "What support is available for me and my family during treatment?",
            ],
        ),
    ],
    "citations": [
        ("label:osimertinib", "Approvals, dose, and the FDA review of FLAURA and ADAURA"),
        ("flaura-primary", "FLAURA: primary analysis"),
        ("flaura-final-os", "FLAURA: final overall survival"),
        ("aura3-primary", "AURA3: primary analysis"),
        ("nccn-nsclc", "Treatment guideline"),
    ],
}
