//! `sinergi serve`: opens the store, seeds the directory, starts the job worker and the web
//! server, and shuts down cleanly on Ctrl-C or SIGTERM.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;
use sinergi_core::Core;
use sinergi_core::jobs::{Job, JobContext, JobHandler, JobRunner, NewJob};
use sinergi_core::network::{Scope, UserInput};
use sinergi_core::time::now_millis;
use tokio::sync::watch;

use crate::config::Config;

pub const PURGE_SESSIONS: &str = "maintenance.purge_sessions";

/// Deletes expired sessions. Runs hourly through the durable queue, so with several instances
/// exactly one of them does it each hour.
struct PurgeSessions;

#[async_trait]
impl JobHandler for PurgeSessions {
    async fn run(&self, ctx: &JobContext, _job: &Job) -> Result<(), String> {
        let n = ctx
            .store
            .purge_sessions(now_millis())
            .await
            .map_err(|e| e.to_string())?;
        tracing::info!(purged = n, "expired sessions purged");
        Ok(())
    }
}

pub async fn open_core(cfg: &Config) -> anyhow::Result<Arc<Core>> {
    open_core_with(cfg, sinergi_core::notify::Channels::default(), None).await
}

/// Opens the store and the core. `searcher` enables Pantau Media search; only processes that
/// run the pipeline open it (tantivy allows one writer per index folder).
pub async fn open_core_with(
    cfg: &Config,
    channels: sinergi_core::notify::Channels,
    searcher: Option<Arc<sinergi_monitor::Searcher>>,
) -> anyhow::Result<Arc<Core>> {
    let url = Some(cfg.database_url.as_str()).filter(|u| !u.is_empty());
    let store = sinergi_store::open(url, &cfg.data_dir)
        .await
        .with_context(|| {
            format!(
                "membuka basis data ({})",
                url.map(sinergi_store::redact_url).unwrap_or_else(|| cfg
                    .data_dir
                    .join("sinergi.db")
                    .display()
                    .to_string())
            )
        })?;
    let mut core_cfg = cfg.core();
    core_cfg.channels = channels;
    let blobs = cfg
        .files
        .open(&cfg.data_dir)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("membuka penyimpanan berkas [files] (opening file storage)")?;
    let files = sinergi_core::FileService {
        blobs,
        scanner: Arc::new(sinergi_core::files::NoScan),
        max_bytes: cfg.upload_max_mb.clamp(1, 512) * 1024 * 1024,
    };
    let mut core = Core::new(store, core_cfg)
        .with_files(files)
        .with_url_policy(Arc::new(sinergi_monitor::FetchPolicy(cfg.fetch.clone())));
    if let Some(s) = searcher {
        core = core.with_index(s);
    }
    let core = Arc::new(core);
    let added = core
        .bootstrap()
        .await
        .context("mengisi direktori organisasi")?;
    if added > 0 {
        tracing::info!(
            added,
            "organisation directory created from Kemendagri codes"
        );
    }
    Ok(core)
}

/// On a clean start, creates the first administrator and prints a one-time password.
async fn ensure_first_admin(core: &Core, cfg: &Config) -> anyhow::Result<()> {
    if core.store().count_users(&Scope::All).await? > 0 {
        return Ok(());
    }
    let system = core.system_actor("system").await?;
    let input = UserInput {
        org_code: "pusat".into(),
        email: cfg.admin_email.clone(),
        name: "Administrator".into(),
        role: "admin".into(),
        ..Default::default()
    };
    match core.create_user(&system, &input, None).await {
        Ok((user, Some(password))) => {
            println!();
            println!("  Administrator pertama dibuat.");
            println!("  Email      : {}", user.email);
            println!(
                "  Kata sandi : {password}   (ditampilkan sekali; segera ganti setelah masuk)"
            );
            println!();
        }
        Ok(_) => {}
        // Another instance created it at the same moment.
        Err(sinergi_core::CoreError::Validation(_)) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

pub const CRISIS_OVERDUE: &str = "crisis.overdue_scan";

/// Alerts owners of crisis cases that passed a response target.
struct CrisisOverdue(Arc<Core>);

#[async_trait]
impl JobHandler for CrisisOverdue {
    async fn run(&self, _ctx: &JobContext, _job: &Job) -> Result<(), String> {
        let n = self
            .0
            .alert_overdue_cases()
            .await
            .map_err(|e| e.to_string())?;
        if n > 0 {
            tracing::info!(alerts = n, "overdue crisis cases alerted");
        }
        Ok(())
    }
}

async fn schedule_periodic(core: Arc<Core>, mut shutdown: watch::Receiver<bool>) {
    loop {
        let now = now_millis();
        // Dedupe keys per time slot: with several instances each periodic job runs once.
        let jobs = [
            (
                PURGE_SESSIONS,
                format!("{PURGE_SESSIONS}:{}", now / 3_600_000),
            ),
            (
                CRISIS_OVERDUE,
                format!("{CRISIS_OVERDUE}:{}", now / 300_000),
            ),
        ];
        let jobs = jobs
            .into_iter()
            .chain(sinergi_monitor::pipeline::jobs::periodic(now));
        // Scheduled and embargoed releases whose time has come (the state lives in the
        // database; several instances racing here publish each item once).
        match core.publish_due(now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(published = n, "scheduled releases published"),
            Err(e) => tracing::warn!(error = %e, "cannot publish scheduled releases"),
        }
        for (kind, key) in jobs {
            let job = NewJob {
                dedupe_key: Some(key),
                ..NewJob::now(kind, serde_json::json!({}))
            };
            if let Err(e) = core.store().enqueue_job(&job).await {
                tracing::warn!(error = %e, kind, "cannot schedule periodic job");
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(60)) => {}
            _ = shutdown.changed() => return,
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

pub async fn run(cfg: Config, demo: bool) -> anyhow::Result<()> {
    // Channels are known before the core starts so notifications enqueue deliveries for them;
    // the handlers are registered on the worker below.
    let channels = sinergi_core::notify::Channels {
        email: cfg.smtp.as_ref().is_some_and(|s| !s.host.is_empty()),
        webhooks: cfg.webhooks.len(),
    };
    let mut cfg = cfg;
    if demo {
        crate::demo_monitor::adjust_config(&mut cfg);
    }
    let searcher = crate::monitor::open_searcher(&cfg)?;
    let core = open_core_with(&cfg, channels, Some(searcher.clone())).await?;
    let pipeline = Arc::new(sinergi_monitor::Pipeline::new(
        core.clone(),
        searcher.clone(),
    ));
    let reindexed = pipeline
        .recover()
        .await
        .context("memulihkan indeks pencarian")?;
    if reindexed > 0 {
        tracing::info!(reindexed, "search index caught up with the store");
    }
    let fetcher = sinergi_monitor::fetch::Fetcher::new(cfg.fetch.clone())
        .map_err(|e| anyhow::anyhow!("konfigurasi [fetch] tidak valid: {e}"))?;
    if demo {
        crate::demo::seed(&core, &cfg).await?;
        crate::demo_monitor::seed(&core, &pipeline).await?;
        crate::demo_newsroom::seed(&core).await?;
    } else {
        ensure_first_admin(&core, &cfg).await?;
    }

    let (stop_tx, stop_rx) = watch::channel(false);
    let mut background = Vec::new();
    if cfg.worker {
        let worker_id = format!("{}-{}", hostname(), std::process::id());
        let mut runner = JobRunner::new(core.store().clone(), cfg.runner(worker_id));
        runner.register(PURGE_SESSIONS, Arc::new(PurgeSessions));
        runner.register(CRISIS_OVERDUE, Arc::new(CrisisOverdue(core.clone())));
        sinergi_notify::register(&mut runner, cfg.smtp.as_ref(), &cfg.webhooks)
            .map_err(|e| anyhow::anyhow!("konfigurasi notifikasi tidak valid: {e}"))?;
        background.push(tokio::spawn(runner.run(stop_rx.clone())));
        // Three pipeline workers: fetches wait on the network (and on per-site politeness), so
        // one slow site does not hold up the others, and while one batch is stored the others
        // are extracted and analysed (three measured fastest on 2 cores).
        for i in 0..3 {
            let id = format!("{}-{}-pantau-{i}", hostname(), std::process::id());
            let r = crate::monitor::pipeline_runner(
                &core,
                pipeline.clone(),
                fetcher.clone(),
                cfg.runner(id),
            );
            background.push(tokio::spawn(r.run(stop_rx.clone())));
        }
        background.push(tokio::spawn(crate::monitor::schedule_polls(
            core.clone(),
            stop_rx.clone(),
        )));
        background.push(tokio::spawn(schedule_periodic(
            core.clone(),
            stop_rx.clone(),
        )));
    }

    background.push(tokio::spawn(sinergi_monitor::search_adapter::commit_loop(
        searcher.clone(),
        stop_rx.clone(),
    )));
    // With several instances on one database, each instance's index follows what the others
    // store (a single instance finds nothing to add).
    background.push(tokio::spawn(sinergi_monitor::search_adapter::follow_loop(
        searcher.clone(),
        core.store().clone(),
        stop_rx.clone(),
    )));
    if demo {
        crate::demo_monitor::start_live_feeds(core.clone(), stop_rx.clone()).await?;
    }
    let listener = tokio::net::TcpListener::bind(&cfg.bind)
        .await
        .with_context(|| format!("tidak dapat membuka alamat {}", cfg.bind))?;
    let addr = listener.local_addr()?;
    println!(
        "Sinergi berjalan di http://{addr}  (basis data: {})",
        core.store().backend()
    );
    let state = sinergi_web::AppState::new(
        core.clone(),
        sinergi_web::WebConfig {
            cookie_secure: cfg.cookie_secure,
            trust_forwarded_for: cfg.trust_forwarded_for,
            public_url: cfg.public_url_or(&addr),
        },
    );
    sinergi_web::serve(listener, state, shutdown_signal()).await?;
    let _ = stop_tx.send(true);
    for task in background {
        let _ = task.await;
    }
    println!("Sinergi berhenti.");
    Ok(())
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "sinergi".into())
}
