-- The register feed for integrations (WatchChanges): an outbox of every change to the register, written in the
-- transaction that makes the change.
--
-- Cursors are handed out in commit order: a writer takes the next cursor from the one counter row, whose row lock
-- it then holds until it commits. The next writer waits for that lock, so it can only take a higher cursor once
-- every lower one has committed (and is visible: PostgreSQL makes a commit visible before it releases the
-- transaction's locks). A reader that sees cursor N therefore sees every cursor below N, and the cursors have no
-- gaps. A plain sequence would not do: a transaction holding a lower number can commit after a reader has already
-- passed a higher one, and that change would never be sent. Writers take the cursor last, so the lock is held only
-- for the end of their transaction.
CREATE TABLE civil_registry.feed_counter (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    last_cursor bigint NOT NULL CHECK (last_cursor >= 0)
);
INSERT INTO civil_registry.feed_counter (only_row, last_cursor) VALUES (true, 0);

CREATE TABLE civil_registry.feed (
    cursor bigint PRIMARY KEY CHECK (cursor > 0),
    kind text NOT NULL CHECK (kind IN ('person_created', 'act_registered', 'act_corrected', 'moved')),
    person_id uuid NOT NULL REFERENCES civil_registry.persons (id),
    act_id uuid REFERENCES civil_registry.acts (id),
    act_kind text NOT NULL DEFAULT '',
    -- The information types (TI codes) the change touched.
    information_types text[] NOT NULL CHECK (cardinality(information_types) > 0),
    -- The person as the change left them (see civil_registry.record_change).
    snapshot jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feed_person ON civil_registry.feed (person_id);

-- The feed is append-only, like the chain of actions: a cursor once read never changes its meaning.
CREATE FUNCTION civil_registry.refuse_feed_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the register feed is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER feed_append_only BEFORE UPDATE OR DELETE ON civil_registry.feed
    FOR EACH ROW EXECUTE FUNCTION civil_registry.refuse_feed_change();
CREATE TRIGGER feed_no_truncate BEFORE TRUNCATE ON civil_registry.feed
    FOR EACH STATEMENT EXECUTE FUNCTION civil_registry.refuse_feed_change();

-- Appends one change for one person, with the person's current data, under the next cursor; returns the cursor.
CREATE FUNCTION civil_registry.record_change(
    change_kind text, changed_person uuid, change_act uuid, change_act_kind text, changed_types text[]
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    next_cursor bigint;
BEGIN
    UPDATE civil_registry.feed_counter SET last_cursor = last_cursor + 1 RETURNING last_cursor INTO next_cursor;
    INSERT INTO civil_registry.feed (cursor, kind, person_id, act_id, act_kind, information_types, snapshot)
    SELECT next_cursor, change_kind, p.id, change_act, coalesce(change_act_kind, ''), changed_types,
           jsonb_build_object(
               'national_number', coalesce(p.national_number, ''),
               'family_name', p.family_name, 'given_names', p.given_names,
               'sex', p.sex, 'birth_date', coalesce(to_char(p.birth_date, 'YYYY-MM-DD'), ''),
               'birth_place', p.birth_place, 'nationality', p.nationality,
               'street', p.street, 'house_number', p.house_number, 'box', p.box, 'postal_code', p.postal_code,
               'municipality', p.municipality, 'country', p.country, 'register_type', p.register_type,
               'residence_since', coalesce(to_char(r.since, 'YYYY-MM-DD'), ''),
               'household_id', coalesce(r.household_id::text, ''),
               'civil_status', p.civil_status, 'spouse_id', coalesce(p.spouse_id::text, ''),
               'cohabitant_id', coalesce(p.cohabitant_id::text, ''),
               'mother_id', coalesce(p.mother_id::text, ''), 'father_id', coalesce(p.father_id::text, ''),
               'date_of_death', coalesce(to_char(p.date_of_death, 'YYYY-MM-DD'), ''),
               'place_of_death', p.place_of_death)
    FROM civil_registry.persons p
    LEFT JOIN civil_registry.residences r ON r.person_id = p.id AND r.until IS NULL
    WHERE p.id = changed_person;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'record_change: no person %', changed_person USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN next_cursor;
END $$;
