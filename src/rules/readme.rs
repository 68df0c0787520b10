//! The readme (`README-*`; reference §2.7, §3.1): present, the template's sections in order,
//! OAuth app instructions, a support address, links.

use super::contact::is_email;
use super::{path_in, Finding, RuleId, Sink};
use crate::document::{Connector, ConnectorKind, SourceFile};

/// The rules of readme.md.
pub(super) fn check(c: &Connector, out: &mut Vec<Finding>) {
    match &c.readme {
        None => out.push(Finding::whole_file(
            RuleId::ReadmePresent,
            path_in(c, "readme.md"),
            "the folder has no readme.md".into(),
            "Add readme.md (`connector-wizard generate readme` writes one from the template).",
        )),
        Some(r) => readme(c, r, out),
    }
}

/// A markdown heading: level, text, line (1-based) and byte offset.
pub(super) struct Heading<'a> {
    pub(super) level: usize,
    pub(super) text: &'a str,
    pub(super) offset: usize,
}

/// The markdown headings of a text (outside fenced code).
pub(super) fn headings(text: &str) -> Vec<Heading<'_>> {
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

/// A heading's text for comparison: lower case, single spaces, no final colon.
pub(super) fn norm(s: &str) -> String {
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
        sink.at(RuleId::ReadmeSections, 0, "", "readme.md is empty".into(), "Fill it from the template: title paragraph, Publisher, Prerequisites, Supported Operations, Obtaining Credentials, Known Issues and Limitations.");
    } else {
        if !hs.iter().any(|h| h.level == 1) {
            sink.at(
                RuleId::ReadmeSections,
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
                        RuleId::ReadmeSections,
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
                            sink.at(RuleId::ReadmeSections, hs[i].offset, "", format!("\"{}\" comes before the section it should follow", hs[i].text), "Keep the template's order: Publisher, Prerequisites, Supported Operations, Obtaining Credentials, Known Issues and Limitations.");
                        }
                    }
                    if label.starts_with("## Publisher") && norm(hs[i].text) == "publisher" {
                        sink.at(
                            RuleId::ReadmeSections,
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
                            sink.at(RuleId::ReadmeSections, hs[i].offset, "", "Supported Operations lists no operation (### headings)".into(), "Add a \"### <Operation summary>\" with a sentence for each operation.");
                        }
                    }
                    last_pos = Some((i, hs[i].offset));
                }
            }
        }
        if !r.text.contains("http://") && !r.text.contains("https://") {
            sink.at(RuleId::ReadmeLinks, 0, "", "readme.md links to nothing".into(), "Link the service's documentation, and videos or blog posts that show the connector.");
        }
    }
    // README-OAUTH
    if uses_oauth(c) {
        let l = r.text.to_ascii_lowercase();
        let explains = l.contains("redirect")
            && (l.contains("client id") || l.contains("client secret") || l.contains("app"));
        if !explains {
            sink.at(RuleId::ReadmeOauth, 0, "", "the connector uses OAuth but readme.md does not explain how to create the app".into(), "Add step-by-step app registration under Obtaining Credentials, with the redirect URL https://global.consent.azure-apim.net/redirect.");
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
            RuleId::ReadmeContact,
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

#[cfg(test)]
mod tests {
    use crate::document::ConnectorKind;
    use crate::rules::testutil::*;
    use crate::rules::{check, CheckOptions};

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
}
