-- Counter-visit surveys in the analysis (issue 8): an invitation records what it follows, a closed case or a
-- counter visit. `case_id` alone cannot tell: it becomes NULL when the retention run deletes the case, and a
-- survey's trigger may be changed later. Invitations issued before this migration take their case's, or else their
-- survey's, trigger.
ALTER TABLE feedback.invitations ADD COLUMN trigger text;
UPDATE feedback.invitations i SET trigger = CASE WHEN i.case_id IS NOT NULL THEN 'case_closed' ELSE s.trigger END
FROM feedback.surveys s WHERE s.id = i.survey_id;
ALTER TABLE feedback.invitations
    ALTER COLUMN trigger SET NOT NULL,
    ADD CONSTRAINT invitations_trigger CHECK (trigger IN ('case_closed', 'counter_visit')),
    ADD CONSTRAINT invitations_counter_visit_without_case CHECK (trigger = 'case_closed' OR case_id IS NULL);

-- Analyze reads the counter visits of a department and period.
CREATE INDEX invitations_counter_visits ON feedback.invitations (department_id, created_at)
    WHERE trigger = 'counter_visit';
