//! Every entry point on arbitrary input: nothing may panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let toks = sinergi_text::tokenize(&s);
    for t in &toks {
        assert_eq!(&s[t.start..t.end], t.text);
    }
    let _ = sinergi_text::sentences(&s);
    let _ = sinergi_text::normalize(&s);
    let _ = sinergi_text::global_stemmer().stem(&s);
    let _ = sinergi_text::tone_toward(&s, &["Bandung"]);
    let _ = sinergi_text::keyphrases(&[&s], 5);
    let _ = sinergi_text::analyze(&s, &s);
    let _ = sinergi_text::batch::analyze_lines(data, Vec::new());
    let _ = sinergi_text::batch::match_claims_lines(data, data, Vec::new(), 5);
});
