"""PostgreSQL restarted in the middle of an ingestion stream (issue: bad input and faults).

A throw-away PostgreSQL server of its own (scripts/postgres-start on another port) is stopped and started again
while a client streams ingestion batches. Every event acknowledged with a success must be in the database
afterwards; every other batch must have been answered with a retryable error (503/429 with Retry-After); and the
server must recover by itself once the database is back.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import urllib.error
import urllib.request
import time
from pathlib import Path

import pytest

from conftest import DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY, REPO_ROOT, Api, basic_auth, event, launch_server, stop_server, uid
from postgres_support import POSTGRES_CONFIG, postgres_url, psql

PORT = 55471


def pg_ctl(action: str) -> None:
    """Stops or starts the throw-away server started by scripts/postgres-start PORT."""
    data = Path(f"/tmp/lantern-postgres-{PORT}.dir").read_text().strip()
    binary = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
    cmd = [str(binary), "-D", f"{data}/cluster", "-w", "-l", f"{data}/server.log"]
    cmd += ["-m", "immediate", "stop"] if action == "stop" else \
        ["-o", f"-c listen_addresses=127.0.0.1 -p {PORT} -k {data}", "start"]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, f"pg_ctl {action}: {res.stderr}{res.stdout}"


def post_with_headers(api: Api, body: dict) -> tuple[int, dict, dict]:
    """POST /api/public/ingestion; returns status, JSON answer and lower-cased headers."""
    request = urllib.request.Request(api.url("/api/public/ingestion"), data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": basic_auth(DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read() or b"{}"), {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}"), {k.lower(): v for k, v in error.headers.items()}


@pytest.fixture()
def own_postgres():
    postgres_url()  # skip or fail like every PostgreSQL test
    subprocess.run([str(REPO_ROOT / "scripts/postgres-stop"), str(PORT)], check=False, capture_output=True)
    res = subprocess.run([str(REPO_ROOT / "scripts/postgres-start"), str(PORT)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, f"scripts/postgres-start {PORT}: {res.stderr}"
    yield res.stdout.strip().splitlines()[-1]
    subprocess.run([str(REPO_ROOT / "scripts/postgres-stop"), str(PORT)], check=False, capture_output=True)


def test_every_acknowledged_event_survives_a_database_restart(own_postgres, tmp_path):
    server = launch_server(POSTGRES_CONFIG, tmp_path, {"LANTERN_DATABASE_URL": own_postgres})
    api = Api(server.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY, timeout=20)
    acknowledged: list[str] = []
    refused: list[tuple[int, str]] = []
    unexpected: list[str] = []
    stop = threading.Event()

    def stream() -> None:
        while not stop.is_set():
            trace_ids = [uid() for _ in range(5)]
            batch = [event("trace-create", {"id": t, "name": "stream"}) for t in trace_ids]
            try:
                status, answer, headers = post_with_headers(api, {"batch": batch})
            except OSError as exc:
                unexpected.append(f"connection error: {exc}")
                continue
            if status == 207:
                ok = {s["id"] for s in answer.get("successes", []) if 200 <= s.get("status", 0) < 300}
                acknowledged.extend(t for t, e in zip(trace_ids, batch) if e["id"] in ok)
                if answer.get("errors"):
                    statuses = {e.get("status") for e in answer["errors"]}
                    if not statuses <= {503, 429, 500}:
                        unexpected.append(f"207 with non-retryable errors {answer['errors'][:2]}")
            elif status in (503, 429):
                if not headers.get("retry-after"):
                    unexpected.append(f"{status} without Retry-After")
                refused.append((status, str(answer)[:200]))
                time.sleep(0.05)
            else:
                unexpected.append(f"status {status}: {str(answer)[:200]}")

    worker = threading.Thread(target=stream)
    worker.start()
    try:
        time.sleep(1.0)
        before = len(acknowledged)
        pg_ctl("stop")
        time.sleep(1.5)
        during = len(refused)
        pg_ctl("start")
        deadline = time.monotonic() + 20
        recovered_at = len(acknowledged)
        while time.monotonic() < deadline and len(acknowledged) < recovered_at + 20:
            time.sleep(0.1)
    finally:
        stop.set()
        worker.join(timeout=30)
    assert not unexpected, f"answers other than success or a retryable error: {unexpected[:5]}"
    assert before > 0, "events were acknowledged before the restart"
    assert during > 0, "requests during the outage were answered 503/429"
    assert len(acknowledged) >= recovered_at + 20, "the server recovered by itself: acknowledgements resumed after the restart"

    stored = set(psql(own_postgres, "SELECT id FROM traces").split())
    lost = [t for t in acknowledged if t not in stored]
    assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged traces are missing after the restart, e.g. {lost[:3]}"
    status, _ = api.get(f"/api/public/traces/{acknowledged[-1]}")
    assert status == 200, f"the last acknowledged trace reads back through the API: status {status}"
    stop_server(server)
