-- Outbox rows the broker can never take (too large, invalid topic, ...) are parked with the reason instead of
-- blocking the rows behind them; ops retry (parked_at back to NULL) or drop them. The relay reads only rows that are
-- not parked, in id order.
ALTER TABLE event_outbox
    ADD COLUMN parked_at   TIMESTAMPTZ,
    ADD COLUMN park_reason TEXT;

CREATE INDEX event_outbox_waiting ON event_outbox (id) WHERE parked_at IS NULL;
CREATE INDEX event_outbox_parked ON event_outbox (id) WHERE parked_at IS NOT NULL;
