//! The `Store` implementation shared by both backends. The SQL is portable (numbered
//! parameters, `RETURNING`, `ON CONFLICT`); the dialect differences are the macro's arguments:
//! the row-lock clause for job claims and the substring function.

macro_rules! impl_store {
    ($store:ty, $conn:ty, $row:ty, $backend:literal, $claim_lock:literal, $instr:literal) => {
        mod store_impl {
            use async_trait::async_trait;
            use sqlx::Row;

            use sinergi_core::auth::Session;
            use sinergi_core::error::StoreError;
            use sinergi_core::jobs::{Job, JobCounts, JobStatus, NewJob};
            use sinergi_core::network::org::NewOrg;
            use sinergi_core::network::user::UserRecord;
            use sinergi_core::network::{
                ApiToken, AuditEntry, AuditFilter, AuditRecord, Org, OrgFilter, OrgLevel, Role,
                Scope, User, UserFilter,
            };
            use sinergi_core::page::{Page, PageReq};
            use sinergi_core::store::{Store, StoreResult};
            use sinergi_core::time::Millis;

            use super::*;

            fn db_err(e: sqlx::Error) -> StoreError {
                if let Some(d) = e.as_database_error() {
                    if d.is_unique_violation() {
                        // SQLite names columns ("users.email"), PostgreSQL the index
                        // ("users_email_key"); both contain the field name.
                        let what = d
                            .constraint()
                            .map(str::to_owned)
                            .unwrap_or_else(|| d.message().to_owned());
                        return StoreError::Unique(what);
                    }
                }
                match e {
                    sqlx::Error::RowNotFound => StoreError::NotFound,
                    other => StoreError::Backend(other.to_string()),
                }
            }

            fn decode_err(what: &str) -> StoreError {
                StoreError::Backend(format!("bad stored value: {what}"))
            }

            const ORG_COLS: &str = "id, code, name, level, parent_code";

            fn org_from(row: &$row) -> StoreResult<Org> {
                let level: String = row.try_get("level").map_err(db_err)?;
                Ok(Org {
                    id: row.try_get("id").map_err(db_err)?,
                    code: row.try_get("code").map_err(db_err)?,
                    name: row.try_get("name").map_err(db_err)?,
                    level: OrgLevel::parse(&level).ok_or_else(|| decode_err("org level"))?,
                    parent_code: row.try_get("parent_code").map_err(db_err)?,
                })
            }

            const USER_COLS: &str = "u.id, u.org_id, o.code AS org_code, \
                CASE WHEN o.level = 'province' THEN 'Provinsi ' || o.name ELSE o.name END AS org_name, \
                u.email, u.name, u.nip, u.phone, u.position, u.role, u.deactivated_at, \
                u.created_at, u.updated_at, u.last_login_at, u.password_hash";

            fn user_from(row: &$row) -> StoreResult<User> {
                let role: String = row.try_get("role").map_err(db_err)?;
                let deactivated: Option<Millis> = row.try_get("deactivated_at").map_err(db_err)?;
                Ok(User {
                    id: row.try_get("id").map_err(db_err)?,
                    org_id: row.try_get("org_id").map_err(db_err)?,
                    org_code: row.try_get("org_code").map_err(db_err)?,
                    org_name: row.try_get("org_name").map_err(db_err)?,
                    email: row.try_get("email").map_err(db_err)?,
                    name: row.try_get("name").map_err(db_err)?,
                    nip: row.try_get("nip").map_err(db_err)?,
                    phone: row.try_get("phone").map_err(db_err)?,
                    position: row.try_get("position").map_err(db_err)?,
                    role: Role::parse(&role).ok_or_else(|| decode_err("role"))?,
                    active: deactivated.is_none(),
                    created_at: row.try_get("created_at").map_err(db_err)?,
                    updated_at: row.try_get("updated_at").map_err(db_err)?,
                    last_login_at: row.try_get("last_login_at").map_err(db_err)?,
                })
            }

            fn token_from(row: &$row) -> StoreResult<ApiToken> {
                Ok(ApiToken {
                    id: row.try_get("id").map_err(db_err)?,
                    user_id: row.try_get("user_id").map_err(db_err)?,
                    name: row.try_get("name").map_err(db_err)?,
                    created_at: row.try_get("created_at").map_err(db_err)?,
                    last_used_at: row.try_get("last_used_at").map_err(db_err)?,
                    revoked_at: row.try_get("revoked_at").map_err(db_err)?,
                })
            }

            fn json_opt(s: Option<String>) -> Option<serde_json::Value> {
                s.and_then(|s| serde_json::from_str(&s).ok())
            }

            fn audit_from(row: &$row) -> StoreResult<AuditRecord> {
                Ok(AuditRecord {
                    id: row.try_get("id").map_err(db_err)?,
                    entry: AuditEntry {
                        at: row.try_get("at").map_err(db_err)?,
                        actor_user_id: row.try_get("actor_user_id").map_err(db_err)?,
                        actor: row.try_get("actor").map_err(db_err)?,
                        org_code: row.try_get("org_code").map_err(db_err)?,
                        action: row.try_get("action").map_err(db_err)?,
                        entity: row.try_get("entity").map_err(db_err)?,
                        entity_id: row.try_get("entity_id").map_err(db_err)?,
                        before: json_opt(row.try_get("before_json").map_err(db_err)?),
                        after: json_opt(row.try_get("after_json").map_err(db_err)?),
                        ip: row.try_get("ip").map_err(db_err)?,
                    },
                })
            }

            const JOB_COLS: &str = "id, kind, payload, status, attempts, max_attempts, run_at, \
                locked_by, lease_until, last_error, created_at, updated_at";

            fn job_from(row: &$row) -> StoreResult<Job> {
                let status: String = row.try_get("status").map_err(db_err)?;
                let payload: String = row.try_get("payload").map_err(db_err)?;
                Ok(Job {
                    id: row.try_get("id").map_err(db_err)?,
                    kind: row.try_get("kind").map_err(db_err)?,
                    payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
                    status: JobStatus::parse(&status).ok_or_else(|| decode_err("job status"))?,
                    attempts: row.try_get("attempts").map_err(db_err)?,
                    max_attempts: row.try_get("max_attempts").map_err(db_err)?,
                    run_at: row.try_get("run_at").map_err(db_err)?,
                    locked_by: row.try_get("locked_by").map_err(db_err)?,
                    lease_until: row.try_get("lease_until").map_err(db_err)?,
                    last_error: row.try_get("last_error").map_err(db_err)?,
                    created_at: row.try_get("created_at").map_err(db_err)?,
                    updated_at: row.try_get("updated_at").map_err(db_err)?,
                })
            }

            async fn write_audit(conn: &mut $conn, e: &AuditEntry) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO audit_log (at, actor_user_id, actor, org_code, action, entity, \
                     entity_id, before_json, after_json, ip) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(e.at)
                .bind(e.actor_user_id)
                .bind(&e.actor)
                .bind(&e.org_code)
                .bind(&e.action)
                .bind(&e.entity)
                .bind(&e.entity_id)
                .bind(e.before.as_ref().map(|v| v.to_string()))
                .bind(e.after.as_ref().map(|v| v.to_string()))
                .bind(&e.ip)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
                Ok(())
            }

            async fn user_in(conn: &mut $conn, id: i64) -> StoreResult<User> {
                let sql = format!("SELECT {USER_COLS} FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await
                    .map_err(db_err)?
                    .ok_or(StoreError::NotFound)?;
                user_from(&row)
            }

            /// Fills in the new record's id when the service could not know it yet.
            fn with_id(e: &AuditEntry, id: i64) -> AuditEntry {
                let mut e = e.clone();
                if e.entity_id.is_empty() {
                    e.entity_id = id.to_string();
                }
                e
            }

            const USER_WHERE: &str = "($1 = '' OR o.code = $1 OR o.code LIKE $2) \
                AND ($3 = '' OR LOWER(u.name) LIKE $3 ESCAPE '\\' OR u.email LIKE $3 ESCAPE '\\' OR u.nip LIKE $3 ESCAPE '\\') \
                AND ($4 = '' OR o.code = $4) \
                AND ($5 = '' OR u.role = $5) \
                AND ($6 = '' OR ($6 = 'active' AND u.deactivated_at IS NULL) OR ($6 = 'inactive' AND u.deactivated_at IS NOT NULL))";

            fn user_params(scope: &Scope, f: &UserFilter) -> (String, String, String, String, String, String) {
                let (eq, like) = scope.sql_params();
                let q = f
                    .q
                    .as_deref()
                    .map(str::trim)
                    .filter(|q| !q.is_empty())
                    .map(crate::like_contains)
                    .unwrap_or_default();
                let status = match f.active {
                    Some(true) => "active",
                    Some(false) => "inactive",
                    None => "",
                };
                (
                    eq,
                    like,
                    q,
                    f.org_code.clone().unwrap_or_default(),
                    f.role.map(|r| r.as_str().to_owned()).unwrap_or_default(),
                    status.to_owned(),
                )
            }

            const AUDIT_WHERE: &str = "($1 = '' OR org_code = $1 OR org_code LIKE $2) \
                AND ($3 = '' OR LOWER(actor) LIKE $3 ESCAPE '\\') \
                AND ($4 = '' OR action = $4) \
                AND ($5 = '' OR entity = $5) \
                AND ($6 = '' OR entity_id = $6) \
                AND at >= $7 AND at <= $8";

            crate::crisis::impl_crisis_store!($store, $conn, $row);
            crate::monitor::impl_monitor_store!($store, $conn, $row);
            crate::newsroom::impl_newsroom_store!($store, $conn, $row);

            #[async_trait]
            impl Store for $store {
                fn backend(&self) -> &'static str {
                    $backend
                }

                async fn ping(&self) -> StoreResult<()> {
                    sqlx::query("SELECT 1").execute(&self.pool).await.map_err(db_err)?;
                    Ok(())
                }

                async fn seed_orgs(&self, orgs: &[NewOrg]) -> StoreResult<u64> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let mut added = 0;
                    for o in orgs {
                        let r = sqlx::query(
                            "INSERT INTO orgs (code, name, level, parent_code) VALUES ($1, $2, $3, $4) \
                             ON CONFLICT (code) DO NOTHING",
                        )
                        .bind(&o.code)
                        .bind(&o.name)
                        .bind(o.level.as_str())
                        .bind(&o.parent_code)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                        added += r.rows_affected();
                    }
                    tx.commit().await.map_err(db_err)?;
                    Ok(added)
                }

                async fn org_by_code(&self, code: &str) -> StoreResult<Option<Org>> {
                    let sql = format!("SELECT {ORG_COLS} FROM orgs WHERE code = $1");
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(code).fetch_optional(&self.pool).await.map_err(db_err)?;
                    row.as_ref().map(org_from).transpose()
                }

                async fn org_by_id(&self, id: i64) -> StoreResult<Option<Org>> {
                    let sql = format!("SELECT {ORG_COLS} FROM orgs WHERE id = $1");
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await.map_err(db_err)?;
                    row.as_ref().map(org_from).transpose()
                }

                async fn list_orgs(&self, f: &OrgFilter, page: PageReq) -> StoreResult<Page<Org>> {
                    let q = f
                        .q
                        .as_deref()
                        .map(str::trim)
                        .filter(|q| !q.is_empty())
                        .map(crate::like_contains)
                        .unwrap_or_default();
                    let level = f.level.map(|l| l.as_str()).unwrap_or("");
                    let parent = f.parent_code.clone().unwrap_or_default();
                    let cond = "($1 = '' OR LOWER(name) LIKE $1 ESCAPE '\\' OR code LIKE $1 ESCAPE '\\') \
                        AND ($2 = '' OR level = $2) AND ($3 = '' OR parent_code = $3)";
                    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM orgs WHERE {cond}")))
                        .bind(&q)
                        .bind(level)
                        .bind(&parent)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db_err)?;
                    // Centre first, then provinces and their regencies in code order.
                    let sql = format!(
                        "SELECT {ORG_COLS} FROM orgs WHERE {cond} \
                         ORDER BY CASE WHEN level = 'centre' THEN 0 ELSE 1 END, code LIMIT $4 OFFSET $5"
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(&q)
                        .bind(level)
                        .bind(&parent)
                        .bind(page.limit())
                        .bind(page.offset())
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(Page {
                        items: rows.iter().map(org_from).collect::<StoreResult<_>>()?,
                        total,
                        page: page.page,
                        per_page: page.per_page,
                    })
                }

                async fn count_orgs(&self) -> StoreResult<i64> {
                    sqlx::query_scalar("SELECT COUNT(*) FROM orgs").fetch_one(&self.pool).await.map_err(db_err)
                }

                async fn insert_user(&self, rec: &UserRecord, password_hash: &str, now: Millis, audit: &AuditEntry) -> StoreResult<User> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO users (org_id, email, name, nip, phone, position, role, password_hash, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                    )
                    .bind(rec.org_id)
                    .bind(&rec.email)
                    .bind(&rec.name)
                    .bind(&rec.nip)
                    .bind(&rec.phone)
                    .bind(&rec.position)
                    .bind(rec.role.as_str())
                    .bind(password_hash)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    write_audit(&mut tx, &with_id(audit, id)).await?;
                    let user = user_in(&mut tx, id).await?;
                    tx.commit().await.map_err(db_err)?;
                    Ok(user)
                }

                async fn update_user(&self, id: i64, rec: &UserRecord, now: Millis, audit: &AuditEntry) -> StoreResult<User> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let r = sqlx::query(
                        "UPDATE users SET org_id = $1, email = $2, name = $3, nip = $4, phone = $5, position = $6, \
                         role = $7, updated_at = $8 WHERE id = $9",
                    )
                    .bind(rec.org_id)
                    .bind(&rec.email)
                    .bind(&rec.name)
                    .bind(&rec.nip)
                    .bind(&rec.phone)
                    .bind(&rec.position)
                    .bind(rec.role.as_str())
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    if r.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    write_audit(&mut tx, audit).await?;
                    let user = user_in(&mut tx, id).await?;
                    tx.commit().await.map_err(db_err)?;
                    Ok(user)
                }

                async fn set_user_active(&self, id: i64, active: bool, now: Millis, audit: &AuditEntry) -> StoreResult<User> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let deactivated: Option<Millis> = if active { None } else { Some(now) };
                    let r = sqlx::query("UPDATE users SET deactivated_at = $1, updated_at = $2 WHERE id = $3")
                        .bind(deactivated)
                        .bind(now)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                    if r.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    write_audit(&mut tx, audit).await?;
                    let user = user_in(&mut tx, id).await?;
                    tx.commit().await.map_err(db_err)?;
                    Ok(user)
                }

                async fn set_password(&self, id: i64, password_hash: &str, now: Millis, audit: &AuditEntry) -> StoreResult<()> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let r = sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                        .bind(password_hash)
                        .bind(now)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                    if r.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    write_audit(&mut tx, audit).await?;
                    tx.commit().await.map_err(db_err)?;
                    Ok(())
                }

                async fn record_login(&self, id: i64, now: Millis) -> StoreResult<()> {
                    sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
                        .bind(now)
                        .bind(id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(())
                }

                async fn user_by_id(&self, id: i64) -> StoreResult<Option<User>> {
                    let sql = format!("SELECT {USER_COLS} FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = $1");
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await.map_err(db_err)?;
                    row.as_ref().map(user_from).transpose()
                }

                async fn user_by_email(&self, email: &str) -> StoreResult<Option<(User, String)>> {
                    let sql = format!("SELECT {USER_COLS} FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.email = $1");
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(email).fetch_optional(&self.pool).await.map_err(db_err)?;
                    match row {
                        Some(row) => {
                            let hash: String = row.try_get("password_hash").map_err(db_err)?;
                            Ok(Some((user_from(&row)?, hash)))
                        }
                        None => Ok(None),
                    }
                }

                async fn list_users(&self, scope: &Scope, f: &UserFilter, page: PageReq) -> StoreResult<Page<User>> {
                    let p = user_params(scope, f);
                    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                        "SELECT COUNT(*) FROM users u JOIN orgs o ON o.id = u.org_id WHERE {USER_WHERE}"
                    )))
                    .bind(&p.0)
                    .bind(&p.1)
                    .bind(&p.2)
                    .bind(&p.3)
                    .bind(&p.4)
                    .bind(&p.5)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let sql = format!(
                        "SELECT {USER_COLS} FROM users u JOIN orgs o ON o.id = u.org_id WHERE {USER_WHERE} \
                         ORDER BY o.code, u.name, u.id LIMIT $7 OFFSET $8"
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(&p.0)
                        .bind(&p.1)
                        .bind(&p.2)
                        .bind(&p.3)
                        .bind(&p.4)
                        .bind(&p.5)
                        .bind(page.limit())
                        .bind(page.offset())
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(Page {
                        items: rows.iter().map(user_from).collect::<StoreResult<_>>()?,
                        total,
                        page: page.page,
                        per_page: page.per_page,
                    })
                }

                async fn count_users(&self, scope: &Scope) -> StoreResult<i64> {
                    let p = user_params(scope, &UserFilter { active: Some(true), ..Default::default() });
                    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                        "SELECT COUNT(*) FROM users u JOIN orgs o ON o.id = u.org_id WHERE {USER_WHERE}"
                    )))
                    .bind(&p.0)
                    .bind(&p.1)
                    .bind(&p.2)
                    .bind(&p.3)
                    .bind(&p.4)
                    .bind(&p.5)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)
                }

                async fn insert_session(&self, s: &Session) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&s.id_hash)
                    .bind(s.user_id)
                    .bind(&s.csrf_token)
                    .bind(s.created_at)
                    .bind(s.expires_at)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(())
                }

                async fn session(&self, id_hash: &str, now: Millis) -> StoreResult<Option<Session>> {
                    let row = sqlx::query(
                        "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions \
                         WHERE id_hash = $1 AND expires_at > $2",
                    )
                    .bind(id_hash)
                    .bind(now)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    match row {
                        Some(r) => Ok(Some(Session {
                            id_hash: r.try_get("id_hash").map_err(db_err)?,
                            user_id: r.try_get("user_id").map_err(db_err)?,
                            csrf_token: r.try_get("csrf_token").map_err(db_err)?,
                            created_at: r.try_get("created_at").map_err(db_err)?,
                            expires_at: r.try_get("expires_at").map_err(db_err)?,
                        })),
                        None => Ok(None),
                    }
                }

                async fn delete_session(&self, id_hash: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
                        .bind(id_hash)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(())
                }

                async fn delete_user_sessions(&self, user_id: i64) -> StoreResult<u64> {
                    let r = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                        .bind(user_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(r.rows_affected())
                }

                async fn purge_sessions(&self, now: Millis) -> StoreResult<u64> {
                    let r = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                        .bind(now)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(r.rows_affected())
                }

                async fn insert_token(&self, user_id: i64, name: &str, hash: &str, now: Millis, audit: &AuditEntry) -> StoreResult<ApiToken> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let row = sqlx::query(
                        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) \
                         RETURNING id, user_id, name, created_at, last_used_at, revoked_at",
                    )
                    .bind(user_id)
                    .bind(name)
                    .bind(hash)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    let token = token_from(&row)?;
                    write_audit(&mut tx, audit).await?;
                    tx.commit().await.map_err(db_err)?;
                    Ok(token)
                }

                async fn token_by_hash(&self, hash: &str) -> StoreResult<Option<(ApiToken, User)>> {
                    let row = sqlx::query(
                        "SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens \
                         WHERE token_hash = $1 AND revoked_at IS NULL",
                    )
                    .bind(hash)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let Some(row) = row else { return Ok(None) };
                    let token = token_from(&row)?;
                    match self.user_by_id(token.user_id).await? {
                        Some(user) => Ok(Some((token, user))),
                        None => Ok(None),
                    }
                }

                async fn touch_token(&self, id: i64, now: Millis) -> StoreResult<()> {
                    // At most one write a minute per token: bearer calls stay read-only.
                    sqlx::query(
                        "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 \
                         AND (last_used_at IS NULL OR last_used_at < $1 - 60000)",
                    )
                    .bind(now)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(())
                }

                async fn list_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>> {
                    let rows = sqlx::query(
                        "SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens \
                         WHERE user_id = $1 ORDER BY id",
                    )
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(token_from).collect()
                }

                async fn revoke_token(&self, id: i64, now: Millis, audit: &AuditEntry) -> StoreResult<bool> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let r = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                        .bind(now)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                    if r.rows_affected() == 0 {
                        return Ok(false);
                    }
                    write_audit(&mut tx, audit).await?;
                    tx.commit().await.map_err(db_err)?;
                    Ok(true)
                }

                async fn insert_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
                    let mut conn = self.pool.acquire().await.map_err(db_err)?;
                    write_audit(&mut conn, entry).await
                }

                async fn list_audit(&self, scope: &Scope, f: &AuditFilter, page: PageReq) -> StoreResult<Page<AuditRecord>> {
                    let (eq, like) = scope.sql_params();
                    let actor = f
                        .actor
                        .as_deref()
                        .map(str::trim)
                        .filter(|q| !q.is_empty())
                        .map(crate::like_contains)
                        .unwrap_or_default();
                    let action = f.action.clone().unwrap_or_default();
                    let entity = f.entity.clone().unwrap_or_default();
                    let entity_id = f.entity_id.clone().unwrap_or_default();
                    let from = f.from.unwrap_or(0);
                    let to = f.to.unwrap_or(i64::MAX);
                    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM audit_log WHERE {AUDIT_WHERE}")))
                        .bind(&eq)
                        .bind(&like)
                        .bind(&actor)
                        .bind(&action)
                        .bind(&entity)
                        .bind(&entity_id)
                        .bind(from)
                        .bind(to)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db_err)?;
                    let sql = format!(
                        "SELECT id, at, actor_user_id, actor, org_code, action, entity, entity_id, before_json, \
                         after_json, ip FROM audit_log WHERE {AUDIT_WHERE} ORDER BY at DESC, id DESC LIMIT $9 OFFSET $10"
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(&eq)
                        .bind(&like)
                        .bind(&actor)
                        .bind(&action)
                        .bind(&entity)
                        .bind(&entity_id)
                        .bind(from)
                        .bind(to)
                        .bind(page.limit())
                        .bind(page.offset())
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(Page {
                        items: rows.iter().map(audit_from).collect::<StoreResult<_>>()?,
                        total,
                        page: page.page,
                        per_page: page.per_page,
                    })
                }

                async fn active_user_ids(&self, org_id: i64) -> StoreResult<Vec<i64>> {
                    sqlx::query_scalar("SELECT id FROM users WHERE org_id = $1 AND deactivated_at IS NULL ORDER BY id")
                        .bind(org_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)
                }

                async fn insert_notifications(&self, user_ids: &[i64], n: &sinergi_core::notify::NewNotification, at: Millis) -> StoreResult<u64> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    for uid in user_ids {
                        sqlx::query("INSERT INTO notifications (user_id, at, kind, title, body, link) VALUES ($1, $2, $3, $4, $5, $6)")
                            .bind(uid)
                            .bind(at)
                            .bind(&n.kind)
                            .bind(&n.title)
                            .bind(&n.body)
                            .bind(&n.link)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_err)?;
                    }
                    tx.commit().await.map_err(db_err)?;
                    Ok(user_ids.len() as u64)
                }

                async fn notifications(&self, user_id: i64, page: PageReq) -> StoreResult<Page<sinergi_core::notify::Notification>> {
                    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1")
                        .bind(user_id)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db_err)?;
                    let rows = sqlx::query(
                        "SELECT id, user_id, at, kind, title, body, link, read_at FROM notifications \
                         WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3",
                    )
                    .bind(user_id)
                    .bind(page.limit())
                    .bind(page.offset())
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let mut items = Vec::with_capacity(rows.len());
                    for r in rows {
                        items.push(sinergi_core::notify::Notification {
                            id: r.try_get("id").map_err(db_err)?,
                            user_id: r.try_get("user_id").map_err(db_err)?,
                            at: r.try_get("at").map_err(db_err)?,
                            kind: r.try_get("kind").map_err(db_err)?,
                            title: r.try_get("title").map_err(db_err)?,
                            body: r.try_get("body").map_err(db_err)?,
                            link: r.try_get("link").map_err(db_err)?,
                            read_at: r.try_get("read_at").map_err(db_err)?,
                        });
                    }
                    Ok(Page { items, total, page: page.page, per_page: page.per_page })
                }

                async fn unread_notifications(&self, user_id: i64) -> StoreResult<i64> {
                    sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
                        .bind(user_id)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db_err)
                }

                async fn notification_link(&self, user_id: i64, id: i64) -> StoreResult<Option<String>> {
                    sqlx::query_scalar("SELECT link FROM notifications WHERE id = $1 AND user_id = $2")
                        .bind(id)
                        .bind(user_id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)
                }

                async fn email_recipients(&self, org_id: i64) -> StoreResult<Vec<String>> {
                    sqlx::query_scalar(
                        "SELECT email FROM users WHERE org_id = $1 AND deactivated_at IS NULL AND notify_email = $2 ORDER BY id",
                    )
                    .bind(org_id)
                    .bind(true)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)
                }

                async fn user_notify_email(&self, user_id: i64) -> StoreResult<bool> {
                    let v: Option<bool> = sqlx::query_scalar("SELECT notify_email FROM users WHERE id = $1")
                        .bind(user_id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(v.unwrap_or(false))
                }

                async fn set_user_notify_email(&self, user_id: i64, on: bool, audit: &AuditEntry) -> StoreResult<()> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let r = sqlx::query("UPDATE users SET notify_email = $1 WHERE id = $2")
                        .bind(on)
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                    if r.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    write_audit(&mut tx, audit).await?;
                    tx.commit().await.map_err(db_err)?;
                    Ok(())
                }

                async fn log_delivery(&self, d: &sinergi_core::notify::Delivery) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO notification_deliveries (at, channel, target, kind, title, status, error) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(d.at)
                    .bind(&d.channel)
                    .bind(&d.target)
                    .bind(&d.kind)
                    .bind(&d.title)
                    .bind(&d.status)
                    .bind(&d.error)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(())
                }

                async fn deliveries(&self, page: PageReq) -> StoreResult<Page<sinergi_core::notify::Delivery>> {
                    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notification_deliveries")
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db_err)?;
                    let rows = sqlx::query(
                        "SELECT at, channel, target, kind, title, status, error FROM notification_deliveries \
                         ORDER BY at DESC, id DESC LIMIT $1 OFFSET $2",
                    )
                    .bind(page.limit())
                    .bind(page.offset())
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let mut items = Vec::with_capacity(rows.len());
                    for r in rows {
                        items.push(sinergi_core::notify::Delivery {
                            at: r.try_get("at").map_err(db_err)?,
                            channel: r.try_get("channel").map_err(db_err)?,
                            target: r.try_get("target").map_err(db_err)?,
                            kind: r.try_get("kind").map_err(db_err)?,
                            title: r.try_get("title").map_err(db_err)?,
                            status: r.try_get("status").map_err(db_err)?,
                            error: r.try_get("error").map_err(db_err)?,
                        });
                    }
                    Ok(Page { items, total, page: page.page, per_page: page.per_page })
                }

                async fn mark_notifications_read(&self, user_id: i64, id: Option<i64>, at: Millis) -> StoreResult<u64> {
                    let r = sqlx::query(
                        "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND ($3 = 0 OR id = $3)",
                    )
                    .bind(at)
                    .bind(user_id)
                    .bind(id.unwrap_or(0))
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(r.rows_affected())
                }

                async fn enqueue_job(&self, job: &NewJob) -> StoreResult<Option<i64>> {
                    let now = sinergi_core::time::now_millis();
                    sqlx::query_scalar(
                        "INSERT INTO jobs (kind, payload, status, attempts, max_attempts, run_at, dedupe_key, created_at, updated_at) \
                         VALUES ($1, $2, 'queued', 0, $3, $4, $5, $6, $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
                    )
                    .bind(&job.kind)
                    .bind(job.payload.to_string())
                    .bind(job.max_attempts.max(1))
                    .bind(job.run_at)
                    .bind(&job.dedupe_key)
                    .bind(now)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)
                }

                async fn claim_job(&self, worker: &str, kinds: &[String], now: Millis, lease_until: Millis) -> StoreResult<Option<Job>> {
                    // A job whose last attempt's worker died is dead, not retried forever.
                    sqlx::query(
                        "UPDATE jobs SET status = 'dead', locked_by = NULL, updated_at = $1, \
                         last_error = COALESCE(last_error || '; ', '') || 'lease expired on the last attempt' \
                         WHERE status = 'running' AND lease_until < $1 AND attempts >= max_attempts",
                    )
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let kinds = if kinds.is_empty() { String::new() } else { format!(",{},", kinds.join(",")) };
                    let sql = format!(
                        concat!(
                            "UPDATE jobs SET status = 'running', locked_by = $1, lease_until = $2, \
                             attempts = attempts + 1, updated_at = $3 \
                             WHERE id = (SELECT id FROM jobs \
                               WHERE ((status = 'queued' AND run_at <= $3) OR (status = 'running' AND lease_until < $3)) \
                               AND attempts < max_attempts \
                               AND ($4 = '' OR ", $instr, "($4, ',' || kind || ',') > 0) \
                               ORDER BY run_at, id LIMIT 1", $claim_lock, ") \
                             RETURNING {}"
                        ),
                        JOB_COLS
                    );
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(worker)
                        .bind(lease_until)
                        .bind(now)
                        .bind(&kinds)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    row.as_ref().map(job_from).transpose()
                }

                async fn heartbeat_job(&self, id: i64, worker: &str, lease_until: Millis) -> StoreResult<bool> {
                    let r = sqlx::query(
                        "UPDATE jobs SET lease_until = $1 WHERE id = $2 AND locked_by = $3 AND status = 'running'",
                    )
                    .bind(lease_until)
                    .bind(id)
                    .bind(worker)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(r.rows_affected() == 1)
                }

                async fn complete_job(&self, id: i64, worker: &str, now: Millis) -> StoreResult<bool> {
                    let r = sqlx::query(
                        "UPDATE jobs SET status = 'done', locked_by = NULL, lease_until = NULL, updated_at = $1 \
                         WHERE id = $2 AND locked_by = $3 AND status = 'running'",
                    )
                    .bind(now)
                    .bind(id)
                    .bind(worker)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(r.rows_affected() == 1)
                }

                async fn fail_job(&self, id: i64, worker: &str, error: &str, retry_at: Option<Millis>, now: Millis) -> StoreResult<bool> {
                    let (status, run_at) = match retry_at {
                        Some(t) => ("queued", Some(t)),
                        None => ("dead", None),
                    };
                    let r = sqlx::query(
                        "UPDATE jobs SET status = $1, run_at = COALESCE($2, run_at), last_error = $3, locked_by = NULL, \
                         lease_until = NULL, updated_at = $4 WHERE id = $5 AND locked_by = $6 AND status = 'running'",
                    )
                    .bind(status)
                    .bind(run_at)
                    .bind(error)
                    .bind(now)
                    .bind(id)
                    .bind(worker)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(r.rows_affected() == 1)
                }

                async fn list_jobs(&self, status: Option<JobStatus>, page: PageReq) -> StoreResult<Page<Job>> {
                    let st = status.map(|s| s.as_str()).unwrap_or("");
                    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE ($1 = '' OR status = $1)")
                        .bind(st)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db_err)?;
                    let sql = format!(
                        "SELECT {JOB_COLS} FROM jobs WHERE ($1 = '' OR status = $1) ORDER BY updated_at DESC, id DESC LIMIT $2 OFFSET $3"
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(st)
                        .bind(page.limit())
                        .bind(page.offset())
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(Page {
                        items: rows.iter().map(job_from).collect::<StoreResult<_>>()?,
                        total,
                        page: page.page,
                        per_page: page.per_page,
                    })
                }

                async fn job_counts(&self) -> StoreResult<JobCounts> {
                    let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)?;
                    let mut c = JobCounts::default();
                    for r in rows {
                        let s: String = r.try_get("status").map_err(db_err)?;
                        let n: i64 = r.try_get("n").map_err(db_err)?;
                        match JobStatus::parse(&s) {
                            Some(JobStatus::Queued) => c.queued = n,
                            Some(JobStatus::Running) => c.running = n,
                            Some(JobStatus::Done) => c.done = n,
                            Some(JobStatus::Dead) => c.dead = n,
                            None => {}
                        }
                    }
                    Ok(c)
                }

                async fn job_by_id(&self, id: i64) -> StoreResult<Option<Job>> {
                    let sql = format!("SELECT {JOB_COLS} FROM jobs WHERE id = $1");
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await.map_err(db_err)?;
                    row.as_ref().map(job_from).transpose()
                }

                async fn requeue_dead_job(&self, id: i64, now: Millis, audit: &AuditEntry) -> StoreResult<bool> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let r = sqlx::query(
                        "UPDATE jobs SET status = 'queued', attempts = 0, run_at = $1, updated_at = $1, locked_by = NULL, \
                         lease_until = NULL WHERE id = $2 AND status = 'dead'",
                    )
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    if r.rows_affected() == 0 {
                        return Ok(false);
                    }
                    write_audit(&mut tx, audit).await?;
                    tx.commit().await.map_err(db_err)?;
                    Ok(true)
                }
            }
        }
    };
}

pub(crate) use impl_store;
