//! Streaming WARC 1.0/1.1 reader, plain or gzip (one gzip member per record, `.warc.gz`).
//!
//! Written here rather than taken from the `warc` crate: we need to skip large non-HTML records
//! without buffering them, keep going after a bad record, and decode the HTTP payload
//! (chunked, gzip); the format itself is a few lines of parsing.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::{MAX_PAGE_BYTES, OfflineError, OfflinePage, Result};

const MAX_LINE: u64 = 64 * 1024;
const MAX_HEADERS: usize = 512;

/// Yields the HTML pages of a WARC file: `response` records whose HTTP payload is a 200 with
/// `text/html` (or XHTML). Other records are skipped without being buffered; a bad record is
/// an `Err` item and reading goes on, except after an I/O or gzip error, or a truncated file,
/// where nothing more can be trusted and the iterator ends.
pub fn read_warc(path: impl AsRef<Path>) -> WarcPages {
    let path = path.as_ref().to_path_buf();
    match File::open(&path) {
        Ok(f) => WarcPages::from_reader(f, path),
        Err(source) => WarcPages {
            reader: None,
            pending: Some(OfflineError::Io {
                path: path.clone(),
                source,
            }),
            path,
            record: 0,
            lookahead: None,
            quiet_resync: false,
        },
    }
}

/// Iterator returned by [`read_warc`].
pub struct WarcPages {
    path: PathBuf,
    /// `None` once the stream is finished or broken.
    reader: Option<Box<dyn BufRead + Send>>,
    pending: Option<OfflineError>,
    /// Number of the current record (1-based), for error messages.
    record: u64,
    /// A version line found while resynchronising, to start the next record with.
    lookahead: Option<String>,
    /// After a header error the block is still ahead: skip it without a second error.
    quiet_resync: bool,
}

impl std::fmt::Debug for WarcPages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarcPages")
            .field("path", &self.path)
            .field("record", &self.record)
            .finish_non_exhaustive()
    }
}

enum Step {
    Page(Box<OfflinePage>),
    Skipped,
    Eof,
}

/// A record-level failure; `fatal` when the stream position can no longer be trusted.
struct Failure {
    err: OfflineError,
    fatal: bool,
}

impl WarcPages {
    /// Reads from any stream (gzip detected by its magic bytes); `path` names it in errors.
    pub fn from_reader<R: Read + Send + 'static>(r: R, path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let mut buffered = BufReader::new(r);
        let mut pages = Self {
            path: path.clone(),
            reader: None,
            pending: None,
            record: 0,
            lookahead: None,
            quiet_resync: false,
        };
        match buffered.fill_buf() {
            Ok([0x1f, 0x8b, ..]) => {
                // MultiGzDecoder reads every member, so per-record gzip is one stream here.
                pages.reader = Some(Box::new(BufReader::new(
                    flate2::bufread::MultiGzDecoder::new(buffered),
                )));
            }
            Ok(_) => pages.reader = Some(Box::new(buffered)),
            Err(source) => pages.pending = Some(OfflineError::Io { path, source }),
        }
        pages
    }

    fn bad(&self, reason: impl Into<String>, fatal: bool) -> Failure {
        Failure {
            err: OfflineError::BadRecord {
                path: self.path.clone(),
                record: self.record,
                reason: reason.into(),
            },
            fatal,
        }
    }

    fn io(&self, source: io::Error) -> Failure {
        Failure {
            err: OfflineError::Io {
                path: self.path.clone(),
                source,
            },
            fatal: true,
        }
    }

    fn step(&mut self) -> std::result::Result<Step, Failure> {
        let Some(mut r) = self.reader.take() else {
            return Ok(Step::Eof);
        };
        let out = self.step_with(&mut r);
        if !matches!(out, Ok(Step::Eof) | Err(Failure { fatal: true, .. })) {
            self.reader = Some(r);
        }
        out
    }

    fn step_with(&mut self, r: &mut Box<dyn BufRead + Send>) -> std::result::Result<Step, Failure> {
        // 1. Version line, skipping the blank lines that end the previous record.
        let version = match self.lookahead.take() {
            Some(v) => v,
            None => {
                let mut garbage = false;
                loop {
                    let Some(line) = read_line(r).map_err(|e| self.io(e))? else {
                        if garbage && !self.quiet_resync {
                            self.record += 1;
                            return Err(self.bad("data tak dikenal di akhir berkas", false));
                        }
                        return Ok(Step::Eof);
                    };
                    if line.starts_with("WARC/") {
                        if garbage && !std::mem::take(&mut self.quiet_resync) {
                            self.lookahead = Some(line);
                            self.record += 1;
                            return Err(
                                self.bad("data tak dikenal sebelum rekaman berikutnya", false)
                            );
                        }
                        self.quiet_resync = false;
                        break line;
                    }
                    garbage |= !line.is_empty();
                }
            }
        };
        self.record += 1;
        if !(version == "WARC/1.0" || version == "WARC/1.1") {
            tracing::debug!(%version, "unknown WARC version, reading anyway");
        }

        // 2. Named fields up to the blank line.
        let mut fields: Vec<(String, String)> = Vec::new();
        loop {
            let Some(line) = read_line(r).map_err(|e| self.io(e))? else {
                return Err(self.bad("berkas berakhir di tengah kepala rekaman (terpotong)", true));
            };
            if line.is_empty() {
                break;
            }
            if fields.len() >= MAX_HEADERS {
                self.quiet_resync = true;
                return Err(self.bad("terlalu banyak baris kepala", false));
            }
            if line.starts_with([' ', '\t']) {
                // Folded continuation of the previous field (allowed by WARC 1.0).
                if let Some(last) = fields.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
                continue;
            }
            match line.split_once(':') {
                Some((k, v)) => fields.push((k.trim().to_ascii_lowercase(), v.trim().to_owned())),
                None => {
                    self.quiet_resync = true;
                    return Err(self.bad(format!("baris kepala tidak valid: {line:.80}"), false));
                }
            }
        }
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let Some(len) = field("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            self.quiet_resync = true;
            return Err(self.bad("Content-Length tidak ada atau tidak valid", false));
        };

        // 3. The block: only HTTP responses are opened, everything else streams to a sink.
        let wanted = field("warc-type").is_some_and(|t| t.eq_ignore_ascii_case("response"))
            && field("content-type")
                .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        let url = field("warc-target-uri")
            .map(|u| u.trim_matches(|c| c == '<' || c == '>').to_owned())
            .filter(|u| !u.is_empty());
        let fetched_ms = field("warc-date")
            .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
            .map(|d| d.timestamp_millis());

        let mut block = (&mut *r).take(len);
        let result = if wanted {
            self.read_http(&mut block)
        } else {
            Ok(None)
        };
        // Whatever happened inside, finish the block so the next record starts in place.
        io::copy(&mut block, &mut io::sink()).map_err(|e| self.io(e))?;
        if block.limit() > 0 {
            return Err(self.bad(
                "berkas berakhir sebelum akhir blok rekaman (terpotong)",
                true,
            ));
        }
        match result? {
            Some(body) => Ok(Step::Page(Box::new(OfflinePage {
                url,
                path: self.path.clone(),
                body,
                fetched_ms,
            }))),
            None => Ok(Step::Skipped),
        }
    }

    /// Parses the HTTP response in a block; `Ok(None)` when it is not a 200 HTML page.
    fn read_http<R: BufRead>(
        &self,
        block: &mut R,
    ) -> std::result::Result<Option<Vec<u8>>, Failure> {
        let Some(status_line) = read_line(block).map_err(|e| self.io(e))? else {
            return Ok(None);
        };
        let mut parts = status_line.split_whitespace();
        let proto = parts.next().unwrap_or("");
        let status = parts.next().and_then(|s| s.parse::<u16>().ok());
        if !proto.starts_with("HTTP/") || status.is_none() {
            return Err(self.bad(
                format!("baris status HTTP tidak valid: {status_line:.80}"),
                false,
            ));
        }
        let mut content_type = String::new();
        let mut chunked = false;
        let mut encoding = String::new();
        let mut count = 0;
        while let Some(line) = read_line(block).map_err(|e| self.io(e))? {
            if line.is_empty() {
                break;
            }
            count += 1;
            if count > MAX_HEADERS {
                return Err(self.bad("terlalu banyak kepala HTTP", false));
            }
            if let Some((k, v)) = line.split_once(':') {
                let v = v.trim().to_ascii_lowercase();
                match k.trim().to_ascii_lowercase().as_str() {
                    "content-type" => content_type = v,
                    "transfer-encoding" => chunked = v.contains("chunked"),
                    "content-encoding" => encoding = v,
                    _ => {}
                }
            }
        }
        let html = content_type.starts_with("text/html")
            || content_type.starts_with("application/xhtml+xml");
        if status != Some(200) || !html {
            return Ok(None);
        }
        let mut raw = Vec::new();
        block
            .take(MAX_PAGE_BYTES as u64 + 1)
            .read_to_end(&mut raw)
            .map_err(|e| self.io(e))?;
        if raw.len() > MAX_PAGE_BYTES {
            return Err(self.bad(
                format!("halaman melebihi batas {MAX_PAGE_BYTES} byte"),
                false,
            ));
        }
        if chunked {
            raw = dechunk(&raw).ok_or_else(|| self.bad("pengodean chunked HTTP rusak", false))?;
        }
        let body = match encoding.as_str() {
            "" | "identity" => raw,
            "gzip" | "x-gzip" => inflate(flate2::read::GzDecoder::new(raw.as_slice()))
                .map_err(|e| self.bad(format!("isi gzip rusak: {e}"), false))?,
            "deflate" => inflate(flate2::read::ZlibDecoder::new(raw.as_slice()))
                .map_err(|e| self.bad(format!("isi deflate rusak: {e}"), false))?,
            other => {
                return Err(self.bad(format!("pengodean isi \"{other}\" tidak didukung"), false));
            }
        };
        Ok(Some(body))
    }
}

impl Iterator for WarcPages {
    type Item = Result<OfflinePage>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending.take() {
            return Some(Err(e));
        }
        loop {
            match self.step() {
                Ok(Step::Page(p)) => return Some(Ok(*p)),
                Ok(Step::Skipped) => {}
                Ok(Step::Eof) => return None,
                Err(f) => return Some(Err(f.err)),
            }
        }
    }
}

/// One line without its CR LF; `None` at end of stream. Lines are capped so a binary blob
/// without newlines cannot grow a buffer without bound.
fn read_line<R: BufRead + ?Sized>(r: &mut R) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = r.take(MAX_LINE).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

fn inflate<R: Read>(r: R) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(MAX_PAGE_BYTES as u64 + 1).read_to_end(&mut out)?;
    if out.len() > MAX_PAGE_BYTES {
        return Err(io::Error::other("melebihi batas ukuran"));
    }
    Ok(out)
}

/// Removes HTTP/1.1 chunked framing (crawlers often store the raw transfer).
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let nl = data.iter().position(|&b| b == b'\n')?;
        let line = std::str::from_utf8(&data[..nl]).ok()?.trim();
        let size_hex = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        data = &data[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::dechunk;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"5\r\nhallo\r\n6;x=1\r\n dunia\r\n0\r\n\r\n").unwrap(),
            b"hallo dunia"
        );
        assert_eq!(dechunk(b"zz\r\n"), None);
        assert_eq!(dechunk(b"10\r\npendek"), None);
    }
}
