"""Deleting a project through the admin API while another project keeps ingesting.

A project made with the organization key gets a few hundred traces (with more than 1,000 observations, so its data
takes several 1,000-row batches) through its own key; ``DELETE /api/public/projects/{id}`` answers 202, the key is
refused at once, and the data goes in the background. Meanwhile the dev project's ingestion goes on: every event it
acknowledged reads back. The project leaves ``GET /api/public/organizations/projects`` once done, its rows are gone
from the database, and the server's log shows ``lantern.project-deletion`` batch lines.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from contextlib import closing

from conftest import CONFIG_PATH, Api, basic_auth, event, uid, wait_for
from identity_support import call, org_key, project_of
from postgres_support import psql

TRACES, SPANS_PER_TRACE, EVENTS_PER_REQUEST = 300, 4, 150


def rows_of(server, project_id: str) -> int:
    """The project's rows in traces, observations and scores, read from the server's database."""
    sql = " + ".join(f"(SELECT COUNT(*) FROM {table} WHERE project_id = '{project_id}')"
                     for table in ("traces", "observations", "scores"))
    if CONFIG_PATH.name == "dev-sqlite.yaml":
        with closing(sqlite3.connect(server.env["LANTERN_SQLITE_PATH"])) as db:
            return db.execute(f"SELECT {sql}").fetchone()[0]
    return int(psql(server.env["LANTERN_DATABASE_URL"], f"SELECT {sql}"))


class DevIngestion(threading.Thread):
    """Ingests small batches into the dev project until stopped; remembers every trace it was acknowledged."""

    def __init__(self, api: Api, user: str):
        super().__init__(daemon=True)
        self.api, self.user = api, user
        self.stop = threading.Event()
        self.acknowledged: list[str] = []
        self.failures: list[str] = []

    def run(self) -> None:
        while not self.stop.is_set() and len(self.acknowledged) < 5_000:
            batch = [event("trace-create", {"id": uid(), "name": "during-deletion", "userId": self.user}) for _ in range(5)]
            status, body = self.api.post("/api/public/ingestion", {"batch": batch})
            if status != 207 or body.get("errors"):
                self.failures.append(f"{status} {body}")
                continue
            trace_of = {e["id"]: e["body"]["id"] for e in batch}
            self.acknowledged += [trace_of[s["id"]] for s in body["successes"] if s["status"] == 201]


def listed_traces(api: Api, user: str) -> set[str]:
    ids, page = set(), 1
    while True:
        body = api.get_ok("/api/public/traces", {"userId": user, "limit": 100, "page": page}, "dev traces of the run")
        ids |= {t["id"] for t in body["data"]}
        if page >= body["meta"]["totalPages"]:
            return ids
        page += 1


def test_deleting_a_project_keeps_the_other_projects_ingestion(lantern_server, api):
    org_auth = {"Authorization": basic_auth(*org_key(lantern_server, project_of(api)["organization"]["id"]))}
    created = call(lantern_server.base_url, "POST", "/api/public/projects", json_body={"name": f"doomed-{uid()[:10]}"}, headers=org_auth)
    assert created.status == 200, f"create project: {created.status} {created.body}"
    project_id = created.body["id"]
    key = call(lantern_server.base_url, "POST", f"/api/public/projects/{project_id}/apiKeys", json_body={}, headers=org_auth)
    assert key.status == 200, f"create key: {key.status} {key.body}"
    doomed = Api(lantern_server.base_url, key.body["publicKey"], key.body["secretKey"])

    events = []
    for _ in range(TRACES):
        trace_id = uid()
        events.append(event("trace-create", {"id": trace_id, "name": "doomed"}))
        events += [event("span-create", {"id": uid(), "traceId": trace_id, "name": f"span-{n}"}) for n in range(SPANS_PER_TRACE)]
    for start in range(0, len(events), EVENTS_PER_REQUEST):
        doomed.ingest(events[start:start + EVENTS_PER_REQUEST], what=f"doomed project batch at {start}")
    stored = rows_of(lantern_server, project_id)
    assert stored == TRACES * (1 + SPANS_PER_TRACE), f"the doomed project's rows before deletion: {stored}"

    ingestion = DevIngestion(api, "deletion-run-" + uid())
    ingestion.start()
    try:
        wait_for(lambda: len(ingestion.acknowledged) >= 10, "dev ingestion is running before the deletion", timeout=30)
        answer = call(lantern_server.base_url, "DELETE", f"/api/public/projects/{project_id}", headers=org_auth)
        assert answer.status == 202 and answer.body["success"] is True, f"DELETE project: {answer.status} {answer.body}"
        status, body = doomed.get("/api/public/traces")
        assert status == 401, f"the deleted project's key right after the 202: status {status} {body}"

        def gone():
            projects = call(lantern_server.base_url, "GET", "/api/public/organizations/projects", headers=org_auth)
            assert projects.status == 200, f"organizations/projects: {projects.status} {projects.body}"
            return project_id not in [p["id"] for p in projects.body["projects"]]
        wait_for(gone, "the deleted project leaves organizations/projects", timeout=120, interval=0.2)
        during = len(ingestion.acknowledged)
        wait_for(lambda: len(ingestion.acknowledged) > during, "dev ingestion goes on after the deletion", timeout=30)
    finally:
        ingestion.stop.set()
        ingestion.join(timeout=60)
    assert not ingestion.failures, f"dev ingestion failed during the deletion: {ingestion.failures[:3]}"

    readable = listed_traces(api, ingestion.user)
    missing = set(ingestion.acknowledged) - readable
    assert not missing, f"{len(missing)} of {len(ingestion.acknowledged)} acknowledged dev traces are not readable: {sorted(missing)[:5]}"
    assert rows_of(lantern_server, project_id) == 0, "the deleted project's rows are gone"

    def logged():
        lines = [line for line in lantern_server.output().splitlines() if "lantern.project-deletion" in line and f"project={project_id}" in line]
        batches = [line for line in lines if "deleted a batch" in line]
        assert len(batches) >= 3, "one log line per batch (traces, and observations in 1,000-row batches); got:\n" + "\n".join(lines)
        tables = {m.group(1) for line in batches for m in [re.search(r"table=(\w+)", line)] if m}
        assert {"traces", "observations"} <= tables, f"the batch lines name their tables: {tables}"
        observations = [int(re.search(r"rows=(\d+)", line).group(1)) for line in batches if "table=observations" in line]
        assert len(observations) >= 2 and max(observations) <= 1_000 and sum(observations) == TRACES * SPANS_PER_TRACE, \
            f"observations deleted in batches of at most 1,000 rows: {observations}"
        assert any("project deleted" in line for line in lines), "a last line says the project was deleted:\n" + "\n".join(lines)
        return True
    wait_for(logged, "the server's log of the deletion")
