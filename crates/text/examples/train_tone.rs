//! Train the tone model on SmSA (IndoNLU, Apache-2.0) and write `data/text/tone-model.bin`.
//!
//! `cargo run --release -p sinergi-text --example train_tone [-- --no-write]`
//!
//! Hyper-parameters are chosen on a 10% hold-out of the training file (never on valid), the
//! model is then retrained on the whole training file; macro-F1 on `valid_preprocess.tsv` and
//! the single-thread scoring rate are printed.
use std::time::Instant;

use sinergi_text::tone::{Tone, ToneModel, TrainConfig, macro_f1, train};

fn load(path: &str) -> Option<Vec<(String, Tone)>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .filter_map(|l| {
                let (t, y) = l.rsplit_once('\t')?;
                Some((t.to_string(), Tone::parse(y)?))
            })
            .collect(),
    )
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/smsa/");
    let (Some(train_set), Some(valid)) = (
        load(&format!("{dir}train_preprocess.tsv")),
        load(&format!("{dir}valid_preprocess.tsv")),
    ) else {
        println!("skip: SmSA files not found under {dir}");
        return;
    };
    println!("train {} valid {}", train_set.len(), valid.len());
    let cut = train_set.len() * 9 / 10;
    let (fit, hold) = train_set.split_at(cut);
    let mut best = (0.0, TrainConfig::default());
    for epochs in [8usize, 12, 16] {
        for lr in [0.05f32, 0.1, 0.2] {
            for l2 in [1e-6f32, 1e-5] {
                let cfg = TrainConfig {
                    bits: 18,
                    epochs,
                    lr,
                    l2,
                    ..TrainConfig::default()
                };
                let m = train(fit, cfg);
                let f = macro_f1(&m, hold);
                println!("epochs {epochs} lr {lr} l2 {l2}: hold-out macro-F1 {f:.4}");
                if f > best.0 {
                    best = (f, cfg);
                }
            }
        }
    }
    let cfg = best.1;
    println!("chosen {cfg:?}");
    // Bias shifts that maximise hold-out macro-F1 (the neutral class is the rare one).
    let mut hold_model = train(fit, cfg);
    let mut best_shift = ([0f32; 3], macro_f1(&hold_model, hold));
    for dn in [-0.6f32, -0.4, -0.2, 0.0, 0.2, 0.4, 0.6] {
        for dneg in [-0.4f32, -0.2, 0.0, 0.2, 0.4] {
            let mut m = hold_model.clone();
            m.shift_bias([0.0, dn, dneg]);
            let f = macro_f1(&m, hold);
            if f > best_shift.1 + 1e-9 {
                best_shift = ([0.0, dn, dneg], f);
            }
        }
    }
    hold_model.shift_bias(best_shift.0);
    println!(
        "bias shift {:?}: hold-out macro-F1 {:.4}",
        best_shift.0, best_shift.1
    );
    let t = Instant::now();
    let mut model = train(&train_set, cfg);
    model.shift_bias(best_shift.0);
    println!("trained in {:.1}s", t.elapsed().as_secs_f64());
    let bytes = model.to_bytes();
    let model = ToneModel::from_bytes(&bytes).unwrap_or(model); // score the quantised weights
    let f1 = macro_f1(&model, &valid);
    println!("valid macro-F1 {f1:.4}");
    let texts: Vec<&str> = valid.iter().map(|(t, _)| t.as_str()).collect();
    let mut best_rate = 0.0f64;
    for _ in 0..3 {
        let t = Instant::now();
        let mut n = 0usize;
        for x in &texts {
            n += model.score(x).tone.index();
        }
        std::hint::black_box(n);
        best_rate = best_rate.max(texts.len() as f64 / t.elapsed().as_secs_f64());
    }
    let avg_len = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / texts.len() as f64;
    println!("scoring rate {best_rate:.0} texts/s (one thread, avg {avg_len:.0} bytes/text)");
    if !std::env::args().any(|a| a == "--no-write") {
        let out = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/text/tone-model.bin"
        );
        match std::fs::write(out, &bytes) {
            Ok(()) => println!("wrote {out} ({} bytes); rebuild to embed it", bytes.len()),
            Err(e) => println!("could not write {out}: {e}"),
        }
    }
}
