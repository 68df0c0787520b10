//! `DYNAMIC-REF`: the `x-ms-dynamic-values`, `-schema`, `-list` and `-properties`
//! extensions call another operation of the connector to fill a list or a schema at design
//! time. The operation they name must exist, and the parameters they pass must be ones it
//! takes, or the field stays empty in the designer (the validator reports it as
//! OperationIdNotFound and a parameter not found).

use super::{RuleId, Sink};
use crate::document::openapi::{Map, Operation};
use crate::document::OpenApi;
use crate::json::{pointer, Node};

/// The extensions that name an operation.
const KINDS: [&str; 4] = [
    "x-ms-dynamic-values",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-list",
    "x-ms-dynamic-properties",
];

/// One `x-ms-dynamic-*` member found by the tree walk.
pub(super) struct DynamicUse<'a> {
    /// The extension's name.
    pub kind: &'a str,
    /// Its value.
    pub node: &'a Node,
    /// Where its key is.
    pub key_offset: usize,
    /// Its JSON pointer.
    pub pointer: String,
}

/// Checks every use against the operations.
pub(super) fn check(api: &OpenApi, uses: &[DynamicUse], sink: &mut Sink) {
    if uses.is_empty() {
        return;
    }
    let ops: Map<&str, Operation> = api
        .operations()
        .filter_map(|o| o.operation_id().map(|id| (id, o)))
        .collect();
    for u in uses.iter().filter(|u| KINDS.contains(&u.kind)) {
        let kind = u.kind;
        if !u.node.is_object() {
            sink.at(
                RuleId::DynamicRef,
                u.key_offset,
                &u.pointer,
                format!("{kind} is a {}, not an object", u.node.type_name()),
                "Write it as {\"operationId\": \"ListItems\", \"parameters\": {…}, …}.",
            );
            continue;
        }
        // A built-in capability (the file picker) names no operation.
        if u.node.get("capability").is_some() || u.node.get("builtInOperation").is_some() {
            continue;
        }
        let Some(id_node) = u.node.get("operationId") else {
            sink.at(
                RuleId::DynamicRef,
                u.key_offset,
                &u.pointer,
                format!("{kind} names no operationId"),
                "Add \"operationId\" with the operation that returns the values.",
            );
            continue;
        };
        let id = id_node.as_str().unwrap_or("");
        let Some(op) = ops.get(id) else {
            sink.node(
                RuleId::DynamicRef,
                id_node,
                &pointer::join(&u.pointer, "operationId"),
                format!("{kind} names the operationId \"{id}\", which no operation of the swagger has"),
                "Name an operation of this swagger (operationIds are case-sensitive), or add it (internal visibility hides it from makers).",
            );
            continue;
        };
        let Some(params) = u.node.get("parameters").and_then(Node::as_object) else {
            continue;
        };
        let takes = accepted_names(api, op);
        for m in params {
            if !takes.iter().any(|n| *n == m.key) {
                let shown: Vec<&str> = takes.iter().take(6).copied().collect();
                sink.at(
                    RuleId::DynamicRef,
                    m.key_span.start,
                    &pointer::join(&pointer::join(&u.pointer, "parameters"), &m.key),
                    format!(
                        "{kind} passes \"{}\" to {id}, which takes no such parameter",
                        m.key
                    ),
                    &if shown.is_empty() {
                        format!("{id} takes no parameters: remove this one.")
                    } else {
                        format!(
                            "Use the name of one of its parameters: {}.",
                            shown.join(", ")
                        )
                    },
                );
            }
        }
    }
}

/// The names an operation accepts: its parameters' names and the top-level properties of
/// its body's schema.
fn accepted_names<'a>(api: &OpenApi<'a>, op: &Operation<'a>) -> Vec<&'a str> {
    let mut names = Vec::new();
    for p in op.parameters(api) {
        names.push(p.name);
        if p.place == "body" {
            let schema = p.node.get("schema").and_then(|s| api.deref(s));
            if let Some(props) = schema.and_then(|s| s.node.get("properties")) {
                names.extend(
                    props
                        .as_object()
                        .unwrap_or(&[])
                        .iter()
                        .map(|m| m.key.as_str()),
                );
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::json;

    fn with_lookup(ext: serde_json::Value) -> Vec<crate::rules::Finding> {
        with(|v| {
            v["paths"]["/lists"] = json!({"get": {
                "summary": "List lists", "description": "Lists the lists.", "operationId": "ListLists",
                "x-ms-visibility": "internal",
                "parameters": [{"name": "project", "in": "query", "type": "string", "required": true,
                    "x-ms-summary": "Project", "description": "The project."}],
                "responses": {"200": {"description": "The lists.", "schema": {"type": "array", "items": {"type": "string"}}}}}});
            v["paths"]["/tasks/{taskId}"]["get"]["parameters"]
                .as_array_mut()
                .unwrap()
                .push(json!({
                "name": "list", "in": "query", "type": "string", "x-ms-summary": "List",
                "description": "The list.", "x-ms-dynamic-values": ext}));
        })
    }

    #[test]
    fn dynamic_references_name_what_exists() {
        let ok = with_lookup(json!({"operationId": "ListLists", "value-path": "id",
            "parameters": {"project": {"value": "p1"}}}));
        assert!(only(&ok, "DYNAMIC-REF").is_empty(), "{ok:#?}");
        let fs = with_lookup(json!({"operationId": "ListList", "value-path": "id"}));
        let d = only(&fs, "DYNAMIC-REF");
        assert_eq!(d.len(), 1, "{fs:#?}");
        assert!(
            d[0].message.contains("\"ListList\", which no operation"),
            "{}",
            d[0].message
        );
        assert_eq!(
            d[0].pointer,
            "/paths/~1tasks~1{taskId}/get/parameters/1/x-ms-dynamic-values/operationId"
        );
        let fs = with_lookup(
            json!({"operationId": "ListLists", "parameters": {"projectId": {"value": "p1"}}}),
        );
        let d = only(&fs, "DYNAMIC-REF");
        assert_eq!(d.len(), 1, "{fs:#?}");
        assert!(d[0].message.contains("passes \"projectId\" to ListLists"));
        assert!(d[0].help.contains("project"), "{}", d[0].help);
        let fs = with_lookup(json!({"value-path": "id"}));
        assert!(only(&fs, "DYNAMIC-REF")[0]
            .message
            .contains("names no operationId"));
        // The file picker capability names no operation.
        let fs = with_lookup(json!({"capability": "file-picker", "parameters": {"x": 1}}));
        assert!(only(&fs, "DYNAMIC-REF").is_empty());
    }
}
