//! The `check` command run as a user would: fixtures in, exit codes and output checked.

mod common;

use assert_cmd::Command;
use common::*;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;

fn cw() -> Command {
    let mut c = Command::cargo_bin("connector-wizard").unwrap();
    c.env_remove("NO_COLOR").env(
        "CONNECTOR_WIZARD_HOME",
        std::env::temp_dir().join("cw-check-cli-home"),
    );
    c
}

fn check_json(path: &std::path::Path) -> (i32, Value) {
    let out = cw()
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), v)
}

fn rules_of(v: &Value) -> Vec<(String, u64, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["pointer"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn good_connector_passes_with_exit_0() {
    let (code, v) = check_json(&fixture("check/good"));
    assert_eq!(v["findings"], Value::Array(vec![]), "{v:#}");
    assert_eq!(code, 0);
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["errors"], 0);
}

#[test]
fn findings_carry_rule_file_line_and_pointer() {
    let (code, v) = check_json(&fixture("check/lots"));
    assert_eq!(code, 1);
    let got = rules_of(&v);
    for want in [
        ("TITLE-MAX-30", 4, "/info/title"),
        ("TITLE-NO-API", 4, "/info/title"),
        ("TITLE-NO-CONNECTOR", 4, "/info/title"),
        ("TITLE-END-ALNUM", 4, "/info/title"),
        ("HOST-FORMAT", 13, "/host"),
        (
            "METADATA-PRIVACY",
            80,
            "/x-ms-connector-metadata/1/propertyName",
        ),
        ("IP-BRAND-COLOR", 18, "/properties/iconBrandColor"),
    ] {
        assert!(
            got.contains(&(want.0.to_string(), want.1, want.2.to_string())),
            "missing {want:?} in {got:#?}"
        );
    }
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "IP-BRAND-COLOR")
        .unwrap();
    assert!(f["file"].as_str().unwrap().ends_with("apiProperties.json"));
    assert_eq!(f["severity"], "error");
    assert!(f["message"].as_str().unwrap().contains("#007ee5"));
    assert!(!f["help"].as_str().unwrap().is_empty());
}

#[test]
fn invalid_json_is_a_finding_with_position() {
    let (code, v) = check_json(&fixture("check/broken"));
    assert_eq!(code, 1);
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "JSON-VALID");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(6), Some(3))
    );
}

#[test]
fn bad_inputs_get_clear_messages() {
    let (dir, good) = copy_fixture("check/good");
    let swagger = good.join("apiDefinition.swagger.json");
    let original = fs::read(&swagger).unwrap();

    // A BOM is accepted.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&original);
    fs::write(&swagger, &bom).unwrap();
    let (code, v) = check_json(&good);
    assert_eq!(code, 0, "{v:#}");

    // An empty file.
    fs::write(&swagger, b"").unwrap();
    let (code, v) = check_json(&good);
    assert_eq!(code, 1);
    assert_eq!(v["findings"][0]["rule"], "JSON-VALID");
    assert!(v["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("empty"));

    // Not UTF-8.
    let mut latin1 = original.clone();
    let at = latin1.windows(7).position(|w| w == b"Contoso").unwrap();
    latin1[at + 1] = 0xF6;
    fs::write(&swagger, &latin1).unwrap();
    let (code, v) = check_json(&good);
    assert_eq!(code, 1);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "JSON-VALID")
        .unwrap();
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("not UTF-8: byte 0xF6 at line 4"),
        "{f}"
    );

    // Deep nesting.
    fs::write(&swagger, "[".repeat(100_000)).unwrap();
    let (code, v) = check_json(&good);
    assert_eq!(code, 1);
    assert!(v["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("nesting"));

    // A 50 MB file is refused without reading it.
    let f = fs::File::create(&swagger).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    drop(f);
    let (code, v) = check_json(&good);
    assert_eq!(code, 1);
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("too large"),
        "{v:#}"
    );

    // A swagger that cannot be read at all (a folder in its place): exit 2, named.
    fs::remove_file(&swagger).unwrap();
    fs::create_dir(&swagger).unwrap();
    cw().arg("check")
        .arg(&good)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("apiDefinition.swagger.json"));
    drop(dir);
}

#[test]
fn missing_path_is_exit_2_and_named() {
    cw().args(["check", "/no/such/connector"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("/no/such/connector")
                .and(predicate::str::contains("no such file")),
        );
    cw().arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("PATH"));
}

/// The lines removed and added between two texts.
fn changed_lines(before: &str, after: &str) -> (usize, usize) {
    let diff = similar::TextDiff::from_lines(before, after);
    let count = |tag| diff.iter_all_changes().filter(|c| c.tag() == tag).count();
    (
        count(similar::ChangeTag::Delete),
        count(similar::ChangeTag::Insert),
    )
}

#[test]
fn fix_changes_only_the_repaired_bytes_and_is_idempotent() {
    let (_dir, lots) = copy_fixture("check/lots");
    let swagger = lots.join("apiDefinition.swagger.json");
    let before = fs::read_to_string(&swagger).unwrap();
    let out = cw()
        .args(["check", "--fix", "--color", "never"])
        .arg(&lots)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("fixed"), "{stdout}");
    let after = fs::read_to_string(&swagger).unwrap();
    assert_eq!(changed_lines(&before, &after), (3, 3), "three values fixed");
    assert!(after.contains("\"summary\": \"Get task/project\","));
    assert!(after.contains("\"propertyName\": \"Privacy policy\""));
    assert!(after.contains("\"title\": \"Contoso Tasks API Connector Suite\","));
    let props = fs::read_to_string(lots.join("apiProperties.json")).unwrap();
    assert!(props.contains("#da3b01"));
    // Adding x-ms-url-encoding changes how the service receives the value: an unsafe fix,
    // offered but not applied without --unsafe-fixes.
    assert!(!after.contains("x-ms-url-encoding"));
    assert!(
        stdout.contains("PARAM-PATH-ENCODING")
            && stdout.contains("(fixable with --fix --unsafe-fixes)"),
        "{stdout}"
    );
    let out = cw()
        .args(["check", "--fix", "--unsafe-fixes", "--color", "never"])
        .arg(&lots)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("x-ms-url-encoding"));
    let unsafe_fixed = fs::read_to_string(&swagger).unwrap();
    assert_eq!(
        changed_lines(&after, &unsafe_fixed),
        (1, 2),
        "one member added"
    );
    assert!(unsafe_fixed.contains("\"x-ms-url-encoding\": \"single\""));
    // Nothing left to fix: a second run writes nothing.
    let mtime = fs::metadata(&swagger).unwrap().modified().unwrap();
    let out = cw()
        .args(["check", "--fix", "--unsafe-fixes", "--color", "never"])
        .arg(&lots)
        .output()
        .unwrap();
    let again = String::from_utf8_lossy(&out.stdout);
    assert!(!again.contains("fixed"), "{again}");
    assert!(again.contains("no fixes applied"), "{again}");
    assert_eq!(fs::metadata(&swagger).unwrap().modified().unwrap(), mtime);
    // --unsafe-fixes means nothing without --fix.
    cw().args(["check", "--unsafe-fixes"])
        .arg(&lots)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--fix"));
}

#[test]
fn sarif_and_github_formats() {
    let out = cw()
        .args(["check", "--format", "sarif"])
        .arg(fixture("check/lots"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "HOST-FORMAT"
        && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 13));
    let out = cw()
        .args(["check", "--format", "github"])
        .arg(fixture("check/lots"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("::error file=")
            && l.contains(",line=13,endLine=13,col=11,endColumn=35,title=HOST-FORMAT::")),
        "{text}"
    );
}

#[test]
fn text_output_respects_no_color() {
    let out = cw()
        .args(["check", "--color", "always"])
        .arg(fixture("check/lots"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\x1b["));
    let out = cw()
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(fixture("check/lots"))
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(!s.contains("\x1b["));
    assert!(s.contains("TITLE-NO-API"));
}

#[test]
fn pr_title_option() {
    let out = cw()
        .args(["check", "--format", "json", "--pr-title", "Contoso Tasks"])
        .arg(fixture("check/good"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["rule"], "PR-TITLE");
    cw().args([
        "check",
        "--pr-title",
        "Contoso Tasks (Independent Publisher)",
    ])
    .arg(fixture("check/good"))
    .assert()
    .code(0);
}

#[test]
fn help_version_completions_rules() {
    cw().arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("check"));
    cw().arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    for sub in [
        "check",
        "rules",
        "search",
        "catalog",
        "session",
        "generate",
        "export",
        "completions",
        "bench",
    ] {
        cw().args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
    cw().args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("connector-wizard"));
    let out = cw().args(["rules", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "TITLE-MAX-30" && r["severity"] == "error"));
    cw().args(["rules", "--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains("OP-SUMMARY-NO-SLASH"));
}

#[test]
fn rules_explains_one_rule_or_a_prefix() {
    let out = cw()
        .args(["rules", "title-max-30", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for part in [
        "TITLE-MAX-30  info.title is at most 30 characters",
        "Severity  error",
        "What it checks",
        "Why",
        "Example that fails",
        "\"Contoso Tasks and Projects Manager\"",
        "Example that passes",
    ] {
        assert!(text.contains(part), "{part:?} missing:\n{text}");
    }
    let out = cw()
        .args(["rules", "--json", "PARAM-PATH-ENCODING"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "PARAM-PATH-ENCODING");
    assert_eq!(v["fix"], "unsafe");
    assert_eq!(v["check"], "automatic");
    assert!(v["explanation"]["what"].as_str().unwrap().len() > 20);
    assert_eq!(v["explanation"]["fails"]["kind"], "swagger-patch");
    let out = cw()
        .args(["rules", "--json", "op-summary"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 8);
    let out = cw().args(["rules", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let manual = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "PR-CLA")
        .unwrap();
    assert_eq!(manual["check"], "manual");
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "BREAKING-OP-REMOVED" && r["extension"] == true));
    cw().args(["rules", "TITLE-MAX-31"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean TITLE-MAX-30"));
}

/// The IDs in the first column of the reference's rule tables: the tables whose header is
/// `| ID | …`.
fn reference_ids(reference: &str) -> std::collections::BTreeSet<String> {
    let mut ids = std::collections::BTreeSet::new();
    let mut in_table = false;
    for line in reference.lines() {
        if line.starts_with("| ID |") {
            in_table = true;
            continue;
        }
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let cell = line
            .trim_start_matches('|')
            .split('|')
            .next()
            .unwrap_or("")
            .trim();
        if in_table && !cell.starts_with("---") {
            ids.insert(cell.to_string());
        }
    }
    ids
}

/// Rule IDs are a contract: every ID of the reference's rule tables has a registry entry
/// (with that exact spelling), and every registry entry outside the documented extensions
/// (the Extensions and Breaking changes families) is an ID of the reference.
#[test]
fn registry_and_reference_hold_the_same_ids() {
    let Some(path) = shared_or_skip(
        "registry_and_reference_hold_the_same_ids",
        "reference/certification-rules.md",
    ) else {
        return;
    };
    let reference = fs::read_to_string(path).unwrap();
    let ids = reference_ids(&reference);
    assert!(ids.len() > 100, "only {} IDs read: {ids:?}", ids.len());
    for id in &ids {
        let rule = connector_wizard::rules::RuleId::from_id(id)
            .unwrap_or_else(|| panic!("{id} is in the reference but has no registry entry"));
        assert_eq!(
            rule.as_str(),
            id,
            "{id} is spelt differently in the registry"
        );
        assert!(
            !rule.rule().family.is_extension(),
            "{id} is in the reference; move it out of the extensions"
        );
    }
    for r in connector_wizard::rules::RULES {
        if r.family.is_extension() {
            assert!(
                !ids.contains(r.id.as_str()),
                "{} is in the reference; move it out of the extensions",
                r.id
            );
        } else {
            assert!(
                ids.contains(r.id.as_str()),
                "{} is not an ID of the reference (an extension belongs to the Extensions family)",
                r.id
            );
        }
    }
}

#[test]
fn reference_ids_are_read_from_table_rows_only() {
    let text = "| Key | URL |\n|---|---|\n| CS | https://x |\n\n| ID | Check |\n|---|---|\n| TITLE-MAX-30 | `len <= 30` | E |\n| MIME | x |\n\n- PRT-1 a list item\n";
    let ids: Vec<String> = reference_ids(text).into_iter().collect();
    assert_eq!(ids, ["MIME", "TITLE-MAX-30"]);
}

#[test]
fn against_reports_breaking_changes_from_git() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIP against_reports_breaking_changes_from_git: git is not installed");
        return;
    }
    let (_dir, good) = copy_fixture("check/good");
    let git = |args: &[&str]| {
        let st = std::process::Command::new("git")
            .args(args)
            .current_dir(&good)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .status()
            .unwrap();
        assert!(st.success());
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["-c", "commit.gpgsign=false", "commit", "-qm", "v1"]);
    let sw = good.join("apiDefinition.swagger.json");
    let text = fs::read_to_string(&sw)
        .unwrap()
        .replace("\"GetTask\"", "\"FetchTask\"");
    fs::write(&sw, text).unwrap();
    let out = cw()
        .args(["check", "--format", "json", "--against", "HEAD"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<_> = rules_of(&v);
    assert_eq!(
        rules,
        vec![(
            "BREAKING-OP-REMOVED".to_string(),
            23,
            "/paths/~1tasks~1{taskId}/get/operationId".to_string()
        )],
        "{v:#}"
    );
}
