"""The public website: it shows what a reviewer signed off, exactly, and nothing else.

Figures are from shared/content/facts.md (crizotinib, alectinib, PROFILE 1014, ALEX).
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from monographs.kinds import build_snapshot, render_snapshot
from monographs.models import (
    Article,
    Biomarker,
    Condition,
    Drug,
    DrugPage,
    Indication,
    Outcome,
    Question,
    QuestionGroup,
    Section,
    SiteSettings,
    Source,
    Trial,
)
from reviews import workflow
from reviews.models import Publication, ReviewerProfile

from .conftest import PASSWORD, publish, text_of


def disclaimer_of(response):
    match = re.search(r'<aside class="disclaimer".*?</aside>', text_of(response), re.S)
    assert match, "the page has no disclaimer"
    return match.group(0)


@pytest.fixture
def alex_comparison(comparison, alex_primary_pfs):
    """Crizotinib vs alectinib with ALEX as its head-to-head trial, its outcomes and a verdict, not yet published."""
    alex = alex_primary_pfs.trial
    mok = Source.objects.create(
        kind=Source.Kind.PUBLICATION, title="Mok et al., ALEX updated analysis", citation="Ann Oncol 2020"
    )
    peters = Source.objects.create(
        kind=Source.Kind.PUBLICATION, title="Peters et al., ALEX final OS", citation="Ann Oncol 2025"
    )
    Outcome.objects.create(
        trial=alex,
        order=1,
        endpoint=Outcome.Endpoint.PFS,
        measure=Outcome.Measure.MEDIAN,
        analysis=Outcome.Analysis.UPDATED,
        assessor=Outcome.Assessor.INVESTIGATOR,
        unit=Outcome.Unit.MONTHS,
        experimental_value=Decimal("34.8"),
        control_value=Decimal("10.9"),
        hazard_ratio=Decimal("0.43"),
        hr_ci_low=Decimal("0.32"),
        hr_ci_high=Decimal("0.58"),
        source=mok,
    )
    Outcome.objects.create(
        trial=alex,
        order=2,
        endpoint=Outcome.Endpoint.CNS_PROGRESSION,
        measure=Outcome.Measure.RATE,
        analysis=Outcome.Analysis.PRIMARY,
        unit=Outcome.Unit.PERCENT,
        experimental_value=Decimal("12"),
        control_value=Decimal("45"),
        hazard_ratio=Decimal("0.16"),
        hr_ci_low=Decimal("0.10"),
        hr_ci_high=Decimal("0.28"),
        hr_kind="cause-specific",
        source=alex_primary_pfs.source,
    )
    Outcome.objects.create(
        trial=alex,
        order=3,
        endpoint=Outcome.Endpoint.OS,
        measure=Outcome.Measure.MEDIAN,
        analysis=Outcome.Analysis.FINAL,
        unit=Outcome.Unit.MONTHS,
        experimental_value=Decimal("81.1"),
        control_value=Decimal("54.2"),
        hazard_ratio=Decimal("0.78"),
        hr_ci_low=Decimal("0.56"),
        hr_ci_high=Decimal("1.08"),
        statistically_significant=False,
        source=peters,
    )
    comparison.head_to_head = alex
    comparison.verdict = "Alectinib kept the cancer in check **longer** in ALEX."
    comparison.save()
    return comparison


# Every address answers


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/drugs/",
        "/compare/",
        "/learn/",
        "/search/",
        "/contact/",
        "/editorial-policy/",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
def test_site_pages_answer_even_with_nothing_published(client, db, url):
    assert client.get(url).status_code == 200


def test_published_drug_page_is_listed_and_renders(client, published_page):
    for url in ("/", "/drugs/"):
        assert 'href="/drugs/crizotinib/"' in text_of(client.get(url))
    response = client.get("/drugs/crizotinib/")
    assert response.status_code == 200
    html = text_of(response)
    assert "<title>Crizotinib (Xalkori) — " in html
    assert (
        '<meta name="description" content="A targeted medicine for ALK-positive or ROS1-positive lung cancer.">' in html
    )
    assert '<a class="skip-link" href="#main">' in html
    assert '<h2 id="how-it-works">How it works</h2>' in html
    assert "<p>Crizotinib blocks <strong>ALK</strong> and ROS1.</p>" in html
    assert "Questions to ask your oncologist" in html and "How often will my liver be checked?" in html
    assert "XALKORI prescribing information" in html


@pytest.mark.parametrize(
    "url",
    ["/drugs/no-such-drug/", "/compare/no-such/", "/learn/no-such/", "/reviewers/nobody/", "/compare/crizotinib/"],
)
def test_unknown_addresses_are_not_found(client, published_page, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in text_of(response)


def test_a_page_that_was_never_signed_off_is_not_found(client, page):
    assert client.get("/drugs/crizotinib/").status_code == 404
    assert "crizotinib" not in text_of(client.get("/drugs/")).lower()
    assert "/drugs/crizotinib/" not in text_of(client.get("/sitemap-pages.xml"))


def test_public_pages_refuse_to_be_posted_to(client, published_page):
    assert client.post("/drugs/crizotinib/").status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/drugs/" + "a" * 5000 + "/",
        "/drugs/%C3%BCber/",
        "/drugs/%00/",
        "/drugs/CRIZOTINIB/",
        "/drugs/crizotinib-vs-alectinib/",
        "/compare/crizotinib/",
        "/learn/crizotinib/",
        "/learn/-/",
        "/reviewers/" + "a" * 5000 + "/",
        "/reviewers/%E2%80%AE/",
        "/reviewers/nobody/",
        "/sitemap-pages.xml?p=abc",
        "/sitemap-pages.xml?p=99999999999999999999",
        "/sitemap-nothing.xml",
    ],
)
def test_odd_public_addresses_are_not_found(client, published_page, reviewer, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/drugs/",
        "/drugs/crizotinib/",
        "/compare/",
        "/learn/",
        "/reviewers/reviewer/",
        "/search/?q=x",
        "/contact/",
        "/editorial-policy/",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_public_addresses_only_answer_reading(client, published_page, url, method):
    assert getattr(client, method)(url).status_code == 405
    assert Publication.objects.get().withdrawn_at is None


# Only what was signed off, exactly as signed off


def test_edits_after_publication_stay_private_until_signed_off_again(
    client, published_page, crizotinib, editor, reviewer
):
    page = published_page
    page.title = "Crizotinib (Xalkori): a new title"
    page.save()
    Section.objects.filter(page=page).update(body="Crizotinib blocks ALK, ROS1 and MET.")
    crizotinib.targets_detail = "ALK, ROS1, c-Met (HGFR), RON"
    crizotinib.save()
    Outcome.objects.create(
        trial=Trial.objects.get(slug="profile-1014"),
        order=2,
        endpoint=Outcome.Endpoint.ORR,
        measure=Outcome.Measure.RATE,
        analysis=Outcome.Analysis.PRIMARY,
        unit=Outcome.Unit.PERCENT,
        experimental_value=Decimal("74"),
        control_value=Decimal("45"),
        source=Source.objects.get(citation__contains="371:2167"),
    )

    html = text_of(client.get("/drugs/crizotinib/"))
    assert "a new title" not in html and "ROS1 and MET" not in html
    assert "c-Met (HGFR), RON" not in html and "74%" not in html

    publish(page, editor, reviewer, summary="Added the response rate and the full list of targets")
    html = text_of(client.get("/drugs/crizotinib/"))
    assert "Crizotinib (Xalkori): a new title" in html
    assert "Crizotinib blocks ALK, ROS1 and MET." in html
    assert "ALK, ROS1, c-Met (HGFR), RON" in html
    assert "74%" in html and "45%" in html


def test_an_edit_made_after_submission_is_not_published_by_its_approval(client, page, editor, reviewer):
    submission = workflow.submit(page, editor, summary="First publication")
    Section.objects.filter(page=page).update(body="Text written after the page was submitted.")
    workflow.approve(submission, reviewer, password=PASSWORD)
    html = text_of(client.get("/drugs/crizotinib/"))
    assert "Crizotinib blocks <strong>ALK</strong> and ROS1." in html
    assert "written after the page was submitted" not in html


def public_surfaces(client, reviewer_slug):
    urls = [
        "/",
        "/drugs/",
        "/compare/",
        "/learn/",
        "/drugs/crizotinib/",
        "/drugs/alectinib/",
        f"/reviewers/{reviewer_slug}/",
        "/sitemap.xml",
        "/robots.txt",
    ]
    pages = {url: text_of(client.get(url)) for url in urls}
    for term in ("crizotinib", "alectinib", "liver", "ALK"):
        pages[f"/search/?q={term}"] = text_of(client.get("/search/", {"q": term}))
    return pages


def test_nothing_unsigned_or_withdrawn_reaches_any_public_surface(
    client, published_page, alectinib, editor, reviewer, other_reviewer
):
    # A page that was never signed off.
    draft = DrugPage.objects.create(
        drug=alectinib, title="DRAFTWORD alectinib", slug="alectinib", summary="DRAFTWORD summary"
    )
    Section.objects.create(page=draft, order=1, heading="DRAFTWORD heading", body="DRAFTWORD body")
    # A published page edited after it was submitted: the edit is not what was signed.
    Section.objects.filter(page=published_page).update(body="Crizotinib blocks ALK and ROS1. LATEEDIT")
    # A published page edited and waiting for review again.
    explainer = Article.objects.create(title="Living with ROS1", slug="living-with-ros1", summary="For families.")
    Section.objects.create(page=explainer, order=1, heading="Daily life", body="Most people keep working.")
    publish(explainer, editor, reviewer)
    Section.objects.filter(page=explainer).update(body="Most people keep working. DRAFTWORD")
    workflow.submit(explainer, editor, summary="DRAFTWORD summary of a change")
    # A scheduled approval, not live yet.
    scheduled = workflow.submit(published_page, editor, summary="LATEEDIT scheduled")
    workflow.approve(
        scheduled, other_reviewer, go_live_at=timezone.now() + datetime.timedelta(days=2), password=PASSWORD
    )
    # A withdrawn page.
    withdrawn = Article.objects.create(title="Withdrawn explainer", slug="withdrawn", summary="Withdrawn summary")
    Section.objects.create(page=withdrawn, order=1, heading="Old", body="Withdrawn text about liver checks.")
    publish(withdrawn, editor, reviewer)
    workflow.withdraw(withdrawn, reviewer, "Out of date.")

    surfaces = public_surfaces(client, "reviewer") | public_surfaces(client, "reviewer2")
    for url, html in surfaces.items():
        assert "DRAFTWORD" not in html, url
        assert "LATEEDIT" not in html, url
        assert "/learn/withdrawn/" not in html, url
        assert "Withdrawn text" not in html, url
    assert "Crizotinib blocks <strong>ALK</strong> and ROS1." in surfaces["/drugs/crizotinib/"]
    for word in ("DRAFTWORD", "LATEEDIT", "Withdrawn"):
        assert "No pages found" in text_of(client.get("/search/", {"q": word})), word
    assert client.get("/drugs/alectinib/").status_code == 404
    assert client.get("/learn/withdrawn/").status_code == 410


# Trust: reviewer box, dates, history, disclaimer


def test_reviewer_box_names_reviewer_dates_and_sources(client, published_page):
    publication = Publication.objects.get(page=published_page)
    html = text_of(client.get("/drugs/crizotinib/"))
    assert (
        'Medically reviewed by\n    <a href="/reviewers/reviewer/">Dr Test Reviewer</a>, MD, Medical oncology' in html
    )
    assert f'Last reviewed</dt><dd><time datetime="{publication.last_reviewed_at:%Y-%m-%d}">' in html
    assert f'Next review due</dt><dd><time datetime="{publication.review_due:%Y-%m-%d}">' in html
    assert "Last updated" in html
    reviewed_on = publication.signoff.signed_at
    assert (
        f'on <time datetime="{reviewed_on:%Y-%m-%d}">{reviewed_on:%B} {reviewed_on.day}, {reviewed_on:%Y}</time>'
        in html
    )
    box = re.search(r'<aside class="reviewer-box".*?</aside>', html, re.S).group(0)
    assert "Sources reviewed against" in box and "XALKORI prescribing information" in box


def test_history_lists_content_changes_newest_first_with_reviewer(
    client, published_page, editor, other_editor, other_reviewer
):
    Section.objects.filter(page=published_page).update(heading="How crizotinib works")
    publish(published_page, other_editor, other_reviewer, summary="Clearer heading")
    # A re-review that changes nothing is not a content change.
    publish(published_page, editor, other_reviewer, summary="Re-reviewed, no change")
    html = text_of(client.get("/drugs/crizotinib/"))
    history = re.search(r'<section class="history".*?</section>', html, re.S).group(0)
    assert history.index("Clearer heading") < history.index("First publication")
    assert "Reviewed by Dr Second Reviewer" in history and "Reviewed by Dr Test Reviewer" in history
    assert "Re-reviewed, no change" not in history


def test_disclaimer_names_only_the_pages_own_drugs(client, published_page, alex_comparison, editor, reviewer):
    Drug.objects.create(name="osimertinib", slug="osimertinib", drug_class="EGFR tyrosine kinase inhibitor")
    publish(alex_comparison, editor, reviewer)
    drug_disclaimer = disclaimer_of(client.get("/drugs/crizotinib/"))
    assert "about crizotinib for patients" in drug_disclaimer
    assert "alectinib" not in drug_disclaimer and "osimertinib" not in drug_disclaimer
    assert SiteSettings.load().emergency_notice in drug_disclaimer
    comparison_disclaimer = disclaimer_of(client.get("/compare/crizotinib-vs-alectinib/"))
    assert "crizotinib and alectinib" in comparison_disclaimer or "alectinib and crizotinib" in comparison_disclaimer
    assert "osimertinib" not in comparison_disclaimer


# Drug page content


def test_drug_page_shows_key_facts_approvals_and_trial_outcomes(client, published_page):
    html = text_of(client.get("/drugs/crizotinib/"))
    facts = re.search(r'<section class="key-facts".*?</section>', html, re.S).group(0)
    for expected in (
        "ALK/ROS1/MET tyrosine kinase inhibitor",
        "First generation",
        "ALK, ROS1",
        "250 mg twice daily",
        "Prescription only",
        "ROS1-positive non-small cell lung cancer",
        "FDA: Regular approval, March 11, 2016",
    ):
        assert expected in facts
    assert "Dose to be confirmed" not in facts
    assert "How it is taken" not in facts, "a route nobody entered is not shown"
    assert "PROFILE 1014" in html and "NCT01154140" in html
    assert "Progression-free survival — primary analysis" in html
    assert "10.9 months" in html and "7.0 months" in html and "0.45 (95% CI 0.35–0.60)" in html


def test_unchecked_dose_is_flagged_and_unapproved_use_is_said_so(client, crizotinib, editor, reviewer):
    lorlatinib = Drug.objects.create(
        name="lorlatinib",
        brand_names="Lorbrena",
        slug="lorlatinib",
        drug_class="ALK tyrosine kinase inhibitor",
        generation=Drug.Generation.THIRD,
        dose="100 mg once daily",
        dose_verified=False,
    )
    nsclc = Condition.objects.get(slug="nsclc")
    Indication.objects.create(
        drug=lorlatinib,
        condition=nsclc,
        biomarker=Biomarker.objects.get(slug="alk"),
        approval_type=Indication.ApprovalType.ACCELERATED,
        approval_date=datetime.date(2018, 11, 1),
        date_precision=Indication.DatePrecision.MONTH,
        setting="metastatic",
    )
    Indication.objects.create(
        drug=lorlatinib,
        condition=nsclc,
        biomarker=Biomarker.objects.get(slug="ros1"),
        status=Indication.Status.NOT_APPROVED,
    )
    page = DrugPage.objects.create(
        drug=lorlatinib, title="Lorlatinib (Lorbrena)", slug="lorlatinib", summary="A targeted medicine."
    )
    publish(page, editor, reviewer)
    html = text_of(client.get("/drugs/lorlatinib/"))
    assert '100 mg once daily <strong class="flag">Dose to be confirmed against the current label</strong>' in html
    assert "FDA: Accelerated approval, November 2018" in html
    assert "ROS1-positive non-small cell lung cancer" in html
    assert "Not approved by the FDA for this use (guideline-listed or off-label use)" in html


# Comparison page


def test_comparison_table_head_to_head_chart_and_verdict(client, alex_comparison, editor, reviewer):
    publish(alex_comparison, editor, reviewer)
    assert 'href="/compare/crizotinib-vs-alectinib/"' in text_of(client.get("/compare/"))
    response = client.get("/compare/crizotinib-vs-alectinib/")
    assert response.status_code == 200
    html = text_of(response)
    table = re.search(r'<table class="comparison-table">.*?</table>', html, re.S).group(0)
    for expected in (
        "First generation",
        "Second generation",
        "ALK, RET",
        "600 mg twice daily with food",
        "Dose to be confirmed against the current label",
        "FDA: Regular approval, November 6, 2017",
        "PROFILE 1014",
        "ALEX",
    ):
        assert expected in table
    outcomes = re.search(r'<table class="outcomes">.*?</table>', html, re.S).group(0)
    assert "Progression-free survival (investigator-assessed) — updated analysis" in outcomes
    assert "34.8 months" in outcomes and "0.43 (95% CI 0.32–0.58)" in outcomes
    assert "Cause-specific HR 0.16 (95% CI 0.10–0.28)" in outcomes and "12%" in outcomes
    assert "Overall survival — final analysis" in outcomes
    assert outcomes.count("Not statistically significant") == 1
    assert "Mok et al., ALEX updated analysis" in outcomes
    chart = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<script" not in chart
    assert chart.count('class="bar-experimental"') == 4  # three outcomes and the legend
    assert "81.1 months" in chart and "45%" in chart
    assert "Alectinib kept the cancer in check <strong>longer</strong> in ALEX." in html


def test_chart_bars_are_drawn_to_scale_within_each_unit(client, alex_comparison, editor, reviewer):
    publish(alex_comparison, editor, reviewer)
    chart = re.search(r"<svg.*?</svg>", text_of(client.get("/compare/crizotinib-vs-alectinib/")), re.S).group(0)
    widths = [
        float(w) for w in re.findall(r'<rect class="bar-[a-z]+" x="0" y="\d+" width="([\d.]+)" height="22"', chart)
    ]
    pfs_alectinib, pfs_crizotinib, cns_alectinib, cns_crizotinib, os_alectinib, os_crizotinib = widths
    assert os_alectinib == max(widths)
    assert pfs_alectinib / os_alectinib == pytest.approx(34.8 / 81.1, rel=0.01)
    assert cns_crizotinib / cns_alectinib == pytest.approx(45 / 12, rel=0.01)


# Explainers and reviewers


def test_explainer_index_and_page(client, crizotinib, editor, reviewer):
    article = Article.objects.create(
        title="ROS1-positive lung cancer", slug="ros1-positive-nsclc", summary="What a ROS1 result means."
    )
    article.drugs.set([crizotinib])
    article.biomarkers.set([Biomarker.objects.get(slug="ros1")])
    Section.objects.create(page=article, heading="What ROS1 is", body="A gene that can fuse with another gene.")
    publish(article, editor, reviewer)
    assert 'href="/learn/ros1-positive-nsclc/"' in text_of(client.get("/learn/"))
    html = text_of(client.get("/learn/ros1-positive-nsclc/"))
    assert "What ROS1 is" in html and "Medically reviewed by" in html
    assert "about crizotinib for patients" in disclaimer_of(client.get("/learn/ros1-positive-nsclc/"))


def test_reviewer_profile_lists_the_pages_they_signed_off(
    client, published_page, alex_comparison, editor, other_reviewer
):
    publish(alex_comparison, editor, other_reviewer)
    html = text_of(client.get("/reviewers/reviewer/"))
    assert "Dr Test Reviewer, MD" in html and "Medical Oncology" in html
    assert 'href="/drugs/crizotinib/"' in html
    assert "/compare/crizotinib-vs-alectinib/" not in html
    assert "/compare/crizotinib-vs-alectinib/" in text_of(client.get("/reviewers/reviewer2/"))


# Withdrawal


def test_a_withdrawn_page_answers_410_with_a_notice_and_leaves_every_list(client, published_page, reviewer):
    workflow.withdraw(published_page, reviewer, "A newer label changed the dosing advice.")
    response = client.get("/drugs/crizotinib/")
    assert response.status_code == 410
    html = text_of(response)
    assert "Page withdrawn" in html and "Crizotinib (Xalkori)" in html
    assert "A newer label changed the dosing advice." in html
    assert f"{timezone.now():%B} {timezone.now().day}, {timezone.now():%Y}" in html
    assert "Crizotinib blocks" not in html
    for url in ("/", "/drugs/", "/reviewers/reviewer/", "/sitemap-pages.xml"):
        assert "/drugs/crizotinib/" not in text_of(client.get(url)), url
    assert "No pages found" in text_of(client.get("/search/", {"q": "crizotinib"}))


# Sitemap and robots


def test_sitemap_lists_live_publications_with_their_update_date(client, published_page, alex_comparison):
    publication = Publication.objects.get(page=published_page)
    assert "/sitemap-pages.xml</loc>" in text_of(client.get("/sitemap.xml"))  # an index of sitemaps
    xml = text_of(client.get("/sitemap-pages.xml")) + text_of(client.get("/sitemap-site.xml"))
    assert (
        "<loc>http://testserver/drugs/crizotinib/</loc>" in xml
        or "<loc>https://testserver/drugs/crizotinib/</loc>" in xml
    )
    assert f"<lastmod>{publication.last_updated_at:%Y-%m-%d}</lastmod>" in xml
    assert "/editorial-policy/</loc>" in xml
    assert "crizotinib-vs-alectinib" not in xml


def test_robots_allows_all_but_admin_and_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = text_of(response).splitlines()
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# Contact and policy


def test_contact_page_shows_the_publishers_details(client, db):
    SiteSettings(
        organisation="Lung Drug Facts",
        address="1 Example Street\nSpringfield",
        email="help@example.org",
        phone="+1 555 0100",
    ).save()
    html = text_of(client.get("/contact/"))
    assert "1 Example Street<br>Springfield" in html
    assert 'href="mailto:help@example.org"' in html and "+1 555 0100" in html


def test_editorial_policy_explains_independent_sign_off(client, db):
    html = text_of(client.get("/editorial-policy/"))
    assert "board-certified oncologist" in html and "Next review due" in html and "report-an-error" in html


# Preview of unpublished content with the same templates


def test_preview_renders_a_working_copy_without_claiming_a_review(rf, page):
    Section.objects.filter(page=page).update(body="Unreviewed draft text.")
    response = render_snapshot(rf.get("/"), build_snapshot(page), preview_notice="Working copy of Crizotinib.")
    html = response.content.decode()
    assert "Preview — not published." in html and "Working copy of Crizotinib." in html
    assert "Unreviewed draft text." in html
    assert "Medically reviewed by" not in html and "Update history" not in html
    assert '<meta name="robots" content="noindex">' in html
    assert "about crizotinib for patients" in html


# Queries: constant whatever the size of the page


def _grow(page, sections, groups, questions, outcomes):
    Section.objects.bulk_create(
        Section(page=page, order=10 + i, heading=f"Part {i}", body=f"Paragraph {i} with **emphasis**.")
        for i in range(sections)
    )
    for g in range(groups):
        group = QuestionGroup.objects.create(page=page, order=10 + g, heading=f"Group {g}")
        Question.objects.bulk_create(
            Question(group=group, order=q, text=f"Question {g}.{q}?") for q in range(questions)
        )
    trial = Trial.objects.get(slug="profile-1014")
    template = Outcome.objects.get(trial=trial)
    for i in range(outcomes):
        template.pk = None
        template.order = 10 + i
        template.save()


@pytest.mark.parametrize("size", [0, 40])
def test_drug_page_costs_at_most_three_queries_however_long(
    client, page, editor, reviewer, django_assert_max_num_queries, size
):
    _grow(page, sections=size, groups=size // 4, questions=size // 4, outcomes=size // 2)
    publish(page, editor, reviewer)
    with django_assert_max_num_queries(3):
        response = client.get("/drugs/crizotinib/")
    assert response.status_code == 200
    assert text_of(response).count('<section class="prose"') == 1 + size


def test_index_pages_cost_a_constant_number_of_queries(
    client, page, alex_comparison, editor, reviewer, django_assert_max_num_queries
):
    publish(page, editor, reviewer)
    publish(alex_comparison, editor, reviewer)
    for url in ("/", "/drugs/", "/compare/", "/learn/", "/reviewers/reviewer/", "/sitemap.xml"):
        with django_assert_max_num_queries(3):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/search/", {"q": "alk"}).status_code == 200


def test_public_pages_of_the_demo_cost_a_handful_of_queries(client, demo, django_assert_max_num_queries):
    urls = ["/", "/drugs/", "/compare/", "/learn/", "/sitemap.xml", "/search/?q=crizotinib", "/contact/"]
    urls += [publication.get_absolute_url() for publication in Publication.objects.all()]
    urls += [profile.get_absolute_url() for profile in ReviewerProfile.objects.all()]
    assert len(urls) >= 10
    for url in urls:
        client.get(url)  # the site settings are cached after the first page
        with django_assert_max_num_queries(3):
            assert client.get(url).status_code == 200, url
