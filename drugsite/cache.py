"""Django's Redis cache, made an accelerator rather than a dependency.

With Redis down, unreachable or refusing writes, every operation answers as a cache miss
(a read gives its default, a write does nothing) and the page is built from the database
instead. The outage is logged once when it starts and once when Redis answers again, not
on every request; while it lasts, Redis is tried again only every few seconds, so a dead
or silent server costs a request nothing.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds between attempts to reach a server that failed.
RETRY_SECONDS = 5


class Outage:
    """Whether one Redis server is down; one per server and process, shared by its threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since = None
        self.next_attempt = 0.0

    def skip(self):
        """True while the server is down and not yet due to be tried again."""
        return self.down_since is not None and time.monotonic() < self.next_attempt

    def failed(self, location, error):
        with self.lock:
            now = time.monotonic()
            self.next_attempt = now + RETRY_SECONDS
            if self.down_since is None:
                self.down_since = now
                logger.error("Cache at %s is unavailable (%s); serving without it until it is back.", location, error)

    def succeeded(self, location):
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is not None:
                logger.warning(
                    "Cache at %s is available again after %.0f s.", location, time.monotonic() - self.down_since
                )
                self.down_since = None


_outages = {}
_outages_lock = threading.Lock()


def outage_of(location):
    with _outages_lock:
        return _outages.setdefault(location, Outage())


class TolerantRedisCache(RedisCache):
    """RedisCache whose failures are cache misses. Set OPTIONS socket_connect_timeout and
    socket_timeout to a fraction of a second (settings.py does), so a server that does not
    answer fails fast."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = ",".join(self._servers)
        self._outage = outage_of(self._location)

    def _attempt(self, operation, miss, *args):
        if self._outage.skip():
            return miss
        try:
            result = operation(*args)
        except RedisError as error:
            self._outage.failed(self._location, error)
            return miss
        self._outage.succeeded(self._location)
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._attempt(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._attempt(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._attempt(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._attempt(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._attempt(super().incr, missing, key, delta, version)
        if result is missing:
            # What a missing key gives (Django's contract for incr), which callers handle.
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that failed to be inserted.
        return self._attempt(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._attempt(super().delete_many, None, keys, version)

    def clear(self):
        return self._attempt(super().clear, False)
