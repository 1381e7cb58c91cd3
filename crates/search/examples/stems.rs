//! Print the analyzer's terms for each argument (a quick check of stems and stopwords).
fn main() {
    for a in std::env::args().skip(1) {
        let terms: Vec<String> = sinergi_search::analyzer::analyze(&a)
            .into_iter()
            .map(|t| format!("{}@{}", t.term, t.position))
            .collect();
        println!("{a} -> {}", terms.join(" "));
    }
}
