"""The evaluation runtime's management API: LLM connections (secrets sealed, never returned, a test call that
reports the provider's words), evaluators (versions per name, built-in templates, code evaluators refused with the
Swift plugin alternative) and evaluation rules (every bad field named, Langfuse's error codes, the preflight)."""

from __future__ import annotations

import pytest

from conftest import check_keys, stop_server
from evaluation_support import (NUMERIC_OUTPUT, client, connect, create_evaluator, create_rule, start, storage_env,
                                uses_postgres)
from fake_llm import FakeLLM

CONNECTION_KEYS = ["id", "provider", "adapter", "displaySecretKey", "baseURL", "customModels", "withDefaultModels",
                   "extraHeaderKeys", "config", "createdAt", "updatedAt"]
RULE_KEYS = ["id", "name", "evaluator", "evaluators", "target", "enabled", "status", "pausedReason", "pausedMessage",
             "sampling", "filter", "mapping", "createdAt", "updatedAt"]


@pytest.fixture(scope="module")
def fake():
    with FakeLLM() as llm:
        yield llm


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("evaluation-api")
    env = storage_env(workdir)
    server = start(workdir, env)
    yield server, env
    stop_server(server)


@pytest.fixture(scope="module")
def api(served):
    return client(served[0])


def test_llm_connection_is_upserted_by_provider_and_never_returns_its_secret(api, served, fake):
    secret = "sk-live-secret-value-9876"
    status, created = api.request("PUT", "/api/public/llm-connections", json_body={
        "provider": "gateway", "adapter": "openai", "secretKey": secret, "baseURL": fake.base_url,
        "customModels": ["fake-judge"], "extraHeaders": {"X-Team": "evals-secret-header"}})
    assert status == 201, f"first PUT: expected 201 created, got {status} {created}"
    check_keys(created, CONNECTION_KEYS, "LlmConnection")
    assert created["displaySecretKey"] == "...9876" and created["extraHeaderKeys"] == ["X-Team"], created
    assert secret not in str(created) and "evals-secret-header" not in str(created), f"a secret was returned: {created}"
    status, updated = api.request("PUT", "/api/public/llm-connections", json_body={
        "provider": "gateway", "adapter": "openai", "secretKey": "sk-other-5555", "baseURL": fake.base_url})
    assert status == 200 and updated["id"] == created["id"], f"second PUT: expected 200 on the same id, got {status} {updated}"
    assert updated["displaySecretKey"] == "...5555" and updated["createdAt"] == created["createdAt"], updated
    listed = api.get_ok("/api/public/llm-connections", what="list connections")
    assert [c["provider"] for c in listed["data"]].count("gateway") == 1, listed
    assert secret not in str(listed) and "sk-other-5555" not in str(listed), "list returned a secret"
    if not uses_postgres():
        raw = (served[0].workdir / "lantern.sqlite").read_bytes()
        for wal in served[0].workdir.glob("lantern.sqlite-wal"):
            raw += wal.read_bytes()
        assert b"sk-other-5555" not in raw and b"evals-secret-header" not in raw, "a secret is stored in clear in the SQLite file"


@pytest.mark.parametrize("body,field", [
    ({"adapter": "openai", "secretKey": "k"}, "provider"),
    ({"provider": "p", "adapter": "cohere", "secretKey": "k"}, "adapter"),
    ({"provider": "p", "adapter": "openai"}, "secretKey"),
    ({"provider": "p", "adapter": "openai", "secretKey": "k", "baseURL": "ftp://x"}, "baseURL"),
    ({"provider": "p", "adapter": "azure", "secretKey": "k"}, "baseURL"),
    ({"provider": "p", "adapter": "bedrock", "secretKey": "k"}, "config"),
    ({"provider": "p", "adapter": "anthropic", "secretKey": "k", "config": {"region": "x"}}, "config"),
])
def test_bad_connection_fields_get_400_naming_the_field(api, body, field):
    status, answer = api.request("PUT", "/api/public/llm-connections", json_body=body)
    assert status == 400 and answer["message"].startswith(field), f"{body}: expected 400 naming {field}, got {status} {answer}"


def test_connection_test_reports_the_providers_words(api, fake):
    good = connect(api, fake, provider="tested")
    status, answer = api.post(f"/api/public/llm-connections/{good['id']}/test", {"model": "fake-judge"})
    assert status == 200 and answer["ok"] is True, f"test of a good connection: {status} {answer}"
    bad = connect(api, fake, provider="tested", secret="sk-bad")
    status, answer = api.post(f"/api/public/llm-connections/{bad['id']}/test", {"model": "fake-judge"})
    assert status == 200 and answer["ok"] is False and answer["status"] == 401, f"test of a bad key: {status} {answer}"
    assert answer["message"].startswith("Incorrect API key provided: sk-bad"), f"the provider's message verbatim: {answer}"
    status, answer = api.delete(f"/api/public/llm-connections/{bad['id']}")
    assert status == 200, f"DELETE: {status} {answer}"
    status, answer = api.delete(f"/api/public/llm-connections/{bad['id']}")
    assert status == 404, f"second DELETE: expected 404, got {status} {answer}"


def test_evaluator_versions_share_one_id_and_rules_follow_the_latest(api, fake):
    connect(api, fake)
    first = create_evaluator(api, "helpfulness-v")
    assert first["version"] == 1 and first["variables"] == ["input", "output"], first
    second = create_evaluator(api, "helpfulness-v", prompt="Rate {{output}} for {{input}} strictly.")
    assert second["id"] == first["id"] and second["version"] == 2, f"second version: {second}"
    fetched = api.get_ok(f"/api/public/unstable/evaluators/{first['id']}", what="get evaluator")
    assert fetched["version"] == 2 and fetched["prompt"].startswith("Rate"), fetched
    listed = api.get_ok("/api/public/unstable/evaluators", {"limit": 100}, what="list evaluators")
    names = [e["name"] for e in listed["data"]]
    assert names.count("helpfulness-v") == 1, f"one entry per evaluator: {names}"
    for builtin in ["Hallucination", "Relevance", "Helpfulness", "Toxicity", "Correctness", "Conciseness", "Context Relevance"]:
        assert builtin in names, f"built-in template {builtin} missing from {names}"


@pytest.mark.parametrize("body,code,field", [
    ({"name": "x", "prompt": "p {{a}}"}, "invalid_body", "outputDefinition"),
    ({"name": "x", "prompt": "p", "outputDefinition": {"dataType": "NUMERIC", "reasoning": {"description": "r"}}}, "invalid_body", "outputDefinition.score.description"),
    ({"name": "x", "prompt": "p", "outputDefinition": {**NUMERIC_OUTPUT, "version": 2}}, "invalid_body", "outputDefinition.version"),
    ({"name": "x", "prompt": "p", "outputDefinition": {"dataType": "CATEGORICAL", "reasoning": {"description": "r"},
                                                         "score": {"description": "s", "categories": ["a"], "shouldAllowMultipleMatches": False}}},
     "invalid_body", "outputDefinition.score.categories"),
    ({"name": "x", "prompt": "p {{a}}", "outputDefinition": NUMERIC_OUTPUT, "mapping": [{"variable": "b", "source": "input"}]},
     "invalid_variable_mapping", "mapping[0].variable"),
    ({"name": "x", "prompt": "p {{a}}", "outputDefinition": NUMERIC_OUTPUT, "mapping": [{"variable": "a", "source": "input", "jsonPath": "input.x"}]},
     "invalid_json_path", "mapping[0].jsonPath"),
    ({"name": "x", "type": "code", "sourceCode": "def f(): pass", "sourceCodeLanguage": "PYTHON"}, "invalid_body", "type"),
])
def test_bad_evaluators_get_400_with_code_and_field(api, body, code, field):
    status, answer = api.post("/api/public/unstable/evaluators", body)
    assert status == 400 and answer["code"] == code, f"{body}: expected 400 {code}, got {status} {answer}"
    assert answer["message"].startswith(field), f"message should name {field}: {answer}"
    if body.get("type") == "code":
        assert "Swift evaluator plugin" in answer["message"], f"the code refusal names the alternative: {answer}"


def test_rule_validation_names_every_bad_field(api, fake):
    connect(api, fake)
    create_evaluator(api, "strict")
    cases = [
        ({"mapping": [{"variable": "input", "source": "input"}]}, 400, "missing_variable_mapping"),
        ({"mapping": [{"variable": "input", "source": "input"}, {"variable": "input", "source": "output"}]}, 400, "duplicate_variable_mapping"),
        ({"mapping": [{"variable": "input", "source": "expected_output"}, {"variable": "output", "source": "output"}]}, 400, "invalid_variable_mapping"),
        ({"filter_": [{"type": "string", "column": "datasetId", "operator": "=", "value": "x"}]}, 400, "invalid_filter_value"),
        ({"filter_": [{"type": "stringOptions", "column": "level", "operator": "any of", "value": ["LOUD"]}]}, 400, "invalid_filter_value"),
        ({"sampling": 0}, 400, "invalid_body"),
        ({"sampling": 1.5}, 400, "invalid_body"),
    ]
    for index, (change, status, code) in enumerate(cases):
        body = {"name": f"bad-{index}", "target": "observation", "enabled": True, "sampling": change.get("sampling", 1),
                "filter": change.get("filter_", []),
                "evaluators": [{"evaluator": {"name": "strict"},
                                "mapping": change.get("mapping", [{"variable": "input", "source": "input"}, {"variable": "output", "source": "output"}])}]}
        got, answer = api.post("/api/public/unstable/evaluation-rules", body)
        assert got == status and answer.get("code") == code, f"case {change}: expected {status} {code}, got {got} {answer}"
    got, answer = api.post("/api/public/unstable/evaluation-rules", {"name": "both", "target": "observation", "enabled": False,
                                                                     "evaluator": {"name": "strict"}, "evaluators": []})
    assert got == 400 and "cannot be combined" in answer["message"], f"evaluator and evaluators together: {got} {answer}"
    got, answer = api.post("/api/public/unstable/evaluation-rules", {"name": "ghost", "target": "observation", "enabled": False,
                                                                     "evaluators": [{"evaluator": {"name": "no-such-evaluator"}}]})
    assert got == 404 and answer["code"] == "resource_not_found", f"unknown evaluator: {got} {answer}"


def test_rule_lifecycle_conflict_preflight_and_patch(api, fake):
    connect(api, fake)
    create_evaluator(api, "lifecycle")
    rule = create_rule(api, "lifecycle-rule", "lifecycle", filter_=[{"type": "stringOptions", "column": "name", "operator": "any of", "value": ["x"]}])
    check_keys(rule, RULE_KEYS, "unstableEvaluationRule")
    assert rule["status"] == "active" and rule["enabled"] is True and rule["evaluators"][0]["evaluator"]["name"] == "lifecycle", rule
    status, answer = api.post("/api/public/unstable/evaluation-rules", {"name": "lifecycle-rule", "target": "observation", "enabled": False,
                                                                       "evaluators": [{"evaluator": {"name": "lifecycle"}, "mapping": rule["mapping"]}]})
    assert status == 409 and answer["code"] == "name_conflict", f"duplicate name: {status} {answer}"
    create_evaluator(api, "no-connection", provider="nobody")
    status, answer = api.post("/api/public/unstable/evaluation-rules", {
        "name": "preflight", "target": "observation", "enabled": True,
        "evaluators": [{"evaluator": {"name": "no-connection"}, "mapping": rule["mapping"]}]})
    assert status == 422 and answer["code"] == "evaluator_preflight_failed" and answer["details"]["provider"] == "nobody", \
        f"enabling without a connection: {status} {answer}"
    status, patched = api.request("PATCH", f"/api/public/unstable/evaluation-rules/{rule['id']}", json_body={"enabled": False, "sampling": 0.25})
    assert status == 200 and patched["status"] == "inactive" and patched["sampling"] == 0.25, f"PATCH: {status} {patched}"
    status, answer = api.request("PATCH", f"/api/public/unstable/evaluation-rules/{rule['id']}", json_body={})
    assert status == 400 and answer["code"] == "invalid_body", f"empty PATCH: {status} {answer}"
    status, answer = api.delete(f"/api/public/unstable/evaluation-rules/{rule['id']}")
    assert status == 200, f"DELETE rule: {status} {answer}"
    status, answer = api.get(f"/api/public/unstable/evaluation-rules/{rule['id']}")
    assert status == 404 and answer["code"] == "resource_not_found", f"GET deleted rule: {status} {answer}"


def test_deleting_a_connection_pauses_the_rules_that_use_it(api, fake):
    connection = connect(api, fake, provider="doomed")
    create_evaluator(api, "doomed-judge", provider="doomed")
    rule = create_rule(api, "doomed-rule", "doomed-judge")
    status, _ = api.delete(f"/api/public/llm-connections/{connection['id']}")
    assert status == 200
    paused = api.get_ok(f"/api/public/unstable/evaluation-rules/{rule['id']}", what="rule after its connection was deleted")
    assert paused["enabled"] is True and paused["status"] == "paused" and paused["pausedReason"] == "LLM_CONNECTION_MISSING", paused
    connect(api, fake, provider="doomed")
    status, resumed = api.request("PATCH", f"/api/public/unstable/evaluation-rules/{rule['id']}", json_body={"enabled": True})
    assert status == 200 and resumed["status"] == "active", f"re-enabled after fixing: {status} {resumed}"
