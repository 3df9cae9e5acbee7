"""The civil registry plugin end to end (issue 6): a real loketd on a database of its own, the real grpcio client.

National numbers are validated in the caller's language; persons are created, read and searched with audit rows;
acts follow their chain (an invalid transition is refused and changes nothing); hospitals' birth notifications are
idempotent; an integration without the scope, a call without purpose and a department without the plugin are
refused.
"""

from __future__ import annotations

import importlib
import secrets
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import grpc
import pytest

from conftest import loketd_binary
from host_support import Key, create_database, database_url, metadata, psql
from interop_support import REPO_ROOT, Loketd

PROTOS = REPO_ROOT / "Protos"
PLUGIN = "civil-registry"


@pytest.fixture(scope="module")
def stubs(tmp_path_factory) -> SimpleNamespace:
    out = tmp_path_factory.mktemp("civil_stubs")
    command = [sys.executable, "-m", "grpc_tools.protoc", f"--python_out={out}", f"--grpc_python_out={out}",
               f"--proto_path={PROTOS}", "loket/admin/v1/admin.proto", "loket/civilregistry/v1/civil_registry.proto"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for package in ("loket", "loket/admin", "loket/admin/v1", "loket/civilregistry", "loket/civilregistry/v1"):
        (out / package / "__init__.py").touch()
    forget_loket_modules()
    sys.path.insert(0, str(out))
    module = importlib.import_module
    try:
        return SimpleNamespace(
            admin=module("loket.admin.v1.admin_pb2"), admin_grpc=module("loket.admin.v1.admin_pb2_grpc"),
            cr=module("loket.civilregistry.v1.civil_registry_pb2"),
            cr_grpc=module("loket.civilregistry.v1.civil_registry_pb2_grpc"))
    finally:
        sys.path.remove(str(out))
        forget_loket_modules()


def forget_loket_modules() -> None:
    """Each test module generates its own `loket` package with the protos it needs: drop any cached one."""
    for name in [name for name in sys.modules if name == "loket" or name.startswith("loket.")]:
        del sys.modules[name]


@pytest.fixture(scope="module")
def env(stubs) -> SimpleNamespace:
    database = f"loket_civil_{secrets.token_hex(4)}"
    create_database(database)
    server = None
    try:
        server = Loketd(loketd_binary(), ["--database-url", database_url(database),
                                          "--set", "server.grace_period_seconds=2"]).start()
        psql(database, """
            INSERT INTO core.departments (id, name) VALUES ('burgerzaken', 'Burgerzaken'), ('financien', 'Financiën');
            NOTIFY loket_directory;""")
        keys = SimpleNamespace(
            admin=Key.seed(database, "admin", "administrator", None),
            clerk=Key.seed(database, "an.peeters", "clerk", "burgerzaken"),
            other_clerk=Key.seed(database, "jan.janssens", "clerk", "financien"),
            hospital=Key.seed(database, "az-sint-jan", "integration", "burgerzaken", ["civil-registry.births.notify"]),
            kiosk=Key.seed(database, "kiosk-1", "integration", "burgerzaken", ["example.visits.write"]),
        )
        channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
        admin = stubs.admin_grpc.AdminStub(channel)
        admin.EnablePlugin(stubs.admin.PluginEnablementRequest(plugin_id=PLUGIN, department_id="burgerzaken"),
                           metadata=metadata(keys.admin), timeout=5)
        stub = stubs.cr_grpc.CivilRegistryStub(channel)
        wait_until_enabled(stub, stubs.cr, keys.clerk)
        yield SimpleNamespace(database=database, keys=keys, server=server, channel=channel, stub=stub, pb=stubs.cr)
        channel.close()
    finally:
        if server is not None:
            server.terminate()
            assert server.wait(10) == 0, server.log
        subprocess.run(["dropdb", "--if-exists", database], timeout=60)


def wait_until_enabled(stub, pb, key, timeout: float = 5.0) -> None:
    """The enablement reaches the server's directory through NOTIFY: wait for it."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            stub.ValidateNationalNumber(pb.ValidateNationalNumberRequest(national_number="85073003328"),
                                        metadata=metadata(key), timeout=5)
            return
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.PERMISSION_DENIED or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def rpc_error(call) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call()
    return raised.value


def clerk(env, language="en", purpose="civil status file"):
    return metadata(env.keys.clerk, language=language, purpose=purpose)


def audit_rows(env, subject: str) -> list[str]:
    result = psql(env.database, f"""
        COPY (SELECT action || ' ' || principal_name || ' ' || coalesce(purpose, '') || ' '
                     || array_to_string(information, ',') || ' ' || outcome
              FROM core.audit_log WHERE subjects @> ARRAY['{subject}'] ORDER BY id) TO STDOUT""")
    return [line for line in result.stdout.splitlines() if line]


def scalar(env, sql: str) -> str:
    return psql(env.database, f"COPY ({sql}) TO STDOUT").stdout.strip()


def create_person(env, number, family, given, **fields):
    request = env.pb.CreatePersonRequest(national_number=number, family_name=family, given_names=given, **fields)
    return env.stub.CreatePerson(request, metadata=clerk(env), timeout=5)


def test_national_number_validation_in_the_callers_language(env):
    pb = env.pb
    info = env.stub.ValidateNationalNumber(pb.ValidateNationalNumberRequest(national_number="85.07.30-033.28"),
                                           metadata=metadata(env.keys.clerk), timeout=5)
    assert (info.national_number, info.formatted, info.birth_date, info.sex, info.kind) == (
        "85073003328", "85.07.30-033.28", "1985-07-30", pb.SEX_MALE, pb.NUMBER_KIND_REGISTER)
    info = env.stub.ValidateNationalNumber(pb.ValidateNationalNumberRequest(national_number="17010100171"),
                                           metadata=metadata(env.keys.clerk), timeout=5)
    assert info.born_from_2000 and info.birth_date == "2017-01-01"
    bis = env.stub.ValidateNationalNumber(pb.ValidateNationalNumberRequest(national_number="85273003371"),
                                          metadata=metadata(env.keys.clerk), timeout=5)
    assert bis.kind == pb.NUMBER_KIND_BIS and bis.sex == pb.SEX_UNKNOWN
    expected = {"nl": "controlecijfers", "fr": "chiffres de contrôle", "de": "Prüfziffern", "en": "check digits"}
    for language, words in expected.items():
        error = rpc_error(lambda: env.stub.ValidateNationalNumber(
            pb.ValidateNationalNumberRequest(national_number="85073003329"),
            metadata=metadata(env.keys.clerk, language=language), timeout=5))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert words in error.details(), error.details()
    error = rpc_error(lambda: env.stub.ValidateNationalNumber(
        pb.ValidateNationalNumberRequest(national_number="8507300332"), metadata=metadata(env.keys.clerk), timeout=5))
    assert error.details() == "Een rijksregisternummer telt 11 cijfers, niet 10."  # Dutch by default


def test_create_get_and_search_persons_are_audited(env):
    pb = env.pb
    address = pb.Address(street="Grote Markt", house_number="1", postal_code="8000", municipality="Brugge")
    person = create_person(env, "85073003328", "Çelik", "Émile Jan", nationality="be", address=address)
    assert person.sex == pb.SEX_MALE and person.birth_date == "1985-07-30" and person.nationality == "BE"
    assert person.civil_status == pb.CIVIL_STATUS_SINGLE and person.address.country == "BE"
    # The same number twice is refused, in the caller's language.
    error = rpc_error(lambda: create_person(env, "85073003328", "Other", "Name"))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS and "85.07.30-033.28" in error.details()
    # A birth date or sex that contradicts the number is refused before any database work.
    error = rpc_error(lambda: create_person(env, "00010100204", "Wouters", "Els", birth_date="2000-01-02"))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "birth date" in error.details()
    error = rpc_error(lambda: create_person(env, "00010100204", "Wouters", "Els", sex=pb.SEX_MALE))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "sex" in error.details()
    create_person(env, "00010100204", "Wouters", "Els")

    by_number = env.stub.GetPerson(pb.GetPersonRequest(national_number="85.07.30-033.28"), metadata=clerk(env),
                                   timeout=5)
    by_id = env.stub.GetPerson(pb.GetPersonRequest(id=person.id), metadata=clerk(env), timeout=5)
    assert by_number == by_id == person
    error = rpc_error(lambda: env.stub.GetPerson(pb.GetPersonRequest(national_number="99123199742"),
                                                 metadata=clerk(env, "fr"), timeout=5))
    assert error.code() == grpc.StatusCode.NOT_FOUND and "n'existe pas" in error.details()

    # Accents and case are folded both ways.
    for prefix in ("cel", "CEL", "Çe"):
        found = env.stub.SearchPersons(pb.SearchPersonsRequest(family_name_prefix=prefix), metadata=clerk(env),
                                       timeout=5)
        assert [p.id for p in found.persons] == [person.id], prefix
    found = env.stub.SearchPersons(pb.SearchPersonsRequest(given_names_prefix="emi", birth_date="1985-07-30"),
                                   metadata=clerk(env), timeout=5)
    assert [p.id for p in found.persons] == [person.id]
    found = env.stub.SearchPersons(pb.SearchPersonsRequest(postal_code="8000", street="grote markt"),
                                   metadata=clerk(env), timeout=5)
    assert [p.id for p in found.persons] == [person.id]
    # A LIKE wildcard in the input is taken literally.
    found = env.stub.SearchPersons(pb.SearchPersonsRequest(family_name_prefix="%e"), metadata=clerk(env), timeout=5)
    assert list(found.persons) == []
    error = rpc_error(lambda: env.stub.SearchPersons(pb.SearchPersonsRequest(family_name_prefix="c"),
                                                     metadata=clerk(env, "de"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "Suchen Sie" in error.details()

    fields = "national_number,name,sex,birth_date,birth_place,nationality,address,civil_status,legal_cohabitation," \
             "parentage,death,register_type,household,duplicates"
    rows = audit_rows(env, "person:85073003328")
    assert rows[0] == f"create an.peeters civil status file {fields} ok"
    assert rows[1:] == [f"read an.peeters civil status file {fields} ok"] * 7
    methods = scalar(env, "SELECT string_agg(DISTINCT method, ',' ORDER BY method) FROM core.audit_log "
                          "WHERE subjects @> ARRAY['person:85073003328']")
    assert methods == ("/loket.civilregistry.v1.CivilRegistry/CreatePerson,"
                       "/loket.civilregistry.v1.CivilRegistry/GetPerson,"
                       "/loket.civilregistry.v1.CivilRegistry/SearchPersons")


def test_reads_without_purpose_and_other_departments_are_refused(env):
    pb = env.pb
    error = rpc_error(lambda: env.stub.GetPerson(pb.GetPersonRequest(national_number="85073003328"),
                                                 metadata=metadata(env.keys.clerk), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "x-loket-purpose" in error.details()
    error = rpc_error(lambda: env.stub.GetPerson(
        pb.GetPersonRequest(national_number="85073003328"),
        metadata=metadata(env.keys.other_clerk, language="en", purpose="curiosity"), timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED


def test_act_workflow_registration_updates_persons_and_invalid_transition_changes_nothing(env):
    pb = env.pb
    groom = create_person(env, "90020199704", "Janssens", "Pieter")
    bride = create_person(env, "92101500295", "Maes", "Lotte")
    data = pb.ActData(person_id=groom.id, partner_id=bride.id, event_date="2026-06-20", place="Brugge")
    act = env.stub.CreateAct(pb.CreateActRequest(type=pb.ACT_TYPE_MARRIAGE, data=data), metadata=clerk(env),
                             timeout=5)
    assert act.status == pb.ACT_STATUS_DRAFT and [a.action for a in act.actions] == [pb.ACT_ACTION_CREATED]

    def record(action, language="en", reason="", **kw):
        return env.stub.RecordAction(pb.RecordActionRequest(act_id=act.id, action=action, reason=reason, **kw),
                                     metadata=clerk(env, language), timeout=5)

    before = scalar(env, f"SELECT count(*) FROM civil_registry.act_actions WHERE act_id = '{act.id}'")
    error = rpc_error(lambda: record(pb.ACT_ACTION_REGISTERED))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error.details() == '"registered" cannot follow on an act with status "draft". Allowed: declared, rejected.'
    error = rpc_error(lambda: record(pb.ACT_ACTION_REGISTERED, language="nl"))
    assert "Toegestaan: aangegeven, geweigerd." in error.details()
    error = rpc_error(lambda: record(pb.ACT_ACTION_REGISTERED, language="fr"))
    assert "Autorisé : déclaré, refusé." in error.details()
    assert scalar(env, f"SELECT count(*) FROM civil_registry.act_actions WHERE act_id = '{act.id}'") == before
    assert scalar(env, f"SELECT status FROM civil_registry.acts WHERE id = '{act.id}'") == "draft"

    record(pb.ACT_ACTION_DECLARED)
    record(pb.ACT_ACTION_VALIDATED)
    # Not yet registered: nobody is married.
    assert env.stub.GetPerson(pb.GetPersonRequest(id=groom.id), metadata=clerk(env), timeout=5).civil_status == \
        pb.CIVIL_STATUS_SINGLE
    registered = record(pb.ACT_ACTION_REGISTERED)
    assert registered.status == pb.ACT_STATUS_REGISTERED
    assert [a.action for a in registered.actions] == [pb.ACT_ACTION_CREATED, pb.ACT_ACTION_DECLARED,
                                                      pb.ACT_ACTION_VALIDATED, pb.ACT_ACTION_REGISTERED]
    assert all(a.principal == "an.peeters" and a.department_id == "burgerzaken" for a in registered.actions)
    groom_now = env.stub.GetPerson(pb.GetPersonRequest(id=groom.id), metadata=clerk(env), timeout=5)
    bride_now = env.stub.GetPerson(pb.GetPersonRequest(id=bride.id), metadata=clerk(env), timeout=5)
    assert groom_now.civil_status == bride_now.civil_status == pb.CIVIL_STATUS_MARRIED
    assert (groom_now.spouse_id, bride_now.spouse_id) == (bride.id, groom.id)
    # A rejection needs a reason; a registered act cannot be rejected.
    error = rpc_error(lambda: record(pb.ACT_ACTION_CORRECTION_REQUESTED, language="de"))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "Grund" in error.details()
    error = rpc_error(lambda: record(pb.ACT_ACTION_REJECTED, reason="late"))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "Allowed: certified, correction requested." in error.details()
    # The chain is append-only even for Loket's own role.
    result = psql(env.database, f"UPDATE civil_registry.act_actions SET reason = 'x' WHERE act_id = '{act.id}'",
                  check=False)
    assert result.returncode != 0 and "append-only" in result.stderr
    rows = audit_rows(env, f"act:{act.id}")
    assert rows[0].startswith("create an.peeters civil status file act:marriage ok")
    assert rows[-1] == "update an.peeters civil status file act:marriage,act_status,civil_status ok"
    assert "update an.peeters civil status file act:marriage,act_status,civil_status ok" in audit_rows(
        env, "person:90020199704")


def test_death_widows_the_spouse_and_a_closed_act_takes_nothing(env):
    pb = env.pb
    person = create_person(env, "85473003416", "Dubois", "Marie")
    act = env.stub.CreateAct(pb.CreateActRequest(type=pb.ACT_TYPE_DEATH, data=pb.ActData(
        person_id=person.id, event_date="2026-01-05")), metadata=clerk(env), timeout=5)
    for action in (pb.ACT_ACTION_DECLARED, pb.ACT_ACTION_REJECTED):
        act = env.stub.RecordAction(pb.RecordActionRequest(act_id=act.id, action=action, reason="wrong person"),
                                    metadata=clerk(env), timeout=5)
    assert act.status == pb.ACT_STATUS_REJECTED
    error = rpc_error(lambda: env.stub.RecordAction(pb.RecordActionRequest(
        act_id=act.id, action=pb.ACT_ACTION_VALIDATED), metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "closed" in error.details()
    assert env.stub.GetPerson(pb.GetPersonRequest(id=person.id), metadata=clerk(env), timeout=5).date_of_death == ""


def notify(env, key, notification_id="AZSJ-2026-0001", **overrides):
    fields = dict(notification_id=notification_id, child_family_name="Peeters", child_given_names="Noor",
                  child_sex=env.pb.SEX_FEMALE, birth_date="2026-03-02", place="AZ Sint-Jan Brugge",
                  mother_national_number="92101500295")
    fields.update(overrides)
    return env.stub.NotifyBirth(env.pb.NotifyBirthRequest(**fields),
                                metadata=metadata(key, language="en", purpose="eBirth notification"), timeout=5)


def test_birth_notification_is_idempotent_and_registration_creates_the_child(env):
    pb = env.pb
    mother = env.stub.GetPerson(pb.GetPersonRequest(national_number="92101500295"), metadata=clerk(env), timeout=5)
    home = pb.Address(street="Langestraat", house_number="7", postal_code="8000", municipality="Brugge")
    mother = env.stub.RecordMove(pb.RecordMoveRequest(person_id=mother.id, address=home, since="2025-01-01"),
                                 metadata=clerk(env), timeout=5)
    first = notify(env, env.keys.hospital)
    # 2 March 2026 + 15 days = Tuesday 17 March 2026, a working day.
    assert first.declaration_due == "2026-03-17"
    for _ in range(3):
        again = notify(env, env.keys.hospital, child_given_names="Noor Marie")
        assert again == first
    assert scalar(env, "SELECT count(*) FROM civil_registry.acts WHERE kind = 'birth'") == "1"
    assert scalar(env, "SELECT count(*) FROM civil_registry.birth_notifications") == "1"

    act = env.stub.GetAct(pb.GetActRequest(id=first.act_id), metadata=clerk(env), timeout=5)
    assert act.status == pb.ACT_STATUS_DRAFT and act.data.mother_id == mother.id
    assert [a.action for a in act.actions] == [pb.ACT_ACTION_NOTIFIED]
    assert act.actions[0].principal == "az-sint-jan"
    # The term has passed (the server's clock is later than 17 March 2026): the draft is overdue.
    overdue = env.stub.ListOverdueBirthDrafts(pb.ListOverdueBirthDraftsRequest(), metadata=clerk(env), timeout=5)
    assert first.act_id in [a.id for a in overdue.acts]

    def record(action, **kw):
        return env.stub.RecordAction(pb.RecordActionRequest(act_id=first.act_id, action=action, **kw),
                                     metadata=clerk(env), timeout=5)

    record(pb.ACT_ACTION_DECLARED, data=pb.ActData(child_given_names="Noor", place="Brugge"))
    record(pb.ACT_ACTION_VALIDATED)
    assert scalar(env, "SELECT count(*) FROM civil_registry.statistics_outbox") == "0"
    registered = record(pb.ACT_ACTION_REGISTERED)
    child = env.stub.GetPerson(pb.GetPersonRequest(id=registered.registered_person_id), metadata=clerk(env),
                               timeout=5)
    assert (child.family_name, child.given_names, child.sex, child.birth_date, child.mother_id) == (
        "Peeters", "Noor", pb.SEX_FEMALE, "2026-03-02", mother.id)
    # The child lives with the mother, in her household, from the day of birth.
    assert (child.household_id, child.address.street) == (mother.household_id, "Langestraat")
    history = env.stub.GetResidenceHistory(pb.GetResidenceHistoryRequest(person_id=child.id), metadata=clerk(env),
                                           timeout=5)
    assert [r.since for r in history.residences] == ["2026-03-02"]
    assert sorted(m.person_id for m in history.household) == sorted([mother.id, child.id])
    assert scalar(env, f"SELECT payload->>'sex' FROM civil_registry.statistics_outbox "
                       f"WHERE act_id = '{first.act_id}'") == "female"
    overdue = env.stub.ListOverdueBirthDrafts(pb.ListOverdueBirthDraftsRequest(), metadata=clerk(env), timeout=5)
    assert first.act_id not in [a.id for a in overdue.acts]


def test_a_second_birth_like_the_first_is_flagged_and_resolved(env):
    pb = env.pb
    receipt = notify(env, env.keys.hospital, notification_id="AZSJ-2026-0002")
    act = env.stub.GetAct(pb.GetActRequest(id=receipt.act_id), metadata=clerk(env), timeout=5)
    assert act.possible_duplicate
    error = rpc_error(lambda: env.stub.RecordAction(pb.RecordActionRequest(
        act_id=act.id, action=pb.ACT_ACTION_MARKED_DUPLICATE), metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    done = env.stub.RecordAction(pb.RecordActionRequest(
        act_id=act.id, action=pb.ACT_ACTION_MARKED_DUPLICATE, reason="the hospital sent it under a new id"),
        metadata=clerk(env), timeout=5)
    assert done.status == pb.ACT_STATUS_DUPLICATE and not done.possible_duplicate
    assert done.actions[-1].reason == "the hospital sent it under a new id"


def national_number(birth: str, sequence: int, month_offset: int = 0) -> str:
    """A number with valid check digits for a birth date `YYYY-MM-DD` (the month raised by 20 or 40 for a bis
    number)."""
    year, month, day = birth.split("-")
    nine = f"{year[2:]}{int(month) + month_offset:02d}{day}{sequence:03d}"
    base = int(("2" if int(year) >= 2000 else "") + nine)
    return f"{nine}{97 - base % 97:02d}"


def duplicates(env, language="en", **fields):
    return env.stub.ListPersonDuplicates(env.pb.ListPersonDuplicatesRequest(**fields),
                                         metadata=clerk(env, language), timeout=5).duplicates


def resolve(env, flag_id, verdict, reason, language="en"):
    return env.stub.ResolvePersonDuplicate(
        env.pb.ResolvePersonDuplicateRequest(id=flag_id, verdict=verdict, reason=reason),
        metadata=clerk(env, language), timeout=5)


def get_person(env, person_id):
    return env.stub.GetPerson(env.pb.GetPersonRequest(id=person_id), metadata=clerk(env), timeout=5)


def test_a_person_like_one_in_the_register_is_flagged_and_resolved_as_duplicate(env):
    pb = env.pb
    registered = national_number("1983-04-12", 123)
    bis = national_number("1983-04-12", 457, month_offset=40)
    original = create_person(env, registered, "Vandenberghe", "Jozef")
    assert list(original.possible_duplicate_of) == [] and original.duplicate_of == ""
    # A bis number for the same name (accents and case folded) and birth date: flagged in the same transaction.
    second = create_person(env, bis, "VANDENBERGHE", "Józef")
    assert second.birth_date == original.birth_date == "1983-04-12"
    assert list(second.possible_duplicate_of) == [original.id]
    assert list(get_person(env, original.id).possible_duplicate_of) == [second.id]
    # Same birth date, other names: not flagged.
    other = create_person(env, national_number("1983-04-12", 125), "Vandenberghe", "Jos")
    assert list(other.possible_duplicate_of) == []

    [flag] = duplicates(env, person_id=original.id)
    assert (flag.person.id, flag.candidate.id, flag.basis) == (second.id, original.id,
                                                                pb.DUPLICATE_BASIS_NAME_BIRTH_DATE)
    assert flag.verdict == pb.DUPLICATE_VERDICT_UNSPECIFIED and flag.flagged_by == "an.peeters" and flag.flagged_at
    assert flag.act_id == "" and flag.resolved_at == "" and flag.person.national_number == bis
    assert flag.id in [f.id for f in duplicates(env)]

    # A verdict needs a reason and a verdict, in the caller's language; nothing changes.
    error = rpc_error(lambda: resolve(env, flag.id, pb.DUPLICATE_VERDICT_DUPLICATE, "  ", language="nl"))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details() == \
        'Geef een reden op voor de beslissing "dubbel".'
    error = rpc_error(lambda: resolve(env, flag.id, pb.DUPLICATE_VERDICT_UNSPECIFIED, "same man"))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "verdict" in error.details()
    error = rpc_error(lambda: resolve(env, "8d1f1a52-3c39-4a43-9d3e-000000000000",
                                      pb.DUPLICATE_VERDICT_DUPLICATE, "same man", language="de"))
    assert error.code() == grpc.StatusCode.NOT_FOUND and "Duplikat" in error.details()
    assert scalar(env, f"SELECT count(*) FROM civil_registry.person_duplicates "
                       f"WHERE id = '{flag.id}' AND verdict IS NULL") == "1"

    done = resolve(env, flag.id, pb.DUPLICATE_VERDICT_DUPLICATE, "same man; the bis number predates his registration")
    assert done.verdict == pb.DUPLICATE_VERDICT_DUPLICATE and done.reason.startswith("same man")
    assert (done.resolved_by, done.resolved_department_id) == ("an.peeters", "burgerzaken") and done.resolved_at
    assert done.person.duplicate_of == original.id and list(done.person.possible_duplicate_of) == []
    assert get_person(env, second.id).duplicate_of == original.id
    assert list(get_person(env, original.id).possible_duplicate_of) == []
    assert list(duplicates(env, person_id=original.id)) == []
    assert [f.id for f in duplicates(env, person_id=original.id, include_resolved=True)] == [flag.id]

    # A verdict is given once, whichever it is.
    refusals = ((pb.DUPLICATE_VERDICT_NOT_DUPLICATE, "fr", "déjà été tranché : « doublon », par an.peeters le "),
                (pb.DUPLICATE_VERDICT_DUPLICATE, "en", 'already resolved: "duplicate", by an.peeters on '))
    for verdict, language, words in refusals:
        error = rpc_error(lambda: resolve(env, flag.id, verdict, "second thoughts", language=language))
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and words in error.details(), error.details()
    assert scalar(env, f"SELECT verdict FROM civil_registry.person_duplicates WHERE id = '{flag.id}'") == "duplicate"
    # A resolved flag cannot be changed or removed, even by Loket's own role.
    result = psql(env.database, f"DELETE FROM civil_registry.person_duplicates WHERE id = '{flag.id}'", check=False)
    assert result.returncode != 0 and "never removed" in result.stderr

    # The verdict is a register change, in the same transaction: the feed's outbox has it with the new link.
    assert scalar(env, f"SELECT kind || ' ' || (snapshot->>'duplicate_of') || ' ' || cardinality(information_types) "
                       f"FROM civil_registry.feed WHERE person_id = '{second.id}' ORDER BY cursor DESC LIMIT 1") == \
        f"marked_duplicate {original.id} 9"
    # Audited: the flag with both persons on creation, the list as a read of both, the verdict with the flag and
    # both persons.
    fields = "national_number,name,sex,birth_date,birth_place,nationality,address,civil_status,legal_cohabitation," \
             "parentage,death,register_type,household,duplicates"
    for number in (bis, registered):
        rows = audit_rows(env, f"person:{number}")
        assert rows.count("create an.peeters civil status file possible_duplicate ok") == 1, rows
        assert rows.count("update an.peeters civil status file possible_duplicate,duplicate_of ok") == 1, rows
        assert f"read an.peeters civil status file {fields} ok" in rows
    assert "create an.peeters civil status file possible_duplicate ok" not in audit_rows(
        env, f"person:{other.national_number}")
    assert audit_rows(env, f"person_duplicate:{flag.id}") == [
        "update an.peeters civil status file possible_duplicate,duplicate_of ok"]
    methods = scalar(env, f"SELECT string_agg(DISTINCT method, ',' ORDER BY method) FROM core.audit_log "
                          f"WHERE subjects @> ARRAY['person:{bis}'] AND outcome = 'ok'")
    assert methods == ("/loket.civilregistry.v1.CivilRegistry/CreatePerson,"
                       "/loket.civilregistry.v1.CivilRegistry/GetPerson,"
                       "/loket.civilregistry.v1.CivilRegistry/ListPersonDuplicates,"
                       "/loket.civilregistry.v1.CivilRegistry/ResolvePersonDuplicate")


def test_persons_with_the_same_name_created_at_the_same_moment_are_flagged_once(env):
    # Two creations of the same name and birth date take turns: the later sees the earlier and flags it.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for round in range(8):
            family, day = f"Gelijktijdig{'abcdefgh'[round]}", f"1970-01-{10 + round:02d}"
            numbers = [national_number(day, 11), national_number(day, 13)]
            first, second = pool.map(lambda number: create_person(env, number, family, "Eva"), numbers)
            flags = list(duplicates(env, person_id=first.id))
            assert len(flags) == 1, round
            assert {flags[0].person.id, flags[0].candidate.id} == {first.id, second.id}
            assert sorted([len(first.possible_duplicate_of), len(second.possible_duplicate_of)]) == [0, 1]


def register_birth(env, mother, father, family="Wuyts", given="Lien", day="2024-02-29", mark_not_duplicate=""):
    pb = env.pb
    data = pb.ActData(child_family_name=family, child_given_names=given, child_sex=pb.SEX_FEMALE, event_date=day,
                      mother_id=mother.id, father_id=father.id if father else "", place="Brugge")
    act = env.stub.CreateAct(pb.CreateActRequest(type=pb.ACT_TYPE_BIRTH, data=data), metadata=clerk(env), timeout=5)
    assert act.possible_duplicate == bool(mark_not_duplicate)
    actions = [(pb.ACT_ACTION_MARKED_NOT_DUPLICATE, mark_not_duplicate)] if mark_not_duplicate else []
    actions += [(pb.ACT_ACTION_DECLARED, ""), (pb.ACT_ACTION_VALIDATED, ""), (pb.ACT_ACTION_REGISTERED, "")]
    for action, reason in actions:
        act = env.stub.RecordAction(pb.RecordActionRequest(act_id=act.id, action=action, reason=reason),
                                    metadata=clerk(env), timeout=5)
    return act, get_person(env, act.registered_person_id)


def test_a_registered_birth_like_a_person_with_the_same_parents_is_flagged_and_resolved_not_duplicate(env):
    pb = env.pb
    mother = create_person(env, national_number("1990-05-17", 202), "Goossens", "Sofie")
    father = create_person(env, national_number("1989-11-03", 301), "Wuyts", "Bram")
    other_mother = create_person(env, national_number("1991-08-21", 404), "Hermans", "Ines")
    _, first = register_birth(env, mother, father)
    assert list(first.possible_duplicate_of) == []
    # The same child's name, birth date and parents: the act is flagged (the registrar clears it), and the child it
    # creates on registration is flagged against the first, on the basis of the parents too.
    act, second = register_birth(env, mother, father, mark_not_duplicate="the parents insist: a second daughter")
    assert (second.mother_id, second.father_id) == (mother.id, father.id)
    assert list(second.possible_duplicate_of) == [first.id]
    [flag] = duplicates(env, person_id=second.id)
    assert (flag.person.id, flag.candidate.id, flag.act_id) == (second.id, first.id, act.id)
    assert flag.basis == pb.DUPLICATE_BASIS_NAME_BIRTH_DATE_PARENTS
    # Another mother: the same name and birth date, but not the same child.
    _, third = register_birth(env, other_mother, None)
    assert list(third.possible_duplicate_of) == []
    assert list(duplicates(env, person_id=third.id, include_resolved=True)) == []

    feed_before = scalar(env, "SELECT last_cursor FROM civil_registry.feed_counter")
    done = resolve(env, flag.id, pb.DUPLICATE_VERDICT_NOT_DUPLICATE, "a second child of the same day? no: twins")
    assert done.verdict == pb.DUPLICATE_VERDICT_NOT_DUPLICATE and done.person.duplicate_of == ""
    assert list(done.person.possible_duplicate_of) == [] and list(done.candidate.possible_duplicate_of) == []
    # Nothing changed on either person: no register change.
    assert scalar(env, "SELECT last_cursor FROM civil_registry.feed_counter") == feed_before
    error = rpc_error(lambda: resolve(env, flag.id, pb.DUPLICATE_VERDICT_DUPLICATE, "after all", language="nl"))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and '"geen dubbel"' in error.details()
    assert get_person(env, second.id).duplicate_of == ""
    # The children have no number yet: audited by id; the flag was created in the registering transaction.
    for child in (first, second):
        rows = audit_rows(env, f"person:{child.id}")
        assert rows.count("create an.peeters civil status file possible_duplicate ok") == 1, rows
        assert rows.count("update an.peeters civil status file possible_duplicate ok") == 1, rows
    assert "create an.peeters civil status file possible_duplicate ok" not in audit_rows(env, f"person:{third.id}")
    assert scalar(env, f"SELECT method FROM core.audit_log WHERE subjects @> ARRAY['person:{second.id}'] "
                       f"AND information = ARRAY['possible_duplicate'] AND action = 'create'") == \
        "/loket.civilregistry.v1.CivilRegistry/RecordAction"


def duplicate_page(env, language="en", **fields):
    return env.stub.ListPersonDuplicates(env.pb.ListPersonDuplicatesRequest(**fields),
                                         metadata=clerk(env, language), timeout=5)


def all_duplicate_pages(env, **fields) -> list[list]:
    """Every page of a listing, following next_page_token until it is empty."""
    pages, token = [], ""
    while True:
        response = duplicate_page(env, page_token=token, **fields)
        pages.append(list(response.duplicates))
        token = response.next_page_token
        if not token:
            return pages
        assert len(pages) < 200, "the listing does not end"


def assert_documented_order(env, flags) -> None:
    """Open flags first, oldest flagged first; then resolved ones, most recently resolved first; ties by id."""
    unresolved = env.pb.DUPLICATE_VERDICT_UNSPECIFIED
    open_flags = [f for f in flags if f.verdict == unresolved]
    resolved = [f for f in flags if f.verdict != unresolved]
    assert [f.id for f in flags] == [f.id for f in open_flags + resolved]
    # The times are RFC 3339 in UTC with microseconds, all of one width: they sort as text.
    assert [f.id for f in open_flags] == [f.id for f in sorted(open_flags, key=lambda f: (f.flagged_at, f.id))]
    by_id = sorted(resolved, key=lambda f: f.id)
    assert [f.id for f in resolved] == [f.id for f in sorted(by_id, key=lambda f: f.resolved_at, reverse=True)]


def test_possible_duplicates_are_listed_page_by_page_each_once_in_order(env):
    pb = env.pb
    # Seven persons of the same name and birth date: each is flagged against every earlier one. The first is the
    # candidate of six flags raised at six times; the last raised six flags in one transaction, so they share
    # their time and only the id orders them.
    day = "1961-06-15"
    persons = [create_person(env, national_number(day, 11 + 2 * n), "Paginaat", "Noor") for n in range(7)]
    first, last = persons[0], persons[-1]
    assert len(last.possible_duplicate_of) == 6

    for person in (first, last):
        pages = all_duplicate_pages(env, person_id=person.id, limit=2)
        assert [len(page) for page in pages] == [2, 2, 2]
        flags = [f for page in pages for f in page]
        assert sorted(f.id for f in flags) == sorted(f.id for f in duplicate_page(env, person_id=person.id).duplicates)
        assert len({f.id for f in flags}) == 6
        assert_documented_order(env, flags)
    assert len({f.flagged_at for f in duplicate_page(env, person_id=last.id).duplicates}) == 1

    # Resolve four of the last person's flags: three at one moment (one statement, so their resolved_at ties and
    # the id orders them), then one through the RPC, the most recent.
    flags = list(duplicate_page(env, person_id=last.id).duplicates)
    tied = [f.id for f in flags[1:4]]
    psql(env.database, f"""
        UPDATE civil_registry.person_duplicates
        SET verdict = 'not_duplicate', reason = 'twins, says the registrar', resolved_at = now(),
            resolved_by = 'an.peeters', resolved_department_id = 'burgerzaken'
        WHERE id IN ({", ".join(f"'{id}'" for id in tied)})""")
    latest = resolve(env, flags[4].id, pb.DUPLICATE_VERDICT_NOT_DUPLICATE, "not the same woman")
    for limit in (1, 2, 4):
        pages = all_duplicate_pages(env, person_id=last.id, include_resolved=True, limit=limit)
        assert [len(page) for page in pages] == [limit] * (6 // limit) + ([6 % limit] if 6 % limit else [])
        listed = [f for page in pages for f in page]
        assert_documented_order(env, listed)
        assert [f.id for f in listed] == [flags[0].id, flags[5].id, latest.id] + sorted(tied)
    # Without include_resolved the two open ones fit on one page: no token.
    response = duplicate_page(env, person_id=last.id, limit=2)
    assert [f.id for f in response.duplicates] == [flags[0].id, flags[5].id] and response.next_page_token == ""

    # The whole list, whatever the other tests left in it: every flag once, in the documented order.
    listed = [f for page in all_duplicate_pages(env, include_resolved=True, limit=3) for f in page]
    assert len({f.id for f in listed}) == len(listed) == int(
        scalar(env, "SELECT count(*) FROM civil_registry.person_duplicates"))
    assert_documented_order(env, listed)
    open_listed = [f for page in all_duplicate_pages(env, limit=3) for f in page]
    assert [f.id for f in open_listed] == [f.id for f in listed if f.verdict == pb.DUPLICATE_VERDICT_UNSPECIFIED]

    # A flag raised while a registrar pages joins the open flags not yet listed: neither lost nor repeated.
    # (Some of the first person's flags may be among the four resolved above: count the open ones.)
    open_before = len(duplicate_page(env, person_id=first.id).duplicates)
    first_page = duplicate_page(env, person_id=first.id, limit=2)
    newcomer = create_person(env, national_number(day, 11 + 2 * 7), "Paginaat", "Noor")
    token, rest = first_page.next_page_token, []
    while token:
        response = duplicate_page(env, person_id=first.id, limit=2, page_token=token)
        rest += response.duplicates
        token = response.next_page_token
    listed = list(first_page.duplicates) + rest
    assert len({f.id for f in listed}) == len(listed) == open_before + 1 and listed[-1].person.id == newcomer.id
    assert_documented_order(env, listed)


def test_a_bad_page_token_is_invalid_argument_in_the_callers_language(env):
    day = "1962-07-16"
    persons = [create_person(env, national_number(day, 21 + 2 * n), "Tokenaar", "Mila") for n in range(3)]
    token = duplicate_page(env, person_id=persons[-1].id, limit=1).next_page_token
    assert token
    assert len(duplicate_page(env, person_id=persons[-1].id, limit=1, page_token=token).duplicates) == 1
    # Malformed, or one character changed: the token is invalid, in each language.
    altered = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    words = {"nl": "paginatoken is ongeldig", "fr": "jeton de page n'est pas valide",
             "de": "Seitentoken ist ungültig", "en": "page token is invalid"}
    for bad in ("not-a-token", altered, token[:-2], token + "x"):
        for language, expected in words.items():
            error = rpc_error(lambda: duplicate_page(env, language, person_id=persons[-1].id, limit=1,
                                                     page_token=bad))
            assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and expected in error.details(), error.details()
    # A sound token with other filters: refused, saying so.
    words = {"nl": "andere filters", "fr": "filtres différents", "de": "anderen Filtern", "en": "other filters"}
    for filters in ({"person_id": persons[0].id}, {}, {"person_id": persons[-1].id, "include_resolved": True}):
        for language, expected in words.items():
            error = rpc_error(lambda: duplicate_page(env, language, limit=1, page_token=token, **filters))
            assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and expected in error.details(), error.details()


def test_duplicate_calls_need_a_purpose_and_the_permission(env):
    pb = env.pb
    for call in (lambda key: env.stub.ListPersonDuplicates(pb.ListPersonDuplicatesRequest(), metadata=key, timeout=5),
                 lambda key: env.stub.ResolvePersonDuplicate(pb.ResolvePersonDuplicateRequest(
                     id="8d1f1a52-3c39-4a43-9d3e-000000000000", verdict=pb.DUPLICATE_VERDICT_NOT_DUPLICATE,
                     reason="x"), metadata=key, timeout=5)):
        error = rpc_error(lambda: call(metadata(env.keys.clerk)))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "x-loket-purpose" in error.details()
        for key in (env.keys.other_clerk, env.keys.hospital):
            error = rpc_error(lambda: call(metadata(key, purpose="duplicates")))
            assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    error = rpc_error(lambda: env.stub.ListPersonDuplicates(pb.ListPersonDuplicatesRequest(person_id="nope"),
                                                            metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_integrations_need_the_scope_and_clerks_cannot_notify(env):
    for key in (env.keys.kiosk, env.keys.clerk):
        error = rpc_error(lambda: notify(env, key, notification_id="X-1"))
        assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    error = rpc_error(lambda: env.stub.GetPerson(env.pb.GetPersonRequest(national_number="85073003328"),
                                                 metadata=metadata(env.keys.hospital, purpose="x"), timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    assert scalar(env, "SELECT count(*) FROM civil_registry.birth_notifications WHERE notification_id = 'X-1'") == "0"


def test_moves_build_the_residence_history_households_and_residents_by_address(env):
    pb = env.pb
    first = pb.Address(street="Steenstraat", house_number="12", postal_code="8000", municipality="Brugge")
    anna = create_person(env, "88050500282", "Claes", "Anna", address=first)
    assert anna.household_id and anna.address.street == "Steenstraat"
    # Bart joins Anna's household when he moves in; Anna then moves on alone.
    bart = create_person(env, "87121200195", "Smet", "Bart")
    moved = env.stub.RecordMove(pb.RecordMoveRequest(person_id=bart.id, address=first, since="2099-01-10",
                                                     household_id=anna.household_id), metadata=clerk(env), timeout=5)
    assert moved.household_id == anna.household_id and moved.address.house_number == "12"
    second = pb.Address(street="Zilverpand", house_number="3", box="B", postal_code="8000", municipality="Brugge")
    env.stub.RecordMove(pb.RecordMoveRequest(person_id=anna.id, address=second, since="2099-06-01"),
                        metadata=clerk(env), timeout=5)
    history = env.stub.GetResidenceHistory(pb.GetResidenceHistoryRequest(person_id=anna.id), metadata=clerk(env),
                                           timeout=5)
    assert [(r.address.street, r.until) for r in history.residences] == [("Steenstraat", "2099-06-01"),
                                                                         ("Zilverpand", "")]
    assert [m.person_id for m in history.household] == [anna.id]
    bart_history = env.stub.GetResidenceHistory(pb.GetResidenceHistoryRequest(person_id=bart.id),
                                                metadata=clerk(env), timeout=5)
    assert [m.person_id for m in bart_history.household] == [bart.id]
    # Residents of Steenstraat 12 on a day, accents and case folded in the street.
    def residents(day):
        found = env.stub.ListResidents(pb.ListResidentsRequest(postal_code="8000", street="STEENSTRAAT",
                                                               house_number="12", on=day), metadata=clerk(env), timeout=5)
        return sorted(p.id for p in found.persons)
    assert residents("2099-03-01") == sorted([anna.id, bart.id])
    assert residents("2099-07-01") == [bart.id]
    # A move that does not come after the current residence is refused, in the caller's language.
    error = rpc_error(lambda: env.stub.RecordMove(pb.RecordMoveRequest(
        person_id=anna.id, address=first, since="2099-05-01"), metadata=clerk(env, "nl"), timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "2099-06-01" in error.details()
    error = rpc_error(lambda: env.stub.RecordMove(pb.RecordMoveRequest(
        person_id=anna.id, address=pb.Address(street="X"), since="2099-08-01"), metadata=clerk(env, "fr"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "code postal" in error.details()


def test_consultations_list_the_reads_and_writes_of_a_record(env):
    pb = env.pb
    number = "79061500186"
    person = create_person(env, number, "Lambert", "Luc")
    env.stub.GetPerson(pb.GetPersonRequest(national_number=number),
                       metadata=metadata(env.keys.clerk, purpose="parking permit"), timeout=5)
    trail = env.stub.ListConsultations(pb.ListConsultationsRequest(national_number=number),
                                       metadata=metadata(env.keys.clerk, purpose="citizen request"), timeout=5)
    assert [(c.action, c.principal, c.purpose, c.method.rsplit("/", 1)[-1]) for c in trail.consultations] == [
        ("create", "an.peeters", "civil status file", "CreatePerson"),
        ("read", "an.peeters", "parking permit", "GetPerson"),
    ]
    assert all(c.department_id == "burgerzaken" and "name" in c.information for c in trail.consultations)
    # Asking is itself recorded, and shows up the next time.
    again = env.stub.ListConsultations(pb.ListConsultationsRequest(national_number=number),
                                       metadata=metadata(env.keys.clerk, purpose="citizen request"), timeout=5)
    assert again.consultations[-1].method.endswith("/ListConsultations")
    assert person.id
    error = rpc_error(lambda: env.stub.ListConsultations(
        pb.ListConsultationsRequest(national_number=number, **{"from": "2026-02-01", "to": "2026-01-01"}),
        metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as pdftotext (poppler-utils) lays it out."""
    assert pdf.startswith(b"%PDF-")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", file.name, "-"], capture_output=True,
                              check=True).stdout.decode()


# Labels each language's PDF shows; single words for the multilingual form, whose long labels wrap.
PDF_LABELS = {
    "nl": ["Verificatiecode:", "Rijksregisternummer", "Nieuwe naam", "Afgeleverd op:"],
    "fr": ["Code de vérification:", "Numéro de registre national", "Nouveau nom", "Délivré le:"],
    "de": ["Prüfcode:", "Nationalregisternummer", "Neuer Name", "Ausgestellt am:"],
    "en": ["Verification code:", "National register number", "New name", "Issued on:"],
    "multilingual": ["Verificatiecode", "vérification", "Prüfcode", "Rijksregisternummer", "Nationalregisternummer"],
}


def test_extracts_in_each_language_verify_by_code(env):
    pb = env.pb
    person = create_person(env, "75030300150", "Vermeulen", "Kim")
    act = env.stub.CreateAct(pb.CreateActRequest(type=pb.ACT_TYPE_NAME_CHANGE, data=pb.ActData(
        person_id=person.id, new_given_names="Kimberly")), metadata=clerk(env), timeout=5)
    error = rpc_error(lambda: env.stub.IssueExtract(pb.IssueExtractRequest(act_id=act.id, language="en"),
                                                    metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "Allowed: declared, rejected." in error.details()
    for action in (pb.ACT_ACTION_DECLARED, pb.ACT_ACTION_VALIDATED, pb.ACT_ACTION_REGISTERED):
        env.stub.RecordAction(pb.RecordActionRequest(act_id=act.id, action=action), metadata=clerk(env), timeout=5)
    renamed = env.stub.GetPerson(pb.GetPersonRequest(id=person.id), metadata=clerk(env), timeout=5)
    assert (renamed.given_names, renamed.family_name) == ("Kimberly", "Vermeulen")
    expected = {"nl": "Uittreksel uit een akte van naamsverandering", "fr": "Extrait d'acte de changement de nom",
                "de": "Auszug aus einer Namensänderungsurkunde", "en": "Extract of a change of name certificate",
                "multilingual": "Uittreksel uit een akte van naamsverandering / Extrait d'acte de changement de nom"}
    codes = set()
    for language, title in expected.items():
        extract = env.stub.IssueExtract(pb.IssueExtractRequest(act_id=act.id, language=language),
                                        metadata=clerk(env), timeout=5)
        assert extract.text.startswith(title) and "75.03.03-001.50" in extract.text
        assert extract.verification_code in extract.text
        text = pdf_text(extract.pdf)
        assert title.split(" / ")[0] in text and "75.03.03-001.50" in text and "Kimberly" in text
        assert extract.verification_code in text
        for label in PDF_LABELS[language]:
            assert label in text, (language, label)
        verified = env.stub.VerifyExtract(pb.VerifyExtractRequest(verification_code=extract.verification_code.lower()),
                                          metadata=clerk(env, purpose="verification"), timeout=5)
        assert verified == extract
        # Verification is public: a bank or notary without credentials may check a code, stating a purpose.
        anonymous = env.stub.VerifyExtract(pb.VerifyExtractRequest(verification_code=extract.verification_code),
                                           metadata=[("x-loket-purpose", "certificate check")], timeout=5)
        assert anonymous == extract
        codes.add(extract.verification_code)
    assert len(codes) == 5
    chain = env.stub.GetAct(pb.GetActRequest(id=act.id), metadata=clerk(env), timeout=5)
    assert [a.action for a in chain.actions][-5:] == [pb.ACT_ACTION_CERTIFIED] * 5
    assert chain.status == pb.ACT_STATUS_REGISTERED
    error = rpc_error(lambda: env.stub.VerifyExtract(pb.VerifyExtractRequest(verification_code="AAAA-BBBB-CCCC-DDDD"),
                                                     metadata=clerk(env, "de"), timeout=5))
    assert error.code() == grpc.StatusCode.NOT_FOUND and "Prüfcode" in error.details()
    error = rpc_error(lambda: env.stub.VerifyExtract(pb.VerifyExtractRequest(verification_code=extract.verification_code),
                                                     timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT  # no purpose
    error = rpc_error(lambda: env.stub.VerifyExtract(
        pb.VerifyExtractRequest(verification_code=extract.verification_code),
        metadata=[("authorization", "Bearer lk_000000000000_" + "0" * 64), ("x-loket-purpose", "x")], timeout=5))
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED  # a key, if sent, must be valid
    consulted = psql(env.database, "COPY (SELECT count(*) FROM core.audit_log WHERE principal_name = 'anonymous' "
                                   "AND method LIKE '%/VerifyExtract') TO STDOUT").stdout.strip()
    assert int(consulted) == 5
    error = rpc_error(lambda: env.stub.IssueExtract(pb.IssueExtractRequest(act_id=act.id, language="es"),
                                                    metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
