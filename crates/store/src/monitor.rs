//! `MonitorStore` for both backends, expanded inside each backend's `store_impl` module (it
//! uses that module's `db_err`, `decode_err`, `write_audit`, `org_from` and row type).

macro_rules! impl_monitor_store {
    ($store:ty, $conn:ty, $row:ty) => {
        use sinergi_core::monitor::store::{MonitorStore, PollRecord, QueuedUrl, SourceFields, SourceVisibility, SourceVolume};
        use sinergi_core::monitor::{Alert, Article, ArticleTone, Issue, NewAlert, NewArticle, SavedSearch, Source, SourceKind, SourceState};

        const SOURCE_COLS: &str = "s.id, s.org_id, o.code AS org_code, s.name, s.kind, s.url, s.outlet, s.region_code, s.language, \
            s.interval_secs, s.state, s.etag, s.last_modified, s.next_poll_at, s.last_polled_at, s.last_ok_at, s.last_error, \
            s.consecutive_failures, s.articles_total, s.health, s.created_by, s.created_at";

        fn source_from(r: &$row) -> StoreResult<Source> {
            let kind: String = r.try_get("kind").map_err(db_err)?;
            let state: String = r.try_get("state").map_err(db_err)?;
            Ok(Source {
                id: r.try_get("id").map_err(db_err)?,
                org_id: r.try_get("org_id").map_err(db_err)?,
                org_code: r.try_get("org_code").map_err(db_err)?,
                name: r.try_get("name").map_err(db_err)?,
                kind: SourceKind::parse(&kind).ok_or_else(|| decode_err("source kind"))?,
                url: r.try_get("url").map_err(db_err)?,
                outlet: r.try_get("outlet").map_err(db_err)?,
                region_code: r.try_get("region_code").map_err(db_err)?,
                language: r.try_get("language").map_err(db_err)?,
                interval_secs: r.try_get("interval_secs").map_err(db_err)?,
                state: SourceState::parse(&state).ok_or_else(|| decode_err("source state"))?,
                etag: r.try_get("etag").map_err(db_err)?,
                last_modified: r.try_get("last_modified").map_err(db_err)?,
                next_poll_at: r.try_get("next_poll_at").map_err(db_err)?,
                last_polled_at: r.try_get("last_polled_at").map_err(db_err)?,
                last_ok_at: r.try_get("last_ok_at").map_err(db_err)?,
                last_error: r.try_get("last_error").map_err(db_err)?,
                consecutive_failures: r.try_get("consecutive_failures").map_err(db_err)?,
                articles_total: r.try_get("articles_total").map_err(db_err)?,
                health: r.try_get("health").map_err(db_err)?,
                created_by: r.try_get("created_by").map_err(db_err)?,
                created_at: r.try_get("created_at").map_err(db_err)?,
            })
        }

        const ARTICLE_COLS: &str = "a.id, a.canonical_url, a.url, a.source_id, s.org_id AS source_org_id, a.outlet, a.title, a.author, \
            a.published_at, a.fetched_at, a.language, a.body, a.word_count, a.tone, a.tone_score, a.region_codes, a.entities, \
            a.keyphrases, a.simhash, a.story_id, a.issue_id, i.label AS issue_label";
        const ARTICLE_FROM: &str = "monitor_articles a LEFT JOIN monitor_sources s ON s.id = a.source_id \
            LEFT JOIN monitor_issues i ON i.id = a.issue_id";

        fn json_list(r: &$row, col: &str) -> StoreResult<Vec<String>> {
            let raw: String = r.try_get(col).map_err(db_err)?;
            serde_json::from_str(&raw).map_err(|_| decode_err(col))
        }

        fn article_from(r: &$row) -> StoreResult<Article> {
            let tone: String = r.try_get("tone").map_err(db_err)?;
            Ok(Article {
                id: r.try_get("id").map_err(db_err)?,
                canonical_url: r.try_get("canonical_url").map_err(db_err)?,
                url: r.try_get("url").map_err(db_err)?,
                source_id: r.try_get("source_id").map_err(db_err)?,
                source_org_id: r.try_get("source_org_id").map_err(db_err)?,
                outlet: r.try_get("outlet").map_err(db_err)?,
                title: r.try_get("title").map_err(db_err)?,
                author: r.try_get("author").map_err(db_err)?,
                published_at: r.try_get("published_at").map_err(db_err)?,
                fetched_at: r.try_get("fetched_at").map_err(db_err)?,
                language: r.try_get("language").map_err(db_err)?,
                body: r.try_get("body").map_err(db_err)?,
                word_count: r.try_get("word_count").map_err(db_err)?,
                tone: ArticleTone::parse(&tone).ok_or_else(|| decode_err("tone"))?,
                tone_score: r.try_get("tone_score").map_err(db_err)?,
                region_codes: json_list(r, "region_codes")?,
                entities: json_list(r, "entities")?,
                keyphrases: json_list(r, "keyphrases")?,
                simhash: r.try_get("simhash").map_err(db_err)?,
                story_id: r.try_get("story_id").map_err(db_err)?,
                issue_id: r.try_get("issue_id").map_err(db_err)?,
                issue_label: r.try_get("issue_label").map_err(db_err)?,
            })
        }

        fn issue_from(r: &$row) -> StoreResult<Issue> {
            Ok(Issue {
                id: r.try_get("id").map_err(db_err)?,
                label: r.try_get("label").map_err(db_err)?,
                first_seen: r.try_get("first_seen").map_err(db_err)?,
                last_seen: r.try_get("last_seen").map_err(db_err)?,
                article_count: r.try_get("article_count").map_err(db_err)?,
                negative_count: r.try_get("negative_count").map_err(db_err)?,
            })
        }

        fn saved_from(r: &$row) -> StoreResult<SavedSearch> {
            let notify: i64 = r.try_get("notify").map_err(db_err)?;
            Ok(SavedSearch {
                id: r.try_get("id").map_err(db_err)?,
                org_id: r.try_get("org_id").map_err(db_err)?,
                user_id: r.try_get("user_id").map_err(db_err)?,
                name: r.try_get("name").map_err(db_err)?,
                query: r.try_get("query").map_err(db_err)?,
                notify: notify != 0,
                created_at: r.try_get("created_at").map_err(db_err)?,
                last_match_at: r.try_get("last_match_at").map_err(db_err)?,
            })
        }

        const ALERT_COLS: &str = "id, org_id, kind, subject, subject_label, window_count, baseline_mean, baseline_sd, \
            negative_count, message, notified, created_at";

        fn alert_from(r: &$row) -> StoreResult<Alert> {
            Ok(Alert {
                id: r.try_get("id").map_err(db_err)?,
                org_id: r.try_get("org_id").map_err(db_err)?,
                kind: r.try_get("kind").map_err(db_err)?,
                subject: r.try_get("subject").map_err(db_err)?,
                subject_label: r.try_get("subject_label").map_err(db_err)?,
                window_count: r.try_get("window_count").map_err(db_err)?,
                baseline_mean: r.try_get("baseline_mean").map_err(db_err)?,
                baseline_sd: r.try_get("baseline_sd").map_err(db_err)?,
                negative_count: r.try_get("negative_count").map_err(db_err)?,
                message: r.try_get("message").map_err(db_err)?,
                notified: r.try_get("notified").map_err(db_err)?,
                created_at: r.try_get("created_at").map_err(db_err)?,
            })
        }

        /// "32.73.01" -> ["32.73.01", "32.73", "32"].
        fn with_ancestors(codes: &[String]) -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for c in codes {
                let mut cur = c.as_str();
                loop {
                    if !out.iter().any(|o| o == cur) {
                        out.push(cur.to_owned());
                    }
                    match cur.rfind('.') {
                        Some(i) => cur = &cur[..i],
                        None => break,
                    }
                }
            }
            out
        }

        /// Rows per multi-row INSERT: sqlx-sqlite looks each parameter up by name, which grows with
        /// the square of the parameters per statement, so chunks stay small.
        const INSERT_CHUNK: usize = 25;

        fn placeholders(from: usize, n: usize) -> String {
            (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
        }

        async fn source_in(conn: &mut $conn, id: i64) -> StoreResult<Option<Source>> {
            let sql = format!("SELECT {SOURCE_COLS} FROM monitor_sources s JOIN orgs o ON o.id = s.org_id WHERE s.id = $1");
            let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *conn).await.map_err(db_err)?;
            row.as_ref().map(source_from).transpose()
        }

        #[async_trait]
        impl MonitorStore for $store {
            async fn insert_source(&self, org_id: i64, f: &SourceFields, created_by: &str, now: Millis, audit: &AuditEntry) -> StoreResult<Source> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO monitor_sources (org_id, name, kind, url, outlet, region_code, language, interval_secs, state, \
                     next_poll_at, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'id', $7, 'active', $8, $9, $8, $8) RETURNING id",
                )
                .bind(org_id)
                .bind(&f.name)
                .bind(f.kind.as_str())
                .bind(&f.url)
                .bind(&f.outlet)
                .bind(&f.region_code)
                .bind(f.interval_secs)
                .bind(now)
                .bind(created_by)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                write_audit(&mut tx, &with_id(audit, id)).await?;
                let s = source_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
                tx.commit().await.map_err(db_err)?;
                Ok(s)
            }

            async fn update_source(&self, id: i64, f: &SourceFields, now: Millis, audit: &AuditEntry) -> StoreResult<Source> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let r = sqlx::query(
                    "UPDATE monitor_sources SET name = $1, kind = $2, url = $3, outlet = $4, region_code = $5, interval_secs = $6, \
                     updated_at = $7, etag = CASE WHEN url = $3 THEN etag ELSE NULL END, \
                     last_modified = CASE WHEN url = $3 THEN last_modified ELSE NULL END WHERE id = $8",
                )
                .bind(&f.name)
                .bind(f.kind.as_str())
                .bind(&f.url)
                .bind(&f.outlet)
                .bind(&f.region_code)
                .bind(f.interval_secs)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                if r.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                write_audit(&mut tx, audit).await?;
                let s = source_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
                tx.commit().await.map_err(db_err)?;
                Ok(s)
            }

            async fn set_source_state(&self, id: i64, state: SourceState, next_poll_at: Millis, now: Millis, audit: &AuditEntry) -> StoreResult<Source> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                sqlx::query("UPDATE monitor_sources SET state = $1, next_poll_at = $2, updated_at = $3 WHERE id = $4")
                    .bind(state.as_str())
                    .bind(next_poll_at)
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                write_audit(&mut tx, audit).await?;
                let s = source_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
                tx.commit().await.map_err(db_err)?;
                Ok(s)
            }

            async fn source_by_id(&self, id: i64) -> StoreResult<Option<Source>> {
                let mut conn = self.pool.acquire().await.map_err(db_err)?;
                source_in(&mut conn, id).await
            }

            async fn list_sources(&self, vis: SourceVisibility, q: &str, page: PageReq) -> StoreResult<Page<Source>> {
                let like = if q.is_empty() { String::new() } else { crate::like_contains(q) };
                let cond = "($1 = 1 OR s.org_id = $2) AND ($3 = '' OR LOWER(s.name) LIKE $3 ESCAPE '\\' OR LOWER(s.outlet) LIKE $3 ESCAPE '\\' OR LOWER(s.url) LIKE $3 ESCAPE '\\')";
                let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM monitor_sources s WHERE {cond}")))
                    .bind(i64::from(vis.all))
                    .bind(vis.org_id)
                    .bind(&like)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                let sql = format!("SELECT {SOURCE_COLS} FROM monitor_sources s JOIN orgs o ON o.id = s.org_id WHERE {cond} ORDER BY s.outlet, s.name, s.id LIMIT $4 OFFSET $5");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(i64::from(vis.all))
                    .bind(vis.org_id)
                    .bind(&like)
                    .bind(page.limit())
                    .bind(page.offset())
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                Ok(Page { items: rows.iter().map(source_from).collect::<StoreResult<_>>()?, total, page: page.page, per_page: page.per_page })
            }

            async fn due_sources(&self, now: Millis, limit: i64) -> StoreResult<Vec<Source>> {
                let sql = format!("SELECT {SOURCE_COLS} FROM monitor_sources s JOIN orgs o ON o.id = s.org_id WHERE s.state = 'active' AND s.next_poll_at <= $1 ORDER BY s.next_poll_at LIMIT $2");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now).bind(limit).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(source_from).collect()
            }

            async fn record_poll(&self, id: i64, rec: &PollRecord) -> StoreResult<()> {
                if rec.ok {
                    sqlx::query(
                        "UPDATE monitor_sources SET last_polled_at = $1, last_ok_at = $1, last_error = NULL, consecutive_failures = 0, \
                         etag = $2, last_modified = $3, next_poll_at = $4, health = CASE WHEN health = 'failing' THEN 'ok' ELSE health END WHERE id = $5",
                    )
                    .bind(rec.at)
                    .bind(&rec.etag)
                    .bind(&rec.last_modified)
                    .bind(rec.next_poll_at)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                } else {
                    sqlx::query(
                        "UPDATE monitor_sources SET last_polled_at = $1, last_error = $2, consecutive_failures = consecutive_failures + 1, \
                         next_poll_at = $3, health = CASE WHEN consecutive_failures + 1 >= 3 THEN 'failing' ELSE health END WHERE id = $4",
                    )
                    .bind(rec.at)
                    .bind(&rec.error)
                    .bind(rec.next_poll_at)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                }
                Ok(())
            }

            async fn set_source_health(&self, id: i64, health: &str) -> StoreResult<()> {
                sqlx::query("UPDATE monitor_sources SET health = $1 WHERE id = $2").bind(health).bind(id).execute(&self.pool).await.map_err(db_err)?;
                Ok(())
            }

            async fn source_volumes(&self, now: Millis) -> StoreResult<Vec<SourceVolume>> {
                let rows = sqlx::query(
                    "SELECT s.id, s.health, \
                     (SELECT COUNT(*) FROM monitor_articles a WHERE a.source_id = s.id AND a.fetched_at > $1) AS last_day, \
                     (SELECT COUNT(*) FROM monitor_articles a WHERE a.source_id = s.id AND a.fetched_at > $2 AND a.fetched_at <= $1) AS prev \
                     FROM monitor_sources s WHERE s.state = 'active'",
                )
                .bind(now - 86_400_000)
                .bind(now - 15 * 86_400_000)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let health: String = r.try_get("health").map_err(db_err)?;
                    out.push(SourceVolume {
                        source_id: r.try_get("id").map_err(db_err)?,
                        last_day: r.try_get("last_day").map_err(db_err)?,
                        previous_14_days: r.try_get("prev").map_err(db_err)?,
                        health: match health.as_str() { "failing" => "failing", "quiet" => "quiet", _ => "ok" },
                    });
                }
                Ok(out)
            }

            async fn queue_urls(&self, source_id: Option<i64>, urls: &[QueuedUrl], job: &NewJob, now: Millis) -> StoreResult<usize> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let mut fresh: Vec<String> = Vec::new();
                for u in urls {
                    let r = sqlx::query(
                        "INSERT INTO monitor_queue (canonical_url, url, source_id, title_hint, state, queued_at) VALUES ($1, $2, $3, $4, 'pending', $5) \
                         ON CONFLICT (canonical_url) DO NOTHING",
                    )
                    .bind(&u.canonical_url)
                    .bind(&u.url)
                    .bind(source_id)
                    .bind(&u.title_hint)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    if r.rows_affected() == 1 {
                        fresh.push(u.canonical_url.clone());
                    }
                }
                if !fresh.is_empty() {
                    let mut payload = job.payload.clone();
                    if let Some(obj) = payload.as_object_mut() {
                        obj.insert("urls".into(), serde_json::json!(fresh));
                    }
                    sqlx::query(
                        "INSERT INTO jobs (kind, payload, status, attempts, max_attempts, run_at, dedupe_key, created_at, updated_at) \
                         VALUES ($1, $2, 'queued', 0, $3, $4, $5, $6, $6) ON CONFLICT (dedupe_key) DO NOTHING",
                    )
                    .bind(&job.kind)
                    .bind(payload.to_string())
                    .bind(job.max_attempts.max(1))
                    .bind(job.run_at)
                    .bind(&job.dedupe_key)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                }
                tx.commit().await.map_err(db_err)?;
                Ok(fresh.len())
            }

            async fn pending_urls(&self, canonical_urls: &[String]) -> StoreResult<Vec<QueuedUrl>> {
                let mut out = Vec::new();
                for chunk in canonical_urls.chunks(500) {
                    let sql = format!(
                        "SELECT canonical_url, url, title_hint FROM monitor_queue WHERE state = 'pending' AND canonical_url IN ({})",
                        placeholders(1, chunk.len())
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for c in chunk {
                        q = q.bind(c);
                    }
                    for r in q.fetch_all(&self.pool).await.map_err(db_err)? {
                        out.push(QueuedUrl {
                            canonical_url: r.try_get("canonical_url").map_err(db_err)?,
                            url: r.try_get("url").map_err(db_err)?,
                            title_hint: r.try_get("title_hint").map_err(db_err)?,
                        });
                    }
                }
                let order: std::collections::HashMap<&str, usize> = canonical_urls.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
                out.sort_by_key(|u| order.get(u.canonical_url.as_str()).copied().unwrap_or(usize::MAX));
                Ok(out)
            }

            async fn finish_url(&self, canonical_url: &str, error: Option<&str>, now: Millis) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE monitor_queue SET state = $1, last_error = $2, attempts = attempts + 1, done_at = $3 WHERE canonical_url = $4",
                )
                .bind(if error.is_some() { "failed" } else { "done" })
                .bind(error)
                .bind(now)
                .bind(canonical_url)
                .execute(&self.pool)
                .await
                .map_err(db_err)?;
                Ok(())
            }

            async fn insert_articles(&self, articles: &[NewArticle]) -> StoreResult<Vec<(i64, bool)>> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let mut out: Vec<(i64, bool)> = Vec::with_capacity(articles.len());
                // Counters are summed per issue and source and written once per batch.
                let mut issue_delta: std::collections::BTreeMap<i64, (i64, i64, Millis, Millis)> = Default::default();
                let mut source_delta: std::collections::BTreeMap<i64, i64> = Default::default();
                // Multi-row statements: one round trip per chunk instead of several per article
                // (the store write is in the pipeline's serial section).
                let mut new_ids: std::collections::HashMap<String, i64> = std::collections::HashMap::with_capacity(articles.len());
                for chunk in articles.chunks(INSERT_CHUNK) {
                    let rows: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(1 + i * 19, 19))).collect();
                    let sql = format!(
                        "INSERT INTO monitor_articles (canonical_url, url, source_id, outlet, title, author, published_at, fetched_at, language, \
                         body, word_count, tone, tone_score, region_codes, entities, keyphrases, simhash, story_id, issue_id) \
                         VALUES {} ON CONFLICT (canonical_url) DO NOTHING RETURNING id, canonical_url",
                        rows.join(", ")
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for a in chunk {
                        q = q
                            .bind(&a.canonical_url)
                            .bind(&a.url)
                            .bind(a.source_id)
                            .bind(&a.outlet)
                            .bind(&a.title)
                            .bind(&a.author)
                            .bind(a.published_at)
                            .bind(a.fetched_at)
                            .bind(&a.language)
                            .bind(&a.body)
                            .bind(a.word_count)
                            .bind(a.tone.as_str())
                            .bind(a.tone_score)
                            .bind(serde_json::to_string(&a.region_codes).unwrap_or_else(|_| "[]".into()))
                            .bind(serde_json::to_string(&a.entities).unwrap_or_else(|_| "[]".into()))
                            .bind(serde_json::to_string(&a.keyphrases).unwrap_or_else(|_| "[]".into()))
                            .bind(a.simhash)
                            .bind(a.story_id)
                            .bind(a.issue_id);
                    }
                    for r in q.fetch_all(&mut *tx).await.map_err(db_err)? {
                        let id: i64 = r.try_get("id").map_err(db_err)?;
                        let url: String = r.try_get("canonical_url").map_err(db_err)?;
                        new_ids.insert(url, id);
                    }
                }
                // Articles stored before (a retried job), or twice in this batch.
                let mut existing_ids: std::collections::HashMap<String, i64> = Default::default();
                let known: Vec<&str> = articles.iter().map(|a| a.canonical_url.as_str()).filter(|u| !new_ids.contains_key(*u)).collect();
                for chunk in known.chunks(500) {
                    let sql = format!("SELECT id, canonical_url FROM monitor_articles WHERE canonical_url IN ({})", placeholders(1, chunk.len()));
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for u in chunk {
                        q = q.bind(*u);
                    }
                    for r in q.fetch_all(&mut *tx).await.map_err(db_err)? {
                        let id: i64 = r.try_get("id").map_err(db_err)?;
                        let url: String = r.try_get("canonical_url").map_err(db_err)?;
                        existing_ids.insert(url, id);
                    }
                }
                let mut regions: Vec<(i64, String, Millis)> = Vec::new();
                let mut story_firsts: Vec<i64> = Vec::new();
                let mut queue_done: Vec<(&str, Millis)> = Vec::new();
                for a in articles {
                    // The first occurrence of a new URL is the new article; repeats are not.
                    let Some(id) = new_ids.remove(&a.canonical_url) else {
                        let id = existing_ids
                            .get(&a.canonical_url)
                            .copied()
                            .or_else(|| out.iter().zip(articles).find(|(_, b)| b.canonical_url == a.canonical_url).map(|(o, _): (&(i64, bool), _)| o.0))
                            .ok_or_else(|| decode_err("article id after insert"))?;
                        out.push((id, false));
                        continue;
                    };
                    for code in with_ancestors(&a.region_codes) {
                        regions.push((id, code, a.published_at));
                    }
                    if let Some(story) = a.story_id {
                        story_firsts.push(story);
                    }
                    if let Some(issue) = a.issue_id {
                        let e = issue_delta.entry(issue).or_insert((0, 0, a.published_at, a.published_at));
                        e.0 += 1;
                        e.1 += i64::from(a.tone == ArticleTone::Negative);
                        e.2 = e.2.min(a.published_at);
                        e.3 = e.3.max(a.published_at);
                    }
                    if let Some(src) = a.source_id {
                        *source_delta.entry(src).or_insert(0) += 1;
                        // Only fetched articles have a queue entry (imports do not).
                        queue_done.push((&a.canonical_url, a.fetched_at));
                    }
                    out.push((id, true));
                }
                for chunk in regions.chunks(INSERT_CHUNK * 3) {
                    let rows: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(1 + i * 3, 3))).collect();
                    let sql = format!(
                        "INSERT INTO monitor_article_regions (article_id, code, published_at) VALUES {} ON CONFLICT DO NOTHING",
                        rows.join(", ")
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for (id, code, at) in chunk {
                        q = q.bind(*id).bind(code).bind(*at);
                    }
                    q.execute(&mut *tx).await.map_err(db_err)?;
                }
                story_firsts.sort_unstable();
                story_firsts.dedup();
                for chunk in story_firsts.chunks(500) {
                    // The first article of a story becomes a member of its own group.
                    let sql = format!("UPDATE monitor_articles SET story_id = id WHERE story_id IS NULL AND id IN ({})", placeholders(1, chunk.len()));
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for id in chunk {
                        q = q.bind(*id);
                    }
                    q.execute(&mut *tx).await.map_err(db_err)?;
                }
                for (url, at) in queue_done {
                    sqlx::query("UPDATE monitor_queue SET state = 'done', done_at = $1 WHERE canonical_url = $2")
                        .bind(at)
                        .bind(url)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                for (issue, (n, neg, first, last)) in issue_delta {
                    sqlx::query(
                        "UPDATE monitor_issues SET article_count = article_count + $1, negative_count = negative_count + $2, \
                         last_seen = CASE WHEN last_seen < $3 THEN $3 ELSE last_seen END, \
                         first_seen = CASE WHEN first_seen > $4 THEN $4 ELSE first_seen END WHERE id = $5",
                    )
                    .bind(n)
                    .bind(neg)
                    .bind(last)
                    .bind(first)
                    .bind(issue)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                }
                for (src, n) in source_delta {
                    sqlx::query("UPDATE monitor_sources SET articles_total = articles_total + $1 WHERE id = $2")
                        .bind(n)
                        .bind(src)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                tx.commit().await.map_err(db_err)?;
                Ok(out)
            }

            async fn article_by_id(&self, id: i64) -> StoreResult<Option<Article>> {
                let sql = format!("SELECT {ARTICLE_COLS} FROM {ARTICLE_FROM} WHERE a.id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await.map_err(db_err)?;
                row.as_ref().map(article_from).transpose()
            }

            async fn articles_by_ids(&self, ids: &[i64]) -> StoreResult<Vec<Article>> {
                let mut found: std::collections::HashMap<i64, Article> = std::collections::HashMap::with_capacity(ids.len());
                for chunk in ids.chunks(500) {
                    let sql = format!("SELECT {ARTICLE_COLS} FROM {ARTICLE_FROM} WHERE a.id IN ({})", placeholders(1, chunk.len()));
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for id in chunk {
                        q = q.bind(*id);
                    }
                    for r in q.fetch_all(&self.pool).await.map_err(db_err)? {
                        let a = article_from(&r)?;
                        found.insert(a.id, a);
                    }
                }
                Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
            }

            async fn articles_after(&self, after_id: i64, limit: i64) -> StoreResult<Vec<Article>> {
                let sql = format!("SELECT {ARTICLE_COLS} FROM {ARTICLE_FROM} WHERE a.id > $1 ORDER BY a.id LIMIT $2");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(after_id).bind(limit).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(article_from).collect()
            }

            async fn article_ids_after(&self, after_id: i64, limit: i64) -> StoreResult<Vec<i64>> {
                sqlx::query_scalar("SELECT id FROM monitor_articles WHERE id > $1 ORDER BY id LIMIT $2")
                    .bind(after_id).bind(limit).fetch_all(&self.pool).await.map_err(db_err)
            }

            async fn articles_published_since(&self, since: Millis, after_id: i64, limit: i64) -> StoreResult<Vec<Article>> {
                let sql = format!("SELECT {ARTICLE_COLS} FROM {ARTICLE_FROM} WHERE a.published_at >= $1 AND a.id > $2 ORDER BY a.id LIMIT $3");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(since).bind(after_id).bind(limit).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(article_from).collect()
            }

            async fn count_articles(&self) -> StoreResult<i64> {
                sqlx::query_scalar("SELECT COUNT(*) FROM monitor_articles").fetch_one(&self.pool).await.map_err(db_err)
            }

            async fn set_article_stories(&self, pairs: &[(i64, i64)]) -> StoreResult<()> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                for (article, story) in pairs {
                    sqlx::query("UPDATE monitor_articles SET story_id = id WHERE id = $1 AND story_id IS NULL")
                        .bind(*story)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                    sqlx::query("UPDATE monitor_articles SET story_id = $1 WHERE id = $2")
                        .bind(*story)
                        .bind(*article)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                tx.commit().await.map_err(db_err)?;
                Ok(())
            }

            async fn story_members(&self, story_id: i64, limit: i64) -> StoreResult<Vec<i64>> {
                sqlx::query_scalar("SELECT id FROM monitor_articles WHERE story_id = $1 ORDER BY published_at, id LIMIT $2")
                    .bind(story_id)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)
            }

            async fn window_counts(&self, by: &str, now: Millis, window_ms: i64, windows: usize) -> StoreResult<Vec<(String, Vec<(u64, u64)>)>> {
                let since = now - window_ms * i64::try_from(windows).unwrap_or(15);
                let sql = if by == "region" {
                    "SELECT r.code AS k, ($1 - a.published_at) / $2 AS w, COUNT(*) AS n, \
                     SUM(CASE WHEN a.tone = 'negative' THEN 1 ELSE 0 END) AS neg \
                     FROM monitor_article_regions r JOIN monitor_articles a ON a.id = r.article_id \
                     WHERE r.published_at > $3 AND r.published_at <= $1 GROUP BY r.code, ($1 - a.published_at) / $2"
                } else {
                    "SELECT CAST(a.issue_id AS TEXT) AS k, ($1 - a.published_at) / $2 AS w, COUNT(*) AS n, \
                     SUM(CASE WHEN a.tone = 'negative' THEN 1 ELSE 0 END) AS neg \
                     FROM monitor_articles a WHERE a.issue_id IS NOT NULL AND a.published_at > $3 AND a.published_at <= $1 \
                     GROUP BY a.issue_id, ($1 - a.published_at) / $2"
                };
                let rows = sqlx::query(sql).bind(now).bind(window_ms.max(1)).bind(since).fetch_all(&self.pool).await.map_err(db_err)?;
                let mut map: std::collections::BTreeMap<String, Vec<(u64, u64)>> = Default::default();
                for r in rows {
                    let k: String = r.try_get("k").map_err(db_err)?;
                    let w: i64 = r.try_get("w").map_err(db_err)?;
                    let n: i64 = r.try_get("n").map_err(db_err)?;
                    let neg: i64 = r.try_get("neg").map_err(db_err)?;
                    let Ok(w) = usize::try_from(w) else { continue };
                    if w >= windows {
                        continue;
                    }
                    let e = map.entry(k).or_insert_with(|| vec![(0, 0); windows]);
                    e[w] = (u64::try_from(n).unwrap_or(0), u64::try_from(neg).unwrap_or(0));
                }
                Ok(map.into_iter().collect())
            }

            async fn orgs_with_users(&self) -> StoreResult<Vec<Org>> {
                let rows = sqlx::query(
                    "SELECT id, code, name, level, parent_code FROM orgs o WHERE EXISTS \
                     (SELECT 1 FROM users u WHERE u.org_id = o.id AND u.deactivated_at IS NULL) ORDER BY code",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?;
                rows.iter().map(org_from).collect()
            }

            async fn insert_issue(&self, label: &str, at: Millis) -> StoreResult<i64> {
                sqlx::query_scalar("INSERT INTO monitor_issues (label, first_seen, last_seen) VALUES ($1, $2, $2) RETURNING id")
                    .bind(label)
                    .bind(at)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)
            }

            async fn set_issue_label(&self, id: i64, label: &str) -> StoreResult<()> {
                sqlx::query("UPDATE monitor_issues SET label = $1 WHERE id = $2").bind(label).bind(id).execute(&self.pool).await.map_err(db_err)?;
                Ok(())
            }

            async fn issues_by_ids(&self, ids: &[i64]) -> StoreResult<Vec<Issue>> {
                if ids.is_empty() {
                    return Ok(vec![]);
                }
                let mut out = Vec::new();
                for chunk in ids.chunks(500) {
                    let sql = format!("SELECT id, label, first_seen, last_seen, article_count, negative_count FROM monitor_issues WHERE id IN ({})", placeholders(1, chunk.len()));
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for id in chunk {
                        q = q.bind(*id);
                    }
                    for r in q.fetch_all(&self.pool).await.map_err(db_err)? {
                        out.push(issue_from(&r)?);
                    }
                }
                Ok(out)
            }

            async fn insert_saved_search(&self, org_id: i64, user_id: i64, name: &str, query: &str, notify: bool, now: Millis) -> StoreResult<SavedSearch> {
                let row = sqlx::query(
                    "INSERT INTO monitor_saved_searches (org_id, user_id, name, query, notify, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
                     RETURNING id, org_id, user_id, name, query, notify, created_at, last_match_at",
                )
                .bind(org_id)
                .bind(user_id)
                .bind(name)
                .bind(query)
                .bind(i64::from(notify))
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(db_err)?;
                saved_from(&row)
            }

            async fn saved_searches_of(&self, user_id: i64) -> StoreResult<Vec<SavedSearch>> {
                let rows = sqlx::query("SELECT id, org_id, user_id, name, query, notify, created_at, last_match_at FROM monitor_saved_searches WHERE user_id = $1 ORDER BY name, id")
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                rows.iter().map(saved_from).collect()
            }

            async fn saved_search_by_id(&self, id: i64) -> StoreResult<Option<SavedSearch>> {
                let row = sqlx::query("SELECT id, org_id, user_id, name, query, notify, created_at, last_match_at FROM monitor_saved_searches WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                row.as_ref().map(saved_from).transpose()
            }

            async fn all_saved_searches(&self) -> StoreResult<Vec<SavedSearch>> {
                let rows = sqlx::query("SELECT id, org_id, user_id, name, query, notify, created_at, last_match_at FROM monitor_saved_searches ORDER BY id")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                rows.iter().map(saved_from).collect()
            }

            async fn delete_saved_search(&self, id: i64) -> StoreResult<bool> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                sqlx::query("DELETE FROM monitor_search_matches WHERE search_id = $1").bind(id).execute(&mut *tx).await.map_err(db_err)?;
                let r = sqlx::query("DELETE FROM monitor_saved_searches WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(db_err)?;
                tx.commit().await.map_err(db_err)?;
                Ok(r.rows_affected() > 0)
            }

            async fn record_matches(&self, search_id: i64, article_ids: &[i64], now: Millis) -> StoreResult<Vec<i64>> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let mut new = Vec::new();
                for id in article_ids {
                    let r = sqlx::query("INSERT INTO monitor_search_matches (search_id, article_id, matched_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                        .bind(search_id)
                        .bind(*id)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                    if r.rows_affected() == 1 {
                        new.push(*id);
                    }
                }
                if !new.is_empty() {
                    sqlx::query("UPDATE monitor_saved_searches SET last_match_at = $1 WHERE id = $2").bind(now).bind(search_id).execute(&mut *tx).await.map_err(db_err)?;
                }
                tx.commit().await.map_err(db_err)?;
                Ok(new)
            }

            async fn insert_alert(&self, a: &NewAlert) -> StoreResult<Option<Alert>> {
                let sql = format!(
                    "INSERT INTO monitor_alerts (org_id, kind, subject, subject_label, window_count, baseline_mean, baseline_sd, negative_count, \
                     message, notified, created_at, dedupe_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', $10, $11) \
                     ON CONFLICT (dedupe_key) DO NOTHING RETURNING {ALERT_COLS}"
                );
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(a.org_id)
                    .bind(&a.kind)
                    .bind(&a.subject)
                    .bind(&a.subject_label)
                    .bind(a.window_count)
                    .bind(a.baseline_mean)
                    .bind(a.baseline_sd)
                    .bind(a.negative_count)
                    .bind(&a.message)
                    .bind(a.created_at)
                    .bind(&a.dedupe_key)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                row.as_ref().map(alert_from).transpose()
            }

            async fn set_alert_notified(&self, id: i64, notified: &str) -> StoreResult<()> {
                sqlx::query("UPDATE monitor_alerts SET notified = $1 WHERE id = $2").bind(notified).bind(id).execute(&self.pool).await.map_err(db_err)?;
                Ok(())
            }

            async fn list_alerts(&self, org_ids: &[i64], all: bool, page: PageReq) -> StoreResult<Page<Alert>> {
                let org = org_ids.first().copied().unwrap_or(-1);
                let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM monitor_alerts WHERE ($1 = 1 OR org_id = $2)")
                    .bind(i64::from(all))
                    .bind(org)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                let sql = format!("SELECT {ALERT_COLS} FROM monitor_alerts WHERE ($1 = 1 OR org_id = $2) ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(i64::from(all))
                    .bind(org)
                    .bind(page.limit())
                    .bind(page.offset())
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                Ok(Page { items: rows.iter().map(alert_from).collect::<StoreResult<_>>()?, total, page: page.page, per_page: page.per_page })
            }
        }
    };
}

pub(crate) use impl_monitor_store;
