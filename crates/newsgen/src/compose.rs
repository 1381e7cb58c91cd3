//! The plan of a corpus (outlets, stories, scenario sizes) and article composition.

use std::fmt::Write as _;

use chrono::{Datelike, TimeZone, Utc};

use crate::regions::{Regency, Regions, zone_of};
use crate::rng::Rng;
use crate::vocab::{self, Topic};
use crate::{ArticleKind, DAY_MS, GenArticle, GenConfig, Outlet, OutletRef, Tone};

/// Random streams (kept apart so changing one part does not reshuffle another).
const S_ARTICLE: u64 = 1;
const S_PLAN: u64 = 2;
const S_LIVE: u64 = 3;

/// Kota Semarang, home of the growing issue.
const SPIKE_REGENCY: &str = "33.74";

#[derive(Debug, Clone)]
struct Story {
    topic: usize,
    regency: usize,
    district: usize,
    detail: usize,
    weight: f64,
}

#[derive(Debug)]
pub struct Plan {
    pub cfg: GenConfig,
    pub outlets: Vec<Outlet>,
    stories: Vec<Story>,
    story_cum: Vec<f64>,
    /// Indices of national outlets and, per province, regional ones.
    national: Vec<usize>,
    by_province: std::collections::HashMap<String, Vec<usize>>,
    n_release: usize,
    /// Spike articles per day (index = day of the window).
    spike_days: Vec<usize>,
    spike_cum: Vec<usize>,
    n_spike: usize,
}

fn slug_host(name: &str) -> String {
    let s: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    format!("{s}.test")
}

impl Plan {
    pub fn new(cfg: &GenConfig) -> Plan {
        let regions = Regions::shared();
        let mut rng = Rng::for_item(cfg.seed, S_PLAN, 0);
        let n_out = cfg.outlets.clamp(1, vocab::OUTLETS.len());
        let mut outlets = Vec::with_capacity(n_out);
        let mut national = Vec::new();
        let mut by_province: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, (name, prov)) in vocab::OUTLETS.iter().take(n_out).enumerate() {
            let (off, zone) = zone_of(prov.unwrap_or("31"));
            let authors = (0..4)
                .map(|_| {
                    format!(
                        "{} {}",
                        rng.pick(vocab::FIRST_NAMES),
                        rng.pick(vocab::LAST_NAMES)
                    )
                })
                .collect();
            match prov {
                Some(p) => by_province.entry((*p).to_string()).or_default().push(i),
                None => national.push(i),
            }
            outlets.push(Outlet {
                name: (*name).to_string(),
                host: slug_host(name),
                province: prov.map(str::to_string),
                layout: (i % 3) as u8,
                authors,
                utc_offset: off,
                zone: zone.to_string(),
            });
        }
        if national.is_empty() {
            national.push(0);
        }
        let mut topics: Vec<usize> = (0..vocab::TOPICS.len()).collect();
        rng.shuffle(&mut topics);
        let nreg = regions.regencies.len();
        let stories: Vec<Story> = (0..cfg.issues)
            .map(|k| {
                let regency = rng.below(nreg);
                Story {
                    topic: topics[k % topics.len()],
                    regency,
                    district: rng.below(regions.regencies[regency].districts.len()),
                    detail: rng.below(3),
                    // Some stories are big, most are small (as in real news).
                    weight: 1.0 / ((k + 1) as f64).sqrt(),
                }
            })
            .collect();
        let mut acc = 0.0;
        let story_cum = stories
            .iter()
            .map(|s| {
                acc += s.weight;
                acc
            })
            .collect();

        let days = cfg.days.max(1) as usize;
        let n_release = match &cfg.release {
            Some(_) => cfg.release_copies.min(n_out).min(cfg.articles),
            None => 0,
        };
        let mut spike_days = vec![0; days];
        if cfg.spike && days >= 2 {
            // Flat baseline, then several times the baseline (and at least 12) on the last day.
            let base = (cfg.articles / (40 * days)).max(2);
            for d in spike_days.iter_mut().take(days - 1) {
                *d = base + rng.below(3) - 1;
            }
            spike_days[days - 1] = base * 6 + 12;
            let total: usize = spike_days.iter().sum();
            if total + n_release > cfg.articles / 2 {
                spike_days.iter_mut().for_each(|d| *d = 0);
            }
        }
        let mut c = 0;
        let spike_cum = spike_days
            .iter()
            .map(|d| {
                c += d;
                c
            })
            .collect();
        Plan {
            cfg: cfg.clone(),
            outlets,
            stories,
            story_cum,
            national,
            by_province,
            n_release,
            n_spike: c,
            spike_days,
            spike_cum,
        }
    }

    /// Article `i` of the corpus.
    pub fn article(&self, i: usize) -> GenArticle {
        let mut rng = Rng::for_item(self.cfg.seed, S_ARTICLE, i as u64);
        if i < self.n_release {
            return self.release_copy(i, &mut rng);
        }
        if i < self.n_release + self.n_spike {
            return self.spike_article(i, i - self.n_release, &mut rng);
        }
        let t = self.cfg.start_ms
            + (rng.unit() * (self.cfg.end_ms() - self.cfg.start_ms) as f64) as i64;
        self.background(i, t, &mut rng)
    }

    /// A background article made after generation (the demo "publishes" these).
    pub fn live_article(&self, i: usize, published_ms: i64) -> GenArticle {
        let mut rng = Rng::for_item(self.cfg.seed, S_LIVE, i as u64);
        self.background(i, published_ms, &mut rng)
    }

    fn outlet_for(&self, province: &str, rng: &mut Rng) -> usize {
        match self.by_province.get(province) {
            Some(v) if rng.chance(0.6) => *rng.pick(v),
            _ => *rng.pick(&self.national),
        }
    }

    fn tone(&self, rng: &mut Rng) -> Tone {
        let [p, n, g] = self.cfg.tone_mix.map(|x| x.max(0.0));
        let sum = p + n + g;
        if sum <= 0.0 {
            return Tone::Neutral;
        }
        let x = rng.unit() * sum;
        if x < p {
            Tone::Positive
        } else if x < p + n {
            Tone::Neutral
        } else {
            Tone::Negative
        }
    }

    fn background(&self, i: usize, t: i64, rng: &mut Rng) -> GenArticle {
        let regions = Regions::shared();
        let (topic, regency, district, detail) =
            if !self.stories.is_empty() && rng.chance(self.cfg.story_share) {
                let total = self.story_cum.last().copied().unwrap_or(1.0);
                let x = rng.unit() * total;
                let k = self
                    .story_cum
                    .partition_point(|&c| c <= x)
                    .min(self.stories.len() - 1);
                let s = &self.stories[k];
                (s.topic, s.regency, s.district, s.detail)
            } else {
                let regency = rng.below(regions.regencies.len());
                (
                    rng.below(vocab::TOPICS.len()),
                    regency,
                    rng.below(regions.regencies[regency].districts.len()),
                    rng.below(3),
                )
            };
        let topic = &vocab::TOPICS[topic];
        let reg = &regions.regencies[regency];
        let tone = self.tone(rng);
        let key = format!("{}-{}", topic.key, reg.code);
        self.story_article(
            i,
            t,
            rng,
            topic,
            reg,
            district,
            detail,
            tone,
            key,
            ArticleKind::Background,
        )
    }

    fn spike_article(&self, i: usize, j: usize, rng: &mut Rng) -> GenArticle {
        let regions = Regions::shared();
        let day = self.spike_cum.partition_point(|&c| c <= j);
        let last = day + 1 == self.spike_days.len();
        let t = self.cfg.start_ms + day as i64 * DAY_MS + (rng.unit() * DAY_MS as f64) as i64;
        let tone = if last {
            if rng.chance(0.85) {
                Tone::Negative
            } else {
                Tone::Neutral
            }
        } else if rng.chance(0.5) {
            Tone::Negative
        } else if rng.chance(0.8) {
            Tone::Neutral
        } else {
            Tone::Positive
        };
        let ri = regions
            .index_of(SPIKE_REGENCY)
            .unwrap_or(0)
            .min(regions.regencies.len() - 1);
        let reg = &regions.regencies[ri];
        // Coastal districts of Semarang when present.
        let coastal: Vec<usize> = reg
            .districts
            .iter()
            .enumerate()
            .filter(|(_, (_, n))| ["Semarang Utara", "Tugu", "Genuk", "Semarang Timur"].contains(n))
            .map(|(k, _)| k)
            .collect();
        let district = if coastal.is_empty() {
            rng.below(reg.districts.len())
        } else {
            *rng.pick(&coastal)
        };
        let detail = rng.below(3);
        self.story_article(
            i,
            t,
            rng,
            &vocab::SPIKE,
            reg,
            district,
            detail,
            tone,
            vocab::SPIKE.key.to_string(),
            ArticleKind::Spike,
        )
    }

    fn release_copy(&self, i: usize, rng: &mut Rng) -> GenArticle {
        let Some(rel) = &self.cfg.release else {
            return self.background(i, self.cfg.start_ms, rng);
        };
        // Copies appear within a few hours of each other, two days before the end.
        let t0 = self.cfg.end_ms() - 2 * DAY_MS + 3 * 3_600_000;
        let t = t0 + i as i64 * 25 * 60_000 + rng.below(20 * 60_000) as i64;
        // Distinct outlets: walk them with a stride from a seeded start.
        let n = self.outlets.len();
        let oi = (self.cfg.seed as usize % n + i * 7) % n;
        let form = vocab::RELEASE_TITLE_FORMS[i % vocab::RELEASE_TITLE_FORMS.len()];
        let title = form.replace("{t}", rel.title.trim());
        let mut text = String::with_capacity(rel.text.len() + 200);
        text.push_str(rng.pick_str(vocab::RELEASE_INTROS));
        text.push_str("\n\n");
        let paras: Vec<String> = rel
            .text
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        text.push_str(&paras.join("\n\n"));
        text.push_str("\n\n");
        text.push_str(rng.pick_str(vocab::RELEASE_OUTROS));
        self.finish(
            i,
            oi,
            t,
            "nasional",
            title,
            text,
            Vec::new(),
            "release".into(),
            Tone::Positive,
            ArticleKind::Release,
            rng,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn story_article(
        &self,
        i: usize,
        t: i64,
        rng: &mut Rng,
        topic: &Topic,
        reg: &Regency,
        district: usize,
        detail: usize,
        tone: Tone,
        issue_key: String,
        kind: ArticleKind,
    ) -> GenArticle {
        let (dcode, dname) = reg.districts[district.min(reg.districts.len() - 1)];
        let oi = self.outlet_for(reg.province_code, rng);
        let mut f = Filler {
            reg,
            kecb: dname,
            topic,
            detail: String::new(),
            kepala_nama: person(rng),
        };
        let mut d = String::new();
        f.fill(topic.details[detail % topic.details.len()], rng, &mut d);
        f.detail = d;
        let title_pool = match tone {
            Tone::Positive => topic.titles_pos,
            Tone::Neutral => topic.titles_neu,
            Tone::Negative => topic.titles_neg,
        };
        let mut title = String::new();
        f.fill(rng.pick_str(title_pool), rng, &mut title);
        let title = title_case(&title);
        let text = f.body(tone, &self.outlets[oi].name, rng);
        let codes = vec![
            dcode.to_string(),
            reg.code.to_string(),
            reg.province_code.to_string(),
        ];
        self.finish(
            i,
            oi,
            t,
            topic.section,
            title,
            text,
            codes,
            issue_key,
            tone,
            kind,
            rng,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        i: usize,
        oi: usize,
        t: i64,
        section: &str,
        title: String,
        text: String,
        region_codes: Vec<String>,
        issue_key: String,
        tone: Tone,
        kind: ArticleKind,
        rng: &mut Rng,
    ) -> GenArticle {
        let o = &self.outlets[oi];
        let local = Utc
            .timestamp_millis_opt(t + i64::from(o.utc_offset) * 3_600_000)
            .single()
            .unwrap_or_default();
        let url = format!(
            "https://{}/{}/{:04}/{:02}/{:02}/{}-{}",
            o.host,
            section,
            local.year(),
            local.month(),
            local.day(),
            slugify(&title),
            i
        );
        let author = rng.pick(&o.authors).clone();
        let mut a = GenArticle {
            id: i as u64,
            outlet: OutletRef {
                name: o.name.clone(),
                host: o.host.clone(),
            },
            url,
            section: section.to_string(),
            title,
            author,
            published_ms: t,
            region_codes,
            issue_key,
            tone,
            kind,
            html: String::new(),
            text,
        };
        a.html = crate::html::render(&a, o, rng);
        a
    }
}

fn person(rng: &mut Rng) -> String {
    format!(
        "{} {}",
        rng.pick(vocab::FIRST_NAMES),
        rng.pick(vocab::LAST_NAMES)
    )
}

fn capitalise_first(s: &mut String) {
    if let Some(c) = s.chars().next()
        && c.is_lowercase()
    {
        let up: String = c.to_uppercase().collect();
        s.replace_range(..c.len_utf8(), &up);
    }
}

/// Headline capitals: every word but short function words ("di", "dan", ...).
fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &["di", "dan", "ke", "dari", "yang", "untuk", "soal", "per"];
    let mut out = String::with_capacity(s.len());
    for (k, w) in s.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let mut cs = w.chars();
        match cs.next() {
            Some(c) if c.is_lowercase() && (k == 0 || !SMALL.contains(&w)) => {
                out.extend(c.to_uppercase());
                out.push_str(cs.as_str());
            }
            _ => out.push_str(w),
        }
    }
    out
}

pub fn slugify(title: &str) -> String {
    let mut s = String::with_capacity(title.len());
    let mut dash = false;
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !s.is_empty() {
            s.push('-');
            dash = true;
        }
    }
    while s.ends_with('-') {
        s.pop();
    }
    s.truncate(80);
    s
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Lead sentences per tone: they name the regency and the province, so every article does.
const LEADS_NEU: &[&str] = &[
    "{pemda} melalui {dinas} terus memantau perkembangan {topik} di wilayahnya, terutama di {kec}, Provinsi {prov}.",
    "{dinas} {reg}, {prov}, menyampaikan perkembangan terbaru soal {topik} kepada wartawan pada {hari}.",
    "Persoalan {topik} di {reg}, {prov}, kembali dibahas dalam rapat bersama camat dan lurah.",
];
const LEADS_POS: &[&str] = &[
    "{pemda} menuai apresiasi warga atas {topik} yang dinilai berhasil, khususnya di {kec}, {prov}.",
    "Upaya {topik} di {reg}, {prov}, mulai membuahkan hasil yang dirasakan langsung oleh warga.",
    "{kepala} {kepala_nama} meresmikan program {topik} di {kec}, {reg}, {prov}, pada {hari}.",
];
const LEADS_NEG: &[&str] = &[
    "Warga {kec}, {reg}, {prov}, mengeluhkan persoalan {topik} yang tak kunjung tuntas.",
    "Kekecewaan warga terhadap {topik} di {reg}, {prov}, terus bertambah dalam beberapa pekan terakhir.",
    "Sorotan tajam kembali mengarah ke {pemda} terkait {topik} yang dinilai lamban ditangani di {kec}, {prov}.",
];

struct Filler<'a> {
    reg: &'a Regency,
    kecb: &'a str,
    topic: &'a Topic,
    detail: String,
    kepala_nama: String,
}

impl Filler<'_> {
    fn fill(&self, tpl: &str, rng: &mut Rng, out: &mut String) {
        let mut rest = tpl;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return;
            };
            let key = &after[..close];
            match key {
                "reg" => out.push_str(self.reg.name),
                "prov" => out.push_str(self.reg.province),
                "pemda" => out.push_str(&self.reg.pemda()),
                "pemda_s" => out.push_str(&self.reg.pemda_short()),
                "kepala" => out.push_str(&self.reg.head()),
                "kepala_nama" => out.push_str(&self.kepala_nama),
                "dprd" => out.push_str(&self.reg.dprd()),
                "kec" => {
                    out.push_str("Kecamatan ");
                    out.push_str(self.kecb);
                }
                "kecb" => out.push_str(self.kecb),
                "pejabat" | "warga" => out.push_str(&person(rng)),
                "dinas" => out.push_str(self.topic.dinas),
                "dinas_s" => out.push_str(self.topic.dinas_s),
                "topik" => out.push_str(self.topic.topik),
                "detail" => out.push_str(&self.detail),
                "n" => {
                    let _ = write!(out, "{}", rng.range(2, 60));
                }
                "n2" => out.push_str(&thousands(rng.range(100, 9_000))),
                "pct" => {
                    let _ = write!(out, "{},{} persen", rng.range(2, 30), rng.below(10));
                }
                "rp" => {
                    let _ = if rng.chance(0.5) {
                        write!(out, "Rp{},{} miliar", rng.range(1, 90), rng.below(10))
                    } else {
                        write!(out, "Rp{} juta", rng.range(150, 950))
                    };
                }
                "harga" => {
                    out.push_str("Rp");
                    out.push_str(&thousands(12_000 + rng.below(12) * 250));
                }
                "hari" => out.push_str(rng.pick_str(vocab::WEEKDAYS)),
                _ => {
                    out.push('{');
                    out.push_str(key);
                    out.push('}');
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
    }

    fn quote(&self, q: &str, official: bool, rng: &mut Rng, out: &mut String) {
        out.push('"');
        out.push_str(q);
        out.push_str(",\" ");
        out.push_str(rng.pick_str(vocab::SAID));
        out.push(' ');
        out.push_str(&person(rng));
        out.push_str(", ");
        let role = if official {
            rng.pick(vocab::ROLE_OFFICIAL)
        } else {
            rng.pick(vocab::ROLE_CITIZEN)
        };
        self.fill(role, rng, out);
        out.push('.');
    }

    /// The body: 3–6 paragraphs of 4–10 sentences, 250–700 words.
    fn body(&self, tone: Tone, outlet: &str, rng: &mut Rng) -> String {
        let t = self.topic;
        let (tone_topic, tone_generic, leads, quotes): (&[&str], &[&str], &[&str], &[&str]) =
            match tone {
                Tone::Positive => (t.positive, vocab::GENERIC_POSITIVE, LEADS_POS, t.quotes_pos),
                Tone::Negative => (t.negative, vocab::GENERIC_NEGATIVE, LEADS_NEG, t.quotes_neg),
                Tone::Neutral => (&[], &[], LEADS_NEU, &[]),
            };
        // Sentence sources: (template, kind) with kind 0 = plain, 1 = official quote,
        // 2 = citizen quote.
        let mut toned: Vec<(&str, u8)> = tone_topic
            .iter()
            .chain(tone_generic)
            .map(|s| (*s, 0))
            .collect();
        for q in quotes {
            let citizen = tone == Tone::Negative || rng.chance(0.5);
            toned.push((q, if citizen { 2 } else { 1 }));
        }
        let mut neutral: Vec<(&str, u8)> = t
            .neutral
            .iter()
            .chain(vocab::GENERIC_NEUTRAL)
            .map(|s| (*s, 0))
            .collect();
        rng.shuffle(&mut toned);
        rng.shuffle(&mut neutral);
        let p_toned = if tone == Tone::Neutral { 0.0 } else { 0.6 };
        let target = 250 + rng.below(260) + rng.below(190);

        let mut sentences: Vec<String> = Vec::with_capacity(40);
        let mut lead = String::with_capacity(200);
        lead.push_str(&self.kecb.to_uppercase());
        lead.push_str(", ");
        lead.push_str(outlet);
        lead.push_str(" – ");
        self.fill(rng.pick_str(leads), rng, &mut lead);
        let mut words = lead.split_whitespace().count();
        sentences.push(lead);
        while words < target {
            let from_toned = !toned.is_empty() && (neutral.is_empty() || rng.chance(p_toned));
            let Some((tpl, kind)) = (if from_toned {
                toned.pop()
            } else {
                neutral.pop()
            }) else {
                break;
            };
            let mut s = String::with_capacity(160);
            match kind {
                0 => self.fill(tpl, rng, &mut s),
                k => self.quote(tpl, k == 1, rng, &mut s),
            }
            capitalise_first(&mut s);
            words += s.split_whitespace().count();
            sentences.push(s);
        }
        // Paragraphs of 4–10 sentences; a short tail joins the previous paragraph.
        let mut paras: Vec<Vec<String>> = Vec::new();
        let mut it = sentences.into_iter().peekable();
        while it.peek().is_some() {
            let n = rng.range(4, 7);
            let p: Vec<String> = it.by_ref().take(n).collect();
            match paras.last_mut() {
                Some(last) if p.len() < 4 && last.len() + p.len() <= 10 => last.extend(p),
                _ => paras.push(p),
            }
        }
        let mut out = String::with_capacity(words * 8);
        for (k, p) in paras.iter().enumerate() {
            if k > 0 {
                out.push_str("\n\n");
            }
            out.push_str(&p.join(" "));
        }
        out
    }
}

/// Weekday and month names for page dates ("Kamis, 26 November 2026 11.14 WIB").
pub fn indonesian_date(ms: i64, offset_h: i32, zone: &str) -> String {
    let local = Utc
        .timestamp_millis_opt(ms + i64::from(offset_h) * 3_600_000)
        .single()
        .unwrap_or_default();
    let wd = vocab::WEEKDAYS[local.weekday().num_days_from_monday() as usize];
    let mon = vocab::MONTHS[local.month0() as usize];
    format!(
        "{wd}, {} {mon} {} {:02}.{:02} {zone}",
        local.day(),
        local.year(),
        chrono::Timelike::hour(&local),
        chrono::Timelike::minute(&local)
    )
}

/// RFC 3339 with the outlet's offset ("2026-11-26T11:14:00+07:00").
pub fn rfc3339(ms: i64, offset_h: i32) -> String {
    let off =
        chrono::FixedOffset::east_opt(offset_h * 3600).unwrap_or_else(|| chrono::Offset::fix(&Utc));
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or_default()
        .with_timezone(&off)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}
