"""Every signed version stays verifiable at /v/<first 12 hex of its content hash>/: exactly as
published, with its sign-off, and a banner saying whether it is current, superseded or withdrawn."""

import datetime
import re

import pytest
from django.utils import timezone

from monographs.models import Article, Section
from reviews import workflow
from reviews.models import Publication, SignOff, Submission

from .conftest import PASSWORD, publish, text_of

OLD_TEXT = "Crizotinib blocks <strong>ALK</strong> and ROS1."
NEW_TEXT = "Crizotinib blocks the ALK and ROS1 signals that drive the cancer."


def short(publication_or_signoff):
    return publication_or_signoff.content_hash[:12]


def banner_of(html):
    match = re.search(r'<div class="version-banner.*?</div>', html, re.S)
    assert match, "the version has no banner"
    return match.group(0)


@pytest.fixture
def two_versions(published_page, other_editor, other_reviewer):
    """The crizotinib page signed off twice: the first version superseded by the second."""
    first = Publication.objects.get(page=published_page).signoff
    Section.objects.filter(page=published_page).update(body=NEW_TEXT)
    second = publish(published_page, other_editor, other_reviewer, summary="Plainer words")
    return first, second


@pytest.mark.django_db
def test_a_superseded_version_shows_its_own_text_and_says_it_is_superseded(client, two_versions):
    first, second = two_versions
    response = client.get(f"/v/{short(first)}/")
    assert response.status_code == 200
    html = text_of(response)
    assert OLD_TEXT in html and NEW_TEXT not in html
    banner = banner_of(html)
    assert "superseded" in banner and 'href="/drugs/crizotinib/"' in banner
    assert f'since <time datetime="{timezone.localdate(second.signed_at):%Y-%m-%d}">' in banner
    # With its own sign-off: the reviewer box and history as they stood then.
    box = re.search(r'<aside class="reviewer-box".*?</aside>', html, re.S).group(0)
    assert "Dr Test Reviewer" in box and "Dr Second Reviewer" not in box
    history = re.search(r'<section class="history".*?</section>', html, re.S).group(0)
    assert "First publication" in history and "Plainer words" not in history
    assert response["X-Robots-Tag"] == "noindex"
    assert "application/ld+json" not in html, "the archive is not the page to index"


@pytest.mark.django_db
def test_the_current_version_says_so_and_matches_the_live_page(client, two_versions):
    _, second = two_versions
    html = text_of(client.get(f"/v/{short(second)}/"))
    assert NEW_TEXT in html and "current version" in banner_of(html)
    live = text_of(client.get("/drugs/crizotinib/"))
    assert f'<a href="/v/{short(second)}/">{short(second)}</a>' in live, "the page footer links its version"
    assert "version-banner" not in live


@pytest.mark.django_db
def test_the_printed_sheet_and_page_carry_the_address_that_verifies_them(client, two_versions):
    _, second = two_versions
    for url in ("/drugs/crizotinib/", "/drugs/crizotinib/questions/"):
        printed = re.search(r'<p class="printed-from.*?</p>', text_of(client.get(url)), re.S).group(0)
        assert f'href="/v/{short(second)}/"' in printed, url
        assert f"http://testserver/v/{short(second)}/" in printed, url


@pytest.mark.django_db
def test_a_re_review_without_changes_keeps_the_version_and_shows_the_latest_sign_off(
    client, published_page, editor, other_reviewer
):
    first = Publication.objects.get(page=published_page).signoff
    again = publish(published_page, editor, other_reviewer, summary="Re-reviewed")
    assert again.content_hash == first.content_hash
    html = text_of(client.get(f"/v/{short(first)}/"))
    assert "current version" in banner_of(html) and "signed off by Dr Second Reviewer" in banner_of(html)


@pytest.mark.django_db
def test_a_version_scheduled_but_not_yet_live_is_not_found(client, published_page, editor, other_reviewer):
    Section.objects.filter(page=published_page).update(body="SCHEDULEDWORD")
    submission = workflow.submit(published_page, editor, summary="Later")
    signoff = workflow.approve(
        submission, other_reviewer, go_live_at=timezone.now() + datetime.timedelta(days=2), password=PASSWORD
    )
    assert client.get(f"/v/{short(signoff)}/").status_code == 404
    # Superseded before its time came, it never went live: still not found after the go-live.
    Section.objects.filter(page=published_page).update(body="Replaced before going live.")
    later = workflow.submit(published_page, editor, summary="Replaced")
    workflow.approve(later, other_reviewer, password=PASSWORD)
    workflow.publish_scheduled(now=timezone.now() + datetime.timedelta(days=3))
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.SUPERSEDED
    assert client.get(f"/v/{short(signoff)}/").status_code == 404
    # Once live, a scheduled version is verifiable like any other.
    Section.objects.filter(page=published_page).update(body="Goes live on schedule.")
    timed = workflow.submit(published_page, editor, summary="Timed")
    timed_signoff = workflow.approve(
        timed, other_reviewer, go_live_at=timezone.now() + datetime.timedelta(days=1), password=PASSWORD
    )
    assert client.get(f"/v/{short(timed_signoff)}/").status_code == 404
    workflow.publish_scheduled(now=timezone.now() + datetime.timedelta(days=2))
    assert "current version" in banner_of(text_of(client.get(f"/v/{short(timed_signoff)}/")))


@pytest.mark.django_db
def test_a_withdrawn_version_says_so_and_shows_nothing_of_it(client, two_versions, reviewer):
    first, second = two_versions
    workflow.withdraw(second.page, reviewer, "A dose was found to be wrong.")
    for signoff in (second, first):
        response = client.get(f"/v/{short(signoff)}/")
        assert response.status_code == 410
        html = text_of(response)
        assert "has been withdrawn" in html and "A dose was found to be wrong." in html
        for word in ("Crizotinib blocks", "ALK and ROS1", "Xalkori", "liver", "Plainer words"):
            assert word not in html, word


@pytest.mark.django_db
def test_withdrawn_content_stays_withdrawn_after_the_page_is_published_again(
    client, two_versions, reviewer, editor, other_reviewer
):
    first, second = two_versions
    workflow.withdraw(second.page, reviewer, "Wrong dose.")
    Section.objects.filter(page=second.page).update(body="Corrected text.")
    third = publish(second.page, editor, other_reviewer, summary="Corrected")
    assert client.get(f"/v/{short(second)}/").status_code == 410
    assert NEW_TEXT not in text_of(client.get(f"/v/{short(second)}/"))
    assert 'href="/drugs/crizotinib/"' in text_of(client.get(f"/v/{short(second)}/"))
    # The version before it was superseded, not withdrawn; the new one is current.
    assert "superseded" in banner_of(text_of(client.get(f"/v/{short(first)}/")))
    assert "current version" in banner_of(text_of(client.get(f"/v/{short(third)}/")))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/v/xyz/", "/v/0123456789a/", "/v/0123456789abc/", "/v/0123456789ag/", "/v/%20123456789ab/", "/v/"]
)
def test_malformed_version_addresses_are_not_found(client, published_page, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_an_unknown_hash_is_not_found_and_capitals_lead_to_the_version(client, published_page):
    publication = Publication.objects.get(page=published_page)
    assert client.get("/v/000000000000/").status_code == 404
    response = client.get(f"/v/{short(publication).upper()}/")
    assert response.status_code == 301 and response["Location"] == f"/v/{short(publication)}/"


@pytest.mark.django_db
def test_a_short_hash_two_versions_share_is_not_found(client, published_page):
    """Twelve hex characters could, rarely, start two hashes: then neither is claimed."""
    signoff = Publication.objects.get(page=published_page).signoff
    twin_hash = signoff.content_hash[:12] + ("0" if signoff.content_hash[12] != "0" else "1") * 52
    submission = signoff.submission
    submission.pk, submission.content_hash = None, twin_hash
    submission.save()
    twin = SignOff.objects.get(pk=signoff.pk)
    twin.pk, twin.submission, twin.content_hash = None, submission, twin_hash
    twin.save()
    assert client.get(f"/v/{short(signoff)}/").status_code == 404


@pytest.mark.django_db
def test_versions_answer_only_reading(client, published_page):
    publication = Publication.objects.get(page=published_page)
    assert client.post(f"/v/{short(publication)}/").status_code == 405


@pytest.mark.django_db
def test_no_word_of_a_draft_an_unsigned_edit_or_a_withdrawn_page_reaches_the_archive(
    client, published_page, editor, reviewer, other_reviewer
):
    draft = Article.objects.create(title="DRAFTWORD", slug="draft", summary="DRAFTWORD")
    Section.objects.create(page=draft, order=1, heading="DRAFTWORD", body="DRAFTWORD")
    workflow.submit(draft, editor, summary="DRAFTWORD")
    Section.objects.filter(page=published_page).update(body="LATEEDIT")
    workflow.submit(published_page, editor, summary="LATEEDIT")
    withdrawn = Article.objects.create(title="WITHDRAWNWORD", slug="withdrawn", summary="WITHDRAWNWORD")
    Section.objects.create(page=withdrawn, order=1, heading="WITHDRAWNWORD", body="WITHDRAWNWORD")
    publish(withdrawn, editor, reviewer, summary="WITHDRAWNWORD")
    workflow.withdraw(withdrawn, reviewer, "Out of date.")
    hashes = {s.content_hash[:12] for s in SignOff.objects.all()} | {
        s.content_hash[:12] for s in Submission.objects.all()
    }
    answers = {h: client.get(f"/v/{h}/") for h in hashes}
    assert sorted(r.status_code for r in answers.values()) == [200, 404, 404, 410]
    for short_hash, response in answers.items():
        html = text_of(response)
        for word in ("DRAFTWORD", "LATEEDIT", "WITHDRAWNWORD"):
            assert word not in html, (short_hash, word)
