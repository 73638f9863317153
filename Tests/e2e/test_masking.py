"""PII masking on every path: values planted through the official Langfuse SDK, an OpenTelemetry exporter, the
dataset and comment APIs are stored masked, and none of them reaches the database file (SQLite) or a dump
(PostgreSQL); masking counts per detector on /metrics."""

from __future__ import annotations

import base64
import json
import subprocess
import urllib.request
from pathlib import Path

import pytest

from conftest import CONFIG_PATH, Api, close_langfuse_client, event, launch_server, open_langfuse_client, stop_server, uid, wait_for
from evaluation_support import storage_env, uses_postgres

EMAIL = "jane.planted@example.org"
CARD = "4111 1111 1111 1111"
OPENAI_KEY = "sk-proj-Planted1234567890abcdefXYZ"
PHONE = "+1 (415) 555-2671"
IBAN = "DE89 3704 0044 0532 0130 00"
PLANTED = [EMAIL, CARD, OPENAI_KEY, PHONE, IBAN, "4111111111111111"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("masking")
    config = workdir / "masking.yaml"
    config.write_text(CONFIG_PATH.read_text().replace("plugins:\n", "plugins:\n  masking:\n    load: Masking\n", 1))
    env = storage_env(workdir)
    server = launch_server(config, workdir, env)
    yield server
    stop_server(server)


def stored_bytes(server) -> bytes:
    """Everything the database holds: the SQLite file and its WAL, or a dump of the PostgreSQL database."""
    if uses_postgres():
        return subprocess.run(["pg_dump", server.env["LANTERN_DATABASE_URL"]], capture_output=True, check=True).stdout
    workdir = Path(server.workdir)
    return b"".join(path.read_bytes() for path in workdir.glob("lantern.sqlite*"))


def test_values_planted_on_every_path_are_stored_masked(served):
    api = Api(served.base_url, "pk-lf-dev", "sk-lf-dev")
    handle = open_langfuse_client(served.base_url)
    try:
        lf = handle.client
        with lf.start_as_current_observation(as_type="span", name="support-chat", input={"message": f"mail me at {EMAIL}, card {CARD}"}) as span:
            span.update(output=f"call {PHONE}", metadata={"api_key": OPENAI_KEY})
            sdk_trace = lf.get_current_trace_id()
        lf.flush()
    finally:
        close_langfuse_client(handle)

    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    auth = base64.b64encode(b"pk-lf-dev:sk-lf-dev").decode()
    provider = TracerProvider(resource=Resource.create({"service.name": "masked", "owner.email": EMAIL}))
    provider.add_span_processor(SimpleSpanProcessor(OTLPSpanExporter(endpoint=f"{served.base_url}/api/public/otel/v1/traces",
                                                                     headers={"Authorization": f"Basic {auth}"})))
    with provider.get_tracer("masking").start_as_current_span("otel-call") as otel_span:
        otel_span.set_attribute("iban", IBAN)
        otel_span.set_attribute("langfuse.observation.input", json.dumps(f"card {CARD}"))
        otel_span.add_event("user said", {"phone": PHONE})
        otel_trace = format(otel_span.get_span_context().trace_id, "032x")
    provider.shutdown()

    batch_trace = uid()
    api.ingest([event("trace-create", {"id": batch_trace, "input": {EMAIL: "key is the address"}, "output": [CARD, 42]}),
                event("score-create", {"traceId": batch_trace, "name": "q", "value": 1, "comment": f"from {EMAIL}"})])
    dataset = f"masked-{uid()[:6]}"
    assert api.post("/api/public/v2/datasets", {"name": dataset})[0] == 200
    status, item = api.post("/api/public/dataset-items", {"datasetName": dataset, "input": f"contact {EMAIL}",
                                                         "expectedOutput": {"iban": IBAN}})
    assert status == 200, item
    status, comment = api.post("/api/public/comments", {"objectType": "TRACE", "objectId": batch_trace, "content": f"ring {PHONE}"})
    assert status == 200, comment

    def read(trace_id):
        status, body = api.get(f"/api/public/traces/{trace_id}")
        assert status == 200, f"trace {trace_id}: {status}"
        return body
    sdk = wait_for(lambda: read(sdk_trace), "SDK trace stored")
    otel = wait_for(lambda: read(otel_trace), "OTel trace stored")
    batch = wait_for(lambda: read(batch_trace) if read(batch_trace).get("scores") else None, "batch trace and score stored")
    text = json.dumps([sdk, otel, batch, item, comment, api.get(f"/api/public/dataset-items/{item['id']}")[1]])
    for value in PLANTED:
        assert value not in text, f"{value!r} came back from the API: {text[:2000]}"
    assert "[REDACTED:email]" in json.dumps(sdk) and "[REDACTED:credit_card]" in json.dumps(sdk), sdk
    assert "[REDACTED:iban]" in json.dumps(otel) and "[REDACTED:phone]" in json.dumps(otel), otel
    assert batch["output"][1] == 42, "numbers are left alone"
    assert "[REDACTED:email]" in json.dumps(batch["input"]), f"an e-mail used as a key is masked: {batch['input']}"
    raw = stored_bytes(served)
    for value in PLANTED:
        assert value.encode() not in raw, f"{value!r} reached the database"

    with urllib.request.urlopen(f"{served.base_url}/metrics") as response:
        metrics = response.read().decode()
    assert 'lantern_plugin_masking_detections_total{component="masking",detector="email"}' in metrics, metrics[-1500:]
