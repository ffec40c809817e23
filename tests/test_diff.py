"""The reviewer's diff: what changed between the published snapshot and the submitted one.

Figures are from shared/content/facts.md (ALEX, PROFILE 1014, crizotinib).
"""

import copy

import pytest
from django.urls import reverse

from monographs.kinds import build_snapshot
from reviews import workflow
from reviews.diff import (
    ADDED,
    CHANGED,
    DELETE,
    EQUAL,
    INSERT,
    REMOVED,
    UNCHANGED,
    diff_snapshots,
    text_diff,
)

from .conftest import publish, text_of


def alex_outcome(**values):
    outcome = {
        "id": 7,
        "label": "Progression-free survival (investigator-assessed) — updated analysis",
        "endpoint_label": "Progression-free survival",
        "analysis_label": "Updated analysis",
        "assessor_label": "Investigator-assessed",
        "timepoint": "",
        "unit": "months",
        "experimental_value": "34.8",
        "experimental_ci_low": None,
        "experimental_ci_high": None,
        "control_value": "10.9",
        "patients": None,
        "hazard_ratio": "0.47",
        "hr_ci_low": "0.34",
        "hr_ci_high": "0.65",
        "hr_kind": "",
        "statistically_significant": True,
        "note": "",
        "source": "Mok et al., Ann Oncol 2020",
    }
    outcome.update(values)
    return outcome


def snapshot(**changes):
    data = {
        "kind": "drug",
        "title": "Crizotinib (Xalkori)",
        "slug": "crizotinib",
        "summary": "A targeted medicine for ALK-positive or ROS1-positive lung cancer.",
        "review_interval_months": 12,
        "series": None,
        "sections": [
            {"heading": "How it works", "body": "Crizotinib blocks ALK and ROS1.\n\nIt is taken by mouth."},
            {"heading": "Dose", "body": "The usual adult dose is 250 mg twice daily."},
        ],
        "question_groups": [
            {
                "heading": "About liver monitoring",
                "intro": "",
                "questions": ["How often will my liver be checked?"],
            }
        ],
        "sources": [{"id": 1, "title": "XALKORI prescribing information", "kind_label": "Label", "note": ""}],
        "drugs": [
            {
                "id": 1,
                "name": "crizotinib",
                "brand_names": ["Xalkori"],
                "dose": "250 mg twice daily",
                "dose_verified": True,
                "indications": [
                    {
                        "id": 3,
                        "condition": "Non-small cell lung cancer",
                        "condition_short": "NSCLC",
                        "biomarker": "ROS1",
                        "regulator": "FDA",
                        "status": "approved",
                        "approval_type_label": "Regular approval",
                        "approval_date_display": "March 11, 2016",
                    }
                ],
            }
        ],
        "trials": [{"id": 2, "name": "ALEX", "nct_id": "NCT02075840", "outcomes": [alex_outcome()]}],
    }
    data.update(changes)
    return data


def changed(old, **changes):
    new = copy.deepcopy(old)
    new.update(changes)
    return new


def inserted(segments):
    return "".join(s.text for s in segments if s.op == INSERT)


def deleted(segments):
    return "".join(s.text for s in segments if s.op == DELETE)


def test_identical_snapshots_have_no_changes():
    diff = diff_snapshots(snapshot(), snapshot())
    assert not diff.has_changes
    assert not diff.first_publication
    assert [s.status for s in diff.sections] == [UNCHANGED, UNCHANGED]


def test_first_publication_shows_everything_as_added():
    diff = diff_snapshots(None, snapshot())
    assert diff.first_publication
    assert [(s.status, s.heading) for s in diff.sections] == [(ADDED, "How it works"), (ADDED, "Dose")]
    assert inserted(diff.sections[1].changes[0].segments) == "The usual adult dose is 250 mg twice daily."
    assert {f.label: f.new for f in diff.fields}["Title"] == "Crizotinib (Xalkori)"
    assert [(r.kind, r.subject, r.status) for r in diff.sources] == [
        ("Source", "XALKORI prescribing information", ADDED)
    ]
    assert ("Outcome", ADDED) in {(r.kind, r.status) for r in diff.data}


def test_page_fields_show_old_and_new_values():
    old = snapshot()
    new = changed(old, title="Crizotinib", review_interval_months=6, series={"name": "ALK inhibitors", "slug": "alk"})
    diff = diff_snapshots(old, new)
    fields = {f.label: (f.old, f.new) for f in diff.fields}
    assert fields == {
        "Title": ("Crizotinib (Xalkori)", "Crizotinib"),
        "Review interval": ("12 months", "6 months"),
        "Series": ("", "ALK inhibitors"),
    }


def test_summary_is_diffed_word_by_word():
    old = snapshot()
    new = changed(old, summary="A targeted medicine for ROS1-positive lung cancer.")
    (summary,) = diff_snapshots(old, new).fields
    assert summary.label == "Summary"
    assert deleted(summary.segments).strip() == "ALK-positive or"
    assert inserted(summary.segments) == ""


def test_changed_section_text_keeps_unchanged_lines_and_marks_changed_words():
    old = snapshot()
    new = copy.deepcopy(old)
    new["sections"][0]["body"] = "Crizotinib blocks ALK, ROS1 and MET.\n\nIt is taken by mouth."
    section = diff_snapshots(old, new).sections[0]
    assert (section.status, section.heading) == (CHANGED, "How it works")
    segments = section.changes[0].segments
    assert texts(segments, EQUAL)[-1].endswith("It is taken by mouth.")
    assert "MET" in inserted(segments)
    assert "".join(s.text for s in segments if s.op != INSERT) == old["sections"][0]["body"]


def texts(segments, op):
    return [s.text for s in segments if s.op == op]


def test_text_diff_of_a_removed_line():
    segments = text_diff("First line.\nSecond line.\n", "First line.\n")
    assert [(s.op, s.text) for s in segments] == [(EQUAL, "First line.\n"), (DELETE, "Second line.\n")]


def test_added_and_removed_sections():
    old = snapshot()
    new = copy.deepcopy(old)
    new["sections"] = [old["sections"][0], {"heading": "Side effects", "body": "Vision problems are common."}]
    diff = diff_snapshots(old, new)
    statuses = {(s.status, s.heading) for s in diff.sections}
    assert statuses == {(UNCHANGED, "How it works"), (ADDED, "Side effects"), (REMOVED, "Dose")}
    removed = next(s for s in diff.sections if s.status == REMOVED)
    assert deleted(removed.changes[0].segments) == "The usual adult dose is 250 mg twice daily."


def test_renamed_section_in_the_same_place_is_one_change():
    old = snapshot()
    new = copy.deepcopy(old)
    new["sections"][1]["heading"] = "How much to take"
    diff = diff_snapshots(old, new)
    renamed = diff.sections[1]
    assert (renamed.status, renamed.heading, renamed.old_heading) == (CHANGED, "How much to take", "Dose")
    assert renamed.changes == []


def test_moved_section_is_not_shown_as_removed_and_added():
    old = snapshot()
    new = copy.deepcopy(old)
    new["sections"].reverse()
    diff = diff_snapshots(old, new)
    assert {s.status for s in diff.sections} <= {CHANGED, UNCHANGED}
    assert [s.heading for s in diff.sections if s.moved]


def test_questions_added_and_reworded():
    old = snapshot()
    new = copy.deepcopy(old)
    new["question_groups"][0]["questions"] = [
        "How often will my liver be tested?",
        "What symptoms of liver trouble should I report?",
    ]
    group = diff_snapshots(old, new).question_groups[0]
    assert group.status == CHANGED
    questions = group.changes[0]
    assert questions.label == "Questions"
    assert "checked" in deleted(questions.segments)
    assert "tested" in inserted(questions.segments)
    assert "What symptoms of liver trouble should I report?" in inserted(questions.segments)


def test_sources_added_removed_and_changed():
    old = snapshot()
    new = copy.deepcopy(old)
    new["sources"] = [
        dict(old["sources"][0], note="Dose and warnings"),
        {"id": 5, "title": "NCCN Guidelines: NSCLC", "version": "v1.2026", "kind_label": "Guideline"},
    ]
    sources = {(r.subject, r.status): r for r in diff_snapshots(old, new).sources}
    assert set(sources) == {("XALKORI prescribing information", CHANGED), ("NCCN Guidelines: NSCLC, v1.2026", ADDED)}
    note = sources[("XALKORI prescribing information", CHANGED)].changes[0]
    assert (note.old, note.new) == ("", "Dose and warnings")
    new["sources"] = []
    assert [(r.status) for r in diff_snapshots(old, new).sources] == [REMOVED]


def test_outcome_value_change_names_trial_analysis_and_value():
    old = snapshot()
    new = copy.deepcopy(old)
    new["trials"][0]["outcomes"][0].update(hazard_ratio="0.43", hr_ci_low="0.32", hr_ci_high="0.58")
    (outcome,) = diff_snapshots(old, new).data
    assert outcome.kind == "Outcome" and outcome.status == CHANGED
    assert outcome.subject.startswith("ALEX Progression-free survival")
    assert "updated analysis" in outcome.subject
    values = {c.label: (c.old, c.new) for c in outcome.changes}
    assert values == {"HR": ("0.47", "0.43"), "HR 95% CI": ("0.34-0.65", "0.32-0.58")}


def test_outcome_values_carry_their_unit():
    old = snapshot()
    new = copy.deepcopy(old)
    new["trials"][0]["outcomes"][0]["experimental_value"] = "25.7"
    (outcome,) = diff_snapshots(old, new).data
    assert [(c.label, c.old, c.new) for c in outcome.changes] == [("Experimental arm", "34.8 months", "25.7 months")]


def test_drug_and_indication_changes():
    old = snapshot()
    new = copy.deepcopy(old)
    new["drugs"][0]["dose_verified"] = False
    new["drugs"][0]["indications"][0]["approval_date_display"] = "March 2016"
    data = {(r.kind, r.subject): r for r in diff_snapshots(old, new).data}
    drug = data[("Drug", "crizotinib")]
    assert [(c.label, c.old, c.new) for c in drug.changes] == [("Dose checked against the label", "yes", "no")]
    indication = data[("crizotinib indication", "ROS1-positive NSCLC (FDA)")]
    assert [(c.old, c.new) for c in indication.changes] == [("March 11, 2016", "March 2016")]


def test_trial_removed_with_its_outcomes():
    old = snapshot()
    diff = diff_snapshots(old, changed(old, trials=[]))
    assert {(r.kind, r.status) for r in diff.data} == {("Trial", REMOVED), ("Outcome", REMOVED)}


def test_editor_markup_stays_plain_text():
    old = snapshot()
    new = copy.deepcopy(old)
    new["sections"][0]["body"] = "<script>alert(1)</script>"
    segments = diff_snapshots(old, new).sections[0].changes[0].segments
    assert "<script>" in inserted(segments)


@pytest.mark.django_db
def test_real_snapshots_of_an_edited_page(page):
    before = build_snapshot(page)
    section = page.sections.get()
    section.body = "Crizotinib blocks **ALK**, ROS1 and MET."
    section.save()
    outcome = page.drug.trials.get().outcomes.get()
    outcome.control_value = None
    outcome.save()
    diff = diff_snapshots(before, build_snapshot(page))
    assert "MET" in inserted(diff.sections[0].changes[0].segments)
    (change,) = [r for r in diff.data if r.kind == "Outcome"]
    assert [(c.label, c.old, c.new) for c in change.changes] == [("Control arm", "7.0 months", "")]


def test_a_changed_dose_change_is_shown_on_the_drug():
    hepatic = {"kind": "hepatic", "population": "Moderate hepatic impairment", "dose": "200 mg twice daily"}
    old = snapshot()
    new = copy.deepcopy(old)
    new["drugs"][0]["dose_adjustments"] = [hepatic]
    (change,) = diff_snapshots(old, new).data
    assert (change.kind, change.subject, change.status) == ("Drug", "crizotinib", CHANGED)
    assert [(c.label, c.old, c.new) for c in change.changes] == [
        ("Dose changes", "", "Moderate hepatic impairment: 200 mg twice daily")
    ]


def test_a_mistyped_figure_shows_as_the_word_replaced_not_characters():
    # PROFILE 1014's 10.9 months, typed with its digits swapped.
    segments = text_diff("Median PFS was 10.9 months.", "Median PFS was 19.0 months.")
    assert [(s.op, s.text) for s in segments] == [
        (EQUAL, "Median PFS was "),
        (DELETE, "10.9"),
        (INSERT, "19.0"),
        (EQUAL, " months."),
    ]


def test_figures_with_intervals_and_hyphenated_words_change_as_whole_words():
    segments = text_diff(
        "HR 0.47 (95% CI 0.34-0.65) in ALK-positive NSCLC", "HR 0.43 (95% CI 0.32-0.58) in ROS1-positive NSCLC"
    )
    assert texts(segments, DELETE) == ["0.47", "0.34-0.65", "ALK-positive"]
    assert texts(segments, INSERT) == ["0.43", "0.32-0.58", "ROS1-positive"]


def test_a_rewritten_phrase_reads_as_one_replacement_not_word_by_word():
    segments = text_diff("It is taken by mouth.", "It is swallowed whole with water.")
    assert [(s.op, s.text) for s in segments] == [
        (EQUAL, "It is "),
        (DELETE, "taken by mouth"),
        (INSERT, "swallowed whole with water"),
        (EQUAL, "."),
    ]


@pytest.mark.django_db
def test_review_screen_marks_the_replaced_figure_and_offers_the_preview_full_height_and_side_by_side(
    client, page, editor, reviewer
):
    section = page.sections.get()
    section.body = "Median PFS was 10.9 months."
    section.save()
    publish(page, editor, reviewer)
    section.body = "Median PFS was 19.0 months."
    section.save()
    submission = workflow.submit(page, editor, summary="PFS figure")
    client.force_login(reviewer)
    review_url = reverse("admin:reviews_submission_review", args=[submission.pk])
    preview_url = reverse("admin:reviews_submission_preview", args=[submission.pk])

    html = text_of(client.get(review_url))
    assert "<del>10.9</del><ins>19.0</ins> months." in html
    assert f'href="{preview_url}" target="_blank"' in html
    assert "review-screen review-side-by-side" not in html
    assert 'href="?layout=side-by-side#diff"' in html

    side_by_side = text_of(client.get(review_url, {"layout": "side-by-side"}))
    assert "review-screen review-side-by-side" in side_by_side
    assert "<del>10.9</del><ins>19.0</ins>" in side_by_side
    assert 'href="?">One column</a>' in side_by_side
    assert "review-screen review-side-by-side" not in text_of(client.get(review_url, {"layout": "<script>"}))
