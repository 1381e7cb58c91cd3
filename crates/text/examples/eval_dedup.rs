//! Builds a syndication set from IndoSum (CC BY-SA 4.0; evaluation only, not shipped) and
//! measures `is_same_story`: precision and recall over copies (edited headline, added
//! boilerplate, cut paragraphs, shuffled paragraphs, all at once) against the most similar
//! distinct article of the same category (TF-IDF cosine: "same topic"). Also LSH candidate
//! recall and fingerprint throughput on 500-word articles.
//!
//! `cargo run --release -p sinergi-text --example eval_dedup`
use std::collections::HashMap;
use std::time::Instant;

use sinergi_text::dedup::{LshIndex, containment, fingerprint, is_same_story};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/indosum/indosum-3463.jsonl"
    );
    let Ok(raw) = std::fs::read_to_string(path) else {
        println!("skip: {path} not found");
        return;
    };
    let docs: Vec<(String, String)> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            Some((
                v.get("category")?.as_str()?.to_string(),
                v.get("text")?.as_str()?.to_string(),
            ))
        })
        .collect();
    println!("articles {}", docs.len());
    let mut rng = Rng(0x0dd_ba11);

    // Same-topic negatives: nearest other article by TF-IDF cosine within the category.
    let tok = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(str::to_lowercase)
            .filter(|w| !sinergi_text::is_stopword(w))
            .collect()
    };
    let mut df: HashMap<String, f64> = HashMap::new();
    let bows: Vec<HashMap<String, f64>> = docs
        .iter()
        .map(|(_, t)| {
            let mut m = HashMap::new();
            for w in tok(t) {
                *m.entry(w).or_insert(0.0) += 1.0;
            }
            for w in m.keys() {
                *df.entry(w.clone()).or_insert(0.0) += 1.0;
            }
            m
        })
        .collect();
    let n = docs.len() as f64;
    let vecs: Vec<HashMap<String, f64>> = bows
        .into_iter()
        .map(|m| {
            let mut v: HashMap<String, f64> = m
                .into_iter()
                .map(|(w, c)| {
                    let idf = (n / df[&w]).ln();
                    (w, (1.0 + f64::ln(c)) * idf)
                })
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f64>().sqrt().max(1e-9);
            v.values_mut().for_each(|x| *x /= norm);
            v
        })
        .collect();
    let mut postings: HashMap<&str, Vec<(usize, f64)>> = HashMap::new();
    for (i, v) in vecs.iter().enumerate() {
        for (w, x) in v {
            postings.entry(w.as_str()).or_default().push((i, *x));
        }
    }

    let sample: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].1.split_whitespace().count() >= 120)
        .step_by(3)
        .take(1000)
        .collect();
    let mut pos_pairs: Vec<(String, String, &str)> = Vec::new();
    let mut neg_pairs: Vec<(String, String, f64)> = Vec::new();
    for &i in &sample {
        let text = &docs[i].1;
        let sents: Vec<&str> = sinergi_text::sentences(text)
            .into_iter()
            .map(|s| s.text)
            .collect();
        if sents.len() < 4 {
            continue;
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        let headline: String = words[..8.min(words.len())].join(" ");
        let orig = format!("{headline}\n\n{}", sents.join(" "));
        let mut edited: Vec<&str> = headline.split(' ').collect();
        edited.insert(1, "Resmi:");
        edited.pop();
        let edited = format!("{} Hari Ini", edited.join(" "));
        let other = &docs[rng.below(docs.len())].1;
        let other_first = sinergi_text::sentences(other)
            .first()
            .map_or("", |s| s.text)
            .to_string();
        let boiler_pre = "JAKARTA, PortalBerita.id - ";
        let boiler_post = format!(
            "\n\nBaca juga: {other_first}\n\nIkuti berita terkini dan terpercaya dari PortalBerita.id di Google News. \
             Copyright 2026 PortalBerita.id. All rights reserved. Dilarang mengutip tanpa izin redaksi."
        );
        // paragraphs of ~3 sentences
        let paras: Vec<String> = sents.chunks(3).map(|c| c.join(" ")).collect();
        let keep = (paras.len() * 6 / 10).max(1);
        let cut = paras[..keep].join("\n\n");
        let mut shuffled = paras.clone();
        for k in (1..shuffled.len()).rev() {
            let j = rng.below(k + 1);
            shuffled.swap(k, j);
        }
        let shuffled_text = shuffled.join("\n\n");
        let body = sents.join(" ");
        pos_pairs.push((orig.clone(), format!("{edited}\n\n{body}"), "headline"));
        pos_pairs.push((
            orig.clone(),
            format!("{headline}\n\n{boiler_pre}{body}{boiler_post}"),
            "boilerplate",
        ));
        pos_pairs.push((orig.clone(), format!("{headline}\n\n{cut}"), "cut 40%"));
        pos_pairs.push((
            orig.clone(),
            format!("{headline}\n\n{shuffled_text}"),
            "shuffled",
        ));
        let keep2 = (shuffled.len() * 7 / 10).max(1);
        pos_pairs.push((
            orig.clone(),
            format!(
                "{edited}\n\n{boiler_pre}{}{boiler_post}",
                shuffled[..keep2].join("\n\n")
            ),
            "all edits",
        ));
        // nearest same-category article
        let mut score: HashMap<usize, f64> = HashMap::new();
        for (w, x) in &vecs[i] {
            for &(j, y) in &postings[w.as_str()] {
                if j != i && docs[j].0 == docs[i].0 {
                    *score.entry(j).or_insert(0.0) += x * y;
                }
            }
        }
        if let Some((&j, &cos)) = score.iter().max_by(|a, b| a.1.total_cmp(b.1)) {
            let ws: Vec<&str> = docs[j].1.split_whitespace().collect();
            let h2 = ws[..8.min(ws.len())].join(" ");
            neg_pairs.push((orig.clone(), format!("{h2}\n\n{}", docs[j].1), cos));
        }
    }

    let mut by_kind: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut tp = 0;
    for (a, b, kind) in &pos_pairs {
        let same = is_same_story(&fingerprint(a), &fingerprint(b));
        let e = by_kind.entry(kind).or_insert((0, 0));
        e.1 += 1;
        if same {
            e.0 += 1;
            tp += 1;
        }
    }
    let mut fp = 0;
    let mut high_cos_fp = 0;
    let mut cont: Vec<f64> = Vec::new();
    for (a, b, cos) in &neg_pairs {
        let (fa, fb) = (fingerprint(a), fingerprint(b));
        cont.push(containment(&fa, &fb));
        if is_same_story(&fa, &fb) {
            fp += 1;
            if *cos > 0.8 {
                high_cos_fp += 1;
            }
        }
    }
    cont.sort_by(f64::total_cmp);
    let fneg = pos_pairs.len() - tp;
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fneg).max(1) as f64;
    println!(
        "positive pairs {} (copies), negative pairs {} (same category, nearest by TF-IDF cosine)",
        pos_pairs.len(),
        neg_pairs.len()
    );
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort();
    for (k, (ok, all)) in kinds {
        println!("  recall {k}: {ok}/{all}");
    }
    println!(
        "  negatives judged same story: {fp} (of which cosine > 0.8, likely real syndication in IndoSum: {high_cos_fp})"
    );
    println!(
        "  negative containment: median {:.3}, 99th pct {:.3}, max {:.3}",
        cont[cont.len() / 2],
        cont[cont.len() * 99 / 100],
        cont[cont.len() - 1]
    );
    println!("precision {precision:.4} recall {recall:.4}");

    // LSH candidate recall for the all-edits copies, and how many other articles come along.
    let originals: Vec<&String> = pos_pairs.iter().step_by(5).map(|p| &p.0).collect();
    for bands in [32usize, 64] {
        let mut idx = LshIndex::new(bands);
        for (k, o) in originals.iter().enumerate() {
            idx.insert(k as u32, &fingerprint(o).minhash);
        }
        let mut found = 0;
        let mut others = 0usize;
        for (k, p) in pos_pairs.iter().skip(4).step_by(5).enumerate() {
            let c = idx.candidates(&fingerprint(&p.1).minhash);
            if c.contains(&(k as u32)) {
                found += 1;
            }
            others += c.iter().filter(|&&x| x != k as u32).count();
        }
        println!(
            "LSH {bands} bands x {} rows: all-edits copy among candidates {found}/{}, other candidates per query {:.2}",
            128 / bands,
            originals.len(),
            others as f64 / originals.len() as f64
        );
    }

    // Throughput on 500-word articles.
    let arts: Vec<String> = docs
        .iter()
        .map(|(_, t)| {
            let ws: Vec<&str> = t.split_whitespace().collect();
            let mut out: Vec<&str> = Vec::with_capacity(500);
            while out.len() < 500 && !ws.is_empty() {
                out.extend(ws.iter().take(500 - out.len()));
            }
            out.join(" ")
        })
        .collect();
    let mut best = 0.0f64;
    for _ in 0..3 {
        let t = Instant::now();
        let mut x = 0u64;
        for a in &arts {
            x ^= fingerprint(a).simhash;
        }
        std::hint::black_box(x);
        best = best.max(arts.len() as f64 / t.elapsed().as_secs_f64());
    }
    println!(
        "fingerprint (simhash + 128-perm minhash) throughput: {best:.0} articles/s on 500-word articles, one thread"
    );
    let mut best = 0.0f64;
    for _ in 0..3 {
        let t = Instant::now();
        let mut x = 0u64;
        for a in &arts {
            x ^= sinergi_text::dedup::simhash64(a);
        }
        std::hint::black_box(x);
        best = best.max(arts.len() as f64 / t.elapsed().as_secs_f64());
    }
    println!("simhash64 alone: {best:.0} articles/s");
}
