"""`lantern costs recompute`: a price change does not rewrite stored costs until an operator asks for it.

A generation priced by a project model keeps its cost when the model is replaced; the CLI (run beside the live
server on the same SQLite file) re-prices it with the new model; a generation whose cost the client sent is kept.
"""
from __future__ import annotations

import datetime as _dt
import math
import re

from conftest import event, get_when, iso, now_ms, uid


def create_model(api, name: str, input_price: float) -> str:
    status, body = api.post("/api/public/models", {"modelName": f"{name}-{input_price}", "matchPattern": f"^{name}$",
                                                   "unit": "TOKENS", "inputPrice": input_price})
    assert status == 200, f"POST /models: HTTP status expected 200, got {status} body={body!r}"
    return body["id"]


def cost_of(api, observation_id: str, expected: float, what: str) -> dict:
    def priced(body):
        total = (body.get("costDetails") or {}).get("total")
        assert total is not None and math.isclose(total, expected, rel_tol=1e-9), f"{what}: total cost expected {expected}, got {total}"
    return get_when(api, f"/api/public/observations/{observation_id}", what, check=priced)


def test_recompute_reprices_with_the_current_model_and_keeps_client_costs(lantern_server, api):
    u = uid()[:8]
    model = f"recompute-{u}"
    started = now_ms()
    old_model = create_model(api, model, 0.001)
    status, body = api.post("/api/public/ingestion", {"batch": [
        event("generation-create", {"id": f"priced-{u}", "traceId": f"t-{u}", "model": model, "startTime": iso(started),
                                    "usageDetails": {"input": 1000}}),
        event("generation-create", {"id": f"sent-{u}", "traceId": f"t-{u}", "model": model, "startTime": iso(started),
                                    "usageDetails": {"input": 1000}, "costDetails": {"total": 7}}),
    ]})
    assert status == 207, f"ingestion: HTTP status expected 207, got {status} body={body!r}"
    first = cost_of(api, f"priced-{u}", 1.0, "priced by the first model (1000 × 0.001)")
    assert first["modelId"] == old_model, f"modelId: expected {old_model}, got {first.get('modelId')!r}"

    status, _ = api.delete(f"/api/public/models/{old_model}")
    assert status == 200, f"DELETE /models/{old_model}: HTTP status expected 200, got {status}"
    new_model = create_model(api, model, 0.002)
    cost_of(api, f"priced-{u}", 1.0, "a price change does not rewrite the stored cost")

    window_from = iso(started - _dt.timedelta(seconds=5))
    window_to = iso(now_ms() + _dt.timedelta(seconds=5))
    res = lantern_server.cli("costs", "recompute", "--from", window_from, "--to", window_to, "--project", "dev")
    assert res.returncode == 0, f"costs recompute: exit code {res.returncode}; stdout={res.stdout!r} stderr={res.stderr!r}"
    # other tests' generations may share the window: at least this test's two are counted
    assert re.search(r"re-priced [1-9]\d*, kept [1-9]\d* with client-sent costs", res.stdout), f"costs recompute report: {res.stdout!r}"
    assert "recompute: 100% (" in res.stderr, f"costs recompute progress lines: {res.stderr!r}"

    repriced = cost_of(api, f"priced-{u}", 2.0, "re-priced by the current model (1000 × 0.002)")
    assert repriced["modelId"] == new_model, f"modelId after recompute: expected {new_model}, got {repriced.get('modelId')!r}"
    cost_of(api, f"sent-{u}", 7.0, "the client's cost is kept")

    bad = lantern_server.cli("costs", "recompute", "--from", "yesterday", "--to", window_to)
    assert bad.returncode != 0 and "--from" in bad.stderr, f"a bad date names the option: rc={bad.returncode} stderr={bad.stderr!r}"
