"""grpc.health.v1.Health with grpcio-health-checking's stubs."""

from __future__ import annotations

import queue
import threading

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

CALL_TIMEOUT = 10.0
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING
SERVICE_UNKNOWN = health_pb2.HealthCheckResponse.SERVICE_UNKNOWN


@pytest.fixture
def health(target):
    with target.channel() as channel:
        yield health_pb2_grpc.HealthStub(channel)


class WatchReader:
    """Reads a Watch stream on a thread, so that the test can wait for each status with a timeout."""

    def __init__(self, call):
        self.call = call
        self.statuses: queue.Queue = queue.Queue()
        self.error: grpc.RpcError | None = None
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        try:
            for response in self.call:
                self.statuses.put(response.status)
        except grpc.RpcError as error:
            self.error = error
        self.statuses.put(None)

    def next(self, timeout: float):
        try:
            return self.statuses.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"no Watch response within {timeout} s")

    def close(self):
        self.call.cancel()
        self._thread.join(5)


@pytest.mark.parametrize("service", ["", "grpc.testing.TestService"])
def test_check_serving(health, service):
    response = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=CALL_TIMEOUT)
    assert response.status == SERVING


def test_check_unknown_service(health):
    with pytest.raises(grpc.RpcError) as raised:
        health.Check(health_pb2.HealthCheckRequest(service="no.such.Service"), timeout=CALL_TIMEOUT)
    assert raised.value.code() == grpc.StatusCode.NOT_FOUND


def test_watch_sends_serving_at_once(health):
    reader = WatchReader(health.Watch(health_pb2.HealthCheckRequest(service=""), timeout=CALL_TIMEOUT))
    try:
        assert reader.next(timeout=5) == SERVING
        assert reader.error is None
    finally:
        reader.close()


def test_watch_unknown_service_is_not_an_error(health):
    reader = WatchReader(health.Watch(health_pb2.HealthCheckRequest(service="no.such.Service"), timeout=CALL_TIMEOUT))
    try:
        assert reader.next(timeout=5) == SERVICE_UNKNOWN
    finally:
        reader.close()


@pytest.mark.parametrize("service", ["", "grpc.testing.TestService"])
def test_watch_reports_not_serving_on_graceful_shutdown(dedicated_loketd, service):
    target = dedicated_loketd(extra_args=["--set", "server.grace_period_seconds=5"])
    with target.channel() as channel:
        reader = WatchReader(health_pb2_grpc.HealthStub(channel).Watch(
            health_pb2.HealthCheckRequest(service=service), timeout=20))
        try:
            assert reader.next(timeout=5) == SERVING
            target.server.terminate()
            status = reader.next(timeout=4)
            assert status == NOT_SERVING, (
                f"expected NOT_SERVING after SIGTERM, got {status!r} (stream error: {reader.error})\n{target.server.log}")
        finally:
            reader.close()
    status = target.server.wait(8)
    assert status == 0, f"loketd exit status {status} after SIGTERM\n{target.server.log}"
