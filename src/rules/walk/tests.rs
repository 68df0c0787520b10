//! Tests of the operation, parameter and response rules: one passing and one failing case per
//! rule on swaggers written here, plus a run over the real connectors of the corpus.

use crate::document::{Connector, ConnectorKind};
use crate::json::apply_edits;
use crate::rules::{check, CheckOptions, Family, Finding, Severity};
use serde_json::{json, Value};

use Severity::{Error as E, Info as I, Warning as W};

fn mine(f: &Finding) -> bool {
    matches!(
        f.rule.rule().family,
        Family::Operations | Family::Parameters | Family::Responses
    )
}

/// A swagger in which every operation, parameter and response rule passes. It has a shared
/// path parameter, a shared response, a definition used by two operations, a body parameter
/// and a webhook trigger.
fn good() -> Value {
    json!({
      "swagger": "2.0",
      "info": {"title": "Contoso Tasks", "description": "Manage tasks and projects in Contoso Tasks from your flows.", "version": "1.0"},
      "host": "api.contoso.com",
      "basePath": "/v1",
      "schemes": ["https"],
      "paths": {
        "/tasks/{taskId}": {
          "parameters": [{"$ref": "#/parameters/TaskId"}],
          "get": {
            "summary": "Get task by ID",
            "description": "Retrieves one task by its identifier.",
            "operationId": "GetTask",
            "x-ms-visibility": "important",
            "parameters": [{
              "name": "fields", "in": "query", "required": false, "type": "string",
              "x-ms-summary": "Fields", "description": "The fields to return, separated by commas."
            }],
            "responses": {
              "200": {"description": "The task.", "schema": {"$ref": "#/definitions/Task"}},
              "default": {"description": "Operation failed."}
            }
          },
          "patch": {
            "summary": "Update task",
            "description": "Changes the title of a task.",
            "operationId": "UpdateTask",
            "x-ms-visibility": "advanced",
            "parameters": [{
              "name": "body", "in": "body", "required": true, "description": "The new values of the task.",
              "schema": {"type": "object", "properties": {
                "title": {"type": "string", "x-ms-summary": "Title", "description": "The new title."}
              }}
            }],
            "responses": {
              "200": {"description": "The task.", "schema": {"$ref": "#/definitions/Task"}},
              "404": {"$ref": "#/responses/NotFound"}
            }
          }
        },
        "/tasks": {
          "post": {
            "summary": "Create task",
            "description": "Creates a task in a project.",
            "operationId": "CreateTask",
            "x-ms-visibility": "important",
            "parameters": [{
              "name": "project", "in": "query", "required": true, "type": "string",
              "x-ms-summary": "Project", "description": "The project that gets the task."
            }],
            "responses": {
              "201": {"description": "The new task.", "schema": {"type": "object", "properties": {
                "id": {"type": "string", "x-ms-summary": "New Task ID", "description": "The identifier of the new task."}
              }}},
              "204": {"description": "Nothing was created."}
            }
          }
        },
        "/hooks": {
          "x-ms-notification-content": {"description": "A task.", "schema": {"$ref": "#/definitions/Task"}},
          "post": {
            "summary": "When a task is created",
            "description": "This operation triggers when a task is created.",
            "operationId": "OnTaskCreated",
            "x-ms-visibility": "important",
            "x-ms-trigger": "single",
            "parameters": [{
              "name": "body", "in": "body", "required": true, "description": "The subscription.",
              "schema": {"type": "object", "properties": {
                "url": {"type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal"}
              }}
            }],
            "responses": {"201": {"description": "Subscribed."}}
          }
        }
      },
      "parameters": {
        "TaskId": {
          "name": "taskId", "in": "path", "required": true, "type": "string",
          "x-ms-summary": "Task ID", "description": "The identifier of the task.", "x-ms-url-encoding": "single"
        }
      },
      "responses": {"NotFound": {"description": "The task was not found."}},
      "definitions": {
        "Task": {"type": "object", "properties": {
          "id": {"type": "string", "x-ms-summary": "Task ID", "description": "The identifier of the task."},
          "tags": {"type": "array", "items": {"type": "string"}, "x-ms-summary": "Tags", "description": "The labels of the task."}
        }}
      }
    })
}

struct Run {
    text: String,
    findings: Vec<Finding>,
    _dir: tempfile::TempDir,
}

/// Writes the swagger to a temporary connector folder and runs the whole check; keeps the
/// findings of this module's rule families.
fn run(v: &Value) -> Run {
    let text = serde_json::to_string_pretty(v).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("apiDefinition.swagger.json"), &text).unwrap();
    let c = Connector::load(dir.path(), Some(ConnectorKind::IndependentPublisher)).unwrap();
    let findings = check(&c, &CheckOptions::default())
        .into_iter()
        .filter(|f| f.file.ends_with("apiDefinition.swagger.json") && mine(f))
        .collect();
    Run {
        text,
        findings,
        _dir: dir,
    }
}

/// The 1-based line of the `nth` (0-based) occurrence of `needle`.
fn line_of(text: &str, needle: &str, nth: usize) -> usize {
    let (at, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} (#{nth}) is not in the swagger:\n{text}"));
    text[..at].matches('\n').count() + 1
}

fn ptr_mut<'v>(v: &'v mut Value, ptr: &str) -> &'v mut Value {
    v.pointer_mut(ptr)
        .unwrap_or_else(|| panic!("no {ptr} in the fixture"))
}

/// Sets `key` of the object at `ptr`.
fn set(v: &mut Value, ptr: &str, key: &str, val: Value) {
    ptr_mut(v, ptr)
        .as_object_mut()
        .unwrap()
        .insert(key.to_string(), val);
}

/// Removes `key` of the object at `ptr` (keeping the order of the others).
fn del(v: &mut Value, ptr: &str, key: &str) {
    assert!(
        ptr_mut(v, ptr)
            .as_object_mut()
            .unwrap()
            .shift_remove(key)
            .is_some(),
        "no {key} at {ptr}"
    );
}

/// Appends to the array at `ptr`.
fn push(v: &mut Value, ptr: &str, val: Value) {
    ptr_mut(v, ptr).as_array_mut().unwrap().push(val);
}

const GET: &str = "/paths/~1tasks~1{taskId}/get";
const PATCH: &str = "/paths/~1tasks~1{taskId}/patch";
const POST: &str = "/paths/~1tasks/post";
const HOOK: &str = "/paths/~1hooks/post";

/// An expected finding: rule, severity, pointer, and its line as the line of the `nth`
/// occurrence of `needle` plus `delta`.
struct Exp {
    rule: &'static str,
    sev: Severity,
    ptr: String,
    needle: &'static str,
    nth: usize,
    delta: isize,
}

fn exp(rule: &'static str, sev: Severity, ptr: &str, needle: &'static str) -> Exp {
    Exp {
        rule,
        sev,
        ptr: ptr.to_string(),
        needle,
        nth: 0,
        delta: 0,
    }
}

impl Exp {
    fn nth(mut self, n: usize) -> Self {
        self.nth = n;
        self
    }
    /// The finding is on the line before the needle (an object whose first key is the needle).
    fn above(mut self) -> Self {
        self.delta = -1;
        self
    }
    /// The finding is on the line after the needle (a member added after it).
    fn below(mut self) -> Self {
        self.delta = 1;
        self
    }
}

/// Runs a mutated swagger and asserts this module's findings are exactly `want`.
fn assert_case(name: &str, v: &Value, want: Vec<Exp>) -> Run {
    let r = run(v);
    let mut got: Vec<(&str, Severity, String, usize)> = r
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity, f.pointer.clone(), f.line))
        .collect();
    let mut expected: Vec<(&str, Severity, String, usize)> = want
        .iter()
        .map(|e| {
            let line = (line_of(&r.text, e.needle, e.nth) as isize + e.delta) as usize;
            (e.rule, e.sev, e.ptr.clone(), line)
        })
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected, "case {name}: findings {:#?}", r.findings);
    for f in &r.findings {
        assert!(
            f.column >= 1 && !f.message.is_empty() && !f.help.is_empty(),
            "case {name}: {f:?}"
        );
    }
    r
}

#[test]
fn the_good_swagger_passes() {
    let r = run(&good());
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
}

#[test]
fn operation_rules() {
    type Case = (&'static str, fn(&mut Value), fn() -> Vec<Exp>);
    let cases: Vec<Case> = vec![
        (
            "summary missing",
            |v| del(v, GET, "summary"),
            || vec![exp("OP-SUMMARY-PRESENT", E, GET, "\"get\": {")],
        ),
        (
            "summary text (check_field)",
            |v| set(v, GET, "summary", json!("Get task.")),
            || {
                vec![exp(
                    "OP-SUMMARY-END-ALNUM",
                    E,
                    &format!("{GET}/summary"),
                    "\"summary\": \"Get task.\"",
                )]
            },
        ),
        (
            "summary not a string",
            |v| set(v, GET, "summary", json!(3)),
            || {
                vec![exp(
                    "OP-SUMMARY-PRESENT",
                    E,
                    &format!("{GET}/summary"),
                    "\"summary\": 3",
                )]
            },
        ),
        (
            "description missing",
            |v| del(v, GET, "description"),
            || vec![exp("OP-DESC-PRESENT", E, GET, "\"get\": {")],
        ),
        (
            "description text",
            |v| set(v, GET, "description", json!("Retrieves one task")),
            || {
                vec![exp(
                    "OP-DESC-SENTENCE",
                    W,
                    &format!("{GET}/description"),
                    "\"description\": \"Retrieves one task\"",
                )]
            },
        ),
        (
            "operationId missing",
            |v| del(v, PATCH, "operationId"),
            || vec![exp("OPID-PRESENT", E, PATCH, "\"patch\": {")],
        ),
        (
            "operationId case",
            |v| set(v, PATCH, "operationId", json!("updateTask")),
            || {
                vec![exp(
                    "OPID-CASE",
                    W,
                    &format!("{PATCH}/operationId"),
                    "\"operationId\": \"updateTask\"",
                )]
            },
        ),
        (
            "operationId repeated",
            |v| set(v, PATCH, "operationId", json!("GetTask")),
            || {
                vec![exp(
                    "OPID-UNIQUE",
                    E,
                    &format!("{PATCH}/operationId"),
                    "\"operationId\": \"GetTask\"",
                )
                .nth(1)]
            },
        ),
        (
            "visibility missing",
            |v| del(v, POST, "x-ms-visibility"),
            || vec![exp("OP-VISIBILITY", W, POST, "\"post\": {")],
        ),
        (
            "visibility value",
            |v| set(v, POST, "x-ms-visibility", json!("hidden")),
            || {
                vec![exp(
                    "OP-VISIBILITY",
                    E,
                    &format!("{POST}/x-ms-visibility"),
                    "\"x-ms-visibility\": \"hidden\"",
                )]
            },
        ),
        (
            "empty operation",
            |v| {
                set(
                    v,
                    "/paths",
                    "/ping",
                    json!({"get": {"summary": "Ping service", "description": "Checks the service.", "operationId": "Ping", "x-ms-visibility": "internal"}}),
                );
            },
            || {
                vec![
                    exp("OP-NOT-EMPTY", E, "/paths/~1ping/get", "\"get\": {").nth(1),
                    exp("RESPONSE-PRESENT", E, "/paths/~1ping/get", "\"get\": {").nth(1),
                ]
            },
        ),
        (
            "GET with a body",
            |v| {
                push(
                    v,
                    &format!("{GET}/parameters"),
                    json!({"name": "filter", "in": "body", "description": "The filter.", "schema": {"type": "string"}}),
                );
            },
            || {
                vec![exp(
                    "OP-GET-NO-BODY",
                    E,
                    &format!("{GET}/parameters/1"),
                    "\"name\": \"filter\"",
                )
                .above()]
            },
        ),
        (
            "trigger kind",
            |v| set(v, HOOK, "x-ms-trigger", json!("many")),
            || {
                vec![exp(
                    "TRIG-KIND",
                    E,
                    &format!("{HOOK}/x-ms-trigger"),
                    "\"x-ms-trigger\": \"many\"",
                )]
            },
        ),
    ];
    for (name, mutate, want) in cases {
        let mut v = good();
        mutate(&mut v);
        assert_case(name, &v, want());
    }
}

#[test]
fn operation_messages_name_the_operation() {
    let mut v = good();
    set(&mut v, PATCH, "operationId", json!("GetTask"));
    del(&mut v, POST, "summary");
    let r = run(&v);
    let dup = r.findings.iter().find(|f| f.rule == "OPID-UNIQUE").unwrap();
    assert!(
        dup.message.contains("GetTask") && dup.message.contains("GET /tasks/{taskId}"),
        "{}",
        dup.message
    );
    let sum = r
        .findings
        .iter()
        .find(|f| f.rule == "OP-SUMMARY-PRESENT")
        .unwrap();
    assert!(
        sum.message.contains("CreateTask (POST /tasks)"),
        "{}",
        sum.message
    );
}

#[test]
fn summary_fix_comes_from_the_field_rules() {
    let mut v = good();
    set(&mut v, GET, "summary", json!("Get task."));
    let r = run(&v);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "OP-SUMMARY-END-ALNUM")
        .unwrap();
    let fix = f.fix.as_ref().expect("a fix");
    let (out, dropped) = apply_edits(&r.text, &fix.edits);
    assert_eq!(dropped, 0);
    assert!(out.contains("\"summary\": \"Get task\","));
}

#[test]
fn parameter_rules() {
    type Case = (&'static str, fn(&mut Value), fn() -> Vec<Exp>);
    let cases: Vec<Case> = vec![
        (
            "x-ms-summary missing",
            |v| del(v, &format!("{GET}/parameters/0"), "x-ms-summary"),
            || {
                vec![exp(
                    "PARAM-SUMMARY-PRESENT",
                    E,
                    &format!("{GET}/parameters/0"),
                    "\"name\": \"fields\"",
                )
                .above()]
            },
        ),
        (
            "body properties without x-ms-summary",
            |v| {
                del(
                    v,
                    &format!("{PATCH}/parameters/0/schema/properties/title"),
                    "x-ms-summary",
                );
            },
            || {
                vec![exp(
                    "PARAM-SUMMARY-PRESENT",
                    W,
                    &format!("{PATCH}/parameters/0"),
                    "\"name\": \"body\"",
                )
                .above()]
            },
        ),
        (
            "x-ms-summary case (check_field)",
            |v| {
                set(
                    v,
                    &format!("{GET}/parameters/0"),
                    "x-ms-summary",
                    json!("Field list"),
                )
            },
            || {
                vec![exp(
                    "PARAM-SUMMARY-CASE",
                    W,
                    &format!("{GET}/parameters/0/x-ms-summary"),
                    "\"x-ms-summary\": \"Field list\"",
                )]
            },
        ),
        (
            "description missing",
            |v| del(v, &format!("{GET}/parameters/0"), "description"),
            || {
                vec![exp(
                    "PARAM-DESC-PRESENT",
                    E,
                    &format!("{GET}/parameters/0"),
                    "\"name\": \"fields\"",
                )
                .above()]
            },
        ),
        (
            "description text",
            |v| {
                set(
                    v,
                    &format!("{GET}/parameters/0"),
                    "description",
                    json!("the fields to return"),
                )
            },
            || {
                vec![exp(
                    "PARAM-DESC-SENTENCE",
                    W,
                    &format!("{GET}/parameters/0/description"),
                    "\"description\": \"the fields to return\"",
                )]
            },
        ),
        (
            "visibility value",
            |v| {
                set(
                    v,
                    &format!("{GET}/parameters/0"),
                    "x-ms-visibility",
                    json!("none"),
                )
            },
            || {
                vec![exp(
                    "PARAM-VISIBILITY-ENUM",
                    E,
                    &format!("{GET}/parameters/0/x-ms-visibility"),
                    "\"x-ms-visibility\": \"none\"",
                )]
            },
        ),
        (
            "internal default not required",
            |v| {
                let p = format!("{GET}/parameters/0");
                set(v, &p, "x-ms-visibility", json!("internal"));
                set(v, &p, "default", json!("id,title"));
            },
            || {
                vec![exp(
                    "PARAM-INTERNAL-DEFAULT",
                    W,
                    &format!("{GET}/parameters/0"),
                    "\"name\": \"fields\"",
                )
                .above()]
            },
        ),
        (
            "path parameter not required",
            |v| set(v, "/parameters/TaskId", "required", json!(false)),
            || {
                vec![exp(
                    "PARAM-PATH-REQUIRED",
                    E,
                    "/parameters/TaskId/required",
                    "\"required\": false",
                )
                .nth(1)]
            },
        ),
        (
            "template name without a parameter",
            |v| del(v, "/paths/~1tasks~1{taskId}", "parameters"),
            || {
                vec![
                    exp("PARAM-PATH-REQUIRED", E, GET, "\"get\": {"),
                    exp("PARAM-PATH-REQUIRED", E, PATCH, "\"patch\": {"),
                ]
            },
        ),
        (
            "path parameter not in the template",
            |v| {
                push(
                    v,
                    &format!("{POST}/parameters"),
                    json!({
                        "name": "listId", "in": "path", "required": true, "type": "string", "x-ms-summary": "List ID",
                        "description": "The list.", "x-ms-url-encoding": "single"
                    }),
                );
            },
            || {
                vec![exp(
                    "PARAM-PATH-REQUIRED",
                    E,
                    &format!("{POST}/parameters/1"),
                    "\"name\": \"listId\"",
                )
                .above()]
            },
        ),
        (
            "path parameter without encoding",
            |v| del(v, "/parameters/TaskId", "x-ms-url-encoding"),
            || {
                vec![exp(
                    "PARAM-PATH-ENCODING",
                    W,
                    "/parameters/TaskId",
                    "\"TaskId\": {",
                )]
            },
        ),
        (
            "path parameter with a bad encoding",
            |v| {
                set(
                    v,
                    "/parameters/TaskId",
                    "x-ms-url-encoding",
                    json!("triple"),
                )
            },
            || {
                vec![exp(
                    "PARAM-PATH-ENCODING",
                    W,
                    "/parameters/TaskId/x-ms-url-encoding",
                    "\"x-ms-url-encoding\": \"triple\"",
                )]
            },
        ),
        (
            "connectionId",
            |v| {
                set(
                    v,
                    &format!("{GET}/parameters/0"),
                    "name",
                    json!("connectionId"),
                )
            },
            || {
                vec![exp(
                    "PARAM-NO-CONNECTIONID",
                    E,
                    &format!("{GET}/parameters/0/name"),
                    "\"name\": \"connectionId\"",
                )]
            },
        ),
        (
            "two bodies",
            |v| {
                push(
                    v,
                    &format!("{PATCH}/parameters"),
                    json!({"name": "extra", "in": "body", "description": "More values.", "schema": {"type": "string"}}),
                );
            },
            || {
                vec![exp(
                    "PARAM-ONE-BODY",
                    E,
                    &format!("{PATCH}/parameters/1"),
                    "\"name\": \"extra\"",
                )
                .above()]
            },
        ),
        (
            "body and formData",
            |v| {
                push(
                    v,
                    &format!("{PATCH}/parameters"),
                    json!({"name": "file", "in": "formData", "type": "file", "x-ms-summary": "File", "description": "The file."}),
                );
            },
            || {
                vec![exp(
                    "PARAM-ONE-BODY",
                    E,
                    &format!("{PATCH}/parameters/1"),
                    "\"name\": \"file\"",
                )
                .above()]
            },
        ),
        (
            "duplicate parameter",
            |v| {
                let dup = ptr_mut(v, &format!("{GET}/parameters/0")).clone();
                push(v, &format!("{GET}/parameters"), dup);
            },
            || {
                vec![exp(
                    "PARAM-DUP",
                    E,
                    &format!("{GET}/parameters/1"),
                    "\"name\": \"fields\"",
                )
                .nth(1)
                .above()]
            },
        ),
        (
            "inline parameter repeated in three operations",
            |v| {
                let q = ptr_mut(v, &format!("{GET}/parameters/0")).clone();
                push(v, &format!("{PATCH}/parameters"), q.clone());
                push(v, &format!("{POST}/parameters"), q);
            },
            || {
                vec![exp(
                    "PARAM-REF-SHARED",
                    I,
                    &format!("{GET}/parameters/0"),
                    "\"name\": \"fields\"",
                )
                .above()]
            },
        ),
    ];
    for (name, mutate, want) in cases {
        let mut v = good();
        mutate(&mut v);
        assert_case(name, &v, want());
    }
}

#[test]
fn parameter_rules_pass() {
    // An internal parameter needs no x-ms-summary; with a default it must be required.
    let mut v = good();
    let p = format!("{GET}/parameters/0");
    set(&mut v, &p, "x-ms-visibility", json!("internal"));
    del(&mut v, &p, "x-ms-summary");
    set(&mut v, &p, "default", json!("id"));
    set(&mut v, &p, "required", json!(true));
    assert_case("internal, required, default", &v, vec![]);

    // A parameter repeated in two operations only is fine; so is an operation-level
    // parameter that overrides the path-level one, and the same name in another location.
    let mut v = good();
    let q = ptr_mut(&mut v, &p).clone();
    push(&mut v, &format!("{PATCH}/parameters"), q);
    push(
        &mut v,
        &format!("{PATCH}/parameters"),
        json!({"$ref": "#/parameters/TaskId"}),
    );
    push(
        &mut v,
        &format!("{GET}/parameters"),
        json!({
            "name": "fields", "in": "header", "type": "string", "x-ms-summary": "Fields", "description": "The fields, as a header."
        }),
    );
    assert_case("two uses, override, other location", &v, vec![]);

    // A body with only internal or nested-object properties needs no labels.
    let mut v = good();
    set(
        &mut v,
        &format!("{PATCH}/parameters/0/schema/properties"),
        "owner",
        json!({
            "type": "object", "properties": {"name": {"type": "string", "x-ms-summary": "Owner Name", "description": "Who owns it."}}
        }),
    );
    assert_case("nested body object", &v, vec![]);
}

#[test]
fn path_encoding_fix_inserts_the_member() {
    // Inline parameter in an operation, overriding the shared one.
    let mut v = good();
    set(
        &mut v,
        GET,
        "parameters",
        json!([{
            "name": "taskId", "in": "path", "required": true, "type": "string",
            "x-ms-summary": "Task ID", "description": "The identifier of the task."
        }]),
    );
    let r = run(&v);
    let f: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.rule == "PARAM-PATH-ENCODING")
        .collect();
    assert_eq!(f.len(), 1, "{:#?}", r.findings);
    assert_eq!(f[0].pointer, format!("{GET}/parameters/0"));
    assert!(f[0].message.contains("\"taskId\""), "{}", f[0].message);
    let fix = f[0].fix.as_ref().expect("a fix for an inline parameter");
    let (out, dropped) = apply_edits(&r.text, &fix.edits);
    assert_eq!(dropped, 0);
    let fixed: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        fixed.pointer(&format!("{GET}/parameters/0/x-ms-url-encoding")),
        Some(&json!("single"))
    );
    // Only that parameter changed: the rest of the text is byte-identical.
    let added = "\n            \"x-ms-url-encoding\": \"single\"";
    assert_eq!(out.replacen(&format!(",{added}"), "", 1), r.text);
    // And the fixed file passes.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("apiDefinition.swagger.json"), &out).unwrap();
    let c = Connector::load(dir.path(), Some(ConnectorKind::IndependentPublisher)).unwrap();
    assert!(!check(&c, &CheckOptions::default())
        .iter()
        .any(|f| f.rule == "PARAM-PATH-ENCODING"));
}

#[test]
fn path_encoding_fix_on_a_shared_parameter() {
    // The fix goes into the /parameters definition itself, never next to a $ref.
    let mut v = good();
    del(&mut v, "/parameters/TaskId", "x-ms-url-encoding");
    let r = run(&v);
    let f: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.rule == "PARAM-PATH-ENCODING")
        .collect();
    assert_eq!(f.len(), 1, "{:#?}", r.findings);
    let (out, dropped) = apply_edits(&r.text, &f[0].fix.as_ref().expect("a fix").edits);
    assert_eq!(dropped, 0);
    let fixed: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        fixed.pointer("/parameters/TaskId/x-ms-url-encoding"),
        Some(&json!("single"))
    );
    assert_eq!(
        fixed.pointer("/paths/~1tasks~1{taskId}/parameters/0"),
        Some(&json!({"$ref": "#/parameters/TaskId"}))
    );
}

#[test]
fn no_fix_when_the_file_is_not_editable() {
    let mut v = good();
    del(&mut v, "/parameters/TaskId", "x-ms-url-encoding");
    set(&mut v, "/info", "x-note", json!("MARK"));
    let text = serde_json::to_string_pretty(&v).unwrap();
    // A stray Latin-1 byte: the file is read lossily and must not be written back.
    let mut raw = text.replacen("MARK", "M\u{1}RK", 1).into_bytes();
    let at = raw.iter().position(|&b| b == 1).unwrap();
    raw[at] = 0xE9;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("apiDefinition.swagger.json"), &raw).unwrap();
    let c = Connector::load(dir.path(), Some(ConnectorKind::IndependentPublisher)).unwrap();
    let f = check(&c, &CheckOptions::default());
    let enc = f
        .iter()
        .find(|f| f.rule == "PARAM-PATH-ENCODING")
        .expect("still reported");
    assert!(enc.fix.is_none());
}

#[test]
fn response_rules() {
    type Case = (&'static str, fn(&mut Value), fn() -> Vec<Exp>);
    let cases: Vec<Case> = vec![
        (
            "no responses",
            |v| del(v, GET, "responses"),
            || vec![exp("RESPONSE-PRESENT", E, GET, "\"get\": {")],
        ),
        (
            "no 2xx",
            |v| {
                set(
                    v,
                    GET,
                    "responses",
                    json!({"404": {"description": "Not found."}}),
                )
            },
            || {
                vec![exp(
                    "RESPONSE-PRESENT",
                    E,
                    &format!("{GET}/responses"),
                    "\"404\": {",
                )
                .above()]
            },
        ),
        (
            "200 without schema",
            |v| del(v, &format!("{GET}/responses/200"), "schema"),
            || {
                vec![exp(
                    "RESPONSE-SCHEMA",
                    E,
                    &format!("{GET}/responses/200"),
                    "\"200\": {",
                )]
            },
        ),
        (
            "polling trigger without schema",
            |v| {
                set(
                    v,
                    "/paths",
                    "/poll",
                    json!({"get": {
                        "summary": "When a task is due", "description": "This operation triggers when a task is due.",
                        "operationId": "OnTaskDue", "x-ms-visibility": "important", "x-ms-trigger": "batch",
                        "responses": {"200": {"description": "Due tasks."}}
                    }}),
                );
            },
            || {
                vec![exp(
                    "RESPONSE-SCHEMA",
                    E,
                    "/paths/~1poll/get/responses/200",
                    "\"description\": \"Due tasks.\"",
                )
                .above()]
            },
        ),
        (
            "empty schema",
            |v| set(v, &format!("{GET}/responses/200"), "schema", json!({})),
            || {
                vec![exp(
                    "RESPONSE-NO-EMPTY-SCHEMA",
                    E,
                    &format!("{GET}/responses/200/schema"),
                    "\"schema\": {}",
                )]
            },
        ),
        (
            "schema on default",
            |v| {
                set(
                    v,
                    &format!("{GET}/responses/default"),
                    "schema",
                    json!({"type": "string"}),
                )
            },
            || {
                vec![exp(
                    "RESPONSE-NO-DEFAULT-SCHEMA",
                    E,
                    &format!("{GET}/responses/default/schema"),
                    "\"description\": \"Operation failed.\"",
                )
                .below()]
            },
        ),
        (
            "only default",
            |v| {
                set(
                    v,
                    POST,
                    "responses",
                    json!({"default": {"description": "Done."}}),
                )
            },
            || {
                vec![exp(
                    "RESPONSE-NO-DEFAULT-SCHEMA",
                    E,
                    &format!("{POST}/responses"),
                    "\"default\": {",
                )
                .nth(1)
                .above()]
            },
        ),
        (
            "two schemas",
            |v| {
                set(
                    v,
                    &format!("{GET}/responses"),
                    "400",
                    json!({"description": "Bad.", "schema": {"type": "object", "properties": {}}}),
                );
            },
            || {
                vec![exp(
                    "RESPONSE-ONE-SCHEMA",
                    W,
                    &format!("{GET}/responses/400/schema"),
                    "\"description\": \"Bad.\"",
                )
                .below()]
            },
        ),
        (
            "empty property",
            |v| set(v, "/definitions/Task/properties", "extra", json!({})),
            || {
                vec![exp(
                    "RESPONSE-NO-EMPTY-PROPS",
                    W,
                    "/definitions/Task/properties/extra",
                    "\"extra\": {}",
                )]
            },
        ),
        (
            "bad status key",
            |v| {
                set(
                    v,
                    &format!("{GET}/responses"),
                    "2XX",
                    json!({"description": "Fine."}),
                )
            },
            || {
                vec![exp(
                    "RESPONSE-CODES",
                    E,
                    &format!("{GET}/responses/2XX"),
                    "\"2XX\"",
                )]
            },
        ),
        (
            "property strings",
            |v| {
                set(
                    v,
                    "/definitions/Task/properties/id",
                    "x-ms-summary",
                    json!("task id"),
                )
            },
            || {
                vec![exp(
                    "RESP-PROP-STRINGS",
                    W,
                    "/definitions/Task/properties/id/x-ms-summary",
                    "\"x-ms-summary\": \"task id\"",
                )]
            },
        ),
        (
            "property description",
            |v| {
                set(
                    v,
                    &format!("{POST}/responses/201/schema/properties/id"),
                    "description",
                    json!("The new ID"),
                );
            },
            || {
                vec![exp(
                    "RESP-PROP-STRINGS",
                    W,
                    &format!("{POST}/responses/201/schema/properties/id/description"),
                    "\"description\": \"The new ID\"",
                )]
            },
        ),
    ];
    for (name, mutate, want) in cases {
        let mut v = good();
        mutate(&mut v);
        let r = assert_case(name, &v, want());
        if let Some(f) = r.findings.iter().find(|f| f.rule == "RESPONSE-ONE-SCHEMA") {
            assert!(f.message.contains("200, 400"), "{}", f.message);
            assert!(
                f.help.contains("describe the errors without one"),
                "{}",
                f.help
            );
        }
    }
}

#[test]
fn response_schema_by_method() {
    // A POST without a schema may return nothing: a warning; a DELETE: nothing.
    let mut v = good();
    del(&mut v, &format!("{POST}/responses/201"), "schema");
    let r = run(&v);
    let f: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.rule == "RESPONSE-SCHEMA")
        .collect();
    assert_eq!(f.len(), 1, "{:#?}", r.findings);
    assert_eq!(f[0].severity, W);
    assert!(f[0].help.contains("if it returns none"), "{}", f[0].help);
    let mut v = good();
    set(
        &mut v,
        "/paths/~1tasks~1{taskId}",
        "delete",
        json!({"summary": "Delete task", "description": "Deletes a task.", "operationId": "DeleteTask",
               "x-ms-visibility": "advanced", "responses": {"200": {"description": "Deleted."}}}),
    );
    let r = run(&v);
    assert!(
        !r.findings.iter().any(|f| f.rule == "RESPONSE-SCHEMA"),
        "{:#?}",
        r.findings
    );
    // Two success responses with schemas: keep the one flows use most.
    let mut v = good();
    set(
        &mut v,
        &format!("{GET}/responses"),
        "203",
        json!({"description": "Cached.", "schema": {"$ref": "#/definitions/Task"}}),
    );
    let r = run(&v);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "RESPONSE-ONE-SCHEMA")
        .unwrap();
    assert!(f.help.contains("flows use most (200)"), "{}", f.help);
}

#[test]
fn body_and_internal_parameters_need_no_description() {
    let mut v = good();
    let body = format!("{PATCH}/parameters/0");
    del(&mut v, &body, "description");
    let p = format!("{GET}/parameters/0");
    set(&mut v, &p, "x-ms-visibility", json!("internal"));
    set(&mut v, &p, "required", json!(true));
    set(&mut v, &p, "default", json!("id"));
    del(&mut v, &p, "description");
    let r = run(&v);
    assert!(
        !r.findings.iter().any(|f| f.rule == "PARAM-DESC-PRESENT"),
        "{:#?}",
        r.findings
    );
}

#[test]
fn response_rules_pass() {
    // 202 and 204 need no schema; dynamic output needs none; a webhook trigger with
    // x-ms-notification-content needs none (the good swagger has 204 and a webhook).
    let mut v = good();
    set(
        &mut v,
        PATCH,
        "responses",
        json!({"202": {"description": "Accepted."}, "204": {"description": "Updated."}}),
    );
    set(
        &mut v,
        POST,
        "responses",
        json!({"200": {"description": "The task.", "x-ms-dynamic-schema": {"operationId": "GetSchema"}}}),
    );
    // A one-word description may go without a period.
    set(
        &mut v,
        "/definitions/Task/properties/id",
        "description",
        json!("identifier"),
    );
    // An empty property that is required stays.
    set(&mut v, "/definitions/Task/properties", "extra", json!({}));
    set(&mut v, "/definitions/Task", "required", json!(["extra"]));
    assert_case("no schema needed", &v, vec![]);
}

#[test]
fn shared_things_are_reported_once() {
    // The definition is used by two operations and the notification: one finding.
    let mut v = good();
    set(
        &mut v,
        "/definitions/Task/properties/id",
        "x-ms-summary",
        json!("task id"),
    );
    set(
        &mut v,
        "/definitions/Task/properties/id",
        "description",
        json!("the id"),
    );
    let r = run(&v);
    let f: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.rule == "RESP-PROP-STRINGS")
        .collect();
    assert_eq!(f.len(), 1, "{:#?}", r.findings);
    assert!(
        f[0].message.contains("Title Case") && f[0].message.contains("end with '.'"),
        "{}",
        f[0].message
    );

    // A shared parameter with no description: once, at /parameters/TaskId.
    let mut v = good();
    del(&mut v, "/parameters/TaskId", "description");
    push(
        &mut v,
        &format!("{POST}/parameters"),
        json!({"$ref": "#/parameters/TaskId"}),
    );
    set(
        &mut v,
        "/paths",
        "/tasks/{taskId}/done",
        json!({"post": {
            "summary": "Complete task", "description": "Marks a task as done.", "operationId": "CompleteTask",
            "x-ms-visibility": "advanced", "parameters": [{"$ref": "#/parameters/TaskId"}],
            "responses": {"204": {"description": "Done."}}
        }}),
    );
    let r = run(&v);
    let desc: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.rule == "PARAM-DESC-PRESENT")
        .collect();
    assert_eq!(desc.len(), 1, "{:#?}", r.findings);
    assert_eq!(desc[0].pointer, "/parameters/TaskId");
    // … but its use in /tasks, whose template has no {taskId}, is reported at the $ref.
    let tpl: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.rule == "PARAM-PATH-REQUIRED")
        .collect();
    assert_eq!(tpl.len(), 1, "{:#?}", r.findings);
    assert_eq!(tpl[0].pointer, format!("{POST}/parameters/1"));
    assert_eq!(
        tpl[0].line,
        line_of(&r.text, "\"$ref\": \"#/parameters/TaskId\"", 1) - 1
    );

    // A shared response with a schema used as default: reported at the use.
    let mut v = good();
    set(
        &mut v,
        "/responses",
        "Error",
        json!({"description": "Failed.", "schema": {"type": "object", "properties": {"message": {"type": "string"}}}}),
    );
    set(
        &mut v,
        &format!("{GET}/responses"),
        "default",
        json!({"$ref": "#/responses/Error"}),
    );
    let r = run(&v);
    let d: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.rule == "RESPONSE-NO-DEFAULT-SCHEMA")
        .collect();
    assert_eq!(d.len(), 1, "{:#?}", r.findings);
    assert_eq!(d[0].pointer, format!("{GET}/responses/default"));
    assert!(
        d[0].message.contains("#/responses/Error"),
        "{}",
        d[0].message
    );
}

#[test]
fn loops_and_missing_refs_are_harmless() {
    let mut v = good();
    set(
        &mut v,
        "/parameters",
        "A",
        json!({"$ref": "#/parameters/B"}),
    );
    set(
        &mut v,
        "/parameters",
        "B",
        json!({"$ref": "#/parameters/A"}),
    );
    push(
        &mut v,
        &format!("{GET}/parameters"),
        json!({"$ref": "#/parameters/A"}),
    );
    push(
        &mut v,
        &format!("{GET}/parameters"),
        json!({"$ref": "#/parameters/Missing"}),
    );
    push(
        &mut v,
        &format!("{GET}/parameters"),
        json!({"$ref": "other.json#/parameters/X"}),
    );
    set(
        &mut v,
        &format!("{PATCH}/responses"),
        "500",
        json!({"$ref": "#/responses/Missing"}),
    );
    // A self-referencing definition (a tree) and a pair that refer to each other.
    set(
        &mut v,
        "/definitions",
        "Node",
        json!({"type": "object", "properties": {
            "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}},
            "peer": {"$ref": "#/definitions/Peer"},
            "name": {"type": "string", "x-ms-summary": "node name"}
        }}),
    );
    set(
        &mut v,
        "/definitions",
        "Peer",
        json!({"allOf": [{"$ref": "#/definitions/Node"}]}),
    );
    set(
        &mut v,
        &format!("{POST}/responses/201"),
        "schema",
        json!({"$ref": "#/definitions/Node"}),
    );
    let r = run(&v);
    let ids: Vec<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(ids, vec!["RESP-PROP-STRINGS"], "{:#?}", r.findings);
    assert_eq!(
        r.findings[0].pointer,
        "/definitions/Node/properties/name/x-ms-summary"
    );
}

#[test]
fn kinds_and_non_objects_do_not_panic() {
    let v = json!({
        "swagger": "2.0",
        "paths": {
            "/a": [],
            "/b": {"get": "x", "post": {"parameters": [1, "p", null, {"in": "path"}], "responses": []}},
            "/c/{}": {"put": {"responses": {"200": {"schema": {"properties": []}}}}},
            "/d": {"get": {"summary": ["x"], "description": null, "operationId": 7, "x-ms-visibility": false,
                            "x-ms-trigger": 1, "responses": {"200": {"description": "x", "schema": {"items": 3}}}}}
        },
        "parameters": [],
        "definitions": "none"
    });
    let r = run(&v);
    assert!(!r.findings.is_empty());
    for f in &r.findings {
        assert!(f.line >= 1 && f.line <= r.text.lines().count(), "{f:?}");
    }
    assert!(r
        .findings
        .iter()
        .any(|f| f.rule == "OPID-PRESENT" && f.pointer == "/paths/~1d/get/operationId"));
    assert!(r.findings.iter().any(|f| f.rule == "TRIG-KIND"));
}

#[test]
fn pointers_are_escaped() {
    use super::{Loc, Tok};
    let loc = Loc::root().key("paths").key("/a~b/{id}").key("get").idx(3);
    assert_eq!(loc.ptr(), "/paths/~1a~0b~1{id}/get/3");
    assert_eq!(Loc::root().idx(0).idx(10).idx(1234).ptr(), "/0/10/1234");
    assert_eq!(
        Loc::of_ref("#/definitions/Task").ptr_with(&[Tok::Key("properties"), Tok::Key("x/y")]),
        "/definitions/Task/properties/x~1y"
    );
    assert_eq!(Loc::root().ptr(), "");
}
