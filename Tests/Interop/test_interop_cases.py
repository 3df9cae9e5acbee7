"""The server-side gRPC interop test cases (grpc.testing.TestService), run with the grpcio client over cleartext
and TLS. Sizes, metadata and messages are those of the interop specification."""

from __future__ import annotations

import queue
import threading
import time

import grpc
import pytest

CALL_TIMEOUT = 20.0  # seconds; every call has a deadline so that a hung server fails the test instead of the run

# The interop specification's sizes.
LARGE_REQUEST = 271_828
LARGE_RESPONSE = 314_159
CLIENT_STREAM_SIZES = [27_182, 8, 1_828, 45_904]
SERVER_STREAM_SIZES = [31_415, 9, 2_653, 58_979]
SPECIAL_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"


def simple_request(stubs, response_size: int = LARGE_RESPONSE, request_size: int = LARGE_REQUEST, **fields):
    m = stubs.messages
    return m.SimpleRequest(
        response_type=m.COMPRESSABLE, response_size=response_size, payload=m.Payload(body=bytes(request_size)),
        **fields)


def streaming_request(stubs, sizes, request_size: int = 0, interval_us: int = 0, **fields):
    m = stubs.messages
    if request_size:
        fields["payload"] = m.Payload(body=bytes(request_size))
    return m.StreamingOutputCallRequest(
        response_type=m.COMPRESSABLE,
        response_parameters=[m.ResponseParameters(size=size, interval_us=interval_us) for size in sizes],
        **fields)


def assert_payload(payload, size: int) -> None:
    assert payload.type == 0  # COMPRESSABLE
    assert len(payload.body) == size
    assert payload.body == bytes(size)


class RequestFeed:
    """A request iterator that the test feeds one message at a time (for ping-pong style calls); it ends when
    `close` is called, or by itself after a timeout so that no test can hang on it."""

    def __init__(self, timeout: float = CALL_TIMEOUT):
        self._queue: queue.Queue = queue.Queue()
        self._timeout = timeout

    def send(self, message) -> None:
        self._queue.put(message)

    def close(self) -> None:
        self._queue.put(None)

    def __iter__(self):
        deadline = time.monotonic() + self._timeout
        while True:
            try:
                message = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return
            if message is None:
                return
            yield message


def test_empty_unary(stub, stubs):
    response, call = stub.EmptyCall.with_call(stubs.empty.Empty(), timeout=CALL_TIMEOUT)
    assert isinstance(response, stubs.empty.Empty)
    assert response.SerializeToString() == b""
    assert call.code() == grpc.StatusCode.OK


def test_large_unary(stub, stubs):
    response = stub.UnaryCall(simple_request(stubs), timeout=CALL_TIMEOUT)
    assert_payload(response.payload, LARGE_RESPONSE)


def test_client_streaming(stub, stubs):
    m = stubs.messages
    requests = [m.StreamingInputCallRequest(payload=m.Payload(body=bytes(size))) for size in CLIENT_STREAM_SIZES]
    response, call = stub.StreamingInputCall.with_call(iter(requests), timeout=CALL_TIMEOUT)
    assert response.aggregated_payload_size == 74_922
    assert call.code() == grpc.StatusCode.OK


def test_server_streaming(stub, stubs):
    call = stub.StreamingOutputCall(streaming_request(stubs, SERVER_STREAM_SIZES), timeout=CALL_TIMEOUT)
    responses = list(call)
    assert [len(r.payload.body) for r in responses] == SERVER_STREAM_SIZES
    for response, size in zip(responses, SERVER_STREAM_SIZES):
        assert_payload(response.payload, size)
    assert call.code() == grpc.StatusCode.OK


def test_ping_pong(stub, stubs):
    feed = RequestFeed()
    call = stub.FullDuplexCall(iter(feed), timeout=CALL_TIMEOUT)
    try:
        for request_size, response_size in zip(CLIENT_STREAM_SIZES, SERVER_STREAM_SIZES):
            feed.send(streaming_request(stubs, [response_size], request_size=request_size))
            # The next response must come before the client sends anything else.
            response = next(call)
            assert_payload(response.payload, response_size)
    finally:
        feed.close()
    assert list(call) == []
    assert call.code() == grpc.StatusCode.OK


def test_empty_stream(stub, stubs):
    call = stub.FullDuplexCall(iter([]), timeout=CALL_TIMEOUT)
    assert list(call) == []
    assert call.code() == grpc.StatusCode.OK


ECHO_INITIAL = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
ECHO_TRAILING = ("x-grpc-test-echo-trailing-bin", b"\x0a\x0b\x0a\x0b\x0a\x0b")


def assert_echoed_metadata(call) -> None:
    initial = list(call.initial_metadata())
    trailing = list(call.trailing_metadata())
    assert (ECHO_INITIAL[0], ECHO_INITIAL[1]) in [(m.key, m.value) for m in initial], initial
    assert (ECHO_TRAILING[0], ECHO_TRAILING[1]) in [(m.key, m.value) for m in trailing], trailing
    # Each goes only where it belongs.
    assert ECHO_TRAILING[0] not in [m.key for m in initial]
    assert ECHO_INITIAL[0] not in [m.key for m in trailing]


def test_custom_metadata_unary(stub, stubs):
    response, call = stub.UnaryCall.with_call(
        simple_request(stubs), metadata=[ECHO_INITIAL, ECHO_TRAILING], timeout=CALL_TIMEOUT)
    assert_payload(response.payload, LARGE_RESPONSE)
    assert_echoed_metadata(call)


def test_custom_metadata_full_duplex(stub, stubs):
    call = stub.FullDuplexCall(
        iter([streaming_request(stubs, [LARGE_RESPONSE], request_size=LARGE_REQUEST)]),
        metadata=[ECHO_INITIAL, ECHO_TRAILING], timeout=CALL_TIMEOUT)
    responses = list(call)
    assert len(responses) == 1
    assert_payload(responses[0].payload, LARGE_RESPONSE)
    assert call.code() == grpc.StatusCode.OK
    assert_echoed_metadata(call)


def test_status_code_and_message_unary(stub, stubs):
    request = simple_request(
        stubs, response_size=1, request_size=1,
        response_status=stubs.messages.EchoStatus(code=2, message="test status message"))
    with pytest.raises(grpc.RpcError) as raised:
        stub.UnaryCall(request, timeout=CALL_TIMEOUT)
    assert raised.value.code() == grpc.StatusCode.UNKNOWN
    assert raised.value.details() == "test status message"


def test_status_code_and_message_full_duplex(stub, stubs):
    request = streaming_request(
        stubs, [1], request_size=1, response_status=stubs.messages.EchoStatus(code=2, message="test status message"))
    call = stub.FullDuplexCall(iter([request]), timeout=CALL_TIMEOUT)
    with pytest.raises(grpc.RpcError):
        list(call)
    assert call.code() == grpc.StatusCode.UNKNOWN
    assert call.details() == "test status message"


def test_special_status_message(stub, stubs):
    request = simple_request(
        stubs, response_size=1, request_size=1,
        response_status=stubs.messages.EchoStatus(code=2, message=SPECIAL_MESSAGE))
    with pytest.raises(grpc.RpcError) as raised:
        stub.UnaryCall(request, timeout=CALL_TIMEOUT)
    assert raised.value.code() == grpc.StatusCode.UNKNOWN
    assert raised.value.details() == SPECIAL_MESSAGE


def test_unimplemented_method(stub, stubs):
    with pytest.raises(grpc.RpcError) as raised:
        stub.UnimplementedCall(stubs.empty.Empty(), timeout=CALL_TIMEOUT)
    assert raised.value.code() == grpc.StatusCode.UNIMPLEMENTED


def test_unimplemented_service(target, stubs):
    with target.channel() as channel:
        with pytest.raises(grpc.RpcError) as raised:
            stubs.test_grpc.UnimplementedServiceStub(channel).UnimplementedCall(
                stubs.empty.Empty(), timeout=CALL_TIMEOUT)
    assert raised.value.code() == grpc.StatusCode.UNIMPLEMENTED


def test_cancel_after_begin(stub, stubs):
    # The request stream sends nothing until the call has been cancelled.
    cancelled = threading.Event()

    def requests():
        cancelled.wait(CALL_TIMEOUT)
        return
        yield  # a generator that ends without a message

    future = stub.StreamingInputCall.future(requests(), timeout=CALL_TIMEOUT)
    try:
        assert future.cancel()
    finally:
        cancelled.set()
    assert future.cancelled()
    assert future.code() == grpc.StatusCode.CANCELLED
    # The server is still fine afterwards.
    assert stub.EmptyCall(stubs.empty.Empty(), timeout=CALL_TIMEOUT) == stubs.empty.Empty()


def test_cancel_after_first_response(stub, stubs):
    feed = RequestFeed()
    call = stub.FullDuplexCall(iter(feed), timeout=CALL_TIMEOUT)
    try:
        feed.send(streaming_request(stubs, [31_415], request_size=27_182))
        assert_payload(next(call).payload, 31_415)
        assert call.cancel()
    finally:
        feed.close()
    with pytest.raises(grpc.RpcError) as raised:
        next(call)
    assert raised.value.code() == grpc.StatusCode.CANCELLED
    assert call.code() == grpc.StatusCode.CANCELLED
    assert stub.EmptyCall(stubs.empty.Empty(), timeout=CALL_TIMEOUT) == stubs.empty.Empty()


def test_timeout_on_sleeping_server(stub, stubs):
    # The server would wait 10 s before answering; the client's deadline is 100 ms.
    feed = RequestFeed()
    feed.send(streaming_request(stubs, [31_415], request_size=27_182, interval_us=10_000_000))
    started = time.monotonic()
    call = stub.FullDuplexCall(iter(feed), timeout=0.1)
    try:
        with pytest.raises(grpc.RpcError) as raised:
            next(call)
    finally:
        feed.close()
    elapsed = time.monotonic() - started
    assert raised.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert elapsed < 5, f"the call ended {elapsed:.2f} s after a 0.1 s deadline"


def test_client_compressed_unary(stub, stubs):
    expect = stubs.messages.BoolValue(value=True)
    # Probe: the server must notice that a message it expects compressed is not.
    with pytest.raises(grpc.RpcError) as raised:
        stub.UnaryCall(simple_request(stubs, expect_compressed=expect),
                       compression=grpc.Compression.NoCompression, timeout=CALL_TIMEOUT)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    # A gzip-compressed request.
    response = stub.UnaryCall(simple_request(stubs, expect_compressed=expect), compression=grpc.Compression.Gzip,
                              timeout=CALL_TIMEOUT)
    assert_payload(response.payload, LARGE_RESPONSE)
    # An uncompressed request that says so.
    response = stub.UnaryCall(simple_request(stubs, expect_compressed=stubs.messages.BoolValue(value=False)),
                              compression=grpc.Compression.NoCompression, timeout=CALL_TIMEOUT)
    assert_payload(response.payload, LARGE_RESPONSE)


def test_client_compressed_streaming(stub, stubs):
    m = stubs.messages
    expect = m.BoolValue(value=True)
    # Probe: the first message claims compression but goes uncompressed.
    with pytest.raises(grpc.RpcError) as raised:
        stub.StreamingInputCall(
            iter([m.StreamingInputCallRequest(payload=m.Payload(body=bytes(27_182)), expect_compressed=expect)]),
            compression=grpc.Compression.NoCompression, timeout=CALL_TIMEOUT)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    # grpcio compresses every message of a call, so both messages go gzip-compressed.
    requests = [m.StreamingInputCallRequest(payload=m.Payload(body=bytes(size)), expect_compressed=expect)
                for size in (27_182, 45_904)]
    response = stub.StreamingInputCall(iter(requests), compression=grpc.Compression.Gzip, timeout=CALL_TIMEOUT)
    assert response.aggregated_payload_size == 73_086


def test_server_compressed_unary(stub, stubs):
    for compressed in (True, False):
        response = stub.UnaryCall(
            simple_request(stubs, response_compressed=stubs.messages.BoolValue(value=compressed)),
            timeout=CALL_TIMEOUT)
        assert_payload(response.payload, LARGE_RESPONSE)


def test_server_compressed_streaming(stub, stubs):
    m = stubs.messages
    request = m.StreamingOutputCallRequest(
        response_type=m.COMPRESSABLE,
        response_parameters=[m.ResponseParameters(size=31_415, compressed=m.BoolValue(value=True)),
                             m.ResponseParameters(size=92_653, compressed=m.BoolValue(value=False))])
    call = stub.StreamingOutputCall(request, timeout=CALL_TIMEOUT)
    responses = list(call)
    assert [len(r.payload.body) for r in responses] == [31_415, 92_653]
    for response, size in zip(responses, (31_415, 92_653)):
        assert_payload(response.payload, size)
    assert call.code() == grpc.StatusCode.OK
