//! The 40 real connectors of ../shared/corpus: no panic, valid JSON out, every finding on a
//! real line of the file it names, invalid files reported where they break.

mod common;

use assert_cmd::Command;
use common::*;
use connector_wizard::document::Connector;
use connector_wizard::json::apply_edits;
use connector_wizard::rules::{check, CheckOptions, Family, Finding};
use serde_json::Value;
use std::collections::HashMap;

#[test]
fn corpus_checks_cleanly() {
    let Some(corpus) = corpus_or_skip("corpus_checks_cleanly") else {
        return;
    };
    let folders = corpus_folders(&corpus);
    assert!(
        folders.len() >= 40,
        "expected 40 connectors, found {}",
        folders.len()
    );
    let out = Command::cargo_bin("connector-wizard")
        .unwrap()
        .args(["check", "--format", "json"])
        .args(&folders)
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "exit {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["summary"]["connectors"], folders.len());
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.len() > 100);
    let mut line_counts: HashMap<String, usize> = HashMap::new();
    for f in findings {
        let file = f["file"].as_str().unwrap();
        let line = f["line"].as_u64().unwrap() as usize;
        if file == "PR title" || line == 0 {
            continue;
        }
        let n = *line_counts.entry(file.to_string()).or_insert_with(|| {
            let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{file}: {e}"));
            bytes.split(|b| *b == b'\n').count()
        });
        assert!(
            line >= 1 && line <= n,
            "{file}: line {line} of {n} ({})",
            f["rule"]
        );
        assert!(f["column"].as_u64().unwrap() >= 1);
        let rule = f["rule"].as_str().unwrap();
        assert!(
            connector_wizard::rules::RULES.iter().any(|r| r.id == rule)
                || rule.starts_with("BREAKING-"),
            "unknown rule {rule}"
        );
    }
    // The invalid swaggers are reported where a strict parser stops.
    let at = |name: &str| -> Vec<(u64, u64)> {
        findings
            .iter()
            .filter(|f| f["rule"] == "JSON-VALID" && f["file"].as_str().unwrap().contains(name))
            .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
            .collect()
    };
    assert_eq!(at("/XSOAR/"), vec![(10, 7)]);
    assert_eq!(at("/DocuMotor/"), vec![(48, 11)]);
    assert_eq!(at("/GIPHY/"), vec![(810, 13)]);
    assert_eq!(
        at("Brønnøysundregistrene").len(),
        1,
        "the cp1252 byte is reported"
    );
    // Known facts of the corpus README.
    let has = |name: &str, rule: &str| {
        findings
            .iter()
            .any(|f| f["rule"] == rule && f["file"].as_str().unwrap().contains(name))
    };
    assert!(has("/Cloudmersive Document Conversion/", "TITLE-MAX-30"));
    assert!(has("/Dokobit Universal API/", "TITLE-NO-API"));
    assert!(has("/CloudAppSecurity/", "TITLE-NO-CONNECTOR"));
    assert!(has("/JotForm Enterprise/", "HOST-FORMAT"));
    assert!(has("/USB4SAP/", "EXT-PREFIX"));
    assert!(has("/WooCommerce/", "METADATA-PRIVACY"));
    assert!(has("/Notion/", "METADATA-CATEGORIES"));
    assert!(has("/OpenWeather/", "DESC-LEN-30-500"));
    assert!(has("/Influenza and Covid-19/", "FILE-SWAGGER-NAME"));
    assert!(has("/Encodian/", "SIZE-1MB"));
    assert!(has("/CopilotForFinanceCommunications/", "DESC-PRESENT"));
}

/// The operation, parameter and response rules on the real connectors: every finding is on
/// a real line, its pointer resolves to the node on that line, and its fix keeps the JSON
/// valid.
#[test]
fn corpus_findings_point_at_real_lines() {
    let mine = |f: &Finding| {
        matches!(
            f.rule.rule().family,
            Family::Operations | Family::Parameters | Family::Responses
        )
    };
    let Some(corpus) = corpus_or_skip("corpus_findings_point_at_real_lines") else {
        return;
    };
    let kinds = std::fs::read_dir(&corpus).unwrap();
    let mut folders = 0;
    let mut findings = 0;
    for kind in kinds.flatten().filter(|e| e.path().is_dir()) {
        for folder in std::fs::read_dir(kind.path())
            .unwrap()
            .flatten()
            .filter(|e| e.path().is_dir())
        {
            let Ok(c) = Connector::load(&folder.path(), None) else {
                continue;
            };
            let Some(sw) = &c.swagger else { continue };
            folders += 1;
            let root = sw.json();
            for f in check(&c, &CheckOptions::default())
                .iter()
                .filter(|f| mine(f))
            {
                findings += 1;
                assert!(
                    f.line >= 1 && f.line <= sw.lines.line_count(),
                    "{}: {f:?}",
                    folder.path().display()
                );
                let root = root.expect("findings of these rules need a parsed swagger");
                let node = root.pointer(&f.pointer);
                assert!(
                    node.is_some(),
                    "{}: pointer {} does not resolve",
                    folder.path().display(),
                    f.pointer
                );
                // The line is the line of the node (or, for a status key, of its key).
                let (line, _) = sw.line_col(node.unwrap().span.start);
                assert!(
                    line == f.line || f.rule == "RESPONSE-CODES",
                    "{f:?} vs line {line}"
                );
                if let Some(fix) = &f.fix {
                    let (out, dropped) = apply_edits(&sw.text, &fix.edits);
                    assert_eq!(dropped, 0);
                    assert!(
                        connector_wizard::json::parse(&out).is_ok(),
                        "{}: the fix breaks the JSON",
                        f.pointer
                    );
                }
            }
        }
    }
    assert!(
        folders >= 30,
        "only {folders} connectors read from {}",
        corpus.display()
    );
    assert!(findings > 0);
    eprintln!("{folders} connectors, {findings} operation/parameter/response findings");
}
