"""Staff accounts: login lockout (django-axes), two-factor sign-in (django-otp), password rules."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from demo.accounts import enrol_second_factor, load_accounts
from reviews import workflow
from reviews.models import SignOff
from tests.conftest import logged_in, make_user, text_of

PASSWORD = "a-long-test-password"
LOGIN = reverse("admin:login")
ENROL = reverse("second_factor")


def log_in(client, username, password=PASSWORD, code="", address="127.0.0.1"):
    return client.post(
        LOGIN, {"username": username, "password": password, "code": code, "next": "/admin/"}, REMOTE_ADDR=address
    )


def is_logged_in(client):
    return "_auth_user_id" in client.session


def code_from(device):
    """What the authenticator app shows now for `device`."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def review_url(submission):
    return reverse("admin:reviews_submission_review", args=[submission.pk])


@pytest.fixture
def submission(page, editor):
    return workflow.submit(page, editor, summary="First version")


@pytest.fixture
def second_factor_required(settings):
    settings.STAFF_2FA_REQUIRED = True


# Lockout ---------------------------------------------------------------------------------------


def test_nine_wrong_passwords_do_not_lock_the_account(client, reviewer):
    for _ in range(9):
        assert log_in(client, "reviewer", "wrong password").status_code == 200
    assert log_in(client, "reviewer").status_code == 302
    assert is_logged_in(client)


def test_ten_wrong_passwords_lock_the_account_until_an_administrator_unlocks_it(client, reviewer, admin_user):
    for _ in range(10):
        log_in(client, "reviewer", "wrong password")

    response = log_in(client, "reviewer")
    assert response.status_code == 429
    assert not is_logged_in(client)
    page = text_of(response)
    assert "This account is locked" in page
    assert "60 minutes" in page
    assert "contact an administrator" in page
    # From anywhere: the lock is on the account.
    assert log_in(Client(), "reviewer", address="192.0.2.44").status_code == 429

    attempts = logged_in(admin_user).get(reverse("admin:axes_accessattempt_changelist"))
    assert attempts.status_code == 200
    assert "reviewer" in text_of(attempts)

    call_command("axes_reset_username", "reviewer")
    assert log_in(client, "reviewer").status_code == 302
    assert is_logged_in(client)


def test_ten_failures_from_one_address_lock_that_address(client, editor):
    for n in range(10):
        log_in(client, f"guess{n}", "wrong password", address="203.0.113.9")

    response = log_in(client, "editor", address="203.0.113.9")
    assert response.status_code == 429
    assert "This account is locked" in text_of(response)
    assert not is_logged_in(client)
    other = Client()
    assert log_in(other, "editor", address="203.0.113.10").status_code == 302, "other addresses stay open"

    call_command("axes_reset_ip", "203.0.113.9")
    assert log_in(client, "editor", address="203.0.113.9").status_code == 302
    assert is_logged_in(client)


def test_axes_reset_unlocks_everyone(client, editor):
    for _ in range(10):
        log_in(client, "editor", "wrong password")
    assert AccessAttempt.objects.exists()

    call_command("axes_reset")

    assert not AccessAttempt.objects.exists()
    assert log_in(client, "editor").status_code == 302


def test_a_login_without_a_request_is_not_throttled(client, editor):
    """The test client's login() (and a shell's authenticate()) has no address to count against."""
    assert not client.login(username="editor", password="wrong password")
    assert client.login(username="editor", password=PASSWORD)
    assert not AccessAttempt.objects.exists()


# Two-factor sign-in ----------------------------------------------------------------------------


def enrolled(user):
    device = second_factor.enrol(user)
    return device, second_factor.new_recovery_codes(user)


def test_reviewer_without_a_second_factor_cannot_reach_the_review_screen(
    client, second_factor_required, reviewer, submission
):
    assert log_in(client, "reviewer").status_code == 302

    for response in (
        client.get(review_url(submission)),
        client.post(reverse("admin:reviews_submission_approve", args=[submission.pk]), {"comment": "Fine."}),
        client.get(reverse("admin:index")),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL)
    assert not SignOff.objects.exists()


def test_administrator_without_a_second_factor_is_sent_to_set_one_up(second_factor_required, admin_user):
    response = logged_in(admin_user).get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL)


def test_editor_needs_no_second_factor(client, second_factor_required, editor, submission):
    log_in(client, "editor")
    assert client.get(review_url(submission)).status_code == 200
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert f'href="{ENROL}"' in text_of(index), "editors may set it up all the same"
    assert client.get(ENROL).context["step"] == "set-up"


def test_without_the_setting_a_reviewer_needs_no_second_factor(client, reviewer, submission):
    log_in(client, "reviewer")
    assert client.get(review_url(submission)).status_code == 200


def test_reviewer_sets_up_an_authenticator_app_then_reaches_the_review_screen(
    client, second_factor_required, reviewer, submission
):
    log_in(client, "reviewer")
    response = client.get(ENROL, {"next": review_url(submission)})
    assert response.status_code == 200
    assert "<svg" in text_of(response)
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    assert response.context["secret"].replace(" ", "") in device.config_url
    assert client.get(review_url(submission)).status_code == 302, "not on until a code from the app confirms it"

    wrong = client.post(ENROL, {"code": "000000", "next": review_url(submission)})
    assert "does not match" in text_of(wrong)
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next one wait a second
    done = client.post(ENROL, {"code": code_from(device), "next": review_url(submission)})

    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    assert second_factor.enrolled(reviewer)
    assert client.get(review_url(submission)).status_code == 200


def test_reviewer_with_an_authenticator_app_signs_in_with_its_code(
    client, second_factor_required, reviewer, submission
):
    device, _ = enrolled(reviewer)

    without = log_in(client, "reviewer")
    assert "Enter the code from your authenticator app" in text_of(without)
    wrong = log_in(client, "reviewer", code="123456" if code_from(device) != "123456" else "654321")
    assert "wrong or has expired" in text_of(wrong)
    assert not is_logged_in(client)
    assert "Too many wrong codes" in text_of(log_in(client, "reviewer", code=code_from(device)))

    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next one wait a second
    assert log_in(client, "reviewer", code=code_from(device)).status_code == 302
    assert client.get(review_url(submission)).status_code == 200


def test_a_recovery_code_works_once(second_factor_required, reviewer, submission):
    _, codes = enrolled(reviewer)

    first = Client()
    assert log_in(first, "reviewer", code=codes[0].upper()).status_code == 302
    assert first.get(review_url(submission)).status_code == 200

    second = Client()
    refused = log_in(second, "reviewer", code=codes[0])
    assert "wrong or has expired" in text_of(refused)
    assert not is_logged_in(second)
    StaticDevice.objects.get(user=reviewer).throttle_reset()  # a wrong code makes the next one wait a second
    assert log_in(second, "reviewer", code=codes[1]).status_code == 302
    assert second_factor.recovery_codes(reviewer) == codes[2:]


def test_a_session_without_the_code_gives_it_on_the_second_factor_page(second_factor_required, reviewer, submission):
    device, old_codes = enrolled(reviewer)
    client = logged_in(reviewer)  # signed in without the second factor, as before it was set up
    assert client.get(review_url(submission))["Location"].startswith(ENROL)

    response = client.post(ENROL, {"code": code_from(device), "next": review_url(submission)})
    assert response.status_code == 302
    assert response["Location"] == review_url(submission)
    assert client.get(review_url(submission)).status_code == 200

    renewed = client.post(ENROL)
    assert len(renewed.context["codes"]) == 10
    assert second_factor.recovery_codes(reviewer) == renewed.context["codes"]
    assert not set(old_codes) & set(renewed.context["codes"])


def test_an_enrolled_editor_must_give_the_code_even_when_not_required(client, editor):
    enrolled(editor)
    response = log_in(client, "editor")
    assert "Enter the code from your authenticator app" in text_of(response)
    assert not is_logged_in(client)


def test_demo_accounts_can_be_enrolled_and_sign_in_with_the_printed_key(client, db, settings):
    settings.STAFF_2FA_REQUIRED = True
    accounts = load_accounts()
    enrol_second_factor(accounts)
    reviewer = accounts["reviewer"]
    device = TOTPDevice.objects.get(user=reviewer.user, confirmed=True)
    assert reviewer.totp_secret.replace(" ", "") in device.config_url
    assert len(reviewer.recovery_codes) == 10

    assert log_in(client, "reviewer", reviewer.password, code=code_from(device)).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200

    enrol_second_factor(accounts)  # a second run keeps the key
    assert TOTPDevice.objects.filter(user=reviewer.user).count() == 1


def test_an_administrator_sees_devices_without_their_keys_and_deletes_a_lost_one(admin_user, reviewer):
    device, codes = enrolled(reviewer)
    recovery = StaticDevice.objects.get(user=reviewer)
    client = logged_in(admin_user)

    app_page = text_of(client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])))
    codes_page = text_of(client.get(reverse("admin:otp_static_staticdevice_change", args=[recovery.pk])))
    assert "reviewer" in app_page
    assert device.key not in app_page
    assert not any(code in codes_page for code in codes)

    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert not second_factor.enrolled(reviewer), "the reviewer can now set up a new phone"


def test_load_demo_prints_keys_only_when_asked(db, capsys):
    call_command("load_demo")
    assert "authenticator key" not in capsys.readouterr().out
    assert not TOTPDevice.objects.exists()

    call_command("load_demo", "--enrol-2fa")
    out = capsys.readouterr().out

    for username in ("admin", "editor", "reviewer"):
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        assert second_factor.secret(device) in out
        assert device.config_url in out
    assert out.count("recovery codes:") == 3


# Passwords ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["editor2editor2", "EDITOR2-correct-horse", "horse.2rotide.battery"])
def test_a_password_built_from_the_user_name_is_rejected(db, password):
    user = make_user("editor2")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert "user name" in str(refused.value)


def test_a_good_password_is_accepted(db):
    validate_password("plum-harbour-vessel-42", make_user("editor2"))


def test_demo_passwords_pass_the_rules(db):
    for account in load_accounts().values():
        validate_password(account.password, account.user)
        assert User.objects.get(username=account.username).check_password(account.password)
