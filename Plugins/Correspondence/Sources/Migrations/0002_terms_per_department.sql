-- Terms of incoming items per department as well as per channel: data an administrator changes (SetTerm,
-- DeleteTerm). A row's department and channel are each optional; an item's term is the most specific row that
-- exists: its department and channel, else its department, else its channel, else the default row (neither).
CREATE TABLE correspondence.terms (
    department_id text REFERENCES core.departments (id),
    channel text CHECK (channel IN ('letter', 'email', 'form', 'other')),
    working_days integer NOT NULL CHECK (working_days BETWEEN 0 AND 365),
    changed_by text,
    changed_at timestamptz NOT NULL DEFAULT now()
);
-- One row per scope; NULL (every department, every channel) counts as a value of its own.
CREATE UNIQUE INDEX terms_scope ON correspondence.terms (coalesce(department_id, ''), coalesce(channel, ''));

-- The terms per channel so far, and the default of the 2-working-day rule.
INSERT INTO correspondence.terms (department_id, channel, working_days)
SELECT NULL, channel, working_days FROM correspondence.channel_terms;
INSERT INTO correspondence.terms (department_id, channel, working_days) VALUES (NULL, NULL, 2);
DROP TABLE correspondence.channel_terms;
