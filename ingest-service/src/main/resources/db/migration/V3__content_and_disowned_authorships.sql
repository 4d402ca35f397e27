-- The content last published for each work (the encoded event without its per-event fields, exactly what
-- content_hash hashes), so a work can be published again without its source record: when an owner disowns an
-- authorship. Null for works last published before this migration, until their next import.
ALTER TABLE work ADD COLUMN content BYTEA;

-- Authorships an author's owner said are not theirs ("not my work", from profile-service): left out of every
-- version of the work published from now on, whatever a re-import says.
CREATE TABLE disowned_authorship (
    work_id     TEXT        NOT NULL,
    author_id   TEXT        NOT NULL,
    disowned_by TEXT        NOT NULL,
    disowned_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (work_id, author_id)
);
