"""The evaluation runtime end to end, against the fake LLM provider: a live rule on observations from the batch API
and from OpenTelemetry, filters and sampling with a log entry for every candidate, the judge's own trace (and the
loop guard that keeps rules off it), retries on 429, pausing on a rejected key, the repair of a malformed answer,
and an experiment judged server-side while the official SDK runs it."""

from __future__ import annotations

import json

import pytest

from conftest import event, open_langfuse_client, close_langfuse_client, stop_server, uid, wait_for
from evaluation_support import (client, connect, create_evaluator, create_rule, executions, generation, settled, start,
                                storage_env)
from fake_llm import FakeLLM


@pytest.fixture(scope="module")
def fake():
    with FakeLLM() as llm:
        yield llm


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("evaluation-runtime")
    served = start(workdir, storage_env(workdir))
    yield served
    stop_server(served)


@pytest.fixture(scope="module")
def api(server, fake):
    api = client(server)
    connect(api, fake)
    return api


def test_live_rule_scores_a_generation_and_traces_the_judge(api, fake):
    create_evaluator(api, "live-judge")
    rule = create_rule(api, "live", "live-judge", filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["live-answer"]}])
    trace_id, observation_id = uid(), uid()
    api.ingest(generation(trace_id, observation_id, "four FAKE_SCORE=0.8", name="live-answer"))
    [done] = settled(api, 1, ruleId=rule["id"])
    assert done["status"] == "completed" and done["observationId"] == observation_id and done["traceId"] == trace_id, done
    trace = api.get_ok(f"/api/public/traces/{trace_id}", what="judged trace")
    [score] = [s for s in trace["scores"] if s["name"] == "live-judge"]
    assert score["value"] == 0.8 and score["source"] == "EVAL" and score["observationId"] == observation_id, score
    assert score["id"] == done["scoreId"] and score["comment"].startswith("fake judge:"), score
    assert score["metadata"]["judge_trace_id"] == done["judgeTraceId"] and score["metadata"]["evaluation_rule_id"] == rule["id"], score
    judge = api.get_ok(f"/api/public/traces/{done['judgeTraceId']}", what="judge trace")
    assert judge["environment"] == "lantern-evaluation" and judge["name"] == "Execute evaluator: live-judge", judge
    assert judge["metadata"]["target_observation_id"] == observation_id, judge["metadata"]
    assert "What is 2+2?" in judge["input"] and "four FAKE_SCORE=0.8" in judge["input"], f"the judge saw the mapped input and output: {judge['input']}"
    [call] = judge["observations"]
    assert call["type"] == "GENERATION" and call["usageDetails"].get("input", 0) > 0 and call["usageDetails"].get("output", 0) > 0, call
    # Loop guard: the judge's own trace and generation were never candidates of any rule.
    assert executions(api, traceId=done["judgeTraceId"]) == [], "a rule evaluated the judge's own trace"


def test_filtered_out_targets_are_logged_with_the_reason(api):
    create_evaluator(api, "filter-judge")
    rule = create_rule(api, "filtered", "filter-judge", filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["wanted"]}])
    trace_id, observation_id = uid(), uid()
    api.ingest(generation(trace_id, observation_id, "x", name="unwanted"))
    [skipped] = settled(api, 1, ruleId=rule["id"])
    assert skipped["status"] == "skipped_filter" and "name any of" in skipped["reason"] and "'unwanted'" in skipped["reason"], skipped
    assert executions(api, observationId=observation_id, ruleId=rule["id"]) == [skipped], "the log answers per observation"


def test_sampling_half_of_200_generations_logs_every_candidate(api):
    create_evaluator(api, "sampled-judge")
    rule = create_rule(api, "sampled", "sampled-judge", sampling=0.5,
                       filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["sampled-answer"]}])
    batch = []
    for _ in range(200):
        batch += generation(uid(), uid(), "ok", name="sampled-answer")
    for start_index in range(0, len(batch), 100):
        api.ingest(batch[start_index:start_index + 100])
    found = settled(api, 200, timeout=120, ruleId=rule["id"])
    by_status: dict[str, int] = {}
    for entry in found:
        by_status[entry["status"]] = by_status.get(entry["status"], 0) + 1
    assert 70 <= by_status.get("completed", 0) <= 130, f"50 % sampling of 200: expected 100 ± 30 runs, got {by_status}"
    assert by_status.get("completed", 0) + by_status.get("skipped_sampling", 0) == 200, f"every candidate logged: {by_status}"
    assert all("sampled out" in e["reason"] for e in found if e["status"] == "skipped_sampling"), "skipped entries say why"


def test_observations_from_opentelemetry_fire_rules_too(api, server):
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    import base64
    create_evaluator(api, "otel-judge")
    rule = create_rule(api, "otel", "otel-judge", filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["otel-llm-call"]}])
    auth = base64.b64encode(b"pk-lf-dev:sk-lf-dev").decode()
    provider = TracerProvider(resource=Resource.create({"service.name": "otel-eval"}))
    provider.add_span_processor(SimpleSpanProcessor(OTLPSpanExporter(endpoint=f"{server.base_url}/api/public/otel/v1/traces",
                                                                     headers={"Authorization": f"Basic {auth}"})))
    with provider.get_tracer("eval").start_as_current_span("otel-llm-call") as span:
        span.set_attribute("langfuse.observation.type", "generation")
        span.set_attribute("langfuse.observation.input", json.dumps("What is 2+2?"))
        span.set_attribute("langfuse.observation.output", json.dumps("4 FAKE_SCORE=0.6"))
        trace_id = format(span.get_span_context().trace_id, "032x")
    provider.shutdown()
    [done] = settled(api, 1, ruleId=rule["id"])
    assert done["status"] == "completed" and done["traceId"] == trace_id, done
    scores = api.get_ok(f"/api/public/traces/{trace_id}", what="OTel trace")["scores"]
    assert [s["value"] for s in scores if s["name"] == "otel-judge"] == [0.6], scores


def test_a_429_is_retried_and_then_completes(api, fake):
    create_evaluator(api, "retry-judge")
    rule = create_rule(api, "retried", "retry-judge", filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["retry-answer"]}])
    fake.fail_next("429", retry_after=1)
    api.ingest(generation(uid(), uid(), "ok FAKE_SCORE=0.5", name="retry-answer"))
    [done] = settled(api, 1, ruleId=rule["id"])
    assert done["status"] == "completed" and done["attempts"] == 2, f"one 429, then success on the second attempt: {done}"


def test_malformed_answers_are_repaired_once_then_fail_with_the_reason(api, fake):
    create_evaluator(api, "repair-judge")
    rule = create_rule(api, "repaired", "repair-judge", filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["repair-answer"]}])
    fake.fail_next("malformed")
    api.ingest(generation(uid(), uid(), "ok FAKE_SCORE=0.3", name="repair-answer"))
    [repaired] = settled(api, 1, ruleId=rule["id"])
    assert repaired["status"] == "completed", f"one malformed answer, repaired by the second call: {repaired}"
    judge = api.get_ok(f"/api/public/traces/{repaired['judgeTraceId']}", what="judge trace of the repair")
    assert len(judge["observations"]) == 2, "both calls are traced"
    fake.fail_next("malformed", count=2)
    api.ingest(generation(uid(), uid(), "ok", name="repair-answer"))
    found = settled(api, 2, ruleId=rule["id"])
    [failed] = [e for e in found if e["id"] != repaired["id"]]
    assert failed["status"] == "error" and "Invalid LLM response format" in failed["reason"], failed


def test_a_rejected_key_fails_the_job_and_pauses_the_rule(api, fake):
    connect(api, fake, provider="revoked", secret="sk-bad")
    create_evaluator(api, "revoked-judge", provider="revoked")
    rule = create_rule(api, "revoked", "revoked-judge", filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["revoked-answer"]}])
    api.ingest(generation(uid(), uid(), "ok", name="revoked-answer"))
    [failed] = settled(api, 1, ruleId=rule["id"])
    assert failed["status"] == "error" and "Incorrect API key provided" in failed["reason"], failed
    paused = api.get_ok(f"/api/public/unstable/evaluation-rules/{rule['id']}", what="rule after a 401")
    assert paused["status"] == "paused" and paused["pausedReason"] == "LLM_CONNECTION_FAILING", paused
    assert "Incorrect API key provided" in paused["pausedMessage"], paused
    api.ingest(generation(uid(), uid(), "ok", name="revoked-answer"))
    entries = settled(api, 2, ruleId=rule["id"])
    assert sorted(e["status"] for e in entries) == ["error", "paused"], f"a paused rule logs its candidates as paused: {entries}"


def test_experiment_rule_scores_each_run_item_with_expected_output(api, server, fake):
    create_evaluator(api, "correctness-judge", prompt="Question {{input}}\nExpected {{expected}}\nGot {{output}}")
    datasets = api.get_ok("/api/public/v2/datasets", {"limit": 100}, what="datasets")
    name = f"eval-ds-{uid()[:8]}"
    handle = open_langfuse_client(server.base_url)
    try:
        lf = handle.client
        lf.create_dataset(name=name)
        for i in range(3):
            lf.create_dataset_item(dataset_name=name, input={"q": f"question {i}"}, expected_output=f"answer {i} FAKE_SCORE=0.{i + 1}")
        dataset = lf.get_dataset(name)
        rule = create_rule(api, f"experiment-{name}", "correctness-judge", target="experiment",
                           filter_=[{"type": "stringOptions", "column": "datasetId", "operator": "any of", "value": [dataset.id]}],
                           mapping=[{"variable": "input", "source": "input"}, {"variable": "expected", "source": "expected_output"},
                                    {"variable": "output", "source": "output"}])
        result = dataset.run_experiment(name="judged", task=lambda *, item, **kwargs: f"my answer to {item.input['q']}")
        lf.flush()
    finally:
        close_langfuse_client(handle)
    found = settled(api, 3, timeout=90, ruleId=rule["id"])
    assert all(e["status"] == "completed" for e in found), [(e["status"], e["reason"]) for e in found]
    assert sorted(e["datasetItemId"] for e in found) == sorted(item.id for item in dataset.items), found
    for entry in found:
        scores = api.get_ok(f"/api/public/traces/{entry['traceId']}", what="experiment trace")["scores"]
        [score] = [s for s in scores if s["name"] == "correctness-judge"]
        item = next(i for i in dataset.items if i.id == entry["datasetItemId"])
        assert score["value"] == float(item.expected_output.split("FAKE_SCORE=")[1]), f"the judge saw the expected output: {score}"
        assert score["metadata"]["judge_trace_id"] == entry["judgeTraceId"], score
    assert result.run_name, "run_experiment returned a run"
    assert datasets is not None


def test_backfill_judges_past_observations_once_with_progress(api):
    old = [uid() for _ in range(5)]
    batch = []
    for observation_id in old:
        batch += generation(uid(), observation_id, "old FAKE_SCORE=0.9", name="old-answer")
    api.ingest(batch)
    create_evaluator(api, "backfill-judge")
    rule = create_rule(api, "backfilled", "backfill-judge", filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["old-answer"]}])
    status, started = api.post(f"/api/public/unstable/evaluation-rules/{rule['id']}/backfill", {"from": "2020-01-01T00:00:00Z"})
    assert status == 202 and started["status"] == "running" and started["total"] >= 5, f"backfill start: {status} {started}"
    status, again = api.post(f"/api/public/unstable/evaluation-rules/{rule['id']}/backfill", {"from": "2020-01-01T00:00:00Z"})
    assert status in (202, 409), f"a second back-fill: {status} {again}"

    def finished():
        status, progress = api.get(f"/api/public/unstable/evaluation-rules/{rule['id']}/backfill")
        assert status == 200 and progress["status"] == "completed", f"progress: {status} {progress}"
        return progress
    progress = wait_for(finished, "back-fill completes", timeout=60)
    assert progress["scanned"] == progress["total"] and progress["error"] is None, progress

    def judged():
        done = [e for e in executions(api, ruleId=rule["id"]) if e["status"] == "completed"]
        assert sorted(e["observationId"] for e in done) == sorted(old), f"the five old generations judged: {done}"
        return done
    wait_for(judged, "old generations judged", timeout=60)
    status, bad = api.post(f"/api/public/unstable/evaluation-rules/{rule['id']}/backfill", {"from": "yesterday"})
    assert status == 400 and bad["code"] == "invalid_body" and "from" in bad["message"], f"bad date: {status} {bad}"


def test_server_errors_and_timeouts_are_retried_within_the_budget(api, fake):
    create_evaluator(api, "flaky-judge")
    rule = create_rule(api, "flaky", "flaky-judge", filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["flaky-answer"]}])
    fake.fail_next("500")
    fake.fail_next("timeout", delay=5)
    api.ingest(generation(uid(), uid(), "ok FAKE_SCORE=0.7", name="flaky-answer"))
    [done] = settled(api, 1, timeout=90, ruleId=rule["id"])
    assert done["status"] == "completed" and done["attempts"] == 3, f"a 500 and a timeout, then success: {done}"
    fake.fail_next("garbage", count=2)
    api.ingest(generation(uid(), uid(), "ok", name="flaky-answer"))
    entries = settled(api, 2, timeout=90, ruleId=rule["id"])
    [failed] = [e for e in entries if e["id"] != done["id"]]
    assert failed["status"] == "error" and "Invalid LLM response format" in failed["reason"], f"HTML instead of JSON: {failed}"
    fake.reset()


def test_a_rule_runs_its_evaluators_latest_version(api):
    create_evaluator(api, "versioned-judge", prompt="v1 {{input}} {{output}} FAKE_SCORE=0.1")
    rule = create_rule(api, "versioned", "versioned-judge", filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["versioned-answer"]}])
    create_evaluator(api, "versioned-judge", prompt="v2 {{input}} {{output}} FAKE_SCORE=0.2")
    api.ingest(generation(uid(), uid(), "ok", name="versioned-answer"))
    [done] = settled(api, 1, ruleId=rule["id"])
    assert done["status"] == "completed" and done["evaluatorVersion"] == 2, f"the version created after the rule ran: {done}"
    score = next(s for s in api.get_ok(f"/api/public/traces/{done['traceId']}", what="trace")["scores"] if s["id"] == done["scoreId"])
    assert score["value"] == 0.2, score
