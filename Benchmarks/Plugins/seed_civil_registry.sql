-- Persons for the GetPerson benchmark: psql -v rows=N. Set-based, one statement; names are fictional.
--
-- Row i (0 <= i < rows) is born on day (i mod 28) + 1 of month ((i mod 33600) / 28 mod 12) + 1 of year
-- 1926 + (i mod 33600) / 336 (100 years of 12 months of 28 days: every date exists), with day counter
-- i / 33600 + 1 (odd: male, even: female). Its national number is YYMMDD SSS CC with CC = 97 - (YYMMDDSSS mod 97),
-- or 97 - (2YYMMDDSSS mod 97) for births from 2000 on. The pgbench script (pgbench_get_person.sql) derives the
-- same number from i, so both clients draw from exactly the seeded set.
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

INSERT INTO civil_registry.persons (
    national_number, family_name, given_names, sex, birth_date, birth_place, nationality,
    street, house_number, postal_code, municipality, created_by)
SELECT lpad(n.base::text, 9, '0')
           || lpad((97 - (n.base::bigint + CASE WHEN n.year >= 2000 THEN 2000000000 ELSE 0 END) % 97)::text, 2, '0'),
       (ARRAY['Brouwaert', 'Dessaing', 'Van Oostwal', 'Lambrichs', 'Peetermans', 'Çelikoglu', 'Wautelet',
              'De Smedtcke', 'Vanderzaal', 'Moëllers', 'Aerdeweyn', 'Kerckhoven', 'Poelmansz', 'Thijsebaert',
              'Ghyselaar', 'Lefébrve', 'Verhaestel', 'Naudtkens', 'El Haddouri', 'Maréchault'])[1 + n.i % 20],
       CASE WHEN n.serial % 2 = 1
            THEN (ARRAY['Wout', 'Jorn', 'Séppe', 'Lowie', 'Arne', 'Rémi', 'Bavo', 'Yassin', 'Ferre', 'Tuur'])[1 + (n.i / 20) % 10]
            ELSE (ARRAY['Lore', 'Fien', 'Noor', 'Émilie', 'Ilse', 'Wiebke', 'Yaël', 'Marthe', 'Saar', 'Ines'])[1 + (n.i / 20) % 10]
       END,
       CASE WHEN n.serial % 2 = 1 THEN 'male' ELSE 'female' END,
       make_date(n.year, n.month, n.day),
       'Loketstad', 'BE',
       (ARRAY['Linden', 'Beuken', 'Eiken', 'Molen', 'Kerk', 'Bloemen', 'Vijver', 'Heide', 'Kapel', 'Akker'])[1 + n.i % 10]
           || (ARRAY['straat', 'laan', 'dreef', 'weg', 'plein', 'hof', 'veld', 'kouter', 'berg', 'dijk'])[1 + (n.i / 10) % 10],
       (1 + n.i % 150)::text, '9999', 'Loketstad', 'benchmark-seed'
FROM (
    SELECT g.i, g.year, g.month, g.day, g.serial,
           (g.year % 100) * 10000000 + g.month * 100000 + g.day * 1000 + g.serial AS base
    FROM (SELECT i, 1926 + (i % 33600) / 336 AS year, (i % 33600) / 28 % 12 + 1 AS month, i % 28 + 1 AS day,
                 i / 33600 + 1 AS serial
          FROM generate_series(0, :rows - 1) AS i) AS g
) AS n;
ANALYZE civil_registry.persons;
