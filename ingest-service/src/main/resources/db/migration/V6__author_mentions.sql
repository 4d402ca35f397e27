-- Every authorship of every published work as author resolution sees it (one row per byline position of the record
-- last published): the printed name and its blocking key, the identifiers it carries, the context that tells
-- namesakes apart, and the author id it was last published with. Author resolution reads whole blocks of it.
CREATE TABLE author_mention (
    work_id      TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    block        TEXT    NOT NULL,
    name_key     TEXT,
    printed      TEXT    NOT NULL,
    orcid        TEXT,
    source_ids   TEXT[]  NOT NULL,
    coauthors    TEXT[]  NOT NULL,
    institutions TEXT[]  NOT NULL,
    venue        TEXT,
    topics       TEXT[]  NOT NULL,
    year         INTEGER,
    author_id    TEXT    NOT NULL,
    PRIMARY KEY (work_id, position)
);
CREATE INDEX author_mention_block ON author_mention (block);
CREATE INDEX author_mention_name_key ON author_mention (name_key) WHERE name_key IS NOT NULL;
CREATE INDEX author_mention_author ON author_mention (author_id);

-- Blocks (surname and first initial) whose mentions changed since they were last resolved (a PendingKeys queue).
CREATE TABLE unresolved_block (
    key    TEXT COLLATE "C" PRIMARY KEY,
    due_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX unresolved_block_due ON unresolved_block (due_at);
