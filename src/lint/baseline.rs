//! A baseline: the findings a repository already has, so a run reports only new ones
//! (`--write-baseline FILE` records them, `--baseline FILE` leaves them out).
//!
//! A finding is matched by rule, file and JSON pointer, never by line: an edit above it
//! does not bring it back. The same key twice is counted, so a third identical finding is
//! new. Files are named relative to the baseline's folder, so the baseline works from any
//! folder and on any machine.
//!
//! ```json
//! {"version": 1, "findings": [{"rule": "OPID-CASE", "file": "x/apiDefinition.swagger.json",
//!   "pointer": "/paths/~1a/get/operationId", "count": 1}]}
//! ```

use super::paths;
use crate::rules::{Finding, RuleId};
use crate::util::bounded;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A baseline is never larger than this (the whole connectors repository makes ~15 MB).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    file: String,
    pointer: String,
    #[serde(default = "one")]
    count: usize,
}

fn one() -> usize {
    1
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    version: u32,
    findings: Vec<Entry>,
}

type Key = (RuleId, String, String);

/// The key of a finding: files relative to `base`.
fn key(f: &Finding, base: &Path) -> Key {
    (
        f.rule,
        paths::relative_or_absolute(Path::new(&f.file), base),
        f.pointer.clone(),
    )
}

/// A baseline read from a file: what is left of each key.
#[derive(Debug)]
pub struct Baseline {
    base: PathBuf,
    left: HashMap<Key, usize>,
    /// Findings it left out so far.
    pub matched: usize,
}

impl Baseline {
    /// Reads a baseline. A rule the registry no longer has is skipped (nothing reports it).
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let name = path.display();
        let bytes = bounded::read_file(path, MAX_BYTES)
            .map_err(|e| format!("{name}: cannot read the baseline: {e}"))?;
        let doc: Document = serde_json::from_slice(&bytes).map_err(|e| {
            format!(
                "{name}: line {}, column {}: not a baseline: {e}; write one with --write-baseline",
                e.line(),
                e.column()
            )
        })?;
        if doc.version != 1 {
            return Err(format!(
                "{name}: baseline version {} is not known (this program writes version 1)",
                doc.version
            ));
        }
        let mut left = HashMap::new();
        for e in doc.findings {
            if let Some(rule) = RuleId::from_id(&e.rule) {
                *left.entry((rule, e.file, e.pointer)).or_default() += e.count;
            }
        }
        Ok(Baseline {
            base: folder_of(path),
            left,
            matched: 0,
        })
    }

    /// Whether `f` is in the baseline (each entry matches as many findings as it counts).
    pub fn contains(&mut self, f: &Finding) -> bool {
        match self.left.get_mut(&key(f, &self.base)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                self.matched += 1;
                true
            }
            _ => false,
        }
    }
}

/// The folder of a (maybe relative) file path.
fn folder_of(path: &Path) -> PathBuf {
    let abs = paths::absolute(path);
    abs.parent().map(Path::to_path_buf).unwrap_or(abs)
}

/// Collects findings for `--write-baseline`.
#[derive(Debug)]
pub struct Recorder {
    base: PathBuf,
    counts: BTreeMap<(String, String, String), usize>,
    pub findings: usize,
}

impl Recorder {
    pub fn new(path: &Path) -> Recorder {
        Recorder {
            base: folder_of(path),
            counts: BTreeMap::new(),
            findings: 0,
        }
    }

    pub fn add(&mut self, f: &Finding) {
        let (rule, file, pointer) = key(f, &self.base);
        *self
            .counts
            .entry((file, rule.as_str().to_string(), pointer))
            .or_default() += 1;
        self.findings += 1;
    }

    /// The baseline document, sorted by file, rule and pointer.
    pub fn to_json(&self) -> String {
        let doc = Document {
            version: 1,
            findings: self
                .counts
                .iter()
                .map(|((file, rule, pointer), &count)| Entry {
                    rule: rule.clone(),
                    file: file.clone(),
                    pointer: pointer.clone(),
                    count,
                })
                .collect(),
        };
        let mut s = crate::util::printable::json_pretty(&doc).expect("plain values");
        s.push('\n');
        s
    }

    /// Files named in the baseline.
    pub fn files(&self) -> usize {
        let mut n = 0;
        let mut last: Option<&str> = None;
        for (file, _, _) in self.counts.keys() {
            if last != Some(file.as_str()) {
                n += 1;
                last = Some(file);
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: RuleId, file: &str, pointer: &str, line: usize) -> Finding {
        Finding {
            rule,
            severity: rule.severity(),
            file: file.into(),
            line,
            column: 1,
            pointer: pointer.into(),
            message: "m".into(),
            help: "h".into(),
            fix: None,
        }
    }

    #[test]
    fn round_trip_matches_by_pointer_not_line() {
        let d = tempfile::tempdir().unwrap();
        let file = d.path().join("c/apiDefinition.swagger.json");
        let file = file.to_str().unwrap();
        let path = d.path().join("baseline.json");
        let mut r = Recorder::new(&path);
        r.add(&finding(
            RuleId::OpidCase,
            file,
            "/paths/~1a/get/operationId",
            10,
        ));
        r.add(&finding(
            RuleId::OpidCase,
            file,
            "/paths/~1a/get/operationId",
            10,
        ));
        r.add(&finding(RuleId::TitleMax30, file, "/info/title", 3));
        let json = r.to_json();
        assert!(
            json.contains("\"file\": \"c/apiDefinition.swagger.json\""),
            "{json}"
        );
        assert!(json.contains("\"count\": 2"), "{json}");
        assert_eq!(r.files(), 1);
        std::fs::write(&path, json).unwrap();
        let mut b = Baseline::load(&path).unwrap();
        // Moved down 40 lines: still known.
        assert!(b.contains(&finding(RuleId::TitleMax30, file, "/info/title", 43)));
        assert!(
            !b.contains(&finding(RuleId::TitleMax30, file, "/info/title", 43)),
            "counted"
        );
        assert!(b.contains(&finding(
            RuleId::OpidCase,
            file,
            "/paths/~1a/get/operationId",
            1
        )));
        assert!(b.contains(&finding(
            RuleId::OpidCase,
            file,
            "/paths/~1a/get/operationId",
            1
        )));
        assert!(!b.contains(&finding(
            RuleId::OpidCase,
            file,
            "/paths/~1a/get/operationId",
            1
        )));
        assert!(!b.contains(&finding(
            RuleId::OpidCase,
            file,
            "/paths/~1b/get/operationId",
            1
        )));
        assert_eq!(b.matched, 3);

        std::fs::write(&path, "{\"version\": 1, \"findings\": [}").unwrap();
        let e = Baseline::load(&path).unwrap_err();
        assert!(
            e.contains("line 1, column") && e.contains("not a baseline"),
            "{e}"
        );
    }
}
