//! OpenAPI 3 `securitySchemes` → Swagger 2.0 `securityDefinitions`, and the security
//! requirements that refer to them.
//!
//! | OpenAPI 3 | Swagger 2.0 |
//! |---|---|
//! | `apiKey` in header or query | `apiKey` |
//! | `apiKey` in cookie | not converted (Swagger 2.0 has no cookie keys) |
//! | `http` `basic` | `basic` |
//! | `http` `bearer` | `apiKey` in the `Authorization` header (people enter `Bearer <token>`) |
//! | other `http` schemes | not converted |
//! | `oauth2` | `oauth2`, one flow: authorizationCode → accessCode, else clientCredentials → application, password, implicit |
//! | `openIdConnect`, `mutualTLS` | not converted |

use super::{NoteKind, Notes};
use crate::json::pointer;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// The converted definitions and the names that could be converted.
pub struct Converted {
    pub definitions: Map<String, Value>,
    pub mapped: BTreeSet<String>,
}

/// Converts `components.securitySchemes` (at `ptr`).
pub fn convert(schemes: Option<&Value>, ptr: &str, notes: &mut Notes) -> Converted {
    let mut out = Converted {
        definitions: Map::new(),
        mapped: BTreeSet::new(),
    };
    let Some(Value::Object(schemes)) = schemes else {
        return out;
    };
    for (name, s) in schemes {
        let p = pointer::join(ptr, name);
        if s.get("$ref").is_some() {
            notes.add(
                NoteKind::NotConverted,
                &p,
                format!("the security scheme \"{name}\" is a $ref: define it in place"),
            );
            continue;
        }
        if let Some(def) = scheme(name, s, &p, notes) {
            out.definitions.insert(name.clone(), def);
            out.mapped.insert(name.clone());
        }
    }
    out
}

fn text<'v>(s: &'v Value, key: &str) -> Option<&'v str> {
    s.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

fn scheme(name: &str, s: &Value, p: &str, notes: &mut Notes) -> Option<Value> {
    let kind = text(s, "type").unwrap_or("");
    let description = text(s, "description");
    let mut def = match kind {
        "apiKey" => {
            let location = text(s, "in").unwrap_or("header");
            if location == "cookie" {
                notes.add(
                    NoteKind::NotConverted,
                    p,
                    format!("the security scheme \"{name}\" sends its key in a cookie: Swagger 2.0 keys go in a header or the query"),
                );
                return None;
            }
            json!({"type": "apiKey", "in": location, "name": text(s, "name").unwrap_or("api_key")})
        }
        "http" => match text(s, "scheme").map(str::to_ascii_lowercase).as_deref() {
            Some("basic") => json!({"type": "basic"}),
            Some("bearer") => {
                notes.add(
                    NoteKind::Changed,
                    p,
                    format!("the bearer scheme \"{name}\" became an API key in the Authorization header: people enter \"Bearer <token>\" (Swagger 2.0 has no bearer scheme)"),
                );
                json!({"type": "apiKey", "in": "header", "name": "Authorization"})
            }
            other => {
                notes.add(
                    NoteKind::NotConverted,
                    p,
                    format!(
                        "the HTTP scheme \"{}\" of \"{name}\" has no Swagger 2.0 form (only basic, and bearer as an API key)",
                        other.unwrap_or("")
                    ),
                );
                return None;
            }
        },
        "oauth2" => oauth2(name, s, p, notes)?,
        "openIdConnect" => {
            notes.add(
                NoteKind::NotConverted,
                p,
                format!(
                    "the OpenID Connect scheme \"{name}\" has no Swagger 2.0 form: set up OAuth 2.0 with the authorization and token URLs listed at {}",
                    text(s, "openIdConnectUrl").unwrap_or("its openIdConnectUrl")
                ),
            );
            return None;
        }
        "mutualTLS" => {
            notes.add(
                NoteKind::NotConverted,
                p,
                format!("the mutual TLS scheme \"{name}\" cannot be used by a connector"),
            );
            return None;
        }
        other => {
            notes.add(
                NoteKind::NotConverted,
                p,
                format!("the security scheme \"{name}\" has the unknown type \"{other}\""),
            );
            return None;
        }
    };
    if let (Some(d), Value::Object(m)) = (description, &mut def) {
        m.insert("description".into(), json!(d));
    }
    Some(def)
}

fn oauth2(name: &str, s: &Value, p: &str, notes: &mut Notes) -> Option<Value> {
    let flows = s.get("flows").and_then(Value::as_object);
    let order = [
        ("authorizationCode", "accessCode"),
        ("clientCredentials", "application"),
        ("password", "password"),
        ("implicit", "implicit"),
    ];
    let Some((key, flow, f)) = order
        .iter()
        .find_map(|(k, f2)| flows.and_then(|fl| fl.get(*k)).map(|v| (*k, *f2, v)))
    else {
        notes.add(
            NoteKind::NotConverted,
            p,
            format!("the OAuth 2.0 scheme \"{name}\" has no flow Swagger 2.0 knows"),
        );
        return None;
    };
    let fp = pointer::join(&pointer::join(p, "flows"), key);
    let mut def = Map::new();
    def.insert("type".into(), json!("oauth2"));
    def.insert("flow".into(), json!(flow));
    if matches!(flow, "accessCode" | "implicit") {
        def.insert(
            "authorizationUrl".into(),
            json!(text(f, "authorizationUrl").unwrap_or("")),
        );
    }
    if matches!(flow, "accessCode" | "application" | "password") {
        def.insert("tokenUrl".into(), json!(text(f, "tokenUrl").unwrap_or("")));
    }
    def.insert(
        "scopes".into(),
        f.get("scopes").cloned().unwrap_or_else(|| json!({})),
    );
    if let Some(r) = text(f, "refreshUrl") {
        notes.add(
            NoteKind::Changed,
            &pointer::join(&fp, "refreshUrl"),
            format!("the refresh URL {r} has no place in Swagger 2.0: put it in apiProperties.json (customParameters.refreshUrl)"),
        );
    }
    for (other, _) in order.iter().filter(|(k, _)| *k != key) {
        if flows.is_some_and(|fl| fl.contains_key(*other)) {
            notes.add(
                NoteKind::NotConverted,
                &pointer::join(&pointer::join(p, "flows"), other),
                format!("the {other} flow of \"{name}\" was left out: a Swagger 2.0 definition has one flow ({key} kept)"),
            );
        }
    }
    Some(Value::Object(def))
}

/// Keeps the requirements whose schemes were converted. An alternative that names a scheme
/// that was not converted is left out (with a note), so nothing refers to a missing
/// definition. `None` when nothing is left.
pub fn requirements(
    req: &Value,
    mapped: &BTreeSet<String>,
    ptr: &str,
    notes: &mut Notes,
) -> Option<Value> {
    let list = req.as_array()?;
    if list.is_empty() {
        return Some(json!([]));
    }
    let mut kept = Vec::new();
    for (i, alt) in list.iter().enumerate() {
        let Some(m) = alt.as_object() else { continue };
        let missing: Vec<&String> = m.keys().filter(|k| !mapped.contains(*k)).collect();
        if missing.is_empty() {
            kept.push(alt.clone());
        } else {
            notes.group(
                NoteKind::NotConverted,
                &format!(
                    "requirement {}",
                    missing
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join("+")
                ),
                &format!("{ptr}/{i}"),
                &format!(
                    "a security requirement on {} was left out: that scheme could not be converted",
                    missing
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
    (!kept.is_empty()).then_some(Value::Array(kept))
}
