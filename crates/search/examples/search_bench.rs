//! Indexing and search benchmark on synthetic Indonesian articles.
//!
//! Sentences come from the IndoSum sample (read at run time, not copied into the repo):
//! `cargo run --release -p sinergi-search --example search_bench -- [SIZES] [JSONL]`
//! SIZES defaults to `10000,100000,1000000`; JSONL to `$INDOSUM` or
//! `../shared/data/indosum/indosum-3463.jsonl` relative to the repository root.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use sinergi_search::{
    ArticleDoc, Query, SearchIndex, SearchRequest, Sort, Visibility, WriterOptions, parse_query,
};

const DAY: i64 = 86_400_000;
const T0: i64 = 1_793_491_200_000;
const REGIONS: &[&str] = &[
    "11", "12.71", "31", "31.71", "32", "32.73", "32.04", "32.01", "33", "33.74", "34.71", "35",
    "35.78", "36.71", "51.71", "73.71",
];
const TONES: &[&str] = &["neutral", "neutral", "neutral", "negative", "positive"];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

fn sources() -> Vec<String> {
    let names = [
        "Kompas.com",
        "Detikcom",
        "Tempo.co",
        "Antara",
        "CNN Indonesia",
        "Liputan6",
        "Tribunnews",
        "Okezone",
        "Sindonews",
        "Republika",
        "Media Indonesia",
        "Kumparan",
        "Suara.com",
        "IDN Times",
        "Merdeka.com",
        "Pikiran Rakyat",
        "Jawa Pos",
        "Bisnis.com",
        "Kontan",
        "Katadata",
        "Kompas TV",
        "Metro TV",
        "iNews",
        "Viva.co.id",
        "Tirto.id",
        "Jabar Ekspres",
        "Radar Bogor",
        "Tribun Jabar",
        "Solopos",
        "Harian Jogja",
        "Surya",
        "Bali Post",
        "Pontianak Post",
        "Fajar",
        "Serambi Indonesia",
        "Waspada",
        "Riau Pos",
        "Lampung Post",
        "Banjarmasin Post",
        "Manado Post",
    ];
    names.iter().map(|s| s.to_string()).collect()
}

fn load_sentences(path: &Path) -> Vec<String> {
    let data = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut out = Vec::new();
    for line in data.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        for s in text.split(". ") {
            let s = s.trim();
            if s.split_whitespace().count() >= 5 {
                out.push(format!("{s}."));
            }
        }
    }
    out
}

fn article(id: i64, rng: &mut Rng, sentences: &[String], sources: &[String]) -> ArticleDoc {
    let title: String = rng
        .pick(sentences)
        .split_whitespace()
        .take(10)
        .collect::<Vec<_>>()
        .join(" ");
    let n = 3 + rng.below(5);
    let text = (0..n)
        .map(|_| rng.pick(sentences).as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let s = rng.below(sources.len());
    let mut regions = vec![rng.pick(REGIONS).to_string()];
    if rng.below(4) == 0 {
        regions.push(rng.pick(REGIONS).to_string());
    }
    ArticleDoc {
        id,
        title,
        text,
        source: sources[s].clone(),
        source_id: s as i64,
        regions,
        tone: rng.pick(TONES).to_string(),
        published_ms: T0 + (rng.next() % (90 * DAY as u64)) as i64,
        issue_id: (rng.below(2) == 0).then(|| rng.below(2000) as i64),
        org_ids: vec![(s % 10) as i64 + 1],
    }
}

fn content_words(sentences: &[String]) -> Vec<String> {
    let mut words: Vec<String> = sentences
        .iter()
        .take(20_000)
        .flat_map(|s| s.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| {
            w.len() >= 4 && w.chars().all(char::is_alphabetic) && !sinergi_text::is_stopword(w)
        })
        .collect();
    words.truncate(200_000);
    words
}

fn queries(
    rng: &mut Rng,
    sentences: &[String],
    sources: &[String],
    n: usize,
) -> Vec<SearchRequest> {
    let words = content_words(sentences);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let w = |rng: &mut Rng| rng.pick(&words).clone();
        let mut q = match i % 7 {
            0 | 1 => w(rng),
            2 => format!("{} {}", w(rng), w(rng)),
            3 => {
                // Two adjacent words of a sentence.
                let s: Vec<&str> = rng.pick(sentences).split_whitespace().collect();
                let k = rng.below(s.len().saturating_sub(1).max(1));
                let a = s[k].trim_matches(|c: char| !c.is_alphanumeric());
                let b = s
                    .get(k + 1)
                    .copied()
                    .unwrap_or("")
                    .trim_matches(|c: char| !c.is_alphanumeric());
                format!("\"{a} {b}\"")
            }
            4 => format!("{} OR {}", w(rng), w(rng)),
            5 => format!("{} NOT {}", w(rng), w(rng)),
            _ => format!("({} OR {}) {}", w(rng), w(rng), w(rng)),
        };
        match rng.below(6) {
            0 => q.push_str(&format!(" source:\"{}\"", rng.pick(sources))),
            1 => q.push_str(&format!(" region:{}", rng.pick(REGIONS))),
            2 => q.push_str(" tone:negatif"),
            _ => {}
        }
        let mut req = SearchRequest::new(parse_query(&q).unwrap_or(Query::All));
        if rng.below(2) == 0 {
            req.visibility = Visibility::Scoped {
                regions: vec![rng.pick(REGIONS).to_string()],
                org_ids: vec![rng.below(10) as i64 + 1],
            };
        }
        req.sort = if rng.below(2) == 0 {
            Sort::Newest
        } else {
            Sort::Relevance
        };
        req.limit = 20;
        req.facets = true;
        req.highlight = true;
        out.push(req);
    }
    out
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.metadata().map_or(0, |m| m.len()))
                .sum()
        })
        .unwrap_or(0)
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = args
        .first()
        .map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000]);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let data: PathBuf = args
        .get(1)
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("INDOSUM").map(PathBuf::from))
        .unwrap_or_else(|| repo.join("../shared/data/indosum/indosum-3463.jsonl"));
    let sentences = load_sentences(&data);
    let sources = sources();
    println!("{} sentences from {}", sentences.len(), data.display());
    let threads = std::env::var("BENCH_THREADS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let optimize = std::env::var("BENCH_OPTIMIZE").is_ok_and(|v| v == "1");

    println!(
        "| docs | index docs/s | index size | segments | p50 ms | p95 ms | p99 ms | max ms | export all ids (ms, hits) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for &n in &sizes {
        let dir = std::env::temp_dir().join(format!("sinergi-search-bench-{n}"));
        // BENCH_KEEP=1 reuses an index a previous run left (for tuning queries only).
        let keep = std::env::var("BENCH_KEEP").is_ok_and(|v| v == "1");
        if !keep {
            let _ = std::fs::remove_dir_all(&dir);
        }
        let idx = SearchIndex::open_with(
            &dir,
            WriterOptions {
                threads,
                heap_bytes: 256 * 1024 * 1024 * threads,
            },
        )
        .unwrap();
        let mut rng = Rng(42);
        let t = Instant::now();
        let batch = 10_000;
        let reuse = keep && idx.num_docs() as usize == n;
        let mut id = 0i64;
        while !reuse && (id as usize) < n {
            let docs: Vec<ArticleDoc> = (0..batch.min(n - id as usize))
                .map(|_| {
                    id += 1;
                    article(id, &mut rng, &sentences, &sources)
                })
                .collect();
            idx.upsert(&docs).unwrap();
        }
        idx.commit().unwrap();
        let secs = t.elapsed().as_secs_f64();
        if optimize {
            let t = Instant::now();
            idx.optimize().unwrap();
            eprintln!("optimize: {:.1}s", t.elapsed().as_secs_f64());
        }
        assert_eq!(idx.num_docs() as usize, n);
        let size = dir_size(&dir);

        let reqs = queries(&mut Rng(7), &sentences, &sources, 240);
        // Warm the page cache and the stemmer memo.
        for r in &reqs {
            idx.search(r).unwrap();
        }
        let mut lat = Vec::with_capacity(reqs.len() * 2);
        let mut total_hits = 0usize;
        for _ in 0..2 {
            for r in &reqs {
                let t = Instant::now();
                let res = idx.search(r).unwrap();
                lat.push(t.elapsed().as_secs_f64() * 1000.0);
                total_hits += res.total;
            }
        }
        if std::env::var("BENCH_PROFILE").is_ok_and(|v| v == "1") {
            let mut slow: Vec<(f64, usize)> = (0..reqs.len()).map(|i| (lat[i], i)).collect();
            slow.sort_by(|a, b| b.0.total_cmp(&a.0));
            for &(ms, i) in slow.iter().take(8) {
                let mut r = reqs[i].clone();
                let total = idx.search(&r).unwrap().total;
                r.facets = false;
                let t = Instant::now();
                idx.search(&r).unwrap();
                let nofacet = t.elapsed().as_secs_f64() * 1000.0;
                r.limit = 0;
                let t = Instant::now();
                idx.search(&r).unwrap();
                let count_only = t.elapsed().as_secs_f64() * 1000.0;
                eprintln!(
                    "  {ms:.1} ms (no facets {nofacet:.1}, count only {count_only:.1}) hits {total} sort {:?} scoped {} q {}",
                    r.sort,
                    r.visibility != Visibility::All,
                    r.query
                );
            }
        }
        lat.sort_by(f64::total_cmp);
        let mut all = SearchRequest::new(Query::All);
        all.sort = Sort::Newest;
        let t = Instant::now();
        let ids = idx.search_ids(&all).unwrap();
        let export_ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "| {n} | {:.0} | {:.1} MB | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.0} ms, {} |",
            n as f64 / secs,
            size as f64 / 1e6,
            idx.num_segments(),
            pct(&lat, 0.5),
            pct(&lat, 0.95),
            pct(&lat, 0.99),
            lat.last().copied().unwrap_or(0.0),
            export_ms,
            ids.len()
        );
        eprintln!("  mean hits per query: {}", total_hits / lat.len());
        drop(idx);
        if !keep {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
