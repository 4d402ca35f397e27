-- The test service's read model: each follow event applied once, with how often it was delivered.
CREATE TABLE applied_follow (
    event_id   TEXT PRIMARY KEY,
    author_id  TEXT NOT NULL,
    deliveries INT  NOT NULL DEFAULT 1
);

-- Authors whose follows the test service refuses (a failure that is not transient) until the row is deleted.
CREATE TABLE refused_author (
    author_id TEXT PRIMARY KEY
);
