"""Helpers of the evaluation runtime's end-to-end tests: a server with fast evaluation timings on the profile under
test (a fresh SQLite file, or a fresh PostgreSQL database on the PostgreSQL profile), the fake LLM provider, and
shortcuts for connections, evaluators, rules and the execution log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import CONFIG_PATH, Api, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY, launch_server, wait_for
from postgres_support import fresh_database, postgres_url

# Timings short enough for tests: jobs run 0.3 s after their target, retries wait 1 s, 2 s, ...
FAST_EVALUATION = """
evaluation:
  settleMilliseconds: 300
  pollMilliseconds: 100
  retryBaseSeconds: 1
  maxAttempts: 3
  pauseAfterFailures: 3
  timeoutSeconds: 3
  leaseSeconds: {lease}
"""

NUMERIC_OUTPUT = {"dataType": "NUMERIC", "reasoning": {"description": "Explain the score in one sentence."},
                  "score": {"description": "How helpful the answer is, 0 (useless) to 1 (perfect).", "minValue": 0, "maxValue": 1}}


def uses_postgres() -> bool:
    """Whether the profile under test stores in PostgreSQL."""
    return "PostgresStorage" in CONFIG_PATH.read_text()


def evaluation_config(workdir: Path, lease_seconds: int = 5, **settings: int) -> Path:
    """The profile under test with fast evaluation timings (and any other ``evaluation`` settings), in ``workdir``."""
    config = workdir / "evaluation.yaml"
    lines = [line for line in FAST_EVALUATION.format(lease=lease_seconds).splitlines() if line.split(":")[0].strip() not in settings]
    extra = "".join(f"  {key}: {value}\n" for key, value in settings.items())
    config.write_text(CONFIG_PATH.read_text() + "\n".join(lines) + "\n" + extra)
    return config


def storage_env(workdir: Path, database_url: str | None = None) -> dict[str, str]:
    """Where a test server stores: its own SQLite file, or ``database_url`` (a fresh database when None)."""
    if uses_postgres():
        return {"LANTERN_DATABASE_URL": database_url or fresh_database(postgres_url())}
    return {"LANTERN_SQLITE_PATH": str(workdir / "lantern.sqlite")}


def start(workdir: Path, env: dict[str, str], lease_seconds: int = 5, port: int | None = None, **settings: int):
    """A server on the profile under test with fast evaluation timings."""
    return launch_server(evaluation_config(workdir, lease_seconds, **settings), workdir, env, port=port)


def client(server) -> Api:
    return Api(server.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)


def connect(api: Api, fake, provider: str = "fake", secret: str = "sk-test-key-1234", adapter: str = "openai") -> dict:
    """Creates (or replaces) the LLM connection ``provider`` to the fake."""
    base = fake.base_url if adapter == "openai" else fake.root_url
    status, body = api.request("PUT", "/api/public/llm-connections", json_body={
        "provider": provider, "adapter": adapter, "secretKey": secret, "baseURL": base, "customModels": ["fake-judge"]})
    assert status in (200, 201), f"PUT llm-connections: {status} {body}"
    return body


def create_evaluator(api: Api, name: str, prompt: str = "Question: {{input}}\nAnswer: {{output}}\nJudge the answer.",
                     provider: str = "fake", output: dict | None = None) -> dict:
    status, body = api.post("/api/public/unstable/evaluators", {
        "name": name, "type": "llm_as_judge", "prompt": prompt, "outputDefinition": output or NUMERIC_OUTPUT,
        "modelConfig": {"provider": provider, "model": "fake-judge"}})
    assert status == 200, f"POST evaluators: {status} {body}"
    return body


def create_rule(api: Api, name: str, evaluator: str, target: str = "observation", filter_: list | None = None,
                sampling: float = 1, mapping: list | None = None, **extra: Any) -> dict:
    mapping = mapping if mapping is not None else [{"variable": "input", "source": "input"}, {"variable": "output", "source": "output"}]
    body = {"name": name, "target": target, "enabled": True, "sampling": sampling, "filter": filter_ or [],
            "evaluators": [{"evaluator": {"name": evaluator, "type": "llm_as_judge"}, "mapping": mapping}], **extra}
    status, rule = api.post("/api/public/unstable/evaluation-rules", body)
    assert status == 200, f"POST evaluation-rules: {status} {rule}"
    return rule


def executions(api: Api, **params: str) -> list[dict]:
    """Every execution-log entry matching ``params``."""
    found, page = [], 1
    while True:
        status, body = api.get("/api/public/evaluation-executions", {**params, "page": page, "limit": 100})
        assert status == 200, f"GET evaluation-executions: {status} {body}"
        found += body["data"]
        if page >= body["meta"]["totalPages"]:
            return found
        page += 1


def settled(api: Api, count: int, timeout: float = 60, **params: str) -> list[dict]:
    """Waits until ``count`` executions match ``params`` and none is waiting or running; returns them."""
    def check():
        found = executions(api, **params)
        waiting = [e for e in found if e["status"] in ("pending", "delayed", "running")]
        assert len(found) == count and not waiting, \
            f"expected {count} settled executions, got {len(found)} ({len(waiting)} waiting): {[(e['status'], e['reason']) for e in found][:10]}"
        return found
    return wait_for(check, "executions settle", timeout=timeout)


def generation(trace_id: str, observation_id: str, output: str, name: str = "answer", **fields: Any) -> list[dict]:
    """A trace and one generation in it, as ingestion events."""
    from conftest import event
    return [event("trace-create", {"id": trace_id, "name": "chat"}),
            event("generation-create", {"id": observation_id, "traceId": trace_id, "name": name, "input": "What is 2+2?",
                                        "output": output, "model": "gpt-4o-mini", **fields})]
