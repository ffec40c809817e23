"""Figures by reference: prose names a trial result, dose or approval, and the page shows it from its snapshot.

The crizotinib page of conftest shows PROFILE 1014, whose primary analysis of
progression-free survival is 10.9 vs 7.0 months, HR 0.45 (95% CI 0.35-0.60), from
Solomon et al., N Engl J Med 2014;371:2167 (facts.md).
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from monographs.kinds import build_snapshot
from monographs.models import Outcome, Section, Source
from monographs.presentation import readable_text
from monographs.references import MISSING
from monographs.rendering import render_markdown
from reviews.checks import ERROR, WARNING, check_snapshot, run_checks
from reviews.models import Publication

from .conftest import add_crizotinib_dose_changes, logged_in, publish, text_of

PFS = "outcome:profile-1014/pfs/primary"
# How the reference reads: the figure, then its label (what, which analysis) and its source.
PFS_TEXT = (
    "10.9 months with crizotinib vs 7.0 months with platinum-pemetrexed chemotherapy, HR 0.45, 95% CI 0.35–0.60 "
    "(median progression-free survival, primary analysis; Solomon et al., PROFILE 1014, N Engl J Med 2014;371:2167)"
)


def _write(page, body):
    Section.objects.filter(page=page).update(body=body)


def _findings(page, code):
    return [f for f in run_checks(page) if f.code == code]


def _pfs_outcome():
    return Outcome.objects.get(trial__slug="profile-1014", endpoint=Outcome.Endpoint.PFS)


def test_a_reference_reads_as_its_figure_labelled_with_analysis_and_source(client, page, editor, reviewer):
    _write(page, f"In PROFILE 1014, median progression-free survival was [[{PFS}]].")
    publish(page, editor, reviewer)

    html = text_of(client.get("/drugs/crizotinib/"))

    assert f"median progression-free survival was {PFS_TEXT}." in html
    assert "[[" not in html


def test_a_reference_by_id_reads_the_same_as_by_its_readable_code(page):
    pk = _pfs_outcome().pk
    snapshot = build_snapshot(page)

    by_id = render_markdown(f"PFS: [[outcome:{pk}]]", snapshot)

    assert by_id == render_markdown(f"PFS: [[{PFS}]]", snapshot)
    assert "10.9 months with crizotinib" in by_id


def test_the_figure_comes_from_the_snapshot_not_from_the_current_data(client, page, editor, reviewer):
    _write(page, f"Median progression-free survival: [[{PFS}]].")
    publish(page, editor, reviewer)
    Outcome.objects.filter(pk=_pfs_outcome().pk).update(experimental_value=Decimal("99.9"))

    html = text_of(client.get("/drugs/crizotinib/"))

    assert "10.9 months with crizotinib" in html
    assert "99.9" not in html


@pytest.mark.parametrize(
    "code",
    [
        "outcome:profile-1014/pfs/final",  # no such analysis
        "dose:alectinib",  # a drug this page is not about
        "outcome:999999",  # no such id
        "figure",  # not a code at all
    ],
)
def test_a_reference_the_page_cannot_resolve_shows_a_marker_and_is_an_error(page, alectinib, editor, code):
    _write(page, f"In the trial, the result was [[{code}]].")

    preview = text_of(logged_in(editor).get(reverse("admin:monographs_drugpage_preview", args=[page.pk])))
    (finding,) = _findings(page, "missing-reference")

    assert f"the result was <strong>{MISSING}</strong>." in preview
    assert finding.severity == ERROR
    assert f"[[{code}]]" in finding.message
    assert finding.location == "section 1: How it works"


def test_a_figure_of_a_trial_the_page_does_not_show_is_missing_even_by_its_id(article, crizotinib, editor):
    """The outcome exists, but an explainer with no drugs shows no trial: references read only the snapshot."""
    Section.objects.create(page=article, order=1, heading="Results", body=f"PFS: [[outcome:{_pfs_outcome().pk}]].")

    preview = text_of(logged_in(editor).get(reverse("admin:monographs_article_preview", args=[article.pk])))

    assert f"PFS: <strong>{MISSING}</strong>." in preview
    assert "10.9" not in preview
    assert [f.severity for f in _findings(article, "missing-reference")] == [ERROR]


def test_a_misspelt_code_gets_a_suggestion(page):
    _write(page, "Median PFS: [[outcome:profile-1014/pfs/primry]].")

    (finding,) = _findings(page, "missing-reference")

    assert f"Did you mean [[{PFS}]]?" in finding.message


def test_a_reference_outside_markdown_is_an_error(page):
    page.summary = f"Crizotinib kept cancer under control for [[{PFS}]]."
    page.save()

    (finding,) = _findings(page, "reference-misplaced")

    assert finding.severity == ERROR
    assert finding.location == "summary"


HOSTILE = "<script>alert(1)</script> [click](javascript:alert(2)) **bold** | cell"


def test_markup_inside_a_referenced_field_cannot_reach_the_page_as_markup(page):
    Source.objects.filter(outcomes__trial__slug="profile-1014").update(title=HOSTILE)
    snapshot = build_snapshot(page)

    html = render_markdown(f"| Result |\n| --- |\n| [[{PFS}]] |", snapshot)

    assert "<script" not in html and "<a " not in html and "<strong>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [click](javascript:alert(2))" in html
    assert "**bold** | cell" in html
    # The whole figure stays in its table cell.
    assert re.search(r"<td>10\.9 months[^<]*\*\*bold\*\* \| cell, N Engl J Med 2014;371:2167\)</td>", html)


def test_search_and_the_checks_read_the_expanded_figure(page, editor, reviewer):
    _write(page, f"In PROFILE 1014, median progression-free survival was [[{PFS}]].")
    snapshot = build_snapshot(page)

    assert any("HR 0.45, 95% CI 0.35–0.60" in block for block in readable_text(snapshot))
    assert not [f for f in check_snapshot(snapshot) if f.severity == ERROR]


def test_the_checks_judge_the_figure_a_reference_puts_in_the_sentence(page):
    """The usual dose, referred to where the kidney dose belongs, is caught as a wrong kidney dose."""
    add_crizotinib_dose_changes(page.drug)
    _write(page, "Severe kidney problems, not on dialysis: [[dose:crizotinib]].")

    (finding,) = _findings(page, "dose-change")

    assert finding.severity == ERROR
    assert "250 mg twice daily" in finding.message
    assert finding.text == "Severe kidney problems, not on dialysis: 250 mg twice daily."


# Bare figures --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, typed, code",
    [
        ("In PROFILE 1014, median progression-free survival was 10.9 vs 7.0 months (HR 0.45).", "HR 0.45", PFS),
        ("The usual adult dose is 250 mg twice daily.", "250 mg twice daily", "dose:crizotinib"),
        (
            "The FDA approved crizotinib for ROS1-positive NSCLC in 2016.",
            "2016",
            "approval:crizotinib/ros1-nsclc/2016-03-11",
        ),
        (
            "Moderate liver problems: 200 mg twice daily.",
            "200 mg twice daily",
            "dose-change:crizotinib/hepatic/moderate-hepatic-impairment",
        ),
    ],
)
def test_a_bare_recorded_figure_is_a_warning_that_offers_its_reference(page, sentence, typed, code):
    add_crizotinib_dose_changes(page.drug)
    _write(page, sentence)

    (finding,) = _findings(page, "bare-figure")

    assert finding.severity == WARNING
    assert f"“{typed}”" in finding.message
    assert f"write [[{code}]] instead" in finding.message

    _write(page, sentence.replace(typed, f"[[{code}]]") if typed != "HR 0.45" else f"PFS: [[{code}]].")
    assert not _findings(page, "bare-figure")
    assert not _findings(page, "missing-reference")


def test_figures_the_page_does_not_record_are_left_alone(page):
    _write(page, "About 60% of people notice vision changes. Entrectinib was approved in 2019.")

    assert not _findings(page, "bare-figure")


# The page form's picker --------------------------------------------------------------------------


def test_the_page_form_lists_the_figures_with_their_codes_to_copy_or_insert(page, editor):
    add_crizotinib_dose_changes(page.drug)

    html = text_of(logged_in(editor).get(reverse("admin:monographs_drugpage_change", args=[page.pk])))

    for code in (PFS, "dose:crizotinib", "approval:crizotinib/ros1-nsclc/2016-03-11"):
        # Visible without JavaScript; the Insert button appears only when the script runs.
        assert f"<code>[[{code}]]</code>" in html
        assert f'data-reference="[[{code}]]" hidden>Insert</button>' in html
    assert "reviews/figure-picker.js" in html
    assert "10.9 months with crizotinib" in html


# The demo pages ------------------------------------------------------------------------------------

DEMO = ["crizotinib", "crizotinib-vs-alectinib", "ros1-positive-nsclc"]


@pytest.mark.parametrize("slug", DEMO)
def test_the_demo_pages_quote_their_figures_by_reference_and_pass_every_check(published_demo, db, slug):
    snapshot = Publication.objects.get(slug=slug).snapshot
    prose = " ".join(s["body"] for s in snapshot["sections"]) + (snapshot.get("verdict") or "")

    findings = check_snapshot(snapshot)

    assert len(re.findall(r"\[\[outcome:", prose)) >= 3
    assert not [f for f in findings if f.code in ("bare-figure", "missing-reference", "reference-misplaced")]
    assert not [f for f in findings if f.severity in (ERROR, WARNING)], findings
    assert not [block for block in readable_text(snapshot) if MISSING in block or "[[" in block]
