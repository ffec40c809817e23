"""Backups round-trip exactly: `dbbackup` then `dbrestore` into a fresh database gives back
every sign-off, hash, revision and timestamp as it was, to the microsecond.

The restore runs `manage.py dbrestore` in a separate process pointed at a new, empty
database, as an operator would on a new server; both databases are then read table by
table in their own text form (PostgreSQL's row-to-text keeps microseconds and JSON as
stored), so nothing is compared through a serializer that could round.
"""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from demo.loader import load_demo
from reviews.models import SignOff

from .conftest import FAST_HASHERS

ROOT = Path(__file__).resolve().parent.parent


def table_contents(cursor, tables, quote):
    contents = {}
    for table in tables:
        name = quote(table)
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT t::text FROM {name} AS t ORDER BY 1")
        else:
            cursor.execute(f"SELECT * FROM {name} ORDER BY 1")
        contents[table] = [tuple(row) for row in cursor.fetchall()]
    return contents


def fresh_database(tmp_path):
    """A DATABASE_URL for a new, empty database of the same vendor, and a way to read it and drop it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        # Read with the column types Django's backend reads them with (its converters are global).
        types = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
        return f"sqlite:///{path}", lambda: sqlite3.connect(path, detect_types=types), lambda: None
    import psycopg

    params = connection.get_connection_params()
    name = f"restore_{uuid.uuid4().hex[:12]}"
    admin = {key: params[key] for key in ("host", "port", "user", "password") if params.get(key)}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    user = params.get("user", "")
    password = f":{params['password']}" if params.get("password") else ""
    url = f"postgres://{user}{password}@{params.get('host', '')}:{params.get('port', 5432)}/{name}"
    return url, lambda: psycopg.connect(dbname=name, **admin), drop


# serialized_rollback: the roles a migration made come back for the tests after this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_then_restore_into_a_fresh_database_is_exact(tmp_path, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    load_demo()
    # Sign-offs made through the workflow, their times finer than milliseconds (dumpdata
    # would round them).
    assert any(signoff.signed_at.microsecond % 1000 for signoff in SignOff.objects.all())

    backup = tmp_path / "site.backup"
    call_command("dbbackup", "--noinput", "--output-path", str(backup))
    assert backup.stat().st_size > 0

    tables = sorted(connection.introspection.table_names())
    with connection.cursor() as cursor:
        before = table_contents(cursor, tables, connection.ops.quote_name)

    url, connect, drop = fresh_database(tmp_path)
    try:
        environment = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": settings.SECRET_KEY, "DEBUG": "0"}
        if connection.vendor == "sqlite":
            # The restore writes the backup over the database file, which must exist first.
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=environment, check=True
            )
        result = subprocess.run(
            [sys.executable, "manage.py", "dbrestore", "--noinput", "--input-path", str(backup)],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        restored_connection = connect()
        try:
            after = table_contents(restored_connection.cursor(), tables, connection.ops.quote_name)
        finally:
            restored_connection.close()
    finally:
        drop()

    assert {table: len(rows) for table, rows in after.items()} == {table: len(rows) for table, rows in before.items()}
    for table in tables:
        assert after[table] == before[table], f"{table} differs after the restore"
    assert before["reviews_signoff"] and before["reversion_version"] and before["reviews_publication"]
