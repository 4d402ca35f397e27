-- Works ingest-service has published, with the version and content hash of the last published form, so a
-- re-import is classified created / updated / unchanged.
CREATE TABLE work (
    work_id           TEXT PRIMARY KEY,
    version           BIGINT      NOT NULL,
    content_hash      TEXT        NOT NULL,
    source            TEXT        NOT NULL,
    first_imported_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_changed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every identifier a work is known by (doi, arxiv, openalex, pmid, ..., and a title fingerprint for works without
-- any): the de-duplication key. An identifier belongs to exactly one work.
CREATE TABLE work_identifier (
    scheme  TEXT NOT NULL,
    value   TEXT NOT NULL,
    work_id TEXT NOT NULL REFERENCES work (work_id),
    PRIMARY KEY (scheme, value)
);
CREATE INDEX work_identifier_work ON work_identifier (work_id);

-- Every identifier an author is known by (orcid, openalex, a pipeline's own scheme): author resolution. An
-- identifier belongs to exactly one BZPEER author.
CREATE TABLE author_identifier (
    scheme     TEXT        NOT NULL,
    value      TEXT        NOT NULL,
    author_id  TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scheme, value)
);
CREATE INDEX author_identifier_author ON author_identifier (author_id);
