"""load_demo's work: facts, settings, people and pages, each page published through review.

Publishing goes through reviews.workflow like any editor's work: the demo editor
submits, the demo reviewer signs off. A page whose publication already matches its
working copy is left alone, so a second run adds no submission or sign-off.
"""

from dataclasses import dataclass, field

from monographs.kinds import build_snapshot
from monographs.models import SiteSettings
from monographs.snapshots import same_content
from reviews import workflow
from reviews.models import ChangeKind, Publication, Submission

from .accounts import enrol_second_factor, load_accounts
from .facts import load_facts
from .pages import load_pages

SITE_SETTINGS = {
    "organisation": "Oncology Drug Information",
    "address": "Sector 14, Road no. 18, Uttara, 1230\nDhaka, Bangladesh",
}

SIGN_OFF_COMMENT = (
    "Demo sign-off by a fictional reviewer: figures checked against the demo fact sheet "
    "and the sources cited on this page."
)


@dataclass
class DemoResult:
    facts: dict
    accounts: dict
    settings_created: bool
    pages: list = field(default_factory=list)  # (page, what happened: "published", "updated", "unchanged")


def load_demo(reset_passwords=False, enrol_2fa=False, reviewer_password=None):
    """Loads everything; a changed page is signed off with the demo reviewer's password.

    A sign-off is confirmed with the reviewer's password (reviews.workflow.approve). The
    loader knows it when it sets it (a new account, or reset_passwords); otherwise the
    caller may give it as reviewer_password. Without it, a changed page is submitted and
    left awaiting the reviewer's signature in the admin: the loader never signs in a
    password's place, nor changes one it was not asked to.
    """
    accounts = load_accounts(reset_passwords)
    if enrol_2fa:
        enrol_second_factor(accounts)
    editor, reviewer = accounts["editor"].user, accounts["reviewer"].user
    password = accounts["reviewer"].password or reviewer_password
    result = DemoResult(
        facts=load_facts(editor),
        accounts=accounts,
        settings_created=_load_site_settings(),
    )
    for page, _ in load_pages(editor):
        result.pages.append((page, _publish(page, editor, reviewer, password)))
    return result


def _load_site_settings():
    """Fills in the publisher's details once; an administrator's later edits are kept."""
    if SiteSettings.objects.exists():
        return False
    SiteSettings(**SITE_SETTINGS).save()
    return True


def _publish(page, editor, reviewer, password):
    publication = Publication.objects.filter(page=page).first()
    if publication and same_content(publication.snapshot, build_snapshot(page)):
        return "unchanged"
    waiting = Submission.objects.filter(page=page, status=Submission.Status.PENDING).first()
    # Already submitted as it is, for the reviewer (or the publisher's own steps) to sign.
    signable = password is not None and (waiting is None or len(waiting.steps) == 1)
    if waiting and not signable and same_content(waiting.snapshot, build_snapshot(page)):
        return "submitted"
    # The demo's pages change when its fact sheet is corrected; a first publication is editorial work.
    summary, kind = (
        ("Demo content corrected", ChangeKind.CORRECTION)
        if publication
        else ("First publication of the demo page", ChangeKind.EDITORIAL)
    )
    submission = workflow.submit(page, editor, summary=summary, change_kind=kind)
    # The demo reviewer signs the single sign-off; steps of a publisher's own are left to its people.
    if password is None or len(submission.steps) > 1:
        return "submitted"
    workflow.approve(submission, reviewer, comment=SIGN_OFF_COMMENT, password=password)
    return "updated" if publication else "published"
