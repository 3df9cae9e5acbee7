-- Possible duplicate persons (issue 6, point 4). A person entering the register (CreatePerson, or the child of a
-- registered birth) is compared, in the creating transaction, with the persons already there: the same family and
-- given names (accents and case folded) and the same birth date, and, where both have parents recorded, the same
-- parents. Each match is a flag that a registrar resolves with a verdict and a reason. The same national number is
-- not flagged but refused outright (the unique constraint on persons.national_number).

-- A "duplicate" verdict makes the newer record point at the person it duplicates: the record to use instead.
-- The newer person is the duplicate, and flags always point from a newer person to an older one, so the
-- references never form a cycle.
ALTER TABLE civil_registry.persons
    ADD COLUMN duplicate_of uuid REFERENCES civil_registry.persons (id),
    ADD CONSTRAINT persons_not_own_duplicate CHECK (duplicate_of <> id);
CREATE INDEX persons_duplicate_of ON civil_registry.persons (duplicate_of) WHERE duplicate_of IS NOT NULL;
-- The candidate lookup: the same birth date and folded names.
CREATE INDEX persons_identity ON civil_registry.persons (birth_date, family_name_folded, given_names_folded);

CREATE TABLE civil_registry.person_duplicates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- The person whose creation raised the flag, and the person already in the register it may duplicate.
    person_id uuid NOT NULL REFERENCES civil_registry.persons (id),
    candidate_id uuid NOT NULL REFERENCES civil_registry.persons (id),
    -- name_birth_date: the same names and birth date (at most one of the two has parents recorded);
    -- name_birth_date_parents: and the same parents where both have them recorded.
    basis text NOT NULL CHECK (basis IN ('name_birth_date', 'name_birth_date_parents')),
    -- The registered birth act that created the person, when one did.
    act_id uuid REFERENCES civil_registry.acts (id),
    flagged_at timestamptz NOT NULL DEFAULT now(),
    flagged_by_id uuid,
    flagged_by text NOT NULL,
    flagged_department_id text,
    -- The registrar's verdict, NULL while the flag is open.
    verdict text CHECK (verdict IN ('duplicate', 'not_duplicate')),
    reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
    resolved_at timestamptz,
    resolved_by_id uuid,
    resolved_by text,
    resolved_department_id text,
    UNIQUE (person_id, candidate_id),
    CHECK (person_id <> candidate_id),
    -- A verdict always comes with who, when and a reason.
    CHECK ((verdict IS NULL) = (resolved_at IS NULL) AND (verdict IS NULL) = (resolved_by IS NULL)),
    CHECK (verdict IS NULL OR length(btrim(reason)) > 0)
);
-- Open flags, oldest first (the registrars' work list), and the open flags of one person on either side (read
-- with every person returned).
CREATE INDEX person_duplicates_open ON civil_registry.person_duplicates (flagged_at, id) WHERE verdict IS NULL;
CREATE INDEX person_duplicates_open_person ON civil_registry.person_duplicates (person_id) WHERE verdict IS NULL;
CREATE INDEX person_duplicates_open_candidate
    ON civil_registry.person_duplicates (candidate_id) WHERE verdict IS NULL;
CREATE INDEX person_duplicates_person ON civil_registry.person_duplicates (person_id);
CREATE INDEX person_duplicates_candidate ON civil_registry.person_duplicates (candidate_id);

-- A verdict, once given, stands; flags are never removed. Only an open flag may change, and only to receive its
-- verdict.
CREATE FUNCTION civil_registry.guard_person_duplicate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.verdict IS NULL
           AND (NEW.id, NEW.person_id, NEW.candidate_id, NEW.basis, NEW.act_id, NEW.flagged_at, NEW.flagged_by_id,
                NEW.flagged_by, NEW.flagged_department_id)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.person_id, OLD.candidate_id, OLD.basis, OLD.act_id, OLD.flagged_at, OLD.flagged_by_id,
                OLD.flagged_by, OLD.flagged_department_id) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'a resolved possible duplicate cannot change and flags are never removed'
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER person_duplicates_guard BEFORE UPDATE OR DELETE ON civil_registry.person_duplicates
    FOR EACH ROW EXECUTE FUNCTION civil_registry.guard_person_duplicate();
CREATE TRIGGER person_duplicates_no_truncate BEFORE TRUNCATE ON civil_registry.person_duplicates
    FOR EACH STATEMENT EXECUTE FUNCTION civil_registry.guard_person_duplicate();

-- The register feed reports a "duplicate" verdict (the person now points at the record to use instead), and
-- every snapshot carries duplicate_of.
ALTER TABLE civil_registry.feed DROP CONSTRAINT feed_kind_check;
ALTER TABLE civil_registry.feed ADD CONSTRAINT feed_kind_check
    CHECK (kind IN ('person_created', 'act_registered', 'act_corrected', 'moved', 'marked_duplicate'));

CREATE OR REPLACE FUNCTION civil_registry.record_change(
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
               'place_of_death', p.place_of_death,
               'duplicate_of', coalesce(p.duplicate_of::text, ''))
    FROM civil_registry.persons p
    LEFT JOIN civil_registry.residences r ON r.person_id = p.id AND r.until IS NULL
    WHERE p.id = changed_person;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'record_change: no person %', changed_person USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN next_cursor;
END $$;
