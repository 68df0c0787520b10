//! The rules of one text field. Pure functions over a string and a little context, so the
//! editor can run them on every keystroke and the document rules reuse them.

use super::text::{self, WordMatch};
use super::{rule, Severity};
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
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    /// The repaired text, when the repair is safe and mechanical.
    pub fix: Option<String>,
    /// What the fix does, in a few words.
    pub fix_label: String,
}

struct Out(Vec<FieldIssue>);

impl Out {
    fn push(&mut self, id: &'static str, message: String, help: &str) {
        self.sev(id, rule(id).severity, message, help);
    }
    fn sev(&mut self, id: &'static str, severity: Severity, message: String, help: &str) {
        self.0.push(FieldIssue {
            rule: id,
            severity,
            message,
            help: help.to_string(),
            fix: None,
            fix_label: String::new(),
        });
    }
    fn fixable(&mut self, id: &'static str, message: String, help: &str, fix: String, label: &str) {
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
        Field::Title => title(value, ctx, &mut out),
        Field::Description => description(value, ctx, &mut out),
        Field::OpSummary => op_summary(value, ctx, &mut out),
        Field::OpDescription => op_description(value, ctx, &mut out),
        Field::OperationId => operation_id(value, &mut out),
        Field::Visibility => visibility(value, "OP-VISIBILITY", &mut out),
        Field::ParamSummary => param_summary(value, &mut out),
        Field::ParamDescription => param_description(value, ctx, &mut out),
        Field::PrTitle => pr_title(value, ctx, &mut out),
        Field::ProposalTitle => proposal_title(value, &mut out),
    }
    out.0
}

const IP_SUFFIX: &str = "(Independent Publisher)";

fn title(v: &str, ctx: &FieldContext, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(
            "TITLE-PRESENT",
            "the connector title is empty".into(),
            "Set info.title to the name of the service, e.g. \"Contoso Tasks\".",
        );
        return;
    }
    if let Some(c) = text::first_non_latin(v) {
        out.push(
            "TITLE-ENGLISH",
            format!("the title \"{v}\" contains '{c}', which is not a Latin letter"),
            "Write the title in English.",
        );
    }
    let len = text::char_len(v);
    if len > 30 {
        out.push(
            "TITLE-MAX-30",
            format!("the title \"{v}\" is {len} characters; the limit is 30"),
            "Shorten the title to 30 characters or fewer.",
        );
    }
    match text::find_word(v, "api") {
        Some(WordMatch::Word) => out.push("TITLE-NO-API", format!("the title \"{v}\" contains the word \"API\""), "Remove \"API\" from the title; name the service itself."),
        Some(WordMatch::Embedded) => out.sev("TITLE-NO-API", Severity::Info, format!("the title \"{v}\" contains the letters \"api\" inside a word"), "Fine when it is part of the brand name (e.g. \"Zapier\"); the validator may still ask."),
        None => {}
    }
    if text::find_word(v, "connector") == Some(WordMatch::Word) {
        out.push(
            "TITLE-NO-CONNECTOR",
            format!("the title \"{v}\" contains the word \"Connector\""),
            "Remove \"Connector\" from the title.",
        );
    }
    for p in text::products_in(v) {
        let sev = if p.documented {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.sev(
            "TITLE-NO-PRODUCT",
            sev,
            format!("the title \"{v}\" names the product \"{}\"", p.name),
            "Leave Power Platform product names out of the title.",
        );
    }
    if ctx.kind == ConnectorKind::IndependentPublisher && v.trim_end().ends_with(IP_SUFFIX) {
        let fixed = v
            .trim_end()
            .trim_end_matches(IP_SUFFIX)
            .trim_end()
            .to_string();
        out.fixable(
            "TITLE-NO-IP-SUFFIX",
            format!("the title \"{v}\" carries \"{IP_SUFFIX}\""),
            "Put the suffix in the PR title only; the platform adds it to the display name.",
            fixed,
            "remove \"(Independent Publisher)\"",
        );
    } else if !v.ends_with(|c: char| c.is_alphanumeric()) {
        let trimmed = text::trim_end_non_alnum(v, false).to_string();
        let fix = safe_trim(v, &trimmed);
        let last = v.chars().last().map(describe_char).unwrap_or_default();
        let msg = format!("the title \"{}\" ends with {last}", v.escape_debug());
        match fix {
            Some(f) => out.fixable(
                "TITLE-END-ALNUM",
                msg,
                "End the title with a letter or digit.",
                f,
                "remove the trailing characters",
            ),
            None => out.push(
                "TITLE-END-ALNUM",
                msg,
                "End the title with a letter or digit.",
            ),
        }
    }
}

/// The trimmed text as a fix, when what it removes is only white space and sentence
/// punctuation (removing a closing bracket or quote would change the meaning).
fn safe_trim(original: &str, trimmed: &str) -> Option<String> {
    let removed = &original[trimmed.len()..];
    (!trimmed.is_empty()
        && !removed.is_empty()
        && removed
            .chars()
            .all(|c| c.is_whitespace() || ".,;:!-_".contains(c)))
    .then(|| trimmed.to_string())
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\n' | '\r' => "a line break".into(),
        '\t' => "a tab".into(),
        c => format!("'{c}'"),
    }
}

fn description(v: &str, ctx: &FieldContext, out: &mut Out) {
    if v.trim().is_empty() {
        out.push("DESC-PRESENT", "the connector description is empty".into(), "Describe in 30 to 500 characters what the service is and what the connector lets people do.");
        return;
    }
    let len = text::char_len(v);
    if !(30..=500).contains(&len) {
        out.push(
            "DESC-LEN-30-500",
            format!("the description is {len} characters; it must be 30 to 500"),
            if len < 30 {
                "Say more: what the service is and what the connector lets people do."
            } else {
                "Shorten the description to 500 characters or fewer."
            },
        );
    }
    for p in text::products_in(v) {
        let sev = if p.documented {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.sev(
            "DESC-NO-PRODUCT",
            sev,
            format!("the description names the product \"{}\"", p.name),
            "Describe the service without naming Power Platform products.",
        );
    }
    if text::find_word(v, "api") == Some(WordMatch::Word) {
        out.push(
            "DESC-NO-API",
            "the description uses the word \"API\"".into(),
            "Describe the service and its value rather than its API.",
        );
    }
    if let Some(t) = ctx.title {
        if t.trim().eq_ignore_ascii_case(v.trim()) {
            out.push(
                "DESC-VALUE",
                "the description repeats the title".into(),
                "State the purpose and value of the connector in a sentence or two.",
            );
        }
    }
}

const RESTRICTED: &[char] = &['\\', '<', '>', '*', '%', '&', '?'];

fn op_summary(v: &str, ctx: &FieldContext, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(
            "OP-SUMMARY-PRESENT",
            "the operation has an empty summary".into(),
            "Add a short verb-first summary, e.g. \"Get task by ID\".",
        );
        return;
    }
    let len = text::char_len(v);
    if len > 80 {
        out.push(
            "OP-SUMMARY-MAX-80",
            format!("the summary \"{v}\" is {len} characters; the limit is 80"),
            "Shorten the summary; put details in the description.",
        );
    }
    if v.contains('/') {
        out.push(
            "OP-SUMMARY-NO-SLASH",
            format!("the summary \"{v}\" contains '/'"),
            "Use \"or\" or \"and\" instead of '/'.",
        );
    }
    let bad: String = v.chars().filter(|c| RESTRICTED.contains(c)).collect();
    if !bad.is_empty() {
        out.push(
            "OP-SUMMARY-RESTRICTED",
            format!("the summary \"{v}\" contains the restricted character(s) {bad}"),
            "Remove \\ < > * % & ? from the summary.",
        );
    }
    let odd: String = v
        .chars()
        .filter(|c| {
            !(c.is_alphanumeric()
                || *c == ' '
                || *c == '('
                || *c == ')'
                || *c == '/'
                || RESTRICTED.contains(c))
        })
        .collect();
    // A final period is reported by OP-SUMMARY-END-ALNUM, not twice.
    let odd_inner: String = {
        let core = text::trim_end_non_alnum(v, true);
        core.chars().filter(|c| odd.contains(*c)).collect()
    };
    if !odd_inner.is_empty() {
        out.push(
            "OP-SUMMARY-CHARSET",
            format!("the summary \"{v}\" contains {}", quote_chars(&odd_inner)),
            "Keep to letters, digits, spaces and parentheses where you can.",
        );
    }
    if !v.ends_with(|c: char| c.is_alphanumeric() || c == ')') {
        let trimmed = text::trim_end_non_alnum(v, true).to_string();
        let msg = format!(
            "the summary \"{}\" ends with {}",
            v.escape_debug(),
            v.chars().last().map(describe_char).unwrap_or_default()
        );
        match safe_trim(v, &trimmed) {
            None => out.push(
                "OP-SUMMARY-END-ALNUM",
                msg,
                "End the summary with a letter or digit.",
            ),
            Some(fixed) => out.fixable(
                "OP-SUMMARY-END-ALNUM",
                msg,
                "End the summary with a letter or digit (no final period).",
                fixed,
                "remove the trailing characters",
            ),
        }
    }
    if v.chars().next().is_some_and(char::is_lowercase) || text::looks_title_case(v) {
        out.push(
            "OP-SUMMARY-CASE",
            format!("the summary \"{v}\" is not in sentence case"),
            "Capitalise only the first word and proper nouns, e.g. \"Get task by ID\".",
        );
    }
    let same_as_id = ctx
        .operation_id
        .is_some_and(|id| id.eq_ignore_ascii_case(v.trim()));
    if same_as_id || text::is_camel_blob(v) {
        out.push(
            "OP-SUMMARY-NOT-ID",
            format!("the summary \"{v}\" reads like an identifier"),
            "Write a short phrase people can read and translate, e.g. \"List contacts\".",
        );
    }
    if ctx.is_trigger {
        if !(v.starts_with("When a ") || v.starts_with("When an ")) {
            out.push(
                "TRIG-SUMMARY",
                format!(
                    "the trigger summary \"{v}\" does not start with \"When a\" or \"When an\""
                ),
                "Write it like \"When a task is created\".",
            );
        }
    } else if let Some(first) = v.split_whitespace().next() {
        if !looks_like_verb(first) {
            out.push("ACTION-SUMMARY", format!("the summary \"{v}\" does not start with a verb"), "Start with what the action does: \"Create task\", \"Get task by ID\", \"List all objects\".");
        }
    }
}

fn quote_chars(s: &str) -> String {
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

/// Common verbs of action summaries. An unknown first word is only an info finding.
const VERBS: &[&str] = &[
    "add",
    "analyze",
    "analyse",
    "append",
    "apply",
    "approve",
    "archive",
    "assign",
    "attach",
    "authenticate",
    "block",
    "book",
    "calculate",
    "call",
    "cancel",
    "change",
    "check",
    "classify",
    "clear",
    "clone",
    "close",
    "compare",
    "complete",
    "compress",
    "compute",
    "configure",
    "confirm",
    "connect",
    "convert",
    "copy",
    "count",
    "create",
    "decode",
    "decrypt",
    "delete",
    "deploy",
    "describe",
    "detect",
    "disable",
    "download",
    "duplicate",
    "edit",
    "enable",
    "encode",
    "encrypt",
    "end",
    "enrich",
    "execute",
    "export",
    "extract",
    "fetch",
    "fill",
    "filter",
    "find",
    "finish",
    "flag",
    "format",
    "forward",
    "generate",
    "get",
    "grant",
    "hash",
    "import",
    "initiate",
    "insert",
    "invite",
    "invoke",
    "join",
    "launch",
    "link",
    "list",
    "load",
    "lock",
    "log",
    "lookup",
    "look",
    "mark",
    "merge",
    "modify",
    "move",
    "notify",
    "open",
    "optimize",
    "order",
    "parse",
    "patch",
    "pause",
    "perform",
    "place",
    "post",
    "predict",
    "preview",
    "print",
    "process",
    "publish",
    "purge",
    "put",
    "query",
    "read",
    "receive",
    "redact",
    "refresh",
    "register",
    "reject",
    "release",
    "remove",
    "rename",
    "render",
    "reopen",
    "replace",
    "reply",
    "request",
    "reset",
    "resize",
    "resolve",
    "restore",
    "resume",
    "retrieve",
    "return",
    "revoke",
    "rotate",
    "run",
    "save",
    "scan",
    "schedule",
    "score",
    "search",
    "select",
    "send",
    "set",
    "share",
    "shorten",
    "sign",
    "split",
    "start",
    "stop",
    "store",
    "submit",
    "subscribe",
    "summarize",
    "summarise",
    "suspend",
    "sync",
    "synchronize",
    "tag",
    "test",
    "track",
    "transcribe",
    "transfer",
    "transform",
    "translate",
    "trigger",
    "unarchive",
    "unassign",
    "unblock",
    "unlock",
    "unsubscribe",
    "update",
    "upload",
    "upsert",
    "validate",
    "verify",
    "view",
    "watch",
    "write",
    "translate",
    "use",
    "ask",
    "answer",
    "chat",
    "complete",
    "embed",
    "classify",
    "identify",
    "recognize",
    "ocr",
    "watermark",
    "unzip",
    "zip",
    "flatten",
    "rotate",
    "crop",
    "obtain",
    "show",
    "assess",
    "estimate",
    "evaluate",
    "match",
    "map",
    "reverse",
    "sort",
    "trim",
    "escape",
    "unescape",
    "lock",
    "post",
    "pin",
    "unpin",
    "like",
    "follow",
    "unfollow",
    "mute",
    "unmute",
    "block",
    "report",
    "accept",
    "decline",
    "void",
    "refund",
    "charge",
    "capture",
    "authorize",
    "ping",
    "poll",
    "fire",
    "emit",
    "broadcast",
    "geocode",
    "locate",
    "measure",
];

fn looks_like_verb(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    VERBS.contains(&w.as_str())
}

fn op_description(v: &str, ctx: &FieldContext, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(
            "OP-DESC-PRESENT",
            "the operation has an empty description".into(),
            "Add a sentence that says what the operation does and returns.",
        );
        return;
    }
    sentence("OP-DESC-SENTENCE", v, out);
    if let Some(s) = ctx.summary {
        if s.trim().eq_ignore_ascii_case(v.trim()) {
            out.push(
                "OP-DESC-NE-SUMMARY",
                "the description repeats the summary".into(),
                "Say more than the summary: what it does, what it returns, any limits.",
            );
        }
    }
    if ctx.is_trigger && !v.to_lowercase().contains("trigger") {
        out.push(
            "TRIG-DESC",
            format!("the trigger description \"{v}\" does not say when it triggers"),
            "Write it like \"This operation triggers when a task is created.\"",
        );
    }
}

fn sentence(id: &'static str, v: &str, out: &mut Out) {
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
            format!("\"{}\" does not end with punctuation", abbreviate(v)),
            "Write a full sentence ending with '.'.",
        );
    } else if starts_lower {
        out.push(
            id,
            format!("\"{}\" does not start with a capital letter", abbreviate(v)),
            "Start the sentence with a capital letter.",
        );
    }
}

fn abbreviate(s: &str) -> String {
    let t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

fn operation_id(v: &str, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(
            "OPID-PRESENT",
            "the operationId is empty".into(),
            "Give every operation a unique PascalCase operationId, e.g. GetTask.",
        );
        return;
    }
    if v.contains(char::is_whitespace) {
        out.sev(
            "OPID-CHARSET",
            Severity::Error,
            format!("the operationId \"{v}\" contains a space"),
            "Remove spaces: use PascalCase, e.g. GetTask.",
        );
    } else if !v.chars().all(|c| c.is_ascii_alphanumeric()) {
        out.push(
            "OPID-CHARSET",
            format!("the operationId \"{v}\" contains characters other than letters and digits"),
            "Use only letters and digits (PascalCase).",
        );
    }
    if !v.starts_with(|c: char| c.is_ascii_uppercase()) {
        out.push(
            "OPID-CASE",
            format!("the operationId \"{v}\" is not PascalCase"),
            "Start with a capital letter, e.g. GetTask.",
        );
    }
}

fn visibility(v: &str, id: &'static str, out: &mut Out) {
    if !matches!(v, "important" | "advanced" | "internal") {
        out.sev(
            id,
            Severity::Error,
            format!("x-ms-visibility \"{v}\" is not one of important, advanced, internal"),
            "Use important, advanced or internal (leave it out for normal).",
        );
    }
}

/// Rules of a parameter's x-ms-visibility value.
pub fn param_visibility(v: &str) -> Vec<FieldIssue> {
    let mut out = Out(Vec::new());
    visibility(v, "PARAM-VISIBILITY-ENUM", &mut out);
    out.0
}

fn param_summary(v: &str, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(
            "PARAM-SUMMARY-PRESENT",
            "the parameter's x-ms-summary is empty".into(),
            "Give the parameter a short Title Case label, e.g. \"Task ID\".",
        );
        return;
    }
    let len = text::char_len(v);
    if len > 80 {
        out.push(
            "PARAM-SUMMARY-MAX-80",
            format!("the x-ms-summary \"{v}\" is {len} characters; the limit is 80"),
            "Shorten the label; put details in the description.",
        );
    }
    let odd: String = v
        .chars()
        .filter(|c| !(c.is_alphanumeric() || *c == ' ' || *c == '(' || *c == ')'))
        .collect();
    if !odd.is_empty() {
        out.push(
            "PARAM-SUMMARY-CHARSET",
            format!("the x-ms-summary \"{v}\" contains {}", quote_chars(&odd)),
            "Keep to letters, digits, spaces and parentheses where you can.",
        );
    }
    let lower = text::not_title_case(v);
    if !lower.is_empty() {
        out.push(
            "PARAM-SUMMARY-CASE",
            format!(
                "the x-ms-summary \"{v}\" is not in Title Case ({})",
                lower.join(", ")
            ),
            "Capitalise each main word, e.g. \"Task ID\".",
        );
    }
}

fn param_description(v: &str, ctx: &FieldContext, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(
            "PARAM-DESC-PRESENT",
            "the parameter's description is empty".into(),
            "Describe the parameter in a sentence.",
        );
        return;
    }
    sentence("PARAM-DESC-SENTENCE", v, out);
    if let Some(s) = ctx.summary {
        if s.trim().eq_ignore_ascii_case(v.trim()) {
            out.push(
                "PARAM-DESC-NE-SUMMARY",
                "the description repeats the x-ms-summary".into(),
                "Explain the parameter: its format, its default, where to find the value.",
            );
        }
    }
}

fn pr_title(v: &str, ctx: &FieldContext, out: &mut Out) {
    let t = v.trim();
    if t.starts_with("Proposal -") || t.to_lowercase().starts_with("proposal") {
        out.push(
            "PR-TITLE",
            format!("the PR title \"{t}\" still starts with \"Proposal\""),
            "Remove \"Proposal - \" when you submit: reviewers only review PRs without it.",
        );
        return;
    }
    if ctx.is_update {
        if !t.contains(IP_SUFFIX) {
            out.sev(
                "PR-TITLE",
                Severity::Warning,
                format!("the PR title \"{t}\" does not contain \"{IP_SUFFIX}\""),
                "Name the connector followed by \"(Independent Publisher)\".",
            );
        }
    } else if !t.ends_with(&format!(" {IP_SUFFIX}")) || t.len() <= IP_SUFFIX.len() + 1 {
        out.push(
            "PR-TITLE",
            format!("the PR title \"{t}\" is not \"Name (Independent Publisher)\""),
            "Use the form \"HubSpot Marketing (Independent Publisher)\".",
        );
    }
}

fn proposal_title(v: &str, out: &mut Out) {
    let t = v.trim();
    let ok = t
        .strip_prefix("Proposal - ")
        .and_then(|rest| rest.strip_suffix(&format!(" {IP_SUFFIX}")))
        .is_some_and(|name| !name.trim().is_empty());
    if !ok {
        out.push(
            "PROPOSAL-TITLE",
            format!(
                "the proposal title \"{t}\" is not \"Proposal - Name (Independent Publisher)\""
            ),
            "Use the form \"Proposal - HubSpotCRM (Independent Publisher)\".",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(field: Field, v: &str) -> Vec<&'static str> {
        check_field(field, v, &FieldContext::default())
            .iter()
            .map(|i| i.rule)
            .collect()
    }
    fn sev(field: Field, v: &str, id: &str) -> Option<Severity> {
        check_field(field, v, &FieldContext::default())
            .iter()
            .find(|i| i.rule == id)
            .map(|i| i.severity)
    }

    #[test]
    fn title_rules() {
        assert!(ids(Field::Title, "Contoso Tasks").is_empty());
        assert_eq!(ids(Field::Title, ""), vec!["TITLE-PRESENT"]);
        assert_eq!(
            ids(Field::Title, "Contoso Tasks and Projects Manager"),
            vec!["TITLE-MAX-30"]
        );
        assert_eq!(ids(Field::Title, "Contoso API"), vec!["TITLE-NO-API"]);
        assert_eq!(
            sev(Field::Title, "Zapier", "TITLE-NO-API"),
            Some(Severity::Info)
        );
        assert_eq!(
            ids(Field::Title, "PeltarionConnector"),
            vec!["TITLE-NO-CONNECTOR"]
        );
        assert_eq!(
            sev(Field::Title, "Power Automate Tools", "TITLE-NO-PRODUCT"),
            Some(Severity::Error)
        );
        assert_eq!(
            sev(Field::Title, "Power BI Tools", "TITLE-NO-PRODUCT"),
            Some(Severity::Warning)
        );
        assert_eq!(ids(Field::Title, "Контакт"), vec!["TITLE-ENGLISH"]);
        let i = check_field(Field::Title, "Contoso. ", &FieldContext::default());
        assert_eq!(i[0].rule, "TITLE-END-ALNUM");
        assert_eq!(i[0].fix.as_deref(), Some("Contoso"));
        let i = check_field(
            Field::Title,
            "Airtable [DEPRECATED]",
            &FieldContext::default(),
        );
        assert_eq!(i[0].rule, "TITLE-END-ALNUM");
        assert_eq!(i[0].fix, None, "removing a bracket is not a safe fix");
        let i = check_field(
            Field::Title,
            "Contoso (Independent Publisher)",
            &FieldContext::default(),
        );
        assert_eq!(
            i.iter().map(|i| i.rule).collect::<Vec<_>>(),
            vec!["TITLE-MAX-30", "TITLE-NO-IP-SUFFIX"]
        );
        assert_eq!(i[1].fix.as_deref(), Some("Contoso"));
    }

    #[test]
    fn description_rules() {
        assert!(ids(
            Field::Description,
            "Manage tasks and projects in Contoso from your flows."
        )
        .is_empty());
        assert_eq!(ids(Field::Description, "  "), vec!["DESC-PRESENT"]);
        assert_eq!(
            ids(Field::Description, "Too short."),
            vec!["DESC-LEN-30-500"]
        );
        assert_eq!(
            ids(Field::Description, &"a".repeat(501)),
            vec!["DESC-LEN-30-500"]
        );
        assert_eq!(
            ids(
                Field::Description,
                "Use Contoso tasks from Power Apps and flows."
            ),
            vec!["DESC-NO-PRODUCT"]
        );
        assert_eq!(
            ids(
                Field::Description,
                "Wraps the Contoso API for managing tasks."
            ),
            vec!["DESC-NO-API"]
        );
        let ctx = FieldContext {
            title: Some("Contoso tasks and projects everywhere"),
            ..Default::default()
        };
        let i = check_field(
            Field::Description,
            "Contoso tasks and projects everywhere",
            &ctx,
        );
        assert_eq!(
            i.iter().map(|i| i.rule).collect::<Vec<_>>(),
            vec!["DESC-VALUE"]
        );
    }

    #[test]
    fn summary_rules() {
        assert!(ids(Field::OpSummary, "Get task by ID").is_empty());
        assert!(ids(Field::OpSummary, "Send an email (V2)").is_empty());
        assert_eq!(ids(Field::OpSummary, ""), vec!["OP-SUMMARY-PRESENT"]);
        assert_eq!(
            ids(Field::OpSummary, &format!("Get {}", "x".repeat(80))),
            vec!["OP-SUMMARY-MAX-80"]
        );
        assert_eq!(
            ids(Field::OpSummary, "Get task and/or project"),
            vec!["OP-SUMMARY-NO-SLASH"]
        );
        assert_eq!(
            ids(Field::OpSummary, "Get tasks & projects"),
            vec!["OP-SUMMARY-RESTRICTED"]
        );
        assert_eq!(
            ids(Field::OpSummary, "Get task's owner"),
            vec!["OP-SUMMARY-CHARSET"]
        );
        let i = check_field(Field::OpSummary, "Get task.", &FieldContext::default());
        assert_eq!(
            i.iter().map(|i| i.rule).collect::<Vec<_>>(),
            vec!["OP-SUMMARY-END-ALNUM"]
        );
        assert_eq!(i[0].fix.as_deref(), Some("Get task"));
        assert_eq!(
            ids(Field::OpSummary, "Get Task By Name"),
            vec!["OP-SUMMARY-CASE"]
        );
        assert_eq!(ids(Field::OpSummary, "get task"), vec!["OP-SUMMARY-CASE"]);
        assert_eq!(
            ids(Field::OpSummary, "GetTask"),
            vec!["OP-SUMMARY-NOT-ID", "ACTION-SUMMARY"]
        );
        let ctx = FieldContext {
            operation_id: Some("Tasks"),
            ..Default::default()
        };
        assert!(check_field(Field::OpSummary, "Tasks", &ctx)
            .iter()
            .any(|i| i.rule == "OP-SUMMARY-NOT-ID"));
        assert_eq!(
            ids(Field::OpSummary, "Task details"),
            vec!["ACTION-SUMMARY"]
        );
        let trig = FieldContext {
            is_trigger: true,
            ..Default::default()
        };
        assert!(check_field(Field::OpSummary, "When a task is created", &trig).is_empty());
        assert_eq!(
            check_field(Field::OpSummary, "Task created", &trig)[0].rule,
            "TRIG-SUMMARY"
        );
    }

    #[test]
    fn description_and_id_rules() {
        assert!(ids(Field::OpDescription, "Retrieves one task.").is_empty());
        assert!(ids(Field::OpDescription, "Tasks").is_empty());
        assert_eq!(ids(Field::OpDescription, ""), vec!["OP-DESC-PRESENT"]);
        assert_eq!(
            ids(Field::OpDescription, "Retrieves one task"),
            vec!["OP-DESC-SENTENCE"]
        );
        assert_eq!(
            ids(Field::OpDescription, "retrieves one task."),
            vec!["OP-DESC-SENTENCE"]
        );
        let ctx = FieldContext {
            summary: Some("Get task"),
            ..Default::default()
        };
        assert_eq!(
            check_field(Field::OpDescription, "Get task", &ctx)
                .iter()
                .map(|i| i.rule)
                .collect::<Vec<_>>(),
            vec!["OP-DESC-SENTENCE", "OP-DESC-NE-SUMMARY"]
        );
        let trig = FieldContext {
            is_trigger: true,
            ..Default::default()
        };
        assert_eq!(
            check_field(Field::OpDescription, "Returns new tasks.", &trig)[0].rule,
            "TRIG-DESC"
        );
        assert!(ids(Field::OperationId, "GetTask").is_empty());
        assert_eq!(ids(Field::OperationId, ""), vec!["OPID-PRESENT"]);
        assert_eq!(
            sev(Field::OperationId, "Get Task", "OPID-CHARSET"),
            Some(Severity::Error)
        );
        assert_eq!(
            sev(Field::OperationId, "Get_Task", "OPID-CHARSET"),
            Some(Severity::Warning)
        );
        assert_eq!(ids(Field::OperationId, "getTask"), vec!["OPID-CASE"]);
        assert!(ids(Field::Visibility, "advanced").is_empty());
        assert_eq!(
            sev(Field::Visibility, "hidden", "OP-VISIBILITY"),
            Some(Severity::Error)
        );
        assert_eq!(param_visibility("none")[0].rule, "PARAM-VISIBILITY-ENUM");
    }

    #[test]
    fn parameter_rules() {
        assert!(ids(Field::ParamSummary, "Task ID").is_empty());
        assert_eq!(ids(Field::ParamSummary, ""), vec!["PARAM-SUMMARY-PRESENT"]);
        assert_eq!(
            ids(Field::ParamSummary, &format!("A{}", "b".repeat(80))),
            vec!["PARAM-SUMMARY-MAX-80"]
        );
        assert_eq!(
            ids(Field::ParamSummary, "Task-ID"),
            vec!["PARAM-SUMMARY-CHARSET"]
        );
        assert_eq!(
            ids(Field::ParamSummary, "Task id"),
            vec!["PARAM-SUMMARY-CASE"]
        );
        assert!(ids(Field::ParamDescription, "The identifier of the task.").is_empty());
        assert_eq!(ids(Field::ParamDescription, ""), vec!["PARAM-DESC-PRESENT"]);
        assert_eq!(
            ids(Field::ParamDescription, "The identifier"),
            vec!["PARAM-DESC-SENTENCE"]
        );
        let ctx = FieldContext {
            summary: Some("Task ID"),
            ..Default::default()
        };
        assert_eq!(
            check_field(Field::ParamDescription, "task id", &ctx)
                .iter()
                .map(|i| i.rule)
                .collect::<Vec<_>>(),
            vec!["PARAM-DESC-SENTENCE", "PARAM-DESC-NE-SUMMARY"]
        );
    }

    #[test]
    fn pr_titles() {
        assert!(ids(Field::PrTitle, "HubSpot Marketing (Independent Publisher)").is_empty());
        assert_eq!(ids(Field::PrTitle, "HubSpot Marketing"), vec!["PR-TITLE"]);
        assert_eq!(
            ids(Field::PrTitle, "Proposal - HubSpot (Independent Publisher)"),
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
        assert!(ids(
            Field::ProposalTitle,
            "Proposal - HubSpotCRM (Independent Publisher)"
        )
        .is_empty());
        assert_eq!(
            ids(Field::ProposalTitle, "Proposal: HubSpotCRM"),
            vec!["PROPOSAL-TITLE"]
        );
        assert_eq!(
            ids(Field::ProposalTitle, "Proposal -  (Independent Publisher)"),
            vec!["PROPOSAL-TITLE"]
        );
    }
}
