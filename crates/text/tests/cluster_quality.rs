#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use sinergi_newsgen::{Corpus, GenConfig, ReleaseSpec};
use sinergi_text::{ClusterConfig, ClusterInput, StoryClusterer};

/// Purity, NMI and pairwise F1 of predicted clusters against true labels.
pub fn scores(pred: &[u64], truth: &[String]) -> (f64, f64, f64) {
    let n = pred.len() as f64;
    let mut joint: HashMap<(u64, &str), f64> = HashMap::new();
    let mut pc: HashMap<u64, f64> = HashMap::new();
    let mut tc: HashMap<&str, f64> = HashMap::new();
    for (p, t) in pred.iter().zip(truth) {
        *joint.entry((*p, t.as_str())).or_default() += 1.0;
        *pc.entry(*p).or_default() += 1.0;
        *tc.entry(t.as_str()).or_default() += 1.0;
    }
    let mut best: HashMap<u64, f64> = HashMap::new();
    for ((p, _), c) in &joint {
        let b = best.entry(*p).or_default();
        *b = b.max(*c);
    }
    let purity = best.values().sum::<f64>() / n;
    let mi: f64 = joint
        .iter()
        .map(|((p, t), c)| c / n * ((c * n) / (pc[p] * tc[t])).ln())
        .sum();
    let h = |m: &dyn Fn() -> Vec<f64>| -> f64 {
        -m().iter().map(|c| c / n * (c / n).ln()).sum::<f64>()
    };
    let hp = h(&|| pc.values().copied().collect());
    let ht = h(&|| tc.values().copied().collect());
    let nmi = if hp + ht > 0.0 {
        2.0 * mi / (hp + ht)
    } else {
        1.0
    };
    let pairs = |v: &mut dyn Iterator<Item = f64>| v.map(|c| c * (c - 1.0) / 2.0).sum::<f64>();
    let tp = pairs(&mut joint.values().copied());
    let pp = pairs(&mut pc.values().copied());
    let tp_all = pairs(&mut tc.values().copied());
    let (prec, rec) = (tp / pp.max(1.0), tp / tp_all.max(1.0));
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    (purity, nmi, f1)
}

pub fn cluster_newsgen(
    articles: usize,
    cfg: ClusterConfig,
) -> (Vec<u64>, Vec<String>, StoryClusterer) {
    let corpus = Corpus::generate(&GenConfig {
        articles,
        release: Some(ReleaseSpec::demo()),
        ..GenConfig::default()
    });
    let mut arts: Vec<_> = corpus.articles().iter().collect();
    arts.sort_by_key(|a| (a.published_ms, a.id));
    let mut c = StoryClusterer::new(cfg);
    let mut pred = Vec::new();
    let mut truth = Vec::new();
    for a in arts {
        let r = c.assign(&ClusterInput {
            id: a.id,
            published_ms: a.published_ms,
            title: &a.title,
            text: &a.text,
        });
        pred.push(r.issue);
        truth.push(a.issue_key.clone());
    }
    (pred, truth, c)
}

#[test]
fn newsgen_stories_are_recovered() {
    // Synthetic stories share template sentences, so they need a stricter threshold than
    // real news (see README).
    let cfg = ClusterConfig {
        threshold: 0.55,
        ..ClusterConfig::default()
    };
    let (pred, truth, c) = cluster_newsgen(1500, cfg);
    let (purity, nmi, f1) = scores(&pred, &truth);
    eprintln!("newsgen 1500: purity {purity:.3} NMI {nmi:.3} pairwise F1 {f1:.3}");
    assert!(purity >= 0.88, "purity {purity}");
    assert!(nmi >= 0.90, "NMI {nmi}");
    assert!(f1 >= 0.85, "pairwise F1 {f1}");
    // The growing issue gets a readable label.
    let spike = pred
        .iter()
        .zip(&truth)
        .filter(|(_, t)| *t == "rob-semarang")
        .map(|(p, _)| *p)
        .next_back()
        .unwrap();
    let label = c.label(spike);
    assert!(
        label.contains("rob") || label.contains("tanggul"),
        "label {label:?}"
    );
}

#[test]
fn scores_are_sane() {
    let t: Vec<String> = ["a", "a", "b", "b"].iter().map(|s| s.to_string()).collect();
    let (p, n, f) = scores(&[1, 1, 2, 2], &t);
    assert!((p - 1.0).abs() < 1e-9 && (n - 1.0).abs() < 1e-9 && (f - 1.0).abs() < 1e-9);
    let (p, _, f) = scores(&[1, 1, 1, 1], &t);
    assert!((p - 0.5).abs() < 1e-9 && f < 0.6);
}
