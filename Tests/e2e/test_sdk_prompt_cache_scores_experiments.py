"""Prompt cache invalidation, scores validated against score configs, and two experiment runs compared,
through the official Langfuse Python SDK (5.0.4).

The SDK caches prompts for 60 s by default and invalidates a name's cache on ``create_prompt`` and
``update_prompt``; scores and experiments go through its background exporters, so reads after ``flush()``
poll for up to 5 s. Every test uses its own names.
"""

from __future__ import annotations

import urllib.parse

import pytest

pytest.importorskip("langfuse", reason="install Tests/e2e/requirements.txt")

from langfuse import Evaluation  # noqa: E402

from conftest import check_fields, get_when, uid  # noqa: E402

PROMPTS = "/api/public/v2/prompts"


def q(name: str) -> str:
    """Percent-encode one path segment (slashes included), as the SDK does."""
    return urllib.parse.quote(name, safe="")


def prompt_fetches(handle, name: str) -> int:
    """How many times the SDK asked the server for this prompt."""
    return len(handle.recorder.matching("GET", f"{PROMPTS}/{q(name)}"))


def test_prompt_cache_is_invalidated_by_create_and_update(lf_handle, lf):
    name = f"cached-{uid()}"
    lf.create_prompt(name=name, prompt="v1 {{x}}", labels=["production"])
    lf_handle.recorder.clear()

    first = lf.get_prompt(name)  # default cache TTL (60 s)
    assert first.version == 1, f"get_prompt: expected version 1, got {first.version}"
    again = lf.get_prompt(name)
    assert again.version == 1, f"get_prompt (cached): expected version 1, got {again.version}"
    assert prompt_fetches(lf_handle, name) == 1, \
        f"the second get_prompt is served from the SDK cache: expected 1 fetch, got {prompt_fetches(lf_handle, name)}"

    lf.create_prompt(name=name, prompt="v2 {{x}}", labels=["production"])
    after_create = lf.get_prompt(name)
    assert after_create.version == 2, f"get_prompt after create_prompt: expected version 2, got {after_create.version}"
    assert after_create.compile(x="!") == "v2 !", f"compile(v2): got {after_create.compile(x='!')!r}"
    assert prompt_fetches(lf_handle, name) == 2, \
        f"create_prompt invalidated the cache: expected 2 fetches, got {prompt_fetches(lf_handle, name)}"

    lf.update_prompt(name=name, version=1, new_labels=["production"])
    after_update = lf.get_prompt(name)
    assert after_update.version == 1, \
        f"get_prompt after update_prompt moved production back to v1: expected 1, got {after_update.version}"
    assert after_update.compile(x="?") == "v1 ?", f"compile(v1): got {after_update.compile(x='?')!r}"
    assert prompt_fetches(lf_handle, name) == 3, \
        f"update_prompt invalidated the cache: expected 3 fetches, got {prompt_fetches(lf_handle, name)}"


def test_scores_with_and_without_configs(lf_handle, lf, api):
    u = uid()[:8]
    configs = {}
    for body in ({"name": f"rating-{u}", "dataType": "NUMERIC", "minValue": 0, "maxValue": 5},
                 {"name": f"tone-{u}", "dataType": "CATEGORICAL",
                  "categories": [{"label": "friendly", "value": 1}, {"label": "rude", "value": 0}]},
                 {"name": f"ok-{u}", "dataType": "BOOLEAN"}):
        status, created = api.post("/api/public/score-configs", body)
        assert status == 200, f"POST score-configs {body['name']}: HTTP status expected 200, got {status} body={created!r}"
        configs[body["dataType"]] = created["id"]

    with lf.start_as_current_observation(as_type="span", name=f"config-scores-{u}") as span:
        trace_id = span.trace_id
    lf_handle.recorder.clear()
    lf.create_score(name=f"rating-{u}", value=4, trace_id=trace_id, data_type="NUMERIC", config_id=configs["NUMERIC"])
    lf.create_score(name=f"tone-{u}", value="friendly", trace_id=trace_id, data_type="CATEGORICAL",
                    config_id=configs["CATEGORICAL"])
    lf.create_score(name=f"ok-{u}", value=1, trace_id=trace_id, data_type="BOOLEAN", config_id=configs["BOOLEAN"])
    lf.create_score(name=f"free-{u}", value="anything goes", trace_id=trace_id, data_type="TEXT")
    lf.create_score(name=f"rating-{u}", value=9, trace_id=trace_id, data_type="NUMERIC", config_id=configs["NUMERIC"])
    lf.create_score(name=f"tone-{u}", value="sarcastic", trace_id=trace_id, data_type="CATEGORICAL",
                    config_id=configs["CATEGORICAL"])
    lf.flush()

    def stored(body):
        names = sorted(s["name"] for s in body.get("data") or [])
        assert names == sorted([f"rating-{u}", f"tone-{u}", f"ok-{u}", f"free-{u}"]), f"scores of the trace: got {names}"

    listed = get_when(api, "/api/public/v2/scores", "GET v2/scores?traceId", params={"traceId": trace_id}, check=stored)
    by_name = {s["name"]: s for s in listed["data"]}
    check_fields(by_name[f"rating-{u}"], {"value": 4.0, "dataType": "NUMERIC", "configId": configs["NUMERIC"]}, "rating score")
    check_fields(by_name[f"tone-{u}"], {"stringValue": "friendly", "value": 1.0, "dataType": "CATEGORICAL",
                                        "configId": configs["CATEGORICAL"]}, "tone score (the config maps the label to 1)")
    check_fields(by_name[f"ok-{u}"], {"value": 1.0, "dataType": "BOOLEAN", "configId": configs["BOOLEAN"]}, "boolean score")
    check_fields(by_name[f"free-{u}"], {"stringValue": "anything goes", "dataType": "TEXT"}, "text score without config")

    # the SDK sends the six scores as one array; the answer rejects the two that break their config, naming the rule
    answers = " | ".join(str(x.response_body) for x in lf_handle.recorder.matching("POST", "/api/public/scores"))
    assert answers.count("not valid against provided config") == 2, f"two scores rejected by their config: {answers}"
    assert "above maxValue" in answers, f"the range rule is named: {answers}"
    assert "sarcastic" in answers, f"the unknown category is named: {answers}"


def correct_task(*, item, **kwargs):
    return item.expected_output


def upper_task(*, item, **kwargs):
    return item.input["q"].upper()


def exact_match(*, input, output, expected_output=None, **kwargs):
    return Evaluation(name="exact_match", value=1.0 if output == expected_output else 0.0)


def output_length(*, input, output, **kwargs):
    return Evaluation(name="output_length", value=float(len(output)))


def test_two_experiment_runs_compared(lf, api):
    name = f"compare-{uid()}"
    lf.create_dataset(name=name)
    for i in range(2):
        lf.create_dataset_item(dataset_name=name, input={"q": f"question {i}"}, expected_output=f"answer {i}")
    dataset = lf.get_dataset(name)
    good = dataset.run_experiment(name="good", task=correct_task, evaluators=[exact_match, output_length])
    upper = dataset.run_experiment(name="upper", task=upper_task, evaluators=[exact_match, output_length])
    lf.flush()
    # expected, computed from the tasks: "answer i" (8 chars) matches; "QUESTION I" (10 chars) does not
    expected = {good.run_name: {"exact_match": 1.0, "output_length": 8.0},
                upper.run_name: {"exact_match": 0.0, "output_length": 10.0}}

    def complete(body):
        for run in body.get("runs") or []:
            summary = run.get("summary") or {}
            assert summary.get("items") == 2, f"run {run.get('name')}: expected 2 items, got {summary.get('items')}"
            averages = {k: v for k, v in (summary.get("averageScores") or {}).items() if k in ("exact_match", "output_length")}
            assert averages == expected[run["name"]], f"run {run['name']} averageScores: expected {expected[run['name']]}, got {averages}"
        assert len(body.get("runs") or []) == 2, f"compare: expected 2 runs, got {body.get('runs')!r}"

    compared = get_when(api, f"/api/public/datasets/{q(name)}/compare", "GET compare",
                        params={"runs": f"{good.run_name},{upper.run_name}"}, check=complete)
    rows = compared["items"]
    assert sorted(r["datasetItemId"] for r in rows) == sorted(item.id for item in dataset.items), \
        f"compare: one row per dataset item, got {[r['datasetItemId'] for r in rows]}"
    for row in rows:
        item = next(i for i in dataset.items if i.id == row["datasetItemId"])
        side_by_side = {run: (row["runs"].get(run) or {}).get("output") for run in expected}
        assert side_by_side == {good.run_name: item.expected_output, upper.run_name: item.input["q"].upper()}, \
            f"compare row {item.id}: each run's trace output side by side, got {side_by_side}"

    results = api.get_ok(f"/api/public/datasets/{q(name)}/runs/{q(good.run_name)}/results", what="run results")
    for entry in results["items"]:
        names = sorted(s["name"] for s in entry["scores"])
        assert names == ["exact_match", "output_length"], f"run results item {entry['datasetItemId']}: scores {names}"
        assert entry["latency"] is not None and entry["latency"] >= 0, f"run results item latency: got {entry['latency']!r}"
