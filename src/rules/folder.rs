//! What an independent publisher's connector folder may hold (`FILE-EXTRA`, `IP-NO-ICON`;
//! reference §3.1): no icon, no settings.json, no sub-folders.

use super::{path_in, Finding, RuleId};
use crate::document::{Connector, ConnectorKind};

const IMAGE_EXT: &[&str] = &[
    ".png", ".jpg", ".jpeg", ".svg", ".gif", ".ico", ".bmp", ".webp",
];

/// The rules of the folder's entries.
pub(super) fn check(c: &Connector, out: &mut Vec<Finding>) {
    if c.kind != ConnectorKind::IndependentPublisher {
        return;
    }
    for name in &c.entries {
        if name.starts_with('.') {
            continue; // .git, .DS_Store, editor files: not part of what a PR submits
        }
        let lower = name.to_ascii_lowercase();
        if c.dirs.contains(name) {
            out.push(Finding::whole_file(
                RuleId::FileExtra,
                path_in(c, name),
                format!("the connector folder holds a sub-folder \"{name}\""),
                "Remove it: screenshots go in the PR body, not the repository.",
            ));
        } else if IMAGE_EXT.iter().any(|e| lower.ends_with(e)) {
            out.push(Finding::whole_file(RuleId::IpNoIcon, path_in(c, name), format!("the folder holds the image \"{name}\""), "Remove it: independent publisher connectors get the generic icon and submit no icon."));
        } else if lower == "settings.json" {
            out.push(Finding::whole_file(
                RuleId::FileExtra,
                path_in(c, name),
                "the folder holds settings.json".into(),
                "Remove settings.json: it is a local paconn file, not part of the connector.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::ConnectorKind;
    use crate::rules::testutil::*;

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
}
