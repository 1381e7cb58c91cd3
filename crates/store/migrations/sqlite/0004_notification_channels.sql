-- Notification channels: per-user e-mail preference and a delivery log (SQLite).
ALTER TABLE users ADD COLUMN notify_email INTEGER NOT NULL DEFAULT 1;
CREATE TABLE notification_deliveries (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL,
    channel TEXT NOT NULL,
    target  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    title   TEXT NOT NULL,
    status  TEXT NOT NULL,
    error   TEXT
);
CREATE INDEX notification_deliveries_at ON notification_deliveries(at);
