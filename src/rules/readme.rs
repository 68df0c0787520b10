//! The readme (`README-*`; reference §2.7, §3.1): present, the template's sections in order,
//! OAuth app instructions, a support address, links.

use super::contact::is_email;
use super::{path_in, Finding, RuleId, Severity, Sink};
use crate::document::{Connector, ConnectorKind, SourceFile};
use std::cell::OnceCell;

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

/// A heading's text for comparison: lower case, single spaces, no emphasis marks, no final
/// colon.
pub(super) fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .filter(|c| !matches!(c, '*' | '_' | '`'))
                .flat_map(char::to_lowercase),
        );
        if out.len() == start + 1 {
            out.pop(); // a word of emphasis marks only
        }
    }
    let kept = out.trim_end_matches(':').len();
    out.truncate(kept);
    out
}

/// A section of the readme template: its heading, and whether a heading's text (lower case,
/// see [`norm`]) names it. Merged readmes spell the headings many ways ("Getting
/// credentials", "Pre-requisites", "Known Limitations") and at other levels.
struct Section {
    label: &'static str,
    names: fn(&str) -> bool,
}

const PUBLISHER: Section = Section {
    label: "Publisher: <name>",
    names: |h| h.starts_with("publisher"),
};
const PREREQUISITES: Section = Section {
    label: "Prerequisites",
    names: |h| {
        h.contains("prerequisite") || h.contains("pre-requisite") || h.contains("requirements")
    },
};
const OPERATIONS: Section = Section {
    label: "Supported Operations",
    names: |h| h.contains("operations") || h.contains("actions") || h == "triggers",
};
const CREDENTIALS: Section = Section {
    label: "Obtaining Credentials",
    names: |h| {
        [
            "credential",
            "api key",
            "authenticat",
            "authoriz",
            "access token",
            "obtain",
        ]
        .iter()
        .any(|w| h.contains(w))
            || h.starts_with("create your connection")
    },
};
const KNOWN_ISSUES: Section = Section {
    label: "Known Issues and Limitations",
    names: |h| h.contains("known issue") || h.contains("limitation") || h == "issues",
};
const DEPLOYMENT: Section = Section {
    label: "Deployment Instructions",
    names: |h| h.contains("deploy"),
};

/// The template's sections this connector needs: Obtaining Credentials only when it signs in,
/// Deployment Instructions only for certified connectors.
fn required_sections(c: &Connector) -> Vec<&'static Section> {
    let mut v = vec![&PUBLISHER, &PREREQUISITES, &OPERATIONS];
    if signs_in(c) {
        v.push(&CREDENTIALS);
    }
    v.push(&KNOWN_ISSUES);
    if c.kind == ConnectorKind::Certified {
        v.push(&DEPLOYMENT);
    }
    v
}

/// The heading that stands for a section: the first at the shallowest level among those
/// that name it (the title heading never counts). `normed` holds each heading's [`norm`].
fn find<'h, 'a>(
    hs: &'h [Heading<'a>],
    normed: &[OnceCell<String>],
    s: &Section,
) -> Option<(usize, &'h Heading<'a>)> {
    // Headings below level 3 are operations and questions: never a template section.
    let named =
        |i: usize| hs[i].level <= 3 && (s.names)(normed[i].get_or_init(|| norm(hs[i].text)));
    let candidates = || hs.iter().enumerate().skip_while(|(_, h)| h.level == 1);
    // Most readmes have the section at level 2: look there first, then deeper (operation
    // headings are many).
    candidates()
        .find(|(i, h)| h.level == 2 && named(*i))
        .or_else(|| {
            candidates()
                .filter(|(i, _)| named(*i))
                .min_by_key(|(i, h)| (h.level, *i))
        })
}

/// Where a section's body ends: the next heading at its level or above.
fn body_end(hs: &[Heading], i: usize) -> usize {
    hs[i + 1..]
        .iter()
        .position(|h| h.level <= hs[i].level)
        .map(|k| k + i + 1)
        .unwrap_or(hs.len())
}

/// The text between heading `i` and the next heading.
fn text_after<'a>(text: &'a str, hs: &[Heading], i: usize) -> &'a str {
    let start = text[hs[i].offset..]
        .find('\n')
        .map(|n| hs[i].offset + n + 1)
        .unwrap_or(text.len());
    let end = hs.get(i + 1).map(|h| h.offset).unwrap_or(text.len());
    text.get(start..end.max(start)).unwrap_or("")
}

fn readme(c: &Connector, r: &SourceFile, out: &mut Vec<Finding>) {
    let mut sink = Sink::new(r, c.kind, out);
    if r.text.trim().is_empty() {
        sink.at(RuleId::ReadmeSections, 0, "", "readme.md is empty".into(), "Fill it from the template: title paragraph, Publisher, Prerequisites, Supported Operations, Obtaining Credentials, Known Issues and Limitations.");
    } else {
        sections(c, r, &mut sink);
        if !r.text.contains("http://") && !r.text.contains("https://") {
            sink.at(RuleId::ReadmeLinks, 0, "", "readme.md links to nothing".into(), "Link the service's documentation, and videos or blog posts that show the connector.");
        }
    }
    oauth_steps(c, r, &mut sink);
    contact(c, r, &mut sink);
}

/// README-SECTIONS: a readme that is not the template at all is an error; a missing
/// section a warning; a section at another heading level a hint. The order is free (most
/// merged readmes put Obtaining Credentials before Supported Operations).
fn sections(c: &Connector, r: &SourceFile, sink: &mut Sink) {
    let hs = headings(&r.text);
    let line = |h: &Heading| r.line_col(h.offset).0;
    let required = required_sections(c);
    let normed: Vec<OnceCell<String>> = hs.iter().map(|_| OnceCell::new()).collect();
    let found: Vec<Option<(usize, &Heading)>> =
        required.iter().map(|s| find(&hs, &normed, s)).collect();
    let present = found.iter().filter(|f| f.is_some()).count();
    let shown: Vec<String> = hs
        .iter()
        .filter(|h| h.level <= 2)
        .map(|h| format!("{} {}", "#".repeat(h.level), h.text))
        .collect();
    let found_list = if shown.is_empty() {
        "it has no headings".to_string()
    } else {
        format!("its headings: {}", abbreviate_list(&shown, 6))
    };
    if present < 2 {
        sink.at(
            RuleId::ReadmeSections,
            0,
            "",
            format!(
                "readme.md does not follow the template: {present} of its {} sections found ({found_list})",
                required.len()
            ),
            "Write it from the template (`connector-wizard generate readme`): Publisher, Prerequisites, Supported Operations, Obtaining Credentials, Known Issues and Limitations.",
        );
        return;
    }
    if !hs.iter().any(|h| h.level == 1) {
        sink.at_sev(
            RuleId::ReadmeSections,
            Severity::Warning,
            0,
            "",
            "readme.md has no \"# Title\" heading".into(),
            "Start with \"# <Connector title>\" and a short paragraph about the service.".into(),
            None,
        );
    }
    for (s, f) in required.iter().zip(&found) {
        match f {
            None => sink.at_sev(
                RuleId::ReadmeSections,
                Severity::Warning,
                0,
                "",
                format!("readme.md has no \"{}\" section ({found_list})", s.label),
                format!(
                    "Add \"## {}\" as in the template; reviewers may ask for it.",
                    s.label
                ),
                None,
            ),
            Some((i, h)) => {
                if h.level != 2 {
                    sink.at_sev(
                        RuleId::ReadmeSections,
                        Severity::Info,
                        h.offset,
                        "",
                        format!(
                            "\"{}\" (line {}) is a level-{} heading; the template's sections are level 2 (##)",
                            h.text,
                            line(h),
                            h.level
                        ),
                        format!("Write it as \"## {}\".", h.text),
                        None,
                    );
                }
                section_body(s, r, &hs, *i, sink);
            }
        }
    }
}

/// What a found section must hold: the publisher's name, the operations.
fn section_body(s: &Section, r: &SourceFile, hs: &[Heading], i: usize, sink: &mut Sink) {
    let h = &hs[i];
    let line = r.line_col(h.offset).0;
    if std::ptr::eq(s, &PUBLISHER) {
        let named = norm(h.text)
            .trim_start_matches("publisher")
            .trim_start_matches([':', '-', ' '])
            .trim()
            .len()
            > 1;
        let under = !text_after(&r.text, hs, i).trim().is_empty()
            || hs.get(i + 1).is_some_and(|n| n.level > h.level);
        if !named && !under {
            sink.at_sev(
                RuleId::ReadmeSections,
                Severity::Warning,
                h.offset,
                "",
                format!("the Publisher heading (line {line}) does not name the publisher"),
                "Write it as \"## Publisher: Your Name\".".into(),
                None,
            );
        }
    } else if std::ptr::eq(s, &OPERATIONS) {
        let end = body_end(hs, i);
        let subheadings = hs[i + 1..end].iter().any(|n| n.level > h.level);
        let body = text_after(&r.text, hs, i);
        if subheadings {
            return;
        }
        if body.trim().is_empty() {
            sink.at_sev(
                RuleId::ReadmeSections,
                Severity::Warning,
                h.offset,
                "",
                format!("\"{}\" (line {line}) lists no operation", h.text),
                "Add a \"### <Operation summary>\" with a sentence for each operation.".into(),
                None,
            );
        } else {
            sink.at_sev(
                RuleId::ReadmeSections,
                Severity::Info,
                h.offset,
                "",
                format!("\"{}\" (line {line}) lists the operations without ### headings", h.text),
                "The template gives each operation a \"### <Operation summary>\" heading and a sentence.".into(),
                None,
            );
        }
    }
}

/// Up to `max` items joined with ", ", then "…".
fn abbreviate_list(items: &[String], max: usize) -> String {
    let mut s = items[..items.len().min(max)].join(", ");
    if items.len() > max {
        s.push_str(", …");
    }
    s
}

/// README-OAUTH: an OAuth connector's readme explains how to create the app. Merged readmes
/// say it in many ways (an OAuth app, an app registration, a client ID and secret); the
/// redirect URL is a hint of its own.
fn oauth_steps(c: &Connector, r: &SourceFile, sink: &mut Sink) {
    if !uses_oauth(c) {
        return;
    }
    let l = r.text.to_lowercase();
    let explains = [
        "client id",
        "client_id",
        "clientid",
        "client secret",
        "app registration",
        "register an app",
        "register your app",
        "register the app",
        "register a new app",
        "create an app",
        "create a new app",
        "oauth app",
        "application",
        "developer portal",
    ]
    .iter()
    .any(|w| l.contains(w))
        || l.split(|ch: char| !ch.is_alphanumeric())
            .any(|w| w == "app");
    if !explains {
        sink.at(RuleId::ReadmeOauth, 0, "", "the connector uses OAuth but readme.md does not explain how to create the app (no app, application, client ID or secret is mentioned)".into(), "Add step-by-step app registration under Obtaining Credentials, with the redirect URL https://global.consent.azure-apim.net/redirect.");
    } else if !l.contains("consent.azure-apim.net") && !l.contains("redirect") {
        sink.at_sev(
            RuleId::ReadmeOauth,
            Severity::Info,
            0,
            "",
            "readme.md explains the OAuth app but not its redirect URL".into(),
            "Say which redirect URL the app must allow: https://global.consent.azure-apim.net/redirect.".into(),
            None,
        );
    }
}

/// README-CONTACT: a support e-mail address in the swagger or the readme.
fn contact(c: &Connector, r: &SourceFile, sink: &mut Sink) {
    // A swagger that does not parse may well hold the address: JSON-VALID says enough.
    if c.swagger.is_some() && c.swagger_json().is_none() {
        return;
    }
    let swagger_email = c
        .swagger_json()
        .and_then(|s| s.pointer("/info/contact/email"))
        .and_then(|e| e.as_str())
        .is_some_and(is_email);
    if !swagger_email && !has_email(&r.text) {
        sink.at(
            RuleId::ReadmeContact,
            0,
            "",
            "no support e-mail address in info.contact.email or readme.md".into(),
            "Give an e-mail address people can write to for support.",
        );
    }
}

/// Whether a text holds an e-mail address: the word around each '@' (words end at white
/// space, brackets, quotes, commas and semicolons; "mailto:" and a final period are left out).
fn has_email(text: &str) -> bool {
    let delim = |ch: char| ch.is_whitespace() || "()<>[]\"',;".contains(ch);
    text.match_indices('@').any(|(at, _)| {
        let start = text[..at]
            .char_indices()
            .rev()
            .find(|(_, ch)| delim(*ch))
            .map(|(i, ch)| i + ch.len_utf8())
            .unwrap_or(0);
        let end = text[at..]
            .char_indices()
            .find(|(_, ch)| delim(*ch))
            .map(|(i, _)| at + i)
            .unwrap_or(text.len());
        let word = &text[start..end];
        is_email(word.trim_start_matches("mailto:").trim_end_matches('.'))
    })
}

/// Whether the connector signs in: security definitions in the swagger or connection
/// parameters in apiProperties.json.
fn signs_in(c: &Connector) -> bool {
    let defs = c
        .swagger_json()
        .and_then(|s| s.get("securityDefinitions"))
        .and_then(|d| d.as_object())
        .is_some_and(|d| !d.is_empty());
    let params = c
        .api_properties_json()
        .and_then(|p| p.pointer("/properties/connectionParameters"))
        .and_then(|d| d.as_object())
        .is_some_and(|d| !d.is_empty());
    defs || params
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
    use crate::rules::{check, CheckOptions, Severity};

    #[test]
    fn complete_folder_passes() {
        let fs = run(
            &[("readme.md", README), ("intro.md", INTRO)],
            ConnectorKind::IndependentPublisher,
        );
        assert!(fs.is_empty(), "{fs:#?}");
    }

    /// The README-SECTIONS findings of a readme in a folder that otherwise passes.
    fn sections(readme: &str, kind: ConnectorKind) -> Vec<crate::rules::Finding> {
        run(&[("readme.md", readme), ("intro.md", INTRO)], kind)
            .into_iter()
            .filter(|f| f.rule == "README-SECTIONS")
            .collect()
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
        // A missing section is a warning that says what the readme has instead.
        let fs = sections(
            &README.replace("## Prerequisites\nAn account.\n", ""),
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(fs.len(), 1, "{fs:#?}");
        assert_eq!(fs[0].severity, Severity::Warning);
        assert!(
            fs[0].message.contains("no \"Prerequisites\" section")
                && fs[0].message.contains("## Supported Operations"),
            "{}",
            fs[0].message
        );
        // Operations without ### headings: a hint; nothing under the heading: a warning.
        let fs = sections(
            &README.replace("### Get task by ID\n", ""),
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(fs[0].severity, Severity::Info, "{fs:#?}");
        let fs = sections(
            &README.replace("### Get task by ID\nGets a task.\n", ""),
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(fs[0].severity, Severity::Warning, "{fs:#?}");
        assert!(fs[0].message.contains("lists no operation"), "{fs:#?}");
        // The order is free; other spellings count.
        let swapped = README
            .replace("## Prerequisites\nAn account.\n\n", "")
            .replace("## Known Issues", "## Pre-requisites\nx\n\n## Known Issues")
            .replace("## Obtaining Credentials", "## Getting credentials");
        assert!(sections(&swapped, ConnectorKind::IndependentPublisher).is_empty());
        // Another heading level is a hint naming the line.
        let deeper = README.replace("## Obtaining Credentials", "### Obtaining credentials");
        let fs = sections(&deeper, ConnectorKind::IndependentPublisher);
        assert_eq!(fs.len(), 1, "{fs:#?}");
        assert_eq!(fs[0].severity, Severity::Info);
        assert!(
            fs[0].message.contains("(line 13) is a level-3 heading"),
            "{}",
            fs[0].message
        );
        // Not the template at all: an error.
        let fs = sections(
            "# Contoso\nSee https://contoso.com, write to a@b.co.\n\n## Usage\nx\n",
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(fs.len(), 1, "{fs:#?}");
        assert_eq!(fs[0].severity, Severity::Error);
        assert!(
            fs[0]
                .message
                .contains("0 of its 5 sections found (its headings: # Contoso, ## Usage)"),
            "{}",
            fs[0].message
        );
        // A publisher named on the line under the heading is fine.
        let named = README.replace("## Publisher: Ada Lovelace", "## Publisher\nAda Lovelace");
        assert!(sections(&named, ConnectorKind::IndependentPublisher).is_empty());
        let unnamed = README.replace("## Publisher: Ada Lovelace", "## Publisher");
        assert_eq!(
            sections(&unnamed, ConnectorKind::IndependentPublisher).len(),
            1
        );
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
        let certified = sections(README, ConnectorKind::Certified);
        assert_eq!(certified.len(), 1);
        assert!(certified[0].message.contains("Deployment Instructions"));
    }

    #[test]
    fn no_contact_finding_when_the_swagger_does_not_parse() {
        let f = connector(
            &[
                (
                    "apiDefinition.swagger.json",
                    "{\"info\": {\"contact\": {\"email\": \"a@b.co\"}}",
                ),
                ("apiProperties.json", AP),
                ("readme.md", README),
            ],
            ConnectorKind::IndependentPublisher,
        );
        let fs = check(&f.connector, &CheckOptions::default());
        assert!(fs.iter().any(|f| f.rule == "JSON-VALID"));
        assert!(!fs.iter().any(|f| f.rule == "README-CONTACT"), "{fs:#?}");
    }

    #[test]
    fn e_mail_addresses_in_the_text() {
        use super::has_email;
        assert!(has_email("Write to ada@example.com."));
        assert!(has_email("[mail](mailto:ada@example.com)"));
        assert!(has_email("<ada@example.com>"));
        assert!(has_email("é (ada@example.com)"));
        assert!(!has_email("@handle on social media, or a@b"));
        assert!(!has_email("no address here"));
    }

    #[test]
    fn credentials_only_when_the_connector_signs_in() {
        let mut sw = good_swagger();
        sw.as_object_mut().unwrap().remove("securityDefinitions");
        sw.as_object_mut().unwrap().remove("security");
        let readme = README.replace("## Obtaining Credentials\nCreate a key.\n\n", "");
        let no_params = r##"{"properties": {"iconBrandColor": "#da3b01", "publisher": "Ada", "stackOwner": "Contoso"}}"##;
        let f = connector(
            &[
                ("apiDefinition.swagger.json", &text(&sw)),
                ("apiProperties.json", no_params),
                ("readme.md", &readme),
                ("intro.md", INTRO),
            ],
            ConnectorKind::IndependentPublisher,
        );
        let fs = check(&f.connector, &CheckOptions::default());
        assert!(!fs.iter().any(|f| f.rule == "README-SECTIONS"), "{fs:#?}");
        // With an API key it is asked for.
        assert_eq!(
            sections(&readme, ConnectorKind::IndependentPublisher).len(),
            1
        );
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
        assert_eq!(fs[1].severity, Severity::Error);
        // App steps without the redirect URL: a hint.
        let steps = README.replace(
            "Create a key.",
            "Register an app in the Contoso developer portal and copy its client ID and secret.",
        );
        let f = connector(
            &[
                ("apiDefinition.swagger.json", &text(&sw)),
                ("apiProperties.json", AP),
                ("readme.md", &steps),
                ("intro.md", INTRO),
            ],
            ConnectorKind::IndependentPublisher,
        );
        let fs: Vec<_> = check(&f.connector, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.rule == "README-OAUTH")
            .collect();
        assert_eq!(fs.len(), 1);
        assert_eq!(fs[0].severity, Severity::Info);
    }
}
