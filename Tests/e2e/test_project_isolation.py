"""Project isolation: project B (created with `lantern keys create`) never sees or touches project A's data.

Project A is the seeded "dev" project (pk-lf-dev / sk-lf-dev); project B's keys come from the CLI,
run against the same SQLite file while the server is running.
"""

from __future__ import annotations

import pytest

from conftest import (DEFAULT_PROJECT_NAME, SESSION_KEYS, basic_auth, check_fields, check_keys, check_meta,
                      check_not_found, event, ids_of, now_ms, uid)

TRACES = "/api/public/traces"
OBSERVATIONS = "/api/public/observations"
SESSIONS = "/api/public/sessions"
PROJECTS = "/api/public/projects"


@pytest.fixture()
def trace_a(api):
    """A trace (with a span, a score and a session) owned by project A."""
    ids = dict(trace=uid(), span=uid(), score=uid(), user="user-" + uid(), session="sess-" + uid())
    api.ingest([
        event("trace-create", {"id": ids["trace"], "name": "owned-by-a", "userId": ids["user"],
                               "sessionId": ids["session"], "metadata": {"owner": "a"}}),
        event("span-create", {"id": ids["span"], "traceId": ids["trace"], "name": "a-span"}),
        event("score-create", {"id": ids["score"], "traceId": ids["trace"], "name": "a-score", "value": 1.0}),
    ])
    return ids


def test_projects_endpoint_shows_only_own_project(api, api_b, project_b):
    name_b = project_b[0]
    body_a = api.get_ok(PROJECTS, what="projects as A")
    body_b = api_b.get_ok(PROJECTS, what="projects as B")
    for who, body, name in (("A", body_a, DEFAULT_PROJECT_NAME), ("B", body_b, name_b)):
        assert isinstance(body.get("data"), list) and len(body["data"]) == 1, \
            f"projects as {who}.data: expected exactly one project, got {body!r}"
        project = body["data"][0]
        check_keys(project, ["id", "name", "organization", "metadata"], f"projects as {who}.data[0]")
        check_fields(project, {"name": name}, f"projects as {who}.data[0]")
        check_keys(project["organization"], ["id", "name"], f"projects as {who}.data[0].organization")
        assert isinstance(project["metadata"], dict), \
            f"projects as {who}.data[0].metadata: expected an object, got {project['metadata']!r}"
    assert body_a["data"][0]["id"] != body_b["data"][0]["id"], \
        f"projects.data[0].id: A and B must differ, both are {body_a['data'][0]['id']!r}"


def test_other_project_cannot_list_or_get(api, api_b, trace_a):
    listed = api_b.get_ok(TRACES, {"userId": trace_a["user"]}, "traces?userId as B")
    assert listed["data"] == [], f"traces?userId as B data: expected [], got {ids_of(listed['data'])}"
    check_meta(listed, "traces?userId as B", totalItems=0)

    everything = api_b.get_ok(TRACES, {"limit": 100}, "traces as B")
    assert trace_a["trace"] not in ids_of(everything["data"]), "traces as B data ids: contains project A's trace"

    status, body = api_b.get(f"{TRACES}/{trace_a['trace']}")
    check_not_found(status, body, "GET A's trace as B")
    status, body = api_b.get(f"{OBSERVATIONS}/{trace_a['span']}")
    check_not_found(status, body, "GET A's observation as B")
    status, body = api_b.get(f"{SESSIONS}/{trace_a['session']}")
    check_not_found(status, body, "GET A's session as B")

    obs = api_b.get_ok(OBSERVATIONS, {"traceId": trace_a["trace"]}, "observations?traceId as B")
    assert obs["data"] == [], f"observations?traceId as B data: expected [], got {ids_of(obs['data'])}"
    obs = api_b.get_ok(OBSERVATIONS, {"userId": trace_a["user"]}, "observations?userId as B")
    assert obs["data"] == [], f"observations?userId as B data: expected [], got {ids_of(obs['data'])}"

    sessions = api_b.get_ok(SESSIONS, {"limit": 100}, "sessions as B")
    assert trace_a["session"] not in ids_of(sessions["data"]), "sessions as B data ids: contains A's session"

    # A still sees everything.
    trace = api.get_ok(f"{TRACES}/{trace_a['trace']}", what="A's trace as A")
    check_fields(trace, {"name": "owned-by-a", "userId": trace_a["user"]}, "A's trace as A")
    session = api.get_ok(f"{SESSIONS}/{trace_a['session']}", what="A's session as A")
    check_keys(session, SESSION_KEYS + ["traces"], "A's session as A")


def test_other_project_cannot_delete(api, api_b, trace_a):
    status, body = api_b.delete(f"{TRACES}/{trace_a['trace']}")
    assert status in (200, 404), f"DELETE A's trace as B: HTTP status expected 200 or 404, got {status} body={body!r}"
    status, body = api_b.delete(TRACES, {"traceIds": [trace_a["trace"]]})
    assert status in (200, 404), f"bulk DELETE A's trace as B: HTTP status expected 200 or 404, got {status} {body!r}"

    trace = api.get_ok(f"{TRACES}/{trace_a['trace']}", what="A's trace after B's delete attempts")
    check_fields(trace, {"id": trace_a["trace"], "name": "owned-by-a"}, "A's trace after B's delete attempts")
    assert ids_of(trace["observations"]) == [trace_a["span"]], \
        f"A's trace.observations after B's delete attempts: got {ids_of(trace['observations'])}"
    assert ids_of(trace["scores"]) == [trace_a["score"]], \
        f"A's trace.scores after B's delete attempts: got {ids_of(trace['scores'])}"


def test_same_ids_in_two_projects_are_separate(api, api_b, trace_a):
    """Ids are scoped per project: B writing A's trace/observation/score ids creates B's own rows."""
    api_b.ingest([
        event("trace-create", {"id": trace_a["trace"], "name": "owned-by-b", "metadata": {"owner": "b"},
                               "tags": ["b-only"]}),
        event("span-create", {"id": trace_a["span"], "traceId": trace_a["trace"], "name": "b-span"}),
        event("score-create", {"id": uid(), "traceId": trace_a["trace"], "name": "b-score", "value": 0.0}),
    ])

    trace_as_a = api.get_ok(f"{TRACES}/{trace_a['trace']}", what="trace as A")
    check_fields(trace_as_a, {"name": "owned-by-a", "metadata": {"owner": "a"}, "tags": [],
                              "userId": trace_a["user"]}, "trace as A")
    assert [o["name"] for o in trace_as_a["observations"]] == ["a-span"], \
        f"trace as A.observations names: got {[o['name'] for o in trace_as_a['observations']]}"
    assert [s["name"] for s in trace_as_a["scores"]] == ["a-score"], \
        f"trace as A.scores names: got {[s['name'] for s in trace_as_a['scores']]}"

    trace_as_b = api_b.get_ok(f"{TRACES}/{trace_a['trace']}", what="trace as B")
    check_fields(trace_as_b, {"name": "owned-by-b", "metadata": {"owner": "b"}, "tags": ["b-only"],
                              "userId": None, "sessionId": None}, "trace as B")
    assert [o["name"] for o in trace_as_b["observations"]] == ["b-span"], \
        f"trace as B.observations names: got {[o['name'] for o in trace_as_b['observations']]}"
    assert [s["name"] for s in trace_as_b["scores"]] == ["b-score"], \
        f"trace as B.scores names: got {[s['name'] for s in trace_as_b['scores']]}"

    # B deleting "its" copy leaves A's intact.
    status, body = api_b.delete(f"{TRACES}/{trace_a['trace']}")
    assert status == 200, f"DELETE own trace as B: HTTP status expected 200, got {status} body={body!r}"
    status, body = api_b.get(f"{TRACES}/{trace_a['trace']}")
    check_not_found(status, body, "GET B's deleted trace as B")
    trace_as_a = api.get_ok(f"{TRACES}/{trace_a['trace']}", what="trace as A after B deleted its copy")
    check_fields(trace_as_a, {"name": "owned-by-a"}, "trace as A after B deleted its copy")


def test_mixed_credentials_are_rejected(api, project_b):
    _, pk_b, sk_b = project_b
    for label, header in (("A public + B secret", basic_auth(api.public_key, sk_b)),
                          ("B public + A secret", basic_auth(pk_b, api.secret_key))):
        status, body = api.get(TRACES, auth=header)
        assert status == 401, f"GET traces with {label}: HTTP status expected 401, got {status} body={body!r}"
        assert isinstance(body, dict) and isinstance(body.get("message"), str), \
            f"GET traces with {label}: 401 body.message missing: {body!r}"


def test_second_key_pair_for_same_project(lantern_server, api_b, project_b):
    """`keys create` for an existing project adds a key pair to that project (no new project)."""
    name_b, pk_b, sk_b = project_b
    pk2, sk2 = lantern_server.create_keys(name_b)
    assert (pk2, sk2) != (pk_b, sk_b), f"keys create (second time): public_key/secret_key must be new, got {pk2!r}"
    api_b2 = api_b.with_keys(pk2, sk2)

    trace_id = uid()
    api_b.ingest([event("trace-create", {"id": trace_id, "name": "via-first-key"}, ts=now_ms())])
    trace = api_b2.get_ok(f"{TRACES}/{trace_id}", what="B's trace via B's second key")
    check_fields(trace, {"name": "via-first-key"}, "B's trace via B's second key")
    projects = api_b2.get_ok(PROJECTS, what="projects via B's second key")
    assert [p["name"] for p in projects["data"]] == [name_b], \
        f"projects via B's second key data names: got {[p.get('name') for p in projects['data']]}"
