"""The review forms: submit (editors), approve, request changes, withdraw (reviewers).

They only read and tidy what was typed; reviews.workflow decides whether the action is
allowed, and its ValidationErrors come back onto these forms' fields.
"""

from django import forms
from django.utils import timezone

from .models import ChangeKind, Submission


class ApproveForm(forms.Form):
    comment = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to the editor and kept with the sign-off.",
    )
    sources = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label="Sources checked",
        help_text="Tick each source you checked the page against; none is ticked for you.",
        error_messages={"required": "Tick the sources you checked the page against."},
    )
    override_reason = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason for signing off despite the errors found",
    )
    go_live_at = forms.DateTimeField(
        required=False,
        label="Go live at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Leave empty to publish as soon as you approve.",
    )
    # Asked on the confirmation page, never on the review screen; reviews.workflow.approve decides.
    password = forms.CharField(
        required=False,
        strip=False,
        max_length=4096,
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Signing confirms who you are: enter the password you sign in with.",
    )

    def __init__(self, *args, snapshot, has_errors=False, last_step=True, **kwargs):
        self.snapshot_sources = snapshot.get("sources", [])
        super().__init__(*args, **kwargs)
        field = self.fields["sources"]
        field.choices = [(s["id"], _source_label(s)) for s in self.snapshot_sources]
        # A page that cites nothing can still be signed off (an explainer, say).
        field.required = bool(self.snapshot_sources)
        if not has_errors:
            del self.fields["override_reason"]
        # Only the last step's approval publishes, so only it chooses when.
        if not last_step:
            del self.fields["go_live_at"]
        else:
            self.fields["go_live_at"].label = f"Go live at ({timezone.get_current_timezone_name()} time)"

    def workflow_arguments(self):
        """Keyword arguments for workflow.approve, the sources as the snapshot recorded them."""
        return {
            "comment": self.cleaned_data["comment"],
            "sources": self.ticked_sources(),
            "override_reason": self.cleaned_data.get("override_reason", ""),
            "go_live_at": self.cleaned_data.get("go_live_at"),
            "password": self.cleaned_data["password"],
        }

    def ticked_sources(self):
        ticked = set(self.cleaned_data["sources"])
        return [s for s in self.snapshot_sources if s["id"] in ticked]


def _source_label(source):
    parts = [source["title"]]
    parts += [source[key] for key in ("version", "citation") if source.get(key)]
    return ", ".join(parts)


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What needs to change",
        error_messages={"required": "Say what needs to change; the editor sees your comment."},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers see this reason in place of the page.",
        error_messages={"required": "Give the reason for withdrawing the page; readers will see it."},
    )


class SubmitForm(forms.Form):
    summary = forms.CharField(
        label="What changed",
        max_length=Submission._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences for the reviewer. Readers see it in the page's update history.",
        error_messages={"required": "Say in a sentence what changed; readers see it in the update history."},
    )
    change_kind = forms.ChoiceField(
        label="Kind of change",
        choices=ChangeKind.choices,
        initial=ChangeKind.EDITORIAL,
        required=False,
        help_text="Shown with your summary in the page's public update history and in the feeds.",
    )

    def clean_change_kind(self):
        return self.cleaned_data["change_kind"] or ChangeKind.EDITORIAL


class CommentForm(forms.Form):
    """A reviewer's comment on one part of the submitted page."""

    target = forms.ChoiceField(
        label="On",
        error_messages={"invalid_choice": "Choose a part of the page that this submission shows."},
    )
    body = forms.CharField(
        label="Comment",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write your comment."},
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets


class AnswerForm(forms.Form):
    """The editor's answer to a comment, and whether it is resolved."""

    answer = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    resolved = forms.BooleanField(required=False, label="Resolved")
