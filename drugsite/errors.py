"""Answers for requests the site cannot serve: a clear page with the right status, never a traceback.

- The database is unavailable: 503 with Retry-After (drugsite.middleware.DatabaseOutage
  for errors raised by a view, `server_error` for any raised elsewhere).
- A form larger than DATA_UPLOAD_MAX_MEMORY_SIZE: 413 naming the limit, instead of
  Django's bare "Bad Request (400)".
"""

import logging
import sys

import psycopg
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.views import defaults

from monographs.models import Section

logger = logging.getLogger(__name__)

# Django wraps the driver's errors in its own; psycopg's are listed for any raised unwrapped.
DATABASE_ERRORS = (OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError)

RETRY_AFTER_SECONDS = 60


def service_unavailable(error):
    """503 for a database outage, rendered without the request so that nothing reads the database."""
    logger.error("Database unavailable, answered 503: %s", error)
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500: a database outage met outside a view (in a middleware) is still a 503."""
    error = sys.exception()
    if isinstance(error, DATABASE_ERRORS):
        return service_unavailable(error)
    return defaults.server_error(request)


def bad_request(request, exception):
    """handler400: a form over the upload limit gets a page saying what the limit is."""
    if isinstance(exception, RequestDataTooBig):
        context = {
            "limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
            "section_limit": f"{Section.BODY_MAX_LENGTH:,}",
        }
        return render(request, "413.html", context, status=413)
    return defaults.bad_request(request, exception)
