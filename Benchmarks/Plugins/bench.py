#!/usr/bin/env python3
"""Helper of Benchmarks/Plugins/run.sh (needs grpcio, grpcio-tools and protobuf: the project's .venv).

  bench.py stubs OUT                      generate the Python protobuf/gRPC classes of the benchmarked protos
  bench.py body STUBS KIND OUT [ARG]      write a gRPC-framed request body (5-byte prefix + message) for h2load;
                                          KIND: get-person NN | register-item | search QUERY | submit-case | analyze
  bench.py call STUBS PORT METHOD BODY KEY [PURPOSE]
                                          one call with grpcio, the body's message sent as is; prints the status
                                          and a summary of the answer; exit 1 unless the status is OK
  bench.py enable STUBS PORT KEY DEPARTMENT PLUGIN...
                                          loket.admin.v1.Admin/EnablePlugin for each plugin
  bench.py intake STUBS PORT KEY PURPOSE CLIENTS STREAMS WARMUP DURATION
                                          SubmitCase load: CLIENTS connections with STREAMS calls in flight each,
                                          every request with a client key of its own; prints shell assignments
  bench.py analyze STUBS PORT KEY CALLS   Analyze over every case, CALLS times one after another; prints shell
                                          assignments (median/min/max seconds, cases covered)
  bench.py latency LOGFILE                p50/p99 (and count) from h2load --log-file; prints shell assignments

Every `KEY` is an API key `lk_<id>_<secret>`; every call carries `authorization: Bearer KEY` and, where personal
data is read or written, `x-loket-purpose`.
"""

from __future__ import annotations

import asyncio
import importlib
import resource
import statistics
import struct
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROTOS = [
    "loket/admin/v1/admin.proto",
    "loket/civilregistry/v1/civil_registry.proto",
    "loket/feedback/v1/complaints.proto",
    "loket/correspondence/v1/correspondence.proto",
]
MODULES = {
    "admin": "loket.admin.v1.admin_pb2",
    "civil": "loket.civilregistry.v1.civil_registry_pb2",
    "feedback": "loket.feedback.v1.complaints_pb2",
    "correspondence": "loket.correspondence.v1.correspondence_pb2",
}
METHODS = {
    "get-person": ("/loket.civilregistry.v1.CivilRegistry/GetPerson", "civil", "Person"),
    "submit-case": ("/loket.feedback.v1.Complaints/SubmitCase", "feedback", "SubmitCaseResponse"),
    "analyze": ("/loket.feedback.v1.Complaints/Analyze", "feedback", "AnalyzeResponse"),
    "register-item": ("/loket.correspondence.v1.Correspondence/RegisterItem", "correspondence", "Item"),
    "search": ("/loket.correspondence.v1.Correspondence/Search", "correspondence", "SearchResponse"),
}


def die(message: str) -> None:
    print(f"bench.py: {message}", file=sys.stderr)
    sys.exit(1)


def generate(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "grpc_tools.protoc", f"--python_out={out}", f"--proto_path={ROOT / 'Protos'}",
               *PROTOS]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        die(f"protoc failed: {result.stderr}")
    for proto in PROTOS:
        parts = proto.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            (out / "/".join(parts[:depth]) / "__init__.py").touch()


def load(stubs: str):
    sys.path.insert(0, stubs)
    return {key: importlib.import_module(name) for key, name in MODULES.items()}


def frame(message: bytes) -> bytes:
    return struct.pack(">BI", 0, len(message)) + message


def metadata(key: str, purpose: str | None) -> list[tuple[str, str]]:
    result = [("authorization", f"Bearer {key}"), ("accept-language", "en")]
    if purpose:
        result.append(("x-loket-purpose", purpose))
    return result


# The requests. Names, addresses and texts are fictional.
def submit_case(m, client_key: str):
    return m["feedback"].SubmitCaseRequest(
        client_key=client_key, kind="complaint", channel="web", main_category="waste", sub_category="missed-collection",
        text="De groene container in de Molendreef is vandaag niet geleegd.", language="nl",
        contact=m["feedback"].Contact(name="Lore Dessaing", email="lore.dessaing@example.invalid"))


def register_item(m):
    c = m["correspondence"]
    return c.RegisterItemRequest(
        direction=c.DIRECTION_INCOMING, channel=c.CHANNEL_LETTER, language="nl",
        subject="Aanvraag parkeervergunning bewoners Molendreef", tags=["parkeren"],
        contacts=[c.Contact(name="Wout Brouwaert", email="wout.brouwaert@example.invalid",
                            postal_address="Molendreef 12, 9999 Loketstad")])


def request_for(m, kind: str, arg: str | None):
    if kind == "get-person":
        return m["civil"].GetPersonRequest(national_number=arg)
    if kind == "submit-case":
        return submit_case(m, arg or f"bench-{uuid.uuid4()}")
    if kind == "analyze":
        return m["feedback"].AnalyzeRequest()
    if kind == "register-item":
        return register_item(m)
    if kind == "search":
        return m["correspondence"].SearchRequest(query=arg, page_size=20)
    die(f"unknown request kind {kind}")


def summary(m, kind: str, response) -> str:
    if kind == "get-person":
        return f"person {response.national_number} {response.given_names} {response.family_name} {response.birth_date}"
    if kind == "submit-case":
        return f"case {response.case.id} duplicate={response.duplicate} department={response.case.department_id}"
    if kind == "analyze":
        return (f"cases={response.total.cases} counter_visit_invitations={response.counter_visits.invitations} "
                f"months={len(response.months)} categories={len(response.categories)}")
    if kind == "register-item":
        return f"item {response.reference} due {response.due_on}"
    if kind == "search":
        # A count that stops at the ranking limit is a lower bound: "1000+" (the order then is newest first).
        total = f"{response.total}{'+' if response.total_is_lower_bound else ''}"
        order = m["correspondence"].SearchOrder.Name(response.order)
        return (f"total={total} order={order} hits={len(response.hits)} "
                f"first={response.hits[0].item.reference if response.hits else '-'}")
    return ""


def body(stubs: str, kind: str, out: str, arg: str | None) -> None:
    m = load(stubs)
    Path(out).write_bytes(frame(request_for(m, kind, arg).SerializeToString()))


def call(stubs: str, port: str, kind: str, body_path: str, key: str, purpose: str | None) -> None:
    import grpc
    m = load(stubs)
    method, module, response_type = METHODS[kind]
    data = Path(body_path).read_bytes()
    flag, length = struct.unpack(">BI", data[:5])
    if flag != 0 or length != len(data) - 5:
        die(f"{body_path} is not one uncompressed gRPC message")
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = channel.unary_unary(method)  # raw bytes out: exactly h2load's message
        try:
            raw, info = stub.with_call(data[5:], metadata=metadata(key, purpose), timeout=600)
        except grpc.RpcError as error:
            print(f"status={error.code().name} message={error.details()!r}")
            sys.exit(1)
    response = getattr(m[module], response_type).FromString(raw)
    print(f"status={info.code().name} {summary(m, kind, response)}")


def enable(stubs: str, port: str, key: str, department: str, plugins: list[str]) -> None:
    import grpc
    m = load(stubs)
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = channel.unary_unary("/loket.admin.v1.Admin/EnablePlugin",
                                   request_serializer=m["admin"].PluginEnablementRequest.SerializeToString,
                                   response_deserializer=m["admin"].PluginStatus.FromString)
        for plugin in plugins:
            request = m["admin"].PluginEnablementRequest(plugin_id=plugin, department_id=department)
            stub(request, metadata=metadata(key, None), timeout=30)


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    if not sorted_values:
        return 0.0
    rank = max(1, int(-(-share * len(sorted_values) // 1)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def shell(values: dict) -> None:
    for name, value in values.items():
        print(f"{name}={value:.3f}" if isinstance(value, float) else f"{name}={value}")


def intake(stubs: str, port: str, key: str, purpose: str, clients: int, streams: int, warmup: float,
           duration: float) -> None:
    """SubmitCase with grpc.aio: `clients` channels (each its own HTTP/2 connection), `streams` calls in flight on
    each. Each request has a client key of its own, so each creates a case."""
    import grpc
    m = load(stubs)
    run = uuid.uuid4().hex[:8]
    md = metadata(key, purpose)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    state = {"measuring": False, "stop": False, "counter": 0}

    async def worker(stub) -> None:
        while not state["stop"]:
            state["counter"] += 1
            request = submit_case(m, f"bench-{run}-{state['counter']}")
            measuring = state["measuring"]
            started = time.perf_counter()
            try:
                response = await stub(request, metadata=md, timeout=60)
                code = "OK" if not response.duplicate else "DUPLICATE"
            except grpc.aio.AioRpcError as error:
                code = error.code().name
            elapsed = time.perf_counter() - started
            if measuring and state["measuring"]:
                if code == "OK":
                    latencies.append(elapsed)
                else:
                    errors[code] = errors.get(code, 0) + 1

    async def main() -> tuple[float, float]:
        channels = [grpc.aio.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.use_local_subchannel_pool", 1)])
                    for _ in range(clients)]
        stubs_ = [channel.unary_unary("/loket.feedback.v1.Complaints/SubmitCase",
                                      request_serializer=m["feedback"].SubmitCaseRequest.SerializeToString,
                                      response_deserializer=m["feedback"].SubmitCaseResponse.FromString)
                  for channel in channels]
        for channel in channels:
            await channel.channel_ready()
        tasks = [asyncio.create_task(worker(stub)) for stub in stubs_ for _ in range(streams)]
        await asyncio.sleep(warmup)
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        state["measuring"] = True
        await asyncio.sleep(duration)
        state["measuring"] = False
        elapsed = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        state["stop"] = True
        await asyncio.gather(*tasks)
        for channel in channels:
            await channel.close()
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
        return elapsed, cpu

    elapsed, cpu = asyncio.run(main())
    latencies.sort()
    done = len(latencies) + sum(errors.values())
    shell({
        "IN_DONE": done, "IN_OK": len(latencies), "IN_ERRORS": sum(errors.values()),
        "IN_ERROR_CODES": "'" + (",".join(f"{k}:{v}" for k, v in sorted(errors.items())) or "-") + "'",
        "IN_RPS": len(latencies) / elapsed if elapsed else 0.0,
        "IN_MEAN_MS": 1000 * statistics.fmean(latencies) if latencies else 0.0,
        "IN_P50_MS": 1000 * percentile(latencies, 0.50), "IN_P99_MS": 1000 * percentile(latencies, 0.99),
        "IN_MAX_MS": 1000 * latencies[-1] if latencies else 0.0,
        "IN_CLIENT_CPU_US": 1e6 * cpu / done if done else 0.0,
    })


def analyze(stubs: str, port: str, key: str, calls: int) -> None:
    import grpc
    m = load(stubs)
    times: list[float] = []
    cases = -1
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = channel.unary_unary("/loket.feedback.v1.Complaints/Analyze",
                                   request_serializer=m["feedback"].AnalyzeRequest.SerializeToString,
                                   response_deserializer=m["feedback"].AnalyzeResponse.FromString)
        for _ in range(calls):
            started = time.perf_counter()
            response = stub(m["feedback"].AnalyzeRequest(), metadata=metadata(key, None), timeout=1800)
            times.append(time.perf_counter() - started)
            cases, visits = response.total.cases, response.counter_visits.invitations
            months, categories = len(response.months), len(response.categories)
    shell({"AN_MEDIAN_S": statistics.median(times), "AN_MIN_S": min(times), "AN_MAX_S": max(times),
           "AN_CALLS": calls, "AN_CASES": cases, "AN_VISITS": visits, "AN_MONTHS": months,
           "AN_CATEGORIES": categories})


def latency(path: str) -> None:
    """h2load --log-file: one line per request, `start (us since epoch) TAB HTTP status TAB duration (us)`."""
    values = []
    for line in open(path, encoding="utf-8", errors="replace"):
        fields = line.split("\t")
        if len(fields) >= 3:
            values.append(float(fields[2]) / 1000)
    values.sort()
    shell({"LAT_COUNT": len(values), "LAT_P50_MS": percentile(values, 0.50), "LAT_P99_MS": percentile(values, 0.99)})


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        die(__doc__)
    command, args = argv[1], argv[2:]
    if command == "stubs":
        generate(Path(args[0]))
    elif command == "body":
        body(args[0], args[1], args[2], args[3] if len(args) > 3 else None)
    elif command == "call":
        call(args[0], args[1], args[2], args[3], args[4], args[5] if len(args) > 5 else None)
    elif command == "enable":
        enable(args[0], args[1], args[2], args[3], args[4:])
    elif command == "intake":
        intake(args[0], args[1], args[2], args[3], int(args[4]), int(args[5]), float(args[6]), float(args[7]))
    elif command == "analyze":
        analyze(args[0], args[1], args[2], int(args[3]))
    elif command == "latency":
        latency(args[0])
    else:
        die(f"unknown command {command}\n{__doc__}")


if __name__ == "__main__":
    main(sys.argv)
