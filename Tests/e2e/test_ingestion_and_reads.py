"""Ingestion (POST /api/public/ingestion) and the read APIs: traces, observations, sessions, scores, delete.

Every test uses its own uuid-based ids/userIds/environments, so tests are independent on the
shared session server. Nothing sleeps: acknowledged events must be readable right after the 207.
"""

from __future__ import annotations

import pytest

from conftest import (OBSERVATION_VIEW_KEYS, SCORE_V1_KEYS, SESSION_KEYS, TRACE_DETAIL_KEYS, TRACE_KEYS,
                      check_approx, check_fields, check_keys, check_meta, check_not_found, check_times,
                      event, ids_of, iso, now_ms, parse_ts, secs, uid)

TRACES = "/api/public/traces"
OBSERVATIONS = "/api/public/observations"
SESSIONS = "/api/public/sessions"


def env_name() -> str:
    """A unique, valid environment name (lower-case, <= 40 chars)."""
    return "e2e-" + uid()[:12]


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


def list_ids(api, path: str, params, what: str) -> list[str]:
    body = api.get_ok(path, params, what)
    assert isinstance(body.get("data"), list), f"{what}.data: expected a list, got {body!r}"
    return ids_of(body["data"])


# ---------------------------------------------------------------------------------------------
# health
# ---------------------------------------------------------------------------------------------

def test_health_without_auth(api):
    status, body = api.get("/api/public/health", auth=None)
    assert status == 200, f"health: HTTP status expected 200, got {status} body={body!r}"
    check_fields(body, {"status": "OK"}, "health")
    assert isinstance(body.get("version"), str) and body["version"], f"health.version: got {body.get('version')!r}"


# ---------------------------------------------------------------------------------------------
# full trace round trip
# ---------------------------------------------------------------------------------------------

def test_full_trace_with_nested_observations_roundtrip(api):
    t0 = now_ms() - secs(600)
    trace_id, user, session = uid(), "user-" + uid(), "sess-" + uid()
    span_id, gen_id, child_id, event_id = uid(), uid(), uid(), uid()

    trace_body = {
        "id": trace_id, "timestamp": iso(t0), "name": "checkout-flow", "userId": user, "sessionId": session,
        "release": "2024.11.1", "version": "v3",
        "metadata": {"customer": "acme", "nested": {"region": "eu", "tier": "gold"}},
        "tags": ["e2e", "full"],
        "input": {"question": "What is Lantern?"},
        "output": {"answer": "A Langfuse-compatible server"},
        "public": True, "environment": "production",
    }
    span_body = {
        "id": span_id, "traceId": trace_id, "name": "handle-request",
        "startTime": iso(t0), "endTime": iso(t0 + secs(2.5)),
        "input": {"path": "/ask"}, "output": {"status": "done"}, "metadata": {"component": "http"},
        "level": "DEFAULT", "statusMessage": "ok", "version": "span-v1", "environment": "production",
    }
    gen_body = {
        "id": gen_id, "traceId": trace_id, "parentObservationId": span_id, "name": "llm-call",
        "startTime": iso(t0 + secs(0.5)), "completionStartTime": iso(t0 + secs(0.75)),
        "endTime": iso(t0 + secs(1.5)),
        "model": "lantern-e2e-model",
        "modelParameters": {"temperature": 0.2, "max_tokens": 256, "stream": False, "stop": ["END"]},
        "input": [{"role": "user", "content": "What is Lantern?"}],
        "output": {"role": "assistant", "content": "A server."},
        "usageDetails": {"input": 12, "output": 30, "total": 42},
        "costDetails": {"input": 0.0012, "output": 0.003, "total": 0.0042},
        "metadata": {"provider": "test"}, "level": "DEFAULT", "version": "gen-v1", "environment": "production",
    }
    child_body = {
        "id": child_id, "traceId": trace_id, "parentObservationId": span_id, "name": "retrieve",
        "startTime": iso(t0 + secs(0.1)), "endTime": iso(t0 + secs(0.4)),
        "input": {"query": "lantern"}, "output": {"docs": ["a", "b"]}, "level": "DEBUG",
        "environment": "production",
    }
    event_body = {
        "id": event_id, "traceId": trace_id, "parentObservationId": gen_id, "name": "first-token",
        "startTime": iso(t0 + secs(0.75)), "metadata": {"note": "first token"},
        "input": "stream-start", "level": "WARNING", "statusMessage": "slow first token",
        "environment": "production",
    }
    api.ingest([
        event("trace-create", trace_body, ts=t0),
        event("span-create", span_body, ts=t0),
        event("generation-create", gen_body, ts=t0 + secs(0.5)),
        event("span-create", child_body, ts=t0 + secs(0.1)),
        event("event-create", event_body, ts=t0 + secs(0.75)),
    ])

    trace = api.get_ok(f"{TRACES}/{trace_id}", what="trace detail")
    check_keys(trace, TRACE_DETAIL_KEYS, "trace")
    check_fields(trace, {
        "id": trace_id, "name": "checkout-flow", "userId": user, "sessionId": session,
        "release": "2024.11.1", "version": "v3",
        "metadata": {"customer": "acme", "nested": {"region": "eu", "tier": "gold"}},
        "tags": ["e2e", "full"], "input": {"question": "What is Lantern?"},
        "output": {"answer": "A Langfuse-compatible server"}, "public": True, "environment": "production",
    }, "trace")
    check_times(trace, {"timestamp": t0}, "trace")
    assert isinstance(trace["htmlPath"], str), f"trace.htmlPath: expected a string, got {trace['htmlPath']!r}"
    check_approx(trace, {"latency": 2.5, "totalCost": 0.0042}, "trace", rel=1e-3)
    assert trace["scores"] == [], f"trace.scores: expected [], got {trace['scores']!r}"

    assert isinstance(trace["observations"], list), f"trace.observations: expected a list, got {trace['observations']!r}"
    obs = by_id(trace["observations"])
    assert set(obs) == {span_id, gen_id, child_id, event_id}, f"trace.observations ids: got {sorted(obs)}"
    for oid, o in obs.items():
        check_keys(o, OBSERVATION_VIEW_KEYS, f"observation[{oid}]")
        check_fields(o, {"traceId": trace_id, "environment": "production"}, f"observation[{oid}]")

    span = obs[span_id]
    check_fields(span, {
        "type": "SPAN", "name": "handle-request", "parentObservationId": None, "input": {"path": "/ask"},
        "output": {"status": "done"}, "metadata": {"component": "http"}, "level": "DEFAULT",
        "statusMessage": "ok", "version": "span-v1",
    }, "span")
    check_times(span, {"startTime": t0, "endTime": t0 + secs(2.5)}, "span")
    check_approx(span, {"latency": 2.5}, "span", rel=1e-3)

    gen = obs[gen_id]
    check_fields(gen, {
        "type": "GENERATION", "name": "llm-call", "parentObservationId": span_id, "model": "lantern-e2e-model",
        "modelParameters": {"temperature": 0.2, "max_tokens": 256, "stream": False, "stop": ["END"]},
        "input": [{"role": "user", "content": "What is Lantern?"}],
        "output": {"role": "assistant", "content": "A server."},
        "usageDetails": {"input": 12, "output": 30, "total": 42},
        "metadata": {"provider": "test"}, "level": "DEFAULT", "version": "gen-v1", "statusMessage": None,
    }, "generation")
    check_approx(gen["costDetails"], {"input": 0.0012, "output": 0.003, "total": 0.0042}, "generation.costDetails")
    assert set(gen["costDetails"]) == {"input", "output", "total"}, f"generation.costDetails keys: {gen['costDetails']!r}"
    check_fields(gen["usage"], {"input": 12, "output": 30, "total": 42}, "generation.usage")
    check_times(gen, {"startTime": t0 + secs(0.5), "completionStartTime": t0 + secs(0.75),
                      "endTime": t0 + secs(1.5)}, "generation")
    check_approx(gen, {"latency": 1.0, "timeToFirstToken": 0.25, "calculatedTotalCost": 0.0042},
                 "generation", rel=1e-3)

    child = obs[child_id]
    check_fields(child, {"type": "SPAN", "name": "retrieve", "parentObservationId": span_id,
                         "input": {"query": "lantern"}, "output": {"docs": ["a", "b"]}, "level": "DEBUG"},
                 "nested span")
    check_times(child, {"startTime": t0 + secs(0.1), "endTime": t0 + secs(0.4)}, "nested span")

    ev = obs[event_id]
    check_fields(ev, {"type": "EVENT", "name": "first-token", "parentObservationId": gen_id,
                      "input": "stream-start", "metadata": {"note": "first token"}, "level": "WARNING",
                      "statusMessage": "slow first token"}, "event")
    check_times(ev, {"startTime": t0 + secs(0.75)}, "event")

    # The single-observation endpoint returns the same view.
    single = api.get_ok(f"{OBSERVATIONS}/{gen_id}", what="observation detail")
    check_keys(single, OBSERVATION_VIEW_KEYS, "observation detail")
    for key in ("id", "traceId", "type", "name", "parentObservationId", "model", "modelParameters", "input",
                "output", "usageDetails", "costDetails", "metadata", "level", "version", "environment"):
        assert single[key] == gen[key], f"observation detail.{key}: {single[key]!r} != trace view {gen[key]!r}"

    # The list view (TraceWithDetails) carries observation ids, not objects.
    body = api.get_ok(TRACES, {"userId": user}, "traces?userId")
    assert len(body["data"]) == 1, f"traces?userId data length: expected 1, got {len(body['data'])}"
    item = body["data"][0]
    check_keys(item, TRACE_KEYS + ["htmlPath", "latency", "totalCost", "observations", "scores"], "trace list item")
    check_fields(item, {"id": trace_id, "name": "checkout-flow", "tags": ["e2e", "full"],
                        "metadata": {"customer": "acme", "nested": {"region": "eu", "tier": "gold"}}},
                 "trace list item")
    assert sorted(item["observations"]) == sorted([span_id, gen_id, child_id, event_id]), \
        f"trace list item.observations: expected the 4 observation ids, got {item['observations']!r}"
    assert item["scores"] == [], f"trace list item.scores: expected [], got {item['scores']!r}"


def test_usage_and_cost_variants(api):
    t0 = now_ms() - secs(300)
    trace_id = uid()
    legacy, openai_style, no_total = uid(), uid(), uid()
    api.ingest([
        event("trace-create", {"id": trace_id, "timestamp": iso(t0), "name": "usage-variants"}),
        event("generation-create", {
            "id": legacy, "traceId": trace_id, "name": "legacy-usage", "startTime": iso(t0), "model": "m-legacy",
            "usage": {"input": 5, "output": 7, "total": 12, "unit": "TOKENS",
                      "inputCost": 0.5, "outputCost": 0.7, "totalCost": 1.2}}),
        event("generation-create", {
            "id": openai_style, "traceId": trace_id, "name": "openai-usage", "startTime": iso(t0),
            "usage": {"promptTokens": 3, "completionTokens": 4, "totalTokens": 7}}),
        event("generation-create", {
            "id": no_total, "traceId": trace_id, "name": "no-total", "startTime": iso(t0),
            "usageDetails": {"input": 20, "output": 22}, "costDetails": {"input": 0.25, "output": 0.5}}),
    ])
    obs = by_id(api.get_ok(f"{TRACES}/{trace_id}", what="trace detail")["observations"])

    check_fields(obs[legacy], {"usageDetails": {"input": 5, "output": 7, "total": 12}}, "legacy usage generation")
    check_approx(obs[legacy]["costDetails"], {"input": 0.5, "output": 0.7, "total": 1.2},
                 "legacy usage generation.costDetails")
    check_fields(obs[openai_style], {"usageDetails": {"input": 3, "output": 4, "total": 7}},
                 "openai-style usage generation")
    check_fields(obs[no_total], {"usageDetails": {"input": 20, "output": 22, "total": 42}},
                 "usageDetails-without-total generation")
    check_approx(obs[no_total]["costDetails"], {"input": 0.25, "output": 0.5, "total": 0.75},
                 "usageDetails-without-total generation.costDetails")


# ---------------------------------------------------------------------------------------------
# every observation type
# ---------------------------------------------------------------------------------------------

GENERATION_LIKE = {
    "generation-create": "GENERATION", "agent-create": "AGENT", "tool-create": "TOOL", "chain-create": "CHAIN",
    "retriever-create": "RETRIEVER", "evaluator-create": "EVALUATOR", "embedding-create": "EMBEDDING",
    "guardrail-create": "GUARDRAIL",
}


def test_every_observation_event_type(api):
    t0 = now_ms() - secs(120)
    trace_id = uid()
    expected: dict[str, dict] = {}
    events = [event("trace-create", {"id": trace_id, "timestamp": iso(t0), "name": "all-types"})]

    oid = uid()
    events.append(event("span-create", {"id": oid, "traceId": trace_id, "name": "span-x", "startTime": iso(t0),
                                        "endTime": iso(t0 + secs(1))}))
    expected[oid] = {"type": "SPAN", "name": "span-x"}
    oid = uid()
    events.append(event("event-create", {"id": oid, "traceId": trace_id, "name": "event-x", "startTime": iso(t0)}))
    expected[oid] = {"type": "EVENT", "name": "event-x"}
    for i, (etype, otype) in enumerate(GENERATION_LIKE.items()):
        oid = uid()
        events.append(event(etype, {
            "id": oid, "traceId": trace_id, "name": f"{otype.lower()}-x", "startTime": iso(t0 + secs(i)),
            "endTime": iso(t0 + secs(i + 0.5)), "model": f"model-{otype.lower()}",
            "usageDetails": {"input": i + 1, "output": 1, "total": i + 2}, "input": {"n": i}}))
        expected[oid] = {"type": otype, "name": f"{otype.lower()}-x", "model": f"model-{otype.lower()}",
                         "usageDetails": {"input": i + 1, "output": 1, "total": i + 2}, "input": {"n": i}}
    for legacy_type in ("SPAN", "EVENT", "GENERATION"):
        oid = uid()
        events.append(event("observation-create", {"id": oid, "traceId": trace_id, "type": legacy_type,
                                                   "name": f"legacy-{legacy_type.lower()}", "startTime": iso(t0)}))
        expected[oid] = {"type": legacy_type, "name": f"legacy-{legacy_type.lower()}"}
    legacy_gen = oid  # the GENERATION one, updated below via observation-update
    sdk_log = event("sdk-log", {"log": {"message": "hello from the e2e suite"}})
    events.append(sdk_log)

    body = api.ingest(events)
    assert sdk_log["id"] not in ids_of(body["errors"]), f"ingestion.errors: sdk-log reported as error: {body!r}"

    api.ingest([event("observation-update", {"id": legacy_gen, "traceId": trace_id, "type": "GENERATION",
                                             "output": {"updated": True}}, ts=now_ms())])
    expected[legacy_gen]["output"] = {"updated": True}

    for oid, want in expected.items():
        obs = api.get_ok(f"{OBSERVATIONS}/{oid}", what=f"observation {want['type']}")
        check_fields(obs, {"id": oid, "traceId": trace_id, **want}, f"observation[{want['name']}]")

    listed = api.get_ok(OBSERVATIONS, {"traceId": trace_id, "limit": 100}, "observations?traceId")
    check_meta(listed, "observations?traceId", totalItems=len(expected))
    got_types = sorted(o["type"] for o in listed["data"])
    assert got_types == sorted(w["type"] for w in expected.values()), f"observations.type values: got {got_types}"
    for otype in ("AGENT", "TOOL", "GUARDRAIL"):
        typed = api.get_ok(OBSERVATIONS, {"traceId": trace_id, "type": otype}, f"observations?type={otype}")
        assert [o["type"] for o in typed["data"]] == [otype], \
            f"observations?type={otype}: type values {[o['type'] for o in typed['data']]}"


def test_observation_without_trace_id_gets_one(api):
    oid = uid()
    api.ingest([event("event-create", {"id": oid, "name": "orphan-event"})])
    obs = api.get_ok(f"{OBSERVATIONS}/{oid}", what="orphan observation")
    check_fields(obs, {"id": oid, "type": "EVENT", "name": "orphan-event", "level": "DEFAULT"}, "orphan observation")
    assert isinstance(obs["traceId"], str) and obs["traceId"], f"orphan observation.traceId: got {obs['traceId']!r}"


def test_defaults_when_fields_absent(api):
    ts = now_ms() - secs(30)
    trace_id, span_id = uid(), uid()
    api.ingest([
        event("trace-create", {"id": trace_id}, ts=ts),
        event("span-create", {"id": span_id, "traceId": trace_id}, ts=ts),
    ])
    trace = api.get_ok(f"{TRACES}/{trace_id}", what="minimal trace")
    check_keys(trace, TRACE_DETAIL_KEYS, "minimal trace")
    check_fields(trace, {"name": None, "userId": None, "sessionId": None, "release": None, "version": None,
                         "tags": [], "public": False, "environment": "default"}, "minimal trace")
    check_times(trace, {"timestamp": ts}, "minimal trace")  # defaults to the envelope timestamp
    span = api.get_ok(f"{OBSERVATIONS}/{span_id}", what="minimal span")
    check_fields(span, {"type": "SPAN", "level": "DEFAULT", "environment": "default", "endTime": None},
                 "minimal span")
    check_times(span, {"startTime": ts}, "minimal span")  # defaults to the envelope timestamp


@pytest.mark.parametrize("given, stored", [
    ("Production", "production"),
    ("langfuse-Staging", "staging"),
    ("not a valid env!", "default"),
])
def test_environment_normalisation(api, given, stored):
    trace_id, span_id = uid(), uid()
    api.ingest([
        event("trace-create", {"id": trace_id, "name": "env", "environment": given}),
        event("span-create", {"id": span_id, "traceId": trace_id, "environment": given}),
    ])
    trace = api.get_ok(f"{TRACES}/{trace_id}", what="trace")
    check_fields(trace, {"environment": stored}, f"trace(environment={given!r})")
    span = api.get_ok(f"{OBSERVATIONS}/{span_id}", what="span")
    check_fields(span, {"environment": stored}, f"span(environment={given!r})")


# ---------------------------------------------------------------------------------------------
# merge semantics (contract §2)
# ---------------------------------------------------------------------------------------------

def test_trace_create_twice_merges_across_requests(api):
    t1 = now_ms() - secs(120)
    t2 = t1 + secs(60)
    trace_id, user = uid(), "user-" + uid()
    api.ingest([event("trace-create", {
        "id": trace_id, "timestamp": iso(t1), "name": "first", "userId": user, "release": "r1",
        "environment": "staging", "metadata": {"origin": "first", "shared": {"x": "one"}},
        "tags": ["zeta", "mid"], "input": {"q": "first"}}, ts=t1)])
    api.ingest([event("trace-create", {
        "id": trace_id, "timestamp": iso(t2), "name": "second", "version": "v2",
        "environment": "production", "metadata": {"added": "second", "shared": {"y": "two"}},
        "tags": ["alpha", "mid"], "input": None, "output": {"a": "second"}}, ts=t2)])

    trace = api.get_ok(f"{TRACES}/{trace_id}", what="merged trace")
    check_fields(trace, {
        "name": "second",            # later non-null value wins
        "userId": user,              # absent in the second event: kept
        "release": "r1",             # absent in the second event: kept
        "version": "v2",
        "tags": ["alpha", "mid", "zeta"],  # union, de-duplicated, sorted
        "metadata": {"origin": "first", "added": "second", "shared": {"x": "one", "y": "two"}},  # deep merge
        "input": {"q": "first"},     # explicit null does not overwrite
        "output": {"a": "second"},
        "environment": "staging",    # immutable: first value kept
    }, "merged trace")
    check_times(trace, {"timestamp": t1}, "merged trace")  # immutable: first value kept


def test_trace_events_in_one_batch_fold_in_timestamp_order(api):
    t1 = now_ms() - secs(90)
    trace_id = uid()
    newer = event("trace-create", {"id": trace_id, "name": "newer", "tags": ["b"],
                                   "metadata": {"k2": "v2"}}, ts=t1 + secs(10))
    older = event("trace-create", {"id": trace_id, "timestamp": iso(t1), "name": "older", "tags": ["a"],
                                   "metadata": {"k1": "v1"}, "userId": "u-older"}, ts=t1)
    api.ingest([newer, older])  # array order is not time order
    trace = api.get_ok(f"{TRACES}/{trace_id}", what="batch-merged trace")
    check_fields(trace, {"name": "newer", "userId": "u-older", "tags": ["a", "b"],
                         "metadata": {"k1": "v1", "k2": "v2"}}, "batch-merged trace")
    check_times(trace, {"timestamp": t1}, "batch-merged trace")


def test_span_update_sets_end_time_and_output_without_erasing(api):
    t0 = now_ms() - secs(60)
    trace_id, span_id = uid(), uid()
    api.ingest([
        event("trace-create", {"id": trace_id, "name": "span-update"}, ts=t0),
        event("span-create", {
            "id": span_id, "traceId": trace_id, "name": "work", "startTime": iso(t0), "input": {"x": 1},
            "metadata": {"a": "first", "nested": {"p": "px"}}, "level": "DEFAULT", "version": "v1",
            "statusMessage": "started", "environment": "staging"}, ts=t0),
    ])
    before = api.get_ok(f"{OBSERVATIONS}/{span_id}", what="span before update")
    check_fields(before, {"endTime": None, "output": None}, "span before update")

    api.ingest([event("span-update", {
        "id": span_id, "traceId": trace_id, "endTime": iso(t0 + secs(1.5)), "output": {"y": 2},
        "metadata": {"b": "second", "nested": {"q": "qy"}}, "level": "WARNING",
        "statusMessage": None, "version": None, "input": None, "environment": "production"},
        ts=t0 + secs(1.5))])

    span = api.get_ok(f"{OBSERVATIONS}/{span_id}", what="span after update")
    check_fields(span, {
        "type": "SPAN", "name": "work", "input": {"x": 1}, "output": {"y": 2}, "level": "WARNING",
        "metadata": {"a": "first", "b": "second", "nested": {"p": "px", "q": "qy"}},
        "statusMessage": "started", "version": "v1", "environment": "staging",
    }, "span after update")
    check_times(span, {"startTime": t0, "endTime": t0 + secs(1.5)}, "span after update")
    check_approx(span, {"latency": 1.5}, "span after update", rel=1e-3)
    trace = api.get_ok(f"{TRACES}/{trace_id}", what="trace")
    assert ids_of(trace["observations"]) == [span_id], \
        f"trace.observations: one merged span expected, got {ids_of(trace['observations'])}"


def test_update_listed_before_create_in_same_batch(api):
    ts = now_ms() - secs(30)
    trace_id, span_id = uid(), uid()
    api.ingest([
        event("span-update", {"id": span_id, "traceId": trace_id, "output": "done",
                              "endTime": iso(ts + secs(2))}, ts=ts),
        event("span-create", {"id": span_id, "traceId": trace_id, "name": "created", "startTime": iso(ts),
                              "input": "start"}, ts=ts),
        event("trace-create", {"id": trace_id, "name": "order"}, ts=ts),
    ])
    span = api.get_ok(f"{OBSERVATIONS}/{span_id}", what="span")
    check_fields(span, {"name": "created", "input": "start", "output": "done"}, "span")
    check_times(span, {"startTime": ts, "endTime": ts + secs(2)}, "span")


def test_generation_update_merges_usage_and_keeps_on_empty(api):
    t0 = now_ms() - secs(60)
    trace_id, gen_id = uid(), uid()
    api.ingest([
        event("trace-create", {"id": trace_id, "name": "gen-update"}, ts=t0),
        event("generation-create", {"id": gen_id, "traceId": trace_id, "name": "gen", "startTime": iso(t0),
                                    "model": "m1", "modelParameters": {"temperature": 0.1},
                                    "input": "prompt"}, ts=t0),
    ])
    api.ingest([event("generation-update", {
        "id": gen_id, "traceId": trace_id, "completionStartTime": iso(t0 + secs(0.2)),
        "endTime": iso(t0 + secs(1)), "output": "completion",
        "usageDetails": {"input": 3, "output": 4}, "costDetails": {"total": 0.5}}, ts=t0 + secs(1))])
    api.ingest([event("generation-update", {
        "id": gen_id, "traceId": trace_id, "usageDetails": {}, "costDetails": {}},
        ts=t0 + secs(2))])

    gen = api.get_ok(f"{OBSERVATIONS}/{gen_id}", what="generation")
    check_fields(gen, {"type": "GENERATION", "name": "gen", "model": "m1", "modelParameters": {"temperature": 0.1},
                       "input": "prompt", "output": "completion",
                       "usageDetails": {"input": 3, "output": 4, "total": 7}}, "generation")
    check_approx(gen["costDetails"], {"total": 0.5}, "generation.costDetails")
    check_times(gen, {"startTime": t0, "completionStartTime": t0 + secs(0.2), "endTime": t0 + secs(1)},
                "generation")


# ---------------------------------------------------------------------------------------------
# trace list: filters, ordering, pagination
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def five_traces(api):
    """Five traces of one unique user, one minute apart, with varied attributes."""
    user, session, suffix = "user-" + uid(), "sess-" + uid(), uid()[:8]
    base = (now_ms() - secs(7200)).replace(microsecond=0)
    specs = [
        dict(name=f"alpha-{suffix}", tags=["red"], release="r1", version="v1", environment="prod", sessionId=session),
        dict(name=f"beta-{suffix}", tags=["red", "blue"], release="r2", version="v1", environment="dev",
             sessionId=session),
        dict(name=f"alpha-{suffix}", tags=["blue"], release="r1", version="v2", environment="prod"),
        dict(name=f"beta-{suffix}", tags=["blue", "green", "red"], release="r2", version="v2",
             environment="staging"),
        dict(name=f"alpha-{suffix}", tags=[]),
    ]
    ids, times, events = [], [], []
    for i, spec in enumerate(specs):
        tid, ts = uid(), base + secs(60 * i)
        ids.append(tid)
        times.append(ts)
        events.append(event("trace-create", {"id": tid, "timestamp": iso(ts), "userId": user, **spec}, ts=ts))
    api.ingest(events)
    return dict(user=user, session=session, suffix=suffix, ids=ids, times=times)


def test_traces_list_by_user_and_default_order(api, five_traces):
    t = five_traces
    body = api.get_ok(TRACES, {"userId": t["user"]}, "traces?userId")
    check_meta(body, "traces?userId", page=1, limit=50, totalItems=5, totalPages=1)
    assert ids_of(body["data"]) == list(reversed(t["ids"])), \
        f"traces.data ids: default order must be timestamp desc, got {ids_of(body['data'])}"
    for item in body["data"]:
        check_keys(item, TRACE_KEYS + ["htmlPath", "latency", "totalCost", "observations", "scores"],
                   "trace list item")
        check_fields(item, {"userId": t["user"]}, "trace list item")


def test_traces_pagination(api, five_traces):
    t = five_traces
    seen = []
    for page, expected in [(1, t["ids"][0:2]), (2, t["ids"][2:4]), (3, t["ids"][4:5]), (4, [])]:
        body = api.get_ok(TRACES, {"userId": t["user"], "limit": 2, "page": page, "orderBy": "timestamp.asc"},
                          f"traces page {page}")
        check_meta(body, f"traces page {page}", page=page, limit=2, totalItems=5, totalPages=3)
        assert ids_of(body["data"]) == expected, f"traces page {page}.data ids: expected {expected}, got " \
                                                 f"{ids_of(body['data'])}"
        seen += ids_of(body["data"])
    assert seen == t["ids"], f"traces pages: union of ids must be all 5 traces in order, got {seen}"


@pytest.mark.parametrize("params, indexes", [
    ({"name": "alpha"}, [0, 2, 4]),
    ({"tags": ["red"]}, [0, 1, 3]),
    ({"tags": ["red", "blue"]}, [1, 3]),
    ({"release": "r1"}, [0, 2]),
    ({"version": "v2"}, [2, 3]),
    ({"environment": ["prod"]}, [0, 2]),
    ({"environment": ["prod", "staging"]}, [0, 2, 3]),
    ({"environment": ["default"]}, [4]),
    ({"sessionId": "SESSION"}, [0, 1]),
    ({"fromTimestamp": 1, "toTimestamp": 3}, [1, 2]),   # from inclusive, to exclusive
    ({"fromTimestamp": 3}, [3, 4]),
    ({"toTimestamp": 1}, [0]),
], ids=["name", "tag", "tags-all-of", "release", "version", "environment", "environments", "env-default",
        "sessionId", "from-to", "from", "to"])
def test_traces_filters(api, five_traces, params, indexes):
    t = five_traces
    query = {"userId": t["user"], "orderBy": "timestamp.asc"}
    for key, value in params.items():
        if key == "name":
            value = f"{value}-{t['suffix']}"
        elif key == "sessionId":
            value = t["session"]
        elif key in ("fromTimestamp", "toTimestamp"):
            value = iso(t["times"][value])
        query[key] = value
    body = api.get_ok(TRACES, query, f"traces?{params}")
    expected = [t["ids"][i] for i in indexes]
    assert ids_of(body["data"]) == expected, f"traces?{params} data ids: expected trace #{indexes}, got " \
                                             f"#{[t['ids'].index(x) if x in t['ids'] else x for x in ids_of(body['data'])]}"
    check_meta(body, f"traces?{params}", totalItems=len(expected))


# ---------------------------------------------------------------------------------------------
# observations list filters
# ---------------------------------------------------------------------------------------------

def test_observations_filters_and_pagination(api):
    base = (now_ms() - secs(3600)).replace(microsecond=0)
    user, env = "user-" + uid(), env_name()
    trace_id, trace2 = uid(), uid()
    span, gen, ev, nested, other = uid(), uid(), uid(), uid(), uid()
    api.ingest([
        event("trace-create", {"id": trace_id, "timestamp": iso(base), "userId": user, "environment": env}),
        event("trace-create", {"id": trace2, "timestamp": iso(base), "userId": user, "environment": env}),
        event("span-create", {"id": span, "traceId": trace_id, "name": "root", "startTime": iso(base),
                              "environment": env}),
        event("generation-create", {"id": gen, "traceId": trace_id, "parentObservationId": span, "name": "llm",
                                    "startTime": iso(base + secs(1)), "level": "WARNING", "environment": env}),
        event("event-create", {"id": ev, "traceId": trace_id, "parentObservationId": span, "name": "boom",
                               "startTime": iso(base + secs(2)), "level": "ERROR", "environment": env}),
        event("span-create", {"id": nested, "traceId": trace_id, "parentObservationId": gen, "name": "nested",
                              "startTime": iso(base + secs(3)), "environment": env}),
        event("event-create", {"id": other, "traceId": trace2, "name": "other", "startTime": iso(base + secs(4)),
                               "environment": env}),
    ])

    def ids(params, what):
        return set(list_ids(api, OBSERVATIONS, params, what))

    assert ids({"traceId": trace_id}, "observations?traceId") == {span, gen, ev, nested}, "observations?traceId ids"
    assert ids({"traceId": trace_id, "type": "GENERATION"}, "type") == {gen}, "observations?type=GENERATION ids"
    assert ids({"userId": user, "type": "EVENT"}, "type+user") == {ev, other}, "observations?type=EVENT&userId ids"
    assert ids({"traceId": trace_id, "name": "llm"}, "name") == {gen}, "observations?name ids"
    assert ids({"parentObservationId": span}, "parent") == {gen, ev}, "observations?parentObservationId ids"
    assert ids({"parentObservationId": gen}, "parent") == {nested}, "observations?parentObservationId ids"
    assert ids({"userId": user, "level": "ERROR"}, "level") == {ev}, "observations?level=ERROR ids"
    assert ids({"userId": user}, "userId") == {span, gen, ev, nested, other}, "observations?userId ids"
    assert ids({"environment": env}, "environment") == {span, gen, ev, nested, other}, "observations?environment ids"
    assert ids({"userId": user, "fromStartTime": iso(base + secs(1)), "toStartTime": iso(base + secs(3))},
               "time range") == {gen, ev}, "observations?fromStartTime&toStartTime ids (from incl., to excl.)"

    page1 = api.get_ok(OBSERVATIONS, {"traceId": trace_id, "limit": 3, "page": 1}, "observations page 1")
    page2 = api.get_ok(OBSERVATIONS, {"traceId": trace_id, "limit": 3, "page": 2}, "observations page 2")
    check_meta(page1, "observations page 1", page=1, limit=3, totalItems=4, totalPages=2)
    check_meta(page2, "observations page 2", page=2, limit=3, totalItems=4, totalPages=2)
    assert len(page1["data"]) == 3 and len(page2["data"]) == 1, \
        f"observations pages data length: got {len(page1['data'])} and {len(page2['data'])}"
    assert set(ids_of(page1["data"]) + ids_of(page2["data"])) == {span, gen, ev, nested}, \
        "observations pages: union of ids must be the trace's 4 observations"
    for o in page1["data"]:
        check_keys(o, OBSERVATION_VIEW_KEYS, "observation list item")


# ---------------------------------------------------------------------------------------------
# sessions
# ---------------------------------------------------------------------------------------------

def test_sessions_list_and_detail(api):
    env = env_name()
    s1, s2 = "sess-" + uid(), "sess-" + uid()
    t_a, t_b, t_c = uid(), uid(), uid()
    ts = now_ms() - secs(60)
    api.ingest([
        event("trace-create", {"id": t_a, "timestamp": iso(ts), "sessionId": s1, "environment": env, "name": "a"}),
        event("trace-create", {"id": t_b, "timestamp": iso(ts + secs(1)), "sessionId": s1, "environment": env,
                               "name": "b"}),
        event("trace-create", {"id": t_c, "timestamp": iso(ts), "sessionId": s2, "environment": env, "name": "c"}),
    ])
    projects = api.get_ok("/api/public/projects", what="projects")
    project_id = projects["data"][0]["id"]

    body = api.get_ok(SESSIONS, {"environment": env}, "sessions?environment")
    check_meta(body, "sessions?environment", page=1, totalItems=2, totalPages=1)
    sessions = by_id(body["data"])
    assert set(sessions) == {s1, s2}, f"sessions.data ids: expected {[s1, s2]}, got {sorted(sessions)}"
    for sid, s in sessions.items():
        check_keys(s, SESSION_KEYS, f"session[{sid}]")
        check_fields(s, {"projectId": project_id, "environment": env}, f"session[{sid}]")
        parse_ts(s["createdAt"], f"session[{sid}].createdAt")

    paged = api.get_ok(SESSIONS, {"environment": env, "limit": 1, "page": 2}, "sessions page 2")
    check_meta(paged, "sessions page 2", page=2, limit=1, totalItems=2, totalPages=2)
    assert len(paged["data"]) == 1, f"sessions page 2.data length: expected 1, got {len(paged['data'])}"

    hour = secs(3600)
    future = api.get_ok(SESSIONS, {"environment": env, "fromTimestamp": iso(now_ms() + hour)}, "sessions future")
    assert future["data"] == [], f"sessions?fromTimestamp=+1h data: expected [], got {future['data']!r}"
    past = api.get_ok(SESSIONS, {"environment": env, "fromTimestamp": iso(now_ms() - hour),
                                 "toTimestamp": iso(now_ms() + hour)}, "sessions window")
    assert set(ids_of(past["data"])) == {s1, s2}, f"sessions?from/toTimestamp data ids: got {ids_of(past['data'])}"
    before = api.get_ok(SESSIONS, {"environment": env, "toTimestamp": iso(now_ms() - hour)}, "sessions past")
    assert before["data"] == [], f"sessions?toTimestamp=-1h data: expected [], got {before['data']!r}"

    detail = api.get_ok(f"{SESSIONS}/{s1}", what="session detail")
    check_keys(detail, SESSION_KEYS + ["traces"], "session detail")
    check_fields(detail, {"id": s1, "projectId": project_id, "environment": env}, "session detail")
    traces = by_id(detail["traces"])
    assert set(traces) == {t_a, t_b}, f"session detail.traces ids: expected {[t_a, t_b]}, got {sorted(traces)}"
    for tid, tr in traces.items():
        check_keys(tr, TRACE_KEYS, f"session trace[{tid}]")
        check_fields(tr, {"sessionId": s1, "environment": env}, f"session trace[{tid}]")
    check_fields(traces[t_b], {"name": "b"}, "session trace[b]")

    status, body = api.get(f"{SESSIONS}/sess-{uid()}")
    check_not_found(status, body, "GET unknown session")


# ---------------------------------------------------------------------------------------------
# scores
# ---------------------------------------------------------------------------------------------

def test_scores_appear_in_trace_detail(api):
    ts = now_ms() - secs(30)
    trace_id, gen_id, user = uid(), uid(), "user-" + uid()
    s_num, s_cat, s_bool = uid(), uid(), uid()
    api.ingest([
        event("trace-create", {"id": trace_id, "name": "scored", "userId": user}, ts=ts),
        event("generation-create", {"id": gen_id, "traceId": trace_id, "name": "g", "startTime": iso(ts)}, ts=ts),
        event("score-create", {"id": s_num, "traceId": trace_id, "name": "accuracy", "value": 0.9,
                               "dataType": "NUMERIC", "comment": "close enough", "metadata": {"judge": "e2e"}},
              ts=ts + secs(1)),
        event("score-create", {"id": s_cat, "traceId": trace_id, "observationId": gen_id, "name": "quality",
                               "value": "great"}, ts=ts + secs(2)),
        event("score-create", {"id": s_bool, "traceId": trace_id, "name": "correct", "value": 1,
                               "dataType": "BOOLEAN"}, ts=ts + secs(3)),
    ])

    trace = api.get_ok(f"{TRACES}/{trace_id}", what="scored trace")
    scores = by_id(trace["scores"])
    assert set(scores) == {s_num, s_cat, s_bool}, f"trace.scores ids: got {sorted(scores)}"
    for sid, s in scores.items():
        check_keys(s, SCORE_V1_KEYS, f"score[{sid}]")
        check_fields(s, {"traceId": trace_id, "source": "API", "environment": "default"}, f"score[{sid}]")
    check_fields(scores[s_num], {"name": "accuracy", "dataType": "NUMERIC", "comment": "close enough",
                                 "observationId": None, "metadata": {"judge": "e2e"}}, "numeric score")
    check_approx(scores[s_num], {"value": 0.9}, "numeric score")
    check_times(scores[s_num], {"timestamp": ts + secs(1)}, "numeric score")
    check_fields(scores[s_cat], {"name": "quality", "dataType": "CATEGORICAL", "stringValue": "great",
                                 "observationId": gen_id}, "categorical score")
    check_fields(scores[s_bool], {"name": "correct", "dataType": "BOOLEAN", "stringValue": "True"}, "boolean score")
    check_approx(scores[s_bool], {"value": 1}, "boolean score")

    listed = api.get_ok(TRACES, {"userId": user}, "traces?userId")
    assert sorted(listed["data"][0]["scores"]) == sorted([s_num, s_cat, s_bool]), \
        f"trace list item.scores: expected the 3 score ids, got {listed['data'][0]['scores']!r}"

    # score-create with an existing id updates (upserts) that score
    api.ingest([event("score-create", {"id": s_num, "traceId": trace_id, "name": "accuracy", "value": 0.5,
                                       "dataType": "NUMERIC"}, ts=ts + secs(1))])
    scores = by_id(api.get_ok(f"{TRACES}/{trace_id}", what="scored trace")["scores"])
    assert len(scores) == 3, f"trace.scores length after upsert: expected 3, got {len(scores)}"
    check_approx(scores[s_num], {"value": 0.5}, "upserted numeric score")


# ---------------------------------------------------------------------------------------------
# delete
# ---------------------------------------------------------------------------------------------

def test_delete_single_trace(api):
    trace_id, span_id, score_id, user = uid(), uid(), uid(), "user-" + uid()
    api.ingest([
        event("trace-create", {"id": trace_id, "name": "to-delete", "userId": user}),
        event("span-create", {"id": span_id, "traceId": trace_id, "name": "s"}),
        event("score-create", {"id": score_id, "traceId": trace_id, "name": "n", "value": 1.0}),
    ])
    api.get_ok(f"{TRACES}/{trace_id}", what="trace before delete")

    status, body = api.delete(f"{TRACES}/{trace_id}")
    assert status == 200, f"DELETE trace: HTTP status expected 200, got {status} body={body!r}"
    assert isinstance(body, dict) and isinstance(body.get("message"), str), f"DELETE trace.message: got {body!r}"

    status, body = api.get(f"{TRACES}/{trace_id}")
    check_not_found(status, body, "GET deleted trace")
    status, body = api.get(f"{OBSERVATIONS}/{span_id}")
    check_not_found(status, body, "GET observation of deleted trace")
    listed = api.get_ok(TRACES, {"userId": user}, "traces?userId after delete")
    assert listed["data"] == [], f"traces?userId after delete data: expected [], got {listed['data']!r}"
    check_meta(listed, "traces?userId after delete", totalItems=0)


def test_delete_traces_bulk(api):
    user = "user-" + uid()
    doomed, survivor = [uid(), uid()], uid()
    api.ingest([event("trace-create", {"id": tid, "userId": user, "name": "bulk"}) for tid in doomed + [survivor]])

    status, body = api.delete(TRACES, {"traceIds": doomed})
    assert status == 200, f"DELETE traces (bulk): HTTP status expected 200, got {status} body={body!r}"
    for tid in doomed:
        status, body = api.get(f"{TRACES}/{tid}")
        check_not_found(status, body, f"GET bulk-deleted trace {tid}")
    api.get_ok(f"{TRACES}/{survivor}", what="trace not in the bulk delete")
    listed = api.get_ok(TRACES, {"userId": user}, "traces?userId after bulk delete")
    assert ids_of(listed["data"]) == [survivor], f"traces?userId after bulk delete data ids: {ids_of(listed['data'])}"


def test_unknown_ids_are_404(api):
    for path in (f"{TRACES}/{uid()}", f"{OBSERVATIONS}/{uid()}", f"{SESSIONS}/{uid()}"):
        status, body = api.get(path)
        check_not_found(status, body, f"GET {path}")
