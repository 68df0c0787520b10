//! The rules of one text field. Pure functions over a string and a little context, so the
//! editor can run them on every keystroke and the document rules reuse them. Each field's
//! rules live in their family's module (`info::title`, `operations::op_summary`, …); this
//! module dispatches to them and holds what they share.

use super::spelling::{self, Checker, Style};
use super::{info, operations, parameters, pull_request, text, RuleId, Severity};
use crate::document::ConnectorKind;

/// Which field a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Description,
    OpSummary,
    OpDescription,
    OperationId,
    Visibility,
    ParamSummary,
    ParamDescription,
    PrTitle,
    ProposalTitle,
}

impl Field {
    /// The character limit shown next to the field, if there is one.
    pub fn max_len(self) -> Option<usize> {
        match self {
            Field::Title => Some(30),
            Field::Description => Some(500),
            Field::OpSummary | Field::ParamSummary => Some(80),
            _ => None,
        }
    }

    /// The minimum length, if there is one.
    pub fn min_len(self) -> Option<usize> {
        match self {
            Field::Description => Some(30),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Description => "Description",
            Field::OpSummary => "Summary",
            Field::OpDescription => "Description",
            Field::OperationId => "Operation ID",
            Field::Visibility => "Visibility",
            Field::ParamSummary => "Summary (x-ms-summary)",
            Field::ParamDescription => "Description",
            Field::PrTitle => "PR title",
            Field::ProposalTitle => "Proposal PR title",
        }
    }
}

/// What a field's rules may need to know besides its text.
#[derive(Debug, Clone, Default)]
pub struct FieldContext<'a> {
    pub kind: ConnectorKind,
    /// The operation is a trigger (`x-ms-trigger`).
    pub is_trigger: bool,
    /// The operation's operationId (for summaries).
    pub operation_id: Option<&'a str>,
    /// The summary this description belongs to (operation summary or parameter x-ms-summary).
    pub summary: Option<&'a str>,
    /// The connector title (for the description).
    pub title: Option<&'a str>,
    /// The PR is an update of an existing connector (PR-TITLE is looser).
    pub is_update: bool,
}

/// One problem with a field's text.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldIssue {
    pub rule: RuleId,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    /// The repaired text, when the repair is safe and mechanical.
    pub fix: Option<String>,
    /// What the fix does, in a few words.
    pub fix_label: String,
}

/// The issues of one field, as the family modules report them.
pub(super) struct Out(pub(super) Vec<FieldIssue>);

impl Out {
    pub(super) fn push(&mut self, id: RuleId, message: String, help: &str) {
        self.sev(id, id.severity(), message, help);
    }
    pub(super) fn sev(&mut self, id: RuleId, severity: Severity, message: String, help: &str) {
        self.0.push(FieldIssue {
            rule: id,
            severity,
            message,
            help: help.to_string(),
            fix: None,
            fix_label: String::new(),
        });
    }
    pub(super) fn fixable(
        &mut self,
        id: RuleId,
        message: String,
        help: &str,
        fix: String,
        label: &str,
    ) {
        self.push(id, message, help);
        let last = self.0.last_mut().unwrap();
        last.fix = Some(fix);
        last.fix_label = label.to_string();
    }
}

/// The issues of `value` as the text of `field`. Empty when the text passes.
pub fn check_field(field: Field, value: &str, ctx: &FieldContext) -> Vec<FieldIssue> {
    let mut out = Out(Vec::new());
    match field {
        Field::Title => info::title(value, ctx, &mut out),
        Field::Description => info::description(value, ctx, &mut out),
        Field::OpSummary => operations::op_summary(value, ctx, &mut out),
        Field::OpDescription => operations::op_description(value, ctx, &mut out),
        Field::OperationId => operations::operation_id(value, ctx, &mut out),
        Field::Visibility => visibility(value, RuleId::OpVisibility, &mut out),
        Field::ParamSummary => parameters::param_summary(value, &mut out),
        Field::ParamDescription => parameters::param_description(value, ctx, &mut out),
        Field::PrTitle => pull_request::pr_title(value, ctx, &mut out),
        Field::ProposalTitle => pull_request::proposal_title(value, &mut out),
    }
    out.0
}

/// [`check_field`] as an editor shows it while you type: also the spelling of a text people
/// read (STRING-QUALITY, which the whole check reports on the saved file), leaving out the
/// word still being typed (the text's last word, until a space or punctuation follows it).
pub fn check_field_live(field: Field, value: &str, ctx: &FieldContext) -> Vec<FieldIssue> {
    let mut issues = check_field(field, value, ctx);
    let (style, what) = match field {
        Field::Title => (Style::Name, "the title"),
        Field::Description | Field::OpDescription | Field::ParamDescription => {
            (Style::Sentence, "the description")
        }
        Field::OpSummary => (Style::Sentence, "the summary"),
        Field::ParamSummary => (Style::Label, "the x-ms-summary"),
        _ => return issues,
    };
    let done = match value.char_indices().last() {
        Some((i, c)) if c.is_alphanumeric() => value[..i]
            .rfind(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .map_or("", |at| &value[..at]),
        _ => value,
    };
    let bad = Checker::default().misspelt(done, style);
    if !bad.is_empty() {
        let (message, help) = spelling::finding_text(what, &bad);
        let mut out = Out(Vec::new());
        out.push(RuleId::StringQuality, message, &help);
        issues.extend(out.0);
    }
    issues
}

/// The suffix of independent-publisher connector names.
pub(super) const IP_SUFFIX: &str = "(Independent Publisher)";

/// The trimmed text as a fix, when what it removes is only white space and sentence
/// punctuation (removing a closing bracket or quote would change the meaning).
pub(super) fn safe_trim(original: &str, trimmed: &str) -> Option<String> {
    let removed = &original[trimmed.len()..];
    (!trimmed.is_empty()
        && !removed.is_empty()
        && removed
            .chars()
            .all(|c| c.is_whitespace() || ".,;:!-_".contains(c)))
    .then(|| trimmed.to_string())
}

pub(super) fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\n' | '\r' => "a line break".into(),
        '\t' => "a tab".into(),
        c => format!("'{c}'"),
    }
}

pub(super) fn quote_chars(s: &str) -> String {
    let mut seen = Vec::new();
    for c in s.chars() {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen.iter()
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A sentence: ends with punctuation and starts with a capital letter (one word needs
/// neither).
pub(super) fn sentence(id: RuleId, v: &str, out: &mut Out) {
    let single_word = v.split_whitespace().nth(1).is_none();
    if single_word {
        return;
    }
    let starts_lower = v
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    if !text::ends_like_sentence(v) {
        out.push(
            id,
            format!("\"{}\" does not end with punctuation", text::quote_end(v)),
            "Write a full sentence ending with '.'.",
        );
    } else if starts_lower {
        out.push(
            id,
            format!(
                "\"{}\" does not start with a capital letter",
                text::quote_start(v)
            ),
            "Start the sentence with a capital letter.",
        );
    }
}

/// The value of an `x-ms-visibility` (operation or parameter).
pub(super) fn visibility(v: &str, id: RuleId, out: &mut Out) {
    if !matches!(v, "important" | "advanced" | "internal") {
        out.sev(
            id,
            Severity::Error,
            format!("x-ms-visibility \"{v}\" is not one of important, advanced, internal"),
            "Use important, advanced or internal (leave it out for normal).",
        );
    }
}

#[cfg(test)]
mod live_tests {
    use super::*;

    fn live(field: Field, v: &str) -> Vec<&'static str> {
        check_field_live(field, v, &FieldContext::default())
            .iter()
            .map(|i| i.rule.as_str())
            .collect()
    }

    #[test]
    fn the_editor_shows_spelling_but_not_on_the_word_being_typed() {
        let v = "Lists the notes of a team and recieves new ones.";
        assert!(live(Field::Description, v).contains(&"STRING-QUALITY"));
        assert!(
            !check_field(Field::Description, v, &FieldContext::default())
                .iter()
                .any(|i| i.rule == RuleId::StringQuality)
        );
        // Mid-word: "recie" is not judged until a space or punctuation follows it.
        assert!(
            !live(Field::Description, "Lists the notes of a team and recie")
                .contains(&"STRING-QUALITY")
        );
        assert!(live(Field::OpSummary, "Get recieved notes").contains(&"STRING-QUALITY"));
        // Names are not prose.
        assert!(!live(Field::OperationId, "GetRecievedNotes").contains(&"STRING-QUALITY"));
    }
}
