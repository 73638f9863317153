"""OTLP ingestion (POST /api/public/otel/v1/traces) from stock OpenTelemetry exporters and raw OTLP.

(a) The OpenTelemetry Python SDK with the stock OTLP/HTTP protobuf exporter, configured only through
    the standard OTEL_EXPORTER_OTLP_TRACES_* environment variables, emitting GenAI-semconv and
    OpenInference spans; (b) hand-written OTLP/JSON posted with urllib; (c) malformed payloads.
Every test uses its own span names and ids; the exporter runs on a private TracerProvider.
"""

from __future__ import annotations

import base64
import gzip
import json
import time
from typing import Sequence

import pytest

pytest.importorskip("opentelemetry.exporter.otlp.proto.http", reason="install Tests/e2e/requirements.txt")

from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter  # noqa: E402
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest  # noqa: E402
from opentelemetry.sdk.resources import Resource  # noqa: E402
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult  # noqa: E402

from conftest import (DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY, check_fields, check_times, get_when,  # noqa: E402
                      now_ms, secs, uid)

OTEL_PATH = "/api/public/otel/v1/traces"
TRACES = "/api/public/traces"
OBSERVATIONS = "/api/public/observations"

OTEL_ENV_VARS = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_COMPRESSION",
                 "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
                 "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_TIMEOUT",
                 "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_PROTOCOL",
                 "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"]


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

class RecordingExporter(SpanExporter):
    """Delegates to the stock exporter and remembers each export result (so failures are visible)."""

    def __init__(self, inner: SpanExporter) -> None:
        self.inner = inner
        self.results: list[SpanExportResult] = []

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        result = self.inner.export(spans)
        self.results.append(result)
        return result

    def shutdown(self) -> None:
        self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.inner.force_flush(timeout_millis)


@pytest.fixture
def otel_tracer(lantern_server, monkeypatch):
    """A private TracerProvider exporting through ``OTLPSpanExporter()`` configured only via env vars."""
    def make(compression: str | None = None, resource: dict | None = None):
        for var in OTEL_ENV_VARS:
            monkeypatch.delenv(var, raising=False)
        token = base64.b64encode(f"{DEFAULT_PUBLIC_KEY}:{DEFAULT_SECRET_KEY}".encode()).decode()
        monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", lantern_server.base_url + OTEL_PATH)
        monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_HEADERS", f"Authorization=Basic%20{token}")
        if compression:
            monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", compression)
        exporter = RecordingExporter(OTLPSpanExporter())
        provider = TracerProvider(resource=Resource.create(resource or {"service.name": "lantern-e2e-otel"}))
        provider.add_span_processor(SimpleSpanProcessor(exporter))
        created.append(provider)
        return provider.get_tracer("lantern.e2e.otel", "1.0.0"), provider, exporter

    created: list[TracerProvider] = []
    yield make
    for provider in created:
        provider.shutdown()


def hex_ids(span) -> tuple[str, str]:
    ctx = span.get_span_context()
    return format(ctx.trace_id, "032x"), format(ctx.span_id, "016x")


def flush_and_check(provider: TracerProvider, exporter: RecordingExporter, n_exports: int) -> None:
    assert provider.force_flush(10_000), "TracerProvider.force_flush: timed out"
    assert len(exporter.results) == n_exports, f"OTLP exports: expected {n_exports}, got {len(exporter.results)}"
    failed = [r for r in exporter.results if r is not SpanExportResult.SUCCESS]
    assert not failed, f"OTLP export results: expected all SUCCESS (HTTP 2xx), got {exporter.results}"


def read_trace(api, trace_id: str, n_observations: int, what: str) -> dict:
    def verify(body):
        got = len(body.get("observations") or [])
        assert got == n_observations, f"{what}.observations: expected {n_observations}, got {got}"
    return get_when(api, f"{TRACES}/{trace_id}", what, check=verify)


def attr(key: str, value) -> dict:
    """One OTLP/JSON KeyValue."""
    if isinstance(value, bool):
        v = {"boolValue": value}
    elif isinstance(value, int):
        v = {"intValue": str(value)}
    elif isinstance(value, float):
        v = {"doubleValue": value}
    elif isinstance(value, list):
        v = {"arrayValue": {"values": [attr("_", x)["value"] for x in value]}}
    else:
        v = {"stringValue": value}
    return {"key": key, "value": v}


def otlp_json(spans: list[dict], resource_attrs: list[dict] | None = None, scope: str = "raw-e2e") -> dict:
    return {"resourceSpans": [{
        "resource": {"attributes": resource_attrs or [attr("service.name", "raw-e2e")]},
        "scopeSpans": [{"scope": {"name": scope, "version": "0.1"}, "spans": spans}],
    }]}


def json_span(trace_id: str, span_id: str, name: str, *, parent: str | None = None, start_ns: int | None = None,
              end_ns: int | None = None, attributes: list[dict] | None = None) -> dict:
    start_ns = start_ns or time.time_ns()
    span = {"traceId": trace_id, "spanId": span_id, "name": name, "kind": 1,
            "startTimeUnixNano": str(start_ns), "endTimeUnixNano": str(end_ns or start_ns + 1_000_000),
            "attributes": attributes or [], "status": {}}
    if parent:
        span["parentSpanId"] = parent
    return span


def post_otlp_json(api, payload, what: str) -> None:
    status, body = api.request("POST", OTEL_PATH, data=json.dumps(payload).encode(),
                               headers={"Content-Type": "application/json"})
    assert status == 200, f"{what}: HTTP status expected 200, got {status} body={body!r}"
    assert body == {}, f"{what}: body expected {{}}, got {body!r}"


def assert_healthy(api, after: str) -> None:
    status, body = api.get("/api/public/health", auth=None)
    assert status == 200, f"health after {after}: HTTP status expected 200, got {status} body={body!r}"


# ---------------------------------------------------------------------------------------------
# (a) stock OTLP exporter: GenAI semantic conventions
# ---------------------------------------------------------------------------------------------

def test_stock_exporter_genai_semconv_spans(otel_tracer, api):
    tracer, provider, exporter = otel_tracer()
    u = uid()
    root_name = f"genai-agent-{u}"
    in_messages = [{"role": "system", "parts": [{"type": "text", "content": "Be brief."}]},
                   {"role": "user", "parts": [{"type": "text", "content": "Weather in Paris?"}]}]
    out_messages = [{"role": "assistant", "parts": [{"type": "text", "content": "Sunny, 21C."}],
                     "finish_reason": "stop"}]
    with tracer.start_as_current_span(root_name) as root:
        root.set_attribute("gen_ai.operation.name", "invoke_agent")
        root.set_attribute("gen_ai.agent.name", "weather-agent")
        trace_id, root_id = hex_ids(root)
        with tracer.start_as_current_span("chat gpt-e2e") as chat:
            chat.set_attribute("gen_ai.operation.name", "chat")
            chat.set_attribute("gen_ai.system", "openai")
            chat.set_attribute("gen_ai.request.model", "gpt-e2e")
            chat.set_attribute("gen_ai.response.model", "gpt-e2e-2025-01-01")
            chat.set_attribute("gen_ai.request.temperature", 0.2)
            chat.set_attribute("gen_ai.usage.input_tokens", 100)
            chat.set_attribute("gen_ai.usage.output_tokens", 20)
            chat.set_attribute("gen_ai.usage.cache_read_input_tokens", 30)
            chat.set_attribute("gen_ai.input.messages", json.dumps(in_messages))
            chat.set_attribute("gen_ai.output.messages", json.dumps(out_messages))
            _, chat_id = hex_ids(chat)
        with tracer.start_as_current_span("execute_tool get_weather") as tool:
            tool.set_attribute("gen_ai.operation.name", "execute_tool")
            tool.set_attribute("gen_ai.tool.name", f"get_weather_{u[:6]}")
            tool.set_attribute("gen_ai.tool.call.id", "call_1")
            tool.set_attribute("gen_ai.tool.call.arguments", json.dumps({"city": "Paris"}))
            tool.set_attribute("gen_ai.tool.call.result", json.dumps({"temp_c": 21}))
            _, tool_id = hex_ids(tool)
    flush_and_check(provider, exporter, n_exports=3)

    trace = read_trace(api, trace_id, 3, "GenAI trace")
    check_fields(trace, {"id": trace_id, "name": root_name}, "GenAI trace")
    by_id = {o["id"]: o for o in trace["observations"]}
    assert set(by_id) == {root_id, chat_id, tool_id}, f"GenAI trace.observations ids: got {sorted(by_id)}"

    check_fields(by_id[root_id], {"type": "AGENT", "name": root_name, "parentObservationId": None}, "agent span")

    chat_obs = by_id[chat_id]
    check_fields(chat_obs, {"type": "GENERATION", "name": "chat gpt-e2e", "model": "gpt-e2e-2025-01-01",
                            "parentObservationId": root_id, "input": in_messages, "output": out_messages},
                 "chat span")
    usage = chat_obs.get("usageDetails")
    assert isinstance(usage, dict), f"chat span.usageDetails: expected an object, got {usage!r}"
    check_fields(usage, {"input": 70, "output": 20, "input_cached_tokens": 30, "total": 120}, "chat span.usageDetails")
    params = chat_obs.get("modelParameters") or {}
    assert "temperature" in params and float(params["temperature"]) == 0.2, \
        f"chat span.modelParameters.temperature: expected 0.2, got {params!r}"

    tool_obs = by_id[tool_id]
    check_fields(tool_obs, {"type": "TOOL", "name": f"get_weather_{u[:6]}", "parentObservationId": root_id,
                            "input": {"city": "Paris"}, "output": {"temp_c": 21}}, "tool span")

    single = api.get_ok(f"{OBSERVATIONS}/{chat_id}", what="GET chat observation")
    check_fields(single, {"type": "GENERATION", "model": "gpt-e2e-2025-01-01", "traceId": trace_id},
                 "chat observation")


# ---------------------------------------------------------------------------------------------
# (a) stock OTLP exporter: OpenInference conventions (gzip-compressed export)
# ---------------------------------------------------------------------------------------------

def test_stock_exporter_openinference_spans_gzip(otel_tracer, api):
    tracer, provider, exporter = otel_tracer(compression="gzip")
    u = uid()
    root_name = f"oi-agent-{u}"
    llm_input = {"messages": [{"role": "user", "content": "Plan a trip"}]}
    docs = [{"document": {"id": "d1", "content": "Paris guide"}}]
    with tracer.start_as_current_span(root_name) as root:
        root.set_attribute("openinference.span.kind", "AGENT")
        root.set_attribute("input.value", "plan a trip to Paris")
        root.set_attribute("output.value", "trip planned")
        trace_id, root_id = hex_ids(root)
        with tracer.start_as_current_span("retrieve-docs") as ret:
            ret.set_attribute("openinference.span.kind", "RETRIEVER")
            ret.set_attribute("input.value", "paris travel")
            ret.set_attribute("output.value", json.dumps(docs))
            ret.set_attribute("output.mime_type", "application/json")
            _, ret_id = hex_ids(ret)
        with tracer.start_as_current_span("llm-call") as llm:
            llm.set_attribute("openinference.span.kind", "LLM")
            llm.set_attribute("llm.model_name", "claude-e2e")
            llm.set_attribute("llm.token_count.prompt", 50)
            llm.set_attribute("llm.token_count.completion", 10)
            llm.set_attribute("llm.token_count.total", 60)
            llm.set_attribute("input.value", json.dumps(llm_input))
            llm.set_attribute("input.mime_type", "application/json")
            llm.set_attribute("output.value", "Day 1: Louvre")
            _, llm_id = hex_ids(llm)
        with tracer.start_as_current_span("book-hotel") as tool:
            tool.set_attribute("openinference.span.kind", "TOOL")
            tool.set_attribute("tool.name", "book_hotel")
            tool.set_attribute("input.value", json.dumps({"city": "Paris", "nights": 2}))
            tool.set_attribute("output.value", "booked")
            _, tool_id = hex_ids(tool)
    flush_and_check(provider, exporter, n_exports=4)

    trace = read_trace(api, trace_id, 4, "OpenInference trace")
    check_fields(trace, {"name": root_name, "input": "plan a trip to Paris", "output": "trip planned"},
                 "OpenInference trace")
    by_id = {o["id"]: o for o in trace["observations"]}
    check_fields(by_id[root_id], {"type": "AGENT", "name": root_name, "input": "plan a trip to Paris",
                                  "output": "trip planned"}, "agent span")
    check_fields(by_id[ret_id], {"type": "RETRIEVER", "name": "retrieve-docs", "input": "paris travel",
                                 "output": docs, "parentObservationId": root_id}, "retriever span")
    check_fields(by_id[llm_id], {"type": "GENERATION", "name": "llm-call", "model": "claude-e2e",
                                 "input": llm_input, "output": "Day 1: Louvre",
                                 "usageDetails": {"input": 50, "output": 10, "total": 60}}, "LLM span")
    check_fields(by_id[tool_id], {"type": "TOOL", "name": "book-hotel", "input": {"city": "Paris", "nights": 2},
                                  "output": "booked"}, "tool span")


def test_stock_exporter_resource_environment_and_service(otel_tracer, api):
    """deployment.environment.name on the resource becomes the (normalised) environment."""
    tracer, provider, exporter = otel_tracer(resource={"service.name": "env-svc",
                                                       "deployment.environment.name": "QA_Blue"})
    with tracer.start_as_current_span(f"env-root-{uid()}") as span:
        span.set_attribute("gen_ai.operation.name", "chat")
        span.set_attribute("gen_ai.request.model", "m-env")
        trace_id, span_id = hex_ids(span)
    flush_and_check(provider, exporter, n_exports=1)
    trace = read_trace(api, trace_id, 1, "environment trace")
    check_fields(trace, {"environment": "qa_blue"}, "trace")
    check_fields(trace["observations"][0], {"environment": "qa_blue", "model": "m-env"}, "observation")


# ---------------------------------------------------------------------------------------------
# (b) raw OTLP/JSON
# ---------------------------------------------------------------------------------------------

def test_raw_otlp_json_fields_are_mapped(api):
    u = uid()
    trace_id, root_id, gen_id = uid(), uid()[:16], uid()[:16]
    t0 = now_ms() - secs(60)
    start_ns = int(t0.replace(microsecond=0).timestamp()) * 1_000_000_000 + t0.microsecond * 1000
    root_attrs = [
        attr("langfuse.observation.type", "span"),
        attr("user.id", f"raw-user-{u}"),
        attr("session.id", f"raw-sess-{u}"),
        attr("langfuse.trace.tags", ["raw", f"tag-{u[:6]}"]),
        attr("langfuse.trace.public", True),
        attr("langfuse.observation.input", json.dumps({"question": "raw?"})),
        attr("langfuse.observation.output", json.dumps({"answer": "json"})),
        attr("langfuse.trace.metadata.team", "core"),
        attr("langfuse.version", "raw-v1"),
        attr("langfuse.release", "raw-r1"),
        attr("retry.count", 3),
    ]
    gen_attrs = [
        attr("gen_ai.operation.name", "chat"),
        attr("gen_ai.request.model", "raw-model"),
        attr("gen_ai.usage.input_tokens", 12),
        attr("gen_ai.usage.output_tokens", 5),
        attr("gen_ai.request.temperature", 0.5),
        attr("langfuse.observation.level", "warning"),
        attr("langfuse.observation.status_message", "slow upstream"),
    ]
    payload = otlp_json(
        [json_span(trace_id, root_id, f"raw-root-{u}", start_ns=start_ns, end_ns=start_ns + 2_000_000_000,
                   attributes=root_attrs),
         json_span(trace_id, gen_id, "raw-gen", parent=root_id, start_ns=start_ns + 500_000_000,
                   end_ns=start_ns + 1_500_000_000, attributes=gen_attrs)],
        resource_attrs=[attr("service.name", "raw-json-service"),
                        attr("deployment.environment.name", "Staging-EU")])
    post_otlp_json(api, payload, "POST OTLP/JSON")

    trace = read_trace(api, trace_id, 2, "raw OTLP/JSON trace")
    check_fields(trace, {"id": trace_id, "name": f"raw-root-{u}", "userId": f"raw-user-{u}",
                         "sessionId": f"raw-sess-{u}", "public": True, "environment": "staging-eu",
                         "input": {"question": "raw?"}, "output": {"answer": "json"}, "release": "raw-r1",
                         "version": "raw-v1"}, "raw trace")
    assert sorted(trace.get("tags") or []) == sorted(["raw", f"tag-{u[:6]}"]), f"raw trace.tags: got {trace.get('tags')!r}"
    assert (trace.get("metadata") or {}).get("team") == "core", f"raw trace.metadata.team: got {trace.get('metadata')!r}"
    check_times(trace, {"timestamp": t0}, "raw trace")

    by_id = {o["id"]: o for o in trace["observations"]}
    assert set(by_id) == {root_id, gen_id}, f"raw trace.observations ids: expected hex span ids, got {sorted(by_id)}"
    root = by_id[root_id]
    check_fields(root, {"type": "SPAN", "parentObservationId": None, "environment": "staging-eu",
                        "version": "raw-v1", "level": "DEFAULT"}, "raw root span")
    check_times(root, {"startTime": t0, "endTime": t0 + secs(2)}, "raw root span")
    gen = by_id[gen_id]
    check_fields(gen, {"type": "GENERATION", "name": "raw-gen", "parentObservationId": root_id, "model": "raw-model",
                       "usageDetails": {"input": 12, "output": 5, "total": 17}, "level": "WARNING",
                       "statusMessage": "slow upstream", "environment": "staging-eu"}, "raw generation")
    check_times(gen, {"startTime": t0 + secs(0.5), "endTime": t0 + secs(1.5)}, "raw generation")


def test_raw_otlp_json_empty_export_is_ok(api):
    post_otlp_json(api, {"resourceSpans": []}, "POST OTLP/JSON with no resourceSpans")


def test_raw_otlp_protobuf_gzip(api):
    """Protobuf + gzip by hand (what the Langfuse SDK sends), with a span that has no end time."""
    from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
    from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, ScopeSpans, Span

    trace_hex, span_hex = uid(), uid()[:16]
    start_ns = time.time_ns()
    span = Span(trace_id=bytes.fromhex(trace_hex), span_id=bytes.fromhex(span_hex), name=f"pb-{trace_hex[:8]}",
                kind=Span.SPAN_KIND_INTERNAL, start_time_unix_nano=start_ns,
                attributes=[KeyValue(key="langfuse.observation.type", value=AnyValue(string_value="event"))])
    req = ExportTraceServiceRequest(resource_spans=[ResourceSpans(scope_spans=[ScopeSpans(spans=[span])])])
    status, body = api.request("POST", OTEL_PATH, data=gzip.compress(req.SerializeToString()),
                               headers={"Content-Type": "application/x-protobuf", "Content-Encoding": "gzip"})
    assert 200 <= status < 300, f"POST protobuf+gzip: HTTP status expected 2xx, got {status} body={body!r}"
    trace = read_trace(api, trace_hex, 1, "protobuf trace")
    check_fields(trace["observations"][0], {"id": span_hex, "type": "EVENT", "name": f"pb-{trace_hex[:8]}"},
                 "protobuf event")


# ---------------------------------------------------------------------------------------------
# (c) bad input
# ---------------------------------------------------------------------------------------------

def _valid_request_bytes() -> bytes:
    from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
    from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, ScopeSpans, Span

    span = Span(trace_id=bytes.fromhex(uid()), span_id=bytes.fromhex(uid()[:16]), name="truncated",
                start_time_unix_nano=time.time_ns(), end_time_unix_nano=time.time_ns(),
                attributes=[KeyValue(key="input.value", value=AnyValue(string_value="x" * 200))])
    return ExportTraceServiceRequest(resource_spans=[ResourceSpans(scope_spans=[ScopeSpans(spans=[span])])]
                                     ).SerializeToString()


def _truncated_protobuf() -> bytes:
    data = _valid_request_bytes()[:-50]
    from google.protobuf.message import DecodeError
    try:
        ExportTraceServiceRequest.FromString(data)
    except DecodeError:
        return data
    raise AssertionError("test setup: the truncated protobuf unexpectedly parsed")


def _nested_kvlist(depth: int) -> dict:
    value: dict = {"stringValue": "bottom"}
    for _ in range(depth):
        value = {"kvlistValue": {"values": [{"key": "k", "value": value}]}}
    return value


def _span_without_span_id() -> bytes:
    span = json_span(uid(), uid()[:16], "no-span-id")
    del span["spanId"]
    return json.dumps(otlp_json([span])).encode()


def _invalid_utf8() -> bytes:
    raw = json.dumps(otlp_json([json_span(uid(), uid()[:16], "NAME_PLACEHOLDER")])).encode()
    return raw.replace(b"NAME_PLACEHOLDER", b"bad-\xff\xfe-utf8")


def _deep_kvlist() -> bytes:
    span = json_span(uid(), uid()[:16], "deep", attributes=[{"key": "deep", "value": _nested_kvlist(200)}])
    return json.dumps(otlp_json([span])).encode()


BAD_REQUESTS = {
    "wrong content type": (lambda: json.dumps(otlp_json([])).encode(), "text/plain"),
    "truncated protobuf": (_truncated_protobuf, "application/x-protobuf"),
    "garbage protobuf": (lambda: b"\xff\xff\xff\xff\x0f not a protobuf", "application/x-protobuf"),
    "malformed json": (lambda: b'{"resourceSpans": [', "application/json"),
    "json span without spanId": (_span_without_span_id, "application/json"),
    "invalid utf-8 in json": (_invalid_utf8, "application/json"),
    "kvlist nested 200 levels": (_deep_kvlist, "application/json"),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_bad_otlp_payload_is_400(api, case):
    make, content_type = BAD_REQUESTS[case]
    status, body = api.post_raw(OTEL_PATH, make(), content_type=content_type)
    assert status == 400, f"POST otel ({case}): HTTP status expected 400, got {status} body={body!r}"
    assert isinstance(body, dict) and (body.get("error") or body.get("message")), \
        f"POST otel ({case}): body expected a JSON object with error/message, got {body!r}"
    assert_healthy(api, case)


def test_otlp_without_auth_is_401(api):
    payload = json.dumps(otlp_json([json_span(uid(), uid()[:16], "no-auth")])).encode()
    status, body = api.post_raw(OTEL_PATH, payload, auth=None)
    assert status == 401, f"POST otel without Authorization: HTTP status expected 401, got {status} body={body!r}"
    status, body = api.post_raw(OTEL_PATH, payload, auth="Basic " + base64.b64encode(
        f"{DEFAULT_PUBLIC_KEY}:sk-lf-wrong".encode()).decode())
    assert status == 401, f"POST otel with a wrong secret: HTTP status expected 401, got {status} body={body!r}"


def test_ten_megabyte_attribute_is_accepted_or_413(api):
    trace_id, span_id = uid(), uid()[:16]
    big = "x" * (10 * 1024 * 1024)
    payload = json.dumps(otlp_json([json_span(trace_id, span_id, "huge",
                                              attributes=[attr("input.value", big)])])).encode()
    status, body = api.post_raw(OTEL_PATH, payload)
    assert 200 <= status < 300 or status == 413, \
        f"POST otel with a 10 MB attribute: HTTP status expected 2xx or 413, got {status} body={str(body)[:300]!r}"
    assert_healthy(api, "10 MB attribute")


def test_valid_span_still_ingests_after_bad_inputs(api):
    trace_id, span_id = uid(), uid()[:16]
    name = f"after-bad-{trace_id[:8]}"
    post_otlp_json(api, otlp_json([json_span(trace_id, span_id, name,
                                             attributes=[attr("langfuse.observation.input", "still alive")])]),
                   "POST valid OTLP/JSON after bad inputs")
    trace = read_trace(api, trace_id, 1, "trace after bad inputs")
    check_fields(trace, {"name": name, "input": "still alive"}, "trace after bad inputs")
    check_fields(trace["observations"][0], {"id": span_id, "type": "SPAN"}, "observation after bad inputs")
