"""Outages degrade the site, never break it.

Redis down: every page still serves, from the database, and the outage is logged once.
The database down: a plain 503 with Retry-After. /healthz reports each service on its own.
Both outages are real: a cache at a closed port, a database at an address that does not answer.
"""

import itertools
import logging
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import OperationalError, connections
from django.test import Client

from drugsite import cache as tolerant_cache
from drugsite.errors import server_error
from monographs.models import DrugPage, SiteSettings

from .conftest import admin_url, change_form_data, logged_in, text_of

PUBLIC_URLS = ["/", "/drugs/", "/drugs/crizotinib/", "/search/?q=crizotinib", "/sitemap.xml", "/robots.txt"]

# Each test gets a location of its own, so each sees its outage begin (outages are kept by location).
_database_numbers = itertools.count()


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "drugsite.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:1/{next(_database_numbers)}",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }


@contextmanager
def database_unreachable():
    """The default database at an address where none answers, for the duration of the block.

    The test's open connection is put aside rather than closed: closing it would end the
    test's transaction (and drop SQLite's in-memory test database); it comes back after.
    """
    connection = connections["default"]
    saved = dict(connection.__dict__)
    if connection.vendor == "sqlite":
        unreachable = {"NAME": "/nonexistent-folder/db.sqlite3"}
    else:
        unreachable = {"HOST": "127.0.0.1", "PORT": "1"}
    connection.connection = None
    connection.settings_dict = {**connection.settings_dict, **unreachable}
    try:
        yield
    finally:
        connection.__dict__.clear()
        connection.__dict__.update(saved)


# Redis down --------------------------------------------------------------------------------


def test_every_page_serves_with_redis_down_and_the_outage_is_logged_once(
    redis_down, published_page, admin_user, caplog, monkeypatch
):
    # Try Redis on every call, as after each retry interval, so each request meets the outage.
    monkeypatch.setattr(tolerant_cache, "RETRY_SECONDS", 0)
    client = logged_in(admin_user)
    anonymous = Client()
    with caplog.at_level(logging.WARNING, logger="drugsite.cache"):
        for url in PUBLIC_URLS:
            response = anonymous.get(url)
            assert response.status_code == 200, url
        assert anonymous.get("/admin/login/").status_code == 200
        assert client.get("/admin/").status_code == 200
        assert client.get(admin_url(DrugPage, "change", published_page.pk)).status_code == 200

    assert "Crizotinib" in text_of(anonymous.get("/drugs/crizotinib/"))
    outage_logs = [record for record in caplog.records if record.name == "drugsite.cache"]
    assert len(outage_logs) == 1
    assert outage_logs[0].levelname == "ERROR"
    assert "127.0.0.1:1" in outage_logs[0].getMessage()


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server to start and stop one")
def test_redis_coming_back_is_used_again_and_logged_once(settings, caplog, monkeypatch):
    monkeypatch.setattr(tolerant_cache, "RETRY_SECONDS", 0)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {"BACKEND": "drugsite.cache.TolerantRedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0"}
    }
    with caplog.at_level(logging.WARNING, logger="drugsite.cache"):
        cache.set("greeting", "hello")
        assert cache.get("greeting") is None
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
        )
        try:
            deadline = time.monotonic() + 10
            while cache.get("greeting") != "hello" and time.monotonic() < deadline:
                time.sleep(0.05)
                cache.set("greeting", "hello")
            assert cache.get("greeting") == "hello"
        finally:
            server.terminate()
            server.wait()

    messages = [record.getMessage() for record in caplog.records if record.name == "drugsite.cache"]
    assert len(messages) == 2
    assert "unavailable" in messages[0]
    assert "available again" in messages[1]


def test_editor_saves_a_page_with_redis_down(redis_down, page, editor):
    client = logged_in(editor)
    data = change_form_data(client, page, **{"sections-0-body": "Crizotinib blocks ALK, ROS1 and MET."})
    assert client.post(admin_url(DrugPage, "change", page.pk), data).status_code == 302
    assert page.sections.get().body == "Crizotinib blocks ALK, ROS1 and MET."


def test_redis_down_costs_milliseconds(redis_down, published_page, client):
    started = time.monotonic()
    for _ in range(5):
        assert client.get("/drugs/crizotinib/").status_code == 200
    assert time.monotonic() - started < 2


def test_site_settings_still_show_with_redis_down(redis_down, db, client):
    SiteSettings.objects.create(organisation="Lung Cancer Drug Guide")
    assert "Lung Cancer Drug Guide" in text_of(client.get("/"))


# The database down -----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/drugs/crizotinib/", "/search/?q=crizotinib", "/sitemap.xml", "/admin/login/"])
def test_pages_answer_503_with_retry_after_when_the_database_is_down(published_page, client, url):
    with database_unreachable():
        response = client.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = text_of(response)
    assert "temporarily unavailable" in html
    assert "Traceback" not in html
    assert "Emergency?" in html


def test_logged_in_admin_gets_503_when_the_database_is_down(page, editor):
    client = logged_in(editor)
    with database_unreachable():
        response = client.get(admin_url(DrugPage, "change", page.pk))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"


def test_site_serves_again_when_the_database_is_back(published_page, client):
    with database_unreachable():
        assert client.get("/drugs/crizotinib/").status_code == 503
    response = client.get("/drugs/crizotinib/")
    assert response.status_code == 200
    assert "Crizotinib" in text_of(response)


def test_database_error_met_outside_a_view_is_a_503_too(rf):
    """handler500: a middleware (a session saved after the view) can meet the outage first."""
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(rf.get("/drugs/crizotinib/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"


def test_other_server_errors_stay_500(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/drugs/crizotinib/"))
    assert response.status_code == 500


# /healthz ----------------------------------------------------------------------------------


def test_healthz_reports_both_services_ok(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_with_redis_down_is_degraded_but_serving(redis_down, db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}


def test_healthz_with_the_database_down_answers_503(db, client):
    with database_unreachable():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "down", "cache": "ok"}


def test_healthz_answers_plain_http_probes_when_the_site_redirects_to_https(db, client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/drugs/").status_code == 301
