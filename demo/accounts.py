"""The demo's people: an administrator, an editor and a (fictional) medical reviewer.

Passwords are random, shown once when set; a re-run keeps them unless asked to reset.
Asked to (load_demo --enrol-2fa), they get an authenticator app key and recovery codes.
"""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts import second_factor
from reviews import workflow
from reviews.models import ReviewerProfile

REVIEWER_PROFILE = {
    "name": "Dr Demo Reviewer",
    "slug": "demo-reviewer",
    "degree": "MD",
    "specialty": "Medical oncology (thoracic cancers)",
    "board_certification": "Medical Oncology",
    "years_of_experience": 12,
    "bio": "A fictional reviewer who exists only in the demo content; not a real person.",
}


@dataclass
class Account:
    user: object
    password: str | None  # None: the password was left as it was
    totp_secret: str | None = None  # with --enrol-2fa: the authenticator app's key
    otpauth_url: str | None = None
    recovery_codes: list | None = None

    @property
    def username(self):
        return self.user.get_username()


def load_accounts(reset_passwords=False):
    """Returns {"admin": Account, "editor": Account, "reviewer": Account}."""
    admin = _account("admin", reset_passwords, is_staff=True, is_superuser=True)
    editor = _account("editor", reset_passwords, group=workflow.EDITORS, is_staff=True)
    reviewer = _account("reviewer", reset_passwords, group=workflow.REVIEWERS, is_staff=True)
    profile = ReviewerProfile.objects.filter(user=reviewer.user).first() or ReviewerProfile(user=reviewer.user)
    if any(getattr(profile, name) != value for name, value in REVIEWER_PROFILE.items()):
        for name, value in REVIEWER_PROFILE.items():
            setattr(profile, name, value)
        profile.full_clean()
        profile.save()
    return {"admin": admin, "editor": editor, "reviewer": reviewer}


def enrol_second_factor(accounts):
    """Gives each account an authenticator app (once) and recovery codes (new when none are left)."""
    for account in accounts.values():
        device = second_factor.enrol(account.user)
        account.totp_secret = second_factor.secret(device)
        account.otpauth_url = device.config_url
        account.recovery_codes = second_factor.recovery_codes(account.user) or second_factor.new_recovery_codes(
            account.user
        )


def _account(username, reset_password, group=None, **flags):
    user = get_user_model().objects.filter(username=username).first()
    password = None
    if user is None:
        user = get_user_model()(username=username)
        password = _new_password(user)
    elif reset_password:
        password = _new_password(user)
    changed = password is not None or any(getattr(user, name) != value for name, value in flags.items())
    if changed:
        for name, value in flags.items():
            setattr(user, name, value)
        if password:
            user.set_password(password)
        user.save()
    if group and not user.groups.filter(name=group).exists():
        user.groups.add(Group.objects.get(name=group))
    return Account(user, password)


def _new_password(user):
    """A random password that the site's own password rules accept for this user."""
    while True:
        password = secrets.token_urlsafe(12)
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password
