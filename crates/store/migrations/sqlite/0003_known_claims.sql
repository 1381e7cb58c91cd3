-- Known hoax claims imported from fact-checkers' lists, for claim matching (SQLite).
CREATE TABLE known_claims (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source      TEXT NOT NULL,
    ext_id      TEXT NOT NULL,
    claim       TEXT NOT NULL,
    label       TEXT,
    imported_at INTEGER NOT NULL,
    UNIQUE (source, ext_id)
);
