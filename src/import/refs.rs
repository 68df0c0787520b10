//! `$ref`s: resolving local references, checking that they exist, and pruning the shared
//! definitions, parameters and responses that no kept operation uses.

use super::{ImportError, SourceDoc};
use crate::json::pointer;
use serde_json::Value;
use std::collections::BTreeSet;

/// Keys whose values are examples (free data, not schemas): `$ref` strings inside are text.
const DATA_KEYS: &[&str] = &[
    "example",
    "examples",
    "x-example",
    "x-ms-test-value",
    "default",
    "enum",
];

/// The value a local reference (`#/a/b`) points to.
pub fn resolve<'v>(root: &'v Value, r: &str) -> Option<&'v Value> {
    let p = r.strip_prefix('#')?;
    if p.is_empty() {
        return Some(root);
    }
    let mut v = root;
    for raw in p.strip_prefix('/')?.split('/') {
        let token = pointer::unescape_token(&percent_decode(raw));
        v = match v {
            Value::Object(m) => m.get(&token)?,
            Value::Array(a) => a.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(v)
}

/// `%7B` → `{` in a reference (URI fragments may be percent-encoded).
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Checks that a reference is local and resolves in `root`; the error points at `at`.
pub fn check(doc: &SourceDoc, root: &Value, r: &str, at: &str) -> Result<(), ImportError> {
    if !r.starts_with('#') {
        return Err(ImportError::in_doc(
            doc,
            at,
            format!("the $ref \"{r}\" points to another file or URL"),
            "Bundle the description into one file first (e.g. `redocly bundle` or `swagger-cli bundle`), then import that.",
        ));
    }
    if resolve(root, r).is_none() {
        return Err(ImportError::in_doc(
            doc,
            at,
            format!("the $ref \"{r}\" points to nothing in the document"),
            "Fix the reference or add the missing component.",
        ));
    }
    Ok(())
}

/// Calls `f(reference, pointer of the $ref value)` for every `$ref` string under `v`
/// (example data is skipped).
pub fn walk<E>(
    v: &Value,
    ptr: &str,
    f: &mut impl FnMut(&str, &str) -> Result<(), E>,
) -> Result<(), E> {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let p = pointer::join(ptr, k);
                match (k.as_str(), child) {
                    ("$ref", Value::String(r)) => f(r, &p)?,
                    (k, _) if DATA_KEYS.contains(&k) => {}
                    _ => walk(child, &p, f)?,
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, &format!("{ptr}/{i}"), f)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The component a reference names under `prefix` (`#/definitions/`): the first token,
/// unescaped.
pub fn component(r: &str, prefix: &str) -> Option<String> {
    let rest = r.strip_prefix(prefix)?;
    let token = rest.split('/').next()?;
    (!token.is_empty()).then(|| pointer::unescape_token(&percent_decode(token)))
}

/// Removes the definitions, parameters and responses of a Swagger 2.0 document that nothing
/// under `paths` uses (directly or through other definitions). Returns how many went.
pub fn prune(swagger: &mut Value) -> usize {
    let sections = [
        ("definitions", "#/definitions/"),
        ("parameters", "#/parameters/"),
        ("responses", "#/responses/"),
    ];
    let mut used: [BTreeSet<String>; 3] = Default::default();
    let mut queue: Vec<(usize, String)> = Vec::new();
    let note = |r: &str, used: &mut [BTreeSet<String>; 3], queue: &mut Vec<(usize, String)>| {
        for (i, (_, prefix)) in sections.iter().enumerate() {
            if let Some(name) = component(r, prefix) {
                if used[i].insert(name.clone()) {
                    queue.push((i, name));
                }
            }
        }
    };
    if let Some(paths) = swagger.get("paths") {
        let _ = walk::<()>(paths, "/paths", &mut |r, _| {
            note(r, &mut used, &mut queue);
            Ok(())
        });
    }
    while let Some((i, name)) = queue.pop() {
        if let Some(target) = swagger.get(sections[i].0).and_then(|s| s.get(&name)) {
            let target = target.clone();
            let _ = walk::<()>(&target, "", &mut |r, _| {
                note(r, &mut used, &mut queue);
                Ok(())
            });
        }
    }
    let mut removed = 0;
    for (i, (key, _)) in sections.iter().enumerate() {
        if let Some(Value::Object(m)) = swagger.get_mut(*key) {
            let before = m.len();
            m.retain(|k, _| used[i].contains(k));
            removed += before - m.len();
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resolves_escaped_and_encoded_pointers() {
        let root = json!({"paths": {"/a/{id}": {"get": {"x": 1}}}, "d": [0, {"b": 2}]});
        assert_eq!(resolve(&root, "#/paths/~1a~1{id}/get/x"), Some(&json!(1)));
        assert_eq!(
            resolve(&root, "#/paths/~1a~1%7Bid%7D/get/x"),
            Some(&json!(1))
        );
        assert_eq!(resolve(&root, "#/d/1/b"), Some(&json!(2)));
        assert_eq!(resolve(&root, "#/nope"), None);
        assert_eq!(resolve(&root, "other.yaml#/a"), None);
        assert_eq!(
            component("#/definitions/A~1B/properties/x", "#/definitions/").as_deref(),
            Some("A/B")
        );
    }

    #[test]
    fn prune_keeps_what_paths_use_transitively() {
        let mut s = json!({
            "paths": {"/a": {"get": {"parameters": [{"$ref": "#/parameters/P"}],
                "responses": {"200": {"$ref": "#/responses/R"}},
                "x-ms-test": {"example": {"$ref": "#/definitions/Unused"}}}}},
            "definitions": {"A": {"properties": {"b": {"$ref": "#/definitions/B"}}}, "B": {}, "Unused": {}},
            "parameters": {"P": {"in": "body", "schema": {"$ref": "#/definitions/A"}}, "Q": {}},
            "responses": {"R": {"description": "x"}, "S": {}}
        });
        assert_eq!(prune(&mut s), 3);
        assert_eq!(
            s["definitions"],
            json!({"A": {"properties": {"b": {"$ref": "#/definitions/B"}}}, "B": {}})
        );
        assert_eq!(s["parameters"].as_object().unwrap().len(), 1);
        assert_eq!(s["responses"].as_object().unwrap().len(), 1);
    }
}
