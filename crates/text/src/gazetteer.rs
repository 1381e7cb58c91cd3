//! Region gazetteer (38 provinces, 514 regencies/cities, 7,285 districts; Kemendagri codes)
//! and configurable entity lists, both on one Aho–Corasick matcher per list.
//!
//! Ambiguity rules (why each exists):
//! - longest match wins, so "Kabupaten Bandung Barat" is not "Bandung";
//! - a bare name shared by a city and a regency ("Bandung", "Bogor") means the city unless
//!   "Kabupaten"/"Kab."/"Pemkab"/"Bupati" occurs just before it;
//! - a bare name that is also a province ("Gorontalo", "Jambi") means the province;
//! - a bare name that is a common word ("Batu", "Malang", "Padang", "Agam", "Pesisir Selatan")
//!   counts only when capitalised and not the first word of a sentence;
//! - a district counts when written "Kecamatan X"/"Kec. X", or bare and capitalised when its
//!   regency is also mentioned; a district name shared by several regencies is resolved by the
//!   regencies mentioned, otherwise dropped.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use crate::Error;

const PROVINCES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/wilayah/provinces.csv"
));
const REGENCIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/wilayah/regencies.csv"
));
const DISTRICTS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/wilayah/districts.csv"
));

/// Administrative level of a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Provinsi (code "32").
    Province,
    /// Kabupaten or kota (code "32.73").
    Regency,
    /// Kecamatan (code "32.73.01").
    District,
}

/// A byte span `[start, end)` in the analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A region mentioned in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionHit {
    /// Kemendagri code ("32", "32.73", "32.73.01").
    pub code: String,
    /// Official name ("Kota Bandung").
    pub name: String,
    /// Level.
    pub level: Level,
    /// Number of mentions.
    pub count: u32,
    /// Where, in byte offsets.
    pub positions: Vec<Span>,
}

#[derive(Debug, Clone)]
struct Region {
    code: String,
    name: String,
    level: Level,
    /// Index of the parent region (province for a regency, regency for a district).
    parent: Option<usize>,
    /// Kota (city) rather than kabupaten.
    is_city: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// "Kabupaten Bandung", "Pemprov Jabar", "Jawa Barat": unambiguous by its wording.
    Explicit,
    /// "Bandung": needs the rules above.
    Bare,
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    region: usize,
    form: Form,
}

/// Words that are also place names; bare mentions need capitalisation (see module docs).
const COMMON_WORD_NAMES: &[&str] = &[
    "batu",
    "padang",
    "medan",
    "metro",
    "banjar",
    "kuningan",
    "subang",
    "pati",
    "kudus",
    "batang",
    "malang",
    "lebak",
    "ketapang",
    "landak",
    "buru",
    "puncak",
    "kupang",
    "palu",
    "garut",
    "seram",
    "agam",
    "solok",
    "siak",
    "tuban",
    "belu",
    "malaka",
    "sigi",
    "poso",
    "paser",
    "lingga",
    "bangka",
    "tegal",
    "sampang",
    "kendal",
    "badung",
    "tual",
    "bau bau",
    "gunung mas",
    "pulang pisau",
    "murung raya",
    "tanah laut",
    "tanah datar",
    "tanah bumbu",
    "lima puluh kota",
    "empat lawang",
    "pagar alam",
    "tebing tinggi",
    "sungai penuh",
    "intan jaya",
    "raja ampat",
    "puncak jaya",
    "kubu raya",
    "pesisir selatan",
    "pesisir barat",
    "tulang bawang",
    "batu bara",
    "kota baru",
    "kotabaru",
    "toba",
    "sabang",
    "binjai",
    "bintan",
    "sorong",
    "kepulauan seribu",
    "hulu sungai selatan",
    "hulu sungai tengah",
    "hulu sungai utara",
    "tanjung pinang",
    "pangkal pinang",
    "lampung selatan",
    "sumba timur",
    "sumba barat",
    "sumba tengah",
    "bandar lampung",
    "sukamaju",
    "mandiri",
    "baru",
    "kota",
    "tengah",
    "pusat",
    "utara",
    "selatan",
    "barat",
    "timur",
    "raya",
    "jaya",
    "indah",
];

/// Province aliases people actually write.
const PROVINCE_ALIASES: &[(&str, &[&str])] = &[
    ("11", &["NAD", "Nanggroe Aceh Darussalam"]),
    ("12", &["Sumut"]),
    ("13", &["Sumbar"]),
    ("16", &["Sumsel"]),
    ("19", &["Babel", "Bangka Belitung"]),
    ("21", &["Kepri"]),
    (
        "31",
        &[
            "DKI",
            "DKI Jakarta",
            "Jakarta",
            "Daerah Khusus Jakarta",
            "Ibu Kota Jakarta",
        ],
    ),
    ("32", &["Jabar"]),
    ("33", &["Jateng"]),
    (
        "34",
        &[
            "DIY",
            "DI Yogyakarta",
            "Yogyakarta",
            "Jogja",
            "Jogjakarta",
            "Yogya",
            "Jogya",
        ],
    ),
    ("35", &["Jatim"]),
    ("52", &["NTB"]),
    ("53", &["NTT"]),
    ("61", &["Kalbar"]),
    ("62", &["Kalteng"]),
    ("63", &["Kalsel"]),
    ("64", &["Kaltim"]),
    ("65", &["Kaltara"]),
    ("71", &["Sulut"]),
    ("72", &["Sulteng"]),
    ("73", &["Sulsel"]),
    ("74", &["Sultra"]),
    ("76", &["Sulbar"]),
    ("82", &["Malut"]),
    ("92", &["Pabar"]),
    ("96", &["PBD"]),
];

/// Extra regency/city aliases.
const REGENCY_ALIASES: &[(&str, &[&str])] = &[
    ("31.71", &["Jakpus"]),
    ("31.72", &["Jakut"]),
    ("31.73", &["Jakbar"]),
    ("31.74", &["Jaksel"]),
    ("31.75", &["Jaktim"]),
    ("34.71", &["Kota Jogja", "Kota Yogya"]),
    ("63.02", &["Kota Baru"]),
];

/// Region gazetteer. Build once (see [`Gazetteer::shared`]); `Send + Sync`.
#[derive(Debug)]
pub struct Gazetteer {
    regions: Vec<Region>,
    ac: Option<AhoCorasick>,
    cands: Vec<Vec<Cand>>,
    /// Per pattern, the alias as written when it holds an acronym ("DI Yogyakarta", "DKI"):
    /// the acronym must match in capitals, or "di Yogyakarta" would be the province.
    acronym_form: Vec<Option<String>>,
    /// lowercase alias -> pattern id
    index: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
}

fn csv_rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::trim).collect::<Vec<_>>())
        .filter(|f| f.len() >= 2 && !f[0].is_empty())
}

fn bare_name(name: &str) -> (&str, bool) {
    for (p, city) in [
        ("Kabupaten Administrasi ", false),
        ("Kota Administrasi ", true),
        ("Kabupaten ", false),
        ("Kota ", true),
    ] {
        if let Some(b) = name.strip_prefix(p) {
            return (b, city);
        }
    }
    (name, false)
}

impl Gazetteer {
    /// The gazetteer over the shipped Kemendagri data, built on first use.
    pub fn shared() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            // The shipped data is fixed and tested; a build failure here is impossible in
            // practice, and an empty gazetteer is the safe fallback.
            Gazetteer::from_csv(PROVINCES, REGENCIES, DISTRICTS)
                .or_else(|_| Gazetteer::from_csv("code,name\n", "code,name\n", "code,name\n"))
                .unwrap_or_else(|_| Gazetteer::empty())
        })
    }

    fn empty() -> Self {
        Self {
            regions: Vec::new(),
            ac: None,
            cands: Vec::new(),
            acronym_form: Vec::new(),
            index: HashMap::new(),
            by_code: HashMap::new(),
        }
    }

    /// Build from CSV texts (`code,name[,parent_code]` with a header line).
    pub fn from_csv(provinces: &str, regencies: &str, districts: &str) -> Result<Self, Error> {
        let mut regions = Vec::new();
        let mut by_code = HashMap::new();
        for f in csv_rows(provinces) {
            by_code.insert(f[0].to_string(), regions.len());
            regions.push(Region {
                code: f[0].to_string(),
                name: f[1].to_string(),
                level: Level::Province,
                parent: None,
                is_city: false,
            });
        }
        for (text, level) in [(regencies, Level::Regency), (districts, Level::District)] {
            for f in csv_rows(text) {
                let parent = f.get(2).and_then(|p| by_code.get(*p).copied());
                by_code.insert(f[0].to_string(), regions.len());
                regions.push(Region {
                    code: f[0].to_string(),
                    name: f[1].to_string(),
                    level,
                    parent,
                    is_city: level == Level::Regency && f[1].starts_with("Kota "),
                });
            }
        }

        let mut patterns: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut cands: Vec<Vec<Cand>> = Vec::new();
        let mut acronym_form: Vec<Option<String>> = Vec::new();
        let mut add = |alias: &str, region: usize, form: Form| {
            let key = alias.to_lowercase();
            if key.trim().is_empty() {
                return;
            }
            let id = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                cands.push(Vec::new());
                acronym_form.push(alias.split(' ').any(is_acronym).then(|| alias.to_string()));
                patterns.len() - 1
            });
            if !cands[id]
                .iter()
                .any(|c| c.region == region && c.form == form)
            {
                cands[id].push(Cand { region, form });
            }
        };
        for (i, r) in regions.iter().enumerate() {
            match r.level {
                Level::Province => {
                    let n = r.name.as_str();
                    for p in [
                        "",
                        "Provinsi ",
                        "Prov. ",
                        "Prov ",
                        "Pemprov ",
                        "Pemerintah Provinsi ",
                    ] {
                        add(&format!("{p}{n}"), i, Form::Explicit);
                    }
                    // Gorontalo, Jambi, Bengkulu... as bare names compete with cities.
                    add(n, i, Form::Bare);
                    add(&format!("Gubernur {n}"), i, Form::Explicit);
                }
                Level::Regency => {
                    let (bare, city) = bare_name(&r.name);
                    add(&r.name, i, Form::Explicit);
                    let prefixes: &[&str] = if city {
                        &[
                            "Kota ",
                            "Pemkot ",
                            "Pemerintah Kota ",
                            "Wali Kota ",
                            "Walikota ",
                            "Wakil Wali Kota ",
                        ]
                    } else {
                        &[
                            "Kabupaten ",
                            "Kab. ",
                            "Kab ",
                            "Pemkab ",
                            "Pemerintah Kabupaten ",
                            "Bupati ",
                            "Wakil Bupati ",
                        ]
                    };
                    for p in prefixes {
                        add(&format!("{p}{bare}"), i, Form::Explicit);
                    }
                    add(bare, i, Form::Bare);
                }
                Level::District => {
                    let n = r.name.as_str();
                    for p in ["Kecamatan ", "Kec. ", "Kec ", "Camat "] {
                        add(&format!("{p}{n}"), i, Form::Explicit);
                    }
                    add(n, i, Form::Bare);
                }
            }
        }
        for (code, aliases) in PROVINCE_ALIASES.iter().chain(REGENCY_ALIASES) {
            if let Some(&i) = by_code.get(*code) {
                for a in *aliases {
                    // "Kota Baru" is also "a new town": such aliases follow the bare-name rules.
                    let form = if COMMON_WORD_NAMES.contains(&a.to_lowercase().as_str()) {
                        Form::Bare
                    } else {
                        Form::Explicit
                    };
                    add(a, i, form);
                    if regions[i].level == Level::Province {
                        add(&format!("Pemprov {a}"), i, Form::Explicit);
                        add(&format!("Provinsi {a}"), i, Form::Explicit);
                    }
                }
            }
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| Error::Matcher(e.to_string()))?;
        Ok(Self {
            regions,
            ac: Some(ac),
            cands,
            acronym_form,
            index,
            by_code,
        })
    }

    /// Number of regions known.
    pub fn len(&self) -> usize {
        self.regions.len()
    }

    /// No regions known.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// Official name of a code ("32.73" -> "Kota Bandung").
    pub fn name_of(&self, code: &str) -> Option<&str> {
        self.by_code
            .get(code)
            .map(|&i| self.regions[i].name.as_str())
    }

    /// Parent code ("32.73" -> "32").
    pub fn parent_of(&self, code: &str) -> Option<&str> {
        let i = *self.by_code.get(code)?;
        self.regions[i]
            .parent
            .map(|p| self.regions[p].code.as_str())
    }

    /// Regions mentioned in `text`, most mentioned first.
    pub fn regions(&self, text: &str) -> Vec<RegionHit> {
        let mut resolved: Vec<(usize, Span)> = Vec::new();
        let mut districts: Vec<(usize, Span, Form)> = Vec::new();
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        // All-lowercase input (chat, preprocessed text) cannot be held to capitalisation.
        let any_upper = text.chars().any(char::is_uppercase);
        for m in ac.find_iter(text) {
            let (mut s, e) = (m.start(), m.end());
            let mut pid = m.pattern().as_usize();
            if !boundary(text, s, e) {
                continue;
            }
            if let Some(form) = &self.acronym_form[pid]
                && !acronyms_match(form, &text[s..e])
            {
                // "di Yogyakarta" is not "DI Yogyakarta", but "Yogyakarta" still counts.
                let Some(sp) = text[s..e].find(' ') else {
                    continue;
                };
                let rest = &text[s + sp + 1..e];
                match self.index.get(&rest.to_lowercase()) {
                    Some(&p) if self.acronym_form[p].is_none() => {
                        s = s + sp + 1;
                        pid = p;
                    }
                    _ => continue,
                }
            }
            // "Metro TV", "Bima Arya", "Papua Nugini", "Bali United": a one-word name followed
            // by another capitalised word is part of some other proper name.
            if !text[s..e].contains(' ') && followed_by_name(text, e) {
                continue;
            }
            let span = Span { start: s, end: e };
            let cands = &self.cands[pid];
            let has_bare = cands.iter().any(|c| c.form == Form::Bare);
            let explicit_any = cands.iter().any(|c| c.form == Form::Explicit);
            if has_bare && !explicit_any && !bare_allowed(text, s, e, any_upper) {
                continue;
            }
            if let Some(r) = self.resolve(text, s, e, cands) {
                resolved.push((r, span));
            } else if cands
                .iter()
                .any(|c| self.regions[c.region].level == Level::District)
            {
                districts.push((pid, span, Form::Bare));
            }
        }
        // Districts: resolved against the regencies and provinces named in the text.
        if !districts.is_empty() {
            let mentioned: Vec<usize> = resolved.iter().map(|&(r, _)| r).collect();
            for (pat, span, _) in districts {
                let matched = &text[span.start..span.end];
                let explicit = self.cands[pat].iter().any(|c| c.form == Form::Explicit);
                let in_context: Vec<usize> = self.cands[pat]
                    .iter()
                    .filter(|c| self.regions[c.region].level == Level::District)
                    .filter(|c| {
                        let reg = self.regions[c.region].parent;
                        let prov = reg.and_then(|p| self.regions[p].parent);
                        mentioned
                            .iter()
                            .any(|&m| Some(m) == reg || Some(m) == prov && explicit)
                    })
                    .map(|c| c.region)
                    .collect();
                let unique: Vec<usize> = self.cands[pat]
                    .iter()
                    .filter(|c| self.regions[c.region].level == Level::District)
                    .map(|c| c.region)
                    .collect();
                let pick = if in_context.len() == 1 {
                    Some(in_context[0])
                } else if explicit && unique.len() == 1 {
                    Some(unique[0])
                } else {
                    None
                };
                let lower = matched.to_lowercase();
                // A bare district name that is an ordinary word ("Baru", "Tengah") is noise.
                let ordinary = COMMON_WORD_NAMES.contains(&lower.as_str())
                    || crate::stopwords::is_stopword(&lower)
                    || (!lower.contains(' ') && crate::global_stemmer().stemmer().is_root(&lower));
                if let Some(r) = pick
                    && (explicit || (is_capitalised(matched) && !ordinary))
                {
                    resolved.push((r, span));
                }
            }
        }
        let mut hits: Vec<RegionHit> = Vec::new();
        let mut slot: HashMap<usize, usize> = HashMap::new();
        for (r, span) in resolved {
            let k = *slot.entry(r).or_insert_with(|| {
                let reg = &self.regions[r];
                hits.push(RegionHit {
                    code: reg.code.clone(),
                    name: reg.name.clone(),
                    level: reg.level,
                    count: 0,
                    positions: Vec::new(),
                });
                hits.len() - 1
            });
            hits[k].count += 1;
            hits[k].positions.push(span);
        }
        for h in &mut hits {
            h.positions.sort_by_key(|p| p.start);
        }
        hits.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(a.positions[0].start.cmp(&b.positions[0].start))
        });
        hits
    }

    /// Resolve one match to a province or regency (districts are handled afterwards).
    fn resolve(&self, text: &str, s: usize, e: usize, cands: &[Cand]) -> Option<usize> {
        let lvl = |c: &Cand| self.regions[c.region].level;
        // 1. Explicit province/regency wording.
        let explicit: Vec<&Cand> = cands
            .iter()
            .filter(|c| c.form == Form::Explicit && lvl(c) != Level::District)
            .collect();
        if let Some(c) = explicit.first() {
            return Some(c.region);
        }
        if cands
            .iter()
            .any(|c| c.form == Form::Explicit && lvl(c) == Level::District)
        {
            return None;
        }
        let matched = &text[s..e];
        // 2. Bare province name.
        if let Some(c) = cands
            .iter()
            .find(|c| c.form == Form::Bare && lvl(c) == Level::Province)
        {
            return Some(c.region);
        }
        // 3. Bare regency/city name.
        let regs: Vec<&Cand> = cands
            .iter()
            .filter(|c| c.form == Form::Bare && lvl(c) == Level::Regency)
            .collect();
        if regs.is_empty() {
            return None;
        }
        let lower = matched.to_lowercase();
        if COMMON_WORD_NAMES.contains(&lower.as_str())
            && (!is_capitalised(matched) || (!lower.contains(' ') && sentence_start(text, s)))
        {
            return None;
        }
        if regs.len() == 1 {
            return Some(regs[0].region);
        }
        let kab_near = kabupaten_before(text, s);
        let want_city = !kab_near;
        regs.iter()
            .find(|c| self.regions[c.region].is_city == want_city)
            .or(regs.first())
            .map(|c| c.region)
    }
}

fn is_word_byte_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The match must not cut a word: "Bogor" in "Bogorjaya" is no match.
fn boundary(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(is_word_byte_char) && !after.is_some_and(is_word_byte_char)
}

fn is_capitalised(s: &str) -> bool {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Bare names too ambiguous to count without "Kota"/"Kabupaten"/"Pemkab"...: "Metro" (Polda
/// Metro Jaya, Metro TV), "Puncak" (the Bogor highlands, not Kabupaten Puncak in Papua),
/// "Kuningan" (the Jakarta district), "Toba" (the lake spans several regencies).
const EXPLICIT_ONLY: &[&str] = &["metro", "puncak", "kuningan", "toba", "tambora"];

/// Capitalised words that may follow a place name without being part of another name.
const AFTER_PLACE_OK: &[&str] = &[
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
    "wib",
    "wita",
    "wit",
];

/// "DKI", "DI", "NTB": two or more letters, all capitals.
fn is_acronym(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
}

/// The acronym words of `alias` appear in capitals in `matched` (other words: any case).
fn acronyms_match(alias: &str, matched: &str) -> bool {
    alias
        .split(' ')
        .zip(matched.split(' '))
        .all(|(a, m)| !is_acronym(a) || a == m)
}

fn followed_by_name(text: &str, e: usize) -> bool {
    let rest = &text[e..];
    let Some(after) = rest.strip_prefix(' ') else {
        return false;
    };
    let word: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    word.chars().next().is_some_and(char::is_uppercase)
        && !AFTER_PLACE_OK.contains(&word.to_lowercase().as_str())
}

/// A bare name counts only capitalised (unless the whole text is lowercase) and when it is
/// not one of the [`EXPLICIT_ONLY`] names.
fn bare_allowed(text: &str, s: usize, e: usize, any_upper: bool) -> bool {
    let m = &text[s..e];
    if EXPLICIT_ONLY.contains(&m.to_lowercase().as_str()) {
        return false;
    }
    !any_upper || m.chars().next().is_some_and(char::is_uppercase)
}

/// Is byte `s` the first word of a sentence (or of the text)?
fn sentence_start(text: &str, s: usize) -> bool {
    let before = text[..s].trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘(".contains(c));
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':'])
}

/// "Kabupaten", "Kab.", "Pemkab" or "Bupati" in the few words before `s`.
fn kabupaten_before(text: &str, s: usize) -> bool {
    let mut from = s.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let window = text[from..s].to_lowercase();
    ["kabupaten", "kab.", "kab ", "pemkab", "bupati"]
        .iter()
        .any(|k| window.contains(k))
}

/// One configurable entity (institution, official, programme) with its aliases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id ("kemendagri").
    pub id: String,
    /// Display name ("Kementerian Dalam Negeri").
    pub name: String,
    /// Free kind: "institution", "official", "programme"...
    pub kind: String,
    /// Other ways to write it ("Kemendagri", "Mendagri"). The name itself always matches.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// An entity found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityHit {
    /// Entity id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Number of mentions.
    pub count: u32,
    /// Where, in byte offsets.
    pub positions: Vec<Span>,
}

/// Matcher over a configurable entity list. Case-insensitive, whole words; an alias written
/// in capitals of at most 5 letters ("KPK", "BNPB") must match in capitals.
#[derive(Debug, Clone)]
pub struct EntityMatcher {
    entities: Vec<Entity>,
    ac: Option<AhoCorasick>,
    /// per pattern: (entity index, case-sensitive acronym)
    owners: Vec<(usize, bool, String)>,
}

const DEFAULT_ENTITIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/text/entities.json"
));

impl EntityMatcher {
    /// Build from a list. Errors if the matcher cannot be built.
    pub fn new(entities: Vec<Entity>) -> Result<Self, Error> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            for a in std::iter::once(&e.name).chain(e.aliases.iter()) {
                let a = a.trim();
                if a.is_empty() {
                    continue;
                }
                let acronym = a.chars().count() <= 5
                    && a.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
                patterns.push(a.to_string());
                owners.push((i, acronym, a.to_string()));
            }
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .map_err(|e| Error::Matcher(e.to_string()))?,
            )
        };
        Ok(Self {
            entities,
            ac,
            owners,
        })
    }

    /// Parse a JSON array of [`Entity`] and build the matcher.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        Self::new(serde_json::from_str(json)?)
    }

    /// The shipped default list of national institutions and programmes
    /// (`data/text/entities.json`).
    pub fn shared_default() -> &'static EntityMatcher {
        static M: OnceLock<EntityMatcher> = OnceLock::new();
        M.get_or_init(|| {
            Self::from_json(DEFAULT_ENTITIES).unwrap_or_else(|_| EntityMatcher {
                entities: Vec::new(),
                ac: None,
                owners: Vec::new(),
            })
        })
    }

    /// The entity list.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Entities mentioned in `text`, most mentioned first.
    pub fn find(&self, text: &str) -> Vec<EntityHit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut hits: Vec<EntityHit> = Vec::new();
        let mut slot: HashMap<usize, usize> = HashMap::new();
        for m in ac.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let (ent, acronym, ref alias) = self.owners[m.pattern().as_usize()];
            if !boundary(text, s, e) || acronym && &text[s..e] != alias {
                continue;
            }
            let k = *slot.entry(ent).or_insert_with(|| {
                let en = &self.entities[ent];
                hits.push(EntityHit {
                    id: en.id.clone(),
                    name: en.name.clone(),
                    kind: en.kind.clone(),
                    count: 0,
                    positions: Vec::new(),
                });
                hits.len() - 1
            });
            hits[k].count += 1;
            hits[k].positions.push(Span { start: s, end: e });
        }
        hits.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(a.positions[0].start.cmp(&b.positions[0].start))
        });
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(String, u32)> {
        Gazetteer::shared()
            .regions(text)
            .into_iter()
            .map(|h| (h.code, h.count))
            .collect()
    }

    #[test]
    fn loads_all_regions() {
        let g = Gazetteer::shared();
        assert_eq!(g.len(), 38 + 514 + 7285);
        assert_eq!(g.name_of("32.73"), Some("Kota Bandung"));
        assert_eq!(g.parent_of("32.73"), Some("32"));
    }

    #[test]
    fn province_aliases() {
        assert_eq!(
            codes("Pemprov Jabar dan Jatim bekerja sama dengan DKI."),
            vec![("32".into(), 1), ("35".into(), 1), ("31".into(), 1)]
        );
        assert_eq!(
            codes("Gubernur Jawa Tengah meninjau Pemprov Jateng"),
            vec![("33".into(), 2)]
        );
    }

    #[test]
    fn bandung_city_unless_kabupaten() {
        assert_eq!(
            codes("Banjir melanda Bandung kemarin."),
            vec![("32.73".into(), 1)]
        );
        assert_eq!(codes("Banjir di Kota Bandung."), vec![("32.73".into(), 1)]);
        assert_eq!(
            codes("Banjir di Kabupaten Bandung."),
            vec![("32.04".into(), 1)]
        );
        assert_eq!(
            codes("Pemkab Bogor menanam pohon."),
            vec![("32.01".into(), 1)]
        );
        assert_eq!(codes("Bupati Bogor hadir."), vec![("32.01".into(), 1)]);
        assert_eq!(
            codes("Di wilayah Kab. Bandung, banjir surut"),
            vec![("32.04".into(), 1)]
        );
        assert_eq!(codes("Kabupaten Bandung Barat"), vec![("32.17".into(), 1)]);
    }

    #[test]
    fn common_words_need_capitals_and_context() {
        assert!(codes("Mereka melempar batu ke arah polisi.").is_empty());
        assert!(codes("Nasib malang menimpa warga.").is_empty());
        assert_eq!(
            codes("Wisatawan memadati Batu saat libur."),
            vec![("35.79".into(), 1)]
        );
        assert_eq!(
            codes("Wisatawan memadati Kota Batu."),
            vec![("35.79".into(), 1)]
        );
        assert!(codes("Batu itu besar.").is_empty());
        assert_eq!(
            codes("Bupati Agam meresmikan pasar."),
            vec![("13.06".into(), 1)]
        );
    }

    #[test]
    fn names_inside_other_names_do_not_count() {
        assert!(codes("Kapolda Metro Jaya memeriksa saksi.").is_empty());
        assert!(codes("Acara itu dihadiri Bima Arya.").is_empty());
        assert!(codes("Timnas melawan Papua Nugini.").is_empty());
        assert!(codes("Macet di kawasan Puncak saat libur.").is_empty());
        assert!(codes("Pasukan menyerang balik.").is_empty());
        assert!(codes("Pembangunan kota baru di Maja.").is_empty());
        assert_eq!(
            codes("Banjir melanda Kota Baru, Kalimantan Selatan."),
            vec![("63.02".into(), 1), ("63".into(), 1)]
        );
        assert!(
            codes("Ia tinggal di Yogyakarta")
                .iter()
                .all(|c| c.0 != "34" || c.1 == 1)
        );
        assert_eq!(
            codes("Wisata di Yogyakarta dan DI Yogyakarta"),
            vec![("34".into(), 2)]
        );
        assert_eq!(
            codes("Banjir di Bandung Senin lalu."),
            vec![("32.73".into(), 1)]
        );
        assert_eq!(
            codes("Kota Metro dan Kabupaten Puncak"),
            vec![("18.72".into(), 1), ("94.05".into(), 1)]
        );
        // all-lowercase text: capitals cannot be required
        assert_eq!(codes("banjir di bogor"), vec![("32.71".into(), 1)]);
    }

    #[test]
    fn districts_need_prefix_or_regency() {
        let hits =
            Gazetteer::shared().regions("Banjir di Kecamatan Dayeuhkolot, Kabupaten Bandung.");
        let c: Vec<&str> = hits.iter().map(|h| h.code.as_str()).collect();
        assert!(c.contains(&"32.04"), "{c:?}");
        assert!(c.iter().any(|c| c.starts_with("32.04.")), "{c:?}");
        // A bare district name without its regency is not counted.
        assert!(codes("Warga Dayeuhkolot bergotong royong").is_empty());
    }

    #[test]
    fn positions_and_counts() {
        let text = "Jabar siaga. Pemprov Jabar menyiapkan posko.";
        let hits = Gazetteer::shared().regions(text);
        assert_eq!(hits[0].code, "32");
        assert_eq!(hits[0].count, 2);
        assert_eq!(
            &text[hits[0].positions[1].start..hits[0].positions[1].end],
            "Pemprov Jabar"
        );
        // Not inside another word.
        assert!(codes("Bogorjaya").is_empty());
    }

    #[test]
    fn entities_with_aliases() {
        let m = EntityMatcher::new(vec![
            Entity {
                id: "kpk".into(),
                name: "Komisi Pemberantasan Korupsi".into(),
                kind: "institution".into(),
                aliases: vec!["KPK".into()],
            },
            Entity {
                id: "mbg".into(),
                name: "Makan Bergizi Gratis".into(),
                kind: "programme".into(),
                aliases: vec!["MBG".into(), "program makan gratis".into()],
            },
        ])
        .unwrap();
        let hits =
            m.find("KPK memeriksa anggaran MBG. Program Makan Bergizi Gratis berjalan; kpk-nya?");
        assert_eq!(hits[0].id, "mbg");
        assert_eq!(hits[0].count, 2);
        assert_eq!(hits[1].id, "kpk");
        assert_eq!(hits[1].count, 1, "lowercase 'kpk' is not the acronym");
        assert!(!EntityMatcher::shared_default().entities().is_empty());
        let d = EntityMatcher::shared_default().find("Kemendagri dan BNPB rapat.");
        assert_eq!(d.len(), 2);
    }
}
