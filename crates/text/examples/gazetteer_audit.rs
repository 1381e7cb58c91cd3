//! Lists the most frequent region matches (surface form -> code) on IndoSum, to audit the
//! ambiguity rules by eye. `cargo run --release -p sinergi-text --example gazetteer_audit`
use std::collections::HashMap;

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/indosum/indosum-3463.jsonl"
    );
    let Ok(raw) = std::fs::read_to_string(path) else {
        println!("skip: {path} not found");
        return;
    };
    let g = sinergi_text::Gazetteer::shared();
    let mut counts: HashMap<(String, String, String), usize> = HashMap::new();
    for line in raw.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        for h in g.regions(text) {
            for p in &h.positions {
                *counts
                    .entry((
                        text[p.start..p.end].to_string(),
                        h.code.clone(),
                        h.name.clone(),
                    ))
                    .or_insert(0) += 1;
            }
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    for ((s, c, n), k) in v.iter().take(60) {
        println!("{k:5} {s:30} {c:10} {n}");
    }
    let districts: Vec<_> = v
        .iter()
        .filter(|((_, c, _), _)| c.len() > 5)
        .take(25)
        .collect();
    println!("-- districts");
    for ((s, c, n), k) in districts {
        println!("{k:5} {s:30} {c:10} {n}");
    }
}
