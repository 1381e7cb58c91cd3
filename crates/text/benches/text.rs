//! Micro-benchmarks: `cargo bench -p sinergi-text`. Inputs are embedded (no shared data
//! needed); the IndoSum-wide numbers come from `examples/bench_pipeline.rs`.
use divan::{Bencher, black_box};

const ARTICLE: &str = "BOGOR - Pemerintah Kabupaten Bogor menyalurkan bantuan sosial kepada ribuan \
warga terdampak banjir di Kecamatan Cibinong, Kamis (26/11/2026) pukul 11.14 WIB. Bupati Bogor \
mengatakan bantuan senilai Rp1,2 miliar berupa beras, minyak goreng dan obat-obatan itu dibagikan \
bersama BPBD selama tiga hari. \"Kami pastikan semua warga terdampak mendapat bantuan,\" ujarnya. \
Petugas masih mendata rumah yang rusak akibat luapan sungai Ciliwung. Warga mengeluhkan penyaluran \
yang lambat dan tidak merata di beberapa desa. Pemprov Jabar menjanjikan tambahan bantuan dan \
meminta warga tetap waspada karena hujan deras diperkirakan masih turun hingga akhir pekan menurut \
BMKG. Sementara itu, Pemkot Bogor membuka posko pengungsian di halaman balai kota.";

fn words() -> Vec<&'static str> {
    include_str!("../tests/data/unseen-stems.tsv")
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect()
}

fn article_500() -> String {
    let w: Vec<&str> = ARTICLE.split_whitespace().collect();
    (0..500)
        .map(|i| w[i % w.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() {
    divan::main();
}

/// Uncached stemming of 11,163 distinct words (per iteration: all of them).
#[divan::bench(sample_count = 10)]
fn stem_distinct_words(b: Bencher) {
    let st = sinergi_text::Stemmer::new();
    let ws = words();
    b.counter(divan::counter::ItemsCount::new(ws.len()))
        .bench(|| {
            ws.iter()
                .map(|w| st.stem(black_box(w)).len())
                .sum::<usize>()
        });
}

/// Cached stemming of running text.
#[divan::bench]
fn stem_cached_running_text(b: Bencher) {
    let st = sinergi_text::global_stemmer();
    let ws: Vec<String> = ARTICLE
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    b.counter(divan::counter::ItemsCount::new(ws.len()))
        .bench(|| {
            ws.iter()
                .map(|w| st.stem(black_box(w)).len())
                .sum::<usize>()
        });
}

#[divan::bench]
fn tokenize_article() -> usize {
    sinergi_text::tokenize(black_box(ARTICLE)).len()
}

#[divan::bench]
fn tone_sentence() -> sinergi_text::Tone {
    sinergi_text::tone_of(black_box(
        "pelayanan di kantor kecamatan sangat lambat dan tidak ramah",
    ))
}

#[divan::bench]
fn fingerprint_500_words(b: Bencher) {
    let a = article_500();
    b.bench(|| sinergi_text::fingerprint(black_box(&a)).simhash);
}

#[divan::bench]
fn gazetteer_article() -> usize {
    sinergi_text::Gazetteer::shared()
        .regions(black_box(ARTICLE))
        .len()
}

#[divan::bench]
fn analyze_500_words(b: Bencher) {
    let a = article_500();
    b.bench(|| sinergi_text::analyze("Banjir di Bogor", black_box(&a)).tokens);
}

#[divan::bench]
fn claim_search_3k(b: Bencher) {
    let claims: Vec<(String, String)> = (0..3000)
        .map(|i| {
            (
                i.to_string(),
                format!("klaim nomor {i} tentang vaksin bansos banjir {}", i * 7),
            )
        })
        .collect();
    let idx = sinergi_text::ClaimIndex::new(claims);
    b.bench(|| idx.search(black_box("vaksin bansos nomor 1234"), 5).len());
}

#[divan::bench]
fn tone_500_words(b: Bencher) {
    let a = article_500();
    b.bench(|| sinergi_text::tone_of(black_box(&a)));
}

#[divan::bench]
fn keyphrases_500_words(b: Bencher) {
    let a = article_500();
    b.bench(|| sinergi_text::keyphrases(&[black_box(a.as_str())], 5).len());
}
