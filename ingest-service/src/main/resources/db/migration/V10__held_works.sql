-- New works with authorships known only by name, held back until author resolution has settled who those authors are,
-- so each is published once with its resolved authors rather than first with ids of their own: the blocks of the
-- work's mentions not resolved since its last import. The work is published (and its row removed) by the resolution
-- that resolves the last of them (AuthorResolution); until then its events are recorded in `work` but not published.
CREATE TABLE held_work (
    work_id TEXT COLLATE "C" PRIMARY KEY,
    blocks  TEXT[]      NOT NULL,
    held_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The oldest first: the sweep that publishes a work held too long (HeldWorkSweep) and the held-works gauges read it.
CREATE INDEX held_work_held_at ON held_work (held_at);
