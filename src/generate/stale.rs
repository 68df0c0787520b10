//! Generated files that fell behind: readme.md, intro.md and apiProperties.json the wizard
//! wrote and nobody edited since, which the generator would now write differently (the author
//! shortened a summary, renamed an operation, changed the proposal). A hand-edited file is
//! never called out of date on that ground; readme.md is also compared with the swagger's
//! operations, which catches the common case without a record.

use super::{api_properties_json, intro_md, readme_md, Facts};
use crate::document::{Connector, SourceFile};
use crate::session::Session;

/// The generated files, by the name the session records them under (lower case).
pub const GENERATED: [&str; 3] = ["readme.md", "intro.md", "apiproperties.json"];

/// A stable fingerprint of a text (64-bit FNV-1a, hex): the same text gives the same
/// fingerprint in every build.
pub fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A generated file that is out of date, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// "readme.md", "intro.md" or "apiProperties.json".
    pub name: &'static str,
    pub reason: String,
}

/// The generated files of `connector` that are out of date with the swagger and the session.
pub fn stale_files(session: &Session, connector: &Connector) -> Vec<Stale> {
    let mut out = Vec::new();
    type Gen = fn(&Session, Option<&Connector>) -> String;
    let files: [(&'static str, Option<&SourceFile>, Gen); 3] = [
        ("readme.md", connector.readme.as_ref(), readme_md),
        ("intro.md", connector.intro.as_ref(), intro_md),
        (
            "apiProperties.json",
            connector.api_properties.as_ref(),
            api_properties_json,
        ),
    ];
    for (name, file, generate) in files {
        let Some(file) = file else { continue };
        let recorded = session.generated.get(&name.to_ascii_lowercase());
        if recorded.is_some_and(|fp| *fp == fingerprint(&file.text)) {
            if generate(session, Some(connector)) != file.text {
                out.push(Stale {
                    name,
                    reason: format!(
                        "{name} is out of date: the wizard wrote it and the {} changed since",
                        if name == "intro.md" {
                            "proposal"
                        } else {
                            "swagger or the session"
                        }
                    ),
                });
            }
            continue;
        }
        if name == "readme.md" {
            if let Some(reason) = readme_operations_differ(session, connector, &file.text) {
                out.push(Stale { name, reason });
            }
        }
    }
    out
}

/// The `### …` headings of the `## Supported Operations` section, against the operations of
/// the swagger: a heading no operation has (a summary shortened since) or an operation
/// without a heading.
fn readme_operations_differ(
    session: &Session,
    connector: &Connector,
    readme: &str,
) -> Option<String> {
    let f = Facts::new(session, Some(connector));
    let sw = f.swagger.as_ref().filter(|s| !s.operations.is_empty())?;
    let mut in_section = false;
    let mut headings = Vec::new();
    for line in readme.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("## ") {
            in_section = h.trim().eq_ignore_ascii_case("Supported Operations");
        } else if in_section {
            if let Some(h) = t.strip_prefix("### ") {
                headings.push(h.trim().to_string());
            }
        }
    }
    if headings.is_empty() {
        return None;
    }
    let names: Vec<String> = sw
        .visible_operations()
        .map(|o| super::one_line(&o.display_name()))
        .collect();
    let gone: Vec<&String> = headings.iter().filter(|h| !names.contains(h)).collect();
    let missing: Vec<&String> = names.iter().filter(|n| !headings.contains(n)).collect();
    if gone.is_empty() && missing.is_empty() {
        return None;
    }
    let quote = |v: &[&String]| {
        v.iter()
            .take(3)
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !gone.is_empty() {
        parts.push(format!(
            "lists {} that the swagger no longer has",
            quote(&gone)
        ));
    }
    if !missing.is_empty() {
        parts.push(format!("does not list {}", quote(&missing)));
    }
    Some(format!("readme.md {}", parts.join(" and ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_ne!(fingerprint("readme"), fingerprint("readme "));
    }
}
