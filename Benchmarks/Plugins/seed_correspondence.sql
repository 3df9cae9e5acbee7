-- Items for the Search benchmark: psql -v rows=N -v department=ID. Set-based; names and addresses are fictional.
--
-- Contacts: rows / 20 (at least 1000). Item i (1 <= i <= rows): years 2019-2025 in turn (so registrations during
-- the run, in the current year, never meet a seeded number), 80% incoming, numbered gaplessly per year and
-- direction; language nl 60%, fr 30%, en 10%; subject "<topic> <street>": 10 topics per language (a Dutch topic is
-- in about 6% of the items) and 100 street names (each in about 1%); one contact.
-- The search vector is what correspondence.refresh_search(item) computes for an item without history notes or
-- attachments, written in the same INSERT; run.sh checks that on a sample.
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

CREATE TEMP TABLE bench_contacts AS
SELECT j, md5('contact-' || j)::uuid AS id,
       (ARRAY['Wout', 'Lore', 'Jorn', 'Fien', 'Séppe', 'Noor', 'Rémi', 'Yaël', 'Bavo', 'Marthe'])[1 + j % 10] || ' '
           || (ARRAY['Brouwaert', 'Dessaing', 'Van Oostwal', 'Lambrichs', 'Peetermans', 'Çelikoglu', 'Wautelet',
                     'De Smedtcke', 'Vanderzaal', 'Moëllers', 'Aerdeweyn', 'Kerckhoven', 'Poelmansz', 'Thijsebaert',
                     'Ghyselaar', 'Lefébrve', 'Verhaestel', 'Naudtkens', 'El Haddouri', 'Maréchault'])[1 + (j / 10) % 20]
           AS name,
       'contact' || j || '@example.invalid' AS email,
       'Postbus ' || j || ', 9999 Loketstad' AS postal_address
FROM generate_series(1, greatest(:rows / 20, 1000)) AS j;

INSERT INTO correspondence.contacts (id, dedup_key, name, email, postal_address)
SELECT id, 'benchmark:' || j, name, email, postal_address FROM bench_contacts;

INSERT INTO correspondence.items (
    id, year, direction, number, reference, channel, subject, language, ts_config, confidential, tags, notes,
    received_on, due_on, status, department_id, registered_by, registered_department, search)
SELECT s.id, s.year, s.direction,
       row_number() OVER (PARTITION BY s.year, s.direction ORDER BY s.i),
       s.year || '/' || upper(s.direction) || '/'
           || lpad((row_number() OVER (PARTITION BY s.year, s.direction ORDER BY s.i))::text, 6, '0'),
       s.channel, s.subject, s.language, s.ts_config, s.i % 50 = 0, s.tags, '',
       s.received_on, CASE WHEN s.direction = 'in' THEN s.received_on + 3 END, s.status,
       :'department', 'mail.desk', :'department',
       setweight(to_tsvector(s.ts_config, s.subject), 'A')
           || setweight(to_tsvector(s.ts_config, (c.name || ' ' || c.email || ' ' || c.postal_address) || ' '
                                                 || array_to_string(s.tags, ' ')), 'B')
           || setweight(to_tsvector(s.ts_config, '' || ' ' || ''), 'C')
           || setweight(to_tsvector(s.ts_config, left('', 200000)), 'D')
FROM (
    SELECT t.*,
           CASE t.language WHEN 'nl' THEN 'dutch' WHEN 'fr' THEN 'french' ELSE 'english' END::regconfig AS ts_config,
           CASE t.language
               WHEN 'nl' THEN (ARRAY['Aanvraag parkeervergunning', 'Bezwaar bouwvergunning', 'Vraag over afvalophaling',
                                     'Subsidieaanvraag', 'Melding wegenwerken', 'Aanvraag evenementenvergunning',
                                     'Klacht geluidsoverlast', 'Bezwaar belastingaanslag', 'Vraag over rioleringswerken',
                                     'Aanvraag terrasvergunning'])[1 + (t.i / 10) % 10]
               WHEN 'fr' THEN (ARRAY['Demande de stationnement', 'Recours permis de bâtir', 'Collecte des déchets',
                                     'Demande de subside', 'Travaux de voirie', 'Autorisation d''événement',
                                     'Plainte pour nuisances sonores', 'Réclamation taxe communale', 'Travaux d''égouttage',
                                     'Demande de terrasse'])[1 + (t.i / 10) % 10]
               ELSE (ARRAY['Parking permit request', 'Building permit appeal', 'Waste collection question',
                           'Grant application', 'Roadworks notice', 'Event permit request', 'Noise complaint',
                           'Tax assessment objection', 'Sewer works question', 'Terrace permit request'])[1 + (t.i / 10) % 10]
           END || ' '
           || (ARRAY['Linden', 'Beuken', 'Eiken', 'Molen', 'Kerk', 'Bloemen', 'Vijver', 'Heide', 'Kapel', 'Akker'])[1 + (t.i / 7) % 10]
           || (ARRAY['straat', 'laan', 'dreef', 'weg', 'plein', 'hof', 'veld', 'kouter', 'berg', 'dijk'])[1 + (t.i / 70) % 10]
               AS subject
    FROM (
        SELECT i, md5('item-' || i)::uuid AS id, 2019 + i % 7 AS year,
               CASE WHEN i % 5 = 0 THEN 'out' ELSE 'in' END AS direction,
               (ARRAY['letter', 'email', 'form', 'other'])[1 + (i / 3) % 4] AS channel,
               (ARRAY['nl', 'nl', 'nl', 'nl', 'nl', 'nl', 'fr', 'fr', 'fr', 'en'])[1 + (i / 11) % 10] AS language,
               CASE WHEN i % 3 = 0 THEN ARRAY['dringend'] ELSE ARRAY[]::text[] END AS tags,
               make_date(2019 + i % 7, 1, 1) + (i * 37) % 365 AS received_on,
               CASE WHEN i % 5 = 0 THEN (ARRAY['draft', 'sent', 'sent', 'sent'])[1 + (i / 5) % 4]
                    ELSE (ARRAY['registered', 'dispatched', 'assigned', 'in_treatment', 'answered', 'closed', 'closed',
                                'closed'])[1 + (i / 5) % 8] END AS status
        FROM generate_series(1, :rows) AS i
    ) AS t
) AS s
JOIN bench_contacts c ON c.j = 1 + (s.i::bigint * 7919) % greatest(:rows / 20, 1000);

INSERT INTO correspondence.item_contacts (item_id, contact_id, position)
SELECT md5('item-' || i)::uuid, md5('contact-' || (1 + (i::bigint * 7919) % greatest(:rows / 20, 1000)))::uuid, 0
FROM generate_series(1, :rows) AS i;

-- The counters follow the seeded numbers (gapless per year and direction).
INSERT INTO correspondence.counters (year, direction, last_number)
SELECT year, direction, max(number) FROM correspondence.items GROUP BY year, direction
ON CONFLICT (year, direction) DO UPDATE SET last_number = EXCLUDED.last_number;

ANALYZE correspondence.items;
ANALYZE correspondence.item_contacts;
ANALYZE correspondence.contacts;
