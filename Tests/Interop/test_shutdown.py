"""Graceful shutdown on SIGTERM: in-flight calls finish, new calls are refused with UNAVAILABLE, loketd exits 0."""

from __future__ import annotations

import queue
import re
import time

import grpc
import pytest
from hyperframe.frame import DataFrame, GoAwayFrame, HeadersFrame, RstStreamFrame

from interop_support import FrameClient, grpc_frame, grpc_request_headers

RESPONSES = 10
INTERVAL_US = 100_000  # 10 responses 100 ms apart: the call runs about 1 s
SHUTTING_DOWN = re.compile(r"shutting down")


def wait_until_not_ready(channel: grpc.Channel, timeout: float) -> grpc.ChannelConnectivity:
    """Waits until the channel has left READY, which grpcio does when its connection gets GOAWAY."""
    states: queue.Queue = queue.Queue()
    channel.subscribe(states.put, try_to_connect=False)
    try:
        deadline = time.monotonic() + timeout
        state = None
        while time.monotonic() < deadline:
            try:
                state = states.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if state != grpc.ChannelConnectivity.READY:
                return state
        pytest.fail(f"the channel was still {state} {timeout} s after loketd began shutting down")
    finally:
        channel.unsubscribe(states.put)


def slow_streaming_request(stubs, responses: int = RESPONSES, interval_us: int = INTERVAL_US):
    m = stubs.messages
    return m.StreamingOutputCallRequest(
        response_type=m.COMPRESSABLE,
        response_parameters=[m.ResponseParameters(size=100 + i, interval_us=interval_us) for i in range(responses)])


@pytest.mark.parametrize("transport", ["plaintext", "tls"])
def test_graceful_shutdown_lets_calls_finish(dedicated_loketd, stubs, transport):
    target = dedicated_loketd(transport, ["--set", "server.grace_period_seconds=10"])
    with target.channel() as channel:
        stub = stubs.test_grpc.TestServiceStub(channel)
        call = stub.StreamingOutputCall(slow_streaming_request(stubs), timeout=20)
        received = [next(call)]  # the call is in flight on the server
        target.server.terminate()
        signalled = time.monotonic()
        assert target.server.wait_for_log(SHUTTING_DOWN, timeout=5), (
            f"loketd logged no shutdown within 5 s of SIGTERM\n{target.server.log}")

        # New calls are refused, on this channel (once grpcio has seen the GOAWAY: a call that races it may still
        # go out on the old connection, see test_new_stream_after_goaway_is_refused) and on a new one.
        wait_until_not_ready(channel, timeout=3)
        with pytest.raises(grpc.RpcError) as same_channel:
            stub.EmptyCall(stubs.empty.Empty(), timeout=5)
        with target.channel() as other:
            with pytest.raises(grpc.RpcError) as new_channel:
                stubs.test_grpc.TestServiceStub(other).EmptyCall(stubs.empty.Empty(), timeout=5)

        # The call in flight still gets every response and OK.
        received += list(call)
        assert call.code() == grpc.StatusCode.OK, (call.code(), call.details())
        assert [len(r.payload.body) for r in received] == [100 + i for i in range(RESPONSES)]
        finished = time.monotonic()
        assert same_channel.value.code() == grpc.StatusCode.UNAVAILABLE, same_channel.value
        assert new_channel.value.code() == grpc.StatusCode.UNAVAILABLE, new_channel.value

        # With its last call done, loketd exits without waiting out the grace period, even while the client
        # keeps its channel open.
        status = target.server.wait(5)
        exited = time.monotonic()
    assert status == 0, f"loketd exit status {status} (None: still running)\n{target.server.log}"
    assert exited - finished < 3, (
        f"loketd exited {exited - finished:.1f} s after its last call ended ({exited - signalled:.1f} s after SIGTERM)")


def test_idle_server_exits_at_once(dedicated_loketd, stubs):
    """With no call in flight, SIGTERM ends loketd promptly, even with an idle client connection open."""
    target = dedicated_loketd("plaintext", ["--set", "server.grace_period_seconds=10"])
    with target.channel() as channel:
        stubs.test_grpc.TestServiceStub(channel).EmptyCall(stubs.empty.Empty(), timeout=5)
        status, elapsed = target.server.stop(timeout=8)
    assert status == 0, f"loketd exit status {status} (None: still running)\n{target.server.log}"
    assert elapsed < 3, f"an idle loketd took {elapsed:.1f} s to exit after SIGTERM"


def test_grace_period_ends_stuck_calls(dedicated_loketd, stubs):
    """A call that would outlast the grace period is ended, and loketd still exits 0 soon after the period."""
    target = dedicated_loketd("plaintext", ["--set", "server.grace_period_seconds=1"])
    m = stubs.messages
    request = m.StreamingOutputCallRequest(
        response_parameters=[m.ResponseParameters(size=1), m.ResponseParameters(size=1, interval_us=30_000_000)])
    with target.channel() as channel:
        call = stubs.test_grpc.TestServiceStub(channel).StreamingOutputCall(request, timeout=20)
        next(call)
        status, elapsed = target.server.stop(timeout=8)
        with pytest.raises(grpc.RpcError) as raised:
            list(call)
    assert status == 0, f"loketd exit status {status} (None: still running)\n{target.server.log}"
    assert elapsed < 4, f"loketd took {elapsed:.1f} s to exit with a 1 s grace period"
    assert raised.value.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED), raised.value


def test_final_goaway_refuses_new_streams(dedicated_loketd, stubs):
    """On the wire: after SIGTERM, with a call in flight, the connection gets GOAWAY(NO_ERROR), usually followed by
    a final GOAWAY naming the last stream the server serves. A stream the client opens up to 3 s later (which a
    well-behaved client would not) is refused: ignored under a final GOAWAY whose last stream id is below it,
    RST_STREAM(REFUSED_STREAM), or UNAVAILABLE. The call in flight still completes with OK."""
    target = dedicated_loketd("plaintext", ["--set", "server.grace_period_seconds=10"])
    client = FrameClient(target.server.port)
    try:
        # 40 responses 100 ms apart: the call runs about 4 s.
        client.send_request(1, grpc_request_headers("/grpc.testing.TestService/StreamingOutputCall"),
                            grpc_frame(slow_streaming_request(stubs, responses=40).SerializeToString()))
        frames = client.read(0.3)
        assert any(isinstance(f, DataFrame) and f.stream_id == 1 for f in frames), frames
        target.server.terminate()
        signalled = time.monotonic()
        goaways: list[GoAwayFrame] = []
        seen: list = []
        while time.monotonic() - signalled < 3 and not any(f.last_stream_id < 2**31 - 1 for f in goaways):
            frames = client.read(0.1)
            seen += frames
            goaways += [f for f in frames if isinstance(f, GoAwayFrame)]
        final_after = time.monotonic() - signalled
        assert goaways, f"no GOAWAY within 3 s of SIGTERM"
        assert all(f.error_code == 0 for f in goaways), goaways
        final = [f for f in goaways if f.last_stream_id < 2**31 - 1]
        if final:
            assert final[0].last_stream_id == 1, final[0]

        client.send_request(3, grpc_request_headers("/grpc.testing.TestService/EmptyCall"), grpc_frame(b""))
        frames = seen + client.read(6.0)  # until the server closes the connection
        goaways += [f for f in frames if isinstance(f, GoAwayFrame) and f not in goaways]
        on_3 = [f for f in frames if f.stream_id == 3]
        trailers_3 = [f for f in on_3 if isinstance(f, HeadersFrame) and "END_STREAM" in f.flags]
        status_3 = dict(trailers_3[-1].headers).get("grpc-status") if trailers_3 else None
        refused = (any(isinstance(f, RstStreamFrame) and f.error_code == 7 for f in on_3)  # REFUSED_STREAM
                   or status_3 == "14"
                   or (status_3 is None and final and final[0].last_stream_id < 3))
        assert refused, (
            f"stream 3, opened {final_after:.1f} s after SIGTERM, was not refused: grpc-status {status_3}, frames "
            f"{on_3}, GOAWAY last_stream_id {[f.last_stream_id for f in goaways]}")
        trailers_1 = [f for f in frames if f.stream_id == 1 and isinstance(f, HeadersFrame) and "END_STREAM" in f.flags]
        assert trailers_1 and dict(trailers_1[-1].headers).get("grpc-status") == "0", (
            f"the in-flight call did not end with OK: {[f for f in frames if f.stream_id == 1][-3:]}")
    finally:
        client.close()
    status = target.server.wait(8)
    assert status == 0, f"exit status {status}\n{target.server.log}"
