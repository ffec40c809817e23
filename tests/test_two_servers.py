"""Two app servers on one database and one Redis: a sign-off, a scheduled go-live or a
withdrawal made anywhere is served by both within a second, though both had the page in
their cache (each worker its own copy in memory, and the shared one in Redis).

Two gunicorn servers run the site as in production (DEBUG=0) on a database of their own
(an SQLite file, or a PostgreSQL database made for the test and dropped after), loaded
with the demo; the workflow runs in a separate process, as an editor's request would.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
FALLBACK_REDIS = "redis://127.0.0.1:6379/4"
PAGE = "/drugs/crizotinib/"
MARKER = "Twoserversmarker"
SCHEDULED_MARKER = "Twoserversscheduled"

SIGN_OFF = """
import datetime
from django.contrib.auth.models import User
from django.utils import timezone
from monographs.models import DrugPage, Section
from reviews import workflow

page = DrugPage.objects.get(slug="crizotinib")
section = page.sections.order_by("order").first()
Section.objects.filter(pk=section.pk).update(body=section.body + "\\n\\n{marker} text.")
submission = workflow.submit(page, User.objects.get(username="editor"), summary="A change for two servers")
reviewer = User.objects.get(username="reviewer")
reviewer.set_password("a-password-for-two-servers")
reviewer.save()
workflow.approve(
    submission,
    reviewer,
    override_reason="A test of two servers.",
    password="a-password-for-two-servers",
    go_live_at=timezone.now() + datetime.timedelta(hours=1) if {scheduled} else None,
)
"""

# What a scheduled job does when the go-live time has come (here: as if two hours had passed).
GO_LIVE = """
import datetime
from django.utils import timezone
from reviews import workflow

assert workflow.publish_scheduled(now=timezone.now() + datetime.timedelta(hours=2))
"""

WITHDRAW = """
from django.contrib.auth.models import User
from monographs.models import DrugPage
from reviews import workflow

workflow.withdraw(DrugPage.objects.get(slug="crizotinib"), User.objects.get(username="reviewer"), "Out of date.")
"""


def redis_url():
    url = os.environ.get("REDIS_URL") or FALLBACK_REDIS
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip(f"needs a Redis answering at {url} (set REDIS_URL)")
    return url


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def own_database(tmp_path):
    """A DATABASE_URL for a new database of the vendor the tests run on, and a way to drop it."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'two-servers.sqlite3'}", lambda: None
    import psycopg

    params = connection.get_connection_params()
    name = f"two_servers_{uuid.uuid4().hex[:12]}"
    admin = {key: params[key] for key in ("host", "port", "user", "password") if params.get(key)}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    password = f":{params['password']}" if params.get("password") else ""
    address = f"{params.get('host', '')}:{params.get('port', 5432)}"
    return f"postgres://{params.get('user', '')}{password}@{address}/{name}", drop


def manage(environment, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr


def fetch(base, path=PAGE):
    """The status, the HTML and how the page cache answered."""
    try:
        with urllib.request.urlopen(base + path, timeout=5) as response:
            return response.status, response.read().decode(), response.headers.get("X-Page-Cache")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers.get("X-Page-Cache")


def wait_until_serving(server, base, log):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            if fetch(base, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"{base} did not start serving")


def served_by_both_within_a_second(bases, expected):
    """Each server's answers from now on, until all match `expected` or a second has passed."""
    deadline = time.monotonic() + 1
    while True:
        answers = [fetch(base) for base in bases]
        if all(expected(status, html) for status, html, _ in answers) or time.monotonic() > deadline:
            return answers


def test_a_sign_off_a_go_live_and_a_withdrawal_reach_both_servers_within_a_second(tmp_path):
    url, drop = own_database(tmp_path)
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": redis_url(),
        # Keys of their own, so nothing another run left in this Redis database is read.
        "CACHE_KEY_PREFIX": f"two-servers-{uuid.uuid4().hex[:8]}",
        "SECRET_KEY": "two-servers-test-key",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PUBLIC_PAGE_CACHE": "1",
    }
    servers = []
    try:
        manage(environment, "migrate", "--noinput", "-v0")
        manage(environment, "load_demo")
        bases, logs = [], []
        for number in range(2):
            port = free_port()
            command = [str(ROOT / ".venv/bin/gunicorn"), "drugsite.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"]
            logs.append(tmp_path / f"server-{number}.log")
            with logs[-1].open("w") as log:
                servers.append(subprocess.Popen(command, cwd=ROOT, env=environment, stderr=log, stdout=log))
            bases.append(f"http://127.0.0.1:{port}")
        for server, base, log in zip(servers, bases, logs, strict=True):
            wait_until_serving(server, base, log)

        for base in bases:
            answers = [fetch(base) for _ in range(4)]
            assert all(status == 200 and MARKER not in html for status, html, _ in answers)
            assert answers[-1][2] == "hit", "the page is served from the cache before the change"

        manage(environment, "shell", "-c", SIGN_OFF.format(marker=MARKER, scheduled=False))
        answers = served_by_both_within_a_second(bases, lambda status, html: status == 200 and MARKER in html)
        assert [(status, MARKER in html) for status, html, _ in answers] == [(200, True), (200, True)]

        manage(environment, "shell", "-c", SIGN_OFF.format(marker=SCHEDULED_MARKER, scheduled=True))
        time.sleep(1)
        answers = [fetch(base) for base in bases for _ in range(3)]
        assert all(MARKER in html and SCHEDULED_MARKER not in html for _, html, _ in answers), "not before its time"
        manage(environment, "shell", "-c", GO_LIVE)
        answers = served_by_both_within_a_second(bases, lambda status, html: SCHEDULED_MARKER in html)
        assert [(status, SCHEDULED_MARKER in html) for status, html, _ in answers] == [(200, True), (200, True)]

        manage(environment, "shell", "-c", WITHDRAW)
        answers = served_by_both_within_a_second(bases, lambda status, html: status == 410)
        assert [status for status, _, _ in answers] == [410, 410]
        assert all("Out of date." in html for _, html, _ in answers)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        drop()
