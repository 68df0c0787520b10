//! `connector-wizard generate` end to end, with `CONNECTOR_WIZARD_HOME` in a temporary folder.

use assert_cmd::Command;
use connector_wizard::session::{AuthKind, ConnectorKind, DuplicateOutcome, SessionStore};
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/generate")
        .join(name)
}

/// A home with one session, "Larkspur Tasks", on the given fixture folder.
fn home(fixture_name: Option<&str>, update: bool) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let store = SessionStore::new(home.path().join("sessions"));
    let mut open = store
        .create_and_open("Larkspur Tasks", ConnectorKind::IndependentPublisher)
        .unwrap();
    open.update(|s| {
        s.is_update = update;
        s.connector_dir = fixture_name.map(fixture);
        s.proposal.publisher = "Ada Example".into();
        s.proposal.stack_owner = "Larkspur Ltd".into();
        s.proposal.contact_email = "ada@larkspur.example".into();
        s.proposal.service_description =
            "Larkspur Tasks keeps the to-do lists of small teams.".into();
        s.proposal.auth = AuthKind::ApiKey;
        s.duplicate.outcome = Some(DuplicateOutcome::NoDuplicate);
    })
    .unwrap();
    home
}

fn cw(home: &Path) -> Command {
    let mut c = Command::cargo_bin("connector-wizard").unwrap();
    c.env("CONNECTOR_WIZARD_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    c
}

#[test]
fn prints_each_artefact() {
    let h = home(Some("apikey"), false);
    cw(h.path())
        .args(["generate", "pr-title", "--session", "Larkspur Tasks"])
        .assert()
        .success()
        .stdout("Larkspur Tasks (Independent Publisher)\n");
    cw(h.path())
        .args([
            "generate",
            "pr-title",
            "--proposal",
            "--session",
            "larkspur tasks",
        ])
        .assert()
        .success()
        .stdout("Proposal - Larkspur Tasks (Independent Publisher)\n");
    cw(h.path())
        .args(["generate", "readme", "--session", "Larkspur Tasks"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Larkspur Tasks\n"))
        .stdout(predicate::str::contains("## Publisher: Ada Example\n"))
        .stdout(predicate::str::contains("### Close a task\n"))
        // The API key's location is not in the swagger: the person is told what to fill in.
        .stderr(predicate::str::contains(
            "1 place marked [TODO: …] needs your words",
        ));
    let out = cw(h.path())
        .args(["generate", "api-properties", "--session", "Larkspur Tasks"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["properties"]["iconBrandColor"], "#da3b01");
    cw(h.path())
        .args(["generate", "intro", "--session", "Larkspur Tasks"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## How to get credentials"));
    cw(h.path())
        .args(["generate", "pr-body", "--session", "Larkspur Tasks"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "- [x] The connector does not exist yet",
        ))
        .stdout(predicate::str::contains("- [ ] A screenshot below shows"))
        .stdout(predicate::str::contains("## Validation"));
    cw(h.path())
        .args(["generate", "search-url", "--session", "Larkspur Tasks"])
        .assert()
        .success()
        .stdout("https://github.com/microsoft/PowerPlatformConnectors/pulls?q=is%3Apr+%22Larkspur+Tasks%22\n");
}

#[test]
fn update_sessions_get_the_update_title_and_body() {
    let h = home(Some("apikey"), true);
    cw(h.path())
        .args(["generate", "pr-title", "--session", "Larkspur Tasks"])
        .assert()
        .success()
        .stdout("Larkspur Tasks (Independent Publisher) - update\n");
    cw(h.path())
        .args(["generate", "pr-body", "--session", "Larkspur Tasks"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## What changes"));
}

#[test]
fn output_file_is_never_replaced_without_force() {
    let h = home(Some("oauth"), false);
    let out = h.path().join("readme.md");
    cw(h.path())
        .args(["generate", "readme", "--session", "Larkspur Tasks", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("wrote"));
    let first = fs::read_to_string(&out).unwrap();
    assert!(first.contains("https://global-test.consent.azure-apim.net/redirect"));

    fs::write(&out, "mine\n").unwrap();
    cw(h.path())
        .args(["generate", "readme", "--session", "Larkspur Tasks", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("exists; add --force"));
    assert_eq!(fs::read_to_string(&out).unwrap(), "mine\n");

    cw(h.path())
        .args([
            "generate",
            "readme",
            "--session",
            "Larkspur Tasks",
            "--force",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&out).unwrap(), first);
    let leftovers: Vec<_> = fs::read_dir(h.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".cw-tmp")
        })
        .collect();
    assert!(leftovers.is_empty());

    cw(h.path())
        .args(["generate", "readme", "--session", "Larkspur Tasks", "-o"])
        .arg(h.path().join("no/such/dir/readme.md"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn compare_url_needs_an_owner_and_uses_it() {
    let h = home(Some("apikey"), false);
    cw(h.path())
        .args(["generate", "compare-url", "--session", "Larkspur Tasks", "--owner", "ada"])
        .args(["--branch", "larkspur"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "https://github.com/microsoft/PowerPlatformConnectors/compare/dev...ada:larkspur?quick_pull=1&title=Larkspur%20Tasks%20%28Independent%20Publisher%29&body=",
        ));
    cw(h.path())
        .args([
            "generate",
            "compare-url",
            "--proposal",
            "--session",
            "Larkspur Tasks",
            "--owner",
            "ada",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("title=Proposal%20-%20Larkspur"));
    // No --owner and no github.user in a git config that is empty.
    cw(h.path())
        .env("HOME", h.path())
        .env("XDG_CONFIG_HOME", h.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", h.path().join("no-gitconfig"))
        .current_dir(h.path())
        .args(["generate", "compare-url", "--session", "Larkspur Tasks"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--owner"));
}

#[test]
fn bad_input_is_explained() {
    let h = home(None, false);
    cw(h.path())
        .args(["generate", "readme", "--session", "Nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no session named `Nope`"));
    cw(h.path())
        .args([
            "generate",
            "readme",
            "--proposal",
            "--session",
            "Larkspur Tasks",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--proposal goes with pr-title or compare-url",
        ));
    cw(h.path())
        .args(["generate", "readme", "--session", "Larkspur Tasks", "--dir"])
        .arg(h.path().join("missing"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file or folder"));
    // Without connector files the readme comes from the session's planned facts.
    cw(h.path())
        .args(["generate", "readme", "--session", "Larkspur Tasks"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## Supported Operations"))
        .stderr(predicate::str::contains("has no connector folder yet"));
}
