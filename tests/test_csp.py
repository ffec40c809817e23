"""Content-Security-Policy: every response carries it; public pages run no inline script."""

import re

import pytest
from django.urls import reverse

from .conftest import logged_in, text_of

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)


def directives(response):
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_strict_scripts(response):
    policy = directives(response)
    assert policy["script-src"] == ["'self'"], "scripts come from the site's own files, never inline"
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_admin_pages_carry_the_policy_and_their_styles_carry_its_nonce(client, published_page, editor):
    assert_strict_scripts(client.get("/admin/login/"))
    response = logged_in(editor).get(reverse("admin:monographs_drugpage_change", args=[published_page.pk]))
    assert_strict_scripts(response)
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    styles = re.findall(r"<style[^>]*>", text_of(response))
    assert styles and all(f'nonce="{nonce}"' in tag for tag in styles)


@pytest.mark.django_db
def test_only_the_review_preview_may_be_framed_and_only_by_the_site(published_page, editor, reviewer):
    from reviews import workflow

    published_page.summary = "Changed for review."
    published_page.save()
    submission = workflow.submit(published_page, editor)
    response = logged_in(reviewer).get(reverse("admin:reviews_submission_preview", args=[submission.pk]))
    assert response.status_code == 200
    assert directives(response)["frame-ancestors"] == ["'self'"]
    assert_strict_scripts(response)


# Last: published_demo stays loaded to the end of the module.
@pytest.mark.django_db
def test_public_pages_carry_the_policy_and_no_inline_script(client, published_demo):
    for url in ("/", "/drugs/crizotinib/", "/search/?q=crizotinib", "/sitemap.xml", "/no-such-page/"):
        response = client.get(url)
        assert_strict_scripts(response)
        assert directives(response)["frame-ancestors"] == ["'none'"]
        if response["Content-Type"].startswith("text/html"):
            assert not INLINE_SCRIPT.search(text_of(response)), url
