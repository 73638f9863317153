"""SCIM 2.0 under ``/api/public/scim`` with a real SCIM client (scim2-client over httpx2, scim2-models).

The client discovers the server (ServiceProviderConfig, ResourceTypes, Schemas) and builds its User model from the
server's own schema, then provisions a person as an identity provider does: search by ``userName eq``, create,
read, delete. Every answer is validated by the client against RFC 7643/7644; a duplicate is reported as the SCIM
``uniqueness`` error and a missing user as ``NotFound``. The organization is this module's own (its key comes from
``lantern keys create --org``), so its user list holds only what the tests provision.
"""

from __future__ import annotations

import pytest

pytest.importorskip("scim2_client", reason="install Tests/e2e/requirements.txt")

import httpx2  # noqa: E402
from scim2_client.engines.httpx2 import SyncSCIMClient  # noqa: E402
from scim2_models import NotFoundException, SearchRequest, UniquenessException  # noqa: E402

from conftest import HTTP_TIMEOUT_S, basic_auth, uid  # noqa: E402
from identity_support import call, org_key, sign_in_answer  # noqa: E402

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"


@pytest.fixture(scope="module")
def scim(lantern_server):
    """(organization id, key pair, a discovered SCIM client) for an organization made for this module."""
    org_id = "scim-" + uid()[:10]
    keys = org_key(lantern_server, org_id)
    http = httpx2.Client(base_url=lantern_server.base_url + "/api/public/scim", auth=keys, timeout=HTTP_TIMEOUT_S)
    client = SyncSCIMClient(http)
    client.discover()
    yield org_id, keys, client
    http.close()


def user_model(client):
    return client.get_resource_model("User")


def find(client, email: str):
    return client.query(user_model(client), query_parameters=SearchRequest(filter=f'userName eq "{email}"'))


def test_discovery_describes_users_over_basic_auth(scim):
    _, _, client = scim
    provider = client.provider
    config = provider.config
    assert config.filter.supported is True and config.filter.max_results == 100, f"filter support: {config.filter}"
    assert config.patch.supported is False and config.bulk.supported is False, f"patch/bulk: {config}"
    assert [(s.type.value, s.primary) for s in config.authentication_schemes] == [("httpbasic", True)], \
        f"authenticationSchemes: {config.authentication_schemes}"
    assert [(t.id, t.endpoint, t.schema_) for t in provider.resource_types] == [("User", "/Users", USER_SCHEMA)], \
        f"resource types: {provider.resource_types}"
    model = user_model(client)
    assert model.__name__ == "User", f"the User model built from the server's schema: {model}"
    assert {"user_name", "name", "emails", "active"} <= set(model.model_fields), f"User model fields: {set(model.model_fields)}"


def test_provision_search_get_and_delete_a_user(lantern_server, scim):
    org_id, _, client = scim
    User = user_model(client)
    email = f"scim-{uid()[:10]}@example.com"
    assert find(client, email).total_results == 0, "the user does not exist before it is provisioned"

    created = client.create(User(user_name=email, name={"formatted": "Provisioned Person"},
                                 emails=[{"value": email, "primary": True, "type": "work"}]))
    assert created.id and created.user_name == email, f"created user: {created}"
    assert created.name.formatted == "Provisioned Person" and created.active is True, f"created user: {created}"
    assert [(e.value, e.primary) for e in created.emails] == [(email, True)], f"created emails: {created.emails}"
    assert created.meta.resource_type == "User" and created.meta.location.endswith(f"/Users/{created.id}"), f"meta: {created.meta}"

    found = find(client, email.upper())
    assert found.total_results == 1 and [u.id for u in found.resources] == [created.id], f"search by userName: {found}"
    fetched = client.query(User, created.id)
    assert (fetched.id, fetched.user_name, fetched.name.formatted) == (created.id, email, "Provisioned Person"), f"get: {fetched}"
    everyone = client.query(User)
    assert [u.user_name for u in everyone.resources] == [email], f"the module's organization lists only its user: {everyone}"

    # A provisioned person joins with role NONE and no password: they cannot sign in until given one.
    members = call(lantern_server.base_url, "GET", "/api/public/organizations/memberships",
                   headers={"Authorization": basic_auth(*scim[1])}).body["memberships"]
    assert [(m["email"], m["role"]) for m in members] == [(email, "NONE")], f"the provisioned membership: {members}"
    refused = sign_in_answer(lantern_server.base_url, email, "any-Passw0rd")
    assert refused.status == 401, f"sign-in of a user without a password: {refused.status} {refused.body}"

    assert client.delete(User, created.id) is None, "delete answers 204"
    with pytest.raises(NotFoundException):
        client.query(User, created.id)
    assert find(client, email).total_results == 0, "the deleted user is no longer found"


def test_a_duplicate_is_a_uniqueness_error(scim):
    _, _, client = scim
    User = user_model(client)
    email = f"scim-dup-{uid()[:10]}@example.com"
    created = client.create(User(user_name=email))
    try:
        with pytest.raises(UniquenessException) as duplicate:
            client.create(User(user_name=email.upper()))
        assert email in str(duplicate.value), f"the uniqueness error names the userName: {duplicate.value}"
        assert find(client, email).total_results == 1, "the duplicate created nothing"
    finally:
        client.delete(User, created.id)


def test_an_unsupported_filter_is_an_invalid_filter_error(lantern_server, scim):
    _, keys, client = scim
    answer = call(lantern_server.base_url, "GET", "/api/public/scim/Users?filter=" + "displayName%20co%20%22x%22",
                  headers={"Authorization": basic_auth(*keys)})
    assert answer.status == 400, f"unsupported filter: status {answer.status} {answer.body}"
    assert answer.body["scimType"] == "invalidFilter" and answer.body["status"] == "400", f"SCIM error: {answer.body}"
    assert answer.headers.get("Content-Type", "").startswith("application/scim+json"), f"content type: {answer.headers}"
