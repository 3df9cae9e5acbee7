"""Server reflection, v1 and v1alpha: listing services, descriptors with their imports, and a client built only
from the descriptors the server returns."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from grpc_reflection.v1alpha import reflection_pb2 as v1alpha_pb2
from grpc_reflection.v1alpha import reflection_pb2_grpc as v1alpha_grpc

CALL_TIMEOUT = 10.0
EXPECTED_SERVICES = {
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
    "grpc.testing.TestService",
}
TESTING_FILES = {"grpc/testing/test.proto", "grpc/testing/empty.proto", "grpc/testing/messages.proto"}


@pytest.fixture(params=["v1", "v1alpha"])
def reflection(request, target, stubs):
    """A function sending reflection requests (as keyword arguments of ServerReflectionRequest) on one stream and
    returning the responses, in the version under test."""
    if request.param == "v1":
        messages, services = stubs.reflection_v1, stubs.reflection_v1_grpc
    else:
        messages, services = v1alpha_pb2, v1alpha_grpc
    with target.channel() as channel:
        stub = services.ServerReflectionStub(channel)

        def ask(*requests: dict):
            call = stub.ServerReflectionInfo(
                iter([messages.ServerReflectionRequest(**fields) for fields in requests]), timeout=CALL_TIMEOUT)
            responses = list(call)
            assert call.code() == grpc.StatusCode.OK
            assert len(responses) == len(requests), "one response per request"
            return responses

        ask.channel = channel
        yield ask


def test_list_services(reflection):
    (response,) = reflection({"list_services": "*"})
    assert response.WhichOneof("message_response") == "list_services_response"
    names = [service.name for service in response.list_services_response.service]
    assert EXPECTED_SERVICES <= set(names), names
    assert len(names) == len(set(names)), f"duplicate service names: {names}"


def load_files(serialized: list[bytes]) -> tuple[descriptor_pool.DescriptorPool, list[str]]:
    """A new pool holding the given FileDescriptorProtos, added dependencies first; fails when one is missing."""
    files = {}
    for data in serialized:
        proto = descriptor_pb2.FileDescriptorProto.FromString(data)
        files[proto.name] = proto
    pool = descriptor_pool.DescriptorPool()
    added: set[str] = set()
    for _ in range(len(files)):
        ready = [name for name, proto in files.items()
                 if name not in added and all(dependency in added for dependency in proto.dependency)]
        if not ready:
            break
        for name in sorted(ready):
            pool.AddSerializedFile(files[name].SerializeToString())
            added.add(name)
    missing = {dependency for proto in files.values() for dependency in proto.dependency} - set(files)
    assert not missing, f"imports missing from the reflection response: {sorted(missing)}"
    assert added == set(files), f"files that could not be loaded: {sorted(set(files) - added)}"
    return pool, sorted(files)


def test_file_containing_symbol_builds_a_working_client(reflection):
    (response,) = reflection({"file_containing_symbol": "grpc.testing.TestService"})
    assert response.WhichOneof("message_response") == "file_descriptor_response", response
    pool, names = load_files(list(response.file_descriptor_response.file_descriptor_proto))
    assert TESTING_FILES <= set(names), names

    service = pool.FindServiceByName("grpc.testing.TestService")
    method = service.methods_by_name["UnaryCall"]
    request_class = message_factory.GetMessageClass(method.input_type)
    response_class = message_factory.GetMessageClass(method.output_type)
    assert method.input_type.full_name == "grpc.testing.SimpleRequest"

    request = request_class()
    request.response_size = 1_000
    request.payload.body = bytes(100)
    call = reflection.channel.unary_unary(
        f"/{service.full_name}/{method.name}",
        request_serializer=request_class.SerializeToString, response_deserializer=response_class.FromString)
    result = call(request, timeout=CALL_TIMEOUT)
    assert isinstance(result, response_class)
    assert result.payload.body == bytes(1_000)


def test_file_by_filename(reflection):
    (response,) = reflection({"file_by_filename": "grpc/testing/test.proto"})
    assert response.WhichOneof("message_response") == "file_descriptor_response", response
    _, names = load_files(list(response.file_descriptor_response.file_descriptor_proto))
    assert TESTING_FILES <= set(names), names


def test_unknown_symbol_is_not_found(reflection):
    responses = reflection({"file_containing_symbol": "no.such.Symbol"}, {"list_services": ""})
    assert responses[0].WhichOneof("message_response") == "error_response", responses[0]
    assert responses[0].error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0] == 5
    # The stream goes on after an error.
    assert responses[1].WhichOneof("message_response") == "list_services_response"
