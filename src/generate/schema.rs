//! A response schema from a sample response, and the minimal-diff edit that puts it into an
//! operation's success response.
//!
//! [`schema_from_sample_text`] reads a sample (JSON) and describes it: types, nested objects
//! and arrays, `format` where the sample makes it evident (`date`, `date-time`, `int32`,
//! `int64`, `double`), an `x-ms-summary` in Title Case from every key and a `[TODO: …]`
//! description marker for the author to fill in (reference §2.5 RESP-PROP-STRINGS).
//!
//! [`response_schema_edits`] replaces or extends the schema of an operation's success
//! response (200, else 201, 202, … else a new 200) in a swagger text. Only the inserted or
//! replaced bytes change; inserted JSON takes the file's own indentation and line breaks.

use super::todo;
use crate::import::names::{phrase, title_case};
use crate::json::splice::{self, indent_at, Style};
use crate::json::{self, apply_edits, LineIndex, Node, TextEdit};
use serde_json::{json, Map, Value};
use std::fmt;

/// Why a sample or a swagger cannot be used, and where (1-based; 0 = unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        } else {
            f.write_str(&self.message)
        }
    }
}

impl std::error::Error for SchemaError {}

fn parse(text: &str, what: &str) -> Result<Node, SchemaError> {
    let text_ok = text.strip_prefix('\u{feff}').unwrap_or(text);
    json::parse(text_ok).map_err(|e| {
        let (line, column) = LineIndex::new(text_ok).line_col(text_ok, e.offset);
        SchemaError {
            line,
            column,
            message: format!("{what} is not valid JSON: {}", e.message),
        }
    })
}

/// The schema of a sample JSON response.
pub fn schema_from_sample_text(text: &str) -> Result<Value, SchemaError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let node = parse(text, "the sample")?;
    Ok(infer(&node, text, None))
}

/// The schema of a parsed sample (`text` is the source the node's spans refer to).
pub fn schema_from_sample(node: &Node, text: &str) -> Value {
    infer(node, text, None)
}

fn infer(node: &Node, text: &str, key: Option<&str>) -> Value {
    let mut m = Map::new();
    let mut nullable = false;
    match &node.value {
        json::Value::Null => nullable = true,
        json::Value::Bool(_) => {
            m.insert("type".into(), json!("boolean"));
        }
        json::Value::Number(n) => {
            let lexeme = text.get(node.span.start..node.span.end).unwrap_or("");
            if lexeme.contains(['.', 'e', 'E']) {
                m.insert("type".into(), json!("number"));
                m.insert("format".into(), json!("double"));
            } else {
                m.insert("type".into(), json!("integer"));
                let small = *n >= f64::from(i32::MIN) && *n <= f64::from(i32::MAX);
                m.insert(
                    "format".into(),
                    json!(if small { "int32" } else { "int64" }),
                );
            }
        }
        json::Value::String(s) => {
            m.insert("type".into(), json!("string"));
            if is_date_time(s) {
                m.insert("format".into(), json!("date-time"));
            } else if is_date(s) {
                m.insert("format".into(), json!("date"));
            }
        }
        json::Value::Array(items) => {
            m.insert("type".into(), json!("array"));
            let merged = items
                .iter()
                .map(|i| infer(i, text, None))
                .reduce(merge)
                .unwrap_or_else(|| {
                    json!({"description": todo("the schema of the items: the sample's list was empty")})
                });
            m.insert("items".into(), merged);
        }
        json::Value::Object(_) => {
            m.insert("type".into(), json!("object"));
            let mut props = Map::new();
            for (k, v) in node.entries() {
                props.insert(k.to_string(), infer(v, text, Some(k)));
            }
            m.insert("properties".into(), Value::Object(props));
        }
    }
    if let Some(k) = key {
        let summary = title_case(k);
        let what = phrase(k);
        m.insert("x-ms-summary".into(), json!(summary));
        let description = if nullable {
            todo(&format!(
                "describe the {what}; it was null in the sample, so add its type"
            ))
        } else {
            todo(&format!("describe the {what}"))
        };
        m.insert("description".into(), json!(description));
    }
    if nullable {
        m.insert("x-nullable".into(), json!(true));
    }
    Value::Object(order(m))
}

/// Keys in a readable order: type and format, the strings, then the nested schemas.
fn order(m: Map<String, Value>) -> Map<String, Value> {
    crate::import::enrich::reorder(
        m,
        &[
            "type",
            "format",
            "x-ms-summary",
            "description",
            "x-nullable",
            "items",
            "properties",
        ],
    )
}

/// Two schemas of the same place (items of one list) as one: properties united, integer and
/// number as number, null as nullable.
fn merge(a: Value, b: Value) -> Value {
    let (Value::Object(mut a), Value::Object(b)) = (a, b) else {
        return json!({});
    };
    let ta = a.get("type").cloned();
    let tb = b.get("type").cloned();
    match (
        ta.as_ref().and_then(Value::as_str),
        tb.as_ref().and_then(Value::as_str),
    ) {
        (None, Some(_)) => {
            // `a` was null: take `b`'s shape, stay nullable.
            let mut out = b;
            out.insert("x-nullable".into(), json!(true));
            return Value::Object(order(out));
        }
        (Some(_), None) => {
            a.insert("x-nullable".into(), json!(true));
        }
        (Some("integer"), Some("number")) | (Some("number"), Some("integer")) => {
            a.insert("type".into(), json!("number"));
            a.insert("format".into(), json!("double"));
        }
        (Some("integer"), Some("integer")) if b.get("format") == Some(&json!("int64")) => {
            a.insert("format".into(), json!("int64"));
        }
        (Some("string"), Some("string")) if a.get("format") != b.get("format") => {
            a.remove("format");
        }
        (Some("object"), Some("object")) => {
            let bp = b
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            if let Some(Value::Object(ap)) = a.get_mut("properties") {
                for (k, v) in bp {
                    let merged = match ap.remove(&k) {
                        Some(old) => merge(old, v),
                        None => v,
                    };
                    ap.insert(k, merged);
                }
            }
        }
        (Some("array"), Some("array")) => {
            if let (Some(ai), Some(bi)) = (a.remove("items"), b.get("items").cloned()) {
                a.insert("items".into(), merge(ai, bi));
            }
        }
        _ => {}
    }
    Value::Object(order(a))
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY-MM-DD` with a plausible month and day.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3
        && digits(parts[0], 4)
        && digits(parts[1], 2)
        && digits(parts[2], 2)
        && (1..=12).contains(&parts[1].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&parts[2].parse::<u32>().unwrap_or(0))
}

/// An RFC 3339 date-time (`2024-05-01T13:45:00Z`, fractions and offsets allowed).
fn is_date_time(s: &str) -> bool {
    if !s.is_ascii() {
        return false;
    }
    let Some((date, time)) = s.split_once(['T', 't']) else {
        return false;
    };
    if !is_date(date) {
        return false;
    }
    let time = time
        .strip_suffix(['Z', 'z'])
        .or_else(|| {
            let i = time.rfind(['+', '-'])?;
            let off = &time[i + 1..];
            (digits(off, 4)
                || (off.len() == 5
                    && digits(&off[..2], 2)
                    && &off[2..3] == ":"
                    && digits(&off[3..], 2)))
            .then(|| &time[..i])
        })
        .unwrap_or(time);
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let p: Vec<&str> = hms.split(':').collect();
    (p.len() == 2 || p.len() == 3)
        && p.iter().all(|x| digits(x, 2))
        && p[0].parse::<u32>().unwrap_or(99) < 24
        && p[1].parse::<u32>().unwrap_or(99) < 60
        && !frac.is_empty()
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// What to do with an existing success-response schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseMode {
    /// The new schema replaces the old one.
    Replace,
    /// Properties the old schema lacks are added; the old ones are kept as they are.
    Extend,
}

/// The edits of [`response_schema_edits`] and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseEdit {
    pub edits: Vec<TextEdit>,
    /// JSON pointer of the response that was changed (it may be a shared one, `#/responses/…`).
    pub response: String,
    /// Extend: the properties added (pointers); Replace: empty.
    pub added: Vec<String>,
    /// An existing schema was replaced (Replace on a response that had one).
    pub replaced: bool,
}

impl ResponseEdit {
    /// The text with the edits applied.
    pub fn apply(&self, text: &str) -> String {
        apply_edits(text, &self.edits).0
    }
}

fn fail(message: String) -> SchemaError {
    SchemaError {
        line: 0,
        column: 0,
        message,
    }
}

/// One edit adding `members` at the end of `object`, in the file's style.
fn insert_members(text: &str, object: &Node, members: &[(String, Value)]) -> TextEdit {
    splice::append_members(text, object, members).expect("an object and members to add")
}

/// The operation with `operation_id` and its pointer.
fn find_operation<'n>(root: &'n Node, operation_id: &str) -> Option<(&'n Node, String)> {
    crate::document::OpenApi::new(root)
        .operations()
        .find(|op| op.operation_id() == Some(operation_id))
        .map(|op| {
            let ptr = format!("{}/{}", json::pointer::join("/paths", op.path), op.method);
            (op.node, ptr)
        })
}

/// Follows a local `$ref` (`#/responses/X`, `#/definitions/X`) to its node and pointer.
fn follow<'n>(
    root: &'n Node,
    node: &'n Node,
    ptr: String,
) -> Result<(&'n Node, String), SchemaError> {
    match node.get("$ref").and_then(Node::as_str) {
        Some(r) => {
            let target = r.strip_prefix('#').unwrap_or("");
            let n = root
                .pointer(target)
                .filter(|_| r.starts_with('#'))
                .ok_or_else(|| {
                    fail(format!(
                        "the $ref \"{r}\" at {ptr} points to nothing in the swagger"
                    ))
                })?;
            Ok((n, target.to_string()))
        }
        None => Ok((node, ptr)),
    }
}

/// Edits that put `schema` into the success response of the operation `operation_id` of a
/// swagger `text`: replace its schema, or extend it with the properties it lacks.
pub fn response_schema_edits(
    text: &str,
    operation_id: &str,
    schema: &Value,
    mode: ResponseMode,
) -> Result<ResponseEdit, SchemaError> {
    let root = parse(text, "the swagger")?;
    let style = Style::of(text);
    let (op, op_ptr) = find_operation(&root, operation_id).ok_or_else(|| {
        fail(format!(
            "the swagger has no operation with operationId \"{operation_id}\""
        ))
    })?;
    let Some(responses) = op.get("responses") else {
        let value = json!({"200": {"description": "OK", "schema": schema}});
        return Ok(ResponseEdit {
            edits: vec![insert_members(text, op, &[("responses".into(), value)])],
            response: format!("{op_ptr}/responses/200"),
            added: Vec::new(),
            replaced: false,
        });
    };
    if !responses.is_object() {
        return Err(fail(format!("{op_ptr}/responses is not an object")));
    }
    let code = ["200", "201", "202", "203", "206"]
        .into_iter()
        .find(|c| responses.get(c).is_some())
        .map(str::to_string)
        .or_else(|| {
            responses
                .entries()
                .map(|(k, _)| k)
                .find(|k| k.starts_with('2') && *k != "204")
                .map(str::to_string)
        });
    let Some(code) = code else {
        let value = json!({"description": "OK", "schema": schema});
        return Ok(ResponseEdit {
            edits: vec![insert_members(text, responses, &[("200".into(), value)])],
            response: format!("{op_ptr}/responses/200"),
            added: Vec::new(),
            replaced: false,
        });
    };
    let rptr = json::pointer::join(&format!("{op_ptr}/responses"), &code);
    let (resp, rptr) = follow(&root, responses.get(&code).expect("found above"), rptr)?;
    if !resp.is_object() {
        return Err(fail(format!("{rptr} is not an object")));
    }
    let old = resp.member("schema");
    match (mode, old) {
        (_, None) => Ok(ResponseEdit {
            edits: vec![insert_members(
                text,
                resp,
                &[("schema".into(), schema.clone())],
            )],
            response: rptr,
            added: Vec::new(),
            replaced: false,
        }),
        (ResponseMode::Replace, Some(m)) => {
            let base = indent_at(text, m.key_span.start);
            Ok(ResponseEdit {
                edits: vec![TextEdit {
                    span: m.value.span,
                    replacement: style.render(schema, base),
                }],
                response: rptr,
                added: Vec::new(),
                replaced: true,
            })
        }
        (ResponseMode::Extend, Some(m)) => {
            let mut edits = Vec::new();
            let mut added = Vec::new();
            let sptr = format!("{rptr}/schema");
            extend(
                &root, text, &m.value, sptr, schema, &mut edits, &mut added, 0,
            )?;
            Ok(ResponseEdit {
                edits,
                response: rptr,
                added,
                replaced: false,
            })
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn extend(
    root: &Node,
    text: &str,
    old: &Node,
    ptr: String,
    new: &Value,
    edits: &mut Vec<TextEdit>,
    added: &mut Vec<String>,
    depth: usize,
) -> Result<(), SchemaError> {
    if depth > 64 {
        return Ok(());
    }
    let (old, ptr) = follow(root, old, ptr)?;
    let old_type = old.get("type").and_then(Node::as_str);
    let new_type = new.get("type").and_then(Value::as_str);
    match new_type {
        Some("object") => {
            let new_props = new.get("properties").and_then(Value::as_object);
            // Where the old schema keeps properties: its own, and those of its allOf parts.
            let mut containers: Vec<(&Node, String)> = Vec::new();
            if let Some(p) = old.get("properties").filter(|p| p.is_object()) {
                containers.push((p, format!("{ptr}/properties")));
            }
            let mut inline_part = None;
            for (i, part) in old
                .get("allOf")
                .and_then(Node::as_array)
                .unwrap_or(&[])
                .iter()
                .enumerate()
            {
                let inline = part.get("$ref").is_none();
                let (part, pp) = follow(root, part, format!("{ptr}/allOf/{i}"))?;
                if let Some(p) = part.get("properties").filter(|p| p.is_object()) {
                    containers.push((p, format!("{pp}/properties")));
                    if inline {
                        inline_part = Some(containers.len() - 1);
                    }
                }
            }
            if containers.is_empty() {
                if old_type.is_some_and(|t| t != "object") {
                    return Err(fail(format!(
                        "the schema at {ptr} is a {}, the sample an object: replace it instead of extending",
                        old_type.unwrap_or("")
                    )));
                }
                let props: Map<String, Value> = new_props.cloned().unwrap_or_default();
                if !props.is_empty() {
                    let value = Value::Object(props.clone());
                    edits.push(insert_members(text, old, &[("properties".into(), value)]));
                    added.extend(
                        props
                            .keys()
                            .map(|k| json::pointer::join(&format!("{ptr}/properties"), k)),
                    );
                }
                return Ok(());
            }
            // New properties go into the schema's own properties, else its last inline part.
            let target = if old.get("properties").is_some_and(Node::is_object) {
                0
            } else {
                inline_part.unwrap_or(containers.len() - 1)
            };
            let mut fresh = Vec::new();
            for (k, v) in new_props.into_iter().flatten() {
                match containers
                    .iter()
                    .find_map(|(c, cp)| c.get(k).map(|o| (o, cp)))
                {
                    Some((o, cp)) => {
                        let pp = json::pointer::join(cp, k);
                        extend(root, text, o, pp, v, edits, added, depth + 1)?;
                    }
                    None => {
                        added.push(json::pointer::join(&containers[target].1, k));
                        fresh.push((k.clone(), v.clone()));
                    }
                }
            }
            if !fresh.is_empty() {
                edits.push(insert_members(text, containers[target].0, &fresh));
            }
            Ok(())
        }
        Some("array") => {
            if let (Some(oi), Some(ni)) = (old.get("items"), new.get("items")) {
                extend(
                    root,
                    text,
                    oi,
                    format!("{ptr}/items"),
                    ni,
                    edits,
                    added,
                    depth + 1,
                )?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r##"{
      "id": 42,
      "title": "Write the report",
      "dueDate": "2025-03-01",
      "createdAt": "2025-02-11T09:30:00.123+01:00",
      "estimate": 2.5,
      "bigCounter": 9007199254740000,
      "done": false,
      "parent": null,
      "owner": {"userId": "u1", "emailAddress": "a@b.example"},
      "labels": [{"name": "red"}, {"name": "blue", "colour": "#f00"}],
      "scores": [1, 2.5],
      "empty": []
    }"##;

    #[test]
    fn sample_becomes_a_schema() {
        let s = schema_from_sample_text(SAMPLE).unwrap();
        let p = &s["properties"];
        assert_eq!(s["type"], "object");
        assert!(s.get("x-ms-summary").is_none(), "the root has no summary");
        assert_eq!(
            p["id"],
            json!({"type": "integer", "format": "int32", "x-ms-summary": "ID", "description": "[TODO: describe the ID]"})
        );
        assert_eq!(p["dueDate"]["format"], "date");
        assert_eq!(p["dueDate"]["x-ms-summary"], "Due Date");
        assert_eq!(p["createdAt"]["format"], "date-time");
        assert_eq!(p["title"].get("format"), None);
        assert_eq!(p["estimate"]["type"], "number");
        assert_eq!(p["bigCounter"]["format"], "int64");
        assert_eq!(p["done"]["type"], "boolean");
        assert_eq!(p["parent"]["x-nullable"], true);
        assert!(p["parent"]["description"]
            .as_str()
            .unwrap()
            .contains("null in the sample"));
        assert_eq!(
            p["owner"]["properties"]["emailAddress"]["x-ms-summary"],
            "Email Address"
        );
        let label = &p["labels"]["items"];
        assert_eq!(label["type"], "object");
        assert_eq!(
            label["properties"]["colour"]["type"], "string",
            "items are merged"
        );
        assert_eq!(p["scores"]["items"]["type"], "number");
        assert!(p["empty"]["items"]["description"]
            .as_str()
            .unwrap()
            .starts_with("[TODO: "));
        let e = schema_from_sample_text("{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn dates_are_recognised_strictly() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2024-13-01"));
        assert!(!is_date("24-01-01"));
        assert!(is_date_time("2024-02-29T23:59:59Z"));
        assert!(is_date_time("2024-02-29T23:59:59.5-07:00"));
        assert!(is_date_time("2024-02-29T23:59"));
        assert!(!is_date_time("2024-02-29T25:00:00Z"));
        assert!(!is_date_time("2024-02-29 meeting"));
        assert!(!is_date_time("2024-02-29T10:00+1é23"));
        assert!(!is_date("2024-é-01"));
    }

    const SWAGGER: &str = "{\n    \"swagger\": \"2.0\",\n    \"paths\": {\n        \"/t\": {\n            \"get\": {\n                \"operationId\": \"GetT\",\n                \"responses\": {\n                    \"200\": {\n                        \"description\": \"OK\",\n                        \"schema\": {\n                            \"type\": \"object\",\n                            \"properties\": {\n                                \"id\": {\"type\": \"string\"}\n                            }\n                        }\n                    }\n                }\n            },\n            \"post\": {\n                \"operationId\": \"PostT\",\n                \"responses\": {\n                    \"201\": {\"$ref\": \"#/responses/Made\"}\n                }\n            }\n        }\n    },\n    \"responses\": {\n        \"Made\": {\n            \"description\": \"Made\"\n        }\n    }\n}\n";

    #[test]
    fn replace_and_extend_touch_only_the_schema() {
        let schema = schema_from_sample_text(r#"{"id": "x", "count": 3}"#).unwrap();
        let e = response_schema_edits(SWAGGER, "GetT", &schema, ResponseMode::Extend).unwrap();
        let out = e.apply(SWAGGER);
        assert_eq!(
            e.added,
            ["/paths/~1t/get/responses/200/schema/properties/count"]
        );
        // Only an insertion: every original byte is still there, in order.
        assert_eq!(e.edits.len(), 1);
        assert!(e.edits[0].span.is_empty());
        assert!(out.contains("\n                                \"count\": {\n                                    \"type\": \"integer\","), "{out}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v.pointer("/paths/~1t/get/responses/200/schema/properties/id"),
            Some(&json!({"type": "string"}))
        );
        assert_eq!(
            v.pointer("/paths/~1t/get/responses/200/schema/properties/count/x-ms-summary"),
            Some(&json!("Count"))
        );

        let e = response_schema_edits(SWAGGER, "GetT", &schema, ResponseMode::Replace).unwrap();
        let v: Value = serde_json::from_str(&e.apply(SWAGGER)).unwrap();
        assert_eq!(
            v.pointer("/paths/~1t/get/responses/200/schema"),
            Some(&schema)
        );

        // A shared response gets the schema where it is defined.
        let e = response_schema_edits(SWAGGER, "PostT", &schema, ResponseMode::Replace).unwrap();
        assert_eq!(e.response, "/responses/Made");
        let out = e.apply(SWAGGER);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v.pointer("/responses/Made/schema"), Some(&schema));
        assert!(out
            .starts_with(&SWAGGER[..SWAGGER.find("\"responses\": {\n        \"Made\"").unwrap()]));
        assert!(response_schema_edits(SWAGGER, "Nope", &schema, ResponseMode::Replace).is_err());
    }

    #[test]
    fn missing_responses_are_created() {
        let t = "{\"paths\": {\"/a\": {\"get\": {\"operationId\": \"A\"}}, \"/b\": {\"get\": {\"operationId\": \"B\", \"responses\": {}}}}}";
        let schema = json!({"type": "object"});
        let out = response_schema_edits(t, "A", &schema, ResponseMode::Extend)
            .unwrap()
            .apply(t);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v.pointer("/paths/~1a/get/responses/200/schema"),
            Some(&schema)
        );
        let out = response_schema_edits(t, "B", &schema, ResponseMode::Replace)
            .unwrap()
            .apply(t);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v.pointer("/paths/~1b/get/responses/200/description"),
            Some(&json!("OK"))
        );
    }
}
