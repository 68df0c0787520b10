//! The rules of operations (`OP-*`, `OPID-*`, `TRIG-*`, `ACTION-SUMMARY`; reference §2.3):
//! where they sit in an operation, and the rules of their text (run on every keystroke by the
//! editor through [`check_field`](super::check_field)).

use super::field::{describe_char, quote_chars, safe_trim, sentence, Out};
use super::text;
use super::walk::{FirstOp, Loc, OpLabel, Walker};
use super::{check_field, Field, FieldContext, RuleId, Severity};
use crate::document::openapi::Operation;
use crate::json::Node;

impl<'a> Walker<'a, '_, '_> {
    /// The operationId, summary, description, visibility and trigger kind of an operation.
    pub(super) fn operation_fields(
        &mut self,
        operation: Operation<'a>,
        loc: Loc<'a>,
        label: OpLabel<'a>,
    ) {
        let (path, method, op) = (operation.path, operation.method, operation.node);
        let id_node = op.get("operationId");
        let id = id_node.and_then(Node::as_str);
        let summary_node = op.get("summary");
        let summary = summary_node.and_then(Node::as_str);
        let trigger = op.get("x-ms-trigger");
        let is_trigger = trigger.is_some();
        let ctx = FieldContext {
            is_trigger,
            operation_id: id,
            summary,
            ..self.ctx()
        };

        // operationId: present, well-formed, unique.
        match id_node {
            None => self.emit(
                RuleId::OpidPresent,
                op,
                loc,
                format!("the operation {label} has no operationId"),
                "Add a unique PascalCase operationId, e.g. \"GetTask\".",
            ),
            Some(n) => {
                self.text_field(
                    Field::OperationId,
                    n,
                    loc.key("operationId"),
                    &ctx,
                    RuleId::OpidPresent,
                    "operationId",
                );
                if let Some(v) = id.filter(|v| !v.trim().is_empty()) {
                    if let Some(first) = self.op_ids.get(v) {
                        let msg = format!(
                            "the operationId \"{v}\" of {} {path} is already used by {} {}",
                            method.to_ascii_uppercase(),
                            first.method.to_ascii_uppercase(),
                            first.path
                        );
                        self.emit(RuleId::OpidUnique, n, loc.key("operationId"), msg, "Give every operation its own operationId: flows refer to operations by it.");
                    } else {
                        self.op_ids.insert(v, FirstOp { path, method });
                    }
                }
            }
        }

        // Summary and description.
        match summary_node {
            None => self.emit(
                RuleId::OpSummaryPresent,
                op,
                loc,
                format!("the operation {label} has no summary"),
                "Add a short verb-first summary in sentence case, e.g. \"Get task by ID\".",
            ),
            Some(n) => self.text_field(
                Field::OpSummary,
                n,
                loc.key("summary"),
                &ctx,
                RuleId::OpSummaryPresent,
                "the summary",
            ),
        }
        match op.get("description") {
            None => self.emit(
                RuleId::OpDescPresent,
                op,
                loc,
                format!("the operation {label} has no description"),
                "Add a sentence that says what the operation does, e.g. \"Retrieves one task by its identifier.\"",
            ),
            Some(n) => self.text_field(Field::OpDescription, n, loc.key("description"), &ctx, RuleId::OpDescPresent, "the description"),
        }

        // Visibility: missing is a warning, a bad value an error (from check_field).
        match op.get("x-ms-visibility") {
            None => self.emit(
                RuleId::OpVisibility,
                op,
                loc,
                format!("the operation {label} sets no x-ms-visibility"),
                "Add \"x-ms-visibility\": \"important\" (shown first), \"advanced\" or \"internal\".",
            ),
            Some(n) => match n.as_str() {
                Some(v) => {
                    let issues = check_field(Field::Visibility, v, &ctx);
                    if !issues.is_empty() {
                        self.sink.field_issues(n, &loc.key("x-ms-visibility").ptr(), issues);
                    }
                }
                None => self.emit_sev(
                    RuleId::OpVisibility,
                    Severity::Error,
                    n,
                    loc.key("x-ms-visibility"),
                    format!("x-ms-visibility of {label} is a {}, not a string", n.type_name()),
                    "Use \"important\", \"advanced\" or \"internal\".",
                ),
            },
        }

        if let Some(t) = trigger {
            if !matches!(t.as_str(), Some("batch" | "single")) {
                let shown = t
                    .as_str()
                    .map(|s| format!("\"{s}\""))
                    .unwrap_or_else(|| format!("a {}", t.type_name()));
                self.emit(
                    RuleId::TrigKind,
                    t,
                    loc.key("x-ms-trigger"),
                    format!("x-ms-trigger of {label} is {shown}, not batch or single"),
                    "Use \"single\" (one item per run) or \"batch\" (a list per run).",
                );
            }
        }
    }

    /// OP-NOT-EMPTY: an operation that takes nothing and returns nothing.
    pub(super) fn op_not_empty(
        &mut self,
        op: Operation<'a>,
        loc: Loc<'a>,
        label: OpLabel<'a>,
        no_parameters: bool,
    ) {
        let has_responses = op
            .get("responses")
            .and_then(Node::as_object)
            .is_some_and(|m| !m.is_empty());
        if no_parameters && !has_responses {
            self.emit(
                RuleId::OpNotEmpty,
                op.node,
                loc,
                format!("the operation {label} has neither parameters nor responses"),
                "Describe what the operation takes and returns, or remove it.",
            );
        }
    }
}

/// Characters a summary may not hold (OP-SUMMARY-RESTRICTED).
const RESTRICTED: &[char] = &['\\', '<', '>', '*', '%', '&', '?'];

/// The rules of an operation summary.
pub(super) fn op_summary(v: &str, ctx: &FieldContext, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(
            RuleId::OpSummaryPresent,
            "the operation has an empty summary".into(),
            "Add a short verb-first summary, e.g. \"Get task by ID\".",
        );
        return;
    }
    let len = text::char_len(v);
    if len > 80 {
        out.push(
            RuleId::OpSummaryMax80,
            format!("the summary \"{v}\" is {len} characters; the limit is 80"),
            "Shorten the summary; put details in the description.",
        );
    }
    if v.contains('/') {
        out.push(
            RuleId::OpSummaryNoSlash,
            format!("the summary \"{v}\" contains '/'"),
            "Use \"or\" or \"and\" instead of '/'.",
        );
    }
    let bad: String = v.chars().filter(|c| RESTRICTED.contains(c)).collect();
    if !bad.is_empty() {
        out.push(
            RuleId::OpSummaryRestricted,
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
            RuleId::OpSummaryCharset,
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
                RuleId::OpSummaryEndAlnum,
                msg,
                "End the summary with a letter or digit.",
            ),
            Some(fixed) => out.fixable(
                RuleId::OpSummaryEndAlnum,
                msg,
                "End the summary with a letter or digit (no final period).",
                fixed,
                "remove the trailing characters",
            ),
        }
    }
    if v.chars().next().is_some_and(char::is_lowercase) || text::looks_title_case(v) {
        out.push(
            RuleId::OpSummaryCase,
            format!("the summary \"{v}\" is not in sentence case"),
            "Capitalise only the first word and proper nouns, e.g. \"Get task by ID\".",
        );
    }
    let same_as_id = ctx
        .operation_id
        .is_some_and(|id| id.eq_ignore_ascii_case(v.trim()));
    if same_as_id || text::is_camel_blob(v) {
        out.push(
            RuleId::OpSummaryNotId,
            format!("the summary \"{v}\" reads like an identifier"),
            "Write a short phrase people can read and translate, e.g. \"List contacts\".",
        );
    }
    if ctx.is_trigger {
        if !(v.starts_with("When a ") || v.starts_with("When an ")) {
            out.push(
                RuleId::TrigSummary,
                format!(
                    "the trigger summary \"{v}\" does not start with \"When a\" or \"When an\""
                ),
                "Write it like \"When a task is created\".",
            );
        }
    } else if let Some(first) = v.split_whitespace().next() {
        if !looks_like_verb(first) {
            out.push(RuleId::ActionSummary, format!("the summary \"{v}\" does not start with a verb"), "Start with what the action does: \"Create task\", \"Get task by ID\", \"List all objects\".");
        }
    }
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
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    VERBS.iter().any(|v| v.eq_ignore_ascii_case(w))
}

/// The rules of an operation description.
pub(super) fn op_description(v: &str, ctx: &FieldContext, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(
            RuleId::OpDescPresent,
            "the operation has an empty description".into(),
            "Add a sentence that says what the operation does and returns.",
        );
        return;
    }
    sentence(RuleId::OpDescSentence, v, out);
    if let Some(s) = ctx.summary {
        if s.trim().eq_ignore_ascii_case(v.trim()) {
            out.push(
                RuleId::OpDescNeSummary,
                "the description repeats the summary".into(),
                "Say more than the summary: what it does, what it returns, any limits.",
            );
        }
    }
    if ctx.is_trigger && !v.to_lowercase().contains("trigger") {
        out.push(
            RuleId::TrigDesc,
            format!("the trigger description \"{v}\" does not say when it triggers"),
            "Write it like \"This operation triggers when a task is created.\"",
        );
    }
}

/// The rules of an operationId.
/// What renaming an operationId means for a connector that is already published.
pub const RENAME_IS_BREAKING: &str = "This connector is published: renaming an operationId removes the operation from existing flows (a breaking change, BREAKING-OP-REMOVED), so keep it unless you have confirmed that no flow uses it.";

/// The rules of an operationId. For an update, every hint to rename warns that renaming a
/// published operation breaks the flows that use it.
pub(super) fn operation_id(v: &str, ctx: &FieldContext, out: &mut Out) {
    let help = |h: &str| {
        if ctx.is_update {
            format!("{h} {RENAME_IS_BREAKING}")
        } else {
            h.to_string()
        }
    };
    if v.trim().is_empty() {
        out.push(
            RuleId::OpidPresent,
            "the operationId is empty".into(),
            "Give every operation a unique PascalCase operationId, e.g. GetTask.",
        );
        return;
    }
    if v.contains(char::is_whitespace) {
        out.sev(
            RuleId::OpidCharset,
            Severity::Error,
            format!("the operationId \"{v}\" contains a space"),
            &help("Remove spaces: use PascalCase, e.g. GetTask."),
        );
    } else if !v.chars().all(|c| c.is_ascii_alphanumeric()) {
        out.push(
            RuleId::OpidCharset,
            format!("the operationId \"{v}\" contains characters other than letters and digits"),
            &help("Use only letters and digits (PascalCase)."),
        );
    }
    if !v.starts_with(|c: char| c.is_ascii_uppercase()) {
        out.push(
            RuleId::OpidCase,
            format!("the operationId \"{v}\" is not PascalCase"),
            &help("Start with a capital letter, e.g. GetTask."),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::parameters::param_visibility;
    use crate::rules::testutil::*;
    use crate::rules::{check_field, Field, FieldContext, Severity};

    #[test]
    fn summary_rules() {
        assert!(field_ids(Field::OpSummary, "Get task by ID").is_empty());
        assert!(field_ids(Field::OpSummary, "Send an email (V2)").is_empty());
        assert_eq!(field_ids(Field::OpSummary, ""), vec!["OP-SUMMARY-PRESENT"]);
        assert_eq!(
            field_ids(Field::OpSummary, &format!("Get {}", "x".repeat(80))),
            vec!["OP-SUMMARY-MAX-80"]
        );
        assert_eq!(
            field_ids(Field::OpSummary, "Get task and/or project"),
            vec!["OP-SUMMARY-NO-SLASH"]
        );
        assert_eq!(
            field_ids(Field::OpSummary, "Get tasks & projects"),
            vec!["OP-SUMMARY-RESTRICTED"]
        );
        assert_eq!(
            field_ids(Field::OpSummary, "Get task's owner"),
            vec!["OP-SUMMARY-CHARSET"]
        );
        let i = check_field(Field::OpSummary, "Get task.", &FieldContext::default());
        assert_eq!(
            i.iter().map(|i| i.rule).collect::<Vec<_>>(),
            vec!["OP-SUMMARY-END-ALNUM"]
        );
        assert_eq!(i[0].fix.as_deref(), Some("Get task"));
        assert_eq!(
            field_ids(Field::OpSummary, "Get Task By Name"),
            vec!["OP-SUMMARY-CASE"]
        );
        assert_eq!(
            field_ids(Field::OpSummary, "get task"),
            vec!["OP-SUMMARY-CASE"]
        );
        assert_eq!(
            field_ids(Field::OpSummary, "GetTask"),
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
            field_ids(Field::OpSummary, "Task details"),
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
        assert!(field_ids(Field::OpDescription, "Retrieves one task.").is_empty());
        assert!(field_ids(Field::OpDescription, "Tasks").is_empty());
        assert_eq!(field_ids(Field::OpDescription, ""), vec!["OP-DESC-PRESENT"]);
        assert_eq!(
            field_ids(Field::OpDescription, "Retrieves one task"),
            vec!["OP-DESC-SENTENCE"]
        );
        assert_eq!(
            field_ids(Field::OpDescription, "retrieves one task."),
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
        assert!(field_ids(Field::OperationId, "GetTask").is_empty());
        assert_eq!(field_ids(Field::OperationId, ""), vec!["OPID-PRESENT"]);
        assert_eq!(
            field_sev(Field::OperationId, "Get Task", "OPID-CHARSET"),
            Some(Severity::Error)
        );
        assert_eq!(
            field_sev(Field::OperationId, "Get_Task", "OPID-CHARSET"),
            Some(Severity::Warning)
        );
        assert_eq!(field_ids(Field::OperationId, "getTask"), vec!["OPID-CASE"]);
        // For an update, every hint to rename says that it breaks existing flows.
        let upd = FieldContext {
            is_update: true,
            ..Default::default()
        };
        // The whole check of an update says it too.
        let mut v = good_swagger();
        v["paths"]["/tasks/{taskId}"]["get"]["operationId"] = serde_json::json!("Get_Task");
        let f = connector(
            &[("apiDefinition.swagger.json", &text(&v))],
            crate::document::ConnectorKind::IndependentPublisher,
        );
        for (update, breaking) in [(true, true), (false, false)] {
            let opts = crate::rules::CheckOptions {
                is_update: update,
                ..Default::default()
            };
            let fs = crate::rules::check(&f.connector, &opts);
            let c = fs.iter().find(|f| f.rule == "OPID-CHARSET").unwrap();
            assert_eq!(c.help.contains("breaking change"), breaking, "{}", c.help);
        }
        for id in ["Get_Task", "getTask", "Get Task"] {
            let issues = check_field(Field::OperationId, id, &upd);
            assert!(!issues.is_empty(), "{id}");
            for i in issues {
                assert!(i.help.contains("breaking change"), "{id}: {}", i.help);
            }
            for i in check_field(Field::OperationId, id, &FieldContext::default()) {
                assert!(!i.help.contains("breaking change"), "{id}: {}", i.help);
            }
        }
        assert!(field_ids(Field::Visibility, "advanced").is_empty());
        assert_eq!(
            field_sev(Field::Visibility, "hidden", "OP-VISIBILITY"),
            Some(Severity::Error)
        );
        assert_eq!(param_visibility("none")[0].rule, "PARAM-VISIBILITY-ENUM");
    }
}
