-- Ids are derived from identifiers now (see BzpeerIds): authors from their own best identifier, works from the best
-- identifier of everything linked to them. Author identifiers are no longer kept here.
DROP TABLE author_identifier;

-- Work ids retired because their record turned out to be the same work as another (a shared identifier): each points
-- to the id that lives on, so links and redirects keep working. Kept for history; not part of the read model.
CREATE TABLE work_alias (
    retired_id   TEXT PRIMARY KEY,
    surviving_id TEXT        NOT NULL,
    retired_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
