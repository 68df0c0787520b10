use super::*;
use crate::json::splice::edit_between;

/// The good fixture's swagger (2 spaces, LF).
fn good() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/check/good/apiDefinition.swagger.json"),
    )
    .unwrap()
}

const GET_TASK: &str = "/paths/~1tasks~1{taskId}/get";

fn spec(method: &str, path: &str, id: &str) -> OperationSpec {
    OperationSpec {
        method: method.into(),
        path: path.into(),
        operation_id: id.into(),
        summary: format!("Do {id}"),
        ..OperationSpec::default()
    }
}

fn v(text: &str) -> J {
    serde_json::from_str(text).unwrap()
}

/// The bytes the change replaced and what it put there.
fn diff(old: &str, new: &str) -> (String, String) {
    let e = edit_between(old, new);
    (old[e.span.start..e.span.end].to_string(), e.replacement)
}

#[test]
fn a_new_operation_is_one_insertion_in_the_files_style() {
    let old = good();
    let c = add_operation(
        &old,
        &OperationSpec {
            description: "Lists the tasks of a project.".into(),
            visibility: "advanced".into(),
            ..spec("get", "/projects/{projectId}/tasks", "ListTasks")
        },
    )
    .unwrap();
    assert_eq!(c.pointer, "/paths/~1projects~1{projectId}~1tasks/get");
    let (removed, added) = diff(&old, &c.text);
    assert_eq!(removed, "", "only an insertion");
    // A new path at the end of paths, two spaces a level, the file's key order.
    assert!(
        added.starts_with(",\n    \"/projects/{projectId}/tasks\": {\n      \"get\": {\n        \"summary\": \"Do ListTasks\",\n        \"description\": \"Lists the tasks of a project.\",\n        \"operationId\": \"ListTasks\",\n        \"x-ms-visibility\": \"advanced\",\n        \"parameters\": [\n          {\n            \"name\": \"projectId\",\n            \"in\": \"path\",\n            \"required\": true,\n            \"type\": \"string\",\n            \"x-ms-summary\": \"Project ID\",\n            \"x-ms-url-encoding\": \"single\"\n          }\n        ],\n        \"responses\": {"),
        "{added}"
    );
    let out = v(&c.text);
    assert_eq!(
        out.pointer("/paths/~1projects~1{projectId}~1tasks/get/responses/200/description"),
        Some(&json!("OK"))
    );
    // Into an existing path: after get, in the order of the methods.
    let c = add_operation(&old, &spec("delete", "/tasks/{taskId}", "DeleteTask")).unwrap();
    let (removed, added) = diff(&old, &c.text);
    assert_eq!(removed, "");
    assert!(
        added.starts_with(",\n      \"delete\": {\n        \"summary\""),
        "{added}"
    );
    let keys: Vec<String> = v(&c.text)["paths"]["/tasks/{taskId}"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["get", "delete"]);
    // Each operation has its own path parameters.
    assert_eq!(
        v(&c.text)["paths"]["/tasks/{taskId}"]["delete"]["parameters"][0]["name"],
        "taskId"
    );
}

#[test]
fn operations_go_into_empty_or_missing_paths() {
    let empty = "{\n    \"swagger\": \"2.0\",\n    \"paths\": {},\n    \"definitions\": {}\n}\n";
    let c = add_operation(empty, &spec("post", "/tasks", "CreateTask")).unwrap();
    assert!(
        c.text.starts_with("{\n    \"swagger\": \"2.0\",\n    \"paths\": {\n        \"/tasks\": {\n            \"post\": {\n                \"summary\": \"Do CreateTask\",\n"),
        "{}",
        c.text
    );
    assert!(c.text.ends_with("    },\n    \"definitions\": {}\n}\n"));
    let none =
        "{\r\n\t\"swagger\": \"2.0\",\r\n\t\"host\": \"a.example\",\r\n\t\"definitions\": {}\r\n}";
    let c = add_operation(none, &spec("get", "/a", "GetA")).unwrap();
    assert!(!c.text.replace("\r\n", "").contains('\n'), "CRLF only");
    assert!(
        c.text
            .contains("\r\n\t\"paths\": {\r\n\t\t\"/a\": {\r\n\t\t\t\"get\": {"),
        "{}",
        c.text
    );
    let keys: Vec<String> = v(&c.text).as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["swagger", "host", "paths", "definitions"]);
}

#[test]
fn problems_name_the_field() {
    let root = crate::json::parse(&good()).unwrap();
    let taken = operation_problems(&root, &spec("get", "/tasks/{taskId}", "gettask"), None);
    let fields: Vec<OpField> = taken.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, [OpField::Path, OpField::OperationId], "{taken:?}");
    assert!(taken[1].1.contains("GET /tasks/{taskId}"), "{taken:?}");
    // The operation itself is not a clash.
    assert!(operation_problems(
        &root,
        &spec("get", "/tasks/{taskId}", "GetTask"),
        Some(GET_TASK)
    )
    .is_empty());
    for (path, why) in [
        ("tasks", "starts with /"),
        ("/tasks/{id", "not closed"),
        ("/tasks/{}", "no name"),
        ("/a b", "space"),
        ("/a?x=1", "query"),
    ] {
        let p = operation_problems(&root, &spec("get", path, "X"), None);
        assert!(
            p.iter()
                .any(|(f, m)| *f == OpField::Path && m.contains(why)),
            "{path}: {p:?}"
        );
    }
    let mut s = spec("fetch", "/x", "");
    s.summary.clear();
    let p = operation_problems(&root, &s, None);
    let fields: Vec<OpField> = p.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        [OpField::Method, OpField::OperationId, OpField::Summary]
    );
    assert_eq!(
        add_operation(&good(), &s).unwrap_err().0,
        p[0].1,
        "the first problem is the error"
    );
}

#[test]
fn changing_a_field_touches_only_its_bytes() {
    let old = good();
    let root = crate::json::parse(&old).unwrap();
    let mut s = OperationSpec::read(&root, GET_TASK).unwrap();
    assert_eq!(s.operation_id, "GetTask");
    assert_eq!(s.visibility, "important");
    s.summary = "Get one task".into();
    let c = update_operation(&old, GET_TASK, &s).unwrap();
    assert_eq!(
        diff(&old, &c.text),
        ("task by ID".to_string(), "one task".to_string())
    );
    // Clearing the description removes its line; the visibility goes too.
    s.description.clear();
    s.visibility.clear();
    let c = update_operation(&old, GET_TASK, &s).unwrap();
    let out = v(&c.text);
    assert!(out.pointer(&format!("{GET_TASK}/description")).is_none());
    assert!(!c.text.contains("x-ms-visibility"));
    assert_eq!(c.text.lines().count(), old.lines().count() - 2);
    // Adding it back puts it where the file keeps it: after operationId.
    let back = update_operation(
        &c.text,
        GET_TASK,
        &OperationSpec::read(&root, GET_TASK).unwrap(),
    )
    .unwrap();
    assert_eq!(back.text, old, "cleared and restored: the same file");
}

#[test]
fn a_new_method_or_path_moves_the_operation_and_its_bytes() {
    let old = good();
    let root = crate::json::parse(&old).unwrap();
    let mut s = OperationSpec::read(&root, GET_TASK).unwrap();
    s.method = "post".into();
    let c = update_operation(&old, GET_TASK, &s).unwrap();
    assert_eq!(c.pointer, "/paths/~1tasks~1{taskId}/post");
    // The operation's own text is the same under its new name.
    let op_text =
        &old[root.pointer(GET_TASK).unwrap().span.start..root.pointer(GET_TASK).unwrap().span.end];
    assert!(
        c.text.contains(&format!("\"post\": {op_text}")),
        "{}",
        c.text
    );
    assert_eq!(c.text.len(), old.len() + 1);
    // A new path: the old one goes (it is empty), the new one gets the path parameters.
    s.path = "/projects/{projectId}/tasks/{taskId}".into();
    let c = update_operation(&old, GET_TASK, &s).unwrap();
    let out = v(&c.text);
    assert!(out["paths"].get("/tasks/{taskId}").is_none());
    let params = &out["paths"]["/projects/{projectId}/tasks/{taskId}"]["post"]["parameters"];
    let names: Vec<&str> = params
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["taskId", "projectId"]);
    assert_eq!(params[1]["x-ms-url-encoding"], "single");
    // Everything before paths is byte for byte the same.
    let at = old.find("\"paths\"").unwrap();
    assert_eq!(c.text[..at], old[..at]);
    let tail = old.find("  \"securityDefinitions\"").unwrap();
    assert!(c.text.ends_with(&old[tail..]));
}

#[test]
fn a_move_keeps_the_path_parameters_in_step_with_the_template() {
    let old = good();
    let root = crate::json::parse(&old).unwrap();
    let mut s = OperationSpec::read(&root, GET_TASK).unwrap();
    let names = |text: &str, path: &str| -> Vec<(String, String)> {
        v(text)["paths"][path]["get"]["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        (
                            p["name"].as_str().unwrap().to_string(),
                            p["description"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    // One variable renamed: the parameter is renamed, its description kept.
    s.path = "/tasks/{id}".into();
    let c = update_operation(&old, GET_TASK, &s).unwrap();
    assert_eq!(
        names(&c.text, "/tasks/{id}"),
        [("id".to_string(), "The identifier of the task.".to_string())]
    );
    // The variable gone: its parameter goes too (check would report it otherwise).
    s.path = "/tasks".into();
    let c = update_operation(&old, GET_TASK, &s).unwrap();
    assert!(names(&c.text, "/tasks").is_empty(), "{}", c.text);
    let found = crate::rules::testutil::swagger_findings(&c.text);
    assert!(
        !found
            .iter()
            .any(|f| f.rule.as_str().starts_with("PARAM-PATH")),
        "{found:#?}"
    );
}

#[test]
fn copies_keep_the_original_and_change_their_own_fields() {
    let old = good();
    let mut s = spec("put", "/tasks/{taskId}", "UpdateTask");
    s.summary = "Update task".into();
    let c = copy_operation(&old, GET_TASK, &s).unwrap();
    let out = v(&c.text);
    let orig = &out["paths"]["/tasks/{taskId}"]["get"];
    let copy = &out["paths"]["/tasks/{taskId}"]["put"];
    assert_eq!(
        orig,
        &v(&old)["paths"]["/tasks/{taskId}"]["get"],
        "the original is untouched"
    );
    assert_eq!(copy["operationId"], "UpdateTask");
    assert_eq!(copy["summary"], "Update task");
    assert_eq!(copy["responses"], orig["responses"]);
    assert_eq!(
        copy["parameters"].as_array().unwrap().len(),
        1,
        "no second taskId"
    );
    let (removed, _) = diff(&old, &c.text);
    assert_eq!(removed, "");
    // The copy needs its own operationId.
    let same = copy_operation(&old, GET_TASK, &spec("put", "/tasks/{taskId}", "GetTask"));
    assert!(same.unwrap_err().0.contains("already"));
}

#[test]
fn deleting_takes_the_path_only_when_it_is_left_empty() {
    let old = good();
    let added = add_operation(&old, &spec("delete", "/tasks/{taskId}", "DeleteTask")).unwrap();
    let root = crate::json::parse(&added.text).unwrap();
    assert!(!deletes_path(&root, &added.pointer));
    let back = delete_operation(&added.text, &added.pointer).unwrap();
    assert_eq!(back.text, old, "added then deleted: the same file");
    let root = crate::json::parse(&old).unwrap();
    assert!(deletes_path(&root, GET_TASK));
    let gone = delete_operation(&old, GET_TASK).unwrap();
    assert_eq!(v(&gone.text)["paths"], json!({}));
    assert!(
        gone.text
            .contains("\"paths\": {},\n  \"securityDefinitions\""),
        "{}",
        gone.text
    );
    assert!(delete_operation(&old, "/paths/~1nope/get").is_err());
}

fn param(name: &str, location: &str, ty: &str) -> ParamSpec {
    ParamSpec {
        name: name.into(),
        location: location.into(),
        ty: ty.into(),
        summary: title_case(name),
        description: format!("The {name}."),
        ..ParamSpec::default()
    }
}

#[test]
fn parameters_are_appended_typed_and_removed_cleanly() {
    let old = good();
    let mut p = param("top", "query", "integer");
    p.format = "int32".into();
    p.default = "10".into();
    p.enum_values = "10, 50,100".into();
    p.visibility = "advanced".into();
    let c = add_parameter(&old, GET_TASK, &p).unwrap();
    assert_eq!(c.pointer, format!("{GET_TASK}/parameters/1"));
    let (removed, added) = diff(&old, &c.text);
    assert_eq!(removed, "");
    assert!(added.starts_with(",\n          {\n            \"name\": \"top\",\n            \"in\": \"query\",\n            \"type\": \"integer\",\n            \"format\": \"int32\","), "{added}");
    let got = &v(&c.text)["paths"]["/tasks/{taskId}"]["get"]["parameters"][1];
    assert_eq!(got["default"], 10);
    assert_eq!(got["enum"], json!([10, 50, 100]));
    assert!(got.get("required").is_none());
    // Read back, it is the same parameter.
    let root = crate::json::parse(&c.text).unwrap();
    let read = ParamSpec::read(root.pointer(&c.pointer).unwrap());
    assert_eq!(read.enum_values, "10, 50, 100");
    assert_eq!(read.default, "10");
    // Deleted again: the same file.
    assert_eq!(delete_parameter(&c.text, &c.pointer).unwrap().text, old);
    // The only parameter: an empty list stays.
    let gone = delete_parameter(&old, &format!("{GET_TASK}/parameters/0")).unwrap();
    assert!(gone.text.contains("\"parameters\": [],"), "{}", gone.text);
    // Bad values say why.
    let mut bad = param("top", "query", "integer");
    bad.default = "ten".into();
    assert!(add_parameter(&old, GET_TASK, &bad)
        .unwrap_err()
        .0
        .contains("whole number"));
    bad.default.clear();
    bad.name = "taskId".into();
    bad.location = "path".into();
    assert!(add_parameter(&old, GET_TASK, &bad)
        .unwrap_err()
        .0
        .contains("already"));
    let nopath = param("projectId", "path", "string");
    assert!(add_parameter(&old, GET_TASK, &nopath)
        .unwrap_err()
        .0
        .contains("has no {projectId}"));
    assert!(delete_parameter(&old, "/parameters/top").is_err());
}

#[test]
fn a_parameter_list_is_created_where_the_file_keeps_it() {
    let text = "{\n  \"paths\": {\n    \"/a\": {\n      \"get\": {\n        \"summary\": \"A\",\n        \"operationId\": \"A\",\n        \"responses\": {}\n      }\n    }\n  }\n}\n";
    let c = add_parameter(text, "/paths/~1a/get", &param("q", "query", "string")).unwrap();
    let (removed, added) = diff(text, &c.text);
    assert_eq!(removed, "");
    assert!(added.starts_with("parameters\": [\n"), "{added}");
    assert!(
        c.text
            .contains("\"parameters\": [\n          {\n            \"name\": \"q\","),
        "{}",
        c.text
    );
    assert!(
        c.text.contains("],\n        \"responses\": {}"),
        "before responses: {}",
        c.text
    );
}

#[test]
fn updating_a_parameter_writes_only_what_changed() {
    let old = good();
    let ptr = format!("{GET_TASK}/parameters/0");
    let root = crate::json::parse(&old).unwrap();
    let current = ParamSpec::read(root.pointer(&ptr).unwrap());
    assert_eq!(
        current,
        ParamSpec {
            name: "taskId".into(),
            location: "path".into(),
            ty: "string".into(),
            format: String::new(),
            required: true,
            summary: "Task ID".into(),
            description: "The identifier of the task.".into(),
            ..ParamSpec::default()
        }
    );
    // Nothing changed: nothing written.
    assert_eq!(update_parameter(&old, &ptr, &current).unwrap().text, old);
    let mut s = current.clone();
    s.summary = "Task Key".into();
    let c = update_parameter(&old, &ptr, &s).unwrap();
    assert_eq!(diff(&old, &c.text), ("ID".into(), "Key".into()));
    // A path parameter stays required.
    let mut s = current.clone();
    s.set(ParamField::Required, "false".into());
    assert_eq!(update_parameter(&old, &ptr, &s).unwrap().text, old);
    // A new type, format and default: those members only.
    let mut s = current.clone();
    s.set(ParamField::Type, "integer".into());
    s.format = "int64".into();
    let c = update_parameter(&old, &ptr, &s).unwrap();
    let got = &v(&c.text)["paths"]["/tasks/{taskId}"]["get"]["parameters"][0];
    assert_eq!(got["type"], "integer");
    assert_eq!(got["format"], "int64");
    assert_eq!(c.text.lines().count(), old.lines().count() + 1);
    // Into a body: the type goes into a schema; back out of it, the schema goes.
    let mut s = current.clone();
    s.name = "task".into();
    s.location = "body".into();
    s.ty = "object".into();
    let e = update_parameter(&old, &ptr, &s).unwrap_err();
    assert!(e.0.contains("type is one of"), "{e}");
    s.ty = "string".into();
    let c = update_parameter(&old, &ptr, &s).unwrap();
    let got = &v(&c.text)["paths"]["/tasks/{taskId}"]["get"]["parameters"][0];
    assert_eq!(got["schema"], json!({"type": "string"}));
    assert!(got.get("type").is_none() && got["in"] == "body");
    let again = update_parameter(&c.text, &ptr, &current).unwrap();
    let got = &v(&again.text)["paths"]["/tasks/{taskId}"]["get"]["parameters"][0];
    assert!(
        got.get("schema").is_none() && got["type"] == "string",
        "{got}"
    );
}

#[test]
fn pointers_name_their_operation_and_parameter() {
    assert_eq!(
        split_op_pointer(GET_TASK),
        Some(("/tasks/{taskId}".to_string(), "get".to_string()))
    );
    assert_eq!(
        operation_of(&format!("{GET_TASK}/parameters/0/description")).as_deref(),
        Some(GET_TASK)
    );
    assert_eq!(
        parameter_of(&format!("{GET_TASK}/parameters/3/x-ms-summary")),
        Some(format!("{GET_TASK}/parameters/3"))
    );
    assert_eq!(
        parameter_of("/parameters/top/description").as_deref(),
        Some("/parameters/top")
    );
    assert_eq!(parameter_of(&format!("{GET_TASK}/summary")), None);
    assert_eq!(operation_of("/info/title"), None);
    assert_eq!(operation_of("/paths/~1a/parameters/0"), None);
    assert_eq!(path_variables("/a/{b}/c/{d}"), ["b", "d"]);
}

#[test]
fn a_shared_parameter_is_deleted_only_when_nothing_refers_to_it() {
    let mut doc = v(&good());
    doc["parameters"] = serde_json::json!({
        "top": {"name": "top", "in": "query", "type": "integer", "x-ms-summary": "Top", "description": "How many."},
        "a/b": {"name": "ab", "in": "query", "type": "string", "x-ms-summary": "AB", "description": "A and B."}
    });
    doc["paths"]["/tasks/{taskId}"]["get"]["parameters"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"$ref": "#/parameters/top"}));
    let old = serde_json::to_string_pretty(&doc).unwrap();
    let e = delete_shared_parameter(&old, "/parameters/top").unwrap_err();
    assert!(e.to_string().contains("used by 1 $ref"), "{e}");
    // An unused one (its name escaped in the pointer) goes, and nothing else changes.
    let c = delete_shared_parameter(&old, "/parameters/a~1b").unwrap();
    let out = v(&c.text);
    assert!(out["parameters"].get("a/b").is_none());
    assert!(out["parameters"].get("top").is_some());
    let (gone, put) = diff(&old, &c.text);
    assert!(gone.contains("\"a/b\""), "{gone}");
    assert!(!put.contains("top"), "{put}");
    assert!(delete_shared_parameter(&old, "/paths/x").is_err());
}
