//! A crash during ingest loses nothing and stores nothing twice: `sinergi monitor import` of
//! 2,000 news pages is killed (SIGKILL) part-way, run again, and the article count in the store
//! and in the search index is exactly that of an uninterrupted import of the same pages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PAGES: usize = 2_000;

fn temp(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sinergi-crash-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn cmd(dir: &Path, data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sinergi"));
    c.current_dir(dir)
        .args(args)
        .arg("--data")
        .arg(data)
        .env_remove("DATABASE_URL")
        .env_remove("SINERGI_CONFIG")
        // A short lease, so the restarted import takes over the killed run's jobs quickly.
        .env("SINERGI_JOB_LEASE_SECS", "3")
        .env("RUST_LOG", "warn");
    c
}

fn stats(dir: &Path, data: &Path) -> (u64, u64) {
    let out = cmd(dir, data, &["monitor", "stats"]).output().unwrap();
    assert!(
        out.status.success(),
        "stats: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let num = |key: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("{key} in {text}"))
    };
    (num("articles:"), num("indexed:"))
}

fn write_pages(dir: &Path) {
    let corpus = sinergi_newsgen::Corpus::iter(&sinergi_newsgen::GenConfig {
        seed: 5,
        articles: PAGES,
        start_ms: 1_794_441_600_000,
        days: 15,
        release: Some(sinergi_newsgen::ReleaseSpec::demo()),
        ..Default::default()
    });
    for a in corpus {
        let mut f = std::fs::File::create(dir.join(format!("{:05}.html", a.id))).unwrap();
        f.write_all(a.html.as_bytes()).unwrap();
    }
}

#[test]
fn killed_import_resumes_with_an_exact_count() {
    let work = temp("work");
    let pages = work.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    write_pages(&pages);
    let pages_arg = pages.to_str().unwrap();

    // Reference: one uninterrupted import.
    let clean = work.join("clean");
    let out = cmd(&work, &clean, &["monitor", "import", pages_arg])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (expected, expected_indexed) = stats(&work, &clean);
    assert_eq!(expected, expected_indexed);
    assert!(
        expected as usize > PAGES * 9 / 10,
        "almost every page is an article ({expected})"
    );

    // Interrupted: kill -9 once a few hundred articles are stored, then run again.
    let crashed = work.join("crashed");
    let mut child = cmd(&work, &crashed, &["monitor", "import", pages_arg])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let started = Instant::now();
    let mut killed_at = None;
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        // Progress lines: "  350 berita tersimpan (17%), …".
        let stored = line
            .contains("berita tersimpan")
            .then(|| {
                line.trim()
                    .split(' ')
                    .next()
                    .and_then(|n| n.parse::<u64>().ok())
            })
            .flatten();
        if let Some(n) = stored
            && n >= 200
        {
            child.kill().unwrap();
            killed_at = Some(n);
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "import too slow"
        );
    }
    let _ = child.wait();
    let killed_at = killed_at.expect("the import was killed part-way");
    assert!((killed_at as usize) < PAGES, "killed before the end");
    let (partial, _) = stats(&work, &crashed);
    assert!(
        partial < expected,
        "the first run did not finish ({partial} of {expected})"
    );

    let out = cmd(&work, &crashed, &["monitor", "import", pages_arg])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (articles, indexed) = stats(&work, &crashed);
    assert_eq!(
        articles, expected,
        "nothing lost, nothing twice in the store"
    );
    assert_eq!(
        indexed, expected,
        "the search index holds each article once"
    );
    let _ = std::fs::remove_dir_all(&work);
}
