-- Authors as profile pages show them. name / affiliation come from the author's most recent work
-- (publication year, then import order); profile_year records which year they were taken from.
CREATE TABLE author (
    author_id        TEXT PRIMARY KEY,
    display_name     TEXT        NOT NULL,
    orcid            TEXT,
    affiliation_id   TEXT,
    affiliation_name TEXT,
    profile_year     INT,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- External identifiers an author is known by (orcid, openalex, a pipeline's own scheme), for look-up.
CREATE TABLE author_external_id (
    scheme    TEXT NOT NULL,
    value     TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES author (author_id),
    PRIMARY KEY (scheme, value)
);
CREATE INDEX author_external_id_author ON author_external_id (author_id);

-- The latest version of each work seen; older or repeated versions are ignored (idempotent consumption).
CREATE TABLE work (
    work_id          TEXT PRIMARY KEY,
    version          BIGINT  NOT NULL,
    type             TEXT    NOT NULL,
    title            TEXT,
    publication_year INT,
    publication_date TEXT,
    venue_name       TEXT,
    doi              TEXT,
    arxiv_id         TEXT,
    openalex_id      TEXT,
    retracted        BOOLEAN NOT NULL,
    authors          JSONB   NOT NULL
);

-- Who wrote what, for an author's list of works: newest first, then by title (as researcher pages list them).
CREATE TABLE authorship (
    author_id        TEXT NOT NULL REFERENCES author (author_id),
    work_id          TEXT NOT NULL REFERENCES work (work_id) ON DELETE CASCADE,
    position         INT  NOT NULL,
    sort_year        INT  NOT NULL,              -- publication year, -1 when unknown: newest first, unknown last
    sort_title       TEXT COLLATE "C" NOT NULL,  -- lower-case title, '' when untitled
    PRIMARY KEY (author_id, work_id)
);
CREATE INDEX authorship_author_listing ON authorship (author_id, sort_year DESC, sort_title, work_id);
CREATE INDEX authorship_work ON authorship (work_id);

-- graph-service's neighbourhood summary per author; only a higher revision replaces it.
CREATE TABLE author_graph_summary (
    author_id                TEXT PRIMARY KEY,
    revision                 BIGINT NOT NULL,
    coauthor_count           INT    NOT NULL,
    close_collaborator_count INT    NOT NULL,
    topic_count              INT    NOT NULL,
    institution_count        INT    NOT NULL
);

-- trust-service's assessment per author; only a higher revision replaces it.
CREATE TABLE author_trust (
    author_id          TEXT PRIMARY KEY,
    revision           BIGINT  NOT NULL,
    score              INT     NOT NULL,
    band               TEXT    NOT NULL,
    verification_level TEXT    NOT NULL,
    claimed            BOOLEAN NOT NULL
);
