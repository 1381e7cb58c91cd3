//! Measures the shipped slang list against the evaluation-only colloquial lexicon
//! (`shared/data/eval-only/colloquial-indonesian-lexicon.csv`, not shipped): what share of the
//! lexicon's rows (weighted by occurrence) and distinct slang forms we normalise, and how often
//! our formal form equals theirs.
use std::collections::HashMap;

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/eval-only/colloquial-indonesian-lexicon.csv"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("skip: {path} not found");
        return;
    };
    let mut rows = 0usize;
    let mut covered_rows = 0usize;
    let mut agree_rows = 0usize;
    let mut distinct: HashMap<String, String> = HashMap::new();
    for line in text.lines().skip(1) {
        let mut f = line.split(',');
        let (Some(slang), Some(formal)) = (f.next(), f.next()) else {
            continue;
        };
        if slang == formal {
            continue;
        }
        rows += 1;
        distinct.insert(slang.to_string(), formal.to_string());
        let ours = sinergi_text::normalize_word(slang);
        if ours != slang {
            covered_rows += 1;
            if ours == formal {
                agree_rows += 1;
            }
        }
    }
    let mut covered = 0;
    let mut agree = 0;
    for (s, f) in &distinct {
        let ours = sinergi_text::normalize_word(s);
        if ours != s.as_str() {
            covered += 1;
            if ours == f.as_str() {
                agree += 1;
            }
        }
    }
    println!(
        "lexicon rows (slang != formal) {rows}: we change {covered_rows} ({:.1}%), same formal form {agree_rows} ({:.1}%)",
        100.0 * covered_rows as f64 / rows.max(1) as f64,
        100.0 * agree_rows as f64 / rows.max(1) as f64
    );
    println!(
        "distinct slang forms {}: we change {covered} ({:.1}%), same formal form {agree} ({:.1}%)",
        distinct.len(),
        100.0 * covered as f64 / distinct.len().max(1) as f64,
        100.0 * agree as f64 / distinct.len().max(1) as f64
    );
}
