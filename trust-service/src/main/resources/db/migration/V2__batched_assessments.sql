-- Batched consumption (one transaction per poll) and coalesced reassessments.

-- Assessment revisions come from one sequence: they only ever grow for an author, also when an author who lost every
-- work and claim (and was removed) appears again.
CREATE SEQUENCE assessment_revision;
SELECT setval('assessment_revision', GREATEST((SELECT max(revision) FROM author_trust), 1));

-- Authors whose assessment must be recomputed (org.bzpeer.kit.pending.PendingKeys): marked by the transaction that
-- changes their facts, reassessed once however many events touched them.
CREATE TABLE pending_assessment (
    key    TEXT COLLATE "C" PRIMARY KEY,
    due_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_assessment_due ON pending_assessment (due_at);
