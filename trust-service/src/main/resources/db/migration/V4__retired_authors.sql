-- Author ids retired by author.merged (org.bzpeer.kit.authors.RetiredAuthors): while revived_at is null, the id has no
-- assessment (whatever facts of it arrive late), works naming it are stored as naming its survivor (merged_into,
-- followed through further retired ids), and its authorships moved to the survivor when the merge was applied.
CREATE TABLE retired_author (
    author_id   TEXT PRIMARY KEY,
    merged_into TEXT        NOT NULL,
    retired_at  TIMESTAMPTZ NOT NULL,
    revived_at  TIMESTAMPTZ,
    reason      TEXT        NOT NULL
);
