-- Batched consumption (one transaction per poll) and coalesced summaries.
-- A work's author count decides whether its authors become co-authors of each other (collaboration papers with
-- thousands of authors do not); the "latest work" of an author is told apart by publication year, then work id, so
-- the name shown is the same whatever order works arrived in.
ALTER TABLE work DROP COLUMN import_order, ADD COLUMN author_count INT NOT NULL DEFAULT 0;
DROP SEQUENCE work_import_order;
UPDATE work w SET author_count = (SELECT count(*) FROM work_author a WHERE a.work_id = w.work_id);
ALTER TABLE work ALTER COLUMN author_count DROP DEFAULT;

-- Summary revisions come from one sequence: they only ever grow for an author, also when an author who lost every
-- work (and was removed) appears again.
CREATE SEQUENCE summary_revision;
SELECT setval('summary_revision', GREATEST((SELECT max(revision) FROM author_graph_summary), 1));

-- Authors whose summary must be recomputed (org.bzpeer.kit.pending.PendingKeys): marked by the transaction that
-- changes their works, recomputed once per batch however many works touched them.
CREATE TABLE pending_summary (
    key    TEXT COLLATE "C" PRIMARY KEY,
    due_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_summary_due ON pending_summary (due_at);
