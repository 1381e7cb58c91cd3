//! Line-oriented batch functions behind `sinergi text stem | tone | analyze | match-claims`.
//! The caller owns the reader and writer; invalid UTF-8 is read lossily, never an error.

use std::io::{BufRead, Read, Write};

use serde_json::{Map, Value, json};

use crate::analyze::Analyzer;
use crate::claims::{ClaimIndex, parse_csv};

/// Errors of [`match_claims_lines`].
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// Reading or writing failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// The known-claims CSV is unusable.
    #[error("known claims CSV: {0}")]
    Csv(String),
}

/// Read one line (without its end-of-line), lossily decoded. `None` at end of input.
fn next_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<String>> {
    buf.clear();
    if input.read_until(b'\n', buf)? == 0 {
        return Ok(None);
    }
    while buf.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(buf).into_owned()))
}

/// Words on input (one per line, or whitespace-separated); one stem per line out, in the
/// PySastrawi form. Returns the number of words.
pub fn stem_lines(mut input: impl BufRead, mut output: impl Write) -> std::io::Result<u64> {
    let stemmer = crate::global_stemmer();
    let mut buf = Vec::new();
    let mut n = 0u64;
    let mut out = std::io::BufWriter::new(&mut output);
    while let Some(line) = next_line(&mut input, &mut buf)? {
        for w in line.split_whitespace() {
            out.write_all(stemmer.stem(w).as_bytes())?;
            out.write_all(b"\n")?;
            n += 1;
        }
    }
    out.flush()?;
    Ok(n)
}

/// One text per line; `positive|neutral|negative` per line out. Returns the number of lines.
pub fn tone_lines(mut input: impl BufRead, mut output: impl Write) -> std::io::Result<u64> {
    let mut buf = Vec::new();
    let mut n = 0u64;
    let mut out = std::io::BufWriter::new(&mut output);
    while let Some(line) = next_line(&mut input, &mut buf)? {
        out.write_all(crate::tone::tone_of(&line).as_str().as_bytes())?;
        out.write_all(b"\n")?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

/// Analyse one JSON object line `{"id"?, "title"?, "text"}`.
fn analyze_one(analyzer: &Analyzer<'_>, line: &str) -> Value {
    let v: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return json!({"id": null, "error": format!("invalid JSON: {e}")}),
    };
    let Some(obj) = v.as_object() else {
        return json!({"id": null, "error": "expected a JSON object"});
    };
    let id = obj.get("id").cloned().unwrap_or(Value::Null);
    let Some(text) = obj.get("text").and_then(Value::as_str) else {
        return json!({"id": id, "error": "missing string field \"text\""});
    };
    let title = match obj.get("title") {
        None | Some(Value::Null) => "",
        Some(Value::String(t)) => t.as_str(),
        Some(_) => return json!({"id": id, "error": "field \"title\" must be a string"}),
    };
    let analysis = analyzer.analyze(title, text);
    let mut out = Map::new();
    out.insert("id".into(), id);
    match serde_json::to_value(&analysis) {
        Ok(Value::Object(fields)) => out.extend(fields),
        Ok(_) | Err(_) => {
            out.insert(
                "error".into(),
                Value::String("could not serialise the analysis".into()),
            );
        }
    }
    Value::Object(out)
}

/// JSON lines in (`{"id"?, "title"?, "text"}`); one JSON line out per non-blank input line
/// with the same `id` and the analysis, or `{"id":…,"error":"…"}`. Returns lines written.
pub fn analyze_lines(mut input: impl BufRead, mut output: impl Write) -> std::io::Result<u64> {
    let analyzer = Analyzer::default();
    let mut buf = Vec::new();
    let mut n = 0u64;
    let mut out = std::io::BufWriter::new(&mut output);
    while let Some(line) = next_line(&mut input, &mut buf)? {
        if line.trim().is_empty() {
            continue;
        }
        let v = analyze_one(&analyzer, &line);
        serde_json::to_writer(&mut out, &v).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

/// Build a [`ClaimIndex`] from CSV text with a header: first column id, second claim text.
pub fn claim_index_from_csv(csv: &str) -> Result<ClaimIndex, BatchError> {
    let rows = parse_csv(csv);
    let mut claims = Vec::new();
    for (i, row) in rows.into_iter().enumerate().skip(1) {
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if row.len() < 2 {
            return Err(BatchError::Csv(format!(
                "row {}: expected an id and a claim text",
                i + 1
            )));
        }
        let mut it = row.into_iter();
        if let (Some(id), Some(text)) = (it.next(), it.next()) {
            claims.push((id.trim().to_string(), text));
        }
    }
    Ok(ClaimIndex::new(claims))
}

/// Per input claim line, the ids of the `k` most similar known claims, best first,
/// separated by spaces (an empty line when nothing matches). Returns lines written.
pub fn match_claims_lines(
    mut known_csv: impl Read,
    mut input: impl BufRead,
    mut output: impl Write,
    k: usize,
) -> Result<u64, BatchError> {
    let mut raw = Vec::new();
    known_csv.read_to_end(&mut raw)?;
    let index = claim_index_from_csv(&String::from_utf8_lossy(&raw))?;
    let mut buf = Vec::new();
    let mut n = 0u64;
    let mut out = std::io::BufWriter::new(&mut output);
    while let Some(line) = next_line(&mut input, &mut buf)? {
        let ids: Vec<String> = index.search(&line, k).into_iter().map(|m| m.id).collect();
        out.write_all(ids.join(" ").as_bytes())?;
        out.write_all(b"\n")?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: impl Fn(&[u8], &mut Vec<u8>) -> u64, input: &[u8]) -> (u64, String) {
        let mut out = Vec::new();
        let n = f(input, &mut out);
        (n, String::from_utf8(out).unwrap())
    }

    #[test]
    fn stem_batch() {
        let (n, out) = run(
            |i, o| stem_lines(i, o).unwrap(),
            b"menyetujui\npembangunan bukunya\n\n  berbalas-balasan \xff\n",
        );
        assert_eq!(n, 5);
        assert_eq!(out, "tuju\nbangun\nbuku\nbalas\n\n");
    }

    #[test]
    fn tone_batch() {
        let (n, out) = run(
            |i, o| tone_lines(i, o).unwrap(),
            "makanannya enak sekali, saya puas\npelayanan sangat buruk dan mengecewakan\n"
                .as_bytes(),
        );
        assert_eq!(n, 2);
        assert_eq!(out, "positive\nnegative\n");
    }

    #[test]
    fn analyze_batch_keeps_ids_and_reports_errors() {
        let input = concat!(
            r#"{"id": 7, "title": "Banjir di Bandung", "text": "Banjir melanda Kota Bandung. Pemkot Bandung membuka posko."}"#,
            "\n",
            "not json\n",
            "\n",
            r#"{"id": "x"}"#,
            "\n",
            r#"{"text": "Jabar siaga bencana."}"#,
            "\n",
            "[1,2]\n",
        );
        let (n, out) = run(|i, o| analyze_lines(i, o).unwrap(), input.as_bytes());
        assert_eq!(n, 5);
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["id"], 7);
        assert_eq!(lines[0]["regions"][0]["code"], "32.73");
        assert_eq!(lines[0]["regions"][0]["count"], 3);
        assert!(lines[0]["simhash"].is_string());
        assert!(lines[0]["keyphrases"].is_array());
        assert!(lines[0]["tone"].is_string());
        assert_eq!(lines[1]["id"], Value::Null);
        assert!(lines[1]["error"].is_string());
        assert_eq!(lines[2]["id"], "x");
        assert!(lines[2]["error"].as_str().unwrap().contains("text"));
        assert_eq!(lines[3]["id"], Value::Null);
        assert_eq!(lines[3]["regions"][0]["code"], "32");
        assert!(lines[4]["error"].is_string());
    }

    #[test]
    fn match_claims_batch() {
        let csv = "ID,TITLE,LLM_CATEGORY\n\
                   3752,Najwa Shihab Diteror Usai Komentari Video Prabowo,politics\n\
                   3753,Ombak Mirip Tsunami Sapu Bersih Tempat Wisata,others\n\
                   3754,\"Vaksin COVID-19 Mengandung Chip, Kata Dokter\",health\n";
        let mut out = Vec::new();
        let n = match_claims_lines(
            csv.as_bytes(),
            "vaksin covid ada chipnya\nnajwa shihab diteror\n".as_bytes(),
            &mut out,
            2,
        )
        .unwrap();
        assert_eq!(n, 2);
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("3754"), "{lines:?}");
        assert!(lines[1].starts_with("3752"), "{lines:?}");
        assert!(
            match_claims_lines("ID,TITLE\nonly-id\n".as_bytes(), &b""[..], Vec::new(), 5).is_err()
        );
    }
}
