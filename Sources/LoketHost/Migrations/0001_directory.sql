-- In schema `core` (not `loket`: a schema named like the database role is first on the default search path,
-- which would move unqualified tables such as the migrator's own once it exists).
-- Departments, plugin enablement, principals and their credentials: who may call what, and where.
CREATE SCHEMA IF NOT EXISTS core;

CREATE TABLE core.departments (
    id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{0,39}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    deactivated_at timestamptz
);

-- One row per department and plugin that was ever switched; absent means disabled.
CREATE TABLE core.plugin_enablement (
    department_id text NOT NULL REFERENCES core.departments (id),
    plugin_id text NOT NULL,
    enabled boolean NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by uuid,
    PRIMARY KEY (department_id, plugin_id)
);

CREATE TABLE core.principals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._@-]{0,99}$'),
    role text NOT NULL CHECK (role IN ('administrator', 'clerk', 'integration')),
    department_id text REFERENCES core.departments (id),
    scopes text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (role = 'administrator' OR department_id IS NOT NULL),
    CHECK (role = 'integration' OR cardinality(scopes) = 0)
);

-- API keys are stored only as the SHA-256 of their secret part (the secret is 256 random bits, so a fast hash
-- is enough); client certificates by the SHA-256 of their DER encoding.
CREATE TABLE core.credentials (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    principal_id uuid NOT NULL REFERENCES core.principals (id),
    kind text NOT NULL CHECK (kind IN ('api_key', 'certificate')),
    key_id text UNIQUE,
    secret_sha256 bytea,
    certificate_sha256 bytea UNIQUE,
    label text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    CHECK (
        (kind = 'api_key' AND key_id IS NOT NULL AND length(secret_sha256) = 32 AND certificate_sha256 IS NULL)
        OR (kind = 'certificate' AND length(certificate_sha256) = 32 AND key_id IS NULL AND secret_sha256 IS NULL)
    )
);
CREATE INDEX credentials_principal ON core.credentials (principal_id);
