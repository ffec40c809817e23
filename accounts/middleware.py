from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import second_factor


class SecondFactorGate:
    """Keeps a user who must sign in with a second factor, and has not in this session, out of the admin.

    Every admin page (the review screen and its approve and send-back actions among them)
    answers with a redirect to the page that sets up or asks for the second factor; the
    admin's login and logout stay open. Goes after django_otp's OTPMiddleware, which says
    whether the session was verified.
    """

    OPEN = {"login", "logout"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match.app_name != "admin" or match.url_name in self.OPEN:
            return None
        if not second_factor.must_verify(request.user):
            return None
        return redirect(f"{reverse('second_factor')}?{urlencode({'next': request.get_full_path()})}")
