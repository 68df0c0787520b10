//! The comparison itself, without git: edge cases of the swagger model and the 40 real
//! connectors of the corpus.

#[path = "breaking_common/mod.rs"]
mod common;

use common::{assert_located, at, base, corpus_or_skip, remove, reordered, text};
use connector_wizard::breaking::{self, Api};
use connector_wizard::document::SourceFile;
use connector_wizard::json;
use connector_wizard::rules::Finding;
use serde_json::{json, Value};

fn compare(old: &Value, new: &Value) -> Vec<Finding> {
    let old = json::parse(&text(old)).unwrap();
    let new_text = text(new);
    let new_root = json::parse(&new_text).unwrap();
    let findings = breaking::compare_text(&old, &new_root, &new_text, "apiDefinition.swagger.json");
    for f in &findings {
        assert_located(f, &new_text);
    }
    findings
}

fn ids(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule.as_str()).collect()
}

/// A one-operation swagger with the given operation.
fn one(op: Value) -> Value {
    json!({"swagger": "2.0", "paths": {"/items": {"post": op}}, "definitions": {}})
}

#[test]
fn unchanged_and_reordered_report_nothing() {
    assert!(compare(&base(), &base()).is_empty());
    assert!(compare(&base(), &reordered(&base())).is_empty());
    assert!(compare(&reordered(&base()), &base()).is_empty());
}

#[test]
fn compare_on_a_source_file_matches_compare_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = base();
    remove(&mut v, "/paths/~1tasks~1{taskId}/delete");
    let p = dir.path().join("apiDefinition.swagger.json");
    // A BOM on the new file shifts nothing.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text(&v).as_bytes());
    std::fs::write(&p, bytes).unwrap();
    let file = SourceFile::read(&p, "x/apiDefinition.swagger.json".into(), true).unwrap();
    let old = json::parse(&text(&base())).unwrap();
    let a = breaking::compare(&old, &file);
    let b = compare(&base(), &v);
    assert_eq!(ids(&a), ["BREAKING-OP-REMOVED"]);
    assert_eq!(
        (a[0].line, a[0].column, &a[0].pointer),
        (b[0].line, b[0].column, &b[0].pointer)
    );
    assert_eq!(a[0].file, "x/apiDefinition.swagger.json");
    // A new version that is not JSON has nothing to compare (JSON-VALID reports it).
    std::fs::write(&p, "{ not json").unwrap();
    let broken = SourceFile::read(&p, "x".into(), true).unwrap();
    assert!(breaking::compare(&old, &broken).is_empty());
}

#[test]
fn recursive_and_looping_refs_terminate() {
    let mut v = base();
    at(&mut v, "/definitions").as_object_mut().unwrap().extend([
        ("A".to_string(), json!({"$ref": "#/definitions/B"})),
        ("B".to_string(), json!({"$ref": "#/definitions/A"})),
        (
            "Node".to_string(),
            json!({"type": "object", "properties": {
                "next": {"$ref": "#/definitions/Node"},
                "kids": {"type": "array", "items": {"$ref": "#/definitions/Node"}},
                "loop": {"$ref": "#/definitions/A"},
                "gone": {"$ref": "#/definitions/Missing"}
            }}),
        ),
    ]);
    *at(&mut v, "/paths/~1tasks~1{taskId}/get/responses/200") =
        json!({"description": "x", "schema": {"$ref": "#/definitions/Node"}});
    let api = Api::read(&json::parse(&text(&v)).unwrap());
    let get = api.get("GetTask").unwrap();
    let names: Vec<&str> = get.outputs.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.contains(&"next") && names.contains(&"kids[]") && names.contains(&"loop"),
        "{names:?}"
    );
    assert!(get.outputs.len() < 50, "{}", get.outputs.len());
    assert!(compare(&v, &v).is_empty());
    // A field removed from the recursive definition is found once per operation.
    let mut w = v.clone();
    remove(&mut w, "/definitions/Node/properties/gone");
    assert_eq!(ids(&compare(&v, &w)), ["BREAKING-RESPONSE-FIELD-REMOVED"]);
}

#[test]
fn operations_without_operation_id_are_keyed_by_method_and_path() {
    let old = json!({"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
        {"name": "q", "in": "query", "type": "string"}
    ], "responses": {"200": {"description": "OK"}}}}}});
    let mut new = old.clone();
    at(&mut new, "/paths/~1a/get/parameters/0")
        .as_object_mut()
        .unwrap()
        .insert("required".into(), json!(true));
    let f = compare(&old, &new);
    assert_eq!(ids(&f), ["BREAKING-PARAM-REQUIRED"]);
    assert!(
        f[0].message.starts_with("GET /a: query parameter 'q'"),
        "{}",
        f[0].message
    );
    // Giving it an operationId now is a change of key.
    let mut named = old.clone();
    at(&mut named, "/paths/~1a/get")
        .as_object_mut()
        .unwrap()
        .insert("operationId".into(), json!("GetA"));
    let f = compare(&old, &named);
    assert_eq!(ids(&f), ["BREAKING-OP-REMOVED"]);
    assert!(
        f[0].message.contains("now has operationId GetA"),
        "{}",
        f[0].message
    );
}

#[test]
fn dynamic_schemas_and_internal_fields_are_not_compared_inside() {
    let old = one(
        json!({"operationId": "Run", "responses": {"200": {"description": "OK", "schema": {
            "type": "object", "properties": {
                "dyn": {"type": "object", "x-ms-dynamic-schema": {"operationId": "Schema"}},
                "secret": {"type": "string", "x-ms-visibility": "internal"},
                "id": {"type": "string"}
            }
        }}}}),
    );
    let mut new = old.clone();
    // Gone: a field nobody could see. Changed: the dynamic object's declared properties.
    remove(
        &mut new,
        "/paths/~1items/post/responses/200/schema/properties/secret",
    );
    at(
        &mut new,
        "/paths/~1items/post/responses/200/schema/properties/dyn",
    )
    .as_object_mut()
    .unwrap()
    .insert("properties".into(), json!({"x": {"type": "string"}}));
    assert!(compare(&old, &new).is_empty());
    // A visible field made internal is breaking.
    at(
        &mut new,
        "/paths/~1items/post/responses/200/schema/properties/id",
    )
    .as_object_mut()
    .unwrap()
    .insert("x-ms-visibility".into(), json!("internal"));
    let f = compare(&old, &new);
    assert_eq!(ids(&f), ["BREAKING-VISIBILITY-INTERNAL"]);
    assert!(
        f[0].message.contains("response field 'id' is now internal"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_new_required_internal_parameter_with_a_default_is_not_breaking() {
    let old = one(
        json!({"operationId": "Run", "parameters": [], "responses": {"200": {"description": "OK"}}}),
    );
    let mut new = old.clone();
    at(&mut new, "/paths/~1items/post/parameters")
        .as_array_mut()
        .unwrap()
        .push(json!({
            "name": "kind", "in": "query", "type": "string", "required": true,
            "default": "x", "x-ms-visibility": "internal"
        }));
    assert!(compare(&old, &new).is_empty());
    remove(&mut new, "/paths/~1items/post/parameters/0/default");
    assert_eq!(ids(&compare(&old, &new)), ["BREAKING-PARAM-NEW-REQUIRED"]);
}

#[test]
fn required_fields_under_a_new_optional_object_are_not_new_required_inputs() {
    let schema = json!({"type": "object", "properties": {"a": {"type": "string"}}});
    let old = one(json!({"operationId": "Run", "parameters": [
        {"name": "body", "in": "body", "schema": schema}
    ], "responses": {"200": {"description": "OK"}}}));
    let mut new = old.clone();
    at(
        &mut new,
        "/paths/~1items/post/parameters/0/schema/properties",
    )
    .as_object_mut()
    .unwrap()
    .insert(
        "extra".into(),
        json!({"type": "object", "required": ["x"], "properties": {"x": {"type": "string"}}}),
    );
    assert!(compare(&old, &new).is_empty());
    // The same object, required itself: one finding, for the object.
    at(&mut new, "/paths/~1items/post/parameters/0/schema")
        .as_object_mut()
        .unwrap()
        .insert("required".into(), json!(["extra"]));
    let f = compare(&old, &new);
    assert_eq!(ids(&f), ["BREAKING-PARAM-NEW-REQUIRED"]);
    assert!(
        f[0].message.contains("body field 'extra'"),
        "{}",
        f[0].message
    );
}

#[test]
fn body_root_type_and_field_moved_out_of_the_body() {
    let old = one(json!({"operationId": "Run", "parameters": [
        {"name": "body", "in": "body", "required": true, "schema": {"type": "object", "properties": {
            "a": {"type": "string"}, "b": {"type": "string"}
        }}}
    ], "responses": {"200": {"description": "OK"}}}));
    let mut new = old.clone();
    remove(
        &mut new,
        "/paths/~1items/post/parameters/0/schema/properties/b",
    );
    at(&mut new, "/paths/~1items/post/parameters")
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "b", "in": "query", "type": "string"}));
    let f = compare(&old, &new);
    assert_eq!(ids(&f), ["BREAKING-PARAM-LOCATION"]);
    assert!(
        f[0].message.contains("moved from body to query"),
        "{}",
        f[0].message
    );

    let mut arr = old.clone();
    *at(&mut arr, "/paths/~1items/post/parameters/0/schema") =
        json!({"type": "array", "items": {"type": "string"}});
    let f = compare(&old, &arr);
    assert!(f.iter().any(|f| f.rule == "BREAKING-TYPE-CHANGED"
        && f.message
            .contains("the request body changed type from object to array")));
}

#[test]
fn all_of_properties_are_compared() {
    let mut old = one(
        json!({"operationId": "Run", "responses": {"200": {"description": "OK", "schema": {
            "allOf": [{"$ref": "#/definitions/Base"}, {"type": "object", "properties": {"b": {"type": "string"}}}]
        }}}}),
    );
    at(&mut old, "/definitions")
        .as_object_mut()
        .unwrap()
        .insert(
            "Base".into(),
            json!({"type": "object", "properties": {"a": {"type": "integer"}}}),
        );
    let mut new = old.clone();
    *at(&mut new, "/definitions/Base/properties/a/type") = json!("string");
    let f = compare(&old, &new);
    assert_eq!(ids(&f), ["BREAKING-TYPE-CHANGED"]);
    assert_eq!(f[0].pointer, "/definitions/Base/properties/a/type");
}

#[test]
fn a_response_that_loses_its_schema_is_reported_once() {
    let old = base();
    let mut new = base();
    remove(&mut new, "/paths/~1tasks/post/responses/201/schema");
    let f = compare(&old, &new);
    assert_eq!(ids(&f), ["BREAKING-RESPONSE-FIELD-REMOVED"]);
    assert_eq!(f[0].pointer, "/paths/~1tasks/post/responses/201");
    assert!(f[0]
        .message
        .contains("CreateTask (POST /tasks): the success response no longer has a schema"));
}

#[test]
fn two_parameters_removed_and_two_added_are_not_guessed_as_renames() {
    let old = one(json!({"operationId": "Run", "parameters": [
        {"name": "a", "in": "query", "type": "string"}, {"name": "b", "in": "query", "type": "string"}
    ], "responses": {"200": {"description": "OK"}}}));
    let new = one(json!({"operationId": "Run", "parameters": [
        {"name": "c", "in": "query", "type": "string"}, {"name": "d", "in": "query", "type": "string"}
    ], "responses": {"200": {"description": "OK"}}}));
    assert_eq!(
        ids(&compare(&old, &new)),
        ["BREAKING-PARAM-REMOVED", "BREAKING-PARAM-REMOVED"]
    );
    // A different type is not a rename either.
    let typed = one(json!({"operationId": "Run", "parameters": [
        {"name": "a", "in": "query", "type": "string"}, {"name": "x", "in": "query", "type": "integer"}
    ], "responses": {"200": {"description": "OK"}}}));
    assert_eq!(ids(&compare(&old, &typed)), ["BREAKING-PARAM-REMOVED"]);
}

#[test]
fn corpus_swaggers_compare_cleanly_and_removals_are_found() {
    let Some(corpus) = corpus_or_skip("corpus_swaggers_compare_cleanly_and_removals_are_found")
    else {
        return;
    };
    let mut swaggers = Vec::new();
    let mut stack = vec![corpus];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .to_string_lossy()
                .to_ascii_lowercase()
                .ends_with(".swagger.json")
            {
                swaggers.push(p);
            }
        }
    }
    assert!(swaggers.len() >= 30, "{}", swaggers.len());
    let mut removals = 0;
    for p in &swaggers {
        // A non-UTF-8 file is the document reader's business, not the comparison's.
        let Ok(raw) = std::fs::read_to_string(p) else {
            continue;
        };
        let t = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
        let Ok(root) = json::parse(t) else { continue };
        let name = p.display().to_string();
        assert!(
            breaking::compare_text(&root, &root, t, &name).is_empty(),
            "{name} differs from itself"
        );

        // The same document reordered and re-indented.
        let v: Value = serde_json::from_str(t).unwrap();
        let r = text(&reordered(&v));
        let rr = json::parse(&r).unwrap();
        let f = breaking::compare_text(&root, &rr, &r, &name);
        assert!(
            f.is_empty(),
            "{name}: reordering reported {:?}",
            f.iter().map(|f| &f.message).collect::<Vec<_>>()
        );

        // Remove the first operation that has an operationId used once.
        let api = Api::read(&root);
        let Some(op) = api.operations.iter().find(|o| {
            o.has_id
                && t.matches(&format!("\"operationId\": \"{}\"", o.key))
                    .count()
                    <= 1
        }) else {
            continue;
        };
        let mut w = v.clone();
        let ptr = op.loc.pointer.clone();
        remove(&mut w, &ptr);
        let wt = text(&w);
        let wr = json::parse(&wt).unwrap();
        let f = breaking::compare_text(&root, &wr, &wt, &name);
        for x in &f {
            assert_located(x, &wt);
        }
        assert!(
            f.iter()
                .any(|x| x.rule == "BREAKING-OP-REMOVED" && x.message.contains(&op.key)),
            "{name}: removing {} reported {:?}",
            op.key,
            f.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
        removals += 1;
    }
    assert!(removals >= 30, "{removals}");
}
