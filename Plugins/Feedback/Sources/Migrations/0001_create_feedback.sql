-- Complaints and satisfaction surveys (issue 8).
CREATE SCHEMA IF NOT EXISTS feedback;

-- One row: the plugin's settings, changed by administrators through UpdateSettings.
CREATE TABLE feedback.settings (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    first_answer_working_days integer NOT NULL DEFAULT 2 CHECK (first_answer_working_days BETWEEN 0 AND 60),
    retention_days integer NOT NULL DEFAULT 730 CHECK (retention_days BETWEEN 1 AND 36500),
    retention_action text NOT NULL DEFAULT 'anonymize' CHECK (retention_action IN ('anonymize', 'delete')),
    invitation_valid_days integer NOT NULL DEFAULT 14 CHECK (invitation_valid_days BETWEEN 1 AND 365)
);
INSERT INTO feedback.settings DEFAULT VALUES;

-- Two-level categories with the term of the final answer.
CREATE TABLE feedback.categories (
    main text NOT NULL CHECK (main ~ '^[a-z][a-z0-9-]{0,39}$'),
    sub text NOT NULL CHECK (sub ~ '^[a-z][a-z0-9-]{0,39}$'),
    term_days integer NOT NULL CHECK (term_days BETWEEN 1 AND 365),
    term_in_working_days boolean NOT NULL DEFAULT false,
    title_nl text NOT NULL, title_fr text NOT NULL, title_de text NOT NULL, title_en text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    PRIMARY KEY (main, sub)
);
INSERT INTO feedback.categories (main, sub, term_days, term_in_working_days, title_nl, title_fr, title_de, title_en) VALUES
    ('waste', 'missed-collection', 10, true, 'Afval - niet opgehaald', 'Déchets - collecte manquée', 'Abfall - nicht abgeholt', 'Waste - missed collection'),
    ('waste', 'illegal-dumping', 45, false, 'Afval - sluikstort', 'Déchets - dépôt clandestin', 'Abfall - illegale Entsorgung', 'Waste - illegal dumping'),
    ('roads', 'pothole', 45, false, 'Wegen - put in de weg', 'Voirie - nid-de-poule', 'Straßen - Schlagloch', 'Roads - pothole'),
    ('roads', 'lighting', 45, false, 'Wegen - straatverlichting', 'Voirie - éclairage public', 'Straßen - Straßenbeleuchtung', 'Roads - street lighting'),
    ('service', 'counter', 45, false, 'Dienstverlening - loket', 'Service - guichet', 'Dienstleistung - Schalter', 'Service - counter'),
    ('service', 'waiting-time', 45, false, 'Dienstverlening - wachttijd', 'Service - temps d''attente', 'Dienstleistung - Wartezeit', 'Service - waiting time'),
    ('other', 'other', 45, false, 'Andere', 'Autre', 'Sonstiges', 'Other');

-- Ordered routing rules: the first rule whose non-empty conditions all hold names the department.
CREATE TABLE feedback.routing_rules (
    position integer PRIMARY KEY CHECK (position > 0),
    main_category text,
    sub_category text,
    channel text,
    keywords text[] NOT NULL DEFAULT '{}',
    department_id text NOT NULL
);

CREATE TABLE feedback.cases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    intake_department_id text NOT NULL,
    client_key text NOT NULL CHECK (length(client_key) BETWEEN 1 AND 100),
    fingerprint text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('complaint', 'question', 'request', 'compliment')),
    channel text NOT NULL CHECK (channel IN ('counter', 'phone', 'web', 'email', 'letter')),
    main_category text NOT NULL,
    sub_category text NOT NULL,
    text text NOT NULL,
    language text NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
    -- Contact details (personal data); all NULL for an anonymous case and after anonymization.
    contact_name text, contact_email text, contact_phone text, contact_address text,
    anonymous boolean NOT NULL,
    department_id text NOT NULL,
    routing_rule integer,
    status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in_treatment', 'answered', 'closed')),
    received_on date NOT NULL,
    received_at timestamptz NOT NULL,
    registered_at timestamptz NOT NULL,
    first_answer_due date NOT NULL,
    final_answer_due date NOT NULL,
    first_answered_at timestamptz,
    first_answered_on date,
    answered_at timestamptz,
    answered_on date,
    closed_at timestamptz,
    anonymized_at timestamptz,
    UNIQUE (intake_department_id, client_key),
    FOREIGN KEY (main_category, sub_category) REFERENCES feedback.categories (main, sub)
);
CREATE INDEX cases_department_status ON feedback.cases (department_id, status);
CREATE INDEX cases_received_on ON feedback.cases (received_on);
CREATE INDEX cases_closed_at ON feedback.cases (closed_at) WHERE closed_at IS NOT NULL;

CREATE TABLE feedback.attachments (
    case_id uuid NOT NULL REFERENCES feedback.cases ON DELETE CASCADE,
    position integer NOT NULL,
    reference text NOT NULL,
    file_name text NOT NULL,
    media_type text NOT NULL,
    PRIMARY KEY (case_id, position)
);

-- The status history: append-only. Only the retention run (which sets feedback.retention for its transaction)
-- may blank texts or delete rows.
CREATE TABLE feedback.case_events (
    case_id uuid NOT NULL REFERENCES feedback.cases ON DELETE CASCADE,
    sequence integer NOT NULL,
    event text NOT NULL CHECK (event IN ('intake', 'status', 'note', 'reroute')),
    from_status text, to_status text,
    from_department text, to_department text,
    reason text, note text, answer_text text,
    actor text NOT NULL,
    actor_department text,
    at timestamptz NOT NULL,
    PRIMARY KEY (case_id, sequence)
);

CREATE FUNCTION feedback.case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('feedback.retention', true) IS DISTINCT FROM 'on' THEN
        RAISE EXCEPTION 'feedback.case_events is append-only' USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON feedback.case_events
    FOR EACH ROW EXECUTE FUNCTION feedback.case_events_append_only();

-- Survey definitions.
CREATE TABLE feedback.surveys (
    id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{0,39}$'),
    trigger text NOT NULL CHECK (trigger IN ('case_closed', 'counter_visit')),
    active boolean NOT NULL DEFAULT true,
    reopen_when_unhappy boolean NOT NULL DEFAULT false,
    title_nl text NOT NULL, title_fr text NOT NULL, title_de text NOT NULL, title_en text NOT NULL
);
-- At most one active survey per trigger.
CREATE UNIQUE INDEX surveys_active_trigger ON feedback.surveys (trigger) WHERE active;

CREATE TABLE feedback.survey_questions (
    survey_id text NOT NULL REFERENCES feedback.surveys ON DELETE CASCADE,
    position integer NOT NULL CHECK (position > 0),
    kind text NOT NULL CHECK (kind IN ('satisfied', 'score', 'nps', 'choice', 'text', 'consent')),
    text_nl text NOT NULL, text_fr text NOT NULL, text_de text NOT NULL, text_en text NOT NULL,
    required boolean NOT NULL DEFAULT false,
    -- For `choice`: codes and their texts, index by index.
    choice_codes text[] NOT NULL DEFAULT '{}',
    choice_nl text[] NOT NULL DEFAULT '{}', choice_fr text[] NOT NULL DEFAULT '{}',
    choice_de text[] NOT NULL DEFAULT '{}', choice_en text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (survey_id, position)
);

-- Invitations: only the SHA-256 of the one-time token is kept.
CREATE TABLE feedback.invitations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token_sha256 bytea NOT NULL UNIQUE,
    survey_id text NOT NULL REFERENCES feedback.surveys,
    case_id uuid REFERENCES feedback.cases ON DELETE SET NULL,
    department_id text NOT NULL,
    language text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);
CREATE INDEX invitations_case ON feedback.invitations (case_id);

-- Answers carry no contact details; the summary columns feed the analysis.
CREATE TABLE feedback.responses (
    invitation_id uuid PRIMARY KEY REFERENCES feedback.invitations ON DELETE CASCADE,
    answered_at timestamptz NOT NULL,
    satisfied boolean,
    score integer CHECK (score BETWEEN 1 AND 5),
    nps integer CHECK (nps BETWEEN 0 AND 10),
    unhappy boolean NOT NULL,
    reopened_case boolean NOT NULL
);

CREATE TABLE feedback.response_answers (
    invitation_id uuid NOT NULL REFERENCES feedback.responses ON DELETE CASCADE,
    position integer NOT NULL,
    value text NOT NULL,
    PRIMARY KEY (invitation_id, position)
);
