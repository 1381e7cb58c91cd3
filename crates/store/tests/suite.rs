//! One store test-suite, run against SQLite and (when `SINERGI_TEST_DATABASE_URL` is set)
//! PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use sinergi_core::auth::Session;
use sinergi_core::error::StoreError;
use sinergi_core::jobs::{Job, JobContext, JobHandler, JobRunner, JobStatus, NewJob, RunnerConfig};
use sinergi_core::network::user::UserRecord;
use sinergi_core::network::{
    AuditEntry, AuditFilter, OrgFilter, OrgLevel, Role, Scope, UserFilter,
};
use sinergi_core::page::PageReq;
use sinergi_core::store::Store;
use sinergi_core::time::now_millis;
use sinergi_store::testing;

async fn sqlite() -> Arc<dyn Store> {
    sinergi_store::open(None, &testing::temp_dir())
        .await
        .expect("sqlite")
}

async fn postgres() -> Option<(Arc<dyn Store>, String)> {
    let Some(base) = testing::pg_url() else {
        eprintln!("SINERGI_TEST_DATABASE_URL not set: PostgreSQL part skipped");
        return None;
    };
    let url = testing::fresh_pg_database(&base)
        .await
        .expect("fresh database");
    let store = sinergi_store::open(Some(&url), &testing::temp_dir())
        .await
        .expect("postgres");
    Some((store, url))
}

/// Runs `f` on SQLite and, when configured, PostgreSQL.
macro_rules! both {
    ($name:ident, $f:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$f(super::sqlite().await).await;
            }
            #[tokio::test]
            async fn postgres() {
                if let Some((s, _)) = super::postgres().await {
                    super::$f(s).await;
                }
            }
        }
    };
}

fn audit(action: &str, org: &str) -> AuditEntry {
    AuditEntry {
        at: now_millis(),
        actor_user_id: None,
        actor: "uji".into(),
        org_code: Some(org.into()),
        action: action.into(),
        entity: "user".into(),
        entity_id: String::new(),
        before: None,
        after: Some(serde_json::json!({"k": "v"})),
        ip: Some("127.0.0.1".into()),
    }
}

async fn seeded(store: &Arc<dyn Store>) {
    let orgs = sinergi_core::network::regions::seed().unwrap();
    assert_eq!(store.seed_orgs(&orgs).await.unwrap(), 553);
}

async fn user_rec(store: &Arc<dyn Store>, org: &str, email: &str, nip: Option<&str>) -> UserRecord {
    UserRecord {
        org_id: store.org_by_code(org).await.unwrap().unwrap().id,
        email: email.into(),
        name: format!("Nama {email}"),
        nip: nip.map(Into::into),
        phone: None,
        position: None,
        role: Role::Officer,
    }
}

async fn orgs_seed_and_query(store: Arc<dyn Store>) {
    seeded(&store).await;
    // Seeding again adds nothing (two instances may both try at start).
    let orgs = sinergi_core::network::regions::seed().unwrap();
    assert_eq!(store.seed_orgs(&orgs).await.unwrap(), 0);
    assert_eq!(store.count_orgs().await.unwrap(), 553);
    let jabar = store.org_by_code("32").await.unwrap().unwrap();
    assert_eq!(
        (jabar.name.as_str(), jabar.level),
        ("Jawa Barat", OrgLevel::Province)
    );
    let kids = store
        .list_orgs(
            &OrgFilter {
                parent_code: Some("32".into()),
                ..Default::default()
            },
            PageReq::new(Some(1), Some(200)),
        )
        .await
        .unwrap();
    assert_eq!(kids.total, 27);
    assert!(
        kids.items
            .iter()
            .any(|o| o.code == "32.73" && o.level == OrgLevel::City)
    );
    // Search is case-insensitive and treats LIKE wildcards literally.
    let found = store
        .list_orgs(
            &OrgFilter {
                q: Some("BANDUNG".into()),
                ..Default::default()
            },
            PageReq::default(),
        )
        .await
        .unwrap();
    let codes: HashSet<_> = found.items.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(codes, HashSet::from(["32.04", "32.17", "32.73"]));
    let none = store
        .list_orgs(
            &OrgFilter {
                q: Some("%".into()),
                ..Default::default()
            },
            PageReq::default(),
        )
        .await
        .unwrap();
    assert_eq!(none.total, 0);
    // Pagination.
    let p2 = store
        .list_orgs(
            &OrgFilter {
                level: Some(OrgLevel::Province),
                ..Default::default()
            },
            PageReq::new(Some(2), Some(10)),
        )
        .await
        .unwrap();
    assert_eq!(
        (p2.total, p2.items.len(), p2.items[0].code.as_str()),
        (38, 10, "31")
    );
}
both!(orgs, orgs_seed_and_query);

async fn users_and_audit(store: Arc<dyn Store>) {
    seeded(&store).await;
    let now = now_millis();
    let rec = user_rec(
        &store,
        "32.73",
        "agus@bandung.go.id",
        Some("198808082014031006"),
    )
    .await;
    let u = store
        .insert_user(&rec, "hash", now, &audit("user.create", "32.73"))
        .await
        .unwrap();
    assert_eq!(
        (u.org_code.as_str(), u.role, u.active),
        ("32.73", Role::Officer, true)
    );

    // Unique e-mail and NIP are reported by field, and nothing is written (no audit either).
    let dup = user_rec(&store, "32.01", "agus@bandung.go.id", None).await;
    match store
        .insert_user(&dup, "h", now, &audit("user.create", "32.01"))
        .await
    {
        Err(StoreError::Unique(f)) => assert!(f.contains("email"), "{f}"),
        other => panic!("expected unique violation, got {other:?}"),
    }
    let dup_nip = user_rec(
        &store,
        "32.01",
        "lain@bogor.go.id",
        Some("198808082014031006"),
    )
    .await;
    match store
        .insert_user(&dup_nip, "h", now, &audit("user.create", "32.01"))
        .await
    {
        Err(StoreError::Unique(f)) => assert!(f.contains("nip"), "{f}"),
        other => panic!("expected unique violation, got {other:?}"),
    }
    let log = store
        .list_audit(&Scope::All, &AuditFilter::default(), PageReq::default())
        .await
        .unwrap();
    assert_eq!(log.total, 1, "failed inserts leave no audit entry");
    assert_eq!(
        log.items[0].entry.entity_id,
        u.id.to_string(),
        "new id filled in"
    );

    for (org, email) in [
        ("32.01", "lestari@bogor.go.id"),
        ("32", "siti@jabar.go.id"),
        ("35.78", "putri@surabaya.go.id"),
    ] {
        let r = user_rec(&store, org, email, None).await;
        store
            .insert_user(&r, "h", now, &audit("user.create", org))
            .await
            .unwrap();
    }
    // Scope: province sees itself and its regencies; a regency only itself.
    let count = |scope: Scope| {
        let store = store.clone();
        async move {
            store
                .list_users(&scope, &UserFilter::default(), PageReq::default())
                .await
                .unwrap()
                .total
        }
    };
    assert_eq!(count(Scope::All).await, 4);
    assert_eq!(count(Scope::Province("32".into())).await, 3);
    assert_eq!(count(Scope::Exact("32.73".into())).await, 1);
    assert_eq!(count(Scope::Province("35".into())).await, 1);
    let audit_jabar = store
        .list_audit(
            &Scope::Province("32".into()),
            &AuditFilter::default(),
            PageReq::default(),
        )
        .await
        .unwrap();
    assert_eq!(audit_jabar.total, 3);

    // Filters.
    let f = UserFilter {
        q: Some("LESTARI".into()),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_users(&Scope::All, &f, PageReq::default())
            .await
            .unwrap()
            .total,
        1
    );
    let f = UserFilter {
        q: Some("198808".into()),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_users(&Scope::All, &f, PageReq::default())
            .await
            .unwrap()
            .items[0]
            .id,
        u.id
    );

    // Update, deactivate; both audited in the same transaction.
    let mut changed = rec.clone();
    changed.name = "Agus Pratama".into();
    changed.role = Role::Head;
    let u2 = store
        .update_user(u.id, &changed, now + 1, &audit("user.update", "32.73"))
        .await
        .unwrap();
    assert_eq!((u2.name.as_str(), u2.role), ("Agus Pratama", Role::Head));
    let u3 = store
        .set_user_active(u.id, false, now + 2, &audit("user.deactivate", "32.73"))
        .await
        .unwrap();
    assert!(!u3.active);
    let inactive = UserFilter {
        active: Some(false),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_users(&Scope::All, &inactive, PageReq::default())
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        store.count_users(&Scope::All).await.unwrap(),
        3,
        "counts active users"
    );
    assert!(matches!(
        store
            .update_user(999_999, &changed, now, &audit("user.update", "32.73"))
            .await,
        Err(StoreError::NotFound)
    ));
    let f = AuditFilter {
        action: Some("user.deactivate".into()),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_audit(&Scope::All, &f, PageReq::default())
            .await
            .unwrap()
            .total,
        1
    );
    let f = AuditFilter {
        from: Some(now + 10_000_000),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_audit(&Scope::All, &f, PageReq::default())
            .await
            .unwrap()
            .total,
        0
    );
}
both!(users, users_and_audit);

async fn sessions_and_tokens(store: Arc<dyn Store>) {
    seeded(&store).await;
    let now = now_millis();
    let r = user_rec(&store, "pusat", "rina@pusat.go.id", None).await;
    let u = store
        .insert_user(&r, "h", now, &audit("user.create", "pusat"))
        .await
        .unwrap();
    let s = Session {
        id_hash: "abc".into(),
        user_id: u.id,
        csrf_token: "t".into(),
        created_at: now,
        expires_at: now + 1000,
    };
    store.insert_session(&s).await.unwrap();
    assert_eq!(
        store.session("abc", now).await.unwrap().unwrap().user_id,
        u.id
    );
    assert!(
        store.session("abc", now + 2000).await.unwrap().is_none(),
        "expired"
    );
    assert_eq!(store.purge_sessions(now + 2000).await.unwrap(), 1);
    store
        .insert_session(&Session {
            id_hash: "def".into(),
            ..s.clone()
        })
        .await
        .unwrap();
    assert_eq!(store.delete_user_sessions(u.id).await.unwrap(), 1);

    let t = store
        .insert_token(u.id, "uji", "hash1", now, &audit("token.create", "pusat"))
        .await
        .unwrap();
    let (found, owner) = store.token_by_hash("hash1").await.unwrap().unwrap();
    assert_eq!((found.id, owner.id), (t.id, u.id));
    assert!(
        store
            .revoke_token(t.id, now, &audit("token.revoke", "pusat"))
            .await
            .unwrap()
    );
    assert!(
        !store
            .revoke_token(t.id, now, &audit("token.revoke", "pusat"))
            .await
            .unwrap(),
        "already revoked"
    );
    assert!(store.token_by_hash("hash1").await.unwrap().is_none());
    assert_eq!(store.list_tokens(u.id).await.unwrap().len(), 1);
}
both!(sessions, sessions_and_tokens);

async fn jobs_lifecycle(store: Arc<dyn Store>) {
    let t0 = now_millis();
    let id = store
        .enqueue_job(&NewJob {
            run_at: t0,
            ..NewJob::now("uji.a", serde_json::json!({"n": 1}))
        })
        .await
        .unwrap()
        .unwrap();
    // Dedupe keys enqueue once.
    let keyed = NewJob {
        dedupe_key: Some("harian:2026-11-26".into()),
        ..NewJob::now("uji.b", serde_json::json!({}))
    };
    assert!(store.enqueue_job(&keyed).await.unwrap().is_some());
    assert!(store.enqueue_job(&keyed).await.unwrap().is_none());
    // Kind filter.
    assert!(
        store
            .claim_job("w1", &["lain".into()], t0 + 10, t0 + 1000)
            .await
            .unwrap()
            .is_none()
    );
    let j = store
        .claim_job("w1", &["uji.a".into()], t0 + 10, t0 + 1000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((j.id, j.status, j.attempts), (id, JobStatus::Running, 1));
    assert_eq!(j.payload["n"], 1);
    // Nobody else gets it while the lease holds; a heartbeat extends it.
    assert!(
        store
            .claim_job("w2", &["uji.a".into()], t0 + 20, t0 + 1000)
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.heartbeat_job(id, "w1", t0 + 5000).await.unwrap());
    assert!(
        !store.heartbeat_job(id, "w2", t0 + 5000).await.unwrap(),
        "only the holder"
    );
    // Failure with retry: back in the queue at the retry time, not before.
    assert!(
        store
            .fail_job(id, "w1", "galat sementara", Some(t0 + 100), t0 + 30)
            .await
            .unwrap()
    );
    assert!(
        store
            .claim_job("w2", &["uji.a".into()], t0 + 50, t0 + 1000)
            .await
            .unwrap()
            .is_none()
    );
    let j = store
        .claim_job("w2", &["uji.a".into()], t0 + 100, t0 + 1000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (j.attempts, j.last_error.as_deref()),
        (2, Some("galat sementara"))
    );
    // A killed worker: the lease expires and another worker takes the job over.
    let j = store
        .claim_job("w3", &["uji.a".into()], t0 + 1001, t0 + 2000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((j.attempts, j.locked_by.as_deref()), (3, Some("w3")));
    assert!(
        !store.complete_job(id, "w2", t0 + 1002).await.unwrap(),
        "the old worker lost it"
    );
    assert!(store.complete_job(id, "w3", t0 + 1002).await.unwrap());
    assert_eq!(
        store.job_by_id(id).await.unwrap().unwrap().status,
        JobStatus::Done
    );

    // Dead-letter after max attempts, then requeue by an administrator.
    let nj = NewJob {
        max_attempts: 2,
        run_at: t0,
        ..NewJob::now("uji.c", serde_json::json!({}))
    };
    let id = store.enqueue_job(&nj).await.unwrap().unwrap();
    let kinds = vec!["uji.c".to_owned()];
    store
        .claim_job("w", &kinds, t0 + 10, t0 + 20)
        .await
        .unwrap()
        .unwrap();
    store
        .fail_job(id, "w", "gagal 1", Some(t0 + 10), t0 + 11)
        .await
        .unwrap();
    store
        .claim_job("w", &kinds, t0 + 12, t0 + 20)
        .await
        .unwrap()
        .unwrap();
    store
        .fail_job(id, "w", "gagal 2", None, t0 + 13)
        .await
        .unwrap();
    assert_eq!(
        store.job_by_id(id).await.unwrap().unwrap().status,
        JobStatus::Dead
    );
    assert!(
        store
            .claim_job("w", &kinds, t0 + 100, t0 + 200)
            .await
            .unwrap()
            .is_none()
    );
    let counts = store.job_counts().await.unwrap();
    assert_eq!((counts.dead, counts.done, counts.queued), (1, 1, 1));
    assert_eq!(
        store
            .list_jobs(Some(JobStatus::Dead), PageReq::default())
            .await
            .unwrap()
            .items[0]
            .id,
        id
    );
    assert!(
        store
            .requeue_dead_job(id, t0 + 300, &audit("job.requeue", "pusat"))
            .await
            .unwrap()
    );
    assert!(
        !store
            .requeue_dead_job(id, t0 + 300, &audit("job.requeue", "pusat"))
            .await
            .unwrap()
    );
    let j = store
        .claim_job("w", &kinds, t0 + 301, t0 + 400)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(j.attempts, 1);
    // A job whose last attempt's worker died is dead-lettered when its lease runs out.
    let nj = NewJob {
        max_attempts: 1,
        run_at: t0,
        ..NewJob::now("uji.d", serde_json::json!({}))
    };
    let id = store.enqueue_job(&nj).await.unwrap().unwrap();
    store
        .claim_job("w", &["uji.d".into()], t0 + 10, t0 + 20)
        .await
        .unwrap()
        .unwrap();
    assert!(
        store
            .claim_job("w", &["uji.d".into()], t0 + 30, t0 + 40)
            .await
            .unwrap()
            .is_none()
    );
    let dead = store.job_by_id(id).await.unwrap().unwrap();
    assert_eq!(dead.status, JobStatus::Dead);
    assert!(dead.last_error.unwrap().contains("lease expired"));
}
both!(jobs, jobs_lifecycle);

async fn audit_is_append_only_sqlite(store: Arc<dyn Store>) {
    store
        .insert_audit(&audit("user.create", "pusat"))
        .await
        .unwrap();
    assert_eq!(
        store
            .list_audit(&Scope::All, &AuditFilter::default(), PageReq::default())
            .await
            .unwrap()
            .total,
        1
    );
}
both!(audit_insert, audit_is_append_only_sqlite);

/// Counts runs per job id; fails the first attempt of every job whose id is divisible by 7.
struct Counting {
    runs: Arc<std::sync::Mutex<Vec<i64>>>,
}

#[async_trait]
impl JobHandler for Counting {
    async fn run(&self, _ctx: &JobContext, job: &Job) -> Result<(), String> {
        tokio::time::sleep(Duration::from_millis(2)).await;
        if job.id % 7 == 0 && job.attempts == 1 {
            return Err("gagal percobaan pertama".into());
        }
        self.runs.lock().unwrap().push(job.id);
        Ok(())
    }
}

/// Two workers (each with its own connection pool, as two instances would have) drain one
/// queue: every job completes exactly once.
async fn two_workers_each_job_once(a: Arc<dyn Store>, b: Arc<dyn Store>) {
    let n = 120;
    for i in 0..n {
        a.enqueue_job(&NewJob::now("uji.sekali", serde_json::json!({ "i": i })))
            .await
            .unwrap();
    }
    let runs = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut handles = Vec::new();
    for (name, store) in [("instans-a", a.clone()), ("instans-b", b.clone())] {
        let mut cfg = RunnerConfig::new(name);
        cfg.backoff_base_ms = 1;
        let mut runner = JobRunner::new(store, cfg);
        runner.register("uji.sekali", Arc::new(Counting { runs: runs.clone() }));
        handles.push(tokio::spawn(async move {
            let mut idle = 0;
            while idle < 20 {
                if runner.run_once().await.unwrap() {
                    idle = 0;
                } else {
                    idle += 1;
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            }
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let runs = runs.lock().unwrap().clone();
    let distinct: HashSet<_> = runs.iter().collect();
    assert_eq!(runs.len(), n, "every job ran to success once");
    assert_eq!(distinct.len(), n, "no job ran twice");
    let c = a.job_counts().await.unwrap();
    assert_eq!((c.done, c.queued, c.running, c.dead), (n as i64, 0, 0, 0));
}

#[tokio::test]
async fn two_workers_sqlite() {
    let dir = testing::temp_dir();
    let a = sinergi_store::open(None, &dir).await.unwrap();
    let b = sinergi_store::open(None, &dir).await.unwrap();
    two_workers_each_job_once(a, b).await;
}

#[tokio::test]
async fn two_workers_postgres_skip_locked() {
    let Some((a, url)) = postgres().await else {
        return;
    };
    let b = sinergi_store::open(Some(&url), &testing::temp_dir())
        .await
        .unwrap();
    two_workers_each_job_once(a, b).await;
}

/// Two instances starting at once on an empty database: migrations run once (advisory lock)
/// and the directory is seeded once.
#[tokio::test]
async fn concurrent_start_postgres() {
    let Some(base) = testing::pg_url() else {
        eprintln!("SINERGI_TEST_DATABASE_URL not set: PostgreSQL part skipped");
        return;
    };
    let url = testing::fresh_pg_database(&base).await.unwrap();
    let (da, db) = (testing::temp_dir(), testing::temp_dir());
    let (a, b) = tokio::join!(
        sinergi_store::open(Some(&url), &da),
        sinergi_store::open(Some(&url), &db)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let orgs = sinergi_core::network::regions::seed().unwrap();
    let (x, y) = tokio::join!(a.seed_orgs(&orgs), b.seed_orgs(&orgs));
    let added = x.unwrap_or(0) + y.unwrap_or(0);
    assert_eq!(a.count_orgs().await.unwrap(), 553);
    assert!(added <= 553);
}

/// The audit log cannot be edited, even with direct SQL.
#[tokio::test]
async fn audit_log_rejects_updates_postgres() {
    let Some((store, url)) = postgres().await else {
        return;
    };
    store
        .insert_audit(&audit("user.create", "pusat"))
        .await
        .unwrap();
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    assert!(
        sqlx::query("UPDATE audit_log SET actor = 'x'")
            .execute(&pool)
            .await
            .is_err()
    );
    assert!(
        sqlx::query("DELETE FROM audit_log")
            .execute(&pool)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn audit_log_rejects_updates_sqlite() {
    let dir = testing::temp_dir();
    let store = sinergi_store::open(None, &dir).await.unwrap();
    store
        .insert_audit(&audit("user.create", "pusat"))
        .await
        .unwrap();
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.join("sinergi.db").display()))
        .await
        .unwrap();
    assert!(
        sqlx::query("UPDATE audit_log SET actor = 'x'")
            .execute(&pool)
            .await
            .is_err()
    );
    assert!(
        sqlx::query("DELETE FROM audit_log")
            .execute(&pool)
            .await
            .is_err()
    );
}

/// Never finishes: stands for a worker that hangs or whose process is killed mid-job.
struct Hangs;

#[async_trait]
impl JobHandler for Hangs {
    async fn run(&self, _ctx: &JobContext, _job: &Job) -> Result<(), String> {
        std::future::pending::<()>().await;
        Ok(())
    }
}

struct Finishes(Arc<std::sync::Mutex<Vec<(i64, i32)>>>);

#[async_trait]
impl JobHandler for Finishes {
    async fn run(&self, _ctx: &JobContext, job: &Job) -> Result<(), String> {
        self.0.lock().unwrap().push((job.id, job.attempts));
        Ok(())
    }
}

/// A worker is killed while running a job; once its lease expires another worker takes the job
/// over and completes it.
async fn killed_worker_job_is_taken_over(a: Arc<dyn Store>, b: Arc<dyn Store>) {
    let id = a
        .enqueue_job(&NewJob::now("uji.lama", serde_json::json!({})))
        .await
        .unwrap()
        .unwrap();
    let mut cfg = RunnerConfig::new("akan-mati");
    cfg.lease = Duration::from_millis(300);
    let mut doomed = JobRunner::new(a.clone(), cfg);
    doomed.register("uji.lama", Arc::new(Hangs));
    let task = tokio::spawn(async move { doomed.run_once().await });
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(
        a.job_by_id(id).await.unwrap().unwrap().locked_by.as_deref(),
        Some("akan-mati")
    );
    task.abort(); // the process dies: no more heartbeats
    let _ = task.await;

    let done = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut survivor = JobRunner::new(b.clone(), RunnerConfig::new("penerus"));
    survivor.register("uji.lama", Arc::new(Finishes(done.clone())));
    // Not before the lease runs out.
    assert!(!survivor.run_once().await.unwrap());
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(survivor.run_once().await.unwrap());
    assert_eq!(done.lock().unwrap().clone(), vec![(id, 2)]);
    assert_eq!(
        b.job_by_id(id).await.unwrap().unwrap().status,
        JobStatus::Done
    );
}

#[tokio::test]
async fn killed_worker_sqlite() {
    let dir = testing::temp_dir();
    let a = sinergi_store::open(None, &dir).await.unwrap();
    let b = sinergi_store::open(None, &dir).await.unwrap();
    killed_worker_job_is_taken_over(a, b).await;
}

#[tokio::test]
async fn killed_worker_postgres() {
    let Some((a, url)) = postgres().await else {
        return;
    };
    let b = sinergi_store::open(Some(&url), &testing::temp_dir())
        .await
        .unwrap();
    killed_worker_job_is_taken_over(a, b).await;
}
