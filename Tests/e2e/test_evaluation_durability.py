"""The evaluation queue lives in the database: a server killed with 100 pending jobs finishes each exactly once after
a restart, two servers on one PostgreSQL database share the queue without running a job twice, and a server refuses
to start when stored LLM connections cannot be opened with its encryption key."""

from __future__ import annotations

import signal
import subprocess

import pytest

from conftest import E2E_ENCRYPTION_KEY, launch_server, stop_server, uid, wait_for
from evaluation_support import (FAST_EVALUATION, client, connect, create_evaluator, create_rule, evaluation_config, executions, generation,
                                settled, start, storage_env)
from fake_llm import FakeLLM
from postgres_support import POSTGRES_CONFIG, fresh_database, postgres_url


@pytest.fixture(scope="module")
def fake():
    with FakeLLM() as llm:
        yield llm


def judge_prompts(fake) -> list[str]:
    """The user message of every judge call the fake answered."""
    prompts = []
    for request in fake.recorded():
        if request["path"].endswith("/chat/completions") and request["body"]:
            prompts.append(request["body"]["messages"][-1]["content"])
    return prompts


def test_killed_server_finishes_100_pending_jobs_exactly_once_after_restart(tmp_path, fake):
    env = storage_env(tmp_path)
    server = start(tmp_path, env)
    try:
        api = client(server)
        connect(api, fake)
        create_evaluator(api, "durable-judge")
        # A long delay keeps every job pending until the kill.
        rule = create_rule(api, "durable", "durable-judge", delay=4000)
        batch = []
        for index in range(100):
            batch += generation(uid(), uid(), f"answer {index} FAKE_SCORE=0.5")
        api.ingest(batch)
        wait_for(lambda: len(executions(api, ruleId=rule["id"], status="pending")) == 100, "100 pending jobs before the kill", timeout=3)
    finally:
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
    fake.reset()
    restarted = start(tmp_path, env, port=server.port)
    try:
        found = settled(client(restarted), 100, timeout=120, ruleId=rule["id"])
        assert all(e["status"] == "completed" and e["attempts"] == 1 for e in found), \
            [(e["status"], e["attempts"], e["reason"]) for e in found if e["status"] != "completed" or e["attempts"] != 1][:5]
        prompts = judge_prompts(fake)
        assert len(prompts) == 100 and len(set(prompts)) == 100, f"each job judged exactly once: {len(prompts)} calls, {len(set(prompts))} distinct"
    finally:
        stop_server(restarted)


def test_two_servers_on_one_postgres_share_the_queue_without_duplicates(tmp_path, fake):
    database = fresh_database(postgres_url())  # skips (fails in CI) without PostgreSQL
    config = tmp_path / "pg-evaluation.yaml"
    config.write_text(POSTGRES_CONFIG.read_text() + FAST_EVALUATION.format(lease=5))
    first = launch_server(config, tmp_path, {"LANTERN_DATABASE_URL": database, "LANTERN_PROJECT_NAME": "dev"})
    second = launch_server(config, tmp_path, {"LANTERN_DATABASE_URL": database, "LANTERN_PROJECT_NAME": "dev"})
    try:
        api_one, api_two = client(first), client(second)
        connect(api_one, fake)
        create_evaluator(api_one, "shared-judge")
        rule = create_rule(api_one, "shared", "shared-judge")
        fake.reset()
        for index in range(0, 100, 10):
            batch = []
            for offset in range(10):
                batch += generation(uid(), uid(), f"shared answer {index + offset}")
            (api_one if index % 20 == 0 else api_two).ingest(batch)
        found = settled(api_two, 100, timeout=120, ruleId=rule["id"])
        assert all(e["status"] == "completed" and e["attempts"] == 1 for e in found), \
            [(e["status"], e["attempts"], e["reason"]) for e in found if e["status"] != "completed"][:5]
        prompts = judge_prompts(fake)
        assert len(prompts) == 100 and len(set(prompts)) == 100, f"no job ran twice: {len(prompts)} calls, {len(set(prompts))} distinct"
    finally:
        stop_server(first)
        stop_server(second)


def test_a_missing_or_wrong_encryption_key_stops_start_up_with_a_clear_error(tmp_path, fake):
    env = storage_env(tmp_path)
    server = start(tmp_path, env)
    connect(client(server), fake)
    stop_server(server)
    binary, config = server.binary, evaluation_config(tmp_path)
    for key, expected in [("", "LANTERN_ENCRYPTION_KEY is not set"), ("3c" * 32, "does not open the stored LLM connection"),
                          ("short", "must be 32 bytes")]:
        run_env = {**server.env, "LANTERN_ENCRYPTION_KEY": key}
        result = subprocess.run([str(binary), "serve", "--config", str(config)], env=run_env, capture_output=True, text=True, timeout=60)
        assert result.returncode != 0 and expected in result.stderr, f"key {key!r}: expected a failed start naming '{expected}', got {result.returncode}: {result.stderr[-800:]}"
    assert E2E_ENCRYPTION_KEY not in result.stderr


def test_hourly_cap_and_failures_in_a_row(tmp_path, fake):
    server = start(tmp_path, storage_env(tmp_path), concurrency=1, maxExecutionsPerRulePerHour=2, pauseAfterFailures=2)
    try:
        api = client(server)
        connect(api, fake)
        create_evaluator(api, "capped-judge")
        capped = create_rule(api, "capped", "capped-judge",
                             filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["capped-answer"]}])
        batch = []
        for _ in range(5):
            batch += generation(uid(), uid(), "ok FAKE_SCORE=0.5", name="capped-answer")
        api.ingest(batch)
        found = settled(api, 5, ruleId=capped["id"])
        statuses = sorted(e["status"] for e in found)
        assert statuses == ["completed", "completed", "skipped_cap", "skipped_cap", "skipped_cap"], f"a cap of 2 per hour: {statuses}"
        assert all("in the last hour" in e["reason"] for e in found if e["status"] == "skipped_cap"), found

        create_evaluator(api, "broken-judge", prompt="{{input}} {{output}} FAKE_FAULT=500")
        broken = create_rule(api, "broken", "broken-judge",
                             filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["broken-answer"]}])
        batch = []
        for _ in range(2):
            batch += generation(uid(), uid(), "ok", name="broken-answer")
        api.ingest(batch)
        failed = settled(api, 2, ruleId=broken["id"])
        assert [e["status"] for e in failed] == ["error", "error"], [(e["status"], e["reason"]) for e in failed]
        paused = api.get_ok(f"/api/public/unstable/evaluation-rules/{broken['id']}", what="rule after two failures")
        assert paused["status"] == "paused" and paused["pausedReason"] == "CONSECUTIVE_FAILURES", paused
        assert "gave up after 3 attempts" in paused["pausedMessage"], paused
    finally:
        stop_server(server)
