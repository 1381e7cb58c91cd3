//! Reads words (one per line) on stdin, prints one stem per line. With `--time`, also prints
//! to stderr the in-process rate on these words (uncached stemmer, best of 5 passes, I/O
//! excluded). Used by `scripts/stem_side_by_side.py` and `shared/tools/stem-parity`.
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let timed = std::env::args().any(|a| a == "--time");
    let stemmer = sinergi_text::Stemmer::new();
    let mut input = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)?;
    let words: Vec<&str> = input.lines().collect();
    let mut out = String::with_capacity(input.len());
    for w in &words {
        out.push_str(&stemmer.stem(w));
        out.push('\n');
    }
    if timed {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let mut n = 0usize;
            for w in &words {
                n += stemmer.stem(w).len();
            }
            std::hint::black_box(n);
            best = best.min(t.elapsed().as_secs_f64());
        }
        eprintln!(
            "rust words {} seconds {best:.4} words/s {:.0}",
            words.len(),
            words.len() as f64 / best
        );
    }
    std::io::Write::write_all(&mut std::io::stdout(), out.as_bytes())
}
