"""Tracing and scores through the official Langfuse Python SDK (langfuse==5.0.4) against Lantern.

The SDK exports spans as OTLP/protobuf+gzip to ``/api/public/otel/v1/traces`` and scores as a JSON
array to ``/api/public/scores``. Each test calls ``flush()`` and then reads the result back through
the public read API (``api`` fixture), polling for up to 5 s because the SDK exports from a
background thread. Every test uses its own uuid-based names and ids.
"""

from __future__ import annotations

import datetime as _dt

import pytest

pytest.importorskip("langfuse", reason="install Tests/e2e/requirements.txt")

from langfuse import Langfuse, observe, propagate_attributes  # noqa: E402

from conftest import (DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY, OBSERVATION_VIEW_KEYS,  # noqa: E402
                      TRACE_DETAIL_KEYS, check_approx, check_fields, check_keys, check_times,
                      get_when, uid)

TRACES = "/api/public/traces"
OBSERVATIONS = "/api/public/observations"
SESSIONS = "/api/public/sessions"


def env_name(prefix: str = "e2e") -> str:
    return f"{prefix}-{uid()[:12]}"


def read_trace(api, trace_id: str, what: str, n_observations: int | None = None, check=None) -> dict:
    """GET /traces/{id} once it exists (and has ``n_observations`` observations, and ``check`` passes)."""
    def verify(body):
        if n_observations is not None:
            got = len(body.get("observations") or [])
            assert got == n_observations, f"{what}.observations: expected {n_observations}, got {got}"
        if check is not None:
            check(body)
    return get_when(api, f"{TRACES}/{trace_id}", what, check=verify)


def obs_by_name(trace: dict) -> dict[str, dict]:
    return {o["name"]: o for o in trace["observations"]}


# ---------------------------------------------------------------------------------------------
# auth
# ---------------------------------------------------------------------------------------------

def test_auth_check_is_true(lf):
    assert lf.auth_check() is True, "auth_check(): expected True for pk-lf-dev/sk-lf-dev"


def test_wrong_secret_is_rejected_by_the_sdk_rest_client(lantern_server):
    # A Langfuse() with another key pair would add a second SDK resource manager (and make
    # @observe ambiguous), so this uses the SDK's own REST client directly.
    from langfuse.api import LangfuseAPI, UnauthorizedError

    client = LangfuseAPI(base_url=lantern_server.base_url, username=DEFAULT_PUBLIC_KEY,
                         password="sk-lf-wrong-" + uid())
    with pytest.raises(UnauthorizedError):
        client.projects.get()


# ---------------------------------------------------------------------------------------------
# @observe
# ---------------------------------------------------------------------------------------------

def test_observe_nested_span_and_generation(lf, api):
    u = uid()
    outer_name, inner_name = f"outer-{u}", f"inner-{u}"
    seen: dict[str, str] = {}

    @observe(name=inner_name, as_type="generation")
    def inner(question: str, *, style: str) -> dict:
        seen["inner_id"] = lf.get_current_observation_id()
        return {"answer": f"about {question}", "style": style}

    @observe(name=outer_name)
    def outer(question: str) -> str:
        seen["trace_id"] = lf.get_current_trace_id()
        seen["outer_id"] = lf.get_current_observation_id()
        result = inner(question, style="short")
        return f"final: {result['answer']}"

    returned = outer("lanterns")
    assert returned == "final: about lanterns", f"@observe-wrapped return value: got {returned!r}"
    lf.flush()

    trace = read_trace(api, seen["trace_id"], "@observe trace", n_observations=2)
    check_keys(trace, TRACE_DETAIL_KEYS, "trace")
    check_fields(trace, {"id": seen["trace_id"], "name": outer_name,
                         "input": {"args": ["lanterns"], "kwargs": {}},
                         "output": "final: about lanterns"}, "trace")
    by_name = obs_by_name(trace)
    assert set(by_name) == {outer_name, inner_name}, f"trace.observations names: got {sorted(by_name)}"
    check_fields(by_name[outer_name], {"id": seen["outer_id"], "traceId": seen["trace_id"], "type": "SPAN",
                                       "parentObservationId": None,
                                       "input": {"args": ["lanterns"], "kwargs": {}},
                                       "output": "final: about lanterns", "level": "DEFAULT"}, "outer observation")
    check_fields(by_name[inner_name], {"id": seen["inner_id"], "traceId": seen["trace_id"], "type": "GENERATION",
                                       "parentObservationId": seen["outer_id"],
                                       "input": {"args": ["lanterns"], "kwargs": {"style": "short"}},
                                       "output": {"answer": "about lanterns", "style": "short"}},
                   "inner observation")
    for name, obs in by_name.items():
        start = obs.get("startTime")
        end = obs.get("endTime")
        assert start and end, f"observation[{name}].startTime/endTime: expected both set, got {start!r}/{end!r}"

    single = api.get_ok(f"{OBSERVATIONS}/{seen['inner_id']}", what="GET observation inner")
    check_keys(single, OBSERVATION_VIEW_KEYS, "observation view")
    check_fields(single, {"type": "GENERATION", "parentObservationId": seen["outer_id"]}, "observation view")


def test_exception_inside_observe_marks_error(lf, api):
    u = uid()
    name, message = f"failing-{u}", f"kaboom {u}"
    seen: dict[str, str] = {}

    @observe(name=name)
    def failing() -> None:
        seen["trace_id"] = lf.get_current_trace_id()
        seen["obs_id"] = lf.get_current_observation_id()
        raise ValueError(message)

    with pytest.raises(ValueError):
        failing()
    lf.flush()

    trace = read_trace(api, seen["trace_id"], "failing trace", n_observations=1)
    obs = trace["observations"][0]
    check_fields(obs, {"id": seen["obs_id"], "name": name, "level": "ERROR"}, "failed observation")
    assert isinstance(obs.get("statusMessage"), str) and message in obs["statusMessage"], \
        f"failed observation.statusMessage: expected to contain {message!r}, got {obs.get('statusMessage')!r}"


# ---------------------------------------------------------------------------------------------
# start_as_current_observation with every observation type
# ---------------------------------------------------------------------------------------------

CONTEXT_TYPES = ["generation", "agent", "tool", "chain", "retriever", "evaluator", "embedding", "guardrail"]


def test_every_observation_type(lf, api):
    u = uid()
    root_name = f"all-types-{u}"
    ids: dict[str, str] = {}
    with lf.start_as_current_observation(as_type="span", name=root_name, input={"case": u}) as root:
        ids[root_name] = root.id
        trace_id = root.trace_id
        for as_type in CONTEXT_TYPES:
            kwargs = {"model": f"model-{as_type}"} if as_type in ("generation", "embedding") else {}
            with lf.start_as_current_observation(as_type=as_type, name=f"{as_type}-{u}",
                                                 input={"t": as_type}, **kwargs) as child:
                child.update(output={"done": as_type})
                ids[f"{as_type}-{u}"] = child.id
        event = lf.create_event(name=f"event-{u}", input={"t": "event"})
        ids[f"event-{u}"] = event.id
        root.update(output={"children": len(CONTEXT_TYPES) + 1})
    lf.flush()

    trace = read_trace(api, trace_id, "all-types trace", n_observations=len(CONTEXT_TYPES) + 2)
    by_name = obs_by_name(trace)
    expected_types = {root_name: "SPAN", f"event-{u}": "EVENT",
                      **{f"{t}-{u}": t.upper() for t in CONTEXT_TYPES}}
    got_types = {name: o.get("type") for name, o in by_name.items()}
    assert got_types == expected_types, f"observation.type by name: expected {expected_types}, got {got_types}"
    for name, obs in by_name.items():
        check_fields(obs, {"id": ids[name], "traceId": trace_id}, f"observation[{name}]")
        if name != root_name:
            check_fields(obs, {"parentObservationId": ids[root_name]}, f"observation[{name}]")
    for t in CONTEXT_TYPES:
        check_fields(by_name[f"{t}-{u}"], {"input": {"t": t}, "output": {"done": t}}, f"observation[{t}]")
    check_fields(by_name[f"event-{u}"], {"input": {"t": "event"}}, "observation[event]")
    check_fields(by_name[f"generation-{u}"], {"model": "model-generation"}, "observation[generation]")
    check_fields(by_name[f"embedding-{u}"], {"model": "model-embedding"}, "observation[embedding]")

    for t in ("AGENT", "TOOL", "EVALUATOR"):
        listed = api.get_ok(OBSERVATIONS, {"traceId": trace_id, "type": t}, f"observations?type={t}")
        assert [o["type"] for o in listed["data"]] == [t], \
            f"observations?traceId&type={t}: type values {[o['type'] for o in listed['data']]}"


# ---------------------------------------------------------------------------------------------
# generation details + prompt link
# ---------------------------------------------------------------------------------------------

def test_generation_model_usage_cost_and_prompt_link(lf, api):
    u = uid()
    prompt_name = f"gen-prompt-{u}"
    prompt = lf.create_prompt(name=prompt_name, prompt="Summarise {{topic}}", labels=["production"])
    assert prompt.version == 1, f"create_prompt version: expected 1, got {prompt.version!r}"

    usage = {"input": 100, "output": 25, "total": 155, "input_cached_tokens": 30}
    cost = {"input": 0.001, "output": 0.0025, "total": 0.0035}
    params = {"temperature": 0.25, "max_tokens": 256}
    messages = [{"role": "user", "content": prompt.compile(topic="lanterns")}]
    completion_start = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0) + _dt.timedelta(milliseconds=250)
    with lf.start_as_current_observation(as_type="span", name=f"root-{u}") as root:
        trace_id = root.trace_id
        with lf.start_as_current_observation(as_type="generation", name=f"llm-{u}", model="gpt-e2e-mini",
                                             model_parameters=params, input=messages, prompt=prompt,
                                             completion_start_time=completion_start) as gen:
            gen.update(output={"role": "assistant", "content": "Lanterns glow."},
                       usage_details=usage, cost_details=cost)
            gen_id = gen.id
    lf.flush()

    read_trace(api, trace_id, "generation trace", n_observations=2)
    obs = api.get_ok(f"{OBSERVATIONS}/{gen_id}", what="GET generation observation")
    check_fields(obs, {"type": "GENERATION", "name": f"llm-{u}", "model": "gpt-e2e-mini",
                       "input": messages, "output": {"role": "assistant", "content": "Lanterns glow."},
                       "usageDetails": usage, "promptName": prompt_name, "promptVersion": 1},
                 "generation")
    assert isinstance(obs.get("modelParameters"), dict), \
        f"generation.modelParameters: expected an object, got {obs.get('modelParameters')!r}"
    check_approx(obs["modelParameters"], params, "generation.modelParameters")
    assert isinstance(obs.get("costDetails"), dict), f"generation.costDetails: expected an object, got {obs!r}"
    check_approx(obs["costDetails"], cost, "generation.costDetails")
    assert isinstance(obs.get("promptId"), str) and obs["promptId"], \
        f"generation.promptId: expected the linked prompt's id, got {obs.get('promptId')!r}"
    check_times(obs, {"completionStartTime": completion_start}, "generation")

    prompt_row = api.get_ok(f"/api/public/v2/prompts/{prompt_name}", {"version": 1}, "GET prompt v1")
    check_fields(obs, {"promptId": prompt_row.get("id")}, "generation")


# ---------------------------------------------------------------------------------------------
# propagate_attributes -> trace fields
# ---------------------------------------------------------------------------------------------

def test_propagate_attributes_sets_trace_fields(lf, api):
    u = uid()
    user, session = f"user-{u}", f"sess-{u}"
    trace_name, version = f"checkout-{u}", f"v-{u[:6]}"
    tags = ["zeta", "alpha", f"t-{u[:8]}"]
    metadata = {"n": 1, "s": "x", "numeric_string": "123", "flag": True, "nested": {"k": "v"}}
    with propagate_attributes(user_id=user, session_id=session, tags=tags, metadata=metadata,
                              version=version, trace_name=trace_name):
        with lf.start_as_current_observation(as_type="span", name=f"root-{u}",
                                             input={"question": "why?"}) as root:
            trace_id = root.trace_id
            with lf.start_as_current_observation(as_type="generation", name=f"child-{u}", model="m") as child:
                child.update(output="child done")
                child_id = child.id
            root.update(output={"answer": "because"})
    lf.flush()

    trace = read_trace(api, trace_id, "propagated trace", n_observations=2)
    check_fields(trace, {"name": trace_name, "userId": user, "sessionId": session, "version": version,
                         "input": {"question": "why?"}, "output": {"answer": "because"}, "public": False},
                 "trace")
    assert sorted(trace.get("tags") or []) == sorted(tags), f"trace.tags: expected {sorted(tags)}, got {trace.get('tags')!r}"
    meta = trace.get("metadata")
    assert isinstance(meta, dict), f"trace.metadata: expected an object, got {meta!r}"
    for key, want in metadata.items():
        assert key in meta, f"trace.metadata.{key}: missing (keys: {sorted(meta)})"
        got = meta[key]
        assert got == want and type(got) is type(want), \
            f"trace.metadata.{key}: expected {want!r} ({type(want).__name__}), got {got!r} ({type(got).__name__})"

    child = api.get_ok(f"{OBSERVATIONS}/{child_id}", what="child observation")
    check_fields(child, {"version": version, "output": "child done"}, "child observation")

    listed = api.get_ok(TRACES, {"userId": user}, "traces?userId")
    assert [t["id"] for t in listed["data"]] == [trace_id], \
        f"traces?userId={user}: ids expected [{trace_id}], got {[t['id'] for t in listed['data']]}"
    by_tag = api.get_ok(TRACES, {"tags": f"t-{u[:8]}"}, "traces?tags")
    assert [t["id"] for t in by_tag["data"]] == [trace_id], f"traces?tags: ids got {[t['id'] for t in by_tag['data']]}"

    sess = api.get_ok(f"{SESSIONS}/{session}", what="GET session")
    check_fields(sess, {"id": session}, "session")
    assert [t["id"] for t in sess.get("traces", [])] == [trace_id], \
        f"session.traces ids: expected [{trace_id}], got {[t.get('id') for t in sess.get('traces', [])]}"


def test_set_trace_as_public(lf, api):
    u = uid()
    with lf.start_as_current_observation(as_type="span", name=f"public-{u}") as span:
        span.set_trace_as_public()
        public_trace = span.trace_id
    with lf.start_as_current_observation(as_type="span", name=f"private-{u}") as span:
        private_trace = span.trace_id
    lf.flush()
    check_fields(read_trace(api, public_trace, "public trace", n_observations=1), {"public": True}, "public trace")
    check_fields(read_trace(api, private_trace, "private trace", n_observations=1), {"public": False},
                 "private trace")


# ---------------------------------------------------------------------------------------------
# environment
# ---------------------------------------------------------------------------------------------

def test_environment_from_constructor_argument(lf_handle, lantern_server, api):
    env = env_name("ctor")
    # Same public key -> the SDK reuses the module's resource manager; the environment is per client.
    client = Langfuse(public_key=DEFAULT_PUBLIC_KEY, secret_key=DEFAULT_SECRET_KEY,
                      base_url=lantern_server.base_url, environment=env)
    with client.start_as_current_observation(as_type="span", name=f"env-ctor-{env}") as span:
        with client.start_as_current_observation(as_type="generation", name="g", model="m"):
            pass
        trace_id = span.trace_id
    lf_handle.client.flush()

    trace = read_trace(api, trace_id, "ctor-environment trace", n_observations=2)
    check_fields(trace, {"environment": env}, "trace")
    for obs in trace["observations"]:
        check_fields(obs, {"environment": env}, f"observation[{obs['name']}]")
    listed = api.get_ok(TRACES, {"environment": env}, "traces?environment")
    assert [t["id"] for t in listed["data"]] == [trace_id], f"traces?environment={env}: got {listed['data']!r}"


def test_environment_from_env_var(lf_handle, lantern_server, api, monkeypatch):
    env = env_name("var")
    monkeypatch.setenv("LANGFUSE_TRACING_ENVIRONMENT", env)
    client = Langfuse(public_key=DEFAULT_PUBLIC_KEY, secret_key=DEFAULT_SECRET_KEY,
                      base_url=lantern_server.base_url)
    with client.start_as_current_observation(as_type="span", name=f"env-var-{env}") as span:
        trace_id = span.trace_id
    lf_handle.client.flush()
    trace = read_trace(api, trace_id, "env-var-environment trace", n_observations=1)
    check_fields(trace, {"environment": env}, "trace")
    check_fields(trace["observations"][0], {"environment": env}, "observation")


def test_default_environment_is_default(lf, api):
    with lf.start_as_current_observation(as_type="span", name=f"env-default-{uid()}") as span:
        trace_id = span.trace_id
    lf.flush()
    check_fields(read_trace(api, trace_id, "default-environment trace", n_observations=1),
                 {"environment": "default"}, "trace")


# ---------------------------------------------------------------------------------------------
# scores
# ---------------------------------------------------------------------------------------------

def test_scores_of_every_kind(lf_handle, lf, api):
    u = uid()
    session = f"score-sess-{u}"
    custom_id = f"score-{u}"
    lf_handle.recorder.clear()
    with propagate_attributes(session_id=session):
        with lf.start_as_current_observation(as_type="span", name=f"scored-{u}") as span:
            trace_id, span_id = span.trace_id, span.id
            span.score(name="accuracy", value=0.75, data_type="NUMERIC", comment="span numeric")
            span.score(name="passed", value=1, data_type="BOOLEAN")
            span.score_trace(name="tone", value="friendly", data_type="CATEGORICAL")
            lf.score_current_trace(name="quality", value="good", data_type="CATEGORICAL",
                                   metadata={"judge": "e2e"})
            lf.score_current_span(name="latency_ok", value=0, data_type="BOOLEAN")
    lf.create_score(name="rating", value=4.5, trace_id=trace_id, score_id=custom_id, data_type="NUMERIC")
    lf.create_score(name="session-helpful", value=1, session_id=session, data_type="BOOLEAN")
    lf.create_score(name="session-mood", value="calm", session_id=session, data_type="CATEGORICAL")
    lf.flush()

    def has_six_scores(body):
        got = sorted(s.get("name") for s in body.get("scores") or [])
        assert len(got) == 6, f"trace.scores names: expected 6 scores, got {got}"

    trace = read_trace(api, trace_id, "scored trace", check=has_six_scores)
    scores = {s["name"]: s for s in trace["scores"]}
    want = {
        "accuracy": {"dataType": "NUMERIC", "value": 0.75, "observationId": span_id, "comment": "span numeric"},
        "passed": {"dataType": "BOOLEAN", "value": 1, "stringValue": "True", "observationId": span_id},
        "latency_ok": {"dataType": "BOOLEAN", "value": 0, "stringValue": "False", "observationId": span_id},
        "tone": {"dataType": "CATEGORICAL", "stringValue": "friendly", "observationId": None},
        "quality": {"dataType": "CATEGORICAL", "stringValue": "good", "observationId": None,
                    "metadata": {"judge": "e2e"}},
        "rating": {"dataType": "NUMERIC", "value": 4.5, "id": custom_id, "observationId": None},
    }
    assert set(scores) == set(want), f"trace.scores names: expected {sorted(want)}, got {sorted(scores)}"
    for name, expected in want.items():
        check_fields(scores[name], {"traceId": trace_id, "name": name, "source": "API", **expected},
                     f"score[{name}]")

    # Session scores do not belong to a trace; the SDK's batch must have been fully accepted (202).
    posts = lf_handle.recorder.matching("POST", "/api/public/scores")
    assert posts, "POST /api/public/scores: the SDK sent no score batch"
    sent = [s for x in posts for s in (x.request_body if isinstance(x.request_body, list) else [x.request_body])]
    session_scores = [s for s in sent if s.get("sessionId") == session]
    assert len(session_scores) == 2, f"score batch: expected 2 session scores sent, got {session_scores!r}"
    for x in posts:
        assert x.status == 202, \
            f"POST /api/public/scores: HTTP status expected 202 (all accepted), got {x.status} body={x.response_body!r}"
        check_fields(x.response_body, {"message": "Accepted"}, "POST /api/public/scores response")
