-- Extracts and certificates as issued: the text is kept so that a verification code shows exactly what was issued.
CREATE TABLE civil_registry.extracts (
    verification_code text PRIMARY KEY CHECK (verification_code ~ '^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$'),
    act_id uuid NOT NULL REFERENCES civil_registry.acts (id),
    language text NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en', 'multilingual')),
    text text NOT NULL,
    issued_at timestamptz NOT NULL DEFAULT now(),
    issued_by text NOT NULL,
    department_id text
);
CREATE INDEX extracts_act ON civil_registry.extracts (act_id);
