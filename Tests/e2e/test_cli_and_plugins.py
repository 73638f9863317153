"""The `lantern` command's config/plugin subcommands, and a third-party plugin loaded from its own package.

The out-of-tree example evaluator (plugin-sdk/Examples/KeywordEvaluator) is built by the test command, which
exports its path as LANTERN_EXAMPLE_PLUGIN; this test names it in a config, starts the real server, ingests a
trace and waits for the evaluator's score, written by the kernel with source EVAL.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO_ROOT, Api, basic_auth, event, free_port, iso, lantern_binary, now_ms, uid


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(lantern_binary()), *args], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=60, env=env or dict(os.environ))


def test_config_check_accepts_the_dev_profile(tmp_path):
    env = dict(os.environ, LANTERN_SQLITE_PATH=str(tmp_path / "x.sqlite"))
    res = run_cli("config", "check", str(REPO_ROOT / "config" / "dev-sqlite.yaml"), env=env)
    assert res.returncode == 0, f"config check exit code: expected 0, got {res.returncode}; stderr={res.stderr}"
    assert "OK" in res.stdout, f"config check stdout: expected OK, got {res.stdout!r}"


def test_config_check_reports_every_problem_with_file_line_and_key_path(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nserver: { prot: 1 }\nplugins:\n  storage:\n    load: SQLiteStorage\n"
                   "    settings: { path: x.db, readers: 500 }\n  other: { load: NoSuchPlugin }\n")
    res = run_cli("config", "check", str(bad))
    assert res.returncode == 2, f"config check exit code: expected 2, got {res.returncode}; stdout={res.stdout}"
    err = res.stderr
    assert f"{bad}:2:" in err and "server.prot: unknown key 'prot'; did you mean 'port'?" in err, f"unknown key: {err}"
    assert "plugins.storage.settings.readers:" in err and "500" in err, f"settings.readers rule: {err}"
    assert "plugins.other.load: unknown plugin 'NoSuchPlugin'" in err and "SQLiteStorage" in err, f"unknown plugin: {err}"
    assert "3 problems found" in err, f"problem count: {err}"


def test_plugins_list_names_kind_version_file_and_abi(tmp_path):
    env = dict(os.environ, LANTERN_SQLITE_PATH=str(tmp_path / "x.sqlite"))
    res = run_cli("plugins", "list", "--config", str(REPO_ROOT / "config" / "dev-sqlite.yaml"), env=env)
    assert res.returncode == 0, f"plugins list exit code: {res.returncode}; stderr={res.stderr}"
    for expected in ("storage", "kind:    storage", "type:    sqlite", "dev.lantern.sqlite-storage",
                     "libSQLiteStorage.so", "abi:     abi=3"):
        assert expected in res.stdout, f"plugins list output lacks {expected!r}: {res.stdout}"


def test_help_on_every_command():
    for args in (["--help"], ["serve", "--help"], ["config", "check", "--help"], ["plugins", "list", "--help"],
                 ["keys", "create", "--help"], ["migrate", "--help"]):
        res = run_cli(*args)
        assert res.returncode == 0 and "USAGE" in res.stdout.upper(), f"lantern {' '.join(args)}: {res.stdout}{res.stderr}"


def test_broken_plugin_file_stops_startup_with_one_clear_message(tmp_path):
    fake = tmp_path / "libFake.so"
    fake.write_bytes(b"not an ELF file")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"version: 1\nplugins:\n  fake: {{ load: {fake} }}\n")
    res = run_cli("serve", "--config", str(cfg))
    assert res.returncode == 2, f"serve exit code: expected 2, got {res.returncode}"
    assert "plugins.fake.load:" in res.stderr and "cannot be loaded as a shared library" in res.stderr, f"stderr: {res.stderr}"
    assert "Fatal error" not in res.stderr and "Stack dump" not in res.stderr, f"crash trace in stderr: {res.stderr}"


def test_example_out_of_tree_evaluator_is_loaded_and_called(tmp_path):
    plugin = os.environ.get("LANTERN_EXAMPLE_PLUGIN")
    if not plugin:
        pytest.fail("LANTERN_EXAMPLE_PLUGIN is not set: run the suite through scripts/test, which builds the example")
    assert Path(plugin).is_file(), f"example plugin not built at {plugin}"
    cfg = tmp_path / "evaluator.yaml"
    port = free_port()
    cfg.write_text(f"""version: 1
server: {{ host: 127.0.0.1, port: {port} }}
plugins:
  storage: {{ load: SQLiteStorage, settings: {{ path: db.sqlite }} }}
  refunds: {{ load: {plugin}, settings: {{ keywords: [refund, chargeback] }} }}
projects:
  - {{ name: ev, publicKey: pk-lf-ev, secretKey: sk-lf-ev }}
""")
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(lantern_binary()), "serve", "--config", str(cfg)], cwd=REPO_ROOT,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        api = Api(f"http://127.0.0.1:{port}", "pk-lf-ev", "sk-lf-ev")
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, f"server exited early: {log.read_text()}"
            try:
                if api.get("/api/public/health", auth=False)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"server not healthy: {log.read_text()}"
            time.sleep(0.1)
        # A plugin evaluator runs where a rule names it (type "plugin", the instance id from the config).
        status, rule = api.post("/api/public/unstable/evaluation-rules", {
            "name": "refund check", "target": "trace", "enabled": True,
            "evaluators": [{"evaluator": {"name": "refunds", "type": "plugin"}}]})
        assert status == 200, f"create rule: {status} {rule}"
        assert rule["status"] == "active", f"rule status: {rule}"
        hit, miss = uid(), uid()
        api.ingest([event("trace-create", {"id": hit, "output": "I want a REFUND now"}),
                    event("trace-create", {"id": miss, "output": "thanks, all good"})])
        scores = {}
        deadline = time.monotonic() + 20
        while len(scores) < 2 and time.monotonic() < deadline:
            for trace_id in (hit, miss):
                status, body = api.get(f"/api/public/traces/{trace_id}")
                found = [s for s in (body or {}).get("scores", []) if s.get("name") == "keyword_match"]
                if found:
                    scores[trace_id] = found[0]
            time.sleep(0.1)
        assert hit in scores and miss in scores, f"evaluator scores: expected on both traces, got {scores}; log: {log.read_text()}"
        assert scores[hit]["value"] == 1 and scores[hit]["stringValue"] == "True", f"score on {hit}: {scores[hit]}"
        assert scores[miss]["value"] == 0, f"score.value on {miss}: {scores[miss]}"
        assert scores[hit]["source"] == "EVAL", f"score.source: {scores[hit]['source']}"
        assert scores[hit]["dataType"] == "BOOLEAN", f"score.dataType: {scores[hit]['dataType']}"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


def test_migrate_applies_the_schema_and_is_idempotent(tmp_path):
    env = dict(os.environ, LANTERN_SQLITE_PATH=str(tmp_path / "m.sqlite"))
    for attempt in (1, 2):
        res = run_cli("migrate", "--config", str(REPO_ROOT / "config" / "dev-sqlite.yaml"), env=env)
        assert res.returncode == 0, f"migrate run {attempt}: exit code {res.returncode}; stderr={res.stderr}"
        assert "migrations applied" in res.stdout, f"migrate run {attempt} stdout: {res.stdout!r}"
    assert (tmp_path / "m.sqlite").is_file(), "migrate: database file was not created"


def test_unwritable_database_path_is_a_clear_startup_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    env = dict(os.environ, LANTERN_SQLITE_PATH=str(blocker / "db" / "lantern.sqlite"), LANTERN_PORT=str(free_port()))
    res = run_cli("serve", "--config", str(REPO_ROOT / "config" / "dev-sqlite.yaml"), env=env)
    assert res.returncode == 1, f"serve exit code: expected 1, got {res.returncode}; stdout={res.stdout}"
    assert "component 'storage' (sqlite from" in res.stderr and str(blocker) in res.stderr, f"stderr: {res.stderr}"
    assert "Fatal error" not in res.stderr, f"crash trace in stderr: {res.stderr}"


def test_serve_prints_seeded_secrets_only_on_a_profile_that_asks(tmp_path):
    from conftest import launch_server, stop_server
    dev = launch_server(REPO_ROOT / "config" / "dev-sqlite.yaml", tmp_path, {"LANTERN_SQLITE_PATH": str(tmp_path / "dev.sqlite"),
                                                                            "LANTERN_SECRET_KEY": "sk-lf-printed-on-dev"})
    stop_server(dev)
    assert "secret key sk-lf-printed-on-dev" in dev.output(), f"dev profile output: {dev.output()}"
    quiet = tmp_path / "quiet.yaml"
    quiet.write_text((REPO_ROOT / "config" / "dev-sqlite.yaml").read_text().replace("printSeededKeys: true", "printSeededKeys: false")
                     .replace("../.data/lantern-dev.sqlite", str(tmp_path / "quiet.sqlite")))
    server = launch_server(quiet, tmp_path, {"LANTERN_SECRET_KEY": "sk-lf-never-printed"})
    stop_server(server)
    assert "Lantern is listening" in server.output() and "sk-lf-never-printed" not in server.output(), server.output()


def test_json_logs_carry_request_ids_and_no_secret(tmp_path):
    import json as _json
    from conftest import launch_server, stop_server
    config = tmp_path / "json-logs.yaml"
    config.write_text((REPO_ROOT / "config" / "dev-sqlite.yaml").read_text()
                      .replace("printSeededKeys: true", "printSeededKeys: false\nlogging: { format: json, level: info }")
                      .replace("../.data/lantern-dev.sqlite", str(tmp_path / "logs.sqlite")))
    secret = "sk-lf-must-never-be-logged"
    server = launch_server(config, tmp_path, {"LANTERN_SECRET_KEY": secret})
    try:
        api = Api(server.base_url, "pk-lf-dev", secret)
        status, _ = api.request("POST", "/api/public/ingestion", json_body={"batch": [event("trace-create", {"id": uid(), "name": "logged"})]},
                                headers={"X-Request-Id": "e2e-request-1"})
        assert status == 207, status
        wrong = Api(server.base_url, "pk-lf-dev", secret + "-wrong")
        assert wrong.get("/api/public/traces")[0] == 401
    finally:
        stop_server(server)
    lines = [line for line in server.output().splitlines() if line.startswith("{")]
    records = [_json.loads(line) for line in lines]
    access = [r for r in records if r.get("label") == "lantern.access" and r.get("requestId") == "e2e-request-1"]
    assert len(access) == 1, f"one access line for the request: {records}"
    assert access[0]["route"] == "/api/public/ingestion" and access[0]["status"] == "207" and access[0]["method"] == "POST", access[0]
    assert access[0]["projectId"] == "dev", access[0]  # the dev profile seeds its project with id `dev`
    assert secret not in server.output(), "a secret key reached the log"


def test_idle_and_half_sent_requests_are_dropped(tmp_path):
    import socket
    from conftest import launch_server, stop_server
    config = tmp_path / "idle.yaml"
    config.write_text((REPO_ROOT / "config" / "dev-sqlite.yaml").read_text()
                      .replace("  port: ${LANTERN_PORT:-3000}", "  port: ${LANTERN_PORT:-3000}\n  idleTimeoutSeconds: 1")
                      .replace("../.data/lantern-dev.sqlite", str(tmp_path / "idle.sqlite")))
    server = launch_server(config, tmp_path, {})
    try:
        slow = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        slow.sendall(b"GET /api/public/health HTTP/1.1\r\nHost: x\r\nX-Half: ")
        slow.settimeout(10)  # far past idleTimeoutSeconds: a connection still open then raises socket.timeout here
        closed = slow.recv(1024) == b""
        slow.close()
        assert closed, "a connection stopped mid-header was answered instead of dropped"
        status, _ = Api(server.base_url, "pk-lf-dev", "sk-lf-dev").get("/api/public/health", auth=False)
        assert status == 200, "the server keeps serving"
    finally:
        stop_server(server)


def test_backup_copies_a_running_servers_database(tmp_path):
    """`lantern backup` makes a consistent copy while the server writes; a server on the copy reads the same traces."""
    from conftest import launch_server, stop_server
    config = REPO_ROOT / "config" / "dev-sqlite.yaml"
    env = {"LANTERN_SQLITE_PATH": str(tmp_path / "live.sqlite")}
    server = launch_server(config, tmp_path, env)
    try:
        api = Api(server.base_url, "pk-lf-dev", "sk-lf-dev")
        ids = [f"backup-{uid()}" for _ in range(20)]
        api.ingest([event("trace-create", {"id": trace_id, "name": "before-backup"}) for trace_id in ids])
        backup = tmp_path / "copy.sqlite"
        res = run_cli("backup", "--config", str(config), "--out", str(backup), env=dict(os.environ, **env))
        assert res.returncode == 0, f"backup exit code {res.returncode}; stdout={res.stdout} stderr={res.stderr}"
        assert "backup: 100%" in res.stderr and "backup written to" in res.stdout, f"progress and result: {res.stdout} {res.stderr}"
        again = run_cli("backup", "--config", str(config), "--out", str(backup), env=dict(os.environ, **env))
        assert again.returncode == 1 and "exists already" in again.stderr, f"an existing file is not overwritten: {again.stderr}"
        api.ingest([event("trace-create", {"id": f"after-{uid()}", "name": "after-backup"})])
    finally:
        stop_server(server)
    copy = launch_server(config, tmp_path, {"LANTERN_SQLITE_PATH": str(backup)})
    try:
        reader = Api(copy.base_url, "pk-lf-dev", "sk-lf-dev")
        for trace_id in ids:
            assert reader.get_ok(f"/api/public/traces/{trace_id}", what="a trace from the backup")["name"] == "before-backup"
        names = {trace["name"] for trace in reader.get_ok("/api/public/traces", {"limit": 100})["data"]}
        assert names == {"before-backup"}, f"the copy holds what was there when it was made: {names}"
    finally:
        stop_server(copy)
