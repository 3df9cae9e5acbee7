-- The survey figures of each case, kept on the case (issue 8): Analyze sums them with the other figures of the
-- cases in one pass, instead of joining every case to the invitations and their answers. Triggers on invitations
-- and responses keep them equal to what those tables hold for the case: the invitations sent when it closed and
-- their answers (counter-visit invitations have no case).
ALTER TABLE feedback.cases
    ADD COLUMN survey_invitations integer NOT NULL DEFAULT 0,
    ADD COLUMN survey_responses integer NOT NULL DEFAULT 0,
    -- Answers that say whether the citizen is satisfied (yes/no, or else a 1-5 score), and the satisfied ones
    -- among them (yes, or 4-5).
    ADD COLUMN survey_rated integer NOT NULL DEFAULT 0,
    ADD COLUMN survey_satisfied integer NOT NULL DEFAULT 0,
    -- Answers with an NPS score (0-10), and the promoters (9-10) and detractors (0-6) among them.
    ADD COLUMN survey_recommended integer NOT NULL DEFAULT 0,
    ADD COLUMN survey_promoters integer NOT NULL DEFAULT 0,
    ADD COLUMN survey_detractors integer NOT NULL DEFAULT 0;

UPDATE feedback.cases c
SET survey_invitations = s.invitations, survey_responses = s.responses, survey_rated = s.rated,
    survey_satisfied = s.satisfied, survey_recommended = s.recommended, survey_promoters = s.promoters,
    survey_detractors = s.detractors
FROM (SELECT i.case_id, count(*) AS invitations, count(r.invitation_id) AS responses,
             count(*) FILTER (WHERE r.satisfied IS NOT NULL OR r.score IS NOT NULL) AS rated,
             count(*) FILTER (WHERE coalesce(r.satisfied, r.score >= 4)) AS satisfied,
             count(r.nps) AS recommended, count(*) FILTER (WHERE r.nps >= 9) AS promoters,
             count(*) FILTER (WHERE r.nps <= 6) AS detractors
      FROM feedback.invitations i LEFT JOIN feedback.responses r ON r.invitation_id = i.id
      WHERE i.case_id IS NOT NULL
      GROUP BY i.case_id) AS s
WHERE c.id = s.case_id;

-- The plugin only inserts invitations and answers (an invitation's case becomes NULL only when retention deletes
-- the case, counters and all): statement-level triggers count what is inserted, each case once per statement. Who
-- deletes invitations or answers by hand must run the UPDATE above again for their cases.
CREATE FUNCTION feedback.count_case_invitations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE feedback.cases c SET survey_invitations = c.survey_invitations + n.invitations
    FROM (SELECT case_id, count(*) AS invitations FROM inserted_invitations WHERE case_id IS NOT NULL
          GROUP BY case_id) AS n
    WHERE c.id = n.case_id;
    RETURN NULL;
END $$;
CREATE TRIGGER invitations_counted AFTER INSERT ON feedback.invitations
    REFERENCING NEW TABLE AS inserted_invitations
    FOR EACH STATEMENT EXECUTE FUNCTION feedback.count_case_invitations();

CREATE FUNCTION feedback.count_case_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE feedback.cases c
    SET survey_responses = c.survey_responses + n.responses, survey_rated = c.survey_rated + n.rated,
        survey_satisfied = c.survey_satisfied + n.satisfied,
        survey_recommended = c.survey_recommended + n.recommended,
        survey_promoters = c.survey_promoters + n.promoters, survey_detractors = c.survey_detractors + n.detractors
    FROM (SELECT i.case_id, count(*) AS responses,
                 count(*) FILTER (WHERE r.satisfied IS NOT NULL OR r.score IS NOT NULL) AS rated,
                 count(*) FILTER (WHERE coalesce(r.satisfied, r.score >= 4)) AS satisfied,
                 count(r.nps) AS recommended, count(*) FILTER (WHERE r.nps >= 9) AS promoters,
                 count(*) FILTER (WHERE r.nps <= 6) AS detractors
          FROM inserted_responses r JOIN feedback.invitations i ON i.id = r.invitation_id
          WHERE i.case_id IS NOT NULL
          GROUP BY i.case_id) AS n
    WHERE c.id = n.case_id;
    RETURN NULL;
END $$;
CREATE TRIGGER responses_counted AFTER INSERT ON feedback.responses
    REFERENCING NEW TABLE AS inserted_responses
    FOR EACH STATEMENT EXECUTE FUNCTION feedback.count_case_responses();
