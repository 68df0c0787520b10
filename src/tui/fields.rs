//! The editable text fields of a swagger, in document order: the title and description, then
//! each operation's summary, description, operationId and visibility, then each of its
//! parameters' `x-ms-summary` and description. Each knows its JSON pointer (to write it back
//! with the minimal-diff writer) and the context its rules need.

use crate::document::{ConnectorKind, OpenApi};
use crate::json::pointer::join;
use crate::json::Node;
use crate::rules::{Field, FieldContext, Finding, Severity};

/// The context of a field's rules, owned (the borrowed [`FieldContext`] is built on demand).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldCtx {
    pub kind: ConnectorKind,
    pub is_trigger: bool,
    pub operation_id: Option<String>,
    pub summary: Option<String>,
    pub title: Option<String>,
    pub is_update: bool,
}

impl FieldCtx {
    pub fn as_ctx(&self) -> FieldContext<'_> {
        FieldContext {
            kind: self.kind,
            is_trigger: self.is_trigger,
            operation_id: self.operation_id.as_deref(),
            summary: self.summary.as_deref(),
            title: self.title.as_deref(),
            is_update: self.is_update,
        }
    }
}

/// One editable string of the swagger.
#[derive(Debug, Clone, PartialEq)]
pub struct EditField {
    pub field: Field,
    /// Pointer to the string (which may not exist yet).
    pub pointer: String,
    /// Pointer to the object that holds (or will hold) it.
    pub parent: String,
    /// The member name in that object.
    pub key: &'static str,
    /// What the field belongs to: "Connector", an operation, a parameter.
    pub group: String,
    /// The operation a field (or its parameter) belongs to, for the editor's title;
    /// "Connector" for the info fields, "Shared parameters" for the swagger's `parameters`.
    pub owner: String,
    /// Whether this is the first field of its group (the group is shown once).
    pub group_start: bool,
    /// Nested under an operation (parameters).
    pub nested: bool,
    /// The current text; `None` when the member is missing; `Some` non-string values are shown
    /// as their JSON type and cannot be edited.
    pub value: Option<String>,
    /// The member exists but is not a string.
    pub not_string: Option<&'static str>,
    pub ctx: FieldCtx,
    /// The worst finding of the whole-connector check on this field.
    pub mark: Option<Severity>,
}

impl EditField {
    /// The editor's title: the operation, the parameter and the member ("GetTask › id ·
    /// x-ms-summary").
    pub fn title(&self) -> String {
        if self.nested {
            format!(
                "{} › {} · {}",
                self.owner,
                self.group.trim_start_matches("↳ "),
                self.key
            )
        } else {
            format!("{} · {}", self.owner, self.key)
        }
    }

    /// The name shown in the list ("summary", "x-ms-summary", …).
    pub fn key_label(&self) -> &'static str {
        self.key
    }

    /// Whether the text may hold line breaks.
    pub fn multiline(&self) -> bool {
        matches!(
            self.field,
            Field::Description | Field::OpDescription | Field::ParamDescription
        )
    }
}

/// Every editable field of a swagger root.
pub fn collect(root: &Node, kind: ConnectorKind, is_update: bool) -> Vec<EditField> {
    let mut out = Vec::new();
    let title = root
        .pointer("/info/title")
        .and_then(Node::as_str)
        .map(str::to_string);
    let base = FieldCtx {
        kind,
        is_update,
        ..Default::default()
    };
    let mut group = Group::new(&mut out, "Connector".into(), false, "Connector");
    group.push(root, "/info", "title", Field::Title, base.clone());
    group.push(
        root,
        "/info",
        "description",
        Field::Description,
        FieldCtx {
            title: title.clone(),
            ..base.clone()
        },
    );

    let api = OpenApi::new(root);
    for item in api.path_items() {
        let (path, path_ptr) = (item.path, join("/paths", item.path));
        for operation in item.operations() {
            let (method, op) = (operation.method, operation.node);
            let op_ptr = join(&path_ptr, method);
            let op_id = op
                .get("operationId")
                .and_then(Node::as_str)
                .map(str::to_string);
            let summary = op.get("summary").and_then(Node::as_str).map(str::to_string);
            let is_trigger = op.get("x-ms-trigger").is_some();
            let label = match &op_id {
                Some(id) if !id.trim().is_empty() => id.clone(),
                _ => format!("{} {path}", method.to_uppercase()),
            };
            let ctx = FieldCtx {
                is_trigger,
                operation_id: op_id.clone(),
                ..base.clone()
            };
            let mut g = Group::new(&mut out, label.clone(), false, &label);
            g.push(root, &op_ptr, "summary", Field::OpSummary, ctx.clone());
            g.push(
                root,
                &op_ptr,
                "description",
                Field::OpDescription,
                FieldCtx {
                    summary: summary.clone(),
                    ..ctx.clone()
                },
            );
            g.push(
                root,
                &op_ptr,
                "operationId",
                Field::OperationId,
                ctx.clone(),
            );
            g.push(
                root,
                &op_ptr,
                "x-ms-visibility",
                Field::Visibility,
                ctx.clone(),
            );
            // Inline parameters only: a `$ref`'d one is edited where it is defined.
            for p in operation.own_parameters(&api) {
                if p.via.is_none() {
                    let p_ptr = join(&join(&op_ptr, "parameters"), &p.index.to_string());
                    param_fields(root, &mut out, p.node, &p_ptr, &base, &label);
                }
            }
        }
    }
    for m in api.shared_parameters() {
        if m.value.is_object() {
            let p_ptr = join("/parameters", &m.key);
            param_fields(root, &mut out, &m.value, &p_ptr, &base, "Shared parameters");
        }
    }
    out
}

fn param_fields(
    root: &Node,
    out: &mut Vec<EditField>,
    p: &Node,
    p_ptr: &str,
    base: &FieldCtx,
    owner: &str,
) {
    let name = p.get("name").and_then(Node::as_str).unwrap_or("?");
    let summary = p
        .get("x-ms-summary")
        .and_then(Node::as_str)
        .map(str::to_string);
    let mut g = Group::new(out, format!("↳ {name}"), true, owner);
    g.push(
        root,
        p_ptr,
        "x-ms-summary",
        Field::ParamSummary,
        base.clone(),
    );
    g.push(
        root,
        p_ptr,
        "description",
        Field::ParamDescription,
        FieldCtx {
            summary,
            ..base.clone()
        },
    );
}

struct Group<'a> {
    out: &'a mut Vec<EditField>,
    name: String,
    owner: String,
    nested: bool,
    first: bool,
}

impl<'a> Group<'a> {
    fn new(out: &'a mut Vec<EditField>, name: String, nested: bool, owner: &str) -> Self {
        Group {
            out,
            name,
            owner: owner.to_string(),
            nested,
            first: true,
        }
    }

    fn push(&mut self, root: &Node, parent: &str, key: &'static str, field: Field, ctx: FieldCtx) {
        let pointer = join(parent, key);
        let node = root.pointer(&pointer);
        let (value, not_string) = match node {
            None => (None, None),
            Some(n) => match n.as_str() {
                Some(s) => (Some(s.to_string()), None),
                None => (None, Some(n.type_name())),
            },
        };
        self.out.push(EditField {
            field,
            pointer,
            parent: parent.to_string(),
            key,
            group: self.name.clone(),
            owner: self.owner.clone(),
            group_start: self.first,
            nested: self.nested,
            value,
            not_string,
            ctx,
            mark: None,
        });
        self.first = false;
    }
}

/// The member a rule ID is about, for findings reported on the parent object (a missing
/// summary is reported at the operation).
fn rule_key(rule: &str) -> Option<&'static str> {
    const PREFIXES: [(&str, &str); 12] = [
        ("TITLE", "title"),
        ("DESC", "description"),
        ("OP-SUMMARY", "summary"),
        ("ACTION-SUMMARY", "summary"),
        ("TRIG-SUMMARY", "summary"),
        ("OP-DESC", "description"),
        ("TRIG-DESC", "description"),
        ("OPID", "operationId"),
        ("OP-VISIBILITY", "x-ms-visibility"),
        ("PARAM-SUMMARY", "x-ms-summary"),
        ("PARAM-DESC", "description"),
        ("PARAM-VISIBILITY", "x-ms-visibility"),
    ];
    PREFIXES
        .iter()
        .find(|(p, _)| rule.starts_with(p))
        .map(|(_, k)| *k)
}

/// The field a finding is about: its pointer exactly, or the member its rule is about under
/// the pointer it names.
pub fn field_of(fields: &[EditField], finding: &Finding) -> Option<usize> {
    if !finding.file.to_ascii_lowercase().ends_with(".json") || finding.pointer.is_empty() {
        return None;
    }
    if let Some(i) = fields.iter().position(|f| f.pointer == finding.pointer) {
        return Some(i);
    }
    let key = rule_key(finding.rule.as_str())?;
    fields
        .iter()
        .position(|f| f.parent == finding.pointer && f.key == key)
}

/// Marks each field with the worst severity of the findings about it.
pub fn mark(fields: &mut [EditField], findings: &[Finding], swagger_display: &str) {
    for f in fields.iter_mut() {
        f.mark = None;
    }
    for finding in findings.iter().filter(|f| f.file == swagger_display) {
        if let Some(i) = field_of(fields, finding) {
            let m = &mut fields[i].mark;
            *m = Some(match *m {
                Some(s) if s <= finding.severity => s,
                _ => finding.severity,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SWAGGER: &str = r##"{
  "swagger": "2.0",
  "info": {"title": "Contoso", "description": "Manage Contoso tasks from flows."},
  "paths": {
    "/tasks/{id}": {
      "get": {
        "summary": "Get task",
        "operationId": "GetTask",
        "parameters": [
          {"name": "id", "in": "path", "x-ms-summary": "Task ID"},
          {"$ref": "#/parameters/top"}
        ]
      },
      "parameters": []
    }
  },
  "parameters": {"top": {"name": "top", "in": "query", "description": "How many."}}
}"##;

    #[test]
    fn collects_fields_in_document_order() {
        let root = crate::json::parse(SWAGGER).unwrap();
        let fields = collect(&root, ConnectorKind::IndependentPublisher, false);
        let ptrs: Vec<&str> = fields.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(
            ptrs,
            [
                "/info/title",
                "/info/description",
                "/paths/~1tasks~1{id}/get/summary",
                "/paths/~1tasks~1{id}/get/description",
                "/paths/~1tasks~1{id}/get/operationId",
                "/paths/~1tasks~1{id}/get/x-ms-visibility",
                "/paths/~1tasks~1{id}/get/parameters/0/x-ms-summary",
                "/paths/~1tasks~1{id}/get/parameters/0/description",
                "/parameters/top/x-ms-summary",
                "/parameters/top/description",
            ]
        );
        assert_eq!(fields[2].value.as_deref(), Some("Get task"));
        assert_eq!(fields[3].value, None);
        assert_eq!(fields[3].ctx.summary.as_deref(), Some("Get task"));
        assert_eq!(fields[2].group, "GetTask");
        assert!(fields[2].group_start && !fields[3].group_start);
        assert_eq!(fields[1].ctx.title.as_deref(), Some("Contoso"));
        assert_eq!(fields[6].group, "↳ id");
        assert_eq!(fields[6].owner, "GetTask");
        assert_eq!(fields[8].owner, "Shared parameters");
    }

    #[test]
    fn findings_map_to_fields() {
        let root = crate::json::parse(SWAGGER).unwrap();
        let mut fields = collect(&root, ConnectorKind::IndependentPublisher, false);
        let finding = |rule: &str, pointer: &str, sev| Finding {
            rule: crate::rules::RuleId::from_id(rule).unwrap(),
            severity: sev,
            file: "x/apiDefinition.swagger.json".into(),
            line: 1,
            column: 1,
            pointer: pointer.into(),
            message: String::new(),
            help: String::new(),
            fix: None,
        };
        let missing = finding(
            "OP-DESC-PRESENT",
            "/paths/~1tasks~1{id}/get",
            Severity::Error,
        );
        assert_eq!(field_of(&fields, &missing), Some(3));
        let exact = finding(
            "OP-SUMMARY-CASE",
            "/paths/~1tasks~1{id}/get/summary",
            Severity::Warning,
        );
        assert_eq!(field_of(&fields, &exact), Some(2));
        let other = finding("HOST-PRESENT", "/host", Severity::Error);
        assert_eq!(field_of(&fields, &other), None);
        mark(
            &mut fields,
            &[missing, exact],
            "x/apiDefinition.swagger.json",
        );
        assert_eq!(fields[3].mark, Some(Severity::Error));
        assert_eq!(fields[2].mark, Some(Severity::Warning));
        assert_eq!(fields[0].mark, None);
    }
}
