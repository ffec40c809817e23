"""Browsing from publications: /biomarkers/<slug>/, /conditions/<slug>/ and /reviewers/.

What a page is about comes from its signed-off snapshot; drafts, unsigned edits and
withdrawn pages add nothing and leave no address behind.
"""

import datetime
import json
import re

import pytest
from django.test import Client

from monographs.models import Article, Biomarker, Condition, Indication, Section
from reviews import workflow
from reviews.models import Publication

from .conftest import make_reviewer, publish, text_of


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return re.findall(r'<h3><a href="([^"]+)"', text_of(response))


@pytest.fixture
def ros1_explainer(published_page, editor, reviewer):
    """An explainer naming ROS1, about crizotinib, published."""
    article = Article.objects.create(
        title="ROS1-positive NSCLC", slug="ros1-positive-nsclc", summary="What ROS1 means."
    )
    article.drugs.set([published_page.drug])
    article.biomarkers.set([Biomarker.objects.get(slug="ros1")])
    Section.objects.create(page=article, order=1, heading="What ROS1 is", body="A gene that can fuse with another.")
    publish(article, editor, reviewer)
    return article


@pytest.mark.django_db
def test_a_biomarker_lists_the_published_pages_about_it(client, ros1_explainer):
    assert listed(client, "/biomarkers/ros1/") == ["/drugs/crizotinib/", "/learn/ros1-positive-nsclc/"]
    # The explainer names ROS1 only: it is not about crizotinib's other approvals.
    assert listed(client, "/biomarkers/alk/") == ["/drugs/crizotinib/"]
    html = text_of(client.get("/biomarkers/ros1/"))
    assert "<h1>ROS1</h1>" in html and "Drug pages" in html and "Explainers" in html
    assert '<a href="/biomarkers/alk/">ALK</a>' in html, "the other biomarkers are linked"


@pytest.mark.django_db
def test_a_condition_lists_the_published_pages_about_it(client, ros1_explainer):
    assert listed(client, "/conditions/non-small-cell-lung-cancer/") == [
        "/drugs/crizotinib/",
        "/learn/ros1-positive-nsclc/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/biomarkers/egfr/",  # no page mentions it
        "/biomarkers/ret/",  # in the database (alectinib's target), on no published page
        "/conditions/nsclc/",  # the admin's slug: a snapshot gives names, and the address is the name's
        "/biomarkers/non-small-cell-lung-cancer/",  # a condition, not a biomarker
        "/conditions/ros1/",
        "/biomarkers/ROS1/",
        "/biomarkers/%C3%A9/",
    ],
)
def test_unknown_or_unmentioned_topics_are_not_found(client, published_page, alectinib, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_drafts_unsigned_edits_and_withdrawn_pages_add_no_topic(
    client, published_page, ros1_explainer, editor, reviewer, crizotinib
):
    # An unsigned edit: crizotinib gains an approval for a new condition and biomarker.
    Indication.objects.create(
        drug=crizotinib,
        condition=Condition.objects.create(name="DRAFTCONDITION tumour", slug="draft-condition"),
        biomarker=Biomarker.objects.create(name="DRAFTMARKER", slug="draftmarker"),
        approval_date=datetime.date(2022, 7, 14),
    )
    workflow.submit(published_page, editor, summary="New approval")
    # A draft explainer naming a biomarker no published page names.
    draft = Article.objects.create(title="DRAFTWORD", slug="draft", summary="DRAFTWORD")
    draft.biomarkers.set([Biomarker.objects.create(name="MET", slug="met")])
    for url in ("/biomarkers/draftmarker/", "/conditions/draftcondition-tumour/", "/biomarkers/met/"):
        assert client.get(url).status_code == 404, url
    assert "DRAFT" not in text_of(client.get("/biomarkers/ros1/"))
    # Withdrawn: the explainer leaves the list.
    workflow.withdraw(ros1_explainer, reviewer, "Out of date.")
    assert listed(client, "/biomarkers/ros1/") == ["/drugs/crizotinib/"]
    workflow.withdraw(published_page, reviewer, "Out of date.")
    assert client.get("/biomarkers/ros1/").status_code == 404


@pytest.mark.django_db
def test_the_reviewers_index_lists_who_signed_the_live_pages(
    client, published_page, ros1_explainer, other_reviewer, editor, reviewer
):
    make_reviewer("idle", name="Dr Idle Reviewer")
    html = text_of(client.get("/reviewers/"))
    assert '<a href="/reviewers/reviewer/">Dr Test Reviewer, MD</a>' in html
    assert "Signed off 2 pages now published" in html
    assert "Dr Idle Reviewer" not in html and "Dr Second Reviewer" not in html
    # A re-review moves the page's sign-off to another reviewer; a withdrawal takes it off the index.
    publish(published_page, editor, other_reviewer, summary="Re-reviewed")
    workflow.withdraw(ros1_explainer, reviewer, "Out of date.")
    html = text_of(client.get("/reviewers/"))
    assert "Dr Test Reviewer" not in html
    assert '<a href="/reviewers/reviewer2/">Dr Second Reviewer, MD</a>' in html
    assert "Signed off 1 page now published" in html


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["2", "0", "abc", "1" * 30])
def test_a_topic_page_past_its_end_or_not_a_number_is_not_found(client, published_page, number):
    assert client.get("/biomarkers/ros1/", {"page": "1"}).status_code == 200
    assert client.get("/biomarkers/ros1/", {"page": number}).status_code == 404


@pytest.mark.django_db
def test_browse_pages_answer_only_reading(client, published_page):
    for url in ("/biomarkers/ros1/", "/conditions/non-small-cell-lung-cancer/", "/reviewers/"):
        assert client.post(url).status_code == 405, url


# Commits, so that the cache is used as on a served site (tests/conftest.py runs it last).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_sign_off_shows_in_browse_pages_at_once_although_they_are_cached(page, editor, reviewer):
    client = Client()
    publish(page, editor, reviewer)
    assert client.get("/biomarkers/ros1/").status_code == 200
    assert client.get("/biomarkers/met/").status_code == 404
    article = Article.objects.create(title="MET explained", slug="met", summary="What MET means.")
    article.biomarkers.set([Biomarker.objects.create(name="MET", slug="met")])
    publish(article, editor, reviewer)
    assert listed(client, "/biomarkers/met/") == ["/learn/met/"]
    workflow.withdraw(article, reviewer, "Out of date.")
    assert client.get("/biomarkers/met/").status_code == 404


@pytest.mark.django_db
def test_the_demo_can_be_browsed_and_describes_its_lists(client, demo):
    assert listed(client, "/biomarkers/egfr/") == ["/drugs/osimertinib/"]
    assert "/learn/ros1-positive-nsclc/" in listed(client, "/biomarkers/ros1/")
    assert len(listed(client, "/conditions/non-small-cell-lung-cancer/")) == Publication.objects.live().count()
    html = text_of(client.get("/biomarkers/ros1/"))
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    collection = json.loads(block)
    assert collection["@type"] == "CollectionPage" and collection["name"] == "ROS1"
    assert [part["url"] for part in collection["hasPart"]] == [
        f"http://testserver{url}" for url in listed(client, "/biomarkers/ros1/")
    ]
    assert "Dr Demo Reviewer" in text_of(client.get("/reviewers/"))
