//! Story clustering quality and speed:
//! `cargo run --release -p sinergi-text --example cluster_eval -- [articles] [indosum.jsonl]`.
//! Prints purity / NMI / pairwise F1 on newsgen's corpus (known stories) for a few thresholds,
//! and purity w.r.t. category on an IndoSum JSONL file when given.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/cluster_quality.rs"]
#[allow(dead_code)]
mod quality;

use sinergi_text::{ClusterConfig, ClusterInput, StoryClusterer};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5_000);
    let indosum = args.next();
    for th in [0.4f32, 0.5, 0.55, 0.6, 0.65] {
        let cfg = ClusterConfig {
            threshold: th,
            ..ClusterConfig::default()
        };
        let t = std::time::Instant::now();
        let (pred, truth, c) = quality::cluster_newsgen(n, cfg);
        let s = t.elapsed().as_secs_f64();
        let (p, nmi, f1) = quality::scores(&pred, &truth);
        let k: std::collections::HashSet<_> = pred.iter().collect();
        let kt: std::collections::HashSet<_> = truth.iter().collect();
        println!(
            "newsgen {n} threshold {th}: purity {p:.3} NMI {nmi:.3} pairwise F1 {f1:.3}; {} issues for {} stories; {:.0} articles/s incl. generation; active {}",
            k.len(),
            kt.len(),
            n as f64 / s,
            c.active_issues()
        );
    }
    let Some(path) = indosum else { return };
    let text = std::fs::read_to_string(&path).expect("indosum file");
    let mut docs: Vec<(i64, String, String)> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let id = v["id"].as_str().unwrap_or("").to_string();
            let secs: i64 = id
                .split('-')
                .next()
                .and_then(|x| x.parse().ok())
                .unwrap_or(0);
            (
                secs * 1000,
                v["category"].as_str().unwrap_or("").to_string(),
                v["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    docs.sort_by_key(|d| d.0);
    let words: usize = docs.iter().map(|d| d.2.split_whitespace().count()).sum();
    for th in [0.3f32, 0.4, 0.5, 0.55] {
        let mut c = StoryClusterer::new(ClusterConfig {
            threshold: th,
            ..ClusterConfig::default()
        });
        let t = std::time::Instant::now();
        let pred: Vec<u64> = docs
            .iter()
            .enumerate()
            .map(|(i, (ms, _, text))| {
                c.assign(&ClusterInput {
                    id: i as u64,
                    published_ms: *ms,
                    title: "",
                    text,
                })
                .issue
            })
            .collect();
        let s = t.elapsed().as_secs_f64();
        let truth: Vec<String> = docs.iter().map(|d| d.1.clone()).collect();
        let (p, nmi, _) = quality::scores(&pred, &truth);
        let k: std::collections::HashSet<_> = pred.iter().collect();
        let multi = {
            let mut m = std::collections::HashMap::new();
            for x in &pred {
                *m.entry(x).or_insert(0) += 1;
            }
            m.values().filter(|&&v| v > 1).count()
        };
        println!(
            "indosum {} docs ({} words avg) threshold {th}: purity {p:.3} NMI {nmi:.3}; {} clusters ({} with 2+ docs); {:.0} articles/s",
            docs.len(),
            words / docs.len().max(1),
            k.len(),
            multi,
            docs.len() as f64 / s
        );
    }
}
