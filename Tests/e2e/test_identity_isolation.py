"""Key scopes against the real server: a project key reaches no admin operation, an organization key no project
data, and an organization key of another organization nothing of the dev organization.

The 21 admin operations are those docs/api.md lists (projects, their keys and memberships, organization
memberships, projects and keys, and SCIM). Each refusal is checked to have changed nothing.
"""

from __future__ import annotations

import pytest

from conftest import basic_auth, event, uid
from identity_support import call, create_user, org_key, project_of

SCIM_USER = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "isolation@example.com"}


def admin_operations(project_id: str, key_id: str, user_id: str) -> list[tuple[str, str, dict | None]]:
    """Every admin operation as (method, path, JSON body)."""
    membership = {"userId": user_id, "role": "OWNER"}
    return [
        ("POST", "/api/public/projects", {"name": "isolation-" + uid()[:10]}),
        ("PUT", f"/api/public/projects/{project_id}", {"name": "renamed-by-a-stranger"}),
        ("DELETE", f"/api/public/projects/{project_id}", None),
        ("GET", f"/api/public/projects/{project_id}/apiKeys", None),
        ("POST", f"/api/public/projects/{project_id}/apiKeys", {"note": "stranger"}),
        ("DELETE", f"/api/public/projects/{project_id}/apiKeys/{key_id}", None),
        ("GET", f"/api/public/projects/{project_id}/memberships", None),
        ("PUT", f"/api/public/projects/{project_id}/memberships", membership),
        ("DELETE", f"/api/public/projects/{project_id}/memberships", {"userId": user_id}),
        ("GET", "/api/public/organizations/memberships", None),
        ("PUT", "/api/public/organizations/memberships", membership),
        ("DELETE", "/api/public/organizations/memberships", {"userId": user_id}),
        ("GET", "/api/public/organizations/projects", None),
        ("GET", "/api/public/organizations/apiKeys", None),
        ("GET", "/api/public/scim/ServiceProviderConfig", None),
        ("GET", "/api/public/scim/ResourceTypes", None),
        ("GET", "/api/public/scim/Schemas", None),
        ("GET", "/api/public/scim/Users", None),
        ("POST", "/api/public/scim/Users", SCIM_USER),
        ("GET", f"/api/public/scim/Users/{user_id}", None),
        ("DELETE", f"/api/public/scim/Users/{user_id}", None),
    ]


@pytest.fixture(scope="module")
def dev(lantern_server, api):
    """The dev key's project and organization, that organization's key, a member and the dev key's id."""
    project = project_of(api)
    org_id = project["organization"]["id"]
    org_auth = basic_auth(*org_key(lantern_server, org_id))
    member = create_user(lantern_server, f"isolated-{uid()[:10]}@example.com", org_id, "VIEWER")
    keys = call(lantern_server.base_url, "GET", f"/api/public/projects/{project['id']}/apiKeys", headers={"Authorization": org_auth})
    assert keys.status == 200, f"the dev project's keys: {keys.status} {keys.body}"
    key_id = next(k["id"] for k in keys.body["apiKeys"] if k["publicKey"] == api.public_key)
    return {"project": project, "org": org_id, "org_auth": org_auth, "member": member, "key_id": key_id}


def state(lantern_server, dev) -> dict:
    """What a refused operation must not change, read with the dev organization's key."""
    def get(path):
        answer = call(lantern_server.base_url, "GET", path, headers={"Authorization": dev["org_auth"]})
        assert answer.status == 200, f"GET {path} with the organization key: {answer.status} {answer.body}"
        return answer.body
    project_id = dev["project"]["id"]
    return {"projects": sorted((p["id"], p["name"]) for p in get("/api/public/organizations/projects")["projects"]),
            "keys": sorted(k["id"] for k in get(f"/api/public/projects/{project_id}/apiKeys")["apiKeys"]),
            "members": sorted((m["userId"], m["role"]) for m in get("/api/public/organizations/memberships")["memberships"]),
            "project members": get(f"/api/public/projects/{project_id}/memberships")["memberships"]}


def test_a_project_key_gets_403_on_every_admin_operation(lantern_server, api, dev):
    before = state(lantern_server, dev)
    operations = admin_operations(dev["project"]["id"], dev["key_id"], dev["member"].id)
    assert len(operations) == 21, "docs/api.md lists 21 admin operations"
    project_auth = basic_auth(api.public_key, api.secret_key)
    for method, path, body in operations:
        kw = {"json_body": body} if body is not None else {}
        answer = call(lantern_server.base_url, method, path, headers={"Authorization": project_auth}, **kw)
        assert answer.status == 403, f"{method} {path} with a project key: status expected 403, got {answer.status} {answer.body}"
        text = answer.body.get("message") or answer.body.get("detail")
        assert "Organization-scoped API key required" in text, f"{method} {path}: the refusal says why: {answer.body}"
    assert state(lantern_server, dev) == before, "the refused operations changed nothing"
    api.get_ok("/api/public/traces", what="the project key still reads its project")


def test_an_organization_key_gets_403_on_project_data(lantern_server, dev):
    auth = {"Authorization": dev["org_auth"]}
    trace_id = uid()
    for method, path, body in (("GET", "/api/public/traces", None), ("GET", "/api/public/projects", None),
                               ("GET", "/api/public/v2/prompts", None), ("GET", "/api/public/observations", None),
                               ("POST", "/api/public/ingestion", {"batch": [event("trace-create", {"id": trace_id})]}),
                               ("POST", "/api/public/scores", {"traceId": trace_id, "name": "s", "value": 1})):
        kw = {"json_body": body} if body is not None else {}
        answer = call(lantern_server.base_url, method, path, headers=auth, **kw)
        assert answer.status == 403, f"{method} {path} with an organization key: status expected 403, got {answer.status} {answer.body}"


def test_another_organizations_key_sees_nothing_of_dev(lantern_server, api, dev):
    project_id = dev["project"]["id"]
    stranger = {"Authorization": basic_auth(*org_key(lantern_server, "other"))}
    before = state(lantern_server, dev)

    def ask(method, path, body=None):
        kw = {"json_body": body} if body is not None else {}
        return call(lantern_server.base_url, method, path, headers=stranger, **kw)

    for method, path, body in (("GET", f"/api/public/projects/{project_id}/apiKeys", None),
                               ("POST", f"/api/public/projects/{project_id}/apiKeys", {"note": "stranger"}),
                               ("DELETE", f"/api/public/projects/{project_id}/apiKeys/{dev['key_id']}", None),
                               ("PUT", f"/api/public/projects/{project_id}", {"name": "renamed-by-other"}),
                               ("DELETE", f"/api/public/projects/{project_id}", None),
                               ("GET", f"/api/public/projects/{project_id}/memberships", None),
                               ("PUT", f"/api/public/projects/{project_id}/memberships", {"userId": dev["member"].id, "role": "ADMIN"}),
                               ("GET", f"/api/public/scim/Users/{dev['member'].id}", None),
                               ("DELETE", f"/api/public/scim/Users/{dev['member'].id}", None)):
        answer = ask(method, path, body)
        assert answer.status == 404, f"{method} {path} with organization other's key: status expected 404, got {answer.status} {answer.body}"

    members = ask("GET", "/api/public/organizations/memberships")
    assert members.status == 200, f"other's members: {members.status} {members.body}"
    emails = [m["email"] for m in members.body["memberships"]]
    assert dev["member"].email not in emails and "dev@lantern.local" not in emails, f"other's members list dev's people: {emails}"
    projects = ask("GET", "/api/public/organizations/projects")
    assert project_id not in [p["id"] for p in projects.body["projects"]], f"other's projects list dev's: {projects.body}"
    found = ask("GET", f'/api/public/scim/Users?filter=userName eq "{dev["member"].email}"'.replace(" ", "%20").replace('"', "%22"))
    assert found.status == 200 and found.body["totalResults"] == 0, f"other's SCIM search finds dev's member: {found.body}"
    assert state(lantern_server, dev) == before, "nothing of dev changed"
    api.get_ok("/api/public/traces", what="the dev key still works")
