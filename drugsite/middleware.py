from django.http import HttpResponseBadRequest

from .errors import DATABASE_ERRORS, service_unavailable


class RejectNulBytesInAdmin:
    """Answer 400 to an admin address whose query holds a NUL byte.

    No admin filter, search or autocomplete value can mean one, and PostgreSQL refuses
    it in text, which would surface as a server error from Django's own list filters.
    Public search handles it itself, with a message for the reader.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest("A NUL character is not allowed in an address.", content_type="text/plain")
        return self.get_response(request)


class DatabaseOutage:
    """Answer 503 with Retry-After, not 500, when the database cannot be reached.

    A view (and the template it renders) is where a request first touches the database;
    a plain page says to come back soon. Connections are health-checked, so the site
    recovers on its own once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return service_unavailable(exception)
        return None
