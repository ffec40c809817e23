"""A page sent back to its editor says so until the editor saves an answer, then says that."""

from monographs.models import DrugPage
from reviews import workflow
from reviews.status import PageStatus, page_status

from .conftest import admin_url, change_form_data, logged_in


def test_status_follows_the_editor_after_changes_were_requested(page, editor, reviewer):
    submission = workflow.submit(page, editor, summary="First draft")
    workflow.request_changes(submission, reviewer, "Cite the label for the dose.")
    assert page_status(page) == PageStatus.CHANGES_REQUESTED

    client = logged_in(editor)

    def listed(status):
        return page.title in client.get(admin_url(DrugPage), {"status": status}).text

    assert listed(PageStatus.CHANGES_REQUESTED) and not listed(PageStatus.CHANGES_MADE)

    data = change_form_data(client, page, **{"sections-0-body": "Crizotinib is taken as 250 mg twice daily."})
    assert client.post(admin_url(DrugPage, "change", page.pk), data).status_code == 302

    assert page_status(page) == PageStatus.CHANGES_MADE
    assert listed(PageStatus.CHANGES_MADE) and not listed(PageStatus.CHANGES_REQUESTED)

    workflow.submit(page, editor, summary="Cited the label")
    assert page_status(page) == PageStatus.IN_REVIEW
