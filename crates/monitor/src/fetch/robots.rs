//! robots.txt rules of one origin, as cached by the fetcher.

use std::time::Duration;

use texting_robots::Robot;

/// Longest Crawl-delay honoured; a site asking for more still gets one request a minute,
/// which keeps a daily news poll possible.
pub(crate) const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);
/// How long good (or absent) rules are trusted.
pub(crate) const RULES_TTL: Duration = Duration::from_secs(3600);
/// How long an unreachable robots.txt blocks the origin before we ask again.
pub(crate) const UNAVAILABLE_TTL: Duration = Duration::from_secs(300);
/// RFC 9309 asks parsers to read at least 500 KiB; the rest is ignored.
pub(crate) const MAX_ROBOTS_BYTES: usize = 512 * 1024;

pub(crate) enum RobotsRules {
    /// 2xx with rules.
    Rules(Box<Robot>),
    /// 4xx (RFC 9309 §2.3.1.3: "unavailable", crawl freely) or an unparsable file.
    AllowAll,
    /// 5xx, 429, network error or timeout: treated as a complete, temporary disallow.
    Unavailable,
}

impl RobotsRules {
    pub(crate) fn crawl_delay(&self) -> Option<Duration> {
        match self {
            Self::Rules(r) => r
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f32(d).min(MAX_CRAWL_DELAY)),
            _ => None,
        }
    }
}

/// The product token of a user agent ("SinergiBot/0.1 (...)" -> "SinergiBot"), which is what
/// robots.txt groups name.
pub(crate) fn product_token(user_agent: &str) -> &str {
    user_agent
        .split(|c: char| c == '/' || c.is_whitespace())
        .next()
        .unwrap_or(user_agent)
}

pub(crate) fn parse(user_agent: &str, body: &[u8]) -> RobotsRules {
    match Robot::new(product_token(user_agent), body) {
        Ok(r) => RobotsRules::Rules(Box::new(r)),
        Err(e) => {
            tracing::warn!(error = %e, "unparsable robots.txt, treated as allow-all");
            RobotsRules::AllowAll
        }
    }
}
