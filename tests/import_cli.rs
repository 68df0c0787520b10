//! `connector-wizard import` and `generate schema --from-sample` end to end, with
//! `CONNECTOR_WIZARD_HOME` in a temporary folder.

mod common;

use assert_cmd::Command;
use connector_wizard::session::{ConnectorKind, SessionStore};
use predicates::prelude::*;
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};

const NAME: &str = "Larkspur Tasks";

/// A home with a session that knows its facts and has a working copy folder (empty).
fn home() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("work");
    fs::create_dir(&dir).unwrap();
    let store = SessionStore::new(home.path().join("sessions"));
    let mut open = store
        .create_and_open(NAME, ConnectorKind::IndependentPublisher)
        .unwrap();
    open.update(|s| {
        s.connector_dir = Some(dir.clone());
        s.proposal.publisher = "Ada Example".into();
        s.proposal.stack_owner = "Larkspur Ltd".into();
        s.proposal.service_description =
            "Larkspur Tasks keeps the to-do lists of small teams in one shared place.".into();
        s.proposal.website_url = "https://larkspur.example".into();
        s.proposal.privacy_policy_url = "https://larkspur.example/privacy".into();
        s.proposal.contact_email = "ada@ada.example".into();
        s.proposal.categories = vec!["Productivity".into()];
    })
    .unwrap();
    (home, dir)
}

fn cw(home: &Path) -> Command {
    let mut c = Command::cargo_bin("connector-wizard").unwrap();
    c.env("CONNECTOR_WIZARD_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    c
}

/// `generate schema --session NAME --operation OP [extra…] --from-sample SAMPLE`.
fn schema_into(home: &Path, op: &str, extra: &[&str], sample: &Path) -> assert_cmd::assert::Assert {
    cw(home)
        .args(["generate", "schema", "--session", NAME, "--operation", op])
        .args(extra)
        .arg("--from-sample")
        .arg(sample)
        .assert()
}

fn fixture() -> PathBuf {
    common::fixture("import").join("larkspur.openapi.yaml")
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn list_shows_every_operation_and_its_id() {
    let (h, _) = home();
    cw(h.path())
        .arg("import")
        .arg(fixture())
        .arg("--list")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "ListProjects   GET     /projects  [derived]",
        ))
        .stdout(predicate::str::contains(
            "CreateTask     POST    /projects/{projectId}/tasks  (Create a task)  [was createTask]",
        ))
        .stdout(predicate::str::contains("6 operations"));
    let out = cw(h.path())
        .arg("import")
        .arg(fixture())
        .args(["--list", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 6);
    assert_eq!(v[2]["operation_id"], "GetTask");
}

#[test]
fn import_writes_the_working_copy_and_reports_with_lines() {
    let (h, dir) = home();
    cw(h.path())
        .arg("import")
        .arg(fixture())
        .args([
            "--session",
            NAME,
            "--operation",
            "GetTask",
            "--operation",
            "AddAttachment",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "larkspur.openapi.yaml:15: the server variable {region}",
        ))
        .stderr(predicate::str::contains("imported 2 of 6 operations"))
        .stderr(predicate::str::contains("need your words").not());
    assert_eq!(
        entries(&dir),
        ["apiDefinition.swagger.json", "apiProperties.json"]
    );
    let s: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("apiDefinition.swagger.json")).unwrap())
            .unwrap();
    // The session's facts: title, description, contact, metadata.
    assert_eq!(s["info"]["title"], NAME);
    assert_eq!(s["info"]["contact"]["name"], "Ada Example");
    assert_eq!(
        s["info"]["contact"]["url"], "https://larkspur.example/support",
        "the source's"
    );
    assert_eq!(
        s["x-ms-connector-metadata"][2]["propertyValue"],
        "Productivity"
    );
    let ops: Vec<&str> = s["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|i| i.as_object().unwrap().values())
        .filter_map(|o| o["operationId"].as_str())
        .collect();
    assert_eq!(ops, ["GetTask", "AddAttachment"]);
    let ap: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("apiProperties.json")).unwrap()).unwrap();
    assert_eq!(ap["properties"]["publisher"], "Ada Example");
    // The imported swagger passes the swagger rules (a lone file: no readme rules).
    cw(h.path())
        .arg("check")
        .arg(dir.join("apiDefinition.swagger.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));

    // A second import does not replace the swagger unless asked.
    let before = fs::read(dir.join("apiDefinition.swagger.json")).unwrap();
    cw(h.path())
        .arg("import")
        .arg(fixture())
        .args(["--session", NAME])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("add --force"));
    assert_eq!(
        fs::read(dir.join("apiDefinition.swagger.json")).unwrap(),
        before
    );
    cw(h.path())
        .arg("import")
        .arg(fixture())
        .args(["--session", NAME, "--force", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"kind\": \"not-converted\""));
    assert_ne!(
        fs::read(dir.join("apiDefinition.swagger.json")).unwrap(),
        before
    );
}

#[test]
fn bad_input_writes_nothing() {
    let (h, dir) = home();
    let bad = h.path().join("bad");
    fs::create_dir(&bad).unwrap();
    let cases: [(&str, &str, &str); 4] = [
        ("plain.json", "{\"hello\": \"world\"}", "not an OpenAPI or Swagger document"),
        ("loop.yaml", "openapi: 3.0.0\npaths: &p\n  /a:\n    x: *p\n", "loop.yaml:4"),
        ("broken.yaml", "openapi: 3.0.0\npaths:\n  /a: [1, 2\n", "broken.yaml:"),
        (
            "ref.yaml",
            "openapi: 3.0.0\npaths:\n  /a:\n    get:\n      parameters:\n        - $ref: '#/components/parameters/Nope'\n      responses:\n        '200': {description: ok}\n",
            "ref.yaml:6: the $ref \"#/components/parameters/Nope\" points to nothing",
        ),
    ];
    for (name, text, expected) in cases {
        let p = bad.join(name);
        fs::write(&p, text).unwrap();
        cw(h.path())
            .arg("import")
            .arg(&p)
            .args(["--session", NAME])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected))
            .stderr(predicate::str::contains("nothing was written"));
    }
    let huge = bad.join("huge.yaml");
    fs::File::create(&huge)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    cw(h.path())
        .arg("import")
        .arg(&huge)
        .args(["--session", NAME])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("over the import limit"));
    cw(h.path())
        .arg("import")
        .arg(fixture())
        .args(["--session", NAME, "--operation", "Nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no operation Nope"));
    assert!(entries(&dir).is_empty(), "{:?}", entries(&dir));
}

#[test]
fn schema_from_a_sample_is_printed_or_put_into_the_swagger() {
    let (h, dir) = home();
    let sample = h.path().join("task.json");
    fs::write(
        &sample,
        r#"{"id": "t1", "due": "2025-03-01T10:00:00Z", "tags": [{"name": "red"}]}"#,
    )
    .unwrap();
    let out = cw(h.path())
        .args(["generate", "schema", "--from-sample"])
        .arg(&sample)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["properties"]["due"]["format"], "date-time");
    assert_eq!(
        v["properties"]["tags"]["items"]["properties"]["name"]["x-ms-summary"],
        "Name"
    );

    cw(h.path())
        .arg("import")
        .arg(fixture())
        .args([
            "--session",
            NAME,
            "--operation",
            "GetTask",
            "--operation",
            "DeleteTask",
        ])
        .assert()
        .success();
    let path = dir.join("apiDefinition.swagger.json");
    let before = fs::read_to_string(&path).unwrap();
    // GetTask's 200 has a schema (a $ref): replacing needs --replace.
    schema_into(h.path(), "GetTask", &[], &sample)
        .code(1)
        .stderr(predicate::str::contains("--replace"));
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    // Extending follows the $ref into the definition and adds what it lacks.
    schema_into(h.path(), "GetTask", &["--extend"], &sample)
        .success()
        .stderr(predicate::str::contains("added 2 properties"));
    let after = fs::read_to_string(&path).unwrap();
    let v: Value = serde_json::from_str(&after).unwrap();
    assert_eq!(
        v["definitions"]["Task"]["allOf"][1]["properties"]["due"]["format"],
        "date-time"
    );
    // Only insertions: the old text is still there around them.
    let common_prefix = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let common_suffix = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    assert!(
        common_prefix + common_suffix >= before.len(),
        "one insertion only"
    );
    // DeleteTask has no success response with a body: a 204 only, so a 200 is added.
    schema_into(h.path(), "DeleteTask", &[], &sample).success();
    let v: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        v["paths"]["/tasks/{taskId}"]["delete"]["responses"]["204"],
        json!({"description": "Deleted."})
    );
    assert_eq!(
        v["paths"]["/tasks/{taskId}"]["delete"]["responses"]["200"]["schema"]["type"],
        "object"
    );
    // A sample that is not JSON: its line, nothing written.
    let bad = h.path().join("bad.json");
    fs::write(&bad, "{\n  \"a\": 1,\n  \"b\"\n}").unwrap();
    let now = fs::read(&path).unwrap();
    schema_into(h.path(), "GetTask", &["--replace"], &bad)
        .code(2)
        .stderr(predicate::str::contains("line 4"));
    assert_eq!(fs::read(&path).unwrap(), now);
}
