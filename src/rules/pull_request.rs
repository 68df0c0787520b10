//! The pull-request titles (`PR-TITLE`, `PROPOSAL-TITLE`; reference §1, §2.7): checked by
//! `check --pr-title` and on every keystroke in the wizard.

use super::field::{Out, IP_SUFFIX};
use super::{check_field, Field, FieldContext, Finding, RuleId, Severity};
use crate::document::Connector;

/// Checks a PR title: a proposal title when it starts with "Proposal", else a final title.
pub(super) fn check_pr_title(c: &Connector, title: &str, is_update: bool, out: &mut Vec<Finding>) {
    let proposal = title.trim_start().starts_with("Proposal -");
    if proposal {
        if let Some(what) = full_connector(c) {
            out.push(Finding::whole_file(
                RuleId::PrTitle,
                "PR title",
                format!("the PR title \"{}\" starts with \"Proposal -\", but the folder holds a full connector ({what})", title.trim()),
                "Drop \"Proposal - \" from the title when you submit the connector: reviewers only review PRs without it.",
            ));
            return;
        }
    }
    let field = if proposal {
        Field::ProposalTitle
    } else {
        Field::PrTitle
    };
    let ctx = FieldContext {
        kind: c.kind,
        is_update,
        ..Default::default()
    };
    for i in check_field(field, title, &ctx) {
        out.push(
            Finding {
                severity: i.severity,
                ..Finding::whole_file(i.rule, "PR title", i.message, i.help)
            }
            .registered(),
        );
    }
}

/// What makes the folder a full connector rather than a proposal (which holds a readme):
/// a swagger with operations and an apiProperties.json.
fn full_connector(c: &Connector) -> Option<String> {
    let ops = c
        .swagger_json()
        .map(|root| crate::document::OpenApi::new(root).operations().count())
        .unwrap_or(0);
    (ops > 0 && c.api_properties.is_some()).then(|| {
        format!(
            "a swagger with {ops} operation{} and apiProperties.json",
            if ops == 1 { "" } else { "s" }
        )
    })
}

/// The rules of the final PR title.
pub(super) fn pr_title(v: &str, ctx: &FieldContext, out: &mut Out) {
    let t = v.trim();
    if t.starts_with("Proposal -") || t.to_lowercase().starts_with("proposal") {
        out.push(
            RuleId::PrTitle,
            format!("the PR title \"{t}\" still starts with \"Proposal\""),
            "Remove \"Proposal - \" when you submit: reviewers only review PRs without it.",
        );
        return;
    }
    if ctx.is_update {
        if !t.contains(IP_SUFFIX) {
            out.sev(
                RuleId::PrTitle,
                Severity::Warning,
                format!("the PR title \"{t}\" does not contain \"{IP_SUFFIX}\""),
                "Name the connector followed by \"(Independent Publisher)\".",
            );
        }
    } else if !t.ends_with(&format!(" {IP_SUFFIX}")) || t.len() <= IP_SUFFIX.len() + 1 {
        out.push(
            RuleId::PrTitle,
            format!("the PR title \"{t}\" is not \"Name (Independent Publisher)\""),
            "Use the form \"HubSpot Marketing (Independent Publisher)\".",
        );
    }
}

/// The rules of the proposal PR title.
pub(super) fn proposal_title(v: &str, out: &mut Out) {
    let t = v.trim();
    let ok = t
        .strip_prefix("Proposal - ")
        .and_then(|rest| rest.strip_suffix(&format!(" {IP_SUFFIX}")))
        .is_some_and(|name| !name.trim().is_empty());
    if !ok {
        out.push(
            RuleId::ProposalTitle,
            format!(
                "the proposal title \"{t}\" is not \"Proposal - Name (Independent Publisher)\""
            ),
            "Use the form \"Proposal - HubSpotCRM (Independent Publisher)\".",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::document::ConnectorKind;
    use crate::rules::testutil::*;
    use crate::rules::{check, check_field, CheckOptions, Field, FieldContext, Severity};

    #[test]
    fn pr_titles() {
        assert!(field_ids(Field::PrTitle, "HubSpot Marketing (Independent Publisher)").is_empty());
        assert_eq!(
            field_ids(Field::PrTitle, "HubSpot Marketing"),
            vec!["PR-TITLE"]
        );
        assert_eq!(
            field_ids(Field::PrTitle, "Proposal - HubSpot (Independent Publisher)"),
            vec!["PR-TITLE"]
        );
        let upd = FieldContext {
            is_update: true,
            ..Default::default()
        };
        assert!(check_field(
            Field::PrTitle,
            "Mensagia (Independent Publisher) v1.1",
            &upd
        )
        .is_empty());
        assert_eq!(
            check_field(Field::PrTitle, "Update Mensagia", &upd)[0].severity,
            Severity::Warning
        );
        assert!(field_ids(
            Field::ProposalTitle,
            "Proposal - HubSpotCRM (Independent Publisher)"
        )
        .is_empty());
        assert_eq!(
            field_ids(Field::ProposalTitle, "Proposal: HubSpotCRM"),
            vec!["PROPOSAL-TITLE"]
        );
        assert_eq!(
            field_ids(Field::ProposalTitle, "Proposal -  (Independent Publisher)"),
            vec!["PROPOSAL-TITLE"]
        );
    }

    /// The findings of `check --pr-title TITLE` on the PR title.
    fn title_findings(c: &crate::document::Connector, title: &str) -> Vec<crate::rules::Finding> {
        let opts = CheckOptions {
            pr_title: Some(title.into()),
            ..Default::default()
        };
        check(c, &opts)
            .into_iter()
            .filter(|f| f.file == "PR title")
            .collect()
    }

    #[test]
    fn pr_title() {
        let sw = text(&good_swagger());
        let f = connector(
            &[("apiDefinition.swagger.json", &sw)],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(
            ids(&title_findings(&f.connector, "Contoso Tasks")),
            vec!["PR-TITLE"]
        );
        assert_eq!(
            ids(&title_findings(&f.connector, "Proposal - Contoso Tasks")),
            vec!["PROPOSAL-TITLE"]
        );
        // With apiProperties.json beside a swagger with operations, it is the submission.
        let f = connector(
            &[
                ("apiDefinition.swagger.json", &sw),
                ("apiProperties.json", AP),
            ],
            ConnectorKind::IndependentPublisher,
        );
        let fs = title_findings(
            &f.connector,
            "Proposal - Contoso Tasks (Independent Publisher)",
        );
        assert_eq!(ids(&fs), vec!["PR-TITLE"]);
        assert!(
            fs[0]
                .message
                .contains("a swagger with 1 operation and apiProperties.json"),
            "{}",
            fs[0].message
        );
        assert!(fs[0].help.contains("Drop \"Proposal - \""));
    }
}
