//! The one walk over every value of the swagger, for the rules that are not about operations
//! but about anything anywhere in the file: repeated keys (`JSON-DUP-KEY`), `$ref`s that
//! point at nothing (`REF-RESOLVES`) and what no `$ref` uses (`DEFS-UNUSED`), placeholders
//! left in strings (`PLACEHOLDER-TODO`, `PLACEHOLDER-VALUE`), default, enum and example
//! values of the wrong type (`VALUE-TYPE`), and the `x-ms-dynamic-*` references that
//! [`super::dynamic`] checks against the operations.
//!
//! The walk carries the pointer as borrowed tokens and builds its text only for a finding.

use super::dynamic::{self, DynamicUse};
use super::placeholder;
use super::walk::{Loc, Tok};
use super::{RuleId, Severity, Sink};
use crate::document::openapi::{Set, MAX_REF_HOPS};
use crate::document::OpenApi;
use crate::json::{pointer, Node, Value};

/// Nesting deeper than this is not walked (the parser already refuses absurd depths).
const MAX_DEPTH: usize = 256;

/// Runs the rules of the whole tree.
pub(super) fn check(api: &OpenApi, sink: &mut Sink) {
    let mut t = Tree {
        api,
        sink,
        stack: Vec::with_capacity(32),
        used: Set::default(),
        dynamic: Vec::new(),
    };
    t.visit(api.root(), 0);
    let Tree { used, dynamic, .. } = t;
    unused(api, &used, sink);
    dynamic::check(api, &dynamic, sink);
}

struct Tree<'a, 'k, 's> {
    api: &'k OpenApi<'a>,
    sink: &'k mut Sink<'s>,
    stack: Vec<Tok<'a>>,
    /// Every `$ref` written in the file.
    used: Set<&'a str>,
    dynamic: Vec<DynamicUse<'a>>,
}

impl<'a> Tree<'a, '_, '_> {
    fn ptr(&self) -> String {
        Loc::root().ptr_with(&self.stack)
    }

    fn ptr_with(&self, key: &str) -> String {
        pointer::join(&self.ptr(), key)
    }

    fn visit(&mut self, node: &'a Node, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match &node.value {
            Value::Object(members) => {
                if members.len() > 1 {
                    self.repeated(node);
                }
                let mut ty = None;
                for m in members {
                    let k = m.key.as_str();
                    match k.as_bytes().first() {
                        Some(b'$') if k == "$ref" => self.reference(&m.value),
                        Some(b't') if k == "type" => ty = m.value.as_str(),
                        Some(b'x') if k.starts_with("x-ms-dynamic-") => {
                            self.dynamic.push(DynamicUse {
                                kind: k,
                                node: &m.value,
                                key_offset: m.key_span.start,
                                pointer: self.ptr_with(k),
                            });
                        }
                        _ => {}
                    }
                    self.stack.push(Tok::Key(k));
                    self.visit(&m.value, depth + 1);
                    self.stack.pop();
                }
                if let Some(ty) = ty {
                    self.value_types(node, ty);
                }
            }
            Value::Array(items) => {
                for (i, it) in items.iter().enumerate() {
                    self.stack.push(Tok::Idx(i));
                    self.visit(it, depth + 1);
                    self.stack.pop();
                }
            }
            Value::String(s) => {
                // Most strings hold no bracket: one byte search decides.
                if s.as_bytes().contains(&b'[') {
                    let ptr = self.ptr();
                    placeholder::in_json_string(node, s, &ptr, self.last_key(), self.sink);
                }
            }
            _ => {}
        }
    }

    /// The key of the member being visited (for the placeholders a key may hold).
    fn last_key(&self) -> Option<&'a str> {
        match self.stack.last() {
            Some(Tok::Key(k)) => Some(k),
            _ => None,
        }
    }

    /// JSON-DUP-KEY: each repeated key, at the repetition.
    fn repeated(&mut self, node: &'a Node) {
        for (first, again) in node.repeated_keys() {
            let line = self.sink.file.line_col(first.key_span.start).0;
            let ptr = self.ptr_with(&again.key);
            let what = if again.key == "operationId" {
                " (the second operationId silently replaces the first)".to_string()
            } else {
                String::new()
            };
            self.sink.at(
                RuleId::JsonDupKey,
                again.key_span.start,
                &ptr,
                format!(
                    "the key \"{}\" appears again (first at line {line}){what}; readers keep the last one",
                    again.key
                ),
                "Keep one of the two: merge what the first one says into the one you keep, or rename it.",
            );
        }
    }

    /// REF-RESOLVES: a `$ref` names something of this file.
    fn reference(&mut self, node: &'a Node) {
        let Some(r) = node.as_str() else {
            return;
        };
        self.used.insert(r);
        let target = self.api.lookup_ref(r);
        let problem = if !r.starts_with('#') {
            Some("points outside the file; the platform reads one file".to_string())
        } else if target.is_none() {
            Some("points at nothing".to_string())
        } else if target.and_then(|t| self.api.deref(t)).is_none() {
            Some(format!(
                "leads through a loop or more than {MAX_REF_HOPS} references"
            ))
        } else {
            None
        };
        if let Some(p) = problem {
            let ptr = self.ptr_with("$ref");
            self.sink.node(
                RuleId::RefResolves,
                node,
                &ptr,
                format!("the $ref \"{r}\" {p}"),
                "Point it at a member of definitions, parameters or responses of this file (\"#/definitions/Name\"), or add that member.",
            );
        }
    }

    /// VALUE-TYPE: default, enum and example of a schema or parameter match its type.
    fn value_types(&mut self, node: &'a Node, ty: &str) {
        let Some(kind) = JsonKind::of_type(ty) else {
            return;
        };
        for key in ["default", "enum", "example", "x-example"] {
            let Some(v) = node.get(key) else { continue };
            let bad = match (key, v.as_array()) {
                ("enum", Some(items)) => items.iter().find(|i| !kind.accepts(i)),
                _ => (!kind.accepts(v)).then_some(v),
            };
            if let Some(bad) = bad {
                // A quoted literal of the right type ("1000", "false") is converted by the
                // platform: merged connectors carry them.
                let quoted = kind.accepts_quoted(bad);
                let sev = match (key, quoted) {
                    ("default" | "enum", false) => Severity::Error,
                    ("default" | "enum", true) => Severity::Warning,
                    (_, false) => Severity::Warning,
                    (_, true) => Severity::Info,
                };
                let ptr = self.ptr_with(key);
                let shown = shown(bad);
                let hint = match (&bad.value, kind) {
                    (Value::String(s), JsonKind::Boolean)
                        if matches!(s.as_str(), "true" | "false") =>
                    {
                        format!("Write {s} without quotes: the schema's type is boolean.")
                    }
                    (Value::String(s), JsonKind::Integer | JsonKind::Number)
                        if s.trim().parse::<f64>().is_ok() =>
                    {
                        format!(
                            "Write {} without quotes: the schema's type is {ty}.",
                            s.trim()
                        )
                    }
                    _ => format!("Give a value of type {ty}, or change the type."),
                };
                self.sink.at_sev(
                    RuleId::ValueType,
                    sev,
                    bad.span.start,
                    &ptr,
                    format!("the {key} {shown} is not of the schema's type {ty}"),
                    hint,
                    None,
                );
            }
        }
    }
}

/// A value as a message shows it: a short string in quotes, anything else by its JSON type.
fn shown(n: &Node) -> String {
    match &n.value {
        Value::String(s) => format!("\"{}\"", super::text::quote_start(s)),
        Value::Number(x) => format!("{x}"),
        Value::Bool(b) => format!("{b}"),
        _ => format!("(a {})", n.type_name()),
    }
}

/// The JSON shapes of the OpenAPI 2.0 types.
#[derive(Clone, Copy)]
enum JsonKind {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}

impl JsonKind {
    fn of_type(ty: &str) -> Option<JsonKind> {
        Some(match ty {
            "string" => JsonKind::String,
            "integer" => JsonKind::Integer,
            "number" => JsonKind::Number,
            "boolean" => JsonKind::Boolean,
            "array" => JsonKind::Array,
            "object" => JsonKind::Object,
            _ => return None,
        })
    }

    /// Whether a value is a string that reads as a value of this kind ("1000" for an integer,
    /// "false" for a boolean).
    fn accepts_quoted(self, v: &Node) -> bool {
        let Some(s) = v.as_str().map(str::trim) else {
            return false;
        };
        match self {
            JsonKind::Boolean => matches!(s, "true" | "false"),
            JsonKind::Integer => s.parse::<i64>().is_ok(),
            JsonKind::Number => s.parse::<f64>().is_ok_and(f64::is_finite),
            _ => false,
        }
    }

    /// Whether a value is of this kind (`null` is accepted: a nullable value).
    fn accepts(self, v: &Node) -> bool {
        match (&v.value, self) {
            (Value::Null, _) => true,
            (Value::String(_), JsonKind::String) => true,
            (Value::Number(x), JsonKind::Integer) => x.fract() == 0.0,
            (Value::Number(_), JsonKind::Number) => true,
            (Value::Bool(_), JsonKind::Boolean) => true,
            (Value::Array(_), JsonKind::Array) => true,
            (Value::Object(_), JsonKind::Object) => true,
            _ => false,
        }
    }
}

/// DEFS-UNUSED: the members of definitions, parameters and responses no `$ref` names.
fn unused(api: &OpenApi, used: &Set<&str>, sink: &mut Sink) {
    let root = api.root();
    for (section, what) in [
        ("definitions", "definition"),
        ("parameters", "shared parameter"),
        ("responses", "shared response"),
    ] {
        let Some(members) = root.get(section).and_then(Node::as_object) else {
            continue;
        };
        for m in members {
            let r = format!("#/{section}/{}", pointer::escape_token(&m.key));
            if !used.contains(r.as_str()) {
                sink.at(
                    RuleId::DefsUnused,
                    m.key_span.start,
                    &pointer::join(&format!("/{section}"), &m.key),
                    format!("the {what} \"{}\" is not used by any $ref", m.key),
                    "Remove it, or refer to it where it belongs: unused parts make the swagger harder to review.",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use crate::rules::Severity;
    use serde_json::json;

    #[test]
    fn repeated_keys_are_reported_where_they_repeat() {
        let mut text = text(&good_swagger());
        text = text.replacen(
            "\"operationId\": \"GetTask\",",
            "\"operationId\": \"GetTask\",\n        \"operationId\": \"FetchTask\",",
            1,
        );
        let fs = swagger_findings(&text);
        let d = only(&fs, "JSON-DUP-KEY");
        assert_eq!(d.len(), 1, "{fs:#?}");
        assert_eq!(d[0].pointer, "/paths/~1tasks~1{taskId}/get/operationId");
        assert!(
            d[0].message
                .contains("second operationId silently replaces"),
            "{}",
            d[0].message
        );
        let first = text
            .lines()
            .position(|l| l.contains("\"GetTask\""))
            .unwrap()
            + 1;
        assert!(
            d[0].message.contains(&format!("first at line {first}")),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].line, first + 1);
    }

    #[test]
    fn references_resolve_and_are_used() {
        let fs = with(|v| {
            v["paths"]["/tasks/{taskId}"]["get"]["responses"]["200"]["schema"] =
                json!({"$ref": "#/definitions/Missing"});
        });
        let r = only(&fs, "REF-RESOLVES");
        assert_eq!(r.len(), 1, "{fs:#?}");
        assert_eq!(
            r[0].pointer,
            "/paths/~1tasks~1{taskId}/get/responses/200/schema/$ref"
        );
        assert!(r[0].message.contains("points at nothing"));
        let fs = with(|v| {
            v["paths"]["/tasks/{taskId}"]["get"]["responses"]["200"]["schema"] =
                json!({"$ref": "common.json#/definitions/Task"});
        });
        assert!(only(&fs, "REF-RESOLVES")[0]
            .message
            .contains("outside the file"));
        let fs = with(|v| {
            v["definitions"] =
                json!({"A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"}});
        });
        assert_eq!(only(&fs, "REF-RESOLVES").len(), 2, "{fs:#?}");
        // Unused parts: a warning at each, used ones pass.
        let fs = with(|v| {
            v["definitions"] = json!({"Task": {"type": "object"}, "Old": {"type": "string"}});
            v["parameters"] = json!({"Top": {"name": "top", "in": "query", "type": "integer"}});
            v["paths"]["/tasks/{taskId}"]["get"]["responses"]["200"]["schema"] =
                json!({"$ref": "#/definitions/Task"});
        });
        let u = only(&fs, "DEFS-UNUSED");
        assert_eq!(u.len(), 2, "{fs:#?}");
        assert_eq!(u[0].pointer, "/definitions/Old");
        assert_eq!(u[1].pointer, "/parameters/Top");
        assert!(u.iter().all(|f| f.severity == Severity::Warning));
    }

    #[test]
    fn values_match_their_type() {
        fn p(v: &mut serde_json::Value) -> &mut serde_json::Value {
            &mut v["paths"]["/tasks/{taskId}"]["get"]["parameters"][0]
        }
        let fs = with(|v| {
            *p(v) = json!({"name": "done", "in": "query", "type": "boolean", "default": "true",
                "x-ms-summary": "Done", "description": "Only finished tasks."});
            v["paths"]["/tasks/{taskId}"]["parameters"] = json!([{
                "name": "taskId", "in": "path", "required": true, "type": "string",
                "x-ms-summary": "Task ID", "description": "The identifier of the task.",
                "x-ms-url-encoding": "single"}]);
        });
        let t = only(&fs, "VALUE-TYPE");
        assert_eq!(t.len(), 1, "{fs:#?}");
        assert_eq!(t[0].severity, Severity::Warning, "quoted: converted");
        assert_eq!(
            t[0].pointer,
            "/paths/~1tasks~1{taskId}/get/parameters/0/default"
        );
        assert!(
            t[0].help.contains("Write true without quotes"),
            "{}",
            t[0].help
        );
        let fs = with(|v| {
            v["definitions"] = json!({"Task": {"type": "object", "properties": {
                "size": {"type": "integer", "enum": [1, 2, 2.5], "example": "big"}}}});
            v["paths"]["/tasks/{taskId}"]["get"]["responses"]["200"]["schema"] =
                json!({"$ref": "#/definitions/Task"});
        });
        let t = only(&fs, "VALUE-TYPE");
        assert_eq!(t.len(), 2, "{fs:#?}");
        assert_eq!(
            (t[0].severity, t[1].severity),
            (Severity::Error, Severity::Warning)
        );
        assert!(t[0].message.contains("enum 2.5"), "{}", t[0].message);
        let fs = with(|v| {
            v["definitions"] = json!({"Task": {"type": "object", "properties": {
                "size": {"type": "integer", "example": "12"}}}});
            v["paths"]["/tasks/{taskId}"]["get"]["responses"]["200"]["schema"] =
                json!({"$ref": "#/definitions/Task"});
        });
        assert_eq!(only(&fs, "VALUE-TYPE")[0].severity, Severity::Info);
        // null, numbers for numbers, strings for strings: fine.
        let fs = with(|v| {
            *p(v) = json!({"name": "top", "in": "query", "type": "number", "default": 1.5,
                "x-ms-summary": "Top", "description": "How many.", "enum": [1.5, null]});
        });
        assert!(only(&fs, "VALUE-TYPE").is_empty(), "{fs:#?}");
    }
}
