"""Comparing versions of a page with the reviewer's diff: any two saved revisions, the
working copy, what readers see now, or an earlier sign-off.

A saved revision holds the page and its parts (sections, question groups, questions,
citations). To compare it, the revision is restored inside a transaction that is rolled
back, and the page's snapshot is built from it as from the working copy; the drug and
trial data it shows are read as they are now, since they have revisions of their own.
Nothing is changed.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import ProtectedError
from django.template.response import TemplateResponse
from django.utils.timezone import localtime
from reversion.errors import RevertError
from reversion.models import Version

from monographs.kinds import build_snapshot

from ..diff import diff_snapshots
from ..models import Publication, SignOff

WORKING = "working"
PUBLISHED = "published"
SIGNOFF = "signoff-"
REVISION = "revision-"


def page_versions(page):
    """The page's saved revisions, newest first."""
    return (
        Version.objects.get_for_object(page).select_related("revision__user").order_by("-revision__date_created", "-pk")
    )


def snapshot_of_revision(page, version):
    """The page's snapshot as saved in `version`'s revision; the database is left as it was."""
    try:
        with transaction.atomic():
            version.revision.revert(delete=True)
            snapshot = build_snapshot(type(page)._default_manager.get(pk=page.pk))
            transaction.set_rollback(True)
    except (RevertError, ProtectedError, DatabaseError, type(page).DoesNotExist) as error:
        raise ValidationError(
            f"The revision of {_when(version.revision.date_created)} cannot be rebuilt for comparison ({error})."
        ) from None
    return snapshot


def _when(moment):
    return f"{localtime(moment):%d %B %Y %H:%M %Z}"


class Versions:
    """The versions of one page that can be compared, each by a key: its label and how to read it."""

    def __init__(self, page):
        self.page = page
        self.publication = Publication.objects.filter(page=page).select_related("signoff").first()
        self.signoffs = {
            f"{SIGNOFF}{signoff.pk}": signoff
            for signoff in SignOff.objects.filter(page=page)
            .order_by("-signed_at", "-pk")
            .only("pk", "signed_at", "reviewer_name")
        }
        self.revisions = {f"{REVISION}{version.pk}": version for version in page_versions(page)}

    def choices(self):
        choices = [(WORKING, "Working copy (as saved now)")]
        if self.publication:
            state = "withdrawn" if self.publication.withdrawn_at else "what readers see"
            choices.append(
                (PUBLISHED, f"Published version ({state}), signed off {_when(self.publication.last_reviewed_at)}")
            )
        choices += [
            (key, f"Sign-off of {_when(signoff.signed_at)} by {signoff.reviewer_name}")
            for key, signoff in self.signoffs.items()
        ]
        choices += [(key, _revision_label(version)) for key, version in self.revisions.items()]
        return choices

    def default_old(self):
        if self.publication:
            return PUBLISHED
        oldest = list(self.revisions)[-1:]
        return oldest[0] if oldest else WORKING

    def snapshot(self, key):
        if key == WORKING:
            return build_snapshot(self.page)
        if key == PUBLISHED:
            return self.publication.snapshot
        if key in self.signoffs:
            return SignOff.objects.values_list("snapshot", flat=True).get(pk=self.signoffs[key].pk)
        return snapshot_of_revision(self.page, self.revisions[key])


def _revision_label(version):
    revision = version.revision
    who = revision.user.get_username() if revision.user else "unknown"
    comment = f": {revision.get_comment()}" if revision.get_comment() else ""
    return f"Revision of {_when(revision.date_created)} by {who}{comment}"[:160]


class CompareForm(forms.Form):
    old = forms.ChoiceField(label="Compare")
    new = forms.ChoiceField(label="with")

    def __init__(self, data, versions):
        super().__init__(data)
        self.fields["old"].choices = self.fields["new"].choices = versions.choices()
        self.fields["old"].error_messages["invalid_choice"] = "There is no such version of this page to compare."
        self.fields["new"].error_messages["invalid_choice"] = "There is no such version of this page to compare."

    def clean(self):
        data = super().clean()
        if data.get("old") and data.get("old") == data.get("new"):
            raise ValidationError("Choose two different versions.")
        return data


def compare_view(model_admin, request, page, change_url):
    """The compare screen: by default what readers see (or the first revision) against the working copy."""
    versions = Versions(page)
    query = request.GET if {"old", "new"} & set(request.GET) else {"old": versions.default_old(), "new": WORKING}
    form = CompareForm(query, versions)
    diff = None
    if form.is_valid():
        try:
            old = versions.snapshot(form.cleaned_data["old"])
            new = versions.snapshot(form.cleaned_data["new"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            diff = diff_snapshots(old, new)
    labels = dict(versions.choices())
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": page,
        "title": f"Compare versions of “{page.title}”",
        "form": form,
        "diff": diff,
        "old_label": labels.get(form.data.get("old"), ""),
        "new_label": labels.get(form.data.get("new"), ""),
        "change_url": change_url,
    }
    return TemplateResponse(request, "admin/monographs/page/compare.html", context)
