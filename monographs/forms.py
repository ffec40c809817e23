"""Admin forms for editorial content: no lost work, and rules that span several fields.

Two editors saving the same page, drug, trial or source must not silently overwrite
each other. Every such form carries the row's `edit_version` as it was when the form
was opened; the save locks the row, compares, and refuses a stale form.
"""

from django import forms
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from .models import Page, QuestionGroup

STALE_FORM = (
    "Someone else saved this {noun} since you opened it{when}: your changes were not saved. "
    "Copy your text, reload, and apply it again."
)
MISSING_VERSION = "This form was sent without its version marker. Reload the page and apply your changes again."


class EditVersionForm(forms.ModelForm):
    """Refuses a save based on an older state of the row than the one stored."""

    loaded_edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    # Set by the admin while restoring a revision: reversion has already rewritten the
    # row with the old revision's edit_version, so the live value is read before that.
    live_edit_version = None

    def versioned_rows(self):
        """The one row that holds the edit_version, or None for a new object."""
        if self.instance.pk is None:
            return None
        return type(self.instance)._default_manager.filter(pk=self.instance.pk)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.versioned_rows() is not None:
            self.fields["loaded_edit_version"].initial = self._stored_edit_version(lock=False)

    def _stored_edit_version(self, lock):
        if self.live_edit_version is not None:
            return self.live_edit_version
        rows = self.versioned_rows()
        if lock:
            # The admin runs the whole save in one transaction, so the lock holds until commit.
            rows = rows.select_for_update()
        return rows.values_list("edit_version", flat=True).first()

    def clean(self):
        cleaned_data = super().clean()
        if self.versioned_rows() is None:
            return cleaned_data
        loaded = cleaned_data.get("loaded_edit_version")
        if loaded is None:
            raise ValidationError(MISSING_VERSION, code="missing_version")
        stored = self._stored_edit_version(lock=True)
        if stored != loaded:
            raise ValidationError(STALE_FORM.format(noun=self.noun(), when=self.last_save()), code="stale")
        self.next_edit_version = stored + 1
        return cleaned_data

    def save(self, commit=True):
        if self.versioned_rows() is not None:
            self.record_edit(self.next_edit_version)
        return super().save(commit)

    def record_edit(self, edit_version):
        self.instance.edit_version = edit_version

    def noun(self):
        return self.instance._meta.verbose_name

    def last_save(self):
        return _last_save(
            Q(content_type=ContentType.objects.get_for_model(self.instance), object_id=str(self.instance.pk))
        )


class PageEditForm(EditVersionForm):
    """A page's edit_version lives on the Page row, whatever the page's type."""

    def edited_page_id(self):
        return self.instance.pk

    def noun(self):
        return "page"

    def versioned_rows(self):
        page_id = self.edited_page_id()
        return None if page_id is None else Page.objects.filter(pk=page_id)

    def last_save(self):
        page_id = self.edited_page_id()
        page = Page.objects.get(pk=page_id).specific
        group_ids = [str(pk) for pk in QuestionGroup.objects.filter(page_id=page_id).values_list("pk", flat=True)]
        return _last_save(
            Q(content_type=ContentType.objects.get_for_model(page), object_id=str(page_id))
            | Q(content_type=ContentType.objects.get_for_model(QuestionGroup), object_id__in=group_ids)
        )


def _last_save(entries):
    """' (at <time> by <user>)' for the latest admin save among the given log entries."""
    entry = (
        LogEntry.objects.filter(entries)
        .exclude(action_flag=DELETION)
        .select_related("user")
        .order_by("-action_time", "-pk")
        .first()
    )
    if entry is None:
        return ""
    when = timezone.localtime(entry.action_time)
    who = entry.user.get_full_name() or entry.user.get_username()
    return f" (at {when:%d %B %Y %H:%M} by {who})"


class ComparisonForm(PageEditForm):
    def clean_drugs(self):
        drugs = self.cleaned_data["drugs"]
        if len({drug.pk for drug in drugs}) < 2:
            raise ValidationError("A comparison needs at least two different drugs.")
        return drugs


class TrialForm(EditVersionForm):
    """The control drugs are a many-to-many field, so the rules about them are checked here, before the save."""

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the form's arms
        if "control_drugs" in self.cleaned_data:
            for field, message in self.instance.control_drug_errors(self.cleaned_data["control_drugs"]).items():
                self.add_error(field, message)


class QuestionGroupForm(PageEditForm):
    """Questions belong to their page: saving them counts as an edit of the page."""

    def edited_page_id(self):
        return self.instance.page_id if self.instance.pk else None

    def record_edit(self, edit_version):
        Page.objects.filter(pk=self.instance.page_id).update(edit_version=edit_version)
