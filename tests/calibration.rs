//! The verdicts against merged connectors: `bench calibrate --json` over
//! `shared/calibration` (330 independent-publisher connectors that passed Microsoft's
//! validators and a reviewer). No error rule may fire on more than 5% of them, and at most
//! 10% of those merged in 2023 may have an error, unless the rule's explanation gives a
//! written reason ("Over target:"): a validator message, or a rule newer than the folders.

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn calibrate(dir: &std::path::Path) -> (Value, i32) {
    let out = Command::cargo_bin("connector-wizard")
        .unwrap()
        .args(["bench", "calibrate", "--json"])
        .arg(dir)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, code)
}

#[test]
fn no_error_rule_crosses_the_target_without_a_written_reason() {
    let Some(dir) = common::shared_or_skip(
        "no_error_rule_crosses_the_target_without_a_written_reason",
        "calibration",
    ) else {
        return;
    };
    let (v, code) = calibrate(&dir);
    let folders = v["all"]["folders"].as_u64().unwrap();
    assert!(
        folders >= 300,
        "only {folders} calibration folders were checked"
    );
    assert!(
        v["problems"].as_array().unwrap().is_empty(),
        "{:#}",
        v["problems"]
    );
    let mut over = Vec::new();
    for r in v["rules"].as_array().unwrap() {
        let id = r["rule"].as_str().unwrap();
        let pct = r["percent"].as_f64().unwrap();
        let reason = &r["over_target"];
        if pct > 5.0 && (reason.is_null() || r["fails_target"] == true) {
            over.push(format!("{id}: {pct}% of the merged connectors, {reason}"));
        }
        // Every rule listed is one that reports errors.
        let rule = connector_wizard::rules::RuleId::from_id(id).unwrap().rule();
        assert!(
            rule.allows(connector_wizard::rules::Severity::Error),
            "{id}"
        );
    }
    assert!(
        over.is_empty(),
        "error rules over the 5% target without a written reason:\n{}",
        over.join("\n")
    );
    let year = &v["year_unexplained"];
    assert!(
        year["percent"].as_f64().unwrap() <= 10.0,
        "{} of the {} folders merged in 2023 have an error of a rule without a written reason",
        year["with_error"],
        year["folders"]
    );
    assert!(
        v["failures"].as_array().unwrap().is_empty(),
        "{:#}",
        v["failures"]
    );
    assert_eq!(code, 0, "targets hold, so the exit status is 0");
}

#[test]
fn calibrate_reports_a_missing_folder_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("connector-wizard")
        .unwrap()
        .args(["bench", "calibrate"])
        .arg(dir.path().join("nope"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("merged-dates.json"), "{err}");
}

#[test]
fn calibrate_counts_a_small_set_by_year() {
    // Two folders: one clean connector, one without a swagger title (TITLE-PRESENT).
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("independent-publisher-connectors");
    let good = common::fixture("check/good");
    for (name, title) in [("Good", true), ("Bad", false)] {
        let to = base.join(name);
        common::copy_dir(&good, &to);
        if !title {
            let sw = to.join("apiDefinition.swagger.json");
            let mut v: Value =
                serde_json::from_str(&std::fs::read_to_string(&sw).unwrap()).unwrap();
            v["info"].as_object_mut().unwrap().remove("title");
            std::fs::write(&sw, serde_json::to_string_pretty(&v).unwrap()).unwrap();
        }
    }
    std::fs::write(
        dir.path().join("merged-dates.json"),
        r#"{"Good": "2023-01-05", "Bad": "2022-03-01"}"#,
    )
    .unwrap();
    let (v, code) = calibrate(dir.path());
    assert_eq!(v["all"]["folders"], 2);
    assert_eq!(v["all"]["with_error"], 1, "{v:#}");
    let rules = v["rules"].as_array().unwrap();
    let title = rules
        .iter()
        .find(|r| r["rule"] == "TITLE-PRESENT")
        .unwrap_or_else(|| panic!("{v:#}"));
    assert_eq!(title["folders"], 1);
    assert_eq!(title["percent"], 50.0);
    assert_eq!(title["by_year"], serde_json::json!([["2022", 1]]));
    // 50% without a written reason: the target is missed and the exit status says so.
    assert_eq!(code, 1);
    assert!(v["failures"][0].as_str().unwrap().contains("TITLE-PRESENT"));
    // The text form names the rule and the shares.
    let out = Command::cargo_bin("connector-wizard")
        .unwrap()
        .args(["bench", "calibrate"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("TITLE-PRESENT"), "{text}");
    assert!(
        text.contains("folders with any error: 1 of 2 (50.0%)"),
        "{text}"
    );
    assert!(text.contains("target missed: TITLE-PRESENT"), "{text}");
}
