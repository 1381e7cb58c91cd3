//! `NewsroomStore` for both backends, expanded inside each backend's `store_impl` module (it
//! uses that module's `db_err`, `write_audit`, and the crisis module's JSON list helpers).

macro_rules! impl_newsroom_store {
    ($store:ty, $conn:ty, $row:ty) => {
        use sinergi_core::newsroom::store::{ItemState, ItemWrite, NewComment, NewsroomStore, PublicFilter};
        use sinergi_core::newsroom::{
            Comment, CommentStatus, Contact, DeliveryRow, Distribution, ItemEvent, ItemFile, ItemFilter, ItemKind,
            ItemStatus, ItemVersion, MediaList, NewPickup, NewsItem, Pickup, QueuedComment,
        };

        const ITEM_COLS: &str = "i.id, i.org_id, o.code AS org_code, \
            CASE WHEN o.level = 'province' THEN 'Provinsi ' || o.name ELSE o.name END AS org_name, \
            i.kind, i.status, i.title, i.slug, i.lead, i.body_html, i.body_text, i.category, i.tags, i.region_code, \
            i.author_name, i.spokesperson_name, i.spokesperson_title, i.spokesperson_quote, i.publish_at, i.embargo, \
            i.published_at, i.correction_note, i.withdrawn_reason, i.review_note, i.crisis_case_id, i.created_by, \
            i.created_at, i.updated_by, i.updated_at, i.version";
        const ITEM_FROM: &str = "newsroom_items i JOIN orgs o ON o.id = i.org_id";

        fn item_from(r: &$row) -> StoreResult<NewsItem> {
            let kind: String = r.try_get("kind").map_err(db_err)?;
            let status: String = r.try_get("status").map_err(db_err)?;
            let embargo: i64 = r.try_get("embargo").map_err(db_err)?;
            Ok(NewsItem {
                id: r.try_get("id").map_err(db_err)?,
                org_id: r.try_get("org_id").map_err(db_err)?,
                org_code: r.try_get("org_code").map_err(db_err)?,
                org_name: r.try_get("org_name").map_err(db_err)?,
                kind: ItemKind::parse(&kind).ok_or_else(|| decode_err("item kind"))?,
                status: ItemStatus::parse(&status).ok_or_else(|| decode_err("item status"))?,
                title: r.try_get("title").map_err(db_err)?,
                slug: r.try_get("slug").map_err(db_err)?,
                lead: r.try_get("lead").map_err(db_err)?,
                body_html: r.try_get("body_html").map_err(db_err)?,
                body_text: r.try_get("body_text").map_err(db_err)?,
                category: r.try_get("category").map_err(db_err)?,
                tags: list_json(r, "tags")?,
                region_code: r.try_get("region_code").map_err(db_err)?,
                author_name: r.try_get("author_name").map_err(db_err)?,
                spokesperson_name: r.try_get("spokesperson_name").map_err(db_err)?,
                spokesperson_title: r.try_get("spokesperson_title").map_err(db_err)?,
                spokesperson_quote: r.try_get("spokesperson_quote").map_err(db_err)?,
                publish_at: r.try_get("publish_at").map_err(db_err)?,
                embargo: embargo != 0,
                published_at: r.try_get("published_at").map_err(db_err)?,
                correction_note: r.try_get("correction_note").map_err(db_err)?,
                withdrawn_reason: r.try_get("withdrawn_reason").map_err(db_err)?,
                review_note: r.try_get("review_note").map_err(db_err)?,
                crisis_case_id: r.try_get("crisis_case_id").map_err(db_err)?,
                created_by: r.try_get("created_by").map_err(db_err)?,
                created_at: r.try_get("created_at").map_err(db_err)?,
                updated_by: r.try_get("updated_by").map_err(db_err)?,
                updated_at: r.try_get("updated_at").map_err(db_err)?,
                version: r.try_get("version").map_err(db_err)?,
            })
        }

        const FILE_COLS: &str = "id, item_id, kind, file_hash, thumb_hash, filename, mime, size, width, height, alt, uploaded_by, uploaded_at";

        fn file_from(r: &$row) -> StoreResult<ItemFile> {
            Ok(ItemFile {
                id: r.try_get("id").map_err(db_err)?,
                item_id: r.try_get("item_id").map_err(db_err)?,
                kind: r.try_get("kind").map_err(db_err)?,
                file_hash: r.try_get("file_hash").map_err(db_err)?,
                thumb_hash: r.try_get("thumb_hash").map_err(db_err)?,
                filename: r.try_get("filename").map_err(db_err)?,
                mime: r.try_get("mime").map_err(db_err)?,
                size: r.try_get("size").map_err(db_err)?,
                width: r.try_get("width").map_err(db_err)?,
                height: r.try_get("height").map_err(db_err)?,
                alt: r.try_get("alt").map_err(db_err)?,
                uploaded_by: r.try_get("uploaded_by").map_err(db_err)?,
                uploaded_at: r.try_get("uploaded_at").map_err(db_err)?,
            })
        }

        const COMMENT_COLS: &str = "c.id, c.item_id, c.parent_id, c.name, c.email, c.body, c.status, c.official, c.ip_hash, \
            c.score, c.reasons, c.reports, c.created_at, c.decided_by, c.decided_at";

        fn comment_from(r: &$row) -> StoreResult<Comment> {
            let status: String = r.try_get("status").map_err(db_err)?;
            let official: i64 = r.try_get("official").map_err(db_err)?;
            Ok(Comment {
                id: r.try_get("id").map_err(db_err)?,
                item_id: r.try_get("item_id").map_err(db_err)?,
                parent_id: r.try_get("parent_id").map_err(db_err)?,
                name: r.try_get("name").map_err(db_err)?,
                email: r.try_get("email").map_err(db_err)?,
                body: r.try_get("body").map_err(db_err)?,
                status: CommentStatus::parse(&status).ok_or_else(|| decode_err("comment status"))?,
                official: official != 0,
                ip_hash: r.try_get("ip_hash").map_err(db_err)?,
                score: r.try_get("score").map_err(db_err)?,
                reasons: list_json(r, "reasons")?,
                reports: r.try_get("reports").map_err(db_err)?,
                created_at: r.try_get("created_at").map_err(db_err)?,
                decided_by: r.try_get("decided_by").map_err(db_err)?,
                decided_at: r.try_get("decided_at").map_err(db_err)?,
            })
        }

        const DELIVERY_COLS: &str = "id, distribution_id, item_id, name, email, outlet, status, error, attempts, updated_at";

        fn delivery_from(r: &$row) -> StoreResult<DeliveryRow> {
            Ok(DeliveryRow {
                id: r.try_get("id").map_err(db_err)?,
                distribution_id: r.try_get("distribution_id").map_err(db_err)?,
                item_id: r.try_get("item_id").map_err(db_err)?,
                name: r.try_get("name").map_err(db_err)?,
                email: r.try_get("email").map_err(db_err)?,
                outlet: r.try_get("outlet").map_err(db_err)?,
                status: r.try_get("status").map_err(db_err)?,
                error: r.try_get("error").map_err(db_err)?,
                attempts: r.try_get("attempts").map_err(db_err)?,
                updated_at: r.try_get("updated_at").map_err(db_err)?,
            })
        }

        fn list_from(r: &$row) -> StoreResult<MediaList> {
            Ok(MediaList {
                id: r.try_get("id").map_err(db_err)?,
                org_id: r.try_get("org_id").map_err(db_err)?,
                name: r.try_get("name").map_err(db_err)?,
                contacts: r.try_get("contacts").map_err(db_err)?,
                created_by: r.try_get("created_by").map_err(db_err)?,
                created_at: r.try_get("created_at").map_err(db_err)?,
            })
        }

        async fn item_in(conn: &mut $conn, id: i64) -> StoreResult<Option<NewsItem>> {
            let sql = format!("SELECT {ITEM_COLS} FROM {ITEM_FROM} WHERE i.id = $1");
            let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *conn).await.map_err(db_err)?;
            row.as_ref().map(item_from).transpose()
        }

        async fn item_extras(conn: &mut $conn, id: i64, version: i64, w: &ItemWrite<'_>) -> StoreResult<()> {
            let s: &ItemState = w.state;
            if w.new_version {
                sqlx::query(
                    "INSERT INTO newsroom_versions (item_id, version, title, lead, body_html, edited_by, edited_at, note) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(id)
                .bind(version)
                .bind(&s.content.title)
                .bind(&s.content.lead)
                .bind(&s.content.body_html)
                .bind(w.by)
                .bind(w.at)
                .bind(w.version_note)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
            }
            sqlx::query("INSERT INTO newsroom_events (item_id, at, actor, kind, summary) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(w.at)
                .bind(w.by)
                .bind(w.event_kind)
                .bind(w.event_summary)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
            Ok(())
        }

        fn queued_from(r: &$row) -> StoreResult<QueuedComment> {
            let comment = comment_from(r)?;
            let org_code: String = r.try_get("org_code").map_err(db_err)?;
            let id: i64 = r.try_get("i_id").map_err(db_err)?;
            let slug: String = r.try_get("i_slug").map_err(db_err)?;
            Ok(QueuedComment {
                comment,
                item_title: r.try_get("i_title").map_err(db_err)?,
                item_path: format!("/portal/{org_code}/berita/{id}-{slug}"),
            })
        }

        #[async_trait]
        impl NewsroomStore for $store {
            async fn insert_item(&self, org_id: i64, crisis_case_id: Option<i64>, w: &ItemWrite<'_>, audit: &AuditEntry) -> StoreResult<NewsItem> {
                let s = w.state;
                let c = &s.content;
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO newsroom_items (org_id, kind, status, title, slug, lead, body_html, body_text, category, tags, \
                     region_code, author_name, spokesperson_name, spokesperson_title, spokesperson_quote, publish_at, embargo, \
                     published_at, correction_note, withdrawn_reason, review_note, crisis_case_id, created_by, created_at, \
                     updated_by, updated_at, version) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $23, $24, 1) \
                     RETURNING id",
                )
                .bind(org_id)
                .bind(s.kind.as_str())
                .bind(s.status.as_str())
                .bind(&c.title)
                .bind(&c.slug)
                .bind(&c.lead)
                .bind(&c.body_html)
                .bind(&c.body_text)
                .bind(&c.category)
                .bind(to_json(&c.tags))
                .bind(&c.region_code)
                .bind(&c.author_name)
                .bind(&c.spokesperson_name)
                .bind(&c.spokesperson_title)
                .bind(&c.spokesperson_quote)
                .bind(s.publish_at)
                .bind(i64::from(s.embargo))
                .bind(s.published_at)
                .bind(&s.correction_note)
                .bind(&s.withdrawn_reason)
                .bind(&s.review_note)
                .bind(crisis_case_id)
                .bind(w.by)
                .bind(w.at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                item_extras(&mut tx, id, 1, w).await?;
                let mut audit = audit.clone();
                audit.entity_id = id.to_string();
                write_audit(&mut tx, &audit).await?;
                let item = item_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
                tx.commit().await.map_err(db_err)?;
                Ok(item)
            }

            async fn write_item(&self, id: i64, expected_version: i64, w: &ItemWrite<'_>, audit: &AuditEntry) -> StoreResult<Option<NewsItem>> {
                let s = w.state;
                let c = &s.content;
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let r = sqlx::query(
                    "UPDATE newsroom_items SET kind = $1, status = $2, title = $3, slug = $4, lead = $5, body_html = $6, \
                     body_text = $7, category = $8, tags = $9, region_code = $10, author_name = $11, spokesperson_name = $12, \
                     spokesperson_title = $13, spokesperson_quote = $14, publish_at = $15, embargo = $16, published_at = $17, \
                     correction_note = $18, withdrawn_reason = $19, review_note = $20, updated_by = $21, updated_at = $22, \
                     version = version + 1 WHERE id = $23 AND version = $24",
                )
                .bind(s.kind.as_str())
                .bind(s.status.as_str())
                .bind(&c.title)
                .bind(&c.slug)
                .bind(&c.lead)
                .bind(&c.body_html)
                .bind(&c.body_text)
                .bind(&c.category)
                .bind(to_json(&c.tags))
                .bind(&c.region_code)
                .bind(&c.author_name)
                .bind(&c.spokesperson_name)
                .bind(&c.spokesperson_title)
                .bind(&c.spokesperson_quote)
                .bind(s.publish_at)
                .bind(i64::from(s.embargo))
                .bind(s.published_at)
                .bind(&s.correction_note)
                .bind(&s.withdrawn_reason)
                .bind(&s.review_note)
                .bind(w.by)
                .bind(w.at)
                .bind(id)
                .bind(expected_version)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                if r.rows_affected() != 1 {
                    return Ok(None);
                }
                // Content versions are numbered on their own (1, 2, …), after the last one.
                let next: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM newsroom_versions WHERE item_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                item_extras(&mut tx, id, next.unwrap_or(0) + 1, w).await?;
                write_audit(&mut tx, audit).await?;
                let item = item_in(&mut tx, id).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(item)
            }

            async fn item_by_id(&self, id: i64) -> StoreResult<Option<NewsItem>> {
                let mut conn = self.pool.acquire().await.map_err(db_err)?;
                item_in(&mut conn, id).await
            }

            async fn list_items(&self, scope: &Scope, f: &ItemFilter, page: PageReq) -> StoreResult<Page<NewsItem>> {
                let (eq, like) = scope.sql_params();
                let q = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(crate::like_contains).unwrap_or_default();
                let status = f.status.map(|s| s.as_str()).unwrap_or("");
                let kind = f.kind.map(|k| k.as_str()).unwrap_or("");
                let cond = "($1 = '' OR o.code = $1 OR o.code LIKE $2) \
                    AND ($3 = '' OR LOWER(i.title) LIKE $3 ESCAPE '\\' OR LOWER(i.lead) LIKE $3 ESCAPE '\\' OR LOWER(i.tags) LIKE $3 ESCAPE '\\') \
                    AND ($4 = '' OR i.status = $4) AND ($5 = '' OR i.kind = $5)";
                let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {ITEM_FROM} WHERE {cond}")))
                    .bind(&eq).bind(&like).bind(&q).bind(status).bind(kind)
                    .fetch_one(&self.pool).await.map_err(db_err)?;
                let sql = format!("SELECT {ITEM_COLS} FROM {ITEM_FROM} WHERE {cond} ORDER BY i.updated_at DESC, i.id DESC LIMIT $6 OFFSET $7");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(&eq).bind(&like).bind(&q).bind(status).bind(kind)
                    .bind(page.limit()).bind(page.offset())
                    .fetch_all(&self.pool).await.map_err(db_err)?;
                Ok(Page { items: rows.iter().map(item_from).collect::<StoreResult<_>>()?, total, page: page.page, per_page: page.per_page })
            }

            async fn item_versions(&self, id: i64) -> StoreResult<Vec<ItemVersion>> {
                let rows = sqlx::query("SELECT version, title, lead, body_html, edited_by, edited_at, note FROM newsroom_versions WHERE item_id = $1 ORDER BY version DESC")
                    .bind(id).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(|r| Ok(ItemVersion {
                    version: r.try_get("version").map_err(db_err)?,
                    title: r.try_get("title").map_err(db_err)?,
                    lead: r.try_get("lead").map_err(db_err)?,
                    body_html: r.try_get("body_html").map_err(db_err)?,
                    edited_by: r.try_get("edited_by").map_err(db_err)?,
                    edited_at: r.try_get("edited_at").map_err(db_err)?,
                    note: r.try_get("note").map_err(db_err)?,
                })).collect()
            }

            async fn item_events(&self, id: i64) -> StoreResult<Vec<ItemEvent>> {
                let rows = sqlx::query("SELECT at, actor, kind, summary FROM newsroom_events WHERE item_id = $1 ORDER BY id")
                    .bind(id).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(|r| Ok(ItemEvent {
                    at: r.try_get("at").map_err(db_err)?,
                    actor: r.try_get("actor").map_err(db_err)?,
                    kind: r.try_get("kind").map_err(db_err)?,
                    summary: r.try_get("summary").map_err(db_err)?,
                })).collect()
            }

            async fn due_items(&self, now: Millis) -> StoreResult<Vec<NewsItem>> {
                let sql = format!("SELECT {ITEM_COLS} FROM {ITEM_FROM} WHERE i.status = 'scheduled' AND i.publish_at <= $1 ORDER BY i.publish_at LIMIT 200");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(item_from).collect()
            }

            async fn item_for_case(&self, case_id: i64) -> StoreResult<Vec<NewsItem>> {
                let sql = format!("SELECT {ITEM_COLS} FROM {ITEM_FROM} WHERE i.crisis_case_id = $1 ORDER BY i.id");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(case_id).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(item_from).collect()
            }

            async fn public_items(&self, org_id: i64, f: &PublicFilter, page: PageReq) -> StoreResult<Page<NewsItem>> {
                let q = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(crate::like_contains).unwrap_or_default();
                let category = f.category.clone().unwrap_or_default();
                // Tags are a JSON array of strings: match the quoted tag.
                let tag = f.tag.as_deref().map(|t| format!("%{}%", serde_json::Value::String(t.to_owned()))).unwrap_or_default();
                let cond = "i.org_id = $1 AND i.status IN ('published', 'corrected') \
                    AND ($2 = '' OR i.category = $2) AND ($3 = '' OR i.tags LIKE $3) \
                    AND ($4 = '' OR LOWER(i.title) LIKE $4 ESCAPE '\\' OR LOWER(i.body_text) LIKE $4 ESCAPE '\\')";
                let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {ITEM_FROM} WHERE {cond}")))
                    .bind(org_id).bind(&category).bind(&tag).bind(&q)
                    .fetch_one(&self.pool).await.map_err(db_err)?;
                let sql = format!("SELECT {ITEM_COLS} FROM {ITEM_FROM} WHERE {cond} ORDER BY i.published_at DESC, i.id DESC LIMIT $5 OFFSET $6");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(org_id).bind(&category).bind(&tag).bind(&q)
                    .bind(page.limit()).bind(page.offset())
                    .fetch_all(&self.pool).await.map_err(db_err)?;
                Ok(Page { items: rows.iter().map(item_from).collect::<StoreResult<_>>()?, total, page: page.page, per_page: page.per_page })
            }

            async fn all_public_items(&self, limit: i64) -> StoreResult<Vec<NewsItem>> {
                let sql = format!("SELECT {ITEM_COLS} FROM {ITEM_FROM} WHERE i.status IN ('published', 'corrected') ORDER BY i.published_at DESC LIMIT $1");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(item_from).collect()
            }

            async fn portal_orgs(&self) -> StoreResult<Vec<(String, String, i64)>> {
                let rows = sqlx::query(
                    "SELECT o.code, CASE WHEN o.level = 'province' THEN 'Provinsi ' || o.name ELSE o.name END AS name, COUNT(*) AS n \
                     FROM newsroom_items i JOIN orgs o ON o.id = i.org_id WHERE i.status IN ('published', 'corrected') \
                     GROUP BY o.code, o.level, o.name ORDER BY n DESC, o.code",
                )
                .fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(|r| Ok((
                    r.try_get("code").map_err(db_err)?,
                    r.try_get("name").map_err(db_err)?,
                    r.try_get("n").map_err(db_err)?,
                ))).collect()
            }

            async fn insert_item_file(&self, f: &ItemFile, audit: &AuditEntry) -> StoreResult<ItemFile> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO newsroom_files (item_id, kind, file_hash, thumb_hash, filename, mime, size, width, height, alt, uploaded_by, uploaded_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                )
                .bind(f.item_id).bind(&f.kind).bind(&f.file_hash).bind(&f.thumb_hash).bind(&f.filename).bind(&f.mime)
                .bind(f.size).bind(f.width).bind(f.height).bind(&f.alt).bind(&f.uploaded_by).bind(f.uploaded_at)
                .fetch_one(&mut *tx).await.map_err(db_err)?;
                write_audit(&mut tx, audit).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(ItemFile { id, ..f.clone() })
            }

            async fn item_files(&self, item_id: i64) -> StoreResult<Vec<ItemFile>> {
                let sql = format!("SELECT {FILE_COLS} FROM newsroom_files WHERE item_id = $1 ORDER BY id");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(item_id).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(file_from).collect()
            }

            async fn item_file_by_hash(&self, hash: &str) -> StoreResult<Option<(ItemFile, NewsItem)>> {
                // The most visible holder wins: a public item makes the file public.
                let sql = format!(
                    "SELECT {FILE_COLS} FROM newsroom_files f WHERE f.file_hash = $1 OR f.thumb_hash = $1 \
                     ORDER BY (SELECT CASE WHEN i.status IN ('published', 'corrected') THEN 0 ELSE 1 END FROM newsroom_items i WHERE i.id = f.item_id), f.id LIMIT 1"
                );
                let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(hash).fetch_optional(&self.pool).await.map_err(db_err)? else {
                    return Ok(None);
                };
                let file = file_from(&row)?;
                let mut conn = self.pool.acquire().await.map_err(db_err)?;
                Ok(item_in(&mut conn, file.item_id).await?.map(|i| (file, i)))
            }

            async fn item_file_by_id(&self, id: i64) -> StoreResult<Option<ItemFile>> {
                let sql = format!("SELECT {FILE_COLS} FROM newsroom_files WHERE id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await.map_err(db_err)?;
                row.as_ref().map(file_from).transpose()
            }

            async fn insert_media_list(&self, org_id: i64, name: &str, by: &str, at: Millis, audit: &AuditEntry) -> StoreResult<MediaList> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let id: i64 = sqlx::query_scalar("INSERT INTO newsroom_lists (org_id, name, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                    .bind(org_id).bind(name).bind(by).bind(at)
                    .fetch_one(&mut *tx).await.map_err(db_err)?;
                let mut audit = audit.clone();
                audit.entity_id = id.to_string();
                write_audit(&mut tx, &audit).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(MediaList { id, org_id, name: name.to_owned(), contacts: 0, created_by: by.to_owned(), created_at: at })
            }

            async fn media_lists(&self, org_id: i64) -> StoreResult<Vec<MediaList>> {
                let rows = sqlx::query(
                    "SELECT l.id, l.org_id, l.name, l.created_by, l.created_at, \
                     (SELECT COUNT(*) FROM newsroom_contacts c WHERE c.list_id = l.id) AS contacts \
                     FROM newsroom_lists l WHERE l.org_id = $1 ORDER BY l.name",
                )
                .bind(org_id).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(list_from).collect()
            }

            async fn media_list_by_id(&self, id: i64) -> StoreResult<Option<MediaList>> {
                let row = sqlx::query(
                    "SELECT l.id, l.org_id, l.name, l.created_by, l.created_at, \
                     (SELECT COUNT(*) FROM newsroom_contacts c WHERE c.list_id = l.id) AS contacts \
                     FROM newsroom_lists l WHERE l.id = $1",
                )
                .bind(id).fetch_optional(&self.pool).await.map_err(db_err)?;
                row.as_ref().map(list_from).transpose()
            }

            async fn set_contacts(&self, list_id: i64, contacts: &[Contact], audit: &AuditEntry) -> StoreResult<()> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                sqlx::query("DELETE FROM newsroom_contacts WHERE list_id = $1").bind(list_id).execute(&mut *tx).await.map_err(db_err)?;
                for c in contacts {
                    sqlx::query("INSERT INTO newsroom_contacts (list_id, name, email, outlet) VALUES ($1, $2, $3, $4)")
                        .bind(list_id).bind(&c.name).bind(&c.email).bind(&c.outlet)
                        .execute(&mut *tx).await.map_err(db_err)?;
                }
                write_audit(&mut tx, audit).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(())
            }

            async fn contacts(&self, list_id: i64) -> StoreResult<Vec<Contact>> {
                let rows = sqlx::query("SELECT name, email, outlet FROM newsroom_contacts WHERE list_id = $1 ORDER BY id")
                    .bind(list_id).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(|r| Ok(Contact {
                    name: r.try_get("name").map_err(db_err)?,
                    email: r.try_get("email").map_err(db_err)?,
                    outlet: r.try_get("outlet").map_err(db_err)?,
                })).collect()
            }

            async fn insert_distribution(&self, item_id: i64, list: &MediaList, embargo: bool, contacts: &[Contact], job: &NewJob, by: &str, at: Millis, audit: &AuditEntry) -> StoreResult<Distribution> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO newsroom_distributions (item_id, list_id, list_name, embargo, sent_by, sent_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(item_id).bind(list.id).bind(&list.name).bind(i64::from(embargo)).bind(by).bind(at)
                .fetch_one(&mut *tx).await.map_err(db_err)?;
                for c in contacts {
                    sqlx::query(
                        "INSERT INTO newsroom_deliveries (distribution_id, item_id, name, email, outlet, status, attempts, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, 'queued', 0, $6)",
                    )
                    .bind(id).bind(item_id).bind(&c.name).bind(&c.email).bind(&c.outlet).bind(at)
                    .execute(&mut *tx).await.map_err(db_err)?;
                }
                let payload = serde_json::json!({ "distribution_id": id });
                sqlx::query(
                    "INSERT INTO jobs (kind, payload, status, attempts, max_attempts, run_at, dedupe_key, created_at, updated_at) \
                     VALUES ($1, $2, 'queued', 0, $3, $4, NULL, $5, $5)",
                )
                .bind(&job.kind).bind(payload.to_string()).bind(job.max_attempts.max(1)).bind(job.run_at).bind(at)
                .execute(&mut *tx).await.map_err(db_err)?;
                write_audit(&mut tx, audit).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(Distribution {
                    id, item_id, list_name: list.name.clone(), embargo, sent_by: by.to_owned(), sent_at: at,
                    queued: contacts.len() as i64, sent: 0, failed: 0,
                })
            }

            async fn distributions(&self, item_id: i64) -> StoreResult<Vec<Distribution>> {
                let rows = sqlx::query(
                    "SELECT d.id, d.item_id, d.list_name, d.embargo, d.sent_by, d.sent_at, \
                     (SELECT COUNT(*) FROM newsroom_deliveries x WHERE x.distribution_id = d.id AND x.status = 'queued') AS queued, \
                     (SELECT COUNT(*) FROM newsroom_deliveries x WHERE x.distribution_id = d.id AND x.status = 'sent') AS sent, \
                     (SELECT COUNT(*) FROM newsroom_deliveries x WHERE x.distribution_id = d.id AND x.status = 'failed') AS failed \
                     FROM newsroom_distributions d WHERE d.item_id = $1 ORDER BY d.id DESC",
                )
                .bind(item_id).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(|r| {
                    let embargo: i64 = r.try_get("embargo").map_err(db_err)?;
                    Ok(Distribution {
                        id: r.try_get("id").map_err(db_err)?,
                        item_id: r.try_get("item_id").map_err(db_err)?,
                        list_name: r.try_get("list_name").map_err(db_err)?,
                        embargo: embargo != 0,
                        sent_by: r.try_get("sent_by").map_err(db_err)?,
                        sent_at: r.try_get("sent_at").map_err(db_err)?,
                        queued: r.try_get("queued").map_err(db_err)?,
                        sent: r.try_get("sent").map_err(db_err)?,
                        failed: r.try_get("failed").map_err(db_err)?,
                    })
                }).collect()
            }

            async fn release_deliveries(&self, distribution_id: i64) -> StoreResult<Vec<DeliveryRow>> {
                let sql = format!("SELECT {DELIVERY_COLS} FROM newsroom_deliveries WHERE distribution_id = $1 ORDER BY id");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(distribution_id).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(delivery_from).collect()
            }

            async fn set_delivery(&self, id: i64, status: &str, error: Option<&str>, at: Millis) -> StoreResult<()> {
                sqlx::query("UPDATE newsroom_deliveries SET status = $1, error = $2, attempts = attempts + 1, updated_at = $3 WHERE id = $4")
                    .bind(status).bind(error).bind(at).bind(id)
                    .execute(&self.pool).await.map_err(db_err)?;
                Ok(())
            }

            async fn insert_comment(&self, c: &NewComment, audit: Option<&AuditEntry>) -> StoreResult<Comment> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let decided_at = c.decided_by.as_ref().map(|_| c.created_at);
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO newsroom_comments (item_id, parent_id, name, email, body, status, official, ip_hash, score, reasons, reports, created_at, decided_by, decided_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13) RETURNING id",
                )
                .bind(c.item_id).bind(c.parent_id).bind(&c.name).bind(&c.email).bind(&c.body).bind(c.status.as_str())
                .bind(i64::from(c.official)).bind(&c.ip_hash).bind(c.score).bind(to_json(&c.reasons)).bind(c.created_at)
                .bind(&c.decided_by).bind(decided_at)
                .fetch_one(&mut *tx).await.map_err(db_err)?;
                if let Some(a) = audit {
                    write_audit(&mut tx, a).await?;
                }
                tx.commit().await.map_err(db_err)?;
                Ok(Comment {
                    id, item_id: c.item_id, parent_id: c.parent_id, name: c.name.clone(), email: c.email.clone(),
                    body: c.body.clone(), status: c.status, official: c.official, ip_hash: c.ip_hash.clone(),
                    score: c.score, reasons: c.reasons.clone(), reports: 0, created_at: c.created_at,
                    decided_by: c.decided_by.clone(), decided_at,
                })
            }

            async fn comment_by_id(&self, id: i64) -> StoreResult<Option<Comment>> {
                let sql = format!("SELECT {COMMENT_COLS} FROM newsroom_comments c WHERE c.id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await.map_err(db_err)?;
                row.as_ref().map(comment_from).transpose()
            }

            async fn public_comments(&self, item_id: i64) -> StoreResult<Vec<Comment>> {
                let sql = format!("SELECT {COMMENT_COLS} FROM newsroom_comments c WHERE c.item_id = $1 AND c.status = 'approved' ORDER BY c.id LIMIT 500");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(item_id).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(comment_from).collect()
            }

            async fn comment_queue(&self, scope: &Scope, status: Option<CommentStatus>, page: PageReq) -> StoreResult<Page<QueuedComment>> {
                let (eq, like) = scope.sql_params();
                let st = status.map(|s| s.as_str()).unwrap_or("");
                let from = "newsroom_comments c JOIN newsroom_items i ON i.id = c.item_id JOIN orgs o ON o.id = i.org_id";
                let cond = "($1 = '' OR o.code = $1 OR o.code LIKE $2) AND ($3 = '' OR c.status = $3) AND c.official = 0";
                let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {from} WHERE {cond}")))
                    .bind(&eq).bind(&like).bind(st).fetch_one(&self.pool).await.map_err(db_err)?;
                let sql = format!(
                    "SELECT {COMMENT_COLS}, o.code AS org_code, i.id AS i_id, i.slug AS i_slug, i.title AS i_title \
                     FROM {from} WHERE {cond} ORDER BY c.id DESC LIMIT $4 OFFSET $5"
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(&eq).bind(&like).bind(st).bind(page.limit()).bind(page.offset())
                    .fetch_all(&self.pool).await.map_err(db_err)?;
                Ok(Page { items: rows.iter().map(queued_from).collect::<StoreResult<_>>()?, total, page: page.page, per_page: page.per_page })
            }

            async fn decide_comment(&self, id: i64, from: CommentStatus, to: CommentStatus, by: &str, at: Millis, audit: &AuditEntry) -> StoreResult<Option<Comment>> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let r = sqlx::query("UPDATE newsroom_comments SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4 AND status = $5")
                    .bind(to.as_str()).bind(by).bind(at).bind(id).bind(from.as_str())
                    .execute(&mut *tx).await.map_err(db_err)?;
                if r.rows_affected() != 1 {
                    return Ok(None);
                }
                write_audit(&mut tx, audit).await?;
                let sql = format!("SELECT {COMMENT_COLS} FROM newsroom_comments c WHERE c.id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *tx).await.map_err(db_err)?;
                let c = row.as_ref().map(comment_from).transpose()?;
                tx.commit().await.map_err(db_err)?;
                Ok(c)
            }

            async fn report_comment(&self, id: i64, audit: &AuditEntry) -> StoreResult<()> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                sqlx::query("UPDATE newsroom_comments SET reports = reports + 1 WHERE id = $1")
                    .bind(id).execute(&mut *tx).await.map_err(db_err)?;
                write_audit(&mut tx, audit).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(())
            }

            async fn recent_comment_texts(&self, item_id: i64, ip_hash: &str, since: Millis) -> StoreResult<Vec<String>> {
                let texts: Vec<String> = sqlx::query_scalar(
                    "SELECT body FROM newsroom_comments WHERE (item_id = $1 OR ip_hash = $2) AND created_at >= $3 AND official = 0 ORDER BY id DESC LIMIT 50",
                )
                .bind(item_id).bind(ip_hash).bind(since)
                .fetch_all(&self.pool).await.map_err(db_err)?;
                Ok(texts)
            }

            async fn items_published_since(&self, since: Millis) -> StoreResult<Vec<NewsItem>> {
                let sql = format!("SELECT {ITEM_COLS} FROM {ITEM_FROM} WHERE i.status IN ('published', 'corrected') \
                    AND i.published_at >= $1 ORDER BY i.published_at, i.id");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(since).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(item_from).collect()
            }

            async fn insert_pickups(&self, rows: &[NewPickup]) -> StoreResult<Vec<NewPickup>> {
                let mut fresh = Vec::new();
                if rows.is_empty() {
                    return Ok(fresh);
                }
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                for p in rows {
                    let done = sqlx::query(
                        "INSERT INTO newsroom_pickups (item_id, article_id, similarity, found_at) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (item_id, article_id) DO NOTHING",
                    )
                    .bind(p.item_id).bind(p.article_id).bind(p.similarity).bind(p.found_at)
                    .execute(&mut *tx).await.map_err(db_err)?;
                    if done.rows_affected() > 0 {
                        fresh.push(*p);
                    }
                }
                tx.commit().await.map_err(db_err)?;
                Ok(fresh)
            }

            async fn item_pickups(&self, item_id: i64) -> StoreResult<Vec<Pickup>> {
                let rows = sqlx::query(
                    "SELECT p.article_id, a.title, a.outlet, a.url, a.published_at, p.similarity, p.found_at \
                     FROM newsroom_pickups p JOIN monitor_articles a ON a.id = p.article_id \
                     WHERE p.item_id = $1 ORDER BY p.similarity DESC, a.published_at, a.id LIMIT 1000",
                )
                .bind(item_id).fetch_all(&self.pool).await.map_err(db_err)?;
                rows.iter().map(|r| Ok(Pickup {
                    article_id: r.try_get("article_id").map_err(db_err)?,
                    title: r.try_get("title").map_err(db_err)?,
                    outlet: r.try_get("outlet").map_err(db_err)?,
                    url: r.try_get("url").map_err(db_err)?,
                    published_at: r.try_get("published_at").map_err(db_err)?,
                    similarity: r.try_get("similarity").map_err(db_err)?,
                    found_at: r.try_get("found_at").map_err(db_err)?,
                })).collect()
            }
        }
    };
}

pub(crate) use impl_newsroom_store;
