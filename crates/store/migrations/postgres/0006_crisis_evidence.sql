-- Evidence files attached to crisis cases; contents live in the blob store by hash (PostgreSQL).
CREATE TABLE crisis_evidence (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES crisis_cases(id),
    file_hash   TEXT NOT NULL,
    filename    TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        BIGINT NOT NULL,
    note        TEXT,
    uploaded_by TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX crisis_evidence_case ON crisis_evidence(case_id);
