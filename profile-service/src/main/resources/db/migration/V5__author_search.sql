-- Author search. work_count is the number of the author's authorships; name_tokens the author's display name folded
-- (org.bzpeer.kit.text.Names.matchKey: case, accents, dashes, apostrophes) and split into runs of letters and digits
-- ("C.-J. Wu" -> {c,j,wu}); name_tokens_of the display name they were folded from, so tokens left stale (rows from
-- before this migration) are those whose name_tokens_of differs from display_name. The projection keeps all three in
-- the same transaction as the author row; the GIN index answers exact and prefix token queries (tsquery 'wu:*').
ALTER TABLE author
    ADD COLUMN work_count     INT    NOT NULL DEFAULT 0,
    ADD COLUMN name_tokens    TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN name_tokens_of TEXT;

UPDATE author a SET work_count = c.works
FROM (SELECT author_id, count(*) AS works FROM authorship GROUP BY author_id) c
WHERE c.author_id = a.author_id;

CREATE INDEX author_name_tokens ON author USING gin (array_to_tsvector(name_tokens));
