"""The demo data set (issue 6, point 9): scripts/demo.py against a live loketd on a fresh database, twice.

The first run bootstraps an administrator, creates the department, the demo clerk and integration, the persons, a
marriage, a birth and a move; the second finds everything in place, adds nothing, and prints fresh keys that work.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import grpc

from conftest import loketd_binary
from host_support import create_database, database_url, generated_modules, psql
from interop_support import REPO_ROOT, Loketd

KEY_LINE = re.compile(r"^\s+clerk demo\.loket:\s+(lk_[0-9a-f]{12}_[0-9a-f]{64})$", re.MULTILINE)


def loketctl_binary() -> Path:
    path = Path(os.environ.get("LOKETCTL_BINARY", ".build/debug/loketctl"))
    return path if path.is_absolute() else REPO_ROOT / path


def counts(database: str) -> str:
    return psql(database, """COPY (SELECT (SELECT count(*) FROM civil_registry.persons) || ' '
        || (SELECT count(*) FROM civil_registry.acts WHERE status = 'registered') || ' '
        || (SELECT count(*) FROM civil_registry.residences) || ' '
        || (SELECT count(*) FROM civil_registry.feed) || ' '
        || (SELECT count(*) FROM core.principals)) TO STDOUT""").stdout.strip()


def test_demo_data_loads_and_loads_again_without_change(tmp_path):
    database = f"loket_demo_{secrets.token_hex(4)}"
    create_database(database)
    server = None
    try:
        server = Loketd(loketd_binary(), ["--database-url", database_url(database)]).start()
        environment = {key: value for key, value in os.environ.items()
                       if not key.startswith("LOKET_") and key != "DATABASE_URL"}
        environment.update(DATABASE_URL=database_url(database), LOKETCTL=str(loketctl_binary()),
                           DEMO_STATE_DIR=str(tmp_path / "state"))
        command = [sys.executable, str(REPO_ROOT / "scripts/demo.py"), "--server", f"127.0.0.1:{server.port}"]
        outputs = []
        for run in range(2):
            result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment)
            assert result.returncode == 0, result.stderr
            outputs.append(result.stdout)
            if run == 0:
                first = counts(database)
        # 5 persons and a child, a marriage and a birth, 6 first residences and a move, their feed, 3 principals.
        assert first == "6 2 7 9 3"
        assert counts(database) == first
        keys = [KEY_LINE.search(output).group(1) for output in outputs]
        assert keys[0] != keys[1]

        (tmp_path / "stubs").mkdir()
        stubs = generated_modules(tmp_path / "stubs", ["loket/civilregistry/v1/civil_registry.proto"], {
            "cr": "loket.civilregistry.v1.civil_registry_pb2",
            "cr_grpc": "loket.civilregistry.v1.civil_registry_pb2_grpc"})
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = stubs.cr_grpc.CivilRegistryStub(channel)
            person = stub.GetPerson(stubs.cr.GetPersonRequest(national_number="85.07.30-901.33"), metadata=[
                ("authorization", f"Bearer {keys[1]}"), ("x-loket-purpose", "demo")], timeout=10)
        assert (person.given_names, person.family_name) == ("Demo", "Persoon")
        assert person.civil_status == stubs.cr.CIVIL_STATUS_MARRIED
    finally:
        if server is not None:
            server.terminate()
            assert server.wait(10) == 0, server.log
        subprocess.run(["dropdb", "--if-exists", database], timeout=60)
