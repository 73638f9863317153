"""PostgreSQL helpers for the end-to-end tests that need a real server.

The server comes from ``LANTERN_TEST_POSTGRES_URL`` (``scripts/postgres-start`` prints one; ``.ci/run`` exports it).
Without it these tests are skipped with a message; with ``LANTERN_REQUIRE_POSTGRES=1`` (CI) they fail instead.
"""

from __future__ import annotations

import os
import subprocess
import urllib.parse
import uuid
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
POSTGRES_CONFIG = REPO_ROOT / "config" / "production-postgres.yaml"


def postgres_url() -> str:
    """The test server's URL, or a skip (a failure when PostgreSQL is required)."""
    url = os.environ.get("LANTERN_TEST_POSTGRES_URL", "")
    if url:
        return url
    if os.environ.get("LANTERN_REQUIRE_POSTGRES") == "1":
        pytest.fail("LANTERN_REQUIRE_POSTGRES=1 but LANTERN_TEST_POSTGRES_URL is not set")
    pytest.skip("SKIPPED: needs PostgreSQL; set LANTERN_TEST_POSTGRES_URL (scripts/postgres-start prints one)")


def with_database(url: str, database: str) -> str:
    """``url`` pointing at another database of the same server."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


def psql(url: str, sql: str) -> str:
    """Runs one statement with psql and returns its unaligned output."""
    res = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, f"psql {sql!r}: exit {res.returncode}: {res.stderr}"
    return res.stdout.strip()


def fresh_database(url: str) -> str:
    """Creates an empty database on the test server and returns its URL."""
    name = "lantern_e2e_" + uuid.uuid4().hex[:12]
    psql(with_database(url, "postgres"), f"CREATE DATABASE {name}")
    return with_database(url, name)


def port_of(url: str) -> int:
    return urllib.parse.urlsplit(url).port or 5432
