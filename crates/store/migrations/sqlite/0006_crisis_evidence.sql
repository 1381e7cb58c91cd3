-- Evidence files attached to crisis cases; contents live in the blob store by hash (SQLite).
CREATE TABLE crisis_evidence (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     INTEGER NOT NULL REFERENCES crisis_cases(id),
    file_hash   TEXT NOT NULL,
    filename    TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    note        TEXT,
    uploaded_by TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL
);
CREATE INDEX crisis_evidence_case ON crisis_evidence(case_id);
