"""The store seen from outside: several loketd processes starting together on a new database migrate it once."""

from __future__ import annotations

import secrets
import subprocess
from concurrent.futures import ThreadPoolExecutor

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from conftest import loketd_binary
from host_support import create_database, database_url, psql
from interop_support import Loketd

PROCESSES = 3


def test_processes_starting_together_apply_each_migration_exactly_once():
    database = f"loket_migrate_{secrets.token_hex(4)}"
    create_database(database)
    servers = [Loketd(loketd_binary(), ["--database-url", database_url(database),
                                        "--set", "server.grace_period_seconds=1"]) for _ in range(PROCESSES)]
    try:
        # Started side by side: each launches its process, then waits until it listens.
        with ThreadPoolExecutor(PROCESSES) as starter:
            list(starter.map(lambda server: server.start(timeout=60), servers))
        for server in servers:
            with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
                reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
                assert reply.status == health_pb2.HealthCheckResponse.SERVING
        recorded = psql(database, "COPY (SELECT owner || ' #' || id FROM loket_migrations ORDER BY 1) TO STDOUT")
        rows = recorded.stdout.splitlines()
        applied = [line for server in servers for line in server.log.splitlines() if "applied migration" in line]
        # The core's and every plugin's migrations, each applied by exactly one of the processes; the others
        # waited for the advisory lock and found them recorded.
        assert len(rows) >= 5, recorded.stdout
        assert len(applied) == len(rows), "\n".join(applied)
    finally:
        for server in servers:
            if server.process is not None:
                server.terminate()
                assert server.wait(10) == 0, server.log
        subprocess.run(["dropdb", "--if-exists", database], timeout=60)
