"""Helpers for the identity end-to-end tests: the `lantern keys`/`users` commands and signed-in HTTP sessions.

Standard library only (the Langfuse SDK's admin client is imported lazily by ``admin_client``). A ``Browser`` talks
to the server the way a web page does: the session cookie the sign-in set, and the session's CSRF token echoed in
``X-CSRF-Token`` on requests that change something.
"""

from __future__ import annotations

import json
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace
from email.message import Message
from typing import Any

import pytest

from conftest import CLI_TIMEOUT_S, HTTP_TIMEOUT_S, REPO_ROOT, Api, _decode

COOKIE = "lantern_session"
PASSWORD = "e2e-Passw0rd!"


# ---------------------------------------------------------------------------------------------
# the lantern command
# ---------------------------------------------------------------------------------------------

def run_cli(server, *args: str, stdin: Any = subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """``lantern <args> --config <the server's config>`` with its environment (same database).

    ``stdin`` is text to pipe in, or ``subprocess.DEVNULL`` (an empty, non-terminal standard input).
    """
    cmd = [str(server.binary), *args, "--config", str(server.config)]
    text_in = stdin if isinstance(stdin, str) else None
    try:
        return subprocess.run(cmd, cwd=REPO_ROOT, env=server.env, capture_output=True, text=True, timeout=CLI_TIMEOUT_S,
                              input=text_in, stdin=None if text_in is not None else stdin)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"`{' '.join(cmd)}` did not finish within {CLI_TIMEOUT_S}s; output: {exc.stdout!r} {exc.stderr!r}")


def _field(output: str, name: str, what: str) -> str:
    match = re.search(rf"^\s*{name}:\s*(\S+)", output, re.M)
    assert match, f"{what}: stdout lacks a '{name}:' line; stdout:\n{output}"
    return match.group(1)


def org_key(server, org: str) -> tuple[str, str]:
    """``lantern keys create --org ORG`` (the organization is created when missing) -> (public, secret)."""
    res = run_cli(server, "keys", "create", "--org", org)
    what = f"keys create --org {org}"
    assert res.returncode == 0, f"{what}: exit {res.returncode}\nstdout:\n{res.stdout}\nstderr:\n{res.stderr}"
    assert _field(res.stdout, "organization", what) == org, f"{what}: organization line: {res.stdout}"
    public, secret = _field(res.stdout, "public_key", what), _field(res.stdout, "secret_key", what)
    assert public.startswith("pk-lf-") and secret.startswith("sk-lf-"), f"{what}: key prefixes: {res.stdout}"
    return public, secret


@dataclass
class CreatedUser:
    id: str
    email: str
    password: str
    stdout: str


def create_user(server, email: str, org: str, role: str, password: str | None = PASSWORD) -> CreatedUser:
    """``lantern users create`` with ``password`` on standard input, or none (None: the command generates one)."""
    stdin = password + "\n" if password is not None else subprocess.DEVNULL
    res = run_cli(server, "users", "create", "--email", email, "--org", org, "--role", role, stdin=stdin)
    what = f"users create --email {email} --org {org} --role {role}"
    assert res.returncode == 0, f"{what}: exit {res.returncode}\nstdout:\n{res.stdout}\nstderr:\n{res.stderr}"
    match = re.search(r"^user: (\S+) \((user-[^)]+)\)$", res.stdout, re.M)
    assert match and match.group(1) == email.lower(), f"{what}: expected 'user: {email} (user-…)'; stdout:\n{res.stdout}"
    if password is None:
        password = _field(res.stdout, "password", what)
    return CreatedUser(match.group(2), match.group(1), password, res.stdout)


def project_of(api: Api) -> dict:
    """The project a project key reaches, with its organization (``GET /api/public/projects``)."""
    body = api.get_ok("/api/public/projects", what="projects of the key")
    assert len(body["data"]) == 1, f"GET /api/public/projects: one project expected, got {body}"
    return body["data"][0]


def admin_client(base_url: str, public_key: str, secret_key: str):
    """The official Langfuse SDK's generated REST client (Basic auth with the given key pair)."""
    from langfuse.api import LangfuseAPI
    return LangfuseAPI(base_url=base_url, username=public_key, password=secret_key)


# ---------------------------------------------------------------------------------------------
# HTTP with headers, and signed-in sessions
# ---------------------------------------------------------------------------------------------

@dataclass
class Answer:
    status: int
    body: Any
    headers: Message = field(repr=False)

    def cookie(self) -> dict[str, str] | None:
        """The ``lantern_session`` Set-Cookie as {name: value, attribute (lowercased): value or ''}."""
        for header in self.headers.get_all("Set-Cookie") or []:
            parts = [part.strip() for part in header.split(";")]
            name, _, value = parts[0].partition("=")
            if name == COOKIE:
                attributes = {COOKIE: value}
                for part in parts[1:]:
                    key, _, val = part.partition("=")
                    attributes[key.lower()] = val
                return attributes
        return None


_NO_BODY = object()


def call(base_url: str, method: str, path: str, *, json_body: Any = _NO_BODY, form: dict | None = None,
         headers: dict | None = None) -> Answer:
    """One HTTP request; any status comes back as an ``Answer`` (never raises for 4xx/5xx)."""
    hdrs = {"Accept": "application/json", **(headers or {})}
    data = None
    if json_body is not _NO_BODY:
        data = json.dumps(json_body).encode()
        hdrs["Content-Type"] = "application/json"
    elif form is not None:
        data = urllib.parse.urlencode(form).encode()
        hdrs["Content-Type"] = "application/x-www-form-urlencoded"
    elif method not in ("GET", "HEAD", "DELETE"):
        data = b""
    request = urllib.request.Request(base_url.rstrip("/") + path, data=data, headers=hdrs, method=method)
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as resp:
            return Answer(resp.status, _decode(resp.read()), resp.headers)
    except urllib.error.HTTPError as err:
        return Answer(err.code, _decode(err.read()), err.headers)


def sign_in_answer(base_url: str, email: str, password: str, *, as_form: bool = False) -> Answer:
    fields = {"email": email, "password": password}
    if as_form:
        return call(base_url, "POST", "/api/auth/sign-in", form=fields)
    return call(base_url, "POST", "/api/auth/sign-in", json_body=fields)


@dataclass
class Browser:
    """A signed-in person: the session cookie and the CSRF token of one sign-in."""
    base_url: str
    token: str
    csrf: str
    description: dict
    project: str | None = None

    def request(self, method: str, path: str, json_body: Any = _NO_BODY, *, project: str | None | bool = True,
                csrf: bool = True, headers: dict | None = None) -> Answer:
        """A request with the cookie; ``project`` True sends ``x-langfuse-project-id`` with the default project."""
        hdrs = {"Cookie": f"{COOKIE}={self.token}", **(headers or {})}
        chosen = self.project if project is True else project
        if chosen:
            hdrs["x-langfuse-project-id"] = chosen
        if csrf and method not in ("GET", "HEAD", "OPTIONS"):
            hdrs["X-CSRF-Token"] = self.csrf
        return call(self.base_url, method, path, json_body=json_body, headers=hdrs)

    def at(self, base_url: str) -> "Browser":
        """The same session (cookie and token) sent to another server, e.g. one sharing the database."""
        return replace(self, base_url=base_url)

    def get(self, path: str, **kw) -> Answer:
        return self.request("GET", path, **kw)

    def post(self, path: str, json_body: Any = _NO_BODY, **kw) -> Answer:
        return self.request("POST", path, json_body, **kw)


def browser_from(base_url: str, answer: Answer, what: str, project: str | None = None) -> Browser:
    """The ``Browser`` a successful sign-in answer starts."""
    assert answer.status in (200, 201), f"{what}: HTTP status expected 200, got {answer.status} body={answer.body!r}"
    cookie = answer.cookie()
    assert cookie and cookie[COOKIE], f"{what}: no {COOKIE} cookie set; headers: {answer.headers.items()}"
    csrf = answer.body.get("csrfToken") if isinstance(answer.body, dict) else None
    assert isinstance(csrf, str) and csrf, f"{what}: csrfToken missing in {answer.body!r}"
    return Browser(base_url, cookie[COOKIE], csrf, answer.body, project)


def sign_in(base_url: str, email: str, password: str, project: str | None = None) -> Browser:
    return browser_from(base_url, sign_in_answer(base_url, email, password), f"sign in as {email}", project)
