//! Stand-in for `sinergi text ...` until the CLI wires the batch functions:
//! `cargo run --release -p sinergi-text --example sinergi_text -- stem|tone|analyze < in`
//! `... -- match-claims --known FILE.csv [--k 5] < claims`
use std::io::{BufReader, stdin, stdout};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = BufReader::new(stdin().lock());
    let output = stdout().lock();
    let result = match args.first().map(String::as_str) {
        Some("stem") => sinergi_text::batch::stem_lines(input, output).map_err(|e| e.to_string()),
        Some("tone") => sinergi_text::batch::tone_lines(input, output).map_err(|e| e.to_string()),
        Some("analyze") => {
            sinergi_text::batch::analyze_lines(input, output).map_err(|e| e.to_string())
        }
        Some("match-claims") => {
            let flag = |name: &str| {
                args.iter()
                    .position(|a| a == name)
                    .and_then(|i| args.get(i + 1))
                    .cloned()
            };
            let k = flag("--k").and_then(|k| k.parse().ok()).unwrap_or(5);
            match flag("--known").map(std::fs::File::open) {
                Some(Ok(f)) => sinergi_text::batch::match_claims_lines(f, input, output, k)
                    .map_err(|e| e.to_string()),
                Some(Err(e)) => Err(format!("--known: {e}")),
                None => Err("match-claims needs --known FILE.csv".into()),
            }
        }
        _ => Err("usage: sinergi_text stem|tone|analyze|match-claims --known FILE.csv".into()),
    };
    match result {
        Ok(n) => eprintln!("{n} lines"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
