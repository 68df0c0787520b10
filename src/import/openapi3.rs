//! OpenAPI 3.0/3.1 → Swagger 2.0: servers → host/basePath/schemes, parameters (schemas
//! flattened, `style`/`explode` → `collectionFormat`), `requestBody` → a body parameter or
//! formData parameters, responses (one media type each, `2XX` ranges → a code), the component
//! schemas the kept operations use → definitions (parameters, request bodies and responses of
//! `components` are written in place), `securitySchemes` → `securityDefinitions`.

use super::enrich::{self, reorder};
use super::schema::{self, Cx};
use super::security;
use super::{ImportError, NoteKind, Notes, OperationInfo, SourceDoc, SpecVersion};
use crate::json::pointer;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Keys of a non-body parameter's value description (Swagger 2.0 §Parameter Object).
const PARAM_VALUE_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "collectionFormat",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// Converts an OpenAPI 3 document, keeping the operations of `keep`.
pub fn convert<'a>(
    doc: &'a SourceDoc,
    root: &'a Value,
    _version: SpecVersion,
    keep: &[OperationInfo],
    notes: &mut Notes<'a>,
) -> Result<Value, ImportError> {
    let mut cx = Cx::new(doc, root, notes);
    let mut out = Map::new();
    out.insert("swagger".into(), json!("2.0"));
    out.insert("info".into(), info(&mut cx, root.get("info")));
    servers(&mut cx, root, &mut out);
    let sec = security::convert(
        root.pointer("/components/securitySchemes"),
        "/components/securitySchemes",
        cx.notes,
    );

    let mut paths = Map::new();
    let mut used_tags: BTreeSet<String> = BTreeSet::new();
    if let Some(Value::Object(src_paths)) = root.get("paths") {
        for (path, item) in src_paths {
            let ops: Vec<&OperationInfo> = keep.iter().filter(|o| o.path == *path).collect();
            if ops.is_empty() {
                continue;
            }
            let pptr = pointer::join("/paths", path);
            let (item, iptr) = cx.deref(item, &pptr)?;
            let converted = path_item(&mut cx, item, &iptr, &ops, &sec.mapped, &mut used_tags)?;
            if !converted.is_empty() {
                paths.insert(path.clone(), Value::Object(converted));
            }
        }
    }
    out.insert("paths".into(), Value::Object(paths));

    // The component schemas the kept operations use, and those they use in turn.
    let mut defs: BTreeMap<String, Value> = BTreeMap::new();
    while let Some(name) = cx.queue.pop() {
        let sptr = pointer::join("/components/schemas", &name);
        if let Some(s) = root.pointer(&sptr) {
            let converted = schema::convert(&mut cx, s, &sptr)?;
            defs.insert(name, converted);
        }
    }
    if !defs.is_empty() {
        let mut ordered = Map::new();
        if let Some(Value::Object(src)) = root.pointer("/components/schemas") {
            for k in src.keys() {
                if let Some(v) = defs.remove(k) {
                    ordered.insert(k.clone(), v);
                }
            }
        }
        out.insert("definitions".into(), Value::Object(ordered));
    }
    let mut definitions = sec.definitions.clone();
    let used = used_schemes(&out, root);
    if !used.is_empty() {
        let unused: Vec<String> = definitions
            .keys()
            .filter(|k| !used.contains(*k))
            .cloned()
            .collect();
        for name in unused {
            definitions.remove(&name);
            cx.note(
                NoteKind::Changed,
                &pointer::join("/components/securitySchemes", &name),
                format!("the security scheme \"{name}\" was left out: no kept operation uses it"),
            );
        }
    }
    if definitions.len() > 1 {
        let names: Vec<&str> = definitions.keys().map(String::as_str).collect();
        cx.note(
            NoteKind::Review,
            "/components/securitySchemes",
            format!(
                "{} security definitions ({}): a connector normally offers one way to sign in; keep the one people should use",
                names.len(),
                names.join(", ")
            ),
        );
    }
    if !definitions.is_empty() {
        out.insert("securityDefinitions".into(), Value::Object(definitions));
    }
    if let Some(req) = root.get("security") {
        if let Some(r) = security::requirements(req, &sec.mapped, "/security", cx.notes) {
            out.insert("security".into(), r);
        }
    }
    if let Some(Value::Array(tags)) = root.get("tags") {
        let kept: Vec<Value> = tags
            .iter()
            .filter(|t| {
                t.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| used_tags.contains(n))
            })
            .map(|t| {
                let mut t = t.clone();
                if let Value::Object(m) = &mut t {
                    m.retain(|k, _| matches!(k.as_str(), "name" | "description" | "externalDocs"));
                }
                t
            })
            .collect();
        if !kept.is_empty() {
            out.insert("tags".into(), Value::Array(kept));
        }
    }
    for (k, v) in root.as_object().into_iter().flatten() {
        match k.as_str() {
            "openapi" | "info" | "servers" | "paths" | "components" | "security" | "tags" => {}
            "externalDocs" => {
                out.insert(k.clone(), v.clone());
            }
            "webhooks" => cx.note(
                NoteKind::NotConverted,
                "/webhooks",
                "webhooks (calls the API makes to you) have no Swagger 2.0 form: build triggers with x-ms-notification-content by hand".into(),
            ),
            k if k.starts_with("x-ms-") => {
                out.insert(k.to_string(), v.clone());
            }
            other => extension_or_unknown(&mut cx, other, &pointer::join("", other)),
        }
    }
    let mut doc_out = Value::Object(reorder(out, enrich::DOCUMENT_ORDER));
    super::refs::prune(&mut doc_out);
    let kept = doc_out
        .get("definitions")
        .and_then(Value::as_object)
        .map_or(0, Map::len);
    let unused = root
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map_or(0, |m| m.len().saturating_sub(kept));
    if unused > 0 {
        cx.note(
            NoteKind::Changed,
            "/components/schemas",
            format!("{unused} component schemas are not in the result: the kept operations do not use them, or they were written in place"),
        );
    }
    Ok(doc_out)
}

/// The security schemes the document's and the kept operations' requirements name.
fn used_schemes(out: &Map<String, Value>, root: &Value) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut take = |req: &Value| {
        for alt in req.as_array().into_iter().flatten() {
            for k in alt.as_object().into_iter().flatten().map(|(k, _)| k) {
                used.insert(k.clone());
            }
        }
    };
    if let Some(r) = root.get("security") {
        take(r);
    }
    for item in out
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for (_, op) in item.1.as_object().into_iter().flatten() {
            if let Some(r) = op.get("security") {
                take(r);
            }
        }
    }
    used
}

/// A vendor extension (`x-…`) or an unknown key, left out with a grouped note.
fn extension_or_unknown(cx: &mut Cx, key: &str, ptr: &str) {
    if key.starts_with("x-") {
        cx.group(
            NoteKind::NotConverted,
            &format!("ext {key}"),
            ptr,
            &format!("the vendor extension \"{key}\" was left out (only x-ms-* extensions mean something to Power Platform)"),
        );
    } else {
        cx.group(
            NoteKind::NotConverted,
            &format!("key {key}"),
            ptr,
            &format!("\"{key}\" has no Swagger 2.0 form: left out"),
        );
    }
}

fn info(cx: &mut Cx, v: Option<&Value>) -> Value {
    let mut out = Map::new();
    let Some(Value::Object(m)) = v else {
        out.insert("title".into(), json!(""));
        out.insert("version".into(), json!("1.0"));
        return Value::Object(out);
    };
    for (k, v) in m {
        let p = pointer::join("/info", k);
        match k.as_str() {
            "title" | "description" | "termsOfService" | "contact" => {
                out.insert(k.clone(), v.clone());
            }
            "version" => {
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                out.insert(k.clone(), json!(text));
            }
            "license" => {
                let mut l = Map::new();
                for key in ["name", "url"] {
                    if let Some(x) = v.get(key) {
                        l.insert(key.into(), x.clone());
                    }
                }
                if v.get("identifier").is_some() {
                    cx.note(
                        NoteKind::NotConverted,
                        &pointer::join(&p, "identifier"),
                        "the licence identifier has no Swagger 2.0 form: left out".into(),
                    );
                }
                out.insert(k.clone(), Value::Object(l));
            }
            k if k.starts_with("x-ms-") => {
                out.insert(k.to_string(), v.clone());
            }
            other => extension_or_unknown(cx, other, &p),
        }
    }
    out.entry("version").or_insert(json!("1.0"));
    Value::Object(reorder(out, enrich::INFO_ORDER))
}

/// `servers[0]` → host, basePath and schemes, its variables fixed to their defaults.
/// A URL as Swagger 2.0 keeps it: `scheme://user@host:port/base?query#fragment`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts {
    /// The scheme, lower case, when the URL has one.
    pub scheme: Option<String>,
    /// The host and port (user info dropped); `None` when the URL has no authority (a
    /// relative URL such as `/v1`).
    pub host: Option<String>,
    /// The path without query, fragment or final `/`, starting with `/`; `None` when empty.
    pub base_path: Option<String>,
}

/// Splits a server URL into what `host`, `basePath` and `schemes` take.
pub fn split_url(url: &str) -> UrlParts {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (Some(s.to_ascii_lowercase()), Some(r)),
        None => (None, url.strip_prefix("//")),
    };
    let rest = rest.filter(|r| !r.is_empty());
    let path_part = match rest {
        None => url,
        Some(rest) => rest.find('/').map(|i| &rest[i..]).unwrap_or(""),
    };
    let path_part = path_part.split(['?', '#']).next().unwrap_or("");
    let host = rest.map(|rest| {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        authority
            .rsplit('@')
            .next()
            .unwrap_or(authority)
            .to_string()
    });
    let base = path_part.trim_end_matches('/');
    let base_path = (!base.is_empty()).then(|| {
        if base.starts_with('/') {
            base.to_string()
        } else {
            format!("/{base}")
        }
    });
    UrlParts {
        scheme,
        host,
        base_path,
    }
}

fn servers(cx: &mut Cx, root: &Value, out: &mut Map<String, Value>) {
    let list = root.get("servers").and_then(Value::as_array);
    let Some(first) = list.and_then(|l| l.first()) else {
        cx.note(
            NoteKind::Review,
            "",
            "the document names no server, so the host is unknown".into(),
        );
        return;
    };
    let mut url = first
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string();
    if let Some(Value::Object(vars)) = first.get("variables") {
        for (name, var) in vars {
            let default = var.get("default").map(|d| match d {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            let placeholder = format!("{{{name}}}");
            let Some(default) = default else { continue };
            if url.contains(&placeholder) {
                url = url.replace(&placeholder, &default);
                let others: Vec<String> = var
                    .get("enum")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.as_str().map(str::to_string))
                    .filter(|e| *e != default)
                    .collect();
                let choices = if others.is_empty() {
                    String::new()
                } else {
                    format!(" (other values: {})", others.join(", "))
                };
                cx.note(
                    NoteKind::Changed,
                    &pointer::join("/servers/0/variables", name),
                    format!("the server variable {{{name}}} was fixed to its default \"{default}\"{choices}: a Swagger 2.0 host has no variables"),
                );
            }
        }
    }
    if url.contains('{') {
        cx.note(
            NoteKind::NotConverted,
            "/servers/0/url",
            format!("the server URL \"{url}\" keeps a variable without a default: fix host and basePath by hand"),
        );
    }
    let parts = split_url(&url);
    match parts.host.as_deref() {
        Some("") => {}
        Some(host) => {
            out.insert("host".into(), json!(host));
        }
        None => cx.note(
            NoteKind::Review,
            "/servers/0/url",
            format!("the server URL \"{url}\" has no host: give the API's host name"),
        ),
    }
    if let Some(base) = &parts.base_path {
        out.insert("basePath".into(), json!(base));
    }
    let scheme = match parts.scheme.as_deref() {
        Some("http") => "http",
        Some("https") | None => "https",
        Some(other) => {
            cx.note(
                NoteKind::NotConverted,
                "/servers/0/url",
                format!("the scheme \"{other}\" is not supported by connectors: https is used"),
            );
            "https"
        }
    };
    out.insert("schemes".into(), json!([scheme]));
    if let Some(l) = list.filter(|l| l.len() > 1) {
        cx.note(
            NoteKind::NotConverted,
            "/servers/1",
            format!(
                "{} more server{} left out: a Swagger 2.0 document has one host (the first server is used)",
                l.len() - 1,
                if l.len() == 2 { " was" } else { "s were" }
            ),
        );
    }
}

fn path_item<'a>(
    cx: &mut Cx<'a, '_>,
    item: &'a Value,
    iptr: &str,
    ops: &[&OperationInfo],
    mapped: &BTreeSet<String>,
    used_tags: &mut BTreeSet<String>,
) -> Result<Map<String, Value>, ImportError> {
    let mut out = Map::new();
    let mut any = false;
    for (k, v) in item.as_object().into_iter().flatten() {
        let p = pointer::join(iptr, k);
        if let Some(info) = ops.iter().find(|o| o.method == *k) {
            if k == "trace" {
                cx.note(
                    NoteKind::NotConverted,
                    &p,
                    "TRACE operations do not exist in Swagger 2.0: left out".into(),
                );
                continue;
            }
            let op = operation(cx, v, &p, info, mapped)?;
            for t in op
                .get("tags")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(t) = t.as_str() {
                    used_tags.insert(t.to_string());
                }
            }
            out.insert(k.clone(), Value::Object(op));
            any = true;
            continue;
        }
        match k.as_str() {
            "parameters" => {
                let params = parameter_list(cx, v, &p)?;
                if !params.is_empty() {
                    out.insert(k.clone(), Value::Array(params));
                }
            }
            m if super::is_method(m) => {}
            "summary" | "description" => cx.group(
                NoteKind::NotConverted,
                "path-strings",
                &p,
                "summaries and descriptions of whole paths have no Swagger 2.0 form: left out",
            ),
            "servers" => cx.note(
                NoteKind::NotConverted,
                &p,
                "servers of one path have no Swagger 2.0 form: the document's host is used".into(),
            ),
            k if k.starts_with("x-ms-") => {
                out.insert(k.to_string(), v.clone());
            }
            other => extension_or_unknown(cx, other, &p),
        }
    }
    if !any {
        return Ok(Map::new());
    }
    // Path-level parameters first, as in the source.
    Ok(reorder(out, &["parameters"]))
}

fn parameter_list<'a>(
    cx: &mut Cx<'a, '_>,
    v: &'a Value,
    p: &str,
) -> Result<Vec<Value>, ImportError> {
    let mut out = Vec::new();
    for (i, param) in v.as_array().into_iter().flatten().enumerate() {
        if let Some(c) = parameter(cx, param, &format!("{p}/{i}"))? {
            out.push(c);
        }
    }
    Ok(out)
}

fn operation<'a>(
    cx: &mut Cx<'a, '_>,
    op: &'a Value,
    ptr: &str,
    info: &OperationInfo,
    mapped: &BTreeSet<String>,
) -> Result<Map<String, Value>, ImportError> {
    let mut out = Map::new();
    let mut params: Vec<Value> = Vec::new();
    let mut consumes: Option<String> = None;
    let mut produces: Vec<String> = Vec::new();
    for (k, v) in op.as_object().into_iter().flatten() {
        let p = pointer::join(ptr, k);
        match k.as_str() {
            "tags" | "summary" | "description" | "operationId" | "externalDocs" | "deprecated" => {
                out.insert(k.clone(), v.clone());
            }
            "parameters" => params.extend(parameter_list(cx, v, &p)?),
            "requestBody" => {
                if info.method == "get" {
                    cx.note(
                        NoteKind::NotConverted,
                        &p,
                        "a GET operation's request body was left out: Power Platform does not send bodies with GET".into(),
                    );
                    continue;
                }
                let (body, ct) = request_body(cx, v, &p)?;
                params.extend(body);
                consumes = ct;
            }
            "responses" => {
                let (r, types) = responses(cx, v, &p)?;
                out.insert(k.clone(), Value::Object(r));
                produces = types;
            }
            "security" => {
                if let Some(r) = security::requirements(v, mapped, &p, cx.notes) {
                    out.insert(k.clone(), r);
                } else {
                    cx.note(
                        NoteKind::NotConverted,
                        &p,
                        "none of this operation's security requirements could be converted".into(),
                    );
                }
            }
            "callbacks" => cx.note(
                NoteKind::NotConverted,
                &p,
                "callbacks (calls the API makes back) have no Swagger 2.0 form: build a trigger with x-ms-notification-content by hand".into(),
            ),
            "servers" => cx.note(
                NoteKind::NotConverted,
                &p,
                "servers of one operation have no Swagger 2.0 form: the document's host is used".into(),
            ),
            k if k.starts_with("x-ms-") => {
                out.insert(k.to_string(), v.clone());
            }
            other => extension_or_unknown(cx, other, &p),
        }
    }
    if let Some(ct) = consumes {
        out.insert("consumes".into(), json!([ct]));
    }
    if !produces.is_empty() {
        out.insert("produces".into(), json!(produces));
    }
    if !params.is_empty() {
        out.insert("parameters".into(), Value::Array(params));
    }
    enrich::operation(&mut out, info, cx.notes);
    Ok(reorder(out, enrich::OPERATION_ORDER))
}

/// A parameter, or `None` when Swagger 2.0 has no place for it (cookies).
fn parameter<'a>(
    cx: &mut Cx<'a, '_>,
    p: &'a Value,
    ptr: &str,
) -> Result<Option<Value>, ImportError> {
    let (p, pptr) = cx.deref(p, ptr)?;
    let empty = Map::new();
    let fields = p.as_object().unwrap_or(&empty);
    let name = enrich::str_field(fields, "name");
    let location = enrich::str_field(fields, "in");
    if !matches!(location.as_str(), "query" | "header" | "path") {
        cx.note(
            NoteKind::NotConverted,
            &pptr,
            format!("the {location} parameter \"{name}\" has no Swagger 2.0 form: left out"),
        );
        return Ok(None);
    }
    let mut out = Map::new();
    out.insert("name".into(), json!(name));
    out.insert("in".into(), json!(location));
    if p.get("required").and_then(Value::as_bool) == Some(true) {
        out.insert("required".into(), json!(true));
    }
    let (schema, sptr) = match (p.get("schema"), p.get("content").and_then(Value::as_object)) {
        (Some(s), _) => (Some(s), pointer::join(&pptr, "schema")),
        (None, Some(content)) => match content.iter().next() {
            Some((mt, media)) => {
                cx.note(
                    NoteKind::Changed,
                    &pointer::join(&pptr, "content"),
                    format!("the parameter \"{name}\" is described as {mt} content: its schema is used, and people enter it as text"),
                );
                (
                    media.get("schema"),
                    pointer::join(
                        &pointer::join(&pointer::join(&pptr, "content"), mt),
                        "schema",
                    ),
                )
            }
            None => (None, pptr.clone()),
        },
        (None, None) => (None, pptr.clone()),
    };
    let (flat, desc) = value_schema(cx, schema, &sptr)?;
    for (k, v) in flat {
        out.insert(k, v);
    }
    if out.get("type").and_then(Value::as_str) == Some("array") {
        let style = p.get("style").and_then(Value::as_str);
        let explode = p.get("explode").and_then(Value::as_bool);
        let format = match (location.as_str(), style, explode) {
            (_, Some("spaceDelimited"), _) => "ssv",
            (_, Some("pipeDelimited"), _) => "pipes",
            ("query", None | Some("form"), None | Some(true)) => "multi",
            _ => "csv",
        };
        out.insert("collectionFormat".into(), json!(format));
    }
    if p.get("style").and_then(Value::as_str) == Some("deepObject") {
        cx.note(
            NoteKind::NotConverted,
            &pointer::join(&pptr, "style"),
            format!("the deepObject parameter \"{name}\" has no Swagger 2.0 form: it is sent as one text value"),
        );
    }
    for (k, v) in p.as_object().into_iter().flatten() {
        let kp = pointer::join(&pptr, k);
        match k.as_str() {
            "description" => {
                out.insert(k.clone(), v.clone());
            }
            "allowEmptyValue" if location == "query" => {
                out.insert(k.clone(), v.clone());
            }
            "name" | "in" | "required" | "schema" | "content" | "style" | "explode" => {}
            "example" | "examples" => cx.group(
                NoteKind::NotConverted,
                "param-example",
                &kp,
                "parameter examples have no Swagger 2.0 form: left out",
            ),
            "deprecated" => cx.group(
                NoteKind::NotConverted,
                "param-deprecated",
                &kp,
                "\"deprecated\" on parameters has no Swagger 2.0 form: left out (mark them x-ms-visibility internal or remove them)",
            ),
            k if k.starts_with("x-ms-") => {
                out.insert(k.to_string(), v.clone());
            }
            other => extension_or_unknown(cx, other, &kp),
        }
    }
    if !out.contains_key("description") {
        if let Some(d) = desc {
            out.insert("description".into(), json!(d));
        }
    }
    enrich::parameter(&mut out, &pptr, cx.notes);
    Ok(Some(Value::Object(reorder(
        out,
        super::enrich::PARAMETER_ORDER,
    ))))
}

/// A plain value's schema for a non-body parameter, a form field or a header: references
/// followed, objects turned into text (with a note). Returns the keys to merge and the
/// schema's description.
fn value_schema<'a>(
    cx: &mut Cx<'a, '_>,
    s: Option<&'a Value>,
    sptr: &str,
) -> Result<(Map<String, Value>, Option<String>), ImportError> {
    let Some(s) = s else {
        cx.group(
            NoteKind::Changed,
            "value-no-schema",
            sptr,
            "values without a schema became text (type string)",
        );
        return Ok((
            Map::from_iter([("type".to_string(), json!("string"))]),
            None,
        ));
    };
    let (s, sp) = cx.deref(s, sptr)?;
    let converted = schema::convert(cx, s, &sp)?;
    let mut m = converted.as_object().cloned().unwrap_or_default();
    let desc = m
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_string);
    let is_object = |m: &Map<String, Value>| {
        m.get("type").and_then(Value::as_str) == Some("object")
            || m.contains_key("properties")
            || m.contains_key("allOf")
    };
    if is_object(&m) {
        cx.note(
            NoteKind::NotConverted,
            &sp,
            "an object value where Swagger 2.0 allows only plain values: it is text (JSON) now"
                .into(),
        );
        return Ok((
            Map::from_iter([("type".to_string(), json!("string"))]),
            desc,
        ));
    }
    if m.get("type").and_then(Value::as_str) == Some("array") {
        let item = match s.get("items") {
            Some(items) => {
                let (flat, _) = value_schema(cx, Some(items), &pointer::join(&sp, "items"))?;
                Value::Object(flat)
            }
            None => json!({"type": "string"}),
        };
        m.insert("items".into(), item);
    }
    if !m.contains_key("type") {
        m.insert("type".into(), json!("string"));
        cx.group(
            NoteKind::Changed,
            "value-no-type",
            &sp,
            "values without a type became text (type string)",
        );
    }
    m.retain(|k, _| PARAM_VALUE_KEYS.contains(&k.as_str()) || k.starts_with("x-"));
    Ok((m, desc))
}

/// The rank of a media type: JSON first, then forms, then the rest.
fn media_rank(mt: &str) -> u8 {
    let l = mt.to_ascii_lowercase();
    if l.contains("json") || l == "*/*" {
        0
    } else if l.starts_with("application/x-www-form-urlencoded") {
        1
    } else if l.starts_with("multipart/form-data") {
        2
    } else {
        3
    }
}

/// The media type to keep of a content map (the best ranked, first among equals).
fn pick_media(content: &Map<String, Value>) -> Option<(&String, &Value)> {
    content.iter().min_by_key(|(mt, _)| media_rank(mt))
}

fn binary_media(mt: &str) -> bool {
    let l = mt.to_ascii_lowercase();
    !(l.contains("json") || l.starts_with("text/") || l.contains("xml") || l.contains("form"))
}

fn request_body<'a>(
    cx: &mut Cx<'a, '_>,
    rb: &'a Value,
    ptr: &str,
) -> Result<(Vec<Value>, Option<String>), ImportError> {
    let (rb, rptr) = cx.deref(rb, ptr)?;
    let Some(content) = rb.get("content").and_then(Value::as_object) else {
        return Ok((Vec::new(), None));
    };
    let Some((mt, media)) = pick_media(content) else {
        return Ok((Vec::new(), None));
    };
    let cptr = pointer::join(&rptr, "content");
    if content.len() > 1 {
        let others: Vec<&str> = content
            .keys()
            .filter(|k| *k != mt)
            .map(String::as_str)
            .collect();
        cx.note(
            NoteKind::Changed,
            &cptr,
            format!(
                "the request body also accepts {}: only {mt} was kept (a Swagger 2.0 operation has one body)",
                others.join(", ")
            ),
        );
    }
    let mptr = pointer::join(&cptr, mt);
    let required = rb.get("required").and_then(Value::as_bool) == Some(true);
    let rank = media_rank(mt);
    if rank == 1 || rank == 2 {
        let params = form_fields(cx, media, &mptr, rank == 2)?;
        return Ok((params, Some(mt.clone())));
    }
    let schema = match media.get("schema") {
        Some(s) => schema::convert(cx, s, &pointer::join(&mptr, "schema"))?,
        None if binary_media(mt) => json!({"type": "string", "format": "binary"}),
        None => {
            cx.note(
                NoteKind::Changed,
                &mptr,
                "the request body has no schema: an object is assumed".into(),
            );
            json!({"type": "object"})
        }
    };
    let mut body = Map::new();
    body.insert("name".into(), json!("body"));
    body.insert("in".into(), json!("body"));
    body.insert("required".into(), json!(required));
    if let Some(d) = rb.get("description") {
        body.insert("description".into(), d.clone());
    }
    body.insert("schema".into(), schema);
    enrich::parameter(&mut body, &rptr, cx.notes);
    Ok((
        vec![Value::Object(reorder(body, super::enrich::PARAMETER_ORDER))],
        Some(mt.clone()),
    ))
}

/// Form fields (`application/x-www-form-urlencoded` or `multipart/form-data`) → formData
/// parameters, one per property of the schema (allOf parts merged).
fn form_fields<'a>(
    cx: &mut Cx<'a, '_>,
    media: &'a Value,
    mptr: &str,
    multipart: bool,
) -> Result<Vec<Value>, ImportError> {
    let Some(s) = media.get("schema") else {
        return Ok(Vec::new());
    };
    let (s, sp) = cx.deref(s, &pointer::join(mptr, "schema"))?;
    let mut parts = vec![(s, sp.clone())];
    for (i, part) in s
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        parts.push(cx.deref(part, &format!("{sp}/allOf/{i}"))?);
    }
    let mut out = Vec::new();
    for (part, pp) in parts {
        let required: Vec<&str> = part
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (name, prop) in part
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let fp = pointer::join(&pointer::join(&pp, "properties"), name);
            let (mut flat, desc) = value_schema(cx, Some(prop), &fp)?;
            if multipart
                && flat.get("type").and_then(Value::as_str) == Some("string")
                && flat.get("format").and_then(Value::as_str) == Some("binary")
            {
                flat.insert("type".into(), json!("file"));
                flat.remove("format");
            }
            let mut f = Map::new();
            f.insert("name".into(), json!(name));
            f.insert("in".into(), json!("formData"));
            if required.contains(&name.as_str()) {
                f.insert("required".into(), json!(true));
            }
            for (k, v) in flat {
                f.insert(k, v);
            }
            if let Some(d) = desc {
                f.insert("description".into(), json!(d));
            }
            enrich::parameter(&mut f, &fp, cx.notes);
            out.push(Value::Object(reorder(f, super::enrich::PARAMETER_ORDER)));
        }
    }
    if media.get("encoding").is_some() {
        cx.note(
            NoteKind::NotConverted,
            &pointer::join(mptr, "encoding"),
            "the form's encoding details (content types of parts, headers) have no Swagger 2.0 form: left out".into(),
        );
    }
    Ok(out)
}

fn reason(code: &str) -> &'static str {
    match code {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No content",
        "400" => "Bad request",
        "401" => "Unauthorized",
        "403" => "Forbidden",
        "404" => "Not found",
        "409" => "Conflict",
        "429" => "Too many requests",
        "500" => "Server error",
        "default" => "Operation failed",
        _ => "Response",
    }
}

fn responses<'a>(
    cx: &mut Cx<'a, '_>,
    rs: &'a Value,
    ptr: &str,
) -> Result<(Map<String, Value>, Vec<String>), ImportError> {
    let mut out = Map::new();
    let mut produces: Vec<String> = Vec::new();
    for (code, r) in rs.as_object().into_iter().flatten() {
        let rp = pointer::join(ptr, code);
        if code.starts_with("x-ms-") {
            out.insert(code.clone(), r.clone());
            continue;
        }
        let key = if code.len() == 3 && code.is_ascii() && code[1..].eq_ignore_ascii_case("xx") {
            let k = format!("{}00", &code[..1]);
            cx.note(
                NoteKind::Changed,
                &rp,
                format!("the status range {code} became {k}: Swagger 2.0 has no ranges"),
            );
            k
        } else {
            code.clone()
        };
        if out.contains_key(&key) {
            cx.note(
                NoteKind::NotConverted,
                &rp,
                format!("the response {code} was left out: {key} is already described"),
            );
            continue;
        }
        let (r, rptr) = cx.deref(r, &rp)?;
        let mut o = Map::new();
        let description = r
            .get("description")
            .and_then(Value::as_str)
            .filter(|d| !d.trim().is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| {
                cx.group(
                    NoteKind::Review,
                    "response-description",
                    &rptr,
                    "responses without a description got the status text",
                );
                reason(&key).to_string()
            });
        o.insert("description".into(), json!(description));
        if let Some(content) = r.get("content").and_then(Value::as_object) {
            if let Some((mt, media)) = pick_media(content) {
                let cptr = pointer::join(&rptr, "content");
                let mptr = pointer::join(&cptr, mt);
                let schema = match media.get("schema") {
                    Some(_) if binary_media(mt) => Some(json!({"type": "file"})),
                    Some(s) => Some(schema::convert(cx, s, &pointer::join(&mptr, "schema"))?),
                    None if binary_media(mt) => Some(json!({"type": "file"})),
                    None if mt.starts_with("text/") => Some(json!({"type": "string"})),
                    None => None,
                };
                match schema {
                    Some(_) if key == "default" => cx.group(
                        NoteKind::Changed,
                        "default-schema",
                        &mptr,
                        "the schemas of default responses were left out: connectors may not describe the default response",
                    ),
                    Some(s) => {
                        o.insert("schema".into(), s);
                    }
                    None => {}
                }
                if let Some(ex) = media.get("example").or_else(|| {
                    media
                        .pointer("/examples")
                        .and_then(|e| e.as_object()?.values().next()?.get("value"))
                }) {
                    o.insert("examples".into(), json!({ mt.clone(): ex }));
                }
                if !produces.contains(mt) {
                    produces.push(mt.clone());
                }
                if content.len() > 1 {
                    cx.group(
                        NoteKind::Changed,
                        "response-media",
                        &cptr,
                        "responses offered in several media types keep one (JSON first)",
                    );
                }
            }
        }
        if let Some(Value::Object(headers)) = r.get("headers") {
            let mut hs = Map::new();
            for (name, h) in headers {
                let hp = pointer::join(&pointer::join(&rptr, "headers"), name);
                let (h, hptr) = cx.deref(h, &hp)?;
                let (mut flat, desc) =
                    value_schema(cx, h.get("schema"), &pointer::join(&hptr, "schema"))?;
                if let Some(d) = h
                    .get("description")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or(desc)
                {
                    flat.insert("description".into(), json!(d));
                }
                hs.insert(name.clone(), Value::Object(flat));
            }
            if !hs.is_empty() {
                o.insert("headers".into(), Value::Object(hs));
            }
        }
        if r.get("links").is_some() {
            cx.group(
                NoteKind::NotConverted,
                "links",
                &pointer::join(&rptr, "links"),
                "response links have no Swagger 2.0 form: left out",
            );
        }
        for (k, v) in r.as_object().into_iter().flatten() {
            if k.starts_with("x-ms-") {
                o.insert(k.clone(), v.clone());
            }
        }
        out.insert(key, Value::Object(o));
    }
    Ok((out, produces))
}

#[cfg(test)]
mod tests {
    use super::{split_url, UrlParts};

    fn parts(scheme: Option<&str>, host: Option<&str>, base: Option<&str>) -> UrlParts {
        UrlParts {
            scheme: scheme.map(str::to_string),
            host: host.map(str::to_string),
            base_path: base.map(str::to_string),
        }
    }

    #[test]
    fn a_server_url_splits_into_scheme_host_and_base_path() {
        assert_eq!(
            split_url("HTTPS://me@api.x.example:8443/v1/?a=1#f"),
            parts(Some("https"), Some("api.x.example:8443"), Some("/v1"))
        );
        assert_eq!(
            split_url("//api.x.example"),
            parts(None, Some("api.x.example"), None)
        );
        // A relative URL has no host.
        assert_eq!(split_url("/v2"), parts(None, None, Some("/v2")));
    }
}
