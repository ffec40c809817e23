"""What `make bench` measures, guarded against large regressions (never against a figure:
the machine may be busy). The page cache's rules of freshness are tests/test_page_cache.py's
and tests/test_two_servers.py's; here, what a request costs.

The page cache stores and serves pages only outside a database transaction, so these tests
commit (transaction=True, with the migrations' roles brought back after each).
"""

import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from monographs.rendering import render_cache
from public import page_cache

from .conftest import publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DRUG_PAGE = "/drugs/crizotinib/"
COMPARISON = "/compare/crizotinib-vs-alectinib/"
BENCHMARK_REQUESTS = 200


@pytest.fixture(autouse=True)
def _no_copies_in_memory():
    page_cache.memory.clear()
    page_cache.publications_changed()
    yield
    page_cache.memory.clear()


@pytest.fixture
def published(published_page, comparison, editor, reviewer):
    publish(comparison, editor, reviewer)
    return [DRUG_PAGE, COMPARISON, f"{DRUG_PAGE}questions/"]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


def test_a_page_served_from_the_cache_costs_no_query(client, published):
    for url in published:
        assert client.get(url)["X-Page-Cache"] == "miss"
        response, queries = queries_of(client, url)
        assert response["X-Page-Cache"] == "hit"
        assert queries == 0, url


def test_a_page_rendered_afresh_costs_at_most_three_queries(client, published, settings):
    settings.PUBLIC_PAGE_CACHE = False
    for url in published:
        client.get(url)  # the site settings are cached after the first page
        response, queries = queries_of(client, url)
        assert response["X-Page-Cache"] == "off"
        assert queries <= 3, url


def test_a_page_rendered_afresh_renders_its_snapshot_once(client, published, settings):
    """What is made of the snapshot alone is kept by its hash: the next render adds nothing to keep."""
    settings.PUBLIC_PAGE_CACHE = False
    first = client.get(COMPARISON).content
    kept = render_cache.size
    assert client.get(COMPARISON).content == first
    assert render_cache.size == kept


def test_the_ceiling_is_only_in_the_bench_run(client, published):
    """scripts/bench_urls.py adds it on the bench's own server; the site has no such address."""
    assert client.get("/bench/ceiling/").status_code == 404


def requests_per_second(client, count):
    started = time.perf_counter()
    for _ in range(count):
        assert client.get(DRUG_PAGE).status_code == 200
    return count / (time.perf_counter() - started)


def test_benchmark_a_cached_page_is_served_many_times_faster(published, settings, capsys):
    client = Client()
    settings.PUBLIC_PAGE_CACHE = False
    client.get(DRUG_PAGE)
    uncached = requests_per_second(client, BENCHMARK_REQUESTS)
    settings.PUBLIC_PAGE_CACHE = True
    client.get(DRUG_PAGE)
    cached = requests_per_second(client, BENCHMARK_REQUESTS)
    with capsys.disabled():
        print(
            f"\n{DRUG_PAGE} through the test client, {BENCHMARK_REQUESTS} requests each on {connection.vendor}: "
            f"PUBLIC_PAGE_CACHE=0 {uncached:.0f} req/s, cached {cached:.0f} req/s ({cached / uncached:.1f}x)"
        )
    # A guard against a large regression, not a measurement: the figures vary from run to run.
    assert cached >= 3 * uncached
