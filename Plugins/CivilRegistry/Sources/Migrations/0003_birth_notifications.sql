-- Hospitals' electronic birth notifications, one per sender and notification id: a resend finds the first.
CREATE TABLE civil_registry.birth_notifications (
    sender_id uuid NOT NULL,
    notification_id text NOT NULL CHECK (length(notification_id) BETWEEN 1 AND 100),
    sender_name text NOT NULL,
    -- Deferred: the claim is inserted first (so that a concurrent resend waits on the key), its act right after.
    act_id uuid NOT NULL REFERENCES civil_registry.acts (id) DEFERRABLE INITIALLY DEFERRED,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sender_id, notification_id)
);

-- The statistical record for the regional agency, queued when a birth is registered; a sender marks it sent.
CREATE TABLE civil_registry.statistics_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    act_id uuid NOT NULL UNIQUE REFERENCES civil_registry.acts (id),
    kind text NOT NULL,
    payload jsonb NOT NULL,
    queued_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
);
CREATE INDEX statistics_outbox_pending ON civil_registry.statistics_outbox (id) WHERE sent_at IS NULL;
