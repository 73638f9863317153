"""Realistic LLM-trace payloads: OTLP protobuf batches, Langfuse ingestion batches, the seed data set.

A load batch holds `traces_per_batch` traces of `spans_per_trace` observations each (default 10 x 10 = 100):
one root span (the agent run, carrying the trace's name/user/session/tags/input/output), then alternating
generation spans (model, usage, gen_ai.* attributes, chat messages as input/output) and tool spans.
Inputs and outputs are random English-like text of `text_bytes` (default 1-2 KB each).

Distinct ids per request: the load bodies carry a fixed placeholder inside every id; bench/wrk/pool.lua
replaces it on every request with (salt, wrk thread, request counter), so every request inserts new
traces and observations (see README.md). PB_MARK is the 6-byte placeholder in protobuf ids (trace id =
10 bytes fixed + 6 bytes placeholder, span id = 2 bytes span number in the request + 6 bytes placeholder); JSON_MARK is
the 12-character placeholder in JSON ids.
"""
import json
import os
import random
import time
from datetime import datetime, timezone

from . import otlp

PB_MARK = b"\xfe\xed\xfa\xce\xca\xfe"
JSON_MARK = "@@RUNIDRUN@@"

WORDS = ("the a an model answer question user assistant context document retrieval summary customer order "
         "invoice shipping weather forecast temperature city report analysis revenue quarter growth product "
         "feature release bug fix deploy server latency request response token prompt completion tool call "
         "search database query result error retry timeout policy refund account password reset email "
         "schedule meeting calendar travel flight hotel booking price currency convert translate language "
         "please could you explain why how when where which what because therefore however also then first "
         "second finally step plan check verify confirm update create delete list show find compare").split()
MODELS = ["gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet-20241022", "gemini-1.5-pro"]
TOOLS = ["web_search", "sql_query", "get_weather", "send_email", "calculator", "retrieve_documents"]
TAGS = [f"tag-{i:02d}" for i in range(20)]
USERS = 1000
HEAVY_USER = "user-heavy"  # every 8th trace: a user with enough traces (5,700 of 46,000) for a page-100 list
SESSIONS = 5000


def _corpus(size=1 << 17, seed=11):
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(size // 5))


CORPUS = _corpus()


def text(rng: random.Random, low: int, high: int) -> str:
    """English-like text of low..high characters: a random slice of a 128 KB random word corpus."""
    size = rng.randint(low, high)
    offset = rng.randrange(len(CORPUS) - size)
    return CORPUS[offset:offset + size]


def messages(rng, low, high):
    """A chat prompt (system + user) of roughly low..high bytes, as a JSON string."""
    body = text(rng, max(low - 150, 10), max(high - 150, 20))
    cut = len(body) // 4
    return json.dumps([{"role": "system", "content": body[:cut]}, {"role": "user", "content": body[cut:]}])


def _trace_fields(rng, index):
    return {
        "user": HEAVY_USER if index % 8 == 0 else f"user-{rng.randrange(USERS):04d}",
        "session": f"sess-{rng.randrange(SESSIONS):05d}",
        "tags": rng.sample(TAGS, rng.randint(1, 3)),
        "name": f"agent-run-{index % 7}",
    }


def otlp_batch(rng, traces=10, spans_per_trace=10, text_bytes=(1024, 2048), body_index=0, mark=PB_MARK) -> bytes:
    """An ExportTraceServiceRequest of traces x spans_per_trace spans whose ids all end with `mark`."""
    low, high = text_bytes
    now = time.time_ns()
    spans = []
    for t in range(traces):
        trace_id = b"LB" + body_index.to_bytes(4, "big") + t.to_bytes(2, "big") + b"\x00\x00" + mark
        fields = _trace_fields(rng, t)
        start = now - 60_000_000_000 + t * 1_000_000
        root_id = (t * spans_per_trace).to_bytes(2, "big") + mark  # span ids are unique within the request
        spans.append(otlp.Span(trace_id, root_id, fields["name"], start, start + 9_000_000_000, kind=2, attributes={
            "langfuse.trace.name": fields["name"],
            "langfuse.user.id": fields["user"],
            "langfuse.session.id": fields["session"],
            "langfuse.trace.tags": fields["tags"],
            "langfuse.environment": "production",
            "langfuse.release": "v1.4.2",
            "langfuse.trace.input": json.dumps({"question": text(rng, low, high)}),
            "langfuse.trace.output": json.dumps({"answer": text(rng, low, high)}),
            "langfuse.observation.type": "agent",
        }))
        for s in range(1, spans_per_trace):
            span_id = (t * spans_per_trace + s).to_bytes(2, "big") + mark
            begin = start + s * 800_000_000
            if s % 2 == 1:  # generation
                model = rng.choice(MODELS)
                attributes = {
                    "langfuse.observation.type": "generation",
                    "gen_ai.system": "openai", "gen_ai.operation.name": "chat",
                    "gen_ai.request.model": model, "gen_ai.response.model": model,
                    "gen_ai.request.temperature": 0.2, "gen_ai.request.max_tokens": 1024,
                    "gen_ai.usage.input_tokens": rng.randint(200, 900), "gen_ai.usage.output_tokens": rng.randint(50, 500),
                    "gen_ai.response.finish_reasons": ["stop"],
                    "langfuse.observation.input": messages(rng, low, high),
                    "langfuse.observation.output": json.dumps({"role": "assistant", "content": text(rng, low, high)}),
                    "langfuse.observation.metadata.step": str(s),
                }
                name = f"chat {model}"
            else:  # tool call
                tool = rng.choice(TOOLS)
                attributes = {
                    "langfuse.observation.type": "tool",
                    "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": tool, "gen_ai.tool.call.id": f"call_{s}",
                    "langfuse.observation.input": json.dumps({"query": text(rng, low, high)}),
                    "langfuse.observation.output": json.dumps({"result": text(rng, low, high)}),
                }
                name = f"execute_tool {tool}"
            spans.append(otlp.Span(trace_id, span_id, name, begin, begin + 700_000_000, parent_span_id=root_id,
                                   attributes=attributes))
    resource = {"service.name": "bench-agent", "service.version": "1.4.2", "telemetry.sdk.language": "python",
                "deployment.environment": "production"}
    body = otlp.export_request(spans, resource)
    expected = traces * (3 * spans_per_trace - 1)  # a trace id and a span id per span, a parent id per child
    assert body.count(mark) == expected, "the id placeholder collides with other bytes of the body"
    return body


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ingestion_events(rng, trace_id, observations, text_bytes=(1024, 2048), index=0, fields=None, start=None):
    """Langfuse ingestion events of one trace: a trace-create, then `observations` alternating
    generation-create / span-create events (the first observation is the root the others hang under)."""
    low, high = text_bytes
    now = start if start is not None else time.time() - 60
    fields = fields or _trace_fields(rng, index)
    events = [{"id": f"{trace_id}-e", "timestamp": _iso(now), "type": "trace-create", "body": {
        "id": trace_id, "timestamp": _iso(now), "name": fields["name"], "userId": fields["user"],
        "sessionId": fields["session"], "tags": fields["tags"], "release": "v1.4.2", "environment": "production",
        "input": {"question": text(rng, low, high)}, "output": {"answer": text(rng, low, high)},
        "metadata": {"source": "bench"}}}]
    root = f"{trace_id}-o0000"
    for s in range(observations):
        obs_id = f"{trace_id}-o{s:04d}"
        begin = now + s * 0.8
        body = {"id": obs_id, "traceId": trace_id, "startTime": _iso(begin), "endTime": _iso(begin + 0.7),
                "metadata": {"step": s}}
        if s:
            body["parentObservationId"] = root
        if s % 2 == 1:
            model = rng.choice(MODELS)
            body.update(name=f"chat {model}", model=model, modelParameters={"temperature": 0.2, "max_tokens": 1024},
                        input=json.loads(messages(rng, low, high)),
                        output={"role": "assistant", "content": text(rng, low, high)},
                        usage={"input": rng.randint(200, 900), "output": rng.randint(50, 500), "unit": "TOKENS"},
                        completionStartTime=_iso(begin + 0.2))
            kind = "generation-create"
        else:
            body.update(name=rng.choice(TOOLS) if s else fields["name"], input={"query": text(rng, low, high)},
                        output={"result": text(rng, low, high)})
            kind = "span-create"
        events.append({"id": f"{trace_id}-e{s:04d}", "timestamp": _iso(begin), "type": kind, "body": body})
    return events


def ingestion_batch(rng, traces=10, spans_per_trace=10, text_bytes=(1024, 2048), body_index=0) -> bytes:
    """A load batch of traces x spans_per_trace events (each trace: 1 trace-create + spans_per_trace-1
    observations), every id containing JSON_MARK."""
    events = []
    for t in range(traces):
        trace_id = f"lb{body_index:05d}{t:02d}-{JSON_MARK}"
        events += ingestion_events(rng, trace_id, spans_per_trace - 1, text_bytes, index=t)
    return json.dumps({"batch": events}, separators=(",", ":")).encode()


def write_pool(directory, kind, count, seed=7, **options) -> int:
    """Writes `count` distinct bodies (kind "otlp" or "ingestion") as directory/NNNN.bin; returns total bytes."""
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(seed)
    total = 0
    for i in range(count):
        body = otlp_batch(rng, body_index=i, **options) if kind == "otlp" else ingestion_batch(rng, body_index=i, **options)
        with open(os.path.join(directory, f"{i:04d}.bin"), "wb") as f:
            f.write(body)
        total += len(body)
    return total


def probe_request(trace_id: bytes) -> bytes:
    """A small OTLP request: one root span of a new trace (the freshness probe)."""
    now = time.time_ns()
    span = otlp.Span(trace_id, os.urandom(8), "freshness-probe", now - 1_000_000, now,
                     attributes={"langfuse.trace.name": "freshness-probe", "langfuse.observation.input": "ping"})
    return otlp.export_request([span], {"service.name": "bench-probe"})
