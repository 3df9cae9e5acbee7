-- The audit log: every write, and every read of personal data, appended in the same transaction as the access.
CREATE TABLE core.audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    principal_id uuid,
    principal_name text NOT NULL,
    role text NOT NULL,
    department_id text,
    method text NOT NULL,
    action text NOT NULL CHECK (action IN ('read', 'create', 'update', 'delete')),
    -- `kind:id`, e.g. `person:85073003328`, so that one GIN index answers "who consulted this record".
    subjects text[] NOT NULL DEFAULT '{}',
    information text[] NOT NULL DEFAULT '{}',
    purpose text,
    outcome text NOT NULL CHECK (outcome IN ('ok', 'denied'))
);
CREATE INDEX audit_log_subjects ON core.audit_log USING gin (subjects);
CREATE INDEX audit_log_principal_at ON core.audit_log (principal_id, at);
CREATE INDEX audit_log_at ON core.audit_log (at);

-- Append-only, twice over: Loket's own role loses the right to change or remove rows, and a trigger refuses it
-- for any role but a superuser that disables triggers on purpose.
CREATE FUNCTION core.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON core.audit_log
    FOR EACH ROW EXECUTE FUNCTION core.refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON core.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION core.refuse_audit_change();
REVOKE UPDATE, DELETE, TRUNCATE ON core.audit_log FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON core.audit_log FROM CURRENT_USER;
