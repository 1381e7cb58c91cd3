-- Notifications (in-app) and the crisis module (PostgreSQL).
CREATE TABLE notifications (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id  BIGINT NOT NULL REFERENCES users(id),
    at       BIGINT NOT NULL,
    kind     TEXT NOT NULL,
    title    TEXT NOT NULL,
    body     TEXT NOT NULL,
    link     TEXT NOT NULL,
    read_at  BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, at);

CREATE TABLE crisis_cases (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim              TEXT NOT NULL,
    description        TEXT NOT NULL,
    origin_links       TEXT NOT NULL,
    region_codes       TEXT NOT NULL,
    category           TEXT NOT NULL,
    level              BIGINT NOT NULL,
    owner_org_id       BIGINT NOT NULL REFERENCES orgs(id),
    status             TEXT NOT NULL,
    verdict            TEXT,
    verdict_note       TEXT,
    external_label     TEXT,
    external_url       TEXT,
    tags               TEXT NOT NULL,
    source             TEXT NOT NULL,
    first_response_due BIGINT NOT NULL,
    resolution_due     BIGINT NOT NULL,
    first_response_at  BIGINT,
    resolved_at        BIGINT,
    closed_reason      TEXT,
    created_by         TEXT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    version            BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX crisis_cases_owner ON crisis_cases(owner_org_id, status);
CREATE INDEX crisis_cases_updated ON crisis_cases(updated_at);

CREATE TABLE crisis_case_orgs (
    case_id  BIGINT NOT NULL REFERENCES crisis_cases(id),
    org_id   BIGINT NOT NULL REFERENCES orgs(id),
    role     TEXT NOT NULL CHECK (role IN ('escalated','collaborator')),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, org_id)
);
CREATE INDEX crisis_case_orgs_org ON crisis_case_orgs(org_id);

CREATE TABLE crisis_events (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id  BIGINT NOT NULL REFERENCES crisis_cases(id),
    at       BIGINT NOT NULL,
    actor    TEXT NOT NULL,
    org_code TEXT,
    kind     TEXT NOT NULL,
    summary  TEXT NOT NULL,
    data     TEXT
);
CREATE INDEX crisis_events_case ON crisis_events(case_id, id);
CREATE FUNCTION crisis_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'crisis_events is append-only';
END $$;
CREATE TRIGGER crisis_events_no_change BEFORE UPDATE OR DELETE ON crisis_events
    FOR EACH ROW EXECUTE FUNCTION crisis_events_append_only();

CREATE TABLE crisis_tasks (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id          BIGINT NOT NULL REFERENCES crisis_cases(id),
    title            TEXT NOT NULL,
    assignee_org_id  BIGINT REFERENCES orgs(id),
    assignee_user_id BIGINT REFERENCES users(id),
    due_at           BIGINT,
    done_at          BIGINT,
    created_by       TEXT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX crisis_tasks_case ON crisis_tasks(case_id);

CREATE TABLE crisis_statements (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id       BIGINT NOT NULL REFERENCES crisis_cases(id),
    kind          TEXT NOT NULL CHECK (kind IN ('holding','clarification')),
    status        TEXT NOT NULL CHECK (status IN ('draft','review','approved','rejected')),
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    version       BIGINT NOT NULL,
    updated_by    TEXT NOT NULL,
    updated_at    BIGINT NOT NULL,
    decided_by    TEXT,
    decided_at    BIGINT,
    decision_note TEXT
);
CREATE INDEX crisis_statements_case ON crisis_statements(case_id);

CREATE TABLE crisis_statement_versions (
    statement_id BIGINT NOT NULL REFERENCES crisis_statements(id),
    version      BIGINT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    author       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (statement_id, version)
);
