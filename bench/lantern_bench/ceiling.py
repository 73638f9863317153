"""Storage-engine ceiling: the bench's observation rows inserted straight into SQLite or PostgreSQL, without Lantern.

Every span Lantern stores becomes one observation row in a B-tree table with a primary key and four secondary
indexes. This measures what the engine alone needs for such rows on this machine, so that the OTLP figures can be read
against it: no HTTP, no protobuf, no merging, no trace rows, only 9 of the observation table's columns. It bounds
what Lantern can reach here, since Lantern does all of that on top.

- Rows: Lantern's observation key and indexed columns (the primary key `(project_id, id)` and the `by_trace`,
  `by_time`, `by_parent` and `by_model` indexes of both storage schemas), input and output texts from the bench's own
  generator and sizes, 10 spans per trace (a root and 9 children), random 16-byte trace and 8-byte span ids.
- Durability as Lantern's: one transaction per `group` rows (Lantern's commit groups at 32 clients average ~930
  spans), SQLite in WAL mode with `synchronous=FULL` and Lantern's page cache and checkpoint settings, PostgreSQL with
  its default fsync and synchronous commit and, as Lantern's migration 10, lz4 compression of the JSON columns.
- SQLite: Python's sqlite3 module (the same system libsqlite3 Lantern loads), `executemany` per transaction; the
  Python loop's own few microseconds per row are counted, far less than what Lantern does per span on top.
- PostgreSQL: `COPY … FROM STDIN` (CSV) per transaction, the engine's fastest load path, through psql from a file
  written beforehand; the time is psql's whole run.
"""
import csv
import json
import os
import random
import shutil
import sqlite3
import subprocess
import time

from . import payloads

PROJECT = "project-ceiling-0000001"
DISTINCT_TEXTS = 200

SQLITE_SCHEMA = """
CREATE TABLE observations (project_id TEXT NOT NULL, id TEXT NOT NULL, trace_id TEXT NOT NULL,
    parent_observation_id TEXT, start_time REAL NOT NULL, model TEXT, input TEXT, output TEXT, metadata TEXT NOT NULL,
    PRIMARY KEY (project_id, id));
CREATE INDEX observations_by_trace ON observations (project_id, trace_id, start_time, id);
CREATE INDEX observations_by_time ON observations (project_id, start_time, id);
CREATE INDEX observations_by_parent ON observations (project_id, parent_observation_id);
CREATE INDEX observations_by_model ON observations (project_id, model, start_time);
"""

POSTGRES_SCHEMA = """
CREATE TABLE observations (project_id TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL,
    trace_id TEXT COLLATE "C" NOT NULL, parent_observation_id TEXT COLLATE "C", start_time TIMESTAMPTZ NOT NULL,
    model TEXT, input JSONB, output JSONB, metadata JSONB NOT NULL, PRIMARY KEY (project_id, id));
CREATE INDEX observations_by_trace ON observations (project_id, trace_id, start_time, id);
CREATE INDEX observations_by_time ON observations (project_id, start_time DESC, id DESC);
CREATE INDEX observations_by_parent ON observations (project_id, parent_observation_id);
CREATE INDEX observations_by_model ON observations (project_id, model, start_time);
"""

# Lantern's PostgreSQL migration 10: lz4 TOAST compression where the server has it (else the ALTER fails, ignored).
POSTGRES_LZ4 = "ALTER TABLE observations ALTER COLUMN input SET COMPRESSION lz4, ALTER COLUMN output SET COMPRESSION lz4, " \
               "ALTER COLUMN metadata SET COMPRESSION lz4"


def _rows(count, text_bytes, seed=13):
    """`count` observation rows as (id, trace_id, parent_id, start seconds, model, input, output, metadata) tuples."""
    rng = random.Random(seed)
    texts = [payloads.messages(rng, *text_bytes) for _ in range(DISTINCT_TEXTS)]
    metadata = json.dumps({"scope": "ceiling", "attempt": 1})
    start = time.time() - 86_400
    for index in range(count):
        if index % 10 == 0:
            trace_id, root_id = os.urandom(16).hex(), os.urandom(8).hex()
        span_id = root_id if index % 10 == 0 else os.urandom(8).hex()
        yield (span_id, trace_id, None if index % 10 == 0 else root_id, start + index * 1e-3,
               rng.choice(payloads.MODELS), rng.choice(texts), rng.choice(texts), metadata)


def _result(rows, groups, seconds):
    return {"rows": rows, "transactions": groups, "seconds": seconds, "rows_per_s": rows / seconds,
            "us_per_row": seconds * 1e6 / rows}


def sqlite_ceiling(work, rows, group, text_bytes, writer_cache_kib=32_768, checkpoint_pages=16_384):
    """Inserts `rows` rows in transactions of `group` into a fresh SQLite file; the timing covers the transactions only."""
    path = os.path.join(work, "ceiling.sqlite")
    db = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=FULL", f"cache_size=-{writer_cache_kib}", "temp_store=MEMORY",
                       f"wal_autocheckpoint={checkpoint_pages}"):
            db.execute(f"PRAGMA {pragma}")
        db.executescript(SQLITE_SCHEMA)
        source = ((PROJECT,) + row for row in _rows(rows, text_bytes))
        batches = []
        while True:
            batch = [row for _, row in zip(range(group), source)]
            if not batch:
                break
            batches.append(batch)
        started = time.perf_counter()
        for batch in batches:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT INTO observations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
            db.execute("COMMIT")
        seconds = time.perf_counter() - started
        stored = db.execute("SELECT count(*) FROM observations").fetchone()[0]
    finally:
        db.close()
    if stored != rows:
        raise RuntimeError(f"SQLite ceiling: {stored} rows stored of {rows}")
    return _result(rows, len(batches), seconds)


def postgres_ceiling(store, work, rows, group, text_bytes):
    """COPYs `rows` rows in transactions of `group` into a fresh database of `store`; the timing covers psql's run."""
    url = store.fresh()["LANTERN_DATABASE_URL"]
    psql = shutil.which("psql")
    subprocess.run([psql, url, "-q", "-v", "ON_ERROR_STOP=1", "-c", POSTGRES_SCHEMA], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([psql, url, "-q", "-c", POSTGRES_LZ4], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    script = os.path.join(work, "ceiling-copy.sql")
    groups = 0
    with open(script, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        for index, (span_id, trace_id, parent_id, start, model, text_in, text_out, metadata) in enumerate(_rows(rows, text_bytes)):
            if index % group == 0:
                if index:
                    f.write("\\.\nCOMMIT;\n")
                f.write("BEGIN;\nCOPY observations FROM STDIN WITH (FORMAT csv, NULL '');\n")
                groups += 1
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(start)) + f".{int(start % 1 * 1e6):06d}Z"
            writer.writerow([PROJECT, span_id, trace_id, parent_id or "", stamp, model, text_in, text_out, metadata])
        f.write("\\.\nCOMMIT;\n")
    started = time.perf_counter()
    subprocess.run([psql, url, "-q", "-v", "ON_ERROR_STOP=1", "-f", script], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    os.remove(script)
    stored = subprocess.run([psql, url, "-tA", "-c", "SELECT count(*) FROM observations"], check=True,
                            stdout=subprocess.PIPE, text=True).stdout.strip()
    if stored != str(rows):
        raise RuntimeError(f"PostgreSQL ceiling: {stored} rows stored of {rows}")
    return _result(rows, groups, seconds)
