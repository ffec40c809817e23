"""What is derived from all publications at once (the browse index, the feeds), kept in the cache
until a publication changes.

The key holds public.page_cache's generation, which moves on, on every server, whenever a
publication is written or deleted (a sign-off, a go-live, a withdrawal); so a stored value
is never served after the change it would miss. Without a readable cache, or inside a
transaction (which may see its own uncommitted publications), the value is computed afresh.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction

from . import page_cache

SECONDS = page_cache.ENTRY_SECONDS


def derived(name, build):
    """build(), or the value it returned since the publications last changed."""
    if transaction.get_connection().in_atomic_block:
        return build()
    generation = page_cache.generation()
    if generation is None:
        return build()
    key = f"derived:{generation}:" + hashlib.sha256(name.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, SECONDS)
    return value
