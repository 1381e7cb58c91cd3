-- Notifications (in-app) and the crisis module (SQLite).
CREATE TABLE notifications (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id  INTEGER NOT NULL REFERENCES users(id),
    at       INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    title    TEXT NOT NULL,
    body     TEXT NOT NULL,
    link     TEXT NOT NULL,
    read_at  INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, at);

CREATE TABLE crisis_cases (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    claim              TEXT NOT NULL,
    description        TEXT NOT NULL,
    origin_links       TEXT NOT NULL,
    region_codes       TEXT NOT NULL,
    category           TEXT NOT NULL,
    level              INTEGER NOT NULL,
    owner_org_id       INTEGER NOT NULL REFERENCES orgs(id),
    status             TEXT NOT NULL,
    verdict            TEXT,
    verdict_note       TEXT,
    external_label     TEXT,
    external_url       TEXT,
    tags               TEXT NOT NULL,
    source             TEXT NOT NULL,
    first_response_due INTEGER NOT NULL,
    resolution_due     INTEGER NOT NULL,
    first_response_at  INTEGER,
    resolved_at        INTEGER,
    closed_reason      TEXT,
    created_by         TEXT NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX crisis_cases_owner ON crisis_cases(owner_org_id, status);
CREATE INDEX crisis_cases_updated ON crisis_cases(updated_at);

CREATE TABLE crisis_case_orgs (
    case_id  INTEGER NOT NULL REFERENCES crisis_cases(id),
    org_id   INTEGER NOT NULL REFERENCES orgs(id),
    role     TEXT NOT NULL CHECK (role IN ('escalated','collaborator')),
    added_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, org_id)
);
CREATE INDEX crisis_case_orgs_org ON crisis_case_orgs(org_id);

CREATE TABLE crisis_events (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id  INTEGER NOT NULL REFERENCES crisis_cases(id),
    at       INTEGER NOT NULL,
    actor    TEXT NOT NULL,
    org_code TEXT,
    kind     TEXT NOT NULL,
    summary  TEXT NOT NULL,
    data     TEXT
);
CREATE INDEX crisis_events_case ON crisis_events(case_id, id);
CREATE TRIGGER crisis_events_no_update BEFORE UPDATE ON crisis_events
BEGIN SELECT RAISE(ABORT, 'crisis_events is append-only'); END;
CREATE TRIGGER crisis_events_no_delete BEFORE DELETE ON crisis_events
BEGIN SELECT RAISE(ABORT, 'crisis_events is append-only'); END;

CREATE TABLE crisis_tasks (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id          INTEGER NOT NULL REFERENCES crisis_cases(id),
    title            TEXT NOT NULL,
    assignee_org_id  INTEGER REFERENCES orgs(id),
    assignee_user_id INTEGER REFERENCES users(id),
    due_at           INTEGER,
    done_at          INTEGER,
    created_by       TEXT NOT NULL,
    created_at       INTEGER NOT NULL
);
CREATE INDEX crisis_tasks_case ON crisis_tasks(case_id);

CREATE TABLE crisis_statements (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id       INTEGER NOT NULL REFERENCES crisis_cases(id),
    kind          TEXT NOT NULL CHECK (kind IN ('holding','clarification')),
    status        TEXT NOT NULL CHECK (status IN ('draft','review','approved','rejected')),
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    updated_by    TEXT NOT NULL,
    updated_at    INTEGER NOT NULL,
    decided_by    TEXT,
    decided_at    INTEGER,
    decision_note TEXT
);
CREATE INDEX crisis_statements_case ON crisis_statements(case_id);

CREATE TABLE crisis_statement_versions (
    statement_id INTEGER NOT NULL REFERENCES crisis_statements(id),
    version      INTEGER NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    author       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (statement_id, version)
);
