"""Mutual TLS: loketd with tls.client_ca_path accepts only clients with a certificate its CA signed."""

from __future__ import annotations

import grpc
import pytest

CALL_TIMEOUT = 10.0


def test_mtls_client_with_certificate_succeeds(mtls_target, stubs):
    with mtls_target.channel() as channel:
        stub = stubs.test_grpc.TestServiceStub(channel)
        assert stub.EmptyCall(stubs.empty.Empty(), timeout=CALL_TIMEOUT) == stubs.empty.Empty()
        m = stubs.messages
        response = stub.UnaryCall(m.SimpleRequest(response_size=314_159, payload=m.Payload(body=bytes(271_828))),
                                  timeout=CALL_TIMEOUT)
        assert response.payload.body == bytes(314_159)


def assert_accepts_certified_client(target, stubs):
    """The positive control of the refusal tests: a refusal only means something when good clients get in."""
    with target.channel() as channel:
        assert stubs.test_grpc.TestServiceStub(channel).EmptyCall(stubs.empty.Empty(), timeout=CALL_TIMEOUT) \
            == stubs.empty.Empty()


def test_mtls_client_without_certificate_is_refused(mtls_target, stubs):
    assert_accepts_certified_client(mtls_target, stubs)
    with mtls_target.channel(client_certificate=False) as channel:
        with pytest.raises(grpc.RpcError) as raised:
            stubs.test_grpc.TestServiceStub(channel).EmptyCall(stubs.empty.Empty(), timeout=CALL_TIMEOUT)
    assert raised.value.code() == grpc.StatusCode.UNAVAILABLE, raised.value


def test_mtls_client_with_certificate_of_another_ca_is_refused(mtls_target, stubs):
    assert_accepts_certified_client(mtls_target, stubs)
    certificate = (mtls_target.tls.stranger_certificate, mtls_target.tls.stranger_key)
    with mtls_target.channel(certificate=certificate) as channel:
        with pytest.raises(grpc.RpcError) as raised:
            stubs.test_grpc.TestServiceStub(channel).EmptyCall(stubs.empty.Empty(), timeout=CALL_TIMEOUT)
    assert raised.value.code() == grpc.StatusCode.UNAVAILABLE, raised.value
