//! What reviewers send back, replayed on a clean connector: each request of the reference's
//! "most frequent review findings" (§5) and of the calibration issue's list, made as a change
//! to `tests/fixtures/check/good` (which passes every rule), must be reported by `check` as an
//! error or a warning under the rule that names it. The test prints how many of the requests
//! are seen, and fails on the first one that is not.

use connector_wizard::document::{Connector, ConnectorKind};
use connector_wizard::rules::{check, CheckOptions, Severity};
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};

/// One review request: what the reviewer asks, the change that provokes it, the rule.
struct Request {
    asks: &'static str,
    change: fn(&mut Folder),
    rule: &'static str,
}

/// A copy of the clean connector, edited as JSON values and files.
struct Folder {
    dir: PathBuf,
    swagger: Value,
    props: Value,
    pr_title: Option<String>,
    /// Raw swagger text used instead of `swagger` (for changes JSON values cannot express).
    raw: Option<String>,
}

fn good() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/good")
}

fn op(f: &mut Folder) -> &mut Value {
    &mut f.swagger["paths"]["/tasks/{taskId}"]["get"]
}

fn param(f: &mut Folder) -> &mut Value {
    &mut op(f)["parameters"][0]
}

fn set_meta(f: &mut Folder, name: &str, value: &str) {
    for m in f.swagger["x-ms-connector-metadata"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
    {
        if m["propertyName"] == name {
            m["propertyValue"] = json!(value);
        }
    }
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

const REQUESTS: &[Request] = &[
    Request {
        asks: "remove \"Proposal -\" from the title now that the connector is here",
        change: |f| f.pr_title = Some("Proposal - Contoso Tasks (Independent Publisher)".into()),
        rule: "PR-TITLE",
    },
    Request {
        asks: "name the PR \"Contoso Tasks (Independent Publisher)\"",
        change: |f| f.pr_title = Some("Contoso Tasks connector".into()),
        rule: "PR-TITLE",
    },
    Request {
        asks: "name the swagger apiDefinition.swagger.json",
        change: |f| {
            let text = serde_json::to_string_pretty(&f.swagger).unwrap();
            fs::remove_file(f.dir.join("apiDefinition.swagger.json")).unwrap();
            write(&f.dir, "contoso.swagger.json", &text);
            f.raw = Some(String::new()); // nothing to write back
        },
        rule: "FILE-SWAGGER-NAME",
    },
    Request {
        asks: "add info.contact",
        change: |f| {
            f.swagger["info"].as_object_mut().unwrap().remove("contact");
        },
        rule: "CONTACT-PRESENT",
    },
    Request {
        asks: "add x-ms-connector-metadata",
        change: |f| {
            f.swagger
                .as_object_mut()
                .unwrap()
                .remove("x-ms-connector-metadata");
        },
        rule: "METADATA-PRESENT",
    },
    Request {
        asks: "use categories from the documented list",
        change: |f| set_meta(f, "Categories", "Tasks"),
        rule: "METADATA-CATEGORIES",
    },
    Request {
        asks: "at most two categories",
        change: |f| set_meta(f, "Categories", "Productivity;Collaboration;Data"),
        rule: "METADATA-CATEGORIES",
    },
    Request {
        asks: "shorten the title to 30 characters",
        change: |f| f.swagger["info"]["title"] = json!("Contoso Tasks and Projects Manager"),
        rule: "TITLE-MAX-30",
    },
    Request {
        asks: "remove API from the title",
        change: |f| f.swagger["info"]["title"] = json!("Contoso Tasks API"),
        rule: "TITLE-NO-API",
    },
    Request {
        asks: "remove Connector from the title",
        change: |f| f.swagger["info"]["title"] = json!("Contoso Tasks Connector"),
        rule: "TITLE-NO-CONNECTOR",
    },
    Request {
        asks: "the description must be 30 to 500 characters",
        change: |f| f.swagger["info"]["description"] = json!("Contoso tasks."),
        rule: "DESC-LEN-30-500",
    },
    Request {
        asks: "do not name Power Automate in the description",
        change: |f| {
            f.swagger["info"]["description"] =
                json!("Manage Contoso Tasks from Power Automate and your apps.")
        },
        rule: "DESC-NO-PRODUCT",
    },
    Request {
        asks: "add x-ms-summary to the parameter",
        change: |f| {
            param(f).as_object_mut().unwrap().remove("x-ms-summary");
        },
        rule: "PARAM-SUMMARY-PRESENT",
    },
    Request {
        asks: "add a description to the parameter",
        change: |f| {
            param(f).as_object_mut().unwrap().remove("description");
        },
        rule: "PARAM-DESC-PRESENT",
    },
    Request {
        asks: "add a summary to the operation",
        change: |f| {
            op(f).as_object_mut().unwrap().remove("summary");
        },
        rule: "OP-SUMMARY-PRESENT",
    },
    Request {
        asks: "the summary should not be the operationId",
        change: |f| op(f)["summary"] = json!("GetTask"),
        rule: "OP-SUMMARY-NOT-ID",
    },
    Request {
        asks: "no '/' in the summary",
        change: |f| op(f)["summary"] = json!("Get task/project by ID"),
        rule: "OP-SUMMARY-NO-SLASH",
    },
    Request {
        asks: "empty schemas are not allowed anymore",
        change: |f| op(f)["responses"]["200"]["schema"] = json!({}),
        rule: "RESPONSE-NO-EMPTY-SCHEMA",
    },
    Request {
        asks: "no schema on the default response",
        change: |f| {
            op(f)["responses"]["default"]["schema"] =
                json!({"type": "object", "properties": {"error": {"type": "string"}}})
        },
        rule: "RESPONSE-NO-DEFAULT-SCHEMA",
    },
    Request {
        asks: "use #da3b01 as iconBrandColor",
        change: |f| f.props["properties"]["iconBrandColor"] = json!("#ffffff"),
        rule: "IP-BRAND-COLOR",
    },
    Request {
        asks: "host without scheme or path",
        change: |f| f.swagger["host"] = json!("https://api.contoso.com/v1"),
        rule: "HOST-FORMAT",
    },
    Request {
        asks: "scriptOperations does not belong in the swagger",
        change: |f| f.swagger["scriptOperations"] = json!(["GetTask"]),
        rule: "EXT-PREFIX",
    },
    Request {
        asks: "remove the other connector's files",
        change: |f| write(&f.dir, "Contoso Projects/apiDefinition.swagger.json", "{}"),
        rule: "FILE-OTHER-CONNECTOR",
    },
    Request {
        asks: "remove settings.json",
        change: |f| write(&f.dir, "settings.json", "{}"),
        rule: "FILE-EXTRA",
    },
    Request {
        asks: "add the publisher",
        change: |f| {
            f.props["properties"]
                .as_object_mut()
                .unwrap()
                .remove("publisher");
        },
        rule: "AP-PUBLISHER",
    },
    Request {
        asks: "the publisher is not \"System Administrator\"",
        change: |f| f.props["properties"]["publisher"] = json!("System Administrator"),
        rule: "AP-PUBLISHER",
    },
    Request {
        asks: "fill in what the readme still marks [TODO]",
        change: |f| {
            let r = fs::read_to_string(f.dir.join("readme.md")).unwrap();
            write(
                &f.dir,
                "readme.md",
                &format!("{r}\n[TODO: a known issue]\n"),
            );
        },
        rule: "PLACEHOLDER-TODO",
    },
    Request {
        asks: "replace the template's text with yours",
        change: |f| f.swagger["info"]["contact"]["name"] = json!("Full name"),
        rule: "PLACEHOLDER-TEMPLATE",
    },
    Request {
        asks: "a real stack owner, not a placeholder",
        change: |f| f.props["properties"]["stackOwner"] = json!("[[STACK_OWNER]]"),
        rule: "PLACEHOLDER-VALUE",
    },
    Request {
        asks: "operationId appears twice in one operation",
        change: |f| {
            let text = serde_json::to_string_pretty(&f.swagger).unwrap();
            f.raw = Some(text.replacen(
                "\"operationId\": \"GetTask\",",
                "\"operationId\": \"GetTask\",\n        \"operationId\": \"FetchTask\",",
                1,
            ));
        },
        rule: "JSON-DUP-KEY",
    },
    Request {
        asks: "an empty path item",
        change: |f| f.swagger["paths"]["/projects"] = json!({}),
        rule: "PATH-ITEM-EMPTY",
    },
    Request {
        asks: "a $ref to a definition that does not exist",
        change: |f| op(f)["responses"]["200"]["schema"] = json!({"$ref": "#/definitions/Task"}),
        rule: "REF-RESOLVES",
    },
    Request {
        asks: "parameter \"in\" must be path, query, header, body or formData",
        change: |f| param(f)["in"] = json!("Path"),
        rule: "SCHEMA-CONFORM",
    },
    Request {
        asks: "x-ms-dynamic-values names an operation that does not exist",
        change: |f| {
            param(f)["x-ms-dynamic-values"] =
                json!({"operationId": "ListTasks", "value-path": "id"})
        },
        rule: "DYNAMIC-REF",
    },
    Request {
        asks: "two paths are the same route",
        change: |f| {
            let mut item = f.swagger["paths"]["/tasks/{taskId}"].clone();
            item["get"]["operationId"] = json!("GetTaskAgain");
            item["get"]["parameters"][0]["name"] = json!("id");
            f.swagger["paths"]["/tasks/{id}"] = item;
        },
        rule: "PATH-EQUIVALENT",
    },
    Request {
        asks: "the path parameter is not in the path",
        change: |f| param(f)["name"] = json!("projectId"),
        rule: "PARAM-PATH-REQUIRED",
    },
    Request {
        asks: "a boolean default written as a string",
        change: |f| {
            op(f)["parameters"].as_array_mut().unwrap().push(json!({
                "name": "done", "in": "query", "type": "boolean", "default": "true",
                "x-ms-summary": "Done", "description": "Whether the task is done."
            }))
        },
        rule: "VALUE-TYPE",
    },
    Request {
        asks: "remove the unused definition",
        change: |f| f.swagger["definitions"] = json!({"Unused": {"type": "object"}}),
        rule: "DEFS-UNUSED",
    },
    Request {
        asks: "only one swagger in the folder",
        change: |f| write(&f.dir, "old.swagger.json", "{}"),
        rule: "FILE-SWAGGER-ONE",
    },
    Request {
        asks: "at most one zip, the package",
        change: |f| {
            write(&f.dir, "a.zip", "PK");
            write(&f.dir, "b.zip", "PK");
        },
        rule: "FILE-ZIP-ONE",
    },
    Request {
        asks: "the API key has no connection parameter",
        change: |f| {
            f.props["properties"]
                .as_object_mut()
                .unwrap()
                .remove("connectionParameters");
        },
        rule: "SECURITY-AP-MATCH",
    },
    Request {
        asks: "it is Power Automate now, not Microsoft Flow",
        change: |f| {
            op(f)["description"] = json!("Retrieves one task by its identifier for Microsoft Flow.")
        },
        rule: "PRODUCT-NAME-CURRENT",
    },
    Request {
        asks: "fix the spelling",
        change: |f| op(f)["description"] = json!("Retrieves one task by its identifer."),
        rule: "STRING-QUALITY",
    },
];

/// The findings (rule, severity) of the clean connector after `change`.
fn replay(change: fn(&mut Folder), dir_name: &str) -> Vec<(&'static str, Severity)> {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join(dir_name);
    fs::create_dir_all(&dir).unwrap();
    for e in fs::read_dir(good()).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    let read = |name: &str| -> Value {
        serde_json::from_str(&fs::read_to_string(dir.join(name)).unwrap()).unwrap()
    };
    let mut f = Folder {
        swagger: read("apiDefinition.swagger.json"),
        props: read("apiProperties.json"),
        dir: dir.clone(),
        pr_title: None,
        raw: None,
    };
    change(&mut f);
    match &f.raw {
        Some(raw) if raw.is_empty() => {}
        Some(raw) => fs::write(dir.join("apiDefinition.swagger.json"), raw).unwrap(),
        None => fs::write(
            dir.join("apiDefinition.swagger.json"),
            serde_json::to_string_pretty(&f.swagger).unwrap(),
        )
        .unwrap(),
    }
    fs::write(
        dir.join("apiProperties.json"),
        serde_json::to_string_pretty(&f.props).unwrap(),
    )
    .unwrap();
    let c = Connector::load(&dir, Some(ConnectorKind::IndependentPublisher)).unwrap();
    let opts = CheckOptions {
        pr_title: f.pr_title.clone(),
        ..Default::default()
    };
    check(&c, &opts)
        .into_iter()
        .map(|f| (f.rule.as_str(), f.severity))
        .collect()
}

#[test]
fn the_clean_connector_is_clean() {
    let found = replay(|_| {}, "Contoso Tasks");
    assert!(found.iter().all(|(_, s)| *s == Severity::Info), "{found:?}");
}

#[test]
fn every_replayed_review_request_is_reported() {
    let mut missed = Vec::new();
    for r in REQUESTS {
        let found = replay(r.change, "Contoso Tasks");
        let seen = found
            .iter()
            .any(|(id, s)| *id == r.rule && matches!(s, Severity::Error | Severity::Warning));
        if !seen {
            missed.push(format!("{} ({}): got {found:?}", r.asks, r.rule));
        }
    }
    println!(
        "review requests replayed: {}, reported: {}",
        REQUESTS.len(),
        REQUESTS.len() - missed.len()
    );
    assert!(missed.is_empty(), "not reported:\n{}", missed.join("\n"));
}

#[test]
fn a_folder_named_with_the_suffix_is_reported() {
    let found = replay(|_| {}, "Contoso Tasks (Independent Publisher)");
    assert!(
        found.iter().any(|(id, _)| *id == "FOLDER-NO-IP-SUFFIX"),
        "{found:?}"
    );
}
