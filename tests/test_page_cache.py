"""Published pages served from the cache (public/page_cache.py): fast, and never older than
what was signed off.

The cache stores and serves pages only outside a database transaction, so these tests
commit (transaction=True, with the migrations' roles brought back after each).
"""

import datetime
import time

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date

from monographs.models import Section, SiteSettings
from public import page_cache, views
from reviews import workflow
from reviews.models import Publication, ReviewerProfile

from .conftest import PASSWORD, publish, text_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _no_copies_in_memory():
    """Each test starts with no page in this process's memory and the generation unread."""
    page_cache.memory.clear()
    page_cache.publications_changed()
    yield
    page_cache.memory.clear()


PAGE = "/drugs/crizotinib/"


def get(client, url=PAGE, **headers):
    return client.get(url, headers=headers)


def test_a_published_page_is_served_from_the_cache_unchanged(client, published_page):
    first = get(client)
    second = get(client)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Crizotinib blocks <strong>ALK</strong> and ROS1." in text_of(second)


def test_the_question_sheet_is_cached_too(client, published_page):
    assert get(client, "/drugs/crizotinib/questions/")["X-Page-Cache"] == "miss"
    response = get(client, "/drugs/crizotinib/questions/")
    assert response["X-Page-Cache"] == "hit"
    assert "How often will my liver be checked?" in text_of(response)


def test_a_new_sign_off_is_served_at_the_next_request(client, published_page, editor, reviewer):
    get(client)
    Section.objects.filter(page=published_page).update(body="Crizotinib blocks ALK, ROS1 and MET.")
    assert "ROS1 and MET" not in text_of(get(client)), "an edit is not public before sign-off"
    publish(published_page, editor, reviewer, summary="Added MET")
    html = text_of(get(client))
    assert "Crizotinib blocks ALK, ROS1 and MET." in html
    assert "Added MET" in html


def test_a_withdrawn_page_answers_410_at_the_next_request(client, published_page, reviewer):
    get(client)
    get(client)
    workflow.withdraw(published_page, reviewer, "Out of date.")
    response = get(client)
    assert response.status_code == 410
    assert response["Cache-Control"] == "public, max-age=10"


def test_a_scheduled_go_live_is_served_at_the_next_request(client, published_page, editor, reviewer):
    get(client)
    Section.objects.filter(page=published_page).update(body="Scheduled text about ALK.")
    submission = workflow.submit(published_page, editor, summary="Scheduled")
    go_live = timezone.now() + datetime.timedelta(hours=1)
    workflow.approve(submission, reviewer, go_live_at=go_live, password=PASSWORD)
    assert "Scheduled text" not in text_of(get(client))
    workflow.publish_scheduled(now=go_live)
    assert "Scheduled text about ALK." in text_of(get(client))


def test_site_settings_show_at_the_next_request(client, published_page):
    get(client)
    get(client)
    SiteSettings.objects.create(organisation="Lung Cancer Drug Guide", emergency_notice="Call 112 now.")
    html = text_of(get(client))
    assert "Lung Cancer Drug Guide" in html and "Call 112 now." in html


def test_a_reviewers_new_address_shows_in_the_reviewer_box(client, published_page, reviewer):
    get(client)
    profile = ReviewerProfile.objects.get(user=reviewer)
    profile.slug = "dr-test-reviewer"
    profile.save()
    assert 'href="/reviewers/dr-test-reviewer/"' in text_of(get(client))


def test_a_related_page_published_later_is_listed_at_the_next_request(
    client, published_page, comparison, editor, reviewer
):
    assert "crizotinib-vs-alectinib" not in text_of(get(client))
    publish(comparison, editor, reviewer)
    assert 'href="/compare/crizotinib-vs-alectinib/"' in text_of(get(client))


def test_a_change_that_sent_no_signal_is_served_within_a_second(client, published_page):
    """A bulk update or a restored backup moves no generation; the publication's own row still counts."""
    get(client)
    Publication.objects.filter(page=published_page).update(review_due="2031-05-04")
    time.sleep(page_cache.ROW_TRUST_SECONDS)
    response = get(client)
    assert response["X-Page-Cache"] == "miss"
    assert "May 4, 2031" in text_of(response)


def test_a_change_made_on_another_server_is_served_within_a_second(client, published_page):
    """Another server moves the generation on in the cache; this process's own copy is not served after."""
    assert [get(client)["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]
    cache.incr(
        page_cache.GENERATION_KEY
    )  # as publications_changed() on another server, which this process does not see
    time.sleep(page_cache.GENERATION_TRUST_SECONDS)
    assert get(client)["X-Page-Cache"] == "miss"


def test_someone_signed_in_is_served_the_page_as_the_database_has_it(client, published_page, editor):
    client.force_login(editor)
    assert [get(client)["X-Page-Cache"] for _ in range(2)] == ["private", "private"]
    client.logout()
    assert get(client)["X-Page-Cache"] == "miss"


def test_a_cache_that_comes_back_moves_the_generation_on(client, published_page, settings):
    """A sign-off made while the cache was down could not invalidate anything: its return does."""
    get(client)
    before = page_cache.generation()
    page_cache.memory.clear()
    down = {
        "BACKEND": "drugsite.cache.TolerantRedisCache",
        "LOCATION": "redis://127.0.0.1:1/9",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
    original = settings.CACHES
    settings.CACHES = {"default": down}
    time.sleep(page_cache.GENERATION_TRUST_SECONDS)
    assert get(client)["X-Page-Cache"] == "unavailable"
    settings.CACHES = original
    assert get(client)["X-Page-Cache"] == "miss"
    assert page_cache.generation() > before


def test_conditional_requests_answer_304_until_the_page_changes(client, published_page, editor, reviewer):
    response = get(client)
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert etag.startswith('"') and not etag.startswith('W/"')
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=600"

    assert get(client, If_None_Match=etag).status_code == 304
    assert get(client, If_Modified_Since=last_modified).status_code == 304
    assert get(client, If_None_Match='"another"').status_code == 200
    assert get(client, If_Modified_Since=http_date(time.time() - 86_400 * 365 * 30)).status_code == 200

    time.sleep(1)  # Last-Modified counts seconds.
    Section.objects.filter(page=published_page).update(body="Crizotinib blocks ALK, ROS1 and MET.")
    publish(published_page, editor, reviewer, summary="Added MET")
    changed = get(client, If_None_Match=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert get(client, If_Modified_Since=last_modified).status_code == 200


def test_missing_pages_are_not_kept_long(client, published_page):
    response = get(client, "/drugs/no-such-drug/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "public, max-age=10"


def test_public_page_cache_off_renders_every_request(client, published_page, settings):
    settings.PUBLIC_PAGE_CACHE = False
    get(client)
    response = get(client)
    assert response["X-Page-Cache"] == "off"
    assert "ETag" in response and "public" in response["Cache-Control"]


def test_a_page_holding_the_requests_csp_nonce_is_not_stored(client, published_page, monkeypatch):
    render_snapshot = views.render_snapshot

    def render_with_nonce(request, *args, **kwargs):
        str(request._csp_nonce)  # as {% csp_nonce_attr %} would
        return render_snapshot(request, *args, **kwargs)

    monkeypatch.setattr(views, "render_snapshot", render_with_nonce)
    assert [get(client)["X-Page-Cache"] for _ in range(2)] == ["uncacheable", "uncacheable"]


def test_pages_render_as_before_with_the_cache_down(client, published_page, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "drugsite.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/9",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    for _ in range(2):
        response = get(client)
        assert response.status_code == 200 and response["X-Page-Cache"] == "unavailable"
    assert "Crizotinib blocks <strong>ALK</strong> and ROS1." in text_of(response)


def test_the_generation_starts_again_later_when_the_cache_lost_it():
    page_cache.publications_changed()
    before = page_cache.generation()
    cache.delete(page_cache.GENERATION_KEY)
    assert page_cache.generation() > before
