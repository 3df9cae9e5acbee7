"""Many concurrent calls: 1,000 unary calls spread over 10 channels, all in flight at once (futures)."""

from __future__ import annotations

import time

import grpc

CHANNELS = 10
CALLS = 1_000


def test_thousand_concurrent_unary_calls(target, stubs):
    m = stubs.messages
    channels = [target.channel() for _ in range(CHANNELS)]
    try:
        stubs_per_channel = [stubs.test_grpc.TestServiceStub(channel) for channel in channels]
        started = time.monotonic()
        futures = []
        for index in range(CALLS):
            size = 1 + index % 97
            request = m.SimpleRequest(response_size=size, payload=m.Payload(body=bytes(index % 50)))
            futures.append((size, stubs_per_channel[index % CHANNELS].UnaryCall.future(request, timeout=60)))
        failures = {}
        for size, future in futures:
            try:
                response = future.result(timeout=max(1.0, 60 - (time.monotonic() - started)))
            except grpc.RpcError as error:
                failures[error.code()] = failures.get(error.code(), 0) + 1
                continue
            assert response.payload.body == bytes(size)
        elapsed = time.monotonic() - started
        assert not failures, f"{sum(failures.values())} of {CALLS} calls failed: {failures} ({elapsed:.1f} s)"
    finally:
        for channel in channels:
            channel.close()
