//! OpenAPI 3 schemas → Swagger 2.0 schemas: `$ref`s to `#/components/schemas` become
//! `#/definitions` (and are queued for conversion), `nullable` and `type: [T, "null"]`
//! become `x-nullable`, `const` an enum, numeric `exclusiveMinimum` a flag; `oneOf`/`anyOf`
//! are merged where Swagger 2.0 can say the same (a nullable value, objects, one primitive
//! type) and reduced to their first alternative otherwise, with a note; keywords Swagger 2.0
//! lacks are left out with a note.

use super::refs;
use super::{ImportError, NoteKind, Notes, SourceDoc};
use crate::json::pointer;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// Deepest schema nesting (and `$ref` chain) followed.
const MAX_DEPTH: usize = 96;

/// Keywords a Swagger 2.0 schema has, kept as they are.
const KEPT: &[&str] = &[
    "title",
    "description",
    "default",
    "multipleOf",
    "maximum",
    "minimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "enum",
    "format",
    "readOnly",
    "xml",
    "externalDocs",
    "example",
];

/// The conversion context: the source, the notes, and the components still to convert.
pub struct Cx<'a, 'n> {
    pub doc: &'a SourceDoc,
    pub root: &'a Value,
    pub notes: &'n mut Notes<'a>,
    /// Component schemas referenced so far.
    pub used: BTreeSet<String>,
    /// Referenced component schemas not converted yet.
    pub queue: Vec<String>,
    /// Notes are not taken (a schema converted a second time, to learn its shape).
    quiet: bool,
}

impl<'a, 'n> Cx<'a, 'n> {
    pub fn new(doc: &'a SourceDoc, root: &'a Value, notes: &'n mut Notes<'a>) -> Self {
        Cx {
            doc,
            root,
            notes,
            used: BTreeSet::new(),
            queue: Vec::new(),
            quiet: false,
        }
    }

    pub fn note(&mut self, kind: NoteKind, ptr: &str, message: String) {
        if !self.quiet {
            self.notes.add(kind, ptr, message);
        }
    }

    pub fn group(&mut self, kind: NoteKind, key: &str, ptr: &str, message: &str) {
        if !self.quiet {
            self.notes.group(kind, key, ptr, message);
        }
    }

    pub fn error(&self, ptr: &str, message: String, help: &str) -> ImportError {
        ImportError::in_doc(self.doc, ptr, message, help)
    }

    /// Follows `$ref`s from `v` (at `ptr`) to a value that is not a reference; returns it and
    /// its pointer. Unknown or external references are errors.
    pub fn deref(&self, v: &'a Value, ptr: &str) -> Result<(&'a Value, String), ImportError> {
        let mut v = v;
        let mut ptr = ptr.to_string();
        for _ in 0..MAX_DEPTH {
            let Some(r) = v.get("$ref").and_then(Value::as_str) else {
                return Ok((v, ptr));
            };
            let at = pointer::join(&ptr, "$ref");
            refs::check(self.doc, self.root, r, &at)?;
            v = refs::resolve(self.root, r).expect("checked above");
            ptr = r.trim_start_matches('#').to_string();
        }
        Err(self.error(
            &ptr,
            "the $ref chain loops or is too long".into(),
            "Make the references point at a schema, not at each other in a circle.",
        ))
    }
}

/// Converts one schema found at `ptr`.
pub fn convert(cx: &mut Cx, s: &Value, ptr: &str) -> Result<Value, ImportError> {
    convert_at(cx, s, ptr, 0)
}

fn convert_at(cx: &mut Cx, s: &Value, ptr: &str, depth: usize) -> Result<Value, ImportError> {
    if depth > MAX_DEPTH {
        return Err(cx.error(
            ptr,
            format!("schemas nest more than {MAX_DEPTH} levels deep here"),
            "Move nested schemas into components and refer to them with $ref.",
        ));
    }
    let m = match s {
        Value::Object(m) => m,
        Value::Bool(true) => return Ok(json!({})),
        _ => {
            cx.note(
                NoteKind::NotConverted,
                ptr,
                format!(
                    "a schema that is {s} has no Swagger 2.0 form: any value is allowed instead"
                ),
            );
            return Ok(json!({}));
        }
    };
    if let Some(r) = m.get("$ref").and_then(Value::as_str) {
        let out = reference(cx, r, ptr, depth)?;
        let others: Vec<&String> = m
            .keys()
            .filter(|k| *k != "$ref" && !k.starts_with("x-"))
            .collect();
        if !others.is_empty() {
            cx.group(
                NoteKind::Changed,
                "ref-siblings",
                ptr,
                "keywords beside a $ref (description, nullable, …) were left out: Swagger 2.0 allows nothing beside $ref",
            );
        }
        return Ok(out);
    }
    let mut out = Map::new();
    let mut nullable = m.get("nullable").and_then(Value::as_bool) == Some(true);
    for (k, v) in m {
        let p = pointer::join(ptr, k);
        match k.as_str() {
            "type" => match v {
                Value::String(t) if t == "null" => nullable = true,
                Value::String(_) => {
                    out.insert(k.clone(), v.clone());
                }
                Value::Array(ts) => {
                    let real: Vec<&Value> =
                        ts.iter().filter(|t| t.as_str() != Some("null")).collect();
                    nullable |= real.len() < ts.len();
                    if let Some(first) = real.first() {
                        out.insert(k.clone(), (*first).clone());
                    }
                    if real.len() > 1 {
                        let list: Vec<String> = real.iter().map(|t| t.to_string()).collect();
                        cx.note(
                            NoteKind::NotConverted,
                            &p,
                            format!(
                                "several types ({}): Swagger 2.0 has one, the first is kept",
                                list.join(", ")
                            ),
                        );
                    }
                }
                _ => {}
            },
            "nullable" => {}
            "properties" => {
                let mut props = Map::new();
                for (name, ps) in v.as_object().into_iter().flatten() {
                    let pp = pointer::join(&p, name);
                    props.insert(name.clone(), convert_at(cx, ps, &pp, depth + 1)?);
                }
                out.insert(k.clone(), Value::Object(props));
            }
            "items" => match v {
                Value::Array(list) => {
                    if let Some(first) = list.first() {
                        let item = convert_at(cx, first, &format!("{p}/0"), depth + 1)?;
                        out.insert(k.clone(), item);
                    }
                    cx.note(
                        NoteKind::NotConverted,
                        &p,
                        "a list with one schema per position (a tuple): Swagger 2.0 has one item schema, the first is kept".into(),
                    );
                }
                _ => {
                    let item = convert_at(cx, v, &p, depth + 1)?;
                    out.insert(k.clone(), item);
                }
            },
            "prefixItems" => {
                if let Some(first) = v.as_array().and_then(|l| l.first()) {
                    if !m.contains_key("items") {
                        let item = convert_at(cx, first, &format!("{p}/0"), depth + 1)?;
                        out.insert("items".into(), item);
                    }
                }
                cx.note(
                    NoteKind::NotConverted,
                    &p,
                    "prefixItems (a tuple): Swagger 2.0 has one item schema, the first is kept"
                        .into(),
                );
            }
            "additionalProperties" => {
                let converted = match v {
                    Value::Bool(_) => v.clone(),
                    other => convert_at(cx, other, &p, depth + 1)?,
                };
                out.insert(k.clone(), converted);
            }
            "allOf" => {
                let mut list = Vec::new();
                for (i, part) in v.as_array().into_iter().flatten().enumerate() {
                    list.push(convert_at(cx, part, &format!("{p}/{i}"), depth + 1)?);
                }
                out.insert(k.clone(), Value::Array(list));
            }
            "oneOf" | "anyOf" => {}
            "required" => {
                if v.as_array().is_some_and(|a| !a.is_empty()) {
                    out.insert(k.clone(), v.clone());
                }
            }
            "const" => {
                out.insert("enum".into(), json!([v]));
            }
            "examples" => {
                if let (Some(first), false) = (
                    v.as_array().and_then(|a| a.first()),
                    m.contains_key("example"),
                ) {
                    out.insert("example".into(), first.clone());
                }
            }
            "exclusiveMinimum" | "exclusiveMaximum" => match v {
                Value::Bool(_) => {
                    out.insert(k.clone(), v.clone());
                }
                Value::Number(_) => {
                    let bound = if k == "exclusiveMinimum" {
                        "minimum"
                    } else {
                        "maximum"
                    };
                    out.insert(bound.into(), v.clone());
                    out.insert(k.clone(), Value::Bool(true));
                }
                _ => {}
            },
            "discriminator" => {
                if let Some(name) = v.get("propertyName").and_then(Value::as_str) {
                    out.insert(k.clone(), json!(name));
                }
                if v.get("mapping").is_some() {
                    cx.note(
                        NoteKind::NotConverted,
                        &pointer::join(&p, "mapping"),
                        "the discriminator's mapping has no Swagger 2.0 form: the property name is kept".into(),
                    );
                }
            }
            "contentEncoding" => {
                if v.as_str() == Some("base64") && !m.contains_key("format") {
                    out.insert("format".into(), json!("byte"));
                }
            }
            "not" => cx.note(
                NoteKind::NotConverted,
                &p,
                "\"not\" has no Swagger 2.0 form: left out, so the value is less constrained"
                    .into(),
            ),
            k if KEPT.contains(&k) || k.starts_with("x-") => {
                out.insert(k.to_string(), v.clone());
            }
            other => cx.group(
                NoteKind::NotConverted,
                &format!("keyword {other}"),
                &p,
                &format!("the schema keyword \"{other}\" has no Swagger 2.0 form: left out"),
            ),
        }
    }
    for kw in ["oneOf", "anyOf"] {
        if let Some(alts) = m.get(kw).and_then(Value::as_array) {
            let p = pointer::join(ptr, kw);
            nullable |= alternatives(cx, kw, alts, &p, &mut out, depth)?;
        }
    }
    if nullable {
        out.insert("x-nullable".into(), Value::Bool(true));
    }
    Ok(Value::Object(out))
}

/// A `$ref` in a schema: component schemas stay references (and are queued); anything else
/// is converted in place.
fn reference(cx: &mut Cx, r: &str, ptr: &str, depth: usize) -> Result<Value, ImportError> {
    let at = pointer::join(ptr, "$ref");
    refs::check(cx.doc, cx.root, r, &at)?;
    if let Some(name) = refs::component(r, "#/components/schemas/") {
        let whole = r
            .trim_start_matches("#/components/schemas/")
            .split('/')
            .count()
            == 1;
        if whole {
            if cx.used.insert(name.clone()) {
                cx.queue.push(name);
            }
            return Ok(
                json!({ "$ref": format!("#/definitions/{}", r.trim_start_matches("#/components/schemas/")) }),
            );
        }
    }
    if r.starts_with("#/definitions/") {
        // A Swagger 2.0 reference inside an OpenAPI 3 document: leave it to the 2.0 rules.
        return Ok(json!({ "$ref": r }));
    }
    let target = refs::resolve(cx.root, r).expect("checked above");
    let tptr = r.trim_start_matches('#').to_string();
    convert_at(cx, target, &tptr, depth + 1)
}

/// What a converted alternative is, to decide how to merge.
enum Shape {
    Object(Map<String, Value>),
    Primitive(String),
    Other,
}

fn shape(cx: &mut Cx, converted: &Value, depth: usize) -> Result<Shape, ImportError> {
    let mut v = converted.clone();
    if let Some(r) = v.get("$ref").and_then(Value::as_str) {
        // A queued component: look at its source to learn its shape.
        let src = r.replacen("#/definitions/", "#/components/schemas/", 1);
        let Some(target) = refs::resolve(cx.root, &src) else {
            return Ok(Shape::Other);
        };
        let tptr = src.trim_start_matches('#').to_string();
        let quiet = std::mem::replace(&mut cx.quiet, true);
        let converted = convert_at(cx, target, &tptr, depth + 1);
        cx.quiet = quiet;
        v = converted?;
    }
    let t = v.get("type").and_then(Value::as_str).map(str::to_string);
    let props = v.get("properties").and_then(Value::as_object);
    match (t.as_deref(), props) {
        (Some("object") | None, Some(_)) | (Some("object"), None) => match v {
            Value::Object(m) => Ok(Shape::Object(m)),
            _ => Ok(Shape::Other),
        },
        (Some(t), _) if t != "array" => Ok(Shape::Primitive(t.to_string())),
        _ => Ok(Shape::Other),
    }
}

/// Merges `oneOf`/`anyOf` alternatives into `out`. Returns whether `null` was one of them.
fn alternatives(
    cx: &mut Cx,
    kw: &str,
    alts: &[Value],
    ptr: &str,
    out: &mut Map<String, Value>,
    depth: usize,
) -> Result<bool, ImportError> {
    let is_null = |a: &Value| {
        a.get("type").and_then(Value::as_str) == Some("null")
            || a.get("enum")
                .and_then(Value::as_array)
                .is_some_and(|e| e.len() == 1 && e[0].is_null())
    };
    let nullable = alts.iter().any(is_null);
    let mut converted = Vec::new();
    for (i, a) in alts.iter().enumerate() {
        if !is_null(a) {
            converted.push(convert_at(cx, a, &format!("{ptr}/{i}"), depth + 1)?);
        }
    }
    match converted.len() {
        0 => return Ok(nullable),
        1 => {
            let only = converted.pop().expect("one");
            if only.get("$ref").is_some() {
                out.insert("allOf".into(), json!([only]));
            } else if let Value::Object(m) = only {
                for (k, v) in m {
                    out.entry(k).or_insert(v);
                }
            }
            return Ok(nullable);
        }
        _ => {}
    }
    let shapes: Vec<Shape> = converted
        .iter()
        .map(|c| shape(cx, c, depth))
        .collect::<Result<_, _>>()?;
    let n = converted.len();
    if shapes.iter().all(|s| matches!(s, Shape::Object(_))) {
        let mut props = Map::new();
        let mut required: Option<BTreeSet<String>> = None;
        for s in &shapes {
            let Shape::Object(m) = s else { continue };
            for (k, v) in m
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                props.entry(k.clone()).or_insert_with(|| v.clone());
            }
            let req: BTreeSet<String> = m
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|r| r.as_str().map(str::to_string))
                .collect();
            required = Some(match required {
                None => req,
                Some(prev) => prev.intersection(&req).cloned().collect(),
            });
        }
        out.entry("type").or_insert(json!("object"));
        let existing = out.entry("properties").or_insert_with(|| json!({}));
        if let Value::Object(e) = existing {
            for (k, v) in props {
                e.entry(k).or_insert(v);
            }
        }
        if let Some(req) = required.filter(|r| !r.is_empty()) {
            out.entry("required")
                .or_insert(json!(req.into_iter().collect::<Vec<_>>()));
        }
        cx.note(
            NoteKind::Changed,
            ptr,
            format!("{kw} of {n} object schemas became one object with the properties of each (only those all of them require stay required)"),
        );
        return Ok(nullable);
    }
    let prims: Vec<&String> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Primitive(t) => Some(t),
            _ => None,
        })
        .collect();
    let numeric = prims.iter().all(|t| *t == "integer" || *t == "number");
    if prims.len() == n && (numeric || prims.iter().all(|t| *t == prims[0])) {
        let t = if numeric && prims.iter().any(|t| *t == "number") {
            "number"
        } else {
            prims[0].as_str()
        };
        out.entry("type").or_insert(json!(t));
        let all_enums: Option<Vec<Value>> = converted
            .iter()
            .map(|c| c.get("enum").and_then(Value::as_array).cloned())
            .collect::<Option<Vec<_>>>()
            .map(|lists| {
                let mut merged: Vec<Value> = Vec::new();
                for v in lists.into_iter().flatten() {
                    if !merged.contains(&v) {
                        merged.push(v);
                    }
                }
                merged
            });
        if let Some(e) = all_enums {
            out.entry("enum").or_insert(Value::Array(e));
        }
        cx.note(
            NoteKind::Changed,
            ptr,
            format!(
                "{kw} of {n} {} schemas became one {t} schema",
                prims
                    .iter()
                    .map(|p| p.as_str())
                    .collect::<Vec<_>>()
                    .join("/")
            ),
        );
        return Ok(nullable);
    }
    let first = converted.into_iter().next().expect("two or more");
    let kinds: Vec<&str> = shapes
        .iter()
        .map(|s| match s {
            Shape::Object(_) => "object",
            Shape::Primitive(t) => t.as_str(),
            Shape::Other => "other",
        })
        .collect();
    cx.note(
        NoteKind::NotConverted,
        ptr,
        format!(
            "{kw} of {} has no Swagger 2.0 form: only the first alternative is kept",
            kinds.join(", ")
        ),
    );
    if first.get("$ref").is_some() {
        out.insert("allOf".into(), json!([first]));
    } else if let Value::Object(m) = first {
        for (k, v) in m {
            out.entry(k).or_insert(v);
        }
    }
    Ok(nullable)
}
