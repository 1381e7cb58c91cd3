-- Pantau Media (monitoring): sources, the fetch queue, analysed articles, issues (story
-- clusters), saved searches and their matches, and early-warning alerts. (SQLite)
CREATE TABLE monitor_sources (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id               BIGINT NOT NULL REFERENCES orgs(id),
    name                 TEXT NOT NULL,
    kind                 TEXT NOT NULL,
    url                  TEXT NOT NULL,
    outlet               TEXT NOT NULL,
    region_code          TEXT,
    language             TEXT NOT NULL DEFAULT 'id',
    interval_secs        BIGINT NOT NULL,
    state                TEXT NOT NULL,
    etag                 TEXT,
    last_modified        TEXT,
    next_poll_at         BIGINT NOT NULL,
    last_polled_at       BIGINT,
    last_ok_at           BIGINT,
    last_error           TEXT,
    consecutive_failures BIGINT NOT NULL DEFAULT 0,
    articles_total       BIGINT NOT NULL DEFAULT 0,
    health               TEXT NOT NULL DEFAULT 'ok',
    created_by           TEXT NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    UNIQUE (org_id, url)
);
CREATE INDEX monitor_sources_due ON monitor_sources(state, next_poll_at);

-- URLs seen in feeds, waiting to be fetched. The canonical URL is the dedupe key, so a link
-- listed by many feeds (or polled twice) is fetched once.
CREATE TABLE monitor_queue (
    canonical_url TEXT PRIMARY KEY,
    url           TEXT NOT NULL,
    source_id     BIGINT REFERENCES monitor_sources(id),
    title_hint    TEXT,
    state         TEXT NOT NULL,
    attempts      BIGINT NOT NULL DEFAULT 0,
    last_error    TEXT,
    queued_at     BIGINT NOT NULL,
    done_at       BIGINT
);
CREATE INDEX monitor_queue_pending ON monitor_queue(source_id, state, queued_at);

CREATE TABLE monitor_issues (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    label          TEXT NOT NULL,
    first_seen     BIGINT NOT NULL,
    last_seen      BIGINT NOT NULL,
    article_count  BIGINT NOT NULL DEFAULT 0,
    negative_count BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX monitor_issues_recent ON monitor_issues(last_seen);

CREATE TABLE monitor_articles (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    canonical_url TEXT NOT NULL UNIQUE,
    url           TEXT NOT NULL,
    source_id     BIGINT REFERENCES monitor_sources(id),
    outlet        TEXT NOT NULL,
    title         TEXT NOT NULL,
    author        TEXT,
    published_at  BIGINT NOT NULL,
    fetched_at    BIGINT NOT NULL,
    language      TEXT NOT NULL,
    body          TEXT NOT NULL,
    word_count    BIGINT NOT NULL,
    tone          TEXT NOT NULL,
    tone_score    REAL NOT NULL,
    region_codes  TEXT NOT NULL,
    entities      TEXT NOT NULL,
    keyphrases    TEXT NOT NULL,
    simhash       BIGINT NOT NULL,
    story_id      BIGINT,
    issue_id      BIGINT REFERENCES monitor_issues(id)
);
CREATE INDEX monitor_articles_published ON monitor_articles(published_at);
CREATE INDEX monitor_articles_source ON monitor_articles(source_id, published_at);
CREATE INDEX monitor_articles_issue ON monitor_articles(issue_id, published_at);
CREATE INDEX monitor_articles_story ON monitor_articles(story_id);

-- Region codes of each article with their ancestors ("32.73" also as "32"), so "visible to a
-- region's unit and its province" is one indexed lookup.
CREATE TABLE monitor_article_regions (
    article_id   BIGINT NOT NULL REFERENCES monitor_articles(id),
    code         TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (article_id, code)
);
CREATE INDEX monitor_article_regions_code ON monitor_article_regions(code, published_at);

CREATE TABLE monitor_saved_searches (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id        BIGINT NOT NULL REFERENCES orgs(id),
    user_id       BIGINT NOT NULL REFERENCES users(id),
    name          TEXT NOT NULL,
    query         TEXT NOT NULL,
    notify        BIGINT NOT NULL DEFAULT 1,
    created_at    BIGINT NOT NULL,
    last_match_at BIGINT
);
CREATE INDEX monitor_saved_searches_user ON monitor_saved_searches(user_id);

CREATE TABLE monitor_search_matches (
    search_id  BIGINT NOT NULL REFERENCES monitor_saved_searches(id) ON DELETE CASCADE,
    article_id BIGINT NOT NULL REFERENCES monitor_articles(id),
    matched_at BIGINT NOT NULL,
    PRIMARY KEY (search_id, article_id)
);

CREATE TABLE monitor_alerts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         BIGINT NOT NULL REFERENCES orgs(id),
    kind           TEXT NOT NULL,
    subject        TEXT NOT NULL,
    subject_label  TEXT NOT NULL,
    window_count   BIGINT NOT NULL,
    baseline_mean  REAL NOT NULL,
    baseline_sd    REAL NOT NULL,
    negative_count BIGINT NOT NULL,
    message        TEXT NOT NULL,
    notified       TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    -- One alert per subject per day: the spike scan runs often and on several instances.
    dedupe_key     TEXT NOT NULL UNIQUE
);
CREATE INDEX monitor_alerts_org ON monitor_alerts(org_id, created_at);
