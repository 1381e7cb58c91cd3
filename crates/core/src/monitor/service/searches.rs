//! Saved searches, their new-match notifications, and the early-warning spike scan.

use super::super::index::{ArticleVisibility, IndexQuery};
use super::super::model::*;
use crate::auth::Actor;
use crate::error::{CoreError, CoreResult};
use crate::network::{Org, OrgLevel, Permission};
use crate::notify::NewNotification;
use crate::page::{Page, PageReq};
use crate::service::Core;
use crate::time::{Millis, now_millis};
use crate::validate::{self, Checks};

const DAY_MS: i64 = 86_400_000;
pub const MAX_SAVED_SEARCHES: usize = 50;

pub(crate) fn visibility_of_org(org: &Org) -> ArticleVisibility {
    match org.level {
        OrgLevel::Centre => ArticleVisibility::All,
        _ => ArticleVisibility::Scoped {
            regions: vec![org.code.clone()],
            org_ids: vec![org.id],
        },
    }
}

impl Core {
    pub async fn save_search(
        &self,
        actor: &Actor,
        name: &str,
        query: &str,
        notify: bool,
    ) -> CoreResult<SavedSearch> {
        actor.require(Permission::MonitorView)?;
        let user_id = actor.user_id.ok_or(CoreError::Forbidden)?;
        let mut checks = Checks::default();
        let name = validate::required_text(&mut checks, "name", "Nama pencarian", name, 100);
        let query = validate::required_text(&mut checks, "query", "Kueri", query, 500);
        checks.into_result()?;
        let q = query.clone();
        self.on_index(move |i| i.check_query(&q))
            .await
            .map_err(|e| match e {
                CoreError::Validation(mut v) => {
                    for f in &mut v {
                        f.field = "query".into();
                    }
                    CoreError::Validation(v)
                }
                other => other,
            })?;
        if self.store.saved_searches_of(user_id).await?.len() >= MAX_SAVED_SEARCHES {
            return Err(CoreError::field(
                "name",
                "too_many",
                format!("Paling banyak {MAX_SAVED_SEARCHES} pencarian tersimpan per pengguna."),
            ));
        }
        let saved = self
            .store
            .insert_saved_search(actor.org.id, user_id, &name, &query, notify, now_millis())
            .await?;
        self.saved_search_epoch
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(saved)
    }

    /// Changes whenever a saved search is added or removed through this process.
    pub fn saved_search_epoch(&self) -> u64 {
        self.saved_search_epoch
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    pub async fn my_saved_searches(&self, actor: &Actor) -> CoreResult<Vec<SavedSearch>> {
        actor.require(Permission::MonitorView)?;
        let Some(user_id) = actor.user_id else {
            return Ok(vec![]);
        };
        Ok(self.store.saved_searches_of(user_id).await?)
    }

    /// Only its owner deletes a saved search; anyone else gets "not found".
    pub async fn delete_saved_search(&self, actor: &Actor, id: i64) -> CoreResult<()> {
        actor.require(Permission::MonitorView)?;
        let s = self
            .store
            .saved_search_by_id(id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if Some(s.user_id) != actor.user_id {
            return Err(CoreError::NotFound);
        }
        self.store.delete_saved_search(id).await?;
        self.saved_search_epoch
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// Saved searches of every user (the pipeline matches new articles against them).
    pub async fn all_saved_searches(&self) -> CoreResult<Vec<SavedSearch>> {
        Ok(self.store.all_saved_searches().await?)
    }

    /// Records that new articles matched a saved search and tells its owner (in-app, and by
    /// e-mail/webhook per their settings). Articles outside the owner's visibility are dropped
    /// here, whatever the caller matched. Returns how many were new matches.
    pub async fn deliver_search_matches(
        &self,
        search: &SavedSearch,
        articles: &[Article],
    ) -> CoreResult<usize> {
        let Some(org) = self.store.org_by_id(search.org_id).await? else {
            return Ok(0);
        };
        let vis = visibility_of_org(&org);
        let ids: Vec<i64> = articles
            .iter()
            .filter(|a| article_visible(&vis, a))
            .map(|a| a.id)
            .collect();
        if ids.is_empty() {
            return Ok(0);
        }
        let new = self
            .store
            .record_matches(search.id, &ids, now_millis())
            .await?;
        if new.is_empty() || !search.notify {
            return Ok(new.len());
        }
        let first = articles
            .iter()
            .find(|a| a.id == new[0])
            .map(|a| a.title.clone())
            .unwrap_or_default();
        let body = if new.len() == 1 {
            first
        } else {
            format!("{first} dan {} berita lain", new.len() - 1)
        };
        let n = NewNotification {
            kind: "monitor.search_match".into(),
            title: format!("{} berita baru: {}", new.len(), search.name),
            body,
            link: format!("/pantau/cari?q={}&urut=terbaru", url_encode(&search.query)),
        };
        self.notify_user(search.user_id, &n).await?;
        Ok(new.len())
    }

    pub async fn alerts(&self, actor: &Actor, page: PageReq) -> CoreResult<Page<Alert>> {
        actor.require(Permission::MonitorView)?;
        let all = actor.org.level == OrgLevel::Centre;
        Ok(self.store.list_alerts(&[actor.org.id], all, page).await?)
    }

    /// The early-warning scan (periodic job): saved searches, regions and issues whose last
    /// window is far above their usual volume. Each subject alerts at most once a day.
    /// Returns the alerts raised.
    pub async fn scan_spikes(&self, now: Millis) -> CoreResult<Vec<Alert>> {
        let rule = self.cfg.monitor.spike.clone();
        let window = rule.window_hours.max(1) * 3_600_000;
        let n = rule.baseline_windows.max(1) + 1;
        let day = now / DAY_MS;
        let mut raised = Vec::new();

        // Saved searches, through the index (each runs the owner's visibility).
        if self.index.is_some() {
            for s in self.store.all_saved_searches().await? {
                if !s.notify {
                    continue;
                }
                let Some(org) = self.store.org_by_id(s.org_id).await? else {
                    continue;
                };
                let vis = visibility_of_org(&org);
                let query = s.query.clone();
                let counts = self
                    .on_index(move |i| {
                        let mut out = Vec::with_capacity(n);
                        for w in 0..n as i64 {
                            let mut q = IndexQuery::new(&query, vis.clone());
                            // The index's upper bound is exclusive: +1 keeps `now` itself in.
                            q.to_ms = Some(now - w * window + 1);
                            q.from_ms = Some(now - (w + 1) * window + 1);
                            let total = i.count(&q)? as u64;
                            let neg = if w == 0 {
                                q.q = format!("({query}) AND tone:negative");
                                i.count(&q)? as u64
                            } else {
                                0
                            };
                            out.push((total, neg));
                        }
                        Ok(out)
                    })
                    .await;
                let Ok(counts) = counts else {
                    continue; // A saved query that no longer parses is skipped, not fatal.
                };
                if let Some(a) = self
                    .raise_if_spike(
                        &rule,
                        &counts,
                        SpikeSubject {
                            org_id: s.org_id,
                            kind: "saved_search",
                            subject: format!("search:{}", s.id),
                            label: s.name.clone(),
                            link: format!("/pantau/cari?q={}&urut=terbaru", url_encode(&s.query)),
                            day,
                            notify_user: Some(s.user_id),
                        },
                        now,
                    )
                    .await?
                {
                    raised.push(a);
                }
            }
        }

        // Regions: each organisation with users watches its own region code.
        let by_region = self.store.window_counts("region", now, window, n).await?;
        let by_region: std::collections::HashMap<String, Vec<(u64, u64)>> =
            by_region.into_iter().collect();
        for org in self.store.orgs_with_users().await? {
            if org.level == OrgLevel::Centre {
                continue;
            }
            let Some(counts) = by_region.get(&org.code) else {
                continue;
            };
            if let Some(a) = self
                .raise_if_spike(
                    &rule,
                    counts,
                    SpikeSubject {
                        org_id: org.id,
                        kind: "region",
                        subject: format!("region:{}", org.code),
                        label: org.display_name(),
                        link: format!("/pantau/cari?q=region%3A{}&urut=terbaru", org.code),
                        day,
                        notify_user: None,
                    },
                    now,
                )
                .await?
            {
                raised.push(a);
            }
        }

        // Issues: the centre watches every story cluster.
        let centre = self
            .store
            .org_by_code(crate::network::org::CENTRE_CODE)
            .await?;
        if let Some(centre) = centre {
            let by_issue = self.store.window_counts("issue", now, window, n).await?;
            let ids: Vec<i64> = by_issue
                .iter()
                .filter_map(|(k, _)| k.parse().ok())
                .collect();
            let issues: std::collections::HashMap<i64, Issue> = self
                .store
                .issues_by_ids(&ids)
                .await?
                .into_iter()
                .map(|i| (i.id, i))
                .collect();
            for (key, counts) in by_issue {
                let Some(issue) = key.parse::<i64>().ok().and_then(|id| issues.get(&id)) else {
                    continue;
                };
                if let Some(a) = self
                    .raise_if_spike(
                        &rule,
                        &counts,
                        SpikeSubject {
                            org_id: centre.id,
                            kind: "issue",
                            subject: format!("issue:{}", issue.id),
                            label: issue.label.clone(),
                            link: format!("/pantau/isu/{}", issue.id),
                            day,
                            notify_user: None,
                        },
                        now,
                    )
                    .await?
                {
                    raised.push(a);
                }
            }
        }
        Ok(raised)
    }

    async fn raise_if_spike(
        &self,
        rule: &super::super::spike::SpikeRule,
        counts: &[(u64, u64)],
        s: SpikeSubject,
        now: Millis,
    ) -> CoreResult<Option<Alert>> {
        let Some(&(current, negative)) = counts.first() else {
            return Ok(None);
        };
        let baseline: Vec<u64> = counts.iter().skip(1).map(|c| c.0).collect();
        let Some(v) = rule.evaluate(current, negative, &baseline) else {
            return Ok(None);
        };
        let neg_pct = (v.negative * 100).checked_div(v.count).unwrap_or(0);
        let message = format!(
            "Lonjakan pemberitaan \"{}\": {} berita dalam {} jam terakhir (rata-rata {} per {} jam selama {} hari sebelumnya){}.",
            s.label,
            v.count,
            rule.window_hours,
            // Indonesian decimal comma: "4,1".
            format!("{:.1}", v.mean).replace('.', ","),
            rule.window_hours,
            baseline.len(),
            if v.negative_flag {
                format!("; {neg_pct}% bernada negatif")
            } else {
                String::new()
            }
        );
        let new = NewAlert {
            org_id: s.org_id,
            kind: if v.negative_flag {
                format!("{}_negative", s.kind)
            } else {
                s.kind.to_owned()
            },
            subject: s.subject.clone(),
            subject_label: s.label.clone(),
            window_count: i64::try_from(v.count).unwrap_or(i64::MAX),
            baseline_mean: v.mean,
            baseline_sd: v.sd,
            negative_count: i64::try_from(v.negative).unwrap_or(i64::MAX),
            message: message.clone(),
            created_at: now,
            dedupe_key: format!("{}:{}", s.subject, s.day),
        };
        let Some(mut alert) = self.store.insert_alert(&new).await? else {
            return Ok(None);
        };
        let n = NewNotification {
            kind: "monitor.spike".into(),
            title: if v.negative_flag {
                format!("Peringatan dini (negatif): {}", s.label)
            } else {
                format!("Peringatan dini: {}", s.label)
            },
            body: message,
            link: s.link.clone(),
        };
        let notified = match s.notify_user {
            Some(uid) => {
                self.notify_user(uid, &n).await?;
                let who = self
                    .store
                    .user_by_id(uid)
                    .await?
                    .map(|u| u.email)
                    .unwrap_or_default();
                format!("pemilik pencarian: {who}")
            }
            None => {
                let count = self.notify_org(s.org_id, &n).await?;
                let emails = self.store.email_recipients(s.org_id).await?;
                let mut who = format!("{count} pengguna unit (aplikasi)");
                if self.cfg.channels.email && !emails.is_empty() {
                    who.push_str(&format!("; surel: {}", emails.join(", ")));
                }
                if self.cfg.channels.webhooks > 0 {
                    who.push_str(&format!("; {} webhook", self.cfg.channels.webhooks));
                }
                who
            }
        };
        self.store.set_alert_notified(alert.id, &notified).await?;
        alert.notified = notified;
        Ok(Some(alert))
    }
}

struct SpikeSubject {
    org_id: i64,
    kind: &'static str,
    subject: String,
    label: String,
    link: String,
    day: i64,
    notify_user: Option<i64>,
}

pub(crate) fn article_visible(vis: &ArticleVisibility, a: &Article) -> bool {
    match vis {
        ArticleVisibility::All => true,
        ArticleVisibility::Scoped { regions, org_ids } => {
            a.source_org_id.is_some_and(|o| org_ids.contains(&o))
                || a.region_codes.iter().any(|c| {
                    regions.iter().any(|r| {
                        c == r
                            || c.strip_prefix(r.as_str())
                                .is_some_and(|t| t.starts_with('.'))
                    })
                })
        }
    }
}

/// Percent-encodes a query-string value.
pub(crate) fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl Core {
    /// Source health (hourly): a source that used to produce (at least one article a day on
    /// average over 14 days) but produced under a fifth of its usual day is marked `quiet` and
    /// its organisation is alerted once a day; recovering sources go back to `ok`.
    pub async fn check_source_health(&self, now: Millis) -> CoreResult<usize> {
        let mut alerted = 0;
        for v in self.store.source_volumes(now).await? {
            let usual = v.previous_14_days as f64 / 14.0;
            let quiet = usual >= 1.0 && (v.last_day as f64) < usual * 0.2;
            if v.health == "failing" {
                continue; // Failing fetches already show on the source page.
            }
            if !quiet {
                if v.health == "quiet" {
                    self.store.set_source_health(v.source_id, "ok").await?;
                }
                continue;
            }
            self.store.set_source_health(v.source_id, "quiet").await?;
            let Some(src) = self.store.source_by_id(v.source_id).await? else {
                continue;
            };
            let message = format!(
                "Sumber \"{}\" ({}) hanya menghasilkan {} berita dalam 24 jam terakhir, padahal biasanya {} per hari. Periksa alamat feed atau situsnya.",
                src.name,
                src.outlet,
                v.last_day,
                format!("{usual:.1}").replace('.', ",")
            );
            let new = NewAlert {
                org_id: src.org_id,
                kind: "source_quiet".into(),
                subject: format!("source:{}", src.id),
                subject_label: src.name.clone(),
                window_count: v.last_day,
                baseline_mean: usual,
                baseline_sd: 0.0,
                negative_count: 0,
                message: message.clone(),
                created_at: now,
                dedupe_key: format!("source:{}:{}", src.id, now / DAY_MS),
            };
            if let Some(alert) = self.store.insert_alert(&new).await? {
                let n = NewNotification {
                    kind: "monitor.source_quiet".into(),
                    title: format!("Sumber berita melemah: {}", src.name),
                    body: message,
                    link: format!("/pantau/sumber/{}", src.id),
                };
                let count = self.notify_org(src.org_id, &n).await?;
                self.store
                    .set_alert_notified(alert.id, &format!("{count} pengguna unit (aplikasi)"))
                    .await?;
                alerted += 1;
            }
        }
        Ok(alerted)
    }

    /// Announces yesterday's clipping to every organisation whose local time is the configured
    /// clipping hour (the hourly job runs once per hour, so once a day per organisation).
    /// Returns how many organisations were notified.
    pub async fn send_daily_clippings(&self, now: Millis) -> CoreResult<usize> {
        let hour = self.cfg.monitor.clipping_hour;
        let mut sent = 0;
        for org in self.store.orgs_with_users().await? {
            let zone = org.zone();
            let local_ms = now + i64::from(zone.offset_hours()) * 3_600_000;
            let local_hour = u32::try_from(local_ms.rem_euclid(DAY_MS) / 3_600_000).unwrap_or(0);
            if local_hour != hour {
                continue;
            }
            let yesterday = now - DAY_MS;
            let actor = Actor {
                user_id: None,
                email: "kliping".into(),
                name: "Kliping harian".into(),
                role: crate::network::Role::Viewer,
                org: org.clone(),
                ip: None,
            };
            let data = self.clipping(&actor, yesterday).await?;
            let date = crate::time::format_date(data.day_start, zone);
            let neg = data
                .tones
                .iter()
                .find(|(t, _)| t == "negative")
                .map(|(_, n)| *n)
                .unwrap_or(0);
            let n = NewNotification {
                kind: "monitor.clipping".into(),
                title: format!("Kliping harian {date}: {} berita", data.total),
                body: format!(
                    "{} berita tentang wilayah Anda pada {date}, {neg} bernada negatif, dalam {} isu. Unduh PDF atau buka versi web.",
                    data.total,
                    data.groups.len()
                ),
                link: format!(
                    "/pantau/kliping?tanggal={}",
                    crate::time::iso_date(data.day_start, zone)
                ),
            };
            self.notify_org(org.id, &n).await?;
            sent += 1;
        }
        Ok(sent)
    }
}
