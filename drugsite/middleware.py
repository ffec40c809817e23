from django.http import HttpResponseBadRequest


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
