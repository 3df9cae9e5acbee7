"""Roll generation for a municipality of 100,000 residents (issue 7): time and loketd's peak memory.

Starts loketd on a database of its own, writes RESIDENTS fictional residents straight into the civil registry's
tables (ages spread over 0-70 years, one in ten Dutch without an application), creates a municipal election and
times GenerateRoll (the first generation, then a regeneration of the open roll). Peak memory is loketd's VmHWM
over its whole life. Target: under 10 seconds for 100,000 residents.

    eval "$(scripts/postgres.sh env)"
    swift build -c release --product loketd
    LOKET_BINARY=.build/release/loketd .venv/bin/python Benchmarks/Elections/roll_generation.py
    RESIDENTS=20000 ... to try a smaller town.
"""

from __future__ import annotations

import importlib
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "Interop"))

import grpc  # noqa: E402

from host_support import Key, create_database, database_url, metadata, psql  # noqa: E402
from interop_support import Loketd  # noqa: E402

RESIDENTS = int(os.environ.get("RESIDENTS", "100000"))


def stubs(out: Path):
    protos = ["loket/admin/v1/admin.proto", "loket/elections/v1/elections.proto"]
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", f"--python_out={out}", f"--grpc_python_out={out}",
                    f"--proto_path={ROOT / 'Protos'}", *protos], check=True)
    for package in ("loket", "loket/admin", "loket/admin/v1", "loket/elections", "loket/elections/v1"):
        (out / package / "__init__.py").touch()
    sys.path.insert(0, str(out))
    return (importlib.import_module("loket.admin.v1.admin_pb2"), importlib.import_module("loket.admin.v1.admin_pb2_grpc"),
            importlib.import_module("loket.elections.v1.elections_pb2"),
            importlib.import_module("loket.elections.v1.elections_pb2_grpc"))


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    binary = Path(os.environ.get("LOKET_BINARY", ROOT / ".build/release/loketd"))
    admin_pb, admin_grpc, pb, pb_grpc = stubs(Path(tempfile.mkdtemp(prefix="elections_bench_")))
    database = f"loket_bench_elections_{secrets.token_hex(4)}"
    create_database(database)
    server = Loketd(binary, ["--database-url", database_url(database)]).start()
    try:
        psql(database, "INSERT INTO core.departments (id, name) VALUES ('bz', 'Burgerzaken'); NOTIFY loket_directory;")
        admin, clerk = Key.seed(database, "admin", "administrator", None), Key.seed(database, "clerk", "clerk", "bz")
        channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
        for plugin in ("civil-registry", "elections"):
            admin_grpc.AdminStub(channel).EnablePlugin(
                admin_pb.PluginEnablementRequest(plugin_id=plugin, department_id="bz"), metadata=metadata(admin),
                timeout=5)
        psql(database, f"""
            WITH household AS (INSERT INTO civil_registry.households DEFAULT VALUES RETURNING id),
            people AS (
                INSERT INTO civil_registry.persons (national_number, family_name, given_names, sex, birth_date,
                                                    nationality, created_by)
                SELECT '99' || lpad(g::text, 9, '0'), 'Family' || (g % 997), 'Resident' || g, 'unknown',
                       date '1957-01-01' + (g * 37 % 25567), CASE WHEN g % 10 = 0 THEN 'NL' ELSE 'BE' END, 'seed'
                FROM generate_series(1, {RESIDENTS}) AS g
                RETURNING id, national_number)
            INSERT INTO civil_registry.residences (person_id, street, house_number, postal_code, municipality,
                                                   household_id, since, recorded_by)
            SELECT p.id, 'Straat ' || (substr(p.national_number, 3)::int % 50),
                   (substr(p.national_number, 3)::int % 400 + 1)::text, '8000', 'Brugge',
                   (SELECT id FROM household), date '2020-01-01', 'seed'
            FROM people p;
            ANALYZE;""")
        stub = pb_grpc.ElectionsStub(channel)
        deadline = time.monotonic() + 5
        while True:
            try:
                election = stub.CreateElection(pb.CreateElectionRequest(
                    kind=pb.ELECTION_KIND_MUNICIPAL, name="Benchmark", municipality="Brugge",
                    election_day="2030-10-13", reference_date="2030-08-01", document_languages=["nl"]),
                    metadata=metadata(clerk), timeout=5)
                break
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.PERMISSION_DENIED or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        results = []
        for label in ("first generation", "regeneration"):
            started = time.monotonic()
            summary = stub.GenerateRoll(pb.GenerateRollRequest(election_id=election.id),
                                        metadata=metadata(clerk, "en", "benchmark"), timeout=600)
            results.append((label, time.monotonic() - started, summary))
        print(f"residents: {RESIDENTS}  binary: {binary}")
        for label, seconds, summary in results:
            print(f"{label:17} {seconds:6.2f} s   considered {summary.considered}  included {summary.included}  "
                  f"digest {summary.digest}")
        print(f"loketd peak RSS: {peak_rss_mib(server.process.pid):.1f} MiB")
        channel.close()
        return 0 if results[0][1] < 10 else 1
    finally:
        server.terminate()
        server.wait(10)
        subprocess.run(["dropdb", "--if-exists", database], timeout=60)


if __name__ == "__main__":
    sys.exit(main())
