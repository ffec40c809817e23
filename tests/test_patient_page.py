"""The patient page as a reader finds their way round it and reads trial results:
contents and anchors, related pages, significance and direction in words, the charts.

Figures are from shared/content/facts.md (crizotinib, alectinib, PROFILE 1014, ALEX).
"""

import html as html_lib
import re

import pytest

from monographs.kinds import build_snapshot, render_snapshot
from monographs.models import Article, Section
from monographs.presentation import direction, forest_plot, significance
from reviews import workflow

from .conftest import publish, text_of
from .served_site import ServedSite, chromium

SIGNIFICANCE_WORDS = (
    "Not statistically significant",
    "Statistically significant",
    "Significance not stated by the source",
    "One group only: no comparison was tested",
)
DIRECTION_WORDS = ("Longer is better", "Shorter is better", "Higher is better", "Lower is better")


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return text_of(response)


def ids_on(html):
    return re.findall(r'\sid="([^"]+)"', html)


def contents_links(html):
    nav = re.search(r'<nav class="toc".*?</nav>', html, re.S)
    assert nav, "the page has a table of contents"
    return re.findall(r'href="#([^"]+)"', nav.group(0))


def part(html, pattern):
    found = re.search(pattern, html, re.S)
    assert found, pattern
    return found.group(0)


def related_links(html):
    related = re.search(r'<section class="related".*?</section>', html, re.S)
    return re.findall(r'href="(/[^"]+)"', related.group(0)) if related else []


def svg_texts(figure):
    """The words an SVG figure draws, line by line, joined."""
    return " ".join(html_lib.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", figure))


def outcome_rows(html):
    rows = []
    for table in re.findall(r'<table class="outcomes">.*?</table>', html, re.S):
        body = part(table, r"<tbody>.*?</tbody>")
        rows += re.findall(r"<tr>.*?</tr>", body, re.S)
    return rows


# Contents and anchors


def test_contents_link_to_parts_of_the_page_whose_anchors_are_unique(client, published_page, editor, reviewer):
    Section.objects.create(page=published_page, order=2, heading="How it works", body="A second part, same heading.")
    Section.objects.create(page=published_page, order=3, heading="Key facts heading", body="Named like a fixed part.")
    publish(published_page, editor, reviewer, summary="Two more sections")
    html = page_html(client, "/drugs/crizotinib/")
    ids = ids_on(html)
    assert len(ids) == len(set(ids)), "an id is used twice on the page"
    links = contents_links(html)
    assert set(links) <= set(ids), f"contents link to no part of the page: {set(links) - set(ids)}"
    for anchor in ("key-facts-heading", "how-it-works", "how-it-works-2", "key-facts-heading-2", "trials-heading"):
        assert anchor in links
    assert links.index("how-it-works") < links.index("how-it-works-2")
    assert "questions-heading" in links and "sources-heading" in links and "history-heading" in links
    assert html.count('<a href="#main">Back to top</a>') >= 2 and 'id="main"' in html


def test_an_anchor_keeps_its_name_when_other_sections_change(client, published_page, editor, reviewer):
    before = contents_links(page_html(client, "/drugs/crizotinib/"))
    Section.objects.create(page=published_page, order=0, heading="Before anything", body="A new first part.")
    publish(published_page, editor, reviewer, summary="A new first section")
    after = contents_links(page_html(client, "/drugs/crizotinib/"))
    assert "how-it-works" in before and "how-it-works" in after and "before-anything" in after


def test_contents_are_folded_on_a_phone(client, published_page):
    nav = part(page_html(client, "/drugs/crizotinib/"), r'<nav class="toc".*?</nav>')
    assert '<details class="toc__details">' in nav and '<summary class="toc__summary">On this page</summary>' in nav


# Related pages


def test_related_pages_come_from_what_is_published(client, published_page, comparison, crizotinib, editor, reviewer):
    publish(comparison, editor, reviewer)
    explainer = Article.objects.create(title="ROS1-positive NSCLC", slug="ros1-positive-nsclc", summary="What ROS1 is.")
    explainer.drugs.set([crizotinib])
    Section.objects.create(page=explainer, heading="What ROS1 is", body="A gene that can fuse with another gene.")
    publish(explainer, editor, reviewer)
    draft = Article.objects.create(title="A draft about crizotinib", slug="draft", summary="Not reviewed yet.")
    draft.drugs.set([crizotinib])
    withdrawn = Article.objects.create(title="An older page on crizotinib", slug="withdrawn", summary="Taken down.")
    withdrawn.drugs.set([crizotinib])
    Section.objects.create(page=withdrawn, heading="Old", body="Out of date.")
    publish(withdrawn, editor, reviewer)
    workflow.withdraw(withdrawn, reviewer, "Out of date.")
    unrelated = Article.objects.create(title="About biomarkers", slug="biomarkers", summary="No drug in it.")
    Section.objects.create(page=unrelated, heading="What a biomarker is", body="A sign that a test can find.")
    publish(unrelated, editor, reviewer)

    drug_page = page_html(client, "/drugs/crizotinib/")
    assert related_links(drug_page) == ["/compare/crizotinib-vs-alectinib/", "/learn/ros1-positive-nsclc/"]
    assert "#related-heading" in part(drug_page, r'<nav class="toc".*?</nav>')
    # Alectinib has no published page: the comparison links only crizotinib's.
    assert related_links(page_html(client, "/compare/crizotinib-vs-alectinib/")) == ["/drugs/crizotinib/"]
    assert related_links(page_html(client, "/learn/ros1-positive-nsclc/")) == ["/drugs/crizotinib/"]
    assert related_links(page_html(client, "/learn/biomarkers/")) == []


def test_a_preview_lists_no_related_pages(rf, published_page, comparison, editor, reviewer):
    publish(comparison, editor, reviewer)
    html = render_snapshot(rf.get("/"), build_snapshot(published_page)).content.decode()
    assert "Related pages" not in html and related_links(html) == []


# Trial results in words


@pytest.mark.parametrize(
    "endpoint, unit, expected",
    [
        ("pfs", "months", "Longer is better"),
        ("os", "", "Longer is better"),  # a hazard ratio only, or a result stated in words
        ("os", "%", "Higher is better"),  # survival at a time point
        ("orr", "%", "Higher is better"),
        ("cns_progression", "%", "Lower is better"),
        ("cns_progression", "", "Lower is better"),
        ("dfs", "months", "Longer is better"),
    ],
)
def test_direction_follows_the_endpoint_and_its_unit(endpoint, unit, expected):
    assert direction({"endpoint": endpoint, "unit": unit}) == expected


@pytest.mark.parametrize(
    "recorded, control_arm, expected",
    [
        (True, "crizotinib", "Statistically significant"),
        (False, "crizotinib", "Not statistically significant"),
        (None, "crizotinib", "Significance not stated by the source"),
        (None, "", "One group only: no comparison was tested"),
    ],
)
def test_significance_is_said_as_the_data_records_it(recorded, control_arm, expected):
    words, _ = significance({"statistically_significant": recorded}, {"control_arm": control_arm})
    assert words == expected


def test_each_result_says_which_way_is_better_and_whether_it_was_significant(client, published_page):
    html = page_html(client, "/drugs/crizotinib/")
    (row,) = outcome_rows(html)
    assert "Longer is better" in row and "Significance not stated by the source" in row
    assert "0.45 (95% CI 0.35–0.60)" in row and "Below 1 favours crizotinib" in row
    for label in ("crizotinib", "platinum-pemetrexed chemotherapy", "Hazard ratio (95% CI)", "Source"):
        assert f'data-label="{label}"' in row, "on a phone each value names its column"
    region = part(html, r'<div class="table-scroll"[^>]*>')
    assert 'tabindex="0"' in region and 'role="region"' in region and 'aria-label="PROFILE 1014 results"' in region


def test_forest_plot_places_each_hazard_ratio_within_its_interval():
    trial = {
        "name": "ALEX",
        "experimental_arm": "alectinib",
        "control_arm": "crizotinib",
        "outcomes": [
            outcome("Overall survival — final analysis", "0.78", "0.56", "1.08", False),
            outcome("CNS progression — primary analysis", "0.16", "0.10", "0.28", None, hr_kind="cause-specific"),
            outcome("Progression-free survival — FDA label / FDA review", "0.53", None, None, None),
            outcome("7-year overall survival — final analysis", None, None, None, None),
        ],
    }
    plot = forest_plot(trial)
    assert len(plot["rows"]) == 3, "a result without a hazard ratio has no point"
    survival, cns, label = plot["rows"]
    assert survival["low"] < survival["point"] < plot["one"] < survival["high"]
    assert cns["high"] < plot["one"] and label["low"] is None
    assert [tick["value"] for tick in plot["ticks"]] == ["0.1", "0.2", "0.5", "1"]
    assert (
        "Overall survival — final analysis: HR 0.78 (95% CI 0.56–1.08), not statistically significant."
        in (plot["description"])
    )
    assert "Cause-specific HR 0.16 (95% CI 0.10–0.28)" in plot["description"]
    assert "HR 0.53 (no interval reported)" in plot["description"]
    assert "Below 1 favours alectinib; above 1 favours crizotinib." in plot["description"]


def outcome(label, hazard_ratio, low, high, significant, hr_kind=""):
    return {
        "label": label,
        "endpoint": "os",
        "unit": "",
        "hazard_ratio": hazard_ratio,
        "hr_ci_low": low,
        "hr_ci_high": high,
        "hr_kind": hr_kind,
        "statistically_significant": significant,
    }


# The demo's pages. Last: published_demo stays loaded to the end of the module.

DEMO_DRUG, DEMO_COMPARISON = "/drugs/crizotinib/", "/compare/crizotinib-vs-alectinib/"


@pytest.mark.django_db
def test_demo_related_pages_link_the_crizotinib_family_only(client, published_demo):
    assert related_links(page_html(client, DEMO_DRUG)) == [DEMO_COMPARISON, "/learn/ros1-positive-nsclc/"]
    assert related_links(page_html(client, DEMO_COMPARISON)) == [DEMO_DRUG]
    assert related_links(page_html(client, "/learn/ros1-positive-nsclc/")) == [DEMO_DRUG]
    assert related_links(page_html(client, "/drugs/osimertinib/")) == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", [DEMO_DRUG, DEMO_COMPARISON, "/learn/ros1-positive-nsclc/"])
def test_demo_contents_resolve_and_anchors_are_unique(client, published_demo, url):
    html = page_html(client, url)
    ids = ids_on(html)
    assert len(ids) == len(set(ids))
    assert set(contents_links(html)) <= set(ids)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [DEMO_DRUG, DEMO_COMPARISON])
def test_demo_every_result_states_significance_and_direction_in_words(client, published_demo, url):
    rows = outcome_rows(page_html(client, url))
    assert len(rows) >= 7
    for row in rows:
        assert any(words in row for words in SIGNIFICANCE_WORDS), row
        assert any(words in row for words in DIRECTION_WORDS), row


@pytest.mark.django_db
def test_demo_chart_marks_survival_not_significant_and_says_lower_is_better_for_cns(client, published_demo):
    chart = part(page_html(client, DEMO_COMPARISON), r'<figure class="chart">.*?</figure>')
    drawn = svg_texts(chart)
    assert "Overall survival — final analysis Longer is better Not statistically significant 81.1 months" in drawn
    assert "CNS progression — primary analysis Lower is better" in drawn
    flagged = re.findall(r'<text class="chart-note chart-flag"[^>]*>([^<]*)</text>', chart)
    assert flagged == ["Not statistically significant"], "only the survival result is marked"
    description = part(chart, r"<desc.*?</desc>")
    assert (
        "Overall survival — final analysis: alectinib 81.1 months, crizotinib 54.2 months; "
        "longer is better; not statistically significant." in description
    )
    assert 'aria-describedby="chart-desc"' in chart and '<desc id="chart-desc">' in chart


@pytest.mark.django_db
@pytest.mark.parametrize("url", [DEMO_DRUG, DEMO_COMPARISON])
def test_demo_forest_plot_shows_each_hazard_ratio_of_alex_with_its_interval(client, published_demo, url):
    html = page_html(client, url)
    forest = part(html, r'<figure class="forest">(?:(?!</figure>).)*?forest-alex-title.*?</figure>')
    assert 'role="img"' in forest
    assert 'aria-labelledby="forest-alex-title"' in forest and 'aria-describedby="forest-alex-desc"' in forest
    assert '<title id="forest-alex-title">' in forest and "<figcaption>" in forest
    drawn, description = svg_texts(forest), html_lib.unescape(part(forest, r"<desc.*?</desc>"))
    for result in (
        "HR 0.47 (95% CI 0.34–0.65)",
        "Cause-specific HR 0.16 (95% CI 0.10–0.28)",
        "HR 0.43 (95% CI 0.32–0.58)",
        "HR 0.53 (no interval reported)",
        "HR 0.78 (95% CI 0.56–1.08)",
    ):
        assert result in drawn and result in description, result
    assert drawn.count("Not statistically significant") == 1
    assert "← Favours alectinib" in drawn and "Favours crizotinib →" in drawn


@pytest.mark.browser
@pytest.mark.django_db
def test_demo_results_read_on_a_phone_without_sideways_scrolling(client, published_demo):
    site = ServedSite(client, [DEMO_DRUG, DEMO_COMPARISON])
    measured = {}
    with chromium() as browser:
        for width in (390, 1280):
            tab = site.open_in(browser.new_context(viewport={"width": width, "height": 900})).new_page()
            for path in site.responses:
                tab.goto(site.url(path))
                measured[width, path] = tab.evaluate(
                    """() => ({
                        scrollWidth: document.documentElement.scrollWidth,
                        scrollingTables: [...document.querySelectorAll('.table-scroll')]
                            .filter(box => box.scrollWidth > box.clientWidth + 1).length,
                        contentsShown: [...document.querySelectorAll('nav.toc a')].some(a => a.checkVisibility()),
                        smallestChartText: Math.min(...[...document.querySelectorAll('figure svg text')].map(t => {
                            const scale = t.getBoundingClientRect().height / t.getBBox().height;
                            return parseFloat(getComputedStyle(t).fontSize) * scale;
                        })),
                    })"""
                )
    for path in site.responses:
        phone = measured[390, path]
        assert phone["scrollWidth"] <= 390, path
        assert phone["scrollingTables"] == 0, f"{path}: a table needs sideways scrolling at 390 px"
        assert phone["smallestChartText"] >= 12, path
        assert not phone["contentsShown"], "the contents are folded on a phone"
        assert measured[1280, path]["contentsShown"], "the contents are open on a wide screen"
