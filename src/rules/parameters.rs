//! The rules of parameters (`PARAM-*`; reference §2.4): the content of each parameter
//! object, checked once where it is written; the rules of an operation's parameter list; and
//! the rules of a parameter's text (run on every keystroke by the editor through
//! [`check_field`](super::check_field)).

use super::field::{quote_chars, sentence, visibility, FieldIssue, Out};
use super::text;
use super::walk::{InlineUse, Listed, Loc, OpLabel, Walker};
use super::{Field, FieldContext, RuleId, Severity};
use crate::document::openapi::distinct;
use crate::json::{pointer, Node, TextEdit};
use std::fmt;

/// The five values of a parameter's `in`.
macro_rules! PLACES {
    () => {
        "body" | "query" | "header" | "path" | "formData"
    };
}

/// How a parameter is named in messages: `the query parameter "top"`.
struct Who<'a> {
    name: &'a str,
    place: &'a str,
}

impl fmt::Display for Who<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = if self.place.is_empty() {
            ""
        } else {
            self.place
        };
        let sep = if place.is_empty() { "" } else { " " };
        if self.name.is_empty() {
            write!(f, "the unnamed {place}{sep}parameter")
        } else {
            write!(f, "the {place}{sep}parameter \"{}\"", self.name)
        }
    }
}

impl<'a> Walker<'a, '_, '_> {
    /// The rules of one parameter object: labels, description, visibility, defaults, path
    /// parameter settings, reserved names.
    pub(super) fn param_content(&mut self, node: &'a Node, loc: Loc<'a>) {
        let name_node = node.get("name");
        let name = name_node.and_then(Node::as_str).unwrap_or("");
        let place = node.get("in").and_then(Node::as_str).unwrap_or("");
        let who = Who { name, place };
        self.param_location(node, loc, &who);

        let vis_node = node.get("x-ms-visibility");
        let internal = vis_node.and_then(Node::as_str) == Some("internal");
        if let Some(n) = vis_node {
            match n.as_str() {
                Some(v) => {
                    let issues = param_visibility(v);
                    if !issues.is_empty() {
                        self.sink
                            .field_issues(n, &loc.key("x-ms-visibility").ptr(), issues);
                    }
                }
                None => self.emit(
                    RuleId::ParamVisibilityEnum,
                    n,
                    loc.key("x-ms-visibility"),
                    format!(
                        "x-ms-visibility of {who} is a {}, not a string",
                        n.type_name()
                    ),
                    "Use \"important\", \"advanced\" or \"internal\" (leave it out for normal).",
                ),
            }
        }

        let summary_node = node.get("x-ms-summary");
        let ctx = FieldContext {
            summary: summary_node.and_then(Node::as_str),
            ..self.ctx()
        };
        if let Some(n) = summary_node {
            self.text_field(
                Field::ParamSummary,
                n,
                loc.key("x-ms-summary"),
                &ctx,
                RuleId::ParamSummaryPresent,
                "x-ms-summary",
            );
        }
        if place == "body" {
            if !internal {
                self.body_summaries(node, loc, &who);
            }
        } else if summary_node.is_none() && !internal {
            self.emit(
                RuleId::ParamSummaryPresent,
                node,
                loc,
                format!("{who} has no x-ms-summary"),
                "Add \"x-ms-summary\" with a short Title Case label, e.g. \"Task ID\".",
            );
        }

        match node.get("description") {
            // Merged connectors describe a body parameter on its schema's properties, and
            // an internal parameter is never shown: neither needs its own description.
            None if place == "body" || internal => {}
            None => self.emit(
                RuleId::ParamDescPresent,
                node,
                loc,
                format!("{who} has no description"),
                "Add a \"description\" sentence that says what the value is and where to find it.",
            ),
            Some(n) => self.text_field(
                Field::ParamDescription,
                n,
                loc.key("description"),
                &ctx,
                RuleId::ParamDescPresent,
                "the description",
            ),
        }

        if internal
            && node.get("default").is_some()
            && node.get("required").and_then(Node::as_bool) != Some(true)
        {
            self.emit(
                RuleId::ParamInternalDefault,
                node,
                loc,
                format!("{who} is internal with a default but not required"),
                "Add \"required\": true: an optional internal parameter's default is not sent.",
            );
        }

        if place == "path" {
            self.path_param_content(node, loc, &who);
        }

        if name == "connectionId" {
            if let Some(n) = name_node {
                self.emit(
                    RuleId::ParamNoConnectionid,
                    n,
                    loc.key("name"),
                    format!("{who} uses the reserved name connectionId"),
                    "Rename the parameter: the platform uses connectionId for the connection.",
                );
            }
        }
    }

    /// SCHEMA-CONFORM: `in` is one of the five locations of OpenAPI 2.0, and a parameter
    /// other than the body has a `type` (the repository's schema requires both).
    fn param_location(&mut self, node: &'a Node, loc: Loc<'a>, who: &Who) {
        match node.get("in") {
            None => self.emit(
                RuleId::SchemaConform,
                node,
                loc,
                format!("{who} has no \"in\""),
                "Add \"in\": one of body, query, header, path, formData.",
            ),
            Some(n) if matches!(n.as_str(), Some(PLACES!())) => {
                if n.as_str() != Some("body") && node.get("type").is_none() {
                    self.emit(
                        RuleId::SchemaConform,
                        node,
                        loc,
                        format!("{who} has no \"type\""),
                        "Add \"type\" (string, number, integer, boolean, array or file): only a body parameter describes its value with a schema.",
                    );
                }
            }
            Some(n) => self.emit(
                RuleId::SchemaConform,
                n,
                loc.key("in"),
                format!(
                    "{who}: \"in\" is {}, not one of body, query, header, path, formData",
                    super::show(n)
                ),
                "Use one of the five locations of OpenAPI 2.0 (cookies are not supported); case matters.",
            ),
        }
    }

    fn path_param_content(&mut self, node: &'a Node, loc: Loc<'a>, who: &Who) {
        match node.get("required") {
            Some(r) if r.as_bool() == Some(true) => {}
            Some(r) => self.emit(
                RuleId::ParamPathRequired,
                r,
                loc.key("required"),
                format!("{who} is not required"),
                "Set \"required\": true: a path parameter is always part of the URL.",
            ),
            None => self.emit(
                RuleId::ParamPathRequired,
                node,
                loc,
                format!("{who} does not say \"required\": true"),
                "Add \"required\": true: a path parameter is always part of the URL.",
            ),
        }
        match node.get("x-ms-url-encoding") {
            None => {
                let ptr = loc.ptr();
                let fix =
                    TextEdit::insert_member(self.text, node, "x-ms-url-encoding", "\"single\"")
                        .and_then(|e| {
                            self.sink.fix(
                                format!("{ptr}: add \"x-ms-url-encoding\": \"single\""),
                                vec![e],
                            )
                        });
                let sev = RuleId::ParamPathEncoding.severity();
                self.sink.at_sev(
                    RuleId::ParamPathEncoding,
                    sev,
                    node.span.start,
                    &ptr,
                    format!("{who} does not set x-ms-url-encoding"),
                    "Add \"x-ms-url-encoding\": \"single\" so values with '/' or spaces are encoded once.".into(),
                    fix,
                );
            }
            Some(n) if matches!(n.as_str(), Some("single" | "double")) => {}
            Some(n) => self.emit(
                RuleId::ParamPathEncoding,
                n,
                loc.key("x-ms-url-encoding"),
                format!("x-ms-url-encoding of {who} is not \"single\" or \"double\""),
                "Use \"x-ms-url-encoding\": \"single\".",
            ),
        }
    }

    /// A body parameter: its schema's properties should carry x-ms-summary (one warning
    /// naming how many do not).
    fn body_summaries(&mut self, node: &'a Node, loc: Loc<'a>, who: &Who) {
        let Some((schema, _)) = node.get("schema").and_then(|s| self.deref(s)) else {
            return;
        };
        let Some(props) = schema.get("properties").and_then(Node::as_object) else {
            return;
        };
        let mut total = 0;
        let mut missing: Vec<&str> = Vec::new();
        for m in distinct(props) {
            let Some((target, _)) = self.deref(&m.value) else {
                continue;
            };
            let hidden = |n: &Node| {
                n.get("x-ms-visibility").and_then(Node::as_str) == Some("internal")
                    || n.get("readOnly").and_then(Node::as_bool) == Some(true)
            };
            // A nested object shows its own properties; a hidden one shows nothing.
            if hidden(&m.value) || hidden(target) || target.get("properties").is_some() {
                continue;
            }
            total += 1;
            if m.value.get("x-ms-summary").is_none() && target.get("x-ms-summary").is_none() {
                missing.push(&m.key);
            }
        }
        if missing.is_empty() {
            return;
        }
        let mut names: Vec<String> = missing.iter().take(3).map(|n| format!("\"{n}\"")).collect();
        if missing.len() > 3 {
            names.push("…".into());
        }
        self.emit_sev(
            RuleId::ParamSummaryPresent,
            Severity::Warning,
            node,
            loc,
            format!(
                "{who}: {} of {total} schema properties have no x-ms-summary ({})",
                missing.len(),
                names.join(", ")
            ),
            "Add a Title Case \"x-ms-summary\" to each property of the body schema; the designer shows it as the field label.",
        );
    }

    /// Rules within one `parameters` list: duplicates, and path parameters missing from the
    /// template.
    pub(super) fn param_list_rules(&mut self, list: &[Listed<'a>], path: &str, template: &[&str]) {
        for (i, p) in list.iter().enumerate() {
            if p.name.is_empty() {
                continue;
            }
            if let Some(first) = list[..i].iter().find(|q| q.same_as(p)) {
                let msg = format!(
                    "{} is listed twice (first at {})",
                    Who {
                        name: p.name,
                        place: p.place
                    },
                    first.loc.ptr()
                );
                self.emit(
                    RuleId::ParamDup,
                    p.site,
                    p.loc,
                    msg,
                    "Remove the duplicate; name and location must be unique.",
                );
            }
            if p.place == "path" && !template.contains(&p.name) {
                self.emit(
                    RuleId::ParamPathRequired,
                    p.site,
                    p.loc,
                    format!(
                        "the path parameter \"{}\" does not appear as {{{}}} in the path {path}",
                        p.name, p.name
                    ),
                    "Put {name} in the path template, or change \"in\" to query or header.",
                );
            }
        }
    }

    /// Rules of an operation's effective parameter list (path-level and own).
    pub(super) fn op_param_rules(
        &mut self,
        effective: &[Listed<'a>],
        template: &[&str],
        label: OpLabel<'a>,
        op: &'a Node,
        loc: Loc<'a>,
    ) {
        let bodies: Vec<&Listed> = effective.iter().filter(|p| p.place == "body").collect();
        if bodies.len() > 1 {
            let second = bodies[1];
            let names: Vec<String> = bodies.iter().map(|p| format!("\"{}\"", p.name)).collect();
            self.emit(
                RuleId::ParamOneBody,
                second.site,
                second.loc,
                format!(
                    "{label} has {} body parameters ({})",
                    bodies.len(),
                    names.join(", ")
                ),
                "Keep one body parameter; put its fields in the body schema's properties.",
            );
        }
        if !bodies.is_empty() {
            if let Some(form) = effective.iter().find(|p| p.place == "formData") {
                self.emit(
                    RuleId::ParamOneBody,
                    form.site,
                    form.loc,
                    format!(
                        "{label} mixes a body parameter with the formData parameter \"{}\"",
                        form.name
                    ),
                    "Use either one body parameter or formData parameters, not both.",
                );
            }
        }
        if label.method == "get" {
            for p in effective
                .iter()
                .filter(|p| p.place == "body" || p.place == "formData")
            {
                self.emit(
                    RuleId::OpGetNoBody,
                    p.site,
                    p.loc,
                    format!("the GET operation {label} has the {} parameter \"{}\"", p.place, p.name),
                    "Send the values as query parameters, or use POST if the service expects a body.",
                );
            }
        }
        for (i, name) in template.iter().enumerate() {
            if template[..i].contains(name) {
                continue;
            }
            if !effective
                .iter()
                .any(|p| p.place == "path" && p.name == *name)
            {
                self.emit(
                    RuleId::ParamPathRequired,
                    op,
                    loc,
                    format!(
                        "the path has {{{name}}} but {label} defines no path parameter \"{name}\""
                    ),
                    "Add a parameter with \"in\": \"path\", \"required\": true and this name.",
                );
            }
        }
    }

    /// `/parameters/*`: each shared parameter is checked once, at its own pointer.
    pub(super) fn shared_parameters(&mut self) {
        let base = Loc::root().key("parameters");
        for m in self.api.shared_parameters() {
            if m.value.is_object() && m.value.get("$ref").is_none() {
                self.param_content(&m.value, base.key(&m.key));
            }
        }
    }

    /// Counts inline parameters (name + location) for PARAM-REF-SHARED, once per list.
    pub(super) fn count_inline(
        &mut self,
        list: &[Listed<'a>],
        counted: &mut Vec<(&'a str, &'a str)>,
    ) {
        for p in list {
            if p.via.is_some() || p.name.is_empty() || p.place.is_empty() || p.place == "body" {
                continue;
            }
            let key = (p.name, p.place);
            if counted.contains(&key) {
                continue;
            }
            counted.push(key);
            self.inline
                .entry(key)
                .and_modify(|u| u.count += 1)
                .or_insert(InlineUse {
                    count: 1,
                    first: p.loc,
                    offset: p.site.span.start,
                });
        }
    }

    /// PARAM-REF-SHARED: inline parameters repeated in three operations or more.
    pub(super) fn repeated_inline_parameters(&mut self) {
        let mut repeated: Vec<(&(&'a str, &'a str), &InlineUse<'a>)> =
            self.inline.iter().filter(|(_, u)| u.count >= 3).collect();
        repeated.sort_by_key(|(_, u)| u.offset);
        let found: Vec<_> = repeated
            .into_iter()
            .map(|(&(name, place), u)| {
                (
                    u.offset,
                    u.first.ptr(),
                    format!("the {place} parameter \"{name}\" is defined inline in {} operations", u.count),
                    format!(
                        "Define it once under /parameters and refer to it with {{\"$ref\": \"#/parameters/{}\"}}.",
                        pointer::escape_token(name)
                    ),
                )
            })
            .collect();
        for (offset, ptr, msg, help) in found {
            let sev = RuleId::ParamRefShared.severity();
            self.sink
                .at_sev(RuleId::ParamRefShared, sev, offset, &ptr, msg, help, None);
        }
    }
}

/// Rules of a parameter's x-ms-visibility value.
pub fn param_visibility(v: &str) -> Vec<FieldIssue> {
    let mut out = Out(Vec::new());
    visibility(v, RuleId::ParamVisibilityEnum, &mut out);
    out.0
}

/// The rules of a parameter's x-ms-summary.
pub(super) fn param_summary(v: &str, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(
            RuleId::ParamSummaryPresent,
            "the parameter's x-ms-summary is empty".into(),
            "Give the parameter a short Title Case label, e.g. \"Task ID\".",
        );
        return;
    }
    let len = text::char_len(v);
    if len > 80 {
        out.push(
            RuleId::ParamSummaryMax80,
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
            RuleId::ParamSummaryCharset,
            format!("the x-ms-summary \"{v}\" contains {}", quote_chars(&odd)),
            "Keep to letters, digits, spaces and parentheses where you can.",
        );
    }
    let lower = text::not_title_case(v);
    if !lower.is_empty() {
        out.push(
            RuleId::ParamSummaryCase,
            format!(
                "the x-ms-summary \"{v}\" is not in Title Case ({})",
                lower.join(", ")
            ),
            "Capitalise each main word, e.g. \"Task ID\".",
        );
    }
}

/// The rules of a parameter's description.
pub(super) fn param_description(v: &str, ctx: &FieldContext, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(
            RuleId::ParamDescPresent,
            "the parameter's description is empty".into(),
            "Describe the parameter in a sentence.",
        );
        return;
    }
    sentence(RuleId::ParamDescSentence, v, out);
    if let Some(s) = ctx.summary {
        if s.trim().eq_ignore_ascii_case(v.trim()) {
            out.push(
                RuleId::ParamDescNeSummary,
                "the description repeats the x-ms-summary".into(),
                "Explain the parameter: its format, its default, where to find the value.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use crate::rules::{check_field, Field, FieldContext};

    #[test]
    fn parameter_rules() {
        assert!(field_ids(Field::ParamSummary, "Task ID").is_empty());
        assert_eq!(
            field_ids(Field::ParamSummary, ""),
            vec!["PARAM-SUMMARY-PRESENT"]
        );
        assert_eq!(
            field_ids(Field::ParamSummary, &format!("A{}", "b".repeat(80))),
            vec!["PARAM-SUMMARY-MAX-80"]
        );
        assert_eq!(
            field_ids(Field::ParamSummary, "Task-ID"),
            vec!["PARAM-SUMMARY-CHARSET"]
        );
        assert_eq!(
            field_ids(Field::ParamSummary, "Task id"),
            vec!["PARAM-SUMMARY-CASE"]
        );
        assert!(field_ids(Field::ParamDescription, "The identifier of the task.").is_empty());
        assert_eq!(
            field_ids(Field::ParamDescription, ""),
            vec!["PARAM-DESC-PRESENT"]
        );
        assert_eq!(
            field_ids(Field::ParamDescription, "The identifier"),
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
}
