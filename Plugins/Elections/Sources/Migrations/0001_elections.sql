-- The elections plugin's tables live in schema elections. Nothing here refers to another plugin's objects: the
-- population register (civil_registry.register_residents_v1) is read only when a roll is generated.
CREATE SCHEMA IF NOT EXISTS elections;

CREATE TABLE elections.elections (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL CHECK (kind IN ('municipal', 'provincial', 'regional', 'federal', 'european')),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    municipality text NOT NULL CHECK (length(municipality) BETWEEN 1 AND 200),
    election_day date NOT NULL,
    reference_date date NOT NULL CHECK (reference_date <= election_day),
    application_deadline date NOT NULL CHECK (application_deadline <= election_day),
    compulsory boolean NOT NULL,
    document_languages text[] NOT NULL CHECK (cardinality(document_languages) >= 1
        AND document_languages <@ ARRAY['nl', 'fr', 'de', 'en']),
    opens_at text NOT NULL,
    closes_at text NOT NULL,
    roll_generated_at timestamptz,
    roll_closed_at timestamptz,
    department text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Applications of non-Belgians to be on an election's roll.
CREATE TABLE elections.applications (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    election_id uuid NOT NULL REFERENCES elections.elections (id),
    national_number text NOT NULL CHECK (national_number ~ '^[0-9]{11}$'),
    nationality text NOT NULL,
    legal_residence_since date,
    declaration_signed boolean NOT NULL DEFAULT false,
    language text CHECK (language IN ('nl', 'fr', 'de', 'en')),
    status text NOT NULL CHECK (status IN ('pending', 'approved', 'refused', 'withdrawn')),
    reason text NOT NULL DEFAULT '',
    filed_on date NOT NULL,
    filed_by text NOT NULL,
    decided_by text,
    decided_at timestamptz
);
-- One live application per person and election (a withdrawn or refused one may be followed by a new one).
CREATE UNIQUE INDEX applications_live ON elections.applications (election_id, national_number)
    WHERE status IN ('pending', 'approved');

-- Court decisions depriving someone of voting rights, from a day until a day (NULL: no end date).
CREATE TABLE elections.deprivations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    national_number text NOT NULL CHECK (national_number ~ '^[0-9]{11}$'),
    from_date date NOT NULL,
    until_date date CHECK (until_date IS NULL OR until_date > from_date),
    court_reference text NOT NULL CHECK (length(court_reference) BETWEEN 1 AND 200),
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deprivations_person ON elections.deprivations (national_number);

-- The document language a voter chose for an election.
CREATE TABLE elections.voter_languages (
    election_id uuid NOT NULL REFERENCES elections.elections (id),
    national_number text NOT NULL,
    language text NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
    PRIMARY KEY (election_id, national_number)
);

CREATE TABLE elections.polling_stations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    election_id uuid NOT NULL REFERENCES elections.elections (id),
    code text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    street text NOT NULL,
    house_number text NOT NULL,
    box text NOT NULL DEFAULT '',
    postal_code text NOT NULL,
    municipality text NOT NULL,
    capacity integer NOT NULL CHECK (capacity > 0),
    accessible boolean NOT NULL,
    UNIQUE (election_id, code)
);

CREATE TABLE elections.street_sections (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    election_id uuid NOT NULL REFERENCES elections.elections (id),
    station_id uuid NOT NULL REFERENCES elections.polling_stations (id),
    street text NOT NULL CHECK (length(street) BETWEEN 1 AND 200),
    from_number integer NOT NULL CHECK (from_number >= 0),
    to_number integer NOT NULL CHECK (to_number >= from_number AND to_number <= 99999),
    parity text NOT NULL CHECK (parity IN ('all', 'odd', 'even')),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX street_sections_election ON elections.street_sections (election_id);

-- The roll: one row per person considered, included or not, with the deciding rule and every exclusion.
-- frozen_* keep the state at closing; later changes go through amendments.
CREATE TABLE elections.roll_entries (
    election_id uuid NOT NULL REFERENCES elections.elections (id),
    person_id uuid NOT NULL,
    position integer NOT NULL,
    national_number text NOT NULL DEFAULT '',
    family_name text NOT NULL,
    given_names text NOT NULL,
    birth_date date,
    nationality text NOT NULL,
    street text NOT NULL,
    house_number text NOT NULL,
    box text NOT NULL,
    postal_code text NOT NULL,
    municipality text NOT NULL,
    included boolean NOT NULL,
    rule text NOT NULL,
    exclusions text[] NOT NULL,
    voter_number integer,
    station_id uuid REFERENCES elections.polling_stations (id),
    frozen_included boolean,
    frozen_rule text,
    amended boolean NOT NULL DEFAULT false,
    PRIMARY KEY (election_id, person_id)
);
CREATE INDEX roll_entries_number ON elections.roll_entries (election_id, national_number);
CREATE INDEX roll_entries_position ON elections.roll_entries (election_id, position);

CREATE TABLE elections.roll_amendments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    election_id uuid NOT NULL REFERENCES elections.elections (id),
    person_id uuid NOT NULL,
    national_number text NOT NULL,
    change text NOT NULL CHECK (change IN ('added', 'removed', 'changed')),
    rule_before text NOT NULL,
    rule_after text NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE elections.convocations (
    election_id uuid NOT NULL REFERENCES elections.elections (id),
    national_number text NOT NULL,
    language text NOT NULL,
    station_id uuid REFERENCES elections.polling_stations (id),
    text text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (election_id, national_number)
);

CREATE TABLE elections.candidates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    election_id uuid NOT NULL REFERENCES elections.elections (id),
    list_number integer NOT NULL CHECK (list_number > 0),
    list_name text NOT NULL CHECK (length(list_name) BETWEEN 1 AND 200),
    position integer NOT NULL CHECK (position > 0),
    national_number text NOT NULL CHECK (national_number ~ '^[0-9]{11}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    UNIQUE (election_id, list_number, position),
    UNIQUE (election_id, national_number)
);

-- Proxies: a voter gives at most one, a holder holds at most one (the unique constraints back the rule check).
CREATE TABLE elections.proxies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    election_id uuid NOT NULL REFERENCES elections.elections (id),
    voter_number text NOT NULL,
    holder_number text NOT NULL CHECK (holder_number <> voter_number),
    reason text NOT NULL,
    certificate_reference text NOT NULL CHECK (length(certificate_reference) BETWEEN 1 AND 200),
    relationship text NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (election_id, voter_number),
    UNIQUE (election_id, holder_number)
);

-- Result entries (four-eyes): every entry is kept; a discarded one carries who, when and why.
CREATE TABLE elections.result_entries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    station_id uuid NOT NULL REFERENCES elections.polling_stations (id),
    principal_id text NOT NULL,
    principal_name text NOT NULL,
    ballots integer NOT NULL,
    blank integer NOT NULL,
    invalid integer NOT NULL,
    lists jsonb NOT NULL,
    candidates jsonb NOT NULL,
    entered_at timestamptz NOT NULL DEFAULT now(),
    discarded_by text,
    discarded_at timestamptz,
    discard_reason text
);
CREATE INDEX result_entries_station ON elections.result_entries (station_id, id);

-- A station's accepted result (two agreeing entries).
CREATE TABLE elections.station_results (
    station_id uuid PRIMARY KEY REFERENCES elections.polling_stations (id),
    ballots integer NOT NULL,
    blank integer NOT NULL,
    invalid integer NOT NULL,
    lists jsonb NOT NULL,
    candidates jsonb NOT NULL,
    accepted_at timestamptz NOT NULL DEFAULT now()
);
