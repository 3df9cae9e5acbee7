"""The plugin host end to end (issue 5): two loketd instances on one fresh database, the example plugin, API keys,
department enablement, permissions, purpose, audit and localized messages, through the real grpcio client.

Principals and keys are seeded with SQL, as `loketctl bootstrap` would: a key is `lk_<12 hex>_<64 hex>` and the
database keeps only the SHA-256 of its secret part.
"""

from __future__ import annotations

import secrets
import subprocess
import time
from types import SimpleNamespace

import grpc
import pytest

from conftest import loketd_binary, transport_args
from host_support import Key, create_database, database_url, generated_modules, metadata, psql
from interop_support import REPO_ROOT, Loketd

PROTOS = REPO_ROOT / "Protos"
STOP_TIMEOUT = 10.0
VISITS = "loket.example.v1.CounterVisits"


@pytest.fixture(scope="module")
def host_stubs(tmp_path_factory) -> SimpleNamespace:
    return generated_modules(
        tmp_path_factory.mktemp("host_stubs"),
        ["loket/admin/v1/admin.proto", "loket/example/v1/counter_visits.proto"],
        {"admin": "loket.admin.v1.admin_pb2", "admin_grpc": "loket.admin.v1.admin_pb2_grpc",
         "visits": "loket.example.v1.counter_visits_pb2", "visits_grpc": "loket.example.v1.counter_visits_pb2_grpc"})


@pytest.fixture(scope="module")
def host(host_stubs, tls_files) -> SimpleNamespace:
    """Two loketd instances on a database of their own, with departments, principals and keys seeded."""
    database = f"loket_host_{secrets.token_hex(4)}"
    create_database(database)
    servers: list[Loketd] = []
    try:
        args = ["--database-url", database_url(database), "--set", "server.grace_period_seconds=2"]
        first = Loketd(loketd_binary(), args).start()
        servers.append(first)
        psql(database, """
            INSERT INTO core.departments (id, name) VALUES ('burgerzaken', 'Burgerzaken'), ('financien', 'Financiën');
            NOTIFY loket_directory;""")
        keys = SimpleNamespace(
            admin=Key.seed(database, "admin", "administrator", None),
            clerk=Key.seed(database, "an.peeters", "clerk", "burgerzaken"),
            other_clerk=Key.seed(database, "jan.janssens", "clerk", "financien"),
            kiosk=Key.seed(database, "kiosk-1", "integration", "burgerzaken", ["example.visits.write"]),
        )
        second = Loketd(loketd_binary(), args).start()
        servers.append(second)
        channels = [grpc.insecure_channel(f"127.0.0.1:{server.port}") for server in servers]
        # A third instance speaks mutual TLS, for integrations that authenticate with a client certificate.
        mutual = Loketd(loketd_binary(), [*args, *transport_args("mtls", tls_files)]).start()
        servers.append(mutual)
        yield SimpleNamespace(
            database=database, keys=keys, servers=servers, channels=channels, tls=tls_files, mutual=mutual,
            admin=[host_stubs.admin_grpc.AdminStub(channel) for channel in channels],
            visits=[host_stubs.visits_grpc.CounterVisitsStub(channel) for channel in channels],
            stubs=host_stubs)
        for channel in channels:
            channel.close()
    finally:
        for server in servers:
            server.terminate()
            assert server.wait(STOP_TIMEOUT) == 0, server.log
        subprocess.run(["dropdb", "--if-exists", database], timeout=60)


def rpc_error(call) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call()
    return raised.value


def until(condition, timeout: float = 1.0) -> float:
    """Seconds until `condition()` holds; fails after `timeout`."""
    started = time.monotonic()
    while True:
        if condition():
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            pytest.fail(f"condition not met within {timeout} s")
        time.sleep(0.02)


def count_request(host):
    return host.stubs.visits.CountVisitsRequest()


def allowed(stub, request, md) -> bool:
    try:
        stub.CountVisits(request, metadata=md, timeout=5)
        return True
    except grpc.RpcError as error:
        if error.code() != grpc.StatusCode.PERMISSION_DENIED:
            raise
        return False


def enable(host, plugin: str = "example", department: str = "burgerzaken", instance: int = 0):
    request = host.stubs.admin.PluginEnablementRequest(plugin_id=plugin, department_id=department)
    return host.admin[instance].EnablePlugin(request, metadata=metadata(host.keys.admin), timeout=5)


def disable(host, plugin: str = "example", department: str = "burgerzaken", instance: int = 0):
    request = host.stubs.admin.PluginEnablementRequest(plugin_id=plugin, department_id=department)
    return host.admin[instance].DisablePlugin(request, metadata=metadata(host.keys.admin), timeout=5)


def test_health_needs_no_credentials_and_reports_plugin_services(host):
    from grpc_health.v1 import health_pb2, health_pb2_grpc
    for channel in host.channels:
        stub = health_pb2_grpc.HealthStub(channel)
        for service in ("", VISITS, "loket.admin.v1.Admin"):
            response = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
            assert response.status == health_pb2.HealthCheckResponse.SERVING


def test_missing_and_unknown_credentials_are_unauthenticated(host):
    error = rpc_error(lambda: host.visits[0].CountVisits(count_request(host), timeout=5))
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED
    assert "aanmeldgegevens" in error.details().lower()  # Dutch by default
    forged = Key(host.keys.clerk.principal_id, host.keys.clerk.text[:-4] + "0000")
    error = rpc_error(lambda: host.visits[0].CountVisits(count_request(host), metadata=metadata(forged), timeout=5))
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED
    error = rpc_error(lambda: host.visits[0].CountVisits(
        count_request(host), metadata=[("authorization", "Bearer nonsense")], timeout=5))
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED


def test_disabled_plugin_is_denied_and_enabling_reaches_every_instance_within_a_second(host):
    clerk = metadata(host.keys.clerk, language="en")
    error = rpc_error(lambda: host.visits[1].CountVisits(count_request(host), metadata=clerk, timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "Counter visits" in error.details() and "Burgerzaken" in error.details()
    enable(host, instance=0)
    for instance in (0, 1):
        until(lambda: allowed(host.visits[instance], count_request(host), clerk), timeout=1.0)
    # Another department stays disabled.
    other = metadata(host.keys.other_clerk, language="en")
    error = rpc_error(lambda: host.visits[0].CountVisits(count_request(host), metadata=other, timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED and "Financiën" in error.details()
    # Disabling through the other instance reaches the first one.
    disable(host, instance=1)
    for instance in (0, 1):
        until(lambda: not allowed(host.visits[instance], count_request(host), clerk), timeout=1.0)
    enable(host, instance=1)
    until(lambda: allowed(host.visits[0], count_request(host), clerk), timeout=1.0)


def test_missing_purpose_is_invalid_argument(host):
    enable(host)
    request = host.stubs.visits.ListVisitsRequest(national_number="85073003328")
    error = rpc_error(lambda: host.visits[0].ListVisits(request, metadata=metadata(host.keys.clerk), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "x-loket-purpose" in error.details()


def audit_rows(host, subject: str) -> list[str]:
    result = psql(host.database, f"""
        COPY (SELECT action || ' ' || principal_name || ' ' || coalesce(purpose, '') || ' ' || outcome
              FROM core.audit_log WHERE subjects @> ARRAY['{subject}'] ORDER BY id) TO STDOUT""")
    return [line for line in result.stdout.splitlines() if line]


def test_reads_and_writes_are_audited_and_a_rolled_back_call_leaves_no_record(host):
    enable(host)
    person = "90020199725"
    md = metadata(host.keys.clerk, purpose="identity card application")
    visit = host.visits[0].RecordVisit(host.stubs.visits.RecordVisitRequest(
        national_number=person, visitor_name="Els Wouters", topic="identity-card"), metadata=md, timeout=5)
    assert visit.department_id == "burgerzaken" and visit.recorded_by == "an.peeters"
    listed = host.visits[1].ListVisits(host.stubs.visits.ListVisitsRequest(national_number=person), metadata=md, timeout=5)
    assert [v.id for v in listed.visits] == [visit.id]
    got = host.visits[1].GetVisit(host.stubs.visits.GetVisitRequest(id=visit.id), metadata=md, timeout=5)
    assert got.visitor_name == "Els Wouters"
    assert audit_rows(host, f"person:{person}") == [
        "create an.peeters identity card application ok",
        "read an.peeters identity card application ok",
        "read an.peeters identity card application ok",
    ]
    # The audit record is written before the insert, which fails on an unknown topic: both roll back.
    rolled_back = "91120512345"
    error = rpc_error(lambda: host.visits[0].RecordVisit(host.stubs.visits.RecordVisitRequest(
        national_number=rolled_back, visitor_name="Piet Peeters", topic="no-such-topic"), metadata=md, timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "violates" not in error.details() and "example." not in error.details()  # no SQL reaches the client
    assert audit_rows(host, f"person:{rolled_back}") == []
    # The admin service finds the same trail, and reading it is audited in turn.
    query = host.stubs.admin.QueryAuditRequest(subject=f"person:{person}")
    trail = host.admin[0].QueryAudit(query, metadata=metadata(host.keys.admin, purpose="citizen request"), timeout=5)
    assert [entry.action for entry in trail.entries] == ["read", "read", "create"]
    assert all(entry.method.startswith(f"/{VISITS}/") for entry in trail.entries)
    assert audit_rows(host, f"audit-query:person:{person}") == ["read admin citizen request ok"]


def test_audit_log_refuses_update_and_delete_for_lokets_role(host):
    for statement in ("UPDATE core.audit_log SET purpose = 'x'", "DELETE FROM core.audit_log",
                      "TRUNCATE core.audit_log"):
        result = psql(host.database, statement, check=False)
        assert result.returncode != 0, statement
        assert "permission denied" in result.stderr or "append-only" in result.stderr, result.stderr


def test_integration_scope_and_role_permissions(host):
    enable(host)
    md = metadata(host.keys.kiosk, language="en", purpose="counter registration")
    host.visits[0].RecordVisit(host.stubs.visits.RecordVisitRequest(
        national_number="85073003328", visitor_name="Kiosk Visitor", topic="passport"), metadata=md, timeout=5)
    error = rpc_error(lambda: host.visits[0].ListVisits(
        host.stubs.visits.ListVisitsRequest(national_number="85073003328"), metadata=md, timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED and "example.visits.read" in error.details()
    # A clerk is no administrator.
    error = rpc_error(lambda: host.admin[0].ListDepartments(
        host.stubs.admin.ListDepartmentsRequest(), metadata=metadata(host.keys.clerk), timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED


def test_revoked_key_is_unauthenticated_on_every_instance(host):
    enable(host)
    admin = metadata(host.keys.admin)
    issued = host.admin[0].IssueApiKey(
        host.stubs.admin.IssueApiKeyRequest(principal_id=host.keys.clerk.principal_id, label="laptop"),
        metadata=admin, timeout=5)
    fresh = Key(host.keys.clerk.principal_id, issued.api_key)
    # Usable at once on the other instance too (a cache miss reloads the directory).
    host.visits[1].CountVisits(count_request(host), metadata=metadata(fresh), timeout=5)
    host.admin[1].RevokeCredential(host.stubs.admin.RevokeCredentialRequest(credential_id=issued.credential.id),
                                   metadata=admin, timeout=5)

    def refused(instance: int) -> bool:
        try:
            host.visits[instance].CountVisits(count_request(host), metadata=metadata(fresh), timeout=5)
            return False
        except grpc.RpcError as error:
            assert error.code() == grpc.StatusCode.UNAUTHENTICATED
            return True

    for instance in (0, 1):
        until(lambda: refused(instance), timeout=1.0)
    # The principal's other key still works.
    host.visits[0].CountVisits(count_request(host), metadata=metadata(host.keys.clerk), timeout=5)


@pytest.mark.parametrize("language,expected", [
    ("nl", "Geef in 'x-loket-purpose'"), ("fr", "Indiquez dans « x-loket-purpose »"),
    ("de", "Geben Sie in „x-loket-purpose“"), ("en", "State in 'x-loket-purpose'"),
    ("fr-BE, en;q=0.5", "Indiquez dans"), ("es", "Geef in"),
])
def test_messages_in_the_callers_language(host, language, expected):
    enable(host)
    error = rpc_error(lambda: host.visits[0].ListVisits(
        host.stubs.visits.ListVisitsRequest(national_number="85073003328"),
        metadata=metadata(host.keys.clerk, language=language), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error.details().startswith(expected), error.details()


@pytest.mark.parametrize("language,expected", [
    ("nl", "Een rijksregisternummer"), ("fr", "Un numéro de registre national"),
    ("de", "Eine Nationalregisternummer"), ("en", "A national register number"),
])
def test_plugin_messages_in_the_callers_language(host, language, expected):
    enable(host)
    error = rpc_error(lambda: host.visits[0].RecordVisit(
        host.stubs.visits.RecordVisitRequest(national_number="123", visitor_name="X", topic="passport"),
        metadata=metadata(host.keys.clerk, language=language, purpose="test"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error.details().startswith(expected)


def test_client_certificate_authenticates_an_integration_over_mutual_tls(host):
    enable(host)
    admin = metadata(host.keys.admin)
    registered = host.admin[0].RegisterCertificate(host.stubs.admin.RegisterCertificateRequest(
        principal_id=host.keys.kiosk.principal_id, certificate_pem=host.tls.client_certificate.decode(),
        label="kiosk certificate"), metadata=admin, timeout=5)
    assert len(registered.certificate_sha256) == 64

    def channel(certificate: tuple[bytes, bytes]) -> grpc.Channel:
        credentials = grpc.ssl_channel_credentials(
            root_certificates=host.tls.ca.read_bytes(), private_key=certificate[1], certificate_chain=certificate[0])
        return grpc.secure_channel(f"localhost:{host.mutual.port}", credentials)

    request = host.stubs.visits.RecordVisitRequest(national_number="85073003328", visitor_name="Via Kiosk",
                                                   topic="moving")
    md = [("x-loket-purpose", "counter registration"), ("accept-language", "en")]
    with channel((host.tls.client_certificate, host.tls.client_key)) as mutual:
        stub = host.stubs.visits_grpc.CounterVisitsStub(mutual)
        visit = until_value(lambda: stub.RecordVisit(request, metadata=md, timeout=5))
        assert visit.recorded_by == "kiosk-1"
        # The certificate carries the kiosk's scopes only.
        error = rpc_error(lambda: stub.ListVisits(
            host.stubs.visits.ListVisitsRequest(national_number="85073003328"), metadata=md, timeout=5))
        assert error.code() == grpc.StatusCode.PERMISSION_DENIED
        host.admin[0].RevokeCredential(
            host.stubs.admin.RevokeCredentialRequest(credential_id=registered.id), metadata=admin, timeout=5)

        def refused() -> bool:
            try:
                stub.RecordVisit(request, metadata=md, timeout=5)
                return False
            except grpc.RpcError as error:
                assert error.code() == grpc.StatusCode.UNAUTHENTICATED
                return True

        until(refused, timeout=1.0)


def until_value(call, timeout: float = 1.0):
    """The result of `call()` once it stops failing with UNAUTHENTICATED (a registration still on its way)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return call()
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.UNAUTHENTICATED or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def test_audit_queries_filter_by_principal_and_period(host):
    enable(host)
    person = "70010100161"
    md = metadata(host.keys.clerk, purpose="filter test")
    before = psql(host.database, "COPY (SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                                 "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')) TO STDOUT").stdout.strip()
    host.visits[0].ListVisits(host.stubs.visits.ListVisitsRequest(national_number=person), metadata=md, timeout=5)
    admin = metadata(host.keys.admin, purpose="supervision")
    query = host.stubs.admin.QueryAuditRequest
    by_principal = host.admin[0].QueryAudit(query(principal_id=host.keys.clerk.principal_id, subject=f"person:{person}"),
                                            metadata=admin, timeout=5)
    assert [entry.principal_name for entry in by_principal.entries] == ["an.peeters"]
    other = host.admin[0].QueryAudit(query(principal_id=host.keys.other_clerk.principal_id, subject=f"person:{person}"),
                                     metadata=admin, timeout=5)
    assert list(other.entries) == []
    since = host.admin[0].QueryAudit(query(subject=f"person:{person}", **{"from": before}), metadata=admin, timeout=5)
    assert len(since.entries) == 1
    until_before = host.admin[0].QueryAudit(query(subject=f"person:{person}", to=before), metadata=admin, timeout=5)
    assert list(until_before.entries) == []
    error = rpc_error(lambda: host.admin[0].QueryAudit(query(to="yesterday"), metadata=admin, timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
