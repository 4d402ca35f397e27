-- An author's page is derived from the authorships of the latest version of each work, so the same final works give
-- the same page whatever the import history: each authorship keeps the name, ORCID, affiliation and external ids it
-- was printed with, and the author row is recomputed from them (most recent work first: publication year, then the
-- highest work id).
ALTER TABLE authorship
    DROP CONSTRAINT authorship_author_id_fkey,
    ADD COLUMN display_name     TEXT,
    ADD COLUMN orcid            TEXT,
    ADD COLUMN affiliation_id   TEXT,
    ADD COLUMN affiliation_name TEXT,
    ADD COLUMN external_ids     JSONB NOT NULL DEFAULT '{}';

UPDATE authorship s SET display_name = a.display_name, orcid = a.orcid, affiliation_id = a.affiliation_id,
    affiliation_name = a.affiliation_name
FROM author a WHERE a.author_id = s.author_id;
UPDATE authorship s SET external_ids = ids.external_ids
FROM (SELECT author_id, jsonb_object_agg(scheme, value) AS external_ids FROM author_external_id GROUP BY author_id) ids
WHERE ids.author_id = s.author_id;
ALTER TABLE authorship ALTER COLUMN display_name SET NOT NULL, ALTER COLUMN external_ids DROP DEFAULT;

ALTER TABLE author DROP COLUMN profile_year;
