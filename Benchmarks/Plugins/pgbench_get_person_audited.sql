-- A reference for reads committed one by one: the plugin's lookup and its audit record in one transaction, committed
-- (one flush to disk per read), as GetPerson ran before reads' audit records were group-committed
-- (PluginContext.read, StoreAuditJournal). ROWS is replaced by run.sh; the number as in pgbench_get_person.sql.
\set i random(0, ROWS - 1)
\set d :i % 33600
\set year 1926 + :d / 336
\set base (:year % 100) * 10000000 + (:d / 28 % 12 + 1) * 100000 + (:i % 28 + 1) * 1000 + :i / 33600 + 1
\set nn :base * 100 + 97 - (:base + case when :year >= 2000 then 2000000000 else 0 end) % 97
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT p.id, coalesce(p.national_number, ''), p.family_name, p.given_names, p.sex,
       coalesce(to_char(p.birth_date, 'YYYY-MM-DD'), ''), p.birth_place, p.nationality,
       p.street, p.house_number, p.box, p.postal_code, p.municipality, p.country, p.civil_status,
       coalesce(p.spouse_id::text, ''), coalesce(p.cohabitant_id::text, ''), coalesce(p.mother_id::text, ''),
       coalesce(p.father_id::text, ''), coalesce(to_char(p.date_of_death, 'YYYY-MM-DD'), ''), p.place_of_death,
       to_char(p.created_at AT TIME ZONE 'UTC', E'YYYY-MM-DD"T"HH24\x3aMI\x3aSS.US"Z"'), p.register_type,
       coalesce((SELECT r.household_id::text FROM civil_registry.residences r
                 WHERE r.person_id = p.id AND r.until IS NULL), ''),
       coalesce(p.duplicate_of::text, ''),
       ARRAY(SELECT (CASE WHEN d.person_id = p.id THEN d.candidate_id ELSE d.person_id END)::text
             FROM civil_registry.person_duplicates d
             WHERE d.verdict IS NULL AND (d.person_id = p.id OR d.candidate_id = p.id)
             ORDER BY d.flagged_at, d.id)
FROM civil_registry.persons p WHERE p.national_number = lpad(:nn, 11, '0');
INSERT INTO core.audit_log
    (principal_id, principal_name, role, department_id, method, action, subjects, information, purpose, outcome)
VALUES (NULL, 'bench.clerk', 'clerk', 'burgerzaken', '/loket.civilregistry.v1.CivilRegistry/GetPerson', 'read',
        ARRAY['person:' || lpad(:nn, 11, '0')],
        ARRAY['national_number', 'name', 'sex', 'birth_date', 'birth_place', 'nationality', 'address', 'civil_status',
              'legal_cohabitation', 'parentage', 'death', 'register_type', 'household', 'duplicates'],
        'benchmark', 'ok');
COMMIT;
