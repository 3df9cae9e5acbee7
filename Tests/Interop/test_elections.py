"""The elections plugin end to end (issue 7): a real loketd on a database of its own, the real grpcio client.

Residents are seeded through the civil registry's RPCs (CreatePerson, RecordMove) for the rule cases, plus 20,000
generated residents written straight into the civil registry's tables for the roll counts. An election is
created, a non-Belgian EU and a non-EU voter apply, the roll is generated from the register view with each
inclusion and exclusion explained by rule, regenerated deterministically and closed; a later change becomes an
amendment. Stations are assigned by street section with a balance report; convocations come in two languages with
streamed progress; proxy refusals name their rule; results are entered four-eyes. A server without the civil
registry plugin answers FAILED_PRECONDITION when asked for a roll.

The tests of this module run in order and build on each other (one election).
"""

from __future__ import annotations

import importlib
import secrets
import subprocess
import sys
import time
from datetime import date, timedelta
from types import SimpleNamespace

import grpc
import pytest

from conftest import loketd_binary
from host_support import Key, create_database, database_url, metadata, psql
from interop_support import REPO_ROOT, Loketd

PROTOS = REPO_ROOT / "Protos"
MUNICIPALITY = "Brugge"
ELECTION_DAY = date(2027, 10, 10)
REFERENCE_DATE = date(2027, 8, 1)
BULK = 20_000


def forget_loket_modules() -> None:
    """Each test module generates its own `loket` package with the protos it needs: drop any cached one."""
    for name in [name for name in sys.modules if name == "loket" or name.startswith("loket.")]:
        del sys.modules[name]


@pytest.fixture(scope="module")
def stubs(tmp_path_factory) -> SimpleNamespace:
    out = tmp_path_factory.mktemp("elections_stubs")
    command = [sys.executable, "-m", "grpc_tools.protoc", f"--python_out={out}", f"--grpc_python_out={out}",
               f"--proto_path={PROTOS}", "loket/admin/v1/admin.proto", "loket/civilregistry/v1/civil_registry.proto",
               "loket/elections/v1/elections.proto"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for package in ("loket", "loket/admin", "loket/admin/v1", "loket/civilregistry", "loket/civilregistry/v1",
                    "loket/elections", "loket/elections/v1"):
        (out / package / "__init__.py").touch()
    forget_loket_modules()
    sys.path.insert(0, str(out))
    module = importlib.import_module
    try:
        return SimpleNamespace(
            admin=module("loket.admin.v1.admin_pb2"), admin_grpc=module("loket.admin.v1.admin_pb2_grpc"),
            cr=module("loket.civilregistry.v1.civil_registry_pb2"),
            cr_grpc=module("loket.civilregistry.v1.civil_registry_pb2_grpc"),
            el=module("loket.elections.v1.elections_pb2"),
            el_grpc=module("loket.elections.v1.elections_pb2_grpc"))
    finally:
        sys.path.remove(str(out))
        forget_loket_modules()


def start_server(stubs, database: str, extra: list[str] = ()) -> tuple[Loketd, SimpleNamespace]:
    server = Loketd(loketd_binary(), ["--database-url", database_url(database),
                                      "--set", "server.grace_period_seconds=2", *extra]).start()
    psql(database, """
        INSERT INTO core.departments (id, name) VALUES ('burgerzaken', 'Burgerzaken');
        NOTIFY loket_directory;""")
    keys = SimpleNamespace(
        admin=Key.seed(database, "admin", "administrator", None),
        clerk=Key.seed(database, "an.peeters", "clerk", "burgerzaken"),
        second=Key.seed(database, "jan.janssens", "clerk", "burgerzaken"),
        third=Key.seed(database, "piet.claes", "clerk", "burgerzaken"),
    )
    return server, keys


def enable(stubs, channel, keys, plugins: list[str]) -> None:
    admin = stubs.admin_grpc.AdminStub(channel)
    for plugin in plugins:
        admin.EnablePlugin(stubs.admin.PluginEnablementRequest(plugin_id=plugin, department_id="burgerzaken"),
                           metadata=metadata(keys.admin), timeout=5)


@pytest.fixture(scope="module")
def env(stubs) -> SimpleNamespace:
    database = f"loket_elections_{secrets.token_hex(4)}"
    create_database(database)
    server = None
    try:
        server, keys = start_server(stubs, database)
        channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
        enable(stubs, channel, keys, ["civil-registry", "elections"])
        env = SimpleNamespace(database=database, keys=keys, server=server, channel=channel, pb=stubs.el,
                              cr=stubs.cr, stub=stubs.el_grpc.ElectionsStub(channel),
                              registry=stubs.cr_grpc.CivilRegistryStub(channel), people={}, state=SimpleNamespace())
        wait_until_enabled(env)
        yield env
        channel.close()
    finally:
        if server is not None:
            server.terminate()
            assert server.wait(10) == 0, server.log
        subprocess.run(["dropdb", "--if-exists", database], timeout=60)


def wait_until_enabled(env, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            env.registry.ValidateNationalNumber(env.cr.ValidateNationalNumberRequest(national_number="85073003328"),
                                                metadata=metadata(env.keys.clerk), timeout=5)
            env.stub.GetElection(env.pb.GetElectionRequest(election_id="00000000-0000-0000-0000-000000000000"),
                                 metadata=metadata(env.keys.clerk), timeout=5)
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                return
            if error.code() != grpc.StatusCode.PERMISSION_DENIED or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def rpc_error(call) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call()
    return raised.value


def clerk(env, key=None, language="en", purpose="elections 2027"):
    return metadata(key or env.keys.clerk, language=language, purpose=purpose)


def national_number(born: date, sequence: int) -> str:
    body = f"{born:%y%m%d}{sequence:03d}"
    base = int(body) + (2_000_000_000 if born.year >= 2000 else 0)
    return f"{body}{97 - base % 97:02d}"


def scalar(env, sql: str) -> str:
    return psql(env.database, f"COPY ({sql}) TO STDOUT").stdout.strip()


def address(env, street="Steenstraat", number="1", postal="8000", municipality=MUNICIPALITY):
    return env.cr.Address(street=street, house_number=number, postal_code=postal, municipality=municipality)


def person(env, key: str, born: date, sequence: int, nationality="BE", street="Steenstraat", number="1"):
    created = env.registry.CreatePerson(env.cr.CreatePersonRequest(
        national_number=national_number(born, sequence), family_name=f"Family{key}", given_names=f"Given{key}",
        nationality=nationality, address=address(env, street, number)), metadata=clerk(env), timeout=5)
    env.people[key] = created
    return created


def number(env, key: str) -> str:
    return env.people[key].national_number


def explain(env, key: str, language="en"):
    return env.stub.ExplainVoter(env.pb.ExplainVoterRequest(election_id=env.state.election, national_number=number(env, key)),
                                 metadata=clerk(env, language=language), timeout=5)


# --- the register -------------------------------------------------------------------------------------------------

def test_seed_residents_through_the_civil_registry(env):
    person(env, "adult", date(1980, 5, 5), 1, number="3")
    person(env, "turns18", date(2009, 10, 10), 2, number="5")
    person(env, "under18", date(2009, 10, 11), 4, number="7")
    person(env, "dutch", date(1985, 3, 3), 5, nationality="NL", number="9")
    person(env, "french", date(1990, 4, 4), 7, nationality="FR", number="11")
    person(env, "moroccan", date(1975, 6, 6), 9, nationality="MA", number="2")
    person(env, "movedbefore", date(1970, 1, 1), 11, number="4")
    person(env, "movedafter", date(1971, 1, 1), 13, number="6")
    person(env, "deprived", date(1972, 2, 2), 15, number="8")
    person(env, "candidate", date(1973, 3, 3), 17, number="10")
    person(env, "holder", date(1974, 4, 4), 19, number="12")
    person(env, "voter2", date(1976, 5, 5), 21, number="14")
    person(env, "voter3", date(1977, 6, 6), 23, number="16")
    person(env, "late", date(1978, 7, 7), 25, number="18")
    gent = address(env, street="Veldstraat", number="1", postal="9000", municipality="Gent")
    env.registry.RecordMove(env.cr.RecordMoveRequest(person_id=env.people["movedbefore"].id, address=gent,
                                                     since="2027-05-01"), metadata=clerk(env), timeout=5)
    env.registry.RecordMove(env.cr.RecordMoveRequest(person_id=env.people["movedafter"].id, address=gent,
                                                     since="2027-09-01"), metadata=clerk(env), timeout=5)
    # 20,000 generated (fictional) residents, written straight into the register's tables: ages spread over
    # 0-70 years, one in ten Dutch (without an application), house numbers 1-400 on Bulkstraat.
    psql(env.database, f"""
        WITH household AS (INSERT INTO civil_registry.households DEFAULT VALUES RETURNING id),
        people AS (
            INSERT INTO civil_registry.persons (national_number, family_name, given_names, sex, birth_date,
                                                nationality, created_by)
            SELECT '99' || lpad(g::text, 9, '0'), 'Bulk' || (g % 97), 'Resident' || g, 'unknown',
                   date '1957-01-01' + (g * 37 % 25567), CASE WHEN g % 10 = 0 THEN 'NL' ELSE 'BE' END, 'seed'
            FROM generate_series(1, {BULK}) AS g
            RETURNING id, national_number)
        INSERT INTO civil_registry.residences (person_id, street, house_number, postal_code, municipality,
                                               household_id, since, recorded_by)
        SELECT p.id, 'Bulkstraat', (substr(p.national_number, 3)::int % 400 + 1)::text, '8000', '{MUNICIPALITY}',
               (SELECT id FROM household), date '2020-01-01', 'seed'
        FROM people p;""")
    assert scalar(env, "SELECT count(*) FROM civil_registry.register_residents_v1") == str(BULK + 16)


def bulk_expected_voters() -> int:
    return sum(1 for g in range(1, BULK + 1) if adult_bulk(g) and g % 10 != 0)


# --- elections and applications -----------------------------------------------------------------------------------

def test_create_election(env):
    pb = env.pb
    election = env.stub.CreateElection(pb.CreateElectionRequest(
        kind=pb.ELECTION_KIND_MUNICIPAL, name="Gemeenteraadsverkiezingen 2027", municipality=MUNICIPALITY,
        election_day=ELECTION_DAY.isoformat(), reference_date=REFERENCE_DATE.isoformat(),
        application_deadline="2027-07-31", compulsory=False, document_languages=["nl", "fr"],
        opens_at="08:00", closes_at="14:00"), metadata=clerk(env), timeout=5)
    assert (election.kind, election.application_deadline, list(election.document_languages)) == (
        pb.ELECTION_KIND_MUNICIPAL, "2027-07-31", ["nl", "fr"])
    env.state.election = election.id
    error = rpc_error(lambda: env.stub.CreateElection(pb.CreateElectionRequest(
        kind=pb.ELECTION_KIND_MUNICIPAL, name="x", municipality=MUNICIPALITY, election_day="2027-10-10",
        reference_date="2027-11-01"), metadata=clerk(env, language="nl"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "referentiedatum" in error.details()


def test_non_belgian_applications(env):
    pb = env.pb
    apply = lambda key, **fields: env.stub.ApplyAsVoter(pb.ApplyAsVoterRequest(
        election_id=env.state.election, national_number=number(env, key), **fields), metadata=clerk(env), timeout=5)
    dutch = apply("dutch", language="fr")
    assert (dutch.status, dutch.nationality) == (pb.APPLICATION_STATUS_PENDING, "NL")
    # A non-EU citizen needs the signed declaration and five years of legal residence.
    error = rpc_error(lambda: apply("moroccan", legal_residence_since="2015-01-01"))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "application-declaration-missing" in error.details()
    error = rpc_error(lambda: apply("moroccan", legal_residence_since="2023-01-01", declaration_signed=True))
    assert "application-residence-too-short" in error.details()
    moroccan = apply("moroccan", legal_residence_since="2015-01-01", declaration_signed=True)
    # Belgians need no application.
    error = rpc_error(lambda: apply("adult"))
    assert "application-belgian" in error.details()
    # A second live application is refused; a decision needs a reason.
    assert rpc_error(lambda: apply("dutch")).code() == grpc.StatusCode.ALREADY_EXISTS
    error = rpc_error(lambda: env.stub.DecideApplication(pb.DecideApplicationRequest(
        application_id=dutch.id, approve=True), metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    for application in (dutch, moroccan):
        decided = env.stub.DecideApplication(pb.DecideApplicationRequest(
            application_id=application.id, approve=True, reason="conditions met"), metadata=clerk(env), timeout=5)
        assert decided.status == pb.APPLICATION_STATUS_APPROVED
    error = rpc_error(lambda: env.stub.DecideApplication(pb.DecideApplicationRequest(
        application_id=dutch.id, approve=False, reason="again"), metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    # An application withdrawn before the deadline keeps the person off the roll, by its own rule.
    french = apply("french")
    withdrawn = env.stub.WithdrawApplication(pb.WithdrawApplicationRequest(application_id=french.id,
                                                                           reason="moving abroad"),
                                             metadata=clerk(env), timeout=5)
    assert withdrawn.status == pb.APPLICATION_STATUS_WITHDRAWN
    error = rpc_error(lambda: env.stub.WithdrawApplication(pb.WithdrawApplicationRequest(
        application_id=french.id), metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    # Applications are audited with the purpose.
    assert scalar(env, f"""SELECT count(*) FROM core.audit_log WHERE subjects @> ARRAY['person:{number(env, "dutch")}']
                           AND purpose = 'elections 2027' AND outcome = 'ok'
                           AND method LIKE '/loket.elections.v1.Elections/%'""") == "2"
    # A court decision: deprived of voting rights until after election day.
    env.stub.RecordDeprivation(pb.RecordDeprivationRequest(
        national_number=number(env, "deprived"), until="2028-01-01", court_reference="Hof van beroep Gent 2026/123",
        **{"from": "2026-01-01"}), metadata=clerk(env), timeout=5)


# --- the roll -----------------------------------------------------------------------------------------------------

def test_generate_the_roll_with_every_rule_explained(env):
    pb = env.pb
    started = time.monotonic()
    summary = env.stub.GenerateRoll(pb.GenerateRollRequest(election_id=env.state.election),
                                    metadata=clerk(env), timeout=120)
    elapsed = time.monotonic() - started
    by_rule = {entry.rule: entry.count for entry in summary.by_rule}
    expected_bulk = bulk_expected_voters()
    # The RPC-seeded: adult, turns18, dutch, moroccan, movedafter, candidate, holder, voter2, voter3, late.
    assert summary.included == expected_bulk + 10, (by_rule, elapsed)
    assert summary.considered == BULK + 14
    assert by_rule["excluded-no-application"] == sum(1 for g in range(10, BULK + 1, 10) if adult_bulk(g))
    assert by_rule["excluded-application-not-approved"] == 1
    env.state.digest = summary.digest
    rules = {key: explain(env, key).rule for key in env.people}
    assert rules == {
        "adult": "included-belgian", "turns18": "included-belgian", "under18": "excluded-under-18",
        "dutch": "included-eu-application", "french": "excluded-application-not-approved",
        "moroccan": "included-non-eu-application", "movedbefore": "excluded-not-resident",
        "movedafter": "included-belgian", "deprived": "excluded-deprived", "candidate": "included-belgian",
        "holder": "included-belgian", "voter2": "included-belgian", "voter3": "included-belgian",
        "late": "included-belgian"}
    entry = explain(env, "under18", language="fr")
    assert not entry.included and entry.voter_number == 0
    assert entry.explanation == "N'a pas 18 ans le jour de l'élection."
    assert explain(env, "movedafter").address.municipality == MUNICIPALITY
    # One audit record for the whole generation, naming the election and the count.
    assert scalar(env, f"""SELECT array_to_string(information, ',') FROM core.audit_log
                           WHERE method LIKE '%GenerateRoll' AND subjects = ARRAY['election:{env.state.election}']"""
                  ).startswith(f"register_residents_v1:{BULK + 14},")
    page = env.stub.ListRoll(pb.ListRollRequest(election_id=env.state.election, limit=5), metadata=clerk(env), timeout=5)
    assert [entry.voter_number for entry in page.entries] == [1, 2, 3, 4, 5]


def adult_bulk(g: int) -> bool:
    born = date(1957, 1, 1) + timedelta(days=g * 37 % 25567)
    if (born.month, born.day) == (2, 29):
        return date(born.year + 18, 3, 1) <= ELECTION_DAY
    return date(born.year + 18, born.month, born.day) <= ELECTION_DAY


def test_regenerating_is_deterministic(env):
    summary = env.stub.GenerateRoll(env.pb.GenerateRollRequest(election_id=env.state.election),
                                    metadata=clerk(env), timeout=120)
    assert summary.digest == env.state.digest and not summary.closed


# --- polling stations ---------------------------------------------------------------------------------------------

def test_station_assignment_covers_every_voter(env):
    pb = env.pb
    def station(code, capacity, accessible=True):
        return env.stub.CreatePollingStation(pb.CreatePollingStationRequest(
            election_id=env.state.election, code=code, name=f"School {code}", capacity=capacity,
            accessible=accessible, address=pb.Address(street="Markt", house_number=code, postal_code="8000",
                                                      municipality=MUNICIPALITY)), metadata=clerk(env), timeout=5)
    odd, even, centre = station("001", 9000), station("002", 9000, accessible=False), station("003", 100)
    add = lambda station, street, low, high, parity: env.stub.AddStreetSection(pb.AddStreetSectionRequest(
        station_id=station.id, street=street, from_number=low, to_number=high, parity=parity),
        metadata=clerk(env), timeout=5)
    add(odd, "Bulkstraat", 1, 399, pb.PARITY_ODD)
    add(even, "bulkstraat", 2, 400, pb.PARITY_EVEN)
    error = rpc_error(lambda: add(centre, "BULKSTRAAT", 390, 500, pb.PARITY_ALL))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "001" in error.details()
    balance = env.stub.AssignStations(pb.AssignStationsRequest(election_id=env.state.election),
                                      metadata=clerk(env), timeout=60)
    assert balance.unassigned == 10  # Steenstraat has no section yet
    add(centre, "Steenstraat", 1, 99, pb.PARITY_ALL)
    balance = env.stub.AssignStations(pb.AssignStationsRequest(election_id=env.state.election),
                                      metadata=clerk(env), timeout=60)
    loads = {load.code: load for load in balance.stations}
    assert balance.unassigned == 0 and sum(load.voters for load in loads.values()) == balance.voters
    assert loads["003"].voters == 10 and loads["003"].percent_of_capacity == 10
    assert not loads["002"].accessible and not loads["001"].over_capacity
    env.state.stations = {"001": odd.id, "002": even.id, "003": centre.id}


def test_close_the_roll_and_see_an_amendment(env):
    pb = env.pb
    closed = env.stub.CloseRoll(pb.CloseRollRequest(election_id=env.state.election), metadata=clerk(env), timeout=30)
    assert closed.closed and closed.digest == env.state.digest
    again = rpc_error(lambda: env.stub.CloseRoll(pb.CloseRollRequest(election_id=env.state.election),
                                                 metadata=clerk(env, language="de"), timeout=5))
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION and "geschlossen" in again.details()
    # Stations no longer change.
    error = rpc_error(lambda: env.stub.CreatePollingStation(pb.CreatePollingStationRequest(
        election_id=env.state.election, code="009", name="Late", capacity=10,
        address=pb.Address(street="Markt", house_number="9", postal_code="8000", municipality=MUNICIPALITY)),
        metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    # A court decision after closing: the next generation records an amendment, the rest stays frozen.
    env.stub.RecordDeprivation(pb.RecordDeprivationRequest(
        national_number=number(env, "late"), until="2030-01-01", court_reference="Rb. Brugge 2027/9",
        **{"from": "2027-09-15"}), metadata=clerk(env), timeout=5)
    summary = env.stub.GenerateRoll(pb.GenerateRollRequest(election_id=env.state.election),
                                    metadata=clerk(env), timeout=120)
    assert summary.closed and summary.amendments == 1 and summary.digest != env.state.digest
    amendments = env.stub.ListAmendments(pb.ListAmendmentsRequest(election_id=env.state.election),
                                         metadata=clerk(env, language="nl"), timeout=5).amendments
    assert [(a.national_number, a.change, a.rule_before, a.rule_after) for a in amendments] == [
        (number(env, "late"), "removed", "included-belgian", "excluded-deprived")]
    assert "ontzet uit het kiesrecht" in amendments[0].explanation
    entry = explain(env, "late")
    assert entry.amended and not entry.included
    again = env.stub.GenerateRoll(pb.GenerateRollRequest(election_id=env.state.election),
                                  metadata=clerk(env), timeout=120)
    assert again.amendments == 0 and again.digest == summary.digest


# --- convocations -------------------------------------------------------------------------------------------------

def test_convocations_in_the_voters_language_with_progress(env):
    pb = env.pb
    env.stub.SetVoterLanguage(pb.SetVoterLanguageRequest(election_id=env.state.election,
                                                         national_number=number(env, "adult"), language="fr"),
                              metadata=clerk(env), timeout=5)
    error = rpc_error(lambda: env.stub.SetVoterLanguage(pb.SetVoterLanguageRequest(
        election_id=env.state.election, national_number=number(env, "adult"), language="de"),
        metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    progress = list(env.stub.GenerateConvocations(pb.GenerateConvocationsRequest(election_id=env.state.election),
                                                  metadata=clerk(env), timeout=300))
    voters = progress[-1].total
    assert progress[-1].finished and progress[-1].done == voters and len(progress) > 10
    assert [p.done for p in progress] == sorted(p.done for p in progress)
    # The Dutch applicant chose French; everyone else gets the first document language, Dutch.
    assert dict(progress[-1].by_language) == {"fr": 2, "nl": voters - 2}
    letter = env.stub.GetConvocation(pb.GetConvocationRequest(election_id=env.state.election,
                                                              national_number=number(env, "adult")),
                                     metadata=clerk(env), timeout=5)
    assert letter.language == "fr" and letter.station_id == env.state.stations["003"]
    assert "le 10 octobre 2027, de 08:00 à 14:00" in letter.text and "School 003" in letter.text
    dutch = env.stub.GetConvocation(pb.GetConvocationRequest(election_id=env.state.election,
                                                             national_number=number(env, "voter2")),
                                    metadata=clerk(env), timeout=5)
    assert dutch.language == "nl" and "op 10 oktober 2027, van 08:00 tot 14:00" in dutch.text
    error = rpc_error(lambda: env.stub.GetConvocation(pb.GetConvocationRequest(
        election_id=env.state.election, national_number=number(env, "under18")), metadata=clerk(env), timeout=5))
    assert error.code() == grpc.StatusCode.NOT_FOUND


# --- proxies ------------------------------------------------------------------------------------------------------

def test_proxy_rules(env):
    pb = env.pb
    env.stub.RegisterCandidate(pb.RegisterCandidateRequest(
        election_id=env.state.election, list_number=1, list_name="Lijst Een", position=1,
        national_number=number(env, "candidate"), name="Given Candidate"), metadata=clerk(env), timeout=5)
    def give(voter, holder, language="en", **fields):
        fields.setdefault("reason", pb.PROXY_REASON_ILLNESS)
        fields.setdefault("certificate_reference", "DR-2027-001")
        return env.stub.GiveProxy(pb.GiveProxyRequest(
            election_id=env.state.election, voter_national_number=number(env, voter),
            holder_national_number=number(env, holder), **fields), metadata=clerk(env, language=language), timeout=5)
    def refused(rule, *args, **fields):
        error = rpc_error(lambda: give(*args, **fields))
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION, error.details()
        assert f"({rule})" in error.details() or rule in error.details(), error.details()
        return error
    refused("proxy-reason-missing", "voter2", "holder", reason=pb.PROXY_REASON_UNSPECIFIED)
    refused("proxy-certificate-missing", "voter2", "holder", certificate_reference="")
    refused("proxy-voter-not-on-roll", "under18", "holder")
    refused("proxy-holder-not-on-roll", "voter2", "french")
    proxy = give("voter2", "holder", reason=pb.PROXY_REASON_WORK)
    assert proxy.reason == pb.PROXY_REASON_WORK
    error = refused("proxy-holder-already-holds", "voter3", "holder", language="nl")
    assert "maar één volmacht" in error.details()
    refused("proxy-voter-already-given", "voter2", "adult")
    error = refused("proxy-candidate-not-family", "voter3", "candidate", language="fr")
    assert "proche parent" in error.details()
    family = give("voter3", "candidate", relationship=pb.RELATIONSHIP_SIBLING)
    assert family.relationship == pb.RELATIONSHIP_SIBLING
    assert scalar(env, f"SELECT count(*) FROM elections.proxies WHERE election_id = '{env.state.election}'") == "2"


# --- results ------------------------------------------------------------------------------------------------------

def test_four_eyes_results(env):
    pb = env.pb
    station = env.state.stations["003"]
    counts = dict(ballots=10, blank=1, invalid=1, lists={1: 5, 2: 3}, candidates={"1-1": 4})
    enter = lambda key, language="en", **fields: env.stub.EnterResult(
        pb.EnterResultRequest(station_id=station, **fields), metadata=clerk(env, key, language=language), timeout=5)
    first = enter(env.keys.clerk, **counts)
    assert first.state == pb.RESULT_STATE_AWAITING_SECOND_ENTRY
    error = rpc_error(lambda: enter(env.keys.clerk, language="nl", **counts))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "result-same-principal" in error.details()
    assert "andere persoon" in error.details()
    inconsistent = dict(counts, ballots=11)
    assert "result-inconsistent" in rpc_error(lambda: enter(env.keys.second, **inconsistent)).details()
    different = dict(counts, lists={1: 4, 2: 4})
    mismatch = enter(env.keys.second, **different)
    assert mismatch.state == pb.RESULT_STATE_MISMATCH
    assert [(d.item, d.first, d.second) for d in mismatch.differences] == [("list:1", 5, 4), ("list:2", 3, 4)]
    # The difference blocks acceptance: no third entry, no totals.
    assert "result-entries-complete" in rpc_error(lambda: enter(env.keys.third, **counts)).details()
    totals = env.stub.GetResultTotals(pb.GetResultTotalsRequest(election_id=env.state.election),
                                      metadata=clerk(env), timeout=5)
    assert totals.stations_accepted == 0 and list(totals.lists) == []
    resolved = env.stub.ResolveResult(pb.ResolveResultRequest(station_id=station, discard=pb.DISCARD_SECOND,
                                                              reason="typing error on list 1"),
                                      metadata=clerk(env, env.keys.third), timeout=5)
    assert resolved.state == pb.RESULT_STATE_AWAITING_SECOND_ENTRY
    accepted = enter(env.keys.third, **counts)
    assert accepted.state == pb.RESULT_STATE_ACCEPTED and dict(accepted.lists) == {1: 5, 2: 3}
    assert "result-already-accepted" in rpc_error(lambda: enter(env.keys.second, **counts)).details()
    totals = env.stub.GetResultTotals(pb.GetResultTotalsRequest(election_id=env.state.election),
                                      metadata=clerk(env), timeout=5)
    assert [(t.list_number, t.list_name, t.votes) for t in totals.lists] == [(1, "Lijst Een", 5), (2, "", 3)]
    assert (totals.ballots, totals.stations_accepted, totals.stations_total) == (10, 1, 3)
    assert dict(totals.candidates) == {"1-1": 4}
    # Every entry and the discard are audited.
    assert scalar(env, f"""SELECT count(*) FROM core.audit_log
                           WHERE subjects @> ARRAY['polling-station:{station}'] AND outcome = 'ok'
                             AND method LIKE '%Result'""") == "5"


def test_personal_data_methods_need_a_purpose(env):
    error = rpc_error(lambda: env.stub.ExplainVoter(env.pb.ExplainVoterRequest(
        election_id=env.state.election, national_number=number(env, "adult")),
        metadata=metadata(env.keys.clerk), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT


# --- without the civil registry -----------------------------------------------------------------------------------

def test_without_the_civil_registry_plugin_the_roll_is_a_failed_precondition(stubs):
    database = f"loket_elections_nocr_{secrets.token_hex(4)}"
    create_database(database)
    server = None
    try:
        server, keys = start_server(stubs, database, ["--set", "plugins.disabled=civil-registry"])
        channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
        enable(stubs, channel, keys, ["elections"])
        pb, stub = stubs.el, stubs.el_grpc.ElectionsStub(channel)
        deadline = time.monotonic() + 5
        while True:
            try:
                election = stub.CreateElection(pb.CreateElectionRequest(
                    kind=pb.ELECTION_KIND_FEDERAL, name="Federaal", municipality=MUNICIPALITY,
                    election_day="2029-06-10", reference_date="2029-03-01"),
                    metadata=metadata(keys.clerk), timeout=5)
                break
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.PERMISSION_DENIED or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        error = rpc_error(lambda: stub.GenerateRoll(pb.GenerateRollRequest(election_id=election.id),
                                                    metadata=metadata(keys.clerk, "en", "roll"), timeout=10))
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "civil registry plugin" in error.details()
        channel.close()
    finally:
        if server is not None:
            server.terminate()
            assert server.wait(10) == 0, server.log
        subprocess.run(["dropdb", "--if-exists", database], timeout=60)
