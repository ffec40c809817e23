from axes.backends import AxesStandaloneBackend


class LoginThrottle(AxesStandaloneBackend):
    """django-axes' lockout check (AXES_* settings), for every login made through a request.

    Login forms pass the request (the admin's does). authenticate() without one is code
    running in-process, such as the test client's login() or a shell: there is no address
    to count failures against, so the other backends decide alone.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def forwarded_client_address(request):
    """The client's address behind one load balancer: the last one in X-Forwarded-For.

    The load balancer appends the address it saw; anything before it came from the
    client and could be made up to dodge the lockout by address.
    """
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-1] if forwarded else request.META.get("REMOTE_ADDR")
