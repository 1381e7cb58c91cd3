//! Word-level diffs between two versions of a text.

use std::time::Duration;

use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};

use crate::escape_html;

/// One run of a word diff. Text includes the whitespace between words, so concatenating
/// `Same` and `Removed` gives the old text and `Same` and `Added` gives the new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DiffOp {
    /// Text present in both versions.
    Same(String),
    /// Text only in the new version.
    Added(String),
    /// Text only in the old version.
    Removed(String),
}

/// Counts of changed words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DiffStats {
    /// Words in `Added` runs.
    pub added_words: usize,
    /// Words in `Removed` runs.
    pub removed_words: usize,
}

/// Upper bound on diff time; past it `similar` falls back to a coarser (still correct) diff.
const DIFF_TIMEOUT: Duration = Duration::from_millis(500);

/// See [`crate::word_diff`].
pub fn word_diff(old: &str, new: &str) -> Vec<DiffOp> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(DIFF_TIMEOUT)
        .diff_words(old, new);
    let mut ops: Vec<DiffOp> = Vec::new();
    for change in diff.iter_all_changes() {
        let value = change.value();
        let op = match change.tag() {
            ChangeTag::Equal => DiffOp::Same(value.to_string()),
            ChangeTag::Insert => DiffOp::Added(value.to_string()),
            ChangeTag::Delete => DiffOp::Removed(value.to_string()),
        };
        push_merged(&mut ops, op);
    }
    absorb_whitespace(ops)
}

/// Appends `op`, merging it into the last op when both are of the same kind.
fn push_merged(ops: &mut Vec<DiffOp>, op: DiffOp) {
    match (ops.last_mut(), op) {
        (Some(DiffOp::Same(a)), DiffOp::Same(b))
        | (Some(DiffOp::Added(a)), DiffOp::Added(b))
        | (Some(DiffOp::Removed(a)), DiffOp::Removed(b)) => a.push_str(&b),
        (_, op) => {
            if !text_of(&op).is_empty() {
                ops.push(op);
            }
        }
    }
}

fn text_of(op: &DiffOp) -> &str {
    match op {
        DiffOp::Same(s) | DiffOp::Added(s) | DiffOp::Removed(s) => s,
    }
}

fn is_change(op: Option<&DiffOp>) -> bool {
    matches!(op, Some(DiffOp::Added(_) | DiffOp::Removed(_)))
}

/// Readability clean-up: "~~a~~ __x__ ␣ ~~b~~ __y__" becomes "~~a b~~ __x y__". A run of
/// only whitespace between two changes is folded into one removal and one addition, when
/// the stretch has both; otherwise the ops are kept as they were.
fn absorb_whitespace(ops: Vec<DiffOp>) -> Vec<DiffOp> {
    let mut out: Vec<DiffOp> = Vec::with_capacity(ops.len());
    let mut region: Vec<DiffOp> = Vec::new();
    for i in 0..ops.len() {
        let op = &ops[i];
        let absorb = match op {
            DiffOp::Same(s) => {
                !region.is_empty()
                    && s.chars().all(char::is_whitespace)
                    && is_change(ops.get(i + 1))
            }
            _ => true,
        };
        if absorb {
            region.push(op.clone());
        } else {
            flush_region(&mut out, &mut region);
            push_merged(&mut out, op.clone());
        }
    }
    flush_region(&mut out, &mut region);
    out
}

fn flush_region(out: &mut Vec<DiffOp>, region: &mut Vec<DiffOp>) {
    let has_removed = region.iter().any(|o| matches!(o, DiffOp::Removed(_)));
    let has_added = region.iter().any(|o| matches!(o, DiffOp::Added(_)));
    if has_removed && has_added {
        let (mut removed, mut added) = (String::new(), String::new());
        for op in region.iter() {
            match op {
                DiffOp::Same(s) => {
                    removed.push_str(s);
                    added.push_str(s);
                }
                DiffOp::Removed(s) => removed.push_str(s),
                DiffOp::Added(s) => added.push_str(s),
            }
        }
        push_merged(out, DiffOp::Removed(removed));
        push_merged(out, DiffOp::Added(added));
    } else {
        for op in region.iter() {
            push_merged(out, op.clone());
        }
    }
    region.clear();
}

/// See [`crate::diff_html`].
pub fn diff_html(ops: &[DiffOp]) -> String {
    let mut out = String::new();
    for op in ops {
        match op {
            DiffOp::Same(s) => out.push_str(&escape_html(s)),
            DiffOp::Added(s) => {
                out.push_str("<ins>");
                out.push_str(&escape_html(s));
                out.push_str("</ins>");
            }
            DiffOp::Removed(s) => {
                out.push_str("<del>");
                out.push_str(&escape_html(s));
                out.push_str("</del>");
            }
        }
    }
    out
}

/// See [`crate::diff_stats`].
pub fn diff_stats(ops: &[DiffOp]) -> DiffStats {
    let mut stats = DiffStats::default();
    for op in ops {
        match op {
            DiffOp::Added(s) => stats.added_words += s.split_whitespace().count(),
            DiffOp::Removed(s) => stats.removed_words += s.split_whitespace().count(),
            DiffOp::Same(_) => {}
        }
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old_new(ops: &[DiffOp]) -> (String, String) {
        let (mut old, mut new) = (String::new(), String::new());
        for op in ops {
            match op {
                DiffOp::Same(s) => {
                    old.push_str(s);
                    new.push_str(s);
                }
                DiffOp::Removed(s) => old.push_str(s),
                DiffOp::Added(s) => new.push_str(s),
            }
        }
        (old, new)
    }

    #[test]
    fn simple_replacement() {
        let ops = word_diff(
            "Bupati meresmikan pasar baru",
            "Wakil bupati meresmikan pasar rakyat",
        );
        assert_eq!(
            ops,
            vec![
                DiffOp::Removed("Bupati".into()),
                DiffOp::Added("Wakil bupati".into()),
                DiffOp::Same(" meresmikan pasar ".into()),
                DiffOp::Removed("baru".into()),
                DiffOp::Added("rakyat".into()),
            ]
        );
        assert_eq!(
            diff_stats(&ops),
            DiffStats {
                added_words: 3,
                removed_words: 2
            }
        );
    }

    #[test]
    fn whitespace_between_changes_is_absorbed() {
        let ops = word_diff("satu dua tiga", "empat lima tiga");
        assert_eq!(
            ops,
            vec![
                DiffOp::Removed("satu dua".into()),
                DiffOp::Added("empat lima".into()),
                DiffOp::Same(" tiga".into()),
            ]
        );
    }

    #[test]
    fn pure_insertions_keep_their_shape() {
        let ops = word_diff("a d", "a b c d");
        let (old, new) = old_new(&ops);
        assert_eq!((old.as_str(), new.as_str()), ("a d", "a b c d"));
        assert!(!ops.iter().any(|o| matches!(o, DiffOp::Removed(_))));
        assert_eq!(diff_stats(&ops).added_words, 2);
    }

    #[test]
    fn adjacent_ops_are_merged_and_roundtrip() {
        let old = "Rapat koordinasi digelar Senin.\n\nHadir 20 peserta.";
        let new =
            "Rapat koordinasi lintas sektor digelar Selasa.\n\nHadir 25 peserta dari 5 dinas.";
        let ops = word_diff(old, new);
        for w in ops.windows(2) {
            assert_ne!(std::mem::discriminant(&w[0]), std::mem::discriminant(&w[1]));
        }
        assert_eq!(old_new(&ops), (old.to_string(), new.to_string()));
    }

    #[test]
    fn identical_and_empty() {
        assert_eq!(word_diff("a b", "a b"), vec![DiffOp::Same("a b".into())]);
        assert_eq!(word_diff("", ""), vec![]);
        assert_eq!(word_diff("", "x"), vec![DiffOp::Added("x".into())]);
    }

    #[test]
    fn html_is_escaped() {
        let ops = vec![
            DiffOp::Same("a<b> ".into()),
            DiffOp::Removed("\"x\"".into()),
            DiffOp::Added("<script>&".into()),
        ];
        assert_eq!(
            diff_html(&ops),
            "a&lt;b&gt; <del>&quot;x&quot;</del><ins>&lt;script&gt;&amp;</ins>"
        );
    }

    #[test]
    fn serializes_externally_tagged() {
        let json = serde_json::to_string(&[DiffOp::Same("a".into()), DiffOp::Added("b".into())])
            .unwrap_or_default();
        assert_eq!(json, r#"[{"Same":"a"},{"Added":"b"}]"#);
    }
}
