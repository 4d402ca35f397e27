-- The latest version of each work seen (a high-water mark): an older or repeated version is ignored.
CREATE TABLE work (
    work_id TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);

-- Each author's share of a work as of the work's latest version, with the work facts the trust model reads copied
-- in, so all facts of an author are one index range. A new version of a work replaces all of its rows.
CREATE TABLE authorship (
    author_id        TEXT    NOT NULL,
    work_id          TEXT    NOT NULL REFERENCES work (work_id) ON DELETE CASCADE,
    publication_year INT,
    has_identifier   BOOLEAN NOT NULL, -- the work has a DOI, an arXiv id or a PMID
    retracted        BOOLEAN NOT NULL,
    orcid            TEXT,             -- the ORCID iD this authorship carried, as imported
    id_schemes       TEXT    NOT NULL, -- schemes of the author ids it carried, sorted, space-separated: 'openalex orcid'
    PRIMARY KEY (author_id, work_id)
);
CREATE INDEX authorship_work ON authorship (work_id);

-- graph-service's neighbourhood summary per author; only a higher revision replaces it.
CREATE TABLE author_graph_summary (
    author_id                TEXT PRIMARY KEY,
    revision                 BIGINT NOT NULL,
    work_count               INT    NOT NULL,
    coauthor_count           INT    NOT NULL,
    close_collaborator_count INT    NOT NULL,
    topic_count              INT    NOT NULL,
    institution_count        INT    NOT NULL
);

-- Who claimed an author record: the first claim wins; its claimant may later add the ORCID iD they proved.
CREATE TABLE author_claim (
    author_id      TEXT PRIMARY KEY,
    user_id        TEXT        NOT NULL,
    verified_orcid TEXT,
    claimed_at     TIMESTAMPTZ NOT NULL
);

-- The latest known state of each (author, follower) pair and when it changed: a follow or unfollow only applies
-- when it happened after the stored change, so redelivered and reordered events cannot miscount.
CREATE TABLE follow (
    author_id   TEXT        NOT NULL,
    follower_id TEXT        NOT NULL,
    following   BOOLEAN     NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (author_id, follower_id)
);
CREATE INDEX follow_following ON follow (author_id) WHERE following;

-- The current trust assessment per author; revision grows by one with every published change.
CREATE TABLE author_trust (
    author_id          TEXT PRIMARY KEY,
    revision           BIGINT      NOT NULL,
    score              INT         NOT NULL,
    band               TEXT        NOT NULL,
    verification_level TEXT        NOT NULL,
    claimed            BOOLEAN     NOT NULL,
    components         JSONB       NOT NULL, -- [{name, points, maxPoints, explanation}] in model order
    computed_at        TIMESTAMPTZ NOT NULL
);
