-- ListCases pages through a department's cases newest first, optionally of one status, with (received_at, id)
-- descending as the keyset (issue 8). The index on (department_id, status) is replaced by one that also serves
-- that order; the lists of all statuses get their own.
DROP INDEX feedback.cases_department_status;
CREATE INDEX cases_department_status_received ON feedback.cases (department_id, status, received_at DESC, id DESC);
CREATE INDEX cases_department_received ON feedback.cases (department_id, received_at DESC, id DESC);
