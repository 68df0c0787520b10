//! What a swagger promises to the flows built on it, reduced to what the breaking-change
//! check compares: its operations (keyed by operationId), their inputs (parameters and body
//! fields) and their outputs (the fields of the success response), with `$ref`s resolved.
//!
//! Every item keeps where it sits in its file (byte offset and JSON pointer) so a finding
//! can point at it. Items reached through a `$ref` point at the definition they come from.

use crate::document::openapi::{distinct_of, Level, OpenApi, Operation as ViewOp};
use crate::json::pointer::join;
use crate::json::{Member, Node};
use std::collections::HashSet;

/// Deepest nesting of schema properties that is followed.
const MAX_DEPTH: usize = 24;
/// Most fields listed per operation side (guards against exponential `$ref` fan-out).
const MAX_FIELDS: usize = 20_000;

/// A place in a file: byte offset (for line and column) and JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loc {
    pub pointer: String,
    pub offset: usize,
}

impl Loc {
    fn node(node: &Node, pointer: String) -> Loc {
        Loc {
            pointer,
            offset: node.span.start,
        }
    }
    fn member(m: &Member, pointer: String) -> Loc {
        Loc {
            pointer,
            offset: m.key_span.start,
        }
    }
}

/// Where an input or output lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Path,
    Query,
    Header,
    FormData,
    Body,
    /// A parameter with an `in` that OpenAPI 2.0 does not define.
    Other,
    Response,
}

impl Place {
    fn of(location: &str) -> Place {
        match location {
            "path" => Place::Path,
            "query" => Place::Query,
            "header" => Place::Header,
            "formData" => Place::FormData,
            "body" => Place::Body,
            _ => Place::Other,
        }
    }

    /// The name of the location, as in the swagger's `in`.
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Path => "path",
            Place::Query => "query",
            Place::Header => "header",
            Place::FormData => "formData",
            Place::Body => "body",
            Place::Other => "other",
            Place::Response => "response",
        }
    }

    /// How a field of this place is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Place::Path => "path parameter",
            Place::Query => "query parameter",
            Place::Header => "header parameter",
            Place::FormData => "form field",
            Place::Body => "body field",
            Place::Other => "parameter",
            Place::Response => "response field",
        }
    }
}

/// One input or output of an operation.
#[derive(Debug, Clone)]
pub struct Field {
    /// Parameter name, or the dotted path of a schema property (`item.tags[].name`).
    /// The root of a response schema is named "".
    pub name: String,
    pub place: Place,
    /// The name of the enclosing field: `None` for a parameter or the root of a schema,
    /// `Some("")` for a property of the root.
    pub parent: Option<String>,
    pub required: bool,
    pub ty: Option<String>,
    pub format: Option<String>,
    pub visibility: Option<String>,
    pub has_default: bool,
    /// The schema is dynamic (`x-ms-dynamic-schema`/`-properties`): its children are unknown.
    pub opaque: bool,
    /// The field itself (its key, or the parameter object).
    pub loc: Loc,
    pub type_loc: Option<Loc>,
    pub format_loc: Option<Loc>,
    pub required_loc: Option<Loc>,
    pub visibility_loc: Option<Loc>,
}

impl Field {
    pub fn is_internal(&self) -> bool {
        self.visibility.as_deref() == Some("internal")
    }

    /// "query parameter 'top'", "response field 'owner.name'", "the response body".
    pub fn describe(&self) -> String {
        describe(self.place, &self.name)
    }

    /// "integer", "string (date-time)", "untyped".
    pub fn type_label(&self) -> String {
        match (&self.ty, &self.format) {
            (Some(t), Some(f)) => format!("{t} ({f})"),
            (Some(t), None) => t.clone(),
            (None, Some(f)) => format!("untyped ({f})"),
            (None, None) => "untyped".to_string(),
        }
    }
}

/// "query parameter 'top'", "response field 'owner.name'", "the items of response field
/// 'tags'", "the response body".
pub fn describe(place: Place, name: &str) -> String {
    if let Some(array) = name.strip_suffix("[]") {
        return format!("the items of {}", describe(place, array));
    }
    if name.is_empty() {
        return match place {
            Place::Response => "the response body".to_string(),
            _ => "the request body".to_string(),
        };
    }
    format!("{} '{}'", place.noun(), name)
}

/// One operation of a swagger.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The operationId, or "METHOD path" when it has none.
    pub key: String,
    pub has_id: bool,
    pub path: String,
    /// Lower case, as in the swagger.
    pub method: String,
    pub loc: Loc,
    /// The operationId value, when present.
    pub id_loc: Option<Loc>,
    /// The key of the path item.
    pub path_loc: Loc,
    /// The method key.
    pub method_loc: Loc,
    pub visibility: Option<String>,
    pub visibility_loc: Option<Loc>,
    /// `x-ms-trigger` (batch or single); `None` for an action.
    pub trigger: Option<String>,
    pub trigger_loc: Option<Loc>,
    /// Parameters (path-level merged in) and body fields.
    pub inputs: Vec<Field>,
    /// Fields of the first 2xx response with a schema; empty when it has none.
    pub outputs: Vec<Field>,
    /// The operation's parameters array, or the operation.
    pub params_loc: Loc,
    /// The success response (or `responses`, or the operation).
    pub response_loc: Loc,
}

impl Operation {
    /// "GetTask (GET /tasks/{id})".
    pub fn label(&self) -> String {
        if self.has_id {
            format!(
                "{} ({} {})",
                self.key,
                self.method.to_uppercase(),
                self.path
            )
        } else {
            format!("{} {}", self.method.to_uppercase(), self.path)
        }
    }
}

/// A swagger reduced to its operations.
#[derive(Debug, Clone, Default)]
pub struct Api {
    /// In document order; duplicate operationIds keep the first.
    pub operations: Vec<Operation>,
    /// The `paths` object (or the document root when there is none).
    pub paths_loc: Loc,
}

impl Api {
    pub fn get(&self, key: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.key == key)
    }

    /// Reads every operation of `root` (through the [`OpenApi`] view).
    pub fn read(root: &Node) -> Api {
        let view = OpenApi::new(root);
        let doc = Doc { view: &view };
        let mut api = Api {
            operations: Vec::new(),
            paths_loc: Loc::node(root, String::new()),
        };
        let Some(paths) = view.paths() else {
            return api;
        };
        api.paths_loc = Loc::node(paths, "/paths".to_string());
        let mut seen = HashSet::new();
        for item in view.path_items() {
            let item_ptr = join("/paths", item.path);
            let path_loc = Loc::member(item.key, item_ptr.clone());
            for op in item.operations() {
                let op_ptr = join(&item_ptr, op.method);
                let op = doc.operation(op, &op_ptr, &path_loc, &item_ptr);
                if seen.insert(op.key.clone()) {
                    api.operations.push(op);
                }
            }
        }
        api
    }
}

fn str_or_empty<'n>(node: &'n Node, key: &str) -> &'n str {
    node.get(key).and_then(Node::as_str).unwrap_or("")
}

fn str_of(node: &Node, key: &str) -> Option<String> {
    node.get(key).and_then(Node::as_str).map(str::to_string)
}

/// A type written as a string, or anything else rendered as JSON (a type list).
fn type_of(node: &Node) -> Option<String> {
    node.get("type").map(|t| match t.as_str() {
        Some(s) => s.to_string(),
        None => t.to_serde().to_string(),
    })
}

struct Doc<'v, 'a> {
    view: &'v OpenApi<'a>,
}

impl<'a> Doc<'_, 'a> {
    /// Follows `$ref`s from `node` (at `pointer`) to the node they name.
    fn resolve(&self, node: &'a Node, pointer: String) -> Option<(&'a Node, String)> {
        self.resolve_named(node, pointer).map(|(n, p, _)| (n, p))
    }

    /// Like [`Doc::resolve`], also giving the first reference followed.
    fn resolve_named(
        &self,
        node: &'a Node,
        pointer: String,
    ) -> Option<(&'a Node, String, Option<String>)> {
        let r = self.view.deref(node)?;
        let pointer = match r.via {
            Some(via) => via.strip_prefix('#').unwrap_or(via).to_string(),
            None => pointer,
        };
        Some((r.node, pointer, r.first.map(str::to_string)))
    }

    fn operation(
        &self,
        view_op: ViewOp<'a>,
        op_ptr: &str,
        path_loc: &Loc,
        item_ptr: &str,
    ) -> Operation {
        let (path, method, mm, op) = (view_op.path, view_op.method, view_op.member, view_op.node);
        let id_member = op
            .member("operationId")
            .filter(|m| m.value.as_str().is_some_and(|s| !s.trim().is_empty()));
        let key = match id_member.and_then(|m| m.value.as_str()) {
            Some(id) => id.trim().to_string(),
            None => format!("{} {}", method.to_uppercase(), path),
        };
        let op_loc = Loc::node(op, op_ptr.to_string());
        let at = |k: &str| op.member(k).map(|m| Loc::member(m, join(op_ptr, k)));
        let params_loc = op
            .get("parameters")
            .map(|p| Loc::node(p, join(op_ptr, "parameters")))
            .unwrap_or_else(|| op_loc.clone());

        // Path-level parameters first; an operation parameter with the same name and
        // location replaces one (and the last of a repeated one counts).
        let mut params: Vec<(&Node, String)> = Vec::new();
        for p in view_op.parameters(self.view) {
            let ptr = match p.via {
                Some(via) => via.strip_prefix('#').unwrap_or(via).to_string(),
                None => {
                    let base = match p.level {
                        Level::PathItem => item_ptr,
                        Level::Operation => op_ptr,
                    };
                    join(&join(base, "parameters"), &p.index.to_string())
                }
            };
            let id = (p.name, p.place);
            params.retain(|(q, _)| (str_or_empty(q, "name"), str_or_empty(q, "in")) != id);
            params.push((p.node, ptr));
        }

        let mut inputs = Vec::new();
        for (p, ptr) in params {
            self.parameter(p, &ptr, &mut inputs);
        }

        let mut outputs = Vec::new();
        let mut response_loc = at("responses").unwrap_or_else(|| op_loc.clone());
        if let Some((resp, resp_ptr, schema)) = self.success_response(view_op, op_ptr) {
            response_loc = Loc::node(resp, resp_ptr);
            if let Some((schema, schema_ptr)) = schema {
                let mut walk = Walk::new(Place::Response);
                walk.root(self, schema, schema_ptr, &mut outputs);
            }
        }

        Operation {
            key,
            has_id: id_member.is_some(),
            path: path.to_string(),
            method: method.to_string(),
            id_loc: id_member.map(|m| Loc::node(&m.value, join(op_ptr, "operationId"))),
            path_loc: path_loc.clone(),
            method_loc: Loc::member(mm, op_ptr.to_string()),
            visibility: str_of(op, "x-ms-visibility"),
            visibility_loc: op
                .get("x-ms-visibility")
                .map(|n| Loc::node(n, join(op_ptr, "x-ms-visibility"))),
            trigger: str_of(op, "x-ms-trigger"),
            trigger_loc: op
                .get("x-ms-trigger")
                .map(|n| Loc::node(n, join(op_ptr, "x-ms-trigger"))),
            loc: op_loc,
            inputs,
            outputs,
            params_loc,
            response_loc,
        }
    }

    /// The first 2xx response (by code) that has a schema, else the first 2xx response.
    #[allow(clippy::type_complexity)]
    fn success_response(
        &self,
        op: ViewOp<'a>,
        op_ptr: &str,
    ) -> Option<(&'a Node, String, Option<(&'a Node, String)>)> {
        let base = join(op_ptr, "responses");
        let mut codes: Vec<_> = op
            .responses(self.view)
            .into_iter()
            .filter(|r| {
                r.code.len() == 3
                    && r.code.starts_with('2')
                    && r.code.bytes().all(|b| b.is_ascii_digit())
            })
            .collect();
        codes.sort_by(|a, b| a.code.cmp(b.code));
        let mut first = None;
        for r in codes {
            let Some((resp, ptr)) = self.resolve(r.site, join(&base, r.code)) else {
                continue;
            };
            if let Some(schema) = resp.get("schema") {
                let sp = join(&ptr, "schema");
                return Some((resp, ptr, Some((schema, sp))));
            }
            first.get_or_insert((resp, ptr, None));
        }
        first
    }

    /// Adds a parameter (or, for a body parameter, its fields) to `out`.
    fn parameter(&self, p: &'a Node, ptr: &str, out: &mut Vec<Field>) {
        let Some(name) = str_of(p, "name") else {
            return;
        };
        let location = str_of(p, "in").unwrap_or_default();
        let place = Place::of(&location);
        let at = |k: &str| p.get(k).map(|n| Loc::node(n, join(ptr, k)));
        let required = p.get("required").and_then(Node::as_bool).unwrap_or(false);
        let required_loc = p
            .member("required")
            .map(|m| Loc::member(m, join(ptr, "required")));
        if place == Place::Body {
            if let Some(schema) = p.get("schema") {
                // The body itself is the field named "", its properties are named by their
                // path ("item.title"), as the designer shows them.
                let before = out.len();
                let mut walk = Walk::new(Place::Body);
                walk.root(self, schema, join(ptr, "schema"), out);
                if let Some(root) = out.get_mut(before) {
                    root.required = required;
                    root.required_loc = required_loc;
                    root.loc = Loc::node(p, ptr.to_string());
                }
                return;
            }
        }
        out.push(Field {
            name,
            place,
            parent: None,
            required,
            ty: type_of(p),
            format: str_of(p, "format"),
            visibility: str_of(p, "x-ms-visibility"),
            has_default: p.get("default").is_some(),
            opaque: false,
            loc: Loc::node(p, ptr.to_string()),
            type_loc: at("type"),
            format_loc: at("format"),
            required_loc,
            visibility_loc: at("x-ms-visibility"),
        });
    }
}

/// A walk over a schema, listing every property as a field.
struct Walk {
    place: Place,
    /// `$ref`s being expanded on the current branch (loop guard).
    stack: Vec<String>,
    count: usize,
}

impl Walk {
    fn new(place: Place) -> Walk {
        Walk {
            place,
            stack: Vec::new(),
            count: 0,
        }
    }

    /// Lists the root of a schema (named "") and everything under it.
    fn root<'a>(&mut self, doc: &Doc<'_, 'a>, schema: &'a Node, ptr: String, out: &mut Vec<Field>) {
        let loc = Loc::node(schema, ptr.clone());
        self.field(
            doc,
            schema,
            ptr,
            String::new(),
            None,
            false,
            None,
            loc,
            out,
            0,
        );
    }

    /// Adds the field `name` described by `schema`, then its children.
    #[allow(clippy::too_many_arguments)]
    fn field<'a>(
        &mut self,
        doc: &Doc<'_, 'a>,
        schema: &'a Node,
        ptr: String,
        name: String,
        parent: Option<String>,
        required: bool,
        required_loc: Option<Loc>,
        loc: Loc,
        out: &mut Vec<Field>,
        depth: usize,
    ) {
        if self.count >= MAX_FIELDS {
            return;
        }
        self.count += 1;
        let Some((s, sptr, via)) = doc.resolve_named(schema, ptr.clone()) else {
            // A dangling or looping reference: the field exists, its shape is unknown.
            out.push(self.bare(name, parent, required, required_loc, loc, true));
            return;
        };
        // Properties and `required` may be spread over `allOf` parts.
        let mut parts = vec![(s, sptr.clone())];
        for (i, part) in s
            .get("allOf")
            .and_then(Node::as_array)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            if let Some(r) = doc.resolve(part, join(&join(&sptr, "allOf"), &i.to_string())) {
                parts.push(r);
            }
        }
        let has_props = parts
            .iter()
            .any(|(p, _)| p.get("properties").is_some_and(Node::is_object));
        let ty = parts
            .iter()
            .find_map(|(p, _)| type_of(p))
            .or_else(|| has_props.then(|| "object".to_string()));
        let find = |k: &str| {
            parts
                .iter()
                .find_map(|(p, pp)| p.get(k).map(|n| Loc::node(n, join(pp, k))))
        };
        let opaque = parts.iter().any(|(p, _)| {
            p.get("x-ms-dynamic-schema").is_some() || p.get("x-ms-dynamic-properties").is_some()
        });
        let looped = via.as_ref().is_some_and(|r| self.stack.contains(r));
        out.push(Field {
            name: name.clone(),
            place: self.place,
            parent,
            required,
            format: parts.iter().find_map(|(p, _)| str_of(p, "format")),
            visibility: parts.iter().find_map(|(p, _)| str_of(p, "x-ms-visibility")),
            has_default: parts.iter().any(|(p, _)| p.get("default").is_some()),
            opaque: opaque || looped || depth >= MAX_DEPTH,
            type_loc: find("type"),
            format_loc: find("format"),
            visibility_loc: find("x-ms-visibility"),
            ty: ty.clone(),
            required_loc,
            loc,
        });
        if opaque || looped || depth >= MAX_DEPTH {
            return;
        }
        if let Some(r) = &via {
            self.stack.push(r.clone());
        }
        if ty.as_deref() == Some("array") {
            if let Some((items, ip)) = parts
                .iter()
                .find_map(|(p, pp)| p.get("items").map(|n| (n, join(pp, "items"))))
            {
                let loc = Loc::node(items, ip.clone());
                let child = format!("{name}[]");
                self.field(
                    doc,
                    items,
                    ip,
                    child,
                    Some(name),
                    false,
                    None,
                    loc,
                    out,
                    depth + 1,
                );
            }
        } else {
            let required_list: Vec<(&str, Loc)> = parts
                .iter()
                .flat_map(|(q, qp)| {
                    q.get("required")
                        .and_then(Node::as_array)
                        .unwrap_or(&[])
                        .iter()
                        .enumerate()
                        .filter_map(move |(i, n)| {
                            let ptr = join(&join(qp, "required"), &i.to_string());
                            n.as_str().map(|s| (s, Loc::node(n, ptr)))
                        })
                })
                .collect();
            for (p, pp) in &parts {
                let Some(props) = p.get("properties") else {
                    continue;
                };
                let props_ptr = join(pp, "properties");
                for m in distinct_of(props) {
                    let child = if name.is_empty() {
                        m.key.to_string()
                    } else {
                        format!("{name}.{}", m.key)
                    };
                    let rl = required_list
                        .iter()
                        .find(|(k, _)| *k == m.key)
                        .map(|(_, l)| l.clone());
                    let cp = join(&props_ptr, &m.key);
                    let loc = Loc::member(m, cp.clone());
                    let parent = Some(name.clone());
                    self.field(
                        doc,
                        &m.value,
                        cp,
                        child,
                        parent,
                        rl.is_some(),
                        rl,
                        loc,
                        out,
                        depth + 1,
                    );
                }
            }
        }
        if via.is_some() {
            self.stack.pop();
        }
    }

    fn bare(
        &self,
        name: String,
        parent: Option<String>,
        required: bool,
        required_loc: Option<Loc>,
        loc: Loc,
        opaque: bool,
    ) -> Field {
        Field {
            name,
            place: self.place,
            parent,
            required,
            ty: None,
            format: None,
            visibility: None,
            has_default: false,
            opaque,
            loc,
            type_loc: None,
            format_loc: None,
            required_loc,
            visibility_loc: None,
        }
    }
}
