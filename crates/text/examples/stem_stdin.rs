//! Reads words (one per line) on stdin, prints one stem per line; used by the parity and
//! side-by-side scripts.
fn main() -> std::io::Result<()> {
    let stemmer = sinergi_text::Stemmer::new();
    let mut input = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)?;
    let mut out = String::with_capacity(input.len());
    for w in input.lines() {
        out.push_str(&stemmer.stem(w));
        out.push('\n');
    }
    std::io::Write::write_all(&mut std::io::stdout(), out.as_bytes())
}
