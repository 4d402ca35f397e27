-- Everything the researcher page shows of a work, and the trust components that explain a score.
ALTER TABLE work
    ADD COLUMN abstract_text TEXT,
    ADD COLUMN venue_type    TEXT,
    ADD COLUMN pmid          TEXT,
    ADD COLUMN other_ids     JSONB NOT NULL DEFAULT '{}',
    ADD COLUMN topics        JSONB NOT NULL DEFAULT '[]';
CREATE INDEX authorship_author_year ON authorship (author_id, sort_year);

ALTER TABLE author_trust ADD COLUMN components JSONB NOT NULL DEFAULT '[]';

-- What an author's owner wrote on their page: made here, not derived from any topic (a source table).
CREATE TABLE author_edit (
    author_id           TEXT PRIMARY KEY,
    description         TEXT,
    open_to_collaborate BOOLEAN     NOT NULL DEFAULT false,
    edited_by           TEXT        NOT NULL,
    edited_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Works an author's owner said are not theirs. The authorship leaves the read model when ingest publishes the work
-- again without it; until then, and for every later re-import, the list leaves it out. A source table.
CREATE TABLE disowned_work (
    author_id   TEXT        NOT NULL,
    work_id     TEXT        NOT NULL,
    disowned_by TEXT        NOT NULL,
    disowned_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (author_id, work_id)
);
