"""Setting up two-factor sign-in, giving the code for this session, and the locked-out page."""

import django_otp
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import second_factor
from .forms import CodeForm


@require_http_methods(["GET", "POST"])
def second_factor_view(request):
    """One page for the three steps: set up the app, give a code for this session, or get new recovery codes."""
    user = request.user
    context = {
        **admin.site.each_context(request),
        "title": "Two-factor sign-in",
        "required": second_factor.required(user),
        "next": _next(request),
    }
    if second_factor.enrolled(user):
        if user.is_verified():
            return _manage(request, context)
        return _verify(request, context)
    return _set_up(request, context)


def _set_up(request, context):
    device = second_factor.pending_app(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            device = second_factor.confirm_app(device, form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            django_otp.login(request, device)
            messages.success(request, "Two-factor sign-in is on. Keep your recovery codes somewhere safe.")
            codes = second_factor.new_recovery_codes(request.user)
            return TemplateResponse(request, "admin/accounts/recovery_codes.html", {**context, "codes": codes})
    context.update(
        form=form,
        step="set-up",
        qr_code=second_factor.qr_code(device),
        secret=second_factor.secret(device),
        otpauth_url=device.config_url,
    )
    return TemplateResponse(request, "admin/accounts/second_factor.html", context)


def _verify(request, context):
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            device = second_factor.verify(request.user, form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            django_otp.login(request, device)
            return redirect(context["next"])
    context.update(form=form, step="verify")
    return TemplateResponse(request, "admin/accounts/second_factor.html", context)


def _manage(request, context):
    if request.method == "POST":
        codes = second_factor.new_recovery_codes(request.user)
        messages.success(request, "New recovery codes made; the old ones no longer work.")
        return TemplateResponse(request, "admin/accounts/recovery_codes.html", {**context, "codes": codes})
    context.update(step="on", codes_left=len(second_factor.recovery_codes(request.user)))
    return TemplateResponse(request, "admin/accounts/second_factor.html", context)


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("admin:index")


def locked_out(request, original_response=None, credentials=None):
    """What a locked-out login gets (AXES_LOCKOUT_CALLABLE): why, for how long, and whom to ask."""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in locked",
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return TemplateResponse(
        request, "admin/accounts/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    ).render()
