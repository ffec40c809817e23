"""No lost work: concurrent saves of a page or of shared data are refused, and restoring a revision is an edit.

Figures are from shared/content/facts.md (crizotinib).
"""

import pytest
from django.test import Client
from reversion.models import Version

from monographs.models import (
    Drug,
    DrugPage,
    Page,
    Question,
    QuestionGroup,
    Section,
    Source,
    Trial,
)
from reviews.models import Publication
from reviews.status import PageStatus, page_status

from .conftest import admin_url, change_form_data, form_data, logged_in, publish

FIRST = "Crizotinib blocks ALK, ROS1 and MET."
SECOND = "Crizotinib is taken as 250 mg twice daily."


def edit_version(page):
    return Page.objects.values_list("edit_version", flat=True).get(pk=page.pk)


def test_a_save_raises_the_edit_version(page, editor):
    client = logged_in(editor)
    data = change_form_data(client, page, **{"sections-0-body": FIRST})
    assert client.post(admin_url(DrugPage, "change", page.pk), data).status_code == 302
    assert edit_version(page) == 1


def test_second_of_two_concurrent_saves_is_refused_and_keeps_its_text_on_screen(page, editor, other_editor):
    first, second = logged_in(editor), logged_in(other_editor)
    first_form = change_form_data(first, page, **{"sections-0-body": FIRST})
    second_form = change_form_data(second, page, **{"sections-0-body": SECOND})

    assert first.post(admin_url(DrugPage, "change", page.pk), first_form).status_code == 302
    refused = second.post(admin_url(DrugPage, "change", page.pk), second_form)

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else saved this page since you opened it" in html
    assert "by editor)" in html
    assert "your changes were not saved" in html
    assert SECOND in html
    assert Section.objects.get().body == FIRST
    assert edit_version(page) == 1


def test_refused_form_stays_refused_when_sent_again(page, editor, other_editor):
    first, second = logged_in(editor), logged_in(other_editor)
    stale = change_form_data(second, page, **{"sections-0-body": SECOND})
    first.post(admin_url(DrugPage, "change", page.pk), change_form_data(first, page, **{"sections-0-body": FIRST}))

    refused = second.post(admin_url(DrugPage, "change", page.pk), stale)
    resent = second.post(admin_url(DrugPage, "change", page.pk), form_data(refused))

    assert "Someone else saved this page" in resent.content.decode()
    assert Section.objects.get().body == FIRST


def test_form_without_its_version_marker_is_refused(page, editor):
    client = logged_in(editor)
    data = change_form_data(client, page, **{"sections-0-body": FIRST})
    del data["loaded_edit_version"]
    response = client.post(admin_url(DrugPage, "change", page.pk), data)
    assert "sent without its version marker" in response.content.decode()
    assert Section.objects.get().body == "Crizotinib blocks **ALK** and ROS1."


def test_saving_questions_counts_as_an_edit_of_their_page(page, editor, other_editor):
    group = QuestionGroup.objects.get()
    first, second = logged_in(editor), logged_in(other_editor)
    page_form = change_form_data(second, page, **{"question_groups-0-heading": "About your liver"})
    questions = change_form_data(first, group, **{"questions-0-text": "How often will my liver tests be done?"})

    assert first.post(admin_url(QuestionGroup, "change", group.pk), questions).status_code == 302
    refused = second.post(admin_url(DrugPage, "change", page.pk), page_form)

    assert "Someone else saved this page" in refused.content.decode()
    assert QuestionGroup.objects.get().heading == "About liver monitoring"
    assert Question.objects.get().text == "How often will my liver tests be done?"


def page_versions(page):
    return Version.objects.get_for_object(DrugPage.objects.get(pk=page.pk)).order_by("pk")


def test_restoring_an_old_revision_is_an_edit_awaiting_review(page, editor, reviewer):
    client = logged_in(editor)
    client.post(admin_url(DrugPage, "change", page.pk), change_form_data(client, page, **{"sections-0-body": FIRST}))
    client.post(admin_url(DrugPage, "change", page.pk), change_form_data(client, page, **{"sections-0-body": SECOND}))
    publish(page, editor, reviewer)
    publication = Publication.objects.get()
    published_hash = publication.content_hash
    before = edit_version(page)
    old = page_versions(page).first()

    revision_url = admin_url(DrugPage, "revision", page.pk, old.pk)
    shown = client.get(revision_url)
    assert FIRST in shown.content.decode()
    assert client.post(revision_url, form_data(shown)).status_code == 302

    assert Section.objects.get().body == FIRST
    assert edit_version(page) == before + 1
    assert page_status(page) == PageStatus.CHANGES_AWAITING_REVIEW
    publication.refresh_from_db()
    assert publication.content_hash == published_hash
    public = Client().get(page.get_absolute_url()).content.decode()
    assert SECOND in public
    assert FIRST not in public


def test_restore_is_refused_when_someone_saved_since_it_was_opened(page, editor, other_editor):
    first, second = logged_in(editor), logged_in(other_editor)
    first.post(admin_url(DrugPage, "change", page.pk), change_form_data(first, page, **{"sections-0-body": FIRST}))
    old = page_versions(page).first()
    revision_url = admin_url(DrugPage, "revision", page.pk, old.pk)
    restore_form = form_data(second.get(revision_url))

    first.post(admin_url(DrugPage, "change", page.pk), change_form_data(first, page, **{"sections-0-body": SECOND}))
    refused = second.post(revision_url, restore_form)

    assert "Someone else saved this page" in refused.content.decode()
    assert Section.objects.get().body == SECOND


@pytest.mark.parametrize(
    "model, lookup, field, first_value, second_value",
    [
        (Drug, {"slug": "crizotinib"}, "dose", "250 mg twice daily (adults)", "200 mg twice daily"),
        (Trial, {"slug": "profile-1014"}, "design", "randomised, open-label, phase 3", "open-label"),
        (Source, {"kind": Source.Kind.LABEL}, "publisher", "US FDA", "FDA (label)"),
    ],
)
def test_shared_data_saves_do_not_overwrite_each_other(
    page, editor, other_editor, model, lookup, field, first_value, second_value
):
    """Two editors correcting the same drug, trial or source: the second is told, not silently lost."""
    row = model.objects.get(**lookup)
    first, second = logged_in(editor), logged_in(other_editor)
    first_form = change_form_data(first, row, **{field: first_value})
    second_form = change_form_data(second, row, **{field: second_value})

    assert first.post(admin_url(model, "change", row.pk), first_form).status_code == 302
    refused = second.post(admin_url(model, "change", row.pk), second_form)

    assert refused.status_code == 200
    html = refused.content.decode()
    assert f"Someone else saved this {model._meta.verbose_name} since you opened it" in html
    assert second_value in html
    assert getattr(model.objects.get(pk=row.pk), field) == first_value


def test_questions_are_edited_on_the_page_form_in_one_revision(page, editor):
    client = logged_in(editor)
    question = Question.objects.get()
    before = page_versions(page).count()
    questions = "How often will my liver be tested?\nWhat symptoms of liver trouble should I report?"
    data = change_form_data(client, page, **{"question_groups-0-questions": questions})

    assert client.post(admin_url(DrugPage, "change", page.pk), data).status_code == 302

    assert list(Question.objects.order_by("order").values_list("order", "text")) == [
        (1, "How often will my liver be tested?"),
        (2, "What symptoms of liver trouble should I report?"),
    ]
    assert Question.objects.order_by("order").first().pk == question.pk  # the row keeps its history
    assert page_versions(page).count() == before + 1
    saved = page_versions(page).last().revision.version_set.filter(object_repr__startswith="What symptoms")
    assert saved.exists()
    assert edit_version(page) == 1


def test_a_group_and_its_questions_are_added_on_the_page_form(page, editor):
    client = logged_in(editor)
    data = change_form_data(client, page)
    data.update(
        {
            "question_groups-TOTAL_FORMS": "2",
            "question_groups-1-order": "2",
            "question_groups-1-heading": "About eye problems",
            "question_groups-1-intro": "",
            "question_groups-1-questions": "Which vision changes should I report at once?\n",
        }
    )
    assert client.post(admin_url(DrugPage, "change", page.pk), data).status_code == 302
    group = QuestionGroup.objects.get(heading="About eye problems")
    assert [q.text for q in group.questions.all()] == ["Which vision changes should I report at once?"]


@pytest.mark.parametrize(
    "questions, message",
    [
        ("How often will my liver be tested?\nTell me about liver tests.", "Question 2 (“Tell me about liver tests.”)"),
        ("Why?" + "?" * 600, "Question 1 is longer than 500 characters."),
        ("\n".join(f"Question {n}?" for n in range(31)), "Keep a group to 30 questions"),
    ],
)
def test_a_line_that_is_not_a_question_is_refused_and_nothing_changes(page, editor, questions, message):
    client = logged_in(editor)
    data = change_form_data(client, page, **{"question_groups-0-questions": questions})
    response = client.post(admin_url(DrugPage, "change", page.pk), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(Question.objects.values_list("text", flat=True)) == ["How often will my liver be checked?"]
    assert edit_version(page) == 0
