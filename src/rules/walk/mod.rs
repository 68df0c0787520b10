//! The one walk over `paths` behind the operation, parameter and response rules (reference
//! §2.3–2.5), over the [`OpenApi`] view: every operation with its path-level and own
//! parameters and its responses. The rules themselves are in [`super::operations`],
//! [`super::parameters`] and [`super::responses`].
//!
//! Findings sit where the fix is made: a shared parameter or response (`/parameters/X`,
//! `/responses/X`) and a definition are checked once, at their own pointer; what depends on
//! how an operation uses them (a path parameter that is not in the template, a `default`
//! response with a schema) is reported at the operation's `$ref`. Pointers are only built when
//! a finding is emitted: the walk itself carries borrowed tokens ([`Loc`]).

mod loc;
#[cfg(test)]
mod tests;

pub(crate) use loc::{Loc, Tok};

use super::spelling::{self, Checker, Style};
use super::{check_field, product, CheckOptions, Field, FieldContext, RuleId, Severity, Sink};
use crate::document::openapi::{merge_parameters, Map, OpenApi, Operation, Param, PathItem, Set};
use crate::json::Node;
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// Runs the operation, parameter and response rules over `paths`. `opts.is_update`: the
/// connector is already published (renaming an operation breaks flows).
pub(super) fn check(api: &OpenApi, sink: &mut Sink, opts: &CheckOptions) {
    if api.paths().and_then(Node::as_object).is_none() {
        return;
    }
    let mut w = Walker::new(api, sink);
    w.is_update = opts.is_update;
    w.spelling = !opts.skip_spelling;
    w.shared_parameters();
    for item in api.path_items() {
        w.path_item(item);
    }
    w.finish();
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

/// A parameter of the view with the pointer of its site.
#[derive(Clone, Copy)]
pub(super) struct Listed<'a> {
    pub p: Param<'a>,
    pub loc: Loc<'a>,
}

impl<'a> Deref for Listed<'a> {
    type Target = Param<'a>;
    fn deref(&self) -> &Param<'a> {
        &self.p
    }
}

impl<'a> Borrow<Param<'a>> for Listed<'a> {
    fn borrow(&self) -> &Param<'a> {
        &self.p
    }
}

/// Where an operationId was first seen.
pub(super) struct FirstOp<'a> {
    pub path: &'a str,
    pub method: &'a str,
}

/// An inline parameter (name + location) and the operations that define it.
pub(super) struct InlineUse<'a> {
    pub count: usize,
    pub first: Loc<'a>,
    pub offset: usize,
}

/// The state of one walk over a document.
pub(super) struct Walker<'a, 's, 'k> {
    pub api: &'k OpenApi<'a>,
    /// The text of the file (for insert edits).
    pub text: &'s str,
    pub sink: &'k mut Sink<'s>,
    pub op_ids: Map<&'a str, FirstOp<'a>>,
    pub inline: Map<(&'a str, &'a str), InlineUse<'a>>,
    /// `$ref`s of schemas already walked (each definition is walked once).
    pub seen_schemas: Set<&'a str>,
    /// `$ref`s of shared responses whose content was checked.
    pub seen_responses: Set<&'a str>,
    /// The connector is an update of a published one.
    pub is_update: bool,
    /// STRING-QUALITY runs (the misspelt words of the check's texts are remembered).
    pub spelling: bool,
    pub speller: Checker<'a>,
}

impl<'a, 's, 'k> Walker<'a, 's, 'k> {
    fn new(api: &'k OpenApi<'a>, sink: &'k mut Sink<'s>) -> Self {
        let file = sink.file;
        Walker {
            api,
            text: file.text.as_str(),
            sink,
            op_ids: Map::default(),
            inline: Map::default(),
            seen_schemas: Set::default(),
            seen_responses: Set::default(),
            is_update: false,
            spelling: false,
            speller: Checker::default(),
        }
    }

    /// The node a local `$ref` (`#/…`) points at.
    pub(super) fn lookup_ref(&self, r: &str) -> Option<&'a Node> {
        self.api.lookup_ref(r)
    }

    /// Follows `$ref`s from `node`: the final node and the last `$ref` followed. `None` for a
    /// missing target, an external reference or a loop.
    pub(super) fn deref(&self, node: &'a Node) -> Option<(&'a Node, Option<&'a str>)> {
        self.api.deref(node).map(|r| (r.node, r.via))
    }

    pub(super) fn ctx(&self) -> FieldContext<'a> {
        FieldContext {
            kind: self.sink.kind,
            is_update: self.is_update,
            ..Default::default()
        }
    }

    /// A finding at `node` with the rule's default severity.
    pub(super) fn emit(&mut self, id: RuleId, node: &Node, loc: Loc, message: String, help: &str) {
        self.sink.node(id, node, &loc.ptr(), message, help);
    }

    /// A finding at `node` with a given severity.
    pub(super) fn emit_sev(
        &mut self,
        id: RuleId,
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
    pub(super) fn text_field(
        &mut self,
        field: Field,
        node: &'a Node,
        loc: Loc,
        ctx: &FieldContext,
        present_rule: RuleId,
        what: &str,
    ) {
        match node.as_str() {
            Some(v) => {
                let issues = check_field(field, v, ctx);
                if !issues.is_empty() {
                    self.sink.field_issues(node, &loc.ptr(), issues);
                }
                self.prose(field, node, v, loc);
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

    /// The rules of a text people read: its spelling (STRING-QUALITY) and product names
    /// (PRODUCT-NAME-CURRENT). An operationId is a name, not prose.
    fn prose(&mut self, field: Field, node: &Node, v: &'a str, loc: Loc) {
        let (style, what) = match field {
            Field::OpSummary => (Style::Sentence, "the summary"),
            Field::OpDescription => (Style::Sentence, "the description"),
            Field::ParamSummary => (Style::Label, "the x-ms-summary"),
            Field::ParamDescription => (Style::Sentence, "the description"),
            _ => return,
        };
        if matches!(field, Field::OpSummary | Field::OpDescription) {
            product::in_string(node, v, || loc.ptr(), self.sink);
        }
        if !self.spelling {
            return;
        }
        let bad = self.speller.misspelt(v, style);
        if !bad.is_empty() {
            let (message, help) = spelling::finding_text(what, &bad);
            self.sink
                .node(RuleId::StringQuality, node, &loc.ptr(), message, &help);
        }
    }

    /// Parameters of the view with the pointers of their sites under `base`.
    fn listed(&self, params: Vec<Param<'a>>, base: Loc<'a>) -> Vec<Listed<'a>> {
        let base = base.key("parameters");
        params
            .into_iter()
            .map(|p| Listed {
                loc: base.idx(p.index),
                p,
            })
            .collect()
    }

    fn path_item(&mut self, item: PathItem<'a>) {
        let path = item.path;
        let base = Loc::root().key("paths").key(path);
        let template = item.template_names();
        let shared = self.listed(item.parameters(self.api), base);
        for p in &shared {
            if p.via.is_none() {
                self.param_content(p.node, p.loc);
            }
        }
        self.param_list_rules(&shared, path, &template);
        let mut counted = Vec::new();
        self.count_inline(&shared, &mut counted);
        let notification_on_item = item.node.get("x-ms-notification-content").is_some();
        for op in item.operations() {
            self.operation(
                op,
                base.key(op.method),
                &shared,
                &template,
                notification_on_item,
            );
        }
    }

    fn operation(
        &mut self,
        op: Operation<'a>,
        loc: Loc<'a>,
        shared: &[Listed<'a>],
        template: &[&'a str],
        notification_on_item: bool,
    ) {
        let label = OpLabel {
            path: op.path,
            method: op.method,
            id: op.operation_id(),
        };
        self.operation_fields(op, loc, label);

        // Parameters: the operation's own, then the path-level ones it does not override.
        let own = self.listed(op.own_parameters(self.api), loc);
        for p in &own {
            if p.via.is_none() {
                self.param_content(p.node, p.loc);
            }
        }
        let effective = merge_parameters(shared, &own);
        self.param_list_rules(&own, op.path, template);
        self.op_param_rules(&effective, template, label, op.node, loc);
        let mut counted = Vec::new();
        self.count_inline(&own, &mut counted);
        self.op_not_empty(op, loc, label, effective.is_empty());

        let webhook = op.is_trigger()
            && (notification_on_item || op.get("x-ms-notification-content").is_some());
        self.responses(op, loc, label, webhook);
    }

    /// Findings that need the whole document.
    fn finish(&mut self) {
        self.repeated_inline_parameters();
    }
}
