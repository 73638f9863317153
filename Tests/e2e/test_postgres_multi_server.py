"""Two ``lantern serve`` processes on one PostgreSQL database (issue: several servers, one database).

Both start together (migrations race under an advisory lock), then the events of the same traces go through
both: creates through one, updates through the other, OTLP spans through both, and concurrent updates of one
trace through both at once. Each server then reads every trace: complete, merged identically, no duplicates.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import Api, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY, event, iso, launch_server, now_ms, secs, stop_server, uid
from postgres_support import POSTGRES_CONFIG, fresh_database, postgres_url, psql

TRACES = 20


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    database = fresh_database(postgres_url())
    workdir = tmp_path_factory.mktemp("two-servers")
    env = {"LANTERN_DATABASE_URL": database}
    with ThreadPoolExecutor(2) as pool:  # start together: both run migrations at once
        starting = [pool.submit(launch_server, POSTGRES_CONFIG, workdir, env) for _ in range(2)]
        servers = [future.result() for future in starting]
    yield servers, database
    for server in servers:
        stop_server(server)


def otlp_span(trace_hex: str, span_hex: str, name: str, parent: str | None, start_ns: int, attributes: dict) -> dict:
    attrs = [{"key": k, "value": {"stringValue": v} if isinstance(v, str) else {"intValue": str(v)}} for k, v in attributes.items()]
    span = {"traceId": trace_hex, "spanId": span_hex, "name": name, "kind": 1,
            "startTimeUnixNano": str(start_ns), "endTimeUnixNano": str(start_ns + 250_000_000), "attributes": attrs}
    if parent:
        span["parentSpanId"] = parent
    return span


def post_otlp(api: Api, spans: list[dict]) -> None:
    import json
    body = {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "multi"}}]},
                               "scopeSpans": [{"scope": {"name": "multi-server-test"}, "spans": spans}]}]}
    status, answer = api.post_raw("/api/public/otel/v1/traces", json.dumps(body).encode(), content_type="application/json")
    assert status == 200, f"OTLP export: status expected 200, got {status}: {answer}"


def test_migrations_ran_once_under_the_lock(two_servers):
    servers, database = two_servers
    versions = [int(v) for v in psql(database, "SELECT version FROM schema_migrations ORDER BY version").split()]
    assert versions == sorted(set(versions)), f"schema_migrations: each version once, got {versions}"
    assert versions, "schema_migrations: at least one applied version"


def test_creates_through_one_updates_through_the_other(two_servers):
    servers, _ = two_servers
    a, b = (Api(s.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY) for s in servers)
    start = now_ms()
    trace_ids = [uid() for _ in range(TRACES)]
    a.ingest([event("trace-create", {"id": t, "timestamp": iso(start), "name": "created-on-a", "userId": "u-a",
                                     "tags": ["from-a"], "metadata": {"a": {"x": 1}}}) for t in trace_ids]
             + [event("span-create", {"id": f"{t}-span", "traceId": t, "name": "work", "startTime": iso(start)}) for t in trace_ids],
             what="creates through A")
    b.ingest([event("trace-create", {"id": t, "name": "renamed-on-b", "tags": ["from-b"], "metadata": {"a": {"y": 2}},
                                     "output": {"done": True}}) for t in trace_ids]
             + [event("span-update", {"id": f"{t}-span", "traceId": t, "endTime": iso(start + secs(2)), "output": "ok"}) for t in trace_ids],
             what="updates through B")
    for t in trace_ids:
        views = [api.get_ok(f"/api/public/traces/{t}", what=f"trace {t} via {name}") for api, name in ((a, "A"), (b, "B"))]
        for view, name in zip(views, "AB"):
            assert view["name"] == "renamed-on-b", f"trace {t} via {name}: name expected the later value"
            assert view["userId"] == "u-a", f"trace {t} via {name}: userId kept from the create"
            assert view["tags"] == ["from-a", "from-b"], f"trace {t} via {name}: tags unioned, got {view['tags']}"
            assert view["metadata"] == {"a": {"x": 1, "y": 2}}, f"trace {t} via {name}: metadata deep-merged, got {view['metadata']}"
            assert view["output"] == {"done": True}, f"trace {t} via {name}: output"
            spans = [o for o in view["observations"] if o["id"] == f"{t}-span"]
            assert len(view["observations"]) == 1 and len(spans) == 1, f"trace {t} via {name}: one observation, got {view['observations']}"
            assert spans[0]["output"] == "ok" and spans[0]["endTime"], f"trace {t} via {name}: span update applied"
        assert views[0] == views[1], f"trace {t}: servers A and B return different rows"


def test_otlp_spans_of_one_trace_through_both(two_servers):
    servers, _ = two_servers
    a, b = (Api(s.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY) for s in servers)
    start_ns = time.time_ns()
    for index in range(TRACES):
        trace_hex, root = uid(), uid()[:16]
        children = [uid()[:16] for _ in range(4)]
        post_otlp(a, [otlp_span(trace_hex, root, "root", None, start_ns, {"langfuse.trace.name": f"otlp-{index}", "user.id": "u-otlp"})]
                  + [otlp_span(trace_hex, c, f"child-{i}", root, start_ns + i, {"gen_ai.request.model": "gpt-4o"}) for i, c in enumerate(children[:2])])
        post_otlp(b, [otlp_span(trace_hex, c, f"child-{i + 2}", root, start_ns + i + 2, {"langfuse.trace.tags": '["via-b"]'})
                      for i, c in enumerate(children[2:])])
        for api, name in ((a, "A"), (b, "B")):
            view = api.get_ok(f"/api/public/traces/{trace_hex}", what=f"otlp trace {index} via {name}")
            ids = sorted(o["id"] for o in view["observations"])
            assert ids == sorted([root] + children), f"otlp trace {index} via {name}: all 5 spans, no duplicates; got {ids}"
            assert view["name"] == f"otlp-{index}", f"otlp trace {index} via {name}: name"
            assert view["userId"] == "u-otlp", f"otlp trace {index} via {name}: userId"
            assert view["tags"] == ["via-b"], f"otlp trace {index} via {name}: tags from spans sent through B"


def test_concurrent_updates_of_one_trace_through_both_converge(two_servers):
    servers, _ = two_servers
    apis = [Api(s.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY) for s in servers]
    trace_id = uid()
    apis[0].ingest([event("trace-create", {"id": trace_id, "name": "contended"})], what="create contended trace")
    writers, rounds = 8, 5
    errors: list[str] = []

    def writer(n: int) -> None:
        api = apis[n % 2]
        for r in range(rounds):
            try:
                api.ingest([event("trace-create", {"id": trace_id, "tags": [f"w{n}-{r}"], "metadata": {"writers": {f"w{n}-{r}": n}}}),
                            event("span-create", {"id": f"{trace_id}-{n}-{r}", "traceId": trace_id, "name": f"s{n}"})],
                           what=f"writer {n} round {r}")
            except AssertionError as exc:  # collected, asserted below with the rest
                errors.append(str(exc))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, f"concurrent ingestion failed: {errors[:3]}"
    expected_tags = sorted(f"w{n}-{r}" for n in range(writers) for r in range(rounds))
    views = [api.get_ok(f"/api/public/traces/{trace_id}", what="contended trace") for api in apis]
    for view, name in zip(views, "AB"):
        assert view["tags"] == expected_tags, f"contended trace via {name}: every writer's tag, got {len(view['tags'])} of {len(expected_tags)}"
        assert len(view["metadata"]["writers"]) == writers * rounds, f"contended trace via {name}: every writer's metadata key"
        assert len(view["observations"]) == writers * rounds, f"contended trace via {name}: one span per write, no duplicates"
        assert view["name"] == "contended", f"contended trace via {name}: name kept"
    assert views[0] == views[1], "contended trace: A and B return different rows"


def test_large_json_columns_are_compressed_with_lz4(two_servers):
    servers, database = two_servers
    if int(psql(database, "SHOW server_version_num")) < 140000:
        pytest.skip("column compression methods need PostgreSQL 14 or newer")
    if psql(database, "SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)") != "1":
        pytest.skip("this PostgreSQL server is built without lz4")
    columns = psql(database, "SELECT attrelid::regclass || '.' || attname || '=' || attcompression::text FROM pg_attribute "
                             "WHERE attrelid IN ('observations'::regclass, 'traces'::regclass, 'dataset_items'::regclass, "
                             "'dataset_item_versions'::regclass) "
                             "AND attname IN ('input', 'output', 'metadata', 'expected_output') ORDER BY 1").split()
    assert columns == ["dataset_item_versions.expected_output=l", "dataset_item_versions.input=l", "dataset_item_versions.metadata=l",
                       "dataset_items.expected_output=l", "dataset_items.input=l", "dataset_items.metadata=l",
                       "observations.input=l", "observations.metadata=l", "observations.output=l",
                       "traces.input=l", "traces.metadata=l", "traces.output=l"], f"column compression: {columns}"
    api = Api(servers[0].base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)
    trace_id = uid()
    text = " ".join(f"token-{i}" for i in range(1500))  # ~14 KB: stored compressed
    api.ingest([event("trace-create", {"id": trace_id, "timestamp": iso(now_ms()), "input": {"prompt": text}}),
                event("generation-create", {"id": f"{trace_id}-gen", "traceId": trace_id, "startTime": iso(now_ms()),
                                            "output": {"completion": text}})], what="large values")
    methods = psql(database, f"SELECT pg_column_compression(t.input) || ' ' || pg_column_compression(o.output) FROM traces t "
                             f"JOIN observations o ON o.trace_id = t.id WHERE t.id = '{trace_id}'")
    assert methods == "lz4 lz4", f"stored values' compression: {methods!r}"
    assert api.get_ok(f"/api/public/traces/{trace_id}")["input"] == {"prompt": text}, "the compressed value reads back"


def test_nul_characters_are_refused_and_escaped_backslashes_kept(two_servers):
    servers, _ = two_servers
    api = Api(servers[0].base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)
    kept, refused = uid(), uid()
    literal = "path\\u0000 and \\\\ and \u00e9 " * 200  # backslashes, never a NUL character
    api.ingest([event("trace-create", {"id": kept, "timestamp": iso(now_ms()), "metadata": {"note": literal}})],
               what="text with escaped backslashes")
    assert api.get_ok(f"/api/public/traces/{kept}")["metadata"] == {"note": literal}, "escaped backslashes round-trip"
    status, body = api.post("/api/public/ingestion", {"batch": [
        event("trace-create", {"id": refused, "timestamp": iso(now_ms()), "metadata": {"note": "a" * 5000 + "\u0000"}})]})
    assert status == 207, f"NUL batch: status {status} {body}"
    errors = body.get("errors", [])
    assert len(errors) == 1 and errors[0]["status"] == 400 and "NUL" in errors[0].get("message", "") + errors[0].get("error", ""), \
        f"a NUL character is refused with 400 naming it: {errors}"
    status, _ = api.get(f"/api/public/traces/{refused}")
    assert status == 404, "the refused trace is not stored"
