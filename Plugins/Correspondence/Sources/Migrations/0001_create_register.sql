-- The mail register: items in and out, their contacts, attachments, replies, history and deadlines.
CREATE SCHEMA IF NOT EXISTS correspondence;

-- One row per year and direction: the last reference number given. Taken with UPDATE ... RETURNING in the
-- registering transaction, so a rolled-back registration gives its number back and the row lock orders
-- concurrent registrations: the numbers stay gapless and unique.
CREATE TABLE correspondence.counters (
    year integer NOT NULL CHECK (year BETWEEN 1 AND 9999),
    direction text NOT NULL CHECK (direction IN ('in', 'out')),
    last_number integer NOT NULL DEFAULT 0 CHECK (last_number >= 0),
    PRIMARY KEY (year, direction)
);

-- The term of incoming items per channel, in working days: data an administrator can change.
CREATE TABLE correspondence.channel_terms (
    channel text PRIMARY KEY CHECK (channel IN ('letter', 'email', 'form', 'other')),
    working_days integer NOT NULL CHECK (working_days BETWEEN 0 AND 365)
);
INSERT INTO correspondence.channel_terms (channel, working_days)
VALUES ('letter', 2), ('email', 2), ('form', 2), ('other', 2);

-- Senders and recipients, deduplicated on a normalized key (e-mail address, else name and postal address).
CREATE TABLE correspondence.contacts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    dedup_key text NOT NULL UNIQUE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    email text NOT NULL DEFAULT '',
    postal_address text NOT NULL DEFAULT '',
    national_number text NOT NULL DEFAULT '' CHECK (national_number ~ '^([0-9]{11})?$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE correspondence.items (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    year integer NOT NULL,
    direction text NOT NULL CHECK (direction IN ('in', 'out')),
    number integer NOT NULL CHECK (number >= 1),
    reference text NOT NULL UNIQUE,
    channel text NOT NULL CHECK (channel IN ('letter', 'email', 'form', 'other')),
    subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    language text NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
    ts_config regconfig NOT NULL,
    confidential boolean NOT NULL DEFAULT false,
    tags text[] NOT NULL DEFAULT '{}',
    notes text NOT NULL DEFAULT '',
    received_on date NOT NULL,
    due_on date,
    status text NOT NULL CHECK (status IN ('registered', 'dispatched', 'assigned', 'in_treatment', 'answered',
                                           'closed', 'draft', 'to_sign', 'signed', 'sent')),
    department_id text,
    agent text,
    registered_by text NOT NULL,
    registered_department text,
    registered_at timestamptz NOT NULL DEFAULT now(),
    answered_at timestamptz,
    answered_on date,
    sent_on date,
    closed_at timestamptz,
    search tsvector NOT NULL DEFAULT ''::tsvector,
    UNIQUE (year, direction, number),
    CHECK ((direction = 'in') = (due_on IS NOT NULL))
);
CREATE INDEX items_search ON correspondence.items USING gin (search);
CREATE INDEX items_open_due ON correspondence.items (due_on) WHERE status IN ('registered', 'dispatched', 'assigned', 'in_treatment');
CREATE INDEX items_department_received ON correspondence.items (department_id, received_on);
CREATE INDEX items_received ON correspondence.items (received_on);

CREATE TABLE correspondence.item_contacts (
    item_id uuid NOT NULL REFERENCES correspondence.items (id),
    contact_id uuid NOT NULL REFERENCES correspondence.contacts (id),
    position integer NOT NULL,
    PRIMARY KEY (item_id, contact_id)
);
CREATE INDEX item_contacts_contact ON correspondence.item_contacts (contact_id);

CREATE TABLE correspondence.attachments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    item_id uuid NOT NULL REFERENCES correspondence.items (id),
    position integer NOT NULL,
    filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    media_type text NOT NULL,
    size bigint NOT NULL,
    content bytea NOT NULL,
    sha256 bytea NOT NULL CHECK (length(sha256) = 32),
    text_content text NOT NULL DEFAULT '',
    CHECK (size = length(content))
);
CREATE INDEX attachments_item ON correspondence.attachments (item_id, position);

-- An outgoing item answers incoming items.
CREATE TABLE correspondence.replies (
    reply_id uuid NOT NULL REFERENCES correspondence.items (id),
    item_id uuid NOT NULL REFERENCES correspondence.items (id),
    PRIMARY KEY (reply_id, item_id)
);
CREATE INDEX replies_item ON correspondence.replies (item_id);

-- Every change of an item, never updated or deleted.
CREATE TABLE correspondence.history (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id uuid NOT NULL REFERENCES correspondence.items (id),
    at timestamptz NOT NULL DEFAULT now(),
    principal text NOT NULL,
    action text NOT NULL,
    from_status text,
    to_status text NOT NULL,
    note text NOT NULL DEFAULT ''
);
CREATE INDEX history_item ON correspondence.history (item_id, sequence);

CREATE FUNCTION correspondence.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'correspondence.history is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON correspondence.history
    FOR EACH STATEMENT EXECUTE FUNCTION correspondence.refuse_change();

-- Rebuilds an item's search vector, in the item's own text search configuration: the subject weighs most,
-- then contacts and tags, then notes (the item's and its history's) and attachment text.
CREATE FUNCTION correspondence.refresh_search(item uuid) RETURNS void LANGUAGE sql AS $$
    UPDATE correspondence.items i SET search =
        setweight(to_tsvector(i.ts_config, i.subject), 'A')
        || setweight(to_tsvector(i.ts_config, coalesce((
            SELECT string_agg(c.name || ' ' || c.email || ' ' || c.postal_address, ' ')
            FROM correspondence.item_contacts ic JOIN correspondence.contacts c ON c.id = ic.contact_id
            WHERE ic.item_id = i.id), '') || ' ' || array_to_string(i.tags, ' ')), 'B')
        || setweight(to_tsvector(i.ts_config, i.notes || ' ' || coalesce((
            SELECT string_agg(h.note, ' ') FROM correspondence.history h WHERE h.item_id = i.id), '')), 'C')
        || setweight(to_tsvector(i.ts_config, left(coalesce((
            SELECT string_agg(a.text_content, ' ') FROM correspondence.attachments a WHERE a.item_id = i.id), ''),
            200000)), 'D')
    WHERE i.id = item;
$$;

-- Term changes of incoming items: suspensions and extensions, with their reason.
CREATE TABLE correspondence.deadline_changes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id uuid NOT NULL REFERENCES correspondence.items (id),
    kind text NOT NULL CHECK (kind IN ('suspension', 'extension')),
    suspended_from date,
    suspended_to date,
    working_days integer,
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    previous_due_on date NOT NULL,
    new_due_on date NOT NULL,
    principal text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
