//! Folder, readme, intro and script rules, and the PR title (reference §2.7, §3).

use super::field::{check_field, Field, FieldContext};
use super::swagger::is_email;
use super::{Finding, Severity, Sink};
use crate::document::{Connector, ConnectorKind, SourceFile};

/// Runs the folder and text-file rules.
pub fn check(c: &Connector, out: &mut Vec<Finding>) {
    folder(c, out);
    match &c.readme {
        None => out.push(whole_file(
            c,
            "readme.md",
            "README-PRESENT",
            Severity::Error,
            "the folder has no readme.md".into(),
            "Add readme.md (`connector-wizard generate readme` writes one from the template).",
        )),
        Some(r) => readme(c, r, out),
    }
    intro(c, out);
    if let Some(s) = &c.script {
        script(s, c.kind, out);
    }
}

fn whole_file(
    c: &Connector,
    name: &str,
    rule: &'static str,
    severity: Severity,
    message: String,
    help: &str,
) -> Finding {
    Finding {
        rule,
        severity,
        file: c.root.join(name).display().to_string(),
        line: 0,
        column: 0,
        pointer: String::new(),
        message,
        help: help.to_string(),
        fix: None,
    }
}

const IMAGE_EXT: &[&str] = &[
    ".png", ".jpg", ".jpeg", ".svg", ".gif", ".ico", ".bmp", ".webp",
];

fn folder(c: &Connector, out: &mut Vec<Finding>) {
    if c.kind != ConnectorKind::IndependentPublisher {
        return;
    }
    for name in &c.entries {
        if name.starts_with('.') {
            continue; // .git, .DS_Store, editor files: not part of what a PR submits
        }
        let lower = name.to_ascii_lowercase();
        if c.dirs.contains(name) {
            out.push(whole_file(
                c,
                name,
                "FILE-EXTRA",
                Severity::Error,
                format!("the connector folder holds a sub-folder \"{name}\""),
                "Remove it: screenshots go in the PR body, not the repository.",
            ));
        } else if IMAGE_EXT.iter().any(|e| lower.ends_with(e)) {
            out.push(whole_file(c, name, "IP-NO-ICON", Severity::Error, format!("the folder holds the image \"{name}\""), "Remove it: independent publisher connectors get the generic icon and submit no icon."));
        } else if lower == "settings.json" {
            out.push(whole_file(
                c,
                name,
                "FILE-EXTRA",
                Severity::Error,
                "the folder holds settings.json".into(),
                "Remove settings.json: it is a local paconn file, not part of the connector.",
            ));
        }
    }
}

/// A markdown heading: level, text, line (1-based) and byte offset.
struct Heading<'a> {
    level: usize,
    text: &'a str,
    offset: usize,
}

fn headings(text: &str) -> Vec<Heading<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut fenced = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        if t.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if !fenced {
            let level = t.chars().take_while(|c| *c == '#').count();
            if (1..=6).contains(&level) && t[level..].starts_with(' ') {
                out.push(Heading {
                    level,
                    text: t[level..].trim().trim_end_matches('#').trim(),
                    offset,
                });
            }
        }
        offset += line.len();
    }
    out
}

fn norm(s: &str) -> String {
    s.to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(':')
        .to_string()
}

/// The readme template's level-2 sections, in order, with accepted spellings.
fn required_sections(kind: ConnectorKind) -> Vec<(&'static str, &'static [&'static str])> {
    let mut v: Vec<(&'static str, &'static [&'static str])> = vec![
        ("## Publisher: <name>", &["publisher"]),
        ("## Prerequisites", &["prerequisites", "pre-requisites"]),
        (
            "## Supported Operations",
            &[
                "supported operations",
                "operations",
                "actions",
                "supported actions",
            ],
        ),
        (
            "## Obtaining Credentials",
            &[
                "obtaining credentials",
                "how to get credentials",
                "getting credentials",
            ],
        ),
        (
            "## Known Issues and Limitations",
            &[
                "known issues and limitations",
                "known issues",
                "known limitations",
                "limitations",
            ],
        ),
    ];
    if kind == ConnectorKind::Certified {
        v.push((
            "## Deployment Instructions",
            &["deployment instructions", "deployment"],
        ));
    }
    v
}

fn readme(c: &Connector, r: &SourceFile, out: &mut Vec<Finding>) {
    let mut sink = Sink::new(r, c.kind, out);
    let hs = headings(&r.text);
    if r.text.trim().is_empty() {
        sink.at("README-SECTIONS", 0, "", "readme.md is empty".into(), "Fill it from the template: title paragraph, Publisher, Prerequisites, Supported Operations, Obtaining Credentials, Known Issues and Limitations.");
    } else {
        if !hs.iter().any(|h| h.level == 1) {
            sink.at(
                "README-SECTIONS",
                0,
                "",
                "readme.md has no \"# Title\" heading".into(),
                "Start with \"# <Connector title>\" and a short paragraph about the service.",
            );
        }
        let mut last_pos: Option<(usize, usize)> = None; // (index in hs, offset)
        let mut order_reported = false;
        for (label, names) in required_sections(c.kind) {
            let pos = hs.iter().position(|h| {
                h.level == 2 && {
                    let n = norm(h.text);
                    names.iter().any(|want| {
                        n == *want || (*want == "publisher" && n.starts_with("publisher"))
                    })
                }
            });
            match pos {
                None => {
                    let at = last_pos.map(|p| p.1).unwrap_or(0);
                    sink.at(
                        "README-SECTIONS",
                        at,
                        "",
                        format!("readme.md has no \"{label}\" section"),
                        "Add the section; the template's headings are required, in order.",
                    );
                }
                Some(i) => {
                    if let Some((prev, _)) = last_pos {
                        if i < prev && !order_reported {
                            order_reported = true;
                            sink.at("README-SECTIONS", hs[i].offset, "", format!("\"{}\" comes before the section it should follow", hs[i].text), "Keep the template's order: Publisher, Prerequisites, Supported Operations, Obtaining Credentials, Known Issues and Limitations.");
                        }
                    }
                    if label.starts_with("## Publisher") && norm(hs[i].text) == "publisher" {
                        sink.at(
                            "README-SECTIONS",
                            hs[i].offset,
                            "",
                            "the Publisher heading does not name the publisher".into(),
                            "Write it as \"## Publisher: Your Name\".",
                        );
                    }
                    if label == "## Supported Operations" {
                        let next_h2 = hs[i + 1..]
                            .iter()
                            .position(|h| h.level <= 2)
                            .map(|k| k + i + 1)
                            .unwrap_or(hs.len());
                        if !hs[i + 1..next_h2].iter().any(|h| h.level == 3) {
                            sink.at("README-SECTIONS", hs[i].offset, "", "Supported Operations lists no operation (### headings)".into(), "Add a \"### <Operation summary>\" with a sentence for each operation.");
                        }
                    }
                    last_pos = Some((i, hs[i].offset));
                }
            }
        }
        if !r.text.contains("http://") && !r.text.contains("https://") {
            sink.at("README-LINKS", 0, "", "readme.md links to nothing".into(), "Link the service's documentation, and videos or blog posts that show the connector.");
        }
    }
    // README-OAUTH
    if uses_oauth(c) {
        let l = r.text.to_ascii_lowercase();
        let explains = l.contains("redirect")
            && (l.contains("client id") || l.contains("client secret") || l.contains("app"));
        if !explains {
            sink.at("README-OAUTH", 0, "", "the connector uses OAuth but readme.md does not explain how to create the app".into(), "Add step-by-step app registration under Obtaining Credentials, with the redirect URL https://global.consent.azure-apim.net/redirect.");
        }
    }
    // README-CONTACT
    let swagger_email = c
        .swagger_json()
        .and_then(|s| s.pointer("/info/contact/email"))
        .and_then(|e| e.as_str())
        .is_some_and(is_email);
    let readme_email = r
        .text
        .split(|ch: char| ch.is_whitespace() || "()<>[]\"',;".contains(ch))
        .any(|w| is_email(w.trim_start_matches("mailto:").trim_end_matches('.')));
    if !swagger_email && !readme_email {
        sink.at(
            "README-CONTACT",
            0,
            "",
            "no support e-mail address in info.contact.email or readme.md".into(),
            "Give an e-mail address people can write to for support.",
        );
    }
}

/// Whether the connector uses OAuth (swagger securityDefinitions or apiProperties).
pub fn uses_oauth(c: &Connector) -> bool {
    let in_swagger = c
        .swagger_json()
        .and_then(|s| s.get("securityDefinitions"))
        .and_then(|d| d.as_object())
        .is_some_and(|defs| {
            defs.iter()
                .any(|m| m.value.get("type").and_then(|t| t.as_str()) == Some("oauth2"))
        });
    let in_props = c
        .api_properties_json()
        .and_then(|p| p.pointer("/properties/connectionParameters"))
        .and_then(|d| d.as_object())
        .is_some_and(|ps| {
            ps.iter()
                .any(|m| m.value.get("type").and_then(|t| t.as_str()) == Some("oauthSetting"))
        });
    in_swagger || in_props
}

fn intro(c: &Connector, out: &mut Vec<Finding>) {
    let Some(intro) = &c.intro else {
        if c.kind == ConnectorKind::IndependentPublisher {
            out.push(whole_file(c, "intro.md", "INTRO-SECTIONS", Severity::Warning, "the folder has no intro.md".into(), "Since 2025 the connector package needs intro.md (`connector-wizard generate intro`)."));
        }
        return;
    };
    let mut sink = Sink::new(intro, c.kind, out);
    if intro.text.trim().is_empty() {
        sink.at("INTRO-SECTIONS", 0, "", "intro.md is empty".into(), "Write an opening paragraph and the Prerequisites, How to get credentials and Known issues sections.");
        return;
    }
    let hs = headings(&intro.text);
    for (label, start) in [
        ("Prerequisites", "prerequisites"),
        ("How to get credentials", "how to get credentials"),
        ("Known issues and limitations", "known issues"),
    ] {
        if !hs.iter().any(|h| norm(h.text).starts_with(start)) {
            sink.at(
                "INTRO-SECTIONS",
                0,
                "",
                format!("intro.md has no \"## {label}\" section"),
                "Add it: intro.md becomes the connector's public documentation page.",
            );
        }
    }
}

/// Namespaces custom code may use (Microsoft Learn, "Write code in a custom connector").
const ALLOWED_NAMESPACES: &[&str] = &[
    "System",
    "System.Collections",
    "System.Collections.Generic",
    "System.Diagnostics",
    "System.IO",
    "System.IO.Compression",
    "System.Linq",
    "System.Net",
    "System.Net.Http",
    "System.Net.Http.Headers",
    "System.Net.Security",
    "System.Security.Authentication",
    "System.Security.Cryptography",
    "System.Text",
    "System.Text.RegularExpressions",
    "System.Threading",
    "System.Threading.Tasks",
    "System.Web",
    "System.Xml",
    "System.Xml.Linq",
    "System.Drawing",
    "System.Drawing.Drawing2D",
    "System.Drawing.Imaging",
    "Microsoft.Extensions.Logging",
    "Newtonsoft.Json",
    "Newtonsoft.Json.Linq",
    "System.Globalization",
    "System.Runtime.Serialization",
];

fn script(s: &SourceFile, kind: ConnectorKind, out: &mut Vec<Finding>) {
    let mut sink = Sink::new(s, kind, out);
    let mut offset = 0;
    for line in s.text.split_inclusive('\n') {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("using ") {
            let ns = rest.trim_end_matches(';').trim();
            let is_alias = ns.contains('=') || ns.starts_with("static ");
            if !is_alias && !ns.contains('(') && !ALLOWED_NAMESPACES.contains(&ns) {
                let col = line.len() - line.trim_start().len();
                sink.at("SCRIPT-CSX", offset + col, "", format!("script.csx uses the namespace {ns}, which custom code may not use"), "Use only the namespaces Microsoft allows for custom code (System.*, Newtonsoft.Json, …).");
            }
        }
        offset += line.len();
    }
}

/// Checks a PR title: a proposal title when it starts with "Proposal", else a final title.
pub fn check_pr_title(c: &Connector, title: &str, is_update: bool, out: &mut Vec<Finding>) {
    let field = if title.trim_start().starts_with("Proposal -") {
        Field::ProposalTitle
    } else {
        Field::PrTitle
    };
    let ctx = FieldContext {
        kind: c.kind,
        is_update,
        ..Default::default()
    };
    for i in check_field(field, title, &ctx) {
        out.push(Finding {
            rule: i.rule,
            severity: i.severity,
            file: "PR title".into(),
            line: 0,
            column: 0,
            pointer: String::new(),
            message: i.message,
            help: i.help,
            fix: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::document::ConnectorKind;
    use crate::rules::testutil::*;
    use crate::rules::{check, CheckOptions, Finding};

    const README: &str = "# Contoso Tasks\nContoso Tasks keeps your tasks. See https://contoso.com.\n\n## Publisher: Ada Lovelace\n\n## Prerequisites\nAn account.\n\n## Supported Operations\n### Get task by ID\nGets a task.\n\n## Obtaining Credentials\nCreate a key.\n\n## Known Issues and Limitations\nNone.\n";
    const INTRO: &str = "Contoso Tasks keeps tasks.\n\n## Prerequisites\nx\n\n## How to get credentials\nx\n\n## Known issues and limitations\nx\n";
    const AP: &str = r##"{"properties": {"iconBrandColor": "#da3b01", "publisher": "Ada", "stackOwner": "Contoso"}}"##;

    fn run(files: &[(&str, &str)], kind: ConnectorKind) -> Vec<Finding> {
        let sw = text(&good_swagger());
        let mut all: Vec<(&str, &str)> = vec![
            ("apiDefinition.swagger.json", &sw),
            ("apiProperties.json", AP),
        ];
        all.extend_from_slice(files);
        let f = connector(&all, kind);
        check(&f.connector, &CheckOptions::default())
            .into_iter()
            .filter(|f| {
                !f.file.ends_with("apiDefinition.swagger.json")
                    && !f.file.ends_with("apiProperties.json")
            })
            .collect()
    }

    #[test]
    fn complete_folder_passes() {
        let fs = run(
            &[("readme.md", README), ("intro.md", INTRO)],
            ConnectorKind::IndependentPublisher,
        );
        assert!(fs.is_empty(), "{fs:#?}");
    }

    #[test]
    fn readme_rules() {
        assert_eq!(
            ids(&run(
                &[("intro.md", INTRO)],
                ConnectorKind::IndependentPublisher
            )),
            vec!["README-PRESENT"]
        );
        let fs = run(
            &[
                (
                    "README.md",
                    &README.replace("## Prerequisites\nAn account.\n", ""),
                ),
                ("intro.md", INTRO),
            ],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(ids(&fs), vec!["README-SECTIONS"]);
        assert_eq!(fs[0].line, 4, "reported after the previous section");
        let fs = run(
            &[
                ("readme.md", &README.replace("### Get task by ID\n", "")),
                ("intro.md", INTRO),
            ],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(ids(&fs), vec!["README-SECTIONS"]);
        let swapped = README
            .replace("## Prerequisites\nAn account.\n\n", "")
            .replace("## Known Issues", "## Prerequisites\nx\n\n## Known Issues");
        let fs = run(
            &[("readme.md", &swapped), ("intro.md", INTRO)],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(ids(&fs), vec!["README-SECTIONS"], "{fs:#?}");
        let fs = run(
            &[
                (
                    "readme.md",
                    &README.replace("https://contoso.com", "contoso"),
                ),
                ("intro.md", INTRO),
            ],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(ids(&fs), vec!["README-LINKS"]);
        let certified = run(&[("readme.md", README)], ConnectorKind::Certified);
        assert_eq!(ids(&certified), vec!["README-SECTIONS"]);
    }

    #[test]
    fn folder_rules() {
        let fs = run(
            &[
                ("readme.md", README),
                ("intro.md", INTRO),
                ("icon.png", "x"),
                ("settings.json", "{}"),
                ("img/a.txt", "x"),
            ],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(fs.len(), 3, "{fs:#?}");
        assert!(fs
            .iter()
            .any(|f| f.rule == "IP-NO-ICON" && f.file.ends_with("icon.png")));
        assert_eq!(fs.iter().filter(|f| f.rule == "FILE-EXTRA").count(), 2);
        let fs = run(
            &[("readme.md", README), ("icon.png", "x")],
            ConnectorKind::Certified,
        );
        assert!(!fs.iter().any(|f| f.rule == "IP-NO-ICON"));
    }

    #[test]
    fn intro_and_script_rules() {
        let fs = run(
            &[("readme.md", README)],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(ids(&fs), vec!["INTRO-SECTIONS"]);
        let fs = run(
            &[
                ("readme.md", README),
                ("intro.md", "Hello.\n\n## Prerequisites\n"),
            ],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(ids(&fs), vec!["INTRO-SECTIONS", "INTRO-SECTIONS"]);
        let fs = run(
            &[
                ("readme.md", README),
                ("intro.md", INTRO),
                (
                    "script.csx",
                    "using System;\nusing System.Reflection;\npublic class Script {}\n",
                ),
            ],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(ids(&fs), vec!["SCRIPT-CSX"]);
        assert_eq!(fs[0].line, 2);
    }

    #[test]
    fn oauth_and_contact() {
        let mut sw = good_swagger();
        sw["securityDefinitions"] = serde_json::json!({"oauth2": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a.b/x", "tokenUrl": "https://a.b/y", "scopes": {}}});
        sw["security"] = serde_json::json!([{"oauth2": []}]);
        sw["info"]["contact"]
            .as_object_mut()
            .unwrap()
            .remove("email");
        let f = connector(
            &[
                ("apiDefinition.swagger.json", &text(&sw)),
                ("apiProperties.json", AP),
                ("readme.md", README),
                ("intro.md", INTRO),
            ],
            ConnectorKind::IndependentPublisher,
        );
        let fs: Vec<_> = check(&f.connector, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.file.ends_with(".md"))
            .collect();
        assert_eq!(ids(&fs), vec!["README-CONTACT", "README-OAUTH"]);
    }

    #[test]
    fn pr_title() {
        let sw = text(&good_swagger());
        let f = connector(
            &[("apiDefinition.swagger.json", &sw)],
            ConnectorKind::IndependentPublisher,
        );
        let opts = CheckOptions {
            pr_title: Some("Contoso Tasks".into()),
            ..Default::default()
        };
        let fs: Vec<_> = check(&f.connector, &opts)
            .into_iter()
            .filter(|f| f.file == "PR title")
            .collect();
        assert_eq!(ids(&fs), vec!["PR-TITLE"]);
        let opts = CheckOptions {
            pr_title: Some("Proposal - Contoso Tasks".into()),
            ..Default::default()
        };
        let fs: Vec<_> = check(&f.connector, &opts)
            .into_iter()
            .filter(|f| f.file == "PR title")
            .collect();
        assert_eq!(ids(&fs), vec!["PROPOSAL-TITLE"]);
    }
}
