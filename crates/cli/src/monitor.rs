//! Pantau Media in the binary: opening the search index, starting the pipeline's workers and
//! schedulers, `sinergi monitor import` and `sinergi bench ingest`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use sinergi_core::Core;
use sinergi_core::jobs::{JobRunner, NewJob, RunnerConfig};
use sinergi_core::monitor::service::IMPORT_JOB;
use sinergi_core::time::now_millis;
use sinergi_monitor::fetch::Fetcher;
use sinergi_monitor::pipeline::jobs::IMPORT_BATCH;
use sinergi_monitor::{Pipeline, Searcher};
use tokio::sync::watch;

use crate::config::Config;

/// The search index lives beside the database, one per instance.
pub fn index_dir(cfg: &Config) -> PathBuf {
    cfg.data_dir.join("indeks")
}

pub fn open_searcher(cfg: &Config) -> anyhow::Result<Arc<Searcher>> {
    let dir = index_dir(cfg);
    Searcher::open(&dir).map(Arc::new).with_context(|| {
        format!(
            "membuka indeks pencarian {} (apakah server Sinergi lain sedang memakainya?)",
            dir.display()
        )
    })
}

/// A worker that runs only the pipeline's fetch and import jobs, so long fetches never hold up
/// notifications or periodic work.
pub fn pipeline_runner(
    core: &Core,
    pipeline: Arc<Pipeline>,
    fetcher: Fetcher,
    rc: RunnerConfig,
) -> JobRunner {
    let mut runner = JobRunner::new(core.store().clone(), rc);
    sinergi_monitor::pipeline::jobs::register(&mut runner, pipeline, fetcher);
    runner
}

/// Polls due sources every 20 seconds (each poll is a durable job).
pub async fn schedule_polls(core: Arc<Core>, mut stop: watch::Receiver<bool>) {
    loop {
        if let Err(e) = core.schedule_due_polls(now_millis()).await {
            tracing::warn!(error = %e, "cannot schedule source polls");
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(20)) => {}
            _ = stop.changed() => return,
        }
    }
}

/// HTML files under `path` (recursively), or the records of a WARC file, as import jobs of
/// [`IMPORT_BATCH`] pages. Keys make a repeated import of the same files enqueue nothing new.
pub async fn enqueue_import(core: &Core, path: &Path) -> anyhow::Result<(usize, usize)> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("tidak dapat membaca {}", path.display()))?;
    let mut jobs = Vec::new();
    let pages;
    if meta.is_dir() {
        let mut files = Vec::new();
        collect_html(path, &mut files)?;
        files.sort();
        pages = files.len();
        for chunk in files.chunks(IMPORT_BATCH) {
            let paths: Vec<String> = chunk.iter().map(|p| p.display().to_string()).collect();
            let key = format!("import:{}", short_hash(&paths.join("\n")));
            jobs.push((serde_json::json!({ "paths": paths }), key));
        }
    } else {
        let abs = path.canonicalize()?.display().to_string();
        let count = sinergi_monitor::offline::read_warc(path)
            .filter(|r| r.is_ok())
            .count();
        pages = count;
        for start in (0..count).step_by(IMPORT_BATCH) {
            let key = format!("import:{}:{start}", short_hash(&abs));
            jobs.push((
                serde_json::json!({ "warc": abs, "start": start, "count": IMPORT_BATCH }),
                key,
            ));
        }
    }
    let mut queued = 0;
    for (payload, key) in jobs {
        let job = NewJob {
            dedupe_key: Some(key),
            max_attempts: 5,
            ..NewJob::now(IMPORT_JOB, payload)
        };
        if core.store().enqueue_job(&job).await?.is_some() {
            queued += 1;
        }
    }
    Ok((pages, queued))
}

fn collect_html(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.is_dir() {
            collect_html(&p, out)?;
        } else {
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".html.gz") {
                out.push(std::fs::canonicalize(&p)?);
            }
        }
    }
    Ok(())
}

fn short_hash(s: &str) -> String {
    use sha2::Digest;
    let d = sha2::Sha256::digest(s.as_bytes());
    d.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// Runs pipeline workers until no import or fetch job is queued or running; prints progress.
/// Returns the elapsed time.
pub async fn drain(
    cfg: &Config,
    core: &Arc<Core>,
    pipeline: Arc<Pipeline>,
    fetcher: Fetcher,
    workers: usize,
    expected: Option<usize>,
) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut tasks = Vec::new();
    for i in 0..workers.max(1) {
        let mut rc = cfg.runner(format!("impor-{}-{i}", std::process::id()));
        rc.poll_interval = Duration::from_millis(50);
        let mut runner = JobRunner::new(core.store().clone(), rc);
        sinergi_monitor::pipeline::jobs::register(&mut runner, pipeline.clone(), fetcher.clone());
        tasks.push(tokio::spawn(runner.run(stop_rx.clone())));
    }
    let commit = tokio::spawn(sinergi_monitor::search_adapter::commit_loop(
        pipeline.searcher().clone(),
        stop_rx.clone(),
    ));
    let mut last_print = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let counts = core.store().job_counts().await?;
        if last_print.elapsed() > Duration::from_secs(2) {
            last_print = Instant::now();
            let n = core.store().count_articles().await?;
            match expected {
                Some(total) if total > 0 => eprintln!(
                    "  {n} berita tersimpan ({:.0}%), antrean {} · berjalan {} · {:.0} berita/detik",
                    (n as f64) * 100.0 / total as f64,
                    counts.queued,
                    counts.running,
                    n as f64 / started.elapsed().as_secs_f64()
                ),
                _ => eprintln!(
                    "  {n} berita tersimpan, antrean {} · berjalan {}",
                    counts.queued, counts.running
                ),
            }
        }
        if counts.queued == 0 && counts.running == 0 {
            break;
        }
        // Jobs of a killed run stay `running` until their lease lapses; say why we wait.
        if counts.queued == 0
            && counts.running > 0
            && last_print.elapsed() > Duration::from_secs(1)
            && started.elapsed() < Duration::from_secs(3)
        {
            eprintln!(
                "  menunggu {} pekerjaan dari proses sebelumnya (masa sewa {} detik) …",
                counts.running, cfg.job_lease_secs
            );
        }
    }
    let _ = stop_tx.send(true);
    for t in tasks {
        let _ = t.await;
    }
    let _ = commit.await;
    // The searchable end: the last commit is part of the measured time.
    let s = pipeline.searcher().clone();
    tokio::task::spawn_blocking(move || s.commit_if_dirty()).await??;
    Ok(started.elapsed())
}

/// Peak resident memory of this process (Linux), in MiB.
/// CPU seconds (user + system) this process has used so far (Linux; `None` elsewhere).
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may contain spaces) start after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, i.e. 11 and 12 after the state.
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
