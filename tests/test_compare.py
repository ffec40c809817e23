"""Comparing versions of a page: any two saved revisions, the working copy, the published
version or an earlier sign-off, with the reviewer's word diff. Comparing changes nothing.

Figures are from shared/content/facts.md (PROFILE 1014: 10.9 months; the "19.0" is that
figure mistyped, as an editor might).
"""

import pytest
from django.urls import reverse
from reversion.models import Version

from monographs.models import DrugPage, Section

from .conftest import admin_url, logged_in, publish, text_of
from .test_edit_conflicts import open_change_form, post_data

RIGHT = "Median PFS was 10.9 months with crizotinib."
MISTYPED = "Median PFS was 19.0 months with crizotinib."


def save_body(client, page, body):
    _, url, fields = open_change_form(client, admin_url(DrugPage, "change", page.pk))
    assert client.post(url, post_data(fields, **{"sections-0-body": body})).status_code == 302


def revisions(page):
    """The keys of the page's saved revisions, oldest first."""
    versions = Version.objects.get_for_object(DrugPage.objects.get(pk=page.pk)).order_by("pk")
    return [f"revision-{version.pk}" for version in versions]


def compare(client, page, **query):
    return client.get(admin_url(DrugPage, "compare", page.pk), query)


def database_state(page):
    return (
        list(Section.objects.filter(page=page).values_list("pk", "body")),
        DrugPage.objects.get(pk=page.pk).edit_version,
        Version.objects.count(),
    )


@pytest.mark.django_db
def test_two_saved_revisions_are_compared_word_by_word_and_nothing_changes(page, editor):
    client = logged_in(editor)
    save_body(client, page, RIGHT)
    save_body(client, page, MISTYPED)
    save_body(client, page, "Something else entirely.")
    first, second, _ = revisions(page)
    before = database_state(page)

    response = compare(client, page, old=first, new=second)

    assert response.status_code == 200
    assert "<del>10.9</del><ins>19.0</ins> months" in text_of(response)
    assert database_state(page) == before
    # The other way round, the same words swap places.
    assert "<del>19.0</del><ins>10.9</ins>" in text_of(compare(client, page, old=second, new=first))


@pytest.mark.django_db
def test_a_revision_is_compared_with_the_published_version(page, editor, reviewer):
    client = logged_in(editor)
    save_body(client, page, RIGHT)
    publish(page, editor, reviewer)
    save_body(client, page, MISTYPED)
    latest = revisions(page)[-1]

    html = text_of(compare(client, page, old="published", new=latest))

    assert "Published version (what readers see)" in html
    assert "<del>10.9</del><ins>19.0</ins>" in html


@pytest.mark.django_db
def test_by_default_what_readers_see_is_compared_with_the_working_copy(page, editor, reviewer):
    client = logged_in(editor)
    save_body(client, page, RIGHT)
    signoff = publish(page, editor, reviewer)
    section = page.sections.get()
    section.body = MISTYPED
    section.save()

    html = text_of(compare(client, page))
    assert "<del>10.9</del><ins>19.0</ins>" in html
    # An earlier sign-off is a version too; compared with the live publication, nothing differs.
    same = text_of(compare(client, page, old=f"signoff-{signoff.pk}", new="published"))
    assert "The two versions have the same content." in same


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, message",
    [
        ({"old": "revision-999999999", "new": "working"}, "There is no such version of this page to compare."),
        ({"old": "<script>", "new": "working"}, "There is no such version of this page to compare."),
        ({"old": "working", "new": "working"}, "Choose two different versions."),
        ({"old": "working"}, "This field is required."),
    ],
)
def test_a_version_that_is_not_this_pages_is_refused_plainly(page, editor, alectinib, query, message):
    client = logged_in(editor)
    save_body(client, page, RIGHT)
    before = database_state(page)
    response = compare(client, page, **query)
    assert response.status_code == 200
    assert message in text_of(response)
    assert 'id="diff"' not in text_of(response)
    assert database_state(page) == before


@pytest.mark.django_db
def test_a_revision_of_another_page_is_not_offered(page, editor, alectinib):
    client = logged_in(editor)
    other = DrugPage.objects.create(drug=alectinib, title="Alectinib (Alecensa)", slug="alectinib", summary="x")
    Section.objects.create(page=other, order=1, heading="How it works", body="Alectinib blocks ALK.")
    save_body(client, other, "Alectinib blocks ALK and RET.")
    response = compare(client, page, old=revisions(other)[-1], new="working")
    assert "There is no such version of this page to compare." in text_of(response)


@pytest.mark.django_db
def test_history_and_change_form_link_to_the_compare_screen(client, page, editor):
    client = logged_in(editor)
    save_body(client, page, RIGHT)
    url = admin_url(DrugPage, "compare", page.pk)
    assert url in text_of(client.get(admin_url(DrugPage, "history", page.pk)))
    assert url in text_of(client.get(admin_url(DrugPage, "change", page.pk)))


@pytest.mark.django_db
def test_compare_of_a_missing_page_is_not_found(client, editor, db):
    client = logged_in(editor)
    assert client.get(reverse("admin:monographs_drugpage_compare", args=[987654])).status_code == 404
