//! The rules of responses (`RESPONSE-*`, `RESP-PROP-STRINGS`; reference §2.5): status
//! codes, schemas, and the strings of response properties.

use super::text;
use super::walk::{Loc, OpLabel, Tok, Walker};
use super::{RuleId, Severity};
use crate::document::openapi::{distinct, Operation};
use crate::json::Node;
use std::fmt;

/// Schemas nested deeper than this (objects in arrays in objects …) are not walked further.
const MAX_SCHEMA_DEPTH: usize = 48;

/// A response key.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Code {
    Default,
    Status(u16),
    Invalid,
}

fn classify(key: &str) -> Code {
    if key == "default" {
        return Code::Default;
    }
    if key.len() == 3 && key.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = key.parse::<u16>() {
            if (100..=599).contains(&n) {
                return Code::Status(n);
            }
        }
    }
    Code::Invalid
}

/// Whether a response or operation declares a dynamic output.
fn dynamic(n: &Node) -> bool {
    n.get("x-ms-dynamic-schema").is_some() || n.get("x-ms-dynamic-properties").is_some()
}

/// Which response a schema belongs to, for messages.
enum Owner<'a> {
    Inline { code: &'a str, op: OpLabel<'a> },
    Shared(&'a str),
}

impl fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Owner::Inline { code, op } => write!(f, "the {code} response of {op}"),
            Owner::Shared(r) => write!(f, "the shared response {r}"),
        }
    }
}

/// The members of a schema the walk looks at, found in one pass over its members (the last
/// of a repeated key wins, as with [`Node::get`]). Schemas are most of a large swagger, so
/// this beats a lookup per key.
#[derive(Default)]
struct SchemaFields<'a> {
    reference: Option<&'a str>,
    properties: Option<&'a Node>,
    required: Option<&'a Node>,
    items: Option<&'a Node>,
    all_of: Option<&'a Node>,
    additional: Option<&'a Node>,
    summary: Option<&'a Node>,
    description: Option<&'a Node>,
    visibility: Option<&'a Node>,
}

impl<'a> SchemaFields<'a> {
    fn of(schema: &'a Node) -> Option<Self> {
        let members = schema.as_object()?;
        let mut f = SchemaFields::default();
        for m in members {
            let v = Some(&m.value);
            // Dispatch on the first byte: most keys (type, format, example, …) stop here.
            match m.key.as_bytes().first() {
                Some(b'$') if m.key == "$ref" => f.reference = m.value.as_str(),
                Some(b'p') if m.key == "properties" => f.properties = v,
                Some(b'r') if m.key == "required" => f.required = v,
                Some(b'i') if m.key == "items" => f.items = v,
                Some(b'a') if m.key == "allOf" => f.all_of = v,
                Some(b'a') if m.key == "additionalProperties" => f.additional = v,
                Some(b'd') if m.key == "description" => f.description = v,
                Some(b'x') if m.key == "x-ms-summary" => f.summary = v,
                Some(b'x') if m.key == "x-ms-visibility" => f.visibility = v,
                _ => {}
            }
        }
        Some(f)
    }
}

impl<'a> Walker<'a, '_, '_> {
    /// Whether a schema is `{}` or a `$ref` to `{}`.
    fn schema_is_empty(&self, schema: &'a Node) -> bool {
        let empty = |n: &Node| n.as_object().is_some_and(<[_]>::is_empty);
        empty(schema)
            || (schema.get("$ref").is_some() && self.deref(schema).is_some_and(|(t, _)| empty(t)))
    }

    /// The rules of an operation's `responses`.
    pub(super) fn responses(
        &mut self,
        operation: Operation<'a>,
        loc: Loc<'a>,
        label: OpLabel<'a>,
        webhook: bool,
    ) {
        let op = operation.node;
        let Some(node) = op.get("responses") else {
            self.emit(
                RuleId::ResponsePresent,
                op,
                loc,
                format!("the operation {label} has no responses"),
                "Add \"responses\" with at least the success response, e.g. \"200\" with a schema.",
            );
            return;
        };
        let rloc = loc.key("responses");
        let Some(members) = node.as_object() else {
            self.emit(
                RuleId::ResponsePresent,
                node,
                rloc,
                format!(
                    "responses of {label} is a {}, not an object",
                    node.type_name()
                ),
                "Make \"responses\" an object keyed by status code.",
            );
            return;
        };
        if members.is_empty() {
            self.emit(
                RuleId::ResponsePresent,
                node,
                rloc,
                format!("the operation {label} has an empty responses object"),
                "Add the success response, e.g. \"200\" with a schema.",
            );
            return;
        }
        let dynamic_op = dynamic(op);
        let mut any_2xx = false;
        let mut any_status = false;
        let mut has_default = false;
        let mut with_schema: Vec<(&'a str, &'a Node, Loc<'a>)> = Vec::new();
        for r in operation.responses(self.api) {
            let code = r.code;
            let site = r.site;
            let sloc = rloc.key(code);
            let class = classify(code);
            if class == Code::Invalid {
                let sev = RuleId::ResponseCodes.severity();
                self.sink.at_sev(
                    RuleId::ResponseCodes,
                    sev,
                    r.key.key_span.start,
                    &sloc.ptr(),
                    format!("the response key \"{code}\" of {label} is not an HTTP status code"),
                    "Use a status code from 100 to 599 (e.g. \"200\", \"404\") or \"default\"."
                        .into(),
                    None,
                );
            }
            let Some((resp, via)) = r.resolved.map(|x| (x.node, x.via)) else {
                continue;
            };
            let schema = resp.get("schema");

            // What the response says: checked once, where it is written.
            let first_visit = match via {
                None => true,
                Some(r) => self.seen_responses.insert(r),
            };
            if let (true, Some(s)) = (first_visit, schema) {
                let (owner, base) = match via {
                    None => (Owner::Inline { code, op: label }, sloc),
                    Some(r) => (Owner::Shared(r), Loc::of_ref(r)),
                };
                self.schema_content(s, base.key("schema"), owner);
            }

            // How the operation uses it: reported at the operation.
            let (use_node, use_loc) = match (via, schema) {
                (None, Some(s)) => (s, sloc.key("schema")),
                _ => (site, sloc),
            };
            match class {
                Code::Default => {
                    has_default = true;
                    if schema.is_some() {
                        let from = via.map(|r| format!(" (from {r})")).unwrap_or_default();
                        self.emit(
                            RuleId::ResponseNoDefaultSchema,
                            use_node,
                            use_loc,
                            format!("the default response of {label} carries a schema{from}"),
                            "Remove the schema from the default response; describe the success (2xx) response instead.",
                        );
                    }
                }
                Code::Status(c) => {
                    any_status = true;
                    any_2xx |= (200..300).contains(&c);
                    if schema.is_some_and(|s| !self.schema_is_empty(s)) {
                        with_schema.push((code, use_node, use_loc));
                    }
                    // A DELETE, HEAD or OPTIONS returns no body worth a schema; a POST or PUT
                    // often returns none either (merged connectors leave it out), so only a
                    // GET without one is an error.
                    let sev = match operation.method {
                        "get" => Some(Severity::Error),
                        "delete" | "head" | "options" => None,
                        _ => Some(Severity::Warning),
                    };
                    if let (true, Some(sev)) = (
                        (c == 200 || c == 201)
                            && schema.is_none()
                            && !webhook
                            && !dynamic_op
                            && !dynamic(resp),
                        sev,
                    ) {
                        let help = if sev == Severity::Error {
                            "Add a \"schema\" describing the response body (properties with x-ms-summary) so flows can use its outputs."
                        } else {
                            "If the service returns a body, add a \"schema\" for it so flows can use its outputs; if it returns none, say so in the description."
                        };
                        self.emit_sev(
                            RuleId::ResponseSchema,
                            sev,
                            site,
                            sloc,
                            format!("the {code} response of {label} has no schema"),
                            help,
                        );
                    }
                }
                Code::Invalid => {}
            }
        }
        if with_schema.len() > 1 {
            let codes: Vec<&str> = with_schema.iter().map(|w| w.0).collect();
            let success: Vec<&str> = codes
                .iter()
                .copied()
                .filter(|c| c.starts_with('2'))
                .collect();
            let (_, n, l) = with_schema[1];
            let help = if success.len() > 1 {
                format!(
                    "The designer shows one response's outputs: keep the schema on the success response flows use most ({}) and drop it from the others, or return one shape.",
                    success[0]
                )
            } else {
                "The designer shows one response's outputs: keep the schema on the success response and describe the errors without one.".to_string()
            };
            self.emit(
                RuleId::ResponseOneSchema,
                n,
                l,
                format!(
                    "{label} has a schema on {} responses ({})",
                    codes.len(),
                    codes.join(", ")
                ),
                &help,
            );
        }
        if !any_2xx {
            if has_default && !any_status {
                self.emit(
                    RuleId::ResponseNoDefaultSchema,
                    node,
                    rloc,
                    format!("the operation {label} has only a default response"),
                    "Add the success response (e.g. \"200\" with a schema) next to default.",
                );
            } else {
                let codes: Vec<&str> = distinct(members).map(|m| m.key.as_str()).collect();
                self.emit(
                    RuleId::ResponsePresent,
                    node,
                    rloc,
                    format!(
                        "the operation {label} has no 2xx response (only {})",
                        codes.join(", ")
                    ),
                    "Add the success response, e.g. \"200\" with a schema.",
                );
            }
        }
    }

    /// The schema of a response: not empty, and the properties it (transitively) declares.
    fn schema_content(&mut self, schema: &'a Node, loc: Loc<'a>, owner: Owner<'a>) {
        if schema.as_object().is_some_and(<[_]>::is_empty) {
            self.emit(
                RuleId::ResponseNoEmptySchema,
                schema,
                loc,
                format!("{owner} has \"schema\": {{}}"),
                "Describe the body with properties, or remove the schema when the response has no body.",
            );
            return;
        }
        if let Some(r) = schema.get("$ref").and_then(Node::as_str) {
            if self.schema_is_empty(schema) {
                self.emit(
                    RuleId::ResponseNoEmptySchema,
                    schema,
                    loc,
                    format!("{owner} refers to the empty schema {r}"),
                    "Give the definition properties, or remove the schema when the response has no body.",
                );
                return;
            }
        }
        let mut stack = Vec::new();
        self.walk_schema(schema, &loc, &mut stack, 0, None);
    }

    /// Walks the properties of a schema (through items, allOf, additionalProperties and each
    /// `$ref`'d definition once) for RESPONSE-NO-EMPTY-PROPS and RESP-PROP-STRINGS. `prop` is
    /// the property name when `schema` is a property's schema.
    fn walk_schema(
        &mut self,
        schema: &'a Node,
        base: &Loc<'a>,
        stack: &mut Vec<Tok<'a>>,
        depth: usize,
        prop: Option<&str>,
    ) {
        if depth > MAX_SCHEMA_DEPTH {
            return;
        }
        let Some(f) = SchemaFields::of(schema) else {
            return;
        };
        if let Some(name) = prop {
            self.prop_strings(name, &f, base, stack);
        }
        if let Some(r) = f.reference {
            if self.seen_schemas.insert(r) {
                if let Some(target) = self.lookup_ref(r) {
                    let mut inner = Vec::new();
                    self.walk_schema(target, &Loc::of_ref(r), &mut inner, depth + 1, None);
                }
            }
            return;
        }
        if let Some(props) = f.properties.and_then(Node::as_object) {
            let required = f.required.and_then(Node::as_array).unwrap_or(&[]);
            stack.push(Tok::Key("properties"));
            // Every member, a shadowed duplicate included: it is written in the file too,
            // and schemas are the bulk of a large swagger.
            for m in props {
                stack.push(Tok::Key(&m.key));
                let p = &m.value;
                if p.as_object().is_some_and(<[_]>::is_empty) {
                    if !required.iter().any(|r| r.as_str() == Some(m.key.as_str())) {
                        self.sink.node(
                            RuleId::ResponseNoEmptyProps,
                            p,
                            &base.ptr_with(stack),
                            format!(
                                "the response property \"{}\" has an empty schema {{}}",
                                m.key
                            ),
                            "Give the property a type (and x-ms-summary), or remove it.",
                        );
                    }
                } else {
                    self.walk_schema(p, base, stack, depth + 1, Some(&m.key));
                }
                stack.pop();
            }
            stack.pop();
        }
        if let Some(items) = f.items.filter(|n| n.is_object()) {
            stack.push(Tok::Key("items"));
            self.walk_schema(items, base, stack, depth + 1, None);
            stack.pop();
        }
        if let Some(all) = f.all_of.and_then(Node::as_array) {
            stack.push(Tok::Key("allOf"));
            for (i, s) in all.iter().enumerate() {
                stack.push(Tok::Idx(i));
                self.walk_schema(s, base, stack, depth + 1, None);
                stack.pop();
            }
            stack.pop();
        }
        if let Some(extra) = f.additional.filter(|n| n.is_object()) {
            stack.push(Tok::Key("additionalProperties"));
            self.walk_schema(extra, base, stack, depth + 1, None);
            stack.pop();
        }
    }

    /// RESP-PROP-STRINGS: at most one finding per property, at its first offending string.
    fn prop_strings(
        &mut self,
        name: &str,
        f: &SchemaFields<'a>,
        base: &Loc<'a>,
        stack: &mut Vec<Tok<'a>>,
    ) {
        if f.visibility.and_then(Node::as_str) == Some("internal") {
            return;
        }
        let mut problems: Vec<String> = Vec::new();
        let mut at: Option<(&'a Node, &'static str)> = None;
        if let Some(n) = f.summary {
            if let Some(s) = n.as_str() {
                // Most labels are fine: look for a lower-case word before collecting them.
                let lower = if s
                    .split_whitespace()
                    .any(|w| w.starts_with(char::is_lowercase))
                {
                    text::not_title_case(s)
                } else {
                    Vec::new()
                };
                if !lower.is_empty() {
                    problems.push(format!(
                        "x-ms-summary \"{s}\" is not in Title Case ({})",
                        lower.join(", ")
                    ));
                } else if text::char_len(s) > 80 {
                    problems.push(format!(
                        "x-ms-summary \"{}\" is longer than 80 characters",
                        text::quote_start(s)
                    ));
                }
                if !problems.is_empty() {
                    at = Some((n, "x-ms-summary"));
                }
            }
        }
        if let Some(n) = f.description {
            if let Some(d) = n.as_str() {
                let core = d.trim_end().trim_end_matches(['"', '\'', ')', ']']);
                // One word ("Identifier") may go without a period, as for the other
                // descriptions (field rules).
                let one_word = !core.trim().contains(char::is_whitespace);
                let before = problems.len();
                if core.trim().is_empty() {
                    problems.push("the description is empty".into());
                } else if !one_word && !core.ends_with('.') {
                    problems.push(format!(
                        "description \"{}\" does not end with '.'",
                        text::quote_end(d)
                    ));
                } else if !one_word && d.trim_start().starts_with(char::is_lowercase) {
                    problems.push(format!(
                        "description \"{}\" does not start with a capital letter",
                        text::quote_start(d)
                    ));
                }
                if problems.len() > before && at.is_none() {
                    at = Some((n, "description"));
                }
            }
        }
        let Some((node, key)) = at else { return };
        stack.push(Tok::Key(key));
        let ptr = base.ptr_with(stack);
        stack.pop();
        self.sink.node(
            RuleId::RespPropStrings,
            node,
            &ptr,
            format!("response property \"{name}\": {}", problems.join("; ")),
            "Label response properties in Title Case (\"Task Name\") and describe them in a sentence ending with '.'.",
        );
    }
}
