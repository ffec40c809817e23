"""Editors see the content checks: on the page's form after each save, and on the submit
page before submitting. Errors do not stop a submission (the reviewer decides); a page
citing no sources is warned about.

Figures are from shared/content/facts.md (PROFILE 1014: PFS 10.9 vs 7.0 months, HR 0.45);
the HR 0.54 below is that figure mistyped.
"""

import pytest

from monographs.kinds import build_snapshot
from monographs.models import Article, Citation, DrugPage
from reviews.models import Submission

from .conftest import admin_url, logged_in, messages_of, text_of
from .test_edit_conflicts import open_change_form, post_data

WRONG_HR = "In PROFILE 1014, median PFS was 10.9 versus 7.0 months (HR 0.54)."
NO_SOURCES = "This page cites no sources, so neither readers nor the reviewer can check what it says."
ONLY_FIGURE_SOURCES = "This page cites no sources of its own: only the sources of the figures it shows are listed."


def save(client, page, button="_continue", **changes):
    _, url, fields = open_change_form(client, admin_url(DrugPage, "change", page.pk))
    return client.post(url, post_data(fields, **changes, **{button: "1"}), follow=True)


def submit_url(page):
    return admin_url(DrugPage, "submit", page.pk)


@pytest.mark.django_db
def test_change_form_shows_the_checks_of_the_page_as_saved(page, editor):
    client = logged_in(editor)
    form = text_of(client.get(admin_url(DrugPage, "change", page.pk)))
    assert 'id="content-checks"' in form
    assert "HR 0.54" not in form

    saved = text_of(save(client, page, **{"sections-0-body": WRONG_HR}))

    assert 'id="content-checks"' in saved
    assert "The content checks found 1 error" in saved
    assert "0.45" in saved and "“In PROFILE 1014" in saved


@pytest.mark.django_db
def test_saving_and_leaving_the_form_tells_the_editor_what_the_checks_found(page, editor):
    response = save(logged_in(editor), page, button="_save", **{"sections-0-body": WRONG_HR})
    (message,) = [m for m in messages_of(response) if "content checks" in m]
    assert "1 error" in message
    assert f"{admin_url(DrugPage, 'change', page.pk)}#content-checks" in message


@pytest.mark.django_db
def test_a_clean_page_reports_nothing(page, editor):
    response = save(logged_in(editor), page, button="_save")
    assert not [m for m in messages_of(response) if "content checks" in m]
    assert "The content checks found nothing to report." in text_of(logged_in(editor).get(submit_url(page)))


@pytest.mark.django_db
def test_submit_page_lists_the_findings_and_errors_do_not_block_submitting(page, editor):
    client = logged_in(editor)
    save(client, page, **{"sections-0-body": WRONG_HR})

    shown = text_of(client.get(submit_url(page)))
    assert "Content checks: 1 error" in shown
    assert "“In PROFILE 1014" in shown

    response = client.post(submit_url(page), {"summary": "PFS figures from the label", "change_kind": "correction"})
    assert response.status_code == 302
    submission = Submission.objects.get(page=page)
    assert any(finding["severity"] == "error" for finding in submission.findings)


@pytest.mark.django_db
def test_a_page_citing_no_sources_of_its_own_is_warned_about(page, editor):
    Citation.objects.filter(page=page).delete()
    client = logged_in(editor)
    assert ONLY_FIGURE_SOURCES in text_of(client.get(admin_url(DrugPage, "change", page.pk)))
    assert ONLY_FIGURE_SOURCES in text_of(client.get(submit_url(page)))
    response = save(client, page, button="_save")
    assert any("1 warning" in m for m in messages_of(response))


@pytest.mark.django_db
def test_a_page_with_no_sources_at_all_is_warned_about(article, editor):
    assert not build_snapshot(article)["sources"]
    client = logged_in(editor)
    assert NO_SOURCES in text_of(client.get(admin_url(Article, "change", article.pk)))
    assert NO_SOURCES in text_of(client.get(admin_url(Article, "submit", article.pk)))
