-- Author ids retired by author.merged (org.bzpeer.kit.authors.RetiredAuthors): while revived_at is null, the id
-- answers with a redirect to its survivor (merged_into, followed through further retired ids), search leaves it out
-- and works naming it are read as naming the survivor. Its followers, and its claim when the merge rule lets it, move
-- to the survivor when the merge is applied.
CREATE TABLE retired_author (
    author_id   TEXT PRIMARY KEY,
    merged_into TEXT        NOT NULL,
    retired_at  TIMESTAMPTZ NOT NULL,
    revived_at  TIMESTAMPTZ,
    reason      TEXT        NOT NULL
);
