//! The rules about any value anywhere in the swagger, not only about operations: repeated
//! keys (`JSON-DUP-KEY`), `$ref`s that point at nothing (`REF-RESOLVES`) and what no `$ref`
//! uses (`DEFS-UNUSED`), placeholders left in strings (`PLACEHOLDER-TODO`,
//! `PLACEHOLDER-VALUE`), default, enum and example values of the wrong type (`VALUE-TYPE`),
//! and the `x-ms-dynamic-*` references that [`super::dynamic`] checks against the operations.
//!
//! They read the facts the reader collected while it read the file
//! ([`crate::document::facts`]) instead of walking every value again, and find a fact's
//! value and pointer with [`pointer::locate`] only when there is something to report.

use super::dynamic::{self, DynamicUse};
use super::placeholder;
use super::{RuleId, Severity, Sink};
use crate::document::facts::Facts;
use crate::document::openapi::{Set, MAX_REF_HOPS};
use crate::document::OpenApi;
use crate::json::{pointer, Node, Value};
use std::borrow::Cow;

/// Runs the rules of the whole tree.
pub(super) fn check(api: &OpenApi, sink: &mut Sink) {
    let file = sink.file;
    let facts = &file.facts;
    let root = api.root();
    repeated(root, facts, sink);
    let mut used: Set<&str> = Set::default();
    for (span, r) in &facts.refs {
        used.insert(r);
        reference(api, span.start, r, sink);
    }
    placeholder::bracketed(root, facts, sink);
    for m in &facts.mistyped {
        if let Some((ptr, node)) = pointer::locate(root, m.value.start) {
            value_type(node, &ptr, m, sink);
        }
    }
    unused(api, &used, sink);
    let uses: Vec<DynamicUse> = facts
        .dynamic
        .iter()
        .filter_map(|(span, kind)| {
            let (pointer, node) = pointer::locate(root, span.start)?;
            Some(DynamicUse {
                kind,
                node,
                key_offset: span.start,
                pointer,
            })
        })
        .collect();
    dynamic::check(api, &uses, sink);
}

/// The key of a pointer's last token, unescaped (`None` for an array index or the root).
fn last_key(ptr: &str) -> Option<String> {
    let last = ptr.rsplit('/').next()?;
    (!ptr.is_empty() && !last.bytes().all(|b| b.is_ascii_digit()))
        .then(|| pointer::unescape_token(last))
}

/// JSON-DUP-KEY: each repeated key, at the repetition.
fn repeated(root: &Node, facts: &Facts, sink: &mut Sink) {
    for (first, again) in &facts.repeated {
        let Some((ptr, _)) = pointer::locate(root, again.start) else {
            continue;
        };
        let key = last_key(&ptr).unwrap_or_default();
        let line = sink.file.line_col(first.start).0;
        let what = if key == "operationId" {
            " (the second operationId silently replaces the first)"
        } else {
            ""
        };
        sink.at(
            RuleId::JsonDupKey,
            again.start,
            &ptr,
            format!(
                "the key \"{key}\" appears again (first at line {line}){what}; readers keep the last one"
            ),
            "Keep one of the two: merge what the first one says into the one you keep, or rename it.",
        );
    }
}

/// REF-RESOLVES: a `$ref` names something of this file.
fn reference(api: &OpenApi, at: usize, r: &str, sink: &mut Sink) {
    let target = api.lookup_ref(r);
    let problem = if !r.starts_with('#') {
        "points outside the file; the platform reads one file".to_string()
    } else if target.is_none() {
        "points at nothing".to_string()
    } else if target.is_some_and(|t| t.get("$ref").is_some() && api.deref(t).is_none()) {
        format!("leads through a loop or more than {MAX_REF_HOPS} references")
    } else {
        return;
    };
    let ptr = pointer::locate(api.root(), at)
        .map(|(p, _)| p)
        .unwrap_or_default();
    sink.at(
        RuleId::RefResolves,
        at,
        &ptr,
        format!("the $ref \"{r}\" {problem}"),
        "Point it at a member of definitions, parameters or responses of this file (\"#/definitions/Name\"), or add that member.",
    );
}

/// VALUE-TYPE: a default, enum item or example that is not of its object's type.
fn value_type(bad: &Node, ptr: &str, m: &crate::document::facts::Mistyped, sink: &mut Sink) {
    // A quoted literal of the right type ("1000", "false") is converted by the platform:
    // merged connectors carry them.
    let quoted = m.kind.accepts_quoted(bad);
    let sev = match (m.key, quoted) {
        ("default" | "enum", false) => Severity::Error,
        ("default" | "enum", true) => Severity::Warning,
        (_, false) => Severity::Warning,
        (_, true) => Severity::Info,
    };
    let ty = m.kind.name();
    let hint = match (&bad.value, quoted) {
        (Value::String(s), true) => {
            format!(
                "Write {} without quotes: the schema's type is {ty}.",
                s.trim()
            )
        }
        _ => format!("Give a value of type {ty}, or change the type."),
    };
    // The pointer of an enum item ends with its index: report at the enum.
    let ptr = match m.key {
        "enum" => ptr.rsplit_once('/').map(|(p, _)| p).unwrap_or(ptr),
        _ => ptr,
    };
    sink.at_sev(
        RuleId::ValueType,
        sev,
        bad.span.start,
        ptr,
        format!(
            "the {} {} is not of the schema's type {ty}",
            m.key,
            shown(bad)
        ),
        hint,
        None,
    );
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

/// DEFS-UNUSED: the members of definitions, parameters and responses no `$ref` names.
fn unused(api: &OpenApi, used: &Set<&str>, sink: &mut Sink) {
    let root = api.root();
    // The (section, name) each local `$ref` names, unescaped.
    let named: Set<(&str, Cow<str>)> = used
        .iter()
        .filter_map(|r| {
            let (section, name) = r.strip_prefix("#/")?.split_once('/')?;
            let name = if name.contains('~') {
                Cow::Owned(pointer::unescape_token(name))
            } else {
                Cow::Borrowed(name)
            };
            Some((section, name))
        })
        .collect();
    for (section, what) in [
        ("definitions", "definition"),
        ("parameters", "shared parameter"),
        ("responses", "shared response"),
    ] {
        let Some(members) = root.get(section).and_then(Node::as_object) else {
            continue;
        };
        for m in members {
            if !named.contains(&(section, Cow::Borrowed(m.key.as_str()))) {
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
