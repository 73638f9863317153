"""Durability and back-pressure of the real binary on the dev (SQLite) profile.

- kill -9 in the middle of an ingestion stream: every event acknowledged before the kill is stored.
- A full ingestion queue answers 503 with Retry-After, the health detail and /metrics count it, and the
  server's memory stays bounded while clients keep pushing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import urllib.error
import urllib.request

from conftest import (REPO_ROOT, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY, Api, basic_auth, event, launch_server,
                      stop_server, uid)


# These tests are about the dev profile's SQLite file, whatever profile the rest of the suite runs on.
DEV_CONFIG = REPO_ROOT / "config" / "dev-sqlite.yaml"


def post_batch(base_url: str, batch: list[dict]) -> tuple[int, dict, dict]:
    """POST /api/public/ingestion; returns status, JSON answer and lower-cased headers."""
    request = urllib.request.Request(base_url + "/api/public/ingestion", data=json.dumps({"batch": batch}).encode(), method="POST",
                                     headers={"Content-Type": "application/json",
                                              "Authorization": basic_auth(DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}"), {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}"), {k.lower(): v for k, v in error.headers.items()}


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def test_acknowledged_events_survive_kill_9(tmp_path):
    database = tmp_path / "durable.sqlite"
    env = {"LANTERN_SQLITE_PATH": str(database)}
    server = launch_server(DEV_CONFIG, tmp_path, env)
    acknowledged: list[str] = []
    stop = threading.Event()

    def stream() -> None:
        while not stop.is_set():
            trace_ids = [uid() for _ in range(20)]
            batch = [event("trace-create", {"id": t, "name": "durable", "input": "x" * 500}) for t in trace_ids]
            try:
                status, answer, _ = post_batch(server.base_url, batch)
            except OSError:
                return  # the server is gone: nothing after this was acknowledged
            if status == 207:
                ok = {s["id"] for s in answer.get("successes", []) if s.get("status") == 201}
                acknowledged.extend(t for t, e in zip(trace_ids, batch) if e["id"] in ok)

    workers = [threading.Thread(target=stream) for _ in range(4)]
    for worker in workers:
        worker.start()
    time.sleep(1.5)
    server.proc.kill()  # SIGKILL: no shutdown, no flush
    server.proc.wait()
    stop.set()
    for worker in workers:
        worker.join(timeout=30)
    assert len(acknowledged) > 100, f"the stream was acknowledged before the kill ({len(acknowledged)} traces)"

    restarted = launch_server(DEV_CONFIG, tmp_path, env)
    with sqlite3.connect(database) as db:
        stored = {row[0] for row in db.execute("SELECT id FROM traces")}
    lost = [t for t in acknowledged if t not in stored]
    assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged traces missing after kill -9, e.g. {lost[:3]}"
    api = Api(restarted.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)
    assert api.get(f"/api/public/traces/{acknowledged[-1]}")[0] == 200, "the last acknowledged trace reads back after the restart"
    stop_server(restarted)


def test_a_full_queue_answers_503_and_memory_stays_bounded(tmp_path):
    config = tmp_path / "small-queue.yaml"
    config.write_text(DEV_CONFIG.read_text().replace("server:\n", "server:\n  ingestionQueueEvents: 100\n", 1))
    server = launch_server(config, tmp_path, {"LANTERN_SQLITE_PATH": str(tmp_path / "queue.sqlite")})
    counts = {"207": 0, "503": 0, "other": 0, "no-retry-after": 0}
    peak = [0.0]
    lock = threading.Lock()
    deadline = time.monotonic() + 4

    def push() -> None:
        while time.monotonic() < deadline:
            batch = [event("trace-create", {"id": uid(), "name": "flood", "input": "y" * 2000}) for _ in range(100)]
            status, _, headers = post_batch(server.base_url, batch)
            with lock:
                key = str(status) if status in (207, 503) else "other"
                counts[key] += 1
                if status == 503 and not headers.get("retry-after"):
                    counts["no-retry-after"] += 1

    def sample() -> None:
        while time.monotonic() < deadline:
            peak[0] = max(peak[0], rss_mb(server.proc.pid))
            time.sleep(0.1)

    threads = [threading.Thread(target=push) for _ in range(32)] + [threading.Thread(target=sample)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts["503"] > 0, f"a 100-event queue under 32 clients answers 503 at times: {counts}"
    assert counts["207"] > 0, f"requests that fit are accepted: {counts}"
    assert counts["other"] == 0, f"only 207 or 503: {counts}"
    assert counts["no-retry-after"] == 0, "every 503 carries Retry-After"
    assert peak[0] < 250, f"server RSS stays bounded under the flood: peak {peak[0]:.0f} MB"

    api = Api(server.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)
    status, health = api.get("/api/public/health", params={"detail": "true"}, auth=False)
    assert status == 200, f"health detail status {status}"
    ingestion = health.get("ingestion", {})
    assert ingestion.get("rejectedAtCapacity", 0) >= counts["503"], f"health.ingestion.rejectedAtCapacity counts the 503s: {ingestion}"
    assert ingestion.get("eventsCommitted", 0) >= counts["207"] * 100, f"health.ingestion.eventsCommitted: {ingestion}"
    assert ingestion.get("queueCapacityEvents") == 100, f"health.ingestion.queueCapacityEvents: {ingestion}"
    with urllib.request.urlopen(server.base_url + "/metrics", timeout=10) as response:
        metrics = response.read().decode()
    assert f"lantern_ingestion_rejected_at_capacity_total {ingestion['rejectedAtCapacity']}" in metrics, "/metrics rejected counter"
    assert "lantern_ingestion_events_committed_total" in metrics, "/metrics events counter"
    stop_server(server)
