//! Breaking changes between two versions of a connector's swagger.
//!
//! Microsoft runs every update of a connector through a breaking-change detector (a remote
//! service, reference §4) that compares the previous and the new swagger, keyed by
//! `operationId`. An unconfirmed breaking change blocks the merge. This module does the same
//! comparison offline so authors see it before they push:
//!
//! - [`compare`] / [`compare_text`]: the findings (the `BREAKING-…` rules of the registry,
//!   [`crate::rules::RuleId`], severity error), each
//!   naming the operation and the field before and after, located in the NEW file where the
//!   thing is now (or at the operation or `paths` when it is gone);
//! - [`git`]: the older version read through the `git` command ([`git::against`]);
//! - [`check_against`]: both together, for `check --against` and the TUI's Build step.
//!
//! What counts: an operation removed (a renamed operationId is a removal plus an addition),
//! its path template or HTTP method changed, a parameter removed, renamed, moved to another
//! location or made required, a new required parameter (body fields included), a response
//! field removed, a type or format changed, an operation or field made internal, a trigger
//! kind changed. Additions and reordering are not breaking.

pub mod diff;
pub mod git;
pub mod model;

use crate::document::SourceFile;
use crate::json::{LineIndex, Node};
use crate::rules::{Finding, RuleId};
use std::path::PathBuf;

pub use model::Api;

const CONFIRM: &str = "otherwise confirm in the PR that the connector has no live users of it: \
                       the submitter and the reviewer must both acknowledge the breaking change.";

/// What to do about a finding of rule `id`.
pub fn help(id: RuleId) -> String {
    use RuleId::*;
    let first = match id {
        BreakingOpRemoved => "Keep the operation under its old operationId (deprecate it rather than delete or rename it, and add new operations under new IDs);",
        BreakingPathChanged => "Keep the old path in this operation and add a new operation (new operationId) for the new path, deprecating the old one;",
        BreakingMethodChanged => "Keep the old HTTP method and add a new operation (new operationId) for the new one, deprecating the old one;",
        BreakingParamRemoved => "Keep the parameter, or put the new shape in a new operation and deprecate this one;",
        BreakingParamRenamed => "Keep the old name (x-ms-summary changes what users see without breaking flows);",
        BreakingParamLocation => "Keep the parameter where it was, or put the new shape in a new operation and deprecate this one;",
        BreakingParamRequired => "Keep it optional (the service or a policy can supply a default);",
        BreakingParamNewRequired => "Make the new input optional, or give it a default and x-ms-visibility internal when users never set it;",
        BreakingResponseFieldRemoved => "Keep the field in the response schema (flows use it as dynamic content);",
        BreakingTypeChanged => "Keep the old type and format, and add a new field or operation with the new one;",
        BreakingVisibilityInternal => "Keep it visible (advanced hides it from the default view without breaking flows);",
        BreakingTriggerKind => "Keep the trigger kind, and add a new operation for the new behaviour, deprecating the old one;",
        _ => "Keep the previous behaviour;",
    };
    format!("{first} {CONFIRM}")
}

/// Why an older version could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "the git command was not found: install git, or compare with an older swagger file \
         (--against path/to/old.swagger.json)"
    )]
    GitMissing,
    #[error(
        "{path}: not inside a git checkout; compare with an older swagger file instead \
         (--against path/to/old.swagger.json)"
    )]
    NotARepo { path: PathBuf },
    #[error(
        "unknown git revision '{rev}' in {dir}: give a commit, branch or tag that exists \
         (`git log --oneline` lists commits), or the path of an older swagger file"
    )]
    UnknownRevision { rev: String, dir: PathBuf },
    #[error("git {args} failed in {dir}: {message}")]
    Git {
        args: String,
        dir: PathBuf,
        message: String,
    },
    #[error("{path}: cannot read it: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{label}: not UTF-8 text (bad byte 0x{byte:02X} at byte {offset}); save it as UTF-8 or compare with another version")]
    NotUtf8 {
        label: String,
        byte: u8,
        offset: usize,
    },
    #[error(
        "{label}: line {line}, column {column}: {message}; the previous version is not valid JSON, \
         so there is nothing to compare with: pick another revision or file with --against"
    )]
    OldUnparseable {
        label: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// Bytes of an older version as text, without a UTF-8 byte-order mark.
pub(crate) fn decode(mut bytes: Vec<u8>, label: &str) -> Result<String, Error> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        Error::NotUtf8 {
            label: label.to_string(),
            byte: e.as_bytes()[offset],
            offset,
        }
    })
}

/// Parses the text of an older version (a leading BOM is ignored). `label` names where it
/// comes from ("path at HEAD") for the error.
pub fn parse_old(text: &str, label: &str) -> Result<Node, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    crate::json::parse(text).map_err(|e| {
        let (line, column) = LineIndex::new(text).line_col(text, e.offset);
        Error::OldUnparseable {
            label: label.to_string(),
            line,
            column,
            message: e.message,
        }
    })
}

/// The breaking changes from `old` to the swagger `new`. Empty when `new` is not JSON (the
/// JSON-VALID rule reports that).
pub fn compare(old: &Node, new: &SourceFile) -> Vec<Finding> {
    match new.json() {
        Some(root) => compare_in(old, root, &new.text, &new.lines, &new.display),
        None => Vec::new(),
    }
}

/// [`compare`] for a new version given as its text, its tree and the file name to report.
pub fn compare_text(old: &Node, new_root: &Node, new_text: &str, file: &str) -> Vec<Finding> {
    compare_in(old, new_root, new_text, &LineIndex::new(new_text), file)
}

fn compare_in(
    old: &Node,
    new_root: &Node,
    text: &str,
    lines: &LineIndex,
    file: &str,
) -> Vec<Finding> {
    let old_api = Api::read(old);
    let new_api = Api::read(new_root);
    let mut out: Vec<Finding> = diff::diff(&old_api, &new_api)
        .into_iter()
        .map(|c| {
            let (line, column) = lines.line_col(text, c.loc.offset);
            Finding {
                rule: c.rule,
                severity: c.rule.severity(),
                file: file.to_string(),
                line,
                column,
                pointer: c.loc.pointer,
                message: c.message,
                help: help(c.rule),
                fix: None,
            }
            .registered()
        })
        .collect();
    crate::rules::sort(&mut out);
    out
}

/// The result of comparing a swagger with an older version of it.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Where the older version comes from ("path/in/repo at HEAD", or a file path).
    pub label: String,
    /// Operations of the older version (what was compared).
    pub operations: usize,
    pub findings: Vec<Finding>,
}

/// Compares the swagger `new` with its version at `rev_or_file` (see [`git::against`]; ""
/// means the default base). `Ok(None)` when there is no older version (a new connector).
pub fn check_against(new: &SourceFile, rev_or_file: &str) -> Result<Option<Comparison>, Error> {
    let Some((label, text)) = git::against(&new.path, rev_or_file)? else {
        return Ok(None);
    };
    let old = parse_old(&text, &label)?;
    Ok(Some(Comparison {
        operations: Api::read(&old).operations.len(),
        findings: compare(&old, new),
        label,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    #[test]
    fn every_breaking_rule_has_its_own_help() {
        let rules = RuleId::matching("BREAKING");
        assert_eq!(rules.len(), 12);
        for id in rules {
            assert_eq!(id.severity(), Severity::Error);
            assert!(
                !help(id).starts_with("Keep the previous behaviour"),
                "no help for {id}"
            );
        }
    }

    #[test]
    fn old_text_with_bom_parses_and_bad_json_names_the_line() {
        assert!(parse_old("\u{feff}{\"a\": 1}", "x at HEAD").is_ok());
        let err = parse_old("{\n  \"a\": 1,\n  oops\n}", "x at HEAD").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x at HEAD: line 3, column 3:"), "{msg}");
        assert!(decode(b"\xEF\xBB\xBF{}".to_vec(), "x").unwrap() == "{}");
        let e = decode(b"{\"a\": \"\xE9\"}".to_vec(), "x at HEAD").unwrap_err();
        assert!(e.to_string().contains("0xE9"), "{e}");
    }
}
