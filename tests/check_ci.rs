//! `check` in CI across a whole checkout, run as a user would: walking a checkout, changed
//! folders, rule selection and the config file, baselines, the output options, the GitHub
//! job summary, and the per-rule cap on a swagger with 50,000 operations.

mod common;

use assert_cmd::Command;
use common::*;
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};

fn cw(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("connector-wizard").unwrap();
    c.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("CONNECTOR_WIZARD_HOME", dir.join(".home"));
    c
}

/// A checkout: two independent-publisher connectors (one good, one with many findings), a
/// certified one, an ignored one and a template folder without a swagger.
fn checkout() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("PowerPlatformConnectors");
    let ip = root.join("independent-publisher-connectors");
    copy_dir(&fixture("check/good"), &ip.join("Good"));
    copy_dir(&fixture("check/lots"), &ip.join("Lots"));
    copy_dir(&fixture("check/lots"), &ip.join("Lots Two"));
    copy_dir(
        &fixture("check/good"),
        &root.join("certified-connectors/Cert"),
    );
    copy_dir(&fixture("check/lots"), &root.join("scratch/Ignored"));
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(root.join("templates/readme.md"), "# x\n").unwrap();
    fs::write(root.join(".gitignore"), "scratch/\n.home/\n").unwrap();
    (d, root)
}

fn json_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn files(v: &Value) -> Vec<String> {
    let mut f: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = f["file"].as_str().unwrap().replace('\\', "/");
            p.rsplit('/').nth(1).unwrap().to_string()
        })
        .collect();
    f.dedup();
    f
}

fn rules(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_checkout_is_walked() {
    let (_d, root) = checkout();
    let out = cw(&root)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("found 4 connector folders under ."), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
    let v = json_of(&out);
    assert_eq!(v["summary"]["connectors"], 4);
    // Deterministic order (sorted paths); the ignored copy is not there.
    assert_eq!(files(&v), ["Cert", "Good", "Lots", "Lots Two"]);
    assert!(
        v["findings"][0]["file"]
            .as_str()
            .unwrap()
            .starts_with("certified-connectors/Cert/"),
        "no ./ in front"
    );
    // A group folder is walked too; a connector folder is itself.
    let out = cw(&root)
        .args([
            "check",
            "-q",
            "--format",
            "json",
            "independent-publisher-connectors",
        ])
        .output()
        .unwrap();
    assert_eq!(json_of(&out)["summary"]["connectors"], 3);
    assert!(
        out.stderr.is_empty(),
        "--quiet: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A folder with nothing below it says so.
    cw(&root)
        .args(["check", "templates"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no *.swagger.json file"));
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn changed_since_checks_only_the_changed_folders_against_that_revision() {
    if !connector_wizard::breaking::git::available() {
        eprintln!("SKIP changed_since_checks_only_the_changed_folders_against_that_revision: git is not installed");
        return;
    }
    let (_d, root) = checkout();
    git(&root, &["init", "-q", "-b", "dev"]);
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "base"]);
    // Good: an operation renamed (a breaking change); a new, untracked connector; Lots and
    // Cert untouched.
    let sw = root.join("independent-publisher-connectors/Good/apiDefinition.swagger.json");
    let text = fs::read_to_string(&sw)
        .unwrap()
        .replace("\"GetTask\"", "\"FetchTask\"");
    fs::write(&sw, text).unwrap();
    copy_dir(
        &fixture("check/lots"),
        &root.join("independent-publisher-connectors/New"),
    );
    let out = cw(&root)
        .args(["check", "--format", "json", "--changed-since", "HEAD", "."])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2 of 5 connector folders changed since HEAD"),
        "{err}"
    );
    assert!(
        err.contains(
            "compared independent-publisher-connectors/Good/apiDefinition.swagger.json with"
        ),
        "{err}"
    );
    let v = json_of(&out);
    assert_eq!(v["summary"]["connectors"], 2, "{v:#}");
    assert_eq!(files(&v), ["Good", "New"]);
    assert!(
        rules(&v).contains(&"BREAKING-OP-REMOVED".to_string()),
        "{v:#}"
    );
    // An unknown revision is a clear error.
    cw(&root)
        .args(["check", "--changed-since", "no-such-branch", "."])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown git revision 'no-such-branch'",
        ));
}

#[test]
fn rules_are_chosen_on_the_command_line_and_in_the_config() {
    let (_d, root) = checkout();
    let lots = "independent-publisher-connectors/Lots";
    let all = json_of(
        &cw(&root)
            .args(["check", "--format", "json", lots])
            .output()
            .unwrap(),
    );
    let all = rules(&all);
    assert!(all.iter().any(|r| r.starts_with("TITLE-")) && all.contains(&"HOST-FORMAT".into()));

    // --select by prefix, --ignore one of them.
    let v = json_of(
        &cw(&root)
            .args([
                "check",
                "--format",
                "json",
                "--select",
                "TITLE-",
                "--ignore",
                "TITLE-NO-API",
                lots,
            ])
            .output()
            .unwrap(),
    );
    let got = rules(&v);
    assert!(
        !got.is_empty() && got.iter().all(|r| r.starts_with("TITLE-")),
        "{got:?}"
    );
    assert!(!got.contains(&"TITLE-NO-API".to_string()));

    // The config: found by walking up, select + severity override + per-path ignore.
    fs::write(
        root.join("connector-wizard.toml"),
        "[check]\nselect = [\"TITLE-\", \"HOST-\"]\n\n[check.severity]\n\"HOST-FORMAT\" = \"info\"\n\n[check.per-path-ignores]\n\"independent-publisher-connectors/Lots/apiProperties.json\" = [\"ALL\"]\n\"certified-connectors/*\" = [\"TITLE-\"]\n",
    )
    .unwrap();
    let out = cw(&root.join("independent-publisher-connectors"))
        .args(["check", "--format", "json", "Lots"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("connector-wizard.toml"));
    let v = json_of(&out);
    let got = rules(&v);
    assert!(
        got.iter()
            .all(|r| r.starts_with("TITLE-") || r.starts_with("HOST-")),
        "{got:?}"
    );
    let host = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "HOST-FORMAT")
        .unwrap();
    assert_eq!(host["severity"], "info");
    // --extend-select adds to the config's choice; --isolated ignores the config.
    let v = json_of(
        &cw(&root)
            .args([
                "check",
                "--format",
                "json",
                "--extend-select",
                "IP-BRAND-COLOR",
                lots,
            ])
            .output()
            .unwrap(),
    );
    assert!(
        !rules(&v).contains(&"IP-BRAND-COLOR".to_string()),
        "per-path ignore of apiProperties.json"
    );
    let v = json_of(
        &cw(&root)
            .args(["check", "--format", "json", "--isolated", lots])
            .output()
            .unwrap(),
    );
    assert_eq!(rules(&v), all);

    // Unknown IDs: errors with a suggestion, in the config (with its line) and on the command line.
    fs::write(
        root.join("connector-wizard.toml"),
        "[check]\nignore = [\"OPID-CASEE\"]\n",
    )
    .unwrap();
    cw(&root)
        .args(["check", lots])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("connector-wizard.toml:2:"))
        .stderr(predicates::str::contains("did you mean OPID-CASE"));
    cw(&root)
        .args(["check", "--isolated", "--select", "TITEL-MAX-30", lots])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--select: unknown rule or prefix `TITEL-MAX-30`; did you mean TITLE-MAX-30",
        ));
    // --config names a file explicitly.
    let other = root.join("other.toml");
    fs::write(&other, "[check]\nselect = [\"HOST-FORMAT\"]\n").unwrap();
    let v = json_of(
        &cw(&root)
            .args(["check", "--format", "json", "--config", "other.toml", lots])
            .output()
            .unwrap(),
    );
    assert_eq!(rules(&v), ["HOST-FORMAT"]);
}

#[test]
fn a_baseline_reports_only_new_findings() {
    let (_d, root) = checkout();
    let ip = "independent-publisher-connectors";
    cw(&root)
        .args(["check", "--write-baseline", "baseline.json", ip])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("wrote baseline.json:"));
    let b: Value =
        serde_json::from_str(&fs::read_to_string(root.join("baseline.json")).unwrap()).unwrap();
    assert!(
        b["findings"].as_array().unwrap().iter().any(|f| f["file"]
            == "independent-publisher-connectors/Lots/apiDefinition.swagger.json"
            && f["pointer"] == "/host"),
        "{b:#}"
    );
    // Everything known: nothing reported, exit 0.
    let out = cw(&root)
        .args([
            "check",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            ip,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    assert_eq!(v["findings"], json!([]));
    assert!(v["summary"]["baselined"].as_u64().unwrap() > 5);
    // Lines shift (a blank line at the top), one new finding: only it is reported.
    let sw = root.join(ip).join("Lots/apiDefinition.swagger.json");
    let text = fs::read_to_string(&sw).unwrap();
    let text = format!(
        "\n\n{}",
        text.replacen("\"basePath\": \"/v1\"", "\"basePath\": \"v1\"", 1)
    );
    fs::write(&sw, text).unwrap();
    let out = cw(&root)
        .args([
            "check",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            ip,
        ])
        .output()
        .unwrap();
    let v = json_of(&out);
    assert_eq!(rules(&v), ["BASEPATH"], "{v:#}");
    assert_eq!(out.status.code(), Some(1));
    // The baseline works from another folder too (paths are relative to it).
    let out = cw(&root.join(ip))
        .args([
            "check",
            "--format",
            "json",
            "--baseline",
            "../baseline.json",
            "Lots",
        ])
        .output()
        .unwrap();
    assert_eq!(rules(&json_of(&out)), ["BASEPATH"]);
    // A broken baseline is an error naming it.
    fs::write(root.join("bad.json"), "{\"findings\": 3}").unwrap();
    cw(&root)
        .args(["check", "--baseline", "bad.json", ip])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.json: line 1"));
}

#[test]
fn output_options() {
    let (_d, root) = checkout();
    let lots = "independent-publisher-connectors/Lots";
    // concise: one line per finding.
    let out = cw(&root)
        .args(["check", "--format", "concise", "-q", lots])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().any(|l| l == "independent-publisher-connectors/Lots/apiDefinition.swagger.json:13:11: error HOST-FORMAT host \"https://api.contoso.com\" is not a bare host name"),
        "{text}"
    );
    assert!(
        text.lines()
            .all(|l| l.starts_with("independent-publisher-connectors/Lots/")),
        "--quiet: no summary: {text}"
    );
    // -o FILE: the SARIF goes there, standard output stays empty.
    let out = cw(&root)
        .args(["check", "--format", "sarif", "-o", "r.sarif", lots])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let v: Value =
        serde_json::from_str(&fs::read_to_string(root.join("r.sarif")).unwrap()).unwrap();
    let run = &v["runs"][0];
    let uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].clone();
    assert_eq!(uri["uriBaseId"], "%SRCROOT%");
    assert!(
        uri["uri"]
            .as_str()
            .unwrap()
            .starts_with("independent-publisher-connectors/Lots/"),
        "{uri}"
    );
    assert!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap()
        .starts_with("file:///"));
    assert!(
        run["results"][0]["partialFingerprints"]["connectorWizardFinding/v1"]
            .as_str()
            .unwrap()
            .len()
            == 16
    );
    // --statistics: a count per rule.
    let out = cw(&root)
        .args(["check", "--statistics", lots])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("1  HOST-FORMAT")),
        "{text}"
    );
    let out = cw(&root)
        .args(["check", "--statistics", "--format", "json", lots])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["rule"] == "HOST-FORMAT" && r["count"] == 1));
    // Exit status: --exit-zero, --fail-on warning.
    cw(&root)
        .args(["check", "--exit-zero", lots])
        .assert()
        .code(0);
    cw(&root)
        .args(["check", "--select", "PARAM-PATH-ENCODING", lots])
        .assert()
        .code(0);
    cw(&root)
        .args([
            "check",
            "--select",
            "PARAM-PATH-ENCODING",
            "--fail-on",
            "warning",
            lots,
        ])
        .assert()
        .code(1);
    // Standard input, named by --stdin-filename.
    let sw = fs::read(fixture("check/lots/apiDefinition.swagger.json")).unwrap();
    let out = cw(&root)
        .args([
            "check",
            "--format",
            "concise",
            "-q",
            "--stdin-filename",
            "certified-connectors/X/apiDefinition.swagger.json",
            "-",
        ])
        .write_stdin(sw)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("certified-connectors/X/apiDefinition.swagger.json:13:11: error HOST-FORMAT"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn github_annotations_and_the_job_summary() {
    let (d, root) = checkout();
    let summary = d.path().join("summary.md");
    fs::write(&summary, "earlier step\n").unwrap();
    let out = cw(&root)
        .args(["check", "--format", "github", "."])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let kinds: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    // At most 10 per kind, errors first.
    assert_eq!(
        kinds.iter().filter(|k| **k == "::error").count(),
        10,
        "{text}"
    );
    let first_warning = kinds
        .iter()
        .position(|k| *k != "::error")
        .unwrap_or(kinds.len());
    assert!(
        kinds[..first_warning].iter().all(|k| *k == "::error") && first_warning == 10,
        "{kinds:?}"
    );
    assert!(text.contains("endLine="), "{text}");
    // The rest are plain lines, and the end says so.
    assert!(
        text.contains("not annotated (GitHub shows 10 of each kind per step)"),
        "{text}"
    );
    assert!(
        text.contains("and the job summary counts them per rule"),
        "{text}"
    );
    let md = fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with("earlier step\n### connector-wizard check"),
        "appended: {md}"
    );
    assert!(md.contains("| `HOST-FORMAT` | error | 2 |"), "{md}");
    assert!(md.contains("not annotated"), "{md}");
    // "1 error", not "1 errors".
    let out = cw(&root)
        .args([
            "check",
            "--format",
            "github",
            "--select",
            "HOST-FORMAT",
            "independent-publisher-connectors/Lots",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("connector-wizard: 1 error, 0 warnings, 0 infos in 1 connector"),
        "{text}"
    );
}

/// A 10 MB swagger with 50,000 operations: each one without a description or a response
/// schema. The findings of one rule stop at 100 and one more says how many were left out.
#[test]
fn findings_per_rule_are_capped_on_a_huge_swagger() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("Huge");
    fs::create_dir(&dir).unwrap();
    let mut paths = serde_json::Map::new();
    for i in 0..50_000 {
        paths.insert(
            format!("/items{i}"),
            json!({"get": {"operationId": format!("GetItem{i}"), "summary": format!("Get item {i}"),
                "x-ms-visibility": "advanced",
                "responses": {"200": {"description": "The item."}}}}),
        );
    }
    let sw = json!({"swagger": "2.0", "info": {"title": "Huge", "version": "1.0"},
        "host": "api.example.com", "schemes": ["https"], "paths": paths});
    let text = serde_json::to_string(&sw).unwrap();
    assert!(text.len() > 2_500_000, "{}", text.len());
    fs::write(dir.join("apiDefinition.swagger.json"), text).unwrap();
    let out = cw(d.path())
        .args(["check", "--format", "json", "--isolated", "Huge"])
        .output()
        .unwrap();
    let v = json_of(&out);
    let findings = v["findings"].as_array().unwrap();
    let of = |id: &str| {
        findings
            .iter()
            .filter(|f| f["rule"] == id)
            .collect::<Vec<_>>()
    };
    let desc = of("OP-DESC-PRESENT");
    assert_eq!(desc.len(), connector_wizard::rules::MAX_PER_RULE + 1);
    let more = desc
        .iter()
        .find(|f| f["message"].as_str().unwrap().starts_with("and "))
        .unwrap();
    assert_eq!(
        more["message"],
        "and 49900 more OP-DESC-PRESENT findings in this file, not listed (at most 100 per rule and file are)"
    );
    assert!(of("RESPONSE-SCHEMA").len() == 101);
    // Every rule stays under the cap: the whole report is small.
    assert!(findings.len() < 2_000, "{}", findings.len());
}

#[test]
fn a_config_inside_a_connector_folder_switches_nothing_off() {
    let (_d, root) = checkout();
    // A pull request adds a config to its own folder that ignores every rule.
    let lots = root.join("independent-publisher-connectors/Lots");
    fs::write(
        lots.join("connector-wizard.toml"),
        "[check]\nignore = [\"ALL\"]\n",
    )
    .unwrap();
    let mut isolated = Vec::new();
    for extra in [&[][..], &["--isolated"][..]] {
        let out = cw(&root)
            .args(["check", "--format", "json"])
            .args(extra)
            .arg(&lots)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        if extra.is_empty() {
            assert!(
                err.contains(
                    "connector-wizard.toml is not used: a config inside a connector folder"
                ),
                "{err}"
            );
        }
        isolated.push(rules(&json_of(&out)));
    }
    assert!(!isolated[0].is_empty());
    assert_eq!(isolated[0], isolated[1]);
    // Walking the whole checkout: the config is looked for from the path named, not from
    // the first connector folder found under it (certified-connectors/Cert sorts first).
    fs::rename(
        lots.join("connector-wizard.toml"),
        root.join("certified-connectors/Cert/connector-wizard.toml"),
    )
    .unwrap();
    let out = cw(&root)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let v = json_of(&out);
    assert!(files(&v).contains(&"Lots".to_string()), "{v:#}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("using "));
}
