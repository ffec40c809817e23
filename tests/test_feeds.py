"""Atom feeds of updates (/feed/, /drugs/<slug>/feed/) and the kinds of change, in the feed and in
the page's update history: only content-changing sign-offs that went live and are still public."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from monographs.models import Article, DrugPage, Section
from reviews import workflow
from reviews.models import ChangeKind, Publication

from .conftest import PASSWORD, publish, text_of

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def entries(client, url="/feed/"):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.find("atom:id", ATOM).text == f"http://testserver{url}", "each feed has an id of its own"
    return [
        {
            "title": entry.find("atom:title", ATOM).text,
            "summary": entry.find("atom:summary", ATOM).text,
            "link": entry.find("atom:link", ATOM).get("href"),
            "id": entry.find("atom:id", ATOM).text,
            "updated": entry.find("atom:updated", ATOM).text,
            "author": entry.find("atom:author/atom:name", ATOM).text,
            "categories": [c.get("term") for c in entry.findall("atom:category", ATOM)],
        }
        for entry in feed.findall("atom:entry", ATOM)
    ]


def change(page, editor, reviewer, body, summary, kind, **approval):
    Section.objects.filter(page=page).update(body=body)
    submission = workflow.submit(page, editor, summary=summary, change_kind=kind)
    return workflow.approve(submission, reviewer, password=PASSWORD, **approval)


@pytest.mark.django_db
def test_feed_lists_each_content_change_newest_first_with_kind_summary_and_reviewer(
    client, published_page, other_editor, other_reviewer, editor
):
    signoff = change(
        published_page,
        other_editor,
        other_reviewer,
        "Crizotinib can harm the liver; your blood is tested regularly.",
        "Added liver monitoring from the label",
        ChangeKind.SAFETY_UPDATE,
    )
    publish(published_page, editor, other_reviewer, summary="Re-reviewed, nothing changed")
    feed = entries(client)
    assert [e["title"] for e in feed] == [
        "Crizotinib (Xalkori): Safety update",
        "Crizotinib (Xalkori): Editorial change",
    ]
    latest = feed[0]
    assert latest["categories"] == ["Safety update"]
    assert "Added liver monitoring from the label." in latest["summary"]
    assert "Reviewed by Dr Second Reviewer" in latest["summary"] and latest["author"] == "Dr Second Reviewer"
    assert latest["link"] == f"http://testserver/v/{signoff.content_hash[:12]}/"
    assert datetime.datetime.fromisoformat(latest["updated"]) == signoff.signed_at
    assert client.get(latest["link"]).status_code == 200
    assert len({e["id"] for e in feed}) == len(feed)
    assert all("nothing changed" not in e["summary"] for e in feed)


@pytest.mark.django_db
def test_the_update_history_shows_the_kind_of_each_change(client, published_page, other_editor, other_reviewer):
    change(published_page, other_editor, other_reviewer, "Corrected.", "Fixed a wrong date", ChangeKind.CORRECTION)
    html = text_of(client.get("/drugs/crizotinib/"))
    history = re.search(r'<section class="history".*?</section>', html, re.S).group(0)
    assert re.search(r"Correction:</strong>\s*<span>Fixed a wrong date</span>", history)
    assert re.search(r"Editorial change:</strong>\s*<span>First publication</span>", history)
    current = Publication.objects.get(page=published_page).content_hash[:12]
    assert f'href="/v/{current}/">version {current}</a>' in history


@pytest.mark.django_db
def test_a_scheduled_change_enters_the_feed_only_once_live(client, published_page, editor, other_reviewer):
    go_live = timezone.now() + datetime.timedelta(days=1)
    change(
        published_page,
        editor,
        other_reviewer,
        "SCHEDULEDWORD",
        "SCHEDULEDWORD",
        ChangeKind.NEW_EVIDENCE,
        go_live_at=go_live,
    )
    assert "SCHEDULEDWORD" not in text_of(client.get("/feed/"))
    assert "SCHEDULEDWORD" not in text_of(client.get("/drugs/crizotinib/feed/"))
    workflow.publish_scheduled(now=go_live + datetime.timedelta(minutes=1))
    assert entries(client)[0]["categories"] == ["New evidence"]


@pytest.mark.django_db
def test_drafts_unsigned_edits_and_withdrawn_pages_never_reach_a_feed(
    client, published_page, editor, reviewer, other_reviewer
):
    # A page never signed off, an edit waiting for review, and a withdrawn page.
    draft = Article.objects.create(title="DRAFTWORD", slug="draft", summary="DRAFTWORD")
    draft.drugs.set([published_page.drug])
    Section.objects.filter(page=published_page).update(body="LATEEDIT")
    workflow.submit(published_page, editor, summary="LATEEDIT")
    withdrawn = Article.objects.create(title="WITHDRAWNWORD explainer", slug="withdrawn", summary="WITHDRAWNWORD")
    withdrawn.drugs.set([published_page.drug])
    publish(withdrawn, editor, reviewer, summary="WITHDRAWNWORD summary")
    assert "WITHDRAWNWORD" in text_of(client.get("/drugs/crizotinib/feed/"))
    workflow.withdraw(withdrawn, reviewer, "Out of date.")
    for url in ("/feed/", "/drugs/crizotinib/feed/"):
        xml = text_of(client.get(url))
        for word in ("DRAFTWORD", "LATEEDIT", "WITHDRAWNWORD"):
            assert word not in xml, (url, word)
        assert len(entries(client, url)) == 1, url


@pytest.mark.django_db
def test_withdrawn_content_stays_out_of_the_feed_when_the_page_is_published_again(
    client, published_page, editor, reviewer, other_editor, other_reviewer
):
    change(published_page, other_editor, other_reviewer, "WITHDRAWNWORD", "WITHDRAWNWORD", ChangeKind.NEW_EVIDENCE)
    workflow.withdraw(published_page, reviewer, "A wrong figure.")
    assert entries(client) == []
    change(published_page, other_editor, other_reviewer, "Corrected.", "Corrected the figure", ChangeKind.CORRECTION)
    feed = entries(client)
    assert [e["categories"] for e in feed] == [["Correction"], ["Editorial change"]]
    assert "WITHDRAWNWORD" not in text_of(client.get("/feed/"))


@pytest.mark.django_db
def test_a_drug_feed_lists_the_pages_about_that_drug_only(
    client, published_page, comparison, alectinib, editor, reviewer
):
    publish(comparison, editor, reviewer)
    crizotinib_feed = [e["title"] for e in entries(client, "/drugs/crizotinib/feed/")]
    alectinib_feed = [e["title"] for e in entries(client, "/drugs/alectinib/feed/")]
    assert any(t.startswith("Crizotinib (Xalkori)") for t in crizotinib_feed)
    assert any(t.startswith("Crizotinib vs alectinib") for t in crizotinib_feed)
    assert all(t.startswith("Crizotinib vs alectinib") for t in alectinib_feed) and alectinib_feed
    # A drug no published page is about has no feed, even with a draft page of its own.
    DrugPage.objects.create(drug=alectinib, title="Alectinib", slug="alectinib-draft", summary="Draft.")
    assert client.get("/drugs/lorlatinib/feed/").status_code == 404
    assert client.get("/drugs/alectinib-draft/feed/").status_code == 404
    html = text_of(client.get("/drugs/crizotinib/"))
    assert '<link rel="alternate" type="application/atom+xml"' in html and 'href="/drugs/crizotinib/feed/"' in html


@pytest.mark.django_db
def test_feeds_answer_only_reading(client, published_page):
    assert client.post("/feed/").status_code == 405
    assert client.post("/drugs/crizotinib/feed/").status_code == 405


# Commits, so that the cache is used as on a served site (tests/conftest.py runs it last).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_kept_feed_shows_a_new_sign_off_and_a_withdrawal_at_once(page, editor, reviewer, other_editor):
    client = Client()
    publish(page, editor, reviewer)
    assert len(entries(client)) == len(entries(client, "/drugs/crizotinib/feed/")) == 1
    change(page, other_editor, reviewer, "Liver tests.", "Added liver tests", ChangeKind.SAFETY_UPDATE)
    for url in ("/feed/", "/drugs/crizotinib/feed/"):
        assert [e["categories"] for e in entries(client, url)] == [["Safety update"], ["Editorial change"]], url
    workflow.withdraw(page, reviewer, "Out of date.")
    assert entries(client) == []
    assert client.get("/drugs/crizotinib/feed/").status_code == 404


@pytest.mark.django_db
def test_the_demo_feed_lists_every_page_and_each_entry_verifies(client, demo):
    feed = entries(client)
    assert len(feed) == Publication.objects.live().count()
    for entry in feed:
        response = client.get(entry["link"])
        assert response.status_code == 200 and "current version" in text_of(response), entry["link"]
    assert {e["title"].split(":")[0] for e in entries(client, "/drugs/alectinib/feed/")} == {"Crizotinib vs alectinib"}
