-- Rilis & Portal: releases and news items, their versions and events, uploaded files,
-- media lists with per-recipient deliveries, and public comments (SQLite).
CREATE TABLE newsroom_items (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id             INTEGER NOT NULL REFERENCES orgs(id),
    kind               TEXT NOT NULL,
    status             TEXT NOT NULL,
    title              TEXT NOT NULL,
    slug               TEXT NOT NULL,
    lead               TEXT NOT NULL,
    body_html          TEXT NOT NULL,
    body_text          TEXT NOT NULL,
    category           TEXT NOT NULL,
    tags               TEXT NOT NULL,
    region_code        TEXT,
    author_name        TEXT NOT NULL,
    spokesperson_name  TEXT,
    spokesperson_title TEXT,
    spokesperson_quote TEXT,
    publish_at         INTEGER,
    embargo            INTEGER NOT NULL DEFAULT 0,
    published_at       INTEGER,
    correction_note    TEXT,
    withdrawn_reason   TEXT,
    review_note        TEXT,
    crisis_case_id     INTEGER,
    created_by         TEXT NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_by         TEXT NOT NULL,
    updated_at         INTEGER NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX newsroom_items_org ON newsroom_items(org_id, status, published_at);
CREATE INDEX newsroom_items_due ON newsroom_items(status, publish_at);

CREATE TABLE newsroom_versions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id    INTEGER NOT NULL REFERENCES newsroom_items(id),
    version    INTEGER NOT NULL,
    title      TEXT NOT NULL,
    lead       TEXT NOT NULL,
    body_html  TEXT NOT NULL,
    edited_by  TEXT NOT NULL,
    edited_at  INTEGER NOT NULL,
    note       TEXT,
    UNIQUE (item_id, version)
);

CREATE TABLE newsroom_events (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id  INTEGER NOT NULL REFERENCES newsroom_items(id),
    at       INTEGER NOT NULL,
    actor    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    summary  TEXT NOT NULL
);
CREATE INDEX newsroom_events_item ON newsroom_events(item_id, id);

CREATE TABLE newsroom_files (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id      INTEGER NOT NULL REFERENCES newsroom_items(id),
    kind         TEXT NOT NULL,
    file_hash    TEXT NOT NULL,
    thumb_hash   TEXT,
    filename     TEXT NOT NULL,
    mime         TEXT NOT NULL,
    size         INTEGER NOT NULL,
    width        INTEGER,
    height       INTEGER,
    alt          TEXT,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  INTEGER NOT NULL
);
CREATE INDEX newsroom_files_item ON newsroom_files(item_id);
CREATE INDEX newsroom_files_hash ON newsroom_files(file_hash);
CREATE INDEX newsroom_files_thumb ON newsroom_files(thumb_hash);

CREATE TABLE newsroom_lists (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    name        TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE newsroom_contacts (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    list_id  INTEGER NOT NULL REFERENCES newsroom_lists(id),
    name     TEXT NOT NULL,
    email    TEXT NOT NULL,
    outlet   TEXT NOT NULL,
    UNIQUE (list_id, email)
);

CREATE TABLE newsroom_distributions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id    INTEGER NOT NULL REFERENCES newsroom_items(id),
    list_id    INTEGER NOT NULL REFERENCES newsroom_lists(id),
    list_name  TEXT NOT NULL,
    embargo    INTEGER NOT NULL,
    sent_by    TEXT NOT NULL,
    sent_at    INTEGER NOT NULL
);
CREATE INDEX newsroom_distributions_item ON newsroom_distributions(item_id);

CREATE TABLE newsroom_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    distribution_id  INTEGER NOT NULL REFERENCES newsroom_distributions(id),
    item_id          INTEGER NOT NULL REFERENCES newsroom_items(id),
    name             TEXT NOT NULL,
    email            TEXT NOT NULL,
    outlet           TEXT NOT NULL,
    status           TEXT NOT NULL,
    error            TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX newsroom_deliveries_dist ON newsroom_deliveries(distribution_id);

CREATE TABLE newsroom_comments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id      INTEGER NOT NULL REFERENCES newsroom_items(id),
    parent_id    INTEGER REFERENCES newsroom_comments(id),
    name         TEXT NOT NULL,
    email        TEXT,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL,
    official     INTEGER NOT NULL DEFAULT 0,
    ip_hash      TEXT,
    score        REAL NOT NULL DEFAULT 0,
    reasons      TEXT NOT NULL,
    reports      INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    decided_by   TEXT,
    decided_at   INTEGER
);
CREATE INDEX newsroom_comments_item ON newsroom_comments(item_id, status, id);
CREATE INDEX newsroom_comments_status ON newsroom_comments(status, id);
