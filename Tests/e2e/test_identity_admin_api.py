"""The admin API through the official Langfuse SDK's generated client (langfuse==5.0.4, ``LangfuseAPI``).

Each call goes through the SDK's ``projects``, ``organizations`` and ``scim`` sub-clients with an organization key
made by ``lantern keys create --org``, so every answer is parsed by Langfuse's own pydantic types (a wrong shape
fails the call); the tests then check the values. The organization is this module's own (created by the CLI), so its
listings hold exactly what the tests put there. A key created through the API carries a trace sent by the SDK's
tracing client into its project, and is refused (401) once revoked.
"""

from __future__ import annotations

import datetime as _dt

import pytest

pytest.importorskip("langfuse", reason="install Tests/e2e/requirements.txt")

from langfuse.api import NotFoundError, UnauthorizedError  # noqa: E402
from langfuse.api.core.api_error import ApiError  # noqa: E402
from langfuse.api.organizations import MembershipRole  # noqa: E402
from langfuse.api.scim import ScimEmail, ScimName  # noqa: E402

from conftest import (DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY, Api, close_langfuse_client, get_when,  # noqa: E402
                      open_langfuse_client, uid, wait_for)
from identity_support import admin_client, create_user, org_key, sign_in  # noqa: E402


@pytest.fixture(scope="module")
def org(lantern_server):
    """(organization id, its key pair, the SDK admin client) for an organization made for this module."""
    org_id = "sdk-" + uid()[:10]
    public, secret = org_key(lantern_server, org_id)
    return org_id, (public, secret), admin_client(lantern_server.base_url, public, secret)


@pytest.fixture()
def project(org):
    """A project created through the API for one test."""
    org_id, _, admin = org
    created = admin.projects.create(name=f"sdk-project-{uid()[:10]}", retention=0)
    return created


def test_projects_create_update_and_list(org):
    org_id, _, admin = org
    name = f"sdk-create-{uid()[:10]}"
    created = admin.projects.create(name=name, retention=0, metadata={"team": "e2e", "tier": 1})
    assert created.name == name and created.id, f"created project: {created}"
    assert (created.organization.id, created.organization.name) == (org_id, org_id), f"created.organization: {created.organization}"
    assert created.metadata == {"team": "e2e", "tier": 1}, f"created.metadata: {created.metadata}"
    assert created.retention_days in (None, 0), f"created.retention_days: {created.retention_days}"

    renamed = admin.projects.update(created.id, name=name + "-renamed", retention=7, metadata={"team": "renamed"})
    assert (renamed.id, renamed.name) == (created.id, name + "-renamed"), f"updated project: {renamed}"
    assert renamed.retention_days == 7 and renamed.metadata == {"team": "renamed"}, f"updated project: {renamed}"
    assert renamed.organization.id == org_id, f"updated.organization: {renamed.organization}"

    kept = admin.projects.update(created.id, name=name + "-renamed")
    assert kept.retention_days == 7 and kept.metadata == {"team": "renamed"}, f"an update without retention/metadata keeps them: {kept}"

    listed = {p.id: p for p in admin.organizations.get_organization_projects().projects}
    assert created.id in listed, f"organizations/projects lacks the new project; got {list(listed)}"
    entry = listed[created.id]
    assert entry.name == name + "-renamed" and entry.metadata == {"team": "renamed"}, f"listed project: {entry}"
    assert entry.created_at <= entry.updated_at, f"listed project: updatedAt not before createdAt: {entry}"
    assert "dev" not in [p.name for p in listed.values()], f"another organization's project listed: {list(listed.values())}"


def test_a_key_created_through_the_api_ingests_with_the_sdk_and_is_refused_once_revoked(lantern_server, org, project):
    org_id, _, admin = org
    created = admin.projects.create_api_key(project.id, note="made by the admin API test")
    assert created.public_key.startswith("pk-lf-") and created.secret_key.startswith("sk-lf-"), f"created key: {created}"
    assert created.display_secret_key == "sk-lf-..." + created.secret_key[-4:], f"displaySecretKey: {created.display_secret_key}"
    assert created.note == "made by the admin API test", f"created key note: {created.note!r}"

    listed = {k.id: k for k in admin.projects.get_api_keys(project.id).api_keys}
    assert list(listed) == [created.id], f"the project's keys: {list(listed)}"
    summary = listed[created.id]
    assert (summary.public_key, summary.display_secret_key, summary.note) == \
        (created.public_key, created.display_secret_key, created.note), f"listed key: {summary}"
    assert created.secret_key not in summary.model_dump_json(), "a key listing must not carry the secret"

    key_api = Api(lantern_server.base_url, created.public_key, created.secret_key)
    mine = key_api.get_ok("/api/public/projects", what="projects with the new key")["data"]
    assert [(p["id"], p["organization"]["id"]) for p in mine] == [(project.id, org_id)], f"the new key's project: {mine}"

    handle = open_langfuse_client(lantern_server.base_url, created.public_key, created.secret_key)
    try:
        name = f"admin-api-trace-{uid()[:10]}"
        with handle.client.start_as_current_observation(as_type="span", name=name, input={"q": 1}) as span:
            span.update(output={"a": 2})
            trace_id = span.trace_id
        handle.client.flush()
    finally:
        close_langfuse_client(handle)
    trace = get_when(key_api, f"/api/public/traces/{trace_id}", "the SDK's trace through the new key")
    assert trace["name"] == name and [o["name"] for o in trace["observations"]] == [name], f"trace: {trace}"
    status, _ = Api(lantern_server.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY).get(f"/api/public/traces/{trace_id}")
    assert status == 404, f"the trace belongs to the new project, not to the dev key's: status {status}"

    def used():
        keys = admin.projects.get_api_keys(project.id).api_keys
        return keys and keys[0].last_used_at is not None
    wait_for(used, "the key listing's lastUsedAt after the key was used")

    deleted = admin.projects.delete_api_key(project.id, created.id)
    assert deleted.success is True, f"delete_api_key: {deleted}"
    status, body = key_api.get("/api/public/traces")
    assert status == 401, f"GET traces with the revoked key: status expected 401, got {status} {body}"
    with pytest.raises(UnauthorizedError):
        admin_client(lantern_server.base_url, created.public_key, created.secret_key).projects.get()
    assert admin.projects.get_api_keys(project.id).api_keys == [], "the revoked key is no longer listed"
    with pytest.raises(NotFoundError):
        admin.projects.delete_api_key(project.id, created.id)


def test_a_key_created_with_a_name_answers_that_name(org, project):
    """Langfuse's current API names keys with ``name`` (``note`` is its deprecated alias) and answers both."""
    _, _, admin = org
    created = admin.projects.create_api_key(project.id, name="ci-pipeline")
    assert (created.name, created.note) == ("ci-pipeline", "ci-pipeline"), \
        f"create_api_key(name=...): answer name/note expected 'ci-pipeline', got name={created.name!r} note={created.note!r}"
    listed = admin.projects.get_api_keys(project.id).api_keys
    assert [(k.name, k.note) for k in listed] == [("ci-pipeline", "ci-pipeline")], f"listed key names: {listed}"


def test_a_key_created_with_an_expiry_answers_it(org, project):
    """Langfuse's ``expiresAt``: a key may be made to expire; the answer and the listing carry the time."""
    _, _, admin = org
    expires = (_dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(days=1)).replace(microsecond=0)
    created = admin.projects.create_api_key(project.id, expires_at=expires)
    assert created.expires_at == expires, f"create_api_key(expires_at=...): answer expiresAt expected {expires}, got {created.expires_at}"
    listed = admin.projects.get_api_keys(project.id).api_keys
    assert [k.expires_at for k in listed] == [expires], f"listed key expiry: {listed}"


def test_a_key_of_my_own_choosing(lantern_server, org, project):
    _, _, admin = org
    public, secret = "pk-lf-chosen-" + uid(), "sk-lf-chosen-" + uid()
    created = admin.projects.create_api_key(project.id, public_key=public, secret_key=secret)
    assert (created.public_key, created.secret_key) == (public, secret), f"the chosen pair: {created}"
    Api(lantern_server.base_url, public, secret).get_ok("/api/public/traces", what="traces with the chosen key")
    with pytest.raises(ApiError) as refused:
        admin.projects.create_api_key(project.id, public_key=public, secret_key="sk-lf-other-" + uid())
    assert refused.value.status_code == 409, f"the same public key again: status {refused.value.status_code} {refused.value.body}"


def test_organization_memberships(lantern_server, org):
    org_id, _, admin = org
    person = create_user(lantern_server, f"org-member-{uid()[:10]}@example.com", org_id, "VIEWER")
    members = {m.user_id: m for m in admin.organizations.get_organization_memberships().memberships}
    assert person.id in members, f"organizations/memberships lacks the new user; got {list(members)}"
    listed = members[person.id]
    assert (listed.role, listed.email, listed.name) == (MembershipRole.VIEWER, person.email, person.email.split("@")[0]), \
        f"membership: {listed}"

    changed = admin.organizations.update_organization_membership(user_id=person.id, role=MembershipRole.MEMBER)
    assert (changed.user_id, changed.role, changed.email) == (person.id, MembershipRole.MEMBER, person.email), f"update: {changed}"
    members = {m.user_id: m.role for m in admin.organizations.get_organization_memberships().memberships}
    assert members[person.id] == MembershipRole.MEMBER, f"role after the update: {members}"

    removed = admin.organizations.delete_organization_membership(user_id=person.id)
    assert removed.user_id == person.id and removed.message, f"delete_organization_membership: {removed}"
    members = {m.user_id for m in admin.organizations.get_organization_memberships().memberships}
    assert person.id not in members, f"the removed member is still listed: {members}"
    with pytest.raises(NotFoundError):
        admin.organizations.delete_organization_membership(user_id=person.id)


def test_project_memberships_override_the_organization_role(lantern_server, org, project):
    org_id, _, admin = org
    person = create_user(lantern_server, f"project-member-{uid()[:10]}@example.com", org_id, "VIEWER")
    assert admin.organizations.get_project_memberships(project.id).memberships == [], "a new project has no project roles"

    granted = admin.organizations.update_project_membership(project.id, user_id=person.id, role=MembershipRole.ADMIN)
    assert (granted.user_id, granted.role, granted.email) == (person.id, MembershipRole.ADMIN, person.email), f"grant: {granted}"
    listed = admin.organizations.get_project_memberships(project.id).memberships
    assert [(m.user_id, m.role) for m in listed] == [(person.id, MembershipRole.ADMIN)], f"project memberships: {listed}"

    session = sign_in(lantern_server.base_url, person.email, person.password)
    roles = {p["id"]: p["role"] for p in session.description["projects"]}
    assert roles.get(project.id) == "ADMIN", f"the signed-in user's role in the project: {session.description['projects']}"

    removed = admin.organizations.delete_project_membership(project.id, user_id=person.id)
    assert removed.user_id == person.id and removed.message, f"delete_project_membership: {removed}"
    assert admin.organizations.get_project_memberships(project.id).memberships == [], "the project role is gone"
    session = sign_in(lantern_server.base_url, person.email, person.password)
    roles = {p["id"]: p["role"] for p in session.description["projects"]}
    assert roles.get(project.id) == "VIEWER", f"back to the organization role: {session.description['projects']}"


def test_organization_api_keys_list_the_key_without_its_secret(org):
    _, (public, secret), admin = org
    keys = admin.organizations.get_organization_api_keys().api_keys
    assert [k.public_key for k in keys] == [public], f"the organization's keys: {keys}"
    key = keys[0]
    assert key.display_secret_key == "sk-lf-..." + secret[-4:], f"displaySecretKey: {key.display_secret_key}"
    assert key.note == "created by lantern keys create", f"note: {key.note!r}"
    assert key.last_used_at is not None, f"lastUsedAt of a key in use: {key}"
    assert secret not in key.model_dump_json(), "an organization key listing must not carry the secret"


def test_scim_through_the_sdk(lantern_server, org):
    _, _, admin = org
    config = admin.scim.get_service_provider_config()
    assert config.filter.supported is True and config.patch.supported is False, f"ServiceProviderConfig: {config}"
    assert [s.type for s in config.authentication_schemes] == ["httpbasic"], f"authenticationSchemes: {config}"
    types = admin.scim.get_resource_types()
    assert [(t.id, t.endpoint, t.schema_) for t in types.resources] == \
        [("User", "/Users", "urn:ietf:params:scim:schemas:core:2.0:User")], f"ResourceTypes: {types}"
    schemas = admin.scim.get_schemas()
    assert [s.id for s in schemas.resources] == ["urn:ietf:params:scim:schemas:core:2.0:User"], f"Schemas: {schemas}"
    names = {a["name"] for a in schemas.resources[0].attributes}
    assert {"userName", "name", "emails", "active"} <= names, f"User schema attributes: {names}"

    email = f"scim-sdk-{uid()[:10]}@example.com"
    assert admin.scim.list_users(filter=f'userName eq "{email}"').total_results == 0, "no such user yet"
    user = admin.scim.create_user(user_name=email, name=ScimName(formatted="Scim Person"),
                                  emails=[ScimEmail(primary=True, value=email, type="work")])
    assert (user.user_name, user.name.formatted) == (email, "Scim Person"), f"created SCIM user: {user}"
    assert [e.value for e in user.emails] == [email] and user.meta.resource_type == "User", f"created SCIM user: {user}"

    found = admin.scim.list_users(filter=f'userName eq "{email.upper()}"')
    assert (found.total_results, [u.id for u in found.resources]) == (1, [user.id]), f"filtered list: {found}"
    assert admin.scim.get_user(user.id).user_name == email, "get_user"
    everyone = admin.scim.list_users()
    assert user.id in [u.id for u in everyone.resources] and everyone.total_results == len(everyone.resources), f"list: {everyone}"

    # Langfuse answers 204 without a body, which the SDK's generated client reports as an ApiError with that status.
    with pytest.raises(ApiError) as deleted:
        admin.scim.delete_user(user.id)
    assert deleted.value.status_code == 204, f"delete_user: status expected 204, got {deleted.value.status_code} {deleted.value.body}"
    with pytest.raises(NotFoundError):
        admin.scim.get_user(user.id)
    assert admin.scim.list_users(filter=f'userName eq "{email}"').total_results == 0, "the deleted user is not listed"


def test_deleting_a_project_through_the_sdk_revokes_its_keys(lantern_server, org, project):
    _, _, admin = org
    key = admin.projects.create_api_key(project.id)
    answer = admin.projects.delete(project.id)
    assert answer.success is True and answer.message, f"projects.delete: {answer}"
    status, _ = Api(lantern_server.base_url, key.public_key, key.secret_key).get("/api/public/traces")
    assert status == 401, f"the deleted project's key: status expected 401, got {status}"

    def gone():
        return project.id not in [p.id for p in admin.organizations.get_organization_projects().projects]
    wait_for(gone, "the deleted project leaves organizations/projects", timeout=30)
    with pytest.raises(NotFoundError):
        admin.projects.get_api_keys(project.id)
