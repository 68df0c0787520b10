//! Every rule ID that can appear in `check` output is described in SARIF's `driver.rules`
//! with its full metadata: the checker runs over the fixtures and the corpus, with and without
//! `--against` (an older version of each swagger made here), and each result's rule is looked
//! up.

mod common;

use assert_cmd::Command;
use common::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn cw() -> Command {
    let mut c = Command::cargo_bin("connector-wizard").unwrap();
    c.env(
        "CONNECTOR_WIZARD_HOME",
        std::env::temp_dir().join("cw-sarif-home"),
    );
    c
}

/// The SARIF of `check` over `paths`, optionally `--against` a file.
fn sarif(paths: &[PathBuf], against: Option<&Path>) -> Value {
    let mut c = cw();
    c.args(["check", "--format", "sarif"]);
    if let Some(old) = against {
        c.arg("--against").arg(old);
    }
    let out = c.args(paths).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{paths:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("SARIF is JSON")
}

fn text_of<'v>(v: &'v Value, ptr: &str) -> &'v str {
    v.pointer(ptr).and_then(Value::as_str).unwrap_or("")
}

/// Asserts that every result's rule is in `driver.rules` with full metadata; returns the IDs.
fn check_results(v: &Value, what: &str) -> BTreeSet<String> {
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let mut ids = BTreeSet::new();
    for r in run["results"].as_array().unwrap() {
        let id = r["ruleId"].as_str().unwrap();
        let i = r["ruleIndex"]
            .as_u64()
            .unwrap_or_else(|| panic!("{what}: {id} has no ruleIndex")) as usize;
        let d = &rules[i];
        assert_eq!(d["id"], id, "{what}: ruleIndex of {id} points elsewhere");
        for ptr in [
            "/shortDescription/text",
            "/fullDescription/text",
            "/help/text",
            "/help/markdown",
        ] {
            assert!(
                text_of(d, ptr).len() > 10,
                "{what}: {id} has no {ptr}: {d:#}"
            );
        }
        assert!(
            text_of(d, "/helpUri").starts_with("https://"),
            "{id}: {d:#}"
        );
        assert!(
            ["error", "warning", "note"].contains(&text_of(d, "/defaultConfiguration/level")),
            "{id}: {d:#}"
        );
        // The help carries the failing and the passing example.
        assert!(
            text_of(d, "/help/markdown").contains("**Fails:**")
                && text_of(d, "/help/markdown").contains("**Passes:**")
                && text_of(d, "/help/text").contains("Fails")
                && text_of(d, "/help/text").contains("Passes"),
            "{id}: {d:#}"
        );
        ids.insert(id.to_string());
    }
    ids
}

/// An older version of a swagger: one more operation, a parameter and a response field it
/// had, an optional parameter that is now required, a type that changed. `None` when the
/// swagger is not JSON.
fn older(swagger: &Path) -> Option<Value> {
    let bytes = std::fs::read(swagger).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut v: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let paths = v.get_mut("paths")?.as_object_mut()?;
    let mut param_done = false;
    let mut field_done = false;
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for (method, op) in item.iter_mut() {
            if !["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                continue;
            }
            let Some(op) = op.as_object_mut() else {
                continue;
            };
            if let Some(ps) = op.get_mut("parameters").and_then(Value::as_array_mut) {
                if !param_done {
                    ps.push(json!({"name": "zzGone", "in": "query", "type": "string"}));
                    param_done = true;
                }
                for p in ps.iter_mut().filter_map(Value::as_object_mut) {
                    if p.get("in") == Some(&json!("query"))
                        && p.get("required") == Some(&json!(true))
                    {
                        p.insert("required".into(), json!(false));
                    } else if p.get("type") == Some(&json!("string"))
                        && p.get("in") == Some(&json!("query"))
                    {
                        p.insert("type".into(), json!("integer"));
                    }
                }
            }
            let props = op
                .get_mut("responses")
                .and_then(|r| r.get_mut("200"))
                .and_then(|r| r.get_mut("schema"))
                .and_then(|s| s.get_mut("properties"))
                .and_then(Value::as_object_mut);
            if let (Some(props), false) = (props, field_done) {
                props.insert("zzField".into(), json!({"type": "string"}));
                field_done = true;
            }
        }
    }
    paths.insert(
        "/zz-removed".into(),
        json!({"get": {"operationId": "ZzRemoved", "responses": {"200": {"description": "x"}}}}),
    );
    Some(v)
}

fn folders() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = ["check/good", "check/lots", "check/broken"]
        .iter()
        .map(|f| fixture(f))
        .collect();
    for e in std::fs::read_dir(fixture("generate")).unwrap().flatten() {
        out.push(e.path());
    }
    if let Some(corpus) = corpus_or_skip("every_emitted_rule_is_described_in_sarif (corpus part)") {
        out.extend(corpus_folders(&corpus));
    }
    out
}

#[test]
fn every_emitted_rule_is_described_in_sarif() {
    let folders = folders();
    let v = sarif(&folders, None);
    let mut seen = check_results(&v, "without --against");
    // Every rule `check` can report is described, whether it fired or not.
    let described: BTreeSet<&str> = v["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    for r in connector_wizard::rules::RULES {
        let automatic = r.check == connector_wizard::rules::Check::Automatic;
        assert_eq!(
            described.contains(r.id.as_str()),
            automatic,
            "{}: in driver.rules exactly when check can report it",
            r.id
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    for folder in &folders {
        let Some(swagger) = connector_wizard::breaking::git::swagger_in(folder) else {
            continue;
        };
        let Some(old) = older(&swagger) else { continue };
        let old_path = dir.path().join(format!("old-{compared}.json"));
        std::fs::write(&old_path, serde_json::to_string_pretty(&old).unwrap()).unwrap();
        let v = sarif(std::slice::from_ref(folder), Some(&old_path));
        seen.extend(check_results(
            &v,
            &format!("{} --against", folder.display()),
        ));
        compared += 1;
    }
    // The fixtures alone give 6 comparisons (the broken swagger is not JSON); the corpus 40
    // more.
    let with_corpus = folders.len() > 10;
    assert!(
        compared >= if with_corpus { 40 } else { 6 },
        "only {compared} folders compared"
    );
    let breaking: Vec<&String> = seen
        .iter()
        .filter(|id| id.starts_with("BREAKING-"))
        .collect();
    assert!(
        breaking.len() >= 3,
        "the --against runs reported only {breaking:?}"
    );
    let fired = if with_corpus { 60 } else { 15 };
    assert!(
        seen.len() > fired,
        "only {} rules fired: {seen:?}",
        seen.len()
    );
}

/// The SARIF multitool (`$SARIF_MULTITOOL`, else `sarif-multitool` on PATH, as
/// `npm install -g @microsoft/sarif-multitool` installs it), or `None` after printing why
/// the test skips.
fn multitool() -> Option<String> {
    let tool = std::env::var("SARIF_MULTITOOL")
        .ok()
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "sarif-multitool".to_string());
    let ok = std::process::Command::new(&tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "SKIP sarif_validates_under_githubs_rules: {tool} is not installed \
             (npm install -g @microsoft/sarif-multitool, or set SARIF_MULTITOOL)"
        );
        return None;
    }
    Some(tool)
}

/// Microsoft's SARIF multitool finds nothing to say about our SARIF under GitHub's rules
/// (`Gh`: what GitHub code scanning requires) and the SARIF spec's own (`Sarif`), on the
/// fixtures and the corpus, with breaking changes in it.
#[test]
fn sarif_validates_under_githubs_rules() {
    let Some(tool) = multitool() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut folders = folders();
    // A breaking change in one more folder, so BREAKING-* results are validated too.
    let lots = fixture("check/lots");
    let old = older(&lots.join("apiDefinition.swagger.json")).unwrap();
    let old_path = dir.path().join("old.json");
    std::fs::write(&old_path, serde_json::to_string(&old).unwrap()).unwrap();
    folders.truncate(60);
    let sarif_path = dir.path().join("check.sarif");
    let out = cw()
        .args(["check", "--format", "sarif", "--quiet", "-o"])
        .arg(&sarif_path)
        .arg("--against")
        .arg(&old_path)
        .args(&folders)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&sarif_path).unwrap()).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"].as_str().unwrap().starts_with("BREAKING-")));
    for kind in ["Gh", "Sarif"] {
        let report = dir.path().join(format!("validation-{kind}.sarif"));
        let run = std::process::Command::new(&tool)
            .args([
                "validate",
                "--rule-kind",
                kind,
                "--max-file-size-in-kb",
                "1000000",
            ])
            .args(["--log", "ForceOverwrite", "-o"])
            .arg(&report)
            .arg(&sarif_path)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success(), "{kind}: {said}");
        let r: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
        let found = r["runs"][0]["results"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(
            found.is_empty(),
            "{kind}: {} remarks, first: {:#}\n{said}",
            found.len(),
            found[0]
        );
    }
}
