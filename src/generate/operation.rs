//! Operations and parameters of a swagger added, changed, copied and deleted as text. Each
//! change goes through the minimal-diff writer ([`crate::json::splice`]): only the bytes of
//! what changed move, an inserted node takes the file's indentation and the key order its
//! siblings use, and a field the author did not touch is never rewritten. Pure functions from
//! a swagger text to the new text.
//!
//! What a new operation needs and cannot be invented is left out for `check` to ask for (a
//! description, the response schema); what follows from the path does not wait: each
//! `{name}` of the path template gets its path parameter, required and single-encoded.

use crate::import::enrich::{DOCUMENT_ORDER, OPERATION_ORDER, PARAMETER_ORDER};
use crate::import::names::title_case;
use crate::json::pointer::{join, unescape_token};
use crate::json::splice::{self, learned_order, ordered, Style};
use crate::json::{self, apply_edits, Node, TextEdit};
use serde_json::{json, Map, Value as J};
use std::fmt;

/// The HTTP methods of an operation, in the order the form cycles them.
pub const METHODS: [&str; 7] = ["get", "post", "put", "patch", "delete", "head", "options"];
/// `x-ms-visibility`: none, then the three values.
pub const VISIBILITY: [&str; 4] = ["", "important", "advanced", "internal"];
/// Where a parameter goes (`in`).
pub const LOCATIONS: [&str; 5] = ["query", "path", "header", "formData", "body"];
/// The types of a parameter.
pub const TYPES: [&str; 6] = ["string", "integer", "number", "boolean", "array", "file"];

/// The formats a type may carry ("" = none).
pub fn formats(ty: &str) -> &'static [&'static str] {
    match ty {
        "string" => &[
            "",
            "date",
            "date-time",
            "email",
            "uri",
            "uuid",
            "byte",
            "binary",
            "password",
        ],
        "integer" => &["", "int32", "int64"],
        "number" => &["", "float", "double"],
        _ => &[""],
    }
}

/// Why a change cannot be made; nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpError(pub String);

impl fmt::Display for OpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OpError {}

fn err<T>(m: impl Into<String>) -> Result<T, OpError> {
    Err(OpError(m.into()))
}

/// A changed swagger: the new text and the pointer of what was added or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub text: String,
    pub pointer: String,
}

/// The fields of an operation the wizard edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OpField {
    Method,
    Path,
    OperationId,
    Summary,
    Description,
    Visibility,
}

/// An operation as the author describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OperationSpec {
    pub method: String,
    pub path: String,
    pub operation_id: String,
    pub summary: String,
    pub description: String,
    /// "" for none.
    pub visibility: String,
}

fn text_of(node: &Node, key: &str) -> String {
    node.get(key)
        .and_then(Node::as_str)
        .unwrap_or_default()
        .to_string()
}

impl OperationSpec {
    /// The operation at `pointer` (`/paths/<path>/<method>`) of a parsed swagger.
    pub fn read(root: &Node, pointer: &str) -> Option<OperationSpec> {
        let (path, method) = split_op_pointer(pointer)?;
        let op = root.pointer(pointer).filter(|n| n.is_object())?;
        Some(OperationSpec {
            method,
            path,
            operation_id: text_of(op, "operationId"),
            summary: text_of(op, "summary"),
            description: text_of(op, "description"),
            visibility: text_of(op, "x-ms-visibility"),
        })
    }

    pub fn get(&self, f: OpField) -> &str {
        match f {
            OpField::Method => &self.method,
            OpField::Path => &self.path,
            OpField::OperationId => &self.operation_id,
            OpField::Summary => &self.summary,
            OpField::Description => &self.description,
            OpField::Visibility => &self.visibility,
        }
    }

    pub fn set(&mut self, f: OpField, v: String) {
        match f {
            OpField::Method => self.method = v,
            OpField::Path => self.path = v,
            OpField::OperationId => self.operation_id = v,
            OpField::Summary => self.summary = v,
            OpField::Description => self.description = v,
            OpField::Visibility => self.visibility = v,
        }
    }

    /// The pointer this operation has (or will have).
    pub fn pointer(&self) -> String {
        op_pointer(&self.path, &self.method)
    }
}

/// `/paths/<path>/<method>`.
pub fn op_pointer(path: &str, method: &str) -> String {
    join(&join("/paths", path), method)
}

/// The path and method of an operation's pointer.
pub fn split_op_pointer(pointer: &str) -> Option<(String, String)> {
    let rest = pointer.strip_prefix("/paths/")?;
    let (path, method) = rest.split_once('/')?;
    (!method.contains('/')).then(|| (unescape_token(path), method.to_string()))
}

/// The operation a pointer lies in (`/paths/<path>/<method>`), when it lies in one.
pub fn operation_of(pointer: &str) -> Option<String> {
    let rest = pointer.strip_prefix("/paths/")?;
    let mut parts = rest.splitn(3, '/');
    let path = parts.next()?;
    let method = parts.next()?;
    METHODS
        .contains(&method)
        .then(|| format!("/paths/{path}/{method}"))
}

/// The parameter a pointer lies in (an operation's `parameters/N`, or `/parameters/<name>`).
pub fn parameter_of(pointer: &str) -> Option<String> {
    if let Some(rest) = pointer.strip_prefix("/parameters/") {
        let name = rest.split('/').next()?;
        return Some(format!("/parameters/{name}"));
    }
    let op = operation_of(pointer)?;
    let rest = pointer[op.len()..].strip_prefix("/parameters/")?;
    let index = rest.split('/').next()?;
    index
        .parse::<usize>()
        .ok()
        .map(|i| format!("{op}/parameters/{i}"))
}

/// The `{name}`s of a path template, in order.
pub fn path_variables(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                out.push(after[..j].to_string());
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out
}

/// What is wrong with a path template.
pub fn path_problem(path: &str) -> Option<String> {
    if !path.starts_with('/') {
        return Some("the path starts with / (e.g. /tasks/{taskId})".into());
    }
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("the path holds a space".into());
    }
    if path.contains('?') || path.contains('#') {
        return Some(
            "the path has no query (?) or fragment (#): query values are parameters in query"
                .into(),
        );
    }
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' if depth == 0 => depth = 1,
            '}' if depth == 1 => depth = 0,
            '{' | '}' => return Some("a { } pair of the path is not closed".into()),
            _ => {}
        }
    }
    if depth != 0 {
        return Some("a { of the path is not closed".into());
    }
    if path_variables(path).iter().any(|v| v.trim().is_empty()) {
        return Some("a {} of the path has no name".into());
    }
    None
}

fn operations(root: &Node) -> Vec<(String, &Node)> {
    let mut out = Vec::new();
    if let Some(paths) = root.get("paths") {
        for (path, item) in paths.entries() {
            for (method, op) in item.entries() {
                if METHODS.contains(&method) && op.is_object() {
                    out.push((op_pointer(path, method), op));
                }
            }
        }
    }
    out
}

/// What keeps `spec` from being written as the operation at `except` (`None`: a new one):
/// each field with its problem.
pub fn operation_problems(
    root: &Node,
    spec: &OperationSpec,
    except: Option<&str>,
) -> Vec<(OpField, String)> {
    let mut out = Vec::new();
    if !METHODS.contains(&spec.method.as_str()) {
        out.push((
            OpField::Method,
            format!("the method is one of {}", METHODS.join(", ")),
        ));
    }
    if let Some(p) = path_problem(&spec.path) {
        out.push((OpField::Path, p));
    }
    let ops = operations(root);
    let target = spec.pointer();
    if Some(target.as_str()) != except && ops.iter().any(|(p, _)| *p == target) {
        out.push((
            OpField::Path,
            format!(
                "{} {} exists already",
                spec.method.to_uppercase(),
                spec.path
            ),
        ));
    }
    let id = spec.operation_id.trim();
    if id.is_empty() {
        out.push((
            OpField::OperationId,
            "type an operationId (e.g. GetTask)".into(),
        ));
    } else if let Some((p, _)) = ops.iter().find(|(p, op)| {
        Some(p.as_str()) != except
            && op
                .get("operationId")
                .and_then(Node::as_str)
                .is_some_and(|o| o.eq_ignore_ascii_case(id))
    }) {
        let (path, method) = split_op_pointer(p).unwrap_or_default();
        out.push((
            OpField::OperationId,
            format!(
                "{id} is the operationId of {} {path} already",
                method.to_uppercase()
            ),
        ));
    }
    if spec.summary.trim().is_empty() {
        out.push((OpField::Summary, "type a summary (e.g. Get task)".into()));
    }
    if !VISIBILITY.contains(&spec.visibility.as_str()) {
        out.push((
            OpField::Visibility,
            "the visibility is important, advanced or internal".into(),
        ));
    }
    out
}

fn first_problem<F>(problems: Vec<(F, String)>) -> Result<(), OpError> {
    match problems.into_iter().next() {
        Some((_, p)) => err(p),
        None => Ok(()),
    }
}

fn parse(text: &str) -> Result<Node, OpError> {
    json::parse(text).map_err(|e| {
        OpError(format!(
            "the swagger is not valid JSON ({}); fix it first",
            e.message
        ))
    })
}

/// Applies one edit and checks that the result still parses.
fn apply(text: &str, e: Option<TextEdit>) -> Result<String, OpError> {
    let Some(e) = e else {
        return err("the swagger is not shaped as expected here");
    };
    let (out, dropped) = apply_edits(text, &[e]);
    if dropped > 0 {
        return err("the edit does not fit the file");
    }
    parse(&out)?;
    Ok(out)
}

fn node<'a>(root: &'a Node, pointer: &str, what: &str) -> Result<&'a Node, OpError> {
    root.pointer(pointer)
        .ok_or_else(|| OpError(format!("{what} {pointer} is no longer in the swagger")))
}

/// Every operation object of the file, to learn the key order from.
fn op_siblings(root: &Node) -> Vec<&Node> {
    operations(root).into_iter().map(|(_, n)| n).collect()
}

/// Every parameter object of the file's operations and of its shared `parameters`.
fn param_siblings(root: &Node) -> Vec<&Node> {
    let mut out: Vec<&Node> = operations(root)
        .into_iter()
        .filter_map(|(_, op)| op.get("parameters").and_then(Node::as_array))
        .flatten()
        .filter(|p| p.is_object() && p.get("$ref").is_none())
        .collect();
    if let Some(shared) = root.get("parameters") {
        out.extend(shared.entries().map(|(_, n)| n));
    }
    out
}

/// A new path parameter for `{name}`.
fn path_param(name: &str) -> ParamSpec {
    ParamSpec {
        name: name.to_string(),
        location: "path".into(),
        ty: "string".into(),
        required: true,
        summary: title_case(name),
        ..ParamSpec::default()
    }
}

/// Puts `value` at `/paths/<path>/<method>`: into the path's item when it has one (in the
/// order of the methods), else as a new path at the end of `paths` (created when missing).
/// `value` writes the operation for the indentation it gets.
fn insert_operation(
    text: &str,
    path: &str,
    method: &str,
    value: &splice::Render,
) -> Result<String, OpError> {
    let root = parse(text)?;
    let edit = match root.get("paths") {
        Some(paths) if paths.is_object() => match paths.get(path) {
            Some(item) if item.is_object() => {
                let keys: Vec<&str> = item
                    .as_object()
                    .unwrap_or_default()
                    .iter()
                    .map(|m| m.key.as_str())
                    .collect();
                let index = splice::ordered_index(&keys, method, &METHODS);
                splice::insert_member_with(text, item, index, method, value)
            }
            Some(_) => return err(format!("the path item of {path} is not an object")),
            None => {
                let style = Style::of(text);
                let item = |indent: Option<&str>| match indent {
                    Some(i) => {
                        let inner = format!("{i}{}", style.unit);
                        format!(
                            "{{{nl}{inner}{}: {}{nl}{i}}}",
                            json::encode_string(method),
                            value(Some(&inner)),
                            nl = style.newline
                        )
                    }
                    None => format!("{{{}: {}}}", json::encode_string(method), value(None)),
                };
                splice::insert_member_with(text, paths, usize::MAX, path, &item)
            }
        },
        Some(_) => return err("\"paths\" is not an object"),
        None => {
            let mut item = Map::new();
            item.insert(method.into(), J::Null);
            let keys: Vec<&str> = root
                .as_object()
                .unwrap_or_default()
                .iter()
                .map(|m| m.key.as_str())
                .collect();
            let index = splice::ordered_index(&keys, "paths", DOCUMENT_ORDER);
            let added = apply(
                text,
                splice::insert_member(text, &root, index, "paths", &json!({})),
            )?;
            return insert_operation(&added, path, method, value);
        }
    };
    apply(text, edit)
}

/// Adds a new operation with its path parameters and a `200` response.
pub fn add_operation(text: &str, spec: &OperationSpec) -> Result<Change, OpError> {
    let root = parse(text)?;
    first_problem(operation_problems(&root, spec, None))?;
    let mut op = Map::new();
    op.insert("summary".into(), json!(spec.summary.trim()));
    if !spec.description.trim().is_empty() {
        op.insert("description".into(), json!(spec.description.trim()));
    }
    op.insert("operationId".into(), json!(spec.operation_id.trim()));
    if !spec.visibility.is_empty() {
        op.insert("x-ms-visibility".into(), json!(spec.visibility));
    }
    let param_order = learned_order(&param_siblings(&root), PARAMETER_ORDER);
    let params: Vec<J> = path_variables(&spec.path)
        .iter()
        .map(|v| J::Object(ordered(path_param(v).to_map(), &param_order)))
        .collect();
    if !params.is_empty() {
        op.insert("parameters".into(), J::Array(params));
    }
    op.insert("responses".into(), json!({"200": {"description": "OK"}}));
    let op = J::Object(ordered(
        op,
        &learned_order(&op_siblings(&root), OPERATION_ORDER),
    ));
    let style = Style::of(text);
    let render = |indent: Option<&str>| match indent {
        Some(i) => style.render(&op, i),
        None => splice::inline(&op),
    };
    let text = insert_operation(text, &spec.path, &spec.method, &render)?;
    Ok(Change {
        text,
        pointer: spec.pointer(),
    })
}

/// A copy of the operation at `from`, at the method and path of `spec` with its fields.
pub fn copy_operation(text: &str, from: &str, spec: &OperationSpec) -> Result<Change, OpError> {
    let root = parse(text)?;
    first_problem(operation_problems(&root, spec, None))?;
    let source = node(&root, from, "the operation")?;
    let render = |indent: Option<&str>| splice::reindented(text, source, indent);
    let copied = insert_operation(text, &spec.path, &spec.method, &render)?;
    let pointer = spec.pointer();
    let text = set_op_fields(&copied, &pointer, spec)?;
    let text = add_path_params(&text, &pointer, &spec.path)?;
    Ok(Change { text, pointer })
}

/// Changes the operation at `pointer` to `spec`: a new method or path moves it (its own
/// bytes, re-indented), then each field that differs is set, added or removed.
pub fn update_operation(
    text: &str,
    pointer: &str,
    spec: &OperationSpec,
) -> Result<Change, OpError> {
    let root = parse(text)?;
    let op = node(&root, pointer, "the operation")?;
    let Some((path, method)) = split_op_pointer(pointer) else {
        return err(format!("{pointer} is not an operation"));
    };
    first_problem(operation_problems(&root, spec, Some(pointer)))?;
    let target = spec.pointer();
    let mut text = text.to_string();
    if target != pointer {
        let render = |indent: Option<&str>| splice::reindented(&text, op, indent);
        let moved = insert_operation(&text, &spec.path, &spec.method, &render)?;
        text = remove_operation(&moved, &path, &method)?;
    }
    let text = set_op_fields(&text, &target, spec)?;
    let text = if spec.path != path {
        sync_path_params(&text, &target, &spec.path)?
    } else {
        add_path_params(&text, &target, &spec.path)?
    };
    Ok(Change {
        text,
        pointer: target,
    })
}

/// After a move to `path`: the operation's own path parameters follow its template. One
/// variable renamed (`{taskId}` → `{id}`) renames the parameter, keeping its label and
/// description; otherwise parameters whose `{name}` left the template are removed and one
/// is added for each new `{name}`. Shared (`$ref`) parameters are left alone.
fn sync_path_params(text: &str, op: &str, path: &str) -> Result<String, OpError> {
    let vars = path_variables(path);
    let root = parse(text)?;
    let o = node(&root, op, "the operation")?;
    let own: Vec<(usize, String)> = o
        .get("parameters")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|(_, p)| text_of(p, "in") == "path")
        .map(|(i, p)| (i, text_of(p, "name")))
        .collect();
    let stale: Vec<&(usize, String)> = own.iter().filter(|(_, n)| !vars.contains(n)).collect();
    let new: Vec<&String> = vars
        .iter()
        .filter(|v| !own.iter().any(|(_, n)| n == *v))
        .collect();
    let mut text = text.to_string();
    if let ([(i, _)], [name]) = (stale.as_slice(), new.as_slice()) {
        let order = learned_order(&param_siblings(&root), PARAMETER_ORDER);
        let at = format!("{op}/parameters/{i}");
        return set_member(&text, &at, "name", Some(&json!(name)), &order);
    }
    for (i, _) in stale.iter().rev() {
        text = delete_parameter(&text, &format!("{op}/parameters/{i}"))?.text;
    }
    add_path_params(&text, op, path)
}

/// Removes the operation at `pointer`, and its path when no other operation is left there.
pub fn delete_operation(text: &str, pointer: &str) -> Result<Change, OpError> {
    let Some((path, method)) = split_op_pointer(pointer) else {
        return err(format!("{pointer} is not an operation"));
    };
    node(&parse(text)?, pointer, "the operation")?;
    Ok(Change {
        text: remove_operation(text, &path, &method)?,
        pointer: join("/paths", &path),
    })
}

/// Whether deleting the operation at `pointer` takes its path along (no other operation).
pub fn deletes_path(root: &Node, pointer: &str) -> bool {
    let Some((path, method)) = split_op_pointer(pointer) else {
        return false;
    };
    root.get("paths")
        .and_then(|p| p.get(&path))
        .is_some_and(|item| {
            !item
                .entries()
                .any(|(k, _)| k != method && METHODS.contains(&k))
        })
}

fn remove_operation(text: &str, path: &str, method: &str) -> Result<String, OpError> {
    let root = parse(text)?;
    let paths = node(&root, "/paths", "the paths")?;
    let item = paths
        .get(path)
        .ok_or_else(|| OpError(format!("the path {path} is no longer in the swagger")))?;
    let edit = if deletes_path(&root, &op_pointer(path, method)) {
        splice::delete_member(paths, path)
    } else {
        splice::delete_member(item, method)
    };
    apply(text, edit)
}

/// Sets, adds or removes the member `key` of the object at `pointer` so that it holds
/// `value` (`None`: absent); unchanged members are left alone. New members go where `order`
/// puts them.
fn set_member(
    text: &str,
    pointer: &str,
    key: &str,
    value: Option<&J>,
    order: &[String],
) -> Result<String, OpError> {
    let root = parse(text)?;
    let obj = node(&root, pointer, "the object")?;
    let edit = match (obj.get(key), value) {
        (Some(old), Some(v)) if old.to_serde() == *v => return Ok(text.to_string()),
        (Some(old), Some(J::String(s))) if old.as_str().is_some() => {
            Some(TextEdit::set_string(old, s))
        }
        (Some(old), Some(v)) => Some(splice::replace_value(text, old, v)),
        (Some(_), None) => splice::delete_member(obj, key),
        (None, Some(v)) => {
            let order: Vec<&str> = order.iter().map(String::as_str).collect();
            splice::insert_member_ordered(text, obj, key, v, &order)
        }
        (None, None) => return Ok(text.to_string()),
    };
    apply(text, edit)
}

fn opt_str(s: &str) -> Option<J> {
    let t = s.trim();
    (!t.is_empty()).then(|| json!(t))
}

/// The operation's strings as `spec` has them (only those that differ are written).
fn set_op_fields(text: &str, pointer: &str, spec: &OperationSpec) -> Result<String, OpError> {
    let root = parse(text)?;
    let order = learned_order(&op_siblings(&root), OPERATION_ORDER);
    let current = OperationSpec::read(&root, pointer).unwrap_or_default();
    let mut text = text.to_string();
    for (field, key) in [
        (OpField::Summary, "summary"),
        (OpField::Description, "description"),
        (OpField::OperationId, "operationId"),
        (OpField::Visibility, "x-ms-visibility"),
    ] {
        if current.get(field).trim() != spec.get(field).trim() {
            text = set_member(
                &text,
                pointer,
                key,
                opt_str(spec.get(field)).as_ref(),
                &order,
            )?;
        }
    }
    Ok(text)
}

/// Adds a path parameter for each `{name}` of `path` the operation lacks.
fn add_path_params(text: &str, op: &str, path: &str) -> Result<String, OpError> {
    let mut text = text.to_string();
    for v in path_variables(path) {
        let root = parse(&text)?;
        let o = node(&root, op, "the operation")?;
        let has = o
            .get("parameters")
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .any(|p| text_of(p, "in") == "path" && text_of(p, "name") == v);
        if !has {
            text = add_parameter(&text, op, &path_param(&v))?.text;
        }
    }
    Ok(text)
}

mod param;

pub use param::{
    add_parameter, delete_parameter, delete_shared_parameter, param_problems, update_parameter,
    ParamField, ParamSpec,
};

#[cfg(test)]
mod tests;
