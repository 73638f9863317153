"""The dev profile's SQLite file: a new file is created with 16 KiB pages in WAL mode; a file made with another page
size keeps it, and the server still stores into it and reads from it after a restart."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from conftest import (REPO_ROOT, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY, Api, event, get_when, launch_server,
                      stop_server, uid)

DEV_CONFIG = REPO_ROOT / "config" / "dev-sqlite.yaml"


def file_format(path) -> tuple[int, str]:
    """(page size in bytes, journal mode) of the SQLite file at `path`."""
    with closing(sqlite3.connect(path)) as db:
        return db.execute("PRAGMA page_size").fetchone()[0], db.execute("PRAGMA journal_mode").fetchone()[0]


def api_of(server) -> Api:
    """A client of `server` with the dev project's keys."""
    return Api(server.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)


def store_trace(api: Api) -> str:
    """Ingests one trace (larger than a 4 KiB page) and waits until it reads back; returns its id."""
    trace_id = uid()
    api.ingest([event("trace-create", {"id": trace_id, "name": "page-size", "input": "x" * 6000})])
    get_when(api, f"/api/public/traces/{trace_id}", "the stored trace")
    return trace_id


def test_a_new_file_gets_16_kib_pages_and_an_existing_file_keeps_its_page_size(tmp_path):
    database = tmp_path / "lantern.sqlite"
    env = {"LANTERN_SQLITE_PATH": str(database)}
    server = launch_server(DEV_CONFIG, tmp_path, env)
    first = store_trace(api_of(server))
    stop_server(server)
    assert file_format(database) == (16384, "wal"), "a new database file: 16 KiB pages, WAL journal"

    # The same file rewritten with SQLite's default 4 KiB pages, as a file made before this setting would be.
    with closing(sqlite3.connect(database, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA page_size=4096")
        db.execute("VACUUM")
    assert file_format(database) == (4096, "delete")

    server = launch_server(DEV_CONFIG, tmp_path, env)
    api = api_of(server)
    second = store_trace(api)
    assert api.get_ok(f"/api/public/traces/{first}")["id"] == first, "the trace stored before the rewrite reads back"
    stop_server(server)
    assert file_format(database) == (4096, "wal"), "an existing file keeps its page size and is switched to WAL"

    server = launch_server(DEV_CONFIG, tmp_path, env)
    api = api_of(server)
    for trace_id in (first, second):
        assert api.get_ok(f"/api/public/traces/{trace_id}")["id"] == trace_id, "both traces read back after a restart"
    stop_server(server)
