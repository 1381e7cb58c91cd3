//! Checks on the shared evaluation data (`../shared/data/`, beside the repository). Each test
//! skips with a message when that folder is absent (a user's machine will not have it).
use sinergi_text::dedup::{fingerprint, is_same_story};

fn shared(rel: &str) -> Option<String> {
    let path = format!("{}/../../../shared/data/{rel}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(_) => {
            println!("skipping: {path} not found (shared data is not on this machine)");
            None
        }
    }
}

fn indosum(n: usize) -> Option<Vec<String>> {
    let raw = shared("indosum/indosum-3463.jsonl")?;
    Some(
        raw.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| Some(v.get("text")?.as_str()?.to_string()))
            .take(n)
            .collect(),
    )
}

#[test]
fn indosum_articles_analyse_without_surprises() {
    let Some(texts) = indosum(300) else { return };
    let mut with_region = 0;
    for t in &texts {
        let a = sinergi_text::analyze("", t);
        assert!(a.words > 0 && a.sentences > 0);
        assert!(a.keyphrases.len() <= 5);
        if !a.regions.is_empty() {
            with_region += 1;
        }
    }
    // news is about places: most articles name at least one region
    assert!(
        with_region * 2 > texts.len(),
        "{with_region}/{}",
        texts.len()
    );
}

#[test]
fn indosum_copies_are_same_story_and_neighbours_are_not() {
    let Some(texts) = indosum(120) else { return };
    let mut copies = 0;
    let mut false_pos = 0;
    for (i, t) in texts.iter().enumerate() {
        let sents: Vec<&str> = sinergi_text::sentences(t)
            .into_iter()
            .map(|s| s.text)
            .collect();
        if sents.len() < 4 {
            continue;
        }
        // republished: boilerplate added, last third cut, paragraphs reversed
        let keep = &sents[..sents.len() * 2 / 3];
        let mut paras: Vec<String> = keep.chunks(2).map(|c| c.join(" ")).collect();
        paras.reverse();
        let copy = format!(
            "JAKARTA, Portal - {} Baca juga: berita lain.",
            paras.join("\n\n")
        );
        if is_same_story(&fingerprint(t), &fingerprint(&copy)) {
            copies += 1;
        }
        let other = &texts[(i + 1) % texts.len()];
        if is_same_story(&fingerprint(t), &fingerprint(other)) {
            false_pos += 1;
        }
    }
    assert!(copies >= 95, "copies recognised: {copies}");
    assert!(
        false_pos <= 1,
        "distinct articles judged the same story: {false_pos}"
    );
}

#[test]
fn hoax_claims_found_from_rewordings() {
    let Some(csv) = shared("hoax-claims/turnbackhoax-2024.csv") else {
        return;
    };
    let index = sinergi_text::batch::claim_index_from_csv(&csv).unwrap();
    assert!(index.len() > 3700);
    for (query, id) in [
        (
            "najwa shihab dapat teror setelah mengomentari video prabowo",
            "3752",
        ),
        (
            "beredar video ombak seperti tsunami menyapu tempat wisata",
            "3753",
        ),
    ] {
        let ids: Vec<String> = index.search(query, 5).into_iter().map(|m| m.id).collect();
        assert!(ids.contains(&id.to_string()), "{query}: {ids:?}");
    }
}

#[test]
fn smsa_valid_macro_f1_beats_reference() {
    let Some(valid) = shared("smsa/valid_preprocess.tsv") else {
        return;
    };
    let data: Vec<(String, sinergi_text::Tone)> = valid
        .lines()
        .filter_map(|l| {
            let (t, y) = l.rsplit_once('\t')?;
            Some((t.to_string(), sinergi_text::Tone::parse(y)?))
        })
        .collect();
    assert_eq!(data.len(), 1260);
    let f1 = sinergi_text::tone::macro_f1(sinergi_text::ToneModel::shared(), &data);
    println!("valid macro-F1 {f1:.4}");
    assert!(f1 > 0.858, "{f1}");
}
