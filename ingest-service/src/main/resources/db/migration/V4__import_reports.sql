-- Every import, HTTP or bulk, and its report. An import receives one or more parts (bodies: one per POST of
-- /api/v1/works, one per file of a bulk import); its counts are the sums over its parts.
CREATE TABLE import_run (
    id             UUID        PRIMARY KEY,
    name           TEXT,
    submitted_by   TEXT        NOT NULL,
    expected_bytes BIGINT,
    parts          INTEGER     NOT NULL DEFAULT 0,
    finished       BOOLEAN     NOT NULL DEFAULT false,
    started_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One body of an import. state: reading, done, body-too-large, failed. Counts grow batch by batch while it is read.
CREATE TABLE import_part (
    import_id   UUID        NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    part        INTEGER     NOT NULL,
    name        TEXT,
    format      TEXT        NOT NULL,
    state       TEXT        NOT NULL,
    failure     TEXT,
    bytes_read  BIGINT      NOT NULL DEFAULT 0,
    received    BIGINT      NOT NULL DEFAULT 0,
    created     BIGINT      NOT NULL DEFAULT 0,
    updated     BIGINT      NOT NULL DEFAULT 0,
    unchanged   BIGINT      NOT NULL DEFAULT 0,
    rejected    BIGINT      NOT NULL DEFAULT 0,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (import_id, part)
);

-- The rejected records of a part, by 0-based position in its body; the first ones up to a cap per part (the part's
-- rejected count is always exact).
CREATE TABLE import_rejection (
    import_id UUID    NOT NULL,
    part      INTEGER NOT NULL,
    record    BIGINT  NOT NULL,
    field     TEXT    NOT NULL,
    reason    TEXT    NOT NULL,
    PRIMARY KEY (import_id, part, record),
    FOREIGN KEY (import_id, part) REFERENCES import_part (import_id, part) ON DELETE CASCADE
);

CREATE INDEX import_run_started ON import_run (started_at);
