"""The first people and organizations: ``lantern users create``, Langfuse's ``LANGFUSE_INIT_*`` variables and the dev
profile's printed sign-in.

``users create`` takes the password from standard input when it is not a terminal, or (on an empty one, or a
terminal) generates a password and prints it once; either way the person signs in with it. A server started from a config with no
``init`` block and no projects, plus the ``LANGFUSE_INIT_*`` variables, has the organization, the project with its
key pair and the owner those variables name, and keeps them unchanged across a restart.
"""

from __future__ import annotations

import os
import pty
import re

import pytest

from conftest import CONFIG_PATH, Api, launch_server, stop_server, uid
from identity_support import create_user, project_of, run_cli, sign_in, sign_in_answer

MINIMAL_CONFIG = """version: 1
server:
  host: 127.0.0.1
  port: ${LANTERN_PORT}
plugins:
  storage:
    load: SQLiteStorage
    settings:
      path: ${LANTERN_SQLITE_PATH}
"""


@pytest.fixture(scope="module")
def org_id(api):
    return project_of(api)["organization"]["id"]


def test_users_create_takes_the_password_from_standard_input(lantern_server, org_id):
    email, password = f"piped-{uid()[:10]}@example.com", "Piped-passw0rd-" + uid()[:6]
    person = create_user(lantern_server, email, org_id, "MEMBER", password=password)
    lines = person.stdout.strip().splitlines()
    assert lines == [f"user: {email} ({person.id})", f"organization: {org_id}", "role: MEMBER"], f"users create output: {lines}"
    assert password not in person.stdout, "a password given on standard input is never printed"
    browser = sign_in(lantern_server.base_url, email, password)
    assert browser.description["organizations"] == [{"id": org_id, "role": "MEMBER"}], f"session: {browser.description}"


def test_users_create_without_a_password_prints_a_generated_one_once(lantern_server, org_id):
    email = f"generated-{uid()[:10]}@example.com"
    person = create_user(lantern_server, email, org_id, "VIEWER", password=None)
    shown = re.findall(r"^password: (\S+)  \(shown once\)$", person.stdout, re.M)
    assert shown == [person.password], f"the generated password, on one line: {person.stdout}"
    assert len(person.password) == 20 and re.search(r"\d", person.password), f"generated password: {person.password!r}"
    assert person.stdout.count(person.password) == 1, "the password is shown once"
    browser = sign_in(lantern_server.base_url, email, person.password)
    assert browser.description["user"]["email"] == email, f"session: {browser.description}"

    again = run_cli(lantern_server, "users", "create", "--email", email, "--org", org_id, "--role", "VIEWER")
    assert again.returncode != 0 and "already a member" in again.stderr, \
        f"the same user again: exit {again.returncode}\nstdout:\n{again.stdout}\nstderr:\n{again.stderr}"


def test_users_create_on_a_terminal_does_not_wait_for_a_password(lantern_server, org_id):
    email = f"terminal-{uid()[:10]}@example.com"
    controller, terminal = pty.openpty()
    try:
        res = run_cli(lantern_server, "users", "create", "--email", email, "--org", org_id, "--role", "VIEWER", stdin=terminal)
    finally:
        os.close(controller)
        os.close(terminal)
    assert res.returncode == 0, f"users create on a terminal: exit {res.returncode}\nstdout:\n{res.stdout}\nstderr:\n{res.stderr}"
    generated = re.search(r"^password: (\S+)  \(shown once\)$", res.stdout, re.M)
    assert generated, f"a terminal gets a generated password: {res.stdout}"
    sign_in(lantern_server.base_url, email, generated.group(1))


def test_users_create_refuses_a_weak_password(lantern_server, org_id):
    email = f"weak-{uid()[:10]}@example.com"
    res = run_cli(lantern_server, "users", "create", "--email", email, "--org", org_id, "--role", "VIEWER", stdin="short\n")
    assert res.returncode != 0 and "password" in res.stderr, f"a too-short password: exit {res.returncode} {res.stderr}"
    assert sign_in_answer(lantern_server.base_url, email, "short").status == 401, "no user was created"


@pytest.mark.skipif(CONFIG_PATH.name != "dev-sqlite.yaml", reason="the dev profile prints its well-known sign-in")
def test_the_dev_profile_prints_the_dev_user_at_start(lantern_server):
    output = lantern_server.log_path.read_text(errors="replace")  # the whole log: output() keeps only its tail
    assert "sign in as dev@lantern.local with password lantern-dev-1" in output, f"start output:\n{output[:3000]}"
    assert "project dev: public key pk-lf-dev  secret key sk-lf-dev" in output, f"start output:\n{output[:3000]}"


def test_langfuse_init_variables_seed_the_organization_project_and_owner(tmp_path):
    config = tmp_path / "minimal.yaml"
    config.write_text(MINIMAL_CONFIG)
    secret, password = "sk-lf-init-" + uid(), "Init-passw0rd-" + uid()[:6]
    env = {"LANTERN_SQLITE_PATH": str(tmp_path / "init.sqlite"),
           "LANGFUSE_INIT_ORG_ID": "acme", "LANGFUSE_INIT_ORG_NAME": "Acme Inc",
           "LANGFUSE_INIT_PROJECT_ID": "acme-project", "LANGFUSE_INIT_PROJECT_NAME": "Acme Project",
           "LANGFUSE_INIT_PROJECT_PUBLIC_KEY": "pk-lf-init", "LANGFUSE_INIT_PROJECT_SECRET_KEY": secret,
           "LANGFUSE_INIT_USER_EMAIL": "Owner@Acme.example", "LANGFUSE_INIT_USER_NAME": "Acme Owner",
           "LANGFUSE_INIT_USER_PASSWORD": password}
    expected_project = {"id": "acme-project", "name": "Acme Project", "organization": {"id": "acme", "name": "Acme Inc"},
                        "metadata": {}}
    for start in ("first start", "restart"):
        server = launch_server(config, tmp_path, env)
        try:
            api = Api(server.base_url, "pk-lf-init", secret)
            projects = api.get_ok("/api/public/projects", what=f"projects with the init key ({start})")
            assert projects["data"] == [expected_project], f"{start}: the seeded project: {projects['data']}"
            browser = sign_in(server.base_url, "owner@acme.example", password, project="acme-project")
            assert browser.description["user"]["name"] == "Acme Owner", f"{start}: user: {browser.description['user']}"
            assert browser.description["organizations"] == [{"id": "acme", "role": "OWNER"}], f"{start}: {browser.description}"
            assert [(p["id"], p["role"]) for p in browser.description["projects"]] == [("acme-project", "OWNER")], \
                f"{start}: projects: {browser.description['projects']}"
            assert browser.get("/api/public/traces").status == 200, f"{start}: the owner reads the project"
            output = server.output()
            assert secret not in output and password not in output, f"{start}: no secret printed at start:\n{output}"
        finally:
            stop_server(server)
