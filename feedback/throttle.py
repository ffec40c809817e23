"""How many reports one address, and one page, may send in an hour.

Counted in the cache (Redis in production). The count is a guard against floods, not a
record: with the cache unreachable every report is accepted rather than refused.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

WINDOW_SECONDS = 60 * 60
PER_ADDRESS = 5
PER_PAGE = 30


def client_address(request):
    """The reader's address as the login throttle sees it (behind a load balancer too)."""
    callable_path = getattr(settings, "AXES_CLIENT_IP_CALLABLE", None)
    if callable_path:
        return import_string(callable_path)(request) or ""
    return request.META.get("REMOTE_ADDR", "")


def _count(key):
    """This report's number within the key's hour, or 0 when the cache cannot count."""
    try:
        cache.add(key, 0, timeout=WINDOW_SECONDS)
        return cache.incr(key)
    except ValueError:
        # The key is missing after add(): the cache is down (drugsite.cache) or evicted it.
        return 0


def refusal(request, publication):
    """Why this report is refused, or "" to accept it; counts the report either way."""
    address = hashlib.sha256(client_address(request).encode()).hexdigest()
    if _count(f"feedback:address:{address}") > PER_ADDRESS:
        return (
            f"You have sent {PER_ADDRESS} reports in the last hour, the most we accept from one connection. "
            "Please try again later."
        )
    if _count(f"feedback:page:{publication.pk}") > PER_PAGE:
        return "We have had many reports about this page in the last hour. Please try again later."
    return ""
