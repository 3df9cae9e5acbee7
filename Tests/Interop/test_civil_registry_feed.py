"""The civil registry's register feed end to end (issue 6, point 7): `WatchChanges` on a real loketd.

An integration watches from cursor 0 while a writer thread keeps creating persons, moving them and registering
marriages; the stream is cut (the client cancels) and resumed from the last cursor seen, several times. In the
end the changes received are exactly the feed's outbox, cursor for cursor, without gaps or repeats, and carry only
the fields of the requested information types. Each batch sent is audited with the persons it names.
"""

from __future__ import annotations

import queue
import secrets
import subprocess
import threading
import time
from types import SimpleNamespace

import grpc
import pytest

from conftest import loketd_binary
from host_support import Key, create_database, database_url, generated_modules, metadata, psql
from interop_support import Loketd

PLUGIN = "civil-registry"
FEED_SCOPE = "civil-registry.feed.read"
PURPOSE = "population register synchronisation"


@pytest.fixture(scope="module")
def stubs(tmp_path_factory) -> SimpleNamespace:
    return generated_modules(
        tmp_path_factory.mktemp("civil_feed_stubs"),
        ["loket/admin/v1/admin.proto", "loket/civilregistry/v1/civil_registry.proto"],
        {"admin": "loket.admin.v1.admin_pb2", "admin_grpc": "loket.admin.v1.admin_pb2_grpc",
         "cr": "loket.civilregistry.v1.civil_registry_pb2",
         "cr_grpc": "loket.civilregistry.v1.civil_registry_pb2_grpc"})


@pytest.fixture(scope="module")
def env(stubs) -> SimpleNamespace:
    database = f"loket_feed_{secrets.token_hex(4)}"
    create_database(database)
    server = None
    try:
        server = Loketd(loketd_binary(), ["--database-url", database_url(database),
                                          "--set", "server.grace_period_seconds=2"]).start()
        psql(database, """
            INSERT INTO core.departments (id, name) VALUES ('burgerzaken', 'Burgerzaken');
            NOTIFY loket_directory;""")
        keys = SimpleNamespace(
            admin=Key.seed(database, "admin", "administrator", None),
            clerk=Key.seed(database, "an.peeters", "clerk", "burgerzaken"),
            federal=Key.seed(database, "federal-link", "integration", "burgerzaken", [FEED_SCOPE]),
            hospital=Key.seed(database, "az-sint-jan", "integration", "burgerzaken",
                              ["civil-registry.births.notify"]),
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


def clerk(env):
    return metadata(env.keys.clerk, language="en", purpose="civil status file")


def national_number(year: int, month: int, day: int, sequence: int) -> str:
    """A valid national register number (check digits by the rule for the birth century)."""
    nine = f"{year % 100:02d}{month:02d}{day:02d}{sequence:03d}"
    base = int(("2" if year >= 2000 else "") + nine)
    return nine + f"{97 - base % 97:02d}"


def scalar(env, sql: str) -> str:
    return psql(env.database, f"COPY ({sql}) TO STDOUT").stdout.strip()


class Watcher:
    """One WatchChanges call read on a thread of its own; `changes` fills as messages arrive."""

    def __init__(self, env, after: int, types: list[str], key=None, purpose=PURPOSE, language="en"):
        request = env.pb.WatchChangesRequest(after_cursor=after, information_types=types)
        self.call = env.stub.WatchChanges(request, metadata=metadata(key or env.keys.federal, language=language,
                                                                      purpose=purpose), timeout=120)
        self.changes: queue.Queue = queue.Queue()
        self.error: grpc.RpcError | None = None
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        try:
            for change in self.call:
                self.changes.put(change)
        except grpc.RpcError as error:
            self.error = error

    def take(self, count: int, timeout: float = 15.0) -> list:
        deadline = time.monotonic() + timeout
        taken = []
        while len(taken) < count:
            try:
                taken.append(self.changes.get(timeout=max(0.01, deadline - time.monotonic())))
            except queue.Empty:
                break
        return taken

    def cancel(self) -> list:
        """Cuts the stream; returns what arrived before the cut and was not taken yet."""
        self.call.cancel()
        self.thread.join(10)
        rest = []
        while not self.changes.empty():
            rest.append(self.changes.get())
        return rest


def register_marriage(env, first, second, day: str) -> None:
    pb = env.pb
    act = env.stub.CreateAct(pb.CreateActRequest(type=pb.ACT_TYPE_MARRIAGE, data=pb.ActData(
        person_id=first, partner_id=second, event_date=day)), metadata=clerk(env), timeout=5)
    for action in (pb.ACT_ACTION_DECLARED, pb.ACT_ACTION_VALIDATED, pb.ACT_ACTION_REGISTERED):
        env.stub.RecordAction(pb.RecordActionRequest(act_id=act.id, action=action), metadata=clerk(env), timeout=5)


def writer(env, stop: threading.Event, done: list, start_sequence: int) -> None:
    """Creates persons, moves them and marries pairs of them until `stop`; appends what it did to `done`."""
    pb = env.pb
    sequence = start_sequence
    previous = None
    index = 0
    while not stop.is_set():
        number = national_number(1990, 1 + sequence % 12, 1 + sequence % 28, sequence)
        address = pb.Address(street="Demostraat", house_number=str(sequence), postal_code="8000",
                             municipality="Brugge")
        person = env.stub.CreatePerson(pb.CreatePersonRequest(
            national_number=number, family_name="Persoon", given_names=f"Demo {sequence}", address=address),
            metadata=clerk(env), timeout=5)
        done.append(("created", person.id))
        moved_to = pb.Address(street="Voorbeeldlaan", house_number=str(sequence), postal_code="8200",
                              municipality="Brugge")
        env.stub.RecordMove(pb.RecordMoveRequest(person_id=person.id, address=moved_to, since="2099-01-01"),
                            metadata=clerk(env), timeout=5)
        done.append(("moved", person.id))
        if index % 2 == 1:  # the second of each pair marries the first
            register_marriage(env, previous, person.id, "2026-02-14")
            done.append(("married", person.id))
        previous = person.id
        index += 1
        sequence += 2  # odd sequences: men's numbers
    return None


ALLOWED_PERSON_FIELDS = {"id", "national_number", "family_name", "given_names", "address", "register_type",
                         "civil_status", "spouse_id"}


def test_feed_resumes_without_gaps_or_repeats_while_writes_continue(env):
    pb = env.pb
    types = ["010", "TI 020", "120"]
    stop = threading.Event()
    done: list = []
    thread = threading.Thread(target=writer, args=(env, stop, done, 1), daemon=True)
    received = []
    try:
        thread.start()
        cursor = 0
        # Cut the stream four times while the writer goes on, each time at a different point.
        for cut in (3, 7, 1, 12):
            watcher = Watcher(env, cursor, types)
            got = watcher.take(cut)
            assert len(got) == cut, (watcher.error, len(got))
            got += watcher.cancel()
            assert watcher.error is None or watcher.error.code() == grpc.StatusCode.CANCELLED, watcher.error
            received += got
            cursor = received[-1].cursor
            time.sleep(0.1)
        # Let the writer get to a registered act or two before it stops.
        deadline = time.monotonic() + 30
        while sum(1 for kind, _ in done if kind == "married") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()
    # After the writer stopped: resume once more and read up to the last change committed.
    last = int(scalar(env, "SELECT last_cursor FROM civil_registry.feed_counter"))
    watcher = Watcher(env, cursor, types)
    while cursor < last:
        got = watcher.take(1, timeout=15)
        assert got, f"the feed stopped at {cursor} of {last}"
        received += got
        cursor = got[-1].cursor
    # Live: nothing more arrives, then each new change arrives on the open call, woken by NOTIFY: three of them
    # take well under the 1.5 s that the one-second poll alone would average.
    assert watcher.take(1, timeout=0.5) == []
    waited = 0.0
    for sequence in (501, 503, 505):
        live = env.stub.CreatePerson(pb.CreatePersonRequest(
            national_number=national_number(1991, 5, 5, sequence), family_name="Persoon", given_names="Live"),
            metadata=clerk(env), timeout=5)
        started = time.monotonic()
        got = watcher.take(1, timeout=10)
        waited += time.monotonic() - started
        assert [c.person.id for c in got] == [live.id]
        done.append(("created", live.id))
        received += got
    watcher.cancel()
    assert waited < 1.2, waited

    cursors = [change.cursor for change in received]
    assert cursors == sorted(set(cursors)), "a change came twice or out of order"
    outbox = [int(line) for line in psql(env.database, "COPY (SELECT cursor FROM civil_registry.feed ORDER BY cursor)"
                                                       " TO STDOUT").stdout.split()]
    assert cursors == outbox
    assert outbox == list(range(1, len(outbox) + 1)), "cursors have no gaps"
    kinds = {change.kind for change in received}
    assert {pb.CHANGE_KIND_PERSON_CREATED, pb.CHANGE_KIND_MOVED, pb.CHANGE_KIND_ACT_REGISTERED} <= kinds
    assert any(kind == "married" for kind, _ in done)
    assert sum(1 for c in received if c.kind == pb.CHANGE_KIND_PERSON_CREATED) == sum(
        1 for kind, _ in done if kind == "created")

    # Only the requested types' fields.
    for change in received:
        present = {field.name for field, _ in change.person.ListFields()}
        assert present <= ALLOWED_PERSON_FIELDS, (change.cursor, present - ALLOWED_PERSON_FIELDS)
        assert set(change.information_types) <= {"010", "020", "120"}
    created = next(c for c in received if c.kind == pb.CHANGE_KIND_PERSON_CREATED)
    assert created.person.family_name == "Persoon" and created.person.address.postal_code == "8000"
    assert created.person.birth_date == "" and created.person.sex == pb.SEX_UNSPECIFIED
    assert created.residence_since != "" and created.information_types == ["010", "020", "120"]
    moved = next(c for c in received if c.kind == pb.CHANGE_KIND_MOVED)
    assert moved.information_types == ["020"] and moved.person.address.postal_code == "8200"
    assert moved.residence_since == "2099-01-01"
    married = next(c for c in received if c.kind == pb.CHANGE_KIND_ACT_REGISTERED)
    assert married.act_type == pb.ACT_TYPE_MARRIAGE and married.act_id
    assert married.person.civil_status == pb.CIVIL_STATUS_MARRIED and married.person.spouse_id
    assert married.information_types == ["120"]

    # One audit record per batch, naming the persons sent, with the types and the purpose.
    audited = psql(env.database, """
        COPY (SELECT array_to_string(subjects, ' ') FROM core.audit_log
              WHERE method = '/loket.civilregistry.v1.CivilRegistry/WatchChanges' AND principal_name = 'federal-link'
                AND action = 'read' AND information = ARRAY['ti:010', 'ti:020', 'ti:120']
                AND purpose = 'population register synchronisation' AND outcome = 'ok'
              ORDER BY id) TO STDOUT""").stdout.split("\n")
    audited = [line for line in audited if line]
    assert 1 <= len(audited) <= len(received)
    subjects = {subject for line in audited for subject in line.split(" ")}
    expected = {f"person:{c.person.national_number}" for c in received}
    assert expected <= subjects


def test_only_changes_touching_the_requested_types_are_sent(env):
    pb = env.pb
    last = int(scalar(env, "SELECT last_cursor FROM civil_registry.feed_counter"))
    deaths = Watcher(env, last, ["150"])
    person = env.stub.CreatePerson(pb.CreatePersonRequest(
        national_number=national_number(1950, 3, 3, 777), family_name="Persoon", given_names="Oud"),
        metadata=clerk(env), timeout=5)
    created = deaths.take(1)
    assert [c.kind for c in created] == [pb.CHANGE_KIND_PERSON_CREATED]
    assert created[0].person.family_name == "" and created[0].person.date_of_death == ""
    env.stub.RecordMove(pb.RecordMoveRequest(person_id=person.id, address=pb.Address(
        street="Demostraat", house_number="99", postal_code="8000", municipality="Brugge"), since="2099-02-01"),
        metadata=clerk(env), timeout=5)
    act = env.stub.CreateAct(pb.CreateActRequest(type=pb.ACT_TYPE_DEATH, data=pb.ActData(
        person_id=person.id, event_date="2099-03-01", place="Brugge")), metadata=clerk(env), timeout=5)
    for action in (pb.ACT_ACTION_DECLARED, pb.ACT_ACTION_VALIDATED, pb.ACT_ACTION_REGISTERED):
        env.stub.RecordAction(pb.RecordActionRequest(act_id=act.id, action=action), metadata=clerk(env), timeout=5)
    died = deaths.take(1)
    deaths.cancel()
    # The move touched no requested type: the next change sent is the death.
    assert [c.kind for c in died] == [pb.CHANGE_KIND_ACT_REGISTERED]
    assert died[0].person.date_of_death == "2099-03-01" and died[0].person.place_of_death == "Brugge"
    assert died[0].information_types == ["150"] and died[0].act_type == pb.ACT_TYPE_DEATH
    assert died[0].person.address.ByteSize() == 0 and died[0].person.given_names == ""


def test_a_person_found_to_be_a_duplicate_reaches_every_integration_with_the_record_to_use(env):
    pb = env.pb
    last = int(scalar(env, "SELECT last_cursor FROM civil_registry.feed_counter"))
    residence = Watcher(env, last, ["020"])
    original = env.stub.CreatePerson(pb.CreatePersonRequest(
        national_number=national_number(1961, 6, 6, 555), family_name="Dubbel", given_names="Dirk"),
        metadata=clerk(env), timeout=5)
    # The same man under a bis number (month + 40): flagged, which is no register change of its own.
    second = env.stub.CreatePerson(pb.CreatePersonRequest(
        national_number=national_number(1961, 46, 6, 557), family_name="Dubbel", given_names="Dirk"),
        metadata=clerk(env), timeout=5)
    assert list(second.possible_duplicate_of) == [original.id]
    created = residence.take(2)
    assert [c.kind for c in created] == [pb.CHANGE_KIND_PERSON_CREATED] * 2
    [flag] = env.stub.ListPersonDuplicates(pb.ListPersonDuplicatesRequest(person_id=second.id), metadata=clerk(env),
                                           timeout=5).duplicates
    env.stub.ResolvePersonDuplicate(pb.ResolvePersonDuplicateRequest(
        id=flag.id, verdict=pb.DUPLICATE_VERDICT_DUPLICATE, reason="one man, two numbers"), metadata=clerk(env),
        timeout=5)
    [marked] = residence.take(1)
    residence.cancel()
    assert marked.kind == pb.CHANGE_KIND_MARKED_DUPLICATE and marked.cursor == created[-1].cursor + 1
    # Every type is touched; the integration gets its own types' fields, and whom the change is about.
    assert list(marked.information_types) == ["020"]
    assert (marked.person.id, marked.person.duplicate_of) == (second.id, original.id)
    assert marked.person.national_number == second.national_number and marked.person.family_name == ""
    assert list(marked.person.possible_duplicate_of) == []


def test_the_feed_is_for_integrations_with_the_scope_a_purpose_and_known_types(env):
    pb = env.pb

    def refused(**kw) -> grpc.RpcError:
        watcher = Watcher(env, **kw)
        watcher.thread.join(10)
        assert watcher.error is not None
        return watcher.error

    assert refused(after=0, types=["010"], key=env.keys.clerk).code() == grpc.StatusCode.PERMISSION_DENIED
    assert refused(after=0, types=["010"], key=env.keys.hospital).code() == grpc.StatusCode.PERMISSION_DENIED
    assert refused(after=0, types=["010"], purpose=None).code() == grpc.StatusCode.INVALID_ARGUMENT
    expected = {"nl": "informatietype", "fr": "type d'information", "de": "Informationstyp",
                "en": "information type"}
    for language, words in expected.items():
        error = refused(after=0, types=["010", "999"], language=language)
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and words in error.details(), error.details()
        assert "999" in error.details() and "150" in error.details()
    assert refused(after=0, types=[]).code() == grpc.StatusCode.INVALID_ARGUMENT
    assert refused(after=-1, types=["010"]).code() == grpc.StatusCode.INVALID_ARGUMENT
    error = refused(after=10_000_000, types=["010"])
    assert error.code() == grpc.StatusCode.OUT_OF_RANGE and "10000000" in error.details()
    # Nothing was read, so nothing was audited for these calls.
    assert scalar(env, "SELECT count(*) FROM core.audit_log WHERE method LIKE '%WatchChanges' "
                       "AND principal_name <> 'federal-link' AND outcome = 'ok'") == "0"
