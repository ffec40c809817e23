from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm

from . import second_factor

CODE_WIDGET = forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"})


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's login form, with the second factor's code for those who have set one up."""

    code = forms.CharField(
        label="Code from your authenticator app, or a recovery code",
        required=False,
        max_length=32,
        widget=CODE_WIDGET,
        help_text="Leave empty if you have not set up two-factor sign-in.",
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and second_factor.enrolled(user):
            if not cleaned_data.get("code"):
                raise forms.ValidationError(
                    "Enter the code from your authenticator app, or one of your recovery codes.", code="code_required"
                )
            # django_otp's user_logged_in receiver records this device as the session's second factor.
            user.otp_device = second_factor.verify(user, cleaned_data["code"])
        return cleaned_data


class CodeForm(forms.Form):
    code = forms.CharField(label="Code", max_length=32, widget=CODE_WIDGET)
