-- Cases for the Analyze benchmark: psql -v rows=N -v department=ID. Set-based; texts and contacts are fictional.
--
-- Case i (1 <= i <= rows) is received on one of the 730 days from 2024-01-01, in the department given; kinds,
-- channels and the seven categories of the first migration take turns. Statuses: 20% received, 10% in treatment,
-- 20% answered, 50% closed, with first and final answers 0-95 h and 0-1199 h after receipt (so some late).
-- A third of the closed cases got a survey invitation (survey `benchmark`), half of those an answer with a
-- yes/no satisfaction and an NPS score. Counter visits: one survey invitation per ten cases (survey
-- `benchmark-visit`), on the same days, half of them answered with a 1-5 score and an NPS score. No history rows
-- (`case_events`): Analyze does not read them.
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

INSERT INTO feedback.surveys (id, trigger, active, reopen_when_unhappy, title_nl, title_fr, title_de, title_en)
VALUES ('benchmark', 'case_closed', false, false, 'Tevredenheid', 'Satisfaction', 'Zufriedenheit', 'Satisfaction'),
       ('benchmark-visit', 'counter_visit', false, false, 'Loketbezoek', 'Visite au guichet', 'Schalterbesuch',
        'Counter visit');

INSERT INTO feedback.cases (
    id, intake_department_id, client_key, fingerprint, kind, channel, main_category, sub_category, text, language,
    contact_name, contact_email, contact_phone, contact_address, anonymous, department_id, status,
    received_on, received_at, registered_at, first_answer_due, final_answer_due,
    first_answered_at, first_answered_on, answered_at, answered_on, closed_at)
SELECT c.id, :'department', 'seed-' || c.i, md5('seed-' || c.i), c.kind, c.channel, c.main, c.sub,
       'Benchmark case ' || c.i || ': fictional text about ' || c.sub || '.', c.language,
       CASE WHEN c.anonymous THEN NULL ELSE 'Citizen ' || c.i END,
       CASE WHEN c.anonymous THEN NULL ELSE 'citizen' || c.i || '@example.invalid' END,
       NULL, NULL, c.anonymous, :'department', c.status,
       c.received_on, c.received_at, c.received_at, c.received_on + 3, c.received_on + 45,
       c.first_answered_at, (c.first_answered_at AT TIME ZONE 'Europe/Brussels')::date,
       c.answered_at, (c.answered_at AT TIME ZONE 'Europe/Brussels')::date,
       CASE WHEN c.status = 'closed' THEN c.answered_at + interval '1 day' END
FROM (
    SELECT s.*,
           CASE WHEN s.status <> 'received' THEN s.received_at + make_interval(hours => ((s.i::bigint * 7919) % 96)::int) END
               AS first_answered_at,
           CASE WHEN s.status IN ('answered', 'closed')
                THEN s.received_at + make_interval(hours => 96 + ((s.i::bigint * 104729) % 1104)::int) END AS answered_at
    FROM (
        SELECT i, md5('case-' || i)::uuid AS id,
               (ARRAY['complaint', 'question', 'request', 'compliment'])[1 + i % 4] AS kind,
               (ARRAY['counter', 'phone', 'web', 'email', 'letter'])[1 + i % 5] AS channel,
               (ARRAY['waste', 'waste', 'roads', 'roads', 'service', 'service', 'other'])[1 + i % 7] AS main,
               (ARRAY['missed-collection', 'illegal-dumping', 'pothole', 'lighting', 'counter', 'waiting-time',
                      'other'])[1 + i % 7] AS sub,
               (ARRAY['nl', 'nl', 'nl', 'fr', 'fr', 'en', 'de'])[1 + (i / 3) % 7] AS language,
               i % 3 = 0 AS anonymous,
               (ARRAY['received', 'received', 'in_treatment', 'answered', 'answered',
                      'closed', 'closed', 'closed', 'closed', 'closed'])[1 + (i / 7) % 10] AS status,
               date '2024-01-01' + (i * 13) % 730 AS received_on,
               ((date '2024-01-01' + (i * 13) % 730) + time '08:00' + make_interval(mins => i % 600))
                   AT TIME ZONE 'Europe/Brussels' AS received_at
        FROM generate_series(1, :rows) AS i
    ) AS s
) AS c;

INSERT INTO feedback.invitations (id, token_sha256, survey_id, trigger, case_id, department_id, language,
                                  created_at, expires_at, used_at)
SELECT md5('invitation-' || i)::uuid, sha256(convert_to('benchmark-token-' || i, 'UTF8')), 'benchmark',
       'case_closed', c.id, c.department_id, c.language, c.closed_at, c.closed_at + interval '14 days',
       CASE WHEN i % 2 = 0 THEN c.closed_at + interval '2 days' END
FROM feedback.cases c, LATERAL (SELECT substr(c.client_key, 6)::int AS i) AS k
WHERE c.client_key LIKE 'seed-%' AND c.status = 'closed' AND k.i % 3 = 0;

INSERT INTO feedback.invitations (id, token_sha256, survey_id, trigger, case_id, department_id, language,
                                  created_at, expires_at, used_at)
SELECT md5('visit-' || v.i)::uuid, sha256(convert_to('benchmark-visit-token-' || v.i, 'UTF8')), 'benchmark-visit',
       'counter_visit', NULL, :'department', (ARRAY['nl', 'nl', 'fr', 'en'])[1 + v.i % 4], v.at,
       v.at + interval '14 days', CASE WHEN v.i % 2 = 0 THEN v.at + interval '3 hours' END
FROM (SELECT i, ((date '2024-01-01' + (i * 17) % 730) + time '09:00' + make_interval(mins => i % 480))
                    AT TIME ZONE 'Europe/Brussels' AS at
      FROM generate_series(1, :rows / 10) AS i) AS v;

INSERT INTO feedback.responses (invitation_id, answered_at, satisfied, score, nps, unhappy, reopened_case)
SELECT v.id, v.used_at, v.n % 5 < 4, NULL, v.n % 11, NOT (v.n % 5 < 4) OR v.n % 11 <= 6, false
FROM (SELECT i.id, i.used_at, ('x' || left(md5(i.id::text), 7))::bit(28)::int AS n
      FROM feedback.invitations i WHERE i.used_at IS NOT NULL AND i.survey_id = 'benchmark') AS v;

INSERT INTO feedback.responses (invitation_id, answered_at, satisfied, score, nps, unhappy, reopened_case)
SELECT v.id, v.used_at, NULL, 1 + v.n % 5, v.n % 11, v.n % 5 < 2 OR v.n % 11 <= 6, false
FROM (SELECT i.id, i.used_at, ('x' || left(md5(i.id::text), 7))::bit(28)::int AS n
      FROM feedback.invitations i WHERE i.used_at IS NOT NULL AND i.survey_id = 'benchmark-visit') AS v;

ANALYZE feedback.cases;
ANALYZE feedback.invitations;
ANALYZE feedback.responses;
