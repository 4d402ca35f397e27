-- Dead letters replayed to their original topic, one row per dead letter (its topic, partition and offset): a replay
-- inserts the row, republishes and records where the record landed, all in one transaction, so a dead letter is
-- republished at most once however often, and by however many instances, it is replayed.
CREATE TABLE dead_letter_replay (
    dead_letter_topic     TEXT        NOT NULL,
    dead_letter_partition INT         NOT NULL,
    dead_letter_offset    BIGINT      NOT NULL,
    original_topic        TEXT        NOT NULL,
    replayed_partition    INT,
    replayed_offset       BIGINT,
    replayed_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    replayed_by           TEXT        NOT NULL,
    PRIMARY KEY (dead_letter_topic, dead_letter_partition, dead_letter_offset)
);
