"""Identity across two ``lantern serve`` processes on one PostgreSQL database: what one server revokes, the other
refuses on the very next request, because keys and sessions are looked up in the database on every request.

A project key revoked through server A (with the organization key) is 401 on server B; a session signed out
through A is 401 on B; a password changed through A ends the person's sessions on B, while the session the change
started works on both. Skipped without ``LANTERN_TEST_POSTGRES_URL``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import Api, basic_auth, launch_server, stop_server, uid
from identity_support import browser_from, call, create_user, org_key, project_of, sign_in
from postgres_support import POSTGRES_CONFIG, fresh_database, postgres_url


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    database = fresh_database(postgres_url())
    workdir = tmp_path_factory.mktemp("identity-two-servers")
    with ThreadPoolExecutor(2) as pool:
        started = [pool.submit(launch_server, POSTGRES_CONFIG, workdir, {"LANTERN_DATABASE_URL": database}) for _ in range(2)]
        pair = [future.result() for future in started]
    yield pair
    for server in pair:
        stop_server(server)


@pytest.fixture(scope="module")
def org(servers):
    """(organization id, project id, organization key's Authorization header) of the seeded project."""
    a, _ = servers
    project = project_of(Api(a.base_url, "pk-lf-dev", "sk-lf-dev"))
    org_id = project["organization"]["id"]
    return org_id, project["id"], basic_auth(*org_key(a, org_id))


def test_a_key_revoked_through_one_server_is_refused_by_the_other(servers, org):
    a, b = servers
    _, project_id, org_auth = org
    created = call(a.base_url, "POST", f"/api/public/projects/{project_id}/apiKeys", json_body={"note": "two servers"},
                   headers={"Authorization": org_auth})
    assert created.status == 200, f"create a key through A: {created.status} {created.body}"
    on_b = Api(b.base_url, created.body["publicKey"], created.body["secretKey"])
    on_b.get_ok("/api/public/traces", what="the new key on B")

    revoked = call(a.base_url, "DELETE", f"/api/public/projects/{project_id}/apiKeys/{created.body['id']}",
                   headers={"Authorization": org_auth})
    assert revoked.status == 200 and revoked.body == {"success": True}, f"revoke through A: {revoked.status} {revoked.body}"
    status, body = on_b.get("/api/public/traces")
    assert status == 401, f"the revoked key on B's next request: status expected 401, got {status} {body}"
    listed = call(b.base_url, "GET", f"/api/public/projects/{project_id}/apiKeys", headers={"Authorization": org_auth})
    assert created.body["id"] not in [k["id"] for k in listed.body["apiKeys"]], f"B no longer lists the key: {listed.body}"


def test_a_session_signed_out_through_one_server_is_refused_by_the_other(servers, org):
    a, b = servers
    org_id, project_id, _ = org
    person = create_user(a, f"two-servers-{uid()[:10]}@example.com", org_id, "VIEWER")
    on_a = sign_in(a.base_url, person.email, person.password, project=project_id)
    same_session_on_b = on_a.at(b.base_url)
    assert same_session_on_b.get("/api/public/traces").status == 200, "B accepts the session A started"

    signed_out = on_a.post("/api/auth/sign-out", project=None)
    assert signed_out.status == 200, f"sign out through A: {signed_out.status} {signed_out.body}"
    refused = same_session_on_b.get("/api/public/traces")
    assert refused.status == 401, f"the signed-out session on B's next request: status expected 401, got {refused.status} {refused.body}"
    assert same_session_on_b.get("/api/auth/session", project=None).status == 401, "B's GET session after the sign-out"


def test_a_password_changed_through_one_server_ends_the_sessions_on_the_other(servers, org):
    a, b = servers
    org_id, project_id, _ = org
    person = create_user(a, f"two-servers-pw-{uid()[:10]}@example.com", org_id, "VIEWER")
    on_b = sign_in(b.base_url, person.email, person.password, project=project_id)
    on_a = sign_in(a.base_url, person.email, person.password, project=project_id)
    assert on_b.get("/api/public/traces").status == 200, "the session B started works on B"

    changed = on_a.post("/api/auth/password", {"currentPassword": person.password, "newPassword": "Changed-passw0rd-2"}, project=None)
    fresh = browser_from(a.base_url, changed, "password change through A", project=project_id)
    refused = on_b.get("/api/public/traces")
    assert refused.status == 401, f"B's session after the change through A: status expected 401, got {refused.status} {refused.body}"
    fresh_on_b = fresh.at(b.base_url)
    assert fresh_on_b.get("/api/public/traces").status == 200, "the session the change started works on B"
    assert sign_in(b.base_url, person.email, "Changed-passw0rd-2").description["user"]["email"] == person.email
