//! Folders of pages saved from a browser or copied from a crawler (`.html`, `.htm`, `.html.gz`).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use url::Url;

use super::{MAX_PAGE_BYTES, OfflineError, OfflinePage, Result};

/// Only the head of a page is scanned for its URL; canonical links live there.
const SCAN_BYTES: usize = 256 * 1024;

/// Walks `dir` recursively (sorted, symlinked folders not followed, so no loops) and yields
/// every HTML page.
pub fn read_html_folder(dir: impl AsRef<Path>) -> HtmlFolder {
    HtmlFolder {
        stack: vec![dir.as_ref().to_path_buf()],
        files: Vec::new(),
        pending_err: None,
    }
}

/// Iterator returned by [`read_html_folder`].
#[derive(Debug)]
pub struct HtmlFolder {
    /// Folders still to list.
    stack: Vec<PathBuf>,
    /// Files of the folder being worked on, reversed so `pop` keeps sorted order.
    files: Vec<PathBuf>,
    pending_err: Option<OfflineError>,
}

fn is_html_name(p: &Path) -> Option<bool> {
    let name = p.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".html.gz") || name.ends_with(".htm.gz") {
        Some(true)
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        Some(false)
    } else {
        None
    }
}

impl HtmlFolder {
    fn list(&mut self, dir: &Path) -> Result<()> {
        let io = |source| OfflineError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut entries: Vec<(PathBuf, fs::FileType)> = Vec::new();
        for e in fs::read_dir(dir).map_err(io)? {
            let e = e.map_err(io)?;
            entries.push((e.path(), e.file_type().map_err(io)?));
        }
        entries.sort_by(|a, b| b.0.cmp(&a.0));
        let mut dirs = Vec::new();
        for (path, ft) in entries {
            if ft.is_dir() {
                dirs.push(path);
            } else if is_html_name(&path).is_some() && (ft.is_file() || ft.is_symlink()) {
                self.files.push(path);
            }
        }
        // Subfolders after this folder's files, in name order.
        self.stack.extend(dirs);
        Ok(())
    }
}

impl Iterator for HtmlFolder {
    type Item = Result<OfflinePage>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending_err.take() {
            return Some(Err(e));
        }
        loop {
            if let Some(file) = self.files.pop() {
                return Some(read_page(&file));
            }
            let dir = self.stack.pop()?;
            if let Err(e) = self.list(&dir) {
                return Some(Err(e));
            }
        }
    }
}

fn read_page(path: &Path) -> Result<OfflinePage> {
    let io = |source| OfflineError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = fs::File::open(path).map_err(io)?;
    let fetched_ms = file
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_millis()).ok());
    let reader: Box<dyn Read> = if is_html_name(path) == Some(true) {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    // Read one byte past the limit to tell "exactly at the limit" from "over it".
    let mut body = Vec::new();
    reader
        .take(MAX_PAGE_BYTES as u64 + 1)
        .read_to_end(&mut body)
        .map_err(io)?;
    if body.len() > MAX_PAGE_BYTES {
        return Err(OfflineError::TooLarge {
            path: path.to_path_buf(),
            limit: MAX_PAGE_BYTES,
        });
    }
    Ok(OfflinePage {
        url: detect_url(&body),
        path: path.to_path_buf(),
        body,
        fetched_ms,
    })
}

/// The page's own URL from a cheap scan of its head: `<link rel="canonical">`, then
/// `<meta property="og:url">`, then the browser's `<!-- saved from url=(NNNN)... -->` mark.
/// Only absolute http(s) URLs count.
pub fn detect_url(html: &[u8]) -> Option<String> {
    let head = &html[..html.len().min(SCAN_BYTES)];
    let text = String::from_utf8_lossy(head);
    let lower = text.to_ascii_lowercase();
    let mut canonical = None;
    let mut og = None;
    let mut pos = 0;
    while let Some(i) = lower[pos..].find('<') {
        let start = pos + i;
        let end = lower[start..].find('>').map_or(lower.len(), |j| start + j);
        let tag = &text[start..end];
        let ltag = &lower[start..end];
        pos = end.max(start + 1);
        if ltag.starts_with("<link") && canonical.is_none() {
            let rel = attr(tag, "rel").unwrap_or_default().to_ascii_lowercase();
            if rel.split_ascii_whitespace().any(|r| r == "canonical") {
                canonical = attr(tag, "href").and_then(|h| absolute(&h));
            }
        } else if ltag.starts_with("<meta") && og.is_none() {
            let prop = attr(tag, "property").or_else(|| attr(tag, "name"));
            if prop.is_some_and(|p| p.eq_ignore_ascii_case("og:url")) {
                og = attr(tag, "content").and_then(|h| absolute(&h));
            }
        } else if ltag.starts_with("</head") || ltag.starts_with("<body") {
            break;
        }
    }
    canonical.or(og).or_else(|| saved_from(&text))
}

fn saved_from(text: &str) -> Option<String> {
    let i = text.find("saved from url=(")?;
    let rest = &text[i + "saved from url=(".len()..];
    let rest = &rest[rest.find(')')? + 1..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '-')
        .unwrap_or(rest.len());
    absolute(&rest[..end])
}

fn absolute(href: &str) -> Option<String> {
    let href = href.trim().replace("&amp;", "&");
    let u = Url::parse(&href).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

/// Value of attribute `name` in one start tag (`<link rel=canonical href="...">`).
fn attr(tag: &str, name: &str) -> Option<String> {
    let bytes = tag.as_bytes();
    let mut i = tag.find(|c: char| c.is_ascii_whitespace())?;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let key_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'='
            && bytes[i] != b'/'
        {
            i += 1;
        }
        let key = tag.get(key_start..i).unwrap_or("");
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let vs = i + 1;
                let ve = tag
                    .get(vs..)
                    .and_then(|t| t.find(q as char))
                    .map_or(tag.len(), |j| vs + j);
                value = tag.get(vs..ve).unwrap_or("").to_owned();
                i = ve + 1;
            } else {
                let vs = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = tag.get(vs..i).unwrap_or("").to_owned();
            }
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn canonical_beats_og_and_saved_from() {
        let html = br#"<!-- saved from url=(0030)https://x.id/saved-from-mark -->
<html><head><meta property="og:url" content="https://x.id/og">
<LINK REL="canonical" HREF="https://x.id/berita?id=1&amp;p=2"></head><body></body></html>"#;
        assert_eq!(
            detect_url(html).as_deref(),
            Some("https://x.id/berita?id=1&p=2")
        );
    }

    #[test]
    fn og_url_then_saved_from() {
        let html =
            br#"<html><head><meta content='https://x.id/og' property='og:url'/></head></html>"#;
        assert_eq!(detect_url(html).as_deref(), Some("https://x.id/og"));
        let html = b"<!-- saved from url=(0026)https://x.id/tersimpan -->\n<html></html>";
        assert_eq!(detect_url(html).as_deref(), Some("https://x.id/tersimpan"));
    }

    #[test]
    fn relative_or_missing_is_none() {
        assert_eq!(
            detect_url(br#"<link rel="canonical" href="/relatif">"#),
            None
        );
        assert_eq!(
            detect_url(b"<html><body><link rel=canonical href=https://x.id/late></body>"),
            None
        );
        assert_eq!(detect_url(b""), None);
        assert_eq!(
            detect_url(b"<link rel=canonical href=https://x.id/a>").as_deref(),
            Some("https://x.id/a")
        );
    }
}
