"""/healthz, for load balancers: the database and the cache, each reported on its own.

200 while the database answers, even with the cache down (the site then serves, only
slower: "degraded"); 503 when the database does not, since no page can be served.
"""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .errors import DATABASE_ERRORS


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DATABASE_ERRORS:
        return "down"
    return "ok"


def cache_status():
    """A value written and read back (a key of its own: several servers ask at once).

    The cache backend answers a failure as a miss, so a value not read back means down.
    """
    key = f"healthz-{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    found = cache.get(key)
    cache.delete(key)
    return "ok" if found == "ok" else "down"


@never_cache
@require_safe
def healthz(request):
    checks = {"database": database_status(), "cache": cache_status()}
    if checks["database"] != "ok":
        status = "down"
    elif checks["cache"] != "ok":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse({"status": status, **checks}, status=503 if status == "down" else 200)
