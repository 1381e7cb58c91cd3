-- Notification channels: per-user e-mail preference and a delivery log (PostgreSQL).
ALTER TABLE users ADD COLUMN notify_email BOOLEAN NOT NULL DEFAULT TRUE;
CREATE TABLE notification_deliveries (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      BIGINT NOT NULL,
    channel TEXT NOT NULL,
    target  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    title   TEXT NOT NULL,
    status  TEXT NOT NULL,
    error   TEXT
);
CREATE INDEX notification_deliveries_at ON notification_deliveries(at);
