"""A deterministic, local LLM provider for Lantern's end-to-end tests.

Why this exists: Lantern's LLM-as-a-judge runtime calls real provider APIs (OpenAI, Azure
OpenAI, Anthropic) over HTTP. The end-to-end tests must exercise that whole path (request
building, auth headers, structured-output parsing, retries, timeouts, error mapping) without
a paid API key, with answers that are the same on every run, and with provider faults that a
test can trigger on demand. ``FakeLLM`` is therefore a real HTTP server, not a mock object: a
``ThreadingHTTPServer`` on 127.0.0.1 (random port) that speaks the three wire formats closely
enough for Lantern's HTTP client. Standard library only.

Endpoints
  POST /v1/chat/completions (also /chat/completions)   OpenAI; ``Authorization: Bearer <key>``
  POST /openai/deployments/{d}/chat/completions?api-version=...
                                                       Azure OpenAI; ``api-key: <key>``
  POST /v1/messages                                    Anthropic; ``x-api-key`` + ``anthropic-version``
  GET  /v1/models                                      model list ("test connection"); OpenAI
                                                       shape, or Anthropic's when ``x-api-key`` is sent
  POST /_control/fail, POST /_control/reset, GET /_control/requests
                                                       drive the fake from another process

Special keys and models: key ``sk-bad`` (or none) -> 401, key ``sk-quota`` -> 429 insufficient
quota (not retryable), model or deployment ``no-such-model`` -> 404; each in the provider's
error shape.

Judgments: the caller's JSON schema is found in ``response_format`` (json_schema / json_object),
in a named or only OpenAI function tool, or in an Anthropic tool, and the answer comes back in
the same form: ``{"reasoning": "fake judge: <first 60 chars>", "score": ...}``. Without any
schema the answer is the plain text ``OK``. The score follows the schema's ``score`` property
(number/integer within minimum..maximum, boolean, string enum, array of enum strings) and is
taken from a ``FAKE_SCORE=<value>`` marker in the last user message (``a|b`` for arrays, coerced
to the schema type when possible, passed through otherwise so tests can send invalid scores),
else derived from the SHA-256 of that message. Usage counts whitespace-separated words.

Faults (``FAULT_KINDS``), queued with ``fail_next`` (one consumed per provider request) or
requested by a ``FAKE_FAULT=<kind>`` marker in the last user message (every request carrying
it): ``429`` rate limit with ``Retry-After``; ``500``; ``overloaded`` (Anthropic 529, OpenAI
503); ``401``; ``timeout`` (sleep ``delay``, default 30 s, then answer); ``malformed``
(truncated JSON, finish reason length / max_tokens); ``wrong_shape`` (valid JSON without
``score``); ``garbage`` (200 text/html); ``slow_stream`` (OpenAI streaming with a pause of
``delay``, default 0.5 s, between chunks).

Usage::

    with FakeLLM() as llm:
        llm.fail_next("429", retry_after=2)
        ...  # point Lantern at llm.base_url (OpenAI) or llm.root_url (Anthropic, Azure)
        assert llm.requests[0]["headers"]["authorization"] == "Bearer sk-test"

Run ``python fake_llm.py [PORT]`` to serve it by hand.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

HOST = "127.0.0.1"
MODEL_ID = "fake-judge"
BAD_KEY = "sk-bad"
QUOTA_KEY = "sk-quota"
UNKNOWN_MODEL = "no-such-model"

FAULT_KINDS = frozenset(
    {"429", "500", "overloaded", "401", "timeout", "malformed", "wrong_shape", "garbage", "slow_stream"}
)
_ERROR_FAULTS = frozenset({"429", "500", "overloaded", "401"})
DEFAULT_TIMEOUT_DELAY_S = 30.0
DEFAULT_STREAM_INTERVAL_S = 0.5
DEFAULT_RETRY_AFTER_S = 1.0

MALFORMED_JSON = '{"reasoning": "cut off'
_SCORE_MARKER = re.compile(r"FAKE_SCORE=([^\s\"'`]+)")
_FAULT_MARKER = re.compile(r"FAKE_FAULT=(\w+)")
_AZURE_PATH = re.compile(r"^/openai/deployments/([^/]+)/chat/completions$")
_WORD_PIECES = re.compile(r"\s*\S+")

_OPENAI_NO_KEY = (
    "You didn't provide an API key. You need to provide your API key in an Authorization header "
    "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from "
    "https://platform.openai.com/account/api-keys."
)


# ---------------------------------------------------------------------------------------------
# deterministic judgments
# ---------------------------------------------------------------------------------------------

def _text_of(content: Any) -> str:
    """Text of a message content: a string, or the text parts/blocks of a list."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            part["text"] for part in content
            if isinstance(part, dict) and part.get("type") == "text" and isinstance(part.get("text"), str)
        )
    return ""


def _words(text: str) -> int:
    return len(text.split())


def _last_user_text(messages: Any) -> str:
    """Text of the last ``user`` message (else of the last message); "" when there is none."""
    if not isinstance(messages, list):
        return ""
    messages = [m for m in messages if isinstance(m, dict)]
    users = [m for m in messages if m.get("role") == "user"]
    chosen = users or messages
    return _text_of(chosen[-1].get("content")) if chosen else ""


def _schema_type(schema: dict) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):  # e.g. ["number", "null"]
        kind = next((k for k in kind if k != "null"), None)
    if kind is None and "enum" in schema:
        kind = "string"
    return kind


def _coerce(raw: str, kind: str | None) -> Any:
    """A FAKE_SCORE value as the schema type; the raw string when it does not convert."""
    if kind == "array":
        return raw.split("|")
    if kind == "string":
        return raw
    if raw.lower() in ("true", "false") and kind in ("boolean", None):
        return raw.lower() == "true"
    if kind == "boolean":
        return raw
    try:
        number = float(raw)
    except ValueError:
        return raw
    return int(number) if kind == "integer" and number.is_integer() else number


def _derived_score(schema: dict, kind: str | None, digest: int) -> Any:
    """A score of the schema's type chosen from a hash of the prompt."""
    if kind == "boolean":
        return digest % 2 == 0
    if kind == "string":
        categories = schema.get("enum") or ["fake"]
        return categories[digest % len(categories)]
    if kind == "array":
        categories = (schema.get("items") or {}).get("enum") or ["fake"]
        count = 1 if len(categories) == 1 else 1 + (digest >> 16) % 2
        return [categories[(digest + i) % len(categories)] for i in range(count)]
    low, high = schema.get("minimum", 0), schema.get("maximum", 1)
    if kind == "integer":
        return int(low) + digest % (int(high) - int(low) + 1)
    return round(low + (digest % 1001) / 1000 * (high - low), 3)


def judgment(schema: dict | None, user_text: str) -> dict:
    """The fake judge's structured answer for a schema (None = unknown) and prompt text."""
    score_schema = ((schema or {}).get("properties") or {}).get("score") or {}
    kind = _schema_type(score_schema)
    marker = _SCORE_MARKER.search(user_text)
    if marker:
        score = _coerce(marker.group(1), kind)
    else:
        digest = int.from_bytes(hashlib.sha256(user_text.encode()).digest(), "big")
        score = _derived_score(score_schema, kind, digest)
    return {"reasoning": "fake judge: " + user_text[:60], "score": score}


@dataclass(frozen=True)
class Fault:
    """One injected fault; ``delay`` is the sleep for ``timeout`` / the chunk pause for ``slow_stream``."""
    kind: str
    retry_after: float | None = None
    delay: float = 0.0


def _marker_fault(payload: Any) -> Fault | None:
    if not isinstance(payload, dict):
        return None
    marker = _FAULT_MARKER.search(_last_user_text(payload.get("messages")))
    return Fault(marker.group(1)) if marker and marker.group(1) in FAULT_KINDS else None


@dataclass(frozen=True)
class _Prompt:
    """What a provider request asks for, independent of its wire format."""
    model: str
    user_text: str
    prompt_tokens: int
    form: str                  # "text" (no schema), "json" (JSON in the content) or "tool"
    schema: dict | None = None
    tool_name: str | None = None
    stream: bool = False
    include_usage: bool = False


def _answer(prompt: _Prompt, fault_kind: str | None) -> str:
    """The answer text (JSON for structured requests), as altered by a content fault."""
    if fault_kind == "malformed":
        return MALFORMED_JSON
    if prompt.form == "text" and fault_kind != "wrong_shape":
        return "OK"
    obj = judgment(prompt.schema, prompt.user_text)
    if fault_kind == "wrong_shape":
        del obj["score"]
    return json.dumps(obj)


def _new_id(prefix: str) -> str:
    return prefix + uuid.uuid4().hex[:24]


def _mask(key: str) -> str:
    """Mask a key the way OpenAI does in error messages (short keys stay readable)."""
    return key if len(key) <= 8 else key[:3] + "*" * (len(key) - 7) + key[-4:]


# ---------------------------------------------------------------------------------------------
# provider dialects: auth, error shapes, request parsing, response bodies
# ---------------------------------------------------------------------------------------------

@dataclass
class _Reply:
    status: int
    body: Any                                   # JSON-encodable, or bytes sent as they are
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


class _BadRequest(Exception):
    """The request is not valid for the provider (answered with 400)."""


class _OpenAI:
    """OpenAI chat completions."""

    def api_key(self, headers: dict[str, str]) -> str | None:
        auth = headers.get("authorization", "")
        if not auth.lower().startswith("bearer "):
            return None
        return auth[7:].strip() or None

    def error(self, status: int, type_: str, message: str, code: str | None = None,
              headers: dict[str, str] | None = None) -> _Reply:
        return _Reply(status, {"error": {"message": message, "type": type_, "param": None, "code": code}},
                      headers or {})

    def bad_key(self, key: str | None) -> _Reply:
        return self.error(401, "invalid_request_error",
                          f"Incorrect API key provided: {_mask(key or '')}. You can find your API key "
                          "at https://platform.openai.com/account/api-keys.", "invalid_api_key")

    def check_access(self, headers: dict[str, str]) -> _Reply | None:
        """The rejection for missing/special keys (and required headers), or None to proceed."""
        key = self.api_key(headers)
        if not key:
            return self.error(401, "invalid_request_error", _OPENAI_NO_KEY)
        if key == BAD_KEY:
            return self.bad_key(key)
        if key == QUOTA_KEY:
            return self.error(429, "insufficient_quota", "You exceeded your current quota, please check "
                              "your plan and billing details.", "insufficient_quota")
        return None

    def unknown_model(self, model: str) -> _Reply:
        return self.error(404, "invalid_request_error",
                          f"The model `{model}` does not exist or you do not have access to it.",
                          "model_not_found")

    def bad_request(self, message: str) -> _Reply:
        return self.error(400, "invalid_request_error", message)

    def fault(self, fault: Fault, headers: dict[str, str]) -> _Reply:
        if fault.kind == "429":
            return self.error(429, "requests", "Rate limit reached for requests. Please try again later.",
                              "rate_limit_exceeded", {"Retry-After": _retry_after(fault)})
        if fault.kind == "500":
            return self.error(500, "server_error", "The server had an error while processing your request.")
        if fault.kind == "overloaded":
            return self.error(503, "server_error", "The engine is currently overloaded, please try again later.")
        return self.bad_key(self.api_key(headers))

    def models(self) -> dict:
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "owned_by": "fake"}]}

    def parse(self, payload: dict, deployment: str | None) -> _Prompt:
        model = deployment or payload.get("model")
        if not isinstance(model, str) or not model:
            raise _BadRequest("you must provide a model parameter")
        messages = payload.get("messages")
        if not isinstance(messages, list) or not messages:
            raise _BadRequest("'messages' must be a non-empty array")
        form, schema, tool_name = self._structure(payload)
        stream_options = payload.get("stream_options") or {}
        return _Prompt(
            model=model,
            user_text=_last_user_text(messages),
            prompt_tokens=sum(_words(_text_of(m.get("content"))) for m in messages if isinstance(m, dict)),
            form=form, schema=schema, tool_name=tool_name,
            stream=payload.get("stream") is True,
            include_usage=isinstance(stream_options, dict) and stream_options.get("include_usage") is True,
        )

    @staticmethod
    def _structure(payload: dict) -> tuple[str, dict | None, str | None]:
        """(form, schema, tool name): a named tool, else response_format, else the first tool."""
        tools = [t.get("function") for t in payload.get("tools") or [] if isinstance(t, dict)]
        tools = [t for t in tools if isinstance(t, dict) and isinstance(t.get("name"), str)]
        choice = payload.get("tool_choice")
        if isinstance(choice, dict):
            name = (choice.get("function") or {}).get("name")
            tool = next((t for t in tools if t["name"] == name), None)
            if tool is None:
                raise _BadRequest(f"tool_choice names function {name!r}, which is not in 'tools'")
            return "tool", tool.get("parameters"), name
        response_format = payload.get("response_format") or {}
        if response_format.get("type") == "json_schema":
            return "json", (response_format.get("json_schema") or {}).get("schema"), None
        if response_format.get("type") == "json_object":
            return "json", None, None
        if tools and choice != "none":
            return "tool", tools[0].get("parameters"), tools[0]["name"]
        return "text", None, None

    def completion(self, prompt: _Prompt, text: str, truncated: bool) -> dict:
        message: dict[str, Any] = {"role": "assistant", "content": text, "refusal": None}
        finish = "length" if truncated else "stop"
        if prompt.form == "tool":
            message["content"] = None
            message["tool_calls"] = [{"id": _new_id("call_"), "type": "function",
                                      "function": {"name": prompt.tool_name, "arguments": text}}]
            finish = "length" if truncated else "tool_calls"
        return {
            "id": _new_id("chatcmpl-"), "object": "chat.completion", "created": int(time.time()),
            "model": prompt.model,
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
            "usage": _openai_usage(prompt, text),
        }


class _Azure(_OpenAI):
    """Azure OpenAI: the OpenAI format, keyed by ``api-key``, model = deployment."""

    def api_key(self, headers: dict[str, str]) -> str | None:
        return headers.get("api-key") or super().api_key(headers)


class _Anthropic:
    """Anthropic messages (no streaming)."""

    def api_key(self, headers: dict[str, str]) -> str | None:
        return headers.get("x-api-key") or None

    def error(self, status: int, type_: str, message: str, headers: dict[str, str] | None = None) -> _Reply:
        return _Reply(status, {"type": "error", "error": {"type": type_, "message": message}}, headers or {})

    def check_access(self, headers: dict[str, str]) -> _Reply | None:
        """The rejection for missing/special keys (and required headers), or None to proceed."""
        key = self.api_key(headers)
        if not key:
            return self.error(401, "authentication_error", "x-api-key header is required")
        if key == BAD_KEY:
            return self.error(401, "authentication_error", "invalid x-api-key")
        if key == QUOTA_KEY:
            return self.error(429, "rate_limit_error", "Your credit balance is too low to access the Anthropic API.")
        if not headers.get("anthropic-version"):
            return self.bad_request("anthropic-version: header is required")
        return None

    def unknown_model(self, model: str) -> _Reply:
        return self.error(404, "not_found_error", f"model: {model}")

    def bad_request(self, message: str) -> _Reply:
        return self.error(400, "invalid_request_error", message)

    def fault(self, fault: Fault, headers: dict[str, str]) -> _Reply:
        if fault.kind == "429":
            return self.error(429, "rate_limit_error", "Number of requests has exceeded your rate limit.",
                              {"Retry-After": _retry_after(fault)})
        if fault.kind == "500":
            return self.error(500, "api_error", "Internal server error")
        if fault.kind == "overloaded":
            return self.error(529, "overloaded_error", "Overloaded")
        return self.error(401, "authentication_error", "invalid x-api-key")

    def models(self) -> dict:
        return {"data": [{"type": "model", "id": MODEL_ID, "display_name": "Fake Judge",
                          "created_at": "2025-01-01T00:00:00Z"}],
                "has_more": False, "first_id": MODEL_ID, "last_id": MODEL_ID}

    def parse(self, payload: dict, deployment: str | None) -> _Prompt:
        model = payload.get("model")
        if not isinstance(model, str) or not model:
            raise _BadRequest("model: Field required")
        messages = payload.get("messages")
        if not isinstance(messages, list) or not messages:
            raise _BadRequest("messages: Field required")
        if not isinstance(payload.get("max_tokens"), int):
            raise _BadRequest("max_tokens: Field required")
        if payload.get("stream"):
            raise _BadRequest("FakeLLM does not implement Anthropic streaming")
        form, schema, tool_name = self._structure(payload)
        texts = [_text_of(payload.get("system"))] + [_text_of(m.get("content")) for m in messages
                                                    if isinstance(m, dict)]
        return _Prompt(model=model, user_text=_last_user_text(messages),
                       prompt_tokens=sum(_words(t) for t in texts),
                       form=form, schema=schema, tool_name=tool_name)

    @staticmethod
    def _structure(payload: dict) -> tuple[str, dict | None, str | None]:
        """(form, schema, tool name): the tool named by tool_choice, else the first tool."""
        tools = [t for t in payload.get("tools") or [] if isinstance(t, dict) and isinstance(t.get("name"), str)]
        choice = payload.get("tool_choice") or {"type": "auto"}
        if not tools or choice.get("type") == "none":
            return "text", None, None
        name = choice.get("name") if choice.get("type") == "tool" else tools[0]["name"]
        tool = next((t for t in tools if t["name"] == name), None)
        if tool is None:
            raise _BadRequest(f"tool_choice.name: tool {name!r} not found in tools")
        return "tool", tool.get("input_schema"), name

    def completion(self, prompt: _Prompt, text: str, truncated: bool) -> dict:
        if prompt.form == "tool" and not truncated:
            content = [{"type": "tool_use", "id": _new_id("toolu_"), "name": prompt.tool_name,
                        "input": json.loads(text)}]
            stop = "tool_use"
        else:
            content = [{"type": "text", "text": text}]
            stop = "max_tokens" if truncated else "end_turn"
        return {"id": _new_id("msg_"), "type": "message", "role": "assistant", "model": prompt.model,
                "content": content, "stop_reason": stop, "stop_sequence": None,
                "usage": {"input_tokens": prompt.prompt_tokens, "output_tokens": _words(text)}}


def _retry_after(fault: Fault) -> str:
    return f"{fault.retry_after if fault.retry_after is not None else DEFAULT_RETRY_AFTER_S:g}"


def _openai_usage(prompt: _Prompt, text: str) -> dict:
    completion = _words(text)
    return {"prompt_tokens": prompt.prompt_tokens, "completion_tokens": completion,
            "total_tokens": prompt.prompt_tokens + completion}


_OPENAI, _AZURE, _ANTHROPIC = _OpenAI(), _Azure(), _Anthropic()


# ---------------------------------------------------------------------------------------------
# HTTP server
# ---------------------------------------------------------------------------------------------

class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: "FakeLLM", port: int):
        self.fake = fake
        super().__init__((HOST, port), _Handler)

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client hung up first (e.g. its own timeout fired): expected, not an error
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every non-streaming reply carries Content-Length
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        raw = self._read_body()
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = None
        url = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        fake = self.server.fake
        route = (self.command, url.path)
        if url.path.startswith("/_control/"):
            return self._control(route, payload)
        fake._record({"path": url.path, "query": dict(parse_qsl(url.query)), "method": self.command,
                      "headers": headers, "body": payload})
        if route == ("GET", "/v1/models"):
            dialect = _ANTHROPIC if "x-api-key" in headers else _OPENAI
            return self._send(dialect.check_access(headers) or _Reply(200, dialect.models()))
        if self.command == "POST" and url.path in ("/v1/chat/completions", "/chat/completions"):
            return self._complete(_OPENAI, headers, payload, raw)
        azure = _AZURE_PATH.match(url.path)
        if self.command == "POST" and azure:
            if "api-version" not in dict(parse_qsl(url.query)):
                return self._send(_Reply(404, {"error": {"code": "404", "message": "Resource not found"}}))
            return self._complete(_AZURE, headers, payload, raw, deployment=azure.group(1))
        if route == ("POST", "/v1/messages"):
            return self._complete(_ANTHROPIC, headers, payload, raw)
        self._send(_OPENAI.error(404, "invalid_request_error", f"Invalid URL ({self.command} {url.path})"))

    def _complete(self, dialect: _OpenAI | _Anthropic, headers: dict[str, str], payload: Any, raw: bytes,
                  deployment: str | None = None) -> None:
        """A chat/messages request: faults first, then auth, validation and the answer."""
        fake = self.server.fake
        fault = fake._pop_fault() or _marker_fault(payload)
        kind = fault.kind if fault else None
        if kind == "timeout":
            fake._sleep(fault.delay or DEFAULT_TIMEOUT_DELAY_S)
        if kind in _ERROR_FAULTS:
            return self._send(dialect.fault(fault, headers))
        if kind == "garbage":
            return self._send(_Reply(200, b"<html>upstream error</html>", content_type="text/html"))
        denied = dialect.check_access(headers)
        if denied:
            return self._send(denied)
        if not isinstance(payload, dict):
            return self._send(dialect.bad_request(
                "We could not parse the JSON body of your request." if raw else "The request body is empty."))
        try:
            prompt = dialect.parse(payload, deployment)
        except _BadRequest as exc:
            return self._send(dialect.bad_request(str(exc)))
        if prompt.model == UNKNOWN_MODEL:
            return self._send(dialect.unknown_model(prompt.model))
        text = _answer(prompt, kind)
        if prompt.stream:
            interval = (fault.delay or DEFAULT_STREAM_INTERVAL_S) if kind == "slow_stream" else 0.0
            return self._stream(prompt, text, kind == "malformed", interval)
        self._send(_Reply(200, dialect.completion(prompt, text, truncated=kind == "malformed")))

    def _stream(self, prompt: _Prompt, text: str, truncated: bool, interval: float) -> None:
        """OpenAI server-sent events: one word per chunk, optional usage chunk, then [DONE]."""
        base = {"id": _new_id("chatcmpl-"), "object": "chat.completion.chunk", "created": int(time.time()),
                "model": prompt.model}
        if prompt.include_usage:
            base["usage"] = None
        pieces = _WORD_PIECES.findall(text)
        if prompt.form == "tool":
            header = {"index": 0, "id": _new_id("call_"), "type": "function",
                      "function": {"name": prompt.tool_name, "arguments": ""}}
            deltas = [{"role": "assistant", "content": None, "tool_calls": [header]}]
            deltas += [{"tool_calls": [{"index": 0, "function": {"arguments": p}}]} for p in pieces]
            finish = "length" if truncated else "tool_calls"
        else:
            deltas = [{"role": "assistant", "content": ""}] + [{"content": p} for p in pieces]
            finish = "length" if truncated else "stop"
        events = [{**base, "choices": [{"index": 0, "delta": d, "logprobs": None, "finish_reason": None}]}
                  for d in deltas]
        events.append({**base, "choices": [{"index": 0, "delta": {}, "logprobs": None, "finish_reason": finish}]})
        if prompt.include_usage:
            events.append({**base, "choices": [], "usage": _openai_usage(prompt, text)})

        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        for i, event in enumerate(events):
            if i and interval:
                self.server.fake._sleep(interval)
            self.wfile.write(b"data: " + json.dumps(event).encode() + b"\n\n")
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _control(self, route: tuple[str, str], payload: Any) -> None:
        fake = self.server.fake
        if route == ("POST", "/_control/fail"):
            spec = payload if isinstance(payload, dict) else {}
            try:
                retry_after = spec.get("retryAfter")
                fake.fail_next(spec.get("kind"), count=int(spec.get("count") or 1),
                               retry_after=None if retry_after is None else float(retry_after),
                               delay=float(spec.get("delay") or 0.0))
            except (TypeError, ValueError) as exc:
                return self._send(_Reply(400, {"error": str(exc)}))
            return self._send(_Reply(200, {"ok": True}))
        if route == ("POST", "/_control/reset"):
            fake.reset()
            return self._send(_Reply(200, {"ok": True}))
        if route == ("GET", "/_control/requests"):
            return self._send(_Reply(200, fake.recorded()))
        self._send(_Reply(404, {"error": f"unknown control endpoint {route[0]} {route[1]}"}))

    def _read_body(self) -> bytes:
        """The request body, by Content-Length or chunked transfer encoding."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while (size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)) > 0:
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return b"".join(chunks)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True  # cannot find the end of this request: do not reuse
            return b""
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, reply: _Reply) -> None:
        data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class FakeLLM:
    """An in-process fake LLM provider (OpenAI, Azure OpenAI, Anthropic) on 127.0.0.1.

    ``requests`` lists every provider request received (control endpoints excluded) as
    ``{"path", "query", "method", "headers" (lower-cased names), "body" (parsed JSON or None)}``.
    """

    def __init__(self, port: int = 0):
        self._port = port
        self._lock = threading.Lock()
        self._faults: deque[Fault] = deque()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.requests: list[dict] = []

    def start(self) -> "FakeLLM":
        """Bind (port 0 = a free port) and serve in a daemon thread."""
        if self._server is not None:
            raise RuntimeError("FakeLLM is already started")
        self._stopping.clear()
        self._server = _Server(self, self._port)
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-llm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; handlers sleeping in a ``timeout``/``slow_stream`` fault wake up."""
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        self._server = self._thread = None

    @property
    def root_url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeLLM is not started")
        return f"http://{HOST}:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """OpenAI-style base URL, including ``/v1``."""
        return self.root_url + "/v1"

    def fail_next(self, kind: str, count: int = 1, retry_after: float | None = None, delay: float = 0.0) -> None:
        """Queue ``count`` faults of ``kind`` (one of FAULT_KINDS) for the next provider requests."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {sorted(FAULT_KINDS)}")
        if count < 1:
            raise ValueError(f"count must be >= 1, got {count}")
        with self._lock:
            self._faults.extend(Fault(kind, retry_after, delay) for _ in range(count))

    def reset(self) -> None:
        """Drop queued faults and recorded requests."""
        with self._lock:
            self._faults.clear()
            self.requests.clear()

    def recorded(self) -> list[dict]:
        """A snapshot of ``requests``."""
        with self._lock:
            return list(self.requests)

    def __enter__(self) -> "FakeLLM":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    def _record(self, request: dict) -> None:
        with self._lock:
            self.requests.append(request)

    def _pop_fault(self) -> Fault | None:
        with self._lock:
            return self._faults.popleft() if self._faults else None

    def _sleep(self, seconds: float) -> None:
        self._stopping.wait(seconds)


if __name__ == "__main__":
    server = FakeLLM(port=int(sys.argv[1]) if len(sys.argv) > 1 else 0).start()
    print(server.base_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()
