//! The explanations are complete, and their examples fail and pass as they say: each runnable
//! example goes through the whole check of a connector folder that otherwise passes every
//! rule.

use super::*;
use crate::document::ConnectorKind;
use crate::rules::testutil::*;
use crate::rules::{check, Check, CheckOptions, Family, Finding};
use serde_json::Value;

#[test]
fn every_rule_has_a_complete_explanation() {
    let problems = problems();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    for id in RuleId::ALL {
        let e = explanation(*id).unwrap();
        assert!(e.file.starts_with("src/rules/docs/"), "{id}: {}", e.file);
        assert_ne!(
            e.fails.code, e.passes.code,
            "{id}: both examples are the same"
        );
        assert_eq!(
            e.fails.kind, e.passes.kind,
            "{id}: the examples are of different kinds"
        );
    }
}

#[test]
fn a_missing_part_or_an_unknown_id_is_a_problem() {
    let text = "# Title\n\n## TITLE-MAX-30\n\nWhat: a.\n\nFails:\n```text pr-title\nx\n```\n\nPasses:\n```text pr-title\ny\n```\n\n## OK-ID\n\nWhat: a.\n\nWhy: b.\n\nFails:\n```json\n{}\n```\n\nPasses:\n```json\n[]\n```\n";
    let mut errors = Vec::new();
    let sections = parse("x.md", text, &mut errors);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("no Why:"), "{}", errors[0]);
    assert_eq!(errors[0].line, 3);
    assert_eq!(sections.len(), 1);
    assert_eq!(sections[0].0, "OK-ID");
    assert_eq!(sections[0].2.fails.kind, ExampleKind::Illustration);
    let mut errors = Vec::new();
    parse(
        "x.md",
        "## A-B\n\nWhat: a.\n\nWhy: b.\n\nFails:\n```json\n{}\n",
        &mut errors,
    );
    assert!(errors[0].message.contains("not closed"), "{errors:?}");
}

#[test]
fn evidence_and_over_target_paragraphs() {
    let section = |over: &str| {
        format!("## A-B\n\nWhat: a.\n\nWhy: b.\n\nEvidence: 3 of 330.\n\nOver target: {over}\n\nFails:\n```json\n{{}}\n```\n\nPasses:\n```json\n[]\n```\n")
    };
    let mut errors = Vec::new();
    let s = parse("x.md", &section("validator \"too long\" (#1)"), &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(s[0].2.evidence.as_deref(), Some("3 of 330."));
    assert!(
        matches!(&s[0].2.over_target, Some(OverTarget::Validator { message, .. }) if message == "too long")
    );
    let s = parse(
        "x.md",
        &section("newer than 2025-01-31 (#4104)"),
        &mut errors,
    );
    assert!(
        matches!(&s[0].2.over_target, Some(OverTarget::Newer { since, .. }) if since == "2025-01-31")
    );
    for bad in ["validator without quotes", "newer than soon", "because"] {
        let mut errors = Vec::new();
        assert!(parse("x.md", &section(bad), &mut errors).is_empty());
        assert!(errors[0].message.contains("Over target"), "{errors:?}");
    }
    // Every Over target of the registry is an error rule's.
    for id in RuleId::ALL {
        if explanation(*id).is_some_and(|e| e.over_target.is_some()) {
            assert!(id.rule().allows(crate::rules::Severity::Error), "{id}");
        }
    }
}

/// RFC 7386: objects merge, `null` removes a member, anything else replaces.
fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.shift_remove(k);
                } else {
                    merge(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

/// Runs one example: the findings of the connector it describes.
fn run_example(e: &Example) -> Vec<Finding> {
    let mut swagger = good_swagger();
    let mut props: Value = serde_json::from_str(AP).unwrap();
    let mut readme = README.to_string();
    let mut intro = INTRO.to_string();
    let mut script = None;
    let mut swagger_text = None;
    let mut opts = CheckOptions::default();
    let json = |code: &str| -> Value {
        serde_json::from_str(code).unwrap_or_else(|err| panic!("{err}:\n{code}"))
    };
    match e.kind {
        ExampleKind::SwaggerPatch => merge(&mut swagger, &json(&e.code)),
        ExampleKind::ApiPropertiesPatch => merge(&mut props, &json(&e.code)),
        ExampleKind::Readme => readme = format!("{}\n", e.code),
        ExampleKind::Intro => intro = format!("{}\n", e.code),
        ExampleKind::PrTitle => opts.pr_title = Some(e.code.trim().to_string()),
        ExampleKind::SwaggerText => swagger_text = Some(e.code.clone()),
        ExampleKind::Script => script = Some(format!("{}\n", e.code)),
        ExampleKind::Illustration => unreachable!("illustrations are not run"),
    }
    let sw = swagger_text.unwrap_or_else(|| text(&swagger));
    let ap = text(&props);
    let mut files = vec![
        ("apiDefinition.swagger.json", sw.as_str()),
        ("apiProperties.json", ap.as_str()),
        ("readme.md", readme.as_str()),
        ("intro.md", intro.as_str()),
    ];
    // A proposal's title is checked on a proposal: a folder without apiProperties.json (with
    // it, the folder holds a full connector and "Proposal -" is PR-TITLE's finding).
    if opts
        .pr_title
        .as_deref()
        .is_some_and(|t| t.starts_with("Proposal"))
    {
        files.retain(|(name, _)| *name != "apiProperties.json");
    }
    if let Some(s) = &script {
        files.push(("script.csx", s));
    }
    let f = connector(&files, ConnectorKind::IndependentPublisher);
    check(&f.connector, &opts)
}

/// Rules whose examples cannot be one file of a folder that otherwise passes (a folder
/// layout, a file size, the connector kind, an older version): they illustrate.
const NOT_RUNNABLE: &[RuleId] = &[
    RuleId::Size1Mb,
    RuleId::FileSwaggerName,
    RuleId::FileExtra,
    RuleId::IpNoIcon,
    RuleId::ReadmePresent,
    RuleId::TitleFolder,
    RuleId::CertBadColor,
    RuleId::ReadmeOauth,
    RuleId::FileSwaggerOne,
    RuleId::FileOtherConnector,
    RuleId::FileImages,
    RuleId::FileZipOne,
    RuleId::FolderNoIpSuffix,
];

#[test]
fn the_folder_the_examples_change_passes_every_rule() {
    let sw = text(&good_swagger());
    let f = connector(
        &[
            ("apiDefinition.swagger.json", &sw),
            ("apiProperties.json", AP),
            ("readme.md", README),
            ("intro.md", INTRO),
        ],
        ConnectorKind::IndependentPublisher,
    );
    let fs = check(&f.connector, &CheckOptions::default());
    assert!(fs.is_empty(), "{fs:#?}");
}

#[test]
fn examples_fail_and_pass_as_they_say() {
    let mut ran = 0;
    for id in RuleId::ALL.iter().copied() {
        let rule = id.rule();
        let e = explanation(id).unwrap_or_else(|| panic!("{id} has no explanation"));
        let runnable = e.fails.kind != ExampleKind::Illustration;
        let expected = rule.check == Check::Automatic
            && rule.family != Family::Breaking
            && !NOT_RUNNABLE.contains(&id);
        assert_eq!(
            runnable,
            expected,
            "{id}: its examples should {}be runnable (info string {:?})",
            if expected { "" } else { "not " },
            e.fails.info
        );
        if !runnable {
            continue;
        }
        let fails = run_example(&e.fails);
        assert!(
            fails.iter().any(|f| f.rule == id),
            "{id}: the failing example does not fail it:\n{}\nfindings: {fails:#?}",
            e.fails.code
        );
        let passes = run_example(&e.passes);
        assert!(
            !passes.iter().any(|f| f.rule == id),
            "{id}: the passing example fails it:\n{}\nfindings: {passes:#?}",
            e.passes.code
        );
        ran += 1;
    }
    assert!(ran > 80, "only {ran} rules have runnable examples");
}
