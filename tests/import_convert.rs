//! The importer as a library: OpenAPI 3.0 (YAML) and 3.1 (JSON) fixtures converted to
//! Swagger 2.0 and the structure asserted, operation selection, notes with their source
//! lines, and the rules engine run on the result.

mod common;

use connector_wizard::generate::blank::{apply_facts, BlankFacts};
use connector_wizard::import::{
    convert, list_operations, parse_source, read_source, ImportOptions, Imported, NoteKind,
    SourceDoc, SpecVersion,
};
use serde_json::{json, Value};

fn doc(name: &str) -> SourceDoc {
    read_source(&common::fixture("import").join(name)).unwrap()
}

fn import(name: &str, ops: &[&str]) -> Imported {
    let d = doc(name);
    convert(
        &d,
        &ImportOptions {
            operations: ops.iter().map(|s| s.to_string()).collect(),
        },
    )
    .unwrap()
}

fn at<'v>(v: &'v Value, ptr: &str) -> &'v Value {
    v.pointer(ptr).unwrap_or_else(|| {
        panic!(
            "{ptr} missing in {}",
            serde_json::to_string_pretty(v).unwrap()
        )
    })
}

/// The note whose pointer is `ptr`.
fn note<'i>(imp: &'i Imported, kind: NoteKind, ptr: &str) -> &'i connector_wizard::import::Note {
    imp.notes
        .iter()
        .find(|n| n.kind == kind && n.pointer == ptr)
        .unwrap_or_else(|| panic!("no {kind:?} note at {ptr}: {:#?}", imp.notes))
}

#[test]
fn openapi30_yaml_converts_servers_bodies_components_and_security() {
    let imp = import("larkspur.openapi.yaml", &[]);
    let s = &imp.swagger;
    assert_eq!(imp.version, SpecVersion::OpenApi30);
    assert_eq!(s["swagger"], "2.0");
    // Servers with variables: defaults substituted, the variable choices reported.
    assert_eq!(s["host"], "eu.api.larkspur.example");
    assert_eq!(s["basePath"], "/v2");
    assert_eq!(s["schemes"], json!(["https"]));
    let n = note(&imp, NoteKind::Changed, "/servers/0/variables/region");
    assert_eq!(n.line, 15);
    assert!(
        n.message.contains("\"eu\"") && n.message.contains("us, ap"),
        "{}",
        n.message
    );
    assert_eq!(note(&imp, NoteKind::NotConverted, "/servers/1").line, 20);
    assert_eq!(
        s["info"]["version"], "2.1",
        "a YAML number becomes a version string"
    );

    // Every operation is kept, in source order, with its parameters and success response.
    let ids: Vec<&str> = imp
        .operations
        .iter()
        .map(|o| o.operation_id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "ListProjects",
            "CreateTask",
            "GetTask",
            "DeleteTask",
            "AddAttachment",
            "AddComment"
        ]
    );
    let list = at(s, "/paths/~1projects/get");
    assert_eq!(list["operationId"], "ListProjects");
    assert_eq!(list["summary"], "List projects");
    assert!(list["description"].as_str().unwrap().ends_with('.'));
    assert_eq!(
        note(&imp, NoteKind::Review, "/paths/~1projects/get").line,
        30
    );
    let status = at(list, "/parameters/0");
    assert_eq!(status["type"], "array");
    assert_eq!(status["collectionFormat"], "csv", "explode: false");
    assert_eq!(
        status["items"],
        json!({"type": "string", "enum": ["open", "done", "archived"]})
    );
    assert_eq!(status["x-ms-summary"], "Status");
    assert_eq!(at(list, "/parameters/1/format"), "uuid");
    assert_eq!(
        list["parameters"].as_array().unwrap().len(),
        2,
        "the cookie is left out"
    );
    assert_eq!(
        note(
            &imp,
            NoteKind::NotConverted,
            "/paths/~1projects/get/parameters/2"
        )
        .line,
        47
    );
    assert_eq!(
        at(list, "/responses/200/schema/items/$ref"),
        "#/definitions/Project"
    );
    assert_eq!(at(list, "/responses/400/description"), "A client error.");
    note(
        &imp,
        NoteKind::Changed,
        "/paths/~1projects/get/responses/4XX",
    );

    // A JSON request body: one body parameter; a shared path parameter in place.
    let item = at(s, "/paths/~1projects~1{projectId}~1tasks");
    assert_eq!(
        item["parameters"][0],
        json!({"name": "projectId", "in": "path", "required": true, "type": "integer",
               "format": "int64", "x-ms-summary": "Project ID", "description": "The project.",
               "x-ms-url-encoding": "single"})
    );
    let create = &item["post"];
    assert_eq!(create["operationId"], "CreateTask");
    note(
        &imp,
        NoteKind::Changed,
        "/paths/~1projects~1{projectId}~1tasks/post/operationId",
    );
    assert_eq!(create["consumes"], json!(["application/json"]));
    assert_eq!(create["parameters"][0]["in"], "body");
    assert_eq!(create["parameters"][0]["required"], true);
    assert_eq!(
        create["parameters"][0]["schema"],
        json!({"$ref": "#/definitions/NewTask"})
    );
    assert_eq!(
        at(create, "/responses/201/schema/$ref"),
        "#/definitions/Task"
    );
    assert_eq!(
        create["responses"]["default"],
        json!({"description": "Something failed."})
    );
    assert_eq!(create["security"], json!([{"oauth": ["tasks.write"]}]));

    // Form data: multipart with a file, and url-encoded fields from a component.
    let attach = at(s, "/paths/~1tasks~1{taskId}~1attachments/post");
    assert_eq!(attach["consumes"], json!(["multipart/form-data"]));
    let file = at(attach, "/parameters/1");
    assert_eq!(
        (&file["name"], &file["in"], &file["type"], &file["required"]),
        (
            &json!("file"),
            &json!("formData"),
            &json!("file"),
            &json!(true)
        )
    );
    assert_eq!(at(attach, "/parameters/2/type"), "string");
    let comment = at(s, "/paths/~1tasks~1{taskId}~1comments/post");
    assert_eq!(
        comment["consumes"],
        json!(["application/x-www-form-urlencoded"])
    );
    let fields: Vec<(&str, &str)> = comment["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["in"] == "formData")
        .map(|p| (p["name"].as_str().unwrap(), p["type"].as_str().unwrap()))
        .collect();
    assert_eq!(fields, [("text", "string"), ("notify", "boolean")]);
    note(
        &imp,
        NoteKind::NotConverted,
        "/paths/~1tasks~1{taskId}~1comments/post/callbacks",
    );
    assert_eq!(
        at(
            s,
            "/paths/~1tasks~1{taskId}/get/responses/200/headers/X-Rate-Limit/type"
        ),
        "integer"
    );

    // Components: nested $refs rewritten, nullable, enums, arrays of objects, oneOf merged.
    let defs = s["definitions"].as_object().unwrap();
    let names: Vec<&str> = defs.keys().map(String::as_str).collect();
    assert_eq!(names, ["Status", "User", "Project", "NewTask", "Task"]);
    assert_eq!(
        defs["NewTask"]["properties"]["status"],
        json!({"$ref": "#/definitions/Status"})
    );
    assert_eq!(defs["NewTask"]["properties"]["dueDate"]["x-nullable"], true);
    assert!(defs["NewTask"]["properties"]["dueDate"]
        .get("nullable")
        .is_none());
    let task = &defs["Task"]["allOf"];
    assert_eq!(task[0], json!({"$ref": "#/definitions/NewTask"}));
    let props = &task[1]["properties"];
    assert_eq!(props["owner"], json!({"$ref": "#/definitions/User"}));
    assert_eq!(
        props["subtasks"]["items"],
        json!({"$ref": "#/definitions/Task"}),
        "recursive"
    );
    assert_eq!(
        props["labels"]["items"]["properties"]["colour"]["x-nullable"],
        true
    );
    let assignee = &props["assignee"];
    assert_eq!(assignee["type"], "object");
    let merged: Vec<&str> = assignee["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(merged, ["id", "email", "members"]);
    assert_eq!(assignee["required"], json!(["id"]));
    assert_eq!(
        assignee["properties"]["members"]["items"]["$ref"],
        "#/definitions/User"
    );
    assert_eq!(props["score"]["type"], "number", "integer or number");
    assert!(
        note(
            &imp,
            NoteKind::Changed,
            "/components/schemas/Task/allOf/1/properties/assignee/oneOf"
        )
        .line
            > 250
    );

    // Security schemes of each kind.
    let sec = &s["securityDefinitions"];
    assert_eq!(
        sec["apiKeyHeader"],
        json!({"type": "apiKey", "in": "header", "name": "X-Api-Key"})
    );
    assert_eq!(
        sec["bearerAuth"],
        json!({"type": "apiKey", "in": "header", "name": "Authorization"})
    );
    assert_eq!(
        sec["oauth"],
        json!({"type": "oauth2", "flow": "accessCode",
               "authorizationUrl": "https://auth.larkspur.example/authorize",
               "tokenUrl": "https://auth.larkspur.example/token",
               "scopes": {"tasks.read": "Read tasks", "tasks.write": "Write tasks"}})
    );
    assert!(sec.get("apiKeyCookie").is_none() && sec.get("oidc").is_none());
    assert!(sec.get("basicAuth").is_none(), "no kept operation uses it");
    note(
        &imp,
        NoteKind::NotConverted,
        "/components/securitySchemes/apiKeyCookie",
    );
    note(
        &imp,
        NoteKind::NotConverted,
        "/components/securitySchemes/oidc",
    );
    note(
        &imp,
        NoteKind::NotConverted,
        "/components/securitySchemes/oauth/flows/clientCredentials",
    );
    note(
        &imp,
        NoteKind::Changed,
        "/components/securitySchemes/bearerAuth",
    );
    note(
        &imp,
        NoteKind::Changed,
        "/components/securitySchemes/basicAuth",
    );
    assert_eq!(
        s["security"],
        json!([{"apiKeyHeader": []}, {"bearerAuth": []}])
    );
    assert_eq!(
        s["tags"],
        json!([{"name": "tasks", "description": "Task operations"}])
    );
    assert!(s["info"].get("x-logo").is_none());
    note(&imp, NoteKind::NotConverted, "/info/x-logo");
}

#[test]
fn openapi31_json_converts_type_lists_const_and_reports_the_rest() {
    let imp = import("notes31.openapi.json", &[]);
    let s = &imp.swagger;
    assert_eq!(imp.version, SpecVersion::OpenApi31);
    // A relative server: a base path, no host (the session or --host gives it).
    assert_eq!(s["basePath"], "/api/v3");
    assert!(s.get("host").is_none());
    note(&imp, NoteKind::Review, "/servers/0/url");
    let get = at(s, "/paths/~1notes~1{noteId}/get");
    assert_eq!(get["operationId"], "GetNote");
    assert_eq!(get["summary"], "Get note");
    let id = &get["parameters"][0];
    assert_eq!(
        (&id["minimum"], &id["exclusiveMinimum"]),
        (&json!(0), &json!(true))
    );
    assert_eq!(
        get["parameters"][1]["type"], "string",
        "an object parameter is text"
    );
    note(
        &imp,
        NoteKind::NotConverted,
        "/paths/~1notes~1{noteId}/get/parameters/1/style",
    );
    assert_eq!(at(get, "/responses/200/schema/$ref"), "#/definitions/Note");
    let post = at(s, "/paths/~1notes/post");
    assert_eq!(post["operationId"], "CreateNote");
    assert_eq!(
        post["parameters"][0]["schema"],
        json!({"$ref": "#/definitions/NewNote"})
    );
    note(
        &imp,
        NoteKind::Changed,
        "/components/requestBodies/NoteBody/content/application~1json/schema",
    );
    let new = &s["definitions"]["NewNote"]["properties"];
    assert_eq!(new["text"], json!({"type": "string", "x-nullable": true}));
    assert_eq!(new["kind"], json!({"enum": ["plain"]}));
    assert_eq!(
        new["colour"],
        json!({"allOf": [{"$ref": "#/definitions/Colour"}], "x-nullable": true})
    );
    assert_eq!(new["pos"]["items"], json!({"type": "number"}));
    assert_eq!(new["meta"], json!({"example": {"a": 1}}));
    note(
        &imp,
        NoteKind::NotConverted,
        "/components/schemas/NewNote/properties/pos/prefixItems",
    );
    note(
        &imp,
        NoteKind::NotConverted,
        "/components/schemas/NewNote/properties/meta/if",
    );
    assert_eq!(
        s["definitions"]["Note"]["allOf"][0]["$ref"],
        "#/definitions/NewNote"
    );
    // basic kept; OpenID Connect reported and its requirement dropped; an implicit flow.
    assert_eq!(s["securityDefinitions"]["basic"], json!({"type": "basic"}));
    assert_eq!(
        s["securityDefinitions"]["implicitOnly"],
        json!({"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://quill.example/auth", "scopes": {"notes:write": "Write notes"}})
    );
    assert_eq!(s["security"], json!([{"basic": []}]));
    note(&imp, NoteKind::NotConverted, "/security/1");
    note(&imp, NoteKind::NotConverted, "/webhooks");
    note(&imp, NoteKind::NotConverted, "/info/summary");
}

#[test]
fn selected_operations_keep_only_what_they_use() {
    let imp = import(
        "larkspur.openapi.yaml",
        &["GetTask", "post /tasks/{taskId}/comments"],
    );
    let paths: Vec<&String> = imp.swagger["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/tasks/{taskId}", "/tasks/{taskId}/comments"]);
    assert!(imp.swagger["paths"]["/tasks/{taskId}"]
        .get("delete")
        .is_none());
    let defs: Vec<&String> = imp.swagger["definitions"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(defs, ["Status", "User", "NewTask", "Task"]);
    // The source's own operationId (any case) selects too.
    assert_eq!(
        import("larkspur.openapi.yaml", &["createtask"])
            .operations
            .len(),
        1
    );
    let d = doc("larkspur.openapi.yaml");
    let err = convert(
        &d,
        &ImportOptions {
            operations: vec!["GetTasks".into()],
        },
    )
    .unwrap_err();
    assert!(err.message.contains("no operation GetTasks"), "{err}");
    assert!(err.help.contains("GetTask"), "{err}");
}

#[test]
fn imported_document_with_the_facts_passes_the_rules() {
    let imp = import("larkspur.openapi.yaml", &[]);
    let mut s = imp.swagger.clone();
    apply_facts(
        &mut s,
        &BlankFacts {
            title: "Larkspur Tasks".into(),
            publisher: Some("Ada Example".into()),
            contact_url: Some("https://ada.example".into()),
            contact_email: Some("ada@ada.example".into()),
            website: Some("https://larkspur.example".into()),
            privacy_policy: Some("https://larkspur.example/privacy".into()),
            categories: vec!["Productivity".into()],
            ..BlankFacts::default()
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apiDefinition.swagger.json");
    std::fs::write(&path, serde_json::to_string_pretty(&s).unwrap()).unwrap();
    let c = connector_wizard::document::Connector::load(&path, None).unwrap();
    let errors: Vec<_> = connector_wizard::rules::check(&c, &Default::default())
        .into_iter()
        .filter(|f| f.severity == connector_wizard::rules::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn reimporting_the_converted_document_keeps_it() {
    let first = import("larkspur.openapi.yaml", &[]);
    let text = first.to_json();
    let again = convert(
        &parse_source(text.as_bytes(), "converted.json").unwrap(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(again.version, SpecVersion::Swagger2);
    assert_eq!(again.swagger["paths"], first.swagger["paths"]);
    assert_eq!(again.swagger["definitions"], first.swagger["definitions"]);
    assert!(
        again.notes.iter().all(|n| n.kind != NoteKind::NotConverted),
        "{:#?}",
        again.notes
    );
}

fn err_of(text: &str, name: &str) -> connector_wizard::import::ImportError {
    let d = match parse_source(text.as_bytes(), name) {
        Ok(d) => d,
        Err(e) => return e,
    };
    convert(&d, &ImportOptions::default()).unwrap_err()
}

#[test]
fn bad_input_is_refused_with_its_place() {
    let e = err_of("{\n  \"name\": \"not an API\"\n}\n", "x.json");
    assert!(
        e.message.contains("not an OpenAPI or Swagger document"),
        "{e}"
    );
    let e = err_of("openapi: 2.5\ninfo: {}\n", "x.yaml");
    assert_eq!(e.line, 1);
    assert!(e.message.contains("not supported"), "{e}");
    let e = err_of(
        "openapi: 3.0.0\npaths:\n  /a: &a\n    get:\n      x: *a\n",
        "x.yaml",
    );
    assert!(e.message.contains("anchor loop"), "{e}");
    assert_eq!(e.line, 5);
    let mut bomb = String::from("openapi: 3.0.0\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let e = err_of(&bomb, "bomb.yaml");
    assert!(e.message.contains("billion laughs"), "{e}");
    assert!(e.line > 2, "{e}");
    let unknown = "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Missing'\n";
    let e = err_of(unknown, "u.yaml");
    assert!(e.message.contains("#/components/schemas/Missing"), "{e}");
    assert_eq!(e.line, 12);
    assert_eq!(
        e.pointer,
        "/paths/~1a/get/responses/200/content/application~1json/schema/$ref"
    );
    assert!(e.to_string().starts_with("u.yaml:12: "), "{e}");
    let e = err_of(
        &unknown.replace("#/components/schemas/Missing", "common.yaml#/Thing"),
        "u.yaml",
    );
    assert!(e.message.contains("another file"), "{e}");
    assert!(e.help.contains("bundle"), "{e}");
    let e = err_of("openapi: 3.0.0\npaths: {}\n", "empty.yaml");
    assert!(e.message.contains("no operations"), "{e}");
}

#[test]
fn a_50_mb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let e = read_source(&path).unwrap_err();
    assert!(
        e.message.contains("52.4 MB") && e.message.contains("limit"),
        "{e}"
    );
    assert_eq!(e.file, path.display().to_string());
}

#[test]
fn corpus_swaggers_import_without_panicking_and_keep_their_operations() {
    let Some(corpus) = common::corpus_or_skip("corpus_swaggers_import") else {
        return;
    };
    let mut imported = 0;
    let mut refused = 0;
    for folder in common::corpus_folders(&corpus) {
        let Some(file) = std::fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.to_string_lossy()
                    .to_ascii_lowercase()
                    .ends_with(".swagger.json")
            })
        else {
            continue;
        };
        let Ok(d) = read_source(&file) else {
            refused += 1;
            continue;
        };
        let Ok(source_ops) = list_operations(&d) else {
            refused += 1;
            continue;
        };
        match convert(&d, &ImportOptions::default()) {
            Ok(imp) => {
                imported += 1;
                let kept: Vec<(String, String)> = imp
                    .operations
                    .iter()
                    .map(|o| (o.method.clone(), o.path.clone()))
                    .collect();
                let all: Vec<(String, String)> = source_ops
                    .iter()
                    .map(|o| (o.method.clone(), o.path.clone()))
                    .collect();
                assert_eq!(kept, all, "{}", file.display());
                for o in &imp.operations {
                    let ptr = format!("{}/operationId", o.pointer);
                    let got = imp.swagger.pointer(&ptr).and_then(Value::as_str);
                    assert_eq!(
                        got,
                        Some(o.operation_id.as_str()),
                        "{} {ptr}",
                        file.display()
                    );
                    if let Some(src) = &o.source_id {
                        if src.chars().all(|c| c.is_ascii_alphanumeric())
                            && src.starts_with(|c: char| c.is_ascii_uppercase())
                        {
                            let unique = source_ops
                                .iter()
                                .filter(|x| {
                                    x.source_id
                                        .as_deref()
                                        .is_some_and(|y| y.eq_ignore_ascii_case(src))
                                })
                                .count()
                                == 1;
                            if unique {
                                assert_eq!(&o.operation_id, src, "{}", file.display());
                            }
                        }
                    }
                }
                // A second import of the result keeps the same operations and paths.
                let again = convert(
                    &parse_source(imp.to_json().as_bytes(), "again.json").unwrap(),
                    &ImportOptions::default(),
                )
                .unwrap();
                assert_eq!(
                    again.swagger["paths"],
                    imp.swagger["paths"],
                    "{}",
                    file.display()
                );
            }
            Err(e) => {
                refused += 1;
                assert!(e.line > 0 || !e.message.is_empty(), "{e}");
            }
        }
    }
    eprintln!("corpus: {imported} imported, {refused} refused with a message");
    assert!(imported >= 20, "only {imported} corpus swaggers imported");
}

#[test]
fn truncated_and_mangled_documents_never_panic() {
    for name in ["larkspur.openapi.yaml", "notes31.openapi.json"] {
        let text = std::fs::read_to_string(common::fixture("import").join(name)).unwrap();
        let mut outcomes = [0usize; 2];
        let cuts = (1..text.len())
            .step_by(37)
            .filter(|i| text.is_char_boundary(*i));
        for cut in cuts {
            let variants = [
                text[..cut].to_string(),
                format!("{}{}", &text[..cut], &text[(cut + 3).min(text.len())..]),
            ];
            for v in variants {
                let ok = parse_source(v.as_bytes(), name)
                    .and_then(|d| convert(&d, &ImportOptions::default()))
                    .is_ok();
                outcomes[usize::from(ok)] += 1;
            }
        }
        // Some cuts still make a document, most do not; none crashes.
        assert!(outcomes[0] > 0 && outcomes[1] > 0, "{name}: {outcomes:?}");
    }
}
