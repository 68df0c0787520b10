//! Placeholders left in the files (`PLACEHOLDER-TODO`, `PLACEHOLDER-TEMPLATE`,
//! `PLACEHOLDER-VALUE`): the `[TODO: …]` markers our generators write where the author's
//! words are needed, the instructions of the repository's templates, and `[[DUMMY]]`-style
//! values anywhere but where a dummy belongs (a client ID or secret).
//!
//! The swagger's strings are reached by [`super::tree`]; this module checks
//! apiProperties.json, readme.md and intro.md and the swagger's template fields.

use super::{Finding, RuleId, Sink};
use crate::document::facts::Facts;
use crate::document::{Connector, SourceFile};
use crate::json::{pointer, Node};

/// Where our generators' markers start (`[TODO: what]`; see `crate::generate::todos`).
const TODO: &str = "[TODO";

/// Keys whose value is a secret, or a client ID: a dummy is what belongs there.
fn dummy_belongs(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    matches!(k.as_str(), "clientid" | "client_id")
        || super::api_properties::SECRET_KEYS.contains(&k.as_str())
}

/// The values of the repository's independent-publisher templates (swagger and
/// apiProperties.json) that are instructions, not values: (JSON pointer, start of the text).
const TEMPLATE_VALUES: &[(&str, &str)] = &[
    ("/info/title", "Name of connector."),
    (
        "/info/description",
        "Short description of the connecting service",
    ),
    ("/info/contact/name", "Full name"),
    ("/info/contact/url", "Contact URL"),
    ("/info/contact/email", "Contact email address"),
    ("/host", "The hostname of the API"),
    (
        "/properties/publisher",
        "Full name or name of company or organization",
    ),
    (
        "/properties/stackOwner",
        "Name of company or organization that connector is connecting to",
    ),
];

/// Lines of the repository's readme templates that are examples: left over when a line is
/// exactly one of these (case and surrounding spaces aside).
const TEMPLATE_EXACT: &[&str] = &[
    "# title",
    "### operation 1",
    "### operation 2",
    "description of operation 1.",
    "description of operation 2.",
    "### question 1",
    "### question 2",
    "answer to question 1",
    "answer to question 2",
];

/// Lines of the repository's readme templates that are instructions: a line that starts
/// with one of these (case and surrounding spaces aside) is left over.
const TEMPLATE_LINES: &[&str] = &[
    "## publisher: publisher's name",
    "required. one paragraph, two to three sentences",
    "required. for independent-publisher-connector",
    "required. it should be the company or organization name",
    "required. any plans or licenses",
    "required. describe actions, triggers, and other endpoints",
    "required. explain the authentication method",
    "optional. how to get started with your connector",
    "required. include any known issues and limitations",
    "optional. include frequently asked questions",
    "optional. add instructions on how to deploy",
    "required. add instructions on how to deploy",
];

/// The markers in a string of a JSON file (the swagger's strings come from the tree walk).
/// `key` is the member that holds the string.
pub(super) fn in_json_string(node: &Node, s: &str, ptr: &str, key: Option<&str>, sink: &mut Sink) {
    if let Some(at) = s.find(TODO) {
        let marker = marker_at(s, at);
        sink.node(
            RuleId::PlaceholderTodo,
            node,
            ptr,
            format!("{marker} is still to be written"),
            "Replace the marker with the real text or value (`connector-wizard new` and `import` write one wherever your words are needed).",
        );
    }
    let secret = key.is_some_and(dummy_belongs);
    if !secret {
        if let Some(dummy) = double_bracketed(s) {
            sink.node(
                RuleId::PlaceholderValue,
                node,
                ptr,
                format!("\"{dummy}\" is a placeholder where a real value is needed"),
                "Give the real value: only client IDs and secrets are dummies (\"[[REPLACE_WITH_CLIENT_ID]]\").",
            );
        }
    }
}

/// The marker starting at byte `at` (up to its `]`, long ones cut), for a message.
fn marker_at(s: &str, at: usize) -> String {
    let rest = &s[at..];
    let end = rest.find(']').map(|e| e + 1).unwrap_or(rest.len());
    super::text::quote_start(&rest[..end])
}

/// The first `[[…]]` of a text, if any.
fn double_bracketed(s: &str) -> Option<&str> {
    let start = s.find("[[")?;
    let end = s[start..].find("]]")? + start + 2;
    (end - start > 4).then(|| &s[start..end])
}

/// PLACEHOLDER-TEMPLATE in the swagger: template instructions left as values.
pub(super) fn swagger_template(root: &Node, sink: &mut Sink) {
    template_values(root, sink, "/info", "/host");
}

fn template_values(root: &Node, sink: &mut Sink, first: &str, last: &str) {
    for (ptr, start) in TEMPLATE_VALUES {
        if !(ptr.starts_with(first) || ptr.starts_with(last)) {
            continue;
        }
        if let Some(n) = root.pointer(ptr) {
            if let Some(s) = n.as_str().filter(|s| s.trim_start().starts_with(start)) {
                sink.node(
                    RuleId::PlaceholderTemplate,
                    n,
                    ptr,
                    format!(
                        "\"{}\" is the template's instruction, not a value",
                        super::text::quote_start(s.trim())
                    ),
                    "Write the connector's own value here.",
                );
            }
        }
    }
}

/// The placeholders of apiProperties.json, readme.md and intro.md.
pub(super) fn check(c: &Connector, out: &mut Vec<Finding>) {
    if let Some(file) = &c.api_properties {
        if let Some(root) = file.json() {
            let mut sink = Sink::new(file, c.kind, out);
            bracketed(root, &file.facts, &mut sink);
            template_values(root, &mut sink, "/properties", "/properties");
        }
    }
    for file in [&c.readme, &c.intro].into_iter().flatten() {
        text_file(c, file, out);
    }
}

/// The markers and dummies of a JSON file's strings: those the reader noted as holding a
/// bracket (see [`crate::document::facts`]), found again by their offset.
pub(super) fn bracketed(root: &Node, facts: &Facts, sink: &mut Sink) {
    for span in &facts.bracketed {
        let Some((ptr, node)) = pointer::locate(root, span.start) else {
            continue;
        };
        if let Some(s) = node.as_str() {
            // The member that holds it (an array item: the array's member).
            let key = ptr
                .split('/')
                .rev()
                .find(|t| !t.is_empty() && !t.bytes().all(|b| b.is_ascii_digit()))
                .map(pointer::unescape_token);
            in_json_string(node, s, &ptr, key.as_deref(), sink);
        }
    }
}

/// The markers and template lines of a markdown file, one finding per line.
fn text_file(c: &Connector, file: &SourceFile, out: &mut Vec<Finding>) {
    let mut sink = Sink::new(file, c.kind, out);
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let bracket = line.as_bytes().contains(&b'[');
        if let Some(at) = bracket.then(|| line.find(TODO)).flatten() {
            sink.at(
                RuleId::PlaceholderTodo,
                offset + at,
                "",
                format!("{} is still to be written", marker_at(line, at)),
                "Replace the marker with your words (`connector-wizard generate readme` writes one wherever they are needed).",
            );
        }
        // Every template line starts with '#', "Required.", "Optional.", "Description of"
        // or "Answer to": look closer only at those.
        let trimmed = line.trim();
        let candidate = trimmed
            .as_bytes()
            .first()
            .is_some_and(|b| matches!(b | 0x20, b'#' | b'r' | b'o' | b'd' | b'a'));
        let template = candidate && {
            let t = trimmed.to_lowercase();
            TEMPLATE_EXACT.contains(&t.as_str()) || TEMPLATE_LINES.iter().any(|p| t.starts_with(p))
        };
        if template {
            sink.at(
                RuleId::PlaceholderTemplate,
                offset + (line.len() - line.trim_start().len()),
                "",
                format!(
                    "\"{}\" is the template's text, not the connector's",
                    super::text::quote_start(line.trim())
                ),
                "Replace the template's instruction with what it asks for.",
            );
        }
        offset += line.len();
    }
}

#[cfg(test)]
mod tests {
    use crate::document::ConnectorKind;
    use crate::rules::testutil::*;
    use crate::rules::{check, CheckOptions, Finding};
    use serde_json::json;

    fn folder(sw: &serde_json::Value, ap: &str, readme: &str) -> Vec<Finding> {
        let f = connector(
            &[
                ("apiDefinition.swagger.json", &text(sw)),
                ("apiProperties.json", ap),
                ("readme.md", readme),
                ("intro.md", INTRO),
            ],
            ConnectorKind::IndependentPublisher,
        );
        check(&f.connector, &CheckOptions::default())
    }

    #[test]
    fn todo_markers_everywhere() {
        let mut sw = good_swagger();
        sw["definitions"] = json!({"Task": {"type": "object", "properties": {
            "id": {"type": "string", "x-ms-summary": "ID", "description": "[TODO: what the ID is]"}}}});
        sw["paths"]["/tasks/{taskId}"]["get"]["responses"]["200"]["schema"] =
            json!({"$ref": "#/definitions/Task"});
        let ap = r##"{"properties": {"iconBrandColor": "#da3b01", "publisher": "Ada", "stackOwner": "Contoso",
            "connectionParameters": {"token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2",
            "clientId": "[[REPLACE_WITH_CLIENT_ID]]", "customParameters": {"tokenUrl": {"value": "[TODO: token URL]"}}}}}}}"##;
        let readme = README.replace(
            "Create a key.",
            "[TODO: explain how to obtain these credentials]",
        );
        let fs = folder(&sw, ap, &readme);
        let todo = only(&fs, "PLACEHOLDER-TODO");
        assert_eq!(todo.len(), 3, "{fs:#?}");
        assert_eq!(
            todo[0].pointer,
            "/definitions/Task/properties/id/description"
        );
        assert!(
            todo[0].message.contains("[TODO: what the ID is]"),
            "{}",
            todo[0].message
        );
        assert_eq!(
            todo[1].pointer,
            "/properties/connectionParameters/token/oAuthSettings/customParameters/tokenUrl/value"
        );
        assert!(todo[2].file.ends_with("readme.md"));
        assert_eq!(todo[2].line, 14);
        // The client ID is a dummy, as it should be.
        assert!(only(&fs, "PLACEHOLDER-VALUE").is_empty(), "{fs:#?}");
    }

    #[test]
    fn dummies_only_where_secrets_go() {
        let mut sw = good_swagger();
        sw["host"] = json!("[[HOST]]");
        let ap = r##"{"properties": {"iconBrandColor": "#da3b01", "publisher": "Ada", "stackOwner": "Contoso",
            "connectionParameters": {"token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2",
            "clientId": "[[DUMMY]]", "clientSecret": "[[DUMMY]]", "redirectUrl": "[[DUMMY]]"}}}}}"##;
        let fs = folder(&sw, ap, README);
        let v = only(&fs, "PLACEHOLDER-VALUE");
        assert_eq!(v.len(), 2, "{fs:#?}");
        assert_eq!(v[0].pointer, "/host");
        assert_eq!(
            v[1].pointer,
            "/properties/connectionParameters/token/oAuthSettings/redirectUrl"
        );
    }

    #[test]
    fn template_text_is_reported() {
        let mut sw = good_swagger();
        sw["info"]["contact"]["name"] = json!("Full name");
        let ap = r##"{"properties": {"iconBrandColor": "#da3b01", "publisher": "Full name or name of company or organization.", "stackOwner": "Contoso"}}"##;
        let readme = README
            .replace("# Contoso Tasks", "# Title")
            .replace("Gets a task.", "Description of operation 1.");
        let fs = folder(&sw, ap, &readme);
        let t = only(&fs, "PLACEHOLDER-TEMPLATE");
        let ptrs: Vec<(&str, usize)> = t.iter().map(|f| (f.pointer.as_str(), f.line)).collect();
        assert_eq!(t.len(), 4, "{fs:#?}");
        assert!(ptrs.contains(&("/info/contact/name", 8)), "{ptrs:?}");
        assert!(ptrs.contains(&("/properties/publisher", 1)), "{ptrs:?}");
        assert!(
            ptrs.contains(&("", 1)) && ptrs.contains(&("", 11)),
            "{ptrs:?}"
        );
        // A real title that starts with the word passes.
        let fs = folder(
            &good_swagger(),
            AP,
            &README.replace("# Contoso Tasks", "# Titles Today"),
        );
        assert!(only(&fs, "PLACEHOLDER-TEMPLATE").is_empty());
    }
}
