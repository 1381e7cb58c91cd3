//! `CrisisStore` for both backends, expanded inside each backend's `store_impl` module (it uses
//! that module's `db_err` and row type).

macro_rules! impl_crisis_store {
    ($store:ty, $conn:ty, $row:ty) => {
        use sinergi_core::crisis::store::{CaseFields, CaseVisibility, CrisisStore, MemberChange, NewCase, NewEvent, NewTask, StatementDraft, StatusChange};
        use sinergi_core::crisis::{
            Case, CaseEvent, CaseFilter, CaseMember, CaseStats, CaseStatus, CaseTask, Evidence, Statement, StatementKind,
            StatementStatus, StatementVersion, Verdict,
        };

        const CASE_COLS: &str = "c.id, c.claim, c.description, c.origin_links, c.region_codes, c.category, c.level, \
            c.owner_org_id, o.code AS owner_org_code, CASE WHEN o.level = 'province' THEN 'Provinsi ' || o.name ELSE o.name END AS owner_org_name, c.status, c.verdict, c.verdict_note, \
            c.external_label, c.external_url, c.tags, c.source, c.first_response_due, c.resolution_due, \
            c.first_response_at, c.resolved_at, c.closed_reason, c.created_by, c.created_at, c.updated_at, c.version";

        fn list_json(row: &$row, col: &str) -> StoreResult<Vec<String>> {
            let raw: String = row.try_get(col).map_err(db_err)?;
            serde_json::from_str(&raw).map_err(|_| decode_err(col))
        }

        fn case_from(row: &$row) -> StoreResult<Case> {
            let status: String = row.try_get("status").map_err(db_err)?;
            let verdict: Option<String> = row.try_get("verdict").map_err(db_err)?;
            let level: i64 = row.try_get("level").map_err(db_err)?;
            Ok(Case {
                id: row.try_get("id").map_err(db_err)?,
                claim: row.try_get("claim").map_err(db_err)?,
                description: row.try_get("description").map_err(db_err)?,
                origin_links: list_json(row, "origin_links")?,
                region_codes: list_json(row, "region_codes")?,
                category: row.try_get("category").map_err(db_err)?,
                level: u8::try_from(level).map_err(|_| decode_err("level"))?,
                owner_org_id: row.try_get("owner_org_id").map_err(db_err)?,
                owner_org_code: row.try_get("owner_org_code").map_err(db_err)?,
                owner_org_name: row.try_get("owner_org_name").map_err(db_err)?,
                status: CaseStatus::parse(&status).ok_or_else(|| decode_err("status"))?,
                verdict: verdict.as_deref().and_then(Verdict::parse),
                verdict_note: row.try_get("verdict_note").map_err(db_err)?,
                external_label: row.try_get("external_label").map_err(db_err)?,
                external_url: row.try_get("external_url").map_err(db_err)?,
                tags: list_json(row, "tags")?,
                source: row.try_get("source").map_err(db_err)?,
                first_response_due: row.try_get("first_response_due").map_err(db_err)?,
                resolution_due: row.try_get("resolution_due").map_err(db_err)?,
                first_response_at: row.try_get("first_response_at").map_err(db_err)?,
                resolved_at: row.try_get("resolved_at").map_err(db_err)?,
                closed_reason: row.try_get("closed_reason").map_err(db_err)?,
                created_by: row.try_get("created_by").map_err(db_err)?,
                created_at: row.try_get("created_at").map_err(db_err)?,
                updated_at: row.try_get("updated_at").map_err(db_err)?,
                version: row.try_get("version").map_err(db_err)?,
            })
        }

        fn statement_from(row: &$row) -> StoreResult<Statement> {
            let kind: String = row.try_get("kind").map_err(db_err)?;
            let status: String = row.try_get("status").map_err(db_err)?;
            Ok(Statement {
                id: row.try_get("id").map_err(db_err)?,
                case_id: row.try_get("case_id").map_err(db_err)?,
                kind: StatementKind::parse(&kind).ok_or_else(|| decode_err("statement kind"))?,
                status: StatementStatus::parse(&status).ok_or_else(|| decode_err("statement status"))?,
                title: row.try_get("title").map_err(db_err)?,
                body: row.try_get("body").map_err(db_err)?,
                version: row.try_get("version").map_err(db_err)?,
                updated_by: row.try_get("updated_by").map_err(db_err)?,
                updated_at: row.try_get("updated_at").map_err(db_err)?,
                decided_by: row.try_get("decided_by").map_err(db_err)?,
                decided_at: row.try_get("decided_at").map_err(db_err)?,
                decision_note: row.try_get("decision_note").map_err(db_err)?,
            })
        }

        fn evidence_from(r: &$row) -> StoreResult<Evidence> {
            Ok(Evidence {
                id: r.try_get("id").map_err(db_err)?,
                case_id: r.try_get("case_id").map_err(db_err)?,
                file_hash: r.try_get("file_hash").map_err(db_err)?,
                filename: r.try_get("filename").map_err(db_err)?,
                mime: r.try_get("mime").map_err(db_err)?,
                size: r.try_get("size").map_err(db_err)?,
                note: r.try_get("note").map_err(db_err)?,
                uploaded_by: r.try_get("uploaded_by").map_err(db_err)?,
                uploaded_at: r.try_get("uploaded_at").map_err(db_err)?,
            })
        }

        const STATEMENT_COLS: &str = "id, case_id, kind, status, title, body, version, updated_by, updated_at, decided_by, decided_at, decision_note";

        fn to_json(v: &[String]) -> String {
            serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned())
        }

        async fn write_event(conn: &mut $conn, case_id: i64, e: &NewEvent) -> StoreResult<()> {
            sqlx::query("INSERT INTO crisis_events (case_id, at, actor, org_code, kind, summary, data) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(case_id)
                .bind(e.at)
                .bind(&e.actor)
                .bind(&e.org_code)
                .bind(&e.kind)
                .bind(&e.summary)
                .bind(e.data.as_ref().map(|d| d.to_string()))
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
            Ok(())
        }

        async fn case_in(conn: &mut $conn, id: i64) -> StoreResult<Option<Case>> {
            let sql = format!("SELECT {CASE_COLS} FROM crisis_cases c JOIN orgs o ON o.id = c.owner_org_id WHERE c.id = $1");
            let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *conn).await.map_err(db_err)?;
            row.as_ref().map(case_from).transpose()
        }

        /// Visibility and filters shared by the list and its count.
        const CASE_WHERE: &str = "($1 = 1 OR c.owner_org_id = $2 OR EXISTS (SELECT 1 FROM crisis_case_orgs m WHERE m.case_id = c.id AND m.org_id = $2)) \
            AND ($3 = '' OR LOWER(c.claim) LIKE $3 ESCAPE '\\' OR LOWER(c.description) LIKE $3 ESCAPE '\\' OR LOWER(c.tags) LIKE $3 ESCAPE '\\') \
            AND ($4 = '' OR c.status = $4) \
            AND ($5 = 0 OR c.level = $5) \
            AND ($6 = 0 OR c.status NOT IN ('selesai', 'ditutup')) \
            AND ($7 = 0 OR (c.status NOT IN ('selesai', 'ditutup') AND ((c.first_response_at IS NULL AND c.first_response_due < $8) OR c.resolution_due < $8)))";

        #[async_trait]
        impl CrisisStore for $store {
            async fn insert_case(&self, c: &NewCase, event: &NewEvent) -> StoreResult<Case> {
                let f = &c.fields;
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO crisis_cases (claim, description, origin_links, region_codes, category, level, owner_org_id, \
                     status, verdict, verdict_note, external_label, external_url, tags, source, first_response_due, resolution_due, \
                     first_response_at, resolved_at, closed_reason, created_by, created_at, updated_at, version) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21, 1) RETURNING id",
                )
                .bind(&f.claim)
                .bind(&f.description)
                .bind(to_json(&f.origin_links))
                .bind(to_json(&f.region_codes))
                .bind(&f.category)
                .bind(i64::from(f.level))
                .bind(f.owner_org_id)
                .bind(f.status.as_str())
                .bind(f.verdict.map(|v| v.as_str()))
                .bind(&f.verdict_note)
                .bind(&f.external_label)
                .bind(&f.external_url)
                .bind(to_json(&f.tags))
                .bind(&c.source)
                .bind(f.first_response_due)
                .bind(f.resolution_due)
                .bind(f.first_response_at)
                .bind(f.resolved_at)
                .bind(&f.closed_reason)
                .bind(&c.created_by)
                .bind(c.created_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                write_event(&mut tx, id, event).await?;
                let case = case_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
                tx.commit().await.map_err(db_err)?;
                Ok(case)
            }

            async fn case_by_id(&self, id: i64) -> StoreResult<Option<Case>> {
                let mut conn = self.pool.acquire().await.map_err(db_err)?;
                case_in(&mut conn, id).await
            }

            async fn case_members(&self, case_id: i64) -> StoreResult<Vec<CaseMember>> {
                let rows = sqlx::query(
                    "SELECT m.org_id, o.code, o.name, m.role, m.added_at FROM crisis_case_orgs m JOIN orgs o ON o.id = m.org_id \
                     WHERE m.case_id = $1 ORDER BY m.added_at, o.code",
                )
                .bind(case_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    out.push(CaseMember {
                        org_id: r.try_get("org_id").map_err(db_err)?,
                        org_code: r.try_get("code").map_err(db_err)?,
                        org_name: r.try_get("name").map_err(db_err)?,
                        role: r.try_get("role").map_err(db_err)?,
                        added_at: r.try_get("added_at").map_err(db_err)?,
                    });
                }
                Ok(out)
            }

            async fn update_case(&self, id: i64, expected_version: i64, f: &CaseFields, members: &[MemberChange], at: Millis, event: &NewEvent) -> StoreResult<Option<Case>> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let r = sqlx::query(
                    "UPDATE crisis_cases SET claim = $1, description = $2, origin_links = $3, region_codes = $4, category = $5, \
                     level = $6, owner_org_id = $7, status = $8, verdict = $9, verdict_note = $10, external_label = $11, \
                     external_url = $12, tags = $13, first_response_due = $14, resolution_due = $15, first_response_at = $16, \
                     resolved_at = $17, closed_reason = $18, updated_at = $19, version = version + 1 \
                     WHERE id = $20 AND version = $21",
                )
                .bind(&f.claim)
                .bind(&f.description)
                .bind(to_json(&f.origin_links))
                .bind(to_json(&f.region_codes))
                .bind(&f.category)
                .bind(i64::from(f.level))
                .bind(f.owner_org_id)
                .bind(f.status.as_str())
                .bind(f.verdict.map(|v| v.as_str()))
                .bind(&f.verdict_note)
                .bind(&f.external_label)
                .bind(&f.external_url)
                .bind(to_json(&f.tags))
                .bind(f.first_response_due)
                .bind(f.resolution_due)
                .bind(f.first_response_at)
                .bind(f.resolved_at)
                .bind(&f.closed_reason)
                .bind(at)
                .bind(id)
                .bind(expected_version)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                if r.rows_affected() == 0 {
                    return Ok(None);
                }
                for m in members {
                    match m {
                        MemberChange::Set { org_id, role } => {
                            sqlx::query(
                                "INSERT INTO crisis_case_orgs (case_id, org_id, role, added_at) VALUES ($1, $2, $3, $4) \
                                 ON CONFLICT (case_id, org_id) DO UPDATE SET role = excluded.role",
                            )
                            .bind(id)
                            .bind(org_id)
                            .bind(role)
                            .bind(at)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_err)?;
                        }
                        MemberChange::Remove { org_id } => {
                            sqlx::query("DELETE FROM crisis_case_orgs WHERE case_id = $1 AND org_id = $2")
                                .bind(id)
                                .bind(org_id)
                                .execute(&mut *tx)
                                .await
                                .map_err(db_err)?;
                        }
                    }
                }
                write_event(&mut tx, id, event).await?;
                let case = case_in(&mut tx, id).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(case)
            }

            async fn list_cases(&self, vis: CaseVisibility, f: &CaseFilter, now: Millis, page: PageReq) -> StoreResult<Page<Case>> {
                let q = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(crate::like_contains).unwrap_or_default();
                let status = f.status.map(|s| s.as_str()).unwrap_or("");
                let all = i64::from(vis.all);
                let level = f.level.map(i64::from).unwrap_or(0);
                let open = i64::from(f.open_only);
                let overdue = i64::from(f.overdue_only);
                let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM crisis_cases c WHERE {CASE_WHERE}")))
                    .bind(all)
                    .bind(vis.org_id)
                    .bind(&q)
                    .bind(status)
                    .bind(level)
                    .bind(open)
                    .bind(overdue)
                    .bind(now)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                let sql = format!(
                    "SELECT {CASE_COLS} FROM crisis_cases c JOIN orgs o ON o.id = c.owner_org_id WHERE {CASE_WHERE} \
                     ORDER BY CASE WHEN c.status IN ('selesai', 'ditutup') THEN 1 ELSE 0 END, c.level DESC, c.updated_at DESC, c.id DESC \
                     LIMIT $9 OFFSET $10"
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(all)
                    .bind(vis.org_id)
                    .bind(&q)
                    .bind(status)
                    .bind(level)
                    .bind(open)
                    .bind(overdue)
                    .bind(now)
                    .bind(page.limit())
                    .bind(page.offset())
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                Ok(Page { items: rows.iter().map(case_from).collect::<StoreResult<_>>()?, total, page: page.page, per_page: page.per_page })
            }

            async fn case_stats(&self, vis: CaseVisibility, now: Millis) -> StoreResult<CaseStats> {
                let all = i64::from(vis.all);
                let visible = "($1 = 1 OR c.owner_org_id = $2 OR EXISTS (SELECT 1 FROM crisis_case_orgs m WHERE m.case_id = c.id AND m.org_id = $2)) \
                    AND c.status NOT IN ('selesai', 'ditutup')";
                let mut stats = CaseStats::default();
                let rows = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT c.level AS k, COUNT(*) AS n FROM crisis_cases c WHERE {visible} GROUP BY c.level ORDER BY c.level")))
                    .bind(all)
                    .bind(vis.org_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                for r in rows {
                    let k: i64 = r.try_get("k").map_err(db_err)?;
                    stats.open_by_level.push((u8::try_from(k).unwrap_or(0), r.try_get("n").map_err(db_err)?));
                }
                let rows = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT c.status AS k, COUNT(*) AS n FROM crisis_cases c WHERE {visible} GROUP BY c.status")))
                    .bind(all)
                    .bind(vis.org_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                for r in rows {
                    stats.open_by_status.push((r.try_get("k").map_err(db_err)?, r.try_get("n").map_err(db_err)?));
                }
                let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT o.code AS code, o.name AS name, COUNT(*) AS n FROM crisis_cases c JOIN orgs o ON o.id = c.owner_org_id \
                     WHERE {visible} GROUP BY o.code, o.name ORDER BY COUNT(*) DESC, o.code LIMIT 10"
                )))
                .bind(all)
                .bind(vis.org_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?;
                for r in rows {
                    stats.open_by_org.push((r.try_get("code").map_err(db_err)?, r.try_get("name").map_err(db_err)?, r.try_get("n").map_err(db_err)?));
                }
                let row = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT \
                       COALESCE(SUM(CASE WHEN c.first_response_at IS NULL AND c.first_response_due < $3 THEN 1 ELSE 0 END), 0) AS fr, \
                       COALESCE(SUM(CASE WHEN c.resolution_due < $3 THEN 1 ELSE 0 END), 0) AS res, \
                       COALESCE(SUM(CASE WHEN c.created_at > $3 - 21600000 THEN 1 ELSE 0 END), 0) AS a0, \
                       COALESCE(SUM(CASE WHEN c.created_at <= $3 - 21600000 AND c.created_at > $3 - 86400000 THEN 1 ELSE 0 END), 0) AS a1, \
                       COALESCE(SUM(CASE WHEN c.created_at <= $3 - 86400000 AND c.created_at > $3 - 259200000 THEN 1 ELSE 0 END), 0) AS a2, \
                       COALESCE(SUM(CASE WHEN c.created_at <= $3 - 259200000 THEN 1 ELSE 0 END), 0) AS a3 \
                     FROM crisis_cases c WHERE {visible}"
                )))
                .bind(all)
                .bind(vis.org_id)
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(db_err)?;
                stats.overdue_first_response = row.try_get("fr").map_err(db_err)?;
                stats.overdue_resolution = row.try_get("res").map_err(db_err)?;
                stats.age_buckets = [
                    row.try_get("a0").map_err(db_err)?,
                    row.try_get("a1").map_err(db_err)?,
                    row.try_get("a2").map_err(db_err)?,
                    row.try_get("a3").map_err(db_err)?,
                ];
                Ok(stats)
            }

            async fn add_case_event(&self, case_id: i64, event: &NewEvent) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await.map_err(db_err)?;
                write_event(&mut conn, case_id, event).await
            }

            async fn case_events(&self, case_id: i64) -> StoreResult<Vec<CaseEvent>> {
                let rows = sqlx::query("SELECT id, case_id, at, actor, org_code, kind, summary, data FROM crisis_events WHERE case_id = $1 ORDER BY id")
                    .bind(case_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let data: Option<String> = r.try_get("data").map_err(db_err)?;
                    out.push(CaseEvent {
                        id: r.try_get("id").map_err(db_err)?,
                        case_id: r.try_get("case_id").map_err(db_err)?,
                        at: r.try_get("at").map_err(db_err)?,
                        actor: r.try_get("actor").map_err(db_err)?,
                        org_code: r.try_get("org_code").map_err(db_err)?,
                        kind: r.try_get("kind").map_err(db_err)?,
                        summary: r.try_get("summary").map_err(db_err)?,
                        data: data.and_then(|d| serde_json::from_str(&d).ok()),
                    });
                }
                Ok(out)
            }

            async fn insert_task(&self, case_id: i64, t: &NewTask, event: &NewEvent) -> StoreResult<CaseTask> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO crisis_tasks (case_id, title, assignee_org_id, assignee_user_id, due_at, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(case_id)
                .bind(&t.title)
                .bind(t.assignee_org_id)
                .bind(t.assignee_user_id)
                .bind(t.due_at)
                .bind(&t.created_by)
                .bind(t.created_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                write_event(&mut tx, case_id, event).await?;
                tx.commit().await.map_err(db_err)?;
                self.case_tasks(case_id)
                    .await?
                    .into_iter()
                    .find(|x| x.id == id)
                    .ok_or(StoreError::NotFound)
            }

            async fn complete_task(&self, case_id: i64, task_id: i64, at: Millis, event: &NewEvent) -> StoreResult<bool> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let r = sqlx::query("UPDATE crisis_tasks SET done_at = $1 WHERE id = $2 AND case_id = $3 AND done_at IS NULL")
                    .bind(at)
                    .bind(task_id)
                    .bind(case_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                if r.rows_affected() == 0 {
                    return Ok(false);
                }
                write_event(&mut tx, case_id, event).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(true)
            }

            async fn case_tasks(&self, case_id: i64) -> StoreResult<Vec<CaseTask>> {
                let rows = sqlx::query(
                    "SELECT t.id, t.case_id, t.title, o.code AS org_code, u.email AS email, t.due_at, t.done_at, t.created_by, t.created_at \
                     FROM crisis_tasks t LEFT JOIN orgs o ON o.id = t.assignee_org_id LEFT JOIN users u ON u.id = t.assignee_user_id \
                     WHERE t.case_id = $1 ORDER BY t.done_at IS NOT NULL, t.due_at IS NULL, t.due_at, t.id",
                )
                .bind(case_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    out.push(CaseTask {
                        id: r.try_get("id").map_err(db_err)?,
                        case_id: r.try_get("case_id").map_err(db_err)?,
                        title: r.try_get("title").map_err(db_err)?,
                        assignee_org_code: r.try_get("org_code").map_err(db_err)?,
                        assignee_email: r.try_get("email").map_err(db_err)?,
                        due_at: r.try_get("due_at").map_err(db_err)?,
                        done_at: r.try_get("done_at").map_err(db_err)?,
                        created_by: r.try_get("created_by").map_err(db_err)?,
                        created_at: r.try_get("created_at").map_err(db_err)?,
                    });
                }
                Ok(out)
            }

            async fn insert_statement(&self, case_id: i64, kind: StatementKind, d: &StatementDraft<'_>, event: &NewEvent) -> StoreResult<Statement> {
                let (title, body, author, at) = (d.title, d.body, d.author, d.at);
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO crisis_statements (case_id, kind, status, title, body, version, updated_by, updated_at) \
                     VALUES ($1, $2, 'draft', $3, $4, 1, $5, $6) RETURNING id",
                )
                .bind(case_id)
                .bind(kind.as_str())
                .bind(title)
                .bind(body)
                .bind(author)
                .bind(at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                sqlx::query("INSERT INTO crisis_statement_versions (statement_id, version, title, body, author, created_at) VALUES ($1, 1, $2, $3, $4, $5)")
                    .bind(id)
                    .bind(title)
                    .bind(body)
                    .bind(author)
                    .bind(at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                write_event(&mut tx, case_id, event).await?;
                tx.commit().await.map_err(db_err)?;
                self.statement_by_id(id).await?.ok_or(StoreError::NotFound)
            }

            async fn statement_by_id(&self, id: i64) -> StoreResult<Option<Statement>> {
                let sql = format!("SELECT {STATEMENT_COLS} FROM crisis_statements WHERE id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await.map_err(db_err)?;
                row.as_ref().map(statement_from).transpose()
            }

            async fn revise_statement(&self, id: i64, expected_version: i64, d: &StatementDraft<'_>, event: &NewEvent) -> StoreResult<Option<Statement>> {
                let (title, body, author, at) = (d.title, d.body, d.author, d.at);
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let case_id: Option<i64> = sqlx::query_scalar(
                    "UPDATE crisis_statements SET title = $1, body = $2, version = version + 1, updated_by = $3, updated_at = $4, status = 'draft' \
                     WHERE id = $5 AND version = $6 AND status IN ('draft', 'rejected') RETURNING case_id",
                )
                .bind(title)
                .bind(body)
                .bind(author)
                .bind(at)
                .bind(id)
                .bind(expected_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
                let Some(case_id) = case_id else { return Ok(None) };
                sqlx::query("INSERT INTO crisis_statement_versions (statement_id, version, title, body, author, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(id)
                    .bind(expected_version + 1)
                    .bind(title)
                    .bind(body)
                    .bind(author)
                    .bind(at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                write_event(&mut tx, case_id, event).await?;
                tx.commit().await.map_err(db_err)?;
                self.statement_by_id(id).await
            }

            async fn set_statement_status(&self, id: i64, c: &StatusChange<'_>, event: &NewEvent) -> StoreResult<Option<Statement>> {
                let (from, to, decided_by, note, at) = (c.from, c.to, c.decided_by, c.note, c.at);
                let from = format!(",{},", from.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(","));
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let case_id: Option<i64> = sqlx::query_scalar(
                    "UPDATE crisis_statements SET status = $1, decided_by = COALESCE($2, decided_by), decided_at = CASE WHEN $2 IS NULL THEN decided_at ELSE $3 END, \
                     decision_note = CASE WHEN $2 IS NULL THEN decision_note ELSE $4 END \
                     WHERE id = $5 AND $6 LIKE '%,' || status || ',%' RETURNING case_id",
                )
                .bind(to.as_str())
                .bind(decided_by)
                .bind(at)
                .bind(note)
                .bind(id)
                .bind(&from)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
                let Some(case_id) = case_id else { return Ok(None) };
                write_event(&mut tx, case_id, event).await?;
                tx.commit().await.map_err(db_err)?;
                self.statement_by_id(id).await
            }

            async fn case_statements(&self, case_id: i64) -> StoreResult<Vec<Statement>> {
                let sql = format!("SELECT {STATEMENT_COLS} FROM crisis_statements WHERE case_id = $1 ORDER BY id");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(case_id).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(statement_from).collect()
            }

            async fn statement_versions(&self, statement_id: i64) -> StoreResult<Vec<StatementVersion>> {
                let rows = sqlx::query(
                    "SELECT statement_id, version, title, body, author, created_at FROM crisis_statement_versions \
                     WHERE statement_id = $1 ORDER BY version DESC",
                )
                .bind(statement_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    out.push(StatementVersion {
                        statement_id: r.try_get("statement_id").map_err(db_err)?,
                        version: r.try_get("version").map_err(db_err)?,
                        title: r.try_get("title").map_err(db_err)?,
                        body: r.try_get("body").map_err(db_err)?,
                        author: r.try_get("author").map_err(db_err)?,
                        created_at: r.try_get("created_at").map_err(db_err)?,
                    });
                }
                Ok(out)
            }

            async fn insert_known_claims(&self, source: &str, rows: &[(String, String, Option<String>)], at: Millis) -> StoreResult<u64> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let mut added = 0;
                for (ext_id, claim, label) in rows {
                    let r = sqlx::query(
                        "INSERT INTO known_claims (source, ext_id, claim, label, imported_at) VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (source, ext_id) DO NOTHING",
                    )
                    .bind(source)
                    .bind(ext_id)
                    .bind(claim)
                    .bind(label)
                    .bind(at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    added += r.rows_affected();
                }
                tx.commit().await.map_err(db_err)?;
                Ok(added)
            }

            async fn known_claims(&self) -> StoreResult<Vec<(i64, String, Option<String>, String)>> {
                let rows = sqlx::query("SELECT id, claim, label, source FROM known_claims ORDER BY id")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    out.push((
                        r.try_get("id").map_err(db_err)?,
                        r.try_get("claim").map_err(db_err)?,
                        r.try_get("label").map_err(db_err)?,
                        r.try_get("source").map_err(db_err)?,
                    ));
                }
                Ok(out)
            }

            async fn insert_evidence(&self, e: &Evidence, event: &NewEvent) -> StoreResult<Evidence> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO crisis_evidence (case_id, file_hash, filename, mime, size, note, uploaded_by, uploaded_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(e.case_id)
                .bind(&e.file_hash)
                .bind(&e.filename)
                .bind(&e.mime)
                .bind(e.size)
                .bind(&e.note)
                .bind(&e.uploaded_by)
                .bind(e.uploaded_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                write_event(&mut tx, e.case_id, event).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(Evidence { id, ..e.clone() })
            }

            async fn case_evidence(&self, case_id: i64) -> StoreResult<Vec<Evidence>> {
                let rows = sqlx::query(
                    "SELECT id, case_id, file_hash, filename, mime, size, note, uploaded_by, uploaded_at FROM crisis_evidence \
                     WHERE case_id = $1 ORDER BY id",
                )
                .bind(case_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?;
                rows.iter().map(evidence_from).collect()
            }

            async fn evidence_by_id(&self, id: i64) -> StoreResult<Option<Evidence>> {
                let row = sqlx::query(
                    "SELECT id, case_id, file_hash, filename, mime, size, note, uploaded_by, uploaded_at FROM crisis_evidence WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?;
                row.as_ref().map(evidence_from).transpose()
            }

            async fn overdue_unalerted(&self, now: Millis) -> StoreResult<Vec<(Case, &'static str)>> {
                let mut out = Vec::new();
                for (target, cond) in [
                    ("first_response", "c.first_response_at IS NULL AND c.first_response_due < $1 AND c.first_response_alerted_at IS NULL"),
                    ("resolution", "c.resolution_due < $1 AND c.resolution_alerted_at IS NULL"),
                ] {
                    let sql = format!(
                        "SELECT {CASE_COLS} FROM crisis_cases c JOIN orgs o ON o.id = c.owner_org_id \
                         WHERE c.status NOT IN ('selesai', 'ditutup') AND {cond} ORDER BY c.id LIMIT 500"
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now).fetch_all(&self.pool).await.map_err(db_err)?;
                    for r in &rows {
                        out.push((case_from(r)?, target));
                    }
                }
                Ok(out)
            }

            async fn mark_overdue_alerted(&self, case_id: i64, target: &str, at: Millis, event: &NewEvent) -> StoreResult<bool> {
                let column = match target {
                    "first_response" => "first_response_alerted_at",
                    "resolution" => "resolution_alerted_at",
                    _ => return Ok(false),
                };
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let sql = format!("UPDATE crisis_cases SET {column} = $1 WHERE id = $2 AND {column} IS NULL");
                let r = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(at).bind(case_id).execute(&mut *tx).await.map_err(db_err)?;
                if r.rows_affected() == 0 {
                    return Ok(false);
                }
                write_event(&mut tx, case_id, event).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(true)
            }

            async fn claim_counts(&self) -> StoreResult<(i64, i64)> {
                let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM crisis_cases").fetch_one(&self.pool).await.map_err(db_err)?;
                let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM known_claims").fetch_one(&self.pool).await.map_err(db_err)?;
                Ok((cases, known))
            }

            async fn case_claims(&self) -> StoreResult<Vec<(i64, String, Option<Verdict>)>> {
                let rows = sqlx::query("SELECT id, claim, verdict FROM crisis_cases ORDER BY id")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let v: Option<String> = r.try_get("verdict").map_err(db_err)?;
                    out.push((r.try_get("id").map_err(db_err)?, r.try_get("claim").map_err(db_err)?, v.as_deref().and_then(Verdict::parse)));
                }
                Ok(out)
            }
        }
    };
}

pub(crate) use impl_crisis_store;
