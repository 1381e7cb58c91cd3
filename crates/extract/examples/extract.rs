//! What `sinergi extract FILE...` prints: one JSON object per file.
//!
//! usage: extract [--fetched RFC3339] FILE...
use chrono::{DateTime, Utc};

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut fetched = Utc::now();
    if args.peek().map(String::as_str) == Some("--fetched") {
        args.next();
        if let Some(f) = args
            .next()
            .and_then(|f| DateTime::parse_from_rfc3339(&f).ok())
        {
            fetched = f.with_timezone(&Utc);
        }
    }
    for f in args {
        let v = match std::fs::read(&f) {
            Ok(bytes) => sinergi_extract::file_to_json(&f, &bytes, fetched),
            Err(e) => serde_json::json!({"file": f, "error": e.to_string()}),
        };
        println!("{v}");
    }
}
