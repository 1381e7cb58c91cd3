//! `sinergi bench crisis --cases N`: seeds N crisis cases into a fresh store (SQLite in a
//! temporary folder, or the database in `DATABASE_URL`) and measures the case list and the
//! crisis dashboard as the centre, a province and a regency see them.

use std::time::{Duration, Instant};

use anyhow::Context;
use sinergi_core::crisis::CaseFilter;
use sinergi_core::crisis::service::CaseInput;
use sinergi_core::network::UserInput;
use sinergi_core::page::PageReq;

use crate::config::Config;

const CLAIMS: [&str; 8] = [
    "Beredar pesan bantuan sosial dibatalkan",
    "Video banjir lama disebut kejadian hari ini",
    "Vaksin sekolah disebut mengandung chip",
    "Isu kenaikan tarif air bersih",
    "Akun palsu pejabat meminta transfer dana",
    "Kabar jalan tol ditutup total saat libur",
    "Klaim beras bansos mengandung plastik",
    "Isu penculikan anak di sekolah dasar",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub async fn crisis(cfg: &Config, cases: usize, rounds: usize) -> anyhow::Result<()> {
    let mut cfg = cfg.clone();
    if cfg.database_url.is_empty() {
        cfg.data_dir = std::env::temp_dir().join(format!("sinergi-bench-{}", std::process::id()));
    }
    let core = crate::serve::open_core(&cfg).await?;
    let system = core.system_actor("bench").await?;
    // Officers in six regencies of two provinces own the cases.
    let owners = ["32.73", "32.01", "32.04", "35.78", "35.15", "33.74"];
    let mut actors = Vec::new();
    for code in owners {
        let email = format!("bench-{}@sinergi.test", code.replace('.', "-"));
        let input = UserInput {
            org_code: code.into(),
            email: email.clone(),
            name: format!("Petugas {code}"),
            role: "officer".into(),
            ..Default::default()
        };
        if core.store().user_by_email(&email).await?.is_none() {
            core.create_user(&system, &input, Some("kata-sandi-bench-1".into()))
                .await?;
        }
        actors.push(core.actor_by_email(&email).await?);
    }
    for (code, email) in [
        ("pusat", "bench-pusat@sinergi.test"),
        ("32", "bench-32@sinergi.test"),
    ] {
        let input = UserInput {
            org_code: code.into(),
            email: email.into(),
            name: "Pemantau".into(),
            role: "viewer".into(),
            ..Default::default()
        };
        if core.store().user_by_email(email).await?.is_none() {
            core.create_user(&system, &input, Some("kata-sandi-bench-1".into()))
                .await?;
        }
    }
    let existing = core
        .list_cases(
            &system,
            &CaseFilter::default(),
            PageReq::new(Some(1), Some(1)),
        )
        .await?
        .total as usize;
    let start = Instant::now();
    eprintln!(
        "Mengisi {} kasus ({} sudah ada)…",
        cases.saturating_sub(existing),
        existing
    );
    for i in existing..cases {
        let actor = &actors[i % actors.len()];
        let input = CaseInput {
            claim: format!("{} #{i}", CLAIMS[i % CLAIMS.len()]),
            description: "Kasus uji beban.".into(),
            region_codes: actor.org.code.clone(),
            category: "lainnya".into(),
            tags: "uji".into(),
            ..Default::default()
        };
        let c = core.open_case(actor, &input).await?;
        if i % 3 == 0 {
            core.transition_case(actor, c.id, c.version, "verifikasi", "")
                .await?;
        }
        if (i + 1) % 1000 == 0 {
            eprintln!("  {} / {cases}", i + 1);
        }
    }
    let seeded = start.elapsed();
    println!("backend: {}", core.store().backend());
    println!(
        "seeded {} cases in {:.1} s",
        cases.saturating_sub(existing),
        seeded.as_secs_f64()
    );
    println!(
        "{:<28} {:>10} {:>10} {:>10} {:>8}",
        "view (viewer)", "p50 ms", "p99 ms", "max ms", "rows"
    );
    for (label, email, filter) in [
        (
            "list open (centre)",
            "bench-pusat@sinergi.test",
            CaseFilter {
                open_only: true,
                ..Default::default()
            },
        ),
        (
            "list all (centre)",
            "bench-pusat@sinergi.test",
            CaseFilter::default(),
        ),
        (
            "search 'banjir' (centre)",
            "bench-pusat@sinergi.test",
            CaseFilter {
                q: Some("banjir".into()),
                ..Default::default()
            },
        ),
        (
            "list open (province 32)",
            "bench-32@sinergi.test",
            CaseFilter {
                open_only: true,
                ..Default::default()
            },
        ),
        (
            "list open (regency 32.73)",
            "bench-32-73@sinergi.test",
            CaseFilter {
                open_only: true,
                ..Default::default()
            },
        ),
        (
            "overdue (regency 32.73)",
            "bench-32-73@sinergi.test",
            CaseFilter {
                overdue_only: true,
                ..Default::default()
            },
        ),
    ] {
        let actor = core.actor_by_email(email).await.context("bench viewer")?;
        let mut times = Vec::with_capacity(rounds);
        let mut rows = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            let page = core.list_cases(&actor, &filter, PageReq::default()).await?;
            times.push(t.elapsed());
            rows = page.total;
        }
        times.sort();
        println!(
            "{label:<28} {:>10.2} {:>10.2} {:>10.2} {:>8}",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap_or(&Duration::ZERO)),
            rows
        );
    }
    for (label, email) in [
        ("dashboard stats (centre)", "bench-pusat@sinergi.test"),
        ("dashboard stats (32.73)", "bench-32-73@sinergi.test"),
    ] {
        let actor = core.actor_by_email(email).await?;
        let mut times = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let t = Instant::now();
            core.case_stats(&actor).await?;
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{label:<28} {:>10.2} {:>10.2} {:>10.2} {:>8}",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap_or(&Duration::ZERO)),
            "-"
        );
    }
    if cfg.database_url.is_empty() {
        let _ = std::fs::remove_dir_all(&cfg.data_dir);
    }
    Ok(())
}
