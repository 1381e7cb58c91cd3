//! The monitoring dashboard of an organisation, issue pages and the daily clipping data.

use serde::Serialize;

use super::super::index::{IndexQuery, SortOrder};
use super::super::model::*;
use crate::auth::Actor;
use crate::error::{CoreError, CoreResult};
use crate::network::Permission;
use crate::service::Core;
use crate::time::{Millis, Zone};

const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, Serialize)]
pub struct MonitorDashboard {
    pub days: i64,
    pub total: usize,
    pub daily: Vec<DayCount>,
    pub tones: Vec<(String, u64)>,
    pub outlets: Vec<(String, u64)>,
    pub issues: Vec<(Issue, u64)>,
    pub latest_negative: Vec<Article>,
    /// Entities (watch list of the gazetteer) by number of articles naming them.
    pub share_of_voice: Vec<(String, u64)>,
    pub alerts: Vec<Alert>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IssueDetail {
    pub issue: Issue,
    /// Articles the viewer may see.
    pub visible_count: usize,
    pub daily: Vec<DayCount>,
    pub tones: Vec<(String, u64)>,
    pub outlets: Vec<(String, u64)>,
    pub latest: Vec<Article>,
}

impl Core {
    /// Volume and tone over `days`, top issues and outlets, share of voice, latest negative
    /// coverage and the latest alerts, all within the actor's visibility.
    pub async fn monitor_dashboard(
        &self,
        actor: &Actor,
        days: i64,
        now: Millis,
    ) -> CoreResult<MonitorDashboard> {
        actor.require(Permission::MonitorView)?;
        let days = days.clamp(1, 90);
        let vis = self.article_visibility(actor);
        let zone = Zone::for_region_code(&actor.org.code);
        let tz = zone.offset_hours() * 3600;
        let mut q = IndexQuery::new("", vis.clone());
        q.from_ms = Some(now - days * DAY_MS);
        q.to_ms = Some(now);
        q.facets = true;
        q.limit = 0;
        let (res, daily, neg_ids, recent_ids) = {
            let q = q.clone();
            self.on_index(move |i| {
                let res = i.search(&q)?;
                let daily = i.daily(&q, tz)?;
                let mut neg = q.clone();
                neg.q = "tone:negative".into();
                neg.sort = SortOrder::Newest;
                neg.limit = 6;
                neg.facets = false;
                let neg_ids: Vec<i64> = i.search(&neg)?.hits.iter().map(|h| h.id).collect();
                let mut recent = q.clone();
                recent.sort = SortOrder::Newest;
                recent.limit = 500;
                recent.facets = false;
                let recent_ids: Vec<i64> = i.search(&recent)?.hits.iter().map(|h| h.id).collect();
                Ok((res, daily, neg_ids, recent_ids))
            })
            .await?
        };
        let issue_ids: Vec<i64> = res
            .facets
            .issues
            .iter()
            .take(8)
            .map(|(id, _)| *id)
            .collect();
        let issue_map: std::collections::HashMap<i64, Issue> = self
            .store
            .issues_by_ids(&issue_ids)
            .await?
            .into_iter()
            .map(|i| (i.id, i))
            .collect();
        let issues = res
            .facets
            .issues
            .iter()
            .take(8)
            .filter_map(|(id, n)| issue_map.get(id).map(|i| (i.clone(), *n)))
            .collect();
        let latest_negative = self.store.articles_by_ids(&neg_ids).await?;
        let mut voice: std::collections::HashMap<String, u64> = Default::default();
        for a in self.store.articles_by_ids(&recent_ids).await? {
            for e in a.entities {
                *voice.entry(e).or_default() += 1;
            }
        }
        let mut share_of_voice: Vec<(String, u64)> = voice.into_iter().collect();
        share_of_voice.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        share_of_voice.truncate(8);
        let alerts = self
            .alerts(actor, crate::page::PageReq::new(Some(1), Some(5)))
            .await?
            .items;
        Ok(MonitorDashboard {
            days,
            total: res.total,
            daily: fill_days(daily, now - days * DAY_MS, now, tz),
            outlets: res.facets.outlets_top(10),
            tones: res.facets.tones,
            issues,
            latest_negative,
            share_of_voice,
            alerts,
        })
    }

    pub async fn issue_detail(
        &self,
        actor: &Actor,
        id: i64,
        now: Millis,
    ) -> CoreResult<IssueDetail> {
        actor.require(Permission::MonitorView)?;
        let issue = self
            .store
            .issues_by_ids(&[id])
            .await?
            .into_iter()
            .next()
            .ok_or(CoreError::NotFound)?;
        let zone = Zone::for_region_code(&actor.org.code);
        let tz = zone.offset_hours() * 3600;
        let mut q = IndexQuery::new(&format!("issue:{id}"), self.article_visibility(actor));
        q.facets = true;
        q.sort = SortOrder::Newest;
        q.limit = 30;
        let (res, daily) = self
            .on_index(move |i| {
                let res = i.search(&q)?;
                let daily = i.daily(&q, tz)?;
                Ok((res, daily))
            })
            .await?;
        if res.total == 0 {
            // An issue with nothing visible to this viewer does not exist for them.
            return Err(CoreError::NotFound);
        }
        let ids: Vec<i64> = res.hits.iter().map(|h| h.id).collect();
        let from = daily
            .first()
            .map(|d| d.day_start)
            .unwrap_or(now - 14 * DAY_MS);
        Ok(IssueDetail {
            visible_count: res.total,
            daily: fill_days(daily, from, now.max(issue.last_seen), tz),
            outlets: res.facets.outlets_top(10),
            tones: res.facets.tones,
            latest: self.store.articles_by_ids(&ids).await?,
            issue,
        })
    }
}

impl super::super::index::IndexFacets {
    pub fn outlets_top(&self, n: usize) -> Vec<(String, u64)> {
        self.sources.iter().take(n).cloned().collect()
    }
}

/// Days with no article are missing from the index's answer; charts need them as zeros.
pub(crate) fn fill_days(
    days: Vec<DayCount>,
    from: Millis,
    to: Millis,
    tz_secs: i32,
) -> Vec<DayCount> {
    let tz = i64::from(tz_secs) * 1000;
    let start = (from + tz).div_euclid(DAY_MS) * DAY_MS - tz;
    let mut by_day: std::collections::HashMap<Millis, DayCount> =
        days.into_iter().map(|d| (d.day_start, d)).collect();
    let mut out = Vec::new();
    let mut d = start;
    while d <= to && out.len() < 400 {
        out.push(by_day.remove(&d).unwrap_or(DayCount {
            day_start: d,
            total: 0,
            negative: 0,
            positive: 0,
        }));
        d += DAY_MS;
    }
    out
}

/// One issue's articles of the day, for the clipping.
#[derive(Debug, Clone, Serialize)]
pub struct ClippingGroup {
    pub label: String,
    pub issue_id: Option<i64>,
    pub articles: Vec<Article>,
}

/// Everything the daily clipping (kliping harian) shows for one organisation and one day.
#[derive(Debug, Clone, Serialize)]
pub struct ClippingData {
    pub org_name: String,
    pub day_start: Millis,
    pub zone: Zone,
    pub total: usize,
    pub groups: Vec<ClippingGroup>,
    pub tones: Vec<(String, u64)>,
    /// The 14 days up to the clipping day, for the volume chart.
    pub daily: Vec<DayCount>,
    pub outlets: Vec<(String, u64)>,
}

/// At most this many articles go into one clipping (the rest are counted, not listed).
pub const CLIPPING_MAX_ARTICLES: usize = 1000;

impl Core {
    /// The clipping of the local day containing `day_ms` for the actor's organisation.
    pub async fn clipping(&self, actor: &Actor, day_ms: Millis) -> CoreResult<ClippingData> {
        actor.require(Permission::MonitorView)?;
        let zone = Zone::for_region_code(&actor.org.code);
        let tz_ms = i64::from(zone.offset_hours()) * 3_600_000;
        let day_start = (day_ms + tz_ms).div_euclid(DAY_MS) * DAY_MS - tz_ms;
        let vis = self.article_visibility(actor);
        let mut q = IndexQuery::new("", vis);
        q.from_ms = Some(day_start);
        q.to_ms = Some(day_start + DAY_MS - 1);
        q.sort = SortOrder::Newest;
        q.limit = CLIPPING_MAX_ARTICLES;
        q.facets = true;
        let tz = zone.offset_hours() * 3600;
        let (res, daily) = {
            let q = q.clone();
            self.on_index(move |i| {
                let res = i.search(&q)?;
                let mut d = q.clone();
                d.from_ms = Some(day_start - 13 * DAY_MS);
                let daily = i.daily(&d, tz)?;
                Ok((res, daily))
            })
            .await?
        };
        let ids: Vec<i64> = res.hits.iter().map(|h| h.id).collect();
        let articles = self.store.articles_by_ids(&ids).await?;
        // Group by issue, biggest first; negative coverage first inside a group.
        let mut groups: Vec<ClippingGroup> = Vec::new();
        for a in articles {
            let key = a.issue_id;
            match groups.iter_mut().find(|g| g.issue_id == key) {
                Some(g) => g.articles.push(a),
                None => groups.push(ClippingGroup {
                    label: a.issue_label.clone().unwrap_or_else(|| "Lainnya".into()),
                    issue_id: key,
                    articles: vec![a],
                }),
            }
        }
        for g in &mut groups {
            g.articles.sort_by_key(|a| match a.tone {
                ArticleTone::Negative => 0,
                ArticleTone::Neutral => 1,
                ArticleTone::Positive => 2,
            });
        }
        groups.sort_by(|a, b| {
            (a.issue_id.is_none(), std::cmp::Reverse(a.articles.len()))
                .cmp(&(b.issue_id.is_none(), std::cmp::Reverse(b.articles.len())))
        });
        Ok(ClippingData {
            org_name: actor.org.display_name(),
            day_start,
            zone,
            total: res.total,
            groups,
            outlets: res.facets.outlets_top(10),
            tones: res.facets.tones,
            daily: fill_days(daily, day_start - 13 * DAY_MS, day_start + DAY_MS - 1, tz),
        })
    }
}

/// Monitored coverage related to a crisis case: the query used (so officers can refine or save
/// it), volume and tone over time since a week before the case, and the latest articles.
#[derive(Debug, Clone, Serialize)]
pub struct CaseCoverage {
    pub query: String,
    pub total: usize,
    pub daily: Vec<DayCount>,
    pub tones: Vec<(String, u64)>,
    pub latest: Vec<Article>,
}

/// A search query for a claim: its keyphrases as phrases, any of them.
pub fn claim_query(claim: &str) -> String {
    let phrases: Vec<String> = sinergi_text::keyphrases(&[claim], 3)
        .into_iter()
        .map(|k| k.phrase.replace('"', ""))
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .map(|p| format!("\"{p}\""))
        .collect();
    phrases.join(" OR ")
}

impl Core {
    /// Coverage of a case the actor can see (visibility of the case is checked first, then the
    /// articles are searched within the actor's own article visibility).
    pub async fn case_coverage(
        &self,
        actor: &Actor,
        case_id: i64,
        now: Millis,
    ) -> CoreResult<Option<CaseCoverage>> {
        let case = self.visible_case(actor, case_id).await?;
        if self.index.is_none() {
            return Ok(None);
        }
        let query = claim_query(&case.claim);
        if query.is_empty() {
            return Ok(None);
        }
        let zone = Zone::for_region_code(&actor.org.code);
        let tz = zone.offset_hours() * 3600;
        let from = case.created_at - 7 * DAY_MS;
        let mut q = IndexQuery::new(&query, self.article_visibility(actor));
        q.from_ms = Some(from);
        q.sort = SortOrder::Newest;
        q.limit = 8;
        q.facets = true;
        let (res, daily) = self
            .on_index(move |i| {
                let res = i.search(&q)?;
                let daily = i.daily(&q, tz)?;
                Ok((res, daily))
            })
            .await?;
        let ids: Vec<i64> = res.hits.iter().map(|h| h.id).collect();
        Ok(Some(CaseCoverage {
            total: res.total,
            daily: fill_days(daily, from, now, tz),
            tones: res.facets.tones,
            latest: self.store.articles_by_ids(&ids).await?,
            query,
        }))
    }
}
