//! Check results as text, JSON, SARIF 2.1.0 or GitHub workflow commands.
//!
//! Findings quote the files they are about, so every field of a finding is untrusted text:
//! the text and GitHub formats show each through [`printable`] (one line, controls shown as
//! `\u{1b}`), JSON and SARIF escape them with [`json_pretty`].

use super::color::Paint;
use crate::rules::{Check, Finding, Rule, Severity, Summary, RULES};
use crate::util::printable::{json_pretty, printable};
use serde_json::json;
use std::fmt::Write;

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    Sarif,
    Github,
}

/// Everything `check` found, for the formatters.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Paths that could not be read at all.
    pub problems: Vec<String>,
    /// Fixes applied by `--fix`: (file, description).
    pub fixed: Vec<(String, String)>,
    /// `--fix` was given (so an empty `fixed` is worth saying).
    pub fix_requested: bool,
    pub connectors: usize,
    pub seconds: f64,
}

fn sev_label(p: &Paint, s: Severity) -> String {
    match s {
        Severity::Error => p.red("error"),
        Severity::Warning => p.yellow("warning"),
        Severity::Info => p.blue("info"),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Human-readable output, grouped by file.
pub fn text(r: &Report, paint: Paint) -> String {
    let mut out = String::new();
    for (file, what) in &r.fixed {
        let _ = writeln!(
            out,
            "{} {}: {}",
            paint.green("fixed"),
            printable(file),
            printable(what)
        );
    }
    if !r.fixed.is_empty() {
        out.push('\n');
    } else if r.fix_requested && r.connectors > 0 {
        let _ = writeln!(out, "no fixes applied: nothing had a safe fix\n");
    }
    let mut current: Option<&str> = None;
    for f in &r.findings {
        if current != Some(f.file.as_str()) {
            if current.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", paint.bold(&printable(&f.file)));
            current = Some(&f.file);
        }
        let pos = if f.line > 0 {
            format!("{}:{}", f.line, f.column)
        } else {
            "-".into()
        };
        let sev = sev_label(&paint, f.severity);
        let pad = 7usize.saturating_sub(f.severity.as_str().len());
        let _ = writeln!(
            out,
            "  {pos:>9}  {sev}{}  {}  {}",
            " ".repeat(pad),
            paint.bold(f.rule.as_str()),
            printable(&f.message)
        );
        let mut help = format!("help: {}", printable(&f.help));
        if !f.pointer.is_empty() {
            let _ = write!(help, "  [{}]", printable(&f.pointer));
        }
        match &f.fix {
            Some(x) if x.is_safe() => help.push_str("  (fixable with --fix)"),
            Some(_) => help.push_str("  (fixable with --fix --unsafe-fixes)"),
            None => {}
        }
        let _ = writeln!(out, "  {:>9}  {}", "", paint.dim(&help));
    }
    if r.connectors == 0 && !r.problems.is_empty() {
        // Nothing was read: the errors on stderr say why; a "0 errors" line would mislead.
        return out;
    }
    let s = Summary::of(&r.findings);
    if !r.findings.is_empty() {
        out.push('\n');
    }
    let line = format!(
        "{}, {}, {} in {} ({:.2} s)",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        plural(r.connectors, "connector", "connectors"),
        r.seconds
    );
    let _ = writeln!(
        out,
        "{}",
        if s.errors > 0 {
            paint.red(&line)
        } else {
            paint.green(&line)
        }
    );
    out
}

fn finding_json(f: &Finding) -> serde_json::Value {
    json!({
        "rule": f.rule,
        "severity": f.severity,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "pointer": f.pointer,
        "message": f.message,
        "help": f.help,
        "fixable": f.fix.is_some(),
    })
}

/// `{"version":1,"findings":[…],"summary":{…}}`.
pub fn json(r: &Report) -> String {
    let s = Summary::of(&r.findings);
    let v = json!({
        "version": 1,
        "findings": r.findings.iter().map(finding_json).collect::<Vec<_>>(),
        "summary": {"errors": s.errors, "warnings": s.warnings, "infos": s.infos, "connectors": r.connectors},
        "problems": r.problems,
        "fixed": r.fixed.iter().map(|(f, d)| json!({"file": f, "fix": d})).collect::<Vec<_>>(),
    });
    let mut s = json_pretty(&v).expect("JSON of plain values");
    s.push('\n');
    s
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file path as a SARIF artifact URI: forward slashes, reserved characters escaped.
pub fn sarif_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    crate::util::percent::path(p.strip_prefix("./").unwrap_or(&p))
}

/// The rules SARIF describes: every rule `check` can report, from the registry.
pub fn sarif_rules() -> Vec<&'static Rule> {
    RULES
        .iter()
        .filter(|r| r.check == Check::Automatic)
        .collect()
}

/// A rule as a SARIF `reportingDescriptor`: summary, full description, help (text and
/// Markdown, with the failing and passing examples) and the source.
fn sarif_rule(x: &Rule) -> serde_json::Value {
    let e = x.explanation();
    let full = e.map(|e| format!("{} {}", e.what, e.why));
    json!({
        "id": x.id,
        "name": x.id,
        "shortDescription": {"text": x.summary},
        "fullDescription": {"text": full.as_deref().unwrap_or(x.summary)},
        "help": {
            "text": e.map(|e| e.text()).unwrap_or_else(|| x.summary.to_string()),
            "markdown": e.map(|e| e.markdown()).unwrap_or_else(|| x.summary.to_string()),
        },
        "helpUri": x.source,
        "defaultConfiguration": {"level": sarif_level(x.severity)},
        "properties": {"tags": [x.family.label()], "fix": x.fix},
    })
}

/// SARIF 2.1.0, as GitHub code scanning accepts it. `driver.rules` holds every rule `check`
/// can report (breaking changes included), each with its full metadata.
pub fn sarif(r: &Report) -> String {
    let rules = sarif_rules();
    let rule_index = |id| rules.iter().position(|x| x.id == id);
    let results: Vec<_> = r
        .findings
        .iter()
        .map(|f| {
            let mut loc =
                json!({"physicalLocation": {"artifactLocation": {"uri": sarif_uri(&f.file)}}});
            if f.line > 0 {
                loc["physicalLocation"]["region"] =
                    json!({"startLine": f.line, "startColumn": f.column.max(1)});
            }
            if !f.pointer.is_empty() {
                loc["logicalLocations"] =
                    json!([{"fullyQualifiedName": f.pointer, "kind": "member"}]);
            }
            let mut res = json!({
                "ruleId": f.rule,
                "level": sarif_level(f.severity),
                "message": {"text": format!("{} {}", f.message, f.help)},
                "locations": [loc],
            });
            if let Some(i) = rule_index(f.rule) {
                res["ruleIndex"] = json!(i);
            }
            res
        })
        .collect();
    let v = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "connector-wizard",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/microsoft/PowerPlatformConnectors",
                "rules": rules.iter().map(|x| sarif_rule(x)).collect::<Vec<_>>(),
            }},
            "results": results,
        }],
    });
    let mut s = json_pretty(&v).expect("JSON of plain values");
    s.push('\n');
    s
}

/// A value for a workflow command: printable on one line (a newline in a finding must not
/// start a line GitHub would read as a command of its own), then GitHub's own escapes.
fn gh_escape_data(s: &str) -> String {
    // After `printable` no CR or LF is left for GitHub's %0D/%0A.
    printable(s).replace('%', "%25")
}

fn gh_escape_prop(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=RULE::message`).
pub fn github(r: &Report) -> String {
    let mut out = String::new();
    for f in &r.findings {
        let cmd = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = format!("file={}", gh_escape_prop(&f.file));
        if f.line > 0 {
            let _ = write!(props, ",line={},col={}", f.line, f.column);
        }
        let _ = write!(props, ",title={}", gh_escape_prop(f.rule.as_str()));
        let _ = writeln!(
            out,
            "::{cmd} {props}::{}",
            gh_escape_data(&format!("{} — {}", f.message, f.help))
        );
    }
    let s = Summary::of(&r.findings);
    let _ = writeln!(
        out,
        "connector-wizard: {} errors, {} warnings, {} infos",
        s.errors, s.warnings, s.infos
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(sev: Severity, line: usize) -> Finding {
        Finding {
            rule: crate::rules::RuleId::TitleNoApi,
            severity: sev,
            file: "My Conn/apiDefinition.swagger.json".into(),
            line,
            column: 3,
            pointer: "/info/title".into(),
            message: "the title \"A, B: API\" contains \"API\"".into(),
            help: "Remove it.\nNow.".into(),
            fix: None,
        }
    }

    #[test]
    fn github_escapes() {
        let r = Report {
            findings: vec![finding(Severity::Error, 4)],
            ..Default::default()
        };
        let out = github(&r);
        assert!(out.starts_with("::error file=My Conn/apiDefinition.swagger.json,line=4,col=3,title=TITLE-NO-API::the title \"A, B: API\""), "{out}");
        assert!(out.contains("Remove it.\\nNow."), "{out}");
        assert_eq!(
            out.lines().count(),
            2,
            "one line per finding, then the summary"
        );
    }

    #[test]
    fn sarif_shape() {
        let r = Report {
            findings: vec![finding(Severity::Warning, 4), finding(Severity::Info, 0)],
            ..Default::default()
        };
        let v: serde_json::Value = serde_json::from_str(&sarif(&r)).unwrap();
        assert_eq!(v["version"], "2.1.0");
        let res = &v["runs"][0]["results"];
        assert_eq!(res[0]["level"], "warning");
        assert_eq!(
            res[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "My%20Conn/apiDefinition.swagger.json"
        );
        assert_eq!(
            res[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
            4
        );
        assert!(res[1]["locations"][0]["physicalLocation"]
            .get("region")
            .is_none());
        assert_eq!(res[1]["level"], "note");
        let idx = res[0]["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            v["runs"][0]["tool"]["driver"]["rules"][idx]["id"],
            "TITLE-NO-API"
        );
    }

    #[test]
    fn text_groups_and_summarises() {
        let r = Report {
            findings: vec![finding(Severity::Error, 4)],
            connectors: 1,
            ..Default::default()
        };
        let out = text(&r, Paint::new(false));
        assert!(out.starts_with("My Conn/apiDefinition.swagger.json\n"));
        assert!(out.contains("4:3  error    TITLE-NO-API"));
        assert!(out.contains("1 error, 0 warnings, 0 infos in 1 connector"));
    }
}
