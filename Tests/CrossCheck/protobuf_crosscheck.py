#!/usr/bin/env python3
"""Cross-checks Loket's protobuf-c based encoding against Python's protobuf library.

The Swift tests call this script; it never imports Loket code. Messages are built from a FileDescriptorSet (the one
Loket embeds for server reflection), so no generated Python code is needed.

  protobuf_crosscheck.py encode  DESCRIPTORS MESSAGE JSON        -> hex of Python's encoding of the JSON value
  protobuf_crosscheck.py compare DESCRIPTORS MESSAGE JSON HEX    -> exit 0 if HEX decodes to the JSON value
"""
import json
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory


def message_class(descriptor_path, full_name):
    file_set = descriptor_pb2.FileDescriptorSet()
    with open(descriptor_path, "rb") as handle:
        file_set.ParseFromString(handle.read())
    pool = descriptor_pool.DescriptorPool()
    for file_proto in file_set.file:
        pool.Add(file_proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName(full_name))


def from_json(cls, text):
    return json_format.Parse(text, cls())


def main(argv):
    command, descriptor_path, full_name, json_text = argv[1:5]
    cls = message_class(descriptor_path, full_name)
    expected = from_json(cls, json_text)
    if command == "encode":
        print(expected.SerializeToString(deterministic=True).hex())
        return 0
    if command == "compare":
        actual = cls()
        actual.ParseFromString(bytes.fromhex(argv[5]))
        if actual == expected:
            print("equal")
            return 0
        print("Python decoded:\n%s\nexpected:\n%s" % (actual, expected))
        return 1
    print("unknown command %r" % command, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
