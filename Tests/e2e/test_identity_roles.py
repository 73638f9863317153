"""Roles against the real server: people made with ``lantern users create --role …`` sign in and are allowed or
refused as docs/identity.md's role table says, one representative request per permission level.

VIEWER reads but cannot write prompts; MEMBER writes prompts but cannot manage score configs or see the project's
keys; ADMIN can, but cannot delete a project (OWNER only); NONE reaches nothing. Beyond the table: an ADMIN grants no
role above their own and cannot change an OWNER's, and an organization always keeps an OWNER. The people belong to
the dev key's organization (``dev`` on the dev profile) and act on its project.
"""

from __future__ import annotations

import pytest

from conftest import basic_auth, uid
from identity_support import Browser, call, create_user, org_key, project_of, sign_in

ROLES = ("VIEWER", "MEMBER", "ADMIN", "NONE")


@pytest.fixture(scope="module")
def org(lantern_server, api):
    """(organization id, project id, organization key's Authorization header) of the dev key's project."""
    project = project_of(api)
    org_id = project["organization"]["id"]
    return org_id, project["id"], basic_auth(*org_key(lantern_server, org_id))


@pytest.fixture(scope="module")
def people(lantern_server, org) -> dict[str, Browser]:
    """A signed-in person per role, acting on the dev key's project."""
    org_id, project_id, _ = org
    browsers = {}
    for role in ROLES:
        person = create_user(lantern_server, f"{role.lower()}-{uid()[:10]}@example.com", org_id, role)
        browsers[role] = sign_in(lantern_server.base_url, person.email, person.password, project=project_id)
    return browsers


def prompt(tag: str) -> dict:
    return {"name": f"roles-{tag}-{uid()[:10]}", "type": "text", "prompt": "Hello {{name}}", "labels": ["production"]}


def score_config() -> dict:
    return {"name": f"roles-config-{uid()[:10]}", "dataType": "NUMERIC", "minValue": 0, "maxValue": 1}


def expect(answer, status: int, what: str) -> None:
    assert answer.status == status, f"{what}: HTTP status expected {status}, got {answer.status} body={answer.body!r}"


def test_the_session_names_each_role(people, org):
    _, project_id, _ = org
    for role, browser in people.items():
        roles = {p["id"]: p["role"] for p in browser.description["projects"]}
        assert roles.get(project_id) == (None if role == "NONE" else role), f"{role}: projects in the session: {roles}"


def test_viewer_reads_but_cannot_write(people, org):
    viewer = people["VIEWER"]
    expect(viewer.get("/api/public/traces"), 200, "VIEWER GET traces")
    expect(viewer.get("/api/public/v2/prompts"), 200, "VIEWER GET prompts")
    expect(viewer.post("/api/public/v2/prompts", prompt("viewer")), 403, "VIEWER POST prompt")
    expect(viewer.get("/api/public/organizations/memberships", project=None), 403, "VIEWER GET organization members")


def test_member_writes_prompts_but_not_settings_or_keys(people, org):
    _, project_id, _ = org
    member = people["MEMBER"]
    body = prompt("member")
    created = member.post("/api/public/v2/prompts", body)
    expect(created, 201, "MEMBER POST prompt")
    assert created.body["name"] == body["name"] and created.body["version"] == 1, f"created prompt: {created.body}"
    expect(member.post("/api/public/score-configs", score_config()), 403, "MEMBER POST score config")
    expect(member.get(f"/api/public/projects/{project_id}/apiKeys", project=None), 403, "MEMBER GET the project's keys")
    expect(member.get("/api/public/organizations/memberships", project=None), 200, "MEMBER GET organization members")


def test_admin_manages_settings_and_keys_but_cannot_delete_a_project(lantern_server, people, org):
    org_id, project_id, org_auth = org
    admin = people["ADMIN"]
    expect(admin.post("/api/public/v2/prompts", prompt("admin")), 201, "ADMIN POST prompt")
    config = admin.post("/api/public/score-configs", score_config())
    expect(config, 200, "ADMIN POST score config")
    assert config.body["dataType"] == "NUMERIC", f"score config: {config.body}"
    keys = admin.get(f"/api/public/projects/{project_id}/apiKeys", project=None)
    expect(keys, 200, "ADMIN GET the project's keys")
    assert "pk-lf-dev" in [k["publicKey"] for k in keys.body["apiKeys"]], f"the project's keys: {keys.body}"

    doomed = call(lantern_server.base_url, "POST", "/api/public/projects", json_body={"name": f"roles-doomed-{uid()[:10]}"},
                  headers={"Authorization": org_auth})
    expect(doomed, 200, "organization key creates a project")
    expect(admin.request("DELETE", f"/api/public/projects/{doomed.body['id']}", project=None), 403, "ADMIN DELETE project")
    listed = call(lantern_server.base_url, "GET", "/api/public/organizations/projects", headers={"Authorization": org_auth})
    assert doomed.body["id"] in [p["id"] for p in listed.body["projects"]], "the project survived the refused delete"
    expect(call(lantern_server.base_url, "DELETE", f"/api/public/projects/{doomed.body['id']}",
                headers={"Authorization": org_auth}), 202, "organization key (OWNER) deletes the project")


def test_none_reaches_nothing(people):
    none = people["NONE"]
    refused = none.get("/api/public/traces")
    expect(refused, 403, "NONE GET traces")
    assert "no role" in refused.body["message"], f"the refusal says why: {refused.body}"
    expect(none.get("/api/public/organizations/projects", project=None), 403, "NONE GET organization projects")
    expect(none.get("/api/auth/session", project=None), 200, "NONE still has a session")


def test_no_one_grants_a_role_above_their_own(lantern_server, people, org):
    org_id, _, org_auth = org
    admin = people["ADMIN"]
    target = create_user(lantern_server, f"promoted-{uid()[:10]}@example.com", org_id, "VIEWER")
    expect(admin.request("PUT", "/api/public/organizations/memberships", {"userId": target.id, "role": "OWNER"}, project=None),
           403, "ADMIN makes someone OWNER")
    promoted = admin.request("PUT", "/api/public/organizations/memberships", {"userId": target.id, "role": "ADMIN"}, project=None)
    expect(promoted, 200, "ADMIN makes someone ADMIN")
    assert promoted.body["role"] == "ADMIN", f"promotion: {promoted.body}"

    owner = create_user(lantern_server, f"owner-{uid()[:10]}@example.com", org_id, "OWNER")
    expect(admin.request("PUT", "/api/public/organizations/memberships", {"userId": owner.id, "role": "VIEWER"}, project=None),
           403, "ADMIN demotes an OWNER")
    expect(admin.request("DELETE", "/api/public/organizations/memberships", {"userId": owner.id}, project=None),
           403, "ADMIN removes an OWNER")
    expect(people["MEMBER"].request("PUT", "/api/public/organizations/memberships", {"userId": target.id, "role": "VIEWER"},
                                    project=None), 403, "MEMBER changes a role")
    roles = {m["userId"]: m["role"] for m in call(lantern_server.base_url, "GET", "/api/public/organizations/memberships",
                                                  headers={"Authorization": org_auth}).body["memberships"]}
    assert (roles[target.id], roles[owner.id]) == ("ADMIN", "OWNER"), f"roles after the refusals: {roles}"


def test_the_last_owner_cannot_be_demoted_or_removed(lantern_server):
    org_id = "solo-" + uid()[:10]
    owner = create_user(lantern_server, f"solo-{uid()[:10]}@example.com", org_id, "OWNER")
    browser = sign_in(lantern_server.base_url, owner.email, owner.password)
    for method, body in (("PUT", {"userId": owner.id, "role": "ADMIN"}), ("DELETE", {"userId": owner.id})):
        refused = browser.request(method, "/api/public/organizations/memberships", body, project=None)
        expect(refused, 400, f"the only OWNER: {method} own membership")
        assert "OWNER" in refused.body["message"], f"the refusal names the rule: {refused.body}"
    org_auth = basic_auth(*org_key(lantern_server, org_id))
    expect(call(lantern_server.base_url, "PUT", "/api/public/organizations/memberships",
                json_body={"userId": owner.id, "role": "MEMBER"}, headers={"Authorization": org_auth}),
           400, "organization key demotes the only OWNER")
    second = create_user(lantern_server, f"solo-second-{uid()[:10]}@example.com", org_id, "OWNER")
    expect(browser.request("PUT", "/api/public/organizations/memberships", {"userId": owner.id, "role": "ADMIN"}, project=None),
           200, "with a second OWNER the first may step down")
    members = call(lantern_server.base_url, "GET", "/api/public/organizations/memberships", headers={"Authorization": org_auth})
    assert sorted((m["email"], m["role"]) for m in members.body["memberships"]) == \
        sorted([(owner.email, "ADMIN"), (second.email, "OWNER")]), f"roles: {members.body}"
