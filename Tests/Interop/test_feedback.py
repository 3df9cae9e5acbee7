"""The feedback plugin end to end (issue 8): intake, routing, deadlines, status history, surveys, analysis and
retention, through the real grpcio client against a real loketd on a database of its own.

"Late" is made deterministic the way a real mail desk needs it anyway: a letter is registered with the day the
city received it (`received_on`), and the deadlines count from that day.
"""

from __future__ import annotations

import datetime
import secrets
import subprocess
from types import SimpleNamespace

import grpc
import pytest

from conftest import loketd_binary
from host_support import Key, create_database, database_url, generated_modules, metadata, psql
from interop_support import REPO_ROOT, Loketd

PROTOS = REPO_ROOT / "Protos"


@pytest.fixture(scope="module")
def fb(tmp_path_factory) -> SimpleNamespace:
    out = tmp_path_factory.mktemp("feedback_stubs")
    generated = generated_modules(
        out, ["loket/admin/v1/admin.proto", "loket/feedback/v1/complaints.proto", "loket/feedback/v1/surveys.proto"],
        {"admin": "loket.admin.v1.admin_pb2", "admin_grpc": "loket.admin.v1.admin_pb2_grpc",
         "pb": "loket.feedback.v1.complaints_pb2", "pb_grpc": "loket.feedback.v1.complaints_pb2_grpc",
         "sv": "loket.feedback.v1.surveys_pb2", "sv_grpc": "loket.feedback.v1.surveys_pb2_grpc"})
    admin, admin_grpc = generated.admin, generated.admin_grpc
    pb, pb_grpc = generated.pb, generated.pb_grpc
    sv, sv_grpc = generated.sv, generated.sv_grpc

    database = f"loket_feedback_{secrets.token_hex(4)}"
    create_database(database)
    server = None
    try:
        server = Loketd(loketd_binary(), ["--database-url", database_url(database),
                                          "--set", "server.grace_period_seconds=2"]).start()
        psql(database, """
            INSERT INTO core.departments (id, name) VALUES ('onthaal', 'Onthaal'), ('werken', 'Openbare Werken'),
                ('milieu', 'Milieu');
            NOTIFY loket_directory;""")
        keys = SimpleNamespace(
            root=Key.seed(database, "root", "administrator", None),
            admin=Key.seed(database, "fb-admin", "administrator", "onthaal"),
            desk=Key.seed(database, "an.peeters", "clerk", "onthaal"),
            works=Key.seed(database, "piet.works", "clerk", "werken"),
            portal=Key.seed(database, "survey-portal", "integration", "onthaal", ["feedback.surveys.respond"]),
        )
        channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
        admin_stub = admin_grpc.AdminStub(channel)
        for department in ("onthaal", "werken", "milieu"):
            admin_stub.EnablePlugin(admin.PluginEnablementRequest(plugin_id="feedback", department_id=department),
                                    metadata=metadata(keys.root), timeout=5)
        yield SimpleNamespace(database=database, keys=keys, pb=pb, sv=sv,
                              complaints=pb_grpc.ComplaintsStub(channel), surveys=sv_grpc.SurveysStub(channel))
        channel.close()
    finally:
        if server is not None:
            server.terminate()
            assert server.wait(10) == 0, server.log
        subprocess.run(["dropdb", "--if-exists", database], timeout=60)


PURPOSE = "complaint handling"


def md(key, language=None, purpose=PURPOSE):
    return metadata(key, language=language, purpose=purpose)


def rpc_error(call) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call()
    return raised.value


def today() -> datetime.date:
    return datetime.datetime.now(datetime.timezone.utc).astimezone().date()


def submit(fb, key=None, **fields):
    defaults = dict(client_key=key or "k-" + secrets.token_hex(4), kind="complaint", channel="web", main_category="roads", sub_category="pothole",
                    text="Een diepe put in de Kerkstraat.")
    defaults.update(fields)
    return fb.complaints.SubmitCase(fb.pb.SubmitCaseRequest(**defaults), metadata=md(fb.keys.desk), timeout=5)


@pytest.fixture(scope="module")
def configured(fb):
    """Routing rules and a survey, set by an administrator."""
    rules = fb.pb.RoutingRules(rules=[
        fb.pb.RoutingRule(position=1, keywords=["asbest"], department_id="milieu"),
        fb.pb.RoutingRule(position=2, main_category="roads", department_id="werken"),
    ])
    fb.complaints.ReplaceRoutingRules(rules, metadata=md(fb.keys.admin), timeout=5)
    q = fb.sv
    survey = q.Survey(
        id="after-case", trigger="case_closed", active=True, reopen_when_unhappy=True,
        title_nl="Tevredenheid", title_fr="Satisfaction", title_de="Zufriedenheit", title_en="Satisfaction",
        questions=[
            q.Question(position=1, kind="satisfied", required=True, text_nl="Bent u tevreden?",
                       text_fr="Êtes-vous satisfait ?", text_de="Sind Sie zufrieden?", text_en="Are you satisfied?"),
            q.Question(position=2, kind="score", text_nl="Score?", text_fr="Note ?", text_de="Note?",
                       text_en="Score?"),
            q.Question(position=3, kind="nps", text_nl="Aanbevelen?", text_fr="Recommander ?",
                       text_de="Empfehlen?", text_en="Recommend?"),
            q.Question(position=4, kind="text", text_nl="Opmerking", text_fr="Remarque", text_de="Bemerkung",
                       text_en="Remark"),
        ])
    fb.surveys.PutSurvey(survey, metadata=md(fb.keys.admin), timeout=5)
    return True


def test_routing_rules_are_for_administrators_only(fb):
    error = rpc_error(lambda: fb.complaints.ReplaceRoutingRules(fb.pb.RoutingRules(), metadata=md(fb.keys.desk),
                                                                 timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    bad = fb.pb.RoutingRules(rules=[fb.pb.RoutingRule(position=1, department_id="nowhere")])
    error = rpc_error(lambda: fb.complaints.ReplaceRoutingRules(bad, metadata=md(fb.keys.admin, "en"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "nowhere" in error.details()


def test_intake_is_idempotent_and_routed(fb, configured):
    contact = fb.pb.Contact(name="Els Wouters", email="els@example.be")
    attachment = fb.pb.Attachment(reference="dms://2026/000123", file_name="foto.jpg", media_type="image/jpeg")
    first = submit(fb, key="web-1", contact=contact, attachments=[attachment])
    again = submit(fb, key="web-1", contact=contact, attachments=[attachment])
    assert not first.duplicate and again.duplicate and again.case.id == first.case.id
    case = first.case
    assert case.department_id == "werken" and case.routing_rule == 2 and case.intake_department_id == "onthaal"
    assert case.status == "received" and not case.anonymous and case.contact.name == "Els Wouters"
    assert [a.reference for a in case.attachments] == ["dms://2026/000123"]
    assert case.language == "nl" and case.received_on == today().isoformat()
    error = rpc_error(lambda: submit(fb, key="web-1", text="Iets heel anders."))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    asbestos = submit(fb, main_category="roads", text="Er ligt ASBEST op de stoep").case
    assert asbestos.department_id == "milieu" and asbestos.anonymous
    other = submit(fb, main_category="waste", sub_category="missed-collection", text="Vuilniszak niet opgehaald").case
    assert other.department_id == "onthaal" and other.routing_rule == 0
    audit = psql(fb.database, f"""COPY (SELECT action || ' ' || coalesce(purpose, '') FROM core.audit_log
        WHERE subjects @> ARRAY['feedback-case:{case.id}'] ORDER BY id) TO STDOUT""").stdout.split("\n")
    assert audit[0] == f"create {PURPOSE}"


def test_bad_input_gets_clear_errors_in_the_callers_language(fb, configured):
    cases = [
        (dict(main_category="roads", sub_category="bridge"), "nl", "De categorie roads/bridge bestaat niet."),
        (dict(text="   "), "fr", "Le texte ne peut pas être vide"),
        (dict(channel="pigeon"), "de", "pigeon ist kein gültiger Kanal"),
        (dict(received_on="2999-01-01"), "en", "The received date 2999-01-01"),
    ]
    for fields, language, expected in cases:
        request = dict(client_key="bad-" + secrets.token_hex(3), kind="complaint", channel="web",
                       main_category="roads", sub_category="pothole", text="tekst")
        request.update(fields)
        error = rpc_error(lambda: fb.complaints.SubmitCase(fb.pb.SubmitCaseRequest(**request),
                                                            metadata=md(fb.keys.desk, language), timeout=5))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert expected in error.details(), error.details()
    error = rpc_error(lambda: fb.complaints.SubmitCase(fb.pb.SubmitCaseRequest(client_key="x"),
                                                        metadata=md(fb.keys.desk, purpose=None), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "x-loket-purpose" in error.details()


def change(fb, key, case_id, to, language=None, **fields):
    return fb.complaints.ChangeStatus(fb.pb.ChangeStatusRequest(case_id=case_id, to_status=to, **fields),
                                      metadata=md(key, language), timeout=5)


def test_lifecycle_deadlines_survey_and_reopen(fb, configured):
    on_time = submit(fb, text="Put voor nummer 12").case
    late = submit(fb, channel="letter", text="Brief: put voor nummer 40",
                  received_on=(today() - datetime.timedelta(days=21)).isoformat()).case
    assert late.received_on < on_time.received_on and late.first_answer_due < today().isoformat()
    # The responsible department sees the late case as overdue, the fresh one as due soon.
    deadlines = fb.complaints.ListDeadlines(fb.pb.ListDeadlinesRequest(), metadata=md(fb.keys.works), timeout=5)
    overdue = {(e.case_id, e.deadline) for e in deadlines.overdue}
    assert (late.id, "first_answer") in overdue
    assert (on_time.id, "first_answer") in {(e.case_id, e.deadline) for e in deadlines.due_soon}
    error = rpc_error(lambda: fb.complaints.ListDeadlines(fb.pb.ListDeadlinesRequest(department_id="milieu"),
                                                          metadata=md(fb.keys.works, "en"), timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    # The intake desk may not change a case that another department handles.
    error = rpc_error(lambda: change(fb, fb.keys.desk, on_time.id, "in_treatment", "en"))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED and "werken" in error.details()
    # First answers: one on time, one late.
    a = change(fb, fb.keys.works, on_time.id, "in_treatment").case
    b = change(fb, fb.keys.works, late.id, "in_treatment").case
    assert a.first_answer_on_time and not b.first_answer_on_time
    # An invalid transition, in the caller's language.
    error = rpc_error(lambda: change(fb, fb.keys.works, a.id, "closed", "fr"))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error.details() == "Un dossier ne peut pas passer de in_treatment à closed."
    error = rpc_error(lambda: change(fb, fb.keys.works, a.id, "answered", "de"))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "Antwort" in error.details()
    fb.complaints.AddNote(fb.pb.AddNoteRequest(case_id=a.id, note="Ploeg ingepland"), metadata=md(fb.keys.works),
                          timeout=5)
    change(fb, fb.keys.works, a.id, "answered", answer_text="De put is hersteld.")
    closed = change(fb, fb.keys.works, a.id, "closed")
    assert closed.case.status == "closed" and closed.case.final_answer_on_time
    assert len(closed.survey_token) == 64 and closed.survey_expires_at
    history = closed.case.history
    assert [(e.event, e.to_status) for e in history] == [
        ("intake", "received"), ("status", "in_treatment"), ("note", ""), ("status", "answered"),
        ("status", "closed")]
    assert history[3].answer_text == "De put is hersteld." and history[1].actor == "piet.works"
    # The survey page opens the invitation in the case's language and answers it, unhappily: the case reopens.
    portal = md(fb.keys.portal, purpose=None)
    opened = fb.surveys.OpenInvitation(fb.sv.OpenInvitationRequest(token=closed.survey_token), metadata=portal,
                                       timeout=5)
    assert opened.title == "Tevredenheid" and opened.questions[0].text == "Bent u tevreden?"
    answers = [fb.sv.Answer(position=1, value="no"), fb.sv.Answer(position=2, value="2"),
               fb.sv.Answer(position=3, value="3")]
    result = fb.surveys.SubmitAnswers(fb.sv.SubmitAnswersRequest(token=closed.survey_token, answers=answers),
                                      metadata=portal, timeout=5)
    assert result.unhappy and result.case_reopened
    # A token is used once.
    error = rpc_error(lambda: fb.surveys.SubmitAnswers(
        fb.sv.SubmitAnswersRequest(token=closed.survey_token, answers=answers),
        metadata=md(fb.keys.portal, "en", None), timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and error.details() == "This invitation has already been answered."
    reopened = fb.complaints.GetCase(fb.pb.GetCaseRequest(id=a.id), metadata=md(fb.keys.works), timeout=5)
    assert reopened.status == "in_treatment" and reopened.history[-1].actor == "survey"
    # Close it again, with a happy answer this time; and close the late case without an answer.
    change(fb, fb.keys.works, a.id, "answered", answer_text="Opnieuw hersteld.")
    again = change(fb, fb.keys.works, a.id, "closed")
    fb.surveys.SubmitAnswers(fb.sv.SubmitAnswersRequest(token=again.survey_token, answers=[
        fb.sv.Answer(position=1, value="yes"), fb.sv.Answer(position=2, value="5"),
        fb.sv.Answer(position=3, value="10")]), metadata=portal, timeout=5)
    change(fb, fb.keys.works, late.id, "answered", answer_text="Hersteld.")
    late_closed = change(fb, fb.keys.works, late.id, "closed")
    assert late_closed.case.final_answer_on_time  # 45 calendar days: the final answer was in time
    # An expired token is refused.
    psql(fb.database, "UPDATE feedback.invitations SET expires_at = now() - interval '1 day' WHERE used_at IS NULL")
    error = rpc_error(lambda: fb.surveys.OpenInvitation(fb.sv.OpenInvitationRequest(token=late_closed.survey_token),
                                                        metadata=md(fb.keys.portal, "nl", None), timeout=5))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and error.details() == "Deze uitnodiging is verlopen."

    # Analysis of the department, hand-computed: two cases, one first answer on time, three invitations, two
    # answers (one unhappy: no / 2 / 3, one happy: yes / 5 / 10).
    figures = fb.complaints.Analyze(fb.pb.AnalyzeRequest(department_id="werken"), metadata=md(fb.keys.works),
                                    timeout=5)
    total = figures.total
    assert total.cases >= 2
    mine = psql(fb.database, """COPY (SELECT count(*) FROM feedback.cases WHERE department_id = 'werken') TO STDOUT""")
    assert total.cases == int(mine.stdout.strip())
    assert total.invitations == 3 and total.responses == 2
    assert total.answer_rate == pytest.approx(2 / 3)
    assert total.csat == pytest.approx(50.0)
    assert total.nps == pytest.approx(0.0)  # one promoter (10), one detractor (3)
    assert total.first_answer_on_time == pytest.approx(0.5)
    assert total.closed == 2
    assert {m.group for m in figures.months} >= {today().strftime("%Y-%m")}
    assert [c.group for c in figures.categories] == ["roads"]
    # A clerk sees only their own department's figures.
    error = rpc_error(lambda: fb.complaints.Analyze(fb.pb.AnalyzeRequest(department_id="milieu"),
                                                    metadata=md(fb.keys.works), timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED


def test_reroute_with_reason(fb, configured):
    case = submit(fb, text="Put aan het station").case
    error = rpc_error(lambda: fb.complaints.Reroute(fb.pb.RerouteRequest(case_id=case.id, department_id="milieu"),
                                                    metadata=md(fb.keys.works, "en"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details() == "Give a reason."
    moved = fb.complaints.Reroute(fb.pb.RerouteRequest(case_id=case.id, department_id="milieu",
                                                       reason="Vervuiling, geen wegschade"),
                                  metadata=md(fb.keys.works), timeout=5)
    assert moved.department_id == "milieu"
    assert moved.history[-1].event == "reroute" and moved.history[-1].from_department == "werken"


def test_history_is_append_only_in_the_database(fb, configured):
    result = psql(fb.database, "UPDATE feedback.case_events SET note = 'x'", check=False)
    assert result.returncode != 0 and "append-only" in result.stderr


def test_retention_anonymizes_closed_cases_with_an_audit_record_each(fb, configured):
    case = submit(fb, contact=fb.pb.Contact(name="Jan Claes"), text="Te anonimiseren").case
    change(fb, fb.keys.works, case.id, "answered", answer_text="Antwoord aan Jan Claes")
    change(fb, fb.keys.works, case.id, "closed")
    settings = fb.complaints.GetSettings(fb.pb.GetSettingsRequest(), metadata=md(fb.keys.admin), timeout=5)
    settings.retention_days = 30
    fb.complaints.UpdateSettings(settings, metadata=md(fb.keys.admin), timeout=5)
    psql(fb.database, f"UPDATE feedback.cases SET closed_at = now() - interval '31 days' WHERE id = '{case.id}'")
    error = rpc_error(lambda: fb.complaints.ApplyRetention(fb.pb.ApplyRetentionRequest(), metadata=md(fb.keys.works),
                                                           timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    result = fb.complaints.ApplyRetention(fb.pb.ApplyRetentionRequest(), metadata=md(fb.keys.admin), timeout=5)
    assert result.action == "anonymize" and case.id in result.case_ids
    got = fb.complaints.GetCase(fb.pb.GetCaseRequest(id=case.id), metadata=md(fb.keys.works), timeout=5)
    assert got.anonymized and got.text == "" and not got.contact.name
    assert all(not e.answer_text for e in got.history)
    audit = psql(fb.database, f"""COPY (SELECT action || ' ' || principal_name FROM core.audit_log
        WHERE subjects @> ARRAY['feedback-case:{case.id}'] AND method LIKE '%ApplyRetention') TO STDOUT""")
    assert audit.stdout.strip() == "update fb-admin"
    again = fb.complaints.ApplyRetention(fb.pb.ApplyRetentionRequest(), metadata=md(fb.keys.admin), timeout=5)
    assert case.id not in again.case_ids


def test_counter_visit_invitation_needs_an_active_survey(fb, configured):
    invite = lambda language: fb.surveys.InviteVisitor(fb.sv.InviteVisitorRequest(),  # noqa: E731
                                                       metadata=md(fb.keys.desk, language, None), timeout=5)
    error = rpc_error(lambda: invite("en"))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error.details() == "There is no active survey for counter_visit."
    q = fb.sv
    fb.surveys.PutSurvey(q.Survey(
        id="counter", trigger="counter_visit", active=True, title_nl="Loket", title_fr="Guichet",
        title_de="Schalter", title_en="Counter",
        questions=[q.Question(position=1, kind="choice", text_nl="Waarvoor?", text_fr="Pour quoi ?",
                              text_de="Wofür?", text_en="What for?",
                              choices=[q.Choice(code="id", text_nl="Identiteitskaart", text_fr="Carte d'identité",
                                                text_de="Personalausweis", text_en="Identity card"),
                                       q.Choice(code="other", text_nl="Iets anders", text_fr="Autre chose",
                                                text_de="Etwas anderes", text_en="Something else")])]),
        metadata=md(fb.keys.admin), timeout=5)
    invitation = invite("fr")
    assert invitation.language == "fr" and invitation.survey_id == "counter"
    portal = md(fb.keys.portal, purpose=None)
    opened = fb.surveys.OpenInvitation(q.OpenInvitationRequest(token=invitation.token), metadata=portal, timeout=5)
    assert opened.title == "Guichet" and list(opened.questions[0].choice_texts) == ["Carte d'identité", "Autre chose"]
    error = rpc_error(lambda: fb.surveys.SubmitAnswers(q.SubmitAnswersRequest(
        token=invitation.token, answers=[q.Answer(position=1, value="passport")]), metadata=portal, timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "1" in error.details()
    result = fb.surveys.SubmitAnswers(q.SubmitAnswersRequest(
        token=invitation.token, answers=[q.Answer(position=1, value="id")]), metadata=portal, timeout=5)
    assert not result.unhappy and not result.case_reopened
    error = rpc_error(lambda: fb.surveys.OpenInvitation(q.OpenInvitationRequest(token="0" * 64), metadata=portal,
                                                        timeout=5))
    assert error.code() == grpc.StatusCode.NOT_FOUND
