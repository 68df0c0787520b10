//! Rules of operations, parameters and responses (reference §2.3–2.5).
//!
//! One walk over `paths`: every operation (`get`, `put`, `post`, `delete`, `patch`, `head`,
//! `options`) with its path-level and own parameters and its responses. `$ref`s to
//! `#/parameters/…`, `#/responses/…` and `#/definitions/…` are followed (chains are cut after
//! a few hops, so loops and missing targets are harmless).
//!
//! Findings sit where the fix is made: a shared parameter or response (`/parameters/X`,
//! `/responses/X`) and a definition are checked once, at their own pointer; what depends on
//! how an operation uses them (a path parameter that is not in the template, a `default`
//! response with a schema) is reported at the operation's `$ref`. Pointers are only built when
//! a finding is emitted: the walk itself carries borrowed tokens.
//!
//! The text rules (summaries, descriptions, operationIds, visibility) come from
//! [`check_field`], so the editor and the document check agree.

mod params;
mod responses;
#[cfg(test)]
mod tests;

use super::{check_field, Field, FieldContext, Severity, Sink};
use crate::json::{pointer, Member, Node};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

/// The operation keys of a path item, in the order they are checked.
pub const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];

/// How many `$ref` hops are followed before giving up (a loop or a very long chain).
const MAX_REF_HOPS: usize = 16;

/// Runs the operation, parameter and response rules over `paths`.
pub fn check(root: &Node, sink: &mut Sink) {
    let Some(paths) = root.get("paths").and_then(Node::as_object) else {
        return;
    };
    let mut w = Walker::new(root, sink);
    w.shared_parameters();
    for m in last_wins(paths) {
        w.path_item(&m.key, &m.value);
    }
    w.finish();
}

/// FNV-1a: a fast hash for the short keys of one local file (no untrusted peer to defend
/// against, unlike the default SipHash).
pub(super) struct Fnv(u64);

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

pub(super) type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub(super) type Set<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// One token of a JSON pointer, borrowed from the document.
#[derive(Debug, Clone, Copy)]
pub(super) enum Tok<'a> {
    /// An object key (escaped when the pointer is built).
    Key(&'a str),
    /// An array index.
    Idx(usize),
    /// Pointer text already escaped (the fragment of a `$ref`, e.g. `/definitions/Task`).
    Raw(&'a str),
}

const LOC_CAP: usize = 7;

/// A short JSON pointer kept as borrowed tokens (no allocation until [`Loc::ptr`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Loc<'a> {
    toks: [Tok<'a>; LOC_CAP],
    len: usize,
}

impl<'a> Loc<'a> {
    pub(super) fn root() -> Self {
        Loc {
            toks: [Tok::Raw(""); LOC_CAP],
            len: 0,
        }
    }

    /// The location a `$ref` points at (`#/definitions/Task` → `/definitions/Task`).
    pub(super) fn of_ref(r: &'a str) -> Self {
        Loc::root().with(Tok::Raw(r.strip_prefix('#').unwrap_or(r)))
    }

    pub(super) fn with(mut self, t: Tok<'a>) -> Self {
        debug_assert!(self.len < LOC_CAP, "Loc is too short for {:?}", self);
        if self.len < LOC_CAP {
            self.toks[self.len] = t;
            self.len += 1;
        }
        self
    }

    pub(super) fn key(self, k: &'a str) -> Self {
        self.with(Tok::Key(k))
    }

    pub(super) fn idx(self, i: usize) -> Self {
        self.with(Tok::Idx(i))
    }

    /// The pointer text.
    pub(super) fn ptr(&self) -> String {
        render(&self.toks[..self.len], &[])
    }

    /// The pointer text of this location followed by `extra`.
    pub(super) fn ptr_with(&self, extra: &[Tok]) -> String {
        render(&self.toks[..self.len], extra)
    }
}

fn render(a: &[Tok], b: &[Tok]) -> String {
    let len: usize = a
        .iter()
        .chain(b)
        .map(|t| match *t {
            Tok::Key(k) => k.len() + 3,
            Tok::Idx(_) => 4,
            Tok::Raw(r) => r.len(),
        })
        .sum();
    let mut s = String::with_capacity(len);
    for t in a.iter().chain(b) {
        match *t {
            Tok::Key(k) => {
                s.push('/');
                // RFC 6901 escaping without an intermediate string.
                let mut rest = k;
                while let Some(i) = rest.find(['~', '/']) {
                    s.push_str(&rest[..i]);
                    s.push_str(if rest.as_bytes()[i] == b'~' {
                        "~0"
                    } else {
                        "~1"
                    });
                    rest = &rest[i + 1..];
                }
                s.push_str(rest);
            }
            Tok::Idx(i) => {
                use std::fmt::Write;
                let _ = write!(s, "/{i}");
            }
            Tok::Raw(r) => s.push_str(r),
        }
    }
    s
}

/// Object members with distinct keys, the last of a repeated key winning (as most parsers
/// do), in document order.
pub(super) fn last_wins(members: &[Member]) -> impl Iterator<Item = &Member> {
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

/// The names of the `{name}` segments of a path template.
pub(super) fn template_names(path: &str) -> Vec<&str> {
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

/// How an operation is named in messages: `GetTask (GET /tasks/{id})`.
#[derive(Clone, Copy)]
pub(super) struct OpLabel<'a> {
    pub path: &'a str,
    pub method: &'a str,
    pub id: Option<&'a str>,
}

impl fmt::Display for OpLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let method = self.method.to_ascii_uppercase();
        match self.id.filter(|s| !s.trim().is_empty()) {
            Some(id) => write!(f, "{id} ({method} {})", self.path),
            None => write!(f, "{method} {}", self.path),
        }
    }
}

/// A parameter as an operation uses it: where it is listed and what it resolves to.
#[derive(Clone, Copy)]
pub(super) struct Param<'a> {
    /// The item of the `parameters` array (an inline parameter or a `$ref`).
    pub site: &'a Node,
    /// Its location.
    pub loc: Loc<'a>,
    /// The parameter object (the site itself, or the `$ref` target).
    pub node: &'a Node,
    /// The `$ref` that led to it, if any.
    pub via: Option<&'a str>,
    pub name: &'a str,
    /// The `in` value.
    pub place: &'a str,
}

impl Param<'_> {
    fn same_as(&self, other: &Param) -> bool {
        self.place == other.place
            && if self.place.eq_ignore_ascii_case("header") {
                self.name.eq_ignore_ascii_case(other.name)
            } else {
                self.name == other.name
            }
    }
}

/// Where an operationId was first seen.
struct FirstOp<'a> {
    path: &'a str,
    method: &'a str,
}

/// An inline parameter (name + location) and the operations that define it.
struct InlineUse<'a> {
    count: usize,
    first: Loc<'a>,
    offset: usize,
}

/// The state of one walk over a document.
pub(super) struct Walker<'a, 's, 'k> {
    pub root: &'a Node,
    /// The text of the file (for insert edits).
    pub text: &'s str,
    pub sink: &'k mut Sink<'s>,
    definitions: Map<&'a str, &'a Node>,
    parameters: Map<&'a str, &'a Node>,
    responses: Map<&'a str, &'a Node>,
    op_ids: Map<&'a str, FirstOp<'a>>,
    inline: Map<(&'a str, &'a str), InlineUse<'a>>,
    /// `$ref`s of schemas already walked (each definition is walked once).
    pub seen_schemas: Set<&'a str>,
    /// `$ref`s of shared responses whose content was checked.
    pub seen_responses: Set<&'a str>,
}

fn index<'a>(root: &'a Node, key: &str) -> Map<&'a str, &'a Node> {
    let members = root.get(key).and_then(Node::as_object).unwrap_or(&[]);
    // Later members overwrite earlier ones: the last of a repeated key wins.
    members.iter().map(|m| (m.key.as_str(), &m.value)).collect()
}

impl<'a, 's, 'k> Walker<'a, 's, 'k> {
    fn new(root: &'a Node, sink: &'k mut Sink<'s>) -> Self {
        let file = sink.file;
        Walker {
            root,
            text: file.text.as_str(),
            sink,
            definitions: index(root, "definitions"),
            parameters: index(root, "parameters"),
            responses: index(root, "responses"),
            op_ids: Map::default(),
            inline: Map::default(),
            seen_schemas: Set::default(),
            seen_responses: Set::default(),
        }
    }

    /// The node a local `$ref` (`#/…`) points at.
    pub(super) fn lookup_ref(&self, r: &str) -> Option<&'a Node> {
        let frag = r.strip_prefix('#')?;
        for (prefix, map) in [
            ("/definitions/", &self.definitions),
            ("/parameters/", &self.parameters),
            ("/responses/", &self.responses),
        ] {
            if let Some(name) = frag.strip_prefix(prefix) {
                if !name.bytes().any(|b| matches!(b, b'/' | b'~' | b'%')) {
                    return map.get(name).copied();
                }
            }
        }
        self.root.pointer(frag)
    }

    /// Follows `$ref`s from `node`: the final node and the last `$ref` followed. `None` for a
    /// missing target, an external reference or a loop.
    pub(super) fn deref(&self, node: &'a Node) -> Option<(&'a Node, Option<&'a str>)> {
        let mut node = node;
        let mut via = None;
        for _ in 0..MAX_REF_HOPS {
            match node.get("$ref").and_then(Node::as_str) {
                None => return Some((node, via)),
                Some(r) => {
                    node = self.lookup_ref(r)?;
                    via = Some(r);
                }
            }
        }
        None
    }

    fn ctx(&self) -> FieldContext<'a> {
        FieldContext {
            kind: self.sink.kind,
            ..Default::default()
        }
    }

    /// A finding at `node` with the rule's default severity.
    pub(super) fn emit(
        &mut self,
        id: &'static str,
        node: &Node,
        loc: Loc,
        message: String,
        help: &str,
    ) {
        self.sink.node(id, node, &loc.ptr(), message, help);
    }

    /// A finding at `node` with a given severity.
    pub(super) fn emit_sev(
        &mut self,
        id: &'static str,
        sev: Severity,
        node: &Node,
        loc: Loc,
        message: String,
        help: &str,
    ) {
        self.sink.at_sev(
            id,
            sev,
            node.span.start,
            &loc.ptr(),
            message,
            help.to_string(),
            None,
        );
    }

    /// Runs the rules of a text field on a string node (or reports a non-string).
    fn text_field(
        &mut self,
        field: Field,
        node: &Node,
        loc: Loc,
        ctx: &FieldContext,
        present_rule: &'static str,
        what: &str,
    ) {
        match node.as_str() {
            Some(v) => {
                let issues = check_field(field, v, ctx);
                if !issues.is_empty() {
                    self.sink.field_issues(node, &loc.ptr(), issues);
                }
            }
            None => self.emit(
                present_rule,
                node,
                loc,
                format!("{what} is a {}, not a string", node.type_name()),
                "Write it as a JSON string.",
            ),
        }
    }

    /// The parameters of a `parameters` array (items whose `$ref` does not resolve are left out).
    fn collect_params(&self, list: Option<&'a Node>, base: Loc<'a>) -> Vec<Param<'a>> {
        let Some(items) = list.and_then(Node::as_array) else {
            return Vec::new();
        };
        let base = base.key("parameters");
        items
            .iter()
            .enumerate()
            .filter_map(|(i, site)| {
                let (node, via) = self.deref(site)?;
                node.is_object().then(|| Param {
                    site,
                    loc: base.idx(i),
                    node,
                    via,
                    name: node.get("name").and_then(Node::as_str).unwrap_or(""),
                    place: node.get("in").and_then(Node::as_str).unwrap_or(""),
                })
            })
            .collect()
    }

    /// `/parameters/*`: each shared parameter is checked once, at its own pointer.
    fn shared_parameters(&mut self) {
        let Some(members) = self.root.get("parameters").and_then(Node::as_object) else {
            return;
        };
        let base = Loc::root().key("parameters");
        for m in last_wins(members) {
            if m.value.is_object() && m.value.get("$ref").is_none() {
                self.param_content(&m.value, base.key(&m.key));
            }
        }
    }

    fn path_item(&mut self, path: &'a str, item: &'a Node) {
        if !item.is_object() {
            return;
        }
        let base = Loc::root().key("paths").key(path);
        let template = template_names(path);
        let shared = self.collect_params(item.get("parameters"), base);
        for p in &shared {
            if p.via.is_none() {
                self.param_content(p.node, p.loc);
            }
        }
        self.param_list_rules(&shared, path, &template);
        let mut counted = Vec::new();
        self.count_inline(&shared, &mut counted);
        let notification_on_item = item.get("x-ms-notification-content").is_some();
        for &method in METHODS {
            if let Some(op) = item.get(method).filter(|n| n.is_object()) {
                self.operation(
                    path,
                    method,
                    op,
                    base.key(method),
                    &shared,
                    &template,
                    notification_on_item,
                );
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        path: &'a str,
        method: &'a str,
        op: &'a Node,
        loc: Loc<'a>,
        shared: &[Param<'a>],
        template: &[&'a str],
        notification_on_item: bool,
    ) {
        let id_node = op.get("operationId");
        let id = id_node.and_then(Node::as_str);
        let label = OpLabel { path, method, id };
        let summary_node = op.get("summary");
        let summary = summary_node.and_then(Node::as_str);
        let trigger = op.get("x-ms-trigger");
        let is_trigger = trigger.is_some();
        let ctx = FieldContext {
            is_trigger,
            operation_id: id,
            summary,
            ..self.ctx()
        };

        // operationId: present, well-formed, unique.
        match id_node {
            None => self.emit(
                "OPID-PRESENT",
                op,
                loc,
                format!("the operation {label} has no operationId"),
                "Add a unique PascalCase operationId, e.g. \"GetTask\".",
            ),
            Some(n) => {
                self.text_field(
                    Field::OperationId,
                    n,
                    loc.key("operationId"),
                    &ctx,
                    "OPID-PRESENT",
                    "operationId",
                );
                if let Some(v) = id.filter(|v| !v.trim().is_empty()) {
                    if let Some(first) = self.op_ids.get(v) {
                        let msg = format!(
                            "the operationId \"{v}\" of {} {path} is already used by {} {}",
                            method.to_ascii_uppercase(),
                            first.method.to_ascii_uppercase(),
                            first.path
                        );
                        self.emit("OPID-UNIQUE", n, loc.key("operationId"), msg, "Give every operation its own operationId: flows refer to operations by it.");
                    } else {
                        self.op_ids.insert(v, FirstOp { path, method });
                    }
                }
            }
        }

        // Summary and description.
        match summary_node {
            None => self.emit(
                "OP-SUMMARY-PRESENT",
                op,
                loc,
                format!("the operation {label} has no summary"),
                "Add a short verb-first summary in sentence case, e.g. \"Get task by ID\".",
            ),
            Some(n) => self.text_field(
                Field::OpSummary,
                n,
                loc.key("summary"),
                &ctx,
                "OP-SUMMARY-PRESENT",
                "the summary",
            ),
        }
        match op.get("description") {
            None => self.emit(
                "OP-DESC-PRESENT",
                op,
                loc,
                format!("the operation {label} has no description"),
                "Add a sentence that says what the operation does, e.g. \"Retrieves one task by its identifier.\"",
            ),
            Some(n) => self.text_field(Field::OpDescription, n, loc.key("description"), &ctx, "OP-DESC-PRESENT", "the description"),
        }

        // Visibility: missing is a warning, a bad value an error (from check_field).
        match op.get("x-ms-visibility") {
            None => self.emit(
                "OP-VISIBILITY",
                op,
                loc,
                format!("the operation {label} sets no x-ms-visibility"),
                "Add \"x-ms-visibility\": \"important\" (shown first), \"advanced\" or \"internal\".",
            ),
            Some(n) => match n.as_str() {
                Some(v) => {
                    let issues = check_field(Field::Visibility, v, &ctx);
                    if !issues.is_empty() {
                        self.sink.field_issues(n, &loc.key("x-ms-visibility").ptr(), issues);
                    }
                }
                None => self.emit_sev(
                    "OP-VISIBILITY",
                    Severity::Error,
                    n,
                    loc.key("x-ms-visibility"),
                    format!("x-ms-visibility of {label} is a {}, not a string", n.type_name()),
                    "Use \"important\", \"advanced\" or \"internal\".",
                ),
            },
        }

        if let Some(t) = trigger {
            if !matches!(t.as_str(), Some("batch" | "single")) {
                let shown = t
                    .as_str()
                    .map(|s| format!("\"{s}\""))
                    .unwrap_or_else(|| format!("a {}", t.type_name()));
                self.emit(
                    "TRIG-KIND",
                    t,
                    loc.key("x-ms-trigger"),
                    format!("x-ms-trigger of {label} is {shown}, not batch or single"),
                    "Use \"single\" (one item per run) or \"batch\" (a list per run).",
                );
            }
        }

        // Parameters: the operation's own, then the path-level ones it does not override.
        let own = self.collect_params(op.get("parameters"), loc);
        for p in &own {
            if p.via.is_none() {
                self.param_content(p.node, p.loc);
            }
        }
        let mut effective: Vec<Param<'a>> = shared
            .iter()
            .filter(|s| !own.iter().any(|o| o.same_as(s)))
            .copied()
            .collect();
        effective.extend(own.iter().copied());
        self.param_list_rules(&own, path, template);
        self.op_param_rules(&effective, template, label, op, loc);
        let mut counted = Vec::new();
        self.count_inline(&own, &mut counted);

        let has_responses = op
            .get("responses")
            .and_then(Node::as_object)
            .is_some_and(|m| !m.is_empty());
        if effective.is_empty() && !has_responses {
            self.emit(
                "OP-NOT-EMPTY",
                op,
                loc,
                format!("the operation {label} has neither parameters nor responses"),
                "Describe what the operation takes and returns, or remove it.",
            );
        }

        let webhook =
            is_trigger && (notification_on_item || op.get("x-ms-notification-content").is_some());
        self.responses(op, loc, label, webhook);
    }

    /// Counts inline parameters (name + location) for PARAM-REF-SHARED, once per list.
    fn count_inline(&mut self, list: &[Param<'a>], counted: &mut Vec<(&'a str, &'a str)>) {
        for p in list {
            if p.via.is_some() || p.name.is_empty() || p.place.is_empty() || p.place == "body" {
                continue;
            }
            let key = (p.name, p.place);
            if counted.contains(&key) {
                continue;
            }
            counted.push(key);
            self.inline
                .entry(key)
                .and_modify(|u| u.count += 1)
                .or_insert(InlineUse {
                    count: 1,
                    first: p.loc,
                    offset: p.site.span.start,
                });
        }
    }

    /// Findings that need the whole document: PARAM-REF-SHARED.
    fn finish(&mut self) {
        let mut repeated: Vec<(&(&'a str, &'a str), &InlineUse<'a>)> =
            self.inline.iter().filter(|(_, u)| u.count >= 3).collect();
        repeated.sort_by_key(|(_, u)| u.offset);
        let found: Vec<_> = repeated
            .into_iter()
            .map(|(&(name, place), u)| {
                (
                    u.offset,
                    u.first.ptr(),
                    format!("the {place} parameter \"{name}\" is defined inline in {} operations", u.count),
                    format!(
                        "Define it once under /parameters and refer to it with {{\"$ref\": \"#/parameters/{}\"}}.",
                        pointer::escape_token(name)
                    ),
                )
            })
            .collect();
        for (offset, ptr, msg, help) in found {
            let sev = super::rule("PARAM-REF-SHARED").severity;
            self.sink
                .at_sev("PARAM-REF-SHARED", sev, offset, &ptr, msg, help, None);
        }
    }
}
