//! Claim matching on TurnBackHoax 2024 titles (evaluation only, not shipped): every 10th
//! claim is paraphrased by rules (synonyms, slang, a dropped word, a lead-in like "beredar
//! kabar", moved words, a typo) and searched among all 3,746 claims; prints recall@1/@5.
//! The paraphraser is ours and rule-based, so the numbers are an optimistic proxy for human
//! rewording.
//!
//! `cargo run --release -p sinergi-text --example eval_claims`
use std::time::Instant;

use sinergi_text::batch::claim_index_from_csv;
use sinergi_text::claims::parse_csv;

const SYN: &[(&str, &str)] = &[
    ("video", "rekaman"),
    ("foto", "gambar"),
    ("warga", "masyarakat"),
    ("meninggal", "wafat"),
    ("mengatakan", "menyebut"),
    ("usai", "setelah"),
    ("setelah", "usai"),
    ("karena", "akibat"),
    ("gratis", "cuma-cuma"),
    ("uang", "dana"),
    ("beredar", "viral"),
    ("viral", "beredar"),
    ("mirip", "seperti"),
    ("seperti", "mirip"),
    ("tempat", "lokasi"),
    ("anak", "bocah"),
    ("polisi", "aparat"),
    ("ditangkap", "diamankan"),
    ("rumah", "kediaman"),
    ("akan", "bakal"),
    ("yang", "yg"),
    ("dengan", "dgn"),
    ("untuk", "utk"),
    ("tidak", "gak"),
    ("dan", "serta"),
    ("besar", "raksasa"),
    ("baru", "terbaru"),
    ("pembagian", "bagi-bagi"),
    ("bantuan", "bansos"),
    ("indonesia", "ri"),
    ("memberikan", "kasih"),
    ("ribu", "rb"),
    ("juta", "jt"),
];
const LEADS: &[&str] = &["beredar kabar", "katanya", "benarkah", "viral", "info:", ""];

fn paraphrase(title: &str, seed: usize) -> String {
    let lower = title.to_lowercase();
    let mut words: Vec<String> = lower
        .split_whitespace()
        .filter(|w| !w.starts_with('['))
        .map(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            SYN.iter()
                .find(|(a, _)| *a == bare)
                .map_or_else(|| w.to_string(), |(_, b)| b.to_string())
        })
        .collect();
    if words.len() > 5 {
        words.remove(1 + seed % (words.len() - 2));
    }
    if words.len() > 6 && seed.is_multiple_of(2) {
        // move the last two words to the front
        let tail: Vec<String> = words.split_off(words.len() - 2);
        words.splice(0..0, tail);
    }
    if seed.is_multiple_of(3)
        && let Some(w) = words.iter_mut().find(|w| w.len() > 6 && w.is_ascii())
    {
        let mut b = w.clone().into_bytes();
        b.swap(2, 3);
        *w = String::from_utf8_lossy(&b).into_owned();
    }
    let lead = LEADS[seed % LEADS.len()];
    format!("{lead} {}", words.join(" ")).trim().to_string()
}

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/hoax-claims/turnbackhoax-2024.csv"
    );
    let Ok(csv) = std::fs::read_to_string(path) else {
        println!("skip: {path} not found");
        return;
    };
    let t = Instant::now();
    let index = match claim_index_from_csv(&csv) {
        Ok(i) => i,
        Err(e) => {
            println!("bad CSV: {e}");
            return;
        }
    };
    println!(
        "indexed {} claims in {:.2}s",
        index.len(),
        t.elapsed().as_secs_f64()
    );
    let rows = parse_csv(&csv);
    let sample: Vec<(String, String)> = rows
        .iter()
        .skip(1)
        .filter(|r| r.len() >= 2)
        .step_by(10)
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let (mut at1, mut at5) = (0, 0);
    let t = Instant::now();
    for (k, (id, title)) in sample.iter().enumerate() {
        let q = paraphrase(title, k);
        let hits = index.search(&q, 5);
        if hits.first().is_some_and(|h| &h.id == id) {
            at1 += 1;
        }
        if hits.iter().any(|h| &h.id == id) {
            at5 += 1;
        } else if k % 7 == 0 {
            println!("  miss: {title:?} <- {q:?}");
        }
    }
    let dt = t.elapsed().as_secs_f64();
    let n = sample.len() as f64;
    println!(
        "paraphrased queries {}: recall@1 {:.3} recall@5 {:.3} ({:.0} queries/s)",
        sample.len(),
        at1 as f64 / n,
        at5 as f64 / n,
        n / dt
    );
    // Latency at "tens of thousands": 10 variants of every claim (37,460 claims).
    let all: Vec<&Vec<String>> = rows.iter().skip(1).filter(|r| r.len() >= 2).collect();
    let mut big = Vec::new();
    for v in 0..10 {
        for (i, r) in all.iter().enumerate() {
            let other = &all[(i * 7 + v * 13) % all.len()][1];
            let extra: Vec<&str> = other.split_whitespace().take(2).collect();
            big.push((
                format!("{}-{v}", r[0]),
                format!("{} {}", r[1], extra.join(" ")),
            ));
        }
    }
    let t = Instant::now();
    let big_index = sinergi_text::ClaimIndex::new(big);
    let built = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut found = 0;
    for (k, (id, title)) in sample.iter().enumerate() {
        let hits = big_index.search(&paraphrase(title, k), 5);
        if hits
            .iter()
            .any(|h| h.id.split('-').next() == Some(id.as_str()))
        {
            found += 1;
        }
    }
    let dt = t.elapsed().as_secs_f64();
    println!(
        "{} claims: built in {built:.2}s, {:.0} queries/s, recall@5 (any variant) {:.3}",
        big_index.len(),
        n / dt,
        found as f64 / n
    );
    for (k, (_, title)) in sample.iter().take(3).enumerate() {
        println!("  example: {title:?} -> {:?}", paraphrase(title, k));
    }
}
