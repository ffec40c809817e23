"""The site's addresses, and the ceiling `make bench` measures the pages against: a view
that returns the drug page's bytes from memory, through the same middleware.

scripts/bench saves the page it got from the server at BENCH_CEILING_FILE, then asks for
/bench/ceiling/; each worker reads the file once.
"""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from drugsite.urls import handler400, handler500
from drugsite.urls import urlpatterns as site_urlpatterns


@cache
def page_bytes():
    return Path(os.environ["BENCH_CEILING_FILE"]).read_bytes()


def ceiling(request):
    return HttpResponse(page_bytes(), content_type="text/html; charset=utf-8")


# Last, like the public pages: finding the view costs it what it costs them.
urlpatterns = [*site_urlpatterns, path("bench/ceiling/", ceiling)]
__all__ = ["urlpatterns", "handler400", "handler500"]
