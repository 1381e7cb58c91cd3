//! The fetcher: one shared reqwest client plus per-origin politeness state.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use ipnet::IpNet;
use reqwest::header::{self, HeaderMap};
use reqwest::{StatusCode, redirect};
use tokio::sync::Semaphore;
use url::Url;

use super::config::FetchConfig;
use super::error::{FetchError, ForbidReason};
use super::guard::{Blocked, GuardedResolver, check_parsed, check_url};
use super::robots::{self, RobotsRules};

/// Longest we sleep for a host's turn inside `get`; beyond this (after a long Retry-After)
/// the caller gets `Throttled` and its job queue reschedules, instead of a worker sleeping.
const MAX_TURN_WAIT: Duration = Duration::from_secs(60);
/// Upper bound for a server's Retry-After, so a bogus value cannot park a host for days.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(6 * 3600);

/// One GET, optionally conditional.
#[derive(Debug, Clone, Default)]
pub struct FetchRequest {
    pub url: String,
    /// Sent as `If-None-Match`.
    pub etag: Option<String>,
    /// Sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

impl FetchRequest {
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            ..Self::default()
        }
    }
}

/// Result of a successful request.
#[derive(Debug, Clone)]
pub enum FetchOutcome {
    Fetched {
        /// After redirects.
        final_url: String,
        status: u16,
        /// Decompressed when the server sent gzip.
        body: Vec<u8>,
        content_type: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
        /// From sending the request to the last body byte (pacing waits excluded).
        elapsed: Duration,
    },
    /// 304 after a conditional GET: the stored copy is still current.
    NotModified,
}

struct Pace {
    next_allowed: Instant,
    crawl_delay: Duration,
}

struct RobotsEntry {
    rules: RobotsRules,
    expires: Instant,
}

/// Politeness state of one origin (scheme, host, port: the unit robots.txt applies to).
struct HostState {
    permits: Semaphore,
    pace: Mutex<Pace>,
    // Async mutex: concurrent first requests wait for one robots.txt download.
    robots: tokio::sync::Mutex<Option<RobotsEntry>>,
}

impl HostState {
    fn pace(&self) -> MutexGuard<'_, Pace> {
        // A poisoned lock only means another task panicked mid-update of two plain fields.
        self.pace.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reserves the next start slot of this host and sleeps until it.
    async fn wait_turn(&self, min_interval: Duration) -> Result<(), FetchError> {
        let start = {
            let mut p = self.pace();
            let now = Instant::now();
            let start = p.next_allowed.max(now);
            let wait = start - now;
            if wait > MAX_TURN_WAIT {
                return Err(FetchError::Throttled {
                    retry_after: Some(wait),
                });
            }
            p.next_allowed = start + min_interval.max(p.crawl_delay);
            start
        };
        tokio::time::sleep_until(start.into()).await;
        Ok(())
    }

    fn push_back(&self, by: Duration) {
        let mut p = self.pace();
        let until = Instant::now() + by.min(MAX_RETRY_AFTER);
        p.next_allowed = p.next_allowed.max(until);
    }
}

/// Polite, SSRF-safe HTTP client for news sources. Cheap to clone (shared state).
#[derive(Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

struct Inner {
    cfg: FetchConfig,
    client: reqwest::Client,
    hosts: Mutex<HashMap<String, Arc<HostState>>>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("cfg", &self.inner.cfg)
            .finish_non_exhaustive()
    }
}

/// Marker error of the redirect policy when the chain is too long.
#[derive(Debug)]
struct RedirectLimit;

impl std::fmt::Display for RedirectLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too many redirects")
    }
}

impl StdError for RedirectLimit {}

fn redirect_policy(allow: Arc<Vec<IpNet>>, max: usize) -> redirect::Policy {
    redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > max {
            return attempt.error(RedirectLimit);
        }
        // Names are checked again by the resolver at connect time; literals only here.
        match check_parsed(attempt.url(), &allow) {
            Ok(()) => attempt.follow(),
            Err(FetchError::Forbidden { url, reason }) => attempt.error(Blocked {
                target: url,
                reason,
            }),
            Err(_) => {
                let target = attempt.url().to_string();
                attempt.error(Blocked {
                    target,
                    reason: ForbidReason::NoHost,
                })
            }
        }
    })
}

impl Fetcher {
    pub fn new(cfg: FetchConfig) -> Result<Self, FetchError> {
        // Bounds keep Instant arithmetic and the semaphore from panicking on odd config values.
        if !(1..=1024).contains(&cfg.per_host_concurrency) {
            return Err(FetchError::Config(
                "per_host_concurrency harus 1 sampai 1024".into(),
            ));
        }
        if cfg.min_interval > Duration::from_secs(24 * 3600) {
            return Err(FetchError::Config("min_interval paling lama 24 jam".into()));
        }
        if cfg.timeout.is_zero() || cfg.timeout > Duration::from_secs(3600) {
            return Err(FetchError::Config(
                "timeout harus antara 1 ms dan 1 jam".into(),
            ));
        }
        let allow = Arc::new(cfg.allow_private.clone());
        let client = reqwest::Client::builder()
            .user_agent(cfg.user_agent.clone())
            // A proxy would resolve names itself and bypass the guard.
            .no_proxy()
            .dns_resolver(GuardedResolver {
                allow: Arc::clone(&allow),
            })
            .redirect(redirect_policy(allow, cfg.max_redirects))
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout.min(Duration::from_secs(10)))
            .build()
            .map_err(|e| FetchError::Config(e.to_string()))?;
        Ok(Self {
            inner: Arc::new(Inner {
                cfg,
                client,
                hosts: Mutex::new(HashMap::new()),
            }),
        })
    }

    pub fn config(&self) -> &FetchConfig {
        &self.inner.cfg
    }

    fn host(&self, url: &Url) -> Arc<HostState> {
        let key = url.origin().ascii_serialization();
        let mut hosts = self.inner.hosts.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(hosts.entry(key).or_insert_with(|| {
            Arc::new(HostState {
                permits: Semaphore::new(self.inner.cfg.per_host_concurrency),
                pace: Mutex::new(Pace {
                    next_allowed: Instant::now(),
                    crawl_delay: Duration::ZERO,
                }),
                robots: tokio::sync::Mutex::new(None),
            })
        }))
    }

    /// Fetches one URL (see the module docs for the rules applied).
    pub async fn get(&self, req: &FetchRequest) -> Result<FetchOutcome, FetchError> {
        let cfg = &self.inner.cfg;
        let url = check_url(&req.url, cfg)?;
        let host = self.host(&url);
        if cfg.respect_robots {
            self.check_robots(&url, &host).await?;
        }
        let _permit = host
            .permits
            .acquire()
            .await
            .map_err(|_| FetchError::Config("semaphore ditutup".into()))?;
        host.wait_turn(cfg.min_interval).await?;

        let started = Instant::now();
        let mut rb = self.inner.client.get(url.clone());
        if let Some(etag) = &req.etag {
            rb = rb.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(lm) = &req.last_modified {
            rb = rb.header(header::IF_MODIFIED_SINCE, lm);
        }
        let work = async {
            let resp = rb.send().await.map_err(|e| map_reqwest(&e, url.as_str()))?;
            let status = resp.status();
            let final_url = resp.url().clone();
            if status == StatusCode::NOT_MODIFIED {
                return Ok(FetchOutcome::NotModified);
            }
            if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
                let retry_after = parse_retry_after(resp.headers(), SystemTime::now());
                if let Some(ra) = retry_after {
                    self.host(&final_url).push_back(ra);
                }
                return Err(if status == StatusCode::TOO_MANY_REQUESTS {
                    FetchError::Throttled { retry_after }
                } else {
                    FetchError::Server(status.as_u16())
                });
            }
            if !status.is_success() {
                return Err(FetchError::Status(status.as_u16()));
            }
            let h = resp.headers();
            let text = |name| h.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let content_type = text(header::CONTENT_TYPE);
            let etag = text(header::ETAG);
            let last_modified = text(header::LAST_MODIFIED);
            let body = read_limited(resp, cfg.max_body_bytes, false, url.as_str()).await?;
            Ok(FetchOutcome::Fetched {
                final_url: final_url.to_string(),
                status: status.as_u16(),
                body,
                content_type,
                etag,
                last_modified,
                elapsed: started.elapsed(),
            })
        };
        // reqwest's own timeout covers most of it; this one also bounds our body loop.
        tokio::time::timeout(cfg.timeout, work)
            .await
            .map_err(|_| FetchError::Timeout)?
    }

    async fn check_robots(&self, url: &Url, host: &HostState) -> Result<(), FetchError> {
        let mut entry = host.robots.lock().await;
        let fresh = entry.as_ref().is_some_and(|e| e.expires > Instant::now());
        if !fresh {
            let rules = self.fetch_robots(url, host).await?;
            let ttl = match rules {
                RobotsRules::Unavailable => robots::UNAVAILABLE_TTL,
                _ => robots::RULES_TTL,
            };
            host.pace().crawl_delay = rules.crawl_delay().unwrap_or(Duration::ZERO);
            *entry = Some(RobotsEntry {
                rules,
                expires: Instant::now() + ttl,
            });
        }
        match entry.as_ref().map(|e| &e.rules) {
            Some(RobotsRules::Rules(r)) if !r.allowed(url.as_str()) => {
                Err(FetchError::RobotsDisallowed(url.to_string()))
            }
            Some(RobotsRules::Unavailable) => Err(FetchError::RobotsUnavailable(
                url.origin().ascii_serialization(),
            )),
            _ => Ok(()),
        }
    }

    /// Downloads and parses robots.txt. Only an SSRF refusal is an error (the page would be
    /// refused too); every other failure becomes rules per RFC 9309.
    async fn fetch_robots(&self, url: &Url, host: &HostState) -> Result<RobotsRules, FetchError> {
        let cfg = &self.inner.cfg;
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        let Ok(_permit) = host.permits.acquire().await else {
            return Ok(RobotsRules::Unavailable);
        };
        // robots.txt is a request to the host like any other: it takes a turn too.
        host.wait_turn(cfg.min_interval).await?;
        let work = async {
            let resp = match self.inner.client.get(robots_url.clone()).send().await {
                Ok(r) => r,
                Err(e) => match map_reqwest(&e, robots_url.as_str()) {
                    forbidden @ FetchError::Forbidden { .. } => return Err(forbidden),
                    _ => return Ok(None),
                },
            };
            let status = resp.status();
            if status.is_success() {
                match read_limited(resp, robots::MAX_ROBOTS_BYTES, true, robots_url.as_str()).await
                {
                    Ok(body) => Ok(Some(robots::parse(&cfg.user_agent, &body))),
                    Err(_) => Ok(None),
                }
            } else if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
                Ok(None)
            } else {
                // 3xx left after redirects, 4xx: "unavailable" in RFC 9309, crawl freely.
                Ok(Some(RobotsRules::AllowAll))
            }
        };
        let rules = match tokio::time::timeout(cfg.timeout, work).await {
            Ok(r) => r?,
            Err(_) => None,
        };
        if rules.is_none() {
            tracing::info!(robots = %robots_url, "robots.txt unreachable; origin paused");
        }
        Ok(rules.unwrap_or(RobotsRules::Unavailable))
    }
}

/// Streams the body, stopping as soon as it passes `limit` (error, or truncation if asked).
async fn read_limited(
    mut resp: reqwest::Response,
    limit: usize,
    truncate: bool,
    url: &str,
) -> Result<Vec<u8>, FetchError> {
    if !truncate && resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(FetchError::TooLarge { limit });
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| map_reqwest(&e, url))? {
        if body.len() + chunk.len() > limit {
            if truncate {
                let room = limit - body.len();
                body.extend_from_slice(&chunk[..room]);
                return Ok(body);
            }
            return Err(FetchError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Maps a reqwest error, recovering the guard's verdict from deep in the error chain.
fn map_reqwest(e: &reqwest::Error, url: &str) -> FetchError {
    let mut src: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(s) = src {
        if let Some(b) = s.downcast_ref::<Blocked>() {
            return FetchError::Forbidden {
                url: e.url().map_or_else(|| b.target.clone(), |u| u.to_string()),
                reason: b.reason.clone(),
            };
        }
        if s.downcast_ref::<RedirectLimit>().is_some() {
            return FetchError::TooManyRedirects;
        }
        src = s.source();
    }
    if e.is_timeout() {
        return FetchError::Timeout;
    }
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    tracing::debug!(%url, error = %msg, "fetch failed");
    FetchError::Network(msg)
}

/// `Retry-After` as delta-seconds or HTTP-date (RFC 9110 §10.2.3).
pub(crate) fn parse_retry_after(h: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let v = h.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn retry_after_seconds_and_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut h = HeaderMap::new();
        h.insert(header::RETRY_AFTER, "120".parse().unwrap());
        assert_eq!(parse_retry_after(&h, now), Some(Duration::from_secs(120)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        h.insert(header::RETRY_AFTER, later.parse().unwrap());
        assert_eq!(parse_retry_after(&h, now), Some(Duration::from_secs(90)));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(90));
        h.insert(header::RETRY_AFTER, past.parse().unwrap());
        assert_eq!(parse_retry_after(&h, now), Some(Duration::ZERO));
        h.insert(header::RETRY_AFTER, "besok".parse().unwrap());
        assert_eq!(parse_retry_after(&h, now), None);
    }
}
