"""The AuditLog plugin: every audited mutation recorded with its caller, request id, address and user agent, no
secret stored, read and exported by organization admins; `lantern audit verify` names a record edited, deleted or
swapped by hand; fail-closed refuses a mutation (503, nothing applied) while the log cannot write, best-effort queues
it; two servers on one PostgreSQL database keep one linear chain."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import CONFIG_PATH, Api, launch_server, stop_server, uid
from evaluation_support import storage_env, uses_postgres
from identity_support import org_key, run_cli
from postgres_support import fresh_database, postgres_url


def audit_config(tmp_path: Path, mode: str = "failClosed") -> Path:
    """The profile under test with the audit log: its own SQLite file, or the main PostgreSQL database."""
    where = "url: ${LANTERN_DATABASE_URL}" if uses_postgres() else f"path: {tmp_path / 'audit.sqlite'}"
    config = tmp_path / "audit.yaml"
    config.write_text(CONFIG_PATH.read_text().replace(
        "plugins:\n", f"plugins:\n  audit:\n    load: AuditLog\n    settings: {{ {where}, mode: {mode} }}\n", 1))
    return config


def tamper(server, sql: str) -> None:
    """Changes the log's rows by hand, as an intruder with database access would."""
    if uses_postgres():
        subprocess.run(["psql", server.env["LANTERN_DATABASE_URL"], "-qc", sql], check=True, capture_output=True)
    else:
        with sqlite3.connect(Path(server.workdir) / "audit.sqlite") as db:
            db.execute(sql)


def verify(server) -> subprocess.CompletedProcess:
    return run_cli(server, "audit", "verify")


@pytest.fixture
def served(tmp_path):
    env = storage_env(tmp_path)
    server = launch_server(audit_config(tmp_path), tmp_path, env)
    yield server
    stop_server(server)


def organization_api(server) -> Api:
    public, secret = org_key(server, "dev" if not uses_postgres() else "lantern")
    api = Api(server.base_url, public, secret)
    api.secret = secret
    return api


def records(api: Api, **params) -> list[dict]:
    status, body = api.get("/api/public/audit-logs", params)
    assert status == 200, f"GET audit-logs: {status} {body}"
    return body["data"]


def test_mutations_are_recorded_with_their_context_and_no_secret(served):
    project = Api(served.base_url, "pk-lf-dev", "sk-lf-dev")
    status, config = project.request("POST", "/api/public/score-configs", json_body={"name": f"audited-{uid()[:6]}", "dataType": "NUMERIC"},
                                     headers={"User-Agent": "audit-test/1.0", "X-Request-Id": "req-audit-1", "X-Forwarded-For": "203.0.113.7"})
    assert status == 200, config
    admin = organization_api(served)
    found = [r for r in records(admin, action="scoreConfig.created") if r["resourceId"] == config["id"]]
    assert len(found) == 1, f"one record for the mutation: {found}"
    record = found[0]
    assert record["actor"] == "apiKey:pk-lf-dev" and record["requestId"] == "req-audit-1", record
    assert record["userAgent"] == "audit-test/1.0" and record["clientAddress"] == "203.0.113.7", record
    assert record["after"]["name"] == config["name"] and len(record["hash"]) == 64, record
    created_keys = records(admin, action="apiKey.created")
    assert created_keys, "the organization key's creation is recorded"
    assert admin.secret not in json.dumps(records(admin, limit=1000)), f"a secret key reached the audit log: {created_keys}"
    status, export = admin.request("GET", "/api/public/audit-logs", params={"format": "jsonl"})
    lines = [json.loads(line) for line in (export if isinstance(export, str) else "").splitlines() if line]
    assert status == 200 and [line["sequence"] for line in lines] == list(range(1, len(lines) + 1)), f"JSON lines export: {status} {export!r}"
    page = records(admin, limit=1)
    following = records(admin, limit=1, cursor=page[0]["sequence"])
    assert following[0]["sequence"] == page[0]["sequence"] + 1 and following[0]["previousHash"] == page[0]["hash"], (page, following)
    status, refused = project.get("/api/public/audit-logs")
    assert status == 403, f"a project key cannot read the audit log: {status} {refused}"
    result = verify(served)
    assert result.returncode == 0 and "intact" in result.stdout, f"verify: {result.returncode} {result.stdout} {result.stderr}"


@pytest.mark.parametrize("change,words", [
    ("UPDATE lantern_audit_log SET actor = 'apiKey:intruder' WHERE sequence = 2", "BROKEN at record 2: record 2 was altered"),
    ("DELETE FROM lantern_audit_log WHERE sequence = 2", "BROKEN at record 2: record 2 is missing"),
    ("UPDATE lantern_audit_log SET sequence = CASE sequence WHEN 2 THEN 1 ELSE 2 END WHERE sequence IN (1, 2)",
     "BROKEN at record 1: record 1 does not follow record 0"),
])
def test_verify_names_records_edited_deleted_or_swapped_by_hand(served, change, words):
    project = Api(served.base_url, "pk-lf-dev", "sk-lf-dev")
    for _ in range(3):
        assert project.request("POST", "/api/public/score-configs", json_body={"name": f"c-{uid()[:6]}", "dataType": "NUMERIC"})[0] == 200
    tamper(served, "UPDATE lantern_audit_log SET sequence = -sequence WHERE sequence IN (1, 2)" if "CASE" in change else change)
    if "CASE" in change:
        tamper(served, "UPDATE lantern_audit_log SET sequence = CASE sequence WHEN -2 THEN 1 ELSE 2 END WHERE sequence IN (-1, -2)")
    result = verify(served)
    assert result.returncode == 1 and words in result.stdout, f"{change}: {result.returncode} {result.stdout} {result.stderr}"


def hold_the_log(server):
    """Blocks the log's writes from another connection; returns a function that lets go."""
    if uses_postgres():
        locker = subprocess.Popen(["psql", server.env["LANTERN_DATABASE_URL"], "-qtA"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        locker.stdin.write("BEGIN; SELECT 'locked' FROM lantern_audit_chain_head WHERE id = 1 FOR UPDATE;\n")
        locker.stdin.flush()
        assert locker.stdout.readline().strip() == "locked", "the chain head is held"

        def release():
            locker.stdin.write("ROLLBACK;\n\\q\n")
            locker.stdin.close()
            locker.wait(timeout=10)
        return release
    db = sqlite3.connect(Path(server.workdir) / "audit.sqlite", isolation_level=None, check_same_thread=False)
    db.execute("BEGIN EXCLUSIVE")

    def release():
        db.execute("ROLLBACK")
        db.close()
    return release


def test_fail_closed_refuses_mutations_while_the_log_cannot_write(served):
    project = Api(served.base_url, "pk-lf-dev", "sk-lf-dev")
    name = f"blocked-{uid()[:6]}"
    release = hold_the_log(served)
    try:
        status, body = project.request("POST", "/api/public/score-configs", json_body={"name": name, "dataType": "NUMERIC"})
        assert status == 503 and "audit log" in body["message"], f"a mutation while the log is held: {status} {body}"
        status, _ = project.post("/api/public/ingestion", {"batch": []})
        assert status in (200, 207), "telemetry ingestion is not gated"
    finally:
        release()
    listed = project.get_ok("/api/public/score-configs", {"limit": 100}, what="score configs")
    assert name not in [c["name"] for c in listed["data"]], "the refused mutation was not applied"
    status, _ = project.request("POST", "/api/public/score-configs", json_body={"name": name, "dataType": "NUMERIC"})
    assert status == 200, "accepted again once the log writes"


def test_best_effort_queues_records_while_the_log_cannot_write(tmp_path):
    env = storage_env(tmp_path)
    server = launch_server(audit_config(tmp_path, mode="bestEffort"), tmp_path, env)
    try:
        project = Api(server.base_url, "pk-lf-dev", "sk-lf-dev")
        release = hold_the_log(server)
        try:
            status, config = project.request("POST", "/api/public/score-configs", json_body={"name": f"queued-{uid()[:6]}", "dataType": "NUMERIC"})
            assert status == 200, f"best effort never refuses: {status} {config}"
        finally:
            release()
        admin = organization_api(server)
        from conftest import wait_for
        wait_for(lambda: any(r["resourceId"] == config["id"] for r in records(admin, action="scoreConfig.created")), "the queued record lands")
    finally:
        stop_server(server)


def test_two_servers_on_one_postgres_keep_one_linear_chain(tmp_path):
    database = fresh_database(postgres_url())
    from postgres_support import POSTGRES_CONFIG
    config = tmp_path / "pg-audit.yaml"
    config.write_text(POSTGRES_CONFIG.read_text().replace(
        "plugins:\n", "plugins:\n  audit:\n    load: AuditLog\n    settings: { url: ${LANTERN_DATABASE_URL} }\n", 1))
    env = {"LANTERN_DATABASE_URL": database, "LANTERN_PROJECT_NAME": "dev"}
    servers = [launch_server(config, tmp_path, env), launch_server(config, tmp_path, env)]
    try:
        failures = []

        def mutate(server):
            api = Api(server.base_url, "pk-lf-dev", "sk-lf-dev")
            for _ in range(30):
                status, body = api.request("POST", "/api/public/score-configs", json_body={"name": f"pg-{uid()[:8]}", "dataType": "NUMERIC"})
                if status != 200:
                    failures.append((status, body))
        threads = [threading.Thread(target=mutate, args=(server,)) for server in servers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == [], f"mutations refused while both servers append: {failures[:3]}"
        from conftest import wait_for
        count = lambda: int(subprocess.run(["psql", database, "-tAc", "SELECT COUNT(*) FROM lantern_audit_log WHERE action = 'scoreConfig.created'"],
                                           capture_output=True, text=True).stdout.strip() or 0)
        wait_for(lambda: count() == 60, "60 records from two servers")
        result = verify(servers[0])
        assert result.returncode == 0 and "intact" in result.stdout, f"verify after concurrent appends: {result.stdout} {result.stderr}"
    finally:
        for server in servers:
            stop_server(server)
