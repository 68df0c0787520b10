//! One typed, borrowed view of an OpenAPI 2.0 swagger: its path items, operations (path,
//! method, operationId), parameters after `$ref` and path-level merging, responses, and
//! `$ref` resolution inside the file. The rules, the breaking-change comparison, the
//! generators, the catalog scan and the wizard's field list all walk it, so they agree on what
//! an operation is.
//!
//! What counts, once for everyone:
//! - a path item is a member of `paths` whose key does not start with `x-` (extensions) and
//!   whose value is an object; a `$ref` path item is not followed (the platform rejects them);
//! - an operation is a member of a path item named by one of [`HTTP_METHODS`] (lower case, as
//!   OpenAPI 2.0 spells them) whose value is an object; operations come in that order within
//!   a path item;
//! - a repeated key counts once: the last occurrence wins (as [`Node::get`] and most parsers
//!   do), in document order;
//! - a local `$ref` (`#/…`) is followed up to [`MAX_REF_HOPS`] hops; a missing target, an
//!   external reference or a loop resolves to nothing.
//!
//! Nothing is copied: every item borrows from the parsed tree, so the view costs a few
//! lookups over the walk the consumer does anyway.

use crate::json::{Member, Node};
use std::borrow::Borrow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The HTTP methods that make an operation of a path item, in the order of the OpenAPI 2.0
/// Path Item Object. The one list of the program.
pub const HTTP_METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// How many `$ref` hops are followed before giving up (a loop or an absurd chain).
pub const MAX_REF_HOPS: usize = 32;

/// FNV-1a: a fast hash for the short keys of one local file (no untrusted peer to defend
/// against, unlike the default SipHash).
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A hash map keyed by borrowed strings of the document.
pub type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
/// A hash set of borrowed strings of the document.
pub type Set<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// Object members with distinct keys, the last of a repeated key winning, in document order.
pub fn distinct(members: &[Member]) -> impl Iterator<Item = &Member> {
    // Where each key occurs last (a map only for objects large enough to need one).
    let last: Option<Map<&str, usize>> = (members.len() > 16).then(|| {
        members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.key.as_str(), i))
            .collect()
    });
    members.iter().enumerate().filter_map(move |(i, m)| {
        let keep = match &last {
            Some(map) => map.get(m.key.as_str()) == Some(&i),
            None => !members[i + 1..].iter().any(|n| n.key == m.key),
        };
        keep.then_some(m)
    })
}

/// The members of an object node with distinct keys (none for a non-object).
pub fn distinct_of(node: &Node) -> impl Iterator<Item = &Member> {
    distinct(node.as_object().unwrap_or(&[]))
}

/// A node with no members: iterating it yields nothing.
static EMPTY: Node = Node {
    value: crate::json::Value::Null,
    span: crate::json::Span { start: 0, end: 0 },
};

/// The node a `$ref` chain ends at.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    pub node: &'a Node,
    /// The first `$ref` followed (`None` when the node was not a reference).
    pub first: Option<&'a str>,
    /// The last `$ref` followed: where the content is written.
    pub via: Option<&'a str>,
}

/// A swagger document.
pub struct OpenApi<'a> {
    root: &'a Node,
    definitions: OnceCell<Map<&'a str, &'a Node>>,
    parameters: OnceCell<Map<&'a str, &'a Node>>,
    responses: OnceCell<Map<&'a str, &'a Node>>,
}

fn index<'a>(root: &'a Node, key: &str) -> Map<&'a str, &'a Node> {
    let members = root.get(key).and_then(Node::as_object).unwrap_or(&[]);
    // Later members overwrite earlier ones: the last of a repeated key wins.
    members.iter().map(|m| (m.key.as_str(), &m.value)).collect()
}

impl<'a> OpenApi<'a> {
    pub fn new(root: &'a Node) -> Self {
        OpenApi {
            root,
            definitions: OnceCell::new(),
            parameters: OnceCell::new(),
            responses: OnceCell::new(),
        }
    }

    /// The document's root node.
    pub fn root(&self) -> &'a Node {
        self.root
    }

    /// The `paths` object, when there is one.
    pub fn paths(&self) -> Option<&'a Node> {
        self.root.get("paths")
    }

    /// Every path item, in document order.
    pub fn path_items(&self) -> impl Iterator<Item = PathItem<'a>> {
        distinct_of(self.paths().unwrap_or(&EMPTY))
            .filter(|m| !m.key.starts_with("x-") && m.value.is_object())
            .map(|m| PathItem {
                path: &m.key,
                key: m,
                node: &m.value,
            })
    }

    /// Every operation, path item by path item.
    pub fn operations(&self) -> impl Iterator<Item = Operation<'a>> {
        self.path_items().flat_map(|item| item.operations())
    }

    /// The members of the document-level `parameters` object (shared parameters).
    pub fn shared_parameters(&self) -> impl Iterator<Item = &'a Member> {
        distinct_of(self.root.get("parameters").unwrap_or(&EMPTY))
    }

    /// The node a local `$ref` (`#/…`) names, or `None` (missing, external).
    pub fn lookup_ref(&self, r: &str) -> Option<&'a Node> {
        let frag = r.strip_prefix('#')?;
        for (prefix, cell, key) in [
            ("/definitions/", &self.definitions, "definitions"),
            ("/parameters/", &self.parameters, "parameters"),
            ("/responses/", &self.responses, "responses"),
        ] {
            if let Some(name) = frag.strip_prefix(prefix) {
                // Names that need unescaping go through the pointer lookup.
                if !name.bytes().any(|b| matches!(b, b'/' | b'~' | b'%')) {
                    return cell
                        .get_or_init(|| index(self.root, key))
                        .get(name)
                        .copied();
                }
            }
        }
        self.root.pointer(frag)
    }

    /// Follows `$ref`s from `node`. `None` for a missing target, an external reference or a
    /// loop.
    pub fn deref(&self, node: &'a Node) -> Option<Resolved<'a>> {
        let mut node = node;
        let mut first = None;
        let mut via = None;
        for _ in 0..MAX_REF_HOPS {
            match node.get("$ref").and_then(Node::as_str) {
                None => return Some(Resolved { node, first, via }),
                Some(r) => {
                    node = self.lookup_ref(r)?;
                    first = first.or(Some(r));
                    via = Some(r);
                }
            }
        }
        None
    }

    /// The parameters of a `parameters` array, resolved; items whose `$ref` does not resolve
    /// and items that are not objects are left out.
    pub fn parameter_list(&self, list: Option<&'a Node>, level: Level) -> Vec<Param<'a>> {
        let Some(items) = list.and_then(Node::as_array) else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(index, site)| {
                let r = self.deref(site)?;
                r.node.is_object().then(|| Param {
                    site,
                    index,
                    level,
                    node: r.node,
                    via: r.via,
                    name: r.node.get("name").and_then(Node::as_str).unwrap_or(""),
                    place: r.node.get("in").and_then(Node::as_str).unwrap_or(""),
                })
            })
            .collect()
    }
}

/// One member of `paths`.
#[derive(Debug, Clone, Copy)]
pub struct PathItem<'a> {
    /// The path template (`/tasks/{taskId}`).
    pub path: &'a str,
    /// The member, for the key's position.
    pub key: &'a Member,
    /// The path item object.
    pub node: &'a Node,
}

impl<'a> PathItem<'a> {
    /// The operations of this path item, in [`HTTP_METHODS`] order.
    pub fn operations(self) -> impl Iterator<Item = Operation<'a>> {
        HTTP_METHODS.into_iter().filter_map(move |method| {
            let member = self.node.member(method)?;
            member.value.is_object().then_some(Operation {
                path: self.path,
                method,
                member,
                node: &member.value,
                item: self,
            })
        })
    }

    /// The path-level parameters, resolved.
    pub fn parameters(&self, api: &OpenApi<'a>) -> Vec<Param<'a>> {
        api.parameter_list(self.node.get("parameters"), Level::PathItem)
    }

    /// The names of the `{name}` segments of the path template, in order.
    pub fn template_names(&self) -> Vec<&'a str> {
        template_names(self.path)
    }
}

/// The names of the `{name}` segments of a path template, in order.
pub fn template_names(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty() {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out
}

/// One operation: a method of a path item.
#[derive(Debug, Clone, Copy)]
pub struct Operation<'a> {
    pub path: &'a str,
    /// One of [`HTTP_METHODS`].
    pub method: &'static str,
    /// The method's member of the path item (for the key's position).
    pub member: &'a Member,
    /// The operation object.
    pub node: &'a Node,
    /// The path item it belongs to.
    pub item: PathItem<'a>,
}

impl<'a> Operation<'a> {
    /// A member of the operation object.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// The operationId, when it is a string.
    pub fn operation_id(&self) -> Option<&'a str> {
        self.node.get("operationId").and_then(Node::as_str)
    }

    /// The operation is a trigger (`x-ms-trigger` is set).
    pub fn is_trigger(&self) -> bool {
        self.node.get("x-ms-trigger").is_some()
    }

    /// The operation's own parameters, resolved.
    pub fn own_parameters(&self, api: &OpenApi<'a>) -> Vec<Param<'a>> {
        api.parameter_list(self.node.get("parameters"), Level::Operation)
    }

    /// The parameters the operation takes: the path-level ones it does not override, then
    /// its own.
    pub fn parameters(&self, api: &OpenApi<'a>) -> Vec<Param<'a>> {
        merge_parameters(&self.item.parameters(api), &self.own_parameters(api))
    }

    /// The members of `responses` (distinct codes, document order), each resolved.
    pub fn responses(&self, api: &'_ OpenApi<'a>) -> Vec<Response<'a>> {
        distinct_of(self.node.get("responses").unwrap_or(&EMPTY))
            .map(|m| Response {
                code: &m.key,
                key: m,
                site: &m.value,
                resolved: api.deref(&m.value),
            })
            .collect()
    }
}

/// Where a parameter is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The path item's `parameters` (shared by its operations).
    PathItem,
    /// The operation's own `parameters`.
    Operation,
}

/// A parameter as an operation uses it.
#[derive(Debug, Clone, Copy)]
pub struct Param<'a> {
    /// The item of the `parameters` array (an inline parameter or a `$ref`).
    pub site: &'a Node,
    /// Its index in that array.
    pub index: usize,
    pub level: Level,
    /// The parameter object (the site itself, or the `$ref` target).
    pub node: &'a Node,
    /// The `$ref` that led to it, if any (the last of a chain).
    pub via: Option<&'a str>,
    pub name: &'a str,
    /// The `in` value.
    pub place: &'a str,
}

impl Param<'_> {
    /// Whether both are the same parameter: same location and name (header names compare
    /// without case, as HTTP does).
    pub fn same_as(&self, other: &Param) -> bool {
        self.place == other.place
            && if self.place.eq_ignore_ascii_case("header") {
                self.name.eq_ignore_ascii_case(other.name)
            } else {
                self.name == other.name
            }
    }
}

/// The parameters of an operation: the path-level ones its own do not override, then its
/// own (in their order, duplicates kept). Works on anything that holds a [`Param`] (the
/// rules keep a pointer with each).
pub fn merge_parameters<'a, P: Copy + Borrow<Param<'a>>>(shared: &[P], own: &[P]) -> Vec<P> {
    let mut out: Vec<P> = shared
        .iter()
        .filter(|s| !own.iter().any(|o| o.borrow().same_as((*s).borrow())))
        .copied()
        .collect();
    out.extend(own.iter().copied());
    out
}

/// One member of an operation's `responses`.
#[derive(Debug, Clone, Copy)]
pub struct Response<'a> {
    /// The key: a status code, `default`, or anything the author wrote.
    pub code: &'a str,
    pub key: &'a Member,
    /// The value as written (a response object or a `$ref`).
    pub site: &'a Node,
    /// The response object, `None` when a `$ref` does not resolve.
    pub resolved: Option<Resolved<'a>>,
}

impl<'a> Response<'a> {
    /// The response object, when it resolves.
    pub fn node(&self) -> Option<&'a Node> {
        self.resolved.map(|r| r.node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r##"{
      "swagger": "2.0",
      "paths": {
        "x-extension": {"get": {"operationId": "NotAnOperation"}},
        "/b/{id}": {
          "parameters": [{"name": "id", "in": "path"}, {"name": "X-Key", "in": "header"}],
          "post": {"operationId": "Second", "parameters": [{"name": "x-key", "in": "header", "description": "own"}]},
          "GET": {"operationId": "UpperCaseIsNotAMethod"},
          "get": {"operationId": "First", "parameters": [{"$ref": "#/parameters/top"}, {"$ref": "#/parameters/missing"}, 3],
                  "responses": {"200": {"$ref": "#/responses/Ok"}, "404": {"description": "no"}, "404": {"description": "last"}}},
          "delete": "not an object"
        },
        "/ref": {"$ref": "#/x-elsewhere"},
        "/a": {"put": {"operationId": "Old"}},
        "/a": {"put": {"operationId": "Third"}}
      },
      "parameters": {"top": {"$ref": "#/parameters/top2"}, "top2": {"name": "top", "in": "query"}},
      "responses": {"Ok": {"description": "ok", "schema": {"$ref": "#/definitions/Loop"}}},
      "definitions": {"Loop": {"$ref": "#/definitions/Loop"}, "My/Thing": {"type": "string"}}
    }"##;

    #[test]
    fn operations_in_method_order_last_key_wins() {
        let root = crate::json::parse(DOC).unwrap();
        let api = OpenApi::new(&root);
        let ops: Vec<(&str, &str, Option<&str>)> = api
            .operations()
            .map(|o| (o.path, o.method, o.operation_id()))
            .collect();
        assert_eq!(
            ops,
            [
                ("/b/{id}", "get", Some("First")),
                ("/b/{id}", "post", Some("Second")),
                ("/a", "put", Some("Third")),
            ]
        );
    }

    #[test]
    fn parameters_are_resolved_and_merged() {
        let root = crate::json::parse(DOC).unwrap();
        let api = OpenApi::new(&root);
        let ops: Vec<Operation> = api.operations().collect();
        let get = ops[0];
        let own = get.own_parameters(&api);
        assert_eq!(own.len(), 1, "a missing $ref and a number are left out");
        assert_eq!((own[0].name, own[0].place), ("top", "query"));
        assert_eq!(own[0].via, Some("#/parameters/top2"), "the last hop");
        assert_eq!(own[0].index, 0);
        let merged: Vec<(&str, Level)> = get
            .parameters(&api)
            .iter()
            .map(|p| (p.name, p.level))
            .collect();
        assert_eq!(
            merged,
            [
                ("id", Level::PathItem),
                ("X-Key", Level::PathItem),
                ("top", Level::Operation)
            ]
        );
        // The operation's own header replaces the path-level one whatever its case.
        let post: Vec<&str> = ops[1].parameters(&api).iter().map(|p| p.name).collect();
        assert_eq!(post, ["id", "x-key"]);
        assert_eq!(get.item.template_names(), ["id"]);
    }

    #[test]
    fn responses_and_refs() {
        let root = crate::json::parse(DOC).unwrap();
        let api = OpenApi::new(&root);
        let get = api.operations().next().unwrap();
        let rs = get.responses(&api);
        let codes: Vec<&str> = rs.iter().map(|r| r.code).collect();
        assert_eq!(codes, ["200", "404"]);
        let ok = rs[0].resolved.unwrap();
        assert_eq!(ok.via, Some("#/responses/Ok"));
        assert!(ok.node.get("schema").is_some());
        assert_eq!(
            rs[1].node().unwrap().get("description").unwrap().as_str(),
            Some("last")
        );
        // A loop resolves to nothing; a name with '/' goes through the pointer lookup.
        let schema = ok.node.get("schema").unwrap();
        assert!(api.deref(schema).is_none());
        assert!(api.lookup_ref("#/definitions/My~1Thing").is_some());
        assert!(api.lookup_ref("other.json#/definitions/X").is_none());
        let shared: Vec<&str> = api.shared_parameters().map(|m| m.key.as_str()).collect();
        assert_eq!(shared, ["top", "top2"]);
    }

    #[test]
    fn no_paths_no_operations() {
        let root = crate::json::parse(r#"{"swagger": "2.0", "paths": []}"#).unwrap();
        assert_eq!(OpenApi::new(&root).operations().count(), 0);
        let root = crate::json::parse(r#"[1, 2]"#).unwrap();
        assert_eq!(OpenApi::new(&root).operations().count(), 0);
        assert_eq!(template_names("/a/{x}/{y}z/{}"), ["x", "y"]);
    }
}
