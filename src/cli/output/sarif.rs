//! SARIF 2.1.0 as GitHub code scanning accepts it, written as the findings arrive.
//!
//! - `driver.rules` describes every rule the run reports (from the registry): summary, full
//!   description, help with a failing and a passing example (text and Markdown), source,
//!   default level (after the config's severity overrides);
//! - each result's message is the finding's message; its help is the rule's, and the
//!   finding's own advice is in `properties.help`;
//! - paths are relative to the top of the checkout, `%SRCROOT%` in `originalUriBaseIds`;
//! - `partialFingerprints` identify a result by rule, file and JSON pointer (not line), so
//!   an alert survives edits above it;
//! - GitHub refuses a run of more than 25,000 results: the first [`MAX_RESULTS`] are written
//!   and a notification in `invocations` says how many were not.

use super::{compact, Emitter, Item, Out, SrcRoot, Totals};
use crate::lint::paths;
use crate::lint::select::Policy;
use crate::rules::{Rule, RuleId, Severity};
use serde_json::json;
use std::collections::HashMap;
use std::io;
use std::path::Path;

/// The most results GitHub accepts in one run.
pub const MAX_RESULTS: usize = 25_000;

const SRCROOT: &str = "%SRCROOT%";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file path as a SARIF URI path: forward slashes, reserved characters escaped.
pub fn sarif_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    crate::util::percent::path(p.strip_prefix("./").unwrap_or(&p))
}

/// An absolute path as a `file:` URI.
fn file_uri(path: &Path) -> String {
    let p = path.to_string_lossy().replace('\\', "/");
    let lead = if p.starts_with('/') { "" } else { "/" };
    format!("file://{lead}{}", crate::util::percent::path(&p))
}

/// An absolute folder as a `file:` URI ending in `/`.
fn folder_uri(dir: &Path) -> String {
    let u = file_uri(dir);
    format!("{}/", u.trim_end_matches('/'))
}

/// A readable name that differs from the ID (SARIF asks for both to differ): the registry's
/// variant, `TitleMax30`, or `MimeCheck` for the one-word IDs.
fn name(id: RuleId) -> String {
    let v = format!("{id:?}");
    if v.eq_ignore_ascii_case(id.as_str()) {
        format!("{v}Check")
    } else {
        v
    }
}

/// A rule as a SARIF `reportingDescriptor`.
fn descriptor(x: &Rule, default: Severity) -> serde_json::Value {
    let e = x.explanation();
    let full = e.map(|e| format!("{} {}", e.what, e.why));
    json!({
        "id": x.id,
        "name": name(x.id),
        "shortDescription": {"text": x.summary},
        "fullDescription": {"text": full.as_deref().unwrap_or(x.summary)},
        "help": {
            "text": e.map(|e| e.text()).unwrap_or_else(|| x.summary.to_string()),
            "markdown": e.map(|e| e.markdown()).unwrap_or_else(|| x.summary.to_string()),
        },
        "helpUri": x.source,
        "defaultConfiguration": {"level": level(default)},
        "properties": {"tags": [x.family.label()], "fix": x.fix},
    })
}

/// A stable 64-bit FNV-1a hash, as 16 hex digits.
fn fnv(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

pub struct Sarif {
    root: SrcRoot,
    rules: Vec<RuleId>,
    index: Vec<Option<usize>>,
    policy: Policy,
    written: usize,
    /// Results not written: over [`MAX_RESULTS`].
    pub over: usize,
}

impl Sarif {
    pub fn new(root: SrcRoot, policy: &Policy) -> Sarif {
        let rules: Vec<RuleId> = policy.selected().collect();
        let mut index = vec![None; RuleId::ALL.len()];
        for (i, r) in rules.iter().enumerate() {
            index[*r as usize] = Some(i);
        }
        Sarif {
            root,
            rules,
            index,
            policy: policy.clone(),
            written: 0,
            over: 0,
        }
    }

    /// The URI of a file: relative to `%SRCROOT%` when inside it.
    fn artifact(&self, file: &str) -> Artifact {
        match paths::relative_to(Path::new(file), &self.root.0) {
            Some(rel) => Artifact {
                uri: sarif_uri(&rel),
                uri_base_id: Some(SRCROOT),
            },
            None => Artifact {
                uri: file_uri(&paths::absolute(Path::new(file))),
                uri_base_id: None,
            },
        }
    }

    fn result<'a>(&self, i: &'a Item, artifact: Artifact, ordinal: usize) -> SarifResult<'a> {
        let f = &i.f;
        // A finding about a whole file is shown at its start.
        let start = if f.line > 0 {
            (f.line, f.column.max(1))
        } else {
            (1, 1)
        };
        let end = i.end.filter(|e| *e > start);
        let ordinal = ordinal.to_string();
        let fingerprint = fnv(&[f.rule.as_str(), &artifact.uri, &f.pointer, &ordinal]);
        SarifResult {
            rule_id: f.rule,
            rule_index: self.index[f.rule as usize],
            level: level(f.severity),
            message: Text { text: &f.message },
            locations: [Location {
                physical_location: Physical {
                    artifact_location: artifact,
                    region: Region {
                        start_line: start.0,
                        start_column: start.1,
                        end_line: end.map(|e| e.0),
                        end_column: end.map(|e| e.1),
                    },
                },
                logical_locations: if f.pointer.is_empty() {
                    Vec::new()
                } else {
                    vec![Logical {
                        fully_qualified_name: &f.pointer,
                        kind: "member",
                    }]
                },
            }],
            partial_fingerprints: Fingerprints { v1: fingerprint },
            properties: Properties {
                help: &f.help,
                fixable: f.fix.is_some(),
            },
        }
    }
}

// A result, serialized straight to text (no map is built).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: RuleId,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    partial_fingerprints: Fingerprints,
    properties: Properties<'a>,
}

#[derive(serde::Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: Physical,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<Logical<'a>>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    region: Region,
}

#[derive(serde::Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Logical<'a> {
    fully_qualified_name: &'a str,
    kind: &'static str,
}

/// `partialFingerprints`: ours, by rule, file, pointer and rank among identical ones.
#[derive(serde::Serialize)]
struct Fingerprints {
    #[serde(rename = "connectorWizardFinding/v1")]
    v1: String,
}

#[derive(serde::Serialize)]
struct Properties<'a> {
    help: &'a str,
    fixable: bool,
}

impl Emitter for Sarif {
    fn begin(&mut self, out: &mut Out) -> io::Result<()> {
        let rules: Vec<serde_json::Value> = self
            .rules
            .iter()
            .map(|&r| descriptor(r.rule(), self.policy.default_severity(r)))
            .collect();
        let driver = json!({
            "name": "connector-wizard",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://github.com/microsoft/PowerPlatformConnectors",
            "rules": rules,
        });
        let bases = json!({SRCROOT: {"uri": folder_uri(&paths::absolute(&self.root.0))}});
        out.put(&format!(
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {{\"driver\": {}}},\n      \"originalUriBaseIds\": {},\n      \"results\": [",
            compact(&driver)?,
            compact(&bases)?
        ))
    }

    fn connector(
        &mut self,
        out: &mut Out,
        items: &[Item],
        _: &[(String, String)],
    ) -> io::Result<()> {
        let mut s = String::new();
        let mut seen: HashMap<(RuleId, &str, &str), usize> = HashMap::new();
        let mut artifacts: HashMap<&str, Artifact> = HashMap::new();
        for i in items {
            let n = seen
                .entry((i.f.rule, i.f.file.as_str(), i.f.pointer.as_str()))
                .or_default();
            let ordinal = *n;
            *n += 1;
            if self.written >= MAX_RESULTS {
                self.over += 1;
                continue;
            }
            s.push_str(if self.written == 0 {
                "\n        "
            } else {
                ",\n        "
            });
            let artifact = artifacts
                .entry(i.f.file.as_str())
                .or_insert_with(|| self.artifact(&i.f.file))
                .clone();
            s.push_str(&compact(&self.result(i, artifact, ordinal))?);
            self.written += 1;
        }
        out.put(&s)
    }

    fn end(&mut self, out: &mut Out, t: &Totals) -> io::Result<()> {
        let mut notes = Vec::new();
        if self.over > 0 {
            notes.push(json!({
                "level": "warning",
                "message": {"text": format!(
                    "{} results were not written: GitHub accepts at most {MAX_RESULTS} per run. \
                     Narrow the run with --select, --ignore, --baseline or --changed-since.",
                    self.over
                )},
            }));
        }
        for p in &t.problems {
            notes.push(json!({"level": "error", "message": {"text": p}}));
        }
        let invocation = json!({
            "executionSuccessful": t.problems.is_empty(),
            "toolExecutionNotifications": notes,
        });
        out.put(&format!(
            "{}],\n      \"invocations\": [{}]\n    }}\n  ]\n}}\n",
            if self.written == 0 { "" } else { "\n      " },
            compact(&invocation)?
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_fingerprints() {
        assert_eq!(sarif_uri("./My Conn\\a.json"), "My%20Conn/a.json");
        assert_eq!(
            folder_uri(Path::new("/work/my repo/")),
            "file:///work/my%20repo/"
        );
        assert_eq!(fnv(&["a", "b"]), fnv(&["a", "b"]));
        assert_ne!(fnv(&["ab", ""]), fnv(&["a", "b"]));
        assert_eq!(fnv(&[]).len(), 16);
    }

    #[test]
    fn results_stop_at_githubs_limit_with_a_count() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("r.sarif");
        let mut out = Out::file(&path).unwrap();
        let mut s = Sarif::new(SrcRoot(d.path().to_path_buf()), &Policy::default());
        s.begin(&mut out).unwrap();
        let f = crate::rules::Finding {
            rule: RuleId::OpidCase,
            severity: Severity::Warning,
            file: d
                .path()
                .join("c/apiDefinition.swagger.json")
                .display()
                .to_string(),
            line: 3,
            column: 5,
            pointer: "/paths/~1a/get/operationId".into(),
            message: "m".into(),
            help: "h".into(),
            fix: None,
        };
        let items: Vec<Item> = (0..MAX_RESULTS + 7)
            .map(|_| Item {
                f: f.clone(),
                end: Some((3, 9)),
            })
            .collect();
        s.connector(&mut out, &items, &[]).unwrap();
        s.end(&mut out, &Totals::default()).unwrap();
        out.finish().unwrap();
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let run = &v["runs"][0];
        assert_eq!(run["results"].as_array().unwrap().len(), MAX_RESULTS);
        let r = &run["results"][1];
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "c/apiDefinition.swagger.json"
        );
        assert_eq!(
            r["locations"][0]["physicalLocation"]["region"]["endColumn"],
            9
        );
        // Identical findings get distinct fingerprints.
        assert_ne!(
            run["results"][0]["partialFingerprints"],
            r["partialFingerprints"]
        );
        let note = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap();
        assert!(
            note.starts_with("7 results were not written: GitHub accepts at most 25000"),
            "{note}"
        );
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][idx]["id"], "OPID-CASE");
    }
}
