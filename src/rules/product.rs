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
    let mut out: Vec<(&str, &'static str)> = Vec::new();
    for (_, old, new) in outdated_all(text) {
        if !out.iter().any(|(_, c)| *c == new) {
            out.push((old, new));
        }
    }
    out
}

/// Every outdated name of a text: (byte offset, as written, current name). Each name has
/// a rare letter ('w' or 'v') at a known place: the scan jumps from one of those to the next
/// (memchr) and compares only there.
fn outdated_all(text: &str) -> Vec<(usize, &str, &'static str)> {
    let bytes = text.as_bytes();
    let mut out: Vec<(usize, &str, &'static str)> = Vec::new();
    let mut at_letter = |j: usize, letter: u8| {
        for (name, current) in OUTDATED {
            let Some(k) = name.bytes().position(|c| c == letter) else {
                continue;
            };
            let Some(i) = j.checked_sub(k) else { continue };
            let n = name.len();
            let fits = bytes
                .get(i..i + n)
                .is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes()));
            let before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
            let after = bytes.get(i + n).is_none_or(|a| !a.is_ascii_alphanumeric());
            if fits && before && after && !out.iter().any(|(s, _, _)| *s == i) {
                // The match is ASCII, so these are character boundaries.
                out.push((i, &text[i..i + n], current));
            }
        }
    };
    for j in memchr::memchr2_iter(b'w', b'W', bytes) {
        at_letter(j, b'w');
    }
    for j in memchr::memchr2_iter(b'v', b'V', bytes) {
        at_letter(j, b'v');
    }
    out.sort_by_key(|(i, _, _)| *i);
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

/// PRODUCT-NAME-CURRENT on a string of the swagger (`ptr` builds its pointer, only when
/// there is a finding).
pub(super) fn in_string(node: &Node, text: &str, ptr: impl Fn() -> String, sink: &mut Sink) {
    let found = outdated(text);
    if !found.is_empty() {
        sink.node(
            RuleId::ProductNameCurrent,
            node,
            &ptr(),
            message(&found),
            HELP,
        );
    }
}

/// PRODUCT-NAME-CURRENT in readme.md and intro.md: one finding per line.
pub(super) fn check(c: &Connector, out: &mut Vec<Finding>) {
    for file in [&c.readme, &c.intro].into_iter().flatten() {
        text_file(c, file, out);
    }
}

fn text_file(c: &Connector, file: &SourceFile, out: &mut Vec<Finding>) {
    let text = file.text.as_str();
    // One scan of the whole text (most have no old name), then one finding per line.
    let found = outdated_all(text);
    if found.is_empty() {
        return;
    }
    let mut sink = Sink::new(file, c.kind, out);
    let mut k = 0;
    while k < found.len() {
        let at = found[k].0;
        let line_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
        let mut on_line: Vec<(&str, &str)> = Vec::new();
        while k < found.len() && found[k].0 < line_end {
            let (_, old, new) = found[k];
            if !on_line.iter().any(|(_, c)| *c == new) {
                on_line.push((old, new));
            }
            k += 1;
        }
        sink.at(RuleId::ProductNameCurrent, at, "", message(&on_line), HELP);
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
