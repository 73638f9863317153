"""Self-tests for fake_llm.FakeLLM, the local LLM provider behind the judge end-to-end tests.

They need no Lantern binary: each test talks to the fake over real HTTP (urllib only).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from fake_llm import FakeLLM

KEY = "sk-test"
SCORE_SCHEMA_0_1 = {"type": "object", "properties": {"reasoning": {"type": "string"},
                                                     "score": {"type": "number", "minimum": 0, "maximum": 1}},
                    "required": ["reasoning", "score"], "additionalProperties": False}


@pytest.fixture(scope="module")
def llm():
    with FakeLLM() as fake:
        yield fake


@pytest.fixture(autouse=True)
def _clean(llm):
    llm.reset()


def call(url: str, body: Any = None, headers: dict | None = None, method: str | None = None,
         timeout: float = 10) -> tuple[int, dict, bytes]:
    """(status, lower-cased headers, raw body) of one request; HTTP errors are returned, not raised."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method or ("POST" if data else "GET"),
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def openai(llm: FakeLLM, body: dict, key: str | None = KEY) -> tuple[int, dict, Any]:
    status, headers, raw = call(llm.base_url + "/chat/completions", body,
                                {"Authorization": f"Bearer {key}"} if key else {})
    return status, headers, json.loads(raw) if headers.get("content-type") == "application/json" else raw


def anthropic(llm: FakeLLM, body: dict, key: str = KEY) -> tuple[int, Any]:
    status, _, raw = call(llm.root_url + "/v1/messages", body,
                          {"x-api-key": key, "anthropic-version": "2023-06-01"})
    return status, json.loads(raw)


def judge_request(user: str, schema: dict = SCORE_SCHEMA_0_1, **extra: Any) -> dict:
    return {"model": "gpt-4o-mini",
            "messages": [{"role": "system", "content": "You are a strict judge."},
                         {"role": "user", "content": [{"type": "text", "text": user}]}],
            "response_format": {"type": "json_schema",
                                "json_schema": {"name": "score", "schema": schema, "strict": True}},
            **extra}


def score_schema(score: dict) -> dict:
    return {"type": "object", "properties": {"reasoning": {"type": "string"}, "score": score}}


def test_json_schema_answer_is_deterministic_in_range_and_counted(llm):
    user = "Rate the answer: Paris is the capital of France."
    status, _, body = openai(llm, judge_request(user))
    assert status == 200, body
    assert body["id"].startswith("chatcmpl-") and body["object"] == "chat.completion"
    assert body["model"] == "gpt-4o-mini"
    choice = body["choices"][0]
    assert choice["finish_reason"] == "stop"
    content = choice["message"]["content"]
    answer = json.loads(content)
    assert 0 <= answer["score"] <= 1
    assert answer["reasoning"] == "fake judge: " + user[:60]
    assert body["usage"] == {"prompt_tokens": 5 + len(user.split()), "completion_tokens": len(content.split()),
                             "total_tokens": 5 + len(user.split()) + len(content.split())}
    assert json.loads(openai(llm, judge_request(user))[2]["choices"][0]["message"]["content"]) == answer
    recorded = llm.requests[0]
    assert recorded["path"] == "/v1/chat/completions" and recorded["method"] == "POST"
    assert recorded["headers"]["authorization"] == f"Bearer {KEY}"
    assert recorded["body"]["model"] == "gpt-4o-mini"


@pytest.mark.parametrize("score, marker, expected", [
    ({"type": "boolean"}, "FAKE_SCORE=true", True),
    ({"type": "string", "enum": ["negative", "neutral", "positive"]}, "FAKE_SCORE=positive", "positive"),
    ({"type": "array", "items": {"type": "string", "enum": ["a", "b", "c"]}}, "FAKE_SCORE=a|b", ["a", "b"]),
    ({"type": "integer", "minimum": 1, "maximum": 5}, "FAKE_SCORE=4", 4),
])
def test_fake_score_marker_is_coerced_to_the_schema_type(llm, score, marker, expected):
    status, _, body = openai(llm, judge_request(f"judge this {marker} please", score_schema(score)))
    assert status == 200, body
    assert json.loads(body["choices"][0]["message"]["content"])["score"] == expected


def test_openai_tool_call_answer(llm):
    schema = score_schema({"type": "number", "minimum": 0, "maximum": 10})
    request = {"model": "gpt-4o", "messages": [{"role": "user", "content": "Is this helpful? FAKE_SCORE=7.5"}],
               "tools": [{"type": "function", "function": {"name": "other", "parameters": {}}},
                         {"type": "function", "function": {"name": "submit_score", "parameters": schema}}],
               "tool_choice": {"type": "function", "function": {"name": "submit_score"}}}
    status, _, body = openai(llm, request)
    assert status == 200, body
    choice = body["choices"][0]
    assert choice["finish_reason"] == "tool_calls" and choice["message"]["content"] is None
    (call_,) = choice["message"]["tool_calls"]
    assert call_["id"].startswith("call_") and call_["type"] == "function"
    assert call_["function"]["name"] == "submit_score"
    assert json.loads(call_["function"]["arguments"])["score"] == 7.5
    assert body["usage"]["completion_tokens"] == len(call_["function"]["arguments"].split())


def test_anthropic_tool_use_answer(llm):
    schema = score_schema({"type": "integer", "minimum": 1, "maximum": 5})
    request = {"model": "claude-sonnet-4-5", "max_tokens": 512, "system": "You are a judge.",
               "messages": [{"role": "user", "content": [{"type": "text", "text": "Score this output."}]}],
               "tools": [{"name": "score", "description": "Submit", "input_schema": schema}],
               "tool_choice": {"type": "tool", "name": "score"}}
    status, body = anthropic(llm, request)
    assert status == 200, body
    assert body["type"] == "message" and body["id"].startswith("msg_") and body["model"] == "claude-sonnet-4-5"
    assert body["stop_reason"] == "tool_use"
    (block,) = body["content"]
    assert block["type"] == "tool_use" and block["id"].startswith("toolu_") and block["name"] == "score"
    assert block["input"]["score"] in range(1, 6)
    assert body["usage"]["input_tokens"] == 7
    assert llm.requests[0]["headers"]["anthropic-version"] == "2023-06-01"


def test_plain_request_and_azure_deployment(llm):
    status, _, raw = call(f"{llm.root_url}/openai/deployments/judge-dep/chat/completions?api-version=2024-10-21",
                          {"messages": [{"role": "user", "content": "ping"}]}, {"api-key": KEY})
    body = json.loads(raw)
    assert status == 200, body
    assert body["model"] == "judge-dep" and body["choices"][0]["message"]["content"] == "OK"
    assert llm.requests[0]["query"] == {"api-version": "2024-10-21"}


def test_queued_429_then_success(llm):
    llm.fail_next("429", retry_after=2)
    status, headers, body = openai(llm, judge_request("first"))
    assert status == 429 and headers["retry-after"] == "2"
    assert body["error"]["code"] == "rate_limit_exceeded"
    status, _, body = openai(llm, judge_request("second"))
    assert status == 200, body


def test_bad_key_and_unknown_model(llm):
    status, _, body = openai(llm, judge_request("x"), key="sk-bad")
    assert status == 401
    assert body == {"error": {"message": "Incorrect API key provided: sk-bad. You can find your API key at "
                                         "https://platform.openai.com/account/api-keys.",
                              "type": "invalid_request_error", "param": None, "code": "invalid_api_key"}}
    status, _, body = openai(llm, {**judge_request("x"), "model": "no-such-model"})
    assert status == 404 and body["error"]["code"] == "model_not_found"
    status, body = anthropic(llm, {"model": "claude", "max_tokens": 10, "messages": []}, key="sk-bad")
    assert status == 401 and body["error"]["type"] == "authentication_error"
    status, _, raw = call(llm.base_url + "/models", headers={"Authorization": "Bearer sk-bad"})
    assert status == 401
    status, _, raw = call(llm.base_url + "/models", headers={"Authorization": f"Bearer {KEY}"})
    assert status == 200 and json.loads(raw)["data"][0]["id"] == "fake-judge"


def test_content_fault_markers(llm):
    status, _, body = openai(llm, judge_request("FAKE_FAULT=malformed"))
    assert status == 200 and body["usage"]["total_tokens"] > 0
    with pytest.raises(ValueError):
        json.loads(body["choices"][0]["message"]["content"])
    status, _, body = openai(llm, judge_request("FAKE_FAULT=wrong_shape"))
    assert status == 200 and "score" not in json.loads(body["choices"][0]["message"]["content"])
    status, headers, raw = openai(llm, judge_request("FAKE_FAULT=garbage"))
    assert status == 200 and headers["content-type"] == "text/html" and raw == b"<html>upstream error</html>"


def test_streaming_chunks_usage_and_done(llm):
    status, headers, raw = openai(llm, judge_request("stream this", stream=True,
                                                     stream_options={"include_usage": True}))
    assert status == 200 and headers["content-type"] == "text/event-stream"
    events = [line[len("data: "):] for line in raw.decode().split("\n\n") if line]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert len([c for c in chunks if c["choices"] and c["choices"][0]["delta"].get("content")]) > 1
    assert 0 <= json.loads(content)["score"] <= 1
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] == len(content.split())


def test_control_endpoints(llm):
    status, _, _ = call(llm.root_url + "/_control/fail", {"kind": "500", "count": 2})
    assert status == 200
    assert [openai(llm, judge_request("x"))[0] for _ in range(3)] == [500, 500, 200]
    status, _, raw = call(llm.root_url + "/_control/requests")
    assert status == 200 and len(json.loads(raw)) == 3
    assert call(llm.root_url + "/_control/fail", {"kind": "nope"})[0] == 400
    call(llm.root_url + "/_control/reset", {})
    assert llm.requests == []
