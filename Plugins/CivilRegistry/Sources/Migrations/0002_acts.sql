-- Civil status acts: the head row holds the current state for queries; the chain of actions is append-only.
CREATE TABLE civil_registry.acts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL CHECK (kind IN ('birth', 'recognition', 'marriage', 'divorce', 'legal_cohabitation',
                                       'end_of_legal_cohabitation', 'name_change', 'death')),
    status text NOT NULL CHECK (status IN ('draft', 'declared', 'validated', 'registered', 'correction_requested',
                                           'rejected', 'duplicate')),
    -- The act's current data (ActData as JSON, proto field names).
    data jsonb NOT NULL DEFAULT '{}',
    possible_duplicate boolean NOT NULL DEFAULT false,
    -- Birth acts from a notification: the last day of the parents' declaration term.
    declaration_due date,
    registered_person_id uuid REFERENCES civil_registry.persons (id),
    department_id text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX acts_overdue ON civil_registry.acts (declaration_due) WHERE status = 'draft' AND kind = 'birth';

CREATE TABLE civil_registry.act_actions (
    act_id uuid NOT NULL REFERENCES civil_registry.acts (id),
    sequence bigint NOT NULL CHECK (sequence >= 1),
    action text NOT NULL CHECK (action IN ('created', 'notified', 'declared', 'validated', 'registered', 'certified',
                                           'rejected', 'correction_requested', 'correction_approved',
                                           'correction_rejected', 'marked_duplicate', 'marked_not_duplicate')),
    status_after text NOT NULL,
    principal_id uuid,
    principal_name text NOT NULL,
    department_id text,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    reason text NOT NULL DEFAULT '',
    -- The data this action brought (declared, correction requested), else NULL.
    data jsonb,
    PRIMARY KEY (act_id, sequence)
);

-- Append-only: nothing in the chain is ever changed or removed.
CREATE FUNCTION civil_registry.refuse_action_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the chain of actions is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER act_actions_append_only BEFORE UPDATE OR DELETE ON civil_registry.act_actions
    FOR EACH ROW EXECUTE FUNCTION civil_registry.refuse_action_change();
CREATE TRIGGER act_actions_no_truncate BEFORE TRUNCATE ON civil_registry.act_actions
    FOR EACH STATEMENT EXECUTE FUNCTION civil_registry.refuse_action_change();
