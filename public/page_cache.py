"""Published pages served from the cache, never more than a second older than what the database holds.

A publication does not change after sign-off, so its rendered page is kept: in Django's
cache (Redis in production, shared by every app server) and, for the pages each server
process serves most, in the process's own memory, where serving it costs no query and no
trip to Redis. A stored page is served only while two things still match:

- the generation, a number in the cache that moves on whenever anything a public page
  shows changes: a publication written or deleted (sign-off, scheduled go-live,
  withdrawal), the site settings, a reviewer's profile (public/apps.py connects the
  receivers). It stands for what a page shows of the rest of the site, such as its related
  pages. A process reads it from the cache at most every GENERATION_TRUST_SECONDS, and at
  once after a change it made itself, so a change made on any server is served everywhere
  within that time;
- the publication's stamp: its row's identity and dates, read by one indexed query when
  the page is stored and again once its copy is ROW_TRUST_SECONDS old, so a change that
  sent no signal (a bulk update, a restored backup) is not served for longer than that.

With the cache unreachable the generation cannot be read, and every page is rendered as
before; once it answers again, a process that saw it down moves the generation on, since a
change made meanwhile could not. A request inside a database transaction, which may read
its own uncommitted writes, or from someone signed in (carrying a session cookie) is
rendered and not stored, and so is a page whose HTML holds something of the request (a CSP
nonce, a CSRF token, the session). `PUBLIC_PAGE_CACHE=0` turns storing off; the headers for
browsers and a CDN (ETag, Cache-Control, and Last-Modified while the generation is known) stay.
"""

import hashlib
import sys
import threading
import time
from collections import OrderedDict
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
# A bound on how long a page outlives a change whose invalidation was lost (the cache was
# unreachable, or each process has a cache of its own without Redis): stored pages, and each
# process's copies, last this long; as long as the site settings keep themselves in the cache.
ENTRY_SECONDS = 300
# How long a process serves from what it last read of the generation, and from the
# publication's row as it last read it: both well under the second within which a change
# must be served everywhere.
GENERATION_TRUST_SECONDS = 0.2
ROW_TRUST_SECONDS = 0.5
# Memory each process gives its own copies of pages (a page is some 70 KB).
MEMORY_BYTES = 32 * 1024 * 1024
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
    _known.forget()


def shown_data_changed(sender, using=None, **kwargs):
    """Receiver for a change of anything public pages show: the generation moves on once it
    is committed, so a page rendered before then, on any server, is not served after."""
    transaction.on_commit(publications_changed, using=using, robust=True)


class KnownGeneration:
    """This process's last reading of the generation, trusted for GENERATION_TRUST_SECONDS."""

    def __init__(self):
        self.reading = (None, float("-inf"))  # (value, when read); replaced whole, so threads see one or the other
        self.missed = False  # the cache did not answer since the last reading

    def current(self):
        value, read_at = self.reading
        now = time.monotonic()
        if value is not None and now - read_at < GENERATION_TRUST_SECONDS:
            return value
        value = generation()
        if value is None:
            self.missed = True
            self.reading = (None, float("-inf"))
            return None
        if self.missed:
            # A change made while the cache was down could not move the generation on.
            self.missed = False
            publications_changed()
            value = generation()
        self.reading = (value, now)
        return value

    def forget(self):
        self.reading = (None, float("-inf"))


_known = KnownGeneration()


class Entry(NamedTuple):
    """A rendered page as stored (as a plain tuple, which any version of this code can read),
    with what it must still match to be served."""

    generation: int
    stamp: tuple
    content: bytes
    headers: tuple  # the view's, and the validators and Cache-Control every copy is served with
    etag: str
    last_modified: int  # seconds since the epoch

    @classmethod
    def stored(cls, value):
        return cls._make(value) if isinstance(value, tuple) and len(value) == len(cls._fields) else None

    def response(self):
        response = HttpResponse(self.content, headers=dict(self.headers))
        response["X-Page-Cache"] = "hit"
        return response


class Copy(NamedTuple):
    entry: Entry
    checked_at: float  # time.monotonic() when the publication's row was last seen to match
    kept_at: float  # time.monotonic() when it was rendered or read from the cache


class Memory:
    """This process's copies of stored pages, least recently used first out, within MEMORY_BYTES."""

    def __init__(self):
        self.copies = OrderedDict()
        self.lock = threading.Lock()
        self.size = 0

    def get(self, key):
        """The copy at `key`, unless it is older than a stored page may be (ENTRY_SECONDS)."""
        with self.lock:
            copy = self.copies.get(key)
            if copy is None or time.monotonic() - copy.kept_at > ENTRY_SECONDS:
                return None
            self.copies.move_to_end(key)
            return copy

    def keep(self, key, entry, checked_at, kept_at=None):
        cost = sys.getsizeof(key) + sys.getsizeof(entry.content)
        with self.lock:
            old = self.copies.pop(key, None)
            if old is not None:
                self.size -= sys.getsizeof(key) + sys.getsizeof(old.entry.content)
                if kept_at is None and old.entry is entry:
                    kept_at = old.kept_at  # checked again, not renewed
            if cost > MEMORY_BYTES:
                return
            self.copies[key] = Copy(entry, checked_at, checked_at if kept_at is None else kept_at)
            self.size += cost
            while self.size > MEMORY_BYTES:
                old_key, old = self.copies.popitem(last=False)
                self.size -= sys.getsizeof(old_key) + sys.getsizeof(old.entry.content)

    def clear(self):
        with self.lock:
            self.copies.clear()
            self.size = 0


memory = Memory()


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
    elif settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Someone signed in (an editor checking a sign-off) sees the page as the database has it now.
        current, status = None, "private"
    else:
        current = _known.current()
        status = "unavailable" if current is None else "miss"
    if current is not None:
        entry = _stored(key, address, current)
        if entry is not None:
            return get_conditional_response(
                request, etag=entry.etag, last_modified=entry.last_modified, response=entry.response()
            )
    checked_at = time.monotonic()
    publication = next(iter(lookup(**address)[:1]), None)
    response = view(request, publication)
    if response.status_code != 200:
        return response
    etag = f'"{publication.content_hash[:12]}-{hashlib.sha256(response.content).hexdigest()[:20]}"'
    if current is None or _holds_request(request, response):
        last_modified = None
        if current is not None:
            status = "uncacheable"
    else:
        # The later of the publication's last review and the last change anywhere it shows.
        last_modified = max(int(publication.last_reviewed_at.timestamp()), current // 1_000_000_000)
    _validate(response, etag, last_modified)
    if last_modified is not None:
        stamp = stamp_of(getattr(publication, field) for field in STAMP_FIELDS)
        entry = Entry(current, stamp, response.content, tuple(response.items()), etag, last_modified)
        cache.set(key, tuple(entry), ENTRY_SECONDS)
        memory.keep(key, entry, checked_at)
    response["X-Page-Cache"] = status
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


def _stored(key, address, current):
    """The stored page at `key` if it may still be served: this process's copy, else the shared one."""
    copy = memory.get(key)
    if copy is not None and copy.entry.generation == current:
        if time.monotonic() - copy.checked_at < ROW_TRUST_SECONDS:
            return copy.entry
        entry = copy.entry
    else:
        entry = Entry.stored(cache.get(key))
        if entry is None or entry.generation != current:
            return None
    checked_at = time.monotonic()
    if entry.stamp != _stamp(address):
        return None
    memory.keep(key, entry, checked_at)
    return entry


def _stamp(address):
    return stamp_of(Publication.objects.filter(**address).values_list(*STAMP_FIELDS).first() or ())


def _holds_request(request, response):
    """Whether the page holds something of this request, which no other request may be served."""
    return bool(
        getattr(request, "_csp_nonce", None)  # a LazyNonce is true once a template used it
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or getattr(getattr(request, "session", None), "accessed", False)
        or response.cookies
        or response.has_header("Vary")
    )


def _validate(response, etag, last_modified):
    """The validators and Cache-Control of a public page, for browsers and a CDN."""
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PUBLIC_PAGE_MAX_AGE,
        stale_while_revalidate=settings.PUBLIC_PAGE_STALE_WHILE_REVALIDATE,
    )
