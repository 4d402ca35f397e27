-- Author ids retired by author.merged (org.bzpeer.kit.authors.RetiredAuthors): while revived_at is null, works
-- naming the id are stored as naming its survivor (merged_into, followed through further retired ids), so the id has
-- no node, pair, topic, institution or summary in the graph.
CREATE TABLE retired_author (
    author_id   TEXT PRIMARY KEY,
    merged_into TEXT        NOT NULL,
    retired_at  TIMESTAMPTZ NOT NULL,
    revived_at  TIMESTAMPTZ,
    reason      TEXT        NOT NULL
);
