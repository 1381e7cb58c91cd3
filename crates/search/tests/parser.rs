#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use sinergi_search::{Field, Query, QueryError, parse_query, parse_query_tz};

fn w(s: &str) -> Query {
    Query::Word(s.into())
}

fn fld(field: Field, v: &str) -> Query {
    Query::Field {
        field,
        value: v.into(),
    }
}

#[test]
fn empty_is_all() {
    assert_eq!(parse_query("").unwrap(), Query::All);
    assert_eq!(parse_query("   ").unwrap(), Query::All);
    assert!(parse_query("").unwrap().is_all());
    // Only stopwords: no condition either.
    assert!(parse_query("yang dan").unwrap().is_all());
}

#[test]
fn bare_words_are_and() {
    assert_eq!(
        parse_query("banjir bandang").unwrap(),
        Query::And(vec![w("banjir"), w("bandang")])
    );
}

#[test]
fn precedence_not_and_or() {
    // a b OR c  ==  (a AND b) OR c
    assert_eq!(
        parse_query("a b OR c").unwrap(),
        Query::Or(vec![Query::And(vec![w("a"), w("b")]), w("c")])
    );
    // a OR b AND c  ==  a OR (b AND c)
    assert_eq!(
        parse_query("a OR b AND c").unwrap(),
        Query::Or(vec![w("a"), Query::And(vec![w("b"), w("c")])])
    );
    // NOT binds tighter than AND and OR.
    assert_eq!(
        parse_query("NOT a b OR c").unwrap(),
        Query::Or(vec![
            Query::And(vec![Query::Not(Box::new(w("a"))), w("b")]),
            w("c")
        ])
    );
}

#[test]
fn operators_case_insensitive() {
    let a = parse_query("banjir OR longsor AND NOT jakarta").unwrap();
    let b = parse_query("banjir or longsor and not jakarta").unwrap();
    let c = parse_query("banjir Or longsor And Not jakarta").unwrap();
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn minus_is_not() {
    assert_eq!(
        parse_query("banjir -jakarta").unwrap(),
        Query::And(vec![w("banjir"), Query::Not(Box::new(w("jakarta")))])
    );
    assert_eq!(
        parse_query("-\"harga beras\"").unwrap(),
        Query::Not(Box::new(Query::Phrase("harga beras".into())))
    );
    // An inner hyphen is part of the word.
    assert_eq!(parse_query("covid-19").unwrap(), w("covid-19"));
}

#[test]
fn phrases_and_nesting() {
    assert_eq!(
        parse_query("(\"harga beras\" OR (minyak goreng)) NOT impor").unwrap(),
        Query::And(vec![
            Query::Or(vec![
                Query::Phrase("harga beras".into()),
                Query::And(vec![w("minyak"), w("goreng")]),
            ]),
            Query::Not(Box::new(w("impor"))),
        ])
    );
}

#[test]
fn fields_and_aliases() {
    assert_eq!(
        parse_query("source:kompas").unwrap(),
        fld(Field::Source, "kompas")
    );
    assert_eq!(
        parse_query("sumber:\"Kompas TV\"").unwrap(),
        fld(Field::Source, "Kompas TV")
    );
    assert_eq!(
        parse_query("region:32.73").unwrap(),
        fld(Field::Region, "32.73")
    );
    assert_eq!(parse_query("wilayah:32").unwrap(), fld(Field::Region, "32"));
    assert_eq!(
        parse_query("tone:negative").unwrap(),
        fld(Field::Tone, "negative")
    );
    assert_eq!(
        parse_query("nada:negatif").unwrap(),
        fld(Field::Tone, "negatif")
    );
    assert_eq!(
        parse_query("TITLE:banjir").unwrap(),
        fld(Field::Title, "banjir")
    );
    assert_eq!(
        parse_query("judul:\"harga beras\"").unwrap(),
        fld(Field::Title, "harga beras")
    );
    assert_eq!(parse_query("issue:12").unwrap(), fld(Field::Issue, "12"));
    // Times and URLs are words, not fields.
    assert_eq!(parse_query("11:14").unwrap(), w("11:14"));
    assert_eq!(
        parse_query("https://kompas.com/a").unwrap(),
        w("https://kompas.com/a")
    );
}

#[test]
fn date_ranges() {
    const NOV1_UTC: i64 = 1_793_491_200_000;
    const NOV27_UTC: i64 = 1_795_737_600_000;
    const WIB: i64 = 7 * 3_600_000;
    // Days are WIB days by default: the range ends at the start of the next day.
    assert_eq!(
        parse_query("date:2026-11-01..2026-11-26").unwrap(),
        Query::DateRange {
            from_ms: Some(NOV1_UTC - WIB),
            to_ms: Some(NOV27_UTC - WIB)
        }
    );
    assert_eq!(
        parse_query_tz("tanggal:2026-11-01..2026-11-26", 0).unwrap(),
        Query::DateRange {
            from_ms: Some(NOV1_UTC),
            to_ms: Some(NOV27_UTC)
        }
    );
    assert_eq!(
        parse_query_tz("date:2026-11-01..", 0).unwrap(),
        Query::DateRange {
            from_ms: Some(NOV1_UTC),
            to_ms: None
        }
    );
    assert_eq!(
        parse_query_tz("date:..2026-11-26", 0).unwrap(),
        Query::DateRange {
            from_ms: None,
            to_ms: Some(NOV27_UTC)
        }
    );
    // One day.
    assert_eq!(
        parse_query_tz("date:2024-02-29", 0).unwrap(),
        Query::DateRange {
            from_ms: Some(1_709_164_800_000),
            to_ms: Some(1_709_164_800_000 + 86_400_000)
        }
    );
}

#[test]
fn errors_are_indonesian_with_position() {
    let e = parse_query("(banjir OR longsor").unwrap_err();
    assert_eq!(e, QueryError::UnclosedParen { pos: 1 });
    assert!(e.to_string().contains("tanda kurung"), "{e}");

    let e = parse_query("banjir)").unwrap_err();
    assert_eq!(e, QueryError::UnmatchedParen { pos: 7 });

    let e = parse_query("banjir \"harga beras").unwrap_err();
    assert_eq!(e, QueryError::UnclosedQuote { pos: 8 });
    assert!(e.to_string().contains("tanda kutip"), "{e}");

    for (q, pos) in [
        ("banjir AND", 8),
        ("OR banjir", 1),
        ("banjir OR AND x", 8),
        ("NOT", 1),
        ("banjir NOT", 8),
    ] {
        let e = parse_query(q).unwrap_err();
        assert!(
            matches!(e, QueryError::DanglingOperator { .. }),
            "{q}: {e:?}"
        );
        assert_eq!(e.pos(), pos, "{q}: {e}");
        assert!(e.to_string().contains("operator"), "{e}");
    }

    let e = parse_query("banjir foo:bar").unwrap_err();
    assert_eq!(
        e,
        QueryError::UnknownField {
            field: "foo".into(),
            pos: 8
        }
    );
    assert!(e.to_string().starts_with("kolom tidak dikenal: foo"), "{e}");

    for q in [
        "date:2026-13-01",
        "date:2026-02-30",
        "tanggal:kemarin",
        "date:..",
        "date:2026-11-26..2026-11-01",
    ] {
        let e = parse_query(q).unwrap_err();
        assert!(matches!(e, QueryError::BadDate { .. }), "{q}: {e:?}");
        assert!(e.to_string().contains("tanggal tidak valid"), "{e}");
    }

    assert!(matches!(
        parse_query("tone:marah").unwrap_err(),
        QueryError::BadValue { .. }
    ));
    assert!(matches!(
        parse_query("issue:abc").unwrap_err(),
        QueryError::BadValue { .. }
    ));
    assert!(matches!(
        parse_query("source:").unwrap_err(),
        QueryError::EmptyValue { .. }
    ));
    assert!(matches!(
        parse_query("()").unwrap_err(),
        QueryError::EmptyGroup { pos: 1 }
    ));
    let deep = "(".repeat(500) + "a" + &")".repeat(500);
    assert!(matches!(
        parse_query(&deep).unwrap_err(),
        QueryError::TooDeep { .. }
    ));
}

#[test]
fn map_field_values_rewrites() {
    let mut q = parse_query("banjir region:bandung -wilayah:bogor").unwrap();
    q.map_field_values("region", |v| match v {
        "bandung" => vec!["32.73".into(), "32.04".into()],
        _ => vec!["32.71".into()],
    });
    assert_eq!(
        q,
        Query::And(vec![
            w("banjir"),
            Query::Or(vec![
                fld(Field::Region, "32.73"),
                fld(Field::Region, "32.04")
            ]),
            Query::Not(Box::new(fld(Field::Region, "32.71"))),
        ])
    );
    // Aliases name the same field; no values means "matches nothing".
    let mut q = parse_query("wilayah:atlantis").unwrap();
    q.map_field_values("wilayah", |_| Vec::new());
    assert_eq!(q, Query::Or(vec![]));
}

#[test]
fn display_round_trips() {
    for s in [
        "banjir bandang",
        "(\"harga beras\" OR minyak) NOT impor source:\"Kompas TV\"",
        "a OR b AND -c",
        "tone:negatif region:32.73 title:banjir issue:7",
    ] {
        let q = parse_query(s).unwrap();
        let again = parse_query(&q.to_string()).unwrap();
        assert_eq!(q, again, "{s} -> {q}");
    }
}

proptest! {
    #[test]
    fn parse_never_panics(s in "\\PC*") {
        let _ = parse_query(&s);
    }

    #[test]
    fn parse_never_panics_on_query_like_text(
        s in "[()\" :a-zA-Z0-9.\\-]{0,40}( (AND|OR|NOT|and|or) [()\" :a-z0-9.\\-]{0,10}){0,4}"
    ) {
        if let Ok(q) = parse_query(&s) {
            // Whatever parses can be printed and parsed again.
            let _ = parse_query(&q.to_string());
        }
    }
}
