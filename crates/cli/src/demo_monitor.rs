//! Pantau Media demo content: a fortnight of synthetic Indonesian news (with a growing
//! negative issue and syndicated copies of a release) ingested through the real pipeline, a
//! local feed server inside the process that publishes a new article every minute, demo
//! sources polling it, and saved searches for demo users.

use std::sync::Arc;

use sinergi_core::Core;
use sinergi_core::monitor::SourceInput;
use sinergi_core::page::PageReq;
use sinergi_core::time::now_millis;
use sinergi_monitor::Pipeline;
use sinergi_monitor::pipeline::RawPage;
use sinergi_newsgen::{Corpus, GenConfig, LiveCorpus, ReleaseSpec};
use tokio::sync::watch;

use crate::config::Config;

const DAY_MS: i64 = 86_400_000;
pub(crate) const HISTORY_ARTICLES: usize = 2_400;
const DEMO_SOURCE_PREFIX: &str = "Demo: ";

/// The demo's fetcher may reach its own feed server on 127.0.0.1 (an operator exception a
/// real deployment would not need), politely but quickly; the synthetic corpus's stories
/// share template sentences, so issues need a stricter similarity to stay apart.
pub fn adjust_config(cfg: &mut Config) {
    if let Ok(net) = "127.0.0.1/32".parse()
        && !cfg.fetch.allow_private.contains(&net)
    {
        cfg.fetch.allow_private.push(net);
    }
    cfg.fetch.min_interval = std::time::Duration::from_millis(200);
    cfg.monitor.cluster_threshold = cfg.monitor.cluster_threshold.max(0.55);
    cfg.monitor.min_interval_minutes = 1;
}

/// Ingests the history once (when the store has no article yet).
pub async fn seed(core: &Arc<Core>, pipeline: &Arc<Pipeline>) -> anyhow::Result<()> {
    if core.store().count_articles().await? > 0 {
        return Ok(());
    }
    let now = now_millis();
    let spec = GenConfig {
        seed: 7,
        articles: HISTORY_ARTICLES,
        start_ms: now - 15 * DAY_MS,
        days: 15,
        release: Some(ReleaseSpec::demo()),
        ..GenConfig::default()
    };
    println!("  Mengisi Pantau Media dengan {HISTORY_ARTICLES} berita sintetis 15 hari terakhir …");
    let mut batch = Vec::with_capacity(200);
    let mut done = 0;
    for a in Corpus::iter(&spec) {
        batch.push(RawPage {
            url: a.url.clone(),
            body: a.html.into_bytes(),
            content_type: Some("text/html; charset=utf-8".into()),
            title_hint: None,
            outlet_hint: Some(a.outlet.name.clone()),
            // Fetched a few minutes after publication, as a poller would.
            fetched_ms: (a.published_ms + 5 * 60_000).min(now),
        });
        if batch.len() == 200 {
            done += pipeline.ingest(std::mem::take(&mut batch), None).await?.new;
        }
    }
    if !batch.is_empty() {
        done += pipeline.ingest(batch, None).await?.new;
    }
    let s = pipeline.searcher().clone();
    tokio::task::spawn_blocking(move || s.commit_if_dirty()).await??;
    println!("  {done} berita dianalisis, dikelompokkan dan diindeks.");

    // Saved searches the demo users would have made.
    let saved = [
        (
            "pranata@pusat.sinergi.id",
            "Banjir rob Semarang",
            "banjir rob semarang",
        ),
        (
            "pranata@pusat.sinergi.id",
            "Bantuan pangan Jawa Tengah",
            "\"bantuan pangan\" region:33",
        ),
        (
            "humas@jabarprov.sinergi.id",
            "Jalan rusak di Jawa Barat",
            "(jalan OR infrastruktur) AND region:32",
        ),
    ];
    for (email, name, query) in saved {
        if let Ok(actor) = core.actor_by_email(email).await
            && let Err(e) = core.save_search(&actor, name, query, true).await
        {
            tracing::warn!(error = %e, "demo saved search not created");
        }
    }
    let alerts = core.scan_spikes(now).await?;
    println!(
        "  {} peringatan dini dari lonjakan pemberitaan.",
        alerts.len()
    );
    Ok(())
}

/// Starts the local feed server, points the demo sources at it, and publishes one new article
/// a minute until shutdown.
pub async fn start_live_feeds(
    core: Arc<Core>,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let now = now_millis();
    let live = LiveCorpus::new(Corpus::generate(&GenConfig {
        seed: now as u64,
        articles: 120,
        start_ms: now - DAY_MS,
        days: 1,
        spike: false,
        ..GenConfig::default()
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let outlets: Vec<(String, String)> = live.read(|c| {
        c.outlets()
            .iter()
            .take(3)
            .map(|o| (o.name.clone(), o.host.clone()))
            .collect()
    });
    let server = live.clone();
    tokio::spawn(async move {
        if let Err(e) = sinergi_newsgen::serve_live(listener, server).await {
            tracing::warn!(error = %e, "demo feed server stopped");
        }
    });
    let system = core.system_actor("demo").await?;
    let existing = core
        .list_sources(&system, DEMO_SOURCE_PREFIX, PageReq::new(Some(1), Some(50)))
        .await?
        .items;
    for (name, host) in outlets {
        let input = SourceInput {
            name: format!("{DEMO_SOURCE_PREFIX}{name}"),
            kind: "feed".into(),
            url: format!("http://{addr}/{host}/rss.xml"),
            outlet: name.clone(),
            region_code: String::new(),
            interval_minutes: "5".into(),
        };
        let result = match existing.iter().find(|s| s.outlet == name) {
            Some(s) => core.update_source(&system, s.id, &input).await,
            None => core.add_source(&system, &input).await,
        };
        match result {
            Ok(s) => {
                let _ = core.poll_source_now(&system, s.id).await;
            }
            Err(e) => tracing::warn!(error = %e, "demo source not saved"),
        }
    }
    println!("  Server feed demo di http://{addr}/ (satu berita baru per menit).");
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(60)) => {
                    live.publish(now_millis());
                }
                _ = stop.changed() => return,
            }
        }
    });
    Ok(())
}
