"""loketctl end to end: bootstrap on a fresh database, then the admin commands against a running loketd.

`loketctl bootstrap` refuses once any administrator exists, so this module makes a database of its own
(`loket_ctl_<random>`, through psql with the PG* variables or $DATABASE_URL), runs one loketd on it, and drops it
at the end. loketctl comes from $LOKETCTL_BINARY (default .build/debug/loketctl), loketd from $LOKET_BINARY.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from interop_support import REPO_ROOT, CertificateAuthority, Loketd, TLSFiles

API_KEY = re.compile(r"\blk_[0-9a-f]{12}_[0-9a-f]{64}\b")
COMMAND_TIMEOUT = 60


def binary(variable: str, default: str, product: str) -> Path:
    path = Path(os.environ.get(variable, default))
    if not path.is_absolute():
        path = REPO_ROOT / path
    if not path.is_file():
        pytest.fail(f"{product} not found at {path}: build it (swift build --product {product}) or set {variable}")
    return path


def base_environment() -> dict[str, str]:
    """The environment without Loket's own variables, so that only what a test sets counts."""
    return {key: value for key, value in os.environ.items()
            if not key.startswith("LOKET_") and key != "DATABASE_URL"}


# --- a database of the module's own --------------------------------------------------------------------------

@dataclass
class Database:
    name: str
    url: str  # a libpq URI; without a host it takes PGHOST, PGPORT, PGUSER ... from the environment
    admin_url: str | None  # where CREATE/DROP DATABASE run; None: the PG* variables' database

    def psql(self, sql: str, *, url: str | None = None) -> str:
        target = url or self.admin_url
        command = ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql]
        if target:
            command.insert(1, target)
        result = subprocess.run(command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT,
                                env=base_environment())
        assert result.returncode == 0, f"psql failed: {sql}\n{result.stderr}"
        return result.stdout


def make_database() -> Database:
    name = f"loket_ctl_{secrets.token_hex(4)}"
    configured = os.environ.get("DATABASE_URL", "")
    if configured:
        parts = urlsplit(configured)
        database = Database(name, urlunsplit(parts._replace(path=f"/{name}")), admin_url=configured)
    elif os.environ.get("PGHOST") or os.environ.get("PGDATABASE"):
        database = Database(name, f"postgresql:///{name}", admin_url=None)
    else:
        pytest.fail("no database: run `eval \"$(scripts/postgres.sh env)\"` (scripts/test.sh does) or set DATABASE_URL")
    database.psql(f'CREATE DATABASE "{name}"')
    return database


# --- running loketctl ----------------------------------------------------------------------------------------

@dataclass
class Ctl:
    """loketctl pointed at the module's loketd and database."""

    binary: Path
    database: Database
    server: Loketd | None = None
    # The bootstrap's key, once test_administration_from_bootstrap_to_audit made it.
    admin_key: str | None = None

    def run(self, *args: str, key: str | None = None, database: bool = False) -> subprocess.CompletedProcess:
        environment = base_environment()
        if self.server is not None:
            environment["LOKET_SERVER"] = f"127.0.0.1:{self.server.port}"
        if key is not None:
            environment["LOKET_API_KEY"] = key
        if database:
            environment["DATABASE_URL"] = self.database.url
        return subprocess.run([str(self.binary), *args], capture_output=True, text=True, encoding="utf-8",
                              timeout=COMMAND_TIMEOUT, env=environment, stdin=subprocess.DEVNULL)

    def ok(self, *args: str, key: str | None = None, database: bool = False) -> str:
        result = self.run(*args, key=key, database=database)
        assert result.returncode == 0, (
            f"loketctl {' '.join(args)} exited with {result.returncode}\n--- stdout\n{result.stdout}"
            f"--- stderr\n{result.stderr}")
        return result.stdout

    def json(self, *args: str, key: str) -> dict:
        output = self.ok(*args, "--json", key=key)
        assert output.count("\n") == 1, f"one JSON object on one line expected, got:\n{output}"
        return json.loads(output)

    def fails(self, *args: str, key: str | None = None, status: str | None = None) -> str:
        """Runs a command that the server refuses; returns its standard error."""
        result = self.run(*args, key=key)
        assert result.returncode == 1, (
            f"loketctl {' '.join(args)}: exit status 1 expected, got {result.returncode}\n{result.stderr}")
        if status is not None:
            assert result.stderr.startswith(f"loketctl: {status}: "), result.stderr
        return result.stderr


@pytest.fixture(scope="module")
def ctl():
    loketctl = binary("LOKETCTL_BINARY", ".build/debug/loketctl", "loketctl")
    loketd = binary("LOKET_BINARY", ".build/debug/loketd", "loketd")
    database = make_database()
    tool = Ctl(loketctl, database)
    try:
        tool.server = Loketd(loketd, ["--database-url", database.url]).start()
        yield tool
    finally:
        if tool.server is not None:
            tool.server.stop(10)
        database.psql(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')


# --- tests ---------------------------------------------------------------------------------------------------

def test_administration_from_bootstrap_to_audit(ctl: Ctl, tmp_path: Path):
    # The first administrator, straight in the database; the key is shown once, with how to use it.
    output = ctl.ok("bootstrap", database=True)
    admin_key = API_KEY.search(output).group(0)
    ctl.admin_key = admin_key
    assert "cannot be shown again" in output
    assert f"export LOKET_API_KEY={admin_key}" in output

    second = ctl.run("bootstrap", "--name", "other-admin", database=True)
    assert second.returncode == 1, second
    assert "already has an administrator (admin)" in second.stderr
    assert not API_KEY.search(second.stdout + second.stderr)

    # Departments.
    created = ctl.json("department", "create", "burgerzaken", "Burgerzaken", key=admin_key)
    assert created["id"] == "burgerzaken" and created["active"] is True
    ctl.ok("department", "create", "milieu", "Milieu", key=admin_key)
    listed = ctl.ok("department", "list", key=admin_key)
    lines = listed.splitlines()
    assert re.match(r"^ID +NAME +ACTIVE +CREATED$", lines[0]), listed
    assert re.match(r"^burgerzaken +Burgerzaken +yes +\d{4}-", lines[1]), listed
    assert lines[0].index("NAME") == lines[1].index("Burgerzaken") == lines[2].index("Milieu"), listed
    renamed = ctl.json("department", "rename", "burgerzaken", "Burgerzaken en Bevolking", key=admin_key)
    assert renamed["name"] == "Burgerzaken en Bevolking"
    departments = ctl.json("department", "list", key=admin_key)["departments"]
    assert [(d["id"], d["name"]) for d in departments] == [
        ("burgerzaken", "Burgerzaken en Bevolking"), ("milieu", "Milieu")]
    ctl.fails("department", "create", "burgerzaken", "Again", key=admin_key, status="ALREADY_EXISTS")

    # A clerk with a key; an administrator's second key.
    clerk = ctl.json("principal", "create", "an.peeters", "--role", "clerk", "--department", "burgerzaken",
                     key=admin_key)
    assert clerk["role"] == "clerk" and clerk["department_id"] == "burgerzaken"
    issued = ctl.json("key", "issue", clerk["id"], "--label", "front office", key=admin_key)
    clerk_key = issued["api_key"]
    assert API_KEY.fullmatch(clerk_key) and clerk_key.startswith(f"lk_{issued['credential']['key_id']}_")
    principals = ctl.json("principal", "list", key=admin_key)["principals"]
    admin = next(p for p in principals if p["name"] == "admin")
    assert admin["role"] == "administrator" and admin["department_id"] is None
    output = ctl.ok("key", "issue", admin["id"], "--label", "spare", key=admin_key)
    spare_key = API_KEY.search(output).group(0)
    assert "shown only now" in output

    # A client certificate for the clerk.
    certificate, _ = CertificateAuthority.create("loketctl test CA").issue("an.peeters", server=False)
    pem_file = tmp_path / "an.peeters.pem"
    pem_file.write_bytes(certificate)
    registered = ctl.json("certificate", "register", clerk["id"], str(pem_file), key=admin_key)
    assert registered["kind"] == "certificate" and len(registered["certificate_sha256"]) == 64

    # Plugins (this build may run none; the call itself must work).
    plugins = ctl.json("plugin", "list", key=admin_key)
    assert isinstance(plugins["plugins"], list)
    ctl.fails("plugin", "enable", "no-such-plugin", "burgerzaken", key=admin_key, status="NOT_FOUND")

    # Revoking the spare key locks it out at once (the directory reloads on NOTIFY; allow it a moment).
    credentials = ctl.json("credential", "list", admin["id"], key=admin_key)["credentials"]
    spare = next(c for c in credentials if c["label"] == "spare")
    assert spare["revoked_at"] is None and len(credentials) == 2
    ctl.ok("department", "list", key=spare_key)
    revoked = ctl.json("credential", "revoke", spare["id"], key=admin_key)
    assert revoked["revoked_at"]
    deadline = time.monotonic() + 5
    while True:
        result = ctl.run("department", "list", key=spare_key)
        if result.returncode != 0 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert result.returncode == 1, f"the revoked key still works:\n{result.stdout}"
    assert result.stderr.startswith("loketctl: UNAUTHENTICATED: "), result.stderr
    assert spare_key not in result.stderr

    # The audit log: the bootstrap and every change, newest first; reading it needs a purpose.
    no_purpose = ctl.run("audit", "query", key=admin_key)
    assert no_purpose.returncode == 64 and "--purpose" in no_purpose.stderr, no_purpose
    audit = ctl.json("audit", "query", "--purpose", "loketctl test", key=admin_key)
    entries = audit["entries"]
    methods = [entry["method"] for entry in entries]
    for method in ("CreateDepartment", "RenameDepartment", "CreatePrincipal", "IssueApiKey", "RegisterCertificate",
                   "RevokeCredential"):
        assert f"/loket.admin.v1.Admin/{method}" in methods, methods
    bootstrap = entries[-1]
    assert (bootstrap["method"], bootstrap["principal_name"], bootstrap["role"], bootstrap["action"],
            bootstrap["outcome"]) == ("loketctl bootstrap", "loketctl-bootstrap", "administrator", "create", "ok")
    assert f"principal:{admin['id']}" in bootstrap["subjects"]
    assert all(e["principal_name"] == "admin" for e in entries[:-1])
    ids = [e["id"] for e in entries]
    assert ids == sorted(ids, reverse=True)
    renames = ctl.json("audit", "query", "--purpose", "loketctl test", "--subject", "department:burgerzaken",
                       "--page-size", "1", key=admin_key)
    assert len(renames["entries"]) == 1 and renames["next_page_token"]
    assert renames["entries"][0]["method"] == "/loket.admin.v1.Admin/RenameDepartment"
    older = ctl.json("audit", "query", "--purpose", "loketctl test", "--subject", "department:burgerzaken",
                     "--page-token", renames["next_page_token"], key=admin_key)
    assert [e["method"] for e in older["entries"]] == ["/loket.admin.v1.Admin/CreateDepartment"]
    table = ctl.ok("audit", "query", "--purpose", "loketctl test", "--principal", admin["id"], key=admin_key)
    assert re.match(r"^ID +AT +PRINCIPAL +ROLE +METHOD +ACTION +OUTCOME", table), table

    # A clerk is no administrator; messages come in the language asked for.
    ctl.fails("department", "list", key=clerk_key, status="PERMISSION_DENIED")
    ctl.fails("principal", "list", key=clerk_key, status="PERMISSION_DENIED")
    french = ctl.fails("department", "list", "--language", "fr", key=clerk_key, status="PERMISSION_DENIED")
    assert "Vous n'avez pas l'autorisation" in french, french
    dutch = ctl.fails("department", "list", "--language", "nl", key=clerk_key, status="PERMISSION_DENIED")
    assert "U hebt de toelating" in dutch, dutch


def test_mutual_tls(ctl: Ctl, tmp_path: Path):
    if ctl.admin_key is None:
        pytest.skip("needs the administrator key of test_administration_from_bootstrap_to_audit")
    tls = TLSFiles.create(tmp_path)
    (tmp_path / "client.pem").write_bytes(tls.client_certificate)
    (tmp_path / "client-key.pem").write_bytes(tls.client_key)
    (tmp_path / "client-key.pem").chmod(0o600)
    server = Loketd(ctl.server.binary, [
        "--database-url", ctl.database.url, "--set", f"tls.certificate_path={tls.server_certificate}",
        "--set", f"tls.private_key_path={tls.server_key}", "--set", f"tls.client_ca_path={tls.ca}"]).start()
    try:
        address = ["--server", f"127.0.0.1:{server.port}", "--tls-ca", str(tls.ca)]
        client = ["--client-cert", str(tmp_path / "client.pem"), "--client-key", str(tmp_path / "client-key.pem")]
        listed = ctl.json("department", "list", *address, *client, key=ctl.admin_key)
        assert "burgerzaken" in [d["id"] for d in listed["departments"]]
        ctl.fails("department", "list", *address, key=ctl.admin_key, status="UNAVAILABLE")
        ctl.fails("department", "list", "--server", f"127.0.0.1:{server.port}", *client, key=ctl.admin_key,
                  status="UNAVAILABLE")  # the system's roots do not know the test CA
    finally:
        server.stop(10)


def test_missing_api_key_is_a_usage_error(ctl: Ctl):
    result = ctl.run("department", "list")
    assert result.returncode == 64, result  # ArgumentParser's exit status for usage errors (EX_USAGE)
    assert "LOKET_API_KEY" in result.stderr and result.stdout == ""


def test_api_key_is_never_echoed(ctl: Ctl):
    key = "lk_000000000000_" + "0" * 64
    result = ctl.run("department", "list", "--api-key", key)
    assert result.returncode == 1 and result.stderr.startswith("loketctl: UNAUTHENTICATED: ")
    assert key not in result.stdout + result.stderr


def test_bootstrap_help_says_it_uses_the_database():
    loketctl = binary("LOKETCTL_BINARY", ".build/debug/loketctl", "loketctl")
    result = subprocess.run([str(loketctl), "bootstrap", "--help"], capture_output=True, text=True,
                            timeout=COMMAND_TIMEOUT, env=base_environment())
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "talks to the database" in text and "already holds every right" in text
