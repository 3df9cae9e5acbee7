-- Population register: register type, households and main residences over time.
ALTER TABLE civil_registry.persons
    ADD COLUMN register_type text NOT NULL DEFAULT 'population'
        CHECK (register_type IN ('population', 'foreigners', 'waiting'));

CREATE TABLE civil_registry.households (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Main residences: a move is a dated event that closes the previous residence (until = the new one's since).
CREATE TABLE civil_registry.residences (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES civil_registry.persons (id),
    street text NOT NULL CHECK (length(street) BETWEEN 1 AND 200),
    house_number text NOT NULL CHECK (length(house_number) BETWEEN 1 AND 20),
    box text NOT NULL DEFAULT '' CHECK (length(box) <= 20),
    postal_code text NOT NULL CHECK (length(postal_code) BETWEEN 1 AND 20),
    municipality text NOT NULL CHECK (length(municipality) BETWEEN 1 AND 200),
    country text NOT NULL DEFAULT 'BE' CHECK (country ~ '^[A-Z]{2}$'),
    street_folded text GENERATED ALWAYS AS (civil_registry.fold(street)) STORED,
    household_id uuid NOT NULL REFERENCES civil_registry.households (id),
    since date NOT NULL,
    until date CHECK (until IS NULL OR until >= since),
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
-- At most one current residence per person.
CREATE UNIQUE INDEX residences_current ON civil_registry.residences (person_id) WHERE until IS NULL;
CREATE INDEX residences_person ON civil_registry.residences (person_id, since);
CREATE INDEX residences_address ON civil_registry.residences (postal_code, street_folded, house_number, since);
CREATE INDEX residences_household ON civil_registry.residences (household_id) WHERE until IS NULL;
