//! Fetcher settings; deserialisable so they can live in the config file.

use std::time::Duration;

use ipnet::IpNet;
use serde::{Deserialize, Deserializer};

/// Settings of the [`Fetcher`](super::Fetcher).
///
/// Durations in the config file may be a number of seconds (`5`, `0.3`) or a string with a
/// unit (`"300ms"`, `"5s"`, `"2m"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct FetchConfig {
    pub user_agent: String,
    /// At most this many requests in flight to one host.
    pub per_host_concurrency: usize,
    /// Minimum gap between the starts of two requests to one host.
    #[serde(deserialize_with = "de_duration")]
    pub min_interval: Duration,
    /// Total time for one request, body included.
    #[serde(deserialize_with = "de_duration")]
    pub timeout: Duration,
    /// Larger (decompressed) bodies are aborted while streaming.
    pub max_body_bytes: usize,
    pub max_redirects: usize,
    /// Operator-configured exceptions to the SSRF guard, e.g. an intranet news portal.
    pub allow_private: Vec<IpNet>,
    pub respect_robots: bool,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self {
            user_agent: "SinergiBot/0.1 (+https://sinergi.go.id/bot)".to_owned(),
            per_host_concurrency: 2,
            min_interval: Duration::from_secs(5),
            timeout: Duration::from_secs(20),
            max_body_bytes: 8 * 1024 * 1024,
            max_redirects: 5,
            allow_private: Vec::new(),
            respect_robots: true,
        }
    }
}

fn de_duration<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Secs(f64),
        Text(String),
    }
    let secs = match Raw::deserialize(d)? {
        Raw::Secs(s) => s,
        Raw::Text(t) => parse_duration_text(&t).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "durasi tidak valid: \"{t}\" (contoh: 300ms, 5s, 2m)"
            ))
        })?,
    };
    Duration::try_from_secs_f64(secs)
        .map_err(|_| serde::de::Error::custom(format!("durasi tidak valid: {secs}")))
}

fn parse_duration_text(t: &str) -> Option<f64> {
    let t = t.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().ok()?;
    let factor = match unit.trim() {
        "" | "s" => 1.0,
        "ms" => 0.001,
        "m" => 60.0,
        "h" => 3600.0,
        _ => return None,
    };
    Some(n * factor)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn durations_in_several_forms() {
        assert_eq!(parse_duration_text("300ms"), Some(0.3));
        assert_eq!(parse_duration_text("5s"), Some(5.0));
        assert_eq!(parse_duration_text("2m"), Some(120.0));
        assert_eq!(parse_duration_text("5 kali"), None);
    }

    #[test]
    fn deserialises_from_json_with_defaults() {
        let cfg: FetchConfig = serde_json::from_str(
            r#"{"min_interval": "300ms", "timeout": 3, "allow_private": ["127.0.0.1/32"]}"#,
        )
        .unwrap();
        assert_eq!(cfg.min_interval, Duration::from_millis(300));
        assert_eq!(cfg.timeout, Duration::from_secs(3));
        assert_eq!(cfg.allow_private.len(), 1);
        assert_eq!(cfg.per_host_concurrency, 2);
        assert!(cfg.respect_robots);
    }
}
