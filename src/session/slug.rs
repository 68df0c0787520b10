//! File names for sessions: a lower-case slug of the connector name.

/// Longest slug, in characters (keeps file names well under platform limits).
pub const MAX_SLUG_CHARS: usize = 80;

/// Windows device names that cannot be file names, whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A session name made from text found in a file (a swagger's title, a folder name): control
/// characters and bidirectional controls become spaces, runs of white space one space, and
/// the result is cut to [`super::store::MAX_NAME_CHARS`] characters, so that a hostile title
/// still gives a name that can be saved and shown. May be empty.
pub fn clean_name(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| {
            if crate::util::printable::is_unsafe(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    spaced
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(super::store::MAX_NAME_CHARS)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// The slug of a session name: letters and digits lower-cased, every other run of characters
/// (spaces, punctuation, path separators, `..`, control characters) turned into one `-`,
/// no leading or trailing `-`. `None` when the name has no letter or digit.
///
/// "HubSpot CRM" → "hubspot-crm"; "../etc/passwd" → "etc-passwd".
pub fn slugify(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
        if out.chars().count() >= MAX_SLUG_CHARS {
            break;
        }
    }
    let mut out: String = out.chars().take(MAX_SLUG_CHARS).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        return None;
    }
    if RESERVED.contains(&out.as_str()) {
        out.push_str("-session");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_hostile_titles() {
        assert_eq!(
            clean_name("Acme\u{1b}]0;x\u{7}\u{1b}[2J\u{202e}Evil\n::error::y"),
            "Acme ]0;x [2J Evil ::error::y"
        );
        assert_eq!(clean_name("  Plain   Name "), "Plain Name");
        assert_eq!(clean_name("\u{1b}\u{7}"), "");
        assert_eq!(clean_name(&"y".repeat(500)).chars().count(), 128);
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("HubSpot CRM").as_deref(), Some("hubspot-crm"));
        assert_eq!(
            slugify("  Azure  DevOps (IP) ").as_deref(),
            Some("azure-devops-ip")
        );
        assert_eq!(slugify("../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(slugify("a\\b\u{0}c").as_deref(), Some("a-b-c"));
        assert_eq!(slugify("Café Öl").as_deref(), Some("café-öl"));
        assert_eq!(slugify("CON").as_deref(), Some("con-session"));
        assert_eq!(slugify("..."), None);
        assert_eq!(slugify(""), None);
        let long = "x".repeat(500);
        assert_eq!(slugify(&long).unwrap().len(), MAX_SLUG_CHARS);
        let s = slugify(&"ab ".repeat(100)).unwrap();
        assert!(!s.ends_with('-') && s.chars().count() <= MAX_SLUG_CHARS);
    }
}
