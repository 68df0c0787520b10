//! Applying the safe, mechanical fixes of findings with the minimal-diff writer: only the
//! bytes of the repaired values change, files are written atomically, a file that needs no
//! fix is never touched.

use super::{check, CheckOptions, Finding};
use crate::document::{Connector, LoadError};
use crate::json::apply_edits;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What `apply` changed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FixReport {
    /// Each applied fix: file and description.
    pub applied: Vec<(PathBuf, String)>,
    /// Files written.
    pub files: Vec<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{path}: cannot write the fixed file: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: a fix would have produced invalid JSON ({message}); nothing was written to this file. Please report this.")]
    Broken { path: PathBuf, message: String },
}

/// Applies every available fix, re-checking between passes (one fix can reveal another,
/// and overlapping edits wait for the next pass). Returns the connector as it is on disk
/// afterwards and what was changed.
pub fn apply(
    connector: &Connector,
    opts: &CheckOptions,
) -> Result<(Connector, FixReport), FixError> {
    let mut report = FixReport::default();
    let mut current = connector.reload()?;
    for _pass in 0..5 {
        let findings = check(&current, opts);
        let mut by_file: BTreeMap<PathBuf, Vec<&Finding>> = BTreeMap::new();
        for f in &findings {
            if let Some(fix) = &f.fix {
                by_file.entry(fix.path.clone()).or_default().push(f);
            }
        }
        if by_file.is_empty() {
            break;
        }
        let mut wrote = false;
        for (path, fs) in by_file {
            let Some(file) = [&current.swagger, &current.api_properties]
                .into_iter()
                .flatten()
                .find(|s| s.path == path)
            else {
                continue;
            };
            let mut edits = Vec::new();
            let mut applied = Vec::new();
            for f in fs {
                let fix = f.fix.as_ref().unwrap();
                let overlaps = fix.edits.iter().any(|e| {
                    edits.iter().any(|o: &crate::json::TextEdit| {
                        e.span.start < o.span.end && o.span.start < e.span.end
                            || (e.span.is_empty() && e.span.start == o.span.start)
                    })
                });
                if !overlaps {
                    edits.extend(fix.edits.iter().cloned());
                    applied.push(fix.description.clone());
                }
            }
            let (text, _) = apply_edits(&file.text, &edits);
            if text == file.text {
                continue;
            }
            if let Err(e) = crate::json::parse(&text) {
                return Err(FixError::Broken {
                    path,
                    message: e.message,
                });
            }
            crate::util::fs::atomic_write(&path, &file.bytes_for(&text)).map_err(|source| {
                FixError::Write {
                    path: path.clone(),
                    source,
                }
            })?;
            wrote = true;
            if !report.files.contains(&path) {
                report.files.push(path.clone());
            }
            report
                .applied
                .extend(applied.into_iter().map(|d| (path.clone(), d)));
        }
        current = current.reload()?;
        if !wrote {
            break;
        }
    }
    Ok((current, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ConnectorKind;
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn fixes_change_only_the_repaired_bytes() {
        let mut sw = good_swagger();
        sw["info"]["title"] = json!("Contoso Tasks.");
        sw["x-ms-connector-metadata"][1]["propertyName"] = json!("Privacy Policy");
        sw["x-ms-connector-metadata"][2]["propertyValue"] = json!("productivity");
        let original = text(&sw);
        let ap = "{\n  \"properties\": {\n    \"iconBrandColor\": \"#007ee5\",\n    \"publisher\": \"Ada\",\n    \"stackOwner\": \"Contoso\"\n  }\n}\n";
        let f = connector(
            &[
                ("apiDefinition.swagger.json", &original),
                ("apiProperties.json", ap),
            ],
            ConnectorKind::IndependentPublisher,
        );
        let (after, report) = apply(&f.connector, &CheckOptions::default()).unwrap();
        assert_eq!(report.files.len(), 2, "{report:#?}");
        assert_eq!(report.applied.len(), 4, "{report:#?}");
        let new_sw =
            std::fs::read_to_string(f.dir.path().join("apiDefinition.swagger.json")).unwrap();
        let expected = original
            .replace("\"Contoso Tasks.\"", "\"Contoso Tasks\"")
            .replace("\"Privacy Policy\"", "\"Privacy policy\"")
            .replace("\"productivity\"", "\"Productivity\"");
        assert_eq!(new_sw, expected);
        let new_ap = std::fs::read_to_string(f.dir.path().join("apiProperties.json")).unwrap();
        assert_eq!(new_ap, ap.replace("#007ee5", "#da3b01"));
        let left = check(&after, &CheckOptions::default());
        assert!(left.iter().all(|f| f.fix.is_none()));
    }

    #[test]
    fn nothing_to_fix_touches_nothing() {
        let sw = text(&good_swagger());
        let f = connector(
            &[("apiDefinition.swagger.json", &sw)],
            ConnectorKind::IndependentPublisher,
        );
        let p = f.dir.path().join("apiDefinition.swagger.json");
        let before = std::fs::metadata(&p).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let (_, report) = apply(&f.connector, &CheckOptions::default()).unwrap();
        assert!(report.files.is_empty());
        assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), before);
    }

    #[test]
    fn bom_is_kept() {
        let mut sw = good_swagger();
        sw["info"]["title"] = json!("Contoso Tasks ");
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("apiDefinition.swagger.json");
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(text(&sw).as_bytes());
        std::fs::write(&p, &bytes).unwrap();
        let c = Connector::load(dir.path(), None).unwrap();
        let (_, report) = apply(&c, &CheckOptions::default()).unwrap();
        assert_eq!(report.applied.len(), 1);
        let out = std::fs::read(&p).unwrap();
        assert!(out.starts_with(b"\xEF\xBB\xBF"));
        assert!(String::from_utf8_lossy(&out).contains("\"Contoso Tasks\""));
    }
}
