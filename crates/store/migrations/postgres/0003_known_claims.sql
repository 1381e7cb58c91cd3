-- Known hoax claims imported from fact-checkers' lists, for claim matching (PostgreSQL).
CREATE TABLE known_claims (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      TEXT NOT NULL,
    ext_id      TEXT NOT NULL,
    claim       TEXT NOT NULL,
    label       TEXT,
    imported_at BIGINT NOT NULL,
    UNIQUE (source, ext_id)
);
