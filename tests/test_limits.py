"""Limits with clear answers: over-long editor text, over-large forms, and the render cache's memory."""

import pytest
from django.core.exceptions import ValidationError

from monographs.models import DrugPage, Page, Section
from monographs.rendering import render_cache, render_markdown
from reviews.models import AuditEntry

from .conftest import admin_url, change_form_data, logged_in, text_of

LIMIT = Section.BODY_MAX_LENGTH


def test_section_body_over_its_limit_is_refused_with_the_limit_named_and_the_text_kept(page, editor):
    client = logged_in(editor)
    long_body = "Crizotinib blocks ALK. " * 43_478 + "The end."  # about 1 MB
    data = change_form_data(client, page, **{"sections-0-body": long_body})

    response = client.post(admin_url(DrugPage, "change", page.pk), data)

    assert response.status_code == 200
    formset = next(
        inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "sections"
    )
    errors = formset.forms[0].errors["body"]
    assert errors == [f"Ensure this value has at most {LIMIT} characters (it has {len(long_body)})."]
    assert long_body in text_of(response)
    assert Section.objects.get().body == "Crizotinib blocks **ALK** and ROS1."
    assert Page.objects.values_list("edit_version", flat=True).get(pk=page.pk) == 0


def test_section_body_at_its_limit_is_accepted(page, editor):
    client = logged_in(editor)
    body = "a" * LIMIT
    data = change_form_data(client, page, **{"sections-0-body": body})

    assert client.post(admin_url(DrugPage, "change", page.pk), data).status_code == 302
    assert Section.objects.get().body == body


@pytest.mark.parametrize(
    "field, limit",
    [("summary", 1_000), ("verdict", 5_000)],
)
def test_page_text_fields_have_limits(comparison, field, limit):
    setattr(comparison, field, "x" * (limit + 1))
    with pytest.raises(ValidationError) as refused:
        comparison.full_clean()
    assert refused.value.message_dict[field] == [
        f"Ensure this value has at most {limit} characters (it has {limit + 1})."
    ]


def test_form_over_the_upload_limit_gets_a_plain_page_naming_the_limit(page, editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
    client = logged_in(editor)
    data = change_form_data(client, page, **{"sections-0-body": "x" * (6 * 1024 * 1024)})
    audit_entries = AuditEntry.objects.count()

    response = client.post(admin_url(DrugPage, "change", page.pk), data)

    assert response.status_code == 413
    html = text_of(response)
    assert "Too much to send at once" in html
    assert "5.0\xa0MB" in html
    assert "Nothing was saved" in html
    assert "Bad Request" not in html
    assert Section.objects.get().body == "Crizotinib blocks **ALK** and ROS1."
    assert AuditEntry.objects.count() == audit_entries


def test_other_bad_requests_keep_their_plain_400(client):
    response = client.get("/", headers={"host": "not-allowed.example"})
    assert response.status_code == 400


@pytest.fixture
def empty_render_cache():
    render_cache.clear()
    yield render_cache
    render_cache.clear()


def test_render_cache_stays_within_its_memory_budget(empty_render_cache, settings):
    settings.RENDER_CACHE_BYTES = 1_000_000
    for n in range(200):
        render_markdown(f"Text number {n}. " + "Crizotinib blocks ALK and ROS1. " * 1_000)  # about 32 kB each
        assert empty_render_cache.size <= settings.RENDER_CACHE_BYTES
    assert empty_render_cache.size > settings.RENDER_CACHE_BYTES // 2


def test_render_cache_keeps_a_text_it_has_rendered(empty_render_cache):
    first = render_markdown("Crizotinib blocks **ALK**.")
    assert empty_render_cache.size > 0
    size = empty_render_cache.size
    assert render_markdown("Crizotinib blocks **ALK**.") == first
    assert empty_render_cache.size == size


def test_render_cache_never_keeps_a_very_long_text(empty_render_cache):
    html = render_markdown("Crizotinib blocks ALK. " * 10_000)  # 230,000 characters
    assert "Crizotinib blocks ALK." in html
    assert empty_render_cache.size == 0
