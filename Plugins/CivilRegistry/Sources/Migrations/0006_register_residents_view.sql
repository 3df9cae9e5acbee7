-- A stable view of the population register for other plugins (first reader: elections). Other plugins read
-- this view, never the tables behind it, so the tables may change as long as the view keeps its columns and
-- meaning; an incompatible change gets a new view (register_residents_v2) next to this one.
--
-- One row per main residence of a person (a person who moved has several rows), with the person's data as it
-- is now:
--   person_id, national_number (NULL for a newborn without one yet), family_name, given_names, birth_date
--   (NULL when unknown), sex, nationality (ISO 3166-1 alpha-2, '' when unknown), register_type, language (the
--   language the person chose for documents; the register does not record one yet, so always NULL in v1),
--   street, house_number, box, postal_code, municipality, country, resident_from (first day at the address),
--   resident_until (the day the person moved on or died; NULL for the current residence), date_of_death.
CREATE VIEW civil_registry.register_residents_v1 AS
SELECT p.id AS person_id,
       p.national_number,
       p.family_name,
       p.given_names,
       p.birth_date,
       p.sex,
       p.nationality,
       p.register_type,
       NULL::text AS language,
       r.street,
       r.house_number,
       r.box,
       r.postal_code,
       r.municipality,
       r.country,
       r.since AS resident_from,
       r.until AS resident_until,
       p.date_of_death
FROM civil_registry.residences r
JOIN civil_registry.persons p ON p.id = r.person_id;

COMMENT ON VIEW civil_registry.register_residents_v1 IS
    'Population register for other plugins: one row per main residence; see Plugins/CivilRegistry/README.md.';
