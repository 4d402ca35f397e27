-- The read model behind the explorer API: co-author pairs with their shared works and years, each author's topics
-- and institutions ranked with counts and years, and work titles for the works a neighbourhood or a path shows.
-- Every table is a function of the final works (and of bzpeer.graph.max-coauthorship-authors: changing it needs a
-- rebuild of the read model, see the README).

-- The title of each work's latest version; works stored before this migration get theirs when next imported or
-- when the read model is rebuilt.
ALTER TABLE work ADD COLUMN title TEXT;

-- Every pair of co-authors, once in each direction: the works they share (bylines of at most
-- bzpeer.graph.max-coauthorship-authors authors) and the first and last publication year among them (null when
-- none of them has a known year). Kept in the transaction that stores the works.
CREATE TABLE coauthor_pair (
    author_id    TEXT COLLATE "C" NOT NULL,
    coauthor_id  TEXT COLLATE "C" NOT NULL,
    shared_works INT NOT NULL CHECK (shared_works > 0),
    first_year   INT,
    last_year    INT,
    PRIMARY KEY (author_id, coauthor_id)
);
-- An author's co-authors strongest first, read from the index alone: collaborator pages, neighbourhoods, paths.
CREATE INDEX coauthor_pair_ranked ON coauthor_pair (author_id, shared_works DESC, coauthor_id)
    INCLUDE (first_year, last_year);

INSERT INTO coauthor_pair (author_id, coauthor_id, shared_works, first_year, last_year)
SELECT me.author_id, other.author_id, count(*), min(k.publication_year), max(k.publication_year)
FROM work k
JOIN work_author me ON me.work_id = k.work_id
JOIN work_author other ON other.work_id = k.work_id AND other.author_id <> me.author_id
WHERE k.author_count <= 200
GROUP BY me.author_id, other.author_id;

-- Each author's topics: works of theirs listing the topic, first and last year among them, and the topic's name as
-- printed on the most recent of them. Recomputed with the author's summary.
CREATE TABLE author_topic (
    author_id  TEXT COLLATE "C" NOT NULL,
    topic_key  TEXT COLLATE "C" NOT NULL,
    name       TEXT NOT NULL,
    works      INT  NOT NULL,
    first_year INT,
    last_year  INT,
    PRIMARY KEY (author_id, topic_key)
);
CREATE INDEX author_topic_ranked ON author_topic (author_id, works DESC, last_year DESC NULLS LAST, topic_key);

-- Each author's institutions, from their own authorships, as author_topic.
CREATE TABLE author_institution (
    author_id       TEXT COLLATE "C" NOT NULL,
    institution_key TEXT COLLATE "C" NOT NULL,
    name            TEXT NOT NULL,
    works           INT  NOT NULL,
    first_year      INT,
    last_year       INT,
    PRIMARY KEY (author_id, institution_key)
);
CREATE INDEX author_institution_ranked
    ON author_institution (author_id, works DESC, last_year DESC NULLS LAST, institution_key);

-- Every known author is summarised again once, which fills their topics and institutions.
INSERT INTO pending_summary (key, due_at)
SELECT DISTINCT author_id, now() FROM work_author
ON CONFLICT (key) DO NOTHING;
