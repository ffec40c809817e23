"""Last reviewed, last updated and next review due, as readers and the dashboard see them."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from reviews import workflow
from reviews.models import Publication, SignOff
from reviews.status import PageStatus, due_publications, page_status

from .conftest import publish


def test_first_sign_off_sets_all_three_dates(published_page):
    publication = Publication.objects.get(page=published_page)
    signoff = SignOff.objects.get()
    assert publication.last_reviewed_at == signoff.signed_at
    assert publication.last_updated_at == signoff.signed_at
    signed = timezone.localtime(signoff.signed_at).date()
    assert publication.review_due == workflow.review_due(signoff.signed_at, 12)
    assert (publication.review_due - signed).days in (365, 366)


def test_re_review_without_change_moves_only_last_reviewed(published_page, editor, other_reviewer):
    before = Publication.objects.get(page=published_page)
    signoff = publish(published_page, editor, other_reviewer, summary="Annual re-review")
    after = Publication.objects.get(page=published_page)
    assert signoff.changed_content is False
    assert after.last_reviewed_at == signoff.signed_at > before.last_reviewed_at
    assert after.last_updated_at == before.last_updated_at
    assert after.review_due >= before.review_due


def test_content_change_moves_last_updated(published_page, editor, other_reviewer):
    before = Publication.objects.get(page=published_page)
    published_page.summary = "Updated summary for readers."
    published_page.save()
    signoff = publish(published_page, editor, other_reviewer, summary="Clearer summary")
    after = Publication.objects.get(page=published_page)
    assert signoff.changed_content is True
    assert after.last_updated_at == signoff.signed_at > before.last_updated_at


def test_page_review_interval_sets_due_date(page, editor, reviewer):
    page.review_interval_months = 6
    page.save()
    signoff = publish(page, editor, reviewer)
    expected = workflow.review_due(signoff.signed_at, 6)
    assert Publication.objects.get(page=page).review_due == expected


@pytest.mark.parametrize(
    "signed, months, due",
    [
        ((2026, 1, 31), 1, (2026, 2, 28)),
        ((2024, 2, 29), 12, (2025, 2, 28)),
        ((2026, 6, 15), 12, (2027, 6, 15)),
        ((2026, 11, 30), 3, (2027, 2, 28)),
    ],
)
def test_review_due_handles_month_ends(signed, months, due):
    signed_at = timezone.make_aware(datetime.datetime(*signed, 12, 0))
    assert workflow.review_due(signed_at, months) == datetime.date(*due)


def test_overdue_and_soon_due_pages(published_page, capsys):
    today = timezone.localdate()
    Publication.objects.filter(page=published_page).update(review_due=today - datetime.timedelta(days=1))
    overdue, soon = due_publications()
    assert [p.page_id for p in overdue] == [published_page.pk] and soon == []
    assert page_status(published_page) == PageStatus.REVIEW_OVERDUE
    call_command("review_due")
    out = capsys.readouterr().out
    assert "Overdue: 1" in out and "Crizotinib (Xalkori)" in out

    Publication.objects.filter(page=published_page).update(review_due=today + datetime.timedelta(days=10))
    overdue, soon = due_publications(within_days=30)
    assert overdue == [] and [p.page_id for p in soon] == [published_page.pk]
    assert page_status(published_page) == PageStatus.PUBLISHED


def test_review_due_command_rejects_bad_days(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("review_due", days=-5)
