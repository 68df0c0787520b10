//! `connector-wizard new` end to end: a connector started blank from a session, each marker
//! reported by the real check engine, and the same connector with every marker replaced by
//! a real value passing `check` with no error — for each kind of sign-in.

mod common;

use assert_cmd::Command;
use common::fill_markers;
use connector_wizard::document::Connector;
use connector_wizard::generate::blank::json_markers;
use connector_wizard::rules::{self, Severity};
use connector_wizard::session::ConnectorKind;
use connector_wizard::session::{Session, SessionStore};
use predicates::prelude::PredicateBooleanExt;
use std::fs;
use std::path::{Path, PathBuf};

const NAME: &str = "Larkspur Tasks";

fn home(setup: impl FnOnce(&mut Session)) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let store = SessionStore::new(home.path().join("sessions"));
    let mut open = store
        .create_and_open(NAME, ConnectorKind::IndependentPublisher)
        .unwrap();
    open.update(setup).unwrap();
    home
}

fn cw(home: &Path) -> Command {
    let mut c = Command::cargo_bin("connector-wizard").unwrap();
    c.env("CONNECTOR_WIZARD_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    c
}

fn session(home: &Path) -> Session {
    SessionStore::new(home.join("sessions"))
        .open_read_only(NAME)
        .unwrap()
        .into_session()
}

fn errors(dir: &Path) -> Vec<rules::Finding> {
    let c = Connector::load(dir, None).unwrap();
    rules::check(&c, &Default::default())
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

fn start_blank(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let h = home(|s| {
        s.proposal.publisher = "Ada Example".into();
        s.proposal.stack_owner = "Larkspur Ltd".into();
    });
    let dir = h.path().join("work").join(NAME);
    let mut args = vec![
        "new",
        "--session",
        NAME,
        "--dir",
        dir.to_str().unwrap(),
        "--host",
        "api.larkspur.example",
        "--base-path",
        "/v2",
    ];
    args.extend_from_slice(extra);
    cw(h.path())
        .args(&args)
        .assert()
        .success()
        .stderr(predicates::str::contains("need your words"));
    (h, dir)
}

#[test]
fn every_marker_is_an_error_until_filled_then_check_passes() {
    let kinds: [&[&str]; 5] = [
        &["--auth", "none"],
        &["--auth", "api-key", "--api-key-name", "X-Api-Key"],
        &["--auth", "basic"],
        &[
            "--auth",
            "oauth2",
            "--authorization-url",
            "https://larkspur.example/oauth/authorize",
            "--token-url",
            "https://larkspur.example/oauth/token",
            "--scope",
            "tasks.read",
        ],
        &[
            "--auth",
            "oauth2",
            "--identity-provider",
            "aad",
            "--resource-uri",
            "https://larkspur.example",
        ],
    ];
    let mut readme_markers = 0;
    for extra in kinds {
        let (h, dir) = start_blank(extra);
        let swagger = dir.join("apiDefinition.swagger.json");
        let props = dir.join("apiProperties.json");
        // The blank connector is never clean: each marker is an error at its own pointer.
        let found = errors(&dir);
        let mut markers = 0;
        for file in [&swagger, &props] {
            for m in json_markers(&fs::read_to_string(file).unwrap()) {
                markers += 1;
                assert!(
                    found.iter().any(|f| f
                        .file
                        .ends_with(file.file_name().unwrap().to_str().unwrap())
                        && f.pointer == m.pointer),
                    "{extra:?}: the marker [TODO: {}] at {} is not reported: {found:#?}",
                    m.what,
                    m.pointer
                );
            }
        }
        assert_eq!(markers, 6, "{extra:?}");
        // The session now knows its working copy.
        assert_eq!(
            session(h.path()).connector_dir,
            Some(dir.canonicalize().unwrap())
        );
        // Real values for every marker.
        assert_eq!(fill_markers(&swagger), 6);
        fill_markers(&props);
        // The author adds an operation with a parameter, and its response from a sample.
        let mut v: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&swagger).unwrap()).unwrap();
        v["paths"]["/tasks/{taskId}"] = serde_json::json!({"get": {
            "summary": "Get task by ID", "description": "Retrieves one task by its identifier.",
            "operationId": "GetTask", "x-ms-visibility": "important",
            "parameters": [{"name": "taskId", "in": "path", "required": true, "type": "string",
                "x-ms-summary": "Task ID", "description": "The identifier of the task.",
                "x-ms-url-encoding": "single"}],
            "responses": {"200": {"description": "The task."}}}});
        fs::write(&swagger, serde_json::to_string_pretty(&v).unwrap()).unwrap();
        let sample = h.path().join("sample.json");
        fs::write(
            &sample,
            r#"{"id": "t1", "title": "Write", "dueDate": "2025-03-01", "done": false}"#,
        )
        .unwrap();
        cw(h.path())
            .args([
                "generate",
                "schema",
                "--session",
                NAME,
                "--operation",
                "GetTask",
                "--from-sample",
            ])
            .arg(&sample)
            .assert()
            .success();
        // Each description marker of the schema is an error at its pointer.
        let found = errors(&dir);
        let schema_markers = json_markers(&fs::read_to_string(&swagger).unwrap());
        assert_eq!(schema_markers.len(), 4, "{extra:?}");
        for m in &schema_markers {
            assert!(
                found
                    .iter()
                    .any(|f| f.rule == "PLACEHOLDER-TODO" && f.pointer == m.pointer),
                "{extra:?}: the schema marker at {} is not reported: {found:#?}",
                m.pointer
            );
        }
        assert_eq!(
            fill_markers(&swagger),
            4,
            "one description marker per sample key"
        );
        // The readme from the template, its markers filled: check passes.
        cw(h.path())
            .args(["generate", "readme", "--session", NAME, "-o"])
            .arg(dir.join("readme.md"))
            .assert()
            .success();
        // Every marker of the readme is an error on its line.
        let readme = fs::read_to_string(dir.join("readme.md")).unwrap();
        let marker_lines: Vec<usize> = readme
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains("[TODO: "))
            .map(|(i, _)| i + 1)
            .collect();
        readme_markers += marker_lines.len();
        let found = errors(&dir);
        for line in &marker_lines {
            assert!(
                found.iter().any(|f| f.rule == "PLACEHOLDER-TODO"
                    && f.file.ends_with("readme.md")
                    && f.line == *line),
                "{extra:?}: the readme marker on line {line} is not reported: {found:#?}"
            );
        }
        fill_markers(&dir.join("readme.md"));
        let left = errors(&dir);
        assert!(left.is_empty(), "{extra:?}: {left:#?}");
        cw(h.path())
            .arg("check")
            .arg(&dir)
            .assert()
            .success()
            .stdout(predicates::str::contains("0 errors"));
    }
    assert!(
        readme_markers > 0,
        "no generated readme had a marker to check"
    );
}

#[test]
fn missing_facts_are_named_and_nothing_is_written() {
    let h = home(|_| {});
    let dir = h.path().join("work");
    cw(h.path())
        .args(["new", "--session", NAME, "--dir"])
        .arg(&dir)
        .args(["--auth", "oauth2"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--host"))
        .stderr(predicates::str::contains("--publisher"))
        .stderr(predicates::str::contains("--stack-owner"))
        .stderr(predicates::str::contains("--authorization-url"))
        .stderr(predicates::str::contains("--token-url"))
        .stderr(predicates::str::contains("nothing was written"));
    assert!(!dir.exists());
    assert_eq!(session(h.path()).connector_dir, None);
    // No folder at all: say how to give one.
    cw(h.path())
        .args(["new", "--session", NAME, "--host", "a.example"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--dir PATH"));
    cw(h.path())
        .args(["new", "--session", "Nope", "--host", "a.example"])
        .assert()
        .code(2);
}

#[test]
fn existing_files_are_kept_unless_forced() {
    let (h, dir) = start_blank(&["--auth", "basic"]);
    let swagger = dir.join("apiDefinition.swagger.json");
    fs::write(&swagger, "{\"mine\": true}").unwrap();
    // The session remembers the folder, the publisher and the stack owner.
    cw(h.path())
        .args(["new", "--session", NAME, "--host", "api.larkspur.example"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("add --force"));
    assert_eq!(fs::read_to_string(&swagger).unwrap(), "{\"mine\": true}");
    cw(h.path())
        .args([
            "new",
            "--session",
            NAME,
            "--host",
            "api.larkspur.example",
            "--force",
        ])
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&swagger).unwrap()).unwrap();
    assert_eq!(v["info"]["title"], NAME);
    assert_eq!(v["securityDefinitions"]["basic_auth"]["type"], "basic");
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".cw-tmp")), "{names:?}");
    // Another --dir is a one-off target: the session keeps its working copy.
    let other = h.path().join("other");
    cw(h.path())
        .args([
            "new",
            "--session",
            NAME,
            "--host",
            "api.larkspur.example",
            "--dir",
        ])
        .arg(&other)
        .assert()
        .success();
    assert!(other.join("apiDefinition.swagger.json").is_file());
    assert_eq!(
        session(h.path()).connector_dir,
        Some(dir.canonicalize().unwrap())
    );
}

#[test]
fn a_complete_session_leaves_no_marker() {
    let h = home(|s| {
        s.proposal.publisher = "Ada Example".into();
        s.proposal.stack_owner = "Larkspur Ltd".into();
        s.proposal.service_description =
            "Larkspur Tasks keeps the to-do lists of small teams in one shared place.".into();
        s.proposal.website_url = "https://larkspur.example".into();
        s.proposal.privacy_policy_url = "https://larkspur.example/privacy".into();
        s.proposal.contact_email = "ada@ada.example".into();
        s.proposal.categories = vec!["Productivity".into(), "Collaboration".into()];
        s.proposal.auth = connector_wizard::session::AuthKind::Basic;
    });
    let dir = h.path().join("w");
    cw(h.path())
        .args([
            "new",
            "--session",
            NAME,
            "--host",
            "api.larkspur.example",
            "--contact-url",
            "https://ada.example",
        ])
        .arg("--dir")
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicates::str::contains("need your words").not());
    let text = fs::read_to_string(dir.join("apiDefinition.swagger.json")).unwrap();
    assert!(json_markers(&text).is_empty(), "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["x-ms-connector-metadata"][2]["propertyValue"],
        "Productivity;Collaboration"
    );
    assert!(errors(&dir).iter().all(|f| f.rule == "README-PRESENT"));
}
