-- The co-authorship graph, kept from work.imported. Ids use the "C" collation: byte order, the same on every
-- server, so keyset cursors over (shared works, author id) are stable.

-- The latest version of each work seen; an older or repeated version changes nothing (per-work high-water mark).
-- import_order grows with every accepted version: "imported latest" when two works share a publication year.
CREATE SEQUENCE work_import_order;
CREATE TABLE work (
    work_id          TEXT COLLATE "C" PRIMARY KEY,
    version          BIGINT NOT NULL,
    publication_year INT,
    import_order     BIGINT NOT NULL
);

-- The authors of each work's latest version, each once, with the name as printed there.
CREATE TABLE work_author (
    work_id      TEXT COLLATE "C" NOT NULL REFERENCES work (work_id),
    author_id    TEXT COLLATE "C" NOT NULL,
    display_name TEXT NOT NULL,
    position     INT  NOT NULL,
    PRIMARY KEY (work_id, author_id)
);
-- An author's works; with the primary key, the co-author self-join reads indexes only.
CREATE INDEX work_author_author ON work_author (author_id, work_id);

-- The topics of each work's latest version; topic_key is the topic id, or 'name:' + lower-cased name without one.
CREATE TABLE work_topic (
    work_id   TEXT COLLATE "C" NOT NULL REFERENCES work (work_id),
    topic_key TEXT COLLATE "C" NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (work_id, topic_key)
);

-- The institutions of each authorship; institution_key as topic_key. Goes with its authorship.
CREATE TABLE authorship_institution (
    work_id         TEXT COLLATE "C" NOT NULL,
    author_id       TEXT COLLATE "C" NOT NULL,
    institution_key TEXT COLLATE "C" NOT NULL,
    name            TEXT NOT NULL,
    PRIMARY KEY (work_id, author_id, institution_key),
    FOREIGN KEY (work_id, author_id) REFERENCES work_author (work_id, author_id) ON DELETE CASCADE
);
-- Distinct institutions of an author's own authorships.
CREATE INDEX authorship_institution_author ON authorship_institution (author_id, institution_key);

-- Every author a work has ever listed ("known"); display_name is the name printed on their most recent work
-- (highest publication year, unknown last, then latest import), kept when no work lists them any more.
CREATE TABLE author (
    author_id    TEXT COLLATE "C" PRIMARY KEY,
    display_name TEXT NOT NULL
);

-- Each known author's neighbourhood summary as last published; revision grows by one with every change.
CREATE TABLE author_graph_summary (
    author_id                TEXT COLLATE "C" PRIMARY KEY REFERENCES author (author_id),
    revision                 BIGINT NOT NULL,
    work_count               INT    NOT NULL,
    coauthor_count           INT    NOT NULL,
    close_collaborator_count INT    NOT NULL,
    topic_count              INT    NOT NULL,
    institution_count        INT    NOT NULL
);
