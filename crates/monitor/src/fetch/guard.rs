//! SSRF guard: which URLs and addresses the fetcher may reach.
//!
//! Source URLs are typed by users, so a URL must never make the server talk to itself, the
//! office LAN or a cloud metadata endpoint. Three checks close the doors:
//! 1. [`check_url`] before the request (scheme, credentials, IP-literal hosts; reqwest does not
//!    call the resolver for IP literals),
//! 2. [`GuardedResolver`] inside reqwest, so the connection uses exactly the addresses that were
//!    checked (no DNS-rebinding window between check and connect),
//! 3. the redirect policy, which runs (1) on every hop.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use ipnet::IpNet;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

use super::config::FetchConfig;
use super::error::{FetchError, ForbidReason};

/// Classifies an address: `Some(range name)` when it is not a public unicast address.
pub fn non_public_range(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => v4_range(v4),
        IpAddr::V6(v6) => v6_range(v6),
    }
}

fn v4_range(ip: Ipv4Addr) -> Option<&'static str> {
    let o = ip.octets();
    let r = match o {
        [0, ..] => "0.0.0.0/8 (unspecified)",
        [10, ..] => "10.0.0.0/8 (privat)",
        [100, b, ..] if (64..128).contains(&b) => "100.64.0.0/10 (CGNAT)",
        [127, ..] => "127.0.0.0/8 (loopback)",
        [169, 254, ..] => "169.254.0.0/16 (link-local/metadata)",
        [172, b, ..] if (16..32).contains(&b) => "172.16.0.0/12 (privat)",
        [192, 0, 0, _] => "192.0.0.0/24 (IETF)",
        [192, 0, 2, _] => "192.0.2.0/24 (dokumentasi)",
        [192, 88, 99, _] => "192.88.99.0/24 (relay 6to4)",
        [192, 168, ..] => "192.168.0.0/16 (privat)",
        [198, b, ..] if b == 18 || b == 19 => "198.18.0.0/15 (benchmark)",
        [198, 51, 100, _] => "198.51.100.0/24 (dokumentasi)",
        [203, 0, 113, _] => "203.0.113.0/24 (dokumentasi)",
        [255, 255, 255, 255] => "255.255.255.255 (broadcast)",
        [a, ..] if (224..240).contains(&a) => "224.0.0.0/4 (multicast)",
        [a, ..] if a >= 240 => "240.0.0.0/4 (cadangan)",
        _ => return None,
    };
    Some(r)
}

fn v6_range(ip: Ipv6Addr) -> Option<&'static str> {
    // Forms that embed an IPv4 address are judged by that address.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return v4_range(v4);
    }
    let s = ip.segments();
    if ip.is_unspecified() {
        return Some(":: (unspecified)");
    }
    if ip.is_loopback() {
        return Some("::1 (loopback)");
    }
    match s[0] {
        // IPv4-compatible (deprecated) ::a.b.c.d
        0 if s[1..6] == [0, 0, 0, 0, 0] => Some("::/96 (IPv4-compatible)"),
        0x0064 if s[1] == 0xff9b => {
            // NAT64 64:ff9b::/96 reaches the embedded IPv4 address.
            let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
            v4_range(v4)
        }
        0x0100 if s[1..4] == [0, 0, 0] => Some("100::/64 (discard)"),
        0x2001 if s[1] == 0x0db8 => Some("2001:db8::/32 (dokumentasi)"),
        0x2002 => {
            // 6to4 embeds the IPv4 address in bits 16..48.
            let v4 = Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8);
            v4_range(v4)
        }
        x if x & 0xfe00 == 0xfc00 => Some("fc00::/7 (ULA)"),
        x if x & 0xffc0 == 0xfe80 => Some("fe80::/10 (link-local)"),
        x if x & 0xffc0 == 0xfec0 => Some("fec0::/10 (site-local)"),
        x if x & 0xff00 == 0xff00 => Some("ff00::/8 (multicast)"),
        _ => None,
    }
}

/// Checks one address against the public ranges and the operator's exceptions.
pub fn check_ip(ip: IpAddr, allow_private: &[IpNet]) -> Result<(), ForbidReason> {
    // ::ffff:a.b.c.d is the IPv4 address for both the range test and the allow list.
    let ip = ip.to_canonical();
    match non_public_range(ip) {
        None => Ok(()),
        Some(_) if allow_private.iter().any(|n| n.contains(&ip)) => Ok(()),
        Some(range) => Err(ForbidReason::Address { ip, range }),
    }
}

fn forbidden(url: &str, reason: ForbidReason) -> FetchError {
    FetchError::Forbidden {
        url: url.to_owned(),
        reason,
    }
}

/// Validates a source URL without network: scheme, credentials and IP-literal hosts.
///
/// Host names are accepted here (except `localhost`); use [`check_url_resolved`] to also check
/// where a name points. `http://2130706433/` and similar are normalised to their IPv4 form by
/// the URL parser, so they are checked as the literal they are.
pub fn check_url(input: &str, cfg: &FetchConfig) -> Result<Url, FetchError> {
    let url =
        Url::parse(input.trim()).map_err(|e| FetchError::InvalidUrl(format!("{input}: {e}")))?;
    check_parsed(&url, &cfg.allow_private)?;
    Ok(url)
}

/// Same checks as [`check_url`] on an already parsed URL (used for every redirect hop).
pub(crate) fn check_parsed(url: &Url, allow: &[IpNet]) -> Result<(), FetchError> {
    let s = url.as_str();
    match url.scheme() {
        "http" | "https" => {}
        other => return Err(forbidden(s, ForbidReason::Scheme(other.to_owned()))),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(forbidden(s, ForbidReason::Credentials));
    }
    match url.host() {
        None => Err(forbidden(s, ForbidReason::NoHost)),
        Some(Host::Ipv4(ip)) => check_ip(IpAddr::V4(ip), allow).map_err(|r| forbidden(s, r)),
        Some(Host::Ipv6(ip)) => check_ip(IpAddr::V6(ip), allow).map_err(|r| forbidden(s, r)),
        Some(Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            let loopback_allowed = [
                IpAddr::V4(Ipv4Addr::LOCALHOST),
                IpAddr::V6(Ipv6Addr::LOCALHOST),
            ]
            .iter()
            .all(|ip| check_ip(*ip, allow).is_ok());
            if (d == "localhost" || d.ends_with(".localhost")) && !loopback_allowed {
                return Err(forbidden(s, ForbidReason::LocalName));
            }
            Ok(())
        }
    }
}

/// [`check_url`] plus a DNS lookup of host names; every resolved address must be public
/// (or allowed). For forms: the fetcher itself re-checks at connect time.
pub async fn check_url_resolved(input: &str, cfg: &FetchConfig) -> Result<Url, FetchError> {
    let url = check_url(input, cfg)?;
    if let Some(Host::Domain(d)) = url.host() {
        let port = url.port_or_known_default().unwrap_or(80);
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host((d, port))
            .await
            .map_err(|e| FetchError::Network(format!("{d}: {e}")))?
            .collect();
        if addrs.is_empty() {
            return Err(forbidden(url.as_str(), ForbidReason::NoPublicAddress));
        }
        for a in addrs {
            check_ip(a.ip(), &cfg.allow_private).map_err(|r| forbidden(url.as_str(), r))?;
        }
    }
    Ok(url)
}

/// Error carried through reqwest's error chain so the fetcher can report `Forbidden`.
#[derive(Debug, Clone)]
pub(crate) struct Blocked {
    pub target: String,
    pub reason: ForbidReason,
}

impl std::fmt::Display for Blocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.target, self.reason)
    }
}

impl std::error::Error for Blocked {}

/// DNS resolver for reqwest that drops non-public addresses.
///
/// A name with a mix of public and private addresses keeps only the public ones; a name with
/// none left is refused. The connection can only use what this returns.
#[derive(Debug, Clone)]
pub(crate) struct GuardedResolver {
    pub allow: Arc<Vec<IpNet>>,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow = Arc::clone(&self.allow);
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let mut last = None;
            let mut ok = Vec::with_capacity(found.len());
            for a in found {
                match check_ip(a.ip(), &allow) {
                    Ok(()) => ok.push(a),
                    Err(r) => last = Some(r),
                }
            }
            if ok.is_empty() {
                let reason = last.unwrap_or(ForbidReason::NoPublicAddress);
                tracing::warn!(%host, %reason, "SSRF guard refused a resolved name");
                return Err(Box::new(Blocked {
                    target: host,
                    reason,
                })
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            let addrs: Addrs = Box::new(ok.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use std::str::FromStr;

    #[test]
    fn ranges() {
        for bad in [
            "127.0.0.1",
            "10.1.2.3",
            "172.31.255.255",
            "192.168.0.1",
            "100.127.0.1",
            "169.254.169.254",
            "0.0.0.0",
            "224.0.0.251",
            "255.255.255.255",
            "198.18.0.1",
            "::1",
            "::",
            "fd12::1",
            "fe80::1",
            "ff02::1",
            "::ffff:10.0.0.1",
            "2002:7f00:1::",
            "64:ff9b::7f00:1",
            "::7f00:1",
        ] {
            let ip: IpAddr = bad.parse().unwrap();
            assert!(non_public_range(ip).is_some(), "{bad}");
        }
        for good in [
            "8.8.8.8",
            "103.10.20.30",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "64:ff9b::808:808",
        ] {
            let ip: IpAddr = good.parse().unwrap();
            assert!(non_public_range(ip).is_none(), "{good}");
        }
    }

    #[test]
    fn allow_list_applies_to_mapped_form() {
        let allow: Vec<IpNet> = vec!["10.20.0.0/16".parse().unwrap()];
        assert!(check_ip("10.20.1.1".parse().unwrap(), &allow).is_ok());
        assert!(check_ip("::ffff:10.20.1.1".parse().unwrap(), &allow).is_ok());
        assert!(check_ip("10.21.1.1".parse().unwrap(), &allow).is_err());
    }

    #[tokio::test]
    async fn resolver_drops_loopback() {
        let r = GuardedResolver {
            allow: Arc::new(vec![]),
        };
        let err = match r.resolve(Name::from_str("localhost").unwrap()).await {
            Ok(addrs) => panic!("resolved to {:?}", addrs.collect::<Vec<_>>()),
            Err(e) => e,
        };
        assert!(err.downcast_ref::<Blocked>().is_some(), "{err}");
        let r = GuardedResolver {
            allow: Arc::new(vec![
                "127.0.0.0/8".parse().unwrap(),
                "::1/128".parse().unwrap(),
            ]),
        };
        let addrs: Vec<SocketAddr> = r
            .resolve(Name::from_str("localhost").unwrap())
            .await
            .unwrap()
            .collect();
        assert!(!addrs.is_empty());
        assert!(addrs.iter().all(|a| a.ip().is_loopback()));
    }
}
