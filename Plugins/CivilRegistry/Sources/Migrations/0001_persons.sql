-- The civil registry's tables live in schema civil_registry.
CREATE SCHEMA IF NOT EXISTS civil_registry;

-- Accent folding for name search: PostgreSQL's unaccent (postgresql-contrib; a trusted extension since
-- PostgreSQL 13, so Loket's own role may create it). It sits in this plugin's schema; fold() wraps it with a
-- fixed dictionary so that it can be declared IMMUTABLE and indexed.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA civil_registry;
CREATE FUNCTION civil_registry.fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(civil_registry.unaccent('civil_registry.unaccent'::regdictionary, $1));

CREATE TABLE civil_registry.persons (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- NULL for a newborn whose number the National Register has not assigned yet.
    national_number text UNIQUE CHECK (national_number ~ '^[0-9]{11}$'),
    family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 200),
    given_names text NOT NULL CHECK (length(given_names) BETWEEN 1 AND 200),
    family_name_folded text GENERATED ALWAYS AS (civil_registry.fold(family_name)) STORED,
    given_names_folded text GENERATED ALWAYS AS (civil_registry.fold(given_names)) STORED,
    sex text NOT NULL CHECK (sex IN ('male', 'female', 'unknown')),
    birth_date date,
    birth_place text NOT NULL DEFAULT '' CHECK (length(birth_place) <= 200),
    nationality text NOT NULL DEFAULT '' CHECK (nationality ~ '^([A-Z]{2})?$'),
    street text NOT NULL DEFAULT '' CHECK (length(street) <= 200),
    house_number text NOT NULL DEFAULT '' CHECK (length(house_number) <= 20),
    box text NOT NULL DEFAULT '' CHECK (length(box) <= 20),
    postal_code text NOT NULL DEFAULT '' CHECK (length(postal_code) <= 20),
    municipality text NOT NULL DEFAULT '' CHECK (length(municipality) <= 200),
    country text NOT NULL DEFAULT 'BE' CHECK (country ~ '^[A-Z]{2}$'),
    street_folded text GENERATED ALWAYS AS (civil_registry.fold(street)) STORED,
    civil_status text NOT NULL DEFAULT 'single' CHECK (civil_status IN ('single', 'married', 'divorced', 'widowed')),
    spouse_id uuid REFERENCES civil_registry.persons (id),
    cohabitant_id uuid REFERENCES civil_registry.persons (id),
    mother_id uuid REFERENCES civil_registry.persons (id),
    father_id uuid REFERENCES civil_registry.persons (id),
    date_of_death date,
    place_of_death text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_family_name ON civil_registry.persons (family_name_folded text_pattern_ops);
CREATE INDEX persons_given_names ON civil_registry.persons (given_names_folded text_pattern_ops);
CREATE INDEX persons_birth_date ON civil_registry.persons (birth_date);
CREATE INDEX persons_address ON civil_registry.persons (postal_code, street_folded, house_number);
CREATE INDEX persons_mother ON civil_registry.persons (mother_id);
CREATE INDEX persons_father ON civil_registry.persons (father_id);
