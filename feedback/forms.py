"""The reader's form: what is wrong, an optional email, the version they saw, and a honeypot."""

from django import forms

from .models import MESSAGE_MAX_LENGTH, ProblemReport


class MessageField(forms.CharField):
    def to_python(self, value):
        # A browser counts a line break as one character against maxlength, then sends two.
        return super().to_python(value).replace("\r\n", "\n")


class ReportForm(forms.Form):
    message = MessageField(
        label="What is wrong?",
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"What you think is wrong or out of date, with a source if you have one. "
        f"At most {MESSAGE_MAX_LENGTH:,} characters.",
        error_messages={
            "required": "Tell us what is wrong before sending.",
            "max_length": f"Keep it to {MESSAGE_MAX_LENGTH:,} characters or fewer (you wrote %(show_value)s).",
        },
    )
    email = forms.EmailField(
        label="Your email (optional)",
        required=False,
        max_length=ProblemReport._meta.get_field("email").max_length,
        help_text="Only if you would like a reply. We use it for nothing else.",
        error_messages={
            "invalid": "Enter an email address such as name@example.org, or leave it empty.",
            "max_length": "An email address has at most %(limit_value)s characters.",
        },
    )
    # The content hash of the version the page showed; checked by models.version_seen.
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    # A field people never see (hidden by the stylesheet); a bot that fills every field fills it.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_version(self):
        return self.cleaned_data["version"][:64]

    def is_bot(self):
        return bool(self.data.get(self.add_prefix("website")))


class ResolveForm(forms.Form):
    note = forms.CharField(
        label="What was done",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: corrected in the next revision, sent for review; or: no error, the page is right.",
        error_messages={"required": "Say what was done about the report."},
    )
