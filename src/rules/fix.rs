//! The mechanical fixes of findings, computed without writing anything: [`plan`] re-checks
//! between passes (one fix can reveal another, and overlapping edits wait for the next pass)
//! on the files in memory, and returns the edits per file. The front ends write them with
//! [`crate::document::save`] (the minimal-diff writer: only the repaired bytes change).
//! Unsafe fixes (they may change what the connector does at run time) are planned only when
//! asked for.

use super::{check, CheckOptions, Finding};
use crate::document::save::FileEdits;
use crate::document::{Connector, SourceFile};
use crate::json::{apply_edits, TextEdit};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The edits `--fix` would write, and what they repair.
#[derive(Debug, Clone)]
pub struct FixPlan {
    /// Per file, the edits in passes (files that need no fix are not listed).
    pub files: Vec<FileEdits>,
    /// Each planned fix: file and description.
    pub applied: Vec<(PathBuf, String)>,
    /// The connector as it is once the edits are written.
    pub after: Connector,
    /// Findings of the result that still carry a fix: unsafe ones when they were not asked
    /// for.
    pub left: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error("{path}: a fix would have produced invalid JSON ({message}); nothing was written to this file. Please report this.")]
    Broken { path: PathBuf, message: String },
}

/// Whether two edits touch the same bytes (or insert at the same place).
fn overlaps(a: &TextEdit, b: &TextEdit) -> bool {
    a.span.start < b.span.end && b.span.start < a.span.end
        || (a.span.is_empty() && a.span.start == b.span.start)
}

/// Plans every safe fix (and the unsafe ones when `unsafe_fixes`), re-checking between passes.
pub fn plan(
    connector: &Connector,
    opts: &CheckOptions,
    unsafe_fixes: bool,
) -> Result<FixPlan, FixError> {
    let wanted = |f: &Finding| {
        f.fix
            .as_ref()
            .filter(|x| x.is_safe() || unsafe_fixes)
            .is_some()
    };
    let mut current = connector.clone();
    let mut files: BTreeMap<PathBuf, FileEdits> = BTreeMap::new();
    let mut applied = Vec::new();
    let mut findings = check(&current, opts);
    for _pass in 0..5 {
        let mut by_file: BTreeMap<PathBuf, Vec<&Finding>> = BTreeMap::new();
        for f in findings.iter().filter(|f| wanted(f)) {
            let fix = f.fix.as_ref().expect("filtered on a fix");
            by_file.entry(fix.path.clone()).or_default().push(f);
        }
        let mut changed = false;
        for (path, fs) in by_file {
            let slot = [&mut current.swagger, &mut current.api_properties]
                .into_iter()
                .find(|s| s.as_ref().is_some_and(|s| s.path == path));
            let Some(slot) = slot else { continue };
            let file = slot.as_ref().expect("found by path");
            let mut edits: Vec<TextEdit> = Vec::new();
            let mut descriptions = Vec::new();
            for f in fs {
                let fix = f.fix.as_ref().expect("filtered on a fix");
                if !fix
                    .edits
                    .iter()
                    .any(|e| edits.iter().any(|o| overlaps(e, o)))
                {
                    edits.extend(fix.edits.iter().cloned());
                    descriptions.push(fix.description.clone());
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
            files
                .entry(path.clone())
                .or_insert_with(|| FileEdits::new(file))
                .passes
                .push(edits);
            applied.extend(descriptions.into_iter().map(|d| (path.clone(), d)));
            *slot = Some(SourceFile::from_bytes(
                path,
                file.display.clone(),
                file.bytes_for(&text),
                true,
            ));
            changed = true;
        }
        if !changed {
            break;
        }
        findings = check(&current, opts);
    }
    Ok(FixPlan {
        files: files.into_values().collect(),
        applied,
        left: findings.iter().filter(|f| f.fix.is_some()).count(),
        after: current,
    })
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
        let plan = plan(&f.connector, &CheckOptions::default(), false).unwrap();
        assert_eq!(plan.files.len(), 2, "{plan:#?}");
        assert_eq!(plan.applied.len(), 4, "{plan:#?}");
        // Nothing is written until the front end writes the plan.
        assert_eq!(
            std::fs::read_to_string(f.dir.path().join("apiDefinition.swagger.json")).unwrap(),
            original
        );
        crate::document::save::write_all(&plan.files).unwrap();
        let new_sw =
            std::fs::read_to_string(f.dir.path().join("apiDefinition.swagger.json")).unwrap();
        let expected = original
            .replace("\"Contoso Tasks.\"", "\"Contoso Tasks\"")
            .replace("\"Privacy Policy\"", "\"Privacy policy\"")
            .replace("\"productivity\"", "\"Productivity\"");
        assert_eq!(new_sw, expected);
        let new_ap = std::fs::read_to_string(f.dir.path().join("apiProperties.json")).unwrap();
        assert_eq!(new_ap, ap.replace("#007ee5", "#da3b01"));
        let left = check(&plan.after, &CheckOptions::default());
        assert!(left.iter().all(|f| f.fix.is_none()));
        let on_disk = check(&f.connector.reload().unwrap(), &CheckOptions::default());
        assert_eq!(on_disk, left, "the plan's connector is what is on disk");
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
        let plan = plan(&f.connector, &CheckOptions::default(), false).unwrap();
        assert!(plan.files.is_empty() && plan.applied.is_empty());
        crate::document::save::write_all(&plan.files).unwrap();
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
        let plan = plan(&c, &CheckOptions::default(), false).unwrap();
        assert_eq!(plan.applied.len(), 1);
        crate::document::save::write_all(&plan.files).unwrap();
        let out = std::fs::read(&p).unwrap();
        assert!(out.starts_with(b"\xEF\xBB\xBF"));
        assert!(String::from_utf8_lossy(&out).contains("\"Contoso Tasks\""));
    }

    #[test]
    fn unsafe_fixes_only_when_asked() {
        let mut sw = good_swagger();
        sw["paths"]["/tasks/{taskId}"]["get"]["parameters"][0]
            .as_object_mut()
            .unwrap()
            .remove("x-ms-url-encoding");
        sw["info"]["title"] = json!("Contoso Tasks.");
        let f = connector(
            &[("apiDefinition.swagger.json", &text(&sw))],
            ConnectorKind::IndependentPublisher,
        );
        let safe = plan(&f.connector, &CheckOptions::default(), false).unwrap();
        assert_eq!(safe.applied.len(), 1, "{:?}", safe.applied);
        assert!(safe.applied[0].1.contains("/info/title"));
        assert_eq!(safe.left, 1, "the unsafe fix is left");
        let all = plan(&f.connector, &CheckOptions::default(), true).unwrap();
        assert_eq!(all.applied.len(), 2, "{:?}", all.applied);
        assert_eq!(all.left, 0);
        let text = all.files[0].result().unwrap();
        assert!(text.contains("\"x-ms-url-encoding\": \"single\""), "{text}");
    }
}
