"""The correspondence plugin end to end (issue 9): the real loketd on a database of its own, through grpcio.

Gapless reference numbers under 50 concurrent registrations of which some roll back, both workflows, a reply that
closes its items, due dates across a weekend and public holidays (by channel, department, and department and
channel), suspension and extension, the deadline lists and the reminders stream, full-text search by stem in Dutch
and French with confidentiality, and beyond 1,000 matches (a bounded count, newest-first pages), attachments that
round-trip with the same SHA-256, contacts deduplicated and audited, statistics.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib
import os
import re
import secrets
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import grpc
import pytest

from conftest import loketd_binary
from host_support import Key, create_database, database_url, metadata, psql
from interop_support import REPO_ROOT, Loketd

PROTOS = REPO_ROOT / "Protos"
PURPOSE = "mail registration"


@pytest.fixture(scope="module")
def stubs(tmp_path_factory) -> SimpleNamespace:
    out = tmp_path_factory.mktemp("correspondence_stubs")
    command = [sys.executable, "-m", "grpc_tools.protoc", f"--python_out={out}", f"--grpc_python_out={out}",
               f"--proto_path={PROTOS}", "loket/admin/v1/admin.proto",
               "loket/correspondence/v1/correspondence.proto"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for package in ("loket", "loket/admin", "loket/admin/v1", "loket/correspondence", "loket/correspondence/v1"):
        (out / package / "__init__.py").touch()
    # Other modules generate their own `loket` package: import ours afresh, and leave none behind.
    forget_loket_modules()
    sys.path.insert(0, str(out))
    module = importlib.import_module
    yield SimpleNamespace(
        admin=module("loket.admin.v1.admin_pb2"), admin_grpc=module("loket.admin.v1.admin_pb2_grpc"),
        pb=module("loket.correspondence.v1.correspondence_pb2"),
        grpc=module("loket.correspondence.v1.correspondence_pb2_grpc"))
    sys.path.remove(str(out))
    forget_loket_modules()


def forget_loket_modules() -> None:
    for name in [name for name in sys.modules if name == "loket" or name.startswith("loket.")]:
        del sys.modules[name]


@pytest.fixture(scope="module")
def env(stubs) -> SimpleNamespace:
    database = f"loket_corr_{secrets.token_hex(4)}"
    create_database(database)
    server = None
    try:
        args = ["--database-url", database_url(database), "--set", "server.grace_period_seconds=2",
                "--set", "database.pool_size=20"]
        server = Loketd(loketd_binary(), args).start()
        psql(database, """
            INSERT INTO core.departments (id, name) VALUES ('onthaal', 'Onthaal'), ('burgerzaken', 'Burgerzaken'),
                ('financien', 'Financiën'), ('archief', 'Archief');
            NOTIFY loket_directory;""")
        keys = SimpleNamespace(
            admin=Key.seed(database, "admin", "administrator", None),
            # Plugins are used from a department, administrators too.
            chief=Key.seed(database, "chef.secretariaat", "administrator", "onthaal"),
            desk=Key.seed(database, "els.wouters", "clerk", "onthaal"),
            clerk=Key.seed(database, "an.peeters", "clerk", "burgerzaken"),
            other=Key.seed(database, "jan.janssens", "clerk", "financien"),
            archive=Key.seed(database, "archive-sync", "integration", "archief",
                             ["correspondence.items.read", "correspondence.items.confidential"]),
            scanner=Key.seed(database, "scanner-1", "integration", "onthaal", ["correspondence.items.register"]),
        )
        channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
        admin = stubs.admin_grpc.AdminStub(channel)
        for department in ("onthaal", "burgerzaken", "financien", "archief"):
            admin.EnablePlugin(stubs.admin.PluginEnablementRequest(plugin_id="correspondence", department_id=department),
                               metadata=metadata(keys.admin), timeout=5)
        yield SimpleNamespace(database=database, keys=keys, server=server, pb=stubs.pb,
                              stub=stubs.grpc.CorrespondenceStub(channel))
        channel.close()
    finally:
        if server is not None:
            server.terminate()
            assert server.wait(10) == 0, server.log
        subprocess.run(["dropdb", "--if-exists", database], timeout=60)


def md(key, language=None, purpose=PURPOSE):
    return metadata(key, language=language, purpose=purpose)


def contact(pb, name="Marie Dubois", email="", address="", national_number=""):
    return pb.Contact(name=name, email=email, postal_address=address, national_number=national_number)


def register(env, key=None, *, direction=None, channel=None, subject="Aanvraag", language="nl", contacts=None,
             received_on="", attachments=(), confidential=False, answers=(), tags=(), notes="", lang=None):
    pb = env.pb
    request = pb.RegisterItemRequest(
        direction=direction or pb.DIRECTION_INCOMING, channel=channel or pb.CHANNEL_LETTER, subject=subject,
        language=language, contacts=contacts or [contact(pb)], received_on=received_on,
        attachments=list(attachments), confidential=confidential, answers=list(answers), tags=list(tags), notes=notes)
    return env.stub.RegisterItem(request, metadata=md(key or env.keys.desk, lang), timeout=10)


def transition(env, item, action, key=None, **fields):
    request = env.pb.TransitionRequest(item=item, action=action, **fields)
    return env.stub.Transition(request, metadata=md(key or env.keys.clerk), timeout=10)


def rpc_error(call) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call()
    return raised.value


def sql(env, query: str) -> list[str]:
    result = psql(env.database, f"COPY ({query}) TO STDOUT")
    return [line for line in result.stdout.splitlines() if line]


# Registration and numbering


def test_fifty_concurrent_registrations_with_rollbacks_leave_gapless_unique_numbers(env):
    pb = env.pb
    content = b"scanned letter"
    good = hashlib.sha256(content).hexdigest()
    bad = hashlib.sha256(b"something else").hexdigest()
    barrier = threading.Barrier(50)

    def one(index: int):
        # Every fifth registration states a hash its attachment does not have: it fails after taking its number.
        attachment = pb.AttachmentUpload(filename=f"scan-{index}.txt", media_type="text/plain", content=content,
                                         expected_sha256=bad if index % 5 == 0 else good)
        barrier.wait(timeout=30)
        try:
            return register(env, subject=f"Brief {index}", attachments=[attachment],
                            contacts=[contact(pb, name=f"Afzender {index}")]).reference
        except grpc.RpcError as error:
            assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error.details()
            assert good in error.details()
            return None

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(one, range(50)))
    references = [r for r in results if r is not None]
    assert len(references) == 40 and results.count(None) == 10
    assert len(set(references)) == 40
    year = references[0][:4]
    assert all(re.fullmatch(rf"{year}/IN/\d{{6}}", r) for r in references)
    numbers = sorted(int(r.split("/")[2]) for r in references)
    stored = [int(n) for n in sql(env, f"SELECT number FROM correspondence.items WHERE year = {year} "
                                        "AND direction = 'in' ORDER BY number")]
    # No gaps and no duplicates in the whole year's incoming register, and the counter agrees.
    assert stored == list(range(1, len(stored) + 1))
    assert set(numbers) <= set(stored)
    assert sql(env, f"SELECT last_number FROM correspondence.counters WHERE year = {year} AND direction = 'in'") \
        == [str(len(stored))]
    # The rolled-back registrations left nothing: no contacts, no items, no audit records.
    rolled_back = [f"Afzender {i}" for i in range(0, 50, 5)]
    names = ",".join(f"'{n}'" for n in rolled_back)
    assert sql(env, f"SELECT count(*) FROM correspondence.contacts WHERE name IN ({names})") == ["0"]
    assert sql(env, "SELECT count(*) FROM correspondence.items WHERE subject IN "
                    f"({','.join(repr(f'Brief {i}') for i in range(0, 50, 5))})") == ["0"]


def test_outgoing_numbers_are_counted_on_their_own(env):
    pb = env.pb
    first = register(env, direction=pb.DIRECTION_OUTGOING, subject="Antwoord A")
    second = register(env, direction=pb.DIRECTION_OUTGOING, subject="Antwoord B")
    assert re.fullmatch(r"\d{4}/OUT/\d{6}", first.reference)
    assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1
    assert first.status == pb.STATUS_DRAFT and first.due_on == ""
    # Found by reference as well as by id.
    assert env.stub.GetItem(pb.GetItemRequest(item=first.reference), metadata=md(env.keys.clerk), timeout=5).id \
        == first.id


def test_attachments_round_trip_with_the_same_hash(env):
    pb = env.pb
    blob = os.urandom(1_500_000)
    text = "Geachte, hierbij mijn aanvraag voor parkeerkaarten.\n".encode()
    item = register(env, subject="Bijlagen", attachments=[
        pb.AttachmentUpload(filename="scan.pdf", media_type="application/pdf", content=blob),
        pb.AttachmentUpload(filename="mail.txt", media_type="text/plain", content=text,
                            expected_sha256=hashlib.sha256(text).hexdigest().upper()),
    ])
    assert [a.sha256 for a in item.attachments] == [hashlib.sha256(blob).hexdigest(), hashlib.sha256(text).hexdigest()]
    assert [a.size for a in item.attachments] == [len(blob), len(text)]
    for info, content in zip(item.attachments, (blob, text)):
        got = env.stub.GetAttachment(pb.GetAttachmentRequest(id=info.id), metadata=md(env.keys.clerk), timeout=10)
        assert got.content == content
        assert got.info.sha256 == hashlib.sha256(got.content).hexdigest() == info.sha256
    # The text of a plain-text attachment is searchable, by stem.
    hits = search(env, env.keys.clerk, "parkeerkaart", language="nl")
    assert item.id in [h.item.id for h in hits.hits]
    # Too large for one call: refused before any work, in the caller's language.
    error = rpc_error(lambda: register(env, lang="de", attachments=[
        pb.AttachmentUpload(filename="big.bin", media_type="application/octet-stream", content=b"x" * 3_800_000)]))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "Anhänge" in error.details()


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF that shows `text` (ASCII) in Helvetica, with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_the_text_of_a_pdf_attachment_is_searchable(env):
    pb = env.pb
    pdf = minimal_pdf("Bezwaarschrift tegen de belastingaanslagen van vorig jaar")
    item = register(env, subject="Ingescand document", attachments=[
        pb.AttachmentUpload(filename="bezwaar.pdf", media_type="application/pdf", content=pdf)])
    assert item.attachments[0].sha256 == hashlib.sha256(pdf).hexdigest()
    hits = search(env, env.keys.clerk, "belastingaanslag", language="nl")
    assert [h.item.id for h in hits.hits] == [item.id]
    # A file that only claims to be a PDF is stored all the same, without text.
    broken = register(env, subject="Kapot bestand", attachments=[
        pb.AttachmentUpload(filename="kapot.pdf", media_type="application/pdf", content=b"%PDF-1.4 garbage")])
    assert broken.attachments[0].size == len(b"%PDF-1.4 garbage")


def test_contacts_are_deduplicated_and_their_use_audited(env):
    pb = env.pb
    first = register(env, contacts=[contact(pb, name="Sophie Claes", email="Sophie.Claes@example.be",
                                            national_number="85073003328")])
    second = register(env, contacts=[contact(pb, name="S. Claes", email="sophie.claes@EXAMPLE.be")])
    assert first.contacts[0].id == second.contacts[0].id
    assert second.contacts[0].national_number == "85073003328"
    env.stub.GetItem(pb.GetItemRequest(item=second.id), metadata=md(env.keys.clerk, purpose="answering"), timeout=5)
    rows = sql(env, "SELECT action || ' ' || principal_name || ' ' || coalesce(purpose, '') FROM core.audit_log "
                    "WHERE subjects @> ARRAY['person:85073003328'] ORDER BY id")
    assert rows == [f"create els.wouters {PURPOSE}", f"create els.wouters {PURPOSE}", "read an.peeters answering"]
    # Personal data needs a purpose.
    error = rpc_error(lambda: env.stub.GetItem(pb.GetItemRequest(item=first.id), metadata=md(env.keys.clerk, purpose=None),
                                               timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_an_integration_with_the_scope_registers_and_a_clerk_without_the_plugin_cannot(env):
    item = register(env, env.keys.scanner, channel=env.pb.CHANNEL_EMAIL, subject="Gescande brief")
    assert item.registered_by == "scanner-1"
    error = rpc_error(lambda: env.stub.Transition(env.pb.TransitionRequest(item=item.id, action=env.pb.ACTION_DISPATCH,
                                                                           department_id="burgerzaken"),
                                                  metadata=md(env.keys.scanner), timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED


# Workflows


def test_incoming_workflow_with_append_only_history(env):
    pb = env.pb
    item = register(env, subject="Vraag over huisvuil")
    assert item.status == pb.STATUS_REGISTERED
    error = rpc_error(lambda: transition(env, item.id, pb.ACTION_START_TREATMENT))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    error = rpc_error(lambda: env.stub.Transition(pb.TransitionRequest(item=item.id, action=pb.ACTION_CLOSE),
                                                  metadata=md(env.keys.clerk, "fr"), timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "statut registered" in error.details()
    error = rpc_error(lambda: transition(env, item.id, pb.ACTION_DISPATCH, department_id="nergens"))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    item = transition(env, item.id, pb.ACTION_DISPATCH, department_id="burgerzaken")
    assert item.status == pb.STATUS_DISPATCHED and item.department_id == "burgerzaken"
    item = transition(env, item.id, pb.ACTION_ASSIGN, agent="an.peeters")
    assert item.status == pb.STATUS_ASSIGNED and item.agent == "an.peeters"
    item = transition(env, item.id, pb.ACTION_START_TREATMENT)
    assert item.status == pb.STATUS_IN_TREATMENT
    item = transition(env, item.id, pb.ACTION_ANSWER, note="telefonisch beantwoord")
    assert item.status == pb.STATUS_ANSWERED and item.answered_on != ""
    item = transition(env, item.id, pb.ACTION_CLOSE)
    assert item.status == pb.STATUS_CLOSED
    history = env.stub.ListHistory(pb.ListHistoryRequest(item=item.reference), metadata=md(env.keys.clerk), timeout=5)
    assert [e.action for e in history.entries] == ["register", "dispatch", "assign", "start_treatment", "answer", "close"]
    assert [e.to_status for e in history.entries] == [pb.STATUS_REGISTERED, pb.STATUS_DISPATCHED, pb.STATUS_ASSIGNED,
                                                      pb.STATUS_IN_TREATMENT, pb.STATUS_ANSWERED, pb.STATUS_CLOSED]
    assert history.entries[4].note == "telefonisch beantwoord"
    # The history cannot be changed, not even by the database role loketd uses.
    result = psql(env.database, "DELETE FROM correspondence.history", check=False)
    assert result.returncode != 0 and "append-only" in result.stderr
    result = psql(env.database, "UPDATE correspondence.history SET note = 'x'", check=False)
    assert result.returncode != 0


def test_outgoing_workflow_and_a_sent_reply_closes_its_items(env):
    pb = env.pb
    question = register(env, subject="Vraag om informatie over premies")
    transition(env, question.id, pb.ACTION_DISPATCH, department_id="burgerzaken")
    other = register(env, subject="Tweede vraag over premies")
    # A third one was answered by phone before the written reply.
    phoned = register(env, subject="Derde vraag over premies")
    for action, fields in ((pb.ACTION_DISPATCH, {"department_id": "burgerzaken"}),
                           (pb.ACTION_ASSIGN, {"agent": "an.peeters"}), (pb.ACTION_START_TREATMENT, {}),
                           (pb.ACTION_ANSWER, {"note": "telefonisch"})):
        phoned = transition(env, phoned.id, action, **fields)
    error = rpc_error(lambda: register(env, subject="Fout", answers=[question.id]))  # an incoming item cannot answer
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    reply = register(env, env.keys.clerk, direction=pb.DIRECTION_OUTGOING, subject="Antwoord over premies",
                     answers=[question.id, other.id, phoned.id])
    assert sorted(reply.answers) == sorted([question.id, other.id, phoned.id])
    for action, status in ((pb.ACTION_SUBMIT_FOR_SIGNATURE, pb.STATUS_TO_SIGN), (pb.ACTION_RETURN_TO_DRAFT, pb.STATUS_DRAFT),
                           (pb.ACTION_SUBMIT_FOR_SIGNATURE, pb.STATUS_TO_SIGN), (pb.ACTION_SIGN, pb.STATUS_SIGNED)):
        assert transition(env, reply.id, action).status == status
    # Not answered before the reply is sent.
    got = env.stub.GetItem(pb.GetItemRequest(item=question.id), metadata=md(env.keys.clerk), timeout=5)
    assert got.status == pb.STATUS_DISPATCHED and list(got.answered_by) == [reply.id]
    sent = transition(env, reply.id, pb.ACTION_SEND)
    assert sent.status == pb.STATUS_SENT and sent.sent_on != ""
    # The reply answered the open items and closed them, and closed the one answered by phone.
    for item in (question, other, phoned):
        got = env.stub.GetItem(pb.GetItemRequest(item=item.id), metadata=md(env.keys.clerk), timeout=5)
        assert got.status == pb.STATUS_CLOSED and got.answered_on == sent.sent_on
        history = env.stub.ListHistory(pb.ListHistoryRequest(item=item.id), metadata=md(env.keys.clerk), timeout=5)
        steps = ["answer_by_reply", "close_by_reply"] if item is not phoned else ["answer", "close_by_reply"]
        assert [e.action for e in history.entries[-2:]] == steps
        assert history.entries[-1].note == f"reply: {reply.reference}"
        assert history.entries[-1].to_status == pb.STATUS_CLOSED
    lists = env.stub.ListDeadlines(pb.ListDeadlinesRequest(), metadata=md(env.keys.clerk), timeout=5)
    assert question.id not in [s.id for s in list(lists.overdue) + list(lists.due_soon)]
    error = rpc_error(lambda: transition(env, question.id, pb.ACTION_CLOSE))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    error = rpc_error(lambda: transition(env, reply.id, pb.ACTION_SEND))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION


# Due dates


def test_due_dates_across_a_weekend_and_public_holidays(env):
    pb = env.pb
    cases = {
        "2026-03-02": "2026-03-04",  # Monday -> Wednesday
        "2026-03-06": "2026-03-10",  # Friday -> Tuesday, over the weekend
        "2026-03-07": "2026-03-10",  # Saturday -> Tuesday
        "2026-04-03": "2026-04-08",  # Friday before Easter Monday (6 April) -> Wednesday
        "2026-04-30": "2026-05-05",  # Thursday before Labour Day (Friday 1 May) and a weekend -> Tuesday
        "2026-12-24": "2026-12-29",  # Christmas on a Friday
    }
    for received, due in cases.items():
        item = register(env, subject=f"Termijn {received}", received_on=received)
        assert (received, item.due_on) == (received, due)


def test_the_term_is_configured_per_channel(env):
    pb = env.pb
    request = pb.SetChannelTermRequest(channel=pb.CHANNEL_EMAIL, working_days=5)
    error = rpc_error(lambda: env.stub.SetChannelTerm(request, metadata=md(env.keys.clerk), timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    env.stub.SetChannelTerm(request, metadata=md(env.keys.chief), timeout=5)
    try:
        email = register(env, channel=pb.CHANNEL_EMAIL, subject="Per e-mail", received_on="2026-03-02")
        letter = register(env, channel=pb.CHANNEL_LETTER, subject="Per brief", received_on="2026-03-02")
        assert (email.due_on, letter.due_on) == ("2026-03-09", "2026-03-04")
    finally:
        env.stub.SetChannelTerm(pb.SetChannelTermRequest(channel=pb.CHANNEL_EMAIL, working_days=2),
                                metadata=md(env.keys.chief), timeout=5)


def test_terms_per_department_and_channel_across_weekends_and_public_holidays(env):
    pb = env.pb

    def term(department="", channel=0, days=0):
        return pb.Term(department_id=department, channel=channel, working_days=days)

    def set_term(*args):
        return env.stub.SetTerm(term(*args), metadata=md(env.keys.chief), timeout=5)

    def delete_term(department="", channel=0):
        return env.stub.DeleteTerm(pb.DeleteTermRequest(department_id=department, channel=channel),
                                   metadata=md(env.keys.chief), timeout=5).deleted

    error = rpc_error(lambda: env.stub.SetTerm(term("archief", days=5), metadata=md(env.keys.clerk), timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    error = rpc_error(lambda: env.stub.SetTerm(term("nergens", days=5), metadata=md(env.keys.chief, "fr"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "nergens" in error.details()
    error = rpc_error(lambda: env.stub.SetTerm(term("archief", days=400), metadata=md(env.keys.chief), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    try:
        assert set_term("archief", 0, 5).working_days == 5
        set_term("archief", pb.CHANNEL_EMAIL, 1)
        set_term("", pb.CHANNEL_FORM, 3)
        listed = env.stub.ListTerms(pb.ListTermsRequest(), metadata=md(env.keys.clerk), timeout=5)
        scopes = [(t.department_id, t.channel, t.working_days) for t in listed.terms]
        # The most specific first: department and channel, department, channel, default.
        assert scopes[:2] == [("archief", pb.CHANNEL_EMAIL, 1), ("archief", pb.CHANNEL_UNSPECIFIED, 5)]
        assert ("", pb.CHANNEL_FORM, 3) in scopes and scopes[-1] == ("", pb.CHANNEL_UNSPECIFIED, 2)

        # Registered, an item has no department yet: its channel's term, else the default. Thursday 30 April 2026,
        # before Labour Day (Friday) and a weekend; Friday 3 April 2026, before Easter Monday.
        letter = register(env, channel=pb.CHANNEL_LETTER, subject="Termijn dienst brief", received_on="2026-04-30")
        form = register(env, channel=pb.CHANNEL_FORM, subject="Termijn dienst formulier", received_on="2026-04-30")
        email = register(env, channel=pb.CHANNEL_EMAIL, subject="Termijn dienst e-mail", received_on="2026-04-03")
        assert (letter.due_on, form.due_on, email.due_on) == ("2026-05-05", "2026-05-06", "2026-04-08")
        suspend = pb.SuspendDeadlineRequest(item=email.id, to="2026-04-07", reason="wacht op bewijsstuk")
        setattr(suspend, "from", "2026-04-07")
        assert env.stub.SuspendDeadline(suspend, metadata=md(env.keys.clerk), timeout=5).due_on == "2026-04-09"

        # Dispatched to archief: the department's terms from the received date, across the weekend and holidays.
        # 5 working days from Thursday 30 April: Monday 4 .. Friday 8 May.
        assert transition(env, letter.id, pb.ACTION_DISPATCH, department_id="archief").due_on == "2026-05-08"
        # The department's term (5) wins over the channel's (3).
        assert transition(env, form.id, pb.ACTION_DISPATCH, department_id="archief").due_on == "2026-05-08"
        # Department and channel (1) win over the department (5): Tuesday 7 April, and the suspension of that day
        # is applied again: Wednesday 8 April.
        dispatched = transition(env, email.id, pb.ACTION_DISPATCH, department_id="archief")
        assert dispatched.due_on == "2026-04-08"
        history = env.stub.ListHistory(pb.ListHistoryRequest(item=email.id), metadata=md(env.keys.clerk), timeout=5)
        assert "due 2026-04-09 -> 2026-04-08 (term archief/email: 1 working days)" in history.entries[-1].note

        # Without the department-and-channel term the department's applies (re-routing sets the date anew):
        # 5 working days from Friday 3 April skip Easter Monday (Monday 13 April), plus the suspended day.
        assert delete_term("archief", pb.CHANNEL_EMAIL) is True
        assert delete_term("archief", pb.CHANNEL_EMAIL) is False
        assert transition(env, email.id, pb.ACTION_DISPATCH, department_id="archief").due_on == "2026-04-14"
        # A department without terms of its own: the channel's or the default term again.
        assert transition(env, email.id, pb.ACTION_DISPATCH, department_id="burgerzaken").due_on == "2026-04-09"
        error = rpc_error(lambda: env.stub.DeleteTerm(pb.DeleteTermRequest(), metadata=md(env.keys.chief, "en"),
                                                      timeout=5))
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "default term" in error.details()
        rows = sql(env, "SELECT action || ' ' || principal_name FROM core.audit_log "
                        "WHERE subjects @> ARRAY['correspondence-term:archief/email'] ORDER BY id")
        assert rows == ["update chef.secretariaat", "delete chef.secretariaat"]
    finally:
        delete_term("archief")
        delete_term("archief", pb.CHANNEL_EMAIL)
        delete_term("", pb.CHANNEL_FORM)


def test_suspension_and_extension_with_a_reason(env):
    pb = env.pb
    item = register(env, subject="Onvolledige aanvraag", received_on="2026-01-09")
    assert item.due_on == "2026-01-13"
    suspend = pb.SuspendDeadlineRequest(item=item.id, to="2026-01-14", reason="wacht op bewijsstukken")
    suspend.__setattr__("from", "2026-01-12")
    error = rpc_error(lambda: env.stub.SuspendDeadline(pb.SuspendDeadlineRequest(item=item.id, to="2026-01-14"),
                                                       metadata=md(env.keys.clerk, "en"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    suspended = env.stub.SuspendDeadline(suspend, metadata=md(env.keys.clerk), timeout=5)
    assert suspended.due_on == "2026-01-16"
    extended = env.stub.ExtendDeadline(pb.ExtendDeadlineRequest(item=item.id, working_days=3, reason="advies nodig"),
                                       metadata=md(env.keys.clerk), timeout=5)
    assert extended.due_on == "2026-01-21"
    history = env.stub.ListHistory(pb.ListHistoryRequest(item=item.id), metadata=md(env.keys.clerk), timeout=5)
    assert [e.action for e in history.entries] == ["register", "suspension", "extension"]
    assert "wacht op bewijsstukken" in history.entries[1].note and "advies nodig" in history.entries[2].note
    outgoing = register(env, direction=pb.DIRECTION_OUTGOING, subject="Uitgaand")
    error = rpc_error(lambda: env.stub.ExtendDeadline(pb.ExtendDeadlineRequest(item=outgoing.id, working_days=1,
                                                                               reason="x"),
                                                      metadata=md(env.keys.clerk), timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION


def test_overdue_and_due_soon_lists_and_the_reminders_stream(env):
    pb = env.pb
    overdue = register(env, subject="Te laat", received_on="2026-02-02")
    fresh = register(env, subject="Vers binnen")  # received today: due in 2 working days
    transition(env, fresh.id, pb.ACTION_DISPATCH, department_id="financien")
    lists = env.stub.ListDeadlines(pb.ListDeadlinesRequest(), metadata=md(env.keys.clerk), timeout=5)
    overdue_ids = [s.id for s in lists.overdue]
    assert overdue.id in overdue_ids and fresh.id not in overdue_ids
    assert fresh.id in [s.id for s in lists.due_soon]
    assert all(s.working_days_left < 0 for s in lists.overdue)
    summary = next(s for s in lists.overdue if s.id == overdue.id)
    assert summary.overdue and summary.due_on == "2026-02-04"
    only = env.stub.ListDeadlines(pb.ListDeadlinesRequest(department_id="financien"), metadata=md(env.keys.clerk),
                                  timeout=5)
    assert [s.id for s in list(only.overdue) + list(only.due_soon)] == [fresh.id]
    # Not dispatched yet, an item is on the list of the department that registered it (the mail desk's).
    desk = env.stub.ListDeadlines(pb.ListDeadlinesRequest(department_id="onthaal"), metadata=md(env.keys.clerk),
                                  timeout=5)
    desk_ids = [s.id for s in list(desk.overdue) + list(desk.due_soon)]
    assert overdue.id in desk_ids and fresh.id not in desk_ids
    assert not lists.truncated and not desk.truncated
    # A department that does not exist is NOT_FOUND, for the list and for the stream, not an empty list.
    with pytest.raises(grpc.RpcError) as missing:
        env.stub.ListDeadlines(pb.ListDeadlinesRequest(department_id="bestaat-niet"),
                               metadata=md(env.keys.clerk, language="nl"), timeout=5)
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    assert missing.value.details() == "Dienst bestaat-niet bestaat niet."
    with pytest.raises(grpc.RpcError) as missing:
        next(env.stub.WatchReminders(pb.WatchRemindersRequest(department_id="bestaat-niet"),
                                     metadata=md(env.keys.clerk, language="fr"), timeout=5))
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    assert missing.value.details() == "Le service bestaat-niet n'existe pas."
    # The stream sends what is due now, then keeps watching: a new overdue item arrives as soon as it is
    # dispatched (woken by the change, long before the hourly look).
    call = env.stub.WatchReminders(pb.WatchRemindersRequest(department_id="financien", interval_seconds=3600),
                                   metadata=md(env.keys.clerk), timeout=30)
    first = next(call)
    assert first.item.id == fresh.id
    time.sleep(0.5)  # the server listens for changes from the stream's start; give its LISTEN a moment
    started = time.monotonic()
    late = register(env, subject="Later binnen, al te laat", received_on="2026-02-03")
    transition(env, late.id, pb.ACTION_DISPATCH, department_id="financien")
    second = next(call)
    assert second.item.id == late.id and second.item.overdue
    assert time.monotonic() - started < 15
    # A due date that changes brings the item again (still overdue).
    extend = pb.ExtendDeadlineRequest(item=late.id, working_days=1, reason="advies gevraagd")
    extended = env.stub.ExtendDeadline(extend, metadata=md(env.keys.clerk), timeout=5)
    third = next(call)
    assert third.item.id == late.id and third.item.due_on == extended.due_on != second.item.due_on
    call.cancel()


def test_deadline_pages_list_every_item_once_soonest_first_ties_by_id(env, stubs):
    pb = env.pb
    # A department of its own, so that the other tests' items stay off this list.
    psql(env.database,
         "INSERT INTO core.departments (id, name) VALUES ('mobiliteit', 'Mobiliteit'); NOTIFY loket_directory;")
    admin_channel = grpc.insecure_channel(f"127.0.0.1:{env.server.port}")
    try:
        admin = stubs.admin_grpc.AdminStub(admin_channel)
        enable = stubs.admin.PluginEnablementRequest(plugin_id="correspondence", department_id="mobiliteit")
        admin.EnablePlugin(enable, metadata=metadata(env.keys.admin), timeout=5)
    finally:
        admin_channel.close()
    # Five overdue (four due the same day: ties) and three due soon (received today, due the same day), dispatched
    # to the department: with two a page, the third page crosses from overdue into due soon.
    received = ["2026-02-02"] * 4 + ["2026-02-03"] + [""] * 3
    items = [register(env, subject=f"Pagina {n}", received_on=day) for n, day in enumerate(received)]
    dispatched = [transition(env, item.id, pb.ACTION_DISPATCH, department_id="mobiliteit") for item in items]
    expected = [item.id for item in sorted(dispatched, key=lambda item: (item.due_on, item.id))]
    assert len({item.due_on for item in dispatched}) == 3

    def page(size, token="", department="mobiliteit", within=0, key=None, language=None):
        request = pb.ListDeadlinesRequest(department_id=department, due_within_working_days=within, page_size=size,
                                          page_token=token)
        return env.stub.ListDeadlines(request, metadata=md(key or env.keys.clerk, language), timeout=5)

    listed, pages, token = [], [], ""
    while True:
        response = page(2, token)
        pages.append(response)
        assert all(s.overdue for s in response.overdue) and not any(s.overdue for s in response.due_soon)
        listed += [s.id for s in list(response.overdue) + list(response.due_soon)]
        assert response.truncated == (response.next_page_token != "")
        if not response.next_page_token:
            break
        token = response.next_page_token
    assert listed == expected
    assert [len(p.overdue) + len(p.due_soon) for p in pages] == [2, 2, 2, 2]
    assert (len(pages[2].overdue), len(pages[2].due_soon)) == (1, 1)
    # One page of up to 1,000 (0, or more than the maximum): everything, no next page, as before paging.
    for size in (0, 5000):
        whole = page(size)
        assert [s.id for s in list(whole.overdue) + list(whole.due_soon)] == expected
        assert not whole.truncated and whole.next_page_token == ""

    # Refused: an edited token, a token of another department or working days, a negative page size.
    token = pages[0].next_page_token
    edited = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    for call in (lambda: page(2, edited), lambda: page(2, token, department=""),
                 lambda: page(2, token, within=3), lambda: page(2, "nonsense"), lambda: page(-1)):
        error = rpc_error(call)
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error.details()
    # The same list with the default spelled out (2 working days) continues the token; in French, a refusal says
    # why.
    assert [s.id for s in list(page(2, token, within=2).overdue)] == expected[2:4]
    error = rpc_error(lambda: page(2, token, department="", language="fr"))
    assert "jeton" in error.details() and "service" in error.details()
    error = rpc_error(lambda: page(-1, language="de"))
    assert "1000" in error.details()


# Search


def search(env, key, query, **filters):
    return env.stub.Search(env.pb.SearchRequest(query=query, **filters), metadata=md(key), timeout=10)


def test_search_finds_dutch_and_french_words_by_stem_and_respects_confidentiality(env):
    pb = env.pb
    dutch = register(env, subject="Aanvraag bouwvergunning voor de verbouwing van twee woningen", language="nl",
                     contacts=[contact(pb, name="Pieter Maes")])
    french = register(env, subject="Demande de permis pour la rénovation des maisons anciennes", language="fr",
                      contacts=[contact(pb, name="Claire Lambert")])
    secret = register(env, subject="Klachten over de woningen van de burgemeester", language="nl", confidential=True,
                      contacts=[contact(pb, name="Anonieme melder")])
    # Dutch: "woning" finds "woningen"; "verbouwingen" finds "verbouwing".
    assert dutch.id in [h.item.id for h in search(env, env.keys.clerk, "woning").hits]
    assert dutch.id in [h.item.id for h in search(env, env.keys.clerk, "verbouwingen", language="nl").hits]
    # French: "maison" finds "maisons", "rénovations" finds "rénovation".
    assert french.id in [h.item.id for h in search(env, env.keys.clerk, "maison").hits]
    assert french.id in [h.item.id for h in search(env, env.keys.clerk, "rénovations", language="fr").hits]
    assert dutch.id not in [h.item.id for h in search(env, env.keys.clerk, "maison").hits]
    # By contact name, with the names in the hit.
    hit = search(env, env.keys.clerk, "Lambert").hits[0]
    assert hit.item.id == french.id and list(hit.contact_names) == ["Claire Lambert"] and hit.rank > 0
    # Confidential: not for an ordinary clerk; yes for an administrator, an integration with the scope, and the
    # clerk who registered it.
    assert secret.id not in [h.item.id for h in search(env, env.keys.clerk, "woning").hits]
    assert secret.id not in [h.item.id for h in search(env, env.keys.other, "klacht").hits]
    for key in (env.keys.chief, env.keys.archive, env.keys.desk):
        assert secret.id in [h.item.id for h in search(env, key, "klacht").hits]
    # In the deadline lists a confidential item shows without its subject to those who may not read it.
    listed = env.stub.ListDeadlines(pb.ListDeadlinesRequest(), metadata=md(env.keys.other), timeout=5)
    summary = next(s for s in list(listed.due_soon) + list(listed.overdue) if s.id == secret.id)
    assert summary.confidential and summary.subject == "" and summary.reference == secret.reference
    listed = env.stub.ListDeadlines(pb.ListDeadlinesRequest(), metadata=md(env.keys.desk), timeout=5)
    assert next(s for s in listed.due_soon if s.id == secret.id).subject == secret.subject
    error = rpc_error(lambda: env.stub.GetItem(pb.GetItemRequest(item=secret.id), metadata=md(env.keys.clerk, "nl"),
                                               timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED and "vertrouwelijk" in error.details()
    # Assigned to an.peeters, it becomes readable by her.
    transition(env, secret.id, pb.ACTION_DISPATCH, env.keys.chief, department_id="burgerzaken")
    transition(env, secret.id, pb.ACTION_ASSIGN, env.keys.chief, agent="an.peeters")
    assert secret.id in [h.item.id for h in search(env, env.keys.clerk, "klacht").hits]


def test_search_filters_rank_and_pagination(env):
    pb = env.pb
    items = [register(env, subject=f"Subsidie sportclub {n}", received_on=f"2026-06-0{n}",
                      notes="subsidie" if n == 1 else "") for n in range(1, 5)]
    all_hits = search(env, env.keys.clerk, "sportclub")
    assert all_hits.total == 4 and {h.item.id for h in all_hits.hits} == {i.id for i in items}
    assert not all_hits.total_is_lower_bound and all_hits.order == pb.SEARCH_ORDER_RELEVANCE
    ranked = search(env, env.keys.clerk, "subsidie")
    assert ranked.hits[0].item.id == items[0].id  # the subject and the notes both match
    page1 = search(env, env.keys.clerk, "sportclub", page_size=3)
    page2 = search(env, env.keys.clerk, "sportclub", page_size=3, page_token=page1.next_page_token)
    assert len(page1.hits) == 3 and len(page2.hits) == 1 and page2.next_page_token == ""
    assert {h.item.id for h in list(page1.hits) + list(page2.hits)} == {i.id for i in items}
    period = pb.SearchRequest(query="sportclub", to="2026-06-02")
    setattr(period, "from", "2026-06-02")
    assert [h.item.id for h in env.stub.Search(period, metadata=md(env.keys.clerk), timeout=5).hits] == [items[1].id]
    transition(env, items[2].id, pb.ACTION_DISPATCH, department_id="financien")
    filtered = search(env, env.keys.clerk, "sportclub", department_id="financien", status=pb.STATUS_DISPATCHED,
                      direction=pb.DIRECTION_INCOMING)
    assert [h.item.id for h in filtered.hits] == [items[2].id]
    assert search(env, env.keys.clerk, "sportclub", direction=pb.DIRECTION_OUTGOING).total == 0
    for token in ("abc", "20", "r:0", "r:1001", "n:2026-13-01:2026/IN/000001"):
        error = rpc_error(lambda: search(env, env.keys.clerk, "x", page_token=token))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, token
    error = rpc_error(lambda: search(env, env.keys.clerk, "x", order=7))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    # Newest first on request: by received date, with the same filters, page after page.
    newest = search(env, env.keys.clerk, "sportclub", order=pb.SEARCH_ORDER_NEWEST_FIRST, page_size=3)
    assert newest.order == pb.SEARCH_ORDER_NEWEST_FIRST and newest.total == 4
    assert [h.item.id for h in newest.hits] == [items[3].id, items[2].id, items[1].id]
    rest = search(env, env.keys.clerk, "sportclub", order=pb.SEARCH_ORDER_NEWEST_FIRST, page_size=3,
                  page_token=newest.next_page_token)
    assert [h.item.id for h in rest.hits] == [items[0].id] and rest.next_page_token == ""
    assert rest.hits[0].rank > 0


def test_search_beyond_the_ranking_limit_counts_at_least_and_pages_newest_first(env):
    """More than 1,000 matches: a bounded count, newest first, keyset pages that together give every match once;
    confidential items stay out for those who may not read them, and a count of exactly 1,000 is still ranked."""
    pb = env.pb
    start = datetime.date(2023, 1, 2)

    def one(n: int):
        received = (start + datetime.timedelta(days=n // 3)).isoformat()
        return register(env, direction=pb.DIRECTION_OUTGOING, subject=f"Rondzendbrief fietsenstalling {n}",
                        received_on=received, confidential=n < 10,
                        contacts=[contact(pb, name=f"Buurtbewoner {n % 7}")])

    with ThreadPoolExecutor(max_workers=8) as pool:
        items = list(pool.map(one, range(1010)))
    confidential = {i.id for i in items[:10]}
    everything = {i.id for i in items}

    def walk(key, **filters):
        ids, token, pages, first = [], "", 0, None
        while True:
            page = search(env, key, "fietsenstalling", page_size=100, page_token=token, **filters)
            first = first or page
            ids += [h.item.id for h in page.hits]
            assert page.order == first.order and page.total == first.total
            pages += 1
            token = page.next_page_token
            if not token:
                return first, ids, pages

    # The desk registered the confidential ones: 1,010 matches, more than are ranked.
    first, ids, pages = walk(env.keys.desk)
    assert first.total == 1000 and first.total_is_lower_bound and first.order == pb.SEARCH_ORDER_NEWEST_FIRST
    assert len(ids) == len(set(ids)) == 1010 and set(ids) == everything and pages == 11
    received = [h.item.received_on for h in first.hits]
    assert received == sorted(received, reverse=True) and received[0] == max(i.received_on for i in items)
    # Another clerk sees the 1,000 others: counted exactly and ranked (equal ranks: newest first).
    first, ids, pages = walk(env.keys.clerk)
    assert first.total == 1000 and not first.total_is_lower_bound and first.order == pb.SEARCH_ORDER_RELEVANCE
    assert len(ids) == len(set(ids)) == 1000 and set(ids) == everything - confidential and pages == 10
    # Filters narrow what is counted and ranked: one month of items is ranked, with an exact total.
    month = pb.SearchRequest(query="fietsenstalling", to="2023-01-31")
    setattr(month, "from", "2023-01-01")
    narrow = env.stub.Search(month, metadata=md(env.keys.desk), timeout=10)
    expected = sum(1 for i in items if i.received_on <= "2023-01-31")
    assert narrow.total == expected and not narrow.total_is_lower_bound and narrow.order == pb.SEARCH_ORDER_RELEVANCE
    assert search(env, env.keys.desk, "fietsenstalling", direction=pb.DIRECTION_INCOMING).total == 0
    # A relevance page token of a search that now matches more than the limit: start again.
    error = rpc_error(lambda: env.stub.Search(pb.SearchRequest(query="fietsenstalling", page_token="r:100"),
                                              metadata=md(env.keys.desk, "en"), timeout=10))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "start again" in error.details()
    # Matches further back than the walk along the dates goes (5,000 items): 6,000 newer items that do not match
    # (written straight into the table; no search vector) make the first page come through the text index.
    before = search(env, env.keys.desk, "fietsenstalling", page_size=100)
    psql(env.database, """
        INSERT INTO correspondence.items (year, direction, number, reference, channel, subject, language, ts_config,
                                          received_on, status, registered_by, registered_department)
        SELECT 2090, 'out', n, '2090/OUT/' || lpad(n::text, 6, '0'), 'letter', 'Vulstuk ' || n, 'nl', 'dutch',
               DATE '2024-06-01' + n % 300, 'draft', 'filler', 'onthaal'
        FROM generate_series(1, 6000) AS n;
        ANALYZE correspondence.items;""")
    first, ids, pages = walk(env.keys.desk)
    assert [h.item.id for h in first.hits] == [h.item.id for h in before.hits]
    assert len(ids) == len(set(ids)) == 1010 and set(ids) == everything and pages == 11
    # Without words: everything, newest first, counted up to the limit.
    listing = search(env, env.keys.clerk, "", page_size=5)
    assert listing.order == pb.SEARCH_ORDER_NEWEST_FIRST and listing.total_is_lower_bound
    assert all(h.rank == 0 for h in listing.hits)


# Statistics


def test_statistics(env):
    pb = env.pb
    stats = env.stub.GetStatistics(pb.GetStatisticsRequest(), metadata=md(env.keys.clerk), timeout=10)
    assert sum(v.items for v in stats.volumes) == int(sql(env, "SELECT count(*) FROM correspondence.items")[0])
    assert any(v.department_id == "burgerzaken" and v.direction == pb.DIRECTION_INCOMING for v in stats.volumes)
    assert any(v.channel == pb.CHANNEL_EMAIL for v in stats.volumes)
    answered = int(sql(env, "SELECT count(*) FROM correspondence.items WHERE answered_at IS NOT NULL")[0])
    assert stats.answered == answered >= 3
    on_time = int(sql(env, "SELECT count(*) FROM correspondence.items WHERE answered_on <= due_on")[0])
    assert stats.answered_on_time == on_time
    assert stats.share_answered_on_time == pytest.approx(on_time / answered)
    assert stats.median_handling_hours >= 0
