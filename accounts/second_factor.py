"""Two-factor sign-in for staff: who must use it, setting it up, and checking a code.

The rule is here and nowhere else: with settings.STAFF_2FA_REQUIRED on, administrators
and medical reviewers (the people who sign off what the public reads) must sign in with
a second factor; anyone who has set one up (editors may) must use it. The second factor
is a code from an authenticator app (TOTP) or a one-time recovery code. The admin's
login form asks for it (accounts.forms), and accounts.middleware keeps a required user
who has not given one in this session to the page that sets one up (accounts.views).
"""

import io
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from reviews.workflow import REVIEWERS

APP_DEVICE = "Authenticator app"
RECOVERY_DEVICE = "Recovery codes"
RECOVERY_CODES = 10


def required(user):
    """Whether `user` must sign in with a second factor."""
    return bool(
        settings.STAFF_2FA_REQUIRED
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.groups.filter(name=REVIEWERS).exists())
    )


def enrolled(user):
    """Whether `user` has set up an authenticator app (and so must give a code to sign in)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_verify(user):
    """Whether this signed-in user has to give a second factor before going further.

    `user` is request.user, on which django_otp's middleware says whether this session
    was verified with a device.
    """
    return required(user) and not user.is_verified()


def verify(user, code):
    """The device that accepts `code` (a six-digit app code or a recovery code), used up; else ValidationError.

    A recovery code works once. Wrong codes slow down further tries (django-otp's throttling).
    """
    code = "".join((code or "").split()).lower()
    if code.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        if _accepts(device, code):
            return device
    raise ValidationError(
        "That code is wrong or has expired. Enter the current code from your authenticator app, "
        "or one of your recovery codes.",
        code="invalid_code",
    )


def _accepts(device, code):
    """Whether `device` accepts `code`; ValidationError while wrong codes have it wait."""
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            raise ValidationError(
                "Too many wrong codes: wait a minute, then try again with a new code.", code="throttled"
            )
        return device.verify_token(code)


def pending_app(user):
    """The authenticator app being set up: a new secret, kept until a code from it confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def confirm_app(device, code):
    """Turns on the pending authenticator app if `code` comes from it; else ValidationError."""
    code = "".join((code or "").split())
    if not (code.isdigit() and _accepts(device, code)):
        raise ValidationError(
            "That code does not match: check that the app's clock is right and enter the current code.",
            code="invalid_code",
        )
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
    device.refresh_from_db()
    return device


def enrol(user):
    """Sets up an authenticator app without asking for a code from it (load_demo --enrol-2fa)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=True)


def new_recovery_codes(user):
    """Replaces the user's recovery codes with new ones, returned to be shown once."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes(user):
    """The user's unused recovery codes."""
    return list(
        StaticToken.objects.filter(device__user=user, device__confirmed=True)
        .order_by("pk")
        .values_list("token", flat=True)
    )


def secret(device):
    """The device's key as typed into an authenticator app: base32, in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code(device):
    """The device's otpauth:// address as an inline SVG QR code, for an authenticator app to scan."""
    out = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(out)
    svg = out.getvalue().decode()
    # Markup that qrcode draws (paths only, no text) from our own address; nobody else's text is in it.
    return mark_safe(svg[svg.index("<svg") :])
