"""Read benchmarks on a seeded database: seed N observations through POST /api/public/ingestion from
several processes, then time sequential GET requests (one keep-alive connection, like a UI user): the public API
with the project key, then the web UI's server-rendered pages with a signed-in session cookie."""
import http.client
import json
import multiprocessing
import random
import time
import urllib.parse

from . import payloads
from .freshness import AUTH, percentile
from .server import USER_EMAIL, USER_PASSWORD

BIG_EVERY = 100          # every 100th trace has BIG_SIZE observations, the others SMALL_SIZE
SMALL_SIZE, BIG_SIZE = 20, 200
HUGE_INDEX, HUGE_SIZE = 1, 1000  # one trace (seed-0000001) has 1,000 observations: the trace page's worst case
SEED_TEXT = (100, 300)   # seed inputs/outputs are short (bytes) so that 1M observations seed in minutes
SEED_SPAN_DAYS = 30      # trace timestamps are spread over the last 30 days


def trace_plan(observations):
    """Number of traces so that 99 % of them have 20 observations and 1 % have 200, totalling ~observations."""
    per_block = (BIG_EVERY - 1) * SMALL_SIZE + BIG_SIZE
    return max(1, round(observations * BIG_EVERY / per_block))


def trace_size(i):
    if i == HUGE_INDEX:
        return HUGE_SIZE
    return BIG_SIZE if i % BIG_EVERY == 0 else SMALL_SIZE


def trace_id(i):
    return f"seed-{i:07d}"


_port = None
_conn = None


def _init_worker(port):
    global _port, _conn
    _port, _conn = port, None


def _post(body):
    """POSTs one batch on the worker's connection; returns (events rejected, http status)."""
    global _conn
    for attempt in range(5):
        try:
            if _conn is None:
                _conn = http.client.HTTPConnection("127.0.0.1", _port, timeout=300)
            _conn.request("POST", "/api/public/ingestion", body=body,
                          headers={"Content-Type": "application/json", "Authorization": AUTH})
            response = _conn.getresponse()
            data = response.read()
            if response.status in (503, 429):  # back-pressure: wait and retry
                time.sleep(0.2 * (attempt + 1))
                continue
            if response.status != 207:
                return -1, response.status
            return len(json.loads(data).get("errors", [])), response.status
        except (OSError, http.client.HTTPException):
            _conn = None
            time.sleep(0.5)
    return -1, 0


def _batches(first, last, batch_events, now):
    """The events of traces [first, last) in batches of at most `batch_events` events; a trace is never split, so a
    trace larger than that (the 1,000-observation one with a small --seed-batch) is a batch of its own."""
    rng = random.Random(first)
    events = []
    for i in range(first, last):
        start = now - (i * 7919 % (SEED_SPAN_DAYS * 86400))
        trace = payloads.ingestion_events(rng, trace_id(i), trace_size(i), SEED_TEXT, index=i, start=start)
        if events and len(events) + len(trace) > batch_events:
            yield events
            events = []
        events += trace
    if events:
        yield events


def _seed_chunk(task):
    """Seeds traces [first, last) in batches of at most `batch_events` events; returns (events, rejected, bad)."""
    first, last, batch_events, now = task
    sent = rejected = bad = 0
    for events in _batches(first, last, batch_events, now):
        errors, status = _post(json.dumps({"batch": events}, separators=(",", ":")).encode())
        sent += len(events)
        if errors < 0:
            bad += 1
        else:
            rejected += errors
    return sent, rejected, bad


def seed(port, observations, clients=4, batch_events=2000):
    """Seeds the database; returns a dict with counts and seconds."""
    traces = trace_plan(observations)
    chunk = max(1, batch_events // (SMALL_SIZE + 1))
    now = time.time() - 3600
    tasks = [(a, min(a + chunk, traces), batch_events, now) for a in range(0, traces, chunk)]
    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(clients, initializer=_init_worker, initargs=(port,)) as pool:
        results = list(pool.imap_unordered(_seed_chunk, tasks))
    seconds = time.monotonic() - started
    sent = sum(r[0] for r in results)
    planned_observations = sum(trace_size(i) for i in range(traces))
    return {"traces": traces, "observations": planned_observations, "events": sent, "seconds": seconds,
            "events_per_s": sent / seconds, "rejected_events": sum(r[1] for r in results),
            "failed_batches": sum(r[2] for r in results), "clients": clients, "batch_events": batch_events}


def _get(conn, path, headers=None):
    """GET `path` on `conn` (with the project key unless `headers` are given); returns (status, body)."""
    conn.request("GET", path, headers=headers or {"Authorization": AUTH})
    response = conn.getresponse()
    return response.status, response.read()


def total_items(port, path):
    """meta.totalItems of a list endpoint, or None."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    status, body = _get(conn, path)
    conn.close()
    if status != 200:
        return None
    return json.loads(body).get("meta", {}).get("totalItems")


def metrics_path(query):
    """GET /api/public/v2/metrics for `query` over the seeded 30 days (and a day either side)."""
    now = time.time()
    window = {"fromTimestamp": payloads._iso(now - (SEED_SPAN_DAYS + 1) * 86400), "toTimestamp": payloads._iso(now + 86400)}
    return "/api/public/v2/metrics?query=" + urllib.parse.quote(json.dumps({**query, **window}), safe="")


def read_cases(traces):
    """(label, function of request number -> path). Filters vary per request so no single answer is cached."""
    big = [trace_id(i) for i in range(0, traces, BIG_EVERY)]
    heavy = f"/api/public/traces?limit=50&userId={payloads.HEAVY_USER}&orderBy=timestamp.desc"
    cost_per_model_per_day = {"view": "observations", "dimensions": [{"field": "providedModelName"}],
                              "metrics": [{"measure": "totalCost", "aggregation": "sum"}], "timeDimension": {"granularity": "day"}}
    p95_per_trace_name = {"view": "observations", "dimensions": [{"field": "traceName"}],
                          "metrics": [{"measure": "latency", "aggregation": "p95"}]}
    return [
        ("metrics: cost per model per day (30 d)", lambda n: metrics_path(cost_per_model_per_day)),
        ("metrics: p95 latency per trace name", lambda n: metrics_path(p95_per_trace_name)),
        ("GET /traces?userId=(1 in 8 traces)&page=1", lambda n: heavy + "&page=1"),
        ("GET /traces?userId=(1 in 8 traces)&page=100", lambda n: heavy + "&page=100"),
        ("GET /traces?limit=50&page=1", lambda n: "/api/public/traces?limit=50&page=1"),
        ("GET /traces?limit=50&page=100", lambda n: "/api/public/traces?limit=50&page=100"),
        ("GET /traces?limit=50&userId=…", lambda n: f"/api/public/traces?limit=50&userId=user-{n * 37 % payloads.USERS:04d}"),
        ("GET /traces?limit=50&tags=…", lambda n: f"/api/public/traces?limit=50&tags={payloads.TAGS[n % len(payloads.TAGS)]}"),
        (f"GET /traces/{{id}} ({BIG_SIZE} obs.)", lambda n: f"/api/public/traces/{big[n % len(big)]}"),
        ("GET /sessions?limit=50", lambda n: "/api/public/sessions?limit=50"),
    ]


def _api_items(body):
    """Rows in a public API answer: `data` of a list, `observations` of a trace."""
    data = json.loads(body)
    return len(data["data"]) if "data" in data else len(data.get("observations", []))


def _time_case(conn, path_of, requests, headers=None, items_of=None):
    """Times `requests` sequential GETs of `path_of(n)` after one warm-up request: p50/p99 ms, non-200 answers,
    mean and largest body size, and the mean of `items_of(body)` over the 200 answers (None without it)."""
    _get(conn, path_of(0), headers)
    times, errors, sizes, items = [], 0, [], []
    for n in range(requests):
        started = time.monotonic()
        status, body = _get(conn, path_of(n), headers)
        times.append((time.monotonic() - started) * 1000)
        sizes.append(len(body))
        if status != 200:
            errors += 1
        elif items_of:
            items.append(items_of(body))
    return {"requests": requests, "p50_ms": percentile(times, 50), "p99_ms": percentile(times, 99), "errors": errors,
            "mean_kb": sum(sizes) / len(sizes) / 1024, "max_bytes": max(sizes),
            "mean_items": sum(items) / len(items) if items else (0 if items_of else None)}


def measure(port, traces, requests=100):
    """Latency p50/p99 of `requests` sequential requests per API case (after one warm-up request)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    rows = [dict(case=label, **_time_case(conn, path_of, requests, items_of=_api_items))
            for label, path_of in read_cases(traces)]
    conn.close()
    return rows


def sign_in(port):
    """Signs the bench user in (POST /api/auth/sign-in, JSON); returns the session cookie as `name=value`."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", "/api/auth/sign-in", body=json.dumps({"email": USER_EMAIL, "password": USER_PASSWORD}),
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        body, cookie = response.read(), response.getheader("Set-Cookie")
    finally:
        conn.close()
    if response.status != 200 or not cookie:
        raise RuntimeError(f"sign-in as {USER_EMAIL} answered {response.status}: {body[:200].decode(errors='replace')}")
    return cookie.split(";", 1)[0]


def project_id(port):
    """The id of the project the bench's key belongs to (GET /api/public/projects)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    status, body = _get(conn, "/api/public/projects")
    conn.close()
    if status != 200:
        raise RuntimeError(f"GET /api/public/projects answered {status}")
    return json.loads(body)["data"][0]["id"]


def page_cases(project, traces):
    """(label, function of request number -> path, p50 target in ms, largest body target in bytes) for the web UI's
    pages, the targets being the issue's quality bar on 1M observations (None: no target). The pages without a
    dateRange show their default range (traces, observations: 1d; users: 30d; dashboard: 7d; sessions: none)."""
    base = f"/project/{urllib.parse.quote(project, safe='')}"
    big = [trace_id(i) for i in range(0, traces, BIG_EVERY)]
    return [
        ("GET /project/{id}/traces", lambda n: f"{base}/traces", 100, None),
        ("GET /project/{id}/traces?dateRange=30d", lambda n: f"{base}/traces?dateRange=30d", 100, None),
        (f"GET /project/{{id}}/traces/{{traceId}} ({BIG_SIZE} obs.)", lambda n: f"{base}/traces/{big[n % len(big)]}", 100, None),
        (f"GET /project/{{id}}/traces/{{traceId}} ({HUGE_SIZE:,} obs.)", lambda n: f"{base}/traces/{trace_id(HUGE_INDEX)}",
         300, 1_000_000),
        ("GET /project/{id} (dashboard)", lambda n: base, 500, None),
        ("GET /project/{id}?dateRange=30d (dashboard)", lambda n: f"{base}?dateRange=30d", 500, None),
        ("GET /project/{id}/sessions", lambda n: f"{base}/sessions", None, None),
        ("GET /project/{id}/users", lambda n: f"{base}/users", None, None),
        ("GET /project/{id}/observations", lambda n: f"{base}/observations", None, None),
    ]


def measure_pages(port, traces, requests=100):
    """Signs in, then times `requests` sequential GETs per web UI page (after one warm-up) with the session cookie.
    A page answers 303 to the sign-in page when the cookie is not accepted: every answer but 200 counts as non-200."""
    project = project_id(port)
    headers = {"Cookie": sign_in(port)}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    rows = [dict(case=label, target_ms=target_ms, target_bytes=target_bytes, project=project,
                 **_time_case(conn, path_of, requests, headers))
            for label, path_of, target_ms, target_bytes in page_cases(project, traces)]
    conn.close()
    return rows
