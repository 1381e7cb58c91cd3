//! `cargo run --release -p sinergi-newsgen --example newsgen -- [articles] [show]`:
//! generation rate, and with `show` the first articles' title and text.

use sinergi_newsgen::{Corpus, GenConfig, ReleaseSpec};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let show = args.next().is_some();
    let cfg = GenConfig {
        articles: n,
        release: Some(ReleaseSpec::demo()),
        ..GenConfig::default()
    };
    let t = std::time::Instant::now();
    let (mut bytes, mut words) = (0usize, 0usize);
    for (k, a) in Corpus::iter(&cfg).enumerate() {
        bytes += a.html.len();
        words += a.text.split_whitespace().count();
        if show && k < 12 {
            println!(
                "== {} [{:?} {:?} {}] {}\n{}\n{}\n",
                a.id, a.kind, a.tone, a.issue_key, a.url, a.title, a.text
            );
        }
    }
    let s = t.elapsed().as_secs_f64();
    eprintln!(
        "{n} articles in {s:.2} s = {:.0} articles/s; {:.1} KB HTML and {} words per article",
        n as f64 / s,
        bytes as f64 / n.max(1) as f64 / 1024.0,
        words / n.max(1)
    );
}
