"""Limits and bad input: oversized and unparsable messages with grpcio, and raw HTTP/2 requests (the h2 package on
a plain socket) for what grpcio never sends: wrong content types, other HTTP methods, and wire details."""

from __future__ import annotations

import gzip
import time
import urllib.parse

import grpc
import pytest

from hyperframe.frame import HeadersFrame, RstStreamFrame, SettingsFrame

from interop_support import FrameClient, grpc_frame, grpc_request_headers, raw_request, split_grpc_frames

CALL_TIMEOUT = 20.0
UNARY_CALL = "/grpc.testing.TestService/UnaryCall"
EMPTY_CALL = "/grpc.testing.TestService/EmptyCall"


def small_request(stubs, response_size: int = 10):
    m = stubs.messages
    return m.SimpleRequest(response_type=m.COMPRESSABLE, response_size=response_size,
                           payload=m.Payload(body=bytes(10)))


def test_request_over_the_size_limit(stub, stubs):
    m = stubs.messages
    request = m.SimpleRequest(response_size=10, payload=m.Payload(body=bytes(5 << 20)))
    with pytest.raises(grpc.RpcError) as raised:
        stub.UnaryCall(request, timeout=CALL_TIMEOUT)
    assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    # The connection stays usable.
    assert len(stub.UnaryCall(small_request(stubs), timeout=CALL_TIMEOUT).payload.body) == 10


def test_unparsable_request_is_internal(target, stubs):
    with target.channel() as channel:
        raw = channel.unary_unary(UNARY_CALL)  # no serializer: the bytes go out as they are
        with pytest.raises(grpc.RpcError) as raised:
            raw(b"\xff\xff\xff", timeout=CALL_TIMEOUT)
        assert raised.value.code() == grpc.StatusCode.INTERNAL
        # The next normal call on the same channel succeeds.
        stub = stubs.test_grpc.TestServiceStub(channel)
        assert len(stub.UnaryCall(small_request(stubs), timeout=CALL_TIMEOUT).payload.body) == 10


def test_unknown_method_is_unimplemented(target):
    with target.channel() as channel:
        with pytest.raises(grpc.RpcError) as raised:
            channel.unary_unary("/grpc.testing.TestService/NoSuchMethod")(b"", timeout=CALL_TIMEOUT)
    assert raised.value.code() == grpc.StatusCode.UNIMPLEMENTED


# --- raw HTTP/2 (cleartext only) -------------------------------------------------------------------------------

def test_json_content_type_is_415(plaintext_target):
    response = raw_request(
        plaintext_target.server.port, grpc_request_headers(EMPTY_CALL, content_type="application/json"),
        grpc_frame(b""))
    assert response.status == 415, response


def test_get_is_405(plaintext_target):
    response = raw_request(plaintext_target.server.port, grpc_request_headers(EMPTY_CALL, method="GET"))
    assert response.status == 405, response


def test_unknown_method_is_trailers_only(plaintext_target):
    response = raw_request(
        plaintext_target.server.port, grpc_request_headers("/grpc.testing.TestService/NoSuchMethod"), grpc_frame(b""))
    assert response.status == 200, response
    assert response.trailers_only, f"expected a single HEADERS frame with END_STREAM: {response}"
    assert response.header("content-type", ).startswith("application/grpc"), response
    assert response.grpc_status == "12", response


def test_ok_response_on_the_wire(plaintext_target, stubs):
    request = small_request(stubs, response_size=3).SerializeToString()
    response = raw_request(
        plaintext_target.server.port, grpc_request_headers(UNARY_CALL, content_type="application/grpc+proto"),
        grpc_frame(request))
    assert response.status == 200, response
    assert response.header("content-type").startswith("application/grpc"), response
    assert not response.trailers_only
    assert response.grpc_status == "0", f"grpc-status must be sent for OK too: {response}"
    (compressed, message), = split_grpc_frames(response.data)
    assert not compressed
    assert stubs.messages.SimpleResponse.FromString(message).payload.body == bytes(3)


def test_message_framing_independent_of_data_frames(plaintext_target, stubs):
    """A message can span DATA frames and a frame can hold several messages: client streaming with one message
    split into byte-sized pieces (prefix split too) and three messages in a single frame."""
    m = stubs.messages
    messages = [grpc_frame(m.StreamingInputCallRequest(payload=m.Payload(body=bytes(size))).SerializeToString())
                for size in (27_182, 8, 1_828, 45_904)]
    first = messages[0]
    chunks = [first[:2], first[2:5], first[5:6], first[6:], b"".join(messages[1:])]
    response = raw_request(
        plaintext_target.server.port, grpc_request_headers("/grpc.testing.TestService/StreamingInputCall"), chunks)
    assert response.grpc_status == "0", response
    (_, message), = split_grpc_frames(response.data)
    assert m.StreamingInputCallResponse.FromString(message).aggregated_payload_size == 74_922


def test_special_status_message_is_percent_encoded(plaintext_target, stubs):
    message = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
    m = stubs.messages
    request = m.SimpleRequest(response_status=m.EchoStatus(code=2, message=message)).SerializeToString()
    response = raw_request(plaintext_target.server.port, grpc_request_headers(UNARY_CALL), grpc_frame(request))
    assert response.grpc_status == "2", response
    encoded = response.grpc_message
    assert encoded is not None, response
    assert all(0x20 <= ord(c) <= 0x7E for c in encoded), f"grpc-message must be printable ASCII: {encoded!r}"
    assert urllib.parse.unquote(encoded, encoding="utf-8", errors="strict") == message


def test_server_compressed_response_on_the_wire(plaintext_target, stubs):
    m = stubs.messages
    request = m.SimpleRequest(response_size=1_000, response_compressed=m.BoolValue(value=True)).SerializeToString()
    response = raw_request(
        plaintext_target.server.port,
        grpc_request_headers(UNARY_CALL, extra=[("grpc-accept-encoding", "gzip")]), grpc_frame(request))
    assert response.grpc_status == "0", response
    assert response.header("grpc-encoding") == "gzip", response
    (compressed, message), = split_grpc_frames(response.data)
    assert compressed, "the response message should have its compressed flag set"
    assert m.SimpleResponse.FromString(gzip.decompress(message)).payload.body == bytes(1_000)


def test_compressed_request_on_the_wire(plaintext_target, stubs):
    m = stubs.messages
    request = m.SimpleRequest(response_size=7, payload=m.Payload(body=bytes(50_000)),
                              expect_compressed=m.BoolValue(value=True)).SerializeToString()
    response = raw_request(
        plaintext_target.server.port, grpc_request_headers(UNARY_CALL, extra=[("grpc-encoding", "gzip")]),
        grpc_frame(gzip.compress(request), compressed=True))
    assert response.grpc_status == "0", response


def test_compressed_flag_without_encoding(plaintext_target, stubs):
    request = small_request(stubs).SerializeToString()
    response = raw_request(
        plaintext_target.server.port, grpc_request_headers(UNARY_CALL), grpc_frame(gzip.compress(request),
                                                                                    compressed=True))
    assert response.grpc_status in ("13", "12"), response  # INTERNAL or UNIMPLEMENTED


def test_zip_bomb_is_resource_exhausted(plaintext_target, stubs):
    m = stubs.messages
    # 6 MiB of zeros compress to a few KiB; the decompressed size counts against the 4 MiB limit.
    request = m.SimpleRequest(response_size=1, payload=m.Payload(body=bytes(6 << 20))).SerializeToString()
    bomb = gzip.compress(request)
    assert len(bomb) < 64 << 10
    response = raw_request(
        plaintext_target.server.port, grpc_request_headers(UNARY_CALL, extra=[("grpc-encoding", "gzip")]),
        grpc_frame(bomb, compressed=True))
    assert response.grpc_status == "8", response


def test_server_enforces_grpc_timeout(plaintext_target, stubs):
    """grpc-timeout alone (no client-side deadline) must end the call with DEADLINE_EXCEEDED."""
    m = stubs.messages
    request = m.StreamingOutputCallRequest(
        response_parameters=[m.ResponseParameters(size=1, interval_us=10_000_000)]).SerializeToString()
    started = time.monotonic()
    response = raw_request(
        plaintext_target.server.port,
        grpc_request_headers("/grpc.testing.TestService/StreamingOutputCall", extra=[("grpc-timeout", "200m")]),
        grpc_frame(request), timeout=8)
    elapsed = time.monotonic() - started
    assert response.grpc_status == "4", response
    assert elapsed < 3, f"DEADLINE_EXCEEDED came {elapsed:.2f} s after a 200 ms grpc-timeout"


def test_two_messages_to_a_unary_method(plaintext_target, stubs):
    request = small_request(stubs).SerializeToString()
    response = raw_request(
        plaintext_target.server.port, grpc_request_headers(UNARY_CALL), grpc_frame(request) + grpc_frame(request))
    assert response.grpc_status == "12", response


def test_early_status_is_followed_by_rst_stream_no_error(plaintext_target):
    """A server that ends a call before the client half-closed sends the trailers, then RST_STREAM(NO_ERROR)."""
    client = FrameClient(plaintext_target.server.port)
    try:
        client.send_request(1, grpc_request_headers("/grpc.testing.TestService/NoSuchMethod"), grpc_frame(b""),
                            end_stream=False)
        frames = []
        for _ in range(20):  # up to 2 s
            frames += client.read(0.1)
            if any(isinstance(f, RstStreamFrame) and f.stream_id == 1 for f in frames):
                break
    finally:
        client.close()
    on_1 = [f for f in frames if f.stream_id == 1]
    ends = [f for f in on_1 if isinstance(f, HeadersFrame) and "END_STREAM" in f.flags]
    assert ends and dict(ends[-1].headers).get("grpc-status") == "12", on_1
    resets = [f for f in on_1 if isinstance(f, RstStreamFrame)]
    assert resets, f"no RST_STREAM after the trailers: {on_1}"
    assert resets[0].error_code == 0, f"RST_STREAM with error code {resets[0].error_code}, expected NO_ERROR (0)"
    assert on_1.index(resets[0]) > on_1.index(ends[-1]), "RST_STREAM must follow the trailers"


def test_settings_are_bounded(plaintext_target):
    client = FrameClient(plaintext_target.server.port)
    try:
        frames = client.read(0.5)
    finally:
        client.close()
    settings = next((f.settings for f in frames if isinstance(f, SettingsFrame) and "ACK" not in f.flags), None)
    assert settings is not None, frames
    assert 1 <= settings.get(SettingsFrame.MAX_CONCURRENT_STREAMS, 2**31) <= 1_000, settings
    assert 8 << 10 <= settings.get(SettingsFrame.MAX_HEADER_LIST_SIZE, 2**31) <= 64 << 10, settings
