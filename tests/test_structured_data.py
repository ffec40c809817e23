"""Structured data (schema.org JSON-LD) and link previews: what search engines read of a page
says what the page itself shows, taken from its publication and sign-off only."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from monographs.models import Section
from public import structured_data
from reviews import workflow
from reviews.models import Publication

from .conftest import publish, text_of


class PageReader(HTMLParser):
    """The page's JSON-LD blocks, its meta tags, and what its reviewer box shows."""

    def __init__(self, html):
        super().__init__()
        self.json_ld, self.meta, self.box = [], {}, {"dates": {}}
        self._script = None
        self._in_box = self._in_who = False
        self._dt = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = []
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        elif tag == "aside" and attrs.get("class") == "reviewer-box":
            self._in_box = True
        elif self._in_box and tag == "p" and attrs.get("class") == "reviewer-box__who":
            self._in_who = True
        elif self._in_who and tag == "a":
            self.box["profile"] = attrs["href"]
            self.box["name"] = ""
        elif self._in_box and tag == "time" and self._dt:
            self.box["dates"][self._dt] = attrs["datetime"]

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.json_ld.append(json.loads("".join(self._script)))
            self._script = None
        elif tag == "aside":
            self._in_box = False
        elif tag == "p":
            self._in_who = False
        elif tag == "a" and self._in_who and "name" in self.box:
            self._in_who = "after-name"

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        elif self._in_who is True and "name" in self.box:
            self.box["name"] += data
        elif self._in_who == "after-name" and "credentials" not in self.box:
            self.box["credentials"] = data.strip().strip(",").split(",\n")[0].strip()
        elif self._in_box and data.strip() in ("Last reviewed", "Last updated", "Next review due"):
            self._dt = data.strip()


def medical_web_page(reader):
    pages = [block for block in reader.json_ld if block.get("@type") == "MedicalWebPage"]
    assert len(pages) == 1, "a content page describes itself once"
    return pages[0]


def assert_agrees_with_reviewer_box(html, publication):
    reader = PageReader(html)
    page = medical_web_page(reader)
    box = reader.box
    assert page["lastReviewed"] == box["dates"]["Last reviewed"]
    assert page["dateModified"] == box["dates"]["Last updated"]
    assert page["reviewedBy"]["name"] == box["name"]
    assert page["reviewedBy"]["url"].endswith(box["profile"])
    assert page["reviewedBy"]["hasCredential"]["name"] == publication.signoff.reviewer_credentials
    assert box["credentials"] == publication.signoff.reviewer_credentials
    return page, reader


def test_the_json_ld_block_cannot_be_ended_or_broken_by_what_an_editor_types():
    data = {"name": "</script><script>alert(1)</script> & <!-- \u2028"}
    html = str(structured_data.script(data))
    assert html.startswith('<script type="application/ld+json">') and html.count("</script>") == 1
    assert "<!--" not in html and "\u2028" not in html
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(inner) == data


@pytest.mark.django_db
def test_drug_page_describes_itself_as_a_medical_web_page_reviewed_by_its_signer(client, published_page):
    publication = Publication.objects.select_related("signoff__reviewer_profile").get(page=published_page)
    html = text_of(client.get("/drugs/crizotinib/"))
    page, reader = assert_agrees_with_reviewer_box(html, publication)
    assert page["@context"] == "https://schema.org"
    assert page["name"] == "Crizotinib (Xalkori)"
    assert page["description"] == publication.summary
    assert page["url"] == "http://testserver/drugs/crizotinib/"
    assert page["datePublished"] == f"{timezone.localtime(publication.published_at):%Y-%m-%d}"
    assert page["medicalAudience"] == {"@type": "Patient"}
    reviewer = page["reviewedBy"]
    assert reviewer["@type"] == "Person" and reviewer["honorificSuffix"] == "MD"
    assert reviewer["url"] == "http://testserver/reviewers/reviewer/"
    [drug] = page["about"]
    assert drug["@type"] == "Drug"
    assert drug["nonProprietaryName"] == "crizotinib" and drug["proprietaryName"] == "Xalkori"
    assert drug["drugClass"]["name"] == publication.snapshot["drugs"][0]["drug_class"]
    assert drug["prescriptionStatus"] == "https://schema.org/PrescriptionOnly"
    assert reader.meta["og:title"] == "Crizotinib (Xalkori)"
    assert reader.meta["og:url"] == "http://testserver/drugs/crizotinib/"
    assert reader.meta["og:type"] == "article"
    assert reader.meta["twitter:card"] == "summary"
    assert reader.meta["twitter:title"] == "Crizotinib (Xalkori)"


@pytest.mark.django_db
def test_after_a_re_review_last_reviewed_moves_on_and_date_modified_stays(
    client, published_page, editor, other_reviewer
):
    first = Publication.objects.get(page=published_page)
    # Published and last changed weeks before this re-review, so the dates cannot agree by chance.
    Publication.objects.filter(pk=first.pk).update(
        last_updated_at=first.last_updated_at - timezone.timedelta(days=40),
        published_at=first.published_at - timezone.timedelta(days=40),
    )
    publish(published_page, editor, other_reviewer, summary="Re-reviewed, no change")
    publication = Publication.objects.select_related("signoff__reviewer_profile").get(page=published_page)
    assert publication.last_updated_at.date() != publication.last_reviewed_at.date()
    page, _ = assert_agrees_with_reviewer_box(text_of(client.get("/drugs/crizotinib/")), publication)
    assert page["reviewedBy"]["name"] == "Dr Second Reviewer"
    assert page["dateModified"] != page["lastReviewed"]


@pytest.mark.django_db
def test_the_json_ld_shows_what_was_signed_not_later_edits(client, published_page, editor):
    published_page.title = "UNSIGNEDTITLE"
    published_page.save()
    Section.objects.filter(page=published_page).update(body="UNSIGNEDWORD")
    workflow.submit(published_page, editor, summary="UNSIGNEDWORD")
    html = text_of(client.get("/drugs/crizotinib/"))
    assert "UNSIGNED" not in html
    assert medical_web_page(PageReader(html))["name"] == "Crizotinib (Xalkori)"


@pytest.mark.django_db
def test_previews_and_withdrawn_pages_carry_no_structured_data(client, published_page, reviewer, editor):
    workflow.withdraw(published_page, reviewer, "Out of date.")
    html = text_of(client.get("/drugs/crizotinib/"))
    assert "application/ld+json" not in html and "og:title" not in html


# Last: published_demo stays loaded to the end of the module.


@pytest.mark.django_db
def test_every_published_page_of_the_demo_has_json_ld_that_agrees_with_its_reviewer_box(client, published_demo):
    publications = Publication.objects.live().select_related("signoff__reviewer_profile")
    assert {p.kind for p in publications} == {"drug", "comparison", "article"}
    for publication in publications:
        url = publication.get_absolute_url()
        page, _ = assert_agrees_with_reviewer_box(text_of(client.get(url)), publication)
        assert page["url"] == f"http://testserver{url}"
        drugs = publication.snapshot["drugs"]
        assert [d["nonProprietaryName"] for d in page["about"]] == [d["name"] for d in drugs], url
        assert all(d["prescriptionStatus"].startswith("https://schema.org/") for d in page["about"])


@pytest.mark.django_db
def test_home_describes_the_site_and_its_search(client, published_demo):
    [site] = PageReader(text_of(client.get("/"))).json_ld
    assert site["@type"] == "WebSite" and site["url"] == "http://testserver/"
    template = site["potentialAction"]["target"]["urlTemplate"]
    assert template == "http://testserver/search/?q={search_term_string}"
    assert client.get(template.replace("{search_term_string}", "crizotinib")).status_code == 200


@pytest.mark.django_db
def test_json_ld_is_a_data_block_the_content_security_policy_lets_be(client, published_demo):
    response = client.get("/compare/crizotinib-vs-alectinib/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    scripts = re.findall(r"<script[^>]*>", text_of(response))
    inline = [tag for tag in scripts if "src=" not in tag]
    assert inline == ['<script type="application/ld+json">']
