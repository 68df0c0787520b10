//! Breaking changes between two versions of a connector's swagger.
//!
//! Microsoft runs every update of a connector through a breaking-change detector (a remote
//! service, reference §4) that compares the previous and the new swagger, keyed by
//! `operationId`. An unconfirmed breaking change blocks the merge. This module does the same
//! comparison offline so authors see it before they push:
//!
//! - [`compare`] / [`compare_text`]: the findings (IDs `BREAKING-…`, severity error), each
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
use crate::rules::{Finding, Rule, Severity};
use std::path::PathBuf;

pub use model::Api;

pub const OP_REMOVED: &str = "BREAKING-OP-REMOVED";
pub const PATH_CHANGED: &str = "BREAKING-PATH-CHANGED";
pub const METHOD_CHANGED: &str = "BREAKING-METHOD-CHANGED";
pub const PARAM_REMOVED: &str = "BREAKING-PARAM-REMOVED";
pub const PARAM_RENAMED: &str = "BREAKING-PARAM-RENAMED";
pub const PARAM_LOCATION: &str = "BREAKING-PARAM-LOCATION";
pub const PARAM_REQUIRED: &str = "BREAKING-PARAM-REQUIRED";
pub const PARAM_NEW_REQUIRED: &str = "BREAKING-PARAM-NEW-REQUIRED";
pub const RESPONSE_FIELD_REMOVED: &str = "BREAKING-RESPONSE-FIELD-REMOVED";
pub const TYPE_CHANGED: &str = "BREAKING-TYPE-CHANGED";
pub const VISIBILITY_INTERNAL: &str = "BREAKING-VISIBILITY-INTERNAL";
pub const TRIGGER_KIND: &str = "BREAKING-TRIGGER-KIND";

/// The family name of the breaking-change rules in `connector-wizard rules`.
pub const FAMILY: &str = "Breaking changes";

const RM: &str = "https://github.com/microsoft/PowerPlatformConnectors/blob/dev/README.md";
const I1090: &str = "https://github.com/microsoft/PowerPlatformConnectors/issues/1090";
const I3648: &str = "https://github.com/microsoft/PowerPlatformConnectors/issues/3648";
const I3656: &str = "https://github.com/microsoft/PowerPlatformConnectors/issues/3656";
const I3910: &str = "https://github.com/microsoft/PowerPlatformConnectors/issues/3910";

macro_rules! breaking_rules {
    ($( $id:ident, $src:ident, $sum:literal; )*) => {
        /// The breaking-change rules, for `connector-wizard rules` and the TUI's help.
        pub static BREAKING_RULES: &[Rule] = &[
            $( Rule { id: $id, severity: Severity::Error, summary: $sum, source: $src, fixable: false, family: FAMILY }, )*
        ];
    };
}

breaking_rules! {
    OP_REMOVED, I1090, "an operation of the previous version still exists under the same operationId (renaming one removes it)";
    PATH_CHANGED, I3648, "an operation keeps its path template";
    METHOD_CHANGED, RM, "an operation keeps its HTTP method";
    PARAM_REMOVED, RM, "an operation keeps every parameter and body field it had";
    PARAM_RENAMED, RM, "a parameter or body field keeps its name (change x-ms-summary to change the label)";
    PARAM_LOCATION, I3648, "a parameter stays where it was (path, query, header, body, formData)";
    PARAM_REQUIRED, I3656, "an optional parameter or body field does not become required";
    PARAM_NEW_REQUIRED, I3656, "no new required parameter or body field is added to an existing operation";
    RESPONSE_FIELD_REMOVED, I3656, "the success response keeps every field it had";
    TYPE_CHANGED, I3910, "parameters and response fields keep their type and format";
    VISIBILITY_INTERNAL, RM, "an operation, parameter or response field does not become internal";
    TRIGGER_KIND, RM, "a trigger keeps its kind (batch or single) and an action stays an action";
}

const CONFIRM: &str = "otherwise confirm in the PR that the connector has no live users of it: \
                       the submitter and the reviewer must both acknowledge the breaking change.";

/// What to do about a finding of rule `id`.
pub fn help(id: &str) -> String {
    let first = match id {
        OP_REMOVED => "Keep the operation under its old operationId (deprecate it rather than delete or rename it, and add new operations under new IDs);",
        PATH_CHANGED => "Keep the old path in this operation and add a new operation (new operationId) for the new path, deprecating the old one;",
        METHOD_CHANGED => "Keep the old HTTP method and add a new operation (new operationId) for the new one, deprecating the old one;",
        PARAM_REMOVED => "Keep the parameter, or put the new shape in a new operation and deprecate this one;",
        PARAM_RENAMED => "Keep the old name (x-ms-summary changes what users see without breaking flows);",
        PARAM_LOCATION => "Keep the parameter where it was, or put the new shape in a new operation and deprecate this one;",
        PARAM_REQUIRED => "Keep it optional (the service or a policy can supply a default);",
        PARAM_NEW_REQUIRED => "Make the new input optional, or give it a default and x-ms-visibility internal when users never set it;",
        RESPONSE_FIELD_REMOVED => "Keep the field in the response schema (flows use it as dynamic content);",
        TYPE_CHANGED => "Keep the old type and format, and add a new field or operation with the new one;",
        VISIBILITY_INTERNAL => "Keep it visible (advanced hides it from the default view without breaking flows);",
        TRIGGER_KIND => "Keep the trigger kind, and add a new operation for the new behaviour, deprecating the old one;",
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
                severity: Severity::Error,
                file: file.to_string(),
                line,
                column,
                pointer: c.loc.pointer,
                message: c.message,
                help: help(c.rule),
                fix: None,
            }
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
    use std::collections::HashSet;

    #[test]
    fn rule_ids_are_unique_prefixed_and_not_in_the_main_registry() {
        let mut seen = HashSet::new();
        for r in BREAKING_RULES {
            assert!(seen.insert(r.id), "duplicate {}", r.id);
            assert!(r.id.starts_with("BREAKING-"));
            assert!(r.source.starts_with("https://"));
            assert_eq!(r.family, FAMILY);
            assert!(!crate::rules::RULES.iter().any(|m| m.id == r.id));
            assert!(
                !help(r.id).starts_with("Keep the previous behaviour"),
                "no help for {}",
                r.id
            );
        }
        assert_eq!(BREAKING_RULES.len(), 12);
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
