"""Published pages served from the cache, never older than what the database holds.

A publication does not change after sign-off, so its rendered page is kept in Django's
cache (Redis in production, shared by every app server). A stored page is served only
while two things still match, both checked on every request:

- the generation, a number in the cache that moves on whenever anything a public page
  shows changes: a publication written or deleted (sign-off, scheduled go-live,
  withdrawal), the site settings, a reviewer's profile (public/apps.py connects the
  receivers). It stands for what a page shows of the rest of the site, such as its related
  pages, and every server reads it, so the next request anywhere renders afresh;
- the publication's stamp: its row's identity and dates, read by one indexed query, so a
  change that sent no signal (a bulk update, a restored backup) is not served stale either.

With the cache unreachable the generation cannot be read, and the page is rendered as
before; so it is inside a database transaction, which may read its own uncommitted
writes. A page whose HTML holds something of the request (a CSP nonce, a CSRF token, the
session) is not stored. `PUBLIC_PAGE_CACHE=0` turns storing off; the headers for browsers
and a CDN (ETag, Cache-Control, and Last-Modified while the generation is known) stay.
"""

import hashlib
import time
from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpResponse
from django.urls import get_resolver
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from reviews.models import Publication

GENERATION_KEY = "public-pages:generation"
# A bound on how long a page outlives a change whose invalidation was lost while the cache
# was unreachable: as long as the site settings keep themselves in the cache.
ENTRY_SECONDS = 300
# What the page shows of its publication's row besides the snapshot (which the content hash stands for).
STAMP_FIELDS = ("pk", "content_hash", "signoff_id", "last_reviewed_at", "last_updated_at", "review_due", "withdrawn_at")


def generation():
    """The current generation, or None when the cache cannot be read.

    Its value is the time of the last change in nanoseconds, so it also dates the pages.
    """
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Evicted or flushed: start again from now, later than any generation a stored page holds.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    return value


def publications_changed():
    """Move the generation on: each public page renders afresh on its next request, on every server."""
    now = time.time_ns()
    current = cache.get(GENERATION_KEY)
    try:
        # By the time elapsed, keeping the value a time; incr makes it new even when two servers race.
        cache.incr(GENERATION_KEY, max(1, now - current) if current else 1)
    except ValueError:
        # Missing (or the cache is down, when this does nothing and ENTRY_SECONDS bounds the staleness).
        cache.set(GENERATION_KEY, now, None)


def shown_data_changed(sender, using=None, **kwargs):
    """Receiver for a change of anything public pages show: the generation moves on once it
    is committed, so a page rendered before then, on any server, is not served after."""
    transaction.on_commit(publications_changed, using=using, robust=True)


class Entry(NamedTuple):
    """A rendered page as stored (as a plain tuple, which any version of this code can read),
    with what it must still match to be served."""

    generation: int
    stamp: tuple
    content: bytes
    headers: tuple
    etag: str
    last_modified: int  # seconds since the epoch

    @classmethod
    def stored(cls, value):
        return cls._make(value) if isinstance(value, tuple) and len(value) == len(cls._fields) else None

    def response(self):
        return HttpResponse(self.content, headers=dict(self.headers))


def stamp_of(values):
    return tuple(str(value) for value in values)


def cached_page(lookup, kind=None):
    """Decorate a view of one publication to serve it from the cache, with conditional requests.

    The view is called as `view(request, publication)`, with the first row of
    `lookup(kind, slug)` or None. The address gives the slug and the kind, or `kind` does
    for an address that does not name it (a drug page's question sheet). The lookup is
    built only to render: a stored page is checked by a query of its own, much cheaper to build.
    """

    def decorator(view):
        name = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def serve(request, **kwargs):
            address = {"kind": kwargs.get("kind", kind), "slug": kwargs["slug"]}
            try:
                response = _serve(request, view, lookup, address, _key(name, request, address))
            except Http404 as error:
                if settings.DEBUG:
                    raise
                response = get_resolver().resolve_error_handler(404)(request, exception=error)
            if response.status_code != 200:
                # A withdrawn or missing page may come back: not kept long anywhere.
                patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_GONE_MAX_AGE)
            return response

        return serve

    return decorator


def _key(name, request, address):
    # The page shows its own address in full (the canonical link), so scheme and host are part of it.
    parts = [name, request.scheme, request.get_host(), address["kind"], address["slug"]]
    return "public-page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _serve(request, view, lookup, address, key):
    if not settings.PUBLIC_PAGE_CACHE:
        current, status = None, "off"
    elif transaction.get_connection().in_atomic_block:
        # What a transaction reads may be its own uncommitted writes, or older than a change
        # it has made whose generation moves on only at commit (tests run inside one).
        current, status = None, "bypass"
    else:
        current = generation()
        status = "unavailable" if current is None else "miss"
    if current is not None:
        entry = Entry.stored(cache.get(key))
        if (
            entry
            and entry.generation == current
            and entry.stamp == stamp_of(Publication.objects.filter(**address).values_list(*STAMP_FIELDS).first() or ())
        ):
            response = entry.response()
            response["X-Page-Cache"] = "hit"
            return _conditional(request, response, entry.etag, entry.last_modified)
    publication = lookup(**address).first()
    response = view(request, publication)
    if response.status_code != 200:
        return response
    etag = f'"{publication.content_hash[:12]}-{hashlib.sha256(response.content).hexdigest()[:20]}"'
    if current is None:
        response["X-Page-Cache"] = status
        return _conditional(request, response, etag, None)
    if _holds_request(request, response):
        response["X-Page-Cache"] = "uncacheable"
        return _conditional(request, response, etag, None)
    stamp = stamp_of(getattr(publication, field) for field in STAMP_FIELDS)
    # The later of the publication's last review and the last change anywhere it shows.
    last_modified = max(int(publication.last_reviewed_at.timestamp()), current // 1_000_000_000)
    entry = Entry(current, stamp, response.content, tuple(response.items()), etag, last_modified)
    cache.set(key, tuple(entry), ENTRY_SECONDS)
    response["X-Page-Cache"] = status
    return _conditional(request, response, etag, last_modified)


def _holds_request(request, response):
    """Whether the page holds something of this request, which no other request may be served."""
    return bool(
        getattr(request, "_csp_nonce", None)  # a LazyNonce is true once a template used it
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or getattr(getattr(request, "session", None), "accessed", False)
        or response.cookies
        or response.has_header("Vary")
    )


def _conditional(request, response, etag, last_modified):
    """Validators and Cache-Control of a public page, and a 304 when the client's copy is current."""
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PUBLIC_PAGE_MAX_AGE,
        stale_while_revalidate=settings.PUBLIC_PAGE_STALE_WHILE_REVALIDATE,
    )
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
