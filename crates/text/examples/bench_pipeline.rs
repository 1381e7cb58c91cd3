//! Throughput on the IndoSum file (evaluation only, not shipped), one thread, best of 3:
//! tokenizer, cached stemmer on running text, gazetteer (matches/s and articles/s), tone on
//! articles, and the full `analyze` per article.
//!
//! `cargo run --release -p sinergi-text --example bench_pipeline`
use std::time::Instant;

fn best_of<F: FnMut() -> usize>(mut f: F) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut out = 0;
    for _ in 0..3 {
        let t = Instant::now();
        out = std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, out)
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
    let texts: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| Some(v.get("text")?.as_str()?.to_string()))
        .collect();
    let n = texts.len() as f64;
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "IndoSum: {} articles, {words} words, {:.1} MB, {:.0} words/article",
        texts.len(),
        bytes as f64 / 1e6,
        words as f64 / n
    );

    let (s, toks) = best_of(|| texts.iter().map(|t| sinergi_text::tokenize(t).len()).sum());
    println!(
        "tokenize: {:.0} articles/s, {:.1} M tokens/s",
        n / s,
        toks as f64 / s / 1e6
    );

    let stemmer = sinergi_text::global_stemmer();
    let lowered: Vec<Vec<String>> = texts
        .iter()
        .map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        })
        .collect();
    let (s, k) = best_of(|| {
        lowered
            .iter()
            .flatten()
            .map(|w| stemmer.stem(w).len())
            .sum()
    });
    let nw: usize = lowered.iter().map(Vec::len).sum();
    println!(
        "cached stemmer on running text: {:.1} M words/s ({k})",
        nw as f64 / s / 1e6
    );

    let g = sinergi_text::Gazetteer::shared();
    let (s, m) = best_of(|| {
        texts
            .iter()
            .map(|t| g.regions(t).iter().map(|h| h.count as usize).sum::<usize>())
            .sum()
    });
    println!(
        "gazetteer: {m} region mentions in {s:.3}s: {:.0} matches/s, {:.0} articles/s, {:.1} MB/s",
        m as f64 / s,
        n / s,
        bytes as f64 / s / 1e6
    );

    let (s, _) = best_of(|| {
        texts
            .iter()
            .map(|t| sinergi_text::tone_of(t) as usize)
            .sum()
    });
    println!("tone_of whole article: {:.0} articles/s", n / s);

    let (s, _) = best_of(|| {
        texts
            .iter()
            .map(|t| sinergi_text::fingerprint(t).shingles as usize)
            .sum()
    });
    println!("fingerprint (simhash + minhash): {:.0} articles/s", n / s);

    let (s, _) = best_of(|| {
        texts
            .iter()
            .map(|t| sinergi_text::keyphrases(&[t], 5).len())
            .sum()
    });
    println!("keyphrases: {:.0} articles/s", n / s);

    let (s, _) = best_of(|| {
        texts
            .iter()
            .map(|t| sinergi_text::analyze("", t).tokens)
            .sum()
    });
    println!(
        "analyze (everything): {:.0} articles/s ({:.0} words/article)",
        n / s,
        words as f64 / n
    );
}
