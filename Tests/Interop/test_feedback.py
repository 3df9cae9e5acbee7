"""The feedback plugin end to end (issue 8): intake, routing, deadlines, status history, surveys, analysis and
retention, through the real grpcio client against a real loketd on a database of its own.

"Late" is made deterministic the way a real mail desk needs it anyway: a letter is registered with the day the
city received it (`received_on`), and the deadlines count from that day.
"""

from __future__ import annotations

import datetime
import secrets
import subprocess
import uuid
from types import SimpleNamespace

import grpc
import pytest

from conftest import loketd_binary
from host_support import Key, create_database, database_url, generated_modules, metadata, psql
from interop_support import REPO_ROOT, Loketd, belgian_today

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
                ('milieu', 'Milieu'), ('statistiek', 'Statistiek'), ('archief', 'Archief');
            NOTIFY loket_directory;""")
        keys = SimpleNamespace(
            root=Key.seed(database, "root", "administrator", None),
            admin=Key.seed(database, "fb-admin", "administrator", "onthaal"),
            desk=Key.seed(database, "an.peeters", "clerk", "onthaal"),
            works=Key.seed(database, "piet.works", "clerk", "werken"),
            portal=Key.seed(database, "survey-portal", "integration", "onthaal", ["feedback.surveys.respond"]),
            stats=Key.seed(database, "stat.clerk", "clerk", "statistiek"),
            archive=Key.seed(database, "arch.clerk", "clerk", "archief"),
        )
        channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
        admin_stub = admin_grpc.AdminStub(channel)
        for department in ("onthaal", "werken", "milieu", "statistiek", "archief"):
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
    return belgian_today()


def submit(fb, key=None, caller=None, **fields):
    defaults = dict(client_key=key or "k-" + secrets.token_hex(4), kind="complaint", channel="web",
                    main_category="roads", sub_category="pothole", text="Een diepe put in de Kerkstraat.")
    defaults.update(fields)
    return fb.complaints.SubmitCase(fb.pb.SubmitCaseRequest(**defaults), metadata=md(caller or fb.keys.desk),
                                    timeout=5)


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


def test_retention_can_delete_cases_whose_surveys_stay_case_surveys(fb, configured):
    case = submit(fb, contact=fb.pb.Contact(name="Piet Janssens"), text="Put in de Molenstraat").case
    change(fb, fb.keys.works, case.id, "answered", answer_text="Hersteld.")
    closed = change(fb, fb.keys.works, case.id, "closed")
    fb.surveys.SubmitAnswers(fb.sv.SubmitAnswersRequest(token=closed.survey_token, answers=[
        fb.sv.Answer(position=1, value="yes")]), metadata=md(fb.keys.portal, purpose=None), timeout=5)

    def figures():
        return fb.complaints.Analyze(fb.pb.AnalyzeRequest(), metadata=md(fb.keys.works), timeout=10)

    before = figures()
    settings = fb.complaints.GetSettings(fb.pb.GetSettingsRequest(), metadata=md(fb.keys.admin), timeout=5)
    original = fb.pb.Settings()
    original.CopyFrom(settings)
    settings.retention_days, settings.retention_action = 30, "delete"
    fb.complaints.UpdateSettings(settings, metadata=md(fb.keys.admin), timeout=5)
    try:
        psql(fb.database, f"UPDATE feedback.cases SET closed_at = now() - interval '31 days' WHERE id = '{case.id}'")
        result = fb.complaints.ApplyRetention(fb.pb.ApplyRetentionRequest(), metadata=md(fb.keys.admin), timeout=5)
        assert result.action == "delete" and case.id in result.case_ids
    finally:
        original.retention_days, original.retention_action = 730, "anonymize"
        fb.complaints.UpdateSettings(original, metadata=md(fb.keys.admin), timeout=5)
    error = rpc_error(lambda: fb.complaints.GetCase(fb.pb.GetCaseRequest(id=case.id), metadata=md(fb.keys.works),
                                                    timeout=5))
    assert error.code() == grpc.StatusCode.NOT_FOUND
    audit = psql(fb.database, f"""COPY (SELECT action FROM core.audit_log
        WHERE subjects @> ARRAY['feedback-case:{case.id}'] AND method LIKE '%ApplyRetention') TO STDOUT""")
    assert audit.stdout.strip() == "delete"
    # The anonymous answer stays, without its case; it is no counter visit, and it left the figures with its case.
    left = psql(fb.database, f"""COPY (SELECT trigger, case_id IS NULL FROM feedback.invitations
        WHERE token_sha256 = sha256(convert_to('{closed.survey_token}', 'UTF8'))) TO STDOUT""")
    assert left.stdout.split() == ["case_closed", "t"]
    after = figures()
    assert after.total.cases == before.total.cases - 1
    assert (after.total.invitations, after.total.responses) == (before.total.invitations - 1,
                                                               before.total.responses - 1)
    assert after.counter_visits.invitations == before.counter_visits.invitations == 0


def test_reopening_on_request_needs_a_reason(fb, configured):
    case = submit(fb, text="Put aan de school").case
    change(fb, fb.keys.works, case.id, "answered", answer_text="De put is gevuld.")
    change(fb, fb.keys.works, case.id, "closed")
    error = rpc_error(lambda: change(fb, fb.keys.works, case.id, "in_treatment", "en"))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details() == "Give a reason."
    reopened = change(fb, fb.keys.works, case.id, "in_treatment", reason="De burger belt: de put is terug.").case
    assert reopened.status == "in_treatment" and reopened.closed_at == "" and reopened.answered_at
    last = reopened.history[-1]
    assert (last.from_status, last.to_status, last.reason, last.actor) == (
        "closed", "in_treatment", "De burger belt: de put is terug.", "piet.works")


def test_deadline_terms_are_configurable(fb, configured):
    admin = md(fb.keys.admin)
    settings = fb.complaints.GetSettings(fb.pb.GetSettingsRequest(), metadata=admin, timeout=5)
    original = settings.first_answer_working_days
    assert original == 2

    def category(sub, term, working, main="parks"):
        return fb.pb.Category(main=main, sub=sub, term_days=term, term_in_working_days=working,
                              title_nl="Parken", title_fr="Parcs", title_de="Parks", title_en="Parks", active=True)

    fb.complaints.PutCategory(category("benches", 5, True), metadata=admin, timeout=5)
    fb.complaints.PutCategory(category("trees", 30, False), metadata=admin, timeout=5)
    listed = fb.complaints.ListCategories(fb.pb.ListCategoriesRequest(), metadata=md(fb.keys.desk), timeout=5)
    assert {(c.main, c.sub, c.term_days) for c in listed.categories} >= {("parks", "benches", 5),
                                                                          ("parks", "trees", 30)}
    settings.first_answer_working_days = 5
    fb.complaints.UpdateSettings(settings, metadata=admin, timeout=5)
    try:
        # A first answer within 5 working days and a final answer within 5 working days: the same day.
        benches = submit(fb, main_category="parks", sub_category="benches", text="Bank kapot").case
        assert benches.first_answer_due == benches.final_answer_due > today().isoformat()
        # 30 calendar days, moved to the next working day when they end on a weekend or holiday.
        trees = submit(fb, main_category="parks", sub_category="trees", text="Boom omgewaaid").case
        due = datetime.date.fromisoformat(trees.final_answer_due)
        assert today() + datetime.timedelta(days=30) <= due <= today() + datetime.timedelta(days=34)
        assert due.weekday() < 5
    finally:
        settings.first_answer_working_days = original
        fb.complaints.UpdateSettings(settings, metadata=admin, timeout=5)
    # Bad definitions, in the caller's language; clerks may not change them.
    error = rpc_error(lambda: fb.complaints.PutCategory(category("Bänke", 5, True), metadata=md(fb.keys.admin, "de"),
                                                        timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details().startswith("Eine Kategorie hat Codes")
    error = rpc_error(lambda: fb.complaints.PutCategory(category("benches", 0, True), metadata=md(fb.keys.admin, "en"),
                                                        timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "a term of 1 to 365 days" in error.details()
    settings.first_answer_working_days = 61
    error = rpc_error(lambda: fb.complaints.UpdateSettings(settings, metadata=md(fb.keys.admin, "fr"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details().startswith("Paramètres non valides")
    error = rpc_error(lambda: fb.complaints.PutCategory(category("benches", 5, True), metadata=md(fb.keys.desk),
                                                        timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED


def test_survey_definitions_are_checked(fb, configured):
    q = fb.sv
    question = q.Question(position=1, kind="satisfied", text_nl="Tevreden?", text_fr="Satisfait ?",
                          text_de="Zufrieden?", text_en="Satisfied?")
    survey = q.Survey(id="checked", trigger="case_closed", active=False, title_nl="Enquête", title_fr="Enquête",
                      title_de="", title_en="Survey", questions=[question])
    error = rpc_error(lambda: fb.surveys.PutSurvey(survey, metadata=md(fb.keys.admin, "nl"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details() == "Ongeldige enquête: title."
    survey.title_de = "Umfrage"
    survey.questions[0].kind = "stars"
    error = rpc_error(lambda: fb.surveys.PutSurvey(survey, metadata=md(fb.keys.admin, "en"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details() == "Invalid survey: question 1: kind."
    survey.questions[0].kind = "choice"
    survey.questions[0].choices.append(q.Choice(code="a", text_nl="A", text_fr="A", text_de="A", text_en="A"))
    error = rpc_error(lambda: fb.surveys.PutSurvey(survey, metadata=md(fb.keys.admin, "en"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details() == "Invalid survey: question 1: choices."
    survey.trigger = "birthday"
    error = rpc_error(lambda: fb.surveys.PutSurvey(survey, metadata=md(fb.keys.admin, "en"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details() == "Invalid survey: trigger."
    error = rpc_error(lambda: fb.surveys.PutSurvey(survey, metadata=md(fb.keys.desk), timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    listed = fb.surveys.ListSurveys(q.ListSurveysRequest(), metadata=md(fb.keys.desk), timeout=5)
    assert "checked" not in {s.id for s in listed.surveys} and "after-case" in {s.id for s in listed.surveys}

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


def test_departments_named_or_missing_get_clear_answers(fb, configured):
    # An account without a department cannot do what a department's staff does (the host says so first).
    error = rpc_error(lambda: fb.surveys.InviteVisitor(fb.sv.InviteVisitorRequest(),
                                                       metadata=md(fb.keys.root, "en", None), timeout=5))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED and "belongs to none" in error.details()
    # A department that an administrator names and that does not exist is NOT_FOUND, not a quiet one with zeros.
    for call in (
        lambda: fb.complaints.Analyze(fb.pb.AnalyzeRequest(department_id="nergens"),
                                      metadata=md(fb.keys.admin, "en"), timeout=10),
        lambda: fb.complaints.ListDeadlines(fb.pb.ListDeadlinesRequest(department_id="nergens"),
                                            metadata=md(fb.keys.admin, "en"), timeout=5),
    ):
        error = rpc_error(call)
        assert error.code() == grpc.StatusCode.NOT_FOUND
        assert error.details() == "The department nergens does not exist."
    # An existing department without cases still answers, with zeros.
    quiet = fb.complaints.Analyze(fb.pb.AnalyzeRequest(department_id="archief"), metadata=md(fb.keys.admin),
                                  timeout=10)
    assert quiet.total.cases == 0


def test_list_cases_pages_with_an_opaque_keyset_token(fb, configured):
    # 505 cases of the archive department, three at a time received at the same moment (ties are broken by id).
    start = datetime.datetime(2025, 6, 2, 8, 0, tzinfo=datetime.timezone.utc)
    seeded = [(start + datetime.timedelta(minutes=i // 3), str(uuid.uuid4()), "closed" if i % 5 == 0 else "received")
              for i in range(505)]
    values = ",\n".join(
        f"('{case_id}', 'page-{i}', '{at.isoformat()}', '{at.date().isoformat()}', '{status}')"
        for i, (at, case_id, status) in enumerate(seeded))
    psql(fb.database, f"""
        INSERT INTO feedback.cases (id, intake_department_id, client_key, fingerprint, kind, channel, main_category,
            sub_category, text, language, anonymous, department_id, status, received_on, received_at, registered_at,
            first_answer_due, final_answer_due)
        SELECT v.id::uuid, 'archief', v.key, md5(v.key), 'question', 'letter', 'other', 'other', 'Archived letter',
               'nl', true, 'archief', v.status, v.day::date, v.at::timestamptz, v.at::timestamptz, v.day::date + 2,
               v.day::date + 45
        FROM (VALUES {values}) AS v (id, key, at, day, status)""")
    newest_first = [case_id for _, case_id, _ in sorted(((at, case_id) + (s,) for at, case_id, s in seeded),
                                                       reverse=True)]

    def page(size=0, token="", status="", language=None):
        return fb.complaints.ListCases(fb.pb.ListCasesRequest(page_size=size, page_token=token, status=status),
                                       metadata=md(fb.keys.archive, language), timeout=5)

    first = page(200)
    assert len(first.cases) == 200 and first.next_page_token
    assert "2025" not in first.next_page_token  # opaque
    # A case registered meanwhile is newer than every listed one: it does not shift the next pages.
    submitted = submit(fb, main_category="waste", sub_category="illegal-dumping", text="Sluikstort aan de kerk",
                       caller=fb.keys.archive).case
    assert submitted.department_id == "archief"
    second = page(200, first.next_page_token)
    third = page(200, second.next_page_token)
    assert len(second.cases) == 200 and len(third.cases) == 105 and third.next_page_token == ""
    listed = [c.id for c in first.cases] + [c.id for c in second.cases] + [c.id for c in third.cases]
    assert listed == newest_first
    assert all(not c.contact.name and c.department_id == "archief" for c in third.cases)
    # A new first page starts with the new case; the default page is 100 cases, and a page holds at most 500.
    assert [c.id for c in page().cases][:2] == [submitted.id, newest_first[0]] and len(page().cases) == 100
    largest = page(10_000)
    assert len(largest.cases) == 500 and largest.next_page_token
    assert len(page(10_000, largest.next_page_token).cases) == 6
    # The same with a status filter: only closed cases, in the same order.
    closed, token = [], ""
    while True:
        result = page(30, token, status="closed")
        closed += [c.id for c in result.cases]
        token = result.next_page_token
        if not token:
            break
    by_id = {case_id: status for _, case_id, status in seeded}
    assert closed == [case_id for case_id in newest_first if by_id[case_id] == "closed"] and len(closed) == 101
    # Bad paging input, in the caller's language.
    closed_token = page(30, status="closed").next_page_token
    for token, status, language, expected in [
        (closed_token, "", "en", "This page token is invalid or belongs to another query; start again from the first page."),
        (closed_token, "received", "nl", "Dit paginatoken is ongeldig of hoort bij een andere zoekopdracht; begin opnieuw bij de eerste pagina."),
        ("not-a-token", "", "fr", "Ce jeton de page n'est pas valide ou appartient à une autre recherche ; recommencez à la première page."),
        (closed_token[:-4], "closed", "de", "Dieses Seiten-Token ist ungültig oder gehört zu einer anderen Abfrage; beginnen Sie wieder bei der ersten Seite."),
    ]:
        error = rpc_error(lambda: page(30, token, status=status, language=language))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details() == expected, (token, status)
    error = rpc_error(lambda: page(-1, language="en"))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error.details() == "The page size must not be negative (0 for 100, at most 500)."
    error = rpc_error(lambda: page(status="archived", language="en"))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "archived" in error.details()


def seed_case(fb, department, key, kind, main, sub, status, received, first=None, answered=None, closed=None, *,
              first_due, final_due):
    """A case received at `received` (UTC) with its first answer, final answer and closing `first`, `answered`
    and `closed` hours later (None: not yet), and the given due days."""
    def at(hours):
        return "NULL" if hours is None else f"('{received}'::timestamptz + interval '{hours} hours')"

    def day(hours):
        return "NULL" if hours is None else f"({at(hours)} AT TIME ZONE 'Europe/Brussels')::date"

    psql(fb.database, f"""
        INSERT INTO feedback.cases (id, intake_department_id, client_key, fingerprint, kind, channel, main_category,
            sub_category, text, language, anonymous, department_id, status, received_on, received_at, registered_at,
            first_answer_due, final_answer_due, first_answered_at, first_answered_on, answered_at, answered_on,
            closed_at)
        VALUES (md5('{key}')::uuid, '{department}', '{key}', md5('{key}'), '{kind}', 'web', '{main}', '{sub}',
            'Seeded case {key}', 'nl', true, '{department}', '{status}', {day(0)}, {at(0)}, {at(0)}, '{first_due}',
            '{final_due}', {at(first)}, {day(first)}, {at(answered)}, {day(answered)}, {at(closed)})""")
    return psql(fb.database, f"COPY (SELECT md5('{key}')::uuid) TO STDOUT").stdout.strip()


def survey_questions(q):
    return [
        q.Question(position=1, kind="satisfied", text_nl="Tevreden?", text_fr="Satisfait ?", text_de="Zufrieden?",
                   text_en="Satisfied?"),
        q.Question(position=2, kind="score", text_nl="Score?", text_fr="Note ?", text_de="Note?", text_en="Score?"),
        q.Question(position=3, kind="nps", text_nl="Aanbevelen?", text_fr="Recommander ?", text_de="Empfehlen?",
                   text_en="Recommend?"),
    ]


def test_analysis_figures_of_a_seeded_data_set_with_counter_visits(fb, configured):
    """Five cases and eight survey invitations of the statistics department, figures computed by hand.

    Cases (received 08:00 UTC; hours after receipt to the first answer / final answer / closing; on time?):
      A roads/pothole      complaint   2025-03-03   2 / 10 / 24     first on time, final on time
      B roads/lighting     question    2025-03-10   4 / 30 / 48     on time, on time
      C waste/missed-coll. complaint   2025-03-20 120 / 504 / 528   late, late
      D waste/missed-coll. request     2025-04-02   6 / 50 / -      on time, on time (answered, not closed)
      E service/counter    compliment  2025-04-15   - / - / -       (received)
    Case surveys (count with their case): A1 yes, NPS 10; A2 score 4, NPS 8; B1 no, score 2, NPS 5; C1 unanswered.
    Counter visits of the department (count on the day of the visit in Belgium):
      V1 2025-03-12 score 5, NPS 9;  V2 2025-04-20 score 1, NPS 0;  V3 2025-04-21 unanswered;
      V4 2025-03-31 22:30 UTC = 1 April 00:30 in Brussels, yes.
    Plus a counter visit of another department (V5), which must not count.
    """
    q, portal = fb.sv, md(fb.keys.portal, purpose=None)
    fb.surveys.PutSurvey(q.Survey(id="stats-case", trigger="case_closed", active=False, title_nl="Dossier",
                                  title_fr="Dossier", title_de="Vorgang", title_en="Case",
                                  questions=survey_questions(q)), metadata=md(fb.keys.admin), timeout=5)
    fb.surveys.PutSurvey(q.Survey(id="stats-visit", trigger="counter_visit", active=True, title_nl="Bezoek",
                                  title_fr="Visite", title_de="Besuch", title_en="Visit",
                                  questions=survey_questions(q)), metadata=md(fb.keys.admin), timeout=5)
    dept = "statistiek"
    a = seed_case(fb, dept, "stat-a", "complaint", "roads", "pothole", "closed", "2025-03-03T08:00:00Z", 2, 10, 24,
                  first_due="2025-03-05", final_due="2025-04-17")
    b = seed_case(fb, dept, "stat-b", "question", "roads", "lighting", "closed", "2025-03-10T08:00:00Z", 4, 30, 48,
                  first_due="2025-03-12", final_due="2025-04-24")
    c = seed_case(fb, dept, "stat-c", "complaint", "waste", "missed-collection", "closed", "2025-03-20T08:00:00Z",
                  120, 504, 528, first_due="2025-03-24", final_due="2025-04-03")
    seed_case(fb, dept, "stat-d", "request", "waste", "missed-collection", "answered", "2025-04-02T08:00:00Z", 6, 50,
              first_due="2025-04-04", final_due="2025-04-16")
    seed_case(fb, dept, "stat-e", "compliment", "service", "counter", "received", "2025-04-15T08:00:00Z",
              first_due="2025-04-17", final_due="2025-05-30")
    # The invitations sent when A (twice: it was reopened once), B and C closed; answered on the survey page.
    for token, case_id in [("stat-a1", a), ("stat-a2", a), ("stat-b1", b), ("stat-c1", c)]:
        psql(fb.database, f"""
            INSERT INTO feedback.invitations (token_sha256, survey_id, trigger, case_id, department_id, language,
                                              created_at, expires_at)
            VALUES (sha256(convert_to('{token}', 'UTF8')), 'stats-case', 'case_closed', '{case_id}', '{dept}', 'nl',
                    now(), now() + interval '14 days')""")

    def answer(token, satisfied="", score="", nps=""):
        answers = [q.Answer(position=p, value=v) for p, v in ((1, satisfied), (2, score), (3, nps)) if v]
        return fb.surveys.SubmitAnswers(q.SubmitAnswersRequest(token=token, answers=answers), metadata=portal,
                                        timeout=5)

    answer("stat-a1", satisfied="yes", nps="10")
    answer("stat-a2", score="4", nps="8")
    assert answer("stat-b1", satisfied="no", score="2", nps="5").unhappy
    # Counter visits: invited by the department's clerk through the RPC, then dated.
    visits = {}
    for name, at, key in [("V1", "2025-03-12T10:00:00Z", fb.keys.stats), ("V2", "2025-04-20T10:00:00Z", fb.keys.stats),
                          ("V3", "2025-04-21T10:00:00Z", fb.keys.stats), ("V4", "2025-03-31T22:30:00Z", fb.keys.stats),
                          ("V5", "2025-04-05T10:00:00Z", fb.keys.desk)]:
        visits[name] = fb.surveys.InviteVisitor(q.InviteVisitorRequest(), metadata=md(key, purpose=None),
                                                timeout=5).token
        psql(fb.database, f"""UPDATE feedback.invitations SET created_at = '{at}'
                              WHERE token_sha256 = sha256(convert_to('{visits[name]}', 'UTF8'))""")
    answer(visits["V1"], score="5", nps="9")
    answer(visits["V2"], score="1", nps="0")
    answer(visits["V4"], satisfied="yes")
    answer(visits["V5"], satisfied="no", nps="0")
    fb.surveys.PutSurvey(q.Survey(id="stats-visit", trigger="counter_visit", active=False, title_nl="Bezoek",
                                  title_fr="Visite", title_de="Besuch", title_en="Visit",
                                  questions=survey_questions(q)), metadata=md(fb.keys.admin), timeout=5)

    def analyze(**request):
        return fb.complaints.Analyze(fb.pb.AnalyzeRequest(**request), metadata=md(fb.keys.stats), timeout=10)

    def check(figures, group="", cases=0, complaints=0, answered=0, closed=0, first_hours=0.0, close_hours=0.0,
              first_on_time=0.0, final_on_time=0.0, invitations=0, responses=0, csat=0.0, nps=0.0):
        assert (figures.group, figures.cases, figures.complaints, figures.answered, figures.closed,
                figures.invitations, figures.responses) == (
            group, cases, complaints, answered, closed, invitations, responses), figures
        assert figures.median_hours_to_first_answer == pytest.approx(first_hours), figures
        assert figures.median_hours_to_close == pytest.approx(close_hours), figures
        assert figures.first_answer_on_time == pytest.approx(first_on_time), figures
        assert figures.final_answer_on_time == pytest.approx(final_on_time), figures
        assert figures.answer_rate == pytest.approx(responses / invitations if invitations else 0), figures
        assert figures.csat == pytest.approx(csat), figures
        assert figures.nps == pytest.approx(nps), figures

    everything = analyze()
    # Total: 5 cases; first answers 2, 4, 6, 120 h (median 5), closing 24, 48, 528 h (median 48); 3 of 4 first and
    # final answers on time; 8 invitations, 6 answers; satisfied A1, A2 (score 4), V1 (5), V4 of 6 rated; NPS from
    # 10, 8, 5, 9, 0: two promoters, two detractors.
    check(everything.total, cases=5, complaints=2, answered=4, closed=3, first_hours=5, close_hours=48,
          first_on_time=0.75, final_on_time=0.75, invitations=8, responses=6, csat=400 / 6, nps=0)
    # March: A, B, C, their 4 invitations and V1; April: D, E and V2, V3, V4 (1 April in Brussels).
    assert [m.group for m in everything.months] == ["2025-03", "2025-04"]
    check(everything.months[0], "2025-03", cases=3, complaints=2, answered=3, closed=3, first_hours=4,
          close_hours=48, first_on_time=2 / 3, final_on_time=2 / 3, invitations=5, responses=4, csat=75, nps=25)
    check(everything.months[1], "2025-04", cases=2, answered=1, first_hours=6, first_on_time=1, final_on_time=1,
          invitations=3, responses=2, csat=50, nps=-100)
    # Categories: the cases and their surveys only; the counter visits on their own. The survey figures of the
    # categories and the counter visits add up to the total.
    assert [g.group for g in everything.categories] == ["roads", "service", "waste"]
    roads, service, waste = everything.categories
    check(roads, "roads", cases=2, complaints=1, answered=2, closed=2, first_hours=3, close_hours=36,
          first_on_time=1, final_on_time=1, invitations=3, responses=3, csat=200 / 3, nps=0)
    check(service, "service", cases=1)
    check(waste, "waste", cases=2, complaints=1, answered=2, closed=1, first_hours=63, close_hours=528,
          first_on_time=0.5, final_on_time=0.5, invitations=1, responses=0)
    check(everything.counter_visits, invitations=4, responses=3, csat=200 / 3, nps=0)
    assert sum(g.invitations for g in everything.categories) + everything.counter_visits.invitations == 8

    # A category leaves the counter visits out.
    only_roads = analyze(main_category="roads")
    check(only_roads.total, cases=2, complaints=1, answered=2, closed=2, first_hours=3, close_hours=36,
          first_on_time=1, final_on_time=1, invitations=3, responses=3, csat=200 / 3, nps=0)
    check(only_roads.counter_visits)
    assert [m.group for m in only_roads.months] == ["2025-03"]
    # A period: April holds D, E and the visits V2, V3 and V4 (its day in Belgium is 1 April).
    april = analyze(**{"from": "2025-04-01", "to": "2025-04-30"})
    check(april.total, cases=2, answered=1, first_hours=6, first_on_time=1, final_on_time=1, invitations=3,
          responses=2, csat=50, nps=-100)
    check(april.counter_visits, invitations=3, responses=2, csat=50, nps=-100)
    march = analyze(**{"from": "2025-03-01", "to": "2025-03-31"})
    assert (march.total.cases, march.total.invitations, march.counter_visits.invitations) == (3, 5, 1)
    # Nothing in scope: zeros, no months, no categories.
    empty = analyze(**{"from": "2000-01-01", "to": "2000-01-31"})
    check(empty.total)
    check(empty.counter_visits)
    assert not empty.months and not empty.categories
    # The other department's visit (V5) counts there, not here.
    desk = fb.complaints.Analyze(fb.pb.AnalyzeRequest(**{"from": "2025-04-05", "to": "2025-04-05"}),
                                 metadata=md(fb.keys.desk), timeout=10)
    check(desk.total, invitations=1, responses=1, csat=0, nps=-100)
    # Bad input.
    error = rpc_error(lambda: fb.complaints.Analyze(fb.pb.AnalyzeRequest(**{"from": "2025-02-30"}),
                                                    metadata=md(fb.keys.stats, "en"), timeout=5))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details() == "2025-02-30 is not a valid day (YYYY-MM-DD)."
