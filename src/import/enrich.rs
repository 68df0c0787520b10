//! The strings the certification rules require and the source may lack, filled in the same
//! way for every source version, each one noted for review: an operation's operationId,
//! summary and description; a parameter's `x-ms-summary` and description; the encoding of
//! path parameters.

use super::names;
use super::{NoteKind, Notes, OperationInfo};
use serde_json::{json, Map, Value};

fn has_text(m: &Map<String, Value>, key: &str) -> bool {
    m.get(key)
        .and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty())
}

/// A string member of an object ("" when absent or not a string).
pub fn str_field(m: &Map<String, Value>, key: &str) -> String {
    m.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

/// Sets the operationId the connector uses and fills a missing summary and description.
pub fn operation(op: &mut Map<String, Value>, info: &OperationInfo, notes: &mut Notes) {
    let ptr = &info.pointer;
    match &info.source_id {
        None => notes.add(
            NoteKind::Review,
            ptr,
            format!(
                "no operationId: \"{}\" was derived from {} {}",
                info.operation_id,
                info.method.to_ascii_uppercase(),
                info.path
            ),
        ),
        Some(src) if *src != info.operation_id => notes.add(
            NoteKind::Changed,
            &format!("{ptr}/operationId"),
            format!(
                "operationId \"{src}\" became \"{}\" (letters and digits, PascalCase, unique)",
                info.operation_id
            ),
        ),
        Some(_) => {}
    }
    op.insert("operationId".into(), json!(info.operation_id));
    if !has_text(op, "summary") {
        let s = names::summary_from_id(&info.operation_id);
        notes.add(
            NoteKind::Review,
            ptr,
            format!("no summary: \"{s}\" was derived from the operationId"),
        );
        op.insert("summary".into(), json!(s));
    }
    if !has_text(op, "description") {
        let summary = op.get("summary").and_then(Value::as_str).unwrap_or("");
        let d = names::description_for(summary, &info.method, &info.path);
        notes.add(
            NoteKind::Review,
            ptr,
            format!("no description: \"{d}\" was derived from the summary"),
        );
        op.insert("description".into(), json!(d));
    }
}

/// Fills a non-body parameter's `x-ms-summary` and description, makes a path parameter
/// required and single-encoded. `ptr` locates the parameter in the source.
pub fn parameter(p: &mut Map<String, Value>, ptr: &str, notes: &mut Notes) {
    if p.contains_key("$ref") {
        return;
    }
    let name = str_field(p, "name");
    let location = str_field(p, "in");
    if location != "body" && !has_text(p, "x-ms-summary") {
        p.insert("x-ms-summary".into(), json!(names::title_case(&name)));
        notes.group(
            NoteKind::Review,
            "param-summary",
            ptr,
            "parameters without x-ms-summary got one in Title Case from their name",
        );
    }
    if !has_text(p, "description") {
        let what = if location == "body" {
            "request body".to_string()
        } else {
            names::phrase(&name)
        };
        p.insert("description".into(), json!(format!("The {what}.")));
        notes.group(
            NoteKind::Review,
            "param-description",
            ptr,
            "parameters without a description got \"The <name>.\": write what each one is",
        );
    }
    if location == "path" {
        p.insert("required".into(), json!(true));
        p.entry("x-ms-url-encoding").or_insert(json!("single"));
    }
}

/// Reorders an object's keys: `order` first (those present), then the rest as they were.
pub fn reorder(m: Map<String, Value>, order: &[&str]) -> Map<String, Value> {
    let mut entries: Vec<(String, Option<Value>)> =
        m.into_iter().map(|(k, v)| (k, Some(v))).collect();
    let mut out = Map::with_capacity(entries.len());
    for k in order {
        if let Some((key, v)) = entries.iter_mut().find(|(key, _)| key == k) {
            if let Some(v) = v.take() {
                out.insert(key.clone(), v);
            }
        }
    }
    for (k, v) in entries {
        if let Some(v) = v {
            out.insert(k, v);
        }
    }
    out
}

/// The key order of `info`.
pub const INFO_ORDER: &[&str] = &[
    "title",
    "description",
    "version",
    "termsOfService",
    "contact",
    "license",
];

/// The key order of an operation.
pub const OPERATION_ORDER: &[&str] = &[
    "tags",
    "summary",
    "description",
    "operationId",
    "x-ms-visibility",
    "consumes",
    "produces",
    "parameters",
    "responses",
    "deprecated",
    "security",
];

/// The key order of a parameter.
pub const PARAMETER_ORDER: &[&str] = &[
    "name",
    "in",
    "required",
    "type",
    "format",
    "items",
    "collectionFormat",
    "default",
    "enum",
    "x-ms-summary",
    "description",
    "x-ms-visibility",
    "x-ms-url-encoding",
    "schema",
];

/// The key order of a Swagger 2.0 document.
pub const DOCUMENT_ORDER: &[&str] = &[
    "swagger",
    "info",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "paths",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "security",
    "tags",
    "x-ms-connector-metadata",
];
