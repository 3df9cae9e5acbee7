"""Fixtures of the interop suite: generated stubs, TLS files, and loketd servers over each transport.

loketd comes from $LOKET_BINARY (default .build/debug/loketd in the repository). Each server is started with
`--port 0 --set server.interop_test_service=true` and the port is read from its "gRPC server listening" log line;
on teardown it gets SIGTERM and must exit with status 0 within a few seconds.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import grpc
import pytest

from interop_support import REPO_ROOT, TLS_XFAIL_REASON, Loketd, LoketdStartError, TLSFiles, tls_probe

PROTOS = REPO_ROOT / "Protos"
# How long teardown waits for loketd to exit after SIGTERM. The shared servers have a short grace period and no
# calls in flight by then, so they should exit at once.
STOP_TIMEOUT = 5.0
SHARED_GRACE_SECONDS = 3


def loketd_binary() -> Path:
    binary = Path(os.environ.get("LOKET_BINARY", ".build/debug/loketd"))
    if not binary.is_absolute():
        binary = REPO_ROOT / binary
    if not binary.is_file():
        pytest.fail(f"loketd not found at {binary}: build it (swift build --product loketd) or set LOKET_BINARY")
    return binary


# --- generated stubs -----------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def stubs(tmp_path_factory) -> SimpleNamespace:
    """Python stubs of Protos/grpc/testing/*.proto and of reflection v1, generated into a temporary directory.

    The testing modules keep the names of their proto paths (grpc.testing.test_pb2, ...), which sit inside grpcio's
    own `grpc` package, so the output folder is added to that package's search path. grpcio already maps
    `grpc.reflection` to grpcio-reflection (v1alpha only), so reflection v1 is generated under its own name,
    `loket_reflection_v1.reflection_pb2`.
    """
    out = tmp_path_factory.mktemp("stubs")
    testing = sorted(str(path.relative_to(PROTOS)) for path in (PROTOS / "grpc" / "testing").glob("*.proto"))
    protoc = [sys.executable, "-m", "grpc_tools.protoc", f"--python_out={out}", f"--grpc_python_out={out}"]
    for command in (
        [*protoc, f"--proto_path={PROTOS}", *testing],
        [*protoc, f"--proto_path=loket_reflection_v1={PROTOS / 'grpc' / 'reflection' / 'v1'}",
         "loket_reflection_v1/reflection.proto"],
    ):
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"grpc_tools.protoc failed:\n{result.stdout}{result.stderr}"
    grpc.__path__.append(str(out / "grpc"))
    sys.path.insert(0, str(out))
    module = importlib.import_module
    return SimpleNamespace(
        empty=module("grpc.testing.empty_pb2"),
        messages=module("grpc.testing.messages_pb2"),
        test=module("grpc.testing.test_pb2"),
        test_grpc=module("grpc.testing.test_pb2_grpc"),
        reflection_v1=module("loket_reflection_v1.reflection_pb2"),
        reflection_v1_grpc=module("loket_reflection_v1.reflection_pb2_grpc"),
    )


# --- TLS -----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def tls_files(tmp_path_factory) -> TLSFiles:
    return TLSFiles.create(tmp_path_factory.mktemp("tls"))


def transport_args(transport: str, tls: TLSFiles) -> list[str]:
    if transport == "plaintext":
        return []
    args = ["--set", f"tls.certificate_path={tls.server_certificate}", "--set", f"tls.private_key_path={tls.server_key}"]
    if transport == "mtls":
        args += ["--set", f"tls.client_ca_path={tls.ca}"]
    return args


@dataclass
class Target:
    """A running loketd and how to reach it."""

    transport: str
    server: Loketd
    tls: TLSFiles

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server.port}"

    def credentials(self, client_certificate: bool = True,
                    certificate: tuple[bytes, bytes] | None = None) -> grpc.ChannelCredentials:
        root = self.tls.ca.read_bytes()
        if self.transport == "mtls" and client_certificate:
            chain, key = certificate or (self.tls.client_certificate, self.tls.client_key)
            return grpc.ssl_channel_credentials(root_certificates=root, private_key=key, certificate_chain=chain)
        return grpc.ssl_channel_credentials(root_certificates=root)

    def channel(self, options: list[tuple[str, object]] = (), **credential_args) -> grpc.Channel:
        """A new channel; every test closes its channels (use it in a `with` block)."""
        options = [("grpc.use_local_subchannel_pool", 1), *options]  # no connection sharing between channels
        if self.transport == "plaintext":
            return grpc.insecure_channel(self.address, options=options)
        return grpc.secure_channel(self.address, self.credentials(**credential_args), options=options)


def start_loketd(transport: str, tls: TLSFiles, extra_args: list[str] = ()) -> Loketd:
    """A started loketd; TLS variants xfail when the log says this build has no TLS, and only then."""
    server = Loketd(loketd_binary(), [*transport_args(transport, tls), *extra_args])
    try:
        return server.start()
    except LoketdStartError as error:
        if transport != "plaintext" and error.tls_unsupported:
            pytest.xfail(TLS_XFAIL_REASON)
        raise


class ServerPool:
    """One shared loketd per transport, started on first use and stopped at the end of the session."""

    def __init__(self, tls: TLSFiles):
        self.tls = tls
        self.servers: dict[str, Loketd] = {}
        self.failures: dict[str, BaseException] = {}

    def get(self, transport: str) -> Target:
        if transport in self.failures:
            failure = self.failures[transport]
            if isinstance(failure, pytest.xfail.Exception):
                pytest.xfail(TLS_XFAIL_REASON)
            pytest.fail(f"loketd ({transport}) failed in an earlier test's setup: {failure}", pytrace=False)
        server = self.servers.get(transport)
        if server is None:
            try:
                server = start_loketd(
                    transport, self.tls, ["--set", f"server.grace_period_seconds={SHARED_GRACE_SECONDS}"])
            except BaseException as error:
                self.failures[transport] = error
                raise
            self.servers[transport] = server
            if transport != "plaintext":
                # One clear failure for every test of this transport rather than a wall of UNAVAILABLE.
                problem = tls_probe(server.port, self.tls.ca, (self.tls.client_certificate, self.tls.client_key))
                if problem:
                    self.failures[transport] = RuntimeError(problem)
                    pytest.fail(f"{problem}\n--- loketd log ---\n{server.log}", pytrace=False)
        if not server.running:
            pytest.fail(f"the shared loketd ({transport}) has exited with status {server.process.returncode}:\n"
                        f"{server.log}", pytrace=False)
        return Target(transport, server, self.tls)

    def stop_all(self) -> list[str]:
        problems = []
        for transport, server in self.servers.items():
            status, elapsed = server.stop(STOP_TIMEOUT)
            if status != 0:
                problems.append(
                    f"loketd ({transport}) {'did not exit' if status is None else f'exited with status {status}'} "
                    f"within {STOP_TIMEOUT} s of SIGTERM (waited {elapsed:.1f} s)\n--- log tail ---\n"
                    + "".join(server.log.splitlines(keepends=True)[-20:]))
        return problems


@pytest.fixture(scope="session")
def server_pool(tls_files):
    pool = ServerPool(tls_files)
    yield pool
    problems = pool.stop_all()
    assert not problems, "\n".join(problems)


@pytest.fixture(params=["plaintext", "tls"])
def target(request, server_pool) -> Target:
    """The shared loketd over each transport."""
    return server_pool.get(request.param)


@pytest.fixture
def plaintext_target(server_pool) -> Target:
    """The shared cleartext loketd, for raw HTTP/2 requests."""
    return server_pool.get("plaintext")


@pytest.fixture
def mtls_target(server_pool) -> Target:
    """The shared loketd that requires client certificates signed by the test CA."""
    return server_pool.get("mtls")


@pytest.fixture
def dedicated_loketd(tls_files):
    """Starts loketd instances of the test's own (for shutdown tests); kills any left running at teardown."""
    started: list[Loketd] = []

    def start(transport: str = "plaintext", extra_args: list[str] = ()) -> Target:
        server = start_loketd(transport, tls_files, list(extra_args))
        started.append(server)
        return Target(transport, server, tls_files)

    yield start
    for server in started:
        server.kill()


@pytest.fixture
def stub(target, stubs):
    """A TestService stub on a fresh channel to the shared loketd, closed after the test."""
    with target.channel() as channel:
        yield stubs.test_grpc.TestServiceStub(channel)
