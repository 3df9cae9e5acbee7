-- A plugin keeps its tables in a schema named after it.
CREATE SCHEMA IF NOT EXISTS example;

CREATE TABLE example.visits (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    national_number text NOT NULL CHECK (national_number ~ '^[0-9]{11}$'),
    visitor_name text NOT NULL CHECK (length(visitor_name) BETWEEN 1 AND 200),
    topic text NOT NULL CHECK (topic ~ '^[a-z][a-z0-9-]{0,39}$'),
    department_id text NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visits_person ON example.visits (national_number, recorded_at DESC);
CREATE INDEX visits_department_day ON example.visits (department_id, recorded_at);

-- The topics a counter handles are data; a visit must name one.
CREATE TABLE example.topics (
    id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{0,39}$')
);
INSERT INTO example.topics (id) VALUES ('identity-card'), ('passport'), ('driving-licence'), ('moving'), ('other');
ALTER TABLE example.visits ADD FOREIGN KEY (topic) REFERENCES example.topics (id);
