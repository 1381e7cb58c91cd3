-- Release pickups found by the monitoring pipeline as articles arrive: which monitored
-- article carries which of our published releases, with the containment similarity.
CREATE TABLE newsroom_pickups (
    item_id    INTEGER NOT NULL REFERENCES newsroom_items(id),
    article_id INTEGER NOT NULL REFERENCES monitor_articles(id),
    similarity REAL NOT NULL,
    found_at   INTEGER NOT NULL,
    PRIMARY KEY (item_id, article_id)
);
CREATE INDEX newsroom_pickups_found ON newsroom_pickups(item_id, found_at);
