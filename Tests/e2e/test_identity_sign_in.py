"""Signing in over real HTTP: the session cookie, its use on the public API, CSRF, sign-out, password changes and
the failed-sign-in throttle.

On the dev profile the person is the seeded ``dev@lantern.local`` (password ``lantern-dev-1``), OWNER of organization
``dev`` and its project ``dev``; on another profile (CI's PostgreSQL run) an OWNER made with ``lantern users create``
in the dev key's organization stands in. Throwaway accounts are made the same way. One test starts its own server
whose ``auth.publicURL`` is https, to see the cookie become ``Secure``.
"""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import CONFIG_PATH, REPO_ROOT, event, launch_server, parse_ts, stop_server, uid
from identity_support import (COOKIE, PASSWORD, Browser, browser_from, call, create_user, project_of, sign_in,
                              sign_in_answer)

DEV_PROFILE = CONFIG_PATH.name == "dev-sqlite.yaml"
INVALID = {"message": "Invalid email or password"}


@pytest.fixture(scope="module")
def owner(lantern_server, api):
    """(email, password, project id, organization id) of an OWNER of the dev key's project."""
    project = project_of(api)
    if DEV_PROFILE:
        assert (project["id"], project["organization"]) == ("dev", {"id": "dev", "name": "dev"}), f"dev profile project: {project}"
        return "dev@lantern.local", "lantern-dev-1", "dev", "dev"
    person = create_user(lantern_server, f"owner-{uid()[:10]}@example.com", project["organization"]["id"], "OWNER")
    return person.email, person.password, project["id"], project["organization"]["id"]


def signed_in(lantern_server, owner) -> Browser:
    email, password, project_id, _ = owner
    return sign_in(lantern_server.base_url, email, password, project=project_id)


def test_sign_in_sets_an_http_only_same_site_cookie_and_describes_the_person(lantern_server, owner):
    email, password, project_id, org_id = owner
    before = _dt.datetime.now(_dt.timezone.utc)
    answer = sign_in_answer(lantern_server.base_url, email, password)
    assert answer.status == 200, f"sign-in: status {answer.status} {answer.body}"
    cookie = answer.cookie()
    assert cookie is not None and len(cookie[COOKIE]) >= 43, f"the session cookie holds a 256-bit token: {cookie}"
    assert "httponly" in cookie and cookie.get("samesite") == "Lax" and cookie.get("path") == "/", f"cookie attributes: {cookie}"
    assert "secure" not in cookie, f"no Secure attribute on a plain-http server without an https publicURL: {cookie}"
    assert cookie.get("max-age") == str(30 * 86_400), f"Max-Age is auth.sessionMaxDays (30 days): {cookie}"

    body = answer.body
    assert body["user"]["email"] == email and body["user"]["id"].startswith("user-"), f"user: {body['user']}"
    assert body["organizations"] == [{"id": org_id, "role": "OWNER"}], f"organizations: {body['organizations']}"
    assert {"id": project_id, "role": "OWNER", "organizationId": org_id}.items() <= \
        next(p for p in body["projects"] if p["id"] == project_id).items(), f"projects: {body['projects']}"
    expires = parse_ts(body["expiresAt"], "expiresAt")
    assert _dt.timedelta(days=29, hours=23) < expires - before < _dt.timedelta(days=30, minutes=5), f"expiresAt: {body['expiresAt']}"


def test_the_session_reads_and_writes_project_data_with_the_project_header(lantern_server, owner):
    browser = signed_in(lantern_server, owner)
    session = browser.get("/api/auth/session", project=None)
    assert session.status == 200 and session.body["user"] == browser.description["user"], f"GET session: {session.status} {session.body}"
    assert session.body["csrfToken"] == browser.csrf, "the session answers its own CSRF token"

    trace_id = uid()
    written = browser.post("/api/public/ingestion", {"batch": [event("trace-create", {"id": trace_id, "name": "by-session"})]})
    assert written.status == 207 and written.body["errors"] == [], f"ingestion with the session: {written.status} {written.body}"
    traces = browser.get("/api/public/traces")
    assert traces.status == 200, f"GET traces with the session: {traces.status} {traces.body}"
    read = browser.get(f"/api/public/traces/{trace_id}")
    assert read.status == 200 and read.body["name"] == "by-session", f"the trace written by the session: {read.status} {read.body}"

    missing = browser.get("/api/public/traces", project=None)
    assert missing.status == 400 and "x-langfuse-project-id" in missing.body["message"], f"no project header: {missing.status} {missing.body}"
    unknown = browser.get("/api/public/traces", project="no-such-project-" + uid())
    assert unknown.status == 404, f"an unknown project: {unknown.status} {unknown.body}"


def test_a_change_without_the_csrf_token_is_refused(lantern_server, owner):
    browser = signed_in(lantern_server, owner)
    trace_id = uid()
    batch = {"batch": [event("trace-create", {"id": trace_id, "name": "csrf"})]}
    refused = browser.post("/api/public/ingestion", batch, csrf=False)
    assert refused.status == 403 and "X-CSRF-Token" in refused.body["message"], f"POST without X-CSRF-Token: {refused.status} {refused.body}"
    wrong = browser.post("/api/public/ingestion", batch, csrf=False, headers={"X-CSRF-Token": browser.csrf[::-1]})
    assert wrong.status == 403, f"POST with a wrong X-CSRF-Token: {wrong.status} {wrong.body}"
    other = sign_in(lantern_server.base_url, owner[0], owner[1], project=owner[2])
    foreign = browser.post("/api/public/ingestion", batch, csrf=False, headers={"X-CSRF-Token": other.csrf})
    assert foreign.status == 403, f"POST with another session's token: {foreign.status} {foreign.body}"
    assert browser.get(f"/api/public/traces/{trace_id}").status == 404, "nothing was stored by the refused requests"

    sign_out = browser.post("/api/auth/sign-out", project=None, csrf=False)
    assert sign_out.status == 403, f"sign-out without the token: {sign_out.status} {sign_out.body}"
    assert browser.get("/api/public/traces").status == 200, "the refused sign-out left the session working"


def test_sign_out_ends_only_that_session(lantern_server, owner):
    browser, other = signed_in(lantern_server, owner), signed_in(lantern_server, owner)
    answer = browser.post("/api/auth/sign-out", project=None)
    assert answer.status == 200, f"sign-out: {answer.status} {answer.body}"
    cleared = answer.cookie()
    assert cleared is not None and cleared[COOKIE] == "" and cleared.get("max-age") == "0", f"sign-out clears the cookie: {cleared}"
    after = browser.get("/api/public/traces")
    assert after.status == 401, f"GET traces after sign-out: {after.status} {after.body}"
    assert browser.get("/api/auth/session", project=None).status == 401, "GET session after sign-out"
    assert other.get("/api/public/traces").status == 200, "the person's other session still works"


def test_a_wrong_password_and_an_unknown_email_answer_alike(lantern_server, owner):
    wrong = sign_in_answer(lantern_server.base_url, owner[0], "Wrong-passw0rd")
    unknown = sign_in_answer(lantern_server.base_url, f"nobody-{uid()[:10]}@example.com", "Wrong-passw0rd")
    assert (wrong.status, wrong.body) == (401, INVALID), f"wrong password: {wrong.status} {wrong.body}"
    assert (unknown.status, unknown.body) == (wrong.status, wrong.body), f"unknown email: {unknown.status} {unknown.body}"
    assert wrong.headers.get("Content-Type") == unknown.headers.get("Content-Type"), "same content type"
    assert wrong.cookie() is None and unknown.cookie() is None, "a failed sign-in sets no cookie"


def test_five_failures_lock_the_account_with_retry_after(lantern_server, owner):
    person = create_user(lantern_server, f"throttled-{uid()[:10]}@example.com", owner[3], "VIEWER")
    for attempt in range(1, 6):
        answer = sign_in_answer(lantern_server.base_url, person.email, f"Wrong-{attempt}-passw0rd")
        assert (answer.status, answer.body) == (401, INVALID), f"failed sign-in {attempt}: {answer.status} {answer.body}"
    for password in ("Wrong-6-passw0rd", person.password):
        locked = sign_in_answer(lantern_server.base_url, person.email, password)
        assert locked.status == 429, f"sign-in after 5 failures: status expected 429, got {locked.status} {locked.body}"
        retry = locked.headers.get("Retry-After")
        assert retry is not None and retry.isdigit() and 1 <= int(retry) <= 900, f"Retry-After within the window: {retry!r}"
        assert locked.cookie() is None, "no session while locked"
    sign_in(lantern_server.base_url, owner[0], owner[1])  # another account from the same address is not locked


def test_a_form_post_signs_in(lantern_server, owner):
    answer = sign_in_answer(lantern_server.base_url, owner[0], owner[1], as_form=True)
    browser = browser_from(lantern_server.base_url, answer, "form sign-in", project=owner[2])
    assert browser.description["user"]["email"] == owner[0], f"form sign-in user: {browser.description['user']}"
    assert browser.get("/api/public/traces").status == 200, "the form sign-in's session reads traces"


def test_changing_the_password_ends_every_other_session(lantern_server, owner):
    person = create_user(lantern_server, f"changer-{uid()[:10]}@example.com", owner[3], "VIEWER")
    first, second = (sign_in(lantern_server.base_url, person.email, person.password, owner[2]) for _ in range(2))
    wrong = second.post("/api/auth/password", {"currentPassword": "Not-the-passw0rd", "newPassword": "New-passw0rd-1"}, project=None)
    assert wrong.status == 400, f"a wrong current password: {wrong.status} {wrong.body}"
    weak = second.post("/api/auth/password", {"currentPassword": person.password, "newPassword": "short"}, project=None)
    assert weak.status == 400, f"a password breaking the rules: {weak.status} {weak.body}"

    changed = second.post("/api/auth/password", {"currentPassword": person.password, "newPassword": "New-passw0rd-1"}, project=None)
    fresh = browser_from(lantern_server.base_url, changed, "password change", project=owner[2])
    for old, name in ((first, "another session"), (second, "the changing session")):
        assert old.get("/api/public/traces").status == 401, f"{name} after the password change"
    assert fresh.get("/api/public/traces").status == 200, "the session the change started works"
    assert sign_in_answer(lantern_server.base_url, person.email, person.password).status == 401, "the old password fails"
    sign_in(lantern_server.base_url, person.email, "New-passw0rd-1")


def test_sign_up_is_off_by_default(lantern_server):
    answer = call(lantern_server.base_url, "POST", "/api/auth/sign-up",
                  json_body={"email": f"new-{uid()[:10]}@example.com", "password": PASSWORD})
    assert answer.status == 403 and answer.cookie() is None, f"sign-up with auth.signUp false: {answer.status} {answer.body}"


def test_the_cookie_is_secure_when_the_public_url_is_https(tmp_path):
    config = tmp_path / "https.yaml"
    config.write_text((REPO_ROOT / "config" / "dev-sqlite.yaml").read_text()
                      + "auth:\n  publicURL: https://lantern.example.com\n")
    server = launch_server(config, tmp_path, {"LANTERN_SQLITE_PATH": str(tmp_path / "https.sqlite")})
    try:
        answer = sign_in_answer(server.base_url, "dev@lantern.local", "lantern-dev-1")
        cookie = answer.cookie()
        assert answer.status == 200 and cookie is not None, f"sign-in: {answer.status} {answer.body}"
        assert "secure" in cookie and "httponly" in cookie and cookie.get("samesite") == "Lax", f"cookie attributes: {cookie}"
        browser = browser_from(server.base_url, answer, "https sign-in", project="dev")
        cleared = browser.post("/api/auth/sign-out", project=None).cookie()
        assert cleared is not None and "secure" in cleared, f"the clearing cookie is Secure too: {cleared}"
    finally:
        stop_server(server)
