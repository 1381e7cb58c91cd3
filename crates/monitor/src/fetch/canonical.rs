//! Canonical form of an article URL, used as the dedupe key.

use url::Url;

/// Query parameters that only say where a reader came from.
fn is_tracking(key: &str, value: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("utm_")
        || matches!(
            k.as_str(),
            "fbclid" | "gclid" | "dclid" | "msclkid" | "yclid" | "igshid" | "mc_cid" | "mc_eid" | "ref" | "_ga"
        )
        // AMP switches of Indonesian portals (`?amp=1`, `?outputType=amp`, `?page=amp` is not used).
        || (k == "amp" && matches!(value, "1" | "true" | ""))
        || (k == "outputtype" && value.eq_ignore_ascii_case("amp"))
}

/// Dedupe key of a URL: lowercase scheme and host, no default port, no fragment, no tracking
/// parameters, the other parameters sorted, no trailing `/amp` segment, no trailing slash
/// (except the root). `None` when the input is not an absolute http(s) URL.
///
/// Parameters are kept in their raw (still percent-encoded) form so that two spellings that a
/// server could tell apart are not merged.
pub fn canonical_url(input: &str) -> Option<String> {
    let mut url = Url::parse(input.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return None;
    }
    url.set_fragment(None);

    let mut params: Vec<String> = url
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            !is_tracking(k, v)
        })
        .map(str::to_owned)
        .collect();
    params.sort();
    params.dedup();
    if params.is_empty() {
        url.set_query(None);
    } else {
        url.set_query(Some(&params.join("&")));
    }

    let mut path = url.path().to_owned();
    while path.len() > 1 && path.ends_with('/') {
        path.pop();
    }
    if let Some(stripped) = path.strip_suffix("/amp") {
        path = stripped.to_owned();
    }
    while path.len() > 1 && path.ends_with('/') {
        path.pop();
    }
    if path.is_empty() {
        path.push('/');
    }
    url.set_path(&path);
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::canonical_url;

    fn c(s: &str) -> String {
        canonical_url(s).unwrap()
    }

    #[test]
    fn lowercases_and_drops_default_port_and_fragment() {
        assert_eq!(
            c("HTTPS://News.Example.CO.ID:443/Berita/1#komentar"),
            "https://news.example.co.id/Berita/1"
        );
        assert_eq!(c("http://example.com:80/a"), "http://example.com/a");
        assert_eq!(c("http://example.com:8080/a"), "http://example.com:8080/a");
    }

    #[test]
    fn drops_tracking_and_sorts_params() {
        assert_eq!(
            c("https://x.id/a?utm_source=wa&id=7&UTM_Medium=x&fbclid=abc&gclid=1&ref=home&b=2"),
            "https://x.id/a?b=2&id=7"
        );
        assert_eq!(c("https://x.id/a?utm_source=wa"), "https://x.id/a");
    }

    #[test]
    fn amp_variants_collapse() {
        let plain = "https://x.id/read/2026/11/26/berita-satu";
        assert_eq!(c("https://x.id/read/2026/11/26/berita-satu/amp"), plain);
        assert_eq!(c("https://x.id/read/2026/11/26/berita-satu/amp/"), plain);
        assert_eq!(c("https://x.id/read/2026/11/26/berita-satu?amp=1"), plain);
        assert_eq!(
            c("https://x.id/read/2026/11/26/berita-satu?outputType=amp"),
            plain
        );
        assert_eq!(c("https://x.id/read/2026/11/26/berita-satu/"), plain);
        // A word that merely ends in "amp" is not an AMP marker.
        assert_eq!(c("https://x.id/kamp"), "https://x.id/kamp");
    }

    #[test]
    fn root_keeps_its_slash() {
        assert_eq!(c("https://x.id"), "https://x.id/");
        assert_eq!(c("https://x.id/"), "https://x.id/");
        assert_eq!(c("https://x.id/amp"), "https://x.id/");
    }

    #[test]
    fn rejects_non_http() {
        assert_eq!(canonical_url("ftp://x.id/a"), None);
        assert_eq!(canonical_url("/relative"), None);
        assert_eq!(canonical_url("mailto:a@x.id"), None);
    }
}
