"""The identity migration (SQLite 11, PostgreSQL 12) keeps a database from before organizations working.

Each test starts the server on a fresh database, stores a trace, stops it, turns the database back into the shape the
previous schema gave it (and adds a second project and key the way that schema stored them), then starts the server
again. The migration must put every project and key in the default organization `lantern`, which it creates, give
each project an `updated_at` equal to its `created_at`, let a key have no project, and keep every key and the data
working. The SQLite test runs the dev profile without its `init` block (the migration alone); a last test runs the
whole dev profile, whose `init` organization `dev` then takes over the seeded project `dev` (the legacy one stays).
"""

from __future__ import annotations

import re
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from conftest import (REPO_ROOT, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY, Api, event, get_when, launch_server,
                      stop_server, uid)
from postgres_support import POSTGRES_CONFIG, fresh_database, postgres_url, psql

DEV_CONFIG = REPO_ROOT / "config" / "dev-sqlite.yaml"
SECONDS_FROM_UNIX_EPOCH_TO_2001 = 978_307_200
NEW_TABLES = ["organizations", "users", "organization_memberships", "project_memberships", "sign_in_sessions"]
# Tables of later migrations, dropped too, since the downgrade forgets every migration from the identity one on.
LATER_TABLES = ["evaluation_executions", "evaluation_rules", "evaluators", "llm_connections"]

# A project and a key stored as the previous schema stored them; the key takes the dev key's secret hash, so the
# dev secret authenticates it.
LEGACY_ROWS = """
    INSERT INTO projects (id, name, metadata, created_at) VALUES ('legacy-project', 'legacy', '{}', 12345.5);
    INSERT INTO api_keys (id, project_id, public_key, secret_hash, display_secret, created_at)
        SELECT 'key-legacy', 'legacy-project', 'pk-lf-legacy', secret_hash, display_secret, 12346.0
        FROM api_keys WHERE public_key = 'pk-lf-dev';
"""

SQLITE_DOWNGRADE = f"""
    {"".join(f"DROP TABLE {table};" for table in NEW_TABLES + LATER_TABLES)}
    CREATE TABLE projects_old (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL UNIQUE, metadata TEXT NOT NULL,
                               created_at REAL NOT NULL);
    INSERT INTO projects_old SELECT id, name, metadata, created_at FROM projects;
    DROP TABLE projects;
    ALTER TABLE projects_old RENAME TO projects;
    CREATE TABLE api_keys_old (id TEXT NOT NULL PRIMARY KEY, project_id TEXT NOT NULL, public_key TEXT NOT NULL UNIQUE,
                               secret_hash TEXT NOT NULL, display_secret TEXT NOT NULL, created_at REAL NOT NULL);
    INSERT INTO api_keys_old SELECT id, project_id, public_key, secret_hash, display_secret, created_at FROM api_keys;
    DROP TABLE api_keys;
    ALTER TABLE api_keys_old RENAME TO api_keys;
    CREATE INDEX api_keys_by_project ON api_keys (project_id);
    DELETE FROM schema_migrations WHERE version >= 11;
    {LEGACY_ROWS}
"""

POSTGRES_DOWNGRADE = f"""
    DROP TABLE {", ".join(NEW_TABLES + LATER_TABLES)};
    DROP INDEX projects_by_organization, api_keys_by_organization;
    ALTER TABLE projects DROP COLUMN organization_id, DROP COLUMN retention_days, DROP COLUMN updated_at;
    DELETE FROM api_keys WHERE project_id IS NULL;
    ALTER TABLE api_keys DROP COLUMN organization_id, DROP COLUMN note, DROP COLUMN last_used_at, DROP COLUMN expires_at,
        ALTER COLUMN project_id SET NOT NULL;
    DELETE FROM schema_migrations WHERE version >= 12;
    {LEGACY_ROWS}
"""


def without_init(tmp_path: Path) -> Path:
    """The dev profile without its `init` block: its project joins the default organization, as before identities."""
    text = re.sub(r"^init:\n(?:  .*\n)+", "", DEV_CONFIG.read_text(), flags=re.M)
    assert "init:" not in text and "projects:" in text, f"the dev profile's init block is gone:\n{text}"
    config = tmp_path / "dev-without-init.yaml"
    config.write_text(text)
    return config


def sqlite_query(database):
    """Runs one statement on the SQLite file and answers psql's `-At` text."""
    def query(sql: str) -> str:
        with closing(sqlite3.connect(database, isolation_level=None)) as db:
            return "\n".join("|".join("" if value is None else str(value) for value in row) for row in db.execute(sql).fetchall())
    return query


def store_trace(server) -> str:
    """Ingests a trace with the dev key and waits until it reads back; returns its id."""
    trace_id = uid()
    api = Api(server.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)
    api.ingest([event("trace-create", {"id": trace_id, "name": "before-migration"})])
    get_when(api, f"/api/public/traces/{trace_id}", "the trace stored before the migration")
    return trace_id


def check_migrated(server, query, version: int, trace_id: str) -> None:
    """The schema, rows and keys after the migration; `query` runs one statement and answers psql's `-At` text."""
    assert query(f"SELECT COUNT(*) FROM schema_migrations WHERE version = {version}") == "1", f"migration {version} applied"
    assert query("SELECT id || '|' || name FROM organizations") == "lantern|Lantern", "the default organization only"
    created = float(query("SELECT created_at FROM organizations"))
    assert abs(created - (time.time() - SECONDS_FROM_UNIX_EPOCH_TO_2001)) < 600, \
        f"the default organization was created now, in seconds since 2001: {created}"
    assert int(query("SELECT COUNT(*) FROM projects")) == 2, "both projects kept"
    assert query("SELECT COUNT(*) FROM projects WHERE organization_id <> 'lantern' OR updated_at <> created_at "
                 "OR retention_days IS NOT NULL") == "0", "every project in 'lantern', updated_at = created_at, no retention"
    assert query("SELECT COUNT(*) FROM api_keys WHERE organization_id <> 'lantern' OR note IS NOT NULL") == "0", \
        "every key in 'lantern', without a note"
    for table in NEW_TABLES[1:]:
        assert query(f"SELECT COUNT(*) FROM {table}") == "0", f"{table} created empty"
    query("INSERT INTO api_keys (id, project_id, public_key, secret_hash, display_secret, created_at) "
          "VALUES ('key-org', NULL, 'pk-lf-org', 'hash', '...', 1)")
    assert query("SELECT organization_id FROM api_keys WHERE id = 'key-org'") == "lantern", "a key without a project"

    api = Api(server.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)
    assert api.get_ok(f"/api/public/traces/{trace_id}")["name"] == "before-migration", "the trace reads back"
    projects = api.with_keys("pk-lf-legacy", DEFAULT_SECRET_KEY).get_ok("/api/public/projects", what="projects with the legacy key")
    assert [project["name"] for project in projects["data"]] == ["legacy"], f"the legacy key reaches its project: {projects}"


def downgraded_sqlite(tmp_path: Path) -> tuple[Path, dict, str]:
    """A SQLite file the dev profile (without `init`) wrote a trace to, turned back into the previous schema's shape:
    (file, the server's environment for it, the trace's id)."""
    database = tmp_path / "lantern.sqlite"
    env = {"LANTERN_SQLITE_PATH": str(database)}
    server = launch_server(without_init(tmp_path), tmp_path, env)
    trace_id = store_trace(server)
    stop_server(server)
    with closing(sqlite3.connect(database, isolation_level=None)) as db:
        db.executescript(f"BEGIN; {SQLITE_DOWNGRADE} COMMIT;")
    return database, env, trace_id


def test_sqlite_migration_11_keeps_projects_keys_and_data(tmp_path):
    database, env, trace_id = downgraded_sqlite(tmp_path)
    server = launch_server(without_init(tmp_path), tmp_path, env)
    try:
        check_migrated(server, sqlite_query(database), 11, trace_id)
        with closing(sqlite3.connect(database)) as db:
            nullable = db.execute("SELECT \"notnull\" FROM pragma_table_info('api_keys') WHERE name = 'project_id'").fetchone()
            indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('api_keys', 'projects')")}
        assert nullable == (0,), "api_keys.project_id is nullable"
        assert {"api_keys_by_project", "api_keys_by_organization", "projects_by_organization"} <= indexes, f"indexes: {indexes}"
    finally:
        stop_server(server)


def test_sqlite_dev_profile_takes_its_seeded_project_into_its_organization(tmp_path):
    database, env, trace_id = downgraded_sqlite(tmp_path)
    server = launch_server(DEV_CONFIG, tmp_path, env)
    try:
        query = sqlite_query(database)
        assert query("SELECT id FROM organizations ORDER BY id") == "dev\nlantern", "the migration's `lantern` and the profile's `dev`"
        assert query("SELECT id || '|' || organization_id FROM projects ORDER BY id") == "dev|dev\nlegacy-project|lantern", \
            "the seeded project moved into `dev`; the legacy project stays in `lantern`"
        api = Api(server.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)
        assert api.get_ok(f"/api/public/traces/{trace_id}")["name"] == "before-migration", "the trace reads back"
        project = api.get_ok("/api/public/projects")["data"]
        assert [(p["id"], p["organization"]["id"]) for p in project] == [("dev", "dev")], f"the dev key's project: {project}"
        sign_in = Api(server.base_url, "", "").request("POST", "/api/auth/sign-in", auth=False,
                                                       json_body={"email": "dev@lantern.local", "password": "lantern-dev-1"})
        assert sign_in[0] == 200 and sign_in[1]["organizations"] == [{"id": "dev", "role": "OWNER"}], f"the dev user: {sign_in}"
        keys = query("SELECT public_key || '|' || organization_id FROM api_keys WHERE project_id IS NOT NULL ORDER BY public_key")
        assert keys == "pk-lf-dev|dev\npk-lf-legacy|lantern", f"each project key is in its project's organization: {keys!r}"
    finally:
        stop_server(server)


def test_postgres_migration_12_keeps_projects_keys_and_data(tmp_path):
    database = fresh_database(postgres_url())
    env = {"LANTERN_DATABASE_URL": database}
    server = launch_server(POSTGRES_CONFIG, tmp_path, env)
    trace_id = store_trace(server)
    stop_server(server)
    psql(database, f"BEGIN; {POSTGRES_DOWNGRADE} COMMIT;")

    server = launch_server(POSTGRES_CONFIG, tmp_path, env)
    try:
        check_migrated(server, lambda sql: psql(database, sql), 12, trace_id)
    finally:
        stop_server(server)
