"""End-to-end fixtures and helpers for the Lantern HTTP server (Langfuse public API clone).

Standard library + pytest only. Nothing here touches the server binary at import or
collection time: the binary is started by the session-scoped ``lantern_server`` fixture.

Environment knobs:
  LANTERN_BIN          path to the server binary (default <repo>/.build/debug/lantern)
  LANTERN_E2E_CONFIG   config passed to `serve`/`keys create` (default <repo>/config/dev-sqlite.yaml)
"""

from __future__ import annotations

import base64
import datetime as _dt
import http.client
import json
import os
import re
import select
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG_PATH = Path(os.environ.get("LANTERN_E2E_CONFIG") or REPO_ROOT / "config" / "dev-sqlite.yaml")
DEFAULT_PUBLIC_KEY = "pk-lf-dev"
DEFAULT_SECRET_KEY = "sk-lf-dev"
DEFAULT_PROJECT_NAME = "dev"
SECOND_PROJECT_NAME = "e2e-project-b"
# The key LLM connections' secrets are sealed with in every server the tests start (64 hex digits = 32 bytes).
E2E_ENCRYPTION_KEY = "7f" * 32

STARTUP_TIMEOUT_S = 30.0
SHUTDOWN_TIMEOUT_S = 10.0
CLI_TIMEOUT_S = 30.0
HTTP_TIMEOUT_S = 30.0


# ---------------------------------------------------------------------------------------------
# small pure helpers (imported by the test modules: ``from conftest import ...``)
# ---------------------------------------------------------------------------------------------

def uid() -> str:
    """A fresh unique id (uuid4 hex, 32 chars)."""
    return uuid.uuid4().hex


def now_ms() -> _dt.datetime:
    """Current UTC time truncated to milliseconds (what the API round-trips)."""
    t = _dt.datetime.now(_dt.timezone.utc)
    return t.replace(microsecond=(t.microsecond // 1000) * 1000)


def iso(t: _dt.datetime) -> str:
    """ISO-8601 UTC timestamp with millisecond precision and a 'Z' suffix."""
    t = t.astimezone(_dt.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def secs(n: float) -> _dt.timedelta:
    return _dt.timedelta(seconds=n)


_FRACTION = re.compile(r"\.(\d+)")


def parse_ts(value: Any, what: str) -> _dt.datetime:
    """Parse an ISO-8601 timestamp returned by the server; it must carry an offset."""
    assert isinstance(value, str), f"{what}: expected an ISO-8601 string, got {value!r}"
    s = value.strip()
    if s.endswith(("Z", "z")):
        s = s[:-1] + "+00:00"
    s = _FRACTION.sub(lambda m: "." + (m.group(1) + "000000")[:6], s, count=1)
    try:
        t = _dt.datetime.fromisoformat(s)
    except ValueError as exc:  # pragma: no cover - message path
        raise AssertionError(f"{what}: not an ISO-8601 timestamp: {value!r} ({exc})") from None
    assert t.tzinfo is not None, f"{what}: timestamp has no UTC offset: {value!r}"
    return t


def event(type_: str, body: dict, *, ts: _dt.datetime | str | None = None,
          event_id: str | None = None) -> dict:
    """One Langfuse ingestion envelope ``{id, timestamp, type, body}``."""
    if ts is None:
        ts = now_ms()
    return {
        "id": event_id or uid(),
        "timestamp": ts if isinstance(ts, str) else iso(ts),
        "type": type_,
        "body": body,
    }


def ids_of(items: Iterable[dict]) -> list[str]:
    return [item.get("id") for item in items]


# ----- assertion helpers: every failure message names the field it checks -----

def check_fields(obj: dict, expected: dict, what: str) -> None:
    """Assert ``obj[k] == v`` for each expected key; message names ``what.k``."""
    assert isinstance(obj, dict), f"{what}: expected a JSON object, got {obj!r}"
    for key, want in expected.items():
        assert key in obj, f"{what}.{key}: field missing (keys: {sorted(obj)})"
        got = obj[key]
        assert got == want, f"{what}.{key}: expected {want!r}, got {got!r}"


def check_times(obj: dict, expected: dict, what: str, tolerance_ms: float = 1.0) -> None:
    """Assert timestamp fields equal the expected datetimes (within ``tolerance_ms``)."""
    for key, want in expected.items():
        assert key in obj, f"{what}.{key}: field missing (keys: {sorted(obj)})"
        got = parse_ts(obj[key], f"{what}.{key}")
        delta_ms = abs((got - want).total_seconds()) * 1000
        assert delta_ms <= tolerance_ms, f"{what}.{key}: expected {iso(want)}, got {obj[key]!r}"


def check_approx(obj: dict, expected: dict, what: str, rel: float = 1e-6, abs_: float = 1e-9) -> None:
    """Assert numeric fields are approximately equal."""
    for key, want in expected.items():
        assert key in obj, f"{what}.{key}: field missing (keys: {sorted(obj)})"
        got = obj[key]
        assert isinstance(got, (int, float)) and not isinstance(got, bool), \
            f"{what}.{key}: expected a number ≈ {want!r}, got {got!r}"
        assert got == pytest.approx(want, rel=rel, abs=abs_), f"{what}.{key}: expected ≈ {want!r}, got {got!r}"


def check_keys(obj: dict, keys: Iterable[str], what: str) -> None:
    """Assert the object carries every listed field (value may be null)."""
    assert isinstance(obj, dict), f"{what}: expected a JSON object, got {obj!r}"
    missing = [k for k in keys if k not in obj]
    assert not missing, f"{what}: missing fields {missing} (present: {sorted(obj)})"


def check_meta(body: dict, what: str, **expected: int) -> None:
    """Assert ``body.meta`` page/limit/totalItems/totalPages."""
    assert isinstance(body, dict) and isinstance(body.get("meta"), dict), f"{what}.meta: missing in {body!r}"
    for key, want in expected.items():
        got = body["meta"].get(key)
        assert got == want, f"{what}.meta.{key}: expected {want!r}, got {got!r} (meta={body['meta']!r})"


def check_not_found(status: int, body: Any, what: str) -> None:
    """404 with ``{"message": ..., "error": "LangfuseNotFoundError"}``."""
    assert status == 404, f"{what}: HTTP status expected 404, got {status} body={body!r}"
    assert isinstance(body, dict), f"{what}: 404 body must be a JSON object, got {body!r}"
    assert isinstance(body.get("message"), str) and body["message"], f"{what}.message: got {body.get('message')!r}"
    assert body.get("error") == "LangfuseNotFoundError", f"{what}.error: got {body.get('error')!r}"


# Required fields per OpenAPI schema (langfuse-openapi.yml).
TRACE_KEYS = ["id", "timestamp", "name", "input", "output", "sessionId", "release", "version",
              "userId", "metadata", "tags", "public", "environment"]
TRACE_DETAIL_KEYS = TRACE_KEYS + ["htmlPath", "latency", "totalCost", "observations", "scores"]
OBSERVATION_KEYS = ["id", "traceId", "type", "name", "startTime", "endTime", "completionStartTime",
                    "model", "modelParameters", "input", "version", "metadata", "output", "usage",
                    "level", "statusMessage", "parentObservationId", "promptId", "usageDetails",
                    "costDetails", "environment"]
OBSERVATION_VIEW_KEYS = OBSERVATION_KEYS + ["promptName", "promptVersion", "modelId", "inputPrice",
                                            "outputPrice", "totalPrice", "calculatedInputCost",
                                            "calculatedOutputCost", "calculatedTotalCost", "latency",
                                            "timeToFirstToken"]
SESSION_KEYS = ["id", "createdAt", "projectId", "environment"]
SCORE_V1_KEYS = ["id", "traceId", "name", "source", "observationId", "timestamp", "createdAt",
                 "updatedAt", "authorUserId", "comment", "metadata", "configId", "queueId",
                 "environment", "dataType"]
META_KEYS = ["page", "limit", "totalItems", "totalPages"]


# ---------------------------------------------------------------------------------------------
# HTTP client
# ---------------------------------------------------------------------------------------------

def _decode(raw: bytes) -> Any:
    """JSON-decode a response body; non-JSON bodies come back as text (so asserts show them)."""
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


def basic_auth(public_key: str, secret_key: str) -> str:
    return "Basic " + base64.b64encode(f"{public_key}:{secret_key}".encode()).decode()


_NO_BODY = object()


class Api:
    """Tiny JSON client for the public API; every call returns ``(status, json)``.

    ``auth``: True = this client's Basic credentials, None/False = no Authorization header,
    a string = that exact Authorization header value.
    """

    def __init__(self, base_url: str, public_key: str, secret_key: str, timeout: float = HTTP_TIMEOUT_S):
        self.base_url = base_url.rstrip("/")
        parsed = urllib.parse.urlsplit(self.base_url)
        self.host, self.port = parsed.hostname, parsed.port
        self.public_key, self.secret_key = public_key, secret_key
        self.timeout = timeout

    def with_keys(self, public_key: str, secret_key: str) -> "Api":
        return Api(self.base_url, public_key, secret_key, self.timeout)

    def _auth_header(self, auth: Any) -> str | None:
        if auth is True:
            return basic_auth(self.public_key, self.secret_key)
        if isinstance(auth, str):
            return auth
        return None

    def url(self, path: str, params: Any = None) -> str:
        url = self.base_url + path
        if params:
            url += "?" + urllib.parse.urlencode(params, doseq=True)
        return url

    def request(self, method: str, path: str, *, params: Any = None, json_body: Any = _NO_BODY,
                data: bytes | None = None, headers: dict | None = None, auth: Any = True,
                timeout: float | None = None) -> tuple[int, Any]:
        hdrs = {"Accept": "application/json"}
        if json_body is not _NO_BODY:
            data = json.dumps(json_body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        auth_value = self._auth_header(auth)
        if auth_value is not None:
            hdrs["Authorization"] = auth_value
        req = urllib.request.Request(self.url(path, params), data=data, headers=hdrs, method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout or self.timeout) as resp:
                return resp.status, _decode(resp.read())
        except urllib.error.HTTPError as err:
            return err.code, _decode(err.read())

    def get(self, path: str, params: Any = None, **kw) -> tuple[int, Any]:
        return self.request("GET", path, params=params, **kw)

    def post(self, path: str, json_body: Any = None, **kw) -> tuple[int, Any]:
        return self.request("POST", path, json_body=json_body, **kw)

    def delete(self, path: str, json_body: Any = _NO_BODY, **kw) -> tuple[int, Any]:
        return self.request("DELETE", path, json_body=json_body, **kw)

    def post_raw(self, path: str, data: bytes, content_type: str = "application/json",
                 auth: Any = True) -> tuple[int, Any]:
        """POST raw bytes, streaming them; stops sending early if the server already answered.

        Used for malformed and oversized bodies: a server may reply 413 and close the connection
        before the whole body is written, which must not look like a client-side failure.
        """
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        sent, send_error = 0, None
        try:
            conn.putrequest("POST", path, skip_accept_encoding=True)
            conn.putheader("Content-Type", content_type)
            conn.putheader("Content-Length", str(len(data)))
            conn.putheader("Accept", "application/json")
            auth_value = self._auth_header(auth)
            if auth_value is not None:
                conn.putheader("Authorization", auth_value)
            conn.endheaders()
            sock, view = conn.sock, memoryview(data)
            while sent < len(data):
                readable, _, _ = select.select([sock], [], [], 0)
                if readable:  # early response (e.g. 413) or close
                    break
                try:
                    sent += sock.send(view[sent:sent + 256 * 1024])
                except (BrokenPipeError, ConnectionResetError, socket.timeout) as exc:
                    send_error = exc
                    break
            try:
                resp = conn.getresponse()
                return resp.status, _decode(resp.read())
            except (ConnectionError, http.client.HTTPException, socket.timeout) as exc:
                raise AssertionError(
                    f"POST {path}: no HTTP response after sending {sent}/{len(data)} body bytes "
                    f"(send error: {send_error!r}; read error: {exc!r})") from None
        finally:
            conn.close()

    # ----- convenience -----

    def get_ok(self, path: str, params: Any = None, what: str | None = None) -> Any:
        status, body = self.get(path, params)
        assert status == 200, f"GET {what or path}: HTTP status expected 200, got {status} body={body!r}"
        return body

    def ingest(self, events: list[dict], what: str = "ingestion") -> dict:
        """POST a batch that must be fully accepted: 207, no errors, every non-sdk-log event id a 201 success."""
        status, body = self.post("/api/public/ingestion", {"batch": events})
        assert status == 207, f"{what}: HTTP status expected 207, got {status} body={body!r}"
        assert isinstance(body, dict), f"{what}: body must be a JSON object, got {body!r}"
        assert body.get("errors") == [], f"{what}.errors: expected [], got {body.get('errors')!r}"
        successes = body.get("successes")
        assert isinstance(successes, list), f"{what}.successes: expected a list, got {successes!r}"
        by_id = {s.get("id"): s.get("status") for s in successes}
        for ev in events:
            if ev["type"] == "sdk-log":
                continue
            assert ev["id"] in by_id, f"{what}.successes: event {ev['id']} ({ev['type']}) missing; got {successes!r}"
            assert by_id[ev["id"]] == 201, f"{what}.successes[{ev['id']}].status: expected 201, got {by_id[ev['id']]!r}"
        return body


# ---------------------------------------------------------------------------------------------
# server process
# ---------------------------------------------------------------------------------------------

def lantern_binary() -> Path:
    return Path(os.environ.get("LANTERN_BIN") or REPO_ROOT / ".build" / "debug" / "lantern")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _read_log(path: Path, limit: int = 20000) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError as exc:
        return f"<could not read {path}: {exc}>"
    return text if len(text) <= limit else "...\n" + text[-limit:]


@dataclass
class LanternServer:
    binary: Path
    config: Path
    base_url: str
    port: int
    env: dict
    workdir: Path
    log_path: Path
    proc: subprocess.Popen = field(repr=False)

    def output(self) -> str:
        return _read_log(self.log_path)

    def cli(self, *args: str, timeout: float = CLI_TIMEOUT_S) -> subprocess.CompletedProcess:
        """Run ``lantern <args> --config <config>`` with the server's environment (same SQLite file)."""
        cmd = [str(self.binary), *args, "--config", str(self.config)]
        try:
            return subprocess.run(cmd, cwd=REPO_ROOT, env=self.env, capture_output=True, text=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            pytest.fail(f"`{' '.join(cmd)}` did not finish within {timeout}s; output: {exc.stdout!r} {exc.stderr!r}")

    def create_keys(self, project: str) -> tuple[str, str]:
        """``lantern keys create --project NAME`` -> (public_key, secret_key)."""
        res = self.cli("keys", "create", "--project", project)
        out = f"exit={res.returncode}\nstdout:\n{res.stdout}\nstderr:\n{res.stderr}"
        assert res.returncode == 0, f"keys create --project {project}: exit code expected 0; {out}"
        pk = re.search(r"^\s*public_key:\s*(\S+)\s*$", res.stdout, re.M)
        sk = re.search(r"^\s*secret_key:\s*(\S+)\s*$", res.stdout, re.M)
        assert pk and sk, f"keys create --project {project}: stdout lacks 'public_key:'/'secret_key:' lines; {out}"
        assert pk.group(1).startswith("pk-lf-"), f"keys create public_key: expected pk-lf-… got {pk.group(1)!r}"
        assert sk.group(1).startswith("sk-lf-"), f"keys create secret_key: expected sk-lf-… got {sk.group(1)!r}"
        return pk.group(1), sk.group(1)


def _health(base_url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(base_url + "/api/public/health", timeout=1.0) as resp:
            return resp.status, _decode(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, _decode(err.read())


def launch_server(config: Path, workdir: Path, env_overrides: dict[str, str], port: int | None = None) -> LanternServer:
    """Start ``lantern serve --config CONFIG`` on a free port (or ``port``) and wait until it is healthy."""
    binary = lantern_binary()
    if not binary.is_file():
        pytest.fail(f"server binary not found at {binary} (build it with `swift build`, or set LANTERN_BIN)")
    if not config.is_file():
        pytest.fail(f"server config not found at {config}")
    port = port or free_port()
    env = dict(os.environ)
    env.update({
        "LANTERN_HOST": "127.0.0.1",
        "LANTERN_PORT": str(port),
        "LANTERN_PUBLIC_KEY": DEFAULT_PUBLIC_KEY,
        "LANTERN_SECRET_KEY": DEFAULT_SECRET_KEY,
        "LANTERN_ENCRYPTION_KEY": E2E_ENCRYPTION_KEY,
    })
    env.update(env_overrides)
    log_path = workdir / f"server-{port}.log"
    base_url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([str(binary), "serve", "--config", str(config)], cwd=REPO_ROOT,
                                env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    server = LanternServer(binary, config, base_url, port, env, workdir, log_path, proc)

    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    last = None
    while True:
        rc = proc.poll()
        if rc is not None:
            pytest.fail(f"lantern serve exited during startup with code {rc}; output:\n{server.output()}")
        try:
            last = _health(base_url)
            if last[0] == 200:
                return server
        except (OSError, http.client.HTTPException) as exc:
            last = exc
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            pytest.fail(f"lantern serve not healthy after {STARTUP_TIMEOUT_S}s (last health: {last!r}); "
                        f"output:\n{server.output()}")
        time.sleep(0.1)


def stop_server(server: LanternServer) -> None:
    """SIGTERM the server; it must have stayed up and must exit with 0."""
    proc = server.proc
    rc = proc.poll()
    if rc is not None:
        pytest.fail(f"lantern serve died during the test with code {rc}; output:\n{server.output()}")
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=SHUTDOWN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail(f"lantern serve did not exit within {SHUTDOWN_TIMEOUT_S}s of SIGTERM; output:\n{server.output()}")
    assert rc == 0, f"lantern serve exit code after SIGTERM: expected 0, got {rc}; output:\n{server.output()}"


@pytest.fixture(scope="session")
def lantern_server(tmp_path_factory) -> LanternServer:
    """Start ``lantern serve`` on the configured profile (fresh SQLite file); SIGTERM it at the end."""
    workdir = tmp_path_factory.mktemp("lantern")
    server = launch_server(CONFIG_PATH, workdir, {"LANTERN_SQLITE_PATH": str(workdir / "lantern.sqlite")})
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def api(lantern_server) -> Api:
    """Client authenticated as the seeded project "dev" (pk-lf-dev / sk-lf-dev)."""
    return Api(lantern_server.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)


@pytest.fixture(scope="session")
def project_b(lantern_server) -> tuple[str, str, str]:
    """A second project created through the CLI while the server runs: (name, public_key, secret_key)."""
    pk, sk = lantern_server.create_keys(SECOND_PROJECT_NAME)
    return SECOND_PROJECT_NAME, pk, sk


@pytest.fixture(scope="session")
def api_b(api, project_b) -> Api:
    """Client authenticated as the second project."""
    _, pk, sk = project_b
    return api.with_keys(pk, sk)


# ---------------------------------------------------------------------------------------------
# helpers for the official-client suites (test_sdk_*.py, test_otel_*.py)
# The client libraries are imported lazily so the stdlib-only suites never need them.
# ---------------------------------------------------------------------------------------------

WAIT_TIMEOUT_S = 5.0


def wait_for(fn, what: str, timeout: float = WAIT_TIMEOUT_S, interval: float = 0.1) -> Any:
    """Call ``fn()`` until it returns a truthy value without raising AssertionError.

    Returns that value. After ``timeout`` seconds the last AssertionError is re-raised (prefixed
    with ``what``), or, if ``fn`` only ever returned a falsy value, an AssertionError naming ``what``.
    """
    deadline = time.monotonic() + timeout
    last_error: AssertionError | None = None
    last_value: Any = None
    while True:
        try:
            last_value = fn()
            if last_value:
                return last_value
            last_error = None
        except AssertionError as exc:
            last_error = exc
        if time.monotonic() >= deadline:
            if last_error is not None:
                raise AssertionError(f"{what} (still failing after {timeout:.0f} s): {last_error}") from None
            raise AssertionError(f"{what}: not satisfied within {timeout:.0f} s (last result: {last_value!r})")
        time.sleep(interval)


def get_when(api: "Api", path: str, what: str, params: Any = None, check=None,
             timeout: float = WAIT_TIMEOUT_S) -> Any:
    """Poll ``GET path`` until it answers 200 and ``check(body)`` (if given) raises no AssertionError."""
    def attempt():
        status, body = api.get(path, params)
        assert status == 200, f"GET {what}: HTTP status expected 200, got {status} body={body!r}"
        if check is not None:
            check(body)
        return body if body is not None else {}
    return wait_for(attempt, what, timeout=timeout)


@dataclass
class RecordedExchange:
    method: str
    path: str
    status: int
    request_body: Any
    response_body: Any


class HttpRecorder:
    """httpx event hook recording every REST exchange the Langfuse SDK makes (scores, media, prompts...)."""

    def __init__(self) -> None:
        import threading
        self._lock = threading.Lock()
        self.exchanges: list[RecordedExchange] = []

    def hook(self, response) -> None:  # httpx response event hook
        try:
            response.read()
            response_body = _decode(response.content)
        except Exception as exc:  # pragma: no cover - diagnostic only
            response_body = f"<unreadable: {exc!r}>"
        request = response.request
        try:
            raw = request.content
        except Exception:  # pragma: no cover - streamed request
            raw = b""
        request_body = _decode(raw) if raw and request.headers.get("content-type", "").startswith(
            "application/json") else (len(raw) if raw else None)
        with self._lock:
            self.exchanges.append(RecordedExchange(request.method, request.url.path, response.status_code,
                                                   request_body, response_body))

    def matching(self, method: str, path_prefix: str) -> list[RecordedExchange]:
        with self._lock:
            return [x for x in self.exchanges if x.method == method and x.path.startswith(path_prefix)]

    def clear(self) -> None:
        with self._lock:
            self.exchanges.clear()


@dataclass
class LangfuseHandle:
    client: Any
    recorder: HttpRecorder
    tracer_provider: Any


def open_langfuse_client(base_url: str, public_key: str = DEFAULT_PUBLIC_KEY,
                         secret_key: str = DEFAULT_SECRET_KEY, **kwargs: Any) -> LangfuseHandle:
    """A fresh official ``langfuse.Langfuse`` client bound to Lantern.

    The SDK keeps one resource manager (tracer, score queue, media threads) per public key for the
    whole process; it is reset here so every test module starts from a fresh one. The client gets a
    private OpenTelemetry TracerProvider (the global one is left alone) and an httpx client whose
    responses are recorded (``handle.recorder``). Close with ``close_langfuse_client``.
    """
    import httpx
    from langfuse import Langfuse
    from langfuse._client.resource_manager import LangfuseResourceManager
    from opentelemetry.sdk.trace import TracerProvider

    LangfuseResourceManager.reset()
    recorder = HttpRecorder()
    provider = TracerProvider()
    http = httpx.Client(timeout=HTTP_TIMEOUT_S, event_hooks={"response": [recorder.hook]})
    client = Langfuse(public_key=public_key, secret_key=secret_key, base_url=base_url,
                      httpx_client=http, tracer_provider=provider, **kwargs)
    return LangfuseHandle(client, recorder, provider)


def close_langfuse_client(handle: LangfuseHandle) -> None:
    from langfuse._client.resource_manager import LangfuseResourceManager
    try:
        LangfuseResourceManager.reset()  # flushes, then shuts down every SDK resource manager
    finally:
        handle.tracer_provider.shutdown()


@pytest.fixture(scope="module")
def lf_handle(lantern_server):
    """A Langfuse SDK client per test module, pointed at the server under test."""
    handle = open_langfuse_client(lantern_server.base_url)
    yield handle
    close_langfuse_client(handle)


@pytest.fixture
def lf(lf_handle):
    """The module's Langfuse SDK client."""
    return lf_handle.client
