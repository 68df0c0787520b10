//! At most [`MAX_PER_RULE`] findings of one rule in one file; the rest become one finding
//! "and N more", so the memory of a check stays bounded by its input (a 10 MB swagger with
//! 50,000 operations would otherwise produce 200,000 findings).
//!
//! [`super::Sink`] applies the cap as findings arrive, before they are built; [`cap_since`]
//! applies it to findings that families push straight into a list.

use super::{Finding, RuleId, Severity};
use std::collections::HashMap;

/// The most findings of one rule listed for one file.
pub const MAX_PER_RULE: usize = 100;

/// What was left out of one rule: how many, the worst severity, where the first one was.
#[derive(Debug, Clone)]
struct Dropped {
    count: usize,
    worst: Severity,
    line: usize,
    column: usize,
    pointer: String,
}

/// The count of one file's findings per rule, and what the cap left out.
#[derive(Debug)]
pub(crate) struct RuleCap {
    kept: Vec<u32>,
    dropped: Vec<Option<Dropped>>,
}

impl RuleCap {
    pub(crate) fn new() -> RuleCap {
        RuleCap {
            kept: vec![0; RuleId::ALL.len()],
            dropped: vec![None; RuleId::ALL.len()],
        }
    }

    /// Whether one more finding of `id` is listed (it is then counted).
    pub(crate) fn admit(&mut self, id: RuleId) -> bool {
        let k = &mut self.kept[id as usize];
        if (*k as usize) < MAX_PER_RULE {
            *k += 1;
            true
        } else {
            false
        }
    }

    /// Counts a finding that was not listed; `position` gives its line, column and pointer
    /// (asked for the first one only).
    pub(crate) fn left_out(
        &mut self,
        id: RuleId,
        severity: Severity,
        position: impl FnOnce() -> (usize, usize, String),
    ) {
        match &mut self.dropped[id as usize] {
            Some(d) => {
                d.count += 1;
                d.worst = d.worst.min(severity);
            }
            slot => {
                let (line, column, pointer) = position();
                *slot = Some(Dropped {
                    count: 1,
                    worst: severity,
                    line,
                    column,
                    pointer,
                });
            }
        }
    }

    /// The "and N more" findings of `file`, one per capped rule; resets the counts of what
    /// was left out.
    pub(crate) fn take_more(&mut self, file: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        for (i, d) in self.dropped.iter_mut().enumerate() {
            if let Some(d) = d.take() {
                out.push(more(RuleId::ALL[i], file, d));
            }
        }
        out
    }
}

/// The finding that stands for the `d.count` findings of `rule` not listed, at the place of
/// the first of them.
fn more(rule: RuleId, file: &str, d: Dropped) -> Finding {
    Finding {
        rule,
        severity: d.worst,
        file: file.to_string(),
        line: d.line,
        column: d.column,
        pointer: d.pointer,
        message: format!(
            "and {} more {rule} finding{} in this file, not listed (at most {MAX_PER_RULE} per rule and file are)",
            d.count,
            if d.count == 1 { "" } else { "s" }
        ),
        help: "Fix the listed ones and check again to see the next ones.".to_string(),
        fix: None,
    }
    .registered()
}

/// Caps the findings `out[from..]` per file and rule.
pub fn cap_since(out: &mut Vec<Finding>, from: usize) {
    if out.len().saturating_sub(from) <= MAX_PER_RULE {
        return;
    }
    let mut kept: HashMap<(String, RuleId), usize> = HashMap::new();
    let mut dropped: Vec<((String, RuleId), Dropped)> = Vec::new();
    let tail: Vec<Finding> = out.drain(from..).collect();
    for f in tail {
        let key = (f.file.clone(), f.rule);
        let n = kept.entry(key.clone()).or_default();
        if *n < MAX_PER_RULE {
            *n += 1;
            out.push(f);
            continue;
        }
        match dropped.iter_mut().find(|(k, _)| *k == key) {
            Some((_, d)) => {
                d.count += 1;
                d.worst = d.worst.min(f.severity);
            }
            None => dropped.push((
                key,
                Dropped {
                    count: 1,
                    worst: f.severity,
                    line: f.line,
                    column: f.column,
                    pointer: f.pointer,
                },
            )),
        }
    }
    for ((file, rule), d) in dropped {
        out.push(more(rule, &file, d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(i: usize, severity: Severity) -> Finding {
        Finding {
            rule: RuleId::OpVisibility,
            severity,
            file: "a.json".into(),
            line: i + 1,
            column: 1,
            pointer: format!("/paths/{i}"),
            message: "m".into(),
            help: "h".into(),
            fix: None,
        }
    }

    #[test]
    fn the_tail_is_capped_per_file_and_rule() {
        let mut out = vec![finding(0, Severity::Warning)];
        out.extend((0..250).map(|i| {
            finding(
                i,
                if i == 200 {
                    Severity::Error
                } else {
                    Severity::Warning
                },
            )
        }));
        cap_since(&mut out, 1);
        assert_eq!(out.len(), 1 + MAX_PER_RULE + 1);
        let more = out.last().unwrap();
        assert!(more
            .message
            .starts_with("and 150 more OP-VISIBILITY findings"));
        assert_eq!(more.severity, Severity::Error, "the worst left out");
        assert_eq!(more.line, 101, "where the first left out is");
        assert_eq!(more.pointer, "/paths/100");
    }

    #[test]
    fn the_online_cap_counts_what_it_leaves_out() {
        let mut cap = RuleCap::new();
        let mut asked = 0;
        for _ in 0..MAX_PER_RULE {
            assert!(cap.admit(RuleId::OpidCase));
        }
        for _ in 0..3 {
            assert!(!cap.admit(RuleId::OpidCase));
            cap.left_out(RuleId::OpidCase, Severity::Warning, || {
                asked += 1;
                (7, 2, "/a".to_string())
            });
        }
        assert_eq!(asked, 1, "the position is asked for once");
        let more = cap.take_more("f");
        assert_eq!(more.len(), 1);
        assert!(more[0].message.starts_with("and 3 more OPID-CASE findings"));
        assert_eq!((more[0].line, more[0].column), (7, 2));
        assert_eq!(more[0].pointer, "/a");
        assert!(cap.take_more("f").is_empty());
    }
}
