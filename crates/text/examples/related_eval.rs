//! "Baca Juga" quality and speed on IndoSum:
//! `cargo run --release -p sinergi-text --example related_eval -- indosum.jsonl`.
//!
//! For every article, all the others are indexed (the article is removed, queried with
//! `related_to`, and put back), with no category and no tags: content similarity only. The
//! title is the first sentence, the body the rest. precision@k is the share of the top k
//! whose IndoSum category equals the query's. Baselines: chance (from the category
//! proportions) and word-set Jaccard without stemming or TF-IDF. Prints markdown tables.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use sinergi_text::{RelatedConfig, RelatedDoc, RelatedIndex, is_stopword, sentences};

struct Article {
    category: String,
    title: String,
    body: String,
}

fn load(path: &str) -> Vec<Article> {
    let text = std::fs::read_to_string(path).expect("read the JSONL file");
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let full = v["text"].as_str().unwrap_or("").to_string();
            let (title, body) = match sentences(&full).first() {
                Some(s) => (s.text.to_string(), full[s.end..].trim().to_string()),
                None => (String::new(), full.clone()),
            };
            Article {
                category: v["category"].as_str().unwrap_or("").to_string(),
                title,
                body,
            }
        })
        .collect()
}

/// Per query: the ids of the top 5.
type Ranking = Vec<Vec<u64>>;

fn run_index(docs: &[Article], cfg: &RelatedConfig) -> (Ranking, f64) {
    let none: Vec<String> = Vec::new();
    let doc = |i: usize| RelatedDoc {
        id: i as u64,
        title: &docs[i].title,
        text: &docs[i].body,
        tags: &none,
        category: None,
    };
    let mut ix = RelatedIndex::with_config(cfg.clone());
    for i in 0..docs.len() {
        ix.upsert(&doc(i));
    }
    let mut out = Vec::with_capacity(docs.len());
    let mut query_secs = 0.0;
    for i in 0..docs.len() {
        ix.remove(i as u64);
        let t = Instant::now();
        let r = ix.related_to(&doc(i), 5);
        query_secs += t.elapsed().as_secs_f64();
        ix.upsert(&doc(i));
        out.push(r.into_iter().map(|x| x.0).collect());
    }
    (out, query_secs * 1e3 / docs.len() as f64)
}

/// Also time `related(id)` on the full index (the production call).
fn time_related(docs: &[Article], cfg: &RelatedConfig) -> (f64, f64) {
    let none: Vec<String> = Vec::new();
    let mut ix = RelatedIndex::with_config(cfg.clone());
    let t = Instant::now();
    for (i, d) in docs.iter().enumerate() {
        ix.upsert(&RelatedDoc {
            id: i as u64,
            title: &d.title,
            text: &d.body,
            tags: &none,
            category: None,
        });
    }
    let build = t.elapsed().as_secs_f64() * 1e3 / docs.len() as f64;
    let t = Instant::now();
    for i in 0..docs.len() {
        std::hint::black_box(ix.related(i as u64, 3));
    }
    (build, t.elapsed().as_secs_f64() * 1e3 / docs.len() as f64)
}

fn word_set(a: &Article, drop_stopwords: bool) -> Vec<u32> {
    thread_local! {
        static VOCAB: std::cell::RefCell<HashMap<String, u32>> = std::cell::RefCell::new(HashMap::new());
    }
    let mut v: Vec<u32> = format!("{} {}", a.title, a.body)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !(drop_stopwords && is_stopword(w)))
        .map(|w| {
            VOCAB.with(|m| {
                let mut m = m.borrow_mut();
                let n = m.len() as u32;
                *m.entry(w).or_insert(n)
            })
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn run_jaccard(docs: &[Article], drop_stopwords: bool) -> (Ranking, f64) {
    let sets: Vec<Vec<u32>> = docs.iter().map(|a| word_set(a, drop_stopwords)).collect();
    let t = Instant::now();
    let mut out = Vec::with_capacity(docs.len());
    for (i, a) in sets.iter().enumerate() {
        let mut scored: Vec<(f32, u64)> = Vec::with_capacity(sets.len());
        for (j, b) in sets.iter().enumerate() {
            if i == j {
                continue;
            }
            let (mut x, mut y, mut inter) = (0, 0, 0);
            while x < a.len() && y < b.len() {
                match a[x].cmp(&b[y]) {
                    std::cmp::Ordering::Less => x += 1,
                    std::cmp::Ordering::Greater => y += 1,
                    std::cmp::Ordering::Equal => {
                        inter += 1;
                        x += 1;
                        y += 1;
                    }
                }
            }
            let union = a.len() + b.len() - inter;
            let s = if union == 0 {
                0.0
            } else {
                inter as f32 / union as f32
            };
            scored.push((s, j as u64));
        }
        scored.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)));
        out.push(scored.into_iter().take(5).map(|x| x.1).collect());
    }
    (out, t.elapsed().as_secs_f64() * 1e3 / docs.len() as f64)
}

struct Scores {
    p3: f64,
    p5: f64,
    per_cat: BTreeMap<String, f64>,
}

fn score(docs: &[Article], ranking: &Ranking) -> Scores {
    let (mut h3, mut n3, mut h5, mut n5) = (0usize, 0usize, 0usize, 0usize);
    let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, r) in ranking.iter().enumerate() {
        let c = &docs[i].category;
        for (rank, &j) in r.iter().enumerate() {
            let hit = docs[j as usize].category == *c;
            if rank < 3 {
                n3 += 1;
                h3 += hit as usize;
                let e = per.entry(c.clone()).or_default();
                e.0 += hit as usize;
                e.1 += 1;
            }
            n5 += 1;
            h5 += hit as usize;
        }
    }
    Scores {
        p3: h3 as f64 / n3.max(1) as f64,
        p5: h5 as f64 / n5.max(1) as f64,
        per_cat: per
            .into_iter()
            .map(|(c, (h, n))| (c, h as f64 / n.max(1) as f64))
            .collect(),
    }
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: related_eval <indosum.jsonl>");
    let docs = load(&path);
    let n = docs.len();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in &docs {
        *counts.entry(d.category.clone()).or_default() += 1;
    }
    // Chance: a random other article has the query's category with probability (n_c-1)/(n-1).
    let chance_per: BTreeMap<String, f64> = counts
        .iter()
        .map(|(c, &k)| (c.clone(), (k as f64 - 1.0) / (n as f64 - 1.0)))
        .collect();
    let chance: f64 = counts
        .iter()
        .map(|(c, &k)| k as f64 / n as f64 * chance_per[c])
        .sum();
    println!("{n} articles from {path}\n");
    println!("| category | articles | share |");
    println!("|---|---:|---:|");
    for (c, k) in &counts {
        println!("| {c} | {k} | {:.1}% |", 100.0 * *k as f64 / n as f64);
    }
    println!();

    let mut rows: Vec<(String, Scores, f64)> = Vec::new();
    let (r, ms) = run_jaccard(&docs, false);
    rows.push((
        "Jaccard of word sets (no stemming, no TF-IDF)".into(),
        score(&docs, &r),
        ms,
    ));
    let (r, ms) = run_jaccard(&docs, true);
    rows.push(("Jaccard, stopwords dropped".into(), score(&docs, &r), ms));
    let base = RelatedConfig::default();
    let variants: Vec<(&str, RelatedConfig)> = vec![
        ("**RelatedIndex default**", base.clone()),
        (
            "RelatedIndex, no stemming",
            RelatedConfig {
                stem: false,
                ..base.clone()
            },
        ),
        (
            "RelatedIndex, title weight 1",
            RelatedConfig {
                title_weight: 1.0,
                ..base.clone()
            },
        ),
        (
            "RelatedIndex, title weight 3",
            RelatedConfig {
                title_weight: 3.0,
                ..base.clone()
            },
        ),
        (
            "RelatedIndex, no proper-noun boost",
            RelatedConfig {
                proper_noun_boost: 1.0,
                ..base.clone()
            },
        ),
        (
            "RelatedIndex, 20 query terms",
            RelatedConfig {
                max_query_terms: 20,
                ..base.clone()
            },
        ),
        (
            "RelatedIndex, 80 query terms",
            RelatedConfig {
                max_query_terms: 80,
                ..base.clone()
            },
        ),
        (
            "RelatedIndex, all query terms",
            RelatedConfig {
                max_query_terms: usize::MAX,
                ..base.clone()
            },
        ),
    ];
    for (name, cfg) in &variants {
        let (r, ms) = run_index(&docs, cfg);
        rows.push((name.to_string(), score(&docs, &r), ms));
    }
    println!("| method | P@3 | P@5 | ms/query |");
    println!("|---|---:|---:|---:|");
    println!("| chance (category proportions) | {chance:.3} | {chance:.3} | – |");
    for (name, s, ms) in &rows {
        println!("| {name} | {:.3} | {:.3} | {ms:.3} |", s.p3, s.p5);
    }
    println!();
    // Per category: the word-set baseline and the default index.
    let shown = [&rows[0], &rows[2]];
    print!("| category (P@3) | chance |");
    for (name, _, _) in shown {
        print!(" {} |", name.replace("**", ""));
    }
    println!();
    print!("|---|---:|");
    for _ in shown {
        print!("---:|");
    }
    println!();
    for c in counts.keys() {
        print!("| {c} | {:.3} |", chance_per[c]);
        for (_, s, _) in shown {
            print!(" {:.3} |", s.per_cat.get(c).copied().unwrap_or(0.0));
        }
        println!();
    }
    let (build, q) = time_related(&docs, &base);
    println!(
        "\nDefault index: {build:.3} ms per upsert (whole corpus, incl. stemming), {q:.3} ms per related(id, 3) on {n} documents."
    );
}
