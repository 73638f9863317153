"""Storage-engine reference rates: the bench's observation rows inserted straight into SQLite or PostgreSQL.

Every span Lantern stores becomes one observation row in a B-tree table with a primary key and five secondary
indexes. This measures what the engine needs for such rows on this machine when nothing else runs, so that the OTLP
figures can be read against it: no HTTP, no protobuf, no merging, no trace rows, 11 of the observation table's columns.
Each engine runs three times:
- "indexed": the observation table's primary key and five indexes, as Lantern's schemas have them;
- "trace index": the same rows in the engine's cheapest durable form (PostgreSQL: text columns, lz4 where the server
  has it, as JSONB's parsing costs more) with one index, `(project_id, trace_id)`: the least a store needs to find a
  trace's spans again, as `GET /api/public/traces/{id}` does;
- "no index": that table without the index. No design that stores each span's texts durably as a row of its own in
  that engine can pay less per span than this, and it cannot even find a trace's rows.

- Rows: the primary key `(project_id, id)` and the `by_trace`, `by_time`, `by_parent`, `by_model` and (partial,
  empty here) `by_prompt` indexes of both storage schemas, with their columns' types; input and output texts from the
  bench's own generator and sizes; 10 spans per trace (a root and 9 children); random 16-byte trace and 8-byte span
  ids, as OTel SDKs make them (the load bodies' ids instead grow in order from ~1,000 starting points).
- Durability as Lantern's: one transaction per `group` rows (Lantern's commit groups at 32 clients average ~930
  spans on SQLite), SQLite in WAL mode with `synchronous=FULL` and Lantern's page size, page cache and checkpoint settings,
  PostgreSQL with its default fsync and synchronous commit and, as Lantern's migration 10, lz4 compression of the
  JSON columns where the server has it.
- SQLite: Python's sqlite3 module (its library version is recorded), `executemany` per transaction; the Python loop's
  own few microseconds per row are counted.
- PostgreSQL: `COPY … FROM STDIN` (CSV) per transaction, the engine's fastest load path, in one session through psql
  from a file written beforehand (Lantern may run two write transactions at once); the time is psql's whole run.
"""
import csv
import json
import os
import random
import sqlite3
import subprocess
import time

from . import payloads
from .server import psql_path

PROJECT = "project-ceiling-0000001"
DISTINCT_TEXTS = 200
# A new file's page size and the writer connection's page cache and WAL checkpoint size in
# Plugins/SQLiteStorage/Sources/Storage/Database.swift.
SQLITE_PAGE_BYTES = 16_384
SQLITE_WRITER_CACHE_KIB = 32_768
SQLITE_CHECKPOINT_BYTES = 64 << 20

SQLITE_INDEXED_SCHEMA = """
CREATE TABLE observations (project_id TEXT NOT NULL, id TEXT NOT NULL, trace_id TEXT NOT NULL,
    parent_observation_id TEXT, start_time REAL NOT NULL, model TEXT, prompt_name TEXT, prompt_version INTEGER,
    input TEXT, output TEXT, metadata TEXT NOT NULL, PRIMARY KEY (project_id, id));
CREATE INDEX observations_by_trace ON observations (project_id, trace_id, start_time, id);
CREATE INDEX observations_by_time ON observations (project_id, start_time, id);
CREATE INDEX observations_by_parent ON observations (project_id, parent_observation_id);
CREATE INDEX observations_by_model ON observations (project_id, model, start_time);
CREATE INDEX observations_by_prompt ON observations (project_id, prompt_name, prompt_version, start_time)
    WHERE prompt_name IS NOT NULL;
"""

POSTGRES_INDEXED_SCHEMA = """
CREATE TABLE observations (project_id TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL,
    trace_id TEXT COLLATE "C" NOT NULL, parent_observation_id TEXT COLLATE "C", start_time DOUBLE PRECISION NOT NULL,
    model TEXT COLLATE "C", prompt_name TEXT COLLATE "C", prompt_version INTEGER, input JSONB, output JSONB,
    metadata JSONB NOT NULL, PRIMARY KEY (project_id, id));
CREATE INDEX observations_by_trace ON observations (project_id, trace_id, start_time, id);
CREATE INDEX observations_by_time ON observations (project_id, start_time DESC, id DESC);
CREATE INDEX observations_by_parent ON observations (project_id, parent_observation_id);
CREATE INDEX observations_by_model ON observations (project_id, model, start_time);
CREATE INDEX observations_by_prompt ON observations (project_id, prompt_name, prompt_version, start_time DESC)
    WHERE prompt_name IS NOT NULL;
"""

# The table layouts sqlite_ceiling and postgres_ceiling take (their schemas: SQLITE_SCHEMAS, POSTGRES_SCHEMAS).
LAYOUTS = ("indexed", "trace index", "no index")
TRACE_INDEX = "CREATE INDEX observations_by_trace ON observations (project_id, trace_id);"

SQLITE_UNINDEXED_SCHEMA = """
CREATE TABLE observations (project_id TEXT NOT NULL, id TEXT NOT NULL, trace_id TEXT NOT NULL,
    parent_observation_id TEXT, start_time REAL NOT NULL, model TEXT, prompt_name TEXT, prompt_version INTEGER,
    input TEXT, output TEXT, metadata TEXT NOT NULL);
"""

POSTGRES_UNINDEXED_SCHEMA = """
CREATE TABLE observations (project_id TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL,
    trace_id TEXT COLLATE "C" NOT NULL, parent_observation_id TEXT COLLATE "C", start_time DOUBLE PRECISION NOT NULL,
    model TEXT COLLATE "C", prompt_name TEXT COLLATE "C", prompt_version INTEGER, input TEXT, output TEXT,
    metadata TEXT NOT NULL);
"""

# The schema of each layout, by layout name.
SQLITE_SCHEMAS = {"indexed": SQLITE_INDEXED_SCHEMA, "trace index": SQLITE_UNINDEXED_SCHEMA + TRACE_INDEX,
                  "no index": SQLITE_UNINDEXED_SCHEMA}
POSTGRES_SCHEMAS = {"indexed": POSTGRES_INDEXED_SCHEMA, "trace index": POSTGRES_UNINDEXED_SCHEMA + TRACE_INDEX,
                    "no index": POSTGRES_UNINDEXED_SCHEMA}

# Lantern's PostgreSQL migration 10: lz4 TOAST compression; fails (and is reported as not applied) without lz4.
POSTGRES_LZ4 = "ALTER TABLE observations ALTER COLUMN input SET COMPRESSION lz4, ALTER COLUMN output SET COMPRESSION lz4, " \
               "ALTER COLUMN metadata SET COMPRESSION lz4"


def _rows(count, text_bytes, seed=13):
    """`count` rows as (id, trace_id, parent_id, start seconds, model, input, output, metadata) tuples."""
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


def _result(rows, groups, seconds, **details):
    """The figures of one run: rows, transactions, seconds, rows/s, µs per row, plus `details` (engine facts)."""
    return dict(rows=rows, transactions=groups, seconds=seconds, rows_per_s=rows / seconds, us_per_row=seconds * 1e6 / rows,
                **details)


def _sqlite_batches(rows, group, text_bytes):
    """The rows as SQLite parameter tuples, in lists of `group`."""
    source = ((PROJECT, span_id, trace_id, parent_id, start, model, None, None, text_in, text_out, metadata)
              for span_id, trace_id, parent_id, start, model, text_in, text_out, metadata in _rows(rows, text_bytes))
    batches = []
    while batch := [row for _, row in zip(range(group), source)]:
        batches.append(batch)
    return batches


def _timed_inserts(db, batches, begin, insert):
    """Seconds to run every batch through `insert` (executemany), one `begin` … COMMIT transaction per batch."""
    started = time.perf_counter()
    for batch in batches:
        db.execute(begin)
        db.executemany(insert, batch)
        db.execute("COMMIT")
    return time.perf_counter() - started


def sqlite_binding_cost(rows, group, text_bytes):
    """µs per row that Python's loop and sqlite3's parameter binding take alone (an in-memory INSERT … WHERE 0 that
    stores nothing): the part of the SQLite runs' time that is not the engine's."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db.execute("CREATE TABLE observations (a, b, c, d, e, f, g, h, i, j, k)")
        seconds = _timed_inserts(db, _sqlite_batches(rows, group, text_bytes), "BEGIN",
                                 "INSERT INTO observations SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE 0")
        return seconds * 1e6 / rows
    finally:
        db.close()


def sqlite_ceiling(work, rows, group, text_bytes, layout):
    """Inserts `rows` rows in transactions of `group` into a new SQLite file with the table `layout` (one of
    LAYOUTS); times the transactions, removes the file."""
    path = os.path.join(work, "ceiling.sqlite")
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute(f"PRAGMA page_size={SQLITE_PAGE_BYTES}")
        if db.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() != "wal":
            raise RuntimeError("SQLite ceiling: WAL journal mode is not available")
        for pragma in ("synchronous=FULL", f"cache_size=-{SQLITE_WRITER_CACHE_KIB}", "temp_store=MEMORY",
                       f"wal_autocheckpoint={SQLITE_CHECKPOINT_BYTES // SQLITE_PAGE_BYTES}"):
            db.execute(f"PRAGMA {pragma}")
        db.executescript(SQLITE_SCHEMAS[layout])
        batches = _sqlite_batches(rows, group, text_bytes)
        seconds = _timed_inserts(db, batches, "BEGIN IMMEDIATE", "INSERT INTO observations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        stored = db.execute("SELECT count(*) FROM observations").fetchone()[0]
    finally:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    if stored != rows:
        raise RuntimeError(f"SQLite ceiling: {stored} rows stored of {rows}")
    return _result(rows, len(batches), seconds, engine=f"SQLite {sqlite3.sqlite_version}",
                   table=layout, text_bytes=_text_bytes(batches))


def _text_bytes(batches):
    """Bytes of input and output text per row."""
    rows = [row for batch in batches for row in batch]
    return sum(len(row[8]) + len(row[9]) for row in rows) / len(rows)


def _copy_script(path, rows, group, text_bytes):
    """Writes the psql script: `BEGIN; COPY … FROM STDIN` with `group` CSV rows, `\\.`, `COMMIT;`, …; returns the
    groups and the bytes of input and output text per row."""
    groups, texts = 0, 0
    with open(path, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        for index, (span_id, trace_id, parent_id, start, model, text_in, text_out, metadata) in enumerate(_rows(rows, text_bytes)):
            if index % group == 0:
                if index:
                    f.write("\\.\nCOMMIT;\n")
                f.write("BEGIN;\nCOPY observations FROM STDIN WITH (FORMAT csv, NULL '');\n")
                groups += 1
            texts += len(text_in) + len(text_out)
            writer.writerow([PROJECT, span_id, trace_id, parent_id or "", repr(start), model, "", "", text_in, text_out,
                             metadata])
        f.write("\\.\nCOMMIT;\n")
    return groups, texts / rows


def postgres_ceiling(store, work, rows, group, text_bytes, layout):
    """COPYs `rows` rows in transactions of `group` into a new database of `store` with the table `layout` (one of
    LAYOUTS); times psql's run of the script."""
    url = store.fresh()["LANTERN_DATABASE_URL"]
    psql = psql_path()
    subprocess.run([psql, url, "-q", "-v", "ON_ERROR_STOP=1", "-c", POSTGRES_SCHEMAS[layout]],
                   check=True, stdout=subprocess.DEVNULL)
    lz4 = subprocess.run([psql, url, "-q", "-c", POSTGRES_LZ4], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
    script = os.path.join(work, "ceiling-copy.sql")
    try:
        groups, texts = _copy_script(script, rows, group, text_bytes)
        started = time.perf_counter()
        subprocess.run([psql, url, "-q", "-v", "ON_ERROR_STOP=1", "-f", script], check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
    finally:
        if os.path.exists(script):
            os.remove(script)
    stored = subprocess.run([psql, url, "-tA", "-c", "SELECT count(*) FROM observations"], check=True,
                            stdout=subprocess.PIPE, text=True).stdout.strip()
    if stored != str(rows):
        raise RuntimeError(f"PostgreSQL ceiling: {stored} rows stored of {rows}")
    version = subprocess.run([psql, url, "-tA", "-c", "SHOW server_version"], check=True, stdout=subprocess.PIPE,
                             text=True).stdout.strip()
    return _result(rows, groups, seconds, engine=f"PostgreSQL {version.split()[0]}, lz4 {'on' if lz4 else 'not available'}",
                   table=layout, text_bytes=texts)
