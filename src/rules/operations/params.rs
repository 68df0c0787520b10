//! Parameter rules (reference §2.4): the content of each parameter object, checked once where
//! it is written, and the rules of an operation's parameter list.

use super::{last_wins, Loc, OpLabel, Param, Walker};
use crate::json::{Node, TextEdit};
use crate::rules::field::param_visibility;
use crate::rules::{Field, FieldContext, Severity};
use std::fmt;

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
                    "PARAM-VISIBILITY-ENUM",
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
                "PARAM-SUMMARY-PRESENT",
                "x-ms-summary",
            );
        }
        if place == "body" {
            if !internal {
                self.body_summaries(node, loc, &who);
            }
        } else if summary_node.is_none() && !internal {
            self.emit(
                "PARAM-SUMMARY-PRESENT",
                node,
                loc,
                format!("{who} has no x-ms-summary"),
                "Add \"x-ms-summary\" with a short Title Case label, e.g. \"Task ID\".",
            );
        }

        match node.get("description") {
            None => self.emit(
                "PARAM-DESC-PRESENT",
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
                "PARAM-DESC-PRESENT",
                "the description",
            ),
        }

        if internal
            && node.get("default").is_some()
            && node.get("required").and_then(Node::as_bool) != Some(true)
        {
            self.emit(
                "PARAM-INTERNAL-DEFAULT",
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
                    "PARAM-NO-CONNECTIONID",
                    n,
                    loc.key("name"),
                    format!("{who} uses the reserved name connectionId"),
                    "Rename the parameter: the platform uses connectionId for the connection.",
                );
            }
        }
    }

    fn path_param_content(&mut self, node: &'a Node, loc: Loc<'a>, who: &Who) {
        match node.get("required") {
            Some(r) if r.as_bool() == Some(true) => {}
            Some(r) => self.emit(
                "PARAM-PATH-REQUIRED",
                r,
                loc.key("required"),
                format!("{who} is not required"),
                "Set \"required\": true: a path parameter is always part of the URL.",
            ),
            None => self.emit(
                "PARAM-PATH-REQUIRED",
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
                let sev = crate::rules::rule("PARAM-PATH-ENCODING").severity;
                self.sink.at_sev(
                    "PARAM-PATH-ENCODING",
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
                "PARAM-PATH-ENCODING",
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
        for m in last_wins(props) {
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
            "PARAM-SUMMARY-PRESENT",
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
    pub(super) fn param_list_rules(&mut self, list: &[Param<'a>], path: &str, template: &[&str]) {
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
                    "PARAM-DUP",
                    p.site,
                    p.loc,
                    msg,
                    "Remove the duplicate; name and location must be unique.",
                );
            }
            if p.place == "path" && !template.contains(&p.name) {
                self.emit(
                    "PARAM-PATH-REQUIRED",
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
        effective: &[Param<'a>],
        template: &[&str],
        label: OpLabel<'a>,
        op: &'a Node,
        loc: Loc<'a>,
    ) {
        let bodies: Vec<&Param> = effective.iter().filter(|p| p.place == "body").collect();
        if bodies.len() > 1 {
            let second = bodies[1];
            let names: Vec<String> = bodies.iter().map(|p| format!("\"{}\"", p.name)).collect();
            self.emit(
                "PARAM-ONE-BODY",
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
                    "PARAM-ONE-BODY",
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
                    "OP-GET-NO-BODY",
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
                    "PARAM-PATH-REQUIRED",
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
}
