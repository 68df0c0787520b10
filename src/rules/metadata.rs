//! `x-ms-connector-metadata`: Website, Privacy policy and Categories (`METADATA-*`;
//! reference §2.6, §2.8).

use super::contact::is_url;
use super::{show, RuleId, Severity, Sink};
use crate::json::{Node, TextEdit};

/// The documented connector categories (§2.8), exact text.
pub const CATEGORIES: &[&str] = &[
    "AI",
    "Business Management",
    "Business Intelligence",
    "Collaboration",
    "Commerce",
    "Communication",
    "Content and Files",
    "Finance",
    "Data",
    "Human Resources",
    "Internet of Things",
    "IT Operations",
    "Lifestyle and Entertainment",
    "Marketing",
    "Productivity",
    "Sales and CRM",
    "Security",
    "Social Media",
    "Website",
];

const META_NAMES: &[&str] = &["Website", "Privacy policy", "Categories"];

/// The rules of `x-ms-connector-metadata`.
pub(super) fn check(root: &Node, sink: &mut Sink) {
    let Some(meta) = root.get("x-ms-connector-metadata") else {
        sink.node(
            RuleId::MetadataPresent,
            root,
            "",
            "x-ms-connector-metadata is missing".into(),
            "Add x-ms-connector-metadata with Website, Privacy policy and Categories entries.",
        );
        return;
    };
    let Some(items) = meta.as_array() else {
        sink.node(
            RuleId::MetadataPresent,
            meta,
            "/x-ms-connector-metadata",
            format!(
                "x-ms-connector-metadata is a {}, not a list",
                meta.type_name()
            ),
            "Make it a list of {\"propertyName\", \"propertyValue\"} objects.",
        );
        return;
    };
    let mut found = [false; 3];
    for (i, item) in items.iter().enumerate() {
        let ptr = format!("/x-ms-connector-metadata/{i}");
        let name = item.get("propertyName");
        let value = item.get("propertyValue");
        let (Some(name_node), Some(name)) = (name, name.and_then(Node::as_str)) else {
            sink.node(
                RuleId::MetadataPresent,
                item,
                &ptr,
                "a metadata entry has no propertyName".into(),
                "Each entry is {\"propertyName\": ..., \"propertyValue\": ...}.",
            );
            continue;
        };
        let Some(value_node) = value else {
            sink.node(
                RuleId::MetadataPresent,
                item,
                &ptr,
                format!("the metadata entry \"{name}\" has no propertyValue"),
                "Add its propertyValue.",
            );
            continue;
        };
        let exact = META_NAMES.iter().position(|n| *n == name);
        let loose = META_NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(name.trim()));
        let idx = match (exact, loose) {
            (Some(i), _) => i,
            (None, Some(i)) => {
                let want = META_NAMES[i];
                let id = if i == 1 {
                    RuleId::MetadataPrivacy
                } else {
                    RuleId::MetadataNamesExact
                };
                let fix = sink.fix(
                    format!("{ptr}/propertyName: \"{name}\" → \"{want}\""),
                    vec![TextEdit::set_string(name_node, want)],
                );
                // Merged connectors carry "Privacy Policy" and "website": the platform
                // reads the names without case, so another case is a warning.
                let sev = if name.trim() == name {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                sink.at_sev(
                    id,
                    sev,
                    name_node.span.start,
                    &format!("{ptr}/propertyName"),
                    format!(
                        "the metadata name \"{name}\" is spelt \"{want}\" in the documentation"
                    ),
                    format!("Rename it to \"{want}\" (exact case)."),
                    fix,
                );
                i
            }
            (None, None) => continue,
        };
        found[idx] = true;
        let vptr = format!("{ptr}/propertyValue");
        match idx {
            0 | 1 => {
                let id = if idx == 0 {
                    RuleId::MetadataWebsite
                } else {
                    RuleId::MetadataPrivacy
                };
                if !value_node.as_str().is_some_and(is_url) {
                    sink.node(
                        id,
                        value_node,
                        &vptr,
                        format!(
                            "the {} value {} is not a URL",
                            META_NAMES[idx],
                            show(value_node)
                        ),
                        "Give the full https:// URL.",
                    );
                }
            }
            _ => categories(value_node, &vptr, sink),
        }
    }
    let missing = [
        (RuleId::MetadataWebsite, "Website", "the service's website"),
        (
            RuleId::MetadataPrivacy,
            "Privacy policy",
            "the service's privacy policy",
        ),
        (
            RuleId::MetadataCategories,
            "Categories",
            "one or two categories",
        ),
    ];
    for (i, (id, name, what)) in missing.iter().enumerate() {
        if !found[i] {
            sink.node(
                *id,
                meta,
                "/x-ms-connector-metadata",
                format!("x-ms-connector-metadata has no \"{name}\" entry"),
                &format!(
                    "Add {{\"propertyName\": \"{name}\", \"propertyValue\": ...}} with {what}."
                ),
            );
        }
    }
}

fn categories(node: &Node, ptr: &str, sink: &mut Sink) {
    let Some(v) = node.as_str() else {
        sink.node(
            RuleId::MetadataCategories,
            node,
            ptr,
            format!("Categories is a {}, not a string", node.type_name()),
            "Use a ';'-separated string such as \"Productivity;Data\".",
        );
        return;
    };
    let items: Vec<&str> = v
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() || items.len() > 2 {
        sink.node(
            RuleId::MetadataCategories,
            node,
            ptr,
            format!(
                "Categories \"{v}\" has {} categories; use one or two",
                items.len()
            ),
            "Pick one or two categories from the documented list.",
        );
    }
    let mut fixed = Vec::new();
    let mut fixable = true;
    let mut only_case = true;
    let mut wrong = Vec::new();
    for it in &items {
        if let Some(exact) = CATEGORIES.iter().find(|c| *c == it) {
            fixed.push(*exact);
        } else if let Some(c) = CATEGORIES.iter().find(|c| c.eq_ignore_ascii_case(it)) {
            fixed.push(*c);
            wrong.push(format!("\"{it}\" (write \"{c}\")"));
        } else {
            fixable = false;
            only_case = false;
            wrong.push(format!("\"{it}\""));
        }
    }
    if !wrong.is_empty() {
        let fix = (fixable && !items.is_empty() && items.len() <= 2)
            .then(|| {
                sink.fix(
                    format!("{ptr}: categories spelt as documented"),
                    vec![TextEdit::set_string(node, &fixed.join(";"))],
                )
            })
            .flatten();
        // A category in another case ("collaboration") was merged; one off the list was not.
        let sev = if only_case {
            Severity::Warning
        } else {
            Severity::Error
        };
        sink.at_sev(
            RuleId::MetadataCategories,
            sev,
            node.span.start,
            ptr,
            format!(
                "Categories {} not on the documented list",
                wrong.join(", ") + if wrong.len() == 1 { " is" } else { " are" }
            ),
            format!("Use the exact names: {}.", CATEGORIES.join(", ")),
            fix,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn metadata_rules() {
        assert_eq!(
            ids(&with(|v| {
                v.as_object_mut().unwrap().remove("x-ms-connector-metadata");
            })),
            vec!["METADATA-PRESENT"]
        );
        let fs =
            with(|v| v["x-ms-connector-metadata"][1]["propertyName"] = json!("Privacy Policy"));
        assert_eq!(ids(&fs), vec!["METADATA-PRIVACY"]);
        assert!(fs[0].fix.is_some());
        // Merged connectors carry "Privacy Policy": another case is a warning.
        assert_eq!(fs[0].severity, crate::rules::Severity::Warning);
        let fs =
            with(|v| v["x-ms-connector-metadata"][1]["propertyName"] = json!(" privacy policy"));
        assert_eq!(fs[0].severity, crate::rules::Severity::Error);
        assert_eq!(fs[0].pointer, "/x-ms-connector-metadata/1/propertyName");
        let fs = with(|v| v["x-ms-connector-metadata"][0]["propertyName"] = json!("website"));
        assert_eq!(ids(&fs), vec!["METADATA-NAMES-EXACT"]);
        let fs =
            with(|v| v["x-ms-connector-metadata"][2]["propertyValue"] = json!("collaboration"));
        assert_eq!(ids(&fs), vec!["METADATA-CATEGORIES"]);
        assert!(fs[0].fix.is_some());
        assert_eq!(fs[0].severity, crate::rules::Severity::Warning);
        let fs = with(|v| v["x-ms-connector-metadata"][2]["propertyValue"] = json!("Gadgets"));
        assert_eq!(ids(&fs), vec!["METADATA-CATEGORIES"]);
        assert_eq!(fs[0].severity, crate::rules::Severity::Error);
        assert!(fs[0].fix.is_none());
        let fs =
            with(|v| v["x-ms-connector-metadata"][2]["propertyValue"] = json!("AI;Data;Finance"));
        assert_eq!(ids(&fs), vec!["METADATA-CATEGORIES"]);
        let fs = with(|v| v["x-ms-connector-metadata"][0]["propertyValue"] = json!("contoso"));
        assert_eq!(ids(&fs), vec!["METADATA-WEBSITE"]);
        let fs = with(|v| {
            v["x-ms-connector-metadata"]
                .as_array_mut()
                .unwrap()
                .remove(1);
        });
        assert_eq!(ids(&fs), vec!["METADATA-PRIVACY"]);
    }
}
