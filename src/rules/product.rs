//! `PRODUCT-NAME-CURRENT`: Microsoft renamed its products (Microsoft Flow became Power
//! Automate, PowerApps became Power Apps, Common Data Service became Dataverse, Power Virtual
//! Agents became Copilot Studio); reviewers ask for the current names in the readme and in
//! the operations' texts. (The connector's title and description must name no product at
//! all: `TITLE-NO-PRODUCT`, `DESC-NO-PRODUCT`.)

use super::{Finding, RuleId, Sink};
use crate::document::{Connector, SourceFile};
use crate::json::Node;

/// Outdated names (lower case, compared without case at word boundaries) and the current ones.
const OUTDATED: &[(&str, &str)] = &[
    ("microsoft flow", "Power Automate"),
    ("powerautomate", "Power Automate"),
    ("powerapps", "Power Apps"),
    ("common data service", "Dataverse"),
    ("powerbi", "Power BI"),
    ("power virtual agents", "Copilot Studio"),
];

/// The outdated names in a text, each once: (as written, current name).
pub fn outdated(text: &str) -> Vec<(&str, &'static str)> {
    let bytes = text.as_bytes();
    let mut out: Vec<(&str, &'static str)> = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        let first = b.to_ascii_lowercase();
        if !matches!(first, b'm' | b'p' | b'c') {
            continue;
        }
        if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
            continue;
        }
        for (name, current) in OUTDATED {
            let n = name.len();
            let Some(candidate) = bytes.get(i..i + n) else {
                continue;
            };
            let boundary_after = bytes.get(i + n).is_none_or(|a| !a.is_ascii_alphanumeric());
            if boundary_after
                && candidate.eq_ignore_ascii_case(name.as_bytes())
                && !out.iter().any(|(_, c)| c == current)
            {
                // The match is ASCII, so these are character boundaries.
                out.push((&text[i..i + n], current));
            }
        }
    }
    out
}

fn message(found: &[(&str, &str)]) -> String {
    let parts: Vec<String> = found
        .iter()
        .map(|(old, new)| format!("\"{old}\" is now \"{new}\""))
        .collect();
    parts.join("; ")
}

const HELP: &str = "Use the product's current name, as Microsoft's pages do.";

/// PRODUCT-NAME-CURRENT on a string of the swagger.
pub(super) fn in_string(node: &Node, text: &str, ptr: &str, sink: &mut Sink) {
    let found = outdated(text);
    if !found.is_empty() {
        sink.node(RuleId::ProductNameCurrent, node, ptr, message(&found), HELP);
    }
}

/// PRODUCT-NAME-CURRENT in readme.md and intro.md: one finding per line.
pub(super) fn check(c: &Connector, out: &mut Vec<Finding>) {
    for file in [&c.readme, &c.intro].into_iter().flatten() {
        text_file(c, file, out);
    }
}

fn text_file(c: &Connector, file: &SourceFile, out: &mut Vec<Finding>) {
    let mut sink = Sink::new(file, c.kind, out);
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let found = outdated(line);
        if let Some((first, _)) = found.first() {
            let at = first.as_ptr() as usize - line.as_ptr() as usize;
            sink.at(
                RuleId::ProductNameCurrent,
                offset + at,
                "",
                message(&found),
                HELP,
            );
        }
        offset += line.len();
    }
}

#[cfg(test)]
mod tests {
    use super::outdated;
    use crate::document::ConnectorKind;
    use crate::rules::testutil::*;

    #[test]
    fn outdated_names() {
        assert_eq!(
            outdated("Use it in Microsoft Flow and PowerApps, with CDS (Common Data Service)."),
            [
                ("Microsoft Flow", "Power Automate"),
                ("PowerApps", "Power Apps"),
                ("Common Data Service", "Dataverse")
            ]
        );
        assert!(
            outdated("Power Automate and Power Apps; superpowerapps; Microsoft Flows").is_empty()
        );
        assert_eq!(outdated("powerbi").len(), 1);
    }

    #[test]
    fn readme_lines_and_operation_texts() {
        let readme = README.replace("An account.", "A Microsoft Flow plan.");
        let fs = run(
            &[("readme.md", &readme), ("intro.md", INTRO)],
            ConnectorKind::IndependentPublisher,
        );
        let p = only(&fs, "PRODUCT-NAME-CURRENT");
        assert_eq!(p.len(), 1, "{fs:#?}");
        assert_eq!((p[0].line, p[0].column), (7, 3));
        let fs = with(|v| {
            v["paths"]["/tasks/{taskId}"]["get"]["description"] =
                serde_json::json!("Retrieves one task for a PowerApps canvas app.");
        });
        let p = only(&fs, "PRODUCT-NAME-CURRENT");
        assert_eq!(p.len(), 1, "{fs:#?}");
        assert_eq!(p[0].pointer, "/paths/~1tasks~1{taskId}/get/description");
        assert!(p[0].message.contains("\"PowerApps\" is now \"Power Apps\""));
    }
}
