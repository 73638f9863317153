"""Bad input: authentication failures, malformed ingestion bodies, per-event validation errors,
oversized bodies; the server must keep serving afterwards."""

from __future__ import annotations

import json

import pytest

from conftest import basic_auth, check_fields, check_not_found, event, ids_of, iso, now_ms, uid

INGESTION = "/api/public/ingestion"
TRACES = "/api/public/traces"

MAX_INGESTION_BODY = int(4.5 * 1024 * 1024)  # 4.5 MB body-parser limit (contract §0/§2)


def assert_healthy(api, after: str) -> None:
    status, body = api.get("/api/public/health", auth=None)
    assert status == 200, f"health after {after}: HTTP status expected 200, got {status} body={body!r}"
    check_fields(body, {"status": "OK"}, f"health after {after}")


def assert_message(status: int, body, expected_status: int, what: str) -> None:
    assert status == expected_status, f"{what}: HTTP status expected {expected_status}, got {status} body={body!r}"
    assert isinstance(body, dict), f"{what}: body must be a JSON object, got {body!r}"
    assert isinstance(body.get("message"), str) and body["message"], f"{what}.message: got {body.get('message')!r}"


def batch_bytes(n_bytes: int) -> tuple[bytes, str]:
    """A valid one-trace ingestion body of exactly ``n_bytes`` bytes; returns (body, trace id)."""
    trace_id = uid()
    skeleton = {"batch": [event("trace-create", {"id": trace_id, "name": "big", "input": ""})]}
    overhead = len(json.dumps(skeleton).encode())
    skeleton["batch"][0]["body"]["input"] = "x" * (n_bytes - overhead)
    data = json.dumps(skeleton).encode()
    assert len(data) == n_bytes, f"test setup: body size {len(data)} != {n_bytes}"
    return data, trace_id


# ---------------------------------------------------------------------------------------------
# authentication
# ---------------------------------------------------------------------------------------------

AUTH_CASES = {
    "missing": None,
    "wrong-secret": basic_auth("pk-lf-dev", "sk-lf-wrong"),
    "unknown-public-key": basic_auth("pk-lf-" + "0" * 12, "sk-lf-dev"),
    "not-base64": "Basic !!!not-base64!!!",
    "no-colon": "Basic " + "cGstbGYtZGV2",  # base64("pk-lf-dev") without ":secret"
}
ROUTES = [
    ("GET", TRACES), ("GET", "/api/public/observations"), ("GET", "/api/public/sessions"),
    ("GET", "/api/public/projects"), ("POST", INGESTION),
]


@pytest.mark.parametrize("method, path", ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
@pytest.mark.parametrize("case", list(AUTH_CASES))
def test_auth_failures_are_401_with_message(api, method, path, case):
    auth = AUTH_CASES[case]
    kwargs = {"json_body": {"batch": []}} if method == "POST" else {}
    status, body = api.request(method, path, auth=auth, **kwargs)
    assert_message(status, body, 401, f"{method} {path} with {case} auth")


def test_rejected_auth_writes_nothing(api):
    trace_id = uid()
    status, body = api.post(INGESTION, {"batch": [event("trace-create", {"id": trace_id, "name": "x"})]},
                            auth=basic_auth("pk-lf-dev", "sk-lf-wrong"))
    assert_message(status, body, 401, "ingestion with wrong secret")
    status, body = api.get(f"{TRACES}/{trace_id}")
    check_not_found(status, body, "GET trace sent with wrong secret")


# ---------------------------------------------------------------------------------------------
# malformed ingestion bodies -> 400
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    b'{"batch": [',
    b"{not json at all",
    b'{"batch": [{"id": "x", "type": "trace-create", "body": {}}]',  # missing closing brace
    b"",
], ids=["truncated", "garbage", "unbalanced", "empty"])
def test_malformed_json_is_400(api, raw):
    status, body = api.post_raw(INGESTION, raw)
    assert_message(status, body, 400, f"ingestion with body {raw[:40]!r}")
    assert_healthy(api, "malformed JSON")


@pytest.mark.parametrize("payload", [
    {"batch": {"id": "x", "type": "trace-create", "body": {}}},
    {"batch": "trace-create"},
    {"batch": None},
    {"batch": 42},
    {"events": []},
    [{"id": "x", "type": "trace-create", "timestamp": "2024-01-01T00:00:00.000Z", "body": {}}],
    "batch",
], ids=["batch-object", "batch-string", "batch-null", "batch-number", "missing-batch", "top-level-array",
        "top-level-string"])
def test_batch_not_an_array_is_400(api, payload):
    status, body = api.post(INGESTION, payload)
    assert_message(status, body, 400, f"ingestion with payload {payload!r}")


def test_empty_batch_is_207_with_empty_lists(api):
    status, body = api.post(INGESTION, {"batch": []})
    assert status == 207, f"empty batch: HTTP status expected 207, got {status} body={body!r}"
    check_fields(body, {"successes": [], "errors": []}, "empty batch response")


# ---------------------------------------------------------------------------------------------
# per-event validation: bad events fail alone, good events in the same batch succeed
# ---------------------------------------------------------------------------------------------

def test_bad_events_fail_individually(api):
    good_trace, good_span, bad_trace = uid(), uid(), uid()
    good = [
        event("trace-create", {"id": good_trace, "name": "good"}),
        event("span-create", {"id": good_span, "traceId": good_trace, "name": "good-span"}),
    ]
    no_timestamp = event("trace-create", {"id": uid(), "name": "no envelope timestamp"})
    del no_timestamp["timestamp"]
    bad = {
        "unknown type": event("banana-create", {"id": uid()}),
        "name is a number": event("trace-create", {"id": bad_trace, "name": 5}),
        "observation without body.id": event("span-create", {"traceId": good_trace, "name": "no id"}),
        "generation without body.id": event("generation-create", {"traceId": good_trace, "name": "no id"}),
        "tags not a list": event("trace-create", {"id": uid(), "tags": "a,b"}),
        "bad level": event("span-create", {"id": uid(), "traceId": good_trace, "level": "LOUD"}),
        "body not an object": event("trace-create", "not-an-object"),
        "missing envelope timestamp": no_timestamp,
        "score without target": event("score-create", {"id": uid(), "name": "orphan", "value": 1}),
    }
    batch = [good[0], *list(bad.values())[:4], good[1], *list(bad.values())[4:]]
    status, body = api.post(INGESTION, {"batch": batch})
    assert status == 207, f"mixed batch: HTTP status expected 207, got {status} body={body!r}"
    assert isinstance(body, dict), f"mixed batch: body must be a JSON object, got {body!r}"

    success_ids = ids_of(body.get("successes") or [])
    assert sorted(success_ids) == sorted(e["id"] for e in good), \
        f"mixed batch.successes ids: expected only the 2 good events, got {body.get('successes')!r}"
    for s in body["successes"]:
        assert s.get("status") == 201, f"mixed batch.successes[{s.get('id')}].status: expected 201, got {s!r}"

    errors = {e.get("id"): e for e in body.get("errors") or []}
    for label, ev in bad.items():
        assert ev["id"] in errors, f"mixed batch.errors: event '{label}' ({ev['id']}) missing; errors={errors!r}"
        err = errors[ev["id"]]
        assert err.get("status") == 400, f"mixed batch.errors['{label}'].status: expected 400, got {err!r}"
        assert "message" in err, f"mixed batch.errors['{label}'].message: field missing in {err!r}"
    assert len(errors) == len(bad), f"mixed batch.errors: expected {len(bad)} entries, got {sorted(errors)}"

    trace = api.get_ok(f"{TRACES}/{good_trace}", what="good trace from mixed batch")
    check_fields(trace, {"name": "good"}, "good trace from mixed batch")
    assert ids_of(trace["observations"]) == [good_span], \
        f"good trace.observations: expected only the good span, got {ids_of(trace['observations'])}"
    status, body = api.get(f"{TRACES}/{bad_trace}")
    check_not_found(status, body, "GET trace whose create event was rejected")
    assert_healthy(api, "mixed batch")


# ---------------------------------------------------------------------------------------------
# body size limit
# ---------------------------------------------------------------------------------------------

def test_body_over_limit_is_413_and_server_keeps_serving(api):
    data, trace_id = batch_bytes(5 * 1024 * 1024)
    assert len(data) > MAX_INGESTION_BODY
    status, body = api.post_raw(INGESTION, data)
    assert status == 413, f"ingestion with {len(data)} byte body: HTTP status expected 413, got {status} " \
                          f"body={str(body)[:300]!r}"
    assert_healthy(api, "413")
    status, body = api.get(f"{TRACES}/{trace_id}")
    check_not_found(status, body, "GET trace from the rejected oversized batch")

    follow_up = uid()
    api.ingest([event("trace-create", {"id": follow_up, "name": "after-413"})], what="ingestion after 413")
    trace = api.get_ok(f"{TRACES}/{follow_up}", what="trace ingested after 413")
    check_fields(trace, {"name": "after-413"}, "trace ingested after 413")


def test_body_just_under_limit_is_accepted(api):
    size = 4 * 1024 * 1024  # below 4.5 MB in both decimal and binary readings; above common 1-2 MB defaults
    data, trace_id = batch_bytes(size)
    status, body = api.post_raw(INGESTION, data)
    assert status == 207, f"ingestion with {size} byte body: HTTP status expected 207, got {status} " \
                          f"body={str(body)[:300]!r}"
    assert ids_of(body.get("successes") or []) and not body.get("errors"), \
        f"ingestion with {size} byte body: successes/errors: {body!r}"
    trace = api.get_ok(f"{TRACES}/{trace_id}", what="large trace")
    assert isinstance(trace["input"], str) and len(trace["input"]) == len(
        json.loads(data)["batch"][0]["body"]["input"]), \
        f"large trace.input: length {len(trace['input']) if isinstance(trace['input'], str) else trace['input']!r}"


# ---------------------------------------------------------------------------------------------
# unknown ids and the server still alive
# ---------------------------------------------------------------------------------------------

def test_unknown_trace_is_404_and_server_still_serving(api):
    status, body = api.get(f"{TRACES}/{uid()}")
    check_not_found(status, body, "GET unknown trace")
    assert_healthy(api, "bad-input tests")
    status, body = api.get(TRACES, {"fromTimestamp": iso(now_ms())})
    assert status == 200, f"traces list after bad input: HTTP status expected 200, got {status} body={body!r}"
