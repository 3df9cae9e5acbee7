"""Loads Loket's demo data set into a running loketd, through its gRPC API: see scripts/demo.sh.

Everything here is fictional: "Demo Persoon" and friends, national register numbers built with valid check digits
on made-up dates and day counters. Running it again changes nothing that is already there; it issues fresh API
keys for the demo clerk and integration each time (Loket keeps only a key's hash, so an old one cannot be shown).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
DEPARTMENT = "burgerzaken"
PLUGIN = "civil-registry"
CLERK = "demo.loket"
INTEGRATION = "demo-integratie"
INTEGRATION_SCOPES = ["civil-registry.feed.read", "civil-registry.births.notify"]
PURPOSE = "demo data"


def national_number(year: int, month: int, day: int, sequence: int) -> str:
    """A number with valid check digits: 97 - (nine digits mod 97), with a 2 in front from 2000 on."""
    nine = f"{year % 100:02d}{month:02d}{day:02d}{sequence:03d}"
    base = int(("2" if year >= 2000 else "") + nine)
    return nine + f"{97 - base % 97:02d}"


# The demo persons: (number, family name, given names, nationality, address).
HOME = dict(street="Demostraat", house_number="1", postal_code="8000", municipality="Brugge")
PERSONS = [
    (national_number(1985, 7, 30, 901), "Persoon", "Demo", "BE", HOME),
    (national_number(1987, 2, 14, 902), "Persoon", "Demi", "BE", dict(HOME, house_number="3")),
    (national_number(1990, 11, 5, 903), "Personne", "Exemple", "FR", dict(HOME, house_number="5")),
    (national_number(1979, 4, 1, 905), "Person", "Beispiel", "DE", dict(HOME, house_number="7")),
    (national_number(2001, 9, 9, 907), "Person", "Sample", "BE", dict(HOME, house_number="9")),
]
NEW_HOME = dict(street="Voorbeeldlaan", house_number="12", postal_code="8200", municipality="Brugge")


def log(text: str) -> None:
    print(f"demo: {text}", file=sys.stderr)


def stubs():
    """Python stubs for the admin and civil registry protos, generated into .build/demo-python (git-ignored)."""
    out = ROOT / ".build" / "demo-python"
    out.mkdir(parents=True, exist_ok=True)
    protos = ["loket/admin/v1/admin.proto", "loket/civilregistry/v1/civil_registry.proto"]
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", f"--python_out={out}", f"--grpc_python_out={out}",
                    f"--proto_path={ROOT / 'Protos'}", *protos], check=True)
    for package in ("loket", "loket/admin", "loket/admin/v1", "loket/civilregistry", "loket/civilregistry/v1"):
        (out / package / "__init__.py").touch()
    sys.path.insert(0, str(out))
    from loket.admin.v1 import admin_pb2, admin_pb2_grpc
    from loket.civilregistry.v1 import civil_registry_pb2, civil_registry_pb2_grpc
    return admin_pb2, admin_pb2_grpc, civil_registry_pb2, civil_registry_pb2_grpc


def meta(key: str, purpose: str | None = None) -> list[tuple[str, str]]:
    result = [("authorization", f"Bearer {key}"), ("accept-language", "en")]
    if purpose:
        result.append(("x-loket-purpose", purpose))
    return result


def database_label() -> str:
    """Which database the keys belong to, for the saved administrator key's file name."""
    parts = [os.environ.get(name, "") for name in ("DATABASE_URL", "PGHOST", "PGPORT", "PGDATABASE")]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def loketctl() -> str:
    for candidate in (os.environ.get("LOKETCTL"), ROOT / ".build/release/loketctl", ROOT / ".build/debug/loketctl"):
        if candidate and Path(candidate).exists():
            return str(candidate)
    sys.exit("demo: loketctl is not built (swift build -c release --product loketctl), or set LOKETCTL")


def administrator_key(grpc, admin, admin_grpc, channel) -> str:
    """$LOKET_API_KEY, else the key this script saved for this database, else a new `loketctl bootstrap`."""
    stub = admin_grpc.AdminStub(channel)

    def works(key: str) -> bool:
        try:
            stub.ListDepartments(admin.ListDepartmentsRequest(), metadata=meta(key), timeout=10)
            return True
        except grpc.RpcError as error:
            if error.code() in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED):
                return False
            raise

    if os.environ.get("LOKET_API_KEY"):
        return os.environ["LOKET_API_KEY"]
    folder = Path(os.environ.get("DEMO_STATE_DIR", ROOT / ".data" / "demo"))
    saved = folder / f"admin-{database_label()}.key"
    if saved.exists() and works(saved.read_text().strip()):
        return saved.read_text().strip()
    result = subprocess.run([loketctl(), "bootstrap", "--name", "demo-admin", "--json"], capture_output=True,
                            text=True)
    if result.returncode != 0:
        sys.exit("demo: this database has an administrator already; set LOKET_API_KEY to an administrator's key "
                 f"and run again ({result.stderr.strip()})")
    key = json.loads(result.stdout)["api_key"]
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.touch(mode=0o600)
    saved.write_text(key + "\n")
    log(f"bootstrapped the administrator demo-admin; its key is saved in {saved}")
    # Running loketds pick the new key up through a notification: wait for it.
    deadline = time.monotonic() + 10
    while not works(key):
        if time.monotonic() > deadline:
            sys.exit("demo: loketd does not accept the new administrator key")
        time.sleep(0.1)
    return key


def ignore_exists(grpc, call):
    try:
        return call()
    except grpc.RpcError as error:
        if error.code() != grpc.StatusCode.ALREADY_EXISTS:
            raise
        return None


def principal(grpc, admin, stub, key, name, role, scopes=()):
    found = [p for p in stub.ListPrincipals(admin.ListPrincipalsRequest(), metadata=meta(key), timeout=10).principals
             if p.name == name]
    if found:
        return found[0]
    return stub.CreatePrincipal(admin.CreatePrincipalRequest(
        name=name, role=role, department_id=DEPARTMENT, scopes=list(scopes)), metadata=meta(key), timeout=10)


def wait_until_enabled(grpc, cr, stub, key) -> None:
    """Enablement and new keys reach loketd's directory through NOTIFY: wait for them."""
    deadline = time.monotonic() + 10
    while True:
        try:
            stub.ValidateNationalNumber(cr.ValidateNationalNumberRequest(national_number=PERSONS[0][0]),
                                        metadata=meta(key), timeout=10)
            return
        except grpc.RpcError as error:
            if error.code() not in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAUTHENTICATED) \
                    or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.environ.get("LOKET_SERVER", "127.0.0.1:50051"),
                        help="loketd's address (default $LOKET_SERVER, else 127.0.0.1:50051)")
    parser.add_argument("--wait", type=float, default=60, help="seconds to wait for loketd to answer")
    arguments = parser.parse_args()

    import grpc
    admin, admin_grpc, cr, cr_grpc = stubs()
    channel = grpc.insecure_channel(arguments.server)
    try:
        grpc.channel_ready_future(channel).result(timeout=arguments.wait)
    except grpc.FutureTimeoutError:
        sys.exit(f"demo: loketd does not answer on {arguments.server}; start it first (scripts/run.sh)")

    admin_key = administrator_key(grpc, admin, admin_grpc, channel)
    admin_stub = admin_grpc.AdminStub(channel)
    ignore_exists(grpc, lambda: admin_stub.CreateDepartment(admin.CreateDepartmentRequest(
        id=DEPARTMENT, name="Burgerzaken (demo)"), metadata=meta(admin_key), timeout=10))
    admin_stub.EnablePlugin(admin.PluginEnablementRequest(plugin_id=PLUGIN, department_id=DEPARTMENT),
                            metadata=meta(admin_key), timeout=10)
    clerk = principal(grpc, admin, admin_stub, admin_key, CLERK, admin.ROLE_CLERK)
    integration = principal(grpc, admin, admin_stub, admin_key, INTEGRATION, admin.ROLE_INTEGRATION,
                            INTEGRATION_SCOPES)
    clerk_key = admin_stub.IssueApiKey(admin.IssueApiKeyRequest(principal_id=clerk.id), metadata=meta(admin_key),
                                       timeout=10).api_key
    integration_key = admin_stub.IssueApiKey(admin.IssueApiKeyRequest(principal_id=integration.id),
                                             metadata=meta(admin_key), timeout=10).api_key

    stub = cr_grpc.CivilRegistryStub(channel)
    wait_until_enabled(grpc, cr, stub, clerk_key)
    clerk_meta = meta(clerk_key, PURPOSE)

    persons = []
    for number, family, given, nationality, address in PERSONS:
        created = ignore_exists(grpc, lambda: stub.CreatePerson(cr.CreatePersonRequest(
            national_number=number, family_name=family, given_names=given, nationality=nationality,
            address=cr.Address(**address)), metadata=clerk_meta, timeout=10))
        persons.append(created or stub.GetPerson(cr.GetPersonRequest(national_number=number), metadata=clerk_meta,
                                                 timeout=10))
    demo, demi, exemple = persons[0], persons[1], persons[2]

    # A marriage, registered (once: the act is skipped when Demo is married already).
    if demo.civil_status != cr.CIVIL_STATUS_MARRIED:
        act = stub.CreateAct(cr.CreateActRequest(type=cr.ACT_TYPE_MARRIAGE, data=cr.ActData(
            person_id=demo.id, partner_id=demi.id, event_date="2024-05-18", place="Brugge")),
            metadata=clerk_meta, timeout=10)
        for action in (cr.ACT_ACTION_DECLARED, cr.ACT_ACTION_VALIDATED, cr.ACT_ACTION_REGISTERED):
            stub.RecordAction(cr.RecordActionRequest(act_id=act.id, action=action), metadata=clerk_meta, timeout=10)
        log(f"registered the marriage act {act.id}")

    # A hospital's birth notification (idempotent on its id), completed into a registered birth act.
    receipt = stub.NotifyBirth(cr.NotifyBirthRequest(
        notification_id="DEMO-GEBOORTE-0001", child_family_name="Persoon", child_given_names="Baby",
        child_sex=cr.SEX_FEMALE, birth_date="2025-03-02", place="Demo Ziekenhuis Brugge",
        mother_national_number=demi.national_number), metadata=meta(integration_key, "eBirth notification"),
        timeout=10)
    birth = stub.GetAct(cr.GetActRequest(id=receipt.act_id), metadata=clerk_meta, timeout=10)
    steps = {cr.ACT_STATUS_DRAFT: [cr.ACT_ACTION_DECLARED, cr.ACT_ACTION_VALIDATED, cr.ACT_ACTION_REGISTERED],
             cr.ACT_STATUS_DECLARED: [cr.ACT_ACTION_VALIDATED, cr.ACT_ACTION_REGISTERED],
             cr.ACT_STATUS_VALIDATED: [cr.ACT_ACTION_REGISTERED]}.get(birth.status, [])
    for action in steps:
        data = cr.ActData(father_id=demo.id) if action == cr.ACT_ACTION_DECLARED else None
        birth = stub.RecordAction(cr.RecordActionRequest(act_id=birth.id, action=action, data=data),
                                  metadata=clerk_meta, timeout=10)
    if steps:
        log(f"registered the birth act {birth.id}")

    # A move (once: skipped when Exemple lives at the new address already). The persons' first residence began
    # the day they were loaded, so the move is dated tomorrow - by Belgium's calendar, the server's, which is already
    # on the next day in the last hour or two before midnight UTC.
    if exemple.address.street != NEW_HOME["street"]:
        belgian_today = datetime.datetime.now(ZoneInfo("Europe/Brussels")).date()
        tomorrow = (belgian_today + datetime.timedelta(days=1)).isoformat()
        stub.RecordMove(cr.RecordMoveRequest(person_id=exemple.id, address=cr.Address(**NEW_HOME),
                                             since=tomorrow), metadata=clerk_meta, timeout=10)
        log("recorded a move")

    print(f"""
Demo data loaded into loketd at {arguments.server} (department {DEPARTMENT}, plugin {PLUGIN} enabled).

  clerk {CLERK}:            {clerk_key}
  integration {INTEGRATION}: {integration_key}
      (scopes: {", ".join(INTEGRATION_SCOPES)})

Persons (fictional, valid check digits):""")
    for person in persons:
        print(f"  {person.national_number}  {person.given_names} {person.family_name}  id {person.id}")
    print(f"""  birth act {birth.id}: {birth.data.child_given_names} {birth.data.child_family_name}, child id \
{birth.registered_person_id}

Try it (examples in the README, "Demo data"):
  export DEMO_CLERK_KEY={clerk_key}
  export DEMO_INTEGRATION_KEY={integration_key}
""")


if __name__ == "__main__":
    main()
