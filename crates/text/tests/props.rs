//! Property tests: no function panics on any UTF-8 input, and spans always slice the input.
use proptest::prelude::*;

/// Arbitrary strings, biased toward the characters the tokenizer treats specially.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just("Rp".to_string()),
                Just("5.000".to_string()),
                Just("1,2".to_string()),
                Just(" triliun".to_string()),
                Just("11.14 WIB".to_string()),
                Just("26/11/2026".to_string()),
                Just("H.".to_string()),
                Just("dr.".to_string()),
                Just("No.".to_string()),
                Just("-".to_string()),
                Just("bersama-sama".to_string()),
                Just("bukunya-lah".to_string()),
                Just("https://x.id/a?b=1".to_string()),
                Just("a@b.id".to_string()),
                Just("#tag".to_string()),
                Just("@user".to_string()),
                Just("👍🏽".to_string()),
                Just("🇮🇩".to_string()),
                Just("\u{200D}".to_string()),
                Just("\u{0301}".to_string()),
                Just("“".to_string()),
                Just("Kabupaten Bandung".to_string()),
                Just("Kecamatan ".to_string()),
                Just("Batu".to_string()),
                Just(". ".to_string()),
                Just("\n".to_string()),
                Just("é".to_string()),
                Just("ǅ".to_string()),
                "[a-zA-Z0-9 .,!?'\"()-]{0,12}",
            ],
            0..30,
        )
        .prop_map(|v| v.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn tokens_and_sentences_slice_the_input(s in text()) {
        let toks = sinergi_text::tokenize(&s);
        let mut last = 0;
        for t in &toks {
            prop_assert!(t.start >= last && t.start < t.end && t.end <= s.len());
            prop_assert_eq!(&s[t.start..t.end], t.text);
            last = t.end;
        }
        for se in sinergi_text::sentences(&s) {
            prop_assert_eq!(&s[se.start..se.end], se.text);
        }
    }

    #[test]
    fn nothing_panics(s in text()) {
        let _ = sinergi_text::normalize(&s);
        let _ = sinergi_text::global_stemmer().stem(&s);
        let _ = sinergi_text::Stemmer::new().stem_word(&s);
        let _ = sinergi_text::rupiah_value(&s);
        let _ = sinergi_text::tone_scores(&s);
        let _ = sinergi_text::tone_toward(&s, &[&s, "Bandung", ""]);
        let _ = sinergi_text::keyphrases(&[&s, &s], 5);
        let _ = sinergi_text::fingerprint(&s);
        let hits = sinergi_text::Gazetteer::shared().regions(&s);
        for h in hits {
            for p in h.positions {
                prop_assert!(s.get(p.start..p.end).is_some());
            }
        }
        let _ = sinergi_text::EntityMatcher::shared_default().find(&s);
        let a = sinergi_text::analyze(&s, &s);
        prop_assert!(serde_json::to_string(&a).is_ok());
        let idx = sinergi_text::ClaimIndex::new([("1", s.as_str()), ("2", "Vaksin mengandung chip")]);
        let _ = idx.search(&s, 3);
    }

    #[test]
    fn batch_never_fails_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut out = Vec::new();
        prop_assert!(sinergi_text::batch::analyze_lines(&b[..], &mut out).is_ok());
        // every output line is JSON
        for line in String::from_utf8_lossy(&out).lines() {
            prop_assert!(serde_json::from_str::<serde_json::Value>(line).is_ok());
        }
        prop_assert!(sinergi_text::batch::stem_lines(&b[..], Vec::new()).is_ok());
        prop_assert!(sinergi_text::batch::tone_lines(&b[..], Vec::new()).is_ok());
        let _ = sinergi_text::batch::match_claims_lines(&b[..], &b[..], Vec::new(), 5);
    }

    #[test]
    fn moderation_never_panics(s in comment(), name in comment(), recent in proptest::collection::vec(comment(), 0..4)) {
        let r = sinergi_text::check_comment(&sinergi_text::CommentCheck {
            name: &name,
            text: &s,
            recent_texts: &recent,
        });
        prop_assert!((0.0..=1.0).contains(&r.score));
        prop_assert_eq!(r.verdict == sinergi_text::ModerationVerdict::Clean, r.score < 0.5);
        prop_assert!(serde_json::to_string(&r).is_ok());
    }

    #[test]
    fn related_never_panics(a in text(), b in text(), c in comment()) {
        let tags = vec![c.clone(), "Banjir".to_string()];
        let none: Vec<String> = Vec::new();
        let mut ix = sinergi_text::RelatedIndex::new();
        for (id, t, x) in [(1u64, &a, &b), (2, &b, &a), (3, &c, &a)] {
            ix.upsert(&sinergi_text::RelatedDoc { id, title: t, text: x, tags: &tags, category: Some(c.as_str()) });
        }
        ix.upsert(&sinergi_text::RelatedDoc { id: 2, title: &c, text: &c, tags: &none, category: None });
        let r = ix.related(1, 5);
        prop_assert!(r.iter().all(|x| x.0 != 1 && x.1.is_finite()));
        for w in r.windows(2) {
            prop_assert!(w[0].1 >= w[1].1);
        }
        let q = sinergi_text::RelatedDoc { id: 3, title: &b, text: &c, tags: &tags, category: None };
        prop_assert!(ix.related_to(&q, 3).iter().all(|x| x.0 != 3));
        ix.remove(1);
        prop_assert_eq!(ix.len(), 2);
        prop_assert!(ix.related(1, 3).is_empty());
    }
}

/// Comment-like strings: leetspeak, masks, spaced letters, links, phone numbers, floods.
fn comment() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just("anjing".to_string()),
                Just("4nj1ng".to_string()),
                Just("a n j i n g".to_string()),
                Just("k*nt*l".to_string()),
                Just("a.n.j.i.n.g".to_string()),
                Just("lu".to_string()),
                Just("dasar".to_string()),
                Just("slot gacor".to_string()),
                Just("bit.ly/x".to_string()),
                Just("https://".to_string()),
                Just("0812-3456-7890".to_string()),
                Just("+62".to_string()),
                Just("wkwkwk".to_string()),
                Just("!!!!".to_string()),
                Just("@$|!".to_string()),
                Just("*".to_string()),
                Just("'".to_string()),
                Just("ИИ".to_string()),
                Just("İ".to_string()),
                Just("ß".to_string()),
                Just("👍🏽".to_string()),
                Just("\u{0301}".to_string()),
                Just(" ".to_string()),
                "[a-zA-Z0-9 .*@$!-]{0,10}",
            ],
            0..30,
        )
        .prop_map(|v| v.concat()),
    ]
}
