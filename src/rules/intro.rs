//! intro.md (`INTRO-SECTIONS`; reference §3.4): since 2025 the connector package carries an
//! intro.md with Prerequisites, How to get credentials and Known issues sections.

use super::readme::{headings, norm};
use super::{path_in, Finding, RuleId, Sink};
use crate::document::{Connector, ConnectorKind};

/// The rules of intro.md.
pub(super) fn check(c: &Connector, out: &mut Vec<Finding>) {
    let Some(intro) = &c.intro else {
        if c.kind == ConnectorKind::IndependentPublisher {
            out.push(Finding::whole_file(RuleId::IntroSections, path_in(c, "intro.md"), "the folder has no intro.md".into(), "Since 2025 the connector package needs intro.md (`connector-wizard generate intro`)."));
        }
        return;
    };
    let mut sink = Sink::new(intro, c.kind, out);
    if intro.text.trim().is_empty() {
        sink.at(RuleId::IntroSections, 0, "", "intro.md is empty".into(), "Write an opening paragraph and the Prerequisites, How to get credentials and Known issues sections.");
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
                RuleId::IntroSections,
                0,
                "",
                format!("intro.md has no \"## {label}\" section"),
                "Add it: intro.md becomes the connector's public documentation page.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::ConnectorKind;
    use crate::rules::testutil::*;

    #[test]
    fn intro_rules() {
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
            &[("readme.md", README), ("intro.md", " \n")],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(ids(&fs), vec!["INTRO-SECTIONS"]);
        assert!(fs[0].message.contains("empty"));
    }
}
