"""Printing: a print button on every published page, a question sheet to take to the
oncologist (at most two A4 pages), and printouts that start with the page and say where
they came from: the address, the last review and the version (12 characters of its hash).

The PDFs are Chromium's own (Playwright's page.pdf, headless), read with pypdf.
"""

import io
import re

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone
from pypdf import PdfReader

from monographs.models import Question
from reviews import workflow
from reviews.models import Publication

from .conftest import text_of
from .served_site import ServedSite, chromium, watch_csp

SHEET = "/drugs/crizotinib/questions/"
PAGE = "/drugs/crizotinib/"


def provenance(publication):
    """What every printout says of its page: address, last review, version."""
    reviewed = dateformat.format(timezone.localtime(publication.last_reviewed_at), "F j, Y")
    return [
        f"http://testserver{publication.get_absolute_url()}",
        f"Last reviewed {reviewed}",
        publication.content_hash[:12],
    ]


def plain(text):
    return " ".join(text.split())


def visible(html):
    """The text of an HTML page, its tags left out."""
    return plain(re.sub(r"<[^>]+>", "", html))


@pytest.mark.django_db
def test_sheet_lists_the_signed_off_questions_each_with_a_tick_box(client, published_page):
    Question.objects.filter(group__page=published_page).update(text="An unreviewed question?")
    response = client.get(SHEET)
    html = text_of(response)
    assert response.status_code == 200
    assert "How often will my liver be checked?" in html
    assert "An unreviewed question?" not in html, "the sheet shows what was signed off, not the working copy"
    assert len(re.findall(r'<input type="checkbox" id="([^"]+)"><label for="\1">', html)) == 1
    assert 'class="question-sheet__notes"' in html
    for fact in provenance(Publication.objects.get(page=published_page)):
        assert fact in visible(html)


@pytest.mark.django_db
def test_sheet_is_not_found_where_the_page_is_not_and_withdrawn_with_it(client, published_page, reviewer):
    assert client.get("/drugs/no-such-drug/questions/").status_code == 404
    workflow.withdraw(published_page, reviewer, "Superseded by new label information.")
    for url in (PAGE, SHEET):
        response = client.get(url)
        assert response.status_code == 410
        assert "How often will my liver be checked?" not in text_of(response)


@pytest.mark.django_db
def test_published_page_has_a_print_button_a_sheet_and_a_printed_from_line(client, published_page):
    html = text_of(client.get(PAGE))
    # Hidden until static/js/print.js shows it: without JavaScript it would do nothing.
    assert '<button type="button" class="print-button" data-print hidden>Print this page</button>' in html
    assert f'href="{reverse("public:drug_questions", args=["crizotinib"])}"' in html
    printed_from = re.search(r'<p class="printed-from print-only">.*?</p>', html, re.S).group()
    for fact in provenance(Publication.objects.get(page=published_page)):
        assert fact in visible(printed_from)


def printed(site, browser, path):
    """The PDF Chromium prints of `path` on A4, as pypdf reads it."""
    tab = browser.new_page()
    site.open_in(tab.context)
    tab.goto(site.url(path))
    return PdfReader(io.BytesIO(tab.pdf(format="A4")))


def filled(page):
    """How far down the printed page its text reaches, as a share of the page's height."""
    heights = []

    def visit(text, matrix, text_matrix, font, size):
        if text.strip():
            heights.append(matrix[1] * text_matrix[4] + matrix[3] * text_matrix[5] + matrix[5])

    page.extract_text(visitor_text=visit)
    return 1 - min(heights) / float(page.mediabox.height)


# Last: published_demo stays loaded to the end of the module.
@pytest.mark.browser
@pytest.mark.django_db
def test_demo_question_sheet_prints_on_at_most_two_a4_pages(client, published_demo):
    publication = Publication.objects.get(kind="drug", slug="crizotinib")
    questions = [question for group in publication.snapshot["question_groups"] for question in group["questions"]]
    site = ServedSite(client, [SHEET])
    with chromium() as browser:
        pdf = printed(site, browser, SHEET)
    text = plain(" ".join(page.extract_text() for page in pdf.pages))
    assert 1 <= len(pdf.pages) <= 2, f"the question sheet prints on {len(pdf.pages)} A4 pages"
    assert questions and all(plain(question) in text for question in (questions[0], questions[-1]))
    first_page = plain(pdf.pages[0].extract_text())
    for fact in provenance(publication):
        assert fact in first_page


@pytest.mark.browser
@pytest.mark.django_db
def test_printed_demo_drug_page_starts_with_its_title_and_where_it_came_from(client, published_demo):
    publication = Publication.objects.get(kind="drug", slug="crizotinib")
    site = ServedSite(client, [PAGE])
    with chromium() as browser:
        pdf = printed(site, browser, PAGE)
    first_page = plain(pdf.pages[0].extract_text())
    assert publication.title in first_page[:100], "the printout starts with the page, not the site's header"
    assert filled(pdf.pages[0]) > 0.75, "the first page is not left blank"
    for fact in provenance(publication):
        assert fact in first_page
    everything = plain(" ".join(page.extract_text() for page in pdf.pages))
    for chrome in ("Skip to main content", "Print this page", "Report a problem", "How we review our pages"):
        assert chrome not in everything


@pytest.mark.browser
@pytest.mark.django_db
def test_print_button_prints_under_the_content_security_policy(client, published_demo):
    site = ServedSite(client, [PAGE, SHEET])
    csp_violations = []
    with chromium() as browser:
        tab = watch_csp(site.open_in(browser.new_context()).new_page(), csp_violations)
        for path in (PAGE, SHEET):
            tab.goto(site.url(path))
            # Counts the calls instead of opening the print dialog (an evaluation, which
            # the policy does not govern).
            tab.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
            tab.click("button[data-print]")
            assert tab.evaluate("() => window.printed") == 1
            tab.emulate_media(media="print")
            assert not tab.is_visible("button[data-print]")
            tab.emulate_media(media="screen")
    assert csp_violations == []
