-- Events a service has decided to publish, committed in the same transaction as the state change that caused
-- them; OutboxRelay publishes them to Kafka in id order and deletes them once the broker has acknowledged.
CREATE TABLE event_outbox (
    id         BIGSERIAL PRIMARY KEY,
    topic      TEXT        NOT NULL,
    event_key  TEXT        NOT NULL,
    payload    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
