#![allow(clippy::unwrap_used, clippy::expect_used)]

use sinergi_search::{
    ArticleDoc, Query, SearchIndex, SearchRequest, Sort, Visibility, analyzer::analyze, parse_query,
};

const DAY: i64 = 86_400_000;
const T0: i64 = 1_793_491_200_000; // 2026-11-01 00:00 UTC

#[allow(clippy::too_many_arguments)]
fn doc(
    id: i64,
    title: &str,
    text: &str,
    source: &str,
    regions: &[&str],
    tone: &str,
    day: i64,
    issue: Option<i64>,
    orgs: &[i64],
) -> ArticleDoc {
    ArticleDoc {
        id,
        title: title.into(),
        text: text.into(),
        source: source.into(),
        source_id: id % 7,
        regions: regions.iter().map(|s| s.to_string()).collect(),
        tone: tone.into(),
        published_ms: T0 + day * DAY + id * 1000,
        issue_id: issue,
        org_ids: orgs.to_vec(),
    }
}

fn corpus() -> Vec<ArticleDoc> {
    vec![
        doc(
            1,
            "Kebijakan baru pemerintah soal beras",
            "Pemerintah mengumumkan kebijakan harga beras yang baru di Bandung.",
            "Kompas.com",
            &["32.73"],
            "neutral",
            0,
            Some(10),
            &[100],
        ),
        doc(
            2,
            "Bupati bersikap bijak menghadapi banjir",
            "Warga Kabupaten Bogor kebanjiran setelah hujan deras semalam.",
            "Detikcom",
            &["32.01"],
            "negative",
            1,
            Some(11),
            &[200],
        ),
        doc(
            3,
            "Pembangunan jalan tol dilanjutkan",
            "Pemerintah provinsi membangun jalan baru menuju pelabuhan.",
            "Pikiran Rakyat",
            &["32"],
            "positive",
            2,
            None,
            &[300],
        ),
        doc(
            4,
            "Harga beras naik di Surabaya",
            "Kenaikan harga beras dikeluhkan pedagang pasar di Surabaya.",
            "Kompas TV",
            &["35.78"],
            "negative",
            3,
            Some(10),
            &[100],
        ),
        doc(
            5,
            "Festival budaya meriah",
            "Ribuan warga menghadiri festival budaya di alun-alun kota.",
            "Antara",
            &["35"],
            "positive",
            4,
            None,
            &[],
        ),
        doc(
            6,
            "Banjir bandang melanda Garut",
            "Banjir bandang merusak rumah warga, pemerintah daerah turun tangan.",
            "Kompas.com",
            &["32.05"],
            "negative",
            5,
            Some(11),
            &[100],
        ),
        doc(
            7,
            "Rapat koordinasi humas",
            "Humas pemerintah kota Bandung menggelar rapat koordinasi tentang harga beras dan minyak goreng.",
            "Tribun Jabar",
            &["32.73"],
            "neutral",
            6,
            None,
            &[400],
        ),
    ]
}

fn index_with(docs: &[ArticleDoc]) -> SearchIndex {
    let idx = SearchIndex::in_memory().unwrap();
    idx.upsert(docs).unwrap();
    idx.commit().unwrap();
    idx
}

fn ids(idx: &SearchIndex, q: &str) -> Vec<i64> {
    let mut v = idx
        .search_ids(&SearchRequest::new(parse_query(q).unwrap()))
        .unwrap();
    v.sort();
    v
}

fn stem(w: &str) -> String {
    analyze(w)
        .into_iter()
        .map(|t| t.term)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn stemming_finds_derived_forms() {
    let idx = index_with(&corpus());
    // "kebijakan" -> "bijak": finds the title with "bijak" (doc 2) and "kebijakan" (doc 1).
    assert_eq!(stem("kebijakan"), stem("bijak"));
    assert_eq!(ids(&idx, "kebijakan"), vec![1, 2]);
    // "membangun" and "pembangunan" share a Sastrawi stem here, so one finds the other.
    assert_eq!(stem("membangun"), stem("pembangunan"));
    assert_eq!(ids(&idx, "membangun"), vec![3]);
    assert_eq!(ids(&idx, "pembangunan"), vec![3]);
    // "banjir" finds "kebanjiran".
    assert_eq!(stem("kebanjiran"), "banjir");
    assert_eq!(ids(&idx, "banjir"), vec![2, 6]);
}

#[test]
fn stopwords_are_ignored() {
    let idx = index_with(&corpus());
    assert!(stem("yang").is_empty());
    assert_eq!(ids(&idx, "yang beras"), ids(&idx, "beras"));
    assert_eq!(ids(&idx, "beras"), vec![1, 4, 7]);
    // A query of stopwords only lists everything.
    assert_eq!(ids(&idx, "yang dan di").len(), 7);
}

#[test]
fn phrases_need_adjacent_words() {
    let idx = index_with(&corpus());
    assert_eq!(ids(&idx, "\"harga beras\""), vec![1, 4, 7]);
    assert_eq!(ids(&idx, "\"beras harga\""), Vec::<i64>::new());
    assert_eq!(ids(&idx, "\"banjir bandang\""), vec![6]);
    // Stopwords keep their gap: "harga beras dan minyak" in doc 7.
    assert_eq!(ids(&idx, "\"beras dan minyak\""), vec![7]);
    assert_eq!(ids(&idx, "\"beras minyak\""), Vec::<i64>::new());
}

#[test]
fn boolean_operators_and_fields() {
    let idx = index_with(&corpus());
    assert_eq!(ids(&idx, "banjir OR festival"), vec![2, 5, 6]);
    assert_eq!(ids(&idx, "beras NOT surabaya"), vec![1, 7]);
    assert_eq!(ids(&idx, "beras -surabaya"), vec![1, 7]);
    assert_eq!(ids(&idx, "-beras"), vec![2, 3, 5, 6]);
    assert_eq!(
        ids(&idx, "(banjir OR beras) AND tone:negatif"),
        vec![2, 4, 6]
    );
    assert_eq!(ids(&idx, "source:kompas"), vec![1, 4, 6]);
    assert_eq!(ids(&idx, "source:kompas.com"), vec![1, 6]);
    assert_eq!(ids(&idx, "sumber:\"Kompas TV\""), vec![4]);
    assert_eq!(ids(&idx, "source:DETIKCOM"), vec![2]);
    assert_eq!(ids(&idx, "region:32"), vec![1, 2, 3, 6, 7]);
    assert_eq!(ids(&idx, "wilayah:32.73"), vec![1, 7]);
    assert_eq!(ids(&idx, "title:beras"), vec![1, 4]);
    assert_eq!(ids(&idx, "judul:\"harga beras\""), vec![4]);
    assert_eq!(ids(&idx, "issue:10"), vec![1, 4]);
    assert_eq!(ids(&idx, "nada:positif"), vec![3, 5]);
}

#[test]
fn date_range_filters() {
    let idx = index_with(&corpus());
    // Days 1..3 in UTC are docs 2, 3, 4.
    assert_eq!(
        idx.search_ids(&SearchRequest::new(
            sinergi_search::parse_query_tz("date:2026-11-02..2026-11-04", 0).unwrap()
        ))
        .unwrap()
        .len(),
        3
    );
    let open = sinergi_search::parse_query_tz("date:2026-11-06..", 0).unwrap();
    let mut got = idx.search_ids(&SearchRequest::new(open)).unwrap();
    got.sort();
    assert_eq!(got, vec![6, 7]);
    // Request bounds too.
    let mut req = SearchRequest::new(Query::All);
    req.from_ms = Some(T0 + DAY);
    req.to_ms = Some(T0 + 2 * DAY);
    assert_eq!(idx.search_ids(&req).unwrap(), vec![2]);
    assert_eq!(
        idx.count(&Query::All, &Visibility::All, Some(T0 + DAY), None)
            .unwrap(),
        6
    );
}

#[test]
fn visibility_scopes() {
    let idx = index_with(&corpus());
    let vis = |regions: &[&str], orgs: &[i64]| Visibility::Scoped {
        regions: regions.iter().map(|s| s.to_string()).collect(),
        org_ids: orgs.to_vec(),
    };
    let run = |v: Visibility| {
        let mut req = SearchRequest::new(Query::All);
        req.visibility = v;
        let mut got = idx.search_ids(&req).unwrap();
        got.sort();
        got
    };
    // A city sees only its own articles.
    assert_eq!(run(vis(&["32.73"], &[])), vec![1, 7]);
    // A province sees itself and its regencies/cities.
    assert_eq!(run(vis(&["32"], &[])), vec![1, 2, 3, 6, 7]);
    // An organisation sees its sources' articles wherever they are about.
    assert_eq!(run(vis(&[], &[100])), vec![1, 4, 6]);
    // Either condition is enough.
    assert_eq!(run(vis(&["35"], &[400])), vec![4, 5, 7]);
    assert_eq!(run(vis(&[], &[])), Vec::<i64>::new());
    assert_eq!(run(Visibility::All).len(), 7);
    // Visibility also limits counts and search pages.
    let mut req = SearchRequest::new(parse_query("beras").unwrap());
    req.visibility = vis(&["32.73"], &[]);
    let res = idx.search(&req).unwrap();
    assert_eq!(res.total, 2);
    assert_eq!(
        idx.count(
            &parse_query("beras").unwrap(),
            &vis(&["35"], &[]),
            None,
            None
        )
        .unwrap(),
        1
    );
}

#[test]
fn facets_count_all_matches() {
    let idx = index_with(&corpus());
    let mut req = SearchRequest::new(parse_query("beras OR banjir").unwrap());
    req.limit = 1;
    let res = idx.search(&req).unwrap();
    assert_eq!(res.total, 5);
    assert_eq!(res.hits.len(), 1);
    let f = &res.facets;
    assert_eq!(f.sources[0], ("Kompas.com".to_string(), 2));
    assert_eq!(f.sources.iter().map(|s| s.1).sum::<u64>(), 5);
    assert_eq!(f.tones[0], ("negative".to_string(), 3));
    assert!(f.tones.contains(&("neutral".to_string(), 2)));
    // Region counts include ancestors: 4 of the 5 are in province 32.
    assert_eq!(f.regions[0], ("32".to_string(), 4));
    assert!(f.regions.contains(&("32.73".to_string(), 2)));
    assert!(f.regions.contains(&("35".to_string(), 1)));
    assert_eq!(f.issues, vec![(10, 2), (11, 2)]);
    // Facets off: empty.
    req.facets = false;
    assert!(idx.search(&req).unwrap().facets.sources.is_empty());
}

#[test]
fn highlights_mark_and_escape() {
    let evil = doc(
        9,
        "Banjir <b>besar</b> & \"parah\"",
        "Warga melaporkan <script>alert('banjir')</script> kebanjiran di desa.",
        "Kompas.com",
        &["32"],
        "negative",
        0,
        None,
        &[],
    );
    let idx = index_with(&[evil]);
    let res = idx
        .search(&SearchRequest::new(parse_query("banjir").unwrap()))
        .unwrap();
    let hit = &res.hits[0];
    assert_eq!(hit.id, 9);
    assert!(hit.score > 0.0);
    assert_eq!(
        hit.title_html,
        "<mark>Banjir</mark> &lt;b&gt;besar&lt;/b&gt; &amp; &quot;parah&quot;"
    );
    assert!(
        !hit.snippet_html.contains("<script>"),
        "{}",
        hit.snippet_html
    );
    assert!(
        hit.snippet_html.contains("&lt;script&gt;"),
        "{}",
        hit.snippet_html
    );
    assert!(
        hit.snippet_html.contains("<mark>kebanjiran</mark>"),
        "{}",
        hit.snippet_html
    );
    // Only <mark> tags survive.
    let stripped = hit
        .snippet_html
        .replace("<mark>", "")
        .replace("</mark>", "");
    assert!(!stripped.contains('<') && !stripped.contains('>'));
}

#[test]
fn snippet_centres_on_matches() {
    let filler = "Kalimat pembuka tanpa kata kunci sama sekali. ".repeat(30);
    let text = format!("{filler}Di akhir ada berita tentang longsor di lereng gunung.");
    let idx = index_with(&[doc(
        1,
        "Judul",
        &text,
        "Antara",
        &[],
        "neutral",
        0,
        None,
        &[],
    )]);
    let res = idx
        .search(&SearchRequest::new(parse_query("longsor").unwrap()))
        .unwrap();
    let s = &res.hits[0].snippet_html;
    assert!(s.starts_with('…'), "{s}");
    assert!(s.contains("<mark>longsor</mark>"), "{s}");
    assert!(s.len() < 400, "{s}");
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let idx = index_with(&corpus());
    assert_eq!(idx.num_docs(), 7);
    let mut d = corpus()[0].clone();
    d.title = "Judul diganti tentang gempa".into();
    d.text = "Gempa mengguncang.".into();
    idx.upsert(&[d]).unwrap();
    idx.commit().unwrap();
    assert_eq!(idx.num_docs(), 7);
    assert_eq!(ids(&idx, "gempa"), vec![1]);
    assert_eq!(ids(&idx, "beras"), vec![4, 7]);
    idx.delete(4).unwrap();
    idx.commit().unwrap();
    assert_eq!(idx.num_docs(), 6);
    assert_eq!(ids(&idx, "beras"), vec![7]);
    // Upserting the same id twice in one batch keeps the last.
    let mut a = corpus()[4].clone();
    a.title = "zebra".into();
    let mut b = a.clone();
    b.title = "jerapah".into();
    idx.upsert(&[a, b]).unwrap();
    idx.commit().unwrap();
    assert_eq!(idx.num_docs(), 6);
    assert_eq!(ids(&idx, "title:jerapah"), vec![5]);
    assert!(ids(&idx, "title:zebra").is_empty());
}

#[test]
fn reopen_on_disk_keeps_docs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("idx");
    {
        let idx = SearchIndex::open(&path).unwrap();
        idx.upsert(&corpus()).unwrap();
        idx.commit().unwrap();
        assert_eq!(idx.num_docs(), 7);
    }
    let idx = SearchIndex::open(&path).unwrap();
    assert_eq!(idx.num_docs(), 7);
    assert_eq!(ids(&idx, "kebijakan"), vec![1, 2]);
    assert_eq!(ids(&idx, "\"banjir bandang\""), vec![6]);
}

#[test]
fn sort_orders() {
    let idx = index_with(&corpus());
    let mut req = SearchRequest::new(Query::All);
    // Empty query: newest first even when relevance is asked.
    let page: Vec<i64> = idx
        .search(&req)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(page, vec![7, 6, 5, 4, 3, 2, 1]);
    req.sort = Sort::Oldest;
    req.limit = 3;
    req.offset = 1;
    let page: Vec<i64> = idx
        .search(&req)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(page, vec![2, 3, 4]);
    assert_eq!(idx.search_ids(&req).unwrap(), vec![1, 2, 3, 4, 5, 6, 7]);
    req.query = parse_query("beras").unwrap();
    req.sort = Sort::Newest;
    req.offset = 0;
    let page: Vec<i64> = idx
        .search(&req)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(page, vec![7, 4, 1]);
    // Relevance: the article with "beras" in title and text twice wins over a passing mention.
    req.sort = Sort::Relevance;
    let res = idx.search(&req).unwrap();
    assert_eq!(res.hits.last().unwrap().id, 7);
    assert!(res.hits[0].score >= res.hits[1].score);
    assert_eq!(idx.search_ids(&req).unwrap().last(), Some(&7));
}

#[test]
fn search_ids_has_no_cap() {
    let idx = SearchIndex::in_memory().unwrap();
    let docs: Vec<ArticleDoc> = (0..25_000)
        .map(|i| {
            doc(
                i,
                if i % 2 == 0 {
                    "Banjir di kota"
                } else {
                    "Harga cabai"
                },
                "Berita singkat.",
                "Antara",
                &["32"],
                "neutral",
                i % 90,
                None,
                &[],
            )
        })
        .collect();
    idx.upsert(&docs).unwrap();
    idx.commit().unwrap();
    let mut req = SearchRequest::new(Query::All);
    req.sort = Sort::Newest;
    let all = idx.search_ids(&req).unwrap();
    assert_eq!(all.len(), 25_000);
    let published = |id: i64| T0 + (id % 90) * DAY + id * 1000;
    assert!(all.windows(2).all(|w| published(w[0]) >= published(w[1])));
    req.query = parse_query("banjir").unwrap();
    assert_eq!(idx.search_ids(&req).unwrap().len(), 12_500);
    assert_eq!(idx.search(&req).unwrap().total, 12_500);
}

#[test]
fn daily_counts_per_local_day() {
    let idx = index_with(&corpus());
    let days = idx
        .daily_counts(
            &Query::All,
            &Visibility::All,
            Some(T0),
            Some(T0 + 10 * DAY),
            0,
        )
        .unwrap();
    assert_eq!(days.len(), 10);
    assert_eq!(days[0], (T0, 1, 0));
    assert_eq!(days[1], (T0 + DAY, 1, 1));
    assert_eq!(days[9], (T0 + 9 * DAY, 0, 0));
    assert_eq!(days.iter().map(|d| d.1).sum::<u64>(), 7);
    assert_eq!(days.iter().map(|d| d.2).sum::<u64>(), 3);
    // In WIB, midnight is 17:00 UTC the day before: same counts, shifted starts.
    let wib = idx
        .daily_counts(
            &parse_query("beras").unwrap(),
            &Visibility::All,
            None,
            None,
            7 * 3600,
        )
        .unwrap();
    assert_eq!(wib.iter().map(|d| d.1).sum::<u64>(), 3);
    assert!(wib.iter().all(|d| (d.0 + 7 * 3_600_000) % DAY == 0));
}

#[test]
fn matches_agrees_with_index() {
    let docs = corpus();
    let idx = index_with(&docs);
    let queries = [
        "beras",
        "kebijakan",
        "membangun",
        "banjir OR festival",
        "beras NOT surabaya",
        "-beras",
        "\"harga beras\"",
        "\"beras dan minyak\"",
        "(banjir OR beras) AND tone:negatif",
        "source:kompas",
        "source:kompas.com",
        "sumber:\"Kompas TV\"",
        "region:32",
        "wilayah:32.73 OR nada:positif",
        "title:beras",
        "judul:\"harga beras\"",
        "issue:11",
        "NOT issue:11",
        "date:2026-11-02..2026-11-04",
        "date:..2026-11-03 pemerintah",
        "yang",
        "",
        "pemerintah -(bandung OR garut)",
        "warga AND NOT (banjir OR festival)",
    ];
    for q in queries {
        let parsed = parse_query(q).unwrap();
        let mut expected: Vec<i64> = docs
            .iter()
            .filter(|d| parsed.matches(d))
            .map(|d| d.id)
            .collect();
        expected.sort();
        assert_eq!(ids(&idx, q), expected, "query {q:?}");
    }
    // A rewritten region filter that maps to nothing matches nothing, in both.
    let mut q = parse_query("region:atlantis").unwrap();
    q.map_field_values("region", |_| Vec::new());
    assert!(docs.iter().all(|d| !q.matches(d)));
    assert!(idx.search_ids(&SearchRequest::new(q)).unwrap().is_empty());
}

#[test]
fn add_new_indexes_without_replacing_and_upsert_still_replaces() {
    let idx = SearchIndex::in_memory().unwrap();
    let a = doc(
        1,
        "Banjir rob",
        "air laut naik",
        "Kabar",
        &["33.74"],
        "negative",
        0,
        None,
        &[],
    );
    let b = doc(
        2,
        "Pasar murah",
        "harga beras turun",
        "Kabar",
        &["33.74"],
        "positive",
        0,
        None,
        &[],
    );
    idx.add_new(&[a.clone(), b]).unwrap();
    idx.commit().unwrap();
    let all = |q: &str| {
        let mut r = SearchRequest::new(parse_query(q).unwrap());
        r.limit = 10;
        idx.search(&r).unwrap().total
    };
    assert_eq!(all("kabar"), 0);
    assert_eq!(all("banjir OR beras"), 2);
    // A later upsert of the same id replaces the added document.
    let mut a2 = a;
    a2.title = "Tanggul jebol".into();
    idx.upsert(&[a2]).unwrap();
    idx.commit().unwrap();
    assert_eq!(all("banjir"), 0);
    assert_eq!(all("tanggul"), 1);
    assert_eq!(idx.num_docs(), 2);
}
